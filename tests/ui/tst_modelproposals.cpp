// A model's proposals in the image editor (docs/architecture.md §15), driven
// with keys and the mouse: the score threshold hides weak ones, E accepts
// the one under the cursor, X rejects it for good, Shift+A accepts the rest,
// one is edited and one added by hand; submitting stores how much the model
// helped, which `postil-cli stats` and computeProjectStats report.
#include <QApplication>
#include <QJsonArray>
#include <QPainter>
#include <QProcess>
#include <QPushButton>
#include <QSlider>
#include <QTemporaryDir>
#include <QtTest>
#include <memory>

#include "assist/assisthelp.h"
#include "document/taskdocument.h"
#include "editors/compare/compareeditor.h"
#include "editors/compare/judgepanel.h"
#include "editors/image/boxlayer.h"
#include "editors/image/imagecanvas.h"
#include "editors/image/imageeditor.h"
#include "editors/text/spantextview.h"
#include "editors/text/texteditor.h"
#include "model/comparisonresult.h"
#include "model/project.h"
#include "model/projectstats.h"
#include "testsupport.h"
#include "widgets/proposalbar.h"
#include "widgettestsupport.h"

using namespace postil;

namespace {

const char* const kSchema = R"({"labels": [{"name": "word", "kinds": ["image"]},
  {"name": "total", "kinds": ["image"]}, {"name": "AMOUNT", "kinds": ["text"]},
  {"name": "DATE", "kinds": ["text"]}, {"name": "EMAIL", "kinds": ["text"]}]})";

QJsonObject span(const QString& label, int start, int end, double score) {
    return {{QStringLiteral("label"), label},
            {QStringLiteral("start"), start},
            {QStringLiteral("end"), end},
            {QStringLiteral("score"), score}};
}

QJsonObject scored(const QString& label, double x, double y, double score) {
    return {{QStringLiteral("label"), label}, {QStringLiteral("x"), x},
            {QStringLiteral("y"), y},         {QStringLiteral("w"), 60},
            {QStringLiteral("h"), 30},        {QStringLiteral("score"), score}};
}

}  // namespace

class TestModelProposals : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<Project> m_project;
    std::unique_ptr<ImageEditor> m_editor;
    std::unique_ptr<TaskDocument> m_document;

    QWidget* viewport() const { return m_editor->canvas()->viewport(); }
    QPoint at(const QPointF& imagePos) const { return m_editor->canvas()->viewportPoint(imagePos); }
    void key(int code, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
        QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : viewport(),
                        Qt::Key(code), modifiers);
    }
    void open(const Task& task) {
        m_editor->setDocument(nullptr);
        m_document = std::make_unique<TaskDocument>(*m_project, task);
        m_editor->setDocument(m_document.get());
        m_editor->focusEditor();
        QTRY_VERIFY(m_editor->canvas()->hasImage());
    }
    QJsonObject stored() {
        auto row = m_project->annotations().get(m_document->task().uid, m_project->annotator());
        return row && !row->deleted ? row->result : QJsonObject();
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        isolateSettings(m_dir.filePath(QStringLiteral("settings")));
        m_path = m_dir.filePath(QStringLiteral("receipts.postil"));
        m_project = makeProject(m_path, kSchema);
        m_project->setIdentity({QStringLiteral("alice"), QStringLiteral("laptop")});
        QImage image(400, 300, QImage::Format_RGB32);
        image.fill(Qt::white);
        QVERIFY(image.save(m_dir.filePath(QStringLiteral("r1.png"))));
        m_editor = std::make_unique<ImageEditor>();
        QVERIFY(showActive(m_editor->widget(), QSize(1000, 700)));
    }

    void acceptRejectThresholdEditThenSubmitCounts() {
        Task task = addTask(*m_project, QStringLiteral("r1"), TaskKind::Image,
                            {{QStringLiteral("image"), QStringLiteral("r1.png")}});
        // The model's row, as core/assist stores it.
        addAnnotation(
            *m_project, task.uid, QStringLiteral("model:ocr"), AnnotationStatus::Draft,
            {{QStringLiteral("boxes"),
              QJsonArray{scored(QStringLiteral("word"), 10, 10, 0.9),        // A
                         scored(QStringLiteral("word"), 100, 10, 0.8),       // B
                         scored(QStringLiteral("word"), 200, 10, 0.3),       // C
                         scored(QStringLiteral("total"), 10, 100, 0.7),      // D
                         scored(QStringLiteral("total"), 100, 100, 0.95)}},  // E
             {QStringLiteral("model"),
              QJsonObject{{QStringLiteral("name"), QStringLiteral("ocr")},
                          {QStringLiteral("at"), QStringLiteral("2026-12-06T19:00:00Z")}}}});
        open(task);
        QCOMPARE(m_editor->proposals().size(), 5);
        ProposalBar* bar = m_editor->proposalBar();
        QVERIFY(bar->isVisible());
        QVERIFY2(bar->summary().startsWith(QStringLiteral("model:ocr: 5 proposed boxes left")),
                 qPrintable(bar->summary()));
        QCOMPARE(ProposalLayerItem::caption(m_editor->proposals().at(0)),
                 QStringLiteral("model:ocr: word 0.90"));

        // The threshold to 0.50 with the keyboard on the slider: C (0.3) hides.
        QSlider* slider = bar->slider();
        QTest::mouseClick(slider, Qt::LeftButton, {}, QPoint(2, slider->height() / 2));
        slider->setValue(0);
        for (int i = 0; i < 5; ++i)
            QTest::keyClick(slider, Qt::Key_PageUp);
        QCOMPARE(bar->threshold(), 0.5);
        QCOMPARE(m_editor->proposals().size(), 4);
        QVERIFY2(bar->summary().contains(QStringLiteral("1 hidden")), qPrintable(bar->summary()));
        m_editor->focusEditor();

        // E on A: accepted unchanged.
        QTest::mouseMove(viewport(), at({40, 25}));
        key(Qt::Key_E);
        QCOMPARE(stored().value(QStringLiteral("boxes")).toArray().size(), 1);
        // X on B: rejected, and it stays hidden (kept in the result).
        QTest::mouseMove(viewport(), at({130, 25}));
        key(Qt::Key_X);
        QCOMPARE(m_editor->proposals().size(), 2);
        QCOMPARE(stored()
                     .value(QStringLiteral("assist"))
                     .toObject()
                     .value(QStringLiteral("dismissed"))
                     .toArray(),
                 QJsonArray{1});
        // Undo brings B back; redo rejects it again.
        m_document->undoStack()->undo();
        QCOMPARE(m_editor->proposals().size(), 3);
        m_document->undoStack()->redo();
        QCOMPARE(m_editor->proposals().size(), 2);

        // Shift+A: D and E.
        key(Qt::Key_A, Qt::ShiftModifier);
        QCOMPARE(stored().value(QStringLiteral("boxes")).toArray().size(), 3);
        QCOMPARE(m_editor->proposals().size(), 0);

        // D edited: clicked and moved 3 px right; then duplicated: one by hand.
        QTest::mouseClick(viewport(), Qt::LeftButton, {}, at({40, 115}));
        QCOMPARE(m_editor->canvas()->layer()->selection().size(), 1);
        key(Qt::Key_Right);
        key(Qt::Key_Right);
        key(Qt::Key_Right);
        key(Qt::Key_D, Qt::ControlModifier);
        QCOMPARE(stored().value(QStringLiteral("boxes")).toArray().size(), 4);

        // Opened again: B stays rejected and C under the threshold (the bar
        // keeps it across tasks); D's original is not offered again beside the
        // moved D, which covers it.
        open(task);
        QCOMPARE(bar->threshold(), 0.5);
        QCOMPARE(m_editor->proposals().size(), 0);
        QVERIFY(m_editor->proposalBar()->summary().contains(QStringLiteral("2 hidden")));

        m_document->submit();
        const QJsonObject assist = stored().value(QStringLiteral("assist")).toObject();
        QCOMPARE(assist.value(QStringLiteral("from")).toString(), QStringLiteral("model:ocr"));
        QCOMPARE(assist.value(QStringLiteral("accepted")).toInt(), 2);  // A, E
        QCOMPARE(assist.value(QStringLiteral("edited")).toInt(), 1);    // D
        QCOMPARE(assist.value(QStringLiteral("rejected")).toInt(), 2);  // B, C
        QCOMPARE(assist.value(QStringLiteral("added")).toInt(), 1);     // the duplicate

        auto stats = computeProjectStats(*m_project);
        QVERIFY(stats.ok());
        QCOMPARE(stats->assistHelp.size(), 1);
        const AssistHelpStats& help = stats->assistHelp.first();
        QCOMPARE(help.from, QStringLiteral("model:ocr"));
        QCOMPARE(help.tasks, qint64(1));
        QCOMPARE(help.accepted, qint64(2));
        QCOMPARE(help.edited, qint64(1));
        QCOMPARE(help.rejected, qint64(2));
        QCOMPARE(help.added, qint64(1));

        // The command line says the same.
        QProcess cli;
        cli.start(QStringLiteral(POSTIL_CLI_PATH), {QStringLiteral("stats"), m_path});
        QVERIFY(cli.waitForFinished(30000));
        const QString out = QString::fromUtf8(cli.readAllStandardOutput());
        QVERIFY2(out.contains(QStringLiteral("model help:  model:ocr on 1 submitted tasks: 2 "
                                             "accepted unchanged, 1 edited, 2 rejected, 1 added "
                                             "by hand; 75% of the submitted parts came from the "
                                             "model")),
                 qPrintable(out));
    }

    // The text editor: the threshold hides a weak span, X at the caret
    // rejects one, E copies the next; the submit counts them.
    void textProposalsAcceptRejectThreshold() {
        const QString text = QStringLiteral("Paid 12.50 on 2024-05-01 to bob@example.com ok");
        Task task = addTask(*m_project, QStringLiteral("t1"), TaskKind::Text,
                            {{QStringLiteral("text"), text}});
        addAnnotation(
            *m_project, task.uid, QStringLiteral("model:entities"), AnnotationStatus::Draft,
            {{QStringLiteral("spans"), QJsonArray{span(QStringLiteral("AMOUNT"), 5, 10, 0.9),
                                                  span(QStringLiteral("DATE"), 14, 24, 0.8),
                                                  span(QStringLiteral("EMAIL"), 28, 43, 0.2)}}});
        TextEditor editor;
        QVERIFY(showActive(editor.widget(), QSize(1000, 600)));
        TaskDocument document(*m_project, task);
        editor.setDocument(&document);
        editor.focusEditor();
        QCOMPARE(editor.proposalCount(), 3);
        ProposalBar* bar = editor.proposalBar();
        QVERIFY(bar->isVisible());
        bar->slider()->setValue(50);
        QCOMPARE(editor.proposalCount(), 2);
        QVERIFY2(bar->summary().contains(QStringLiteral("1 hidden")), qPrintable(bar->summary()));

        // The caret into the date, then X.
        SpanTextView* view = editor.view();
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->caretPoint(17));
        QCOMPARE(view->caret(), qsizetype(17));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_X);
        QCOMPARE(editor.proposalCount(), 1);
        // E: the one left, the amount.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_E);
        QCOMPARE(editor.proposalCount(), 0);
        document.submit();
        editor.setDocument(nullptr);

        auto row = m_project->annotations().get(task.uid, m_project->annotator());
        QVERIFY(row);
        const QJsonObject assist = row->result.value(QStringLiteral("assist")).toObject();
        QCOMPARE(assist.value(QStringLiteral("from")).toString(), QStringLiteral("model:entities"));
        QCOMPARE(assist.value(QStringLiteral("dismissed")).toArray(), QJsonArray{1});
        QCOMPARE(assist.value(QStringLiteral("accepted")).toInt(), 1);
        QCOMPARE(assist.value(QStringLiteral("edited")).toInt(), 0);
        QCOMPARE(assist.value(QStringLiteral("rejected")).toInt(), 2);
        QCOMPARE(assist.value(QStringLiteral("added")).toInt(), 0);
    }

    // An LLM judge, blind first: its verdict and critique show only after
    // the evaluator's verdict (the W key), and its critique can start theirs.
    void judgeShowsAfterTheEvaluatorsVerdict() {
        Task task =
            addTask(*m_project, QStringLiteral("c1"), TaskKind::Compare,
                    {{QStringLiteral("prompt"), QStringLiteral("Capital of France?")},
                     {QStringLiteral("responses"),
                      QJsonArray{QStringLiteral("Paris."), QStringLiteral("Lyon, I think.")}}});
        addAnnotation(*m_project, task.uid, QStringLiteral("model:judge"), AnnotationStatus::Draft,
                      {{QStringLiteral("preference"), -2},
                       {QStringLiteral("critique"), QStringLiteral("The first is right.")}});
        CompareEditor editor;
        QVERIFY(showActive(editor.widget(), QSize(1000, 700)));
        TaskDocument document(*m_project, task);
        editor.setDocument(&document);
        editor.focusEditor();
        JudgePanel* judge = editor.judgePanel();
        QVERIFY(judge->isVisible());
        QVERIFY(!judge->revealed());
        QVERIFY2(!judge->text().contains(QStringLiteral("first is right")),
                 qPrintable(judge->text()));
        QVERIFY(!judge->takeButton()->isVisible());

        QTest::keyClick(QApplication::focusWidget(), Qt::Key_W);  // "A is better"
        QVERIFY(ComparisonResult::read(document.result(), 2).hasVerdict());
        QVERIFY(judge->revealed());
        QVERIFY2(judge->text().contains(QStringLiteral("model:judge: ")) &&
                     judge->text().contains(QStringLiteral("The first is right.")),
                 qPrintable(judge->text()));
        QVERIFY(judge->takeButton()->isVisible() && judge->takeButton()->isEnabled());
        QTest::mouseClick(judge->takeButton(), Qt::LeftButton);
        auto row = m_project->annotations().get(task.uid, m_project->annotator());
        QVERIFY(row);
        QCOMPARE(ComparisonResult::read(row->result, 2).critique(),
                 QStringLiteral("The first is right."));
        QVERIFY(!judge->takeButton()->isEnabled());  // theirs is not empty now
        editor.setDocument(nullptr);
    }

    // The counts themselves, per kind, without an editor.
    void measureMatchesPartsPerKind() {
        const QJsonObject model{
            {QStringLiteral("spans"),
             QJsonArray{QJsonObject{{QStringLiteral("label"), QStringLiteral("DATE")},
                                    {QStringLiteral("start"), 0},
                                    {QStringLiteral("end"), 10}},
                        QJsonObject{{QStringLiteral("label"), QStringLiteral("EMAIL")},
                                    {QStringLiteral("start"), 20},
                                    {QStringLiteral("end"), 30}},
                        QJsonObject{{QStringLiteral("label"), QStringLiteral("AMOUNT")},
                                    {QStringLiteral("start"), 40},
                                    {QStringLiteral("end"), 44}}}}};
        const QJsonObject own{
            {QStringLiteral("spans"),
             QJsonArray{QJsonObject{{QStringLiteral("label"), QStringLiteral("DATE")},
                                    {QStringLiteral("start"), 0},
                                    {QStringLiteral("end"), 10}},
                        QJsonObject{{QStringLiteral("label"), QStringLiteral("EMAIL")},
                                    {QStringLiteral("start"), 21},
                                    {QStringLiteral("end"), 30}},
                        QJsonObject{{QStringLiteral("label"), QStringLiteral("DATE")},
                                    {QStringLiteral("start"), 50},
                                    {QStringLiteral("end"), 60}}}}};
        const auto counts = assisthelp::measure(TaskKind::Text, model, own);
        QCOMPARE(counts.accepted, qint64(1));
        QCOMPARE(counts.edited, qint64(1));
        QCOMPARE(counts.rejected, qint64(1));
        QCOMPARE(counts.added, qint64(1));

        auto segment = [](qint64 start, qint64 end, const QString& text) {
            return QJsonObject{{QStringLiteral("start_ms"), start},
                               {QStringLiteral("end_ms"), end},
                               {QStringLiteral("speaker"), QString()},
                               {QStringLiteral("text"), text}};
        };
        const auto audio = assisthelp::measure(
            TaskKind::Audio,
            {{QStringLiteral("segments"), QJsonArray{segment(0, 1000, QStringLiteral("hello")),
                                                     segment(1000, 2000, QStringLiteral("wold"))}}},
            {{QStringLiteral("segments"),
              QJsonArray{segment(0, 1000, QStringLiteral("hello")),
                         segment(1000, 2000, QStringLiteral("world"))}}});
        QCOMPARE(audio.accepted, qint64(1));
        QCOMPARE(audio.edited, qint64(1));
        QCOMPARE(audio.rejected, qint64(0));
        QCOMPARE(audio.added, qint64(0));
    }
};

QTEST_MAIN(TestModelProposals)
#include "tst_modelproposals.moc"

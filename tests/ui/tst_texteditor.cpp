#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTextBoundaryFinder>
#include <QToolBar>
#include <QTreeView>
#include <QtTest>
#include <memory>

#include "document/taskdocument.h"
#include "editors/text/findbar.h"
#include "editors/text/spanedits.h"
#include "editors/text/spanindex.h"
#include "editors/text/spanlistmodel.h"
#include "editors/text/spansidepanel.h"
#include "editors/text/spantextview.h"
#include "editors/text/texteditor.h"
#include "editors/text/textpagelayout.h"
#include "keys/keymap.h"
#include "model/project.h"
#include "shell/editorregistry.h"
#include "testsupport.h"
#include "widgets/attributespanel.h"
#include "widgets/labelpalette.h"
#include "widgettestsupport.h"

using namespace postil;

namespace {

const char* const kSchema = R"({
  "labels": [{"name": "PER", "color": "#e6194b", "kinds": ["text"]},
             {"name": "box", "kinds": ["image"]},
             {"name": "ORG", "color": "#4363d8", "kinds": ["text"]},
             {"name": "LOC", "color": "#3cb44b", "kinds": ["text"]},
             {"name": "EMOJI", "color": "#f58231", "kinds": ["text"]}],
  "relations": [{"name": "works_for", "color": "#8a2be2"}, {"name": "located_in"}],
  "attributes": [{"name": "negated", "type": "flag"},
                 {"name": "occluded", "type": "flag", "kinds": ["image"]},
                 {"name": "certainty", "type": "single", "options": ["high", "low"]}]
})";

// Code points before UTF-16 index 'utf16': what the project stores.
qint64 codePoints(const QString& text, qsizetype utf16) {
    return QStringView(text).left(utf16).toUcs4().size();
}

struct StoredSpan {
    QString label;
    qint64 start = -1;
    qint64 end = -1;
    QJsonObject attrs;
    QString note;
};

QJsonObject spanJson(const QString& label, qint64 start, qint64 end) {
    return {{QStringLiteral("label"), label},
            {QStringLiteral("start"), double(start)},
            {QStringLiteral("end"), double(end)}};
}

}  // namespace

class TestTextEditor : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QTemporaryDir m_settingsDir;
    QString m_path;
    std::unique_ptr<Project> m_project;
    std::unique_ptr<TextEditor> m_editor;
    std::unique_ptr<TaskDocument> m_document;
    int m_taskCount = 0;

    SpanTextView* view() const { return m_editor->view(); }
    QWidget* viewport() const { return m_editor->view()->viewport(); }
    const QString& text() const { return view()->text(); }

    void open(const QString& text, const QJsonObject& result = {},
              const QString& query = QString()) {
        m_editor->setDocument(nullptr);
        QJsonObject data{{QStringLiteral("text"), text}};
        if (!query.isEmpty())
            data.insert(QStringLiteral("query"), query);
        const Task task =
            addTask(*m_project, QStringLiteral("text-%1").arg(++m_taskCount), TaskKind::Text, data);
        m_document = std::make_unique<TaskDocument>(*m_project, task);
        if (!result.isEmpty())
            m_document->changeResult(result, QStringLiteral("setup"));
        m_editor->setDocument(m_document.get());
        // A popup of an earlier test may have taken the activation.
        m_editor->widget()->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_editor->widget()));
        m_editor->focusEditor();
        QTRY_VERIFY(view()->hasFocus());
    }

    // The task's spans as a fresh connection reads them from the project file.
    QList<StoredSpan> stored() {
        auto project = Project::open(m_path);
        if (!project.ok())
            return {{QStringLiteral("error: ") + project.error(), -1, -1, {}, {}}};
        auto row = (*project)->annotations().get(m_document->task().uid, (*project)->annotator());
        if (!row || row->deleted)
            return {};
        QList<StoredSpan> spans;
        for (const QJsonValue& value : row->result.value(QStringLiteral("spans")).toArray()) {
            const QJsonObject span = value.toObject();
            spans.append({span.value(QStringLiteral("label")).toString(),
                          qint64(span.value(QStringLiteral("start")).toDouble()),
                          qint64(span.value(QStringLiteral("end")).toDouble()),
                          span.value(QStringLiteral("attrs")).toObject(),
                          span.value(QStringLiteral("note")).toString()});
        }
        return spans;
    }

    // The task's relations as a fresh connection reads them: "from>to:label".
    QStringList storedRelations() {
        auto project = Project::open(m_path);
        if (!project.ok())
            return {QStringLiteral("error: ") + project.error()};
        auto row = (*project)->annotations().get(m_document->task().uid, (*project)->annotator());
        if (!row || row->deleted)
            return {};
        QStringList relations;
        for (const QJsonValue& value : row->result.value(QStringLiteral("relations")).toArray()) {
            const QJsonObject r = value.toObject();
            relations << QStringLiteral("%1>%2:%3")
                             .arg(r.value(QStringLiteral("from")).toInt())
                             .arg(r.value(QStringLiteral("to")).toInt())
                             .arg(r.value(QStringLiteral("label")).toString());
        }
        return relations;
    }

    // The stored span's text, sliced by code points as Python would.
    QString storedText(const StoredSpan& span) {
        const QList<uint> ucs4 = text().toUcs4();
        if (span.start < 0 || span.end > ucs4.size())
            return QStringLiteral("<out of the text>");
        return QString::fromUcs4(reinterpret_cast<const char32_t*>(ucs4.constData()) + span.start,
                                 span.end - span.start);
    }

    // A press, a few moves and a release, as a hand would drag.
    void drag(const QPoint& a, const QPoint& b, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
        QTest::mousePress(viewport(), Qt::LeftButton, modifiers, a);
        for (int step = 1; step <= 6; ++step)
            QTest::mouseMove(viewport(), a + (b - a) * step / 6);
        QTest::mouseRelease(viewport(), Qt::LeftButton, modifiers, b);
    }
    // A drag from the middle of the character at 'from' to the middle of the
    // one at 'to' (UTF-16 indexes): word mode snaps outwards from there.
    void dragWords(qsizetype from, qsizetype to) {
        drag(view()->pointOf(from), view()->pointOf(to));
    }
    void key(int keyCode, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
        QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : view(),
                        Qt::Key(keyCode), modifiers);
    }
    qsizetype at(const QString& needle) const { return text().indexOf(needle); }

    // The grabs land in POSTIL_GRAB_DIR when it is set, for a person to look at.
    void grab(const QString& name) {
        const QString dir = qEnvironmentVariable("POSTIL_GRAB_DIR");
        if (dir.isEmpty())
            return;
        QDir().mkpath(dir);
        QCoreApplication::processEvents();  // layouts settle first
        m_editor->widget()->grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
    }

private Q_SLOTS:
    void initTestCase() {
        isolateSettings(m_settingsDir.path());
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("text.postil"));
        m_project = makeProject(m_path, kSchema);
        m_editor = std::make_unique<TextEditor>();
        QVERIFY(showActive(m_editor->widget(), QSize(1000, 640)));
    }

    void cleanup() {
        m_editor->setDocument(nullptr);
        m_document.reset();
    }

    void cleanupTestCase() {
        m_editor.reset();
        m_project.reset();
    }

    void registeredWithItsKeys() {
        QObject owner;
        TaskEditor* editor = EditorRegistry::instance().create(TaskKind::Text, &owner);
        QVERIFY(qobject_cast<TextEditor*>(editor));
        // The digits place labels, so the questions answer with Alt+digit.
        QVERIFY(EditorRegistry::instance().placesLabels(TaskKind::Text));
        QCOMPARE(Keymap::instance().binding(QStringLiteral("text.label.1"))->context,
                 QStringLiteral("text"));
        QVERIFY(Keymap::instance().collisions().isEmpty());
    }

    void showsTheStoredSpans() {
        const QString t = QStringLiteral("Maria Schmidt flew from Berlin to Zürich.");
        QJsonArray spans;
        spans.append(QJsonObject{{QStringLiteral("label"), QStringLiteral("PER")},
                                 {QStringLiteral("start"), 0},
                                 {QStringLiteral("end"), 13}});
        spans.append(QJsonObject{{QStringLiteral("label"), QStringLiteral("LOC")},
                                 {QStringLiteral("start"), 24},
                                 {QStringLiteral("end"), 30}});
        open(t, {{QStringLiteral("spans"), spans}});
        QCOMPARE(view()->text(), t);
        QCOMPARE(view()->scene().spans.spans().size(), 2);
        QCOMPARE(m_editor->annotation().spans.size(), 2);
        QVERIFY2(m_editor->statusText().contains(QStringLiteral("2 spans")),
                 qPrintable(m_editor->statusText()));
        // The label bar shows the text labels only, with their keys.
        const QList<QAction*> chips = m_editor->labelBar()->actions();
        QStringList names;
        for (QAction* chip : chips)
            names << chip->text();
        QCOMPARE(names, (QStringList{QStringLiteral("1  PER"), QStringLiteral("2  ORG"),
                                     QStringLiteral("3  LOC"), QStringLiteral("4  EMOJI")}));
        // A span is drawn where its characters are: the rectangle of the
        // LOC span holds the centre of "Berlin"'s first letter.
        const QRectF loc = view()->spanRect(1);
        QVERIFY(loc.contains(view()->pointOf(at(QStringLiteral("Berlin")))));
        QVERIFY(!loc.contains(view()->pointOf(at(QStringLiteral("Zürich")))));
        grab(QStringLiteral("text-spans"));
    }

    void dragSnapsToWordsAndADigitLabels() {
        open(QStringLiteral("Maria Schmidt flew from Berlin to Zürich on Monday."));
        // From inside "Maria" to inside "Schmidt": both whole words.
        dragWords(2, at(QStringLiteral("Schmidt")) + 3);
        QCOMPARE(view()->selectionStart(), 0);
        QCOMPARE(view()->selectionEnd(), at(QStringLiteral(" flew")));
        key(Qt::Key_1);
        const QList<StoredSpan> spans = stored();
        QCOMPARE(spans.size(), 1);
        QCOMPARE(spans[0].label, QStringLiteral("PER"));
        QCOMPARE(storedText(spans[0]), QStringLiteral("Maria Schmidt"));
        QCOMPARE(spans[0].start, 0);
        QCOMPARE(spans[0].end, 13);
        // The new span is selected: another digit relabels it, one more step.
        QCOMPARE(m_editor->selectedSpan(), 0);
        QCOMPARE(m_document->undoStack()->count(), 1);
        key(Qt::Key_2);
        QCOMPARE(stored()[0].label, QStringLiteral("ORG"));
        QCOMPARE(m_document->undoStack()->count(), 2);
        // Dragging backwards over "Zürich" (a non-ASCII word) snaps the same way.
        dragWords(at(QStringLiteral("Zürich")) + 4, at(QStringLiteral("Zürich")) + 1);
        key(Qt::Key_3);
        QCOMPARE(stored().size(), 2);
        QCOMPARE(storedText(stored()[1]), QStringLiteral("Zürich"));
    }

    void altDragTakesExactCharacters() {
        open(QStringLiteral("Unbelievable results today."));
        drag(view()->caretPoint(2), view()->caretPoint(6), Qt::AltModifier);
        QCOMPARE(view()->selectionStart(), 2);
        QCOMPARE(view()->selectionEnd(), 6);
        key(Qt::Key_3);
        QCOMPARE(stored().size(), 1);
        QCOMPARE(storedText(stored()[0]), QStringLiteral("beli"));
    }

    // Emoji with a skin tone and a ZWJ family, combining accents: the stored
    // offsets count code points, and a span never splits what shows as one
    // character.
    void emojiAndCombiningAccentsStoreCodePoints() {
        const QString wave = QStringLiteral("👋🏽");               // 2 code points
        const QString family = QStringLiteral("👨‍👩‍👧");   // 5 code points
        const QString cafe = QStringLiteral("Cafe\u0301 Noe\u0308l");  // e + accents
        const QString t = QStringLiteral("Hi ") + wave + QStringLiteral(" team ") + family +
                          QStringLiteral(" from ") + cafe + QStringLiteral(" today");
        open(t);
        // Word-dragging over the family emoji takes the whole cluster.
        const qsizetype familyAt = at(family);
        drag(view()->caretPoint(familyAt), view()->caretPoint(familyAt + family.size()),
             Qt::AltModifier);
        QCOMPARE(view()->selectionStart(), familyAt);
        QCOMPARE(view()->selectionEnd(), familyAt + family.size());
        key(Qt::Key_4);
        QList<StoredSpan> spans = stored();
        QCOMPARE(spans.size(), 1);
        QCOMPARE(spans[0].start, codePoints(t, familyAt));
        QCOMPARE(spans[0].end - spans[0].start, 5);
        QCOMPARE(storedText(spans[0]), family);

        // From the keyboard: caret before the wave, Alt+Shift+Right takes
        // the whole emoji with its skin tone (one character to a reader).
        view()->setSelection(at(wave), at(wave));
        key(Qt::Key_Right, Qt::AltModifier | Qt::ShiftModifier);
        QCOMPARE(view()->selectionEnd() - view()->selectionStart(), wave.size());
        key(Qt::Key_4);
        spans = stored();
        QCOMPARE(spans.size(), 2);
        QCOMPARE(storedText(spans[0]), wave);  // reading order: the wave comes first
        QCOMPARE(spans[0].start, 3);
        QCOMPARE(spans[0].end, 5);

        // A word with combining accents: "Café" is five code points, and the
        // character steps never leave the accent behind.
        const qsizetype cafeAt = at(cafe);
        view()->setSelection(cafeAt, cafeAt);
        key(Qt::Key_Right, Qt::ShiftModifier);  // by word: "Café"
        QCOMPARE(view()->selectionEnd(), cafeAt + 5);
        key(Qt::Key_Left, Qt::AltModifier | Qt::ShiftModifier);  // one character back: "Caf"
        QCOMPARE(view()->selectionEnd(), cafeAt + 3);
        key(Qt::Key_Right, Qt::AltModifier | Qt::ShiftModifier);  // "é" again, accent and all
        QCOMPARE(view()->selectionEnd(), cafeAt + 5);
        key(Qt::Key_3);
        spans = stored();
        QCOMPARE(spans.size(), 3);
        QCOMPARE(storedText(spans[2]), QStringLiteral("Cafe\u0301"));
        QCOMPARE(spans[2].start, codePoints(t, cafeAt));
        grab(QStringLiteral("text-emoji"));
        // Every stored offset is on a grapheme boundary of the text.
        for (const StoredSpan& span : spans) {
            const QList<uint> ucs4 = t.toUcs4();
            auto utf16 = [&](qint64 cp) {
                return QString::fromUcs4(reinterpret_cast<const char32_t*>(ucs4.constData()), cp)
                    .size();
            };
            QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, t);
            finder.setPosition(utf16(span.start));
            QVERIFY(finder.isAtBoundary());
            finder.setPosition(utf16(span.end));
            QVERIFY(finder.isAtBoundary());
        }
    }

    void arabicRightToLeft() {
        const QString arabic = QStringLiteral("مرحبًا، وصلني الطلب رقم 48213 لكن الشاشة مكسورة.");
        const QString t = QStringLiteral("Order issue:\n") + arabic;
        open(t);
        // The Arabic paragraph lays out from the right: its first word lies
        // right of its last.
        const qsizetype firstWord = at(QStringLiteral("مرحبًا"));
        const qsizetype lastWord = at(QStringLiteral("مكسورة"));
        QVERIFY(view()->pointOf(firstWord).x() > view()->pointOf(lastWord).x());
        // A drag over "الطلب" (the order), from its middle to its middle,
        // takes the word.
        const qsizetype word = at(QStringLiteral("الطلب"));
        dragWords(word + 1, word + 3);
        QCOMPARE(view()->selectionStart(), word);
        QCOMPARE(view()->selectionEnd(), word + 5);
        key(Qt::Key_2);
        QList<StoredSpan> spans = stored();
        QCOMPARE(spans.size(), 1);
        QCOMPARE(storedText(spans[0]), QStringLiteral("الطلب"));
        QCOMPARE(spans[0].start, codePoints(t, word));
        // The span is drawn over its own glyphs, not its neighbours'.
        const QRectF rect = view()->spanRect(0);
        QVERIFY(rect.contains(view()->pointOf(word + 2)));
        QVERIFY(!rect.contains(view()->pointOf(at(QStringLiteral("رقم")) + 1)));
        QVERIFY(!rect.contains(view()->pointOf(at(QStringLiteral("وصلني")) + 1)));
        // The number inside the Arabic line, by keyboard from its start.
        const qsizetype number = at(QStringLiteral("48213"));
        view()->setSelection(number, number);
        key(Qt::Key_Left, Qt::ShiftModifier);  // Left goes on in right-to-left text
        QCOMPARE(view()->selectionEnd(), number + 5);
        key(Qt::Key_1);
        spans = stored();
        QCOMPARE(spans.size(), 2);
        QCOMPARE(storedText(spans[1]), QStringLiteral("48213"));
        grab(QStringLiteral("text-arabic"));
    }

    void cjkSelectsByCharacterAndWord() {
        const QString t = QStringLiteral("明日は東京タワーで会いましょう。");
        open(t);
        const qsizetype tokyo = at(QStringLiteral("東京"));
        drag(view()->caretPoint(tokyo), view()->caretPoint(tokyo + 2), Qt::AltModifier);
        key(Qt::Key_3);
        const QList<StoredSpan> spans = stored();
        QCOMPARE(spans.size(), 1);
        QCOMPARE(storedText(spans[0]), QStringLiteral("東京"));
        QCOMPARE(spans[0].start, 3);
        QCOMPARE(spans[0].end, 5);
    }

    void keyboardSelectsByWordAndTabCyclesSpans() {
        open(QStringLiteral("Acme Corp hired Jane Doe in Paris last May."));
        key(Qt::Key_Home, Qt::ControlModifier);
        key(Qt::Key_Right, Qt::ShiftModifier);
        key(Qt::Key_Right, Qt::ShiftModifier);
        QCOMPARE(view()->selectionEnd(), 9);
        key(Qt::Key_2);  // ORG
        // The caret moves by word; Shift extends.
        view()->setSelection(at(QStringLiteral("Jane")), at(QStringLiteral("Jane")));
        key(Qt::Key_Right, Qt::ShiftModifier);
        key(Qt::Key_Right, Qt::ShiftModifier);
        key(Qt::Key_1);  // PER
        view()->setSelection(at(QStringLiteral("Paris")), at(QStringLiteral("Paris")));
        key(Qt::Key_Right, Qt::ShiftModifier);
        key(Qt::Key_3);  // LOC
        QList<StoredSpan> spans = stored();
        QCOMPARE(spans.size(), 3);
        QCOMPARE(storedText(spans[0]), QStringLiteral("Acme Corp"));
        QCOMPARE(storedText(spans[1]), QStringLiteral("Jane Doe"));
        QCOMPARE(storedText(spans[2]), QStringLiteral("Paris"));

        // Tab and Shift+Tab go through the spans in reading order.
        key(Qt::Key_Escape);
        QCOMPARE(m_editor->selectedSpan(), -1);
        key(Qt::Key_Home, Qt::ControlModifier);
        key(Qt::Key_Tab);
        QCOMPARE(m_editor->selectedSpan(), 0);
        key(Qt::Key_Tab);
        QCOMPARE(m_editor->selectedSpan(), 1);
        key(Qt::Key_Tab);
        key(Qt::Key_Tab);  // round to the first
        QCOMPARE(m_editor->selectedSpan(), 0);
        key(Qt::Key_Backtab, Qt::ShiftModifier);
        QCOMPARE(m_editor->selectedSpan(), 2);
        QVERIFY2(m_editor->statusText().contains(QStringLiteral("LOC “Paris”")),
                 qPrintable(m_editor->statusText()));

        // Delete removes it: one step, undone and redone on disk.
        const int steps = m_document->undoStack()->count();
        key(Qt::Key_Delete);
        QCOMPARE(stored().size(), 2);
        QCOMPARE(m_document->undoStack()->count(), steps + 1);
        m_document->undoStack()->undo();
        QCOMPARE(stored().size(), 3);
        QCOMPARE(view()->scene().spans.spans().size(), 3);
        m_document->undoStack()->redo();
        QCOMPARE(stored().size(), 2);
        QCOMPARE(view()->scene().spans.spans().size(), 2);
        // Undo everything: nothing left, in the file and on screen.
        while (m_document->undoStack()->canUndo())
            m_document->undoStack()->undo();
        QCOMPARE(stored().size(), 0);
        QVERIFY(view()->scene().spans.isEmpty());
    }

    void clickSelectsSpansInTheirLanes() {
        // PER over "Maria Schmidt", LOC nested over "Schmidt".
        const QString t = QStringLiteral("Maria Schmidt flew home.");
        QJsonArray spans;
        spans.append(QJsonObject{{QStringLiteral("label"), QStringLiteral("PER")},
                                 {QStringLiteral("start"), 0},
                                 {QStringLiteral("end"), 13}});
        spans.append(QJsonObject{{QStringLiteral("label"), QStringLiteral("LOC")},
                                 {QStringLiteral("start"), 6},
                                 {QStringLiteral("end"), 13}});
        open(t, {{QStringLiteral("spans"), spans}});
        QCOMPARE(view()->scene().spans.laneCount(), 2);
        // A click on "Schmidt" takes the innermost span there.
        QTest::mouseClick(viewport(), Qt::LeftButton, {}, view()->pointOf(8));
        QCOMPARE(m_editor->selectedSpan(), 1);
        // A click on the outer span's underline, under "Schmidt", takes it.
        const QRectF piece = view()->spanRect(1);
        const QPoint lane0(view()->pointOf(8).x(), int(piece.bottom() + 3));
        QCOMPARE(view()->spanAt(lane0), 0);
        QTest::mouseClick(viewport(), Qt::LeftButton, {}, lane0);
        QCOMPARE(m_editor->selectedSpan(), 0);
        grab(QStringLiteral("text-lanes"));
        // A click on plain text selects nothing.
        QTest::mouseClick(viewport(), Qt::LeftButton, {}, view()->pointOf(t.indexOf(u"home")));
        QCOMPARE(m_editor->selectedSpan(), -1);
        // The names are drawn and clickable too.
        QVERIFY(view()->showNames());
        m_editor->action(QStringLiteral("text.toggleNames"))->trigger();
        QVERIFY(!view()->showNames());
        m_editor->action(QStringLiteral("text.toggleNames"))->trigger();
    }

    void undoFollowsTheDocumentAcrossTasks() {
        open(QStringLiteral("First task about Oslo."));
        TaskDocument* first = m_document.release();  // kept open, as the workspace keeps it
        view()->setSelection(at(QStringLiteral("Oslo")), at(QStringLiteral("Oslo")) + 4);
        key(Qt::Key_3);
        QCOMPARE(first->undoStack()->count(), 1);
        open(QStringLiteral("Second task."));
        QVERIFY(view()->scene().spans.isEmpty());
        m_editor->setDocument(first);
        QCOMPARE(view()->scene().spans.spans().size(), 1);
        first->undoStack()->undo();
        QVERIFY(view()->scene().spans.isEmpty());
        first->undoStack()->redo();
        QCOMPARE(view()->scene().spans.spans().size(), 1);
        m_editor->setDocument(nullptr);
        delete first;
    }

    void queryShowsAboveTheText() {
        open(QStringLiteral("Hold the reset button of the router for ten seconds; the default "
                            "password is on the label."),
             {}, QStringLiteral("reset router password"));
        QVERIFY(m_editor->showsQuery());
        QCOMPARE(m_editor->queryLabel()->text(), QStringLiteral("reset router password"));
        QCOMPARE(view()->scene().queryMarks.size(), 3);
        QVERIFY(m_editor->queryLabel()->mapTo(m_editor->widget(), QPoint()).y() <
                view()->mapTo(m_editor->widget(), QPoint()).y());
        open(QStringLiteral("No query here."));
        QVERIFY(!m_editor->showsQuery());
        QVERIFY(view()->scene().queryMarks.isEmpty());
    }

    void spansPastTheEndAreNamed() {
        QJsonArray spans;
        spans.append(QJsonObject{{QStringLiteral("label"), QStringLiteral("PER")},
                                 {QStringLiteral("start"), 2},
                                 {QStringLiteral("end"), 40}});
        open(QStringLiteral("Short."), {{QStringLiteral("spans"), spans}});
        QVERIFY(view()->scene().spans.isEmpty());
        QVERIFY2(m_editor->statusText().contains(QStringLiteral("past the text")),
                 qPrintable(m_editor->statusText()));
    }

    void sidePanelFollowsTheTextBothWays() {
        // After an emoji the offsets shown are code points, as stored.
        const QString t = QStringLiteral("👋 Jane Doe met Acme Corp in Oslo.");
        QJsonArray spans;
        spans.append(spanJson(QStringLiteral("PER"), 2, 10));
        spans.append(spanJson(QStringLiteral("ORG"), 15, 24));
        spans.append(spanJson(QStringLiteral("LOC"), 28, 32));
        open(t, {{QStringLiteral("spans"), spans}});
        SpanSidePanel* panel = m_editor->sidePanel();
        QAbstractItemModelTester tester(panel->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        SpanListModel* model = panel->model();
        QCOMPARE(model->rowCount(), 3);
        QCOMPARE(model->index(0, SpanListModel::TextColumn).data().toString(),
                 QStringLiteral("Jane Doe"));
        QCOMPARE(model->index(0, SpanListModel::OffsetsColumn).data().toString(),
                 QStringLiteral("2–10"));
        QCOMPARE(model->index(2, SpanListModel::LabelColumn).data().toString(),
                 QStringLiteral("LOC"));
        // A click on a row selects the span in the text.
        QTreeView* list = panel->spanList();
        const QRect row1 = list->visualRect(model->index(1, SpanListModel::TextColumn));
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, row1.center());
        QCOMPARE(m_editor->selectedSpan(), 1);
        QCOMPARE(view()->selectedSpan(), 1);
        // A span picked in the text moves the list's row.
        view()->setFocus();
        key(Qt::Key_Tab);
        QCOMPARE(m_editor->selectedSpan(), 2);
        QCOMPARE(list->currentIndex().row(), 2);
        QTest::mouseClick(viewport(), Qt::LeftButton, {}, view()->pointOf(t.indexOf(u"Jane")));
        QCOMPARE(list->currentIndex().row(), 0);
        // Delete in the list deletes the span there, as in the text.
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                          list->visualRect(model->index(1, 0)).center());
        key(Qt::Key_Delete);
        QCOMPARE(stored().size(), 2);
        QCOMPARE(model->rowCount(), 2);
    }

    void hidingALabelHidesItsSpans() {
        const QString t = QStringLiteral("Jane Doe met Acme Corp in Oslo.");
        QJsonArray spans;
        spans.append(spanJson(QStringLiteral("PER"), 0, 8));
        spans.append(spanJson(QStringLiteral("ORG"), 13, 22));
        spans.append(spanJson(QStringLiteral("LOC"), 26, 30));
        open(t, {{QStringLiteral("spans"), spans}});
        QListWidget* filter = m_editor->sidePanel()->labelFilter();
        QListWidgetItem* org = nullptr;
        for (int row = 0; row < filter->count(); ++row)
            if (filter->item(row)->data(Qt::UserRole).toString() == QStringLiteral("ORG"))
                org = filter->item(row);
        QVERIFY(org);
        QCOMPARE(org->text(), QStringLiteral("ORG  (1)"));
        // Untick ORG with the mouse on its check box.
        const QRect rect = filter->visualItemRect(org);
        QTest::mouseClick(filter->viewport(), Qt::LeftButton, {},
                          QPoint(rect.left() + 8, rect.center().y()));
        if (org->checkState() == Qt::Checked)  // styles put the box elsewhere
            org->setCheckState(Qt::Unchecked);
        QCOMPARE(view()->scene().spans.spans().size(), 2);
        QCOMPARE(m_editor->sidePanel()->model()->rowCount(), 2);
        QVERIFY(!view()->scene().spans.byId(1));
        // Hidden, not gone: the file keeps it, Tab passes it by.
        QCOMPARE(stored().size(), 3);
        QCOMPARE(m_document->undoStack()->count(), 1);  // the setup only: hiding is no edit
        view()->setFocus();
        key(Qt::Key_Tab);
        key(Qt::Key_Tab);
        QCOMPARE(m_editor->selectedSpan(), 2);
        org->setCheckState(Qt::Checked);
        QCOMPARE(view()->scene().spans.spans().size(), 3);
    }

    void longLabelListsAreSearchable() {
        open(QStringLiteral("Ship the parcel to Kraków by Friday."));
        // Twelve labels: the filter gets a search field, the palette finds by name.
        Schema schema = m_project->schema();
        for (int i = 0; i < 8; ++i) {
            Label label;
            label.name = QStringLiteral("EXTRA%1").arg(i);
            label.kinds = {TaskKind::Text};
            schema.labels << label;
        }
        m_document->changeSchema(schema, QStringLiteral("more labels"));
        SpanSidePanel* panel = m_editor->sidePanel();
        QVERIFY(!panel->labelSearch()->isHidden());
        panel->labelSearch()->setText(QStringLiteral("extra1"));
        int shown = 0;
        for (int row = 0; row < panel->labelFilter()->count(); ++row)
            shown += panel->labelFilter()->item(row)->isHidden() ? 0 : 1;
        QCOMPARE(shown, 1);
        panel->labelSearch()->clear();
        // Ctrl+K: type part of a name, Enter labels the selection.
        const qsizetype city = at(QStringLiteral("Kraków"));
        view()->setSelection(city, city + 6);
        view()->setFocus();
        key(Qt::Key_K, Qt::ControlModifier);
        LabelPalette* palette = m_editor->labelPalette();
        QTRY_VERIFY(palette->isVisible());
        QTest::keyClicks(palette->filterEdit(), QStringLiteral("tra7"));
        QCOMPARE(palette->currentLabel(), QStringLiteral("EXTRA7"));
        QTest::keyClick(palette->filterEdit(), Qt::Key_Return);
        QVERIFY(!palette->isVisible());
        QCOMPARE(stored().size(), 1);
        QCOMPARE(stored()[0].label, QStringLiteral("EXTRA7"));
        QCOMPARE(storedText(stored()[0]), QStringLiteral("Kraków"));
        // The label bar offers the first nine by key, all of them behind one button.
        QVERIFY(m_editor->labelBar()->findChild<QAction*>(QStringLiteral("allLabels")));
        QVERIFY(m_editor->labelBar()->findChild<QAction*>(QStringLiteral("labelChip:EXTRA4")));
        QVERIFY(!m_editor->labelBar()->findChild<QAction*>(QStringLiteral("labelChip:EXTRA5")));
        m_document->undoStack()->undo();  // the span
        m_document->undoStack()->undo();  // the labels
        QCOMPARE(m_project->schema().labelsFor(TaskKind::Text).size(), 4);
    }

    void attributesAndANotePerSpan() {
        const QString t = QStringLiteral("The patient shows no fever today.");
        QJsonArray spans;
        spans.append(spanJson(QStringLiteral("PER"), 4, 11));
        spans.append(spanJson(QStringLiteral("LOC"), 21, 26));
        open(t, {{QStringLiteral("spans"), spans}});
        SpanSidePanel* panel = m_editor->sidePanel();
        auto* negated =
            qobject_cast<QCheckBox*>(panel->attributes()->editor(QStringLiteral("negated")));
        auto* certainty =
            qobject_cast<QComboBox*>(panel->attributes()->editor(QStringLiteral("certainty")));
        QVERIFY(negated && certainty);
        // An attribute of image boxes only is not offered on spans.
        QVERIFY(!panel->attributes()->editor(QStringLiteral("occluded")));
        QVERIFY(!negated->isEnabled());  // no span selected
        QVERIFY(!panel->noteEdit()->isEnabled());
        QTest::mouseClick(viewport(), Qt::LeftButton, {}, view()->pointOf(t.indexOf(u"fever")));
        QCOMPARE(m_editor->selectedSpan(), 1);
        QVERIFY(negated->isEnabled());
        QTRY_VERIFY(negated->isVisible());  // a layout shows new editors with the event loop
        // On the box itself: a wide check box takes clicks on its box and text only.
        QTest::mouseClick(negated, Qt::LeftButton, {}, QPoint(8, negated->height() / 2));
        QCOMPARE(stored()[1].attrs.value(QStringLiteral("negated")).toBool(), true);
        certainty->setFocus();
        QTest::keyClick(certainty, Qt::Key_Down);  // "high"
        QCOMPARE(stored()[1].attrs.value(QStringLiteral("certainty")).toString(),
                 QStringLiteral("high"));
        QCOMPARE(stored()[0].attrs, QJsonObject());  // the other span is untouched
        // A note, typed in two bursts: written when the focus leaves, one step.
        const int steps = m_document->undoStack()->count();
        panel->noteEdit()->setFocus();
        QTest::keyClicks(panel->noteEdit(), QStringLiteral("denied "));
        QTest::qWait(400);  // a pause: the first burst is written
        QTest::keyClicks(panel->noteEdit(), QStringLiteral("by the patient"));
        QTest::mouseClick(viewport(), Qt::LeftButton, {}, view()->pointOf(t.indexOf(u"fever")));
        QCOMPARE(stored()[1].note, QStringLiteral("denied by the patient"));
        QCOMPARE(m_document->undoStack()->count(), steps + 1);
        // Another span shows its own (empty) note and attributes.
        QTest::mouseClick(viewport(), Qt::LeftButton, {}, view()->pointOf(t.indexOf(u"patient")));
        QCOMPARE(m_editor->selectedSpan(), 0);
        QVERIFY(panel->noteEdit()->toPlainText().isEmpty());
        QVERIFY(!negated->isChecked());
        // Undo takes the note back, and the panel shows it gone.
        QTest::mouseClick(viewport(), Qt::LeftButton, {}, view()->pointOf(t.indexOf(u"fever")));
        QCOMPARE(panel->noteEdit()->toPlainText(), QStringLiteral("denied by the patient"));
        m_document->undoStack()->undo();
        QVERIFY(stored()[1].note.isEmpty());
        QVERIFY(panel->noteEdit()->toPlainText().isEmpty());
    }

    void relationsByClickAndByKeyboard() {
        const QString t = QStringLiteral("Jane Doe works for Acme Corp in Oslo.");
        QJsonArray spans;
        spans.append(spanJson(QStringLiteral("PER"), 0, 8));
        spans.append(spanJson(QStringLiteral("ORG"), 19, 28));
        spans.append(spanJson(QStringLiteral("LOC"), 32, 36));
        open(t, {{QStringLiteral("spans"), spans}});
        LabelPalette* palette = m_editor->relationPalette();
        // R without a span selected says what to do first.
        key(Qt::Key_R);
        QVERIFY(!m_editor->pickingRelation());
        QVERIFY2(m_editor->statusText().contains(QStringLiteral("Select the relation's first")),
                 qPrintable(m_editor->statusText()));
        // By mouse: Jane, R, a click on Acme, then the label by name.
        QTest::mouseClick(viewport(), Qt::LeftButton, {}, view()->pointOf(t.indexOf(u"Jane")));
        key(Qt::Key_R);
        QVERIFY(m_editor->pickingRelation());
        QCOMPARE(view()->pickSource(), 0);
        QTest::mouseClick(viewport(), Qt::LeftButton, {}, view()->pointOf(t.indexOf(u"Acme")));
        QTRY_VERIFY(palette->isVisible());
        QTest::keyClicks(palette->filterEdit(), QStringLiteral("work"));
        QTest::keyClick(palette->filterEdit(), Qt::Key_Return);
        QCOMPARE(storedRelations(), QStringList{QStringLiteral("0>1:works_for")});
        QVERIFY(!m_editor->pickingRelation());
        QCOMPARE(m_editor->selectedRelation(), 0);
        // By keyboard: Tab to Acme, R, Tab to Oslo, Enter, the label.
        m_editor->widget()->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_editor->widget()));
        view()->setFocus();
        m_editor->selectSpan(1);
        key(Qt::Key_R);
        key(Qt::Key_Tab);
        QCOMPARE(m_editor->selectedSpan(), 2);
        key(Qt::Key_Return);
        QTRY_VERIFY(palette->isVisible());
        QTest::keyClicks(palette->filterEdit(), QStringLiteral("loc"));
        QTest::keyClick(palette->filterEdit(), Qt::Key_Return);
        QCOMPARE(storedRelations(),
                 (QStringList{QStringLiteral("0>1:works_for"), QStringLiteral("1>2:located_in")}));
        // Listed in the side panel and drawn as labelled arcs.
        QCOMPARE(m_editor->sidePanel()->relationList()->count(), 2);
        QVERIFY2(m_editor->sidePanel()->relationList()->item(0)->text().contains(
                     QStringLiteral("PER “Jane Doe” → works_for → ORG “Acme Corp”")),
                 qPrintable(m_editor->sidePanel()->relationList()->item(0)->text()));
        // A click on an arc's label selects it; Delete removes it; undo brings it back.
        m_editor->widget()->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_editor->widget()));
        viewport()->repaint();
        const QRectF arc = view()->relationRect(0);
        QVERIFY(!arc.isEmpty());
        QCOMPARE(view()->relationAt(arc.center().toPoint()), 0);
        QTest::mouseClick(viewport(), Qt::LeftButton, {}, arc.center().toPoint());
        QCOMPARE(m_editor->selectedRelation(), 0);
        QCOMPARE(m_editor->selectedSpan(), -1);
        QCOMPARE(QApplication::focusWidget(), view());
        key(Qt::Key_Delete);
        QCOMPARE(storedRelations(), QStringList{QStringLiteral("1>2:located_in")});
        QCOMPARE(stored().size(), 3);  // the spans stay
        m_document->undoStack()->undo();
        QCOMPARE(storedRelations().size(), 2);
        QCOMPARE(m_editor->sidePanel()->relationList()->count(), 2);
        grab(QStringLiteral("text-relations"));
        m_editor->widget()->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_editor->widget()));
        // Deleting a span takes its relations with it, renumbering the rest.
        m_editor->selectSpan(0);
        key(Qt::Key_Delete);
        QCOMPARE(storedRelations(), QStringList{QStringLiteral("0>1:located_in")});
        // The same relation is not made twice; Escape leaves the picking.
        m_editor->selectSpan(0);
        key(Qt::Key_R);
        key(Qt::Key_Escape);
        QVERIFY(!m_editor->pickingRelation());
        QCOMPARE(view()->pickSource(), -1);
        m_editor->addRelation(0, 1, QStringLiteral("located_in"));
        QCOMPARE(storedRelations().size(), 1);
    }

    void aNewRelationLabelIsOneStepWithItsRelation() {
        const QString t = QStringLiteral("Acme was founded by Jane.");
        QJsonArray spans;
        spans.append(spanJson(QStringLiteral("ORG"), 0, 4));
        spans.append(spanJson(QStringLiteral("PER"), 20, 24));
        open(t, {{QStringLiteral("spans"), spans}});
        m_editor->selectSpan(0);
        key(Qt::Key_R);
        QVERIFY(m_editor->pickingRelation());
        QTest::mouseClick(viewport(), Qt::LeftButton, {}, view()->pointOf(t.indexOf(u"Jane")));
        LabelPalette* palette = m_editor->relationPalette();
        QTRY_VERIFY(palette->isVisible());
        QTest::keyClicks(palette->filterEdit(), QStringLiteral("founded_by"));
        QVERIFY(palette->currentCreates());
        QTest::keyClick(palette->filterEdit(), Qt::Key_Return);
        QCOMPARE(storedRelations(), QStringList{QStringLiteral("0>1:founded_by")});
        QCOMPARE(m_project->schema().relationLabels.size(), 3);
        m_document->undoStack()->undo();
        QVERIFY(storedRelations().isEmpty());
        QCOMPARE(m_project->schema().relationLabels.size(), 2);
        QCOMPARE(m_editor->sidePanel()->relationList()->count(), 0);
    }

    void findMarksMatchesAndLabelsThemAll() {
        const QString t = QStringLiteral("Acme sells to Acme Corp and ACME; acme.com too.");
        QJsonArray spans;
        spans.append(spanJson(QStringLiteral("ORG"), 14, 23));  // "Acme Corp"
        open(t, {{QStringLiteral("spans"), spans}});
        FindBar* bar = m_editor->findBar();
        QVERIFY(bar->isHidden());
        // Ctrl+F inside the editor opens the bar (not the task list's filter).
        key(Qt::Key_F, Qt::ControlModifier);
        QVERIFY(bar->isVisible());
        QTRY_VERIFY(bar->patternEdit()->hasFocus());
        QTest::keyClicks(bar->patternEdit(), QStringLiteral("acme"));
        QCOMPARE(m_editor->findResult().matches.size(), 4);
        QCOMPARE(view()->scene().marks.size(), 4);
        QCOMPARE(bar->countLabel()->text(), QStringLiteral("1 of 4"));
        // Match case: "acme" only.
        QTest::mouseClick(bar->caseBox(), Qt::LeftButton, {},
                          QPoint(6, bar->caseBox()->height() / 2));
        QCOMPARE(m_editor->findResult().matches.size(), 1);
        bar->caseBox()->setChecked(false);
        // A regular expression; one that does not compile says why.
        bar->regexBox()->setChecked(true);
        bar->patternEdit()->setText(QStringLiteral("\\bacme\\b"));
        QCOMPARE(m_editor->findResult().matches.size(), 4);
        bar->patternEdit()->setText(QStringLiteral("acme("));
        QVERIFY(m_editor->findResult().matches.isEmpty());
        QVERIFY2(bar->countLabel()->text().startsWith(QStringLiteral("Not a pattern")),
                 qPrintable(bar->countLabel()->text()));
        bar->patternEdit()->setText(QStringLiteral("acme\\b"));
        QCOMPARE(m_editor->findResult().matches.size(), 4);
        // Enter steps to the next match and selects it.
        QTest::keyClick(bar->patternEdit(), Qt::Key_Return);
        QCOMPARE(m_editor->currentMatch(), 1);
        QCOMPARE(view()->selectionStart(), 14);
        QTest::keyClick(bar->patternEdit(), Qt::Key_Return, Qt::ShiftModifier);
        QCOMPARE(m_editor->currentMatch(), 0);
        // Label all as ORG: the match inside "Acme Corp" (an ORG span) is left.
        bar->labelBox()->setCurrentIndex(bar->labelBox()->findText(QStringLiteral("ORG")));
        const int steps = m_document->undoStack()->count();
        QTest::mouseClick(bar->labelAllButton(), Qt::LeftButton);
        QCOMPARE(m_document->undoStack()->count(), steps + 1);
        const QList<StoredSpan> after = stored();
        QCOMPARE(after.size(), 4);
        QStringList texts;
        for (const StoredSpan& span : after)
            texts << storedText(span) + QLatin1Char('/') + span.label;
        QCOMPARE(texts, (QStringList{QStringLiteral("Acme/ORG"), QStringLiteral("Acme Corp/ORG"),
                                     QStringLiteral("ACME/ORG"), QStringLiteral("acme/ORG")}));
        QVERIFY2(m_editor->statusText().contains(QStringLiteral("1 left as they were")),
                 qPrintable(m_editor->statusText()));
        // Again: every match overlaps an ORG span now, nothing is added.
        QTest::mouseClick(bar->labelAllButton(), Qt::LeftButton);
        QCOMPARE(m_document->undoStack()->count(), steps + 1);
        // With another label they are labelled again, nested in the ORG spans.
        bar->labelBox()->setCurrentIndex(bar->labelBox()->findText(QStringLiteral("LOC")));
        QTest::mouseClick(bar->labelAllButton(), Qt::LeftButton);
        QCOMPARE(stored().size(), 8);
        m_document->undoStack()->undo();
        m_document->undoStack()->undo();
        QCOMPARE(stored().size(), 1);
        // Escape closes the bar and clears the marks.
        QTest::keyClick(bar->patternEdit(), Qt::Key_Escape);
        QVERIFY(bar->isHidden());
        QVERIFY(view()->scene().marks.isEmpty());
    }

    void findWidensMatchesToWholeCharacters() {
        const QString t = QStringLiteral("Great 👍🏽 service 👍 and cafe\u0301 too");
        open(t);
        m_editor->openFind();
        FindBar* bar = m_editor->findBar();
        bar->patternEdit()->setText(QStringLiteral("👍"));
        QCOMPARE(m_editor->findResult().matches.size(), 2);
        // The thumb with its skin tone is one character: the match takes both.
        QCOMPARE(m_editor->findResult().matches[0].end - m_editor->findResult().matches[0].start,
                 4);
        bar->patternEdit()->setText(QStringLiteral("cafe"));  // the e carries an accent
        QCOMPARE(m_editor->findResult().matches.size(), 1);
        QCOMPARE(m_editor->findResult().matches[0].end, t.indexOf(u"cafe") + 5);
        bar->patternEdit()->setText(QStringLiteral("👍"));
        bar->labelBox()->setCurrentIndex(bar->labelBox()->findText(QStringLiteral("EMOJI")));
        QTest::mouseClick(bar->labelAllButton(), Qt::LeftButton);
        const QList<StoredSpan> spans = stored();
        QCOMPARE(spans.size(), 2);
        QCOMPARE(spans[0].start, 6);
        QCOMPARE(spans[0].end, 8);
        QCOMPARE(storedText(spans[1]), QStringLiteral("👍"));
        QCOMPARE(spans[1].start, codePoints(t, t.lastIndexOf(u"👍")));
        QTest::keyClick(bar->patternEdit(), Qt::Key_Escape);
    }

    void proposalsAreCopiedByOneKey() {
        const QString t = QStringLiteral("Jane Doe met Acme Corp in Oslo.");
        const Task task = addTask(*m_project, QStringLiteral("text-proposed"), TaskKind::Text,
                                  {{QStringLiteral("text"), t}});
        QJsonArray spans;
        spans.append(spanJson(QStringLiteral("PER"), 0, 8));
        spans.append(spanJson(QStringLiteral("ORG"), 13, 22));
        spans.append(spanJson(QStringLiteral("LOC"), 26, 30));
        QJsonArray relations;
        relations.append(QJsonObject{{QStringLiteral("from"), 0},
                                     {QStringLiteral("to"), 1},
                                     {QStringLiteral("label"), QStringLiteral("works_for")}});
        addAnnotation(*m_project, task.uid, QStringLiteral("spacy-import"),
                      AnnotationStatus::Submitted,
                      {{QStringLiteral("spans"), spans}, {QStringLiteral("relations"), relations}});
        m_editor->setDocument(nullptr);
        m_document = std::make_unique<TaskDocument>(*m_project, task);
        m_editor->setDocument(m_document.get());
        m_editor->widget()->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_editor->widget()));
        m_editor->focusEditor();
        QCOMPARE(m_editor->proposalCount(), 3);
        QCOMPARE(view()->scene().proposals.spans().size(), 3);
        QVERIFY(view()->scene().spans.isEmpty());  // proposals are not one's own
        QVERIFY2(m_editor->statusText().contains(QStringLiteral("spacy-import")),
                 qPrintable(m_editor->statusText()));
        // E at the caret in "Acme" copies that one.
        view()->setSelection(t.indexOf(u"Acme") + 1, t.indexOf(u"Acme") + 1);
        key(Qt::Key_E);
        QCOMPARE(stored().size(), 1);
        QCOMPARE(stored()[0].label, QStringLiteral("ORG"));
        QCOMPARE(m_editor->proposalCount(), 2);
        // Shift+A copies the rest, with the relation between them, one step;
        // the span selected stays selected where the copies moved it.
        m_editor->selectSpan(0);
        const int steps = m_document->undoStack()->count();
        key(Qt::Key_A, Qt::ShiftModifier);
        QCOMPARE(m_editor->selectedSpan(), 1);
        QCOMPARE(m_editor->annotation().spans[1].label, QStringLiteral("ORG"));
        QCOMPARE(stored().size(), 3);
        QCOMPARE(storedRelations(), QStringList{QStringLiteral("0>1:works_for")});
        QCOMPARE(m_document->undoStack()->count(), steps + 1);
        QCOMPARE(m_editor->proposalCount(), 0);
        // The source row is never written.
        auto source = m_project->annotations().get(task.uid, QStringLiteral("spacy-import"));
        QVERIFY(source);
        QCOMPARE(source->result.value(QStringLiteral("spans")).toArray().size(), 3);
        m_document->undoStack()->undo();
        QCOMPARE(m_editor->proposalCount(), 2);
        // P hides them; E then says so.
        key(Qt::Key_P);
        QVERIFY(!m_editor->proposalsShown());
        QVERIFY(view()->scene().proposals.isEmpty());
        key(Qt::Key_E);
        QCOMPARE(stored().size(), 1);
        key(Qt::Key_P);
        QCOMPARE(view()->scene().proposals.spans().size(), 2);
    }

    void editsKeepReadingOrder() {
        TextAnnotation annotation;
        Span a;
        a.label = QStringLiteral("B");
        a.start = 10;
        a.end = 12;
        QCOMPARE(spanedit::add(annotation, a), 0);
        Span b = a;
        b.label = QStringLiteral("A");
        b.start = 2;
        b.end = 4;
        QCOMPARE(spanedit::add(annotation, b), 0);
        QCOMPARE(spanedit::add(annotation, b), 0);  // already there
        QCOMPARE(annotation.spans.size(), 2);
        annotation.relations.append({1, 0, QStringLiteral("r"), {}});
        // Relabelling onto a twin removes the relabelled span.
        Span twin = a;
        twin.label = QStringLiteral("C");
        QCOMPARE(spanedit::add(annotation, twin), 2);
        QCOMPARE(spanedit::relabel(annotation, 1, QStringLiteral("C")), 1);
        QCOMPARE(annotation.spans.size(), 2);
        QVERIFY(annotation.relations.isEmpty());  // its relation went with it
    }

    // Only what shows is laid out; the rest is measured later, a huge
    // paragraph in pieces, each paragraph in its own direction.
    void pageLayoutMeasuresLazily() {
        QString text;
        for (int i = 0; i < 3000; ++i)
            text += QStringLiteral("Paragraph %1 with a few words to wrap somewhere.\n").arg(i);
        text += QStringLiteral("مرحبا بكم في المتجر\r\n");
        QString huge;
        for (int i = 0; i < 1500; ++i)
            huge += QStringLiteral("word%1 ").arg(i);
        text += huge;
        TextPageLayout layout;
        layout.setWidth(300);
        layout.setText(text);
        QCOMPARE(layout.laidOutCount(), 0);
        QVERIFY(!layout.allMeasured());
        layout.layout(0);
        QVERIFY(layout.isMeasured(0));
        QVERIFY(!layout.isMeasured(1));
        // The Arabic paragraph (its \r\n one break) lays out from the right.
        const int arabic = layout.blockOf(text.indexOf(u"مرحبا"));
        QCOMPARE(arabic, 3000);
        QVERIFY(layout.isRightToLeft(arabic));
        QVERIFY(!layout.isRightToLeft(0));
        // The huge paragraph comes in pieces, each cut after a space.
        const int first = arabic + 1;
        QVERIFY(layout.blockCount() - first >= 3);
        for (int b = first; b < layout.blockCount(); ++b) {
            QVERIFY(layout.blockEnd(b) - layout.blockStart(b) <= TextPageLayout::kMaxBlockChars);
            if (b + 1 < layout.blockCount())
                QCOMPARE(text.at(layout.blockEnd(b) - 1), QLatin1Char(' '));
        }
        QCOMPARE(layout.blockEnd(layout.blockCount() - 1), text.size());
        while (layout.measureSome(5, 0, 10)) {
        }
        QVERIFY(layout.allMeasured());
        QVERIFY(layout.laidOutCount() <= 11);  // measured, then let go
        qreal sum = 0;
        for (int b = 0; b < layout.blockCount(); ++b)
            sum += layout.blockHeight(b);
        QCOMPARE(layout.height(), sum);
        // A caret's place maps back to its position.
        for (qsizetype pos : {qsizetype(0), qsizetype(7), text.indexOf(u"word700"),
                              text.indexOf(u"Paragraph 2999")}) {
            const QRectF caret = layout.caretRect(pos);
            QCOMPARE(layout.hitTest(QPointF(caret.left(), caret.center().y())), pos);
        }
    }

    void lanesKeepOverlapsApart() {
        SpanIndex index;
        index.setSpans({{0, 10, 0, {}, {}, 0},
                        {2, 4, 1, {}, {}, 0},
                        {3, 8, 2, {}, {}, 0},
                        {10, 12, 3, {}, {}, 0}});
        QCOMPARE(index.laneCount(), 3);
        QCOMPARE(index.byId(0)->lane, 0);
        QCOMPARE(index.byId(1)->lane, 1);
        QCOMPARE(index.byId(2)->lane, 2);
        QCOMPARE(index.byId(3)->lane, 0);  // the outer span ended: lane 0 is free
        QCOMPARE(index.innermostAt(3)->id, 1);
        QCOMPARE(index.atLane(5, 2)->id, 2);
        int seen = 0;
        index.forEachOverlapping(9, 11, [&](const ViewSpan&) { ++seen; });
        QCOMPARE(seen, 2);
    }
};

QTEST_MAIN(TestTextEditor)
#include "tst_texteditor.moc"

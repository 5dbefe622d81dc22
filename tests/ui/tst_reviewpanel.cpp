// The lead's review panel, driven with the mouse: it shows every annotator's
// answer, and its buttons write the review rows (docs/architecture.md "Review").

#include <QInputDialog>
#include <QJsonArray>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTextBrowser>
#include <QTimer>
#include <QtTest>

#include "review/boxesoverlay.h"
#include "review/reviewpanel.h"
#include "testsupport.h"

using namespace postil;

namespace {
QJsonObject span(const QString& label, int start, int end) {
    return QJsonObject{
        {QStringLiteral("spans"), QJsonArray{QJsonObject{{QStringLiteral("label"), label},
                                                         {QStringLiteral("start"), start},
                                                         {QStringLiteral("end"), end}}}}};
}

void as(Project& project, const QString& name) {
    Identity identity = project.identity();
    identity.annotator = name;
    project.setIdentity(identity);
}

// Answers the next input dialog with 'text'.
void answerNextDialog(const QString& text) {
    QTimer::singleShot(0, [text] {
        for (QWidget* w : QApplication::topLevelWidgets())
            if (auto* dialog = qobject_cast<QInputDialog*>(w)) {
                dialog->setTextValue(text);
                dialog->accept();
            }
    });
}
}  // namespace

class TestReviewPanel : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

private Q_SLOTS:
    void questionOnlyAnswersShowNoTextLanes() {
        // Answers made of questions alone: the table, not the text once per
        // annotator; an annotator without spans beside one with them says so.
        auto project = makeProject(m_dir.filePath(QStringLiteral("q.postil")),
                                   R"({"labels": [{"name": "PER"}],
                                       "questions": [{"name": "topic", "type": "single",
                                                      "options": ["news", "sport"]}]})");
        const QString text = QStringLiteral("Ana went to Acme");
        const Task task = addTask(*project, QStringLiteral("q1"), TaskKind::Text,
                                  QJsonObject{{QStringLiteral("text"), text}});
        for (const QString& who : {QStringLiteral("amy"), QStringLiteral("ben")})
            addAnnotation(*project, QStringLiteral("q1"), who, AnnotationStatus::Submitted,
                          QJsonObject{{QStringLiteral("answers"),
                                       QJsonObject{{QStringLiteral("topic"),
                                                    who == QLatin1String("amy")
                                                        ? QStringLiteral("news")
                                                        : QStringLiteral("sport")}}}});
        as(*project, QStringLiteral("lead"));
        ReviewPanel panel;
        panel.setProject(project.get());
        panel.showTask(task);
        QString shown = panel.findChild<QTextBrowser*>()->toPlainText();
        QVERIFY2(!shown.contains(text), qPrintable(shown));
        QVERIFY2(shown.contains(QLatin1String("news")) && shown.contains(QLatin1String("sport")),
                 qPrintable(shown));
        addAnnotation(*project, QStringLiteral("q1"), QStringLiteral("cy"),
                      AnnotationStatus::Submitted, span(QStringLiteral("PER"), 0, 3));
        panel.showTask(task);
        shown = panel.findChild<QTextBrowser*>()->toPlainText();
        QCOMPARE(shown.count(QLatin1String("went to Acme")), 1);
        QVERIFY2(shown.contains(QLatin1String("amy: no spans")), qPrintable(shown));
    }

    void buttonsWriteReviews() {
        auto project = makeProject(m_dir.filePath(QStringLiteral("r.postil")),
                                   R"({"labels": [{"name": "PER"}, {"name": "ORG"}],
                                       "questions": [{"name": "topic", "type": "single",
                                                      "options": ["news", "sport"]}]})");
        const Task task =
            addTask(*project, QStringLiteral("t1"), TaskKind::Text,
                    QJsonObject{{QStringLiteral("text"), QStringLiteral("Ana went to Acme")}});
        QJsonObject amy = span(QStringLiteral("PER"), 0, 3);
        amy.insert(QStringLiteral("answers"),
                   QJsonObject{{QStringLiteral("topic"), QStringLiteral("news")}});
        addAnnotation(*project, QStringLiteral("t1"), QStringLiteral("amy"),
                      AnnotationStatus::Submitted, amy);
        addAnnotation(*project, QStringLiteral("t1"), QStringLiteral("ben"),
                      AnnotationStatus::Submitted, span(QStringLiteral("ORG"), 12, 16));
        as(*project, QStringLiteral("lead"));

        ReviewPanel panel;
        panel.resize(600, 700);
        panel.setProject(project.get());
        panel.showTask(task);
        panel.show();
        QVERIFY(QTest::qWaitForWindowExposed(&panel));
        QVERIFY2(panel.summaryText().contains(QLatin1String("differ")),
                 qPrintable(panel.summaryText()));
        QCOMPARE(panel.answerList()->count(), 2);
        const QString html = panel.findChild<QTextBrowser*>()->toPlainText();
        QVERIFY2(html.contains(QLatin1String("amy")) && html.contains(QLatin1String("ben")) &&
                     html.contains(QLatin1String("news")),
                 qPrintable(html));

        // Accept amy's.
        panel.answerList()->setCurrentRow(0);
        QTest::mouseClick(panel.acceptButton(), Qt::LeftButton);
        auto review =
            project->annotations().get(QStringLiteral("t1"), QStringLiteral("review:lead"));
        QVERIFY(review);
        QCOMPARE(review->reviewOutcome, QStringLiteral("accepted"));
        QCOMPARE(review->result.value(QStringLiteral("spans")), amy.value(QStringLiteral("spans")));
        QVERIFY(panel.summaryText().contains(QLatin1String("accepted")));

        // Fixing needs an answer of the lead's own: refused with a reason,
        // then started from ben's, edited, and saved as the fix.
        panel.answerList()->setCurrentRow(1);
        QSignalSpy failed(&panel, &ReviewPanel::failed);
        QTest::mouseClick(panel.fixButton(), Qt::LeftButton);
        QCOMPARE(failed.size(), 1);
        QSignalSpy reload(&panel, &ReviewPanel::reloadTaskRequested);
        QTest::mouseClick(panel.startButton(), Qt::LeftButton);
        QCOMPARE(reload.size(), 1);
        auto own = project->annotations().get(QStringLiteral("t1"), QStringLiteral("lead"));
        QVERIFY(own);
        QCOMPARE(own->result.value(QStringLiteral("spans")),
                 span(QStringLiteral("ORG"), 12, 16).value(QStringLiteral("spans")));
        Annotation edited = *own;
        edited.result = span(QStringLiteral("ORG"), 12, 16);
        edited.result.insert(QStringLiteral("answers"),
                             QJsonObject{{QStringLiteral("topic"), QStringLiteral("sport")}});
        QVERIFY(project->saveAnnotation(edited).ok());
        const int ben = 1;  // the list now holds amy, ben, lead
        panel.answerList()->setCurrentRow(ben);
        QTest::mouseClick(panel.fixButton(), Qt::LeftButton);
        review = project->annotations().get(QStringLiteral("t1"), QStringLiteral("review:lead"));
        QCOMPARE(review->reviewOutcome, QStringLiteral("fixed"));
        QCOMPARE(review->result.value(QStringLiteral("answers"))
                     .toObject()
                     .value(QStringLiteral("topic"))
                     .toString(),
                 QStringLiteral("sport"));

        // Return with a note: the note is stored.
        answerNextDialog(QStringLiteral("see the guidelines on companies"));
        QTest::mouseClick(panel.returnButton(), Qt::LeftButton);
        review = project->annotations().get(QStringLiteral("t1"), QStringLiteral("review:lead"));
        QCOMPARE(review->reviewOutcome, QStringLiteral("returned"));
        QCOMPARE(review->result.value(QStringLiteral("review_note")).toString(),
                 QStringLiteral("see the guidelines on companies"));
    }

    void imageAnswersAreDrawn() {
        auto project = makeProject(m_dir.filePath(QStringLiteral("i.postil")),
                                   R"({"labels": [{"name": "car"}]})");
        const Task task = addImageTask(*project, QStringLiteral("img"), 1, QSize(400, 300));
        QJsonObject boxes{{QStringLiteral("boxes"),
                           QJsonArray{QJsonObject{{QStringLiteral("label"), QStringLiteral("car")},
                                                  {QStringLiteral("x"), 10},
                                                  {QStringLiteral("y"), 10},
                                                  {QStringLiteral("w"), 100},
                                                  {QStringLiteral("h"), 80}}}}};
        addAnnotation(*project, QStringLiteral("img"), QStringLiteral("amy"),
                      AnnotationStatus::Submitted, boxes);
        addAnnotation(*project, QStringLiteral("img"), QStringLiteral("ben"),
                      AnnotationStatus::Submitted, boxes);
        ReviewPanel panel;
        panel.resize(500, 600);
        panel.setProject(project.get());
        panel.showTask(task);
        QVERIFY2(panel.summaryText().contains(QLatin1String("all the same")),
                 qPrintable(panel.summaryText()));
        const QImage shot = panel.grab().toImage();
        QVERIFY(!shot.isNull());
        // Both annotators' boxes are drawn, each in their own colour.
        QSet<QRgb> seen;
        for (int y = 0; y < shot.height(); ++y)
            for (int x = 0; x < shot.width(); ++x)
                seen.insert(shot.pixel(x, y) & 0xffffff);
        QVERIFY(seen.contains(BoxesOverlay::annotatorColor(0).rgb() & 0xffffff));
        QVERIFY(seen.contains(BoxesOverlay::annotatorColor(1).rgb() & 0xffffff));
    }
};

QTEST_MAIN(TestReviewPanel)
#include "tst_reviewpanel.moc"

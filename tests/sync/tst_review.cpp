// The lead's review rows and what exports make of them: accepted and fixed
// reviews are answers (alone with --prefer reviewed), rejected and returned
// ones never are; returned tasks go out again (docs/architecture.md "Review").

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

#include "formats/formatregistry.h"
#include "review/review.h"
#include "sync/packselection.h"
#include "syncfixture.h"

using namespace postil;
using namespace postil::synctest;

namespace {
QJsonObject span(const QString& label, int start, int end) {
    return QJsonObject{
        {QStringLiteral("spans"), QJsonArray{QJsonObject{{QStringLiteral("label"), label},
                                                         {QStringLiteral("start"), start},
                                                         {QStringLiteral("end"), end}}}}};
}
}  // namespace

class TestReview : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;

    QByteArray exportWith(Project& project, const char* format, bool prefer) {
        ExportOptions options;
        options.preferReviewed = prefer;
        ExportReport report;
        const QString out =
            m_dir.filePath(QStringLiteral("out-%1-%2").arg(QLatin1String(format)).arg(prefer));
        Status s = FormatRegistry::instance()
                       .byName(QLatin1String(format))
                       ->write(project, out, options, report);
        if (!s.ok())
            qFatal("%s", qPrintable(s.error()));
        return readFile(out);
    }

private Q_SLOTS:
    void reviewsDecideWhatIsExported() {
        auto project = makeProject(m_dir.filePath(QStringLiteral("r.postil")),
                                   R"({"labels": [{"name": "PER"}, {"name": "ORG"}]})");
        for (int i = 1; i <= 4; ++i)
            addTask(*project, QStringLiteral("t%1").arg(i), TaskKind::Text,
                    QJsonObject{{QStringLiteral("text"), QStringLiteral("Ana went to Acme")}});
        workAs(*project, QStringLiteral("amy"), QStringLiteral("d1"));
        for (int i = 1; i <= 4; ++i)
            edit(*project, QStringLiteral("t%1").arg(i), span(QStringLiteral("PER"), 0, 3));
        workAs(*project, QStringLiteral("ben"), QStringLiteral("d2"));
        for (int i = 1; i <= 4; ++i)
            edit(*project, QStringLiteral("t%1").arg(i),
                 i == 4 ? span(QStringLiteral("PER"), 0, 3) : span(QStringLiteral("ORG"), 0, 3));

        TaskAnswers t1 = answersOf(*project, QStringLiteral("t1"));
        QCOMPARE(t1.answers.size(), 2);
        QVERIFY(t1.disagree());
        QVERIFY(!answersOf(*project, QStringLiteral("t4")).disagree());

        workAs(*project, QStringLiteral("lead"), QStringLiteral("d3"));
        // t1: amy's accepted; t2: ben's fixed; t3: rejected; t4: returned.
        QVERIFY(writeReview(*project, t1.answers[0], ReviewOutcome::Accepted, {}, {}).ok());
        const TaskAnswers t2 = answersOf(*project, QStringLiteral("t2"));
        QVERIFY(writeReview(*project, t2.answers[1], ReviewOutcome::Fixed,
                            span(QStringLiteral("ORG"), 11, 15), QStringLiteral("Acme is the org"))
                    .ok());
        const TaskAnswers t3 = answersOf(*project, QStringLiteral("t3"));
        QVERIFY(writeReview(*project, t3.answers[0], ReviewOutcome::Rejected, {},
                            QStringLiteral("both wrong"))
                    .ok());
        const TaskAnswers t4 = answersOf(*project, QStringLiteral("t4"));
        QVERIFY(writeReview(*project, t4.answers[0], ReviewOutcome::Returned, {},
                            QStringLiteral("read the guidelines on names"))
                    .ok());

        auto review =
            project->annotations().get(QStringLiteral("t2"), QStringLiteral("review:lead"));
        QVERIFY(review);
        QCOMPARE(review->reviewOf, t2.answers[1].uid);
        QCOMPARE(review->reviewOutcome, QStringLiteral("fixed"));
        QCOMPARE(review->result.value(QStringLiteral("review_note")).toString(),
                 QStringLiteral("Acme is the org"));
        QCOMPARE(answersOf(*project, QStringLiteral("t2")).reviews.size(), 1);
        // A reviewer's rows are no one's answer.
        QCOMPARE(answersOf(*project, QStringLiteral("t2")).answers.size(), 2);

        // doccano writes one record per row: count them per task.
        const QByteArray all = exportWith(*project, "doccano", false);
        const QByteArray preferred = exportWith(*project, "doccano", true);
        const QList<QByteArray> allLines = all.trimmed().split('\n');
        const QList<QByteArray> preferredLines = preferred.trimmed().split('\n');
        // Without --prefer: 8 answers + the accepted and the fixed review; the
        // rejected and returned reviews are no answer.
        QCOMPARE(allLines.size(), 10);
        // With it: t1 and t2 by their reviews alone, t3 and t4 by both people.
        QCOMPARE(preferredLines.size(), 6);
        QVERIFY(preferred.contains("\"ORG\"") && preferred.contains("11"));

        // The returned task goes out again.
        auto returned = selectTasks(*project, QStringLiteral("returned"));
        QVERIFY(returned.ok());
        QCOMPARE(*returned, QList<qint64>{4});
    }
};

QTEST_GUILESS_MAIN(TestReview)
#include "tst_review.moc"

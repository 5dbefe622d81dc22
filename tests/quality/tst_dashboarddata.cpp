// The quality dashboard's data (core/quality/dashboarddata): its matrices are
// the agreement report's figures, the tasks behind each cell are as many as
// the report's items, and progress, labels, active times and gold come from
// the same answers the agreement counts.

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

#include "agreementfixture.h"
#include "model/project.h"
#include "quality/agreementreport.h"
#include "quality/dashboardcsv.h"
#include "quality/dashboarddata.h"
#include "testsupport.h"

using namespace postil;
using namespace postil::quality;

namespace {

const QByteArray kSmallSchema = R"({
  "labels": [{"name": "car", "color": "#ff0000", "kinds": ["image"]},
             {"name": "person", "color": "#00ff00", "kinds": ["image"]}],
  "questions": [{"name": "topic", "type": "single", "options": ["cat", "dog"]}]
})";

QJsonObject boxesResult(std::initializer_list<const char*> labels, const QString& topic,
                        qint64 activeMs) {
    QJsonArray boxes;
    int x = 0;
    for (const char* label : labels) {
        boxes.append(QJsonObject{{QStringLiteral("label"), QString::fromLatin1(label)},
                                 {QStringLiteral("x"), x},
                                 {QStringLiteral("y"), 0},
                                 {QStringLiteral("w"), 10},
                                 {QStringLiteral("h"), 10}});
        x += 20;
    }
    QJsonObject result{{QStringLiteral("boxes"), boxes}};
    if (!topic.isEmpty())
        result.insert(QStringLiteral("answers"), QJsonObject{{QStringLiteral("topic"), topic}});
    if (activeMs > 0)
        result.insert(QStringLiteral("active_ms"), activeMs);
    return result;
}

QStringList strings(std::initializer_list<const char*> texts) {
    QStringList out;
    for (const char* t : texts)
        out << QString::fromUtf8(t);
    return out;
}

// The pair object of `a` and `b` in a report's list of pairs.
QJsonObject pairOf(const QJsonArray& pairs, const QString& a, const QString& b) {
    for (const QJsonValue& p : pairs)
        if (p[QLatin1String("a")].toString() == a && p[QLatin1String("b")].toString() == b)
            return p.toObject();
    return {};
}

}  // namespace

class TestDashboardData : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // Every cell of every matrix is the report's figure for that pair, and
    // the tasks listed behind it are as many as the items the report counted.
    void matricesAreTheAgreementReportsFigures() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.postil"));
        auto project = makeProject(path, agreementtest::kSchema);
        agreementtest::Fixture fixture(*project);
        fixture.build();
        if (QTest::currentTestFailed())
            return;
        auto expected = computeAgreement(*project, AgreementOptions());
        QVERIFY2(expected.ok(), qPrintable(expected.error()));

        // On a read-only connection beside the open one, as the studio reads it.
        auto reader = Project::openForReading(path);
        QVERIFY2(reader.ok(), qPrintable(reader.error()));
        auto data = buildDashboardData(**reader, DashboardOptions());
        QVERIFY2(data.ok(), qPrintable(data.error()));
        QCOMPARE(data->report, *expected);
        QCOMPARE(data->annotators, agreementtest::kAnnotators);

        QStringList keys;
        for (const AgreementMatrix& m : data->matrices)
            keys << m.key;
        // Schema order: topic, quality, toxic, tags[a..c]; then the kinds.
        QCOMPARE(keys, strings({"question:topic", "question:quality", "question:toxic",
                                "question:tags[a]", "question:tags[b]", "question:tags[c]", "boxes",
                                "spans", "segments", "comparisons"}));

        const QJsonObject report = *expected;
        int cells = 0;
        for (const AgreementMatrix& m : data->matrices) {
            QCOMPARE(m.annotators, agreementtest::kAnnotators);
            for (int r = 0; r < 3; ++r) {
                QVERIFY(!m.cell(r, r).hasPair);
                for (int c = r + 1; c < 3; ++c) {
                    const QString a = m.annotators.at(r);
                    const QString b = m.annotators.at(c);
                    QJsonObject pair;
                    QJsonValue value;
                    qint64 items = 0;
                    if (m.key.startsWith(QLatin1String("question:"))) {
                        pair = pairOf(
                            report[QLatin1String("questions")][m.key.mid(9)][QLatin1String("pairs")]
                                .toArray(),
                            a, b);
                        value = pair[QLatin1String("cohen_kappa")];
                        items = pair[QLatin1String("items")].toInteger();
                    } else if (m.key == QLatin1String("boxes")) {
                        pair = pairOf(report[m.key][QLatin1String("pairs")].toArray(), a, b);
                        value = pair[QLatin1String("f1")];
                        items = pair[QLatin1String("images")].toInteger();
                    } else if (m.key == QLatin1String("spans")) {
                        pair = pairOf(report[m.key][QLatin1String("pairs")].toArray(), a, b);
                        value = pair[QLatin1String("exact")][QLatin1String("f1")];
                        items = pair[QLatin1String("texts")].toInteger();
                    } else if (m.key == QLatin1String("segments")) {
                        pair = pairOf(report[m.key][QLatin1String("pairs")].toArray(), a, b);
                        value = pair[QLatin1String("boundaries")][QLatin1String("f1")];
                        items = pair[QLatin1String("audios")].toInteger();
                    } else {
                        pair = pairOf(report[m.key][QLatin1String("pairs")].toArray(), a, b);
                        value = pair[QLatin1String("agreement_with_ties")];
                        items = pair[QLatin1String("tasks")].toInteger();
                    }
                    QVERIFY2(!pair.isEmpty(), qPrintable(m.key + QLatin1Char(' ') + a + b));
                    QVERIFY(value.isDouble());
                    QVERIFY(m.cell(r, c).value.has_value());
                    QCOMPARE(*m.cell(r, c).value, value.toDouble());
                    QCOMPARE(*m.cell(c, r).value, value.toDouble());
                    QCOMPARE(m.cell(r, c).items, items);
                    QVERIFY(items > 0);
                    const QList<qint64> tasks = data->tasksBehind(m.key, a, b);
                    QCOMPARE(qint64(tasks.size()), items);
                    QCOMPARE(data->tasksBehind(m.key, b, a), tasks);
                    QVERIFY(std::is_sorted(tasks.begin(), tasks.end()));
                    ++cells;
                }
            }
        }
        QCOMPARE(cells, 10 * 3);

        // Progress counts every answer, and only answers.
        for (const QString& a : agreementtest::kAnnotators) {
            auto submitted = project->database().queryInt(
                QStringLiteral("SELECT count(*) FROM annotations WHERE annotator = '%1' AND "
                               "status = 'submitted' AND deleted = 0 AND (review_of IS NULL OR "
                               "review_of = '')")
                    .arg(a));
            QVERIFY(submitted.ok());
            QCOMPARE(qint64(data->answeredAt.value(a).size()), *submitted);
            QVERIFY(*submitted > 50);
        }
        QVERIFY(!data->answeredAt.contains(QStringLiteral("model:gpt")));
        QVERIFY(!data->answeredAt.contains(QStringLiteral("lead")));

        // Gold: the report's rows, and a task list per annotator as long.
        QCOMPARE(data->gold.size(), 3);
        const QJsonArray gold =
            report[QLatin1String("gold")][QLatin1String("annotators")].toArray();
        for (int i = 0; i < 3; ++i) {
            const GoldRow& row = data->gold.at(i);
            QCOMPARE(row.annotator, gold[i][QLatin1String("annotator")].toString());
            QCOMPARE(row.tasks, gold[i][QLatin1String("tasks")].toInteger());
            QCOMPARE(qint64(data->goldTasks.value(row.annotator).size()), row.tasks);
            QVERIFY(row.boxesF1.has_value());
            QCOMPARE(*row.boxesF1, gold[i][QLatin1String("boxes")][QLatin1String("f1")].toDouble());
            QVERIFY(row.answers.has_value());
        }

        // The agreement CSV: one line per pair of every matrix, plus the head.
        const QByteArray csv = dashboardcsv::agreement(data->matrices);
        QCOMPARE(csv.count("\r\n"), 1 + 30);
        QVERIFY(csv.startsWith("measure,figure,a,b,value,items,undefined\r\n"));
        QVERIFY(csv.contains("question:topic,Cohen's κ,alice,bob,"));
    }

    // Labels per annotator, active times and the undefined cells of a small
    // project whose numbers are known.
    void labelsTimesAndUndefinedCells() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.postil"));
        auto project = makeProject(path, kSmallSchema);
        for (int i = 1; i <= 4; ++i)
            addImageTask(*project, QStringLiteral("img-%1").arg(i), i);
        const QString ann = QStringLiteral("ann");
        const QString bo = QStringLiteral("bo");
        const auto submitted = AnnotationStatus::Submitted;
        addAnnotation(*project, QStringLiteral("img-1"), ann, submitted,
                      boxesResult({"car", "car"}, QStringLiteral("cat"), 4000));
        addAnnotation(*project, QStringLiteral("img-1"), bo, submitted,
                      boxesResult({"car"}, QStringLiteral("cat"), 9000));
        addAnnotation(*project, QStringLiteral("img-2"), ann, submitted,
                      boxesResult({"person"}, QStringLiteral("dog"), 1000));
        addAnnotation(*project, QStringLiteral("img-2"), bo, submitted,
                      boxesResult({"person", "oddlabel"}, QString(), 30000));
        // A draft and a skip are not answers: not counted, not timed.
        addAnnotation(*project, QStringLiteral("img-3"), ann, AnnotationStatus::Draft,
                      boxesResult({"car"}, QStringLiteral("dog"), 99000));
        addAnnotation(*project, QStringLiteral("img-4"), bo, AnnotationStatus::Skipped,
                      boxesResult({}, QString(), 1));

        DashboardOptions options;
        options.taskTimeRows = 3;
        QList<qint64> seen;
        auto data = buildDashboardData(*project, options, [&](qint64 done, qint64 total) {
            seen << done;
            return total == 4;
        });
        QVERIFY2(data.ok(), qPrintable(data.error()));
        QCOMPARE(seen.first(), 0);
        QCOMPARE(seen.last(), 4);
        QCOMPARE(data->tasks, 4);
        QCOMPARE(data->annotators, (QStringList{ann, bo}));

        QCOMPARE(data->labels.size(), 2);
        const LabelDistribution& marks = data->labels.at(0);
        QCOMPARE(marks.values, strings({"car", "person", "oddlabel"}));
        QCOMPARE(marks.counts.value(ann), (QList<qint64>{2, 1, 0}));
        QCOMPARE(marks.counts.value(bo), (QList<qint64>{1, 1, 1}));
        const LabelDistribution& topic = data->labels.at(1);
        QCOMPARE(topic.group, QStringLiteral("topic"));
        QCOMPARE(topic.values, strings({"cat", "dog"}));
        QCOMPARE(topic.counts.value(ann), (QList<qint64>{1, 1}));
        QCOMPARE(topic.counts.value(bo), (QList<qint64>{1, 0}));

        QCOMPARE(data->slowest.size(), 3);
        QCOMPARE(data->slowest.at(0).activeMs, 30000);
        QCOMPARE(data->slowest.at(0).annotator, bo);
        QCOMPARE(data->slowest.at(0).taskId, 2);
        QVERIFY(!data->slowest.at(0).preview.isEmpty());
        QCOMPARE(data->slowest.at(1).activeMs, 9000);
        QCOMPARE(data->fastest.at(0).activeMs, 1000);
        QCOMPARE(data->fastest.at(1).activeMs, 4000);

        // Boxes: car 1 of 2+1, person 1 of 1+2: F1 = 2·2 / (3 + 3).
        const AgreementMatrix* boxes = data->matrix(QStringLiteral("boxes"));
        QVERIFY(boxes);
        QCOMPARE(*boxes->cell(0, 1).value, 4.0 / 6.0);
        QCOMPARE(boxes->cell(0, 1).items, 2);
        QCOMPARE(data->tasksBehind(QStringLiteral("boxes"), ann, bo), (QList<qint64>{1, 2}));
        // topic: one item both answered, one answer only: κ not defined, and why.
        const AgreementMatrix* q = data->matrix(QStringLiteral("question:topic"));
        QVERIFY(q);
        QVERIFY(!q->cell(0, 1).value);
        QVERIFY(!q->cell(0, 1).reason.isEmpty());
        QCOMPARE(q->cell(0, 1).items, 1);
        QCOMPARE(data->tasksBehind(QStringLiteral("question:topic"), ann, bo), (QList<qint64>{1}));

        // CSV: undefined is an empty value with its reason; text is quoted.
        const QByteArray csv = dashboardcsv::agreement(data->matrices);
        QVERIFY(csv.contains("question:topic,Cohen's κ,ann,bo,,1,"));
        QCOMPARE(dashboardcsv::field(QStringLiteral("a,\"b\"")), QByteArray("\"a,\"\"b\"\"\""));
        const QByteArray times = dashboardcsv::taskTimes(data->slowest, data->fastest);
        QVERIFY(times.contains("slowest,2,bo,30,"));
        const QByteArray labels = dashboardcsv::labels(data->labels, data->annotators);
        QVERIFY(labels.contains("Labels (boxes and spans),car,2,1\r\n"));

        // Stopped by the progress callback: a failure, nothing half-done.
        auto stopped =
            buildDashboardData(*project, options, [](qint64 done, qint64) { return done < 1; });
        QVERIFY(!stopped.ok());
    }

    // The read-only connection reads while the studio's connection holds the
    // write lock, and can write nothing.
    void readsBesideAWriterAndNeverWrites() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("p.postil"));
        auto project = makeProject(path, kSmallSchema);
        addImageTask(*project, QStringLiteral("img-1"), 1);
        addAnnotation(*project, QStringLiteral("img-1"), QStringLiteral("ann"),
                      AnnotationStatus::Submitted, boxesResult({"car"}, QString(), 10));
        Transaction writing(project->database());
        QVERIFY(writing.begin().ok());
        addAnnotation(*project, QStringLiteral("img-1"), QStringLiteral("bo"),
                      AnnotationStatus::Submitted, boxesResult({"car"}, QString(), 10));

        auto reader = Project::openForReading(path);
        QVERIFY2(reader.ok(), qPrintable(reader.error()));
        QVERIFY((*reader)->isReadOnly());
        auto data = buildDashboardData(**reader, DashboardOptions());
        QVERIFY2(data.ok(), qPrintable(data.error()));
        QCOMPARE(data->annotators, strings({"ann"}));  // not what is uncommitted
        QVERIFY(writing.commit().ok());

        Annotation a;
        a.taskUid = QStringLiteral("img-1");
        a.annotator = QStringLiteral("cy");
        a.status = AnnotationStatus::Submitted;
        QVERIFY(!(*reader)->saveAnnotation(a).ok());
        QVERIFY(!Project::openForReading(dir.filePath(QStringLiteral("none.postil"))).ok());
    }

    void cumulativeProgressSteps() {
        const qint64 hour = 3600 * 1000;
        const QList<qint64> times{hour * 10 + 5, hour * 10 + 7, hour * 12 + 1};
        const QList<ProgressPoint> points = cumulativeProgress(times, hour);
        QCOMPARE(points.size(), 3);
        QCOMPARE(points.at(0).atMs, hour * 10);
        QCOMPARE(points.at(0).done, 0);
        QCOMPARE(points.at(1).atMs, hour * 11);
        QCOMPARE(points.at(1).done, 2);
        QCOMPARE(points.at(2).atMs, hour * 13);
        QCOMPARE(points.at(2).done, 3);
        QCOMPARE(progressBucketMs({{QStringLiteral("a"), times}}), hour);
        QCOMPARE(progressBucketMs({{QStringLiteral("a"), {0, hour * 24 * 5}}}), hour * 24);
    }
};

QTEST_GUILESS_MAIN(TestDashboardData)
#include "tst_dashboarddata.moc"

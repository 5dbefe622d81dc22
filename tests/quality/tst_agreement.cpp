// Agreement (core/quality, docs/architecture.md "Agreement"): every figure of
// a project's report equals what NLTK, scikit-learn, statsmodels and SciPy
// give on the same answers (agreement_reference.py, run with Debian's Python),
// to 1e-9; the published figures of reliability.md's examples come out; and
// the cases where a statistic is not defined say so instead of giving NaN.

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "agreementfixture.h"
#include "quality/agreementreport.h"
#include "quality/boxmatching.h"
#include "quality/categoricalagreement.h"
#include "quality/hungarian.h"
#include "quality/rankcorrelation.h"
#include "quality/segmentmatching.h"
#include "testsupport.h"

using namespace postil;
using namespace postil::quality;

namespace {

// Every key of `expected` is in `actual` with the same value: numbers to
// 1e-9, null for null (a figure the reference does not define must not be
// defined here), arrays element by element. Keys only `actual` has (the
// reasons, counts the reference does not compute) are not compared.
void compareJson(const QJsonValue& expected, const QJsonValue& actual, const QString& path,
                 int& compared) {
    if (expected.isObject()) {
        QVERIFY2(actual.isObject(), qPrintable(path + QStringLiteral(": not an object")));
        const QJsonObject e = expected.toObject();
        const QJsonObject a = actual.toObject();
        for (auto it = e.begin(); it != e.end(); ++it) {
            QVERIFY2(a.contains(it.key()),
                     qPrintable(path + QLatin1Char('.') + it.key() + QStringLiteral(": missing")));
            compareJson(it.value(), a.value(it.key()), path + QLatin1Char('.') + it.key(),
                        compared);
            if (QTest::currentTestFailed())
                return;
        }
    } else if (expected.isArray()) {
        const QJsonArray e = expected.toArray();
        const QJsonArray a = actual.toArray();
        QVERIFY2(a.size() == e.size(), qPrintable(QStringLiteral("%1: %2 entries, expected %3")
                                                      .arg(path)
                                                      .arg(a.size())
                                                      .arg(e.size())));
        for (qsizetype i = 0; i < e.size(); ++i) {
            compareJson(e.at(i), a.at(i), QStringLiteral("%1[%2]").arg(path).arg(i), compared);
            if (QTest::currentTestFailed())
                return;
        }
    } else if (expected.isNull()) {
        QVERIFY2(actual.isNull(), qPrintable(QStringLiteral("%1: %2, the reference has none")
                                                 .arg(path)
                                                 .arg(actual.toDouble(), 0, 'g', 17)));
    } else if (expected.isDouble()) {
        QVERIFY2(actual.isDouble(),
                 qPrintable(path + QStringLiteral(": not a number (the reference gives %1)")
                                       .arg(expected.toDouble(), 0, 'g', 17)));
        QVERIFY2(qAbs(actual.toDouble() - expected.toDouble()) < 1e-9,
                 qPrintable(QStringLiteral("%1: %2, the reference gives %3")
                                .arg(path)
                                .arg(actual.toDouble(), 0, 'g', 17)
                                .arg(expected.toDouble(), 0, 'g', 17)));
        ++compared;
    } else {
        QVERIFY2(actual == expected,
                 qPrintable(path + QStringLiteral(": ") +
                            QString::fromUtf8(
                                QJsonDocument(QJsonArray{actual}).toJson(QJsonDocument::Compact))));
    }
}

// The reference figures for `truth`. `missing` is set when the script
// cannot run here (no Python, or exit 3: a library is not installed): the
// caller skips, or fails under POSTIL_REQUIRE_CHECKERS. Any other failure of
// the script (one of its cross-checks between libraries) fails the test.
QJsonObject referenceReport(const QJsonObject& truth, bool* missing) {
    QProcess python;
    python.start(systemPython(),
                 {QStringLiteral(POSTIL_QUALITY_SCRIPTS "/agreement_reference.py")});
    if (!python.waitForStarted()) {
        *missing = true;
        return {};
    }
    python.write(QJsonDocument(truth).toJson(QJsonDocument::Compact));
    python.closeWriteChannel();
    python.waitForFinished(120000);
    const QByteArray err = python.readAllStandardError();
    if (python.exitStatus() == QProcess::NormalExit && python.exitCode() == 3) {
        *missing = true;
        return {};
    }
    [&] {
        QVERIFY2(python.exitStatus() == QProcess::NormalExit && python.exitCode() == 0,
                 err.right(3000).constData());
    }();
    return QJsonDocument::fromJson(python.readAllStandardOutput()).object();
}

RatingTable table(const QStringList& annotators, int categories, bool ordered,
                  const QList<QList<int>>& rows) {
    RatingTable t;
    t.annotators = annotators;
    for (int c = 0; c < categories; ++c)
        t.categories << QString::number(c);
    t.ordered = ordered;
    t.codes = rows;
    return t;
}

// Columns of codes (one list per annotator, -1 missing) as rows.
QList<QList<int>> rowsOf(const QList<QList<int>>& columns) {
    QList<QList<int>> rows(columns.first().size());
    for (const QList<int>& column : columns)
        for (qsizetype i = 0; i < column.size(); ++i)
            rows[i] << column.at(i);
    return rows;
}

}  // namespace

class TestAgreement : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    // The whole report of a project with three annotators' answers of every
    // kind against the reference libraries, figure by figure.
    void everyFigureMatchesTheReferenceLibraries() {
        QTemporaryDir dir;
        auto project =
            makeProject(dir.filePath(QStringLiteral("p.postil")), agreementtest::kSchema);
        agreementtest::Fixture fixture(*project);
        const QJsonObject truth = fixture.build();
        if (QTest::currentTestFailed())
            return;
        auto report = computeAgreement(*project, AgreementOptions());
        QVERIFY2(report.ok(), qPrintable(report.error()));

        if (qEnvironmentVariableIsSet("POSTIL_AGREEMENT_DUMP")) {
            writeFile(qEnvironmentVariable("POSTIL_AGREEMENT_DUMP") + QStringLiteral(".truth.json"),
                      QJsonDocument(truth).toJson());
            writeFile(
                qEnvironmentVariable("POSTIL_AGREEMENT_DUMP") + QStringLiteral(".report.json"),
                QJsonDocument(*report).toJson());
        }
        // The dump lets a person diff the two by hand when a figure differs.
        bool missing = false;
        const QJsonObject expected = referenceReport(truth, &missing);
        if (missing)
            POSTIL_CHECKER_MISSING(
                "python3 with nltk, sklearn, statsmodels and scipy "
                "(tools/install-deps --checkers) is not installed");
        if (QTest::currentTestFailed())
            return;
        QVERIFY(!expected.isEmpty());
        int compared = 0;
        compareJson(expected, *report, QStringLiteral("report"), compared);
        if (QTest::currentTestFailed())
            return;
        // Enough of it was compared to mean something: every section has pairs.
        QVERIFY2(compared > 400, qPrintable(QString::number(compared)));
        const QJsonObject questions = report->value(QLatin1String("questions")).toObject();
        QCOMPARE(questions.keys(),
                 (QStringList{QStringLiteral("quality"), QStringLiteral("tags[a]"),
                              QStringLiteral("tags[b]"), QStringLiteral("tags[c]"),
                              QStringLiteral("topic"), QStringLiteral("toxic")}));
        for (const QJsonValue& q : questions) {
            QCOMPARE(q[QLatin1String("annotators")].toArray().size(), 3);  // no model, draft, dave
            QVERIFY(q[QLatin1String("fleiss_kappa")].isDouble());
            QCOMPARE(q[QLatin1String("pairs")].toArray().size(), 3);
        }
        // The rating has every ordered figure; a single choice says why it has none.
        const QJsonObject quality = questions.value(QLatin1String("quality")).toObject();
        QVERIFY(quality[QLatin1String("krippendorff_alpha")][QLatin1String("ordinal")].isDouble());
        QVERIFY(
            quality[QLatin1String("pairs")][0][QLatin1String("cohen_kappa_quadratic")].isDouble());
        const QJsonObject topic = questions.value(QLatin1String("topic")).toObject();
        QVERIFY(topic[QLatin1String("pairs")][0][QLatin1String("cohen_kappa_linear")].isNull());
        QVERIFY(topic[QLatin1String("pairs")][0][QLatin1String("undefined")]
                     [QLatin1String("cohen_kappa_linear")]
                         .toString()
                         .contains(QLatin1String("not an ordered scale")));
        for (const char* section : {"boxes", "spans", "segments", "comparisons"})
            QCOMPARE((*report)[QLatin1String(section)][QLatin1String("pairs")].toArray().size(), 3);
        QCOMPARE((*report)[QLatin1String("gold")][QLatin1String("from_reviews")].toInteger(), 8);
    }

    // reliability.md §4's worked examples (computed there with NLTK 3.8,
    // scikit-learn 1.2.1 and statsmodels 0.13.5): the figures hold without
    // any Python.
    void publishedExamples() {
        // A, B, C over cat/dog/none (0/1/2).
        const QList<int> a{0, 0, 1, 1, 2, 0, 1, 2, 0, 1};
        const QList<int> b{0, 1, 1, 1, 2, 0, 0, 2, 0, 2};
        const QList<int> c{0, 1, 1, 0, 2, 0, 1, 2, 1, 1};
        QVERIFY(qAbs(*cohenKappa(a, b, 3, KappaWeights::None).value - 6.0 / 11.0) < 1e-12);
        const CategoricalAgreement three = computeCategorical(
            table({QStringLiteral("A"), QStringLiteral("B"), QStringLiteral("C")}, 3, false,
                  rowsOf({a, b, c})));
        QVERIFY(qAbs(*three.fleissKappa.value - 0.488055) < 1e-6);
        QCOMPARE(three.fleissItems, 10);

        // Krippendorff's 3 coders x 15 units with gaps (values 1..4 at positions 0..3).
        const int N = -1;
        const QList<QList<int>> k{{N, N, N, N, N, 3, 4, 1, 2, 1, 1, 3, 3, N, 3},
                                  {1, N, 2, 1, 3, 3, 4, 3, N, N, N, N, N, N, N},
                                  {N, N, 2, 1, 3, 4, 4, N, 2, 1, 1, 3, 3, N, 4}};
        QList<QList<int>> positions;
        for (const QList<int>& coder : k) {
            QList<int> p;
            for (int v : coder)
                p << (v < 0 ? -1 : v - 1);
            positions << p;
        }
        const CategoricalAgreement alpha = computeCategorical(
            table({QStringLiteral("c1"), QStringLiteral("c2"), QStringLiteral("c3")}, 4, true,
                  rowsOf(positions)));
        QVERIFY(qAbs(*alpha.alphaNominal.value - 0.691358) < 1e-6);
        QVERIFY(qAbs(*alpha.alphaInterval.value - 0.810845) < 1e-6);
        // Units with one value do not count; Fleiss takes the two all three coded.
        QCOMPARE(alpha.items, 12);
        QCOMPARE(alpha.fleissItems, 2);
    }

    // One annotator, one value only, nothing in common: null with a reason,
    // never NaN and never a crash.
    void undefinedFiguresSayWhy() {
        const CategoricalAgreement alone =
            computeCategorical(table({QStringLiteral("solo")}, 3, true, rowsOf({{0, 1, 2}})));
        QVERIFY(!alone.fleissKappa.isDefined());
        QVERIFY(alone.fleissKappa.reason.contains(QLatin1String("fewer than two annotators")));
        QVERIFY(!alone.alphaNominal.isDefined());
        QVERIFY(!alone.percentAgreement.isDefined());
        QVERIFY(alone.pairs.isEmpty());

        const CategoricalAgreement same = computeCategorical(table(
            {QStringLiteral("a"), QStringLiteral("b")}, 3, true, rowsOf({{1, 1, 1}, {1, 1, 1}})));
        QVERIFY(!same.pairs.first().kappa.isDefined());
        QVERIFY(same.pairs.first().kappa.reason.contains(QLatin1String("same answer")));
        QVERIFY(!same.pairs.first().kappaQuadratic.isDefined());
        QVERIFY(!same.fleissKappa.isDefined());
        QVERIFY(!same.alphaOrdinal.isDefined());
        QCOMPARE(*same.percentAgreement.value, 1.0);

        const CategoricalAgreement apart =
            computeCategorical(table({QStringLiteral("a"), QStringLiteral("b")}, 2, false,
                                     rowsOf({{0, 1, -1, -1}, {-1, -1, 0, 1}})));
        QCOMPARE(apart.pairs.first().items, 0);
        QVERIFY(apart.pairs.first().kappa.reason.contains(QLatin1String("no item both")));
        QVERIFY(!apart.alphaNominal.isDefined());
        QCOMPARE(apart.fleissItems, 0);

        QJsonObject json = apart.toJson();
        QVERIFY(json.value(QLatin1String("fleiss_kappa")).isNull());
        QVERIFY(
            !json[QLatin1String("undefined")][QLatin1String("fleiss_kappa")].toString().isEmpty());
        QVERIFY(!QJsonDocument(json).toJson().contains("nan"));

        QVERIFY(!kendallTauB({0, 0, 0}, {0, 1, 2}).isDefined());
        QVERIFY(!kendallTauB({0}, {0}).isDefined());
        QCOMPARE(*kendallTauB({0, 1, 2}, {2, 1, 0}).value, -1.0);
    }

    // Greedy matching (each box to its best partner first) loses a match
    // the Hungarian assignment keeps.
    void hungarianBeatsGreedy() {
        // Row 0 is best with column 0 (0.9) but also fits column 1 (0.6);
        // row 1 fits only column 0 (0.8). Greedy: one match; optimum: two.
        const QList<int> assigned = maximumWeightAssignment({0.9, 0.6, 0.8, 0.0}, 2, 2);
        QCOMPARE(assigned, (QList<int>{1, 0}));
        // Rectangular either way round.
        QCOMPARE(maximumWeightAssignment({0.1, 0.9, 0.5}, 1, 3), (QList<int>{1}));
        QCOMPARE(maximumWeightAssignment({0.1, 0.9, 0.5}, 3, 1), (QList<int>{-1, 0, -1}));

        Box wide{QStringLiteral("car"), 0, 0, 100, 100, {}, {}};
        Box left{QStringLiteral("car"), 0, 0, 60, 100, {}, {}};
        Box right{QStringLiteral("car"), 40, 0, 60, 100, {}, {}};
        Box person{QStringLiteral("person"), 0, 0, 100, 100, {}, {}};
        QCOMPARE(boxIoU(wide, left), 0.6);
        const auto tallies = matchBoxes({wide, person}, {left, right, person}, 0.5);
        QCOMPARE(tallies.value(QStringLiteral("car")).matches, 1);  // one-to-one
        QCOMPARE(tallies.value(QStringLiteral("car")).itemsB, 2);
        QCOMPARE(tallies.value(QStringLiteral("person")).matches, 1);  // same label only
        QCOMPARE(matchBoxes({wide}, {left}, 0.7).value(QStringLiteral("car")).matches, 0);
    }

    void wordErrorRate() {
        QCOMPARE(
            transcriptWords(QStringLiteral("  hello\tbig  world ")),
            (QStringList{QStringLiteral("hello"), QStringLiteral("big"), QStringLiteral("world")}));
        QCOMPARE(wordEditDistance({QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")},
                                  {QStringLiteral("a"), QStringLiteral("x"), QStringLiteral("c"),
                                   QStringLiteral("d")}),
                 2);
        // Boundaries within the tolerance pair off one-to-one, as many as can.
        Segment s1{0, 1000, {}, QStringLiteral("a b"), {}, {}};
        Segment s2{1000, 2000, {}, QStringLiteral("c"), {}, {}};
        Segment t1{150, 1190, {}, QStringLiteral("a c"), {}, {}};
        const SegmentMatch match = matchSegments({s1, s2}, {t1}, 200);
        QCOMPARE(match.boundaries.itemsA, 3);  // 0, 1000, 2000
        QCOMPARE(match.boundaries.matches, 2);
        QCOMPARE(match.segments.matches, 1);
        QCOMPARE(match.referenceWords, 2);
        QCOMPARE(match.wordEdits, 1);
    }

    // Two reviews of a task: the newer one (by its stamp, not its
    // reviewer's name) is the gold; a task's own data.gold comes first.
    void newestReviewIsTheGold() {
        QTemporaryDir dir;
        auto project =
            makeProject(dir.filePath(QStringLiteral("r.postil")), agreementtest::kSchema);
        addTask(*project, QStringLiteral("t1"), TaskKind::Text,
                {{QStringLiteral("text"), QStringLiteral("one")}});
        addAnnotation(*project, QStringLiteral("t1"), QStringLiteral("alice"),
                      AnnotationStatus::Submitted, jsonObject(R"({"answers": {"topic": "cat"}})"));
        for (const auto& [reviewer, topic] :
             {std::pair{QStringLiteral("zed"), QStringLiteral("dog")},
              std::pair{QStringLiteral("amy"), QStringLiteral("cat")}}) {
            Annotation review;
            review.taskUid = QStringLiteral("t1");
            review.annotator = reviewer;
            review.status = AnnotationStatus::Submitted;
            review.reviewOf = QStringLiteral("x");
            review.result = {
                {QStringLiteral("answers"), QJsonObject{{QStringLiteral("topic"), topic}}}};
            QVERIFY(project->saveAnnotation(review).ok());
        }
        auto report = computeAgreement(*project, AgreementOptions());
        QVERIFY2(report.ok(), qPrintable(report.error()));
        const QJsonObject gold = report->value(QLatin1String("gold")).toObject();
        QCOMPARE(gold.value(QLatin1String("from_reviews")).toInteger(), 1);
        const QJsonArray people = gold.value(QLatin1String("annotators")).toArray();
        QCOMPARE(people.size(), 1);  // reviewers are not annotators
        QCOMPARE(
            people[0][QLatin1String("answers")][QLatin1String("topic")][QLatin1String("accuracy")]
                .toDouble(),
            1.0);
        // Reviews are not answers: the question has one annotator.
        QCOMPARE((*report)[QLatin1String("questions")][QLatin1String("topic")]
                          [QLatin1String("annotators")]
                              .toArray()
                              .size(),
                 1);
    }

    // A question name that is not a categorical question is refused, naming it.
    void unknownQuestionIsRefused() {
        QTemporaryDir dir;
        auto project =
            makeProject(dir.filePath(QStringLiteral("q.postil")), agreementtest::kSchema);
        AgreementOptions options;
        options.question = QStringLiteral("comment");
        auto report = computeAgreement(*project, options);
        QVERIFY(!report.ok());
        QVERIFY(report.error().contains(QLatin1String("'comment'")));
        options.question = QStringLiteral("tags");
        report = computeAgreement(*project, options);
        QVERIFY2(report.ok(), qPrintable(report.error()));
    }
};

QTEST_GUILESS_MAIN(TestAgreement)
#include "tst_agreement.moc"

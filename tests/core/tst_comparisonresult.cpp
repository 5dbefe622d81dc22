// ComparisonResult, the one codec of a comparison result (architecture.md §4):
// round trips, byte-stable writes that keep what it does not own, the tie
// rule every consumer shares, and malformed input.

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>
#include <limits>

#include "formats/formatregistry.h"
#include "model/comparison.h"
#include "model/comparisonresult.h"
#include "model/project.h"
#include "model/projectstats.h"
#include "testsupport.h"

using namespace postil;

namespace {

QByteArray bytes(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// Every part, as the editor writes them, and keys that are not the codec's.
const char* const kFull = R"({
    "order": [2, 0, 1],
    "ranking": [[1], [0, 2]],
    "both_bad": false,
    "rubric": {"helpfulness": [5, null, 3], "accuracy": [1, 2, 3]},
    "flags": [{"response": 2, "start": 3, "end": 9, "label": "wrong", "comment": "no",
               "id": "kept-flag-key"},
              {"response": 0, "start": 0, "end": 0, "label": "empty", "comment": ""}],
    "critique": "C and A are as bad",
    "rewrite": "",
    "answers": {"topic": ["a", "b"]},
    "active_ms": 1234,
    "x-future": {"nested": [1, 2, {"deep": true}]}
})";

}  // namespace

class TestComparisonResult : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void readsEveryPart() {
        const ComparisonResult r = ComparisonResult::read(jsonObject(kFull), 3);
        QVERIFY2(r.problems().isEmpty(), qPrintable(r.problems().join(QLatin1Char('\n'))));
        QCOMPARE(r.order(), (QList<int>{2, 0, 1}));
        QCOMPARE(r.preference(), std::nullopt);
        QCOMPARE(r.bothBad(), std::optional<bool>(false));
        QCOMPARE(r.ranking(), (ComparisonResult::Ranking{{1}, {0, 2}}));
        QCOMPARE(r.score(QStringLiteral("helpfulness"), 0), std::optional<double>(5));
        QCOMPARE(r.score(QStringLiteral("helpfulness"), 1), std::nullopt);
        QCOMPARE(r.score(QStringLiteral("helpfulness"), 7), std::nullopt);
        QCOMPARE(r.flags().size(), 2);
        QCOMPARE(r.flags()[0].label, QStringLiteral("wrong"));
        QCOMPARE(r.critique(), QStringLiteral("C and A are as bad"));
        QCOMPARE(r.rewrite(), std::optional<QString>(QString()));  // empty, but there
        QVERIFY(r.hasVerdict());
        QVERIFY(ComparisonResult::parse(jsonObject(kFull), 3).ok());
    }

    // parse -> write -> parse gives the same value, and writing again gives
    // the same bytes: for a stored result and for one built from nothing.
    void roundTripIsStable() {
        const ComparisonResult first = ComparisonResult::read(jsonObject(kFull), 3);
        const QJsonObject written = first.toJson();
        QCOMPARE(bytes(written), bytes(jsonObject(kFull)));  // nothing changed: nothing written
        const ComparisonResult second = ComparisonResult::read(written, 3);
        QVERIFY(second == first);
        QCOMPARE(bytes(second.toJson()), bytes(written));

        ComparisonResult built(2);
        built.setOrder(QList<int>{1, 0});
        built.setPreference(-2);
        built.setBothBad(true);
        built.setScore(QStringLiteral("clarity"), 1, 4);
        built.setFlags({CompareFlag{1, 2, 5, QStringLiteral("tone"), QStringLiteral("x"), {}}});
        built.setCritique(QStringLiteral("B rambles"));
        built.setRewrite(QStringLiteral("Shorter."));
        const QJsonObject builtJson = built.toJson();
        QCOMPARE(
            bytes(builtJson),
            QByteArray(R"({"both_bad":true,"critique":"B rambles","flags":[{"comment":"x",)"
                       R"("end":5,"label":"tone","response":1,"start":2}],"order":[1,0],)"
                       R"("preference":-2,"rewrite":"Shorter.","rubric":{"clarity":[null,4]}})"));
        const ComparisonResult reread = ComparisonResult::read(builtJson, 2);
        QVERIFY(reread.problems().isEmpty());
        QVERIFY(reread == built);
        QCOMPARE(bytes(reread.toJson()), bytes(builtJson));
        // And through the project file's own text form.
        const ComparisonResult fromText =
            ComparisonResult::read(QJsonDocument::fromJson(bytes(builtJson)).object(), 2);
        QVERIFY(fromText == built);
    }

    // An edit writes the part it changed and nothing else: keys the codec
    // does not own, and parts it would write differently, stay as stored.
    void unknownKeysAndUntouchedPartsAreKept() {
        const QJsonObject stored = jsonObject(R"({
            "preference": 2.0, "critique": 42, "rubric": {"old": "junk", "kept": [7, 1, 9]},
            "flags": [{"response": 1, "start": 0, "end": 2, "label": "x", "comment": "",
                       "id": "f1"}],
            "ranking": "not a ranking",
            "answers": {"q": "yes"}, "active_ms": 99, "x-future": [1, {"a": null}]})");
        ComparisonResult r = ComparisonResult::read(stored, 2);
        QVERIFY(!r.problems().isEmpty());  // the critique and the ranking

        r.setBothBad(true);
        QJsonObject expected = stored;
        expected.insert(QStringLiteral("both_bad"), true);
        QCOMPARE(bytes(r.toJson()), bytes(expected));

        // A rubric edit touches its dimension only: "old" (unreadable) and
        // "kept" (3 scores for 2 responses) stay as they were.
        r.setScore(QStringLiteral("new"), 0, 3);
        expected.insert(QStringLiteral("rubric"),
                        jsonObject(R"({"old": "junk", "kept": [7, 1, 9], "new": [3, null]})"));
        QCOMPARE(bytes(r.toJson()), bytes(expected));

        // A flag edit keeps each flag's own unknown keys.
        QList<CompareFlag> flags = r.flags();
        flags[0].comment = QStringLiteral("now with a comment");
        r.setFlags(flags);
        const QJsonObject flag = r.toJson().value(QLatin1String("flags")).toArray()[0].toObject();
        QCOMPARE(flag.value(QLatin1String("id")).toString(), QStringLiteral("f1"));
        QCOMPARE(flag.value(QLatin1String("comment")).toString(),
                 QStringLiteral("now with a comment"));

        // Removing a part removes its key; clearing the last score, the rubric entry.
        r.setScore(QStringLiteral("new"), 0, std::nullopt);
        r.setCritique(QString());
        QVERIFY(
            !r.toJson().value(QLatin1String("rubric")).toObject().contains(QLatin1String("new")));
        QVERIFY(r.toJson().contains(QLatin1String("critique")));  // 42 untouched: unchanged ""
        r.setCritique(QStringLiteral("x"));
        r.setCritique(QString());
        QCOMPARE(r.toJson().value(QLatin1String("critique")).toInt(), 42);
        QCOMPARE(r.toJson().value(QLatin1String("x-future")),
                 stored.value(QLatin1String("x-future")));
    }

    // A tie is held sorted whatever order it was stored in: B and A tied,
    // then C ([[1, 0], 2]) is [[0, 1], [2]] to the codec, the pairs, the gold
    // check, the statistics and the exports alike.
    void tieGroupIsSortedForEveryConsumer() {
        const QJsonObject stored = jsonObject(R"({"ranking": [[1, 0], 2]})");
        const ComparisonResult r = ComparisonResult::read(stored, 3);
        QVERIFY(r.problems().isEmpty());
        QCOMPARE(r.ranking(), (ComparisonResult::Ranking{{0, 1}, {2}}));
        // Set in any order, held sorted; written sorted.
        ComparisonResult edited(3);
        edited.setRanking({{2}, {1, 0}});
        QCOMPARE(edited.ranking(), (ComparisonResult::Ranking{{2}, {0, 1}}));
        QCOMPARE(bytes(edited.toJson()), QByteArray(R"({"ranking":[[2],[0,1]]})"));

        QList<bool> ties;
        const auto pairs = comparison::preferencePairs(stored, 3, true, false, &ties);
        QCOMPARE(pairs.size(), 3);
        QCOMPARE(pairs[0].chosen, 0);  // the tie, in canonical order
        QCOMPARE(pairs[0].rejected, 1);
        QVERIFY(ties[0]);

        const QJsonObject data = jsonObject(R"({"prompt": "p", "responses": ["a", "b", "c"],
                                          "gold": {"ranking": [[0, 1], [2]]}})");
        QCOMPARE(comparison::matchesGold(data, stored), std::optional<bool>(true));
        const QJsonObject unsortedGold = jsonObject(R"({"prompt": "p", "responses": ["a", "b", "c"],
                                                  "gold": {"ranking": [[1, 0], [2]]}})");
        QCOMPARE(comparison::matchesGold(unsortedGold, r), std::optional<bool>(true));

        // The same through a real project: the trl export and the statistics.
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));
        addTask(*project, QStringLiteral("t1"), TaskKind::Compare, unsortedGold);
        addAnnotation(*project, QStringLiteral("t1"), QStringLiteral("ann"),
                      AnnotationStatus::Submitted, stored);
        ExportOptions options;
        options.formatOptions.insert(QStringLiteral("keep-ties"), QStringLiteral("1"));
        ExportReport report;
        const QString out = dir.filePath(QStringLiteral("pairs.jsonl"));
        QVERIFY(FormatRegistry::instance()
                    .byName(QStringLiteral("trl"))
                    ->write(*project, out, options, report)
                    .ok());
        const QList<QByteArray> lines = readFile(out).trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        const QJsonObject tie = QJsonDocument::fromJson(lines[0]).object();
        QCOMPARE(tie.value(QLatin1String("chosen")).toString(), QStringLiteral("a"));
        QCOMPARE(tie.value(QLatin1String("rejected")).toString(), QStringLiteral("b"));
        QVERIFY(tie.value(QLatin1String("tie")).toBool());
        auto stats = computeProjectStats(*project);
        QVERIFY(stats.ok());
        QCOMPARE(stats->annotators.size(), 1);
        QCOMPARE(stats->annotators[0].goldMatched, 1);
    }

    void malformedPartsAreSaidAndLeftOut() {
        const QJsonObject bad = jsonObject(R"({
            "order": [0, 0], "preference": "better", "both_bad": "yes",
            "ranking": [[0, 5], "x", [], [0]], "rubric": {"a": [1, "high"], "b": 3},
            "flags": [7, {"response": 0, "start": 5, "end": 2}, {"response": -1, "start": 0,
                      "end": 1}, {"response": 9, "start": 0, "end": 1, "label": 3}],
            "critique": ["not", "text"], "rewrite": {}})");
        const ComparisonResult r = ComparisonResult::read(bad, 2);
        QCOMPARE(r.order(), std::nullopt);
        QCOMPARE(r.preference(), std::nullopt);
        QCOMPARE(r.bothBad(), std::nullopt);
        QCOMPARE(r.ranking(), (ComparisonResult::Ranking{{0}}));
        QCOMPARE(r.rubric().keys(), QStringList{QStringLiteral("a")});
        QCOMPARE(r.flags().size(), 1);  // the one out of range stays (the editor shows "?")
        QCOMPARE(r.flags()[0].response, 9);
        QCOMPARE(r.critique(), QString());
        QCOMPARE(r.rewrite(), std::nullopt);
        const QString all = r.problems().join(QLatin1Char('\n'));
        for (const char* part : {"\"order\" must list each of the 2 responses once (0 to 1)",
                                 "\"preference\" must be a number", "\"both_bad\" must be true",
                                 "\"ranking\": 5 is not a response (0 to 1)",
                                 "response 0 is ranked twice", "a group is empty"})
            QVERIFY2(all.contains(QLatin1String(part)), qPrintable(all));
        QCOMPARE(r.problems().size(), 11);  // ten said, then a count
        QVERIFY2(r.problems().last().startsWith(QLatin1String("and ")), qPrintable(all));

        const auto strict = ComparisonResult::parse(bad, 2);
        QVERIFY(!strict.ok());
        QCOMPARE(strict.error(),
                 QStringLiteral("\"order\" must list each of the 2 responses once (0 to 1)"));
        const auto wrongType = ComparisonResult::parse(jsonObject(R"({"flags": {"a": 1}})"), 2);
        QCOMPARE(wrongType.error(), QStringLiteral("\"flags\" must be a list"));
    }

    // Numbers JSON text cannot hold, but a result built in code can; and
    // numbers far out of range (qRound of 1e300 was undefined behaviour).
    void nonFiniteAndHugeNumbers() {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const double inf = std::numeric_limits<double>::infinity();
        QJsonObject result{
            {QStringLiteral("preference"), nan},
            {QStringLiteral("ranking"), QJsonArray{QJsonArray{nan, inf, 1}}},
            {QStringLiteral("rubric"), QJsonObject{{QStringLiteral("a"), QJsonArray{inf, 2}}}},
            {QStringLiteral("flags"), QJsonArray{QJsonObject{{QStringLiteral("response"), nan},
                                                             {QStringLiteral("start"), 0},
                                                             {QStringLiteral("end"), 1}}}}};
        const ComparisonResult r = ComparisonResult::read(result, 2);
        QCOMPARE(r.preference(), std::nullopt);
        QCOMPARE(r.ranking(), (ComparisonResult::Ranking{{1}}));
        QCOMPARE(r.score(QStringLiteral("a"), 0), std::nullopt);
        QCOMPARE(r.score(QStringLiteral("a"), 1), std::optional<double>(2));
        QVERIFY(r.flags().isEmpty());
        QVERIFY(!ComparisonResult::parse(result, 2).ok());

        const ComparisonResult huge =
            ComparisonResult::read(jsonObject(R"({"preference": -1e300})"), 2);
        QCOMPARE(huge.preference(), std::optional<int>(-3));
        QVERIFY(huge.problems().first().contains(QLatin1String("not a whole number")));
        ComparisonResult set(2);
        set.setPreference(99);
        QCOMPARE(set.preference(), std::optional<int>(3));
        set.setScore(QStringLiteral("a"), 0, inf);
        QVERIFY(set.rubric().isEmpty());
        set.setScore(QStringLiteral("a"), 5, 1);  // no such response
        QVERIFY(set.rubric().isEmpty());
        set.setOrder(QList<int>{0, 0});
        QCOMPARE(set.order(), std::nullopt);
        set.setOrder(QList<int>{0, 1, 2});
        QCOMPARE(set.order(), std::nullopt);
    }

    // A result from elsewhere with a million bad entries: read in linear
    // time, the problems capped, nothing kept that is not valid.
    void hugeArraysStayBounded() {
        QJsonArray ranking;
        QJsonArray flags;
        for (int i = 0; i < 1000000; ++i)
            ranking.append(i % 3);  // 0, 1, 2 once, then repeats
        for (int i = 0; i < 200000; ++i)
            flags.append(QJsonObject{{QStringLiteral("response"), 0},
                                     {QStringLiteral("start"), i + 1},
                                     {QStringLiteral("end"), i}});
        QJsonArray scores;
        for (int i = 0; i < 1000000; ++i)
            scores.append(i);
        const QJsonObject result{
            {QStringLiteral("ranking"), ranking},
            {QStringLiteral("flags"), flags},
            {QStringLiteral("rubric"), QJsonObject{{QStringLiteral("a"), scores}}},
            {QStringLiteral("order"), scores}};
        QElapsedTimer timer;
        timer.start();
        const ComparisonResult r = ComparisonResult::read(result, 3);
        QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
        QCOMPARE(r.ranking(), (ComparisonResult::Ranking{{0}, {1}, {2}}));
        QVERIFY(r.flags().isEmpty());
        QCOMPARE(r.rubric().value(QStringLiteral("a")),
                 (QList<std::optional<double>>{0.0, 1.0, 2.0}));
        QCOMPARE(r.order(), std::nullopt);
        QCOMPARE(r.problems().size(), 11);
        QVERIFY(r.problems().last().contains(QLatin1String("more problems")));
    }

    // The verdict rule the submit check and the pair exports share: an
    // unreadable ranking is no verdict (it used to count by its length).
    void aRankingOfNothingIsNoVerdict() {
        QVERIFY(!ComparisonResult::read(jsonObject(R"({"ranking": [[7]]})"), 3).hasVerdict());
        QVERIFY(ComparisonResult::read(jsonObject(R"({"ranking": [[2]]})"), 3).hasVerdict());
        QVERIFY(ComparisonResult::read(jsonObject(R"({"both_bad": true})"), 3).hasVerdict());
        QVERIFY(!ComparisonResult::read(jsonObject(R"({"both_bad": false})"), 3).hasVerdict());
        QVERIFY(ComparisonResult::read(jsonObject(R"({"preference": 0})"), 2).hasVerdict());
    }

    void scoresAreWrittenAsTheyWereStored() {
        QCOMPARE(ComparisonResult::scoreJson(5).toVariant().typeId(), QMetaType::LongLong);
        // As a double Qt would write 1e+15; a stored integer comes back as one.
        QCOMPARE(bytes(QJsonObject{{QStringLiteral("s"), ComparisonResult::scoreJson(1e15)}}),
                 QByteArray(R"({"s":1000000000000000})"));
        QCOMPARE(bytes(QJsonObject{{QStringLiteral("s"), ComparisonResult::scoreJson(4.5)}}),
                 QByteArray(R"({"s":4.5})"));
        QCOMPARE(bytes(QJsonObject{{QStringLiteral("s"), ComparisonResult::scoreJson(1e300)}}),
                 QByteArray(R"({"s":1e+300})"));
    }
};

QTEST_GUILESS_MAIN(TestComparisonResult)
#include "tst_comparisonresult.moc"

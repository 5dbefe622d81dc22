#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QtTest>

#include "model/comparison.h"

using namespace postil;
using namespace postil::comparison;

namespace {

QJsonObject json(const char* text) {
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

QString pairsText(const QList<PreferencePair>& pairs, const QList<bool>& ties) {
    QStringList parts;
    for (int i = 0; i < pairs.size(); ++i) {
        parts.append(QStringLiteral("%1>%2:%3%4")
                         .arg(pairs[i].chosen)
                         .arg(pairs[i].rejected)
                         .arg(pairs[i].strength)
                         .arg(ties.value(i) ? QStringLiteral("t") : QString()));
    }
    return parts.join(QLatin1Char(' '));
}

QString pairsOf(const char* result, int count, bool keepTies = false, bool keepBothBad = false) {
    QList<bool> ties;
    const auto pairs = preferencePairs(json(result), count, keepTies, keepBothBad, &ties);
    if (ties.size() != pairs.size())
        return QStringLiteral("tie flags out of step");
    return pairsText(pairs, ties);
}

}  // namespace

class TestComparison : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void contentTextOfStringsAndMessages() {
        QCOMPARE(contentText(QJsonValue(QStringLiteral("plain"))), QStringLiteral("plain"));
        const QJsonValue messages = QJsonDocument::fromJson(R"([
            {"role": "system", "content": "Be brief."},
            {"role": "user", "content": "Hi"},
            {"role": "assistant", "content": "Hello"}])")
                                        .array();
        QCOMPARE(contentText(messages), QStringLiteral("Be brief.\n\nHi\n\nHello"));
        QVERIFY(isConversation(messages));
        QVERIFY(!isConversation(QJsonValue(QStringLiteral("x"))));
        QCOMPARE(contentText(QJsonValue()), QString());
    }

    void responseMetadata() {
        const QJsonObject data = json(
            R"({"prompt": "p", "responses": ["a", [{"role": "assistant", "content": "b"}], "c"],
                "response_ids": ["r0", "r1"], "models": ["m0"]})");
        QCOMPARE(responseCount(data), 3);
        QCOMPARE(contentText(response(data, 1)), QStringLiteral("b"));
        QVERIFY(response(data, 3).isUndefined());
        QCOMPARE(responseId(data, 1), QStringLiteral("r1"));
        QCOMPARE(responseId(data, 2), QString());
        QCOMPARE(modelName(data, 0), QStringLiteral("m0"));
        QCOMPARE(modelName(data, 1), QString());
        QCOMPARE(responseCount(json(R"({"prompt": "p"})")), 0);
    }

    void shuffleIsStableAndAPermutation() {
        for (int count = 0; count <= 9; ++count) {
            const QList<int> order =
                shuffledOrder(QStringLiteral("task-7"), QStringLiteral("ann"), count);
            QCOMPARE(order, shuffledOrder(QStringLiteral("task-7"), QStringLiteral("ann"), count));
            QCOMPARE(order.size(), count);
            QList<int> sorted = order;
            std::sort(sorted.begin(), sorted.end());
            for (int i = 0; i < count; ++i)
                QCOMPARE(sorted[i], i);
        }
        QVERIFY(shuffledOrder(QStringLiteral("t"), QStringLiteral("a"), -1).isEmpty());
    }

    void shuffleIsTheSameOnEveryBuild() {
        // Pinned values: the order is part of the stored data's meaning, so a
        // change of algorithm must show up here, not in a silent reshuffle.
        QCOMPARE(shuffledOrder(QStringLiteral("task-1"), QStringLiteral("alice"), 5),
                 shuffledOrder(QStringLiteral("task-1"), QStringLiteral("alice"), 5));
        const QList<int> pinned =
            shuffledOrder(QStringLiteral("0123456789abcdef"), QStringLiteral("bob"), 6);
        // Computed independently (Python: hashlib + splitmix64 + Fisher-Yates as documented).
        QCOMPARE(pinned, (QList<int>{0, 4, 5, 1, 3, 2}));
    }

    void shuffleDiffersAcrossAnnotatorsAndTasks() {
        const int count = 6;  // 720 orders: equal by chance about once in 720
        const QList<int> base =
            shuffledOrder(QStringLiteral("task"), QStringLiteral("alice"), count);
        int differentAnnotators = 0;
        int differentTasks = 0;
        for (int i = 0; i < 20; ++i) {
            const QString suffix = QString::number(i);
            if (shuffledOrder(QStringLiteral("task"), QStringLiteral("alice") + suffix, count) !=
                base)
                ++differentAnnotators;
            if (shuffledOrder(QStringLiteral("task") + suffix, QStringLiteral("alice"), count) !=
                base)
                ++differentTasks;
        }
        QVERIFY(differentAnnotators >= 18);
        QVERIFY(differentTasks >= 18);
        // The separator keeps ("ab", "c") and ("a", "bc") apart.
        QSet<QList<int>> orders;
        for (int i = 0; i < 10; ++i) {
            orders.insert(
                shuffledOrder(QStringLiteral("ab") + QString::number(i), QStringLiteral("c"), 8));
            orders.insert(
                shuffledOrder(QStringLiteral("a"), QStringLiteral("bc") + QString::number(i), 8));
        }
        QVERIFY(orders.size() >= 19);
    }

    void shuffleIsRoughlyUniform() {
        const int count = 4;
        const int trials = 8000;
        int atPosition[count][count] = {};
        int firstOfTwo = 0;
        for (int i = 0; i < trials; ++i) {
            const QString uid = QStringLiteral("task-%1").arg(i);
            const QList<int> order = shuffledOrder(uid, QStringLiteral("annotator"), count);
            for (int position = 0; position < count; ++position)
                ++atPosition[position][order[position]];
            if (shuffledOrder(uid, QStringLiteral("annotator"), 2).first() == 0)
                ++firstOfTwo;
        }
        // Expected 2000 per cell, sd ~39: 200 is five standard deviations.
        for (int position = 0; position < count; ++position) {
            for (int value = 0; value < count; ++value) {
                QVERIFY2(qAbs(atPosition[position][value] - trials / count) < 200,
                         qPrintable(QStringLiteral("position %1 value %2: %3")
                                        .arg(position)
                                        .arg(value)
                                        .arg(atPosition[position][value])));
            }
        }
        QVERIFY2(qAbs(firstOfTwo - trials / 2) < 250, qPrintable(QString::number(firstOfTwo)));
    }

    void shownAndCanonicalPreference() {
        const QList<int> straight{0, 1};
        const QList<int> swapped{1, 0};
        for (int shown = -3; shown <= 3; ++shown) {
            QCOMPARE(toCanonicalPreference(shown, straight), shown);
            QCOMPARE(toCanonicalPreference(shown, swapped), -shown);
            QCOMPARE(toShownPreference(toCanonicalPreference(shown, swapped), swapped), shown);
            QCOMPARE(toShownPreference(toCanonicalPreference(shown, straight), straight), shown);
        }
        // "A is much better" with response 1 shown as A: response 1 is better.
        QCOMPARE(toCanonicalPreference(-3, swapped), 3);
        QCOMPARE(toCanonicalPreference(-2, {}), -2);
    }

    void codePointsWithEmoji() {
        // "a😀b😀" : UTF-16 a=0, 😀=1..2, b=3, 😀=4..5; code points a=0, 😀=1, b=2, 😀=3.
        const QString text = QStringLiteral("a") + QString::fromUtf8("\xF0\x9F\x98\x80") +
                             QStringLiteral("b") + QString::fromUtf8("\xF0\x9F\x98\x80");
        QCOMPARE(text.size(), 6);
        QCOMPARE(toCodePoints(text, 0), 0);
        QCOMPARE(toCodePoints(text, 1), 1);
        QCOMPARE(toCodePoints(text, 2), 1);  // inside the pair: the emoji is not before it
        QCOMPARE(toCodePoints(text, 3), 2);
        QCOMPARE(toCodePoints(text, 4), 3);
        QCOMPARE(toCodePoints(text, 6), 4);
        QCOMPARE(toCodePoints(text, 99), 4);
        QCOMPARE(toCodePoints(text, -5), 0);
        QCOMPARE(codePointLength(text), 4);
        QCOMPARE(toUtf16(text, 0), 0);
        QCOMPARE(toUtf16(text, 1), 1);
        QCOMPARE(toUtf16(text, 2), 3);
        QCOMPARE(toUtf16(text, 3), 4);
        QCOMPARE(toUtf16(text, 4), 6);
        QCOMPARE(toUtf16(text, 10), 6);
        for (int point = 0; point <= 4; ++point)
            QCOMPARE(toCodePoints(text, toUtf16(text, point)), point);
        // A lone surrogate still counts as one.
        const QString lone = QStringLiteral("x") + QChar(0xD83D) + QStringLiteral("y");
        QCOMPARE(toCodePoints(lone, 3), 3);
        QCOMPARE(toUtf16(lone, 2), 2);
    }

    void pairsFromPreference() {
        QCOMPARE(pairsOf(R"({"preference": -3})", 2), QStringLiteral("0>1:3"));
        QCOMPARE(pairsOf(R"({"preference": -1})", 2), QStringLiteral("0>1:1"));
        QCOMPARE(pairsOf(R"({"preference": 2})", 2), QStringLiteral("1>0:2"));
        QCOMPARE(pairsOf(R"({"preference": 7})", 2), QStringLiteral("1>0:3"));
        QCOMPARE(pairsOf(R"({"preference": 0})", 2), QString());
        QCOMPARE(pairsOf(R"({"preference": 0})", 2, true), QStringLiteral("0>1:0t"));
        QCOMPARE(pairsOf(R"({})", 2, true, true), QString());
        // Calling without tie flags works too.
        QCOMPARE(preferencePairs(json(R"({"preference": 1})"), 2, false, false).size(), 1);
    }

    void bothBadIsLeftOutUnlessKept() {
        QCOMPARE(pairsOf(R"({"preference": 0, "both_bad": true})", 2), QString());
        QCOMPARE(pairsOf(R"({"preference": 0, "both_bad": true})", 2, true), QString());
        QCOMPARE(pairsOf(R"({"preference": 0, "both_bad": true})", 2, true, true),
                 QStringLiteral("0>1:0t"));
        QCOMPARE(pairsOf(R"({"preference": -2, "both_bad": true})", 2), QString());
        QCOMPARE(pairsOf(R"({"preference": -2, "both_bad": true})", 2, false, true),
                 QStringLiteral("0>1:2"));
        QCOMPARE(pairsOf(R"({"preference": -2, "both_bad": false})", 2), QStringLiteral("0>1:2"));
    }

    void pairsFromRanking() {
        // 2 best; 0 and 3 tied; then 1; 4 last.
        const char* ranked = R"({"ranking": [[2], [3, 0], [1], [4]]})";
        QCOMPARE(pairsOf(ranked, 5),
                 QStringLiteral("2>0:1 2>3:1 2>1:2 2>4:3 0>1:1 0>4:2 3>1:1 3>4:2 1>4:1"));
        QCOMPARE(pairsOf(ranked, 5, true),
                 QStringLiteral("2>0:1 2>3:1 2>1:2 2>4:3 0>3:0t 0>1:1 0>4:2 3>1:1 3>4:2 1>4:1"));
        // Out-of-range and repeated indexes are ignored, bare indexes are groups of one.
        QCOMPARE(pairsOf(R"({"ranking": [1, [0, 1, 9], [-1]]})", 3), QStringLiteral("1>0:1"));
        // Two responses given only as a ranking.
        QCOMPARE(pairsOf(R"({"ranking": [[1], [0]]})", 2), QStringLiteral("1>0:1"));
        QCOMPARE(pairsOf(R"({"ranking": [[0, 1]]})", 2), QString());
        QCOMPARE(pairsOf(R"({"ranking": [[0], [1], [2]], "both_bad": true})", 3), QString());
    }

    // "Both are bad" alone (what the X key stores) is kept, as ties, when asked.
    void bothBadWithoutAPreferenceIsKeptAsTies() {
        QCOMPARE(pairsOf(R"({"both_bad": true})", 2), QString());
        QCOMPARE(pairsOf(R"({"both_bad": true})", 2, true, false), QString());
        QCOMPARE(pairsOf(R"({"both_bad": true})", 2, true, true), QStringLiteral("0>1:0t"));
        QCOMPARE(pairsOf(R"({"both_bad": true})", 3, true, true),
                 QStringLiteral("0>1:0t 0>2:0t 1>2:0t"));
        // A both-bad verdict that states a preference keeps it.
        QCOMPARE(pairsOf(R"({"both_bad": true, "preference": 2})", 2, true, true),
                 QStringLiteral("1>0:2"));
        QCOMPARE(pairsOf(R"({"critique": "nothing"})", 2, true, true), QString());
    }

    void goldMatching() {
        const QJsonObject none = json(R"({"prompt": "p", "responses": ["a", "b"]})");
        QVERIFY(!matchesGold(none, json(R"({"preference": -1})")).has_value());
        QVERIFY(!hasGold(none));

        const QJsonObject prefers0 =
            json(R"({"prompt": "p", "responses": ["a", "b"], "gold": {"preference": -2}})");
        QVERIFY(hasGold(prefers0));
        // The strength counts: "A slightly better" and "A much better" are not
        // gold's "A better" (these two matched before), unless the schema
        // allows that many steps.
        QCOMPARE(matchesGold(prefers0, json(R"({"preference": -2})")), std::optional<bool>(true));
        QCOMPARE(matchesGold(prefers0, json(R"({"preference": -1})")), std::optional<bool>(false));
        QCOMPARE(matchesGold(prefers0, json(R"({"preference": -3})")), std::optional<bool>(false));
        QCOMPARE(matchesGold(prefers0, json(R"({"preference": -1})"), 1),
                 std::optional<bool>(true));
        QCOMPARE(matchesGold(prefers0, json(R"({"preference": -3})"), 1),
                 std::optional<bool>(true));
        // A tolerance never crosses the tie.
        QCOMPARE(matchesGold(prefers0, json(R"({"preference": 0})"), 2),
                 std::optional<bool>(false));
        QCOMPARE(matchesGold(prefers0, json(R"({"preference": 1})"), 6),
                 std::optional<bool>(false));
        QCOMPARE(matchesGold(prefers0, json(R"({"preference": 0})")), std::optional<bool>(false));
        QCOMPARE(matchesGold(prefers0, json(R"({"preference": 2})")), std::optional<bool>(false));
        QCOMPARE(matchesGold(prefers0, json(R"({"ranking": [[0], [1]]})")),
                 std::optional<bool>(true));
        QCOMPARE(matchesGold(prefers0, json(R"({"both_bad": true})")), std::optional<bool>(false));
        QVERIFY(!matchesGold(prefers0, json(R"({"critique": "meh"})")).has_value());

        const QJsonObject tieBad = json(
            R"({"prompt": "p", "responses": ["a", "b"], "gold": {"preference": 0, "both_bad": true}})");
        QCOMPARE(matchesGold(tieBad, json(R"({"preference": 0, "both_bad": true})")),
                 std::optional<bool>(true));
        QCOMPARE(matchesGold(tieBad, json(R"({"preference": 0})")), std::optional<bool>(false));
        QCOMPARE(matchesGold(tieBad, json(R"({"preference": 1, "both_bad": true})")),
                 std::optional<bool>(false));

        const QJsonObject ranked = json(
            R"({"prompt": "p", "responses": ["a", "b", "c"], "gold": {"ranking": [[2], [0, 1]]}})");
        QCOMPARE(matchesGold(ranked, json(R"({"ranking": [[2], [1, 0]]})")),
                 std::optional<bool>(true));
        QCOMPARE(matchesGold(ranked, json(R"({"ranking": [[2], [1], [0]]})")),
                 std::optional<bool>(false));
        QCOMPARE(matchesGold(ranked, json(R"({"ranking": [[0, 1], [2]]})")),
                 std::optional<bool>(false));

        // A two-response gold ranking is met by the matching preference.
        const QJsonObject ranked2 =
            json(R"({"prompt": "p", "responses": ["a", "b"], "gold": {"ranking": [[1], [0]]}})");
        QCOMPARE(matchesGold(ranked2, json(R"({"preference": 3})")), std::optional<bool>(true));
        QCOMPARE(matchesGold(ranked2, json(R"({"preference": -3})")), std::optional<bool>(false));
    }
};

QTEST_GUILESS_MAIN(TestComparison)
#include "tst_comparison.moc"

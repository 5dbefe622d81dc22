#include "model/comparison.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QStringList>
#include <QtEndian>
#include <cstdint>

namespace postil::comparison {

namespace {

// splitmix64 (Steele, Lea, Flood 2014): tiny, fully specified, and good enough
// to shuffle a handful of responses. Written out here so the sequence never
// depends on the standard library.
class SplitMix64 {
public:
    explicit SplitMix64(quint64 seed) : m_state(seed) {}
    quint64 next() {
        quint64 z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    // Uniform in [0, bound): rejects the few values that would make a plain
    // modulo favour small results.
    quint64 below(quint64 bound) {
        const quint64 threshold = (0 - bound) % bound;
        for (;;) {
            const quint64 r = next();
            if (r >= threshold)
                return r % bound;
        }
    }

private:
    quint64 m_state;
};

int sign(int value) {
    return (value > 0) - (value < 0);
}

using Ranking = ComparisonResult::Ranking;

int groupOf(const Ranking& ranking, int index) {
    for (int g = 0; g < ranking.size(); ++g) {
        if (ranking[g].contains(index))
            return g;
    }
    return -1;
}

// Response 0 against response 1 as a canonical preference sign: from the
// preference when stated, else from where the ranking puts them.
std::optional<int> preferenceSign(const ComparisonResult& result) {
    if (const auto preference = result.preference())
        return sign(*preference);
    const int first = groupOf(result.ranking(), 0);
    const int second = groupOf(result.ranking(), 1);
    if (first >= 0 && second >= 0)
        return sign(first - second);
    return std::nullopt;
}

// The ranking an annotation states; a two-response preference reads as one.
std::optional<Ranking> rankingOrPreference(const ComparisonResult& result) {
    if (!result.ranking().isEmpty())
        return result.ranking();
    const auto preference = result.preference();
    if (!preference || result.responseCount() != 2)
        return std::nullopt;
    if (*preference < 0)
        return Ranking{{0}, {1}};
    if (*preference > 0)
        return Ranking{{1}, {0}};
    return Ranking{{0, 1}};
}

}  // namespace

QString contentText(const QJsonValue& content) {
    if (content.isString())
        return content.toString();
    if (!content.isArray())
        return {};
    QStringList parts;
    for (const QJsonValue& message : content.toArray())
        parts.append(message.toObject().value(QLatin1String("content")).toString());
    return parts.join(QLatin1String("\n\n"));
}

bool isConversation(const QJsonValue& content) {
    return content.isArray();
}

int responseCount(const QJsonObject& taskData) {
    return int(taskData.value(QLatin1String("responses")).toArray().size());
}

QJsonValue response(const QJsonObject& taskData, int index) {
    const QJsonArray responses = taskData.value(QLatin1String("responses")).toArray();
    if (index < 0 || index >= responses.size())
        return QJsonValue(QJsonValue::Undefined);
    return responses.at(index);
}

QString responseId(const QJsonObject& taskData, int index) {
    return taskData.value(QLatin1String("response_ids")).toArray().at(index).toString();
}

QString modelName(const QJsonObject& taskData, int index) {
    return taskData.value(QLatin1String("models")).toArray().at(index).toString();
}

QList<int> shuffledOrder(const QString& taskUid, const QString& annotator, int count) {
    QList<int> order;
    if (count <= 0)
        return order;
    order.reserve(count);
    for (int i = 0; i < count; ++i)
        order.append(i);
    // Seed: the first 8 bytes of SHA-256(UTF-8 of uid + "\n" + annotator), big
    // endian. Shuffle: for i = count-1 down to 1, swap i with below(i + 1).
    const QByteArray digest = QCryptographicHash::hash(
        (taskUid + QLatin1Char('\n') + annotator).toUtf8(), QCryptographicHash::Sha256);
    SplitMix64 random(qFromBigEndian<quint64>(digest.constData()));
    for (int i = count - 1; i > 0; --i) {
        const int j = int(random.below(quint64(i) + 1));
        std::swap(order[i], order[j]);
    }
    return order;
}

QString letter(int shownIndex) {
    return shownIndex >= 0 && shownIndex < 26 ? QString(QChar(u'A' + shownIndex))
                                              : QString::number(shownIndex + 1);
}

int toCanonicalPreference(int shownPreference, const QList<int>& order) {
    // Shown negative means the first shown response won; that is response 0
    // unless response 1 was shown first.
    return (!order.isEmpty() && order.first() == 1) ? -shownPreference : shownPreference;
}

int toShownPreference(int canonicalPreference, const QList<int>& order) {
    return toCanonicalPreference(canonicalPreference, order);
}

int toCodePoints(const QString& text, int utf16Offset) {
    const int end = qBound(0, utf16Offset, int(text.size()));
    int points = 0;
    for (int i = 0; i < end; ++i) {
        if (text.at(i).isHighSurrogate() && i + 1 < text.size() &&
            text.at(i + 1).isLowSurrogate()) {
            if (i + 1 >= end)
                break;  // the offset splits this pair: it is not before the offset
            ++i;
        }
        ++points;
    }
    return points;
}

int toUtf16(const QString& text, int codePointOffset) {
    int i = 0;
    for (int points = 0; points < codePointOffset && i < text.size(); ++points) {
        if (text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            ++i;
        ++i;
    }
    return i;
}

int codePointLength(const QString& text) {
    return toCodePoints(text, int(text.size()));
}

QList<PreferencePair> preferencePairs(const QJsonObject& result, int responseCount, bool keepTies,
                                      bool keepBothBad, QList<bool>* tieFlags) {
    return preferencePairs(ComparisonResult::read(result, responseCount), keepTies, keepBothBad,
                           tieFlags);
}

QList<PreferencePair> preferencePairs(const ComparisonResult& result, bool keepTies,
                                      bool keepBothBad, QList<bool>* tieFlags) {
    QList<PreferencePair> pairs;
    if (tieFlags)
        tieFlags->clear();
    auto add = [&](int chosen, int rejected, int strength, bool tie) {
        pairs.append({chosen, rejected, strength});
        if (tieFlags)
            tieFlags->append(tie);
    };
    const bool bothBad = result.isBothBad();
    if (bothBad && !keepBothBad)
        return pairs;

    const int responseCount = result.responseCount();
    const auto preference = result.preference();
    if (responseCount == 2 && preference) {
        if (*preference < 0)
            add(0, 1, -*preference, false);
        else if (*preference > 0)
            add(1, 0, *preference, false);
        else if (keepTies)
            add(0, 1, 0, true);
        return pairs;
    }

    const Ranking& ranking = result.ranking();
    if (ranking.isEmpty()) {
        // "Both are bad" on its own says no response is better: kept, it is
        // every pair as a tie (the caller marks it both_bad).
        if (keepBothBad && bothBad && !preference) {
            for (int a = 0; a < responseCount; ++a) {
                for (int b = a + 1; b < responseCount; ++b)
                    add(a, b, 0, true);
            }
        }
        return pairs;
    }
    for (int better = 0; better < ranking.size(); ++better) {
        const QList<int>& group = ranking.at(better);
        if (keepTies) {
            for (int a = 0; a < group.size(); ++a) {
                for (int b = a + 1; b < group.size(); ++b)
                    add(group[a], group[b], 0, true);
            }
        }
        for (int chosen : group) {
            for (int worse = better + 1; worse < ranking.size(); ++worse) {
                for (int rejected : ranking.at(worse))
                    add(chosen, rejected, qMin(worse - better, 3), false);
            }
        }
    }
    return pairs;
}

bool hasGold(const QJsonObject& taskData) {
    const QJsonObject gold = taskData.value(QLatin1String("gold")).toObject();
    return gold.contains(QLatin1String("preference")) || gold.contains(QLatin1String("both_bad")) ||
           gold.contains(QLatin1String("ranking"));
}

std::optional<bool> matchesGold(const QJsonObject& taskData, const QJsonObject& result,
                                int tolerance) {
    const int count = responseCount(taskData);
    return matchesGold(taskData, ComparisonResult::read(result, count), tolerance);
}

std::optional<bool> matchesGold(const QJsonObject& taskData, const ComparisonResult& stated,
                                int tolerance) {
    if (!hasGold(taskData) || !stated.hasVerdict())
        return std::nullopt;
    const QJsonObject goldJson = taskData.value(QLatin1String("gold")).toObject();
    const ComparisonResult gold = ComparisonResult::read(goldJson, responseCount(taskData));

    if (const auto goldPreference = gold.preference()) {
        // A stated preference is held to gold's strength; a ranking has none,
        // so only its direction can be compared.
        if (const auto statedPreference = stated.preference()) {
            if (sign(*statedPreference) != sign(*goldPreference) ||
                qAbs(*statedPreference - *goldPreference) > qMax(0, tolerance))
                return false;
        } else {
            const auto direction = preferenceSign(stated);
            if (!direction || *direction != sign(*goldPreference))
                return false;
        }
    }
    if (gold.bothBad() && *gold.bothBad() != stated.isBothBad())
        return false;
    // A gold ranking given but unreadable matches nothing.
    if (goldJson.contains(QLatin1String("ranking"))) {
        const auto statedRanking = rankingOrPreference(stated);
        if (gold.ranking().isEmpty() || !statedRanking || gold.ranking() != *statedRanking)
            return false;
    }
    return true;
}

}  // namespace postil::comparison

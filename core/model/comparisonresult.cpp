#include "model/comparisonresult.h"

#include <QJsonArray>
#include <QSet>
#include <algorithm>
#include <cmath>
#include <type_traits>

namespace postil {

namespace {

const QString kOrder = QStringLiteral("order");
const QString kPreference = QStringLiteral("preference");
const QString kBothBad = QStringLiteral("both_bad");
const QString kRanking = QStringLiteral("ranking");
const QString kRubric = QStringLiteral("rubric");
const QString kFlags = QStringLiteral("flags");
const QString kCritique = QStringLiteral("critique");
const QString kRewrite = QStringLiteral("rewrite");

// A result from elsewhere can hold a million bad entries: the first few are
// worth saying, the rest a count.
constexpr int kListedProblems = 10;

class Problems {
public:
    // 'text' is the problem or a callable making it: past the listed few,
    // only counted, so a million bad entries cost no million strings.
    template <class Text>
    void add(Text&& text) {
        if (m_list.size() >= kListedProblems) {
            ++m_more;
        } else if constexpr (std::is_invocable_v<Text>) {
            m_list << text();
        } else {
            m_list << QString(std::forward<Text>(text));
        }
    }
    QStringList take() {
        if (m_more > 0)
            m_list << QStringLiteral("and %1 more problems").arg(m_more);
        return std::move(m_list);
    }

private:
    QStringList m_list;
    qint64 m_more = 0;
};

bool absent(const QJsonValue& value) {
    return value.isUndefined() || value.isNull();
}

// JSON text cannot hold NaN or infinity, but an object built in code can.
bool isFiniteNumber(const QJsonValue& value) {
    return value.isDouble() && std::isfinite(value.toDouble());
}

// A response index: a whole number in 0..count-1, else -1.
int responseIndex(const QJsonValue& value, int count) {
    const int index = value.isDouble() ? value.toInt(-1) : -1;
    return index >= 0 && index < count ? index : -1;
}

QString shortText(const QJsonValue& value) {
    switch (value.type()) {
        case QJsonValue::Double:
            return QString::number(value.toDouble(), 'g', 17);
        case QJsonValue::String:
            return QLatin1Char('"') + value.toString().left(40) + QLatin1Char('"');
        case QJsonValue::Bool:
            return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        case QJsonValue::Array:
            return QStringLiteral("a list");
        case QJsonValue::Object:
            return QStringLiteral("an object");
        default:
            return QStringLiteral("null");
    }
}

QString rangeText(int count) {
    return count > 0 ? QStringLiteral("0 to %1").arg(count - 1) : QStringLiteral("none");
}

QJsonArray intArray(const QList<int>& values) {
    QJsonArray array;
    for (int value : values)
        array.append(value);
    return array;
}

std::optional<QList<int>> readOrder(const QJsonValue& value, int count, Problems& problems) {
    if (absent(value))
        return std::nullopt;
    QList<int> order;
    QSet<int> seen;
    bool valid = value.isArray() && value.toArray().size() == count;
    if (valid) {
        for (const QJsonValue& item : value.toArray()) {
            const int index = responseIndex(item, count);
            if (index < 0 || seen.contains(index)) {
                valid = false;
                break;
            }
            seen.insert(index);
            order << index;
        }
    }
    if (!valid) {
        problems.add(QStringLiteral("\"order\" must list each of the %1 responses once (%2)")
                         .arg(count)
                         .arg(rangeText(count)));
        return std::nullopt;
    }
    return order;
}

std::optional<int> readPreference(const QJsonValue& value, Problems& problems) {
    if (absent(value))
        return std::nullopt;
    if (!isFiniteNumber(value)) {
        problems.add(QStringLiteral("\"preference\" must be a number from -3 to 3, not %1")
                         .arg(shortText(value)));
        return std::nullopt;
    }
    // Bounded before rounding: qRound of a number beyond int is undefined.
    const double given = value.toDouble();
    const int preference = qRound(qBound(-3.0, given, 3.0));
    if (double(preference) != given)
        problems.add(
            QStringLiteral("\"preference\" %1 is not a whole number from -3 to 3 (read as %2)")
                .arg(shortText(value))
                .arg(preference));
    return preference;
}

std::optional<bool> readBothBad(const QJsonValue& value, Problems& problems) {
    if (absent(value))
        return std::nullopt;
    if (!value.isBool()) {
        problems.add(
            QStringLiteral("\"both_bad\" must be true or false, not %1").arg(shortText(value)));
        return std::nullopt;
    }
    return value.toBool();
}

// A bare index is a group of one. Entries that are not responses, or rank
// one a second time, are left out.
ComparisonResult::Ranking readRanking(const QJsonValue& value, int count, Problems& problems) {
    ComparisonResult::Ranking ranking;
    if (absent(value))
        return ranking;
    if (!value.isArray()) {
        problems.add(QStringLiteral("\"ranking\" must be a list of groups, best first"));
        return ranking;
    }
    QSet<int> seen;
    for (const QJsonValue& entry : value.toArray()) {
        if (!entry.isArray() && !entry.isDouble()) {
            problems.add([&] {
                return QStringLiteral("\"ranking\": %1 is not a group of responses")
                    .arg(shortText(entry));
            });
            continue;
        }
        const QJsonArray items = entry.isArray() ? entry.toArray() : QJsonArray{entry};
        if (items.isEmpty()) {
            problems.add(QStringLiteral("\"ranking\": a group is empty"));
            continue;
        }
        QList<int> group;
        for (const QJsonValue& item : items) {
            const int index = responseIndex(item, count);
            if (index < 0) {
                problems.add([&] {
                    return QStringLiteral("\"ranking\": %1 is not a response (%2)")
                        .arg(shortText(item), rangeText(count));
                });
            } else if (seen.contains(index)) {
                problems.add([&] {
                    return QStringLiteral("\"ranking\": response %1 is ranked twice").arg(index);
                });
            } else {
                seen.insert(index);
                group << index;
            }
        }
        if (group.isEmpty())
            continue;
        std::sort(group.begin(), group.end());
        ranking << group;
    }
    return ranking;
}

ComparisonResult::Rubric readRubric(const QJsonValue& value, int count, Problems& problems) {
    ComparisonResult::Rubric rubric;
    if (absent(value))
        return rubric;
    if (!value.isObject()) {
        problems.add(QStringLiteral("\"rubric\" must be an object of dimensions"));
        return rubric;
    }
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!it.value().isArray()) {
            problems.add([&] {
                return QStringLiteral(
                           "\"rubric\": \"%1\" must be a list of scores, one per response")
                    .arg(it.key());
            });
            continue;
        }
        const QJsonArray given = it.value().toArray();
        if (given.size() > count)
            problems.add([&] {
                return QStringLiteral("\"rubric\": \"%1\" has %2 scores for %3 responses")
                    .arg(it.key(), QString::number(given.size()), QString::number(count));
            });
        QList<std::optional<double>> scores(count);
        bool any = false;
        for (int r = 0; r < count && r < given.size(); ++r) {
            const QJsonValue score = given.at(r);
            if (isFiniteNumber(score)) {
                scores[r] = score.toDouble();
                any = true;
            } else if (!score.isNull()) {
                problems.add([&] {
                    return QStringLiteral(
                               "\"rubric\": \"%1\": the score of response %2 is %3, not a number")
                        .arg(it.key(), QString::number(r), shortText(score));
                });
            }
        }
        if (any)
            rubric.insert(it.key(), scores);
    }
    return rubric;
}

QList<CompareFlag> readFlags(const QJsonValue& value, int count, Problems& problems) {
    QList<CompareFlag> flags;
    if (absent(value))
        return flags;
    if (!value.isArray()) {
        problems.add(QStringLiteral("\"flags\" must be a list"));
        return flags;
    }
    const QJsonArray array = value.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue entry = array.at(i);
        if (!entry.isObject()) {
            problems.add([&] { return QStringLiteral("\"flags\"[%1] must be an object").arg(i); });
            continue;
        }
        const QJsonObject object = entry.toObject();
        CompareFlag flag;
        flag.source = object;
        flag.response = object.value(QLatin1String("response")).toInt(-1);
        flag.start = object.value(QLatin1String("start")).toInt(-1);
        flag.end = object.value(QLatin1String("end")).toInt(-1);
        const QJsonValue label = object.value(QLatin1String("label"));
        const QJsonValue comment = object.value(QLatin1String("comment"));
        flag.label = label.toString();
        flag.comment = comment.toString();
        if (!ComparisonResult::isValidFlag(flag)) {
            problems.add([&] {
                return QStringLiteral(
                           "\"flags\"[%1]: needs a response index and code points 0 <= start <= "
                           "end (left out)")
                    .arg(i);
            });
            continue;
        }
        if (flag.response >= count)
            problems.add([&] {
                return QStringLiteral("\"flags\"[%1]: response %2 is not one of the %3 responses")
                    .arg(i)
                    .arg(flag.response)
                    .arg(count);
            });
        if ((!label.isString() && !absent(label)) || (!comment.isString() && !absent(comment)))
            problems.add([&] {
                return QStringLiteral("\"flags\"[%1]: label and comment must be text").arg(i);
            });
        flags << std::move(flag);
    }
    return flags;
}

QString readText(const QJsonValue& value, const QString& key, Problems& problems) {
    if (absent(value))
        return QString();
    if (!value.isString()) {
        problems.add(QStringLiteral("\"%1\" must be text, not %2").arg(key, shortText(value)));
        return QString();
    }
    return value.toString();
}

QJsonArray scoresJson(const QList<std::optional<double>>& scores) {
    QJsonArray array;
    for (const std::optional<double>& score : scores)
        array.append(score ? ComparisonResult::scoreJson(*score) : QJsonValue(QJsonValue::Null));
    return array;
}

}  // namespace

QJsonObject CompareFlag::toJson() const {
    QJsonObject object = source;
    object.insert(QLatin1String("response"), response);
    object.insert(QLatin1String("start"), start);
    object.insert(QLatin1String("end"), end);
    object.insert(QLatin1String("label"), label);
    object.insert(QLatin1String("comment"), comment);
    return object;
}

ComparisonResult::ComparisonResult(int responseCount) : m_count(qMax(0, responseCount)) {}

ComparisonResult ComparisonResult::read(const QJsonObject& result, int responseCount) {
    ComparisonResult value(responseCount);
    const int count = value.m_count;
    value.m_source = result;
    Problems problems;
    value.m_order = readOrder(result.value(kOrder), count, problems);
    value.m_preference = readPreference(result.value(kPreference), problems);
    value.m_bothBad = readBothBad(result.value(kBothBad), problems);
    value.m_ranking = readRanking(result.value(kRanking), count, problems);
    value.m_rubric = readRubric(result.value(kRubric), count, problems);
    value.m_flags = readFlags(result.value(kFlags), count, problems);
    value.m_critique = readText(result.value(kCritique), kCritique, problems);
    const QJsonValue rewrite = result.value(kRewrite);
    if (rewrite.isString())
        value.m_rewrite = rewrite.toString();
    else
        readText(rewrite, kRewrite, problems);  // only to say why it is left out
    value.m_problems = problems.take();
    return value;
}

Expected<ComparisonResult> ComparisonResult::parse(const QJsonObject& result, int responseCount) {
    ComparisonResult value = read(result, responseCount);
    if (!value.m_problems.isEmpty())
        return Status::failure(value.m_problems.first());
    return value;
}

QJsonObject ComparisonResult::toJson() const {
    QJsonObject out = m_source;
    // What the source says, to write only what changed: a part left alone
    // keeps its stored form even where this type would write it otherwise.
    const ComparisonResult asRead = read(m_source, m_count);
    auto put = [&out](const QString& key, bool present, const QJsonValue& value) {
        if (present)
            out.insert(key, value);
        else
            out.remove(key);
    };
    if (m_order != asRead.m_order)
        put(kOrder, m_order.has_value(), m_order ? intArray(*m_order) : QJsonArray());
    if (m_preference != asRead.m_preference)
        put(kPreference, m_preference.has_value(), m_preference.value_or(0));
    if (m_bothBad != asRead.m_bothBad)
        put(kBothBad, m_bothBad.has_value(), m_bothBad.value_or(false));
    if (m_ranking != asRead.m_ranking) {
        QJsonArray groups;
        for (const QList<int>& group : m_ranking)
            groups.append(intArray(group));
        put(kRanking, !m_ranking.isEmpty(), groups);
    }
    if (m_rubric != asRead.m_rubric) {
        // Dimension by dimension: the others keep their stored arrays.
        const QJsonValue stored = m_source.value(kRubric);
        QJsonObject rubric = stored.isObject() ? stored.toObject() : QJsonObject();
        for (auto it = asRead.m_rubric.begin(); it != asRead.m_rubric.end(); ++it) {
            if (!m_rubric.contains(it.key()))
                rubric.remove(it.key());
        }
        for (auto it = m_rubric.begin(); it != m_rubric.end(); ++it) {
            if (asRead.m_rubric.value(it.key()) != it.value())
                rubric.insert(it.key(), scoresJson(it.value()));
        }
        put(kRubric, !rubric.isEmpty(), rubric);
    }
    if (m_flags != asRead.m_flags) {
        QJsonArray flags;
        for (const CompareFlag& flag : m_flags)
            flags.append(flag.toJson());
        put(kFlags, !m_flags.isEmpty(), flags);
    }
    if (m_critique != asRead.m_critique)
        put(kCritique, !m_critique.isEmpty(), m_critique);
    if (m_rewrite != asRead.m_rewrite)
        put(kRewrite, m_rewrite.has_value(), m_rewrite.value_or(QString()));
    return out;
}

void ComparisonResult::setOrder(std::optional<QList<int>> order) {
    if (order) {
        QList<int> sorted = *order;
        std::sort(sorted.begin(), sorted.end());
        bool permutation = sorted.size() == m_count;
        for (int i = 0; permutation && i < sorted.size(); ++i)
            permutation = sorted[i] == i;
        if (!permutation)
            order.reset();  // not an order of these responses: none
    }
    m_order = std::move(order);
}

void ComparisonResult::setPreference(std::optional<int> preference) {
    m_preference = preference ? std::optional<int>(qBound(-3, *preference, 3)) : std::nullopt;
}

void ComparisonResult::setBothBad(std::optional<bool> bothBad) {
    m_bothBad = bothBad;
}

ComparisonResult::Ranking ComparisonResult::canonicalRanking(const Ranking& ranking,
                                                             int responseCount) {
    Ranking canonical;
    QSet<int> seen;
    for (const QList<int>& group : ranking) {
        QList<int> kept;
        for (int index : group) {
            if (index < 0 || index >= responseCount || seen.contains(index))
                continue;
            seen.insert(index);
            kept << index;
        }
        if (kept.isEmpty())
            continue;
        std::sort(kept.begin(), kept.end());
        canonical << kept;
    }
    return canonical;
}

void ComparisonResult::setRanking(const Ranking& ranking) {
    m_ranking = canonicalRanking(ranking, m_count);
}

std::optional<double> ComparisonResult::score(const QString& dimension, int response) const {
    const auto it = m_rubric.constFind(dimension);
    if (it == m_rubric.constEnd() || response < 0 || response >= it->size())
        return std::nullopt;
    return it->at(response);
}

void ComparisonResult::setScore(const QString& dimension, int response,
                                std::optional<double> score) {
    if (response < 0 || response >= m_count)
        return;
    if (score && !std::isfinite(*score))
        score.reset();
    QList<std::optional<double>> scores =
        m_rubric.value(dimension, QList<std::optional<double>>(m_count));
    scores[response] = score;
    const bool any = std::any_of(scores.cbegin(), scores.cend(),
                                 [](const std::optional<double>& s) { return s.has_value(); });
    if (any)
        m_rubric.insert(dimension, scores);
    else
        m_rubric.remove(dimension);
}

QJsonValue ComparisonResult::scoreJson(double score) {
    // Below 2^53 every whole double is an exact integer; a score beyond that
    // (none a rubric gives) is written as a double.
    constexpr double kExactLimit = 9007199254740992.0;
    if (std::abs(score) < kExactLimit && score == std::trunc(score))
        return QJsonValue(qint64(score));
    return QJsonValue(score);
}

bool ComparisonResult::isValidFlag(const CompareFlag& flag) {
    return flag.response >= 0 && flag.start >= 0 && flag.end >= flag.start;
}

void ComparisonResult::setFlags(QList<CompareFlag> flags) {
    flags.removeIf([](const CompareFlag& flag) { return !isValidFlag(flag); });
    m_flags = std::move(flags);
}

bool ComparisonResult::hasVerdict() const {
    return m_preference.has_value() || !m_ranking.isEmpty() || isBothBad();
}

bool ComparisonResult::operator==(const ComparisonResult& other) const {
    return m_order == other.m_order && m_preference == other.m_preference &&
           m_bothBad == other.m_bothBad && m_ranking == other.m_ranking &&
           m_rubric == other.m_rubric && m_flags == other.m_flags &&
           m_critique == other.m_critique && m_rewrite == other.m_rewrite;
}

}  // namespace postil

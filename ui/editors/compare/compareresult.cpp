#include "editors/compare/compareresult.h"

#include <QSet>

#include "model/comparison.h"
#include "model/task.h"

namespace postil::compareresult {

bool isValidOrder(const QJsonValue& value, int count) {
    return comparison::isValidOrder(value, count);
}

QList<int> orderFor(const Task& task, const QString& annotator, const QJsonObject& result,
                    int count) {
    if (auto stored = comparison::storedOrder(result, count))
        return *stored;
    return comparison::shuffledOrder(task.uid, annotator, count);
}

QJsonArray toJson(const QList<int>& list) {
    QJsonArray array;
    for (int value : list)
        array.append(value);
    return array;
}

QString letter(int shownIndex) {
    return comparison::letter(shownIndex);
}

std::optional<int> preference(const QJsonObject& result) {
    const QJsonValue value = result.value(QLatin1String("preference"));
    if (!value.isDouble())
        return std::nullopt;
    return qBound(-3, qRound(value.toDouble()), 3);
}

bool bothBad(const QJsonObject& result) {
    return result.value(QLatin1String("both_bad")).toBool(false);
}

QList<QList<int>> ranking(const QJsonObject& result, int count) {
    QList<QList<int>> groups;
    QSet<int> seen;
    for (const QJsonValue& entry : result.value(QLatin1String("ranking")).toArray()) {
        const QJsonArray items = entry.isArray() ? entry.toArray() : QJsonArray{entry};
        QList<int> group;
        for (const QJsonValue& item : items) {
            const int index = item.isDouble() ? item.toInt(-1) : -1;
            if (index < 0 || index >= count || seen.contains(index))
                continue;
            seen.insert(index);
            group.append(index);
        }
        if (!group.isEmpty())
            groups.append(group);
    }
    return groups;
}

QJsonArray rankingJson(const QList<QList<int>>& ranking) {
    QJsonArray array;
    for (const QList<int>& group : ranking) {
        if (!group.isEmpty())
            array.append(toJson(group));
    }
    return array;
}

std::optional<int> rubricScore(const QJsonObject& result, const QString& dimension, int canonical) {
    const QJsonValue value =
        result.value(QLatin1String("rubric")).toObject().value(dimension).toArray().at(canonical);
    if (!value.isDouble())
        return std::nullopt;
    return qRound(value.toDouble());
}

QJsonObject withRubricScore(QJsonObject result, const QString& dimension, int canonical,
                            std::optional<int> score, int count) {
    QJsonObject rubric = result.value(QLatin1String("rubric")).toObject();
    QJsonArray scores = rubric.value(dimension).toArray();
    while (scores.size() < count)
        scores.append(QJsonValue::Null);
    if (canonical >= 0 && canonical < scores.size())
        scores[canonical] = score ? QJsonValue(*score) : QJsonValue(QJsonValue::Null);
    bool any = false;
    for (const QJsonValue& value : std::as_const(scores))
        any = any || value.isDouble();
    if (any)
        rubric.insert(dimension, scores);
    else
        rubric.remove(dimension);
    if (rubric.isEmpty())
        result.remove(QLatin1String("rubric"));
    else
        result.insert(QLatin1String("rubric"), rubric);
    return result;
}

QList<CompareFlag> flags(const QJsonObject& result) {
    QList<CompareFlag> list;
    for (const QJsonValue& value : result.value(QLatin1String("flags")).toArray()) {
        const QJsonObject object = value.toObject();
        CompareFlag flag;
        flag.response = object.value(QLatin1String("response")).toInt(-1);
        flag.start = object.value(QLatin1String("start")).toInt(-1);
        flag.end = object.value(QLatin1String("end")).toInt(-1);
        flag.label = object.value(QLatin1String("label")).toString();
        flag.comment = object.value(QLatin1String("comment")).toString();
        if (flag.response < 0 || flag.start < 0 || flag.end < flag.start)
            continue;  // malformed: not shown, and an edit of the flags leaves it out
        list.append(flag);
    }
    return list;
}

QJsonArray flagsJson(const QList<CompareFlag>& flags) {
    QJsonArray array;
    for (const CompareFlag& flag : flags) {
        array.append(QJsonObject{{QStringLiteral("response"), flag.response},
                                 {QStringLiteral("start"), flag.start},
                                 {QStringLiteral("end"), flag.end},
                                 {QStringLiteral("label"), flag.label},
                                 {QStringLiteral("comment"), flag.comment}});
    }
    return array;
}

}  // namespace postil::compareresult

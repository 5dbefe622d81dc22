#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

namespace postil {

struct Task;

// One flag inside a response: code points of comparison::contentText() of
// response `response` (canonical index), end exclusive.
struct CompareFlag {
    int response = 0;
    int start = 0;
    int end = 0;
    QString label;
    QString comment;

    bool operator==(const CompareFlag&) const = default;
};

// Reads and writes the comparison parts of an annotation result (DESIGN.md
// §4). Everything stored is canonical (response indexes as imported); the
// order the annotator saw them in is `order`. Functions that change a part
// return the whole result with the other parts left as they were.
namespace compareresult {

// The stored order when it is a permutation of 0..count-1, else the task's
// blind shuffle for this annotator.
QList<int> orderFor(const Task& task, const QString& annotator, const QJsonObject& result,
                    int count);
bool isValidOrder(const QJsonValue& value, int count);
QJsonArray toJson(const QList<int>& list);

// "A", "B", ... for a position in the order shown; numbers past Z.
QString letter(int shownIndex);

std::optional<int> preference(const QJsonObject& result);
bool bothBad(const QJsonObject& result);

// Groups of canonical indexes, best first; invalid or repeated entries are
// dropped. Empty when there is none.
QList<QList<int>> ranking(const QJsonObject& result, int count);
QJsonArray rankingJson(const QList<QList<int>>& ranking);

std::optional<int> rubricScore(const QJsonObject& result, const QString& dimension, int canonical);
// Sets (or, with nullopt, clears) one score; the dimension's array always has
// `count` entries (null where not scored); a dimension with no score left is
// removed.
QJsonObject withRubricScore(QJsonObject result, const QString& dimension, int canonical,
                            std::optional<int> score, int count);

QList<CompareFlag> flags(const QJsonObject& result);
QJsonArray flagsJson(const QList<CompareFlag>& flags);

}  // namespace compareresult

}  // namespace postil

#pragma once

#include <QString>
#include <QStringList>
#include <vector>

#include "store/status.h"

namespace postil {

class Database;

// The task list's filters by everyone's rows rather than the current
// annotator's status (docs/architecture.md "Task list search"): what a lead
// looks for after a merge. Combined with the status and text filters (AND).
struct TaskPick {
    enum class Kind {
        Every,
        Conflicts,      // a kept conflict version (annotation_conflicts)
        Disagreements,  // live non-review rows of two or more people whose results differ
        Reviewed,       // a live review row (review_of set)
        NotReviewed,
        ByAnnotator,  // a live row of 'annotator'
    };
    Kind kind = Kind::Every;
    QString annotator;  // ByAnnotator only

    bool operator==(const TaskPick&) const = default;
    bool isEvery() const { return kind == Kind::Every; }
};

// The ids of the tasks 'pick' takes, ascending. NotReviewed gives the ids
// of Reviewed with *inverted set: the caller keeps the tasks NOT listed
// (a million ids of unreviewed tasks are never read). Every gives nothing.
// 'totalTasks' picks the faster way to read one annotator's rows.
Expected<std::vector<qint64>> pickedTaskIds(Database& db, const TaskPick& pick, qint64 totalTasks,
                                            bool* inverted);

// The SQL of a pick that reads the annotations table through (disagreements,
// reviewed, not reviewed: half a second to a second at a million tasks), for
// a query on a thread of its own (model/taskidquery); empty for the picks
// that read an index (conflicts, by annotator), which pickedTaskIds does at
// once. Its ids come unsorted and may repeat.
QString pickSqlForThread(const TaskPick& pick);

// The names of every annotator with a row (live or not), sorted; one index
// seek per name, so a million rows of a few people cost nothing.
Expected<QStringList> annotatorNames(Database& db);

}  // namespace postil

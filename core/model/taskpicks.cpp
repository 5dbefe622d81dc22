#include "model/taskpicks.h"

#include <algorithm>

#include "model/taskstatuses.h"
#include "store/database.h"

namespace postil {

namespace {

// Two answers differ when their results do, leaving out what is not an
// answer: the time on screen (active_ms) and a comparison's blind order,
// which differ between any two people (docs/architecture.md §4). Results
// are stored as canonical JSON, so equal answers are equal text. One pass
// over the annotations' primary key (task_uid, annotator), grouped as it
// comes: no sort, no temporary table.
const char* const kDisagreementsSql =
    "SELECT t.id FROM (SELECT task_uid FROM annotations "
    " WHERE deleted = 0 AND review_of IS NULL AND substr(annotator, 1, 6) <> 'model:' "
    " GROUP BY task_uid HAVING count(*) >= 2 AND "
    " count(DISTINCT json_remove(result, '$.active_ms', '$.order')) >= 2) d "
    "JOIN tasks t ON t.uid = d.task_uid";

// No index has review_of: one pass over the rows (a review is rare, the
// uid lookups few).
const char* const kReviewedSql =
    "SELECT t.id FROM annotations a JOIN tasks t ON t.uid = a.task_uid "
    "WHERE a.deleted = 0 AND a.review_of IS NOT NULL";

// Kept versions are few; the table's key starts with the task uid.
const char* const kConflictsSql =
    "SELECT t.id FROM annotation_conflicts c JOIN tasks t ON t.uid = c.task_uid";

Expected<std::vector<qint64>> readIds(Database& db, const char* sql) {
    auto stmt = db.prepare(QString::fromLatin1(sql));
    if (!stmt.ok())
        return Status::failure(stmt.error());
    std::vector<qint64> ids;
    while (stmt->next())
        ids.push_back(stmt->int64(0));
    if (!stmt->status().ok())
        return Status::failure(stmt->status().error());
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

}  // namespace

Expected<std::vector<qint64>> pickedTaskIds(Database& db, const TaskPick& pick, qint64 totalTasks,
                                            bool* inverted) {
    *inverted = false;
    switch (pick.kind) {
        case TaskPick::Kind::Every:
            return std::vector<qint64>();
        case TaskPick::Kind::Conflicts:
            return readIds(db, kConflictsSql);
        case TaskPick::Kind::Disagreements:
            return readIds(db, kDisagreementsSql);
        case TaskPick::Kind::NotReviewed:
            *inverted = true;
            return readIds(db, kReviewedSql);
        case TaskPick::Kind::Reviewed:
            return readIds(db, kReviewedSql);
        case TaskPick::Kind::ByAnnotator: {
            // The same read as the annotator's own statuses (model/taskstatuses):
            // index lookups for a few rows, a merge with the uid index for many.
            TaskStatuses statuses;
            const quint8 all = TaskStatuses::bit(TaskStatus::Draft) |
                               TaskStatuses::bit(TaskStatus::Submitted) |
                               TaskStatuses::bit(TaskStatus::Skipped);
            if (Status s = statuses.load(db, pick.annotator, totalTasks, all); !s.ok())
                return s;
            std::vector<qint64> ids;
            ids.reserve(statuses.entries().size());
            for (const TaskStatuses::Entry& e : statuses.entries())
                ids.push_back(e.id);
            return ids;
        }
    }
    return std::vector<qint64>();
}

QString pickSqlForThread(const TaskPick& pick) {
    switch (pick.kind) {
        case TaskPick::Kind::Disagreements:
            return QString::fromLatin1(kDisagreementsSql);
        case TaskPick::Kind::Reviewed:
        case TaskPick::Kind::NotReviewed:
            return QString::fromLatin1(kReviewedSql);
        default:
            return QString();
    }
}

Expected<QStringList> annotatorNames(Database& db) {
    // A skip-scan by hand: each name is the least one after the last, one
    // seek in annotations_by_annotator each.
    auto stmt = db.prepare(QStringLiteral(
        "WITH RECURSIVE names(name) AS (SELECT min(annotator) FROM annotations UNION ALL "
        "SELECT (SELECT min(annotator) FROM annotations WHERE annotator > names.name) FROM names "
        "WHERE names.name IS NOT NULL) SELECT name FROM names WHERE name IS NOT NULL"));
    if (!stmt.ok())
        return Status::failure(stmt.error());
    QStringList names;
    while (stmt->next())
        names << stmt->text(0);
    if (!stmt->status().ok())
        return Status::failure(stmt->status().error());
    names.sort(Qt::CaseInsensitive);
    return names;
}

}  // namespace postil

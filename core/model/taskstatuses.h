#pragma once

#include <QString>
#include <QtGlobal>
#include <vector>

#include "store/status.h"

namespace postil {

class Database;

// One annotator's state of a task as the task list sees it; New when the
// annotator has no live row.
enum class TaskStatus : quint8 { New, Draft, Submitted, Skipped };

// The annotator's live rows as a sorted id -> status list, for the task
// list's status filters and Status order (model/taskindex). SQL anti-joins
// over a million tasks took seconds (docs/architecture.md "Task list
// search"); this list is read once and then kept in step by each edit.
//
// Statuses are read per kind, as filters need them: Unfinished needs only
// submitted and skipped, Draft only drafts. A task without an entry is new,
// or has a status not read yet.
class TaskStatuses {
public:
    static constexpr quint8 bit(TaskStatus status) { return quint8(1u << int(status)); }

    void clear();
    // Reads the statuses in 'mask' (bits of bit()) not read yet. 'totalTasks'
    // picks the faster way to pair rows with task ids.
    Status load(Database& db, const QString& annotator, qint64 totalTasks, quint8 mask);
    quint8 loaded() const { return m_loaded; }
    TaskStatus statusOf(qint64 id) const;
    // After an edit: the task's status now. Only statuses read so far are
    // kept, so reading another one later cannot meet a stale entry of it.
    void set(qint64 id, TaskStatus status);

    // For walking ids in ascending order alongside (linear in both).
    struct Entry {
        qint64 id;
        TaskStatus status;
    };
    const std::vector<Entry>& entries() const { return m_entries; }

private:
    quint8 m_loaded = 0;
    std::vector<Entry> m_entries;
};

}  // namespace postil

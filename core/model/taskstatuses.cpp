#include "model/taskstatuses.h"

#include <QList>
#include <algorithm>

#include "store/database.h"

namespace postil {

namespace {

// Below one annotation row per kMergeRatio tasks, looking tasks up by uid is
// cheaper than reading the whole uid index (measured on 1M tasks: a lookup
// costs about as much as reading 20 index entries in order).
constexpr qint64 kMergeRatio = 16;

using StatusRows = std::vector<std::pair<qint64, int>>;
const char* const kStatusNames[] = {"new", "draft", "submitted", "skipped"};

// Few rows: look each task up by uid, driven from the annotator's index
// (CROSS JOIN keeps that order).
Status readStatusesByLookup(Database& db, const QString& annotator, int status, StatusRows& rows) {
    Statement stmt = db.statement(
        QStringLiteral("SELECT t.id FROM annotations a CROSS JOIN tasks t ON t.uid = a.task_uid "
                       "WHERE a.annotator = ?1 AND a.status = ?2 AND a.deleted = 0"));
    stmt.bind(1, annotator).bind(2, QByteArray(kStatusNames[status]));
    while (stmt.next())
        rows.emplace_back(stmt.int64(0), status);
    return stmt.status();
}

// Many rows: a uid lookup per row costs more than reading the whole uid index
// once. Both sides come out of their indexes sorted by uid (one stream per
// status, so no sort in SQL), and a merge pairs them.
Status readStatusesByMerge(Database& db, const QString& annotator, const QList<int>& statuses,
                           StatusRows& rows) {
    struct Stream {
        Statement stmt;
        int status = 0;
        bool live = false;
        QByteArray uid;
        void next() {
            live = stmt.next();
            if (live)
                uid = stmt.utf8(0);
        }
    };
    Stream tasks;
    tasks.stmt = db.statement(QStringLiteral("SELECT uid, id FROM tasks ORDER BY uid"));
    std::vector<Stream> mine(std::size_t(statuses.size()));
    for (std::size_t i = 0; i < mine.size(); ++i) {
        mine[i].stmt = db.statement(
            QStringLiteral("SELECT task_uid FROM annotations WHERE annotator = ?1 AND status = ?2 "
                           "AND deleted = 0 ORDER BY task_uid"));
        mine[i].status = statuses[qsizetype(i)];
        mine[i].stmt.bind(1, annotator).bind(2, QByteArray(kStatusNames[mine[i].status]));
        mine[i].next();
    }
    tasks.next();
    while (tasks.live) {
        Stream* least = nullptr;
        for (Stream& s : mine)
            if (s.live && (!least || s.uid < least->uid))
                least = &s;
        if (!least)
            break;
        while (tasks.live && tasks.uid < least->uid)
            tasks.next();
        if (tasks.live && tasks.uid == least->uid)
            rows.emplace_back(tasks.stmt.int64(1), least->status);
        least->next();
    }
    for (const Stream& s : mine)
        if (!s.stmt.status().ok())
            return s.stmt.status();
    return tasks.stmt.status();
}

}  // namespace

void TaskStatuses::clear() {
    m_loaded = 0;
    m_entries = {};
}

Status TaskStatuses::load(Database& db, const QString& annotator, qint64 totalTasks, quint8 mask) {
    const quint8 missing = mask & ~m_loaded & ~bit(TaskStatus::New);
    if (!missing)
        return Status::success();
    // Rows per status, tombstones included: a cheap count from the index that
    // picks the faster way to pair them with task ids.
    Statement count = db.statement(QStringLiteral(
        "SELECT status, count(*) FROM annotations WHERE annotator = ?1 GROUP BY status"));
    count.bind(1, annotator);
    qint64 estimate = 0;
    QList<int> statuses;
    for (int status = 1; status <= 3; ++status)
        if (missing & bit(TaskStatus(status)))
            statuses << status;
    while (count.next())
        for (int status : statuses)
            if (count.utf8(0) == kStatusNames[status])
                estimate += count.int64(1);
    StatusRows rows;
    Status read = Status::success();
    quint8 loaded = missing;
    if (estimate * kMergeRatio < totalTasks) {
        for (int status : statuses)
            if (read.ok())
                read = readStatusesByLookup(db, annotator, status, rows);
    } else {
        // The uid index is read anyway: take every status not read yet, so
        // the next filter does not read it again.
        loaded = bit(TaskStatus::Draft) | bit(TaskStatus::Submitted) | bit(TaskStatus::Skipped);
        statuses.clear();
        for (int status = 1; status <= 3; ++status)
            if (!(m_loaded & bit(TaskStatus(status))))
                statuses << status;
        read = readStatusesByMerge(db, annotator, statuses, rows);
    }
    if (!read.ok())
        return read;
    std::sort(rows.begin(), rows.end());
    std::vector<Entry> merged;
    merged.reserve(m_entries.size() + rows.size());
    auto old = m_entries.cbegin();
    for (const auto& [id, status] : rows) {
        for (; old != m_entries.cend() && old->id < id; ++old)
            merged.push_back(*old);
        // Entries so far are of other statuses; the file's word is newer.
        if (old != m_entries.cend() && old->id == id)
            ++old;
        merged.push_back({id, TaskStatus(status)});
    }
    merged.insert(merged.end(), old, m_entries.cend());
    m_entries = std::move(merged);
    m_loaded |= loaded;
    return Status::success();
}

TaskStatus TaskStatuses::statusOf(qint64 id) const {
    auto it = std::lower_bound(m_entries.begin(), m_entries.end(), id,
                               [](const Entry& e, qint64 v) { return e.id < v; });
    if (it == m_entries.end() || it->id != id)
        return TaskStatus::New;
    return it->status;
}

void TaskStatuses::set(qint64 id, TaskStatus status) {
    auto it = std::lower_bound(m_entries.begin(), m_entries.end(), id,
                               [](const Entry& e, qint64 v) { return e.id < v; });
    const bool present = it != m_entries.end() && it->id == id;
    const bool keep = status != TaskStatus::New && (m_loaded & bit(status));
    if (present && keep)
        it->status = status;
    else if (present)
        m_entries.erase(it);
    else if (keep)
        m_entries.insert(it, {id, status});
}

}  // namespace postil

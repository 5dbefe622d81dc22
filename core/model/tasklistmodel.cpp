#include "model/tasklistmodel.h"

#include <QColor>
#include <QDebug>
#include <QJsonArray>
#include <algorithm>
#include <numeric>

#include "model/project.h"
#include "model/task.h"

namespace postil {

namespace {

constexpr int kTooltipChars = 1200;
// Below one annotation row per kMergeRatio tasks, looking tasks up by uid is
// cheaper than reading the whole uid index (measured on 1M tasks: a lookup
// costs about as much as reading 20 index entries in order).
constexpr qint64 kMergeRatio = 16;

// The annotator's status as a small integer, so that a million rows are read
// without making a string per row. A missing row (LEFT JOIN) is 0: new.
const QString kStatusCase = QStringLiteral(
    "CASE a.status WHEN 'draft' THEN 1 WHEN 'submitted' THEN 2 WHEN 'skipped' THEN 3 "
    "ELSE 0 END");

// Appended to an annotator's name in a block's list when the row is a
// proposal for the project's annotator: another annotator's live row, not a
// review, that holds boxes (what the image editor shows as its proposal layer,
// e.g. an import's "coco-import" row). Only those rows' JSON is parsed.
const QString kProposalMark = QStringLiteral(
    "CASE WHEN b.annotator <> ?1 AND b.review_of IS NULL AND "
    "json_array_length(b.result, '$.boxes') > 0 THEN char(30) ELSE '' END");

// One statement reads a whole block: ?1 is the annotator, ?2.. the block's ids
// (unused slots are bound to NULL, which matches nothing).
QString blockSql() {
    QString placeholders;
    for (int i = 0; i < TaskListModel::kBlockSize; ++i) {
        if (i)
            placeholders += QLatin1Char(',');
        placeholders += QLatin1Char('?') + QString::number(i + 2);
    }
    return QStringLiteral(
               "SELECT t.id, t.uid, t.kind, t.preview, %1, coalesce(a.skip_reason, ''), "
               "(SELECT group_concat(b.annotator || %3, char(31)) FROM annotations b "
               " WHERE b.task_uid = t.uid AND b.deleted = 0) "
               "FROM tasks t LEFT JOIN annotations a "
               "ON a.task_uid = t.uid AND a.annotator = ?1 AND a.deleted = 0 "
               "WHERE t.id IN (%2)")
        .arg(kStatusCase, placeholders, kProposalMark);
}

// LIKE folds ASCII case only. Characters beyond ASCII become '_' (any one
// character), so LIKE finds a superset and the caller confirms each hit with
// QString's case folding.
QString likePattern(const QString& needle, bool* needsCheck) {
    QString pattern = QStringLiteral("%");
    *needsCheck = false;
    for (int i = 0; i < needle.size(); ++i) {
        const QChar c = needle.at(i);
        if (c.unicode() >= 0x80) {
            *needsCheck = true;
            // A surrogate pair is one character to LIKE.
            if (c.isHighSurrogate() && i + 1 < needle.size() && needle.at(i + 1).isLowSurrogate())
                ++i;
            pattern += QLatin1Char('_');
            continue;
        }
        if (c == QLatin1Char('%') || c == QLatin1Char('_') || c == QLatin1Char('\\'))
            pattern += QLatin1Char('\\');
        pattern += c;
    }
    return pattern + QLatin1Char('%');
}

QString contentText(const QJsonValue& value) {
    if (value.isString())
        return value.toString();
    QStringList lines;
    for (const QJsonValue& message : value.toArray()) {
        const QJsonObject m = message.toObject();
        lines << m.value(QStringLiteral("role")).toString() + QStringLiteral(": ") +
                     m.value(QStringLiteral("content")).toString();
    }
    return lines.join(QLatin1Char('\n'));
}

QString clip(const QString& text) {
    if (text.size() <= kTooltipChars)
        return text;
    return text.left(kTooltipChars) + QStringLiteral("…");
}

}  // namespace

TaskListModel::TaskListModel(QObject* parent) : QAbstractTableModel(parent) {}

TaskListModel::~TaskListModel() = default;

void TaskListModel::setProject(Project* project) {
    beginResetModel();
    m_project = project;
    m_blockQuery = Statement();
    m_blocks.clear();
    m_blocksFetched = 0;
    m_candidatesValid = false;
    m_statusLoaded = 0;
    m_view = &m_filtered;
    m_reversed = false;
    m_candidates = {};
    m_filtered = {};
    m_statuses = {};
    m_total = 0;
    m_lastError.clear();
    if (m_project) {
        m_annotator = m_project->annotator();
        m_blockQuery = m_project->database().statement(blockSql());
        auto total = m_project->database().queryInt(QStringLiteral("SELECT count(*) FROM tasks"));
        if (total.ok())
            m_total = *total;
        else
            fail(QStringLiteral("count tasks"), total.error());
        if (loadCandidates())
            buildView();
    }
    endResetModel();
}

void TaskListModel::reload() {
    if (!m_project)
        return;
    setProject(m_project);
}

void TaskListModel::setStatusFilter(StatusFilter filter) {
    if (filter == m_statusFilter)
        return;
    m_statusFilter = filter;
    rebuild(false);
}

void TaskListModel::setTextFilter(const QString& text) {
    if (text == m_textFilter)
        return;
    m_textFilter = text;
    rebuild(true);
}

bool TaskListModel::isSortable(int column) {
    return column == IdColumn || column == StatusColumn || column == PreviewColumn;
}

void TaskListModel::sort(int column, Qt::SortOrder order) {
    if (!isSortable(column) || (column == m_sortColumn && order == m_sortOrder))
        return;
    // Candidates are in preview order for the Preview column and in id order
    // for the others; only a change between the two goes back to SQL.
    const bool candidatesChanged = (column == PreviewColumn) != (m_sortColumn == PreviewColumn);
    m_sortColumn = column;
    m_sortOrder = order;
    rebuild(candidatesChanged);
}

void TaskListModel::rebuild(bool candidatesChanged) {
    beginResetModel();
    m_lastError.clear();
    m_blocks.clear();
    if (candidatesChanged)
        m_candidatesValid = false;
    m_view = &m_filtered;
    m_reversed = false;
    m_filtered = {};
    if (m_project && (m_candidatesValid || loadCandidates()))
        buildView();
    endResetModel();
}

void TaskListModel::fail(const QString& what, const QString& error) {
    m_lastError = QStringLiteral("%1: task list: %2: %3")
                      .arg(m_project ? m_project->path() : QString(), what, error);
    qWarning().noquote() << m_lastError;
}

bool TaskListModel::loadAllIds() {
    m_candidates.clear();
    if (m_total == 0)
        return true;
    Database& db = m_project->database();
    // Ids are the rowid, given in import order without gaps unless tasks were
    // removed: when count = max - min + 1 the ids are exactly that range and
    // no row needs reading.
    Statement range = db.statement(
        QStringLiteral("SELECT (SELECT min(id) FROM tasks), (SELECT max(id) FROM tasks)"));
    if (range.next()) {
        const qint64 first = range.int64(0);
        const qint64 last = range.int64(1);
        if (last - first + 1 == m_total) {
            m_candidates.resize(std::size_t(m_total));
            std::iota(m_candidates.begin(), m_candidates.end(), first);
            return true;
        }
    }
    // Otherwise read the ids from the uid index (a tenth of the table's pages)
    // and sort them here, which beats a scan of the whole table in id order.
    Statement ids = db.statement(QStringLiteral("SELECT id FROM tasks"));
    m_candidates.reserve(std::size_t(m_total));
    while (ids.next())
        m_candidates.push_back(ids.int64(0));
    if (!ids.status().ok()) {
        fail(QStringLiteral("read task ids"), ids.status().error());
        m_candidates.clear();
        return false;
    }
    std::sort(m_candidates.begin(), m_candidates.end());
    return true;
}

bool TaskListModel::loadCandidates() {
    m_candidatesValid = false;
    m_candidatesById = m_sortColumn != PreviewColumn;
    if (m_textFilter.isEmpty() && m_candidatesById) {
        if (!loadAllIds())
            return false;
        m_candidatesValid = true;
        return true;
    }
    m_candidates.clear();
    // Three characters or more: the trigram index over the whole task text
    // (migration 3). Shorter: a scan of the previews and uids.
    const bool indexed = m_textFilter.toUcs4().size() >= 3;
    bool needsCheck = false;
    QString sql;
    if (indexed) {
        sql = m_candidatesById
                  ? QStringLiteral(
                        "SELECT rowid FROM task_search WHERE task_search MATCH ?1 "
                        "ORDER BY rowid")
                  : QStringLiteral(
                        "SELECT t.id FROM task_search s JOIN tasks t ON t.id = s.rowid "
                        "WHERE task_search MATCH ?1 ORDER BY t.preview COLLATE NOCASE, "
                        "t.id");
    } else {
        // The preview and uid are read only when QString has to confirm a hit.
        likePattern(m_textFilter, &needsCheck);
        sql = needsCheck ? QStringLiteral("SELECT id, preview, uid FROM tasks")
                         : QStringLiteral("SELECT id FROM tasks");
        if (!m_textFilter.isEmpty())
            sql += QStringLiteral(" WHERE preview LIKE ?1 ESCAPE '\\' OR uid LIKE ?1 ESCAPE '\\'");
        // A table scan in rowid order needs no sort; preview order reads the
        // preview index (migration 3).
        sql += m_candidatesById ? QStringLiteral(" ORDER BY id")
                                : QStringLiteral(" ORDER BY preview COLLATE NOCASE, id");
    }
    auto stmt = m_project->database().prepare(sql);
    if (!stmt.ok()) {
        fail(QStringLiteral("filter tasks"), stmt.error());
        return false;
    }
    if (indexed) {
        // One phrase: the needle as a substring, quotes doubled.
        QString phrase = m_textFilter;
        phrase.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        stmt->bind(1, QLatin1Char('"') + phrase + QLatin1Char('"'));
    } else if (!m_textFilter.isEmpty()) {
        stmt->bind(1, likePattern(m_textFilter, &needsCheck));
    }
    while (stmt->next()) {
        if (needsCheck && !stmt->text(1).contains(m_textFilter, Qt::CaseInsensitive) &&
            !stmt->text(2).contains(m_textFilter, Qt::CaseInsensitive))
            continue;
        m_candidates.push_back(stmt->int64(0));
    }
    if (!stmt->status().ok()) {
        fail(QStringLiteral("filter tasks"), stmt->status().error());
        m_candidates.clear();
        return false;
    }
    m_candidatesValid = true;
    return true;
}

namespace {

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

constexpr quint8 bit(int status) {
    return quint8(1u << status);
}

}  // namespace

quint8 TaskListModel::neededStatuses() const {
    constexpr quint8 finished = bit(2) | bit(3);
    if (m_sortColumn == StatusColumn)
        return bit(1) | finished;
    switch (m_statusFilter) {
        case StatusFilter::All:
            return 0;
        case StatusFilter::Unfinished:
            return finished;  // what is not finished is new or a draft
        case StatusFilter::New:
            return bit(1) | finished;
        case StatusFilter::Draft:
            return bit(1);
        case StatusFilter::Submitted:
            return bit(2);
        case StatusFilter::Skipped:
            return bit(3);
    }
    return bit(1) | finished;
}

bool TaskListModel::loadStatuses(quint8 mask) {
    const quint8 missing = mask & ~m_statusLoaded;
    if (!missing)
        return true;
    Database& db = m_project->database();
    // Rows per status, tombstones included: a cheap count from the index that
    // picks the faster way to pair them with task ids.
    Statement count = db.statement(QStringLiteral(
        "SELECT status, count(*) FROM annotations WHERE annotator = ?1 GROUP BY status"));
    count.bind(1, m_annotator);
    qint64 estimate = 0;
    QList<int> statuses;
    for (int status = 1; status <= 3; ++status)
        if (missing & bit(status))
            statuses << status;
    while (count.next())
        for (int status : statuses)
            if (count.utf8(0) == kStatusNames[status])
                estimate += count.int64(1);
    StatusRows rows;
    Status read = Status::success();
    quint8 loaded = missing;
    if (estimate * kMergeRatio < m_total) {
        for (int status : statuses)
            if (read.ok())
                read = readStatusesByLookup(db, m_annotator, status, rows);
    } else {
        // The uid index is read anyway: take every status not read yet, so
        // the next filter does not read it again.
        loaded = bit(1) | bit(2) | bit(3);
        statuses.clear();
        for (int status = 1; status <= 3; ++status)
            if (!(m_statusLoaded & bit(status)))
                statuses << status;
        read = readStatusesByMerge(db, m_annotator, statuses, rows);
    }
    if (!read.ok()) {
        fail(QStringLiteral("read statuses"), read.error());
        return false;
    }
    std::sort(rows.begin(), rows.end());
    std::vector<StatusEntry> merged;
    merged.reserve(m_statuses.size() + rows.size());
    auto old = m_statuses.cbegin();
    for (const auto& [id, status] : rows) {
        for (; old != m_statuses.cend() && old->id < id; ++old)
            merged.push_back(*old);
        // Entries so far are of other statuses; the file's word is newer.
        if (old != m_statuses.cend() && old->id == id)
            ++old;
        merged.push_back({id, RowStatus(status)});
    }
    merged.insert(merged.end(), old, m_statuses.cend());
    m_statuses = std::move(merged);
    m_statusLoaded |= loaded;
    return true;
}

TaskListModel::RowStatus TaskListModel::indexedStatus(qint64 id) const {
    auto it = std::lower_bound(m_statuses.begin(), m_statuses.end(), id,
                               [](const StatusEntry& e, qint64 v) { return e.id < v; });
    if (it == m_statuses.end() || it->id != id)
        return RowStatus::New;
    return it->status;
}

void TaskListModel::setIndexedStatus(qint64 id, RowStatus status) {
    auto it = std::lower_bound(m_statuses.begin(), m_statuses.end(), id,
                               [](const StatusEntry& e, qint64 v) { return e.id < v; });
    const bool present = it != m_statuses.end() && it->id == id;
    // Only statuses that were read are kept, so reading another one later
    // cannot meet a stale entry of it.
    const bool keep = status != RowStatus::New && (m_statusLoaded & bit(int(status)));
    if (present && keep)
        it->status = status;
    else if (present)
        m_statuses.erase(it);
    else if (keep)
        m_statuses.insert(it, {id, status});
}

bool TaskListModel::matches(RowStatus status) const {
    switch (m_statusFilter) {
        case StatusFilter::All:
            return true;
        case StatusFilter::Unfinished:
            return status == RowStatus::New || status == RowStatus::Draft;
        case StatusFilter::New:
            return status == RowStatus::New;
        case StatusFilter::Draft:
            return status == RowStatus::Draft;
        case StatusFilter::Submitted:
            return status == RowStatus::Submitted;
        case StatusFilter::Skipped:
            return status == RowStatus::Skipped;
    }
    return true;
}

void TaskListModel::buildView() {
    const bool byStatus = m_sortColumn == StatusColumn;
    const bool descending = m_sortOrder == Qt::DescendingOrder;
    m_view = &m_filtered;
    m_reversed = descending && !byStatus;
    m_viewById = m_candidatesById && !byStatus;
    const quint8 needed = neededStatuses();
    if (!needed) {
        m_view = &m_candidates;
        return;
    }
    if (!loadStatuses(needed))
        return;
    // Candidates in id order walk the sorted status index alongside (linear
    // in both); preview order looks each id up.
    bool accepted[4];
    for (int status = 0; status < 4; ++status)
        accepted[status] = matches(RowStatus(status));
    std::vector<quint8> statusOf(m_candidates.size());
    std::size_t cursor = 0;
    std::size_t counts[4] = {0, 0, 0, 0};
    for (std::size_t i = 0; i < m_candidates.size(); ++i) {
        const qint64 id = m_candidates[i];
        RowStatus status = RowStatus::New;
        if (m_candidatesById) {
            while (cursor < m_statuses.size() && m_statuses[cursor].id < id)
                ++cursor;
            if (cursor < m_statuses.size() && m_statuses[cursor].id == id)
                status = m_statuses[cursor].status;
        } else {
            status = indexedStatus(id);
        }
        statusOf[i] = quint8(status);
        ++counts[int(status)];
    }
    // Sized before filling: a million push_backs that regrow cost more than
    // the walk itself.
    std::size_t total = 0;
    std::size_t start[4];
    for (int g = 0; g < 4; ++g) {
        const int status = byStatus && descending ? 3 - g : g;
        start[status] = total;
        if (accepted[status])
            total += counts[status];
    }
    m_filtered.resize(total);
    for (std::size_t i = 0; i < m_candidates.size(); ++i) {
        const int status = statusOf[i];
        if (!accepted[status])
            continue;
        // Without the Status sort every status shares one run, in order.
        std::size_t& at = start[byStatus ? status : 0];
        m_filtered[at++] = m_candidates[i];
    }
}

qint64 TaskListModel::taskId(int row) const {
    if (row < 0 || std::size_t(row) >= m_view->size())
        return 0;
    return idAt(std::size_t(row));
}

int TaskListModel::rowOf(qint64 taskId) const {
    const std::vector<qint64>& ids = *m_view;
    auto it = m_viewById ? std::lower_bound(ids.begin(), ids.end(), taskId)
                         : std::find(ids.begin(), ids.end(), taskId);
    if (it == ids.end() || *it != taskId)
        return -1;
    const auto at = std::size_t(it - ids.begin());
    return int(m_reversed ? ids.size() - 1 - at : at);
}

void TaskListModel::readAnnotators(const QString& list, Row& r) {
    QStringList names = list.split(QChar(31), Qt::SkipEmptyParts);
    names.sort(Qt::CaseInsensitive);
    r.proposals.clear();
    for (QString& name : names)
        if (name.endsWith(QChar(30))) {
            name.chop(1);
            r.proposals << name;
            name = tr("%1 (proposal)").arg(name);
        }
    r.annotators = names.join(QStringLiteral(", "));
}

bool TaskListModel::fetchBlock(int block) const {
    if (!m_blockQuery.isValid())
        return false;
    const std::size_t begin = std::size_t(block) * kBlockSize;
    const int count = int(std::min<std::size_t>(kBlockSize, m_view->size() - begin));
    Block fetched;
    fetched.rows.resize(std::size_t(count));
    QHash<qint64, int> slot;
    slot.reserve(count);
    m_blockQuery.bind(1, m_annotator);
    for (int i = 0; i < kBlockSize; ++i) {
        if (i < count) {
            const qint64 id = idAt(begin + std::size_t(i));
            fetched.rows[std::size_t(i)].id = id;
            slot.insert(id, i);
            m_blockQuery.bind(i + 2, id);
        } else {
            m_blockQuery.bindNull(i + 2);
        }
    }
    while (m_blockQuery.next()) {
        const int i = slot.value(m_blockQuery.int64(0), -1);
        if (i < 0)
            continue;
        Row& r = fetched.rows[std::size_t(i)];
        r.uid = m_blockQuery.text(1);
        r.kind = taskKindFromString(m_blockQuery.text(2)).value_or(TaskKind::Text);
        r.preview = m_blockQuery.text(3);
        r.status = RowStatus(m_blockQuery.int64(4));
        r.skipReason = m_blockQuery.text(5);
        readAnnotators(m_blockQuery.text(6), r);
    }
    const Status status = m_blockQuery.status();
    m_blockQuery.reset();
    if (!status.ok()) {
        qWarning().noquote() << QStringLiteral("task list: reading rows %1-%2: %3")
                                    .arg(begin)
                                    .arg(begin + std::size_t(count))
                                    .arg(status.error());
        return false;
    }
    if (m_blocks.size() >= kMaxBlocks) {
        auto oldest = m_blocks.begin();
        for (auto it = m_blocks.begin(); it != m_blocks.end(); ++it)
            if (it->lastUse < oldest->lastUse)
                oldest = it;
        m_blocks.erase(oldest);
    }
    fetched.lastUse = ++m_useClock;
    m_blocks.insert(block, std::move(fetched));
    ++m_blocksFetched;
    return true;
}

const TaskListModel::Row* TaskListModel::row(int row) const {
    if (row < 0 || std::size_t(row) >= m_view->size())
        return nullptr;
    const int block = row / kBlockSize;
    auto it = m_blocks.find(block);
    if (it == m_blocks.end()) {
        if (!fetchBlock(block))
            return nullptr;
        it = m_blocks.find(block);
    }
    it->lastUse = ++m_useClock;
    return &it->rows[std::size_t(row % kBlockSize)];
}

void TaskListModel::refreshTask(qint64 taskId) {
    if (!m_project)
        return;
    const int r = rowOf(taskId);
    const int block = r >= 0 ? r / kBlockSize : -1;
    // Re-reading the row's block is one statement, like reading the row alone,
    // and refreshes its neighbours' annotator lists too.
    if (block >= 0) {
        m_blocks.remove(block);
        fetchBlock(block);
    }
    if (m_statusLoaded) {
        RowStatus status = RowStatus::New;
        if (const Row* fresh = r >= 0 ? row(r) : nullptr) {
            status = fresh->status;
        } else {
            Statement stmt = m_project->database().statement(
                QStringLiteral("SELECT %1 FROM tasks t JOIN annotations a ON a.task_uid = t.uid "
                               "WHERE t.id = ?1 AND a.annotator = ?2 AND a.deleted = 0")
                    .arg(kStatusCase));
            stmt.bind(1, taskId).bind(2, m_annotator);
            if (stmt.next())
                status = RowStatus(stmt.int64(0));
        }
        setIndexedStatus(taskId, status);
    }
    if (r >= 0)
        Q_EMIT dataChanged(index(r, 0), index(r, ColumnCount - 1));
}

int TaskListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_view->size());
}

int TaskListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString TaskListModel::statusName(RowStatus status) {
    switch (status) {
        case RowStatus::New:
            return QStringLiteral("new");
        case RowStatus::Draft:
            return QStringLiteral("draft");
        case RowStatus::Submitted:
            return QStringLiteral("submitted");
        case RowStatus::Skipped:
            return QStringLiteral("skipped");
    }
    return QString();
}

QString TaskListModel::statusLabel(bool exists, AnnotationStatus status) {
    if (!exists)
        return statusLabel(RowStatus::New);
    switch (status) {
        case AnnotationStatus::Draft:
            return statusLabel(RowStatus::Draft);
        case AnnotationStatus::Submitted:
            return statusLabel(RowStatus::Submitted);
        case AnnotationStatus::Skipped:
            return statusLabel(RowStatus::Skipped);
    }
    return QString();
}

QString TaskListModel::statusLabel(RowStatus status) {
    switch (status) {
        case RowStatus::New:
            return tr("New");
        case RowStatus::Draft:
            return tr("Draft");
        case RowStatus::Submitted:
            return tr("Submitted");
        case RowStatus::Skipped:
            return tr("Skipped");
    }
    return QString();
}

namespace {
QColor statusColor(int status) {
    // new, draft, submitted, skipped: readable on light and dark palettes.
    static const QColor colors[] = {QColor(0x9e, 0x9e, 0x9e), QColor(0xe0, 0x9a, 0x1a),
                                    QColor(0x2e, 0x9d, 0x4f), QColor(0x8e, 0x6f, 0xc7)};
    return colors[std::clamp(status, 0, 3)];
}
}  // namespace

QString TaskListModel::longPreview(qint64 taskId) const {
    std::optional<Task> task = m_project->tasks().byId(taskId);
    if (!task)
        return QString();
    QString text;
    switch (task->kind) {
        case TaskKind::Image:
        case TaskKind::Audio:
            text = task->mediaPath();
            break;
        case TaskKind::Text: {
            const QString query = task->data.value(QStringLiteral("query")).toString();
            text = task->data.value(QStringLiteral("text")).toString();
            if (!query.isEmpty())
                text = query + QStringLiteral("\n\n") + text;
            break;
        }
        case TaskKind::Compare: {
            const int responses =
                int(task->data.value(QStringLiteral("responses")).toArray().size());
            text = contentText(task->data.value(QStringLiteral("prompt"))) +
                   QStringLiteral("\n\n") + tr("%n response(s)", nullptr, responses);
            break;
        }
    }
    // Rich text, so that markup in a task shows as typed and long lines wrap.
    return QStringLiteral("<p style=\"white-space:pre-wrap\">%1</p><p><small>%2</small></p>")
        .arg(clip(text).toHtmlEscaped(), task->uid.toHtmlEscaped());
}

QVariant TaskListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.parent().isValid() || index.column() >= ColumnCount)
        return QVariant();
    const qint64 id = taskId(index.row());
    if (id == 0)
        return QVariant();
    // The id needs no read: sorting, selection and navigation stay off the file.
    if (role == TaskIdRole || (role == Qt::DisplayRole && index.column() == IdColumn))
        return QVariant::fromValue(id);
    if (role == Qt::TextAlignmentRole)
        return index.column() == IdColumn ? int(Qt::AlignRight | Qt::AlignVCenter)
                                          : int(Qt::AlignLeft | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole && role != Qt::DecorationRole &&
        role != TaskUidRole && role != StatusRole && role != KindRole &&
        role != ProposalSourcesRole)
        return QVariant();
    const Row* r = row(index.row());
    if (!r || r->uid.isEmpty())
        return QVariant();
    switch (role) {
        case TaskUidRole:
            return r->uid;
        case StatusRole:
            return statusName(r->status);
        case KindRole:
            return toString(r->kind);
        case ProposalSourcesRole:
            return r->proposals;
        case Qt::DecorationRole:
            if (index.column() == StatusColumn)
                return statusColor(int(r->status));
            return QVariant();
        case Qt::DisplayRole:
            switch (index.column()) {
                case StatusColumn:
                    return statusLabel(r->status);
                case AnnotatorsColumn:
                    return r->annotators;
                case PreviewColumn:
                    return toString(r->kind) + QStringLiteral(" · ") + r->preview;
            }
            return QVariant();
        case Qt::ToolTipRole:
            switch (index.column()) {
                case IdColumn:
                    return r->uid;
                case StatusColumn:
                    return r->skipReason.isEmpty()
                               ? statusLabel(r->status)
                               : tr("%1: %2").arg(statusLabel(r->status), r->skipReason);
                case AnnotatorsColumn:
                    if (r->proposals.isEmpty())
                        return r->annotators;
                    return tr("%1\nProposed boxes by %2: open the task to see and accept them")
                        .arg(r->annotators, r->proposals.join(QStringLiteral(", ")));
                case PreviewColumn:
                    return longPreview(r->id);
            }
            return QVariant();
    }
    return QVariant();
}

QVariant TaskListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    // A first click on a header sorts ascending, whatever the style prefers.
    if (orientation == Qt::Horizontal && role == Qt::InitialSortOrderRole)
        return int(Qt::AscendingOrder);
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
        case IdColumn:
            return tr("#");
        case StatusColumn:
            return tr("Status");
        case AnnotatorsColumn:
            return tr("Annotators");
        case PreviewColumn:
            return tr("Task");
    }
    return QVariant();
}

QHash<int, QByteArray> TaskListModel::roleNames() const {
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(TaskIdRole, "taskId");
    names.insert(TaskUidRole, "taskUid");
    names.insert(StatusRole, "status");
    names.insert(KindRole, "kind");
    names.insert(ProposalSourcesRole, "proposalSources");
    return names;
}

}  // namespace postil

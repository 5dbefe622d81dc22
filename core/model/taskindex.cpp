#include "model/taskindex.h"

#include <QDebug>
#include <algorithm>
#include <numeric>

#include "model/project.h"

namespace postil {

namespace {

// The annotator's status as a small integer, so that a million rows are read
// without making a string per row. A missing row (LEFT JOIN) is 0: new.
const QString kStatusCase = QStringLiteral(
    "CASE a.status WHEN 'draft' THEN 1 WHEN 'submitted' THEN 2 WHEN 'skipped' THEN 3 "
    "ELSE 0 END");

// Appended to an annotator's name in a block's list when the row is a
// proposal for the project's annotator: another annotator's live row, not a
// review, that holds boxes, spans or segments (what the editors offer to copy,
// e.g. an import's "coco-import" or "spacy-import" row). Only those rows' JSON
// is parsed; a missing key gives NULL, which is not > 0.
const QString kProposalMark = QStringLiteral(
    "CASE WHEN b.annotator <> ?1 AND b.review_of IS NULL AND "
    "(json_array_length(b.result, '$.boxes') > 0 OR "
    "json_array_length(b.result, '$.spans') > 0 OR "
    "json_array_length(b.result, '$.segments') > 0) THEN char(30) ELSE '' END");

// One statement reads 'count' rows: ?1 is the annotator, ?2.. the ids (unused
// slots are bound to NULL, which matches nothing). A block is kBlockSize rows;
// refreshing one task after an edit reads one.
QString rowsSql(int count) {
    QString placeholders;
    for (int i = 0; i < count; ++i) {
        if (i)
            placeholders += QLatin1Char(',');
        placeholders += QLatin1Char('?') + QString::number(i + 2);
    }
    return QStringLiteral(
               "SELECT t.id, t.uid, t.kind, t.preview, %1, coalesce(a.skip_reason, ''), "
               "(SELECT group_concat(b.annotator || %3, char(31)) FROM annotations b "
               " WHERE b.task_uid = t.uid AND b.deleted = 0), "
               "EXISTS (SELECT 1 FROM annotation_conflicts c WHERE c.task_uid = t.uid) "
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

// Fills the row's annotators from a block's "name[\x1e]\x1f…" list.
void readAnnotators(const QString& list, TaskIndex::Row& r) {
    QStringList names = list.split(QChar(31), Qt::SkipEmptyParts);
    names.sort(Qt::CaseInsensitive);
    r.proposals.clear();
    r.annotators.clear();
    for (QString& name : names) {
        const bool proposes = name.endsWith(QChar(30));
        if (proposes) {
            name.chop(1);
            r.proposals << name;
        }
        r.annotators.append({name, proposes});
    }
}

// Reads a row of rowsSql() into r.
void readRow(const Statement& stmt, TaskIndex::Row& r) {
    r.uid = stmt.text(1);
    r.kind = taskKindFromString(stmt.text(2)).value_or(TaskKind::Text);
    r.preview = stmt.text(3);
    r.status = TaskIndex::RowStatus(stmt.int64(4));
    r.skipReason = stmt.text(5);
    readAnnotators(stmt.text(6), r);
    r.conflicts = stmt.int64(7) != 0;
}

// The project's ids in preview order (migration 3's index), read on a
// thread of its own: a million index entries take a few hundred ms.
const QString kPreviewOrderSql =
    QStringLiteral("SELECT id FROM tasks ORDER BY preview COLLATE NOCASE, id");

// 'order' kept to the ids in 'ascending' (sorted), order unchanged: one
// bit per id in ascending's range, so a million ids take a few ms.
std::vector<qint64> keptTo(const std::vector<qint64>& order, const std::vector<qint64>& ascending) {
    std::vector<qint64> kept;
    if (ascending.empty())
        return kept;
    const qint64 first = ascending.front();
    const qint64 last = ascending.back();
    std::vector<bool> in(std::size_t(last - first + 1));
    for (qint64 id : ascending)
        in[std::size_t(id - first)] = true;
    kept.reserve(ascending.size());
    for (qint64 id : order)
        if (id >= first && id <= last && in[std::size_t(id - first)])
            kept.push_back(id);
    return kept;
}

}  // namespace

TaskIndex::TaskIndex(QObject* parent) : QObject(parent) {
    connect(&m_rest, &TaskIdQuery::finished, this, &TaskIndex::onRestArrived);
    connect(&m_previewQuery, &TaskIdQuery::finished, this, &TaskIndex::onPreviewOrderArrived);
    connect(&m_pickQuery, &TaskIdQuery::finished, this, &TaskIndex::onPickArrived);
}

TaskIndex::~TaskIndex() = default;

void TaskIndex::clear() {
    m_rest.cancel();
    m_blockQuery = Statement();
    m_rowQuery = Statement();
    m_blocks.clear();
    m_blocksFetched = 0;
    m_candidatesValid = false;
    m_candidates = {};
    m_ordered = {};
    m_filtered = {};
    m_view = &m_filtered;
    m_reversed = false;
    m_viewById = false;
    m_statuses.clear();
    m_pickQuery.cancel();
    m_pickRead = false;
    m_pickBits = {};
    m_total = 0;
    m_lastError.clear();
}

void TaskIndex::setProject(Project* project) {
    clear();
    m_previewQuery.cancel();
    m_previewOrder = {};
    m_previewRead = false;
    m_previewFresh = false;
    m_project = project;
    load();
    reportLoaded();
}

void TaskIndex::reload() {
    if (!m_project)
        return;
    clear();
    // The preview order read before serves, stale, until it is read again.
    m_previewQuery.cancel();
    m_previewFresh = false;
    load();
    reportLoaded();
}

void TaskIndex::load() {
    if (!m_project)
        return;
    m_annotator = m_project->annotator();
    m_blockQuery = m_project->database().statement(rowsSql(kBlockSize));
    m_rowQuery = m_project->database().statement(rowsSql(1));
    auto total = m_project->database().queryInt(QStringLiteral("SELECT count(*) FROM tasks"));
    if (total.ok())
        m_total = *total;
    else
        fail(QStringLiteral("count tasks"), total.error());
    if (loadCandidates())
        buildView();
}

bool TaskIndex::isLoading() const {
    return m_rest.isRunning() || m_previewQuery.isRunning() || m_pickQuery.isRunning();
}

void TaskIndex::finishLoading() {
    while (isLoading()) {
        m_rest.wait();
        m_previewQuery.wait();
        m_pickQuery.wait();
    }
}

void TaskIndex::reportLoaded() {
    const bool loading = isLoading();
    if (loading == m_reportedLoading)
        return;
    m_reportedLoading = loading;
    Q_EMIT loadingChanged(loading);
}

void TaskIndex::setStatusFilter(StatusFilter filter) {
    if (filter == m_statusFilter)
        return;
    m_statusFilter = filter;
    rebuild(false);
}

void TaskIndex::setTextFilter(const QString& text) {
    if (text == m_textFilter)
        return;
    m_textFilter = text;
    rebuild(true);
}

void TaskIndex::setPick(const TaskPick& pick) {
    if (pick == m_pick)
        return;
    m_pick = pick;
    m_pickQuery.cancel();
    m_pickRead = false;
    rebuild(false);
}

void TaskIndex::setPickIds(std::vector<qint64> ids, bool inverted) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    m_pickInverted = inverted;
    m_pickBits = {};
    m_pickFirst = ids.empty() ? 0 : ids.front();
    if (!ids.empty()) {
        m_pickBits.resize(std::size_t(ids.back() - m_pickFirst + 1));
        for (qint64 id : ids)
            m_pickBits[std::size_t(id - m_pickFirst)] = true;
    }
    m_pickRead = true;
}

TaskIndex::PickState TaskIndex::loadPick() {
    if (m_pickRead)
        return PickState::Ready;
    // A pass over every annotation row (up to a second at a million tasks)
    // runs on a thread of its own, as the preview order does.
    if (const QString sql = pickSqlForThread(m_pick); !sql.isEmpty()) {
        if (!m_pickQuery.isRunning()) {
            TaskIdQuery::Request request;
            request.path = m_project->path();
            request.immutable = m_project->isReadOnly();
            request.sql = sql;
            m_pickQuery.start(request);
        }
        return PickState::Reading;
    }
    bool inverted = false;
    auto ids = pickedTaskIds(m_project->database(), m_pick, m_total, &inverted);
    if (!ids.ok()) {
        fail(QStringLiteral("pick tasks"), ids.error());
        return PickState::Failed;
    }
    setPickIds(std::move(*ids), inverted);
    return PickState::Ready;
}

void TaskIndex::onPickArrived() {
    if (!m_pickQuery.error().isEmpty()) {
        fail(QStringLiteral("pick tasks"), m_pickQuery.error());
        reportLoaded();
        return;
    }
    setPickIds(m_pickQuery.takeIds(), m_pick.kind == TaskPick::Kind::NotReviewed);
    if (m_candidatesValid) {
        Q_EMIT aboutToChange();
        m_blocks.clear();
        m_filtered = {};
        buildView();
        Q_EMIT changed();
    }
    reportLoaded();
}

void TaskIndex::setOrder(Order order, bool descending) {
    if (order == m_order && descending == m_descending)
        return;
    // Candidates are ascending ids whatever the order: no SQL here.
    m_order = order;
    m_descending = descending;
    rebuild(false);
}

void TaskIndex::rebuild(bool candidatesChanged) {
    m_lastError.clear();
    m_blocks.clear();
    if (candidatesChanged)
        m_candidatesValid = false;
    m_view = &m_filtered;
    m_reversed = false;
    m_filtered = {};
    if (m_project && (m_candidatesValid || loadCandidates()))
        buildView();
    reportLoaded();
}

void TaskIndex::fail(const QString& what, const QString& error) {
    m_lastError = QStringLiteral("%1: task list: %2: %3")
                      .arg(m_project ? m_project->path() : QString(), what, error);
    qWarning().noquote() << m_lastError;
}

bool TaskIndex::loadAllIds() {
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

TaskIdQuery::Request TaskIndex::searchRequest(bool descending, std::optional<qint64> bound) const {
    TaskIdQuery::Request request;
    request.path = m_project->path();
    request.immutable = m_project->isReadOnly();
    const QString direction = descending ? QStringLiteral(" DESC") : QString();
    const QString comparison = descending ? QStringLiteral(" < ?2") : QStringLiteral(" > ?2");
    // Three characters or more: the trigram index over the whole task text
    // (migration 3). Shorter: a scan of the previews and uids.
    if (m_textFilter.toUcs4().size() >= 3) {
        request.sql = QStringLiteral("SELECT rowid FROM task_search WHERE task_search MATCH ?1");
        if (bound)
            request.sql += QStringLiteral(" AND rowid") + comparison;
        request.sql += QStringLiteral(" ORDER BY rowid") + direction;
        // One phrase: the needle as a substring, quotes doubled.
        QString phrase = m_textFilter;
        phrase.replace(QLatin1Char('"'), QStringLiteral("\"\""));
        request.binds << QVariant(QLatin1Char('"') + phrase + QLatin1Char('"'));
    } else {
        bool needsCheck = false;
        const QString pattern = likePattern(m_textFilter, &needsCheck);
        // The preview and uid are read only when QString has to confirm a hit.
        request.sql = needsCheck ? QStringLiteral("SELECT id, preview, uid FROM tasks")
                                 : QStringLiteral("SELECT id FROM tasks");
        request.sql +=
            QStringLiteral(" WHERE (preview LIKE ?1 ESCAPE '\\' OR uid LIKE ?1 ESCAPE '\\')");
        if (bound)
            request.sql += QStringLiteral(" AND id") + comparison;
        request.sql += QStringLiteral(" ORDER BY id") + direction;
        request.binds << QVariant(pattern);
        if (needsCheck)
            request.keep = [needle = m_textFilter](const Statement& row) {
                return row.text(1).contains(needle, Qt::CaseInsensitive) ||
                       row.text(2).contains(needle, Qt::CaseInsensitive);
            };
    }
    if (bound)
        request.binds << QVariant(*bound);
    return request;
}

bool TaskIndex::loadCandidates() {
    m_rest.cancel();
    m_candidatesValid = false;
    m_candidates.clear();
    if (m_textFilter.isEmpty()) {
        if (!loadAllIds())
            return false;
        m_candidatesValid = true;
        return true;
    }
    // The head: the first matches in the direction the list starts, read
    // here. A common word's first screen is there within milliseconds; the
    // rest follows from another thread (onRestArrived).
    m_headDescending = m_order == Order::Id && m_descending;
    TaskIdQuery::Request request = searchRequest(m_headDescending, std::nullopt);
    auto stmt = m_project->database().prepare(request.sql);
    if (!stmt.ok()) {
        fail(QStringLiteral("filter tasks"), stmt.error());
        return false;
    }
    stmt->bind(1, request.binds.at(0).toString());
    bool more = false;
    while (stmt->next()) {
        if (int(m_candidates.size()) == m_headRows) {
            more = true;
            break;
        }
        if (!request.keep || request.keep(*stmt))
            m_candidates.push_back(stmt->int64(0));
    }
    const Status read = stmt->status();
    stmt->reset();
    if (!read.ok()) {
        fail(QStringLiteral("filter tasks"), read.error());
        m_candidates.clear();
        return false;
    }
    if (more) {
        const qint64 bound = m_candidates.back();
        m_rest.start(searchRequest(m_headDescending, bound));
    }
    if (m_headDescending)
        std::reverse(m_candidates.begin(), m_candidates.end());
    m_candidatesValid = true;
    return true;
}

void TaskIndex::onRestArrived() {
    std::vector<qint64> rest = m_rest.takeIds();
    if (!m_rest.error().isEmpty()) {
        // The head stays: the list shows what was found.
        fail(QStringLiteral("filter tasks"), m_rest.error());
        reportLoaded();
        return;
    }
    if (m_headDescending)
        std::reverse(rest.begin(), rest.end());  // ascending, all below the head
    auto merge = [this](std::vector<qint64>& into, const std::vector<qint64>& more) {
        into.insert(m_headDescending ? into.begin() : into.end(), more.begin(), more.end());
    };
    // In the order the head was read, the rest goes after the rows shown.
    const bool appends = m_order == Order::Id && m_descending == m_headDescending &&
                         m_lastError.isEmpty() &&
                         (m_view == &m_candidates || m_view == &m_filtered);
    if (!appends) {
        Q_EMIT aboutToChange();
        merge(m_candidates, rest);
        m_blocks.clear();
        m_filtered = {};
        buildView();
        Q_EMIT changed();
        reportLoaded();
        return;
    }
    const bool filtered = m_view == &m_filtered;
    const std::vector<qint64> added = filtered ? statusFiltered(rest) : std::vector<qint64>();
    const int count = int(filtered ? added.size() : rest.size());
    const int first = size();
    if (count > 0)
        Q_EMIT rowsAboutToBeAppended(first, first + count - 1);
    // The last block was read short: it grows.
    if (first % kBlockSize != 0)
        m_blocks.remove(first / kBlockSize);
    merge(m_candidates, rest);
    if (filtered)
        merge(m_filtered, added);
    if (count > 0)
        Q_EMIT rowsAppended();
    reportLoaded();
}

void TaskIndex::needPreviewOrder() {
    if (!m_project || m_previewFresh || m_previewQuery.isRunning())
        return;
    TaskIdQuery::Request request;
    request.path = m_project->path();
    request.immutable = m_project->isReadOnly();
    request.sql = kPreviewOrderSql;
    m_previewQuery.start(request);
}

void TaskIndex::onPreviewOrderArrived() {
    if (!m_previewQuery.error().isEmpty()) {
        fail(QStringLiteral("sort by preview"), m_previewQuery.error());
        reportLoaded();
        return;
    }
    m_previewOrder = m_previewQuery.takeIds();
    m_previewRead = true;
    m_previewFresh = true;
    if (m_order == Order::Preview && m_candidatesValid) {
        Q_EMIT aboutToChange();
        m_blocks.clear();
        m_filtered = {};
        buildView();
        Q_EMIT changed();
    }
    reportLoaded();
}

bool TaskIndex::previewOrdered() const {
    return m_order == Order::Preview && m_previewRead;
}

quint8 TaskIndex::neededStatuses() const {
    using S = TaskStatus;
    constexpr quint8 finished = TaskStatuses::bit(S::Submitted) | TaskStatuses::bit(S::Skipped);
    if (m_order == Order::Status)
        return TaskStatuses::bit(S::Draft) | finished;
    switch (m_statusFilter) {
        case StatusFilter::All:
            return 0;
        case StatusFilter::Unfinished:
            return finished;  // what is not finished is new or a draft
        case StatusFilter::New:
            return TaskStatuses::bit(S::Draft) | finished;
        case StatusFilter::Draft:
            return TaskStatuses::bit(S::Draft);
        case StatusFilter::Submitted:
            return TaskStatuses::bit(S::Submitted);
        case StatusFilter::Skipped:
            return TaskStatuses::bit(S::Skipped);
    }
    return TaskStatuses::bit(S::Draft) | finished;
}

bool TaskIndex::matches(RowStatus status) const {
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

std::vector<qint64> TaskIndex::statusFiltered(const std::vector<qint64>& ascending) const {
    // Walks the sorted status list alongside: linear in both.
    const auto& entries = m_statuses.entries();
    std::vector<qint64> kept;
    std::size_t cursor = 0;
    for (qint64 id : ascending) {
        while (cursor < entries.size() && entries[cursor].id < id)
            ++cursor;
        const bool listed = cursor < entries.size() && entries[cursor].id == id;
        if ((m_pick.isEvery() || picked(id)) &&
            matches(listed ? entries[cursor].status : RowStatus::New))
            kept.push_back(id);
    }
    return kept;
}

void TaskIndex::buildView() {
    const bool byStatus = m_order == Order::Status;
    const bool descending = m_descending;
    // The order's source: the candidates (ascending ids), or the preview
    // order kept to them. Until the preview order is read the list shows
    // import order, and changes once it arrives (onPreviewOrderArrived).
    const std::vector<qint64>* source = &m_candidates;
    bool sourceById = true;
    m_ordered = {};
    if (m_order == Order::Preview) {
        needPreviewOrder();
        if (previewOrdered()) {
            sourceById = false;
            if (m_previewFresh && m_textFilter.isEmpty() &&
                m_previewOrder.size() == m_candidates.size()) {
                source = &m_previewOrder;
            } else {
                m_ordered = keptTo(m_previewOrder, m_candidates);
                source = &m_ordered;
            }
        }
    }
    m_view = &m_filtered;
    m_reversed = descending && !byStatus;
    m_viewById = sourceById && !byStatus;
    const quint8 needed = neededStatuses();
    const bool picking = !m_pick.isEvery();
    if (picking && loadPick() != PickState::Ready)
        return;  // an empty view until the pick's tasks arrive (onPickArrived)
    if (!needed && !picking) {
        m_view = source;
        return;
    }
    if (needed) {
        const Status loaded = m_statuses.load(m_project->database(), m_annotator, m_total, needed);
        if (!loaded.ok()) {
            fail(QStringLiteral("read statuses"), loaded.error());
            return;
        }
    }
    // Ids in ascending order walk the sorted status list alongside (linear
    // in both); preview order looks each id up.
    const auto& entries = m_statuses.entries();
    bool accepted[4];
    for (int status = 0; status < 4; ++status)
        accepted[status] = matches(RowStatus(status));
    // A task the pick leaves out is marked past the four statuses.
    constexpr quint8 kLeftOut = 4;
    std::vector<quint8> statusOf(source->size());
    std::size_t cursor = 0;
    std::size_t counts[4] = {0, 0, 0, 0};
    for (std::size_t i = 0; i < source->size(); ++i) {
        const qint64 id = (*source)[i];
        if (picking && !picked(id)) {
            statusOf[i] = kLeftOut;
            continue;
        }
        RowStatus status = RowStatus::New;
        if (!needed) {
            // Every status is accepted: nothing to look up.
        } else if (sourceById) {
            while (cursor < entries.size() && entries[cursor].id < id)
                ++cursor;
            if (cursor < entries.size() && entries[cursor].id == id)
                status = entries[cursor].status;
        } else {
            status = m_statuses.statusOf(id);
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
    for (std::size_t i = 0; i < source->size(); ++i) {
        const int status = statusOf[i];
        if (status == kLeftOut || !accepted[status])
            continue;
        // Without the Status sort every status shares one run, in order.
        std::size_t& at = start[byStatus ? status : 0];
        m_filtered[at++] = (*source)[i];
    }
}

qint64 TaskIndex::taskId(int row) const {
    if (row < 0 || std::size_t(row) >= m_view->size())
        return 0;
    return idAt(std::size_t(row));
}

int TaskIndex::rowOf(qint64 taskId) const {
    const std::vector<qint64>& ids = *m_view;
    auto it = m_viewById ? std::lower_bound(ids.begin(), ids.end(), taskId)
                         : std::find(ids.begin(), ids.end(), taskId);
    if (it == ids.end() || *it != taskId)
        return -1;
    const auto at = std::size_t(it - ids.begin());
    return int(m_reversed ? ids.size() - 1 - at : at);
}

bool TaskIndex::fetchBlock(int block) const {
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
        readRow(m_blockQuery, fetched.rows[std::size_t(i)]);
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

const TaskIndex::Row* TaskIndex::row(int row) const {
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

int TaskIndex::refreshTask(qint64 taskId) {
    if (!m_project || !m_rowQuery.isValid())
        return -1;
    // One row by its primary key, its status from the annotator's index and
    // its annotators from the task's rows: a keystroke's worth of work, where
    // re-reading the row's block ran the annotators' subquery 256 times.
    Row fresh;
    fresh.id = taskId;
    m_rowQuery.bind(1, m_annotator).bind(2, taskId);
    const bool found = m_rowQuery.next();
    if (found)
        readRow(m_rowQuery, fresh);
    const Status read = m_rowQuery.status();
    m_rowQuery.reset();
    if (!read.ok()) {
        qWarning().noquote()
            << QStringLiteral("task list: reading task %1: %2").arg(taskId).arg(read.error());
        return rowOf(taskId);
    }
    if (m_statuses.loaded())
        m_statuses.set(taskId, fresh.status);
    const int r = rowOf(taskId);
    if (r >= 0) {
        auto block = m_blocks.find(r / kBlockSize);
        if (block != m_blocks.end())
            block->rows[std::size_t(r % kBlockSize)] = std::move(fresh);
    }
    return r;
}

QString TaskIndex::statusName(RowStatus status) {
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

}  // namespace postil

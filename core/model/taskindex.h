#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

#include <QObject>

#include "model/taskidquery.h"
#include "model/taskkind.h"
#include "model/taskpicks.h"
#include "model/taskstatuses.h"
#include "store/database.h"

namespace postil {

class Project;

// Which tasks the task list shows, in which order, and what each row holds:
// the queries behind the studio's task list, with no display in them (the
// words, colours and tooltips are ui/shell/tasklistmodel's). See
// docs/architecture.md "Task list search".
//
// Built to stay instant with a million tasks. A (re)load keeps only the
// matching task ids, in display order, in a std::vector (8 MB for 1M); rows are
// read in blocks of kBlockSize ids with one prepared statement when asked for,
// and a few dozen blocks are kept (least recently used goes first). So the
// first screen reads one block and a jump to row 900,000 reads one more.
//
// The list is computed in stages so that switching a filter or the order
// does not go back to SQL more than it must:
//   candidates  ids matching the text filter, ascending (SQL). The first
//               headRows() matches are read at once, in the direction the
//               list shows them; the rest comes from a TaskIdQuery on its own
//               thread and is appended (rowsAboutToBeAppended) or, when the
//               order mixes them in, replaces the view (aboutToChange).
//   ordered     for the Preview order, the project's ids sorted by preview
//               (read once, on its own thread; until it is there the list
//               shows import order) kept to the candidates.
//   view        with the status filter applied and, for the Status order,
//               grouped by status; reversed for descending order.
// Statuses come from TaskStatuses, read when a status filter or the Status
// order first needs them.
class TaskIndex : public QObject {
    Q_OBJECT
public:
    enum class StatusFilter {
        All,
        Unfinished /* no row, or draft */,
        New /* no live row */,
        Draft,
        Submitted,
        Skipped
    };
    // Id: import order. Status: new, draft, submitted, skipped, import order
    // within a status. Preview: the preview, case-insensitively, then id.
    enum class Order { Id, Status, Preview };
    using RowStatus = TaskStatus;
    struct Row {
        qint64 id = 0;
        QString uid;  // empty when the task is gone since the ids were read
        TaskKind kind = TaskKind::Text;
        QString preview;
        RowStatus status = RowStatus::New;
        QString skipReason;
        // A live row's annotator. A row proposes to the project's annotator
        // when it is another annotator's, not a review, and holds boxes, spans
        // or segments (what the editors offer to copy, e.g. an import's
        // "coco-import" row).
        struct Annotator {
            QString name;
            bool proposes = false;
        };
        // Every live row's annotator (reviews included), sorted case-insensitively.
        QList<Annotator> annotators;
        // The names of those that propose, sorted.
        QStringList proposals;
        // Versions of a row kept from a conflict (sync/conflicts.h) wait to be chosen.
        bool conflicts = false;
    };
    static constexpr int kBlockSize = 256;
    static constexpr int kMaxBlocks = 48;
    // Matches read at once: a few screens, found within milliseconds even
    // when a common word matches a third of a million tasks.
    static constexpr int kHeadRows = 1024;

    explicit TaskIndex(QObject* parent = nullptr);
    ~TaskIndex() override;
    TaskIndex(const TaskIndex&) = delete;
    TaskIndex& operator=(const TaskIndex&) = delete;

    // nullptr clears. Statuses are those of project->annotator(). Call with
    // nullptr before the project is destroyed.
    void setProject(Project* project);
    Project* project() const { return m_project; }
    // Runs the queries again (after an import or a merge). The preview
    // order read before goes on serving, kept to the tasks that still exist,
    // until it is read again.
    void reload();
    // How many matches of a text filter are read on the spot (kHeadRows);
    // tests make it small to see the rest arrive.
    void setHeadRows(int rows) { m_headRows = qMax(1, rows); }
    int headRows() const { return m_headRows; }
    // True while part of the list is read on another thread: the rest of a
    // text filter's matches, or the preview order.
    bool isLoading() const;
    // Waits for those reads and applies them now (tests, benchmarks).
    void finishLoading();

    void setStatusFilter(StatusFilter filter);
    StatusFilter statusFilter() const { return m_statusFilter; }
    // Case-insensitive substring of the whole task text (text, query, prompt,
    // responses, media path) or the task uid; three characters or more use
    // the trigram index (docs/architecture.md "Task list search").
    void setTextFilter(const QString& text);
    QString textFilter() const { return m_textFilter; }
    // Tasks by everyone's rows: conflicts, disagreements, reviewed or not, by
    // one annotator (model/taskpicks). Read from the file when set and at
    // each reload; a task edited since keeps its row until the next reload.
    void setPick(const TaskPick& pick);
    const TaskPick& pick() const { return m_pick; }
    void setOrder(Order order, bool descending);
    Order order() const { return m_order; }
    bool descending() const { return m_descending; }

    // Rows in the current filter and order.
    int size() const { return int(m_view->size()); }
    // 0 if out of range.
    qint64 taskId(int row) const;
    // -1 if not in the current filter.
    int rowOf(qint64 taskId) const;
    // The row's task, read with its block when not cached; nullptr when out
    // of range or the read failed.
    const Row* row(int row) const;
    // Re-reads one task after an edit: its status, skip reason and
    // annotators, one indexed query for the one task (its cached row is
    // replaced, its block is not read again). Returns its row, -1 when it is
    // not listed. A row that no longer matches the status filter stays until
    // the next reload, so the row the user is on does not vanish under them.
    int refreshTask(qint64 taskId);

    // All tasks of the project, whatever the filter.
    qint64 totalTasks() const { return m_total; }
    // The last database error, empty when the last load went well.
    QString lastError() const { return m_lastError; }
    // How many blocks were read from the file since the project was set; for
    // tests and benchmarks that check the list stays lazy.
    qint64 blocksFetched() const { return m_blocksFetched; }

    // "new", "draft", "submitted", "skipped": the names the file uses.
    static QString statusName(RowStatus status);

Q_SIGNALS:
    // A read on another thread arrived and the whole view changes: a model
    // resets between the two.
    void aboutToChange();
    void changed();
    // The rest of a text filter's matches go after the rows shown, in the
    // same order: rows first..last are new, nothing else moves.
    void rowsAboutToBeAppended(int first, int last);
    void rowsAppended();
    // isLoading() changed.
    void loadingChanged(bool loading);

private:
    struct Block {
        std::vector<Row> rows;  // in view order; a row whose task is gone keeps id only
        quint64 lastUse = 0;
    };

    void clear();
    void load();
    void rebuild(bool candidatesChanged);
    bool loadCandidates();
    bool loadAllIds();
    TaskIdQuery::Request searchRequest(bool descending, std::optional<qint64> bound) const;
    void onRestArrived();
    void needPreviewOrder();
    void onPreviewOrderArrived();
    bool previewOrdered() const;
    quint8 neededStatuses() const;
    void buildView();
    std::vector<qint64> statusFiltered(const std::vector<qint64>& ascending) const;
    bool matches(RowStatus status) const;
    // Ready: the pick's tasks are known; Reading: its query runs on its own
    // thread (the view is empty until it arrives); Failed: see lastError().
    enum class PickState { Ready, Reading, Failed };
    PickState loadPick();
    void onPickArrived();
    void setPickIds(std::vector<qint64> ids, bool inverted);
    bool picked(qint64 id) const {
        const qint64 at = id - m_pickFirst;
        const bool listed =
            at >= 0 && at < qint64(m_pickBits.size()) && m_pickBits[std::size_t(at)];
        return listed != m_pickInverted;
    }
    qint64 idAt(std::size_t row) const {
        return (*m_view)[m_reversed ? m_view->size() - 1 - row : row];
    }
    bool fetchBlock(int block) const;
    void fail(const QString& what, const QString& error);
    void reportLoaded();

    Project* m_project = nullptr;
    QString m_annotator;
    StatusFilter m_statusFilter = StatusFilter::All;
    QString m_textFilter;
    Order m_order = Order::Id;
    bool m_descending = false;
    int m_headRows = kHeadRows;

    qint64 m_total = 0;
    bool m_candidatesValid = false;
    std::vector<qint64> m_candidates;  // ascending ids
    // The rest of the text filter's matches is being read: ids after
    // m_candidates' last (or, when the head was read descending, before its
    // first).
    TaskIdQuery m_rest;
    bool m_headDescending = false;
    // Every task id in preview order; m_previewFresh once read since the
    // last reload (a stale one serves until then, kept to the candidates).
    TaskIdQuery m_previewQuery;
    std::vector<qint64> m_previewOrder;
    bool m_previewRead = false;
    bool m_previewFresh = false;
    std::vector<qint64> m_ordered;   // the candidates in preview order, when filtered
    std::vector<qint64> m_filtered;  // the status filter's and Status order's list
    // The view: rows show m_view's ids, from the back when m_reversed. With
    // no status filter it is the candidates (or the preview order)
    // themselves, so a million ids are neither copied nor reversed.
    const std::vector<qint64>* m_view = &m_filtered;
    bool m_reversed = false;
    bool m_viewById = false;  // *m_view ascends by id: rowOf() searches in halves

    TaskStatuses m_statuses;
    // The pick's tasks as one bit per id from m_pickFirst (a million ids in
    // 128 kB, looked up in O(1) whatever the order); inverted for "not".
    TaskPick m_pick;
    TaskIdQuery m_pickQuery;
    bool m_pickRead = false;
    bool m_pickInverted = false;
    qint64 m_pickFirst = 0;
    std::vector<bool> m_pickBits;
    bool m_reportedLoading = false;  // what loadingChanged() said last

    mutable Statement m_blockQuery;
    Statement m_rowQuery;
    mutable QHash<int, Block> m_blocks;
    mutable quint64 m_useClock = 0;
    mutable qint64 m_blocksFetched = 0;
    QString m_lastError;
};

}  // namespace postil

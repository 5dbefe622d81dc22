#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QString>
#include <optional>
#include <vector>

#include "model/annotation.h"
#include "model/taskkind.h"
#include "store/database.h"

namespace postil {

class Project;

// The studio's task list: a lazy table over the tasks of one project, with the
// statuses of the project's annotator.
//
// Built to stay instant with a million tasks. A (re)load keeps only the
// matching task ids, in display order, in a std::vector (8 MB for 1M); rows are
// read in blocks of kBlockSize ids with one prepared statement when a view asks
// for them, and a few dozen blocks are kept (least recently used goes first).
// So the first screen reads one block and a jump to row 900,000 reads one more.
//
// The list is computed in two stages so that switching the status filter does
// not go back to SQL:
//   candidates  ids matching the text filter, in id or preview order (SQL);
//   view        candidates with the status filter applied and, for the Status
//               column, grouped by status; reversed for descending order.
// Statuses come from a sorted id -> status index of the annotator's live rows,
// read when a status filter or the Status sort first needs them.
class TaskListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { IdColumn, StatusColumn, AnnotatorsColumn, PreviewColumn, ColumnCount };
    enum class StatusFilter {
        All,
        Unfinished /* no row, or draft */,
        New /* no live row */,
        Draft,
        Submitted,
        Skipped
    };
    enum Role {
        TaskIdRole = Qt::UserRole + 1,
        TaskUidRole,
        StatusRole /* "new","draft","submitted","skipped" */,
        KindRole,
        // The annotators proposing boxes for the task (QStringList): others'
        // live rows with boxes, such as an import's "coco-import" row. The
        // Annotators column marks them "(proposal)".
        ProposalSourcesRole
    };
    static constexpr int kBlockSize = 256;
    static constexpr int kMaxBlocks = 48;

    explicit TaskListModel(QObject* parent = nullptr);
    ~TaskListModel() override;

    // nullptr clears. Statuses are those of project->annotator(). Call with
    // nullptr before the project is destroyed.
    void setProject(Project* project);
    Project* project() const { return m_project; }

    void setStatusFilter(StatusFilter filter);
    StatusFilter statusFilter() const { return m_statusFilter; }
    // Case-insensitive substring of the whole task text (text, query, prompt,
    // responses, media path) or the task uid; three characters or more use
    // the trigram index (docs/architecture.md "Task list search").
    void setTextFilter(const QString& text);
    QString textFilter() const { return m_textFilter; }
    // Id (import order), Status (new, draft, submitted, skipped; import order
    // within a status) and Preview. Other columns leave the order as it is.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    static bool isSortable(int column);
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    // The Status column's word for an annotation state ("New" when there is
    // no live row), so the window title and the list always agree.
    static QString statusLabel(bool exists, AnnotationStatus status);

    // 0 if out of range.
    qint64 taskId(int row) const;
    // -1 if not in the current filter.
    int rowOf(qint64 taskId) const;
    // Re-reads one task after an edit and emits dataChanged. A row that no
    // longer matches the status filter stays until reload(), so the row the
    // user is on does not vanish under them.
    void refreshTask(qint64 taskId);
    // Runs the query again (after an import or a merge).
    void reload();
    // All tasks of the project, whatever the filter.
    qint64 totalTasks() const { return m_total; }
    // The last database error, empty when the last load went well.
    QString lastError() const { return m_lastError; }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // How many blocks were read from the file since the project was set; for
    // tests and benchmarks that check the model stays lazy.
    qint64 blocksFetched() const { return m_blocksFetched; }

private:
    enum class RowStatus : quint8 { New, Draft, Submitted, Skipped };
    struct Row {
        qint64 id = 0;
        QString uid;
        TaskKind kind = TaskKind::Text;
        QString preview;
        RowStatus status = RowStatus::New;
        QString skipReason;
        QString annotators;
        QStringList proposals;  // sources of proposed boxes, sorted
    };
    struct Block {
        std::vector<Row> rows;  // in view order; a row whose task is gone keeps id only
        quint64 lastUse = 0;
    };

    void rebuild(bool candidatesChanged);
    bool loadCandidates();
    bool loadAllIds();
    quint8 neededStatuses() const;
    bool loadStatuses(quint8 mask);
    void buildView();
    bool matches(RowStatus status) const;
    qint64 idAt(std::size_t row) const {
        return (*m_view)[m_reversed ? m_view->size() - 1 - row : row];
    }
    RowStatus indexedStatus(qint64 id) const;
    void setIndexedStatus(qint64 id, RowStatus status);
    const Row* row(int row) const;
    bool fetchBlock(int block) const;
    // Fills the row's annotator list from a block's "name[\x1e]\x1f…" list.
    static void readAnnotators(const QString& list, Row& r);
    void fail(const QString& what, const QString& error);

    static QString statusName(RowStatus status);
    static QString statusLabel(RowStatus status);
    QString longPreview(qint64 taskId) const;

    Project* m_project = nullptr;
    QString m_annotator;
    StatusFilter m_statusFilter = StatusFilter::All;
    QString m_textFilter;
    int m_sortColumn = IdColumn;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;

    qint64 m_total = 0;
    bool m_candidatesValid = false;
    bool m_candidatesById = true;  // candidates are in ascending id order
    std::vector<qint64> m_candidates;
    std::vector<qint64> m_filtered;  // candidates of the status filter, when there is one
    // The view: rows show m_view's ids, from the back when m_reversed. With
    // no status filter it is the candidates themselves, so a million ids are
    // neither copied nor reversed.
    const std::vector<qint64>* m_view = &m_filtered;
    bool m_reversed = false;
    bool m_viewById = false;  // *m_view ascends by id: rowOf() searches in halves

    // The annotator's live rows of the statuses read so far (bits 1 << status
    // in m_statusLoaded), sorted by task id. A task without an entry is new,
    // or has a status not read yet; each filter reads only the statuses it
    // tells apart (Unfinished needs submitted and skipped, Draft only drafts).
    struct StatusEntry {
        qint64 id;
        RowStatus status;
    };
    quint8 m_statusLoaded = 0;
    std::vector<StatusEntry> m_statuses;

    mutable Statement m_blockQuery;
    mutable QHash<int, Block> m_blocks;
    mutable quint64 m_useClock = 0;
    mutable qint64 m_blocksFetched = 0;
    QString m_lastError;
};

}  // namespace postil

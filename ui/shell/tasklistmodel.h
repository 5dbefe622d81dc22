#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QString>

#include "model/annotation.h"
#include "model/taskindex.h"

namespace postil {

class Project;

// The studio's task list as a table: the columns, words, colours and
// tooltips over a TaskIndex, which holds the queries (docs/architecture.md
// "Task list search"). Every change of filter or order is a model reset, and
// so is a read from another thread that arrives (the preview order, or the
// rest of a search when the order mixes it in); the rest of a search in
// import order is rows inserted after the last. A task's edit is one row's
// dataChanged.
class TaskListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { IdColumn, StatusColumn, AnnotatorsColumn, PreviewColumn, ColumnCount };
    using StatusFilter = TaskIndex::StatusFilter;
    enum Role {
        TaskIdRole = Qt::UserRole + 1,
        TaskUidRole,
        StatusRole /* "new","draft","submitted","skipped" */,
        KindRole,
        // The annotators proposing boxes for the task (QStringList): others'
        // live rows with boxes, such as an import's "coco-import" row. The
        // Annotators column marks them "(proposal)".
        ProposalSourcesRole,
        // True when versions of a row are kept from a conflict (sync by
        // files): the Status column marks the task.
        ConflictRole
    };

    explicit TaskListModel(QObject* parent = nullptr);
    ~TaskListModel() override;

    // nullptr clears. Statuses are those of project->annotator(). Call with
    // nullptr before the project is destroyed.
    void setProject(Project* project);
    Project* project() const { return m_index.project(); }

    void setStatusFilter(StatusFilter filter);
    StatusFilter statusFilter() const { return m_index.statusFilter(); }
    // See TaskIndex::setTextFilter.
    void setTextFilter(const QString& text);
    QString textFilter() const { return m_index.textFilter(); }
    // See TaskIndex::setPick.
    void setPick(const TaskPick& pick);
    const TaskPick& pick() const { return m_index.pick(); }
    // Id (import order), Status (new, draft, submitted, skipped; import order
    // within a status) and Preview. Other columns leave the order as it is.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    static bool isSortable(int column);
    int sortColumn() const;
    Qt::SortOrder sortOrder() const;

    // The Status column's word for an annotation state ("New" when there is
    // no live row), so the window title and the list always agree.
    static QString statusLabel(bool exists, AnnotationStatus status);

    // 0 if out of range.
    qint64 taskId(int row) const { return m_index.taskId(row); }
    // -1 if not in the current filter.
    int rowOf(qint64 taskId) const { return m_index.rowOf(taskId); }
    // Re-reads one task after an edit and emits dataChanged for its row (see
    // TaskIndex::refreshTask).
    void refreshTask(qint64 taskId);
    // Runs the query again (after an import or a merge).
    void reload();
    // All tasks of the project, whatever the filter.
    qint64 totalTasks() const { return m_index.totalTasks(); }
    // The last database error, empty when the last load went well.
    QString lastError() const { return m_index.lastError(); }
    // Blocks of rows read from the file since the project was set.
    qint64 blocksFetched() const { return m_index.blocksFetched(); }
    const TaskIndex& taskIndex() const { return m_index; }
    // Part of the list is still read on another thread (the rest of a
    // search's matches, the preview order); the rows shown can be used.
    bool isLoading() const { return m_index.isLoading(); }
    // Waits for it and applies it now (tests, benchmarks).
    void finishLoading() { m_index.finishLoading(); }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    void loadingChanged(bool loading);

private:
    using RowStatus = TaskIndex::RowStatus;
    static QString statusLabel(RowStatus status);
    // What a task of this kind proposes: "Proposed boxes", spans or segments.
    static QString proposedWhat(TaskKind kind);
    static QString annotatorsText(const TaskIndex::Row& row);
    // A model's drafts propose parts of the task (the status column's ✦).
    static bool hasModelProposals(const TaskIndex::Row& row);
    QString longPreview(qint64 taskId) const;

    TaskIndex m_index;
};

}  // namespace postil

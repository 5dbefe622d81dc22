#pragma once

#include <QWidget>
#include <optional>

#include "model/taskkind.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QTableView;
class QTimer;

namespace postil {

class Project;
class TaskListModel;
class TaskPickBox;

// The project's task list beside the editor: a status filter, a search box,
// the lazy table of tasks and how many of them show. Picking a row (mouse or
// keyboard) emits currentTaskChanged; the selected task stays selected across
// filter and sort changes while it is still listed.
class ProjectPanel : public QWidget {
    Q_OBJECT
public:
    explicit ProjectPanel(QWidget* parent = nullptr);
    ~ProjectPanel() override;

    void setProject(Project* project);
    // Selects and scrolls to the task without emitting currentTaskChanged.
    void selectTask(qint64 taskId);
    // 0 when none.
    qint64 currentTaskId() const;
    // The task 'step' rows away (+1 next, -1 previous) in the list's current
    // order and filter; nullopt past either end. For a task not in the list,
    // +1 gives the first row and -1 the last. With 'kind', rows of other
    // kinds are passed over.
    std::optional<qint64> neighbourTask(qint64 taskId, int step,
                                        std::optional<TaskKind> kind = std::nullopt) const;
    // The tasks selected in the list (Shift and Ctrl extend it), in list order.
    QList<qint64> selectedTaskIds() const;
    void refreshTask(qint64 taskId);
    void reload();
    void focusFilter();
    TaskListModel* model() const { return m_model; }

    QTableView* view() const { return m_view; }
    QComboBox* statusFilterBox() const { return m_status; }
    TaskPickBox* pickBox() const { return m_pick; }
    QLineEdit* filterEdit() const { return m_filter; }
    QLabel* countLabel() const { return m_count; }

Q_SIGNALS:
    // The user selected a row (mouse or keyboard).
    void currentTaskChanged(qint64 taskId);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void fitColumns();
    void applyTextFilter();
    void onCurrentRowChanged(int row);
    void onSortIndicatorChanged(int column, Qt::SortOrder order);
    void rememberSelection();
    void restoreSelection();
    void updateCount();
    void updatePlaceholder();

    TaskListModel* m_model;
    QComboBox* m_status;
    TaskPickBox* m_pick;
    QLineEdit* m_filter;
    QTimer* m_filterTimer;
    QTableView* m_view;
    QLabel* m_count;
    // The task that is selected: kept across model resets, which drop the
    // view's selection.
    qint64 m_selectedTask = 0;
    bool m_restoring = false;
};

}  // namespace postil

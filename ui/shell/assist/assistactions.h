#pragma once

#include <QList>
#include <QObject>
#include <QPointer>
#include <functional>

#include "assist/assistrun.h"

class QAction;
class QDialog;
class QMenu;
class QWidget;

namespace postil {

class AssistSummaryDialog;
class Project;

// The studio's Assist menu (docs/architecture.md §15): runs the project's
// models on the current task, the selected tasks or every unfinished task,
// on a worker thread with a connection of its own (ProjectJob: progress,
// Cancel, the window keeps painting), then shows what happened per task in
// an AssistSummaryDialog. The work is core/assist's runAssist; this class
// only chooses the tasks and the models and reports.
class AssistActions : public QObject {
    Q_OBJECT
public:
    enum class Scope { CurrentTask, SelectedTasks, UnfinishedTasks };

    // What the window lends the menu. Before a run the studio closes its task
    // (so no editor writes while the run holds the write lock) and stops
    // watching the file; after it, it reloads the list and reopens the task.
    struct Host {
        std::function<Project*()> project;
        std::function<qint64()> currentTask;           // 0: none
        std::function<QList<qint64>()> selectedTasks;  // in list order
        std::function<void()> beforeRun;
        std::function<void(qint64 reopenTask)> afterRun;
    };

    // What one model did in a run.
    struct ModelRun {
        QString model;
        qint64 selected = 0;  // tasks it was run on
        qint64 otherKinds = 0;
        qint64 finished = 0;  // left out: the annotator had finished them
        AssistReport report;
        QString error;  // the run could not go on (the project could not be written)
    };
    struct Outcome {
        QList<ModelRun> runs;
        bool cancelled = false;
        QString problem;  // nothing ran: why (no model, no task)
    };

    AssistActions(QWidget* window, Host host);

    // The Assist menu's actions, in order (Keymap ids "assist.*").
    QList<QAction*> actions() const { return m_actions; }
    void fillMenu(QMenu* menu) const;
    // Runs and then opens the summary (window-modal, not waited for).
    Outcome run(Scope scope);
    // The summary of the last run; null before one.
    AssistSummaryDialog* summary() const;

private:
    Outcome runModels(Project& project, const QList<AssistModel>& models, Scope scope,
                      const QList<qint64>& tasks);

    QWidget* m_window;
    Host m_host;
    QList<QAction*> m_actions;
    QPointer<QDialog> m_summary;
};

}  // namespace postil

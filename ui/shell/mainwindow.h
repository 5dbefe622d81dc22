#pragma once

#include <QMainWindow>
#include <QPointer>
#include <memory>

#include "model/annotation.h"

class QDockWidget;
class QMenu;

namespace postil {

class GuidelinesPanel;
class ReviewPanel;
class Project;
class ProjectPanel;
class ProjectWatcher;
class ProgressLine;
class QualityDashboard;
class TaskWorkspace;
class WindowLayout;

// The studio's window: wires the project panel, the task workspace, the
// guidelines and the menus together. The work happens in those pieces; this
// class only routes actions to them.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    bool openProject(const QString& path);
    // On the first run: asks the annotator's name, prefilled with the OS
    // user, since every annotation row carries it.
    // The name proposed is the one a hand-out pack at 'projectPath' was made
    // for, else the system's user name.
    void askNameOnFirstRun(const QString& projectPath = QString());
    Project* project() const { return m_project.get(); }
    ProjectPanel* projectPanel() const { return m_panel; }
    TaskWorkspace* workspace() const { return m_workspace; }

    // Imports 'paths' as File ▸ Import does once the files are chosen: on a
    // worker thread, with progress and Cancel; the task list shows the new
    // tasks after it.
    void importFiles(const QStringList& paths, const QString& format = QStringLiteral("auto"));
    // File ▸ Export: the Export dialog, then the export on a worker thread.
    void exportProject();
    // File ▸ Merge Packs once the packs are chosen: as an import runs (the
    // task closed, a worker, Cancel), then the summary and the reload.
    void mergePacks(const QStringList& paths);

    // Navigation, as the Task menu does it.
    void goToTask(qint64 taskId);
    void nextTask();
    void previousTask();
    void nextUnfinishedTask();
    void submitTask();
    void skipTask(const QString& reason);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void createActions();
    void closeProject();
    void watchProject();
    void newProject();
    void openProjectDialog();
    void rebuildRecentMenu();
    void askSkipReason();
    void changeAnnotatorName();
    void showProjectSettings();
    void showHelpSheet();
    // View ▸ Quality Dashboard: the window of ui/dashboard, one per project.
    void showQualityDashboard();
    void updateTitle();
    void createSyncActions(QMenu* file);
    void onDocumentChanged();
    void showError(const QString& message);
    // Goes 'step' rows along the task list, among tasks of the current kind
    // only when 'sameKind'.
    void stepTask(int step, bool sameKind);

    std::unique_ptr<Project> m_project;
    std::unique_ptr<ProjectWatcher> m_watcher;
    ProjectPanel* m_panel;
    TaskWorkspace* m_workspace;
    GuidelinesPanel* m_guidelines;
    QDockWidget* m_guidelinesDock;
    ReviewPanel* m_review;
    QDockWidget* m_reviewDock;
    bool m_reviewDockSized = false;
    ProgressLine* m_progress;
    WindowLayout* m_layout = nullptr;
    QMenu* m_recentMenu = nullptr;
    QPointer<QualityDashboard> m_dashboard;  // closed with its project
    // The open project is a hand-out pack made for this annotator (empty: not a pack).
    QString m_packFor;
    QList<QAction*> m_projectActions;  // enabled only while a project is open
    QList<QAction*> m_writingActions;  // of those, the ones that change the project
    // What the task list and the progress line last showed of the current
    // task: a write that changes none of it (typing, active time) reads nothing.
    struct ListedState {
        qint64 taskId = 0;
        bool exists = false;
        int status = 0;
        QString skipReason;
        bool operator==(const ListedState&) const = default;
        // What the progress line counts: submitted or skipped, else -1.
        int finishedAs() const {
            const bool finished = exists && (status == int(AnnotationStatus::Submitted) ||
                                             status == int(AnnotationStatus::Skipped));
            return finished ? status : -1;
        }
    };
    ListedState m_listed;
};

}  // namespace postil

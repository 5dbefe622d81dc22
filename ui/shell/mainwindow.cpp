#include "shell/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QUndoGroup>

#include "dashboard/qualitydashboard.h"
#include "document/taskdocument.h"
#include "editors/taskeditor.h"
#include "keys/keymap.h"
#include "model/identity.h"
#include "model/project.h"
#include "model/projectwatcher.h"
#include "review/reviewpanel.h"
#include "shell/assist/assistactions.h"
#include "shell/datatransfer.h"
#include "shell/focusreturn.h"
#include "shell/helpsheet.h"
#include "shell/newprojectdialog.h"
#include "shell/progressline.h"
#include "shell/projectpanel.h"
#include "shell/projectsettingsdialog.h"
#include "shell/recentprojects.h"
#include "shell/shortcutsdialog.h"
#include "shell/statsdialog.h"
#include "shell/sync/taskpickbox.h"
#include "shell/sync/worksync.h"
#include "shell/tasklistmodel.h"
#include "shell/taskworkspace.h"
#include "shell/windowlayout.h"
#include "sync/packfiles.h"
#include "sync/packmanifest.h"
#include "widgets/guidelinespanel.h"

namespace postil {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      m_panel(new ProjectPanel(this)),
      m_workspace(new TaskWorkspace(this)),
      m_guidelines(new GuidelinesPanel(this)),
      m_guidelinesDock(new QDockWidget(tr("Guidelines"), this)),
      m_review(new ReviewPanel(this)),
      m_reviewDock(new QDockWidget(tr("Review"), this)),
      m_progress(new ProgressLine(this)) {
    setObjectName(QStringLiteral("MainWindow"));
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_panel);
    splitter->addWidget(m_workspace);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->setStretchFactor(0, 0);  // a wider window widens the editor
    splitter->setStretchFactor(1, 1);
    setCentralWidget(splitter);

    m_guidelinesDock->setObjectName(QStringLiteral("guidelinesDock"));
    m_guidelinesDock->setWidget(m_guidelines);
    addDockWidget(Qt::RightDockWidgetArea, m_guidelinesDock);
    // The lead's review (docs/architecture.md "Review"): hidden until asked for.
    m_reviewDock->setObjectName(QStringLiteral("reviewDock"));
    m_reviewDock->setWidget(m_review);
    addDockWidget(Qt::BottomDockWidgetArea, m_reviewDock);
    m_reviewDock->hide();
    connect(
        m_reviewDock, &QDockWidget::dockLocationChanged, m_review, [this](Qt::DockWidgetArea area) {
            m_review->setWide(area == Qt::BottomDockWidgetArea || area == Qt::TopDockWidgetArea);
        });
    connect(m_review, &ReviewPanel::reviewed, this, [this] { m_panel->reload(); });
    connect(m_review, &ReviewPanel::failed, this, &MainWindow::showError);
    connect(m_review, &ReviewPanel::reloadTaskRequested, this, [this] {
        if (const TaskDocument* doc = m_workspace->document()) {
            const qint64 id = doc->task().id;
            m_workspace->closeTask();
            goToTask(id);
        }
    });
    connect(m_reviewDock, &QDockWidget::visibilityChanged, m_review, [this](bool shown) {
        // Its first showing under the editor: a third of the window's height.
        if (shown && !m_reviewDockSized &&
            dockWidgetArea(m_reviewDock) == Qt::BottomDockWidgetArea) {
            m_reviewDockSized = true;
            resizeDocks({m_reviewDock}, {height() / 3}, Qt::Vertical);
        }
        if (shown && m_workspace->document())
            m_review->showTask(m_workspace->document()->task());
    });
    statusBar()->addPermanentWidget(m_progress);

    connect(m_panel, &ProjectPanel::currentTaskChanged, this, &MainWindow::goToTask);
    connect(m_workspace, &TaskWorkspace::documentChanged, this, &MainWindow::onDocumentChanged);
    connect(m_workspace, &TaskWorkspace::saveFailed, this, &MainWindow::showError);
    connect(m_workspace, &TaskWorkspace::navigateRequested, this,
            [this](int step) { stepTask(step, false); });
    connect(m_workspace, &TaskWorkspace::navigateWithinKindRequested, this,
            [this](int step) { stepTask(step, true); });
    connect(m_workspace, &TaskWorkspace::notice, this,
            [this](const QString& text) { statusBar()->showMessage(text, 15000); });
    connect(m_workspace, &TaskWorkspace::submitRequested, this, &MainWindow::submitTask);
    connect(m_workspace, &TaskWorkspace::conflictSettled, this,
            [this](qint64 taskId) { m_panel->refreshTask(taskId); });
    createActions();
    new FocusReturn(this, [this] { m_workspace->focusEditor(); });

    m_layout = new WindowLayout(this, splitter, m_workspace->splitter(), m_panel, m_guidelinesDock);
    m_layout->restore();
    updateTitle();
}

MainWindow::~MainWindow() {
    closeProject();
}

void MainWindow::createActions() {
    Keymap& keys = Keymap::instance();
    auto action = [&](const QString& id, auto slot, bool needsProject = true) {
        QAction* a = keys.createAction(id, this);
        connect(a, &QAction::triggered, this, slot);
        if (needsProject)
            m_projectActions << a;
        addAction(a);
        return a;
    };
    // Actions that change the project: off while it is read-only.
    auto writing = [this](QAction* a) {
        m_writingActions << a;
        return a;
    };

    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(action(QStringLiteral("file.new"), &MainWindow::newProject, false));
    file->addAction(action(QStringLiteral("file.open"), &MainWindow::openProjectDialog, false));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    file->addSeparator();
    file->addAction(writing(action(QStringLiteral("file.import"), [this] {
        importFiles(DataTransfer::askImportPaths(this, *m_project, false));
    })));
    QAction* importFolder = file->addAction(tr("Import &Folder…"), this, [this] {
        importFiles(DataTransfer::askImportPaths(this, *m_project, true));
    });
    m_projectActions << importFolder;
    m_writingActions << importFolder;
    file->addAction(action(QStringLiteral("file.export"), &MainWindow::exportProject));
    createSyncActions(file);
    file->addSeparator();
    file->addAction(
        writing(action(QStringLiteral("file.settings"), &MainWindow::showProjectSettings)));
    file->addAction(tr("Your &Name…"), this, &MainWindow::changeAnnotatorName);
    file->addAction(action(
        QStringLiteral("file.shortcuts"),
        [this] {
            ShortcutsDialog dialog(this);
            dialog.exec();
        },
        false));
    file->addSeparator();
    file->addAction(action(QStringLiteral("file.quit"), &QWidget::close, false));

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_workspace->undoGroup()->createUndoAction(this, tr("&Undo"));
    QAction* redo = m_workspace->undoGroup()->createRedoAction(this, tr("&Redo"));
    keys.bind(undo, QStringLiteral("edit.undo"));
    keys.bind(redo, QStringLiteral("edit.redo"));
    edit->addAction(undo);
    edit->addAction(redo);

    QMenu* task = menuBar()->addMenu(tr("&Task"));
    task->addAction(action(QStringLiteral("task.previous"), &MainWindow::previousTask));
    task->addAction(action(QStringLiteral("task.next"), &MainWindow::nextTask));
    task->addAction(action(QStringLiteral("task.nextUnfinished"), &MainWindow::nextUnfinishedTask));
    task->addSeparator();
    task->addAction(writing(action(QStringLiteral("task.submit"), &MainWindow::submitTask)));
    task->addAction(writing(action(QStringLiteral("task.skip"), &MainWindow::askSkipReason)));

    // Model assist (shell/assist): the run closes the task and reopens it after.
    auto* assist = new AssistActions(
        this, {[this] { return m_project.get(); }, [this] { return m_panel->currentTaskId(); },
               [this] { return m_panel->selectedTaskIds(); },
               [this] {
                   m_watcher.reset();
                   m_workspace->closeTask();
               },
               [this](qint64 taskId) {
                   watchProject();
                   m_panel->reload();
                   if (taskId)
                       goToTask(taskId);
               }});
    assist->fillMenu(menuBar()->addMenu(tr("&Assist")));
    m_projectActions << assist->actions();
    m_writingActions << assist->actions();

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(action(QStringLiteral("view.filter"), [this] { m_panel->focusFilter(); }));
    view->addAction(action(QStringLiteral("view.editor"), [this] { m_workspace->focusEditor(); }));
    view->addAction(action(QStringLiteral("view.stats"), [this] {
        StatsDialog dialog(*m_project, this);
        dialog.exec();
    }));
    QAction* review = m_reviewDock->toggleViewAction();
    keys.bind(review, QStringLiteral("view.review"));
    view->addAction(review);
    view->addAction(action(QStringLiteral("view.dashboard"), &MainWindow::showQualityDashboard));
    QAction* guidelines = m_guidelinesDock->toggleViewAction();
    keys.bind(guidelines, QStringLiteral("view.guidelines"));
    view->addAction(guidelines);
    QAction* focusMode = keys.createAction(QStringLiteral("view.focusMode"), this);
    focusMode->setCheckable(true);
    connect(focusMode, &QAction::toggled, this, [this](bool on) {
        m_layout->setFocusMode(on);
        m_workspace->focusEditor();
    });
    addAction(focusMode);
    view->addAction(focusMode);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(action(QStringLiteral("help.sheet"), &MainWindow::showHelpSheet, false));
    action(QStringLiteral("help.sheet.alt"), &MainWindow::showHelpSheet, false);
    help->addAction(tr("&About Postil"), this, [this] {
        QMessageBox::about(this, tr("About Postil"),
                           tr("<b>Postil %1</b><p>Offline annotation and AI evaluation studio. "
                              "Every edit is saved to the project file as you make it.</p>")
                               .arg(QStringLiteral(POSTIL_VERSION)));
    });

    QToolBar* bar = addToolBar(tr("Task"));
    bar->setObjectName(QStringLiteral("taskToolBar"));
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    // Short labels on the toolbar; the menus keep the full text.
    const std::pair<const char*, QString> toolbarActions[] = {
        {"task.previous", tr("◀ Previous")},
        {"task.next", tr("Next ▶")},
        {"task.nextUnfinished", tr("Next unfinished")},
        {"task.submit", tr("✔ Submit")},
        {"task.skip", tr("Skip…")}};
    for (const auto& [id, label] : toolbarActions)
        for (QAction* a : std::as_const(m_projectActions))
            if (a->objectName() == QLatin1String(id)) {
                a->setIconText(label);
                a->setToolTip(QStringLiteral("%1 (%2)").arg(
                    a->text(), a->shortcut().toString(QKeySequence::NativeText)));
                bar->addAction(a);
            }
    for (QAction* a : std::as_const(m_projectActions))
        a->setEnabled(false);
}

void MainWindow::createSyncActions(QMenu* file) {
    // Sync by files (docs/architecture.md "Sync by files"); the work is WorkSync's.
    file->addSeparator();
    QAction* handOut = file->addAction(tr("&Hand Out Work…"), this, [this] {
        if (m_project)
            WorkSync::handOut(this, *m_project);
    });
    QAction* sendBack = file->addAction(tr("Send &Back My Work…"), this, [this] {
        if (m_project)
            WorkSync::sendBack(this, *m_project);
    });
    QAction* merge = file->addAction(tr("&Merge Packs…"), this, [this] {
        if (m_project)
            mergePacks(WorkSync::askMergePaths(this, *m_project, false));
    });
    QAction* mergeFolder = file->addAction(tr("Merge an Inbo&x Folder…"), this, [this] {
        if (m_project)
            mergePacks(WorkSync::askMergePaths(this, *m_project, true));
    });
    handOut->setObjectName(QStringLiteral("file.handOut"));
    sendBack->setObjectName(QStringLiteral("file.sendBack"));
    merge->setObjectName(QStringLiteral("file.merge"));
    mergeFolder->setObjectName(QStringLiteral("file.mergeFolder"));
    m_projectActions << handOut << sendBack << merge << mergeFolder;
    m_writingActions << merge << mergeFolder;
}

void MainWindow::mergePacks(const QStringList& paths) {
    if (!m_project || paths.isEmpty())
        return;
    // As an import (importFiles): the merge commits on the job's connection.
    m_watcher.reset();
    const qint64 taskId = m_workspace->document() ? m_workspace->document()->task().id : 0;
    m_workspace->closeTask();
    bool showConflicts = false;
    const auto outcome = WorkSync::mergePacks(this, *m_project, paths, &showConflicts);
    if (outcome == WorkSync::Outcome::Changed) {
        openProject(m_project->path());
    } else {
        watchProject();
    }
    if (showConflicts) {
        TaskPick conflicts;
        conflicts.kind = TaskPick::Kind::Conflicts;
        m_panel->pickBox()->setPick(conflicts);
        if (m_panel->model()->rowCount() > 0)
            goToTask(m_panel->model()->taskId(0));
        return;
    }
    const TaskDocument* shown = m_workspace->document();
    if (taskId && (!shown || shown->task().id != taskId) && m_project->tasks().byId(taskId))
        goToTask(taskId);
}

bool MainWindow::openProject(const QString& path) {
    auto opened = Project::open(path);
    if (!opened.ok()) {
        showError(opened.error());
        QMessageBox::warning(this, tr("Cannot open project"), opened.error());
        return false;
    }
    // A hand-out pack writes as the annotator it was made for and unpacks
    // its media beside it (sync/packfiles.h), as postil-cli does.
    if (Status pack = prepareOpenedPack(**opened); !pack.ok()) {
        showError(pack.error());
        QMessageBox::warning(this, tr("Cannot open the pack"), pack.error());
        return false;
    }
    QString packFor;
    if (auto manifest = PackManifest::read((*opened)->database());
        manifest.ok() && *manifest && (*manifest)->kind == PackManifest::Kind::Out)
        packFor = (*manifest)->forAnnotator;
    const qint64 keepTask =
        m_project && m_project->path() == (*opened)->path() && m_workspace->document()
            ? m_workspace->document()->task().id
            : 0;
    closeProject();
    m_project = std::move(*opened);
    m_packFor = packFor;
    m_panel->setProject(m_project.get());
    m_workspace->setProject(m_project.get());
    m_review->setProject(m_project.get());
    m_progress->setProject(m_project.get(), m_panel->model()->totalTasks());
    // Images in the guidelines are relative to the project's folder.
    m_guidelines->setBaseFolder(m_project->folder().absolutePath());
    m_guidelines->setMarkdown(m_project->schema().guidelines);
    // Read-only: only what reads (export, statistics, navigation) stays on.
    const bool readOnly = m_project->isReadOnly();
    for (QAction* a : std::as_const(m_projectActions))
        a->setEnabled(!readOnly || !m_writingActions.contains(a));
    RecentProjects::add(m_project->path());
    watchProject();
    // Back where the user left off, else the first task still to do.
    const qint64 lastTask = keepTask ? keepTask : RecentProjects::lastTask(m_project->path());
    if (lastTask && m_project->tasks().byId(lastTask))
        goToTask(lastTask);
    else if (auto first = m_project->nextUnfinishedTask(0, m_project->annotator()))
        goToTask(*first);
    else if (auto any = m_project->tasks().firstId())
        goToTask(*any);
    updateTitle();
    if (!m_packFor.isEmpty())
        statusBar()->showMessage(tr("A hand-out pack for %1: the work is saved in it. When done, "
                                    "File ▸ Send Back My Work.")
                                     .arg(m_packFor),
                                 15000);
    return true;
}

void MainWindow::watchProject() {
    // postil-cli importing or merging while the studio is open: show it.
    m_watcher = std::make_unique<ProjectWatcher>(*m_project);
    connect(m_watcher.get(), &ProjectWatcher::changedElsewhere, this, [this] {
        m_panel->reload();
        m_progress->setProject(m_project.get(), m_panel->model()->totalTasks());
        m_workspace->refreshConflicts();
    });
}

void MainWindow::importFiles(const QStringList& paths, const QString& format) {
    if (!m_project || paths.isEmpty())
        return;
    // The import commits on a connection of its own (docs/architecture.md,
    // "Long work"); the watcher would reload the list for that commit, and
    // the reopening below does it anyway, schema and all.
    m_watcher.reset();
    // The task is closed for the job: what was typed is written now, and no
    // editor writes (typing, time on task) while the job holds the write lock.
    const qint64 taskId = m_workspace->document() ? m_workspace->document()->task().id : 0;
    m_workspace->closeTask();
    const auto outcome = DataTransfer::importPaths(this, *m_project, paths, format);
    if (outcome == DataTransfer::Outcome::Changed) {
        openProject(m_project->path());
        const TaskDocument* shown = m_workspace->document();
        if (taskId && (!shown || shown->task().id != taskId) && m_project->tasks().byId(taskId))
            goToTask(taskId);
        return;
    }
    watchProject();
    if (taskId)
        goToTask(taskId);
    if (outcome == DataTransfer::Outcome::Cancelled)
        statusBar()->showMessage(tr("Import cancelled: nothing was imported."), 8000);
}

void MainWindow::exportProject() {
    if (!m_project)
        return;
    if (DataTransfer::exportInteractive(this, *m_project) == DataTransfer::Outcome::Cancelled)
        statusBar()->showMessage(tr("Export cancelled: nothing was written."), 8000);
}

void MainWindow::showQualityDashboard() {
    if (!m_project)
        return;
    if (!m_dashboard) {
        m_dashboard = new QualityDashboard(*m_project, this);
        m_dashboard->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_dashboard, &QualityDashboard::openTaskRequested, this, [this](qint64 taskId) {
            goToTask(taskId);
            activateWindow();
            raise();
        });
    }
    m_dashboard->show();
    m_dashboard->raise();
    m_dashboard->activateWindow();
}

void MainWindow::closeProject() {
    // The dashboard reads the project being closed.
    delete m_dashboard;
    m_watcher.reset();
    m_workspace->setProject(nullptr);
    m_review->setProject(nullptr);
    m_panel->setProject(nullptr);
    m_progress->setProject(nullptr, 0);
    m_guidelines->setMarkdown(QString());
    m_project.reset();
    m_packFor.clear();
    for (QAction* a : std::as_const(m_projectActions))
        a->setEnabled(false);
}

void MainWindow::newProject() {
    NewProjectDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    auto options = dialog.options();
    if (!options.ok()) {
        QMessageBox::warning(this, tr("Cannot create project"), options.error());
        return;
    }
    auto created = Project::create(dialog.path(), *options);
    if (!created.ok()) {
        QMessageBox::warning(this, tr("Cannot create project"), created.error());
        return;
    }
    const QString path = (*created)->path();
    created->reset();
    openProject(path);
}

void MainWindow::openProjectDialog() {
    const QString dir = m_project ? m_project->folder().path() : QString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open project"), dir,
                                                      tr("Postil projects and packs (*.postil "
                                                         "*.postilpack)"));
    if (!path.isEmpty())
        openProject(path);
}

void MainWindow::rebuildRecentMenu() {
    m_recentMenu->clear();
    const QStringList recent = RecentProjects::list();
    for (const QString& path : recent)
        m_recentMenu->addAction(QFileInfo(path).fileName() + QStringLiteral("  —  ") + path, this,
                                [this, path] { openProject(path); });
    if (recent.isEmpty())
        m_recentMenu->addAction(tr("No recent projects"))->setEnabled(false);
}

void MainWindow::goToTask(qint64 taskId) {
    if (!m_project)
        return;
    if (!m_workspace->openTask(taskId)) {
        showError(tr("Task %1 could not be read from the project.").arg(taskId));
        return;
    }
    m_panel->selectTask(taskId);
    if (m_reviewDock->isVisible() && m_workspace->document())
        m_review->showTask(m_workspace->document()->task());
    RecentProjects::setLastTask(m_project->path(), taskId);
    updateTitle();
}

void MainWindow::nextTask() {
    stepTask(+1, false);
}

void MainWindow::previousTask() {
    stepTask(-1, false);
}

void MainWindow::stepTask(int step, bool sameKind) {
    const TaskDocument* doc = m_workspace->document();
    const qint64 current = doc ? doc->task().id : 0;
    const std::optional<TaskKind> kind =
        sameKind && doc ? std::optional<TaskKind>(doc->task().kind) : std::nullopt;
    if (auto target = m_panel->neighbourTask(current, step, kind))
        goToTask(*target);
    else if (kind)
        statusBar()->showMessage(
            step > 0 ? tr("This is the last %1 task in the list.").arg(toString(*kind))
                     : tr("This is the first %1 task in the list.").arg(toString(*kind)),
            3000);
    else
        statusBar()->showMessage(step > 0 ? tr("This is the last task in the list.")
                                          : tr("This is the first task in the list."),
                                 3000);
}

void MainWindow::nextUnfinishedTask() {
    if (!m_project)
        return;
    const qint64 current = m_workspace->document() ? m_workspace->document()->task().id : 0;
    auto next = m_project->nextUnfinishedTask(current, m_project->annotator());
    if (next && *next != current)
        goToTask(*next);
    else if (!next)
        statusBar()->showMessage(tr("Every task is finished."), 5000);
}

void MainWindow::submitTask() {
    TaskDocument* doc = m_workspace->document();
    if (!doc)
        return;
    // A text answer typed just now counts (a toolbar click takes no focus).
    m_workspace->commitTyping(TaskEditor::Pending::Submit);
    const QStringList missing = doc->missingRequiredAnswers();
    if (!missing.isEmpty()) {
        showError(tr("Answer %1 before submitting.").arg(missing.join(QStringLiteral(", "))));
        return;
    }
    // A task whose media does not decode is rarely meant to be submitted
    // (skipping says "media is broken"): ask, with No as the default.
    const QString problem =
        m_workspace->editor() ? m_workspace->editor()->mediaProblem() : QString();
    if (!problem.isEmpty() &&
        QMessageBox::question(
            this, tr("Submit task"),
            tr("The %1 of %2 does not decode: %3.\n\nSubmit anyway?")
                .arg(toString(doc->task().kind),
                     Task::describe(doc->task().id, doc->task().uid, doc->task().mediaPath()),
                     problem),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No) != QMessageBox::Yes)
        return;
    doc->submit();
    if (doc->state().status == AnnotationStatus::Submitted)
        nextUnfinishedTask();
}

void MainWindow::skipTask(const QString& reason) {
    TaskDocument* doc = m_workspace->document();
    if (!doc)
        return;
    m_workspace->commitTyping(TaskEditor::Pending::Skip);
    doc->skip(reason);
    if (doc->state().status == AnnotationStatus::Skipped)
        nextUnfinishedTask();
}

void MainWindow::askSkipReason() {
    if (!m_workspace->document())
        return;
    const QStringList reasons{tr("Unclear or ambiguous"), tr("Not in a language I read"),
                              tr("Media is broken or missing"), tr("Outside the guidelines"),
                              tr("Needs an expert")};
    bool ok = false;
    const QString reason = QInputDialog::getItem(
        this, tr("Skip task"), tr("Why skip this task? (type your own or pick one)"), reasons, 0,
        true, &ok);
    if (ok && !reason.trimmed().isEmpty())
        skipTask(reason.trimmed());
}

void MainWindow::askNameOnFirstRun(const QString& projectPath) {
    if (Identity::hasChosenName())
        return;
    bool ok = false;
    const QString handedTo = handedOutTo(projectPath);
    const QString proposed = handedTo.isEmpty() ? Identity::local().annotator : handedTo;
    const QString name = QInputDialog::getText(
        this, tr("Welcome to Postil"),
        tr("Your name, as your annotations will carry it (you can change it later in File ▸ "
           "Your Name):"),
        QLineEdit::Normal, proposed, &ok);
    Identity::setAnnotatorName(ok && !name.trimmed().isEmpty() ? name : proposed);
}

void MainWindow::changeAnnotatorName() {
    bool ok = false;
    const QString current = Identity::local().annotator;
    const QString name = QInputDialog::getText(this, tr("Your name"),
                                               tr("The name your annotations are stored under:"),
                                               QLineEdit::Normal, current, &ok);
    if (!ok || name.trimmed().isEmpty() || name.trimmed() == current)
        return;
    Identity::setAnnotatorName(name);
    if (m_project)
        openProject(m_project->path());
}

void MainWindow::showProjectSettings() {
    if (!m_project)
        return;
    ProjectSettingsDialog dialog(*m_project, this);
    if (dialog.exec() == QDialog::Accepted)
        openProject(m_project->path());
}

void MainWindow::showHelpSheet() {
    TaskEditor* editor = m_workspace->editor();
    postil::showHelpSheet(this, m_workspace->editorContext(),
                          editor ? editor->shortcutHelp() : QList<QPair<QString, QString>>());
}

void MainWindow::onDocumentChanged() {
    TaskDocument* doc = m_workspace->document();
    ListedState now;
    if (doc)
        now = {doc->task().id, doc->state().exists, int(doc->state().status),
               doc->state().skipReason};
    // The list row shows the status, the skip reason and whether this
    // annotator has a row; the progress line counts submitted and skipped
    // tasks. Answers are in neither, so most writes (every pause in typing)
    // change nothing here, and a task's first answer (a new draft) changes
    // its row only: the progress line's counts cost tens of ms at a million
    // tasks, more than a frame of typing.
    if (now != m_listed) {
        const bool sameTask = now.taskId == m_listed.taskId;
        const bool progressChanged = now.finishedAs() != m_listed.finishedAs();
        m_listed = now;
        // Opening another task changes no row; its own writes do.
        if (doc && sameTask)
            m_panel->refreshTask(doc->task().id);
        if (sameTask && progressChanged)
            m_progress->refresh();
    }
    updateTitle();
}

void MainWindow::updateTitle() {
    if (!m_project) {
        setWindowTitle(tr("Postil"));
        return;
    }
    QString title = m_project->name();
    if (m_project->isReadOnly())
        title += tr(" (read-only)");
    if (!m_packFor.isEmpty())
        title += tr(" (hand-out pack for %1)").arg(m_packFor);
    if (TaskDocument* doc = m_workspace->document())
        title +=
            QStringLiteral(" — task %1 (%2)")
                .arg(doc->task().id)
                .arg(
                    TaskListModel::statusLabel(doc->state().exists, doc->state().status).toLower());
    setWindowTitle(title + QStringLiteral(" — Postil"));
}

void MainWindow::showError(const QString& message) {
    statusBar()->setStyleSheet(QStringLiteral("QStatusBar { color: #c62828; }"));
    statusBar()->showMessage(message, 8000);
    QTimer::singleShot(8000, statusBar(), [bar = statusBar()] { bar->setStyleSheet(QString()); });
}

void MainWindow::closeEvent(QCloseEvent* event) {
    m_layout->save();
    // Nothing to save: every edit is already in the project file.
    closeProject();
    event->accept();
}

}  // namespace postil

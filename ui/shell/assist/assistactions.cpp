#include "shell/assist/assistactions.h"

#include <QAction>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QThread>
#include <atomic>

#include "keys/keymap.h"
#include "model/project.h"
#include "shell/assist/assistsummarydialog.h"
#include "shell/projectjob.h"

namespace postil {

namespace {

QString idList(const QList<qint64>& ids) {
    QStringList parts;
    parts.reserve(ids.size());
    for (qint64 id : ids)
        parts << QString::number(id);
    return parts.join(QLatin1Char(','));
}

}  // namespace

AssistActions::AssistActions(QWidget* window, Host host)
    : QObject(window), m_window(window), m_host(std::move(host)) {
    Keymap& keys = Keymap::instance();
    const std::pair<const char*, Scope> entries[] = {
        {"assist.runTask", Scope::CurrentTask},
        {"assist.runSelected", Scope::SelectedTasks},
        {"assist.runUnfinished", Scope::UnfinishedTasks}};
    for (const auto& [id, scope] : entries) {
        QAction* action = keys.createAction(QString::fromLatin1(id), window);
        connect(action, &QAction::triggered, this, [this, scope = scope] { run(scope); });
        window->addAction(action);
        m_actions << action;
    }
    m_actions[0]->setText(tr("Run Model on This &Task"));
    m_actions[1]->setText(tr("Run Model on &Selected Tasks"));
    m_actions[2]->setText(tr("Run Model on Every &Unfinished Task"));
}

AssistSummaryDialog* AssistActions::summary() const {
    return qobject_cast<AssistSummaryDialog*>(m_summary.data());
}

void AssistActions::fillMenu(QMenu* menu) const {
    for (QAction* action : m_actions)
        menu->addAction(action);
}

AssistActions::Outcome AssistActions::run(Scope scope) {
    Outcome outcome;
    Project* project = m_host.project ? m_host.project() : nullptr;
    if (!project)
        return outcome;
    auto models = assistmodels::read(project->schema());
    if (!models.ok())
        outcome.problem = models.error();
    else if (models->isEmpty())
        outcome.problem =
            tr("This project has no model yet. Set one in Project settings ▸ "
               "Assist: a command that reads a task and prints its result "
               "(docs/assist.md).");
    QList<qint64> tasks;
    if (outcome.problem.isEmpty() && scope == Scope::CurrentTask) {
        if (const qint64 id = m_host.currentTask())
            tasks << id;
        else
            outcome.problem = tr("No task is open.");
    } else if (outcome.problem.isEmpty() && scope == Scope::SelectedTasks) {
        tasks = m_host.selectedTasks();
        if (tasks.isEmpty())
            outcome.problem = tr("No task is selected in the task list.");
    }
    if (!outcome.problem.isEmpty()) {
        QMessageBox::information(m_window, tr("Run a model"), outcome.problem);
        return outcome;
    }
    const qint64 reopen = m_host.currentTask();
    if (m_host.beforeRun)
        m_host.beforeRun();
    outcome = runModels(*project, *models, scope, tasks);
    if (m_host.afterRun)
        m_host.afterRun(reopen);
    if (m_summary)
        m_summary->deleteLater();
    auto* dialog = new AssistSummaryDialog(outcome, m_window);
    dialog->setObjectName(QStringLiteral("assistSummary"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    m_summary = dialog;
    return outcome;
}

AssistActions::Outcome AssistActions::runModels(Project& project, const QList<AssistModel>& models,
                                                Scope scope, const QList<qint64>& tasks) {
    Outcome outcome;
    const QString filter = idList(tasks);
    const auto status = scope == Scope::UnfinishedTasks ? AssistSelection::Status::Unfinished
                                                        : AssistSelection::Status::All;
    // Which model runs: set on the worker, read by the dialog's line.
    std::atomic<int> current{0};
    QList<ModelRun> runs;  // written by the worker, read after it is joined
    const auto job = ProjectJob::run(
        m_window, project, tr("Running a model"),
        [&models, &current](qint64 done, qint64 total, qint64) {
            const QString name = models.value(current.load()).name;
            return total > 0 ? tr("Running %1… %2 of %3 tasks")
                                   .arg(name, QLocale().toString(done), QLocale().toString(total))
                             : tr("Running %1…").arg(name);
        },
        [&](ProjectJob::Context& context) -> Status {
            for (int i = 0; i < models.size() && !context.cancel->load(); ++i) {
                current = i;
                ModelRun run;
                run.model = models[i].name;
                auto selection =
                    AssistSelection::select(context.project, models[i], filter, status);
                if (!selection.ok()) {
                    run.error = selection.error();
                    runs << run;
                    continue;
                }
                run.selected = selection->taskIds.size();
                run.otherKinds = selection->otherKinds;
                run.finished = selection->finished;
                if (!selection->taskIds.isEmpty()) {
                    AssistOptions options;
                    // Per-task commands run side by side on a spare core; the
                    // GUI thread keeps one.
                    options.jobs = std::max(1, QThread::idealThreadCount() - 1);
                    options.progress = context.progress;
                    options.cancel = context.cancel;
                    auto report =
                        runAssist(context.project, models[i], selection->taskIds, options);
                    if (report.ok())
                        run.report = *report;
                    else
                        run.error = report.error();
                }
                runs << run;
            }
            return Status::success();
        });
    outcome.runs = runs;
    for (const ModelRun& run : std::as_const(runs))
        outcome.cancelled = outcome.cancelled || run.report.cancelled;
    if (job.outcome == ProjectJob::Outcome::Cancelled)
        outcome.cancelled = true;
    else if (job.outcome == ProjectJob::Outcome::Failed)
        outcome.problem = job.error;
    return outcome;
}

}  // namespace postil

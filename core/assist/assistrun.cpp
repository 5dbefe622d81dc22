#include "assist/assistrun.h"

#include <QDateTime>
#include <QEventLoop>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QTimer>
#include <memory>
#include <vector>

#include "assist/assistprocess.h"
#include "assist/assistresult.h"
#include "assist/assiststore.h"
#include "assist/assisttask.h"

namespace postil {

namespace {

constexpr int kVersionWaitMs = 3000;
constexpr int kTickMs = 100;

struct Filter {
    QList<std::pair<qint64, qint64>> ranges;  // ids, inclusive
    QSet<qint64> ids;
    QSet<QString> uids;
    bool all = true;

    bool contains(qint64 id, const QString& uid) const {
        if (all || ids.contains(id) || uids.contains(uid))
            return true;
        for (const auto& [from, to] : ranges)
            if (id >= from && id <= to)
                return true;
        return false;
    }
};

Expected<Filter> parseFilter(const QString& text) {
    Filter filter;
    static const QRegularExpression range(QStringLiteral("^(\\d+)-(\\d+)$"));
    static const QRegularExpression id(QStringLiteral("^\\d+$"));
    for (const QString& raw : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        const QString token = raw.trimmed();
        if (token.isEmpty())
            continue;
        filter.all = false;
        if (id.match(token).hasMatch()) {
            filter.ids.insert(token.toLongLong());
        } else if (const auto m = range.match(token); m.hasMatch()) {
            const qint64 from = m.captured(1).toLongLong();
            const qint64 to = m.captured(2).toLongLong();
            if (from > to)
                return Status::failure(
                    QStringLiteral("--tasks: the range %1 runs backwards").arg(token));
            filter.ranges.append({from, to});
        } else {
            filter.uids.insert(token);
        }
    }
    return filter;
}

}  // namespace

Expected<AssistSelection> AssistSelection::select(Project& project, const AssistModel& model,
                                                  const QString& filterText, Status status) {
    auto filter = parseFilter(filterText);
    if (!filter.ok())
        return postil::Status::failure(filter.error());
    QSet<QString> finished;
    if (status == Status::Unfinished) {
        Statement rows = project.database().statement(QStringLiteral(
            "SELECT task_uid FROM annotations WHERE annotator = ? AND deleted = 0 AND "
            "review_of IS NULL AND status IN ('submitted', 'skipped')"));
        rows.bind(1, project.annotator());
        while (rows.next())
            finished.insert(rows.text(0));
    }
    AssistSelection selection;
    QSet<qint64> idsSeen;
    QSet<QString> uidsSeen;
    Statement tasks =
        project.database().statement(QStringLiteral("SELECT id, uid, kind FROM tasks ORDER BY id"));
    while (tasks.next()) {
        const qint64 id = tasks.int64(0);
        const QString uid = tasks.text(1);
        if (!filter->contains(id, uid))
            continue;
        if (filter->ids.contains(id))
            idsSeen.insert(id);
        if (filter->uids.contains(uid))
            uidsSeen.insert(uid);
        const auto kind = taskKindFromString(tasks.text(2));
        if (!kind || !model.serves(*kind))
            ++selection.otherKinds;
        else if (finished.contains(uid))
            ++selection.finished;
        else
            selection.taskIds.append(id);
    }
    for (qint64 id : filter->ids)
        if (!idsSeen.contains(id))
            return postil::Status::failure(
                QStringLiteral("%1: there is no task %2").arg(project.path()).arg(id));
    for (const QString& uid : filter->uids)
        if (!uidsSeen.contains(uid))
            return postil::Status::failure(
                QStringLiteral("%1: there is no task '%2'").arg(project.path(), uid));
    return selection;
}

QString assistCommandVersion(const AssistModel& model, const QString& folder) {
    CommandProcess command(model.command + QStringLiteral(" --version"), folder);
    command.start();
    // A script that takes no --version reads its task from standard input:
    // an empty input ends it rather than letting it wait.
    command.process().closeWriteChannel();
    if (!command.process().waitForFinished(kVersionWaitMs))
        return {};
    if (command.process().exitStatus() != QProcess::NormalExit || command.process().exitCode() != 0)
        return {};
    const QString out = QString::fromUtf8(command.process().readAllStandardOutput().left(4096));
    for (const QString& line : out.split(QLatin1Char('\n'))) {
        const QString text = line.trimmed();
        if (text.isEmpty())
            continue;
        // A script that answered a task instead of its version said none.
        if (text.startsWith(QLatin1Char('{')))
            return {};
        return text.left(200);
    }
    return {};
}

namespace {

// One run: hands tasks to the processes, checks and stores what comes back.
class Run {
public:
    Run(Project& project, const AssistModel& model, const QList<qint64>& taskIds,
        const AssistOptions& options, AssistReport& report)
        : m_project(project),
          m_model(model),
          m_ids(taskIds),
          m_options(options),
          m_report(report),
          m_store(project, model, report.version,
                  QDateTime::currentDateTimeUtc().toString(Qt::ISODate)) {}

    Status exec();

private:
    std::optional<AssistTask> takeNext();
    void pump();
    void schedulePump();
    void onOutcome(AssistOutcome outcome);
    void fail(const AssistTask& task, const QString& reason);
    void stop();
    bool allAccounted() const { return m_accounted == m_ids.size(); }

    Project& m_project;
    const AssistModel& m_model;
    const QList<qint64>& m_ids;
    const AssistOptions& m_options;
    AssistReport& m_report;
    AssistStore m_store;
    QEventLoop m_loop;
    qsizetype m_next = 0;       // index into m_ids of the next task to send
    qsizetype m_accounted = 0;  // tasks answered, failed or gone
    QHash<QString, AssistTask> m_sent;
    std::vector<std::unique_ptr<TaskProcess>> m_slots;
    std::unique_ptr<BatchProcess> m_batch;
    bool m_pumpScheduled = false;
    bool m_stopped = false;
    postil::Status m_fatal = postil::Status::success();
};

std::optional<AssistTask> Run::takeNext() {
    while (m_next < m_ids.size()) {
        const qint64 id = m_ids.at(m_next++);
        if (auto task = m_project.tasks().byId(id))
            return AssistTask::make(m_project, *task);
        ++m_accounted;  // gone since it was selected
    }
    return std::nullopt;
}

void Run::schedulePump() {
    // Not from inside a process's own signal: a process is started again
    // once its handler has returned.
    if (m_pumpScheduled || m_stopped)
        return;
    m_pumpScheduled = true;
    QTimer::singleShot(0, &m_loop, [this] {
        m_pumpScheduled = false;
        pump();
    });
}

void Run::pump() {
    if (m_stopped)
        return;
    if (m_batch) {
        while (!m_stopped && m_batch->hasRoom()) {
            auto task = takeNext();
            if (!task)
                break;
            m_sent.insert(task->task.uid, *task);
            m_batch->send(*task);
        }
    } else {
        for (auto& slot : m_slots) {
            if (m_stopped || slot->busy())
                continue;
            auto task = takeNext();
            if (!task)
                break;
            m_sent.insert(task->task.uid, *task);
            slot->start(*task);
        }
    }
    if (allAccounted())
        stop();
}

void Run::fail(const AssistTask& task, const QString& reason) {
    ++m_report.failed;
    if (m_report.failures.size() < AssistReport::kMaxListed)
        m_report.failures.append({task.describe(), reason});
}

void Run::onOutcome(AssistOutcome outcome) {
    const auto it = m_sent.constFind(outcome.uid);
    if (it == m_sent.constEnd() || m_stopped)
        return;
    const AssistTask task = *it;
    m_sent.erase(it);
    ++m_accounted;
    if (!outcome.answer.ok()) {
        fail(task, outcome.answer.error());
    } else if (auto result = assistresult::check(*outcome.answer, m_project.schema(), task);
               !result.ok()) {
        fail(task, QStringLiteral("the answer breaks the schema: %1").arg(result.error()));
    } else if (postil::Status stored = m_store.store(task.task, *result); !stored.ok()) {
        m_fatal = stored;
        stop();
        return;
    } else {
        ++m_report.done;
    }
    if (m_options.progress)
        m_options.progress(m_accounted, m_ids.size());
    if (allAccounted())
        stop();
    else
        schedulePump();
}

void Run::stop() {
    if (m_stopped)
        return;
    m_stopped = true;
    m_loop.quit();
}

postil::Status Run::exec() {
    if (m_ids.isEmpty())
        return postil::Status::success();
    const QString folder = m_project.folder().absolutePath();
    const double seconds = m_options.timeoutS > 0 ? m_options.timeoutS : m_model.timeoutS;
    const int timeoutMs = int(qBound(1.0, seconds * 1000, AssistModel::kMaxTimeoutS * 1000));
    if (m_model.batch) {
        m_batch = std::make_unique<BatchProcess>(
            m_model.command, folder, timeoutMs,
            [this](AssistOutcome outcome) { onOutcome(std::move(outcome)); },
            [this](const QString& problem) {
                if (m_report.problems.size() < AssistReport::kMaxListed)
                    m_report.problems << problem;
            },
            [this] { schedulePump(); });
    } else {
        const int jobs = qBound(1, m_options.jobs, 64);
        for (int i = 0; i < jobs; ++i)
            m_slots.push_back(std::make_unique<TaskProcess>(
                m_model.command, folder, timeoutMs,
                [this](TaskProcess&, AssistOutcome outcome) { onOutcome(std::move(outcome)); }));
    }
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, &m_loop, [this] {
        if (isSet(m_options.cancel)) {
            m_report.cancelled = true;
            stop();
            return;
        }
        if (postil::Status s = m_store.commitIfDue(); !s.ok()) {
            m_fatal = s;
            stop();
        }
    });
    tick.start(kTickMs);
    schedulePump();
    m_loop.exec();
    tick.stop();
    if (m_batch) {
        if (m_report.cancelled || !m_fatal.ok())
            m_batch->abandon();
        else
            m_batch->close();
    }
    for (auto& slot : m_slots)
        slot->abandon();
    if (postil::Status committed = m_store.commit(); !committed.ok() && m_fatal.ok())
        m_fatal = committed;
    return m_fatal;
}

}  // namespace

Expected<AssistReport> runAssist(Project& project, const AssistModel& model,
                                 const QList<qint64>& taskIds, const AssistOptions& options) {
    if (Status writable = project.database().checkWritable(); !writable.ok())
        return writable;
    AssistReport report;
    report.version = assistCommandVersion(model, project.folder().absolutePath());
    Run run(project, model, taskIds, options, report);
    if (Status s = run.exec(); !s.ok())
        return s;
    return report;
}

}  // namespace postil

#include "model/taskidquery.h"

#include <sqlite3.h>

#include <QThread>
#include <atomic>

#include "store/database.h"

namespace postil {

struct TaskIdQuery::Job {
    Request request;
    std::atomic<bool> cancelled{false};
    std::vector<qint64> ids;
    QString error;
};

TaskIdQuery::TaskIdQuery(QObject* parent) : QObject(parent) {}

TaskIdQuery::~TaskIdQuery() {
    cancel();
    // Their queued finished() calls die with this object.
    for (QThread* thread : std::as_const(m_threads)) {
        thread->wait();
        delete thread;
    }
}

void TaskIdQuery::run(Job& job) {
    const Request& r = job.request;
    auto db =
        Database::open(r.path, r.immutable ? Database::Mode::Immutable : Database::Mode::ReadOnly);
    if (!db.ok()) {
        job.error = db.error();
        return;
    }
    // A dropped query stops within a thousand virtual-machine steps, even
    // while a scan finds nothing to return.
    sqlite3_progress_handler(
        (*db)->handle(), 1000,
        [](void* cancelled) { return static_cast<std::atomic<bool>*>(cancelled)->load() ? 1 : 0; },
        &job.cancelled);
    auto stmt = (*db)->prepare(r.sql);
    if (!stmt.ok()) {
        job.error = stmt.error();
        return;
    }
    for (int i = 0; i < r.binds.size(); ++i) {
        const QVariant& value = r.binds.at(i);
        if (value.typeId() == QMetaType::QString)
            stmt->bind(i + 1, value.toString());
        else
            stmt->bind(i + 1, value.toLongLong());
    }
    while (stmt->next()) {
        if (!r.keep || r.keep(*stmt))
            job.ids.push_back(stmt->int64(0));
    }
    if (!stmt->status().ok() && !job.cancelled)
        job.error = stmt->status().error();
}

void TaskIdQuery::start(Request request) {
    cancel();
    auto job = std::make_shared<Job>();
    job->request = std::move(request);
    QThread* thread = QThread::create([job] { run(*job); });
    thread->setObjectName(QStringLiteral("TaskIdQuery"));
    m_job = job;
    m_jobThread = thread;
    m_threads << thread;
    // finished() is emitted on the query's thread; the context object makes
    // the call a queued one, on this object's thread.
    connect(thread, &QThread::finished, this, [this, job, thread] {
        m_threads.removeOne(thread);
        thread->wait();  // finished() comes just before the thread ends
        delete thread;
        deliver(job);
    });
    thread->start(QThread::LowPriority);
}

void TaskIdQuery::cancel() {
    if (!m_job)
        return;
    m_job->cancelled = true;
    m_job.reset();
    m_jobThread = nullptr;
}

void TaskIdQuery::wait() {
    if (!m_job)
        return;
    m_jobThread->wait();
    deliver(std::shared_ptr<Job>(m_job));  // a copy: deliver() drops m_job
}

void TaskIdQuery::deliver(std::shared_ptr<Job> job) {
    if (job != m_job)
        return;  // dropped, or delivered already by wait()
    m_job.reset();
    m_jobThread = nullptr;
    m_ids = std::move(job->ids);
    m_error = job->error;
    Q_EMIT finished();
}

}  // namespace postil

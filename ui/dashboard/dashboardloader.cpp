#include "dashboard/dashboardloader.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QThread>

#include "model/project.h"

namespace postil {

struct DashboardLoader::Job {
    std::atomic<bool> cancelled{false};
};

DashboardLoader::DashboardLoader(QObject* parent) : QObject(parent) {}

DashboardLoader::~DashboardLoader() {
    cancel();
}

void DashboardLoader::stopThread() {
    if (!m_thread)
        return;
    // The work polls the flag at every task, so this wait is short.
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

void DashboardLoader::cancel() {
    if (m_job)
        m_job->cancelled = true;
    m_job.reset();
    stopThread();
}

void DashboardLoader::start(const QString& projectPath, const quality::DashboardOptions& options) {
    cancel();
    auto job = std::make_shared<Job>();
    m_job = job;
    QPointer<DashboardLoader> self(this);
    m_thread = QThread::create([self, job, projectPath, options] {
        // The result goes back to the GUI thread through the loader's own
        // queue; a job dropped meanwhile (cancel, a new start) is not shown.
        auto deliver = [self, job](auto fn) {
            if (!self)
                return;
            QMetaObject::invokeMethod(
                self.data(),
                [self, job, fn] {
                    if (self && self->m_job == job && !job->cancelled)
                        fn(*self);
                },
                Qt::QueuedConnection);
        };
        auto project = Project::openForReading(projectPath);
        if (!project.ok()) {
            const QString error = project.error();
            deliver([error](DashboardLoader& l) {
                l.m_job.reset();
                Q_EMIT l.failed(error);
            });
            return;
        }
        QElapsedTimer sinceReport;
        sinceReport.start();
        auto data = quality::buildDashboardData(**project, options, [&](qint64 done, qint64 total) {
            if (job->cancelled)
                return false;
            // At most about 30 reports a second reach the GUI thread.
            if (sinceReport.elapsed() >= 33 || done == total) {
                sinceReport.restart();
                deliver([done, total](DashboardLoader& l) { Q_EMIT l.progressed(done, total); });
            }
            return true;
        });
        if (job->cancelled)
            return;
        if (!data.ok()) {
            const QString error = data.error();
            deliver([error](DashboardLoader& l) {
                l.m_job.reset();
                Q_EMIT l.failed(error);
            });
            return;
        }
        auto shared = std::make_shared<const quality::DashboardData>(std::move(*data));
        deliver([shared](DashboardLoader& l) {
            l.m_job.reset();
            Q_EMIT l.loaded(shared);
        });
    });
    m_thread->start();
}

}  // namespace postil

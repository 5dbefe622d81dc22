#pragma once

#include <QObject>
#include <QString>
#include <atomic>
#include <memory>

#include "quality/dashboarddata.h"

class QThread;

namespace postil {

// Reads the quality dashboard's data (quality::buildDashboardData) on a
// thread of its own, through a read-only connection to the project file
// (Project::openForReading), so the studio keeps painting and its editor's
// writes are never blocked: WAL lets the reader and the writer work side by
// side. Progress comes as tasks read of the last task id. One load at a time:
// start() drops the one before, whose result is never delivered; destroying
// the loader stops its thread and waits for it.
class DashboardLoader : public QObject {
    Q_OBJECT
public:
    explicit DashboardLoader(QObject* parent = nullptr);
    ~DashboardLoader() override;

    void start(const QString& projectPath, const quality::DashboardOptions& options);
    void cancel();
    bool isRunning() const { return bool(m_job); }

Q_SIGNALS:
    void progressed(qint64 done, qint64 total);
    void loaded(std::shared_ptr<const quality::DashboardData> data);
    void failed(const QString& error);

private:
    struct Job;
    void stopThread();

    std::shared_ptr<Job> m_job;
    QThread* m_thread = nullptr;
};

}  // namespace postil

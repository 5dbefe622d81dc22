#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <QVariant>
#include <functional>
#include <memory>
#include <vector>

class QThread;

namespace postil {

class Statement;

// Reads a list of task ids with one SQL query on a connection and a thread
// of its own, so that stepping a million rows (the preview order, the rest
// of a common word's matches) never holds up the GUI thread
// (docs/architecture.md "Task list search"). One query at a time: start()
// drops the one before, whose result is never delivered. Destroying the
// object stops its threads and waits for them.
class TaskIdQuery : public QObject {
    Q_OBJECT
public:
    struct Request {
        QString path;            // the project file
        bool immutable = false;  // opened immutable=1 (a read-only project, see §2)
        QString sql;             // its first column is the task id
        QList<QVariant> binds;   // ?1, ?2, ...: QString or qint64
        // When set, a row is kept only if this returns true (it runs on the
        // query's thread and sees the statement's other columns).
        std::function<bool(const Statement&)> keep;
    };

    explicit TaskIdQuery(QObject* parent = nullptr);
    ~TaskIdQuery() override;
    TaskIdQuery(const TaskIdQuery&) = delete;
    TaskIdQuery& operator=(const TaskIdQuery&) = delete;

    void start(Request request);
    // Drops the running query: finished() will not come for it.
    void cancel();
    bool isRunning() const { return bool(m_job); }
    // Blocks until the running query is done and delivers it (finished())
    // before returning; for tests, benchmarks and code that cannot wait.
    void wait();
    // The last delivered query's ids (moved out) and error (empty if none).
    std::vector<qint64> takeIds() { return std::move(m_ids); }
    QString error() const { return m_error; }

Q_SIGNALS:
    void finished();

private:
    struct Job;
    static void run(Job& job);
    void deliver(std::shared_ptr<Job> job);

    std::shared_ptr<Job> m_job;      // the running query, the only one delivered
    QThread* m_jobThread = nullptr;  // its thread
    QList<QThread*> m_threads;       // every thread not yet finished, dropped ones too
    std::vector<qint64> m_ids;
    QString m_error;
};

}  // namespace postil

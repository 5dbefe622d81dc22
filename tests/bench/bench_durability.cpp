// bench_durability: how long until one answered question is durable on disk.
// A TaskDocument on a text task of an N-task project; 2000 calls of setAnswer
// with alternating values, each of which writes and commits before returning.
// Baseline, interleaved call for call so both see the same disk: the sqlite3 C
// API updating one row in its own transaction, in a file in the same folder,
// with the same pragmas. Measured with synchronous=FULL (what the project
// uses: a disk sync inside every commit) and with NORMAL (commits safe from a
// killed process but not from a power cut), to show what FULL costs.
// Budget: p99 <= 5 ms with FULL.

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstring>

#include <QStandardPaths>
#include <QTemporaryDir>

#include "benchsupport.h"
#include "document/taskdocument.h"

using namespace postil;
using namespace postil::bench;

namespace {

constexpr int kCalls = 2000;
constexpr double kBudgetP99Ms = 5.0;

// One row, updated in its own transaction per call: the least any durable
// answer can cost on this disk.
class RawUpdater {
public:
    bool open(const QString& path, const char* synchronous) {
        if (sqlite3_open(path.toUtf8().constData(), &m_db) != SQLITE_OK)
            return false;
        const QByteArray setup =
            QByteArray("PRAGMA journal_mode = WAL; PRAGMA synchronous = ") + synchronous +
            "; CREATE TABLE IF NOT EXISTS answers(id INTEGER PRIMARY KEY, result TEXT NOT NULL, "
            "hlc INTEGER NOT NULL); INSERT OR IGNORE INTO answers VALUES(1, '{}', 0);";
        return sqlite3_exec(m_db, setup.constData(), nullptr, nullptr, nullptr) == SQLITE_OK &&
               sqlite3_prepare_v2(m_db, "BEGIN IMMEDIATE", -1, &m_begin, nullptr) == SQLITE_OK &&
               sqlite3_prepare_v2(m_db, "UPDATE answers SET result = ?, hlc = ? WHERE id = 1", -1,
                                  &m_update, nullptr) == SQLITE_OK &&
               sqlite3_prepare_v2(m_db, "COMMIT", -1, &m_commit, nullptr) == SQLITE_OK;
    }
    bool update(const QByteArray& result, qint64 hlc) {
        bool ok = step(m_begin);
        sqlite3_bind_text(m_update, 1, result.constData(), int(result.size()), SQLITE_TRANSIENT);
        sqlite3_bind_int64(m_update, 2, hlc);
        ok = step(m_update) && ok;
        return step(m_commit) && ok;
    }
    QByteArray stored() {
        sqlite3_stmt* stmt = nullptr;
        QByteArray value;
        if (sqlite3_prepare_v2(m_db, "SELECT result FROM answers WHERE id = 1", -1, &stmt,
                               nullptr) == SQLITE_OK &&
            sqlite3_step(stmt) == SQLITE_ROW)
            value = QByteArray(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
        sqlite3_finalize(stmt);
        return value;
    }
    ~RawUpdater() {
        sqlite3_finalize(m_begin);
        sqlite3_finalize(m_update);
        sqlite3_finalize(m_commit);
        sqlite3_close(m_db);
    }

private:
    static bool step(sqlite3_stmt* stmt) {
        const int rc = sqlite3_step(stmt);
        sqlite3_reset(stmt);
        return rc == SQLITE_DONE;
    }
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_begin = nullptr;
    sqlite3_stmt* m_update = nullptr;
    sqlite3_stmt* m_commit = nullptr;
};

QByteArray storedAnswer(const QString& projectPath, const QString& taskUid) {
    sqlite3* db = nullptr;
    QByteArray value;
    if (sqlite3_open_v2(projectPath.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) ==
        SQLITE_OK) {
        sqlite3_stmt* stmt = nullptr;
        const QByteArray uid = taskUid.toUtf8();
        if (sqlite3_prepare_v2(db,
                               "SELECT json_extract(result, '$.answers.intent') FROM annotations "
                               "WHERE task_uid = ? AND deleted = 0",
                               -1, &stmt, nullptr) == SQLITE_OK) {
            sqlite3_bind_text(stmt, 1, uid.constData(), int(uid.size()), SQLITE_TRANSIENT);
            if (sqlite3_step(stmt) == SQLITE_ROW)
                value = QByteArray(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
        }
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return value;
}

// The floor under both: the device's flush of one overwritten 4 KiB page, in
// the same folder. On a shared virtual disk this moves with the neighbours' I/O.
class DiskFlush {
public:
    bool open(const QString& path) {
        m_fd = ::open(path.toLocal8Bit().constData(), O_RDWR | O_CREAT | O_TRUNC, 0644);
        return m_fd >= 0;
    }
    bool flush(int i) {
        char page[4096];
        std::memset(page, 'a' + i % 26, sizeof page);
        return pwrite(m_fd, page, sizeof page, off_t(i % 64) * off_t(sizeof page)) ==
                   ssize_t(sizeof page) &&
               fdatasync(m_fd) == 0;
    }
    ~DiskFlush() {
        if (m_fd >= 0)
            ::close(m_fd);
    }

private:
    int m_fd = -1;
};

struct Latencies {
    std::vector<double> postil;
    std::vector<double> baseline;
    std::vector<double> disk;
    QString error;
};

Latencies measure(Project& project, const Task& task, const QString& baselinePath,
                  const char* synchronous, const QString& diskPath) {
    Latencies l;
    Status pragma = project.database().exec(
        QStringLiteral("PRAGMA synchronous = %1").arg(QLatin1String(synchronous)));
    RawUpdater raw;
    if (!pragma.ok() || !raw.open(baselinePath, synchronous)) {
        l.error = QStringLiteral("cannot set synchronous = %1").arg(QLatin1String(synchronous));
        return l;
    }
    DiskFlush disk;
    if (!diskPath.isEmpty() && !disk.open(diskPath)) {
        l.error = QStringLiteral("cannot write %1").arg(diskPath);
        return l;
    }
    TaskDocument document(project, task);
    const QStringList values = {QStringLiteral("billing"), QStringLiteral("refund")};
    QElapsedTimer timer;
    for (int i = 0; i < kCalls; ++i) {
        const QString value = values[i % 2];
        timer.start();
        document.setAnswer(QStringLiteral("intent"), value);
        l.postil.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (!document.lastError().isEmpty() || document.result()
                                                       .value(QStringLiteral("answers"))
                                                       .toObject()
                                                       .value(QStringLiteral("intent")) != value) {
            l.error = QStringLiteral("setAnswer %1 failed: %2").arg(i).arg(document.lastError());
            return l;
        }
        const QByteArray rawResult = "{\"answers\":{\"intent\":\"" + value.toUtf8() + "\"}}";
        timer.start();
        const bool updated = raw.update(rawResult, i);
        l.baseline.push_back(double(timer.nsecsElapsed()) / 1e6);
        if (!updated) {
            l.error = QStringLiteral("raw update %1 failed").arg(i);
            return l;
        }
        if (!diskPath.isEmpty()) {
            timer.start();
            const bool flushed = disk.flush(i);
            l.disk.push_back(double(timer.nsecsElapsed()) / 1e6);
            if (!flushed) {
                l.error = QStringLiteral("fdatasync %1 failed").arg(i);
                return l;
            }
        }
    }
    // What the last call wrote is what a reader of the file sees.
    const QString last = values[(kCalls - 1) % 2];
    if (storedAnswer(project.path(), task.uid) != last.toUtf8() ||
        !raw.stored().contains(last.toUtf8()))
        l.error = QStringLiteral("the last answer is not in the file");
    return l;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    Args args;
    QTemporaryDir dir;
    if (const int stop = startBench(app, args, dir))
        return stop;
    QString projectPath = args.project;
    if (projectPath.isEmpty()) {
        projectPath = dir.filePath(QStringLiteral("bench.postil"));
        note(QStringLiteral("bench_durability: making a project of %1 tasks").arg(args.tasks));
        Status made = makeProject(projectPath, args.tasks, 10);
        if (!made.ok()) {
            note(QStringLiteral("bench_durability: %1").arg(made.error()));
            return 1;
        }
    }
    auto project = Project::open(projectPath);
    if (!project.ok()) {
        note(QStringLiteral("bench_durability: %1").arg(project.error()));
        return 1;
    }
    // A task in the middle without an annotation yet (every tenth has one).
    auto task = (*project)->tasks().byUid(taskUid(qMax<qint64>(1, args.tasks / 2 + 1)));
    if (!task) {
        note(QStringLiteral("bench_durability: the project has no task %1")
                 .arg(taskUid(args.tasks / 2 + 1)));
        return 1;
    }

    double fullP50 = 0;
    bool allOk = true;
    for (const char* synchronous : {"FULL", "NORMAL"}) {
        note(QStringLiteral("bench_durability: synchronous = %1").arg(QLatin1String(synchronous)));
        const QString baselinePath =
            dir.filePath(QStringLiteral("baseline-%1.sqlite").arg(QLatin1String(synchronous)));
        const bool full = QByteArray(synchronous) == "FULL";
        // Only FULL waits for the device at every commit.
        const Latencies l =
            measure(**project, *task, baselinePath, synchronous,
                    full ? dir.filePath(QStringLiteral("flush-probe.bin")) : QString());
        if (!l.error.isEmpty()) {
            note(QStringLiteral("bench_durability: %1").arg(l.error));
            allOk = false;
            continue;
        }
        const double p50 = percentile(l.postil, 0.50);
        const double p99 = percentile(l.postil, 0.99);
        const double bp50 = percentile(l.baseline, 0.50);
        const double bp99 = percentile(l.baseline, 0.99);
        if (full)
            fullP50 = p50;
        JsonLine line(QStringLiteral("durability_answer"));
        line.add(QStringLiteral("synchronous"), synchronous)
            .add(QStringLiteral("project_default"), full)
            .add(QStringLiteral("tasks"), args.tasks)
            .add(QStringLiteral("calls"), kCalls)
            .add(QStringLiteral("postil_p50_ms"), p50)
            .add(QStringLiteral("postil_p90_ms"), percentile(l.postil, 0.90))
            .add(QStringLiteral("postil_p99_ms"), p99)
            .add(QStringLiteral("postil_max_ms"), percentile(l.postil, 1.0))
            .add(QStringLiteral("baseline"),
                 "sqlite3 C API, UPDATE one row per transaction, WAL, same synchronous")
            .add(QStringLiteral("baseline_p50_ms"), bp50)
            .add(QStringLiteral("baseline_p90_ms"), percentile(l.baseline, 0.90))
            .add(QStringLiteral("baseline_p99_ms"), bp99)
            .add(QStringLiteral("baseline_max_ms"), percentile(l.baseline, 1.0));
        if (full)
            line.add(QStringLiteral("disk_fdatasync_p50_ms"), percentile(l.disk, 0.50))
                .add(QStringLiteral("disk_fdatasync_p99_ms"), percentile(l.disk, 0.99));
        line.add(QStringLiteral("ratio_p50"), p50 / bp50, 2)
            .add(QStringLiteral("ratio_p99"), p99 / bp99, 2)
            .add(QStringLiteral("budget_p99_ms"), kBudgetP99Ms, 1);
        if (!full && p50 > 0)
            line.add(QStringLiteral("full_over_normal_p50"), fullP50 / p50, 2);
        line.add(QStringLiteral("pass"), p99 <= kBudgetP99Ms).print();
    }
    return allOk ? 0 : 1;
}

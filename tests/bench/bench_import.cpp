// bench_import: `postil-cli import` of a JSONL of N text tasks into a fresh
// project, against the sqlite3 shell inserting the same rows (same uid, kind,
// canonical data JSON and preview, into the same table with its UNIQUE uid
// index, with the project's pragmas) in one transaction. Budget: ratio <= 2.0,
// peak RSS of the import <= 200 MB.

#include <sqlite3.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>

#include "benchsupport.h"

using namespace postil;
using namespace postil::bench;

namespace {

constexpr double kBudgetRatio = 2.0;
constexpr double kBudgetRssMb = 200.0;

// The project's tasks table (core/store/migrations.cpp, version 1), so the
// baseline pays for the same CHECK and UNIQUE index.
const char* const kTasksTable =
    "PRAGMA journal_mode = WAL;\n"
    "CREATE TABLE tasks(\n"
    "  id         INTEGER PRIMARY KEY,\n"
    "  uid        TEXT NOT NULL UNIQUE,\n"
    "  kind       TEXT NOT NULL CHECK(kind IN ('image', 'text', 'audio', 'compare')),\n"
    "  data       TEXT NOT NULL,\n"
    "  media_hash TEXT,\n"
    "  preview    TEXT NOT NULL DEFAULT ''\n"
    ");\n";

void appendSqlString(QByteArray& out, const QByteArray& utf8) {
    out += '\'';
    for (char c : utf8) {
        if (c == '\'')
            out += '\'';
        out += c;
    }
    out += '\'';
}

// Writes the JSONL for postil and the .sql for the shell, row for row the same.
bool writeInputs(qint64 n, const QString& jsonlPath, const QString& sqlPath) {
    QFile jsonl(jsonlPath);
    QFile sql(sqlPath);
    if (!jsonl.open(QIODevice::WriteOnly) || !sql.open(QIODevice::WriteOnly))
        return false;
    QByteArray jsonBuffer;
    QByteArray sqlBuffer;
    // Same per-connection pragma as the project (synchronous is not stored in
    // the file); journal_mode = WAL is stored, set when the table was made.
    sqlBuffer += "PRAGMA synchronous = FULL;\nBEGIN;\n";
    for (qint64 i = 1; i <= n; ++i) {
        const QJsonObject data = taskData(i);
        const QByteArray dataJson = canonicalJson(data);
        const QByteArray uid = taskUid(i).toUtf8();
        jsonBuffer += "{\"id\":\"" + uid + "\",\"data\":" + dataJson + "}\n";
        sqlBuffer += "INSERT OR IGNORE INTO tasks(uid, kind, data, media_hash, preview) VALUES(";
        appendSqlString(sqlBuffer, uid);
        sqlBuffer += ", 'text', ";
        appendSqlString(sqlBuffer, dataJson);
        sqlBuffer += ", NULL, ";
        appendSqlString(sqlBuffer, Task::previewFor(TaskKind::Text, data).toUtf8());
        sqlBuffer += ");\n";
        if (jsonBuffer.size() > (1 << 20) || i == n) {
            if (jsonl.write(jsonBuffer) != jsonBuffer.size() ||
                sql.write(sqlBuffer) != sqlBuffer.size())
                return false;
            jsonBuffer.clear();
            sqlBuffer.clear();
        }
    }
    sqlBuffer += "COMMIT;\n";
    return sql.write(sqlBuffer) == sqlBuffer.size() && jsonl.flush() && sql.flush();
}

struct Row {
    qint64 count = -1;
    QByteArray sample;  // kind, data and preview of one task
};

// What a file holds, read through the C API: the row count and one row, so a
// benchmark that stored nothing (or something else) cannot pass.
Row inspect(const QString& path, const QString& uid) {
    Row row;
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) ==
        SQLITE_OK) {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v2(db, "SELECT count(*) FROM tasks", -1, &stmt, nullptr) == SQLITE_OK &&
            sqlite3_step(stmt) == SQLITE_ROW)
            row.count = sqlite3_column_int64(stmt, 0);
        sqlite3_finalize(stmt);
        const QByteArray key = uid.toUtf8();
        if (sqlite3_prepare_v2(db, "SELECT kind || data || preview FROM tasks WHERE uid = ?", -1,
                               &stmt, nullptr) == SQLITE_OK) {
            sqlite3_bind_text(stmt, 1, key.constData(), int(key.size()), SQLITE_TRANSIENT);
            if (sqlite3_step(stmt) == SQLITE_ROW)
                row.sample =
                    QByteArray(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
        }
        sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return row;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    Args args;
    QTemporaryDir dir;
    if (const int stop = startBench(app, args, dir))
        return stop;
    const qint64 n = args.tasks;
    const QString sqlite3Shell = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
    if (sqlite3Shell.isEmpty()) {
        note(QStringLiteral("bench_import: the sqlite3 shell is not installed (Debian: sqlite3)"));
        return 1;
    }
    const Environment env = cliEnvironment(dir);
    const QString jsonlPath = dir.filePath(QStringLiteral("tasks.jsonl"));
    const QString sqlPath = dir.filePath(QStringLiteral("tasks.sql"));
    const QString baselineDb = dir.filePath(QStringLiteral("baseline.sqlite"));
    const QString projectPath = dir.filePath(QStringLiteral("bench.postil"));
    const QString errPath = dir.filePath(QStringLiteral("stderr.txt"));

    note(QStringLiteral("bench_import: writing %1 tasks").arg(n));
    if (!writeInputs(n, jsonlPath, sqlPath)) {
        note(QStringLiteral("bench_import: cannot write the inputs in %1").arg(dir.path()));
        return 1;
    }
    QFile schema(dir.filePath(QStringLiteral("schema.sql")));
    if (!schema.open(QIODevice::WriteOnly) || schema.write(kTasksTable) < 0)
        return 1;
    schema.close();

    // Untimed set-up on both sides: an empty table, an empty project.
    ChildResult made = runChild({sqlite3Shell, baselineDb}, schema.fileName(),
                                dir.filePath(QStringLiteral("schema.out")), errPath);
    if (made.exitCode != 0) {
        note(QStringLiteral("bench_import: sqlite3 schema failed: %1").arg(fileText(errPath)));
        return 1;
    }
    ChildResult init = runChild({QStringLiteral(POSTIL_CLI_PATH), QStringLiteral("init"),
                                 projectPath, QStringLiteral("--kind"), QStringLiteral("text")},
                                QString(), dir.filePath(QStringLiteral("init.out")), errPath, env);
    if (init.exitCode != 0) {
        note(QStringLiteral("bench_import: postil-cli init failed: %1").arg(fileText(errPath)));
        return 1;
    }

    note(QStringLiteral("bench_import: sqlite3 shell"));
    ChildResult baseline = runChild({sqlite3Shell, QStringLiteral("-bail"), baselineDb}, sqlPath,
                                    dir.filePath(QStringLiteral("baseline.out")), errPath);
    if (baseline.exitCode != 0) {
        note(QStringLiteral("bench_import: sqlite3 failed: %1").arg(fileText(errPath)));
        return 1;
    }
    note(QStringLiteral("bench_import: postil-cli import"));
    ChildResult postil =
        runChild({QStringLiteral(POSTIL_CLI_PATH), QStringLiteral("import"), projectPath, jsonlPath,
                  QStringLiteral("--format"), QStringLiteral("jsonl")},
                 QString(), dir.filePath(QStringLiteral("import.out")), errPath, env);
    if (postil.exitCode != 0) {
        note(QStringLiteral("bench_import: postil-cli import failed (exit %1): %2")
                 .arg(postil.exitCode)
                 .arg(fileText(errPath)));
        return 1;
    }

    // Both stored the same thing, or the comparison means nothing.
    const QString probe = taskUid((n + 1) / 2);
    const Row mine = inspect(projectPath, probe);
    const Row theirs = inspect(baselineDb, probe);
    const bool same = mine.count == n && theirs.count == n && !mine.sample.isEmpty() &&
                      mine.sample == theirs.sample;
    if (!same)
        note(QStringLiteral("bench_import: the files differ: postil %1 rows, sqlite3 %2 rows; "
                            "task %3: '%4' vs '%5'")
                 .arg(mine.count)
                 .arg(theirs.count)
                 .arg(probe, QString::fromUtf8(mine.sample), QString::fromUtf8(theirs.sample)));

    const double ratio = postil.seconds / baseline.seconds;
    JsonLine(QStringLiteral("import_jsonl"))
        .add(QStringLiteral("tasks"), n)
        .add(QStringLiteral("input_mb"), double(QFileInfo(jsonlPath).size()) / 1048576.0, 1)
        .add(QStringLiteral("postil_s"), postil.seconds)
        .add(QStringLiteral("baseline"),
             "sqlite3 shell, one transaction of INSERTs, same table, WAL, synchronous=FULL")
        .add(QStringLiteral("baseline_s"), baseline.seconds)
        .add(QStringLiteral("ratio"), ratio, 2)
        .add(QStringLiteral("budget_ratio"), kBudgetRatio, 1)
        .add(QStringLiteral("postil_cpu_s"), postil.cpuSeconds)
        .add(QStringLiteral("baseline_cpu_s"), baseline.cpuSeconds)
        .add(QStringLiteral("peak_rss_mb"), postil.peakRssMb, 1)
        .add(QStringLiteral("baseline_peak_rss_mb"), baseline.peakRssMb, 1)
        .add(QStringLiteral("budget_rss_mb"), kBudgetRssMb, 0)
        .add(QStringLiteral("same_rows"), same)
        .add(QStringLiteral("pass"),
             same && ratio <= kBudgetRatio && postil.peakRssMb <= kBudgetRssMb)
        .print();
    return same ? 0 : 1;
}

// bench_export: `postil-cli export --format jsonl` of an N-task project against
// the sqlite3 shell dumping the same column (SELECT data FROM tasks > file).
// Budget: ratio <= 3.0. Peak RSS must stay flat: the same export of a project a
// tenth the size is measured too, and the larger may use at most 25% more.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTemporaryDir>

#include "benchsupport.h"

using namespace postil;
using namespace postil::bench;

namespace {

constexpr double kBudgetRatio = 3.0;
constexpr double kFlatGrowth = 1.25;

struct Lines {
    qint64 count = 0;
    QByteArray first;
};

// Counts lines in a file without holding it, and keeps the first one.
Lines countLines(const QString& path) {
    Lines lines;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return lines;
    lines.first = file.readLine().trimmed();
    if (!lines.first.isEmpty())
        lines.count = 1;
    QByteArray chunk;
    while (!(chunk = file.read(1 << 20)).isEmpty())
        lines.count += chunk.count('\n');
    return lines;
}

struct Exported {
    ChildResult run;
    Lines lines;
};

Exported exportWithPostil(const QString& project, const QString& out, const QTemporaryDir& dir,
                          const Environment& env) {
    Exported e;
    e.run = runCliExport("bench_export", QStringLiteral("jsonl"), project, out, dir, env);
    if (e.run.exitCode == 0)
        e.lines = countLines(out);
    return e;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    Args args;
    QTemporaryDir dir;
    if (const int stop = startBench(app, args, dir))
        return stop;
    const QString sqlite3Shell = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
    if (sqlite3Shell.isEmpty()) {
        note(QStringLiteral("bench_export: the sqlite3 shell is not installed (Debian: sqlite3)"));
        return 1;
    }
    const Environment env = cliEnvironment(dir);
    const ProjectPair projects = prepareProjects(
        "bench_export", args, dir, QStringLiteral("bench.postil"),
        QStringLiteral("making projects of %1 and %2 tasks").arg(args.tasks).arg(args.tasks / 10),
        [](const QString& path, qint64 count) { return makeProject(path, count, 0); });
    if (!projects.ok)
        return 1;
    const QString& projectPath = projects.path;
    const QString& tenthPath = projects.tenthPath;
    const qint64 n = projects.tasks;

    const QString errPath = dir.filePath(QStringLiteral("stderr.txt"));
    const QString baselineOut = dir.filePath(QStringLiteral("baseline.txt"));
    note(QStringLiteral("bench_export: sqlite3 shell"));
    const ChildResult baseline =
        runChild({sqlite3Shell, projectPath, QStringLiteral("SELECT data FROM tasks")}, QString(),
                 baselineOut, errPath);
    if (baseline.exitCode != 0) {
        note(QStringLiteral("bench_export: sqlite3 failed: %1").arg(fileText(errPath)));
        return 1;
    }
    const Lines baselineLines = countLines(baselineOut);
    QFile::remove(baselineOut);

    note(QStringLiteral("bench_export: postil-cli export"));
    const QString out = dir.filePath(QStringLiteral("export.jsonl"));
    const Exported postil = exportWithPostil(projectPath, out, dir, env);
    if (postil.run.exitCode != 0)
        return 1;
    const qint64 outBytes = QFileInfo(out).size();
    QFile::remove(out);

    double tenthRss = -1;
    if (!tenthPath.isEmpty()) {
        const Exported tenth =
            exportWithPostil(tenthPath, dir.filePath(QStringLiteral("tenth.jsonl")), dir, env);
        if (tenth.run.exitCode != 0)
            return 1;
        tenthRss = tenth.run.peakRssMb;
    }

    // Same tasks out on both sides: the count, and the first task's data.
    const QJsonObject firstTask = QJsonDocument::fromJson(postil.lines.first).object();
    const QByteArray firstData = canonicalJson(firstTask.value(QStringLiteral("data")).toObject());
    const bool same =
        postil.lines.count == n && baselineLines.count == n && firstData == baselineLines.first;
    if (!same)
        note(QStringLiteral("bench_export: outputs differ: postil %1 lines, sqlite3 %2 lines, "
                            "first data '%3' vs '%4'")
                 .arg(postil.lines.count)
                 .arg(baselineLines.count)
                 .arg(QString::fromUtf8(firstData), QString::fromUtf8(baselineLines.first)));

    const double ratio = postil.run.seconds / baseline.seconds;
    const bool flat = tenthRss < 0 || postil.run.peakRssMb <= tenthRss * kFlatGrowth;
    JsonLine line(QStringLiteral("export_jsonl"));
    line.add(QStringLiteral("tasks"), n)
        .add(QStringLiteral("output_mb"), double(outBytes) / 1048576.0, 1)
        .add(QStringLiteral("postil_s"), postil.run.seconds)
        .add(QStringLiteral("baseline"), "sqlite3 shell, SELECT data FROM tasks > file")
        .add(QStringLiteral("baseline_s"), baseline.seconds)
        .add(QStringLiteral("ratio"), ratio, 2)
        .add(QStringLiteral("budget_ratio"), kBudgetRatio, 1)
        .add(QStringLiteral("postil_cpu_s"), postil.run.cpuSeconds)
        .add(QStringLiteral("baseline_cpu_s"), baseline.cpuSeconds)
        .add(QStringLiteral("peak_rss_mb"), postil.run.peakRssMb, 1);
    if (tenthRss >= 0)
        line.add(QStringLiteral("peak_rss_mb_tenth"), tenthRss, 1)
            .add(QStringLiteral("budget_rss_growth"), kFlatGrowth, 2);
    line.add(QStringLiteral("baseline_peak_rss_mb"), baseline.peakRssMb, 1)
        .add(QStringLiteral("same_rows"), same)
        .add(QStringLiteral("pass"), same && ratio <= kBudgetRatio && flat)
        .print();
    return same ? 0 : 1;
}

// bench_merge: sync by files at size. A lead project of N tasks (default
// 1,000,000); ten packs of N/10 annotations each (ten annotators) sent back.
//   pack-back   `postil-cli pack-back` of one annotator's N/10 rows; budget 2 s
//               at N/10 = 100,000.
//   merge       `postil-cli merge LEAD PACK x10` against the sqlite3 shell
//               doing `INSERT OR REPLACE` of the same rows (ATTACH each pack)
//               into a copy of the same project, in the same run; budget 2x.
//   re-merge    the same merge again: budget 10% of the first.
//   memory      the merge's peak RSS with ten packs against one: flat (25%).

#include <QDir>
#include <QFile>

#include "benchsupport.h"
#include "store/database.h"

using namespace postil;
using namespace postil::bench;

namespace {

constexpr int kPacks = 10;
constexpr double kMergeBudget = 2.0;
constexpr double kRemergeBudget = 0.10;
constexpr double kPackBackBudgetS = 2.0;

// An annotator's own project: the lead's uid, and 'rows' answers on tasks
// first..first+rows-1, written in one statement (as if typed over weeks).
Status makeAnnotatorProject(const QString& path, const QString& leadUid, const QString& annotator,
                            qint64 first, qint64 rows) {
    Project::CreateOptions options;
    options.kind = TaskKind::Text;
    auto project = Project::create(path, options);
    if (!project.ok())
        return Status::failure(project.error());
    Database& db = (*project)->database();
    return db.exec(
        QStringLiteral(
            "UPDATE meta SET value = '%1' WHERE key = 'uid'; "
            "WITH RECURSIVE n(i) AS (SELECT %2 UNION ALL SELECT i + 1 FROM n WHERE i < %3) "
            "INSERT INTO annotations(task_uid, annotator, uid, status, result, lead_ms, hlc, "
            "device, lineage) SELECT 't' || substr('000000' || i, -7), '%4', "
            "lower(hex(randomblob(16))), "
            "'submitted', '{\"answers\":{\"intent\":\"' || CASE i % 2 WHEN 0 THEN 'billing' ELSE "
            "'refund' END || '\"},\"active_ms\":' || (i % 9000) || '}', 1200, %5 + i, 'dev-%4', "
            "'dev-%4=' || (%5 + i) FROM n")
            .arg(leadUid)
            .arg(first)
            .arg(first + rows - 1)
            .arg(annotator)
            .arg(qint64(1) << 40));
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    Args args;
    QTemporaryDir dir;
    if (int stop = startBench(app, args, dir))
        return stop;
    const Environment env = cliEnvironment(dir);
    const qint64 perPack = qMax<qint64>(args.tasks / kPacks, 1);
    const QString lead = dir.filePath(QStringLiteral("lead.postil"));
    note(QStringLiteral("bench_merge: making a lead project of %1 tasks and %2 packs of %3 rows")
             .arg(args.tasks)
             .arg(kPacks)
             .arg(perPack));
    if (Status made = makeProject(lead, args.tasks, 0); !made.ok()) {
        note(made.error());
        return 1;
    }
    QString leadUid;
    {
        auto project = Project::open(lead);
        if (!project.ok())
            return 1;
        leadUid = (*project)->uid();
        static_cast<void>(
            (*project)->database().exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
    }
    QStringList packs;
    const QString errPath = dir.filePath(QStringLiteral("stderr.txt"));
    auto cli = [&](const QStringList& cliArgs) {
        ChildResult run =
            runChild(QStringList{QStringLiteral(POSTIL_CLI_PATH)} + cliArgs, QString(),
                     dir.filePath(QStringLiteral("out.txt")), errPath, env);
        if (run.exitCode != 0)
            note(QStringLiteral("bench_merge: postil-cli %1 failed: %2")
                     .arg(cliArgs.first(), fileText(errPath)));
        return run;
    };
    ChildResult packBack;
    for (int k = 0; k < kPacks; ++k) {
        const QString annotator = QStringLiteral("ann%1").arg(k);
        const QString own = dir.filePath(annotator + QStringLiteral(".postil"));
        if (Status made = makeAnnotatorProject(own, leadUid, annotator, k * perPack + 1, perPack);
            !made.ok()) {
            note(made.error());
            return 1;
        }
        const QString pack = dir.filePath(annotator + QStringLiteral("-back.postilpack"));
        ChildResult run = cli({QStringLiteral("pack-back"), own, QStringLiteral("-o"), pack,
                               QStringLiteral("--annotator"), annotator});
        if (run.exitCode != 0)
            return 1;
        if (k == 0)
            packBack = run;
        packs.append(pack);
    }
    JsonLine(QStringLiteral("bench_merge"))
        .add(QStringLiteral("figure"), "pack-back")
        .add(QStringLiteral("rows"), perPack)
        .add(QStringLiteral("seconds"), packBack.seconds)
        .add(QStringLiteral("budget_seconds"), kPackBackBudgetS)
        .add(QStringLiteral("peak_rss_mb"), packBack.peakRssMb, 1)
        .print();

    // Three copies of the same lead: ours, the shell's, and one for a single pack.
    const QString ours = dir.filePath(QStringLiteral("ours.postil"));
    const QString shell = dir.filePath(QStringLiteral("shell.postil"));
    const QString single = dir.filePath(QStringLiteral("single.postil"));
    for (const QString& copy : {ours, shell, single})
        if (!QFile::copy(lead, copy))
            return 1;
    // The baseline: the sqlite3 shell, in WAL with synchronous FULL as the
    // project is, each pack in its own transaction as the merge does.
    QString script = QStringLiteral("PRAGMA journal_mode = WAL;\nPRAGMA synchronous = FULL;\n");
    for (int k = 0; k < kPacks; ++k)
        script += QStringLiteral(
                      "ATTACH '%1' AS p;\nBEGIN;\nINSERT OR REPLACE INTO annotations SELECT * FROM "
                      "p.annotations;\nCOMMIT;\nDETACH p;\n")
                      .arg(packs[k]);
    const QString scriptPath = dir.filePath(QStringLiteral("baseline.sql"));
    {
        QFile f(scriptPath);
        if (!f.open(QIODevice::WriteOnly))
            return 1;
        f.write(script.toUtf8());
    }
    const ChildResult baseline = runChild({QStringLiteral("/usr/bin/sqlite3"), shell}, scriptPath,
                                          dir.filePath(QStringLiteral("shell.out")), errPath, {});
    if (baseline.exitCode != 0) {
        note(QStringLiteral("bench_merge: sqlite3 failed: %1").arg(fileText(errPath)));
        return 1;
    }
    const ChildResult merge = cli(QStringList{QStringLiteral("merge"), ours} + packs);
    const ChildResult remerge = cli(QStringList{QStringLiteral("merge"), ours} + packs);
    const ChildResult one = cli({QStringLiteral("merge"), single, packs.first()});
    if (merge.exitCode != 0 || remerge.exitCode != 0 || one.exitCode != 0)
        return 1;
    JsonLine(QStringLiteral("bench_merge"))
        .add(QStringLiteral("figure"), "merge")
        .add(QStringLiteral("tasks"), args.tasks)
        .add(QStringLiteral("packs"), kPacks)
        .add(QStringLiteral("rows_per_pack"), perPack)
        .add(QStringLiteral("seconds"), merge.seconds)
        .add(QStringLiteral("cpu_seconds"), merge.cpuSeconds)
        .add(QStringLiteral("sqlite3_seconds"), baseline.seconds)
        .add(QStringLiteral("ratio"), merge.seconds / baseline.seconds)
        .add(QStringLiteral("budget_ratio"), kMergeBudget)
        .print();
    JsonLine(QStringLiteral("bench_merge"))
        .add(QStringLiteral("figure"), "re-merge")
        .add(QStringLiteral("seconds"), remerge.seconds)
        .add(QStringLiteral("ratio_to_first"), remerge.seconds / merge.seconds)
        .add(QStringLiteral("budget_ratio"), kRemergeBudget)
        .print();
    JsonLine(QStringLiteral("bench_merge"))
        .add(QStringLiteral("figure"), "memory")
        .add(QStringLiteral("peak_rss_mb_ten_packs"), merge.peakRssMb, 1)
        .add(QStringLiteral("peak_rss_mb_one_pack"), one.peakRssMb, 1)
        .add(QStringLiteral("growth"), merge.peakRssMb / one.peakRssMb)
        .print();
    keepIfAsked(dir, args);
    return 0;
}

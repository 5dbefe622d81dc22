// merge and conflicts: taking work in (docs/architecture.md "Sync by files").

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "cliproject.h"
#include "commands.h"
#include "console.h"
#include "model/hlc.h"
#include "model/ids.h"
#include "sync/conflicts.h"
#include "sync/packmerger.h"

namespace postil::cli {

namespace {

QJsonObject versionJson(const Annotation& a) {
    return {{QStringLiteral("status"), toString(a.status)},
            {QStringLiteral("deleted"), a.deleted},
            {QStringLiteral("hlc"), a.hlc},
            {QStringLiteral("device"), a.device},
            {QStringLiteral("result"), a.result}};
}

// One version as a person reads it: what it says (the result, cut short when
// long), when (the clock stamp's wall time, UTC) and on which device.
QString versionLine(const Annotation& a) {
    constexpr int kShown = 160;
    QString what;
    if (a.deleted) {
        what = QStringLiteral("deleted");
    } else {
        QString result = QString::fromUtf8(canonicalJson(a.result));
        if (result.size() > kShown)
            result = result.left(kShown) + QStringLiteral("…");
        what = QStringLiteral("%1 %2").arg(toString(a.status), result);
    }
    const QString when =
        QDateTime::fromMSecsSinceEpoch(HybridClock::millis(a.hlc), Qt::UTC).toString(Qt::ISODate);
    return QStringLiteral("%1, %2 on device %3").arg(what, when, a.device.left(8));
}

void printConflicts(const QList<Conflict>& conflicts) {
    for (const Conflict& c : conflicts) {
        printOut(QStringLiteral("%1, %2: kept %3 (live: %4)")
                     .arg(c.taskDescription, c.live.annotator,
                          counted(c.kept.size(), "other version", "other versions"),
                          versionLine(c.live)));
        for (const Annotation& kept : c.kept)
            printOut(QStringLiteral("    %1").arg(versionLine(kept)));
    }
}

int runMerge(const Args& args) {
    auto project = openProject(args.positional().at(0));
    if (!project.ok())
        return failed(project.error());
    QStringList packs;
    for (const QString& arg : args.positional().mid(1))
        packs += packsIn(arg);
    if (packs.isEmpty())
        return failed(QStringLiteral("no .postilpack file in %1")
                          .arg(args.positional().mid(1).join(QStringLiteral(", "))));
    const bool json = args.isSet(QStringLiteral("json"));
    QJsonArray reports;
    int refusedCount = 0;
    for (const QString& pack : packs) {
        ProgressLine progress(QStringLiteral("merging %1").arg(pack));
        MergeOptions options;
        options.progress = progress.callback();
        auto report = mergePack(**project, pack, options);
        progress.finish();
        if (!report.ok()) {
            ++refusedCount;
            printErr(oneLine(report.error()));
            reports.append(QJsonObject{{QStringLiteral("pack"), pack},
                                       {QStringLiteral("error"), oneLine(report.error())}});
            continue;
        }
        const MergeReport& r = *report;
        reports.append(QJsonObject{
            {QStringLiteral("pack"), pack},
            {QStringLiteral("already_merged"), r.alreadyMerged},
            {QStringLiteral("added"), r.added},
            {QStringLiteral("replaced"), r.replaced},
            {QStringLiteral("unchanged"), r.unchanged},
            {QStringLiteral("older"), r.older},
            {QStringLiteral("conflicts"), r.conflicts},
            {QStringLiteral("tasks_added"), r.tasksAdded},
            {QStringLiteral("unknown_tasks"), r.unknownTasks},
            {QStringLiteral("schema_notes"), QJsonArray::fromStringList(r.schemaNotes)}});
        if (r.alreadyMerged) {
            printErr(QStringLiteral("%1: merged before, nothing new").arg(pack));
            continue;
        }
        printErr(QStringLiteral("%1 (%2): %3 added, %4 replaced, %5 unchanged, %6 older than "
                                "the project's%7%8%9")
                     .arg(pack, r.pack.describe())
                     .arg(r.added)
                     .arg(r.replaced)
                     .arg(r.unchanged)
                     .arg(r.older)
                     .arg(r.conflicts > 0
                              ? QStringLiteral(", %1 (see 'postil-cli conflicts')")
                                    .arg(counted(r.conflicts, "conflict kept", "conflicts kept"))
                              : QString(),
                          r.tasksAdded > 0 ? QStringLiteral(", %1").arg(
                                                 counted(r.tasksAdded, "task added", "tasks added"))
                                           : QString(),
                          r.unknownTasks > 0
                              ? QStringLiteral(", %1 for tasks this project does not have (kept)")
                                    .arg(counted(r.unknownTasks, "row", "rows"))
                              : QString()));
        for (const QString& note : r.schemaNotes)
            printErr(QStringLiteral("  %1").arg(note));
    }
    if (json)
        printOut(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("packs"), reports}})
                                       .toJson(QJsonDocument::Compact)));
    return refusedCount > 0 ? kExitFailed : kExitOk;
}

int runConflicts(const Args& args) {
    auto project = openProject(args.positional().at(0));
    if (!project.ok())
        return failed(project.error());
    auto conflicts = listConflicts(**project);
    if (!conflicts.ok())
        return failed(conflicts.error());
    if (args.isSet(QStringLiteral("json"))) {
        QJsonArray list;
        for (const Conflict& c : *conflicts) {
            QJsonArray kept;
            for (const Annotation& k : c.kept)
                kept.append(versionJson(k));
            list.append(QJsonObject{{QStringLiteral("task_id"), c.taskId},
                                    {QStringLiteral("task_uid"), c.taskUid},
                                    {QStringLiteral("annotator"), c.live.annotator},
                                    {QStringLiteral("live"), versionJson(c.live)},
                                    {QStringLiteral("kept"), kept}});
        }
        printOut(QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("conflicts"), list}})
                                       .toJson(QJsonDocument::Compact)));
    } else {
        printConflicts(*conflicts);
    }
    printErr(QStringLiteral("%1: %2").arg((*project)->path(),
                                          counted(conflicts->size(), "conflict", "conflicts")));
    return kExitOk;
}

}  // namespace

CommandSpec mergeCommand() {
    CommandSpec spec;
    spec.name = QStringLiteral("merge");
    spec.summary = QStringLiteral(
        "Merge packs into the project: work sent back (pack-back), whole hand-out packs, or a "
        "folder of .postilpack files (an inbox). Per task and annotator the latest version "
        "wins; versions made apart on two devices are all kept (see 'conflicts'). Any order, "
        "any number of times, gives the same project. Each pack is one transaction; a pack of "
        "another project, damaged, cut short or from a newer Postil is refused and changes "
        "nothing. Exit 1 when any pack was refused.");
    spec.positionals = {QStringLiteral("PROJECT"), QStringLiteral("PACK...")};
    spec.options = {{QStringLiteral("json"), QString(),
                     QStringLiteral("One JSON object on stdout: a report per pack.")}};
    spec.run = runMerge;
    return spec;
}

CommandSpec conflictsCommand() {
    CommandSpec spec;
    spec.name = QStringLiteral("conflicts");
    spec.summary = QStringLiteral(
        "List the answers an annotator changed on two devices apart: the live version and the "
        "versions kept beside it, per task. Take one in the studio (the banner over the "
        "task, Take This Version); nothing is dropped until then.");
    spec.positionals = {QStringLiteral("PROJECT")};
    spec.options = {{QStringLiteral("json"), QString(),
                     QStringLiteral("One JSON object on stdout: task id, annotator, both "
                                    "versions.")}};
    spec.run = runConflicts;
    return spec;
}

}  // namespace postil::cli

// pack-out and pack-back: the two ends of sync by files
// (docs/architecture.md "Sync by files"); the work is core/sync's.

#include <QDir>
#include <QFileInfo>

#include "cliproject.h"
#include "commands.h"
#include "console.h"
#include "sync/packmanifest.h"
#include "sync/packselection.h"
#include "sync/packwriter.h"

namespace postil::cli {

namespace {

QString sizeText(qint64 bytes) {
    return bytes >= 1024 * 1024
               ? QStringLiteral("%1 MB").arg(double(bytes) / (1024 * 1024), 0, 'f', 1)
               : QStringLiteral("%1 kB").arg((bytes + 1023) / 1024);
}

void printWritten(const PackWriteReport& r) {
    printErr(QStringLiteral("%1: %2, %3%4 (%5)")
                 .arg(r.path, counted(r.tasks, "task", "tasks"),
                      counted(r.annotations, "annotation", "annotations"),
                      r.media > 0
                          ? QStringLiteral(", ") + counted(r.media, "media file", "media files")
                          : QString(),
                      sizeText(r.bytes)));
}

int runPackOut(const CommandSpec& spec, const Args& args) {
    const QString output = args.value(QStringLiteral("output"));
    const QStringList annotators =
        args.value(QStringLiteral("annotator")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    const bool split = args.isSet(QStringLiteral("split"));
    bool ok = true;
    const int shares = split ? args.value(QStringLiteral("split")).toInt(&ok) : 1;
    if (!ok || shares < 1)
        return usageError(spec, QStringLiteral("--split takes a number of shares (1 or more)"));
    if (annotators.size() != shares)
        return usageError(spec, split ? QStringLiteral("--split %1 needs %1 annotators: "
                                                       "--annotator NAME,NAME,...")
                                            .arg(shares)
                                      : QStringLiteral("--annotator takes one name (several "
                                                       "with --split N)"));
    const int overlap = args.value(QStringLiteral("overlap"), QStringLiteral("0")).toInt(&ok);
    if (!ok || overlap < 0 || overlap > 100)
        return usageError(spec, QStringLiteral("--overlap takes a percentage, 0 to 100"));
    if (overlap > 0 && !split)
        return usageError(spec, QStringLiteral("--overlap applies to --split only"));
    if (split && !QFileInfo(output).isDir())
        return usageError(spec, QStringLiteral("with --split, -o names a folder that exists (one "
                                               "NAME.postilpack each)"));

    auto project = openProject(args.positional().at(0));
    if (!project.ok())
        return failed(project.error());
    auto ids = selectTasks(**project, args.value(QStringLiteral("tasks")));
    if (!ids.ok())
        return usageError(spec, ids.error());
    if (ids->isEmpty())
        return failed(QStringLiteral("%1: no task matches --tasks '%2'; nothing to hand out")
                          .arg((*project)->path(), args.value(QStringLiteral("tasks"))));
    const QList<QList<qint64>> parts = splitShares(*ids, shares, overlap);
    QStringList proposals{QStringLiteral("model:*")};
    if (args.isSet(QStringLiteral("proposals")))
        proposals =
            args.value(QStringLiteral("proposals")).split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (int i = 0; i < shares; ++i) {
        PackOutOptions options;
        options.annotator = annotators[i].trimmed();
        options.output =
            split ? QDir(output).filePath(options.annotator + QStringLiteral(".postilpack"))
                  : output;
        // A name from the command line still may not leave the folder.
        // (QDir cleans the folder's name: "packs/" and "packs" are one folder.)
        if (split && QFileInfo(options.output).absolutePath() != QDir(output).absolutePath())
            return usageError(spec,
                              QStringLiteral("'%1' cannot be a file name").arg(options.annotator));
        options.taskIds = parts[i];
        options.proposalsFrom = proposals;
        options.withMedia = args.isSet(QStringLiteral("with-media"));
        ProgressLine progress(QStringLiteral("packing for %1").arg(options.annotator));
        options.progress = progress.callback();
        auto written = writePackOut(**project, options);
        progress.finish();
        if (!written.ok())
            return failed(oneLine(written.error()));
        printWritten(*written);
    }
    return kExitOk;
}

int runPackBack(const Args& args) {
    auto project = openProject(args.positional().at(0));
    if (!project.ok())
        return failed(project.error());
    PackBackOptions options;
    options.output = args.value(QStringLiteral("output"));
    options.annotator = args.value(QStringLiteral("annotator"), (*project)->annotator());
    ProgressLine progress(QStringLiteral("packing"));
    options.progress = progress.callback();
    auto written = writePackBack(**project, options);
    progress.finish();
    if (!written.ok())
        return failed(oneLine(written.error()));
    printWritten(*written);
    if (written->annotations == 0)
        printErr(QStringLiteral("note: %1 has no rows in %2 (is that the annotator's name?)")
                     .arg(options.annotator, (*project)->path()));
    return kExitOk;
}

}  // namespace

CommandSpec packOutCommand() {
    CommandSpec spec;
    spec.name = QStringLiteral("pack-out");
    spec.summary = QStringLiteral(
        "Hand out work as a pack file. The pack is a Postil project limited to the tasks chosen: "
        "the annotator opens it in the studio (or any postil-cli command) and sends the work "
        "back with pack-back. It carries the project's id and schema, the annotator's own "
        "earlier rows on those tasks, the lead's reviews of them and the rows of --proposals as "
        "pre-annotations, and a manifest with the SHA-256 of its content.");
    spec.positionals = {QStringLiteral("PROJECT")};
    spec.options = {
        {QStringLiteral("output"), QStringLiteral("PACK"),
         QStringLiteral("The .postilpack to write (never overwritten); with --split, a folder."),
         true, QStringLiteral("o")},
        {QStringLiteral("annotator"), QStringLiteral("NAME[,NAME...]"),
         QStringLiteral("Who works in the pack; with --split N, N names."), true},
        {QStringLiteral("tasks"), QStringLiteral("FILTER"),
         QStringLiteral("Which tasks: status words (all, unannotated, unfinished, submitted, "
                        "draft, skipped, returned), kinds (image, text, audio, compare), ids or "
                        "ranges (1-500), @FILE of ids or uids; comma-separated (default: all).")},
        {QStringLiteral("split"), QStringLiteral("N"),
         QStringLiteral("N equal shares of runs of consecutive tasks, one pack each.")},
        {QStringLiteral("overlap"), QStringLiteral("PCT"),
         QStringLiteral("With --split, this share of each part also goes to the next annotator "
                        "(two answers per task, for agreement).")},
        {QStringLiteral("proposals"), QStringLiteral("NAME[,NAME...]"),
         QStringLiteral("Annotators whose rows go along as pre-annotations; NAME* matches a "
                        "prefix (default: model:*).")},
        {QStringLiteral("with-media"), QString(),
         QStringLiteral("Put the media files inside the pack (up to 512 MB each); they are "
                        "unpacked beside it when it is first opened.")}};
    spec.run = [spec](const Args& args) { return runPackOut(spec, args); };
    return spec;
}

CommandSpec packBackCommand() {
    CommandSpec spec;
    spec.name = QStringLiteral("pack-back");
    spec.summary = QStringLiteral(
        "Send work back as a pack file: one annotator's rows (annotations, deletions, versions "
        "kept from conflicts, with their clock stamps and devices) and nothing else, for the "
        "lead to merge.");
    spec.positionals = {QStringLiteral("PROJECT")};
    spec.options = {{QStringLiteral("output"), QStringLiteral("PACK"),
                     QStringLiteral("The .postilpack to write (never overwritten)."), true,
                     QStringLiteral("o")},
                    {QStringLiteral("annotator"), QStringLiteral("NAME"),
                     QStringLiteral("Whose rows (default: the pack's annotator, else yours).")}};
    spec.run = runPackBack;
    return spec;
}

}  // namespace postil::cli

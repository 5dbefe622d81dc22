#include <QFileInfo>

#include "cliproject.h"
#include "commands.h"
#include "console.h"
#include "formats/formatregistry.h"
#include "model/annotation.h"

namespace postil::cli {

namespace {

int runExport(const CommandSpec& spec, const Args& args) {
    const QString projectPath = args.positional().at(0);
    const QString formatName = args.value(QStringLiteral("format"));
    const QString output = args.value(QStringLiteral("output"));
    Format* format = FormatRegistry::instance().byName(formatName);
    if (!format)
        return usageError(
            spec, QStringLiteral("unknown format '%1' (see 'postil-cli formats')").arg(formatName));
    if (!format->canWrite())
        return usageError(spec, QStringLiteral("format '%1' cannot be exported (see "
                                               "'postil-cli formats')")
                                    .arg(format->name()));
    ExportOptions options;
    options.annotator = args.value(QStringLiteral("annotator"));
    options.status = args.value(QStringLiteral("status"));
    if (!options.status.isEmpty() && !annotationStatusFromString(options.status))
        return usageError(spec, QStringLiteral("unknown status '%1' (draft, submitted or skipped)")
                                    .arg(options.status));
    const QFileInfo outInfo(output);
    if (outInfo.exists() &&
        outInfo.canonicalFilePath() == QFileInfo(projectPath).canonicalFilePath())
        return usageError(spec, QStringLiteral("-o %1 is the project file itself").arg(output));

    auto project = openProject(projectPath);
    if (!project.ok())
        return failed(project.error());
    ProgressLine progress(QStringLiteral("exporting"));
    options.progress = progress.callback();
    ExportReport report;
    Status written = format->write(**project, output, options, report);
    progress.finish();
    if (!written.ok())
        return failed(written.error().contains(output)
                          ? written.error()
                          : QStringLiteral("%1: %2").arg(output, written.error()));
    for (const QString& warning : report.warnings)
        printErr(QStringLiteral("warning: ") + oneLine(warning));
    printOut(QStringLiteral("%1: %2, %3 exported as %4")
                 .arg(output, counted(report.tasks, "task", "tasks"),
                      counted(report.annotations, "annotation", "annotations"), format->name()));
    return kExitOk;
}

}  // namespace

CommandSpec exportCommand() {
    CommandSpec spec;
    spec.name = QStringLiteral("export");
    spec.summary = QStringLiteral(
        "Write the project's tasks and annotations in a training format. The output file "
        "appears whole or not at all.");
    spec.positionals = {QStringLiteral("PROJECT")};
    spec.options = {
        {QStringLiteral("format"), QStringLiteral("FMT"),
         QStringLiteral("Output format (see 'postil-cli formats')."), true},
        {QStringLiteral("output"), QStringLiteral("OUT"), QStringLiteral("The file to write."),
         true, QStringLiteral("o")},
        {QStringLiteral("annotator"), QStringLiteral("NAME"),
         QStringLiteral("Only this annotator's annotations.")},
        {QStringLiteral("status"), QStringLiteral("STATUS"),
         QStringLiteral("Only annotations with this status: draft, submitted or skipped.")},
    };
    spec.run = [spec](const Args& args) { return runExport(spec, args); };
    return spec;
}

}  // namespace postil::cli

#include <QFileInfo>

#include "cliproject.h"
#include "commands.h"
#include "console.h"
#include "formats/formatregistry.h"
#include "formats/importsession.h"

namespace postil::cli {

namespace {

const QString kAuto = QStringLiteral("auto");

int runImport(const CommandSpec& spec, const Args& args) {
    const QString projectPath = args.positional().at(0);
    const QStringList inputs = args.positional().mid(1);
    const QString formatName = args.value(QStringLiteral("format"), kAuto);

    // Usage first, then the inputs, then the project: nothing is opened for a
    // command that cannot succeed.
    if (formatName != kAuto) {
        const Format* format = FormatRegistry::instance().byName(formatName);
        if (!format)
            return usageError(
                spec,
                QStringLiteral("unknown format '%1' (see 'postil-cli formats')").arg(formatName));
        if (!format->canRead())
            return usageError(spec, QStringLiteral("format '%1' cannot be imported (see "
                                                   "'postil-cli formats')")
                                        .arg(format->name()));
    }
    for (const QString& input : inputs) {
        if (!QFileInfo::exists(input))
            return failed(QStringLiteral("%1: no such file or folder").arg(input));
        if (formatName == kAuto && !FormatRegistry::instance().detectReader(input))
            return failed(QStringLiteral("%1: cannot tell the format; pass --format (see "
                                         "'postil-cli formats')")
                              .arg(input));
    }

    auto project = openProject(projectPath);
    if (!project.ok())
        return failed(project.error());

    ImportOptions options;
    options.skipBad = args.isSet(QStringLiteral("skip-bad"));
    options.asAnnotator = args.value(QStringLiteral("as"));
    for (const char* key : {"text-column", "id-column"})
        if (args.isSet(QLatin1String(key)))
            options.formatOptions.insert(QLatin1String(key), args.value(QLatin1String(key)));
    ProgressLine progress(QStringLiteral("importing"));
    options.progress = progress.callback();

    auto report = importFiles(**project, inputs, formatName, options);
    progress.finish();
    if (!report.ok())
        return failed(report.error());
    for (const QString& bad : report->badRecords)
        printErr(oneLine(bad));

    const qint64 good = report->tasksAdded + report->tasksAlreadyThere;
    if (!report->badRecords.isEmpty() && good == 0)
        return failed(QStringLiteral("%1: nothing imported: every record was bad (%2)")
                          .arg(inputs.join(QStringLiteral(", ")))
                          .arg(report->badRecords.size()));
    QString summary = QStringLiteral("%1: %2 added, %3 already there, %4 added")
                          .arg(projectPath, counted(report->tasksAdded, "task", "tasks"),
                               QString::number(report->tasksAlreadyThere),
                               counted(report->annotationsAdded, "annotation", "annotations"));
    if (options.skipBad)
        summary += QStringLiteral(", %1 skipped")
                       .arg(counted(report->badRecords.size(), "bad record", "bad records"));
    printOut(summary);
    return kExitOk;
}

}  // namespace

CommandSpec importCommand() {
    CommandSpec spec;
    spec.name = QStringLiteral("import");
    spec.summary = QStringLiteral(
        "Add tasks (and their annotations) from files or folders. The import is atomic: on the "
        "first bad record nothing is added and the error names the file and line.");
    spec.positionals = {QStringLiteral("PROJECT"), QStringLiteral("INPUT...")};
    spec.options = {
        {QStringLiteral("format"), QStringLiteral("auto|FMT"),
         QStringLiteral("Input format; default: detected per input (see 'postil-cli formats').")},
        {QStringLiteral("as"), QStringLiteral("ANNOTATOR"),
         QStringLiteral("Attribute every imported annotation to this annotator.")},
        {QStringLiteral("skip-bad"), QString(),
         QStringLiteral("Keep the good records; list each bad one on stderr.")},
        {QStringLiteral("text-column"), QStringLiteral("COL"),
         QStringLiteral("Tables: the column holding the text.")},
        {QStringLiteral("id-column"), QStringLiteral("COL"),
         QStringLiteral("Tables: the column holding the task id.")},
    };
    spec.notes = QStringLiteral(
        "Importing the same records again adds nothing: a task is known by its id, or by a hash\n"
        "of its kind and data. Annotations without an annotator are attributed to the local\n"
        "annotator (settings, or the POSTIL_ANNOTATOR environment variable).\n"
        "With --skip-bad the exit status is 0 when at least one record was good and 1 when\n"
        "every record was bad.");
    spec.run = [spec](const Args& args) { return runImport(spec, args); };
    return spec;
}

}  // namespace postil::cli

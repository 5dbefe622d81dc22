#include <QJsonDocument>

#include "commands.h"
#include "console.h"
#include "model/projectcheck.h"

namespace postil::cli {

namespace {

int runCheck(const Args& args) {
    const QString path = args.positional().at(0);
    CheckOptions options;
    ProgressLine progress(QStringLiteral("checking media"));
    options.progress = progress.callback();
    // Read-only: a check never upgrades or otherwise writes the file.
    auto report = checkProjectFile(path, options);
    progress.finish();
    if (!report.ok())
        return failed(report.error());
    if (args.isSet(QStringLiteral("json"))) {
        printOut(QString::fromUtf8(QJsonDocument(report->toJson()).toJson(QJsonDocument::Compact)));
    } else {
        for (const CheckProblem& problem : report->problems)
            printOut(oneLine(problem.message));
    }
    const QString checked =
        QStringLiteral("%1, %2, %3 checked")
            .arg(counted(report->tasksChecked, "task", "tasks"),
                 counted(report->annotationsChecked, "annotation", "annotations"),
                 counted(report->mediaChecked, "media file", "media files"));
    if (report->clean()) {
        printErr(QStringLiteral("%1: ok (%2)").arg(path, checked));
        return kExitOk;
    }
    printErr(QStringLiteral("%1: %2 (%3)")
                 .arg(path, counted(report->problems.size(), "problem", "problems"), checked));
    return kExitFailed;
}

}  // namespace

CommandSpec checkCommand() {
    CommandSpec spec;
    spec.name = QStringLiteral("check");
    spec.summary = QStringLiteral(
        "Check the project file and its media links. Runs SQLite's integrity and foreign key "
        "checks, parses every task's data and hashes every media file (present where recorded, "
        "bytes unchanged), and probes that each image and audio file decodes (header, size and "
        "end of file, no full decode: a text file renamed .jpg or a truncated JPEG is reported). "
        "Each problem is one line on stdout; the summary is on stderr. Exit 0 "
        "when clean, 1 when anything is wrong. Nothing is written to the file.");
    spec.positionals = {QStringLiteral("PROJECT")};
    spec.options = {{QStringLiteral("json"), QString(),
                     QStringLiteral("One JSON object on stdout, problems included.")}};
    spec.run = runCheck;
    return spec;
}

}  // namespace postil::cli

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include "assist/assistmodel.h"
#include "assist/assistrun.h"
#include "cliproject.h"
#include "commands.h"
#include "console.h"

namespace postil::cli {

namespace {

QJsonObject reportJson(const AssistReport& report, const AssistSelection& selection) {
    QJsonArray failures;
    for (const AssistReport::Failure& f : report.failures)
        failures.append(
            QJsonObject{{QStringLiteral("task"), f.task}, {QStringLiteral("reason"), f.reason}});
    return {{QStringLiteral("done"), report.done},
            {QStringLiteral("failed"), report.failed},
            {QStringLiteral("skipped"), selection.finished + selection.otherKinds},
            {QStringLiteral("skipped_finished"), selection.finished},
            {QStringLiteral("skipped_other_kinds"), selection.otherKinds},
            {QStringLiteral("failures"), failures},
            {QStringLiteral("problems"), QJsonArray::fromStringList(report.problems)},
            {QStringLiteral("version"), report.version},
            {QStringLiteral("cancelled"), report.cancelled}};
}

void printFailures(const AssistReport& report) {
    for (const AssistReport::Failure& f : report.failures) {
        const QStringList lines = f.reason.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        printErr(QStringLiteral("failed: %1: %2").arg(f.task, lines.value(0)));
        for (qsizetype i = 1; i < lines.size(); ++i)
            printErr(QStringLiteral("  ") + lines.at(i));
    }
    if (report.failed > report.failures.size())
        printErr(QStringLiteral("failed: %1 more not listed")
                     .arg(report.failed - report.failures.size()));
    for (const QString& problem : report.problems)
        printErr(QStringLiteral("warning: ") + oneLine(problem));
}

int runAssistCommand(const CommandSpec& spec, const Args& args) {
    const QString projectPath = args.positional().at(0);
    const QString modelName = args.value(QStringLiteral("model"));
    const QString statusName = args.value(QStringLiteral("status"), QStringLiteral("unfinished"));
    AssistSelection::Status status = AssistSelection::Status::Unfinished;
    if (statusName == QLatin1String("all"))
        status = AssistSelection::Status::All;
    else if (statusName != QLatin1String("unfinished"))
        return usageError(
            spec, QStringLiteral("--status takes unfinished or all, not '%1'").arg(statusName));
    AssistOptions options;
    if (args.isSet(QStringLiteral("jobs"))) {
        bool ok = false;
        options.jobs = args.value(QStringLiteral("jobs")).toInt(&ok);
        if (!ok || options.jobs < 1 || options.jobs > 64)
            return usageError(spec, QStringLiteral("--jobs takes a number from 1 to 64"));
    }
    if (args.isSet(QStringLiteral("timeout"))) {
        bool ok = false;
        options.timeoutS = args.value(QStringLiteral("timeout")).toDouble(&ok);
        if (!ok || !(options.timeoutS > 0) || options.timeoutS > AssistModel::kMaxTimeoutS)
            return usageError(spec, QStringLiteral("--timeout takes seconds, more than 0 and at "
                                                   "most a day"));
    }

    auto project = openProject(projectPath);
    if (!project.ok())
        return failed(project.error());
    if (Status writable = (*project)->database().checkWritable(); !writable.ok())
        return failed(writable.error());
    auto model = assistmodels::find((*project)->schema(), modelName);
    if (!model.ok())
        return failed(QStringLiteral("%1: %2").arg(projectPath, model.error()));
    auto selection =
        AssistSelection::select(**project, *model, args.value(QStringLiteral("tasks")), status);
    if (!selection.ok())
        return failed(selection.error());
    if (model->batch && options.jobs > 1)
        printErr(QStringLiteral("note: model '%1' runs in batch mode, one process; --jobs is "
                                "for per-task models")
                     .arg(model->name));

    ProgressLine progress(QStringLiteral("assist %1").arg(model->name));
    options.progress = progress.callback();
    auto report = runAssist(**project, *model, selection->taskIds, options);
    progress.finish();
    if (!report.ok())
        return failed(report.error());

    if (args.isSet(QStringLiteral("json"))) {
        printOut(QString::fromUtf8(
            QJsonDocument(reportJson(*report, *selection)).toJson(QJsonDocument::Compact)));
    } else {
        printFailures(*report);
        const qint64 skippedCount = selection->finished + selection->otherKinds;
        QString skipped = QStringLiteral("%1 skipped").arg(skippedCount);
        if (skippedCount > 0)
            skipped += QStringLiteral(" (%1 finished, %2 of other kinds)")
                           .arg(selection->finished)
                           .arg(selection->otherKinds);
        printOut(QStringLiteral("%1: model %2%3: %4 done, %5 failed, %6")
                     .arg(projectPath, model->name,
                          report->version.isEmpty() ? QString()
                                                    : QStringLiteral(" (%1)").arg(report->version))
                     .arg(report->done)
                     .arg(report->failed)
                     .arg(skipped));
    }
    return report->failed > 0 ? kExitFailed : kExitOk;
}

}  // namespace

CommandSpec assistCommand() {
    CommandSpec spec;
    spec.name = QStringLiteral("assist");
    spec.summary = QStringLiteral(
        "Run one of the project's models on its tasks and store the answers as the model's "
        "draft annotations (proposals in the editors). A model is a command the project's "
        "schema names under \"models\" (docs/assist.md).");
    spec.positionals = {QStringLiteral("PROJECT")};
    spec.options = {
        {QStringLiteral("model"), QStringLiteral("NAME"),
         QStringLiteral("The model to run (the name of an entry of the schema's \"models\")."),
         true},
        {QStringLiteral("tasks"), QStringLiteral("FILTER"),
         QStringLiteral("Only these tasks: comma-separated ids (12), id ranges (1-100) and "
                        "task uids; default: every task of the model's kinds.")},
        {QStringLiteral("status"), QStringLiteral("unfinished|all"),
         QStringLiteral("unfinished (the default): tasks you have not submitted or skipped; "
                        "all: every task.")},
        {QStringLiteral("jobs"), QStringLiteral("N"),
         QStringLiteral("Per-task models: run N commands at once (default 1).")},
        {QStringLiteral("timeout"), QStringLiteral("S"),
         QStringLiteral("Seconds a task may take, instead of the model's timeout_s.")},
        {QStringLiteral("json"), QString(),
         QStringLiteral("The summary as one JSON object on stdout.")},
    };
    spec.notes = QStringLiteral(
        "The command runs through /bin/sh in the project's folder. Per task it reads one\n"
        "JSON line {\"id\", \"kind\", \"data\"} (media paths absolute) on standard input and\n"
        "prints the task's result as one JSON object; with \"batch\": true it is started once,\n"
        "reads a line per task and prints lines {\"id\", \"result\"} in any order.\n"
        "Each answer is checked against the schema and stored as a draft by the annotator\n"
        "model:NAME, replacing that model's earlier draft of the task; nobody else's\n"
        "annotation is touched. A task whose command fails, takes longer than the timeout,\n"
        "prints something other than a JSON object or answers what breaks the schema (a\n"
        "label the project lacks, a box outside the image, a span past the end of the text,\n"
        "a segment past the end of the audio) is listed on stderr with the command's last\n"
        "lines of stderr, its earlier draft kept, and the run goes on.\n"
        "Exit status: 0 when every task was answered, 1 when any failed.");
    spec.run = [spec](const Args& args) { return runAssistCommand(spec, args); };
    return spec;
}

}  // namespace postil::cli

#include <QJsonDocument>

#include "cliproject.h"
#include "commands.h"
#include "console.h"
#include "model/projectstats.h"

namespace postil::cli {

namespace {

QString statusList(const AnnotatorStats& a) {
    QStringList parts;
    for (auto it = a.byStatus.begin(); it != a.byStatus.end(); ++it)
        parts << QStringLiteral("%1 %2").arg(it.key()).arg(it.value());
    return parts.join(QStringLiteral(", "));
}

void printText(const ProjectStats& stats) {
    QStringList kinds;
    for (auto it = stats.tasksByKind.begin(); it != stats.tasksByKind.end(); ++it)
        kinds << QStringLiteral("%1 %2").arg(toString(it.key())).arg(it.value());
    const QList<std::pair<const char*, QString>> rows{
        {"project:", stats.name},
        {"kind:", toString(stats.kind)},
        {"tasks:",
         kinds.isEmpty()
             ? QString::number(stats.tasks)
             : QStringLiteral("%1 (%2)").arg(stats.tasks).arg(kinds.join(QStringLiteral(", ")))},
        {"annotations:", QString::number(stats.annotations)},
    };
    for (const auto& [key, value] : rows)
        printOut(QStringLiteral("%1 %2").arg(QLatin1String(key), -12).arg(value));
    qsizetype width = 0;
    for (const AnnotatorStats& a : stats.annotators)
        width = qMax(width, a.annotator.size());
    for (const AnnotatorStats& a : stats.annotators)
        printOut(QStringLiteral("  %1  done %2/%3  (%4)")
                     .arg(a.annotator.leftJustified(width))
                     .arg(a.done)
                     .arg(stats.tasks)
                     .arg(statusList(a)));
}

int runStats(const Args& args) {
    auto project = openProject(args.positional().at(0));
    if (!project.ok())
        return failed(project.error());
    auto stats = computeProjectStats(**project);
    if (!stats.ok())
        return failed(stats.error());
    if (args.isSet(QStringLiteral("json")))
        printOut(QString::fromUtf8(QJsonDocument(stats->toJson()).toJson(QJsonDocument::Compact)));
    else
        printText(*stats);
    return kExitOk;
}

}  // namespace

CommandSpec statsCommand() {
    CommandSpec spec;
    spec.name = QStringLiteral("stats");
    spec.summary = QStringLiteral(
        "Count the project's tasks and annotations. Shows tasks per kind and each annotator's "
        "annotations per status, with done (submitted or skipped) out of all tasks.");
    spec.positionals = {QStringLiteral("PROJECT")};
    spec.options = {
        {QStringLiteral("json"), QString(), QStringLiteral("One JSON object on stdout.")}};
    spec.run = runStats;
    return spec;
}

}  // namespace postil::cli

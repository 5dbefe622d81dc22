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

// "  gold 3/4 matched (75%)": submitted gold tasks that agree with the gold.
QString goldSummary(const ProjectStats& stats, const AnnotatorStats& a) {
    if (stats.goldTasks == 0)
        return {};
    if (a.goldAnswered == 0)
        return QStringLiteral("  gold 0/0");
    return QStringLiteral("  gold %1/%2 matched (%3%)")
        .arg(a.goldMatched)
        .arg(a.goldAnswered)
        .arg(qRound(100.0 * double(a.goldMatched) / double(a.goldAnswered)));
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
    if (stats.goldTasks > 0)
        printOut(
            QStringLiteral("%1 %2").arg(QLatin1String("gold tasks:"), -12).arg(stats.goldTasks));
    qsizetype width = 0;
    for (const AnnotatorStats& a : stats.annotators)
        width = qMax(width, a.annotator.size());
    for (const AnnotatorStats& a : stats.annotators)
        printOut(QStringLiteral("  %1  done %2/%3  (%4)%5")
                     .arg(a.annotator.leftJustified(width))
                     .arg(a.done)
                     .arg(stats.tasks)
                     .arg(statusList(a), goldSummary(stats, a)));
    // How much each model helped, from the submitted rows that worked from it.
    for (const AssistHelpStats& h : stats.assistHelp)
        printOut(QStringLiteral("model help:  %1 on %2 submitted tasks: %3 accepted unchanged, "
                                "%4 edited, %5 rejected, %6 added by hand; %7% of the "
                                "submitted parts came from the model")
                     .arg(h.from)
                     .arg(h.tasks)
                     .arg(h.accepted)
                     .arg(h.edited)
                     .arg(h.rejected)
                     .arg(h.added)
                     .arg(qRound(100 * h.proposedShare())));
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
        "annotations per status, with done (submitted or skipped) out of all tasks. When "
        "comparison tasks carry a gold verdict (data.gold), also each annotator's submitted gold "
        "tasks and how many agree with the gold. When people submitted work that started from a "
        "model's proposals (postil-cli assist), how much each model helped: proposals accepted "
        "unchanged, edited, rejected, and parts added by hand.");
    spec.positionals = {QStringLiteral("PROJECT")};
    spec.options = {
        {QStringLiteral("json"), QString(), QStringLiteral("One JSON object on stdout.")}};
    spec.run = runStats;
    return spec;
}

}  // namespace postil::cli

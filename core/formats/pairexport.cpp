#include "formats/pairexport.h"

#include "model/comparisonresult.h"
#include "model/task.h"

namespace postil::comparisonexport {

namespace {

// Named annotations are useful to look up; past this many, a count says the rest.
constexpr int kNamedWarnings = 10;

}  // namespace

Status writePreferencePairs(Project& project, const QString& path, const ExportOptions& options,
                            ExportReport& report,
                            const std::function<void(QByteArray&, const PairLine&)>& openLine) {
    const bool keepTies = hasOption(options, "keep-ties");
    const bool margin = hasOption(options, "margin");
    StreamedFile file(path);
    if (Status s = file.open(); !s.ok())
        return s;

    qint64 tiesLeftOut = 0;
    qint64 bothBadLeftOut = 0;
    qint64 withoutVerdict = 0;
    Status visited =
        forEachComparisonTask(project, options, report, [&](const ComparisonTask& task) -> Status {
            const int count = comparison::responseCount(task.data);
            bool taskWritten = false;
            for (const AnnotationRow& a : task.annotations) {
                const ComparisonResult parsed = ComparisonResult::read(a.result, count);
                QList<bool> ties;
                const auto pairs = comparison::preferencePairs(parsed, keepTies, keepTies, &ties);
                const bool bothBad = parsed.isBothBad();
                if (pairs.isEmpty()) {
                    if (!parsed.hasVerdict()) {
                        // A skipped task is expected to say nothing.
                        if (a.status != QLatin1String("skipped") &&
                            ++withoutVerdict <= kNamedWarnings)
                            report.warnings << QStringLiteral(
                                                   "%1: the %2 annotation by %3 states no "
                                                   "preference or ranking")
                                                   .arg(Task::describe(task.id, task.uid), a.status,
                                                        a.annotator);
                    } else if (bothBad) {
                        ++bothBadLeftOut;
                    } else {
                        ++tiesLeftOut;
                    }
                    continue;
                }
                QByteArray& out = file.out();
                for (qsizetype i = 0; i < pairs.size(); ++i) {
                    openLine(out, PairLine{task, a, pairs[i], ties[i], bothBad});
                    if (margin) {
                        out.append(",\"margin\":");
                        out.append(QByteArray::number(pairs[i].strength));
                    }
                    if (keepTies) {
                        out.append(ties[i] ? ",\"tie\":true" : ",\"tie\":false");
                        out.append(bothBad ? ",\"both_bad\":true" : ",\"both_bad\":false");
                    }
                    out.append("}\n");
                }
                ++report.annotations;
                taskWritten = true;
                if (Status s = file.flushIfFull(); !s.ok())
                    return s;
            }
            if (taskWritten)
                ++report.tasks;
            return Status::success();
        });
    if (!visited.ok())
        return visited;
    if (Status s = file.commit(); !s.ok())
        return s;

    if (withoutVerdict > kNamedWarnings)
        report.warnings << QStringLiteral("%1 more annotations state no preference or ranking")
                               .arg(withoutVerdict - kNamedWarnings);
    if (tiesLeftOut + bothBadLeftOut > 0)
        report.warnings << QStringLiteral(
                               "left out %1 tied and %2 both-bad annotations "
                               "(--keep-ties keeps them, marked)")
                               .arg(tiesLeftOut)
                               .arg(bothBadLeftOut);
    return Status::success();
}

}  // namespace postil::comparisonexport

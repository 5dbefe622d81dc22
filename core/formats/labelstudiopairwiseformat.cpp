#include "formats/labelstudiopairwiseformat.h"

#include "formats/comparisonexport.h"
#include "model/comparison.h"
#include "model/comparisonresult.h"

namespace postil {

using namespace comparisonexport;

namespace {

// The tag names of Label Studio's pairwise template.
const QString kComparison = QStringLiteral("comparison");

QJsonObject pairwiseResult(const QString& selected) {
    return QJsonObject{
        {QStringLiteral("type"), QStringLiteral("pairwise")},
        {QStringLiteral("from_name"), kComparison},
        {QStringLiteral("to_name"), kComparison},
        {QStringLiteral("value"), QJsonObject{{QStringLiteral("selected"), selected}}}};
}

QJsonObject critiqueResult(const QString& critique) {
    return QJsonObject{
        {QStringLiteral("type"), QStringLiteral("textarea")},
        {QStringLiteral("from_name"), QStringLiteral("critique")},
        {QStringLiteral("to_name"), QStringLiteral("prompt")},
        {QStringLiteral("value"), QJsonObject{{QStringLiteral("text"), QJsonArray{critique}}}}};
}

}  // namespace

Status LabelStudioPairwiseFormat::write(Project& project, const QString& path,
                                        const ExportOptions& options, ExportReport& report) {
    StreamedFile file(path);
    if (Status s = file.open(); !s.ok())
        return s;
    file.out().append("[");
    qint64 withoutPairwise = 0;
    qint64 notPairs = 0;
    Status visited =
        forEachComparisonTask(project, options, report, [&](const ComparisonTask& task) -> Status {
            const QJsonObject& data = task.data;
            if (comparison::responseCount(data) != 2) {
                ++notPairs;
                return Status::success();
            }
            QJsonArray annotations;
            for (const AnnotationRow& a : task.annotations) {
                QJsonArray result;
                const ComparisonResult parsed = ComparisonResult::read(a.result, 2);
                // Left is answer1, canonical response 0.
                const auto pairs = comparison::preferencePairs(parsed, false, false);
                if (!pairs.isEmpty())
                    result.append(pairwiseResult(pairs.first().chosen == 0
                                                     ? QStringLiteral("left")
                                                     : QStringLiteral("right")));
                else if (a.status != QLatin1String("skipped"))
                    ++withoutPairwise;
                const QString& critique = parsed.critique();
                if (!critique.isEmpty())
                    result.append(critiqueResult(critique));
                const qint64 leadMs =
                    a.leadMs > 0 ? a.leadMs
                                 : qint64(a.result.value(QLatin1String("active_ms")).toDouble());
                // The critique says "A" and "B" as shown; answer1 and
                // answer2 are canonical, so the annotation says which was which.
                const auto& order = parsed.order();
                annotations.append(QJsonObject{
                    {QStringLiteral("display_order"), displayOrderJson(order)},
                    {QStringLiteral("shown_as"), shownAsJson(order)},
                    {QStringLiteral("completed_by"), a.annotator},
                    {QStringLiteral("lead_time"), double(leadMs) / 1000.0},
                    {QStringLiteral("was_cancelled"), a.status == QLatin1String("skipped")},
                    {QStringLiteral("result"), result}});
                ++report.annotations;
            }
            QJsonObject meta{{QStringLiteral("uid"), task.uid}};
            for (const char* key : {"response_ids", "models"})
                if (data.contains(QLatin1String(key)))
                    meta.insert(QLatin1String(key), data.value(QLatin1String(key)));
            const QJsonObject lsTask{
                {QStringLiteral("id"), task.id},
                {QStringLiteral("data"),
                 QJsonObject{
                     {QStringLiteral("prompt"), flatText(data.value(QLatin1String("prompt")))},
                     {QStringLiteral("answer1"), flatText(comparison::response(data, 0))},
                     {QStringLiteral("answer2"), flatText(comparison::response(data, 1))}}},
                {QStringLiteral("meta"), meta},
                {QStringLiteral("annotations"), annotations}};
            QByteArray& out = file.out();
            out.append(report.tasks == 0 ? "\n" : ",\n");
            appendJson(out, lsTask);
            ++report.tasks;
            return file.flushIfFull();
        });
    if (!visited.ok())
        return visited;
    file.out().append(report.tasks == 0 ? "]\n" : "\n]\n");
    if (Status s = file.commit(); !s.ok())
        return s;
    if (withoutPairwise > 0)
        report.warnings << QStringLiteral(
                               "%1 annotations are ties, both-bad or state no preference, which "
                               "Label Studio's Pairwise cannot hold: exported without a pairwise "
                               "result")
                               .arg(withoutPairwise);
    if (notPairs > 0)
        report.warnings << QStringLiteral(
                               "%1 comparisons of more than two responses were left out "
                               "(Label Studio's Pairwise shows two)")
                               .arg(notPairs);
    return Status::success();
}

}  // namespace postil

#include "formats/critiquesformat.h"

#include "formats/comparisonexport.h"
#include "model/comparison.h"
#include "model/comparisonresult.h"

namespace postil {

using namespace comparisonexport;

namespace {

QJsonValue optionalText(const QString& text) {
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

// A flag with its place named (canonically, and by the letter the annotator
// saw, which its comment may use) and the text it covers, cut by code points
// from the response's plain text (the text the editor counted in).
QJsonObject exportedFlag(const CompareFlag& flag, const QJsonObject& data,
                         const std::optional<QList<int>>& order) {
    const int response = flag.response;
    const QString text = comparison::contentText(comparison::response(data, response));
    const int start = flag.start;
    const int end = flag.end;  // never before start (ComparisonResult::isValidFlag)
    const int from = comparison::toUtf16(text, start);
    const int to = comparison::toUtf16(text, end);
    return QJsonObject{
        {QStringLiteral("response"), response},
        {QStringLiteral("response_id"), optionalText(comparison::responseId(data, response))},
        {QStringLiteral("letter"), optionalText(letterOf(order, response))},
        {QStringLiteral("start"), start},
        {QStringLiteral("end"), end},
        {QStringLiteral("label"), flag.label},
        {QStringLiteral("comment"), flag.comment},
        {QStringLiteral("text"), text.mid(from, to - from)}};
}

}  // namespace

Status CritiquesFormat::write(Project& project, const QString& path, const ExportOptions& options,
                              ExportReport& report) {
    StreamedFile file(path);
    if (Status s = file.open(); !s.ok())
        return s;
    Status visited =
        forEachComparisonTask(project, options, report, [&](const ComparisonTask& task) -> Status {
            const int count = comparison::responseCount(task.data);
            for (const AnnotationRow& a : task.annotations) {
                const ComparisonResult parsed = ComparisonResult::read(a.result, count);
                const auto& order = parsed.order();
                QJsonArray flags;
                for (const CompareFlag& flag : parsed.flags())
                    flags.append(exportedFlag(flag, task.data, order));
                const QJsonValue active = a.result.value(QLatin1String("active_ms"));
                QByteArray& out = file.out();
                out.append("{\"task\":");
                appendString(out, task.uid);
                out.append(",\"annotator\":");
                appendString(out, a.annotator);
                out.append(",\"status\":");
                appendString(out, a.status);
                out.append(",\"display_order\":");
                appendJson(out, displayOrderJson(order));
                out.append(",\"shown_as\":");
                appendJson(out, shownAsJson(order));
                out.append(",\"critique\":");
                appendString(out, parsed.critique());
                out.append(",\"rewrite\":");
                appendString(out, parsed.rewrite().value_or(QString()));
                out.append(",\"flags\":");
                appendJson(out, flags);
                out.append(",\"active_ms\":");
                appendJson(out, active.isDouble() ? active : QJsonValue(double(a.leadMs)));
                out.append("}\n");
                ++report.annotations;
            }
            if (!task.annotations.isEmpty())
                ++report.tasks;
            return file.flushIfFull();
        });
    if (!visited.ok())
        return visited;
    return file.commit();
}

}  // namespace postil

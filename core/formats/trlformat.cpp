#include "formats/trlformat.h"

#include "formats/pairexport.h"

namespace postil {

using namespace comparisonexport;

Status TrlFormat::write(Project& project, const QString& path, const ExportOptions& options,
                        ExportReport& report) {
    const bool conversational = hasOption(options, "conversational");
    const QString user = QStringLiteral("user");
    const QString assistant = QStringLiteral("assistant");
    qint64 flattened = 0;
    auto content = [&](const QJsonValue& value, const QString& role) {
        if (conversational)
            return QJsonValue(messagesOf(value, role));
        if (value.isArray())
            ++flattened;
        return QJsonValue(flatText(value));
    };
    Status s = writePreferencePairs(
        project, path, options, report, [&](QByteArray& out, const PairLine& line) {
            const QJsonObject& data = line.task.data;
            out.append("{\"prompt\":");
            appendJson(out, content(data.value(QLatin1String("prompt")), user));
            out.append(",\"chosen\":");
            appendJson(out, content(comparison::response(data, line.pair.chosen), assistant));
            out.append(",\"rejected\":");
            appendJson(out, content(comparison::response(data, line.pair.rejected), assistant));
        });
    if (s.ok() && flattened > 0)
        report.warnings << QStringLiteral(
                               "%1 message lists were flattened to \"Role: content\" text; "
                               "--conversational keeps them as messages")
                               .arg(flattened);
    return s;
}

}  // namespace postil

#include "formats/hhrlhfformat.h"

#include "formats/pairexport.h"

namespace postil {

using namespace comparisonexport;

Status HhRlhfFormat::write(Project& project, const QString& path, const ExportOptions& options,
                           ExportReport& report) {
    return writePreferencePairs(
        project, path, options, report, [](QByteArray& out, const PairLine& line) {
            const QJsonObject& data = line.task.data;
            const QString prompt = hhTranscript(data.value(QLatin1String("prompt")), true);
            out.append("{\"chosen\":");
            appendString(
                out, prompt + hhTranscript(comparison::response(data, line.pair.chosen), false));
            out.append(",\"rejected\":");
            appendString(
                out, prompt + hhTranscript(comparison::response(data, line.pair.rejected), false));
        });
}

}  // namespace postil

#include "formats/ratingsformat.h"

#include <QStringList>
#include <iterator>

#include "formats/comparisonexport.h"
#include "model/comparison.h"
#include "model/comparisonresult.h"
#include "model/project.h"

namespace postil {

using namespace comparisonexport;

namespace {

struct RatingRow {
    QString task;
    QString annotator;
    int response = 0;
    QString responseId;
    QString model;
    QString dimension;
    QJsonValue score;
    QString status;
    QString time;
    QString letter;  // as the annotator saw the response; empty when unknown
};

// "letter" comes last so that readers of the older columns by position keep working.
const char* const kColumns[] = {"task",      "annotator", "response", "response_id", "model",
                                "dimension", "score",     "status",   "time",        "letter"};
constexpr int kColumnCount = int(std::size(kColumns));

// The schema's dimensions first, in its order; then whatever else a result
// scored (a dimension since removed from the schema), by name.
QStringList dimensionsOf(const ComparisonResult::Rubric& rubric, const QStringList& schemaOrder) {
    QStringList dimensions;
    for (const QString& name : schemaOrder)
        if (rubric.contains(name))
            dimensions << name;
    for (auto it = rubric.begin(); it != rubric.end(); ++it)
        if (!schemaOrder.contains(it.key()))
            dimensions << it.key();
    return dimensions;
}

QByteArray scoreText(const QJsonValue& score) {
    QByteArray text;
    appendJson(text, score);
    return text;
}

void appendCsvField(QByteArray& out, const QByteArray& field) {
    const bool quote =
        field.contains(',') || field.contains('"') || field.contains('\n') || field.contains('\r');
    if (!quote) {
        out.append(field);
        return;
    }
    out.append('"');
    for (char c : field) {
        if (c == '"')
            out.append('"');
        out.append(c);
    }
    out.append('"');
}

void appendJsonRow(QByteArray& out, const RatingRow& row) {
    auto optional = [](const QString& text) {
        return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
    };
    const QJsonValue values[] = {row.task,
                                 row.annotator,
                                 row.response,
                                 optional(row.responseId),
                                 optional(row.model),
                                 row.dimension,
                                 row.score,
                                 row.status,
                                 row.time,
                                 optional(row.letter)};
    out.append('{');
    for (int i = 0; i < kColumnCount; ++i) {
        if (i > 0)
            out.append(',');
        appendString(out, QLatin1String(kColumns[i]));
        out.append(':');
        appendJson(out, values[i]);
    }
    out.append("}\n");
}

void appendCsvRow(QByteArray& out, const RatingRow& row) {
    const QByteArray fields[] = {
        row.task.toUtf8(),       row.annotator.toUtf8(), QByteArray::number(row.response),
        row.responseId.toUtf8(), row.model.toUtf8(),     row.dimension.toUtf8(),
        scoreText(row.score),    row.status.toUtf8(),    row.time.toUtf8(),
        row.letter.toUtf8()};
    for (int i = 0; i < kColumnCount; ++i) {
        if (i > 0)
            out.append(',');
        appendCsvField(out, fields[i]);
    }
    out.append("\r\n");
}

Status writeRatings(Project& project, const QString& path, const ExportOptions& options,
                    ExportReport& report, bool csv) {
    QStringList schemaOrder;
    for (const RubricDimension& d : project.schema().rubric)
        schemaOrder << d.name;
    StreamedFile file(path);
    if (Status s = file.open(); !s.ok())
        return s;
    if (csv) {
        for (int i = 0; i < kColumnCount; ++i) {
            if (i > 0)
                file.out().append(',');
            file.out().append(kColumns[i]);
        }
        file.out().append("\r\n");
    }
    Status visited =
        forEachComparisonTask(project, options, report, [&](const ComparisonTask& task) -> Status {
            const int count = comparison::responseCount(task.data);
            bool taskWritten = false;
            for (const AnnotationRow& a : task.annotations) {
                const ComparisonResult parsed = ComparisonResult::read(a.result, count);
                const ComparisonResult::Rubric& rubric = parsed.rubric();
                const auto& order = parsed.order();
                RatingRow row{task.uid, a.annotator,         0, {}, {}, {}, {},
                              a.status, isoTimeOfHlc(a.hlc), {}};
                bool written = false;
                for (const QString& dimension : dimensionsOf(rubric, schemaOrder)) {
                    const QList<std::optional<double>>& scores = rubric[dimension];
                    row.dimension = dimension;
                    for (int r = 0; r < count && r < scores.size(); ++r) {
                        if (!scores.at(r))
                            continue;  // not scored
                        row.response = r;
                        row.responseId = comparison::responseId(task.data, r);
                        row.model = comparison::modelName(task.data, r);
                        row.score = ComparisonResult::scoreJson(*scores.at(r));
                        row.letter = letterOf(order, r);
                        csv ? appendCsvRow(file.out(), row) : appendJsonRow(file.out(), row);
                        written = true;
                    }
                }
                if (written) {
                    ++report.annotations;
                    taskWritten = true;
                }
            }
            if (taskWritten)
                ++report.tasks;
            return file.flushIfFull();
        });
    if (!visited.ok())
        return visited;
    return file.commit();
}

}  // namespace

Status RatingsJsonlFormat::write(Project& project, const QString& path,
                                 const ExportOptions& options, ExportReport& report) {
    return writeRatings(project, path, options, report, false);
}

Status RatingsCsvFormat::write(Project& project, const QString& path, const ExportOptions& options,
                               ExportReport& report) {
    return writeRatings(project, path, options, report, true);
}

}  // namespace postil

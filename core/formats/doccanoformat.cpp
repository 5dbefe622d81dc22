#include "formats/doccanoformat.h"

#include <QJsonArray>

#include "formats/comparisonexport.h"
#include "formats/importsession.h"
#include "formats/jsonlformat.h"
#include "formats/jsonwriter.h"
#include "formats/streamedfile.h"
#include "formats/textexport.h"
#include "formats/textimport.h"

namespace postil {

namespace {

using comparisonexport::appendJson;
using comparisonexport::appendString;
using textexport::TextAnnotationRow;
using textexport::TextTask;

const QString kText = QStringLiteral("text");
const QString kLabel = QStringLiteral("label");
const QString kEntities = QStringLiteral("entities");
const QString kRelations = QStringLiteral("relations");

// Keys a line holds for us; any other is a column of the line's meta.
bool isOwnKey(const QString& key) {
    static const QStringList own{kText,
                                 kLabel,
                                 kEntities,
                                 kRelations,
                                 QStringLiteral("id"),
                                 QStringLiteral("Comments"),
                                 QStringLiteral("cats")};
    return own.contains(key);
}

// ---- reading ----

// A UTF-16 offset of the line as a code point; why not when it is not one.
QString toCodePoint(const QJsonValue& value, const TextOffsets& offsets, const QString& what,
                    qint64& out) {
    const auto number = TextImport::wholeNumber(value);
    if (!number)
        return QStringLiteral("%1 is not a whole number").arg(what);
    if (*number < 0 || *number > offsets.utf16Count())
        return QStringLiteral("%1 %2 lies outside the text's %3 UTF-16 units")
            .arg(what)
            .arg(*number)
            .arg(offsets.utf16Count());
    const qsizetype codePoint = offsets.toCodePoint(*number);
    if (codePoint < 0)
        return QStringLiteral(
                   "%1 %2 falls between the two UTF-16 units of one character "
                   "(an emoji or other character beyond U+FFFF): the file does not "
                   "count UTF-16 units as doccano does")
            .arg(what)
            .arg(*number);
    out = codePoint;
    return QString();
}

// [start, end, "LABEL"] in UTF-16 units.
QString readTriple(const QJsonValue& value, qsizetype index, const TextOffsets& offsets,
                   Span& span) {
    const QJsonArray triple = value.toArray();
    const QString which = QStringLiteral("label %1").arg(index + 1);
    if (!value.isArray() || triple.size() < 3 || !triple.at(2).isString())
        return which + QStringLiteral(" is not [start, end, \"LABEL\"]");
    span.label = triple.at(2).toString();
    if (QString problem =
            toCodePoint(triple.at(0), offsets, which + QStringLiteral(": start"), span.start);
        !problem.isEmpty())
        return problem;
    return toCodePoint(triple.at(1), offsets, which + QStringLiteral(": end"), span.end);
}

QString readEntity(const QJsonValue& value, qsizetype index, const TextOffsets& offsets, Span& span,
                   QJsonValue& id) {
    if (value.isArray())
        return readTriple(value, index, offsets, span);
    const QString which = QStringLiteral("entity %1").arg(index + 1);
    const QJsonObject entity = value.toObject();
    if (!value.isObject() || !entity.value(kLabel).isString())
        return which + QStringLiteral(" has no \"label\"");
    span.label = entity.value(kLabel).toString();
    id = entity.value(QLatin1String("id"));
    if (QString problem = toCodePoint(entity.value(QLatin1String("start_offset")), offsets,
                                      which + QStringLiteral(": start_offset"), span.start);
        !problem.isEmpty())
        return problem;
    return toCodePoint(entity.value(QLatin1String("end_offset")), offsets,
                       which + QStringLiteral(": end_offset"), span.end);
}

Status readLine(QByteArrayView line, const QDir& baseDir, const QString& where,
                TextImport& import) {
    ImportSession& session = import.session();
    auto parsed = TextImport::parseJsonLine(line);
    if (!parsed.ok())
        return session.reportBad(where, parsed.error());
    const QJsonObject& object = *parsed;
    if (!object.value(kText).isString())
        return session.reportBad(where, QStringLiteral("\"text\" must be a string"));
    TextImport::Document document;
    document.text = object.value(kText).toString();
    document.id = TextImport::recordId(object.value(QLatin1String("id")));
    for (auto it = object.begin(); it != object.end(); ++it)
        if (!isOwnKey(it.key()))
            document.meta.insert(it.key(), it.value());

    const QJsonValue labels = object.value(kLabel);
    const QJsonValue entities = object.value(kEntities);
    const bool hasLabels = labels.isArray();
    const bool hasEntities = entities.isArray();
    if (!hasLabels && !hasEntities)
        return import.add(std::move(document), baseDir, where);
    if (hasLabels && !labels.toArray().isEmpty() && labels.toArray().first().isString())
        return session.reportBad(where, QStringLiteral("\"label\" holds categories, not spans: "
                                                       "import this file with --format textcat"));
    if (import.tasksOnly())
        return import.add(std::move(document), baseDir, where);

    document.annotated = true;
    const TextOffsets offsets(document.text);
    QHash<QString, int> byId;  // entity id (as text) -> span index
    const QJsonArray list = hasEntities ? entities.toArray() : labels.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        Span span;
        QJsonValue entityId;
        const QString problem = hasEntities ? readEntity(list.at(i), i, offsets, span, entityId)
                                            : readTriple(list.at(i), i, offsets, span);
        if (!problem.isEmpty())
            return session.reportBad(where, problem);
        if (!entityId.isUndefined())
            byId.insert(entityId.toVariant().toString(), int(document.annotation.spans.size()));
        document.annotation.spans << span;
    }
    const QJsonArray relations = object.value(kRelations).toArray();
    for (qsizetype i = 0; i < relations.size(); ++i) {
        const QJsonObject relation = relations.at(i).toObject();
        Relation r;
        r.label = relation.value(QLatin1String("type")).toString();
        r.from = byId.value(relation.value(QLatin1String("from_id")).toVariant().toString(), -1);
        r.to = byId.value(relation.value(QLatin1String("to_id")).toVariant().toString(), -1);
        if (r.from < 0 || r.to < 0)
            return session.reportBad(where,
                                     QStringLiteral("relation %1 (%2): from_id or to_id names "
                                                    "no entity of the line")
                                         .arg(i + 1)
                                         .arg(r.label));
        document.annotation.relations << r;
    }
    return import.add(std::move(document), baseDir, where);
}

// ---- writing ----

void appendLine(QByteArray& out, const TextTask& task, const TextAnnotationRow& annotation,
                bool relationVariant, qint64& droppedRelations, qint64& droppedDetails) {
    const TextOffsets& offsets = task.offsets;
    out.append("{\"id\":");
    appendString(out, task.uid);
    out.append(",\"text\":");
    appendString(out, task.text);
    const QList<Span>& spans = annotation.spans.spans;
    for (const Span& span : spans)
        if (!span.attrs.isEmpty() || !span.note.isEmpty())
            ++droppedDetails;
    if (relationVariant) {
        out.append(",\"entities\":[");
        for (qsizetype i = 0; i < spans.size(); ++i) {
            const Span& span = spans.at(i);
            out.append(i > 0 ? ",{\"id\":" : "{\"id\":");
            jsonwriter::appendInteger(out, i + 1);
            out.append(",\"label\":");
            appendString(out, span.label);
            out.append(",\"start_offset\":");
            jsonwriter::appendInteger(out, offsets.toUtf16(span.start));
            out.append(",\"end_offset\":");
            jsonwriter::appendInteger(out, offsets.toUtf16(span.end));
            out.append('}');
        }
        out.append("],\"relations\":[");
        const QList<Relation>& relations = annotation.spans.relations;
        for (qsizetype i = 0; i < relations.size(); ++i) {
            out.append(i > 0 ? ",{\"id\":" : "{\"id\":");
            jsonwriter::appendInteger(out, i + 1);
            out.append(",\"from_id\":");
            jsonwriter::appendInteger(out, relations.at(i).from + 1);
            out.append(",\"to_id\":");
            jsonwriter::appendInteger(out, relations.at(i).to + 1);
            out.append(",\"type\":");
            appendString(out, relations.at(i).label);
            out.append('}');
        }
        out.append(']');
    } else {
        out.append(",\"label\":[");
        for (qsizetype i = 0; i < spans.size(); ++i) {
            const Span& span = spans.at(i);
            out.append(i > 0 ? ",[" : "[");
            jsonwriter::appendInteger(out, offsets.toUtf16(span.start));
            out.append(',');
            jsonwriter::appendInteger(out, offsets.toUtf16(span.end));
            out.append(',');
            appendString(out, span.label);
            out.append(']');
        }
        out.append(']');
        droppedRelations += annotation.spans.relations.size();
    }
    const QJsonObject meta = task.data.value(QLatin1String("meta")).toObject();
    for (auto it = meta.begin(); it != meta.end(); ++it) {
        if (isOwnKey(it.key()))
            continue;
        out.append(',');
        appendString(out, it.key());
        out.append(':');
        appendJson(out, it.value());
    }
    out.append("}\n");
}

}  // namespace

bool DoccanoFormat::probe(const QString& path) const {
    if (!Format::probe(path))
        return false;
    const QJsonObject first = TextImport::firstJsonLine(path);
    if (first.contains(QLatin1String("data")) || !first.value(kText).isString())
        return false;
    if (first.value(kEntities).isArray())
        return true;
    const QJsonArray labels = first.value(kLabel).toArray();
    return first.value(kLabel).isArray() && (labels.isEmpty() || labels.first().isArray());
}

Status DoccanoFormat::read(const QString& path, ImportSession& session) {
    TextImport import(session, name());
    Status s = readJsonLines(
        path, session, [&import](QByteArrayView line, const QDir& baseDir, const QString& where) {
            return readLine(line, baseDir, where, import);
        });
    if (!s.ok())
        return s;
    return import.finish();
}

Status DoccanoFormat::write(Project& project, const QString& path, const ExportOptions& options,
                            ExportReport& report) {
    const QString relations = options.formatOptions.value(QLatin1String(kRelationsOption));
    const bool relationVariant = !relations.isEmpty() && relations != QLatin1String("0");
    StreamedFile file(path);
    if (Status s = file.open(); !s.ok())
        return s;
    detection::WarningTally warnings;
    qint64 unannotated = 0;
    qint64 droppedRelations = 0;
    qint64 droppedDetails = 0;
    Status visited = textexport::forEachTextTask(
        project, options, report, warnings, [&](const TextTask& task) -> Status {
            if (task.annotations.isEmpty()) {
                ++unannotated;
                return Status::success();
            }
            for (const TextAnnotationRow& annotation : task.annotations) {
                appendLine(file.out(), task, annotation, relationVariant, droppedRelations,
                           droppedDetails);
                ++report.annotations;
            }
            ++report.tasks;
            return file.flushIfFull();
        });
    if (!visited.ok())
        return visited;
    if (Status s = file.commit(); !s.ok())
        return s;
    warnings.flushInto(report.warnings);
    textexport::warnUnannotated(report, unannotated);
    if (droppedRelations > 0)
        report.warnings << QStringLiteral(
                               "%1 relations left out: doccano's \"label\" lines have "
                               "none (--relations writes the relation variant)")
                               .arg(droppedRelations);
    if (droppedDetails > 0)
        report.warnings << QStringLiteral(
                               "%1 spans' attributes and notes left out: doccano "
                               "spans have none")
                               .arg(droppedDetails);
    return Status::success();
}

}  // namespace postil

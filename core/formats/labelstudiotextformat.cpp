#include "formats/labelstudiotextformat.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include "formats/comparisonexport.h"
#include "formats/detectionsupport.h"
#include "formats/importsession.h"
#include "formats/streamedfile.h"
#include "formats/textexport.h"
#include "formats/textimport.h"

namespace postil {

namespace {

using textexport::TextAnnotationRow;
using textexport::TextTask;

// The whole file is parsed at once (a JSON array); beyond this it is refused.
constexpr qint64 kMaxFileBytes = qint64(512) << 20;

const QString kId = QStringLiteral("id");
const QString kType = QStringLiteral("type");
const QString kValue = QStringLiteral("value");
const QString kFromName = QStringLiteral("from_name");
const QString kToName = QStringLiteral("to_name");
const QString kStart = QStringLiteral("start");
const QString kEnd = QStringLiteral("end");
const QString kText = QStringLiteral("text");
const QString kChoices = QStringLiteral("choices");
const QString kNote = QStringLiteral("note");

// ---- writing ----

QJsonObject regionValue(const TextTask& task, const Span& span) {
    return QJsonObject{{kStart, double(span.start)},
                       {kEnd, double(span.end)},
                       {kText, task.slice(span.start, span.end)}};
}

QJsonObject result(const QString& id, const QString& fromName, const QString& type,
                   const QJsonObject& value) {
    QJsonObject out{{kFromName, fromName},
                    {kToName, kText},
                    {kType, type},
                    {kValue, value},
                    {QStringLiteral("origin"), QStringLiteral("manual")}};
    if (!id.isEmpty())
        out.insert(kId, id);
    return out;
}

QString choiceText(const QJsonValue& value) {
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isString())
        return value.toString();
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))
        .mid(1)
        .chopped(1);
}

QJsonArray resultsOf(const TextTask& task, const TextAnnotationRow& annotation,
                     const Schema& schema) {
    QJsonArray results;
    const QList<Span>& spans = annotation.spans.spans;
    for (qsizetype i = 0; i < spans.size(); ++i) {
        const Span& span = spans.at(i);
        const QString id = QStringLiteral("s%1").arg(i + 1);
        QJsonObject value = regionValue(task, span);
        value.insert(QStringLiteral("labels"), QJsonArray{span.label});
        results.append(result(id, QStringLiteral("label"), QStringLiteral("labels"), value));
        for (auto it = span.attrs.begin(); it != span.attrs.end(); ++it) {
            QJsonObject attribute = regionValue(task, span);
            attribute.insert(kChoices, QJsonArray{choiceText(it.value())});
            results.append(result(id, it.key(), kChoices, attribute));
        }
        if (!span.note.isEmpty()) {
            QJsonObject note = regionValue(task, span);
            note.insert(kText, QJsonArray{span.note});
            results.append(result(id, kNote, QStringLiteral("textarea"), note));
        }
    }
    for (const Relation& relation : annotation.spans.relations)
        results.append(
            QJsonObject{{kType, QStringLiteral("relation")},
                        {QStringLiteral("from_id"), QStringLiteral("s%1").arg(relation.from + 1)},
                        {QStringLiteral("to_id"), QStringLiteral("s%1").arg(relation.to + 1)},
                        {QStringLiteral("direction"), QStringLiteral("right")},
                        {QStringLiteral("labels"),
                         relation.label.isEmpty() ? QJsonArray() : QJsonArray{relation.label}}});
    const QJsonObject answers = annotation.result().value(QLatin1String("answers")).toObject();
    for (auto it = answers.begin(); it != answers.end(); ++it) {
        const QString id = QStringLiteral("q%1").arg(results.size() + 1);
        const Question* question = schema.question(it.key());
        const QJsonValue answer = it.value();
        if (answer.isDouble() && (!question || question->type == Question::Type::Rating)) {
            results.append(result(id, it.key(), QStringLiteral("rating"),
                                  QJsonObject{{QStringLiteral("rating"), answer}}));
        } else if (question && question->type == Question::Type::Text) {
            results.append(result(id, it.key(), QStringLiteral("textarea"),
                                  QJsonObject{{kText, QJsonArray{answer.toString()}}}));
        } else if (answer.isArray()) {
            QJsonArray choices;
            for (const QJsonValue& choice : answer.toArray())
                choices.append(choiceText(choice));
            results.append(result(id, it.key(), kChoices, QJsonObject{{kChoices, choices}}));
        } else {
            results.append(result(id, it.key(), kChoices,
                                  QJsonObject{{kChoices, QJsonArray{choiceText(answer)}}}));
        }
    }
    return results;
}

// ---- reading ----

class TaskReader {
public:
    TaskReader(TextImport& import, const Schema& schema) : m_import(import), m_schema(schema) {}

    Status read(const QJsonValue& value, const QDir& baseDir, const QString& where) {
        ImportSession& session = m_import.session();
        const QJsonObject task = value.toObject();
        const QJsonObject data = task.value(QLatin1String("data")).toObject();
        if (!value.isObject() || data.isEmpty())
            return session.reportBad(where, QStringLiteral("a task needs \"data\" with its text"));
        TextImport::Document document;
        if (data.value(kText).isString()) {
            document.text = data.value(kText).toString();
        } else {
            QStringList strings;
            for (const QJsonValue& field : data)
                if (field.isString())
                    strings << field.toString();
            if (strings.size() != 1)
                return session.reportBad(where, QStringLiteral("data has no \"text\" (nor one "
                                                               "string field that would be it)"));
            document.text = strings.first();
        }
        document.id =
            task.value(QLatin1String("meta")).toObject().value(QLatin1String("uid")).toString();
        document.meta = data.value(QLatin1String("meta")).toObject();

        QList<QJsonObject> annotations;
        for (const QJsonValue& a : task.value(QLatin1String("annotations")).toArray())
            if (a.isObject() && !a.toObject().value(QLatin1String("was_cancelled")).toBool())
                annotations << a.toObject();
        if (annotations.isEmpty())
            for (const QJsonValue& p : task.value(QLatin1String("predictions")).toArray())
                if (p.isObject())
                    annotations << p.toObject();
        if (annotations.isEmpty() || m_import.tasksOnly())
            return m_import.add(std::move(document), baseDir, where);
        if (annotations.size() > 1)
            session.warn(where, QStringLiteral("%1 annotations: the first (by %2) is imported, "
                                               "the others are not")
                                    .arg(annotations.size())
                                    .arg(annotations.first()
                                             .value(QLatin1String("completed_by"))
                                             .toVariant()
                                             .toString()));
        document.annotated = true;
        const QString problem =
            readResults(annotations.first().value(QLatin1String("result")).toArray(), document);
        if (!problem.isEmpty())
            return session.reportBad(where, problem);
        return m_import.add(std::move(document), baseDir, where);
    }

private:
    QString readResults(const QJsonArray& results, TextImport::Document& document) {
        const TextOffsets offsets(document.text);
        QHash<QString, int> regions;  // result id -> span index
        // Regions first: per-region results and relations name them by id.
        for (qsizetype i = 0; i < results.size(); ++i) {
            const QJsonObject r = results.at(i).toObject();
            if (r.value(kType).toString() != QLatin1String("labels"))
                continue;
            const QJsonObject value = r.value(kValue).toObject();
            const auto start = TextImport::wholeNumber(value.value(kStart));
            const auto end = TextImport::wholeNumber(value.value(kEnd));
            const QString which = QStringLiteral("result %1").arg(i + 1);
            if (!start || !end)
                return which + QStringLiteral(": value.start and value.end are not whole numbers");
            const QJsonArray labels = value.value(QLatin1String("labels")).toArray();
            if (labels.isEmpty())
                return which + QStringLiteral(": no value.labels");
            if (*start >= 0 && *end > *start && *end <= offsets.codePointCount() &&
                value.value(kText).isString()) {
                const QString mismatch = TextImport::textMismatch(
                    document.text, offsets, *start, *end, value.value(kText).toString());
                if (!mismatch.isEmpty())
                    return which + QStringLiteral(": ") + mismatch;
            }
            regions.insert(r.value(kId).toString(), int(document.annotation.spans.size()));
            for (const QJsonValue& label : labels) {
                Span span;
                span.label = label.toString();
                span.start = *start;
                span.end = *end;
                document.annotation.spans << span;
            }
        }
        for (qsizetype i = 0; i < results.size(); ++i) {
            const QJsonObject r = results.at(i).toObject();
            const QString type = r.value(kType).toString();
            const QJsonObject value = r.value(kValue).toObject();
            const QString from = r.value(kFromName).toString();
            if (type == QLatin1String("labels"))
                continue;
            if (type == QLatin1String("relation")) {
                Relation relation;
                relation.from = regions.value(r.value(QLatin1String("from_id")).toString(), -1);
                relation.to = regions.value(r.value(QLatin1String("to_id")).toString(), -1);
                relation.label = r.value(QLatin1String("labels")).toArray().at(0).toString();
                if (relation.from < 0 || relation.to < 0)
                    return QStringLiteral(
                               "result %1: a relation between regions that are not "
                               "there")
                        .arg(i + 1);
                if (r.value(QLatin1String("direction")).toString() == QLatin1String("left"))
                    std::swap(relation.from, relation.to);
                document.annotation.relations << relation;
                continue;
            }
            const auto region = regions.constFind(r.value(kId).toString());
            if (value.contains(kStart) && region != regions.constEnd()) {
                Span& span = document.annotation.spans[*region];
                if (type == QLatin1String("textarea") && from == kNote)
                    span.note = joined(value.value(kText));
                else if (type == QLatin1String("textarea"))
                    span.attrs.insert(from, joined(value.value(kText)));
                else if (type == kChoices)
                    span.attrs.insert(from, attributeValue(value.value(kChoices).toArray()));
                continue;
            }
            if (from.isEmpty())
                continue;
            if (type == kChoices)
                document.answers.insert(from, answerOf(from, value.value(kChoices).toArray()));
            else if (type == QLatin1String("rating"))
                document.answers.insert(from, value.value(QLatin1String("rating")));
            else if (type == QLatin1String("textarea"))
                document.answers.insert(from, joined(value.value(kText)));
        }
        return QString();
    }

    static QString joined(const QJsonValue& text) {
        if (text.isString())
            return text.toString();
        QStringList lines;
        for (const QJsonValue& line : text.toArray())
            lines << line.toString();
        return lines.join(QLatin1Char('\n'));
    }

    static QJsonValue attributeValue(const QJsonArray& choices) {
        const QString first = choices.at(0).toString();
        if (first == QLatin1String("true") || first == QLatin1String("false"))
            return first == QLatin1String("true");
        return first;
    }

    QJsonValue answerOf(const QString& name, const QJsonArray& choices) const {
        const Question* question = m_schema.question(name);
        if (question && question->type == Question::Type::Flag)
            return choices.at(0).toString() == QLatin1String("true");
        if (question && question->type == Question::Type::Multi)
            return choices;
        if ((question && question->type == Question::Type::Single) || choices.size() == 1)
            return choices.at(0).toString();
        return choices;
    }

    TextImport& m_import;
    const Schema& m_schema;
};

}  // namespace

bool LabelStudioTextFormat::probe(const QString& path) const {
    if (!Format::probe(path) || QFileInfo(path).isDir())
        return false;
    const QByteArray head = detection::fileHeadAndTail(path, 64 << 10).trimmed();
    return head.startsWith('[') && detection::hasJsonKey(head, "data") &&
           detection::hasJsonKey(head, "text") &&
           (detection::hasJsonKey(head, "annotations") ||
            detection::hasJsonKey(head, "predictions") || detection::hasJsonKey(head, "id"));
}

Status LabelStudioTextFormat::read(const QString& path, ImportSession& session) {
    const QFileInfo info(path);
    if (info.size() > kMaxFileBytes)
        return Status::failure(QStringLiteral("%1: %2 bytes, more than the %3 MB a Label Studio "
                                              "export may have here")
                                   .arg(path)
                                   .arg(info.size())
                                   .arg(kMaxFileBytes >> 20));
    auto doc = detection::readJsonFile(path);
    if (!doc.ok())
        return Status::failure(QStringLiteral("%1: %2").arg(path, doc.error()));
    if (!doc->isArray())
        return Status::failure(QStringLiteral("%1: expected a list of tasks (a Label Studio JSON "
                                              "export)")
                                   .arg(path));
    TextImport import(session, name());
    // The schema as it was: answers read as single or multi by the project's questions.
    const Schema schema = session.project().schema();
    TaskReader reader(import, schema);
    const QJsonArray tasks = doc->array();
    const QDir baseDir = info.absoluteDir();
    for (qsizetype i = 0; i < tasks.size(); ++i) {
        session.progress(i, tasks.size());
        const QJsonValue id = tasks.at(i).toObject().value(kId);
        const QString where = id.isUndefined() ? QStringLiteral("%1: task %2").arg(path).arg(i + 1)
                                               : QStringLiteral("%1: task %2 (id %3)")
                                                     .arg(path)
                                                     .arg(i + 1)
                                                     .arg(id.toVariant().toString());
        if (Status s = reader.read(tasks.at(i), baseDir, where); !s.ok())
            return s;
    }
    session.progress(tasks.size(), tasks.size());
    return import.finish();
}

Status LabelStudioTextFormat::write(Project& project, const QString& path,
                                    const ExportOptions& options, ExportReport& report) {
    StreamedFile file(path);
    if (Status s = file.open(); !s.ok())
        return s;
    file.out().append("[");
    detection::WarningTally warnings;
    const Schema& schema = project.schema();
    qint64 annotationId = 0;
    qint64 written = 0;
    Status visited = textexport::forEachTextTask(
        project, options, report, warnings, [&](const TextTask& task) -> Status {
            QJsonArray annotations;
            for (const TextAnnotationRow& a : task.annotations) {
                const qint64 leadMs =
                    a.leadMs > 0 ? a.leadMs
                                 : qint64(a.result().value(QLatin1String("active_ms")).toDouble());
                annotations.append(QJsonObject{
                    {kId, double(++annotationId)},
                    {QStringLiteral("completed_by"), a.annotator},
                    {QStringLiteral("was_cancelled"), a.status == QLatin1String("skipped")},
                    {QStringLiteral("lead_time"), double(leadMs) / 1000.0},
                    {QStringLiteral("result"), resultsOf(task, a, schema)}});
                ++report.annotations;
            }
            QJsonObject data{{kText, task.text}};
            if (task.data.value(QLatin1String("meta")).isObject())
                data.insert(QStringLiteral("meta"), task.data.value(QLatin1String("meta")));
            const QJsonObject lsTask{
                {kId, double(task.id)},
                {QStringLiteral("data"), data},
                {QStringLiteral("meta"), QJsonObject{{QStringLiteral("uid"), task.uid}}},
                {QStringLiteral("annotations"), annotations}};
            QByteArray& out = file.out();
            out.append(written == 0 ? "\n" : ",\n");
            comparisonexport::appendJson(out, lsTask);
            ++written;
            ++report.tasks;
            return file.flushIfFull();
        });
    if (!visited.ok())
        return visited;
    file.out().append(written == 0 ? "]\n" : "\n]\n");
    if (Status s = file.commit(); !s.ok())
        return s;
    warnings.flushInto(report.warnings);
    return Status::success();
}

}  // namespace postil

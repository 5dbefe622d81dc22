#include "formats/textimport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

#include "formats/detectionsupport.h"
#include "formats/importsession.h"
#include "formats/jsonlformat.h"
#include "formats/linereader.h"
#include "model/ids.h"
#include "model/project.h"
#include "model/resultjson.h"
#include "text/textoffsets.h"

namespace postil {

namespace {

// Long enough to recognise a span in a message, short enough for one line.
constexpr qsizetype kQuotedChars = 40;

QString shortened(const QString& text) {
    QString line = text;
    line.replace(QLatin1Char('\n'), QStringLiteral("\\n"))
        .replace(QLatin1Char('\r'), QStringLiteral("\\r"));
    if (line.size() <= kQuotedChars)
        return line;
    qsizetype cut = kQuotedChars;
    if (line.at(cut - 1).isHighSurrogate())
        --cut;
    return line.left(cut) + QStringLiteral("…");
}

}  // namespace

TextImport::TextImport(ImportSession& session, const QString& format)
    : m_session(session), m_format(format), m_schema(session.project().schema()) {
    m_annotator = format + QStringLiteral("-import");
    const QString tasksOnly = session.options().formatOptions.value(QStringLiteral("tasks-only"));
    m_tasksOnly = !tasksOnly.isEmpty() && tasksOnly != QLatin1String("0");
    for (const Label& label : std::as_const(m_schema.labels))
        m_labelNames.insert(label.name);
    for (const Attribute& attribute : std::as_const(m_schema.attributes))
        m_attributeNames.insert(attribute.name);
}

Expected<QJsonObject> TextImport::parseJsonLine(QByteArrayView line) {
    QJsonParseError error;
    const QJsonDocument doc =
        QJsonDocument::fromJson(QByteArray::fromRawData(line.data(), line.size()), &error);
    if (error.error != QJsonParseError::NoError) {
        // QJsonParseError counts bytes; people count characters.
        qint64 column = 1;
        for (qsizetype i = 0; i < qMin<qsizetype>(error.offset, line.size()); ++i)
            if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80)
                ++column;
        return Status::failure(
            QStringLiteral("not valid JSON at column %1: %2").arg(column).arg(error.errorString()));
    }
    if (!doc.isObject())
        return Status::failure(QStringLiteral("expected a JSON object per line"));
    return doc.object();
}

QJsonObject TextImport::firstJsonLine(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QJsonObject();
    // A first line of megabytes is read as far as 64 KB chunks take it.
    LineReader reader(file, qsizetype(64) << 10);
    QByteArrayView line;
    while (reader.next(line)) {
        if (isBlankLine(line))
            continue;
        return QJsonDocument::fromJson(QByteArray(line.data(), line.size())).object();
    }
    return QJsonObject();
}

QString TextImport::recordId(const QJsonValue& id) {
    if (id.isString())
        return id.toString();
    if (id.isDouble())
        return QString::number(id.toDouble(), 'g', 17);
    return QString();
}

std::optional<qint64> TextImport::wholeNumber(const QJsonValue& value) {
    // The codecs' rule (§4), so a file's offsets and a stored span's agree.
    qint64 number = 0;
    if (!resultjson::readWholeNumber(value, number))
        return std::nullopt;
    return number;
}

QString TextImport::quote(const QString& text, const TextOffsets& offsets, qint64 start,
                          qint64 end) {
    const qsizetype from = offsets.toUtf16(start);
    const qsizetype to = offsets.toUtf16(end);
    if (from < 0 || to < from)
        return QStringLiteral("%1..%2").arg(start).arg(end);
    return QStringLiteral("'%1' at %2..%3")
        .arg(shortened(text.mid(from, to - from)))
        .arg(start)
        .arg(end);
}

QString TextImport::textMismatch(const QString& text, const TextOffsets& offsets, qint64 start,
                                 qint64 end, const QString& stated) {
    const qsizetype from = offsets.toUtf16(start);
    const qsizetype to = offsets.toUtf16(end);
    if (from < 0 || to < 0 || to < from)
        return QStringLiteral("span '%1' at %2..%3 lies outside the text's %4 characters")
            .arg(shortened(stated))
            .arg(start)
            .arg(end)
            .arg(offsets.codePointCount());
    const QStringView there = QStringView(text).mid(from, to - from);
    if (there == stated)
        return QString();
    return QStringLiteral(
               "span '%1' at %2..%3 does not match the text, which reads '%4' there (offsets "
               "count code points; a file counting UTF-16 units or bytes shifts after emoji "
               "and other characters beyond U+FFFF)")
        .arg(shortened(stated))
        .arg(start)
        .arg(end)
        .arg(shortened(there.toString()));
}

QString TextImport::problemOf(const Document& document) const {
    const TextOffsets offsets(document.text);
    const qint64 length = offsets.codePointCount();
    const QList<Span>& spans = document.annotation.spans;
    for (qsizetype i = 0; i < spans.size(); ++i) {
        const Span& span = spans.at(i);
        const QString which = QStringLiteral("span %1 (%2)").arg(i + 1).arg(span.label);
        if (span.label.isEmpty())
            return QStringLiteral("span %1 at %2..%3 has no label")
                .arg(i + 1)
                .arg(span.start)
                .arg(span.end);
        if (span.start < 0 || span.end <= span.start)
            return QStringLiteral("%1 covers nothing (%2..%3)")
                .arg(which)
                .arg(span.start)
                .arg(span.end);
        if (span.end > length)
            return QStringLiteral("%1 at %2..%3 ends past the text's %4 characters")
                .arg(which)
                .arg(span.start)
                .arg(span.end)
                .arg(length);
    }
    const QList<Relation>& relations = document.annotation.relations;
    for (qsizetype i = 0; i < relations.size(); ++i) {
        const Relation& relation = relations.at(i);
        if (relation.from < 0 || relation.from >= spans.size() || relation.to < 0 ||
            relation.to >= spans.size())
            return QStringLiteral("relation %1 (%2) names a span that is not there")
                .arg(i + 1)
                .arg(relation.label);
    }
    return QString();
}

void TextImport::noteLabel(const QString& name, const QString& where) {
    if (m_labelNames.contains(name))
        return;
    Label label = detection::newLabel(m_schema, name);
    label.kinds = {TaskKind::Text};
    m_schema.labels << label;
    m_labelNames.insert(name);
    m_schemaChanged = true;
    m_session.warn(where, QStringLiteral("label '%1' is not in the project's schema; added it "
                                         "for text tasks (colour %2)")
                              .arg(name, label.color));
}

void TextImport::noteAttributes(const QJsonObject& attrs, const QString& where) {
    for (auto it = attrs.begin(); it != attrs.end(); ++it) {
        if (m_attributeNames.contains(it.key()))
            continue;
        Attribute attribute;
        attribute.name = it.key();
        attribute.type = it.value().isBool() ? QStringLiteral("flag") : QStringLiteral("text");
        m_schema.attributes << attribute;
        m_attributeNames.insert(attribute.name);
        m_schemaChanged = true;
        m_session.warn(where, QStringLiteral("attribute '%1' is not in the project's schema; "
                                             "added it as a %2 attribute")
                                  .arg(attribute.name, attribute.type));
    }
}

void TextImport::noteAnswer(const QString& name, const QJsonValue& answer, const QString& where) {
    QStringList values;
    if (answer.isArray()) {
        for (const QJsonValue& value : answer.toArray())
            values << value.toString();
    } else if (answer.isString()) {
        values << answer.toString();
    }
    values.removeAll(QString());
    for (Question& question : m_schema.questions) {
        if (question.name != name)
            continue;
        if (question.type != Question::Type::Single && question.type != Question::Type::Multi)
            return;
        for (const QString& value : std::as_const(values)) {
            if (question.options.contains(value))
                continue;
            question.options << value;
            m_schemaChanged = true;
            m_session.warn(where, QStringLiteral("'%1' is not an option of question '%2'; added "
                                                 "it")
                                      .arg(value, name));
        }
        return;
    }
    Question question;
    question.name = name;
    question.kinds = {TaskKind::Text};
    if (answer.isBool()) {
        question.type = Question::Type::Flag;
    } else if (answer.isDouble()) {
        question.type = Question::Type::Rating;
        question.min = 1;
        question.max = std::max(5, answer.toInt());
    } else if (values.isEmpty()) {
        question.type = Question::Type::Text;
    } else {
        question.type = answer.isArray() ? Question::Type::Multi : Question::Type::Single;
        question.options = values;
        question.options.removeDuplicates();
    }
    m_schema.questions << question;
    m_schemaChanged = true;
    m_session.warn(where, QStringLiteral("question '%1' is not in the project's schema; added "
                                         "it as a %2 question for text tasks")
                              .arg(name, toString(question.type)));
}

Status TextImport::add(Document document, const QDir& baseDir, const QString& where) {
    TaskRecord record;
    record.kind = TaskKind::Text;
    record.id = document.id;
    record.data.insert(QStringLiteral("text"), document.text);
    if (!document.meta.isEmpty())
        record.data.insert(QStringLiteral("meta"), document.meta);

    Project& project = m_session.project();
    const QString uid =
        record.id.isEmpty() ? derivedTaskUid(TaskKind::Text, record.data) : record.id;
    if (!record.id.isEmpty()) {
        if (auto existing = project.tasks().byUid(record.id);
            existing && existing->kind == TaskKind::Text &&
            existing->data.value(QStringLiteral("text")).toString() != document.text)
            return m_session.reportBad(
                where, QStringLiteral("%1 is already in the project with another text: its "
                                      "spans would land on other characters (import into "
                                      "another project, or give the record another id)")
                           .arg(Task::describe(existing->id, existing->uid)));
    }
    if (document.annotated && !m_tasksOnly) {
        if (const QString problem = problemOf(document); !problem.isEmpty())
            return m_session.reportBad(where, problem);
        for (const Span& span : std::as_const(document.annotation.spans)) {
            noteLabel(span.label, where);
            noteAttributes(span.attrs, where);
        }
        for (auto it = document.answers.begin(); it != document.answers.end(); ++it)
            noteAnswer(it.key(), it.value(), where);
        QJsonObject result = spanresult::withSpans(QJsonObject(), document.annotation);
        if (!document.answers.isEmpty())
            result.insert(QStringLiteral("answers"), document.answers);
        Annotation annotation;
        annotation.annotator = m_annotator;
        annotation.status = AnnotationStatus::Draft;  // pre-annotations, to be checked
        annotation.result = result;
        record.annotations << annotation;
        const auto earlier = m_annotatedBy.constFind(uid);
        if (earlier != m_annotatedBy.constEnd())
            m_session.warn(where, QStringLiteral("the same task as %1; this record's annotation "
                                                 "replaces that one")
                                      .arg(*earlier));
        else
            m_annotatedBy.insert(uid, where);
    }
    return m_session.add(std::move(record), baseDir, where);
}

Status TextImport::finish() {
    return m_session.saveGrownSchema(m_schema, m_schemaChanged);
}

}  // namespace postil

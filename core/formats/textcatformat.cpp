#include "formats/textcatformat.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

#include "formats/comparisonexport.h"
#include "formats/csvreader.h"
#include "formats/importsession.h"
#include "formats/jsonlformat.h"
#include "formats/streamedfile.h"
#include "formats/textexport.h"
#include "formats/textimport.h"
#include "model/project.h"

namespace postil {

namespace {

using comparisonexport::appendString;
using textexport::TextAnnotationRow;
using textexport::TextTask;

const QString kText = QStringLiteral("text");
const QString kLabel = QStringLiteral("label");
const QString kLabels = QStringLiteral("labels");

bool isChoice(const Question& question) {
    return question.type == Question::Type::Single || question.type == Question::Type::Multi;
}

// ---- reading ----

// What one record says, before it meets the question.
struct Record {
    QString id;
    QString text;
    QStringList labels;
    bool many = false;     // given as a list ("labels")
    bool present = false;  // the record holds an answer at all
};

class RecordImport {
public:
    RecordImport(ImportSession& session, const QString& format)
        : m_import(session, format), m_schema(session.project().schema()) {
        m_named = session.options().formatOptions.value(QLatin1String(textcat::kQuestionOption));
    }

    Status begin() {
        QString error;
        const Question* question = textcat::questionFor(m_schema, m_named, true, error);
        if (!error.isEmpty())
            return Status::failure(error);
        if (question) {
            m_question = question->name;
            m_multi = question->type == Question::Type::Multi;
            m_known = true;
        } else if (!m_named.isEmpty()) {
            m_question = m_named;
        }
        return Status::success();
    }

    Status add(const Record& record, const QDir& baseDir, const QString& where) {
        TextImport::Document document;
        document.id = record.id;
        document.text = record.text;
        if (record.present && !record.labels.isEmpty()) {
            document.annotated = true;
            const QString question =
                !m_question.isEmpty() ? m_question : (record.many ? kLabels : kLabel);
            const bool multi = m_known ? m_multi : record.many;
            if (multi) {
                document.answers.insert(question, QJsonArray::fromStringList(record.labels));
            } else if (record.labels.size() == 1) {
                document.answers.insert(question, record.labels.first());
            } else {
                return m_import.session().reportBad(
                    where, QStringLiteral("question '%1' takes one answer; the record has %2")
                               .arg(question)
                               .arg(record.labels.size()));
            }
        }
        return m_import.add(std::move(document), baseDir, where);
    }

    // Whether answers are lists: the question's type when the schema has
    // it, else what the record looks like.
    bool multi(bool recordMany) const { return m_known ? m_multi : recordMany; }
    Status finish() { return m_import.finish(); }
    ImportSession& session() { return m_import.session(); }

private:
    TextImport m_import;
    Schema m_schema;
    QString m_named;
    QString m_question;
    bool m_multi = false;
    bool m_known = false;
};

Status readJsonLine(QByteArrayView line, const QDir& baseDir, const QString& where,
                    RecordImport& import) {
    ImportSession& session = import.session();
    auto parsed = TextImport::parseJsonLine(line);
    if (!parsed.ok())
        return session.reportBad(where, parsed.error());
    const QJsonObject& object = *parsed;
    if (!object.value(kText).isString())
        return session.reportBad(where, QStringLiteral("\"text\" must be a string"));
    Record record;
    record.text = object.value(kText).toString();
    record.id = TextImport::recordId(object.value(QLatin1String("id")));
    QJsonValue answer = object.value(kLabels);
    if (answer.isUndefined())
        answer = object.value(kLabel);
    if (answer.isString()) {
        record.present = true;
        record.labels << answer.toString();
    } else if (answer.isArray()) {
        record.present = true;
        record.many = true;
        for (const QJsonValue& label : answer.toArray()) {
            if (!label.isString())
                return session.reportBad(where, QStringLiteral("\"labels\" must be strings"));
            record.labels << label.toString();
        }
    } else if (!answer.isUndefined() && !answer.isNull()) {
        return session.reportBad(where,
                                 QStringLiteral("\"label\" must be a string, \"labels\" a list"));
    }
    record.labels.removeAll(QString());
    return import.add(record, baseDir, where);
}

// ---- writing ----

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

// The answer to 'question' as a list of options; empty when none.
QStringList answerOf(const TextAnnotationRow& annotation, const QString& question) {
    const QJsonValue answer = textexport::answerOf(annotation.result(), question);
    QStringList labels;
    if (answer.isString())
        labels << answer.toString();
    for (const QJsonValue& label : answer.toArray())
        labels << label.toString();
    labels.removeAll(QString());
    return labels;
}

Status writeRows(Project& project, const QString& path, const ExportOptions& options,
                 ExportReport& report, const QByteArray& header, bool& multi,
                 const std::function<void(QByteArray&, const TextTask&, const TextAnnotationRow&,
                                          const QStringList&, bool)>& row) {
    if (isSet(options.cancel))
        return cancelledStatus(QStringLiteral("the export"));
    QString error;
    const Question* question = textcat::questionFor(
        project.schema(), options.formatOptions.value(QLatin1String(textcat::kQuestionOption)),
        false, error);
    if (!question)
        return Status::failure(error);
    const QString name = question->name;
    multi = question->type == Question::Type::Multi;
    StreamedFile file(path);
    if (Status s = file.open(); !s.ok())
        return s;
    file.out().append(header);
    detection::WarningTally warnings;
    qint64 unanswered = 0;
    qint64 unannotated = 0;
    Status visited = textexport::forEachTextTask(
        project, options, report, warnings, [&](const TextTask& task) -> Status {
            if (task.annotations.isEmpty())
                ++unannotated;
            bool any = false;
            for (const TextAnnotationRow& annotation : task.annotations) {
                const QStringList labels = answerOf(annotation, name);
                if (labels.isEmpty()) {
                    ++unanswered;
                    continue;
                }
                row(file.out(), task, annotation, labels, multi);
                ++report.annotations;
                any = true;
            }
            if (any)
                ++report.tasks;
            return file.flushIfFull();
        });
    if (!visited.ok())
        return visited;
    if (Status s = file.commit(); !s.ok())
        return s;
    warnings.flushInto(report.warnings);
    textexport::warnUnannotated(report, unannotated);
    if (unanswered > 0)
        report.warnings << QStringLiteral("%1 annotations do not answer question '%2': left out")
                               .arg(unanswered)
                               .arg(name);
    return Status::success();
}

}  // namespace

namespace textcat {

const Question* questionFor(const Schema& schema, const QString& named, bool forImport,
                            QString& error) {
    if (!named.isEmpty()) {
        const Question* question = schema.question(named);
        if (question && !isChoice(*question)) {
            error = QStringLiteral("question '%1' is a %2 question, not a single or multi choice")
                        .arg(named, toString(question->type));
            return nullptr;
        }
        if (!question && !forImport)
            error = QStringLiteral("the project has no question '%1'").arg(named);
        return question;
    }
    for (const Question& question : schema.questions)
        if (isChoice(question) && question.appliesTo(TaskKind::Text))
            return &question;
    if (!forImport)
        error = QStringLiteral(
            "the project has no single or multi choice question for text "
            "tasks to export");
    return nullptr;
}

}  // namespace textcat

bool TextcatJsonlFormat::probe(const QString& path) const {
    if (!Format::probe(path))
        return false;
    const QJsonObject first = TextImport::firstJsonLine(path);
    if (first.contains(QLatin1String("data")) || first.contains(QLatin1String("spans")) ||
        !first.value(kText).isString())
        return false;
    if (first.value(kLabel).isString())
        return true;
    const QJsonValue list = first.contains(kLabels) ? first.value(kLabels) : first.value(kLabel);
    return list.isArray() && (list.toArray().isEmpty() || list.toArray().first().isString());
}

Status TextcatJsonlFormat::read(const QString& path, ImportSession& session) {
    RecordImport import(session, name());
    if (Status s = import.begin(); !s.ok())
        return s;
    Status s = readJsonLines(
        path, session, [&import](QByteArrayView line, const QDir& baseDir, const QString& where) {
            return readJsonLine(line, baseDir, where, import);
        });
    if (!s.ok())
        return s;
    return import.finish();
}

Status TextcatJsonlFormat::write(Project& project, const QString& path,
                                 const ExportOptions& options, ExportReport& report) {
    bool multi = false;
    return writeRows(project, path, options, report, QByteArray(), multi,
                     [](QByteArray& out, const TextTask& task, const TextAnnotationRow& annotation,
                        const QStringList& labels, bool many) {
                         out.append("{\"id\":");
                         appendString(out, task.uid);
                         out.append(",\"text\":");
                         appendString(out, task.text);
                         if (many) {
                             out.append(",\"labels\":[");
                             for (qsizetype i = 0; i < labels.size(); ++i) {
                                 if (i > 0)
                                     out.append(',');
                                 appendString(out, labels.at(i));
                             }
                             out.append(']');
                         } else {
                             out.append(",\"label\":");
                             appendString(out, labels.first());
                         }
                         out.append(",\"annotator\":");
                         appendString(out, annotation.annotator);
                         out.append("}\n");
                     });
}

Status TextcatCsvFormat::read(const QString& path, ImportSession& session) {
    RecordImport import(session, name());
    if (Status s = import.begin(); !s.ok())
        return s;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Status::failure(QStringLiteral("%1: %2").arg(path, file.errorString()));
    const qint64 total = file.size();
    const QDir baseDir = QFileInfo(path).absoluteDir();
    CsvReader reader(file, ',');
    QList<QByteArray> fields;
    if (reader.next(fields) != CsvReader::Result::Record)
        return Status::failure(QStringLiteral("%1: no header row (text,label)").arg(path));
    qsizetype textColumn = -1;
    qsizetype labelColumn = -1;
    qsizetype idColumn = -1;
    bool many = false;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        const QByteArray column = fields.at(i).trimmed().toLower();
        if (column == "text")
            textColumn = i;
        else if (column == "label" || column == "labels") {
            labelColumn = i;
            many = column == "labels";
        } else if (column == "id")
            idColumn = i;
    }
    if (textColumn < 0 || labelColumn < 0)
        return Status::failure(
            QStringLiteral("%1:1: the header needs a text and a label column").arg(path));
    const QString prefix = path + QLatin1Char(':');
    for (;;) {
        const CsvReader::Result result = reader.next(fields);
        if (result == CsvReader::Result::End)
            break;
        const QString where = prefix + QString::number(reader.recordLine());
        session.progress(reader.bytesConsumed(), total);
        if (result == CsvReader::Result::Bad) {
            if (Status s = session.reportBad(where, reader.problem()); !s.ok())
                return s;
            continue;
        }
        const auto text = decodeUtf8Strict(fields.value(textColumn));
        const auto label = decodeUtf8Strict(fields.value(labelColumn));
        const auto id = decodeUtf8Strict(fields.value(idColumn));
        if (!text || !label || !id) {
            if (Status s = session.reportBad(where, QStringLiteral("not valid UTF-8")); !s.ok())
                return s;
            continue;
        }
        Record record;
        record.text = *text;
        record.id = idColumn >= 0 ? *id : QString();
        record.present = !label->isEmpty();
        record.many = import.multi(many || label->contains(QLatin1Char('|')));
        record.labels = record.many ? label->split(QLatin1Char('|')) : QStringList{*label};
        record.labels.removeAll(QString());
        if (Status s = import.add(record, baseDir, where); !s.ok())
            return s;
    }
    if (!reader.error().isEmpty())
        return Status::failure(QStringLiteral("%1: read failed: %2").arg(path, reader.error()));
    session.progress(total, total);
    return import.finish();
}

Status TextcatCsvFormat::write(Project& project, const QString& path, const ExportOptions& options,
                               ExportReport& report) {
    bool multi = false;
    return writeRows(project, path, options, report, "text,label\n", multi,
                     [](QByteArray& out, const TextTask& task, const TextAnnotationRow&,
                        const QStringList& labels, bool) {
                         appendCsvField(out, task.text.toUtf8());
                         out.append(',');
                         appendCsvField(out, labels.join(QLatin1Char('|')).toUtf8());
                         out.append('\n');
                     });
}

}  // namespace postil

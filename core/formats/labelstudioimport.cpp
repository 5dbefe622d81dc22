#include "formats/labelstudioimport.h"

#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>
#include <cmath>

#include "formats/detectionsupport.h"
#include "formats/importsession.h"
#include "formats/labelstudionames.h"
#include "formats/labelstudioresultreader.h"
#include "media/audioprobe.h"
#include "model/comparison.h"
#include "model/comparisonresult.h"
#include "model/ids.h"

namespace postil {

namespace {

const QString kData = QStringLiteral("data");
const QString kResponses = QStringLiteral("responses");

// The annotator of an annotation or draft: completed_by (an e-mail, a user
// id, or in older exports the user object), else the draft's "user".
QString annotatorOf(const QJsonObject& annotation) {
    QJsonValue user = annotation.value(QLatin1String("completed_by"));
    if (user.isUndefined() || user.isNull())
        user = annotation.value(QLatin1String("user"));
    if (user.isObject()) {
        const QJsonObject object = user.toObject();
        user = object.value(QLatin1String("email")).isString()
                   ? object.value(QLatin1String("email"))
                   : object.value(QLatin1String("id"));
    }
    if (user.isString() && !user.toString().trimmed().isEmpty())
        return labelstudio::annotatorOfUser(user.toString().trimmed());
    if (user.isDouble() && std::isfinite(user.toDouble()))
        return QStringLiteral("labelstudio-user-%1").arg(user.toDouble(), 0, 'g', 17);
    return QStringLiteral("labelstudio-import");
}

qint64 leadMsOf(const QJsonObject& annotation) {
    const double seconds = annotation.value(QLatin1String("lead_time")).toDouble(0);
    if (!std::isfinite(seconds) || seconds <= 0 || seconds > 1e12)
        return 0;
    return qint64(std::llround(seconds * 1000.0));
}

// The kind of a task by its data's keys, as Postil's export writes them and
// Label Studio's templates name them.
std::optional<TaskKind> kindOf(const QJsonObject& data) {
    if (data.value(QLatin1String("image")).isString())
        return TaskKind::Image;
    if (data.value(QLatin1String("audio")).isString())
        return TaskKind::Audio;
    if (data.contains(QLatin1String("prompt")) &&
        (data.value(kResponses).isArray() || data.contains(labelstudio::answerObject(0))))
        return TaskKind::Compare;
    if (data.value(QLatin1String("text")).isString())
        return TaskKind::Text;
    return std::nullopt;
}

// The order an annotator saw the responses in, as Postil's export states it
// ("display_order": canonical index per position shown), kept when it is an
// order of every response.
void keepDisplayOrder(const QJsonObject& annotation, int responses, QJsonObject& result) {
    const QJsonArray given = annotation.value(QLatin1String("display_order")).toArray();
    if (given.size() != responses)
        return;
    QList<int> order;
    QList<bool> seen(responses, false);
    for (const QJsonValue& value : given) {
        const int response = value.toInt(-1);
        if (!value.isDouble() || response < 0 || response >= responses || seen[response])
            return;
        seen[response] = true;
        order << response;
    }
    ComparisonResult verdict = ComparisonResult::read(result, responses);
    verdict.setOrder(order);
    result = verdict.toJson();
}

}  // namespace

LabelStudioImport::LabelStudioImport(ImportSession& session, const QString& path)
    : m_session(session),
      m_baseDir(QFileInfo(path).absoluteDir()),
      m_schema(session.project().schema()) {
    const QString tasksOnly = session.options().formatOptions.value(QStringLiteral("tasks-only"));
    m_tasksOnly = !tasksOnly.isEmpty() && tasksOnly != QLatin1String("0");
}

void LabelStudioImport::warn(const QString& where, const QString& message) {
    m_session.warn(where, message);
}

// Where a task's media address points on this machine, looked for beside
// the export: the path as written (relative to the export's folder), the
// "d" of a local-files address (/data/local-files/?d=PATH), then the file's
// name alone, and an upload's name without the 8 hex digits Label Studio
// puts before it (/data/upload/3/1a2b3c4d-street.jpg). Only regular files:
// never a device or a folder a hostile file names.
static QString findMedia(const QDir& baseDir, const QString& given, QStringList& tried) {
    QString path = given;
    const QUrl url(given);
    const QString scheme = url.scheme().toLower();
    bool remote = false;
    if (given.contains(QLatin1String("?d="))) {
        path = QUrlQuery(url.query()).queryItemValue(QStringLiteral("d"), QUrl::FullyDecoded);
    } else if (scheme == QLatin1String("file")) {
        path = url.toLocalFile();
    } else if (scheme.size() > 1) {  // http, s3, gs...; one letter is a Windows drive
        path = url.path();
        remote = true;
    }
    QStringList candidates;
    if (!remote && !path.isEmpty() && !path.startsWith(QLatin1String("/data/")))
        candidates << QDir::cleanPath(baseDir.absoluteFilePath(path));
    const QString name = QFileInfo(path).fileName();
    if (!name.isEmpty()) {
        candidates << baseDir.absoluteFilePath(name);
        static const QRegularExpression upload(QStringLiteral("^[0-9a-f]{8}-(.+)$"));
        if (const auto match = upload.match(name); match.hasMatch())
            candidates << baseDir.absoluteFilePath(match.captured(1));
    }
    candidates.removeDuplicates();
    for (const QString& candidate : std::as_const(candidates)) {
        if (QFileInfo(candidate).isFile())
            return candidate;
        tried << QDir::toNativeSeparators(candidate);
    }
    return QString();
}

Status LabelStudioImport::readTask(const QJsonValue& value, const QString& where) {
    const QJsonObject task = value.toObject();
    const QJsonValue dataValue = task.value(kData);
    if (!value.isObject() || !dataValue.isObject())
        return m_session.reportBad(where, QStringLiteral("a task needs \"data\" as an object"));
    TaskRecord record;
    record.data = dataValue.toObject();
    auto kind = kindOf(record.data);
    if (!kind) {
        // A template's own name for the text ("review", "dialogue"): the one string field.
        QStringList strings;
        for (auto it = record.data.begin(); it != record.data.end(); ++it)
            if (it.value().isString())
                strings << it.key();
        if (strings.size() != 1)
            return m_session.reportBad(
                where, QStringLiteral("cannot tell the task's kind: data needs \"image\", "
                                      "\"audio\", \"text\", or \"prompt\" with \"answer1\", "
                                      "\"answer2\"... (or one string field, taken as the text)"));
        record.data.insert(QStringLiteral("text"), record.data.take(strings.first()));
        kind = TaskKind::Text;
    }
    record.kind = *kind;
    const QJsonValue uid = task.value(QLatin1String("meta")).toObject().value(QLatin1String("uid"));
    if (uid.isString() && !uid.toString().isEmpty())
        record.id = uid.toString();

    LabelStudioTaskFacts facts;
    facts.kind = record.kind;
    switch (record.kind) {
        case TaskKind::Image:
        case TaskKind::Audio: {
            const QString key = labelstudio::objectOf(record.kind);
            QStringList tried;
            const QString found = findMedia(m_baseDir, record.data.value(key).toString(), tried);
            if (found.isEmpty())
                return m_session.reportBad(
                    where, QStringLiteral("%1 '%2' is not beside the export (looked for %3); "
                                          "put the files where the export's paths say")
                               .arg(key, record.data.value(key).toString(),
                                    tried.isEmpty() ? QStringLiteral("nothing: no file name")
                                                    : tried.join(QStringLiteral(", "))));
            record.data.insert(key, found);
            if (record.kind == TaskKind::Image) {
                if (auto media = m_session.mediaFile(found, TaskKind::Image); media.ok())
                    facts.imageSize = media->size;
            } else if (auto probe = AudioProbe::probe(found); probe.ok()) {
                facts.durationMs = probe->durationMs;
            }
            break;
        }
        case TaskKind::Text: {
            facts.text = record.data.value(QStringLiteral("text")).toString();
            facts.offsets = TextOffsets(facts.text);
            if (!record.id.isEmpty()) {
                if (auto existing = m_session.project().tasks().byUid(record.id);
                    existing && existing->kind == TaskKind::Text &&
                    existing->data.value(QStringLiteral("text")).toString() != facts.text)
                    return m_session.reportBad(
                        where, QStringLiteral("%1 is already in the project with another text: "
                                              "its spans would land on other characters")
                                   .arg(Task::describe(existing->id, existing->uid)));
            }
            break;
        }
        case TaskKind::Compare: {
            // answer1, answer2... (Label Studio's pairwise template) become responses.
            if (!record.data.value(kResponses).isArray()) {
                QJsonArray responses;
                for (int n = 0; record.data.contains(labelstudio::answerObject(n)); ++n)
                    responses << record.data.take(labelstudio::answerObject(n));
                record.data.insert(kResponses, responses);
            }
            for (const QJsonValue& response : record.data.value(kResponses).toArray())
                facts.responses << comparison::contentText(response);
            break;
        }
    }

    if (!m_tasksOnly) {
        QHash<QString, qsizetype> byAnnotator;  // annotator -> index in record.annotations
        LabelStudioResultReader reader(*this, facts, where);
        const QString as = m_session.options().asAnnotator;
        struct Source {
            const char* key;
            const char* noun;
        };
        for (const Source& source : {Source{"annotations", "annotation"}, Source{"drafts", "draft"},
                                     Source{"predictions", "prediction"}}) {
            const QJsonValue listValue = task.value(QLatin1String(source.key));
            if (listValue.isUndefined() || listValue.isNull())
                continue;
            if (!listValue.isArray())
                return m_session.reportBad(
                    where, QStringLiteral("\"%1\" must be a list").arg(QLatin1String(source.key)));
            const QJsonArray list = listValue.toArray();
            const bool prediction = qstrcmp(source.key, "predictions") == 0;
            for (qsizetype i = 0; i < list.size(); ++i) {
                if (!list.at(i).isObject())
                    return m_session.reportBad(where, QStringLiteral("%1 %2 is not an object")
                                                          .arg(QLatin1String(source.noun))
                                                          .arg(i + 1));
                const QJsonObject item = list.at(i).toObject();
                Annotation annotation;
                QString model;
                if (prediction) {
                    const QJsonValue version = item.value(QLatin1String("model_version"));
                    model = version.isString() && !version.toString().isEmpty() ? version.toString()
                            : version.isDouble() ? QString::number(version.toDouble(), 'g', 17)
                                                 : QStringLiteral("labelstudio");
                    annotation.annotator = QStringLiteral("model:") + model;
                    annotation.status = AnnotationStatus::Draft;
                } else {
                    annotation.annotator = annotatorOf(item);
                    annotation.status = qstrcmp(source.key, "drafts") == 0 ? AnnotationStatus::Draft
                                        : item.value(QLatin1String("was_cancelled")).toBool()
                                            ? AnnotationStatus::Skipped
                                            : AnnotationStatus::Submitted;
                }
                annotation.leadMs = leadMsOf(item);
                const QString which = QStringLiteral("%1 %2 (%3)")
                                          .arg(QLatin1String(source.noun))
                                          .arg(i + 1)
                                          .arg(annotation.annotator);
                const QJsonValue results = item.value(QLatin1String("result"));
                if (!results.isArray() && !results.isUndefined() && !results.isNull())
                    return m_session.reportBad(
                        where, which + QStringLiteral(": \"result\" must be a list"));
                auto result = reader.read(results.toArray(), which);
                if (!result.ok())
                    return m_session.reportBad(where, result.error());
                annotation.result = *result;
                if (record.kind == TaskKind::Compare)
                    keepDisplayOrder(item, int(facts.responses.size()), annotation.result);
                if (prediction)
                    annotation.result.insert(QStringLiteral("model"),
                                             QJsonObject{{QStringLiteral("name"), model}});
                const QString key = as.isEmpty() ? annotation.annotator : as;
                if (const auto earlier = byAnnotator.constFind(key);
                    earlier != byAnnotator.constEnd()) {
                    warn(where, QStringLiteral("%1 replaces an earlier one by %2 (one answer per "
                                               "annotator and task)")
                                    .arg(which, key));
                    record.annotations[*earlier] = annotation;
                } else {
                    byAnnotator.insert(key, record.annotations.size());
                    record.annotations << annotation;
                }
            }
        }
    }
    return m_session.add(std::move(record), m_baseDir, where);
}

void LabelStudioImport::noteLabel(const QString& name, TaskKind kind, const QString& where) {
    for (Label& label : m_schema.labels) {
        if (label.name != name)
            continue;
        if (!label.appliesTo(kind)) {
            label.kinds << kind;
            m_schemaChanged = true;
            warn(
                where,
                QStringLiteral("label '%1' now applies to %2 tasks too").arg(name, toString(kind)));
        }
        return;
    }
    Label label = detection::newLabel(m_schema, name);
    label.kinds = {kind};
    // Only the image and text editors bind label keys (Schema::hotkeyProblem).
    if (kind == TaskKind::Audio || kind == TaskKind::Compare)
        label.hotkey.clear();
    m_schema.labels << label;
    m_schemaChanged = true;
    warn(where, QStringLiteral("label '%1' is not in the project's schema; added it for %2 "
                               "tasks (colour %3)")
                    .arg(name, toString(kind), label.color));
}

void LabelStudioImport::noteAttribute(const QString& name, const QJsonValue& value, TaskKind kind,
                                      const QString& where) {
    for (Attribute& attribute : m_schema.attributes) {
        if (attribute.name != name)
            continue;
        if (!attribute.appliesTo(kind)) {
            attribute.kinds << kind;
            m_schemaChanged = true;
        }
        return;
    }
    Attribute attribute;
    attribute.name = name;
    attribute.type = value.isBool() ? QStringLiteral("flag") : QStringLiteral("text");
    attribute.kinds = {kind};
    m_schema.attributes << attribute;
    m_schemaChanged = true;
    warn(where, QStringLiteral("attribute '%1' is not in the project's schema; added it as a %2 "
                               "attribute of %3 tasks")
                    .arg(name, attribute.type, toString(kind)));
}

void LabelStudioImport::noteAnswer(const QString& name, const QJsonValue& answer,
                                   Question::Type type, TaskKind kind, const QString& where) {
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
        if (!question.appliesTo(kind)) {
            question.kinds << kind;
            m_schemaChanged = true;
        }
        if (question.type == Question::Type::Rating && answer.isDouble() &&
            answer.toDouble() > question.max && answer.toDouble() < 1e6) {
            question.max = int(std::ceil(answer.toDouble()));
            m_schemaChanged = true;
        }
        if (question.type != Question::Type::Single && question.type != Question::Type::Multi)
            return;
        for (const QString& value : std::as_const(values)) {
            if (question.options.contains(value))
                continue;
            question.options << value;
            m_schemaChanged = true;
            warn(where, QStringLiteral("'%1' is not an option of question '%2'; added it")
                            .arg(value, name));
        }
        return;
    }
    Question question;
    question.name = name;
    question.kinds = {kind};
    question.type = type;
    if (type == Question::Type::Rating) {
        question.min = 1;
        question.max = std::max(5, int(std::ceil(std::min(answer.toDouble(), 1e6))));
    } else if (type == Question::Type::Single || type == Question::Type::Multi) {
        question.options = values;
        question.options.removeDuplicates();
    }
    m_schema.questions << question;
    m_schemaChanged = true;
    warn(where, QStringLiteral("question '%1' is not in the project's schema; added it as a %2 "
                               "question for %3 tasks")
                    .arg(name, toString(question.type), toString(kind)));
}

void LabelStudioImport::noteRubric(const QString& dimension, double score, const QString& where) {
    for (RubricDimension& existing : m_schema.rubric) {
        if (existing.name != dimension)
            continue;
        if (score > existing.max && score < 1e6) {
            existing.max = int(std::ceil(score));
            m_schemaChanged = true;
        }
        return;
    }
    RubricDimension added;
    added.name = dimension;
    added.min = 1;
    added.max = std::max(7, int(std::ceil(std::min(score, 1e6))));
    m_schema.rubric << added;
    m_schemaChanged = true;
    warn(where, QStringLiteral("rubric dimension '%1' is not in the project's schema; added it "
                               "(%2..%3)")
                    .arg(dimension)
                    .arg(added.min)
                    .arg(added.max));
}

Status LabelStudioImport::finish() {
    return m_session.saveGrownSchema(m_schema, m_schemaChanged);
}

}  // namespace postil

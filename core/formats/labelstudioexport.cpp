#include "formats/labelstudioexport.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QUrl>

#include "formats/comparisonexport.h"
#include "formats/labelstudionames.h"
#include "formats/streamedfile.h"
#include "media/imageprobe.h"
#include "model/boxprecision.h"
#include "model/boxresult.h"
#include "model/comparison.h"
#include "model/comparisonresult.h"
#include "model/project.h"
#include "model/segmentresult.h"
#include "model/spanresult.h"
#include "model/task.h"
#include "text/textoffsets.h"

namespace postil {

using namespace labelstudio;

namespace {

const QString kId = QStringLiteral("id");
const QString kType = QStringLiteral("type");
const QString kValue = QStringLiteral("value");
const QString kStart = QStringLiteral("start");
const QString kEnd = QStringLiteral("end");
const QString kText = QStringLiteral("text");
const QString kLabels = QStringLiteral("labels");
const QString kChoices = QStringLiteral("choices");
const QString kTextarea = QStringLiteral("textarea");
const QString kRating = QStringLiteral("rating");
const QString kScore = QStringLiteral("score");

QJsonObject result(const QString& id, const QString& from, const QString& to, const QString& type,
                   const QJsonObject& value) {
    QJsonObject out{{QStringLiteral("from_name"), from},
                    {QStringLiteral("to_name"), to},
                    {kType, type},
                    {kValue, value},
                    {QStringLiteral("origin"), QStringLiteral("manual")}};
    if (!id.isEmpty())
        out.insert(kId, id);
    return out;
}

// A value as one of Label Studio's choices: a flag is "true"/"false".
QString choiceText(const QJsonValue& value) {
    if (value.isBool())
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (value.isString())
        return value.toString();
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact))
        .mid(1)
        .chopped(1);
}

QJsonArray choicesOf(const QJsonValue& value) {
    QJsonArray choices;
    if (value.isArray()) {
        for (const QJsonValue& choice : value.toArray())
            choices.append(choiceText(choice));
    } else {
        choices.append(choiceText(value));
    }
    return choices;
}

// Seconds exactly as many milliseconds say (1500 -> 1.5).
double seconds(qint64 ms) {
    return double(ms) / 1000.0;
}

TaskKind kindOfName(const QByteArray& name) {
    if (name == "image")
        return TaskKind::Image;
    if (name == "audio")
        return TaskKind::Audio;
    if (name == "compare")
        return TaskKind::Compare;
    return TaskKind::Text;
}

}  // namespace

struct LabelStudioExport::Row {
    QString annotator;
    QString status;
    QByteArray result;
    qint64 leadMs = 0;
    bool isReview = false;
};

struct LabelStudioExport::TaskRows {
    qint64 id = 0;
    QString uid;
    TaskKind kind = TaskKind::Text;
    QJsonObject data;
    QSize imageSize;
    QString text;  // a text task's text
    TextOffsets offsets;
    QStringList responses;  // a comparison's responses as flags count in them
    QList<Row> rows;
};

LabelStudioExport::LabelStudioExport(Project& project, const ExportOptions& options,
                                     ExportReport& report, const QDir& outDir)
    : m_project(project),
      m_options(options),
      m_report(report),
      m_outDir(outDir),
      m_schema(project.schema()) {}

Status LabelStudioExport::write(StreamedFile& file) {
    if (Status s = m_options.checkStatus(); !s.ok())
        return s;
    // A model's rows are drafts: they leave as predictions whatever --status says.
    auto prepared = m_project.database().prepare(
        QStringLiteral("SELECT t.id, t.uid, t.kind, t.data, m.width, m.height, a.annotator, "
                       "a.status, a.result, a.lead_ms, a.review_of IS NOT NULL FROM tasks t "
                       "LEFT JOIN media m ON m.hash = t.media_hash "
                       "LEFT JOIN annotations a ON a.task_uid = t.uid AND a.deleted = 0 AND ") +
        m_options.rowsSql(1) + QStringLiteral(" AND (a.annotator LIKE 'model:%' OR ") +
        ExportOptions::statusSql(2) + QStringLiteral(") ORDER BY t.id, a.annotator"));
    if (!prepared.ok())
        return Status::failure(QStringLiteral("%1: %2").arg(m_project.path(), prepared.error()));
    Statement& rows = *prepared;
    rows.bind(1, m_options.annotator).bind(2, m_options.statusBinding());
    const qint64 total = m_project.tasks().count();
    QElapsedTimer timer;
    timer.start();
    file.out().append("[");
    TaskRows task;
    bool open = false;
    auto flushTask = [&]() -> Status {
        if (!open)
            return Status::success();
        open = false;
        if (Status s = writeTask(file, task); !s.ok())
            return s;
        return m_options.taskDone(m_report.tasks, total, timer);
    };
    while (rows.next()) {
        const qint64 id = rows.int64(0);
        if (!open || id != task.id) {
            if (Status s = flushTask(); !s.ok())
                return s;
            task = TaskRows();
            open = true;
            task.id = id;
            task.uid = rows.text(1);
            task.kind = kindOfName(rows.utf8(2));
            task.data = QJsonDocument::fromJson(rows.utf8(3)).object();
            if (!rows.isNull(4))
                task.imageSize = QSize(int(rows.int64(4)), int(rows.int64(5)));
        }
        if (rows.isNull(6))
            continue;  // a task without annotations (LEFT JOIN)
        Row row;
        row.annotator = rows.text(6);
        row.status = rows.text(7);
        row.result = rows.utf8(8);
        row.leadMs = rows.int64(9);
        row.isReview = rows.int64(10) != 0;
        task.rows << row;
    }
    if (!rows.status().ok())
        return Status::failure(
            QStringLiteral("%1: %2").arg(m_project.path(), rows.status().error()));
    if (Status s = flushTask(); !s.ok())
        return s;
    file.out().append(m_report.tasks == 0 ? "]\n" : "\n]\n");
    if (m_lostImages > 0)
        m_report.warnings << QStringLiteral(
                                 "%1 image tasks of unknown size whose image cannot be read: "
                                 "written without their boxes (percent needs the size)")
                                 .arg(m_lostImages);
    m_warnings.flushInto(m_report.warnings);
    if (m_reviews > 0)
        m_report.warnings << QStringLiteral(
                                 "%1 accepted reviews are written as annotations with "
                                 "ground_truth (Label Studio has no review rows)")
                                 .arg(m_reviews);
    return Status::success();
}

Status LabelStudioExport::writeTask(StreamedFile& file, const TaskRows& taskIn) {
    TaskRows task = taskIn;
    QJsonObject data = task.data;
    m_seen.kinds.insert(task.kind);
    switch (task.kind) {
        case TaskKind::Image:
        case TaskKind::Audio: {
            // Paths relative to the file written, as the export's readers resolve them.
            const QString key = objectOf(task.kind);
            const QString stored = data.value(key).toString();
            const QString absolute = m_project.absoluteMediaPath(stored);
            const QString mediaUrl = m_options.formatOptions.value(QLatin1String(kMediaUrlOption));
            if (mediaUrl.isEmpty())
                data.insert(key, QDir::fromNativeSeparators(m_outDir.relativeFilePath(absolute)));
            else
                data.insert(key, mediaUrl + QString::fromLatin1(QUrl::toPercentEncoding(
                                                QDir::fromNativeSeparators(stored), "/")));
            if (task.kind == TaskKind::Image && !task.imageSize.isValid()) {
                if (auto probe = ImageProbe::probe(absolute); probe.ok())
                    task.imageSize = probe->size;
            }
            break;
        }
        case TaskKind::Text:
            task.text = data.value(kText).toString();
            task.offsets = TextOffsets(task.text);
            break;
        case TaskKind::Compare: {
            const QJsonArray responses = data.take(QStringLiteral("responses")).toArray();
            for (qsizetype i = 0; i < responses.size(); ++i) {
                data.insert(answerObject(int(i)), responses.at(i));
                task.responses << comparison::contentText(responses.at(i));
                m_seen.conversation =
                    m_seen.conversation || comparison::isConversation(responses.at(i));
            }
            m_seen.conversation =
                m_seen.conversation || comparison::isConversation(data.value(promptObject()));
            m_seen.maxResponses = std::max(m_seen.maxResponses, int(responses.size()));
            m_seen.pairs = m_seen.pairs || responses.size() == 2;
            break;
        }
    }
    QJsonArray annotations;
    QJsonArray drafts;
    QJsonArray predictions;
    bool sizeLost = false;
    for (const Row& row : task.rows) {
        const QJsonObject stored = QJsonDocument::fromJson(row.result).object();
        if (task.kind == TaskKind::Image && !task.imageSize.isValid()) {
            sizeLost = true;
            continue;
        }
        const QJsonArray results = resultsOf(task, row.annotator, stored);
        const double leadTime =
            seconds(row.leadMs > 0 ? row.leadMs
                                   : qint64(stored.value(QLatin1String("active_ms")).toDouble()));
        ++m_report.annotations;
        // A critique says "A" and "B" as shown, answer1.. are canonical: the
        // annotation says which was which (null when the order is not stored).
        QJsonObject shown;
        if (task.kind == TaskKind::Compare) {
            const auto order = ComparisonResult::read(stored, int(task.responses.size())).order();
            shown.insert(QStringLiteral("display_order"),
                         comparisonexport::displayOrderJson(order));
            shown.insert(QStringLiteral("shown_as"), comparisonexport::shownAsJson(order));
        }
        if (row.annotator.startsWith(QLatin1String("model:"))) {
            predictions.append(QJsonObject{{kId, double(++m_annotationId)},
                                           {QStringLiteral("model_version"), row.annotator.mid(6)},
                                           {QStringLiteral("result"), results}});
        } else if (row.status == QLatin1String("draft")) {
            QJsonObject draft{{kId, double(++m_annotationId)},
                              {QStringLiteral("user"), userOfAnnotator(row.annotator)},
                              {QStringLiteral("lead_time"), leadTime},
                              {QStringLiteral("result"), results}};
            for (auto it = shown.begin(); it != shown.end(); ++it)
                draft.insert(it.key(), it.value());
            drafts.append(draft);
        } else {
            QJsonObject annotation{
                {kId, double(++m_annotationId)},
                {QStringLiteral("completed_by"), userOfAnnotator(row.annotator)},
                {QStringLiteral("was_cancelled"), row.status == QLatin1String("skipped")},
                {QStringLiteral("ground_truth"), row.isReview},
                {QStringLiteral("lead_time"), leadTime},
                {QStringLiteral("result"), results}};
            for (auto it = shown.begin(); it != shown.end(); ++it)
                annotation.insert(it.key(), it.value());
            if (row.isReview)
                ++m_reviews;
            annotations.append(annotation);
        }
    }
    if (sizeLost)
        ++m_lostImages;
    QJsonObject lsTask{{kId, double(task.id)},
                       {QStringLiteral("data"), data},
                       {QStringLiteral("meta"), QJsonObject{{QStringLiteral("uid"), task.uid}}},
                       {QStringLiteral("annotations"), annotations},
                       {QStringLiteral("predictions"), predictions}};
    if (!drafts.isEmpty())
        lsTask.insert(QStringLiteral("drafts"), drafts);
    QByteArray& out = file.out();
    out.append(m_report.tasks == 0 ? "\n" : ",\n");
    comparisonexport::appendJson(out, lsTask);
    ++m_report.tasks;
    return file.flushIfFull();
}

QJsonArray LabelStudioExport::resultsOf(const TaskRows& task, const QString& annotator,
                                        const QJsonObject& result) {
    QJsonArray out;
    QStringList problems;
    switch (task.kind) {
        case TaskKind::Image:
            imageResults(task, result, out, problems);
            break;
        case TaskKind::Text:
            textResults(task, result, out, problems);
            break;
        case TaskKind::Audio:
            audioResults(result, out, problems);
            break;
        case TaskKind::Compare:
            compareResults(task, result, out, problems);
            break;
    }
    for (const QString& problem : std::as_const(problems))
        m_warnings.add(QStringLiteral("parts left out"),
                       QStringLiteral("%1, %2's annotation: %3; left out")
                           .arg(Task::describe(task.id, task.uid), annotator, problem));
    answerResults(task.kind, result, out);
    return out;
}

void LabelStudioExport::noteLabel(TaskKind kind, const QString& label) {
    for (const Label& known : m_schema.labels)
        if (known.name == label && known.appliesTo(kind))
            return;
    QStringList& seen = m_seen.labels[kind];
    if (!seen.contains(label))
        seen << label;
}

void LabelStudioExport::attributeResults(TaskKind kind, const QString& id,
                                         const QJsonObject& region, const QJsonObject& attrs,
                                         QJsonArray& out) {
    for (auto it = attrs.begin(); it != attrs.end(); ++it) {
        const Attribute* attribute = nullptr;
        for (const Attribute& known : m_schema.attributes)
            if (known.name == it.key() && known.appliesTo(kind))
                attribute = &known;
        if (!attribute) {
            QStringList& seen = m_seen.attributes[kind];
            if (!seen.contains(it.key()))
                seen << it.key();
        }
        QJsonObject value = region;
        if (attribute && attribute->type == QLatin1String("text")) {
            value.insert(kText, QJsonArray{it.value().toString()});
            out.append(result(id, it.key(), objectOf(kind), kTextarea, value));
        } else {
            value.insert(kChoices, choicesOf(it.value()));
            out.append(result(id, it.key(), objectOf(kind), kChoices, value));
        }
    }
}

void LabelStudioExport::imageResults(const TaskRows& task, const QJsonObject& stored,
                                     QJsonArray& out, QStringList& problems) {
    const double width = task.imageSize.width();
    const double height = task.imageSize.height();
    const QList<Box> boxes = boxresult::read(stored, &problems);
    for (qsizetype i = 0; i < boxes.size(); ++i) {
        const Box& box = boxes.at(i);
        const auto edges = boxprecision::roundedEdges(box.x, box.y, box.w, box.h);
        const QString id = QStringLiteral("b%1").arg(i + 1);
        const QJsonObject geometry{{QStringLiteral("x"), edges.x / width * 100.0},
                                   {QStringLiteral("y"), edges.y / height * 100.0},
                                   {QStringLiteral("width"), edges.w / width * 100.0},
                                   {QStringLiteral("height"), edges.h / height * 100.0},
                                   {QStringLiteral("rotation"), 0}};
        QJsonObject value = geometry;
        value.insert(QStringLiteral("rectanglelabels"), QJsonArray{box.label});
        QJsonObject r =
            result(id, boxControl(), imageObject(), QStringLiteral("rectanglelabels"), value);
        r.insert(QStringLiteral("original_width"), task.imageSize.width());
        r.insert(QStringLiteral("original_height"), task.imageSize.height());
        r.insert(QStringLiteral("image_rotation"), 0);
        if (box.source.value(kScore).isDouble())
            r.insert(kScore, box.source.value(kScore));
        out.append(r);
        noteLabel(TaskKind::Image, box.label);
        attributeResults(TaskKind::Image, id, geometry, box.attrs, out);
    }
}

void LabelStudioExport::textResults(const TaskRows& task, const QJsonObject& stored,
                                    QJsonArray& out, QStringList& problems) {
    const TextAnnotation annotation =
        spanresult::read(stored, &problems, task.offsets.codePointCount());
    auto slice = [&](qint64 start, qint64 end) {
        const qsizetype from = task.offsets.toUtf16(start);
        return task.text.mid(from, task.offsets.toUtf16(end) - from);
    };
    for (qsizetype i = 0; i < annotation.spans.size(); ++i) {
        const Span& span = annotation.spans.at(i);
        const QString id = QStringLiteral("s%1").arg(i + 1);
        const QJsonObject region{{kStart, double(span.start)},
                                 {kEnd, double(span.end)},
                                 {kText, slice(span.start, span.end)}};
        QJsonObject value = region;
        value.insert(kLabels, QJsonArray{span.label});
        QJsonObject r = result(id, spanControl(), textObject(), kLabels, value);
        if (span.source.value(kScore).isDouble())
            r.insert(kScore, span.source.value(kScore));
        out.append(r);
        noteLabel(TaskKind::Text, span.label);
        attributeResults(TaskKind::Text, id, region, span.attrs, out);
        if (!span.note.isEmpty()) {
            QJsonObject note = region;
            note.insert(kText, QJsonArray{span.note});
            out.append(result(id, noteControl(), textObject(), kTextarea, note));
        }
    }
    for (const Relation& relation : annotation.relations)
        out.append(QJsonObject{
            {kType, QStringLiteral("relation")},
            {QStringLiteral("from_id"), QStringLiteral("s%1").arg(relation.from + 1)},
            {QStringLiteral("to_id"), QStringLiteral("s%1").arg(relation.to + 1)},
            {QStringLiteral("direction"), QStringLiteral("right")},
            {kLabels, relation.label.isEmpty() ? QJsonArray() : QJsonArray{relation.label}}});
}

void LabelStudioExport::audioResults(const QJsonObject& stored, QJsonArray& out,
                                     QStringList& problems) {
    QList<Segment> segments = segmentresult::read(stored, &problems);
    segmentresult::sort(segments);
    for (qsizetype i = 0; i < segments.size(); ++i) {
        const Segment& segment = segments.at(i);
        const QString id = QStringLiteral("s%1").arg(i + 1);
        const QJsonObject region{{kStart, seconds(segment.startMs)},
                                 {kEnd, seconds(segment.endMs)},
                                 {QStringLiteral("channel"), 0}};
        QJsonObject value = region;
        value.insert(kLabels,
                     segment.speaker.isEmpty() ? QJsonArray() : QJsonArray{segment.speaker});
        QJsonObject r = result(id, speakerControl(), audioObject(), kLabels, value);
        if (segment.source.value(kScore).isDouble())
            r.insert(kScore, segment.source.value(kScore));
        out.append(r);
        if (!segment.speaker.isEmpty())
            noteLabel(TaskKind::Audio, segment.speaker);
        QJsonObject transcript = region;
        transcript.insert(kText, QJsonArray{segment.text});
        out.append(result(id, transcriptControl(), audioObject(), kTextarea, transcript));
        attributeResults(TaskKind::Audio, id, region, segment.attrs, out);
    }
}

void LabelStudioExport::compareResults(const TaskRows& task, const QJsonObject& stored,
                                       QJsonArray& out, QStringList& problems) {
    const int count = int(task.responses.size());
    const ComparisonResult verdict = ComparisonResult::read(stored, count);
    problems << verdict.problems();
    const QString prompt = promptObject();
    if (const auto preference = verdict.preference()) {
        if (*preference != 0 && count == 2)
            out.append(result(
                QString(), pairwiseControl(), answerObject(0), QStringLiteral("pairwise"),
                QJsonObject{{QStringLiteral("selected"),
                             *preference < 0 ? QStringLiteral("left") : QStringLiteral("right")}}));
        out.append(result(QString(), preferenceControl(), prompt, kChoices,
                          QJsonObject{{kChoices, QJsonArray{QString::number(*preference)}}}));
    }
    if (const auto bothBad = verdict.bothBad())
        out.append(result(QString(), bothBadControl(), prompt, kChoices,
                          QJsonObject{{kChoices, QJsonArray{choiceText(*bothBad)}}}));
    if (!verdict.ranking().isEmpty()) {
        QStringList groups;
        for (const QList<int>& group : verdict.ranking()) {
            QStringList names;
            for (int response : group)
                names << answerObject(response);
            groups << names.join(QStringLiteral(" = "));
        }
        out.append(result(QString(), rankingControl(), prompt, kTextarea,
                          QJsonObject{{kText, QJsonArray{groups.join(QStringLiteral(" > "))}}}));
    }
    for (auto it = verdict.rubric().begin(); it != verdict.rubric().end(); ++it) {
        bool known = false;
        for (const RubricDimension& dimension : m_schema.rubric)
            known = known || dimension.name == it.key();
        if (!known && !m_seen.rubric.contains(it.key()))
            m_seen.rubric << it.key();
        for (qsizetype response = 0; response < it.value().size(); ++response)
            if (const auto score = it.value().at(response))
                out.append(result(QString(), rubricControl(it.key(), int(response)),
                                  answerObject(int(response)), kRating,
                                  QJsonObject{{kRating, *score}}));
    }
    const QList<CompareFlag>& flags = verdict.flags();
    for (qsizetype i = 0; i < flags.size(); ++i) {
        const CompareFlag& flag = flags.at(i);
        if (flag.response < 0 || flag.response >= count)
            continue;
        const QString& text = task.responses.at(flag.response);
        const int from = comparison::toUtf16(text, flag.start);
        const QString id = QStringLiteral("f%1").arg(i + 1);
        const QJsonObject region{
            {kStart, flag.start},
            {kEnd, flag.end},
            {kText, text.mid(from, comparison::toUtf16(text, flag.end) - from)}};
        QJsonObject value = region;
        value.insert(kLabels, QJsonArray{flag.label});
        out.append(
            result(id, flagControl(flag.response), answerObject(flag.response), kLabels, value));
        noteLabel(TaskKind::Compare, flag.label);
        if (!flag.comment.isEmpty()) {
            QJsonObject comment = region;
            comment.insert(kText, QJsonArray{flag.comment});
            out.append(result(id, commentControl(flag.response), answerObject(flag.response),
                              kTextarea, comment));
        }
    }
    if (!verdict.critique().isEmpty())
        out.append(result(QString(), critiqueControl(), prompt, kTextarea,
                          QJsonObject{{kText, QJsonArray{verdict.critique()}}}));
    if (const auto& rewrite = verdict.rewrite())
        out.append(result(QString(), rewriteControl(), prompt, kTextarea,
                          QJsonObject{{kText, QJsonArray{*rewrite}}}));
}

void LabelStudioExport::answerResults(TaskKind kind, const QJsonObject& stored, QJsonArray& out) {
    const QJsonObject answers = stored.value(QLatin1String("answers")).toObject();
    const QString object = objectOf(kind);
    for (auto it = answers.begin(); it != answers.end(); ++it) {
        const QString id = QStringLiteral("q%1").arg(out.size() + 1);
        const Question* question = m_schema.question(it.key());
        if (!question && !m_seen.answers.contains(it.key()))
            m_seen.answers.insert(it.key(), it.value());
        const QJsonValue answer = it.value();
        if (answer.isDouble() && (!question || question->type == Question::Type::Rating))
            out.append(result(id, it.key(), object, kRating, QJsonObject{{kRating, answer}}));
        else if ((question && question->type == Question::Type::Text) ||
                 (!question && answer.isString()))
            out.append(result(id, it.key(), object, kTextarea,
                              QJsonObject{{kText, QJsonArray{answer.toString()}}}));
        else
            out.append(
                result(id, it.key(), object, kChoices, QJsonObject{{kChoices, choicesOf(answer)}}));
    }
}

}  // namespace postil

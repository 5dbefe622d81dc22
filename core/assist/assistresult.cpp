#include "assist/assistresult.h"

#include <QJsonArray>
#include <QSet>
#include <cmath>

#include "model/boxprecision.h"
#include "model/boxresult.h"
#include "model/comparison.h"
#include "model/comparisonresult.h"
#include "model/segmentresult.h"
#include "model/spanresult.h"

namespace postil {

namespace {

const QString kAnswers = QStringLiteral("answers");
const QString kScore = QStringLiteral("score");

// The parts an answer may hold for each kind (§4); "active_ms" is a
// person's time and the rest is no part of any result.
QStringList partsOf(TaskKind kind) {
    switch (kind) {
        case TaskKind::Image:
            return {QStringLiteral("boxes"), kAnswers};
        case TaskKind::Text:
            return {QStringLiteral("spans"), QStringLiteral("relations"), kAnswers};
        case TaskKind::Audio:
            return {QStringLiteral("segments"), kAnswers};
        case TaskKind::Compare:
            return {QStringLiteral("preference"), QStringLiteral("both_bad"),
                    QStringLiteral("ranking"),    QStringLiteral("rubric"),
                    QStringLiteral("flags"),      QStringLiteral("critique"),
                    QStringLiteral("rewrite"),    kAnswers};
    }
    return {};
}

QSet<QString> labelNames(const Schema& schema, TaskKind kind) {
    QSet<QString> names;
    for (const Label& label : schema.labelsFor(kind))
        names.insert(label.name);
    return names;
}

// An item's score as the answer gave it: nothing, or a number from 0 to 1.
Status readScore(const QJsonObject& item, const QString& where, QJsonObject& kept) {
    const QJsonValue score = item.value(kScore);
    if (score.isUndefined())
        return Status::success();
    const double value = score.toDouble(-1);
    if (!score.isDouble() || !std::isfinite(value) || value < 0 || value > 1)
        return Status::failure(where + QStringLiteral(": score must be a number from 0 to 1"));
    kept.insert(kScore, value);
    return Status::success();
}

Status checkAttributes(const QJsonObject& attrs, const Schema& schema, TaskKind kind,
                       const QString& where) {
    const QList<Attribute> known = schema.attributesFor(kind);
    for (auto it = attrs.begin(); it != attrs.end(); ++it) {
        const Attribute* attribute = nullptr;
        for (const Attribute& a : known)
            if (a.name == it.key())
                attribute = &a;
        if (!attribute)
            return Status::failure(QStringLiteral("%1: attribute '%2' is not one of the "
                                                  "project's %3 attributes")
                                       .arg(where, it.key(), toString(kind)));
        const QJsonValue value = it.value();
        const bool fits = attribute->type == QLatin1String("flag") ? value.isBool()
                          : attribute->type == QLatin1String("text")
                              ? value.isString()
                              : value.isString() && attribute->options.contains(value.toString());
        if (!fits)
            return Status::failure(
                QStringLiteral("%1: attribute '%2' takes %3")
                    .arg(where, it.key(),
                         attribute->type == QLatin1String("flag") ? QStringLiteral("true or false")
                         : attribute->type == QLatin1String("text")
                             ? QStringLiteral("a string")
                             : QStringLiteral("one of: ") +
                                   attribute->options.join(QStringLiteral(", "))));
    }
    return Status::success();
}

Status checkAnswers(const QJsonValue& value, const Schema& schema, const Task& task) {
    if (!value.isObject())
        return Status::failure(QStringLiteral("answers: an object of question: answer"));
    const QJsonObject answers = value.toObject();
    const QList<Question> questions = schema.questionsFor(task);
    for (auto it = answers.begin(); it != answers.end(); ++it) {
        const Question* q = nullptr;
        for (const Question& candidate : questions)
            if (candidate.name == it.key())
                q = &candidate;
        const QString where = QStringLiteral("answers.%1").arg(it.key());
        if (!q)
            return Status::failure(where + QStringLiteral(": not a question of this task"));
        const QJsonValue a = it.value();
        bool fits = false;
        switch (q->type) {
            case Question::Type::Single:
                fits = a.isString() && q->options.contains(a.toString());
                break;
            case Question::Type::Multi:
                fits = a.isArray();
                for (const QJsonValue& option : a.toArray())
                    fits = fits && option.isString() && q->options.contains(option.toString());
                break;
            case Question::Type::Rating:
                fits = a.isDouble() && a.toDouble() >= q->min && a.toDouble() <= q->max;
                break;
            case Question::Type::Text:
                fits = a.isString();
                break;
            case Question::Type::Flag:
                fits = a.isBool();
                break;
        }
        if (!fits)
            return Status::failure(QStringLiteral("%1: not a %2 answer the question takes")
                                       .arg(where, toString(q->type)));
    }
    return Status::success();
}

Expected<QJsonObject> checkBoxes(const QJsonObject& answer, const Schema& schema,
                                 const AssistTask& task) {
    if (!answer.contains(QStringLiteral("boxes")))
        return QJsonObject();
    auto boxes = boxresult::parse(answer);
    if (!boxes.ok())
        return Status::failure(boxes.error());
    const QSet<QString> labels = labelNames(schema, TaskKind::Image);
    const QSizeF size = task.imageSize;
    // Coordinates are stored to 0.01 px: a box that ends within rounding of
    // the edge is on it.
    constexpr double kSlack = 0.005;
    for (int i = 0; i < boxes->size(); ++i) {
        Box& box = (*boxes)[i];
        const QString where = QStringLiteral("boxes[%1]").arg(i);
        if (!labels.contains(box.label))
            return Status::failure(QStringLiteral("%1: label '%2' is not one of the project's "
                                                  "image labels")
                                       .arg(where, box.label));
        if (box.w <= 0 || box.h <= 0)
            return Status::failure(where + QStringLiteral(": w and h must be more than 0"));
        if (box.x < -kSlack || box.y < -kSlack ||
            (size.isValid() &&
             (box.x + box.w > size.width() + kSlack || box.y + box.h > size.height() + kSlack)))
            return Status::failure(QStringLiteral("%1: (%2, %3, %4 x %5) is outside the %6 x %7 "
                                                  "image")
                                       .arg(where)
                                       .arg(box.x)
                                       .arg(box.y)
                                       .arg(box.w)
                                       .arg(box.h)
                                       .arg(size.width())
                                       .arg(size.height()));
        if (Status s = checkAttributes(box.attrs, schema, TaskKind::Image, where); !s.ok())
            return s;
        QJsonObject kept;
        if (Status s = readScore(box.source, where, kept); !s.ok())
            return s;
        // Only the parts and the score are stored: a model's other keys are
        // its own business, not the project's.
        box.source = kept;
        const auto edges = boxprecision::roundedEdges(box.x, box.y, box.w, box.h);
        box.x = qMax(0.0, edges.x);
        box.y = qMax(0.0, edges.y);
        box.w = edges.w;
        box.h = edges.h;
    }
    return boxresult::withBoxes(QJsonObject(), *boxes);
}

Expected<QJsonObject> checkSpans(const QJsonObject& answer, const Schema& schema,
                                 const AssistTask& task) {
    if (!answer.contains(QStringLiteral("spans")) && !answer.contains(QStringLiteral("relations")))
        return QJsonObject();
    auto text = spanresult::parse(answer, task.textLength);
    if (!text.ok())
        return Status::failure(QStringLiteral("%1 (the text has %2 characters)")
                                   .arg(text.error())
                                   .arg(task.textLength));
    const QSet<QString> labels = labelNames(schema, TaskKind::Text);
    for (int i = 0; i < text->spans.size(); ++i) {
        Span& span = text->spans[i];
        const QString where = QStringLiteral("spans[%1]").arg(i);
        if (!labels.contains(span.label))
            return Status::failure(QStringLiteral("%1: label '%2' is not one of the project's "
                                                  "text labels")
                                       .arg(where, span.label));
        if (Status s = checkAttributes(span.attrs, schema, TaskKind::Text, where); !s.ok())
            return s;
        QJsonObject kept;
        if (Status s = readScore(span.source, where, kept); !s.ok())
            return s;
        span.source = kept;
    }
    QSet<QString> relationLabels;
    for (const RelationLabel& label : schema.relationLabels)
        relationLabels.insert(label.name);
    for (int i = 0; i < text->relations.size(); ++i) {
        Relation& relation = text->relations[i];
        if (!relationLabels.contains(relation.label))
            return Status::failure(QStringLiteral("relations[%1]: label '%2' is not one of the "
                                                  "project's relations")
                                       .arg(i)
                                       .arg(relation.label));
        relation.source = QJsonObject();
    }
    return spanresult::withSpans(QJsonObject(), *text);
}

Expected<QJsonObject> checkSegments(const QJsonObject& answer, const Schema& schema,
                                    const AssistTask& task) {
    if (!answer.contains(QStringLiteral("segments")))
        return QJsonObject();
    auto segments = segmentresult::parse(answer, task.durationMs);
    if (!segments.ok())
        return Status::failure(task.durationMs >= 0 ? QStringLiteral("%1 (the audio lasts %2 ms)")
                                                          .arg(segments.error())
                                                          .arg(task.durationMs)
                                                    : segments.error());
    const QSet<QString> speakers = labelNames(schema, TaskKind::Audio);
    for (int i = 0; i < segments->size(); ++i) {
        Segment& segment = (*segments)[i];
        const QString where = QStringLiteral("segments[%1]").arg(i);
        if (!segment.speaker.isEmpty() && !speakers.contains(segment.speaker))
            return Status::failure(QStringLiteral("%1: speaker '%2' is not one of the project's "
                                                  "audio labels")
                                       .arg(where, segment.speaker));
        if (Status s = checkAttributes(segment.attrs, schema, TaskKind::Audio, where); !s.ok())
            return s;
        QJsonObject kept;
        if (Status s = readScore(segment.source, where, kept); !s.ok())
            return s;
        segment.source = kept;
    }
    if (Status s = segmentresult::checkNoOverlap(*segments); !s.ok())
        return s;
    segmentresult::sort(*segments);
    return segmentresult::withSegments(QJsonObject(), *segments);
}

Expected<QJsonObject> checkComparison(const QJsonObject& answer, const Schema& schema,
                                      const AssistTask& task) {
    QJsonObject parts = answer;
    parts.remove(kAnswers);
    if (parts.isEmpty())
        return QJsonObject();
    const int count = comparison::responseCount(task.task.data);
    auto verdict = ComparisonResult::parse(parts, count);
    if (!verdict.ok())
        return Status::failure(verdict.error());
    for (auto it = verdict->rubric().begin(); it != verdict->rubric().end(); ++it) {
        const RubricDimension* dimension = nullptr;
        for (const RubricDimension& d : schema.rubric)
            if (d.name == it.key())
                dimension = &d;
        if (!dimension)
            return Status::failure(
                QStringLiteral("rubric: '%1' is not one of the project's rubric dimensions")
                    .arg(it.key()));
        for (const std::optional<double>& score : it.value())
            if (score && (*score < dimension->min || *score > dimension->max))
                return Status::failure(QStringLiteral("rubric.%1: scores run from %2 to %3")
                                           .arg(it.key())
                                           .arg(dimension->min)
                                           .arg(dimension->max));
    }
    const QSet<QString> labels = labelNames(schema, TaskKind::Compare);
    for (const CompareFlag& flag : verdict->flags())
        if (!labels.contains(flag.label))
            return Status::failure(QStringLiteral("flags: label '%1' is not one of the "
                                                  "project's comparison labels")
                                       .arg(flag.label));
    return verdict->toJson();
}

}  // namespace

namespace assistresult {

Expected<QJsonObject> check(const QJsonObject& answer, const Schema& schema,
                            const AssistTask& task) {
    const TaskKind kind = task.task.kind;
    const QStringList parts = partsOf(kind);
    for (auto it = answer.begin(); it != answer.end(); ++it)
        if (!parts.contains(it.key()))
            return Status::failure(
                QStringLiteral("\"%1\" is no part of a %2 result (%3)")
                    .arg(it.key(), toString(kind), parts.join(QStringLiteral(", "))));
    Expected<QJsonObject> result = QJsonObject();
    switch (kind) {
        case TaskKind::Image:
            result = checkBoxes(answer, schema, task);
            break;
        case TaskKind::Text:
            result = checkSpans(answer, schema, task);
            break;
        case TaskKind::Audio:
            result = checkSegments(answer, schema, task);
            break;
        case TaskKind::Compare:
            result = checkComparison(answer, schema, task);
            break;
    }
    if (!result.ok())
        return result;
    if (answer.contains(kAnswers)) {
        if (Status s = checkAnswers(answer.value(kAnswers), schema, task.task); !s.ok())
            return s;
        result->insert(kAnswers, answer.value(kAnswers));
    }
    return result;
}

}  // namespace assistresult
}  // namespace postil

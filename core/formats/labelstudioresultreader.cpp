#include "formats/labelstudioresultreader.h"

#include <QHash>
#include <QMap>
#include <QSet>
#include <cmath>

#include "formats/labelstudioimport.h"
#include "formats/labelstudionames.h"
#include "formats/textimport.h"
#include "model/boxprecision.h"
#include "model/boxresult.h"
#include "model/comparisonresult.h"
#include "model/segmentresult.h"
#include "model/spanresult.h"

namespace postil {

namespace {

const QString kId = QStringLiteral("id");
const QString kType = QStringLiteral("type");
const QString kValue = QStringLiteral("value");
const QString kFromName = QStringLiteral("from_name");
const QString kToName = QStringLiteral("to_name");
const QString kStart = QStringLiteral("start");
const QString kEnd = QStringLiteral("end");
const QString kText = QStringLiteral("text");
const QString kLabels = QStringLiteral("labels");
const QString kChoices = QStringLiteral("choices");
const QString kTextarea = QStringLiteral("textarea");
const QString kRating = QStringLiteral("rating");
const QString kNumber = QStringLiteral("number");
const QString kScore = QStringLiteral("score");

// The most regions one annotation may hold: beyond, the file is not one a
// person or a model made, and every region costs memory.
constexpr qsizetype kMaxResults = 1 << 20;

// A textarea's value.text: a list of lines (Label Studio) or one string.
QString joined(const QJsonValue& text) {
    if (text.isString())
        return text.toString();
    QStringList lines;
    for (const QJsonValue& line : text.toArray())
        lines << line.toString();
    return lines.join(QLatin1Char('\n'));
}

bool isFinite(const QJsonValue& value) {
    return value.isDouble() && std::isfinite(value.toDouble());
}

// Seconds as written to whole milliseconds; nothing for what is not a time.
std::optional<qint64> milliseconds(const QJsonValue& seconds) {
    if (!isFinite(seconds))
        return std::nullopt;
    const double ms = seconds.toDouble() * 1000.0;
    // Below 2^53 ms (285,000 years), where a double still counts whole ms.
    if (std::fabs(ms) > 9.0e15)
        return std::nullopt;
    return qint64(std::llround(ms));
}

// A per-region value: "true"/"false" is a flag, else the (first) choice.
QJsonValue attributeValue(const QString& type, const QJsonObject& value) {
    if (type == kTextarea)
        return joined(value.value(kText));
    if (type == kRating)
        return value.value(kRating);
    if (type == kNumber)
        return value.value(kNumber);
    const QJsonArray choices = value.value(kChoices).toArray();
    const QString first = choices.at(0).toString();
    if (first == QLatin1String("true") || first == QLatin1String("false"))
        return first == QLatin1String("true");
    if (choices.size() > 1)
        return choices;
    return first;
}

bool isControlType(const QString& type) {
    return type == kChoices || type == kTextarea || type == kRating || type == kNumber;
}

}  // namespace

LabelStudioResultReader::LabelStudioResultReader(LabelStudioImport& import,
                                                 const LabelStudioTaskFacts& task,
                                                 const QString& where)
    : m_import(import), m_task(task), m_where(where) {}

Expected<QJsonObject> LabelStudioResultReader::read(const QJsonArray& results,
                                                    const QString& which) {
    using namespace labelstudio;
    const TaskKind kind = m_task.kind;
    const int responseCount = int(m_task.responses.size());
    if (results.size() > kMaxResults)
        return Status::failure(QStringLiteral("%1: %2 results, more than the %3 one annotation "
                                              "may hold")
                                   .arg(which)
                                   .arg(results.size())
                                   .arg(kMaxResults));
    auto failure = [&](qsizetype i, const QString& problem) {
        return Status::failure(
            QStringLiteral("%1: result %2: %3").arg(which).arg(i + 1).arg(problem));
    };

    QList<Box> boxes;
    TextAnnotation text;
    QList<Segment> segments;
    QList<CompareFlag> flags;
    QHash<QString, QList<int>> regions;     // result id -> the items it made
    QSet<QString> leftOut;                  // ids of regions not taken (rotated boxes)
    QHash<QString, QJsonArray> labelsById;  // "labels" beside a "rectangle" of the same id
    QMap<QString, int> unsupported;         // result type -> how many
    int rotated = 0;
    int clamped = 0;

    auto isRegion = [&](const QJsonObject& r) {
        const QString type = r.value(kType).toString();
        switch (kind) {
            case TaskKind::Image:
                return type == QLatin1String("rectanglelabels") ||
                       type == QLatin1String("rectangle");
            case TaskKind::Text:
            case TaskKind::Audio:
                return type == kLabels;
            case TaskKind::Compare:
                return type == kLabels && responseOfObject(r.value(kToName).toString()) >= 0;
        }
        return false;
    };

    for (qsizetype i = 0; i < results.size(); ++i) {
        if (!results.at(i).isObject())
            return failure(i, QStringLiteral("not an object"));
        const QJsonObject r = results.at(i).toObject();
        if (kind == TaskKind::Image && r.value(kType).toString() == kLabels)
            labelsById.insert(r.value(kId).toString(),
                              r.value(kValue).toObject().value(kLabels).toArray());
    }

    // Regions first: per-region results and relations name them by id.
    for (qsizetype i = 0; i < results.size(); ++i) {
        const QJsonObject r = results.at(i).toObject();
        if (!isRegion(r))
            continue;
        const QString id = r.value(kId).toString();
        const QJsonObject value = r.value(kValue).toObject();
        const QJsonValue score = r.value(kScore);
        QList<int>& made = regions[id];
        if (kind == TaskKind::Image) {
            for (const char* key : {"x", "y", "width", "height"})
                if (!isFinite(value.value(QLatin1String(key))))
                    return failure(i, QStringLiteral("value.x, y, width and height must be "
                                                     "numbers (percent of the image)"));
            const double rotation = value.value(QLatin1String("rotation")).toDouble(0);
            if (!std::isfinite(rotation))
                return failure(i, QStringLiteral("value.rotation is not a number"));
            if (std::fabs(rotation) > 1e-9) {
                ++rotated;
                leftOut.insert(id);
                regions.remove(id);
                continue;
            }
            QSizeF size = m_task.imageSize;
            if (!size.isValid() || size.isEmpty()) {
                const double w = r.value(QLatin1String("original_width")).toDouble(0);
                const double h = r.value(QLatin1String("original_height")).toDouble(0);
                if (!(w > 0 && h > 0 && w < 1e6 && h < 1e6))
                    return failure(i, QStringLiteral("the image's size is not known (the image "
                                                     "cannot be read and the result has no "
                                                     "original_width and original_height)"));
                size = QSizeF(w, h);
            }
            QJsonArray labels = value.value(QLatin1String("rectanglelabels")).toArray();
            if (labels.isEmpty())
                labels = value.value(kLabels).toArray();
            if (labels.isEmpty())
                labels = labelsById.value(id);
            if (labels.isEmpty())
                return failure(i, QStringLiteral("a box without a label (value.rectanglelabels "
                                                 "is empty)"));
            const double x = value.value(QLatin1String("x")).toDouble() / 100.0 * size.width();
            const double y = value.value(QLatin1String("y")).toDouble() / 100.0 * size.height();
            const double w = value.value(QLatin1String("width")).toDouble() / 100.0 * size.width();
            const double h =
                value.value(QLatin1String("height")).toDouble() / 100.0 * size.height();
            const double x0 = std::max(0.0, x);
            const double y0 = std::max(0.0, y);
            const double x1 = std::min(size.width(), x + w);
            const double y1 = std::min(size.height(), y + h);
            if (!(x1 > x0 && y1 > y0))
                return failure(i, QStringLiteral("the box at %1%, %2% covers nothing of the "
                                                 "image")
                                      .arg(value.value(QLatin1String("x")).toDouble())
                                      .arg(value.value(QLatin1String("y")).toDouble()));
            if (x0 - x > 0.005 || y0 - y > 0.005 || x + w - x1 > 0.005 || y + h - y1 > 0.005)
                ++clamped;
            const auto edges = boxprecision::roundedEdges(x0, y0, x1 - x0, y1 - y0);
            for (const QJsonValue& label : labels) {
                Box box;
                box.label = label.toString();
                box.x = edges.x;
                box.y = edges.y;
                box.w = edges.w;
                box.h = edges.h;
                if (isFinite(score))
                    box.source.insert(kScore, score);
                made << int(boxes.size());
                boxes << box;
            }
        } else if (kind == TaskKind::Text) {
            const auto start = TextImport::wholeNumber(value.value(kStart));
            const auto end = TextImport::wholeNumber(value.value(kEnd));
            if (!start || !end)
                return failure(i, QStringLiteral("value.start and value.end are not whole "
                                                 "numbers"));
            const QJsonArray labels = value.value(kLabels).toArray();
            if (labels.isEmpty())
                return failure(i, QStringLiteral("no value.labels"));
            const qint64 length = m_task.offsets.codePointCount();
            if (*start < 0 || *end <= *start || *end > length)
                return failure(i, QStringLiteral("span %1..%2 is not inside the text's %3 "
                                                 "characters")
                                      .arg(*start)
                                      .arg(*end)
                                      .arg(length));
            if (value.value(kText).isString()) {
                const QString mismatch = TextImport::textMismatch(
                    m_task.text, m_task.offsets, *start, *end, value.value(kText).toString());
                if (!mismatch.isEmpty())
                    return failure(i, mismatch);
            }
            for (const QJsonValue& label : labels) {
                Span span;
                span.label = label.toString();
                span.start = *start;
                span.end = *end;
                if (isFinite(score))
                    span.source.insert(kScore, score);
                made << int(text.spans.size());
                text.spans << span;
            }
        } else if (kind == TaskKind::Audio) {
            const auto start = milliseconds(value.value(kStart));
            const auto end = milliseconds(value.value(kEnd));
            if (!start || !end)
                return failure(i, QStringLiteral("value.start and value.end must be seconds"));
            const QJsonArray labels = value.value(kLabels).toArray();
            Segment segment;
            segment.startMs = *start;
            segment.endMs = *end;
            segment.speaker = labels.at(0).toString();
            if (labels.size() > 1)
                m_import.warn(m_where, QStringLiteral("%1: result %2: a region with %3 speakers; "
                                                      "it is %4's")
                                           .arg(which)
                                           .arg(i + 1)
                                           .arg(labels.size())
                                           .arg(segment.speaker));
            if (isFinite(score))
                segment.source.insert(kScore, score);
            made << int(segments.size());
            segments << segment;
        } else {
            const int response = responseOfObject(r.value(kToName).toString());
            if (response >= responseCount)
                return failure(i, QStringLiteral("a flag in %1, which this comparison does not "
                                                 "have")
                                      .arg(r.value(kToName).toString()));
            const auto start = TextImport::wholeNumber(value.value(kStart));
            const auto end = TextImport::wholeNumber(value.value(kEnd));
            const QJsonArray labels = value.value(kLabels).toArray();
            if (!start || !end)
                return failure(i, QStringLiteral("value.start and value.end are not whole "
                                                 "numbers"));
            if (labels.isEmpty())
                return failure(i, QStringLiteral("no value.labels"));
            const QString& responseText = m_task.responses.at(response);
            const TextOffsets offsets(responseText);
            if (*start < 0 || *end < *start || *end > offsets.codePointCount())
                return failure(i, QStringLiteral("flag %1..%2 is not inside %3's %4 characters")
                                      .arg(*start)
                                      .arg(*end)
                                      .arg(answerObject(response))
                                      .arg(offsets.codePointCount()));
            if (value.value(kText).isString()) {
                const QString mismatch = TextImport::textMismatch(
                    responseText, offsets, *start, *end, value.value(kText).toString());
                if (!mismatch.isEmpty())
                    return failure(i, mismatch);
            }
            for (const QJsonValue& label : labels) {
                CompareFlag flag;
                flag.response = response;
                flag.start = int(*start);
                flag.end = int(*end);
                flag.label = label.toString();
                made << int(flags.size());
                flags << flag;
            }
        }
    }

    // A per-region textarea of audio is the transcript unless the schema
    // names it as an attribute.
    auto isAttribute = [&](const QString& name) {
        for (const Attribute& attribute : m_import.schema().attributesFor(kind))
            if (attribute.name == name)
                return true;
        return false;
    };
    QJsonObject answers;
    ComparisonResult verdict(responseCount);
    std::optional<int> pairwise;
    for (qsizetype i = 0; i < results.size(); ++i) {
        const QJsonObject r = results.at(i).toObject();
        if (isRegion(r))
            continue;
        const QString type = r.value(kType).toString();
        const QString id = r.value(kId).toString();
        const QString from = r.value(kFromName).toString();
        const QJsonObject value = r.value(kValue).toObject();
        if (leftOut.contains(id))
            continue;
        if (kind == TaskKind::Image && type == kLabels && regions.contains(id))
            continue;  // the labels of a "rectangle" region, taken above
        if (type == QLatin1String("relation")) {
            if (kind != TaskKind::Text) {
                ++unsupported[type];
                continue;
            }
            const QList<int> fromSpans =
                regions.value(r.value(QLatin1String("from_id")).toString());
            const QList<int> toSpans = regions.value(r.value(QLatin1String("to_id")).toString());
            if (fromSpans.isEmpty() || toSpans.isEmpty())
                return failure(i, QStringLiteral("a relation between regions that are not there"));
            Relation relation;
            relation.from = fromSpans.first();
            relation.to = toSpans.first();
            relation.label = r.value(kLabels).toArray().at(0).toString();
            if (r.value(QLatin1String("direction")).toString() == QLatin1String("left"))
                std::swap(relation.from, relation.to);
            text.relations << relation;
            continue;
        }
        const auto region = regions.constFind(id);
        if (region != regions.constEnd() && !id.isEmpty() && isControlType(type)) {
            // A per-region control: the item's attribute, note, transcript or comment.
            for (int index : *region) {
                if (kind == TaskKind::Text && type == kTextarea && from == noteControl()) {
                    text.spans[index].note = joined(value.value(kText));
                } else if (kind == TaskKind::Audio && type == kTextarea &&
                           (from == transcriptControl() ||
                            (segments.at(index).text.isEmpty() && !isAttribute(from)))) {
                    segments[index].text = joined(value.value(kText));
                } else if (kind == TaskKind::Compare && type == kTextarea) {
                    flags[index].comment = joined(value.value(kText));
                } else {
                    const QJsonValue attribute = attributeValue(type, value);
                    m_import.noteAttribute(from, attribute, kind, m_where);
                    switch (kind) {
                        case TaskKind::Image:
                            boxes[index].attrs.insert(from, attribute);
                            break;
                        case TaskKind::Text:
                            text.spans[index].attrs.insert(from, attribute);
                            break;
                        case TaskKind::Audio:
                            segments[index].attrs.insert(from, attribute);
                            break;
                        case TaskKind::Compare:
                            flags[index].source.insert(from, attribute);
                            break;
                    }
                }
            }
            continue;
        }
        if (kind == TaskKind::Audio && type == kTextarea && value.contains(kStart)) {
            // A region with a transcript and no speaker label.
            const auto start = milliseconds(value.value(kStart));
            const auto end = milliseconds(value.value(kEnd));
            if (!start || !end)
                return failure(i, QStringLiteral("value.start and value.end must be seconds"));
            Segment segment;
            segment.startMs = *start;
            segment.endMs = *end;
            segment.text = joined(value.value(kText));
            regions[id] << int(segments.size());
            segments << segment;
            continue;
        }
        if (kind == TaskKind::Compare) {
            if (type == QLatin1String("pairwise")) {
                const QString selected = value.value(QLatin1String("selected")).toString();
                if (selected != QLatin1String("left") && selected != QLatin1String("right"))
                    return failure(i, QStringLiteral("value.selected must be \"left\" or "
                                                     "\"right\""));
                pairwise = selected == QLatin1String("left") ? -1 : 1;
                continue;
            }
            if (from == preferenceControl() && type == kChoices) {
                const QString choice = value.value(kChoices).toArray().at(0).toString();
                bool ok = false;
                int preference = choice.toInt(&ok);
                for (int p = -3; !ok && p <= 3; ++p)
                    if (choice == preferenceWords(p)) {
                        preference = p;
                        ok = true;
                    }
                if (!ok || preference < -3 || preference > 3)
                    return failure(i, QStringLiteral("'%1' is not a verdict (-3..3)").arg(choice));
                verdict.setPreference(preference);
                continue;
            }
            if (from == bothBadControl() && type == kChoices) {
                verdict.setBothBad(value.value(kChoices).toArray().at(0).toString() !=
                                   QLatin1String("false"));
                continue;
            }
            if (type == kTextarea && from == critiqueControl()) {
                verdict.setCritique(joined(value.value(kText)));
                continue;
            }
            if (type == kTextarea && from == rewriteControl()) {
                verdict.setRewrite(joined(value.value(kText)));
                continue;
            }
            if (type == kTextarea && from == rankingControl()) {
                // "answer2 > answer1 = answer3": groups best first, ties by '='.
                ComparisonResult::Ranking ranking;
                for (const QString& group : joined(value.value(kText)).split(QLatin1Char('>'))) {
                    QList<int> members;
                    for (const QString& name : group.split(QLatin1Char('='))) {
                        const int response = responseOfObject(name.trimmed());
                        if (response < 0 || response >= responseCount)
                            return failure(i, QStringLiteral("ranking: '%1' is not a response "
                                                             "(answer1..answer%2)")
                                                  .arg(name.trimmed())
                                                  .arg(responseCount));
                        members << response;
                    }
                    ranking << members;
                }
                verdict.setRanking(ranking);
                continue;
            }
            const int response = responseOfObject(r.value(kToName).toString());
            if ((type == kRating || type == kNumber) && response >= 0 &&
                from.endsWith(QLatin1Char('_') + answerObject(response)) &&
                !m_import.schema().question(from)) {
                if (response >= responseCount)
                    return failure(i, QStringLiteral("a score of %1, which this comparison "
                                                     "does not have")
                                          .arg(answerObject(response)));
                const QString dimension = from.chopped(answerObject(response).size() + 1);
                const QJsonValue score = value.value(type == kRating ? kRating : kNumber);
                if (!isFinite(score))
                    return failure(i, QStringLiteral("the score is not a number"));
                m_import.noteRubric(dimension, score.toDouble(), m_where);
                verdict.setScore(dimension, response, score.toDouble());
                continue;
            }
        }
        if (!isControlType(type)) {
            ++unsupported[type.isEmpty() ? QStringLiteral("(no type)") : type];
            continue;
        }
        if (from.isEmpty())
            return failure(i, QStringLiteral("a %1 result without from_name").arg(type));
        QJsonValue answer;
        Question::Type newType = Question::Type::Single;
        if (type == kRating || type == kNumber) {
            answer = value.value(type);
            newType = Question::Type::Rating;
            if (!isFinite(answer))
                return failure(i, QStringLiteral("value.%1 is not a number").arg(type));
        } else if (type == kTextarea) {
            answer = joined(value.value(kText));
            newType = Question::Type::Text;
        } else {
            const QJsonArray choices = value.value(kChoices).toArray();
            const Question* question = m_import.schema().question(from);
            if (question && question->type == Question::Type::Flag)
                answer = choices.at(0).toString() == QLatin1String("true");
            else if (question && question->type == Question::Type::Multi)
                answer = choices;
            else if ((question && question->type == Question::Type::Single) || choices.size() == 1)
                answer = choices.at(0).toString();
            else
                answer = choices;
            newType = answer.isArray() ? Question::Type::Multi : Question::Type::Single;
        }
        m_import.noteAnswer(from, answer, newType, kind, m_where);
        answers.insert(from, answer);
    }

    if (rotated > 0)
        m_import.warn(m_where, QStringLiteral("%1: %2 rotated boxes left out (Postil's boxes are "
                                              "upright)")
                                   .arg(which)
                                   .arg(rotated));
    if (clamped > 0)
        m_import.warn(m_where, QStringLiteral("%1: %2 boxes reaching past the image were cut at "
                                              "its edge")
                                   .arg(which)
                                   .arg(clamped));
    for (auto it = unsupported.begin(); it != unsupported.end(); ++it)
        m_import.warn(m_where, QStringLiteral("%1: %2 '%3' results left out (Postil has no such "
                                              "answer for %4 tasks)")
                                   .arg(which)
                                   .arg(it.value())
                                   .arg(it.key(), toString(kind)));

    QJsonObject result;
    switch (kind) {
        case TaskKind::Image: {
            for (const Box& box : std::as_const(boxes))
                m_import.noteLabel(box.label, kind, m_where);
            result = boxresult::withBoxes(QJsonObject(), boxes);
            if (auto parsed = boxresult::parse(result); !parsed.ok())
                return Status::failure(which + QStringLiteral(": ") + parsed.error());
            break;
        }
        case TaskKind::Text: {
            for (const Span& span : std::as_const(text.spans))
                m_import.noteLabel(span.label, kind, m_where);
            result = spanresult::withSpans(QJsonObject(), text);
            if (auto parsed = spanresult::parse(result, m_task.offsets.codePointCount());
                !parsed.ok())
                return Status::failure(which + QStringLiteral(": ") + parsed.error());
            break;
        }
        case TaskKind::Audio: {
            for (const Segment& segment : std::as_const(segments))
                if (!segment.speaker.isEmpty())
                    m_import.noteLabel(segment.speaker, kind, m_where);
            segmentresult::sort(segments);
            result = segmentresult::withSegments(QJsonObject(), segments);
            if (auto parsed = segmentresult::parse(result, m_task.durationMs); !parsed.ok())
                return Status::failure(which + QStringLiteral(": ") + parsed.error());
            if (Status s = segmentresult::checkNoOverlap(segments); !s.ok())
                return Status::failure(which + QStringLiteral(": ") + s.error());
            break;
        }
        case TaskKind::Compare: {
            for (const CompareFlag& flag : std::as_const(flags))
                m_import.noteLabel(flag.label, kind, m_where);
            if (!verdict.preference() && pairwise)
                verdict.setPreference(*pairwise);
            verdict.setFlags(flags);
            result = verdict.toJson();
            if (auto parsed = ComparisonResult::parse(result, responseCount); !parsed.ok())
                return Status::failure(which + QStringLiteral(": ") + parsed.error());
            break;
        }
    }
    if (!answers.isEmpty())
        result.insert(QStringLiteral("answers"), answers);
    return result;
}

}  // namespace postil

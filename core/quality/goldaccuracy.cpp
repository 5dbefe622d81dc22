#include "quality/goldaccuracy.h"

#include <QJsonArray>

#include "model/comparison.h"
#include "quality/answertables.h"
#include "quality/boxmatching.h"
#include "quality/segmentmatching.h"
#include "quality/spanmatching.h"

namespace postil::quality {

GoldAccuracy::GoldAccuracy(const QList<Question>& questions, double iouThreshold,
                           qint64 toleranceMs, int goldTolerance)
    : m_threshold(iouThreshold), m_tolerance(toleranceMs), m_goldTolerance(goldTolerance) {
    for (const Question& q : questions)
        if (AnswerTables::isCategorical(q))
            m_questions << q;
}

void GoldAccuracy::addTask(TaskKind kind, const QJsonObject& taskData, const QJsonObject& gold,
                           bool fromReview, const ByAnnotator<QJsonObject>& results) {
    ++m_tasks;
    if (fromReview)
        ++m_fromReviews;
    const QJsonObject goldAnswers = gold.value(QLatin1String("answers")).toObject();
    const bool boxes = kind == TaskKind::Image && gold.contains(QLatin1String("boxes"));
    const bool spans = kind == TaskKind::Text && gold.contains(QLatin1String("spans"));
    const bool segments = kind == TaskKind::Audio && gold.contains(QLatin1String("segments"));
    const QList<Box> goldBoxes = boxes ? boxresult::read(gold) : QList<Box>();
    const TextAnnotation goldSpans = spans ? spanresult::read(gold) : TextAnnotation();
    const QList<Segment> goldSegments = segments ? segmentresult::read(gold) : QList<Segment>();
    // matchesGold reads the gold from the task's data; a review's gold is put there.
    QJsonObject verdictData = taskData;
    if (kind == TaskKind::Compare && fromReview)
        verdictData.insert(QStringLiteral("gold"), gold);
    const bool verdict = kind == TaskKind::Compare && comparison::hasGold(verdictData);

    for (const auto& [annotator, result] : results) {
        Person& person = m_people[annotator];
        ++person.tasks;
        const QJsonObject answers = result.value(QLatin1String("answers")).toObject();
        for (const Question& q : m_questions) {
            if (!goldAnswers.contains(q.name) || !answers.contains(q.name))
                continue;
            Answers& a = person.answers[q.name];
            ++a.items;
            if (answers.value(q.name) == goldAnswers.value(q.name))
                ++a.correct;
        }
        if (boxes) {
            person.hasBoxes = true;
            const auto labels = matchBoxes(goldBoxes, boxresult::read(result), m_threshold);
            for (const MatchTally& t : labels)
                person.boxes.add(t);
        }
        if (spans) {
            person.hasSpans = true;
            const SpanMatch match = matchSpans(goldSpans, spanresult::read(result));
            for (const MatchTally& t : match.exact)
                person.spans.add(t);
        }
        if (segments) {
            person.hasSegments = true;
            const SegmentMatch match =
                matchSegments(goldSegments, segmentresult::read(result), m_tolerance);
            person.boundaries.add(match.boundaries);
            person.referenceWords += match.referenceWords;
            person.wordEdits += match.wordEdits;
        }
        if (verdict) {
            ++person.verdicts;
            if (comparison::matchesGold(verdictData, result, m_goldTolerance).value_or(false))
                ++person.verdictsMatched;
        }
    }
}

QJsonObject GoldAccuracy::toJson() const {
    QJsonArray people;
    for (auto it = m_people.begin(); it != m_people.end(); ++it) {
        const Person& p = it.value();
        QJsonObject person{{QStringLiteral("annotator"), it.key()},
                           {QStringLiteral("tasks"), p.tasks}};
        if (!p.answers.isEmpty()) {
            QJsonObject answers;
            for (auto a = p.answers.begin(); a != p.answers.end(); ++a) {
                QJsonObject q{{QStringLiteral("items"), a->items},
                              {QStringLiteral("correct"), a->correct}};
                putFigure(q, QStringLiteral("accuracy"),
                          Figure::of(double(a->correct) / double(a->items)));
                answers.insert(a.key(), q);
            }
            person.insert(QStringLiteral("answers"), answers);
        }
        if (p.hasBoxes)
            person.insert(QStringLiteral("boxes"), p.boxes.toJson(QStringLiteral("boxes"), true));
        if (p.hasSpans)
            person.insert(QStringLiteral("spans"), p.spans.toJson(QStringLiteral("spans"), false));
        if (p.hasSegments) {
            QJsonObject segments{{QStringLiteral("boundaries"),
                                  p.boundaries.toJson(QStringLiteral("boundaries"), false)},
                                 {QStringLiteral("reference_words"), p.referenceWords},
                                 {QStringLiteral("word_edits"), p.wordEdits}};
            putFigure(
                segments, QStringLiteral("word_error_rate"),
                p.referenceWords > 0
                    ? Figure::of(double(p.wordEdits) / double(p.referenceWords))
                    : Figure::undefined(QStringLiteral("gold's matched segments have no words")));
            person.insert(QStringLiteral("segments"), segments);
        }
        if (p.verdicts > 0) {
            QJsonObject verdicts{{QStringLiteral("answered"), p.verdicts},
                                 {QStringLiteral("matched"), p.verdictsMatched}};
            putFigure(verdicts, QStringLiteral("accuracy"),
                      Figure::of(double(p.verdictsMatched) / double(p.verdicts)));
            person.insert(QStringLiteral("comparisons"), verdicts);
        }
        people.append(person);
    }
    return {{QStringLiteral("tasks"), m_tasks},
            {QStringLiteral("from_reviews"), m_fromReviews},
            {QStringLiteral("annotators"), people}};
}

}  // namespace postil::quality

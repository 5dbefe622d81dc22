#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include "model/schema.h"
#include "model/taskkind.h"
#include "quality/matchtally.h"
#include "quality/pairtallies.h"

namespace postil::quality {

// Each annotator's accuracy on gold tasks, for every kind. A task's gold is
// its data's "gold" object (comparison tasks have had one since the gold
// check of `postil-cli stats`; any kind may now carry one, in the shape of
// its result: "answers", "boxes", "spans", "segments", the verdict), or else
// the result of a submitted review of the task: the lead's adjudicated
// answer. Against it:
// - answers: per categorical question, the share of the annotator's answers
//   equal to gold's (a multi choice as the whole set);
// - boxes: gold as the reference of the box matching (recall: gold boxes
//   found, precision: the annotator's boxes that are gold's, F1);
// - spans: exact same-label, same-offset matching, as boxes;
// - segments: boundaries within the tolerance, and the word error rate
//   against gold's transcript;
// - comparisons: comparison::matchesGold within compare.gold_tolerance, as
//   `postil-cli stats` counts it (an answer stating no verdict is answered,
//   not matched).
class GoldAccuracy {
public:
    GoldAccuracy(const QList<Question>& questions, double iouThreshold, qint64 toleranceMs,
                 int goldTolerance);

    void addTask(TaskKind kind, const QJsonObject& taskData, const QJsonObject& gold,
                 bool fromReview, const ByAnnotator<QJsonObject>& results);
    QJsonObject toJson() const;

private:
    struct Answers {
        qint64 items = 0;
        qint64 correct = 0;
    };
    struct Person {
        qint64 tasks = 0;
        QMap<QString, Answers> answers;
        MatchTally boxes;
        bool hasBoxes = false;
        MatchTally spans;
        bool hasSpans = false;
        MatchTally boundaries;
        qint64 referenceWords = 0;
        qint64 wordEdits = 0;
        bool hasSegments = false;
        qint64 verdicts = 0;
        qint64 verdictsMatched = 0;
    };
    QList<Question> m_questions;  // the categorical ones
    double m_threshold;
    qint64 m_tolerance;
    int m_goldTolerance;
    qint64 m_tasks = 0;
    qint64 m_fromReviews = 0;
    QMap<QString, Person> m_people;
};

}  // namespace postil::quality

#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <utility>

#include "model/boxresult.h"
#include "model/comparisonresult.h"
#include "model/segmentresult.h"
#include "model/spanresult.h"
#include "quality/answertables.h"
#include "quality/matchtally.h"

// Pairwise agreement of the kinds whose answers are marks (boxes, spans,
// segments) and of comparisons, summed task by task for every pair of
// annotators who both answered the task. Annotators come sorted by name, so
// in a pair `a` is the earlier name (the reference of precision and recall).
namespace postil::quality {

using AnnotatorPair = std::pair<QString, QString>;

template <class T>
using ByAnnotator = QList<std::pair<QString, T>>;

// The direction of a comparison's verdict: -1 response 0 better, 1 response 1
// better, 0 a tie (a preference of 0, or both bad without a preference);
// nullopt when the annotation states neither. A pair's "tasks" are those
// where both annotators' verdicts have a direction.
std::optional<int> verdictDirection(const ComparisonResult& result);

class BoxAgreement {
public:
    explicit BoxAgreement(double iouThreshold) : m_threshold(iouThreshold) {}
    void addImage(const ByAnnotator<QList<Box>>& boxes);
    // {"iou_threshold", "pairs": [{"a", "b", "images", "boxes_a", "boxes_b",
    // "matches", "precision", "recall", "f1", "mean_iou", "labels": {LABEL: ...}}]}
    QJsonObject toJson() const;

private:
    struct Pair {
        qint64 images = 0;
        QMap<QString, MatchTally> labels;
    };
    double m_threshold;
    QMap<AnnotatorPair, Pair> m_pairs;
};

class SpanAgreement {
public:
    void addText(const ByAnnotator<TextAnnotation>& spans);
    // {"pairs": [{"a", "b", "texts", "exact": TALLY, "overlap": TALLY,
    // "relations": TALLY, "labels": {LABEL: {"exact", "overlap"}}}]}
    QJsonObject toJson() const;

private:
    struct Pair {
        qint64 texts = 0;
        QMap<QString, MatchTally> exact;
        QMap<QString, MatchTally> overlap;
        MatchTally relations;
    };
    QMap<AnnotatorPair, Pair> m_pairs;
};

class SegmentAgreement {
public:
    explicit SegmentAgreement(qint64 toleranceMs) : m_tolerance(toleranceMs) {}
    void addAudio(const ByAnnotator<QList<Segment>>& segments);
    // {"tolerance_ms", "pairs": [{"a", "b", "audios", "boundaries": TALLY,
    // "segments": TALLY, "reference_words", "word_edits", "word_error_rate"}]}
    QJsonObject toJson() const;

private:
    struct Pair {
        qint64 audios = 0;
        MatchTally boundaries;
        MatchTally segments;
        qint64 referenceWords = 0;
        qint64 wordEdits = 0;
    };
    qint64 m_tolerance;
    QMap<AnnotatorPair, Pair> m_pairs;
};

class ComparisonAgreement {
public:
    void addComparison(const ByAnnotator<ComparisonResult>& verdicts);
    // {"verdict": the 7-point preference as an ordered categorical question,
    //  "pairs": [{"a", "b", "tasks", "agreement_with_ties", "tasks_without_ties",
    //             "agreement_without_ties", "ranked_tasks", "kendall_tau"}]}
    QJsonObject toJson() const;

private:
    struct Pair {
        qint64 tasks = 0;  // both stated a preference (or both_bad)
        qint64 agreeing = 0;
        qint64 tasksWithoutTies = 0;
        qint64 agreeingWithoutTies = 0;
        qint64 rankedTasks = 0;  // both ranked, tau defined
        double tauSum = 0;
    };
    QStringList m_annotators;
    QList<QHash<QString, int>> m_verdicts;  // per task, annotator -> preference + 3
    QMap<AnnotatorPair, Pair> m_pairs;
};

}  // namespace postil::quality

#pragma once

#include <QJsonObject>

#include "quality/figure.h"

namespace postil::quality {

// Counts of one-to-one matching between two annotators' items (boxes, spans,
// boundaries, relations), summed over the units both annotated. `a` is the
// reference: precision = matches / b's items, recall = matches / a's items,
// F1 = 2 matches / (a's + b's items), which is the same whichever is the
// reference (positive specific agreement, Hripcsak & Rothschild 2005).
struct MatchTally {
    qint64 itemsA = 0;
    qint64 itemsB = 0;
    qint64 matches = 0;
    double overlapSum = 0;  // IoU of the matches, summed (boxes, spans)

    void add(const MatchTally& other);
    Figure precision() const;
    Figure recall() const;
    Figure f1() const;
    Figure meanOverlap() const;  // mean IoU of the matches

    // {"NOUN_a", "NOUN_b", "matches", "precision", "recall", "f1"} and,
    // with `withOverlap`, "mean_iou" ("boxes_a": how many boxes a drew).
    QJsonObject toJson(const QString& noun, bool withOverlap) const;
};

// Intersection over union of [start, end) intervals (code points, ms).
double intervalIoU(double startA, double endA, double startB, double endB);

}  // namespace postil::quality

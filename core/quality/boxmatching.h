#pragma once

#include <QList>
#include <QMap>
#include <QString>

#include "model/boxresult.h"
#include "quality/matchtally.h"

namespace postil::quality {

// Intersection over union of two boxes (0 when they do not touch or both
// are empty).
double boxIoU(const Box& a, const Box& b);

// One image's boxes of two annotators, per label: boxes of the same label
// matched one-to-one by the Hungarian assignment on IoU, where pairs below
// `threshold` weigh nothing; a pair counts as a match when its IoU is at
// least `threshold`. Labels either side used appear, with their counts.
QMap<QString, MatchTally> matchBoxes(const QList<Box>& a, const QList<Box>& b, double threshold);

}  // namespace postil::quality

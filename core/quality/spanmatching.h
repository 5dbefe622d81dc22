#pragma once

#include <QMap>
#include <QString>

#include "model/spanresult.h"
#include "quality/matchtally.h"

namespace postil::quality {

// Two annotators' spans on one text, per label.
struct SpanMatch {
    // Same label and the same offsets, one-to-one.
    QMap<QString, MatchTally> exact;
    // Same label and at least one code point in common, one-to-one by the
    // Hungarian assignment on the spans' IoU (in code points).
    QMap<QString, MatchTally> overlap;
    // Relations with the same label whose two ends are exact matches, in the
    // same direction; one tally over all relation labels.
    MatchTally relations;
};

SpanMatch matchSpans(const TextAnnotation& a, const TextAnnotation& b);

}  // namespace postil::quality

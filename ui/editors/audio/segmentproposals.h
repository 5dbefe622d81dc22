#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>

#include "model/annotation.h"
#include "model/segmentresult.h"

namespace postil {

// One segment another row of the task proposes (a model's, an import's,
// another annotator's), as the audio editor shows it (docs/architecture.md
// §15): its place in that row's stored list (what a rejection records) and
// its score, -1 when it has none.
struct ProposedSegment {
    Segment segment;
    int index = -1;
    double score = -1;
};

// Which of a row's segments the audio editor offers, and which one a key
// means. No widgets: the editor's tests and the waveform share it.
namespace segmentproposals {

// The row the editor takes proposals from: the model row the annotator's
// result names in assist.from, else the first model row with segments, else
// the first row with segments (an import's, another annotator's). Null when
// no row of `rows` holds a segment.
std::optional<Annotation> sourceRow(const QList<Annotation>& rows, const QJsonObject& own);

struct Offer {
    QList<ProposedSegment> left;  // in time order
    int hidden = 0;               // under the threshold or rejected
    int taken = 0;                // an own segment covers it already
};

// The segments `proposed` (a row's, in stored order) still on offer against
// the annotator's `own` segments (in time order): not `dismissed`, not
// scored under `threshold` (a proposal without a score always shows), and
// not taken: an own segment of the same speaker overlapping it by half or
// more (intersection over union, the rule assisthelp counts "edited" by), so
// a proposal accepted and then corrected does not show again beside the
// correction.
Offer offer(const QList<Segment>& proposed, const QList<int>& dismissed, double threshold,
            const QList<Segment>& own);

// `proposal` as the annotator's own: without the model's score.
Segment taken(const ProposedSegment& proposal);

// The proposal a key means: the one under the playhead, else the first that
// starts after it, else the first. -1 when `left` is empty.
int at(const QList<ProposedSegment>& left, qint64 playheadMs);

// The own segment of the proposal's speaker that overlaps it (it cannot
// join `own` then: one speaker says one thing at a time), else -1.
int blocker(const Segment& proposal, const QList<Segment>& own);

}  // namespace segmentproposals
}  // namespace postil

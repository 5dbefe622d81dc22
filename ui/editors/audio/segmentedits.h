#pragma once

#include <QList>
#include <QString>

#include "model/segmentresult.h"

namespace postil {

// The audio editor's edits of a transcript: pure functions on the segment
// list (kept in time order, segmentresult::sort's order), so each gesture is
// one computed list that the editor writes as one undo step, and the tests
// and the benchmark run the same code without a widget.
//
// Segments of one speaker never overlap (docs/architecture.md §4). An edit
// that would make them overlap is clamped to the free time of that speaker
// when the gesture says where (a drag, a boundary) and refused otherwise (a
// new speaker for a segment), with a sentence saying why.
namespace segmentedit {

// What an edit did: the segment to select afterwards (an index into the
// edited list, -1 none) or why nothing changed.
struct Outcome {
    bool changed = false;
    int index = -1;
    QString refusal;  // set when !changed: a sentence for the status strip

    static Outcome refused(const QString& why) { return {false, -1, why}; }
    static Outcome done(int index) { return {true, index, {}}; }
};

// The shortest segment the editor makes: a click that barely moved is a
// seek, not a segment.
constexpr qint64 kMinSegmentMs = 20;

// Where `segment` goes in the time-ordered list (after equal ones).
int insertionIndex(const QList<Segment>& segments, const Segment& segment);

// The free time of `speaker` around `ms`: [from, to) with no segment of the
// speaker inside, `durationMs` (>0) capping the end; from == to when `ms` lies
// inside one of its segments. `except` is a segment left out of the question
// (the one being resized).
struct Gap {
    qint64 from = 0;
    qint64 to = 0;
};
Gap freeGap(const QList<Segment>& segments, const QString& speaker, qint64 ms, qint64 durationMs,
            int except = -1);

// Adds `segment`, clamped into the free time of its speaker that holds its
// start (or, when the start lies inside a segment of the speaker, the free
// time after that segment).
// Refused when less than kMinSegmentMs is left.
Outcome add(QList<Segment>& segments, Segment segment, qint64 durationMs);

// Splits segment `index` at `atMs` (strictly inside it). The text is cut at
// `textCut` (a UTF-16 index into it, the caret), trimmed on both sides; -1
// keeps it all in the first piece. Both pieces keep speaker and attributes;
// the second is a new segment. Selects the second piece.
Outcome split(QList<Segment>& segments, int index, qint64 atMs, int textCut = -1);

// Merges segment `index` with the next segment of the same speaker: one
// segment from the first's start to the second's end, texts joined with a
// space, attributes of the first (the second's added where the first has
// none). Selects the merged segment.
Outcome mergeWithNext(QList<Segment>& segments, int index);

// The range a boundary of segment `index` may move in: its start between the
// end of the speaker's previous segment and its own end less kMinSegmentMs,
// its end likewise up to the speaker's next segment (or `durationMs` when >0).
Gap boundaryRange(const QList<Segment>& segments, int index, bool end, qint64 durationMs);

// Moves the start (or end) of segment `index` to `ms`, clamped into
// boundaryRange. Selects the moved segment (its index may change).
Outcome moveBoundary(QList<Segment>& segments, int index, bool end, qint64 ms, qint64 durationMs);

// The boundary (any segment's start or end, any speaker) nearest to `ms`
// within `toleranceMs`, else `ms`; the segment `except` is ignored.
qint64 snap(const QList<Segment>& segments, qint64 ms, qint64 toleranceMs, int except = -1);

Outcome remove(QList<Segment>& segments, int index);

// Gives segment `index` to `speaker`; refused when it would overlap one of
// that speaker's segments.
Outcome setSpeaker(QList<Segment>& segments, int index, const QString& speaker);

// The segment containing `ms`, preferring `preferred` when it does, then the
// one that started last; -1 none.
int segmentAt(const QList<Segment>& segments, qint64 ms, int preferred = -1);

// The first segment starting after `ms` (+1) or the last starting before it
// (-1), skipping `current`'s start; -1 none.
int neighbour(const QList<Segment>& segments, qint64 ms, int step);

}  // namespace segmentedit
}  // namespace postil

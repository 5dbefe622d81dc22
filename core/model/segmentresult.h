#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include "store/status.h"

namespace postil {

// One segment of an audio annotation, as docs/architecture.md §4 stores it in
// "segments": times in integer milliseconds from the start of the audio, end
// exclusive. The one segment type of the audio editor, the speech formats and
// the statistics.
struct Segment {
    qint64 startMs = 0;
    qint64 endMs = 0;
    QString speaker;    // one of the schema's audio labels, "" for none
    QString text;       // the transcript of the segment
    QJsonObject attrs;  // attribute name -> value (bool for flags), as boxes have
    // The object the segment was read from, empty for a new one: writing
    // starts from it, so keys this build does not know survive and an
    // untouched segment is written back byte for byte. Never compared.
    QJsonObject source;

    qint64 durationMs() const { return endMs - startMs; }
    // Shares at least one millisecond with `other` (touching is not overlapping).
    bool overlaps(const Segment& other) const {
        return startMs < other.endMs && other.startMs < endMs;
    }
    bool contains(qint64 ms) const { return startMs <= ms && ms < endMs; }
    // Same times, speaker, text and attributes.
    bool sameAs(const Segment& other) const;
    // The source object with start_ms, end_ms, speaker, text and attrs put; a
    // value equal to the stored one keeps its stored form.
    QJsonObject toJson() const;
};

// Reading and writing the "segments" part of an annotation result.
namespace segmentresult {

// The segments of a result, in stored order. An entry that is not a segment
// (not an object, times that are not whole numbers, start_ms < 0, end_ms <=
// start_ms, or end_ms past `durationMs` when that is given, >= 0) is left out
// and said in `problems`, when given (the first few, then a count); a speaker
// or text that is not text reads as "" and attributes that are not an object
// as none (said too).
//
// A reader that writes back (the editor) reads without a duration: a segment
// past the end of the audio is then kept and shown, not silently dropped by
// the next write. Imports, exports and the submit check pass the duration.
QList<Segment> read(const QJsonObject& result, QStringList* problems = nullptr,
                    qint64 durationMs = -1);
// The same, failing on the first problem.
Expected<QList<Segment>> parse(const QJsonObject& result, qint64 durationMs = -1);

QJsonArray toJson(const QList<Segment>& segments);
// `result` with its "segments" written from `segments`; entries of the stored
// list that are not segments (what read() without a duration leaves out)
// follow them as they were; every other key stays.
QJsonObject withSegments(const QJsonObject& result, const QList<Segment>& segments);

// The segments in time order: start, then end, then speaker; stable.
void sort(QList<Segment>& segments);
// sort's order: start, then end, then speaker.
bool earlier(const Segment& a, const Segment& b);

// Pairs of indexes (earlier, later in time) of segments of one speaker that
// overlap (segments without a speaker form one speaker of their own). At
// most `limit` pairs; n log n, for thousands of segments per keystroke.
QList<QPair<int, int>> overlapsWithinSpeaker(const QList<Segment>& segments, int limit = 10);
// Fails, naming the speaker and both segments' times, when two segments of
// one speaker overlap (the pair that is heard first).
Status checkNoOverlap(const QList<Segment>& segments);

}  // namespace segmentresult
}  // namespace postil

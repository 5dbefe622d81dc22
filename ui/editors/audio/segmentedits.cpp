#include "editors/audio/segmentedits.h"

#include <QCoreApplication>
#include <algorithm>
#include <limits>

namespace postil::segmentedit {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("AudioEditor", text);
}

using segmentresult::earlier;

int insertSorted(QList<Segment>& segments, Segment segment) {
    const int at = insertionIndex(segments, segment);
    segments.insert(at, std::move(segment));
    return at;
}

QString speakerName(const QString& speaker) {
    return speaker.isEmpty() ? tr("no speaker") : speaker;
}

}  // namespace

int insertionIndex(const QList<Segment>& segments, const Segment& segment) {
    return int(std::upper_bound(segments.begin(), segments.end(), segment, earlier) -
               segments.begin());
}

Gap freeGap(const QList<Segment>& segments, const QString& speaker, qint64 ms, qint64 durationMs,
            int except) {
    Gap gap{0, durationMs > 0 ? durationMs : std::numeric_limits<qint64>::max()};
    // A linear pass: a thousand segments take microseconds, far below the
    // write of the row that follows every edit.
    for (int i = 0; i < segments.size(); ++i) {
        const Segment& s = segments[i];
        if (i == except || s.speaker != speaker)
            continue;
        if (s.contains(ms))
            return {ms, ms};
        if (s.endMs <= ms)
            gap.from = std::max(gap.from, s.endMs);
        else if (s.startMs > ms)
            gap.to = std::min(gap.to, s.startMs);
    }
    return gap;
}

Outcome add(QList<Segment>& segments, Segment segment, qint64 durationMs) {
    if (segment.endMs < segment.startMs)
        std::swap(segment.startMs, segment.endMs);
    segment.startMs = std::max<qint64>(0, segment.startMs);
    if (durationMs > 0)
        segment.endMs = std::min(segment.endMs, durationMs);
    Gap gap = freeGap(segments, segment.speaker, segment.startMs, durationMs);
    if (gap.from == gap.to) {
        // The start lies inside a segment of the speaker: the new one starts
        // where that one ends (a drag begun on the speaker's last words).
        for (const Segment& s : segments)
            if (s.speaker == segment.speaker && s.contains(segment.startMs)) {
                gap = freeGap(segments, segment.speaker, s.endMs, durationMs);
                break;
            }
    }
    const qint64 start = std::max(segment.startMs, gap.from);
    const qint64 end = std::min(segment.endMs, gap.to);
    if (end - start < kMinSegmentMs)
        return Outcome::refused(
            tr("No room for a segment there: %1 already speaks at that time (a speaker's "
               "segments may not overlap).")
                .arg(speakerName(segment.speaker)));
    segment.startMs = start;
    segment.endMs = end;
    segment.source = QJsonObject();
    return Outcome::done(insertSorted(segments, std::move(segment)));
}

Outcome split(QList<Segment>& segments, int index, qint64 atMs, int textCut) {
    if (index < 0 || index >= segments.size())
        return Outcome::refused(tr("No segment at the playhead to split."));
    Segment first = segments[index];
    if (atMs - first.startMs < 1 || first.endMs - atMs < 1)
        return Outcome::refused(tr("The playhead is at the segment's edge: nothing to split."));
    Segment second;
    second.startMs = atMs;
    second.endMs = first.endMs;
    second.speaker = first.speaker;
    second.attrs = first.attrs;
    if (textCut >= 0 && textCut <= first.text.size()) {
        second.text = first.text.mid(textCut).trimmed();
        first.text = first.text.left(textCut).trimmed();
    }
    first.endMs = atMs;
    segments.removeAt(index);
    insertSorted(segments, std::move(first));
    return Outcome::done(insertSorted(segments, std::move(second)));
}

Outcome mergeWithNext(QList<Segment>& segments, int index) {
    if (index < 0 || index >= segments.size())
        return Outcome::refused(tr("Select a segment to merge with the next."));
    const Segment& first = segments[index];
    int next = -1;
    for (int i = index + 1; i < segments.size(); ++i)
        if (segments[i].speaker == first.speaker && segments[i].startMs >= first.startMs) {
            next = i;
            break;
        }
    if (next < 0)
        return Outcome::refused(
            tr("No later segment of %1 to merge with.").arg(speakerName(first.speaker)));
    Segment merged = first;
    const Segment& second = segments[next];
    merged.endMs = std::max(first.endMs, second.endMs);
    if (!second.text.isEmpty())
        merged.text = merged.text.isEmpty() ? second.text : merged.text + u' ' + second.text;
    for (auto it = second.attrs.begin(); it != second.attrs.end(); ++it)
        if (!merged.attrs.contains(it.key()))
            merged.attrs.insert(it.key(), it.value());
    segments.removeAt(next);
    segments.removeAt(index);
    return Outcome::done(insertSorted(segments, std::move(merged)));
}

Gap boundaryRange(const QList<Segment>& segments, int index, bool end, qint64 durationMs) {
    if (index < 0 || index >= segments.size())
        return {};
    const Segment& s = segments[index];
    if (!end) {
        const Gap gap = freeGap(segments, s.speaker, s.startMs, durationMs, index);
        return {gap.from, std::max(gap.from, s.endMs - kMinSegmentMs)};
    }
    const Gap gap = freeGap(segments, s.speaker, s.endMs - 1, durationMs, index);
    // A segment stored past the end of the audio keeps its end reachable.
    const qint64 to = std::max(gap.to, s.endMs);
    return {std::min(to, s.startMs + kMinSegmentMs), to};
}

Outcome moveBoundary(QList<Segment>& segments, int index, bool end, qint64 ms, qint64 durationMs) {
    if (index < 0 || index >= segments.size())
        return Outcome::refused(tr("No segment selected."));
    const Gap range = boundaryRange(segments, index, end, durationMs);
    ms = std::clamp(ms, range.from, std::max(range.from, range.to));
    Segment moved = segments[index];
    if ((end ? moved.endMs : moved.startMs) == ms)
        return Outcome{false, index, QString()};
    (end ? moved.endMs : moved.startMs) = ms;
    segments.removeAt(index);
    return Outcome::done(insertSorted(segments, std::move(moved)));
}

qint64 snap(const QList<Segment>& segments, qint64 ms, qint64 toleranceMs, int except) {
    qint64 best = ms;
    qint64 bestDistance = toleranceMs + 1;
    for (int i = 0; i < segments.size(); ++i) {
        if (i == except)
            continue;
        for (qint64 edge : {segments[i].startMs, segments[i].endMs}) {
            const qint64 distance = edge > ms ? edge - ms : ms - edge;
            if (distance < bestDistance) {
                bestDistance = distance;
                best = edge;
            }
        }
    }
    return best;
}

Outcome remove(QList<Segment>& segments, int index) {
    if (index < 0 || index >= segments.size())
        return Outcome::refused(tr("No segment selected."));
    segments.removeAt(index);
    return Outcome::done(segments.isEmpty() ? -1 : std::min(index, int(segments.size()) - 1));
}

Outcome setSpeaker(QList<Segment>& segments, int index, const QString& speaker) {
    if (index < 0 || index >= segments.size())
        return Outcome::refused(tr("No segment selected."));
    Segment moved = segments[index];
    if (moved.speaker == speaker)
        return Outcome{false, index, QString()};
    for (int i = 0; i < segments.size(); ++i) {
        const Segment& other = segments[i];
        if (i != index && other.speaker == speaker && other.overlaps(moved))
            return Outcome::refused(
                tr("%1 already speaks at %2–%3 s: a speaker's segments may not overlap.")
                    .arg(speakerName(speaker))
                    .arg(other.startMs / 1000.0, 0, 'f', 3)
                    .arg(other.endMs / 1000.0, 0, 'f', 3));
    }
    moved.speaker = speaker;
    segments.removeAt(index);
    return Outcome::done(insertSorted(segments, std::move(moved)));
}

int segmentAt(const QList<Segment>& segments, qint64 ms, int preferred) {
    if (preferred >= 0 && preferred < segments.size() && segments[preferred].contains(ms))
        return preferred;
    // The segments starting at or before ms end at the upper bound; walk back
    // to the nearest that still holds ms (segments are short next to a file).
    Segment probe;
    probe.startMs = ms;
    probe.endMs = std::numeric_limits<qint64>::max();
    int i =
        int(std::upper_bound(segments.begin(), segments.end(), probe, earlier) - segments.begin()) -
        1;
    for (int steps = 0; i >= 0 && steps < 64; --i, ++steps)
        if (segments[i].contains(ms))
            return i;
    for (; i >= 0; --i)
        if (segments[i].contains(ms))
            return i;
    return -1;
}

int neighbour(const QList<Segment>& segments, qint64 ms, int step) {
    if (segments.isEmpty())
        return -1;
    if (step > 0) {
        for (int i = 0; i < segments.size(); ++i)
            if (segments[i].startMs > ms)
                return i;
        return -1;
    }
    for (int i = int(segments.size()) - 1; i >= 0; --i)
        if (segments[i].startMs < ms)
            return i;
    return -1;
}

}  // namespace postil::segmentedit

#include "editors/audio/segmentproposals.h"

#include <algorithm>

#include "assist/assisthelp.h"
#include "assist/assistmodel.h"

namespace postil::segmentproposals {

namespace {

bool hasSegments(const Annotation& row) {
    return !segmentresult::read(row.result).isEmpty();
}

// Intersection over union of two time ranges.
double overlap(const Segment& a, const Segment& b) {
    const qint64 shared = std::min(a.endMs, b.endMs) - std::max(a.startMs, b.startMs);
    if (shared <= 0)
        return 0;
    const qint64 all = std::max(a.endMs, b.endMs) - std::min(a.startMs, b.startMs);
    return all > 0 ? double(shared) / double(all) : 0;
}

// An own segment of its speaker covers `s` by half or more. Such a segment
// is at most twice as long as `s` and so starts no earlier than one length
// of `s` before it: a binary search over `own` (in time order) finds the few
// to look at, for an hour's transcript checked at every edit.
bool isTaken(const Segment& s, const QList<Segment>& own) {
    const auto from =
        std::lower_bound(own.begin(), own.end(), s.startMs - s.durationMs(),
                         [](const Segment& mine, qint64 ms) { return mine.startMs < ms; });
    for (auto it = from; it != own.end() && it->startMs < s.endMs; ++it)
        if (it->speaker == s.speaker && overlap(*it, s) >= 0.5)
            return true;
    return false;
}

}  // namespace

std::optional<Annotation> sourceRow(const QList<Annotation>& rows, const QJsonObject& own) {
    if (auto model = assisthelp::modelRow(rows, TaskKind::Audio, own))
        return model;
    for (const Annotation& row : rows)
        if (hasSegments(row))
            return row;
    return std::nullopt;
}

Offer offer(const QList<Segment>& proposed, const QList<int>& dismissed, double threshold,
            const QList<Segment>& own) {
    Offer result;
    for (int i = 0; i < proposed.size(); ++i) {
        const Segment& s = proposed[i];
        const QJsonValue score = s.source.value(QStringLiteral("score"));
        if ((score.isDouble() && score.toDouble() < threshold) || dismissed.contains(i)) {
            ++result.hidden;
            continue;
        }
        if (isTaken(s, own)) {
            ++result.taken;
            continue;
        }
        result.left.append({s, i, score.isDouble() ? score.toDouble() : -1});
    }
    std::stable_sort(result.left.begin(), result.left.end(),
                     [](const ProposedSegment& a, const ProposedSegment& b) {
                         return segmentresult::earlier(a.segment, b.segment);
                     });
    return result;
}

Segment taken(const ProposedSegment& proposal) {
    Segment own = proposal.segment;
    own.source.remove(QStringLiteral("score"));
    return own;
}

int at(const QList<ProposedSegment>& left, qint64 playheadMs) {
    if (left.isEmpty())
        return -1;
    for (int i = 0; i < left.size(); ++i)
        if (left[i].segment.contains(playheadMs))
            return i;
    for (int i = 0; i < left.size(); ++i)
        if (left[i].segment.startMs >= playheadMs)
            return i;
    return 0;
}

int blocker(const Segment& proposal, const QList<Segment>& own) {
    for (int i = 0; i < own.size(); ++i)
        if (own[i].speaker == proposal.speaker && own[i].overlaps(proposal))
            return i;
    return -1;
}

}  // namespace postil::segmentproposals

#include "editors/text/spanindex.h"

#include <algorithm>
#include <functional>
#include <queue>
#include <vector>

namespace postil {

void SpanIndex::setSpans(QList<ViewSpan> spans) {
    const auto before = [](const ViewSpan& a, const ViewSpan& b) {
        if (a.start != b.start)
            return a.start < b.start;
        return a.end > b.end;
    };
    // The editor's spans come in reading order already.
    if (!std::is_sorted(spans.cbegin(), spans.cend(), before))
        std::stable_sort(spans.begin(), spans.end(), before);
    // Busy lanes by the end of the span in them, and the free ones, lowest
    // first: each span takes the lowest lane that is free at its start.
    using Busy = std::pair<qsizetype, int>;
    std::priority_queue<Busy, std::vector<Busy>, std::greater<Busy>> busy;
    std::priority_queue<int, std::vector<int>, std::greater<int>> free;
    int lanes = 0;
    m_maxEnd.resize(spans.size());
    qsizetype maxEnd = 0;
    int maxId = -1;
    for (qsizetype i = 0; i < spans.size(); ++i) {
        ViewSpan& span = spans[i];
        while (!busy.empty() && busy.top().first <= span.start) {
            free.push(busy.top().second);
            busy.pop();
        }
        if (free.empty()) {
            span.lane = lanes++;
        } else {
            span.lane = free.top();
            free.pop();
        }
        busy.push({span.end, span.lane});
        maxEnd = std::max(maxEnd, span.end);
        m_maxEnd[i] = maxEnd;
        maxId = std::max(maxId, span.id);
    }
    m_positionOfId.fill(-1, maxId + 1);
    for (qsizetype i = 0; i < spans.size(); ++i)
        if (spans[i].id >= 0)
            m_positionOfId[spans[i].id] = int(i);
    m_laneCount = lanes;
    m_spans = std::move(spans);
}

qsizetype SpanIndex::firstReaching(qsizetype from) const {
    return std::upper_bound(m_maxEnd.cbegin(), m_maxEnd.cend(), from) - m_maxEnd.cbegin();
}

const ViewSpan* SpanIndex::innermostAt(qsizetype pos) const {
    const ViewSpan* best = nullptr;
    forEachOverlapping(pos, pos + 1, [&](const ViewSpan& span) {
        if (!best || span.end - span.start < best->end - best->start)
            best = &span;
    });
    return best;
}

const ViewSpan* SpanIndex::atLane(qsizetype pos, int lane) const {
    const ViewSpan* found = nullptr;
    forEachOverlapping(pos, pos + 1, [&](const ViewSpan& span) {
        if (span.lane == lane)
            found = &span;
    });
    return found;
}

const ViewSpan* SpanIndex::byId(int id) const {
    if (id < 0 || id >= m_positionOfId.size() || m_positionOfId[id] < 0)
        return nullptr;
    return &m_spans[m_positionOfId[id]];
}

}  // namespace postil

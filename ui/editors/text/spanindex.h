#pragma once

#include <QColor>
#include <QList>
#include <QString>

namespace postil {

// A span as the text view draws it: UTF-16 offsets into the task text (the
// editor converts the stored code points once, through TextOffsets), its
// colour and the underline lane it sits in.
struct ViewSpan {
    qsizetype start = 0;
    qsizetype end = 0;
    int id = -1;  // the span's index in its TextAnnotation (or proposal list)
    QString label;
    QColor color;
    int lane = 0;  // 0 is nearest the text; a span inside another goes lower
};

// The spans of one text, ordered for drawing and hit-testing. Overlapping
// and nested spans get different lanes (interval partitioning: each span the
// lowest lane free at its start, longer spans first), so every span keeps an
// underline of its own that can be seen and clicked. Range queries cost a
// binary search plus the spans that reach into the range, so a paint looks
// only at what it shows, whatever the number of spans.
class SpanIndex {
public:
    // Sorts (start, longer first) and assigns lanes.
    void setSpans(QList<ViewSpan> spans);
    const QList<ViewSpan>& spans() const { return m_spans; }
    bool isEmpty() const { return m_spans.isEmpty(); }
    int laneCount() const { return m_laneCount; }

    // Calls f(const ViewSpan&) for every span overlapping [from, to).
    template <typename F>
    void forEachOverlapping(qsizetype from, qsizetype to, F f) const {
        for (qsizetype i = firstReaching(from); i < m_spans.size(); ++i) {
            const ViewSpan& span = m_spans[i];
            if (span.start >= to)
                break;
            if (span.end > from)
                f(span);
        }
    }
    // The shortest span holding the character at 'pos' (start <= pos < end);
    // nullptr when none.
    const ViewSpan* innermostAt(qsizetype pos) const;
    // The span in 'lane' holding the character at 'pos'; nullptr when none.
    const ViewSpan* atLane(qsizetype pos, int lane) const;
    // The span with this id; nullptr when none.
    const ViewSpan* byId(int id) const;

private:
    // The first position whose running maximum end passes 'from': every span
    // before it ends at or before 'from'.
    qsizetype firstReaching(qsizetype from) const;

    QList<ViewSpan> m_spans;
    QList<qsizetype> m_maxEnd;  // running maximum of end, in m_spans order
    QList<int> m_positionOfId;  // id -> position in m_spans, -1 when absent
    int m_laneCount = 0;
};

}  // namespace postil

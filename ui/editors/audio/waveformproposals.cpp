// The waveform's proposal layer (docs/architecture.md §15): another row's
// segments, dashed in their speakers' lanes under the annotator's own, each
// with its score, so the two are never mistaken for one another.
#include <QPainter>
#include <cmath>

#include "editors/audio/waveformview.h"

namespace postil {

void WaveformView::setProposals(const QList<ProposedSegment>* proposals) {
    m_proposals = proposals;
    update();
}

void WaveformView::setSegmentsProposed(bool proposed) {
    if (m_segmentsProposed == proposed)
        return;
    m_segmentsProposed = proposed;
    update();
}

QString WaveformView::caption(const Segment& segment, double score) {
    const QString text =
        segment.text.simplified().isEmpty() ? QStringLiteral("…") : segment.text.simplified();
    return score >= 0 ? QStringLiteral("%1 · %2").arg(score, 0, 'f', 2).arg(text) : text;
}

void WaveformView::paintProposals(QPainter& painter) {
    if (!m_proposals || m_proposals->isEmpty())
        return;
    const QPalette& pal = palette();
    const qint64 fromMs = msAt(0);
    const qint64 toMs = msAt(width()) + 1;
    painter.save();
    QFont small = painter.font();
    small.setPointSizeF(small.pointSizeF() * 0.9);
    small.setItalic(true);
    painter.setFont(small);
    for (const ProposedSegment& proposal : *m_proposals) {
        const Segment& s = proposal.segment;
        if (s.endMs < fromMs || s.startMs > toMs)
            continue;
        const int lane = int(m_laneSpeakers.indexOf(s.speaker));
        if (lane < 0)
            continue;
        const QColor color = m_colors.value(s.speaker, pal.color(QPalette::Mid));
        const int a = std::max(-2, int(std::floor(xOfMs(s.startMs))));
        const int b = std::min(width() + 2, std::max(a + 2, int(std::ceil(xOfMs(s.endMs)))));
        const QRect lr = laneRect(lane);
        const QRect box(a, lr.top() + 4, b - a, lr.height() - 8);
        QColor fill = color;
        fill.setAlpha(28);
        painter.fillRect(box, fill);
        painter.setPen(QPen(color.darker(140), 1, Qt::DashLine));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(box.adjusted(0, 0, -1, -1));
        // The text starts right of the lane's name, drawn over the lane's left end.
        const int textLeft = std::max(
            box.left() + 4, painter.fontMetrics().horizontalAdvance(m_laneTitles.value(lane)) + 16);
        if (box.right() - textLeft > 20) {
            painter.setPen(pal.color(QPalette::PlaceholderText));
            const QRect textBox(textLeft, box.top(), box.right() - textLeft - 2, box.height());
            painter.drawText(textBox, Qt::AlignVCenter | Qt::AlignLeft,
                             painter.fontMetrics().elidedText(caption(s, proposal.score),
                                                              Qt::ElideRight, textBox.width()));
        }
    }
    painter.restore();
}

}  // namespace postil

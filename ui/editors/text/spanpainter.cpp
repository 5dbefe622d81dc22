#include "editors/text/spanpainter.h"

#include <QFontMetricsF>
#include <QHash>
#include <QPainter>
#include <QPainterPath>
#include <algorithm>
#include <cmath>

#include "editors/text/textpagelayout.h"

namespace postil {

qreal SpanPainter::laneBand(int lanes) {
    return 3.0 + std::clamp(lanes, 1, kMaxLanes) * kLaneStep;
}

QFont SpanPainter::nameFont(const QFont& textFont) {
    QFont font = textFont;
    font.setPointSizeF(std::max<qreal>(6.5, textFont.pointSizeF() * 0.68));
    font.setBold(true);
    return font;
}

qreal SpanPainter::nameHeight(const QFont& textFont) {
    return std::ceil(QFontMetricsF(nameFont(textFont)).height() + 1);
}

qreal SpanPainter::nameBand(const QFont& textFont, bool showNames, bool relations) {
    // Names sit just above the text, relation arcs above the names.
    return (showNames ? nameHeight(textFont) + 2 : 4) + (relations ? kArcRoom : 0);
}

QColor SpanPainter::fill(const QColor& color, bool selected) {
    QColor c = color;
    c.setAlphaF(selected ? 0.55 : 0.28);
    return c;
}

SpanPainter::SpanPainter(const SpanScene& scene, const QPalette& palette, const QFont& textFont)
    : m_scene(scene), m_palette(palette), m_textFont(textFont), m_nameFont(nameFont(textFont)) {}

template <typename F>
void SpanPainter::forEachMark(const QList<TextMark>& marks, qsizetype from, qsizetype to,
                              F f) const {
    auto it = std::upper_bound(marks.cbegin(), marks.cend(), from,
                               [](qsizetype pos, const TextMark& m) { return pos < m.end; });
    for (; it != marks.cend() && it->start < to; ++it)
        f(int(it - marks.cbegin()), *it);
}

void SpanPainter::paintBlock(QPainter& painter, TextPageLayout& layout, int block,
                             const QPointF& origin, QList<NameRect>* names) {
    const qsizetype from = layout.blockStart(block);
    const qsizetype to = std::max(layout.blockEnd(block), from + 1);
    QTextLayout* textLayout = layout.layout(block);
    auto at = [&](const QRectF& r) { return r.translated(origin); };

    // Under the text: span backgrounds, proposals, marks, the selection.
    m_scene.spans.forEachOverlapping(from, to, [&](const ViewSpan& span) {
        const bool selected = span.id == m_scene.selectedSpan || span.id == m_scene.pickSource;
        const QColor color = fill(span.color, selected);
        layout.forEachPiece(
            block, span.start, span.end,
            [&](int, const QTextLine&, const QRectF& r) { painter.fillRect(at(r), color); });
    });
    m_scene.proposals.forEachOverlapping(from, to, [&](const ViewSpan& span) {
        QPen pen(span.color, 1.2, Qt::DashLine);
        painter.setPen(pen);
        painter.setBrush(Qt::NoBrush);
        layout.forEachPiece(block, span.start, span.end,
                            [&](int, const QTextLine&, const QRectF& r) {
                                painter.drawRect(at(r).adjusted(0.5, 0.5, -0.5, -0.5));
                            });
    });
    QColor query = m_palette.color(QPalette::Highlight);
    query.setAlpha(60);
    forEachMark(m_scene.queryMarks, from, to, [&](int, const TextMark& mark) {
        layout.forEachPiece(
            block, mark.start, mark.end,
            [&](int, const QTextLine&, const QRectF& r) { painter.fillRect(at(r), query); });
    });
    forEachMark(m_scene.marks, from, to, [&](int index, const TextMark& mark) {
        const bool current = index == m_scene.currentMark;
        const QColor color = current ? QColor(255, 150, 0, 170) : QColor(255, 210, 0, 120);
        layout.forEachPiece(block, mark.start, mark.end,
                            [&](int, const QTextLine&, const QRectF& r) {
                                painter.fillRect(at(r), color);
                                if (current) {
                                    painter.setPen(QPen(QColor(220, 110, 0), 1));
                                    painter.setBrush(Qt::NoBrush);
                                    painter.drawRect(at(r).adjusted(0.5, 0.5, -0.5, -0.5));
                                }
                            });
    });
    if (m_scene.selectionTo > m_scene.selectionFrom) {
        QColor selection = m_palette.color(QPalette::Highlight);
        selection.setAlpha(110);
        layout.forEachPiece(
            block, m_scene.selectionFrom, m_scene.selectionTo,
            [&](int, const QTextLine&, const QRectF& r) { painter.fillRect(at(r), selection); });
    }

    painter.setPen(m_palette.color(QPalette::Text));
    textLayout->draw(&painter, origin);

    // Over the text: each span's underline in its lane, the selected span's
    // outline, then the names.
    m_scene.spans.forEachOverlapping(from, to, [&](const ViewSpan& span) {
        const bool selected = span.id == m_scene.selectedSpan;
        const int lane = std::min(span.lane, kMaxLanes - 1);
        layout.forEachPiece(
            block, span.start, span.end, [&](int, const QTextLine& line, const QRectF& r) {
                const QRectF piece = at(r);
                const qreal y = origin.y() + layout.lineBottom(line) + 2.0 + lane * kLaneStep;
                painter.fillRect(
                    QRectF(piece.left(), y, piece.width(), selected ? kLaneWidth + 1 : kLaneWidth),
                    span.color.darker(selected ? 150 : 115));
                if (selected) {
                    painter.setPen(QPen(span.color.darker(160), 1.5));
                    painter.setBrush(Qt::NoBrush);
                    painter.drawRect(piece.adjusted(0.5, 0.5, -0.5, -0.5));
                }
            });
    });
    if (!m_scene.showNames)
        return;
    painter.setFont(m_nameFont);
    const QFontMetricsF metrics(m_nameFont);
    const bool rtl = layout.isRightToLeft(block);
    // Names of spans starting on one line must not cover each other: each
    // goes after the one before it (before it, right to left).
    qreal lineY = -1;
    qreal edge = 0;
    m_scene.spans.forEachOverlapping(from, to, [&](const ViewSpan& span) {
        if (span.start < from)
            return;  // its name is where it starts, in an earlier block
        bool first = true;
        layout.forEachPiece(
            block, span.start, span.end, [&](int, const QTextLine& line, const QRectF& r) {
                if (!first)
                    return;
                first = false;
                const QRectF piece = at(r);
                const qreal width = metrics.horizontalAdvance(span.label) + 6;
                const qreal height = nameHeight(m_textFont);
                const qreal top = origin.y() + line.y() - height - 1;
                QRectF rect(rtl ? piece.right() - width : piece.left(), top, width, height);
                if (top == lineY)
                    rect.moveLeft(rtl ? std::min(rect.left(), edge - width - 2)
                                      : std::max(rect.left(), edge + 2));
                lineY = top;
                edge = rtl ? rect.left() : rect.right();
                const bool selected = span.id == m_scene.selectedSpan;
                painter.setPen(Qt::NoPen);
                painter.setBrush(selected ? span.color.darker(130) : span.color);
                painter.drawRoundedRect(rect, 3, 3);
                painter.setPen(span.color.lightnessF() > 0.6 && !selected ? QColor(20, 20, 20)
                                                                          : QColor(Qt::white));
                painter.drawText(rect, Qt::AlignCenter, span.label);
                if (names)
                    names->append({rect, span.id});
            });
    });
}

void SpanPainter::paintRelations(QPainter& painter, const QHash<int, QRectF>& anchors,
                                 QList<NameRect>* labels) {
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setFont(m_nameFont);
    const QFontMetricsF metrics(m_nameFont);
    for (const ViewRelation& relation : m_scene.relations) {
        const auto from = anchors.constFind(relation.from);
        const auto to = anchors.constFind(relation.to);
        if (from == anchors.cend() || to == anchors.cend())
            continue;
        const bool selected = relation.id == m_scene.selectedRelation;
        // From above the names to above the names, through the room above
        // them, so an arc never crosses the text of its own line.
        const qreal above = m_scene.showNames ? nameHeight(m_textFont) + 2 : 0;
        const QPointF a(from->center().x(), from->top() - above);
        const QPointF b(to->center().x(), to->top() - above);
        const qreal lift = kArcRoom - 2;
        const QPointF c1(a.x(), std::min(a.y(), b.y()) - lift);
        const QPointF c2(b.x(), std::min(a.y(), b.y()) - lift);
        QPainterPath path(a);
        path.cubicTo(c1, c2, b);
        QColor color = relation.color;
        painter.setPen(QPen(color.darker(selected ? 160 : 120), selected ? 2.5 : 1.5));
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(path);
        // The arrowhead at the target.
        const QPointF tip = b;
        const QPointF dir = b - path.pointAtPercent(0.95);
        const qreal len = std::hypot(dir.x(), dir.y());
        if (len > 0) {
            const QPointF u = dir / len;
            const QPointF n(-u.y(), u.x());
            QPolygonF head;
            head << tip << tip - u * 7 + n * 3.5 << tip - u * 7 - n * 3.5;
            painter.setBrush(color.darker(selected ? 160 : 120));
            painter.drawPolygon(head);
        }
        const QPointF mid = path.pointAtPercent(0.5);
        const qreal width = metrics.horizontalAdvance(relation.label) + 8;
        const QRectF box(mid.x() - width / 2, mid.y() - metrics.height() / 2, width,
                         metrics.height());
        painter.setPen(QPen(color.darker(130), selected ? 2 : 1));
        painter.setBrush(m_palette.color(QPalette::Base));
        painter.drawRoundedRect(box, 3, 3);
        painter.setPen(m_palette.color(QPalette::Text));
        painter.drawText(box, Qt::AlignCenter, relation.label);
        if (labels)
            labels->append({box, relation.id});
    }
    painter.setRenderHint(QPainter::Antialiasing, false);
}

}  // namespace postil

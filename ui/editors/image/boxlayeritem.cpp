#include "editors/image/boxlayeritem.h"

#include <cmath>

#include <QPaintDevice>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

#include "editors/image/boxeditlogic.h"
#include "editors/image/boxlayer.h"

namespace postil {

namespace {

constexpr int kNamePadding = 3;

constexpr Handle kHandles[] = {Handle::TopLeft,    Handle::Top,         Handle::TopRight,
                               Handle::Right,      Handle::BottomRight, Handle::Bottom,
                               Handle::BottomLeft, Handle::Left};

// Black or white, whichever reads better on 'background'.
QColor textOn(const QColor& background) {
    const double luma =
        0.299 * background.redF() + 0.587 * background.greenF() + 0.114 * background.blueF();
    return luma > 0.6 ? QColor(Qt::black) : QColor(Qt::white);
}

// Overlap that, unlike QRectF::intersects, also holds for a box of zero width.
bool meets(const QRectF& a, const QRectF& b) {
    return a.left() <= b.right() && b.left() <= a.right() && a.top() <= b.bottom() &&
           b.top() <= a.bottom();
}

}  // namespace

BoxLayerItem::BoxLayerItem(const BoxLayer* layer, const BoxStyle* style)
    : m_layer(layer), m_style(style) {
    // The exposed area comes with each paint: a drag repaints one small rect.
    setFlag(QGraphicsItem::ItemUsesExtendedStyleOption);
}

void BoxLayerItem::setArea(const QRectF& imageRect) {
    m_image = imageRect;
    refresh();
}

void BoxLayerItem::refresh() {
    // Names of small boxes sit outside them (see paint): the area grows by
    // the widest chip.
    double m = m_style->margin();
    if (m_style->showNames)
        m += m_layer->nameReach() / m_style->scale;
    const QRectF bounds = m_image.isNull() ? QRectF() : m_image.adjusted(-m, -m, m, m);
    if (bounds != m_bounds) {
        prepareGeometryChange();
        m_bounds = bounds;
    }
    update();
}

void BoxLayerItem::dropChips() {
    m_chips.clear();
}

QRectF BoxLayerItem::boundingRect() const {
    return m_bounds;
}

QSize BoxLayerItem::chipSize(const QString& label, const QFont& font) {
    const QFontMetrics metrics(font);
    const QString text = label.isEmpty() ? QStringLiteral("?") : label;
    return QSize(metrics.horizontalAdvance(text) + 2 * kNamePadding, metrics.height() + 1);
}

const QPixmap& BoxLayerItem::chip(int look, double devicePixelRatio) {
    if (devicePixelRatio != m_chipRatio) {
        m_chips.clear();
        m_chipRatio = devicePixelRatio;
    }
    auto it = m_chips.find(look);
    if (it != m_chips.end())
        return *it;
    const BoxLayer::Look& l = m_layer->look(look);
    const QString text = l.label.isEmpty() ? QStringLiteral("?") : l.label;
    const QSize size = chipSize(l.label, m_style->font);
    QPixmap pixmap(size * devicePixelRatio);
    pixmap.setDevicePixelRatio(devicePixelRatio);
    pixmap.fill(l.color);
    QPainter painter(&pixmap);
    painter.setFont(m_style->font);
    painter.setPen(textOn(l.color));
    painter.drawText(QRect(QPoint(0, 0), size), Qt::AlignCenter, text);
    painter.end();
    return *m_chips.insert(look, pixmap);
}

void BoxLayerItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) {
    const int n = m_layer->count();
    if (n == 0)
        return;
    // Device pixels: outlines stay one crisp width at every zoom. The view
    // only scales and translates, so a box maps with four multiply-adds.
    const QTransform world = painter->worldTransform();
    const double sx = world.m11(), sy = world.m22(), dx = world.dx(), dy = world.dy();
    auto toDevice = [&](const QRectF& r) {
        return QRectF(r.x() * sx + dx, r.y() * sy + dy, r.width() * sx, r.height() * sy);
    };
    const double m = m_style->margin();
    const QRectF exposed = option->exposedRect.adjusted(-m, -m, m, m);
    const double ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    const bool names = m_style->showNames;
    const double chipHeight = QFontMetrics(m_style->font).height() + 1;
    // A name shows where its chip fits inside the box.
    m_chipWidths.assign(size_t(m_layer->lookCount()), -1.0);
    auto fits = [&](int look, const QRectF& d) {
        if (!names || d.height() < chipHeight * 1.5)
            return false;
        double& width = m_chipWidths[size_t(look)];
        if (width < 0)
            width = chip(look, ratio).deviceIndependentSize().width();
        return d.width() >= width;
    };
    // Where a name shows: inside the box's top-left corner when it fits,
    // else just above the box (below it at the image's top edge), so a small
    // box still says what it is while names are on.
    const double imageTop = toDevice(m_image).top();
    auto name = [&](int look, const QRectF& d) {
        if (!names)
            return;
        if (fits(look, d))
            m_named.emplace_back(look, d.topLeft());
        else if (d.top() - chipHeight >= imageTop)
            m_named.emplace_back(look, QPointF(d.left(), d.top() - chipHeight));
        else
            m_named.emplace_back(look, d.bottomLeft());
    };

    painter->setWorldTransform(QTransform());
    painter->setRenderHint(QPainter::Antialiasing, false);
    m_outlines.resize(size_t(m_layer->lookCount()));
    for (auto& rects : m_outlines)
        rects.clear();
    m_named.clear();

    // 1. Every shown, unselected box meeting the exposed area, grouped by look.
    for (int i = 0; i < n; ++i) {
        if (!m_layer->isShown(i) || m_layer->isSelected(i))
            continue;
        const QRectF r = m_layer->box(i).rect().normalized();
        if (!meets(r, exposed))
            continue;
        const QRectF d = toDevice(r);
        const int look = m_layer->lookOf(i);
        m_outlines[size_t(look)].push_back(d);
        name(look, d);
    }
    painter->setBrush(Qt::NoBrush);
    for (size_t look = 0; look < m_outlines.size(); ++look) {
        auto& rects = m_outlines[look];
        if (rects.empty())
            continue;
        // A wide pen makes the raster engine stroke each rectangle as a path (several times
        // slower with thousands of boxes); one-pixel rectangles take its fast path, so the
        // outline's width is drawn as that many nested one-pixel rectangles.
        const QPen& pen = m_layer->look(int(look)).pen;
        const int width = std::max(1, int(std::lround(pen.widthF())));
        QPen thin(pen.color(), 1);
        thin.setCosmetic(true);
        painter->setPen(thin);
        const size_t outer = rects.size();
        for (int ring = 1; ring < width; ++ring)
            for (size_t k = 0; k < outer; ++k) {
                const QRectF inner = rects[k].adjusted(ring, ring, -ring, -ring);
                if (inner.width() > 0 && inner.height() > 0)
                    rects.push_back(inner);
            }
        // Centred on the box's edge like the wide pen was: start half the width outside.
        // Whole device pixels: integer rectangles take the engine's quickest path.
        const double out = (width - 1) / 2.0;
        m_pixelRects.clear();
        for (const QRectF& r : rects)
            m_pixelRects.push_back(r.adjusted(-out, -out, out, out).toRect());
        painter->drawRects(m_pixelRects.data(), int(m_pixelRects.size()));
    }

    // 2. The selection on top, filled.
    for (int i : m_layer->selection()) {
        const QRectF r = m_layer->box(i).rect().normalized();
        if (!meets(r, exposed))
            continue;
        const BoxLayer::Look& look = m_layer->look(m_layer->lookOf(i));
        const QRectF d = toDevice(r);
        painter->setPen(look.selectedPen);
        painter->setBrush(look.fill);
        painter->drawRect(d);
        name(m_layer->lookOf(i), d);
    }

    // 3. Names.
    for (const auto& [look, topLeft] : m_named)
        painter->drawPixmap(topLeft, chip(look, ratio));

    // 4. Resize handles on a single selected box.
    const QList<int>& selection = m_layer->selection();
    if (selection.size() == 1) {
        const int i = selection.first();
        const QRectF d = toDevice(m_layer->box(i).rect().normalized());
        const double half = m_style->handleSize / 2.0;
        painter->setPen(QPen(m_layer->look(m_layer->lookOf(i)).color.darker(150), 1));
        painter->setBrush(Qt::white);
        for (Handle h : kHandles) {
            const QPointF p = boxlogic::handlePoint(d, h);
            painter->drawRect(QRectF(p.x() - half, p.y() - half, 2 * half, 2 * half));
        }
    }
    painter->setBrush(Qt::NoBrush);
    painter->setWorldTransform(world);
}

}  // namespace postil

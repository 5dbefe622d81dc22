#pragma once

#include <QFont>
#include <QGraphicsItem>
#include <QHash>
#include <QPixmap>
#include <QRectF>
#include <vector>

namespace postil {

class BoxLayer;

// What the boxes of one canvas are painted with: the view's scale (so
// outlines, handles and names keep their on-screen size at any zoom), whether
// names show, and the font they show in. The canvas owns it.
struct BoxStyle {
    double scale = 1.0;     // view pixels per image pixel
    bool showNames = true;  // label names on boxes (T)
    int handleSize = 8;     // on-screen side of a resize handle
    QFont font;

    // How far painting may reach outside a box, in image pixels: the handles
    // and the selected outline.
    double margin() const { return (handleSize / 2.0 + 2.0) / scale; }
};

// Paints every box of a BoxLayer in one item. One item rather than one per
// box: with thousands of boxes the scene's per-item work (transforms, state,
// sorting) costs more than the drawing. Outlines are batched per colour into
// one drawRects call, in device pixels without antialiasing; names are
// pre-rendered chips, drawn only on boxes big enough on screen to carry them;
// only the boxes that meet the exposed area are looked at, so dragging one box
// repaints a small rectangle.
class BoxLayerItem : public QGraphicsItem {
public:
    BoxLayerItem(const BoxLayer* layer, const BoxStyle* style);

    // The area the boxes may paint in: the image, grown by the style's margin.
    void setArea(const QRectF& imageRect);
    // The style changed (zoom, names): new margins, and everything repaints.
    void refresh();
    // Colours, labels or the font changed: the name chips are made again.
    void dropChips();

    // The on-screen size of the name chip of 'label'.
    static QSize chipSize(const QString& label, const QFont& font);
    // Names drawn by the last paint (tests).
    int namesPainted() const { return int(m_named.size()); }

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    const QPixmap& chip(int look, double devicePixelRatio);

    const BoxLayer* m_layer;
    const BoxStyle* m_style;
    QRectF m_image;
    QRectF m_bounds;
    QHash<int, QPixmap> m_chips;  // per look
    double m_chipRatio = 0;
    // Kept between paints so that a frame allocates nothing.
    std::vector<std::vector<QRectF>> m_outlines;   // per look
    std::vector<QRect> m_pixelRects;               // the outlines as drawn, reused between paints
    std::vector<std::pair<int, QPointF>> m_named;  // look, top-left of the box on screen
    std::vector<double> m_chipWidths;              // per look, -1 until needed
};

}  // namespace postil

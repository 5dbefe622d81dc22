#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>

namespace postil {

// One box of an image annotation, in pixels of the displayed (EXIF-oriented)
// image with a top-left origin. 'json' is the object the box was read from:
// writing a box back starts from it, so keys this build does not know survive
// and an untouched box is written byte for byte as it was read.
struct ImageBox {
    QRectF rect;
    QString label;
    QJsonObject attrs;
    QJsonObject json;

    // Same geometry, label and attributes (the source object is not compared).
    bool sameAs(const ImageBox& other) const {
        return rect == other.rect && label == other.label && attrs == other.attrs;
    }
};

// Which part of a box a resize drags: the eight handles, clockwise from the
// top-left corner.
enum class Handle {
    None = -1,
    TopLeft,
    Top,
    TopRight,
    Right,
    BottomRight,
    Bottom,
    BottomLeft,
    Left
};

// The geometry of box edits, kept apart from the widgets so every rule (clamp
// to the image, minimum size, rounding) is in one place.
namespace boxlogic {

// The smallest box side, in image pixels: a click must not leave a box of
// zero width behind.
constexpr double kMinSize = 1.0;
// How far a duplicate lands from its original, in image pixels.
constexpr double kDuplicateOffset = 10.0;

QList<ImageBox> boxesFromResult(const QJsonObject& result);
QJsonObject boxToJson(const ImageBox& box);
QJsonArray boxesToJson(const QList<ImageBox>& boxes);
// 'result' with its "boxes" replaced; every other key is kept as it is.
QJsonObject resultWithBoxes(const QJsonObject& result, const QList<ImageBox>& boxes);

// Coordinates are stored to 0.01 px (boxprecision): finer than anyone can
// point, coarse enough that the numbers stay short and free of noise.
double rounded(double value);
// 'rect' normalized, with its edges rounded (a box drawn to the image edge
// stays on it).
QRectF rounded(const QRectF& rect);
// 'rect' as it is stored: edges rounded, a flipped rect left as it is. Every
// commit passes every box through this.
QRectF stored(const QRectF& rect);
// Whether the box's rect is, to the bit, the one its source object holds (an
// untouched box; false for a new one).
bool isAsRead(const ImageBox& box);

// Moves 'rect' inside 'bounds' without changing its size; a rect larger than
// the bounds is first cut to them.
QRectF clampInside(const QRectF& rect, const QSizeF& bounds);
// The part of 'rect' inside 'bounds'.
QRectF clipTo(const QRectF& rect, const QSizeF& bounds);
// The box spanned by two points (in any order), both clamped to the bounds.
QRectF spanned(const QPointF& a, const QPointF& b, const QSizeF& bounds);
// How far 'rects' can move by 'delta' together while each stays inside the
// bounds: 'delta' cut to the largest allowed step.
QPointF clampDelta(const QList<QRectF>& rects, const QPointF& delta, const QSizeF& bounds);
// 'rect' moved by 'delta' (already cut by clampDelta), its origin rounded.
// An axis with no movement keeps its value exactly.
QRectF moved(const QRectF& rect, const QPointF& delta, const QSizeF& bounds);
// 'rect' with the edges of 'handle' moved to 'point' (clamped to the bounds).
// Dragging an edge past the opposite one flips the box instead of collapsing
// it; the result is never smaller than kMinSize on either side.
QRectF resized(const QRectF& rect, Handle handle, const QPointF& point, const QSizeF& bounds);
// The point a handle sits on.
QPointF handlePoint(const QRectF& rect, Handle handle);
// Cursor shape for a handle (as Qt::CursorShape).
int handleCursor(Handle handle);

}  // namespace boxlogic
}  // namespace postil

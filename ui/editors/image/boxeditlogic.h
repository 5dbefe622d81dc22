#pragma once

#include <QList>
#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>

#include "model/boxresult.h"

namespace postil {

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
// to the image, minimum size, rounding) is in one place. The boxes themselves
// are model/boxresult's Box, read and written by it (architecture.md §4).
namespace boxlogic {

// The smallest box side, in image pixels: a click must not leave a box of
// zero width behind.
constexpr double kMinSize = 1.0;
// How far a duplicate lands from its original, in image pixels.
constexpr double kDuplicateOffset = 10.0;

// Coordinates are stored to 0.01 px (boxprecision): finer than anyone can
// point, coarse enough that the numbers stay short and free of noise.
double rounded(double value);
// 'rect' normalized, with its edges rounded (a box drawn to the image edge
// stays on it).
QRectF rounded(const QRectF& rect);
// 'rect' as it is stored: edges rounded, a flipped rect left as it is. Every
// commit passes every box through this but untouched ones (Box::isAsRead).
QRectF stored(const QRectF& rect);
// Whether 'boxes' holds one with the label, attributes and stored rect of 'box'.
bool containsBox(const QList<Box>& boxes, const Box& box);
// Whether a box of `boxes` with the label of `box` covers it by half or more
// (intersection over union): a proposal taken and then moved or resized is
// still taken, so its original is not offered again beside it. The rule
// assisthelp counts "edited" by.
bool coversBox(const QList<Box>& boxes, const Box& box);

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

#include "editors/image/boxeditlogic.h"

#include "model/boxprecision.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace postil::boxlogic {

namespace {

// One axis of a resize: the dragged side goes to 'moving', the other stays at
// 'fixed'; returns (low, high) at least kMinSize apart inside [0, limit].
std::pair<double, double> resizeAxis(double moving, double fixed, double limit) {
    moving = std::clamp(moving, 0.0, limit);
    double lo = std::min(moving, fixed);
    double hi = std::max(moving, fixed);
    if (hi - lo >= kMinSize)
        return {lo, hi};
    // Too thin: grow away from the fixed side, towards the cursor, or the
    // other way when the image edge is in the way.
    const bool grow = moving >= fixed ? fixed + kMinSize <= limit : fixed - kMinSize < 0.0;
    if (grow)
        return {fixed, std::min(limit, fixed + kMinSize)};
    return {std::max(0.0, fixed - kMinSize), fixed};
}

}  // namespace

double rounded(double value) {
    return boxprecision::rounded(value);
}

QRectF rounded(const QRectF& rect) {
    return stored(rect.normalized());
}

QRectF stored(const QRectF& rect) {
    const boxprecision::Edges e =
        boxprecision::roundedEdges(rect.x(), rect.y(), rect.width(), rect.height());
    return QRectF(e.x, e.y, e.w, e.h);
}

QRectF clampInside(const QRectF& rect, const QSizeF& bounds) {
    const double w = std::min(rect.width(), bounds.width());
    const double h = std::min(rect.height(), bounds.height());
    const double x = std::clamp(rect.x(), 0.0, bounds.width() - w);
    const double y = std::clamp(rect.y(), 0.0, bounds.height() - h);
    return QRectF(x, y, w, h);
}

QRectF clipTo(const QRectF& rect, const QSizeF& bounds) {
    return rect.normalized().intersected(QRectF(QPointF(0, 0), bounds));
}

QRectF spanned(const QPointF& a, const QPointF& b, const QSizeF& bounds) {
    auto clampX = [&](double x) { return std::clamp(x, 0.0, bounds.width()); };
    auto clampY = [&](double y) { return std::clamp(y, 0.0, bounds.height()); };
    const double x1 = clampX(a.x()), x2 = clampX(b.x());
    const double y1 = clampY(a.y()), y2 = clampY(b.y());
    return QRectF(QPointF(std::min(x1, x2), std::min(y1, y2)),
                  QPointF(std::max(x1, x2), std::max(y1, y2)));
}

QPointF clampDelta(const QList<QRectF>& rects, const QPointF& delta, const QSizeF& bounds) {
    double dx = delta.x(), dy = delta.y();
    for (const QRectF& r : rects) {
        // A box already outside (from an import) may not move further out,
        // but it may move back in.
        const double minDx = std::min(0.0, -r.left());
        const double maxDx = std::max(0.0, bounds.width() - r.right());
        const double minDy = std::min(0.0, -r.top());
        const double maxDy = std::max(0.0, bounds.height() - r.bottom());
        dx = std::clamp(dx, minDx, maxDx);
        dy = std::clamp(dy, minDy, maxDy);
    }
    return QPointF(dx, dy);
}

QRectF moved(const QRectF& rect, const QPointF& delta, const QSizeF& bounds) {
    auto axis = [](double start, double size, double d, double limit) {
        if (d == 0.0)
            return start;  // untouched: not even rounded
        double v = rounded(start + d);
        // Rounding must not push a box that was inside across the edge.
        if (v + size > limit && start + size <= limit)
            v = limit - size;
        if (v < 0.0 && start >= 0.0)
            v = 0.0;
        return v;
    };
    return QRectF(axis(rect.x(), rect.width(), delta.x(), bounds.width()),
                  axis(rect.y(), rect.height(), delta.y(), bounds.height()), rect.width(),
                  rect.height());
}

QRectF resized(const QRectF& rect, Handle handle, const QPointF& point, const QSizeF& bounds) {
    const QRectF r = clipTo(rect, bounds);
    double left = r.left(), right = r.right(), top = r.top(), bottom = r.bottom();
    const bool movesLeft =
        handle == Handle::TopLeft || handle == Handle::Left || handle == Handle::BottomLeft;
    const bool movesRight =
        handle == Handle::TopRight || handle == Handle::Right || handle == Handle::BottomRight;
    const bool movesTop =
        handle == Handle::TopLeft || handle == Handle::Top || handle == Handle::TopRight;
    const bool movesBottom =
        handle == Handle::BottomLeft || handle == Handle::Bottom || handle == Handle::BottomRight;
    if (movesLeft)
        std::tie(left, right) = resizeAxis(point.x(), right, bounds.width());
    else if (movesRight)
        std::tie(left, right) = resizeAxis(point.x(), left, bounds.width());
    if (movesTop)
        std::tie(top, bottom) = resizeAxis(point.y(), bottom, bounds.height());
    else if (movesBottom)
        std::tie(top, bottom) = resizeAxis(point.y(), top, bounds.height());
    return QRectF(QPointF(left, top), QPointF(right, bottom));
}

QPointF handlePoint(const QRectF& rect, Handle handle) {
    const QPointF c = rect.center();
    switch (handle) {
        case Handle::TopLeft:
            return rect.topLeft();
        case Handle::Top:
            return {c.x(), rect.top()};
        case Handle::TopRight:
            return rect.topRight();
        case Handle::Right:
            return {rect.right(), c.y()};
        case Handle::BottomRight:
            return rect.bottomRight();
        case Handle::Bottom:
            return {c.x(), rect.bottom()};
        case Handle::BottomLeft:
            return rect.bottomLeft();
        case Handle::Left:
            return {rect.left(), c.y()};
        case Handle::None:
            break;
    }
    return c;
}

int handleCursor(Handle handle) {
    switch (handle) {
        case Handle::TopLeft:
        case Handle::BottomRight:
            return Qt::SizeFDiagCursor;
        case Handle::TopRight:
        case Handle::BottomLeft:
            return Qt::SizeBDiagCursor;
        case Handle::Top:
        case Handle::Bottom:
            return Qt::SizeVerCursor;
        case Handle::Left:
        case Handle::Right:
            return Qt::SizeHorCursor;
        case Handle::None:
            break;
    }
    return Qt::ArrowCursor;
}

bool containsBox(const QList<Box>& boxes, const Box& box) {
    return std::any_of(boxes.cbegin(), boxes.cend(), [&](const Box& b) {
        return b.label == box.label && b.attrs == box.attrs && stored(b.rect()) == box.rect();
    });
}

bool coversBox(const QList<Box>& boxes, const Box& box) {
    const QRectF r = box.rect().normalized();
    return std::any_of(boxes.cbegin(), boxes.cend(), [&](const Box& b) {
        if (b.label != box.label)
            return false;
        const QRectF mine = b.rect().normalized();
        const QRectF common = mine.intersected(r);
        if (common.isEmpty())
            return false;
        const double shared = common.width() * common.height();
        const double all = mine.width() * mine.height() + r.width() * r.height() - shared;
        return all > 0 && shared / all >= 0.5;
    });
}

}  // namespace postil::boxlogic

#include "editors/image/imagecanvas.h"

#include <QHelpEvent>
#include <QJsonValue>
#include <QToolTip>

#include <QApplication>
#include <QGraphicsScene>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>

#include "editors/image/boxlayer.h"
#include "editors/image/tiledimageitem.h"

namespace postil {

namespace {

constexpr double kMaxScale = 32.0;
constexpr int kFitMargin = 8;          // view pixels around a fitted image
constexpr int kHitSlack = 3;           // view pixels a click may miss an outline or handle by
constexpr double kWheelStep = 1.0015;  // per eighth of a degree: one notch zooms ~20%

constexpr Handle kCornersFirst[] = {Handle::TopLeft,    Handle::TopRight, Handle::BottomRight,
                                    Handle::BottomLeft, Handle::Top,      Handle::Right,
                                    Handle::Bottom,     Handle::Left};

}  // namespace

ImageCanvas::ImageCanvas(QWidget* parent)
    : QGraphicsView(parent),
      m_scene(new QGraphicsScene(this)),
      m_image(new TiledImageItem),
      m_layer(nullptr) {
    // Two items, the image and the boxes, and hit tests scan the box list
    // directly: the scene needs no index.
    m_scene->setItemIndexMethod(QGraphicsScene::NoIndex);
    m_image->setZValue(0);
    m_scene->addItem(m_image);
    m_layer = new BoxLayer(m_scene, &m_style, this);
    setScene(m_scene);
    setObjectName(QStringLiteral("imageCanvas"));
    setInteractive(false);  // every mouse gesture is handled here, not by items
    setDragMode(QGraphicsView::NoDrag);
    setTransformationAnchor(QGraphicsView::NoAnchor);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setViewportUpdateMode(QGraphicsView::SmartViewportUpdate);
    setOptimizationFlags(QGraphicsView::DontSavePainterState |
                         QGraphicsView::DontAdjustForAntialiasing);
    setBackgroundBrush(QColor(52, 52, 56));
    setFrameShape(QFrame::NoFrame);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setMouseTracking(true);
    m_style.font = font();
    m_style.font.setPointSizeF(std::max(7.0, font().pointSizeF() * 0.9));
}

ImageCanvas::~ImageCanvas() = default;

Status ImageCanvas::openImage(const QString& path) {
    cancel();
    m_layer->clear();
    Status opened = m_image->open(path);
    if (!opened.ok()) {
        clearImage();
        return opened;
    }
    m_imageSize = m_image->imageSize();
    m_scene->setSceneRect(QRectF(QPointF(0, 0), QSizeF(m_imageSize)));
    m_layer->setImageRect(QRectF(QPointF(0, 0), QSizeF(m_imageSize)));
    m_fitted = true;
    fitToWindow();
    return opened;
}

void ImageCanvas::clearImage() {
    m_gesture = Gesture::None;
    m_layer->clear();
    m_image->clear();
    m_imageSize = QSize();
    m_layer->setImageRect(QRectF());
    m_scene->setSceneRect(QRectF(0, 0, 1, 1));
    m_crosshair = QPointF(-1, -1);
    viewport()->update();
}

void ImageCanvas::setTool(Tool tool) {
    if (tool == m_tool && !m_armed)
        return;
    m_tool = tool;
    m_armed = false;
    if (!drawsNow())
        updateCrosshair(QPointF(-1, -1));
    updateCursor(m_lastView);
    Q_EMIT toolChanged();
}

void ImageCanvas::armDraw() {
    if (!hasImage())
        return;
    m_armed = true;
    setViewportCursor(Qt::CrossCursor);
    const QPoint under = viewport()->mapFromGlobal(QCursor::pos());
    if (viewport()->rect().contains(under))
        updateCrosshair(under);
    Q_EMIT toolChanged();
}

void ImageCanvas::setNextLabel(const QString& label) {
    m_nextLabel = label;
    if (m_gesture == Gesture::Draw)
        updateSceneArea(m_liveRect);
}

bool ImageCanvas::cancel() {
    switch (m_gesture) {
        case Gesture::None:
            break;
        case Gesture::PendingMove:
        case Gesture::Move:
        case Gesture::Resize:
            for (qsizetype k = 0; k < m_moving.size(); ++k)
                m_layer->setRect(m_moving[k], m_originalRects[k]);
            break;
        case Gesture::PendingDraw:
        case Gesture::Draw:
        case Gesture::PendingBand:
        case Gesture::Band:
            updateSceneArea(m_liveRect);
            m_liveRect = QRectF();
            if (m_gesture == Gesture::Band || m_gesture == Gesture::PendingBand)
                m_layer->setSelection(m_selectionBefore);
            break;
        case Gesture::Pan:
            break;
    }
    if (m_gesture != Gesture::None) {
        m_gesture = Gesture::None;
        m_moving.clear();
        Q_EMIT liveRectChanged(QRectF());
        return true;
    }
    if (m_armed) {
        m_armed = false;
        if (!drawsNow())
            updateCrosshair(QPointF(-1, -1));
        updateCursor(m_lastView);
        Q_EMIT toolChanged();
        return true;
    }
    if (!m_layer->selection().isEmpty()) {
        m_layer->setSelection({});
        return true;
    }
    return false;
}

// ---------------------------------------------------------------- zoom

double ImageCanvas::fitScale() const {
    if (!hasImage())
        return 1.0;
    const double w = std::max(1, viewport()->width() - 2 * kFitMargin);
    const double h = std::max(1, viewport()->height() - 2 * kFitMargin);
    return std::min(w / m_imageSize.width(), h / m_imageSize.height());
}

void ImageCanvas::setScale(double scale) {
    const double lowest = std::min(1.0, fitScale()) / 2.0;
    scale = std::clamp(scale, lowest, kMaxScale);
    if (scale == m_style.scale && transform().m11() == scale)
        return;
    m_style.scale = scale;
    setTransform(QTransform::fromScale(scale, scale));
    m_layer->styleChanged();
    Q_EMIT zoomChanged(scale);
}

void ImageCanvas::fitToWindow() {
    if (!hasImage())
        return;
    // No scroll bars while fitted: they would take the room the fit measured.
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
    setScale(fitScale());
    centerOn(QRectF(QPointF(0, 0), QSizeF(m_imageSize)).center());
    m_fitted = true;
}

void ImageCanvas::zoomToActualSize() {
    zoomBy(1.0 / m_style.scale);
}

void ImageCanvas::zoomBy(double factor) {
    const QPoint under = viewport()->mapFromGlobal(QCursor::pos());
    zoomAt(factor, viewport()->rect().contains(under) ? QPointF(under)
                                                      : QPointF(viewport()->rect().center()));
}

void ImageCanvas::zoomAt(double factor, const QPointF& viewportPos) {
    if (!hasImage())
        return;
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setVerticalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    const QPointF anchor = mapToScene(viewportPos.toPoint());
    m_fitted = false;  // before the scale: a resize on the way must not re-fit
    setScale(m_style.scale * factor);
    // Scroll bars come and go through a queued call; have them settle now,
    // so the view does not shift under the cursor after the anchor is set.
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
    // Scroll so that the image point under the cursor stays under it.
    const QPoint after = mapFromScene(anchor);
    horizontalScrollBar()->setValue(horizontalScrollBar()->value() +
                                    int(std::lround(after.x() - viewportPos.x())));
    verticalScrollBar()->setValue(verticalScrollBar()->value() +
                                  int(std::lround(after.y() - viewportPos.y())));
}

void ImageCanvas::setShowNames(bool show) {
    if (show == m_style.showNames)
        return;
    m_style.showNames = show;
    m_layer->styleChanged();
}

QPoint ImageCanvas::viewportPoint(const QPointF& imagePos) const {
    return mapFromScene(imagePos);
}

void ImageCanvas::ensureBoxVisible(int index) {
    if (index < 0 || index >= m_layer->count())
        return;
    ensureVisible(m_layer->box(index).rect(), 40, 40);
}

// ---------------------------------------------------------------- keyboard edits

void ImageCanvas::nudge(const QPointF& delta) {
    if (m_gesture != Gesture::None || m_layer->selection().isEmpty())
        return;
    QList<QRectF> rects;
    for (int i : m_layer->selection())
        rects << m_layer->box(i).rect();
    const QPointF d = boxlogic::clampDelta(rects, delta, bounds());
    for (int i : m_layer->selection())
        m_layer->setRect(i, boxlogic::moved(m_layer->box(i).rect(), d, bounds()));
    Q_EMIT edited(m_layer->boxes(),
                  m_layer->selection().size() == 1 ? tr("Nudge box") : tr("Nudge boxes"));
}

void ImageCanvas::cycleSelection(int step) {
    const QList<int> shown = m_layer->shownIndexes();
    if (shown.isEmpty())
        return;
    const QList<int>& selected = m_layer->selection();
    int target;
    if (selected.isEmpty()) {
        target = step > 0 ? shown.first() : shown.last();
    } else {
        const int from = step > 0 ? selected.last() : selected.first();
        const auto pos = std::lower_bound(shown.begin(), shown.end(), from) - shown.begin();
        const auto n = shown.size();
        target = shown[((pos + step) % n + n) % n];
    }
    m_layer->setSelection({target});
    ensureBoxVisible(target);
}

// ---------------------------------------------------------------- mouse

Handle ImageCanvas::handleAt(const QPointF& viewportPos) const {
    const QList<int>& selected = m_layer->selection();
    if (selected.size() != 1)
        return Handle::None;
    const QRectF rect = m_layer->box(selected.first()).rect().normalized();
    const double reach = m_style.handleSize / 2.0 + kHitSlack;
    for (Handle h : kCornersFirst) {
        const QPointF p = mapFromScene(boxlogic::handlePoint(rect, h));
        if (std::abs(p.x() - viewportPos.x()) <= reach &&
            std::abs(p.y() - viewportPos.y()) <= reach)
            return h;
    }
    return Handle::None;
}

void ImageCanvas::setViewportCursor(Qt::CursorShape shape) {
    if (shape == m_cursor)
        return;
    m_cursor = shape;
    viewport()->setCursor(shape);
}

void ImageCanvas::updateCursor(const QPointF& viewportPos) {
    if (m_spaceHeld || m_gesture == Gesture::Pan) {
        setViewportCursor(m_gesture == Gesture::Pan ? Qt::ClosedHandCursor : Qt::OpenHandCursor);
        return;
    }
    if (!hasImage()) {
        setViewportCursor(Qt::ArrowCursor);
        return;
    }
    if (!m_armed) {
        const Handle h = handleAt(viewportPos);
        if (h != Handle::None) {
            setViewportCursor(Qt::CursorShape(boxlogic::handleCursor(h)));
            return;
        }
        const QPointF scenePos = mapToScene(viewportPos.toPoint());
        if (m_layer->boxAt(scenePos, kHitSlack / m_style.scale) >= 0) {
            setViewportCursor(Qt::SizeAllCursor);
            return;
        }
    }
    setViewportCursor(drawsNow() ? Qt::CrossCursor : Qt::ArrowCursor);
}

void ImageCanvas::mousePressEvent(QMouseEvent* event) {
    if (!hasImage() || m_gesture != Gesture::None) {
        event->accept();
        return;
    }
    const QPointF pos = event->position();
    m_pressView = m_lastView = pos;
    m_pressScene = mapToScene(pos.toPoint());
    if (event->button() == Qt::MiddleButton || (event->button() == Qt::LeftButton && m_spaceHeld)) {
        m_gesture = Gesture::Pan;
        updateCursor(pos);
        event->accept();
        return;
    }
    if (event->button() != Qt::LeftButton) {
        event->ignore();
        return;
    }
    event->accept();
    const bool additive = event->modifiers() & (Qt::ControlModifier | Qt::ShiftModifier);
    if (!m_armed && !additive) {
        const Handle h = handleAt(pos);
        if (h != Handle::None) {
            const int index = m_layer->selection().first();
            m_gesture = Gesture::Resize;
            m_handle = h;
            m_moving = {index};
            m_originalRects = {m_layer->box(index).rect()};
            m_handleOffset =
                m_pressScene - boxlogic::handlePoint(m_originalRects.first().normalized(), h);
            return;
        }
    }
    const int hit = m_armed ? -1 : m_layer->boxAt(m_pressScene, kHitSlack / m_style.scale);
    if (hit >= 0) {
        QList<int> selection = m_layer->selection();
        if (additive) {
            if (m_layer->isSelected(hit))
                selection.removeAll(hit);
            else
                selection << hit;
            m_layer->setSelection(selection);
            return;
        }
        if (!m_layer->isSelected(hit))
            m_layer->setSelection({hit});
        m_gesture = Gesture::PendingMove;
        m_moving = m_layer->selection();
        m_originalRects.clear();
        for (int i : m_moving)
            m_originalRects << m_layer->box(i).rect();
        m_handle = Handle::None;
        m_selectionBefore = {hit};  // what a plain click leaves selected
        return;
    }
    m_selectionBefore = m_layer->selection();
    m_liveRect = QRectF();
    if (drawsNow()) {
        m_gesture = Gesture::PendingDraw;
        return;
    }
    m_gesture = Gesture::PendingBand;
    m_bandAdds = additive;
    if (!additive)
        m_layer->setSelection({});
}

void ImageCanvas::mouseDoubleClickEvent(QMouseEvent* event) {
    // A fast second click starts a gesture like any other press.
    mousePressEvent(event);
}

void ImageCanvas::moveSelection(const QPointF& delta) {
    const QPointF d = boxlogic::clampDelta(m_originalRects, delta, bounds());
    for (qsizetype k = 0; k < m_moving.size(); ++k)
        m_layer->setRect(m_moving[k], m_originalRects[k].translated(d));
}

QString ImageCanvas::toolTipAt(const QPointF& viewportPos) const {
    if (!hasImage() || m_gesture != Gesture::None)
        return QString();
    const int hit = m_layer->boxAt(mapToScene(viewportPos.toPoint()), kHitSlack / m_style.scale);
    if (hit < 0)
        return QString();
    // The label and attributes of a box too small (or too crowded) to carry
    // its name, without selecting it.
    const postil::Box& box = m_layer->box(hit);
    QStringList lines{box.label.isEmpty() ? tr("(no label)") : box.label};
    for (auto it = box.attrs.begin(); it != box.attrs.end(); ++it) {
        const QJsonValue v = it.value();
        if (v.isBool())
            lines << (v.toBool() ? it.key() : tr("%1: no").arg(it.key()));
        else if (v.isDouble())
            lines << QStringLiteral("%1: %2").arg(it.key()).arg(v.toDouble());
        else
            lines << QStringLiteral("%1: %2").arg(it.key(), v.toString());
    }
    const QRectF r = box.rect().normalized();
    lines << tr("%1 × %2 px at %3, %4").arg(r.width()).arg(r.height()).arg(r.x()).arg(r.y());
    return lines.join(QLatin1Char('\n'));
}

bool ImageCanvas::viewportEvent(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = toolTipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, viewport());
        return true;
    }
    return QGraphicsView::viewportEvent(event);
}

void ImageCanvas::mouseMoveEvent(QMouseEvent* event) {
    const QPointF pos = event->position();
    const QPointF scenePos = mapToScene(pos.toPoint());
    const QPointF last = m_lastView;
    m_lastView = pos;
    if (hasImage()) {
        const bool inside = QRectF(QPointF(0, 0), bounds()).contains(scenePos);
        Q_EMIT cursorMoved(scenePos, inside);
    }
    if (drawsNow() || m_gesture == Gesture::Draw)
        updateCrosshair(pos);
    const bool dragged = (pos - m_pressView).manhattanLength() >= QApplication::startDragDistance();
    switch (m_gesture) {
        case Gesture::None:
            updateCursor(pos);
            break;
        case Gesture::Pan: {
            const QPointF d = pos - last;
            horizontalScrollBar()->setValue(horizontalScrollBar()->value() -
                                            int(std::lround(d.x())));
            verticalScrollBar()->setValue(verticalScrollBar()->value() - int(std::lround(d.y())));
            break;
        }
        case Gesture::PendingMove:
            if (!dragged)
                break;
            m_gesture = Gesture::Move;
            [[fallthrough]];
        case Gesture::Move:
            moveSelection(scenePos - m_pressScene);
            break;
        case Gesture::Resize: {
            const QRectF r = boxlogic::resized(m_originalRects.first(), m_handle,
                                               scenePos - m_handleOffset, bounds());
            m_layer->setRect(m_moving.first(), r);
            Q_EMIT liveRectChanged(r);
            break;
        }
        case Gesture::PendingDraw:
            if (!dragged)
                break;
            m_gesture = Gesture::Draw;
            [[fallthrough]];
        case Gesture::Draw: {
            const QRectF before = m_liveRect;
            m_liveRect = boxlogic::spanned(m_pressScene, scenePos, bounds());
            updateSceneArea(before.united(m_liveRect));
            Q_EMIT liveRectChanged(m_liveRect);
            break;
        }
        case Gesture::PendingBand:
            if (!dragged)
                break;
            m_gesture = Gesture::Band;
            [[fallthrough]];
        case Gesture::Band: {
            const QRectF before = m_liveRect;
            m_liveRect = QRectF(m_pressScene, scenePos).normalized();
            updateSceneArea(before.united(m_liveRect));
            break;
        }
    }
    event->accept();
}

void ImageCanvas::mouseReleaseEvent(QMouseEvent* event) {
    event->accept();
    const bool ends = m_gesture == Gesture::Pan
                          ? event->button() == Qt::MiddleButton || event->button() == Qt::LeftButton
                          : event->button() == Qt::LeftButton;
    if (m_gesture == Gesture::None || !ends)
        return;
    finishGesture(mapToScene(event->position().toPoint()));
    updateCursor(event->position());
}

void ImageCanvas::finishGesture(const QPointF& scenePos) {
    const Gesture gesture = m_gesture;
    m_gesture = Gesture::None;
    switch (gesture) {
        case Gesture::None:
        case Gesture::Pan:
            break;
        case Gesture::PendingMove:
            // A plain click on a box of a bigger selection picks that box alone.
            m_layer->setSelection(m_selectionBefore);
            break;
        case Gesture::Move: {
            QPointF d = scenePos - m_pressScene;
            d = QPointF(boxlogic::rounded(d.x()), boxlogic::rounded(d.y()));
            d = boxlogic::clampDelta(m_originalRects, d, bounds());
            for (qsizetype k = 0; k < m_moving.size(); ++k)
                m_layer->setRect(m_moving[k], boxlogic::moved(m_originalRects[k], d, bounds()));
            m_moving.clear();
            Q_EMIT edited(m_layer->boxes(),
                          m_originalRects.size() == 1 ? tr("Move box") : tr("Move boxes"));
            break;
        }
        case Gesture::Resize: {
            const QRectF r = boxlogic::rounded(boxlogic::resized(
                m_originalRects.first(), m_handle, scenePos - m_handleOffset, bounds()));
            m_layer->setRect(m_moving.first(), r);
            m_moving.clear();
            Q_EMIT liveRectChanged(QRectF());
            Q_EMIT edited(m_layer->boxes(), tr("Resize box"));
            break;
        }
        case Gesture::PendingDraw:
            m_layer->setSelection({});
            break;
        case Gesture::Draw: {
            const QRectF r = boxlogic::rounded(boxlogic::spanned(m_pressScene, scenePos, bounds()));
            updateSceneArea(m_liveRect.united(r));
            m_liveRect = QRectF();
            Q_EMIT liveRectChanged(QRectF());
            if (m_armed) {
                m_armed = false;
                if (!drawsNow())
                    updateCrosshair(QPointF(-1, -1));
                Q_EMIT toolChanged();
            }
            if (r.width() < boxlogic::kMinSize || r.height() < boxlogic::kMinSize)
                break;  // a slip of the mouse, not a box
            QList<postil::Box> boxes = m_layer->boxes();
            postil::Box box;
            box.setRect(r);
            box.label = m_nextLabel;
            boxes << box;
            m_layer->setBoxes(boxes);
            m_layer->setSelection({int(boxes.size()) - 1});
            if (m_nextLabel.isEmpty())
                Q_EMIT drawnWithoutLabel(m_layer->boxes());
            else
                Q_EMIT edited(m_layer->boxes(), tr("Draw box"));
            break;
        }
        case Gesture::PendingBand:
            break;
        case Gesture::Band: {
            QList<int> selection = m_layer->boxesInside(m_liveRect);
            if (m_bandAdds)
                selection += m_selectionBefore;
            updateSceneArea(m_liveRect);
            m_liveRect = QRectF();
            m_layer->setSelection(selection);
            break;
        }
    }
}

void ImageCanvas::wheelEvent(QWheelEvent* event) {
    if (!hasImage()) {
        event->ignore();
        return;
    }
    // A touchpad scrolls (it sends pixel deltas in phases); a mouse wheel or
    // a pinch with Ctrl zooms at the cursor.
    const bool touchpad = !event->pixelDelta().isNull() && event->phase() != Qt::NoScrollPhase;
    if (touchpad && !(event->modifiers() & Qt::ControlModifier)) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    const int steps = event->angleDelta().y();
    if (steps == 0) {
        QGraphicsView::wheelEvent(event);
        return;
    }
    zoomAt(std::pow(kWheelStep, steps), event->position());
    event->accept();
}

void ImageCanvas::keyPressEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Space) {
        if (!event->isAutoRepeat()) {
            m_spaceHeld = true;
            updateCursor(m_lastView);
        }
        event->accept();
        return;
    }
    if (event->key() == Qt::Key_Equal && !(event->modifiers() & Qt::ControlModifier)) {
        zoomBy(1.25);  // '+' without Shift, on layouts where '+' is shifted '='
        event->accept();
        return;
    }
    QGraphicsView::keyPressEvent(event);
}

void ImageCanvas::keyReleaseEvent(QKeyEvent* event) {
    if (event->key() == Qt::Key_Space) {
        if (!event->isAutoRepeat()) {
            m_spaceHeld = false;
            updateCursor(m_lastView);
        }
        event->accept();
        return;
    }
    QGraphicsView::keyReleaseEvent(event);
}

void ImageCanvas::focusOutEvent(QFocusEvent* event) {
    // The Space release may go to another widget; do not stay in pan mode.
    m_spaceHeld = false;
    QGraphicsView::focusOutEvent(event);
}

void ImageCanvas::leaveEvent(QEvent* event) {
    updateCrosshair(QPointF(-1, -1));
    if (hasImage())
        Q_EMIT cursorMoved(QPointF(), false);
    QGraphicsView::leaveEvent(event);
}

void ImageCanvas::resizeEvent(QResizeEvent* event) {
    QGraphicsView::resizeEvent(event);
    if (m_fitted && hasImage())
        fitToWindow();
}

// ---------------------------------------------------------------- overlay

void ImageCanvas::updateSceneArea(const QRectF& sceneRect) {
    if (sceneRect.isNull())
        return;
    viewport()->update(mapFromScene(sceneRect).boundingRect().adjusted(-4, -4, 4, 4));
}

void ImageCanvas::updateCrosshair(const QPointF& viewportPos) {
    const QPointF old = m_crosshair;
    m_crosshair = viewportPos;
    if (old == viewportPos)
        return;
    // Only the strips under the old and the new lines repaint.
    const int w = viewport()->width(), h = viewport()->height();
    for (const QPointF& p : {old, viewportPos}) {
        if (p.x() < 0)
            continue;
        viewport()->update(QRect(0, int(p.y()) - 2, w, 5));
        viewport()->update(QRect(int(p.x()) - 2, 0, 5, h));
    }
}

void ImageCanvas::drawForeground(QPainter* painter, const QRectF& rect) {
    Q_UNUSED(rect);
    if (!hasImage())
        return;
    painter->setRenderHint(QPainter::Antialiasing, false);
    const QRectF image(QPointF(0, 0), bounds());
    if (m_crosshair.x() >= 0 && (drawsNow() || m_gesture == Gesture::Draw)) {
        const QPointF c = mapToScene(m_crosshair.toPoint());
        if (image.contains(c)) {
            QPen pen(QColor(255, 255, 255, 200), 1, Qt::DashLine);
            pen.setCosmetic(true);
            painter->setPen(pen);
            painter->drawLine(QLineF(image.left(), c.y(), image.right(), c.y()));
            painter->drawLine(QLineF(c.x(), image.top(), c.x(), image.bottom()));
        }
    }
    if (m_liveRect.isNull())
        return;
    if (m_gesture == Gesture::Draw) {
        const QColor color = m_layer->colorFor(m_nextLabel);
        QPen pen(color, 2);
        pen.setCosmetic(true);
        QColor fill = color;
        fill.setAlpha(40);
        painter->setPen(pen);
        painter->setBrush(fill);
        painter->drawRect(m_liveRect);
    } else if (m_gesture == Gesture::Band) {
        const QColor highlight = palette().color(QPalette::Highlight);
        QPen pen(highlight, 1, Qt::DashLine);
        pen.setCosmetic(true);
        QColor fill = highlight;
        fill.setAlpha(40);
        painter->setPen(pen);
        painter->setBrush(fill);
        painter->drawRect(m_liveRect);
    }
    painter->setBrush(Qt::NoBrush);
}

}  // namespace postil

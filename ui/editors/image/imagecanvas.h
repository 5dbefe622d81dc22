#pragma once

#include <QGraphicsView>
#include <QPointer>

#include "editors/image/boxeditlogic.h"
#include "editors/image/boxlayeritem.h"
#include "store/status.h"

namespace postil {

class BoxLayer;
class TiledImageItem;

// The drawing surface of the image editor: the image at z = 0, the boxes
// above it, and every mouse gesture on them. Scene coordinates are pixels of
// the displayed image. A gesture changes the boxes live and, when the mouse
// is released, reports the result once through edited(); it never writes to
// the document itself.
class ImageCanvas : public QGraphicsView {
    Q_OBJECT
public:
    enum class Tool { Select, Draw };

    explicit ImageCanvas(QWidget* parent = nullptr);
    ~ImageCanvas() override;

    // Opens the image (its header is read here; tiles decode in the
    // background). Fails with a message naming the file.
    Status openImage(const QString& path);
    void clearImage();
    bool hasImage() const { return !m_imageSize.isEmpty(); }
    QSize imageSize() const { return m_imageSize; }
    TiledImageItem* imageItem() const { return m_image; }

    BoxLayer* layer() const { return m_layer; }
    BoxStyle& style() { return m_style; }

    Tool tool() const { return m_tool; }
    void setTool(Tool tool);
    // W: the next drag draws a box, wherever it starts.
    void armDraw();
    bool isDrawArmed() const { return m_armed; }
    // The label new boxes get.
    void setNextLabel(const QString& label);
    QString nextLabel() const { return m_nextLabel; }
    // Escape: stops the gesture in progress (restoring what it moved), else
    // disarms drawing, else clears the selection. False when there was
    // nothing to cancel.
    bool cancel();
    bool gestureActive() const { return m_gesture != Gesture::None; }

    // Moves the selection by 'delta' image pixels, clamped to the image.
    void nudge(const QPointF& delta);
    // Selects the next (+1) or previous (-1) shown box and scrolls to it.
    void cycleSelection(int step);
    void ensureBoxVisible(int index);

    double scale() const { return m_style.scale; }
    void fitToWindow();
    void zoomToActualSize();
    // Zooms by 'factor' keeping the image point under the mouse (or the view
    // centre when the mouse is elsewhere) in place.
    void zoomBy(double factor);
    void zoomAt(double factor, const QPointF& viewportPos);
    bool isFitted() const { return m_fitted; }
    void setShowNames(bool show);
    bool showNames() const { return m_style.showNames; }

    // What hovering at a viewport position shows: the label and attributes of
    // the box there; empty over no box.
    QString toolTipAt(const QPointF& viewportPos) const;

    // Viewport position of an image point (tests, benchmarks).
    QPoint viewportPoint(const QPointF& imagePos) const;

Q_SIGNALS:
    // postil::Box in full: inside a QFrame, "Box" is QFrame::Box.
    // A gesture finished: the boxes as they are now, and what was done.
    void edited(const QList<postil::Box>& boxes, const QString& text);
    // A box was drawn while there is no next label (the last of 'boxes', on
    // screen and selected): the editor asks for its label before it is kept.
    void drawnWithoutLabel(const QList<postil::Box>& boxes);
    void zoomChanged(double scale);
    // The cursor over the image, in image pixels; inside is false off the image.
    void cursorMoved(const QPointF& imagePos, bool inside);
    // The box being drawn or resized; an empty rect when the gesture ends.
    void liveRectChanged(const QRectF& rect);
    void toolChanged();

protected:
    bool viewportEvent(QEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void keyReleaseEvent(QKeyEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;
    void leaveEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void drawForeground(QPainter* painter, const QRectF& rect) override;

private:
    enum class Gesture {
        None,
        PendingMove,
        Move,
        Resize,
        PendingDraw,
        Draw,
        PendingBand,
        Band,
        Pan
    };

    bool drawsNow() const { return m_armed || m_tool == Tool::Draw; }
    void setScale(double scale);
    double fitScale() const;
    Handle handleAt(const QPointF& viewportPos) const;
    void updateCursor(const QPointF& viewportPos);
    void setViewportCursor(Qt::CursorShape shape);
    void moveSelection(const QPointF& delta);
    void finishGesture(const QPointF& scenePos);
    void updateSceneArea(const QRectF& sceneRect);
    void updateCrosshair(const QPointF& viewportPos);
    QSizeF bounds() const { return QSizeF(m_imageSize); }

    QGraphicsScene* m_scene;
    TiledImageItem* m_image;
    BoxLayer* m_layer;
    BoxStyle m_style;
    QSize m_imageSize;
    Tool m_tool = Tool::Select;
    bool m_armed = false;
    QString m_nextLabel;
    bool m_fitted = true;
    bool m_spaceHeld = false;

    Gesture m_gesture = Gesture::None;
    QPointF m_pressView;
    QPointF m_pressScene;
    QPointF m_lastView;
    Handle m_handle = Handle::None;
    QPointF m_handleOffset;
    QList<int> m_moving;            // indexes being moved or resized
    QList<QRectF> m_originalRects;  // their rects when the gesture began
    QRectF m_liveRect;              // the box being drawn, or the band
    bool m_bandAdds = false;
    QList<int> m_selectionBefore;
    QPointF m_crosshair{-1, -1};  // viewport position, negative when hidden
    Qt::CursorShape m_cursor = Qt::ArrowCursor;
};

}  // namespace postil

#include "editors/preview/fittedimageview.h"

#include <QPainter>

namespace postil::preview {

namespace {
constexpr int kMargin = 12;  // breathing room between the image and the edge
constexpr int kChecker = 8;  // checkerboard cell, logical pixels
}  // namespace

FittedImageView::FittedImageView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("fittedImage"));
    setMinimumSize(64, 64);
    setBackgroundRole(QPalette::Base);
    setAutoFillBackground(true);
}

void FittedImageView::setImage(const QImage& image) {
    m_image = image;
    m_scaled = QPixmap();
    update();
}

QRectF FittedImageView::imageRect() const {
    if (m_image.isNull())
        return QRectF();
    const QRectF area = QRectF(rect()).adjusted(kMargin, kMargin, -kMargin, -kMargin);
    if (area.width() <= 0 || area.height() <= 0)
        return QRectF();
    QSizeF size = QSizeF(m_image.size()).scaled(area.size(), Qt::KeepAspectRatio);
    QRectF target(QPointF(), size);
    target.moveCenter(area.center());
    return target;
}

void FittedImageView::resizeEvent(QResizeEvent* event) {
    // Scaled again at the next paint, once the final size is known.
    m_scaled = QPixmap();
    QWidget::resizeEvent(event);
}

void FittedImageView::paintEvent(QPaintEvent*) {
    const QRectF target = imageRect();
    if (target.isEmpty())
        return;
    QPainter painter(this);
    const QRect pixelTarget = target.toAlignedRect();
    const qreal dpr = devicePixelRatioF();
    const QSize devicePixels = (QSizeF(pixelTarget.size()) * dpr).toSize();
    // Scale once per size with a real filter (the painter's smooth transform
    // is only bilinear, and would redo the work on every repaint).
    if (m_scaled.isNull() || m_scaled.size() != devicePixels) {
        m_scaled = QPixmap::fromImage(
            m_image.scaled(devicePixels, Qt::IgnoreAspectRatio, Qt::SmoothTransformation));
        m_scaled.setDevicePixelRatio(dpr);
    }
    if (m_image.hasAlphaChannel()) {
        const QColor light = palette().color(QPalette::Base);
        const QColor dark = palette().color(QPalette::AlternateBase).darker(108);
        painter.save();
        painter.setClipRect(pixelTarget);
        for (int y = pixelTarget.top(); y < pixelTarget.bottom(); y += kChecker)
            for (int x = pixelTarget.left(); x < pixelTarget.right(); x += kChecker)
                painter.fillRect(
                    x, y, kChecker, kChecker,
                    ((x - pixelTarget.left()) / kChecker + (y - pixelTarget.top()) / kChecker) % 2
                        ? dark
                        : light);
        painter.restore();
    }
    painter.drawPixmap(pixelTarget.topLeft(), m_scaled);
    // A hairline frame sets the image off from a background of the same colour.
    QColor frame = palette().color(QPalette::Mid);
    frame.setAlpha(160);
    painter.setPen(QPen(frame, 1));
    painter.drawRect(QRectF(pixelTarget).adjusted(-0.5, -0.5, 0.5, 0.5));
}

}  // namespace postil::preview

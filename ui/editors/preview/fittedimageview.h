#pragma once

#include <QImage>
#include <QPixmap>
#include <QWidget>

namespace postil::preview {

// Paints one image as large as the widget allows, keeping its aspect ratio,
// centred, smoothly scaled, and re-fitted whenever the widget resizes.
// Transparent parts show a checkerboard so they are not mistaken for white.
class FittedImageView : public QWidget {
    Q_OBJECT
public:
    explicit FittedImageView(QWidget* parent = nullptr);

    void setImage(const QImage& image);
    const QImage& image() const { return m_image; }
    // Where the image is drawn, in widget coordinates; empty without an image.
    QRectF imageRect() const;

    QSize sizeHint() const override { return {480, 360}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    QImage m_image;
    QPixmap m_scaled;  // m_image at the size last painted, device pixels
};

}  // namespace postil::preview

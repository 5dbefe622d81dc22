#pragma once

#include <QGraphicsObject>
#include <QSize>
#include <QString>
#include <memory>

#include "store/status.h"

namespace postil {

class TileLoader;

// The image under the boxes, in pixels of the displayed (EXIF-oriented) image: boundingRect() is
// (0,0,w,h). Decodes in worker threads only the tiles and the level of detail the view needs, so a
// 20,000 x 20,000 image opens without being decoded whole at full resolution.
class TiledImageItem : public QGraphicsObject {
    Q_OBJECT
public:
    explicit TiledImageItem(QGraphicsItem* parent = nullptr);
    ~TiledImageItem() override;

    // Reads the header (fast, on the calling thread). Fails with a message naming the file when it
    // is missing, not an image, or visibly truncated; the item then shows nothing.
    Status open(const QString& path);
    void clear();
    QString path() const;
    QSize imageSize() const;  // oriented
    // Every tile needed by the last paint is decoded (tests, benches). Precisely: needed by the
    // visible views of the scene as they are now, or, with none, by the last paint.
    bool isFullyLoaded() const;

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

Q_SIGNALS:
    void firstPaintReady();  // something better than nothing can be drawn
    void failed(
        const QString& message);  // a tile failed to decode (truncated data discovered late)

private:
    void onDecoded(const QRectF& itemRect);
    int levelFor(qreal pixelsPerImagePixel) const;
    QRectF visibleRect(const QStyleOptionGraphicsItem* option, QWidget* widget) const;
    void drawLevel(QPainter* painter, int level, const QRectF& area) const;
    bool drawIfDecoded(QPainter* painter, int level, const QRectF& area) const;
    bool drawFallback(QPainter* painter, int level, const QRectF& area) const;
    void drawPiece(QPainter* painter, const QImage& image, int level, QPoint origin,
                   const QRectF& area) const;

    std::unique_ptr<TileLoader> m_loader;
    QString m_path;
    QSize m_size;
    int m_paintedLevel = -1;  // what the last paint needed: a level, over a visible rectangle
    QRectF m_paintedVisible;
    bool m_ready = false;  // firstPaintReady was emitted for this image
};

}  // namespace postil

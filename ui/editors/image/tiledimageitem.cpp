#include "editors/image/tiledimageitem.h"

#include <QGraphicsView>
#include <QImageReader>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <algorithm>
#include <cmath>

#include "editors/image/tileloader.h"

namespace postil {

namespace {

// Above this zoom the pixels are drawn as squares, so box edges can be put between them;
// below it they are filtered, which reads better.
constexpr qreal kCrispZoom = 2.0;
constexpr int kCheckerCell = 8;  // device pixels

// Qt refuses to decode images above a process-wide allocation limit (256 MB by default). This
// only raises it, to what the decodes of 'source' can need, never to more.
void allowDecoding(const ImageTileSource& source) {
    qint64 pixels = 0;
    if (source.decodesRegions()) {
        // The largest region or whole-level decode, or the whole image at 1/8 for the thumbnail.
        const QSize eighth = source.levelSize(std::min(source.thumbnailLevel(), 3));
        pixels = std::max({TileLoader::kJobPixels, TileLoader::kWholeLevelPixels,
                           qint64(eighth.width()) * eighth.height()});
    } else {
        pixels = qint64(source.size().width()) * source.size().height();
    }
    const int mb = int(((pixels * source.bytesPerPixel()) >> 20) + 1);
    const int limit = QImageReader::allocationLimit();
    if (limit != 0 && limit < mb)
        QImageReader::setAllocationLimit(mb);
}

QBrush checkerBrush() {
    QImage cells(2 * kCheckerCell, 2 * kCheckerCell, QImage::Format_RGB32);
    cells.fill(QColor(0xcc, 0xcc, 0xcc));
    QPainter p(&cells);
    p.fillRect(0, 0, kCheckerCell, kCheckerCell, QColor(0x99, 0x99, 0x99));
    p.fillRect(kCheckerCell, kCheckerCell, kCheckerCell, kCheckerCell, QColor(0x99, 0x99, 0x99));
    return QBrush(cells);
}

}  // namespace

TiledImageItem::TiledImageItem(QGraphicsItem* parent) : QGraphicsObject(parent) {
    // exposedRect tells paint() which part to draw; without this flag it is the whole item.
    setFlag(QGraphicsItem::ItemUsesExtendedStyleOption);
    // The image never takes a click: pressing on it is for the boxes and the canvas above.
    setAcceptedMouseButtons(Qt::NoButton);
}

TiledImageItem::~TiledImageItem() = default;

Status TiledImageItem::open(const QString& path) {
    auto source = ImageTileSource::open(path);
    if (!source.ok()) {
        clear();
        return Status::failure(source.error());
    }
    allowDecoding(*source);
    prepareGeometryChange();
    m_loader = std::make_unique<TileLoader>(*source);
    connect(m_loader.get(), &TileLoader::decoded, this, &TiledImageItem::onDecoded);
    connect(m_loader.get(), &TileLoader::failed, this, &TiledImageItem::failed);
    m_path = path;
    m_size = source->size();
    m_paintedLevel = -1;
    m_paintedVisible = QRectF();
    m_ready = false;
    update();
    return Status::success();
}

void TiledImageItem::clear() {
    prepareGeometryChange();
    m_loader.reset();
    m_path.clear();
    m_size = QSize();
    m_paintedLevel = -1;
    m_paintedVisible = QRectF();
    m_ready = false;
    update();
}

QString TiledImageItem::path() const {
    return m_path;
}

QSize TiledImageItem::imageSize() const {
    return m_size;
}

bool TiledImageItem::isFullyLoaded() const {
    if (!m_loader)
        return false;
    auto covered = [this](int level, const QRectF& visible) {
        const QList<TileKey> keys = m_loader->keysCovering(level, visible);
        return std::all_of(keys.begin(), keys.end(),
                           [this](const TileKey& key) { return m_loader->has(key); });
    };
    // What the views show now, not what they showed at the last paint: right after a zoom
    // the last paint's tiles are all there, and the answer would be a stale yes.
    bool anyView = false;
    if (scene())
        for (QGraphicsView* view : scene()->views()) {
            if (!view->isVisible())
                continue;
            anyView = true;
            const QTransform toDevice = sceneTransform() * view->viewportTransform();
            const qreal zoom = QStyleOptionGraphicsItem::levelOfDetailFromTransform(toDevice) *
                               view->devicePixelRatio();
            const QRectF scene = view->mapToScene(view->viewport()->rect()).boundingRect();
            if (!covered(levelFor(zoom), mapRectFromScene(scene).intersected(boundingRect())))
                return false;
        }
    return anyView || (m_paintedLevel >= 0 && covered(m_paintedLevel, m_paintedVisible));
}

QRectF TiledImageItem::boundingRect() const {
    return m_size.isValid() ? QRectF(QPointF(0, 0), QSizeF(m_size)) : QRectF();
}

int TiledImageItem::levelFor(qreal pixelsPerImagePixel) const {
    // The coarsest level that still has at least one image pixel per device pixel.
    if (pixelsPerImagePixel >= 1 || pixelsPerImagePixel <= 0)
        return pixelsPerImagePixel <= 0 ? m_loader->coarsestLevel() : 0;
    const int level = int(std::floor(std::log2(1.0 / pixelsPerImagePixel) + 1e-9));
    return std::clamp(level, 0, m_loader->coarsestLevel());
}

QRectF TiledImageItem::visibleRect(const QStyleOptionGraphicsItem* option, QWidget* widget) const {
    // Decoding is planned for the whole viewport, not for the part being repainted: a box
    // dragged over one corner must not make the rest look missing.
    if (widget)
        if (auto* view = qobject_cast<QGraphicsView*>(widget->parentWidget())) {
            const QRectF scene = view->mapToScene(view->viewport()->rect()).boundingRect();
            return mapRectFromScene(scene).intersected(boundingRect());
        }
    return option->exposedRect.intersected(boundingRect());
}

void TiledImageItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option,
                           QWidget* widget) {
    if (!m_loader)
        return;
    const QRectF exposed = option->exposedRect.intersected(boundingRect());
    const qreal zoom =
        QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform());
    const qreal dpr = painter->device() ? painter->device()->devicePixelRatio() : 1.0;
    const int level = levelFor(zoom * dpr);
    m_paintedLevel = level;
    m_paintedVisible = visibleRect(option, widget);
    m_loader->want(level, m_paintedVisible);
    if (exposed.isEmpty())
        return;
    painter->save();
    painter->setRenderHint(QPainter::SmoothPixmapTransform, zoom * dpr < kCrispZoom);
    const QImage coarsest = m_loader->levelImage(m_loader->coarsestLevel());
    if (coarsest.hasAlphaChannel()) {
        // Transparent parts on a checkerboard, so they are not taken for white or black.
        QBrush checker = checkerBrush();
        checker.setTransform(QTransform::fromScale(1 / (zoom * dpr), 1 / (zoom * dpr)));
        painter->fillRect(exposed, checker);
    }
    drawLevel(painter, level, exposed);
    painter->restore();
}

void TiledImageItem::drawLevel(QPainter* painter, int level, const QRectF& area) const {
    if (m_loader->isWholeLevel(level)) {
        const QImage image = m_loader->levelImage(level);
        if (!image.isNull())
            drawPiece(painter, image, level, QPoint(0, 0), area);
        else
            drawFallback(painter, level, area);
        return;
    }
    const QRect tiles = m_loader->tilesCovering(level, area);
    const qreal scale = qreal(1 << level);
    for (int row = tiles.top(); row <= tiles.bottom(); ++row)
        for (int col = tiles.left(); col <= tiles.right(); ++col) {
            const QRect rect = m_loader->tileRect(level, col, row);
            const QRectF tileArea = QRectF(rect.x() * scale, rect.y() * scale, rect.width() * scale,
                                           rect.height() * scale)
                                        .intersected(area);
            const QImage tile = m_loader->tile(level, col, row);
            if (!tile.isNull())
                drawPiece(painter, tile, level, rect.topLeft(), tileArea);
            else
                drawFallback(painter, level, tileArea);
        }
}

bool TiledImageItem::drawIfDecoded(QPainter* painter, int level, const QRectF& area) const {
    if (m_loader->isWholeLevel(level)) {
        const QImage image = m_loader->levelImage(level);
        if (image.isNull())
            return false;
        drawPiece(painter, image, level, QPoint(0, 0), area);
        return true;
    }
    const QList<TileKey> keys = m_loader->keysCovering(level, area);
    if (!std::all_of(keys.begin(), keys.end(),
                     [this](const TileKey& key) { return m_loader->has(key); }))
        return false;
    for (const TileKey& key : keys)
        drawPiece(painter, m_loader->tile(level, key.col, key.row), level,
                  m_loader->tileRect(level, key.col, key.row).topLeft(), area);
    return true;
}

bool TiledImageItem::drawFallback(QPainter* painter, int level, const QRectF& area) const {
    // While a piece loads, another level stands in for it: the next finer one if it is there
    // (just zoomed out: sharper than anything coarser), else the best coarser one.
    if (level > 0 && drawIfDecoded(painter, level - 1, area))
        return true;
    for (int coarser = level + 1; coarser <= m_loader->coarsestLevel(); ++coarser)
        if (drawIfDecoded(painter, coarser, area))
            return true;
    const QImage preview = m_loader->preview();
    if (preview.isNull())
        return false;
    drawPiece(painter, preview, m_loader->coarsestLevel(), QPoint(0, 0), area);
    return true;
}

void TiledImageItem::drawPiece(QPainter* painter, const QImage& image, int level, QPoint origin,
                               const QRectF& area) const {
    const qreal scale = qreal(1 << level);
    const QRectF piece(origin.x() * scale, origin.y() * scale, image.width() * scale,
                       image.height() * scale);
    const QRectF target = area.intersected(piece).intersected(boundingRect());
    if (target.isEmpty())
        return;
    const QRectF source((target.x() - piece.x()) / scale, (target.y() - piece.y()) / scale,
                        target.width() / scale, target.height() / scale);
    painter->drawImage(target, image, source);
}

void TiledImageItem::onDecoded(const QRectF& itemRect) {
    if (!m_ready) {
        m_ready = true;
        Q_EMIT firstPaintReady();
    }
    update(itemRect);
}

}  // namespace postil

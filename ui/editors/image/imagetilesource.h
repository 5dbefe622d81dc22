#pragma once

#include <QImage>
#include <QImageIOHandler>
#include <QRect>
#include <QSize>
#include <QString>
#include <atomic>

#include "store/status.h"

namespace postil {

// One image file as a pyramid of levels, for TiledImageItem. Level k is the displayed
// (EXIF-oriented) image scaled by 1/2^k, ceil(size / 2^k) pixels; level 0 is full size. Every
// call but open() is thread-safe: each decode opens its own reader, so worker threads decode
// regions of the same file side by side.
//
// Two ways to decode, chosen by open():
// - region decoding (JPEG): Qt's JPEG handler decodes a clip rectangle at 1/2, 1/4 or 1/8 scale
//   inside libjpeg, so any level or part of it is decoded without the whole image;
// - whole decoding (every other format): the image is decoded once at full size, which open()
//   allows only up to kWholeDecodePixels, and the levels are scaled from it.
class ImageTileSource {
public:
    static constexpr int kThumbnailSide = 2048;  // the coarsest level fits in this, long side
    // The largest image decoded whole (64 MP: 256 MB at 4 bytes a pixel).
    static constexpr qint64 kWholeDecodePixels = qint64(8192) * 8192;

    // Reads the header. Fails, naming the file, when it is missing, not an image, truncated
    // (see ImageProbe), or too large for the way its format can be decoded.
    static Expected<ImageTileSource> open(const QString& path);

    const QString& path() const { return m_path; }
    QSize size() const { return m_size; }  // oriented, full size
    bool decodesRegions() const { return m_regions; }
    QImageIOHandler::Transformations transformation() const { return m_transform; }  // EXIF
    int thumbnailLevel() const { return m_thumbnailLevel; }
    QSize levelSize(int level) const;  // oriented
    // Bytes a decoded pixel takes in memory (4, or 8 for 16-bit PNG).
    int bytesPerPixel() const { return m_bytesPerPixel; }

    // Part of a level (rect in oriented pixels of that level, inside it), oriented, as RGB32 or
    // ARGB32_Premultiplied. Only when decodesRegions(). 'cancel' (may be null) stops the decoder
    // at its next read: the result is then an error that nobody looks at. Data found damaged or
    // cut short while decoding (the header looked whole) is a failure, or, given 'warning', a
    // message put there while the partly grey image is returned.
    Expected<QImage> decodeRegion(int level, const QRect& rect,
                                  const std::atomic_bool* cancel = nullptr,
                                  QString* warning = nullptr) const;
    // The whole image at full size, oriented, as RGB32 or ARGB32_Premultiplied.
    Expected<QImage> decodeWhole(const std::atomic_bool* cancel = nullptr,
                                 QString* warning = nullptr) const;

    // The rectangle of stored pixels (as in the file, before orientation) that holds 'rect' of
    // the displayed image of size 'orientedSize'. Public for tests.
    static QRect storedRect(const QRect& rect, const QSize& orientedSize,
                            QImageIOHandler::Transformations transform);
    // A stored image turned the way it is displayed.
    static QImage oriented(QImage image, QImageIOHandler::Transformations transform);

private:
    QString m_path;
    QByteArray m_format;
    QSize m_size;
    QSize m_storedSize;
    QImageIOHandler::Transformations m_transform = QImageIOHandler::TransformationNone;
    bool m_regions = false;
    int m_thumbnailLevel = 0;
    int m_bytesPerPixel = 4;
};

}  // namespace postil

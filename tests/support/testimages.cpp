#include "testimages.h"

#include <QBuffer>

#include "testsupport.h"

namespace postil {

QByteArray exifOrientationSegment(quint16 orientation) {
    QByteArray tiff;
    tiff += QByteArray("II*\0", 4);       // little-endian TIFF header
    tiff += QByteArray("\x08\0\0\0", 4);  // first IFD at offset 8
    tiff += QByteArray("\x01\0", 2);      // one entry
    tiff += QByteArray("\x12\x01", 2);    // tag 0x0112 Orientation
    tiff += QByteArray("\x03\0", 2);      // type SHORT
    tiff += QByteArray("\x01\0\0\0", 4);  // count 1
    tiff += char(orientation & 0xff);
    tiff += char(orientation >> 8);
    tiff += QByteArray("\0\0", 2);      // value padding
    tiff += QByteArray("\0\0\0\0", 4);  // no next IFD
    const QByteArray payload = QByteArray("Exif\0\0", 6) + tiff;
    const int length = int(payload.size()) + 2;
    QByteArray segment("\xff\xe1", 2);
    segment += char(length >> 8);
    segment += char(length & 0xff);
    return segment + payload;
}

QByteArray orientedJpeg(const QImage& image, int orientation, int quality) {
    QByteArray jpeg;
    {
        QBuffer buffer(&jpeg);
        buffer.open(QIODevice::WriteOnly);
        if (!image.save(&buffer, "JPEG", quality))
            return QByteArray();
    }
    // The segment goes right after the start-of-image marker, where readers look for it.
    if (!jpeg.startsWith("\xff\xd8"))
        return QByteArray();
    if (orientation != 1)
        jpeg.insert(2, exifOrientationSegment(quint16(orientation)));
    return jpeg;
}

bool writeJpeg(const QString& path, const QImage& image, int orientation, int quality) {
    const QByteArray jpeg = orientedJpeg(image, orientation, quality);
    return !jpeg.isEmpty() && writeBytes(path, jpeg);
}

}  // namespace postil

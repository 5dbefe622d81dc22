#pragma once

// Images made by the tests themselves: JPEGs carrying an EXIF orientation, so
// that code which must show the displayed (turned) pixels meets real files.

#include <QByteArray>
#include <QImage>
#include <QString>

namespace postil {

// A minimal EXIF APP1 segment holding only the orientation tag (0x0112).
QByteArray exifOrientationSegment(quint16 orientation);
// 'image' as a JPEG of 'quality' whose EXIF orientation is 'orientation' (1: none, and no
// EXIF segment at all); empty when it cannot be encoded.
QByteArray orientedJpeg(const QImage& image, int orientation, int quality = 92);
// Writes orientedJpeg(image, orientation, quality) to 'path', making its folder.
bool writeJpeg(const QString& path, const QImage& image, int orientation, int quality = 92);

}  // namespace postil

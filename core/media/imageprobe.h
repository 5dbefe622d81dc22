#pragma once

#include <QImage>
#include <QSize>
#include <QString>

#include "store/status.h"

namespace postil {

// What an image file holds, read from its header without decoding the pixels.
// Sizes are those of the displayed image: a photo whose EXIF orientation says
// "rotate 90°" reports its width and height swapped, because boxes are stored
// in pixels of the displayed image (docs/architecture.md §4).
struct ImageProbe {
    // Decoding refuses images that would need more memory than this.
    static constexpr int kDefaultAllocationLimitMb = 512;

    QString path;
    QSize size;             // displayed (EXIF-oriented) width and height
    QSize storedSize;       // as the pixels are stored in the file
    QString format;         // "png", "jpeg", ... as Qt names the reader
    bool oriented = false;  // the file carries a transformation (EXIF orientation)

    // Reads the header of 'path'. Fails, naming the file, when it is missing,
    // not an image, visibly truncated, or too big to decode within the limit.
    static Expected<ImageProbe> probe(const QString& path,
                                      int allocationLimitMb = kDefaultAllocationLimitMb);
};

// Decodes 'path' as it is displayed (EXIF orientation applied). Fails, naming
// the file, on the same grounds as ImageProbe::probe and when the pixels
// cannot be decoded.
Expected<QImage> loadDisplayImage(const QString& path,
                                  int allocationLimitMb = ImageProbe::kDefaultAllocationLimitMb);

}  // namespace postil

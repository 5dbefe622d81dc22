#include "media/imageprobe.h"

#include <QFile>
#include <QFileInfo>
#include <QImageIOHandler>
#include <QImageReader>

namespace postil {

namespace {

// How far from the end the closing marker of a PNG or JPEG may sit. Some
// writers append a few bytes after it; a truncated file has none at all.
constexpr qint64 kTailBytes = 1024;

QByteArray fileTail(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray();
    const qint64 size = file.size();
    file.seek(qMax<qint64>(0, size - kTailBytes));
    return file.read(kTailBytes);
}

// Qt's decoders return a partly grey image for a file cut short instead of
// failing, so a download that broke off would be annotated as if it were
// whole. The closing marker is cheap to check: PNG ends with an IEND chunk,
// JPEG with the EOI marker (FF D9, which cannot occur inside the
// byte-stuffed entropy-coded data).
QString truncationProblem(const QString& path, const QString& format) {
    if (format == QLatin1String("png")) {
        if (!fileTail(path).contains("IEND"))
            return QStringLiteral("the PNG file is truncated (no IEND chunk at its end)");
    } else if (format == QLatin1String("jpeg")) {
        if (!fileTail(path).contains("\xff\xd9"))
            return QStringLiteral("the JPEG file is truncated (no end-of-image marker)");
    }
    return QString();
}

QString readerProblem(QImageReader& reader) {
    // Qt says "Unsupported image format" for files it cannot identify, which
    // includes empty and random files.
    const QString why = reader.errorString();
    return why.isEmpty() ? QStringLiteral("not an image file that can be read") : why;
}

}  // namespace

Expected<ImageProbe> ImageProbe::probe(const QString& path, int allocationLimitMb) {
    const QFileInfo info(path);
    if (!info.exists())
        return Status::failure(QStringLiteral("%1: no such file").arg(path));
    if (!info.isFile())
        return Status::failure(QStringLiteral("%1: not a file").arg(path));
    QImageReader reader(path);
    reader.setAutoTransform(true);
    if (!reader.canRead())
        return Status::failure(QStringLiteral("%1: not an image that can be read (%2)")
                                   .arg(path, readerProblem(reader)));
    ImageProbe result;
    result.path = path;
    result.format = QString::fromLatin1(reader.format());
    result.storedSize = reader.size();
    if (!result.storedSize.isValid() || result.storedSize.isEmpty())
        return Status::failure(QStringLiteral("%1: the image header gives no valid size (%2)")
                                   .arg(path, readerProblem(reader)));
    const QImageIOHandler::Transformations transform = reader.transformation();
    result.oriented = transform != QImageIOHandler::TransformationNone;
    result.size = transform.testFlag(QImageIOHandler::TransformationRotate90)
                      ? result.storedSize.transposed()
                      : result.storedSize;
    // Decoding needs at least 4 bytes a pixel (32-bit ARGB): refuse before
    // trying, with the numbers, rather than failing deep in the decoder.
    const qint64 bytes = qint64(result.storedSize.width()) * result.storedSize.height() * 4;
    const qint64 limit = qint64(allocationLimitMb) * 1024 * 1024;
    if (bytes > limit)
        return Status::failure(
            QStringLiteral("%1: the image is %2 × %3 pixels and would need %4 MB of memory to "
                           "decode, more than the limit of %5 MB")
                .arg(path)
                .arg(result.storedSize.width())
                .arg(result.storedSize.height())
                .arg((bytes + 1024 * 1024 - 1) / (1024 * 1024))
                .arg(allocationLimitMb));
    const QString truncated = truncationProblem(path, result.format);
    if (!truncated.isEmpty())
        return Status::failure(QStringLiteral("%1: %2").arg(path, truncated));
    return result;
}

Expected<QImage> loadDisplayImage(const QString& path, int allocationLimitMb) {
    auto probe = ImageProbe::probe(path, allocationLimitMb);
    if (!probe.ok())
        return Status::failure(probe.error());
    QImageReader reader(path);
    reader.setAutoTransform(true);
    // A second guard inside the decoder, for formats whose header lies.
    reader.setAllocationLimit(allocationLimitMb);
    QImage image = reader.read();
    if (image.isNull())
        return Status::failure(QStringLiteral("%1: the image cannot be decoded (%2)")
                                   .arg(path, readerProblem(reader)));
    return image;
}

}  // namespace postil

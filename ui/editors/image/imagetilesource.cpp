#include "editors/image/imagetilesource.h"

#include <QFile>
#include <QImageReader>
#include <QStringList>
#include <QTransform>
#include <algorithm>

#include "media/imageprobe.h"

namespace postil {

namespace {

// libjpeg scales by 1/2, 1/4 and 1/8 while decoding; coarser levels are scaled from 1/8.
constexpr int kMaxDecoderLevel = 3;

int ceilShift(int value, int level) {
    return int((qint64(value) + (qint64(1) << level) - 1) >> level);
}

// A file that fails every read once 'cancel' is set, so a decoder working on a region nobody
// wants any more stops at its next buffer refill (Qt's JPEG handler then ends the image as if
// the file ended there) instead of running for seconds.
class CancellableFile : public QFile {
public:
    CancellableFile(const QString& path, const std::atomic_bool* cancel)
        : QFile(path), m_cancel(cancel) {}
    bool cancelled() const { return m_cancel && m_cancel->load(std::memory_order_relaxed); }

protected:
    qint64 readData(char* data, qint64 maxSize) override {
        if (cancelled())
            return -1;
        return QFile::readData(data, maxSize);
    }

private:
    const std::atomic_bool* m_cancel;
};

// Whether a JPEG is progressive (SOF2, SOF6, SOF10, SOF14): libjpeg then keeps the coefficients
// of the whole image in memory for any decode, so it cannot be decoded cheaply in parts.
bool isProgressiveJpeg(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    qint64 pos = 2;  // after SOI
    for (int segments = 0; segments < 256; ++segments) {
        if (!file.seek(pos))
            return false;
        const QByteArray head = file.read(4);
        if (head.size() < 4 || uchar(head[0]) != 0xff)
            return false;
        const uchar marker = uchar(head[1]);
        if (marker == 0xff) {  // fill byte before a marker
            ++pos;
            continue;
        }
        if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc)
            return marker == 0xc2 || marker == 0xc6 || marker == 0xca || marker == 0xce;
        if (marker == 0xda)  // start of scan before any frame header: not a JPEG we know
            return false;
        pos += 2 + ((uchar(head[2]) << 8) | uchar(head[3]));
    }
    return false;
}

// What Qt's JPEG handler says while one decode runs on this thread. A JPEG cut short or damaged
// in the middle decodes "successfully" with grey rows and only a logged warning, so the
// warnings are the one sign of it; and a cancelled decode (see CancellableFile) warns the same
// way for no reason anybody needs to see.
struct DecodeLog {
    const CancellableFile* file = nullptr;
    QStringList damage;
};
thread_local DecodeLog* t_decodeLog = nullptr;
QtMessageHandler g_nextHandler = nullptr;

void decoderMessageHandler(QtMsgType type, const QMessageLogContext& context,
                           const QString& message) {
    if (t_decodeLog) {
        if (t_decodeLog->file->cancelled())
            return;  // the decoder complaining that its data stopped: we stopped it
        if (context.category && qstrcmp(context.category, "qt.gui.imageio.jpeg") == 0 &&
            message.contains(QLatin1String("Premature end"), Qt::CaseInsensitive)) {
            t_decodeLog->damage << message;
            return;  // reported with the file name by the caller
        }
    }
    if (g_nextHandler)
        g_nextHandler(type, context, message);
}

// Listens to the decoder's messages on this thread for the scope's lifetime. The handler is
// installed once and passes on every message it does not handle to the one before it.
class DecodeLogScope {
public:
    explicit DecodeLogScope(DecodeLog* log) {
        static const bool installed = [] {
            g_nextHandler = qInstallMessageHandler(decoderMessageHandler);
            return true;
        }();
        Q_UNUSED(installed);
        t_decodeLog = log;
    }
    ~DecodeLogScope() { t_decodeLog = nullptr; }
    DecodeLogScope(const DecodeLogScope&) = delete;
    DecodeLogScope& operator=(const DecodeLogScope&) = delete;
};

// Turns what the decoder logged into 'warning' (the image is kept), or into a failure when
// the caller gave nowhere to put it.
Status damageCheck(const DecodeLog& log, const QString& path, QString* warning) {
    if (log.damage.isEmpty())
        return Status::success();
    const QString message =
        QStringLiteral(
            "%1: the image data is damaged or cut short (%2); what could be decoded "
            "is shown")
            .arg(path, log.damage.first());
    if (!warning)
        return Status::failure(message);
    *warning = message;
    return Status::success();
}

QImage displayFormat(QImage image) {
    const QImage::Format format =
        image.hasAlphaChannel() ? QImage::Format_ARGB32_Premultiplied : QImage::Format_RGB32;
    if (image.format() != format)
        image.convertTo(format);
    return image;
}

QString readerProblem(const QImageReader& reader) {
    const QString why = reader.errorString();
    return why.isEmpty() ? QStringLiteral("unknown error") : why;
}

// Reads with 'reader' from 'file', listening to what the decoder logs: a cancelled read, damage
// (see damageCheck) and a failed decode of 'what' are failures naming 'path'.
Expected<QImage> readLogged(QImageReader& reader, const CancellableFile& file, const QString& path,
                            QString* warning, const QString& what) {
    DecodeLog log{&file, {}};
    QImage image;
    {
        DecodeLogScope listening(&log);
        image = reader.read();
    }
    if (file.cancelled())
        return Status::failure(QStringLiteral("%1: cancelled").arg(path));
    if (Status damaged = damageCheck(log, path, warning); !damaged.ok())
        return damaged;
    if (image.isNull())
        return Status::failure(
            QStringLiteral("%1: %2 cannot be decoded (%3)").arg(path, what, readerProblem(reader)));
    return image;
}

}  // namespace

Expected<ImageTileSource> ImageTileSource::open(const QString& path) {
    // The probe's own size limit is for decoding whole images; this class decodes large images
    // in parts, so it applies its own limits below.
    auto probe = ImageProbe::probe(path, std::numeric_limits<int>::max() / 2);
    if (!probe.ok())
        return Status::failure(probe.error());
    QImageReader reader(path, probe->format.toLatin1());
    reader.setAutoTransform(true);
    ImageTileSource source;
    source.m_path = path;
    source.m_format = probe->format.toLatin1();
    source.m_size = probe->size;
    source.m_storedSize = probe->storedSize;
    source.m_transform = reader.transformation();
    const qint64 pixels = qint64(source.m_size.width()) * source.m_size.height();
    const QImage::Format decoded = reader.imageFormat();
    source.m_bytesPerPixel = decoded == QImage::Format_Invalid
                                 ? 4
                                 : std::max(4, QImage::toPixelFormat(decoded).bitsPerPixel() / 8);
    // Only Qt's JPEG handler is known to decode a clip rectangle at a reduced scale without
    // decoding the rest (others that claim the options may emulate them on the whole image).
    const bool progressive =
        source.m_format == "jpeg" && pixels > kWholeDecodePixels && isProgressiveJpeg(path);
    source.m_regions = source.m_format == "jpeg" && !progressive &&
                       reader.supportsOption(QImageIOHandler::ClipRect) &&
                       reader.supportsOption(QImageIOHandler::ScaledSize);
    if (!source.m_regions && pixels > kWholeDecodePixels) {
        const qint64 mb = (pixels * source.m_bytesPerPixel + (1 << 20) - 1) >> 20;
        const QString kind = progressive ? QStringLiteral("progressive JPEG")
                                         : QString::fromLatin1(source.m_format.toUpper());
        return Status::failure(
            QStringLiteral("%1: the image is %2 × %3 pixels, too large to show: a %4 image "
                           "cannot be decoded in parts, and decoding it whole would need %5 MB "
                           "(the limit is %6 megapixels; convert it to a baseline JPEG or make "
                           "it smaller)")
                .arg(path)
                .arg(source.m_size.width())
                .arg(source.m_size.height())
                .arg(kind)
                .arg(mb)
                .arg(kWholeDecodePixels >> 20));
    }
    const int longSide = std::max(source.m_size.width(), source.m_size.height());
    while ((longSide >> source.m_thumbnailLevel) > kThumbnailSide)
        ++source.m_thumbnailLevel;
    return source;
}

QSize ImageTileSource::levelSize(int level) const {
    return QSize(ceilShift(m_size.width(), level), ceilShift(m_size.height(), level));
}

QRect ImageTileSource::storedRect(const QRect& rect, const QSize& orientedSize,
                                  QImageIOHandler::Transformations transform) {
    if (transform == QImageIOHandler::TransformationNone)
        return rect;
    // Stored to displayed is mirror/flip first, then a quarter turn clockwise (the order
    // QImageReader applies them in); this maps pixel edges, so rectangles stay exact.
    const bool turn = transform.testFlag(QImageIOHandler::TransformationRotate90);
    const QSize stored = turn ? orientedSize.transposed() : orientedSize;
    QTransform toDisplayed;
    if (transform.testFlag(QImageIOHandler::TransformationMirror))
        toDisplayed *= QTransform(-1, 0, 0, 1, stored.width(), 0);
    if (transform.testFlag(QImageIOHandler::TransformationFlip))
        toDisplayed *= QTransform(1, 0, 0, -1, 0, stored.height());
    if (turn)
        toDisplayed *= QTransform(0, 1, -1, 0, stored.height(), 0);
    return toDisplayed.inverted().mapRect(QRectF(rect)).toAlignedRect();
}

QImage ImageTileSource::oriented(QImage image, QImageIOHandler::Transformations transform) {
    const bool mirror = transform.testFlag(QImageIOHandler::TransformationMirror);
    const bool flip = transform.testFlag(QImageIOHandler::TransformationFlip);
    if (mirror || flip)
        image.mirror(mirror, flip);
    if (transform.testFlag(QImageIOHandler::TransformationRotate90))
        image = image.transformed(QTransform().rotate(90));
    return image;
}

Expected<QImage> ImageTileSource::decodeRegion(int level, const QRect& rect,
                                               const std::atomic_bool* cancel,
                                               QString* warning) const {
    const int decoderLevel = std::min(level, kMaxDecoderLevel);
    const int extra = level - decoderLevel;
    QRect region = rect;
    if (extra > 0)
        region = QRect(rect.x() << extra, rect.y() << extra, rect.width() << extra,
                       rect.height() << extra)
                     .intersected(QRect(QPoint(), levelSize(decoderLevel)));
    const QRect stored = storedRect(region, levelSize(decoderLevel), m_transform);
    const int scale = 1 << decoderLevel;
    CancellableFile file(m_path, cancel);
    if (!file.open(QIODevice::ReadOnly))
        return Status::failure(
            QStringLiteral("%1: cannot be read (%2)").arg(m_path, file.errorString()));
    QImageReader reader(&file, m_format);
    reader.setAutoTransform(false);
    // In full-size pixels and a multiple of the scale on every side, so the handler picks the
    // libjpeg scale 1/scale and cuts exact pixel boundaries; past the right or bottom edge it
    // ends at the last (partial) pixel of the level, as libjpeg rounds the scaled size up.
    reader.setClipRect(QRect(stored.x() * scale, stored.y() * scale, stored.width() * scale,
                             stored.height() * scale));
    reader.setScaledSize(stored.size());
    auto read = readLogged(reader, file, m_path, warning, QStringLiteral("part of the image"));
    if (!read.ok())
        return Status::failure(read.error());
    QImage image = std::move(*read);
    if (image.size() != stored.size())
        return Status::failure(QStringLiteral("%1: a part of the image decoded as %2 × %3 "
                                              "pixels instead of %4 × %5")
                                   .arg(m_path)
                                   .arg(image.width())
                                   .arg(image.height())
                                   .arg(stored.width())
                                   .arg(stored.height()));
    image = oriented(displayFormat(std::move(image)), m_transform);
    if (extra > 0)
        image = image.scaled(rect.size(), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    return image;
}

Expected<QImage> ImageTileSource::decodeWhole(const std::atomic_bool* cancel,
                                              QString* warning) const {
    CancellableFile file(m_path, cancel);
    if (!file.open(QIODevice::ReadOnly))
        return Status::failure(
            QStringLiteral("%1: cannot be read (%2)").arg(m_path, file.errorString()));
    QImageReader reader(&file, m_format);
    reader.setAutoTransform(true);
    auto read = readLogged(reader, file, m_path, warning, QStringLiteral("the image"));
    if (!read.ok())
        return Status::failure(read.error());
    QImage image = std::move(*read);
    if (image.size() != m_size)
        return Status::failure(QStringLiteral("%1: the image decoded as %2 × %3 pixels, its "
                                              "header says %4 × %5")
                                   .arg(m_path)
                                   .arg(image.width())
                                   .arg(image.height())
                                   .arg(m_size.width())
                                   .arg(m_size.height()));
    return displayFormat(std::move(image));
}

}  // namespace postil

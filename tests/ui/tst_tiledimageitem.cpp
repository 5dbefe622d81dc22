#include <QElapsedTimer>
#include <QFile>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>
#include <QPainter>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QtTest>
#include <memory>

#include "editors/image/imagetilesource.h"
#include "editors/image/tiledimageitem.h"
#include "media/imageprobe.h"
#include "processmemory.h"
#include "testimages.h"
#include "testsupport.h"

using namespace postil;

namespace {

// Smooth in both directions, and different in each, so a region decoded from the wrong place
// or turned the wrong way differs visibly from the reference.
QImage gradientImage(int w, int h) {
    QImage image(w, h, QImage::Format_RGB32);
    for (int y = 0; y < h; ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < w; ++x)
            line[x] = qRgb(x * 255 / w, y * 255 / h, 128 + int(60 * std::sin((x + 2 * y) / 90.0)));
    }
    return image;
}

// Grey, with a red square in the top-left corner of the stored pixels.
QImage cornerImage(int w, int h) {
    QImage image(w, h, QImage::Format_RGB32);
    image.fill(QColor(128, 128, 128));
    QPainter(&image).fillRect(0, 0, w / 8, w / 8, Qt::red);
    return image;
}

bool isRed(QRgb c) {
    return qRed(c) > 180 && qGreen(c) < 90 && qBlue(c) < 90;
}
bool isGrey(QRgb c) {
    return qAbs(qRed(c) - 128) < 30 && qAbs(qGreen(c) - 128) < 30 && qAbs(qBlue(c) - 128) < 30;
}

// Mean absolute difference per channel.
double difference(const QImage& a, const QImage& b) {
    if (a.size() != b.size())
        return 1e9;
    const QImage x = a.convertToFormat(QImage::Format_RGB32);
    const QImage y = b.convertToFormat(QImage::Format_RGB32);
    double sum = 0;
    for (int row = 0; row < x.height(); ++row) {
        const auto* p = reinterpret_cast<const QRgb*>(x.constScanLine(row));
        const auto* q = reinterpret_cast<const QRgb*>(y.constScanLine(row));
        for (int col = 0; col < x.width(); ++col)
            sum += qAbs(qRed(p[col]) - qRed(q[col])) + qAbs(qGreen(p[col]) - qGreen(q[col])) +
                   qAbs(qBlue(p[col]) - qBlue(q[col]));
    }
    return sum / (3.0 * x.width() * x.height());
}

quint32 crc32(const QByteArray& bytes) {
    quint32 crc = 0xffffffffu;
    for (char c : bytes) {
        crc ^= quint8(c);
        for (int k = 0; k < 8; ++k)
            crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1u)));
    }
    return ~crc;
}

QByteArray pngChunk(const char* type, const QByteArray& data) {
    QByteArray chunk;
    const quint32 n = quint32(data.size());
    chunk += char(n >> 24);
    chunk += char(n >> 16);
    chunk += char(n >> 8);
    chunk += char(n);
    const QByteArray body = QByteArray(type, 4) + data;
    const quint32 crc = crc32(body);
    chunk += body;
    chunk += char(crc >> 24);
    chunk += char(crc >> 16);
    chunk += char(crc >> 8);
    chunk += char(crc);
    return chunk;
}

// A scene with one item, in a view of a given size without scroll bars.
struct Viewer {
    QGraphicsScene scene;
    QGraphicsView view;
    TiledImageItem* item = new TiledImageItem;

    explicit Viewer(QSize size) {
        scene.addItem(item);
        view.setScene(&scene);
        view.setFrameShape(QFrame::NoFrame);
        view.setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        view.setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        view.resize(size);
    }
    bool show() {
        view.show();
        return QTest::qWaitForWindowExposed(&view);
    }
    void fit() {
        scene.setSceneRect(item->boundingRect());
        view.fitInView(item, Qt::KeepAspectRatio);
    }
    // Full size (one image pixel per screen pixel), with 'point' of the image in the middle
    // (or as near as the scene allows).
    void zoomTo(QPointF point) {
        scene.setSceneRect(item->boundingRect());
        view.resetTransform();
        view.centerOn(item->mapToScene(point));
    }
    QImage grab() { return view.viewport()->grab().toImage(); }
    QRgb pixelAt(const QImage& grabbed, QPointF imagePoint) {
        return grabbed.pixel(view.mapFromScene(item->mapToScene(imagePoint)));
    }
};

}  // namespace

class TestTiledImageItem : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    // A 12,000 x 12,000 JPEG (576 MB decoded whole as 32-bit pixels) opens, paints fitted and
    // then a zoomed-in corner at full size, while memory grows by a fraction of that.
    void largeJpegStaysSmallInMemory() {
        const int side = 12000;
        const QString path = m_dir.filePath(QStringLiteral("large.jpg"));
        {
            QImage image(side, side, QImage::Format_RGB888);
            for (int y = 0; y < side; ++y) {
                uchar* line = image.scanLine(y);
                for (int x = 0; x < side; ++x) {
                    line[3 * x] = uchar(x * 255 / side);
                    line[3 * x + 1] = uchar(y * 255 / side);
                    line[3 * x + 2] = ((x / 1000 + y / 1000) % 2) ? 220 : 30;
                }
                // A black line 4 pixels wide near the far corner: at 1/8, the most the
                // thumbnail has, it fades into the bright background, so seeing it dark means
                // the corner was painted from full-size tiles.
                if (y >= side - 1000)
                    for (int x = side - 302; x <= side - 299; ++x)
                        line[3 * x] = line[3 * x + 1] = line[3 * x + 2] = 0;
            }
            QImageWriter writer(path, "jpeg");
            writer.setQuality(85);
            QVERIFY2(writer.write(image), qPrintable(writer.errorString()));
        }
        if (!resetPeakMemory())
            QSKIP("cannot reset the peak memory figure (/proc/self/clear_refs)");
        const double before = selfMemoryMb("VmRSS");
        QVERIFY(before > 0);

        Viewer viewer(QSize(800, 600));
        const Status opened = viewer.item->open(path);
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        QCOMPARE(viewer.item->imageSize(), QSize(side, side));
        QVERIFY(viewer.show());
        viewer.fit();
        QTRY_VERIFY_WITH_TIMEOUT(viewer.item->isFullyLoaded(), 60000);

        const QPointF corner(side - 300, side - 200);  // the last rows: the costliest place
        viewer.zoomTo(corner);
        QTRY_VERIFY_WITH_TIMEOUT(viewer.item->isFullyLoaded(), 120000);
        const QImage grabbed = viewer.grab();
        const QPointF beside = corner + QPointF(20, 0);
        const QRgb c = viewer.pixelAt(grabbed, beside);
        QVERIFY2(qAbs(qRed(c) - int(beside.x() * 255 / side)) < 12 &&
                     qAbs(qGreen(c) - int(beside.y() * 255 / side)) < 12 && qBlue(c) < 80,
                 qPrintable(QStringLiteral("#%1").arg(c, 8, 16)));
        const QRgb line = viewer.pixelAt(grabbed, corner);
        QVERIFY2(qRed(line) < 70 && qGreen(line) < 70,
                 qPrintable(QStringLiteral("#%1").arg(line, 8, 16)));

        const double peak = selfMemoryMb("VmHWM");
        const double grown = peak - before;
        qInfo("resident before %.0f MB, peak %.0f MB (+%.0f MB; a whole decode is 576 MB)", before,
              peak, grown);
        QVERIFY2(grown < 250, qPrintable(QStringLiteral("peak grew by %1 MB").arg(grown)));

        // The control: the same measure sees a whole decode, so the figure above means something.
        viewer.item->clear();
        // The tiles are given back by a worker (TileLoader's destructor): once it is done.
        QVERIFY(QThreadPool::globalInstance()->waitForDone(10000));
        QVERIFY(resetPeakMemory());
        const double controlBefore = selfMemoryMb("VmRSS");
        QImageReader::setAllocationLimit(0);
        const QImage whole = QImageReader(path).read();
        QCOMPARE(whole.size(), QSize(side, side));
        const double controlGrown = selfMemoryMb("VmHWM") - controlBefore;
        qInfo("a whole decode grew the peak by %.0f MB", controlGrown);
        QVERIFY2(controlGrown > 500, qPrintable(QString::number(controlGrown)));
    }

    void opensPngAndJpeg_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QSize>("size");
        QTest::newRow("png") << QStringLiteral("small.png") << QSize(300, 200);
        QTest::newRow("jpeg") << QStringLiteral("small.jpg") << QSize(640, 480);
        QTest::newRow("jpeg with levels") << QStringLiteral("mid.jpg") << QSize(4500, 3000);
    }
    void opensPngAndJpeg() {
        QFETCH(QString, name);
        QFETCH(QSize, size);
        const QString path = m_dir.filePath(name);
        QVERIFY(cornerImage(size.width(), size.height()).save(path, nullptr, 92));

        Viewer viewer(QSize(400, 300));
        QSignalSpy ready(viewer.item, &TiledImageItem::firstPaintReady);
        QSignalSpy failed(viewer.item, &TiledImageItem::failed);
        const Status opened = viewer.item->open(path);
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        QCOMPARE(viewer.item->path(), path);
        QCOMPARE(viewer.item->imageSize(), size);
        QCOMPARE(viewer.item->boundingRect(), QRectF(QPointF(), QSizeF(size)));
        QVERIFY(!viewer.item->isFullyLoaded());  // nothing painted yet

        QVERIFY(viewer.show());
        viewer.fit();
        QTRY_VERIFY_WITH_TIMEOUT(viewer.item->isFullyLoaded(), 20000);
        QCOMPARE(ready.count(), 1);
        QCOMPARE(failed.count(), 0);
        const QImage grabbed = viewer.grab();
        const qreal corner = size.width() / 16.0;
        QVERIFY(isRed(viewer.pixelAt(grabbed, QPointF(corner, corner))));
        QVERIFY(isGrey(viewer.pixelAt(grabbed, QPointF(size.width() - corner, corner))));
        QVERIFY(isGrey(
            viewer.pixelAt(grabbed, QPointF(size.width() - corner, size.height() - corner))));

        viewer.item->clear();
        QCOMPARE(viewer.item->imageSize(), QSize());
        QVERIFY(viewer.item->path().isEmpty());
        QVERIFY(!viewer.item->isFullyLoaded());
    }

    // Transparent parts show a checkerboard, not the colour behind the view.
    void transparentPartsOnChecker() {
        QImage image(200, 100, QImage::Format_ARGB32);
        image.fill(Qt::transparent);
        QPainter(&image).fillRect(0, 0, 50, 50, Qt::red);
        const QString path = m_dir.filePath(QStringLiteral("alpha.png"));
        QVERIFY(image.save(path));
        Viewer viewer(QSize(400, 300));
        viewer.view.setBackgroundBrush(Qt::blue);
        QVERIFY(viewer.item->open(path).ok());
        QVERIFY(viewer.show());
        viewer.fit();
        QTRY_VERIFY_WITH_TIMEOUT(viewer.item->isFullyLoaded(), 20000);
        const QImage grabbed = viewer.grab();
        QVERIFY(isRed(viewer.pixelAt(grabbed, QPointF(25, 25))));
        const QRgb clear = viewer.pixelAt(grabbed, QPointF(150, 75));
        QVERIFY2(qRed(clear) == qBlue(clear) && qRed(clear) > 120,
                 qPrintable(QStringLiteral("#%1").arg(clear, 8, 16)));
    }

    // Regions decoded in parts (clip rectangle, reduced scale, EXIF orientation mapped to the
    // stored pixels) show the same pixels as Qt decoding the whole image and turning it.
    void regionsMatchFullDecode_data() {
        QTest::addColumn<int>("orientation");
        for (int o = 1; o <= 8; ++o)
            QTest::addRow("orientation %d", o) << o;
    }
    void regionsMatchFullDecode() {
        QFETCH(int, orientation);
        const QString path = m_dir.filePath(QStringLiteral("gradient%1.jpg").arg(orientation));
        QVERIFY(writeJpeg(path, gradientImage(2600, 1800), orientation, 95));
        auto reference = loadDisplayImage(path);
        QVERIFY2(reference.ok(), qPrintable(reference.error()));
        auto source = ImageTileSource::open(path);
        QVERIFY2(source.ok(), qPrintable(source.error()));
        QVERIFY(source->decodesRegions());
        QCOMPARE(source->size(), reference->size());
        QCOMPARE(source->size(), orientation >= 5 ? QSize(1800, 2600) : QSize(2600, 1800));
        QCOMPARE(source->thumbnailLevel(), 1);

        const QSize size = source->size();
        const QList<QRect> rects = {QRect(100, 200, 300, 240),
                                    QRect(size.width() - 333, size.height() - 257, 333, 257),
                                    QRect(0, 0, size.width(), size.height())};
        for (int level = 0; level <= 3; ++level) {
            const QSize levelSize = source->levelSize(level);
            QCOMPARE(levelSize, QSize((size.width() + (1 << level) - 1) >> level,
                                      (size.height() + (1 << level) - 1) >> level));
            const QImage scaledReference =
                level == 0
                    ? *reference
                    : reference->scaled(levelSize, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
            for (const QRect& full : rects) {
                const QRect rect(full.x() >> level, full.y() >> level,
                                 qMax(1, full.width() >> level), qMax(1, full.height() >> level));
                auto region =
                    source->decodeRegion(level, rect.intersected(QRect(QPoint(), levelSize)));
                QVERIFY2(region.ok(), qPrintable(region.error()));
                const double diff = difference(*region, scaledReference.copy(rect));
                // Full size: the same decoder on the same rows. Reduced: libjpeg's scaled
                // inverse DCT against a filtered reduction, close on smooth content.
                QVERIFY2(diff < (level == 0 ? 1.5 : 4.0),
                         qPrintable(QStringLiteral("level %1, rect %2,%3 %4x%5: differs by %6")
                                        .arg(level)
                                        .arg(rect.x())
                                        .arg(rect.y())
                                        .arg(rect.width())
                                        .arg(rect.height())
                                        .arg(diff)));
            }
        }
    }

    // The red corner of the stored pixels lands where the EXIF orientation puts it, both in
    // the fitted view (the thumbnail) and at full size (tiles decoded in parts).
    void exifOrientationOnScreen_data() {
        QTest::addColumn<int>("orientation");
        QTest::addColumn<QSize>("stored");
        for (int o = 1; o <= 8; ++o) {
            QTest::addRow("orientation %d small", o) << o << QSize(160, 120);
            QTest::addRow("orientation %d tiled", o) << o << QSize(6000, 4000);
        }
    }
    void exifOrientationOnScreen() {
        QFETCH(int, orientation);
        QFETCH(QSize, stored);
        const QString path =
            m_dir.filePath(QStringLiteral("corner%1-%2.jpg").arg(orientation).arg(stored.width()));
        QVERIFY(writeJpeg(path, cornerImage(stored.width(), stored.height()), orientation));
        // Where the red corner is displayed: ask Qt's own reader.
        auto reference = loadDisplayImage(path);
        QVERIFY2(reference.ok(), qPrintable(reference.error()));
        const QSize size = reference->size();
        const int inset = stored.width() / 16;
        const QList<QPointF> corners = {QPointF(inset, inset), QPointF(size.width() - inset, inset),
                                        QPointF(inset, size.height() - inset),
                                        QPointF(size.width() - inset, size.height() - inset)};
        int redCorner = -1;
        for (int i = 0; i < corners.size(); ++i)
            if (isRed(reference->pixel(corners[i].toPoint())))
                redCorner = i;
        QVERIFY(redCorner >= 0);

        Viewer viewer(QSize(400, 300));
        QSignalSpy failed(viewer.item, &TiledImageItem::failed);
        const Status opened = viewer.item->open(path);
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        QCOMPARE(viewer.item->imageSize(), size);
        QVERIFY(viewer.show());

        viewer.fit();
        QTRY_VERIFY_WITH_TIMEOUT(viewer.item->isFullyLoaded(), 20000);
        QImage grabbed = viewer.grab();
        for (int i = 0; i < corners.size(); ++i) {
            const QRgb c = viewer.pixelAt(grabbed, corners[i]);
            QVERIFY2(i == redCorner ? isRed(c) : isGrey(c),
                     qPrintable(QStringLiteral("fitted, corner %1: #%2").arg(i).arg(c, 8, 16)));
        }
        for (int i = 0; i < corners.size(); ++i) {
            viewer.zoomTo(corners[i]);
            QTRY_VERIFY_WITH_TIMEOUT(viewer.item->isFullyLoaded(), 30000);
            grabbed = viewer.grab();
            const QRgb c = viewer.pixelAt(grabbed, corners[i]);
            QVERIFY2(i == redCorner ? isRed(c) : isGrey(c),
                     qPrintable(QStringLiteral("full size, corner %1: #%2").arg(i).arg(c, 8, 16)));
        }
        QCOMPARE(failed.count(), 0);
    }

    void refusesTruncatedJpeg() {
        const QString path = m_dir.filePath(QStringLiteral("cut.jpg"));
        QVERIFY(writeJpeg(path, gradientImage(800, 600), 1));
        const QByteArray whole = readFile(path);
        QVERIFY(writeBytes(path, whole.left(whole.size() / 2)));
        TiledImageItem item;
        const Status opened = item.open(path);
        QVERIFY(!opened.ok());
        QVERIFY2(opened.error().contains(path), qPrintable(opened.error()));
        QVERIFY2(opened.error().contains(QStringLiteral("truncated")), qPrintable(opened.error()));
        QCOMPARE(item.imageSize(), QSize());
        QCOMPARE(item.boundingRect(), QRectF());
    }

    void refusesTextRenamedPng() {
        const QString path = m_dir.filePath(QStringLiteral("notes.png"));
        QVERIFY(writeBytes(path, "These are notes, not an image.\n"));
        TiledImageItem item;
        // A good image first: a failed open leaves the item empty, not showing the old one.
        const QString good = m_dir.filePath(QStringLiteral("good.png"));
        QVERIFY(cornerImage(64, 48).save(good));
        QVERIFY(item.open(good).ok());
        const Status opened = item.open(path);
        QVERIFY(!opened.ok());
        QVERIFY2(opened.error().contains(path), qPrintable(opened.error()));
        QCOMPARE(item.imageSize(), QSize());
        QVERIFY(item.path().isEmpty());

        const Status missing = item.open(m_dir.filePath(QStringLiteral("nowhere.jpg")));
        QVERIFY(!missing.ok());
        QVERIFY(missing.error().contains(QStringLiteral("nowhere.jpg")));
    }

    // A PNG cannot be decoded in parts: one past the whole-decode limit is refused from its
    // header, with the numbers, before any memory is spent on it.
    void refusesHugeImageWithoutRegionDecoding() {
        QByteArray ihdr;
        for (quint32 v : {quint32(20000), quint32(20000)})
            for (int shift = 24; shift >= 0; shift -= 8)
                ihdr += char(v >> shift);
        ihdr += QByteArray("\x08\x02\x00\x00\x00", 5);  // 8-bit RGB
        const QByteArray png = QByteArray("\x89PNG\r\n\x1a\n", 8) + pngChunk("IHDR", ihdr) +
                               pngChunk("IDAT", QByteArray()) + pngChunk("IEND", QByteArray());
        const QString path = m_dir.filePath(QStringLiteral("huge.png"));
        QVERIFY(writeBytes(path, png));
        auto probe = ImageProbe::probe(path, 1 << 20);
        QVERIFY2(probe.ok(), qPrintable(probe.error()));
        QCOMPARE(probe->size, QSize(20000, 20000));

        TiledImageItem item;
        const Status opened = item.open(path);
        QVERIFY(!opened.ok());
        QVERIFY2(opened.error().contains(path), qPrintable(opened.error()));
        QVERIFY2(opened.error().contains(QStringLiteral("20000 × 20000")),
                 qPrintable(opened.error()));
        QVERIFY2(opened.error().contains(QStringLiteral("too large")), qPrintable(opened.error()));
    }

    // Cut in the middle of its data but ending with an end-of-image marker, a JPEG passes the
    // header check; the decoder then finds the data short, and the item says so while showing
    // what it could decode.
    void reportsDamageFoundWhileDecoding() {
        const QString path = m_dir.filePath(QStringLiteral("patched.jpg"));
        QVERIFY(writeJpeg(path, gradientImage(3000, 2000), 1));
        const QByteArray whole = readFile(path);
        QVERIFY(writeBytes(path, whole.left(whole.size() / 2) + QByteArray("\xff\xd9", 2)));
        Viewer viewer(QSize(400, 300));
        QSignalSpy ready(viewer.item, &TiledImageItem::firstPaintReady);
        QSignalSpy failed(viewer.item, &TiledImageItem::failed);
        const Status opened = viewer.item->open(path);
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        QVERIFY(viewer.show());
        viewer.fit();
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
        const QString message = failed.at(0).at(0).toString();
        QVERIFY2(message.contains(path), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("cut short")), qPrintable(message));
        QTRY_VERIFY_WITH_TIMEOUT(viewer.item->isFullyLoaded(), 20000);
        QCOMPARE(ready.count(), 1);
        // The top, decoded before the data ran out, is the image's.
        const QRgb top = viewer.pixelAt(viewer.grab(), QPointF(1500, 100));
        const QRgb expected = gradientImage(3000, 2000).pixel(1500, 100);
        QVERIFY2(qAbs(qRed(top) - qRed(expected)) < 20 && qAbs(qGreen(top) - qGreen(expected)) < 20,
                 qPrintable(QStringLiteral("#%1").arg(top, 8, 16)));
    }

    // A file that breaks after it was opened (here: overwritten) makes the next decode fail,
    // and the item says so, naming the file.
    void reportsLateDecodeFailure() {
        const QString path = m_dir.filePath(QStringLiteral("changing.jpg"));
        QVERIFY(writeJpeg(path, gradientImage(3000, 2000), 1));
        Viewer viewer(QSize(400, 300));
        QSignalSpy ready(viewer.item, &TiledImageItem::firstPaintReady);
        QSignalSpy failed(viewer.item, &TiledImageItem::failed);
        QVERIFY(viewer.item->open(path).ok());
        viewer.fit();  // before the first paint, which would otherwise ask for full size
        QVERIFY(viewer.show());
        viewer.fit();
        QTRY_VERIFY_WITH_TIMEOUT(viewer.item->isFullyLoaded(), 20000);
        QCOMPARE(ready.count(), 1);
        QVERIFY(writeBytes(path, "gone"));
        viewer.zoomTo(QPointF(1500, 1000));  // full size: a level not decoded yet
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, 20000);
        QVERIFY2(failed.at(0).at(0).toString().contains(path),
                 qPrintable(failed.at(0).at(0).toString()));
        QVERIFY(!viewer.item->isFullyLoaded());
        // The thumbnail still stands in for what failed.
        const QRgb shown = viewer.pixelAt(viewer.grab(), QPointF(1500, 1000));
        const QRgb expected = gradientImage(3000, 2000).pixel(1500, 1000);
        QVERIFY2(qAbs(qRed(shown) - qRed(expected)) < 20 &&
                     qAbs(qGreen(shown) - qGreen(expected)) < 20 &&
                     qAbs(qBlue(shown) - qBlue(expected)) < 20,
                 qPrintable(QStringLiteral("#%1").arg(shown, 8, 16)));
    }
};

QTEST_MAIN(TestTiledImageItem)
#include "tst_tiledimageitem.moc"

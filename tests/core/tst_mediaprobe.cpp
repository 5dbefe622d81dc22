#include <QFile>
#include <QImage>
#include <QPainter>
#include <QRandomGenerator>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <vector>

#include <sndfile.h>

#include "media/audioprobe.h"
#include "media/imageprobe.h"
#include "media/mediadecodecheck.h"
#include "testaudio.h"
#include "testimages.h"
#include "testsupport.h"

using namespace postil;

namespace {

// An image whose compressed form is big enough to cut in the middle of its data.
QImage noiseImage(int w, int h) {
    QImage image(w, h, QImage::Format_RGB32);
    auto* rng = QRandomGenerator::global();
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            image.setPixel(x, y, rng->generate() | 0xff000000u);
    return image;
}

bool isReddish(QRgb c) {
    return qRed(c) > 180 && qBlue(c) < 80;
}
bool isBluish(QRgb c) {
    return qBlue(c) > 180 && qRed(c) < 80;
}

}  // namespace

class TestMediaProbe : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void probesPng() {
        const QString path = m_dir.filePath(QStringLiteral("plain.png"));
        QImage image(120, 80, QImage::Format_ARGB32);
        image.fill(Qt::green);
        QVERIFY(image.save(path));
        auto probe = ImageProbe::probe(path);
        QVERIFY2(probe.ok(), qPrintable(probe.error()));
        QCOMPARE(probe->size, QSize(120, 80));
        QCOMPARE(probe->storedSize, QSize(120, 80));
        QCOMPARE(probe->format, QStringLiteral("png"));
        QVERIFY(!probe->oriented);
        auto loaded = loadDisplayImage(path);
        QVERIFY2(loaded.ok(), qPrintable(loaded.error()));
        QCOMPARE(loaded->size(), QSize(120, 80));
    }

    void honoursExifOrientation() {
        // Stored 60x40, left half red and right half blue; orientation 6 says
        // "rotate 90° clockwise to display", so the display is 40x60 with red on top.
        QImage stored(60, 40, QImage::Format_RGB32);
        stored.fill(Qt::blue);
        QPainter(&stored).fillRect(0, 0, 30, 40, Qt::red);
        const QString path = m_dir.filePath(QStringLiteral("rotated.jpg"));
        QVERIFY(writeJpeg(path, stored, 6, 95));

        auto probe = ImageProbe::probe(path);
        QVERIFY2(probe.ok(), qPrintable(probe.error()));
        QCOMPARE(probe->format, QStringLiteral("jpeg"));
        QCOMPARE(probe->storedSize, QSize(60, 40));
        QCOMPARE(probe->size, QSize(40, 60));
        QVERIFY(probe->oriented);

        auto image = loadDisplayImage(path);
        QVERIFY2(image.ok(), qPrintable(image.error()));
        QCOMPARE(image->size(), QSize(40, 60));
        QVERIFY(isReddish(image->pixel(20, 8)));
        QVERIFY(isBluish(image->pixel(20, 52)));
    }

    void refusesTruncatedPng() {
        const QString path = m_dir.filePath(QStringLiteral("cut.png"));
        QVERIFY(noiseImage(200, 200).save(path));
        const QByteArray whole = readFile(path);
        QVERIFY(whole.size() > 10000);
        QVERIFY(writeBytes(path, whole.left(whole.size() / 2)));
        auto probe = ImageProbe::probe(path);
        QVERIFY(!probe.ok());
        QVERIFY2(probe.error().contains(path), qPrintable(probe.error()));
        QVERIFY2(probe.error().contains(QStringLiteral("truncated")), qPrintable(probe.error()));
        auto image = loadDisplayImage(path);
        QVERIFY(!image.ok());
        QVERIFY(image.error().contains(path));
    }

    void refusesTruncatedJpeg() {
        const QString path = m_dir.filePath(QStringLiteral("cut.jpg"));
        QVERIFY(noiseImage(200, 200).save(path, "JPEG", 90));
        const QByteArray whole = readFile(path);
        QVERIFY(writeBytes(path, whole.left(whole.size() * 2 / 3)));
        auto image = loadDisplayImage(path);
        QVERIFY(!image.ok());
        QVERIFY2(image.error().contains(path), qPrintable(image.error()));
    }

    void refusesCorruptImage() {
        // A PNG signature followed by garbage: identified as PNG, but no header.
        const QString path = m_dir.filePath(QStringLiteral("garbage.png"));
        QVERIFY(writeBytes(path, QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(300, 'x')));
        auto image = loadDisplayImage(path);
        QVERIFY(!image.ok());
        QVERIFY2(image.error().contains(path), qPrintable(image.error()));
    }

    void refusesNonImagesAndMissingFiles() {
        const QString text = m_dir.filePath(QStringLiteral("notes.png"));
        QVERIFY(writeBytes(text, "just some words, not pixels\n"));
        auto probe = ImageProbe::probe(text);
        QVERIFY(!probe.ok());
        QVERIFY2(probe.error().contains(text), qPrintable(probe.error()));

        const QString missing = m_dir.filePath(QStringLiteral("missing.png"));
        auto gone = loadDisplayImage(missing);
        QVERIFY(!gone.ok());
        QVERIFY(gone.error().contains(missing));
        QVERIFY(gone.error().contains(QStringLiteral("no such file")));
    }

    void refusesImagesOverTheMemoryLimit() {
        // 2000x2000 pixels need ~15 MB decoded, though the file is tiny.
        const QString path = m_dir.filePath(QStringLiteral("big.png"));
        QImage image(2000, 2000, QImage::Format_RGB32);
        image.fill(Qt::white);
        QVERIFY(image.save(path));
        QVERIFY(QFileInfo(path).size() < 200000);
        auto refused = loadDisplayImage(path, 8);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains(path), qPrintable(refused.error()));
        QVERIFY2(refused.error().contains(QStringLiteral("limit of 8 MB")),
                 qPrintable(refused.error()));
        auto allowed = loadDisplayImage(path, 64);
        QVERIFY2(allowed.ok(), qPrintable(allowed.error()));
        QCOMPARE(allowed->size(), QSize(2000, 2000));
    }

    void probesWav_data() {
        QTest::addColumn<int>("rate");
        QTest::addColumn<int>("channels");
        QTest::addColumn<qint64>("frames");
        QTest::addColumn<qint64>("durationMs");
        QTest::newRow("16k mono 1.5 s") << 16000 << 1 << qint64(24000) << qint64(1500);
        QTest::newRow("44.1k stereo 2.25 s") << 44100 << 2 << qint64(99225) << qint64(2250);
        QTest::newRow("8k mono, rounds 1000.0625 ms")
            << 8000 << 1 << qint64(8000 + 1) << qint64(1000);
        QTest::newRow("48k, 3 channels, 10 ms") << 48000 << 3 << qint64(480) << qint64(10);
    }

    void probesWav() {
        QFETCH(int, rate);
        QFETCH(int, channels);
        QFETCH(qint64, frames);
        QFETCH(qint64, durationMs);
        const QString path =
            m_dir.filePath(QStringLiteral("tone-%1-%2.wav").arg(rate).arg(channels));
        QVERIFY(writeWav(path, rate, channels, frames));
        auto probe = AudioProbe::probe(path);
        QVERIFY2(probe.ok(), qPrintable(probe.error()));
        QCOMPARE(probe->sampleRate, rate);
        QCOMPARE(probe->channels, channels);
        QCOMPARE(probe->frames, frames);
        QCOMPARE(probe->durationMs, durationMs);
        QVERIFY2(probe->format.contains(QStringLiteral("WAV")), qPrintable(probe->format));
        QVERIFY2(probe->encoding.contains(QStringLiteral("16 bit")), qPrintable(probe->encoding));
        QVERIFY(!probe->truncated);
    }

    void reportsTruncatedWav() {
        const QString path = m_dir.filePath(QStringLiteral("cut.wav"));
        QVERIFY(writeWav(path, 16000, 1, 32000));  // 2 s
        const QByteArray whole = readFile(path);
        QVERIFY(writeBytes(path, whole.left(44 + 16000)));  // header + 0.5 s
        auto probe = AudioProbe::probe(path);
        if (!probe.ok()) {
            QVERIFY2(probe.error().contains(path), qPrintable(probe.error()));
        } else {
            QVERIFY(probe->truncated);
            QCOMPARE(probe->durationMs, qint64(500));
        }

        // Cut inside the header: nothing left to play.
        QVERIFY(writeBytes(path, whole.left(30)));
        auto header = AudioProbe::probe(path);
        QVERIFY(!header.ok());
        QVERIFY2(header.error().contains(path), qPrintable(header.error()));
    }

    void probesM4aThroughFfmpeg() {
        const QString path = writeSineM4a(m_dir.filePath(QStringLiteral("talk.m4a")), 2);
        if (path.isEmpty())
            POSTIL_CHECKER_MISSING("the ffmpeg command (tools/install-deps) makes the M4A");
        auto probe = AudioProbe::probe(path);
        QVERIFY2(probe.ok(), qPrintable(probe.error()));
        QCOMPARE(probe->sampleRate, 44100);
        QCOMPARE(probe->channels, 2);
        QVERIFY2(std::abs(probe->durationMs - 2000) < 50,
                 qPrintable(QString::number(probe->durationMs)));
        QCOMPARE(probe->format, QStringLiteral("FFmpeg"));
        QCOMPARE(probe->encoding, QStringLiteral("aac"));
        QCOMPARE(mediaDecodeProblem(path, TaskKind::Audio), QString());
    }

    void refusesNonAudio() {
        const QString path = m_dir.filePath(QStringLiteral("speech.wav"));
        QVERIFY(writeBytes(path, "this is text pretending to be a recording\n"));
        auto probe = AudioProbe::probe(path);
        QVERIFY(!probe.ok());
        QVERIFY2(probe.error().contains(path), qPrintable(probe.error()));

        const QString png = m_dir.filePath(QStringLiteral("plain.png"));
        QVERIFY(!AudioProbe::probe(png).ok());
        const QString missing = m_dir.filePath(QStringLiteral("nowhere.wav"));
        auto gone = AudioProbe::probe(missing);
        QVERIFY(!gone.ok());
        QVERIFY(gone.error().contains(missing));
    }

    void formatsDurations() {
        QCOMPARE(formatDurationMs(0), QStringLiteral("00:00.000"));
        QCOMPARE(formatDurationMs(3850), QStringLiteral("00:03.850"));
        QCOMPARE(formatDurationMs(61234), QStringLiteral("01:01.234"));
        QCOMPARE(formatDurationMs(3723004), QStringLiteral("62:03.004"));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestMediaProbe)
#include "tst_mediaprobe.moc"

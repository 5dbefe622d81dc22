#include <sndfile.h>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "media/peakcache.h"
#include "media/peakpyramid.h"
#include "media/waveformloader.h"
#include "store/migrations.h"
#include "testaudio.h"
#include "testsupport.h"

using namespace postil;

namespace {

// Silence with one loud stretch: frames [loudFrom, loudTo) at ±0.8 on
// channel 1 only, so the envelope must take every channel.
std::vector<float> silenceWithBurst(qint64 frames, int channels, qint64 loudFrom, qint64 loudTo) {
    std::vector<float> samples(size_t(frames * channels), 0.0f);
    for (qint64 i = loudFrom; i < loudTo; ++i)
        samples[size_t(i * channels + 1)] = (i % 2) ? 0.8f : -0.8f;
    return samples;
}

bool sameBlocks(const PeakPyramid& a, const PeakPyramid& b) {
    for (int level = 0; level < PeakPyramid::kLevels; ++level) {
        if (a.blockCount(level) != b.blockCount(level))
            return false;
        const qint64 width = PeakPyramid::framesPerBlock(level);
        for (qint64 block = 0; block < a.blockCount(level); block += 97) {
            const PeakRange x = a.range(block * width, (block + 1) * width);
            const PeakRange y = b.range(block * width, (block + 1) * width);
            if (x.min != y.min || x.max != y.max)
                return false;
        }
    }
    return a.frames() == b.frames();
}

QString mediaHash(int n) {
    return QStringLiteral("%1").arg(n, 64, 10, QLatin1Char('0'));
}

}  // namespace

class TestPeakPyramid : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void peaksAtEveryLevelFindTheLoudStretch() {
        const qint64 frames = 1'000'000;
        const auto samples = silenceWithBurst(frames, 2, 500'000, 500'300);
        PeakPyramid pyramid(44100, 2, frames);
        // In uneven chunks, as a decoder hands them over.
        qint64 at = 0;
        for (qint64 chunk : {1, 255, 257, 100'000, 3}) {
            pyramid.append(samples.data() + at * 2, chunk);
            at += chunk;
        }
        while (at < frames) {
            const qint64 chunk = std::min<qint64>(8192, frames - at);
            pyramid.append(samples.data() + at * 2, chunk);
            at += chunk;
        }
        QVERIFY(!pyramid.isComplete());
        QCOMPARE(pyramid.coveredFrames(), frames / 256 * 256);
        pyramid.finish();
        QVERIFY(pyramid.isComplete());
        QCOMPARE(pyramid.frames(), frames);
        QCOMPARE(pyramid.coveredFrames(), frames);
        for (int level = 0; level < PeakPyramid::kLevels; ++level) {
            const qint64 width = PeakPyramid::framesPerBlock(level);
            QCOMPARE(pyramid.blockCount(level), (frames + width - 1) / width);
        }
        // Around the burst at any zoom: loud; elsewhere: silent.
        for (double framesPerColumn : {1.0, 100.0, 256.0, 1000.0, 5000.0, 70000.0, 1e6}) {
            const int columns = int(std::ceil(double(frames) / framesPerColumn));
            std::vector<PeakRange> out(static_cast<size_t>(columns));
            QCOMPARE(pyramid.fill(0, framesPerColumn, columns, out.data()), columns);
            const int burst = int(500'100 / framesPerColumn);
            QVERIFY2(std::fabs(out[size_t(burst)].max - 0.8f) < 1e-4,
                     qPrintable(QString::number(framesPerColumn)));
            QVERIFY(std::fabs(out[size_t(burst)].min + 0.8f) < 1e-4);
            if (framesPerColumn <= 70000) {
                QCOMPARE(out[0].max, 0.0f);
                QCOMPARE(out[size_t(columns - 1)].min, 0.0f);
            }
        }
        const PeakRange quiet = pyramid.range(0, 400'000);
        QCOMPARE(quiet.max, 0.0f);
        QCOMPARE(pyramid.range(499'000, 501'000).max, pyramid.range(500'000, 500'300).max);
        // Past the end and before the start: nothing.
        PeakRange past;
        QCOMPARE(pyramid.fill(double(frames) + 10, 100, 1, &past), 0);
        QVERIFY(past.isEmpty());
        QVERIFY(pyramid.memoryBytes() < frames / 256 * 4 * 2);
    }

    void whileDecodingOnlyWhatIsThereIsDrawn() {
        PeakPyramid pyramid(8000, 1, 80000);
        std::vector<float> samples(40000, 0.25f);
        pyramid.append(samples.data(), 40000);
        // 156 whole blocks of 256 frames: 39,936 frames drawable.
        QCOMPARE(pyramid.coveredFrames(), 39936);
        std::vector<PeakRange> out(80);
        // At 1,000 frames per column: 39 whole columns and part of the 40th.
        QCOMPARE(pyramid.fill(0, 1000, 80, out.data()), 40);
        QVERIFY(std::fabs(out[0].max - 0.25f) < 1e-4);
        QVERIFY(out[40].isEmpty());
        // A coarse zoom draws from finer blocks while its own are not there.
        QCOMPARE(pyramid.blockCount(3), 2);  // 16,384 frames each
        std::vector<PeakRange> wide(4);
        QCOMPARE(pyramid.fill(0, 20000, 4, wide.data()), 2);
        QVERIFY(std::fabs(wide[1].max - 0.25f) < 1e-4);
    }

    void bytesRoundTripAndDamageIsRefused() {
        PeakPyramid pyramid(48000, 3, -1);
        std::vector<float> samples(size_t(123457 * 3));
        for (size_t i = 0; i < samples.size(); ++i)
            samples[i] = float(std::sin(double(i) * 0.001) * 0.9);
        pyramid.append(samples.data(), 123457);
        pyramid.finish();
        const QByteArray bytes = pyramid.toBytes();
        auto back = PeakPyramid::fromBytes(bytes);
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QVERIFY((*back)->isComplete());
        QCOMPARE((*back)->sampleRate(), 48000);
        QCOMPARE((*back)->channels(), 3);
        QVERIFY(sameBlocks(pyramid, **back));
        QCOMPARE((*back)->toBytes(), bytes);

        // No audio at all (found by fuzz_audio: empty levels).
        PeakPyramid empty(8000, 1);
        empty.finish();
        auto none = PeakPyramid::fromBytes(empty.toBytes());
        QVERIFY(none.ok());
        QCOMPARE((*none)->frames(), 0);

        QVERIFY(!PeakPyramid::fromBytes(QByteArray()).ok());
        QVERIFY(!PeakPyramid::fromBytes(bytes.left(bytes.size() - 2)).ok());
        QByteArray longer = bytes;
        longer[17] = char(longer[17] + 4);  // 1,024 frames more: the counts no longer fit
        QVERIFY(!PeakPyramid::fromBytes(longer).ok());
        QByteArray alien = bytes;
        alien[0] = 'X';
        QVERIFY(!PeakPyramid::fromBytes(alien).ok());
        QByteArray absurd = bytes;
        absurd[12] = char(100);  // 100 channels
        QVERIFY(!PeakPyramid::fromBytes(absurd).ok());
    }

    void migrationAddsTheCacheTable() {
        const QString path = m_dir.filePath(QStringLiteral("old.postil"));
        {
            auto project = makeProject(path);
            QVERIFY(project->database().exec(sqlBackToVersion(3)).ok());
        }
        auto reopened = Project::open(path);
        QVERIFY2(reopened.ok(), qPrintable(reopened.error()));
        QCOMPARE(*(*reopened)->database().queryInt(QStringLiteral("PRAGMA user_version")),
                 qint64(Migrations::latestVersion()));
        QVERIFY((*reopened)
                    ->database()
                    .queryInt(QStringLiteral("SELECT count(*) FROM media_peaks"))
                    .ok());
    }

    void loaderDecodesCachesAndReopensFromTheCache() {
        const QString project = m_dir.filePath(QStringLiteral("cache.postil"));
        makeProject(project);
        const QString audio = m_dir.filePath(QStringLiteral("interview ü.flac"));
        QVERIFY(writeSine(audio, SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 44100, 2, 20 * 44100));

        WaveformLoader first;
        QSignalSpy opened(&first, &WaveformLoader::opened);
        QSignalSpy added(&first, &WaveformLoader::peaksAdded);
        QSignalSpy finished(&first, &WaveformLoader::finished);
        first.load(audio, mediaHash(1), project);
        QVERIFY(first.isLoading());
        QVERIFY(finished.wait(30000));
        QCOMPARE(opened.size(), 1);
        QVERIFY(!added.isEmpty());
        QCOMPARE(added.last().at(0).toLongLong(), 20 * 44100);
        auto result = finished.first().first().value<WaveformLoadResult>();
        QVERIFY2(result.ok(), qPrintable(result.error));
        QVERIFY(!result.fromCache);
        QVERIFY(result.damage.isEmpty());
        QVERIFY(first.pyramid()->isComplete());
        QVERIFY(std::fabs(first.pyramid()->range(0, 44100).max - 0.5f) < 1e-3);
        QVERIFY(first.waitForCacheWrites(10000));
        {
            auto db = Database::open(project, Database::Mode::ReadOnly);
            QCOMPARE(*(*db)->queryInt(QStringLiteral("SELECT count(*) FROM media_peaks")), 1);
        }

        // Reopened: from the cache, at once, the same peaks.
        WaveformLoader again;
        QSignalSpy againDone(&again, &WaveformLoader::finished);
        QElapsedTimer clock;
        clock.start();
        again.load(audio, mediaHash(1), project);
        QVERIFY(againDone.wait(10000));
        result = againDone.first().first().value<WaveformLoadResult>();
        QVERIFY(result.ok());
        QVERIFY(result.fromCache);
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(result.info.frames, 20 * 44100);
        QCOMPARE(result.info.sampleRate, 44100);
        QVERIFY(sameBlocks(*first.pyramid(), *again.pyramid()));

        // Another hash: not this file's peaks.
        WaveformLoader other;
        QSignalSpy otherDone(&other, &WaveformLoader::finished);
        other.load(audio, mediaHash(2), project);
        QVERIFY(otherDone.wait(30000));
        QVERIFY(!otherDone.first().first().value<WaveformLoadResult>().fromCache);

        // The file changed (same name, other audio): decoded again, new peaks cached.
        QVERIFY(
            writeSine(audio, SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 44100, 1, 5 * 44100, 440, 0.25));
        QFile touched(audio);
        QVERIFY(touched.open(QIODevice::ReadWrite));
        QVERIFY(touched.setFileTime(QDateTime::currentDateTime().addSecs(5),
                                    QFileDevice::FileModificationTime));
        touched.close();
        WaveformLoader changed;
        QSignalSpy changedDone(&changed, &WaveformLoader::finished);
        changed.load(audio, mediaHash(1), project);
        QVERIFY(changedDone.wait(30000));
        result = changedDone.first().first().value<WaveformLoadResult>();
        QVERIFY(!result.fromCache);
        QCOMPARE(result.info.frames, 5 * 44100);
        QVERIFY(std::fabs(changed.pyramid()->range(0, 44100).max - 0.25f) < 1e-3);
        QVERIFY(changed.waitForCacheWrites(10000));
        WaveformLoader afterChange;
        QSignalSpy afterDone(&afterChange, &WaveformLoader::finished);
        afterChange.load(audio, mediaHash(1), project);
        QVERIFY(afterDone.wait(10000));
        QVERIFY(afterDone.first().first().value<WaveformLoadResult>().fromCache);
        QCOMPARE(afterChange.pyramid()->frames(), 5 * 44100);

        // A damaged cache row is not trusted: decoded again.
        {
            auto db = Database::open(project, Database::Mode::ReadWrite);
            QVERIFY((*db)->exec(QStringLiteral("UPDATE media_peaks SET peaks = x'00112233'")).ok());
        }
        WaveformLoader damagedRow;
        QSignalSpy damagedDone(&damagedRow, &WaveformLoader::finished);
        damagedRow.load(audio, mediaHash(1), project);
        QVERIFY(damagedDone.wait(30000));
        QVERIFY(!damagedDone.first().first().value<WaveformLoadResult>().fromCache);
        QVERIFY(damagedRow.pyramid()->isComplete());
    }

    void truncatedFileIsDrawnSaidAndSaidAgainFromTheCache() {
        const QString project = m_dir.filePath(QStringLiteral("cut.postil"));
        makeProject(project);
        const QString audio = m_dir.filePath(QStringLiteral("cut.wav"));
        QVERIFY(writeSine(audio, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 16000, 1, 10 * 16000));
        QFile file(audio);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.resize(file.size() / 2));
        file.close();
        for (const bool cached : {false, true}) {
            WaveformLoader loader;
            QSignalSpy done(&loader, &WaveformLoader::finished);
            loader.load(audio, mediaHash(7), project);
            QVERIFY(done.wait(30000));
            const auto result = done.first().first().value<WaveformLoadResult>();
            QVERIFY(result.ok());
            QCOMPARE(result.fromCache, cached);
            QVERIFY2(
                result.damage.startsWith(audio + QStringLiteral(": the audio ends at 00:04.99")),
                qPrintable(result.damage));
            QVERIFY(loader.pyramid()->frames() > 4 * 16000);
            QVERIFY(loader.waitForCacheWrites(10000));
        }
    }

    void missingFileAndNoCacheStillAnswer() {
        WaveformLoader loader;
        QSignalSpy done(&loader, &WaveformLoader::finished);
        QSignalSpy opened(&loader, &WaveformLoader::opened);
        const QString gone = m_dir.filePath(QStringLiteral("gone.wav"));
        loader.load(gone, mediaHash(3), m_dir.filePath(QStringLiteral("cache.postil")));
        QVERIFY(done.wait(10000));
        const auto result = done.first().first().value<WaveformLoadResult>();
        QCOMPARE(result.error, gone + QStringLiteral(": no such file"));
        QCOMPARE(opened.size(), 0);
        QVERIFY(!loader.isLoading());

        // No project: decoded, nothing cached; a second load drops the first.
        const QString audio = m_dir.filePath(QStringLiteral("plain.wav"));
        QVERIFY(writeSine(audio, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, 1, 8000));
        done.clear();
        loader.load(gone);
        loader.load(audio);
        QVERIFY(done.wait(10000));
        QTest::qWait(50);
        QCOMPARE(done.size(), 1);
        QVERIFY(done.first().first().value<WaveformLoadResult>().ok());
        QCOMPARE(loader.pyramid()->frames(), 8000);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestPeakPyramid)
#include "tst_peakpyramid.moc"

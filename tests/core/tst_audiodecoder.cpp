#include <sndfile.h>
#include <QBuffer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "media/audiodecoder.h"
#include "media/audiosource.h"
#include "processmemory.h"
#include "testaudio.h"
#include "testsupport.h"

using namespace postil;

namespace {

// Everything the source gives from where it stands, interleaved.
std::vector<float> readAll(AudioSource& source, qint64 chunk = 1000) {
    std::vector<float> all;
    std::vector<float> buffer(size_t(chunk * source.info().channels));
    while (true) {
        Expected<qint64> got = source.read(buffer.data(), chunk);
        if (!got.ok() || *got == 0)
            break;
        all.insert(all.end(), buffer.begin(), buffer.begin() + *got * source.info().channels);
    }
    return all;
}

std::vector<float> readFrames(AudioSource& source, qint64 frames) {
    std::vector<float> buffer(size_t(frames * source.info().channels));
    Expected<qint64> got = source.read(buffer.data(), frames);
    buffer.resize(got.ok() ? size_t(*got * source.info().channels) : 0);
    return buffer;
}

// The largest difference between the decoded samples and the written sine.
double maxErrorAgainstSine(const std::vector<float>& samples, int channels, int rate,
                           qint64 firstFrame = 0) {
    double worst = 0;
    for (size_t i = 0; i < samples.size(); ++i) {
        const qint64 frame = firstFrame + qint64(i) / channels;
        const int channel = int(i % size_t(channels));
        worst = qMax(worst, std::fabs(samples[i] - testSine(frame, channel, rate)));
    }
    return worst;
}

// Takes its time over each chunk, so a decode lasts long enough to cancel.
class SlowConsumer : public AudioChunkConsumer {
public:
    void begin(const AudioStreamInfo&) override {}
    void consume(const float*, qint64 count) override {
        total += count;
        QThread::msleep(2);
    }
    void end(qint64) override {}
    std::atomic<qint64> total{0};
};

class CountingConsumer : public AudioChunkConsumer {
public:
    void begin(const AudioStreamInfo& info) override {
        channels = info.channels;
        begun = true;
    }
    void consume(const float* frames, qint64 count) override {
        for (qint64 i = 0; i < count * channels; ++i)
            peak = qMax(peak, std::fabs(frames[i]));
        total += count;
        ++chunks;
    }
    void end(qint64 totalFrames) override { endedWith = totalFrames; }

    int channels = 0;
    bool begun = false;
    std::atomic<qint64> total{0};
    int chunks = 0;
    qint64 endedWith = -1;
    float peak = 0;
};

void truncate(const QString& path, double keep) {
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.resize(qint64(double(file.size()) * keep)));
}

}  // namespace

class TestAudioDecoder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void decodesEachFormatAtAnyRateAndChannels_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("format");
        QTest::addColumn<int>("rate");
        QTest::addColumn<int>("channels");
        QTest::addColumn<double>("tolerance");  // against the written sine
        QTest::addColumn<QString>("decoder");
        const int wav = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
        QTest::newRow("wav 44.1k stereo") << "a.wav" << wav << 44100 << 2 << 1e-4 << "libsndfile";
        QTest::newRow("wav 8k six channels") << "b.wav" << wav << 8000 << 6 << 1e-4 << "libsndfile";
        QTest::newRow("wav float 96k mono")
            << "c.wav" << (SF_FORMAT_WAV | SF_FORMAT_FLOAT) << 96000 << 1 << 1e-6 << "libsndfile";
        QTest::newRow("flac 22.05k mono") << "d.flac" << (SF_FORMAT_FLAC | SF_FORMAT_PCM_24)
                                          << 22050 << 1 << 1e-5 << "libsndfile";
        QTest::newRow("ogg vorbis 48k stereo")
            << "e.ogg" << (SF_FORMAT_OGG | SF_FORMAT_VORBIS) << 48000 << 2 << 0.05 << "FFmpeg";
        QTest::newRow("opus 48k stereo")
            << "f.opus" << (SF_FORMAT_OGG | SF_FORMAT_OPUS) << 48000 << 2 << -1.0 << "FFmpeg";
        QTest::newRow("mp3 44.1k mono") << "g.mp3" << (SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III)
                                        << 44100 << 1 << -1.0 << "FFmpeg";
    }
    void decodesEachFormatAtAnyRateAndChannels() {
        QFETCH(QString, name);
        QFETCH(int, format);
        QFETCH(int, rate);
        QFETCH(int, channels);
        QFETCH(double, tolerance);
        QFETCH(QString, decoder);
        // Any characters in the path.
        const QString path = m_dir.filePath(QStringLiteral("Grabación ü 录音 ") + name);
        const qint64 frames = rate * 3 / 2;
        QVERIFY2(writeSine(path, format, rate, channels, frames), qPrintable(name));
        auto source = AudioSource::open(path);
        QVERIFY2(source.ok(), qPrintable(source.error()));
        const AudioStreamInfo& info = (*source)->info();
        QCOMPARE(info.sampleRate, rate);
        QCOMPARE(info.channels, channels);
        QCOMPARE(info.decoder, decoder);
        const std::vector<float> samples = readAll(**source, 777);
        const qint64 decoded = qint64(samples.size()) / channels;
        QCOMPARE((*source)->position(), decoded);
        if (tolerance > 0) {
            QCOMPARE(decoded, frames);
            QCOMPARE(info.frames, frames);
            const double error = maxErrorAgainstSine(samples, channels, rate);
            QVERIFY2(error < tolerance, qPrintable(QString::number(error)));
        } else {
            // Lossy with encoder delay and padding: the length within 60 ms,
            // the tone's pitch kept.
            QVERIFY2(std::abs(decoded - frames) < rate * 6 / 100,
                     qPrintable(QString::number(decoded)));
            const double hz = zeroCrossingHz(samples, channels, 0, rate);
            QVERIFY2(std::fabs(hz - 440) < 2, qPrintable(QString::number(hz)));
        }
        QVERIFY2((*source)->damage().isEmpty(), qPrintable((*source)->damage()));
    }

    void decodesM4aWithFfmpeg() {
        const QString path = writeSineM4a(m_dir.filePath(QStringLiteral("talk ü.m4a")), 4);
        if (path.isEmpty())
            POSTIL_CHECKER_MISSING("the ffmpeg command (tools/install-deps) makes the M4A");
        auto source = AudioSource::open(path);
        QVERIFY2(source.ok(), qPrintable(source.error()));
        const AudioStreamInfo& info = (*source)->info();
        QCOMPARE(info.decoder, QStringLiteral("FFmpeg"));
        QCOMPARE(info.codec, QStringLiteral("aac"));
        QCOMPARE(info.sampleRate, 44100);
        QCOMPARE(info.channels, 2);
        QVERIFY2(std::abs(info.frames - 4 * 44100) < 2048,
                 qPrintable(QString::number(info.frames)));
        const std::vector<float> samples = readAll(**source, 4096);
        const qint64 decoded = qint64(samples.size()) / 2;
        QVERIFY2(std::abs(decoded - 4 * 44100) < 2048, qPrintable(QString::number(decoded)));
        QVERIFY2(std::fabs(zeroCrossingHz(samples, 2, 1, 44100) - 440) < 1, "pitch");
        QVERIFY2((*source)->damage().isEmpty(), qPrintable((*source)->damage()));

        // Seeking lands on the very frame a decode from the start gives there.
        for (const qint64 target : {qint64(100000), qint64(3), qint64(150000), qint64(44100)}) {
            QVERIFY((*source)->seek(target).ok());
            QCOMPARE((*source)->position(), target);
            const std::vector<float> after = readFrames(**source, 2048);
            QCOMPARE(after.size(), size_t(4096));
            double worst = 0;
            for (size_t i = 0; i < after.size(); ++i)
                worst = qMax(worst, double(std::fabs(after[i] - samples[size_t(target) * 2 + i])));
            QVERIFY2(worst < 0.002, qPrintable(QStringLiteral("at %1: %2").arg(target).arg(worst)));
        }
        // Past the end: nothing to read, no failure.
        QVERIFY((*source)->seek(10 * 44100).ok());
        QCOMPARE(readFrames(**source, 100).size(), size_t(0));
    }

    void seeksExactlyInLosslessFiles() {
        for (const int format :
             {SF_FORMAT_WAV | SF_FORMAT_PCM_16, SF_FORMAT_FLAC | SF_FORMAT_PCM_16}) {
            const QString path = m_dir.filePath(
                QStringLiteral("seek%1").arg(format, 0, 16) +
                (format & SF_FORMAT_FLAC ? QStringLiteral(".flac") : QStringLiteral(".wav")));
            QVERIFY(writeSine(path, format, 16000, 2, 48000));
            auto source = AudioSource::open(path);
            QVERIFY2(source.ok(), qPrintable(source.error()));
            for (const qint64 target : {qint64(12345), qint64(0), qint64(47999), qint64(30001)}) {
                QVERIFY((*source)->seek(target).ok());
                QCOMPARE((*source)->position(), target);
                const std::vector<float> after = readFrames(**source, 1);
                QCOMPARE(after.size(), size_t(2));
                QVERIFY(maxErrorAgainstSine(after, 2, 16000, target) < 1e-4);
            }
            QVERIFY((*source)->seek(48000).ok());
            QCOMPARE(readFrames(**source, 10).size(), size_t(0));
            QVERIFY((*source)->seek(100).ok());
            QCOMPARE(readFrames(**source, 10).size(), size_t(20));
        }
    }

    void missingUnreadableAndUnknownFilesAreNamed() {
        const QString missing = m_dir.filePath(QStringLiteral("gone.wav"));
        auto source = AudioSource::open(missing);
        QVERIFY(!source.ok());
        QCOMPARE(source.error(), missing + QStringLiteral(": no such file"));

        source = AudioSource::open(m_dir.path());
        QVERIFY(!source.ok());
        QCOMPARE(source.error(), m_dir.path() + QStringLiteral(": not a file"));

        const QString empty = m_dir.filePath(QStringLiteral("empty.wav"));
        writeFile(empty, QByteArray());
        source = AudioSource::open(empty);
        QVERIFY(!source.ok());
        QCOMPARE(source.error(), empty + QStringLiteral(": the file is empty"));

        const QString text = m_dir.filePath(QStringLiteral("notes.mp3"));
        writeFile(text, QByteArray("These are notes, not audio.\n").repeated(200));
        source = AudioSource::open(text);
        QVERIFY(!source.ok());
        QVERIFY2(
            source.error().startsWith(text + QStringLiteral(": not audio that can be decoded")),
            qPrintable(source.error()));

        // Noise: not audio either (whatever a demuxer may guess, nothing decodes).
        QByteArray noise(200000, '\0');
        quint32 state = 12345;
        for (char& byte : noise) {
            state = state * 1664525u + 1013904223u;
            byte = char(state >> 24);
        }
        const QString random = m_dir.filePath(QStringLiteral("noise.bin"));
        writeFile(random, noise);
        source = AudioSource::open(random);
        if (source.ok()) {
            // Opened as something: then reading finds no audio or damage.
            const std::vector<float> samples = readAll(**source);
            QVERIFY(samples.empty() || !(*source)->damage().isEmpty());
        } else {
            QVERIFY(source.error().startsWith(random + QLatin1Char(':')));
        }

        // A WAV whose header is garbage.
        const QString badHeader = m_dir.filePath(QStringLiteral("bad.wav"));
        QVERIFY(writeSine(badHeader, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 8000, 1, 8000));
        QByteArray bytes = readFile(badHeader);
        bytes.replace(0, 4, "RIFX");
        bytes.replace(8, 8, "WAVEfmt?");
        writeFile(badHeader, bytes);
        source = AudioSource::open(badHeader);
        QVERIFY(!source.ok());
        QVERIFY2(source.error().startsWith(badHeader + QStringLiteral(": not audio")),
                 qPrintable(source.error()));
    }

    void truncatedFilesDecodeWhatIsThereAndSaySo_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("format");
        QTest::newRow("wav") << "cut.wav" << (SF_FORMAT_WAV | SF_FORMAT_PCM_16);
        QTest::newRow("flac") << "cut.flac" << (SF_FORMAT_FLAC | SF_FORMAT_PCM_16);
        QTest::newRow("m4a") << "cut.m4a" << 0;
    }
    void truncatedFilesDecodeWhatIsThereAndSaySo() {
        QFETCH(QString, name);
        QFETCH(int, format);
        const QString path = m_dir.filePath(name);
        const int rate = 44100;
        if (format == 0) {
            if (writeSineM4a(path, 10).isEmpty())
                POSTIL_CHECKER_MISSING("the ffmpeg command (tools/install-deps) makes the M4A");
        } else {
            QVERIFY(writeSine(path, format, rate, 2, 10 * rate));
        }
        truncate(path, 0.5);
        auto source = AudioSource::open(path);
        QVERIFY2(source.ok(), qPrintable(source.error()));
        const std::vector<float> samples = readAll(**source, 4096);
        const qint64 decoded = qint64(samples.size()) / 2;
        // About half is there, and usable.
        QVERIFY2(decoded > 3 * rate && decoded < 7 * rate, qPrintable(QString::number(decoded)));
        const QString damage = (*source)->damage();
        QVERIFY2(damage.startsWith(path + QStringLiteral(": the audio ends at ")),
                 qPrintable(damage));
        QVERIFY2(damage.contains(QStringLiteral("before the 00:10.000 its header promises")),
                 qPrintable(damage));
    }

    void damageInTheMiddleIsSkippedAndSaid() {
        // An MP3 with a run of garbage in the middle: FFmpeg and mpg123 both
        // resync; the audio after it is still there.
        const QString path = m_dir.filePath(QStringLiteral("scratched.mp3"));
        QVERIFY(writeSine(path, SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III, 44100, 1, 10 * 44100));
        QByteArray bytes = readFile(path);
        for (qsizetype i = bytes.size() / 2; i < bytes.size() / 2 + 3000; ++i)
            bytes[i] = char((i * 7919) & 0xff);
        writeFile(path, bytes);
        auto source = AudioSource::open(path);
        QVERIFY2(source.ok(), qPrintable(source.error()));
        const std::vector<float> samples = readAll(**source, 4096);
        // Most of the ten seconds come back: the damage costs a few frames.
        QVERIFY2(qint64(samples.size()) > 9 * 44100, qPrintable(QString::number(samples.size())));
        const QString damage = (*source)->damage();
        QVERIFY2(damage.startsWith(path + QLatin1Char(':')), qPrintable(damage));
        QVERIFY2(damage.contains(QStringLiteral("did not decode and was skipped")) ||
                     damage.contains(QStringLiteral("did not decode and were skipped")),
                 qPrintable(damage));
        QVERIFY(!damage.contains(QStringLiteral("cut short")));
    }

    void decoderRunsOnItsOwnThreadAndReports() {
        const QString path = m_dir.filePath(QStringLiteral("long.flac"));
        QVERIFY(writeSine(path, SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 44100, 2, 60 * 44100));
        CountingConsumer consumer;
        AudioDecoder decoder;
        decoder.addConsumer(&consumer);
        QSignalSpy opened(&decoder, &AudioDecoder::opened);
        QSignalSpy progress(&decoder, &AudioDecoder::progress);
        QSignalSpy finished(&decoder, &AudioDecoder::finished);
        decoder.start(path);
        QVERIFY(finished.wait(30000));
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.first().first().value<AudioStreamInfo>().frames, 60 * 44100);
        const auto result = finished.first().first().value<AudioDecodeResult>();
        QVERIFY2(result.ok(), qPrintable(result.error));
        QVERIFY(result.damage.isEmpty());
        QVERIFY(!result.cancelled);
        QCOMPARE(result.frames, 60 * 44100);
        QVERIFY(consumer.begun);
        QCOMPARE(consumer.total.load(), 60 * 44100);
        QCOMPARE(consumer.endedWith, 60 * 44100);
        QVERIFY(consumer.chunks > 100);  // in chunks, not at once
        QVERIFY(std::fabs(consumer.peak - 0.5f) < 0.01f);
        QCOMPARE(decoder.framesDecoded(), 60 * 44100);
        // Progress, when it came, rose.
        double last = -1;
        for (const QList<QVariant>& report : std::as_const(progress)) {
            QVERIFY(report.at(2).toDouble() >= last);
            last = report.at(2).toDouble();
        }

        // A missing file: one finished() naming it, nothing consumed.
        CountingConsumer none;
        AudioDecoder failing;
        failing.addConsumer(&none);
        QSignalSpy failed(&failing, &AudioDecoder::finished);
        failing.start(m_dir.filePath(QStringLiteral("nowhere.ogg")));
        QVERIFY(failed.wait(10000));
        const auto error = failed.first().first().value<AudioDecodeResult>();
        QVERIFY(!error.ok());
        QVERIFY(error.error.contains(QStringLiteral("nowhere.ogg: no such file")));
        QVERIFY(!none.begun);
    }

    void cancelStopsAtOnceAndDeletingMidwayIsSafe() {
        const QString path = m_dir.filePath(QStringLiteral("long.wav"));
        QVERIFY(writeSine(path, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 44100, 2, 300 * 44100));
        SlowConsumer consumer;
        AudioDecoder decoder;
        decoder.addConsumer(&consumer);
        QSignalSpy finished(&decoder, &AudioDecoder::finished);
        decoder.start(path);
        QTRY_VERIFY(decoder.framesDecoded() > 0);
        QElapsedTimer clock;
        clock.start();
        decoder.cancel();
        QVERIFY(clock.elapsed() < 500);
        QVERIFY(!decoder.isRunning());
        QVERIFY(finished.wait(5000));
        QVERIFY(finished.first().first().value<AudioDecodeResult>().cancelled);
        QVERIFY(consumer.total.load() < 300 * 44100);

        // A second start drops the first run's reports.
        finished.clear();
        decoder.start(path);
        decoder.start(m_dir.filePath(QStringLiteral("nowhere.wav")));
        QVERIFY(finished.wait(5000));
        QTest::qWait(50);
        QCOMPARE(finished.size(), 1);
        QVERIFY(!finished.first().first().value<AudioDecodeResult>().ok());

        auto* doomed = new AudioDecoder;
        doomed->addConsumer(&consumer);
        doomed->start(path);
        QTRY_VERIFY(doomed->framesDecoded() > 0);
        delete doomed;  // waits for its thread; no report arrives afterwards
        QTest::qWait(50);
    }

    void aChunkClaimingGigabytesCostsNothing() {
        // 259 bytes of WAV whose LIST chunk claims 2 GB (found by fuzz_audio):
        // libsndfile refuses it, and FFmpeg's RIFF reader took 1.3 GB and 5 s
        // over it until allocations were capped (media/ffmpegsource).
        const QByteArray bytes = QByteArray::fromHex(
            "524946468606000057415645666d74201000000001000100401f0000803e0000020010004c4953541a0000"
            "80494e464f495346540000000000000000000000000000002f000000000000000000000000000000000000"
            "0000000000000000000000000000000000000000000e0000004c61766635392e32372e3130300064617461"
            "4006000000006b05320ac50db70fcd0f050e940ae405664c614381000ffb33f67ff264f021f0bff10cf5a6"
            "f9fffe760466093b0d7e0fed0f7a0e500bd006820106fc03f70ff3a4f009f051f157f4bdf8fefd7d039208"
            "a40c370ffd0fe00e000cb507810201fddcf3adf3f3f001f0f3f0acf3dbf700fd8002b407ff0bdf0efd0f37"
            "0f");
        QCOMPARE(bytes.size(), 259);
        const QString path = m_dir.filePath(QStringLiteral("list.wav"));
        writeFile(path, bytes);
        QElapsedTimer clock;
        clock.start();
        auto source = AudioSource::open(path);
        if (source.ok())
            readAll(**source);
        QVERIFY2(clock.elapsed() < 1000, qPrintable(QString::number(clock.elapsed())));
        QVERIFY2(selfMemoryMb("VmHWM") < 500, qPrintable(QString::number(selfMemoryMb("VmHWM"))));
    }

    void decodesFromAnyDevice() {
        const QString path = m_dir.filePath(QStringLiteral("memory.flac"));
        QVERIFY(writeSine(path, SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 8000, 1, 8000));
        QBuffer buffer;
        buffer.setData(readFile(path));
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        auto source = AudioSource::open(&buffer, QStringLiteral("in memory.flac"));
        QVERIFY2(source.ok(), qPrintable(source.error()));
        QCOMPARE(readAll(**source).size(), size_t(8000));
        QCOMPARE((*source)->bytesFraction(), 1.0);
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestAudioDecoder)
#include "tst_audiodecoder.moc"

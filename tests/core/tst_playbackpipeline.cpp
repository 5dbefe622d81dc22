#include <sndfile.h>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "media/playbackpipeline.h"
#include "testaudio.h"
#include "testsupport.h"

using namespace postil;

// The playback pipeline pulled directly, as the audio device would, with no
// device anywhere: what is heard, at which speed and pitch, and where the
// clock says it is.
class TestPlaybackPipeline : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_mono;    // 4 s of 440 Hz at 44.1 kHz, mono, 16-bit
    QString m_stereo;  // 3 s at 16 kHz, stereo, float
    static constexpr int kRate = 44100;

    std::unique_ptr<PlaybackPipeline> open(const QString& path) {
        auto pipeline = PlaybackPipeline::open(path);
        if (!pipeline.ok())
            qFatal("%s", qPrintable(pipeline.error()));
        return std::move(*pipeline);
    }

    static std::vector<float> pull(PlaybackPipeline& pipeline, qint64 frames) {
        std::vector<float> out(size_t(frames * pipeline.outputChannels()));
        pipeline.pull(out.data(), frames);
        return out;
    }

    // Pulls in device-sized chunks until the pipeline pauses at the end;
    // everything pulled up to there.
    static std::vector<float> pullToEnd(PlaybackPipeline& pipeline, qint64 chunk = 882) {
        std::vector<float> all;
        for (int guard = 0; guard < 100000 && pipeline.isPlaying(); ++guard) {
            const std::vector<float> part = pull(pipeline, chunk);
            all.insert(all.end(), part.begin(), part.end());
        }
        return all;
    }

    static qint64 lastSound(const std::vector<float>& samples, int channels) {
        for (qint64 i = qint64(samples.size()) / channels - 1; i >= 0; --i) {
            for (int c = 0; c < channels; ++c) {
                if (std::fabs(samples[size_t(i * channels + c)]) > 1e-3f)
                    return i + 1;
            }
        }
        return 0;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_mono = m_dir.filePath(QStringLiteral("mono.wav"));
        QVERIFY(writeSine(m_mono, SF_FORMAT_WAV | SF_FORMAT_PCM_16, kRate, 1, 4 * kRate));
        m_stereo = m_dir.filePath(QStringLiteral("stereo.wav"));
        QVERIFY(writeSine(m_stereo, SF_FORMAT_WAV | SF_FORMAT_FLOAT, 16000, 2, 3 * 16000));
    }

    void normalSpeedPlaysTheFileFrameForFrame() {
        auto pipeline = open(m_stereo);
        QCOMPARE(pipeline->sampleRate(), 16000);
        QCOMPARE(pipeline->outputChannels(), 2);
        QCOMPARE(pipeline->frames(), 3 * 16000);
        // Paused: silence, and the clock stands still.
        std::vector<float> quiet = pull(*pipeline, 500);
        QVERIFY(std::all_of(quiet.begin(), quiet.end(), [](float v) { return v == 0.0f; }));
        QCOMPARE(pipeline->position(), 0);
        QCOMPARE(pipeline->framesPulled(), 500);
        pipeline->play();
        const std::vector<float> all = pullToEnd(*pipeline, 777);
        QVERIFY(pipeline->atEnd());
        QCOMPARE(pipeline->position(), 3 * 16000);
        QVERIFY(all.size() >= size_t(2 * 3 * 16000));
        for (qint64 i = 0; i < 3 * 16000; ++i) {
            for (int c = 0; c < 2; ++c) {
                if (std::fabs(all[size_t(i * 2 + c)] - testSine(i, c, 16000)) > 1e-6)
                    QFAIL(qPrintable(QStringLiteral("frame %1 channel %2").arg(i).arg(c)));
            }
        }
        // Every pulled frame maps to the frame it played.
        QCOMPARE(pipeline->sourceFrameAt(500), 0);
        QCOMPARE(pipeline->sourceFrameAt(500 + 12345), 12345);
        // Played again from the start after the end.
        pipeline->play();
        QCOMPARE(pipeline->position(), 0);
        const std::vector<float> again = pull(*pipeline, 10);
        QVERIFY(std::fabs(again[2] - testSine(1, 0, 16000)) < 1e-6);
    }

    void slowedDownKeepsThePitchAndLastsLonger_data() {
        QTest::addColumn<double>("speed");
        QTest::newRow("0.75") << 0.75;
        QTest::newRow("0.5") << 0.5;
        QTest::newRow("1.5") << 1.5;
        QTest::newRow("2") << 2.0;
    }
    void slowedDownKeepsThePitchAndLastsLonger() {
        QFETCH(double, speed);
        auto pipeline = open(m_mono);
        pipeline->setSpeed(speed);
        QCOMPARE(pipeline->speed(), speed);
        pipeline->play();
        const std::vector<float> all = pullToEnd(*pipeline);
        const qint64 heard = lastSound(all, 1);
        const double expected = 4.0 * kRate / speed;
        // 4 s of audio lasts 4 / speed, to within 30 ms.
        QVERIFY2(std::fabs(double(heard) - expected) < 0.03 * kRate,
                 qPrintable(QStringLiteral("%1 frames, expected %2").arg(heard).arg(expected)));
        // The pitch stays 440 Hz (measured in the middle, away from the edges).
        const std::vector<float> middle(all.begin() + kRate / 2, all.begin() + heard - kRate / 2);
        const double hz = zeroCrossingHz(middle, 1, 0, kRate);
        QVERIFY2(std::fabs(hz - 440) < 2, qPrintable(QString::number(hz)));
        QCOMPARE(pipeline->position(), 4 * kRate);
        // The clock runs at the speed: half way through the output, about
        // half way through the file.
        const qint64 half = pipeline->sourceFrameAt(qint64(expected / 2));
        QVERIFY2(std::abs(half - 2 * kRate) < kRate / 20, qPrintable(QString::number(half)));
    }

    void seeksAreExactAndKnownAtOnce() {
        auto pipeline = open(m_mono);
        pipeline->play();
        pull(*pipeline, 3000);
        QCOMPARE(pipeline->position(), 3000);
        pipeline->seek(12345);
        QCOMPARE(pipeline->position(), 12345);  // before anything is pulled
        const qint64 pulled = pipeline->framesPulled();
        std::vector<float> out = pull(*pipeline, 100);
        for (int i = 0; i < 100; ++i)
            QVERIFY(std::fabs(out[size_t(i)] - testSine(12345 + i, 0, kRate)) < 1e-4);
        QCOMPARE(pipeline->position(), 12445);
        // Frames pulled before the seek still map to where they played.
        QCOMPARE(pipeline->sourceFrameAt(pulled - 1), 2999);
        QCOMPARE(pipeline->sourceFrameAt(pulled), 12345);
        // Slowed down, a seek lands as exactly: the first frame out is the
        // target's (SoundTouch starts on it).
        pipeline->setSpeed(0.75);
        pipeline->seek(100000);
        QCOMPARE(pipeline->position(), 100000);
        pull(*pipeline, 4410);
        QVERIFY(std::abs(pipeline->position() - (100000 + 3308)) < 5);
        // Clamped to the audio.
        pipeline->seek(-50);
        QCOMPARE(pipeline->position(), 0);
        pipeline->seek(10 * kRate);
        QCOMPARE(pipeline->position(), 4 * kRate);
    }

    void loopsAreSampleExact() {
        auto pipeline = open(m_mono);
        pipeline->playRange(1000, 1500, true);
        QVERIFY(pipeline->isLooping());
        const qint64 start = pipeline->framesPulled();
        const std::vector<float> out = pull(*pipeline, 5 * 500 + 123);
        for (qint64 k = 0; k < qint64(out.size()); ++k) {
            const qint64 frame = 1000 + k % 500;
            if (std::fabs(out[size_t(k)] - testSine(frame, 0, kRate)) > 1e-4)
                QFAIL(qPrintable(
                    QStringLiteral("output frame %1 is not source frame %2").arg(k).arg(frame)));
            if (pipeline->sourceFrameAt(start + k) != frame)
                QFAIL(qPrintable(QStringLiteral("the clock at output %1 says %2, not %3")
                                     .arg(k)
                                     .arg(pipeline->sourceFrameAt(start + k))
                                     .arg(frame)));
        }
        QCOMPARE(pipeline->position(), 1000 + 123);
        QVERIFY(pipeline->isPlaying());

        // Slowed down: the loop stays inside its range, with the pitch kept.
        pipeline->setSpeed(0.75);
        pipeline->playRange(kRate, 2 * kRate, true);
        const qint64 from = pipeline->framesPulled();
        const std::vector<float> slow = pull(*pipeline, 4 * kRate);
        for (qint64 k = 0; k < 4 * kRate; k += 97) {
            const qint64 at = pipeline->sourceFrameAt(from + k);
            QVERIFY2(at >= kRate && at <= 2 * kRate, qPrintable(QString::number(at)));
        }
        const std::vector<float> firstPass(slow.begin() + 2000, slow.begin() + kRate);
        QVERIFY(std::fabs(zeroCrossingHz(firstPass, 1, 0, kRate) - 440) < 2);
        QVERIFY(pipeline->isPlaying());

        // Seeking outside the loop ends it; clearRange too.
        pipeline->seek(3 * kRate);
        QVERIFY(!pipeline->isLooping());
        pipeline->setLoop(0, 1000);
        QCOMPARE(pipeline->position(), 0);
        pipeline->clearRange();
        QVERIFY(!pipeline->isLooping());
    }

    void playingASelectionStopsAtItsEnd() {
        auto pipeline = open(m_mono);
        pipeline->playRange(1000, 1500, false);
        const std::vector<float> out = pull(*pipeline, 800);
        for (int k = 0; k < 500; ++k)
            QVERIFY(std::fabs(out[size_t(k)] - testSine(1000 + k, 0, kRate)) < 1e-4);
        for (int k = 500; k < 800; ++k)
            QCOMPARE(out[size_t(k)], 0.0f);
        QVERIFY(pipeline->atEnd());
        QVERIFY(!pipeline->isPlaying());
        QCOMPARE(pipeline->position(), 1500);
        // Play again: the selection again.
        pipeline->play();
        QCOMPARE(pipeline->position(), 1000);
    }

    void resumeRewindsAndSkipsMove() {
        auto pipeline = open(m_mono);
        pipeline->play();
        pull(*pipeline, 3 * kRate);
        pipeline->pause();
        QCOMPARE(pipeline->position(), 3 * kRate);
        QCOMPARE(pipeline->autoRewindMs(), 1500);
        pipeline->resume();
        QCOMPARE(pipeline->position(), 3 * kRate - kRate * 3 / 2);
        const std::vector<float> out = pull(*pipeline, 10);
        QVERIFY(std::fabs(out[0] - testSine(3 * kRate - kRate * 3 / 2, 0, kRate)) < 1e-4);
        pipeline->pause();
        pipeline->setAutoRewindMs(0);
        const qint64 at = pipeline->position();
        pipeline->resume();
        QCOMPARE(pipeline->position(), at);
        // Not before the start, nor before a range's start.
        pipeline->pause();
        pipeline->setAutoRewindMs(5000);
        pipeline->resume();
        QCOMPARE(pipeline->position(), 0);
        pipeline->playRange(kRate, 2 * kRate, true);
        pull(*pipeline, 1000);
        pipeline->pause();
        pipeline->resume();
        QCOMPARE(pipeline->position(), kRate);

        pipeline->clearRange();
        pipeline->seek(2 * kRate);
        pipeline->skip(-1000);
        QCOMPARE(pipeline->position(), kRate);
        pipeline->skip(500);
        QCOMPARE(pipeline->position(), kRate * 3 / 2);
        pipeline->skip(-60000);
        QCOMPARE(pipeline->position(), 0);
        pipeline->skip(60000);
        QCOMPARE(pipeline->position(), 4 * kRate);
        // Inside a range, skipping stays in it.
        pipeline->playRange(kRate, 2 * kRate, true);
        pipeline->skip(-5000);
        QCOMPARE(pipeline->position(), kRate);
        QVERIFY(pipeline->isLooping());
    }

    void speedStepsAndVolume() {
        auto pipeline = open(m_mono);
        pipeline->slower();
        QCOMPARE(pipeline->speed(), 0.9);
        pipeline->setSpeed(0.5);
        pipeline->slower();
        QCOMPARE(pipeline->speed(), 0.5);
        pipeline->setSpeed(5);
        QCOMPARE(pipeline->speed(), 2.0);
        pipeline->faster();
        QCOMPARE(pipeline->speed(), 2.0);
        pipeline->setSpeed(0.8);
        pipeline->faster();
        QCOMPARE(pipeline->speed(), 0.9);
        pipeline->setSpeed(1.0);

        // A speed change mid-play keeps the position.
        pipeline->play();
        pull(*pipeline, kRate);
        pipeline->setSpeed(0.75);
        QCOMPARE(pipeline->position(), kRate);
        pipeline->setSpeed(1.0);
        QCOMPARE(pipeline->position(), kRate);

        pipeline->setVolume(0.5);
        std::vector<float> half = pull(*pipeline, 100);
        for (int k = 0; k < 100; ++k)
            QVERIFY(std::fabs(half[size_t(k)] - 0.5 * testSine(kRate + k, 0, kRate)) < 1e-4);
        pipeline->setVolume(0);
        half = pull(*pipeline, 100);
        QVERIFY(std::all_of(half.begin(), half.end(), [](float v) { return v == 0.0f; }));
        pipeline->setVolume(9);
        QCOMPARE(pipeline->volume(), 2.0);
    }

    void manyChannelsFoldToStereo() {
        const QString path = m_dir.filePath(QStringLiteral("quad.wav"));
        QVERIFY(writeSine(path, SF_FORMAT_WAV | SF_FORMAT_FLOAT, 8000, 4, 8000));
        auto pipeline = open(path);
        QCOMPARE(pipeline->outputChannels(), 2);
        pipeline->play();
        const std::vector<float> out = pull(*pipeline, 100);
        for (int k = 0; k < 100; ++k) {
            // Left: channels 0 and 2; right: 1 and 3 (testSine halves per channel).
            const double left = (testSine(k, 0, 8000) + testSine(k, 2, 8000)) / 2;
            const double right = (testSine(k, 1, 8000) + testSine(k, 3, 8000)) / 2;
            QVERIFY(std::fabs(out[size_t(2 * k)] - left) < 1e-5);
            QVERIFY(std::fabs(out[size_t(2 * k + 1)] - right) < 1e-5);
        }
    }

    void aMissingFileIsNamed() {
        auto pipeline = PlaybackPipeline::open(m_dir.filePath(QStringLiteral("none.wav")));
        QVERIFY(!pipeline.ok());
        QVERIFY(pipeline.error().endsWith(QStringLiteral("none.wav: no such file")));
    }
};

QTEST_GUILESS_MAIN(TestPlaybackPipeline)
#include "tst_playbackpipeline.moc"

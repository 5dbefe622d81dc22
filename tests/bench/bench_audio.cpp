// bench_audio: the waveform and playback of a long recording (issue 12's figures).
//   audio_waveform   a 3-hour 44.1 kHz stereo 16-bit WAV (1.9 GB) the bench writes, loaded
//                    through WaveformLoader into a fresh project: the first peaks
//                    (first_peaks_ms: the waveform can draw), the whole pyramid
//                    (whole_ms), against `ffmpeg -f null` decoding the same file in the
//                    same run (when ffmpeg is installed); the peak memory while doing it;
//                    then the task reopened: the peaks from the project's cache
//                    (reopen_ms). Budgets: first peaks <= 1 s; whole <= 3 s or <= ffmpeg;
//                    reopen <= 200 ms; peak memory <= 300 MB.
//   audio_redraw     PeakPyramid::fill for 2,000 columns at zooms from the whole file
//                    down to 256 frames per column, at 50 places each: the longest.
//                    Budget 16 ms (one frame; the drawing itself comes on top).
//   audio_playback   PlaybackPipeline on the WAV and on a 10-minute AAC M4A (made with
//                    ffmpeg when installed): opening, play to the first 20 ms of sound
//                    pulled, and 50 random seeks to the first 20 ms from there (what a
//                    device's pull gets), at 1x and 0.75x. Budgets: start <= 100 ms,
//                    seek <= 50 ms (the device's own buffer, 80 ms asked of the sound
//                    server, comes on top; see tests/bench/RESULTS.md).
//   audio_device     the same through the studio's AudioPlayer and the system's audio
//                    output, when there is one (else a line saying so): play() and seekMs()
//                    return once the sink has restarted around the change on its thread;
//                    then the time until the sink has pulled the first 20 ms from there.
//                    What the sound server adds after that (80 ms asked) is its own.
//   bench_audio [--keep] [--hours H]     (a bare number, as run-all passes, is ignored)

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <cmath>

#include "audio/audioplayer.h"
#include "benchaudio.h"
#include "benchsupport.h"
#include "media/peakpyramid.h"
#include "media/playbackpipeline.h"
#include "media/waveformloader.h"

using namespace postil;
using namespace postil::bench;

namespace {

constexpr int kRate = kLongWavRate;
constexpr double kBudgetFirstPeaksMs = 1000;
constexpr double kBudgetWholeMs = 3000;
constexpr double kBudgetReopenMs = 200;
constexpr double kBudgetMemoryMb = 300;
constexpr double kBudgetRedrawMs = 16;
constexpr double kBudgetStartMs = 100;
constexpr double kBudgetSeekMs = 50;

QString ffmpegPath() {
    return QStandardPaths::findExecutable(QStringLiteral("ffmpeg"));
}

bool measureWaveform(const QTemporaryDir& dir, const QString& wav, qint64 seconds) {
    const QString project = dir.filePath(QStringLiteral("audio.postil"));
    {
        Project::CreateOptions options;
        options.kind = TaskKind::Audio;
        auto made = Project::create(project, options);
        if (!made.ok()) {
            note(QStringLiteral("bench_audio: %1").arg(made.error()));
            return false;
        }
    }
    resetPeakMemory();
    const double rssBefore = selfMemoryMb("VmRSS");
    const Load first = load(wav, project);
    const double peakMb = selfMemoryMb("VmHWM");
    if (!first.result.ok() || first.result.fromCache || !first.pyramid ||
        first.pyramid->frames() != seconds * kRate) {
        note(QStringLiteral("bench_audio: the first load went wrong: %1").arg(first.result.error));
        return false;
    }
    double ffmpegMs = -1;
    if (!ffmpegPath().isEmpty()) {
        const ChildResult run =
            runChild({ffmpegPath(), QStringLiteral("-nostdin"), QStringLiteral("-v"),
                      QStringLiteral("error"), QStringLiteral("-i"), wav, QStringLiteral("-f"),
                      QStringLiteral("null"), QStringLiteral("-")},
                     QString(), QString(), QString(), {});
        if (run.exitCode == 0)
            ffmpegMs = run.seconds * 1000;
    }
    const Load again = load(wav, project);
    const bool cached = again.result.ok() && again.result.fromCache && again.pyramid &&
                        again.pyramid->frames() == first.pyramid->frames();
    const bool wholeOk =
        first.wholeMs <= kBudgetWholeMs || (ffmpegMs > 0 && first.wholeMs <= ffmpegMs);
    JsonLine(QStringLiteral("audio_waveform"))
        .add(QStringLiteral("hours"), double(seconds) / 3600, 2)
        .add(QStringLiteral("file_mb"), double(QFileInfo(wav).size()) / 1e6, 0)
        .add(QStringLiteral("first_peaks_ms"), first.firstPeaksMs, 1)
        .add(QStringLiteral("whole_ms"), first.wholeMs, 1)
        .add(QStringLiteral("ffmpeg_null_ms"), ffmpegMs, 1)
        .add(QStringLiteral("reopen_ms"), again.wholeMs, 1)
        .add(QStringLiteral("peak_rss_mb"), peakMb, 1)
        .add(QStringLiteral("rss_before_mb"), rssBefore, 1)
        .add(QStringLiteral("pyramid_mb"), double(first.pyramid->memoryBytes()) / 1e6, 2)
        .add(QStringLiteral("budget_first_peaks_ms"), kBudgetFirstPeaksMs, 0)
        .add(QStringLiteral("budget_whole_ms"), kBudgetWholeMs, 0)
        .add(QStringLiteral("budget_reopen_ms"), kBudgetReopenMs, 0)
        .add(QStringLiteral("budget_memory_mb"), kBudgetMemoryMb, 0)
        .add(QStringLiteral("pass"), first.firstPeaksMs <= kBudgetFirstPeaksMs && wholeOk &&
                                         again.wholeMs <= kBudgetReopenMs &&
                                         peakMb <= kBudgetMemoryMb)
        .add(QStringLiteral("correct"), cached)
        .print();

    // Redraws: 2,000 columns at zooms from the whole file to level 0's blocks.
    const PeakPyramid& pyramid = *first.pyramid;
    const qint64 frames = pyramid.frames();
    constexpr int kColumns = 2000;
    std::vector<PeakRange> columns(kColumns);
    double longest = 0;
    double total = 0;
    int fills = 0;
    bool drawn = true;
    for (double fpc = double(frames) / kColumns; fpc >= PeakPyramid::kBaseFrames; fpc /= 4) {
        for (int i = 0; i < 50; ++i) {
            const double span = fpc * kColumns;
            const double first =
                QRandomGenerator::global()->bounded(std::max(1.0, double(frames) - span));
            QElapsedTimer clock;
            clock.start();
            const int filled = pyramid.fill(first, fpc, kColumns, columns.data());
            const double ms = elapsedMs(clock);
            longest = std::max(longest, ms);
            total += ms;
            ++fills;
            drawn = drawn && filled > 0;
        }
    }
    JsonLine(QStringLiteral("audio_redraw"))
        .add(QStringLiteral("columns"), kColumns)
        .add(QStringLiteral("fills"), fills)
        .add(QStringLiteral("mean_ms"), total / fills, 3)
        .add(QStringLiteral("longest_ms"), longest, 3)
        .add(QStringLiteral("budget_ms"), kBudgetRedrawMs, 0)
        .add(QStringLiteral("pass"), longest <= kBudgetRedrawMs)
        .add(QStringLiteral("correct"), drawn)
        .print();
    return cached && drawn;
}

// Pulls what a device pulls every 20 ms until a frame that is not silence
// comes out; the time that took.
double msToSound(PlaybackPipeline& pipeline, std::vector<float>& buffer) {
    const qint64 chunk = pipeline.sampleRate() / 50;
    buffer.resize(size_t(chunk * pipeline.outputChannels()));
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < 100; ++i) {
        pipeline.pull(buffer.data(), chunk);
        if (std::any_of(buffer.begin(), buffer.end(), [](float v) { return v != 0.0f; }))
            return elapsedMs(clock);
    }
    return -1;
}

bool measurePlayback(const QString& name, const QString& path) {
    bool ok = true;
    for (const double speed : {1.0, 0.75}) {
        QElapsedTimer clock;
        clock.start();
        auto opened = PlaybackPipeline::open(path);
        const double openMs = elapsedMs(clock);
        if (!opened.ok()) {
            note(QStringLiteral("bench_audio: %1").arg(opened.error()));
            return false;
        }
        PlaybackPipeline& pipeline = **opened;
        pipeline.setSpeed(speed);
        std::vector<float> buffer;
        // Start a little in, where the file is not silent.
        pipeline.seek(pipeline.msToFrames(1500));
        clock.start();
        pipeline.play();
        const double startMs = elapsedMs(clock) + msToSound(pipeline, buffer);
        std::vector<double> seeks;
        const qint64 frames = pipeline.frames();
        bool landed = true;
        for (int i = 0; i < 50; ++i) {
            const qint64 target =
                qint64(QRandomGenerator::global()->bounded(double(frames - kRate)));
            QElapsedTimer seekClock;
            seekClock.start();
            pipeline.seek(target);
            const double toSound = msToSound(pipeline, buffer);
            seeks.push_back(elapsedMs(seekClock));
            landed = landed && toSound >= 0;
        }
        const double worst = *std::max_element(seeks.begin(), seeks.end());
        JsonLine(QStringLiteral("audio_playback"))
            .add(QStringLiteral("file"), name)
            .add(QStringLiteral("speed"), speed, 2)
            .add(QStringLiteral("open_ms"), openMs, 2)
            .add(QStringLiteral("start_ms"), startMs, 2)
            .add(QStringLiteral("seek_ms_median"), percentile(seeks, 0.5), 2)
            .add(QStringLiteral("seek_ms_max"), worst, 2)
            .add(QStringLiteral("budget_start_ms"), kBudgetStartMs, 0)
            .add(QStringLiteral("budget_seek_ms"), kBudgetSeekMs, 0)
            .add(QStringLiteral("pass"), startMs <= kBudgetStartMs && worst <= kBudgetSeekMs)
            .add(QStringLiteral("correct"), landed && startMs >= 0)
            .print();
        ok = ok && landed;
    }
    return ok;
}

// Waits until the sink has pulled past `from` (the pipeline's count of
// pulled frames); the time that took, or -1.
double msToPull(const AudioPlayer& player, qint64 from) {
    QElapsedTimer clock;
    clock.start();
    const qint64 period = player.sampleRate() / 50;
    while (clock.elapsed() < 2000) {
        if (player.pipeline()->framesPulled() >= from + period)
            return elapsedMs(clock);
        QThread::usleep(200);
    }
    return -1;
}

bool measureDevice(const QString& path) {
    AudioPlayer player;
    if (!player.open(path).ok())
        return false;
    QThread::msleep(300);  // the device opens on its thread
    QCoreApplication::processEvents();
    if (!player.hasDevice()) {
        JsonLine(QStringLiteral("audio_device"))
            .add(QStringLiteral("device"), false)
            .add(QStringLiteral("note"), player.deviceProblem())
            .print();
        return true;
    }
    std::vector<double> starts;
    std::vector<double> seeks;
    bool pulled = true;
    for (int i = 0; i < 10; ++i) {
        player.seekMs(60000 * (i + 1));
        QElapsedTimer clock;
        clock.start();
        qint64 before = player.pipeline()->framesPulled();
        player.play();
        const double returned = elapsedMs(clock);
        const double toPull = msToPull(player, before);
        starts.push_back(returned + toPull);
        pulled = pulled && toPull >= 0;
        clock.start();
        before = player.pipeline()->framesPulled();
        player.seekMs(60000 * (i + 1) + 30000);
        const double seekReturned = elapsedMs(clock);
        const double seekToPull = msToPull(player, before);
        seeks.push_back(seekReturned + seekToPull);
        pulled = pulled && seekToPull >= 0;
        player.pause();
    }
    JsonLine(QStringLiteral("audio_device"))
        .add(QStringLiteral("device"), true)
        .add(QStringLiteral("start_ms_median"), percentile(starts, 0.5), 2)
        .add(QStringLiteral("start_ms_max"), percentile(starts, 1.0), 2)
        .add(QStringLiteral("seek_ms_median"), percentile(seeks, 0.5), 2)
        .add(QStringLiteral("seek_ms_max"), percentile(seeks, 1.0), 2)
        .add(QStringLiteral("budget_start_ms"), kBudgetStartMs, 0)
        .add(QStringLiteral("budget_seek_ms"), kBudgetSeekMs, 0)
        .add(QStringLiteral("pass"),
             percentile(starts, 1.0) <= kBudgetStartMs && percentile(seeks, 1.0) <= kBudgetSeekMs)
        .add(QStringLiteral("correct"), pulled)
        .print();
    return pulled;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    AudioBenchArgs args;
    if (!parseAudioBenchArgs(argc, argv, 0.01, args))
        return 2;
    const bool keep = args.keep;
    const double hours = args.hours;
    QTemporaryDir dir;
    if (!dir.isValid())
        return 1;
    dir.setAutoRemove(!keep);
    if (keep)
        note(QStringLiteral("bench_audio: keeping %1").arg(dir.path()));
    const qint64 seconds = qint64(hours * 3600);
    const QString wav = dir.filePath(QStringLiteral("long.wav"));
    note(QStringLiteral("bench_audio: writing %1 s of 44.1 kHz stereo").arg(seconds));
    if (!writeLongWav(wav, seconds)) {
        note(QStringLiteral("bench_audio: cannot write %1").arg(wav));
        return 1;
    }
    bool ok = measureWaveform(dir, wav, seconds);
    ok = measurePlayback(QStringLiteral("wav"), wav) && ok;
    ok = measureDevice(wav) && ok;
    if (!ffmpegPath().isEmpty()) {
        const QString m4a = dir.filePath(QStringLiteral("talk.m4a"));
        note(QStringLiteral("bench_audio: encoding a 10-minute M4A"));
        const ChildResult made =
            runChild({ffmpegPath(), QStringLiteral("-nostdin"), QStringLiteral("-v"),
                      QStringLiteral("error"), QStringLiteral("-t"), QStringLiteral("600"),
                      QStringLiteral("-i"), wav, QStringLiteral("-c:a"), QStringLiteral("aac"),
                      QStringLiteral("-b:a"), QStringLiteral("96k"), m4a},
                     QString(), QString(), QString(), {});
        if (made.exitCode == 0)
            ok = measurePlayback(QStringLiteral("m4a"), m4a) && ok;
    }
    return ok ? 0 : 1;
}

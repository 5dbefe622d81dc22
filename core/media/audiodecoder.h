#pragma once

#include <QList>
#include <QObject>
#include <QString>
#include <atomic>
#include <functional>

#include "media/audiosource.h"

class QThread;

namespace postil {

// Takes decoded audio as it comes, on the decoding thread: interleaved
// floats at the stream's rate and channel count (AudioSource::read).
class AudioChunkConsumer {
public:
    virtual ~AudioChunkConsumer() = default;
    virtual void begin(const AudioStreamInfo& info) = 0;
    virtual void consume(const float* frames, qint64 count) = 0;
    // After the last chunk (also after a damaged or cancelled decode).
    virtual void end(qint64 totalFrames) = 0;
};

// How a whole decode went.
struct AudioDecodeResult {
    // Empty when the file opened; else why not, naming the file (missing,
    // unreadable, not audio, unknown format). Then nothing was consumed.
    QString error;
    // Damage met while decoding, naming the file (AudioSource::damage()):
    // the audio decoded up to or around it is still there.
    QString damage;
    AudioStreamInfo info;
    qint64 frames = 0;  // decoded
    bool cancelled = false;
    qint64 elapsedMs = 0;

    bool ok() const { return error.isEmpty(); }
};

namespace audiodecode {

// Chunks handed to consumers: about 0.2 s of stereo 44.1 kHz, so the first
// peaks are there at once and a cancel is heard within milliseconds.
constexpr qint64 kChunkSamples = 16384;

// Decodes `source` from its position to the end into `consumers`, calling
// `begun()` once every consumer has begun (what they make for readers is
// there), `progress(framesDone)` after each chunk, stopping early when
// `cancel` is set. The synchronous core of AudioDecoder, for tests and
// benchmarks.
AudioDecodeResult run(AudioSource& source, const QList<AudioChunkConsumer*>& consumers,
                      const std::atomic_bool* cancel = nullptr,
                      const std::function<void(qint64)>& progress = {},
                      const std::function<void()>& begun = {});

}  // namespace audiodecode

// Decodes one file on a worker thread of its own, in chunks, into its
// consumers (the waveform's PeakPyramidBuilder), reporting as it goes. The
// signals arrive on the thread the decoder lives on, in order; none arrives
// after the decoder is deleted or a new start().
class AudioDecoder : public QObject {
    Q_OBJECT
public:
    explicit AudioDecoder(QObject* parent = nullptr);
    // Cancels a decode under way and waits for its thread (milliseconds).
    ~AudioDecoder() override;

    // Consumers are called on the worker thread; not owned; add before start().
    void addConsumer(AudioChunkConsumer* consumer);
    // Starts decoding `path` (a decode under way is cancelled first).
    void start(const QString& path);
    // Stops a decode under way and waits for it; finished() still follows
    // (with `cancelled`), unless the decoder is deleted first.
    void cancel();
    bool isRunning() const;
    // Frames decoded so far, readable from any thread.
    qint64 framesDecoded() const { return m_framesDone.load(); }

Q_SIGNALS:
    // The file opened: its rate, channels and promised length; the
    // consumers have begun.
    void opened(const postil::AudioStreamInfo& info);
    // At most about ten times a second while decoding: frames decoded so far
    // and the frames expected (-1 when unknown); `fraction` 0..1 either way.
    void progress(qint64 framesDone, qint64 framesExpected, double fraction);
    void finished(const postil::AudioDecodeResult& result);

private:
    void stopThread();

    QList<AudioChunkConsumer*> m_consumers;
    QThread* m_thread = nullptr;
    std::atomic_bool m_cancel{false};
    std::atomic<qint64> m_framesDone{0};
    // Bumped by each start(): reports of an older run are dropped.
    quint64 m_run = 0;
};

}  // namespace postil

Q_DECLARE_METATYPE(postil::AudioStreamInfo)
Q_DECLARE_METATYPE(postil::AudioDecodeResult)

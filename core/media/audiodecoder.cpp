#include "media/audiodecoder.h"

#include <QElapsedTimer>
#include <QThread>
#include <vector>

namespace postil {

namespace audiodecode {

AudioDecodeResult run(AudioSource& source, const QList<AudioChunkConsumer*>& consumers,
                      const std::atomic_bool* cancel, const std::function<void(qint64)>& progress,
                      const std::function<void()>& begun) {
    QElapsedTimer clock;
    clock.start();
    AudioDecodeResult result;
    result.info = source.info();
    const int channels = result.info.channels;
    const qint64 chunkFrames = qMax<qint64>(1024, kChunkSamples / channels);
    std::vector<float> buffer(size_t(chunkFrames) * channels);
    for (AudioChunkConsumer* consumer : consumers)
        consumer->begin(result.info);
    if (begun)
        begun();
    while (true) {
        if (cancel && cancel->load(std::memory_order_relaxed)) {
            result.cancelled = true;
            break;
        }
        Expected<qint64> got = source.read(buffer.data(), chunkFrames);
        if (!got.ok()) {
            result.damage = got.error();
            break;
        }
        if (*got == 0)
            break;
        for (AudioChunkConsumer* consumer : consumers)
            consumer->consume(buffer.data(), *got);
        result.frames += *got;
        if (progress)
            progress(result.frames);
    }
    for (AudioChunkConsumer* consumer : consumers)
        consumer->end(result.frames);
    if (result.damage.isEmpty())
        result.damage = source.damage();
    result.elapsedMs = clock.elapsed();
    return result;
}

}  // namespace audiodecode

AudioDecoder::AudioDecoder(QObject* parent) : QObject(parent) {
    qRegisterMetaType<AudioStreamInfo>();
    qRegisterMetaType<AudioDecodeResult>();
}

AudioDecoder::~AudioDecoder() {
    stopThread();
}

void AudioDecoder::addConsumer(AudioChunkConsumer* consumer) {
    m_consumers << consumer;
}

bool AudioDecoder::isRunning() const {
    return m_thread && m_thread->isRunning();
}

void AudioDecoder::cancel() {
    stopThread();
}

void AudioDecoder::stopThread() {
    if (!m_thread)
        return;
    m_cancel = true;
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
}

void AudioDecoder::start(const QString& path) {
    stopThread();
    m_cancel = false;
    m_framesDone = 0;
    const quint64 run = ++m_run;
    const QList<AudioChunkConsumer*> consumers = m_consumers;
    // Reports go through this object's event loop: emitted on its thread, in
    // order, and dropped when a newer run has started or the object is gone.
    auto report = [this, run](auto&& emitIt) {
        QMetaObject::invokeMethod(
            this,
            [this, run, emitIt = std::forward<decltype(emitIt)>(emitIt)]() {
                if (run == m_run)
                    emitIt();
            },
            Qt::QueuedConnection);
    };
    m_thread = QThread::create([this, path, consumers, report] {
        QElapsedTimer clock;
        clock.start();
        auto source = AudioSource::open(path);
        if (!source.ok()) {
            AudioDecodeResult result;
            result.error = source.error();
            result.elapsedMs = clock.elapsed();
            report([this, result] { Q_EMIT finished(result); });
            return;
        }
        AudioSource& decoding = **source;
        const AudioStreamInfo info = decoding.info();
        qint64 lastReport = -1000;
        auto progressed = [&](qint64 frames) {
            m_framesDone = frames;
            const qint64 now = clock.elapsed();
            if (now - lastReport < 100)
                return;
            lastReport = now;
            const qint64 expected = info.frames;
            const double fraction = expected > 0 ? qMin(1.0, double(frames) / double(expected))
                                                 : decoding.bytesFraction();
            report([this, frames, expected, fraction] {
                Q_EMIT progress(frames, expected, fraction);
            });
        };
        AudioDecodeResult result =
            audiodecode::run(decoding, consumers, &m_cancel, progressed,
                             [&] { report([this, info] { Q_EMIT opened(info); }); });
        result.elapsedMs = clock.elapsed();
        report([this, result] { Q_EMIT finished(result); });
    });
    m_thread->setObjectName(QStringLiteral("audio decoder"));
    m_thread->start(QThread::LowPriority);
}

}  // namespace postil

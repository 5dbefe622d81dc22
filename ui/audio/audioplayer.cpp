#include "audio/audioplayer.h"

#include <QAudioDevice>
#include <QAudioFormat>
#include <QAudioSink>
#include <QIODevice>
#include <QMediaDevices>
#include <QThread>
#include <functional>
#include <limits>
#include <vector>

namespace postil {

namespace {

// What the sound server is asked to hold ahead of what is heard: four of
// Qt's 20 ms pulls, so that a play or seek is heard within it.
constexpr int kDeviceBufferMs = 80;
// How often the device's thread notes what is heard.
constexpr int kHeardTickMs = 10;
// How often the GUI thread reads it: about 30 frames a second.
constexpr int kPositionTickMs = 33;

// The sink's source in pull mode: the pipeline, never empty (silence while
// paused), so the device never goes idle and playing starts at once.
class PipelineDevice final : public QIODevice {
public:
    PipelineDevice(std::shared_ptr<PlaybackPipeline> pipeline, bool int16)
        : m_pipeline(std::move(pipeline)), m_int16(int16) {}

    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override {
        return std::numeric_limits<int>::max() / 2 + QIODevice::bytesAvailable();
    }
    int bytesPerFrame() const {
        return m_pipeline->outputChannels() * (m_int16 ? int(sizeof(qint16)) : int(sizeof(float)));
    }

protected:
    qint64 readData(char* data, qint64 maxSize) override {
        const qint64 frames = maxSize / bytesPerFrame();
        if (frames <= 0)
            return 0;
        if (!m_int16) {
            m_pipeline->pull(reinterpret_cast<float*>(data), frames);
        } else {
            m_floats.resize(size_t(frames * m_pipeline->outputChannels()));
            m_pipeline->pull(m_floats.data(), frames);
            auto* out = reinterpret_cast<qint16*>(data);
            for (size_t i = 0; i < m_floats.size(); ++i)
                out[i] = qint16(qRound(m_floats[i] * 32767.0f));
        }
        return frames * bytesPerFrame();
    }
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    std::shared_ptr<PlaybackPipeline> m_pipeline;
    bool m_int16;
    std::vector<float> m_floats;
};

QString noDeviceText() {
    return AudioPlayer::tr(
        "No audio output device was found, so nothing can be played. The waveform, the transcript "
        "and everything else work.");
}

}  // namespace

// Owns the QAudioSink on the device's thread, where it was made and must be
// used. The sink runs only while the pipeline plays: a paused stream is
// stopped, and every change of what is heard (play, seek, speed) restarts it
// around the change, so the change is heard at once instead of after the
// audio the sound server still holds (about 150 ms with Qt's buffer).
class AudioSinkHost : public QObject {
    Q_OBJECT
public:
    AudioSinkHost(std::shared_ptr<PlaybackPipeline> pipeline,
                  std::shared_ptr<std::atomic<qint64>> heard)
        : m_pipeline(std::move(pipeline)), m_heard(std::move(heard)) {}

    void init(const QAudioDevice& device) {
        QAudioFormat format;
        format.setSampleRate(m_pipeline->sampleRate());
        format.setChannelCount(m_pipeline->outputChannels());
        format.setSampleFormat(QAudioFormat::Float);
        bool int16 = false;
        if (!device.isFormatSupported(format)) {
            format.setSampleFormat(QAudioFormat::Int16);
            int16 = true;
            if (!device.isFormatSupported(format)) {
                Q_EMIT problem(AudioPlayer::tr("The audio output (%1) cannot play %2 Hz audio, so "
                                               "nothing can be played. Everything else works.")
                                   .arg(device.description())
                                   .arg(m_pipeline->sampleRate()));
                return;
            }
        }
        m_device = new PipelineDevice(m_pipeline, int16);
        m_device->setParent(this);
        // Unbuffered: QIODevice would otherwise read 16 KiB ahead of what
        // the sink asks, which the clock would count as held by the device.
        m_device->open(QIODevice::ReadOnly | QIODevice::Unbuffered);
        m_sink = new QAudioSink(device, format, this);
        m_bufferBytes = format.bytesForDuration(kDeviceBufferMs * 1000);
        auto* timer = new QTimer(this);
        timer->setTimerType(Qt::PreciseTimer);
        connect(timer, &QTimer::timeout, this, &AudioSinkHost::noteHeard);
        timer->start(kHeardTickMs);
    }

    // Runs `change` on the pipeline with the sink stopped around it, and
    // starts the sink again when the pipeline plays after it.
    void apply(const std::function<void(PlaybackPipeline&)>& change) {
        stopSink();
        change(*m_pipeline);
        if (m_pipeline->isPlaying())
            startSink();
        noteHeard();
    }

    void stopSink() {
        if (m_sink && m_sink->state() != QAudio::StoppedState)
            m_sink->stop();
    }

    // The pipeline paused by itself (the end): nothing more to hear.
    void stopIfPaused() {
        if (!m_pipeline->isPlaying())
            stopSink();
    }

Q_SIGNALS:
    void problem(const QString& text);

private:
    void startSink() {
        if (!m_sink)
            return;
        // Asked again before every start: Qt 6.4's PulseAudio sink keeps the
        // size the server granted (less, with the latency split off) and
        // asks for that next time, so the buffer shrank with each restart
        // until it was smaller than one pull and nothing played.
        m_sink->setBufferSize(m_bufferBytes);
        m_sink->start(m_device);
        // Qt 6.4's PulseAudio sink may wait for readyRead before its first
        // pull (it did after a stop and start): the pipeline always has data.
        Q_EMIT m_device->readyRead();
        const QAudio::Error error = m_sink->error();
        if (error == QAudio::OpenError || error == QAudio::FatalError) {
            m_pipeline->pause();
            Q_EMIT problem(AudioPlayer::tr("The audio output stopped working (%1), so nothing can "
                                           "be played. Everything else works.")
                               .arg(error == QAudio::OpenError
                                        ? AudioPlayer::tr("it could not be opened")
                                        : AudioPlayer::tr("a device error")));
        }
    }

    // What is heard: what was pulled minus what the sink still holds.
    void noteHeard() {
        qint64 held = 0;
        if (m_sink && m_device && m_sink->state() != QAudio::StoppedState)
            held = qMax<qint64>(0, m_sink->bufferSize() - m_sink->bytesFree()) /
                   m_device->bytesPerFrame();
        m_heard->store(qMax<qint64>(0, m_pipeline->framesPulled() - held));
    }

    std::shared_ptr<PlaybackPipeline> m_pipeline;
    std::shared_ptr<std::atomic<qint64>> m_heard;
    PipelineDevice* m_device = nullptr;
    QAudioSink* m_sink = nullptr;
    qsizetype m_bufferBytes = 0;
};

AudioPlayer::AudioPlayer(QObject* parent) : QObject(parent) {
    m_ticker.setInterval(kPositionTickMs);
    connect(&m_ticker, &QTimer::timeout, this, &AudioPlayer::tick);
}

AudioPlayer::~AudioPlayer() {
    close();
}

Status AudioPlayer::open(const QString& path) {
    close();
    auto pipeline = PlaybackPipeline::open(path);
    if (!pipeline.ok())
        return Status::failure(pipeline.error());
    m_pipeline = std::shared_ptr<PlaybackPipeline>(std::move(*pipeline));
    m_heardOutput = std::make_shared<std::atomic<qint64>>(-1);
    m_wasPlaying = false;
    m_lastPosition = -1;
    m_ticker.start();
    const QAudioDevice device = QMediaDevices::defaultAudioOutput();
    if (device.isNull()) {
        setDeviceProblem(noDeviceText());
        return Status::success();
    }
    setDeviceProblem(QString());
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("audio output"));
    m_host = new AudioSinkHost(m_pipeline, m_heardOutput);
    m_host->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_host, &QObject::deleteLater);
    connect(m_host, &AudioSinkHost::problem, this, [this](const QString& text) {
        setDeviceProblem(text);
        if (m_pipeline)
            m_pipeline->pause();
        afterCommand();
    });
    m_thread->start(QThread::TimeCriticalPriority);
    QMetaObject::invokeMethod(
        m_host, [host = m_host, device] { host->init(device); }, Qt::QueuedConnection);
    return Status::success();
}

void AudioPlayer::close() {
    m_ticker.stop();
    if (m_thread) {
        QMetaObject::invokeMethod(m_host, &AudioSinkHost::stopSink, Qt::BlockingQueuedConnection);
        m_thread->quit();
        m_thread->wait();
        delete m_thread;
        m_thread = nullptr;
        m_host = nullptr;
    }
    const bool wasPlaying = m_wasPlaying;
    m_pipeline.reset();
    m_heardOutput.reset();
    m_wasPlaying = false;
    setDeviceProblem(QString());
    if (wasPlaying)
        Q_EMIT playingChanged(false);
}

void AudioPlayer::setDeviceProblem(const QString& problem) {
    if (problem == m_deviceProblem)
        return;
    m_deviceProblem = problem;
    Q_EMIT deviceProblemChanged(problem);
}

int AudioPlayer::sampleRate() const {
    return m_pipeline ? m_pipeline->sampleRate() : 0;
}

qint64 AudioPlayer::frames() const {
    return m_pipeline ? m_pipeline->frames() : -1;
}

qint64 AudioPlayer::positionFrame() const {
    if (!m_pipeline)
        return 0;
    // Paused: where playing would start (a seek shows at once). Playing:
    // what the device plays now.
    if (!hasDevice() || !m_pipeline->isPlaying())
        return m_pipeline->position();
    const qint64 heard = m_heardOutput->load();
    return heard < 0 ? m_pipeline->position() : m_pipeline->sourceFrameAt(heard);
}

qint64 AudioPlayer::positionMs() const {
    return m_pipeline ? m_pipeline->framesToMs(positionFrame()) : 0;
}

bool AudioPlayer::isPlaying() const {
    return m_pipeline && m_pipeline->isPlaying();
}

void AudioPlayer::change(const std::function<void(PlaybackPipeline&)>& change) {
    if (!m_pipeline)
        return;
    if (m_host && hasDevice())
        QMetaObject::invokeMethod(
            m_host, [host = m_host, change] { host->apply(change); }, Qt::BlockingQueuedConnection);
    else
        change(*m_pipeline);
    afterCommand();
}

void AudioPlayer::play() {
    if (hasDevice())
        change([](PlaybackPipeline& p) { p.play(); });
}

void AudioPlayer::resume() {
    if (hasDevice())
        change([](PlaybackPipeline& p) { p.resume(); });
}

void AudioPlayer::pause() {
    change([](PlaybackPipeline& p) { p.pause(); });
}

void AudioPlayer::togglePlayback() {
    if (isPlaying())
        pause();
    else
        resume();
}

void AudioPlayer::seekFrame(qint64 frame) {
    change([frame](PlaybackPipeline& p) { p.seek(frame); });
}

void AudioPlayer::seekMs(qint64 ms) {
    if (m_pipeline)
        seekFrame(m_pipeline->msToFrames(ms));
}

void AudioPlayer::skipMs(qint64 deltaMs) {
    change([deltaMs](PlaybackPipeline& p) { p.skip(deltaMs); });
}

void AudioPlayer::playRangeMs(qint64 fromMs, qint64 toMs, bool loop) {
    const bool device = hasDevice();
    change([fromMs, toMs, loop, device](PlaybackPipeline& p) {
        p.playRange(p.msToFrames(fromMs), p.msToFrames(toMs), loop);
        if (!device)
            p.pause();  // the range is set and the clock at its start
    });
}

void AudioPlayer::setLoopMs(qint64 fromMs, qint64 toMs) {
    change([fromMs, toMs](PlaybackPipeline& p) {
        p.setLoop(p.msToFrames(fromMs), p.msToFrames(toMs));
    });
}

void AudioPlayer::clearRange() {
    if (m_pipeline)
        m_pipeline->clearRange();
}

double AudioPlayer::speed() const {
    return m_pipeline ? m_pipeline->speed() : 1.0;
}

void AudioPlayer::setSpeed(double speed) {
    if (!m_pipeline)
        return;
    const double before = m_pipeline->speed();
    change([speed](PlaybackPipeline& p) { p.setSpeed(speed); });
    if (m_pipeline->speed() != before)
        Q_EMIT speedChanged(m_pipeline->speed());
}

void AudioPlayer::slower() {
    if (!m_pipeline)
        return;
    const double before = m_pipeline->speed();
    change([](PlaybackPipeline& p) { p.slower(); });
    if (m_pipeline->speed() != before)
        Q_EMIT speedChanged(m_pipeline->speed());
}

void AudioPlayer::faster() {
    if (!m_pipeline)
        return;
    const double before = m_pipeline->speed();
    change([](PlaybackPipeline& p) { p.faster(); });
    if (m_pipeline->speed() != before)
        Q_EMIT speedChanged(m_pipeline->speed());
}

double AudioPlayer::volume() const {
    return m_pipeline ? m_pipeline->volume() : 1.0;
}

void AudioPlayer::setVolume(double gain) {
    if (m_pipeline)
        m_pipeline->setVolume(gain);
}

void AudioPlayer::setAutoRewindMs(qint64 ms) {
    if (m_pipeline)
        m_pipeline->setAutoRewindMs(ms);
}

void AudioPlayer::afterCommand() {
    tick();
}

void AudioPlayer::tick() {
    if (!m_pipeline)
        return;
    const bool playing = m_pipeline->isPlaying();
    const qint64 position = positionFrame();
    if (position != m_lastPosition) {
        m_lastPosition = position;
        Q_EMIT positionChanged(position);
    }
    if (playing != m_wasPlaying) {
        m_wasPlaying = playing;
        // Paused by itself at an end: the sink stops pulling silence.
        if (!playing && m_host)
            QMetaObject::invokeMethod(m_host, &AudioSinkHost::stopIfPaused, Qt::QueuedConnection);
        Q_EMIT playingChanged(playing);
        if (!playing && m_pipeline->atEnd())
            Q_EMIT reachedEnd();
    }
}

}  // namespace postil

#include "audioplayer.moc"

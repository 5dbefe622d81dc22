#include "audio/audioplayer.h"

#include <QAudioDevice>
#include <QAudioFormat>
#include <QAudioSink>
#include <QIODevice>
#include <QMediaDevices>
#include <QThread>
#include <limits>
#include <vector>

namespace postil {

namespace {

// What the device holds ahead of what is heard: small, so play, pause and
// seeks are heard within it (the pipeline fills it in a fraction of that).
constexpr int kDeviceBufferMs = 60;
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
// used.
class AudioSinkHost : public QObject {
    Q_OBJECT
public:
    AudioSinkHost(std::shared_ptr<PlaybackPipeline> pipeline,
                  std::shared_ptr<std::atomic<qint64>> heard)
        : m_pipeline(std::move(pipeline)), m_heard(std::move(heard)) {}

    void start(const QAudioDevice& device) {
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
        m_device->open(QIODevice::ReadOnly);
        m_sink = new QAudioSink(device, format, this);
        m_sink->setBufferSize(format.bytesForDuration(kDeviceBufferMs * 1000));
        connect(m_sink, &QAudioSink::stateChanged, this, [this](QAudio::State) {
            const QAudio::Error error = m_sink->error();
            if (error == QAudio::OpenError || error == QAudio::FatalError)
                Q_EMIT problem(failureText(error));
        });
        m_sink->start(m_device);
        if (m_sink->error() == QAudio::OpenError || m_sink->error() == QAudio::FatalError) {
            Q_EMIT problem(failureText(m_sink->error()));
            return;
        }
        auto* timer = new QTimer(this);
        timer->setTimerType(Qt::PreciseTimer);
        connect(timer, &QTimer::timeout, this, &AudioSinkHost::noteHeard);
        timer->start(kHeardTickMs);
    }

    void stop() {
        if (m_sink)
            m_sink->stop();
        delete m_sink;
        m_sink = nullptr;
    }

Q_SIGNALS:
    void problem(const QString& text);

private:
    static QString failureText(QAudio::Error error) {
        return AudioPlayer::tr(
                   "The audio output stopped working (%1), so nothing can be played. "
                   "Everything else works.")
            .arg(error == QAudio::OpenError ? AudioPlayer::tr("it could not be opened")
                                            : AudioPlayer::tr("a device error"));
    }

    // What is heard: what was pulled minus what the device still holds.
    void noteHeard() {
        if (!m_sink || !m_device)
            return;
        const qint64 held = qMax<qint64>(0, m_sink->bufferSize() - m_sink->bytesFree());
        m_heard->store(
            qMax<qint64>(0, m_pipeline->framesPulled() - held / m_device->bytesPerFrame()));
    }

    std::shared_ptr<PlaybackPipeline> m_pipeline;
    std::shared_ptr<std::atomic<qint64>> m_heard;
    PipelineDevice* m_device = nullptr;
    QAudioSink* m_sink = nullptr;
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
        if (m_pipeline)
            m_pipeline->pause();
        setDeviceProblem(text);
        afterCommand();
    });
    m_thread->start(QThread::TimeCriticalPriority);
    QMetaObject::invokeMethod(
        m_host, [host = m_host, device] { host->start(device); }, Qt::QueuedConnection);
    return Status::success();
}

void AudioPlayer::close() {
    m_ticker.stop();
    if (m_thread) {
        QMetaObject::invokeMethod(m_host, &AudioSinkHost::stop, Qt::BlockingQueuedConnection);
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

void AudioPlayer::play() {
    if (!hasDevice())
        return;
    m_pipeline->play();
    afterCommand();
}

void AudioPlayer::resume() {
    if (!hasDevice())
        return;
    m_pipeline->resume();
    afterCommand();
}

void AudioPlayer::pause() {
    if (!m_pipeline)
        return;
    m_pipeline->pause();
    afterCommand();
}

void AudioPlayer::togglePlayback() {
    if (isPlaying())
        pause();
    else
        resume();
}

void AudioPlayer::seekFrame(qint64 frame) {
    if (!m_pipeline)
        return;
    m_pipeline->seek(frame);
    afterCommand();
}

void AudioPlayer::seekMs(qint64 ms) {
    if (m_pipeline)
        seekFrame(m_pipeline->msToFrames(ms));
}

void AudioPlayer::skipMs(qint64 deltaMs) {
    if (!m_pipeline)
        return;
    m_pipeline->skip(deltaMs);
    afterCommand();
}

void AudioPlayer::playRangeMs(qint64 fromMs, qint64 toMs, bool loop) {
    if (!m_pipeline)
        return;
    m_pipeline->playRange(m_pipeline->msToFrames(fromMs), m_pipeline->msToFrames(toMs), loop);
    if (!hasDevice())
        m_pipeline->pause();  // the range is set and the clock at its start
    afterCommand();
}

void AudioPlayer::setLoopMs(qint64 fromMs, qint64 toMs) {
    if (!m_pipeline)
        return;
    m_pipeline->setLoop(m_pipeline->msToFrames(fromMs), m_pipeline->msToFrames(toMs));
    afterCommand();
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
    m_pipeline->setSpeed(speed);
    if (m_pipeline->speed() != before)
        Q_EMIT speedChanged(m_pipeline->speed());
    afterCommand();
}

void AudioPlayer::slower() {
    if (m_pipeline) {
        m_pipeline->slower();
        Q_EMIT speedChanged(m_pipeline->speed());
    }
}

void AudioPlayer::faster() {
    if (m_pipeline) {
        m_pipeline->faster();
        Q_EMIT speedChanged(m_pipeline->speed());
    }
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
        Q_EMIT playingChanged(playing);
        if (!playing && m_pipeline->atEnd())
            Q_EMIT reachedEnd();
    }
}

}  // namespace postil

#include "audioplayer.moc"

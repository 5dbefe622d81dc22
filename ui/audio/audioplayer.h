#pragma once

#include <QObject>
#include <QPointer>
#include <QString>
#include <QTimer>
#include <atomic>
#include <functional>
#include <memory>

#include "media/playbackpipeline.h"
#include "store/status.h"

class QThread;

namespace postil {

class AudioSinkHost;

// Plays one audio file through the system's audio output: a QAudioSink on
// a thread of its own pulling from a PlaybackPipeline (core: decoding,
// SoundTouch, volume, the clock), so a busy GUI thread never starves it.
// This is the only part of playback that needs Qt Multimedia, which core
// may not link (docs/architecture.md §1, §13).
//
// Without an audio device (a headless machine, the sound server down) the
// player says so (deviceProblem()), play() does nothing, and everything
// else works: seeking, the clock, speed and loops are set as usual.
//
// Times are source frames (the one clock of waveform, playhead and
// segments) or milliseconds, whichever the caller holds.
class AudioPlayer : public QObject {
    Q_OBJECT
public:
    explicit AudioPlayer(QObject* parent = nullptr);
    // Stops the device and waits for its thread (milliseconds).
    ~AudioPlayer() override;

    // Opens `path` for playback and the audio device for it (on the
    // device's thread; deviceProblem() says when there is none). Fails,
    // naming the file, when it cannot be decoded; then nothing is open.
    Status open(const QString& path);
    void close();
    bool isOpen() const { return m_pipeline != nullptr; }

    // "" while the device works; else a sentence for the editor to show.
    QString deviceProblem() const { return m_deviceProblem; }
    bool hasDevice() const { return isOpen() && m_deviceProblem.isEmpty(); }

    int sampleRate() const;
    qint64 frames() const;  // -1 when unknown or nothing is open
    // What is heard now: the source frame at the device's output (what the
    // device still holds is subtracted), or the pipeline's position when
    // nothing plays.
    qint64 positionFrame() const;
    qint64 positionMs() const;
    bool isPlaying() const;

    void play();
    // Play after a pause with the auto-rewind (PlaybackPipeline::resume).
    void resume();
    void pause();
    // Pause when playing, else resume: the play/pause key.
    void togglePlayback();
    void seekFrame(qint64 frame);
    void seekMs(qint64 ms);
    void skipMs(qint64 deltaMs);  // back: negative
    // Plays [fromMs, toMs) once (play selection, play segment) or looping.
    void playRangeMs(qint64 fromMs, qint64 toMs, bool loop);
    void setLoopMs(qint64 fromMs, qint64 toMs);
    void clearRange();
    double speed() const;
    void setSpeed(double speed);
    void slower();
    void faster();
    double volume() const;
    void setVolume(double gain);
    void setAutoRewindMs(qint64 ms);

    // The pipeline, for what the wrappers above do not cover (tests).
    PlaybackPipeline* pipeline() const { return m_pipeline.get(); }

Q_SIGNALS:
    // About 30 times a second while playing, and after each seek.
    void positionChanged(qint64 frame);
    void playingChanged(bool playing);
    void speedChanged(double speed);
    void deviceProblemChanged(const QString& problem);
    // Playback paused at the end of the audio or of a range played once.
    void reachedEnd();

private:
    void setDeviceProblem(const QString& problem);
    // Applies `change` to the pipeline: on the device's thread around a
    // restart of the sink when there is a device (AudioSinkHost::apply),
    // directly when there is none.
    void change(const std::function<void(PlaybackPipeline&)>& change);
    void tick();
    void afterCommand();

    std::shared_ptr<PlaybackPipeline> m_pipeline;
    QThread* m_thread = nullptr;
    AudioSinkHost* m_host = nullptr;  // lives on m_thread
    // The heard output frame, from the device's thread: pulled minus held.
    std::shared_ptr<std::atomic<qint64>> m_heardOutput;
    QString m_deviceProblem;
    QTimer m_ticker;
    bool m_wasPlaying = false;
    qint64 m_lastPosition = -1;
};

}  // namespace postil

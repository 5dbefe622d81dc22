#pragma once

#include <QList>
#include <QString>
#include <deque>
#include <memory>
#include <mutex>
#include <vector>

#include "media/audiosource.h"
#include "store/status.h"

namespace soundtouch {
class SoundTouch;
}

namespace postil {

// The samples of playback, without a device: decoded audio (its own
// AudioSource) → SoundTouch (tempo 0.5×–2×, pitch kept; bypassed at 1×, so
// normal speed is the file's samples exactly) → volume → pull(). The audio
// device (ui/audio/AudioPlayer, which may link Qt Multimedia) pulls from its
// own thread; tests pull directly.
//
// One clock for everything: the source frame. position() is the frame the
// next pulled frame comes from; sourceFrameAt(k) maps any pulled frame k
// back to the source frame it played, across seeks, loops and speed changes
// (a device subtracts what it still holds to find what is heard). Seeks and
// loop boundaries are exact to the frame at any speed: the source is read
// from exactly there, and a loop feeds SoundTouch exactly the range.
//
// Every method is thread-safe (one mutex; pull() holds it for the time one
// chunk takes to decode and stretch). Commands only set state: the source is
// read and seeked inside pull(), on the device's thread.
class PlaybackPipeline {
public:
    static constexpr double kMinSpeed = 0.5;
    static constexpr double kMaxSpeed = 2.0;
    // The speeds slower()/faster() step through.
    static const QList<double>& speedSteps();
    static constexpr qint64 kDefaultAutoRewindMs = 1500;  // as oTranscribe does

    // Opens the file; fails naming it (AudioSource::open's messages).
    static Expected<std::unique_ptr<PlaybackPipeline>> open(const QString& path);
    explicit PlaybackPipeline(std::unique_ptr<AudioSource> source);
    ~PlaybackPipeline();
    PlaybackPipeline(const PlaybackPipeline&) = delete;
    PlaybackPipeline& operator=(const PlaybackPipeline&) = delete;

    // The output: the source's rate, 1 channel for mono, else 2 (more
    // channels are folded: even ones left, odd ones right).
    int sampleRate() const { return m_rate; }
    int outputChannels() const { return m_outChannels; }
    // The source's promised length (-1 when unknown) and what was found
    // when its end was reached.
    qint64 frames() const;
    qint64 msToFrames(qint64 ms) const { return ms * m_rate / 1000; }
    qint64 framesToMs(qint64 frames) const { return frames * 1000 / m_rate; }

    // Fills `out` with `frames` interleaved output frames: audio while
    // playing, silence while paused (a device fed nothing goes idle). Never
    // fails: a read error plays as the end of the audio.
    void pull(float* out, qint64 frames);
    // Output frames pulled so far, silence included.
    qint64 framesPulled() const;

    qint64 position() const;
    qint64 sourceFrameAt(qint64 pulledFrame) const;

    bool isPlaying() const;
    // Reached the end of the audio or of a range played once, and paused
    // there; cleared by the next play or seek.
    bool atEnd() const;
    void play();
    // Play after a pause, first stepping back the auto-rewind (not before
    // the range's start); from the start again when at the end.
    void resume();
    void pause();
    void setAutoRewindMs(qint64 ms);
    qint64 autoRewindMs() const;

    // Moves the clock to `frame` (clamped to the audio and the range):
    // exact, heard after what the device still holds.
    void seek(qint64 frame);
    // Seeks by `deltaMs` from the position (skip back: negative).
    void skip(qint64 deltaMs);

    // Plays frames [from, to) only: once (then pauses at `to`, atEnd()) or
    // looping, sample-exact. Seeks to `from` and plays.
    void playRange(qint64 from, qint64 to, bool loop);
    // Loops [from, to) from where the clock is (into it when outside).
    void setLoop(qint64 from, qint64 to);
    void clearRange();
    bool isLooping() const;

    double speed() const;
    // Clamped to 0.5–2; the position stays where it is.
    void setSpeed(double speed);
    // The next step of speedSteps() below or above the current speed.
    void slower();
    void faster();
    double volume() const;
    void setVolume(double gain);  // 0 (silent) to 2; 1 as decoded

    // Damage the source met (AudioSource::damage()), "" for none.
    QString damage() const;

private:
    // A stretch of output frames mapped linearly onto source frames: from
    // output frame `outStart` on, source frame srcStart + (k - outStart) * rate,
    // at most `srcLimit` (the end of a stretch that was played to its end).
    struct ClockSpan {
        qint64 outStart = 0;
        qint64 srcStart = 0;
        double rate = 0;  // 0 while paused
        qint64 srcLimit = -1;
    };

    qint64 positionLocked() const;
    qint64 sourceFrameAtLocked(qint64 pulledFrame) const;
    // Starts a new clock span at output frame `outFrame` (-1: the next one
    // pulled).
    void markLocked(qint64 srcFrame, double rate, qint64 outFrame = -1);
    // Jumps to `frame`: the source is seeked at the next pull, SoundTouch
    // starts empty.
    void jumpLocked(qint64 frame);
    qint64 clampLocked(qint64 frame) const;
    // Reads up to `frames` source frames (not past the range's end), folded
    // to the output's channels, into m_folded; returns how many.
    qint64 readSourceLocked(qint64 frames);
    // At the end of the range or audio: wraps (looping) or pauses there.
    void reachedEndLocked(qint64 outFrame);

    mutable std::mutex m_mutex;
    std::unique_ptr<AudioSource> m_source;
    std::unique_ptr<soundtouch::SoundTouch> m_stretch;
    const int m_rate;
    const int m_srcChannels;
    const int m_outChannels;
    qint64 m_knownFrames;           // the promised length, or the end found
    qint64 m_readPosition = 0;      // the source frame the next read gives
    qint64 m_pendingSeek = -1;      // done at the next pull
    bool m_stretchFlushed = false;  // the range's end went into SoundTouch
    bool m_readSinceWrap = true;    // a loop's pass read something
    bool m_playing = false;
    bool m_atEnd = false;
    double m_speed = 1.0;
    double m_volume = 1.0;
    qint64 m_autoRewind;
    qint64 m_rangeStart = 0;
    qint64 m_rangeEnd = -1;  // -1: to the end of the audio
    bool m_loop = false;
    qint64 m_pulled = 0;
    std::deque<ClockSpan> m_spans;
    std::vector<float> m_read;    // source channels
    std::vector<float> m_folded;  // output channels
};

}  // namespace postil

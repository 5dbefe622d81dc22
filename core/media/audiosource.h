#pragma once

#include <QString>
#include <memory>

#include "store/status.h"

class QIODevice;

namespace postil {

// What an opened audio stream holds.
struct AudioStreamInfo {
    int sampleRate = 0;  // Hz
    int channels = 0;
    // Frames (samples per channel) the header promises; -1 when the file does
    // not say (a stream without an index). Decoding may find fewer (a
    // truncated file) or, for compressed formats, slightly more or fewer.
    qint64 frames = -1;
    QString codec;    // e.g. "FLAC", "aac"
    QString decoder;  // "libsndfile" or "FFmpeg": which library reads it

    qint64 durationMs() const {
        return frames < 0 || sampleRate <= 0 ? -1 : (frames * 1000 + sampleRate / 2) / sampleRate;
    }
};

// One audio file opened for decoding, read in chunks of interleaved 32-bit
// float frames at the file's own rate and channel count, nominally in
// [-1, 1]. libsndfile reads WAV, FLAC, Ogg Vorbis, Opus, AIFF...; FFmpeg's
// libraries read MP3 (see open()) and what libsndfile cannot open (M4A/AAC,
// WMA, Matroska audio...).
// Not thread-safe: one thread reads a source at a time.
//
// Every file is hostile: sizes and channel counts are bounded, and a
// damaged stretch is skipped and said (damage()) rather than ending the read.
class AudioSource {
public:
    // Hostile files claim absurd formats; these bound what is decoded.
    static constexpr int kMaxChannels = 64;
    static constexpr int kMinSampleRate = 1000;
    static constexpr int kMaxSampleRate = 768000;
    // 2^40 frames, eight months at 48 kHz: a header promising more is read
    // as not saying (frames -1), so no arithmetic on lengths can overflow.
    static constexpr qint64 kMaxFrames = qint64(1) << 40;

    // Opens the file at `path` (any characters: it is read through QFile).
    // Fails with a message naming the file when it is missing, unreadable,
    // empty or not audio either library decodes.
    static Expected<std::unique_ptr<AudioSource>> open(const QString& path);
    // The same over an open device (tests, fuzzing). `name` stands for the
    // file in messages and helps guess the format by its extension. The
    // source does not own the device, which must outlive it.
    static Expected<std::unique_ptr<AudioSource>> open(QIODevice* device, const QString& name);

    virtual ~AudioSource();
    AudioSource(const AudioSource&) = delete;
    AudioSource& operator=(const AudioSource&) = delete;

    const AudioStreamInfo& info() const { return m_info; }
    QString name() const { return m_name; }

    // Reads up to `maxFrames` frames into `out` (room for maxFrames *
    // channels floats). Returns the frames read, 0 at the end of the audio;
    // fails only when nothing more can be read (the device went away).
    virtual Expected<qint64> read(float* out, qint64 maxFrames) = 0;
    // Moves to `frame` exactly: the next read() starts there (past the end:
    // reads nothing).
    virtual Status seek(qint64 frame) = 0;
    // The frame the next read() returns.
    qint64 position() const { return m_position; }

    // Damage met so far, one line naming the file, "" for none: a stretch
    // that did not decode and was skipped, or a file that ends before its
    // header says (noticed when the read reaches the end).
    QString damage() const;
    // How much of the file's bytes has been consumed, 0..1: progress for
    // streams whose length is not known in frames.
    double bytesFraction() const;

protected:
    AudioSource(QIODevice* device, QString name);
    void noteDamage(qint64 frame);
    void noteTruncated(qint64 promisedFrames, qint64 foundFrames);
    QIODevice* device() const { return m_device; }

    AudioStreamInfo m_info;
    qint64 m_position = 0;

private:
    std::unique_ptr<QIODevice> m_ownedDevice;
    QIODevice* m_device = nullptr;
    QString m_name;
    qint64 m_damagedStretches = 0;
    qint64 m_firstDamageFrame = -1;
    qint64 m_promisedFrames = -1;
    qint64 m_foundFrames = -1;
};

}  // namespace postil

#pragma once

#include <QByteArray>
#include <QReadWriteLock>
#include <array>
#include <memory>
#include <vector>

#include "media/audiodecoder.h"
#include "store/status.h"

namespace postil {

// The lowest and highest sample of a stretch of audio, all channels
// together, in [-1, 1]. Empty (min > max) where nothing is known.
struct PeakRange {
    float min = 1;
    float max = -1;

    bool isEmpty() const { return min > max; }
    void add(const PeakRange& other) {
        min = std::min(min, other.min);
        max = std::max(max, other.max);
    }
};

// The waveform's peaks: min/max per block of frames at several zoom levels,
// each level's blocks `kFactor` times wider than the one below (256, 1,024,
// 4,096... frames), so drawing any zoom reads a few blocks per pixel. One
// envelope for all channels. Values are kept as 16-bit integers: 4 bytes per
// block, 2.5 MB for an hour of 44.1 kHz audio with every level.
//
// Grows while the audio decodes: one writer (PeakPyramidBuilder, on the
// decoding thread) appends while any thread reads; readers see whole blocks
// only until finish(), then the short last one too.
class PeakPyramid {
public:
    static constexpr int kBaseFrames = 256;
    static constexpr int kFactor = 4;
    static constexpr int kLevels = 10;  // the top level's blocks: 25 min at 44.1 kHz

    PeakPyramid(int sampleRate, int channels, qint64 expectedFrames = -1);

    int sampleRate() const { return m_sampleRate; }
    int channels() const { return m_channels; }
    // What the header promised, -1 when unknown: the waveform's width while
    // the decode goes on.
    qint64 expectedFrames() const { return m_expectedFrames; }
    // Frames decoded so far (all of them once complete).
    qint64 frames() const;
    // Frames whose peaks can be read now: whole blocks of the finest level
    // while decoding, every frame once complete.
    qint64 coveredFrames() const;
    bool isComplete() const;

    static qint64 framesPerBlock(int level) { return qint64(kBaseFrames) << (2 * level); }
    qint64 blockCount(int level) const;
    // The level fill() reads for columns this wide: the coarsest whose blocks
    // are no wider than a column (level 0 when columns are narrower).
    static int levelFor(double framesPerColumn);

    // The peaks of frames [from, to), to the nearest 256 frames (level 0's
    // blocks) at either end. Empty where nothing is decoded yet.
    PeakRange range(qint64 from, qint64 to) const;
    // Peaks for drawing `columns` columns, column i covering frames
    // [firstFrame + i * framesPerColumn, firstFrame + (i + 1) * framesPerColumn).
    // Columns with nothing decoded yet come back empty. Returns how many
    // columns from the first hold peaks (the rest: still decoding, or past
    // the end). A few blocks per column whatever the zoom: fast enough for
    // every repaint.
    int fill(double firstFrame, double framesPerColumn, int columns, PeakRange* out) const;

    // Writer side: interleaved frames at the pyramid's channel count.
    void append(const float* interleaved, qint64 frames);
    // The last partial blocks; no append after.
    void finish();

    // The cache form (PeakCache): a complete pyramid, little-endian.
    QByteArray toBytes() const;
    // Reads what toBytes() wrote; fails on anything else (a damaged cache
    // row is rebuilt, never trusted).
    static Expected<std::shared_ptr<PeakPyramid>> fromBytes(const QByteArray& bytes);
    qint64 memoryBytes() const;

private:
    struct Level {
        std::vector<qint16> peaks;  // min, max per block
        // Being gathered: the next block's peaks and how much of it is in
        // (frames at level 0, child blocks above).
        PeakRange pending;
        qint64 pendingCount = 0;
    };

    void pushBlock(int level, PeakRange peaks);
    PeakRange blockPeaks(int level, qint64 block) const;
    PeakRange rangeLocked(int level, qint64 from, qint64 to) const;

    const int m_sampleRate;
    const int m_channels;
    const qint64 m_expectedFrames;
    mutable QReadWriteLock m_lock;
    std::array<Level, kLevels> m_levels;
    qint64 m_frames = 0;
    bool m_complete = false;
};

// Builds a PeakPyramid from an AudioDecoder's chunks.
class PeakPyramidBuilder : public AudioChunkConsumer {
public:
    void begin(const AudioStreamInfo& info) override;
    void consume(const float* frames, qint64 count) override;
    void end(qint64 totalFrames) override;

    // The pyramid of the decode under way or last done; null before begin().
    std::shared_ptr<PeakPyramid> pyramid() const;

private:
    mutable QReadWriteLock m_lock;
    std::shared_ptr<PeakPyramid> m_pyramid;
};

}  // namespace postil

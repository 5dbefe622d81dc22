#include "media/peakpyramid.h"

#include <QtEndian>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace postil {

namespace {

constexpr char kMagic[4] = {'P', 'K', 'P', 'Y'};
constexpr quint32 kFormatVersion = 2;  // 1: every level stored
constexpr int kHeaderBytes = 4 + 4 + 4 + 4 + 8 + 4 + 4 + 4;
// Room reserved up front for the finest level, from the promised length: a
// hostile header's length reserves no more than this.
constexpr qint64 kMaxReservedBlocks = 4 << 20;  // 16 MB: six hours at 48 kHz

qint16 quantize(float value) {
    if (!(value == value))  // NaN
        return 0;
    return qint16(std::lround(std::clamp(value, -1.0f, 1.0f) * 32767.0f));
}

float unquantize(qint16 value) {
    return float(value) / 32767.0f;
}

// Lowest and highest of `count` floats. Four lanes, so the compiler keeps
// four comparisons in flight; NaN is passed over.
PeakRange scan(const float* samples, qint64 count) {
    float lo[4] = {1, 1, 1, 1};
    float hi[4] = {-1, -1, -1, -1};
    qint64 i = 0;
    for (; i + 4 <= count; i += 4) {
        for (int k = 0; k < 4; ++k) {
            const float v = samples[i + k];
            lo[k] = v < lo[k] ? v : lo[k];
            hi[k] = v > hi[k] ? v : hi[k];
        }
    }
    for (; i < count; ++i) {
        const float v = samples[i];
        lo[0] = v < lo[0] ? v : lo[0];
        hi[0] = v > hi[0] ? v : hi[0];
    }
    PeakRange range;
    range.min = std::min({lo[0], lo[1], lo[2], lo[3]});
    range.max = std::max({hi[0], hi[1], hi[2], hi[3]});
    return range;
}

}  // namespace

PeakPyramid::PeakPyramid(int sampleRate, int channels, qint64 expectedFrames)
    : m_sampleRate(sampleRate), m_channels(qMax(1, channels)), m_expectedFrames(expectedFrames) {
    if (expectedFrames > 0) {
        const qint64 blocks = std::min(expectedFrames / kBaseFrames + 2, kMaxReservedBlocks);
        m_levels[0].peaks.reserve(size_t(blocks) * 2);
        m_levels[1].peaks.reserve(size_t(blocks / kFactor + 2) * 2);
    }
}

qint64 PeakPyramid::frames() const {
    QReadLocker lock(&m_lock);
    return m_frames;
}

qint64 PeakPyramid::coveredFrames() const {
    QReadLocker lock(&m_lock);
    return m_complete ? m_frames : qint64(m_levels[0].peaks.size() / 2) * kBaseFrames;
}

bool PeakPyramid::isComplete() const {
    QReadLocker lock(&m_lock);
    return m_complete;
}

qint64 PeakPyramid::blockCount(int level) const {
    if (level < 0 || level >= kLevels)
        return 0;
    QReadLocker lock(&m_lock);
    return qint64(m_levels[size_t(level)].peaks.size() / 2);
}

int PeakPyramid::levelFor(double framesPerColumn) {
    int level = 0;
    while (level + 1 < kLevels && double(framesPerBlock(level + 1)) <= framesPerColumn)
        ++level;
    return level;
}

PeakRange PeakPyramid::blockPeaks(int level, qint64 block) const {
    const std::vector<qint16>& peaks = m_levels[size_t(level)].peaks;
    return PeakRange{unquantize(peaks[size_t(block) * 2]),
                     unquantize(peaks[size_t(block) * 2 + 1])};
}

// The peaks of frames [from, to): the blocks of `level` that lie wholly
// inside, the edges (and what `level` does not have yet while decoding) from
// the finer levels, down to level 0's 256-frame blocks. A few blocks per
// level whatever the range.
PeakRange PeakPyramid::rangeLocked(int level, qint64 from, qint64 to) const {
    PeakRange range;
    if (from >= to)
        return range;
    const qint64 width = framesPerBlock(level);
    const qint64 blocks = qint64(m_levels[size_t(level)].peaks.size() / 2);
    if (level == 0) {
        const qint64 last = std::min(blocks, (to + width - 1) / width);
        for (qint64 block = from / width; block < last; ++block)
            range.add(blockPeaks(0, block));
        return range;
    }
    const qint64 first = (from + width - 1) / width;
    const qint64 last = std::min(blocks, to / width);
    if (first >= last)
        return rangeLocked(level - 1, from, to);
    for (qint64 block = first; block < last; ++block)
        range.add(blockPeaks(level, block));
    range.add(rangeLocked(level - 1, from, first * width));
    range.add(rangeLocked(level - 1, last * width, to));
    return range;
}

PeakRange PeakPyramid::range(qint64 from, qint64 to) const {
    QReadLocker lock(&m_lock);
    return rangeLocked(levelFor(double(to - from)), std::max<qint64>(0, from), to);
}

int PeakPyramid::fill(double firstFrame, double framesPerColumn, int columns,
                      PeakRange* out) const {
    QReadLocker lock(&m_lock);
    const int level = levelFor(framesPerColumn);
    const qint64 covered =
        m_complete ? m_frames : qint64(m_levels[0].peaks.size() / 2) * kBaseFrames;
    int filled = 0;
    for (int i = 0; i < columns; ++i) {
        const double start = firstFrame + i * framesPerColumn;
        const qint64 from = std::max<qint64>(0, qint64(std::floor(start)));
        const qint64 to = std::min<qint64>(covered, qint64(std::ceil(start + framesPerColumn)));
        out[i] = from < to ? rangeLocked(level, from, to) : PeakRange();
        if (!out[i].isEmpty())
            filled = i + 1;
    }
    return filled;
}

void PeakPyramid::pushBlock(int level, PeakRange peaks) {
    if (peaks.isEmpty())  // a block of NaN
        peaks = PeakRange{0, 0};
    Level& here = m_levels[size_t(level)];
    here.peaks.push_back(quantize(peaks.min));
    here.peaks.push_back(quantize(peaks.max));
    if (level + 1 >= kLevels)
        return;
    Level& up = m_levels[size_t(level) + 1];
    up.pending.add(peaks);
    if (++up.pendingCount == kFactor) {
        const PeakRange whole = up.pending;
        up.pending = PeakRange();
        up.pendingCount = 0;
        pushBlock(level + 1, whole);
    }
}

void PeakPyramid::append(const float* interleaved, qint64 frames) {
    if (frames <= 0)
        return;
    // The peaks are found outside the lock; readers wait only for the pushes.
    Level& base = m_levels[0];  // its pending part is the writer's alone
    std::vector<PeakRange> done;
    done.reserve(size_t(frames / kBaseFrames + 1));
    qint64 at = 0;
    while (at < frames) {
        const qint64 take = std::min(frames - at, kBaseFrames - base.pendingCount);
        base.pending.add(scan(interleaved + at * m_channels, take * m_channels));
        base.pendingCount += take;
        at += take;
        if (base.pendingCount == kBaseFrames) {
            done.push_back(base.pending);
            base.pending = PeakRange();
            base.pendingCount = 0;
        }
    }
    QWriteLocker lock(&m_lock);
    for (const PeakRange& peaks : done)
        pushBlock(0, peaks);
    m_frames += frames;
}

void PeakPyramid::finish() {
    QWriteLocker lock(&m_lock);
    if (m_complete)
        return;
    // The short last block of each level, finest first, each feeding the next.
    for (int level = 0; level < kLevels; ++level) {
        Level& here = m_levels[size_t(level)];
        if (here.pendingCount == 0)
            continue;
        const PeakRange peaks = here.pending;
        here.pending = PeakRange();
        here.pendingCount = 0;
        here.peaks.push_back(quantize(peaks.isEmpty() ? 0.0f : peaks.min));
        here.peaks.push_back(quantize(peaks.isEmpty() ? 0.0f : peaks.max));
        if (level + 1 < kLevels) {
            m_levels[size_t(level) + 1].pending.add(peaks);
            ++m_levels[size_t(level) + 1].pendingCount;
        }
    }
    for (Level& level : m_levels)
        level.peaks.shrink_to_fit();
    m_complete = true;
}

qint64 PeakPyramid::memoryBytes() const {
    QReadLocker lock(&m_lock);
    qint64 bytes = sizeof(*this);
    for (const Level& level : m_levels)
        bytes += qint64(level.peaks.capacity() * sizeof(qint16));
    return bytes;
}

// The cache form holds the finest level only: the coarser ones are rebuilt
// from it in milliseconds when read, which is cheaper than reading their 2.5
// MB more from the project file (SQLite reads a BLOB's overflow pages one by
// one: 10 MB took 70 ms there).
QByteArray PeakPyramid::toBytes() const {
    QReadLocker lock(&m_lock);
    const std::vector<qint16>& finest = m_levels[0].peaks;
    QByteArray bytes(kHeaderBytes + 8 + qint64(finest.size() * sizeof(qint16)), Qt::Uninitialized);
    char* out = bytes.data();
    std::memcpy(out, kMagic, 4);
    qToLittleEndian<quint32>(kFormatVersion, out + 4);
    qToLittleEndian<qint32>(m_sampleRate, out + 8);
    qToLittleEndian<qint32>(m_channels, out + 12);
    qToLittleEndian<qint64>(m_frames, out + 16);
    qToLittleEndian<qint32>(kBaseFrames, out + 24);
    qToLittleEndian<qint32>(kFactor, out + 28);
    qToLittleEndian<qint32>(kLevels, out + 32);
    qToLittleEndian<qint64>(qint64(finest.size() / 2), out + kHeaderBytes);
    // Empty: data() may be null, which memcpy may not take.
    if (!finest.empty())
        qToLittleEndian<qint16>(finest.data(), qsizetype(finest.size()), out + kHeaderBytes + 8);
    return bytes;
}

Expected<std::shared_ptr<PeakPyramid>> PeakPyramid::fromBytes(const QByteArray& bytes) {
    const auto bad = [](const char* why) {
        return Status::failure(
            QStringLiteral("the cached waveform is damaged (%1)").arg(QString::fromLatin1(why)));
    };
    if (bytes.size() < kHeaderBytes + 8 || std::memcmp(bytes.constData(), kMagic, 4) != 0)
        return bad("no header");
    const char* in = bytes.constData();
    if (qFromLittleEndian<quint32>(in + 4) != kFormatVersion)
        return bad("another layout");
    const qint32 rate = qFromLittleEndian<qint32>(in + 8);
    const qint32 channels = qFromLittleEndian<qint32>(in + 12);
    const qint64 frames = qFromLittleEndian<qint64>(in + 16);
    if (qFromLittleEndian<qint32>(in + 24) != kBaseFrames ||
        qFromLittleEndian<qint32>(in + 28) != kFactor ||
        qFromLittleEndian<qint32>(in + 32) != kLevels)
        return bad("another layout");
    if (rate < AudioSource::kMinSampleRate || rate > AudioSource::kMaxSampleRate || channels < 1 ||
        channels > AudioSource::kMaxChannels || frames < 0 || frames > AudioSource::kMaxFrames)
        return bad("impossible format");
    const qint64 blocks = qFromLittleEndian<qint64>(in + kHeaderBytes);
    if (blocks != (frames + kBaseFrames - 1) / kBaseFrames)
        return bad("block count does not match the length");
    if (blocks * 4 != bytes.size() - (kHeaderBytes + 8))
        return bad("wrong size");
    auto pyramid = std::make_shared<PeakPyramid>(rate, channels);
    std::vector<qint16>& finest = pyramid->m_levels[0].peaks;
    finest.resize(size_t(blocks) * 2);
    if (!finest.empty())
        qFromLittleEndian<qint16>(in + kHeaderBytes + 8, qsizetype(finest.size()), finest.data());
    // The coarser levels, each block the envelope of four below (the last
    // of fewer). Rounding to 16 bits keeps order, so this gives the very
    // values a decode gives.
    for (int level = 1; level < kLevels; ++level) {
        const std::vector<qint16>& below = pyramid->m_levels[size_t(level) - 1].peaks;
        std::vector<qint16>& here = pyramid->m_levels[size_t(level)].peaks;
        const size_t children = below.size() / 2;
        here.resize((children + kFactor - 1) / kFactor * 2);
        for (size_t block = 0; block * 2 < here.size(); ++block) {
            qint16 low = std::numeric_limits<qint16>::max();
            qint16 high = std::numeric_limits<qint16>::min();
            const size_t last = std::min(children, (block + 1) * kFactor);
            for (size_t child = block * kFactor; child < last; ++child) {
                low = std::min(low, below[child * 2]);
                high = std::max(high, below[child * 2 + 1]);
            }
            here[block * 2] = low;
            here[block * 2 + 1] = high;
        }
    }
    pyramid->m_frames = frames;
    pyramid->m_complete = true;
    return pyramid;
}

void PeakPyramidBuilder::begin(const AudioStreamInfo& info) {
    auto pyramid = std::make_shared<PeakPyramid>(info.sampleRate, info.channels, info.frames);
    QWriteLocker lock(&m_lock);
    m_pyramid = std::move(pyramid);
}

void PeakPyramidBuilder::consume(const float* frames, qint64 count) {
    // Only this thread replaces the pointer, so it reads it without the lock.
    m_pyramid->append(frames, count);
}

void PeakPyramidBuilder::end(qint64) {
    m_pyramid->finish();
}

std::shared_ptr<PeakPyramid> PeakPyramidBuilder::pyramid() const {
    QReadLocker lock(&m_lock);
    return m_pyramid;
}

}  // namespace postil

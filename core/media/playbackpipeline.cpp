#include "media/playbackpipeline.h"

#include <SoundTouch.h>
#include <algorithm>
#include <cmath>

namespace postil {

namespace {

// Source frames read per step while stretching: about 0.1 s, small enough
// that a pull (the device asks for 10-50 ms) stays short.
constexpr qint64 kStretchReadFrames = 4096;
// Clock spans kept behind the newest pulled frame: far more than any device
// holds.
constexpr qint64 kHistorySeconds = 30;
constexpr size_t kMaxSpans = 4096;

}  // namespace

const QList<double>& PlaybackPipeline::speedSteps() {
    static const QList<double> steps{0.5, 0.6, 0.7, 0.75, 0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0};
    return steps;
}

Expected<std::unique_ptr<PlaybackPipeline>> PlaybackPipeline::open(const QString& path) {
    auto source = AudioSource::open(path);
    if (!source.ok())
        return Status::failure(source.error());
    return std::make_unique<PlaybackPipeline>(std::move(*source));
}

PlaybackPipeline::PlaybackPipeline(std::unique_ptr<AudioSource> source)
    : m_source(std::move(source)),
      m_stretch(std::make_unique<soundtouch::SoundTouch>()),
      m_rate(m_source->info().sampleRate),
      m_srcChannels(m_source->info().channels),
      m_outChannels(std::min(2, m_source->info().channels)),
      m_knownFrames(m_source->info().frames),
      m_autoRewind(kDefaultAutoRewindMs) {
    m_stretch->setSampleRate(uint(m_rate));
    m_stretch->setChannels(uint(m_outChannels));
    m_stretch->setPitch(1.0);
    m_stretch->setTempo(1.0);
    m_spans.push_back(ClockSpan{});
}

PlaybackPipeline::~PlaybackPipeline() = default;

qint64 PlaybackPipeline::frames() const {
    std::lock_guard lock(m_mutex);
    return m_knownFrames;
}

qint64 PlaybackPipeline::framesPulled() const {
    std::lock_guard lock(m_mutex);
    return m_pulled;
}

qint64 PlaybackPipeline::position() const {
    std::lock_guard lock(m_mutex);
    return positionLocked();
}

qint64 PlaybackPipeline::sourceFrameAt(qint64 pulledFrame) const {
    std::lock_guard lock(m_mutex);
    return sourceFrameAtLocked(pulledFrame);
}

qint64 PlaybackPipeline::positionLocked() const {
    return sourceFrameAtLocked(m_pulled);
}

qint64 PlaybackPipeline::sourceFrameAtLocked(qint64 pulledFrame) const {
    auto span = std::find_if(m_spans.rbegin(), m_spans.rend(), [pulledFrame](const ClockSpan& s) {
        return s.outStart <= pulledFrame;
    });
    const ClockSpan& at = span == m_spans.rend() ? m_spans.front() : *span;
    qint64 frame =
        at.srcStart +
        qint64(std::llround(double(std::max<qint64>(0, pulledFrame - at.outStart)) * at.rate));
    if (at.srcLimit >= 0)
        frame = std::min(frame, at.srcLimit);
    return frame;
}

void PlaybackPipeline::markLocked(qint64 srcFrame, double rate, qint64 outFrame) {
    if (outFrame < 0)
        outFrame = m_pulled;
    const ClockSpan span{outFrame, srcFrame, rate, -1};
    if (!m_spans.empty() && m_spans.back().outStart == outFrame)
        m_spans.back() = span;
    else
        m_spans.push_back(span);
}

void PlaybackPipeline::jumpLocked(qint64 frame) {
    m_pendingSeek = frame;
    m_stretch->clear();
    m_stretchFlushed = false;
}

qint64 PlaybackPipeline::clampLocked(qint64 frame) const {
    frame = std::max<qint64>(0, frame);
    if (m_knownFrames >= 0)
        frame = std::min(frame, m_knownFrames);
    return frame;
}

bool PlaybackPipeline::isPlaying() const {
    std::lock_guard lock(m_mutex);
    return m_playing;
}

bool PlaybackPipeline::atEnd() const {
    std::lock_guard lock(m_mutex);
    return m_atEnd;
}

void PlaybackPipeline::play() {
    std::lock_guard lock(m_mutex);
    if (m_playing)
        return;
    qint64 from = positionLocked();
    if (m_atEnd) {
        from = m_rangeEnd >= 0 ? m_rangeStart : 0;
        jumpLocked(from);
    }
    m_atEnd = false;
    m_playing = true;
    markLocked(from, m_speed);
}

void PlaybackPipeline::resume() {
    std::lock_guard lock(m_mutex);
    if (m_playing)
        return;
    qint64 from = positionLocked();
    const qint64 floor = m_rangeEnd >= 0 ? m_rangeStart : 0;
    if (m_atEnd)
        from = floor;
    else if (m_autoRewind > 0)
        from = std::max(floor, from - msToFrames(m_autoRewind));
    jumpLocked(from);
    m_atEnd = false;
    m_playing = true;
    markLocked(from, m_speed);
}

void PlaybackPipeline::pause() {
    std::lock_guard lock(m_mutex);
    if (!m_playing)
        return;
    const qint64 at = positionLocked();
    m_playing = false;
    // SoundTouch has read ahead: the next play reads from here again.
    jumpLocked(at);
    markLocked(at, 0);
}

void PlaybackPipeline::setAutoRewindMs(qint64 ms) {
    std::lock_guard lock(m_mutex);
    m_autoRewind = std::max<qint64>(0, ms);
}

qint64 PlaybackPipeline::autoRewindMs() const {
    std::lock_guard lock(m_mutex);
    return m_autoRewind;
}

void PlaybackPipeline::seek(qint64 frame) {
    std::lock_guard lock(m_mutex);
    frame = clampLocked(frame);
    // A click outside the range played ends it.
    if (m_rangeEnd >= 0 && (frame < m_rangeStart || frame >= m_rangeEnd)) {
        m_rangeStart = 0;
        m_rangeEnd = -1;
        m_loop = false;
    }
    jumpLocked(frame);
    m_atEnd = false;
    markLocked(frame, m_playing ? m_speed : 0);
}

void PlaybackPipeline::skip(qint64 deltaMs) {
    std::lock_guard lock(m_mutex);
    qint64 frame = clampLocked(positionLocked() + msToFrames(deltaMs));
    // Skipping stays inside the range played.
    if (m_rangeEnd >= 0)
        frame = std::clamp(frame, m_rangeStart, std::max(m_rangeStart, m_rangeEnd - 1));
    jumpLocked(frame);
    m_atEnd = false;
    markLocked(frame, m_playing ? m_speed : 0);
}

void PlaybackPipeline::playRange(qint64 from, qint64 to, bool loop) {
    std::lock_guard lock(m_mutex);
    from = clampLocked(from);
    to = clampLocked(to);
    if (to <= from)
        return;
    m_rangeStart = from;
    m_rangeEnd = to;
    m_loop = loop;
    jumpLocked(from);
    m_atEnd = false;
    m_playing = true;
    markLocked(from, m_speed);
}

void PlaybackPipeline::setLoop(qint64 from, qint64 to) {
    std::lock_guard lock(m_mutex);
    from = clampLocked(from);
    to = clampLocked(to);
    if (to <= from)
        return;
    m_rangeStart = from;
    m_rangeEnd = to;
    m_loop = true;
    const qint64 at = positionLocked();
    if (at < from || at >= to) {
        jumpLocked(from);
        m_atEnd = false;
        markLocked(from, m_playing ? m_speed : 0);
    }
}

void PlaybackPipeline::clearRange() {
    std::lock_guard lock(m_mutex);
    m_rangeStart = 0;
    m_rangeEnd = -1;
    m_loop = false;
}

bool PlaybackPipeline::isLooping() const {
    std::lock_guard lock(m_mutex);
    return m_loop && m_rangeEnd >= 0;
}

double PlaybackPipeline::speed() const {
    std::lock_guard lock(m_mutex);
    return m_speed;
}

void PlaybackPipeline::setSpeed(double speed) {
    std::lock_guard lock(m_mutex);
    speed = std::clamp(speed, kMinSpeed, kMaxSpeed);
    if (speed == m_speed)
        return;
    const qint64 at = positionLocked();
    m_speed = speed;
    m_stretch->setTempo(speed);
    // What SoundTouch holds was read at the old speed: start afresh from here.
    jumpLocked(at);
    markLocked(at, m_playing ? speed : 0);
}

void PlaybackPipeline::slower() {
    const double now = speed();
    const QList<double>& steps = speedSteps();
    auto below =
        std::find_if(steps.rbegin(), steps.rend(), [now](double s) { return s < now - 1e-9; });
    if (below != steps.rend())
        setSpeed(*below);
}

void PlaybackPipeline::faster() {
    const double now = speed();
    const QList<double>& steps = speedSteps();
    auto above =
        std::find_if(steps.begin(), steps.end(), [now](double s) { return s > now + 1e-9; });
    if (above != steps.end())
        setSpeed(*above);
}

double PlaybackPipeline::volume() const {
    std::lock_guard lock(m_mutex);
    return m_volume;
}

void PlaybackPipeline::setVolume(double gain) {
    std::lock_guard lock(m_mutex);
    m_volume = std::clamp(gain, 0.0, 2.0);
}

QString PlaybackPipeline::damage() const {
    std::lock_guard lock(m_mutex);
    return m_source->damage();
}

qint64 PlaybackPipeline::readSourceLocked(qint64 frames) {
    if (m_rangeEnd >= 0)
        frames = std::min(frames, m_rangeEnd - m_readPosition);
    if (frames <= 0)
        return 0;
    m_read.resize(size_t(frames * m_srcChannels));
    Expected<qint64> got = m_source->read(m_read.data(), frames);
    const qint64 n = got.ok() ? *got : 0;
    if (n == 0) {
        // The real end of the audio, whatever the header promised.
        m_knownFrames = m_readPosition;
        return 0;
    }
    m_readPosition += n;
    m_readSinceWrap = true;
    m_folded.resize(size_t(n * m_outChannels));
    if (m_srcChannels == m_outChannels) {
        std::copy_n(m_read.data(), n * m_outChannels, m_folded.data());
        return n;
    }
    // More than two channels: even ones to the left, odd ones to the right.
    const int left = (m_srcChannels + 1) / 2;
    const int right = m_srcChannels / 2;
    for (qint64 i = 0; i < n; ++i) {
        const float* frame = m_read.data() + i * m_srcChannels;
        float l = 0;
        float r = 0;
        for (int c = 0; c < m_srcChannels; ++c)
            (c % 2 ? r : l) += frame[c];
        m_folded[size_t(i * 2)] = l / float(left);
        m_folded[size_t(i * 2 + 1)] = r / float(right);
    }
    return n;
}

void PlaybackPipeline::reachedEndLocked(qint64 outFrame) {
    const qint64 end = m_rangeEnd >= 0 ? std::min(m_rangeEnd, m_readPosition) : m_readPosition;
    // What was played up to here maps no further than the end (SoundTouch's
    // flush pads with a little silence).
    if (!m_spans.empty())
        m_spans.back().srcLimit = end;
    m_stretch->clear();
    m_stretchFlushed = false;
    // A pass that read nothing (a range past the real end) would wrap for ever.
    if (m_loop && m_rangeEnd >= 0 && m_readSinceWrap) {
        // Exactly the range again, from its first frame.
        (void)m_source->seek(m_rangeStart);
        m_readPosition = m_rangeStart;
        m_readSinceWrap = false;
        markLocked(m_rangeStart, m_speed, outFrame);
    } else {
        m_playing = false;
        m_atEnd = true;
        m_pendingSeek = end;
        markLocked(end, 0, outFrame);
    }
}

void PlaybackPipeline::pull(float* out, qint64 frames) {
    std::lock_guard lock(m_mutex);
    if (m_pendingSeek >= 0) {
        if (m_pendingSeek != m_readPosition)
            (void)m_source->seek(m_pendingSeek);
        m_readPosition = m_pendingSeek;
        m_pendingSeek = -1;
    }
    const int channels = m_outChannels;
    qint64 produced = 0;
    while (produced < frames && m_playing) {
        float* into = out + produced * channels;
        const qint64 want = frames - produced;
        if (m_speed == 1.0) {
            // Normal speed: the file's own samples, frame for frame.
            const qint64 got = readSourceLocked(want);
            if (got == 0) {
                reachedEndLocked(m_pulled + produced);
                continue;
            }
            std::copy_n(m_folded.data(), got * channels, into);
            produced += got;
            continue;
        }
        const qint64 got = m_stretch->receiveSamples(into, uint(want));
        if (got > 0) {
            produced += got;
            continue;
        }
        if (m_stretchFlushed) {
            reachedEndLocked(m_pulled + produced);
            continue;
        }
        const qint64 read = readSourceLocked(kStretchReadFrames);
        if (read == 0) {
            // The range's (or audio's) last frames out of SoundTouch.
            m_stretch->flush();
            m_stretchFlushed = true;
            continue;
        }
        m_stretch->putSamples(m_folded.data(), uint(read));
    }
    std::fill(out + produced * channels, out + frames * channels, 0.0f);
    const float gain = float(m_volume);
    for (qint64 i = 0; i < produced * channels; ++i)
        out[i] = std::clamp(out[i] * gain, -1.0f, 1.0f);
    m_pulled += frames;
    while (m_spans.size() > 1 && (m_spans.size() > kMaxSpans ||
                                  m_spans[1].outStart < m_pulled - kHistorySeconds * m_rate))
        m_spans.pop_front();
}

}  // namespace postil

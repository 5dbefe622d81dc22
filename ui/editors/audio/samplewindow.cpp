#include "editors/audio/samplewindow.h"

#include <algorithm>

#include "media/audiosource.h"

namespace postil {

namespace {
// Read this many times the asked span, centred on it, so scrolling by a
// screen or zooming a step stays inside what is held.
constexpr qint64 kMargin = 3;
// At most this many frames at once (the finest pyramid level takes over at
// 256 frames per pixel: a wide screen's worth is under 1 M frames).
constexpr qint64 kMaxFrames = qint64(4) << 20;
}  // namespace

SampleWindow::SampleWindow() = default;
SampleWindow::~SampleWindow() = default;

void SampleWindow::setPath(const QString& path) {
    if (path == m_path)
        return;
    clear();
    m_path = path;
}

void SampleWindow::clear() {
    m_source.reset();
    m_failed = false;
    m_samples.clear();
    m_first = 0;
    m_path.clear();
}

const float* SampleWindow::samples(qint64 first, qint64 count, qint64* available) {
    *available = 0;
    if (count <= 0 || first < 0)
        return nullptr;
    if (first >= m_first && first + count <= m_first + qint64(m_samples.size())) {
        *available = count;
        return m_samples.data() + (first - m_first);
    }
    if (m_failed || m_path.isEmpty())
        return nullptr;
    if (!m_source) {
        auto opened = AudioSource::open(m_path);
        if (!opened.ok()) {
            m_failed = true;
            return nullptr;
        }
        m_source = std::move(*opened);
    }
    const qint64 span = std::min(kMaxFrames, std::max(count * kMargin, qint64(65536)));
    const qint64 start = std::max<qint64>(0, first + count / 2 - span / 2);
    if (!m_source->seek(start).ok()) {
        m_failed = true;
        return nullptr;
    }
    const int channels = std::max(1, m_source->info().channels);
    m_samples.assign(size_t(span), 0.0f);
    m_buffer.resize(size_t(16384) * size_t(channels));
    qint64 filled = 0;
    while (filled < span) {
        auto read = m_source->read(m_buffer.data(), std::min<qint64>(16384, span - filled));
        if (!read.ok() || *read <= 0)
            break;
        for (qint64 f = 0; f < *read; ++f) {
            float sum = 0;
            for (int c = 0; c < channels; ++c)
                sum += m_buffer[size_t(f * channels + c)];
            m_samples[size_t(filled + f)] = sum / float(channels);
        }
        filled += *read;
    }
    m_samples.resize(size_t(filled));
    m_first = start;
    // Near the end of the audio: what there is, from `first`.
    if (first < m_first || first >= m_first + qint64(m_samples.size()))
        return nullptr;
    *available = std::min(count, m_first + qint64(m_samples.size()) - first);
    return m_samples.data() + (first - m_first);
}

}  // namespace postil

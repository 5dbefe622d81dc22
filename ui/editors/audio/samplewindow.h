#pragma once

#include <QString>
#include <memory>
#include <vector>

namespace postil {

class AudioSource;

// The samples the waveform draws when zoomed in below the peak pyramid's
// finest level (256 frames per pixel): a window read from an AudioSource of
// its own, mixed to one channel, kept while the view stays inside it. The
// pyramid cannot show single samples, and reading a few hundred thousand
// frames around the view is milliseconds for the formats transcribers use.
class SampleWindow {
public:
    SampleWindow();
    ~SampleWindow();

    // The file to read; nothing is opened until samples are asked for.
    void setPath(const QString& path);
    void clear();

    // The mono samples of frames [first, first + count), reading around them
    // when they are not held. Empty when the file cannot be read (the view
    // then draws peaks only). The pointer is valid until the next call;
    // `available` gets how many are there from `first` (fewer at the end).
    const float* samples(qint64 first, qint64 count, qint64* available);
    qint64 heldFirst() const { return m_first; }
    qint64 heldCount() const { return qint64(m_samples.size()); }

private:
    QString m_path;
    std::unique_ptr<AudioSource> m_source;
    bool m_failed = false;
    qint64 m_first = 0;
    std::vector<float> m_samples;
    std::vector<float> m_buffer;
};

}  // namespace postil

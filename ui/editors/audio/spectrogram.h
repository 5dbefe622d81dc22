#pragma once

#include <QImage>
#include <vector>

namespace postil {

// The spectrogram the waveform shows instead of the wave when asked: one
// column per pixel, the magnitude of a Hann-windowed FFT of 512 samples
// around the column's time, 0 Hz at the bottom to half the sample rate at the
// top, darker for louder (on a 70 dB range). Made from the samples the view
// already holds (SampleWindow), so it is there when zoomed in to the
// sample level (as Praat shows one only for short stretches); a few
// milliseconds for a wide screen, kept until the view moves.
class Spectrogram {
public:
    static constexpr int kWindow = 512;

    // `samples` holds `count` mono samples starting at frame `sampleFirst`;
    // column x is centred on frame `viewFirst + (x + 0.5) * fpp`. Columns
    // whose window lies outside the samples stay blank.
    static QImage render(const float* samples, qint64 count, qint64 sampleFirst, double viewFirst,
                         double fpp, int width, int height);

    // In-place radix-2 FFT of `re`/`im` (size a power of two).
    static void fft(std::vector<float>& re, std::vector<float>& im);
};

}  // namespace postil

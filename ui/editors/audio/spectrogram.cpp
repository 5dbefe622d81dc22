#include "editors/audio/spectrogram.h"

#include <QColor>
#include <cmath>

namespace postil {

void Spectrogram::fft(std::vector<float>& re, std::vector<float>& im) {
    const size_t n = re.size();
    // Bit reversal, then the butterflies of each size.
    for (size_t i = 1, j = 0; i < n; ++i) {
        size_t bit = n >> 1;
        for (; j & bit; bit >>= 1)
            j ^= bit;
        j ^= bit;
        if (i < j) {
            std::swap(re[i], re[j]);
            std::swap(im[i], im[j]);
        }
    }
    for (size_t len = 2; len <= n; len <<= 1) {
        const double angle = -2 * M_PI / double(len);
        const float wr = float(std::cos(angle));
        const float wi = float(std::sin(angle));
        for (size_t i = 0; i < n; i += len) {
            float cr = 1;
            float ci = 0;
            for (size_t k = 0; k < len / 2; ++k) {
                const size_t a = i + k;
                const size_t b = a + len / 2;
                const float tr = re[b] * cr - im[b] * ci;
                const float ti = re[b] * ci + im[b] * cr;
                re[b] = re[a] - tr;
                im[b] = im[a] - ti;
                re[a] += tr;
                im[a] += ti;
                const float next = cr * wr - ci * wi;
                ci = cr * wi + ci * wr;
                cr = next;
            }
        }
    }
}

QImage Spectrogram::render(const float* samples, qint64 count, qint64 sampleFirst, double viewFirst,
                           double fpp, int width, int height) {
    QImage image(std::max(1, width), std::max(1, height), QImage::Format_RGB32);
    image.fill(QColor(255, 255, 255));
    if (!samples || count < kWindow || height <= 0)
        return image;
    static const std::vector<float> hann = [] {
        std::vector<float> w(kWindow);
        for (int i = 0; i < kWindow; ++i)
            w[size_t(i)] = float(0.5 - 0.5 * std::cos(2 * M_PI * i / (kWindow - 1)));
        return w;
    }();
    std::vector<float> re(kWindow);
    std::vector<float> im(kWindow);
    std::vector<float> db(kWindow / 2);
    constexpr float kFloorDb = -70;
    for (int x = 0; x < width; ++x) {
        const qint64 centre = qint64(viewFirst + (x + 0.5) * fpp);
        const qint64 start = centre - kWindow / 2 - sampleFirst;
        if (start < 0 || start + kWindow > count)
            continue;
        for (int i = 0; i < kWindow; ++i) {
            re[size_t(i)] = samples[start + i] * hann[size_t(i)];
            im[size_t(i)] = 0;
        }
        fft(re, im);
        for (int k = 0; k < kWindow / 2; ++k) {
            const float power = (re[size_t(k)] * re[size_t(k)] + im[size_t(k)] * im[size_t(k)]) /
                                float(kWindow * kWindow / 4);
            db[size_t(k)] = std::max(kFloorDb, 10 * std::log10(power + 1e-12f));
        }
        for (int y = 0; y < height; ++y) {
            // Row y shows the bin of its frequency, 0 Hz at the bottom.
            const int bin = std::min(kWindow / 2 - 1, (height - 1 - y) * (kWindow / 2) / height);
            const int shade = int(255 * (db[size_t(bin)] / kFloorDb));
            reinterpret_cast<QRgb*>(image.scanLine(y))[x] = qRgb(shade, shade, shade);
        }
    }
    return image;
}

}  // namespace postil

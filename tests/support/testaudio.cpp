#include "testaudio.h"

#include <sndfile.h>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <cmath>

namespace postil {

double testSine(qint64 frame, int channel, int rate, double hz, double amplitude) {
    return amplitude / double(1 << channel) * std::sin(2 * M_PI * hz * double(frame) / rate);
}

bool writeSine(const QString& path, int sfFormat, int rate, int channels, qint64 frames, double hz,
               double amplitude) {
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = channels;
    info.format = sfFormat;
    if (!sf_format_check(&info))
        return false;
    SNDFILE* file = sf_open(QFile::encodeName(path).constData(), SFM_WRITE, &info);
    if (!file)
        return false;
    constexpr qint64 kChunk = 4096;
    std::vector<float> buffer(size_t(kChunk * channels));
    qint64 written = 0;
    for (qint64 start = 0; start < frames; start += kChunk) {
        const qint64 count = qMin(kChunk, frames - start);
        for (qint64 i = 0; i < count; ++i) {
            for (int c = 0; c < channels; ++c)
                buffer[size_t(i * channels + c)] =
                    float(testSine(start + i, c, rate, hz, amplitude));
        }
        written += sf_writef_float(file, buffer.data(), count);
    }
    return sf_close(file) == 0 && written == frames;
}

QString writeSineM4a(const QString& path, double seconds) {
    const QString ffmpeg = QStandardPaths::findExecutable(QStringLiteral("ffmpeg"));
    if (ffmpeg.isEmpty())
        return QString();
    QProcess process;
    process.start(
        ffmpeg,
        {QStringLiteral("-nostdin"), QStringLiteral("-v"), QStringLiteral("error"),
         QStringLiteral("-y"), QStringLiteral("-f"), QStringLiteral("lavfi"), QStringLiteral("-i"),
         QStringLiteral("sine=frequency=440:sample_rate=44100:duration=%1").arg(seconds),
         QStringLiteral("-ac"), QStringLiteral("2"), QStringLiteral("-c:a"), QStringLiteral("aac"),
         QStringLiteral("-b:a"), QStringLiteral("128k"), QStringLiteral("-movflags"),
         QStringLiteral("+faststart"), path});
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0)
        return QString();
    return path;
}

double zeroCrossingHz(const std::vector<float>& samples, int channels, int channel, int rate) {
    const size_t frames = samples.size() / size_t(channels);
    float peak = 0;
    for (size_t i = 0; i < frames; ++i)
        peak = qMax(peak, std::fabs(samples[i * channels + channel]));
    // Hysteresis: a crossing counts only after the signal was clearly
    // negative, so noise around zero (a lossy codec's) adds none.
    const float armBelow = -0.2f * peak;
    bool armed = false;
    qint64 first = -1;
    qint64 last = -1;
    qint64 crossings = 0;
    for (size_t i = 0; i < frames; ++i) {
        const float now = samples[i * channels + channel];
        if (now < armBelow) {
            armed = true;
        } else if (armed && now >= 0) {
            armed = false;
            if (first < 0)
                first = qint64(i);
            else
                ++crossings;
            last = qint64(i);
        }
    }
    if (crossings == 0)
        return 0;
    return double(crossings) * rate / double(last - first);
}

}  // namespace postil

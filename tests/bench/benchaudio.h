#pragma once

// Shared pieces of the audio benchmarks (bench_audio, bench_audioeditor): the
// long recording they both measure and loading its waveform.
// Header-only: each benchmark is one executable of one .cpp.

#include <QByteArray>
#include <QEventLoop>
#include <QFile>
#include <QString>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <vector>

#include "benchsupport.h"
#include "media/peakpyramid.h"
#include "media/waveformloader.h"

namespace postil::bench {

// The audio benchmarks' arguments: [--keep] [--hours H] (a bare number, as
// run-all passes, is ignored). False, after the usage line, on anything else.
struct AudioBenchArgs {
    bool keep = false;
    double hours = 3;
};
inline bool parseAudioBenchArgs(int argc, char** argv, double minHours, AudioBenchArgs& args) {
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "--keep")
            args.keep = true;
        else if (a == "--hours" && i + 1 < argc)
            args.hours = std::max(minHours, atof(argv[++i]));
        else if (a.toLongLong() <= 0) {
            std::fprintf(stderr, "usage: %s [--keep] [--hours H]\n", argv[0]);
            return false;
        }
    }
    return true;
}

// The long recording's rate: 44.1 kHz stereo, 16-bit.
constexpr int kLongWavRate = 44100;

inline void putLe(QByteArray& out, quint32 value, int bytes) {
    for (int i = 0; i < bytes; ++i)
        out.append(char((value >> (8 * i)) & 0xff));
}

// A 16-bit stereo WAV of `seconds`: two tones under an envelope that changes
// every second, like speech and pauses, so the peaks differ along the file.
inline bool writeLongWav(const QString& path, qint64 seconds) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    const quint32 dataBytes = quint32(seconds * kLongWavRate * 4);
    QByteArray header("RIFF");
    putLe(header, 36 + dataBytes, 4);
    header += "WAVEfmt ";
    putLe(header, 16, 4);
    putLe(header, 1, 2);  // PCM
    putLe(header, 2, 2);
    putLe(header, kLongWavRate, 4);
    putLe(header, kLongWavRate * 4, 4);
    putLe(header, 4, 2);
    putLe(header, 16, 2);
    header += "data";
    putLe(header, dataBytes, 4);
    file.write(header);
    std::vector<float> second(kLongWavRate);
    for (int i = 0; i < kLongWavRate; ++i)
        second[size_t(i)] = float(0.6 * std::sin(2 * M_PI * 220 * i / kLongWavRate) +
                                  0.3 * std::sin(2 * M_PI * 523 * i / kLongWavRate));
    std::vector<qint16> block(size_t(kLongWavRate) * 2);
    for (qint64 s = 0; s < seconds; ++s) {
        const float envelope = float((s * 7919) % 100) / 100.0f;
        for (int i = 0; i < kLongWavRate; ++i) {
            const auto v = qint16(second[size_t(i)] * envelope * 32000.0f);
            block[size_t(i) * 2] = v;
            block[size_t(i) * 2 + 1] = qint16(v / 2);
        }
        if (file.write(reinterpret_cast<const char*>(block.data()), qint64(block.size() * 2)) !=
            qint64(block.size() * 2))
            return false;
    }
    return file.flush();
}

struct Load {
    double firstPeaksMs = -1;
    double wholeMs = -1;
    WaveformLoadResult result;
    std::shared_ptr<const PeakPyramid> pyramid;
};

inline Load load(const QString& audio, const QString& project) {
    Load out;
    WaveformLoader loader;
    QEventLoop loop;
    QElapsedTimer clock;
    QObject::connect(&loader, &WaveformLoader::peaksAdded, [&](qint64 covered, double) {
        if (out.firstPeaksMs < 0 && covered > 0)
            out.firstPeaksMs = elapsedMs(clock);
    });
    QObject::connect(&loader, &WaveformLoader::finished, [&](const WaveformLoadResult& result) {
        out.wholeMs = elapsedMs(clock);
        out.result = result;
        loop.quit();
    });
    clock.start();
    loader.load(audio, QStringLiteral("0123456789abcdef"), project);
    loop.exec();
    out.pyramid = loader.pyramid();
    loader.waitForCacheWrites();
    return out;
}

}  // namespace postil::bench

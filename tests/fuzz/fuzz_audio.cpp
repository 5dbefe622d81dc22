// libFuzzer harness for audio decoding (media/AudioSource over libsndfile and
// FFmpeg) and the waveform built from it (media/PeakPyramid). The input is
// the file's bytes, read from memory; its first byte picks the name the
// decoders see (the extension steers FFmpeg's guess). It decodes at most
// kMaxFrames frames into a peak pyramid, seeks to a place the input names and
// reads again, and checks that the pyramid's cache form reads back to the
// same bytes. libsndfile and FFmpeg are the system's libraries, without
// coverage: libFuzzer is steered by our wrappers' branches, and ASan watches
// the buffers we hand them.
#include <QBuffer>
#include <QByteArray>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "media/audiosource.h"
#include "media/peakpyramid.h"

namespace {

// A few seconds of audio: decoding a long file teaches the fuzzer nothing
// more, and a tiny FLAC can claim hours.
constexpr qint64 kMaxFrames = 1 << 18;
constexpr qint64 kChunk = 4096;

const char* const kNames[] = {"a.wav", "a.flac", "a.ogg",  "a.opus", "a.mp3",
                              "a.m4a", "a.aac",  "a.aiff", "a.mka",  "a"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 2)
        return 0;
    const QString name = QString::fromLatin1(kNames[data[0] % (sizeof kNames / sizeof *kNames)]);
    QBuffer device;
    device.setData(reinterpret_cast<const char*>(data + 1), qsizetype(size - 1));
    device.open(QIODevice::ReadOnly);
    auto opened = postil::AudioSource::open(&device, name);
    if (!opened.ok())
        return 0;
    postil::AudioSource& source = **opened;
    const postil::AudioStreamInfo info = source.info();
    if (info.channels < 1 || info.channels > postil::AudioSource::kMaxChannels ||
        info.sampleRate < postil::AudioSource::kMinSampleRate ||
        info.sampleRate > postil::AudioSource::kMaxSampleRate) {
        std::fprintf(stderr, "opened with %d channels at %d Hz\n", info.channels, info.sampleRate);
        std::abort();
    }
    postil::PeakPyramid pyramid(info.sampleRate, info.channels, info.frames);
    std::vector<float> buffer(size_t(kChunk * info.channels));
    qint64 total = 0;
    while (total < kMaxFrames) {
        auto got = source.read(buffer.data(), kChunk);
        if (!got.ok() || *got == 0)
            break;
        if (*got < 0 || *got > kChunk) {
            std::fprintf(stderr, "read %lld frames of %lld\n", static_cast<long long>(*got),
                         static_cast<long long>(kChunk));
            std::abort();
        }
        pyramid.append(buffer.data(), *got);
        total += *got;
        if (source.position() != total) {
            std::fprintf(stderr, "position %lld after %lld frames\n",
                         static_cast<long long>(source.position()), static_cast<long long>(total));
            std::abort();
        }
    }
    pyramid.finish();
    (void)source.damage();
    const QByteArray bytes = pyramid.toBytes();
    auto back = postil::PeakPyramid::fromBytes(bytes);
    if (!back.ok() || (*back)->toBytes() != bytes) {
        std::fprintf(stderr, "the pyramid's cache form does not read back\n");
        std::abort();
    }
    std::vector<postil::PeakRange> columns(64);
    pyramid.fill(0, double(total + 1) / 64, 64, columns.data());

    // A seek where the input says, then a read: lands where asked.
    const qint64 target = total > 0 ? qint64(data[size - 1]) * total / 255 : 0;
    if (source.seek(target).ok()) {
        if (source.position() != target) {
            std::fprintf(stderr, "seek to %lld is at %lld\n", static_cast<long long>(target),
                         static_cast<long long>(source.position()));
            std::abort();
        }
        (void)source.read(buffer.data(), kChunk);
    }
    return 0;
}

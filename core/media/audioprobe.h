#pragma once

#include <QString>

#include "store/status.h"

namespace postil {

// What an audio file holds, read with libsndfile (WAV, FLAC, Ogg/Vorbis,
// AIFF, MP3...), or for what it cannot open (M4A/AAC...) from the header
// FFmpeg reads (AudioSource): `format` is then "FFmpeg" and `encoding` the
// codec, and a cut file is not noticed until it is decoded.
struct AudioProbe {
    QString path;
    int sampleRate = 0;  // Hz
    int channels = 0;
    qint64 frames = 0;      // samples per channel
    qint64 durationMs = 0;  // frames / sampleRate, rounded to the nearest ms
    QString format;         // container, e.g. "WAV (Microsoft)"
    QString encoding;       // sample encoding, e.g. "Signed 16 bit PCM"
    // The header promised more audio than the file holds (a copy or download
    // cut short). frames and durationMs then count what is really there.
    bool truncated = false;

    // Fails, naming the file, when it is missing or not audio that
    // libsndfile or FFmpeg can decode.
    static Expected<AudioProbe> probe(const QString& path);
};

// "mm:ss.mmm" (minutes keep counting past 59: "75:02.500").
QString formatDurationMs(qint64 ms);

}  // namespace postil

#pragma once

// Audio the tests make: files written through libsndfile (WAV, FLAC, Ogg
// Vorbis, Opus, MP3), M4A through the ffmpeg command, and measurements of
// what comes back.

#include <QString>
#include <vector>

namespace postil {

// Sample `frame` of channel `channel` of the sine writeSine() writes: `hz`
// at `amplitude` on channel 0, halved on each further channel.
double testSine(qint64 frame, int channel, int rate, double hz = 440, double amplitude = 0.5);

// Writes `frames` frames of testSine() in `sfFormat` (SF_FORMAT_WAV |
// SF_FORMAT_PCM_16, ...). False when libsndfile cannot write it.
bool writeSine(const QString& path, int sfFormat, int rate, int channels, qint64 frames,
               double hz = 440, double amplitude = 0.5);

// An AAC M4A of `seconds` of a 440 Hz sine (44.1 kHz stereo), written by the
// ffmpeg command with the index at the front (so a cut file still opens);
// empty when ffmpeg is missing or fails.
QString writeSineM4a(const QString& path, double seconds);

// The frequency of channel `channel` of interleaved `samples` (channels per
// frame), from the number of rising zero crossings and the time between the
// first and the last.
double zeroCrossingHz(const std::vector<float>& samples, int channels, int channel, int rate);

}  // namespace postil

#pragma once

#include <QString>
#include <memory>

#include <sndfile.h>

class QIODevice;

namespace postil {

class AudioSource;

// The libraries behind AudioSource::open, one file each. Each reads the
// device from its current position (the start), returns null with the reason
// in `why` when it cannot decode it, and never owns the device.
namespace audiobackend {

// MP3 only when `takeMpeg`: FFmpeg reads it first (see AudioSource::open).
std::unique_ptr<AudioSource> openWithSndFile(QIODevice* device, const QString& name, bool takeMpeg,
                                             QString* why);
std::unique_ptr<AudioSource> openWithFfmpeg(QIODevice* device, const QString& name, QString* why);

// libsndfile quietly shortens a file whose header promises more data than
// there is, and says so only in its log: "data : 32000 (should be 19956)" for
// WAV, "SSND : ..." for AIFF. The bytes promised and found when that is so
// (found < promised), else false.
bool sndFileLogSaysTruncated(SNDFILE* file, qint64* promised = nullptr, qint64* found = nullptr);

}  // namespace audiobackend
}  // namespace postil

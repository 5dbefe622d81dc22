#include "media/audiosource.h"

#include <QFile>
#include <QFileInfo>

#include "media/audiobackends.h"
#include "media/audioprobe.h"

namespace postil {

AudioSource::AudioSource(QIODevice* device, QString name)
    : m_device(device), m_name(std::move(name)) {}

AudioSource::~AudioSource() = default;

Expected<std::unique_ptr<AudioSource>> AudioSource::open(const QString& path) {
    const QFileInfo fileInfo(path);
    if (!fileInfo.exists())
        return Status::failure(QStringLiteral("%1: no such file").arg(path));
    if (!fileInfo.isFile())
        return Status::failure(QStringLiteral("%1: not a file").arg(path));
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::ReadOnly))
        return Status::failure(
            QStringLiteral("%1: cannot be read (%2)").arg(path, file->errorString()));
    auto source = open(file.get(), path);
    if (!source.ok())
        return source;
    (*source)->m_ownedDevice = std::move(file);
    return source;
}

Expected<std::unique_ptr<AudioSource>> AudioSource::open(QIODevice* device, const QString& name) {
    if (!device || !device->isOpen() || !device->isReadable())
        return Status::failure(QStringLiteral("%1: cannot be read").arg(name));
    if (device->isSequential())
        return Status::failure(QStringLiteral("%1: cannot be decoded from a stream").arg(name));
    if (device->size() == 0)
        return Status::failure(QStringLiteral("%1: the file is empty").arg(name));
    // libsndfile first: it reads its formats with exact lengths; FFmpeg takes
    // what it does not know. Two go to FFmpeg first:
    // - MP3: libsndfile's mpg123 gives up on the rest of a file after 1 KiB
    //   of damage (FFmpeg resyncs and goes on), writes to stderr, and decodes
    //   at half FFmpeg's speed; libsndfile still takes an MP3 FFmpeg refuses.
    // - Ogg (Vorbis, Opus): libsndfile 1.2.0 leaks 11 KB on every damaged Ogg
    //   Vorbis file it refuses (tests/fuzz/RESULTS.md, finding 7), which made
    //   fuzzing run out of memory; FFmpeg reads every Ogg it does, so Ogg
    //   never reaches libsndfile.
    const bool ogg = device->seek(0) && device->peek(4) == QByteArrayLiteral("OggS");
    QString sndfileWhy = QStringLiteral("Ogg is left to FFmpeg");
    if (!ogg && device->seek(0)) {
        if (auto source = audiobackend::openWithSndFile(device, name, false, &sndfileWhy))
            return source;
    }
    QString ffmpegWhy;
    if (device->seek(0)) {
        if (auto source = audiobackend::openWithFfmpeg(device, name, &ffmpegWhy))
            return source;
    }
    if (!ogg && device->seek(0)) {
        QString mpegWhy;
        if (auto source = audiobackend::openWithSndFile(device, name, true, &mpegWhy))
            return source;
    }
    return Status::failure(
        QStringLiteral("%1: not audio that can be decoded (libsndfile: %2; FFmpeg: %3)")
            .arg(name, sndfileWhy, ffmpegWhy));
}

QString AudioSource::damage() const {
    QStringList said;
    if (m_promisedFrames >= 0 && m_info.sampleRate > 0) {
        const auto ms = [this](qint64 frames) { return frames * 1000 / m_info.sampleRate; };
        // Skipped damage shortens the audio too; without any, the file was cut.
        said << QStringLiteral("the audio ends at %1, before the %2 its header promises%3")
                    .arg(formatDurationMs(ms(m_foundFrames)),
                         formatDurationMs(ms(m_promisedFrames)),
                         m_damagedStretches > 0 ? QString()
                                                : QStringLiteral(" (the file was cut short)"));
    }
    if (m_damagedStretches > 0 && m_info.sampleRate > 0) {
        const QString at = formatDurationMs(m_firstDamageFrame * 1000 / m_info.sampleRate);
        said << (m_damagedStretches == 1
                     ? QStringLiteral("a damaged stretch at %1 did not decode and was skipped")
                           .arg(at)
                     : QStringLiteral("%1 damaged stretches did not decode and were skipped (the "
                                      "first at %2)")
                           .arg(m_damagedStretches)
                           .arg(at));
    }
    if (said.isEmpty())
        return QString();
    return QStringLiteral("%1: %2").arg(m_name, said.join(QStringLiteral("; ")));
}

double AudioSource::bytesFraction() const {
    const qint64 size = m_device ? m_device->size() : 0;
    if (size <= 0)
        return 0;
    return qBound(0.0, double(m_device->pos()) / double(size), 1.0);
}

void AudioSource::noteDamage(qint64 frame) {
    if (m_damagedStretches++ == 0)
        m_firstDamageFrame = frame;
}

void AudioSource::noteTruncated(qint64 promisedFrames, qint64 foundFrames) {
    m_promisedFrames = qBound<qint64>(0, promisedFrames, kMaxFrames);
    m_foundFrames = qBound<qint64>(0, foundFrames, kMaxFrames);
}

}  // namespace postil

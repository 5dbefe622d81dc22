#include "media/audioprobe.h"

#include <QFile>
#include <QFileInfo>

#include "media/audiobackends.h"
#include "media/audiosource.h"
#include "platform/soundfile.h"

namespace postil {

namespace {

QString formatName(int format, int mask) {
    SF_FORMAT_INFO info{};
    info.format = format & mask;
    if (sf_command(nullptr, SFC_GET_FORMAT_INFO, &info, sizeof info) != 0 || !info.name)
        return QString();
    return QString::fromUtf8(info.name);
}

class SndFile {
public:
    explicit SndFile(const QString& path) : m_file(openSoundFile(path, &m_info)) {}
    ~SndFile() {
        if (m_file)
            sf_close(m_file);
    }
    SndFile(const SndFile&) = delete;
    SndFile& operator=(const SndFile&) = delete;

    SNDFILE* handle() const { return m_file; }
    const SF_INFO& info() const { return m_info; }

private:
    SF_INFO m_info{};
    SNDFILE* m_file = nullptr;
};

}  // namespace

Expected<AudioProbe> AudioProbe::probe(const QString& path) {
    const QFileInfo fileInfo(path);
    if (!fileInfo.exists())
        return Status::failure(QStringLiteral("%1: no such file").arg(path));
    if (!fileInfo.isFile())
        return Status::failure(QStringLiteral("%1: not a file").arg(path));
    SndFile file(path);
    if (!file.handle()) {
        // What libsndfile cannot open (M4A/AAC...) the decoder reads through
        // FFmpeg: its header says rate, channels and length; a cut file is
        // found when it is decoded (AudioSource::damage()).
        auto source = AudioSource::open(path);
        if (!source.ok())
            return Status::failure(source.error());
        const AudioStreamInfo& info = (*source)->info();
        AudioProbe result;
        result.path = path;
        result.sampleRate = info.sampleRate;
        result.channels = info.channels;
        result.frames = qMax<qint64>(0, info.frames);
        result.durationMs = qMax<qint64>(0, info.durationMs());
        result.format = info.decoder;
        result.encoding = info.codec;
        return result;
    }
    const SF_INFO& info = file.info();
    if (info.samplerate <= 0 || info.channels <= 0)
        return Status::failure(
            QStringLiteral("%1: the audio header gives %2 Hz and %3 channels, which cannot be "
                           "played")
                .arg(path)
                .arg(info.samplerate)
                .arg(info.channels));
    AudioProbe result;
    result.path = path;
    result.sampleRate = info.samplerate;
    result.channels = info.channels;
    result.frames = qMax<qint64>(0, info.frames);
    result.durationMs = (result.frames * 1000 + info.samplerate / 2) / info.samplerate;
    result.format = formatName(info.format, SF_FORMAT_TYPEMASK);
    result.encoding = formatName(info.format, SF_FORMAT_SUBMASK);
    result.truncated = audiobackend::sndFileLogSaysTruncated(file.handle());
    return result;
}

QString formatDurationMs(qint64 ms) {
    const bool negative = ms < 0;
    ms = qAbs(ms);
    const qint64 minutes = ms / 60000;
    const qint64 seconds = (ms / 1000) % 60;
    const qint64 millis = ms % 1000;
    return QStringLiteral("%1%2:%3.%4")
        .arg(negative ? QStringLiteral("-") : QString())
        .arg(minutes, 2, 10, QLatin1Char('0'))
        .arg(seconds, 2, 10, QLatin1Char('0'))
        .arg(millis, 3, 10, QLatin1Char('0'));
}

}  // namespace postil

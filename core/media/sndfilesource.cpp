// AudioSource over libsndfile, reading through a QIODevice (sf_open_virtual),
// so any path and any device work alike.

#include <QIODevice>
#include <QRegularExpression>

#include "media/audiobackends.h"
#include "media/audiosource.h"

namespace postil {

namespace {

sf_count_t deviceLength(void* device) {
    return static_cast<QIODevice*>(device)->size();
}

sf_count_t deviceSeek(sf_count_t offset, int whence, void* opaque) {
    auto* device = static_cast<QIODevice*>(opaque);
    qint64 target = offset;
    if (whence == SEEK_CUR)
        target += device->pos();
    else if (whence == SEEK_END)
        target += device->size();
    if (target < 0 || !device->seek(target))
        return -1;
    return device->pos();
}

sf_count_t deviceRead(void* out, sf_count_t count, void* opaque) {
    const qint64 got = static_cast<QIODevice*>(opaque)->read(static_cast<char*>(out), count);
    return got < 0 ? 0 : got;
}

sf_count_t deviceWrite(const void*, sf_count_t, void*) {
    return 0;
}

sf_count_t deviceTell(void* device) {
    return static_cast<QIODevice*>(device)->pos();
}

QString formatName(int format) {
    SF_FORMAT_INFO info{};
    info.format = format & SF_FORMAT_TYPEMASK;
    if (sf_command(nullptr, SFC_GET_FORMAT_INFO, &info, sizeof info) != 0 || !info.name)
        return QString();
    return QString::fromUtf8(info.name);
}

class SndFileSource final : public AudioSource {
public:
    SndFileSource(QIODevice* device, const QString& name) : AudioSource(device, name) {}
    ~SndFileSource() override {
        if (m_file)
            sf_close(m_file);
    }

    bool open(bool takeMpeg, QString* why) {
        SF_VIRTUAL_IO io{deviceLength, deviceSeek, deviceRead, deviceWrite, deviceTell};
        SF_INFO info{};
        m_file = sf_open_virtual(&io, SFM_READ, &info, device());
        if (!m_file) {
            *why = QString::fromUtf8(sf_strerror(nullptr));
            return false;
        }
        if (info.channels <= 0 || info.channels > kMaxChannels ||
            info.samplerate < kMinSampleRate || info.samplerate > kMaxSampleRate) {
            *why = QStringLiteral("the header gives %1 Hz and %2 channels")
                       .arg(info.samplerate)
                       .arg(info.channels);
            return false;
        }
        if ((info.format & SF_FORMAT_TYPEMASK) == SF_FORMAT_MPEG && !takeMpeg) {
            *why = QStringLiteral("MP3 is left to FFmpeg");
            return false;
        }
        m_info.sampleRate = info.samplerate;
        m_info.channels = info.channels;
        m_info.frames = info.frames >= 0 && info.frames <= kMaxFrames ? info.frames : -1;
        m_info.codec = formatName(info.format);
        m_info.decoder = QStringLiteral("libsndfile");
        // Integer files come out in [-1, 1]; float files as stored.
        sf_command(m_file, SFC_SET_NORM_FLOAT, nullptr, SF_TRUE);
        qint64 promised = 0;
        qint64 found = 0;
        if (audiobackend::sndFileLogSaysTruncated(m_file, &promised, &found) && m_info.frames > 0) {
            // The bytes there hold whole frames and perhaps part of one more.
            const qint64 bytesPerFrame = found / m_info.frames;
            if (bytesPerFrame > 0)
                noteTruncated(promised / bytesPerFrame, m_info.frames);
        }
        return true;
    }

    Expected<qint64> read(float* out, qint64 maxFrames) override {
        if (maxFrames <= 0 || m_atEnd)
            return qint64(0);
        const sf_count_t got = sf_readf_float(m_file, out, maxFrames);
        if (got > 0) {
            m_position += got;
            return qint64(got);
        }
        // The end, or a stretch the library cannot get past: either way the
        // audio stops here, and a decode error says so.
        m_atEnd = true;
        if (sf_error(m_file) != SF_ERR_NO_ERROR)
            noteDamage(m_position);
        // A compressed stream that ends well before its promised length was
        // cut short (a WAV says so in its header, read at open).
        const qint64 slack = m_info.sampleRate / 20;
        if (m_info.frames > 0 && m_position + slack < m_info.frames)
            noteTruncated(m_info.frames, m_position);
        return qint64(0);
    }

    Status seek(qint64 frame) override {
        frame = qMax<qint64>(0, frame);
        if (m_info.frames >= 0 && frame >= m_info.frames) {
            // libsndfile refuses to seek past the end; reading there gives nothing.
            if (m_info.frames > 0 && sf_seek(m_file, m_info.frames - 1, SEEK_SET) < 0)
                return Status::failure(QStringLiteral("%1: cannot seek").arg(name()));
            m_position = frame;
            m_atEnd = true;
            return Status::success();
        }
        if (sf_seek(m_file, frame, SEEK_SET) < 0)
            return Status::failure(QStringLiteral("%1: cannot seek to frame %2 (%3)")
                                       .arg(name())
                                       .arg(frame)
                                       .arg(QString::fromUtf8(sf_strerror(m_file))));
        m_position = frame;
        m_atEnd = false;
        return Status::success();
    }

private:
    SNDFILE* m_file = nullptr;
    bool m_atEnd = false;
};

}  // namespace

namespace audiobackend {

std::unique_ptr<AudioSource> openWithSndFile(QIODevice* device, const QString& name, bool takeMpeg,
                                             QString* why) {
    auto source = std::make_unique<SndFileSource>(device, name);
    if (!source->open(takeMpeg, why))
        return nullptr;
    return source;
}

bool sndFileLogSaysTruncated(SNDFILE* file, qint64* promised, qint64* found) {
    char log[8192] = {};
    sf_command(file, SFC_GET_LOG_INFO, log, sizeof log);
    static const QRegularExpression chunk(
        QStringLiteral("^\\s*(?:data|SSND)\\s*:\\s*(\\d+)\\s*\\(should be (\\d+)\\)"),
        QRegularExpression::MultilineOption);
    auto it = chunk.globalMatch(QString::fromLatin1(log));
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const qint64 declared = m.captured(1).toLongLong();
        const qint64 there = m.captured(2).toLongLong();
        if (there < declared) {
            if (promised)
                *promised = declared;
            if (found)
                *found = there;
            return true;
        }
    }
    return false;
}

}  // namespace audiobackend
}  // namespace postil

// AudioSource over FFmpeg's libavformat, libavcodec and libswresample, for
// what libsndfile does not read (M4A/AAC above all). Reads through a
// QIODevice (a custom AVIOContext), so no path or URL reaches FFmpeg: it
// opens nothing by itself, and only the audio demuxers below are allowed.

#include <QIODevice>
#include <mutex>
#include <vector>

#include "media/audiobackends.h"
#include "media/audiosource.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libavutil/mem.h>
#include <libavutil/opt.h>
#include <libswresample/swresample.h>
}

namespace postil {

namespace {

// The demuxers FFmpeg may pick: containers of audio. Playlists and
// concatenations (hls, concat, dash), which open further files, images and
// raw video are not among them.
constexpr char kAudioDemuxers[] =
    "mov,mp4,m4a,3gp,3g2,mj2,aac,mp3,ogg,flac,wav,w64,aiff,caf,matroska,webm,asf,amr,ac3,eac3,"
    "dts,truehd,mpc,mpc8,ape,wv,tta,au,voc,loas,latm";
constexpr int kIoBufferBytes = 64 * 1024;
constexpr size_t kMaxAllocationBytes = 64 << 20;
// Decoded before a seek target so that codecs whose frames overlap (AAC's
// MDCT, MP3's bit reservoir) give what a decode from the start gives there.
constexpr qint64 kPrerollMs = 200;

QString avError(int code) {
    char text[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, text, sizeof text);
    return QString::fromUtf8(text);
}

int readDevice(void* opaque, uint8_t* buffer, int size) {
    const qint64 got = static_cast<QIODevice*>(opaque)->read(reinterpret_cast<char*>(buffer), size);
    return got <= 0 ? AVERROR_EOF : int(got);
}

int64_t seekDevice(void* opaque, int64_t offset, int whence) {
    auto* device = static_cast<QIODevice*>(opaque);
    if (whence & AVSEEK_SIZE)
        return device->size();
    whence &= ~AVSEEK_FORCE;
    qint64 target = offset;
    if (whence == SEEK_CUR)
        target += device->pos();
    else if (whence == SEEK_END)
        target += device->size();
    else if (whence != SEEK_SET)
        return AVERROR(EINVAL);
    if (target < 0 || !device->seek(target))
        return AVERROR(EIO);
    return device->pos();
}

class FfmpegSource final : public AudioSource {
public:
    FfmpegSource(QIODevice* device, const QString& name) : AudioSource(device, name) {}
    ~FfmpegSource() override {
        swr_free(&m_resampler);
        av_frame_free(&m_frame);
        av_packet_free(&m_packet);
        avcodec_free_context(&m_codec);
        avformat_close_input(&m_format);  // does not free a custom AVIOContext
        if (m_io) {
            av_freep(&m_io->buffer);
            avio_context_free(&m_io);
        }
        av_channel_layout_uninit(&m_resamplerLayout);
    }

    bool open(QString* why) {
        // FFmpeg reports every oddity of a damaged file on stderr; what
        // matters reaches the user through damage() instead.
        static std::once_flag setUp;
        std::call_once(setUp, [] {
            av_log_set_level(AV_LOG_QUIET);
            // No single allocation above 64 MB: audio needs a few MB at most,
            // and a 259-byte WAV whose LIST chunk claims 2 GB had FFmpeg's
            // RIFF reader take 1.3 GB and 5 s (fuzz_audio). Process-wide, and
            // only this file uses FFmpeg.
            av_max_alloc(kMaxAllocationBytes);
        });

        auto* buffer = static_cast<unsigned char*>(av_malloc(kIoBufferBytes));
        m_io = avio_alloc_context(buffer, kIoBufferBytes, 0, device(), readDevice, nullptr,
                                  seekDevice);
        m_format = avformat_alloc_context();
        m_packet = av_packet_alloc();
        m_frame = av_frame_alloc();
        if (!buffer || !m_io || !m_format || !m_packet || !m_frame) {
            if (!m_io)
                av_free(buffer);
            *why = QStringLiteral("out of memory");
            return false;
        }
        m_format->pb = m_io;
        m_format->flags |= AVFMT_FLAG_CUSTOM_IO;
        AVDictionary* options = nullptr;
        av_dict_set(&options, "format_whitelist", kAudioDemuxers, 0);
        av_dict_set(&options, "protocol_whitelist", "none", 0);
        // The name only helps guess the format by its extension: with a
        // custom AVIOContext nothing is opened by name.
        const QByteArray fileName = name().section(QLatin1Char('/'), -1).toUtf8();
        int code = avformat_open_input(&m_format, fileName.constData(), nullptr, &options);
        av_dict_free(&options);
        if (code < 0) {
            *why = avError(code);  // m_format was freed and nulled
            return false;
        }
        if ((code = avformat_find_stream_info(m_format, nullptr)) < 0) {
            *why = avError(code);
            return false;
        }
        const AVCodec* decoder = nullptr;
        m_stream = av_find_best_stream(m_format, AVMEDIA_TYPE_AUDIO, -1, -1, &decoder, 0);
        if (m_stream < 0 || !decoder) {
            *why = m_stream == AVERROR_DECODER_NOT_FOUND
                       ? QStringLiteral("no decoder for its audio")
                       : QStringLiteral("no audio stream");
            return false;
        }
        for (unsigned i = 0; i < m_format->nb_streams; ++i) {
            if (int(i) != m_stream)
                m_format->streams[i]->discard = AVDISCARD_ALL;
        }
        const AVStream* stream = m_format->streams[m_stream];
        m_codec = avcodec_alloc_context3(decoder);
        if (!m_codec || avcodec_parameters_to_context(m_codec, stream->codecpar) < 0) {
            *why = QStringLiteral("the audio stream's parameters do not read");
            return false;
        }
        m_codec->pkt_timebase = stream->time_base;
        m_codec->thread_count = 1;
        if ((code = avcodec_open2(m_codec, decoder, nullptr)) < 0) {
            *why = avError(code);
            return false;
        }
        const int rate = m_codec->sample_rate;
        const int channels = m_codec->ch_layout.nb_channels;
        if (channels <= 0 || channels > kMaxChannels || rate < kMinSampleRate ||
            rate > kMaxSampleRate) {
            *why = QStringLiteral("the stream gives %1 Hz and %2 channels").arg(rate).arg(channels);
            return false;
        }
        m_info.sampleRate = rate;
        m_info.channels = channels;
        m_info.codec = QString::fromUtf8(decoder->name);
        m_info.decoder = QStringLiteral("FFmpeg");
        m_timeBase = stream->time_base;
        m_startTs = stream->start_time != AV_NOPTS_VALUE ? stream->start_time : 0;
        if (stream->duration != AV_NOPTS_VALUE && stream->duration > 0)
            m_info.frames = av_rescale_q(stream->duration, stream->time_base, AVRational{1, rate});
        else if (m_format->duration != AV_NOPTS_VALUE && m_format->duration > 0)
            m_info.frames = av_rescale(m_format->duration, rate, AV_TIME_BASE);
        if (m_info.frames > kMaxFrames || m_info.frames < 0)
            m_info.frames = -1;
        // A length guessed from the bitrate is no promise to hold the file to.
        m_lengthIsPromise = m_info.frames > 0 &&
                            m_format->duration_estimation_method != AVFMT_DURATION_FROM_BITRATE;
        return true;
    }

    Expected<qint64> read(float* out, qint64 maxFrames) override {
        const int channels = m_info.channels;
        qint64 done = 0;
        while (done < maxFrames) {
            if (pendingFrames() == 0 && !decodeMore())
                break;
            const qint64 take = qMin(maxFrames - done, pendingFrames());
            std::copy_n(m_pending.data() + m_pendingOffset * channels, take * channels,
                        out + done * channels);
            m_pendingOffset += take;
            m_position += take;
            done += take;
        }
        return done;
    }

    Status seek(qint64 frame) override {
        frame = qMax<qint64>(0, frame);
        // Close ahead: decode forward, which is exact and cheap.
        if (frame >= m_position && frame - m_position <= m_info.sampleRate / 2) {
            while (m_position < frame) {
                if (pendingFrames() == 0 && !decodeMore()) {
                    m_position = frame;  // past the end: reads nothing
                    return Status::success();
                }
                const qint64 drop = qMin(frame - m_position, pendingFrames());
                m_pendingOffset += drop;
                m_position += drop;
            }
            return Status::success();
        }
        // Each attempt starts further back: an index can land after the target.
        qint64 preroll = kPrerollMs * m_info.sampleRate / 1000;
        for (int attempt = 0; attempt < 4; ++attempt, preroll *= 8) {
            // Before the start is fine, and needed near it: the priming
            // packets of AAC sit before time 0, and a frame decoded without
            // the one before it is not what a decode from the start gives.
            const qint64 from = attempt == 3 ? -m_info.sampleRate : frame - preroll;
            int64_t ts = 0;
            if (__builtin_add_overflow(
                    m_startTs, av_rescale_q(from, AVRational{1, m_info.sampleRate}, m_timeBase),
                    &ts))
                continue;  // a hostile start time: no such place
            if (av_seek_frame(m_format, m_stream, ts, AVSEEK_FLAG_BACKWARD) < 0 &&
                av_seek_frame(m_format, m_stream, ts, AVSEEK_FLAG_BACKWARD | AVSEEK_FLAG_ANY) < 0)
                continue;
            avcodec_flush_buffers(m_codec);
            m_pending.clear();
            m_pendingOffset = 0;
            m_flushed = false;
            m_ended = false;
            m_seekTarget = frame;
            m_hasLanded = false;
            if (!decodeMore()) {
                if (m_hasLanded && m_landed <= frame) {
                    m_position = frame;  // past the end: reads nothing
                    return Status::success();
                }
                continue;
            }
            if (m_hasLanded && m_landed > frame && attempt < 3)
                continue;
            m_position = frame;
            return Status::success();
        }
        return Status::failure(QStringLiteral("%1: cannot seek to %2 s")
                                   .arg(name())
                                   .arg(double(frame) / m_info.sampleRate));
    }

private:
    qint64 pendingFrames() const {
        return qint64(m_pending.size()) / m_info.channels - m_pendingOffset;
    }

    // Decodes until converted frames are pending; false at the end.
    bool decodeMore() {
        m_pending.clear();
        m_pendingOffset = 0;
        while (!m_ended) {
            const int received = avcodec_receive_frame(m_codec, m_frame);
            if (received == 0) {
                const bool some = takeFrame();
                av_frame_unref(m_frame);
                if (some)
                    return true;
                continue;
            }
            if (received == AVERROR_EOF) {
                m_ended = true;
                break;
            }
            if (received != AVERROR(EAGAIN)) {
                noteDamage(m_position);
                continue;  // the decoder moves past a bad packet
            }
            if (m_flushed) {
                m_ended = true;
                break;
            }
            const int got = av_read_frame(m_format, m_packet);
            if (got < 0) {
                // The end, or data the demuxer cannot read on from: drain.
                if (got != AVERROR_EOF && !avio_feof(m_format->pb))
                    noteDamage(m_position);
                avcodec_send_packet(m_codec, nullptr);
                m_flushed = true;
                continue;
            }
            if (m_packet->stream_index == m_stream) {
                const int sent = avcodec_send_packet(m_codec, m_packet);
                if (sent < 0 && sent != AVERROR(EAGAIN) && sent != AVERROR_EOF)
                    noteDamage(m_position);
            }
            av_packet_unref(m_packet);
        }
        if (m_seekTarget < 0 && m_lengthIsPromise &&
            m_position + m_info.sampleRate / 10 < m_info.frames)
            noteTruncated(m_info.frames, m_position);
        return false;
    }

    // Converts the decoded frame into m_pending; false when it adds nothing
    // (damaged, or wholly before a seek target).
    bool takeFrame() {
        const int frames = m_frame->nb_samples;
        if (frames <= 0)
            return false;
        if (!ensureResampler()) {
            noteDamage(m_position);
            return false;
        }
        const int channels = m_info.channels;
        m_pending.resize(size_t(frames) * channels);
        auto* out = reinterpret_cast<uint8_t*>(m_pending.data());
        const int converted = swr_convert(
            m_resampler, &out, frames, const_cast<const uint8_t**>(m_frame->extended_data), frames);
        if (converted <= 0) {
            m_pending.clear();
            noteDamage(m_position);
            return false;
        }
        m_pending.resize(size_t(converted) * channels);
        if (m_seekTarget >= 0)
            return dropBeforeTarget(converted);
        return true;
    }

    // After a seek: where the first frame starts (its timestamp), then what
    // lies before the target is dropped.
    bool dropBeforeTarget(int converted) {
        if (!m_hasLanded) {
            m_hasLanded = true;
            int64_t ts = m_frame->best_effort_timestamp;
            int64_t sinceStart = 0;
            // A hostile timestamp far from the start counts as none.
            if (ts != AV_NOPTS_VALUE && __builtin_sub_overflow(ts, m_startTs, &sinceStart))
                ts = AV_NOPTS_VALUE;
            if (ts == AV_NOPTS_VALUE) {
                // No timestamps to tell where the seek landed: go back to the
                // start, where counting frames is exact.
                m_landed = 0;
                m_next = 0;
                if (m_seekTarget > 0 && !m_restarted) {
                    m_restarted = true;
                    av_seek_frame(m_format, m_stream, m_startTs, AVSEEK_FLAG_BACKWARD);
                    avcodec_flush_buffers(m_codec);
                    m_flushed = false;
                    m_pending.clear();
                    return false;
                }
            } else {
                // Negative before the stream's start: the priming samples of
                // a codec that a seek to the start hands out again.
                m_landed = av_rescale_q(sinceStart, m_timeBase, AVRational{1, m_info.sampleRate});
                m_next = m_landed;
            }
            if (m_landed > m_seekTarget) {
                // Landed late: the caller seeks again from further back.
                m_seekTarget = -1;
                return true;
            }
        }
        const qint64 start = m_next;
        m_next += converted;
        if (m_next <= m_seekTarget) {
            m_pending.clear();
            return false;
        }
        m_pendingOffset = m_seekTarget - start;
        m_seekTarget = -1;
        m_restarted = false;
        return true;
    }

    bool ensureResampler() {
        const AVFrame* frame = m_frame;
        if (frame->ch_layout.nb_channels != m_info.channels ||
            frame->sample_rate != m_info.sampleRate)
            return false;  // a stream that changes shape midway: skipped
        AVChannelLayout layout{};
        if (frame->ch_layout.order == AV_CHANNEL_ORDER_UNSPEC)
            av_channel_layout_default(&layout, m_info.channels);
        else if (av_channel_layout_copy(&layout, &frame->ch_layout) < 0)
            return false;
        if (m_resampler && frame->format == m_resamplerFormat &&
            av_channel_layout_compare(&layout, &m_resamplerLayout) == 0) {
            av_channel_layout_uninit(&layout);
            return true;
        }
        swr_free(&m_resampler);
        av_channel_layout_uninit(&m_resamplerLayout);
        m_resamplerLayout = layout;
        m_resamplerFormat = frame->format;
        const int rate = m_info.sampleRate;
        if (swr_alloc_set_opts2(&m_resampler, &layout, AV_SAMPLE_FMT_FLT, rate, &layout,
                                AVSampleFormat(frame->format), rate, 0, nullptr) < 0 ||
            swr_init(m_resampler) < 0) {
            swr_free(&m_resampler);
            return false;
        }
        return true;
    }

    AVIOContext* m_io = nullptr;
    AVFormatContext* m_format = nullptr;
    AVCodecContext* m_codec = nullptr;
    AVPacket* m_packet = nullptr;
    AVFrame* m_frame = nullptr;
    SwrContext* m_resampler = nullptr;
    AVChannelLayout m_resamplerLayout{};
    int m_resamplerFormat = -1;
    int m_stream = -1;
    AVRational m_timeBase{1, 1};
    int64_t m_startTs = 0;
    bool m_lengthIsPromise = false;
    // Converted frames not yet handed out: frames m_pendingOffset.. of it.
    std::vector<float> m_pending;
    qint64 m_pendingOffset = 0;
    bool m_flushed = false;  // the demuxer is done, the decoder drains
    bool m_ended = false;
    // A seek under way: the frame wanted, where decoding landed, the frame
    // the next decoded one starts at.
    qint64 m_seekTarget = -1;
    bool m_hasLanded = false;
    qint64 m_landed = 0;
    qint64 m_next = 0;
    bool m_restarted = false;
};

}  // namespace

namespace audiobackend {

std::unique_ptr<AudioSource> openWithFfmpeg(QIODevice* device, const QString& name, QString* why) {
    auto source = std::make_unique<FfmpegSource>(device, name);
    if (!source->open(why))
        return nullptr;
    return source;
}

}  // namespace audiobackend
}  // namespace postil

#include "media/waveformloader.h"

#include "media/peakcache.h"
#include "platform/filesystem.h"
#include "store/database.h"

namespace postil {

WaveformLoader::WaveformLoader(QObject* parent) : QObject(parent) {
    qRegisterMetaType<WaveformLoadResult>();
    m_cacheThread.setMaxThreadCount(1);
    m_decoder.addConsumer(&m_builder);
    connect(&m_decoder, &AudioDecoder::opened, this, &WaveformLoader::decoderOpened);
    connect(&m_decoder, &AudioDecoder::progress, this, [this](qint64, qint64, double fraction) {
        if (m_decoding && m_pyramid)
            Q_EMIT peaksAdded(m_pyramid->coveredFrames(), fraction);
    });
    connect(&m_decoder, &AudioDecoder::finished, this, &WaveformLoader::decoderFinished);
}

WaveformLoader::~WaveformLoader() {
    cancel();
}

void WaveformLoader::cancel() {
    m_decoding = false;
    m_decoder.cancel();
    m_cacheThread.waitForDone();
    m_loading = false;
    ++m_run;  // a lookup's queued answer is dropped
}

void WaveformLoader::load(const QString& mediaPath, const QString& mediaHash,
                          const QString& projectPath) {
    cancel();
    const quint64 run = m_run;
    m_mediaPath = mediaPath;
    m_mediaHash = mediaHash;
    m_projectPath = projectPath;
    m_pyramid.reset();
    m_info = AudioStreamInfo();
    m_loading = true;
    m_clock.start();
    if (mediaHash.isEmpty() || projectPath.isEmpty()) {
        m_decoding = true;
        m_decoder.start(mediaPath);
        return;
    }
    m_cacheThread.start([this, run, mediaPath, mediaHash, projectPath] {
        std::shared_ptr<PeakPyramid> found;
        QString damage;
        // A connection of this thread's own, read-only (immutable for a
        // project that cannot be written, as Project opens it).
        auto db = Database::open(projectPath, canWriteFileAndFolder(projectPath)
                                                  ? Database::Mode::ReadOnly
                                                  : Database::Mode::Immutable);
        if (db.ok()) {
            auto hit = peakcache::find(**db, mediaHash, mediaPath);
            if (hit.ok() && hit->has_value()) {
                found = (*hit)->pyramid;
                damage = (*hit)->damage;
            }
        }
        QMetaObject::invokeMethod(
            this, [this, run, found, damage] { lookedUp(run, found, damage); },
            Qt::QueuedConnection);
    });
}

void WaveformLoader::lookedUp(quint64 run, std::shared_ptr<PeakPyramid> pyramid,
                              const QString& damage) {
    if (run != m_run)
        return;
    if (!pyramid) {
        m_decoding = true;
        m_decoder.start(m_mediaPath);
        return;
    }
    m_pyramid = std::move(pyramid);
    m_info.sampleRate = m_pyramid->sampleRate();
    m_info.channels = m_pyramid->channels();
    m_info.frames = m_pyramid->frames();
    m_info.decoder = QStringLiteral("cache");
    Q_EMIT opened(m_info);
    Q_EMIT peaksAdded(m_pyramid->frames(), 1.0);
    m_loading = false;
    WaveformLoadResult result;
    result.damage = damage;
    result.info = m_info;
    result.fromCache = true;
    result.elapsedMs = m_clock.elapsed();
    Q_EMIT finished(result);
}

void WaveformLoader::decoderOpened(const AudioStreamInfo& info) {
    if (!m_decoding)
        return;
    m_pyramid = m_builder.pyramid();
    m_info = info;
    Q_EMIT opened(info);
}

void WaveformLoader::decoderFinished(const AudioDecodeResult& decoded) {
    if (!m_decoding)
        return;
    m_decoding = false;
    m_loading = false;
    WaveformLoadResult result;
    result.error = decoded.error;
    result.damage = decoded.damage;
    result.info = decoded.ok() ? decoded.info : AudioStreamInfo();
    result.cancelled = decoded.cancelled;
    result.elapsedMs = m_clock.elapsed();
    const bool whole = decoded.ok() && !decoded.cancelled && m_pyramid && m_pyramid->isComplete();
    if (whole && !m_mediaHash.isEmpty() && !m_projectPath.isEmpty()) {
        // Written on the cache's thread through a connection of its own; a
        // project that cannot be written simply keeps no cache.
        m_cacheThread.start([pyramid = m_pyramid, damage = decoded.damage, path = m_mediaPath,
                             hash = m_mediaHash, project = m_projectPath] {
            if (!canWriteFileAndFolder(project))
                return;
            auto db = Database::open(project, Database::Mode::ReadWrite);
            if (db.ok())
                (void)peakcache::store(**db, hash, path, *pyramid, damage);
        });
    }
    if (whole)
        Q_EMIT peaksAdded(m_pyramid->frames(), 1.0);
    Q_EMIT finished(result);
}

}  // namespace postil

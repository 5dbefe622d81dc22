#include "editors/image/tileloader.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QMutex>
#include <QThread>
#include <QThreadPool>
#include <QTimer>
#include <algorithm>
#include <utility>

namespace postil {

namespace {

// libjpeg decodes at most at 1/8 scale; coarser levels are halved from that one.
constexpr int kMaxDecoderLevel = 3;

// One pool for every image, owned by the application so that it waits for running decodes
// before the image plugins are unloaded at exit.
QThreadPool* decoderPool() {
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool(QCoreApplication::instance());
        p->setObjectName(QStringLiteral("postil-tile-decoders"));
        p->setMaxThreadCount(std::clamp(QThread::idealThreadCount(), 2, 4));
        return p;
    }();
    return pool;
}

bool wholeLevel(const ImageTileSource& source, int level) {
    if (!source.decodesRegions() || level >= source.thumbnailLevel())
        return true;
    const QSize size = source.levelSize(level);
    return qint64(size.width()) * size.height() <= TileLoader::kWholeLevelPixels;
}

}  // namespace

struct TileLoader::Result {
    int jobId = 0;
    QList<std::pair<TileKey, QImage>> pieces;
    QString error;    // nothing decoded
    QString warning;  // decoded, but the data was damaged
};

// Where workers leave results. The loader may be destroyed while they work: it clears
// 'receiver' under the lock, so a result is either posted to a living loader (and dropped by
// Qt if the loader dies before the event is handled) or not posted at all.
struct TileLoader::Mailbox {
    QMutex mutex;
    TileLoader* receiver = nullptr;

    void post(Result result) {
        QMutexLocker lock(&mutex);
        if (!receiver)
            return;
        TileLoader* to = receiver;
        QMetaObject::invokeMethod(
            to, [to, result = std::move(result)] { to->deliver(result); }, Qt::QueuedConnection);
    }
};

TileLoader::TileLoader(const ImageTileSource& source, QObject* parent)
    : QObject(parent), m_source(source), m_mailbox(std::make_shared<Mailbox>()) {
    m_mailbox->receiver = this;
    m_cache.setMaxCost(int(kCacheBytes >> 10));
    // The thumbnail is the fast first paint and the stand-in for every other level. The view's
    // first paint usually follows open() at once; if it asks for a level decoded in one piece,
    // that decode makes the thumbnail too (one pass over the file instead of two). If no paint
    // asks soon, the thumbnail is decoded on its own.
    m_fileBytes = QFileInfo(m_source.path()).size();
    QTimer::singleShot(kThumbnailWaitMs, this, [this] {
        queueThumbnail(true);
        start();
    });
}

void TileLoader::queueThumbnail(bool front, bool byLevel) {
    if (!isPending(thumbnailKey()))
        return;
    QList<Job> jobs;
    if (!byLevel)
        jobs << Job{coarsestLevel(), QRect(), !m_source.decodesRegions()};
    // The preview reads the top rows of the file only: the displayed top must be the stored
    // top (no quarter turn, no vertical flip), or it would cost a whole pass too.
    const auto transform = m_source.transformation();
    if (m_source.decodesRegions() && !m_previewStarted && m_fileBytes > kPreviewFileBytes &&
        !transform.testFlag(QImageIOHandler::TransformationRotate90) &&
        !transform.testFlag(QImageIOHandler::TransformationFlip)) {
        // About a third of a second of decoding at 60 MB/s, between 1/16 and 1/2 of the rows.
        const double share = std::clamp(20e6 / double(m_fileBytes), 1.0 / 16, 0.5);
        const int first = std::min(coarsestLevel(), kMaxDecoderLevel);
        const QSize size = m_source.levelSize(first);
        const int rows = std::max(1 << (coarsestLevel() - first), int(size.height() * share));
        jobs << Job{coarsestLevel(), QRect(0, 0, size.width(), rows), false, true};
    }
    if (front)
        m_queue = jobs + m_queue;
    else
        m_queue += jobs;
}

TileLoader::~TileLoader() {
    {
        QMutexLocker lock(&m_mailbox->mutex);
        m_mailbox->receiver = nullptr;
    }
    for (const Running& run : std::as_const(m_running))
        run.cancel->store(true);
    // Giving back a photo's decoded levels (64 MB for 12 MP decoded whole)
    // took the GUI thread 3 to 27 ms at every task switch, returning pages to
    // the system (tests/bench/RESULTS.md, bench_imageshow): a worker frees them.
    // QImage's data is reference-counted atomically; these are the last
    // references, since paint() keeps none.
    auto left = std::make_shared<QList<QImage>>();
    for (const QImage& image : std::as_const(m_pinned))
        *left << image;
    m_pinned.clear();
    const QList<TileKey> keys = m_cache.keys();
    for (const TileKey& key : keys)
        if (QImage* image = m_cache.take(key)) {
            *left << std::move(*image);
            delete image;
        }
    if (!m_preview.isNull())
        *left << std::exchange(m_preview, QImage());
    if (!left->isEmpty())
        QThreadPool::globalInstance()->start([left] { left->clear(); });
}

bool TileLoader::isWholeLevel(int level) const {
    return wholeLevel(m_source, level);
}

QImage TileLoader::levelImage(int level) const {
    const auto pinned = m_pinned.constFind(level);
    if (pinned != m_pinned.constEnd())
        return *pinned;
    const QImage* cached = m_cache.object(TileKey{level, -1, -1});
    return cached ? *cached : QImage();
}

QImage TileLoader::tile(int level, int col, int row) const {
    const QImage* cached = m_cache.object(TileKey{level, col, row});
    return cached ? *cached : QImage();
}

bool TileLoader::has(const TileKey& key) const {
    return (key.isWholeLevel() && m_pinned.contains(key.level)) || m_cache.contains(key);
}

QRect TileLoader::tileRect(int level, int col, int row) const {
    return QRect(col * kTileSize, row * kTileSize, kTileSize, kTileSize)
        .intersected(QRect(QPoint(), m_source.levelSize(level)));
}

QRect TileLoader::tilesCovering(int level, const QRectF& itemRect) const {
    const QSize size = m_source.levelSize(level);
    const qreal scale = qreal(1 << level) * kTileSize;
    const QRectF area = itemRect.intersected(QRectF(QPointF(), m_source.size()));
    if (area.isEmpty())
        return QRect();
    const int cols = (size.width() + kTileSize - 1) / kTileSize;
    const int rows = (size.height() + kTileSize - 1) / kTileSize;
    const int c0 = std::clamp(int(area.left() / scale), 0, cols - 1);
    const int r0 = std::clamp(int(area.top() / scale), 0, rows - 1);
    const int c1 = std::clamp(int(std::ceil(area.right() / scale)) - 1, c0, cols - 1);
    const int r1 = std::clamp(int(std::ceil(area.bottom() / scale)) - 1, r0, rows - 1);
    return QRect(QPoint(c0, r0), QPoint(c1, r1));
}

QList<TileKey> TileLoader::keysCovering(int level, const QRectF& itemRect) const {
    if (isWholeLevel(level))
        return {TileKey{level, -1, -1}};
    QList<TileKey> keys;
    const QRect tiles = tilesCovering(level, itemRect);
    for (int row = tiles.top(); row <= tiles.bottom(); ++row)
        for (int col = tiles.left(); col <= tiles.right(); ++col)
            keys << TileKey{level, col, row};
    return keys;
}

QList<TileKey> TileLoader::keysOf(const Job& job) const {
    if (job.preview)
        return {};
    if (job.pyramid || job.tiles.isNull()) {
        // A whole level comes with every coarser one (a pyramid: every level).
        QList<TileKey> keys;
        for (int level = job.pyramid ? 0 : job.level; level <= coarsestLevel(); ++level)
            keys << TileKey{level, -1, -1};
        return keys;
    }
    QList<TileKey> keys;
    for (int row = job.tiles.top(); row <= job.tiles.bottom(); ++row)
        for (int col = job.tiles.left(); col <= job.tiles.right(); ++col)
            keys << TileKey{job.level, col, row};
    return keys;
}

bool TileLoader::isPending(const TileKey& key) const {
    return !has(key) && !m_inFlight.contains(key) && !m_broken.contains(key);
}

bool TileLoader::needed(const Job& job) const {
    if (job.preview)
        return !has(thumbnailKey());
    if (job.pyramid || job.level == coarsestLevel())
        return true;
    if (job.tiles.isNull() && !has(thumbnailKey()))
        return true;  // it makes the thumbnail, which nothing else may be making
    if (job.level != m_wantLevel)
        return false;
    if (job.tiles.isNull())
        return true;
    return job.tiles.intersects(tilesCovering(m_wantLevel, m_wantVisible).adjusted(-1, -1, 1, 1));
}

void TileLoader::want(int level, const QRectF& visible) {
    m_wantLevel = level;
    m_wantVisible = visible;
    for (const Running& run : std::as_const(m_running))
        if (!needed(run.job))
            run.cancel->store(true);
    m_queue.clear();
    const int coarsest = coarsestLevel();
    if (!m_source.decodesRegions() || level >= coarsest) {
        queueThumbnail(false);
        start();
        return;
    }
    if (isWholeLevel(level)) {
        // Decoding this level makes every coarser one, the thumbnail included.
        const bool levelPending = isPending(TileKey{level, -1, -1});
        if (levelPending)
            m_queue << Job{level, QRect(), false};
        queueThumbnail(false, levelPending);
        start();
        return;
    }
    queueThumbnail(false);
    // The visible tiles and a ring of one tile around them, so that short pans find their
    // tiles ready. One decode for all of it: libjpeg decodes every row above the lowest tile,
    // full width, in any case, so separate decodes would pay for the same rows again.
    const QRect visibleTiles = tilesCovering(level, visible);
    if (visibleTiles.isEmpty()) {
        start();
        return;
    }
    const QSize size = m_source.levelSize(level);
    const QRect grid(0, 0, (size.width() + kTileSize - 1) / kTileSize,
                     (size.height() + kTileSize - 1) / kTileSize);
    const QRect around = visibleTiles.adjusted(-1, -1, 1, 1).intersected(grid);
    QRect missing;
    for (int row = around.top(); row <= around.bottom(); ++row)
        for (int col = around.left(); col <= around.right(); ++col)
            if (isPending(TileKey{level, col, row}))
                missing |= QRect(col, row, 1, 1);
    if (missing.isEmpty()) {
        start();
        return;
    }
    // For the same reason, columns to either side and rows above cost that decode nothing but
    // memory: take them, up to the job's size, for the pans to come.
    const qint64 budget = std::max<qint64>(1, kJobPixels / (kTileSize * kTileSize));
    QRect job = missing;
    for (bool grew = true; grew;) {
        grew = false;
        for (const QMargins& step :
             {QMargins(0, 0, 1, 0), QMargins(1, 0, 0, 0), QMargins(0, 1, 0, 0)}) {
            const QRect wider = job.marginsAdded(step).intersected(grid);
            if (wider != job && qint64(wider.width()) * wider.height() <= budget) {
                job = wider;
                grew = true;
            }
        }
    }
    // A view larger than one job's budget (a very large screen) takes several, top first.
    const int rowsPerJob = int(std::max<qint64>(1, budget / job.width()));
    for (int row = job.top(); row <= job.bottom(); row += rowsPerJob)
        m_queue << Job{
            level,
            QRect(job.left(), row, job.width(), std::min(rowsPerJob, job.bottom() - row + 1)),
            false};
    start();
}

void TileLoader::start() {
    const int slots = decoderPool()->maxThreadCount();
    while (m_running.size() < slots && !m_queue.isEmpty())
        launch(m_queue.takeFirst());
}

void TileLoader::launch(const Job& job) {
    const int id = m_nextJobId++;
    auto cancel = std::make_shared<std::atomic_bool>(false);
    m_running.insert(id, Running{job, cancel});
    m_previewStarted = m_previewStarted || job.preview;
    for (const TileKey& key : keysOf(job))
        m_inFlight.insert(key);
    decoderPool()->start([mailbox = m_mailbox, source = m_source, job, cancel, id] {
        Result result = run(source, job, *cancel);
        result.jobId = id;
        mailbox->post(std::move(result));
    });
}

TileLoader::Result TileLoader::run(const ImageTileSource& source, const Job& job,
                                   const std::atomic_bool& cancel) {
    Result result;
    if (job.pyramid) {
        auto whole = source.decodeWhole(&cancel, &result.warning);
        if (!whole.ok()) {
            result.error = whole.error();
            return result;
        }
        QImage level = *whole;
        result.pieces << std::pair{TileKey{0, -1, -1}, level};
        for (int k = 1; k <= source.thumbnailLevel(); ++k) {
            level =
                level.scaled(source.levelSize(k), Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
            result.pieces << std::pair{TileKey{k, -1, -1}, level};
        }
        return result;
    }
    if (job.preview) {
        auto decoded = source.decodeRegion(std::min(job.level, kMaxDecoderLevel), job.tiles,
                                           &cancel, &result.warning);
        if (!decoded.ok()) {
            result.error = decoded.error();
            return result;
        }
        QImage top = *decoded;
        for (int k = kMaxDecoderLevel; k < job.level; ++k)
            top = top.scaled((top.width() + 1) / 2, (top.height() + 1) / 2, Qt::IgnoreAspectRatio,
                             Qt::SmoothTransformation);
        result.pieces << std::pair{TileKey{job.level, -2, -2}, top};
        return result;
    }
    if (job.tiles.isNull()) {
        // Past 1/8, decode at 1/8 and halve; and halve on down to the thumbnail, keeping the
        // levels on the way (each is a quarter of the one before).
        const int first = std::min(job.level, kMaxDecoderLevel);
        auto decoded = source.decodeRegion(first, QRect(QPoint(), source.levelSize(first)), &cancel,
                                           &result.warning);
        if (!decoded.ok()) {
            result.error = decoded.error();
            return result;
        }
        QImage level = *decoded;
        for (int k = first; k <= source.thumbnailLevel(); ++k) {
            if (k > first)
                level = level.scaled(source.levelSize(k), Qt::IgnoreAspectRatio,
                                     Qt::SmoothTransformation);
            if (wholeLevel(source, k))
                result.pieces << std::pair{TileKey{k, -1, -1}, level};
        }
        return result;
    }
    const QRect levelBounds(QPoint(), source.levelSize(job.level));
    const QRect pixels = QRect(job.tiles.x() * kTileSize, job.tiles.y() * kTileSize,
                               job.tiles.width() * kTileSize, job.tiles.height() * kTileSize)
                             .intersected(levelBounds);
    auto decoded = source.decodeRegion(job.level, pixels, &cancel, &result.warning);
    if (!decoded.ok()) {
        result.error = decoded.error();
        return result;
    }
    for (int row = job.tiles.top(); row <= job.tiles.bottom(); ++row)
        for (int col = job.tiles.left(); col <= job.tiles.right(); ++col) {
            const QRect tile = QRect(col * kTileSize, row * kTileSize, kTileSize, kTileSize)
                                   .intersected(levelBounds);
            result.pieces << std::pair{TileKey{job.level, col, row},
                                       decoded->copy(tile.translated(-pixels.topLeft()))};
        }
    return result;
}

void TileLoader::deliver(const Result& result) {
    const auto found = m_running.constFind(result.jobId);
    if (found == m_running.constEnd())
        return;
    const Running run = *found;
    m_running.erase(found);
    for (const TileKey& key : keysOf(run.job))
        m_inFlight.remove(key);
    if (run.cancel->load()) {  // the view moved on; its results may still be worth keeping
        if (!result.error.isEmpty()) {
            start();
            return;
        }
    } else if (!result.error.isEmpty()) {
        for (const TileKey& key : keysOf(run.job))
            m_broken.insert(key);
        start();
        if (!m_reportedFailure) {
            m_reportedFailure = true;
            Q_EMIT failed(result.error);
        }
        return;
    }
    if (run.job.preview) {
        start();
        if (has(thumbnailKey()) || result.pieces.isEmpty())
            return;  // late: the thumbnail is better
        m_preview = result.pieces.first().second;
        const qreal scale = qreal(1 << run.job.level);
        Q_EMIT decoded(QRectF(0, 0, m_preview.width() * scale, m_preview.height() * scale)
                           .intersected(QRectF(QPointF(), m_source.size())));
        return;
    }
    QRectF changed;
    for (const auto& [key, image] : result.pieces) {
        const qreal scale = qreal(1 << key.level);
        const QRect rect = key.isWholeLevel() ? QRect(QPoint(), image.size())
                                              : tileRect(key.level, key.col, key.row);
        changed |=
            QRectF(rect.x() * scale, rect.y() * scale, rect.width() * scale, rect.height() * scale);
        if (key.isWholeLevel() && (key.level == coarsestLevel() || run.job.pyramid))
            m_pinned.insert(key.level, image);
        else
            m_cache.insert(key, new QImage(image),
                           int(std::max<qint64>(1, image.sizeInBytes() >> 10)));
    }
    if (has(thumbnailKey()))
        m_preview = QImage();
    start();
    Q_EMIT decoded(changed.intersected(QRectF(QPointF(), m_source.size())));
    if (!result.warning.isEmpty() && !m_reportedFailure) {
        m_reportedFailure = true;
        Q_EMIT failed(result.warning);
    }
}

}  // namespace postil

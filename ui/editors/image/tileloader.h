#pragma once

#include <QCache>
#include <QHash>
#include <QImage>
#include <QList>
#include <QObject>
#include <QRect>
#include <QSet>
#include <atomic>
#include <memory>

#include "editors/image/imagetilesource.h"

namespace postil {

// A decoded piece of one level: a 512-pixel tile, or (col = row = -1) the whole level.
struct TileKey {
    int level = 0;
    int col = -1;
    int row = -1;
    bool isWholeLevel() const { return col < 0; }
    friend bool operator==(const TileKey& a, const TileKey& b) {
        return a.level == b.level && a.col == b.col && a.row == b.row;
    }
};
inline size_t qHash(const TileKey& key, size_t seed = 0) {
    return qHashMulti(seed, key.level, key.col, key.row);
}

// Decodes the parts of an image that TiledImageItem asks for in worker threads, and keeps them:
// the coarsest level (the thumbnail, decoded first) for as long as the loader lives, the rest in
// a least-recently-used cache of bounded size. Lives in the GUI thread; workers post their
// results back to it. Only the latest request counts: queued work for a view that moved on is
// dropped, and decodes nobody needs any more are cancelled.
class TileLoader : public QObject {
    Q_OBJECT
public:
    static constexpr int kTileSize = 512;  // level pixels
    static constexpr qint64 kCacheBytes = qint64(256) << 20;
    // A region-decoded level this small (128 MB) is decoded in one piece: libjpeg reads every
    // row above a region anyway, so the rest of the level costs little more than any part of
    // it, and later pans cost nothing.
    static constexpr qint64 kWholeLevelPixels = qint64(32) << 20;
    static constexpr qint64 kJobPixels = qint64(16) << 20;  // the most one region decode holds
    static constexpr int kThumbnailWaitMs = 30;  // for a first paint to say which level it needs
    // A file this large takes the decoder over a second to read through on a slow machine
    // (libjpeg's entropy decoding runs at 40 to 150 MB/s), so the top of the thumbnail comes first.
    static constexpr qint64 kPreviewFileBytes = qint64(24) << 20;

    explicit TileLoader(const ImageTileSource& source, QObject* parent = nullptr);
    ~TileLoader() override;

    const ImageTileSource& source() const { return m_source; }
    int coarsestLevel() const { return m_source.thumbnailLevel(); }
    // Whether 'level' is decoded and kept as one image rather than in tiles.
    bool isWholeLevel(int level) const;

    // What can be drawn now (null images when not decoded yet). tile() counts as a use.
    QImage levelImage(int level) const;
    QImage tile(int level, int col, int row) const;
    bool has(const TileKey& key) const;
    // The top part of the coarsest level, decoded beside it when it is slow to come (a large
    // file): a stand-in until the coarsest level is there, null after.
    QImage preview() const { return m_preview; }

    QRect tileRect(int level, int col, int row) const;  // level pixels, inside the level
    // The tiles (columns x rows) of 'level' that cover 'itemRect' (full-size pixels).
    QRect tilesCovering(int level, const QRectF& itemRect) const;
    // The pieces of 'level' needed to draw 'itemRect'.
    QList<TileKey> keysCovering(int level, const QRectF& itemRect) const;

    // The view shows 'visible' (full-size pixels) at 'level'.
    void want(int level, const QRectF& visible);
    bool isBusy() const { return !m_running.isEmpty() || !m_queue.isEmpty(); }

Q_SIGNALS:
    void decoded(const QRectF& itemRect);  // pixels there can now be drawn better
    void failed(const QString& message);

private:
    struct Job {
        int level = 0;
        QRect tiles;           // tile coordinates; null: the whole level
        bool pyramid = false;  // whole decoding: the full image, and every level from it
        // The top rows of the thumbnail (tiles: those rows, in pixels of the level decoded)
        bool preview = false;
    };
    struct Result;
    struct Mailbox;
    struct Running {
        Job job;
        std::shared_ptr<std::atomic_bool> cancel;
    };

    void start();
    void launch(const Job& job);
    void deliver(const Result& result);
    QList<TileKey> keysOf(const Job& job) const;
    bool needed(const Job& job) const;
    // Not decoded, not being decoded, and not failed before.
    bool isPending(const TileKey& key) const;
    TileKey thumbnailKey() const { return TileKey{coarsestLevel(), -1, -1}; }
    // Queues the thumbnail (unless 'byLevel': a queued whole-level job makes it) and its preview.
    void queueThumbnail(bool front, bool byLevel = false);
    static Result run(const ImageTileSource& source, const Job& job,
                      const std::atomic_bool& cancel);

    const ImageTileSource m_source;
    std::shared_ptr<Mailbox> m_mailbox;
    QHash<int, QImage> m_pinned;              // whole levels never evicted
    mutable QCache<TileKey, QImage> m_cache;  // cost in KB
    QList<Job> m_queue;
    QHash<int, Running> m_running;  // by job id
    QSet<TileKey> m_inFlight;
    QSet<TileKey> m_broken;  // failed once; not asked for again
    int m_nextJobId = 1;
    int m_wantLevel = -1;
    QRectF m_wantVisible;
    bool m_reportedFailure = false;
    qint64 m_fileBytes = 0;
    bool m_previewStarted = false;
    QImage m_preview;
};

}  // namespace postil

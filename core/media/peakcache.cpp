#include "media/peakcache.h"

#include <QDateTime>
#include <QFileInfo>

namespace postil {

namespace {

// PeakPyramid::toBytes()'s layout; rows of another are decoded again.
constexpr int kLayout = 2;

struct FileStamp {
    qint64 bytes = -1;
    qint64 mtimeMs = -1;
};

FileStamp stampOf(const QString& path) {
    const QFileInfo info(path);
    if (!info.isFile())
        return {};
    return {info.size(), info.lastModified().toMSecsSinceEpoch()};
}

// Damage is kept without the file's name ("PATH: the audio ends..."), which
// is put back from wherever the file is when the cache is read.
QString withoutName(const QString& damage, const QString& path) {
    const QString prefix = path + QStringLiteral(": ");
    return damage.startsWith(prefix) ? damage.mid(prefix.size()) : damage;
}

}  // namespace

namespace peakcache {

Expected<std::optional<CachedPeaks>> find(Database& db, const QString& hash, const QString& path) {
    const FileStamp stamp = stampOf(path);
    if (stamp.bytes < 0)
        return std::optional<CachedPeaks>();
    auto statement = db.prepare(QStringLiteral(
        "SELECT bytes, mtime_ms, layout, damage, peaks FROM media_peaks WHERE hash = ?"));
    if (!statement.ok())
        return Status::failure(QStringLiteral("%1: %2").arg(db.path(), statement.error()));
    Statement& query = *statement;
    query.bind(1, hash);
    if (!query.next()) {
        if (!query.status().ok())
            return Status::failure(QStringLiteral("%1: %2").arg(db.path(), query.status().error()));
        return std::optional<CachedPeaks>();
    }
    if (query.int64(0) != stamp.bytes || query.int64(1) != stamp.mtimeMs ||
        query.int64(2) != kLayout)
        return std::optional<CachedPeaks>();
    auto pyramid = PeakPyramid::fromBytes(query.blob(4));
    if (!pyramid.ok())
        return std::optional<CachedPeaks>();
    CachedPeaks cached;
    cached.pyramid = std::move(*pyramid);
    const QString damage = query.text(3);
    if (!damage.isEmpty())
        cached.damage = QStringLiteral("%1: %2").arg(path, damage);
    return std::optional<CachedPeaks>(std::move(cached));
}

Status store(Database& db, const QString& hash, const QString& path, const PeakPyramid& pyramid,
             const QString& damage) {
    if (!pyramid.isComplete())
        return Status::failure(QStringLiteral("%1: the waveform is not complete").arg(path));
    const FileStamp stamp = stampOf(path);
    if (stamp.bytes < 0)
        return Status::failure(QStringLiteral("%1: no such file").arg(path));
    Status writable = db.checkWritable();
    if (!writable.ok())
        return writable;
    const QByteArray bytes = pyramid.toBytes();
    auto statement = db.prepare(QStringLiteral(
        "INSERT OR REPLACE INTO media_peaks(hash, bytes, mtime_ms, layout, damage, peaks) "
        "VALUES (?, ?, ?, ?, ?, ?)"));
    if (!statement.ok())
        return Status::failure(QStringLiteral("%1: %2").arg(db.path(), statement.error()));
    Statement& insert = *statement;
    insert.bind(1, hash)
        .bind(2, stamp.bytes)
        .bind(3, stamp.mtimeMs)
        .bind(4, kLayout)
        .bind(5, withoutName(damage, path))
        .bindBlob(6, bytes);
    Status done = insert.run();
    if (!done.ok())
        return Status::failure(QStringLiteral("%1: %2").arg(db.path(), done.error()));
    return Status::success();
}

}  // namespace peakcache
}  // namespace postil

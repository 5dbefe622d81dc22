#include "sync/packfiles.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include "model/ids.h"
#include "model/project.h"
#include "sync/packmanifest.h"

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <unistd.h>
#endif

namespace postil {

namespace {
void syncPath(const QString& path) {
#ifdef Q_OS_UNIX
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
#else
    Q_UNUSED(path);
#endif
}
}  // namespace

QString packedMediaName(const QString& hash, const QString& fileName) {
    QString safe;
    for (QChar c : QFileInfo(fileName).fileName().left(80)) {
        const bool plain = (c >= QLatin1Char('a') && c <= QLatin1Char('z')) ||
                           (c >= QLatin1Char('A') && c <= QLatin1Char('Z')) ||
                           (c >= QLatin1Char('0') && c <= QLatin1Char('9')) ||
                           c == QLatin1Char('.') || c == QLatin1Char('-') || c == QLatin1Char('_');
        safe += plain ? c : QLatin1Char('_');
    }
    while (safe.startsWith(QLatin1Char('.')))
        safe.remove(0, 1);
    QString prefix;
    for (QChar c : hash.left(16))
        prefix += c.isLetterOrNumber() && c.unicode() < 128 ? c : QLatin1Char('_');
    return safe.isEmpty() ? prefix : prefix + QLatin1Char('-') + safe;
}

void removePackFile(const QString& path) {
    for (const char* suffix : {"", "-journal", "-wal", "-shm"})
        QFile::remove(path + QLatin1String(suffix));
}

Status publishPackFile(const QString& staging, const QString& output) {
    syncPath(staging);
    if (QFileInfo::exists(output))
        return Status::failure(
            QStringLiteral("%1 already exists; choose another name").arg(output));
    if (!QFile::rename(staging, output))
        return Status::failure(
            QStringLiteral("%1: could not move the finished pack into place").arg(output));
    syncPath(QFileInfo(output).absolutePath());
    return Status::success();
}

Expected<int> unpackPackMedia(Project& project) {
    if (project.isReadOnly())
        return 0;
    Database& db = project.database();
    auto packed = db.queryInt(QStringLiteral("SELECT count(*) FROM pack_media"));
    if (!packed.ok() || *packed == 0)
        return 0;
    Statement rows = db.statement(QStringLiteral(
        "SELECT p.hash, p.name, m.path FROM pack_media p JOIN media m ON m.hash = p.hash"));
    const QDir folder = project.folder();
    const QString mediaFolder =
        QFileInfo(project.path()).completeBaseName() + QStringLiteral(".media");
    int written = 0;
    QList<std::pair<QString, QString>> wanted;  // hash, stored path
    while (rows.next()) {
        const QString hash = rows.text(0);
        // The stored path is the pack writer's; it is rebuilt here from
        // sanitised parts rather than trusted.
        const QString stored = mediaFolder + QLatin1Char('/') + packedMediaName(hash, rows.text(1));
        if (!QFileInfo::exists(folder.filePath(stored)))
            wanted.append({hash, stored});
        else if (stored != rows.text(2))
            wanted.append({hash, stored});
    }
    if (wanted.isEmpty())
        return 0;
    if (!folder.mkpath(mediaFolder))
        return Status::failure(
            QStringLiteral("%1: cannot make the media folder").arg(folder.filePath(mediaFolder)));
    Statement bytes = db.statement(QStringLiteral("SELECT bytes FROM pack_media WHERE hash = ?"));
    Statement setPath = db.statement(QStringLiteral("UPDATE media SET path = ? WHERE hash = ?"));
    for (const auto& [hash, stored] : wanted) {
        const QString target = folder.filePath(stored);
        if (!QFileInfo::exists(target)) {
            bytes.bind(1, hash);
            const QByteArray data = bytes.next() ? bytes.blob(0) : QByteArray();
            bytes.reset();
            if (sha256Hex(data) != hash)
                return Status::failure(
                    QStringLiteral("%1: the media file %2 inside the pack does not match its "
                                   "SHA-256; the pack is damaged, ask for it again")
                        .arg(project.path(), stored));
            QSaveFile out(target);
            if (!out.open(QIODevice::WriteOnly) || out.write(data) != data.size() || !out.commit())
                return Status::failure(
                    QStringLiteral("%1: cannot write (%2)").arg(target, out.errorString()));
            ++written;
        }
        setPath.bind(1, stored).bind(2, hash);
        if (Status s = setPath.run(); !s.ok())
            return Status::failure(QStringLiteral("%1: %2").arg(project.path(), s.error()));
    }
    return written;
}

Status prepareOpenedPack(Project& project) {
    auto manifest = PackManifest::read(project.database());
    if (!manifest.ok() || !*manifest || (*manifest)->kind != PackManifest::Kind::Out)
        return Status::success();
    if (!(*manifest)->forAnnotator.isEmpty()) {
        Identity identity = project.identity();
        identity.annotator = (*manifest)->forAnnotator;
        project.setIdentity(identity);
    }
    auto unpacked = unpackPackMedia(project);
    return unpacked.ok() ? Status::success() : Status::failure(unpacked.error());
}

QString handedOutTo(const QString& path) {
    if (!QFileInfo(path).isFile())
        return QString();
    auto db = Database::open(path, Database::Mode::ReadOnly);
    if (!db.ok())
        return QString();
    auto manifest = PackManifest::read(**db);
    if (!manifest.ok() || !*manifest || (*manifest)->kind != PackManifest::Kind::Out)
        return QString();
    return (*manifest)->forAnnotator;
}

}  // namespace postil

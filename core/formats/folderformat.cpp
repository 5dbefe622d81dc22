#include "formats/folderformat.h"

#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <algorithm>

#include "formats/importsession.h"
#include "formats/linereader.h"

namespace postil {

const QStringList& FolderFormat::imageExtensions() {
    static const QStringList list{QStringLiteral("png"),  QStringLiteral("jpg"),
                                  QStringLiteral("jpeg"), QStringLiteral("bmp"),
                                  QStringLiteral("gif"),  QStringLiteral("webp"),
                                  QStringLiteral("tif"),  QStringLiteral("tiff")};
    return list;
}

const QStringList& FolderFormat::audioExtensions() {
    static const QStringList list{QStringLiteral("wav"),  QStringLiteral("flac"),
                                  QStringLiteral("ogg"),  QStringLiteral("oga"),
                                  QStringLiteral("opus"), QStringLiteral("mp3"),
                                  QStringLiteral("aiff"), QStringLiteral("aif"),
                                  QStringLiteral("m4a"),  QStringLiteral("aac")};
    return list;
}

namespace {

// A single image or audio file, which imports as one task. A .txt file is not
// one: it may be any of several formats' files (Audacity labels, say).
bool isMediaFile(const QFileInfo& info) {
    const QString suffix = info.suffix().toLower();
    return info.isFile() && (FolderFormat::imageExtensions().contains(suffix) ||
                             FolderFormat::audioExtensions().contains(suffix));
}

}  // namespace

bool FolderFormat::probe(const QString& path) const {
    const QFileInfo info(path);
    return info.isDir() || isMediaFile(info);
}

Status FolderFormat::read(const QString& path, ImportSession& session) {
    const QFileInfo info(path);
    QStringList files;
    // Absolute, so that relative paths below it resolve once, not twice.
    QDir root(info.absoluteFilePath());
    if (isMediaFile(info)) {
        root = info.absoluteDir();
        files << info.fileName();
    } else if (!info.isDir()) {
        return Status::failure(
            QStringLiteral("%1: neither a folder nor an image or audio file").arg(path));
    } else {
        // Collect first and sort, so the import order (and the task list)
        // does not depend on the order the file system lists entries in.
        QDirIterator it(root.path(), QDir::Files | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            files << QDir::fromNativeSeparators(root.relativeFilePath(it.next()));
        std::sort(files.begin(), files.end());
    }

    const qint64 total = files.size();
    qint64 done = 0;
    for (const QString& relative : files) {
        session.progress(done++, total);
        const QString suffix = QFileInfo(relative).suffix().toLower();
        const QString where = root.filePath(relative);
        TaskRecord record;
        if (imageExtensions().contains(suffix)) {
            record.kind = TaskKind::Image;
            record.data.insert(QStringLiteral("image"), relative);
        } else if (audioExtensions().contains(suffix)) {
            record.kind = TaskKind::Audio;
            record.data.insert(QStringLiteral("audio"), relative);
        } else if (suffix == QLatin1String("txt")) {
            QFile file(where);
            if (!file.open(QIODevice::ReadOnly))
                return Status::failure(QStringLiteral("%1: %2").arg(where, file.errorString()));
            QByteArray bytes = file.readAll();
            if (bytes.startsWith("\xEF\xBB\xBF"))
                bytes.remove(0, 3);
            auto text = decodeUtf8Strict(bytes);
            if (!text) {
                Status s = session.reportBad(where, QStringLiteral("not valid UTF-8 text"));
                if (!s.ok())
                    return s;
                continue;
            }
            record.kind = TaskKind::Text;
            record.data.insert(QStringLiteral("text"), *text);
        } else {
            continue;  // not something a task can show
        }
        Status s = session.add(std::move(record), root, where);
        if (!s.ok())
            return s;
    }
    session.progress(total, total);
    return Status::success();
}

}  // namespace postil

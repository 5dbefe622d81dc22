#pragma once

#include <QSize>
#include <functional>
#include <optional>

#include "model/task.h"
#include "store/database.h"

namespace postil {

// The tasks and media tables. Statements are prepared once and reused, since
// an import calls add() a million times.
class TaskStore {
public:
    explicit TaskStore(Database& db);

    qint64 count();
    // The kinds of the project's tasks, in TaskKind order.
    QList<TaskKind> kinds();
    std::optional<Task> byId(qint64 id);
    std::optional<Task> byUid(const QString& uid);
    // Adds the task unless its uid is already there. Sets task.id when added.
    Expected<bool> add(Task& task);
    // Adds a media row unless its hash is there. 'displaySize' is the image's
    // EXIF-oriented size (invalid when unknown or not an image); a known size
    // fills in a row that had none.
    Status addMedia(const QString& hash, const QString& relativePath, qint64 bytes,
                    QSize displaySize = QSize());
    // The stored display size of a media file; nullopt when unknown.
    std::optional<QSize> mediaSize(const QString& hash);

    // An image task with what its media row knows: for matching imported
    // annotation files to tasks without opening any image.
    struct ImageTask {
        qint64 id = 0;
        QString uid;
        QString path;  // data.image: relative to the project file
        QString mediaHash;
        QSize size;  // invalid when unknown
    };
    // Calls 'visit' for every image task in import order, from one streaming
    // query; stops at the first failure 'visit' returns.
    Status forEachImageTask(const std::function<Status(const ImageTask&)>& visit);
    // The next task in import order (nullopt after the last) and the first.
    std::optional<qint64> nextId(qint64 id);
    std::optional<qint64> firstId();

private:
    std::optional<Task> readOne(Statement& stmt);
    Database& m_db;
    Statement m_insert;
    Statement m_insertMedia;
    Statement m_mediaSize;
    Statement m_byId;
    Statement m_byUid;
};

}  // namespace postil

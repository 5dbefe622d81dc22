#include "model/taskstore.h"

#include <QJsonDocument>

#include "model/ids.h"

namespace postil {

namespace {
const QString kColumns = QStringLiteral("id, uid, kind, data, media_hash, preview");
}

TaskStore::TaskStore(Database& db)
    : m_db(db),
      m_insert(db.statement(QStringLiteral("INSERT OR IGNORE INTO tasks(uid, kind, data, "
                                           "media_hash, preview) VALUES(?, ?, ?, ?, ?)"))),
      // A row without a size (written before sizes were stored) gets one;
      // path and bytes of an existing row never change here.
      m_insertMedia(db.statement(QStringLiteral(
          "INSERT INTO media(hash, path, bytes, width, height) VALUES(?, ?, ?, ?, ?) "
          "ON CONFLICT(hash) DO UPDATE SET width = coalesce(width, excluded.width), "
          "height = coalesce(height, excluded.height)"))),
      m_mediaSize(db.statement(QStringLiteral(
          "SELECT width, height FROM media WHERE hash = ? AND width > 0 AND height > 0"))),
      m_byId(db.statement(QStringLiteral("SELECT %1 FROM tasks WHERE id = ?").arg(kColumns))),
      m_byUid(db.statement(QStringLiteral("SELECT %1 FROM tasks WHERE uid = ?").arg(kColumns))) {}

qint64 TaskStore::count() {
    auto n = m_db.queryInt(QStringLiteral("SELECT count(*) FROM tasks"));
    return n.ok() ? *n : 0;
}

QList<TaskKind> TaskStore::kinds() {
    QList<TaskKind> found;
    auto stmt = m_db.prepare(QStringLiteral("SELECT EXISTS (SELECT 1 FROM tasks WHERE kind = ?)"));
    if (!stmt.ok())
        return found;
    for (TaskKind kind : {TaskKind::Image, TaskKind::Text, TaskKind::Audio, TaskKind::Compare}) {
        stmt->bind(1, toString(kind));
        if (stmt->next() && stmt->int64(0))
            found << kind;
        stmt->reset();
    }
    return found;
}

std::optional<Task> TaskStore::readOne(Statement& stmt) {
    std::optional<Task> task;
    if (stmt.next()) {
        Task t;
        t.id = stmt.int64(0);
        t.uid = stmt.text(1);
        t.kind = taskKindFromString(stmt.text(2)).value_or(TaskKind::Text);
        t.data = QJsonDocument::fromJson(stmt.utf8(3)).object();
        t.mediaHash = stmt.text(4);
        t.preview = stmt.text(5);
        task = std::move(t);
    }
    stmt.reset();
    return task;
}

std::optional<Task> TaskStore::byId(qint64 id) {
    m_byId.bind(1, id);
    return readOne(m_byId);
}

std::optional<Task> TaskStore::byUid(const QString& uid) {
    m_byUid.bind(1, uid);
    return readOne(m_byUid);
}

Expected<bool> TaskStore::add(Task& task) {
    m_insert.bind(1, task.uid).bind(2, toString(task.kind)).bind(3, canonicalJson(task.data));
    if (task.mediaHash.isEmpty())
        m_insert.bindNull(4);
    else
        m_insert.bind(4, task.mediaHash);
    m_insert.bind(5, task.preview);
    Status status = m_insert.run();
    if (!status.ok())
        return status;
    if (m_db.changes() == 0)
        return false;
    task.id = m_db.lastInsertRowId();
    return true;
}

Status TaskStore::addMedia(const QString& hash, const QString& relativePath, qint64 bytes,
                           QSize displaySize) {
    m_insertMedia.bind(1, hash).bind(2, relativePath).bind(3, bytes);
    if (displaySize.isValid() && !displaySize.isEmpty())
        m_insertMedia.bind(4, qint64(displaySize.width())).bind(5, qint64(displaySize.height()));
    else
        m_insertMedia.bindNull(4).bindNull(5);
    return m_insertMedia.run();
}

std::optional<QSize> TaskStore::mediaSize(const QString& hash) {
    std::optional<QSize> size;
    m_mediaSize.bind(1, hash);
    if (m_mediaSize.next())
        size = QSize(int(m_mediaSize.int64(0)), int(m_mediaSize.int64(1)));
    m_mediaSize.reset();
    return size;
}

Status TaskStore::forEachImageTask(const std::function<Status(const ImageTask&)>& visit) {
    Statement stmt = m_db.statement(QStringLiteral(
        "SELECT t.id, t.uid, json_extract(t.data, '$.image'), t.media_hash, m.width, m.height "
        "FROM tasks t LEFT JOIN media m ON m.hash = t.media_hash WHERE t.kind = 'image' "
        "ORDER BY t.id"));
    while (stmt.next()) {
        ImageTask task;
        task.id = stmt.int64(0);
        task.uid = stmt.text(1);
        task.path = stmt.text(2);
        task.mediaHash = stmt.text(3);
        if (!stmt.isNull(4) && !stmt.isNull(5))
            task.size = QSize(int(stmt.int64(4)), int(stmt.int64(5)));
        Status s = visit(task);
        if (!s.ok())
            return s;
    }
    return stmt.status();
}

namespace {
std::optional<qint64> singleId(Database& db, const QString& sql, qint64 id) {
    Statement stmt = db.statement(sql);
    stmt.bind(1, id);
    if (stmt.next())
        return stmt.int64(0);
    return std::nullopt;
}
}  // namespace

std::optional<qint64> TaskStore::nextId(qint64 id) {
    return singleId(m_db, QStringLiteral("SELECT min(id) FROM tasks WHERE id > ? HAVING count(*)"),
                    id);
}

std::optional<qint64> TaskStore::firstId() {
    return nextId(0);
}

}  // namespace postil

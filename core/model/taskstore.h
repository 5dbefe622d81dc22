#pragma once

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
    std::optional<Task> byId(qint64 id);
    std::optional<Task> byUid(const QString& uid);
    // Adds the task unless its uid is already there. Sets task.id when added.
    Expected<bool> add(Task& task);
    Status addMedia(const QString& hash, const QString& relativePath, qint64 bytes);
    // The next task in import order (nullopt after the last) and the first.
    std::optional<qint64> nextId(qint64 id);
    std::optional<qint64> firstId();

private:
    std::optional<Task> readOne(Statement& stmt);
    Database& m_db;
    Statement m_insert;
    Statement m_insertMedia;
    Statement m_byId;
    Statement m_byUid;
};

}  // namespace postil

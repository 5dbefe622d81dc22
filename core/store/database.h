#pragma once

#include <QByteArray>
#include <QString>
#include <memory>

#include "store/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace postil {

class Database;

// A prepared statement. Owns its sqlite3_stmt; bind indexes start at 1, column
// indexes at 0. Text is UTF-8 in the file and QString in the API.
class Statement {
public:
    Statement() = default;
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    bool isValid() const { return m_stmt != nullptr; }

    Statement& bind(int index, qint64 value);
    Statement& bind(int index, int value) { return bind(index, qint64(value)); }
    Statement& bind(int index, double value);
    Statement& bind(int index, const QString& value);
    Statement& bind(int index, const QByteArray& utf8);
    Statement& bind(int index, const char* utf8) = delete;
    // Binds the bytes as a BLOB without copying: they must stay alive and
    // unchanged until the statement has run.
    Statement& bindBlob(int index, const QByteArray& bytes);
    Statement& bindNull(int index);

    // Steps once. True while a row is available; false when done or on error
    // (check status() to tell which).
    bool next();
    // Runs the statement to completion and resets it, for statements without rows.
    Status run();
    // Resets for another execution and clears bindings.
    void reset();
    Status status() const;

    qint64 int64(int column) const;
    double real(int column) const;
    QString text(int column) const;
    QByteArray utf8(int column) const;
    QByteArray blob(int column) const;
    bool isNull(int column) const;
    int changes() const;

private:
    friend class Database;
    Statement(Database* db, sqlite3_stmt* stmt) : m_db(db), m_stmt(stmt) {}
    Database* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
    int m_lastCode = 0;
};

// One connection to an SQLite file through the C API.
class Database {
public:
    // Immutable: read-only, and SQLite takes no locks and makes no -shm:
    // for a project on a medium or in a folder that cannot be written.
    enum class Mode { ReadWrite, ReadOnly, Create, Immutable };

    static Expected<std::unique_ptr<Database>> open(const QString& path, Mode mode);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    Status exec(const QString& sql);
    Expected<Statement> prepare(const QString& sql);
    // Prepares or fails loudly: for fixed SQL written in this code base, where a
    // failure is a programming error that tests catch.
    Statement statement(const QString& sql);

    QString lastError() const;
    QString path() const { return m_path; }
    sqlite3* handle() const { return m_db; }
    // Whether writes are refused (opened read-only or immutable).
    bool isReadOnly() const;
    // Success, or the failure every refused write reports (naming the file).
    Status checkWritable() const;
    qint64 lastInsertRowId() const;
    int changes() const;

    // Runs a single-value query; returns the first column of the first row.
    Expected<qint64> queryInt(const QString& sql);
    Expected<QString> queryText(const QString& sql);

private:
    explicit Database(sqlite3* db, QString path) : m_db(db), m_path(std::move(path)) {}
    sqlite3* m_db = nullptr;
    QString m_path;
};

// Immediate transaction that rolls back unless committed. Nested use inside an
// open transaction becomes a savepoint, so helpers can be composed.
class Transaction {
public:
    explicit Transaction(Database& db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    Status begin() const { return m_begin; }
    Status commit();
    void rollback();

private:
    Database& m_db;
    Status m_begin = Status::success();
    bool m_open = false;
    bool m_nested = false;
    QString m_savepoint;
};

}  // namespace postil

#include "store/database.h"

#include <sqlite3.h>

#include <QAtomicInt>
#include <QDebug>
#include <QFileInfo>
#include <QUrl>

#include "platform/descriptionlocks.h"

namespace postil {

namespace {
QString errorOf(sqlite3* db) {
    return QString::fromUtf8(sqlite3_errmsg(db));
}
}  // namespace

Statement::Statement(Statement&& other) noexcept
    : m_db(other.m_db), m_stmt(other.m_stmt), m_lastCode(other.m_lastCode) {
    other.m_stmt = nullptr;
}

Statement& Statement::operator=(Statement&& other) noexcept {
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_db = other.m_db;
        m_stmt = other.m_stmt;
        m_lastCode = other.m_lastCode;
        other.m_stmt = nullptr;
    }
    return *this;
}

Statement::~Statement() {
    sqlite3_finalize(m_stmt);
}

Statement& Statement::bind(int index, qint64 value) {
    sqlite3_bind_int64(m_stmt, index, value);
    return *this;
}

Statement& Statement::bind(int index, double value) {
    sqlite3_bind_double(m_stmt, index, value);
    return *this;
}

Statement& Statement::bind(int index, const QString& value) {
    return bind(index, value.toUtf8());
}

Statement& Statement::bind(int index, const QByteArray& utf8) {
    sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bindBlob(int index, const QByteArray& bytes) {
    // Static: the caller keeps the bytes alive until the statement runs, and
    // a cached waveform is megabytes that need not be copied again.
    sqlite3_bind_blob64(m_stmt, index, bytes.constData(), sqlite3_uint64(bytes.size()),
                        SQLITE_STATIC);
    return *this;
}

Statement& Statement::bindNull(int index) {
    sqlite3_bind_null(m_stmt, index);
    return *this;
}

bool Statement::next() {
    m_lastCode = sqlite3_step(m_stmt);
    return m_lastCode == SQLITE_ROW;
}

Status Statement::run() {
    while (next()) {
    }
    Status result = status();
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    return result;
}

void Statement::reset() {
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_lastCode = 0;
}

Status Statement::status() const {
    if (m_lastCode == 0 || m_lastCode == SQLITE_ROW || m_lastCode == SQLITE_DONE)
        return Status::success();
    return Status::failure(errorOf(sqlite3_db_handle(m_stmt)));
}

qint64 Statement::int64(int column) const {
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::real(int column) const {
    return sqlite3_column_double(m_stmt, column);
}

QString Statement::text(int column) const {
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    return QString::fromUtf8(data, sqlite3_column_bytes(m_stmt, column));
}

QByteArray Statement::utf8(int column) const {
    const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, column));
    return QByteArray(data, sqlite3_column_bytes(m_stmt, column));
}

QByteArray Statement::blob(int column) const {
    const auto* data = static_cast<const char*>(sqlite3_column_blob(m_stmt, column));
    return QByteArray(data, sqlite3_column_bytes(m_stmt, column));
}

bool Statement::isNull(int column) const {
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

int Statement::changes() const {
    return sqlite3_changes(sqlite3_db_handle(m_stmt));
}

Expected<std::unique_ptr<Database>> Database::open(const QString& path, Mode mode) {
    if (mode != Mode::Create && !QFileInfo::exists(path))
        return Status::failure(QStringLiteral("%1: no such file").arg(path));
    // Before the first connection: other code of this process opening and
    // closing the file must not drop the locks (docs/architecture.md).
    installDescriptionLocks();
    int flags = SQLITE_OPEN_NOMUTEX;
    QByteArray name = path.toUtf8();
    switch (mode) {
        case Mode::ReadOnly:
            flags |= SQLITE_OPEN_READONLY;
            break;
        case Mode::Immutable:
            flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
            name = QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()).toEncoded() +
                   "?immutable=1";
            break;
        case Mode::ReadWrite:
            flags |= SQLITE_OPEN_READWRITE;
            break;
        case Mode::Create:
            flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
            break;
    }
    sqlite3* handle = nullptr;
    const int rc = sqlite3_open_v2(name.constData(), &handle, flags, nullptr);
    if (rc != SQLITE_OK) {
        QString message = handle ? errorOf(handle) : QString::fromUtf8(sqlite3_errstr(rc));
        sqlite3_close_v2(handle);
        return Status::failure(QStringLiteral("%1: %2").arg(path, message));
    }
    sqlite3_extended_result_codes(handle, 1);
    // A second process (the CLI while the studio is open) waits instead of failing.
    sqlite3_busy_timeout(handle, 5000);
    return std::unique_ptr<Database>(new Database(handle, path));
}

Database::~Database() {
    sqlite3_close_v2(m_db);
}

Status Database::exec(const QString& sql) {
    char* message = nullptr;
    const int rc = sqlite3_exec(m_db, sql.toUtf8().constData(), nullptr, nullptr, &message);
    if (rc == SQLITE_OK)
        return Status::success();
    QString text = message ? QString::fromUtf8(message) : errorOf(m_db);
    sqlite3_free(message);
    return Status::failure(text);
}

Expected<Statement> Database::prepare(const QString& sql) {
    sqlite3_stmt* stmt = nullptr;
    const QByteArray utf8 = sql.toUtf8();
    const int rc = sqlite3_prepare_v3(m_db, utf8.constData(), int(utf8.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
    if (rc != SQLITE_OK)
        return Status::failure(errorOf(m_db));
    return Statement(this, stmt);
}

Statement Database::statement(const QString& sql) {
    auto prepared = prepare(sql);
    if (!prepared.ok()) {
        qCritical("postil: cannot prepare SQL: %s\n  %s", qPrintable(prepared.error()),
                  qPrintable(sql));
        return Statement();
    }
    return std::move(prepared.value());
}

QString Database::lastError() const {
    return errorOf(m_db);
}

bool Database::isReadOnly() const {
    return sqlite3_db_readonly(m_db, "main") == 1;
}

Status Database::checkWritable() const {
    if (!isReadOnly())
        return Status::success();
    return Status::failure(QStringLiteral("%1: the project is read-only (the file or its folder "
                                          "cannot be written); nothing was changed")
                               .arg(m_path));
}

qint64 Database::lastInsertRowId() const {
    return sqlite3_last_insert_rowid(m_db);
}

int Database::changes() const {
    return sqlite3_changes(m_db);
}

Expected<qint64> Database::queryInt(const QString& sql) {
    auto stmt = prepare(sql);
    if (!stmt.ok())
        return Status::failure(stmt.error());
    if (stmt->next())
        return stmt->int64(0);
    if (!stmt->status().ok())
        return Status::failure(stmt->status().error());
    return qint64(0);
}

Expected<QString> Database::queryText(const QString& sql) {
    auto stmt = prepare(sql);
    if (!stmt.ok())
        return Status::failure(stmt.error());
    if (stmt->next())
        return stmt->text(0);
    if (!stmt->status().ok())
        return Status::failure(stmt->status().error());
    return QString();
}

Transaction::Transaction(Database& db) : m_db(db) {
    m_nested = !sqlite3_get_autocommit(db.handle());
    if (m_nested) {
        static QAtomicInt counter;
        m_savepoint = QStringLiteral("sp%1").arg(counter.fetchAndAddRelaxed(1));
        m_begin = db.exec(QStringLiteral("SAVEPOINT ") + m_savepoint);
    } else {
        m_begin = db.exec(QStringLiteral("BEGIN IMMEDIATE"));
    }
    if (!m_begin.ok() && db.isReadOnly())
        m_begin = db.checkWritable();
    m_open = m_begin.ok();
}

Transaction::~Transaction() {
    rollback();
}

Status Transaction::commit() {
    if (!m_open)
        return Status::failure(m_begin.ok() ? QStringLiteral("transaction already closed")
                                            : m_begin.error());
    Status status = m_nested ? m_db.exec(QStringLiteral("RELEASE ") + m_savepoint)
                             : m_db.exec(QStringLiteral("COMMIT"));
    if (status.ok())
        m_open = false;
    return status;
}

void Transaction::rollback() {
    if (!m_open)
        return;
    m_open = false;
    if (m_nested) {
        (void)m_db.exec(QStringLiteral("ROLLBACK TO ") + m_savepoint);
        (void)m_db.exec(QStringLiteral("RELEASE ") + m_savepoint);
    } else {
        (void)m_db.exec(QStringLiteral("ROLLBACK"));
    }
}

}  // namespace postil

#include "model/project.h"

#include <QFileInfo>
#include <QJsonDocument>

#include "model/ids.h"
#include "model/lineage.h"
#include "platform/filesystem.h"
#include "store/migrations.h"

namespace postil {

namespace {
// FULL syncs the WAL inside every commit, so an answer is on the disk, safe
// from a power cut as well as from a killed process, before the edit returns.
// tests/bench/RESULTS.md: p99 1.0 ms per answer on an idle machine; the cost is
// the device's flush time (NORMAL skips it and would lose the last commits
// before a power cut).
const QString kPragmas = QStringLiteral(
    "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
}  // namespace

Project::Project(std::unique_ptr<Database> db, QString path)
    : m_db(std::move(db)), m_path(std::move(path)) {}

Project::~Project() = default;

Expected<std::unique_ptr<Project>> Project::openDatabase(const QString& path, Access access) {
    // A project that cannot be written (a read-only file, folder or medium)
    // opens read-only and immutable: no locks, and no -wal/-shm files left
    // behind that would get in the way of whoever can write it later.
    const bool creating = access == Access::Create;
    const bool immutable = !creating && !canWriteFileAndFolder(path);
    const bool readOnly = immutable || access == Access::Read;
    auto db = Database::open(path, creating    ? Database::Mode::Create
                                   : immutable ? Database::Mode::Immutable
                                   : readOnly  ? Database::Mode::ReadOnly
                                               : Database::Mode::ReadWrite);
    if (!db.ok())
        return Status::failure(db.error());
    // Check before anything writes: setting WAL alone would change the header
    // of a file that a newer build wrote.
    auto version = Migrations::checkCompatible(**db);
    if (!version.ok())
        return Status::failure(version.error());
    if (readOnly) {
        if (access == Access::Read && *version < Migrations::latestVersion())
            return Status::failure(
                QStringLiteral("%1: the project was made by an older Postil; open it in the "
                               "studio first to bring it up to date")
                    .arg(path));
        if (*version < Migrations::latestVersion())
            return Status::failure(
                QStringLiteral("%1: the project is read-only and was made by an older Postil; "
                               "open it once where it can be written to bring it up to date")
                    .arg(path));
    } else {
        Status pragmas = (*db)->exec(kPragmas);
        if (!pragmas.ok())
            return Status::failure(QStringLiteral("%1: %2").arg(path, pragmas.error()));
        Status upgraded = Migrations::upgrade(**db);
        if (!upgraded.ok())
            return Status::failure(QStringLiteral("%1: %2").arg(path, upgraded.error()));
    }
    std::unique_ptr<Project> project(
        new Project(std::move(*db), QFileInfo(path).absoluteFilePath()));
    project->m_tasks = std::make_unique<TaskStore>(*project->m_db);
    project->m_annotations = std::make_unique<AnnotationStore>(*project->m_db);
    project->m_nextUnfinished = project->m_db->statement(QStringLiteral(
        "SELECT t.id FROM tasks t WHERE t.id > ? AND NOT EXISTS (SELECT 1 FROM annotations a "
        "WHERE a.task_uid = t.uid AND a.annotator = ? AND a.deleted = 0 AND a.status IN "
        "('submitted', 'skipped')) ORDER BY t.id LIMIT 1"));
    project->m_identity = Identity::local();
    project->m_clock.observe(project->m_annotations->maxHlc());
    return project;
}

Expected<std::unique_ptr<Project>> Project::create(const QString& path,
                                                   const CreateOptions& options) {
    if (QFileInfo::exists(path))
        return Status::failure(
            QStringLiteral("%1 already exists; choose another name or open it").arg(path));
    QStringList problems = options.schema.validate();
    if (!problems.isEmpty())
        return Status::failure(QStringLiteral("schema: ") + problems.join(QStringLiteral("; ")));
    auto project = openDatabase(path, Access::Create);
    if (!project.ok())
        return project;
    Project& p = **project;
    Transaction tx(*p.m_db);
    const QString name = options.name.isEmpty() ? QFileInfo(path).completeBaseName() : options.name;
    for (auto [key, value] :
         {std::pair{QStringLiteral("name"), name}, std::pair{QStringLiteral("uid"), newUuid()},
          std::pair{QStringLiteral("kind"), toString(options.kind)},
          std::pair{QStringLiteral("schema"),
                    QString::fromUtf8(canonicalJson(options.schema.toJson()))},
          std::pair{QStringLiteral("created_ms"), QString::number(HybridClock::systemMs())}}) {
        Status s = p.setMeta(key, value);
        if (!s.ok())
            return s;
    }
    Status committed = tx.commit();
    if (!committed.ok())
        return committed;
    Status loaded = p.loadMeta();
    if (!loaded.ok())
        return loaded;
    return project;
}

Expected<std::unique_ptr<Project>> Project::open(const QString& path) {
    if (!QFileInfo::exists(path))
        return Status::failure(QStringLiteral("%1: no such file").arg(path));
    auto project = openDatabase(path, Access::Open);
    if (!project.ok())
        return project;
    Status loaded = (*project)->loadMeta();
    if (!loaded.ok())
        return loaded;
    return project;
}

Expected<std::unique_ptr<Project>> Project::openForReading(const QString& path) {
    if (!QFileInfo::exists(path))
        return Status::failure(QStringLiteral("%1: no such file").arg(path));
    auto project = openDatabase(path, Access::Read);
    if (!project.ok())
        return project;
    Status loaded = (*project)->loadMeta();
    if (!loaded.ok())
        return loaded;
    return project;
}

Status Project::loadMeta() {
    Statement stmt = m_db->statement(QStringLiteral("SELECT key, value FROM meta"));
    QString schemaText;
    while (stmt.next()) {
        const QString key = stmt.text(0);
        if (key == QLatin1String("name"))
            m_name = stmt.text(1);
        else if (key == QLatin1String("uid"))
            m_uid = stmt.text(1);
        else if (key == QLatin1String("kind"))
            m_kind = taskKindFromString(stmt.text(1)).value_or(TaskKind::Text);
        else if (key == QLatin1String("schema"))
            schemaText = stmt.text(1);
    }
    if (!stmt.status().ok())
        return stmt.status();
    if (m_uid.isEmpty())
        return Status::failure(QStringLiteral("%1: the project has no identity (meta.uid); the "
                                              "file is damaged")
                                   .arg(m_path));
    auto schema = Schema::fromJsonText(schemaText.toUtf8());
    if (!schema.ok())
        return Status::failure(QStringLiteral("%1: stored schema: %2").arg(m_path, schema.error()));
    m_schema = *schema;
    return Status::success();
}

Status Project::setMeta(const QString& key, const QString& value) {
    Statement stmt =
        m_db->statement(QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)"));
    stmt.bind(1, key).bind(2, value);
    return stmt.run();
}

Status Project::setSchema(const Schema& schema) {
    QStringList problems = schema.validate();
    if (!problems.isEmpty())
        return Status::failure(problems.join(QLatin1Char('\n')));
    Status s = setMeta(QStringLiteral("schema"), QString::fromUtf8(canonicalJson(schema.toJson())));
    if (s.ok())
        m_schema = schema;
    return s;
}

Status Project::setName(const QString& name) {
    Status s = setMeta(QStringLiteral("name"), name);
    if (s.ok())
        m_name = name;
    return s;
}

Status Project::setNameAndSchema(const QString& name, const Schema& schema) {
    Status written = [&]() -> Status {
        Transaction tx(*m_db);
        if (Status begun = tx.begin(); !begun.ok())
            return begun;
        if (Status s = setSchema(schema); !s.ok())
            return s;
        if (name != m_name) {
            if (Status s = setName(name); !s.ok())
                return s;
        }
        return tx.commit();
    }();
    if (!written.ok()) {
        // The transaction rolled back; what was set in memory inside it goes
        // too. A reload that fails leaves the error of the write to report.
        (void)reloadMeta();
    }
    return written;
}

QDir Project::folder() const {
    return QFileInfo(m_path).absoluteDir();
}

Status Project::saveAnnotation(Annotation& annotation) {
    if (annotation.annotator.isEmpty())
        annotation.annotator = m_identity.annotator;
    if (annotation.uid.isEmpty())
        annotation.uid = annotationUid(annotation.taskUid, annotation.annotator);
    if (Status writable = m_db->checkWritable(); !writable.ok())
        return writable;
    // Errors name the project: "database or disk is full" alone does not
    // say which disk.
    auto located = [this](const Status& status) {
        return status.ok() || status.error().contains(m_path)
                   ? status
                   : Status::failure(QStringLiteral("%1: %2").arg(m_path, status.error()));
    };
    Transaction tx(*m_db);
    if (!tx.begin().ok())
        return located(tx.begin());
    // The write is made from the version the caller read (annotation.lineage,
    // empty for a new row). When the stored row is one the caller never saw
    // (a merge brought it in meanwhile), it is kept as a conflict, not
    // overwritten (docs/architecture.md §3).
    const std::optional<Annotation> stored =
        m_annotations->get(annotation.taskUid, annotation.annotator);
    if (stored)
        m_clock.observe(stored->hlc);
    annotation.hlc = m_clock.now();
    annotation.device = m_identity.device;
    const Lineage lineage =
        Lineage::parse(annotation.lineage).with(annotation.device, annotation.hlc);
    annotation.lineage = lineage.toString();
    if (stored &&
        !lineage.dominates(Lineage::ofRow(stored->lineage, stored->device, stored->hlc))) {
        if (Status kept = m_annotations->putConflict(*stored); !kept.ok())
            return located(kept);
    }
    Status put = m_annotations->put(annotation);
    if (!put.ok())
        return located(put);
    if (Status settled = m_annotations->settleConflicts(annotation.taskUid, annotation.annotator,
                                                        annotation.lineage);
        !settled.ok())
        return located(settled);
    return located(tx.commit());
}

std::optional<qint64> Project::nextUnfinishedTask(qint64 afterId, const QString& annotator) {
    for (qint64 from : {afterId, qint64(0)}) {
        m_nextUnfinished.bind(1, from).bind(2, annotator);
        std::optional<qint64> found;
        if (m_nextUnfinished.next())
            found = m_nextUnfinished.int64(0);
        m_nextUnfinished.reset();
        if (found)
            return found;
    }
    return std::nullopt;
}

QString Project::absoluteMediaPath(const QString& storedPath) const {
    if (QDir::isAbsolutePath(storedPath))
        return storedPath;
    return QDir::cleanPath(folder().absoluteFilePath(storedPath));
}

QString Project::storedMediaPath(const QString& absolutePath) const {
    return QDir::fromNativeSeparators(folder().relativeFilePath(absolutePath));
}

}  // namespace postil

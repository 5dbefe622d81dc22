#pragma once

#include <QDir>
#include <QString>
#include <memory>

#include "model/annotationstore.h"
#include "model/hlc.h"
#include "model/identity.h"
#include "model/schema.h"
#include "model/taskstore.h"
#include "store/database.h"

namespace postil {

// One open project file (.postil). Owns the connection, the clock and the
// stores. Every write is committed before the call returns.
class Project {
public:
    struct CreateOptions {
        QString name;
        TaskKind kind = TaskKind::Text;
        Schema schema;
    };

    // Creates a new file; refuses to overwrite an existing one.
    static Expected<std::unique_ptr<Project>> create(const QString& path,
                                                     const CreateOptions& options);
    // Opens an existing file, upgrading an older schema. A file from a newer
    // build is refused and left byte for byte as it was.
    static Expected<std::unique_ptr<Project>> open(const QString& path);
    // A second, read-only connection to a project that is open elsewhere (a
    // worker thread's reads beside the studio's connection): it never writes,
    // so it neither upgrades nor sets the WAL, and a file from an older or
    // newer build is refused. SQLite's WAL lets it read while the studio writes.
    static Expected<std::unique_ptr<Project>> openForReading(const QString& path);
    ~Project();

    QString path() const { return m_path; }
    QDir folder() const;
    QString name() const { return m_name; }
    QString uid() const { return m_uid; }
    TaskKind defaultKind() const { return m_kind; }
    const Schema& schema() const { return m_schema; }
    Status setSchema(const Schema& schema);
    Status setName(const QString& name);
    // Both in one transaction (the settings dialog's save): all or nothing,
    // in the file and in memory (a failure reloads what the file holds).
    Status setNameAndSchema(const QString& name, const Schema& schema);

    const Identity& identity() const { return m_identity; }
    void setIdentity(const Identity& identity) { m_identity = identity; }
    QString annotator() const { return m_identity.annotator; }

    // Opened from a file, folder or medium that cannot be written: every
    // write fails with a message naming the project, nothing is changed.
    bool isReadOnly() const { return m_db->isReadOnly(); }

    Database& database() { return *m_db; }
    TaskStore& tasks() { return *m_tasks; }
    AnnotationStore& annotations() { return *m_annotations; }
    HybridClock& clock() { return m_clock; }

    // Stamps the row (clock, device, uid when new) and writes it in its own
    // transaction, or inside the caller's when one is open.
    Status saveAnnotation(Annotation& annotation);

    // The first task after afterId (wrapping around) that this annotator has
    // not submitted or skipped.
    std::optional<qint64> nextUnfinishedTask(qint64 afterId, const QString& annotator);

    // Media paths are stored relative to the project file, with '/' separators.
    QString absoluteMediaPath(const QString& storedPath) const;
    QString storedMediaPath(const QString& absolutePath) const;

    // Reads the name, kind and schema from the file again: after a rolled-back
    // transaction, what was set in memory inside it must go too.
    Status reloadMeta() { return loadMeta(); }

private:
    Project(std::unique_ptr<Database> db, QString path);
    Status loadMeta();
    Status setMeta(const QString& key, const QString& value);
    enum class Access { Create, Open, Read };
    static Expected<std::unique_ptr<Project>> openDatabase(const QString& path, Access access);

    std::unique_ptr<Database> m_db;
    QString m_path;
    QString m_name;
    QString m_uid;
    TaskKind m_kind = TaskKind::Text;
    Schema m_schema;
    Identity m_identity;
    HybridClock m_clock;
    std::unique_ptr<TaskStore> m_tasks;
    std::unique_ptr<AnnotationStore> m_annotations;
    Statement m_nextUnfinished;
};

}  // namespace postil

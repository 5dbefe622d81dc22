#include "sync/packwriter.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include "model/ids.h"
#include "store/migrations.h"
#include "sync/packfiles.h"
#include "sync/packmanifest.h"

namespace postil {

namespace {

const QString kRowColumns = QStringLiteral(
    "task_uid, annotator, uid, status, skip_reason, review_of, review_outcome, result, lead_ms, "
    "hlc, device, deleted, lineage");

// The pack being written: a new project file beside the output, the lead's
// file attached to it as "lead". Removed unless finish() renamed it.
class PackBuilder {
public:
    PackBuilder(Project& lead, QString output) : m_lead(lead), m_output(std::move(output)) {}
    ~PackBuilder() {
        m_db.reset();
        if (!m_staging.isEmpty())
            removePackFile(m_staging);
    }

    Status start() {
        const QFileInfo out(m_output);
        if (out.exists())
            return Status::failure(
                QStringLiteral("%1 already exists; choose another name").arg(m_output));
        if (!out.dir().exists())
            return Status::failure(QStringLiteral("%1: no such folder").arg(out.absolutePath()));
        m_staging = out.dir().filePath(QStringLiteral(".%1.partial-%2")
                                           .arg(out.fileName(), newUuid().left(8)));
        auto db = Database::open(m_staging, Database::Mode::Create);
        if (!db.ok())
            return Status::failure(db.error());
        m_db = std::move(*db);
        if (Status up = Migrations::upgrade(*m_db); !up.ok())
            return located(up);
        Statement attach = m_db->statement(QStringLiteral("ATTACH DATABASE ? AS lead"));
        attach.bind(1, m_lead.path());
        if (Status s = attach.run(); !s.ok())
            return located(s);
        // One snapshot of the lead's file for the whole pack.
        return located(m_db->exec(
            QStringLiteral("BEGIN; INSERT INTO main.meta SELECT key, value FROM lead.meta;")));
    }

    Database& db() { return *m_db; }
    QString packFolder() const { return QFileInfo(m_output).absolutePath(); }
    QString output() const { return m_output; }

    Status located(const Status& s) const {
        return s.ok() ? s : Status::failure(QStringLiteral("%1: %2").arg(m_output, s.error()));
    }

    Status exec(const QString& sql) { return located(m_db->exec(sql)); }

    // Hashes, seals and renames the pack onto the output.
    Expected<PackWriteReport> finish(PackManifest manifest) {
        manifest.projectUid = m_lead.uid();
        manifest.projectName = m_lead.name();
        manifest.schemaSha256 = sha256Hex(canonicalJson(m_lead.schema().toJson()));
        manifest.madeBy = m_lead.annotator();
        manifest.device = m_lead.identity().device;
        manifest.madeMs = HybridClock::systemMs();
        auto count = [&](const char* sql) {
            auto n = m_db->queryInt(QString::fromLatin1(sql));
            return n.ok() ? *n : 0;
        };
        manifest.tasks = count("SELECT count(*) FROM pack_tasks");
        manifest.annotations = count("SELECT (SELECT count(*) FROM annotations) + "
                                     "(SELECT count(*) FROM annotation_conflicts)")
                                   ;
        manifest.media = count("SELECT count(*) FROM pack_media");
        auto sha = packContentSha256(*m_db, manifest);
        if (!sha.ok())
            return Status::failure(located(Status::failure(sha.error())).error());
        manifest.contentSha256 = *sha;
        if (Status s = manifest.write(*m_db); !s.ok())
            return Status::failure(located(s).error());
        if (Status s = exec(QStringLiteral("COMMIT")); !s.ok())
            return Status::failure(s.error());
        if (Status s = exec(QStringLiteral("DETACH DATABASE lead")); !s.ok())
            return Status::failure(s.error());
        m_db.reset();  // the rollback journal is gone after COMMIT; the file is synced
        if (Status s = publishPackFile(m_staging, m_output); !s.ok())
            return Status::failure(s.error());
        m_staging.clear();
        PackWriteReport report;
        report.path = m_output;
        report.tasks = manifest.tasks;
        report.annotations = manifest.annotations;
        report.media = manifest.media;
        report.bytes = QFileInfo(m_output).size();
        return report;
    }

private:
    Project& m_lead;
    QString m_output;
    QString m_staging;
    std::unique_ptr<Database> m_db;
};

QString annotatorMatch(const QStringList& names, QList<QString>& binds) {
    QStringList terms;
    for (const QString& name : names) {
        binds.append(name.endsWith(QLatin1Char('*')) ? name.chopped(1) : name);
        terms.append(name.endsWith(QLatin1Char('*'))
                         ? QStringLiteral("substr(a.annotator, 1, length(?%1)) = ?%1")
                               .arg(binds.size())
                         : QStringLiteral("a.annotator = ?%1").arg(binds.size()));
    }
    return terms.isEmpty() ? QStringLiteral("0") : terms.join(QStringLiteral(" OR "));
}

Status copyMedia(PackBuilder& pack, Project& lead, bool withMedia, const QString& mediaFolder,
                 const CancelFlag* cancel) {
    Statement rows = pack.db().statement(QStringLiteral("SELECT hash, path FROM media"));
    Statement setPath =
        pack.db().statement(QStringLiteral("UPDATE media SET path = ? WHERE hash = ?"));
    Statement putBytes = pack.db().statement(
        QStringLiteral("INSERT INTO pack_media(hash, name, bytes) VALUES(?, ?, ?)"));
    QList<std::pair<QString, QString>> media;
    while (rows.next())
        media.append({rows.text(0), rows.text(1)});
    const QDir packDir(pack.packFolder());
    for (const auto& [hash, stored] : media) {
        if (isSet(cancel))
            return cancelledStatus(QStringLiteral("Handing out"));
        const QString absolute = lead.absoluteMediaPath(stored);
        QString packPath = packDir.relativeFilePath(absolute);
        if (withMedia) {
            QFile file(absolute);
            if (file.size() > kMaxPackedMediaBytes)
                return pack.located(Status::failure(
                    QStringLiteral("%1 is larger than %2 MB, too large to go inside a pack; hand "
                                   "out without --with-media")
                        .arg(absolute)
                        .arg(kMaxPackedMediaBytes >> 20)));
            if (!file.open(QIODevice::ReadOnly))
                return pack.located(Status::failure(
                    QStringLiteral("%1: cannot read (%2)").arg(absolute, file.errorString())));
            const QByteArray bytes = file.readAll();
            if (sha256Hex(bytes) != hash)
                return pack.located(Status::failure(
                    QStringLiteral("%1 changed since it was imported (its SHA-256 differs); run "
                                   "'postil-cli check' on the project")
                        .arg(absolute)));
            const QString name = packedMediaName(hash, QFileInfo(absolute).fileName());
            putBytes.bind(1, hash).bind(2, name).bindBlob(3, bytes);
            if (Status s = putBytes.run(); !s.ok())
                return pack.located(s);
            packPath = mediaFolder + QLatin1Char('/') + name;
        }
        setPath.bind(1, packPath).bind(2, hash);
        if (Status s = setPath.run(); !s.ok())
            return pack.located(s);
    }
    return Status::success();
}

}  // namespace

Expected<PackWriteReport> writePackOut(Project& project, const PackOutOptions& options) {
    if (options.annotator.isEmpty())
        return Status::failure(QStringLiteral("a hand-out pack needs the annotator it is for"));
    PackBuilder pack(project, options.output);
    if (Status s = pack.start(); !s.ok())
        return s;
    Database& db = pack.db();
    if (Status s = pack.exec(QStringLiteral("CREATE TEMP TABLE chosen(id INTEGER PRIMARY KEY)"));
        !s.ok())
        return s;
    Statement choose = db.statement(QStringLiteral("INSERT OR IGNORE INTO chosen(id) VALUES(?)"));
    qint64 done = 0;
    for (qint64 id : options.taskIds) {
        choose.bind(1, id);
        if (Status s = choose.run(); !s.ok())
            return pack.located(s);
        if (++done % 4096 == 0) {
            if (isSet(options.cancel))
                return cancelledStatus(QStringLiteral("Handing out"));
            if (options.progress)
                options.progress(done / 2, options.taskIds.size());
        }
    }
    QList<QString> binds{options.annotator};
    const QString proposals = annotatorMatch(options.proposalsFrom, binds);
    const QString rows =
        QStringLiteral(
            "INSERT INTO main.annotations(%1) SELECT %1 FROM lead.annotations a WHERE a.task_uid "
            "IN (SELECT uid FROM main.tasks) AND (a.annotator = ?1 OR (%2) OR a.review_of IN "
            "(SELECT uid FROM lead.annotations WHERE annotator = ?1))")
            .arg(kRowColumns, proposals);
    for (const QString& sql :
         {QStringLiteral("INSERT INTO main.tasks(id, uid, kind, data, media_hash, preview) SELECT "
                         "t.id, t.uid, t.kind, t.data, t.media_hash, t.preview FROM lead.tasks t "
                         "JOIN chosen c ON c.id = t.id"),
          QStringLiteral("INSERT INTO main.pack_tasks(uid) SELECT uid FROM main.tasks"),
          QStringLiteral("INSERT INTO main.media(hash, path, bytes, width, height) SELECT hash, "
                         "path, bytes, width, height FROM lead.media WHERE hash IN (SELECT "
                         "media_hash FROM main.tasks)")}) {
        if (Status s = pack.exec(sql); !s.ok())
            return s;
    }
    Statement copyRows = db.statement(rows);
    for (qsizetype i = 0; i < binds.size(); ++i)
        copyRows.bind(int(i + 1), binds[i]);
    if (Status s = copyRows.run(); !s.ok())
        return pack.located(s);
    Statement copyConflicts = db.statement(
        QStringLiteral("INSERT INTO main.annotation_conflicts(%1) SELECT %1 FROM "
                       "lead.annotation_conflicts a WHERE a.annotator = ?1 AND a.task_uid IN "
                       "(SELECT uid FROM main.tasks)")
            .arg(kRowColumns));
    copyConflicts.bind(1, options.annotator);
    if (Status s = copyConflicts.run(); !s.ok())
        return pack.located(s);
    const QString mediaFolder = QFileInfo(options.output).completeBaseName() +
                                QStringLiteral(".media");
    if (Status s = copyMedia(pack, project, options.withMedia, mediaFolder, options.cancel); !s.ok())
        return s;
    if (options.progress)
        options.progress(options.taskIds.size(), options.taskIds.size());
    PackManifest manifest;
    manifest.kind = PackManifest::Kind::Out;
    manifest.forAnnotator = options.annotator;
    return pack.finish(manifest);
}

Expected<PackWriteReport> writePackBack(Project& project, const PackBackOptions& options) {
    if (options.annotator.isEmpty())
        return Status::failure(QStringLiteral("sending work back needs the annotator whose it is"));
    PackBuilder pack(project, options.output);
    if (Status s = pack.start(); !s.ok())
        return s;
    for (const QString& table :
         {QStringLiteral("annotations"), QStringLiteral("annotation_conflicts")}) {
        Statement copy = pack.db().statement(
            QStringLiteral("INSERT INTO main.%2(%1) SELECT %1 FROM lead.%2 WHERE annotator = ?")
                .arg(kRowColumns, table));
        copy.bind(1, options.annotator);
        if (Status s = copy.run(); !s.ok())
            return pack.located(s);
        if (isSet(options.cancel))
            return cancelledStatus(QStringLiteral("Sending back"));
    }
    PackManifest manifest;
    manifest.kind = PackManifest::Kind::Back;
    manifest.forAnnotator = options.annotator;
    return pack.finish(manifest);
}

}  // namespace postil

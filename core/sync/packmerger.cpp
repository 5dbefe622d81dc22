#include "sync/packmerger.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSet>

#include "model/ids.h"
#include "store/migrations.h"
#include "sync/versionset.h"

namespace postil {

namespace {

QString refused(const QString& path, const QString& why) {
    return QStringLiteral("%1: %2; the project was not changed").arg(path, why);
}

// Detaches the pack whatever happens, after the transaction has ended.
struct Attached {
    Database& db;
    ~Attached() { static_cast<void>(db.exec(QStringLiteral("DETACH DATABASE pack"))); }
};

using VersionKey = std::pair<qint64, QString>;  // (hlc, device) names a version

QSet<VersionKey> keysOf(const QList<Annotation>& rows) {
    QSet<VersionKey> keys;
    for (const Annotation& a : rows)
        keys.insert({a.hlc, a.device});
    return keys;
}

// Labels and questions that the pack's schema has and the project's no
// longer does, with how many of the pack's rows use each.
QStringList schemaNotes(Project& project, Database& db) {
    auto text = db.queryText(QStringLiteral("SELECT value FROM pack.meta WHERE key = 'schema'"));
    if (!text.ok())
        return {};
    auto packSchema = Schema::fromJsonText(text->toUtf8());
    if (!packSchema.ok())
        return {};
    const Schema& current = project.schema();
    QStringList notes;
    Statement labelUse = db.statement(QStringLiteral(
        "SELECT count(*) FROM pack.annotations p WHERE p.deleted = 0 AND EXISTS (SELECT 1 FROM "
        "json_tree(p.result) j WHERE j.key = 'label' AND j.value = ?)"));
    for (const Label& label : packSchema->labels) {
        if (std::any_of(current.labels.begin(), current.labels.end(),
                        [&](const Label& l) { return l.name == label.name; }))
            continue;
        labelUse.bind(1, label.name);
        const qint64 rows = labelUse.next() ? labelUse.int64(0) : 0;
        labelUse.reset();
        if (rows > 0)
            notes.append(QStringLiteral("label '%1' (no longer in the schema) is kept in %2 rows")
                             .arg(label.name)
                             .arg(rows));
    }
    Statement answerUse = db.statement(
        QStringLiteral("SELECT count(*) FROM pack.annotations p WHERE p.deleted = 0 AND "
                       "json_type(p.result, '$.answers.' || json_quote(?)) IS NOT NULL"));
    for (const Question& question : packSchema->questions) {
        if (std::any_of(current.questions.begin(), current.questions.end(),
                        [&](const Question& q) { return q.name == question.name; }))
            continue;
        answerUse.bind(1, question.name);
        const qint64 rows = answerUse.next() ? answerUse.int64(0) : 0;
        answerUse.reset();
        if (rows > 0)
            notes.append(
                QStringLiteral("question '%1' (no longer in the schema) is kept in %2 rows")
                    .arg(question.name)
                    .arg(rows));
    }
    return notes;
}

// Tasks an annotator imported into a hand-out pack, with their media rows
// (paths made relative to the project).
Expected<qint64> addPackTasks(Project& project, Database& db, const QString& packPath) {
    Statement media = db.statement(QStringLiteral(
        "SELECT m.hash, m.path, m.bytes, m.width, m.height FROM pack.media m WHERE NOT EXISTS "
        "(SELECT 1 FROM main.media x WHERE x.hash = m.hash) AND m.hash IN (SELECT media_hash "
        "FROM pack.tasks p WHERE NOT EXISTS (SELECT 1 FROM main.tasks t WHERE t.uid = p.uid))"));
    Statement putMedia = db.statement(QStringLiteral(
        "INSERT INTO main.media(hash, path, bytes, width, height) VALUES(?, ?, ?, ?, ?)"));
    const QDir packDir = QFileInfo(packPath).absoluteDir();
    while (media.next()) {
        putMedia.bind(1, media.text(0))
            .bind(2, project.storedMediaPath(packDir.absoluteFilePath(media.text(1))))
            .bind(3, media.int64(2));
        for (int c : {3, 4}) {
            if (media.isNull(c))
                putMedia.bindNull(c + 1);
            else
                putMedia.bind(c + 1, media.int64(c));
        }
        if (Status s = putMedia.run(); !s.ok())
            return Status::failure(s.error());
    }
    Status added = db.exec(QStringLiteral(
        "INSERT INTO main.tasks(uid, kind, data, media_hash, preview) SELECT uid, kind, data, "
        "media_hash, preview FROM pack.tasks p WHERE NOT EXISTS (SELECT 1 FROM main.tasks t WHERE "
        "t.uid = p.uid) ORDER BY p.id"));
    if (!added.ok())
        return Status::failure(added.error());
    return qint64(db.changes());
}

}  // namespace

QString CheckedPack::describe() const {
    if (!manifest)
        return QStringLiteral("a copy of the project");
    const QString when = QDateTime::fromMSecsSinceEpoch(manifest->madeMs).toString(Qt::ISODate);
    return manifest->kind == PackManifest::Kind::Back
               ? QStringLiteral("%1's work sent back (made %2)").arg(manifest->forAnnotator, when)
               : QStringLiteral("the pack handed out to %1 (made %2)")
                     .arg(manifest->forAnnotator, when);
}

Expected<CheckedPack> checkPack(Project& project, const QString& path) {
    const QFileInfo info(path);
    if (!info.isFile())
        return Status::failure(refused(path, QStringLiteral("no such file")));
    if (info.absoluteFilePath() == QFileInfo(project.path()).absoluteFilePath())
        return Status::failure(refused(path, QStringLiteral("this is the project itself")));
    auto db = Database::open(path, Database::Mode::ReadOnly);
    if (!db.ok())
        db = Database::open(path, Database::Mode::Immutable);
    if (!db.ok())
        return Status::failure(refused(path, db.error()));
    auto version = Migrations::checkCompatible(**db);
    if (!version.ok())
        return Status::failure(refused(path, version.error()));
    auto whole = (*db)->queryText(QStringLiteral("PRAGMA quick_check"));
    if (!whole.ok() || *whole != QLatin1String("ok"))
        return Status::failure(refused(
            path, QStringLiteral("the file is damaged or cut short (%1)")
                      .arg(whole.ok() ? *whole : whole.error())));
    if (*version < Migrations::latestVersion())
        return Status::failure(
            refused(path, QStringLiteral("it was made by an older Postil; open it once with "
                                         "this one to bring it up to date")));
    auto uid = (*db)->queryText(QStringLiteral("SELECT value FROM meta WHERE key = 'uid'"));
    auto name = (*db)->queryText(QStringLiteral("SELECT value FROM meta WHERE key = 'name'"));
    if (!uid.ok())
        return Status::failure(refused(path, QStringLiteral("it has no project id")));
    if (*uid != project.uid())
        return Status::failure(refused(
            path, QStringLiteral("it belongs to another project ('%1'), not to '%2'")
                      .arg(name.ok() ? *name : QStringLiteral("?"), project.name())));
    auto manifest = PackManifest::read(**db);
    if (!manifest.ok())
        return Status::failure(refused(path, manifest.error()));
    CheckedPack checked;
    checked.path = info.absoluteFilePath();
    checked.manifest = *manifest;
    if (checked.manifest) {
        if (checked.manifest->formatVersion > PackManifest::kFormatVersion)
            return Status::failure(refused(
                path, QStringLiteral("it is a pack of format %1, newer than this build reads "
                                     "(%2); merge it with a newer Postil")
                          .arg(checked.manifest->formatVersion)
                          .arg(PackManifest::kFormatVersion)));
        if (checked.manifest->projectUid != project.uid())
            return Status::failure(refused(
                path, QStringLiteral("its manifest names another project ('%1')")
                          .arg(checked.manifest->projectName)));
        auto sha = packContentSha256(**db, *checked.manifest);
        if (!sha.ok())
            return Status::failure(refused(path, sha.error()));
        if (*sha != checked.manifest->contentSha256)
            return Status::failure(refused(
                path, QStringLiteral("its content does not match its SHA-256 (damaged, cut short "
                                     "or edited by hand); ask for it again")));
    }
    return checked;
}

Expected<MergeReport> mergePack(Project& project, const QString& path,
                                const MergeOptions& options) {
    if (Status writable = project.database().checkWritable(); !writable.ok())
        return Status::failure(writable.error());
    Database& db = project.database();
    MergeReport report;
    // A sealed pack merged before needs nothing more: merging is idempotent.
    {
        auto quick = Database::open(path, Database::Mode::ReadOnly);
        if (quick.ok()) {
            auto manifest = PackManifest::read(**quick);
            if (manifest.ok() && *manifest && (*manifest)->kind == PackManifest::Kind::Back &&
                (*manifest)->projectUid == project.uid()) {
                Statement seen = db.statement(
                    QStringLiteral("SELECT 1 FROM merged_packs WHERE content_sha256 = ?"));
                seen.bind(1, (*manifest)->contentSha256);
                if (seen.next()) {
                    report.pack.path = QFileInfo(path).absoluteFilePath();
                    report.pack.manifest = *manifest;
                    report.alreadyMerged = true;
                    return report;
                }
            }
        }
    }
    auto checked = checkPack(project, path);
    if (!checked.ok())
        return Status::failure(checked.error());
    report.pack = *checked;

    Statement attach = db.statement(QStringLiteral("ATTACH DATABASE ? AS pack"));
    attach.bind(1, checked->path);
    if (Status s = attach.run(); !s.ok())
        return Status::failure(refused(path, s.error()));
    Attached detach{db};
    auto failed = [&](const Status& s) {
        return Status::failure(QStringLiteral("%1: merging %2 failed: %3; the project was not "
                                              "changed")
                                   .arg(project.path(), path, s.error()));
    };
    Transaction tx(db);
    if (!tx.begin().ok())
        return failed(tx.begin());
    const QString columns = AnnotationStore::columns();
    for (const QString& sql : {
             QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS merge_contested(task_uid TEXT, "
                            "annotator TEXT, PRIMARY KEY(task_uid, annotator)) WITHOUT ROWID"),
             QStringLiteral("DELETE FROM temp.merge_contested"),
             // Rows both have in different versions, and rows with kept conflicts.
             QStringLiteral("INSERT OR IGNORE INTO temp.merge_contested SELECT p.task_uid, "
                            "p.annotator FROM pack.annotations p JOIN main.annotations m ON "
                            "m.task_uid = p.task_uid AND m.annotator = p.annotator WHERE m.hlc <> "
                            "p.hlc OR m.device <> p.device"),
             QStringLiteral("INSERT OR IGNORE INTO temp.merge_contested SELECT task_uid, "
                            "annotator FROM pack.annotation_conflicts"),
         }) {
        if (Status s = db.exec(sql); !s.ok())
            return failed(s);
    }
    auto count = [&](const QString& sql) -> qint64 {
        auto n = db.queryInt(sql);
        return n.ok() ? *n : 0;
    };
    const qint64 packRows = count(QStringLiteral("SELECT count(*) FROM pack.annotations"));
    report.unchanged = count(QStringLiteral(
        "SELECT count(*) FROM pack.annotations p JOIN main.annotations m ON m.task_uid = "
        "p.task_uid AND m.annotator = p.annotator WHERE m.hlc = p.hlc AND m.device = p.device"));
    // Rows new to the project go in as they are, in one statement.
    if (Status s = db.exec(QStringLiteral("INSERT INTO main.annotations(%1) SELECT %1 FROM "
                                          "pack.annotations p WHERE NOT EXISTS (SELECT 1 FROM "
                                          "main.annotations m WHERE m.task_uid = p.task_uid AND "
                                          "m.annotator = p.annotator)")
                               .arg(columns));
        !s.ok())
        return failed(s);
    report.added = db.changes();
    if (options.progress)
        options.progress(report.added + report.unchanged, packRows);

    // The rest, one row key at a time: every version either side has.
    Statement contested =
        db.statement(QStringLiteral("SELECT task_uid, annotator FROM temp.merge_contested"));
    Statement packLive = db.statement(
        QStringLiteral("SELECT %1 FROM pack.annotations WHERE task_uid = ? AND annotator = ?")
            .arg(columns));
    Statement packKept = db.statement(
        QStringLiteral(
            "SELECT %1 FROM pack.annotation_conflicts WHERE task_uid = ? AND annotator = ?")
            .arg(columns));
    Statement dropKept = db.statement(QStringLiteral(
        "DELETE FROM main.annotation_conflicts WHERE task_uid = ? AND annotator = ?"));
    AnnotationStore& store = project.annotations();
    QList<std::pair<QString, QString>> keys;
    while (contested.next())
        keys.append({contested.text(0), contested.text(1)});
    qint64 looked = report.added + report.unchanged;
    for (const auto& [taskUid, annotator] : keys) {
        if (isSet(options.cancel))
            return Status::failure(cancelledStatus(QStringLiteral("The merge")).error());
        std::optional<Annotation> local = store.get(taskUid, annotator);
        const QList<Annotation> localKept = store.conflicts(taskUid, annotator);
        QList<Annotation> versions = localKept;
        if (local)
            versions.append(*local);
        std::optional<Annotation> incoming;
        packLive.bind(1, taskUid).bind(2, annotator);
        if (packLive.next())
            incoming = AnnotationStore::readRow(packLive);
        packLive.reset();
        if (incoming)
            versions.append(*incoming);
        packKept.bind(1, taskUid).bind(2, annotator);
        while (packKept.next())
            versions.append(AnnotationStore::readRow(packKept));
        packKept.reset();

        const ResolvedVersions resolved = resolveVersions(versions);
        const bool liveChanged =
            !local || local->hlc != resolved.live.hlc || local->device != resolved.live.device;
        if (liveChanged) {
            if (Status s = store.put(resolved.live); !s.ok())
                return failed(s);
        }
        if (incoming && local && (local->hlc != incoming->hlc || local->device != incoming->device)) {
            if (liveChanged && resolved.live.hlc == incoming->hlc &&
                resolved.live.device == incoming->device)
                ++report.replaced;
            else
                ++report.older;
        }
        const QSet<VersionKey> before = keysOf(localKept);
        const QSet<VersionKey> after = keysOf(resolved.conflicts);
        if (before != after) {
            dropKept.bind(1, taskUid).bind(2, annotator);
            if (Status s = dropKept.run(); !s.ok())
                return failed(s);
            for (const Annotation& kept : resolved.conflicts) {
                if (Status s = store.putConflict(kept); !s.ok())
                    return failed(s);
            }
            report.conflicts += (after - before).size();
        }
        if (++looked % 1024 == 0 && options.progress)
            options.progress(qMin(looked, packRows), packRows);
    }

    if (!checked->manifest || checked->manifest->kind == PackManifest::Kind::Out) {
        auto tasks = addPackTasks(project, db, checked->path);
        if (!tasks.ok())
            return failed(Status::failure(tasks.error()));
        report.tasksAdded = *tasks;
    }
    report.unknownTasks = count(QStringLiteral(
        "SELECT count(*) FROM pack.annotations p WHERE NOT EXISTS (SELECT 1 FROM main.tasks t "
        "WHERE t.uid = p.task_uid)"));
    auto packSchema =
        db.queryText(QStringLiteral("SELECT value FROM pack.meta WHERE key = 'schema'"));
    auto ownSchema =
        db.queryText(QStringLiteral("SELECT value FROM main.meta WHERE key = 'schema'"));
    if (packSchema.ok() && ownSchema.ok() && *packSchema != *ownSchema)
        report.schemaNotes = schemaNotes(project, db);
    if (checked->manifest && checked->manifest->kind == PackManifest::Kind::Back) {
        Statement remember = db.statement(QStringLiteral(
            "INSERT OR IGNORE INTO merged_packs(content_sha256, kind, made_by, device, made_ms, "
            "annotations) VALUES(?, 'back', ?, ?, ?, ?)"));
        remember.bind(1, checked->manifest->contentSha256)
            .bind(2, checked->manifest->forAnnotator)
            .bind(3, checked->manifest->device)
            .bind(4, checked->manifest->madeMs)
            .bind(5, checked->manifest->annotations);
        if (Status s = remember.run(); !s.ok())
            return failed(s);
    }
    if (isSet(options.cancel))
        return Status::failure(cancelledStatus(QStringLiteral("The merge")).error());
    const qint64 newest = count(QStringLiteral("SELECT coalesce(max(hlc), 0) FROM pack.annotations"));
    if (Status s = tx.commit(); !s.ok())
        return failed(s);
    project.clock().observe(newest);
    if (options.progress)
        options.progress(packRows, packRows);
    return report;
}

QStringList packsIn(const QString& path) {
    const QFileInfo info(path);
    if (!info.isDir())
        return {path};
    QStringList packs;
    const QDir dir(path);
    for (const QString& name :
         dir.entryList({QStringLiteral("*.postilpack")}, QDir::Files, QDir::Name))
        packs.append(dir.filePath(name));
    return packs;
}

}  // namespace postil

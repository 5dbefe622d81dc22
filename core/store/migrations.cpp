#include "store/migrations.h"

#include <QRegularExpression>
#include <QStringList>

namespace postil {

namespace {

// Migration N brings the file from version N-1 to N. Never edit a released
// migration: add a new one.
const char* const kMigrations[] = {
    // 1: the first schema.
    R"sql(
CREATE TABLE meta(
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

-- Media stays outside the file. 'path' is relative to the project file with
-- '/' separators; 'hash' (SHA-256 of the bytes) identifies it across laptops.
CREATE TABLE media(
  hash  TEXT PRIMARY KEY,
  path  TEXT NOT NULL,
  bytes INTEGER NOT NULL
) WITHOUT ROWID;

-- 'id' is the local import order; 'uid' is the identity that two laptops share.
CREATE TABLE tasks(
  id         INTEGER PRIMARY KEY,
  uid        TEXT NOT NULL UNIQUE,
  kind       TEXT NOT NULL CHECK(kind IN ('image', 'text', 'audio', 'compare')),
  data       TEXT NOT NULL,
  media_hash TEXT,
  preview    TEXT NOT NULL DEFAULT ''
);

-- One row per (task, annotator); only its author writes it. The merge keeps,
-- per row key, the greatest (hlc, device, hash of payload). Deletes are
-- tombstones (deleted = 1) so they travel in packs.
CREATE TABLE annotations(
  task_uid       TEXT NOT NULL,
  annotator      TEXT NOT NULL,
  uid            TEXT NOT NULL UNIQUE,
  status         TEXT NOT NULL CHECK(status IN ('draft', 'submitted', 'skipped')),
  skip_reason    TEXT NOT NULL DEFAULT '',
  review_of      TEXT,
  review_outcome TEXT,
  result         TEXT NOT NULL DEFAULT '{}',
  lead_ms        INTEGER NOT NULL DEFAULT 0,
  hlc            INTEGER NOT NULL,
  device         TEXT NOT NULL,
  deleted        INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY(task_uid, annotator)
) WITHOUT ROWID;
-- Covers "live rows of this annotator by status" without touching the table
-- (task list filters, progress counts, next unfinished task).
CREATE INDEX annotations_by_annotator ON annotations(annotator, deleted, status, task_uid);
-- Opening a project resumes the clock after the newest stamp: max(hlc).
CREATE INDEX annotations_by_hlc ON annotations(hlc);
)sql",
    // 2: image sizes on the media rows, so that an export of 100,000 images
    // (COCO, VOC, YOLO... all need each image's size) opens no image file.
    // Pixels of the displayed (EXIF-oriented) image; NULL while unknown (audio,
    // or media added by a build before this one).
    R"sql(
ALTER TABLE media ADD COLUMN width INTEGER;
ALTER TABLE media ADD COLUMN height INTEGER;
)sql",
    // 3: the task list's search over the whole task text (docs/architecture.md
    // "Task list search"): an FTS5 trigram index, so substrings, CJK and other
    // scripts without spaces match, kept in step by triggers from the same
    // expression (TASK_TEXT below); contentless, so the text is not stored
    // twice. And an index for sorting by the preview column.
    R"sql(
CREATE VIRTUAL TABLE task_search USING fts5(body, tokenize = 'trigram', content = '');
INSERT INTO task_search(rowid, body) SELECT t.id, TASK_TEXT(t) FROM tasks t;
CREATE TRIGGER task_search_insert AFTER INSERT ON tasks BEGIN
  INSERT INTO task_search(rowid, body) VALUES (new.id, TASK_TEXT(new));
END;
CREATE TRIGGER task_search_delete AFTER DELETE ON tasks BEGIN
  INSERT INTO task_search(task_search, rowid, body) VALUES ('delete', old.id, TASK_TEXT(old));
END;
CREATE TRIGGER task_search_update AFTER UPDATE OF uid, data ON tasks BEGIN
  INSERT INTO task_search(task_search, rowid, body) VALUES ('delete', old.id, TASK_TEXT(old));
  INSERT INTO task_search(rowid, body) VALUES (new.id, TASK_TEXT(new));
END;
CREATE INDEX tasks_by_preview ON tasks(preview COLLATE NOCASE, id);
)sql",
    // 4: the audio waveform's peak pyramid per media file (media/peakcache,
    // docs/architecture.md §13), so a reopened audio task draws at once. Keyed
    // by the media's hash; 'bytes' and 'mtime_ms' are the file's when the
    // peaks were made, and a file that no longer matches them is decoded
    // again. 'layout' is PeakPyramid's format version; 'damage' what the
    // decode met (a file cut short), said again on every open. A rowid table:
    // rows are megabytes, which WITHOUT ROWID tables store badly.
    R"sql(
CREATE TABLE media_peaks(
  hash     TEXT PRIMARY KEY,
  bytes    INTEGER NOT NULL,
  mtime_ms INTEGER NOT NULL,
  layout   INTEGER NOT NULL,
  damage   TEXT NOT NULL DEFAULT '',
  peaks    BLOB NOT NULL
);
)sql",
    // 5: sync by files (docs/architecture.md §3 and "Sync by files").
    // 'lineage' is the row's version vector ("DEVICE=STAMP;...", empty for a
    // row written before: it stands for its own device and hlc), which tells
    // an edit made after a merge from one made apart. A version that lost to a
    // concurrent one is kept in annotation_conflicts, never dropped; the pair
    // (hlc, device) names a version. A pack file carries its manifest, the
    // tasks it hands out and, with --with-media, the media bytes; a project
    // remembers the sealed packs it merged so merging one again costs nothing.
    R"sql(
ALTER TABLE annotations ADD COLUMN lineage TEXT NOT NULL DEFAULT '';
UPDATE annotations SET lineage = device || '=' || hlc;
CREATE TABLE annotation_conflicts(
  task_uid       TEXT NOT NULL,
  annotator      TEXT NOT NULL,
  uid            TEXT NOT NULL,
  status         TEXT NOT NULL,
  skip_reason    TEXT NOT NULL DEFAULT '',
  review_of      TEXT,
  review_outcome TEXT,
  result         TEXT NOT NULL DEFAULT '{}',
  lead_ms        INTEGER NOT NULL DEFAULT 0,
  hlc            INTEGER NOT NULL,
  device         TEXT NOT NULL,
  deleted        INTEGER NOT NULL DEFAULT 0,
  lineage        TEXT NOT NULL DEFAULT '',
  PRIMARY KEY(task_uid, annotator, hlc, device)
) WITHOUT ROWID;
CREATE TABLE pack_manifest(
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE pack_tasks(
  uid TEXT PRIMARY KEY
) WITHOUT ROWID;
CREATE TABLE pack_media(
  hash  TEXT PRIMARY KEY,
  name  TEXT NOT NULL,
  bytes BLOB NOT NULL
);
CREATE TABLE merged_packs(
  content_sha256 TEXT PRIMARY KEY,
  kind           TEXT NOT NULL,
  made_by        TEXT NOT NULL,
  device         TEXT NOT NULL,
  made_ms        INTEGER NOT NULL,
  annotations    INTEGER NOT NULL
) WITHOUT ROWID;
)sql",
};

// What the search finds a task by: its uid, text and query, media path,
// prompt and responses (strings, or messages whose "content" counts), one
// string. T is the row (t, new or old). A row whose data is not JSON (only a
// damaged file has one) is indexed as it stands rather than failing the write.
// The same expression serves insert and delete, as a contentless index needs.
const char* const kTaskText =
    R"sql((CASE WHEN NOT json_valid(T.data) THEN T.uid || ' ' || T.data ELSE
  T.uid || ' ' || coalesce(json_extract(T.data, '$.text'), '') || ' ' ||
  coalesce(json_extract(T.data, '$.query'), '') || ' ' ||
  coalesce(json_extract(T.data, '$.image'), '') || ' ' ||
  coalesce(json_extract(T.data, '$.audio'), '') || ' ' ||
  coalesce((SELECT group_concat(p.value, ' ') FROM json_tree(T.data, '$.prompt') p
            WHERE p.type = 'text' AND (p.key = 'content' OR p.fullkey = '$.prompt')), '') || ' ' ||
  coalesce((SELECT group_concat(r.value, ' ') FROM json_tree(T.data, '$.responses') r
            WHERE r.type = 'text' AND r.key IS NOT 'role' AND r.key IS NOT 'id' AND
              r.key IS NOT 'model'), '')
END))sql";

QString migrationSql(int version) {
    QString sql = QString::fromUtf8(kMigrations[version - 1]);
    // TASK_TEXT(t) stands for kTaskText on row t.
    static const QRegularExpression call(QStringLiteral("TASK_TEXT\\((\\w+)\\)"));
    QString expanded;
    qsizetype from = 0;
    for (auto it = call.globalMatch(sql); it.hasNext();) {
        const auto match = it.next();
        expanded += sql.mid(from, match.capturedStart() - from);
        expanded += QString::fromUtf8(kTaskText).replace(QStringLiteral("T."),
                                                         match.captured(1) + QLatin1Char('.'));
        from = match.capturedEnd();
    }
    return expanded + sql.mid(from);
}

constexpr int kMigrationCount = int(sizeof(kMigrations) / sizeof(kMigrations[0]));

}  // namespace

int Migrations::latestVersion() {
    return kMigrationCount;
}

Expected<int> Migrations::checkCompatible(Database& db) {
    auto appId = db.queryInt(QStringLiteral("PRAGMA application_id"));
    if (!appId.ok())
        return Status::failure(
            QStringLiteral("%1: not a Postil project (%2)").arg(db.path(), appId.error()));
    auto version = db.queryInt(QStringLiteral("PRAGMA user_version"));
    if (!version.ok())
        return Status::failure(version.error());
    auto tables = db.queryInt(QStringLiteral("SELECT count(*) FROM sqlite_schema"));
    if (!tables.ok())
        return Status::failure(tables.error());
    const bool empty = *appId == 0 && *version == 0 && *tables == 0;
    if (!empty && *appId != kApplicationId)
        return Status::failure(
            QStringLiteral("%1: not a Postil project (it is some other SQLite database)")
                .arg(db.path()));
    if (*version > latestVersion())
        return Status::failure(
            QStringLiteral("%1 was written by a newer Postil (project format version %2); this "
                           "build reads versions up to %3. The file was not changed; open it "
                           "with a newer Postil.")
                .arg(db.path())
                .arg(*version)
                .arg(latestVersion()));
    return int(*version);
}

Status Migrations::upgrade(Database& db) {
    auto current = checkCompatible(db);
    if (!current.ok())
        return Status::failure(current.error());
    for (int version = *current + 1; version <= latestVersion(); ++version) {
        Transaction tx(db);
        if (!tx.begin().ok())
            return tx.begin();
        Status step = db.exec(migrationSql(version));
        if (!step.ok())
            return Status::failure(
                QStringLiteral("migration %1 failed: %2").arg(version).arg(step.error()));
        Status mark = db.exec(QStringLiteral("PRAGMA application_id = %1; PRAGMA user_version = %2")
                                  .arg(kApplicationId)
                                  .arg(version));
        if (!mark.ok())
            return mark;
        Status done = tx.commit();
        if (!done.ok())
            return done;
    }
    return Status::success();
}

}  // namespace postil

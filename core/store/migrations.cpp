#include "store/migrations.h"

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
};

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
        Status step = db.exec(QString::fromUtf8(kMigrations[version - 1]));
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

#include "model/projectcheck.h"

#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>

#include "media/mediadecodecheck.h"
#include "model/ids.h"
#include "model/taskkind.h"
#include "store/migrations.h"

namespace postil {

namespace {

using Kind = CheckProblem::Kind;

// The tasks that use one media file: the first by import order names it.
struct MediaUsers {
    QString firstUid;
    qint64 count = 0;
    TaskKind kind = TaskKind::Image;  // of the first task: what the file must decode as
};

QString whoUses(const MediaUsers& users) {
    if (users.count == 0)
        return QStringLiteral("no task");
    if (users.count == 1)
        return QStringLiteral("task %1").arg(users.firstUid);
    return QStringLiteral("task %1 (and %2 more)").arg(users.firstUid).arg(users.count - 1);
}

QString shortHash(const QString& hash) {
    return hash.left(12);
}

class Checker {
public:
    Checker(Database& db, const QDir& folder, const CheckOptions& options)
        : m_db(db), m_folder(folder), m_options(options) {
        m_report.projectPath = db.path();
    }

    CheckReport run() {
        checkIntegrity();
        checkForeignKeys();
        checkTasks();
        checkAnnotations();
        checkMedia();
        return m_report;
    }

private:
    void add(Kind kind, const QString& taskUid, const QString& path, const QString& message) {
        m_report.problems.append(CheckProblem{kind, taskUid, path, message});
    }

    // A query that fails on a damaged file is itself a finding, not a reason
    // to stop: the other checks may still say more.
    std::optional<Statement> query(const QString& sql, const QString& what) {
        auto stmt = m_db.prepare(sql);
        if (!stmt.ok()) {
            add(Kind::Integrity, {}, {},
                QStringLiteral("cannot read %1: %2").arg(what, stmt.error()));
            return std::nullopt;
        }
        return std::move(stmt.value());
    }

    void finish(Statement& stmt, const QString& what) {
        if (!stmt.status().ok())
            add(Kind::Integrity, {}, {},
                QStringLiteral("cannot read %1: %2").arg(what, stmt.status().error()));
    }

    void checkIntegrity() {
        auto stmt = query(QStringLiteral("PRAGMA integrity_check"), QStringLiteral("the file"));
        if (!stmt)
            return;
        while (stmt->next()) {
            const QString line = stmt->text(0);
            if (line != QLatin1String("ok"))
                add(Kind::Integrity, {}, {}, QStringLiteral("integrity: ") + line.simplified());
        }
        finish(*stmt, QStringLiteral("the file"));
    }

    void checkForeignKeys() {
        auto stmt =
            query(QStringLiteral("PRAGMA foreign_key_check"), QStringLiteral("foreign keys"));
        if (!stmt)
            return;
        while (stmt->next())
            add(Kind::ForeignKey, {}, {},
                QStringLiteral("foreign key: %1 row %2 points at a missing row of %3")
                    .arg(stmt->text(0), stmt->isNull(1) ? QStringLiteral("?") : stmt->text(1),
                         stmt->text(2)));
        finish(*stmt, QStringLiteral("foreign keys"));
    }

    void checkTasks() {
        const QString what = QStringLiteral("tasks");
        auto stmt = query(
            QStringLiteral("SELECT uid, data, media_hash, kind FROM tasks ORDER BY id"), what);
        if (!stmt)
            return;
        while (stmt->next()) {
            ++m_report.tasksChecked;
            const QString uid = stmt->text(0);
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(stmt->utf8(1), &error);
            if (error.error != QJsonParseError::NoError)
                add(Kind::TaskData, uid, {},
                    QStringLiteral("task %1: data is not valid JSON (offset %2: %3)")
                        .arg(uid)
                        .arg(error.offset)
                        .arg(error.errorString()));
            else if (!doc.isObject())
                add(Kind::TaskData, uid, {},
                    QStringLiteral("task %1: data is not a JSON object").arg(uid));
            if (!stmt->isNull(2)) {
                MediaUsers& users = m_mediaUsers[stmt->text(2)];
                if (users.count++ == 0) {
                    users.firstUid = uid;
                    users.kind = taskKindFromString(stmt->text(3)).value_or(TaskKind::Image);
                }
            }
        }
        finish(*stmt, what);
    }

    void checkAnnotations() {
        const QString what = QStringLiteral("annotations");
        auto stmt = query(QStringLiteral("SELECT task_uid, annotator, result FROM annotations "
                                         "ORDER BY task_uid, annotator"),
                          what);
        if (!stmt)
            return;
        while (stmt->next()) {
            ++m_report.annotationsChecked;
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(stmt->utf8(2), &error);
            if (error.error == QJsonParseError::NoError && doc.isObject())
                continue;
            const QString uid = stmt->text(0);
            add(Kind::AnnotationData, uid, {},
                QStringLiteral("task %1: the annotation of %2 has a result that is not a JSON "
                               "object")
                    .arg(uid, stmt->text(1)));
        }
        finish(*stmt, what);
    }

    void checkMedia() {
        const QString what = QStringLiteral("media");
        auto total = m_db.queryInt(QStringLiteral("SELECT count(*) FROM media"));
        auto stmt =
            query(QStringLiteral("SELECT hash, path, bytes FROM media ORDER BY path"), what);
        if (!stmt)
            return;
        QSet<QString> known;
        while (stmt->next()) {
            const QString hash = stmt->text(0);
            known.insert(hash);
            checkMediaFile(hash, stmt->text(1), stmt->int64(2));
            ++m_report.mediaChecked;
            if (m_options.progress)
                m_options.progress(m_report.mediaChecked, total.ok() ? *total : 0);
        }
        finish(*stmt, what);
        for (auto it = m_mediaUsers.begin(); it != m_mediaUsers.end(); ++it)
            if (!known.contains(it.key()))
                add(Kind::MediaUnknown, it->firstUid, {},
                    QStringLiteral("%1: media %2 is not in the media table")
                        .arg(whoUses(*it), shortHash(it.key())));
    }

    void checkMediaFile(const QString& hash, const QString& stored, qint64 bytes) {
        const MediaUsers users = m_mediaUsers.value(hash);
        const QString absolute = QDir::isAbsolutePath(stored)
                                     ? stored
                                     : QDir::cleanPath(m_folder.absoluteFilePath(stored));
        const QFileInfo info(absolute);
        if (!info.isFile()) {
            add(Kind::MediaMissing, users.firstUid, stored,
                QStringLiteral("%1: media file missing: %2").arg(whoUses(users), stored));
            return;
        }
        // A different size settles it without reading the file.
        if (info.size() != bytes) {
            add(Kind::MediaChanged, users.firstUid, stored,
                QStringLiteral("%1: media file changed: %2 (%3 bytes, %4 when imported)")
                    .arg(whoUses(users), stored)
                    .arg(info.size())
                    .arg(bytes));
            return;
        }
        // The bytes may be the imported ones and still not an image (a text
        // file renamed .jpg, a download cut short): say so before anyone
        // opens the task.
        if (const QString problem = mediaDecodeProblem(absolute, users.kind); !problem.isEmpty())
            add(Kind::MediaUndecodable, users.firstUid, stored,
                QStringLiteral("%1: media file does not decode: %2")
                    .arg(whoUses(users), problem.startsWith(absolute)
                                             ? stored + problem.mid(absolute.size())
                                             : problem));
        if (!m_options.hashMedia)
            return;
        auto actual = fileSha256(absolute);
        if (!actual.ok()) {
            add(Kind::MediaMissing, users.firstUid, stored,
                QStringLiteral("%1: media file unreadable: %2 (%3)")
                    .arg(whoUses(users), stored, actual.error()));
            return;
        }
        if (*actual != hash)
            add(Kind::MediaChanged, users.firstUid, stored,
                QStringLiteral("%1: media file changed: %2 (SHA-256 %3…, %4… when imported)")
                    .arg(whoUses(users), stored, shortHash(*actual), shortHash(hash)));
    }

    Database& m_db;
    QDir m_folder;
    const CheckOptions& m_options;
    CheckReport m_report;
    QHash<QString, MediaUsers> m_mediaUsers;  // media hash -> tasks using it
};

}  // namespace

QString toString(CheckProblem::Kind kind) {
    switch (kind) {
        case Kind::Integrity:
            return QStringLiteral("integrity");
        case Kind::ForeignKey:
            return QStringLiteral("foreign_key");
        case Kind::TaskData:
            return QStringLiteral("task_data");
        case Kind::AnnotationData:
            return QStringLiteral("annotation_data");
        case Kind::MediaUnknown:
            return QStringLiteral("media_unknown");
        case Kind::MediaUndecodable:
            return QStringLiteral("media_undecodable");
        case Kind::MediaMissing:
            return QStringLiteral("media_missing");
        case Kind::MediaChanged:
            return QStringLiteral("media_changed");
    }
    return QString();
}

QJsonObject CheckProblem::toJson() const {
    QJsonObject o{{QStringLiteral("kind"), toString(kind)}, {QStringLiteral("message"), message}};
    if (!taskUid.isEmpty())
        o.insert(QStringLiteral("task"), taskUid);
    if (!path.isEmpty())
        o.insert(QStringLiteral("path"), path);
    return o;
}

QJsonObject CheckReport::toJson() const {
    QJsonArray list;
    for (const CheckProblem& p : problems)
        list.append(p.toJson());
    return QJsonObject{{QStringLiteral("project"), projectPath},
                       {QStringLiteral("ok"), clean()},
                       {QStringLiteral("tasks_checked"), tasksChecked},
                       {QStringLiteral("annotations_checked"), annotationsChecked},
                       {QStringLiteral("media_checked"), mediaChecked},
                       {QStringLiteral("problems"), list}};
}

Expected<CheckReport> checkProject(Database& db, const QDir& projectFolder,
                                   const CheckOptions& options) {
    return Checker(db, projectFolder, options).run();
}

Expected<CheckReport> checkProjectFile(const QString& path, const CheckOptions& options) {
    if (!QFileInfo::exists(path))
        return Status::failure(QStringLiteral("%1: no such file").arg(path));
    auto db = Database::open(path, Database::Mode::ReadOnly);
    if (!db.ok())
        return Status::failure(db.error());
    auto version = Migrations::checkCompatible(**db);
    if (!version.ok())
        return Status::failure(version.error());
    auto report = checkProject(**db, QFileInfo(path).absoluteDir(), options);
    if (report.ok())
        report->projectPath = path;
    return report;
}

}  // namespace postil

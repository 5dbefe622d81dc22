#include "sync/packmanifest.h"

#include <QCryptographicHash>
#include <QMap>

namespace postil {

namespace {

QString kindKey(PackManifest::Kind kind) {
    return kind == PackManifest::Kind::Out ? QStringLiteral("out") : QStringLiteral("back");
}

QMap<QString, QString> fields(const PackManifest& m) {
    return {{QStringLiteral("format_version"), QString::number(m.formatVersion)},
            {QStringLiteral("kind"), kindKey(m.kind)},
            {QStringLiteral("project_uid"), m.projectUid},
            {QStringLiteral("project_name"), m.projectName},
            {QStringLiteral("schema_sha256"), m.schemaSha256},
            {QStringLiteral("made_by"), m.madeBy},
            {QStringLiteral("device"), m.device},
            {QStringLiteral("made_ms"), QString::number(m.madeMs)},
            {QStringLiteral("for_annotator"), m.forAnnotator},
            {QStringLiteral("tasks"), QString::number(m.tasks)},
            {QStringLiteral("annotations"), QString::number(m.annotations)},
            {QStringLiteral("media"), QString::number(m.media)}};
}

// Feeds one value, typed and length-prefixed, so that no two different row
// sequences hash the same.
void feed(QCryptographicHash& hash, const Statement& row, int columns) {
    for (int c = 0; c < columns; ++c) {
        const QByteArray bytes = row.isNull(c) ? QByteArray() : row.blob(c);
        const QByteArray head = (row.isNull(c) ? QByteArrayLiteral("N") : QByteArrayLiteral("V")) +
                                QByteArray::number(bytes.size()) + ':';
        hash.addData(head);
        hash.addData(bytes);
    }
}

}  // namespace

QString PackManifest::kindName(Kind kind) {
    return kind == Kind::Out ? QStringLiteral("hand-out pack") : QStringLiteral("pack of work sent back");
}

Expected<std::optional<PackManifest>> PackManifest::read(Database& db, const QString& schema) {
    auto stmt = db.prepare(QStringLiteral("SELECT key, value FROM %1.pack_manifest").arg(schema));
    if (!stmt.ok())
        return Status::failure(stmt.error());
    QMap<QString, QString> values;
    while (stmt->next())
        values.insert(stmt->text(0), stmt->text(1));
    if (!stmt->status().ok())
        return Status::failure(stmt->status().error());
    if (values.isEmpty())
        return std::optional<PackManifest>();
    PackManifest m;
    bool ok = false;
    m.formatVersion = values.value(QStringLiteral("format_version")).toInt(&ok);
    if (!ok || m.formatVersion < 1)
        return Status::failure(QStringLiteral("its manifest has no valid format_version"));
    if (m.formatVersion > kFormatVersion)
        return std::optional<PackManifest>(m);  // the caller refuses it, naming the version
    const QString kind = values.value(QStringLiteral("kind"));
    if (kind != QLatin1String("out") && kind != QLatin1String("back"))
        return Status::failure(QStringLiteral("its manifest has an unknown kind '%1'").arg(kind));
    m.kind = kind == QLatin1String("out") ? Kind::Out : Kind::Back;
    m.projectUid = values.value(QStringLiteral("project_uid"));
    m.projectName = values.value(QStringLiteral("project_name"));
    m.schemaSha256 = values.value(QStringLiteral("schema_sha256"));
    m.madeBy = values.value(QStringLiteral("made_by"));
    m.device = values.value(QStringLiteral("device"));
    m.madeMs = values.value(QStringLiteral("made_ms")).toLongLong();
    m.forAnnotator = values.value(QStringLiteral("for_annotator"));
    m.tasks = values.value(QStringLiteral("tasks")).toLongLong();
    m.annotations = values.value(QStringLiteral("annotations")).toLongLong();
    m.media = values.value(QStringLiteral("media")).toLongLong();
    m.contentSha256 = values.value(QStringLiteral("content_sha256"));
    return std::optional<PackManifest>(m);
}

Status PackManifest::write(Database& db) const {
    Statement put = db.statement(
        QStringLiteral("INSERT OR REPLACE INTO pack_manifest(key, value) VALUES(?, ?)"));
    QMap<QString, QString> all = fields(*this);
    all.insert(QStringLiteral("content_sha256"), contentSha256);
    for (auto it = all.cbegin(); it != all.cend(); ++it) {
        put.bind(1, it.key()).bind(2, it.value());
        if (Status s = put.run(); !s.ok())
            return s;
    }
    return Status::success();
}

Expected<QString> packContentSha256(Database& db, const PackManifest& manifest) {
    QCryptographicHash hash(QCryptographicHash::Sha256);
    const QMap<QString, QString> head = fields(manifest);
    for (auto it = head.cbegin(); it != head.cend(); ++it)
        hash.addData((it.key() + QLatin1Char('=') + it.value() + QLatin1Char('\n')).toUtf8());
    const QStringList queries =
        manifest.kind == PackManifest::Kind::Out
            ? QStringList{QStringLiteral(
                  "SELECT p.uid, t.kind, t.data, t.media_hash FROM pack_tasks p LEFT JOIN tasks t "
                  "ON t.uid = p.uid ORDER BY p.uid")}
            : QStringList{
                  QStringLiteral("SELECT task_uid, annotator, uid, status, skip_reason, review_of, "
                                 "review_outcome, result, lead_ms, hlc, device, deleted, lineage "
                                 "FROM annotations ORDER BY task_uid, annotator"),
                  QStringLiteral("SELECT task_uid, annotator, uid, status, skip_reason, review_of, "
                                 "review_outcome, result, lead_ms, hlc, device, deleted, lineage "
                                 "FROM annotation_conflicts ORDER BY task_uid, annotator, hlc, "
                                 "device")};
    for (const QString& sql : queries) {
        auto stmt = db.prepare(sql);
        if (!stmt.ok())
            return Status::failure(stmt.error());
        hash.addData(QByteArrayLiteral("\ntable\n"));
        const int columns = sql.startsWith(QLatin1String("SELECT p.uid")) ? 4 : 13;
        while (stmt->next())
            feed(hash, *stmt, columns);
        if (!stmt->status().ok())
            return Status::failure(stmt->status().error());
    }
    return QString::fromLatin1(hash.result().toHex());
}

}  // namespace postil

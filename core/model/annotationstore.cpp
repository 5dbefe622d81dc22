#include "model/annotationstore.h"

#include <QJsonDocument>

#include "model/ids.h"
#include "model/lineage.h"

namespace postil {

namespace {
const QString kColumns = QStringLiteral(
    "task_uid, annotator, uid, status, skip_reason, review_of, review_outcome, result, lead_ms, "
    "hlc, device, deleted, lineage");

}  // namespace

const QString& AnnotationStore::columns() {
    return kColumns;
}

Annotation AnnotationStore::readRow(const Statement& stmt) {
    Annotation a;
    a.taskUid = stmt.text(0);
    a.annotator = stmt.text(1);
    a.uid = stmt.text(2);
    a.status = annotationStatusFromString(stmt.text(3)).value_or(AnnotationStatus::Draft);
    a.skipReason = stmt.text(4);
    a.reviewOf = stmt.text(5);
    a.reviewOutcome = stmt.text(6);
    a.result = QJsonDocument::fromJson(stmt.utf8(7)).object();
    a.leadMs = stmt.int64(8);
    a.hlc = stmt.int64(9);
    a.device = stmt.text(10);
    a.deleted = stmt.int64(11) != 0;
    // A row stored before lineages stands for its own write.
    a.lineage = stmt.isNull(12) || stmt.text(12).isEmpty()
                    ? Lineage::ofRow(QString(), a.device, a.hlc).toString()
                    : stmt.text(12);
    return a;
}

AnnotationStore::AnnotationStore(Database& db)
    : m_db(db),
      m_get(db.statement(QStringLiteral("SELECT %1 FROM annotations WHERE task_uid = ? AND "
                                        "annotator = ?")
                             .arg(kColumns))),
      m_put(db.statement(QStringLiteral("INSERT OR REPLACE INTO annotations(%1) VALUES(?, ?, ?, "
                                        "?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                             .arg(kColumns))),
      m_conflicts(db.statement(QStringLiteral("SELECT %1 FROM annotation_conflicts WHERE "
                                              "task_uid = ? AND annotator = ? ORDER BY hlc, device")
                                   .arg(kColumns))),
      m_putConflict(db.statement(QStringLiteral("INSERT OR IGNORE INTO annotation_conflicts(%1) "
                                                "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                                     .arg(kColumns))),
      m_dropConflict(db.statement(
          QStringLiteral("DELETE FROM annotation_conflicts WHERE task_uid = ? AND annotator = ? "
                         "AND hlc = ? AND device = ?"))) {}

std::optional<Annotation> AnnotationStore::get(const QString& taskUid, const QString& annotator) {
    std::optional<Annotation> result;
    m_get.bind(1, taskUid).bind(2, annotator);
    if (m_get.next())
        result = readRow(m_get);
    m_get.reset();
    return result;
}

namespace {
void bindRow(Statement& m_put, const Annotation& a) {
    m_put.bind(1, a.taskUid).bind(2, a.annotator).bind(3, a.uid).bind(4, toString(a.status));
    m_put.bind(5, a.skipReason);
    if (a.reviewOf.isEmpty())
        m_put.bindNull(6);
    else
        m_put.bind(6, a.reviewOf);
    if (a.reviewOutcome.isEmpty())
        m_put.bindNull(7);
    else
        m_put.bind(7, a.reviewOutcome);
    m_put.bind(8, canonicalJson(a.result)).bind(9, a.leadMs).bind(10, a.hlc).bind(11, a.device);
    m_put.bind(12, qint64(a.deleted ? 1 : 0)).bind(13, a.lineage);
}
}  // namespace

Status AnnotationStore::put(const Annotation& a) {
    bindRow(m_put, a);
    return m_put.run();
}

QList<Annotation> AnnotationStore::conflicts(const QString& taskUid, const QString& annotator) {
    QList<Annotation> rows;
    m_conflicts.bind(1, taskUid).bind(2, annotator);
    while (m_conflicts.next())
        rows.append(readRow(m_conflicts));
    m_conflicts.reset();
    return rows;
}

Status AnnotationStore::putConflict(const Annotation& version) {
    bindRow(m_putConflict, version);
    return m_putConflict.run();
}

Status AnnotationStore::settleConflicts(const QString& taskUid, const QString& annotator,
                                        const QString& lineage) {
    const Lineage seen = Lineage::parse(lineage);
    for (const Annotation& kept : conflicts(taskUid, annotator)) {
        if (!seen.dominates(Lineage::ofRow(kept.lineage, kept.device, kept.hlc)))
            continue;
        m_dropConflict.bind(1, taskUid).bind(2, annotator).bind(3, kept.hlc).bind(4, kept.device);
        if (Status dropped = m_dropConflict.run(); !dropped.ok())
            return dropped;
    }
    return Status::success();
}

qint64 AnnotationStore::maxHlc() {
    auto n = m_db.queryInt(QStringLiteral("SELECT coalesce(max(hlc), 0) FROM annotations"));
    return n.ok() ? *n : 0;
}

QMap<QString, qint64> AnnotationStore::countByStatus(const QString& annotator) {
    QMap<QString, qint64> counts;
    Statement stmt = m_db.statement(
        QStringLiteral("SELECT status, count(*) FROM annotations WHERE annotator = ? AND "
                       "deleted = 0 GROUP BY status"));
    stmt.bind(1, annotator);
    while (stmt.next())
        counts.insert(stmt.text(0), stmt.int64(1));
    return counts;
}

qint64 AnnotationStore::finishedSince(const QString& annotator, qint64 hlc) {
    Statement stmt = m_db.statement(
        QStringLiteral("SELECT count(*) FROM annotations WHERE annotator = ? AND deleted = 0 AND "
                       "status IN ('submitted', 'skipped') AND hlc >= ?"));
    stmt.bind(1, annotator).bind(2, hlc);
    return stmt.next() ? stmt.int64(0) : 0;
}

std::optional<std::pair<qint64, QJsonObject>> AnnotationStore::previousBoxes(
    qint64 taskId, const QString& annotator) {
    Statement stmt = m_db.statement(QStringLiteral(
        "SELECT t.id, a.result FROM tasks t JOIN annotations a ON a.task_uid = t.uid "
        "WHERE t.id < ?1 AND t.kind = 'image' AND a.annotator = ?2 AND a.deleted = 0 "
        "AND json_array_length(a.result, '$.boxes') > 0 ORDER BY t.id DESC LIMIT 1"));
    stmt.bind(1, taskId).bind(2, annotator);
    if (!stmt.next())
        return std::nullopt;
    return std::make_pair(stmt.int64(0), QJsonDocument::fromJson(stmt.utf8(1)).object());
}

QList<Annotation> AnnotationStore::proposals(const QString& taskUid, const QString& annotator) {
    QList<Annotation> rows;
    Statement stmt = m_db.statement(
        QStringLiteral("SELECT %1 FROM annotations WHERE task_uid = ? AND annotator <> ? AND "
                       "deleted = 0 AND review_of IS NULL ORDER BY annotator")
            .arg(kColumns));
    stmt.bind(1, taskUid).bind(2, annotator);
    while (stmt.next())
        rows.append(readRow(stmt));
    return rows;
}

}  // namespace postil

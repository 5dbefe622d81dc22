#pragma once

#include <QList>
#include <QMap>
#include <optional>

#include "model/annotation.h"
#include "store/database.h"

namespace postil {

// The annotations table: one row per (task uid, annotator).
class AnnotationStore {
public:
    explicit AnnotationStore(Database& db);

    // The columns of a row, in the order readRow() reads them, for queries
    // of annotations or annotation_conflicts in any attached file.
    static const QString& columns();
    static Annotation readRow(const Statement& stmt);

    // The row for this task and annotator, tombstones included.
    std::optional<Annotation> get(const QString& taskUid, const QString& annotator);
    // Writes the row as given (insert or replace). Stamping is the caller's job.
    Status put(const Annotation& annotation);
    qint64 maxHlc();
    // The versions of this row that lost to a concurrent one
    // (annotation_conflicts, docs/architecture.md §3), oldest first.
    QList<Annotation> conflicts(const QString& taskUid, const QString& annotator);
    Status putConflict(const Annotation& version);
    // Drops the kept versions of this row that 'lineage' has seen: a write
    // made with them in view settles them.
    Status settleConflicts(const QString& taskUid, const QString& annotator,
                           const QString& lineage);
    // Live rows of this annotator per status name.
    QMap<QString, qint64> countByStatus(const QString& annotator);
    // Tasks this annotator finished (submitted or skipped) at or after a stamp.
    qint64 finishedSince(const QString& annotator, qint64 hlc);
    // The live rows of this task by annotators other than 'annotator', reviews
    // left out, by annotator name: what an import (`--as NAME`, or
    // "coco-import") or a colleague proposes for the task.
    QList<Annotation> proposals(const QString& taskUid, const QString& annotator);
    // The nearest image task before 'taskId' (import order) where this
    // annotator's live row holds boxes: its id and result (copy-previous).
    std::optional<std::pair<qint64, QJsonObject>> previousBoxes(qint64 taskId,
                                                                const QString& annotator);

private:
    Database& m_db;
    Statement m_get;
    Statement m_put;
    Statement m_conflicts;
    Statement m_putConflict;
    Statement m_dropConflict;
};

}  // namespace postil

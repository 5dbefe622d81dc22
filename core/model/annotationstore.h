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

    // The row for this task and annotator, tombstones included.
    std::optional<Annotation> get(const QString& taskUid, const QString& annotator);
    // Writes the row as given (insert or replace). Stamping is the caller's job.
    Status put(const Annotation& annotation);
    qint64 maxHlc();
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
};

}  // namespace postil

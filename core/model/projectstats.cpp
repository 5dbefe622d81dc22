#include "model/projectstats.h"

#include <QJsonArray>

#include "model/annotation.h"
#include "model/project.h"

namespace postil {

qint64 AnnotatorStats::rows() const {
    qint64 n = 0;
    for (qint64 count : byStatus)
        n += count;
    return n;
}

QJsonObject ProjectStats::toJson() const {
    QJsonObject byKind;
    for (auto it = tasksByKind.begin(); it != tasksByKind.end(); ++it)
        byKind.insert(toString(it.key()), it.value());
    QJsonArray people;
    for (const AnnotatorStats& a : annotators) {
        QJsonObject statuses;
        for (auto it = a.byStatus.begin(); it != a.byStatus.end(); ++it)
            statuses.insert(it.key(), it.value());
        people.append(QJsonObject{{QStringLiteral("annotator"), a.annotator},
                                  {QStringLiteral("statuses"), statuses},
                                  {QStringLiteral("done"), a.done},
                                  {QStringLiteral("total"), tasks}});
    }
    return QJsonObject{{QStringLiteral("name"), name},
                       {QStringLiteral("uid"), uid},
                       {QStringLiteral("kind"), toString(kind)},
                       {QStringLiteral("tasks"), tasks},
                       {QStringLiteral("tasks_by_kind"), byKind},
                       {QStringLiteral("annotations"), annotations},
                       {QStringLiteral("tombstones"), tombstones},
                       {QStringLiteral("annotators"), people}};
}

Expected<ProjectStats> computeProjectStats(Project& project) {
    ProjectStats stats;
    stats.name = project.name();
    stats.uid = project.uid();
    stats.kind = project.defaultKind();
    Database& db = project.database();

    auto byKind = db.prepare(QStringLiteral("SELECT kind, count(*) FROM tasks GROUP BY kind"));
    if (!byKind.ok())
        return Status::failure(QStringLiteral("%1: %2").arg(project.path(), byKind.error()));
    while (byKind->next()) {
        const qint64 n = byKind->int64(1);
        stats.tasks += n;
        if (auto kind = taskKindFromString(byKind->text(0)))
            stats.tasksByKind[*kind] += n;
    }
    if (!byKind->status().ok())
        return Status::failure(
            QStringLiteral("%1: %2").arg(project.path(), byKind->status().error()));

    // ORDER BY keeps each annotator's rows together, so one pass builds the list.
    auto rows = db.prepare(
        QStringLiteral("SELECT annotator, status, deleted, count(*) FROM annotations "
                       "GROUP BY annotator, status, deleted ORDER BY annotator, status"));
    if (!rows.ok())
        return Status::failure(QStringLiteral("%1: %2").arg(project.path(), rows.error()));
    while (rows->next()) {
        const QString annotator = rows->text(0);
        const QString status = rows->text(1);
        const qint64 n = rows->int64(3);
        if (rows->int64(2) != 0) {
            stats.tombstones += n;
            continue;
        }
        if (stats.annotators.isEmpty() || stats.annotators.last().annotator != annotator)
            stats.annotators.append(AnnotatorStats{annotator, {}, 0});
        AnnotatorStats& a = stats.annotators.last();
        a.byStatus[status] += n;
        if (status == toString(AnnotationStatus::Submitted) ||
            status == toString(AnnotationStatus::Skipped))
            a.done += n;
        stats.annotations += n;
    }
    if (!rows->status().ok())
        return Status::failure(
            QStringLiteral("%1: %2").arg(project.path(), rows->status().error()));
    return stats;
}

}  // namespace postil

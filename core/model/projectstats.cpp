#include "model/projectstats.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

#include "model/annotation.h"
#include "model/comparison.h"
#include "model/project.h"

namespace postil {

qint64 AnnotatorStats::rows() const {
    qint64 n = 0;
    for (qint64 count : byStatus)
        n += count;
    return n;
}

double AssistHelpStats::proposedShare() const {
    const qint64 parts = accepted + edited + added;
    return parts > 0 ? double(accepted + edited) / double(parts) : 0;
}

double AssistHelpStats::acceptedShare() const {
    const qint64 proposals = accepted + edited + rejected;
    return proposals > 0 ? double(accepted) / double(proposals) : 0;
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
        QJsonObject person{{QStringLiteral("annotator"), a.annotator},
                           {QStringLiteral("statuses"), statuses},
                           {QStringLiteral("done"), a.done},
                           {QStringLiteral("total"), tasks}};
        if (goldTasks > 0)
            person.insert(QStringLiteral("gold"),
                          QJsonObject{{QStringLiteral("answered"), a.goldAnswered},
                                      {QStringLiteral("matched"), a.goldMatched}});
        people.append(person);
    }
    QJsonObject json{{QStringLiteral("name"), name},
                     {QStringLiteral("uid"), uid},
                     {QStringLiteral("kind"), toString(kind)},
                     {QStringLiteral("tasks"), tasks},
                     {QStringLiteral("tasks_by_kind"), byKind},
                     {QStringLiteral("annotations"), annotations},
                     {QStringLiteral("tombstones"), tombstones},
                     {QStringLiteral("annotators"), people}};
    if (goldTasks > 0)
        json.insert(QStringLiteral("gold_tasks"), goldTasks);
    if (!assistHelp.isEmpty()) {
        QJsonArray help;
        for (const AssistHelpStats& h : assistHelp)
            help.append(QJsonObject{{QStringLiteral("from"), h.from},
                                    {QStringLiteral("tasks"), h.tasks},
                                    {QStringLiteral("accepted"), h.accepted},
                                    {QStringLiteral("edited"), h.edited},
                                    {QStringLiteral("rejected"), h.rejected},
                                    {QStringLiteral("added"), h.added}});
        json.insert(QStringLiteral("assist"), help);
    }
    return json;
}

namespace {

// Gold lives in the task data of comparison tasks; instr() skips the JSON
// parse for the many tasks that have none. 'prefix' names the tasks table.
QString goldTaskCondition(const QString& prefix) {
    return QStringLiteral(
               "%1kind = 'compare' AND instr(%1data, '\"gold\"') > 0 AND "
               "json_type(%1data, '$.gold') = 'object'")
        .arg(prefix);
}

Status countGold(Project& project, ProjectStats& stats) {
    Database& db = project.database();
    auto tasks = db.queryInt(
        QStringLiteral("SELECT count(*) FROM tasks WHERE %1").arg(goldTaskCondition(QString())));
    if (!tasks.ok())
        return Status::failure(tasks.error());
    stats.goldTasks = *tasks;
    if (stats.goldTasks == 0)
        return Status::success();
    auto rows = db.prepare(
        QStringLiteral("SELECT a.annotator, t.data, a.result FROM tasks t JOIN annotations a "
                       "ON a.task_uid = t.uid WHERE a.deleted = 0 AND a.status = ?1 AND %1")
            .arg(goldTaskCondition(QStringLiteral("t."))));
    if (!rows.ok())
        return Status::failure(rows.error());
    rows->bind(1, toString(AnnotationStatus::Submitted));
    const int tolerance = project.schema().goldTolerance;
    QHash<QString, AnnotatorStats*> byName;
    for (AnnotatorStats& a : stats.annotators)
        byName.insert(a.annotator, &a);
    while (rows->next()) {
        AnnotatorStats* a = byName.value(rows->text(0));
        if (!a)
            continue;
        const QJsonObject data = QJsonDocument::fromJson(rows->utf8(1)).object();
        const QJsonObject result = QJsonDocument::fromJson(rows->utf8(2)).object();
        ++a->goldAnswered;
        if (comparison::matchesGold(data, result, tolerance).value_or(false))
            ++a->goldMatched;
    }
    return rows->status();
}

}  // namespace

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
    // instr() first: most rows hold no "assist" and skip the JSON parse.
    auto help = db.prepare(
        QStringLiteral("SELECT json_extract(result, '$.assist.from') AS source, count(*), "
                       "sum(json_extract(result, '$.assist.accepted')), "
                       "sum(json_extract(result, '$.assist.edited')), "
                       "sum(json_extract(result, '$.assist.rejected')), "
                       "sum(json_extract(result, '$.assist.added')) FROM annotations "
                       "WHERE deleted = 0 AND status = 'submitted' AND review_of IS NULL AND "
                       "instr(result, '\"assist\"') > 0 AND "
                       "json_type(result, '$.assist.accepted') = 'integer' "
                       "GROUP BY source ORDER BY source"));
    if (!help.ok())
        return Status::failure(QStringLiteral("%1: %2").arg(project.path(), help.error()));
    while (help->next())
        stats.assistHelp.append({help->text(0), help->int64(1), help->int64(2), help->int64(3),
                                 help->int64(4), help->int64(5)});
    if (!help->status().ok())
        return Status::failure(
            QStringLiteral("%1: %2").arg(project.path(), help->status().error()));
    if (stats.tasksByKind.value(TaskKind::Compare) > 0) {
        Status gold = countGold(project, stats);
        if (!gold.ok())
            return Status::failure(QStringLiteral("%1: %2").arg(project.path(), gold.error()));
    }
    return stats;
}

}  // namespace postil

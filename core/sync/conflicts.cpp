#include "sync/conflicts.h"

#include "model/lineage.h"

namespace postil {

namespace {
Conflict conflictFor(Project& project, const QString& taskUid, const QString& annotator) {
    Conflict c;
    c.taskUid = taskUid;
    if (auto task = project.tasks().byUid(taskUid)) {
        c.taskId = task->id;
        c.taskDescription = Task::describe(task->id, task->uid, task->mediaPath());
    } else {
        c.taskDescription = QStringLiteral("task %1 (not in this project)").arg(taskUid);
    }
    if (auto live = project.annotations().get(taskUid, annotator))
        c.live = *live;
    c.kept = project.annotations().conflicts(taskUid, annotator);
    return c;
}
}  // namespace

Expected<QList<Conflict>> listConflicts(Project& project) {
    auto keys = project.database().prepare(QStringLiteral(
        "SELECT DISTINCT c.task_uid, c.annotator, coalesce(t.id, 0) AS id FROM "
        "annotation_conflicts c LEFT JOIN tasks t ON t.uid = c.task_uid ORDER BY id, "
        "c.task_uid, c.annotator"));
    if (!keys.ok())
        return Status::failure(keys.error());
    QList<std::pair<QString, QString>> found;
    while (keys->next())
        found.append({keys->text(0), keys->text(1)});
    if (!keys->status().ok())
        return Status::failure(keys->status().error());
    QList<Conflict> conflicts;
    for (const auto& [taskUid, annotator] : found)
        conflicts.append(conflictFor(project, taskUid, annotator));
    return conflicts;
}

QList<Conflict> conflictsOfTask(Project& project, const QString& taskUid) {
    QList<Conflict> conflicts;
    Statement keys = project.database().statement(QStringLiteral(
        "SELECT DISTINCT annotator FROM annotation_conflicts WHERE task_uid = ? ORDER BY 1"));
    keys.bind(1, taskUid);
    QStringList annotators;
    while (keys.next())
        annotators.append(keys.text(0));
    for (const QString& annotator : annotators)
        conflicts.append(conflictFor(project, taskUid, annotator));
    return conflicts;
}

Status takeVersion(Project& project, const QString& taskUid, const QString& annotator,
                   qint64 keptHlc, const QString& keptDevice) {
    const Conflict c = conflictFor(project, taskUid, annotator);
    const Annotation* chosen = nullptr;
    for (const Annotation& kept : c.kept)
        if (kept.hlc == keptHlc && kept.device == keptDevice)
            chosen = &kept;
    if (!chosen && c.live.hlc == keptHlc && c.live.device == keptDevice)
        chosen = &c.live;
    if (!chosen)
        return Status::failure(
            QStringLiteral("%1: no such version of %2's answer (it may have been settled "
                           "meanwhile)")
                .arg(c.taskDescription, annotator));
    Annotation write = *chosen;
    // Made with every version in view: it has seen them all.
    Lineage seen = Lineage::parse(c.live.lineage);
    for (const Annotation& kept : c.kept)
        seen = seen.joined(Lineage::ofRow(kept.lineage, kept.device, kept.hlc));
    write.lineage = seen.toString();
    return project.saveAnnotation(write);
}

}  // namespace postil

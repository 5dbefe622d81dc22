#pragma once

#include <QList>

#include "model/annotation.h"
#include "model/project.h"

namespace postil {

// One row whose annotator changed it on two devices apart: the version the
// merge rule made live and the versions kept beside it (docs/architecture.md
// §3). Nothing is dropped until someone takes one of them.
struct Conflict {
    qint64 taskId = 0;  // 0 when the project does not have the task
    QString taskUid;
    QString taskDescription;  // Task::describe()
    Annotation live;
    QList<Annotation> kept;
};

// Every conflict, by task id then annotator.
Expected<QList<Conflict>> listConflicts(Project& project);
// The conflicts of one task (for the studio's task view).
QList<Conflict> conflictsOfTask(Project& project, const QString& taskUid);

// Makes a kept version the live one: a new write, on this device, made with
// both versions in view, so it settles the conflict everywhere once merged.
// 'keptHlc'/'keptDevice' name the version; keeping the live one is taking it.
Status takeVersion(Project& project, const QString& taskUid, const QString& annotator,
                   qint64 keptHlc, const QString& keptDevice);

}  // namespace postil

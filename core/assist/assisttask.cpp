#include "assist/assisttask.h"

#include <QJsonDocument>
#include <QJsonObject>

#include "media/audioprobe.h"

namespace postil {

AssistTask AssistTask::make(Project& project, const Task& task) {
    AssistTask t;
    t.task = task;
    QJsonObject data = task.data;
    if (task.kind == TaskKind::Image || task.kind == TaskKind::Audio) {
        // The command runs in the project's folder, but a model may change
        // folders or hand the path to another program: absolute paths hold.
        const QString key =
            task.kind == TaskKind::Image ? QStringLiteral("image") : QStringLiteral("audio");
        const QString absolute = project.absoluteMediaPath(data.value(key).toString());
        data.insert(key, absolute);
        if (task.kind == TaskKind::Image) {
            if (auto size = project.tasks().mediaSize(task.mediaHash))
                t.imageSize = *size;
        } else if (auto probe = AudioProbe::probe(absolute); probe.ok()) {
            t.durationMs = probe->durationMs;
        }
    }
    if (task.kind == TaskKind::Text)
        t.textLength = data.value(QStringLiteral("text")).toString().toUcs4().size();
    const QJsonObject line{{QStringLiteral("id"), task.uid},
                           {QStringLiteral("kind"), toString(task.kind)},
                           {QStringLiteral("data"), data}};
    t.line = QJsonDocument(line).toJson(QJsonDocument::Compact);
    t.line.append('\n');
    return t;
}

QString AssistTask::describe() const {
    return Task::describe(task.id, task.uid, task.mediaPath());
}

}  // namespace postil

#include "model/taskkind.h"

namespace postil {

QString toString(TaskKind kind) {
    switch (kind) {
        case TaskKind::Image:
            return QStringLiteral("image");
        case TaskKind::Text:
            return QStringLiteral("text");
        case TaskKind::Audio:
            return QStringLiteral("audio");
        case TaskKind::Compare:
            return QStringLiteral("compare");
    }
    return QString();
}

std::optional<TaskKind> taskKindFromString(const QString& name) {
    for (TaskKind kind : {TaskKind::Image, TaskKind::Text, TaskKind::Audio, TaskKind::Compare})
        if (toString(kind) == name)
            return kind;
    return std::nullopt;
}

}  // namespace postil

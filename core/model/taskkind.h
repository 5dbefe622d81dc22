#pragma once

#include <QString>
#include <optional>

namespace postil {

enum class TaskKind { Image, Text, Audio, Compare };

QString toString(TaskKind kind);
std::optional<TaskKind> taskKindFromString(const QString& name);

}  // namespace postil

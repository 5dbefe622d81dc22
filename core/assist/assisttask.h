#pragma once

#include <QByteArray>
#include <QSize>

#include "model/project.h"
#include "model/task.h"

namespace postil {

// One task as a model sees it and as its answer is checked against.
struct AssistTask {
    Task task;
    // The line the command reads: {"id", "kind", "data"} as the generic JSONL
    // has them, media paths absolute, ending in '\n'.
    QByteArray line;
    QSize imageSize;         // image: the displayed size the import stored; invalid when unknown
    qint64 textLength = -1;  // text: code points of data.text
    qint64 durationMs = -1;  // audio: from the file's header; -1 when it cannot be read

    // Reads what the checks need: the image's size from the media table, the
    // audio's length from its header (no decoding).
    static AssistTask make(Project& project, const Task& task);
    // "task 12 (street.jpg)", for reports.
    QString describe() const;
};

}  // namespace postil

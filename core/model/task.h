#pragma once

#include <QJsonObject>
#include <QString>

#include "model/taskkind.h"

namespace postil {

// One unit of work. 'data' follows the generic JSONL: {"image": PATH},
// {"text": STR} (optionally with "query" for search relevance), {"audio": PATH},
// {"prompt": ..., "responses": [...]}. Media paths are relative to the project file.
struct Task {
    qint64 id = 0;  // local import order
    QString uid;    // shared identity across laptops
    TaskKind kind = TaskKind::Text;
    QJsonObject data;
    QString mediaHash;  // SHA-256 of the media bytes, empty for text and compare
    QString preview;    // one line for the task list

    // The media path in 'data' for image and audio tasks, else empty.
    QString mediaPath() const;
    static QString previewFor(TaskKind kind, const QJsonObject& data);
    // How messages name a task to a person: "task 12 (street.jpg)" with the
    // media's file name, "task 12 (msg-7)" with an id the user gave, never the
    // 64-digit hash that media tasks get as their uid.
    static QString describe(qint64 id, const QString& uid, const QString& mediaPath = QString());
};

}  // namespace postil

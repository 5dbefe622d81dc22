#include "model/task.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>

namespace postil {

namespace {
constexpr int kPreviewChars = 160;

QString contentText(const QJsonValue& value) {
    // STR or MESSAGES: show the last user message of a conversation.
    if (value.isString())
        return value.toString();
    QString text;
    for (const QJsonValue& message : value.toArray())
        if (message.toObject().value(QStringLiteral("role")).toString() != QLatin1String("system"))
            text = message.toObject().value(QStringLiteral("content")).toString();
    return text;
}

QString oneLine(QString text) {
    text = text.left(kPreviewChars * 2).simplified();
    return text.left(kPreviewChars);
}
}  // namespace

QString Task::describe(qint64 id, const QString& uid, const QString& mediaPath) {
    const QString task = QStringLiteral("task %1").arg(id);
    if (!mediaPath.isEmpty())
        return QStringLiteral("%1 (%2)").arg(task, QFileInfo(mediaPath).fileName());
    static const QRegularExpression hash(QStringLiteral("^[0-9a-f]{64}$"));
    if (uid.isEmpty() || hash.match(uid).hasMatch())
        return task;
    return QStringLiteral("%1 (%2)").arg(task, uid);
}

QString Task::mediaPath() const {
    if (kind == TaskKind::Image)
        return data.value(QStringLiteral("image")).toString();
    if (kind == TaskKind::Audio)
        return data.value(QStringLiteral("audio")).toString();
    return QString();
}

QString Task::previewFor(TaskKind kind, const QJsonObject& data) {
    switch (kind) {
        case TaskKind::Image:
            return data.value(QStringLiteral("image")).toString().section(QLatin1Char('/'), -1);
        case TaskKind::Audio:
            return data.value(QStringLiteral("audio")).toString().section(QLatin1Char('/'), -1);
        case TaskKind::Text: {
            const QString query = data.value(QStringLiteral("query")).toString();
            const QString text = data.value(QStringLiteral("text")).toString();
            return oneLine(query.isEmpty() ? text : query + QStringLiteral(" → ") + text);
        }
        case TaskKind::Compare:
            return oneLine(contentText(data.value(QStringLiteral("prompt"))));
    }
    return QString();
}

}  // namespace postil

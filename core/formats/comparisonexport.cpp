#include "formats/comparisonexport.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QStringList>

#include "formats/jsonwriter.h"
#include "model/annotation.h"
#include "model/comparison.h"
#include "model/hlc.h"
#include "model/project.h"

namespace postil::comparisonexport {

namespace {

QString roleTitle(const QString& role) {
    if (role.isEmpty())
        return role;
    return role.at(0).toUpper() + role.mid(1);
}

}  // namespace

bool hasOption(const ExportOptions& options, const char* name) {
    const QString value = options.formatOptions.value(QLatin1String(name));
    return !value.isEmpty() && value != QLatin1String("0") && value != QLatin1String("false");
}

Status forEachComparisonTask(Project& project, const ExportOptions& options, ExportReport& report,
                             const std::function<Status(const ComparisonTask&)>& visit) {
    Status statusOk = options.checkStatus();
    if (!statusOk.ok())
        return statusOk;
    Database& db = project.database();
    auto total = db.queryInt(QStringLiteral("SELECT count(*) FROM tasks WHERE kind = 'compare'"));
    if (!total.ok())
        return Status::failure(QStringLiteral("%1: %2").arg(project.path(), total.error()));
    if (*total == 0)
        report.warnings << QStringLiteral("the project has no comparison tasks");
    // Tombstones never leave; a task without a matching annotation still
    // comes through (with none), for formats that list every task.
    auto prepared = db.prepare(
        QStringLiteral(
            "SELECT t.id, t.uid, t.data, a.annotator, a.status, a.result, a.lead_ms, a.hlc, "
            "a.review_of FROM tasks t LEFT JOIN annotations a ON a.task_uid = t.uid AND "
            "a.deleted = 0 AND ") +
            options.rowsSql(1) + QStringLiteral(" AND ") +
        ExportOptions::statusSql(2) +
        QStringLiteral(" WHERE t.kind = 'compare' ORDER BY t.id, a.annotator"));
    if (!prepared.ok())
        return Status::failure(QStringLiteral("%1: %2").arg(project.path(), prepared.error()));
    Statement& rows = *prepared;
    rows.bind(1, options.annotator).bind(2, options.statusBinding());

    QElapsedTimer progressTimer;
    progressTimer.start();
    qint64 done = 0;
    ComparisonTask task;
    task.id = -1;
    auto finishTask = [&]() -> Status {
        if (task.id < 0)
            return Status::success();
        if (Status s = visit(task); !s.ok())
            return s;
        return options.taskDone(++done, *total, progressTimer);
    };
    while (rows.next()) {
        const qint64 id = rows.int64(0);
        if (id != task.id) {
            if (Status s = finishTask(); !s.ok())
                return s;
            task.id = id;
            task.uid = rows.text(1);
            task.data = QJsonDocument::fromJson(rows.utf8(2)).object();
            task.annotations.clear();
        }
        if (rows.isNull(3))
            continue;  // no annotation passes the filters (LEFT JOIN)
        AnnotationRow a;
        a.annotator = rows.text(3);
        a.status = rows.text(4);
        a.result = QJsonDocument::fromJson(rows.utf8(5)).object();
        a.leadMs = rows.int64(6);
        a.hlc = rows.int64(7);
        a.isReview = !rows.isNull(8);
        task.annotations.append(std::move(a));
    }
    if (!rows.status().ok())
        return Status::failure(QStringLiteral("%1: %2").arg(project.path(), rows.status().error()));
    return finishTask();
}

void appendString(QByteArray& out, const QString& text) {
    jsonwriter::appendString(out, text.toUtf8());
}

void appendJson(QByteArray& out, const QJsonValue& value) {
    switch (value.type()) {
        case QJsonValue::String:
            appendString(out, value.toString());
            return;
        case QJsonValue::Array:
            out.append(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
            return;
        case QJsonValue::Object:
            out.append(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
            return;
        default: {
            // Numbers, booleans and null as Qt writes them inside an array.
            const QByteArray wrapped =
                QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
            out.append(wrapped.constData() + 1, wrapped.size() - 2);
        }
    }
}

QJsonArray messagesOf(const QJsonValue& content, const QString& roleForText) {
    if (content.isArray())
        return content.toArray();
    return QJsonArray{QJsonObject{{QStringLiteral("role"), roleForText},
                                  {QStringLiteral("content"), content.toString()}}};
}

QString flatText(const QJsonValue& content) {
    if (!content.isArray())
        return content.toString();
    const QJsonArray messages = content.toArray();
    if (messages.size() == 1)
        return messages.first().toObject().value(QLatin1String("content")).toString();
    QStringList blocks;
    for (const QJsonValue& m : messages) {
        const QJsonObject message = m.toObject();
        blocks << roleTitle(message.value(QLatin1String("role")).toString()) +
                      QStringLiteral(": ") + message.value(QLatin1String("content")).toString();
    }
    return blocks.join(QLatin1String("\n\n"));
}

QString hhTranscript(const QJsonValue& content, bool isPrompt) {
    const QString human = QStringLiteral("\n\nHuman: ");
    const QString assistant = QStringLiteral("\n\nAssistant: ");
    if (!content.isArray())
        return (isPrompt ? human : assistant) + content.toString();
    QString text;
    bool started = false;
    QStringList leadingSystem;
    for (const QJsonValue& m : content.toArray()) {
        const QJsonObject message = m.toObject();
        const QString role = message.value(QLatin1String("role")).toString();
        const QString body = message.value(QLatin1String("content")).toString();
        if (role == QLatin1String("system") && !started && isPrompt) {
            leadingSystem << body;
            continue;
        }
        started = true;
        text += (role == QLatin1String("assistant") ? assistant : human) + body;
    }
    return leadingSystem.join(QLatin1String("\n\n")) + text;
}

QString isoTimeOfHlc(qint64 hlc) {
    return QDateTime::fromMSecsSinceEpoch(HybridClock::millis(hlc), Qt::UTC)
        .toString(Qt::ISODateWithMs);
}

QJsonValue displayOrderJson(const std::optional<QList<int>>& order) {
    if (!order)
        return QJsonValue(QJsonValue::Null);
    QJsonArray array;
    for (int response : *order)
        array.append(response);
    return array;
}

QJsonValue shownAsJson(const std::optional<QList<int>>& order) {
    if (!order)
        return QJsonValue(QJsonValue::Null);
    QJsonObject letters;
    for (int shown = 0; shown < order->size(); ++shown)
        letters.insert(comparison::letter(shown), order->at(shown));
    return letters;
}

QString letterOf(const std::optional<QList<int>>& order, int response) {
    const int shown = order ? int(order->indexOf(response)) : -1;
    return shown >= 0 ? comparison::letter(shown) : QString();
}

}  // namespace postil::comparisonexport

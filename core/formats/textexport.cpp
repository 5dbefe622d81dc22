#include "formats/textexport.h"

#include <QElapsedTimer>
#include <QJsonDocument>

#include "model/project.h"
#include "model/task.h"

namespace postil::textexport {

QString TextTask::describe() const {
    return Task::describe(id, uid);
}

QString TextTask::slice(qint64 start, qint64 end) const {
    const qsizetype from = offsets.toUtf16(start);
    const qsizetype to = offsets.toUtf16(end);
    if (from < 0 || to < from)
        return QString();
    return text.mid(from, to - from);
}

QJsonValue answerOf(const QJsonObject& result, const QString& name) {
    return result.value(QLatin1String("answers")).toObject().value(name);
}

Status forEachTextTask(Project& project, const ExportOptions& options, ExportReport& report,
                       detection::WarningTally& warnings,
                       const std::function<Status(const TextTask&)>& visit) {
    Status statusOk = options.checkStatus();
    if (!statusOk.ok())
        return statusOk;
    Database& db = project.database();
    auto total = db.queryInt(QStringLiteral("SELECT count(*) FROM tasks WHERE kind = 'text'"));
    if (!total.ok())
        return Status::failure(QStringLiteral("%1: %2").arg(project.path(), total.error()));
    if (*total == 0)
        report.warnings << QStringLiteral("the project has no text tasks");
    // Tombstones never leave; a task without a matching annotation still
    // comes through (with none): the format decides whether to list it.
    auto prepared = db.prepare(
        QStringLiteral("SELECT t.id, t.uid, t.data, a.annotator, a.status, a.result, a.lead_ms, "
                       "a.review_of FROM tasks t LEFT JOIN annotations a ON a.task_uid = t.uid AND "
                       "a.deleted = 0 AND (?1 = '' OR a.annotator = ?1) AND ") +
        ExportOptions::statusSql(2) +
        QStringLiteral(" WHERE t.kind = 'text' ORDER BY t.id, a.annotator"));
    if (!prepared.ok())
        return Status::failure(QStringLiteral("%1: %2").arg(project.path(), prepared.error()));
    Statement& rows = *prepared;
    rows.bind(1, options.annotator).bind(2, options.statusBinding());

    QElapsedTimer progressTimer;
    progressTimer.start();
    qint64 done = 0;
    TextTask task;
    task.id = -1;
    auto finishTask = [&]() -> Status {
        if (task.id < 0)
            return Status::success();
        if (Status s = visit(task); !s.ok())
            return s;
        return options.taskDone(++done, *total, progressTimer);
    };
    QStringList problems;
    while (rows.next()) {
        const qint64 id = rows.int64(0);
        if (id != task.id) {
            if (Status s = finishTask(); !s.ok())
                return s;
            task.id = id;
            task.uid = rows.text(1);
            task.data = QJsonDocument::fromJson(rows.utf8(2)).object();
            task.text = task.data.value(QLatin1String("text")).toString();
            task.offsets = TextOffsets(task.text);
            task.annotations.clear();
        }
        if (rows.isNull(3))
            continue;  // no annotation passes the filters (LEFT JOIN)
        TextAnnotationRow a;
        a.annotator = rows.text(3);
        a.status = rows.text(4);
        a.result = QJsonDocument::fromJson(rows.utf8(5)).object();
        a.leadMs = rows.int64(6);
        a.isReview = !rows.isNull(7);
        problems.clear();
        a.spans = spanresult::read(a.result, &problems, task.offsets.codePointCount());
        for (const QString& problem : std::as_const(problems))
            warnings.add(QStringLiteral("spans left out"),
                         QStringLiteral("%1, %2's annotation: %3; left out")
                             .arg(task.describe(), a.annotator, problem));
        task.annotations.append(std::move(a));
    }
    if (!rows.status().ok())
        return Status::failure(QStringLiteral("%1: %2").arg(project.path(), rows.status().error()));
    return finishTask();
}

}  // namespace postil::textexport

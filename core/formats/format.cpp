#include "formats/format.h"

#include <QFileInfo>

#include "model/annotation.h"

namespace postil {

namespace {

// Progress callbacks cost more than a record, and nobody reads faster.
constexpr qint64 kProgressIntervalMs = 200;

}  // namespace

Status cancelledStatus(const QString& what) {
    return Status::failure(QStringLiteral("%1 was cancelled").arg(what));
}

Status ExportOptions::taskDone(qint64 done, qint64 total, QElapsedTimer& timer) const {
    if (progress && (timer.elapsed() > kProgressIntervalMs || done == total)) {
        progress(done, total);
        timer.restart();
    }
    return isSet(cancel) ? cancelledStatus(QStringLiteral("the export")) : Status::success();
}

QStringList ExportOptions::statuses() const {
    const QString text = status.trimmed();
    if (text.isEmpty())
        return {toString(AnnotationStatus::Submitted)};
    if (text == QLatin1String("all"))
        return {};
    QStringList list;
    for (const QString& word : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        list << word.trimmed();
    return list;
}

bool ExportOptions::takesStatus(const QString& rowStatus) const {
    const QStringList taken = statuses();
    return taken.isEmpty() || taken.contains(rowStatus);
}

Status ExportOptions::checkStatus() const {
    for (const QString& word : statuses())
        if (!annotationStatusFromString(word))
            return Status::failure(
                QStringLiteral("unknown status '%1' (draft, submitted, skipped or all)").arg(word));
    return Status::success();
}

QString ExportOptions::statusSql(int param) {
    return QStringLiteral("(?%1 = '' OR instr(?%1, ',' || a.status || ',') > 0)").arg(param);
}

QString ExportOptions::rowsSql(int annotatorParam, bool keepEveryReview) const {
    QString sql = QStringLiteral("(?%1 = '' OR a.annotator = ?%1)").arg(annotatorParam);
    if (!keepEveryReview)
        sql += QStringLiteral(
            " AND (a.review_of IS NULL OR a.review_outcome IN ('accepted', 'fixed'))");
    if (preferReviewed)
        sql += QStringLiteral(
            " AND (a.review_of IS NOT NULL OR NOT EXISTS (SELECT 1 FROM annotations r WHERE "
            "r.task_uid = a.task_uid AND r.deleted = 0 AND r.review_of IS NOT NULL AND "
            "r.review_outcome IN ('accepted', 'fixed')))");
    return sql;
}

QString ExportOptions::statusBinding() const {
    const QStringList taken = statuses();
    return taken.isEmpty() ? QString()
                           : QLatin1Char(',') + taken.join(QLatin1Char(',')) + QLatin1Char(',');
}

bool Format::probe(const QString& path) const {
    const QString suffix = QFileInfo(path).suffix().toLower();
    return !suffix.isEmpty() && extensions().contains(suffix);
}

Status Format::read(const QString&, ImportSession&) {
    return Status::failure(QStringLiteral("format '%1' cannot be read").arg(name()));
}

Status Format::write(Project&, const QString&, const ExportOptions&, ExportReport&) {
    return Status::failure(QStringLiteral("format '%1' cannot be written").arg(name()));
}

bool Format::fits(const QList<TaskKind>& taskKinds) const {
    const QList<TaskKind> carried = kinds();
    if (carried.isEmpty())
        return true;
    for (TaskKind kind : taskKinds)
        if (carried.contains(kind))
            return true;
    return false;
}

QString Format::fileFilter() const {
    QStringList patterns;
    for (const QString& ext : extensions())
        patterns << QStringLiteral("*.") + ext;
    return QStringLiteral("%1 (%2)").arg(description(), patterns.join(QLatin1Char(' ')));
}

}  // namespace postil

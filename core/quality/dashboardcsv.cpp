#include "quality/dashboardcsv.h"

#include <QDateTime>

namespace postil::quality::dashboardcsv {

namespace {

QByteArray number(const std::optional<double>& value) {
    return value ? QByteArray::number(*value, 'g', 17) : QByteArray();
}

QByteArray line(const QList<QByteArray>& fields) {
    QByteArray out;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            out += ',';
        out += fields.at(i);
    }
    return out + "\r\n";
}

}  // namespace

QByteArray field(const QString& text) {
    QByteArray bytes = text.toUtf8();
    if (!bytes.contains(',') && !bytes.contains('"') && !bytes.contains('\n') &&
        !bytes.contains('\r'))
        return bytes;
    bytes.replace("\"", "\"\"");
    return '"' + bytes + '"';
}

QByteArray agreement(const QList<AgreementMatrix>& matrices) {
    QByteArray out = line({"measure", "figure", "a", "b", "value", "items", "undefined"});
    for (const AgreementMatrix& m : matrices)
        for (qsizetype r = 0; r < m.annotators.size(); ++r)
            for (qsizetype c = r + 1; c < m.annotators.size(); ++c) {
                const MatrixCell& cell = m.cell(r, c);
                if (!cell.hasPair)
                    continue;
                out += line({field(m.key), field(m.figure), field(m.annotators.at(r)),
                             field(m.annotators.at(c)), number(cell.value),
                             QByteArray::number(cell.items), field(cell.reason)});
            }
    return out;
}

QByteArray gold(const QList<GoldRow>& rows) {
    QByteArray out =
        line({"annotator", "gold_tasks", "answers_compared", "answer_accuracy", "box_f1", "span_f1",
              "boundary_f1", "word_error_rate", "verdict_accuracy"});
    for (const GoldRow& r : rows)
        out += line({field(r.annotator), QByteArray::number(r.tasks),
                     QByteArray::number(r.answerItems), number(r.answers), number(r.boxesF1),
                     number(r.spansF1), number(r.boundariesF1), number(r.wordErrorRate),
                     number(r.verdicts)});
    return out;
}

QByteArray taskTimes(const QList<TaskTime>& slowest, const QList<TaskTime>& fastest) {
    QByteArray out = line({"list", "task", "annotator", "active_seconds", "preview"});
    for (const auto& [name, list] :
         {std::pair{QByteArray("slowest"), &slowest}, std::pair{QByteArray("fastest"), &fastest}})
        for (const TaskTime& t : *list)
            out +=
                line({name, QByteArray::number(t.taskId), field(t.annotator),
                      QByteArray::number(double(t.activeMs) / 1000.0, 'g', 17), field(t.preview)});
    return out;
}

QByteArray labels(const QList<LabelDistribution>& labels, const QStringList& annotators) {
    QList<QByteArray> head{"group", "value"};
    for (const QString& a : annotators)
        head << field(a);
    QByteArray out = line(head);
    for (const LabelDistribution& d : labels)
        for (qsizetype v = 0; v < d.values.size(); ++v) {
            QList<QByteArray> row{field(d.group), field(d.values.at(v))};
            for (const QString& a : annotators)
                row << QByteArray::number(d.counts.value(a).value(v));
            out += line(row);
        }
    return out;
}

QByteArray progress(const QMap<QString, QList<qint64>>& answeredAt, qint64 bucketMs) {
    QByteArray out = line({"annotator", "time_utc", "answers_done"});
    for (auto it = answeredAt.begin(); it != answeredAt.end(); ++it)
        for (const ProgressPoint& p : cumulativeProgress(it.value(), bucketMs))
            out += line(
                {field(it.key()),
                 QDateTime::fromMSecsSinceEpoch(p.atMs, Qt::UTC).toString(Qt::ISODate).toUtf8(),
                 QByteArray::number(p.done)});
    return out;
}

}  // namespace postil::quality::dashboardcsv

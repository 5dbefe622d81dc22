#pragma once

#include <QByteArray>

#include "quality/dashboarddata.h"

// The quality dashboard's tables as CSV (RFC 4180: comma-separated, fields
// with a comma, quote or line break quoted, quotes doubled, CRLF line ends),
// UTF-8. A figure that is not defined is an empty field. Numbers are written
// with 17 significant digits at most, so they read back as the report's.
namespace postil::quality::dashboardcsv {

// Every matrix as rows: measure, figure, a, b, value, items, why undefined
// (each pair once, a before b).
QByteArray agreement(const QList<AgreementMatrix>& matrices);
// annotator, gold tasks, answers compared, answer accuracy, box F1, span F1,
// boundary F1, WER, verdict accuracy.
QByteArray gold(const QList<GoldRow>& rows);
// list (slowest/fastest), task id, annotator, active seconds, preview.
QByteArray taskTimes(const QList<TaskTime>& slowest, const QList<TaskTime>& fastest);
// group, value, then one count column per annotator.
QByteArray labels(const QList<LabelDistribution>& labels, const QStringList& annotators);
// annotator, time (UTC, ISO 8601), answers done by then.
QByteArray progress(const QMap<QString, QList<qint64>>& answeredAt, qint64 bucketMs);

// One field as CSV writes it.
QByteArray field(const QString& text);

}  // namespace postil::quality::dashboardcsv

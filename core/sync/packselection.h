#pragma once

#include <QList>
#include <QString>

#include "model/project.h"

namespace postil {

// Which tasks a hand-out carries: a comma-separated filter of words, each
//   a status   all, unannotated (no person's row), unfinished (no person
//              submitted or skipped it), submitted, draft, skipped,
//              returned (a review sent it back: review_outcome 'returned')
//   a kind     image, text, audio, compare
//   ids        12 or 1-500 (local task ids)
//   @FILE      a file of task ids or uids, one a line
// Words of one sort widen the choice (OR), of different sorts narrow it
// (AND). Empty: every task. Rows of "model:" annotators are not a person's.
Expected<QList<qint64>> selectTasks(Project& project, const QString& filter);

// N shares of the ids in order, as equal as can be, in runs of consecutive
// tasks. With overlapPercent, that share of the tasks (every k-th) also goes
// to the next annotator, so two people answer it (for agreement).
QList<QList<qint64>> splitShares(const QList<qint64>& ids, int shares, int overlapPercent);

}  // namespace postil

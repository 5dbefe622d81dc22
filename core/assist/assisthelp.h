#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include "model/annotation.h"
#include "model/task.h"

namespace postil {

class Project;

// How much a model's proposals helped a person (docs/architecture.md §4 and
// §15): kept in the person's result under "assist",
//   {"from": "model:NAME", "at": RUN, "dismissed": [INDEX, ...],
//    "accepted": N, "edited": N, "rejected": N, "added": N}
// "dismissed" are the proposals (indexes into the model row's boxes, spans or
// segments of the run stamped "at") the person rejected one by one, which the
// editors hide; the counts are set when the task is submitted, by matching
// the submitted parts against the model's:
// - accepted: a part equal to a proposal (label, geometry or offsets or
//   times, attributes; a segment's speaker and text too);
// - edited: a part that is none of those but overlaps a proposal left by
//   half or more (intersection over union), label or text changed or not;
// - added: a part that matches no proposal: drawn or marked by hand;
// - rejected: a proposal that no part took, dismissed or left.
namespace assisthelp {

struct Counts {
    qint64 accepted = 0;
    qint64 edited = 0;
    qint64 rejected = 0;
    qint64 added = 0;
    bool operator==(const Counts&) const = default;
};

// The parts of 'own' against the parts of 'proposed' (the model's result),
// for a task of 'kind'; all zero for comparisons.
Counts measure(TaskKind kind, const QJsonObject& proposed, const QJsonObject& own);

// The model row whose proposals a person works from: the one 'own' names
// in assist.from when the task has it, else the first model row (by name)
// that holds parts of the task's kind. Null when none.
std::optional<Annotation> modelRow(const QList<Annotation>& rows, TaskKind kind,
                                   const QJsonObject& own);

// The proposals of 'model' this person dismissed (valid for its run only).
QList<int> dismissed(const QJsonObject& own, const Annotation& model);
// 'own' with 'index' of the model's list dismissed.
QJsonObject withDismissed(const QJsonObject& own, const Annotation& model, int index);

// 'own' with its "assist" counts set against the task's model row, read
// from 'project'; unchanged when the task has no model row with parts.
QJsonObject recordHelp(Project& project, const Task& task, const QJsonObject& own);

}  // namespace assisthelp
}  // namespace postil

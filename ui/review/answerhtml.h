#pragma once

#include <QList>
#include <QString>

#include "model/annotation.h"
#include "model/schema.h"
#include "model/task.h"

namespace postil {

// Every annotator's answer to one task as HTML, side by side in the way
// that fits the kind (docs/architecture.md "Review"): spans in one lane per
// annotator over the task text, transcripts as a word diff against the
// first annotator's, comparison verdicts and rubric scores in a table, and
// the questions' answers in a table for every kind. Boxes are drawn by
// BoxesOverlay, not here.
QString answersHtml(const Task& task, const Schema& schema, const QList<Annotation>& answers);

}  // namespace postil

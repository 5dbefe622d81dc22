#pragma once

#include <QJsonObject>

#include "assist/assisttask.h"
#include "model/schema.h"
#include "store/status.h"

namespace postil {

// What a model answered for one task, checked against the project before
// anything is stored (docs/assist.md "What is checked"). A model is code the
// user runs, not a file a person checked: an answer that breaks the schema
// (a label the project lacks, a box outside the image, a span past the end
// of the text, a segment past the end of the audio, a key that is no part of
// the task's kind) is refused whole, never clamped or cut to fit, so a typo
// in a script shows on its first task instead of as quietly wrong drafts.
namespace assistresult {

// The result to store as the model's draft: the kind's parts written through
// their codec (§4: boxes rounded to 0.01 px), with each item's "score" (0 to
// 1) kept; or why the answer is refused, naming the first problem
// ("boxes[2]: label 'dog' is not one of the project's image labels").
Expected<QJsonObject> check(const QJsonObject& answer, const Schema& schema,
                            const AssistTask& task);

}  // namespace assistresult
}  // namespace postil

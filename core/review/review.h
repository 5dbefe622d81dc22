#pragma once

#include <QJsonObject>
#include <QList>
#include <optional>

#include "model/annotation.h"
#include "model/project.h"

namespace postil {

// The lead's review of a task (docs/architecture.md "Review"): a row of its
// own, under the annotator "review:LEAD", with review_of naming the answer
// it is about and review_outcome saying what the lead made of it.
//   accepted  the answer as it is is the task's answer (result copied)
//   fixed     the lead's edit of it is (result edited)
//   rejected  no answer is right; the note says why
//   returned  the task goes back to its annotator in the next pack
//             (pack-out --tasks returned)
// Exports take accepted and fixed reviews as answers (before any other row
// with --prefer reviewed); rejected and returned ones are never exported as answers.
enum class ReviewOutcome { Accepted, Fixed, Rejected, Returned };
QString toString(ReviewOutcome outcome);
std::optional<ReviewOutcome> reviewOutcomeFromString(const QString& name);

// The annotator name a lead's reviews are stored under.
QString reviewerName(const QString& lead);
bool isReviewerName(const QString& annotator);

// Every person's live answer to a task (reviews and model rows aside, by
// annotator name) and the reviews of it.
struct TaskAnswers {
    QList<Annotation> answers;
    QList<Annotation> reviews;
    // The answers differ (two or more, results not all equal, time on task aside).
    bool disagree() const;
};
TaskAnswers answersOf(Project& project, const QString& taskUid);

// Writes the project's annotator's review of 'answer' (an answer of
// answersOf) with 'outcome'. 'result' is what the task's answer becomes for
// accepted (the answer's own) and fixed (the edit); 'note' is kept in the
// result as "review_note". One review per task and reviewer: a new one
// replaces the last.
Status writeReview(Project& project, const Annotation& answer, ReviewOutcome outcome,
                   const QJsonObject& result, const QString& note);

}  // namespace postil

#include "review/review.h"

#include "model/ids.h"

namespace postil {

QString toString(ReviewOutcome outcome) {
    switch (outcome) {
        case ReviewOutcome::Accepted:
            return QStringLiteral("accepted");
        case ReviewOutcome::Fixed:
            return QStringLiteral("fixed");
        case ReviewOutcome::Rejected:
            return QStringLiteral("rejected");
        case ReviewOutcome::Returned:
            return QStringLiteral("returned");
    }
    return QString();
}

std::optional<ReviewOutcome> reviewOutcomeFromString(const QString& name) {
    for (ReviewOutcome o : {ReviewOutcome::Accepted, ReviewOutcome::Fixed,
                            ReviewOutcome::Rejected, ReviewOutcome::Returned})
        if (toString(o) == name)
            return o;
    return std::nullopt;
}

QString reviewerName(const QString& lead) {
    return QStringLiteral("review:") + lead;
}

bool isReviewerName(const QString& annotator) {
    return annotator.startsWith(QLatin1String("review:"));
}

bool TaskAnswers::disagree() const {
    if (answers.size() < 2)
        return false;
    auto comparable = [](QJsonObject result) {
        result.remove(QStringLiteral("active_ms"));
        return canonicalJson(result);
    };
    const QByteArray first = comparable(answers.first().result);
    for (const Annotation& a : answers)
        if (comparable(a.result) != first)
            return true;
    return false;
}

TaskAnswers answersOf(Project& project, const QString& taskUid) {
    TaskAnswers out;
    Statement rows = project.database().statement(
        QStringLiteral("SELECT %1 FROM annotations WHERE task_uid = ? AND deleted = 0 ORDER BY "
                       "annotator")
            .arg(AnnotationStore::columns()));
    rows.bind(1, taskUid);
    while (rows.next()) {
        Annotation a = AnnotationStore::readRow(rows);
        if (!a.reviewOf.isEmpty())
            out.reviews.append(std::move(a));
        else if (!a.annotator.startsWith(QLatin1String("model:")) && !isReviewerName(a.annotator))
            out.answers.append(std::move(a));
    }
    return out;
}

Status writeReview(Project& project, const Annotation& answer, ReviewOutcome outcome,
                   const QJsonObject& result, const QString& note) {
    Annotation review;
    review.taskUid = answer.taskUid;
    review.annotator = reviewerName(project.annotator());
    if (auto stored = project.annotations().get(review.taskUid, review.annotator))
        review = *stored;  // a new version of the lead's review
    review.reviewOf = answer.uid;
    review.reviewOutcome = toString(outcome);
    review.status = AnnotationStatus::Submitted;
    review.deleted = false;
    review.result = outcome == ReviewOutcome::Accepted ? answer.result
                    : outcome == ReviewOutcome::Fixed  ? result
                                                       : QJsonObject();
    review.result.remove(QStringLiteral("active_ms"));
    if (!note.trimmed().isEmpty())
        review.result.insert(QStringLiteral("review_note"), note.trimmed());
    return project.saveAnnotation(review);
}

}  // namespace postil

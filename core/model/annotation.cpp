#include "model/annotation.h"

#include "model/ids.h"

namespace postil {

QString toString(AnnotationStatus status) {
    switch (status) {
        case AnnotationStatus::Draft:
            return QStringLiteral("draft");
        case AnnotationStatus::Submitted:
            return QStringLiteral("submitted");
        case AnnotationStatus::Skipped:
            return QStringLiteral("skipped");
    }
    return QString();
}

std::optional<AnnotationStatus> annotationStatusFromString(const QString& name) {
    for (auto status :
         {AnnotationStatus::Draft, AnnotationStatus::Submitted, AnnotationStatus::Skipped})
        if (toString(status) == name)
            return status;
    return std::nullopt;
}

QByteArray Annotation::payloadForHash() const {
    QJsonObject payload{{QStringLiteral("status"), toString(status)},
                        {QStringLiteral("skip_reason"), skipReason},
                        {QStringLiteral("review_of"), reviewOf},
                        {QStringLiteral("review_outcome"), reviewOutcome},
                        {QStringLiteral("result"), result},
                        {QStringLiteral("lead_ms"), leadMs},
                        {QStringLiteral("deleted"), deleted}};
    return canonicalJson(payload);
}

}  // namespace postil

#pragma once

#include <QJsonObject>
#include <QString>
#include <optional>

namespace postil {

enum class AnnotationStatus { Draft, Submitted, Skipped };

QString toString(AnnotationStatus status);
std::optional<AnnotationStatus> annotationStatusFromString(const QString& name);

// One annotator's work on one task. Only its author writes it; a reviewer's
// adjudication is a row of its own with reviewOf set.
struct Annotation {
    QString taskUid;
    QString annotator;
    QString uid;  // uuid, for review rows to point at
    AnnotationStatus status = AnnotationStatus::Draft;
    QString skipReason;
    QString reviewOf;
    QString reviewOutcome;
    QJsonObject result;    // the parts of the task's kind (docs/architecture.md §4)
    qint64 leadMs = 0;     // time spent on the task
    qint64 hlc = 0;        // hybrid logical clock stamp of the last write
    QString device;        // the device that wrote it
    bool deleted = false;  // tombstone
    // The version vector of this version (model/lineage.h); empty for a row
    // not yet stored or stored before lineages.
    QString lineage;

    // The payload the merge rule hashes to break ties.
    QByteArray payloadForHash() const;
};

}  // namespace postil

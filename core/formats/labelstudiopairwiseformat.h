#pragma once

#include "formats/format.h"

namespace postil {

// Label Studio tasks for the Pairwise template: a JSON array of
// {"id", "data": {"prompt", "answer1", "answer2"}, "meta", "annotations": [
// {"completed_by", "lead_time" (seconds), "was_cancelled", "result": [pairwise
// {"selected": "left"|"right"}, critique textarea]}]}. answer1 is canonical
// response 0 (left). Label Studio's Pairwise has no tie and no both-bad: such
// annotations keep their critique but carry no pairwise result, and a warning
// counts them. Comparisons of more than two responses are left out (counted).
// Message lists are flattened to "Role: content" text. Every comparison task
// is listed; annotations only submitted ones unless a status is asked for.
class LabelStudioPairwiseFormat : public Format {
public:
    QString name() const override { return QStringLiteral("labelstudio-pairwise"); }
    QString description() const override {
        return QStringLiteral("Label Studio pairwise tasks (JSON)");
    }
    QStringList extensions() const override { return {QStringLiteral("json")}; }
    QList<TaskKind> kinds() const override { return {TaskKind::Compare}; }
    bool canWrite() const override { return true; }

    Status write(Project& project, const QString& path, const ExportOptions& options,
                 ExportReport& report) override;
};

}  // namespace postil

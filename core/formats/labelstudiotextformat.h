#pragma once

#include "formats/format.h"

namespace postil {

// Label Studio's JSON for text tasks: an array of {"id", "data": {"text"},
// "meta": {"uid"}, "annotations": [{"id", "completed_by", "was_cancelled",
// "lead_time", "result": [...]}]}, every text task listed. Results:
//   span      {"id", "from_name": "label", "to_name": "text", "type": "labels",
//              "value": {"start", "end", "text", "labels": [LABEL]}}
//   attribute per region (same "id"): "choices" with [VALUE] ("true" for a flag)
//   note      per region: "textarea" from "note", value.text [NOTE]
//   relation  {"type": "relation", "from_id", "to_id", "direction", "labels"}
//   answers   "choices" (single, multi, flag as ["true"]), "rating", "textarea"
//             from the question's name
// Offsets are code points, as Label Studio's <Text> counts them (a \r\n is
// two); value.text is what they cover.
//
// Import reads a Label Studio export of text tasks (data.text, or the one
// string in data): per task the first annotation not cancelled, else the first
// prediction, with the results above; a region whose value.text is not what
// its offsets cover is a bad record naming the task. More annotations of one
// task are reported, not merged.
class LabelStudioTextFormat : public Format {
public:
    QString name() const override { return QStringLiteral("labelstudio"); }
    QString description() const override {
        return QStringLiteral("Label Studio text tasks with spans and choices (JSON)");
    }
    QStringList extensions() const override { return {QStringLiteral("json")}; }
    QList<TaskKind> kinds() const override { return {TaskKind::Text}; }
    bool canRead() const override { return true; }
    bool canWrite() const override { return true; }
    // A .json array whose first task has "data" with "text".
    bool probe(const QString& path) const override;

    Status read(const QString& path, ImportSession& session) override;
    Status write(Project& project, const QString& path, const ExportOptions& options,
                 ExportReport& report) override;
};

}  // namespace postil

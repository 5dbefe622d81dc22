#pragma once

#include "formats/format.h"

namespace postil {

// Label Studio's JSON export, both ways, for every kind of task
// (docs/architecture.md §7, "Label Studio"): a JSON array of tasks
// {"id", "data", "meta": {"uid"}, "annotations", "drafts", "predictions"}.
//   image    data.image; "rectanglelabels" in percent of the image
//   text     data.text; "labels" with value.start/end in code points and
//            value.text, per-region attributes and "note", relations
//   audio    data.audio; a region per segment: "labels" (the speaker) with
//            value.start/end in seconds, and a per-region "textarea"
//            ("transcription") with its text
//   compare  data.prompt, answer1..answerN (canonical order); "pairwise"
//            (left is answer1) and "preference" choices (the 7-point verdict,
//            -3..3), both_bad, ranking, critique, rewrite (textareas), rubric
//            ratings "DIMENSION_answerN", flags as "labels" in answerN
//   answers  "choices", "rating", "textarea" named after the question
// Every annotator's row is an annotation under its name (completed_by: an
// e-mail; NAME@postil.invalid for a name without '@'), drafts are "drafts",
// model:NAME rows are predictions (model_version NAME). Export writes the
// matching labeling config beside the JSON: OUT.xml for OUT.json.
//
// Import reads the same from Label Studio's JSON export (not JSON-MIN, which
// it refuses, naming it): media beside the file, every annotation under its
// annotator, predictions as model:NAME drafts.
class LabelStudioFormat : public Format {
public:
    QString name() const override { return QStringLiteral("labelstudio"); }
    QString description() const override {
        return QStringLiteral(
            "Label Studio JSON tasks of every kind, each annotator's answers and predictions; "
            "the export writes the labeling config beside it (OUT.xml)");
    }
    QStringList extensions() const override { return {QStringLiteral("json")}; }
    bool canRead() const override { return true; }
    bool canWrite() const override { return true; }
    // A .json array whose first task has "data" (or a JSON-MIN export, to refuse it by name).
    bool probe(const QString& path) const override;

    Status read(const QString& path, ImportSession& session) override;
    Status write(Project& project, const QString& path, const ExportOptions& options,
                 ExportReport& report) override;

    // Where the export puts the labeling config: OUT.xml beside OUT.json
    // (any other name gets ".xml" added).
    static QString configPath(const QString& jsonPath);
};

}  // namespace postil

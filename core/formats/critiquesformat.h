#pragma once

#include "formats/format.h"

namespace postil {

// The written judgement of comparison annotations, one JSON line per
// annotation: task, annotator, status, display_order and shown_as (the
// letters the critique's "A" and "B" stand for; null when not stored),
// critique, rewrite, flags (each with response, response_id, letter, start,
// end in code points of that response's text, label, comment and the flagged
// text) and active_ms (the result's, else the
// annotation's lead time). Only submitted annotations unless a status is
// asked for.
class CritiquesFormat : public Format {
public:
    QString name() const override { return QStringLiteral("critiques"); }
    QString description() const override {
        return QStringLiteral("Critiques, rewrites and flagged spans (JSONL)");
    }
    QStringList extensions() const override { return {QStringLiteral("jsonl")}; }
    QList<TaskKind> kinds() const override { return {TaskKind::Compare}; }
    bool canWrite() const override { return true; }

    Status write(Project& project, const QString& path, const ExportOptions& options,
                 ExportReport& report) override;
};

}  // namespace postil

#pragma once

#include "formats/format.h"

namespace postil {

// The generic JSONL of DESIGN.md §4: one task a line,
// {"id": ..., "data": {...}, "annotations": [...]}. Reads and writes; an export
// imported into a fresh project exports to the same bytes.
class JsonlFormat : public Format {
public:
    QString name() const override { return QStringLiteral("jsonl"); }
    QString description() const override { return QStringLiteral("JSON Lines"); }
    QStringList extensions() const override {
        return {QStringLiteral("jsonl"), QStringLiteral("ndjson")};
    }
    bool canRead() const override { return true; }
    bool canWrite() const override { return true; }

    Status read(const QString& path, ImportSession& session) override;
    Status write(Project& project, const QString& path, const ExportOptions& options,
                 ExportReport& report) override;
};

}  // namespace postil

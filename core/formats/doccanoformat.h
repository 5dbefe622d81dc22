#pragma once

#include "formats/format.h"

namespace postil {

// doccano's sequence-labelling JSON Lines: one line per annotation,
// {"id", "text", "label": [[start, end, "LABEL"], ...], META...}, or with the
// format option "relations" (--relations) the relation variant:
// {"id", "text", "entities": [{"id", "label", "start_offset", "end_offset"}],
// "relations": [{"id", "from_id", "to_id", "type"}]}. Offsets are UTF-16
// code units, as doccano counts them in the browser (doccano #2290): they
// differ from the project's code points after every character beyond U+FFFF.
// The keys of data.meta go beside "text", where doccano puts a line's other
// columns.
//
// Import reads both variants ("entities" as objects or as triples) and takes
// any other key as meta. An offset inside a character (between the two units
// of one beyond U+FFFF) is a bad record: the file counts in another unit.
class DoccanoFormat : public Format {
public:
    QString name() const override { return QStringLiteral("doccano"); }
    QString description() const override {
        return QStringLiteral("doccano sequence labelling (JSONL, UTF-16 offsets)");
    }
    QStringList extensions() const override { return {QStringLiteral("jsonl")}; }
    QList<TaskKind> kinds() const override { return {TaskKind::Text}; }
    bool canRead() const override { return true; }
    bool canWrite() const override { return true; }
    // A .jsonl whose first record has "text" and "label" as a list of
    // [start, end, label] or "entities", no "data".
    bool probe(const QString& path) const override;

    Status read(const QString& path, ImportSession& session) override;
    Status write(Project& project, const QString& path, const ExportOptions& options,
                 ExportReport& report) override;

    static constexpr const char* kRelationsOption = "relations";
};

}  // namespace postil

#pragma once

#include "formats/format.h"

namespace postil {

// Text tasks from a table: .csv (commas) or .tsv (tabs), RFC 4180 quoting, a
// header row. Format options: "text-column" (default "text") and "id-column"
// (optional). A "query" column becomes data.query; every other column goes
// into data.meta.
class CsvFormat : public Format {
public:
    QString name() const override { return QStringLiteral("csv"); }
    QString description() const override { return QStringLiteral("Comma- or tab-separated text"); }
    QStringList extensions() const override {
        return {QStringLiteral("csv"), QStringLiteral("tsv")};
    }
    QList<TaskKind> kinds() const override { return {TaskKind::Text}; }
    bool canRead() const override { return true; }

    Status read(const QString& path, ImportSession& session) override;
};

}  // namespace postil

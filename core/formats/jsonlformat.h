#pragma once

#include <QByteArrayView>
#include <QDir>
#include <functional>

#include "formats/format.h"

namespace postil {

// A line of only spaces, tabs and a carriage return: JSONL readers skip it.
bool isBlankLine(QByteArrayView line);

// The reading loop every JSONL import shares: each non-blank line of 'path'
// (without its CRLF's '\r') goes to 'readOne' with the file's folder and
// "path:line" for messages, in order, with progress to the session; stops at
// the first failure. A read error names the file and line.
Status readJsonLines(const QString& path, ImportSession& session,
                     const std::function<Status(QByteArrayView line, const QDir& baseDir,
                                                const QString& where)>& readOne);

// The generic JSONL of docs/architecture.md §4: one task a line,
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

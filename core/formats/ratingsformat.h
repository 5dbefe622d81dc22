#pragma once

#include "formats/format.h"

namespace postil {

// Rubric scores of comparison annotations, one row per task × response ×
// dimension: task, annotator, response (canonical index), response_id, model,
// dimension, score, status, time (ISO-8601 UTC of the annotation's last write),
// letter (the response as the annotator saw it; empty when not stored).
// Dimensions in the schema's order, then any others by name; unscored cells
// are left out. Only submitted annotations unless a status is asked for.
class RatingsJsonlFormat : public Format {
public:
    QString name() const override { return QStringLiteral("ratings-jsonl"); }
    QString description() const override {
        return QStringLiteral("Rubric ratings, one JSON line per response and dimension");
    }
    QStringList extensions() const override { return {QStringLiteral("jsonl")}; }
    QList<TaskKind> kinds() const override { return {TaskKind::Compare}; }
    bool canWrite() const override { return true; }

    Status write(Project& project, const QString& path, const ExportOptions& options,
                 ExportReport& report) override;
};

// The same rows as CSV with a header row, RFC 4180 quoting and CRLF line ends.
class RatingsCsvFormat : public Format {
public:
    QString name() const override { return QStringLiteral("ratings-csv"); }
    QString description() const override {
        return QStringLiteral("Rubric ratings, one CSV row per response and dimension");
    }
    QStringList extensions() const override { return {QStringLiteral("csv")}; }
    QList<TaskKind> kinds() const override { return {TaskKind::Compare}; }
    bool canWrite() const override { return true; }

    Status write(Project& project, const QString& path, const ExportOptions& options,
                 ExportReport& report) override;
};

}  // namespace postil

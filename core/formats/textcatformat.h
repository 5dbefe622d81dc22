#pragma once

#include "formats/format.h"

namespace postil {

struct Question;
class Schema;

// Text classification: the answer to one single- or multi-choice question of
// text tasks, beside the text. The question is the format option "question"
// (--question NAME), else the schema's first single or multi question for
// text tasks; on import without one, a question "label" (single) or "labels"
// (multi) is added to the schema.
//
// textcat:     JSON Lines, {"id", "text", "label": "A"} for a single-choice
//              question, {"id", "text", "labels": ["A", "B"]} for a multi one,
//              with "annotator" on export; one line per annotation with an answer.
// textcat-csv: a header "text,label" and one row per annotation with an
//              answer; a multi-choice answer's options joined by '|'. An "id"
//              column is read when there is one (and never written).
namespace textcat {

constexpr const char* kQuestionOption = "question";
// The question the options name (or the default above); nullptr with 'error'
// set when there is none. 'forImport' allows none (the import adds one).
const Question* questionFor(const Schema& schema, const QString& named, bool forImport,
                            QString& error);

}  // namespace textcat

class TextcatJsonlFormat : public Format {
public:
    QString name() const override { return QStringLiteral("textcat"); }
    QString description() const override {
        return QStringLiteral("Text classification (JSONL: text, label or labels)");
    }
    QStringList extensions() const override { return {QStringLiteral("jsonl")}; }
    QList<TaskKind> kinds() const override { return {TaskKind::Text}; }
    bool canRead() const override { return true; }
    bool canWrite() const override { return true; }
    // A .jsonl whose first record has "text" and "label" (a string) or
    // "labels" (a list of strings), and no "data" or "spans".
    bool probe(const QString& path) const override;

    Status read(const QString& path, ImportSession& session) override;
    Status write(Project& project, const QString& path, const ExportOptions& options,
                 ExportReport& report) override;
};

class TextcatCsvFormat : public Format {
public:
    QString name() const override { return QStringLiteral("textcat-csv"); }
    QString description() const override {
        return QStringLiteral("Text classification (CSV: text,label)");
    }
    QStringList extensions() const override { return {QStringLiteral("csv")}; }
    QList<TaskKind> kinds() const override { return {TaskKind::Text}; }
    bool canRead() const override { return true; }
    bool canWrite() const override { return true; }
    // Never guessed: a .csv is the csv format's unless --format says so.
    bool probe(const QString&) const override { return false; }

    Status read(const QString& path, ImportSession& session) override;
    Status write(Project& project, const QString& path, const ExportOptions& options,
                 ExportReport& report) override;
};

}  // namespace postil

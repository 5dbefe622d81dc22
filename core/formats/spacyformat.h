#pragma once

#include "formats/format.h"

namespace postil {

// spaCy / Prodigy JSON Lines for entity spans: one line per annotation,
// {"id", "text", "meta", "tokens": [{"text", "start", "end", "id", "ws"}],
// "spans": [{"start", "end", "token_start", "token_end", "label", "text"}],
// "relations": [{"head", "child", "label", "head_span", "child_span"}],
// "answer", "_annotator_id"}. Offsets are code points (Python str indexes),
// token_end is inclusive. Tokens come from core/text/tokenizer, cut at every
// span edge, so each span starts and ends on a token edge.
//
// Import: "text" and "spans" (with "tokens", token_start/token_end must name
// the tokens at the span's edges; a span's "text" must be what the offsets
// cover), "relations" by head_span/child_span or by token index; "answer":
// "reject" or "ignore" lines become plain tasks. A line without "spans" is a
// plain task.
class SpacyFormat : public Format {
public:
    QString name() const override { return QStringLiteral("spacy"); }
    QString description() const override {
        return QStringLiteral("spaCy / Prodigy entity spans (JSONL)");
    }
    QStringList extensions() const override { return {QStringLiteral("jsonl")}; }
    QList<TaskKind> kinds() const override { return {TaskKind::Text}; }
    bool canRead() const override { return true; }
    bool canWrite() const override { return true; }
    // A .jsonl whose first record has "text" and "spans" or "tokens", no "data".
    bool probe(const QString& path) const override;

    Status read(const QString& path, ImportSession& session) override;
    Status write(Project& project, const QString& path, const ExportOptions& options,
                 ExportReport& report) override;
};

}  // namespace postil

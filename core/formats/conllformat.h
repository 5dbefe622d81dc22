#pragma once

#include "formats/format.h"

namespace postil {

// CoNLL-2003 named entities: one token a line, `token -X- _ TAG`, a blank line
// between sentences, `-DOCSTART- -X- -X- O` before each document. No offsets:
// the tokens are all there is.
//
// Export: one document per annotation, tokens and sentences from
// core/text/tokenizer (stated in `postil-cli export --help`), tags in strict
// IOB2 (every span starts with B-). Overlapping or nested spans cannot be
// told apart in one tag column: the first in reading order (then the longer)
// is kept, each other is left out with a message naming the task, the
// annotator and the span, and the rest of the task is exported.
//
// Import: IOB2 and IOB1 alike (I-X after O or another type starts a span, B-X
// always does); the token column is the first, the tag the last. -DOCSTART-
// lines separate documents; a file without any takes each sentence as one.
// The text is the tokens joined by one space, sentences by a line break.
class ConllFormat : public Format {
public:
    QString name() const override { return QStringLiteral("conll"); }
    QString description() const override {
        return QStringLiteral("CoNLL-2003 named entities (IOB2)");
    }
    QStringList extensions() const override {
        return {QStringLiteral("conll"), QStringLiteral("conll03")};
    }
    QList<TaskKind> kinds() const override { return {TaskKind::Text}; }
    bool canRead() const override { return true; }
    bool canWrite() const override { return true; }

    Status read(const QString& path, ImportSession& session) override;
    Status write(Project& project, const QString& path, const ExportOptions& options,
                 ExportReport& report) override;
};

}  // namespace postil

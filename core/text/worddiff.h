#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// A word-level diff of two texts, for showing how two responses (or a rewrite
// and the response it started from) differ. Tokens are words, whitespace runs
// and single punctuation marks, so a changed comma does not mark the whole
// word beside it.
namespace postil {

enum class DiffOp { Equal, Insert, Delete };

struct DiffChunk {
    DiffOp op = DiffOp::Equal;
    QString text;
    bool operator==(const DiffChunk& other) const = default;
};

// The tokens wordDiff compares; joined they give back the text.
QStringList wordDiffTokens(const QString& text);

// Chunks that turn `before` into `after`: the Equal and Delete chunks joined
// give `before`, the Equal and Insert chunks joined give `after`. Adjacent
// chunks of the same op are merged; within a changed stretch deletions come
// before insertions. The work is bounded (common prefix/suffix, unique-token
// anchors, then Myers on what lies between, with a cap on the edit distance
// it searches), so long, very different texts still take milliseconds; past
// the cap a stretch is reported as one deletion and one insertion.
QList<DiffChunk> wordDiff(const QString& before, const QString& after);

}  // namespace postil

#pragma once

#include <QList>
#include <QString>
#include <QTextBoundaryFinder>

// The one tokenization of the exports that need tokens (spaCy's "tokens",
// CoNLL's rows), stated in `postil-cli export --help`:
//
// - Tokens are the words of Unicode UAX #29 (QTextBoundaryFinder's Word
//   boundaries) that hold something other than whitespace: a word, a number
//   ("3.14", "don't" stay whole), each punctuation mark alone, each emoji
//   (with its skin tone or ZWJ sequence) alone, CJK ideographs one by one.
//   A token never splits a grapheme cluster.
// - A span's edges are always token edges: a word is cut where a span starts
//   or ends inside it, so no label lands on the wrong token.
// - A sentence ends at a line break and after a token of . ! ? 。 ！ ？ …
//   followed by whitespace or a line end, unless a span runs across.
//
// Works in UTF-16 indexes of the text; callers convert through TextOffsets.
// Tokens are produced one at a time, so memory stays flat on a 50 MB text.
namespace postil {

struct Token {
    qsizetype start = 0;  // UTF-16, end exclusive
    qsizetype end = 0;
    bool sentenceStart = false;  // the first token of a sentence (also the text's first)
    bool whitespaceAfter = false;
};

class Tokenizer {
public:
    // `cuts`: UTF-16 indexes every token must break at (span edges), any
    // order, duplicates allowed. `joins`: UTF-16 ranges [start, end) inside
    // which no sentence may end (the spans). The text must outlive this.
    Tokenizer(const QString& text, QList<qsizetype> cuts,
              const QList<std::pair<qsizetype, qsizetype>>& joins = {});

    // The next token; false at the end of the text.
    bool next(Token& token);

private:
    bool nextSegment(qsizetype& start, qsizetype& end);
    bool insideJoin(qsizetype position) const;

    const QString& m_text;
    QTextBoundaryFinder m_finder;
    QList<qsizetype> m_cuts;  // sorted, unique
    qsizetype m_nextCut = 0;  // index of the first cut after the current position
    // The depth of joins open at each join edge, flattened to merged ranges.
    QList<std::pair<qsizetype, qsizetype>> m_joins;
    qsizetype m_segmentStart = 0;  // the word segment being cut
    qsizetype m_segmentEnd = 0;
    qsizetype m_position = 0;
    bool m_sawToken = false;
    bool m_sentenceBreak = true;  // the next token starts a sentence
};

}  // namespace postil

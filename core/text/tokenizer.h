#pragma once

#include <QList>
#include <QString>
#include <QTextBoundaryFinder>
#include <optional>

#include "text/simplewords.h"

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
// The words come from SimpleWordBoundaries when it covers the text (the same
// boundaries, found faster) and from QTextBoundaryFinder otherwise.
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
    // Where the word boundaries come from: the fast reader where it covers
    // the text, or always Qt's (to compare the two in tests).
    enum class Words { Fastest, QtOnly };

    // `cuts`: UTF-16 indexes every token must break at (span edges), any
    // order, duplicates allowed. `joins`: UTF-16 ranges [start, end) inside
    // which no sentence may end (the spans). The text must outlive this.
    Tokenizer(const QString& text, QList<qsizetype> cuts,
              const QList<std::pair<qsizetype, qsizetype>>& joins = {},
              Words words = Words::Fastest);

    // The finder works in m_buffer: no copies.
    Tokenizer(const Tokenizer&) = delete;
    Tokenizer& operator=(const Tokenizer&) = delete;

    // The next token; false at the end of the text.
    bool next(Token& token);

private:
    bool nextSegment(qsizetype& start, qsizetype& end);
    bool insideJoin(qsizetype position) const;

    const QString& m_text;
    // The finder's working memory for an ordinary text, so that a million
    // short texts cost no allocation each (a longer one allocates its own).
    unsigned char m_buffer[1024];
    std::optional<SimpleWordBoundaries> m_simple;  // when it covers the text
    std::optional<QTextBoundaryFinder> m_finder;   // otherwise
    QList<qsizetype> m_cuts;                       // sorted, unique
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

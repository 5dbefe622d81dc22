#pragma once

#include <QStringView>

// Word boundaries (Unicode UAX #29) for texts whose every character is one
// of a small set whose word-break class is plain: Latin, Greek, Cyrillic and
// Hangul letters, ASCII digits and punctuation, spaces and line breaks, CJK
// ideographs, Hiragana, Katakana and common emoji. On such a text the
// boundaries are exactly QTextBoundaryFinder's Word boundaries
// (tests/core/tst_simplewords checks every character of the set in every
// class's company against it); any other character (combining marks, ZWJ,
// skin tones, Hebrew, Arabic, Thai, …) makes covers() false and the
// caller uses QTextBoundaryFinder.
//
// Why: the exports that tokenize every text (spaCy, CoNLL) spent a fifth
// of their time in Qt's character analysis, which computes grapheme,
// sentence and line data and script runs the words do not need
// (tests/bench/RESULTS.md, NLP exports). This reads each character once.
namespace postil {

class SimpleWordBoundaries {
public:
    // Whether every character of 'text' is in the set (an empty text is).
    static bool covers(QStringView text);

    // 'text' must be covered and outlive this.
    explicit SimpleWordBoundaries(QStringView text) : m_text(text) {}

    // The next boundary after the current position, as
    // QTextBoundaryFinder::toNextBoundary: the text's end last, then -1.
    qsizetype toNextBoundary();

private:
    QStringView m_text;
    qsizetype m_position = 0;
};

}  // namespace postil

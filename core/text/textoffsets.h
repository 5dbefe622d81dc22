#pragma once

#include <QList>
#include <QString>

// Offsets into a task's text in the units the world uses. The project stores
// code points (docs/architecture.md §4), QString indexes UTF-16 code units,
// doccano writes UTF-16 and spaCy, brat and Label Studio code points. Every
// conversion goes through one TextOffsets built once per text, so a format or
// an editor never counts characters its own way.
namespace postil {

class TextOffsets {
public:
    TextOffsets() = default;
    explicit TextOffsets(const QString& text);

    // Code points in the text (a lone surrogate counts as one, as Python
    // counts it after a surrogateescape read).
    qsizetype codePointCount() const { return m_codePoints; }
    qsizetype utf16Count() const { return m_utf16; }

    // The UTF-16 index of code point `codePoint` (0..codePointCount()); -1
    // outside. O(log n) in the number of astral characters before it.
    qsizetype toUtf16(qsizetype codePoint) const;
    // The code point index of UTF-16 index `utf16` (0..utf16Count()); -1
    // outside or inside a surrogate pair (no code point starts there).
    qsizetype toCodePoint(qsizetype utf16) const;

    // toCodePoint for UTF-16 indexes asked in increasing order (a text's
    // tokens, one after the other): O(1) each where toCodePoint searches.
    // An index lower than the last one asked gets toCodePoint's answer.
    class Forward {
    public:
        explicit Forward(const TextOffsets& offsets) : m_offsets(offsets) {}
        qsizetype toCodePoint(qsizetype utf16) {
            if (utf16 < m_last || utf16 < 0 || utf16 > m_offsets.m_utf16)
                return m_offsets.toCodePoint(utf16);
            m_last = utf16;
            const QList<qsizetype>& pairs = m_offsets.m_pairs;
            while (m_pairsBefore < pairs.size() && pairs[m_pairsBefore] < utf16)
                ++m_pairsBefore;
            if (m_pairsBefore > 0 && pairs[m_pairsBefore - 1] == utf16 - 1)
                return -1;  // the low half of a pair
            return utf16 - m_pairsBefore;
        }

    private:
        const TextOffsets& m_offsets;
        qsizetype m_last = 0;
        qsizetype m_pairsBefore = 0;  // pairs starting before m_last
    };

private:
    // UTF-16 index of every high surrogate that starts a valid pair: the
    // places where the two counts drift apart by one more. Empty for text
    // without astral characters (most text), which makes both conversions
    // the identity.
    QList<qsizetype> m_pairs;
    qsizetype m_utf16 = 0;
    qsizetype m_codePoints = 0;
};

// Grapheme clusters (what a reader sees as one character: an emoji with its
// skin tone or a ZWJ family, a letter with combining accents, a Hangul
// syllable) never split by a span. Both work in UTF-16 indexes.
namespace graphemes {

// Whether `utf16` is at a grapheme cluster boundary of `text` (0 and the end
// are).
bool isBoundary(const QString& text, qsizetype utf16);
// The nearest boundary at or before / at or after `utf16`.
qsizetype boundaryAtOrBefore(const QString& text, qsizetype utf16);
qsizetype boundaryAtOrAfter(const QString& text, qsizetype utf16);

}  // namespace graphemes

// Word snapping for a mouse selection or a keyboard move by word: the start
// of the word `utf16` lies in (or `utf16` itself between words) and the end
// of the word containing `utf16 - 1`. Words as QTextBoundaryFinder's Word
// boundaries give them (Unicode UAX #29, CJK by character).
namespace words {

qsizetype startAtOrBefore(const QString& text, qsizetype utf16);
qsizetype endAtOrAfter(const QString& text, qsizetype utf16);
// The word boundaries after / before `utf16` (the end / start if none),
// skipping boundaries that only separate whitespace: a caret moved by word.
qsizetype nextWordEnd(const QString& text, qsizetype utf16);
qsizetype previousWordStart(const QString& text, qsizetype utf16);

}  // namespace words

}  // namespace postil

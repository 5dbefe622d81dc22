#include "text/textoffsets.h"

#include <QTextBoundaryFinder>
#include <algorithm>

namespace postil {

TextOffsets::TextOffsets(const QString& text) : m_utf16(text.size()) {
    const QChar* data = text.constData();
    for (qsizetype i = 0; i + 1 < m_utf16; ++i) {
        if (data[i].isHighSurrogate() && data[i + 1].isLowSurrogate()) {
            m_pairs.append(i);
            ++i;
        }
    }
    m_codePoints = m_utf16 - m_pairs.size();
}

qsizetype TextOffsets::toUtf16(qsizetype codePoint) const {
    if (codePoint < 0 || codePoint > m_codePoints)
        return -1;
    // Pair k starts at UTF-16 index m_pairs[k], which is code point
    // m_pairs[k] - k. Every pair starting before the code point adds one.
    qsizetype low = 0;
    qsizetype high = m_pairs.size();
    while (low < high) {
        const qsizetype mid = (low + high) / 2;
        if (m_pairs[mid] - mid < codePoint)
            low = mid + 1;
        else
            high = mid;
    }
    return codePoint + low;
}

qsizetype TextOffsets::toCodePoint(qsizetype utf16) const {
    if (utf16 < 0 || utf16 > m_utf16)
        return -1;
    // Pairs starting before utf16; one starting at utf16 - 1 means utf16 is
    // its low half.
    const auto before = std::lower_bound(m_pairs.cbegin(), m_pairs.cend(), utf16);
    if (before != m_pairs.cbegin() && *(before - 1) == utf16 - 1)
        return -1;
    return utf16 - (before - m_pairs.cbegin());
}

namespace {

// QTextBoundaryFinder analyses its whole string when made: on a 1 MB
// document that is milliseconds per keystroke. Boundaries depend on a few
// characters around a position, so the finders work on a window around it,
// widened until the answer lies inside (a window's own edges count as
// boundaries to the finder, so an answer there is only trusted at the text's
// ends).
constexpr qsizetype kReach = 256;

struct Window {
    qsizetype from = 0;
    qsizetype to = 0;
};

Window windowAround(const QString& text, qsizetype pos, qsizetype reach) {
    Window window{std::max<qsizetype>(0, pos - reach),
                  std::min<qsizetype>(text.size(), pos + reach)};
    if (window.from > 0 && text.at(window.from).isLowSurrogate())
        --window.from;
    if (window.to < text.size() && text.at(window.to).isLowSurrogate())
        ++window.to;
    return window;
}

bool coversAll(const QString& text, const Window& window) {
    return window.from == 0 && window.to == text.size();
}

// Runs `step` on a finder placed at `pos` within ever wider windows until it
// gives an answer strictly inside the window (or at a text end). `step`
// returns a position in window coordinates or -1.
template <typename Step>
qsizetype findAround(const QString& text, qsizetype pos, QTextBoundaryFinder::BoundaryType type,
                     Step step) {
    pos = std::clamp<qsizetype>(pos, 0, text.size());
    for (qsizetype reach = kReach;; reach *= 4) {
        const Window window = windowAround(text, pos, reach);
        QTextBoundaryFinder finder(type, text.constData() + window.from, window.to - window.from);
        finder.setPosition(pos - window.from);
        const qsizetype found = step(finder);
        const qsizetype absolute = found < 0 ? -1 : found + window.from;
        const bool trusted = absolute >= 0 && (absolute == 0 || absolute == text.size() ||
                                               (absolute > window.from && absolute < window.to));
        if (trusted)
            return absolute;
        if (coversAll(text, window))
            return absolute;
    }
}

bool isWordCodePoint(char32_t c) {
    return QChar::isLetterOrNumber(c) || QChar::isMark(c) || c == U'_';
}

// Whether the character starting at / ending at `i` belongs to a word; an
// astral letter (CJK extension B, say) is read as its code point.
bool wordCharAt(const QString& text, qsizetype i) {
    const QChar c = text.at(i);
    if (c.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
        return isWordCodePoint(QChar::surrogateToUcs4(c, text.at(i + 1)));
    return isWordCodePoint(c.unicode());
}

bool wordCharBefore(const QString& text, qsizetype i) {
    const QChar c = text.at(i - 1);
    if (c.isLowSurrogate() && i >= 2 && text.at(i - 2).isHighSurrogate())
        return isWordCodePoint(QChar::surrogateToUcs4(text.at(i - 2), c));
    return isWordCodePoint(c.unicode());
}

}  // namespace

namespace graphemes {

bool isBoundary(const QString& text, qsizetype utf16) {
    if (utf16 <= 0 || utf16 >= text.size())
        return utf16 == 0 || utf16 == text.size();
    return findAround(text, utf16, QTextBoundaryFinder::Grapheme, [](QTextBoundaryFinder& f) {
               return f.isAtBoundary() ? f.position() : qsizetype(-1);
           }) == utf16;
}

qsizetype boundaryAtOrBefore(const QString& text, qsizetype utf16) {
    if (utf16 <= 0)
        return 0;
    if (utf16 >= text.size())
        return text.size();
    return findAround(text, utf16, QTextBoundaryFinder::Grapheme, [](QTextBoundaryFinder& f) {
        return f.isAtBoundary() ? f.position() : f.toPreviousBoundary();
    });
}

qsizetype boundaryAtOrAfter(const QString& text, qsizetype utf16) {
    if (utf16 <= 0)
        return 0;
    if (utf16 >= text.size())
        return text.size();
    return findAround(text, utf16, QTextBoundaryFinder::Grapheme, [](QTextBoundaryFinder& f) {
        return f.isAtBoundary() ? f.position() : f.toNextBoundary();
    });
}

}  // namespace graphemes

namespace words {

qsizetype startAtOrBefore(const QString& text, qsizetype utf16) {
    utf16 = std::clamp<qsizetype>(utf16, 0, text.size());
    // Between words (or at a word's start) the position stays.
    if (utf16 == text.size() || !wordCharAt(text, utf16) ||
        (utf16 > 0 && !wordCharBefore(text, utf16)))
        return graphemes::boundaryAtOrBefore(text, utf16);
    return findAround(text, utf16, QTextBoundaryFinder::Word, [](QTextBoundaryFinder& f) {
        return f.isAtBoundary() ? f.position() : f.toPreviousBoundary();
    });
}

qsizetype endAtOrAfter(const QString& text, qsizetype utf16) {
    utf16 = std::clamp<qsizetype>(utf16, 0, text.size());
    if (utf16 == 0 || !wordCharBefore(text, utf16) ||
        (utf16 < text.size() && !wordCharAt(text, utf16)))
        return graphemes::boundaryAtOrAfter(text, utf16);
    return findAround(text, utf16, QTextBoundaryFinder::Word, [](QTextBoundaryFinder& f) {
        return f.isAtBoundary() ? f.position() : f.toNextBoundary();
    });
}

qsizetype nextWordEnd(const QString& text, qsizetype utf16) {
    qsizetype pos = std::clamp<qsizetype>(utf16, 0, text.size());
    // Past what is not a word, then to the end of the word that follows.
    while (pos < text.size() && !wordCharAt(text, pos))
        pos = graphemes::boundaryAtOrAfter(text, pos + 1);
    if (pos >= text.size())
        return text.size();
    return endAtOrAfter(text, graphemes::boundaryAtOrAfter(text, pos + 1));
}

qsizetype previousWordStart(const QString& text, qsizetype utf16) {
    qsizetype pos = std::clamp<qsizetype>(utf16, 0, text.size());
    while (pos > 0 && !wordCharBefore(text, pos))
        pos = graphemes::boundaryAtOrBefore(text, pos - 1);
    if (pos <= 0)
        return 0;
    return startAtOrBefore(text, graphemes::boundaryAtOrBefore(text, pos - 1));
}

}  // namespace words

}  // namespace postil

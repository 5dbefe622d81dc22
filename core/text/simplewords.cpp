#include "text/simplewords.h"

#include <array>

namespace postil {

namespace {

// The word-break classes of UAX #29 that the set holds. A double quote is
// Other here: it joins only Hebrew letters, which the set does not hold. A
// single quote is MidNumLet here: without Hebrew letters the rules treat
// them alike (MidNumLetQ).
enum Class : unsigned char {
    Unknown,  // not in the set: QTextBoundaryFinder decides
    Other,
    CR,
    LF,
    Newline,
    Space,  // WSegSpace
    ALetter,
    Numeric,
    MidLetter,
    MidNum,
    MidNumLet,
    Katakana,
    ExtendNumLet,
};

constexpr std::array<Class, 128> asciiClasses() {
    std::array<Class, 128> table{};
    for (auto& c : table)
        c = Other;
    table['\n'] = LF;
    table['\r'] = CR;
    table[0x0B] = Newline;
    table[0x0C] = Newline;
    table[' '] = Space;
    for (int c = '0'; c <= '9'; ++c)
        table[c] = Numeric;
    for (int c = 'A'; c <= 'Z'; ++c)
        table[c] = ALetter;
    for (int c = 'a'; c <= 'z'; ++c)
        table[c] = ALetter;
    table['\''] = MidNumLet;
    // Qt tailors UAX #29 here: a full stop joins numbers only ("3.14" but
    // "e.g" is three words) and a colon joins nothing (tst_simplewords).
    table['.'] = MidNum;
    table[','] = MidNum;
    table[';'] = MidNum;
    table['_'] = ExtendNumLet;
    return table;
}

constexpr std::array<Class, 128> kAscii = asciiClasses();

constexpr Class latin1Class(char16_t c) {
    if (c == 0x85)
        return Newline;
    if (c == 0xAD)
        return Unknown;  // soft hyphen: Format
    if (c == 0xAA || c == 0xB5 || c == 0xBA)
        return ALetter;
    if (c == 0xB7)
        return MidLetter;
    if (c < 0xC0 || c == 0xD7 || c == 0xF7)
        return Other;
    return ALetter;
}

constexpr Class bmpClass(char16_t c) {
    if (c < 0x80)
        return kAscii[c];
    if (c < 0x100)
        return latin1Class(c);
    if (c < 0x2B0)  // Latin Extended-A and -B, IPA
        return ALetter;
    if ((c >= 0x391 && c <= 0x3A1) || (c >= 0x3A3 && c <= 0x3C9))  // Greek
        return ALetter;
    if ((c >= 0x400 && c <= 0x481) || (c >= 0x48A && c <= 0x52F))  // Cyrillic
        return ALetter;
    if (c >= 0x2010 && c <= 0x2029) {  // dashes, quotes, dots, separators
        if (c == 0x2018 || c == 0x2019 || c == 0x2024)
            return MidNumLet;
        if (c == 0x2027)
            return MidLetter;
        if (c == 0x2028 || c == 0x2029)
            return Newline;
        return Other;
    }
    if ((c >= 0x2030 && c <= 0x203E) || (c >= 0x20A0 && c <= 0x20BF))  // marks, currency
        return Other;
    if (c >= 0x2600 && c <= 0x27BF)  // symbols and dingbats
        return Other;
    if (c == 0x3000)
        return Space;
    if ((c >= 0x3001 && c <= 0x3003) || (c >= 0x3008 && c <= 0x3011))  // CJK punctuation
        return Other;
    if (c >= 0x3041 && c <= 0x3096)  // Hiragana
        return Other;
    if ((c >= 0x30A1 && c <= 0x30FA) || (c >= 0x30FC && c <= 0x30FF))
        return Katakana;
    if ((c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF))  // CJK ideographs
        return Other;
    if (c >= 0xAC00 && c <= 0xD7A3)  // Hangul syllables
        return ALetter;
    if (c == 0xFF01 || c == 0xFF08 || c == 0xFF09 || c == 0xFF1F)  // fullwidth ! ( ) ?
        return Other;
    return Unknown;
}

// Every BMP unit's class, worked out when compiling (64 KB): one load per
// character where the ranges above took a dozen comparisons.
constexpr std::array<Class, 0x10000> bmpClasses() {
    std::array<Class, 0x10000> table{};
    for (int c = 0; c < 0x10000; ++c)
        table[c] = QChar::isSurrogate(char32_t(c)) ? Unknown : bmpClass(char16_t(c));
    return table;
}

// Not constexpr: clang 14 gives up evaluating 65,536 entries at compile time
// (its constexpr step limit); filled once when the library loads instead.
const std::array<Class, 0x10000> kBmp = bmpClasses();

// Emoji outside the BMP: Extended_Pictographic, word-break class Other (the
// skin tones U+1F3FB..U+1F3FF are Extend and not in the set).
Class astralClass(char32_t c) {
    if ((c >= 0x1F300 && c <= 0x1F3FA) || (c >= 0x1F400 && c <= 0x1F64F) ||
        (c >= 0x1F680 && c <= 0x1F6FF) || (c >= 0x1F900 && c <= 0x1F9FF))
        return Other;
    return Unknown;
}

// The class of the character at text[i] and its length in UTF-16 units.
inline Class classAt(QStringView text, qsizetype i, int& length) {
    const char16_t c = text[i].unicode();
    length = 1;
    if (const Class bmp = kBmp[c]; bmp != Unknown || !QChar::isHighSurrogate(c))
        return bmp;
    if (i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
        length = 2;
        return astralClass(QChar::surrogateToUcs4(c, text[i + 1].unicode()));
    }
    return Unknown;  // a lone surrogate
}

bool isBreak(Class c) {
    return c == CR || c == LF || c == Newline;
}

// Whether UAX #29 puts a boundary between 'before' and 'after', given the
// class before 'before' ('earlier', Unknown at the start) and the one after
// 'after' ('later', Unknown at the end). The set holds no Extend, Format,
// ZWJ, Regional_Indicator or Hebrew_Letter, so rules WB4, WB7a-c and
// WB15-16 never apply.
bool boundaryBetween(Class earlier, Class before, Class after, Class later) {
    if (before == CR && after == LF)
        return false;  // WB3
    if (isBreak(before) || isBreak(after))
        return true;  // WB3a, WB3b
    if (before == Space && after == Space)
        return false;  // WB3d
    const bool midLetter = after == MidLetter || after == MidNumLet;
    const bool midNum = after == MidNum || after == MidNumLet;
    switch (before) {
        case ALetter:
            if (after == ALetter || after == Numeric || after == ExtendNumLet)
                return false;                         // WB5, WB9, WB13a
            return !(midLetter && later == ALetter);  // WB6
        case Numeric:
            if (after == Numeric || after == ALetter || after == ExtendNumLet)
                return false;                      // WB8, WB10, WB13a
            return !(midNum && later == Numeric);  // WB12
        case Katakana:
            return !(after == Katakana || after == ExtendNumLet);  // WB13, WB13a
        case ExtendNumLet:
            return !(after == ExtendNumLet || after == ALetter || after == Numeric ||
                     after == Katakana);  // WB13a, WB13b
        case MidLetter:
            return !(earlier == ALetter && after == ALetter);  // WB7
        case MidNum:
            return !(earlier == Numeric && after == Numeric);  // WB11
        case MidNumLet:
            return !((earlier == ALetter && after == ALetter) ||
                     (earlier == Numeric && after == Numeric));  // WB7, WB11
        default:
            return true;  // WB999
    }
}

}  // namespace

bool SimpleWordBoundaries::covers(QStringView text) {
    const qsizetype size = text.size();
    for (qsizetype i = 0; i < size;) {
        if (kBmp[text[i].unicode()] != Unknown) {
            ++i;
            continue;
        }
        int length = 1;
        if (classAt(text, i, length) == Unknown)
            return false;
        i += length;
    }
    return true;
}

qsizetype SimpleWordBoundaries::toNextBoundary() {
    const qsizetype size = m_text.size();
    if (m_position >= size)
        return -1;  // the end was given already
    // The character after a boundary starts a word; the loop looks at the
    // pair (before, after) with the class before them and, for WB6 and WB12
    // only, the one after.
    int length = 0;
    Class earlier = Unknown;
    Class before = classAt(m_text, m_position, length);
    qsizetype at = m_position + length;
    while (at < size) {
        int afterLength = 0;
        const Class after = classAt(m_text, at, afterLength);
        Class later = Unknown;
        const bool lookAhead = (before == ALetter && (after == MidLetter || after == MidNumLet)) ||
                               (before == Numeric && (after == MidNum || after == MidNumLet));
        if (lookAhead && at + afterLength < size) {
            int laterLength = 0;
            later = classAt(m_text, at + afterLength, laterLength);
        }
        if (boundaryBetween(earlier, before, after, later))
            break;
        earlier = before;
        before = after;
        at += afterLength;
    }
    m_position = at;
    return at;
}

}  // namespace postil

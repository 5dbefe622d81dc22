#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace postil {

// Writes JSON by hand where QJsonDocument would cost a parse and a rebuild per
// line: exports copy stored JSON bytes verbatim and only need the few strings
// around them escaped.
namespace jsonwriter {

// Appends 'utf8' as a quoted JSON string, escaped exactly as QJsonDocument
// escapes (\" \\ \b \f \n \r \t, other controls as \u00xx, the rest verbatim),
// so hand-written and Qt-written parts of a line agree.
void appendString(QByteArray& out, QByteArrayView utf8);
void appendInteger(QByteArray& out, qint64 value);
// The most bytes putInteger writes.
constexpr qsizetype kIntegerRoom = 20;
// Writes a value of any size (putInteger's slow part).
char* putLongInteger(char* p, qint64 value);
// Writes 'value' in decimal at 'p' (room for kIntegerRoom bytes); returns the
// end. For exports that write many numbers into room they made once: inline,
// as spaCy writes three a token.
inline char* putInteger(char* p, qint64 value) {
    // Offsets and token ids are mostly below 1,000: no loop for those.
    if (value >= 0 && value < 1000) {
        const int v = int(value);
        if (v >= 100)
            *p++ = char('0' + v / 100);
        if (v >= 10)
            *p++ = char('0' + v / 10 % 10);
        *p++ = char('0' + v % 10);
        return p;
    }
    return putLongInteger(p, value);
}

}  // namespace jsonwriter
}  // namespace postil

#pragma once

#include <QString>
#include <algorithm>

#include "keys/keymap.h"
#include "widgets/counted.h"

// Words the text editor's parts share for its status strip and notes.
namespace postil::editorwords {

// Characters of a span's text in a message.
constexpr qsizetype kShownChars = 60;

// The key the user bound to a keymap id, as notes and the help name it.
inline QString keyText(const QString& id) {
    return Keymap::instance().key(id).toString(QKeySequence::NativeText);
}

// A span's text for a message: one line, elided in the middle, never half a
// surrogate pair.
inline QString excerpt(const QString& text) {
    QString flat = text;
    flat.replace(QLatin1Char('\n'), QLatin1Char(' ')).replace(QLatin1Char('\r'), QLatin1Char(' '));
    if (flat.size() > kShownChars) {
        qsizetype head = kShownChars / 2;
        qsizetype tail = kShownChars / 2 - 1;
        if (flat.at(head).isLowSurrogate())
            --head;
        if (flat.at(flat.size() - tail).isLowSurrogate())
            --tail;
        flat = flat.left(head) + QStringLiteral("…") + flat.right(tail);
    }
    // Right-to-left text inside a left-to-right message keeps its own order
    // and leaves the message's alone: a first-strong isolate around it.
    const bool rtl = std::any_of(flat.cbegin(), flat.cend(), [](QChar c) {
        return c.direction() == QChar::DirR || c.direction() == QChar::DirAL;
    });
    if (rtl)
        return QChar(0x2068) + flat + QChar(0x2069);
    return flat;
}

}  // namespace postil::editorwords

#include "editors/compare/utf8source.h"

namespace postil {

Utf8Source::Utf8Source(const QString& text) {
    const int n = int(text.size());
    m_bytes.reserve(qsizetype(n) * 3 / 2 + 1);
    m_utf16.reserve(size_t(n) * 3 / 2 + 2);
    for (int i = 0; i < n;) {
        const char16_t c = text.at(i).unicode();
        char32_t point = c;
        int units = 1;
        if (QChar::isHighSurrogate(c) && i + 1 < n && text.at(i + 1).isLowSurrogate()) {
            point = QChar::surrogateToUcs4(c, text.at(i + 1).unicode());
            units = 2;
        } else if (QChar::isSurrogate(c)) {
            point = QChar::ReplacementCharacter;
        }
        append(point, i);
        i += units;
    }
    m_utf16.push_back(n);
}

int Utf8Source::endAt(unsigned offset) const {
    while (offset < size() && (uchar(m_bytes.at(offset)) & 0xc0) == 0x80)
        ++offset;
    return m_utf16[offset];
}

void Utf8Source::append(char32_t point, int index) {
    char out[4];
    int length = 0;
    if (point < 0x80) {
        out[length++] = char(point);
    } else if (point < 0x800) {
        out[length++] = char(0xc0 | (point >> 6));
        out[length++] = char(0x80 | (point & 0x3f));
    } else if (point < 0x10000) {
        out[length++] = char(0xe0 | (point >> 12));
        out[length++] = char(0x80 | ((point >> 6) & 0x3f));
        out[length++] = char(0x80 | (point & 0x3f));
    } else {
        out[length++] = char(0xf0 | (point >> 18));
        out[length++] = char(0x80 | ((point >> 12) & 0x3f));
        out[length++] = char(0x80 | ((point >> 6) & 0x3f));
        out[length++] = char(0x80 | (point & 0x3f));
    }
    m_bytes.append(out, length);
    for (int k = 0; k < length; ++k)
        m_utf16.push_back(index);
}

}  // namespace postil

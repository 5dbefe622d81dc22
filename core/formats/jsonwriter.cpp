#include "formats/jsonwriter.h"

namespace postil::jsonwriter {

void appendString(QByteArray& out, QByteArrayView utf8) {
    static const char kHex[] = "0123456789abcdef";
    out.append('"');
    const char* data = utf8.data();
    const qsizetype size = utf8.size();
    qsizetype runStart = 0;
    // Copy unescaped runs in one append each: most strings have no escapes.
    for (qsizetype i = 0; i < size; ++i) {
        const auto c = static_cast<unsigned char>(data[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(data + runStart, i - runStart);
        runStart = i + 1;
        switch (c) {
            case '"':
                out.append("\\\"", 2);
                break;
            case '\\':
                out.append("\\\\", 2);
                break;
            case '\b':
                out.append("\\b", 2);
                break;
            case '\f':
                out.append("\\f", 2);
                break;
            case '\n':
                out.append("\\n", 2);
                break;
            case '\r':
                out.append("\\r", 2);
                break;
            case '\t':
                out.append("\\t", 2);
                break;
            default: {
                const char escape[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 0xf]};
                out.append(escape, 6);
            }
        }
    }
    out.append(data + runStart, size - runStart);
    out.append('"');
}

char* putLongInteger(char* p, qint64 value) {
    char digits[24];
    int n = 0;
    // Work in unsigned so the most negative value does not overflow.
    quint64 magnitude = value < 0 ? 0 - quint64(value) : quint64(value);
    do {
        digits[n++] = char('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);
    if (value < 0)
        digits[n++] = '-';
    while (n)
        *p++ = digits[--n];
    return p;
}

void appendInteger(QByteArray& out, qint64 value) {
    char digits[kIntegerRoom];
    out.append(digits, putInteger(digits, value) - digits);
}

}  // namespace postil::jsonwriter

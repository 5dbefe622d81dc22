#pragma once

#include <QByteArray>
#include <QString>
#include <vector>

namespace postil {

// A text as UTF-8 bytes (what md4c reads) together with, for every byte, the
// UTF-16 offset of the character it belongs to, so a pointer md4c hands back
// gives the source offset the source map stores (docs/architecture.md §10).
// Encoded here rather than with QString::toUtf8 so that the two always agree,
// lone surrogates included: each becomes U+FFFD's three bytes and still maps
// to its one unit.
class Utf8Source {
public:
    explicit Utf8Source(const QString& text);

    const char* data() const { return m_bytes.constData(); }
    unsigned size() const { return unsigned(m_bytes.size()); }
    // Whether p points into the bytes or just past them.
    bool contains(const char* p) const { return p >= data() && p <= data() + size(); }
    // The UTF-16 offset where the character holding byte `offset` starts.
    int startAt(unsigned offset) const { return m_utf16[offset]; }
    // The UTF-16 offset after the last character that starts before byte
    // `offset` (md4c never splits a character, but this rounds up if it did).
    int endAt(unsigned offset) const;

private:
    void append(char32_t point, int index);

    QByteArray m_bytes;
    std::vector<int> m_utf16;  // one per byte, and one for the end
};

}  // namespace postil

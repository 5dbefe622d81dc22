#include "formats/boxjson.h"

#include <QJsonDocument>
#include <charconv>
#include <cstring>

namespace postil::detection {

namespace {

// A forward-only reader over JSON text. Every method returns false on
// anything unexpected; the caller then gives up on the fast path.
class Scanner {
public:
    explicit Scanner(QByteArrayView json) : m_p(json.data()), m_end(json.data() + json.size()) {}

    void skipSpace() {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }
    bool eat(char c) {
        skipSpace();
        if (m_p < m_end && *m_p == c) {
            ++m_p;
            return true;
        }
        return false;
    }
    char peek() {
        skipSpace();
        return m_p < m_end ? *m_p : '\0';
    }
    bool atEnd() {
        skipSpace();
        return m_p == m_end;
    }
    const char* position() const { return m_p; }

    // A string without escapes (labels and keys nearly always are).
    bool plainString(QByteArrayView& out) {
        if (!eat('"'))
            return false;
        const char* start = m_p;
        while (m_p < m_end && *m_p != '"') {
            if (*m_p == '\\')
                return false;
            ++m_p;
        }
        if (m_p == m_end)
            return false;
        out = QByteArrayView(start, m_p - start);
        ++m_p;
        return true;
    }
    bool number(double& value) {
        skipSpace();
        // from_chars is correctly rounded: the double Qt wrote comes back.
        const auto [end, error] = std::from_chars(m_p, m_end, value);
        if (error != std::errc() || end == m_p)
            return false;
        m_p = end;
        return true;
    }
    // Any value, escapes and nesting included.
    bool skipValue() {
        skipSpace();
        if (m_p == m_end)
            return false;
        if (*m_p == '"')
            return skipString();
        if (*m_p == '{' || *m_p == '[') {
            int depth = 0;
            while (m_p < m_end) {
                const char c = *m_p;
                if (c == '"') {
                    if (!skipString())
                        return false;
                    continue;
                }
                ++m_p;
                if (c == '{' || c == '[')
                    ++depth;
                else if ((c == '}' || c == ']') && --depth == 0)
                    return true;
            }
            return false;
        }
        const char* start = m_p;
        while (m_p < m_end && *m_p != ',' && *m_p != '}' && *m_p != ']' && *m_p != ' ' &&
               *m_p != '\n' && *m_p != '\r' && *m_p != '\t')
            ++m_p;
        return m_p > start;
    }

private:
    bool skipString() {
        ++m_p;  // the opening quote
        while (m_p < m_end) {
            if (*m_p == '\\') {
                m_p += 2;
                continue;
            }
            if (*m_p++ == '"')
                return true;
        }
        return false;
    }

    const char* m_p;
    const char* m_end;
};

bool isNumberStart(char c) {
    return c == '-' || (c >= '0' && c <= '9');
}

// One element of "boxes". 'complete' is false for an entry boxesOf() would
// skip (a coordinate that is not a number).
bool scanBox(Scanner& s, Box& box, bool& complete) {
    if (!s.eat('{'))
        return false;
    bool have[4] = {false, false, false, false};
    double* const fields[4] = {&box.x, &box.y, &box.w, &box.h};
    if (!s.eat('}')) {
        do {
            QByteArrayView key;
            if (!s.plainString(key) || !s.eat(':'))
                return false;
            const int field = key == "x"   ? 0
                              : key == "y" ? 1
                              : key == "w" ? 2
                              : key == "h" ? 3
                                           : -1;
            if (field >= 0 && isNumberStart(s.peek())) {
                if (!s.number(*fields[field]))
                    return false;
                have[field] = true;
            } else if (field >= 0 && !std::strchr("\"{[tfn", s.peek())) {
                return false;  // a number Qt reads and the scanner does not (".5"): Qt decides
            } else if (key == "label" && s.peek() == '"') {
                QByteArrayView label;
                if (!s.plainString(label))
                    return false;
                box.label = QString::fromUtf8(label);
            } else if (key == "attrs" && s.peek() == '{') {
                s.skipSpace();
                const char* start = s.position();
                if (!s.skipValue())
                    return false;
                const QByteArrayView text(start, s.position() - start);
                box.attrs = text == "{}" ? QJsonObject()
                                         : QJsonDocument::fromJson(text.toByteArray()).object();
            } else {
                // A repeated key replaces the earlier value, as in Qt's parser.
                if (field >= 0)
                    have[field] = false;  // a later non-number replaces an earlier number
                else if (key == "label")
                    box.label.clear();
                else if (key == "attrs")
                    box.attrs = QJsonObject();
                if (!s.skipValue())
                    return false;
            }
        } while (s.eat(','));
        if (!s.eat('}'))
            return false;
    }
    complete = have[0] && have[1] && have[2] && have[3];
    return true;
}

}  // namespace

std::optional<QList<Box>> scanBoxes(QByteArrayView json) {
    Scanner s(json);
    QList<Box> boxes;
    if (!s.eat('{'))
        return std::nullopt;
    if (!s.eat('}')) {
        do {
            QByteArrayView key;
            if (!s.plainString(key) || !s.eat(':'))
                return std::nullopt;
            if (key != "boxes" || s.peek() != '[') {
                if (key == "boxes")
                    boxes.clear();
                if (!s.skipValue())
                    return std::nullopt;
                continue;
            }
            boxes.clear();
            s.eat('[');
            if (!s.eat(']')) {
                do {
                    Box box;
                    bool complete = false;
                    if (!scanBox(s, box, complete))
                        return std::nullopt;
                    if (complete)
                        boxes << std::move(box);
                } while (s.eat(','));
                if (!s.eat(']'))
                    return std::nullopt;
            }
        } while (s.eat(','));
        if (!s.eat('}'))
            return std::nullopt;
    }
    if (!s.atEnd())
        return std::nullopt;
    return boxes;
}

QList<Box> boxesOfJson(QByteArrayView json) {
    if (auto fast = scanBoxes(json))
        return std::move(*fast);
    return boxesOf(QJsonDocument::fromJson(json.toByteArray()).object());
}

}  // namespace postil::detection

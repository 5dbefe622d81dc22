#include "model/boxresult.h"

#include <QJsonDocument>
#include <QJsonValue>
#include <charconv>
#include <cmath>
#include <cstring>

namespace postil {

namespace {

const QString kBoxes = QStringLiteral("boxes");
const QString kLabel = QStringLiteral("label");
const QString kX = QStringLiteral("x");
const QString kY = QStringLiteral("y");
const QString kW = QStringLiteral("w");
const QString kH = QStringLiteral("h");
const QString kAttrs = QStringLiteral("attrs");

// A result from elsewhere can hold a million bad entries: the first few are
// worth saying, the rest a count.
constexpr int kListedProblems = 10;

// Writes 'value' under 'key' unless the object already holds exactly that
// number, so that an untouched coordinate keeps its stored form.
void putNumber(QJsonObject& object, const QString& key, double value) {
    const QJsonValue old = object.value(key);
    if (old.isDouble() && old.toDouble() == value)
        return;
    object.insert(key, value);
}

bool isFiniteNumber(const QJsonValue& value) {
    return value.isDouble() && std::isfinite(value.toDouble());
}

// Reads one entry of "boxes" into 'box'; false, with the reason in 'why',
// for an entry that is not a box. 'why' also says what was read in its
// place (a label that is not text) for an entry that is.
bool readBox(const QJsonValue& value, Box& box, QString& why) {
    if (!value.isObject()) {
        why = QStringLiteral("is not an object");
        return false;
    }
    const QJsonObject object = value.toObject();
    const QString* const keys[4] = {&kX, &kY, &kW, &kH};
    double* const fields[4] = {&box.x, &box.y, &box.w, &box.h};
    for (int i = 0; i < 4; ++i) {
        const QJsonValue coordinate = object.value(*keys[i]);
        if (!isFiniteNumber(coordinate)) {
            why = QStringLiteral("\"%1\" is not a number").arg(*keys[i]);
            return false;
        }
        *fields[i] = coordinate.toDouble();
    }
    const QJsonValue label = object.value(kLabel);
    const QJsonValue attrs = object.value(kAttrs);
    box.label = label.toString();
    box.attrs = attrs.toObject();
    box.source = object;
    if (!label.isUndefined() && !label.isString())
        why = QStringLiteral("the label is not text (read as none)");
    else if (!attrs.isUndefined() && !attrs.isObject())
        why = QStringLiteral("\"attrs\" is not an object (read as none)");
    return true;
}

bool isBox(const QJsonValue& value) {
    Box box;
    QString why;
    return readBox(value, box, why);
}

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
        // It also reads "-inf" and "-nan", which are not JSON: Qt decides.
        const auto [end, error] = std::from_chars(m_p, m_end, value);
        if (error != std::errc() || end == m_p || !std::isfinite(value))
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

// One element of "boxes". 'complete' is false for an entry read() would skip
// (a coordinate that is not a number).
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

void Box::setRect(const QRectF& rect) {
    x = rect.x();
    y = rect.y();
    w = rect.width();
    h = rect.height();
}

bool Box::sameAs(const Box& other) const {
    // Exact, not QRectF's fuzzy ==: a change of 1e-13 px is a change.
    return x == other.x && y == other.y && w == other.w && h == other.h && label == other.label &&
           attrs == other.attrs;
}

bool Box::isAsRead() const {
    if (source.isEmpty())
        return false;
    return source.value(kX).toDouble() == x && source.value(kY).toDouble() == y &&
           source.value(kW).toDouble() == w && source.value(kH).toDouble() == h;
}

QJsonObject Box::toJson() const {
    QJsonObject object = source;
    const QJsonValue storedLabel = object.value(kLabel);
    if (!storedLabel.isString() || storedLabel.toString() != label)
        object.insert(kLabel, label);
    putNumber(object, kX, x);
    putNumber(object, kY, y);
    putNumber(object, kW, w);
    putNumber(object, kH, h);
    const QJsonValue storedAttrs = object.value(kAttrs);
    if (!storedAttrs.isObject() || storedAttrs.toObject() != attrs)
        object.insert(kAttrs, attrs);
    return object;
}

namespace boxresult {

QList<Box> read(const QJsonObject& result, QStringList* problems) {
    QList<Box> boxes;
    const QJsonValue value = result.value(kBoxes);
    qint64 unsaid = 0;
    // Past the first few only counted: a million bad entries make no million lines.
    auto problem = [&](auto&& text) {
        if (!problems)
            return;
        if (problems->size() < kListedProblems)
            *problems << text();
        else
            ++unsaid;
    };
    if (!value.isArray()) {
        if (!value.isUndefined() && !value.isNull())
            problem([] { return QStringLiteral("\"boxes\" must be a list"); });
        return boxes;
    }
    const QJsonArray list = value.toArray();
    boxes.reserve(list.size());
    for (qsizetype i = 0; i < list.size(); ++i) {
        Box box;
        QString why;
        const bool read = readBox(list.at(i), box, why);
        if (!why.isEmpty())
            problem([&] {
                return QStringLiteral("\"boxes\"[%1] %2%3")
                    .arg(QString::number(i), why, read ? QString() : QStringLiteral(" (left out)"));
            });
        if (read)
            boxes << std::move(box);
    }
    if (unsaid > 0)
        *problems << QStringLiteral("and %1 more problems").arg(unsaid);
    return boxes;
}

Expected<QList<Box>> parse(const QJsonObject& result) {
    QStringList problems;
    QList<Box> boxes = read(result, &problems);
    if (!problems.isEmpty())
        return Status::failure(problems.first());
    return boxes;
}

std::optional<QList<Box>> scan(QByteArrayView json) {
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

QList<Box> readJson(QByteArrayView json) {
    if (auto fast = scan(json))
        return std::move(*fast);
    QList<Box> boxes = read(QJsonDocument::fromJson(json.toByteArray()).object());
    for (Box& box : boxes)
        box.source = QJsonObject();  // as the fast path: nothing writes these back
    return boxes;
}

QJsonArray toJson(const QList<Box>& boxes) {
    QJsonArray array;
    for (const Box& box : boxes)
        array.append(box.toJson());
    return array;
}

QJsonObject withBoxes(const QJsonObject& result, const QList<Box>& boxes) {
    QJsonArray list = toJson(boxes);
    // What this build cannot read as a box is not its to drop.
    for (const QJsonValue& entry : result.value(kBoxes).toArray()) {
        if (!isBox(entry))
            list.append(entry);
    }
    QJsonObject out = result;
    out.insert(kBoxes, list);
    return out;
}

}  // namespace boxresult
}  // namespace postil

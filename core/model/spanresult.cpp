#include "model/spanresult.h"

#include <QJsonArray>
#include <QJsonValue>
#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <cstring>
#include <numeric>

#include "model/resultjson.h"

namespace postil {

namespace {

const QString kSpans = QStringLiteral("spans");
const QString kRelations = QStringLiteral("relations");
const QString kLabel = QStringLiteral("label");
const QString kStart = QStringLiteral("start");
const QString kEnd = QStringLiteral("end");
const QString kAttrs = QStringLiteral("attrs");
const QString kNote = QStringLiteral("note");
const QString kFrom = QStringLiteral("from");
const QString kTo = QStringLiteral("to");

bool readSpan(const QJsonValue& value, qint64 codePointCount, Span& span, QString& why) {
    if (!value.isObject()) {
        why = QStringLiteral("is not an object");
        return false;
    }
    const QJsonObject object = value.toObject();
    if (!resultjson::readWholeNumber(object.value(kStart), span.start) ||
        !resultjson::readWholeNumber(object.value(kEnd), span.end)) {
        why = QStringLiteral("\"start\" and \"end\" are not whole numbers");
        return false;
    }
    if (span.start < 0 || span.end <= span.start) {
        why = QStringLiteral("covers nothing (%1..%2)").arg(span.start).arg(span.end);
        return false;
    }
    if (codePointCount >= 0 && span.end > codePointCount) {
        why = QStringLiteral("ends at %1, past the text's %2 characters")
                  .arg(span.end)
                  .arg(codePointCount);
        return false;
    }
    const QJsonValue label = object.value(kLabel);
    const QJsonValue attrs = object.value(kAttrs);
    const QJsonValue note = object.value(kNote);
    span.label = label.toString();
    span.attrs = attrs.toObject();
    span.note = note.toString();
    span.source = object;
    if (!label.isUndefined() && !label.isString())
        why = QStringLiteral("the label is not text (read as none)");
    else if (!attrs.isUndefined() && !attrs.isObject())
        why = QStringLiteral("\"attrs\" is not an object (read as none)");
    else if (!note.isUndefined() && !note.isString())
        why = QStringLiteral("\"note\" is not text (read as none)");
    return true;
}

bool readRelation(const QJsonValue& value, Relation& relation, QString& why) {
    if (!value.isObject()) {
        why = QStringLiteral("is not an object");
        return false;
    }
    const QJsonObject object = value.toObject();
    qint64 from = 0;
    qint64 to = 0;
    if (!resultjson::readWholeNumber(object.value(kFrom), from) ||
        !resultjson::readWholeNumber(object.value(kTo), to)) {
        why = QStringLiteral("\"from\" and \"to\" are not span numbers");
        return false;
    }
    relation.from = static_cast<int>(std::clamp<qint64>(from, -1, INT_MAX));
    relation.to = static_cast<int>(std::clamp<qint64>(to, -1, INT_MAX));
    relation.label = object.value(kLabel).toString();
    relation.source = object;
    return true;
}

}  // namespace

bool Span::sameAs(const Span& other) const {
    return label == other.label && start == other.start && end == other.end &&
           attrs == other.attrs && note == other.note;
}

QJsonObject Span::toJson() const {
    QJsonObject object = source;
    if (object.value(kLabel).toString() != label || !object.value(kLabel).isString())
        object.insert(kLabel, label);
    resultjson::putInteger(object, kStart, start);
    resultjson::putInteger(object, kEnd, end);
    if (attrs.isEmpty())
        object.remove(kAttrs);
    else
        object.insert(kAttrs, attrs);
    if (note.isEmpty())
        object.remove(kNote);
    else
        object.insert(kNote, note);
    return object;
}

QJsonObject Relation::toJson() const {
    QJsonObject object = source;
    resultjson::putInteger(object, kFrom, from);
    resultjson::putInteger(object, kTo, to);
    object.insert(kLabel, label);
    return object;
}

void TextAnnotation::removeSpan(int index) {
    if (index < 0 || index >= spans.size())
        return;
    spans.removeAt(index);
    QList<Relation> kept;
    kept.reserve(relations.size());
    for (Relation relation : std::as_const(relations)) {
        if (relation.from == index || relation.to == index)
            continue;
        if (relation.from > index)
            --relation.from;
        if (relation.to > index)
            --relation.to;
        kept << relation;
    }
    relations = kept;
}

QList<int> TextAnnotation::sort() {
    QList<int> order(spans.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [this](int a, int b) {
        const Span& x = spans[a];
        const Span& y = spans[b];
        if (x.start != y.start)
            return x.start < y.start;
        if (x.end != y.end)
            return x.end > y.end;
        return x.label < y.label;
    });
    QList<int> newIndex(spans.size());
    QList<Span> sorted;
    sorted.reserve(spans.size());
    for (int i = 0; i < order.size(); ++i) {
        newIndex[order[i]] = i;
        sorted << spans[order[i]];
    }
    spans = sorted;
    for (Relation& relation : relations) {
        relation.from = newIndex.value(relation.from, relation.from);
        relation.to = newIndex.value(relation.to, relation.to);
    }
    return newIndex;
}

int TextAnnotation::find(const QString& label, qint64 start, qint64 end) const {
    for (int i = 0; i < spans.size(); ++i) {
        const Span& span = spans[i];
        if (span.start == start && span.end == end && span.label == label)
            return i;
    }
    return -1;
}

namespace spanresult {

TextAnnotation read(const QJsonObject& result, QStringList* problemsOut, qint64 codePointCount) {
    TextAnnotation annotation;
    resultjson::ProblemList problems(problemsOut);
    const QJsonValue spansValue = result.value(kSpans);
    if (!spansValue.isUndefined() && !spansValue.isArray())
        problems.add(QStringLiteral("\"spans\" is not a list"));
    const QJsonArray spans = spansValue.toArray();
    // Where each stored span went (-1: left out), for the relations.
    QList<int> kept(spans.size(), -1);
    annotation.spans.reserve(spans.size());
    for (qsizetype i = 0; i < spans.size(); ++i) {
        Span span;
        QString why;
        if (readSpan(spans.at(i), codePointCount, span, why)) {
            kept[i] = static_cast<int>(annotation.spans.size());
            annotation.spans << span;
        }
        if (!why.isEmpty())
            problems.add(QStringLiteral("span %1 %2").arg(i + 1).arg(why));
    }
    const QJsonValue relationsValue = result.value(kRelations);
    if (!relationsValue.isUndefined() && !relationsValue.isArray())
        problems.add(QStringLiteral("\"relations\" is not a list"));
    const QJsonArray relations = relationsValue.toArray();
    for (qsizetype i = 0; i < relations.size(); ++i) {
        Relation relation;
        QString why;
        if (!readRelation(relations.at(i), relation, why)) {
            problems.add(QStringLiteral("relation %1 %2").arg(i + 1).arg(why));
            continue;
        }
        const int from = relation.from >= 0 ? kept.value(relation.from, -1) : -1;
        const int to = relation.to >= 0 ? kept.value(relation.to, -1) : -1;
        if (from < 0 || to < 0) {
            problems.add(QStringLiteral("relation %1 names a span that is not there").arg(i + 1));
            continue;
        }
        relation.from = from;
        relation.to = to;
        annotation.relations << relation;
    }
    return annotation;
}

Expected<TextAnnotation> parse(const QJsonObject& result, qint64 codePointCount) {
    QStringList problems;
    TextAnnotation annotation = read(result, &problems, codePointCount);
    if (!problems.isEmpty())
        return Status::failure(problems.first());
    return annotation;
}

QJsonObject withSpans(const QJsonObject& result, const TextAnnotation& annotation) {
    QJsonObject out = result;
    QJsonArray spans;
    for (const Span& span : annotation.spans)
        spans.append(span.toJson());
    out.insert(kSpans, spans);
    if (annotation.relations.isEmpty() && !result.contains(kRelations))
        return out;
    QJsonArray relations;
    for (const Relation& relation : annotation.relations)
        relations.append(relation.toJson());
    out.insert(kRelations, relations);
    return out;
}

namespace {

// A cursor over JSON text for scan(): each step either advances past what it
// read or reports that the text is not the simple shape scan() takes.
class Scanner {
public:
    explicit Scanner(QByteArrayView json) : m_p(json.data()), m_end(json.data() + json.size()) {}

    void skipSpace() {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }
    bool take(char c) {
        skipSpace();
        if (m_p < m_end && *m_p == c) {
            ++m_p;
            return true;
        }
        return false;
    }
    bool peek(char c) {
        skipSpace();
        return m_p < m_end && *m_p == c;
    }
    bool atEnd() {
        skipSpace();
        return m_p == m_end;
    }
    // A string without escapes, as its UTF-8 bytes.
    bool plainString(QByteArrayView& out) {
        if (!take('"'))
            return false;
        const char* start = m_p;
        while (m_p < m_end && *m_p != '"') {
            if (*m_p == '\\' || static_cast<unsigned char>(*m_p) < 0x20)
                return false;
            ++m_p;
        }
        if (m_p == m_end)
            return false;
        out = QByteArrayView(start, m_p - start);
        ++m_p;
        return true;
    }
    // A whole number written as digits (a '-', a fraction or an exponent:
    // false, read() decides those).
    bool integer(qint64& out) {
        skipSpace();
        const char* start = m_p;
        qint64 value = 0;
        while (m_p < m_end && *m_p >= '0' && *m_p <= '9') {
            if (m_p - start >= 15)
                return false;
            value = value * 10 + (*m_p - '0');
            ++m_p;
        }
        if (m_p == start || (m_p < m_end && (*m_p == '.' || *m_p == 'e' || *m_p == 'E')))
            return false;
        out = value;
        return true;
    }
    // Any value, not looked at.
    bool skipValue(int depth = 0) {
        skipSpace();
        if (m_p == m_end || depth > 64)
            return false;
        const char c = *m_p;
        if (c == '"') {
            for (++m_p; m_p < m_end && *m_p != '"'; ++m_p)
                if (*m_p == '\\')
                    ++m_p;
            if (m_p >= m_end)
                return false;
            ++m_p;
            return true;
        }
        if (c == '{' || c == '[') {
            const char close = c == '{' ? '}' : ']';
            ++m_p;
            if (take(close))
                return true;
            do {
                if (c == '{' && (!skipValue(depth + 1) || !take(':')))
                    return false;
                if (!skipValue(depth + 1))
                    return false;
            } while (take(','));
            return take(close);
        }
        const char* start = m_p;
        while (m_p < m_end && *m_p != ',' && *m_p != '}' && *m_p != ']' && *m_p != ' ' &&
               *m_p != '\n' && *m_p != '\r' && *m_p != '\t')
            ++m_p;
        return m_p > start;
    }

private:
    const char* m_p;
    const char* m_end;
};

// Whether a key is 'name': the length first, then the bytes, inline (the
// exports compare every key of every span).
template <qsizetype N>
inline bool is(QByteArrayView key, const char (&name)[N]) {
    return key.size() == N - 1 && std::memcmp(key.data(), name, N - 1) == 0;
}

// A span's label from its UTF-8. A project has a few labels and every span
// repeats one: the last few read on this thread are kept, so a span shares
// its label's string instead of decoding and allocating its own (the
// exports scan every span of every task).
QString labelOf(QByteArrayView utf8) {
    struct Entry {
        QByteArray bytes;
        QString text;
    };
    static constexpr int kKept = 16;
    thread_local std::array<Entry, kKept> kept;
    thread_local int next = 0;
    for (const Entry& entry : kept)
        if (entry.bytes.size() == utf8.size() && entry.bytes == utf8 && !entry.text.isNull())
            return entry.text;
    Entry& entry = kept[next];
    next = (next + 1) % kKept;
    entry.bytes = utf8.toByteArray();
    entry.text = QString::fromUtf8(utf8);
    return entry.text;
}

// The members of an object, each key handed to 'member', which reads its value.
template <typename Member>
bool scanObject(Scanner& in, Member member) {
    if (!in.take('{'))
        return false;
    if (in.take('}'))
        return true;
    do {
        QByteArrayView key;
        if (!in.plainString(key) || !in.take(':') || !member(key))
            return false;
    } while (in.take(','));
    return in.take('}');
}

template <typename Element>
bool scanArray(Scanner& in, Element element) {
    if (!in.take('['))
        return false;
    if (in.take(']'))
        return true;
    do {
        if (!element())
            return false;
    } while (in.take(','));
    return in.take(']');
}

}  // namespace

bool scan(QByteArrayView json, TextAnnotation& out, qint64 codePointCount) {
    Scanner in(json);
    TextAnnotation annotation;
    bool sawSpans = false;
    bool sawRelations = false;
    const bool ok = scanObject(in, [&](QByteArrayView key) {
        if (is(key, "spans")) {
            if (sawSpans)
                return false;
            sawSpans = true;
            annotation.spans.reserve(16);  // no regrowing for most annotations
            return scanArray(in, [&] {
                Span span;
                bool label = false, start = false, end = false;
                const bool read = scanObject(in, [&](QByteArrayView field) {
                    if (is(field, "label") && !label) {
                        QByteArrayView text;
                        label = in.plainString(text);
                        span.label = labelOf(text);
                        return label;
                    }
                    if (is(field, "start") && !start)
                        return start = in.integer(span.start);
                    if (is(field, "end") && !end)
                        return end = in.integer(span.end);
                    return false;  // attrs, a note, anything else: read() handles it
                });
                if (!read || !label || !start || !end || span.end <= span.start ||
                    (codePointCount >= 0 && span.end > codePointCount))
                    return false;
                annotation.spans.append(std::move(span));
                return true;
            });
        }
        if (is(key, "relations")) {
            if (sawRelations)
                return false;
            sawRelations = true;
            return scanArray(in, [&] {
                Relation relation;
                qint64 from = -1;
                qint64 to = -1;
                bool label = false, haveFrom = false, haveTo = false;
                const bool read = scanObject(in, [&](QByteArrayView field) {
                    if (is(field, "label") && !label) {
                        QByteArrayView text;
                        label = in.plainString(text);
                        relation.label = QString::fromUtf8(text);
                        return label;
                    }
                    if (is(field, "from") && !haveFrom)
                        return haveFrom = in.integer(from);
                    if (is(field, "to") && !haveTo)
                        return haveTo = in.integer(to);
                    return false;
                });
                if (!read || !haveFrom || !haveTo)
                    return false;
                relation.from = int(qMin<qint64>(from, INT_MAX));
                relation.to = int(qMin<qint64>(to, INT_MAX));
                annotation.relations << relation;
                return true;
            });
        }
        return in.skipValue();
    });
    if (!ok || !in.atEnd())
        return false;
    // Relations name spans of the list; read() would leave any other out.
    for (const Relation& relation : std::as_const(annotation.relations))
        if (relation.from >= annotation.spans.size() || relation.to >= annotation.spans.size())
            return false;
    out = std::move(annotation);
    return true;
}

}  // namespace spanresult
}  // namespace postil

#pragma once

#include <QByteArrayView>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include "store/status.h"

namespace postil {

// One entity span of a text annotation, as docs/architecture.md §4 stores it
// in "spans": offsets in Unicode code points of the task text, end exclusive.
// The one span type of the text editor, the NLP formats and the statistics.
struct Span {
    QString label;
    qint64 start = 0;
    qint64 end = 0;
    QJsonObject attrs;  // attribute name -> value (bool for flags), as boxes have
    QString note;       // the annotator's free-text note, "" for none
    // The object the span was read from, empty for a new span: writing starts
    // from it, so keys this build does not know survive. Never compared.
    QJsonObject source;

    qint64 length() const { return end - start; }
    bool overlaps(const Span& other) const { return start < other.end && other.start < end; }
    // Same label, offsets, attributes and note.
    bool sameAs(const Span& other) const;
    QJsonObject toJson() const;
};

// A directed, labelled link between two spans ("relations"): indexes into
// the annotation's span list.
struct Relation {
    int from = 0;
    int to = 0;
    QString label;
    QJsonObject source;

    bool sameAs(const Relation& other) const {
        return from == other.from && to == other.to && label == other.label;
    }
    QJsonObject toJson() const;
};

// The spans and relations of one annotation, kept consistent: a relation
// always names two spans of the list.
struct TextAnnotation {
    QList<Span> spans;
    QList<Relation> relations;

    bool isEmpty() const { return spans.isEmpty(); }
    // Removes span `index` with every relation that touches it; the others'
    // indexes follow.
    void removeSpan(int index);
    // Spans in reading order (start, then longer first, then label), the
    // relations renumbered to match. Returns where each old index went.
    QList<int> sort();
    // The index of a span with this label and offsets, or -1.
    int find(const QString& label, qint64 start, qint64 end) const;
};

// Reading and writing the "spans" and "relations" parts of a result.
namespace spanresult {

// The spans and relations of a result. An entry that is not a span (not an
// object, offsets that are not whole numbers, start < 0, end <= start, or
// past `codePointCount` when that is given, >= 0) is left out and said in
// `problems`, when given (the first few, then a count), as is a relation
// that names a span that is not there (or was left out).
TextAnnotation read(const QJsonObject& result, QStringList* problems = nullptr,
                    qint64 codePointCount = -1);
// The same, failing on the first problem.
Expected<TextAnnotation> parse(const QJsonObject& result, qint64 codePointCount = -1);

// `result` with "spans" and "relations" written from `annotation`; an empty
// relation list is written only when the result had one. Every other key
// stays.
QJsonObject withSpans(const QJsonObject& result, const TextAnnotation& annotation);

// A fast reading of a stored result's JSON text for the exports, which read
// a million results: the spans and relations `read` gives, without building
// a QJsonObject. It takes the shape this codec writes (spans with "label",
// "start" and "end" only, relations with "from", "to" and "label", other keys
// skipped) and returns false for anything else (escapes in a label, attrs or
// a note, a span or relation `read` would leave out, a key given twice), in
// which case the caller reads the result with `read`. The spans' `source` is
// left empty: what is scanned is for writing elsewhere, not back.
bool scan(QByteArrayView json, TextAnnotation& out, qint64 codePointCount = -1);

}  // namespace spanresult
}  // namespace postil

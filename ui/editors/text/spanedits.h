#pragma once

#include <QHash>

#include "model/spanresult.h"

namespace postil {

// The edits of the text editor on a TextAnnotation, apart from any widget so
// that they are tested alone. Each leaves the spans in reading order
// (TextAnnotation::sort, relations renumbered) and returns where the span it
// is about ended up.
namespace spanedit {

// Which spans an annotation holds, by label and offsets: a lookup in
// constant time where TextAnnotation::find walks the list.
class SpanKeys {
public:
    explicit SpanKeys(const TextAnnotation& annotation);
    // The index of a span with this label and offsets, or -1.
    int find(const Span& span) const { return m_index.value(key(span), -1); }
    void insert(const Span& span, int index) { m_index.insert(key(span), index); }

private:
    static QString key(const Span& span);
    QHash<QString, int> m_index;
};

// Adds 'span' unless a span with its label and offsets is there already;
// returns the index of the new span or of the one found.
int add(TextAnnotation& annotation, const Span& span);
// Gives span 'index' the label; when that makes it the twin of another span
// (same label and offsets) the relabelled one goes and the twin's index is
// returned. -1 when 'index' is not a span.
int relabel(TextAnnotation& annotation, int index, const QString& label);

// A span labelled 'label' over each range of 'ranges' (code points, in
// order, not overlapping each other) that overlaps no span with that label
// already; returns how many were added, and the others in 'skipped'.
int labelAll(TextAnnotation& annotation, const QList<QPair<qint64, qint64>>& ranges,
             const QString& label, int* skipped = nullptr);

// What copying spans from another annotation did.
struct Adoption {
    int added = 0;        // spans copied
    int alreadyHere = 0;  // spans the annotation had already (same label and offsets)
    int relations = 0;    // relations copied
    int first = -1;       // the index of the first span copied (or found), -1 none
};
// Copies the spans of 'source' that 'annotation' lacks, with their attributes
// and notes, and the relations of 'source' between spans now in both; with
// 'onlySpan' >= 0, that span of 'source' only.
Adoption adopt(TextAnnotation& annotation, const TextAnnotation& source, int onlySpan = -1);

}  // namespace spanedit
}  // namespace postil

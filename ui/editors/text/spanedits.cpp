#include "editors/text/spanedits.h"

#include <algorithm>

namespace postil::spanedit {

SpanKeys::SpanKeys(const TextAnnotation& annotation) {
    m_index.reserve(annotation.spans.size());
    for (int i = 0; i < annotation.spans.size(); ++i)
        m_index.insert(key(annotation.spans[i]), i);
}

QString SpanKeys::key(const Span& span) {
    return QStringLiteral("%1:%2:").arg(span.start).arg(span.end) + span.label;
}

namespace {

// TextAnnotation::sort's order: start, then longer first, then label.
bool readsBefore(const Span& a, const Span& b) {
    if (a.start != b.start)
        return a.start < b.start;
    if (a.end != b.end)
        return a.end > b.end;
    return a.label < b.label;
}

}  // namespace

int add(TextAnnotation& annotation, const Span& span) {
    const auto sorted = [&] {
        return std::is_sorted(annotation.spans.cbegin(), annotation.spans.cend(), readsBefore);
    };
    if (!sorted()) {
        // Spans read from elsewhere may come in any order: sort once.
        const int found = annotation.find(span.label, span.start, span.end);
        if (found >= 0)
            return found;
        annotation.spans.append(span);
        const int added = int(annotation.spans.size()) - 1;
        return annotation.sort().value(added, -1);
    }
    // In reading order: a binary search finds its place (or its twin), and
    // the relations after it move up by one. No sort of 20,000 spans per key.
    const auto at =
        std::lower_bound(annotation.spans.cbegin(), annotation.spans.cend(), span, readsBefore);
    const int index = int(at - annotation.spans.cbegin());
    if (at != annotation.spans.cend() && at->start == span.start && at->end == span.end &&
        at->label == span.label)
        return index;
    annotation.spans.insert(index, span);
    for (Relation& relation : annotation.relations) {
        if (relation.from >= index)
            ++relation.from;
        if (relation.to >= index)
            ++relation.to;
    }
    return index;
}

int relabel(TextAnnotation& annotation, int index, const QString& label) {
    if (index < 0 || index >= annotation.spans.size())
        return -1;
    Span& span = annotation.spans[index];
    if (span.label == label)
        return index;
    const int twin = annotation.find(label, span.start, span.end);
    if (twin >= 0) {
        annotation.removeSpan(index);
        return twin > index ? twin - 1 : twin;
    }
    span.label = label;
    return annotation.sort().value(index, -1);
}

int labelAll(TextAnnotation& annotation, const QList<QPair<qint64, qint64>>& ranges,
             const QString& label, int* skipped) {
    // The label's spans in reading order, with the running maximum of their
    // ends: a range overlaps one of them when any span starting before the
    // range's end ends after its start.
    QList<qint64> starts;
    QList<qint64> maxEnds;
    for (const Span& span : std::as_const(annotation.spans)) {
        if (span.label != label)
            continue;
        starts.append(span.start);
        maxEnds.append(std::max(span.end, maxEnds.isEmpty() ? qint64(0) : maxEnds.last()));
    }
    int added = 0;
    int left = 0;
    for (const auto& [start, end] : ranges) {
        const qsizetype before =
            std::lower_bound(starts.cbegin(), starts.cend(), end) - starts.cbegin();
        if (end <= start || (before > 0 && maxEnds[before - 1] > start)) {
            ++left;
            continue;
        }
        Span span;
        span.label = label;
        span.start = start;
        span.end = end;
        annotation.spans.append(span);
        ++added;
    }
    if (added > 0)
        annotation.sort();
    if (skipped)
        *skipped = left;
    return added;
}

Adoption adopt(TextAnnotation& annotation, const TextAnnotation& source, int onlySpan) {
    Adoption adoption;
    QList<int> mapped(source.spans.size(), -1);  // source index -> index here
    SpanKeys here(annotation);
    for (int i = 0; i < source.spans.size(); ++i) {
        if (onlySpan >= 0 && i != onlySpan)
            continue;
        const Span& from = source.spans[i];
        const int twin = here.find(from);
        if (twin >= 0) {
            mapped[i] = twin;
            ++adoption.alreadyHere;
            continue;
        }
        Span copy;
        copy.label = from.label;
        copy.start = from.start;
        copy.end = from.end;
        copy.attrs = from.attrs;
        copy.note = from.note;
        mapped[i] = int(annotation.spans.size());
        here.insert(copy, mapped[i]);
        annotation.spans.append(copy);
        ++adoption.added;
    }
    for (const Relation& relation : source.relations) {
        const int from = mapped.value(relation.from, -1);
        const int to = mapped.value(relation.to, -1);
        if (from < 0 || to < 0)
            continue;
        const bool there = std::any_of(
            annotation.relations.cbegin(), annotation.relations.cend(), [&](const Relation& r) {
                return r.from == from && r.to == to && r.label == relation.label;
            });
        if (there)
            continue;
        Relation copy;
        copy.from = from;
        copy.to = to;
        copy.label = relation.label;
        annotation.relations.append(copy);
        ++adoption.relations;
    }
    int first = -1;
    for (int i = 0; i < mapped.size() && first < 0; ++i)
        first = mapped[i];
    const QList<int> order = annotation.sort();
    adoption.first = first >= 0 ? order.value(first, -1) : -1;
    return adoption;
}

}  // namespace postil::spanedit

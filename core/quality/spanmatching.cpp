#include "quality/spanmatching.h"

#include <QHash>

#include "quality/hungarian.h"
#include "quality/intervalclusters.h"

namespace postil::quality {

namespace {

// Index lists of the spans per label.
QMap<QString, QList<int>> byLabel(const TextAnnotation& annotation) {
    QMap<QString, QList<int>> labels;
    for (int i = 0; i < annotation.spans.size(); ++i)
        labels[annotation.spans.at(i).label] << i;
    return labels;
}

}  // namespace

SpanMatch matchSpans(const TextAnnotation& a, const TextAnnotation& b) {
    SpanMatch match;
    const QMap<QString, QList<int>> labelsA = byLabel(a);
    const QMap<QString, QList<int>> labelsB = byLabel(b);
    for (const auto& [label, spans] : labelsA.asKeyValueRange()) {
        match.exact[label].itemsA = spans.size();
        match.overlap[label].itemsA = spans.size();
    }
    for (const auto& [label, spans] : labelsB.asKeyValueRange()) {
        match.exact[label].itemsB = spans.size();
        match.overlap[label].itemsB = spans.size();
    }

    // Exact: equal offsets pair off in order; a's span -> b's span, for relations.
    QList<int> exactPartner(a.spans.size(), -1);
    for (auto it = match.exact.begin(); it != match.exact.end(); ++it) {
        const QList<int> left = labelsA.value(it.key());
        QList<int> right = labelsB.value(it.key());
        for (int i : left) {
            for (qsizetype k = 0; k < right.size(); ++k) {
                const Span& other = b.spans.at(right.at(k));
                if (other.start == a.spans.at(i).start && other.end == a.spans.at(i).end) {
                    exactPartner[i] = right.at(k);
                    right.removeAt(k);
                    ++it->matches;
                    it->overlapSum += 1.0;
                    break;
                }
            }
        }
    }

    for (auto it = match.overlap.begin(); it != match.overlap.end(); ++it) {
        const QList<int> left = labelsA.value(it.key());
        const QList<int> right = labelsB.value(it.key());
        QList<std::pair<double, double>> intervalsA;
        QList<std::pair<double, double>> intervalsB;
        for (int i : left)
            intervalsA.append({double(a.spans.at(i).start), double(a.spans.at(i).end)});
        for (int j : right)
            intervalsB.append({double(b.spans.at(j).start), double(b.spans.at(j).end)});
        for (const IntervalCluster& cluster : overlapClusters(intervalsA, intervalsB)) {
            const int rows = int(cluster.a.size());
            const int columns = int(cluster.b.size());
            if (rows == 0 || columns == 0)
                continue;
            QList<double> weights(qsizetype(rows) * columns, 0.0);
            for (int i = 0; i < rows; ++i)
                for (int j = 0; j < columns; ++j) {
                    const auto& x = intervalsA.at(cluster.a.at(i));
                    const auto& y = intervalsB.at(cluster.b.at(j));
                    weights[qsizetype(i) * columns + j] =
                        intervalIoU(x.first, x.second, y.first, y.second);
                }
            const QList<int> assigned = maximumWeightAssignment(weights, rows, columns);
            for (int i = 0; i < rows; ++i) {
                const int j = assigned.at(i);
                if (j < 0 || weights.at(qsizetype(i) * columns + j) <= 0)
                    continue;
                ++it->matches;
                it->overlapSum += weights.at(qsizetype(i) * columns + j);
            }
        }
    }

    // Relations: a's relation (from, to, label) maps through the exact
    // matches onto a relation of b, each of b's used once.
    match.relations.itemsA = a.relations.size();
    match.relations.itemsB = b.relations.size();
    QList<bool> used(b.relations.size(), false);
    for (const Relation& r : a.relations) {
        const int from = exactPartner.value(r.from, -1);
        const int to = exactPartner.value(r.to, -1);
        if (from < 0 || to < 0)
            continue;
        for (qsizetype k = 0; k < b.relations.size(); ++k) {
            const Relation& other = b.relations.at(k);
            if (!used.at(k) && other.from == from && other.to == to && other.label == r.label) {
                used[k] = true;
                ++match.relations.matches;
                break;
            }
        }
    }
    return match;
}

}  // namespace postil::quality

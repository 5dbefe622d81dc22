#include "quality/boxmatching.h"

#include <algorithm>

#include "quality/hungarian.h"

namespace postil::quality {

double boxIoU(const Box& a, const Box& b) {
    const double width = std::max(0.0, std::min(a.x + a.w, b.x + b.w) - std::max(a.x, b.x));
    const double height = std::max(0.0, std::min(a.y + a.h, b.y + b.h) - std::max(a.y, b.y));
    const double intersection = width * height;
    const double unionArea = a.w * a.h + b.w * b.h - intersection;
    return unionArea > 0 ? intersection / unionArea : 0.0;
}

QMap<QString, MatchTally> matchBoxes(const QList<Box>& a, const QList<Box>& b, double threshold) {
    QMap<QString, QList<const Box*>> byLabelA;
    QMap<QString, QList<const Box*>> byLabelB;
    for (const Box& box : a)
        byLabelA[box.label] << &box;
    for (const Box& box : b)
        byLabelB[box.label] << &box;
    QMap<QString, MatchTally> tallies;
    for (const auto& [label, boxes] : byLabelA.asKeyValueRange())
        tallies[label].itemsA = boxes.size();
    for (const auto& [label, boxes] : byLabelB.asKeyValueRange())
        tallies[label].itemsB = boxes.size();
    for (auto it = tallies.begin(); it != tallies.end(); ++it) {
        const QList<const Box*> left = byLabelA.value(it.key());
        const QList<const Box*> right = byLabelB.value(it.key());
        if (left.isEmpty() || right.isEmpty())
            continue;
        const int rows = int(left.size());
        const int columns = int(right.size());
        QList<double> weights(qsizetype(rows) * columns, 0.0);
        for (int i = 0; i < rows; ++i)
            for (int j = 0; j < columns; ++j) {
                const double iou = boxIoU(*left.at(i), *right.at(j));
                weights[qsizetype(i) * columns + j] = iou >= threshold ? iou : 0.0;
            }
        const QList<int> assigned = maximumWeightAssignment(weights, rows, columns);
        for (int i = 0; i < rows; ++i) {
            const int j = assigned.at(i);
            if (j < 0 || weights.at(qsizetype(i) * columns + j) <= 0)
                continue;
            const double iou = weights.at(qsizetype(i) * columns + j);
            if (iou < threshold)
                continue;
            ++it->matches;
            it->overlapSum += iou;
        }
    }
    return tallies;
}

}  // namespace postil::quality

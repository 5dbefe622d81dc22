#include "quality/matchtally.h"

#include <algorithm>

namespace postil::quality {

void MatchTally::add(const MatchTally& other) {
    itemsA += other.itemsA;
    itemsB += other.itemsB;
    matches += other.matches;
    overlapSum += other.overlapSum;
}

Figure MatchTally::precision() const {
    if (itemsB == 0)
        return Figure::undefined(QStringLiteral("the second annotator marked nothing"));
    return Figure::of(double(matches) / double(itemsB));
}

Figure MatchTally::recall() const {
    if (itemsA == 0)
        return Figure::undefined(QStringLiteral("the first annotator marked nothing"));
    return Figure::of(double(matches) / double(itemsA));
}

Figure MatchTally::f1() const {
    if (itemsA + itemsB == 0)
        return Figure::undefined(QStringLiteral("neither annotator marked anything"));
    return Figure::of(2.0 * double(matches) / double(itemsA + itemsB));
}

Figure MatchTally::meanOverlap() const {
    if (matches == 0)
        return Figure::undefined(QStringLiteral("no matches"));
    return Figure::of(overlapSum / double(matches));
}

QJsonObject MatchTally::toJson(const QString& noun, bool withOverlap) const {
    QJsonObject json{{noun + QStringLiteral("_a"), itemsA},
                     {noun + QStringLiteral("_b"), itemsB},
                     {QStringLiteral("matches"), matches}};
    putFigure(json, QStringLiteral("precision"), precision());
    putFigure(json, QStringLiteral("recall"), recall());
    putFigure(json, QStringLiteral("f1"), f1());
    if (withOverlap)
        putFigure(json, QStringLiteral("mean_iou"), meanOverlap());
    return json;
}

double intervalIoU(double startA, double endA, double startB, double endB) {
    const double intersection = std::max(0.0, std::min(endA, endB) - std::max(startA, startB));
    const double unionLength = (endA - startA) + (endB - startB) - intersection;
    return unionLength > 0 ? intersection / unionLength : 0.0;
}

}  // namespace postil::quality

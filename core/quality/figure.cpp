#include "quality/figure.h"

#include <QJsonValue>
#include <cmath>

namespace postil::quality {

Figure Figure::of(double value) {
    if (!std::isfinite(value))
        return undefined(QStringLiteral("the computation gave no finite number"));
    Figure figure;
    figure.value = value;
    return figure;
}

Figure Figure::undefined(const QString& reason) {
    Figure figure;
    figure.reason = reason;
    return figure;
}

void putFigure(QJsonObject& object, const QString& key, const Figure& figure) {
    if (figure.value) {
        object.insert(key, *figure.value);
        return;
    }
    object.insert(key, QJsonValue::Null);
    QJsonObject reasons = object.value(QLatin1String("undefined")).toObject();
    reasons.insert(key, figure.reason);
    object.insert(QStringLiteral("undefined"), reasons);
}

}  // namespace postil::quality

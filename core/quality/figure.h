#pragma once

#include <QJsonObject>
#include <QString>
#include <optional>

// The figures of core/quality: a number, or why there is none. A statistic
// that divides by zero on the data it was given (one annotator, one label
// only, no overlap) is "not defined", written as JSON null with the reason
// beside it, never NaN: a script reading the report must not mistake it for a
// value, and a person must see why.
namespace postil::quality {

struct Figure {
    std::optional<double> value;
    QString reason;  // why there is no value; empty when there is one

    // A value; one that is not finite becomes undefined (it cannot be written
    // as JSON, and it always means a division the caller did not guard).
    static Figure of(double value);
    static Figure undefined(const QString& reason);
    bool isDefined() const { return value.has_value(); }
};

// Puts `figure` under `key`: the number, or null with the reason under
// "undefined": {key: reason} of the same object.
void putFigure(QJsonObject& object, const QString& key, const Figure& figure);

}  // namespace postil::quality

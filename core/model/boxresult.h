#pragma once

#include <QByteArrayView>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QRectF>
#include <QString>
#include <QStringList>
#include <optional>

#include "store/status.h"

namespace postil {

// One box of an image annotation, as docs/architecture.md §4 stores it in
// "boxes": pixels of the displayed (EXIF-oriented) image, top-left origin,
// floating point, written to 0.01 px (model/boxprecision). The one box type of
// the image editor, the detection imports and exports and the proposals.
struct Box {
    QString label;
    double x = 0;
    double y = 0;
    double w = 0;
    double h = 0;
    QJsonObject attrs;  // attribute name -> value (bool for flags)
    // The object the box was read from, empty for a new box: writing starts
    // from it, so keys this build does not know survive and an untouched box
    // is written back byte for byte. Never compared.
    QJsonObject source;

    QRectF rect() const { return QRectF(x, y, w, h); }
    void setRect(const QRectF& rect);
    // Same label, geometry (exactly) and attributes.
    bool sameAs(const Box& other) const;
    // Whether the geometry is, to the bit, the one its source holds: an
    // untouched box (false for a new one).
    bool isAsRead() const;
    // The source object with label, x, y, w, h and attrs put; a value equal
    // to the stored one keeps its stored form.
    QJsonObject toJson() const;
};

// Reading and writing the "boxes" part of an annotation result.
namespace boxresult {

// The boxes of a result. An entry that is not a box (not an object, or a
// coordinate that is not a finite number) is left out and said in
// `problems`, when given (the first few, then a count); a label that is not
// text reads as "" and attributes that are not an object as none.
QList<Box> read(const QJsonObject& result, QStringList* problems = nullptr);
// The same, failing on the first problem.
Expected<QList<Box>> parse(const QJsonObject& result);

// The boxes of a stored result straight from its JSON text: what
// read(QJsonDocument::fromJson(json).object()) gives, at a fraction of the
// cost. Exports read a million boxes, and building a QJsonDocument per task
// was a quarter of a COCO export's time. Falls back to the Qt parse for text
// the scanner does not handle. `source` is left empty (nothing writes back).
QList<Box> readJson(QByteArrayView json);
// The fast path alone: nullopt when the text holds something it does not
// handle (an escaped label, a number it does not read, malformed JSON), for
// the caller to fall back.
std::optional<QList<Box>> scan(QByteArrayView json);

QJsonArray toJson(const QList<Box>& boxes);
// `result` with its "boxes" written from `boxes`; entries of the stored list
// that are not boxes follow them as they were, every other key stays.
QJsonObject withBoxes(const QJsonObject& result, const QList<Box>& boxes);

}  // namespace boxresult
}  // namespace postil

#pragma once

#include <QByteArrayView>
#include <QList>
#include <optional>

#include "formats/detectionsupport.h"

namespace postil::detection {

// The boxes of a stored annotation result, read straight from its JSON text:
// what boxesOf(QJsonDocument::fromJson(json).object()) gives, at a fraction of
// the cost. Exports read a million boxes, and building a QJsonDocument per
// task was a quarter of a COCO export's time.
QList<Box> boxesOfJson(QByteArrayView json);

// The fast path alone: nullopt when the text holds something it does not
// handle (an escaped label, malformed JSON), for the caller to fall back.
std::optional<QList<Box>> scanBoxes(QByteArrayView json);

}  // namespace postil::detection

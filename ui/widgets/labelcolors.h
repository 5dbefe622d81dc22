#pragma once

#include <QColor>
#include <QHash>
#include <QIcon>
#include <QList>

#include "model/schema.h"

namespace postil {

// The colour of each label an editor places: the schema's, or for a label
// that names none (or an unreadable one) a distinct hue by its position, so
// the image and text editors colour the same label alike.
QHash<QString, QColor> labelColors(const QList<Label>& labels);
// A stable colour for a label the schema does not know.
QColor unknownLabelColor(const QString& name);
// A small round swatch of 'color' for buttons and lists.
QIcon labelSwatch(const QColor& color);

}  // namespace postil

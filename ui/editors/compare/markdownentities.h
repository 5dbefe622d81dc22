#pragma once

#include <QString>
#include <QStringView>

namespace postil::markdown {

// What an entity md4c found ("&amp;", "&#128512;", "&#x41;") stands for:
// md4c hands every one over undecoded. Numeric ones are decoded (an invalid
// code point becomes U+FFFD, as CommonMark asks), named ones from a table of
// those responses use; empty for an unknown name, which is shown as written.
QString decodeEntity(QStringView entity);

}  // namespace postil::markdown

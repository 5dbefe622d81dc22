#pragma once

#include <QLocale>
#include <QString>

namespace postil {

// "1 span" or "%1 spans" filled in (the number as the locale writes it): English plurals without a
// translation file (tr's %n reads "1 spans" when none is loaded, and the studio ships none). Every
// count the studio shows goes through it.
inline QString counted(qint64 n, const QString& one, const QString& many) {
    return n == 1 ? one : many.arg(QLocale().toString(n));
}

}  // namespace postil

#include "formats/format.h"

#include <QFileInfo>

namespace postil {

bool Format::probe(const QString& path) const {
    const QString suffix = QFileInfo(path).suffix().toLower();
    return !suffix.isEmpty() && extensions().contains(suffix);
}

Status Format::read(const QString&, ImportSession&) {
    return Status::failure(QStringLiteral("format '%1' cannot be read").arg(name()));
}

Status Format::write(Project&, const QString&, const ExportOptions&, ExportReport&) {
    return Status::failure(QStringLiteral("format '%1' cannot be written").arg(name()));
}

QString Format::fileFilter() const {
    QStringList patterns;
    for (const QString& ext : extensions())
        patterns << QStringLiteral("*.") + ext;
    return QStringLiteral("%1 (%2)").arg(description(), patterns.join(QLatin1Char(' ')));
}

}  // namespace postil

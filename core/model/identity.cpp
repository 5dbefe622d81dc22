#include "model/identity.h"

#include <QSettings>

#include "model/ids.h"

namespace postil {

namespace {
QString osUser() {
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    return user.isEmpty() ? QStringLiteral("annotator") : user;
}
}  // namespace

Identity Identity::local() {
    QSettings settings(QStringLiteral("Postil"), QStringLiteral("Postil"));
    Identity identity;
    identity.annotator = settings.value(QStringLiteral("identity/annotator")).toString();
    if (identity.annotator.isEmpty())
        identity.annotator = osUser();
    identity.device = settings.value(QStringLiteral("identity/device")).toString();
    if (identity.device.isEmpty()) {
        identity.device = newUuid();
        settings.setValue(QStringLiteral("identity/device"), identity.device);
    }
    return identity;
}

bool Identity::hasChosenName() {
    QSettings settings(QStringLiteral("Postil"), QStringLiteral("Postil"));
    return !settings.value(QStringLiteral("identity/annotator")).toString().isEmpty();
}

void Identity::setAnnotatorName(const QString& name) {
    QSettings settings(QStringLiteral("Postil"), QStringLiteral("Postil"));
    settings.setValue(QStringLiteral("identity/annotator"), name.trimmed());
}

}  // namespace postil

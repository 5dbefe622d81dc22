#include "shell/recentprojects.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QSettings>

namespace postil {

namespace {
const QString kKey = QStringLiteral("recent/projects");

QSettings settings() {
    return QSettings(QStringLiteral("Postil"), QStringLiteral("Postil"));
}
}  // namespace

QStringList RecentProjects::list() {
    QStringList existing;
    for (const QString& path : settings().value(kKey).toStringList())
        if (QFileInfo::exists(path))
            existing << path;
    return existing;
}

void RecentProjects::add(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList paths = settings().value(kKey).toStringList();
    paths.removeAll(absolute);
    paths.prepend(absolute);
    while (paths.size() > kMax)
        paths.removeLast();
    settings().setValue(kKey, paths);
}

void RecentProjects::remove(const QString& path) {
    QStringList paths = settings().value(kKey).toStringList();
    paths.removeAll(QFileInfo(path).absoluteFilePath());
    settings().setValue(kKey, paths);
}

namespace {
// Settings keys cannot hold every character of a path: key by its hash.
QString lastTaskKey(const QString& path) {
    const QByteArray hash = QCryptographicHash::hash(QFileInfo(path).absoluteFilePath().toUtf8(),
                                                     QCryptographicHash::Sha1);
    return QStringLiteral("lastTask/") + QString::fromLatin1(hash.toHex());
}
}  // namespace

qint64 RecentProjects::lastTask(const QString& path) {
    return settings().value(lastTaskKey(path)).toLongLong();
}

void RecentProjects::setLastTask(const QString& path, qint64 taskId) {
    settings().setValue(lastTaskKey(path), taskId);
}

}  // namespace postil

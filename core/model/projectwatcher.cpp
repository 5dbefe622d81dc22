#include "model/projectwatcher.h"

#include "model/project.h"

namespace postil {

ProjectWatcher::ProjectWatcher(Project& project, QObject* parent)
    : QObject(parent), m_project(project) {
    m_version = dataVersion();
    m_timer.setInterval(kIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &ProjectWatcher::check);
    m_timer.start();
}

qint64 ProjectWatcher::dataVersion() const {
    auto version = m_project.database().queryInt(QStringLiteral("PRAGMA data_version"));
    return version.ok() ? *version : m_version;
}

bool ProjectWatcher::check() {
    const qint64 now = dataVersion();
    if (now == m_version)
        return false;
    m_version = now;
    Q_EMIT changedElsewhere();
    return true;
}

}  // namespace postil

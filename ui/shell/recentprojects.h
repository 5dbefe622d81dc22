#pragma once

#include <QStringList>

namespace postil {

// The most recently opened project files, newest first, kept in the settings.
class RecentProjects {
public:
    static QStringList list();  // only files that still exist
    static void add(const QString& path);
    static void remove(const QString& path);
    // The task the user was on when they last left the project; 0 if none.
    static qint64 lastTask(const QString& path);
    static void setLastTask(const QString& path, qint64 taskId);
    static constexpr int kMax = 10;
};

}  // namespace postil

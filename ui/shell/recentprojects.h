#pragma once

#include <QStringList>

namespace postil {

// The most recently opened project files, newest first, kept in the settings.
class RecentProjects {
public:
    static QStringList list();  // only files that still exist
    static void add(const QString& path);
    static void remove(const QString& path);
    static constexpr int kMax = 10;
};

}  // namespace postil

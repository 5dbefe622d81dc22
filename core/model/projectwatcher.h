#pragma once

#include <QObject>
#include <QTimer>

namespace postil {

class Project;

// Tells when another connection (postil-cli importing while the studio is
// open, a merge) committed to the project file. Polls SQLite's
// `PRAGMA data_version`, which changes only for other connections' commits:
// one cheap read of the shared WAL index, no file opened by us and no file
// watcher (docs/architecture.md, "Locks that other code cannot drop").
class ProjectWatcher : public QObject {
    Q_OBJECT
public:
    static constexpr int kIntervalMs = 1000;

    explicit ProjectWatcher(Project& project, QObject* parent = nullptr);
    // Checks now; emits changedElsewhere() when something changed since the
    // last check. Returns whether it did.
    bool check();

Q_SIGNALS:
    void changedElsewhere();

private:
    qint64 dataVersion() const;

    Project& m_project;
    qint64 m_version = -1;
    QTimer m_timer;
};

}  // namespace postil

#pragma once

#include <QFrame>

#include "model/task.h"
#include "sync/conflicts.h"

class QLabel;
class QVBoxLayout;

namespace postil {

class Project;

// The banner over the task view when the task has answers kept from a
// conflict (sync/conflicts.h): one annotator changed it on two devices apart
// and a merge kept both. Each version is a line (who, live or kept, status,
// device, when, what it holds: "3 boxes; answers: topic = a") with "Take
// This Version". The panel only shows and asks; the workspace takes the
// version (TaskWorkspace::takeConflictVersion) so that the open document is
// closed before the row changes under it and read again after.
class ConflictPanel : public QFrame {
    Q_OBJECT
public:
    explicit ConflictPanel(QWidget* parent = nullptr);

    // Reads the task's conflicts; hidden when there are none. nullptr hides.
    void showTask(Project* project, const Task& task);
    void clear();
    // The conflicts shown (tests).
    const QList<Conflict>& conflicts() const { return m_conflicts; }

    // "2 boxes; answers: topic = a, old = yes" — what a version holds, short.
    static QString summary(const Task& task, const Annotation& version);
    // "alice · kept · submitted · device 3f2a9c1e · 6 Dec 2026 07:21"
    static QString versionLine(const Annotation& version, bool live);

Q_SIGNALS:
    void takeRequested(const QString& annotator, qint64 hlc, const QString& device);

private:
    void rebuild(bool writable);

    QLabel* m_title;
    QVBoxLayout* m_rows;
    QWidget* m_rowsHolder;
    Task m_task;
    QList<Conflict> m_conflicts;
};

}  // namespace postil

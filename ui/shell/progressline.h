#pragma once

#include <QLabel>

namespace postil {

class Project;

// The status bar's progress line: tasks this annotator has finished out of
// all tasks, and the pace over the last hour.
class ProgressLine : public QLabel {
    Q_OBJECT
public:
    explicit ProgressLine(QWidget* parent = nullptr);
    // The task total comes from the caller, who has counted it already (the
    // task list), so opening a big project counts a million rows once.
    void setProject(Project* project, qint64 totalTasks);
    // Re-reads the counts; cheap (indexed counts), called after each edit.
    void refresh();

private:
    Project* m_project = nullptr;
    qint64 m_total = 0;
};

}  // namespace postil

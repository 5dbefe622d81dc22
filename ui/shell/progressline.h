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
    void setProject(Project* project);
    // Re-reads the counts; cheap (indexed counts), called after each edit.
    void refresh();
    // Re-reads the task total as well (after an import).
    void reload();

private:
    Project* m_project = nullptr;
    qint64 m_total = 0;
};

}  // namespace postil

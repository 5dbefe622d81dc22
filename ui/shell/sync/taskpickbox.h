#pragma once

#include <QComboBox>

#include "model/taskpicks.h"

namespace postil {

class Project;

// The task list's second filter, by everyone's rows (model/taskpicks):
// every task, conflicts, disagreements, reviewed, not reviewed, and one
// entry per annotator of the project ("By alice").
class TaskPickBox : public QComboBox {
    Q_OBJECT
public:
    explicit TaskPickBox(QWidget* parent = nullptr);

    // Lists the project's annotators; the pick stays when it still makes
    // sense there (the same annotator is still listed), else it is Every.
    void setProject(Project* project);
    TaskPick pick() const;
    // Selects 'pick' (an annotator not listed selects Every); emits picked().
    void setPick(const TaskPick& pick);

Q_SIGNALS:
    void picked(const TaskPick& pick);

private:
    void fill(const QStringList& annotators);
};

}  // namespace postil

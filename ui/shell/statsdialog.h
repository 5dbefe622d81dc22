#pragma once

#include <QDialog>

class QLabel;
class QTableWidget;

namespace postil {

class Project;

// Project ▸ Statistics: what the project holds and where each annotator stands,
// with accuracy on gold tasks where the project has them. Counted by
// computeProjectStats in a few aggregate queries, so it opens at once on a big
// project.
class StatsDialog : public QDialog {
    Q_OBJECT
public:
    explicit StatsDialog(Project& project, QWidget* parent = nullptr);

    QTableWidget* annotatorTable() const { return m_table; }
    QString summaryText() const;

private:
    void refresh();

    Project& m_project;
    QLabel* m_summary;
    QTableWidget* m_table;
};

}  // namespace postil

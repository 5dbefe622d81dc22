#pragma once

#include <QDialog>

#include "model/project.h"

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace postil {

// Asks for a new project's name, kind, file and optional schema file.
class NewProjectDialog : public QDialog {
    Q_OBJECT
public:
    explicit NewProjectDialog(QWidget* parent = nullptr);

    QString path() const;
    // The options to create the project with; fails when the schema file
    // cannot be read or is invalid.
    Expected<Project::CreateOptions> options() const;

private:
    void updateState();
    QLineEdit* m_name;
    QComboBox* m_kind;
    QLineEdit* m_folder;
    QLineEdit* m_schema;
    QLabel* m_problem;
    QDialogButtonBox* m_buttons;
};

}  // namespace postil

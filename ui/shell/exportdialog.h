#pragma once

#include <QDialog>

#include "formats/format.h"

class QComboBox;
class QLabel;
class QLineEdit;

namespace postil {

class Project;

// The studio's Export dialog: the format (only those that carry the project's
// task kinds), whose work and which statuses, and where to write: a file, or a
// folder for the formats that write one file per image. Starts in the last
// folder exported to, else the project's folder (never the hidden data folder
// the demo project lives in).
class ExportDialog : public QDialog {
    Q_OBJECT
public:
    explicit ExportDialog(Project& project, QWidget* parent = nullptr);

    Format* format() const;
    QString outputPath() const;
    // Annotator and status as chosen; the caller adds progress.
    ExportOptions options() const;

    void accept() override;

private:
    void formatChanged();
    void browse();

    Project& m_project;
    QComboBox* m_format;
    QComboBox* m_annotator;
    QComboBox* m_status;
    QLabel* m_outputLabel;
    QLineEdit* m_output;
};

}  // namespace postil

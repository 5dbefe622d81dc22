#pragma once

#include <QDialog>
#include <QList>

#include "store/status.h"
#include "sync/packwriter.h"

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTimer;

namespace postil {

class Project;

// File ▸ Hand Out Work: who gets work (one name, or several), which tasks
// (packselection's filter words), split into shares with an overlap or the
// same tasks to each, the media inside or not, and where the packs go (a
// file for one annotator, a folder for several). It only plans: WorkSync
// writes the packs on a worker thread. The line under the form says what
// the choice gives ("40 tasks: alice 20, bob 20") before anything is written.
class HandOutDialog : public QDialog {
    Q_OBJECT
public:
    explicit HandOutDialog(Project& project, QWidget* parent = nullptr);

    // One PackOutOptions per annotator (no progress or cancel yet), or why
    // the choice cannot be handed out.
    Expected<QList<PackOutOptions>> plan() const;

    void accept() override;

private:
    QStringList annotators() const;
    bool several() const { return annotators().size() > 1; }
    void updateForm();
    void updatePreview();
    void browse();

    Project& m_project;
    QLineEdit* m_annotators;
    QLineEdit* m_tasks;
    QCheckBox* m_split;
    QSpinBox* m_overlap;
    QCheckBox* m_withMedia;
    QLabel* m_outputLabel;
    QLineEdit* m_output;
    QLabel* m_preview;
    QDialogButtonBox* m_buttons;
    QTimer* m_previewTimer;
    // The output the dialog proposed last: replaced when the number of
    // annotators changes, unless the user typed their own.
    QString m_proposedOutput;
};

}  // namespace postil

#pragma once

#include <QDialog>

#include "shell/assist/assistactions.h"

class QLabel;
class QPlainTextEdit;

namespace postil {

// What a model run in the studio did: per model, the tasks done, failed
// (each with its reason and the command's last words on standard error) and
// skipped (other kinds, or finished by the annotator), and whether it was
// cancelled. The failures are plain text, so they can be copied whole.
class AssistSummaryDialog : public QDialog {
    Q_OBJECT
public:
    AssistSummaryDialog(const AssistActions::Outcome& outcome, QWidget* parent = nullptr);

    QString headline() const;
    QString details() const;

    // The summary's text: a line per model, then the failures.
    static QString headlineOf(const AssistActions::Outcome& outcome);
    static QString detailsOf(const AssistActions::Outcome& outcome);

private:
    QLabel* m_headline;
    QPlainTextEdit* m_details;
};

}  // namespace postil

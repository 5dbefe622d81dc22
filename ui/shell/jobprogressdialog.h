#pragma once

#include <QDialog>
#include <functional>

class QLabel;
class QProgressBar;
class QPushButton;

namespace postil {

// The progress of one long job (an import, an export): a bar, a line saying
// how far it got ("1,200 of 40,000 tasks written") and Cancel. Window-modal
// over the studio, so the project cannot be edited while the job runs but the
// window keeps painting. Closing it or pressing Escape asks to cancel, like
// the button; the dialog stays until the job has stopped, saying so.
class JobProgressDialog : public QDialog {
    Q_OBJECT
public:
    // The line under the bar, from the latest progress: 'done' of 'total' in
    // the job's unit (0: unknown) and 'count' things done.
    using Describe = std::function<QString(qint64 done, qint64 total, qint64 count)>;

    JobProgressDialog(const QString& title, Describe describe, QWidget* parent = nullptr);

    void setProgress(qint64 done, qint64 total);
    void setCount(qint64 count);
    bool cancelRequested() const { return m_cancelRequested; }
    // The bar's value in thousandths of the total (0 while unknown).
    int permille() const;

    void reject() override;  // Escape and the close button: cancel, not close

Q_SIGNALS:
    void cancelled();

private:
    void requestCancel();
    void updateText();

    Describe m_describe;
    QLabel* m_text;
    QProgressBar* m_bar;
    QPushButton* m_cancel;
    qint64 m_done = 0;
    qint64 m_total = 0;
    qint64 m_count = 0;
    bool m_cancelRequested = false;
};

}  // namespace postil

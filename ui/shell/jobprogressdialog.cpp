#include "shell/jobprogressdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <algorithm>

namespace postil {

JobProgressDialog::JobProgressDialog(const QString& title, Describe describe, QWidget* parent)
    : QDialog(parent),
      m_describe(std::move(describe)),
      m_text(new QLabel(this)),
      m_bar(new QProgressBar(this)),
      m_cancel(new QPushButton(tr("Cancel"), this)) {
    setObjectName(QStringLiteral("jobProgress"));
    setWindowTitle(title);
    m_text->setObjectName(QStringLiteral("text"));
    m_bar->setObjectName(QStringLiteral("bar"));
    m_cancel->setObjectName(QStringLiteral("cancel"));
    // Thousandths: a bar of a few hundred pixels shows no finer step, and
    // totals in bytes would overflow an int.
    m_bar->setRange(0, 0);  // busy until the first progress says how much there is
    auto* buttons = new QDialogButtonBox(this);
    buttons->addButton(m_cancel, QDialogButtonBox::RejectRole);
    connect(m_cancel, &QPushButton::clicked, this, &JobProgressDialog::requestCancel);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addWidget(m_bar);
    layout->addWidget(buttons);
    setMinimumWidth(420);
    updateText();
}

void JobProgressDialog::setProgress(qint64 done, qint64 total) {
    m_done = done;
    m_total = total;
    if (total > 0) {
        m_bar->setRange(0, 1000);
        m_bar->setValue(int(std::clamp<qint64>(done * 1000 / total, 0, 1000)));
    }
    updateText();
}

void JobProgressDialog::setCount(qint64 count) {
    m_count = count;
    updateText();
}

int JobProgressDialog::permille() const {
    return m_bar->maximum() > 0 ? m_bar->value() : 0;
}

void JobProgressDialog::reject() {
    requestCancel();
}

void JobProgressDialog::requestCancel() {
    if (m_cancelRequested)
        return;
    m_cancelRequested = true;
    m_cancel->setEnabled(false);
    updateText();
    Q_EMIT cancelled();
}

void JobProgressDialog::updateText() {
    const QString line = m_describe ? m_describe(m_done, m_total, m_count) : QString();
    m_text->setText(m_cancelRequested ? tr("Cancelling… (%1)").arg(line) : line);
}

}  // namespace postil

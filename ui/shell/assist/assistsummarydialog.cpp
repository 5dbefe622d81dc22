#include "shell/assist/assistsummarydialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include "widgets/counted.h"

namespace postil {

AssistSummaryDialog::AssistSummaryDialog(const AssistActions::Outcome& outcome, QWidget* parent)
    : QDialog(parent), m_headline(new QLabel(this)), m_details(new QPlainTextEdit(this)) {
    setWindowTitle(tr("Model run"));
    m_headline->setObjectName(QStringLiteral("assistHeadline"));
    m_headline->setWordWrap(true);
    m_headline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_headline->setText(headlineOf(outcome));
    m_details->setObjectName(QStringLiteral("assistDetails"));
    m_details->setReadOnly(true);
    m_details->setLineWrapMode(QPlainTextEdit::NoWrap);
    // The command's standard error is often a traceback: columns matter.
    m_details->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    const QString details = detailsOf(outcome);
    m_details->setPlainText(details);
    m_details->setVisible(!details.isEmpty());

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_headline);
    layout->addWidget(m_details, 1);
    layout->addWidget(buttons);
    resize(details.isEmpty() ? QSize(420, 140) : QSize(720, 420));
}

QString AssistSummaryDialog::headline() const {
    return m_headline->text();
}

QString AssistSummaryDialog::details() const {
    return m_details->toPlainText();
}

QString AssistSummaryDialog::headlineOf(const AssistActions::Outcome& outcome) {
    QStringList lines;
    if (!outcome.problem.isEmpty())
        lines << outcome.problem;
    for (const AssistActions::ModelRun& run : outcome.runs) {
        QStringList parts;
        if (run.selected > 0 || run.report.done > 0) {
            parts << counted(run.report.done, tr("1 task done"), tr("%1 tasks done"));
            parts << counted(run.report.failed, tr("1 failed"), tr("%1 failed"));
        }
        if (run.otherKinds > 0)
            parts << counted(run.otherKinds, tr("1 skipped (a kind it does not serve)"),
                             tr("%1 skipped (kinds it does not serve)"));
        if (run.finished > 0)
            parts << counted(run.finished, tr("1 skipped (you finished it)"),
                             tr("%1 skipped (you finished them)"));
        if (parts.isEmpty())
            parts << tr("no task to run");
        QString line = tr("%1: %2").arg(run.model, parts.join(QStringLiteral(", ")));
        if (!run.error.isEmpty())
            line += QLatin1Char('\n') + tr("%1 stopped: %2").arg(run.model, run.error);
        lines << line;
    }
    if (outcome.cancelled)
        lines << tr("Cancelled: the answers stored before Cancel are kept.");
    return lines.join(QLatin1Char('\n'));
}

QString AssistSummaryDialog::detailsOf(const AssistActions::Outcome& outcome) {
    QStringList lines;
    for (const AssistActions::ModelRun& run : outcome.runs) {
        if (run.report.failed == 0 && run.report.problems.isEmpty())
            continue;
        if (!lines.isEmpty())
            lines << QString();
        lines << tr("%1 failed on:").arg(run.model);
        for (const AssistReport::Failure& failure : run.report.failures) {
            const QStringList reason = failure.reason.split(QLatin1Char('\n'));
            lines << tr("  %1: %2").arg(failure.task, reason.value(0));
            for (qsizetype i = 1; i < reason.size(); ++i)
                lines << QStringLiteral("      ") + reason[i];
        }
        if (run.report.failed > run.report.failures.size())
            lines << tr("  … and %1 more").arg(run.report.failed - run.report.failures.size());
        for (const QString& problem : run.report.problems)
            lines << tr("  output: %1").arg(problem);
    }
    return lines.join(QLatin1Char('\n'));
}

}  // namespace postil

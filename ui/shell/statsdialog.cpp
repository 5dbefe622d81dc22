#include "shell/statsdialog.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

#include "model/project.h"
#include "model/projectstats.h"

namespace postil {

namespace {

QTableWidgetItem* numberItem(qint64 value) {
    auto* item = new QTableWidgetItem;
    item->setData(Qt::DisplayRole, value);
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

}  // namespace

StatsDialog::StatsDialog(Project& project, QWidget* parent)
    : QDialog(parent),
      m_project(project),
      m_summary(new QLabel(this)),
      m_table(new QTableWidget(this)) {
    setWindowTitle(tr("Statistics — %1").arg(project.name()));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setWordWrap(true);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setSortingEnabled(true);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* refreshButton = buttons->addButton(tr("&Refresh"), QDialogButtonBox::ActionRole);
    connect(refreshButton, &QPushButton::clicked, this, &StatsDialog::refresh);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(720, 420);
    refresh();
}

QString StatsDialog::summaryText() const {
    return m_summary->text();
}

void StatsDialog::refresh() {
    auto stats = computeProjectStats(m_project);
    if (!stats.ok()) {
        m_summary->setText(
            tr("Could not count the project: %1").arg(stats.error().toHtmlEscaped()));
        m_table->clear();
        return;
    }
    QStringList kinds;
    for (auto it = stats->tasksByKind.cbegin(); it != stats->tasksByKind.cend(); ++it)
        kinds << tr("%1 %2").arg(it.value()).arg(toString(it.key()));
    QString summary = tr("<b>%1 tasks</b> (%2), %3 annotations by %4 annotators.")
                          .arg(stats->tasks)
                          .arg(kinds.join(QStringLiteral(", ")))
                          .arg(stats->annotations)
                          .arg(stats->annotators.size());
    const bool gold = stats->goldTasks > 0;
    if (gold)
        summary += tr(" %1 comparison tasks carry a gold verdict.").arg(stats->goldTasks);
    for (const AssistHelpStats& h : stats->assistHelp)
        summary += QStringLiteral("<br>") +
                   tr("<b>%1</b> helped on %2 submitted tasks: %3 proposals accepted unchanged, "
                      "%4 edited, %5 rejected; %6 added by hand (%7% of the submitted parts came "
                      "from the model).")
                       .arg(h.from.toHtmlEscaped())
                       .arg(h.tasks)
                       .arg(h.accepted)
                       .arg(h.edited)
                       .arg(h.rejected)
                       .arg(h.added)
                       .arg(qRound(100 * h.proposedShare()));
    m_summary->setText(summary);

    const QStringList statuses{QStringLiteral("draft"), QStringLiteral("submitted"),
                               QStringLiteral("skipped")};
    QStringList headers{tr("Annotator"), tr("Draft"), tr("Submitted"), tr("Skipped")};
    if (gold)
        headers << tr("Gold answered") << tr("Gold accuracy");
    m_table->setSortingEnabled(false);
    m_table->clear();
    m_table->setColumnCount(headers.size());
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setRowCount(stats->annotators.size());
    for (int row = 0; row < stats->annotators.size(); ++row) {
        const AnnotatorStats& a = stats->annotators.at(row);
        m_table->setItem(row, 0, new QTableWidgetItem(a.annotator));
        for (int s = 0; s < statuses.size(); ++s)
            m_table->setItem(row, 1 + s, numberItem(a.byStatus.value(statuses.at(s))));
        if (!gold)
            continue;
        m_table->setItem(row, 4, numberItem(a.goldAnswered));
        auto* accuracy = new QTableWidgetItem(
            a.goldAnswered == 0
                ? tr("—")
                : tr("%1% (%2 of %3)")
                      .arg(QString::number(100.0 * a.goldMatched / a.goldAnswered, 'f', 1))
                      .arg(a.goldMatched)
                      .arg(a.goldAnswered));
        accuracy->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(row, 5, accuracy);
    }
    m_table->resizeColumnsToContents();
    m_table->setSortingEnabled(true);
}

}  // namespace postil

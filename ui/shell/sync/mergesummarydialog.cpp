#include "shell/sync/mergesummarydialog.h"

#include <QDialogButtonBox>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include "widgets/counted.h"

namespace postil {

QString MergeSummaryDialog::describe(const WorkSync::PackOutcome& o) {
    if (!o.merged)
        return tr("Refused: %1").arg(o.error);
    const MergeReport& r = o.report;
    if (r.alreadyMerged)
        return tr("Merged before: nothing new.");
    QStringList parts{tr("%1 added").arg(QLocale().toString(r.added)),
                      tr("%1 replaced").arg(QLocale().toString(r.replaced)),
                      tr("%1 unchanged").arg(QLocale().toString(r.unchanged)),
                      tr("%1 older than the project's").arg(QLocale().toString(r.older))};
    if (r.conflicts > 0)
        parts << counted(r.conflicts, tr("1 conflict kept"), tr("%1 conflicts kept"));
    if (r.tasksAdded > 0)
        parts << counted(r.tasksAdded, tr("1 task added"), tr("%1 tasks added"));
    if (r.unknownTasks > 0)
        parts << counted(r.unknownTasks, tr("1 row for a task this project does not have (kept)"),
                         tr("%1 rows for tasks this project does not have (kept)"));
    return parts.join(QStringLiteral(", ")) + QLatin1Char('.');
}

MergeSummaryDialog::MergeSummaryDialog(const QList<WorkSync::PackOutcome>& outcomes,
                                       QWidget* parent)
    : QDialog(parent), m_packs(new QTreeWidget(this)) {
    setWindowTitle(tr("Merge finished"));
    setObjectName(QStringLiteral("mergeSummary"));
    int merged = 0;
    int refused = 0;
    qint64 conflicts = 0;
    m_packs->setObjectName(QStringLiteral("packs"));
    m_packs->setColumnCount(2);
    m_packs->setHeaderLabels({tr("Pack"), tr("What it brought")});
    m_packs->setRootIsDecorated(true);
    m_packs->setWordWrap(true);
    m_packs->setUniformRowHeights(false);
    for (const WorkSync::PackOutcome& o : outcomes) {
        auto* item = new QTreeWidgetItem(m_packs);
        item->setText(0, QFileInfo(o.path).fileName());
        item->setToolTip(0, o.path);
        item->setText(1, describe(o));
        item->setToolTip(1, describe(o));
        if (!o.merged) {
            ++refused;
            item->setForeground(1, QColor(0xc6, 0x28, 0x28));
            continue;
        }
        ++merged;
        conflicts += o.report.conflicts;
        if (!o.report.alreadyMerged) {
            auto* from = new QTreeWidgetItem(item);
            from->setText(1, o.report.pack.describe());
        }
        for (const QString& note : o.report.schemaNotes) {
            auto* child = new QTreeWidgetItem(item);
            child->setText(1, note);
            child->setToolTip(1, note);
        }
        item->setExpanded(!o.report.schemaNotes.isEmpty());
    }
    m_packs->header()->setStretchLastSection(true);
    m_packs->resizeColumnToContents(0);
    m_packs->setColumnWidth(0, qMin(m_packs->columnWidth(0) + 12, 260));

    QString headline = tr("%1 merged").arg(counted(merged, tr("1 pack"), tr("%1 packs")));
    if (refused > 0)
        headline +=
            tr(", %1 refused (the project is unchanged by those)").arg(QLocale().toString(refused));
    headline += QLatin1Char('.');
    if (conflicts > 0)
        headline += QLatin1Char(' ') +
                    tr("%1: an annotator changed the same task on two devices apart. Both "
                       "versions are kept; open the task to choose one.")
                        .arg(counted(conflicts, tr("1 conflict"), tr("%1 conflicts")));
    auto* title = new QLabel(headline, this);
    title->setObjectName(QStringLiteral("headline"));
    title->setWordWrap(true);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::accept);
    if (conflicts > 0) {
        QPushButton* show = buttons->addButton(tr("Show &Conflicts"), QDialogButtonBox::AcceptRole);
        show->setObjectName(QStringLiteral("showConflicts"));
        connect(show, &QPushButton::clicked, this, [this] {
            m_showConflicts = true;
            accept();
        });
    }
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(m_packs, 1);
    layout->addWidget(buttons);
    resize(760, 360);
}

}  // namespace postil

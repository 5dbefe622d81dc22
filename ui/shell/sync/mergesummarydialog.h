#pragma once

#include <QDialog>

#include "shell/sync/worksync.h"

class QTreeWidget;

namespace postil {

// What a merge did, one line per pack (added, replaced, unchanged, older,
// conflicts kept, tasks added, rows for unknown tasks) with the schema notes
// or the reason it was refused beneath it. "Show Conflicts" (when the merge
// kept any) closes it with showConflictsChosen() set.
class MergeSummaryDialog : public QDialog {
    Q_OBJECT
public:
    MergeSummaryDialog(const QList<WorkSync::PackOutcome>& outcomes, QWidget* parent = nullptr);
    bool showConflictsChosen() const { return m_showConflicts; }
    QTreeWidget* packList() const { return m_packs; }

    // The line a pack gets in the list ("12 added, 3 replaced, …").
    static QString describe(const WorkSync::PackOutcome& outcome);

private:
    QTreeWidget* m_packs;
    bool m_showConflicts = false;
};

}  // namespace postil

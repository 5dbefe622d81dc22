#include "shell/progressline.h"

#include <QLocale>

#include "model/hlc.h"
#include "model/project.h"

namespace postil {

ProgressLine::ProgressLine(QWidget* parent) : QLabel(parent) {
    setObjectName(QStringLiteral("progressLine"));
    setContentsMargins(8, 0, 8, 0);
}

void ProgressLine::setProject(Project* project, qint64 totalTasks) {
    m_project = project;
    m_total = project ? totalTasks : 0;
    refresh();
}

void ProgressLine::refresh() {
    if (!m_project) {
        clear();
        return;
    }
    const auto counts = m_project->annotations().countByStatus(m_project->annotator());
    const qint64 submitted = counts.value(QStringLiteral("submitted"));
    const qint64 skipped = counts.value(QStringLiteral("skipped"));
    // "Done" is submitted work; skipped tasks are counted apart.
    const qint64 done = submitted;
    const qint64 hourAgo = HybridClock::pack(HybridClock::systemMs() - 3'600'000, 0);
    const qint64 pace = m_project->annotations().finishedSince(m_project->annotator(), hourAgo);
    const QLocale locale;
    const int percent = m_total > 0 ? int(done * 100 / m_total) : 0;
    setText(tr("%1: %2 / %3 done (%4%) · %5 skipped · %6 in the last hour")
                .arg(m_project->annotator(), locale.toString(done), locale.toString(m_total))
                .arg(percent)
                .arg(locale.toString(skipped), locale.toString(pace)));
}

}  // namespace postil

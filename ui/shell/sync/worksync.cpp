#include "shell/sync/worksync.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMessageBox>
#include <atomic>

#include "model/project.h"
#include "shell/datatransfer.h"
#include "shell/projectjob.h"
#include "shell/sync/handoutdialog.h"
#include "shell/sync/mergesummarydialog.h"
#include "widgets/counted.h"

namespace postil {

namespace {

QString sizeText(qint64 bytes) {
    return bytes >= 1024 * 1024
               ? WorkSync::tr("%1 MB").arg(
                     QLocale().toString(double(bytes) / (1024 * 1024), 'f', 1))
               : WorkSync::tr("%1 kB").arg(QLocale().toString((bytes + 1023) / 1024));
}

QString writtenLine(const PackWriteReport& r) {
    QString line = WorkSync::tr("%1: %2, %3")
                       .arg(QDir::toNativeSeparators(r.path),
                            counted(r.tasks, WorkSync::tr("1 task"), WorkSync::tr("%1 tasks")),
                            counted(r.annotations, WorkSync::tr("1 annotation"),
                                    WorkSync::tr("%1 annotations")));
    if (r.media > 0)
        line += QStringLiteral(", ") +
                counted(r.media, WorkSync::tr("1 media file"), WorkSync::tr("%1 media files"));
    return line + QStringLiteral(" (") + sizeText(r.bytes) + QLatin1Char(')');
}

}  // namespace

WorkSync::Outcome WorkSync::handOut(QWidget* parent, Project& project) {
    HandOutDialog dialog(project, parent);
    if (dialog.exec() != QDialog::Accepted)
        return Outcome::Cancelled;
    auto planned = dialog.plan();
    if (!planned.ok()) {
        QMessageBox::warning(parent, tr("Cannot hand out"), planned.error());
        return Outcome::Unchanged;
    }
    return writeHandOut(parent, project, *planned);
}

WorkSync::Outcome WorkSync::writeHandOut(QWidget* parent, Project& project,
                                         const QList<PackOutOptions>& packs) {
    QList<PackWriteReport> written;
    // Which pack is under way: set on the worker, read by the dialog's line.
    std::atomic<int> current{0};
    // The packs only read the project: its task stays open meanwhile (WAL).
    const auto result = ProjectJob::run(
        parent, project, tr("Handing out work"),
        [&packs, &current](qint64 done, qint64 total, qint64) {
            const PackOutOptions& p = packs.value(current.load());
            return total > 0 ? tr("Writing %1's pack (%2 of %3)… %4 of %5 tasks")
                                   .arg(p.annotator)
                                   .arg(current.load() + 1)
                                   .arg(packs.size())
                                   .arg(QLocale().toString(done), QLocale().toString(total))
                             : tr("Writing %1's pack…").arg(p.annotator);
        },
        [&](ProjectJob::Context& job) -> Status {
            for (int i = 0; i < packs.size(); ++i) {
                current = i;
                PackOutOptions own = packs[i];
                own.progress = job.progress;
                own.cancel = job.cancel;
                if (const QString folder = QFileInfo(own.output).absolutePath();
                    !QDir().mkpath(folder))
                    return Status::failure(tr("%1: cannot make the folder").arg(folder));
                auto report = writePackOut(job.project, own);
                if (!report.ok())
                    return Status::failure(report.error());
                written << *report;
                job.counted(i + 1);
            }
            return Status::success();
        });
    QStringList lines;
    for (const PackWriteReport& r : written)
        lines << writtenLine(r);
    if (result.outcome != ProjectJob::Outcome::Done) {
        QString text = result.outcome == ProjectJob::Outcome::Cancelled
                           ? tr("Cancelled: the pack being written was removed.")
                           : tr("A pack could not be written:\n%1").arg(result.error);
        if (!lines.isEmpty())
            text += QStringLiteral("\n\n") + tr("Written before that:") + QLatin1Char('\n') +
                    lines.join(QLatin1Char('\n'));
        QMessageBox::warning(parent, tr("Hand out work"), text);
        return result.outcome == ProjectJob::Outcome::Cancelled ? Outcome::Cancelled
                                                                : Outcome::Unchanged;
    }
    QMessageBox box(QMessageBox::Information, tr("Work handed out"),
                    tr("%1 written:").arg(counted(written.size(), tr("1 pack"), tr("%1 packs"))) +
                        QLatin1Char('\n') + lines.join(QLatin1Char('\n')) + QStringLiteral("\n\n") +
                        tr("Give each annotator their file. They open it in Postil (File ▸ Open), "
                           "work in it, and send their work back with File ▸ Send Back My Work; "
                           "you take it in with File ▸ Merge Packs."),
                    QMessageBox::Ok, parent);
    box.setObjectName(QStringLiteral("handOutSummary"));
    box.exec();
    return Outcome::Unchanged;
}

QString WorkSync::sendBackName(const Project& project) {
    const QDir folder = project.folder();
    QString name = project.annotator() + QStringLiteral("-back.postilpack");
    for (int n = 2; QFileInfo::exists(folder.filePath(name)); ++n)
        name = project.annotator() + QStringLiteral("-back-%1.postilpack").arg(n);
    return folder.absoluteFilePath(name);
}

WorkSync::Outcome WorkSync::sendBack(QWidget* parent, Project& project) {
    // Never overwritten (the core refuses): the dialog does not offer to.
    const QString output = QFileDialog::getSaveFileName(
        parent, tr("Send back %1's work").arg(project.annotator()), sendBackName(project),
        tr("Postil packs (*.postilpack)"), nullptr, QFileDialog::DontConfirmOverwrite);
    if (output.isEmpty())
        return Outcome::Cancelled;
    return writeSendBack(parent, project, output);
}

WorkSync::Outcome WorkSync::writeSendBack(QWidget* parent, Project& project,
                                          const QString& output) {
    if (QFileInfo::exists(output)) {
        QMessageBox::warning(parent, tr("Send back my work"),
                             tr("%1 exists already; packs are never overwritten. Choose another "
                                "name.")
                                 .arg(QDir::toNativeSeparators(output)));
        return Outcome::Unchanged;
    }
    PackWriteReport written;
    const QString annotator = project.annotator();
    const auto result = ProjectJob::run(
        parent, project, tr("Sending back"),
        [](qint64 done, qint64 total, qint64) {
            return total > 0 ? tr("Packing your work… %1 of %2")
                                   .arg(QLocale().toString(done), QLocale().toString(total))
                             : tr("Packing your work…");
        },
        [&](ProjectJob::Context& job) -> Status {
            PackBackOptions options;
            options.output = output;
            options.annotator = annotator;
            options.progress = job.progress;
            options.cancel = job.cancel;
            auto report = writePackBack(job.project, options);
            if (!report.ok())
                return Status::failure(report.error());
            written = *report;
            return Status::success();
        });
    if (result.outcome == ProjectJob::Outcome::Cancelled)
        return Outcome::Cancelled;
    if (result.outcome == ProjectJob::Outcome::Failed) {
        QMessageBox::warning(parent, tr("Send back my work"), result.error);
        return Outcome::Unchanged;
    }
    QString text = tr("%1's work is packed:").arg(annotator) + QLatin1Char('\n') +
                   writtenLine(written) + QStringLiteral("\n\n") +
                   tr("Give this file to your lead (a shared folder, a USB stick, mail); they "
                      "merge it with File ▸ Merge Packs. Sending again later is safe: a pack "
                      "merged twice changes nothing.");
    if (written.annotations == 0)
        text +=
            QStringLiteral("\n\n") +
            tr("Note: this project holds no answers of %1, so the pack is empty.").arg(annotator);
    QMessageBox box(written.annotations == 0 ? QMessageBox::Warning : QMessageBox::Information,
                    tr("Work sent back"), text, QMessageBox::Ok, parent);
    box.setObjectName(QStringLiteral("sendBackSummary"));
    box.exec();
    return Outcome::Unchanged;
}

QStringList WorkSync::askMergePaths(QWidget* parent, const Project& project, bool folder) {
    const QString start = DataTransfer::startFolder(project, DataTransfer::Import);
    QStringList paths;
    if (folder) {
        const QString dir = QFileDialog::getExistingDirectory(
            parent, tr("Merge every .postilpack in a folder (an inbox)"), start);
        if (!dir.isEmpty())
            paths << dir;
    } else {
        paths = QFileDialog::getOpenFileNames(
            parent, tr("Merge packs"), start,
            tr("Postil packs (*.postilpack);;Postil projects (*.postil *.postilpack)"));
    }
    if (!paths.isEmpty())
        DataTransfer::rememberFolder(DataTransfer::Import,
                                     folder ? paths.first() : QFileInfo(paths.first()).path());
    return paths;
}

WorkSync::Outcome WorkSync::mergePacks(QWidget* parent, Project& project, const QStringList& paths,
                                       bool* showConflicts) {
    if (showConflicts)
        *showConflicts = false;
    QStringList packs;
    for (const QString& path : paths)
        packs += packsIn(path);
    if (packs.isEmpty()) {
        QMessageBox::information(
            parent, tr("Merge packs"),
            tr("There is no .postilpack file in %1.")
                .arg(QDir::toNativeSeparators(paths.join(QStringLiteral(", ")))));
        return Outcome::Unchanged;
    }
    QList<PackOutcome> outcomes;
    for (const QString& pack : packs)
        outcomes.append({pack, false, {}, QString()});
    // Which pack is under way: set on the worker, read by the dialog's line.
    std::atomic<int> current{0};
    // Each pack is one transaction of its own: Cancel rolls back the one
    // under way; those merged before stay merged (merging again is harmless).
    const auto result = ProjectJob::run(
        parent, project, tr("Merging packs"),
        [&packs, &current](qint64 done, qint64 total, qint64) {
            const QString name = QFileInfo(packs.value(current.load())).fileName();
            return total > 0 ? tr("Merging %1 (%2 of %3)… %4 of %5 rows")
                                   .arg(name)
                                   .arg(current.load() + 1)
                                   .arg(packs.size())
                                   .arg(QLocale().toString(done), QLocale().toString(total))
                             : tr("Merging %1 (%2 of %3)…")
                                   .arg(name)
                                   .arg(current.load() + 1)
                                   .arg(packs.size());
        },
        [&](ProjectJob::Context& job) -> Status {
            for (int i = 0; i < outcomes.size(); ++i) {
                current = i;
                if (job.cancel->load()) {
                    outcomes[i].error = tr("Not merged: cancelled.");
                    continue;
                }
                MergeOptions options;
                options.progress = job.progress;
                options.cancel = job.cancel;
                auto report = mergePack(job.project, outcomes[i].path, options);
                if (report.ok()) {
                    outcomes[i].merged = true;
                    outcomes[i].report = *report;
                } else {
                    outcomes[i].error =
                        job.cancel->load() ? tr("Not merged: cancelled.") : report.error();
                }
                job.counted(i + 1);
            }
            return Status::success();
        });
    if (result.outcome == ProjectJob::Outcome::Failed) {
        QMessageBox::warning(parent, tr("Merge packs"), result.error);
        return Outcome::Unchanged;
    }
    bool changed = false;
    bool conflicts = false;
    for (const PackOutcome& o : outcomes) {
        const MergeReport& r = o.report;
        changed |= o.merged && (r.added + r.replaced + r.conflicts + r.tasksAdded > 0);
        conflicts |= o.merged && r.conflicts > 0;
    }
    MergeSummaryDialog summary(outcomes, parent);
    summary.exec();
    if (showConflicts)
        *showConflicts = conflicts && summary.showConflictsChosen();
    return changed ? Outcome::Changed : Outcome::Unchanged;
}

}  // namespace postil

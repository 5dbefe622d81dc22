#include "shell/datatransfer.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>

#include "formats/formatregistry.h"
#include "formats/importsession.h"
#include "model/project.h"
#include "shell/exportdialog.h"
#include "shell/projectjob.h"
#include "widgets/counted.h"

namespace postil {

namespace {

QString folderKey(DataTransfer::Direction direction) {
    return direction == DataTransfer::Import ? QStringLiteral("import/folder")
                                             : QStringLiteral("export/folder");
}

bool isInside(const QString& path, const QString& folder) {
    if (folder.isEmpty())
        return false;
    const QString clean = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
    const QString root = QDir::cleanPath(folder);
    return clean == root || clean.startsWith(root + QLatin1Char('/'));
}

// A summary with the first few lines of each list in the message and all of
// them under "Show Details…" (a COCO file with a thousand clamped boxes must
// not make a dialog taller than the screen).
void showReport(QWidget* parent, const QString& title, QString text,
                const QList<QPair<QString, QStringList>>& lists) {
    constexpr int kShown = 5;
    QStringList details;
    for (const auto& [heading, lines] : lists) {
        if (lines.isEmpty())
            continue;
        text += QStringLiteral("\n\n") + heading + QLatin1Char('\n') +
                lines.mid(0, kShown).join(QLatin1Char('\n'));
        if (lines.size() > kShown)
            text += QLatin1Char('\n') +
                    DataTransfer::tr("… and %1 more (Show Details)").arg(lines.size() - kShown);
        details << heading << lines << QString();
    }
    QMessageBox box(details.isEmpty() ? QMessageBox::Information : QMessageBox::Warning, title,
                    text, QMessageBox::Ok, parent);
    if (!details.isEmpty())
        box.setDetailedText(details.join(QLatin1Char('\n')).trimmed());
    box.exec();
}

}  // namespace

QString DataTransfer::startFolder(const Project& project, Direction direction) {
    const QString last = QSettings(QStringLiteral("Postil"), QStringLiteral("Postil"))
                             .value(folderKey(direction))
                             .toString();
    if (!last.isEmpty() && QFileInfo(last).isDir())
        return last;
    const QString projectFolder = project.folder().path();
    const QString dataFolder = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (!isInside(projectFolder, dataFolder))
        return projectFolder;
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    return QFileInfo(documents).isDir() ? documents : QDir::homePath();
}

QString DataTransfer::importFilters() {
    QStringList filters;
    QStringList all;
    for (Format* format : FormatRegistry::instance().all()) {
        if (!format->canRead() || format->extensions().isEmpty())
            continue;
        filters << format->fileFilter();
        // Several formats read the same extension (.json: COCO, labelme;
        // .jsonl: tasks, responses): each is listed once.
        for (const QString& ext : format->extensions())
            if (const QString pattern = QStringLiteral("*.") + ext; !all.contains(pattern))
                all << pattern;
    }
    filters.prepend(tr("All importable files (%1)").arg(all.join(QLatin1Char(' '))));
    return filters.join(QStringLiteral(";;"));
}

void DataTransfer::rememberFolder(Direction direction, const QString& path) {
    const QFileInfo info(path);
    QSettings(QStringLiteral("Postil"), QStringLiteral("Postil"))
        .setValue(folderKey(direction), info.isDir() && direction == Import
                                            ? info.absoluteFilePath()
                                            : info.absolutePath());
}

QStringList DataTransfer::askImportPaths(QWidget* parent, const Project& project, bool folder) {
    QStringList paths;
    const QString start = startFolder(project, Import);
    if (folder) {
        const QString dir = QFileDialog::getExistingDirectory(
            parent, tr("Import a folder of images, audio or .txt files"), start);
        if (!dir.isEmpty())
            paths << dir;
    } else {
        paths = QFileDialog::getOpenFileNames(parent, tr("Import tasks"), start, importFilters());
    }
    if (!paths.isEmpty())
        rememberFolder(Import, folder ? QFileInfo(paths.first()).absolutePath() : paths.first());
    return paths;
}

DataTransfer::Outcome DataTransfer::importPaths(QWidget* parent, Project& project,
                                                const QStringList& paths, const QString& format) {
    ImportOptions options;
    ImportReport report;
    // One transaction on the job's own connection (docs/architecture.md,
    // "Long work"): Cancel or a failure rolls all of it back.
    auto run = [&] {
        return ProjectJob::run(
            parent, project, tr("Importing"),
            [](qint64, qint64, qint64 count) {
                return tr("Importing… %1 read")
                    .arg(counted(count, tr("1 record"), tr("%1 records")));
            },
            [&](ProjectJob::Context& job) -> Status {
                ImportOptions own = options;
                own.progress = job.progress;
                own.recordsTaken = job.counted;
                own.cancel = job.cancel;
                auto imported = importFiles(job.project, paths, format, own);
                if (!imported.ok())
                    return Status::failure(imported.error());
                report = *imported;
                return Status::success();
            });
    };
    auto result = run();
    if (result.outcome == ProjectJob::Outcome::Cancelled)
        return Outcome::Cancelled;
    if (result.outcome == ProjectJob::Outcome::Failed) {
        // Atomic: nothing of this import was kept. Offer to keep the good records.
        QMessageBox box(QMessageBox::Warning, tr("Import failed"),
                        tr("Nothing was imported:\n%1").arg(result.error), QMessageBox::Cancel,
                        parent);
        QPushButton* skip = box.addButton(tr("Import the good records"), QMessageBox::AcceptRole);
        box.exec();
        if (box.clickedButton() != skip)
            return Outcome::Unchanged;
        options.skipBad = true;
        result = run();
        if (result.outcome == ProjectJob::Outcome::Cancelled)
            return Outcome::Cancelled;
        if (result.outcome == ProjectJob::Outcome::Failed) {
            QMessageBox::warning(parent, tr("Import failed"), result.error);
            return Outcome::Unchanged;
        }
    }
    const QString text =
        tr("%1 added, %2 already in the project, %3 added.")
            .arg(counted(report.tasksAdded, tr("1 task"), tr("%1 tasks")),
                 counted(report.tasksAlreadyThere, tr("1 task"), tr("%1 tasks")),
                 counted(report.annotationsAdded, tr("1 annotation"), tr("%1 annotations")));
    showReport(
        parent, tr("Import finished"), text,
        {{tr("%1 records skipped:").arg(report.badRecords.size()), report.badRecords},
         {tr("%1 records changed or left out:").arg(report.warnings.size()), report.warnings}});
    return report.tasksAdded > 0 || report.annotationsAdded > 0 ? Outcome::Changed
                                                                : Outcome::Unchanged;
}

DataTransfer::Outcome DataTransfer::exportInteractive(QWidget* parent, Project& project) {
    ExportDialog dialog(project, parent);
    if (dialog.exec() != QDialog::Accepted)
        return Outcome::Unchanged;
    Format* chosen = dialog.format();
    const QString out = dialog.outputPath();
    rememberFolder(Export, out);
    const ExportOptions options = dialog.options();
    ExportReport report;
    // A file comes through QSaveFile and a folder through StagedFolder: a
    // cancelled or failed export leaves nothing at 'out' (docs/architecture.md,
    // "Long work").
    const auto result = ProjectJob::run(
        parent, project, tr("Exporting"),
        [](qint64 done, qint64 total, qint64) {
            return total > 0 ? tr("Exporting… %1 of %2 tasks written")
                                   .arg(QLocale().toString(done), QLocale().toString(total))
                             : tr("Exporting…");
        },
        [&](ProjectJob::Context& job) -> Status {
            ExportOptions own = options;
            own.progress = job.progress;
            own.cancel = job.cancel;
            return chosen->write(job.project, out, own, report);
        });
    if (result.outcome == ProjectJob::Outcome::Cancelled)
        return Outcome::Cancelled;
    if (result.outcome == ProjectJob::Outcome::Failed) {
        QMessageBox::warning(parent, tr("Export failed"), result.error);
        return Outcome::Unchanged;
    }
    const QString text =
        tr("%1 written to %2.")
            .arg(counted(report.tasks, tr("1 task"), tr("%1 tasks")) + tr(" and ") +
                     counted(report.annotations, tr("1 annotation"), tr("%1 annotations")),
                 QDir::toNativeSeparators(out));
    showReport(parent, tr("Export finished"), text, {{tr("Warnings:"), report.warnings}});
    return Outcome::Changed;
}

}  // namespace postil

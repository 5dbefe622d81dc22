#include "shell/datatransfer.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>

#include "formats/formatregistry.h"
#include "formats/importsession.h"
#include "model/project.h"
#include "shell/exportdialog.h"

namespace postil {

namespace {

// A progress callback that keeps the window painting during long work.
ProgressFn progressInto(QProgressDialog& dialog) {
    return [&dialog](qint64 done, qint64 total) {
        const int scale = total > 0 ? int(done * 1000 / total) : 0;
        dialog.setMaximum(total > 0 ? 1000 : 0);
        dialog.setValue(scale);
        QApplication::processEvents(QEventLoop::ExcludeUserInputEvents);
    };
}

QString readFilters() {
    QStringList filters;
    QStringList all;
    for (Format* format : FormatRegistry::instance().all()) {
        if (!format->canRead() || format->extensions().isEmpty())
            continue;
        filters << format->fileFilter();
        for (const QString& ext : format->extensions())
            all << QStringLiteral("*.") + ext;
    }
    filters.prepend(DataTransfer::tr("All importable files (%1)").arg(all.join(QLatin1Char(' '))));
    return filters.join(QStringLiteral(";;"));
}

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

// "1 task", "12 tasks": the count in words with the right plural.
QString counted(qint64 n, const QString& one, const QString& many) {
    return n == 1 ? one : many.arg(QLocale().toString(n));
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

void DataTransfer::rememberFolder(Direction direction, const QString& path) {
    const QFileInfo info(path);
    QSettings(QStringLiteral("Postil"), QStringLiteral("Postil"))
        .setValue(folderKey(direction), info.isDir() && direction == Import
                                            ? info.absoluteFilePath()
                                            : info.absolutePath());
}

bool DataTransfer::importInteractive(QWidget* parent, Project& project, bool folder) {
    QStringList paths;
    const QString start = startFolder(project, Import);
    if (folder) {
        const QString dir = QFileDialog::getExistingDirectory(
            parent, tr("Import a folder of images, audio or .txt files"), start);
        if (!dir.isEmpty())
            paths << dir;
    } else {
        paths = QFileDialog::getOpenFileNames(parent, tr("Import tasks"), start, readFilters());
    }
    if (paths.isEmpty())
        return false;
    rememberFolder(Import, folder ? QFileInfo(paths.first()).absolutePath() : paths.first());
    return importPaths(parent, project, paths);
}

bool DataTransfer::importPaths(QWidget* parent, Project& project, const QStringList& paths,
                               const QString& format) {
    ImportOptions options;
    auto run = [&] {
        // Scoped: the progress box is gone before any message box shows.
        QProgressDialog progress(tr("Importing…"), QString(), 0, 0, parent);
        progress.setWindowModality(Qt::WindowModal);
        progress.setMinimumDuration(300);
        options.progress = progressInto(progress);
        return importFiles(project, paths, format, options);
    };
    auto report = run();
    if (!report.ok()) {
        // Atomic: nothing of this import was kept. Offer to keep the good records.
        QMessageBox box(QMessageBox::Warning, tr("Import failed"),
                        tr("Nothing was imported:\n%1").arg(report.error()), QMessageBox::Cancel,
                        parent);
        QPushButton* skip = box.addButton(tr("Import the good records"), QMessageBox::AcceptRole);
        box.exec();
        if (box.clickedButton() != skip)
            return false;
        options.skipBad = true;
        report = run();
        if (!report.ok()) {
            QMessageBox::warning(parent, tr("Import failed"), report.error());
            return false;
        }
    }
    const QString text =
        tr("%1 added, %2 already in the project, %3 added.")
            .arg(counted(report->tasksAdded, tr("1 task"), tr("%1 tasks")),
                 counted(report->tasksAlreadyThere, tr("1 task"), tr("%1 tasks")),
                 counted(report->annotationsAdded, tr("1 annotation"), tr("%1 annotations")));
    showReport(
        parent, tr("Import finished"), text,
        {{tr("%1 records skipped:").arg(report->badRecords.size()), report->badRecords},
         {tr("%1 records changed or left out:").arg(report->warnings.size()), report->warnings}});
    return report->tasksAdded > 0 || report->annotationsAdded > 0;
}

void DataTransfer::exportInteractive(QWidget* parent, Project& project) {
    ExportDialog dialog(project, parent);
    if (dialog.exec() != QDialog::Accepted)
        return;
    Format* chosen = dialog.format();
    const QString out = dialog.outputPath();
    rememberFolder(Export, out);
    ExportOptions options = dialog.options();
    ExportReport report;
    Status written = Status::success();
    {
        QProgressDialog progress(tr("Exporting…"), QString(), 0, 0, parent);
        progress.setWindowModality(Qt::WindowModal);
        progress.setMinimumDuration(300);
        options.progress = progressInto(progress);
        written = chosen->write(project, out, options, report);
    }
    if (!written.ok()) {
        QMessageBox::warning(parent, tr("Export failed"), written.error());
        return;
    }
    const QString text =
        tr("%1 written to %2.")
            .arg(counted(report.tasks, tr("1 task"), tr("%1 tasks")) + tr(" and ") +
                     counted(report.annotations, tr("1 annotation"), tr("%1 annotations")),
                 QDir::toNativeSeparators(out));
    showReport(parent, tr("Export finished"), text, {{tr("Warnings:"), report.warnings}});
}

}  // namespace postil

#include "shell/datatransfer.h"

#include <QApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressDialog>
#include <QPushButton>

#include "formats/formatregistry.h"
#include "formats/importsession.h"
#include "model/project.h"

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

}  // namespace

bool DataTransfer::importInteractive(QWidget* parent, Project& project, bool folder) {
    QStringList paths;
    if (folder) {
        const QString dir = QFileDialog::getExistingDirectory(
            parent, tr("Import a folder of images, audio or .txt files"), project.folder().path());
        if (!dir.isEmpty())
            paths << dir;
    } else {
        paths = QFileDialog::getOpenFileNames(parent, tr("Import tasks"), project.folder().path(),
                                              readFilters());
    }
    return !paths.isEmpty() && importPaths(parent, project, paths);
}

bool DataTransfer::importPaths(QWidget* parent, Project& project, const QStringList& paths,
                               const QString& format) {
    QProgressDialog progress(tr("Importing…"), QString(), 0, 0, parent);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(300);
    ImportOptions options;
    options.progress = progressInto(progress);
    auto report = importFiles(project, paths, format, options);
    progress.close();
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
        QProgressDialog again(tr("Importing…"), QString(), 0, 0, parent);
        again.setWindowModality(Qt::WindowModal);
        options.progress = progressInto(again);
        report = importFiles(project, paths, format, options);
        if (!report.ok()) {
            QMessageBox::warning(parent, tr("Import failed"), report.error());
            return false;
        }
    }
    QString text = tr("%1 tasks added, %2 already in the project, %3 annotations added.")
                       .arg(report->tasksAdded)
                       .arg(report->tasksAlreadyThere)
                       .arg(report->annotationsAdded);
    // The first few of each list in the message, all of them under "Show Details…" (a COCO file
    // with a thousand clamped boxes must not make a dialog taller than the screen).
    constexpr int kShown = 5;
    QStringList details;
    auto summarise = [&](const QStringList& lines, const QString& heading) {
        if (lines.isEmpty())
            return;
        text += QStringLiteral("\n\n") + heading + QLatin1Char('\n') +
                lines.mid(0, kShown).join(QLatin1Char('\n'));
        if (lines.size() > kShown)
            text +=
                QLatin1Char('\n') + tr("… and %1 more (Show Details)").arg(lines.size() - kShown);
        details << heading << lines << QString();
    };
    summarise(report->badRecords, tr("%1 records skipped:").arg(report->badRecords.size()));
    summarise(report->warnings, tr("%1 records changed or left out:").arg(report->warnings.size()));
    QMessageBox done(details.isEmpty() ? QMessageBox::Information : QMessageBox::Warning,
                     tr("Import finished"), text, QMessageBox::Ok, parent);
    if (!details.isEmpty())
        done.setDetailedText(details.join(QLatin1Char('\n')).trimmed());
    done.exec();
    return report->tasksAdded > 0 || report->annotationsAdded > 0;
}

void DataTransfer::exportInteractive(QWidget* parent, Project& project) {
    QDialog dialog(parent);
    dialog.setWindowTitle(tr("Export"));
    auto* format = new QComboBox(&dialog);
    for (Format* f : FormatRegistry::instance().all())
        if (f->canWrite())
            format->addItem(QStringLiteral("%1 — %2").arg(f->name(), f->description()), f->name());
    auto* annotator = new QComboBox(&dialog);
    annotator->setEditable(true);
    annotator->addItem(tr("everyone"), QString());
    annotator->addItem(project.annotator(), project.annotator());
    auto* status = new QComboBox(&dialog);
    status->addItem(tr("any status"), QString());
    for (const char* s : {"submitted", "draft", "skipped"})
        status->addItem(QString::fromLatin1(s), QString::fromLatin1(s));
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export…"));
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* form = new QFormLayout(&dialog);
    form->addRow(tr("&Format"), format);
    form->addRow(tr("&Annotator"), annotator);
    form->addRow(tr("&Status"), status);
    form->addRow(buttons);
    if (format->count() == 0 || dialog.exec() != QDialog::Accepted)
        return;

    Format* chosen = FormatRegistry::instance().byName(format->currentData().toString());
    const QString suggested =
        project.folder().filePath(QFileInfo(project.path()).completeBaseName() + QLatin1Char('.') +
                                  chosen->extensions().value(0, QStringLiteral("out")));
    const QString out =
        QFileDialog::getSaveFileName(parent, tr("Export to"), suggested, chosen->fileFilter());
    if (out.isEmpty())
        return;
    QProgressDialog progress(tr("Exporting…"), QString(), 0, 0, parent);
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(300);
    ExportOptions options;
    const QString who = annotator->currentIndex() == 0 && annotator->currentText() == tr("everyone")
                            ? QString()
                            : annotator->currentText();
    options.annotator = who;
    options.status = status->currentData().toString();
    options.progress = progressInto(progress);
    ExportReport report;
    Status written = chosen->write(project, out, options, report);
    progress.close();
    if (!written.ok()) {
        QMessageBox::warning(parent, tr("Export failed"), written.error());
        return;
    }
    QString text = tr("%1 tasks and %2 annotations written to %3.")
                       .arg(report.tasks)
                       .arg(report.annotations)
                       .arg(out);
    if (!report.warnings.isEmpty())
        text += QLatin1Char('\n') + report.warnings.mid(0, 20).join(QLatin1Char('\n'));
    QMessageBox::information(parent, tr("Export finished"), text);
}

}  // namespace postil

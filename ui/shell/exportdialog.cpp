#include "shell/exportdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>

#include "formats/formatregistry.h"
#include "model/project.h"
#include "shell/datatransfer.h"

namespace postil {

ExportDialog::ExportDialog(Project& project, QWidget* parent)
    : QDialog(parent),
      m_project(project),
      m_format(new QComboBox(this)),
      m_annotator(new QComboBox(this)),
      m_status(new QComboBox(this)),
      m_outputLabel(new QLabel(this)),
      m_output(new QLineEdit(this)) {
    setWindowTitle(tr("Export"));
    setObjectName(QStringLiteral("exportDialog"));
    const QList<TaskKind> kinds = project.tasks().kinds();
    for (Format* f : FormatRegistry::instance().all())
        if (f->canWrite() && f->fits(kinds))
            m_format->addItem(QStringLiteral("%1 — %2").arg(f->name(), f->description()),
                              f->name());
    m_format->setObjectName(QStringLiteral("format"));

    m_annotator->setEditable(true);
    m_annotator->addItem(tr("everyone"), QString());
    m_annotator->addItem(project.annotator(), project.annotator());

    // The same rule as postil-cli export --status: submitted unless asked.
    m_status->setObjectName(QStringLiteral("status"));
    m_status->addItem(tr("submitted"), QStringLiteral("submitted"));
    m_status->addItem(tr("submitted and drafts"), QStringLiteral("submitted,draft"));
    m_status->addItem(tr("drafts"), QStringLiteral("draft"));
    m_status->addItem(tr("skipped"), QStringLiteral("skipped"));
    m_status->addItem(tr("every status"), QStringLiteral("all"));

    m_output->setObjectName(QStringLiteral("output"));
    auto* browse = new QPushButton(tr("&Browse…"), this);
    browse->setObjectName(QStringLiteral("browse"));
    auto* where = new QHBoxLayout;
    where->addWidget(m_output, 1);
    where->addWidget(browse);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("&Export"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);
    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::formatChanged);

    auto* form = new QFormLayout(this);
    form->addRow(tr("&Format"), m_format);
    form->addRow(tr("&Annotator"), m_annotator);
    form->addRow(tr("&Status"), m_status);
    form->addRow(m_outputLabel, where);
    form->addRow(buttons);
    m_outputLabel->setBuddy(m_output);
    setMinimumWidth(560);
    formatChanged();
}

Format* ExportDialog::format() const {
    return FormatRegistry::instance().byName(m_format->currentData().toString());
}

QString ExportDialog::outputPath() const {
    return QDir::cleanPath(m_output->text().trimmed());
}

ExportOptions ExportDialog::options() const {
    ExportOptions options;
    const bool everyone =
        m_annotator->currentIndex() == 0 && m_annotator->currentText() == tr("everyone");
    options.annotator = everyone ? QString() : m_annotator->currentText().trimmed();
    options.status = m_status->currentData().toString();
    return options;
}

void ExportDialog::formatChanged() {
    Format* f = format();
    if (!f)
        return;
    // Keep the folder the user chose; renew the name for the new format.
    const QString current = outputPath();
    const QString folder = current.isEmpty()
                               ? DataTransfer::startFolder(m_project, DataTransfer::Export)
                               : QFileInfo(current).absolutePath();
    const QString base = QFileInfo(m_project.path()).completeBaseName();
    const QString name = f->writesFolder() ? QStringLiteral("%1-%2").arg(base, f->name())
                                           : base + QLatin1Char('.') +
                                                 f->extensions().value(0, QStringLiteral("out"));
    m_output->setText(QDir(folder).filePath(name));
    m_outputLabel->setText(f->writesFolder() ? tr("Into &folder") : tr("To &file"));
    m_output->setToolTip(f->writesFolder()
                             ? tr("%1 writes one file per image into this folder").arg(f->name())
                             : QString());
}

void ExportDialog::browse() {
    Format* f = format();
    if (!f)
        return;
    QString chosen;
    if (f->writesFolder())
        chosen = QFileDialog::getExistingDirectory(this, tr("Export into folder"), outputPath());
    else
        chosen = QFileDialog::getSaveFileName(this, tr("Export to"), outputPath(), f->fileFilter());
    if (!chosen.isEmpty())
        m_output->setText(QDir::toNativeSeparators(chosen));
}

void ExportDialog::accept() {
    Format* f = format();
    const QString path = outputPath();
    QString problem;
    if (!f)
        problem = tr("No export format fits this project's tasks.");
    else if (path.isEmpty() || path == QLatin1String("."))
        problem = f->writesFolder() ? tr("Choose the folder to export into.")
                                    : tr("Choose the file to export to.");
    else if (f->writesFolder() && QFileInfo(path).isFile())
        problem =
            tr("%1 is a file; %2 writes one file per image into a folder.").arg(path, f->name());
    else if (!f->writesFolder() && QFileInfo(path).isDir())
        problem = tr("%1 is a folder; %2 writes one file.").arg(path, f->name());
    if (!problem.isEmpty()) {
        QMessageBox::warning(this, tr("Export"), problem);
        return;
    }
    QDialog::accept();
}

}  // namespace postil

#include "shell/newprojectdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QStandardPaths>

namespace postil {

namespace {
QWidget* withBrowse(QLineEdit* edit, QPushButton* button) {
    auto* row = new QWidget;
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    layout->addWidget(button);
    return row;
}
}  // namespace

NewProjectDialog::NewProjectDialog(QWidget* parent)
    : QDialog(parent),
      m_name(new QLineEdit(this)),
      m_kind(new QComboBox(this)),
      m_folder(new QLineEdit(this)),
      m_schema(new QLineEdit(this)),
      m_problem(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)) {
    setWindowTitle(tr("New project"));
    m_name->setPlaceholderText(tr("e.g. Support intents, batch 3"));
    m_kind->addItem(tr("Text — entities, classification, relevance, moderation"),
                    QStringLiteral("text"));
    m_kind->addItem(tr("Image — bounding boxes"), QStringLiteral("image"));
    m_kind->addItem(tr("Audio — segments and transcripts"), QStringLiteral("audio"));
    m_kind->addItem(tr("Compare — evaluate model responses"), QStringLiteral("compare"));
    m_folder->setText(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation));
    m_schema->setPlaceholderText(
        tr("optional: a schema JSON file (labels, questions, guidelines)"));
    m_problem->setForegroundRole(QPalette::BrightText);
    m_problem->setWordWrap(true);

    auto* browseFolder = new QPushButton(tr("Browse…"), this);
    connect(browseFolder, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Folder"), m_folder->text());
        if (!dir.isEmpty())
            m_folder->setText(dir);
    });
    auto* browseSchema = new QPushButton(tr("Browse…"), this);
    connect(browseSchema, &QPushButton::clicked, this, [this] {
        const QString file =
            QFileDialog::getOpenFileName(this, tr("Schema"), m_folder->text(), tr("JSON (*.json)"));
        if (!file.isEmpty())
            m_schema->setText(file);
    });

    auto* form = new QFormLayout;
    form->addRow(tr("&Name"), m_name);
    form->addRow(tr("&Kind"), m_kind);
    form->addRow(tr("&Folder"), withBrowse(m_folder, browseFolder));
    form->addRow(tr("&Schema"), withBrowse(m_schema, browseSchema));
    auto* buttons = m_buttons;
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);
    for (QLineEdit* edit : {m_name, m_folder, m_schema})
        connect(edit, &QLineEdit::textChanged, this, &NewProjectDialog::updateState);
    updateState();
    resize(560, sizeHint().height());
}

QString NewProjectDialog::path() const {
    QString base = m_name->text().trimmed();
    base.replace(QRegularExpression(QStringLiteral("[/\\\\:*?\"<>|]")), QStringLiteral("-"));
    return QDir(m_folder->text()).filePath(base + QStringLiteral(".postil"));
}

void NewProjectDialog::updateState() {
    QString problem;
    if (m_name->text().trimmed().isEmpty())
        problem = tr("Give the project a name.");
    else if (!QDir(m_folder->text()).exists())
        problem = tr("The folder does not exist.");
    else if (QFile::exists(path()))
        problem = tr("%1 already exists.").arg(path());
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

Expected<Project::CreateOptions> NewProjectDialog::options() const {
    Project::CreateOptions options;
    options.name = m_name->text().trimmed();
    options.kind = taskKindFromString(m_kind->currentData().toString()).value_or(TaskKind::Text);
    const QString schemaPath = m_schema->text().trimmed();
    if (!schemaPath.isEmpty()) {
        QFile file(schemaPath);
        if (!file.open(QIODevice::ReadOnly))
            return Status::failure(QStringLiteral("%1: %2").arg(schemaPath, file.errorString()));
        auto schema = Schema::fromJsonText(file.readAll());
        if (!schema.ok())
            return Status::failure(QStringLiteral("%1: %2").arg(schemaPath, schema.error()));
        options.schema = *schema;
    }
    return options;
}

}  // namespace postil

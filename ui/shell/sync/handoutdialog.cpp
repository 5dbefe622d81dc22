#include "shell/sync/handoutdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>

#include "model/project.h"
#include "sync/packselection.h"
#include "widgets/counted.h"

namespace postil {

namespace {

const QString kPackSuffix = QStringLiteral(".postilpack");

// A name becomes a file name in the chosen folder: nothing that could name
// another folder or hide the file.
bool isFileName(const QString& name) {
    return !name.isEmpty() && !name.contains(QLatin1Char('/')) &&
           !name.contains(QLatin1Char('\\')) && !name.startsWith(QLatin1Char('.')) &&
           name != QStringLiteral("..");
}

}  // namespace

HandOutDialog::HandOutDialog(Project& project, QWidget* parent)
    : QDialog(parent),
      m_project(project),
      m_annotators(new QLineEdit(this)),
      m_tasks(new QLineEdit(this)),
      m_split(new QCheckBox(tr("Split the tasks between them"), this)),
      m_overlap(new QSpinBox(this)),
      m_withMedia(new QCheckBox(tr("Put the media files inside the pack"), this)),
      m_outputLabel(new QLabel(this)),
      m_output(new QLineEdit(this)),
      m_preview(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this)),
      m_previewTimer(new QTimer(this)) {
    setWindowTitle(tr("Hand Out Work"));
    setObjectName(QStringLiteral("handOutDialog"));
    m_annotators->setObjectName(QStringLiteral("annotators"));
    m_annotators->setPlaceholderText(tr("alice, bob"));
    m_tasks->setObjectName(QStringLiteral("tasks"));
    m_tasks->setPlaceholderText(tr("all"));
    m_split->setObjectName(QStringLiteral("split"));
    m_split->setChecked(true);
    m_overlap->setObjectName(QStringLiteral("overlap"));
    m_overlap->setRange(0, 100);
    m_overlap->setSuffix(QStringLiteral(" %"));
    m_overlap->setToolTip(
        tr("This share of each annotator's tasks also goes to the next one, so "
           "two people answer them (for agreement)."));
    m_withMedia->setObjectName(QStringLiteral("withMedia"));
    m_withMedia->setToolTip(
        tr("For annotators who cannot reach this computer's files: the "
           "images and audio travel inside the pack (up to 512 MB each)."));
    m_output->setObjectName(QStringLiteral("output"));
    m_preview->setObjectName(QStringLiteral("preview"));
    m_preview->setWordWrap(true);
    m_preview->setMinimumHeight(fontMetrics().height() * 3);
    m_preview->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    auto* tasksHelp = new QLabel(
        tr("Words, comma-separated: <i>all</i>, <i>unannotated</i>, <i>unfinished</i>, "
           "<i>submitted</i>, <i>draft</i>, <i>skipped</i>, <i>returned</i>; kinds (<i>image</i>, "
           "<i>text</i>, <i>audio</i>, <i>compare</i>); ids or ranges (<i>1-500</i>); "
           "<i>@file</i> of ids. Words of one sort widen the choice, of different sorts narrow "
           "it."),
        this);
    tasksHelp->setWordWrap(true);
    QFont small = tasksHelp->font();
    if (small.pointSizeF() > 0)
        small.setPointSizeF(small.pointSizeF() * 0.9);
    tasksHelp->setFont(small);
    tasksHelp->setForegroundRole(QPalette::PlaceholderText);

    auto* splitRow = new QHBoxLayout;
    splitRow->addWidget(m_split);
    splitRow->addSpacing(12);
    splitRow->addWidget(new QLabel(tr("Overlap:"), this));
    splitRow->addWidget(m_overlap);
    splitRow->addStretch(1);

    auto* browseButton = new QPushButton(tr("&Browse…"), this);
    browseButton->setObjectName(QStringLiteral("browse"));
    auto* where = new QHBoxLayout;
    where->addWidget(m_output, 1);
    where->addWidget(browseButton);

    // The words under their field, in one cell: a wrapped label in a row of
    // its own made the form leave gaps around it.
    auto* tasksCell = new QVBoxLayout;
    tasksCell->setSpacing(2);
    tasksCell->addWidget(m_tasks);
    tasksCell->addWidget(tasksHelp);
    m_outputLabel->setBuddy(m_output);

    auto* form = new QFormLayout;
    form->addRow(tr("&Annotators:"), m_annotators);
    auto* tasksLabel = new QLabel(tr("&Tasks:"), this);
    tasksLabel->setBuddy(m_tasks);
    form->addRow(tasksLabel, tasksCell);
    form->addRow(QString(), splitRow);
    form->addRow(QString(), m_withMedia);
    form->addRow(m_outputLabel, where);

    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("&Hand Out"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &HandOutDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &HandOutDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_preview);
    layout->addWidget(m_buttons);
    setMinimumWidth(560);

    // Choosing tasks reads the project: after a pause in typing, not per key.
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(250);
    connect(m_previewTimer, &QTimer::timeout, this, &HandOutDialog::updatePreview);
    auto changed = [this] {
        updateForm();
        m_previewTimer->start();
    };
    connect(m_annotators, &QLineEdit::textChanged, this, changed);
    connect(m_tasks, &QLineEdit::textChanged, this, changed);
    connect(m_split, &QCheckBox::toggled, this, changed);
    connect(m_overlap, &QSpinBox::valueChanged, this, changed);
    connect(m_output, &QLineEdit::textChanged, this, changed);
    connect(browseButton, &QPushButton::clicked, this, &HandOutDialog::browse);
    updateForm();
    updatePreview();
}

QStringList HandOutDialog::annotators() const {
    QStringList names;
    for (const QString& part : m_annotators->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
        if (const QString name = part.trimmed(); !name.isEmpty() && !names.contains(name))
            names << name;
    return names;
}

void HandOutDialog::updateForm() {
    const QStringList names = annotators();
    const bool many = names.size() > 1;
    m_split->setEnabled(many);
    m_overlap->setEnabled(many && m_split->isChecked());
    m_outputLabel->setText(many ? tr("Into &folder:") : tr("&Save as:"));
    // The proposal follows the names until the user types a path of their own.
    if (m_output->text().isEmpty() || m_output->text() == m_proposedOutput) {
        const QDir folder = m_project.folder();
        m_proposedOutput = QDir::toNativeSeparators(
            many || names.isEmpty() ? folder.absolutePath()
                                    : folder.absoluteFilePath(names.first() + kPackSuffix));
        const QSignalBlocker blocker(m_output);
        m_output->setText(m_proposedOutput);
    }
}

Expected<QList<PackOutOptions>> HandOutDialog::plan() const {
    const QStringList names = annotators();
    if (names.isEmpty())
        return Status::failure(
            tr("Name the annotator who gets the work (several: comma-separated)."));
    for (const QString& name : names)
        if (!isFileName(name))
            return Status::failure(tr("'%1' cannot be a file name: use a name without / or \\ "
                                      "that does not start with a dot.")
                                       .arg(name));
    const QString output = QDir::fromNativeSeparators(m_output->text().trimmed());
    if (output.isEmpty())
        return Status::failure(tr("Choose where the pack goes."));
    auto ids = selectTasks(m_project, m_tasks->text().trimmed());
    if (!ids.ok())
        return Status::failure(ids.error());
    if (ids->isEmpty())
        return Status::failure(
            tr("No task matches '%1': nothing to hand out.").arg(m_tasks->text().trimmed()));
    const bool split = names.size() > 1 && m_split->isChecked();
    const QList<QList<qint64>> shares =
        split ? splitShares(*ids, int(names.size()), m_overlap->value()) : QList<QList<qint64>>();
    QList<PackOutOptions> packs;
    for (int i = 0; i < names.size(); ++i) {
        PackOutOptions options;
        options.annotator = names[i];
        options.output = names.size() > 1 ? QDir(output).filePath(names[i] + kPackSuffix) : output;
        if (names.size() == 1 && !options.output.endsWith(kPackSuffix))
            options.output += kPackSuffix;
        options.taskIds = split ? shares[i] : *ids;
        options.proposalsFrom = {QStringLiteral("model:*")};
        options.withMedia = m_withMedia->isChecked();
        if (QFileInfo::exists(options.output))
            return Status::failure(tr("%1 exists already; packs are never overwritten. Choose "
                                      "another place or remove it.")
                                       .arg(QDir::toNativeSeparators(options.output)));
        packs << options;
    }
    return packs;
}

void HandOutDialog::updatePreview() {
    m_previewTimer->stop();
    auto planned = plan();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(planned.ok());
    if (!planned.ok()) {
        m_preview->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
        m_preview->setText(planned.error());
        return;
    }
    m_preview->setStyleSheet(QString());
    QSet<qint64> all;
    QStringList each;
    for (const PackOutOptions& p : *planned) {
        for (qint64 id : p.taskIds)
            all.insert(id);
        each << tr("%1 gets %2")
                    .arg(p.annotator, counted(p.taskIds.size(), tr("1 task"), tr("%1 tasks")));
    }
    qint64 given = 0;
    for (const PackOutOptions& p : *planned)
        given += p.taskIds.size();
    const qint64 twice = given - all.size();
    QString text = tr("%1 chosen: %2.")
                       .arg(counted(all.size(), tr("1 task"), tr("%1 tasks")),
                            each.join(QStringLiteral(", ")));
    if (twice > 0 && planned->size() > 1)
        text += QLatin1Char(' ') + tr("%1 to more than one annotator.")
                                       .arg(counted(twice, tr("1 task goes"), tr("%1 tasks go")));
    m_preview->setText(text);
}

void HandOutDialog::browse() {
    const bool many = several();
    const QString current = QDir::fromNativeSeparators(m_output->text());
    const QString chosen =
        many ? QFileDialog::getExistingDirectory(this, tr("Folder for the packs"), current)
             : QFileDialog::getSaveFileName(this, tr("Save the pack as"), current,
                                            tr("Postil packs (*.postilpack)"), nullptr,
                                            QFileDialog::DontConfirmOverwrite);
    if (!chosen.isEmpty())
        m_output->setText(QDir::toNativeSeparators(chosen));
}

void HandOutDialog::accept() {
    updatePreview();
    if (plan().ok())
        QDialog::accept();
}

}  // namespace postil

#include "shell/projectsettingsdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QSplitter>
#include <QStyle>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

#include "assist/assistmodel.h"
#include "model/project.h"
#include "shell/assist/schemamodelspage.h"
#include "shell/schemalabelspage.h"
#include "shell/schemaquestionspage.h"
#include "shell/schemarubricpage.h"

namespace postil {

namespace {
constexpr int kTabRole = Qt::UserRole + 1;
constexpr int kIndexRole = Qt::UserRole + 2;
constexpr int kRawRole = Qt::UserRole + 3;
}  // namespace

ProjectSettingsDialog::ProjectSettingsDialog(Project& project, QWidget* parent)
    : QDialog(parent), m_project(project), m_schema(project.schema()) {
    setObjectName(QStringLiteral("projectSettingsDialog"));
    setWindowTitle(tr("Project settings — %1").arg(project.name()));
    auto* layout = new QVBoxLayout(this);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_tabs->setDocumentMode(true);
    auto* labels = new SchemaLabelsPage(m_schema, m_tabs);
    labels->setObjectName(QStringLiteral("labelsPage"));
    auto* questions = new SchemaQuestionsPage(m_schema, m_tabs);
    questions->setObjectName(QStringLiteral("questionsPage"));
    auto* rubric = new SchemaRubricPage(m_schema, m_tabs);
    rubric->setObjectName(QStringLiteral("rubricPage"));
    auto* models = new SchemaModelsPage(m_schema, m_tabs);
    models->setObjectName(QStringLiteral("modelsPage"));
    m_pages = {labels, questions, rubric, models};
    m_tabs->insertTab(GeneralTab, createGeneralPage(), tr("General"));
    m_tabs->insertTab(LabelsTab, labels, tr("Labels"));
    m_tabs->insertTab(QuestionsTab, questions, tr("Questions"));
    m_tabs->insertTab(RubricTab, rubric, tr("Rubric"));
    m_tabs->insertTab(AssistTab, models, tr("Assist"));
    m_tabs->insertTab(GuidelinesTab, createGuidelinesPage(), tr("Guidelines"));
    m_tabs->insertTab(JsonTab, createJsonPage(), tr("JSON"));
    layout->addWidget(m_tabs, 1);

    m_problemList = new QListWidget(this);
    m_problemList->setObjectName(QStringLiteral("problems"));
    m_problemList->setToolTip(tr("Double-click a problem to go to its place"));
    m_problemList->setMaximumHeight(fontMetrics().height() * 6);
    layout->addWidget(m_problemList);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    layout->addWidget(m_buttons);

    for (SchemaPage* page : std::as_const(m_pages))
        connect(page, &SchemaPage::edited, this, &ProjectSettingsDialog::pagesEdited);
    connect(m_tabs, &QTabWidget::currentChanged, this, &ProjectSettingsDialog::tabChanged);
    connect(m_problemList, &QListWidget::itemActivated, this, &ProjectSettingsDialog::goToProblem);
    connect(m_problemList, &QListWidget::itemClicked, this, &ProjectSettingsDialog::goToProblem);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ProjectSettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    revalidate();
    resize(760, 560);
}

ProjectSettingsDialog::~ProjectSettingsDialog() {
    // The pages first, while the schema they edit is still here: a cell
    // editor left open commits when the dialog hides, into that schema.
    delete m_tabs;
}

QWidget* ProjectSettingsDialog::createGeneralPage() {
    auto* page = new QWidget(m_tabs);
    auto* form = new QFormLayout(page);
    m_name = new QLineEdit(m_project.name(), page);
    m_name->setObjectName(QStringLiteral("projectName"));
    auto* file = new QLabel(QFileInfo(m_project.path()).fileName(), page);
    file->setToolTip(m_project.path());
    file->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* kind = new QLabel(toString(m_project.defaultKind()), page);
    m_critiqueMin = new QSpinBox(page);
    m_critiqueMin->setObjectName(QStringLiteral("critiqueMinChars"));
    m_critiqueMin->setRange(0, 100000);
    m_critiqueMin->setValue(m_schema.critiqueMinChars);
    m_critiqueMin->setSuffix(tr(" characters"));
    m_critiqueMin->setToolTip(tr("A comparison's critique must be at least this long to submit"));
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("File:"), file);
    form->addRow(tr("Task kind:"), kind);
    form->addRow(tr("&Shortest critique:"), m_critiqueMin);
    addComparisonSettings(form, page);

    connect(m_name, &QLineEdit::textChanged, this, &ProjectSettingsDialog::revalidate);
    connect(m_critiqueMin, &QSpinBox::valueChanged, this, [this](int value) {
        if (m_loading)
            return;
        m_schema.critiqueMinChars = value;
        pagesEdited();
    });
    return page;
}

// The "compare" keys of docs/architecture.md's schema, so that a lead sets how
// comparisons are judged without the JSON tab.
void ProjectSettingsDialog::addComparisonSettings(QFormLayout* form, QWidget* page) {
    const auto addCheck = [&](const char* name, const QString& text, const QString& tip,
                              bool Schema::*member) {
        auto* box = new QCheckBox(text, page);
        box->setObjectName(QLatin1String(name));
        box->setToolTip(tip);
        box->setChecked(m_schema.*member);
        form->addRow(QString(), box);
        connect(box, &QCheckBox::toggled, this, [this, member](bool on) {
            if (m_loading)
                return;
            m_schema.*member = on;
            pagesEdited();
        });
        m_generalLoaders << [this, box, member] { box->setChecked(m_schema.*member); };
    };
    addCheck("critiqueRequired", tr("A comparison needs a &critique to submit"),
             tr("critique.required: submitting asks for a written critique"),
             &Schema::critiqueRequired);
    addCheck("requireVerdict", tr("A comparison needs a &verdict to submit"),
             tr("A preference, a ranking or “both are bad” (compare.require_verdict)"),
             &Schema::requireVerdict);
    addCheck("showModelNames", tr("Show &model names beside the responses (not blind)"),
             tr("compare.show_models: evaluators judge blind unless this is on"),
             &Schema::showModelNames);
    addCheck("revealGold", tr("Show the &gold verdict after submitting"),
             tr("compare.reveal_gold: feedback on tasks that carry a gold verdict"),
             &Schema::revealGold);
    auto* tolerance = new QSpinBox(page);
    tolerance->setObjectName(QStringLiteral("goldTolerance"));
    tolerance->setRange(0, 6);
    tolerance->setValue(m_schema.goldTolerance);
    tolerance->setSpecialValueText(tr("exact strength"));
    tolerance->setSuffix(tr(" step(s) of the scale"));
    tolerance->setToolTip(
        tr("How far a verdict may be from gold's strength and still match it "
           "(never across a tie); compare.gold_tolerance"));
    form->addRow(tr("Gold &matches within:"), tolerance);
    connect(tolerance, &QSpinBox::valueChanged, this, [this](int value) {
        if (m_loading)
            return;
        m_schema.goldTolerance = value;
        pagesEdited();
    });
    m_generalLoaders << [this, tolerance] { tolerance->setValue(m_schema.goldTolerance); };
}

QWidget* ProjectSettingsDialog::createGuidelinesPage() {
    auto* splitter = new QSplitter(m_tabs);
    splitter->setChildrenCollapsible(false);
    m_guidelines = new QPlainTextEdit(splitter);
    m_guidelines->setObjectName(QStringLiteral("guidelinesEdit"));
    m_guidelines->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_guidelines->setPlaceholderText(
        tr("# Guidelines\n\nMarkdown: headings, lists, **bold**, "
           "links, tables…"));
    m_guidelines->setPlainText(m_schema.guidelines);
    m_preview = new QTextBrowser(splitter);
    m_preview->setObjectName(QStringLiteral("guidelinesPreview"));
    m_preview->setOpenExternalLinks(true);
    m_preview->setMarkdown(m_schema.guidelines);
    splitter->addWidget(m_guidelines);
    splitter->addWidget(m_preview);

    // Rendering on every keystroke stutters on long guidelines; a short pause
    // still reads as live.
    m_previewTimer = new QTimer(this);
    m_previewTimer->setSingleShot(true);
    m_previewTimer->setInterval(150);
    connect(m_previewTimer, &QTimer::timeout, this,
            [this] { m_preview->setMarkdown(m_schema.guidelines); });
    connect(m_guidelines, &QPlainTextEdit::textChanged, this, [this] {
        if (m_loading)
            return;
        m_schema.guidelines = m_guidelines->toPlainText();
        m_previewTimer->start();
        pagesEdited();
    });
    return splitter;
}

QWidget* ProjectSettingsDialog::createJsonPage() {
    auto* page = new QWidget(m_tabs);
    auto* layout = new QVBoxLayout(page);
    auto* intro = new QLabel(tr("The whole schema as JSON, as postil-cli init --schema reads it. "
                                "Keys Postil does not know are kept."),
                             page);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_json = new QPlainTextEdit(page);
    m_json->setObjectName(QStringLiteral("jsonEdit"));
    m_json->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_json->setLineWrapMode(QPlainTextEdit::NoWrap);
    layout->addWidget(m_json, 1);
    auto* row = new QHBoxLayout;
    m_jsonStatus = new QLabel(page);
    m_jsonStatus->setObjectName(QStringLiteral("jsonStatus"));
    m_jsonRevert = new QPushButton(tr("Revert"), page);
    m_jsonRevert->setObjectName(QStringLiteral("jsonRevert"));
    m_jsonRevert->setToolTip(tr("Throw away the JSON edits since the schema was last valid"));
    m_jsonRevert->setAutoDefault(false);
    row->addWidget(m_jsonStatus, 1);
    row->addWidget(m_jsonRevert);
    layout->addLayout(row);

    connect(m_json, &QPlainTextEdit::textChanged, this, &ProjectSettingsDialog::jsonEdited);
    connect(m_jsonRevert, &QPushButton::clicked, this, &ProjectSettingsDialog::showJson);
    return page;
}

void ProjectSettingsDialog::pagesEdited() {
    m_jsonStale = true;
    revalidate();
}

void ProjectSettingsDialog::tabChanged(int index) {
    if (index == JsonTab && m_jsonStale)
        showJson();
}

void ProjectSettingsDialog::showJson() {
    m_loading = true;
    m_json->setPlainText(
        QString::fromUtf8(QJsonDocument(m_schema.toJson()).toJson(QJsonDocument::Indented)));
    m_loading = false;
    m_jsonStale = false;
    m_jsonProblems.clear();
    revalidate();
}

void ProjectSettingsDialog::jsonEdited() {
    if (m_loading)
        return;
    m_jsonStale = false;
    m_jsonProblems.clear();
    const QByteArray text = m_json->toPlainText().toUtf8();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error != QJsonParseError::NoError) {
        // The parser counts UTF-8 bytes; people count lines and characters.
        const QString before = QString::fromUtf8(text.left(error.offset));
        const int line = int(before.count(QLatin1Char('\n'))) + 1;
        const int column = int(before.size() - before.lastIndexOf(QLatin1Char('\n')));
        m_jsonProblems
            << tr("line %1, column %2: %3").arg(line).arg(column).arg(error.errorString());
    } else if (!doc.isObject()) {
        m_jsonProblems << tr("the schema must be one JSON object, { … }");
    } else {
        auto parsed = Schema::fromJson(doc.object());
        if (parsed.ok()) {
            m_schema = *parsed;
            loadPages();
        } else {
            m_jsonProblems = parsed.error().split(QLatin1Char('\n'));
        }
    }
    revalidate();
}

void ProjectSettingsDialog::loadPages() {
    m_loading = true;
    for (SchemaPage* page : std::as_const(m_pages))
        page->load();
    if (m_guidelines->toPlainText() != m_schema.guidelines) {
        m_guidelines->setPlainText(m_schema.guidelines);
        m_preview->setMarkdown(m_schema.guidelines);
    }
    m_critiqueMin->setValue(m_schema.critiqueMinChars);
    for (const auto& load : std::as_const(m_generalLoaders))
        load();
    m_loading = false;
}

QString ProjectSettingsDialog::readable(const QString& problem, int* tab, int* index) const {
    static const QRegularExpression place(
        QStringLiteral(R"(^(labels|questions|rubric|attributes|models)\[(\d+)\]\.?(.*)$)"));
    *index = -1;
    const QRegularExpressionMatch m = place.match(problem);
    if (!m.hasMatch()) {
        *tab = GeneralTab;
        return tr("General › %1").arg(problem);
    }
    const QString section = m.captured(1);
    const int i = m.captured(2).toInt();
    QString name;
    QString title;
    if (section == QLatin1String("labels")) {
        *tab = LabelsTab;
        title = tr("Labels");
        name = i < m_schema.labels.size() ? m_schema.labels[i].name : QString();
    } else if (section == QLatin1String("questions")) {
        *tab = QuestionsTab;
        title = tr("Questions");
        name = i < m_schema.questions.size() ? m_schema.questions[i].name : QString();
    } else if (section == QLatin1String("rubric")) {
        *tab = RubricTab;
        title = tr("Rubric");
        name = i < m_schema.rubric.size() ? m_schema.rubric[i].name : QString();
    } else if (section == QLatin1String("models")) {
        *tab = AssistTab;
        title = tr("Assist");
        name = m_schema.toJson()
                   .value(QStringLiteral("models"))
                   .toArray()
                   .at(i)
                   .toObject()
                   .value(QStringLiteral("name"))
                   .toString();
    } else {
        *tab = JsonTab;  // attributes have no tab of their own
        title = tr("Attributes");
        name = i < m_schema.attributes.size() ? m_schema.attributes[i].name : QString();
    }
    *index = i;
    const QString who =
        name.trimmed().isEmpty() ? tr("#%1").arg(i + 1) : QStringLiteral("“%1”").arg(name);
    const QString rest = m.captured(3);
    if (rest.startsWith(QLatin1Char(':')))
        return QStringLiteral("%1 › %2%3").arg(title, who, rest);
    return QStringLiteral("%1 › %2 › %3").arg(title, who, rest);
}

void ProjectSettingsDialog::revalidate() {
    m_problems.clear();
    m_problemList->clear();
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    auto add = [&](const QString& raw, const QString& text, int tab, int index) {
        m_problems << raw;
        auto* item = new QListWidgetItem(warning, text, m_problemList);
        item->setData(kTabRole, tab);
        item->setData(kIndexRole, index);
        item->setData(kRawRole, raw);
        item->setToolTip(raw);
    };
    if (m_name->text().trimmed().isEmpty())
        add(QStringLiteral("name: empty"), tr("General › the project needs a name"), GeneralTab,
            -1);
    if (!m_jsonProblems.isEmpty()) {
        // The JSON text is what counts until it is valid again.
        for (const QString& problem : std::as_const(m_jsonProblems))
            add(QStringLiteral("json: ") + problem, tr("JSON › %1").arg(problem), JsonTab, -1);
    } else {
        // The strict rules too: the settings do not write what an editor
        // would not honour, even though older project files holding it open.
        // The models' list is the schema's as a key it keeps (§15): checked here.
        QStringList problems = m_schema.validate() + m_schema.strictProblems();
        if (auto models = assistmodels::read(m_schema); !models.ok())
            problems << models.error().split(QLatin1Char('\n'));
        for (const QString& problem : std::as_const(problems)) {
            int tab = GeneralTab;
            int index = -1;
            const QString text = readable(problem, &tab, &index);
            add(problem, text, tab, index);
        }
    }
    m_problemList->setVisible(!m_problems.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_problems.isEmpty());

    const bool jsonValid = m_jsonProblems.isEmpty();
    for (int tab : {LabelsTab, QuestionsTab, RubricTab, AssistTab, GuidelinesTab}) {
        m_tabs->setTabEnabled(tab, jsonValid);
        m_tabs->setTabToolTip(
            tab, jsonValid ? QString() : tr("Fix the JSON, or revert it, to edit here"));
    }
    m_jsonRevert->setEnabled(!jsonValid);
    m_jsonStatus->setText(jsonValid ? tr("Valid schema.")
                                    : tr("Not a valid schema yet: see the problems below."));
}

void ProjectSettingsDialog::goToProblem(QListWidgetItem* item) {
    if (!item)
        return;
    const int tab = item->data(kTabRole).toInt();
    const int index = item->data(kIndexRole).toInt();
    m_tabs->setCurrentIndex(tab);
    if (tab >= LabelsTab && tab <= AssistTab && index >= 0)
        m_pages[tab - LabelsTab]->select(index);
}

Status ProjectSettingsDialog::save() {
    return m_project.setNameAndSchema(m_name->text().trimmed(), m_schema);
}

void ProjectSettingsDialog::accept() {
    revalidate();
    if (!m_problems.isEmpty())
        return;
    Status saved = save();
    if (!saved.ok()) {
        QMessageBox::critical(this, tr("Settings not saved"),
                              tr("Could not write the settings to %1. Nothing was changed.\n\n%2")
                                  .arg(m_project.path(), saved.error()));
        return;
    }
    QDialog::accept();
}

}  // namespace postil

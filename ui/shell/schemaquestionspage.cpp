#include "shell/schemaquestionspage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QSplitter>
#include <QToolButton>
#include <QVBoxLayout>

namespace postil {

namespace {

const Question::Type kTypes[] = {Question::Type::Single, Question::Type::Multi,
                                 Question::Type::Rating, Question::Type::Text,
                                 Question::Type::Flag};

// The when_data combo's entries, in order.
enum Condition { AnyTask, WithKey, WithoutKey };

QString typeTitle(Question::Type type) {
    switch (type) {
        case Question::Type::Single:
            return SchemaQuestionsPage::tr("Single choice");
        case Question::Type::Multi:
            return SchemaQuestionsPage::tr("Multiple choice");
        case Question::Type::Rating:
            return SchemaQuestionsPage::tr("Rating scale");
        case Question::Type::Text:
            return SchemaQuestionsPage::tr("Free text");
        case Question::Type::Flag:
            return SchemaQuestionsPage::tr("Yes / no flag");
    }
    return {};
}

// One option a line; blank lines are spacing, not empty options.
QStringList optionLines(const QString& text) {
    QStringList options;
    for (const QString& line : text.split(QLatin1Char('\n'))) {
        const QString option = line.trimmed();
        if (!option.isEmpty())
            options << option;
    }
    return options;
}

}  // namespace

SchemaQuestionsPage::SchemaQuestionsPage(Schema& schema, QWidget* parent)
    : SchemaPage(schema, parent) {
    auto* layout = new QVBoxLayout(this);
    auto* splitter = new QSplitter(this);
    splitter->setChildrenCollapsible(false);

    auto* left = new QWidget(splitter);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_list = new QListWidget(left);
    m_list->setObjectName(QStringLiteral("questionList"));
    leftLayout->addWidget(m_list, 1);
    auto* buttonRow = new QHBoxLayout;
    buttonRow->setSpacing(0);
    const ListButtons buttons = addListButtons(buttonRow, tr("question"));
    for (QToolButton* button : {buttons.add, buttons.remove, buttons.up, buttons.down})
        button->setToolButtonStyle(Qt::ToolButtonIconOnly);
    leftLayout->addLayout(buttonRow);

    m_editor = new QWidget(splitter);
    m_form = new QFormLayout(m_editor);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_name = new QLineEdit(m_editor);
    m_name->setObjectName(QStringLiteral("questionName"));
    m_name->setToolTip(tr("The key the answer is stored under"));
    m_type = new QComboBox(m_editor);
    m_type->setObjectName(QStringLiteral("questionType"));
    for (Question::Type type : kTypes)
        m_type->addItem(typeTitle(type), toString(type));
    m_options = new QPlainTextEdit(m_editor);
    m_options->setObjectName(QStringLiteral("questionOptions"));
    m_options->setPlaceholderText(tr("One option a line"));
    m_options->setTabChangesFocus(true);
    m_range = new QWidget(m_editor);
    auto* rangeLayout = new QHBoxLayout(m_range);
    rangeLayout->setContentsMargins(0, 0, 0, 0);
    m_min = new QSpinBox(m_range);
    m_min->setObjectName(QStringLiteral("questionMin"));
    m_max = new QSpinBox(m_range);
    m_max->setObjectName(QStringLiteral("questionMax"));
    for (QSpinBox* box : {m_min, m_max})
        box->setRange(-1000, 1000);
    rangeLayout->addWidget(m_min);
    rangeLayout->addWidget(new QLabel(tr("to"), m_range));
    rangeLayout->addWidget(m_max);
    rangeLayout->addStretch(1);
    m_required = new QCheckBox(tr("An answer is needed to submit"), m_editor);
    m_required->setObjectName(QStringLiteral("questionRequired"));
    m_description = new QLineEdit(m_editor);
    m_description->setObjectName(QStringLiteral("questionDescription"));
    m_description->setPlaceholderText(tr("Shown under the question"));
    m_kinds = new KindChecks(QStringLiteral("kind-"), m_editor);
    auto* kindsNote = new QLabel(tr("None ticked: asked for every kind."), m_editor);
    kindsNote->setForegroundRole(QPalette::PlaceholderText);
    auto* whenRow = new QWidget(m_editor);
    auto* whenLayout = new QHBoxLayout(whenRow);
    whenLayout->setContentsMargins(0, 0, 0, 0);
    m_whenData = new QComboBox(whenRow);
    m_whenData->setObjectName(QStringLiteral("questionWhenData"));
    m_whenData->addItem(tr("Every task"));
    m_whenData->addItem(tr("Only tasks whose data has"));
    m_whenData->addItem(tr("Only tasks whose data lacks"));
    m_whenKey = new QLineEdit(whenRow);
    m_whenKey->setObjectName(QStringLiteral("questionWhenKey"));
    m_whenKey->setPlaceholderText(QStringLiteral("query"));
    m_whenKey->setToolTip(
        tr("A key of the task's data, e.g. query for search-relevance pairs among "
           "plain text tasks"));
    whenLayout->addWidget(m_whenData);
    whenLayout->addWidget(m_whenKey, 1);
    // A schema may hold several conditions; the row edits the first and the
    // others stay as they are rather than being dropped unseen.
    m_whenMore = new QLabel(m_editor);
    m_whenMore->setObjectName(QStringLiteral("questionWhenMore"));
    m_whenMore->setForegroundRole(QPalette::PlaceholderText);
    m_whenMore->setWordWrap(true);

    m_form->addRow(tr("&Name:"), m_name);
    m_form->addRow(tr("&Type:"), m_type);
    m_form->addRow(tr("&Options:"), m_options);
    m_form->addRow(tr("&Range:"), m_range);
    m_form->addRow(QString(), m_required);
    m_form->addRow(tr("&Description:"), m_description);
    m_form->addRow(tr("Asked for:"), m_kinds);
    m_form->addRow(QString(), kindsNote);
    m_form->addRow(tr("&Asked when:"), whenRow);
    m_form->addRow(QString(), m_whenMore);

    splitter->addWidget(left);
    splitter->addWidget(m_editor);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({200, 400});
    layout->addWidget(splitter);

    connect(buttons.add, &QToolButton::clicked, this, &SchemaQuestionsPage::addQuestion);
    connect(buttons.remove, &QToolButton::clicked, this, &SchemaQuestionsPage::removeQuestion);
    connect(buttons.up, &QToolButton::clicked, this, [this] { moveQuestion(-1); });
    connect(buttons.down, &QToolButton::clicked, this, [this] { moveQuestion(1); });
    connect(m_list, &QListWidget::currentRowChanged, this, &SchemaQuestionsPage::showQuestion);

    connect(m_name, &QLineEdit::textEdited, this,
            [this](const QString& text) { write([&](Question& q) { q.name = text.trimmed(); }); });
    connect(m_type, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index < 0)
            return;
        write([&](Question& q) {
            q.type = kTypes[index];
            // A fresh scale gets the usual range rather than an invalid one.
            if (q.type == Question::Type::Rating && q.min >= q.max) {
                q.min = 1;
                q.max = 5;
            }
        });
        updateRows(kTypes[index]);
        showQuestion();
    });
    connect(m_options, &QPlainTextEdit::textChanged, this, [this] {
        write([&](Question& q) { q.options = optionLines(m_options->toPlainText()); });
    });
    connect(m_min, &QSpinBox::valueChanged, this,
            [this](int value) { write([&](Question& q) { q.min = value; }); });
    connect(m_max, &QSpinBox::valueChanged, this,
            [this](int value) { write([&](Question& q) { q.max = value; }); });
    connect(m_required, &QCheckBox::toggled, this,
            [this](bool on) { write([&](Question& q) { q.required = on; }); });
    connect(m_description, &QLineEdit::textEdited, this,
            [this](const QString& text) { write([&](Question& q) { q.description = text; }); });
    connect(m_kinds, &KindChecks::kindsEdited, this,
            [this](const QList<TaskKind>& kinds) { write([&](Question& q) { q.kinds = kinds; }); });
    connect(m_whenData, &QComboBox::currentIndexChanged, this, [this] {
        m_whenKey->setEnabled(m_whenData->currentIndex() != AnyTask);
        writeCondition();
    });
    connect(m_whenKey, &QLineEdit::textEdited, this, &SchemaQuestionsPage::writeCondition);
    load();
}

Question* SchemaQuestionsPage::current() {
    const int row = m_list->currentRow();
    return row >= 0 && row < m_schema.questions.size() ? &m_schema.questions[row] : nullptr;
}

void SchemaQuestionsPage::write(const std::function<void(Question&)>& change) {
    if (m_loading)
        return;
    Question* q = current();
    if (!q)
        return;
    change(*q);
    updateListItem(m_list->currentRow());
    Q_EMIT edited();
}

void SchemaQuestionsPage::updateListItem(int row) {
    QListWidgetItem* item = m_list->item(row);
    if (!item || row >= m_schema.questions.size())
        return;
    const Question& q = m_schema.questions[row];
    item->setText(q.name.isEmpty() ? tr("(no name)") : q.name);
    item->setToolTip(typeTitle(q.type));
    QFont font = m_list->font();
    font.setItalic(q.name.isEmpty());
    item->setFont(font);
}

void SchemaQuestionsPage::load() {
    m_loading = true;
    const int keep = m_list->currentRow();
    m_list->clear();
    for (int i = 0; i < m_schema.questions.size(); ++i) {
        m_list->addItem(QString());
        updateListItem(i);
    }
    m_loading = false;
    const int row = std::min(std::max(keep, 0), int(m_schema.questions.size()) - 1);
    m_list->setCurrentRow(row);
    showQuestion();
}

void SchemaQuestionsPage::select(int index) {
    if (index >= 0 && index < m_list->count())
        m_list->setCurrentRow(index);
}

void SchemaQuestionsPage::updateRows(Question::Type type) {
    const bool choice = type == Question::Type::Single || type == Question::Type::Multi;
    m_form->setRowVisible(m_options, choice);
    m_form->setRowVisible(m_range, type == Question::Type::Rating);
}

void SchemaQuestionsPage::showQuestion() {
    if (m_loading)
        return;
    const Question* q = current();
    m_editor->setEnabled(q);
    const Question shown = q ? *q : Question();
    m_loading = true;
    if (m_name->text() != shown.name)
        m_name->setText(shown.name);
    m_type->setCurrentIndex(int(shown.type));
    if (optionLines(m_options->toPlainText()) != shown.options)
        m_options->setPlainText(shown.options.join(QLatin1Char('\n')));
    m_min->setValue(shown.min);
    m_max->setValue(shown.max);
    m_required->setChecked(shown.required);
    if (m_description->text() != shown.description)
        m_description->setText(shown.description);
    m_kinds->setKinds(shown.kinds);
    showCondition(shown.whenData);
    m_loading = false;
    updateRows(shown.type);
}

void SchemaQuestionsPage::showCondition(const QStringList& whenData) {
    const QString first = whenData.value(0);
    const bool negated = first.startsWith(QLatin1Char('!'));
    m_whenData->setCurrentIndex(whenData.isEmpty() ? AnyTask : negated ? WithoutKey : WithKey);
    m_whenKey->setEnabled(!whenData.isEmpty());
    const QString key = negated ? first.mid(1) : first;
    if (m_whenKey->text().trimmed() != key)
        m_whenKey->setText(key);
    m_whenMore->setVisible(whenData.size() > 1);
    m_whenMore->setText(tr("Also: %1 (kept; the JSON tab edits them)")
                            .arg(whenData.mid(1).join(QStringLiteral(", "))));
}

void SchemaQuestionsPage::writeCondition() {
    if (m_loading)
        return;
    const int condition = m_whenData->currentIndex();
    const QString key = m_whenKey->text().trimmed();
    write([&](Question& q) {
        // "Every task" means no condition at all, the further ones included.
        if (condition == AnyTask) {
            q.whenData.clear();
            return;
        }
        // An empty key is written as typed: the dialog then names the
        // missing key instead of quietly asking the question everywhere.
        const QString first = condition == WithKey ? key : QLatin1Char('!') + key;
        if (q.whenData.isEmpty())
            q.whenData << first;
        else
            q.whenData[0] = first;
    });
    if (const Question* q = current()) {
        m_loading = true;
        showCondition(q->whenData);
        m_loading = false;
    }
}

void SchemaQuestionsPage::addQuestion() {
    QStringList names;
    for (const Question& q : std::as_const(m_schema.questions))
        names << q.name;
    Question question;
    question.name = freshName(QStringLiteral("question"), names);
    question.type = Question::Type::Single;
    question.options = {tr("yes"), tr("no")};
    m_schema.questions.append(question);
    load();
    select(int(m_schema.questions.size()) - 1);
    m_name->setFocus();
    m_name->selectAll();
    Q_EMIT edited();
}

bool SchemaQuestionsPage::restructure(const std::function<void(QJsonArray&)>& change) {
    // Schema keeps a question's unknown keys by position; going through the
    // JSON moves them along with their question instead of onto a neighbour.
    QJsonObject json = m_schema.toJson();
    QJsonArray questions = json.value(QStringLiteral("questions")).toArray();
    change(questions);
    json.insert(QStringLiteral("questions"), questions);
    auto parsed = Schema::fromJson(json);
    if (!parsed.ok())
        return false;
    m_schema = *parsed;
    return true;
}

void SchemaQuestionsPage::removeQuestion() {
    const int row = m_list->currentRow();
    if (row < 0 || row >= m_schema.questions.size())
        return;
    if (!restructure([row](QJsonArray& questions) { questions.removeAt(row); }))
        m_schema.questions.removeAt(row);
    load();
    select(std::min(row, int(m_schema.questions.size()) - 1));
    Q_EMIT edited();
}

void SchemaQuestionsPage::moveQuestion(int delta) {
    const int row = m_list->currentRow();
    const int to = row + delta;
    if (row < 0 || to < 0 || row >= m_schema.questions.size() || to >= m_schema.questions.size())
        return;
    const bool moved = restructure([row, to](QJsonArray& questions) {
        const QJsonValue value = questions.takeAt(row);
        questions.insert(to, value);
    });
    if (!moved)
        moveEntry(m_schema.questions, row, to);
    load();
    select(row + delta);
    Q_EMIT edited();
}

}  // namespace postil

#include "shell/assist/schemamodelspage.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include "assist/assistmodel.h"

namespace postil {

namespace {

enum Column { NameColumn, KindsColumn, CommandColumn, BatchColumn, TimeoutColumn, ColumnCount };

const QString kModels = QStringLiteral("models");

QString kindsText(const QJsonValue& kinds) {
    QStringList names;
    for (const QJsonValue& kind : kinds.toArray())
        names << kind.toString();
    return names.join(QStringLiteral(", "));
}

}  // namespace

SchemaModelsPage::SchemaModelsPage(Schema& schema, QWidget* parent) : SchemaPage(schema, parent) {
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(
        tr("A model is a command run in the project's folder: it reads a task as a JSON line "
           "and prints its result (docs/assist.md). Kinds: image, text, audio, compare, "
           "separated by commas. Batch: the command reads every task and answers each by id."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("modelsTable"));
    m_table->setHorizontalHeaderLabels(
        {tr("Name"), tr("Kinds"), tr("Command"), tr("Batch"), tr("Timeout (s)")});
    QHeaderView* header = m_table->horizontalHeader();
    for (int column : {NameColumn, KindsColumn, BatchColumn, TimeoutColumn})
        header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    header->setSectionResizeMode(CommandColumn, QHeaderView::Stretch);
    m_table->verticalHeader()->setVisible(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    layout->addWidget(m_table, 1);

    auto* row = new QHBoxLayout;
    const ListButtons buttons = addListButtons(row, tr("model"));
    layout->addLayout(row);
    connect(buttons.add, &QToolButton::clicked, this, &SchemaModelsPage::addModel);
    connect(buttons.remove, &QToolButton::clicked, this, &SchemaModelsPage::removeModel);
    connect(buttons.up, &QToolButton::clicked, this, [this] { moveModel(-1); });
    connect(buttons.down, &QToolButton::clicked, this, [this] { moveModel(1); });
    connect(m_table, &QTableWidget::cellChanged, this, &SchemaModelsPage::cellEdited);
    load();
}

QJsonArray SchemaModelsPage::entries() const {
    return m_schema.toJson().value(kModels).toArray();
}

void SchemaModelsPage::write(const QJsonArray& list) {
    QJsonObject json = m_schema.toJson();
    if (list.isEmpty())
        json.remove(kModels);
    else
        json.insert(kModels, list);
    // The list is a key the schema keeps as it is (§15): this cannot break
    // what was valid, and the dialog checks the models themselves.
    if (auto schema = Schema::fromJson(json); schema.ok())
        m_schema = *schema;
    Q_EMIT edited();
}

void SchemaModelsPage::load() {
    m_loading = true;
    const QJsonArray list = entries();
    m_table->setRowCount(0);
    m_table->setRowCount(int(list.size()));
    for (int r = 0; r < list.size(); ++r) {
        const QJsonObject o = list.at(r).toObject();
        m_table->setItem(r, NameColumn,
                         new QTableWidgetItem(o.value(QStringLiteral("name")).toString()));
        m_table->setItem(r, KindsColumn,
                         new QTableWidgetItem(kindsText(o.value(QStringLiteral("kinds")))));
        m_table->setItem(r, CommandColumn,
                         new QTableWidgetItem(o.value(QStringLiteral("command")).toString()));
        auto* batch = new QTableWidgetItem;
        batch->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        batch->setCheckState(o.value(QStringLiteral("batch")).toBool() ? Qt::Checked
                                                                       : Qt::Unchecked);
        m_table->setItem(r, BatchColumn, batch);
        auto* timeout = new QTableWidgetItem;
        timeout->setData(
            Qt::EditRole,
            o.value(QStringLiteral("timeout_s")).toDouble(AssistModel::kDefaultTimeoutS));
        m_table->setItem(r, TimeoutColumn, timeout);
    }
    m_loading = false;
}

void SchemaModelsPage::select(int index) {
    if (index >= 0 && index < m_table->rowCount()) {
        m_table->setCurrentCell(index, NameColumn);
        m_table->scrollToItem(m_table->item(index, NameColumn));
    }
}

void SchemaModelsPage::cellEdited(int row, int column) {
    QJsonArray list = entries();
    if (m_loading || row < 0 || row >= list.size())
        return;
    QJsonObject o = list.at(row).toObject();
    const QTableWidgetItem* item = m_table->item(row, column);
    switch (column) {
        case NameColumn:
            o.insert(QStringLiteral("name"), item->text().trimmed());
            break;
        case KindsColumn: {
            QJsonArray kinds;
            for (const QString& kind : item->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
                if (!kind.trimmed().isEmpty())
                    kinds.append(kind.trimmed().toLower());
            o.insert(QStringLiteral("kinds"), kinds);
            break;
        }
        case CommandColumn:
            o.insert(QStringLiteral("command"), item->text());
            break;
        case BatchColumn:
            o.insert(QStringLiteral("batch"), item->checkState() == Qt::Checked);
            break;
        case TimeoutColumn:
            o.insert(QStringLiteral("timeout_s"), item->data(Qt::EditRole).toDouble());
            break;
        default:
            return;
    }
    list.replace(row, o);
    write(list);
}

void SchemaModelsPage::addModel() {
    QJsonArray list = entries();
    QStringList taken;
    for (const QJsonValue& v : std::as_const(list))
        taken << v.toObject().value(QStringLiteral("name")).toString();
    // A row the user completes: the command is where the cursor goes.
    list.append(QJsonObject{{QStringLiteral("name"), freshName(QStringLiteral("model"), taken)},
                            {QStringLiteral("kinds"), QJsonArray{QStringLiteral("image")}},
                            {QStringLiteral("command"), QString()},
                            {QStringLiteral("batch"), false},
                            {QStringLiteral("timeout_s"), AssistModel::kDefaultTimeoutS}});
    write(list);
    load();
    select(int(list.size()) - 1);
    m_table->editItem(m_table->item(int(list.size()) - 1, CommandColumn));
}

void SchemaModelsPage::removeModel() {
    QJsonArray list = entries();
    const int row = m_table->currentRow();
    if (row < 0 || row >= list.size())
        return;
    list.removeAt(row);
    write(list);
    load();
    select(std::min(row, int(list.size()) - 1));
}

void SchemaModelsPage::moveModel(int delta) {
    QJsonArray list = entries();
    const int row = m_table->currentRow();
    const int to = row + delta;
    if (row < 0 || to < 0 || row >= list.size() || to >= list.size())
        return;
    const QJsonValue moving = list.at(row);
    list.removeAt(row);
    list.insert(to, moving);
    write(list);
    load();
    select(to);
}

}  // namespace postil

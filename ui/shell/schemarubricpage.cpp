#include "shell/schemarubricpage.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace postil {

namespace {
enum Column { NameColumn, MinColumn, MaxColumn, DescriptionColumn };
}  // namespace

SchemaRubricPage::SchemaRubricPage(Schema& schema, QWidget* parent) : SchemaPage(schema, parent) {
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("Comparisons rate every response on each dimension, from min to "
                                "max."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_table = new QTableWidget(0, 4, this);
    m_table->setObjectName(QStringLiteral("rubricTable"));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Min"), tr("Max"), tr("Description")});
    m_table->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(MinColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(MaxColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(DescriptionColumn, QHeaderView::Stretch);
    m_table->verticalHeader()->setVisible(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    layout->addWidget(m_table, 1);

    auto* row = new QHBoxLayout;
    const ListButtons buttons = addListButtons(row, tr("dimension"));
    layout->addLayout(row);
    connect(buttons.add, &QToolButton::clicked, this, &SchemaRubricPage::addDimension);
    connect(buttons.remove, &QToolButton::clicked, this, &SchemaRubricPage::removeDimension);
    connect(buttons.up, &QToolButton::clicked, this, [this] { moveDimension(-1); });
    connect(buttons.down, &QToolButton::clicked, this, [this] { moveDimension(1); });
    connect(m_table, &QTableWidget::cellChanged, this, &SchemaRubricPage::cellEdited);
    load();
}

void SchemaRubricPage::load() {
    m_loading = true;
    m_table->setRowCount(0);
    m_table->setRowCount(int(m_schema.rubric.size()));
    for (int r = 0; r < m_schema.rubric.size(); ++r) {
        const RubricDimension& d = m_schema.rubric[r];
        m_table->setItem(r, NameColumn, new QTableWidgetItem(d.name));
        // Numbers as numbers, so the cell edits with a spin box.
        auto* min = new QTableWidgetItem;
        min->setData(Qt::EditRole, d.min);
        auto* max = new QTableWidgetItem;
        max->setData(Qt::EditRole, d.max);
        m_table->setItem(r, MinColumn, min);
        m_table->setItem(r, MaxColumn, max);
        m_table->setItem(r, DescriptionColumn, new QTableWidgetItem(d.description));
    }
    m_loading = false;
}

void SchemaRubricPage::select(int index) {
    if (index >= 0 && index < m_table->rowCount()) {
        m_table->setCurrentCell(index, NameColumn);
        m_table->scrollToItem(m_table->item(index, NameColumn));
    }
}

void SchemaRubricPage::cellEdited(int row, int column) {
    if (m_loading || row < 0 || row >= m_schema.rubric.size())
        return;
    RubricDimension& d = m_schema.rubric[row];
    const QTableWidgetItem* item = m_table->item(row, column);
    switch (column) {
        case NameColumn:
            d.name = item->text().trimmed();
            break;
        case MinColumn:
            d.min = item->data(Qt::EditRole).toInt();
            break;
        case MaxColumn:
            d.max = item->data(Qt::EditRole).toInt();
            break;
        case DescriptionColumn:
            d.description = item->text();
            break;
    }
    Q_EMIT edited();
}

void SchemaRubricPage::addDimension() {
    QStringList names;
    for (const RubricDimension& d : std::as_const(m_schema.rubric))
        names << d.name;
    RubricDimension dimension;
    dimension.name = freshName(QStringLiteral("dimension"), names);
    m_schema.rubric.append(dimension);
    load();
    const int row = int(m_schema.rubric.size()) - 1;
    select(row);
    m_table->editItem(m_table->item(row, NameColumn));
    Q_EMIT edited();
}

void SchemaRubricPage::removeDimension() {
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_schema.rubric.size())
        return;
    m_schema.rubric.removeAt(row);
    load();
    select(std::min(row, int(m_schema.rubric.size()) - 1));
    Q_EMIT edited();
}

void SchemaRubricPage::moveDimension(int delta) {
    const int row = m_table->currentRow();
    if (!moveEntry(m_schema.rubric, row, row + delta))
        return;
    load();
    select(row + delta);
    Q_EMIT edited();
}

}  // namespace postil

#include "shell/schemalabelspage.h"

#include <QColorDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace postil {

namespace {

enum Column { NameColumn, ColorColumn, HotkeyColumn };

// Colours for new labels, chosen to stay apart from each other on photos and
// text alike; the user can change any of them.
const char* const kLabelColors[] = {"#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4",
                                    "#42d4f4", "#f032e6", "#bfef45", "#469990", "#9a6324"};

QIcon swatch(const QString& color) {
    QPixmap pixmap(14, 14);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QColor(0, 0, 0, 90));
    p.setBrush(QColor::isValidColorName(color) ? QColor(color) : QColor(Qt::transparent));
    p.drawRoundedRect(QRectF(0.5, 0.5, 13, 13), 3, 3);
    return QIcon(pixmap);
}

}  // namespace

SchemaLabelsPage::SchemaLabelsPage(Schema& schema, QWidget* parent) : SchemaPage(schema, parent) {
    auto* layout = new QVBoxLayout(this);
    auto* intro = new QLabel(tr("What the editor places: box classes, entity types, speakers, "
                                "flags. A hotkey is one key; the digits 1–9 are the usual choice."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_table = new QTableWidget(0, 3, this);
    m_table->setObjectName(QStringLiteral("labelTable"));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Colour"), tr("Hotkey")});
    m_table->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(ColorColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(HotkeyColumn, QHeaderView::ResizeToContents);
    m_table->verticalHeader()->setVisible(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    layout->addWidget(m_table, 1);

    auto* row = new QHBoxLayout;
    const ListButtons buttons = addListButtons(row, tr("label"));
    layout->addLayout(row);
    connect(buttons.add, &QToolButton::clicked, this, &SchemaLabelsPage::addLabel);
    connect(buttons.remove, &QToolButton::clicked, this, &SchemaLabelsPage::removeLabel);
    connect(buttons.up, &QToolButton::clicked, this, [this] { moveLabel(-1); });
    connect(buttons.down, &QToolButton::clicked, this, [this] { moveLabel(1); });
    connect(m_table, &QTableWidget::cellChanged, this, &SchemaLabelsPage::cellEdited);
    load();
}

void SchemaLabelsPage::load() {
    m_loading = true;
    const int keep = currentRow();
    m_table->setRowCount(0);
    m_table->setRowCount(int(m_schema.labels.size()));
    for (int r = 0; r < m_schema.labels.size(); ++r) {
        const Label& label = m_schema.labels[r];
        m_table->setItem(r, NameColumn, new QTableWidgetItem(label.name));
        m_table->setItem(r, HotkeyColumn, new QTableWidgetItem(label.hotkey));
        auto* item = new QTableWidgetItem;
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
        m_table->setItem(r, ColorColumn, item);
        auto* button = new QToolButton(m_table);
        button->setObjectName(QStringLiteral("color-%1").arg(r));
        button->setIcon(swatch(label.color));
        button->setText(label.color.isEmpty() ? tr("none") : label.color);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setAutoRaise(true);
        button->setToolTip(tr("Choose the colour"));
        connect(button, &QToolButton::clicked, this, [this, r] { pickColor(r); });
        m_table->setCellWidget(r, ColorColumn, button);
    }
    m_loading = false;
    if (keep >= 0 && keep < m_table->rowCount())
        m_table->selectRow(keep);
}

void SchemaLabelsPage::select(int index) {
    if (index >= 0 && index < m_table->rowCount()) {
        m_table->setCurrentCell(index, NameColumn);
        m_table->scrollToItem(m_table->item(index, NameColumn));
    }
}

int SchemaLabelsPage::currentRow() const {
    return m_table->currentRow();
}

void SchemaLabelsPage::cellEdited(int row, int column) {
    if (m_loading || row < 0 || row >= m_schema.labels.size())
        return;
    const QString text = m_table->item(row, column)->text();
    if (column == NameColumn)
        m_schema.labels[row].name = text.trimmed();
    else if (column == HotkeyColumn)
        m_schema.labels[row].hotkey = text.trimmed();
    Q_EMIT edited();
}

void SchemaLabelsPage::pickColor(int row) {
    if (row < 0 || row >= m_schema.labels.size())
        return;
    Label& label = m_schema.labels[row];
    const QColor chosen = QColorDialog::getColor(
        QColor::isValidColorName(label.color) ? QColor(label.color) : QColor(Qt::gray), this,
        tr("Colour of “%1”").arg(label.name));
    if (!chosen.isValid())
        return;
    label.color = chosen.name();
    load();
    m_table->selectRow(row);
    Q_EMIT edited();
}

void SchemaLabelsPage::addLabel() {
    QStringList names;
    QStringList hotkeys;
    for (const Label& l : std::as_const(m_schema.labels)) {
        names << l.name;
        hotkeys << l.hotkey;
    }
    Label label;
    label.name = freshName(tr("label"), names);
    label.color = QString::fromLatin1(
        kLabelColors[m_schema.labels.size() % (sizeof kLabelColors / sizeof *kLabelColors)]);
    for (int digit = 1; digit <= 9; ++digit) {
        if (!hotkeys.contains(QString::number(digit))) {
            label.hotkey = QString::number(digit);
            break;
        }
    }
    m_schema.labels.append(label);
    load();
    const int row = int(m_schema.labels.size()) - 1;
    select(row);
    m_table->editItem(m_table->item(row, NameColumn));
    Q_EMIT edited();
}

void SchemaLabelsPage::removeLabel() {
    const int row = currentRow();
    if (row < 0 || row >= m_schema.labels.size())
        return;
    m_schema.labels.removeAt(row);
    load();
    select(std::min(row, int(m_schema.labels.size()) - 1));
    Q_EMIT edited();
}

void SchemaLabelsPage::moveLabel(int delta) {
    const int row = currentRow();
    if (!moveEntry(m_schema.labels, row, row + delta))
        return;
    load();
    select(row + delta);
    Q_EMIT edited();
}

}  // namespace postil

#include "shell/schemalabelspage.h"

#include <QColorDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace postil {

namespace {

enum Column { NameColumn, ColorColumn, KindsColumn, HotkeyColumn, NoteColumn, ColumnCount };

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
    auto* intro = new QLabel(
        tr("What the editor places: box classes, entity types, speakers, flags. Kinds: the "
           "editors that place the label; none ticked means every kind. Hotkey: one digit "
           "1–9, read by the image and text editors, where a label with a hotkey takes that "
           "key and key N otherwise picks the Nth label of the editor's kind; a digit may "
           "serve one label per kind. Comparison flags always take key N as the Nth compare "
           "label, so hotkeys on labels neither editor shows are refused."),
        this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("labelTable"));
    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Colour"), tr("Kinds"), tr("Hotkey"), {}});
    QHeaderView* header = m_table->horizontalHeader();
    header->setSectionResizeMode(NameColumn, QHeaderView::Interactive);
    header->resizeSection(NameColumn, fontMetrics().horizontalAdvance(QLatin1Char('m')) * 10);
    for (int column : {ColorColumn, KindsColumn, HotkeyColumn})
        header->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    // The refusal reasons take what is left and wrap, growing their row.
    header->setSectionResizeMode(NoteColumn, QHeaderView::Stretch);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
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
        for (int column : {ColorColumn, KindsColumn, HotkeyColumn, NoteColumn}) {
            auto* item = new QTableWidgetItem;
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
            m_table->setItem(r, column, item);
        }
        auto* button = new QToolButton(m_table);
        button->setObjectName(QStringLiteral("color-%1").arg(r));
        button->setIcon(swatch(label.color));
        button->setText(label.color.isEmpty() ? tr("none") : label.color);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setAutoRaise(true);
        button->setToolTip(tr("Choose the colour"));
        connect(button, &QToolButton::clicked, this, [this, r] { pickColor(r); });
        m_table->setCellWidget(r, ColorColumn, button);

        auto* kinds = new KindChecks(QStringLiteral("labelKind-"), m_table);
        kinds->setObjectName(QStringLiteral("labelKinds-%1").arg(r));
        kinds->setKinds(label.kinds);
        kinds->setToolTip(tr("The editors that place this label; none ticked: every kind"));
        connect(kinds, &KindChecks::kindsEdited, this,
                [this, r](const QList<TaskKind>& ticked) { kindsEdited(r, ticked); });
        m_table->setCellWidget(r, KindsColumn, kinds);

        auto* hotkey = new QLineEdit(label.hotkey, m_table);
        hotkey->setObjectName(QStringLiteral("hotkey-%1").arg(r));
        hotkey->setFixedWidth(fontMetrics().horizontalAdvance(QStringLiteral("00000")));
        hotkey->setToolTip(tr("One digit 1–9 for the image and text editors, or empty"));
        connect(hotkey, &QLineEdit::textEdited, this,
                [this, r](const QString& text) { hotkeyEdited(r, text); });
        m_table->setCellWidget(r, HotkeyColumn, hotkey);

        auto* note = new QLabel(m_table);
        note->setObjectName(QStringLiteral("hotkeyNote-%1").arg(r));
        note->setWordWrap(true);
        note->setStyleSheet(QStringLiteral("color: #c62828;"));
        m_table->setCellWidget(r, NoteColumn, note);
    }
    m_loading = false;
    showHotkeyNotes();
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
    if (column != NameColumn)
        return;
    m_schema.labels[row].name = m_table->item(row, column)->text().trimmed();
    Q_EMIT edited();
}

void SchemaLabelsPage::hotkeyEdited(int row, const QString& text) {
    if (m_loading || row < 0 || row >= m_schema.labels.size())
        return;
    // Written as typed: a refused key keeps OK disabled and its reason in
    // view, rather than being dropped while the field still shows it.
    m_schema.labels[row].hotkey = text.trimmed();
    showHotkeyNotes();
    Q_EMIT edited();
}

void SchemaLabelsPage::kindsEdited(int row, const QList<TaskKind>& kinds) {
    if (m_loading || row < 0 || row >= m_schema.labels.size())
        return;
    m_schema.labels[row].kinds = kinds;
    // Kinds decide where a hotkey counts, so every row's note may change.
    showHotkeyNotes();
    Q_EMIT edited();
}

void SchemaLabelsPage::showHotkeyNotes() {
    const QStringList problems = m_schema.validate() + m_schema.strictProblems();
    for (int r = 0; r < m_table->rowCount(); ++r) {
        auto* note = qobject_cast<QLabel*>(m_table->cellWidget(r, NoteColumn));
        if (!note)
            continue;
        const QString place = QStringLiteral("labels[%1].hotkey: ").arg(r);
        QStringList reasons;
        for (const QString& problem : problems)
            if (problem.startsWith(place))
                reasons << problem.mid(place.size());
        note->setText(reasons.join(QLatin1Char('\n')));
        note->setToolTip(note->text());
    }
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

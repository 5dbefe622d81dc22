#include "editors/compare/flagpanel.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QPainter>
#include <QPixmap>

namespace postil {

namespace {
QIcon swatch(const QColor& color) {
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(color.darker(130));
    painter.setBrush(color);
    painter.drawRoundedRect(QRectF(0.5, 0.5, 11, 11), 2, 2);
    return QIcon(pixmap);
}

bool isDeleteKey(const QKeyEvent* event) {
    return (event->modifiers() & ~Qt::KeypadModifier) == Qt::NoModifier &&
           (event->key() == Qt::Key_Delete || event->key() == Qt::Key_Backspace);
}
}  // namespace

FlagPanel::FlagPanel(QWidget* parent) : QTreeWidget(parent) {
    setObjectName(QStringLiteral("flagPanel"));
    setRootIsDecorated(false);
    setUniformRowHeights(true);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);  // only the comment, opened below
    setHeaderLabels({tr("Label"), tr("Resp."), tr("Text"), tr("Comment")});
    header()->setStretchLastSection(true);
    header()->setSectionResizeMode(LabelColumn, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(ResponseColumn, QHeaderView::ResizeToContents);
    header()->setSectionResizeMode(TextColumn, QHeaderView::Interactive);
    setColumnWidth(TextColumn, 140);
    setToolTip(tr("Click to show the flag; F2 edits its comment; Delete removes it"));
    connect(this, &QTreeWidget::itemClicked, this,
            [this](QTreeWidgetItem* item) { Q_EMIT entryActivated(indexOfTopLevelItem(item)); });
    connect(this, &QTreeWidget::itemActivated, this,
            [this](QTreeWidgetItem* item) { Q_EMIT entryActivated(indexOfTopLevelItem(item)); });
    connect(this, &QTreeWidget::itemDoubleClicked, this,
            [this](QTreeWidgetItem* item) { editComment(indexOfTopLevelItem(item)); });
    connect(this, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* item, int column) {
        const int index = indexOfTopLevelItem(item);
        if (m_filling || column != CommentColumn || index < 0 || index >= m_entries.size())
            return;
        const QString comment = item->text(CommentColumn).trimmed();
        if (comment != m_entries[index].comment)
            Q_EMIT commentEdited(index, comment);
    });
}

void FlagPanel::setEntries(const QList<Entry>& entries) {
    if (entries == m_entries)
        return;
    const int current = currentEntry();
    m_filling = true;
    while (topLevelItemCount() > entries.size())
        delete takeTopLevelItem(topLevelItemCount() - 1);
    while (topLevelItemCount() < entries.size())
        addTopLevelItem(new QTreeWidgetItem);
    for (int i = 0; i < entries.size(); ++i) {
        const Entry& e = entries[i];
        QTreeWidgetItem* item = topLevelItem(i);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
        item->setText(LabelColumn, e.label);
        item->setIcon(LabelColumn, swatch(e.color));
        item->setText(ResponseColumn, e.response);
        item->setTextAlignment(ResponseColumn, Qt::AlignCenter);
        QString excerpt = e.excerpt.simplified();
        if (excerpt.size() > 120)
            excerpt = excerpt.left(119) + QChar(0x2026);
        item->setText(TextColumn, excerpt);
        item->setToolTip(TextColumn, e.excerpt.left(600));
        item->setText(CommentColumn, e.comment);
        item->setToolTip(CommentColumn, e.comment);
    }
    m_entries = entries;
    m_filling = false;
    if (current >= 0 && current < topLevelItemCount())
        setCurrentItem(topLevelItem(current));
}

int FlagPanel::currentEntry() const {
    return currentItem() ? indexOfTopLevelItem(currentItem()) : -1;
}

void FlagPanel::selectEntry(int index) {
    if (QTreeWidgetItem* item = topLevelItem(index)) {
        setCurrentItem(item);
        scrollToItem(item);
    }
}

void FlagPanel::editComment(int index) {
    if (QTreeWidgetItem* item = topLevelItem(index)) {
        setCurrentItem(item);
        setFocus();
        editItem(item, CommentColumn);
    }
}

bool FlagPanel::event(QEvent* event) {
    if (event->type() == QEvent::ShortcutOverride &&
        (isDeleteKey(static_cast<QKeyEvent*>(event)) ||
         static_cast<QKeyEvent*>(event)->key() == Qt::Key_F2)) {
        event->accept();
        return true;
    }
    return QTreeWidget::event(event);
}

void FlagPanel::keyPressEvent(QKeyEvent* event) {
    const int index = currentEntry();
    if (index >= 0 && isDeleteKey(event)) {
        event->accept();
        Q_EMIT removeRequested(index);
        return;
    }
    if (index >= 0 && event->key() == Qt::Key_F2 && event->modifiers() == Qt::NoModifier) {
        event->accept();
        editComment(index);
        return;
    }
    QTreeWidget::keyPressEvent(event);
}

}  // namespace postil

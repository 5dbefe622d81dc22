#include "widgets/labelpalette.h"

#include <QKeyEvent>
#include <QLineEdit>
#include <QListView>
#include <QScreen>
#include <QSortFilterProxyModel>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace postil {

namespace {
// Marks the "Create label" row.
constexpr int kCreatesRole = Qt::UserRole + 1;
}  // namespace

LabelPalette::LabelPalette(QWidget* parent)
    : QFrame(parent, Qt::Popup),
      m_filter(new QLineEdit(this)),
      m_list(new QListView(this)),
      m_model(new QStandardItemModel(this)),
      m_proxy(new QSortFilterProxyModel(this)) {
    setObjectName(QStringLiteral("labelPalette"));
    setFrameShape(QFrame::StyledPanel);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    m_filter->setPlaceholderText(tr("Type to find a label…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->installEventFilter(this);
    layout->addWidget(m_filter);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_list->setModel(m_proxy);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setUniformItemSizes(true);
    m_list->setFocusPolicy(Qt::NoFocus);  // typing always goes to the filter
    layout->addWidget(m_list);
    resize(280, 320);

    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        updateCreateRow(text.trimmed());
        m_proxy->setFilterFixedString(text.trimmed());
        selectRow(0);
    });
    connect(m_filter, &QLineEdit::returnPressed, this, &LabelPalette::choose);
    connect(m_list, &QListView::clicked, this, [this](const QModelIndex& index) {
        selectRow(index.row());
        choose();
    });
}

void LabelPalette::setLabels(const QList<Label>& labels,
                             const std::function<QColor(const QString&)>& colorFor) {
    m_model->clear();
    m_createItem = nullptr;
    for (qsizetype i = 0; i < labels.size(); ++i) {
        const Label& label = labels[i];
        auto* item = new QStandardItem(label.name);
        item->setData(label.name, Qt::UserRole);
        item->setData(colorFor(label.name), Qt::DecorationRole);
        if (i < 9)
            item->setToolTip(tr("Key %1").arg(i + 1));
        item->setEditable(false);
        m_model->appendRow(item);
    }
}

void LabelPalette::updateCreateRow(const QString& name) {
    bool known = name.isEmpty();
    for (int row = 0; row < m_model->rowCount() && !known; ++row) {
        const QStandardItem* item = m_model->item(row);
        known = item != m_createItem &&
                item->data(Qt::UserRole).toString().compare(name, Qt::CaseInsensitive) == 0;
    }
    if (known) {
        if (m_createItem)
            m_model->removeRow(m_createItem->row());
        m_createItem = nullptr;
        return;
    }
    if (!m_createItem) {
        m_createItem = new QStandardItem;
        m_createItem->setEditable(false);
        m_createItem->setData(true, kCreatesRole);
        m_model->appendRow(m_createItem);
    }
    // The text holds the name, so the filter keeps this row in view.
    m_createItem->setText(tr("Create label “%1”").arg(name));
    m_createItem->setData(name, Qt::UserRole);
}

void LabelPalette::popup(QWidget* anchor, const QString& prompt) {
    m_chosen = false;
    m_filter->setPlaceholderText(prompt.isEmpty() ? tr("Type to find a label…") : prompt);
    m_filter->clear();
    m_proxy->setFilterFixedString(QString());
    selectRow(0);
    QPoint pos;
    if (anchor) {
        const QRect area(anchor->mapToGlobal(QPoint(0, 0)), anchor->size());
        pos = QPoint(area.center().x() - width() / 2, area.top() + area.height() / 4);
        if (QScreen* screen = anchor->screen()) {
            const QRect avail = screen->availableGeometry();
            pos.setX(
                std::clamp(pos.x(), avail.left(), std::max(avail.left(), avail.right() - width())));
            pos.setY(
                std::clamp(pos.y(), avail.top(), std::max(avail.top(), avail.bottom() - height())));
        }
    }
    move(pos);
    show();
    raise();
    activateWindow();
    m_filter->setFocus(Qt::PopupFocusReason);
}

bool LabelPalette::currentCreates() const {
    QModelIndex index = m_list->currentIndex();
    if (!index.isValid())
        index = m_proxy->index(0, 0);
    return index.isValid() && index.data(kCreatesRole).toBool();
}

QString LabelPalette::currentLabel() const {
    QModelIndex index = m_list->currentIndex();
    if (!index.isValid())
        index = m_proxy->index(0, 0);
    return index.isValid() ? index.data(Qt::UserRole).toString() : QString();
}

void LabelPalette::selectRow(int row) {
    if (m_proxy->rowCount() == 0) {
        m_list->setCurrentIndex(QModelIndex());
        return;
    }
    row = std::clamp(row, 0, m_proxy->rowCount() - 1);
    const QModelIndex index = m_proxy->index(row, 0);
    m_list->setCurrentIndex(index);
    m_list->scrollTo(index);
}

void LabelPalette::choose() {
    if (m_proxy->rowCount() == 0)
        return;  // nothing matches: keep the palette open for another try
    const QString name = currentLabel();
    const bool creates = currentCreates();
    m_chosen = true;
    hide();
    if (name.isEmpty())
        return;
    if (creates)
        Q_EMIT labelCreated(name);
    else
        Q_EMIT labelChosen(name);
}

void LabelPalette::hideEvent(QHideEvent* event) {
    QFrame::hideEvent(event);
    if (!m_chosen)
        Q_EMIT dismissed();
    m_chosen = true;  // one signal per showing
}

bool LabelPalette::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        const int row = m_list->currentIndex().isValid() ? m_list->currentIndex().row() : -1;
        switch (key->key()) {
            case Qt::Key_Down:
                selectRow(row + 1);
                return true;
            case Qt::Key_Up:
                selectRow(row - 1);
                return true;
            case Qt::Key_PageDown:
                selectRow(row + 8);
                return true;
            case Qt::Key_PageUp:
                selectRow(row - 8);
                return true;
            case Qt::Key_Enter:
            case Qt::Key_Return:
                choose();
                return true;
            case Qt::Key_Escape:
                hide();
                return true;
            default:
                break;
        }
    }
    return QFrame::eventFilter(watched, event);
}

}  // namespace postil

#include "widgets/chipflowlayout.h"

#include <QWidget>

namespace postil {

ChipFlowLayout::ChipFlowLayout(QWidget* parent, int spacing) : QLayout(parent), m_gap(spacing) {
    setContentsMargins(0, 0, 0, 0);
}

ChipFlowLayout::~ChipFlowLayout() {
    while (QLayoutItem* item = takeAt(0))
        delete item;
}

void ChipFlowLayout::addItem(QLayoutItem* item) {
    m_items.append(item);
}

QLayoutItem* ChipFlowLayout::itemAt(int index) const {
    return index >= 0 && index < m_items.size() ? m_items.at(index) : nullptr;
}

QLayoutItem* ChipFlowLayout::takeAt(int index) {
    return index >= 0 && index < m_items.size() ? m_items.takeAt(index) : nullptr;
}

int ChipFlowLayout::heightForWidth(int width) const {
    return arrange(QRect(0, 0, width, 0), false);
}

QSize ChipFlowLayout::sizeHint() const {
    // Prefer one row; heightForWidth() wraps it to whatever width we get.
    int width = 0;
    int height = 0;
    for (QLayoutItem* item : m_items) {
        const QSize s = item->sizeHint();
        width += s.width() + (width > 0 ? m_gap : 0);
        height = std::max(height, s.height());
    }
    const QMargins m = contentsMargins();
    return QSize(width, height).grownBy(m);
}

QSize ChipFlowLayout::minimumSize() const {
    QSize size;
    for (QLayoutItem* item : m_items)
        size = size.expandedTo(item->minimumSize());
    return size.grownBy(contentsMargins());
}

void ChipFlowLayout::setGeometry(const QRect& rect) {
    QLayout::setGeometry(rect);
    arrange(rect, true);
}

int ChipFlowLayout::arrange(const QRect& rect, bool apply) const {
    const QRect area = rect.marginsRemoved(contentsMargins());
    int x = area.x();
    int y = area.y();
    int rowHeight = 0;
    for (QLayoutItem* item : m_items) {
        if (item->isEmpty())
            continue;
        QSize size = item->sizeHint();
        size.setWidth(std::min(size.width(), std::max(area.width(), 1)));
        if (x > area.x() && x + size.width() > area.right() + 1) {
            x = area.x();
            y += rowHeight + m_gap;
            rowHeight = 0;
        }
        if (apply)
            item->setGeometry(QRect(QPoint(x, y), size));
        x += size.width() + m_gap;
        rowHeight = std::max(rowHeight, size.height());
    }
    return y + rowHeight - rect.y() + contentsMargins().bottom();
}

}  // namespace postil

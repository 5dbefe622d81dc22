#pragma once

#include <QCache>
#include <QPixmap>
#include <QStyledItemDelegate>

namespace postil {

// An item delegate that paints each cell once into a pixmap and then only
// copies it, for as long as what the cell shows is the same: its text, its
// decoration colour, its size, its state (selected, alternate row, hovered,
// focused) and the colours it is drawn in, so that a window going inactive
// while a dialog is up copies its cells too. Laying out text with colour emoji decodes the
// emoji font's PNG glyphs again for every layout (FreeType, in Qt 6.4's
// advance calculation), which made a repaint of the task list take 8 ms at
// 1366x768; a copy takes microseconds. Cells whose look depends on anything
// else (check boxes, icons from files) must not use it.
class CachedCellDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    explicit CachedCellDelegate(QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;

    // How many cells were painted afresh (a cache miss), for tests.
    int freshPaints() const { return m_fresh; }
    void clearCache() { m_cells.clear(); }

private:
    mutable QCache<QString, QPixmap> m_cells;
    mutable int m_fresh = 0;
};

}  // namespace postil

#include "widgets/cachedcelldelegate.h"

#include <QPainter>

namespace postil {

namespace {

// Pixmap bytes the cache may hold: a few screens of rows.
constexpr qsizetype kCacheBytes = 24 << 20;

}  // namespace

CachedCellDelegate::CachedCellDelegate(QObject* parent) : QStyledItemDelegate(parent) {
    m_cells.setMaxCost(kCacheBytes);
}

void CachedCellDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                               const QModelIndex& index) const {
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const qreal ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    const QSize size = opt.rect.size();
    const QVariant decoration = index.data(Qt::DecorationRole);
    // A colour swatch is part of the key; any other decoration is not known.
    if (size.isEmpty() || (decoration.isValid() && decoration.typeId() != QMetaType::QColor)) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    // The state bits that change a cell's look, and the colours it is drawn
    // in as resolved for the window's state: a window going inactive (a
    // dialog opening) whose palette keeps its colours keeps its copies.
    const QStyle::State looks = QStyle::State_Selected | QStyle::State_Enabled |
                                QStyle::State_MouseOver | QStyle::State_HasFocus;
    const QPalette& pal = opt.palette;
    QString colors;
    for (const QPalette::ColorRole role :
         {QPalette::Text, QPalette::HighlightedText, QPalette::Highlight, QPalette::Base,
          QPalette::AlternateBase})
        colors += QString::number(pal.color(role).rgba(), 16) + QLatin1Char(',');
    const QString key = QStringLiteral("%1|%2x%3@%4|%5|%6|%7|%8|%9|%10")
                            .arg(opt.text)
                            .arg(size.width())
                            .arg(size.height())
                            .arg(ratio)
                            .arg(int(opt.state & looks))
                            .arg(int(opt.features))
                            .arg(decoration.value<QColor>().rgba())
                            .arg(colors)
                            .arg(int(opt.displayAlignment) ^ (int(opt.textElideMode) << 16))
                            .arg(qHash(opt.font));
    if (const QPixmap* cell = m_cells.object(key)) {
        painter->drawPixmap(opt.rect.topLeft(), *cell);
        return;
    }
    ++m_fresh;
    QPixmap cell(size * ratio);
    cell.setDevicePixelRatio(ratio);
    cell.fill(Qt::transparent);
    {
        QPainter cellPainter(&cell);
        QStyleOptionViewItem moved = option;
        moved.rect = QRect(QPoint(0, 0), size);
        QStyledItemDelegate::paint(&cellPainter, moved, index);
    }
    painter->drawPixmap(opt.rect.topLeft(), cell);
    const auto bytes = qsizetype(cell.width()) * cell.height() * 4;
    m_cells.insert(key, new QPixmap(std::move(cell)), std::max<qsizetype>(1, bytes));
}

}  // namespace postil

#include "editors/image/boxlistmodel.h"

#include <QColor>
#include <QLocale>
#include <cmath>

namespace postil {

namespace {

QString pixels(double value) {
    // Whole pixels read best; fractions only where there are some.
    return QLocale().toString(value, 'f', value == std::floor(value) ? 0 : 1);
}

}  // namespace

BoxListModel::BoxListModel(QObject* parent) : QAbstractTableModel(parent) {
    m_colorFor = [](const QString&) { return QColor(Qt::gray); };
}

void BoxListModel::setColorFor(std::function<QColor(const QString&)> colorFor) {
    m_colorFor = std::move(colorFor);
    refreshColors();
}

void BoxListModel::refreshColors() {
    if (!m_boxes.isEmpty())
        Q_EMIT dataChanged(index(0, LabelColumn), index(rowCount() - 1, LabelColumn),
                           {Qt::DecorationRole});
}

void BoxListModel::setBoxes(const QList<Box>& boxes) {
    const int before = int(m_boxes.size());
    const int after = int(boxes.size());
    // Rows that changed in place: one dataChanged over their span.
    int first = -1, last = -1;
    for (int i = 0; i < std::min(before, after); ++i) {
        if (!m_boxes[i].sameAs(boxes[i])) {
            if (first < 0)
                first = i;
            last = i;
        }
        m_boxes[i] = boxes[i];
    }
    if (after > before) {
        beginInsertRows({}, before, after - 1);
        m_boxes.append(boxes.mid(before));
        endInsertRows();
    } else if (after < before) {
        beginRemoveRows({}, after, before - 1);
        m_boxes.resize(after);
        endRemoveRows();
    }
    if (first >= 0)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

int BoxListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_boxes.size());
}

int BoxListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant BoxListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Box& box = m_boxes.at(index.row());
    if (role == LabelRole)
        return box.label;
    switch (index.column()) {
        case NumberColumn:
            if (role == Qt::DisplayRole)
                return index.row() + 1;
            if (role == Qt::TextAlignmentRole)
                return int(Qt::AlignRight | Qt::AlignVCenter);
            break;
        case LabelColumn:
            if (role == Qt::DisplayRole)
                return box.label.isEmpty() ? tr("(no label)") : box.label;
            if (role == Qt::DecorationRole)
                return m_colorFor(box.label);
            if (role == Qt::ToolTipRole && !box.attrs.isEmpty()) {
                QStringList parts;
                for (auto it = box.attrs.begin(); it != box.attrs.end(); ++it)
                    parts << QStringLiteral("%1: %2").arg(it.key(),
                                                          it.value().toVariant().toString());
                return parts.join(QLatin1Char('\n'));
            }
            break;
        case SizeColumn:
            if (role == Qt::DisplayRole)
                return tr("%1 × %2").arg(pixels(box.rect().width()), pixels(box.rect().height()));
            if (role == Qt::ToolTipRole)
                return tr("x %1, y %2, %3 × %4 px")
                    .arg(pixels(box.rect().x()), pixels(box.rect().y()), pixels(box.rect().width()),
                         pixels(box.rect().height()));
            break;
        default:
            break;
    }
    return {};
}

QVariant BoxListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
        case NumberColumn:
            return tr("#");
        case LabelColumn:
            return tr("Label");
        case SizeColumn:
            return tr("Size (px)");
        default:
            return {};
    }
}

}  // namespace postil

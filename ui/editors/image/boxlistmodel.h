#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <functional>

#include "editors/image/boxeditlogic.h"

namespace postil {

// The boxes of the open task as a table: number, label (with its colour as
// the decoration) and size. It is told the boxes when a gesture ends, never
// during one, and then signals only the rows that changed.
class BoxListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NumberColumn, LabelColumn, SizeColumn, ColumnCount };
    enum Role { LabelRole = Qt::UserRole + 1 };

    explicit BoxListModel(QObject* parent = nullptr);

    void setColorFor(std::function<QColor(const QString&)> colorFor);
    void setBoxes(const QList<Box>& boxes);
    const QList<Box>& boxes() const { return m_boxes; }
    // The colours changed: every decoration repaints.
    void refreshColors();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::function<QColor(const QString&)> m_colorFor;
    QList<Box> m_boxes;
};

}  // namespace postil

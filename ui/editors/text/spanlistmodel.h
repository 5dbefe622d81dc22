#pragma once

#include <QAbstractTableModel>
#include <QList>

#include "editors/text/spanindex.h"

namespace postil {

class TextOffsets;

// The spans shown in the text view as rows of the side panel, in reading
// order: the span's text, its label, its offsets in code points. A row's
// text is cut from the task text when it is asked for, so setting 20,000
// spans copies no text.
class SpanListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { TextColumn, LabelColumn, OffsetsColumn, ColumnCount };
    enum Role { SpanIdRole = Qt::UserRole + 1, LabelRole };

    using QAbstractTableModel::QAbstractTableModel;

    // The task text and its offsets; both outlive the model's rows.
    void setText(const QString* text, const TextOffsets* offsets);
    void setSpans(const QList<ViewSpan>& spans);
    int rowOfSpan(int id) const { return id >= 0 && id < m_rowOfId.size() ? m_rowOfId[id] : -1; }
    int spanAt(int row) const { return row >= 0 && row < m_spans.size() ? m_spans[row].id : -1; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    const QString* m_text = nullptr;
    const TextOffsets* m_offsets = nullptr;
    QList<ViewSpan> m_spans;
    QList<int> m_rowOfId;
};

}  // namespace postil

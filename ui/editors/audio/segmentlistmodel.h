#pragma once

#include <QAbstractTableModel>
#include <QColor>
#include <QHash>

#include "model/segmentresult.h"

namespace postil {

// The transcript list's rows: one per segment, in time order (the editor's
// list, read where it lies: nothing is copied). The segment under the
// playhead while playing is marked (PlayingRole and a background).
class SegmentListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { StartColumn, EndColumn, SpeakerColumn, TextColumn, ColumnCount };
    enum Role { PlayingRole = Qt::UserRole + 1 };

    explicit SegmentListModel(QObject* parent = nullptr);

    void setSegments(const QList<Segment>* segments);
    // The list changed (any edit): rows are read again.
    void reload();
    // One row's text or speaker changed in place.
    void rowChanged(int row);
    void setColors(const QHash<QString, QColor>& colors);
    void setPlaying(int row);
    int playing() const { return m_playing; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    const QList<Segment>* m_segments = nullptr;
    QHash<QString, QColor> m_colors;
    int m_rows = 0;  // the rows the view knows of
    int m_playing = -1;
};

}  // namespace postil

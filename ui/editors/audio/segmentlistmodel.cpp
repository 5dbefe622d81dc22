#include "editors/audio/segmentlistmodel.h"

#include <QFont>
#include <QPalette>

#include "editors/audio/timeruler.h"
#include "widgets/labelcolors.h"

namespace postil {

SegmentListModel::SegmentListModel(QObject* parent) : QAbstractTableModel(parent) {}

void SegmentListModel::setSegments(const QList<Segment>* segments) {
    beginResetModel();
    m_segments = segments;
    m_rows = segments ? int(segments->size()) : 0;
    m_playing = -1;
    endResetModel();
}

void SegmentListModel::reload() {
    // Rows added or removed at the end, then every row said changed: a
    // reset made the view drop and rebuild its whole state, several ms at a
    // thousand rows on every edit. The editor selects the row it means
    // right after, so no index needs to follow its segment.
    const int rows = m_segments ? int(m_segments->size()) : 0;
    if (rows > m_rows) {
        beginInsertRows({}, m_rows, rows - 1);
        m_rows = rows;
        endInsertRows();
    } else if (rows < m_rows) {
        beginRemoveRows({}, rows, m_rows - 1);
        m_rows = rows;
        endRemoveRows();
    }
    if (m_playing >= rows)
        m_playing = -1;
    if (rows > 0)
        Q_EMIT dataChanged(index(0, 0), index(rows - 1, ColumnCount - 1));
}

void SegmentListModel::rowChanged(int row) {
    if (row >= 0 && row < rowCount())
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void SegmentListModel::setColors(const QHash<QString, QColor>& colors) {
    m_colors = colors;
    if (rowCount() > 0)
        Q_EMIT dataChanged(index(0, SpeakerColumn), index(rowCount() - 1, SpeakerColumn));
}

void SegmentListModel::setPlaying(int row) {
    if (row == m_playing)
        return;
    const int old = std::exchange(m_playing, row);
    rowChanged(old);
    rowChanged(row);
}

int SegmentListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : m_rows;
}

int SegmentListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SegmentListModel::data(const QModelIndex& index, int role) const {
    if (!m_segments || !index.isValid() || index.row() >= m_segments->size() ||
        index.row() >= m_rows)
        return {};
    const Segment& s = (*m_segments)[index.row()];
    switch (role) {
        case Qt::DisplayRole:
            switch (index.column()) {
                case StartColumn:
                    return TimeRuler::clock(s.startMs);
                case EndColumn:
                    return TimeRuler::clock(s.endMs);
                case SpeakerColumn:
                    return s.speaker.isEmpty() ? tr("—") : s.speaker;
                case TextColumn:
                    // One line per row: a newline inside a segment shows as a mark.
                    return s.text.isEmpty() ? QString() : QString(s.text).replace(u'\n', u'⏎');
            }
            break;
        case Qt::ToolTipRole:
            if (index.column() == TextColumn)
                return s.text;
            break;
        case Qt::DecorationRole:
            if (index.column() == SpeakerColumn && !s.speaker.isEmpty())
                return labelSwatch(m_colors.value(s.speaker, unknownLabelColor(s.speaker)));
            break;
        case Qt::BackgroundRole:
            if (index.row() == m_playing) {
                QColor playing = QPalette().color(QPalette::Highlight);
                playing.setAlpha(60);
                return playing;
            }
            break;
        case Qt::FontRole:
            if (index.row() == m_playing) {
                QFont bold;
                bold.setBold(true);
                return bold;
            }
            break;
        case PlayingRole:
            return index.row() == m_playing;
        default:
            break;
    }
    return {};
}

QVariant SegmentListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
        case StartColumn:
            return tr("Start");
        case EndColumn:
            return tr("End");
        case SpeakerColumn:
            return tr("Speaker");
        case TextColumn:
            return tr("Text");
    }
    return {};
}

}  // namespace postil

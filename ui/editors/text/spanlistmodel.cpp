#include "editors/text/spanlistmodel.h"

#include "text/textoffsets.h"
#include "widgets/labelcolors.h"

namespace postil {

namespace {
// Characters of a span's text in its row.
constexpr qsizetype kRowChars = 48;
}  // namespace

void SpanListModel::setText(const QString* text, const TextOffsets* offsets) {
    beginResetModel();
    m_text = text;
    m_offsets = offsets;
    m_spans.clear();
    m_rowOfId.clear();
    endResetModel();
}

void SpanListModel::setSpans(const QList<ViewSpan>& spans) {
    beginResetModel();
    m_spans = spans;
    int maxId = -1;
    for (const ViewSpan& span : spans)
        maxId = std::max(maxId, span.id);
    m_rowOfId.fill(-1, maxId + 1);
    for (int row = 0; row < m_spans.size(); ++row)
        if (m_spans[row].id >= 0)
            m_rowOfId[m_spans[row].id] = row;
    endResetModel();
}

int SpanListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_spans.size());
}

int SpanListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SpanListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= m_spans.size())
        return {};
    const ViewSpan& span = m_spans[index.row()];
    switch (role) {
        case SpanIdRole:
            return span.id;
        case LabelRole:
            return span.label;
        case Qt::DecorationRole:
            return index.column() == LabelColumn ? QVariant(labelSwatch(span.color)) : QVariant();
        case Qt::ToolTipRole:
        case Qt::DisplayRole: {
            if (index.column() == LabelColumn)
                return span.label;
            if (index.column() == OffsetsColumn) {
                if (!m_offsets)
                    return {};
                return QStringLiteral("%1–%2")
                    .arg(m_offsets->toCodePoint(span.start))
                    .arg(m_offsets->toCodePoint(span.end));
            }
            if (!m_text)
                return {};
            const qsizetype length = span.end - span.start;
            QString text =
                m_text->mid(span.start, role == Qt::ToolTipRole ? std::min<qsizetype>(length, 2000)
                                                                : std::min(length, kRowChars + 1));
            text.replace(QLatin1Char('\n'), QChar(0x21B5)).remove(QLatin1Char('\r'));
            if (role == Qt::DisplayRole && text.size() > kRowChars) {
                // Never half a surrogate pair.
                const qsizetype cut =
                    text.at(kRowChars).isLowSurrogate() ? kRowChars - 1 : kRowChars;
                text = text.left(cut) + QStringLiteral("…");
            }
            return text;
        }
        default:
            return {};
    }
}

QVariant SpanListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
        case TextColumn:
            return tr("Text");
        case LabelColumn:
            return tr("Label");
        case OffsetsColumn:
            return tr("Offsets");
        default:
            return {};
    }
}

}  // namespace postil

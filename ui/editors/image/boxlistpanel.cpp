#include "editors/image/boxlistpanel.h"

#include <QHeaderView>
#include <QItemSelection>
#include <QKeyEvent>
#include <QLabel>
#include <QListWidget>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>
#include <algorithm>

#include "editors/image/boxlistmodel.h"
#include "widgets/attributespanel.h"
#include "widgets/counted.h"

namespace postil {

// Leaves out the boxes of hidden labels.
class ShownBoxesProxy : public QSortFilterProxyModel {
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setHidden(const QSet<QString>& hidden) {
        m_hidden = hidden;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex& parent) const override {
        if (m_hidden.isEmpty())
            return true;
        const QModelIndex index = sourceModel()->index(row, 0, parent);
        return !m_hidden.contains(index.data(BoxListModel::LabelRole).toString());
    }

private:
    QSet<QString> m_hidden;
};

namespace {

QWidget* titled(const QString& title, QWidget* body, QWidget* extra = nullptr) {
    auto* box = new QWidget;
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(6, 6, 6, 2);
    layout->setSpacing(3);
    auto* heading = new QLabel(title, box);
    QFont font = heading->font();
    font.setBold(true);
    heading->setFont(font);
    layout->addWidget(heading);
    if (extra)
        layout->addWidget(extra);
    layout->addWidget(body, 1);
    return box;
}

}  // namespace

BoxListPanel::BoxListPanel(QWidget* parent)
    : QWidget(parent),
      m_filter(new QListWidget),
      m_countLine(new QLabel),
      m_view(new QTreeView),
      m_model(new BoxListModel(this)),
      m_proxy(new ShownBoxesProxy(this)),
      m_attributes(new AttributesPanel) {
    setObjectName(QStringLiteral("boxListPanel"));
    m_colorFor = [](const QString&) { return QColor(Qt::gray); };
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    layout->addWidget(splitter);

    m_filter->setObjectName(QStringLiteral("labelFilter"));
    m_filter->setToolTip(tr("Untick a label to hide its boxes"));
    m_filter->setUniformItemSizes(true);
    m_filter->setIconSize(QSize(12, 12));
    splitter->addWidget(titled(tr("Labels"), m_filter));

    m_proxy->setSourceModel(m_model);
    m_view->setObjectName(QStringLiteral("boxList"));
    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);  // thousands of rows scroll without measuring each
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setIconSize(QSize(12, 12));
    // The label takes what the number and the size leave: no sideways scrolling.
    m_view->header()->setStretchLastSection(false);
    m_view->header()->setSectionResizeMode(BoxListModel::NumberColumn,
                                           QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(BoxListModel::LabelColumn, QHeaderView::Stretch);
    m_view->header()->setSectionResizeMode(BoxListModel::SizeColumn, QHeaderView::ResizeToContents);
    m_countLine->setForegroundRole(QPalette::PlaceholderText);
    splitter->addWidget(titled(tr("Boxes"), m_view, m_countLine));

    m_attributes->setObjectName(QStringLiteral("boxAttributes"));
    m_attributesBox = titled(tr("Attributes"), m_attributes);
    splitter->addWidget(m_attributesBox);
    m_attributesBox->setVisible(false);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setStretchFactor(2, 1);

    connect(m_filter, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
        const QString label = item->data(Qt::UserRole).toString();
        QSet<QString> hidden = m_hidden;
        if (item->checkState() == Qt::Checked)
            hidden.remove(label);
        else
            hidden.insert(label);
        if (hidden == m_hidden)
            return;
        setHiddenLabels(hidden);
        Q_EMIT hiddenLabelsChanged(m_hidden);
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &BoxListPanel::onViewSelectionChanged);
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex& index) {
        Q_EMIT boxActivated(m_proxy->mapToSource(index).row());
    });
}

BoxListPanel::~BoxListPanel() = default;

void BoxListPanel::setLabels(const QList<Label>& labels, ColorFor colorFor) {
    m_labels = labels;
    m_colorFor = std::move(colorFor);
    m_model->setColorFor(m_colorFor);
    // The attributes section shows only when the schema has attributes.
    m_attributesBox->setVisible(m_attributes->hasAttributes());
    rebuildFilter();
}

void BoxListPanel::setBoxes(const QList<Box>& boxes) {
    m_syncing = true;
    m_model->setBoxes(boxes);
    m_syncing = false;
    // A label the schema does not name shows up in the filter as soon as a
    // box carries it (imported data, a renamed label).
    bool unknown = false;
    for (const Box& box : boxes)
        if (!m_filterLabels.contains(box.label)) {
            unknown = true;
            break;
        }
    if (unknown)
        rebuildFilter();
    else
        updateCounts();
}

void BoxListPanel::rebuildFilter() {
    QStringList names;
    for (const Label& label : std::as_const(m_labels))
        names << label.name;
    for (const Box& box : m_model->boxes())
        if (!names.contains(box.label))
            names << box.label;
    m_filterLabels = names;
    const QSignalBlocker blocker(m_filter);
    m_filter->clear();
    for (const QString& name : std::as_const(names)) {
        auto* item = new QListWidgetItem(m_filter);
        item->setData(Qt::UserRole, name);
        item->setData(Qt::DecorationRole, m_colorFor(name));
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(m_hidden.contains(name) ? Qt::Unchecked : Qt::Checked);
    }
    updateCounts();
}

void BoxListPanel::updateCounts() {
    QHash<QString, int> counts;
    for (const Box& box : m_model->boxes())
        ++counts[box.label];
    const QSignalBlocker blocker(m_filter);
    for (int row = 0; row < m_filter->count(); ++row) {
        QListWidgetItem* item = m_filter->item(row);
        const QString name = item->data(Qt::UserRole).toString();
        const QString shown = name.isEmpty() ? tr("(no label)") : name;
        const QString text = QStringLiteral("%1  (%2)").arg(shown).arg(counts.value(name));
        if (item->text() != text)
            item->setText(text);
    }
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    m_countLine->setText(shown == total ? counted(total, tr("1 box"), tr("%1 boxes"))
                                        : tr("%1 of %2 shown").arg(shown).arg(total));
}

void BoxListPanel::setHiddenLabels(const QSet<QString>& labels) {
    m_hidden = labels;
    m_syncing = true;
    m_proxy->setHidden(labels);
    m_syncing = false;
    const QSignalBlocker blocker(m_filter);
    for (int row = 0; row < m_filter->count(); ++row) {
        QListWidgetItem* item = m_filter->item(row);
        item->setCheckState(labels.contains(item->data(Qt::UserRole).toString()) ? Qt::Unchecked
                                                                                 : Qt::Checked);
    }
    updateCounts();
}

int BoxListPanel::rowOfBox(int box) const {
    if (box < 0 || box >= m_model->rowCount())
        return -1;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(box, 0));
    return index.isValid() ? index.row() : -1;
}

void BoxListPanel::showSelection(const QList<int>& boxes) {
    QList<int> rows;
    rows.reserve(boxes.size());
    for (int box : boxes)
        if (int row = rowOfBox(box); row >= 0)
            rows << row;
    std::sort(rows.begin(), rows.end());
    // Runs of neighbouring rows become one range: selecting all of five
    // thousand boxes is one range, not five thousand.
    QItemSelection selection;
    const int lastColumn = BoxListModel::ColumnCount - 1;
    for (qsizetype i = 0; i < rows.size();) {
        qsizetype j = i;
        while (j + 1 < rows.size() && rows[j + 1] == rows[j] + 1)
            ++j;
        selection.select(m_proxy->index(rows[i], 0), m_proxy->index(rows[j], lastColumn));
        i = j + 1;
    }
    m_syncing = true;
    QItemSelectionModel* model = m_view->selectionModel();
    model->select(selection, QItemSelectionModel::ClearAndSelect);
    if (!rows.isEmpty()) {
        const QModelIndex first = m_proxy->index(rows.first(), 0);
        model->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
        m_view->scrollTo(first);
    }
    m_syncing = false;
}

void BoxListPanel::onViewSelectionChanged() {
    if (m_syncing)
        return;
    QList<int> boxes;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows(0);
    boxes.reserve(rows.size());
    for (const QModelIndex& index : rows)
        boxes << m_proxy->mapToSource(index).row();
    std::sort(boxes.begin(), boxes.end());
    Q_EMIT selectionEdited(boxes);
}

}  // namespace postil

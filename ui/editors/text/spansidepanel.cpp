#include "editors/text/spansidepanel.h"

#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

#include "editors/text/editorwords.h"
#include "editors/text/spanlistmodel.h"
#include "widgets/attributespanel.h"
#include "widgets/labelcolors.h"
#include "widgets/textdebouncer.h"

namespace postil {

namespace {

// More labels than this and the filter gets a search field.
constexpr int kLabelsWithoutSearch = 8;

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

SpanSidePanel::SpanSidePanel(QWidget* parent)
    : QWidget(parent),
      m_search(new QLineEdit),
      m_filter(new QListWidget),
      m_countLine(new QLabel),
      m_spanList(new QTreeView),
      m_model(new SpanListModel(this)),
      m_relations(new QListWidget),
      m_attributes(new AttributesPanel(AttributesPanel::Item::Span)),
      m_note(new QPlainTextEdit) {
    setObjectName(QStringLiteral("spanSidePanel"));
    m_colorFor = [](const QString& label) { return unknownLabelColor(label); };
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    layout->addWidget(splitter);

    m_search->setObjectName(QStringLiteral("labelSearch"));
    m_search->setPlaceholderText(tr("Find a label…"));
    m_search->setClearButtonEnabled(true);
    m_search->hide();
    m_filter->setObjectName(QStringLiteral("labelFilter"));
    m_filter->setToolTip(tr("Untick a label to hide its spans"));
    m_filter->setUniformItemSizes(true);
    m_filter->setIconSize(QSize(12, 12));
    splitter->addWidget(titled(tr("Labels"), m_filter, m_search));

    m_model->setObjectName(QStringLiteral("spanListModel"));
    m_spanList->setObjectName(QStringLiteral("spanList"));
    m_spanList->setModel(m_model);
    m_spanList->setRootIsDecorated(false);
    m_spanList->setUniformRowHeights(true);  // 20,000 rows scroll without measuring each
    m_spanList->setAllColumnsShowFocus(true);
    m_spanList->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_spanList->setSelectionMode(QAbstractItemView::SingleSelection);
    m_spanList->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_spanList->setIconSize(QSize(10, 10));
    // Widths from the font, never from the rows: sizing to contents would
    // ask every one of 20,000 rows for its text at each change.
    m_spanList->header()->setStretchLastSection(false);
    m_spanList->header()->setSectionResizeMode(SpanListModel::TextColumn, QHeaderView::Stretch);
    m_spanList->header()->setSectionResizeMode(SpanListModel::LabelColumn,
                                               QHeaderView::Interactive);
    m_spanList->header()->setSectionResizeMode(SpanListModel::OffsetsColumn,
                                               QHeaderView::Interactive);
    m_spanList->header()->resizeSection(
        SpanListModel::OffsetsColumn,
        fontMetrics().horizontalAdvance(QStringLiteral("00000–00000")) + 12);
    m_countLine->setForegroundRole(QPalette::PlaceholderText);
    splitter->addWidget(titled(tr("Spans"), m_spanList, m_countLine));

    m_relations->setObjectName(QStringLiteral("relationList"));
    m_relations->setIconSize(QSize(10, 10));
    m_relations->setToolTip(tr("Delete removes the selected relation"));
    m_relations->installEventFilter(this);
    m_relationsBox = titled(tr("Relations"), m_relations);
    splitter->addWidget(m_relationsBox);
    m_relationsBox->hide();

    auto* details = new QWidget;
    auto* detailsLayout = new QVBoxLayout(details);
    detailsLayout->setContentsMargins(0, 0, 0, 0);
    m_attributes->setObjectName(QStringLiteral("spanAttributes"));
    detailsLayout->addWidget(m_attributes);
    m_note->setObjectName(QStringLiteral("spanNote"));
    m_note->setPlaceholderText(tr("A note on the selected span…"));
    m_note->setTabChangesFocus(true);
    m_note->setMaximumHeight(fontMetrics().lineSpacing() * 5);
    m_note->setEnabled(false);
    detailsLayout->addWidget(m_note);
    m_attributesBox = titled(tr("Selected span"), details);
    splitter->addWidget(m_attributesBox);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 4);
    splitter->setStretchFactor(2, 1);
    splitter->setStretchFactor(3, 0);

    m_noteDebouncer = new TextDebouncer(m_note, this);
    connect(m_noteDebouncer, &TextDebouncer::commit, this, [this](const QString& text) {
        if (m_noteSpan >= 0)
            Q_EMIT noteEdited(m_noteSpan, text);
    });
    connect(m_attributes, &AttributesPanel::attributeEdited, this, &SpanSidePanel::attributeEdited);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString& text) {
        for (int row = 0; row < m_filter->count(); ++row) {
            QListWidgetItem* item = m_filter->item(row);
            item->setHidden(
                !item->data(Qt::UserRole).toString().contains(text.trimmed(), Qt::CaseInsensitive));
        }
    });
    connect(m_filter, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
        if (m_syncing)
            return;
        const QString label = item->data(Qt::UserRole).toString();
        QSet<QString> hidden = m_hidden;
        if (item->checkState() == Qt::Checked)
            hidden.remove(label);
        else
            hidden.insert(label);
        if (hidden == m_hidden)
            return;
        m_hidden = hidden;
        Q_EMIT hiddenLabelsChanged(m_hidden);
    });
    connect(m_spanList->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (!m_syncing)
                    Q_EMIT spanChosen(current.isValid() ? m_model->spanAt(current.row()) : -1);
            });
    connect(m_spanList, &QTreeView::activated, this, [this](const QModelIndex& index) {
        Q_EMIT spanActivated(m_model->spanAt(index.row()));
    });
    connect(m_relations, &QListWidget::currentRowChanged, this, [this](int row) {
        if (!m_syncing && row >= 0)
            Q_EMIT relationChosen(m_relations->item(row)->data(Qt::UserRole).toInt());
    });
}

SpanSidePanel::~SpanSidePanel() = default;

void SpanSidePanel::setLabels(const QList<Label>& labels, ColorFor colorFor) {
    m_labels = labels;
    m_colorFor = std::move(colorFor);
    int widest = fontMetrics().horizontalAdvance(tr("Label"));
    for (const Label& label : labels)
        widest = std::max(widest, fontMetrics().horizontalAdvance(label.name));
    m_spanList->header()->resizeSection(
        SpanListModel::LabelColumn, std::min(widest, 110) + m_spanList->iconSize().width() + 18);
    m_search->setVisible(labels.size() > kLabelsWithoutSearch);
    rebuildFilter();
}

void SpanSidePanel::setAttributes(const QList<Attribute>& attributes) {
    m_attributes->setAttributes(attributes);
    m_attributes->setVisible(!attributes.isEmpty());
}

void SpanSidePanel::setText(const QString* text, const TextOffsets* offsets) {
    m_model->setText(text, offsets);
}

void SpanSidePanel::rebuildFilter() {
    m_syncing = true;
    m_filter->clear();
    // The schema's labels, then any other label the spans carry.
    QStringList names;
    for (const Label& label : std::as_const(m_labels))
        names << label.name;
    QStringList others = m_counts.keys();
    others.sort();
    for (const QString& name : std::as_const(others))
        if (!names.contains(name))
            names << name;
    for (const QString& name : std::as_const(names)) {
        auto* item = new QListWidgetItem(labelSwatch(m_colorFor(name)), name, m_filter);
        item->setData(Qt::UserRole, name);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        item->setCheckState(m_hidden.contains(name) ? Qt::Unchecked : Qt::Checked);
    }
    m_syncing = false;
    updateCounts();
    if (!m_search->text().isEmpty())
        Q_EMIT m_search->textChanged(m_search->text());
}

void SpanSidePanel::updateCounts() {
    m_syncing = true;
    for (int row = 0; row < m_filter->count(); ++row) {
        QListWidgetItem* item = m_filter->item(row);
        const QString name = item->data(Qt::UserRole).toString();
        item->setText(QStringLiteral("%1  (%2)").arg(name).arg(m_counts.value(name)));
    }
    m_syncing = false;
}

void SpanSidePanel::setHiddenLabels(const QSet<QString>& labels) {
    m_hidden = labels;
    m_syncing = true;
    for (int row = 0; row < m_filter->count(); ++row) {
        QListWidgetItem* item = m_filter->item(row);
        item->setCheckState(m_hidden.contains(item->data(Qt::UserRole).toString()) ? Qt::Unchecked
                                                                                   : Qt::Checked);
    }
    m_syncing = false;
}

void SpanSidePanel::setSpans(const QList<ViewSpan>& shown, const TextAnnotation& annotation) {
    m_syncing = true;
    m_model->setSpans(shown);
    m_syncing = false;
    QHash<QString, int> counts;
    for (const Span& span : annotation.spans)
        ++counts[span.label];
    const bool newLabel = std::any_of(counts.keyBegin(), counts.keyEnd(), [&](const QString& l) {
        return !m_counts.contains(l) && !std::any_of(m_labels.cbegin(), m_labels.cend(),
                                                     [&](const Label& x) { return x.name == l; });
    });
    m_counts = counts;
    if (newLabel)
        rebuildFilter();
    else
        updateCounts();
    const qsizetype hidden = annotation.spans.size() - shown.size();
    m_countLine->setText(counted(annotation.spans.size(), tr("1 span"), tr("%1 spans")) +
                         (hidden > 0 ? tr(", %1 hidden").arg(hidden) : QString()));
}

void SpanSidePanel::setRelations(const QList<RelationRow>& relations) {
    m_syncing = true;
    m_relations->clear();
    for (const RelationRow& row : relations) {
        auto* item = new QListWidgetItem(labelSwatch(row.color), row.text, m_relations);
        item->setData(Qt::UserRole, row.id);
        item->setToolTip(row.text);
    }
    m_relationsBox->setVisible(!relations.isEmpty());
    m_syncing = false;
}

void SpanSidePanel::showSelection(int spanId, const std::optional<Span>& span) {
    m_syncing = true;
    const int row = m_model->rowOfSpan(spanId);
    if (row >= 0) {
        const QModelIndex index = m_model->index(row, 0);
        m_spanList->selectionModel()->setCurrentIndex(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_spanList->scrollTo(index);
    } else {
        m_spanList->selectionModel()->clear();
    }
    m_syncing = false;
    m_attributes->showValues(span ? span->attrs : QJsonObject(), span ? 1 : 0);
    // A note typed for another span goes to that span first.
    if (m_noteSpan != spanId)
        m_noteDebouncer->flush();
    m_noteSpan = span ? spanId : -1;
    m_note->setEnabled(span.has_value());
    m_noteDebouncer->showStored(span ? span->note : QString());
}

void SpanSidePanel::showRelation(int relationId) {
    m_syncing = true;
    m_relations->setCurrentRow(-1);
    for (int row = 0; row < m_relations->count(); ++row)
        if (m_relations->item(row)->data(Qt::UserRole).toInt() == relationId)
            m_relations->setCurrentRow(row);
    m_syncing = false;
}

void SpanSidePanel::flushNote() {
    m_noteDebouncer->flush();
}

void SpanSidePanel::discardNote() {
    m_noteDebouncer->discard();
    m_noteSpan = -1;
}

bool SpanSidePanel::eventFilter(QObject* watched, QEvent* event) {
    // Delete in the relation list is the list's own key, not the editor's
    // shortcut that deletes the selected span.
    if (watched == m_relations && event->type() == QEvent::ShortcutOverride) {
        auto* key = static_cast<QKeyEvent*>(event);
        if ((key->key() == Qt::Key_Delete || key->key() == Qt::Key_Backspace) &&
            m_relations->currentItem()) {
            event->accept();
            return true;
        }
    }
    if (watched == m_relations && event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if ((key->key() == Qt::Key_Delete || key->key() == Qt::Key_Backspace) &&
            m_relations->currentItem()) {
            Q_EMIT relationDeleteRequested(m_relations->currentItem()->data(Qt::UserRole).toInt());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

}  // namespace postil

#include "editors/audio/transcriptpanel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTableView>
#include <QVBoxLayout>

#include "editors/audio/segmentlistmodel.h"
#include "editors/audio/timeruler.h"
#include "widgets/attributespanel.h"
#include "widgets/labelcolors.h"
#include "widgets/textdebouncer.h"

namespace postil {

TranscriptPanel::TranscriptPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("transcriptPanel"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    m_model = new SegmentListModel(this);
    m_list = new QTableView(this);
    m_list->setObjectName(QStringLiteral("transcriptList"));
    m_list->setModel(m_model);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->verticalHeader()->hide();
    // Fixed row heights: a thousand rows lay out without measuring each.
    m_list->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_list->verticalHeader()->setDefaultSectionSize(m_list->fontMetrics().height() + 6);
    m_list->horizontalHeader()->setStretchLastSection(true);
    m_list->setWordWrap(false);
    const int clockWidth =
        m_list->fontMetrics().horizontalAdvance(QStringLiteral("00:00.000")) + 16;
    m_list->setColumnWidth(SegmentListModel::StartColumn, clockWidth);
    m_list->setColumnWidth(SegmentListModel::EndColumn, clockWidth);
    m_list->setColumnWidth(SegmentListModel::SpeakerColumn, 110);
    m_list->setMinimumWidth(2 * clockWidth + 110 + 120);
    layout->addWidget(m_list, 3);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                if (!m_updating && current.isValid())
                    Q_EMIT segmentChosen(current.row());
            });
    connect(m_list, &QTableView::doubleClicked, this,
            [this](const QModelIndex& index) { Q_EMIT segmentActivated(index.row()); });

    auto* fields = new QWidget(this);
    auto* form = new QVBoxLayout(fields);
    form->setContentsMargins(6, 0, 0, 0);
    auto* row = new QHBoxLayout;
    m_header = new QLabel(fields);
    m_header->setObjectName(QStringLiteral("segmentHeader"));
    m_header->setTextFormat(Qt::PlainText);
    m_header->setWordWrap(true);
    // Long words must not widen the fields at the list's expense.
    m_header->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    row->addWidget(m_header, 1);
    m_speaker = new QComboBox(fields);
    m_speaker->setObjectName(QStringLiteral("segmentSpeaker"));
    m_speaker->setToolTip(tr("The segment's speaker (Alt+digit)"));
    m_speaker->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    row->addWidget(m_speaker);
    form->addLayout(row);
    m_text = new QPlainTextEdit(fields);
    m_text->setObjectName(QStringLiteral("segmentText"));
    m_text->setPlaceholderText(tr("Select or make a segment, then type what is said."));
    m_text->setTabChangesFocus(true);
    form->addWidget(m_text, 1);
    m_attributes = new AttributesPanel(AttributesPanel::Item::Segment, fields);
    form->addWidget(m_attributes);
    layout->addWidget(fields, 2);

    m_debouncer = new TextDebouncer(m_text, this);
    connect(m_text, &QPlainTextEdit::textChanged, this, [this] {
        if (m_debouncer->isPending() && m_typedFor < 0)
            m_typedFor = m_shown;
    });
    connect(m_debouncer, &TextDebouncer::commit, this, [this](const QString& text) {
        const int index = std::exchange(m_typedFor, -1);
        if (index >= 0)
            Q_EMIT textEdited(index, text);
    });
    connect(m_speaker, &QComboBox::activated, this,
            [this](int row) { Q_EMIT speakerChosen(m_speaker->itemData(row).toString()); });
    connect(m_attributes, &AttributesPanel::attributeEdited, this,
            &TranscriptPanel::attributeEdited);
    showFields();
}

void TranscriptPanel::setSegments(const QList<Segment>* segments) {
    discardText();
    m_segments = segments;
    m_model->setSegments(segments);
    m_shown = -1;
    showFields();
}

void TranscriptPanel::reload(int selected) {
    m_updating = true;
    m_model->reload();
    m_updating = false;
    showSegment(selected);
}

void TranscriptPanel::setSpeakers(const QStringList& speakers,
                                  const QHash<QString, QColor>& colors) {
    m_model->setColors(colors);
    m_speaker->clear();
    m_speaker->addItem(tr("(no speaker)"), QString());
    for (const QString& speaker : speakers)
        if (!speaker.isEmpty())
            m_speaker->addItem(labelSwatch(colors.value(speaker, unknownLabelColor(speaker))),
                               speaker, speaker);
    showFields();
}

void TranscriptPanel::setAttributes(const QList<Attribute>& attributes) {
    m_attributes->setAttributes(attributes);
    m_attributes->setVisible(m_attributes->hasAttributes());
    showFields();
}

void TranscriptPanel::showSegment(int index) {
    if (!m_segments || index >= m_segments->size())
        index = -1;
    // Typing belongs to the segment it was typed for: written first.
    if (index != m_shown)
        flushText();
    m_shown = index;
    m_updating = true;
    if (index >= 0) {
        const QModelIndex row = m_model->index(index, SegmentListModel::TextColumn);
        m_list->selectionModel()->setCurrentIndex(
            row, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_list->scrollTo(row);
    } else {
        m_list->selectionModel()->clearSelection();
        m_list->selectionModel()->setCurrentIndex(QModelIndex(), QItemSelectionModel::NoUpdate);
    }
    m_updating = false;
    showFields();
}

void TranscriptPanel::showFields() {
    const bool has = m_segments && m_shown >= 0 && m_shown < m_segments->size();
    m_text->setEnabled(has);
    m_speaker->setEnabled(has);
    if (!has) {
        m_header->setText(m_segments && !m_segments->isEmpty()
                              ? tr("No segment selected")
                              : tr("No segments yet: drag in a speaker's lane, or mark the "
                                   "start and end at the playhead (Ctrl+M)"));
        if (!m_debouncer->isPending())
            m_debouncer->showStored(QString());
        m_attributes->showValues({}, 0);
        return;
    }
    const Segment& s = (*m_segments)[m_shown];
    m_header->setText(tr("Segment %1 of %2 · %3 – %4")
                          .arg(m_shown + 1)
                          .arg(m_segments->size())
                          .arg(TimeRuler::clock(s.startMs), TimeRuler::clock(s.endMs)));
    m_debouncer->showStored(s.text);
    const int speakerRow = m_speaker->findData(s.speaker);
    if (speakerRow < 0 && !s.speaker.isEmpty()) {
        // A speaker the schema does not name (an import's): shown as it is.
        m_speaker->addItem(labelSwatch(unknownLabelColor(s.speaker)), s.speaker, s.speaker);
    }
    m_speaker->setCurrentIndex(std::max(0, m_speaker->findData(s.speaker)));
    m_attributes->showValues(s.attrs, 1);
}

void TranscriptPanel::setPlaying(int index) {
    m_model->setPlaying(index);
    if (index >= 0)
        m_list->scrollTo(m_model->index(index, 0));
}

void TranscriptPanel::flushText() {
    m_debouncer->flush();
}

void TranscriptPanel::discardText() {
    m_debouncer->discard();
    m_typedFor = -1;
}

bool TranscriptPanel::textPending() const {
    return m_debouncer->isPending();
}

}  // namespace postil

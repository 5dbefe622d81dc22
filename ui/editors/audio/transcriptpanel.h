#pragma once

#include <QColor>
#include <QHash>
#include <QJsonValue>
#include <QWidget>

#include "model/schema.h"
#include "model/segmentresult.h"

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QTableView;

namespace postil {

class AttributesPanel;
class SegmentListModel;
class TextDebouncer;

// The transcript beside the waveform: the list of segments (one row each,
// the one under the playhead marked while playing) and, under it, the
// selected segment's text, speaker and attributes. The text is typed into a
// field of its own, as in Subtitle Edit, and written through a TextDebouncer
// (within a second, a burst as one undo step); choosing a row selects its
// segment and plays nothing.
class TranscriptPanel : public QWidget {
    Q_OBJECT
public:
    explicit TranscriptPanel(QWidget* parent = nullptr);

    void setSegments(const QList<Segment>* segments);
    // The list changed: rows are read again, the selection and the fields
    // follow `selected`.
    void reload(int selected);
    void setSpeakers(const QStringList& speakers, const QHash<QString, QColor>& colors);
    void setAttributes(const QList<Attribute>& attributes);
    // Shows segment `index` (-1 none) in the fields and selects its row.
    void showSegment(int index);
    int shownSegment() const { return m_shown; }
    void setPlaying(int index);

    // Typing not yet written: written now, or dropped (its task is gone).
    void flushText();
    void discardText();
    bool textPending() const;

    QPlainTextEdit* textEdit() const { return m_text; }
    QTableView* list() const { return m_list; }
    QComboBox* speakerBox() const { return m_speaker; }
    AttributesPanel* attributesPanel() const { return m_attributes; }
    SegmentListModel* model() const { return m_model; }

Q_SIGNALS:
    // A row was chosen (click, keys): the editor selects that segment.
    void segmentChosen(int index);
    // A row was double-clicked: the editor moves the playhead there.
    void segmentActivated(int index);
    // What was typed for segment `index`, written as one burst.
    void textEdited(int index, const QString& text);
    void speakerChosen(const QString& speaker);
    void attributeEdited(const QString& name, const QJsonValue& value);

private:
    void showFields();

    const QList<Segment>* m_segments = nullptr;
    SegmentListModel* m_model;
    QTableView* m_list;
    QLabel* m_header;
    QComboBox* m_speaker;
    QPlainTextEdit* m_text;
    TextDebouncer* m_debouncer;
    AttributesPanel* m_attributes;
    int m_shown = -1;
    // The index the pending typing belongs to (it may be shown elsewhere
    // by the time it is written).
    int m_typedFor = -1;
    bool m_updating = false;
};

}  // namespace postil

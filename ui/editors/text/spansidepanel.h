#pragma once

#include <QJsonValue>
#include <QSet>
#include <QWidget>
#include <functional>
#include <optional>

#include "editors/text/spanindex.h"
#include "model/schema.h"
#include "model/spanresult.h"

class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QTreeView;

namespace postil {

class AttributesPanel;
class SpanListModel;
class TextDebouncer;
class TextOffsets;

// A relation as the side panel lists it.
struct RelationRow {
    int id = -1;   // its index in the TextAnnotation
    QString text;  // "PER “Jane” → works for → ORG “Acme”"
    QColor color;
};

// Beside the text: which labels are shown (a check per label with its count,
// and a search field for long label lists), the spans in reading order, the
// relations, and the selected span's attributes and note. Selecting in a list
// selects in the text and the other way round.
class SpanSidePanel : public QWidget {
    Q_OBJECT
public:
    using ColorFor = std::function<QColor(const QString&)>;

    explicit SpanSidePanel(QWidget* parent = nullptr);
    ~SpanSidePanel() override;

    void setLabels(const QList<Label>& labels, ColorFor colorFor);
    void setAttributes(const QList<Attribute>& attributes);
    // The task text and its offsets (owned by the editor, outliving the rows).
    void setText(const QString* text, const TextOffsets* offsets);
    // The spans shown (reading order) and every span, for the counts.
    void setSpans(const QList<ViewSpan>& shown, const TextAnnotation& annotation);
    void setRelations(const QList<RelationRow>& relations);
    // Shows the text's selection (a span id, -1 none) without echoing it back.
    void showSelection(int spanId, const std::optional<Span>& span);
    void showRelation(int relationId);
    QSet<QString> hiddenLabels() const { return m_hidden; }
    void setHiddenLabels(const QSet<QString>& labels);
    // Writes a note being typed now (before the task or the selection changes).
    void flushNote();
    // Forgets a note being typed (its document is gone).
    void discardNote();

    QTreeView* spanList() const { return m_spanList; }
    SpanListModel* model() const { return m_model; }
    QListWidget* labelFilter() const { return m_filter; }
    QLineEdit* labelSearch() const { return m_search; }
    QListWidget* relationList() const { return m_relations; }
    AttributesPanel* attributes() const { return m_attributes; }
    QPlainTextEdit* noteEdit() const { return m_note; }

Q_SIGNALS:
    // The user picked a span in the list (-1 none).
    void spanChosen(int id);
    // Enter or a double click on a span: show it in the text.
    void spanActivated(int id);
    void relationChosen(int id);
    void relationDeleteRequested(int id);
    void hiddenLabelsChanged(const QSet<QString>& labels);
    void attributeEdited(const QString& name, const QJsonValue& value);
    void noteEdited(int spanId, const QString& note);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void rebuildFilter();
    void updateCounts();

    ColorFor m_colorFor;
    QList<Label> m_labels;
    QHash<QString, int> m_counts;  // spans per label, hidden ones too
    QSet<QString> m_hidden;
    QLineEdit* m_search;
    QListWidget* m_filter;
    QLabel* m_countLine;
    QTreeView* m_spanList;
    SpanListModel* m_model;
    QListWidget* m_relations;
    QWidget* m_relationsBox;
    AttributesPanel* m_attributes;
    QWidget* m_attributesBox;
    QPlainTextEdit* m_note;
    TextDebouncer* m_noteDebouncer;
    int m_noteSpan = -1;  // the span the note editor shows
    bool m_syncing = false;
};

}  // namespace postil

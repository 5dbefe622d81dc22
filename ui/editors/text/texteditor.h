#pragma once

#include <QHash>
#include <QJsonValue>
#include <QPointer>
#include <QSet>

#include "editors/taskeditor.h"
#include "editors/text/textfind.h"
#include "keys/keymap.h"
#include "model/annotation.h"
#include "model/schema.h"
#include "model/spanresult.h"
#include "text/textoffsets.h"

class QAction;
class QFrame;
class QLabel;
class QSplitter;
class QToolBar;

namespace postil {

class ProposalBar;

class ElidedLabel;
class FindBar;
class LabelPalette;
class SpanSidePanel;
class SpanTextView;

// The entity editor of text tasks: the text with its spans (SpanTextView),
// a bar of the text labels with their keys, the query of a search-relevance
// task above the text, a status strip below. Every gesture that changes the
// spans is one TaskDocument::changeResult (one undo step, written before it
// returns), through the span codec (model/spanresult) with offsets in code
// points converted by TextOffsets; the editor follows the document through
// undo and redo, also after a task switch.
class TextEditor : public TaskEditor {
    Q_OBJECT
public:
    explicit TextEditor(QObject* parent = nullptr);
    ~TextEditor() override;
    // Its keys, registered with it (textkeys.cpp).
    static Keymap::EditorKeys keyTable();

    TaskKind kind() const override { return TaskKind::Text; }
    QWidget* widget() override;
    void setDocument(TaskDocument* document) override;
    QList<QPair<QString, QString>> shortcutHelp() const override;
    void focusEditor() override;

    SpanTextView* view() const { return m_view; }
    SpanSidePanel* sidePanel() const { return m_panel; }
    LabelPalette* labelPalette() const { return m_palette; }
    QToolBar* labelBar() const { return m_labelBar; }
    QAction* action(const QString& id) const { return m_actions.value(id); }
    // The spans and relations on screen, as last read or written.
    const TextAnnotation& annotation() const { return m_annotation; }
    const TextOffsets& offsets() const { return m_offsets; }
    // The status strip's text.
    QString statusText() const;
    bool showsQuery() const;
    QLabel* queryLabel() const { return m_query; }

    // What the keys do, callable from tests and menus.
    QString labelForKey(int digit) const { return labelOnDigit(m_labels, digit); }
    void applyLabelKey(int digit);
    // Labels the selected text, else relabels the selected span.
    void applyLabel(const QString& name);
    // A label the schema lacks: adds it (for text tasks), in one undo step
    // with the span it labels.
    void createLabel(const QString& name);
    void deleteSelectedSpan();
    // Selects the next (+1) or previous (-1) span shown, in reading order.
    void cycleSpan(int step);
    // The span (index into annotation().spans) selected, -1 none.
    int selectedSpan() const;
    void selectSpan(int index);
    void cancel();
    // Attributes and the note of the selected span (the side panel).
    void setAttribute(const QString& name, const QJsonValue& value);
    void setNote(int index, const QString& note);
    // Shows or hides the spans of these labels.
    void setHiddenLabels(const QSet<QString>& labels);

    // Relations: R starts one from the selected span; the target comes by a
    // click or by Tab and Enter; then its label from the relation palette.
    void startRelation();
    void pickRelationTarget(int target);
    bool pickingRelation() const { return m_relationFrom >= 0; }
    LabelPalette* relationPalette() const { return m_relationPalette; }
    // Adds the relation unless the same one is there; one undo step.
    void addRelation(int from, int to, const QString& label);
    // A relation label the schema lacks: added with the relation, one step.
    void createRelationLabel(const QString& name);
    void deleteRelation(int index);
    // The relation (index into annotation().relations) selected, -1 none.
    int selectedRelation() const;
    void selectRelation(int index);

    // Find (textproposals.cpp): Ctrl+F opens the bar; the matches are marked
    // in the text; "label all" labels them in one step.
    FindBar* findBar() const { return m_findBar; }
    void openFind();
    void findStep(int step);
    const FindResult& findResult() const { return m_find; }
    int currentMatch() const { return m_findCurrent; }
    // Labels every match, skipping those that overlap a span with the label.
    void labelAllMatches(const QString& label);

    // Proposals: the spans of other annotators' rows of the task (an
    // import's pre-annotations), drawn dashed, copied by one key.
    int proposalCount() const { return int(m_proposalRefs.size()); }
    bool proposalsShown() const { return m_proposalsShown; }
    void setProposalsShown(bool shown);
    // Copies every proposal left (with their relations), one undo step.
    bool acceptAllProposals();
    // Copies the proposal at the caret, else the first one left.
    bool acceptProposal();
    // Hides the proposal at the caret, else the first one left, for good:
    // one undo step keeping it in the result's assist.dismissed (§15).
    bool rejectProposal();
    ProposalBar* proposalBar() const { return m_proposalBar; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    // commit()'s 'select' for "the span selected now".
    static constexpr int kKeepSelection = -2;

    void buildWidget();
    void createActions();
    void syncSchema();
    void rebuildLabelBar();
    void loadSpans();
    void showSpans();
    // The two halves of showSpans(): the text view first, then the side panel.
    void showSpansInView();
    void showSpansInPanel();
    void onDocumentChanged();
    void commit(const TextAnnotation& edited, const QString& text, int select, int mergeId = -1,
                const QString& mergeKey = QString());
    // The view selected a span (or none): the panel and the status follow.
    void onSpanSelected();
    void showQuery(const QString& query);
    void updateStatus();
    void note(const QString& text);
    QColor colorFor(const QString& label) const;
    QColor relationColor(const QString& label) const;
    void endRelation();
    void refreshFind();
    void loadProposals();
    void updateProposals();
    // "PER “Jane”": a span as messages name it.
    QString describe(int span) const;
    // The view's selection in code points; false when there is none.
    bool selectionInCodePoints(qint64* start, qint64* end) const;

    QPointer<QWidget> m_widget;
    QToolBar* m_toolbar = nullptr;
    QToolBar* m_labelBar = nullptr;
    QFrame* m_queryPanel = nullptr;
    QLabel* m_query = nullptr;
    SpanTextView* m_view = nullptr;
    SpanSidePanel* m_panel = nullptr;
    QSplitter* m_splitter = nullptr;
    LabelPalette* m_palette = nullptr;
    LabelPalette* m_relationPalette = nullptr;
    QLabel* m_selectionStatus = nullptr;
    QLabel* m_countStatus = nullptr;
    ElidedLabel* m_noteStatus = nullptr;
    QHash<QString, QAction*> m_actions;

    QPointer<TaskDocument> m_document;
    QMetaObject::Connection m_changedConnection;
    QMetaObject::Connection m_schemaConnection;
    QString m_text;
    TextOffsets m_offsets;
    TextAnnotation m_annotation;
    // The result's "spans" and "relations" as last written or read: the
    // document's change after the editor's own edit is recognised by them.
    QJsonValue m_shownSpans;
    QJsonValue m_shownRelations;
    QList<Label> m_labels;
    QHash<QString, QColor> m_colors;
    QSet<QString> m_hiddenLabels;
    QList<RelationLabel> m_relationLabels;
    FindBar* m_findBar = nullptr;
    FindResult m_find;
    int m_findCurrent = -1;
    // Proposals: each other annotator's spans, and those left to accept as
    // (source, span) pairs, indexed by their id in the view.
    struct ProposalSource {
        QString annotator;
        TextAnnotation annotation;
        Annotation row;  // for its dismissals (assisthelp)
    };
    QList<ProposalSource> m_proposalSources;
    QList<QPair<int, int>> m_proposalRefs;
    bool m_proposalsShown = true;
    ProposalBar* m_proposalBar = nullptr;
    int m_relationFrom = -1;  // while a relation is made: its source span
    int m_relationTo = -1;    // and, once picked, its target
};

}  // namespace postil

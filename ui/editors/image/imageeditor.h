#pragma once

#include <QHash>
#include <QJsonArray>
#include <QPointer>
#include <optional>

#include "editors/image/boxeditlogic.h"
#include "editors/image/proposallayeritem.h"
#include "editors/taskeditor.h"
#include "keys/keymap.h"
#include "model/schema.h"

class QAction;
class QLabel;
class QStackedWidget;
class QToolBar;
class QToolButton;

namespace postil {

class ElidedLabel;
class BoxListPanel;
class ImageCanvas;
class LabelPalette;
class ProposalBar;

// The bounding-box editor of image tasks: the canvas, the box list with the
// label filter and the attributes beside it, a tool bar above and a status
// strip below. Every gesture or key that changes boxes becomes one
// TaskDocument::changeResult (one undo step, written before it returns);
// the editor follows the document through undo and redo.
class ImageEditor : public TaskEditor {
    Q_OBJECT
public:
    explicit ImageEditor(QObject* parent = nullptr);
    ~ImageEditor() override;
    // Its keys, registered with it (imagekeys.cpp).
    static Keymap::EditorKeys keyTable();

    TaskKind kind() const override { return TaskKind::Image; }
    QWidget* widget() override;
    void setDocument(TaskDocument* document) override;
    QList<QPair<QString, QString>> shortcutHelp() const override;
    void focusEditor() override;
    QString mediaProblem() const override { return m_mediaProblem; }

    ImageCanvas* canvas() const { return m_canvas; }
    BoxListPanel* boxPanel() const { return m_panel; }
    LabelPalette* labelPalette() const { return m_palette; }
    // The message shown instead of the canvas; empty while the image shows.
    QString errorText() const;
    // The status strip's text: file, size, zoom, cursor, next label, notes.
    QString statusText() const;
    QString nextLabel() const { return m_nextLabel; }
    // The editor's action for a keymap id ("image.draw").
    QAction* action(const QString& id) const { return m_actions.value(id); }

    // What the keys do, callable from tests and menus.
    void applyLabel(const QString& name);  // the selection's label, else the next box's
    void applyLabelKey(int digit);
    // The label a digit key gives, null when none.
    QString labelForKey(int digit) const { return labelOnDigit(m_labels, digit); }
    // A label the schema lacks: adds it (one undo step with what it labels)
    // and applies it as applyLabel() would.
    void createLabel(const QString& name);
    void deleteSelection();
    void duplicateSelection();
    // Moves the selection by 'delta' px (the arrow keys).
    void nudge(const QPointF& delta);
    void selectAll();
    // Adds the boxes of the nearest earlier image task this annotator has
    // boxes on. False (with a note in the status strip) when there is none.
    bool copyPreviousBoxes();
    // Proposals: the boxes other annotators' rows of this task hold (an
    // import's pre-annotations), not yet among this annotator's boxes.
    const QList<ProposedBox>& proposals() const { return m_proposalItem->proposals(); }
    bool proposalsShown() const { return m_proposalItem->isVisible(); }
    void setProposalsShown(bool shown);
    // Copies every proposal into this annotator's boxes, one undo step.
    // False (with a note) when none is left.
    bool acceptAllProposals();
    // Copies the proposal under the cursor, else the first one left.
    bool acceptProposal();
    // Hides the proposal under the cursor, else the first one left, for good:
    // one undo step that keeps it in the result's assist.dismissed.
    bool rejectProposal();
    ProposalBar* proposalBar() const { return m_proposalBar; }
    void setAttribute(const QString& name, const QJsonValue& value);

private:
    void buildWidget();
    void createActions();
    void syncSchema();
    void loadBoxes();
    void onDocumentChanged();
    void commit(const QList<Box>& boxes, const QString& text);
    // The boxes shown plus those of 'sources' they lack, each moved inside the
    // image and rounded as stored: what copying boxes from elsewhere gives.
    struct Adoption {
        QList<Box> boxes;
        QList<int> added;           // indexes of the new boxes in 'boxes'
        qsizetype alreadyHere = 0;  // sources equal to a box shown
    };
    Adoption adopt(const QList<Box>& sources) const;
    // Commits an adoption that added boxes and selects them.
    void commitAdoption(const Adoption& adoption, const QString& text);
    void loadProposals();
    // Shows the proposals that are not among the boxes yet, nor hidden.
    void updateProposals();
    // Under the score threshold, or rejected.
    bool isHidden(const ProposedBox& proposal) const;
    // The index in proposals() of the one under the cursor, else 0.
    int proposalUnderCursor() const;
    // The layer's boxes with 'indexes' given the label 'name'.
    QList<Box> labelled(const QString& name, const QList<int>& indexes) const;
    // Keeps the box drawn without a label, now labelled 'name'; with
    // 'schema', the new label is added in the same undo step.
    void commitDrawnBox(const QString& name, const std::optional<Schema>& schema);
    void showError(const QString& title, const QString& details);
    void onSelectionChanged();
    void setNextLabel(const QString& name);
    void updateToolButtons();
    void updateStatus();
    void note(const QString& text);
    QColor colorFor(const QString& label) const;

    QPointer<QWidget> m_widget;
    QToolBar* m_toolbar = nullptr;
    QStackedWidget* m_stack = nullptr;
    ImageCanvas* m_canvas = nullptr;
    QWidget* m_messagePage = nullptr;
    QLabel* m_messageTitle = nullptr;
    QLabel* m_messageDetails = nullptr;
    BoxListPanel* m_panel = nullptr;
    LabelPalette* m_palette = nullptr;
    QToolButton* m_nextLabelButton = nullptr;
    QAction* m_selectTool = nullptr;
    QAction* m_drawTool = nullptr;
    QLabel* m_fileStatus = nullptr;
    QLabel* m_zoomStatus = nullptr;
    QLabel* m_cursorStatus = nullptr;
    QLabel* m_labelStatus = nullptr;
    ElidedLabel* m_noteStatus = nullptr;
    QHash<QString, QAction*> m_actions;
    ProposalLayerItem* m_proposalItem = nullptr;  // owned by the canvas's scene
    ProposalBar* m_proposalBar = nullptr;
    QList<Annotation> m_proposalRows;  // the rows the proposals come from
    QPointF m_cursor{-1, -1};          // over the image, else negative
    QString m_mediaProblem;

    QPointer<TaskDocument> m_document;
    QMetaObject::Connection m_changedConnection;
    QMetaObject::Connection m_schemaConnection;
    bool m_unlabelledDraw = false;  // a drawn box waits for its label
    QJsonArray m_shownBoxes;        // the "boxes" the canvas shows, as last written or read
    QList<Label> m_labels;
    QHash<QString, QColor> m_colors;
    QString m_nextLabel;
    QString m_nudgeKey;  // while a nudge commits: the selection it moves
};

}  // namespace postil

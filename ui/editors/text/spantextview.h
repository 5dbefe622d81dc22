#pragma once

#include <QAbstractScrollArea>
#include <QTimer>

#include "editors/text/spanpainter.h"
#include "editors/text/textpagelayout.h"

namespace postil {

// The task text, read-only and wrapped in a centred reading column, with the
// spans drawn over it (SpanPainter). Only what is on screen is laid out and
// painted (TextPageLayout), so a 1 MB text with 20,000 spans opens and
// scrolls like a short one.
//
// Selecting: a mouse drag snaps to whole words, Alt+drag takes exact
// characters; a selection never ends inside a grapheme cluster. Keys: the
// arrows move the caret by word (by line up and down), Shift+arrows extend
// the selection by word, Alt+Shift+arrows by character; Home and End go to
// the line's ends. A click on a span (its text, its underline or its name)
// selects it. Positions are UTF-16 indexes into the text.
class SpanTextView : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit SpanTextView(QWidget* parent = nullptr);

    void setText(const QString& text);
    const QString& text() const { return m_layout.text(); }
    // What is drawn over the text; the view repaints.
    SpanScene& scene() { return m_scene; }
    const SpanScene& scene() const { return m_scene; }
    void setSpans(QList<ViewSpan> spans);
    void setProposals(QList<ViewSpan> spans);
    void setRelations(QList<ViewRelation> relations);
    void setMarks(QList<TextMark> marks, int current);
    void setQueryMarks(QList<TextMark> marks);
    void setShowNames(bool show);
    bool showNames() const { return m_scene.showNames; }

    // The selected span's id, -1 for none. Selecting one clears the text
    // selection and brings it into view.
    int selectedSpan() const { return m_scene.selectedSpan; }
    void setSelectedSpan(int id, bool reveal = true);
    void setSelectedRelation(int id);
    // While a relation's target is picked: its source span, drawn as
    // selected; a click on a span then emits spanPicked instead of selecting.
    void setPickSource(int id);
    int pickSource() const { return m_scene.pickSource; }

    qsizetype caret() const { return m_caret; }
    qsizetype anchor() const { return m_anchor; }
    bool hasSelection() const { return m_anchor != m_caret; }
    qsizetype selectionStart() const { return std::min(m_anchor, m_caret); }
    qsizetype selectionEnd() const { return std::max(m_anchor, m_caret); }
    // Snapped to grapheme boundaries; brings the caret into view.
    void setSelection(qsizetype anchor, qsizetype caret);
    void clearSelection();

    // Scrolls so that [from, to) shows.
    void reveal(qsizetype from, qsizetype to);
    // The centre of the character at 'pos' in viewport coordinates (laid
    // out first when needed); for tests and for anchoring popups.
    QPoint pointOf(qsizetype pos);
    // The caret's place at 'pos' (between characters), viewport coordinates.
    QPoint caretPoint(qsizetype pos);
    // The rectangle of the span's first piece, viewport coordinates; empty
    // when the span is not there.
    QRectF spanRect(int id);
    // The span a click at 'point' (viewport coordinates) would select; -1.
    int spanAt(const QPoint& point);
    // The relation whose label box is at 'point'; -1.
    int relationAt(const QPoint& point) const;
    // Where a relation's label box was drawn last (viewport); empty if not.
    QRectF relationRect(int id) const;
    // The text position under 'point' (viewport coordinates).
    qsizetype positionAt(const QPoint& point);
    // The pixel offset of the view's top in the text.
    qreal scrollY();
    TextPageLayout& pageLayout() { return m_layout; }

Q_SIGNALS:
    void selectionChanged();
    // The user selected a span (a click, or Tab in the editor): -1 none.
    void spanSelected(int id);
    // A span clicked (or Enter on the selected one) while a relation's
    // target is picked.
    void spanPicked(int id);
    // A click on a relation's label.
    void relationSelected(int id);
    // A paint of the text ended (the benchmark times edits to the screen).
    void painted();

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void scrollContentsBy(int dx, int dy) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    // The reading column's left edge and width in the viewport.
    qreal columnX() const;
    void updateColumn();
    void updateBands();
    // Lays out what shows and keeps the scroll bar in step with the heights
    // known so far, keeping the top line where it is.
    void prepareVisible();
    void syncScrollBar();
    void setScrollY(qreal y);
    void measureMore();
    QPointF toDocument(const QPoint& point) const;
    // A drag from 'from' to 'to', snapped to words unless 'exact'.
    void dragSelect(qsizetype from, qsizetype to, bool exact);
    void moveCaret(qsizetype caret, bool extend);
    qsizetype wordStep(qsizetype pos, bool forward) const;
    qsizetype charStep(qsizetype pos, bool forward) const;
    qsizetype lineStep(qsizetype pos, int lines);
    void updateSceneSelection();
    void forgetDrawn();

    TextPageLayout m_layout;
    SpanScene m_scene;
    QList<SpanPainter::NameRect> m_names;      // names drawn by the last paint
    QList<SpanPainter::NameRect> m_relations;  // relation labels drawn by it
    QTimer m_measureTimer;
    int m_topBlock = 0;      // the block at the view's top
    qreal m_topOffset = 0;   // and how far into it
    bool m_syncing = false;  // the scroll bar is set from the layout
    qsizetype m_anchor = 0;
    qsizetype m_caret = 0;
    // A mouse press: where, and whether it became a drag.
    qsizetype m_pressPos = -1;
    QPoint m_pressPoint;
    bool m_dragging = false;
    bool m_pressExact = false;  // Alt was held at the press: exact characters
    int m_firstShown = 0;
    int m_lastShown = 0;
};

}  // namespace postil

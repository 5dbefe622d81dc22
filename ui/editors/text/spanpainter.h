#pragma once

#include <QColor>
#include <QFont>
#include <QList>
#include <QPalette>
#include <QRectF>

#include "editors/text/spanindex.h"

class QPainter;

namespace postil {

class TextPageLayout;

// A range of the text marked for the eye: a find match or a query word.
struct TextMark {
    qsizetype start = 0;
    qsizetype end = 0;
};

// A relation as the view draws it: between two span ids of the SpanIndex.
struct ViewRelation {
    int id = -1;  // its index in the TextAnnotation
    int from = -1;
    int to = -1;
    QString label;
    QColor color;
};

// What the span view shows over the text, besides the text itself.
struct SpanScene {
    SpanIndex spans;
    SpanIndex proposals;  // other annotators' spans: dashed outlines
    QList<ViewRelation> relations;
    QList<TextMark> marks;  // sorted, not overlapping
    int currentMark = -1;
    QList<TextMark> queryMarks;  // sorted, not overlapping
    qsizetype selectionFrom = 0;
    qsizetype selectionTo = 0;
    int selectedSpan = -1;
    int selectedRelation = -1;
    int pickSource = -1;  // the span a relation starts from while its target is picked
    bool showNames = true;
};

// Draws one laid-out block of the span view: the spans' backgrounds, the
// marks and the selection under the text, the text, then each span's
// underline in its lane and its label's name above its first character.
// Everything is drawn on the glyphs' own pieces (TextPageLayout::
// forEachPiece), so right-to-left and mixed lines are marked where their
// characters are.
class SpanPainter {
public:
    // Underline lanes: this many are drawn apart, deeper ones share the last.
    static constexpr int kMaxLanes = 5;
    static constexpr qreal kLaneStep = 3.0;
    static constexpr qreal kLaneWidth = 2.0;

    // The band below each line for 'lanes' lanes.
    static qreal laneBand(int lanes);
    // The font of the names above the spans.
    static QFont nameFont(const QFont& textFont);
    // Room for relation arcs above the names.
    static constexpr qreal kArcRoom = 16.0;
    // The height of a name above a span.
    static qreal nameHeight(const QFont& textFont);
    // The band above each line: room for names (and relation arcs).
    static qreal nameBand(const QFont& textFont, bool showNames, bool relations);

    // A name drawn above a span, where a click selects it.
    struct NameRect {
        QRectF rect;  // viewport coordinates
        int spanId = -1;
    };

    SpanPainter(const SpanScene& scene, const QPalette& palette, const QFont& textFont);

    // Paints block 'block' with its top-left corner at 'origin' (viewport
    // coordinates); the names it drew are added to 'names'.
    void paintBlock(QPainter& painter, TextPageLayout& layout, int block, const QPointF& origin,
                    QList<NameRect>* names);
    // Draws the relations whose spans have an end on screen, as arrows
    // between the spans' first pieces (in 'anchors', viewport coordinates);
    // the label boxes drawn, where a click selects a relation, are added to
    // 'labels' (their spanId is the relation's id).
    void paintRelations(QPainter& painter, const QHash<int, QRectF>& anchors,
                        QList<NameRect>* labels);

    // The background of a span of this colour.
    static QColor fill(const QColor& color, bool selected);

private:
    template <typename F>
    void forEachMark(const QList<TextMark>& marks, qsizetype from, qsizetype to, F f) const;

    const SpanScene& m_scene;
    QPalette m_palette;
    QFont m_textFont;
    QFont m_nameFont;
};

}  // namespace postil

#pragma once

#include <QColor>
#include <QList>
#include <QObject>
#include <QPen>
#include <QSet>
#include <functional>
#include <vector>

#include "editors/image/boxeditlogic.h"

class QGraphicsScene;

namespace postil {

class BoxLayerItem;
struct BoxStyle;

// The boxes shown on a canvas: the working copy of the task's boxes, which of
// them are selected, which labels are hidden, and the one item that paints
// them. Updates are diffs: a changed box repaints its own small area, so a
// document change after one moved box neither rebuilds nor repaints the rest.
class BoxLayer : public QObject {
    Q_OBJECT
public:
    using ColorFor = std::function<QColor(const QString& label)>;

    // How the boxes of one label are drawn.
    struct Look {
        QString label;
        QColor color;
        QPen pen;
        QPen selectedPen;
        QColor fill;
        bool hidden = false;
        QSize chip;  // on-screen size of the name chip
    };

    BoxLayer(QGraphicsScene* scene, BoxStyle* style, QObject* parent = nullptr);
    ~BoxLayer() override;

    void setColorFor(ColorFor colorFor);
    // Re-reads every label's colour (the schema changed).
    void recolor();
    QColor colorFor(const QString& label) const;

    const QList<Box>& boxes() const { return m_boxes; }
    int count() const { return int(m_boxes.size()); }
    const Box& box(int index) const { return m_boxes.at(index); }

    // Makes the layer show 'boxes', touching only the boxes that changed.
    // Returns how many were changed, added or removed (also lastChangeCount()).
    int setBoxes(const QList<Box>& boxes);
    int lastChangeCount() const { return m_lastChange; }
    // A live edit during a gesture: the box repaints at once.
    void setRect(int index, const QRectF& rect);
    void clear();

    // Selection: indexes, ascending. Hidden boxes are never selected.
    const QList<int>& selection() const { return m_selection; }
    bool isSelected(int index) const {
        return index >= 0 && index < count() && m_selected[size_t(index)];
    }
    void setSelection(QList<int> indexes);
    // The eight resize handles show on the one selected box.
    bool showsHandles(int index) const {
        return m_selection.size() == 1 && m_selection.first() == index;
    }

    void setHiddenLabels(const QSet<QString>& labels);
    const QSet<QString>& hiddenLabels() const { return m_hidden; }
    bool isShown(int index) const { return !m_looks[m_look[index]].hidden; }
    QList<int> shownIndexes() const;

    // The box under a scene point: among the shown boxes whose outline grown
    // by 'tolerance' contains it, the smallest, so that a box inside a bigger
    // one can still be picked. -1 when none.
    int boxAt(const QPointF& scenePos, double tolerance) const;
    // Shown boxes lying wholly inside 'sceneRect'.
    QList<int> boxesInside(const QRectF& sceneRect) const;

    // The image the boxes lie on (the painting item's area).
    void setImageRect(const QRectF& rect);
    // The style changed (zoom, names on or off): everything repaints.
    void styleChanged();
    // The scene area a box paints in, handles included.
    QRectF paintedRect(int index) const;

    // For the painting item.
    BoxLayerItem* item() const { return m_item; }
    // How far (on-screen px) a name drawn outside its box may reach beyond
    // it: the widest chip, or the chip height, whichever is more.
    double nameReach() const;
    int lookOf(int index) const { return m_look[index]; }
    const Look& look(int look) const { return m_looks[look]; }
    int lookCount() const { return int(m_looks.size()); }

Q_SIGNALS:
    void selectionChanged();

private:
    int lookFor(const QString& label);
    void makeLook(Look& look) const;
    void repaintBox(int index);

    QGraphicsScene* m_scene;
    BoxStyle* m_style;
    ColorFor m_colorFor;
    BoxLayerItem* m_item;  // owned by the scene
    QList<Box> m_boxes;
    QList<int> m_look;             // per box: index into m_looks
    std::vector<char> m_selected;  // per box
    QList<int> m_selection;
    QList<Look> m_looks;
    QHash<QString, int> m_lookIndex;
    QSet<QString> m_hidden;
    int m_lastChange = 0;
};

}  // namespace postil

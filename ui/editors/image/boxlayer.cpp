#include "editors/image/boxlayer.h"

#include <QGraphicsScene>
#include <algorithm>

#include "editors/image/boxlayeritem.h"

namespace postil {

namespace {
constexpr double kBoxZ = 1.0;
// Past this many changed boxes one repaint of everything is cheaper than
// working out the areas.
constexpr int kPartialRepaintLimit = 64;
}  // namespace

BoxLayer::BoxLayer(QGraphicsScene* scene, BoxStyle* style, QObject* parent)
    : QObject(parent), m_scene(scene), m_style(style), m_item(new BoxLayerItem(this, style)) {
    m_colorFor = [](const QString&) { return QColor(Qt::red); };
    m_item->setZValue(kBoxZ);
    m_item->setAcceptedMouseButtons(Qt::NoButton);
    m_scene->addItem(m_item);
}

// The item belongs to the scene, which deletes it.
BoxLayer::~BoxLayer() = default;

void BoxLayer::setColorFor(ColorFor colorFor) {
    m_colorFor = std::move(colorFor);
    recolor();
}

QColor BoxLayer::colorFor(const QString& label) const {
    return m_colorFor(label);
}

void BoxLayer::makeLook(Look& look) const {
    look.color = m_colorFor(look.label);
    look.pen = QPen(look.color, 2);
    look.pen.setJoinStyle(Qt::MiterJoin);
    look.selectedPen = QPen(look.color.lighter(125), 3);
    look.selectedPen.setJoinStyle(Qt::MiterJoin);
    look.fill = look.color;
    look.fill.setAlpha(48);
    look.hidden = m_hidden.contains(look.label);
    look.chip = BoxLayerItem::chipSize(look.label, m_style->font);
}

double BoxLayer::nameReach() const {
    int reach = 0;
    for (const Look& look : m_looks)
        reach = std::max({reach, look.chip.width(), look.chip.height()});
    return reach;
}

void BoxLayer::recolor() {
    for (Look& look : m_looks)
        makeLook(look);
    m_item->dropChips();
    m_item->update();
}

int BoxLayer::lookFor(const QString& label) {
    if (auto it = m_lookIndex.find(label); it != m_lookIndex.end())
        return *it;
    Look look;
    look.label = label;
    makeLook(look);
    m_looks.append(look);
    m_lookIndex.insert(label, int(m_looks.size()) - 1);
    m_item->refresh();  // a wider name may reach further out
    return int(m_looks.size()) - 1;
}

QRectF BoxLayer::paintedRect(int index) const {
    const double m = m_style->margin();
    const QRectF r = m_boxes[index].rect().normalized();
    QRectF painted = r.adjusted(-m, -m, m, m);
    if (m_style->showNames) {
        // The name may sit above or below a box it does not fit in.
        const QSizeF chip = QSizeF(m_looks[m_look[index]].chip) / m_style->scale;
        painted |= QRectF(r.left(), r.top() - chip.height(), chip.width(), chip.height());
        painted |= QRectF(r.left(), r.bottom(), chip.width(), chip.height());
    }
    return painted;
}

void BoxLayer::repaintBox(int index) {
    m_item->update(paintedRect(index));
}

int BoxLayer::setBoxes(const QList<Box>& boxes) {
    int touched = 0;
    QList<int> changed;
    const qsizetype common = std::min(boxes.size(), m_boxes.size());
    for (qsizetype i = 0; i < common; ++i) {
        const Box& now = boxes.at(i);
        Box& was = m_boxes[i];
        if (!was.sameAs(now)) {
            if (changed.size() <= kPartialRepaintLimit)
                repaintBox(int(i));  // where it was
            if (was.label != now.label)
                m_look[i] = lookFor(now.label);
            changed << int(i);
            ++touched;
        }
        was = now;  // also takes the stored object, even when nothing showed
    }
    for (qsizetype i = common; i < boxes.size(); ++i) {
        m_boxes.append(boxes.at(i));
        m_look.append(lookFor(boxes.at(i).label));
        m_selected.push_back(0);
        changed << int(i);
        ++touched;
    }
    while (m_boxes.size() > boxes.size()) {
        if (changed.size() <= kPartialRepaintLimit)
            repaintBox(count() - 1);
        m_boxes.removeLast();
        m_look.removeLast();
        m_selected.pop_back();
        ++touched;
    }
    if (changed.size() > kPartialRepaintLimit) {
        m_item->update();
    } else {
        for (int i : std::as_const(changed))
            repaintBox(i);  // where it is now
    }
    m_lastChange = touched;
    // Indexes past the end, or of boxes now hidden, leave the selection.
    QList<int> kept;
    for (int i : std::as_const(m_selection))
        if (i < count() && isShown(i))
            kept << i;
    if (kept != m_selection)
        setSelection(kept);
    return touched;
}

void BoxLayer::setRect(int index, const QRectF& rect) {
    if (m_boxes[index].rect() == rect)
        return;
    repaintBox(index);
    m_boxes[index].setRect(rect);
    repaintBox(index);
}

void BoxLayer::clear() {
    setSelection({});
    m_boxes.clear();
    m_look.clear();
    m_selected.clear();
    m_item->update();
}

void BoxLayer::setSelection(QList<int> indexes) {
    std::sort(indexes.begin(), indexes.end());
    indexes.erase(std::unique(indexes.begin(), indexes.end()), indexes.end());
    indexes.removeIf([this](int i) { return i < 0 || i >= count() || !isShown(i); });
    if (indexes == m_selection)
        return;
    const bool many = m_selection.size() + indexes.size() > kPartialRepaintLimit;
    for (int i : std::as_const(m_selection)) {
        if (i < count()) {
            m_selected[size_t(i)] = 0;
            if (!many)
                repaintBox(i);
        }
    }
    m_selection = indexes;
    for (int i : std::as_const(m_selection)) {
        m_selected[size_t(i)] = 1;
        if (!many)
            repaintBox(i);
    }
    if (many)
        m_item->update();
    Q_EMIT selectionChanged();
}

void BoxLayer::setHiddenLabels(const QSet<QString>& labels) {
    if (labels == m_hidden)
        return;
    m_hidden = labels;
    for (Look& look : m_looks)
        look.hidden = m_hidden.contains(look.label);
    m_item->update();
    // Drops what is now hidden.
    QList<int> kept = m_selection;
    kept.removeIf([this](int i) { return !isShown(i); });
    setSelection(kept);
}

QList<int> BoxLayer::shownIndexes() const {
    QList<int> shown;
    shown.reserve(count());
    for (int i = 0; i < count(); ++i)
        if (isShown(i))
            shown << i;
    return shown;
}

int BoxLayer::boxAt(const QPointF& scenePos, double tolerance) const {
    int best = -1;
    double bestArea = 0;
    // A plain scan: five thousand rect tests take microseconds, less than
    // keeping a spatial index in step with every drag.
    for (int i = count() - 1; i >= 0; --i) {
        if (!isShown(i))
            continue;
        const QRectF r =
            m_boxes[i].rect().normalized().adjusted(-tolerance, -tolerance, tolerance, tolerance);
        if (!r.contains(scenePos))
            continue;
        const double area = r.width() * r.height();
        if (best < 0 || area < bestArea) {
            best = i;
            bestArea = area;
        }
    }
    return best;
}

QList<int> BoxLayer::boxesInside(const QRectF& sceneRect) const {
    QList<int> inside;
    const QRectF band = sceneRect.normalized();
    for (int i = 0; i < count(); ++i)
        if (isShown(i) && band.contains(m_boxes[i].rect().normalized()))
            inside << i;
    return inside;
}

void BoxLayer::setImageRect(const QRectF& rect) {
    m_item->setArea(rect);
}

void BoxLayer::styleChanged() {
    m_item->refresh();
}

}  // namespace postil

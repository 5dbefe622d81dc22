#include "editors/image/proposallayeritem.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <algorithm>

#include "editors/image/boxlayeritem.h"

namespace postil {

namespace {
// Under the annotator's own boxes (BoxLayer's item is at 1), over the image.
constexpr double kProposalZ = 0.5;
}  // namespace

ProposalLayerItem::ProposalLayerItem(const BoxStyle* style) : m_style(style) {
    setZValue(kProposalZ);
    setAcceptedMouseButtons(Qt::NoButton);
    setAcceptHoverEvents(false);
}

void ProposalLayerItem::load(const QList<Annotation>& rows, const QSizeF& bounds) {
    m_all.clear();
    if (!bounds.isEmpty())
        for (const Annotation& row : rows) {
            const QList<Box> boxes = boxresult::read(row.result);
            for (int index = 0; index < boxes.size(); ++index) {
                Box box = boxes[index];
                const QJsonValue score = box.source.value(QStringLiteral("score"));
                box.setRect(
                    boxlogic::stored(boxlogic::clampInside(box.rect().normalized(), bounds)));
                box.source = QJsonObject();  // accepted, it is a new box of one's own
                if (box.rect().width() >= boxlogic::kMinSize &&
                    box.rect().height() >= boxlogic::kMinSize)
                    m_all.append(
                        {row.annotator, box, score.isDouble() ? score.toDouble() : -1, index});
            }
        }
    setImageRect(bounds.isEmpty() ? QRectF() : QRectF(QPointF(0, 0), bounds));
}

QStringList ProposalLayerItem::sources() const {
    QStringList names;
    for (const ProposedBox& proposal : m_all)
        if (!names.contains(proposal.source))
            names << proposal.source;
    return names;
}

void ProposalLayerItem::showLeft(const QList<Box>& own,
                                 const std::function<bool(const QList<Box>&, const Box&)>& same,
                                 const std::function<bool(const ProposedBox&)>& hidden) {
    prepareGeometryChange();  // the names' room follows the captions
    m_proposals.clear();
    m_hidden = 0;
    for (const ProposedBox& proposal : std::as_const(m_all)) {
        if (same(own, proposal.box))
            continue;
        if (hidden && hidden(proposal))
            ++m_hidden;
        else
            m_proposals << proposal;
    }
    update();
}

void ProposalLayerItem::setImageRect(const QRectF& rect) {
    prepareGeometryChange();
    m_image = rect;
}

int ProposalLayerItem::proposalAt(const QPointF& scenePos, double tolerance) const {
    int best = -1;
    double bestArea = 0;
    for (int i = 0; i < m_proposals.size(); ++i) {
        const QRectF r = m_proposals[i].box.rect().normalized();
        if (!r.adjusted(-tolerance, -tolerance, tolerance, tolerance).contains(scenePos))
            continue;
        const double area = r.width() * r.height();
        if (best < 0 || area < bestArea) {
            best = i;
            bestArea = area;
        }
    }
    return best;
}

QString ProposalLayerItem::caption(const ProposedBox& proposal) {
    QString text = QStringLiteral("%1: %2").arg(proposal.source, proposal.box.label);
    // An OCR model's word (docs/examples/assist) says more than its label.
    if (const QJsonValue word = proposal.box.attrs.value(QStringLiteral("text")); word.isString())
        text += QStringLiteral(" “%1”").arg(word.toString().left(40));
    if (proposal.score >= 0)
        text += QStringLiteral(" %1").arg(proposal.score, 0, 'f', 2);
    return text;
}

QRectF ProposalLayerItem::boundingRect() const {
    if (m_image.isEmpty())
        return QRectF();
    // Names sit under their box and may reach out of the image by their own
    // on-screen size.
    const QFontMetricsF metrics(m_style->font);
    double widest = 0;
    for (const ProposedBox& proposal : m_proposals)
        widest = std::max(widest, metrics.horizontalAdvance(caption(proposal)) + 8);
    const double margin = 4 / m_style->scale;
    return m_image.adjusted(-margin, -margin, widest / m_style->scale + margin,
                            (metrics.height() + 4) / m_style->scale + margin);
}

void ProposalLayerItem::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*) {
    if (m_proposals.isEmpty())
        return;
    // The view does not save the painter's state for its items.
    painter->save();
    const QTransform toScreen = painter->worldTransform();
    painter->resetTransform();
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->setFont(m_style->font);
    const QFontMetricsF metrics(m_style->font);
    for (const ProposedBox& proposal : std::as_const(m_proposals)) {
        const QColor color = m_colorFor ? m_colorFor(proposal.box.label) : QColor(Qt::yellow);
        const QRectF screen = toScreen.mapRect(proposal.box.rect().normalized());
        // Dashed in the label's colour over a dark dash, so it reads on any
        // image and never looks like one's own solid outline.
        painter->setBrush(Qt::NoBrush);
        painter->setPen(QPen(QColor(0, 0, 0, 160), 2, Qt::SolidLine));
        painter->drawRect(screen);
        QPen dashed(color, 2);
        dashed.setDashPattern({4, 3});
        painter->setPen(dashed);
        painter->drawRect(screen);
        if (!m_style->showNames)
            continue;
        const QString text = caption(proposal);
        const QSizeF size(metrics.horizontalAdvance(text) + 8, metrics.height() + 2);
        const QPointF at = screen.bottomLeft();
        painter->fillRect(QRectF(at, size), QColor(0, 0, 0, 170));
        painter->setPen(color.lighter(130));
        painter->drawText(QRectF(at, size), Qt::AlignCenter, text);
    }
    painter->restore();
}

}  // namespace postil

#pragma once

#include <QGraphicsItem>
#include <QList>
#include <functional>

#include "editors/image/boxeditlogic.h"
#include "model/annotation.h"

namespace postil {

struct BoxStyle;

// A box another annotator proposes for the task: an import's pre-annotation
// ("coco-import", or the `--as NAME` given) or a colleague's row.
struct ProposedBox {
    QString source;     // the annotator whose row holds it
    Box box;            // as accepting it would add it (inside the image, stored rect)
    double score = -1;  // the model's score, 0..1; -1 when it gave none
    int index = -1;     // its place in the source row's boxes (assisthelp's dismissed)
};

// Paints the proposals of the task on the canvas as a layer of their own:
// dashed outlines in the label's colour, each named "source: label", under
// the annotator's own boxes. It takes no mouse input (the canvas hit-tests
// its own BoxLayer only), so a proposal can never be selected, moved or
// deleted as one's own box: it becomes one only when accepted.
class ProposalLayerItem : public QGraphicsItem {
public:
    using ColorFor = std::function<QColor(const QString& label)>;

    explicit ProposalLayerItem(const BoxStyle* style);

    void setColorFor(ColorFor colorFor) { m_colorFor = std::move(colorFor); }
    // The task's proposals: the boxes of 'rows' (AnnotationStore::proposals)
    // moved inside an image of 'bounds' and rounded as stored, where
    // accepting puts them. None when 'bounds' is empty.
    void load(const QList<Annotation>& rows, const QSizeF& bounds);
    // Every source of the task's proposals, in order.
    QStringList sources() const;
    int taskProposalCount() const { return int(m_all.size()); }
    // Shows the task's proposals that 'own' does not hold yet ('same' tells)
    // and 'hidden' does not hide (under the score threshold, rejected).
    void showLeft(const QList<Box>& own,
                  const std::function<bool(const QList<Box>&, const Box&)>& same,
                  const std::function<bool(const ProposedBox&)>& hidden);
    // Those left that 'hidden' hid at the last showLeft.
    int hiddenCount() const { return m_hidden; }
    // The proposals shown (those left to accept).
    const QList<ProposedBox>& proposals() const { return m_proposals; }
    // The image the proposals lie on; empty when none shows.
    void setImageRect(const QRectF& rect);
    // The smallest proposal whose outline grown by 'tolerance' contains the
    // scene point; -1 when none.
    int proposalAt(const QPointF& scenePos, double tolerance) const;
    // The text a proposal is named with on the canvas: "source: label 0.87".
    static QString caption(const ProposedBox& proposal);

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    const BoxStyle* m_style;
    QList<ProposedBox> m_all;
    QList<ProposedBox> m_proposals;
    ColorFor m_colorFor;
    QRectF m_image;
    int m_hidden = 0;
};

}  // namespace postil

// The image editor's proposals (docs/architecture.md §5 and §15): the boxes
// of other annotators' rows of the task, a model's with their scores, drawn
// as a layer of their own; accepted, rejected one by one (kept in the
// result's "assist", so they stay hidden) or hidden under a score threshold.
#include <QAction>

#include "assist/assisthelp.h"
#include "document/taskdocument.h"
#include "editors/image/boxlayer.h"
#include "editors/image/imagecanvas.h"
#include "editors/image/imageeditor.h"
#include "keys/keymap.h"
#include "widgets/counted.h"
#include "widgets/elidedlabel.h"
#include "widgets/proposalbar.h"

namespace postil {

namespace {

QString keyText(const QString& id) {
    return Keymap::instance().key(id).toString(QKeySequence::NativeText);
}

}  // namespace

// ---------------------------------------------------------------- proposals

void ImageEditor::loadProposals() {
    QList<Annotation> rows;
    if (m_document && m_canvas->hasImage()) {
        Project& project = m_document->project();
        rows = project.annotations().proposals(m_document->task().uid, project.annotator());
    }
    m_proposalRows = rows;
    m_proposalItem->load(rows, m_canvas->hasImage() ? QSizeF(m_canvas->imageSize()) : QSizeF());
    updateProposals();
    if (const int count = m_proposalItem->taskProposalCount())
        note(counted(count, tr("1 proposed box from %2 (%3 accepts all)"),
                     tr("%1 proposed boxes from %2 (%3 accepts all)"))
                 .arg(m_proposalItem->sources().join(QStringLiteral(", ")),
                      keyText(QStringLiteral("image.acceptProposals"))));
}

bool ImageEditor::isHidden(const ProposedBox& proposal) const {
    if (proposal.score >= 0 && proposal.score < m_proposalBar->threshold())
        return true;
    if (!m_document)
        return false;
    for (const Annotation& row : m_proposalRows)
        if (row.annotator == proposal.source)
            return assisthelp::dismissed(m_document->result(), row).contains(proposal.index);
    return false;
}

void ImageEditor::updateProposals() {
    m_proposalItem->showLeft(m_canvas->layer()->boxes(), boxlogic::coversBox,
                             [this](const ProposedBox& p) { return isHidden(p); });
    const int left = int(proposals().size());
    const int hidden = m_proposalItem->hiddenCount();
    if (m_proposalItem->taskProposalCount() == 0) {
        m_proposalBar->setSummary(QString());
        return;
    }
    QString text = counted(left, tr("%2: 1 proposed box left"), tr("%2: %1 proposed boxes left"))
                       .arg(m_proposalItem->sources().join(QStringLiteral(", ")));
    if (hidden > 0)
        text += tr(" (%1 hidden: under the score or rejected)").arg(hidden);
    text += QStringLiteral("  ·  ") + tr("%1 accepts one, %2 rejects one")
                                          .arg(keyText(QStringLiteral("image.acceptProposal")),
                                               keyText(QStringLiteral("image.rejectProposal")));
    m_proposalBar->setSummary(text);
}

int ImageEditor::proposalUnderCursor() const {
    const int hit =
        m_cursor.x() < 0 ? -1 : m_proposalItem->proposalAt(m_cursor, 3 / m_canvas->scale());
    return hit < 0 ? 0 : hit;
}

bool ImageEditor::rejectProposal() {
    if (proposals().isEmpty() || !m_document || !m_canvas->hasImage() || !proposalsShown()) {
        note(tr("No proposed box shown to reject."));
        return false;
    }
    const ProposedBox chosen = proposals().at(proposalUnderCursor());
    for (const Annotation& row : std::as_const(m_proposalRows)) {
        if (row.annotator != chosen.source)
            continue;
        m_document->changeResult(assisthelp::withDismissed(m_document->result(), row, chosen.index),
                                 tr("Reject proposed box %1").arg(chosen.box.label));
        updateProposals();
        note(tr("Rejected %1").arg(ProposalLayerItem::caption(chosen)));
        return true;
    }
    return false;
}

void ImageEditor::setProposalsShown(bool shown) {
    m_proposalItem->setVisible(shown);
    if (QAction* toggle = action(QStringLiteral("image.toggleProposals")))
        toggle->setChecked(shown);
}

bool ImageEditor::acceptAllProposals() {
    QList<Box> sources;
    for (const ProposedBox& proposal : proposals())
        sources << proposal.box;
    if (sources.isEmpty() || !m_document || !m_canvas->hasImage()) {
        note(tr("No proposed boxes left to accept."));
        return false;
    }
    const Adoption adoption = adopt(sources);
    const int count = int(adoption.added.size());
    commitAdoption(adoption,
                   counted(count, tr("Accept 1 proposed box"), tr("Accept %1 proposed boxes")));
    note(counted(count, tr("Accepted 1 proposed box"), tr("Accepted %1 proposed boxes")));
    return true;
}

bool ImageEditor::acceptProposal() {
    if (proposals().isEmpty() || !m_document || !m_canvas->hasImage()) {
        note(tr("No proposed boxes left to accept."));
        return false;
    }
    if (!proposalsShown()) {
        note(tr("Proposed boxes are hidden (%1 shows them).")
                 .arg(keyText(QStringLiteral("image.toggleProposals"))));
        return false;
    }
    // Under the cursor when it points at one; else the first left, so that
    // pressing the key again and again walks through them.
    const ProposedBox chosen = proposals().at(proposalUnderCursor());
    const Adoption adoption = adopt({chosen.box});
    if (adoption.added.isEmpty())
        return false;
    commitAdoption(adoption, tr("Accept proposed box %1").arg(chosen.box.label));
    note(tr("Accepted %1").arg(ProposalLayerItem::caption(chosen)));
    return true;
}

}  // namespace postil

// The audio editor's proposals (docs/architecture.md §13 and §15): another
// row's segments (a model's, an import's, another annotator's). While the
// annotator has transcribed nothing they are the pre-filled transcript,
// corrected in place; once the annotator has segments of their own, those
// left are a dashed layer in the lanes. Either way one key takes the one at
// the playhead, one rejects it (kept in the result's "assist", so it stays
// hidden), one takes them all, and a score threshold hides weak ones.
#include <QAction>

#include "assist/assisthelp.h"
#include "document/taskdocument.h"
#include "editors/audio/audioeditor.h"
#include "editors/audio/segmentedits.h"
#include "editors/audio/timeruler.h"
#include "editors/audio/transportkeys.h"
#include "editors/audio/waveformview.h"
#include "widgets/counted.h"
#include "widgets/proposalbar.h"

namespace postil {

namespace {

QString keyText(const QString& id) {
    return Keymap::instance().key(id).toString(QKeySequence::NativeText);
}

QString describe(const Segment& s) {
    QString text = s.text.simplified();
    if (text.size() > 40)
        text = text.left(39) + QChar(0x2026);
    return QStringLiteral("%1–%2 %3 “%4”")
        .arg(TimeRuler::clock(s.startMs), TimeRuler::clock(s.endMs), s.speaker, text);
}

}  // namespace

void AudioEditor::loadProposals() {
    m_proposalRow.reset();
    m_proposalSegments.clear();
    if (m_document) {
        Project& project = m_document->project();
        m_proposalRow = segmentproposals::sourceRow(
            project.annotations().proposals(m_document->task().uid, project.annotator()),
            m_document->result());
        if (m_proposalRow)
            m_proposalSegments = segmentresult::read(m_proposalRow->result);
    }
    refreshProposals();
}

void AudioEditor::refreshProposals() {
    m_proposals.clear();
    int hidden = 0;
    const QJsonObject own = m_document ? m_document->result() : QJsonObject();
    // Nothing transcribed yet (no "segments" at all: an emptied list is a
    // choice): the proposals are the transcript to correct.
    const bool prefill = m_document && m_proposalRow && !own.contains(QStringLiteral("segments"));
    if (m_proposalRow) {
        const auto offer = segmentproposals::offer(
            m_proposalSegments, assisthelp::dismissed(own, *m_proposalRow),
            m_proposalBar->threshold(), prefill ? QList<Segment>() : m_segments);
        m_proposals = offer.left;
        hidden = offer.hidden;
    }
    const bool wasPrefill = m_prefillPending;
    if (prefill) {
        m_segments.clear();
        for (const ProposedSegment& p : std::as_const(m_proposals))
            m_segments.append(p.segment);
        m_prefillPending = !m_segments.isEmpty();
        m_prefillFrom = m_proposalRow->annotator;
        showSegments(std::min<int>(m_selected, int(m_segments.size()) - 1));
    } else {
        m_prefillPending = false;
    }
    m_waveform->setSegmentsProposed(m_prefillPending);
    m_waveform->setProposals(m_prefillPending || !m_proposalsShown ? nullptr : &m_proposals);
    if (!m_prefillPending && !m_proposals.isEmpty())
        showSegments(m_selected);  // a proposal's speaker may need a lane
    if (wasPrefill != m_prefillPending)
        updateNotice();

    if (!m_proposalRow || m_proposalSegments.isEmpty()) {
        m_proposalBar->setSummary(QString());
        return;
    }
    const int left = int(m_proposals.size());
    QString summary =
        counted(left, tr("%2: 1 proposed segment left"), tr("%2: %1 proposed segments left"))
            .arg(m_proposalRow->annotator);
    if (hidden > 0)
        summary += tr(" (%1 hidden: under the score or rejected)").arg(hidden);
    summary += QStringLiteral("  ·  ") +
               (m_prefillPending ? tr("%1 takes the selected one, %2 rejects it")
                                 : tr("%1 takes the one at the playhead, %2 rejects it"))
                   .arg(keyText(QStringLiteral("audio.acceptProposal")),
                        keyText(QStringLiteral("audio.rejectProposal")));
    m_proposalBar->setSummary(summary);
}

int AudioEditor::proposalAtHand() const {
    // Pre-filled, the segments are the proposals in the same order and can be
    // selected (a click in a lane selects, it does not seek): the selected one.
    if (m_prefillPending && m_selected >= 0 && m_selected < m_proposals.size())
        return m_selected;
    return segmentproposals::at(m_proposals, m_playheadMs);
}

void AudioEditor::setProposalsShown(bool shown) {
    m_proposalsShown = shown;
    if (QAction* toggle = m_keys->action(QStringLiteral("audio.toggleProposals")))
        toggle->setChecked(shown);
    refreshProposals();
}

bool AudioEditor::acceptPrefill() {
    if (!m_prefillPending) {
        note(tr("No pre-filled transcript to take: this one is yours."));
        return false;
    }
    // commit() takes the list as it stands, less the model's scores.
    return commit(m_segments, tr("Take the pre-filled transcript"), m_selected);
}

bool AudioEditor::acceptProposal() {
    if (!m_document || m_proposals.isEmpty()) {
        note(tr("No proposed segments left to take."));
        return false;
    }
    if (!m_prefillPending && !m_proposalsShown) {
        note(tr("Proposed segments are hidden (%1 shows them).")
                 .arg(keyText(QStringLiteral("audio.toggleProposals"))));
        return false;
    }
    const ProposedSegment& chosen = m_proposals[proposalAtHand()];
    const Segment segment = segmentproposals::taken(chosen);
    // Pre-filled: only this one becomes the annotator's; the rest stay
    // proposals, now beside it.
    QList<Segment> edited = m_prefillPending ? QList<Segment>() : m_segments;
    if (const int in = segmentproposals::blocker(segment, edited); in >= 0) {
        note(tr("The proposed %1 overlaps your %2: %3 rejects it.")
                 .arg(describe(segment), describe(edited[in]),
                      keyText(QStringLiteral("audio.rejectProposal"))));
        return false;
    }
    const QString from = m_proposalRow->annotator;
    const int index = segmentedit::insertionIndex(edited, segment);
    edited.insert(index, segment);
    m_prefillPending = false;
    if (!commit(edited, tr("Take a proposed segment"), index))
        return false;
    updateNotice();  // no longer pre-filled
    seekMs(segment.startMs);
    note(tr("Took %1 from %2").arg(describe(segment), from));
    return true;
}

bool AudioEditor::rejectProposal() {
    if (!m_document || m_proposals.isEmpty() || (!m_prefillPending && !m_proposalsShown)) {
        note(tr("No proposed segment shown to reject."));
        return false;
    }
    const ProposedSegment chosen = m_proposals[proposalAtHand()];
    m_document->changeResult(
        assisthelp::withDismissed(m_document->result(), *m_proposalRow, chosen.index),
        tr("Reject a proposed segment"));
    // The document's change refreshes the offer (onDocumentChanged).
    note(tr("Rejected %1 from %2").arg(describe(chosen.segment), m_proposalRow->annotator));
    return true;
}

bool AudioEditor::acceptAllProposals() {
    if (m_prefillPending)
        return acceptPrefill();
    if (!m_document || m_proposals.isEmpty()) {
        note(tr("No proposed segments left to take."));
        return false;
    }
    QList<Segment> edited = m_segments;
    int added = 0;
    int blocked = 0;
    for (const ProposedSegment& p : std::as_const(m_proposals)) {
        const Segment segment = segmentproposals::taken(p);
        if (segmentproposals::blocker(segment, edited) >= 0) {
            ++blocked;
            continue;
        }
        edited.insert(segmentedit::insertionIndex(edited, segment), segment);
        ++added;
    }
    if (added == 0) {
        note(tr("Every proposed segment left overlaps one of yours: %1 rejects one.")
                 .arg(keyText(QStringLiteral("audio.rejectProposal"))));
        return false;
    }
    if (!commit(edited,
                counted(added, tr("Take 1 proposed segment"), tr("Take %1 proposed segments")),
                m_selected))
        return false;
    QString said = counted(added, tr("Took 1 proposed segment"), tr("Took %1 proposed segments"));
    if (blocked > 0)
        said += tr("; %1 left: they overlap yours").arg(blocked);
    note(said);
    return true;
}

}  // namespace postil

#include <QAction>
#include <QKeyEvent>

#include "assist/assisthelp.h"
#include "document/taskdocument.h"
#include "editors/text/editorwords.h"
#include "editors/text/findbar.h"
#include "editors/text/spanedits.h"
#include "editors/text/spantextview.h"
#include "editors/text/texteditor.h"
#include "widgets/proposalbar.h"

// The text editor's help with many spans at once: find (with "label all
// matches") and the proposals of other annotators' rows, copied by one key.
namespace postil {

using editorwords::excerpt;
using editorwords::keyText;

// ---------------------------------------------------------------- find

bool TextEditor::eventFilter(QObject* watched, QEvent* event) {
    // The keys that hold inside the editor (Ctrl+F): claimed before the
    // shell's shortcut sees them, then acted on when they arrive.
    if (watched == m_widget &&
        (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress)) {
        auto* key = static_cast<QKeyEvent*>(event);
        const QAction* find = m_actions.value(QStringLiteral("text.find"));
        const QKeySequence pressed(key->keyCombination());
        if (find && !find->shortcut().isEmpty() && pressed == find->shortcut()) {
            event->accept();
            if (event->type() == QEvent::KeyPress)
                openFind();
            return true;
        }
    }
    return TaskEditor::eventFilter(watched, event);
}

void TextEditor::openFind() {
    QString seed;
    if (m_view->hasSelection()) {
        const QString selected =
            m_text.mid(m_view->selectionStart(), m_view->selectionEnd() - m_view->selectionStart());
        if (selected.size() <= 200 && !selected.contains(QLatin1Char('\n')))
            seed = selected;
    }
    m_findBar->activate(seed);
    refreshFind();
}

void TextEditor::refreshFind() {
    m_find = findAll(m_text, m_findBar->query());
    // The first match at or after the caret.
    m_findCurrent = m_find.matches.isEmpty() ? -1 : 0;
    for (int i = 0; i < m_find.matches.size(); ++i)
        if (m_find.matches[i].start >= m_view->caret()) {
            m_findCurrent = i;
            break;
        }
    m_view->setMarks(m_find.matches, m_findCurrent);
    if (m_findCurrent >= 0)
        m_view->reveal(m_find.matches[m_findCurrent].start, m_find.matches[m_findCurrent].end);
    m_findBar->showResult(m_findCurrent, int(m_find.matches.size()), m_find.error,
                          m_find.truncated);
}

void TextEditor::findStep(int step) {
    if (m_find.matches.isEmpty())
        return;
    const int count = int(m_find.matches.size());
    m_findCurrent = ((m_findCurrent < 0 ? 0 : m_findCurrent + step) % count + count) % count;
    const TextMark& match = m_find.matches[m_findCurrent];
    m_view->setMarks(m_find.matches, m_findCurrent);
    // The match becomes the selection: a digit then labels this one.
    m_view->setSelection(match.start, match.end);
    m_findBar->showResult(m_findCurrent, count, m_find.error, m_find.truncated);
}

void TextEditor::labelAllMatches(const QString& label) {
    if (!m_document || m_find.matches.isEmpty() || label.isEmpty())
        return;
    QList<QPair<qint64, qint64>> ranges;
    ranges.reserve(m_find.matches.size());
    for (const TextMark& match : std::as_const(m_find.matches))
        ranges.append({m_offsets.toCodePoint(match.start), m_offsets.toCodePoint(match.end)});
    TextAnnotation edited = m_annotation;
    int skipped = 0;
    const int added = spanedit::labelAll(edited, ranges, label, &skipped);
    if (added > 0)
        commit(edited, tr("Label all matches %1").arg(label), kKeepSelection);
    const QString labelled =
        counted(added, tr("Labelled 1 match %2"), tr("Labelled %1 matches %2")).arg(label);
    note(skipped > 0 ? tr("%1; %2 left as they were (they overlap a %3 span)")
                           .arg(labelled)
                           .arg(skipped)
                           .arg(label)
                     : labelled);
}

// ---------------------------------------------------------------- proposals

void TextEditor::loadProposals() {
    m_proposalSources.clear();
    if (m_document) {
        Project& project = m_document->project();
        for (const Annotation& row :
             project.annotations().proposals(m_document->task().uid, project.annotator())) {
            TextAnnotation spans =
                spanresult::read(row.result, nullptr, m_offsets.codePointCount());
            if (!spans.isEmpty())
                m_proposalSources.append({row.annotator, spans, row});
        }
    }
    m_proposalRefs.clear();
    int count = 0;
    QStringList names;
    for (const ProposalSource& source : std::as_const(m_proposalSources)) {
        count += int(source.annotation.spans.size());
        names << source.annotator;
    }
    if (count > 0)
        note(tr("%1 from %2 (%3 copies them all, %4 the one at the caret)")
                 .arg(counted(count, tr("1 proposed span"), tr("%1 proposed spans")),
                      names.join(QStringLiteral(", ")),
                      keyText(QStringLiteral("text.acceptProposals")),
                      keyText(QStringLiteral("text.acceptProposal"))));
}

void TextEditor::updateProposals() {
    // The proposals that are not among this annotator's spans yet.
    m_proposalRefs.clear();
    QList<ViewSpan> shown;
    if (m_proposalSources.isEmpty()) {
        m_view->setProposals({});
        m_proposalBar->setSummary(QString());
        return;
    }
    const spanedit::SpanKeys own(m_annotation);
    const double threshold = m_proposalBar->threshold();
    int hidden = 0;
    QStringList names;
    for (int s = 0; s < m_proposalSources.size(); ++s) {
        const TextAnnotation& source = m_proposalSources[s].annotation;
        names << m_proposalSources[s].annotator;
        const QList<int> dismissed =
            m_document ? assisthelp::dismissed(m_document->result(), m_proposalSources[s].row)
                       : QList<int>();
        for (int i = 0; i < source.spans.size(); ++i) {
            const Span& span = source.spans[i];
            if (own.find(span) >= 0)
                continue;
            // Under the threshold (a proposal without a score always shows), or rejected.
            const QJsonValue score = span.source.value(QStringLiteral("score"));
            if ((score.isDouble() && score.toDouble() < threshold) || dismissed.contains(i)) {
                ++hidden;
                continue;
            }
            ViewSpan view;
            view.start = m_offsets.toUtf16(span.start);
            view.end = m_offsets.toUtf16(span.end);
            view.id = int(m_proposalRefs.size());
            view.label = span.label;
            view.color = colorFor(span.label);
            m_proposalRefs.append({s, i});
            if (!m_hiddenLabels.contains(span.label))
                shown.append(view);
        }
    }
    m_view->setProposals(m_proposalsShown ? std::move(shown) : QList<ViewSpan>());
    const int left = int(m_proposalRefs.size());
    QString summary =
        counted(left, tr("%2: 1 proposed span left"), tr("%2: %1 proposed spans left"))
            .arg(names.join(QStringLiteral(", ")));
    if (hidden > 0)
        summary += tr(" (%1 hidden: under the score or rejected)").arg(hidden);
    summary += QStringLiteral("  ·  ") + tr("%1 copies the one at the caret, %2 rejects it")
                                             .arg(keyText(QStringLiteral("text.acceptProposal")),
                                                  keyText(QStringLiteral("text.rejectProposal")));
    m_proposalBar->setSummary(summary);
}

bool TextEditor::rejectProposal() {
    if (!m_document || m_proposalRefs.isEmpty() || !m_proposalsShown) {
        note(tr("No proposed span shown to reject."));
        return false;
    }
    const ViewSpan* at = m_view->scene().proposals.innermostAt(m_view->caret());
    const QPair<int, int> ref = m_proposalRefs.value(at ? at->id : 0);
    const ProposalSource& source = m_proposalSources[ref.first];
    const Span span = source.annotation.spans[ref.second];
    m_document->changeResult(
        assisthelp::withDismissed(m_document->result(), source.row, ref.second),
        tr("Reject a proposed span"));
    updateProposals();
    note(tr("Rejected %1 from %2").arg(span.label, source.annotator));
    return true;
}

void TextEditor::setProposalsShown(bool shown) {
    m_proposalsShown = shown;
    if (QAction* toggle = action(QStringLiteral("text.toggleProposals")))
        toggle->setChecked(shown);
    updateProposals();
}

bool TextEditor::acceptAllProposals() {
    if (!m_document || m_proposalRefs.isEmpty()) {
        note(tr("No proposed spans left to copy."));
        return false;
    }
    TextAnnotation edited = m_annotation;
    spanedit::Adoption total;
    for (const ProposalSource& source : std::as_const(m_proposalSources)) {
        const spanedit::Adoption adoption = spanedit::adopt(edited, source.annotation);
        total.added += adoption.added;
        total.relations += adoption.relations;
    }
    commit(edited, tr("Copy proposed spans"), kKeepSelection);
    const QString copied =
        counted(total.added, tr("Copied 1 proposed span"), tr("Copied %1 proposed spans"));
    note(total.relations > 0 ? tr("%1 and %2 relations").arg(copied).arg(total.relations) : copied);
    return total.added > 0;
}

bool TextEditor::acceptProposal() {
    if (!m_document || m_proposalRefs.isEmpty()) {
        note(tr("No proposed spans left to copy."));
        return false;
    }
    if (!m_proposalsShown) {
        note(tr("Proposed spans are hidden (%1 shows them).")
                 .arg(keyText(QStringLiteral("text.toggleProposals"))));
        return false;
    }
    // At the caret when one lies there; else the first left, so that
    // pressing the key again and again walks through them.
    const ViewSpan* at = m_view->scene().proposals.innermostAt(m_view->caret());
    const QPair<int, int> ref = m_proposalRefs.value(at ? at->id : 0);
    TextAnnotation edited = m_annotation;
    const spanedit::Adoption adoption =
        spanedit::adopt(edited, m_proposalSources[ref.first].annotation, ref.second);
    if (adoption.added == 0)
        return false;
    commit(edited, tr("Copy a proposed span"), adoption.first);
    const Span& span = m_annotation.spans[adoption.first];
    const qsizetype from = m_offsets.toUtf16(span.start);
    note(tr("Copied %1 “%2” from %3")
             .arg(span.label, excerpt(m_text.mid(from, m_offsets.toUtf16(span.end) - from)),
                  m_proposalSources[ref.first].annotator));
    return true;
}

}  // namespace postil

#include <QAction>
#include <QPlainTextEdit>
#include <QTextCursor>
#include <QToolBar>

#include "document/taskdocument.h"
#include "editors/audio/audioeditor.h"
#include "editors/audio/segmentedits.h"
#include "editors/audio/timeruler.h"
#include "editors/audio/transcriptpanel.h"
#include "editors/audio/waveformview.h"

namespace postil {

// Each gesture: the edit computed on a copy of the list (segmentedit), then
// one commit (one undo step, written before it returns). A refused edit
// changes nothing and says why in the status strip.

void AudioEditor::mark() {
    if (!m_document)
        return;
    // A range dragged on the waveform becomes the segment at once.
    if (m_waveform->hasSelection()) {
        const qint64 from = m_waveform->selectionFromMs();
        const qint64 to = m_waveform->selectionToMs();
        m_waveform->clearSelection();
        createSegment(from, to, m_speaker);
        return;
    }
    if (m_markMs < 0) {
        m_markMs = m_playheadMs;
        m_waveform->setMarkMs(m_markMs);
        note(tr("Start marked at %1: move the playhead to the end and press %2 again.")
                 .arg(TimeRuler::clock(m_markMs),
                      QKeySequence(QStringLiteral("Ctrl+M")).toString(QKeySequence::NativeText)));
        updateStatus();
        return;
    }
    const qint64 from = std::exchange(m_markMs, -1);
    m_waveform->setMarkMs(-1);
    createSegment(from, m_playheadMs, m_speaker);
}

void AudioEditor::createSegment(qint64 fromMs, qint64 toMs, const QString& speaker) {
    if (!m_document)
        return;
    QList<Segment> edited = m_segments;
    Segment segment;
    segment.startMs = std::min(fromMs, toMs);
    segment.endMs = std::max(fromMs, toMs);
    segment.speaker = speaker;
    const auto outcome = segmentedit::add(edited, segment, m_audioDurationMs);
    if (!outcome.changed)
        return refuse(outcome.refusal);
    const Segment& made = edited[outcome.index];
    if (!commit(edited, tr("New segment"), outcome.index))
        return;
    if (made.startMs != segment.startMs || made.endMs != segment.endMs)
        note(tr("The segment was shortened to %1 – %2: %3 speaks around it already.")
                 .arg(TimeRuler::clock(made.startMs), TimeRuler::clock(made.endMs),
                      speaker.isEmpty() ? tr("no speaker") : speaker));
    else
        note(QString());
    if (!speaker.isEmpty() && m_speakers.contains(speaker))
        m_speaker = speaker;
    for (QAction* chip : m_speakerBar->actions())
        chip->setChecked(chip->objectName() == QStringLiteral("speakerChip:") + m_speaker);
    // The new segment's text is typed next.
    m_transcript->textEdit()->setFocus(Qt::OtherFocusReason);
}

void AudioEditor::splitAtPlayhead() {
    const int index = segmentedit::segmentAt(m_segments, m_playheadMs, m_selected);
    if (index < 0)
        return refuse(tr("No segment at the playhead to split."));
    // The text splits at the caret when the segment's text is being typed.
    int cut = -1;
    QPlainTextEdit* edit = m_transcript->textEdit();
    if (index == m_transcript->shownSegment() && edit->hasFocus())
        cut = edit->textCursor().position();
    QList<Segment> edited = m_segments;
    const auto outcome = segmentedit::split(edited, index, m_playheadMs, cut);
    if (!outcome.changed)
        return refuse(outcome.refusal);
    commit(edited, tr("Split segment"), outcome.index);
}

void AudioEditor::mergeWithNext() {
    QList<Segment> edited = m_segments;
    const auto outcome = segmentedit::mergeWithNext(edited, m_selected);
    if (!outcome.changed)
        return refuse(outcome.refusal);
    commit(edited, tr("Merge segments"), outcome.index);
}

void AudioEditor::deleteSelected() {
    QList<Segment> edited = m_segments;
    const auto outcome = segmentedit::remove(edited, m_selected);
    if (!outcome.changed)
        return refuse(outcome.refusal);
    commit(edited, tr("Delete segment"), outcome.index);
}

void AudioEditor::moveBoundary(int index, bool end, qint64 ms) {
    QList<Segment> edited = m_segments;
    const auto outcome = segmentedit::moveBoundary(edited, index, end, ms, m_audioDurationMs);
    if (!outcome.changed) {
        refuse(outcome.refusal);
        selectSegment(outcome.index);
        return;
    }
    commit(edited, end ? tr("Move segment end") : tr("Move segment start"), outcome.index);
}

void AudioEditor::nudgeBoundary(bool end, int direction) {
    if (m_selected < 0 || m_selected >= m_segments.size()) {
        note(tr("Select a segment to move its start or end."));
        return;
    }
    const Segment& segment = m_segments[m_selected];
    moveBoundary(m_selected, end, (end ? segment.endMs : segment.startMs) + direction * kNudgeMs);
}

void AudioEditor::setSegmentText(int index, const QString& text) {
    if (index < 0 || index >= m_segments.size() || m_segments[index].text == text)
        return;
    QList<Segment> edited = m_segments;
    edited[index].text = text;
    // A burst of typing in one segment is one undo step.
    commit(edited, tr("Type in segment %1").arg(index + 1), m_selected, kMergeSegmentText,
           QString::number(index));
}

void AudioEditor::setSpeakerKey(int digit) {
    if (digit < 1 || digit > m_speakers.size()) {
        note(tr("No speaker on Alt+%1: the schema names %2 audio labels.")
                 .arg(digit)
                 .arg(m_speakers.size()));
        return;
    }
    const QString speaker = m_speakers[digit - 1];
    // With a segment selected the key gives it the speaker; the next segment
    // made takes the speaker too, unless the segment could not take it.
    if (m_selected >= 0 && !setSpeaker(speaker))
        return;
    m_speaker = speaker;
    for (QAction* chip : m_speakerBar->actions())
        chip->setChecked(chip->objectName() == QStringLiteral("speakerChip:") + speaker);
    if (m_selected < 0)
        note(tr("New segments: %1").arg(speaker));
}

bool AudioEditor::setSpeaker(const QString& speaker) {
    QList<Segment> edited = m_segments;
    const auto outcome = segmentedit::setSpeaker(edited, m_selected, speaker);
    if (!outcome.changed) {
        refuse(outcome.refusal);
        m_transcript->showSegment(m_selected);  // the box shows the speaker kept
        return outcome.refusal.isEmpty();
    }
    return commit(edited, tr("Speaker %1").arg(speaker), outcome.index);
}

void AudioEditor::setAttribute(const QString& name, const QJsonValue& value) {
    if (m_selected < 0)
        return;
    QList<Segment> edited = m_segments;
    QJsonObject& attrs = edited[m_selected].attrs;
    if (value.isUndefined())
        attrs.remove(name);
    else
        attrs.insert(name, value);
    if (attrs == m_segments[m_selected].attrs)
        return;
    commit(edited, tr("Set %1").arg(name), m_selected);
}

void AudioEditor::accept() {
    if (!m_document)
        return;
    commitPending(Pending::Submit);
    Q_EMIT submitRequested();
}

}  // namespace postil

#include "editors/audio/audioeditor.h"

#include <QAction>
#include <QDoubleSpinBox>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSlider>
#include <QSplitter>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

#include "audio/audioplayer.h"
#include "document/taskdocument.h"
#include "editors/audio/timeruler.h"
#include "editors/audio/transcriptpanel.h"
#include "editors/audio/transportkeys.h"
#include "editors/audio/waveformview.h"
#include "media/mediadecodecheck.h"
#include "media/waveformloader.h"
#include "widgets/labelcolors.h"
#include "widgets/proposalbar.h"

namespace postil {

AudioEditor::AudioEditor(QObject* parent) : TaskEditor(parent) {
    m_player = new AudioPlayer(this);
    m_loader = new WaveformLoader(this);
    buildWidget();
    createKeys();
    connect(m_loader, &WaveformLoader::opened, this, &AudioEditor::onOpened);
    connect(m_loader, &WaveformLoader::peaksAdded, this, [this](qint64 covered, double) {
        // A file whose header gives no length grows as it decodes.
        if (m_waveform->lengthFrames() < covered)
            m_waveform->setLengthFrames(covered);
        m_waveform->peaksAdded();
    });
    connect(m_loader, &WaveformLoader::finished, this, &AudioEditor::onLoaded);
    connect(m_player, &AudioPlayer::positionChanged, this, &AudioEditor::onPosition);
    connect(m_player, &AudioPlayer::playingChanged, this, [this](bool playing) {
        m_waveform->setFollowPlayhead(playing);
        if (!playing)
            m_transcript->setPlaying(-1);
        updateTransport();
    });
    connect(m_player, &AudioPlayer::speedChanged, this, [this] { updateTransport(); });
    connect(m_player, &AudioPlayer::deviceProblemChanged, this, [this](const QString& problem) {
        m_deviceNotice = problem;
        updateNotice();
    });
    updateNotice();
    updateStatus();
    updateTransport();
}

AudioEditor::~AudioEditor() {
    m_player->close();
    delete m_widget;
}

QWidget* AudioEditor::widget() {
    return m_widget;
}

void AudioEditor::buildWidget() {
    m_widget = new QWidget;
    m_widget->setObjectName(QStringLiteral("audioEditor"));
    auto* layout = new QVBoxLayout(m_widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_toolbar = new QToolBar(m_widget);
    m_toolbar->setObjectName(QStringLiteral("audioToolBar"));
    m_toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    layout->addWidget(m_toolbar);
    // A second row: the speakers' keys, and Accept at the right where a
    // checker's eye ends.
    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->setSpacing(0);
    m_speakerBar = new QToolBar(m_widget);
    m_speakerBar->setObjectName(QStringLiteral("speakerBar"));
    m_speakerBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_speakerBar->setIconSize(QSize(12, 12));
    row->addWidget(m_speakerBar, 1);
    m_acceptBar = new QToolBar(m_widget);
    m_acceptBar->setObjectName(QStringLiteral("acceptBar"));
    m_acceptBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    row->addWidget(m_acceptBar);
    layout->addLayout(row);

    m_notice = new QLabel(m_widget);
    m_notice->setObjectName(QStringLiteral("audioNotice"));
    m_notice->setWordWrap(true);
    m_notice->setTextFormat(Qt::PlainText);
    m_notice->setContentsMargins(10, 5, 10, 5);
    m_notice->setAutoFillBackground(true);
    m_notice->setBackgroundRole(QPalette::ToolTipBase);
    m_notice->setForegroundRole(QPalette::ToolTipText);
    layout->addWidget(m_notice);
    m_proposalBar = new ProposalBar(m_widget);
    m_proposalBar->setObjectName(QStringLiteral("audioProposalBar"));
    layout->addWidget(m_proposalBar);
    connect(m_proposalBar, &ProposalBar::thresholdChanged, this, [this] { refreshProposals(); });
    connect(m_proposalBar, &ProposalBar::acceptAllRequested, this,
            [this] { acceptAllProposals(); });

    m_splitter = new QSplitter(Qt::Vertical, m_widget);
    m_waveform = new WaveformView(m_splitter);
    m_transcript = new TranscriptPanel(m_splitter);
    m_splitter->addWidget(m_waveform);
    m_splitter->addWidget(m_transcript);
    m_splitter->setCollapsible(0, false);
    m_splitter->setCollapsible(1, false);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    layout->addWidget(m_splitter, 1);

    auto* strip = new QWidget(m_widget);
    strip->setObjectName(QStringLiteral("audioStatus"));
    auto* stripLayout = new QHBoxLayout(strip);
    stripLayout->setContentsMargins(10, 3, 10, 3);
    stripLayout->setSpacing(16);
    m_timeStatus = new QLabel(strip);
    m_countStatus = new QLabel(strip);
    m_noteStatus = new QLabel(strip);
    m_noteStatus->setTextFormat(Qt::PlainText);
    m_noteStatus->setForegroundRole(QPalette::PlaceholderText);
    m_noteStatus->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    stripLayout->addWidget(m_timeStatus);
    stripLayout->addWidget(m_countStatus);
    stripLayout->addWidget(m_noteStatus, 1);
    layout->addWidget(strip);

    m_waveform->setSegments(&m_segments);
    m_transcript->setSegments(&m_segments);
    connect(m_waveform, &WaveformView::seekRequested, this, &AudioEditor::seekMs);
    connect(m_waveform, &WaveformView::segmentClicked, this, &AudioEditor::selectSegment);
    connect(m_waveform, &WaveformView::createRequested, this, &AudioEditor::createSegment);
    connect(m_waveform, &WaveformView::boundaryMoved, this, &AudioEditor::moveBoundary);
    connect(m_waveform, &WaveformView::selectionChanged, this, &AudioEditor::updateStatus);
    connect(m_transcript, &TranscriptPanel::segmentChosen, this, &AudioEditor::selectSegment);
    connect(m_transcript, &TranscriptPanel::segmentActivated, this, [this](int index) {
        selectSegment(index);
        if (index >= 0 && index < m_segments.size())
            seekMs(m_segments[index].startMs);
    });
    connect(m_transcript, &TranscriptPanel::textEdited, this, &AudioEditor::setSegmentText);
    connect(m_transcript, &TranscriptPanel::speakerChosen, this,
            [this](const QString& speaker) { setSpeaker(speaker); });
    connect(m_transcript, &TranscriptPanel::attributeEdited, this, &AudioEditor::setAttribute);
}

QList<QPair<QString, QString>> AudioEditor::shortcutHelp() const {
    // The help sheet lists the keymap's "audio" keys itself; this adds the
    // mouse and which speaker each Alt+digit gives.
    QList<QPair<QString, QString>> help;
    help.append({tr("Click the waveform"), tr("Move the playhead there")});
    help.append({tr("Drag on the waveform"), tr("Select a range (Ctrl+M makes it a segment)")});
    help.append({tr("Drag in a speaker's lane"), tr("Make a segment of that speaker")});
    help.append({tr("Drag a segment's edge"), tr("Move the boundary (snaps to others nearby)")});
    help.append({tr("Wheel"), tr("Zoom at the pointer (Shift: scroll)")});
    for (int n = 1; n <= std::min<int>(9, int(m_speakers.size())); ++n)
        help.append({QStringLiteral("Alt+%1").arg(n), tr("Speaker “%1”").arg(m_speakers[n - 1])});
    return help;
}

void AudioEditor::focusEditor() {
    if (m_transcript->textEdit()->isEnabled())
        m_transcript->textEdit()->setFocus(Qt::ShortcutFocusReason);
    else
        m_waveform->setFocus(Qt::ShortcutFocusReason);
}

void AudioEditor::commitPending(Pending pending) {
    m_transcript->flushText();
    if (m_prefillPending && pending == Pending::Submit)
        acceptPrefill();
}

// ---------------------------------------------------------------- document

void AudioEditor::syncSchema() {
    const Schema& schema = m_document->project().schema();
    const QList<Label> labels = schema.labelsFor(TaskKind::Audio);
    m_speakers.clear();
    for (const Label& label : labels)
        m_speakers << label.name;
    m_colors = labelColors(labels);
    m_transcript->setSpeakers(m_speakers, m_colors);
    m_transcript->setAttributes(schema.attributesFor(TaskKind::Audio));
    if (!m_speakers.contains(m_speaker))
        m_speaker = m_speakers.value(0);
    // The speakers' keys as chips: a click gives the selected segment (and
    // the next one made) that speaker.
    const QList<QAction*> old = m_speakerBar->actions();
    m_speakerBar->clear();
    qDeleteAll(old);
    for (int n = 1; n <= std::min<int>(9, int(m_speakers.size())); ++n) {
        const QString name = m_speakers[n - 1];
        QAction* chip = m_speakerBar->addAction(labelSwatch(m_colors.value(name)),
                                                QStringLiteral("Alt+%1 %2").arg(n).arg(name));
        chip->setObjectName(QStringLiteral("speakerChip:") + name);
        chip->setCheckable(true);
        chip->setChecked(name == m_speaker);
        connect(chip, &QAction::triggered, this, [this, n] { setSpeakerKey(n); });
    }
}

void AudioEditor::setDocument(TaskDocument* document) {
    // Typing belongs to the task it was typed on.
    m_transcript->flushText();
    m_transcript->discardText();
    disconnect(m_changedConnection);
    disconnect(m_schemaConnection);
    m_loader->cancel();
    m_player->close();
    m_document = document;
    m_segments.clear();
    m_shownSegments = QJsonValue();
    m_selected = -1;
    m_markMs = -1;
    m_looping = false;
    m_playheadMs = 0;
    m_prefillPending = false;
    m_prefillFrom.clear();
    m_mediaPath.clear();
    m_mediaProblem.clear();
    m_fileNotice.clear();
    m_deviceNotice.clear();
    m_audioDurationMs = -1;
    m_noteStatus->clear();
    m_waveform->setMarkMs(-1);
    m_waveform->clearSelection();
    m_waveform->setPlayhead(0);
    if (!document) {
        m_waveform->setNoAudio(0);
        loadProposals();
        showSegments(-1);
        updateNotice();
        return;
    }
    syncSchema();
    m_changedConnection =
        connect(document, &TaskDocument::changed, this, &AudioEditor::onDocumentChanged);
    m_schemaConnection = connect(document, &TaskDocument::schemaChanged, this, [this] {
        syncSchema();
        showSegments(m_selected);
    });
    loadSegments();
    loadProposals();
    // Back on a task: its first segment, ready for typing.
    if (m_selected < 0 && !m_segments.isEmpty())
        selectSegment(0);
    openMedia();
    updateNotice();
}

void AudioEditor::openMedia() {
    const Task& task = m_document->task();
    const QString stored = task.mediaPath();
    Project& project = m_document->project();
    m_mediaPath = stored.isEmpty() ? QString() : project.absoluteMediaPath(stored);
    // Until the file says how long it is, the axis is as long as the segments.
    m_waveform->setNoAudio(durationMs());
    if (m_mediaPath.isEmpty()) {
        m_mediaProblem = tr("the task names no audio file (data.audio is empty)");
        m_fileNotice =
            tr("This task names no audio file: the transcript can be edited, "
               "nothing can be played.");
        return;
    }
    m_mediaProblem = mediaDecodeProblem(m_mediaPath, TaskKind::Audio);
    // The cache is kept only for a project that can be written.
    m_loader->load(m_mediaPath, task.mediaHash, project.isReadOnly() ? QString() : project.path());
    const Status opened = m_player->open(m_mediaPath);
    if (!opened.ok()) {
        m_fileNotice = tr("%1 — the transcript can still be edited.").arg(opened.error());
    } else {
        m_deviceNotice = m_player->deviceProblem();
        m_player->setSpeed(m_player->speed());
        m_player->setVolume(m_volume->value() / 100.0);
    }
}

void AudioEditor::onOpened(const AudioStreamInfo& info) {
    m_audioDurationMs = info.durationMs();
    const qint64 frames = info.frames >= 0 ? info.frames : 0;
    m_waveform->setAudio(info.sampleRate, frames, m_loader->pyramid(), m_mediaPath);
    m_waveform->setPlayhead(qint64(double(m_playheadMs) * info.sampleRate / 1000));
    updateStatus();
}

void AudioEditor::onLoaded(const WaveformLoadResult& result) {
    if (result.cancelled)
        return;
    if (!result.ok()) {
        m_fileNotice = tr("The waveform cannot be shown: %1. The transcript can still be edited.")
                           .arg(result.error);
        m_waveform->setNoAudio(durationMs());
    } else {
        if (m_waveform->lengthFrames() <= 0 || result.info.frames > 0)
            m_waveform->setLengthFrames(m_loader->pyramid() ? m_loader->pyramid()->frames()
                                                            : result.info.frames);
        m_audioDurationMs = m_waveform->durationMs();
        if (!result.damage.isEmpty())
            m_fileNotice = result.damage;
        m_waveform->peaksAdded();
    }
    updateNotice();
    updateStatus();
}

qint64 AudioEditor::durationMs() const {
    if (m_audioDurationMs > 0)
        return m_audioDurationMs;
    qint64 end = 0;
    for (const Segment& s : m_segments)
        end = std::max(end, s.endMs);
    return std::max<qint64>(end + 5000, 60000);
}

void AudioEditor::loadSegments() {
    QStringList problems;
    const QJsonObject result = m_document ? m_document->result() : QJsonObject();
    m_segments = segmentresult::read(result, &problems);
    segmentresult::sort(m_segments);
    m_shownSegments = result.value(QStringLiteral("segments"));
    if (!problems.isEmpty())
        note(tr("Stored segments not shown (the next edit leaves them out): %1")
                 .arg(problems.join(QStringLiteral("; "))));
    showSegments(std::min<int>(m_selected, int(m_segments.size()) - 1));
}

void AudioEditor::showSegments(int select) {
    m_selected = select >= 0 && select < m_segments.size() ? select : -1;
    QStringList lanes = m_speakers;
    QStringList titles = m_speakers;
    // Speakers the schema does not name (an import's) get lanes of their
    // own after the schema's, and segments without a speaker the last one.
    bool noSpeaker = false;
    QList<const Segment*> shown;
    for (const Segment& s : std::as_const(m_segments))
        shown << &s;
    for (const ProposedSegment& p : std::as_const(m_proposals))
        shown << &p.segment;
    for (const Segment* segment : std::as_const(shown)) {
        const Segment& s = *segment;
        if (s.speaker.isEmpty())
            noSpeaker = true;
        else if (!lanes.contains(s.speaker)) {
            lanes << s.speaker;
            titles << s.speaker;
        }
    }
    if (noSpeaker || lanes.isEmpty()) {
        lanes << QString();
        titles << tr("(no speaker)");
    }
    QHash<QString, QColor> colors = m_colors;
    for (const QString& lane : std::as_const(lanes))
        if (!colors.contains(lane))
            colors.insert(lane, lane.isEmpty() ? QColor(150, 150, 150) : unknownLabelColor(lane));
    m_waveform->setLanes(lanes, titles, colors);
    m_waveform->setSegments(&m_segments);
    m_waveform->setSelectedSegment(m_selected);
    m_transcript->reload(m_selected);
    updateStatus();
}

void AudioEditor::selectSegment(int index) {
    if (index < -1 || index >= m_segments.size())
        index = -1;
    m_selected = index;
    m_waveform->setSelectedSegment(index);
    if (m_transcript->shownSegment() != index)
        m_transcript->showSegment(index);
    if (index >= 0) {
        m_waveform->reveal(m_segments[index].startMs, m_segments[index].endMs);
    }
    updateStatus();
}

void AudioEditor::onDocumentChanged() {
    if (!m_document)
        return;
    // The editor's own edit comes back here unchanged; an undo, a redo or an
    // answer in the question form lands here too. Only a change of the
    // segments touches the view.
    // A rejected proposal changes only the result's "assist".
    if (m_document->result().value(QStringLiteral("segments")) == m_shownSegments) {
        refreshProposals();
        return;
    }
    m_transcript->discardText();
    m_prefillPending = false;
    loadSegments();
    refreshProposals();
    updateNotice();
}

bool AudioEditor::commit(const QList<Segment>& edited, const QString& text, int select, int mergeId,
                         const QString& mergeKey) {
    if (!m_document)
        return false;
    m_segments = edited;
    // A pre-filled transcript becomes the annotator's without the model's scores.
    if (m_prefillPending)
        for (Segment& s : m_segments)
            s.source.remove(QStringLiteral("score"));
    const QJsonObject result = segmentresult::withSegments(m_document->result(), m_segments);
    m_shownSegments = result.value(QStringLiteral("segments"));
    const bool fromPrefill = std::exchange(m_prefillPending, false);
    m_document->changeResult(
        result, fromPrefill ? tr("%1 (from %2's transcript)").arg(text, m_prefillFrom) : text,
        fromPrefill ? -1 : mergeId, mergeKey);
    // A failed write leaves the document as it was: show what it holds.
    if (m_document->result().value(QStringLiteral("segments")) != m_shownSegments) {
        m_prefillPending = fromPrefill;
        loadSegments();
        return false;
    }
    if (fromPrefill)
        updateNotice();
    showSegments(select);
    refreshProposals();
    return true;
}

// ---------------------------------------------------------------- status

void AudioEditor::refuse(const QString& why) {
    if (!why.isEmpty())
        note(why);
}

void AudioEditor::note(const QString& text) {
    m_noteStatus->setText(text);
    m_noteStatus->setToolTip(text);
}

void AudioEditor::updateNotice() {
    QStringList lines;
    if (!m_fileNotice.isEmpty())
        lines << m_fileNotice;
    // The player's sentence says what still works; a file that does not
    // open says more than the device could.
    if (!m_deviceNotice.isEmpty() && m_fileNotice.isEmpty())
        lines << m_deviceNotice;
    if (m_prefillPending)
        lines << tr("Pre-filled transcript from %1 (dashed): correct it in place. It becomes "
                    "yours with your first change, or as it is with Accept (%2); %3 takes only "
                    "the selected segment, %4 rejects it.")
                     .arg(m_prefillFrom,
                          Keymap::instance()
                              .key(QStringLiteral("audio.acceptProposals"))
                              .toString(QKeySequence::NativeText),
                          Keymap::instance()
                              .key(QStringLiteral("audio.acceptProposal"))
                              .toString(QKeySequence::NativeText),
                          Keymap::instance()
                              .key(QStringLiteral("audio.rejectProposal"))
                              .toString(QKeySequence::NativeText));
    m_notice->setText(lines.join(u'\n'));
    m_notice->setVisible(!lines.isEmpty());
}

QString AudioEditor::noticeText() const {
    return m_notice->text();
}

void AudioEditor::updateStatus() {
    QString time = TimeRuler::clock(m_playheadMs);
    if (m_audioDurationMs > 0)
        time += QStringLiteral(" / ") + TimeRuler::clock(m_audioDurationMs);
    if (m_waveform->hasSelection())
        time += tr("  ·  range %1 – %2")
                    .arg(TimeRuler::clock(m_waveform->selectionFromMs()),
                         TimeRuler::clock(m_waveform->selectionToMs()));
    if (m_markMs >= 0)
        time += tr("  ·  start marked at %1").arg(TimeRuler::clock(m_markMs));
    m_timeStatus->setText(time);
    m_countStatus->setText(m_segments.size() == 1 ? tr("1 segment")
                                                  : tr("%1 segments").arg(m_segments.size()));
}

QString AudioEditor::statusText() const {
    QStringList parts;
    for (QLabel* label : {m_timeStatus, m_countStatus, m_noteStatus})
        if (!label->text().isEmpty())
            parts << label->text();
    return parts.join(QStringLiteral("  ·  "));
}

}  // namespace postil

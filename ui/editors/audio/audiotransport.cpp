#include <QAction>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSlider>
#include <QToolBar>
#include <QToolButton>

#include "audio/audioplayer.h"
#include "editors/audio/audioeditor.h"
#include "editors/audio/segmentedits.h"
#include "editors/audio/timeruler.h"
#include "editors/audio/transcriptpanel.h"
#include "editors/audio/transportkeys.h"
#include "editors/audio/waveformview.h"

namespace postil {

namespace {
const QString kSkipSetting = QStringLiteral("audio/skipSeconds");
constexpr double kDefaultSkipSeconds = 2.0;
}  // namespace

void AudioEditor::createKeys() {
    m_keys = new TransportKeys(m_widget, this);
    // Every key writes what was typed first: an edit then acts on the text
    // as it stands, and the typing stays one undo step of its own.
    m_keys->setBeforeAction([this](const QString& id) {
        if (!id.startsWith(QLatin1String("audio.insertTime")))
            m_transcript->flushText();
    });
    auto add = [this](const QString& id, std::function<void()> run) {
        return m_keys->add(id, std::move(run));
    };
    QAction* play = add(QStringLiteral("audio.playPause"), [this] { playPause(); });
    add(QStringLiteral("audio.back"), [this] { skip(-1); });
    add(QStringLiteral("audio.forward"), [this] { skip(+1); });
    add(QStringLiteral("audio.slower"), [this] { changeSpeed(-1); });
    add(QStringLiteral("audio.faster"), [this] { changeSpeed(+1); });
    add(QStringLiteral("audio.insertTime"), [this] { insertTime(); });
    add(QStringLiteral("audio.playSegment"), [this] { playSegment(false); });
    add(QStringLiteral("audio.loopSegment"), [this] { playSegment(true); });
    add(QStringLiteral("audio.playSelection"), [this] { playSelection(); });
    add(QStringLiteral("audio.previousSegment"), [this] { stepSegment(-1); });
    add(QStringLiteral("audio.nextSegment"), [this] { stepSegment(+1); });
    QAction* mark = add(QStringLiteral("audio.mark"), [this] { this->mark(); });
    QAction* split = add(QStringLiteral("audio.split"), [this] { splitAtPlayhead(); });
    QAction* merge = add(QStringLiteral("audio.merge"), [this] { mergeWithNext(); });
    QAction* remove = add(QStringLiteral("audio.delete"), [this] { deleteSelected(); });
    add(QStringLiteral("audio.startEarlier"), [this] { nudgeBoundary(false, -1); });
    add(QStringLiteral("audio.startLater"), [this] { nudgeBoundary(false, +1); });
    add(QStringLiteral("audio.endEarlier"), [this] { nudgeBoundary(true, -1); });
    add(QStringLiteral("audio.endLater"), [this] { nudgeBoundary(true, +1); });
    add(QStringLiteral("audio.volumeDown"), [this] { changeVolume(-1); });
    add(QStringLiteral("audio.volumeUp"), [this] { changeVolume(+1); });
    QAction* zoomIn = add(QStringLiteral("audio.zoomIn"), [this] { m_waveform->zoomBy(2); });
    QAction* zoomOut = add(QStringLiteral("audio.zoomOut"), [this] { m_waveform->zoomBy(0.5); });
    QAction* zoomAll = add(QStringLiteral("audio.zoomAll"), [this] { m_waveform->zoomAll(); });
    QAction* spectrogram = add(QStringLiteral("audio.spectrogram"), [this] {
        m_waveform->setSpectrogram(!m_waveform->showsSpectrogram());
        if (QAction* shown =
                m_acceptBar->findChild<QAction*>(QStringLiteral("audio.spectrogram.button")))
            shown->setChecked(m_waveform->showsSpectrogram());
    });
    add(QStringLiteral("audio.acceptProposals"), [this] { acceptAllProposals(); });
    add(QStringLiteral("audio.acceptProposal"), [this] { acceptProposal(); });
    add(QStringLiteral("audio.rejectProposal"), [this] { rejectProposal(); });
    QAction* showProposals = add(QStringLiteral("audio.toggleProposals"),
                                 [this] { setProposalsShown(!m_proposalsShown); });
    showProposals->setCheckable(true);
    showProposals->setChecked(true);
    for (int n = 1; n <= 9; ++n)
        add(QStringLiteral("audio.speaker.%1").arg(n), [this, n] { setSpeakerKey(n); });

    // The toolbar: the same actions by mouse, with their keys in the tips.
    auto button = [this](QAction* key, const QString& text, QToolBar* bar = nullptr) {
        QAction* shown = (bar ? bar : m_toolbar)->addAction(text);
        shown->setToolTip(QStringLiteral("%1 (%2)").arg(
            key->text(), key->shortcut().toString(QKeySequence::NativeText)));
        shown->setObjectName(key->objectName() + QStringLiteral(".button"));
        const QString id = key->objectName();
        connect(shown, &QAction::triggered, this, [this, id] { m_keys->trigger(id); });
        return shown;
    };
    QAction* playButton = button(play, tr("Play"));
    m_playButton = qobject_cast<QToolButton*>(m_toolbar->widgetForAction(playButton));
    m_speedLabel = new QLabel(m_toolbar);
    m_speedLabel->setObjectName(QStringLiteral("speedLabel"));
    m_speedLabel->setContentsMargins(6, 0, 6, 0);
    m_toolbar->addWidget(m_speedLabel);
    m_toolbar->addWidget(new QLabel(tr("Skip"), m_toolbar));
    m_skipBox = new QDoubleSpinBox(m_toolbar);
    m_skipBox->setObjectName(QStringLiteral("skipSeconds"));
    m_skipBox->setRange(0.1, 60);
    m_skipBox->setSingleStep(0.5);
    m_skipBox->setDecimals(1);
    m_skipBox->setSuffix(tr(" s"));
    m_skipBox->setToolTip(tr("How far F1 and F2 skip back and forward"));
    m_skipBox->setValue(QSettings().value(kSkipSetting, kDefaultSkipSeconds).toDouble());
    connect(m_skipBox, &QDoubleSpinBox::valueChanged, this,
            [](double seconds) { QSettings().setValue(kSkipSetting, seconds); });
    m_toolbar->addWidget(m_skipBox);
    m_toolbar->addWidget(new QLabel(tr("  Volume"), m_toolbar));
    m_volume = new QSlider(Qt::Horizontal, m_toolbar);
    m_volume->setObjectName(QStringLiteral("volume"));
    m_volume->setRange(0, 100);
    m_volume->setValue(100);
    m_volume->setMinimumWidth(60);
    m_volume->setMaximumWidth(90);
    connect(m_volume, &QSlider::valueChanged, this,
            [this](int value) { m_player->setVolume(value / 100.0); });
    m_toolbar->addWidget(m_volume);
    m_toolbar->addSeparator();
    button(mark, tr("Mark"));
    button(split, tr("Split"));
    button(merge, tr("Merge"));
    button(remove, tr("Delete"));
    m_toolbar->addSeparator();
    button(zoomIn, tr("Zoom +"));
    button(zoomOut, tr("Zoom −"));
    button(zoomAll, tr("Whole file"));
    // On the second row: the first is full at the studio's usual width.
    button(spectrogram, tr("Spectrogram"), m_acceptBar)->setCheckable(true);
    QAction* acceptAction = m_acceptBar->addAction(tr("Accept"));
    acceptAction->setObjectName(QStringLiteral("acceptButton"));
    acceptAction->setToolTip(
        tr("Submit the transcript as it stands (a pre-filled one becomes yours)"));
    connect(acceptAction, &QAction::triggered, this, &AudioEditor::accept);
}

double AudioEditor::skipSeconds() const {
    return m_skipBox->value();
}

void AudioEditor::setSkipSeconds(double seconds) {
    m_skipBox->setValue(seconds);
}

void AudioEditor::updateTransport() {
    const bool playing = m_player->isPlaying();
    if (m_playButton)
        m_playButton->setText(playing ? tr("Pause") : tr("Play"));
    m_speedLabel->setText(tr("%1×").arg(m_player->speed(), 0, 'g', 3));
}

void AudioEditor::onPosition(qint64 frame) {
    const int rate = m_player->sampleRate();
    if (rate <= 0)
        return;
    m_playheadMs = frame * 1000 / rate;
    m_waveform->setPlayhead(qint64(double(m_playheadMs) * m_waveform->sampleRate() / 1000));
    // The segment under the playhead is marked in the list while playing;
    // the selection (and the field being typed in) stays where it is.
    if (m_player->isPlaying())
        m_transcript->setPlaying(segmentedit::segmentAt(m_segments, m_playheadMs, m_selected));
    const int playing =
        m_player->isPlaying() ? segmentedit::segmentAt(m_segments, m_playheadMs, m_selected) : -1;
    m_waveform->setPlayingSegment(playing);
    updateStatus();
}

void AudioEditor::seekMs(qint64 ms) {
    ms = std::max<qint64>(0, ms);
    if (m_audioDurationMs > 0)
        ms = std::min(ms, m_audioDurationMs);
    if (m_player->isOpen()) {
        m_player->seekMs(ms);  // positionChanged follows at once
        m_playheadMs = m_player->positionMs();
    } else {
        m_playheadMs = ms;
    }
    m_waveform->setPlayhead(qint64(double(m_playheadMs) * m_waveform->sampleRate() / 1000));
    updateStatus();
}

void AudioEditor::playPause() {
    if (!m_player->isOpen()) {
        note(m_fileNotice.isEmpty() ? tr("No audio to play.") : m_fileNotice);
        return;
    }
    if (!m_player->hasDevice()) {
        note(m_player->deviceProblem());
        return;
    }
    m_player->togglePlayback();
    updateTransport();
}

void AudioEditor::skip(int direction) {
    seekMs(m_playheadMs + qint64(direction * skipSeconds() * 1000));
}

void AudioEditor::changeSpeed(int direction) {
    if (direction < 0)
        m_player->slower();
    else
        m_player->faster();
    updateTransport();
    note(tr("Speed %1×").arg(m_player->speed(), 0, 'g', 3));
}

void AudioEditor::changeVolume(int direction) {
    m_volume->setValue(m_volume->value() + direction * 10);
    note(tr("Volume %1%").arg(m_volume->value()));
}

void AudioEditor::insertTime() {
    QPlainTextEdit* edit = m_transcript->textEdit();
    if (!edit->isEnabled()) {
        note(tr("Select a segment to type its text first."));
        return;
    }
    if (!edit->hasFocus())
        edit->setFocus(Qt::ShortcutFocusReason);
    edit->insertPlainText(QStringLiteral("[%1] ").arg(TimeRuler::clock(m_playheadMs)));
}

void AudioEditor::stepSegment(int step) {
    if (m_segments.isEmpty()) {
        note(tr("No segments yet."));
        return;
    }
    int next = -1;
    if (m_selected >= 0)
        next = std::clamp(m_selected + step, 0, int(m_segments.size()) - 1);
    else
        next = segmentedit::neighbour(m_segments, m_playheadMs, step);
    if (next < 0)
        next = step > 0 ? 0 : int(m_segments.size()) - 1;
    selectSegment(next);
    seekMs(m_segments[next].startMs);
}

void AudioEditor::playSegment(bool loop) {
    if (m_selected < 0) {
        note(tr("Select a segment to play it."));
        return;
    }
    if (loop && m_looping) {
        m_looping = false;
        m_player->clearRange();
        note(tr("Looping stopped."));
        return;
    }
    const Segment& s = m_segments[m_selected];
    m_looping = loop;
    if (!m_player->hasDevice()) {
        seekMs(s.startMs);
        note(m_player->isOpen() ? m_player->deviceProblem() : tr("No audio to play."));
        return;
    }
    m_player->playRangeMs(s.startMs, s.endMs, loop);
    updateTransport();
}

void AudioEditor::playSelection() {
    if (!m_waveform->hasSelection()) {
        note(tr("Drag on the waveform to select a range first."));
        return;
    }
    if (!m_player->hasDevice()) {
        seekMs(m_waveform->selectionFromMs());
        note(m_player->isOpen() ? m_player->deviceProblem() : tr("No audio to play."));
        return;
    }
    m_player->playRangeMs(m_waveform->selectionFromMs(), m_waveform->selectionToMs(), false);
    updateTransport();
}

}  // namespace postil

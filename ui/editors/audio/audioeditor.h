#pragma once

#include <QHash>
#include <QJsonValue>
#include <QPointer>

#include "editors/audio/segmentproposals.h"
#include "editors/taskeditor.h"
#include "keys/keymap.h"
#include "model/schema.h"
#include "model/segmentresult.h"

class QDoubleSpinBox;
class QLabel;
class QSlider;
class QSplitter;
class QToolBar;
class QToolButton;

namespace postil {

class AudioPlayer;
class ProposalBar;
class TranscriptPanel;
class TransportKeys;
class WaveformLoader;
class WaveformView;
struct AudioStreamInfo;
struct WaveformLoadResult;

// The transcript editor of audio tasks (docs/architecture.md §13, "The audio
// editor"): the waveform with its speakers' lanes (WaveformView), the
// transcript (TranscriptPanel), the transport (AudioPlayer) and its keys
// (TransportKeys). The segments are the editor's list in time order; every
// gesture computes a new list (segmentedit) and writes it as one
// TaskDocument::changeResult through the segment codec, so it is one undo
// step on disk before the gesture returns; a typing burst is one step too
// (TextDebouncer, kMergeSegmentText). The editor follows the document
// through undo and redo, also after a task switch.
//
// The waveform and playback are extras on top of the transcript: a file
// that is missing or does not decode, or a machine without an audio device,
// gets a note naming the problem, and the transcript stays editable.
class AudioEditor : public TaskEditor {
    Q_OBJECT
public:
    explicit AudioEditor(QObject* parent = nullptr);
    ~AudioEditor() override;
    // Its keys, registered with it (audiokeys.cpp).
    static Keymap::EditorKeys keyTable();

    TaskKind kind() const override { return TaskKind::Audio; }
    QWidget* widget() override;
    void setDocument(TaskDocument* document) override;
    QList<QPair<QString, QString>> shortcutHelp() const override;
    void focusEditor() override;
    QString mediaProblem() const override { return m_mediaProblem; }
    void commitPending(Pending pending) override;

    WaveformView* waveform() const { return m_waveform; }
    TranscriptPanel* transcript() const { return m_transcript; }
    AudioPlayer* player() const { return m_player; }
    WaveformLoader* loader() const { return m_loader; }
    TransportKeys* keys() const { return m_keys; }
    // The segments on screen, as last read or written.
    const QList<Segment>& segments() const { return m_segments; }
    int selectedSegment() const { return m_selected; }
    void selectSegment(int index);
    // The notes above the waveform (device, file, pre-filled transcript).
    QString noticeText() const;
    QString statusText() const;
    qint64 playheadMs() const { return m_playheadMs; }
    QString currentSpeaker() const { return m_speaker; }
    // A pre-filled transcript is shown and not yet the annotator's.
    bool showsPrefill() const { return m_prefillPending; }

    // Transport (audiotransport.cpp).
    void playPause();
    void skip(int direction);
    void setSkipSeconds(double seconds);
    double skipSeconds() const;
    void changeSpeed(int direction);
    void changeVolume(int direction);
    void seekMs(qint64 ms);
    void insertTime();
    void stepSegment(int step);
    void playSegment(bool loop);
    void playSelection();

    // Edits (audioedits.cpp), each one undo step.
    void mark();
    void createSegment(qint64 fromMs, qint64 toMs, const QString& speaker);
    void splitAtPlayhead();
    void mergeWithNext();
    void deleteSelected();
    void moveBoundary(int index, bool end, qint64 ms);
    // Moves the selected segment's start (or end) by kNudgeMs, earlier (-1)
    // or later (+1): the keyboard's fine adjustment of what a drag sets.
    void nudgeBoundary(bool end, int direction);
    static constexpr qint64 kNudgeMs = 20;
    void setSegmentText(int index, const QString& text);
    void setSpeakerKey(int digit);
    // False when refused (the speaker already speaks then).
    bool setSpeaker(const QString& speaker);
    void setAttribute(const QString& name, const QJsonValue& value);
    // Proposals (audioproposals.cpp): the segments of another row of the
    // task (a model's first, else an import's or another annotator's).
    // While the annotator has no transcript of their own they are the
    // pre-filled transcript (showsPrefill: corrected in place, the annotator's
    // with the first change or Accept); after that a dashed layer in the
    // lanes. Either way each is taken or rejected on its own: the selected
    // one while pre-filled, else the one at the playhead (else the next).
    // The pre-filled transcript becomes the annotator's as it stands.
    bool acceptPrefill();
    // The proposals left to take, in time order (the pre-filled ones too).
    const QList<ProposedSegment>& proposals() const { return m_proposals; }
    // Takes the proposal at hand (see above), one undo step.
    bool acceptProposal();
    // Hides the proposal at hand for good: recorded in the result's "assist".
    bool rejectProposal();
    // Takes every proposal left that fits beside the annotator's segments.
    bool acceptAllProposals();
    bool proposalsShown() const { return m_proposalsShown; }
    void setProposalsShown(bool shown);
    ProposalBar* proposalBar() const { return m_proposalBar; }
    // Accept: the transcript as it stands is submitted.
    void accept();

private:
    void buildWidget();
    void createKeys();
    void syncSchema();
    void loadSegments();
    void showSegments(int select);
    void onDocumentChanged();
    // Writes `edited` as one undo step; `select` is the segment selected
    // after it. False when the write failed (the document is shown again).
    bool commit(const QList<Segment>& edited, const QString& text, int select, int mergeId = -1,
                const QString& mergeKey = QString());
    void refuse(const QString& why);
    void note(const QString& text);
    void updateNotice();
    void updateStatus();
    void updateTransport();
    void openMedia();
    void onOpened(const AudioStreamInfo& info);
    void onLoaded(const WaveformLoadResult& result);
    void onPosition(qint64 frame);
    qint64 durationMs() const;
    void loadProposals();
    // Recomputes what is on offer (and the pre-filled transcript, while the
    // annotator has none) from the stored result, the threshold and the
    // segments; updates the layer and the bar.
    void refreshProposals();
    // The index in proposals() the keys act on.
    int proposalAtHand() const;

    QPointer<QWidget> m_widget;
    QToolBar* m_toolbar = nullptr;
    QLabel* m_notice = nullptr;
    WaveformView* m_waveform = nullptr;
    TranscriptPanel* m_transcript = nullptr;
    QSplitter* m_splitter = nullptr;
    QLabel* m_timeStatus = nullptr;
    QLabel* m_countStatus = nullptr;
    QLabel* m_noteStatus = nullptr;
    QToolButton* m_playButton = nullptr;
    QLabel* m_speedLabel = nullptr;
    QSlider* m_volume = nullptr;
    QDoubleSpinBox* m_skipBox = nullptr;
    QToolBar* m_speakerBar = nullptr;
    QToolBar* m_acceptBar = nullptr;
    AudioPlayer* m_player = nullptr;
    WaveformLoader* m_loader = nullptr;
    TransportKeys* m_keys = nullptr;

    QPointer<TaskDocument> m_document;
    QMetaObject::Connection m_changedConnection;
    QMetaObject::Connection m_schemaConnection;
    QList<Segment> m_segments;
    // The result's "segments" as last written or read: the document's change
    // after the editor's own edit is recognised by it.
    QJsonValue m_shownSegments;
    int m_selected = -1;
    QStringList m_speakers;  // the schema's audio labels, in order
    QHash<QString, QColor> m_colors;
    QString m_speaker;  // for the next segment made
    qint64 m_playheadMs = 0;
    qint64 m_markMs = -1;
    bool m_looping = false;
    QString m_mediaPath;
    QString m_mediaProblem;
    QString m_fileNotice;
    QString m_deviceNotice;
    qint64 m_audioDurationMs = -1;
    // A pre-filled transcript (another row's segments) shown as a start.
    bool m_prefillPending = false;
    QString m_prefillFrom;
    ProposalBar* m_proposalBar = nullptr;
    std::optional<Annotation> m_proposalRow;
    QList<Segment> m_proposalSegments;  // the row's, in stored order
    QList<ProposedSegment> m_proposals;
    bool m_proposalsShown = true;
};

}  // namespace postil

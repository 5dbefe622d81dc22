#pragma once

#include <QColor>
#include <QHash>
#include <QImage>
#include <QList>
#include <QStringList>
#include <QWidget>
#include <memory>
#include <vector>

#include "editors/audio/samplewindow.h"
#include "editors/audio/segmentproposals.h"
#include "media/peakpyramid.h"
#include "model/segmentresult.h"

class QScrollBar;

namespace postil {

// The audio editor's waveform: the time ruler on top, the waveform, one lane
// per speaker with its segments below, a scroll bar. Zooms from the whole
// file down to single samples: from 256 frames per pixel up it draws the
// peak pyramid (a few blocks per column, PeakPyramid::fill), below it the
// samples of its own SampleWindow. Draws what the decode has reached so far
// and hatches the rest, so it works while the file decodes.
//
// It edits nothing: gestures come out as signals (seek, selection, a new
// segment dragged in a lane, a boundary dragged to a time) and the editor
// turns each into one undoable edit. A boundary being dragged is drawn where
// it would land (clamped and snapped as segmentedit does), so the release
// writes what was shown.
class WaveformView : public QWidget {
    Q_OBJECT
public:
    // Below this many frames per pixel the peaks come from samples.
    static constexpr double kSampleLevelFpp = PeakPyramid::kBaseFrames;
    // The closest zoom: this many pixels per sample.
    static constexpr double kMinFpp = 1.0 / 16;
    // Boundaries this close (pixels) to the pointer snap together.
    static constexpr int kSnapPixels = 6;

    explicit WaveformView(QWidget* parent = nullptr);

    // The audio shown: its rate, its length in frames (what the header says,
    // growing while decoding when it says nothing), its peaks (null: none
    // yet) and the file the sample window reads.
    void setAudio(int sampleRate, qint64 frames, std::shared_ptr<const PeakPyramid> pyramid,
                  const QString& path);
    // No audio (missing or undecodable file): a time axis as long as the
    // segments need, so the transcript stays editable.
    void setNoAudio(qint64 durationMs);
    void setLengthFrames(qint64 frames);
    // The decode reached further: repaint what is on screen.
    void peaksAdded();

    // The segments to draw (owned by the editor, in time order), the
    // speakers' lanes in order and their colours.
    void setSegments(const QList<Segment>* segments);
    void setLanes(const QStringList& speakers, const QStringList& titles,
                  const QHash<QString, QColor>& colors);
    void setSelectedSegment(int index);
    int selectedSegment() const { return m_selected; }
    // Another row's proposals (owned by the editor, in time order), drawn
    // dashed in their speakers' lanes under the segments, with their scores
    // (waveformproposals.cpp). Null or empty: none.
    void setProposals(const QList<ProposedSegment>* proposals);
    // The segments themselves are a pre-filled transcript, not yet the
    // annotator's: drawn dashed and pale, with their scores.
    void setSegmentsProposed(bool proposed);
    bool segmentsProposed() const { return m_segmentsProposed; }
    void setPlayingSegment(int index);

    // The playhead, in frames; while following, the view pages along.
    void setPlayhead(qint64 frame);
    qint64 playheadFrame() const { return m_playhead; }
    void setFollowPlayhead(bool follow) { m_follow = follow; }
    // A range dragged on the waveform (ms), and the mark set at the playhead.
    bool hasSelection() const { return m_selTo > m_selFrom; }
    qint64 selectionFromMs() const { return m_selFrom; }
    qint64 selectionToMs() const { return m_selTo; }
    void setSelectionMs(qint64 from, qint64 to);
    void clearSelection();
    void setMarkMs(qint64 ms);  // -1 clears

    // Zoom and scroll.
    double framesPerPixel() const { return m_fpp; }
    double firstFrame() const { return m_first; }
    // Zooms keeping the time at `anchorX` (a widget x) where it is.
    void setFramesPerPixel(double fpp, int anchorX = -1);
    void zoomBy(double factor, int anchorX = -1);
    void zoomAll();
    void scrollToFrame(double first);
    // Brings [fromMs, toMs) on screen when it is not.
    void reveal(qint64 fromMs, qint64 toMs);

    // Geometry and time, for the editor and tests.
    int sampleRate() const { return m_rate; }
    qint64 lengthFrames() const { return m_frames; }
    qint64 durationMs() const;
    qint64 msAt(double x) const;
    double xOfMs(qint64 ms) const;
    QRect rulerRect() const;
    QRect waveRect() const;
    QRect laneRect(int lane) const;
    int laneCount() const { return int(m_laneSpeakers.size()); }
    int laneAt(const QPoint& pos) const;
    // The spectrogram instead of the wave, where the samples are held (from
    // 256 frames a pixel in); zoomed out the wave is drawn with a note.
    void setSpectrogram(bool on);
    bool showsSpectrogram() const { return m_spectrogram; }
    // How the last paint drew the waveform: "peaks", "samples" or "spectrogram".
    QString lastPaintSource() const { return m_lastSource; }

Q_SIGNALS:
    void seekRequested(qint64 ms);
    void selectionChanged();
    void segmentClicked(int index);
    void createRequested(qint64 fromMs, qint64 toMs, const QString& speaker);
    void boundaryMoved(int index, bool end, qint64 ms);
    void viewChanged();

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;

private:
    enum class Drag { None, Range, Create, Boundary };

    void paintWave(QPainter& painter, const QRect& rect);
    bool paintSamples(QPainter& painter, const QRect& rect);
    void paintPeaks(QPainter& painter, const QRect& rect);
    bool paintSpectrogram(QPainter& painter, const QRect& rect);
    void paintSegments(QPainter& painter);
    void paintProposals(QPainter& painter);
    // "0.82 · text" for a segment with a score, else the text.
    static QString caption(const Segment& segment, double score);
    double maxFpp() const;
    void clampView();
    void syncScrollBar();
    // The boundary (segment, end?) within reach of `pos`; false when none.
    bool boundaryAt(const QPoint& pos, int* index, bool* end) const;
    int segmentAt(const QPoint& pos) const;
    qint64 dragTargetMs(const QPoint& pos) const;
    // The range of segments that can be on screen: [first, last).
    QPair<int, int> visibleSegments(qint64 fromMs, qint64 toMs) const;

    int m_rate = 1000;
    qint64 m_frames = 0;
    std::shared_ptr<const PeakPyramid> m_pyramid;
    SampleWindow m_samples;
    bool m_hasAudio = false;
    double m_first = 0;
    double m_fpp = 256;
    bool m_fitted = true;  // showing the whole file: stays so as it grows
    qint64 m_playhead = 0;
    bool m_follow = false;
    qint64 m_selFrom = 0;
    qint64 m_selTo = 0;
    qint64 m_mark = -1;

    const QList<Segment>* m_segments = nullptr;
    QStringList m_laneSpeakers;
    QStringList m_laneTitles;
    QHash<QString, QColor> m_colors;
    int m_selected = -1;
    int m_playing = -1;
    const QList<ProposedSegment>* m_proposals = nullptr;
    bool m_segmentsProposed = false;

    Drag m_drag = Drag::None;
    QPoint m_pressPos;
    bool m_moved = false;
    qint64 m_anchorMs = 0;
    qint64 m_dragMs = 0;
    int m_dragIndex = -1;
    bool m_dragEnd = false;
    int m_altIndex = -1;  // the other segment sharing the grabbed boundary
    QString m_dragSpeaker;

    QScrollBar* m_scroll;
    bool m_syncing = false;
    std::vector<PeakRange> m_columns;
    bool m_spectrogram = false;
    QImage m_spectrogramImage;  // for the view below
    double m_spectrogramFirst = -1;
    double m_spectrogramFpp = -1;
    QString m_lastSource;
};

}  // namespace postil

#include "editors/audio/waveformview.h"

#include <QImage>
#include <QJsonValue>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <algorithm>
#include <cmath>

#include "editors/audio/segmentedits.h"
#include "editors/audio/spectrogram.h"
#include "editors/audio/timeruler.h"

namespace postil {

namespace {
constexpr int kRulerHeight = 22;
constexpr int kLaneHeight = 24;
constexpr int kScrollHeight = 14;
constexpr int kMinWaveHeight = 60;
constexpr int kEdgePixels = 5;  // a boundary is grabbed this close
constexpr int kScrollRange = 1000000;
}  // namespace

WaveformView::WaveformView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("waveformView"));
    setMinimumHeight(kRulerHeight + kMinWaveHeight + kScrollHeight + kLaneHeight);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    m_scroll = new QScrollBar(Qt::Horizontal, this);
    m_scroll->setRange(0, kScrollRange);
    connect(m_scroll, &QScrollBar::valueChanged, this, [this](int value) {
        if (m_syncing)
            return;
        const double span = std::max(0.0, double(m_frames) - width() * m_fpp);
        m_fitted = false;
        scrollToFrame(span * value / kScrollRange);
    });
}

void WaveformView::setAudio(int sampleRate, qint64 frames,
                            std::shared_ptr<const PeakPyramid> pyramid, const QString& path) {
    m_rate = std::max(1, sampleRate);
    m_frames = std::max<qint64>(0, frames);
    m_pyramid = std::move(pyramid);
    m_samples.clear();
    m_samples.setPath(path);
    m_hasAudio = true;
    m_fitted = true;
    zoomAll();
}

void WaveformView::setNoAudio(qint64 durationMs) {
    m_rate = 1000;
    m_frames = std::max<qint64>(durationMs, 1000);
    m_pyramid.reset();
    m_samples.clear();
    m_hasAudio = false;
    m_fitted = true;
    zoomAll();
}

void WaveformView::setLengthFrames(qint64 frames) {
    if (frames == m_frames)
        return;
    m_frames = std::max<qint64>(0, frames);
    if (m_fitted)
        zoomAll();
    else
        clampView();
    update();
}

void WaveformView::peaksAdded() {
    update();
}

void WaveformView::setSegments(const QList<Segment>* segments) {
    m_segments = segments;
    if (m_selected >= 0 && (!m_segments || m_selected >= m_segments->size()))
        m_selected = -1;
    update();
}

void WaveformView::setLanes(const QStringList& speakers, const QStringList& titles,
                            const QHash<QString, QColor>& colors) {
    // Every edit passes the lanes again: only a change may relayout.
    if (speakers == m_laneSpeakers && titles == m_laneTitles && colors == m_colors)
        return;
    m_laneSpeakers = speakers;
    m_laneTitles = titles;
    m_colors = colors;
    setMinimumHeight(kRulerHeight + kMinWaveHeight + kScrollHeight +
                     kLaneHeight * std::max<int>(1, int(speakers.size())));
    syncScrollBar();
    update();
}

void WaveformView::setSelectedSegment(int index) {
    if (index == m_selected)
        return;
    m_selected = index;
    update();
}

void WaveformView::setPlayingSegment(int index) {
    if (index == m_playing)
        return;
    m_playing = index;
    update();
}

void WaveformView::setPlayhead(qint64 frame) {
    if (frame == m_playhead)
        return;
    m_playhead = frame;
    // Paging rather than scrolling under the playhead: the waveform stays
    // still while it is read, and jumps when the playhead nears the edge.
    const double x = (frame - m_first) / m_fpp;
    if (m_follow && !m_fitted && (x < 0 || x > width() * 0.95))
        scrollToFrame(frame - width() * m_fpp * 0.1);
    update();
}

void WaveformView::setSelectionMs(qint64 from, qint64 to) {
    m_selFrom = std::min(from, to);
    m_selTo = std::max(from, to);
    update();
    Q_EMIT selectionChanged();
}

void WaveformView::clearSelection() {
    if (!hasSelection())
        return;
    m_selFrom = m_selTo = 0;
    update();
    Q_EMIT selectionChanged();
}

void WaveformView::setMarkMs(qint64 ms) {
    m_mark = ms;
    update();
}

// ---------------------------------------------------------------- zoom

double WaveformView::maxFpp() const {
    return std::max(kMinFpp, double(std::max<qint64>(m_frames, 1)) / std::max(1, width()));
}

void WaveformView::setFramesPerPixel(double fpp, int anchorX) {
    fpp = std::clamp(fpp, kMinFpp, maxFpp());
    if (anchorX < 0)
        anchorX = width() / 2;
    const double anchorFrame = m_first + anchorX * m_fpp;
    m_fpp = fpp;
    m_first = anchorFrame - anchorX * m_fpp;
    m_fitted = fpp >= maxFpp();
    clampView();
    update();
    Q_EMIT viewChanged();
}

void WaveformView::zoomBy(double factor, int anchorX) {
    setFramesPerPixel(m_fpp / factor, anchorX);
}

void WaveformView::zoomAll() {
    m_fpp = maxFpp();
    m_first = 0;
    m_fitted = true;
    clampView();
    update();
    Q_EMIT viewChanged();
}

void WaveformView::scrollToFrame(double first) {
    m_first = first;
    clampView();
    update();
    Q_EMIT viewChanged();
}

void WaveformView::reveal(qint64 fromMs, qint64 toMs) {
    const double from = double(fromMs) * m_rate / 1000;
    const double to = double(toMs) * m_rate / 1000;
    const double visible = width() * m_fpp;
    if (from >= m_first && to <= m_first + visible)
        return;
    m_fitted = false;
    scrollToFrame(to - from < visible ? from - (visible - (to - from)) / 2 : from - visible * 0.05);
}

void WaveformView::clampView() {
    m_fpp = std::clamp(m_fpp, kMinFpp, maxFpp());
    const double span = std::max(0.0, double(m_frames) - width() * m_fpp);
    m_first = std::clamp(m_first, 0.0, span);
    syncScrollBar();
}

void WaveformView::syncScrollBar() {
    const double span = std::max(0.0, double(m_frames) - width() * m_fpp);
    m_syncing = true;
    m_scroll->setEnabled(span > 0);
    m_scroll->setPageStep(
        span > 0 ? int(std::clamp(width() * m_fpp / span * kScrollRange, 1.0, double(kScrollRange)))
                 : kScrollRange);
    m_scroll->setValue(span > 0 ? int(m_first / span * kScrollRange) : 0);
    m_syncing = false;
}

// ---------------------------------------------------------------- geometry

qint64 WaveformView::durationMs() const {
    return m_rate > 0 ? (m_frames * 1000 + m_rate / 2) / m_rate : 0;
}

qint64 WaveformView::msAt(double x) const {
    const double frame = m_first + x * m_fpp;
    return std::max<qint64>(0, std::llround(frame * 1000 / m_rate));
}

double WaveformView::xOfMs(qint64 ms) const {
    return (double(ms) * m_rate / 1000 - m_first) / m_fpp;
}

QRect WaveformView::rulerRect() const {
    return QRect(0, 0, width(), kRulerHeight);
}

QRect WaveformView::waveRect() const {
    const int lanes = std::max<int>(1, int(m_laneSpeakers.size()));
    const int bottom = height() - kScrollHeight - lanes * kLaneHeight;
    return QRect(0, kRulerHeight, width(), std::max(0, bottom - kRulerHeight));
}

QRect WaveformView::laneRect(int lane) const {
    const QRect wave = waveRect();
    return QRect(0, wave.bottom() + 1 + lane * kLaneHeight, width(), kLaneHeight);
}

int WaveformView::laneAt(const QPoint& pos) const {
    for (int lane = 0; lane < m_laneSpeakers.size(); ++lane)
        if (laneRect(lane).contains(pos))
            return lane;
    return -1;
}

QPair<int, int> WaveformView::visibleSegments(qint64 fromMs, qint64 toMs) const {
    if (!m_segments)
        return {0, 0};
    // Segments start in order: those starting after the right edge are out.
    Segment probe;
    probe.startMs = toMs;
    probe.endMs = std::numeric_limits<qint64>::max();
    const int last = segmentedit::insertionIndex(*m_segments, probe);
    Q_UNUSED(fromMs);
    return {0, last};
}

bool WaveformView::boundaryAt(const QPoint& pos, int* index, bool* end) const {
    if (!m_segments)
        return false;
    const int lane = laneAt(pos);
    const bool inWave = waveRect().contains(pos);
    if (lane < 0 && !inWave)
        return false;
    double best = kEdgePixels + 1;
    const auto [first, last] = visibleSegments(msAt(-kEdgePixels), msAt(pos.x() + kEdgePixels));
    for (int i = first; i < last; ++i) {
        const Segment& s = (*m_segments)[i];
        // In a lane, that lane's segments; on the waveform, the selected one.
        if (lane >= 0 ? s.speaker != m_laneSpeakers[lane] : i != m_selected)
            continue;
        for (bool isEnd : {false, true}) {
            const double d = std::abs(xOfMs(isEnd ? s.endMs : s.startMs) - pos.x());
            // Ties go to the end of the earlier segment's neighbour: the
            // later start, which is what a hand reaching right means.
            if (d < best || (d == best && !isEnd)) {
                best = d;
                *index = i;
                *end = isEnd;
            }
        }
    }
    return best <= kEdgePixels;
}

int WaveformView::segmentAt(const QPoint& pos) const {
    const int lane = laneAt(pos);
    if (lane < 0 || !m_segments)
        return -1;
    const qint64 ms = msAt(pos.x());
    const auto [first, last] = visibleSegments(ms, ms + 1);
    for (int i = last - 1; i >= first; --i) {
        const Segment& s = (*m_segments)[i];
        if (s.speaker == m_laneSpeakers[lane] && s.contains(ms))
            return i;
    }
    return -1;
}

qint64 WaveformView::dragTargetMs(const QPoint& pos) const {
    qint64 ms = msAt(pos.x());
    if (!m_segments)
        return ms;
    const qint64 tolerance = std::llround(kSnapPixels * m_fpp * 1000 / m_rate);
    ms = segmentedit::snap(*m_segments, ms, tolerance, m_dragIndex);
    if (m_drag == Drag::Boundary) {
        const auto range =
            segmentedit::boundaryRange(*m_segments, m_dragIndex, m_dragEnd, durationMs());
        ms = std::clamp(ms, range.from, std::max(range.from, range.to));
    }
    return std::clamp<qint64>(ms, 0, std::max<qint64>(durationMs(), ms));
}

// ---------------------------------------------------------------- painting

void WaveformView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    const QPalette& pal = palette();
    painter.fillRect(rect(), pal.color(QPalette::Base));
    TimeRuler::paint(painter, rulerRect(), m_first / m_rate, m_fpp / m_rate);
    const QRect wave = waveRect();
    paintWave(painter, wave);
    paintSegments(painter);

    // The selection, the mark and the playhead over everything.
    if (hasSelection()) {
        QColor shade = pal.color(QPalette::Highlight);
        shade.setAlpha(70);
        const int a = int(std::floor(xOfMs(m_selFrom)));
        const int b = int(std::ceil(xOfMs(m_selTo)));
        painter.fillRect(QRect(a, wave.top(), std::max(1, b - a), wave.height()), shade);
    }
    if (m_mark >= 0) {
        QPen pen(pal.color(QPalette::Highlight), 1, Qt::DashLine);
        painter.setPen(pen);
        const int x = int(std::lround(xOfMs(m_mark)));
        painter.drawLine(x, rulerRect().top(), x, laneRect(laneCount()).top());
    }
    const int px = int(std::lround((m_playhead - m_first) / m_fpp));
    if (px >= 0 && px < width()) {
        painter.setPen(QPen(QColor(220, 40, 40), 1));
        painter.drawLine(px, 0, px, laneRect(std::max(1, laneCount())).top() - 1);
    }
}

void WaveformView::paintWave(QPainter& painter, const QRect& rect) {
    const QPalette& pal = palette();
    painter.fillRect(rect, pal.color(QPalette::AlternateBase));
    painter.setPen(pal.color(QPalette::Mid));
    painter.drawLine(rect.left(), rect.center().y(), rect.right(), rect.center().y());
    if (!m_hasAudio) {
        m_lastSource.clear();
        return;
    }
    if (m_spectrogram) {
        if (m_fpp < kSampleLevelFpp && paintSpectrogram(painter, rect))
            return;
        paintPeaks(painter, rect);
        painter.setPen(palette().color(QPalette::PlaceholderText));
        painter.drawText(rect.adjusted(8, 4, -8, -4), Qt::AlignTop | Qt::AlignLeft,
                         tr("Zoom in for the spectrogram"));
        return;
    }
    if (m_fpp >= kSampleLevelFpp || !paintSamples(painter, rect))
        paintPeaks(painter, rect);
}

void WaveformView::setSpectrogram(bool on) {
    m_spectrogram = on;
    m_spectrogramImage = QImage();
    update();
}

bool WaveformView::paintSpectrogram(QPainter& painter, const QRect& rect) {
    if (m_spectrogramImage.size() != rect.size() || m_spectrogramFirst != m_first ||
        m_spectrogramFpp != m_fpp) {
        // Half a window of samples on either side of the view.
        const qint64 first = std::max<qint64>(0, qint64(m_first) - Spectrogram::kWindow / 2);
        const qint64 count = qint64(std::ceil(rect.width() * m_fpp)) + Spectrogram::kWindow + 2;
        qint64 available = 0;
        const float* samples = m_samples.samples(first, count, &available);
        if (!samples)
            return false;
        m_spectrogramImage = Spectrogram::render(samples, available, first, m_first, m_fpp,
                                                 rect.width(), rect.height());
        m_spectrogramFirst = m_first;
        m_spectrogramFpp = m_fpp;
    }
    painter.drawImage(rect.topLeft(), m_spectrogramImage);
    m_lastSource = QStringLiteral("spectrogram");
    return true;
}

void WaveformView::paintPeaks(QPainter& painter, const QRect& rect) {
    m_lastSource = QStringLiteral("peaks");
    if (!m_pyramid)
        return;
    const int columns = rect.width();
    m_columns.assign(size_t(columns), PeakRange());
    const int filled = m_pyramid->fill(m_first, m_fpp, columns, m_columns.data());
    const double mid = rect.center().y();
    const double half = rect.height() / 2.0 - 2;
    QVector<QLine> lines;
    lines.reserve(filled);
    for (int x = 0; x < filled; ++x) {
        const PeakRange& p = m_columns[size_t(x)];
        if (p.isEmpty())
            continue;
        const int top = int(std::floor(mid - p.max * half));
        const int bottom = int(std::ceil(mid - p.min * half));
        lines.append(QLine(rect.left() + x, top, rect.left() + x, std::max(top, bottom)));
    }
    painter.setPen(palette().color(QPalette::Link));
    painter.drawLines(lines);
    // What the decode has not reached yet is hatched, so a half-drawn
    // waveform does not read as silence.
    const qint64 covered = m_pyramid->isComplete() ? m_frames : m_pyramid->coveredFrames();
    const double coveredX = (covered - m_first) / m_fpp;
    if (coveredX < rect.width()) {
        QColor hatch = palette().color(QPalette::Mid);
        painter.fillRect(QRectF(std::max(0.0, coveredX), rect.top(),
                                rect.width() - std::max(0.0, coveredX), rect.height()),
                         QBrush(hatch, Qt::BDiagPattern));
    }
}

bool WaveformView::paintSamples(QPainter& painter, const QRect& rect) {
    const qint64 first = qint64(std::floor(m_first));
    const qint64 count = qint64(std::ceil(rect.width() * m_fpp)) + 2;
    qint64 available = 0;
    const float* samples = m_samples.samples(first, count, &available);
    if (!samples || available <= 0)
        return false;
    m_lastSource = QStringLiteral("samples");
    const double mid = rect.center().y();
    const double half = rect.height() / 2.0 - 2;
    painter.setPen(palette().color(QPalette::Link));
    if (m_fpp >= 1) {
        // Several samples per column: their lowest and highest.
        QVector<QLine> lines;
        lines.reserve(rect.width());
        for (int x = 0; x < rect.width(); ++x) {
            const qint64 a = qint64(m_first + x * m_fpp) - first;
            const qint64 b = std::min(available, qint64(m_first + (x + 1) * m_fpp) - first);
            if (a >= available)
                break;
            float lo = samples[a];
            float hi = lo;
            for (qint64 i = a + 1; i < b; ++i) {
                lo = std::min(lo, samples[i]);
                hi = std::max(hi, samples[i]);
            }
            lines.append(QLine(rect.left() + x, int(mid - hi * half), rect.left() + x,
                               int(mid - lo * half)));
        }
        painter.drawLines(lines);
        return true;
    }
    // Fewer samples than pixels: the samples themselves, joined, and dots
    // once they are far enough apart to tell.
    QVector<QPointF> points;
    points.reserve(int(available));
    for (qint64 i = 0; i < available; ++i)
        points.append(QPointF(rect.left() + (first + i - m_first) / m_fpp,
                              mid - std::clamp(samples[i], -1.0f, 1.0f) * half));
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.drawPolyline(points.constData(), int(points.size()));
    if (m_fpp <= 0.25) {
        painter.setBrush(palette().color(QPalette::Link));
        for (const QPointF& p : std::as_const(points))
            painter.drawEllipse(p, 2.0, 2.0);
        painter.setBrush(Qt::NoBrush);
    }
    painter.setRenderHint(QPainter::Antialiasing, false);
    return true;
}

void WaveformView::paintSegments(QPainter& painter) {
    const QPalette& pal = palette();
    const QRect wave = waveRect();
    for (int lane = 0; lane < m_laneSpeakers.size(); ++lane) {
        const QRect r = laneRect(lane);
        painter.fillRect(r, lane % 2 ? pal.color(QPalette::Window) : pal.color(QPalette::Base));
    }
    paintProposals(painter);
    // A pre-filled transcript: pale and dashed until it is the annotator's.
    const int boxAlpha = m_segmentsProposed ? 60 : 150;
    const Qt::PenStyle boxLine = m_segmentsProposed ? Qt::DashLine : Qt::SolidLine;
    if (m_segments) {
        const qint64 fromMs = msAt(0);
        const qint64 toMs = msAt(width()) + 1;
        const auto [first, last] = visibleSegments(fromMs, toMs);
        QFont small = painter.font();
        small.setPointSizeF(small.pointSizeF() * 0.9);
        painter.setFont(small);
        // Zoomed out, many segments share a pixel: the neighbours of one lane
        // that touch in pixels are drawn as one run (a thousand sub-pixel
        // rectangles took 15-90 ms; runs take one or two). Whole pixels keep
        // the raster engine on its fast path.
        struct Run {
            int x0 = 0;
            int x1 = -1;
            QColor color;
            bool open() const { return x1 >= x0; }
        };
        QVector<Run> runs(m_laneSpeakers.size() + 1);
        QImage tint(std::max(1, width()), 1, QImage::Format_ARGB32_Premultiplied);
        tint.fill(Qt::transparent);
        auto* tintStrip = reinterpret_cast<QRgb*>(tint.scanLine(0));
        // Over what is there: each speaker's colour at a low alpha.
        const auto qt_blend = [](QRgb under, const QColor& color) {
            const int alpha = 35;
            const QRgb over = qPremultiply(qRgba(color.red(), color.green(), color.blue(), alpha));
            const int keep = 255 - alpha;
            return qRgba(
                qRed(over) + qRed(under) * keep / 255, qGreen(over) + qGreen(under) * keep / 255,
                qBlue(over) + qBlue(under) * keep / 255, qAlpha(over) + qAlpha(under) * keep / 255);
        };
        const auto flush = [&](int lane) {
            Run& run = runs[lane];
            if (!run.open())
                return;
            // The tint over the waveform goes into a one-row strip drawn
            // once: a tall fill per run was handed to Qt's fill threads each
            // time, and the hand-overs alone took 20 ms for a thousand runs.
            for (int x = std::max(0, run.x0); x < std::min(width(), run.x1); ++x)
                tintStrip[x] = qt_blend(tintStrip[x], run.color);
            if (lane < m_laneSpeakers.size()) {
                const QRect lr = laneRect(lane);
                QColor fill = run.color;
                fill.setAlpha(boxAlpha);
                const QRect box(run.x0, lr.top() + 2, run.x1 - run.x0, lr.height() - 4);
                painter.fillRect(box, fill);
                painter.setPen(QPen(run.color.darker(130), 1, boxLine));
                painter.setBrush(Qt::NoBrush);
                painter.drawRect(box.adjusted(0, 0, -1, -1));
            }
            run = Run();
        };
        const auto laneOf = [&](const QString& speaker) {
            const int lane = int(m_laneSpeakers.indexOf(speaker));
            return lane < 0 ? int(m_laneSpeakers.size()) : lane;
        };
        QList<int> special;  // selected, playing, dragged, wide: drawn on their own
        for (int i = first; i < last; ++i) {
            const Segment& s = (*m_segments)[i];
            if (s.endMs < fromMs)
                continue;
            const int x0 = int(std::floor(xOfMs(s.startMs)));
            const int x1 = std::max(x0 + 1, int(std::ceil(xOfMs(s.endMs))));
            if (i == m_selected || i == m_playing ||
                (m_drag == Drag::Boundary && i == m_dragIndex) || x1 - x0 > 24) {
                special << i;
                continue;
            }
            const int lane = laneOf(s.speaker);
            Run& run = runs[lane];
            const QColor color = m_colors.value(s.speaker, pal.color(QPalette::Mid));
            if (run.open() && x0 <= run.x1 && run.color == color) {
                run.x1 = std::max(run.x1, x1);
                continue;
            }
            flush(lane);
            runs[lane] = {std::max(-2, x0), std::min(width() + 2, x1), color};
        }
        for (int lane = 0; lane < runs.size(); ++lane)
            flush(lane);
        painter.drawImage(QRect(0, wave.top(), tint.width(), wave.height()), tint);
        for (int i : std::as_const(special)) {
            Segment s = (*m_segments)[i];
            if (m_drag == Drag::Boundary && i == m_dragIndex)
                (m_dragEnd ? s.endMs : s.startMs) = m_dragMs;
            const int lane = int(m_laneSpeakers.indexOf(s.speaker));
            const QColor color = m_colors.value(s.speaker, pal.color(QPalette::Mid));
            const int a = std::max(-2, int(std::floor(xOfMs(s.startMs))));
            const int b = std::min(width() + 2, std::max(a + 1, int(std::ceil(xOfMs(s.endMs)))));
            const bool selected = i == m_selected;
            QColor fill = color;
            fill.setAlpha(selected ? 70 : 35);
            painter.fillRect(QRect(a, wave.top(), b - a, wave.height()), fill);
            if (selected) {
                painter.setPen(QPen(pal.color(QPalette::Highlight), 1));
                painter.drawLine(a, wave.top(), a, wave.bottom());
                painter.drawLine(b, wave.top(), b, wave.bottom());
            }
            if (lane < 0)
                continue;
            const QRect box(a, laneRect(lane).top() + 2, b - a, laneRect(lane).height() - 4);
            QColor boxFill = color;
            boxFill.setAlpha(selected ? std::max(boxAlpha, 110) + 80 : boxAlpha);
            painter.fillRect(box, boxFill);
            painter.setPen(i == m_playing ? QPen(pal.color(QPalette::Text), 2, boxLine)
                           : selected     ? QPen(pal.color(QPalette::Highlight), 2, boxLine)
                                          : QPen(color.darker(130), 1, boxLine));
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(box.adjusted(0, 0, -1, -1));
            // The text starts right of the lane's name, which is drawn over
            // the lane's left end.
            const int textLeft =
                std::max(box.left() + 4,
                         painter.fontMetrics().horizontalAdvance(m_laneTitles.value(lane)) + 16);
            if (box.right() - textLeft > 20) {
                painter.setPen(m_segmentsProposed || boxFill.alpha() < 150
                                   ? pal.color(QPalette::Text)
                               : color.lightness() > 140 ? QColor(Qt::black)
                                                         : QColor(Qt::white));
                const QJsonValue score = s.source.value(QStringLiteral("score"));
                const QString text = m_segmentsProposed
                                         ? caption(s, score.isDouble() ? score.toDouble() : -1)
                                     : s.text.isEmpty() ? QStringLiteral("…")
                                                        : s.text;
                const QRect textBox(textLeft, box.top(), box.right() - textLeft - 2, box.height());
                painter.drawText(textBox, Qt::AlignVCenter | Qt::AlignLeft,
                                 painter.fontMetrics().elidedText(text.simplified(), Qt::ElideRight,
                                                                  textBox.width()));
            }
        }
    }
    // The lanes' names at their left, over the segments.
    for (int lane = 0; lane < m_laneSpeakers.size(); ++lane) {
        const QRect r = laneRect(lane);
        const QString title = m_laneTitles.value(lane);
        const int w = painter.fontMetrics().horizontalAdvance(title) + 12;
        QColor back = pal.color(QPalette::Window);
        back.setAlpha(200);
        painter.fillRect(QRect(r.left(), r.top() + 3, w, r.height() - 6), back);
        painter.setPen(m_colors.value(m_laneSpeakers[lane], pal.color(QPalette::Text)).darker(120));
        painter.drawText(QRect(r.left() + 6, r.top(), w, r.height()), Qt::AlignVCenter, title);
    }
    // The segment being dragged in a lane.
    if (m_drag == Drag::Create && m_moved) {
        const int lane = int(m_laneSpeakers.indexOf(m_dragSpeaker));
        if (lane >= 0) {
            const double a = xOfMs(std::min(m_anchorMs, m_dragMs));
            const double b = xOfMs(std::max(m_anchorMs, m_dragMs));
            painter.setPen(QPen(pal.color(QPalette::Highlight), 1, Qt::DashLine));
            painter.drawRect(QRectF(a, laneRect(lane).top() + 2, b - a, kLaneHeight - 4));
        }
    }
}

// ---------------------------------------------------------------- input

void WaveformView::resizeEvent(QResizeEvent*) {
    m_scroll->setGeometry(0, height() - kScrollHeight, width(), kScrollHeight);
    if (m_fitted)
        zoomAll();
    else
        clampView();
}

void WaveformView::mousePressEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    setFocus(Qt::MouseFocusReason);
    const QPoint pos = event->position().toPoint();
    m_pressPos = pos;
    m_moved = false;
    m_anchorMs = m_dragMs = msAt(pos.x());
    int index = -1;
    bool end = false;
    if (boundaryAt(pos, &index, &end)) {
        m_drag = Drag::Boundary;
        m_dragIndex = index;
        m_dragEnd = end;
        m_dragMs = end ? (*m_segments)[index].endMs : (*m_segments)[index].startMs;
        // Two segments of the speaker that touch share this boundary: the
        // first move says which one moves (left: the earlier's end, right:
        // the later's start), the one that has room that way.
        m_altIndex = -1;
        const Segment& grabbed = (*m_segments)[index];
        for (int i = 0; i < m_segments->size(); ++i) {
            const Segment& other = (*m_segments)[i];
            if (i != index && other.speaker == grabbed.speaker &&
                (end ? other.startMs == grabbed.endMs : other.endMs == grabbed.startMs)) {
                m_altIndex = i;
                break;
            }
        }
        return;
    }
    m_dragIndex = -1;
    if (const int lane = laneAt(pos); lane >= 0) {
        const int hit = segmentAt(pos);
        if (hit >= 0) {
            m_drag = Drag::None;
            Q_EMIT segmentClicked(hit);
            return;
        }
        m_drag = Drag::Create;
        m_dragSpeaker = m_laneSpeakers[lane];
        m_anchorMs = m_dragMs = dragTargetMs(pos);
        return;
    }
    if (pos.y() < m_scroll->y())
        m_drag = Drag::Range;
}

void WaveformView::mouseMoveEvent(QMouseEvent* event) {
    const QPoint pos = event->position().toPoint();
    if (m_drag == Drag::None) {
        int index = -1;
        bool end = false;
        setCursor(boundaryAt(pos, &index, &end) ? Qt::SizeHorCursor : Qt::ArrowCursor);
        return;
    }
    if (!m_moved && (pos - m_pressPos).manhattanLength() < 3)
        return;
    if (!m_moved && m_drag == Drag::Boundary && m_altIndex >= 0) {
        const bool left = pos.x() < m_pressPos.x();
        if (left != m_dragEnd) {
            m_dragIndex = m_altIndex;
            m_dragEnd = left;
        }
    }
    m_moved = true;
    m_dragMs = m_drag == Drag::Range ? msAt(pos.x()) : dragTargetMs(pos);
    if (m_drag == Drag::Range) {
        m_selFrom = std::min(m_anchorMs, m_dragMs);
        m_selTo = std::max(m_anchorMs, m_dragMs);
    }
    update();
}

void WaveformView::mouseReleaseEvent(QMouseEvent* event) {
    if (event->button() != Qt::LeftButton)
        return QWidget::mouseReleaseEvent(event);
    const Drag drag = std::exchange(m_drag, Drag::None);
    const QPoint pos = event->position().toPoint();
    switch (drag) {
        case Drag::Range:
            if (m_moved) {
                Q_EMIT selectionChanged();
            } else {
                // A click seeks and drops the selection.
                m_selFrom = m_selTo = 0;
                Q_EMIT selectionChanged();
                Q_EMIT seekRequested(msAt(pos.x()));
            }
            break;
        case Drag::Create:
            if (m_moved && std::abs(m_dragMs - m_anchorMs) >= segmentedit::kMinSegmentMs)
                Q_EMIT createRequested(std::min(m_anchorMs, m_dragMs),
                                       std::max(m_anchorMs, m_dragMs), m_dragSpeaker);
            else
                Q_EMIT seekRequested(msAt(pos.x()));
            break;
        case Drag::Boundary:
            if (m_moved)
                Q_EMIT boundaryMoved(m_dragIndex, m_dragEnd, m_dragMs);
            else
                Q_EMIT segmentClicked(m_dragIndex);
            break;
        case Drag::None:
            break;
    }
    m_dragIndex = -1;
    update();
}

void WaveformView::wheelEvent(QWheelEvent* event) {
    const QPoint delta = event->angleDelta();
    if (delta.x() != 0 || (event->modifiers() & Qt::ShiftModifier)) {
        const int steps = delta.x() != 0 ? delta.x() : delta.y();
        m_fitted = false;
        scrollToFrame(m_first - steps / 120.0 * width() * m_fpp * 0.2);
    } else if (delta.y() != 0) {
        // Zoom at the pointer: the time under it stays under it.
        zoomBy(std::pow(1.25, delta.y() / 120.0), int(event->position().x()));
    }
    event->accept();
}

}  // namespace postil

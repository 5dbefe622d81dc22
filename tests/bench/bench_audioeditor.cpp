// bench_audioeditor: the audio transcript editor (ui/editors/audio) on a long
// recording with a long transcript (issue 12's figures), in a real
// AudioEditor, offscreen.
//   audioeditor_edit    1,000 segments (two speakers) on a 3-hour 44.1 kHz stereo WAV
//                       (the recording bench_audio measures, benchaudio.h): a segment
//                       added (createSegment), split at the playhead (splitAtPlayhead)
//                       and a boundary dragged with the mouse (press, six moves,
//                       release), each to the end of the waveform's repaint after the
//                       write; 60 of each. Baseline in the same run: the same
//                       TaskDocument::changeResult of the 1,000-segment result alone
//                       (the write every edit ends with). Budget 16 ms each.
//   audioeditor_redraw  WaveformView::repaint at zooms from the whole file down to 16
//                       pixels a sample, at 20 places each: the peak pyramid from 256
//                       frames a pixel up, the samples of its SampleWindow below (the
//                       first paint at a new place reads them: "cold", apart). Baseline:
//                       the repaint of a plain widget of the same size filling its
//                       background. Budget 16 ms.
//   bench_audioeditor [--keep] [--hours H]   (a bare number, as run-all passes, is ignored)

#include <QApplication>
#include <QMouseEvent>
#include <QPainter>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include "benchaudio.h"
#include "benchsupport.h"
#include "document/taskdocument.h"
#include "editors/audio/audioeditor.h"
#include "editors/audio/waveformview.h"
#include "model/segmentresult.h"
#include "shell/editorregistry.h"

using namespace postil;
using namespace postil::bench;

namespace {

constexpr int kSegments = 1000;
constexpr int kReps = 60;
constexpr double kBudgetMs = 16;

struct Figures {
    std::vector<double> ms;
    double median() const { return percentile(ms, 0.5); }
    double p95() const { return percentile(ms, 0.95); }
    double max() const { return ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end()); }
};

void report(const QString& what, const Figures& figures, double baselineMs, bool correct) {
    JsonLine(QStringLiteral("audioeditor_edit"))
        .add(QStringLiteral("edit"), what)
        .add(QStringLiteral("segments"), kSegments)
        .add(QStringLiteral("median_ms"), figures.median(), 2)
        .add(QStringLiteral("p95_ms"), figures.p95(), 2)
        .add(QStringLiteral("max_ms"), figures.max(), 2)
        .add(QStringLiteral("baseline_write_ms"), baselineMs, 2)
        .add(QStringLiteral("ratio_median"), figures.median() / std::max(0.001, baselineMs), 2)
        .add(QStringLiteral("budget_ms"), kBudgetMs, 0)
        .add(QStringLiteral("pass"), figures.p95() <= kBudgetMs)
        .add(QStringLiteral("correct"), correct)
        .print();
}

// A plain widget painting its background: the baseline of a repaint.
class PlainWidget : public QWidget {
protected:
    void paintEvent(QPaintEvent*) override {
        QPainter painter(this);
        painter.fillRect(rect(), palette().color(QPalette::Base));
    }
};

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    EditorRegistry::instance();  // the editors' key tables, as in the studio
    AudioBenchArgs args;
    if (!parseAudioBenchArgs(argc, argv, 0.1, args))
        return 2;
    const bool keep = args.keep;
    const double hours = args.hours;
    QTemporaryDir dir;
    if (!dir.isValid())
        return 1;
    dir.setAutoRemove(!keep);
    const qint64 seconds = qint64(hours * 3600);
    const QString wav = dir.filePath(QStringLiteral("long.wav"));
    note(QStringLiteral("bench_audioeditor: writing %1 s of 44.1 kHz stereo").arg(seconds));
    if (!writeLongWav(wav, seconds))
        return 1;

    // The project: one audio task, 1,000 segments of two speakers spread
    // over the file with gaps between them (where new ones are added).
    const QString path = dir.filePath(QStringLiteral("editor.postil"));
    Project::CreateOptions options;
    options.name = QStringLiteral("bench");
    options.kind = TaskKind::Audio;
    auto schema = Schema::fromJsonText(
        R"({"labels": [{"name": "A", "kinds": ["audio"]}, {"name": "B", "kinds": ["audio"]}]})");
    options.schema = *schema;
    auto created = Project::create(path, options);
    if (!created.ok()) {
        note(created.error());
        return 1;
    }
    Project& project = **created;
    Task task;
    task.uid = QStringLiteral("long");
    task.kind = TaskKind::Audio;
    task.data = {{QStringLiteral("audio"), QStringLiteral("long.wav")}};
    task.preview = QStringLiteral("long.wav");
    if (!project.tasks().add(task).ok())
        return 1;
    task = *project.tasks().byUid(task.uid);
    const qint64 totalMs = seconds * 1000;
    const qint64 slot = totalMs / kSegments;  // one segment and a gap per slot
    QList<Segment> segments;
    for (int i = 0; i < kSegments; ++i) {
        Segment s;
        s.startMs = i * slot;
        s.endMs = s.startMs + slot / 2;
        s.speaker = i % 2 ? QStringLiteral("B") : QStringLiteral("A");
        s.text =
            QStringLiteral("segment %1 of the long recording, a sentence of some length").arg(i);
        segments << s;
    }
    TaskDocument document(project, task);
    document.changeResult(segmentresult::withSegments({}, segments), QStringLiteral("setup"));

    AudioEditor editor;
    editor.widget()->resize(1280, 800);
    editor.widget()->show();
    if (!QTest::qWaitForWindowExposed(editor.widget()))
        return 1;
    editor.setDocument(&document);
    QElapsedTimer loading;
    loading.start();
    while (editor.loader()->isLoading() && loading.elapsed() < 120000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    editor.loader()->waitForCacheWrites();
    note(QStringLiteral("bench_audioeditor: waveform loaded in %1 ms").arg(loading.elapsed()));
    WaveformView* view = editor.waveform();

    // Baseline: the write every edit ends with, alone.
    Figures baseline;
    for (int i = 0; i < 20; ++i) {
        QList<Segment> edited = editor.segments();
        edited[i].text += QStringLiteral(" x");
        const QJsonObject result = segmentresult::withSegments(document.result(), edited);
        QElapsedTimer clock;
        clock.start();
        document.changeResult(result, QStringLiteral("baseline"));
        baseline.ms.push_back(elapsedMs(clock));
        document.undoStack()->undo();
    }
    const double baseMs = baseline.median();

    // Add: a segment in the gap of slot i, zoomed to show it.
    Figures add;
    bool addOk = true;
    for (int r = 0; r < kReps; ++r) {
        const int i = 10 + r * 15;
        const qint64 from = i * slot + slot / 2 + 100;
        const qint64 to = from + slot / 4;
        view->setFramesPerPixel(double(slot) * kLongWavRate / 1000 / 400);
        view->reveal(from, to);
        view->repaint();                    // on screen before the edit, as a hand finds it
        QCoreApplication::processEvents();  // and nothing else left to paint
        const qsizetype before = editor.segments().size();
        QElapsedTimer clock;
        clock.start();
        editor.createSegment(from, to, QStringLiteral("A"));
        view->repaint();
        add.ms.push_back(elapsedMs(clock));
        addOk = addOk && editor.segments().size() == before + 1;
    }
    report(QStringLiteral("add"), add, baseMs, addOk);

    // Split: the playhead in the middle of segment k, Ctrl+B's action.
    Figures split;
    bool splitOk = true;
    for (int r = 0; r < kReps; ++r) {
        const int k = int(QRandomGenerator::global()->bounded(int(editor.segments().size())));
        const Segment s = editor.segments()[k];
        if (s.durationMs() < 100)
            continue;
        editor.seekMs(s.startMs + s.durationMs() / 2);
        editor.selectSegment(k);
        view->repaint();
        QCoreApplication::processEvents();
        const qsizetype before = editor.segments().size();
        QElapsedTimer clock;
        clock.start();
        editor.splitAtPlayhead();
        view->repaint();
        split.ms.push_back(elapsedMs(clock));
        splitOk = splitOk && editor.segments().size() == before + 1;
    }
    report(QStringLiteral("split"), split, baseMs, splitOk);

    // Drag: the end of segment k in its lane, with the mouse, 30 px left.
    Figures drag;
    bool dragOk = true;
    for (int r = 0; r < kReps; ++r) {
        const int k = 20 + r * 13;
        const Segment s = editor.segments()[k];
        view->setFramesPerPixel(double(s.durationMs()) * kLongWavRate / 1000 / 300);
        view->reveal(s.startMs, s.endMs);
        const int lane = s.speaker == QStringLiteral("A") ? 0 : 1;
        const QPoint a(int(std::lround(view->xOfMs(s.endMs))), view->laneRect(lane).center().y());
        const QPoint b = a - QPoint(30, 0);
        view->repaint();
        QCoreApplication::processEvents();
        QElapsedTimer clock;
        clock.start();
        QTest::mousePress(view, Qt::LeftButton, Qt::NoModifier, a);
        for (int step = 1; step <= 6; ++step) {
            QMouseEvent move(QEvent::MouseMove, a + (b - a) * step / 6,
                             view->mapToGlobal(a + (b - a) * step / 6), Qt::NoButton,
                             Qt::LeftButton, Qt::NoModifier);
            QApplication::sendEvent(view, &move);
            view->repaint();
        }
        QTest::mouseRelease(view, Qt::LeftButton, Qt::NoModifier, b);
        view->repaint();
        drag.ms.push_back(elapsedMs(clock) / 7);  // per step a hand sees: six moves, a release
        const qsizetype at = editor.selectedSegment();
        dragOk = dragOk && at >= 0 && editor.segments()[at].endMs < s.endMs;
    }
    report(QStringLiteral("drag (per step: 6 moves painted, the release written)"), drag, baseMs,
           dragOk);

    // Redraws at every zoom.
    PlainWidget plain;
    plain.resize(view->size());
    plain.show();
    (void)QTest::qWaitForWindowExposed(&plain);
    Figures plainPaint;
    for (int i = 0; i < 50; ++i) {
        QElapsedTimer clock;
        clock.start();
        plain.repaint();
        plainPaint.ms.push_back(elapsedMs(clock));
    }
    const double frames = double(view->lengthFrames());
    for (double fpp = frames / view->width(); fpp >= WaveformView::kMinFpp; fpp /= 4) {
        Figures warm;
        Figures cold;
        QString source;
        for (int i = 0; i < 20; ++i) {
            view->setFramesPerPixel(fpp);
            const double span = fpp * view->width();
            view->scrollToFrame(QRandomGenerator::global()->bounded(std::max(1.0, frames - span)));
            for (int pass = 0; pass < 2; ++pass) {
                QElapsedTimer clock;
                clock.start();
                view->repaint();
                (pass == 0 ? cold : warm).ms.push_back(elapsedMs(clock));
            }
            source = view->lastPaintSource();
        }
        JsonLine(QStringLiteral("audioeditor_redraw"))
            .add(QStringLiteral("frames_per_pixel"), fpp, 4)
            .add(QStringLiteral("source"), source)
            .add(QStringLiteral("width"), view->width())
            .add(QStringLiteral("max_ms"), warm.max(), 2)
            .add(QStringLiteral("median_ms"), warm.median(), 2)
            .add(QStringLiteral("cold_max_ms"), cold.max(), 2)
            .add(QStringLiteral("baseline_ms"), plainPaint.median(), 2)
            .add(QStringLiteral("ratio_median"),
                 warm.median() / std::max(0.001, plainPaint.median()), 2)
            .add(QStringLiteral("budget_ms"), kBudgetMs, 0)
            .add(QStringLiteral("pass"), warm.max() <= kBudgetMs && cold.max() <= kBudgetMs)
            .print();
    }
    editor.setDocument(nullptr);
    return addOk && splitOk && dragOk ? 0 : 1;
}

// bench_boxes: the image editor with 5,000 boxes on a 4000x3000 image, the
// whole image on screen (fitted), names on. Figures:
//   load         setDocument: read the boxes, make their items and list rows  (information)
//   repaint      a full repaint of the canvas (viewport()->repaint()), median and p95 of
//                50, next to the same repaint of the bare image in the same run   <= 16 ms
//   drag         one box dragged through 100 mouse moves: from the move event to
//                the end of the paint it causes, per event                         <= 16 ms
//   release      the mouse release that ends the drag: one undo step that writes
//                the 5,000 boxes to the project file                               (information)
// Options: --boxes N (default 5000), --runs N (default 50). A bare number
// (run-all passes the task count) is ignored.

#include <QApplication>
#include <QImage>
#include <QJsonArray>
#include <QMouseEvent>
#include <QPainter>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "benchsupport.h"
#include "document/taskdocument.h"
#include "editors/image/boxlayer.h"
#include "editors/image/imagecanvas.h"
#include "editors/image/imageeditor.h"
#include "editors/image/tiledimageitem.h"

using namespace postil;
using namespace postil::bench;

namespace {

constexpr double kBudgetFrameMs = 16;
constexpr int kImageWidth = 4000;
constexpr int kImageHeight = 3000;
constexpr int kDragEvents = 100;

// A photo-like picture: gradients and shapes, so the JPEG decodes like one.
QImage makePicture() {
    QImage image(kImageWidth, kImageHeight, QImage::Format_RGB32);
    QPainter painter(&image);
    QLinearGradient sky(0, 0, 0, kImageHeight);
    sky.setColorAt(0, QColor(120, 160, 210));
    sky.setColorAt(1, QColor(60, 90, 60));
    painter.fillRect(image.rect(), sky);
    quint32 state = 12345;
    auto next = [&state] {
        state = state * 1664525u + 1013904223u;
        return state >> 8;
    };
    for (int i = 0; i < 400; ++i)
        painter.fillRect(int(next() % kImageWidth), int(next() % kImageHeight),
                         int(20 + next() % 300), int(20 + next() % 300),
                         QColor::fromRgb(next() | 0xff000000u));
    return image;
}

// Deterministic boxes of 20 to 200 px with three labels.
QJsonArray makeBoxes(int n) {
    const QString labels[] = {QStringLiteral("car"), QStringLiteral("person"),
                              QStringLiteral("sign")};
    quint32 state = 777;
    auto next = [&state] {
        state = state * 1664525u + 1013904223u;
        return state >> 8;
    };
    QJsonArray boxes;
    for (int i = 0; i < n; ++i) {
        const double w = 20 + next() % 181, h = 20 + next() % 181;
        const double x = next() % int(kImageWidth - w), y = next() % int(kImageHeight - h);
        boxes.append(QJsonObject{{QStringLiteral("label"), labels[i % 3]},
                                 {QStringLiteral("x"), x},
                                 {QStringLiteral("y"), y},
                                 {QStringLiteral("w"), w},
                                 {QStringLiteral("h"), h},
                                 {QStringLiteral("attrs"), QJsonObject()}});
    }
    return boxes;
}

struct Samples {
    std::vector<double> wall;
    std::vector<double> cpu;
    void add(const Stopwatch& watch) {
        wall.push_back(watch.ms());
        cpu.push_back(watch.cpu());
    }
};

// Times one full synchronous repaint of the viewport.
void timeRepaint(QWidget* viewport, Samples& into) {
    Stopwatch watch;
    watch.start();
    viewport->repaint();
    into.add(watch);
}

// A figure timed once (load, release): its wall and CPU time and whether it did its job.
void printOnce(const char* figure, int boxCount, double ms, double cpu, bool correct) {
    JsonLine(QStringLiteral("boxes"))
        .add(QStringLiteral("figure"), figure)
        .add(QStringLiteral("boxes"), boxCount)
        .add(QStringLiteral("ms"), ms)
        .add(QStringLiteral("cpu_ms"), cpu)
        .add(QStringLiteral("correct"), correct)
        .print();
}

}  // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    int boxCount = 5000;
    int runs = 50;
    const QStringList arguments = QCoreApplication::arguments();
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& a = arguments[i];
        if (a == QLatin1String("--boxes") && i + 1 < arguments.size())
            boxCount = arguments[++i].toInt();
        else if (a == QLatin1String("--runs") && i + 1 < arguments.size())
            runs = arguments[++i].toInt();
    }
    if (boxCount < 1 || runs < 1) {
        note(QStringLiteral("usage: bench_boxes [--boxes N] [--runs N]"));
        return 2;
    }

    QTemporaryDir dir;
    if (!dir.isValid())
        return 1;
    note(QStringLiteral("bench_boxes: writing a %1x%2 JPEG").arg(kImageWidth).arg(kImageHeight));
    if (!makePicture().save(dir.filePath(QStringLiteral("big.jpg")), "JPEG", 90))
        return 1;
    Project::CreateOptions options;
    options.kind = TaskKind::Image;
    auto schema = Schema::fromJsonText(
        R"({"labels": [{"name": "car", "color": "#e6194b"}, {"name": "person", "color": "#3cb44b"},
                       {"name": "sign", "color": "#4363d8"}]})");
    if (!schema.ok())
        return 1;
    options.schema = *schema;
    auto created = Project::create(dir.filePath(QStringLiteral("boxes.postil")), options);
    if (!created.ok()) {
        note(created.error());
        return 1;
    }
    Project& project = **created;
    Task task;
    task.uid = QStringLiteral("big");
    task.kind = TaskKind::Image;
    task.data = {{QStringLiteral("image"), QStringLiteral("big.jpg")}};
    if (!project.tasks().add(task).ok())
        return 1;
    {
        TaskDocument seed(project, task);
        seed.changeResult({{QStringLiteral("boxes"), makeBoxes(boxCount)}}, QStringLiteral("seed"));
    }

    ImageEditor editor;
    QWidget* window = editor.widget();
    window->resize(1400, 900);
    window->show();
    QCoreApplication::processEvents();
    ImageCanvas* canvas = editor.canvas();
    QWidget* viewport = canvas->viewport();

    // 1. Load: the document's 5,000 boxes become items and rows.
    TaskDocument document(project, task);
    Stopwatch watch;
    watch.start();
    editor.setDocument(&document);
    const double loadMs = watch.ms();
    const double loadCpuMs = watch.cpu();
    const bool loaded = canvas->layer()->count() == boxCount && canvas->hasImage();
    printOnce("load", boxCount, loadMs, loadCpuMs, loaded);
    if (!loaded)
        return 1;

    // Decode every tile the fitted view needs before timing anything.
    QElapsedTimer waited;
    waited.start();
    while (!canvas->imageItem()->isFullyLoaded() && waited.elapsed() < 60000) {
        viewport->repaint();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    if (!canvas->imageItem()->isFullyLoaded()) {
        note(QStringLiteral("bench_boxes: the image did not finish decoding"));
        return 1;
    }

    // 2. Full repaint with the boxes, and of the bare image, turn about.
    const QList<Box> boxes = canvas->layer()->boxes();
    Samples withBoxes, bare;
    for (int run = 0; run < runs + 2; ++run) {
        Samples discard;
        const bool warmUp = run < 2;
        canvas->layer()->setBoxes({});
        timeRepaint(viewport, warmUp ? discard : bare);
        canvas->layer()->setBoxes(boxes);
        QCoreApplication::processEvents();
        timeRepaint(viewport, warmUp ? discard : withBoxes);
    }
    const double median = percentile(withBoxes.wall, 0.5);
    const double p95 = percentile(withBoxes.wall, 0.95);
    const double bareMedian = percentile(bare.wall, 0.5);
    JsonLine(QStringLiteral("boxes"))
        .add(QStringLiteral("figure"), "repaint")
        .add(QStringLiteral("boxes"), boxCount)
        .add(QStringLiteral("viewport"),
             QStringLiteral("%1x%2").arg(viewport->width()).arg(viewport->height()))
        .add(QStringLiteral("scale"), canvas->scale(), 4)
        .add(QStringLiteral("runs"), runs)
        .add(QStringLiteral("median_ms"), median)
        .add(QStringLiteral("p95_ms"), p95)
        .add(QStringLiteral("cpu_median_ms"), percentile(withBoxes.cpu, 0.5))
        .add(QStringLiteral("baseline"), "the bare image, same view")
        .add(QStringLiteral("baseline_median_ms"), bareMedian)
        .add(QStringLiteral("baseline_p95_ms"), percentile(bare.wall, 0.95))
        .add(QStringLiteral("ratio"), bareMedian > 0 ? median / bareMedian : 0.0, 2)
        .add(QStringLiteral("budget_ms"), kBudgetFrameMs)
        .add(QStringLiteral("pass"), median <= kBudgetFrameMs)
        .print();

    // 3. Drag one box through 100 moves; each ends when its paint is done.
    PaintCounter painted;
    viewport->installEventFilter(&painted);
    int target = 0;
    const QPointF middle(kImageWidth / 2.0, kImageHeight / 2.0);
    for (int i = 0; i < boxCount; ++i)
        if ((boxes[i].rect().center() - middle).manhattanLength() <
            (boxes[target].rect().center() - middle).manhattanLength())
            target = i;
    const QRectF start = boxes[target].rect();
    const QPoint from = canvas->viewportPoint(start.center());
    QCoreApplication::processEvents();
    canvas->layer()->setSelection({});
    QTest::mousePress(viewport, Qt::LeftButton, Qt::NoModifier, from);
    QCoreApplication::processEvents();
    // The press takes the smallest box under the cursor, which may be another one lying over
    // the target's middle: the box dragged is the one selected.
    if (canvas->layer()->selection().size() == 1)
        target = canvas->layer()->selection().first();
    const QRectF pressed = canvas->layer()->box(target).rect();
    // The first move past the drag distance starts the drag; it is not timed.
    const QPoint started = from + QPoint(QApplication::startDragDistance() + 2, 0);
    QTest::mouseMove(viewport, started);
    QCoreApplication::processEvents();
    Samples drag;
    bool allPainted = true;
    for (int step = 1; step <= kDragEvents; ++step) {
        const QPoint to = started + QPoint(step * 2, step);
        const int before = painted.paints;
        watch.start();
        QTest::mouseMove(viewport, to);
        allPainted = waitForPaint(painted, before) && allPainted;
        drag.add(watch);
    }
    const QPoint end = started + QPoint(kDragEvents * 2, kDragEvents);
    const QRectF dragged = canvas->layer()->box(target).rect();
    const double dragMedian = percentile(drag.wall, 0.5);
    const double dragP95 = percentile(drag.wall, 0.95);
    JsonLine(QStringLiteral("boxes"))
        .add(QStringLiteral("figure"), "drag")
        .add(QStringLiteral("boxes"), boxCount)
        .add(QStringLiteral("events"), kDragEvents)
        .add(QStringLiteral("median_ms"), dragMedian)
        .add(QStringLiteral("p95_ms"), dragP95)
        .add(QStringLiteral("max_ms"), percentile(drag.wall, 1.0))
        .add(QStringLiteral("cpu_median_ms"), percentile(drag.cpu, 0.5))
        .add(QStringLiteral("baseline"), "full repaint of the bare image")
        .add(QStringLiteral("baseline_median_ms"), bareMedian)
        .add(QStringLiteral("budget_ms"), kBudgetFrameMs)
        .add(QStringLiteral("correct"), allPainted && dragged.topLeft() != pressed.topLeft())
        .add(QStringLiteral("pass"), dragP95 <= kBudgetFrameMs)
        .print();

    // 4. Release: one undo step writing every box to the project file.
    const int steps = document.undoStack()->count();
    watch.start();
    QTest::mouseRelease(viewport, Qt::LeftButton, Qt::NoModifier, end);
    const double releaseMs = watch.ms();
    const double releaseCpuMs = watch.cpu();
    auto row = project.annotations().get(task.uid, project.annotator());
    const bool saved = document.undoStack()->count() == steps + 1 && row &&
                       row->result.value(QStringLiteral("boxes")).toArray().size() == boxCount;
    printOnce("release", boxCount, releaseMs, releaseCpuMs, saved);
    editor.setDocument(nullptr);
    return saved && allPainted ? 0 : 1;
}

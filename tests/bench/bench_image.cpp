// bench_image: the image under the bounding-box editor (TiledImageItem) on large JPEGs.
//   open_50mp   an 8660 x 5773 JPEG (50 MP, gradient and noise, quality 90): from open() to a
//               fitted 1600 x 1000 view fully painted (QWidget::grab after isFullyLoaded),
//               against QImageReader decoding the whole file in the same run.   ratio <= 1.3
//   open_huge   a 20,000 x 20,000 JPEG, the same content: first paint (fitted view) <= 1 s,
//               peak resident memory (VmHWM, the whole run of this part) <= 1 GB; for scale,
//               QImageReader decoding it whole in a child process (time and peak memory).
//   step        pan and zoom steps on the 20,000 x 20,000 image: the time to the first
//               repaint (with stand-ins) and to the repaint with every tile decoded.
// The images are made by this program in a child process (ImageMagick's default policy here
// refuses 20,000-pixel sides), so their making never counts in this process's memory.
//   bench_image [--keep] [--huge-side N]     (a bare number, as run-all passes, is ignored)

#include <QApplication>
#include <QFile>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QGuiApplication>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <algorithm>
#include <functional>

#include "benchsupport.h"
#include "editors/image/tiledimageitem.h"

using namespace postil;
using namespace postil::bench;

namespace {

constexpr double kBudgetRatio = 1.3;
constexpr double kBudgetHugeFirstPaintMs = 1000;
constexpr double kBudgetHugePeakMb = 1024;
constexpr int kRuns = 3;  // the 50 MP figures are medians of this many runs
const QSize kViewSize(1600, 1000);

// Gradient, a slow wave and per-pixel noise of +-12: about what a detailed photo costs the
// decoder (2-3 bits a pixel at quality 90). Deterministic.
bool makeJpeg(const QString& path, int w, int h) {
    QImage image(w, h, QImage::Format_RGB888);
    if (image.isNull())
        return false;
    for (int y = 0; y < h; ++y) {
        uchar* line = image.scanLine(y);
        quint32 state = quint32(y) * 2654435761u + 1u;
        for (int x = 0; x < w; ++x) {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            const int noise = int(state % 25) - 12;
            const int wave = int(60 * std::sin(x * 0.004 + y * 0.003));
            line[3 * x] = uchar(std::clamp(int(qint64(x) * 255 / w) + noise, 0, 255));
            line[3 * x + 1] = uchar(std::clamp(int(qint64(y) * 255 / h) + noise, 0, 255));
            line[3 * x + 2] = uchar(std::clamp(128 + wave + noise, 0, 255));
        }
    }
    QImageWriter writer(path, "jpeg");
    writer.setQuality(90);
    return writer.write(image);
}

// Reads the file once so every figure starts with it in the page cache.
void warmFile(const QString& path) {
    QFile file(path);
    if (file.open(QIODevice::ReadOnly))
        while (!file.read(1 << 20).isEmpty()) {
        }
}

// One view of one item, as the editor has it.
struct Viewer {
    QGraphicsScene scene;
    QGraphicsView view;
    TiledImageItem* item = new TiledImageItem;
    Viewer() {
        scene.addItem(item);
        view.setScene(&scene);
        view.setFrameShape(QFrame::NoFrame);
        view.setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        view.setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
        view.resize(kViewSize);
        view.show();
        QCoreApplication::processEvents();
    }
    void fit() {
        scene.setSceneRect(item->boundingRect());
        view.fitInView(item, Qt::KeepAspectRatio);
    }
    // Processes events until every tile the last paint needed is decoded, then paints.
    bool paintWhenLoaded(int timeoutMs = 120000) {
        QElapsedTimer timeout;
        timeout.start();
        view.viewport()->grab();  // a paint with the current transform asks for its tiles
        while (!item->isFullyLoaded()) {
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 20);
            if (timeout.elapsed() > timeoutMs)
                return false;
        }
        return !view.viewport()->grab().isNull();
    }
};

struct OpenFigure {
    double firstMs = -1;  // firstPaintReady, then a paint
    double readyMs = -1;  // fully loaded, then a paint
    double cpuMs = 0;
    bool ok = false;
};

// open() .. fitted view painted with everything it needs.
OpenFigure openFitted(Viewer& viewer, const QString& path) {
    OpenFigure figure;
    Stopwatch watch;
    QObject::connect(viewer.item, &TiledImageItem::firstPaintReady, viewer.item, [&] {
        viewer.view.viewport()->grab();
        figure.firstMs = watch.ms();
    });
    watch.start();
    const Status opened = viewer.item->open(path);
    if (!opened.ok()) {
        note(QStringLiteral("bench_image: %1").arg(opened.error()));
        return figure;
    }
    viewer.fit();
    figure.ok = viewer.paintWhenLoaded();
    figure.readyMs = watch.ms();
    figure.cpuMs = watch.cpu();
    QObject::disconnect(viewer.item, &TiledImageItem::firstPaintReady, viewer.item, nullptr);
    return figure;
}

double median(std::vector<double> values) {
    return percentile(std::move(values), 0.5);
}

}  // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    bool keep = false;
    int hugeSide = 20000;
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "--make-jpeg" && i + 3 < argc) {  // internal: PATH W H
            QGuiApplication gui(argc, argv);
            return makeJpeg(QString::fromLocal8Bit(argv[i + 1]), atoi(argv[i + 2]),
                            atoi(argv[i + 3]))
                       ? 0
                       : 1;
        }
        if (a == "--decode-whole" && i + 1 < argc) {  // internal: the yardstick for the huge one
            QGuiApplication gui(argc, argv);
            QImageReader::setAllocationLimit(0);
            QImageReader reader(QString::fromLocal8Bit(argv[i + 1]));
            return reader.read().isNull() ? 1 : 0;
        }
        if (a == "--keep")
            keep = true;
        else if (a == "--huge-side" && i + 1 < argc)
            hugeSide = std::max(1000, atoi(argv[++i]));
        else if (a.toLongLong() <= 0) {
            std::fprintf(stderr, "usage: %s [--keep] [--huge-side N]\n", argv[0]);
            return 2;
        }
    }
    QApplication app(argc, argv);
    QTemporaryDir dir;
    if (!dir.isValid())
        return 1;
    if (keep) {
        dir.setAutoRemove(false);
        note(QStringLiteral("keeping %1").arg(dir.path()));
    }
    const QString self = QCoreApplication::applicationFilePath();
    const QString mid = dir.filePath(QStringLiteral("50mp.jpg"));
    const QString huge = dir.filePath(QStringLiteral("huge.jpg"));
    note(QStringLiteral("bench_image: making the images"));
    for (const auto& [path, w, h] :
         {std::tuple{mid, 8660, 5773}, std::tuple{huge, hugeSide, hugeSide}}) {
        const ChildResult made = runChild(
            {self, QStringLiteral("--make-jpeg"), path, QString::number(w), QString::number(h)},
            QString(), QString(), QString());
        if (made.exitCode != 0) {
            note(QStringLiteral("bench_image: cannot make %1").arg(path));
            return 1;
        }
    }
    bool allCorrect = true;

    // Qt's one-time costs (platform plugin, fonts, the JPEG plugin) are not the item's.
    {
        Viewer warmUp;
        QImageReader(mid).size();
    }

    // ---- the huge image first, while this process's peak memory is still its own
    warmFile(huge);
    resetPeakMemory();
    const double rssBefore = selfMemoryMb("VmRSS");
    {
        Viewer viewer;
        const OpenFigure open = openFitted(viewer, huge);
        allCorrect = allCorrect && open.ok;
        struct Step {
            const char* name;
            std::function<void(QGraphicsView&, TiledImageItem&)> apply;
        };
        const QPointF centre(hugeSide / 2.0, hugeSide / 2.0);
        const QList<Step> steps = {
            {"zoom to 100% at the centre",
             [&](QGraphicsView& v, TiledImageItem&) {
                 v.resetTransform();
                 v.centerOn(centre);
             }},
            {"pan right 800 px",
             [](QGraphicsView& v, TiledImageItem&) {
                 v.horizontalScrollBar()->setValue(v.horizontalScrollBar()->value() + 800);
             }},
            {"pan down 500 px",
             [](QGraphicsView& v, TiledImageItem&) {
                 v.verticalScrollBar()->setValue(v.verticalScrollBar()->value() + 500);
             }},
            {"pan right 3000 px",
             [](QGraphicsView& v, TiledImageItem&) {
                 v.horizontalScrollBar()->setValue(v.horizontalScrollBar()->value() + 3000);
             }},
            {"zoom out to 50%", [](QGraphicsView& v, TiledImageItem&) { v.scale(0.5, 0.5); }},
            {"zoom out to 25%", [](QGraphicsView& v, TiledImageItem&) { v.scale(0.5, 0.5); }},
            {"zoom to 100% near the bottom right",
             [&](QGraphicsView& v, TiledImageItem&) {
                 v.resetTransform();
                 v.centerOn(QPointF(hugeSide - 1000, hugeSide - 700));
             }},
            {"fit again", [](QGraphicsView& v,
                             TiledImageItem& item) { v.fitInView(&item, Qt::KeepAspectRatio); }},
        };
        QList<JsonLine> stepLines;
        for (const Step& step : steps) {
            Stopwatch watch;
            watch.start();
            step.apply(viewer.view, *viewer.item);
            viewer.view.viewport()->grab();
            const double firstMs = watch.ms();
            const bool ok = viewer.paintWhenLoaded();
            allCorrect = allCorrect && ok;
            JsonLine line(QStringLiteral("image_step"));
            line.add(QStringLiteral("image"), QStringLiteral("%1x%1 JPEG").arg(hugeSide))
                .add(QStringLiteral("step"), step.name)
                .add(QStringLiteral("first_repaint_ms"), firstMs, 1)
                .add(QStringLiteral("complete_ms"), watch.ms(), 1)
                .add(QStringLiteral("cpu_ms"), watch.cpu(), 1)
                .add(QStringLiteral("budget_ms"), "none (information)")
                .add(QStringLiteral("correct"), ok);
            stepLines << line;
        }
        const double peak = selfMemoryMb("VmHWM");
        note(QStringLiteral("bench_image: decoding the huge image whole (yardstick)"));
        const ChildResult whole = runChild({self, QStringLiteral("--decode-whole"), huge},
                                           QString(), QString(), QString());
        JsonLine(QStringLiteral("image_open_huge"))
            .add(QStringLiteral("image"), QStringLiteral("%1x%1 JPEG").arg(hugeSide))
            .add(QStringLiteral("file_mb"), double(QFile(huge).size()) / 1048576.0, 1)
            .add(QStringLiteral("first_paint_ms"), open.firstMs, 1)
            .add(QStringLiteral("fitted_complete_ms"), open.readyMs, 1)
            .add(QStringLiteral("cpu_ms"), open.cpuMs, 1)
            .add(QStringLiteral("budget_first_paint_ms"), kBudgetHugeFirstPaintMs, 0)
            .add(QStringLiteral("peak_rss_mb"), peak, 1)
            .add(QStringLiteral("rss_before_mb"), rssBefore, 1)
            .add(QStringLiteral("budget_peak_mb"), kBudgetHugePeakMb, 0)
            .add(QStringLiteral("baseline"), "QImageReader::read of the whole file, child process")
            .add(QStringLiteral("baseline_ms"), whole.seconds * 1000, 1)
            .add(QStringLiteral("baseline_cpu_ms"), whole.cpuSeconds * 1000, 1)
            .add(QStringLiteral("baseline_peak_mb"), whole.peakRssMb, 1)
            .add(QStringLiteral("correct"), open.ok)
            .add(QStringLiteral("pass"), open.ok && open.firstMs >= 0 &&
                                             open.firstMs <= kBudgetHugeFirstPaintMs &&
                                             peak <= kBudgetHugePeakMb)
            .print();
        for (const JsonLine& line : stepLines)
            line.print();
    }

    // ---- 50 MP: the item against QImageReader alone, alternately, medians
    // 200 MB decoded: more than Qt 6.4's default limit (128 MB) lets QImageReader allocate.
    QImageReader::setAllocationLimit(1024);
    warmFile(mid);
    std::vector<double> baseline, baselineCpu, first, ready, readyCpu;
    bool ok = true;
    for (int run = 0; run < kRuns; ++run) {
        Stopwatch watch;
        watch.start();
        {
            QImageReader reader(mid);
            const QImage whole = reader.read();
            baseline.push_back(watch.ms());
            baselineCpu.push_back(watch.cpu());
            ok = ok && whole.size() == QSize(8660, 5773);
        }
        Viewer viewer;
        const OpenFigure open = openFitted(viewer, mid);
        ok = ok && open.ok;
        first.push_back(open.firstMs);
        ready.push_back(open.readyMs);
        readyCpu.push_back(open.cpuMs);
    }
    allCorrect = allCorrect && ok;
    const double ratio = median(ready) / median(baseline);
    JsonLine(QStringLiteral("image_open_50mp"))
        .add(QStringLiteral("image"), "8660x5773 JPEG")
        .add(QStringLiteral("file_mb"), double(QFile(mid).size()) / 1048576.0, 1)
        .add(QStringLiteral("view"), "1600x1000, fitted")
        .add(QStringLiteral("first_paint_ms"), median(first), 1)
        .add(QStringLiteral("postil_ms"), median(ready), 1)
        .add(QStringLiteral("postil_cpu_ms"), median(readyCpu), 1)
        .add(QStringLiteral("baseline"), "QImageReader::read of the whole file")
        .add(QStringLiteral("baseline_ms"), median(baseline), 1)
        .add(QStringLiteral("baseline_cpu_ms"), median(baselineCpu), 1)
        .add(QStringLiteral("ratio"), ratio, 2)
        .add(QStringLiteral("budget_ratio"), kBudgetRatio, 1)
        .add(QStringLiteral("runs"), kRuns)
        .add(QStringLiteral("correct"), ok)
        .add(QStringLiteral("pass"), ok && ratio <= kBudgetRatio)
        .print();

    if (!allCorrect)
        note(QStringLiteral("bench_image: a figure did not complete (see \"correct\")"));
    return allCorrect ? 0 : 1;
}

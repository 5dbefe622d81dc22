// bench_imageshow: the GUI thread's time to show an ordinary photo in the image editor.
//   image_show_12mp_jpeg, image_show_12mp_png
//               two 4000 x 3000 images (12 MP, gradient and noise; JPEG at quality 90, or
//               PNG), the editor switching between them in a 1600 x 1000 window: from
//               setDocument() to the fitted view painted with every tile it needs. Measured:
//               the time the GUI thread spent busy in that span (setDocument itself plus
//               every event it handled, paints included), the longest single stretch of it,
//               setDocument's own time, and the wall time. The yardstick, "before": the
//               same file through loadDisplayImage() on the GUI thread, the synchronous
//               decode the image viewer did before the editor's tile decoders (48ef9d0).
//               Budget: busy <= 50 ms, longest stretch <= 16 ms (one frame).
//   bench_imageshow [--keep] [--runs N]     (a bare number, as run-all passes, is ignored)

#include <QApplication>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>
#include <QTemporaryDir>
#include <QThread>
#include <algorithm>
#include <cmath>

#include "benchsupport.h"
#include "document/taskdocument.h"
#include "editors/image/imagecanvas.h"
#include "editors/image/imageeditor.h"
#include "editors/image/tiledimageitem.h"
#include "media/imageprobe.h"
#include "shell/editorregistry.h"

using namespace postil;
using namespace postil::bench;

namespace {

constexpr double kBudgetBusyMs = 50;
constexpr double kBudgetLongestMs = 16;
const QSize kWindow(1600, 1000);

// The time the GUI thread spends handling events, outermost calls only.
class TimedApplication : public QApplication {
public:
    using QApplication::QApplication;
    bool counting = false;
    double busyMs = 0;
    double longestMs = 0;

    void reset() {
        busyMs = 0;
        longestMs = 0;
    }
    void add(double ms) {
        busyMs += ms;
        longestMs = std::max(longestMs, ms);
    }
    bool notify(QObject* receiver, QEvent* event) override {
        if (!counting || m_depth > 0 || QThread::currentThread() != thread()) {
            ++m_depth;
            const bool handled = QApplication::notify(receiver, event);
            --m_depth;
            return handled;
        }
        QElapsedTimer timer;
        timer.start();
        ++m_depth;
        const bool handled = QApplication::notify(receiver, event);
        --m_depth;
        add(elapsedMs(timer));
        return handled;
    }

private:
    int m_depth = 0;
};

// Gradient, a slow wave and per-pixel noise: about what a detailed photo costs the decoder.
bool writeImage(const QString& path, const QByteArray& format, int w, int h, int seed) {
    QImage image(w, h, QImage::Format_RGB888);
    for (int y = 0; y < h; ++y) {
        uchar* line = image.scanLine(y);
        quint32 state = quint32(y + seed) * 2654435761u + 1u;
        for (int x = 0; x < w; ++x) {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            const int noise = int(state % 25) - 12;
            const int wave = int(60 * std::sin(x * 0.004 + y * 0.003 + seed));
            line[3 * x] = uchar(std::clamp(int(qint64(x) * 255 / w) + noise, 0, 255));
            line[3 * x + 1] = uchar(std::clamp(int(qint64(y) * 255 / h) + noise, 0, 255));
            line[3 * x + 2] = uchar(std::clamp(128 + wave + noise, 0, 255));
        }
    }
    QImageWriter writer(path, format);
    if (format == "jpeg")
        writer.setQuality(90);
    return writer.write(image);
}

double median(std::vector<double> values) {
    return percentile(std::move(values), 0.5);
}

// Shows two images of 'format' in turn, 'runs' times after two warm-up
// rounds, and prints the figure. False when an image did not show.
bool measure(TimedApplication& app, const QDir& dir, const QByteArray& format, int runs) {
    const QString suffix = format == "jpeg" ? QStringLiteral(".jpg") : QStringLiteral(".png");
    const QStringList images{dir.filePath(QStringLiteral("a") + suffix),
                             dir.filePath(QStringLiteral("b") + suffix)};
    for (int i = 0; i < images.size(); ++i)
        if (!writeImage(images[i], format, 4000, 3000, i)) {
            note(QStringLiteral("bench_imageshow: cannot write %1").arg(images[i]));
            return false;
        }
    auto created = Project::create(
        dir.filePath(QStringLiteral("photos-%1.postil").arg(QString::fromLatin1(format))), {});
    if (!created.ok()) {
        note(created.error());
        return false;
    }
    Project& project = **created;
    QList<Task> tasks;
    for (const QString& image : images) {
        Task task;
        task.uid = QFileInfo(image).fileName();
        task.kind = TaskKind::Image;
        task.data = {{QStringLiteral("image"), QFileInfo(image).fileName()}};
        task.preview = task.uid;
        if (!project.tasks().add(task).ok())
            return false;
        tasks << task;
    }

    // The yardstick: the whole file decoded where the editor would wait for it.
    std::vector<double> wholeDecode;
    for (int i = 0; i < 3; ++i) {
        Stopwatch watch;
        watch.start();
        if (!loadDisplayImage(images[i % 2]).ok())
            return false;
        wholeDecode.push_back(watch.ms());
    }

    ImageEditor editor;
    editor.widget()->resize(kWindow);
    editor.widget()->show();
    QCoreApplication::processEvents();
    PaintCounter paints;
    editor.canvas()->viewport()->installEventFilter(&paints);

    std::vector<double> busy, longest, wall, setDocument;
    bool allCorrect = true;
    std::unique_ptr<TaskDocument> document;
    // The first rounds open Qt's image plugin and warm the files: not counted.
    for (int run = -2; run < runs; ++run) {
        auto next = std::make_unique<TaskDocument>(project, tasks[(run + 2) % 2]);
        app.reset();
        app.counting = true;
        Stopwatch watch;
        watch.start();
        editor.setDocument(next.get());
        const double setMs = watch.ms();
        app.add(setMs);
        document = std::move(next);
        QElapsedTimer timeout;
        timeout.start();
        bool ok = false;
        while (timeout.elapsed() < 30000) {
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
            auto* item = editor.canvas()->imageItem();
            if (editor.canvas()->hasImage() && item->isFullyLoaded()) {
                // The paint that shows it (an update may be pending or done already).
                const int before = paints.paints;
                editor.canvas()->viewport()->update();
                ok = waitForPaint(paints, before);
                break;
            }
        }
        app.counting = false;
        if (run < 0)
            continue;
        allCorrect = allCorrect && ok;
        busy.push_back(app.busyMs);
        longest.push_back(app.longestMs);
        wall.push_back(watch.ms());
        setDocument.push_back(setMs);
    }
    editor.setDocument(nullptr);

    const double busyMedian = median(busy);
    const double longestMedian = median(longest);
    JsonLine(QStringLiteral("image_show_12mp_%1").arg(QString::fromLatin1(format)))
        .add(QStringLiteral("image"),
             QStringLiteral("4000x3000 %1").arg(QString::fromLatin1(format.toUpper())))
        .add(QStringLiteral("file_mb"), double(QFile(images[0]).size()) / 1048576.0, 1)
        .add(QStringLiteral("runs"), runs)
        .add(QStringLiteral("gui_busy_ms_median"), busyMedian, 1)
        .add(QStringLiteral("gui_busy_ms_max"), *std::max_element(busy.begin(), busy.end()), 1)
        .add(QStringLiteral("gui_longest_stretch_ms_median"), longestMedian, 1)
        .add(QStringLiteral("set_document_ms_median"), median(setDocument), 1)
        .add(QStringLiteral("shown_ms_median"), median(wall), 1)
        .add(QStringLiteral("before_decode_on_gui_ms_median"), median(wholeDecode), 1)
        .add(QStringLiteral("budget_busy_ms"), kBudgetBusyMs, 0)
        .add(QStringLiteral("budget_longest_ms"), kBudgetLongestMs, 0)
        .add(QStringLiteral("pass"),
             busyMedian <= kBudgetBusyMs && longestMedian <= kBudgetLongestMs)
        .add(QStringLiteral("correct"), allCorrect)
        .print();
    return allCorrect;
}

}  // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    bool keep = false;
    int runs = 9;
    for (int i = 1; i < argc; ++i) {
        const QByteArray a(argv[i]);
        if (a == "--keep")
            keep = true;
        else if (a == "--runs" && i + 1 < argc)
            runs = std::max(1, atoi(argv[++i]));
        else if (a.toLongLong() <= 0) {
            std::fprintf(stderr, "usage: %s [--keep] [--runs N]\n", argv[0]);
            return 2;
        }
    }
    TimedApplication app(argc, argv);
    QTemporaryDir dir;
    if (!dir.isValid())
        return 1;
    dir.setAutoRemove(!keep);
    EditorRegistry::instance();
    const bool jpeg = measure(app, QDir(dir.path()), "jpeg", runs);
    const bool png = measure(app, QDir(dir.path()), "png", runs);
    return jpeg && png ? 0 : 1;
}

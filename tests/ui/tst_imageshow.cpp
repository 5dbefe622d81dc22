// Showing a photo of ordinary size in the image editor (docs/architecture.md,
// "Long work"): the pixels are decoded by the tile decoders' worker threads,
// never on the GUI thread, and shown when they come; a decode still running
// for a task the user has already left is dropped, neither shown nor reported.
#include <QImageWriter>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QtTest>
#include <memory>

#include "document/taskdocument.h"
#include "editors/image/imagecanvas.h"
#include "editors/image/imageeditor.h"
#include "editors/image/tiledimageitem.h"
#include "model/project.h"
#include "testsupport.h"
#include "widgettestsupport.h"

using namespace postil;

namespace {

// A photo's worth of decoding: per-pixel noise around one colour, so that the
// JPEG decoder has work (a flat image decodes in no time) and the colour on
// screen still says which image it is.
bool writeNoisyJpeg(const QString& path, QSize size, QColor colour) {
    QImage image(size, QImage::Format_RGB888);
    quint32 state = 2463534242u;
    for (int y = 0; y < size.height(); ++y) {
        uchar* line = image.scanLine(y);
        for (int x = 0; x < size.width(); ++x) {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            const int noise = int(state % 21) - 10;
            line[3 * x] = uchar(std::clamp(colour.red() + noise, 0, 255));
            line[3 * x + 1] = uchar(std::clamp(colour.green() + noise, 0, 255));
            line[3 * x + 2] = uchar(std::clamp(colour.blue() + noise, 0, 255));
        }
    }
    QImageWriter writer(path, "jpeg");
    writer.setQuality(95);
    return writer.write(image);
}

// The tile decoders' pool (editors/image/tileloader.cpp), once an image has used it.
QThreadPool* decoderPool() {
    return QCoreApplication::instance()->findChild<QThreadPool*>(
        QStringLiteral("postil-tile-decoders"));
}

bool near(QColor a, QColor b) {
    return std::abs(a.red() - b.red()) < 40 && std::abs(a.green() - b.green()) < 40 &&
           std::abs(a.blue() - b.blue()) < 40;
}

}  // namespace

class TestImageShow : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QTemporaryDir m_settingsDir;
    std::unique_ptr<Project> m_project;
    std::unique_ptr<ImageEditor> m_editor;
    std::unique_ptr<TaskDocument> m_document;
    const QColor m_red{200, 40, 40};
    const QColor m_blue{40, 60, 200};

    ImageCanvas* canvas() const { return m_editor->canvas(); }

    Task addTask(const QString& uid, const QString& media) {
        Task task;
        task.uid = uid;
        task.kind = TaskKind::Image;
        task.data = {{QStringLiteral("image"), media}};
        task.preview = Task::previewFor(task.kind, task.data);
        if (!m_project->tasks().add(task).ok())
            qFatal("cannot add a task");
        return task;
    }

    void show(const Task& task) {
        auto next = std::make_unique<TaskDocument>(*m_project, task);
        m_editor->setDocument(next.get());
        m_document = std::move(next);
    }

    // Runs the event loop until the image on screen is decoded where the view
    // needs it; whether a decoder thread was seen at work meanwhile.
    bool waitUntilShown(bool* sawDecoderThread = nullptr) {
        QElapsedTimer waited;
        waited.start();
        while (waited.elapsed() < 20000) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
            if (sawDecoderThread && decoderPool() && decoderPool()->activeThreadCount() > 0)
                *sawDecoderThread = true;
            if (canvas()->hasImage() && canvas()->imageItem()->isFullyLoaded())
                return true;
        }
        return false;
    }

    QColor centreOnScreen() const {
        const QImage shown = canvas()->viewport()->grab().toImage();
        return shown.pixelColor(shown.rect().center());
    }

private Q_SLOTS:
    void initTestCase() {
        isolateSettings(m_settingsDir.path());
        QVERIFY(m_dir.isValid());
        m_project = makeProject(m_dir.filePath(QStringLiteral("photos.postil")));
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("media")));
        QVERIFY(writeNoisyJpeg(m_dir.filePath(QStringLiteral("media/red.jpg")), QSize(4000, 3000),
                               m_red));
        QImage blue(800, 600, QImage::Format_RGB32);
        blue.fill(m_blue);
        QVERIFY(blue.save(m_dir.filePath(QStringLiteral("media/blue.png"))));
        m_editor = std::make_unique<ImageEditor>();
        QVERIFY(showActive(m_editor->widget(), QSize(1000, 700)));
    }

    void cleanupTestCase() {
        m_editor->setDocument(nullptr);
        m_document.reset();
        m_editor.reset();
        m_project.reset();
    }

    // setDocument() reads the header only: the size is known at once, the
    // pixels come from a decoder thread, and the GUI thread shows them when
    // they are there.
    void aPhotoDecodesOffTheGuiThread() {
        show(addTask(QStringLiteral("red"), QStringLiteral("media/red.jpg")));
        QCOMPARE(canvas()->imageSize(), QSize(4000, 3000));
        QVERIFY2(m_editor->errorText().isEmpty(), qPrintable(m_editor->errorText()));
        QVERIFY(!canvas()->imageItem()->isFullyLoaded());
        bool sawDecoderThread = false;
        QVERIFY(waitUntilShown(&sawDecoderThread));
        QVERIFY(sawDecoderThread);
        QVERIFY2(near(centreOnScreen(), m_red), qPrintable(centreOnScreen().name()));
        m_editor->setDocument(nullptr);
        m_document.reset();
    }

    // The user moves on while the photo is still decoding: the next task's
    // image is what shows, and the left task's decode (cancelled, its result
    // dropped) neither replaces it nor reports an error.
    void aDecodeForATaskAlreadyLeftIsDropped() {
        show(addTask(QStringLiteral("red again"), QStringLiteral("media/red.jpg")));
        QElapsedTimer waited;
        waited.start();
        while (!(decoderPool() && decoderPool()->activeThreadCount() > 0) &&
               waited.elapsed() < 10000)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
        QVERIFY2(decoderPool() && decoderPool()->activeThreadCount() > 0,
                 "the red photo never started decoding");

        show(addTask(QStringLiteral("blue"), QStringLiteral("media/blue.png")));
        QVERIFY(waitUntilShown());
        // Until the red decode has ended and anything it posted was handled.
        QVERIFY(decoderPool()->waitForDone(20000));
        QTest::qWait(100);
        QCOMPARE(canvas()->imageSize(), QSize(800, 600));
        QVERIFY(canvas()->imageItem()->path().endsWith(QStringLiteral("blue.png")));
        QVERIFY2(m_editor->errorText().isEmpty(), qPrintable(m_editor->errorText()));
        QVERIFY2(near(centreOnScreen(), m_blue), qPrintable(centreOnScreen().name()));
        m_editor->setDocument(nullptr);
        m_document.reset();
    }
};

QTEST_MAIN(TestImageShow)
#include "tst_imageshow.moc"

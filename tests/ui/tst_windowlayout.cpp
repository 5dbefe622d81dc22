// The studio window on laptop screens: a first window that fits, what the last
// session left restored inside the screen, the editor getting the room (no
// empty question panel, focus mode), the last task reopened, the title and the
// task list saying the same status, and the name asked on the first run.
#include <QAction>
#include <QDockWidget>
#include <QGraphicsView>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScreen>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QUndoStack>
#include <QtTest>
#include <cmath>

#include "document/taskdocument.h"
#include "editors/image/imagecanvas.h"
#include "model/identity.h"
#include "model/project.h"
#include "shell/mainwindow.h"
#include "shell/projectpanel.h"
#include "shell/tasklistmodel.h"
#include "shell/taskworkspace.h"
#include "shell/windowlayout.h"
#include "testsupport.h"
#include "widgets/guidelinespanel.h"
#include "widgettestsupport.h"

using namespace postil;

class TestWindowLayout : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_images;
    QString m_texts;
    QString m_longLabels;

    static QRect available() { return QGuiApplication::primaryScreen()->availableGeometry(); }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        isolateSettings(m_dir.filePath(QStringLiteral("settings")));
        Identity::setAnnotatorName(QStringLiteral("ana"));

        m_images = m_dir.filePath(QStringLiteral("img/boxes.postil"));
        auto images = makeProject(m_images, "{\"labels\":[{\"name\":\"car\"}]}");
        QImage image(1600, 1200, QImage::Format_RGB32);
        image.fill(Qt::darkGreen);
        QVERIFY(image.save(m_dir.filePath(QStringLiteral("img/street.png"))));
        Task task;
        task.uid = QStringLiteral("street");
        task.kind = TaskKind::Image;
        task.data = {{QStringLiteral("image"), QStringLiteral("street.png")}};
        task.preview = QStringLiteral("street.png");
        QVERIFY(images->tasks().add(task).ok());

        m_longLabels = m_dir.filePath(QStringLiteral("img2/long.postil"));
        auto longLabels =
            makeProject(m_longLabels,
                        "{\"labels\":[{\"name\":\"a\"},{\"name\":\"a label with a really long name "
                        "that goes on and on and on\"}]}");
        QImage blue(1600, 1200, QImage::Format_RGB32);
        blue.fill(Qt::darkBlue);
        QVERIFY(blue.save(m_dir.filePath(QStringLiteral("img2/one.png"))));
        Task one;
        one.uid = QStringLiteral("one");
        one.kind = TaskKind::Image;
        one.data = {{QStringLiteral("image"), QStringLiteral("one.png")}};
        one.preview = QStringLiteral("one.png");
        QVERIFY(longLabels->tasks().add(one).ok());

        m_texts = m_dir.filePath(QStringLiteral("txt/texts.postil"));
        auto texts = makeProject(m_texts, "{\"questions\":[{\"name\":\"ok\",\"type\":\"flag\"}]}");
        for (int i = 1; i <= 4; ++i) {
            Task t;
            t.uid = QStringLiteral("m%1").arg(i);
            t.data = {{QStringLiteral("text"), QStringLiteral("message %1").arg(i)}};
            t.preview = t.data.value(QStringLiteral("text")).toString();
            QVERIFY(texts->tasks().add(t).ok());
        }
    }

    void firstWindowFitsTheScreen() {
        for (const QRect& screen : {QRect(0, 0, 1280, 720), QRect(0, 0, 1366, 768),
                                    QRect(0, 0, 1440, 900), QRect(0, 0, 2560, 1440)}) {
            const QRect first = WindowLayout::firstGeometry(screen.adjusted(0, 0, 0, -40));
            QVERIFY2(screen.contains(first),
                     qPrintable(QStringLiteral("%1x%2").arg(screen.width()).arg(screen.height())));
            QVERIFY(first.width() >= qMin(1280, screen.width()));
        }
        QCOMPARE(WindowLayout::firstGeometry(QRect(0, 0, 2560, 1400)).size(), QSize(1400, 860));
    }

    void savedWindowIsClampedToTheScreen() {
        const QRect laptop(0, 0, 1280, 680);  // 1280x720 less a panel
        for (const QRect& saved : {QRect(3000, 2000, 2560, 1400), QRect(-500, -300, 1400, 860),
                                   QRect(100, 50, 800, 600)}) {
            const QRect frame = WindowLayout::clamped(saved, laptop);
            QVERIFY(laptop.contains(frame));
            QCOMPARE(frame.size(), saved.size().boundedTo(laptop.size()));
        }
        // The real window: what a session on a big monitor saved comes back
        // inside this screen, and the window can be as small as a 1280x720
        // laptop's free area.
        {
            MainWindow big;
            big.show();
            QVERIFY(QTest::qWaitForWindowExposed(&big));
            QVERIFY(big.openProject(m_texts));
            QVERIFY2(big.minimumSizeHint().width() <= 1280 && big.minimumSizeHint().height() <= 680,
                     qPrintable(QStringLiteral("%1x%2")
                                    .arg(big.minimumSizeHint().width())
                                    .arg(big.minimumSizeHint().height())));
            big.setGeometry(
                QRect(available().topLeft() + QPoint(3000, 2000), available().size() * 2));
            big.close();
        }
        MainWindow again;
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QVERIFY(available().contains(again.geometry().topLeft()));
        QVERIFY(again.width() <= qMax(available().width(), again.minimumSizeHint().width()));
    }

    void editorGetsTheRoomAtLaptopSize() {
        MainWindow window;
        QVERIFY(showActive(&window, QSize(1366, 768)));
        QVERIFY(window.openProject(m_images));
        QCoreApplication::processEvents();
        // Narrow screen (the offscreen screen is one): no guidelines dock, and
        // an image task without questions has no question panel.
        if (available().width() < WindowLayout::kNarrowWidth)
            QVERIFY(!window.findChild<QDockWidget*>(QStringLiteral("guidelinesDock"))->isVisible());
        QWidget* editor = window.findChild<QWidget*>(QStringLiteral("imageEditor"));
        QVERIFY(editor && editor->isVisible());
        auto* canvas = editor->findChild<QGraphicsView*>();
        QVERIFY(canvas);
        QVERIFY2(canvas->width() >= 0.6 * 1366,
                 qPrintable(QStringLiteral("canvas %1 px of 1366").arg(canvas->width())));

        // The task list says what each task is, even this narrow.
        auto* list = window.projectPanel()->findChild<QTableView*>();
        QVERIFY(list);
        QVERIFY2(list->columnWidth(TaskListModel::PreviewColumn) >= list->viewport()->width() / 3,
                 qPrintable(QString::number(list->columnWidth(TaskListModel::PreviewColumn))));

        // Focus mode: only the editor (and questions) left; back again.
        auto* focusMode = window.findChild<QAction*>(QStringLiteral("view.focusMode"));
        QVERIFY(focusMode);
        const int before = canvas->width();
        focusMode->trigger();
        QCoreApplication::processEvents();
        QVERIFY(!window.projectPanel()->isVisible());
        QVERIFY(canvas->width() > before);
        focusMode->trigger();
        QCoreApplication::processEvents();
        QVERIFY(window.projectPanel()->isVisible());
        window.close();
    }

    // Status text changing (the next label, a note after Ctrl+P) must not move
    // or resize the canvas, nor change its zoom.
    void statusTextDoesNotMoveTheCanvas() {
        const QString path = m_longLabels;  // the second label's name is long
        MainWindow window;
        QVERIFY(showActive(&window, QSize(1366, 768)));
        QVERIFY(window.openProject(path));
        window.workspace()->focusEditor();
        QTest::qWait(200);
        auto* canvas =
            window.findChild<QWidget*>(QStringLiteral("imageEditor"))->findChild<QGraphicsView*>();
        QVERIFY(canvas);
        const QRect before = canvas->geometry();
        const QTransform zoom = canvas->transform();
        QWidget* target = QApplication::focusWidget() ? QApplication::focusWidget() : canvas;
        QTest::keyClick(target, Qt::Key_2);                       // next label: the long name
        QTest::keyClick(target, Qt::Key_P, Qt::ControlModifier);  // a note: nothing to copy
        QTest::qWait(100);
        QCOMPARE(canvas->geometry(), before);
        QCOMPARE(canvas->transform(), zoom);
        QTest::keyClick(target, Qt::Key_1);
        QTest::qWait(100);
        QCOMPARE(canvas->geometry(), before);
        QCOMPARE(canvas->transform(), zoom);
    }

    void boxDrawnRightAfterAKeyLandsUnderTheMouse() {
        // The hand aims at a spot on the screen, presses a label key and W, and
        // drags at once: the box must cover the image pixels that were under the
        // pointer when it aimed. A status line that resized the canvas (the long
        // label's name) moved the image between the aim and the drag.
        const QString path = m_longLabels;
        MainWindow window;
        QVERIFY(showActive(&window, QSize(1366, 768)));
        QVERIFY(window.openProject(path));
        window.workspace()->focusEditor();
        QTest::qWait(200);
        auto* canvas =
            window.findChild<QWidget*>(QStringLiteral("imageEditor"))->findChild<ImageCanvas*>();
        QVERIFY(canvas && canvas->hasImage());
        const QPoint from = canvas->viewportPoint({400, 300});
        const QPoint to = canvas->viewportPoint({800, 700});
        QWidget* target = QApplication::focusWidget() ? QApplication::focusWidget() : canvas;
        QTest::keyClick(target, Qt::Key_2);  // the long label: the status line says its name
        QTest::keyClick(target, Qt::Key_P, Qt::ControlModifier);  // and a note
        QTest::keyClick(target, Qt::Key_W);
        QTest::qWait(100);  // a quick hand: the window has laid itself out again
        QWidget* viewport = canvas->viewport();
        QTest::mousePress(viewport, Qt::LeftButton, {}, from);
        for (int step = 1; step <= 4; ++step)
            QTest::mouseMove(viewport, from + (to - from) * step / 4);
        QTest::mouseRelease(viewport, Qt::LeftButton, {}, to);
        const QJsonArray boxes =
            window.workspace()->document()->result().value(QStringLiteral("boxes")).toArray();
        QCOMPARE(boxes.size(), 1);
        const QJsonObject box = boxes.at(0).toObject();
        // Within the two screen pixels a point can round to at this zoom.
        const double pixel = 2.0 / canvas->transform().m11();
        const auto near = [pixel](double a, double b) { return std::abs(a - b) <= pixel; };
        QVERIFY2(near(box[QStringLiteral("x")].toDouble(), 400) &&
                     near(box[QStringLiteral("y")].toDouble(), 300) &&
                     near(box[QStringLiteral("w")].toDouble(), 400) &&
                     near(box[QStringLiteral("h")].toDouble(), 400),
                 QJsonDocument(box).toJson(QJsonDocument::Compact).constData());
        QVERIFY(box[QStringLiteral("label")].toString().startsWith(QStringLiteral("a label")));
        window.workspace()->document()->undoStack()->undo();
    }

    void reopensTheLastTaskAndTitleAgreesWithTheList() {
        {
            MainWindow window;
            QVERIFY(showActive(&window, QSize(1366, 768)));
            QVERIFY(window.openProject(m_texts));
            QCOMPARE(window.workspace()->document()->task().uid, QStringLiteral("m1"));
            QVERIFY2(window.windowTitle().contains(QStringLiteral("(new)")),
                     qPrintable(window.windowTitle()));
            window.goToTask(3);
            window.workspace()->document()->setAnswer(QStringLiteral("ok"), true);
            QCoreApplication::processEvents();
            QVERIFY2(window.windowTitle().contains(QStringLiteral("(draft)")),
                     qPrintable(window.windowTitle()));
            window.close();
        }
        MainWindow again;
        QVERIFY(showActive(&again, QSize(1366, 768)));
        QVERIFY(again.openProject(m_texts));
        QCOMPARE(again.workspace()->document()->task().uid, QStringLiteral("m3"));
    }

    // A guidelines image written as a path relative to the project file shows
    // (the panel resolves it against the project's folder, not the working
    // directory).
    void guidelinesImagesComeFromTheProjectFolder() {
        const QString path = m_dir.filePath(QStringLiteral("guide/guided.postil"));
        {
            auto project =
                makeProject(path, "{\"guidelines\":\"# Signs\\n\\n![stop sign](signs/stop.png)\"}");
            QVERIFY(project);
        }
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("guide/signs"))));
        QImage sign(40, 30, QImage::Format_RGB32);
        sign.fill(Qt::red);
        QVERIFY(sign.save(m_dir.filePath(QStringLiteral("guide/signs/stop.png"))));
        QVERIFY(QDir::currentPath() != m_dir.filePath(QStringLiteral("guide")));

        MainWindow window;
        QVERIFY(window.openProject(path));
        auto* panel = window.findChild<GuidelinesPanel*>(QStringLiteral("guidelinesPanel"));
        QVERIFY(panel);
        QVERIFY(panel->markdown().contains(QStringLiteral("signs/stop.png")));
        const QVariant loaded = panel->browser()->loadResource(
            QTextDocument::ImageResource, QUrl(QStringLiteral("signs/stop.png")));
        QVERIFY2(loaded.isValid(), "the guidelines image did not load");
        QImage shown;
        if (loaded.canConvert<QImage>() && loaded.typeId() == QMetaType::QImage)
            shown = loaded.value<QImage>();
        else
            shown.loadFromData(loaded.toByteArray());
        QCOMPARE(shown.size(), QSize(40, 30));
    }

    void firstRunAsksTheName() {
        QSettings(QStringLiteral("Postil"), QStringLiteral("Postil"))
            .remove(QStringLiteral("identity/annotator"));
        QVERIFY(!Identity::hasChosenName());
        MainWindow window;
        QVERIFY(showActive(&window, QSize(1366, 768)));
        QString prefilled;
        QTimer::singleShot(100, this, [&prefilled] {
            auto* dialog = qobject_cast<QInputDialog*>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            prefilled = dialog->textValue();
            dialog->setTextValue(QStringLiteral("Zoë"));
            dialog->accept();
        });
        window.askNameOnFirstRun();
        QCOMPARE(prefilled, qEnvironmentVariable("USER").isEmpty() ? QStringLiteral("annotator")
                                                                   : qEnvironmentVariable("USER"));
        QCOMPARE(Identity::local().annotator, QStringLiteral("Zoë"));
        window.askNameOnFirstRun();  // asked once only: no dialog, the name stays
        QCOMPARE(Identity::local().annotator, QStringLiteral("Zoë"));
    }
};

QTEST_MAIN(TestWindowLayout)
#include "tst_windowlayout.moc"

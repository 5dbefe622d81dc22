#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPainter>
#include <QRandomGenerator>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTreeView>
#include <QtTest>
#include <memory>

#include "document/taskdocument.h"
#include "widgets/attributespanel.h"
#include "editors/image/boxlayer.h"
#include "editors/image/boxlayeritem.h"
#include "editors/image/boxlistmodel.h"
#include "editors/image/boxlistpanel.h"
#include "editors/image/imagecanvas.h"
#include "editors/image/imageeditor.h"
#include "widgets/labelpalette.h"
#include "editors/image/proposallayeritem.h"
#include "editors/image/tiledimageitem.h"
#include "keys/keymap.h"
#include "model/ids.h"
#include "model/project.h"
#include "shell/editorregistry.h"
#include "testimages.h"
#include "testsupport.h"
#include "widgettestsupport.h"

using namespace postil;

namespace {

const char* const kSchema = R"({
  "labels": [{"name": "car", "color": "#e6194b"},
             {"name": "hallucination", "kinds": ["compare"]},
             {"name": "person", "color": "#3cb44b"},
             {"name": "sign", "color": "#4363d8"}],
  "attributes": [{"name": "occluded", "type": "flag"},
                 {"name": "view", "type": "single", "options": ["front", "side"]},
                 {"name": "note", "type": "text"}]
})";

QImage pictureOf(int w, int h) {
    QImage image(w, h, QImage::Format_RGB32);
    image.fill(QColor(90, 120, 150));
    QPainter painter(&image);
    painter.fillRect(w / 4, h / 4, w / 2, h / 2, QColor(200, 180, 90));
    return image;
}

QRectF rectOf(const QJsonValue& value) {
    const QJsonObject box = value.toObject();
    return QRectF(
        box.value(QStringLiteral("x")).toDouble(), box.value(QStringLiteral("y")).toDouble(),
        box.value(QStringLiteral("w")).toDouble(), box.value(QStringLiteral("h")).toDouble());
}

QJsonObject boxJson(const QString& label, double x, double y, double w, double h) {
    return {{QStringLiteral("label"), label}, {QStringLiteral("x"), x},
            {QStringLiteral("y"), y},         {QStringLiteral("w"), w},
            {QStringLiteral("h"), h},         {QStringLiteral("attrs"), QJsonObject()}};
}

bool near(const QRectF& a, const QRectF& b, double tolerance = 1.0) {
    return std::abs(a.x() - b.x()) <= tolerance && std::abs(a.y() - b.y()) <= tolerance &&
           std::abs(a.width() - b.width()) <= tolerance &&
           std::abs(a.height() - b.height()) <= tolerance;
}

QString describe(const QRectF& r) {
    return QStringLiteral("(%1, %2, %3 x %4)").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
}

}  // namespace

class TestImageEditor : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QTemporaryDir m_settingsDir;
    QString m_path;
    std::unique_ptr<Project> m_project;
    std::unique_ptr<ImageEditor> m_editor;
    std::unique_ptr<TaskDocument> m_document;
    std::unique_ptr<QAbstractItemModelTester> m_modelTester;
    int m_taskCount = 0;

    ImageCanvas* canvas() const { return m_editor->canvas(); }
    QWidget* viewport() const { return m_editor->canvas()->viewport(); }
    BoxLayer* layer() const { return m_editor->canvas()->layer(); }

    qint64 addTask(const QString& media) {
        Task task;
        task.uid = QStringLiteral("image-%1").arg(++m_taskCount);
        task.kind = TaskKind::Image;
        task.data = {{QStringLiteral("image"), media}};
        task.preview = Task::previewFor(task.kind, task.data);
        auto added = m_project->tasks().add(task);
        if (!added.ok() || !*added)
            qFatal("cannot add task: %s", qPrintable(added.error()));
        return task.id;
    }

    void open(qint64 taskId) {
        m_editor->setDocument(nullptr);
        auto task = m_project->tasks().byId(taskId);
        QVERIFY(task);
        m_document = std::make_unique<TaskDocument>(*m_project, *task);
        m_editor->setDocument(m_document.get());
        m_editor->focusEditor();
        if (canvas()->hasImage())
            QVERIFY(canvas()->hasFocus());
    }

    // Opens a new task on the 400x300 picture, optionally with boxes already there.
    void openFresh(const QJsonArray& boxes = {}) {
        open(addTask(QStringLiteral("media/picture.png")));
        if (!boxes.isEmpty())
            m_document->changeResult({{QStringLiteral("boxes"), boxes}}, QStringLiteral("setup"));
        QCOMPARE(layer()->count(), int(boxes.size()));
    }

    // The task's boxes as a fresh connection reads them from the project file.
    QJsonArray stored() {
        auto project = Project::open(m_path);
        if (!project.ok())
            return {QStringLiteral("error: ") + project.error()};
        auto row = (*project)->annotations().get(m_document->task().uid, (*project)->annotator());
        if (!row || row->deleted)
            return {};
        return row->result.value(QStringLiteral("boxes")).toArray();
    }
    QRectF storedRect(int index) { return rectOf(stored().at(index)); }

    // The grabs land in POSTIL_GRAB_DIR when it is set, for a person to look at.
    void grab(const QString& name) {
        const QString dir = qEnvironmentVariable("POSTIL_GRAB_DIR");
        if (dir.isEmpty())
            return;
        QElapsedTimer waited;
        waited.start();
        do {  // the image decodes in the background
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        } while (canvas()->hasImage() && !canvas()->imageItem()->isFullyLoaded() &&
                 waited.elapsed() < 5000);
        QDir().mkpath(dir);
        m_editor->widget()->grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
    }

    QPoint at(const QPointF& imagePos) const { return canvas()->viewportPoint(imagePos); }

    // A press, a few moves and a release, as a hand would drag.
    void drag(const QPointF& from, const QPointF& to,
              Qt::KeyboardModifiers modifiers = Qt::NoModifier, bool release = true) {
        const QPoint a = at(from), b = at(to);
        QTest::mousePress(viewport(), Qt::LeftButton, modifiers, a);
        for (int step = 1; step <= 6; ++step)
            QTest::mouseMove(viewport(), a + (b - a) * step / 6);
        if (release)
            QTest::mouseRelease(viewport(), Qt::LeftButton, modifiers, b);
    }
    void click(const QPointF& imagePos, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
        QTest::mouseClick(viewport(), Qt::LeftButton, modifiers, at(imagePos));
    }
    void key(int keyCode, Qt::KeyboardModifiers modifiers = Qt::NoModifier) {
        QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : viewport(),
                        Qt::Key(keyCode), modifiers);
    }

private Q_SLOTS:
    void initTestCase() {
        isolateSettings(m_settingsDir.path());
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("boxes.postil"));
        m_project = makeProject(m_path, kSchema);
        QDir(m_dir.path()).mkpath(QStringLiteral("media"));
        QVERIFY(pictureOf(400, 300).save(m_dir.filePath(QStringLiteral("media/picture.png"))));
        QVERIFY(pictureOf(200, 150).save(m_dir.filePath(QStringLiteral("media/small.png"))));

        m_editor = std::make_unique<ImageEditor>();
        // Every test's changes to the box list go through the model checker.
        m_modelTester = std::make_unique<QAbstractItemModelTester>(
            m_editor->boxPanel()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(showActive(m_editor->widget(), QSize(1000, 700)));
    }

    void cleanup() {
        m_editor->setDocument(nullptr);
        m_document.reset();
        if (m_editor->labelPalette()->isVisible())
            m_editor->labelPalette()->hide();
        m_editor->widget()->activateWindow();
        canvas()->setTool(ImageCanvas::Tool::Select);
    }

    void cleanupTestCase() {
        m_modelTester.reset();
        m_editor.reset();
        m_project.reset();
    }

    void registryGivesTheBoxEditor() {
        QObject owner;
        TaskEditor* editor = EditorRegistry::instance().create(TaskKind::Image, &owner);
        QVERIFY(qobject_cast<ImageEditor*>(editor));
        QVERIFY(EditorRegistry::instance().placesLabels(TaskKind::Image));
        // The keymap's keys are on the help sheet already; the editor adds
        // the mouse and which label each digit gives.
        openFresh();
        QStringList rows;
        for (const auto& [keys, text] : m_editor->shortcutHelp())
            rows << keys + QLatin1Char('=') + text;
        QVERIFY2(rows.contains(QStringLiteral("Drag a handle=Resize the selected box")),
                 qPrintable(rows.join(u'|')));
        QVERIFY2(rows.contains(QStringLiteral("2=Label “person”")), qPrintable(rows.join(u'|')));
        QCOMPARE(m_editor->labelForKey(4), QString());
    }

    void drawsABoxAfterW() {
        openFresh();
        QVERIFY(canvas()->hasImage());
        QCOMPARE(canvas()->imageSize(), QSize(400, 300));
        QVERIFY(canvas()->scale() > 1.0);  // 400x300 fitted into ~750x620
        key(Qt::Key_W);
        QVERIFY(canvas()->isDrawArmed());
        drag({50, 40}, {150, 120});
        QVERIFY(!canvas()->isDrawArmed());  // W draws one box
        const QJsonArray boxes = stored();
        QCOMPARE(boxes.size(), 1);
        QVERIFY2(near(rectOf(boxes[0]), QRectF(50, 40, 100, 80)),
                 qPrintable(describe(rectOf(boxes[0]))));
        QCOMPARE(boxes[0][QStringLiteral("label")].toString(), QStringLiteral("car"));
        QVERIFY(boxes[0][QStringLiteral("attrs")].isObject());
        QCOMPARE(m_document->undoStack()->count(), 1);
        QCOMPARE(layer()->selection(), QList<int>{0});
        // The box is on screen: its outline in the label's colour.
        const QImage shot = viewport()->grab().toImage();
        const QPoint edge = at({75, 40}) * shot.devicePixelRatio();  // clear of the handles
        bool outlined = false;
        for (int dy = -2; dy <= 2; ++dy) {
            const QColor c = shot.pixelColor(edge + QPoint(0, dy));
            outlined = outlined || (c.red() > 180 && c.green() < 130 && c.blue() < 150);
        }
        QVERIFY2(outlined, qPrintable(shot.pixelColor(edge).name()));
        QVERIFY(m_editor->statusText().contains(QStringLiteral("picture.png")));
        QVERIFY(m_editor->statusText().contains(QStringLiteral("400 × 300")));
    }

    void aClickDrawsNothingAndEscapeCancels() {
        openFresh();
        key(Qt::Key_W);
        click({100, 100});
        QCOMPARE(stored().size(), 0);
        QCOMPARE(m_document->undoStack()->count(), 0);
        // Escape halfway through a drag: no box.
        key(Qt::Key_W);
        drag({50, 50}, {200, 200}, Qt::NoModifier, false);
        key(Qt::Key_Escape);
        QTest::mouseRelease(viewport(), Qt::LeftButton, {}, at({200, 200}));
        QCOMPARE(layer()->count(), 0);
        QCOMPARE(m_document->undoStack()->count(), 0);
    }

    void drawToolDrawsOnEmptyImageAndMovesBoxes() {
        openFresh({boxJson(QStringLiteral("car"), 20, 20, 60, 60)});
        QVERIFY(m_editor->action(QStringLiteral("image.draw")));
        canvas()->setTool(ImageCanvas::Tool::Draw);
        drag({200, 100}, {260, 180});  // empty image: a new box
        QCOMPARE(stored().size(), 2);
        QVERIFY(near(storedRect(1), QRectF(200, 100, 60, 80)));
        drag({50, 50}, {70, 60});  // on a box: moves it
        QCOMPARE(stored().size(), 2);
        QVERIFY2(near(storedRect(0), QRectF(40, 30, 60, 60)), qPrintable(describe(storedRect(0))));
    }

    void movesABoxByDragging() {
        openFresh({boxJson(QStringLiteral("car"), 100, 100, 80, 60)});
        drag({140, 130}, {170, 150});
        QVERIFY2(near(storedRect(0), QRectF(130, 120, 80, 60)),
                 qPrintable(describe(storedRect(0))));
        QCOMPARE(storedRect(0).size(), QSizeF(80, 60));  // a move never changes the size
        QCOMPARE(m_document->undoStack()->count(), 2);   // setup + one move
        QCOMPARE(m_document->undoStack()->text(1), QStringLiteral("Move box"));
    }

    void resizesByACornerHandle() {
        openFresh({boxJson(QStringLiteral("car"), 100, 100, 80, 60)});
        click({140, 130});  // select: the handles show on the one selected box
        QVERIFY(layer()->showsHandles(0));
        drag({180, 160}, {220, 200});  // bottom-right corner
        QVERIFY2(near(storedRect(0), QRectF(100, 100, 120, 100)),
                 qPrintable(describe(storedRect(0))));
        drag({100, 100}, {90, 80});  // top-left corner
        QVERIFY2(near(storedRect(0), QRectF(90, 80, 130, 120)),
                 qPrintable(describe(storedRect(0))));
        QCOMPARE(m_document->undoStack()->text(m_document->undoStack()->count() - 1),
                 QStringLiteral("Resize box"));
    }

    void handlesKeepTheirSizeOnScreen() {
        openFresh({boxJson(QStringLiteral("car"), 100, 100, 80, 60)});
        click({140, 130});
        canvas()->zoomToActualSize();
        QCOMPARE(canvas()->scale(), 1.0);
        const double margin1 = layer()->paintedRect(0).width() - 80;
        canvas()->zoomAt(4.0, viewport()->rect().center());
        QCOMPARE(canvas()->scale(), 4.0);
        const double margin4 = layer()->paintedRect(0).width() - 80;
        QVERIFY(margin1 > 0);
        QCOMPARE(margin4 * 4, margin1);  // same view pixels at both zooms
    }

    void nudgesWithArrows() {
        openFresh({boxJson(QStringLiteral("car"), 100, 100, 80, 60)});
        click({140, 130});
        key(Qt::Key_Right);
        QCOMPARE(storedRect(0), QRectF(101, 100, 80, 60));
        key(Qt::Key_Down, Qt::ShiftModifier);
        QCOMPARE(storedRect(0), QRectF(101, 110, 80, 60));
        key(Qt::Key_Left);
        key(Qt::Key_Up, Qt::ShiftModifier);
        QCOMPARE(storedRect(0), QRectF(100, 100, 80, 60));
        // Consecutive nudges of one selection are one undo step.
        QCOMPARE(m_document->undoStack()->count(), 2);  // setup + the nudges
        key(Qt::Key_Right);
        key(Qt::Key_Right);
        QCOMPARE(m_document->undoStack()->count(), 2);
        m_document->undoStack()->undo();
        QCOMPARE(storedRect(0), QRectF(100, 100, 80, 60));
        QCOMPARE(layer()->box(0).rect(), QRectF(100, 100, 80, 60));
        // Another edit in between starts a new step.
        m_document->undoStack()->redo();
        key(Qt::Key_D, Qt::ControlModifier);  // duplicate: the copy is selected
        key(Qt::Key_Left);
        key(Qt::Key_Left);
        QCOMPARE(m_document->undoStack()->count(), 4);
        m_document->undoStack()->undo();
        QCOMPARE(stored().size(), 2);
        QCOMPARE(storedRect(1), QRectF(112, 110, 80, 60));
    }

    void relabelsWithDigits() {
        openFresh({boxJson(QStringLiteral("car"), 100, 100, 80, 60)});
        click({140, 130});
        key(Qt::Key_2);
        QCOMPARE(stored()[0][QStringLiteral("label")].toString(), QStringLiteral("person"));
        QCOMPARE(layer()->box(0).label, QStringLiteral("person"));
        // Nothing selected: the digit picks the next box's label.
        key(Qt::Key_Escape);
        QVERIFY(layer()->selection().isEmpty());
        key(Qt::Key_3);
        QCOMPARE(m_editor->nextLabel(), QStringLiteral("sign"));
        QVERIFY(m_editor->statusText().contains(QStringLiteral("sign")));
        QCOMPARE(stored()[0][QStringLiteral("label")].toString(), QStringLiteral("person"));
        key(Qt::Key_W);
        drag({250, 50}, {300, 100});
        QCOMPARE(stored().size(), 2);
        QCOMPARE(stored()[1][QStringLiteral("label")].toString(), QStringLiteral("sign"));
        key(Qt::Key_1);  // back to car for the tests after this one
    }

    void deletesDuplicatesAndSelectsAll() {
        openFresh({boxJson(QStringLiteral("car"), 100, 100, 80, 60),
                   boxJson(QStringLiteral("person"), 300, 200, 50, 50)});
        click({140, 130});
        key(Qt::Key_D, Qt::ControlModifier);
        QJsonArray boxes = stored();
        QCOMPARE(boxes.size(), 3);
        QCOMPARE(rectOf(boxes[2]), QRectF(110, 110, 80, 60));
        QCOMPARE(boxes[2][QStringLiteral("label")].toString(), QStringLiteral("car"));
        QCOMPARE(layer()->selection(), QList<int>{2});  // the copy is selected
        key(Qt::Key_Delete);
        QCOMPARE(stored().size(), 2);
        key(Qt::Key_A, Qt::ControlModifier);
        QCOMPARE(layer()->selection(), (QList<int>{0, 1}));
        // A duplicate at the bottom-right edge lands up and left instead.
        click({140, 130});
        click({325, 225});
        QCOMPARE(layer()->selection(), QList<int>{1});
        drag({325, 225}, {500, 400});  // clamped into the corner
        QCOMPARE(storedRect(1), QRectF(350, 250, 50, 50));
        key(Qt::Key_D, Qt::ControlModifier);
        QCOMPARE(storedRect(2), QRectF(340, 240, 50, 50));
        key(Qt::Key_A, Qt::ControlModifier);
        key(Qt::Key_Delete);
        QCOMPARE(stored().size(), 0);
        QCOMPARE(layer()->count(), 0);
    }

    void undoAndRedoFollowTheStack() {
        openFresh({boxJson(QStringLiteral("car"), 100, 100, 80, 60),
                   boxJson(QStringLiteral("sign"), 300, 20, 40, 40)});
        drag({140, 130}, {160, 130});
        const QRectF moved = storedRect(0);
        QVERIFY(near(moved, QRectF(120, 100, 80, 60)));
        click({160, 130});
        key(Qt::Key_Delete);
        QCOMPARE(stored().size(), 1);
        QUndoStack* stack = m_document->undoStack();
        stack->undo();  // the delete
        QCOMPARE(stored().size(), 2);
        QCOMPARE(layer()->count(), 2);
        QCOMPARE(layer()->box(0).rect(), moved);
        QCOMPARE(m_editor->boxPanel()->model()->rowCount(), 2);
        stack->undo();  // the move: the moved box's item follows, nothing is rebuilt
        QCOMPARE(storedRect(0), QRectF(100, 100, 80, 60));
        QCOMPARE(layer()->box(0).rect(), QRectF(100, 100, 80, 60));
        QCOMPARE(layer()->lastChangeCount(), 1);
        stack->redo();
        QCOMPARE(storedRect(0), moved);
        QCOMPARE(layer()->box(0).rect(), moved);
        stack->redo();
        QCOMPARE(stored().size(), 1);
        QCOMPARE(layer()->count(), 1);
        QCOMPARE(layer()->box(0).label, QStringLiteral("sign"));
        // The layer reports what a change touched: one box of two.
        QList<Box> boxes = layer()->boxes();
        boxes[0].x += 5;
        boxes << boxes[0];
        QCOMPARE(layer()->setBoxes(boxes), 2);  // one changed, one added
        QCOMPARE(layer()->setBoxes(boxes), 0);
    }

    void boxesNeverLeaveTheImage() {
        openFresh({boxJson(QStringLiteral("car"), 100, 100, 80, 60)});
        drag({140, 130}, {600, 500});
        QCOMPARE(storedRect(0), QRectF(320, 240, 80, 60));
        drag({360, 270}, {-300, -300});
        QCOMPARE(storedRect(0), QRectF(0, 0, 80, 60));
        // Resizing past the edge stops at it.
        click({40, 30});
        drag({80, 60}, {700, 700});
        QCOMPARE(storedRect(0), QRectF(0, 0, 400, 300));
        // Drawing from inside to outside is cut at the edge.
        key(Qt::Key_Escape);
        key(Qt::Key_W);
        drag({300, 200}, {450, 380});
        QCOMPARE(stored().size(), 2);
        QVERIFY2(near(storedRect(1), QRectF(300, 200, 100, 100)),
                 qPrintable(describe(storedRect(1))));
        QCOMPARE(storedRect(1).right(), 400.0);
        QCOMPARE(storedRect(1).bottom(), 300.0);
        // Nudging at the edge does nothing and adds no undo step.
        const int steps = m_document->undoStack()->count();
        key(Qt::Key_Right, Qt::ShiftModifier);
        QCOMPARE(storedRect(1).right(), 400.0);
        QCOMPARE(m_document->undoStack()->count(), steps);
    }

    void listAndCanvasSelectTogether() {
        openFresh({boxJson(QStringLiteral("car"), 20, 20, 50, 50),
                   boxJson(QStringLiteral("person"), 200, 100, 60, 40),
                   boxJson(QStringLiteral("sign"), 300, 200, 40, 40)});
        QTreeView* view = m_editor->boxPanel()->view();
        QCOMPARE(view->model()->rowCount(), 3);
        const QModelIndex row1 = view->model()->index(1, BoxListModel::LabelColumn);
        QCOMPARE(row1.data().toString(), QStringLiteral("person"));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(row1).center());
        QCOMPARE(layer()->selection(), QList<int>{1});
        QVERIFY(layer()->isSelected(1));
        // And back: a click on the canvas selects the row.
        canvas()->setFocus();
        click({320, 220});
        QCOMPARE(view->selectionModel()->selectedRows().size(), 1);
        QCOMPARE(view->selectionModel()->selectedRows().first().row(), 2);
        // Tab walks through the boxes.
        key(Qt::Key_Tab);
        QCOMPARE(layer()->selection(), QList<int>{0});
        key(Qt::Key_Backtab, Qt::ShiftModifier);
        QCOMPARE(layer()->selection(), QList<int>{2});
        // A rubber band selects the boxes inside it.
        key(Qt::Key_Escape);
        drag({150, 80}, {399, 299});
        QCOMPARE(layer()->selection(), (QList<int>{1, 2}));
        grab(QStringLiteral("image-editor-selection"));
        QCOMPARE(view->selectionModel()->selectedRows().size(), 2);
        // A gesture ends without rebuilding the list: rows stay the same objects.
        const QPersistentModelIndex kept(view->model()->index(0, 0));
        drag({45, 45}, {55, 45});
        QVERIFY(kept.isValid());
        QCOMPARE(kept.row(), 0);
    }

    void hidesBoxesByLabel() {
        openFresh({boxJson(QStringLiteral("car"), 20, 20, 50, 50),
                   boxJson(QStringLiteral("person"), 200, 100, 60, 40)});
        QListWidget* filter = m_editor->boxPanel()->labelFilter();
        QCOMPARE(filter->count(), 3);
        QVERIFY(filter->item(0)->text().contains(QStringLiteral("(1)")));
        filter->item(0)->setCheckState(Qt::Unchecked);  // car
        QVERIFY(!layer()->isShown(0));
        QVERIFY(layer()->isShown(1));
        QCOMPARE(m_editor->boxPanel()->view()->model()->rowCount(), 1);
        click({40, 40});  // a hidden box cannot be picked
        QVERIFY(layer()->selection().isEmpty());
        key(Qt::Key_A, Qt::ControlModifier);
        QCOMPARE(layer()->selection(), QList<int>{1});
        filter->item(0)->setCheckState(Qt::Checked);
        QVERIFY(layer()->isShown(0));
        // Names on boxes toggle with T.
        QVERIFY(canvas()->showNames());
        key(Qt::Key_T);
        QVERIFY(!canvas()->showNames());
        key(Qt::Key_T);
        QVERIFY(canvas()->showNames());
    }

    void attributesApplyToTheSelection() {
        openFresh({boxJson(QStringLiteral("car"), 20, 20, 50, 50)});
        auto* occluded = qobject_cast<QCheckBox*>(
            m_editor->boxPanel()->attributes()->editor(QStringLiteral("occluded")));
        QVERIFY(occluded);
        QVERIFY(!occluded->isEnabled());  // nothing selected
        click({40, 40});
        QVERIFY(occluded->isEnabled());
        occluded->click();
        grab(QStringLiteral("image-editor-attributes"));
        QCOMPARE(stored()[0][QStringLiteral("attrs")].toObject(),
                 (QJsonObject{{QStringLiteral("occluded"), true}}));
        QCOMPARE(m_document->undoStack()->text(m_document->undoStack()->count() - 1),
                 QStringLiteral("Set occluded"));
        auto* view = qobject_cast<QComboBox*>(
            m_editor->boxPanel()->attributes()->editor(QStringLiteral("view")));
        QVERIFY(view);
        view->setCurrentIndex(2);
        Q_EMIT view->activated(2);
        QCOMPARE(stored()[0][QStringLiteral("attrs")][QStringLiteral("view")].toString(),
                 QStringLiteral("side"));
        // Typing into a text attribute: the digits and letters are text, not
        // the editor's keys.
        auto* note = qobject_cast<QLineEdit*>(
            m_editor->boxPanel()->attributes()->editor(QStringLiteral("note")));
        QVERIFY(note);
        note->setFocus();
        QTest::keyClicks(note, QStringLiteral("dent 2 wd"));
        QTest::keyClick(note, Qt::Key_Return);
        QCOMPARE(stored()[0][QStringLiteral("attrs")][QStringLiteral("note")].toString(),
                 QStringLiteral("dent 2 wd"));
        QCOMPARE(stored()[0][QStringLiteral("label")].toString(), QStringLiteral("car"));
        QVERIFY(!canvas()->isDrawArmed());
        QCOMPARE(stored()[0][QStringLiteral("attrs")].toObject().size(), 3);
        // Duplicates carry the attributes along.
        canvas()->setFocus();
        key(Qt::Key_D, Qt::ControlModifier);
        QCOMPARE(stored()[1][QStringLiteral("attrs")], stored()[0][QStringLiteral("attrs")]);
    }

    void paletteAppliesALabel() {
        openFresh({boxJson(QStringLiteral("car"), 20, 20, 50, 50)});
        click({40, 40});
        key(Qt::Key_K, Qt::ControlModifier);
        LabelPalette* palette = m_editor->labelPalette();
        QTRY_VERIFY(palette->isVisible());
        QTest::keyClicks(palette->filterEdit(), QStringLiteral("sig"));
        QCOMPARE(palette->currentLabel(), QStringLiteral("sign"));
        // The match, then the offer to create a label of the typed name.
        QCOMPARE(palette->listView()->model()->rowCount(), 2);
        QCOMPARE(palette->listView()->model()->index(1, 0).data().toString(),
                 QStringLiteral("Create label “sig”"));
        QTest::keyClick(palette->filterEdit(), Qt::Key_Return);
        QVERIFY(!palette->isVisible());
        QCOMPARE(stored()[0][QStringLiteral("label")].toString(), QStringLiteral("sign"));
        m_editor->applyLabel(QStringLiteral("car"));
        QCOMPARE(stored()[0][QStringLiteral("label")].toString(), QStringLiteral("car"));
    }

    void zoomsAndFits() {
        openFresh();
        QVERIFY(canvas()->isFitted());
        const double fitted = canvas()->scale();
        key(Qt::Key_0, Qt::ControlModifier);
        QCOMPARE(canvas()->scale(), 1.0);
        QVERIFY(m_editor->statusText().contains(QStringLiteral("100 %")));
        // The wheel zooms at the cursor: the image point under it stays put
        // (once the image is larger than the view, so that it can scroll).
        canvas()->zoomAt(3.0, QPointF(viewport()->rect().center()));
        const double before = canvas()->scale();
        const QPoint cursor(viewport()->width() / 3, viewport()->height() / 3);
        const QPointF target = canvas()->mapToScene(cursor);
        QWheelEvent wheel(cursor, viewport()->mapToGlobal(cursor), QPoint(), QPoint(0, 120),
                          Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(viewport(), &wheel);
        QCoreApplication::processEvents();
        QVERIFY(canvas()->scale() > before * 1.1);
        const QPointF under = canvas()->mapToScene(cursor);
        QVERIFY2((under - target).manhattanLength() * canvas()->scale() < 3,
                 qPrintable(QStringLiteral("%1,%2 -> %3,%4")
                                .arg(target.x())
                                .arg(target.y())
                                .arg(under.x())
                                .arg(under.y())));
        // So do + and - (at the view centre when the mouse is elsewhere).
        const double wheeled = canvas()->scale();
        key(Qt::Key_Plus);
        QVERIFY(canvas()->scale() > wheeled);
        key(Qt::Key_F);
        QVERIFY(canvas()->isFitted());
        QCOMPARE(canvas()->scale(), fitted);
        key(Qt::Key_Minus);
        QVERIFY(canvas()->scale() < fitted);
    }

    void copiesThePreviousTasksBoxes() {
        openFresh({boxJson(QStringLiteral("person"), 350, 250, 40, 40),
                   boxJson(QStringLiteral("car"), 10, 10, 30, 20)});
        open(addTask(QStringLiteral("media/small.png")));  // 200x150
        QCOMPARE(canvas()->imageSize(), QSize(200, 150));
        const QJsonObject answers{
            {QStringLiteral("answers"), QJsonObject{{QStringLiteral("blurry"), true}}}};
        m_document->changeResult(answers, QStringLiteral("answer"));
        key(Qt::Key_P, Qt::ControlModifier);
        const QJsonArray boxes = stored();
        QCOMPARE(boxes.size(), 2);
        QCOMPARE(rectOf(boxes[0]), QRectF(160, 110, 40, 40));  // clamped into this image
        QCOMPARE(boxes[0][QStringLiteral("label")].toString(), QStringLiteral("person"));
        QCOMPARE(rectOf(boxes[1]), QRectF(10, 10, 30, 20));
        QCOMPARE(m_document->undoStack()->count(), 2);  // the answer, then one step for the copy
        QCOMPARE(m_document->result().value(QStringLiteral("answers")),
                 answers.value(QStringLiteral("answers")));
        QVERIFY(m_editor->statusText().contains(QStringLiteral("Copied 2 boxes")));
        m_document->undoStack()->undo();
        QCOMPARE(stored().size(), 0);
    }

    void copyPreviousTwiceAddsNothingAndStoresNoNoise() {
        // A box at x 350 of a 400 px image, 64.07 wide: clamped into a 200 px
        // image it lands at 200 - 64.07 = 135.93000000000001 unrounded.
        openFresh({boxJson(QStringLiteral("car"), 350, 20, 64.07, 30)});
        open(addTask(QStringLiteral("media/small.png")));  // 200x150
        key(Qt::Key_P, Qt::ControlModifier);
        QCOMPARE(stored().size(), 1);
        QCOMPARE(stored()[0][QStringLiteral("x")].toDouble(), 135.93);
        const QByteArray json = QJsonDocument(stored()).toJson(QJsonDocument::Compact);
        QVERIFY2(json.contains("\"x\":135.93,"), json.constData());
        // Ctrl+P again: the boxes are there already, nothing is stacked on them.
        key(Qt::Key_P, Qt::ControlModifier);
        QCOMPARE(stored().size(), 1);
        QCOMPARE(m_document->undoStack()->count(), 1);
        QVERIFY2(m_editor->statusText().contains(QStringLiteral("already here")),
                 qPrintable(m_editor->statusText()));
        // A box moved since the copy does not stop the copy of the others.
        openFresh({boxJson(QStringLiteral("car"), 10, 10, 30, 20),
                   boxJson(QStringLiteral("sign"), 100, 100, 30, 20)});
        open(addTask(QStringLiteral("media/picture.png")));
        key(Qt::Key_P, Qt::ControlModifier);
        click({20, 20});
        key(Qt::Key_Right);
        key(Qt::Key_P, Qt::ControlModifier);
        QCOMPARE(stored().size(), 3);
    }

    // A project with no labels: a drawn box asks for its label, the palette
    // creates it in the schema, and one undo takes back both.
    void drawingWithNoLabelAsksAndCreatesTheLabel() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("nolabels.postil"));
        auto project = makeProject(path);
        QVERIFY(project->schema().labels.isEmpty());
        QVERIFY(pictureOf(200, 150).save(dir.filePath(QStringLiteral("a.png"))));
        Task task;
        task.uid = QStringLiteral("a");
        task.kind = TaskKind::Image;
        task.data = {{QStringLiteral("image"), QStringLiteral("a.png")}};
        QVERIFY(project->tasks().add(task).ok());
        m_editor->setDocument(nullptr);
        m_document = std::make_unique<TaskDocument>(*project, task);
        m_editor->setDocument(m_document.get());
        m_editor->focusEditor();
        auto storedIn = [&] {
            auto reopened = Project::open(path);
            auto row = (*reopened)->annotations().get(QStringLiteral("a"), project->annotator());
            return row && !row->deleted ? row->result.value(QStringLiteral("boxes")).toArray()
                                        : QJsonArray();
        };
        auto storedLabels = [&] {
            QStringList names;
            auto reopened = Project::open(path);
            for (const Label& l : (*reopened)->schema().labels)
                names << l.name;
            return names;
        };
        LabelPalette* palette = m_editor->labelPalette();

        // Escape: the box is not kept without a label.
        key(Qt::Key_W);
        drag({20, 20}, {80, 70});
        QTRY_VERIFY(palette->isVisible());
        QTest::keyClick(palette->filterEdit(), Qt::Key_Escape);
        QVERIFY(!palette->isVisible());
        QCOMPARE(layer()->count(), 0);
        QCOMPARE(storedIn().size(), 0);

        key(Qt::Key_W);
        drag({20, 20}, {80, 70});
        QTRY_VERIFY(palette->isVisible());
        QTest::keyClicks(palette->filterEdit(), QStringLiteral("dog"));
        QVERIFY(palette->currentCreates());
        QTest::keyClick(palette->filterEdit(), Qt::Key_Return);
        QCOMPARE(storedIn().size(), 1);
        QCOMPARE(storedIn()[0][QStringLiteral("label")].toString(), QStringLiteral("dog"));
        QCOMPARE(storedLabels(), QStringList{QStringLiteral("dog")});
        QCOMPARE(m_editor->nextLabel(), QStringLiteral("dog"));
        QCOMPARE(m_editor->labelForKey(1), QStringLiteral("dog"));
        // The label filter lists the new label, and no "(no label)" row.
        QStringList filterRows;
        for (int i = 0; i < m_editor->boxPanel()->labelFilter()->count(); ++i)
            filterRows << m_editor->boxPanel()->labelFilter()->item(i)->text();
        QVERIFY2(filterRows.join(u'|').contains(QStringLiteral("dog")),
                 qPrintable(filterRows.join(u'|')));
        QVERIFY2(!filterRows.join(u'|').contains(QStringLiteral("(no label)")),
                 qPrintable(filterRows.join(u'|')));
        QCOMPARE(m_document->undoStack()->count(), 1);
        m_document->undoStack()->undo();
        QCOMPARE(storedIn().size(), 0);
        QCOMPARE(storedLabels(), QStringList());
        QCOMPARE(layer()->count(), 0);
        m_document->undoStack()->redo();
        QCOMPARE(storedLabels(), QStringList{QStringLiteral("dog")});
        QCOMPARE(layer()->count(), 1);
        QCOMPARE(layer()->box(0).label, QStringLiteral("dog"));

        // Ctrl+K on the selected box creates a second label and applies it.
        click({50, 45});
        key(Qt::Key_K, Qt::ControlModifier);
        QTRY_VERIFY(palette->isVisible());
        QTest::keyClicks(palette->filterEdit(), QStringLiteral("cat"));
        QTest::keyClick(palette->filterEdit(), Qt::Key_Return);
        QCOMPARE(storedIn()[0][QStringLiteral("label")].toString(), QStringLiteral("cat"));
        QCOMPARE(storedLabels(), (QStringList{QStringLiteral("dog"), QStringLiteral("cat")}));
        m_document->undoStack()->undo();
        QCOMPARE(storedIn()[0][QStringLiteral("label")].toString(), QStringLiteral("dog"));
        QCOMPARE(storedLabels(), QStringList{QStringLiteral("dog")});
        m_editor->setDocument(nullptr);
        m_document.reset();
    }

    // A box too small to hold its name still says it while names are on
    // (above the box), and hovering any box tells its label and attributes.
    void smallBoxesShowTheirNameAndHoverTellsIt() {
        openFresh({boxJson(QStringLiteral("person"), 100, 100, 4, 4),
                   boxJson(QStringLiteral("car"), 200, 0, 4, 4)});
        m_document->changeResult(
            {{QStringLiteral("boxes"),
              QJsonArray{
                  boxJson(QStringLiteral("person"), 100, 100, 4, 4),
                  QJsonObject{{QStringLiteral("label"), QStringLiteral("car")},
                              {QStringLiteral("x"), 200},
                              {QStringLiteral("y"), 0},
                              {QStringLiteral("w"), 4},
                              {QStringLiteral("h"), 4},
                              {QStringLiteral("attrs"),
                               QJsonObject{{QStringLiteral("occluded"), true},
                                           {QStringLiteral("view"), QStringLiteral("side")}}}}}}},
            QStringLiteral("attrs"));
        QVERIFY(canvas()->showNames());
        auto paintedNames = [&] {
            viewport()->grab();  // paints the scene once
            return layer()->item()->namesPainted();
        };
        QCOMPARE(paintedNames(), 2);
        key(Qt::Key_T);
        QVERIFY(!canvas()->showNames());
        QCOMPARE(paintedNames(), 0);
        key(Qt::Key_T);
        QCOMPARE(paintedNames(), 2);

        const QString person = canvas()->toolTipAt(at({102, 102}));
        QVERIFY2(person.startsWith(QStringLiteral("person")), qPrintable(person));
        const QString car = canvas()->toolTipAt(at({202, 2}));
        QVERIFY2(car.startsWith(QStringLiteral("car\n")) &&
                     car.contains(QStringLiteral("occluded")) &&
                     car.contains(QStringLiteral("view: side")),
                 qPrintable(car));
        QCOMPARE(canvas()->toolTipAt(at({300, 250})), QString());
        // The tooltip event shows it over the box, without selecting it.
        QHelpEvent help(QEvent::ToolTip, at({102, 102}), viewport()->mapToGlobal(at({102, 102})));
        QApplication::sendEvent(viewport(), &help);
        QVERIFY(layer()->selection().isEmpty());
    }

    void copyWithNothingBeforeSaysSo() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("other.postil")));
        QVERIFY(pictureOf(50, 50).save(dir.filePath(QStringLiteral("a.png"))));
        Task task;
        task.uid = QStringLiteral("only");
        task.kind = TaskKind::Image;
        task.data = {{QStringLiteral("image"), QStringLiteral("a.png")}};
        QVERIFY(project->tasks().add(task).ok());
        m_editor->setDocument(nullptr);
        m_document = std::make_unique<TaskDocument>(*project, task);
        m_editor->setDocument(m_document.get());
        QVERIFY(!m_editor->copyPreviousBoxes());
        QVERIFY(m_editor->statusText().contains(QStringLiteral("No earlier image task")));
        QCOMPARE(m_document->undoStack()->count(), 0);
        m_editor->setDocument(nullptr);
        m_document.reset();
    }

    void missingOrBrokenImageShowsAMessage() {
        open(addTask(QStringLiteral("media/nowhere.png")));
        QVERIFY(!canvas()->hasImage());
        QVERIFY2(m_editor->errorText().contains(QStringLiteral("nowhere.png")),
                 qPrintable(m_editor->errorText()));
        grab(QStringLiteral("image-editor-missing"));
        QVERIFY(m_editor->errorText().contains(QStringLiteral("missing")));
        QVERIFY(!canvas()->isVisible());
        {
            // The way out of a broken task still works from the keyboard.
            QSignalSpy navigate(m_editor.get(), &TaskEditor::navigateWithinKindRequested);
            key(Qt::Key_D);
            QCOMPARE(navigate.size(), 1);
        }

        writeFile(m_dir.filePath(QStringLiteral("media/notes.png")), "this is not an image");
        open(addTask(QStringLiteral("media/notes.png")));
        QVERIFY2(m_editor->errorText().contains(QStringLiteral("notes.png")),
                 qPrintable(m_editor->errorText()));
        QVERIFY(m_editor->errorText().contains(QStringLiteral("cannot be shown")));

        // The next task with a good image works as before.
        openFresh();
        QVERIFY(m_editor->errorText().isEmpty());
        QVERIFY(canvas()->isVisible());
        key(Qt::Key_W);
        drag({10, 10}, {60, 60});
        QCOMPARE(stored().size(), 1);
    }

    void rotatedJpegUsesDisplayedPixels() {
        // Stored 300x200; orientation 6 displays it 200x300 (rotated 90° clockwise).
        QVERIFY(writeJpeg(m_dir.filePath(QStringLiteral("media/rotated.jpg")), pictureOf(300, 200),
                          6, 90));
        open(addTask(QStringLiteral("media/rotated.jpg")));
        QVERIFY2(m_editor->errorText().isEmpty(), qPrintable(m_editor->errorText()));
        QCOMPARE(canvas()->imageSize(), QSize(200, 300));
        key(Qt::Key_W);
        drag({20, 230}, {180, 290});  // y beyond the stored height of 200
        QVERIFY2(near(storedRect(0), QRectF(20, 230, 160, 60)),
                 qPrintable(describe(storedRect(0))));
        drag({100, 260}, {300, 400});  // clamped to the displayed size
        QCOMPARE(storedRect(0).right(), 200.0);
        QCOMPARE(storedRect(0).bottom(), 300.0);
    }

    void untouchedBoxesAndOtherKeysStayAsTheyWere() {
        QJsonObject odd = boxJson(QStringLiteral("car"), 10.123456789, 20.5, 30.25, 40.0625);
        odd.insert(QStringLiteral("id"), QStringLiteral("b-1"));
        odd.insert(QStringLiteral("score"), 0.75);
        open(addTask(QStringLiteral("media/picture.png")));
        const QJsonObject start{
            {QStringLiteral("boxes"),
             QJsonArray{odd, boxJson(QStringLiteral("sign"), 200, 150, 40, 40)}},
            {QStringLiteral("answers"), QJsonObject{{QStringLiteral("blurry"), false}}},
            {QStringLiteral("extra"), QStringLiteral("kept")}};
        m_document->changeResult(start, QStringLiteral("setup"));
        const QByteArray before = canonicalJson(stored()[0].toObject());
        drag({220, 170}, {250, 190});  // moves the second box only
        key(Qt::Key_Right);
        QCOMPARE(canonicalJson(stored()[0].toObject()), before);
        QCOMPARE(m_document->result().value(QStringLiteral("extra")).toString(),
                 QStringLiteral("kept"));
        QCOMPARE(m_document->result().value(QStringLiteral("answers")),
                 start.value(QStringLiteral("answers")));
        // Moving the odd box keeps its unknown keys; being edited, it is
        // stored to 0.01 px (its edges rounded).
        click({20, 30});
        key(Qt::Key_Down);
        const QJsonObject movedOdd = stored()[0].toObject();
        QCOMPARE(movedOdd.value(QStringLiteral("id")).toString(), QStringLiteral("b-1"));
        QCOMPARE(movedOdd.value(QStringLiteral("score")).toDouble(), 0.75);
        QCOMPARE(movedOdd.value(QStringLiteral("x")).toDouble(), 10.12);
        QCOMPARE(movedOdd.value(QStringLiteral("y")).toDouble(), 21.5);
        QCOMPARE(movedOdd.value(QStringLiteral("w")).toDouble(), 30.25);
        QCOMPARE(movedOdd.value(QStringLiteral("h")).toDouble(), 40.06);
    }

    // Saves a row for the task under another annotator, as an import does.
    void propose(const QString& source, const QJsonArray& boxes) {
        Annotation row;
        row.taskUid = m_document ? m_document->task().uid : QString();
        row.annotator = source;
        row.result = {{QStringLiteral("boxes"), boxes}};
        QVERIFY2(m_project->saveAnnotation(row).ok(), "cannot save the proposal");
    }

    void proposalsShowAsALayerAndAreAccepted() {
        open(addTask(QStringLiteral("media/picture.png")));
        propose(QStringLiteral("coco-import"),
                {boxJson(QStringLiteral("car"), 10, 10, 60, 40),
                 boxJson(QStringLiteral("person"), 200, 100, 50, 80)});
        propose(QStringLiteral("yolo-import"), {boxJson(QStringLiteral("sign"), 300, 20, 40, 40)});
        open(m_document->task().id);  // opened again: the rows are read with the task
        QCOMPARE(m_editor->proposals().size(), 3);
        QCOMPARE(layer()->count(), 0);  // not boxes of one's own
        QVERIFY2(m_editor->statusText().contains(QStringLiteral("3 proposed boxes from "
                                                                "coco-import, yolo-import")),
                 qPrintable(m_editor->statusText()));
        QStringList captions;
        for (const ProposedBox& proposal : m_editor->proposals())
            captions << ProposalLayerItem::caption(proposal);
        QCOMPARE(captions, (QStringList{QStringLiteral("coco-import: car"),
                                        QStringLiteral("coco-import: person"),
                                        QStringLiteral("yolo-import: sign")}));
        grab(QStringLiteral("image-editor-proposals"));
        // A click on a proposal selects nothing: it is not one's own box yet.
        click({220, 140});
        QVERIFY(layer()->selection().isEmpty());

        // E takes the one under the cursor.
        QTest::mouseMove(viewport(), at({320, 40}));
        key(Qt::Key_E);
        QCOMPARE(stored().size(), 1);
        QCOMPARE(stored()[0][QStringLiteral("label")].toString(), QStringLiteral("sign"));
        QCOMPARE(storedRect(0), QRectF(300, 20, 40, 40));
        QCOMPARE(layer()->selection(), QList<int>{0});
        QCOMPARE(m_editor->proposals().size(), 2);

        // Shift+A the rest, in one undo step, without a second "sign".
        const int steps = m_document->undoStack()->count();
        key(Qt::Key_A, Qt::ShiftModifier);
        QCOMPARE(stored().size(), 3);
        QCOMPARE(m_document->undoStack()->count(), steps + 1);
        QCOMPARE(m_editor->proposals().size(), 0);
        QVERIFY(!m_editor->acceptAllProposals());
        QCOMPARE(stored().size(), 3);
        m_document->undoStack()->undo();
        QCOMPARE(stored().size(), 1);
        QCOMPARE(m_editor->proposals().size(), 2);  // shown again, to accept again

        // P hides the layer; E then accepts nothing it cannot show.
        key(Qt::Key_P);
        QVERIFY(!m_editor->proposalsShown());
        key(Qt::Key_E);
        QCOMPARE(stored().size(), 1);
        key(Qt::Key_P);
        QVERIFY(m_editor->proposalsShown());
        // Away from every proposal, E takes the first one left.
        QTest::mouseMove(viewport(), at({390, 290}));
        key(Qt::Key_E);
        QCOMPARE(stored().size(), 2);
        QCOMPARE(stored()[1][QStringLiteral("label")].toString(), QStringLiteral("car"));

        // The sources' own rows are left as they were.
        auto source =
            m_project->annotations().get(m_document->task().uid, QStringLiteral("coco-import"));
        QVERIFY(source && !source->deleted);
        QCOMPARE(source->result.value(QStringLiteral("boxes")).toArray().size(), 2);
    }

    void helpNamesTheProposalKeys() {
        openFresh();
        QStringList rows;
        for (const auto& [keys, text] : m_editor->shortcutHelp())
            rows << keys + QLatin1Char('=') + text;
        QVERIFY2(rows.filter(QStringLiteral("Dashed boxes=")).size() == 1,
                 qPrintable(rows.join(u'|')));
        const QString row = rows.filter(QStringLiteral("Dashed boxes=")).first();
        QVERIFY2(row.contains(QStringLiteral("Shift+A accepts all")), qPrintable(row));
        QVERIFY2(row.contains(QStringLiteral("E the one under the cursor")), qPrintable(row));
        QVERIFY2(row.contains(QStringLiteral("P hides them")), qPrintable(row));
    }

    void truncatedImageReportsItsProblem() {
        openFresh();
        QCOMPARE(m_editor->mediaProblem(), QString());
        const QString path = m_dir.filePath(QStringLiteral("media/cut.jpg"));
        QVERIFY(writeJpeg(path, pictureOf(300, 200), 1));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.resize(file.size() / 2));
        file.close();
        open(addTask(QStringLiteral("media/cut.jpg")));
        QVERIFY2(m_editor->mediaProblem().contains(QStringLiteral("cut.jpg")),
                 qPrintable(m_editor->mediaProblem()));
    }

    void taskKeysAskToNavigate() {
        openFresh();
        // A and D stay among image tasks: the request says so.
        QSignalSpy spy(m_editor.get(), &TaskEditor::navigateWithinKindRequested);
        QSignalSpy anyKind(m_editor.get(), &TaskEditor::navigateRequested);
        key(Qt::Key_D);
        key(Qt::Key_A);
        QCOMPARE(spy.size(), 2);
        QCOMPARE(spy.at(0).at(0).toInt(), 1);
        QCOMPARE(spy.at(1).at(0).toInt(), -1);
        QCOMPARE(anyKind.size(), 0);
    }
};

QTEST_MAIN(TestImageEditor)
#include "tst_imageeditor.moc"

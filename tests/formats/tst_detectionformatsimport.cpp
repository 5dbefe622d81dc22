// The import rules the five detection formats share (postil-cli import
// --help): which task an image goes to, clamping, schema growth, bad records,
// and each format's own layouts and variants.

#include <QColor>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

#include "tst_detectionformats.h"

using namespace postil;
using namespace postil::detectiontest;

namespace {

QString joined(const QStringList& lines) {
    return lines.join(QLatin1Char('\n'));
}

}  // namespace

class TestDetectionImport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void imagesGoToTheirTasks() {
        QTemporaryDir dir;
        makePng(dir.filePath(QStringLiteral("images/a.png")), 100, 80);
        makePng(dir.filePath(QStringLiteral("images/b.png")), 120, 90);
        makePng(dir.filePath(QStringLiteral("images/one/x.png")), 10, 10);
        makePng(dir.filePath(QStringLiteral("images/two/x.png")), 20, 20);
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));
        QVERIFY(importImageFolder(*project, dir));
        QCOMPARE(project->tasks().count(), 4);

        // a.png: not beside the file, but one task has that name. b.png: found
        // beside the file, same bytes as a task. x.png: two tasks have that
        // name. ghost.jpg: nowhere.
        const QString labels = dir.filePath(QStringLiteral("elsewhere/labels.json"));
        writeFile(labels, R"({"images": [
            {"id": 1, "file_name": "a.png", "width": 100, "height": 80},
            {"id": 2, "file_name": "../images/b.png", "width": 120, "height": 90},
            {"id": 57, "file_name": "ghost.jpg", "width": 10, "height": 10},
            {"id": 4, "file_name": "x.png", "width": 10, "height": 10}],
          "annotations": [
            {"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 2, 3, 4]},
            {"id": 2, "image_id": 2, "category_id": 1, "bbox": [5, 6, 7, 8]},
            {"id": 3, "image_id": 57, "category_id": 1, "bbox": [1, 1, 1, 1]},
            {"id": 4, "image_id": 4, "category_id": 1, "bbox": [1, 1, 1, 1]}],
          "categories": [{"id": 1, "name": "car", "supercategory": ""}]})");
        auto report = importInto(*project, labels, QStringLiteral("auto"));
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report->tasksAdded, 0);
        QCOMPARE(report->annotationsAdded, 2);
        QCOMPARE(project->tasks().count(), 4);
        const auto a =
            storedBoxes(*project, QStringLiteral("a.png"), QStringLiteral("coco-import"));
        QVERIFY(a);
        QCOMPARE(a->size(), 1);
        QCOMPARE(a->at(0).x, 1.0);
        const auto b =
            storedBoxes(*project, QStringLiteral("b.png"), QStringLiteral("coco-import"));
        QVERIFY(b);
        QCOMPARE(b->at(0).w, 7.0);
        QVERIFY2(anyContains(report->warnings,
                             labels + QStringLiteral(": images[2] (id 57): image 57 'ghost.jpg' is "
                                                     "not in the project and not found next to "
                                                     "the file"),
                             QStringLiteral("skipped")),
                 qPrintable(joined(report->warnings)));
        QVERIFY2(anyContains(report->warnings, QStringLiteral("images[3] (id 4)"),
                             QStringLiteral("several tasks of the project have an image named "
                                            "'x.png'")),
                 qPrintable(joined(report->warnings)));

        // --images says where the file's names are relative to.
        const QString more = dir.filePath(QStringLiteral("elsewhere/more.json"));
        writeFile(more, R"({"images": [{"id": 1, "file_name": "two/x.png"}],
          "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [0, 0, 20, 20]}],
          "categories": [{"id": 1, "name": "car"}]})");
        auto withRoot =
            importInto(*project, more, QStringLiteral("coco"), false,
                       {{QStringLiteral("images"), dir.filePath(QStringLiteral("images"))}});
        QVERIFY2(withRoot.ok(), qPrintable(withRoot.error()));
        QCOMPARE(withRoot->tasksAdded, 0);
        QCOMPARE(withRoot->annotationsAdded, 1);
        QVERIFY2(withRoot->warnings.isEmpty(), qPrintable(joined(withRoot->warnings)));
    }

    void newImagesBecomeTasksAndAnnotatorsCanBeNamed() {
        QTemporaryDir dir;
        makePng(dir.filePath(QStringLiteral("set/img/a.png")), 100, 80);
        const QString labels = dir.filePath(QStringLiteral("set/labels.json"));
        writeFile(labels,
                  R"({"images": [{"id": 1, "file_name": "img/a.png", "width": 100, "height": 80}],
          "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 2, 3, 4]}],
          "categories": [{"id": 1, "name": "car"}]})");
        auto project = makeProject(dir.filePath(QStringLiteral("p/p.postil")));
        ImportOptions options;
        options.asAnnotator = QStringLiteral("model-v2");
        auto report = importFiles(*project, {labels}, QStringLiteral("coco"), options);
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report->tasksAdded, 1);
        const QString uid = taskOf(*project, QStringLiteral("a.png"));
        auto task = project->tasks().byUid(uid);
        QVERIFY(task);
        QCOMPARE(task->data.value(QStringLiteral("image")).toString(),
                 QStringLiteral("../set/img/a.png"));
        QCOMPARE(project->tasks().mediaSize(task->mediaHash), std::optional<QSize>(QSize(100, 80)));
        QVERIFY(storedBoxes(*project, QStringLiteral("a.png"), QStringLiteral("model-v2")));
        QVERIFY(!storedBoxes(*project, QStringLiteral("a.png"), QStringLiteral("coco-import")));
    }

    void boxesAreClampedAndLabelsAdded() {
        QTemporaryDir dir;
        makePng(dir.filePath(QStringLiteral("a.png")), 100, 100);
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));
        Schema schema;
        schema.labels << makeLabel("car", "#e6194b", "1");
        QVERIFY(project->setSchema(schema).ok());
        const QString labels = dir.filePath(QStringLiteral("labels.json"));
        writeFile(labels,
                  R"({"images": [{"id": 1, "file_name": "a.png", "width": 100, "height": 100}],
          "annotations": [
            {"id": 1, "image_id": 1, "category_id": 1, "bbox": [-10, 5, 50, 20]},
            {"id": 2, "image_id": 1, "category_id": 2, "bbox": [90, 90, 30.5, 30],
             "attributes": {"occluded": true, "colour": "red"}},
            {"id": 3, "image_id": 1, "category_id": 1, "bbox": [200, 200, 10, 10]},
            {"id": 4, "image_id": 1, "category_id": 1, "bbox": [10, 10, 0, 10]}],
          "categories": [{"id": 1, "name": "car"}, {"id": 2, "name": "zebra"}]})");
        auto report = importInto(*project, labels, QStringLiteral("coco"));
        QVERIFY2(report.ok(), qPrintable(report.error()));
        const auto boxes =
            storedBoxes(*project, QStringLiteral("a.png"), QStringLiteral("coco-import"));
        QVERIFY(boxes);
        QCOMPARE(boxes->size(), 2);
        QCOMPARE(boxes->at(0).x, 0.0);
        QCOMPARE(boxes->at(0).w, 40.0);
        QCOMPARE(boxes->at(0).y, 5.0);
        QCOMPARE(boxes->at(1).w, 10.0);
        QCOMPARE(boxes->at(1).h, 10.0);
        QCOMPARE(boxes->at(1).label, QStringLiteral("zebra"));
        QCOMPARE(boxes->at(1).attrs.value(QStringLiteral("colour")).toString(),
                 QStringLiteral("red"));
        const QString w = joined(report->warnings);
        QVERIFY2(
            anyContains(report->warnings, labels + QStringLiteral(": annotations[0]: box 'car'"),
                        QStringLiteral("clamped to (x 0, y 5, 40×20)")),
            qPrintable(w));
        QVERIFY2(anyContains(report->warnings, QStringLiteral("annotations[1]"),
                             QStringLiteral("clamped")),
                 qPrintable(w));
        QVERIFY2(anyContains(report->warnings, QStringLiteral("annotations[2]"),
                             QStringLiteral("lies outside the 100×100 image; skipped")),
                 qPrintable(w));
        QVERIFY2(anyContains(report->warnings, QStringLiteral("annotations[3]"),
                             QStringLiteral("has no area; skipped")),
                 qPrintable(w));
        QVERIFY2(anyContains(report->warnings, QStringLiteral("annotations[1]: label 'zebra' is "
                                                              "not in the project's schema; added "
                                                              "it")),
                 qPrintable(w));

        // The schema now has the new label (a colour and a free key) and
        // attributes, and it was stored.
        auto reopened = Project::open(project->path());
        QVERIFY(reopened.ok());
        const Schema& stored = (*reopened)->schema();
        QCOMPARE(stored.labels.size(), 2);
        QCOMPARE(stored.labels.at(1).name, QStringLiteral("zebra"));
        QVERIFY(QColor::isValidColorName(stored.labels.at(1).color));
        QVERIFY(stored.labels.at(1).color != QStringLiteral("#e6194b"));
        QCOMPARE(stored.labels.at(1).hotkey, QStringLiteral("2"));
        QCOMPARE(stored.attributes.size(), 2);
        for (const Attribute& a : stored.attributes)
            QCOMPARE(a.type, a.name == QLatin1String("occluded") ? QStringLiteral("flag")
                                                                 : QStringLiteral("text"));
    }

    void malformedFilesNameTheFileAndRecord() {
        QTemporaryDir dir;
        makePng(dir.filePath(QStringLiteral("a.png")), 100, 100);
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));

        const QString broken = dir.filePath(QStringLiteral("broken.json"));
        writeFile(broken, "{\"images\": [],\n \"annotations\": [],\n \"categories\": [,]}\n");
        auto failed = importInto(*project, broken, QStringLiteral("coco"));
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error().contains(broken + QStringLiteral(": line 3")),
                 qPrintable(failed.error()));

        const QString labels = dir.filePath(QStringLiteral("labels.json"));
        writeFile(labels, R"({"images": [{"id": 1, "file_name": "a.png"}],
          "annotations": [
            {"id": 1, "image_id": 1, "category_id": 1, "bbox": [1, 2, 3, 4]},
            {"id": 2, "image_id": 1, "category_id": 1, "bbox": [1, 2, 3]},
            {"id": 3, "image_id": 1, "category_id": 9, "bbox": [1, 2, 3, 4]}],
          "categories": [{"id": 1, "name": "car"}]})");
        auto strict = importInto(*project, labels, QStringLiteral("coco"));
        QVERIFY(!strict.ok());
        QVERIFY2(strict.error().contains(labels + QStringLiteral(": annotations[1]: bbox")),
                 qPrintable(strict.error()));
        QCOMPARE(project->tasks().count(), 0);  // atomic: nothing added

        // A good file that adds a label, then a broken one in the same import: the file rolls
        // back, and so does the open project's schema.
        const QString good = dir.filePath(QStringLiteral("good.json"));
        writeFile(good,
                  "{\"images\": [{\"id\": 1, \"file_name\": \"a.png\"}],\n"
                  " \"annotations\": [{\"id\": 1, \"image_id\": 1, \"category_id\": 1,"
                  " \"bbox\": [1, 2, 3, 4]}],\n"
                  " \"categories\": [{\"id\": 1, \"name\": \"bus\"}]}\n");
        const qsizetype labelsBefore = project->schema().labels.size();
        auto undone = importFiles(*project, {good, broken}, QStringLiteral("coco"), {});
        QVERIFY(!undone.ok());
        QCOMPARE(project->schema().labels.size(), labelsBefore);
        QCOMPARE(project->tasks().count(), 0);
        QVERIFY(importInto(*project, good, QStringLiteral("coco")).ok());  // alone, it adds "bus"
        QCOMPARE(project->schema().labels.size(), labelsBefore + 1);

        auto lenient = importInto(*project, labels, QStringLiteral("coco"), true);
        QVERIFY2(lenient.ok(), qPrintable(lenient.error()));
        QCOMPARE(lenient->badRecords.size(), 2);
        QVERIFY(
            lenient->badRecords.at(1).contains(QStringLiteral("annotations[2]: category_id 9")));
        const auto boxes =
            storedBoxes(*project, QStringLiteral("a.png"), QStringLiteral("coco-import"));
        QVERIFY(boxes);
        QCOMPARE(boxes->size(), 1);

        // VOC: the XML parser's line; YOLO: the label file's line.
        const QString xml = dir.filePath(QStringLiteral("voc/a.xml"));
        writeFile(xml,
                  "<annotation>\n<filename>a.png</filename>\n<object><name>car</name>\n"
                  "</annotation>\n");
        auto badXml = importInto(*project, xml, QStringLiteral("voc"));
        QVERIFY(!badXml.ok());
        QVERIFY2(badXml.error().contains(xml + QStringLiteral(": line 4")),
                 qPrintable(badXml.error()));

        makePng(dir.filePath(QStringLiteral("yolo/y.png")), 10, 10);
        writeFile(dir.filePath(QStringLiteral("yolo/classes.txt")), "car\n");
        writeFile(dir.filePath(QStringLiteral("yolo/y.txt")), "0 0.5 0.5 0.2 0.2\n0 0.5 0.5\n");
        auto badYolo =
            importInto(*project, dir.filePath(QStringLiteral("yolo")), QStringLiteral("auto"));
        QVERIFY(!badYolo.ok());
        QVERIFY2(badYolo.error().contains(QStringLiteral("y.txt:2: expected 'class cx cy w h'")),
                 qPrintable(badYolo.error()));
    }

    // Found by fuzzing (tests/fuzz/fuzz_voc): the XML tree was read by
    // recursion without a bound, so a file nesting elements a million deep
    // overflowed the stack and killed the process.
    void vocRefusesDeepNestingWithoutCrashing() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));
        const QString xml = dir.filePath(QStringLiteral("deep.xml"));
        QByteArray text = "<annotation>\n<filename>a.png</filename>\n";
        text += QByteArray("<object>").repeated(1000000);
        writeFile(xml, text);
        auto deep = importInto(*project, xml, QStringLiteral("voc"));
        QVERIFY(!deep.ok());
        QVERIFY2(deep.error().contains(xml + QStringLiteral(": line 3")) &&
                     deep.error().contains(QStringLiteral("nested more than 64 deep")),
                 qPrintable(deep.error()));
        QCOMPARE(project->tasks().count(), 0);
    }

    void labelmeRectanglesAndOtherShapes() {
        QTemporaryDir dir;
        makePng(dir.filePath(QStringLiteral("images/a.png")), 200, 100);
        const QString json = dir.filePath(QStringLiteral("json/a.json"));
        writeFile(json, R"({"version": "2.4.4", "flags": {}, "shapes": [
            {"label": "car", "points": [[10, 20], [50, 20], [50, 60], [10, 60]],
             "shape_type": "rectangle", "flags": {}, "group_id": null},
            {"label": "car", "points": [[150.5, 80], [100, 30.25]], "shape_type": "rectangle",
             "flags": {"occluded": true}, "group_id": null, "attributes": {"colour": "red"}},
            {"label": "road", "points": [[0, 0], [10, 0], [5, 5]], "shape_type": "polygon"}],
          "imagePath": "..\\images\\a.png", "imageData": null,
          "imageHeight": 100, "imageWidth": 200})");
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));
        QCOMPARE(FormatRegistry::instance().detectReader(json)->name(), QStringLiteral("labelme"));
        auto report = importInto(*project, json, QStringLiteral("auto"));
        QVERIFY2(report.ok(), qPrintable(report.error()));
        const auto boxes =
            storedBoxes(*project, QStringLiteral("a.png"), QStringLiteral("labelme-import"));
        QVERIFY(boxes);
        QCOMPARE(boxes->size(), 2);
        QCOMPARE(boxes->at(0).x, 10.0);
        QCOMPARE(boxes->at(0).w, 40.0);
        QCOMPARE(boxes->at(0).h, 40.0);
        QCOMPARE(boxes->at(1).x, 100.0);
        QCOMPARE(boxes->at(1).y, 30.25);
        QCOMPARE(boxes->at(1).w, 50.5);
        QCOMPARE(boxes->at(1).h, 49.75);
        QCOMPARE(boxes->at(1).attrs,
                 (QJsonObject{{QStringLiteral("occluded"), true},
                              {QStringLiteral("colour"), QStringLiteral("red")}}));
        QVERIFY2(anyContains(report->warnings,
                             json + QStringLiteral(": shapes[2]: a polygon shape is not a box; "
                                                   "skipped")),
                 qPrintable(joined(report->warnings)));
        QVERIFY(!anyContains(report->warnings, QStringLiteral("label 'road'")));
    }

    void createMlTakesBothSpellings() {
        QTemporaryDir dir;
        makePng(dir.filePath(QStringLiteral("a.png")), 100, 100);
        makePng(dir.filePath(QStringLiteral("b.png")), 100, 100);
        const QString json = dir.filePath(QStringLiteral("cml.json"));
        writeFile(json, R"([
          {"image": "a.png", "verified": false, "annotations": [
            {"label": "car", "coordinates": {"x": 30, "y": 40, "width": 20, "height": 10}}]},
          {"imagefilename": "b.png", "annotation": [
            {"label": "dog", "coordinates": {"x": 50.5, "y": 50, "width": 11, "height": 20}}]},
          {"image": "a.png", "annotations": [
            {"label": "dog", "coordinates": {"x": 5, "y": 5, "width": 10, "height": 10}}]}])");
        QCOMPARE(FormatRegistry::instance().detectReader(json)->name(), QStringLiteral("createml"));
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));
        auto report = importInto(*project, json, QStringLiteral("auto"));
        QVERIFY2(report.ok(), qPrintable(report.error()));
        const auto a =
            storedBoxes(*project, QStringLiteral("a.png"), QStringLiteral("createml-import"));
        QVERIFY(a);
        QCOMPARE(a->size(), 2);  // both entries for a.png
        QCOMPARE(a->at(0).x, 20.0);
        QCOMPARE(a->at(0).y, 35.0);
        QCOMPARE(a->at(1).x, 0.0);
        const auto b =
            storedBoxes(*project, QStringLiteral("b.png"), QStringLiteral("createml-import"));
        QVERIFY(b);
        QCOMPARE(b->at(0).x, 45.0);
        QCOMPARE(b->at(0).y, 40.0);
    }

    void yoloLayouts() {
        QTemporaryDir dir;
        // images/ + labels/ (Ultralytics), classes.txt at the top.
        const QString set = dir.filePath(QStringLiteral("set"));
        makePng(set + QStringLiteral("/images/train/a.png"), 200, 100);
        makePng(set + QStringLiteral("/images/train/b.png"), 200, 100);
        makePng(set + QStringLiteral("/images/train/c.png"), 200, 100);
        writeFile(set + QStringLiteral("/classes.txt"), "car\ndog\n");
        writeFile(set + QStringLiteral("/labels/train/a.txt"),
                  "1 0.5 0.5 0.5 0.5\n\n0 0.25 0.25 0.1 0.1\n");
        writeFile(set + QStringLiteral("/labels/train/b.txt"), "");  // nothing in b
        writeFile(set + QStringLiteral("/labels/train/orphan.txt"), "0 0.5 0.5 0.1 0.1\n");
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));
        QCOMPARE(FormatRegistry::instance().detectReader(set)->name(), QStringLiteral("yolo"));
        auto report =
            importInto(*project, set + QStringLiteral("/classes.txt"), QStringLiteral("auto"));
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report->tasksAdded, 3);
        const auto a =
            storedBoxes(*project, QStringLiteral("a.png"), QStringLiteral("yolo-import"));
        QVERIFY(a);
        QCOMPARE(a->size(), 2);
        QCOMPARE(a->at(0).label, QStringLiteral("dog"));
        QCOMPARE(a->at(0).x, 50.0);
        QCOMPARE(a->at(0).y, 25.0);
        QCOMPARE(a->at(0).w, 100.0);
        QCOMPARE(a->at(1).label, QStringLiteral("car"));
        QCOMPARE(a->at(1).x, 40.0);
        const auto b =
            storedBoxes(*project, QStringLiteral("b.png"), QStringLiteral("yolo-import"));
        QVERIFY(b);  // an empty file: annotated, no boxes
        QVERIFY(b->isEmpty());
        QVERIFY(!storedBoxes(*project, QStringLiteral("c.png"), QStringLiteral("yolo-import")));
        QVERIFY2(anyContains(report->warnings, QStringLiteral("orphan.txt"),
                             QStringLiteral("no image named 'orphan.*'")),
                 qPrintable(joined(report->warnings)));

        // A folder of label files only, for images the project already has.
        const QString preds = dir.filePath(QStringLiteral("preds"));
        writeFile(preds + QStringLiteral("/obj.names"), "car\n");
        writeFile(preds + QStringLiteral("/c.txt"), "0 0.5 0.5 1 1 0.93\n");
        writeFile(preds + QStringLiteral("/a.txt"), "3 0.5 0.5 1 1\n");
        auto more = importInto(*project, preds, QStringLiteral("yolo"), true);
        QVERIFY2(more.ok(), qPrintable(more.error()));
        QCOMPARE(more->tasksAdded, 0);
        const auto c =
            storedBoxes(*project, QStringLiteral("c.png"), QStringLiteral("yolo-import"));
        QVERIFY(c);
        QCOMPARE(c->size(), 1);
        QCOMPARE(c->at(0).w, 200.0);
        QCOMPARE(more->badRecords.size(), 1);
        QVERIFY2(more->badRecords.at(0).contains(
                     QStringLiteral("a.txt:1: class 3 is beyond the 1 classes")),
                 qPrintable(joined(more->badRecords)));
    }

    void detectsEachFormat() {
        QTemporaryDir dir;
        auto detected = [](const QString& path) {
            Format* f = FormatRegistry::instance().detectReader(path);
            return f ? f->name() : QString();
        };
        writeFile(dir.filePath(QStringLiteral("coco.json")),
                  R"({"info": {}, "images": [], "annotations": [], "categories": []})");
        writeFile(dir.filePath(QStringLiteral("other.json")), R"({"images": 1})");
        writeFile(dir.filePath(QStringLiteral("voc/a.xml")),
                  "<?xml version=\"1.0\"?>\n<annotation><filename>a.png</filename></annotation>");
        writeFile(dir.filePath(QStringLiteral("notvoc.xml")), "<svg/>");
        writeFile(dir.filePath(QStringLiteral("tasks.jsonl")), "{\"data\": {\"text\": \"hi\"}}\n");
        makePng(dir.filePath(QStringLiteral("plain/a.png")), 4, 4);
        QCOMPARE(detected(dir.filePath(QStringLiteral("coco.json"))), QStringLiteral("coco"));
        QCOMPARE(detected(dir.filePath(QStringLiteral("other.json"))), QString());
        QCOMPARE(detected(dir.filePath(QStringLiteral("voc/a.xml"))), QStringLiteral("voc"));
        QCOMPARE(detected(dir.filePath(QStringLiteral("voc"))), QStringLiteral("voc"));
        QCOMPARE(detected(dir.filePath(QStringLiteral("notvoc.xml"))), QString());
        QCOMPARE(detected(dir.filePath(QStringLiteral("tasks.jsonl"))), QStringLiteral("jsonl"));
        QCOMPARE(detected(dir.filePath(QStringLiteral("plain"))), QStringLiteral("folder"));
    }
};

QTEST_GUILESS_MAIN(TestDetectionImport)
#include "tst_detectionformatsimport.moc"

// The five detection formats out and back: a project's boxes exported, then
// imported into a fresh project, come back the same (within what the format
// can hold), and the exported files say what the formats' readers expect.

#include <QColor>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>
#include <cmath>

#include "media/imageprobe.h"
#include "model/ids.h"
#include "store/migrations.h"
#include "tst_detectionformats.h"

using namespace postil;
using namespace postil::detectiontest;

namespace {

bool isFolderFormat(const QString& format) {
    return format == QLatin1String("voc") || format == QLatin1String("yolo") ||
           format == QLatin1String("labelme");
}

// The boxes of the source project (tasks a, b, c; d has no annotation).
QList<Box> boxesA() {
    return {box("car", 10.25, 20.5, 100, 50.75, {{QStringLiteral("difficult"), true}}),
            box("person", 0, 0, 640, 480),
            box("bike", 300.5, 100.13, 39.5, 60,
                {{QStringLiteral("truncated"), true}, {QStringLiteral("occluded"), true}})};
}
QList<Box> boxesB() {
    return {box("car", 150, 50, 149.75, 149.5)};
}

}  // namespace

class TestDetectionFormats : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void roundTrip_data() {
        QTest::addColumn<QString>("format");
        for (const char* name : {"coco", "voc", "yolo", "labelme", "createml"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }

    void roundTrip() {
        QFETCH(QString, format);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString images = dir.filePath(QStringLiteral("images"));
        makePng(images + QStringLiteral("/a.png"), 640, 480);
        makePng(images + QStringLiteral("/b.png"), 300, 200);
        makePng(images + QStringLiteral("/c.png"), 100, 100);
        makePng(images + QStringLiteral("/d.png"), 50, 50);

        auto source = makeProject(dir.filePath(QStringLiteral("src/source.postil")));
        QVERIFY(source->setSchema(boxSchema()).ok());
        auto imported = importInto(*source, images, QStringLiteral("folder"));
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(imported->tasksAdded, 4);
        saveBoxes(*source, taskOf(*source, QStringLiteral("a.png")), boxesA());
        saveBoxes(*source, taskOf(*source, QStringLiteral("b.png")), boxesB());
        saveBoxes(*source, taskOf(*source, QStringLiteral("c.png")), {});

        const QString out =
            dir.filePath(isFolderFormat(format) ? QStringLiteral("out/labels")
                                                : QStringLiteral("out/labels.json"));
        QDir().mkpath(dir.filePath(QStringLiteral("out")));
        ExportReport report;
        ExportOptions options;
        // VOC writes integers unless told to keep the stored 0.01 px.
        if (format == QLatin1String("voc"))
            options.formatOptions.insert(QStringLiteral("decimals"), QStringLiteral("2"));
        const Status written = exportTo(*source, format, out, report, options);
        QVERIFY2(written.ok(), qPrintable(written.error()));
        QCOMPARE(report.tasks, 3);  // d has no annotation
        QVERIFY2(anyContains(report.warnings, QStringLiteral("1 image task(s) have no annotation")),
                 qPrintable(report.warnings.join(QLatin1Char('\n'))));
        const bool keepsAttributes =
            format != QLatin1String("yolo") && format != QLatin1String("createml");
        QCOMPARE(anyContains(report.warnings, QStringLiteral("cannot hold")), !keepsAttributes);
        if (format == QLatin1String("yolo"))
            QCOMPARE(readFile(out + QStringLiteral("/c.txt")), QByteArray());  // no boxes: empty
        if (isFolderFormat(format)) {
            const QString suffix = format == QLatin1String("voc")    ? QStringLiteral(".xml")
                                   : format == QLatin1String("yolo") ? QStringLiteral(".txt")
                                                                     : QStringLiteral(".json");
            QVERIFY(QFileInfo::exists(out + QStringLiteral("/a") + suffix));
            QVERIFY(!QFileInfo::exists(out + QStringLiteral("/d") + suffix));
        }

        // The export is recognised for what it is.
        Format* detected = FormatRegistry::instance().detectReader(out);
        QVERIFY(detected);
        QCOMPARE(detected->name(), format);

        // A fresh project with an empty schema: labels and attributes arrive.
        auto fresh = makeProject(dir.filePath(QStringLiteral("fresh/fresh.postil")));
        QMap<QString, QString> formatOptions;
        if (format == QLatin1String("yolo"))
            formatOptions.insert(QStringLiteral("images"), images);  // labels only in the export
        auto back = importInto(*fresh, out, QStringLiteral("auto"), false, formatOptions);
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QCOMPARE(back->tasksAdded, format == QLatin1String("yolo") ? 4 : 3);
        QVERIFY(back->badRecords.isEmpty());
        QStringList labels;
        for (const Label& l : fresh->schema().labels)
            labels << l.name;
        QCOMPARE(labels, (QStringList{QStringLiteral("car"), QStringLiteral("person"),
                                      QStringLiteral("bike")}));
        for (const Label& l : fresh->schema().labels)
            QVERIFY2(QColor::isValidColorName(l.color), qPrintable(l.color));

        const QString annotator = format + QStringLiteral("-import");
        const QList<std::pair<QString, QList<Box>>> expected = {{QStringLiteral("a.png"), boxesA()},
                                                                {QStringLiteral("b.png"), boxesB()},
                                                                {QStringLiteral("c.png"), {}}};
        for (const auto& [file, want] : expected) {
            const auto got = storedBoxes(*fresh, file, annotator);
            QVERIFY2(got, qPrintable(file));
            QCOMPARE(got->size(), want.size());
            const QSize size = file == QLatin1String("a.png") ? QSize(640, 480) : QSize(300, 200);
            for (qsizetype i = 0; i < want.size(); ++i) {
                const Box& g = got->at(i);
                const Box& w = want.at(i);
                QCOMPARE(g.label, w.label);
                if (format == QLatin1String("yolo")) {
                    // 6 decimals of the image's width and height.
                    const double tx = 1.5e-6 * size.width();
                    const double ty = 1.5e-6 * size.height();
                    QVERIFY2(std::abs(g.x - w.x) <= tx && std::abs(g.w - w.w) <= 2 * tx &&
                                 std::abs(g.y - w.y) <= ty && std::abs(g.h - w.h) <= 2 * ty,
                             qPrintable(QStringLiteral("%1 %2: %3 %4 %5 %6")
                                            .arg(file)
                                            .arg(i)
                                            .arg(g.x)
                                            .arg(g.y)
                                            .arg(g.w)
                                            .arg(g.h)));
                } else {
                    QCOMPARE(g.x, w.x);
                    QCOMPARE(g.y, w.y);
                    QCOMPARE(g.w, w.w);
                    QCOMPARE(g.h, w.h);
                }
                QCOMPARE(g.attrs, keepsAttributes ? w.attrs : QJsonObject());
            }
        }
        QVERIFY(!storedBoxes(*fresh, QStringLiteral("d.png"), annotator));

        // Imported annotations are drafts: pre-annotations to check.
        auto a = fresh->annotations().get(taskOf(*fresh, QStringLiteral("a.png")), annotator);
        QVERIFY(a);
        QVERIFY(a->status == AnnotationStatus::Draft);

        // Importing the same export again adds nothing.
        auto again = importInto(*fresh, out, format, false, formatOptions);
        QVERIFY2(again.ok(), qPrintable(again.error()));
        QCOMPARE(again->tasksAdded, 0);
        QCOMPARE(again->annotationsAdded, 0);
    }

    void exifRotatedImagesExportTheDisplayedSize() {
        QTemporaryDir dir;
        // Stored 60 wide, 40 high; displayed 40 wide, 60 high.
        makeRotatedJpeg(dir.filePath(QStringLiteral("images/r.jpg")), 60, 40);
        auto project = boxProjectOf(dir);
        QVERIFY(project);
        // The media row holds the displayed size (migration 2).
        const QString uid = taskOf(*project, QStringLiteral("r.jpg"));
        auto task = project->tasks().byUid(uid);
        QVERIFY(task);
        QCOMPARE(project->tasks().mediaSize(task->mediaHash), std::optional<QSize>(QSize(40, 60)));
        // Below y 40: outside the stored image, inside the displayed one.
        saveBoxes(*project, uid, {box("car", 5, 30, 20, 25)});

        ExportReport report;
        const QString coco = dir.filePath(QStringLiteral("coco.json"));
        QVERIFY(exportTo(*project, QStringLiteral("coco"), coco, report).ok());
        const QJsonObject root = QJsonDocument::fromJson(readFile(coco)).object();
        const QJsonObject image = root.value(QStringLiteral("images")).toArray().at(0).toObject();
        QCOMPARE(image.value(QStringLiteral("width")).toInt(), 40);
        QCOMPARE(image.value(QStringLiteral("height")).toInt(), 60);
        QCOMPARE(image.value(QStringLiteral("file_name")).toString(),
                 QStringLiteral("images/r.jpg"));
        QCOMPARE(root.value(QStringLiteral("annotations"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("bbox")),
                 QJsonValue(QJsonArray{5, 30, 20, 25}));

        QVERIFY(
            exportTo(*project, QStringLiteral("voc"), dir.filePath(QStringLiteral("voc")), report)
                .ok());
        const QByteArray xml = readFile(dir.filePath(QStringLiteral("voc/r.xml")));
        QVERIFY2(xml.contains("<width>40</width>") && xml.contains("<height>60</height>"), xml);
        QVERIFY2(xml.contains("<ymin>30</ymin>") && xml.contains("<ymax>55</ymax>"), xml);

        QVERIFY(
            exportTo(*project, QStringLiteral("yolo"), dir.filePath(QStringLiteral("yolo")), report)
                .ok());
        // Centre (15, 42.5) and size (20, 25) over 40 × 60.
        QCOMPARE(readFile(dir.filePath(QStringLiteral("yolo/r.txt"))),
                 QByteArray("0 0.375000 0.708333 0.500000 0.416666\n"));

        QVERIFY(exportTo(*project, QStringLiteral("labelme"), dir.filePath(QStringLiteral("lm")),
                         report)
                    .ok());
        const QJsonObject lm =
            QJsonDocument::fromJson(readFile(dir.filePath(QStringLiteral("lm/r.json")))).object();
        QCOMPARE(lm.value(QStringLiteral("imageWidth")).toInt(), 40);
        QCOMPARE(lm.value(QStringLiteral("imageHeight")).toInt(), 60);
        QCOMPARE(lm.value(QStringLiteral("imagePath")).toString(),
                 QStringLiteral("../images/r.jpg"));
        // What labelme 5.1.1's LabelFile.load() reads, and the checks it lacks.
        QCOMPARE(lm.value(QStringLiteral("version")).toString(), QStringLiteral("5.1.1"));
        QVERIFY(lm.value(QStringLiteral("flags")).isObject());
        QVERIFY(lm.contains(QStringLiteral("imageData")) &&
                lm.value(QStringLiteral("imageData")).isNull());
        const QJsonArray shapes = lm.value(QStringLiteral("shapes")).toArray();
        QCOMPARE(shapes.size(), 1);
        const QJsonObject shape = shapes.at(0).toObject();
        QCOMPARE(shape.value(QStringLiteral("label")).toString(), QStringLiteral("car"));
        QCOMPARE(shape.value(QStringLiteral("shape_type")).toString(), QStringLiteral("rectangle"));
        QVERIFY(shape.value(QStringLiteral("group_id")).isNull());
        QVERIFY(shape.value(QStringLiteral("flags")).isObject());
        QCOMPARE(shape.value(QStringLiteral("points")),
                 QJsonValue(QJsonArray{QJsonArray{5, 30}, QJsonArray{25, 55}}));
    }

    void exportFallsBackToTheImageHeaderForUnknownSizes() {
        // A project from before migration 2 has no sizes in its media rows.
        QTemporaryDir dir;
        makePng(dir.filePath(QStringLiteral("images/a.png")), 64, 32);
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));
        QVERIFY(importImageFolder(*project, dir));
        saveBoxes(*project, taskOf(*project, QStringLiteral("a.png")), {box("car", 1, 2, 3, 4)});
        QVERIFY(project->database()
                    .exec(QStringLiteral("UPDATE media SET width = NULL, height = NULL"))
                    .ok());
        ExportReport report;
        const QString out = dir.filePath(QStringLiteral("coco.json"));
        QVERIFY(exportTo(*project, QStringLiteral("coco"), out, report).ok());
        const QJsonObject image = QJsonDocument::fromJson(readFile(out))
                                      .object()
                                      .value(QStringLiteral("images"))
                                      .toArray()
                                      .at(0)
                                      .toObject();
        QCOMPARE(image.value(QStringLiteral("width")).toInt(), 64);
        QCOMPARE(image.value(QStringLiteral("height")).toInt(), 32);
        // And a lost image of unknown size is left out with a warning.
        QVERIFY(QFile::remove(dir.filePath(QStringLiteral("images/a.png"))));
        ExportReport second;
        QVERIFY(exportTo(*project, QStringLiteral("coco"), out, second).ok());
        QCOMPARE(second.tasks, 0);
        QVERIFY2(anyContains(second.warnings, QStringLiteral("size is not known")),
                 qPrintable(second.warnings.join(QLatin1Char('\n'))));
    }

    void exactNumbersReadBackTheSame() {
        for (double v : {0.1, 10.25, 1.0 / 3, 123456.789, -0.5, 1e-7, 640.0, 0.0, 2e15 + 0.5})
            QCOMPARE(detection::exactNumber(v).toDouble(), v);
        QCOMPARE(detection::exactNumber(12), QByteArray("12"));
        QCOMPARE(detection::exactNumber(12.25), QByteArray("12.25"));
        QCOMPARE(detection::exactNumber(1e-7), QByteArray("0.0000001"));
        QCOMPARE(detection::derivedNumber(10.1 + 40.199999999999996), QByteArray("50.3"));
        QCOMPARE(detection::derivedNumber(0.1 + 0.2), QByteArray("0.3"));
        QCOMPARE(detection::derivedNumber(-0.0000001), QByteArray("0"));
        QCOMPARE(detection::derivedNumber(7), QByteArray("7"));
        QCOMPARE(detection::cleanDerived(195.1 - 48.5), 146.6);
    }

    void migrationTwoAddsMediaSizes() {
        // A version 1 file: media rows without width and height.
        QTemporaryDir dir;
        makePng(dir.filePath(QStringLiteral("images/a.png")), 64, 32);
        const QString path = dir.filePath(QStringLiteral("p.postil"));
        {
            auto project = makeProject(path);
            QVERIFY(importInto(*project, dir.filePath(QStringLiteral("images")),
                               QStringLiteral("folder"))
                        .ok());
            Database& db = project->database();
            QVERIFY(db.exec(sqlBackToVersion(1)).ok());
        }
        auto reopened = Project::open(path);
        QVERIFY2(reopened.ok(), qPrintable(reopened.error()));
        Project& project = **reopened;
        QCOMPARE(*project.database().queryInt(QStringLiteral("PRAGMA user_version")),
                 qint64(Migrations::latestVersion()));
        auto task = project.tasks().byUid(taskOf(project, QStringLiteral("a.png")));
        QVERIFY(task);
        QVERIFY(!project.tasks().mediaSize(task->mediaHash));  // unknown: NULL
        // Importing the image again fills the size in.
        QVERIFY(importImageFolder(project, dir));
        QCOMPARE(project.tasks().mediaSize(task->mediaHash), std::optional<QSize>(QSize(64, 32)));
    }

    void cocoCategoriesCountFromOneInSchemaOrder() {
        QTemporaryDir dir;
        makePng(dir.filePath(QStringLiteral("images/a.png")), 100, 100);
        auto project = boxProjectOf(dir);
        QVERIFY(project);
        saveBoxes(*project, taskOf(*project, QStringLiteral("a.png")),
                  {box("bike", 1, 1, 2, 2), box("zebra", 3, 3, 4, 4), box("car", 5, 5, 6, 6)});
        ExportReport report;
        const QString out = dir.filePath(QStringLiteral("coco.json"));
        QVERIFY(exportTo(*project, QStringLiteral("coco"), out, report).ok());
        const QJsonObject root = QJsonDocument::fromJson(readFile(out)).object();
        const QJsonArray categories = root.value(QStringLiteral("categories")).toArray();
        QCOMPARE(categories.size(), 4);
        const QStringList names{QStringLiteral("car"), QStringLiteral("person"),
                                QStringLiteral("bike"), QStringLiteral("zebra")};
        for (int i = 0; i < 4; ++i) {
            QCOMPARE(categories.at(i).toObject().value(QStringLiteral("id")).toInt(), i + 1);
            QCOMPARE(categories.at(i).toObject().value(QStringLiteral("name")).toString(),
                     names.at(i));
        }
        const QJsonArray annotations = root.value(QStringLiteral("annotations")).toArray();
        QCOMPARE(annotations.size(), 3);
        QCOMPARE(annotations.at(0).toObject().value(QStringLiteral("category_id")).toInt(), 3);
        QCOMPARE(annotations.at(1).toObject().value(QStringLiteral("category_id")).toInt(), 4);
        QCOMPARE(annotations.at(2).toObject().value(QStringLiteral("category_id")).toInt(), 1);
        QCOMPARE(annotations.at(2).toObject().value(QStringLiteral("area")).toInt(), 36);
        QCOMPARE(annotations.at(2).toObject().value(QStringLiteral("iscrowd")).toInt(), 0);
        QVERIFY(annotations.at(2).toObject().value(QStringLiteral("segmentation")).isArray());
        QVERIFY(anyContains(report.warnings, QStringLiteral("zebra")));
    }

    void yoloKeepsAnExistingClassOrder() {
        QTemporaryDir dir;
        makePng(dir.filePath(QStringLiteral("images/a.png")), 100, 100);
        auto project = boxProjectOf(dir);
        QVERIFY(project);
        saveBoxes(*project, taskOf(*project, QStringLiteral("a.png")),
                  {box("car", 0, 0, 50, 50), box("bike", 50, 50, 50, 50)});
        const QString out = dir.filePath(QStringLiteral("yolo"));
        writeFile(out + QStringLiteral("/classes.txt"), "truck\ncar\n");
        ExportReport report;
        QVERIFY(exportTo(*project, QStringLiteral("yolo"), out, report).ok());
        QCOMPARE(readFile(out + QStringLiteral("/classes.txt")),
                 QByteArray("truck\ncar\nperson\nbike\n"));
        QCOMPARE(readFile(out + QStringLiteral("/a.txt")),
                 QByteArray("1 0.250000 0.250000 0.500000 0.500000\n"
                            "3 0.750000 0.750000 0.500000 0.500000\n"));
        QVERIFY(anyContains(report.warnings, QStringLiteral("appended person, bike")));
        // Exporting again changes nothing in it.
        ExportReport again;
        QVERIFY(exportTo(*project, QStringLiteral("yolo"), out, again).ok());
        QCOMPARE(readFile(out + QStringLiteral("/classes.txt")),
                 QByteArray("truck\ncar\nperson\nbike\n"));
    }

    void yoloEdgesNeverPassOne() {
        // Thirds of 3 px round to 6 decimals; a naive cx + w/2 gives 1.0000005.
        QTemporaryDir dir;
        makePng(dir.filePath(QStringLiteral("images/t.png")), 3, 7);
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));
        QVERIFY(importImageFolder(*project, dir));
        saveBoxes(*project, taskOf(*project, QStringLiteral("t.png")),
                  {box("a", 1, 1, 2, 6), box("a", 0, 0, 3, 7), box("a", 0, 2, 1, 3),
                   box("a", 2.0 / 3, 1.0 / 3, 2.3333333, 6.5)});
        ExportReport report;
        const QString out = dir.filePath(QStringLiteral("yolo"));
        QVERIFY(exportTo(*project, QStringLiteral("yolo"), out, report).ok());
        const QList<QByteArray> lines = readFile(out + QStringLiteral("/t.txt")).split('\n');
        QCOMPARE(lines.size(), 5);  // 4 lines and the end
        static const QRegularExpression shape(QStringLiteral(
            "^0 (\\d)\\.(\\d{6}) (\\d)\\.(\\d{6}) (\\d)\\.(\\d{6}) (\\d)\\.(\\d{6})$"));
        for (int i = 0; i < 4; ++i) {
            const auto m = shape.match(QString::fromLatin1(lines.at(i)));
            QVERIFY2(m.hasMatch(), lines.at(i));
            // In whole millionths, as a decimal reader sees them.
            auto micro = [&](int at) {
                return m.captured(at).toLongLong() * 1000000 + m.captured(at + 1).toLongLong();
            };
            const qint64 cx = micro(1), cy = micro(3), w = micro(5), h = micro(7);
            QVERIFY2(2 * cx - w >= 0 && 2 * cx + w <= 2000000, lines.at(i));
            QVERIFY2(2 * cy - h >= 0 && 2 * cy + h <= 2000000, lines.at(i));
        }
        QCOMPARE(lines.at(1), QByteArray("0 0.500000 0.500000 1.000000 1.000000"));
    }

    void vocKeepsItsNumbers() {
        // A labelImg file (integers, difficult set) and a VoTT-style one
        // (fractions): imported and exported with no edit, the numbers stay.
        QTemporaryDir dir;
        makePng(dir.filePath(QStringLiteral("JPEGImages/v.png")), 500, 375);
        const QByteArray xml =
            "<annotation>\n\t<folder>JPEGImages</folder>\n\t<filename>v.png</filename>\n"
            "\t<path>C:\\Users\\someone\\voc\\v.png</path>\n"
            "\t<size><width>500</width><height>375</height><depth>3</depth></size>\n"
            "\t<segmented>0</segmented>\n"
            "\t<object><name>dog</name><pose>Left</pose><truncated>0</truncated>"
            "<difficult>1</difficult><bndbox><xmin>1</xmin><ymin>0</ymin><xmax>195</xmax>"
            "<ymax>371</ymax></bndbox></object>\n"
            "\t<object><name>cat</name><pose>Unspecified</pose><truncated>1</truncated>"
            "<difficult>0</difficult><bndbox><xmin>48.5</xmin><ymin>240.25</ymin>"
            "<xmax>195.1</xmax><ymax>375</ymax></bndbox></object>\n"
            "</annotation>\n";
        writeFile(dir.filePath(QStringLiteral("Annotations/v.xml")), xml);
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));
        auto imported = importInto(*project, dir.filePath(QStringLiteral("Annotations/v.xml")),
                                   QStringLiteral("auto"));
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(imported->tasksAdded, 1);
        const auto boxes =
            storedBoxes(*project, QStringLiteral("v.png"), QStringLiteral("voc-import"));
        QVERIFY(boxes);
        QCOMPARE(boxes->size(), 2);
        QCOMPARE(boxes->at(0).x, 1.0);
        QCOMPARE(boxes->at(0).w, 194.0);
        QCOMPARE(boxes->at(0).attrs,
                 (QJsonObject{{QStringLiteral("difficult"), true},
                              {QStringLiteral("pose"), QStringLiteral("Left")}}));
        QCOMPARE(boxes->at(1).w, 146.6);  // 195.1 - 48.5 without the float noise
        QCOMPARE(boxes->at(1).attrs, (QJsonObject{{QStringLiteral("truncated"), true}}));

        // By default VOC gets integers, rounded to the nearest pixel: the
        // readers people use parse them with int().
        ExportReport report;
        const QString intOut = dir.filePath(QStringLiteral("int"));
        ExportOptions drafts;  // the import's rows are drafts
        drafts.status = QStringLiteral("draft");
        QVERIFY(exportTo(*project, QStringLiteral("voc"), intOut, report, drafts).ok());
        const QByteArray integers = readFile(intOut + QStringLiteral("/v.xml"));
        for (const char* expected :
             {"<xmin>1</xmin>", "<ymin>0</ymin>", "<xmax>195</xmax>", "<ymax>371</ymax>",
              "<xmin>49</xmin>", "<ymin>240</ymin>", "<xmax>195</xmax>", "<ymax>375</ymax>"})
            QVERIFY2(integers.contains(expected),
                     qPrintable(QString::fromLatin1(expected) + QLatin1Char('\n') +
                                QString::fromUtf8(integers)));

        // With decimals, the file's numbers come back as they were.
        ExportOptions decimals = drafts;
        decimals.formatOptions.insert(QStringLiteral("decimals"), QStringLiteral("2"));
        const QString out = dir.filePath(QStringLiteral("out"));
        QVERIFY(exportTo(*project, QStringLiteral("voc"), out, report, decimals).ok());
        const QByteArray written = readFile(out + QStringLiteral("/v.xml"));
        for (const char* expected :
             {"<xmin>1</xmin>", "<ymin>0</ymin>", "<xmax>195</xmax>", "<ymax>371</ymax>",
              "<xmin>48.5</xmin>", "<ymin>240.25</ymin>", "<xmax>195.1</xmax>", "<ymax>375</ymax>",
              "<difficult>1</difficult>", "<truncated>1</truncated>", "<pose>Left</pose>",
              "<path>../JPEGImages/v.png</path>", "<width>500</width>"})
            QVERIFY2(written.contains(expected),
                     qPrintable(QString::fromLatin1(expected) + QLatin1Char('\n') +
                                QString::fromUtf8(written)));
        QCOMPARE(written.count("<difficult>1</difficult>"), 1);
        QCOMPARE(written.count("<truncated>1</truncated>"), 1);
    }

    void noFloatNoiseReachesTheFiles() {
        QTemporaryDir dir;
        makePng(dir.filePath(QStringLiteral("images/n.png")), 640, 480);
        auto project = boxProjectOf(dir);
        QVERIFY(project);
        // A row as an older build (or a JSONL import of results) stored it.
        saveBoxes(*project, taskOf(*project, QStringLiteral("n.png")),
                  {box("car", 349.28999999999996, 10.1, 12.3, 45.6)});
        ExportReport report;
        const QString coco = dir.filePath(QStringLiteral("n.json"));
        QVERIFY(exportTo(*project, QStringLiteral("coco"), coco, report).ok());
        const QByteArray cocoText = readFile(coco);
        QVERIFY2(cocoText.contains("\"bbox\":[349.29,10.1,12.3,45.6],\"area\":560.88,"),
                 cocoText.constData());
        const QString labelme = dir.filePath(QStringLiteral("labelme"));
        QVERIFY(exportTo(*project, QStringLiteral("labelme"), labelme, report).ok());
        const QByteArray labelmeText = readFile(labelme + QStringLiteral("/n.json"));
        QVERIFY2(labelmeText.contains("349.29,") && labelmeText.contains("361.59,"),
                 labelmeText.constData());
        const QString voc = dir.filePath(QStringLiteral("voc"));
        QVERIFY(exportTo(*project, QStringLiteral("voc"), voc, report).ok());
        const QByteArray vocText = readFile(voc + QStringLiteral("/n.xml"));
        QVERIFY2(vocText.contains("<xmin>349</xmin>") && vocText.contains("<xmax>362</xmax>") &&
                     vocText.contains("<ymax>56</ymax>"),
                 vocText.constData());
        for (const QByteArray& text : {cocoText, labelmeText, vocText})
            QVERIFY2(!text.contains("9999") && !text.contains("0000000"), text.constData());

        // An import stores the same precision.
        writeFile(dir.filePath(QStringLiteral("in.json")),
                  R"({"images":[{"id":1,"file_name":"images/n.png","width":640,"height":480}],
                      "categories":[{"id":1,"name":"car"}],
                      "annotations":[{"id":1,"image_id":1,"category_id":1,
                                      "bbox":[349.28999999999996,10.123,50.5,20.004]}]})");
        auto imported =
            importInto(*project, dir.filePath(QStringLiteral("in.json")), QStringLiteral("coco"));
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        const auto boxes =
            storedBoxes(*project, QStringLiteral("n.png"), QStringLiteral("coco-import"));
        QVERIFY(boxes);
        QCOMPARE(boxes->size(), 1);
        QCOMPARE(boxes->at(0).x, 349.29);
        QCOMPARE(boxes->at(0).y, 10.12);
        QCOMPARE(boxes->at(0).w, 50.5);
        QCOMPARE(boxes->at(0).h, 20.01);  // the bottom edge 30.127 rounds to 30.13
    }

    void labelmeExportPassesTheLabelmeValidator() {
        // reference: labelme 5.1.1's LabelFile plus the checks load() lacks.
        QProcess probe;
        probe.start(systemPython(),
                    {QStringLiteral("-c"), QStringLiteral("import labelme.label_file, PIL")});
        if (!probe.waitForFinished(30000) || probe.exitStatus() != QProcess::NormalExit ||
            probe.exitCode() != 0)
            POSTIL_CHECKER_MISSING(
                "python3 cannot import labelme (5.1.1) and PIL: the validator cannot run here "
                "(tools/install-deps --checkers)");
        QTemporaryDir dir;
        makePng(dir.filePath(QStringLiteral("images/a.png")), 64, 48);
        makeRotatedJpeg(dir.filePath(QStringLiteral("images/r.jpg")), 60, 40);
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));
        QVERIFY(importImageFolder(*project, dir));
        saveBoxes(*project, taskOf(*project, QStringLiteral("a.png")),
                  {box("car", 1.5, 2, 10, 20, {{QStringLiteral("occluded"), true}})});
        saveBoxes(*project, taskOf(*project, QStringLiteral("r.jpg")), {box("car", 5, 30, 20, 25)});
        ExportReport report;
        const QString out = dir.filePath(QStringLiteral("lm"));
        QVERIFY(exportTo(*project, QStringLiteral("labelme"), out, report).ok());
        const QString script = QStringLiteral(R"py(
import io, json, logging, math, os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
import PIL.Image
from labelme.label_file import LabelFile, LabelFileError
NPTS = {"rectangle": 2, "line": 2, "circle": 2, "point": 1}
TYPES = {"polygon", "rectangle", "point", "line", "circle", "linestrip"}
def validate(path):
    class H(logging.Handler):
        msgs = []
        def emit(self, r): self.msgs.append(r.getMessage())
    h = H(logging.WARNING); log = logging.getLogger("labelme"); log.addHandler(h)
    try:
        lf = LabelFile(path)
    except LabelFileError as e:
        return [f"load failed: {e}"]
    finally:
        log.removeHandler(h)
    errs = list(h.msgs)
    raw = json.load(open(path, encoding="utf-8"))
    for k in ("version", "flags", "shapes", "imagePath", "imageData", "imageHeight", "imageWidth"):
        if k not in raw: errs.append(f"missing {k}")
    w, hh = PIL.Image.open(io.BytesIO(lf.imageData)).size
    if (raw.get("imageWidth"), raw.get("imageHeight")) != (w, hh):
        errs.append(f"size {raw.get('imageWidth')}x{raw.get('imageHeight')} != {w}x{hh}")
    for i, s in enumerate(lf.shapes):
        t, p = s["shape_type"], s["points"]
        if t not in TYPES: errs.append(f"shape {i}: bad type {t}")
        if t in NPTS and len(p) != NPTS[t]: errs.append(f"shape {i}: {len(p)} points")
        if not all(isinstance(v, (int, float)) and math.isfinite(v) for q in p for v in q):
            errs.append(f"shape {i}: bad coordinate")
        if not isinstance(s["label"], str): errs.append(f"shape {i}: label")
        if s["group_id"] is not None and not isinstance(s["group_id"], int): errs.append(f"shape {i}: group_id")
    return errs
bad = 0
for path in sys.argv[1:]:
    for e in validate(path):
        print(path, e); bad += 1
sys.exit(1 if bad else 0)
)py");
        QProcess run;
        run.setProcessChannelMode(QProcess::MergedChannels);
        run.start(systemPython(), {QStringLiteral("-c"), script, out + QStringLiteral("/a.json"),
                                   out + QStringLiteral("/r.json")});
        QVERIFY(run.waitForFinished(120000));
        QVERIFY2(run.exitCode() == 0, run.readAll().constData());
    }
};

QTEST_GUILESS_MAIN(TestDetectionFormats)
#include "tst_detectionformats.moc"

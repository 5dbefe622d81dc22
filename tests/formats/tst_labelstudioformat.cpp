// The labelstudio format (docs/architecture.md §7, "Label Studio"): every kind
// exported and imported back with every annotator's answers, the labeling
// config beside the JSON, a Label Studio export as Label Studio writes it
// (tests/data/labelstudio), and bad records that name the task and result.
#include <QImage>
#include <QProcess>
#include <QtTest>

#include "formats/labelstudioexport.h"
#include "formats/labelstudioformat.h"
#include "model/boxresult.h"
#include "model/comparisonresult.h"
#include "model/segmentresult.h"
#include "nlptestdata.h"

using namespace postil;
using namespace postil::nlptest;

namespace {

const QByteArray kEveryKindSchema = R"({
  "labels": [
    {"name": "car", "color": "#e6194b", "kinds": ["image"]},
    {"name": "person", "color": "#3cb44b", "kinds": ["image"]},
    {"name": "PER", "color": "#4363d8", "kinds": ["text"]},
    {"name": "LOC", "color": "#f58231", "kinds": ["text"]},
    {"name": "Ann", "color": "#911eb4", "kinds": ["audio"]},
    {"name": "Ben", "color": "#46f0f0", "kinds": ["audio"]},
    {"name": "wrong", "color": "#f032e6", "kinds": ["compare"]}
  ],
  "attributes": [
    {"name": "occluded", "type": "flag", "kinds": ["image"]},
    {"name": "colour", "type": "text", "kinds": ["image"]},
    {"name": "negated", "type": "flag", "kinds": ["text"]},
    {"name": "noisy", "type": "flag", "kinds": ["audio"]}
  ],
  "relations": [{"name": "lives_in"}],
  "questions": [
    {"name": "quality", "type": "single", "options": ["good", "bad"]},
    {"name": "tags", "type": "multi", "options": ["a", "b", "c"]},
    {"name": "stars", "type": "rating", "min": 1, "max": 5},
    {"name": "remark", "type": "text"},
    {"name": "sure", "type": "flag"}
  ],
  "rubric": [{"name": "helpful", "min": 1, "max": 7}]
})";

const QString kText =
    QStringLiteral("👨🏻‍🚒 Zoë lives in Zürich 🇨🇭\r\nRene\u0301e too.");
const QString kResponseA = QStringLiteral("Paris is the capital 🇫🇷 of France.");

QJsonObject answers() {
    return jsonObject(R"({"quality": "good", "tags": ["a", "c"], "stars": 4,
                          "remark": "line one\nline two", "sure": true})");
}

// A row's result with the given parts and the answers.
QJsonObject withAnswers(QJsonObject result) {
    result.insert(QStringLiteral("answers"), answers());
    return result;
}

// A media row and its task for a file the test made.
void addMediaTask(Project& project, const QString& uid, TaskKind kind, const QString& file,
                  QSize size) {
    const QString key = kind == TaskKind::Image ? QStringLiteral("image") : QStringLiteral("audio");
    const QString hash = QStringLiteral("%1").arg(qHash(uid), 64, 16, QLatin1Char('0'));
    QVERIFY(project.tasks()
                .addMedia(hash, file, QFileInfo(project.absoluteMediaPath(file)).size(), size)
                .ok());
    addTask(project, uid, kind, QJsonObject{{key, file}}, hash);
}

// Two people and a model on a task of every kind; comparisons of two (one
// with messages) and three responses.
std::unique_ptr<Project> everyKindProject(const QString& folder) {
    auto project = makeProject(folder + QStringLiteral("/p.postil"), kEveryKindSchema);
    QImage image(640, 480, QImage::Format_RGB32);
    image.fill(Qt::darkGreen);
    QDir(folder).mkpath(QStringLiteral("img"));
    image.save(folder + QStringLiteral("/img/street.png"));
    writeWav(folder + QStringLiteral("/talk.wav"), 16000, 1, 16000 * 3);
    addMediaTask(*project, QStringLiteral("street"), TaskKind::Image,
                 QStringLiteral("img/street.png"), QSize(640, 480));
    addMediaTask(*project, QStringLiteral("talk"), TaskKind::Audio, QStringLiteral("talk.wav"),
                 QSize());
    addTask(*project, QStringLiteral("zoe"), TaskKind::Text,
            QJsonObject{{QStringLiteral("text"), kText}});
    addTask(*project, QStringLiteral("pair"), TaskKind::Compare,
            jsonObject(R"({"prompt": [{"role": "system", "content": "Be brief."},
                                      {"role": "user", "content": "Capital of France?"}],
                           "responses": ["Paris is the capital 🇫🇷 of France.", "Lyon."],
                           "models": ["m1", "m2"]})"));
    addTask(*project, QStringLiteral("three"), TaskKind::Compare,
            jsonObject(R"({"prompt": "Pick one", "responses": ["x", "y", "z"]})"));

    addAnnotation(*project, QStringLiteral("street"), QStringLiteral("alice"),
                  AnnotationStatus::Submitted, withAnswers(jsonObject(R"({"boxes": [
        {"label": "car", "x": 10.25, "y": 20, "w": 100.5, "h": 50.75,
         "attrs": {"occluded": true, "colour": "dark red"}},
        {"label": "person", "x": 0, "y": 0, "w": 640, "h": 480, "attrs": {"occluded": false}}]})")));
    addAnnotation(*project, QStringLiteral("street"), QStringLiteral("bob@lab.example"),
                  AnnotationStatus::Skipped, jsonObject(R"({"boxes": []})"));
    addAnnotation(*project, QStringLiteral("street"), QStringLiteral("model:yolo"),
                  AnnotationStatus::Draft, jsonObject(R"({"boxes": [
        {"label": "car", "x": 11, "y": 21, "w": 99.33, "h": 50, "score": 0.875}]})"));

    addAnnotation(*project, QStringLiteral("zoe"), QStringLiteral("alice"),
                  AnnotationStatus::Submitted, withAnswers(jsonObject(R"({"spans": [
        {"label": "PER", "start": 5, "end": 8, "attrs": {"negated": false}, "note": "the firefighter"},
        {"label": "LOC", "start": 18, "end": 24},
        {"label": "PER", "start": 29, "end": 35}],
        "relations": [{"from": 0, "to": 1, "label": "lives_in"}]})")));
    addAnnotation(*project, QStringLiteral("zoe"), QStringLiteral("bob"), AnnotationStatus::Draft,
                  jsonObject(R"({"spans": [{"label": "LOC", "start": 25, "end": 27}]})"));

    addAnnotation(*project, QStringLiteral("talk"), QStringLiteral("alice"),
                  AnnotationStatus::Submitted, withAnswers(jsonObject(R"({"segments": [
        {"start_ms": 0, "end_ms": 1250, "speaker": "Ann", "text": "Hello, Ben.", "attrs": {"noisy": true}},
        {"start_ms": 1001, "end_ms": 2999, "speaker": "Ben", "text": "Hi 👋"},
        {"start_ms": 2500, "end_ms": 3000, "speaker": "", "text": "[laughter]"}]})")));
    addAnnotation(*project, QStringLiteral("talk"), QStringLiteral("model:whisper"),
                  AnnotationStatus::Draft, jsonObject(R"({"segments": [
        {"start_ms": 10, "end_ms": 1200, "speaker": "Ann", "text": "hello ben", "score": 0.5}]})"));

    addAnnotation(*project, QStringLiteral("pair"), QStringLiteral("alice"),
                  AnnotationStatus::Submitted, withAnswers(jsonObject(R"({
        "preference": -2, "both_bad": false, "critique": "A is right.\nB is wrong.",
        "rewrite": "", "rubric": {"helpful": [6, 2]},
        "flags": [{"response": 0, "start": 21, "end": 23, "label": "wrong", "comment": "a flag"},
                  {"response": 1, "start": 0, "end": 4, "label": "wrong"}]})")));
    addAnnotation(*project, QStringLiteral("pair"), QStringLiteral("bob"),
                  AnnotationStatus::Submitted, jsonObject(R"({"preference": 0})"));
    addAnnotation(*project, QStringLiteral("three"), QStringLiteral("alice"),
                  AnnotationStatus::Submitted,
                  jsonObject(R"({"ranking": [[2], [0, 1]], "both_bad": true})"));
    return project;
}

// What a row says, kind by kind, read through the codecs.
QString answersOf(const Annotation& row, TaskKind kind, int responses) {
    QStringList parts{toString(row.status)};
    switch (kind) {
        case TaskKind::Image:
            for (const Box& box : boxresult::read(row.result))
                parts << QString::fromUtf8(
                    QJsonDocument(box.toJson()).toJson(QJsonDocument::Compact));
            break;
        case TaskKind::Text: {
            const TextAnnotation text = spanresult::read(row.result);
            for (const Span& span : text.spans)
                parts << QString::fromUtf8(
                    QJsonDocument(span.toJson()).toJson(QJsonDocument::Compact));
            for (const Relation& relation : text.relations)
                parts << QString::fromUtf8(
                    QJsonDocument(relation.toJson()).toJson(QJsonDocument::Compact));
            break;
        }
        case TaskKind::Audio: {
            QList<Segment> segments = segmentresult::read(row.result);
            segmentresult::sort(segments);
            for (const Segment& segment : segments)
                parts << QString::fromUtf8(
                    QJsonDocument(segment.toJson()).toJson(QJsonDocument::Compact));
            break;
        }
        case TaskKind::Compare: {
            // Rebuilt from its parts, so that a flag's absent comment and an
            // empty one read the same.
            const ComparisonResult read = ComparisonResult::read(row.result, responses);
            ComparisonResult verdict(responses);
            verdict.setPreference(read.preference());
            verdict.setBothBad(read.bothBad());
            verdict.setRanking(read.ranking());
            for (auto it = read.rubric().begin(); it != read.rubric().end(); ++it)
                for (int r = 0; r < it.value().size(); ++r)
                    verdict.setScore(it.key(), r, it.value().at(r));
            QList<CompareFlag> flags = read.flags();
            for (CompareFlag& flag : flags)
                flag.source = QJsonObject();
            verdict.setFlags(flags);
            verdict.setCritique(read.critique());
            verdict.setRewrite(read.rewrite());
            parts << QString::fromUtf8(
                QJsonDocument(verdict.toJson()).toJson(QJsonDocument::Compact));
            break;
        }
    }
    parts << QString::fromUtf8(QJsonDocument(row.result.value(QStringLiteral("answers")).toObject())
                                   .toJson(QJsonDocument::Compact));
    return parts.join(u'\n');
}

// The live rows of a task.
QList<Annotation> rowsOf(Project& project, const QString& uid) {
    Statement stmt =
        project.database().statement(QStringLiteral("SELECT ") + AnnotationStore::columns() +
                                     QStringLiteral(" FROM annotations WHERE "
                                                    "task_uid = ?1 AND deleted = 0"));
    stmt.bind(1, uid);
    QList<Annotation> rows;
    while (stmt.next())
        rows << AnnotationStore::readRow(stmt);
    return rows;
}

QJsonArray exportedTasks(const QString& path) {
    return QJsonDocument::fromJson(readFile(path)).array();
}

QJsonObject taskOf(const QJsonArray& tasks, const QString& uid) {
    for (const QJsonValue& task : tasks)
        if (task[QStringLiteral("meta")][QStringLiteral("uid")].toString() == uid)
            return task.toObject();
    return QJsonObject();
}

// Every result of a task's annotations and predictions.
QJsonArray resultsOf(const QJsonObject& task, const char* list = "annotations") {
    QJsonArray all;
    for (const QJsonValue& annotation : task.value(QLatin1String(list)).toArray())
        for (const QJsonValue& r : annotation[QStringLiteral("result")].toArray())
            all << r;
    return all;
}

QJsonObject resultNamed(const QJsonArray& results, const QString& from, const QString& type) {
    for (const QJsonValue& r : results)
        if (r[QStringLiteral("from_name")].toString() == from &&
            r[QStringLiteral("type")].toString() == type)
            return r.toObject();
    return QJsonObject();
}

}  // namespace

class TestLabelStudioFormat : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void registeredAndDetected() {
        Format* ls = FormatRegistry::instance().byName(QStringLiteral("labelstudio"));
        QVERIFY(ls);
        QVERIFY(ls->canRead() && ls->canWrite());
        QVERIFY(ls->kinds().isEmpty());  // every kind
        QVERIFY(!FormatRegistry::instance().byName(QStringLiteral("labelstudio-text")));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("export.json"));
        writeFile(path, R"([{"id": 1, "data": {"image": "a.png"}, "annotations": []}])");
        QCOMPARE(FormatRegistry::instance().detectReader(path), ls);
        QCOMPARE(LabelStudioFormat::configPath(QStringLiteral("/x/out.json")),
                 QStringLiteral("/x/out.xml"));
        QCOMPARE(LabelStudioFormat::configPath(QStringLiteral("/x/out")),
                 QStringLiteral("/x/out.xml"));
    }

    void jsonMinIsRefusedByName() {
        QTemporaryDir dir;
        const QString projectPath = dir.filePath(QStringLiteral("p.postil"));
        auto project = makeProject(projectPath, kEveryKindSchema);
        const QString in = dir.filePath(QStringLiteral("min.json"));
        writeFile(in, R"([{"text": "Ann met Bob", "id": 4, "label": [{"start": 0, "end": 3,
            "text": "Ann", "labels": ["PER"]}], "annotator": "a@b.c", "annotation_id": 9,
            "created_at": "2024-05-01T10:00:00Z", "lead_time": 3.5}])");
        const QByteArray before = readFile(projectPath);
        auto imported = importInto(*project, in, QStringLiteral("auto"));
        QVERIFY(!imported.ok());
        QVERIFY2(imported.error().startsWith(in + QStringLiteral(": this is Label Studio's "
                                                                 "JSON-MIN export")),
                 qPrintable(imported.error()));
        QVERIFY(imported.error().contains(QStringLiteral("export the project as JSON")));
        QCOMPARE(readFile(projectPath), before);
    }

    // --media-url: media as an address Label Studio serves, the stored path
    // after the prefix, percent-encoded; postil-cli refuses it for another format.
    void mediaUrlPrefixesTheStoredPath() {
        QTemporaryDir dir;
        auto project = everyKindProject(dir.path());
        const QString out = dir.filePath(QStringLiteral("ls.json"));
        Format* writer = FormatRegistry::instance().byName(QStringLiteral("labelstudio"));
        QVERIFY(writer);
        ExportOptions options;
        options.status = QStringLiteral("all");
        options.formatOptions.insert(QLatin1String(LabelStudioExport::kMediaUrlOption),
                                     QStringLiteral("/data/local-files/?d=my receipts/"));
        ExportReport report;
        Status written = writer->write(*project, out, options, report);
        QVERIFY2(written.ok(), qPrintable(written.error()));
        const QJsonArray tasks = exportedTasks(out);
        QCOMPARE(
            taskOf(tasks, QStringLiteral("street"))[QStringLiteral("data")][QStringLiteral("image")]
                .toString(),
            QStringLiteral("/data/local-files/?d=my receipts/img/street.png"));

        const QString projectPath = project->path();
        project.reset();
        QProcess cli;
        cli.start(
            QStringLiteral(POSTIL_CLI_PATH),
            {QStringLiteral("export"), projectPath, QStringLiteral("--format"),
             QStringLiteral("jsonl"), QStringLiteral("-o"), dir.filePath(QStringLiteral("x.jsonl")),
             QStringLiteral("--media-url"), QStringLiteral("/x/")});
        QVERIFY(cli.waitForFinished(30000));
        QCOMPARE(cli.exitCode(), 2);
        QVERIFY(QString::fromUtf8(cli.readAllStandardError())
                    .contains(QStringLiteral("--media-url applies to labelstudio only")));
    }

    // Export then import gives every row back, under its annotator, kind by kind.
    void everyKindRoundTrips() {
        QTemporaryDir dir;
        auto project = everyKindProject(dir.path());
        QDir(dir.path()).mkpath(QStringLiteral("out"));
        const QString out = dir.filePath(QStringLiteral("out/ls.json"));
        ExportReport report;
        Status written =
            exportTo(*project, out, QStringLiteral("labelstudio"), report, QStringLiteral("all"));
        QVERIFY2(written.ok(), qPrintable(written.error()));
        QCOMPARE(report.tasks, qint64(5));
        QCOMPARE(report.annotations, qint64(10));
        QVERIFY2(report.warnings.isEmpty(), qPrintable(report.warnings.join(u'\n')));
        QVERIFY(QFileInfo::exists(dir.filePath(QStringLiteral("out/ls.xml"))));

        // What Label Studio reads: percent, code points, seconds, users, predictions.
        const QJsonArray tasks = exportedTasks(out);
        const QJsonObject street = taskOf(tasks, QStringLiteral("street"));
        QCOMPARE(street[QStringLiteral("data")][QStringLiteral("image")].toString(),
                 QStringLiteral("../img/street.png"));
        const QJsonObject car = resultNamed(resultsOf(street), QStringLiteral("box"),
                                            QStringLiteral("rectanglelabels"));
        QCOMPARE(car[QStringLiteral("original_width")].toInt(), 640);
        QCOMPARE(car[QStringLiteral("value")][QStringLiteral("x")].toDouble(), 10.25 / 640 * 100);
        QCOMPARE(car[QStringLiteral("value")][QStringLiteral("height")].toDouble(),
                 50.75 / 480 * 100);
        const QJsonArray annotations = street[QStringLiteral("annotations")].toArray();
        QCOMPARE(annotations.size(), 2);
        QCOMPARE(annotations[0][QStringLiteral("completed_by")].toString(),
                 QStringLiteral("alice@postil.invalid"));
        QCOMPARE(annotations[1][QStringLiteral("completed_by")].toString(),
                 QStringLiteral("bob@lab.example"));
        QVERIFY(annotations[1][QStringLiteral("was_cancelled")].toBool());
        const QJsonArray predictions = street[QStringLiteral("predictions")].toArray();
        QCOMPARE(predictions.size(), 1);
        QCOMPARE(predictions[0][QStringLiteral("model_version")].toString(),
                 QStringLiteral("yolo"));
        QCOMPARE(resultsOf(street, "predictions")[0][QStringLiteral("score")].toDouble(), 0.875);
        const QJsonObject zoe = taskOf(tasks, QStringLiteral("zoe"));
        const QJsonObject lives =
            resultNamed(resultsOf(zoe), QStringLiteral("label"), QStringLiteral("labels"));
        QCOMPARE(lives[QStringLiteral("value")][QStringLiteral("text")].toString(),
                 QStringLiteral("Zoë"));
        QCOMPARE(zoe[QStringLiteral("drafts")].toArray().size(), 1);
        const QJsonObject talk = taskOf(tasks, QStringLiteral("talk"));
        const QJsonObject words = resultNamed(resultsOf(talk), QStringLiteral("transcription"),
                                              QStringLiteral("textarea"));
        QCOMPARE(words[QStringLiteral("value")][QStringLiteral("end")].toDouble(), 1.25);
        const QJsonObject pair = taskOf(tasks, QStringLiteral("pair"));
        QCOMPARE(pair[QStringLiteral("data")][QStringLiteral("answer2")].toString(),
                 QStringLiteral("Lyon."));
        QVERIFY(!pair[QStringLiteral("data")].toObject().contains(QStringLiteral("responses")));
        const QJsonObject pairwise =
            resultNamed(resultsOf(pair), QStringLiteral("comparison"), QStringLiteral("pairwise"));
        QCOMPARE(pairwise[QStringLiteral("value")][QStringLiteral("selected")].toString(),
                 QStringLiteral("left"));

        // The config names every control the results use.
        const QByteArray xml = readFile(dir.filePath(QStringLiteral("out/ls.xml")));
        for (const char* piece :
             {"<RectangleLabels name=\"box\" toName=\"image\">", "<Label value=\"car\"",
              "<Labels name=\"label\" toName=\"text\">", "<Relation value=\"lives_in\"/>",
              "<Labels name=\"speaker\" toName=\"audio\">", "name=\"transcription\"",
              "<Pairwise name=\"comparison\" toName=\"answer1,answer2\"/>", "alias=\"-3\"",
              "name=\"helpful_answer3\"", "<Paragraphs name=\"prompt\"", "name=\"ranking\"",
              "name=\"flag_answer1\"", "<Rating name=\"stars\"", "choice=\"multiple\"",
              "name=\"occluded\"", "perRegion=\"true\""})
            QVERIFY2(xml.contains(piece), piece);
        QXmlStreamReader parse(xml);
        while (!parse.atEnd())
            parse.readNext();
        QVERIFY2(!parse.hasError(), qPrintable(parse.errorString()));

        auto fresh = makeProject(dir.filePath(QStringLiteral("fresh/p.postil")), kEveryKindSchema);
        auto imported = importInto(*fresh, out, QStringLiteral("auto"));
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(imported->tasksAdded, qint64(5));
        QCOMPARE(imported->annotationsAdded, qint64(10));
        QVERIFY2(imported->warnings.isEmpty(), qPrintable(imported->warnings.join(u'\n')));
        struct Expect {
            const char* uid;
            TaskKind kind;
            int responses;
        };
        int rows = 0;
        for (const Expect& e :
             {Expect{"street", TaskKind::Image, 0}, Expect{"zoe", TaskKind::Text, 0},
              Expect{"talk", TaskKind::Audio, 0}, Expect{"pair", TaskKind::Compare, 2},
              Expect{"three", TaskKind::Compare, 3}}) {
            const QString uid = QString::fromLatin1(e.uid);
            const auto task = fresh->tasks().byUid(uid);
            QVERIFY2(task, e.uid);
            QVERIFY(task->kind == e.kind);
            if (e.kind == TaskKind::Text || e.kind == TaskKind::Compare)
                QCOMPARE(task->data, project->tasks().byUid(uid)->data);
            for (const Annotation& original : rowsOf(*project, uid)) {
                const auto back = fresh->annotations().get(uid, original.annotator);
                QVERIFY2(back, qPrintable(uid + QLatin1Char(' ') + original.annotator));
                QCOMPARE(answersOf(*back, e.kind, e.responses),
                         answersOf(original, e.kind, e.responses));
                QCOMPARE(back->leadMs, original.leadMs);
                ++rows;
            }
        }
        QCOMPARE(rows, 10);
        // The media found beside the export are the same files.
        QCOMPARE(fresh->absoluteMediaPath(fresh->tasks()
                                              .byUid(QStringLiteral("talk"))
                                              ->data[QStringLiteral("audio")]
                                              .toString()),
                 dir.filePath(QStringLiteral("talk.wav")));
    }

    // tests/data/labelstudio/export.json as Label Studio 1.x writes it: uploads,
    // user ids and e-mails, a cancelled annotation, a draft, predictions,
    // rotated boxes and polygons Postil cannot hold.
    void readsALabelStudioExport() {
        QTemporaryDir dir;
        QVERIFY(QFile::copy(QStringLiteral(POSTIL_TEST_DATA "/labelstudio/export.json"),
                            dir.filePath(QStringLiteral("export.json"))));
        QImage image(800, 600, QImage::Format_RGB32);
        image.fill(Qt::gray);
        QVERIFY(image.save(dir.filePath(QStringLiteral("street.jpg"))));
        QVERIFY(writeWav(dir.filePath(QStringLiteral("interview.wav")), 8000, 1, 8000 * 4));
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));
        auto imported = importInto(*project, dir.filePath(QStringLiteral("export.json")),
                                   QStringLiteral("auto"));
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(imported->tasksAdded, qint64(4));
        const QString warnings = imported->warnings.join(u'\n');
        QVERIFY2(warnings.contains(QStringLiteral("task 1 (id 101): annotation 1 "
                                                  "(ann@example.org): 1 rotated boxes left out")),
                 qPrintable(warnings));
        QVERIFY2(warnings.contains(QStringLiteral("1 'polygonlabels' results left out")),
                 qPrintable(warnings));
        QVERIFY(warnings.contains(QStringLiteral("label 'Car' is not in the project's schema")));

        auto uidOf = [&](const char* kind) {
            Statement stmt = project->database().statement(
                QStringLiteral("SELECT uid FROM tasks WHERE kind = ?1 ORDER BY id"));
            stmt.bind(1, QString::fromLatin1(kind));
            return stmt.next() ? stmt.text(0) : QString();
        };
        // Image: percent of 800x600, the upload found by its name without the prefix.
        const QString street = uidOf("image");
        const auto ann = project->annotations().get(street, QStringLiteral("ann@example.org"));
        QVERIFY(ann);
        QCOMPARE(toString(ann->status), toString(AnnotationStatus::Submitted));
        QCOMPARE(ann->leadMs, qint64(12500));
        const QList<Box> boxes = boxresult::read(ann->result);
        QCOMPARE(boxes.size(), 1);
        QCOMPARE(boxes[0].label, QStringLiteral("Car"));
        QCOMPARE(boxes[0].x, 100.0);
        QCOMPARE(boxes[0].y, 150.0);
        QCOMPARE(boxes[0].w, 200.0);
        QCOMPARE(boxes[0].h, 90.0);
        QCOMPARE(boxes[0].attrs.value(QStringLiteral("occluded")).toBool(), true);
        const auto skipped =
            project->annotations().get(street, QStringLiteral("labelstudio-user-7"));
        QVERIFY(skipped);
        QCOMPARE(toString(skipped->status), toString(AnnotationStatus::Skipped));
        const auto model = project->annotations().get(street, QStringLiteral("model:yolov8-m"));
        QVERIFY(model);
        QCOMPARE(toString(model->status), toString(AnnotationStatus::Draft));
        QCOMPARE(boxresult::read(model->result)[0].source.value(QStringLiteral("score")).toDouble(),
                 0.91);

        // Text: code points after the emoji, a relation, a choice.
        const QString review = uidOf("text");
        const auto text = project->annotations().get(review, QStringLiteral("ben@example.org"));
        QVERIFY(text);
        const TextAnnotation spans = spanresult::read(text->result);
        const QString reviewText =
            project->tasks().byUid(review)->data[QStringLiteral("text")].toString();
        QCOMPARE(labelled(reviewText, spans),
                 (QStringList{QStringLiteral("PER=Zoë"), QStringLiteral("LOC=Zürich")}));
        QCOMPARE(spans.relations.size(), 1);
        QCOMPARE(text->result[QStringLiteral("answers")][QStringLiteral("sentiment")].toString(),
                 QStringLiteral("Positive"));
        const auto draft = project->annotations().get(review, QStringLiteral("ann@example.org"));
        QVERIFY(draft);
        QCOMPARE(toString(draft->status), toString(AnnotationStatus::Draft));

        // Audio: seconds to milliseconds, the per-region transcript.
        const QString interview = uidOf("audio");
        const auto transcript =
            project->annotations().get(interview, QStringLiteral("ann@example.org"));
        QVERIFY(transcript);
        const QList<Segment> segments = segmentresult::read(transcript->result);
        QCOMPARE(segments.size(), 2);
        QCOMPARE(segments[0].startMs, qint64(250));
        QCOMPARE(segments[0].endMs, qint64(1875));
        QCOMPARE(segments[0].speaker, QStringLiteral("Interviewer"));
        QCOMPARE(segments[0].text, QStringLiteral("How did it start?"));
        QCOMPARE(segments[1].speaker, QStringLiteral("Guest"));
        QCOMPARE(segments[1].text, QStringLiteral("With a letter."));

        // Comparison: the pairwise template's answer1/answer2.
        const QString pair = uidOf("compare");
        const auto judged = project->annotations().get(pair, QStringLiteral("ben@example.org"));
        QVERIFY(judged);
        const ComparisonResult verdict = ComparisonResult::read(judged->result, 2);
        QCOMPARE(verdict.preference(), std::optional<int>(1));
        QCOMPARE(project->tasks().byUid(pair)->data[QStringLiteral("responses")].toArray().size(),
                 2);
    }

    void aShiftedSpanIsABadRecordNamingTheResult() {
        QTemporaryDir dir;
        const QString projectPath = dir.filePath(QStringLiteral("p.postil"));
        auto project = makeProject(projectPath, kSchema);
        const QString in = dir.filePath(QStringLiteral("ls.json"));
        // The UTF-16 offsets old Label Studio wrote (#1347): 22..26.
        writeFile(in, R"([{"id": 5, "data": {"text": "🐱 Warning: This is a test text"},
  "annotations": [{"completed_by": 3, "result": [{"id": "r", "type": "labels", "from_name": "n",
   "to_name": "text", "value": {"start": 22, "end": 26, "text": "test", "labels": ["MISC"]}}]}]}])");
        const QByteArray before = readFile(projectPath);
        auto imported = importInto(*project, in, QStringLiteral("labelstudio"));
        QVERIFY(!imported.ok());
        QVERIFY2(imported.error().startsWith(
                     in + QStringLiteral(": task 1 (id 5): annotation 1 (labelstudio-user-3): "
                                         "result 1: span 'test' at 22..26 does not match the "
                                         "text, which reads 'est ' there")),
                 qPrintable(imported.error()));
        QCOMPARE(readFile(projectPath), before);
    }

    void badRecordsNameTheirTaskAndTheRestGoesIn() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")), kEveryKindSchema);
        QVERIFY(writeWav(dir.filePath(QStringLiteral("a.wav")), 8000, 1, 8000));  // 1 s
        const QString in = dir.filePath(QStringLiteral("ls.json"));
        writeFile(in, R"([
 {"id": 1, "data": {"audio": "a.wav"}, "annotations": [{"completed_by": "x@y.z", "result": [
   {"id": "s", "type": "labels", "from_name": "speaker", "to_name": "audio",
    "value": {"start": 0.5, "end": 1.5, "labels": ["Ann"]}}]}]},
 {"id": 2, "data": {"image": "missing.png"}, "annotations": []},
 {"id": 3, "data": {"text": "fine"}, "annotations": [{"completed_by": "x@y.z", "result": [
   {"id": "t", "type": "labels", "from_name": "label", "to_name": "text",
    "value": {"start": 0, "end": "4", "labels": ["PER"]}}]}]},
 {"id": 4, "data": {"prompt": "p", "answer1": "a", "answer2": "b"}, "annotations": [
   {"completed_by": "x@y.z", "result": [{"type": "pairwise", "from_name": "comparison",
    "to_name": "answer1", "value": {"selected": "middle"}}]}]},
 {"id": 5, "data": {"text": "kept"}, "annotations": [{"completed_by": "x@y.z", "result": [
   {"id": "k", "type": "labels", "from_name": "label", "to_name": "text",
    "value": {"start": 0, "end": 4, "text": "kept", "labels": ["PER"]}}]}]},
 {"id": 7, "data": {"text": "x"} "oops": 1},
 "not a task"
])");
        auto imported = importInto(*project, in, QStringLiteral("labelstudio"), true);
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(imported->tasksAdded, qint64(1));
        const QStringList bad = imported->badRecords;
        QCOMPARE(bad.size(), 6);
        QVERIFY2(
            bad[0].startsWith(in + QStringLiteral(": task 1 (id 1): annotation 1 (x@y.z): ")) &&
                bad[0].contains(QStringLiteral("past the end of the audio")),
            qPrintable(bad[0]));
        QVERIFY2(bad[1].contains(QStringLiteral("task 2 (id 2): image 'missing.png' is not beside "
                                                "the export")),
                 qPrintable(bad[1]));
        QVERIFY2(bad[2].contains(QStringLiteral("task 3 (id 3): annotation 1 (x@y.z): result 1: "
                                                "value.start and value.end are not whole")),
                 qPrintable(bad[2]));
        QVERIFY2(bad[3].contains(QStringLiteral("value.selected must be")), qPrintable(bad[3]));
        QVERIFY2(bad[4].contains(QStringLiteral("task 6 (line 15): not valid JSON")),
                 qPrintable(bad[4]));
        QVERIFY2(bad[5].contains(QStringLiteral("task 7 (line 16): a task needs \"data\"")),
                 qPrintable(bad[5]));
        QVERIFY(project->annotations().get(
            project->tasks().byUid(uidOfText(*project, QStringLiteral("kept")))->uid,
            QStringLiteral("x@y.z")));
    }

    void aListThatNeverEndsFailsTheFileNamingTheLine() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")), kSchema);
        const QString in = dir.filePath(QStringLiteral("cut.json"));
        writeFile(in,
                  "[\n {\"id\": 1, \"data\": {\"text\": \"a\"}},\n {\"id\": 2, \"data\": {\"te");
        auto imported = importInto(*project, in, QStringLiteral("labelstudio"), true);
        QVERIFY(!imported.ok());
        QCOMPARE(imported.error(), in + QStringLiteral(": line 3: a string that never ends"));
        QCOMPARE(project->tasks().count(), qint64(0));
    }

    // The text documents of every NLP format's test, sliced by Python as Label
    // Studio users check them, and back under their annotator.
    void codePointsThatPythonSlices() {
        QTemporaryDir dir;
        auto project = makeAnnotatedProject(dir.filePath(QStringLiteral("p.postil")));
        const QString out = dir.filePath(QStringLiteral("out.json"));
        ExportReport report;
        Status written = exportTo(*project, out, QStringLiteral("labelstudio"), report);
        QVERIFY2(written.ok(), qPrintable(written.error()));
        const QByteArray sliced = runPython(QStringLiteral(R"(
import json, sys
out = {}
for task in json.load(open(sys.argv[1], encoding='utf-8')):
    text = task['data']['text']
    spans = []
    for annotation in task['annotations']:
        for r in annotation['result']:
            if r['type'] != 'labels':
                continue
            v = r['value']
            assert text[v['start']:v['end']] == v['text'], (v, text)
            spans.append(v['labels'][0] + '=' + text[v['start']:v['end']])
    out[task['meta']['uid']] = spans
print(json.dumps(out, ensure_ascii=False))
)"),
                                            {out});
        QVERIFY(!sliced.isEmpty());
        const QJsonObject byUid = QJsonDocument::fromJson(sliced).object();
        auto fresh = makeProject(dir.filePath(QStringLiteral("fresh.postil")), kSchema);
        auto imported = importInto(*fresh, out, QStringLiteral("auto"));
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        for (const Doc& doc : docs()) {
            QStringList seen;
            for (const QJsonValue& v : byUid.value(doc.uid).toArray())
                seen << v.toString();
            QCOMPARE(seen, expectedLabelled(doc));
            QCOMPARE(labelled(doc.text, storedSpans(*fresh, doc.uid, QStringLiteral("alice"))),
                     expectedLabelled(doc));
        }
    }
};

QTEST_GUILESS_MAIN(TestLabelStudioFormat)
#include "tst_labelstudioformat.moc"

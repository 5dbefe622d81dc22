// The model assist protocol (core/assist, docs/assist.md): stand-in model
// scripts in a real project, checking what was stored and what was reported.

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

#include "assist/assistmodel.h"
#include "assist/assistrun.h"
#include "assisttestsupport.h"
#include "formats/importsession.h"
#include "model/taskindex.h"
#include "testsupport.h"

using namespace postil;
using namespace postil::assisttest;

namespace {

const QByteArray kTextSchema = R"({
  "labels": [{"name": "DATE", "kinds": ["text"]}, {"name": "EMAIL", "kinds": ["text"]}],
  "attributes": [{"name": "checked", "type": "flag", "kinds": ["text"]}],
  "questions": [{"name": "tone", "type": "single", "options": ["calm", "angry"]}]
})";

// A per-task text model whose behaviour the task's text picks.
const QByteArray kTextModel = R"(
task = json.loads(sys.stdin.readline())
text = task["data"]["text"]
if text.startswith("fail"):
    sys.stderr.write("Traceback (most recent call last):\nValueError: model exploded\n")
    sys.exit(3)
if text.startswith("hang"):
    open("hang.pid", "w").write(str(os.getpid()))
    time.sleep(60)
if text.startswith("badjson"):
    print("{'spans': [")
    sys.exit(0)
if text.startswith("label"):
    print(json.dumps({"spans": [{"label": "PERSON", "start": 0, "end": 5}]}))
    sys.exit(0)
if text.startswith("past"):
    print(json.dumps({"spans": [{"label": "DATE", "start": 0, "end": len(text) + 1}]}))
    sys.exit(0)
if text.startswith("typo"):
    print(json.dumps({"span": []}))
    sys.exit(0)
print(json.dumps({"spans": [{"label": "EMAIL", "start": 0, "end": 4, "score": 0.75,
                             "attrs": {"checked": True}, "extra": "dropped"}],
                  "answers": {"tone": "calm"}}))
)";

}  // namespace

class TestAssist : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<Project> textProject(QTemporaryDir& dir, const QStringList& texts,
                                         const QByteArray& models) {
        auto project = makeProject(dir.filePath(QStringLiteral("p/p.postil")));
        project->setIdentity({QStringLiteral("alice"), QStringLiteral("laptop")});
        for (const QString& text : texts)
            addTask(*project, text.section(QLatin1Char(' '), 0, 0), TaskKind::Text,
                    {{QStringLiteral("text"), text}});
        QByteArray schema = kTextSchema;
        schema.chop(schema.size() - schema.lastIndexOf('}'));
        schema += ", \"models\": " + models + "}";
        setModels(*project, schema);
        return project;
    }

    static QJsonObject stored(Project& project, const QString& uid, const QString& annotator) {
        auto row = project.annotations().get(uid, annotator);
        return row && !row->deleted ? row->result : QJsonObject();
    }

private Q_SLOTS:
    void modelsAreReadFromTheSchemaAndKeepUnknownKeys() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));
        setModels(*project, R"({"labels": [{"name": "car"}], "models": [
            {"name": "det", "kinds": ["image"], "command": "python3 d.py", "batch": true,
             "timeout_s": 2.5, "gpu": "cuda:0"}]})");
        auto reopened = Project::open(project->path());
        QVERIFY(reopened.ok());
        auto models = assistmodels::read((*reopened)->schema());
        QVERIFY2(models.ok(), qPrintable(models.error()));
        QCOMPARE(models->size(), 1);
        const AssistModel m = models->first();
        QCOMPARE(m.name, QStringLiteral("det"));
        QVERIFY(m.kinds == QList<TaskKind>{TaskKind::Image});
        QVERIFY(m.batch);
        QCOMPARE(m.timeoutS, 2.5);
        QCOMPARE(m.annotator(), QStringLiteral("model:det"));
        // Written back through the schema, the key this build does not know stays.
        auto again = assistmodels::withModels((*reopened)->schema(), *models);
        QVERIFY(again.ok());
        QCOMPARE(again->toJson()
                     .value(QStringLiteral("models"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("gpu")),
                 QJsonValue(QStringLiteral("cuda:0")));

        auto bad = Schema::fromJsonText(R"({"models": [
            {"name": "a b", "kinds": ["video"], "command": " ", "timeout_s": -1},
            {"name": "x", "kinds": ["text"], "command": "c"},
            {"name": "x", "kinds": ["text"], "command": "c"}]})");
        QVERIFY(bad.ok());
        auto problems = assistmodels::read(*bad);
        QVERIFY(!problems.ok());
        for (const char* expected :
             {"models[0].name", "models[0].kinds: unknown kind 'video'", "models[0].command",
              "models[0].timeout_s", "models[2].name: 'x' is there twice"})
            QVERIFY2(problems.error().contains(QLatin1String(expected)),
                     qPrintable(problems.error()));
        QVERIFY(assistmodels::find((*reopened)->schema(), QStringLiteral("nope"))
                    .error()
                    .contains(QStringLiteral("no model 'nope' (the project has: det)")));
    }

    void perTaskAnswersAreStoredAsTheModelsDrafts() {
        QTemporaryDir dir;
        auto project = textProject(dir, {QStringLiteral("good1 mail"), QStringLiteral("good2")},
                                   R"([{"name": "ents", "kinds": ["text"], "command": "CMD"}])");
        const QString command = script(*project, QStringLiteral("ents.py"), kTextModel);
        setModels(
            *project,
            QJsonDocument(project->schema().toJson()).toJson().replace("CMD", command.toUtf8()));
        QList<std::pair<qint64, qint64>> progress;
        AssistOptions options;
        options.progress = [&](qint64 done, qint64 total) { progress.append({done, total}); };
        const AssistReport report = run(*project, QStringLiteral("ents"), options);
        QCOMPARE(report.done, 2);
        QCOMPARE(report.failed, 0);
        QCOMPARE(report.version, QStringLiteral("ents.py 2.1"));
        QCOMPARE(progress.last(), std::make_pair(qint64(2), qint64(2)));

        auto row =
            project->annotations().get(QStringLiteral("good1"), QStringLiteral("model:ents"));
        QVERIFY(row);
        QVERIFY(row->status == AnnotationStatus::Draft);
        QVERIFY(row->hlc > 0);
        QCOMPARE(row->device, QStringLiteral("laptop"));
        const QJsonObject span =
            row->result.value(QStringLiteral("spans")).toArray().first().toObject();
        QCOMPARE(span.value(QStringLiteral("label")).toString(), QStringLiteral("EMAIL"));
        QCOMPARE(span.value(QStringLiteral("score")).toDouble(), 0.75);
        QCOMPARE(span.value(QStringLiteral("attrs")).toObject().value(QStringLiteral("checked")),
                 QJsonValue(true));
        QVERIFY2(!span.contains(QStringLiteral("extra")), "a model's own keys are not stored");
        QCOMPARE(
            row->result.value(QStringLiteral("answers")).toObject().value(QStringLiteral("tone")),
            QJsonValue(QStringLiteral("calm")));
        const QJsonObject info = row->result.value(QStringLiteral("model")).toObject();
        QCOMPARE(info.value(QStringLiteral("name")).toString(), QStringLiteral("ents"));
        QCOMPARE(info.value(QStringLiteral("command")).toString(), command);
        QCOMPARE(info.value(QStringLiteral("version")).toString(), QStringLiteral("ents.py 2.1"));
        QVERIFY(QDateTime::fromString(info.value(QStringLiteral("at")).toString(), Qt::ISODate)
                    .isValid());
        // The editors' proposals layer shows it to the person, as any other row.
        const QList<Annotation> proposals =
            project->annotations().proposals(QStringLiteral("good1"), QStringLiteral("alice"));
        QCOMPARE(proposals.size(), 1);
        QCOMPARE(proposals.first().annotator, QStringLiteral("model:ents"));
        // And the task list marks the task as one with proposals.
        TaskIndex index;
        index.setProject(project.get());
        const TaskIndex::Row* listed = index.row(index.rowOf(1));
        QVERIFY(listed);
        QCOMPARE(listed->proposals, QStringList{QStringLiteral("model:ents")});
        index.setProject(nullptr);
    }

    void eachFailureIsReportedAndTheRunGoesOn() {
        QTemporaryDir dir;
        auto project = textProject(
            dir,
            {QStringLiteral("good1"), QStringLiteral("fail1"), QStringLiteral("hang1"),
             QStringLiteral("badjson1"), QStringLiteral("label1"), QStringLiteral("past1"),
             QStringLiteral("typo1"), QStringLiteral("good2")},
            R"([{"name": "ents", "kinds": ["text"], "command": "CMD", "timeout_s": 1}])");
        const QString command = script(*project, QStringLiteral("ents.py"), kTextModel);
        setModels(
            *project,
            QJsonDocument(project->schema().toJson()).toJson().replace("CMD", command.toUtf8()));
        AssistOptions options;
        options.jobs = 3;
        QElapsedTimer clock;
        clock.start();
        const AssistReport report = run(*project, QStringLiteral("ents"), options);
        QVERIFY2(clock.elapsed() < 20000, "a hanging task holds the run for its timeout only");
        QCOMPARE(report.done, 2);
        QCOMPARE(report.failed, 6);
        const QString fail = failureOf(report, QStringLiteral("fail1"));
        QVERIFY2(fail.contains(QStringLiteral("exit code 3")), qPrintable(fail));
        QVERIFY2(fail.contains(QStringLiteral("stderr: ")) &&
                     fail.contains(QStringLiteral("ValueError: model exploded")),
                 qPrintable(fail));
        QVERIFY2(failureOf(report, QStringLiteral("hang1"))
                     .contains(QStringLiteral("no answer within 1 s")),
                 qPrintable(failureOf(report, QStringLiteral("hang1"))));
        QVERIFY2(failureOf(report, QStringLiteral("badjson1")).contains(QStringLiteral("not JSON")),
                 qPrintable(failureOf(report, QStringLiteral("badjson1"))));
        QVERIFY2(
            failureOf(report, QStringLiteral("label1"))
                .contains(QStringLiteral("label 'PERSON' is not one of the project's text labels")),
            qPrintable(failureOf(report, QStringLiteral("label1"))));
        QVERIFY2(failureOf(report, QStringLiteral("past1"))
                     .contains(QStringLiteral("the text has 5 characters")),
                 qPrintable(failureOf(report, QStringLiteral("past1"))));
        QVERIFY2(failureOf(report, QStringLiteral("typo1"))
                     .contains(QStringLiteral("\"span\" is no part")),
                 qPrintable(failureOf(report, QStringLiteral("typo1"))));
        for (const char* uid : {"good1", "good2"})
            QVERIFY(!stored(*project, QLatin1String(uid), QStringLiteral("model:ents")).isEmpty());
        for (const char* uid : {"fail1", "hang1", "badjson1", "label1", "past1", "typo1"})
            QVERIFY2(!project->annotations().get(QLatin1String(uid), QStringLiteral("model:ents")),
                     uid);
        // The hanging script (python under the shell) was ended with its group.
        const QByteArray pid =
            readFile(project->folder().absoluteFilePath(QStringLiteral("hang.pid")));
        QVERIFY(!pid.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(
            !QFile::exists(QStringLiteral("/proc/%1/cmdline").arg(QString::fromLatin1(pid))) ||
                readFile(QStringLiteral("/proc/%1/cmdline").arg(QString::fromLatin1(pid)))
                    .isEmpty(),
            5000);
    }

    void batchAnswersInAnyOrderFromOneProcess() {
        QTemporaryDir dir;
        QStringList texts;
        for (int i = 0; i < 6; ++i)
            texts << QStringLiteral("good%1 text").arg(i);
        auto project = textProject(
            dir, texts, R"([{"name": "b", "kinds": ["text"], "command": "CMD", "batch": true}])");
        // Reads two lines, answers the second first.
        const QString command = script(*project, QStringLiteral("b.py"), R"(
open("starts.txt", "a").write("start\n")
def answer(t):
    print(json.dumps({"id": t["id"], "result": {"spans": [{"label": "DATE", "start": 0, "end": 4}]}}), flush=True)
while True:
    a = sys.stdin.readline()
    if not a: break
    b = sys.stdin.readline()
    if b: answer(json.loads(b))
    answer(json.loads(a))
)");
        setModels(
            *project,
            QJsonDocument(project->schema().toJson()).toJson().replace("CMD", command.toUtf8()));
        const AssistReport report = run(*project, QStringLiteral("b"));
        QCOMPARE(report.failed, 0);
        QCOMPARE(report.done, 6);
        QCOMPARE(readFile(project->folder().absoluteFilePath(QStringLiteral("starts.txt"))),
                 QByteArray("start\n"));
        for (int i = 0; i < 6; ++i)
            QCOMPARE(stored(*project, QStringLiteral("good%1").arg(i), QStringLiteral("model:b"))
                         .value(QStringLiteral("spans"))
                         .toArray()
                         .size(),
                     1);
    }

    void batchFailuresAreReportedPerTask() {
        QTemporaryDir dir;
        auto project = textProject(
            dir,
            {QStringLiteral("good1"), QStringLiteral("hang1"), QStringLiteral("good2"),
             QStringLiteral("badjson1"), QStringLiteral("die1"), QStringLiteral("label1"),
             QStringLiteral("good3")},
            R"([{"name": "b", "kinds": ["text"], "command": "CMD", "batch": true, "timeout_s": 1}])");
        // One task at a time, in order; "hang" stops answering until it is
        // ended, "die" ends the command, "badjson" prints a line that is not JSON.
        const QString command = script(*project, QStringLiteral("b.py"), R"(
for line in sys.stdin:
    t = json.loads(line)
    text = t["data"]["text"]
    if text.startswith("hang"):
        time.sleep(60)
    if text.startswith("die"):
        sys.stderr.write("out of memory\n")
        sys.exit(9)
    if text.startswith("badjson"):
        print("not json at all", flush=True)
        continue
    label = "PERSON" if text.startswith("label") else "DATE"
    print(json.dumps({"id": t["id"], "result": {"spans": [{"label": label, "start": 0, "end": 4}]}}), flush=True)
)");
        setModels(
            *project,
            QJsonDocument(project->schema().toJson()).toJson().replace("CMD", command.toUtf8()));
        const AssistReport report = run(*project, QStringLiteral("b"));
        QCOMPARE(report.done, 3);
        QCOMPARE(report.failed, 4);
        QVERIFY2(failureOf(report, QStringLiteral("hang1"))
                     .contains(QStringLiteral("no answer within 1 s")),
                 qPrintable(failureOf(report, QStringLiteral("hang1"))));
        QVERIFY2(
            failureOf(report, QStringLiteral("die1")).contains(QStringLiteral("exit code 9")) &&
                failureOf(report, QStringLiteral("die1")).contains(QStringLiteral("out of memory")),
            qPrintable(failureOf(report, QStringLiteral("die1"))));
        QVERIFY2(failureOf(report, QStringLiteral("label1")).contains(QStringLiteral("PERSON")),
                 qPrintable(failureOf(report, QStringLiteral("label1"))));
        // The line that is not JSON names no task: it is a problem of the run,
        // and its task fails when the command has to be started again.
        QVERIFY(!failureOf(report, QStringLiteral("badjson1")).isEmpty());
        QVERIFY2(
            report.problems.join(QLatin1Char('\n')).contains(QStringLiteral("not json at all")),
            qPrintable(report.problems.join(QLatin1Char('\n'))));
        for (const char* uid : {"good1", "good2", "good3"})
            QVERIFY2(!stored(*project, QLatin1String(uid), QStringLiteral("model:b")).isEmpty(),
                     uid);
    }

    void aCommandThatNeverAnswersFailsEveryTaskQuickly() {
        QTemporaryDir dir;
        auto project = textProject(
            dir, {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")},
            R"([{"name": "b", "kinds": ["text"], "command": "no-such-model-command", "batch": true}])");
        QElapsedTimer clock;
        clock.start();
        const AssistReport report = run(*project, QStringLiteral("b"));
        QVERIFY(clock.elapsed() < 15000);
        QCOMPARE(report.failed, 3);
        QCOMPARE(report.done, 0);
        QVERIFY2(report.failures.first().reason.contains(QStringLiteral("exit code 127")),
                 qPrintable(report.failures.first().reason));
        QVERIFY2(report.failures.first().reason.contains(QStringLiteral("not found")),
                 qPrintable(report.failures.first().reason));
    }

    void runningAgainReplacesTheModelsDraftsAndNoPersonsRow() {
        QTemporaryDir dir;
        auto project = textProject(dir, {QStringLiteral("one x"), QStringLiteral("two y")},
                                   R"([{"name": "m", "kinds": ["text"], "command": "CMD"}])");
        const QString command = script(*project, QStringLiteral("m.py"), R"(
t = json.loads(sys.stdin.readline())
label = open("label.txt").read().strip()
print(json.dumps({"spans": [{"label": label, "start": 0, "end": 3}]}))
)");
        setModels(
            *project,
            QJsonDocument(project->schema().toJson()).toJson().replace("CMD", command.toUtf8()));
        writeFile(project->folder().absoluteFilePath(QStringLiteral("label.txt")), "DATE");
        QCOMPARE(run(*project, QStringLiteral("m")).done, 2);
        const auto first =
            project->annotations().get(QStringLiteral("one"), QStringLiteral("model:m"));
        QVERIFY(first);

        // A person works on both tasks; alice submits "two".
        addAnnotation(*project, QStringLiteral("one"), QStringLiteral("bob"),
                      AnnotationStatus::Draft, jsonObject(R"({"spans": []})"));
        addAnnotation(*project, QStringLiteral("two"), QStringLiteral("alice"),
                      AnnotationStatus::Submitted, jsonObject(R"({"spans": []})"));
        const auto bob = project->annotations().get(QStringLiteral("one"), QStringLiteral("bob"));
        const auto alice =
            project->annotations().get(QStringLiteral("two"), QStringLiteral("alice"));

        writeFile(project->folder().absoluteFilePath(QStringLiteral("label.txt")), "EMAIL");
        const AssistModel m = model(*project, QStringLiteral("m"));
        auto unfinished =
            AssistSelection::select(*project, m, {}, AssistSelection::Status::Unfinished);
        QVERIFY(unfinished.ok());
        QCOMPARE(unfinished->taskIds.size(), 1);  // alice finished "two"
        QCOMPARE(unfinished->finished, 1);
        auto report = runAssist(*project, m, unfinished->taskIds, {});
        QVERIFY(report.ok());
        QCOMPARE(report->done, 1);

        const auto second =
            project->annotations().get(QStringLiteral("one"), QStringLiteral("model:m"));
        QVERIFY(second);
        QCOMPARE(second->uid, first->uid);  // the same row, written again
        QVERIFY(second->hlc > first->hlc);
        QCOMPARE(second->result.value(QStringLiteral("spans"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("label"))
                     .toString(),
                 QStringLiteral("EMAIL"));
        const auto bobAfter =
            project->annotations().get(QStringLiteral("one"), QStringLiteral("bob"));
        const auto aliceAfter =
            project->annotations().get(QStringLiteral("two"), QStringLiteral("alice"));
        QCOMPARE(bobAfter->hlc, bob->hlc);
        QCOMPARE(bobAfter->result, bob->result);
        QCOMPARE(aliceAfter->hlc, alice->hlc);
        QVERIFY(aliceAfter->status == AnnotationStatus::Submitted);
        // The task alice finished keeps the first run's draft.
        QCOMPARE(project->annotations().get(QStringLiteral("two"), QStringLiteral("model:m"))->hlc <
                     second->hlc,
                 true);
    }

    void filterNamesTasksByIdRangeAndUid() {
        QTemporaryDir dir;
        auto project = textProject(dir,
                                   {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
                                    QStringLiteral("d"), QStringLiteral("e")},
                                   R"([{"name": "m", "kinds": ["text"], "command": "true"}])");
        addTask(*project, QStringLiteral("img"), TaskKind::Image,
                {{QStringLiteral("image"), QStringLiteral("x.png")}});
        const AssistModel m = model(*project, QStringLiteral("m"));
        auto s = AssistSelection::select(*project, m, QStringLiteral("1, 3-4,e,6"),
                                         AssistSelection::Status::All);
        QVERIFY2(s.ok(), qPrintable(s.error()));
        QCOMPARE(s->taskIds, (QList<qint64>{1, 3, 4, 5}));
        QCOMPARE(s->otherKinds, 1);
        QVERIFY(
            AssistSelection::select(*project, m, QStringLiteral("99"), AssistSelection::Status::All)
                .error()
                .contains(QStringLiteral("there is no task 99")));
        QVERIFY(
            AssistSelection::select(*project, m, QStringLiteral("zz"), AssistSelection::Status::All)
                .error()
                .contains(QStringLiteral("there is no task 'zz'")));
        QVERIFY(!AssistSelection::select(*project, m, QStringLiteral("4-2"),
                                         AssistSelection::Status::All)
                     .ok());
    }

    void imageAnswersAreCheckedAgainstTheImage() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p/p.postil")));
        addImageTask(*project, QStringLiteral("inside"), 1, QSize(100, 50));
        addImageTask(*project, QStringLiteral("outside"), 2, QSize(100, 50));
        addImageTask(*project, QStringLiteral("score"), 3, QSize(100, 50));
        const QString command = script(*project, QStringLiteral("det.py"), R"(
t = json.loads(sys.stdin.readline())
assert os.path.isabs(t["data"]["image"]) and t["kind"] == "image", t
name = os.path.basename(t["data"]["image"])
box = {"label": "car", "x": 10.004, "y": 5, "w": 90, "h": 45, "score": 0.9}
if name == "2.jpg": box["w"] = 95
if name == "3.jpg": box["score"] = 1.5
print(json.dumps({"boxes": [box]}))
)");
        setModels(*project, QByteArray(R"({"labels": [{"name": "car", "kinds": ["image"]}],
            "models": [{"name": "det", "kinds": ["image"], "command": ")") +
                                command.toUtf8() + "\"}]}");
        const AssistReport report = run(*project, QStringLiteral("det"));
        QCOMPARE(report.done, 1);
        QVERIFY2(failureOf(report, QStringLiteral("2.jpg"))
                     .contains(QStringLiteral("outside the 100 x 50 image")),
                 qPrintable(failureOf(report, QStringLiteral("2.jpg"))));
        QVERIFY2(failureOf(report, QStringLiteral("3.jpg"))
                     .contains(QStringLiteral("score must be a number from 0 to 1")),
                 qPrintable(failureOf(report, QStringLiteral("3.jpg"))));
        const QJsonObject box =
            stored(*project, QStringLiteral("inside"), QStringLiteral("model:det"))
                .value(QStringLiteral("boxes"))
                .toArray()
                .first()
                .toObject();
        QCOMPARE(box.value(QStringLiteral("x")).toDouble(), 10.0);  // rounded to 0.01 px as stored
        QCOMPARE(box.value(QStringLiteral("score")).toDouble(), 0.9);
    }

    void audioSegmentsMustEndWithinTheAudio() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p/p.postil")));
        const QString wav = project->folder().absoluteFilePath(QStringLiteral("one.wav"));
        QVERIFY(writeWav(wav, 16000, 1, 16000));  // one second
        ImportOptions importOptions;
        QVERIFY(importFiles(*project, {wav}, QStringLiteral("folder"), importOptions).ok());
        const QString command = script(*project, QStringLiteral("asr.py"), R"(
t = json.loads(sys.stdin.readline())
end = int(open("end.txt").read())
print(json.dumps({"segments": [{"start_ms": 0, "end_ms": end, "text": "hello", "score": 0.5}]}))
)");
        setModels(*project,
                  QByteArray(R"({"models": [{"name": "asr", "kinds": ["audio"], "command": ")") +
                      command.toUtf8() + "\"}]}");
        writeFile(project->folder().absoluteFilePath(QStringLiteral("end.txt")), "1500");
        AssistReport report = run(*project, QStringLiteral("asr"));
        QCOMPARE(report.failed, 1);
        QVERIFY2(report.failures.first().reason.contains(QStringLiteral("the audio lasts 1000 ms")),
                 qPrintable(report.failures.first().reason));
        writeFile(project->folder().absoluteFilePath(QStringLiteral("end.txt")), "1000");
        report = run(*project, QStringLiteral("asr"));
        QCOMPARE(report.done, 1);
    }

    void comparisonVerdictsAreChecked() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p/p.postil")));
        for (const char* uid : {"ok", "rubric"})
            addTask(*project, QLatin1String(uid), TaskKind::Compare,
                    jsonObject(R"({"prompt": "Say hi", "responses": ["hi", "hello there"]})"));
        const QString command = script(*project, QStringLiteral("judge.py"), R"(
t = json.loads(sys.stdin.readline())
r = {"preference": 2, "critique": "The second is warmer.", "rubric": {"helpful": [3, 6]}}
if t["id"] == "rubric": r["rubric"] = {"funny": [1, 2]}
print(json.dumps(r))
)");
        setModels(*project, QByteArray(R"({"rubric": [{"name": "helpful", "min": 1, "max": 7}],
            "models": [{"name": "judge", "kinds": ["compare"], "command": ")") +
                                command.toUtf8() + "\"}]}");
        const AssistReport report = run(*project, QStringLiteral("judge"));
        QCOMPARE(report.done, 1);
        QVERIFY2(failureOf(report, QStringLiteral("rubric")).contains(QStringLiteral("'funny'")),
                 qPrintable(failureOf(report, QStringLiteral("rubric"))));
        const QJsonObject verdict =
            stored(*project, QStringLiteral("ok"), QStringLiteral("model:judge"));
        QCOMPARE(verdict.value(QStringLiteral("preference")).toInt(), 2);
        QCOMPARE(verdict.value(QStringLiteral("critique")).toString(),
                 QStringLiteral("The second is warmer."));
    }

    void aCancelledRunStopsAndKeepsWhatWasStored() {
        QTemporaryDir dir;
        QStringList texts{QStringLiteral("good1"), QStringLiteral("hang1"),
                          QStringLiteral("hang2")};
        auto project = textProject(
            dir, texts, R"([{"name": "m", "kinds": ["text"], "command": "CMD", "timeout_s": 60}])");
        const QString command = script(*project, QStringLiteral("m.py"), kTextModel);
        setModels(
            *project,
            QJsonDocument(project->schema().toJson()).toJson().replace("CMD", command.toUtf8()));
        CancelFlag cancel{false};
        AssistOptions options;
        options.cancel = &cancel;
        options.progress = [&](qint64 done, qint64) {
            if (done >= 1)
                cancel = true;
        };
        QElapsedTimer clock;
        clock.start();
        const AssistReport report = run(*project, QStringLiteral("m"), options);
        QVERIFY(clock.elapsed() < 20000);
        QVERIFY(report.cancelled);
        QCOMPARE(report.done, 1);
        QVERIFY(!stored(*project, QStringLiteral("good1"), QStringLiteral("model:m")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestAssist)
#include "tst_assist.moc"

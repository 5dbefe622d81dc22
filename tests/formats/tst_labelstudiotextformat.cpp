#include <QtTest>

#include "formats/labelstudiotextformat.h"
#include "nlptestdata.h"

using namespace postil;
using namespace postil::nlptest;

namespace {

// What Label Studio users check (the reference's jq line, in Python): str
// slicing of value.start:value.end gives value.text. Prints per task
// [label=slice, ...].
const QString kSliceScript = QStringLiteral(R"(
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
)");

}  // namespace

class TestLabelStudioTextFormat : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void registeredAndDetected() {
        Format* ls = FormatRegistry::instance().byName(QStringLiteral("labelstudio"));
        QVERIFY(ls);
        QVERIFY(ls->canRead() && ls->canWrite());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("export.json"));
        writeFile(path, R"([{"id": 1, "data": {"text": "Hi"}, "annotations": []}])");
        QCOMPARE(FormatRegistry::instance().detectReader(path), ls);
    }

    void codePointsThatPythonSlicesAndRoundTrip() {
        QTemporaryDir dir;
        auto project = makeAnnotatedProject(dir.filePath(QStringLiteral("p.postil")));
        addTask(*project, QStringLiteral("unannotated"), TaskKind::Text,
                QJsonObject{{QStringLiteral("text"), QStringLiteral("Nobody labelled me")}});
        const QString out = dir.filePath(QStringLiteral("out.json"));
        ExportReport report;
        Status written = exportTo(*project, out, QStringLiteral("labelstudio"), report);
        QVERIFY2(written.ok(), qPrintable(written.error()));
        QCOMPARE(report.tasks, qint64(docs().size() + 1));
        QCOMPARE(report.annotations, qint64(docs().size()));

        const QByteArray sliced = runPython(kSliceScript, {out});
        QVERIFY(!sliced.isEmpty());
        const QJsonObject byUid = QJsonDocument::fromJson(sliced).object();
        for (const Doc& doc : docs()) {
            QStringList seen;
            for (const QJsonValue& v : byUid.value(doc.uid).toArray())
                seen << v.toString();
            QCOMPARE(seen, expectedLabelled(doc));
        }
        const QJsonArray tasks = QJsonDocument::fromJson(readFile(out)).array();
        const QJsonArray results = tasks.at(0)
                                       .toObject()
                                       .value(QStringLiteral("annotations"))
                                       .toArray()
                                       .at(0)
                                       .toObject()
                                       .value(QStringLiteral("result"))
                                       .toArray();
        QJsonObject intent;
        for (const QJsonValue& r : results)
            if (r.toObject().value(QStringLiteral("from_name")).toString() ==
                QStringLiteral("intent"))
                intent = r.toObject();
        QCOMPARE(intent.value(QStringLiteral("type")).toString(), QStringLiteral("choices"));
        QCOMPARE(intent.value(QStringLiteral("value"))
                     .toObject()
                     .value(QStringLiteral("choices"))
                     .toArray(),
                 QJsonArray{QStringLiteral("travel")});

        auto fresh = makeProject(dir.filePath(QStringLiteral("fresh.postil")), kSchema);
        auto imported = importInto(*fresh, out, QStringLiteral("auto"));
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(imported->tasksAdded, qint64(docs().size() + 1));
        QCOMPARE(imported->annotationsAdded, qint64(docs().size()));
        for (const Doc& doc : docs()) {
            const auto row = annotationRow(*fresh, doc.uid, QStringLiteral("labelstudio-import"));
            QVERIFY2(row, qPrintable(doc.uid));
            const TextAnnotation back = spanresult::read(row->result);
            const TextAnnotation original = annotationOf(doc);
            QCOMPARE(back.spans.size(), original.spans.size());
            for (qsizetype s = 0; s < back.spans.size(); ++s)
                QVERIFY2(back.spans[s].sameAs(original.spans[s]),
                         qPrintable(QStringLiteral("%1 span %2").arg(doc.uid).arg(s)));
            QCOMPARE(back.relations.size(), 1);
            QVERIFY(back.relations[0].sameAs(original.relations[0]));
            QCOMPARE(row->result.value(QStringLiteral("answers")).toObject(),
                     (QJsonObject{{QStringLiteral("intent"), QStringLiteral("travel")}}));
        }
    }

    void readsALabelStudioExport() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")), kSchema);
        const QString in = dir.filePath(QStringLiteral("ls.json"));
        // Label Studio's own emoji test: "test" at 21..25 in code points. A
        // prediction only; two annotations (one cancelled) on the second task.
        writeFile(in, R"([
 {"id": 17, "data": {"review": "🐱 Warning: This is a test text"},
  "predictions": [{"model_version": "v1", "result": [
   {"id": "r1", "from_name": "ner", "to_name": "text", "type": "labels",
    "value": {"start": 21, "end": 25, "text": "test", "labels": ["MISC"]}}]}]},
 {"id": 18, "data": {"text": "Ann met Bob"},
  "annotations": [
   {"id": 1, "completed_by": 3, "was_cancelled": true, "result": []},
   {"id": 2, "completed_by": 4, "result": [
    {"id": "a", "from_name": "ner", "to_name": "text", "type": "labels",
     "value": {"start": 0, "end": 3, "text": "Ann", "labels": ["PER"]}},
    {"id": "b", "from_name": "ner", "to_name": "text", "type": "labels",
     "value": {"start": 8, "end": 11, "text": "Bob", "labels": ["PER"]}},
    {"type": "relation", "from_id": "b", "to_id": "a", "direction": "left", "labels": ["knows"]},
    {"id": "c", "from_name": "sentiment", "to_name": "text", "type": "choices",
     "value": {"choices": ["Positive"]}}]},
   {"id": 3, "completed_by": 5, "result": []}]}
])");
        auto imported =
            importInto(*project, in, QStringLiteral("auto"), false, QStringLiteral("ls"));
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(imported->tasksAdded, qint64(2));
        const QString cat = QStringLiteral("🐱 Warning: This is a test text");
        QCOMPARE(
            labelled(cat, storedSpans(*project, uidOfText(*project, cat), QStringLiteral("ls"))),
            QStringList{QStringLiteral("MISC=test")});
        const QString uid = uidOfText(*project, QStringLiteral("Ann met Bob"));
        const auto row = annotationRow(*project, uid, QStringLiteral("ls"));
        QVERIFY(row);
        const TextAnnotation spans = spanresult::read(row->result);
        QCOMPARE(spans.relations.size(), 1);
        QCOMPARE(spans.relations[0].from, 0);  // "left": from Ann to Bob
        QCOMPARE(spans.relations[0].to, 1);
        QCOMPARE(row->result.value(QStringLiteral("answers")).toObject(),
                 (QJsonObject{{QStringLiteral("sentiment"), QStringLiteral("Positive")}}));
        const QString warnings = imported->warnings.join(u'\n');
        QVERIFY2(warnings.contains(QStringLiteral("task 2 (id 18): 2 annotations: the first (by 4) "
                                                  "is imported")),
                 qPrintable(warnings));
        QVERIFY(warnings.contains(
            QStringLiteral("question 'sentiment' is not in the project's schema")));
    }

    void aShiftedRegionIsABadRecord() {
        QTemporaryDir dir;
        const QString projectPath = dir.filePath(QStringLiteral("p.postil"));
        auto project = makeProject(projectPath, kSchema);
        const QString in = dir.filePath(QStringLiteral("ls.json"));
        // The UTF-16 offsets old Label Studio wrote (#1347): 22..26.
        writeFile(in, R"([{"id": 5, "data": {"text": "🐱 Warning: This is a test text"},
  "annotations": [{"result": [{"id": "r", "type": "labels", "from_name": "n", "to_name": "text",
   "value": {"start": 22, "end": 26, "text": "test", "labels": ["MISC"]}}]}]}])");
        const QByteArray before = readFile(projectPath);
        auto imported = importInto(*project, in, QStringLiteral("labelstudio"));
        QVERIFY(!imported.ok());
        QVERIFY2(
            imported.error().startsWith(
                in + QStringLiteral(": task 1 (id 5): result 1: span 'test' at 22..26 does not "
                                    "match the text, which reads 'est ' there")),
            qPrintable(imported.error()));
        QCOMPARE(readFile(projectPath), before);
    }
};

QTEST_GUILESS_MAIN(TestLabelStudioTextFormat)
#include "tst_labelstudiotextformat.moc"

#include <QtTest>

#include "formats/doccanoformat.h"
#include "nlptestdata.h"

using namespace postil;
using namespace postil::nlptest;

namespace {

// JavaScript's String.slice, as doccano's browser code reads its offsets:
// UTF-16 code units. Per line, [label, slice] for "label" triples or
// "entities", and Python's own (code point) slice of the same offsets, which
// must differ after an emoji.
const QString kSliceScript = QStringLiteral(R"(
import json, sys
def js_slice(text, start, end):
    units = text.encode('utf-16-le')
    return units[2 * start:2 * end].decode('utf-16-le')
out = []
for line in open(sys.argv[1], encoding='utf-8'):
    eg = json.loads(line)
    text = eg['text']
    if 'entities' in eg:
        spans = [(e['start_offset'], e['end_offset'], e['label']) for e in eg['entities']]
    else:
        spans = [tuple(t) for t in eg['label']]
    out.append({'id': eg['id'],
                'js': [[l, js_slice(text, s, e)] for s, e, l in spans],
                'python': [[l, text[s:e]] for s, e, l in spans],
                'relations': eg.get('relations', []),
                'source': eg.get('source')})
print(json.dumps(out, ensure_ascii=False))
)");

QStringList pairs(const QJsonArray& list) {
    QStringList out;
    for (const QJsonValue& value : list)
        out << value.toArray().at(0).toString() + QLatin1Char('=') +
                   value.toArray().at(1).toString();
    return out;
}

}  // namespace

class TestDoccanoFormat : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void registeredAndDetected() {
        Format* doccano = FormatRegistry::instance().byName(QStringLiteral("doccano"));
        QVERIFY(doccano);
        QVERIFY(doccano->canRead() && doccano->canWrite());
        QTemporaryDir dir;
        const QString labels = dir.filePath(QStringLiteral("a.jsonl"));
        writeFile(labels, R"({"id": 1, "text": "Hi Bob", "label": [[3, 6, "PER"]]})"
                          "\n");
        QCOMPARE(FormatRegistry::instance().detectReader(labels), doccano);
        const QString entities = dir.filePath(QStringLiteral("b.jsonl"));
        writeFile(entities, R"({"text": "Hi", "entities": [], "relations": []})"
                            "\n");
        QCOMPARE(FormatRegistry::instance().detectReader(entities), doccano);
        const QString categories = dir.filePath(QStringLiteral("c.jsonl"));
        writeFile(categories, R"({"text": "Hi", "label": ["greeting"]})"
                              "\n");
        QVERIFY(FormatRegistry::instance().detectReader(categories) != doccano);
    }

    void offsetsAreUtf16AndRoundTrip_data() {
        QTest::addColumn<bool>("relationVariant");
        QTest::newRow("label") << false;
        QTest::newRow("entities and relations") << true;
    }
    void offsetsAreUtf16AndRoundTrip() {
        QFETCH(bool, relationVariant);
        QTemporaryDir dir;
        auto project = makeAnnotatedProject(dir.filePath(QStringLiteral("p.postil")));
        // A meta column goes beside "text", as doccano keeps a line's other columns.
        const QString metaText = QStringLiteral("With meta: Rome");
        addTask(*project, QStringLiteral("meta"), TaskKind::Text,
                QJsonObject{{QStringLiteral("text"), metaText},
                            {QStringLiteral("meta"),
                             QJsonObject{{QStringLiteral("source"), QStringLiteral("web")}}}});
        TextAnnotation rome;
        rome.spans << spanOf(metaText, {QStringLiteral("LOC"), QStringLiteral("Rome")});
        addAnnotation(*project, QStringLiteral("meta"), QStringLiteral("alice"),
                      AnnotationStatus::Submitted, spanresult::withSpans({}, rome));

        const QString out = dir.filePath(QStringLiteral("out.jsonl"));
        Format* doccano = FormatRegistry::instance().byName(QStringLiteral("doccano"));
        ExportOptions options;
        if (relationVariant)
            options.formatOptions.insert(QLatin1String(DoccanoFormat::kRelationsOption),
                                         QStringLiteral("1"));
        ExportReport report;
        Status written = doccano->write(*project, out, options, report);
        QVERIFY2(written.ok(), qPrintable(written.error()));
        QCOMPARE(report.tasks, qint64(docs().size() + 1));
        const QString warnings = report.warnings.join(u'\n');
        QVERIFY2(warnings.contains(QStringLiteral("attributes and notes left out")),
                 qPrintable(warnings));
        QCOMPARE(warnings.contains(QStringLiteral("relations left out")), !relationVariant);

        const QByteArray sliced = runPython(kSliceScript, {out});
        QVERIFY(!sliced.isEmpty());
        const QJsonArray lines = QJsonDocument::fromJson(sliced).array();
        QCOMPARE(lines.size(), docs().size() + 1);
        for (qsizetype i = 0; i < docs().size(); ++i) {
            const Doc doc = docs().at(i);
            const QJsonObject line = lines.at(i).toObject();
            QCOMPARE(line.value(QStringLiteral("id")).toString(), doc.uid);
            QCOMPARE(pairs(line.value(QStringLiteral("js")).toArray()), expectedLabelled(doc));
            if (relationVariant) {
                const QJsonObject relation =
                    line.value(QStringLiteral("relations")).toArray().at(0).toObject();
                QCOMPARE(relation.value(QStringLiteral("from_id")).toInt(), 1);
                QCOMPARE(relation.value(QStringLiteral("to_id")).toInt(), 2);
                QCOMPARE(relation.value(QStringLiteral("type")).toString(), QStringLiteral("near"));
            }
        }
        // The offsets are UTF-16, not code points: after 👨🏻‍🚒 Python's own
        // slicing of them misses (doccano #2290: 22..32, Python's 19..29).
        const QStringList python =
            pairs(lines.at(0).toObject().value(QStringLiteral("python")).toArray());
        QVERIFY(python != expectedLabelled(docs().at(0)));
        QVERIFY(readFile(out).startsWith(QByteArray(R"({"id":"fire","text":)")));
        QVERIFY(readFile(out).contains(relationVariant ? R"("start_offset":22,"end_offset":32)"
                                                       : R"([22,32,"MISC"])"));
        QCOMPARE(lines.at(docs().size()).toObject().value(QStringLiteral("source")).toString(),
                 QStringLiteral("web"));

        auto fresh = makeProject(dir.filePath(QStringLiteral("fresh.postil")), kSchema);
        auto imported = importInto(*fresh, out, QStringLiteral("auto"));
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(imported->tasksAdded, qint64(docs().size() + 1));
        for (const Doc& doc : docs()) {
            const TextAnnotation back =
                storedSpans(*fresh, doc.uid, QStringLiteral("doccano-import"));
            QCOMPARE(labelled(doc.text, back), expectedLabelled(doc));
            const TextAnnotation original = annotationOf(doc);
            for (qsizetype s = 0; s < back.spans.size(); ++s) {
                QCOMPARE(back.spans[s].start, original.spans[s].start);
                QCOMPARE(back.spans[s].end, original.spans[s].end);
            }
            QCOMPARE(back.relations.size(), relationVariant ? 1 : 0);
            if (relationVariant)
                QVERIFY(back.relations[0].sameAs(original.relations[0]));
        }
        const auto metaTask = fresh->tasks().byUid(QStringLiteral("meta"));
        QVERIFY(metaTask);
        QCOMPARE(metaTask->data.value(QStringLiteral("meta")).toObject(),
                 (QJsonObject{{QStringLiteral("source"), QStringLiteral("web")}}));
    }

    void badOffsetsAreBadRecords_data() {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("message");
        // Offset 1 is inside 👍's surrogate pair: the file does not count UTF-16.
        QTest::newRow("inside a character")
            << QByteArray(R"({"text": "👍 ok", "label": [[1, 4, "X"]]})")
            << QStringLiteral("start 1 falls between the two UTF-16 units of one character");
        QTest::newRow("past the end")
            << QByteArray(R"({"text": "👍 ok", "label": [[3, 6, "X"]]})")
            << QStringLiteral("end 6 lies outside the text's 5 UTF-16 units");
        QTest::newRow("categories") << QByteArray(R"({"text": "ok", "label": ["positive"]})")
                                    << QStringLiteral("import this file with --format textcat");
        QTest::newRow("not a triple") << QByteArray(R"({"text": "ok", "label": [[0, 2]]})")
                                      << QStringLiteral("label 1 is not [start, end, \"LABEL\"]");
        QTest::newRow("relation")
            << QByteArray(
                   R"({"text": "ok go", "entities": [{"id": 5, "label": "X", "start_offset": 0, "end_offset": 2}], "relations": [{"id": 1, "from_id": 5, "to_id": 6, "type": "r"}]})")
            << QStringLiteral("relation 1 (r): from_id or to_id names no entity");
        QTest::newRow("empty span") << QByteArray(R"({"text": "ok", "label": [[1, 1, "X"]]})")
                                    << QStringLiteral("span 1 (X) covers nothing (1..1)");
    }
    void badOffsetsAreBadRecords() {
        QFETCH(QByteArray, line);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString projectPath = dir.filePath(QStringLiteral("p.postil"));
        auto project = makeProject(projectPath, kSchema);
        const QString in = dir.filePath(QStringLiteral("in.jsonl"));
        writeFile(in, R"({"text": "fine", "label": []})"
                      "\n" +
                          line + '\n');
        const QByteArray before = readFile(projectPath);
        auto imported = importInto(*project, in, QStringLiteral("doccano"));
        QVERIFY(!imported.ok());
        QVERIFY2(imported.error().startsWith(in + QStringLiteral(":2: ")),
                 qPrintable(imported.error()));
        QVERIFY2(imported.error().contains(message), qPrintable(imported.error()));
        QCOMPARE(readFile(projectPath), before);
    }
};

QTEST_GUILESS_MAIN(TestDoccanoFormat)
#include "tst_doccanoformat.moc"

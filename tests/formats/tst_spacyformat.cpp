#include <QtTest>

#include "formats/spacyformat.h"
#include "nlptestdata.h"

using namespace postil;
using namespace postil::nlptest;

namespace {

// Python str slicing, as spaCy and Prodigy users read the offsets: per line,
// [label, text[start:end], tokens at token_start/token_end (inclusive) start
// and end where the span does].
const QString kSliceScript = QStringLiteral(R"(
import json, sys
out = []
for line in open(sys.argv[1], encoding='utf-8'):
    eg = json.loads(line)
    text, tokens = eg['text'], eg['tokens']
    for t in tokens:
        assert text[t['start']:t['end']] == t['text'], (t, text)
    spans = []
    for s in eg['spans']:
        ok = tokens[s['token_start']]['start'] == s['start'] and \
             tokens[s['token_end']]['end'] == s['end']
        spans.append([s['label'], text[s['start']:s['end']], ok])
    out.append({'id': eg['id'], 'spans': spans, 'answer': eg.get('answer')})
print(json.dumps(out, ensure_ascii=False))
)");

QByteArray spacyLine(const QByteArray& json) {
    return json + '\n';
}

}  // namespace

class TestSpacyFormat : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void registeredAndDetected() {
        Format* spacy = FormatRegistry::instance().byName(QStringLiteral("spacy"));
        QVERIFY(spacy);
        QVERIFY(spacy->canRead() && spacy->canWrite());
        QVERIFY(spacy->kinds() == QList<TaskKind>{TaskKind::Text});
        QTemporaryDir dir;
        const QString prodigy = dir.filePath(QStringLiteral("a.jsonl"));
        writeFile(prodigy,
                  R"({"text": "Hi Bob", "spans": [{"start": 3, "end": 6, "label": "PER"}]})"
                  "\n");
        QCOMPARE(FormatRegistry::instance().detectReader(prodigy), spacy);
        const QString generic = dir.filePath(QStringLiteral("b.jsonl"));
        writeFile(generic, R"({"data": {"text": "Hi"}, "spans": []})"
                           "\n");
        QCOMPARE(FormatRegistry::instance().detectReader(generic)->name(), QStringLiteral("jsonl"));
    }

    void roundTripKeepsEveryCharacter() {
        QTemporaryDir dir;
        auto project = makeAnnotatedProject(dir.filePath(QStringLiteral("p.postil")));
        const QString out = dir.filePath(QStringLiteral("out.jsonl"));
        ExportReport report;
        Status written = exportTo(*project, out, QStringLiteral("spacy"), report);
        QVERIFY2(written.ok(), qPrintable(written.error()));
        QCOMPARE(report.tasks, qint64(docs().size()));
        QCOMPARE(report.annotations, qint64(docs().size()));
        QVERIFY2(report.warnings.isEmpty(), qPrintable(report.warnings.join(u'\n')));

        // Python's str slicing of our code point offsets gives each span's words.
        const QByteArray sliced = runPython(kSliceScript, {out});
        QVERIFY(!sliced.isEmpty());
        const QJsonArray lines = QJsonDocument::fromJson(sliced).array();
        QCOMPARE(lines.size(), docs().size());
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const Doc doc = docs().at(i);
            const QJsonObject line = lines.at(i).toObject();
            QCOMPARE(line.value(QStringLiteral("id")).toString(), doc.uid);
            QCOMPARE(line.value(QStringLiteral("answer")).toString(), QStringLiteral("accept"));
            QStringList seen;
            for (const QJsonValue& span : line.value(QStringLiteral("spans")).toArray()) {
                const QJsonArray triple = span.toArray();
                seen << triple.at(0).toString() + QLatin1Char('=') + triple.at(1).toString();
                QVERIFY2(triple.at(2).toBool(), qPrintable(doc.uid + QStringLiteral(": tokens")));
            }
            QCOMPARE(seen, expectedLabelled(doc));
        }

        // Back into a fresh project: the same spans on the same characters.
        auto fresh = makeProject(dir.filePath(QStringLiteral("fresh.postil")), kSchema);
        auto imported = importInto(*fresh, out, QStringLiteral("auto"));
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(imported->tasksAdded, qint64(docs().size()));
        QCOMPARE(imported->annotationsAdded, qint64(docs().size()));
        for (const Doc& doc : docs()) {
            const auto row = annotationRow(*fresh, doc.uid, QStringLiteral("spacy-import"));
            QVERIFY2(row, qPrintable(doc.uid));
            QVERIFY(row->status == AnnotationStatus::Draft);
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
            QCOMPARE(labelled(doc.text, back), expectedLabelled(doc));
        }
    }

    void tokensNeverSplitCharactersAndFollowSpans() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")), kSchema);
        // "NYC" is a span inside the word "NYCbased": the token is cut there.
        const QString text = QStringLiteral("👩🏽‍💻 at NYCbased Cafe\u0301 東京. Done");
        addTask(*project, QStringLiteral("t"), TaskKind::Text,
                QJsonObject{{QStringLiteral("text"), text}});
        TextAnnotation annotation;
        annotation.spans << spanOf(text, {QStringLiteral("LOC"), QStringLiteral("NYC")});
        addAnnotation(*project, QStringLiteral("t"), QStringLiteral("alice"),
                      AnnotationStatus::Submitted, spanresult::withSpans({}, annotation));
        const QString out = dir.filePath(QStringLiteral("out.jsonl"));
        ExportReport report;
        QVERIFY(exportTo(*project, out, QStringLiteral("spacy"), report).ok());
        const QJsonObject line = QJsonDocument::fromJson(readFile(out)).object();
        QStringList tokens;
        for (const QJsonValue& token : line.value(QStringLiteral("tokens")).toArray())
            tokens << token.toObject().value(QStringLiteral("text")).toString();
        QCOMPARE(tokens,
                 (QStringList{QStringLiteral("👩🏽‍💻"), QStringLiteral("at"),
                              QStringLiteral("NYC"), QStringLiteral("based"),
                              QStringLiteral("Cafe\u0301"), QStringLiteral("東"),
                              QStringLiteral("京"), QStringLiteral("."), QStringLiteral("Done")}));
        const QJsonObject span = line.value(QStringLiteral("spans")).toArray().at(0).toObject();
        QCOMPARE(span.value(QStringLiteral("token_start")).toInt(), 2);
        QCOMPARE(span.value(QStringLiteral("token_end")).toInt(), 2);
        // The emoji is 4 code points, then " at ".
        QCOMPARE(span.value(QStringLiteral("start")).toInt(), 8);
    }

    void mismatchedSpansAreBadRecordsNeverShifted_data() {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("message");
        // doccano's UTF-16 offsets for "firetrucks" after 👨🏻‍🚒 (22..32) under
        // spaCy's name: the stated text does not match.
        QTest::newRow("utf16 offsets")
            << QByteArray(
                   R"({"text": "👨🏻‍🚒 firemen drive firetrucks", "spans": [{"start": 22, "end": 32, "label": "MISC", "text": "firetrucks"}]})")
            << QStringLiteral("past the text's 29 characters");
        QTest::newRow("stated text")
            << QByteArray(
                   R"({"text": "👨🏻‍🚒 firemen drive firetrucks", "spans": [{"start": 18, "end": 28, "label": "MISC", "text": "firetrucks"}]})")
            << QStringLiteral("does not match the text");
        QTest::newRow("tokens")
            << QByteArray(
                   R"({"text": "Hi Bob", "tokens": [{"start": 0, "end": 2}, {"start": 3, "end": 6}], "spans": [{"start": 3, "end": 6, "label": "PER", "token_start": 0, "token_end": 1}]})")
            << QStringLiteral("its tokens 0..1 cover 0..6");
        QTest::newRow("past the end")
            << QByteArray(
                   R"({"text": "Hi Bob", "spans": [{"start": 3, "end": 9, "label": "PER"}]})")
            << QStringLiteral("ends past the text's 6 characters");
        QTest::newRow("no label") << QByteArray(
                                         R"({"text": "Hi Bob", "spans": [{"start": 3, "end": 6}]})")
                                  << QStringLiteral("has no \"label\"");
        QTest::newRow("relation")
            << QByteArray(
                   R"({"text": "Hi Bob", "spans": [{"start": 3, "end": 6, "label": "PER"}], "relations": [{"head": 0, "child": 1, "label": "x"}]})")
            << QStringLiteral("relation 1 (x)");
    }
    void mismatchedSpansAreBadRecordsNeverShifted() {
        QFETCH(QByteArray, line);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString projectPath = dir.filePath(QStringLiteral("p.postil"));
        auto project = makeProject(projectPath, kSchema);
        const QString in = dir.filePath(QStringLiteral("in.jsonl"));
        writeFile(in, spacyLine(R"({"text": "A good line", "spans": []})") + spacyLine(line));
        const QByteArray before = readFile(projectPath);
        auto imported = importInto(*project, in, QStringLiteral("spacy"));
        QVERIFY(!imported.ok());
        QVERIFY2(imported.error().contains(in + QStringLiteral(":2:")),
                 qPrintable(imported.error()));
        QVERIFY2(imported.error().contains(message), qPrintable(imported.error()));
        QCOMPARE(project->tasks().count(), qint64(0));
        QCOMPARE(readFile(projectPath), before);

        // --skip-bad keeps the good line and lists the bad one.
        auto skipped = importInto(*project, in, QStringLiteral("spacy"), true);
        QVERIFY2(skipped.ok(), qPrintable(skipped.error()));
        QCOMPARE(skipped->tasksAdded, qint64(1));
        QCOMPARE(skipped->badRecords.size(), 1);
        QVERIFY(skipped->badRecords.first().contains(message));
    }

    void plainTasksAnnotatorsAndAnswers() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")), kSchema);
        const QString in = dir.filePath(QStringLiteral("in.jsonl"));
        writeFile(
            in,
            spacyLine(R"({"text": "No spans key here"})") +
                spacyLine(
                    R"({"id": "r1", "text": "Visit Rome", "spans": [{"start": 6, "end": 10, "label": "CITY"}]})") +
                spacyLine(
                    R"({"text": "Rejected Rome", "spans": [{"start": 9, "end": 13, "label": "LOC"}], "answer": "reject"})"));
        auto imported =
            importInto(*project, in, QStringLiteral("spacy"), false, QStringLiteral("model-v2"));
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(imported->tasksAdded, qint64(3));
        QCOMPARE(imported->annotationsAdded, qint64(1));
        const TextAnnotation spans =
            storedSpans(*project, QStringLiteral("r1"), QStringLiteral("model-v2"));
        QCOMPARE(spans.spans.size(), 1);
        QCOMPARE(spans.spans[0].label, QStringLiteral("CITY"));
        // The new label joined the schema for text tasks, and was reported.
        bool added = false;
        for (const Label& label : project->schema().labels)
            added =
                added || (label.name == QStringLiteral("CITY") && label.appliesTo(TaskKind::Text));
        QVERIFY(added);
        QVERIFY(imported->warnings.join(u'\n').contains(QStringLiteral("label 'CITY'")));
        QVERIFY(imported->warnings.join(u'\n').contains(QStringLiteral("answer \"reject\"")));

        // --tasks-only: texts only.
        auto other = makeProject(dir.filePath(QStringLiteral("q.postil")), kSchema);
        auto plain = importInto(*other, in, QStringLiteral("spacy"), false, QString(), true);
        QVERIFY2(plain.ok(), qPrintable(plain.error()));
        QCOMPARE(plain->tasksAdded, qint64(3));
        QCOMPARE(plain->annotationsAdded, qint64(0));
    }

    void anIdWithAnotherTextIsRefused() {
        QTemporaryDir dir;
        const QString projectPath = dir.filePath(QStringLiteral("p.postil"));
        auto project = makeProject(projectPath, kSchema);
        addTask(*project, QStringLiteral("7"), TaskKind::Text,
                QJsonObject{{QStringLiteral("text"), QStringLiteral("Something else entirely")}});
        const QString in = dir.filePath(QStringLiteral("in.jsonl"));
        writeFile(
            in,
            spacyLine(
                R"({"id": 7, "text": "Hi Bob", "spans": [{"start": 3, "end": 6, "label": "PER"}]})"));
        auto imported = importInto(*project, in, QStringLiteral("spacy"));
        QVERIFY(!imported.ok());
        QVERIFY2(imported.error().contains(
                     QStringLiteral("task 1 (7) is already in the project with another text")),
                 qPrintable(imported.error()));
        QVERIFY(!project->annotations().get(QStringLiteral("7"), QStringLiteral("spacy-import")));
    }
};

QTEST_GUILESS_MAIN(TestSpacyFormat)
#include "tst_spacyformat.moc"

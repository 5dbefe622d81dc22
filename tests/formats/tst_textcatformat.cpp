#include <QtTest>

#include "formats/textcatformat.h"
#include "nlptestdata.h"

using namespace postil;
using namespace postil::nlptest;

namespace {

const QByteArray kMultiSchema = R"({
  "labels": [],
  "questions": [
    {"name": "topics", "type": "multi", "options": ["billing", "travel", "a|b"], "kinds": ["text"]},
    {"name": "urgent", "type": "flag", "kinds": ["text"]}
  ]
})";

// Python's csv and json modules, as classification pipelines read the files:
// [text, label] rows.
const QString kReadScript = QStringLiteral(R"(
import csv, json, sys
path = sys.argv[1]
if path.endswith('.csv'):
    with open(path, encoding='utf-8', newline='') as f:
        rows = list(csv.reader(f))
    assert rows[0] == ['text', 'label'], rows[0]
    out = rows[1:]
else:
    out = []
    for line in open(path, encoding='utf-8'):
        eg = json.loads(line)
        out.append([eg['text'], eg['label'] if 'label' in eg else '|'.join(eg['labels'])])
print(json.dumps(out, ensure_ascii=False))
)");

QJsonValue answer(Project& project, const QString& uid, const QString& annotator,
                  const QString& question) {
    const auto row = annotationRow(project, uid, annotator);
    if (!row)
        return QJsonValue();
    return row->result.value(QStringLiteral("answers")).toObject().value(question);
}

}  // namespace

class TestTextcatFormat : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void registeredAndDetected() {
        for (const char* name : {"textcat", "textcat-csv"}) {
            Format* format = FormatRegistry::instance().byName(QLatin1String(name));
            QVERIFY2(format && format->canRead() && format->canWrite(), name);
        }
        QTemporaryDir dir;
        const QString jsonl = dir.filePath(QStringLiteral("a.jsonl"));
        writeFile(jsonl, R"({"text": "Hi", "label": "greeting"})"
                         "\n");
        QCOMPARE(FormatRegistry::instance().detectReader(jsonl)->name(), QStringLiteral("textcat"));
        const QString csv = dir.filePath(QStringLiteral("a.csv"));
        writeFile(csv, "text,label\nHi,greeting\n");
        QCOMPARE(FormatRegistry::instance().detectReader(csv)->name(), QStringLiteral("csv"));
    }

    void singleChoiceRoundTrip_data() {
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("file");
        QTest::newRow("jsonl") << QStringLiteral("textcat") << QStringLiteral("out.jsonl");
        QTest::newRow("csv") << QStringLiteral("textcat-csv") << QStringLiteral("out.csv");
    }
    void singleChoiceRoundTrip() {
        QFETCH(QString, format);
        QFETCH(QString, file);
        QTemporaryDir dir;
        auto project = makeAnnotatedProject(dir.filePath(QStringLiteral("p.postil")));
        // An annotation without an answer is left out and counted.
        addTask(*project, QStringLiteral("none"), TaskKind::Text,
                QJsonObject{{QStringLiteral("text"), QStringLiteral("no answer")}});
        addAnnotation(*project, QStringLiteral("none"), QStringLiteral("alice"),
                      AnnotationStatus::Submitted, QJsonObject());
        const QString out = dir.filePath(file);
        ExportReport report;
        Status written = exportTo(*project, out, format, report);
        QVERIFY2(written.ok(), qPrintable(written.error()));
        QCOMPARE(report.annotations, qint64(docs().size()));
        QVERIFY(report.warnings.join(u'\n').contains(
            QStringLiteral("1 annotations do not answer question 'intent'")));

        const QByteArray rows = runPython(kReadScript, {out});
        QVERIFY(!rows.isEmpty());
        const QJsonArray parsed = QJsonDocument::fromJson(rows).array();
        QCOMPARE(parsed.size(), docs().size());
        for (qsizetype i = 0; i < docs().size(); ++i) {
            QCOMPARE(parsed.at(i).toArray().at(0).toString(), docs().at(i).text);  // \r\n kept
            QCOMPARE(parsed.at(i).toArray().at(1).toString(), QStringLiteral("travel"));
        }

        auto fresh = makeProject(dir.filePath(QStringLiteral("fresh.postil")), kSchema);
        auto imported = importInto(*fresh, out, format);
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(imported->tasksAdded, qint64(docs().size()));
        const QString annotator = format + QStringLiteral("-import");
        for (const Doc& doc : docs())
            QCOMPARE(
                answer(*fresh, uidOfText(*fresh, doc.text), annotator, QStringLiteral("intent")),
                QJsonValue(QStringLiteral("travel")));
    }

    void multiChoiceAndNewQuestions() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")), kMultiSchema);
        addTask(
            *project, QStringLiteral("t1"), TaskKind::Text,
            QJsonObject{{QStringLiteral("text"), QStringLiteral("Refund my \"ticket\", please")}});
        addAnnotation(
            *project, QStringLiteral("t1"), QStringLiteral("alice"), AnnotationStatus::Submitted,
            jsonObject(R"({"answers": {"topics": ["billing", "travel"], "urgent": true}})"));
        for (const char* format : {"textcat", "textcat-csv"}) {
            const QString out = dir.filePath(QStringLiteral("out.") + QLatin1String(format));
            ExportReport report;
            QVERIFY(exportTo(*project, out, QLatin1String(format), report).ok());
            auto fresh =
                makeProject(dir.filePath(QStringLiteral("f-%1.postil").arg(QLatin1String(format))),
                            kMultiSchema);
            auto imported = importInto(*fresh, out, QLatin1String(format));
            QVERIFY2(imported.ok(), qPrintable(imported.error()));
            QCOMPARE(
                answer(*fresh, uidOfText(*fresh, QStringLiteral("Refund my \"ticket\", please")),
                       QLatin1String(format) + QStringLiteral("-import"), QStringLiteral("topics")),
                QJsonValue(QJsonArray{QStringLiteral("billing"), QStringLiteral("travel")}));
        }
        QCOMPARE(readFile(dir.filePath(QStringLiteral("out.textcat-csv"))),
                 QByteArray("text,label\n\"Refund my \"\"ticket\"\", please\",billing|travel\n"));

        // No choice question in the schema: "label" and "labels" become questions.
        auto bare = makeProject(dir.filePath(QStringLiteral("bare.postil")), R"({"labels": []})");
        const QString in = dir.filePath(QStringLiteral("in.jsonl"));
        writeFile(in, R"({"text": "a", "label": "x"})"
                      "\n"
                      R"({"text": "b", "labels": ["y", "z"]})"
                      "\n"
                      R"({"text": "c"})"
                      "\n");
        auto imported = importInto(*bare, in, QStringLiteral("textcat"));
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(imported->tasksAdded, qint64(3));
        QCOMPARE(imported->annotationsAdded, qint64(2));
        const Question* single = bare->schema().question(QStringLiteral("label"));
        const Question* multi = bare->schema().question(QStringLiteral("labels"));
        QVERIFY(single && single->type == Question::Type::Single);
        QVERIFY(multi && multi->type == Question::Type::Multi);
        QCOMPARE(multi->options, (QStringList{QStringLiteral("y"), QStringLiteral("z")}));
    }

    void twoAnswersForOneChoiceIsABadRecord() {
        // In CSV a single choice's label is taken whole, '|' and all; a list
        // of two in JSONL cannot answer it.
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")), kSchema);
        const QString in = dir.filePath(QStringLiteral("in.jsonl"));
        writeFile(in, R"({"id": 1, "text": "fine", "label": "travel"})"
                      "\n"
                      R"({"id": 2, "text": "two", "labels": ["travel", "other"]})"
                      "\n");
        ImportOptions options;
        options.formatOptions.insert(QStringLiteral("question"), QStringLiteral("intent"));
        auto imported = importFiles(*project, {in}, QStringLiteral("textcat"), options);
        QVERIFY(!imported.ok());
        QCOMPARE(imported.error(),
                 in + QStringLiteral(":2: question 'intent' takes one answer; the record has 2"));
        QCOMPARE(project->tasks().count(), qint64(0));

        // A question that is no choice is refused before anything is read.
        auto flagged = makeProject(dir.filePath(QStringLiteral("q.postil")), kMultiSchema);
        options.formatOptions.insert(QStringLiteral("question"), QStringLiteral("urgent"));
        auto refused = importFiles(*flagged, {in}, QStringLiteral("textcat"), options);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().contains(QStringLiteral("question 'urgent' is a flag question")),
                 qPrintable(refused.error()));
    }
};

QTEST_GUILESS_MAIN(TestTextcatFormat)
#include "tst_textcatformat.moc"

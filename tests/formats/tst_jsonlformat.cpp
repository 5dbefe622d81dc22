#include <QtTest>

#include <QBuffer>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>

#include "formats/formatregistry.h"
#include "formats/importsession.h"
#include "formats/jsonwriter.h"
#include "formats/linereader.h"
#include "formats/textexport.h"
#include "model/project.h"
#include "testsupport.h"

using namespace postil;

namespace {

QByteArray line(const QJsonObject& object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

QJsonObject textTask(const QString& id, const QString& text) {
    return {{QStringLiteral("id"), id},
            {QStringLiteral("data"), QJsonObject{{QStringLiteral("text"), text}}}};
}

// Every stored row of the project, as text, to tell whether anything changed.
QStringList snapshot(Project& project) {
    QStringList rows;
    for (const char* sql :
         {"SELECT quote(id)||quote(uid)||quote(kind)||quote(data)||quote(media_hash)||"
          "quote(preview) FROM tasks ORDER BY id",
          "SELECT quote(task_uid)||quote(annotator)||quote(uid)||quote(status)||"
          "quote(skip_reason)||quote(result)||quote(lead_ms)||quote(hlc)||quote(device)||"
          "quote(deleted) FROM annotations ORDER BY task_uid, annotator",
          "SELECT quote(hash)||quote(path)||quote(bytes) FROM media ORDER BY hash",
          "SELECT quote(key)||quote(value) FROM meta ORDER BY key"}) {
        Statement stmt = project.database().statement(QString::fromUtf8(sql));
        while (stmt.next())
            rows << stmt.text(0);
    }
    return rows;
}

Expected<ImportReport> importJsonl(Project& project, const QString& path,
                                   ImportOptions options = {}) {
    return importFiles(project, {path}, QStringLiteral("jsonl"), options);
}

// Every status: these tests are round trips of everything a project holds.
ExportOptions everyStatus() {
    ExportOptions options;
    options.status = QStringLiteral("all");
    return options;
}

Status exportJsonl(Project& project, const QString& path,
                   const ExportOptions& options = everyStatus(),
                   ExportReport* reportOut = nullptr) {
    ExportReport report;
    Status s = FormatRegistry::instance()
                   .byName(QStringLiteral("jsonl"))
                   ->write(project, path, options, report);
    if (reportOut)
        *reportOut = report;
    return s;
}

void makePng(const QString& path, QRgb color) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QImage image(8, 6, QImage::Format_RGB32);
    image.fill(color);
    QVERIFY(image.save(path, "PNG"));
}

// Text that exercises every escape and multi-byte shape a writer can get wrong.
QString trickyText() {
    QString s = QStringLiteral(
        "emoji 😀👩‍👩‍👧 CJK 漢字かな 한국어 RTL שלום عربي \u202e "
        "mark ");
    s += QStringLiteral("newline\nCRLF\r\ntab\tquote\" backslash\\ slash/ ");
    for (char16_t c = 1; c < 0x20; ++c)
        s += QChar(c);
    s += QChar(0x7f);
    s += QStringLiteral(" nbsp\u00a0 bom\ufeff end");
    return s;
}

}  // namespace

class TestJsonlFormat : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void registered() {
        Format* format = FormatRegistry::instance().byName(QStringLiteral("jsonl"));
        QVERIFY(format);
        QVERIFY(format->canRead());
        QVERIFY(format->canWrite());
        QCOMPARE(FormatRegistry::instance().detectReader(QStringLiteral("a/b.JSONL")), format);
        QCOMPARE(FormatRegistry::instance().detectReader(QStringLiteral("b.ndjson")), format);
    }

    void escapingMatchesQt() {
        QString all;
        for (char16_t c = 1; c < 0x80; ++c)
            all += QChar(c);
        all += trickyText();
        const QByteArray qt = QJsonDocument(QJsonArray{all}).toJson(QJsonDocument::Compact);
        QByteArray mine = "[";
        jsonwriter::appendString(mine, all.toUtf8());
        mine += ']';
        QCOMPARE(mine, qt);
        QByteArray n;
        jsonwriter::appendInteger(n, std::numeric_limits<qint64>::min());
        n += ' ';
        jsonwriter::appendInteger(n, 0);
        n += ' ';
        jsonwriter::appendInteger(n, 1234567890123);
        QCOMPARE(n, QByteArray("-9223372036854775808 0 1234567890123"));
        // Every number below 1,000 and around it (putInteger's short path)
        // as QByteArray::number writes it.
        for (qint64 v = -20; v <= 1100; ++v) {
            QByteArray one;
            jsonwriter::appendInteger(one, v);
            QCOMPARE(one, QByteArray::number(v));
        }
        // Text with every kind of character escaped as Qt escapes it, through
        // the exports' UTF-16 writer too (its ASCII path and the rest).
        QByteArray fromUtf16 = "[";
        textexport::appendJsonString(fromUtf16, all);
        fromUtf16 += ']';
        QCOMPARE(fromUtf16, qt);
    }

    void lineReaderAcrossChunks() {
        // A tiny chunk puts every line across buffer refills.
        const QByteArray input =
            "\xEF\xBB\xBF"
            "first\r\n\nthird line is longer than a chunk\nlast without newline";
        QBuffer device;
        device.setData(input);
        QVERIFY(device.open(QIODevice::ReadOnly));
        LineReader reader(device, 3);
        QList<QByteArray> lines;
        QByteArrayView view;
        while (reader.next(view))
            lines << view.toByteArray();
        QCOMPARE(lines, (QList<QByteArray>{"first\r", "", "third line is longer than a chunk",
                                           "last without newline"}));
        QCOMPARE(reader.lineNumber(), qint64(4));
        QCOMPARE(reader.bytesConsumed(), qint64(input.size()));
        QVERIFY(reader.error().isEmpty());
    }

    // Found by fuzzing (tests/fuzz/fuzz_csvreader): when the first read
    // returned fewer bytes than the BOM, the bytes right after the BOM were
    // never searched for '\n', so the first two lines came back as one.
    void lineReaderAfterABomFromShortReads() {
        for (qsizetype chunk : {qsizetype(1), qsizetype(2), qsizetype(4)}) {
            QBuffer device;
            device.setData(QByteArray("\xEF\xBB\xBF\nb\n\nc"));
            QVERIFY(device.open(QIODevice::ReadOnly));
            LineReader reader(device, chunk);
            QList<QByteArray> lines;
            QByteArrayView view;
            while (reader.next(view))
                lines << view.toByteArray();
            QCOMPARE(lines, (QList<QByteArray>{"", "b", "", "c"}));
            QCOMPARE(reader.bytesConsumed(), qint64(device.size()));
        }
    }

    // A small file is read with one read: asking again at its end first grew
    // the buffer to 2 MiB and copied the first MiB, for each file.
    void lineReaderReadsASmallFileOnce() {
        struct CountingBuffer : QBuffer {
            int reads = 0;
            qint64 readData(char* data, qint64 size) override {
                ++reads;
                return QBuffer::readData(data, size);
            }
        };
        CountingBuffer device;
        device.setData(QByteArray("0 0.5 0.5 0.1 0.1\n1 0.2 0.2 0.1 0.1"));
        QVERIFY(device.open(QIODevice::ReadOnly | QIODevice::Unbuffered));
        LineReader reader(device);
        QByteArrayView view;
        int lines = 0;
        while (reader.next(view))
            ++lines;
        QCOMPARE(lines, 2);
        QCOMPARE(device.reads, 1);
    }

    void roundTripIsExact() {
        QTemporaryDir dir;
        makePng(dir.filePath(QStringLiteral("media/pics/red.png")), qRgb(255, 0, 0));
        writeFile(dir.filePath(QStringLiteral("media/sound.wav")), QByteArray("RIFF fake", 9));

        QByteArray input;
        // Lines are built in the order a test reader would list them; keys
        // inside objects come out sorted, which is what the export writes too.
        QJsonObject tricky = textTask(QStringLiteral("tricky \"id\"\t\\ 😀"), trickyText());
        tricky.insert(QStringLiteral("annotations"),
                      QJsonArray{QJsonObject{
                          {QStringLiteral("annotator"), QStringLiteral("ана\n\"q\"")},
                          {QStringLiteral("status"), QStringLiteral("skipped")},
                          {QStringLiteral("skip_reason"), trickyText()},
                          {QStringLiteral("lead_ms"), 1500},
                          {QStringLiteral("result"),
                           QJsonObject{{QStringLiteral("answers"),
                                        QJsonObject{{QStringLiteral("notes"), trickyText()}}},
                                       {QStringLiteral("score"), 0.1}}}}});
        input += line(tricky);
        // Over 5 MB on one line.
        QString big;
        big.reserve(6 * 1024 * 1024);
        while (big.size() < 3 * 1024 * 1024)
            big += trickyText();
        input += line(textTask(QStringLiteral("big"), big));
        input += line(QJsonObject{
            {QStringLiteral("id"), QStringLiteral("img")},
            {QStringLiteral("data"),
             QJsonObject{{QStringLiteral("image"), QStringLiteral("media/pics/red.png")}}},
            {QStringLiteral("annotations"),
             QJsonArray{QJsonObject{
                 {QStringLiteral("annotator"), QStringLiteral("bob")},
                 {QStringLiteral("status"), QStringLiteral("submitted")},
                 {QStringLiteral("result"),
                  QJsonObject{
                      {QStringLiteral("boxes"),
                       QJsonArray{QJsonObject{{QStringLiteral("label"), QStringLiteral("car")},
                                              {QStringLiteral("x"), 1.25},
                                              {QStringLiteral("y"), 2},
                                              {QStringLiteral("w"), 3.5},
                                              {QStringLiteral("h"), 4}}}}}}}}}});
        input += line(QJsonObject{
            {QStringLiteral("data"),
             QJsonObject{{QStringLiteral("audio"), QStringLiteral("media/sound.wav")}}}});
        input += line(QJsonObject{
            {QStringLiteral("id"), 42},
            {QStringLiteral("data"),
             QJsonObject{{QStringLiteral("prompt"),
                          QJsonArray{QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                                                 {QStringLiteral("content"),
                                                  QStringLiteral("Which is better? 🤔")}}}},
                         {QStringLiteral("responses"),
                          QJsonArray{QStringLiteral("A\nB"), QStringLiteral("ב")}}}}});
        input += line(QJsonObject{
            {QStringLiteral("data"), QJsonObject{{QStringLiteral("query"), QStringLiteral("q")},
                                                 {QStringLiteral("text"), QStringLiteral("doc")}}},
            {QStringLiteral("annotations"),
             QJsonArray{QJsonObject{{QStringLiteral("annotator"), QStringLiteral("zed")},
                                    {QStringLiteral("status"), QStringLiteral("draft")}},
                        QJsonObject{{QStringLiteral("annotator"), QStringLiteral("amy")},
                                    {QStringLiteral("status"), QStringLiteral("submitted")},
                                    {QStringLiteral("lead_ms"), 7}}}}});
        const QString inputPath = dir.filePath(QStringLiteral("input.jsonl"));
        writeFile(inputPath, input);
        QVERIFY(input.size() > 5 * 1024 * 1024);

        auto a = makeProject(dir.filePath(QStringLiteral("a/a.postil")));
        auto imported = importJsonl(*a, inputPath);
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(imported->tasksAdded, qint64(6));
        QCOMPARE(imported->annotationsAdded, qint64(4));

        const QString out1 = dir.filePath(QStringLiteral("out1.jsonl"));
        ExportReport report;
        QList<qint64> progress;
        ExportOptions options = everyStatus();
        options.progress = [&](qint64 done, qint64 total) {
            progress << done;
            QCOMPARE(total, qint64(6));
        };
        Status written = exportJsonl(*a, out1, options, &report);
        QVERIFY2(written.ok(), qPrintable(written.error()));
        QCOMPARE(report.tasks, qint64(6));
        QCOMPARE(report.annotations, qint64(4));
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last(), qint64(6));

        auto b = makeProject(dir.filePath(QStringLiteral("b/deeper/b.postil")));
        auto again = importJsonl(*b, out1);
        QVERIFY2(again.ok(), qPrintable(again.error()));
        QCOMPARE(again->tasksAdded, qint64(6));
        const QString out2 = dir.filePath(QStringLiteral("out2.jsonl"));
        QVERIFY(exportJsonl(*b, out2).ok());

        const QByteArray first = readFile(out1);
        const QByteArray second = readFile(out2);
        QVERIFY(first.size() > 5 * 1024 * 1024);
        QVERIFY2(first == second, "export -> import -> export changed the bytes");

        // The shape of a line is fixed: key order, compact, '\n' ends.
        const QList<QByteArray> lines = first.split('\n');
        QCOMPARE(lines.size(), 7);
        QVERIFY(lines.last().isEmpty());
        QVERIFY(!first.contains('\r'));
        QCOMPARE(lines.at(2),
                 QByteArray(R"({"id":"img","data":{"image":"media/pics/red.png"},"annotations":)"
                            R"([{"annotator":"bob","status":"submitted","result":{"boxes":)"
                            R"([{"h":4,"label":"car","w":3.5,"x":1.25,"y":2}]},"lead_ms":0}]})"));
        QVERIFY(lines.at(4).startsWith(R"({"id":"42","data":{"prompt":)"));
        QVERIFY(lines.at(5).endsWith(
            R"("annotations":[{"annotator":"amy","status":"submitted","result":{},"lead_ms":7},)"
            R"({"annotator":"zed","status":"draft","result":{},"lead_ms":0}]})"));
        QVERIFY(lines.at(3).contains(R"("data":{"audio":"media/sound.wav"})"));
        // Every character survives: the parsed export equals the parsed input.
        const QJsonObject back = QJsonDocument::fromJson(lines.at(0)).object();
        QCOMPARE(back.value(QStringLiteral("id")).toString(),
                 QStringLiteral("tricky \"id\"\t\\ 😀"));
        QCOMPARE(
            back.value(QStringLiteral("data")).toObject().value(QStringLiteral("text")).toString(),
            trickyText());
        const QJsonObject ann =
            back.value(QStringLiteral("annotations")).toArray().at(0).toObject();
        QCOMPARE(ann.value(QStringLiteral("skip_reason")).toString(), trickyText());
        QCOMPARE(ann.value(QStringLiteral("lead_ms")).toInteger(), qint64(1500));
        QCOMPARE(QJsonDocument::fromJson(lines.at(1))
                     .object()
                     .value(QStringLiteral("data"))
                     .toObject()
                     .value(QStringLiteral("text"))
                     .toString(),
                 big);
        QVERIFY(
            lines.at(0).startsWith("{\"id\":\"tricky \\\"id\\\"\\t\\\\ 😀\",\"data\":{\"text\":\""));
        QVERIFY(lines.at(0).contains(",\"lead_ms\":1500,\"skip_reason\":\"emoji 😀"));
    }

    void malformedLineFailsAndChangesNothing() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));
        const QString seed = dir.filePath(QStringLiteral("seed.jsonl"));
        writeFile(seed, line(textTask(QStringLiteral("s1"), QStringLiteral("seed"))));
        QVERIFY(importJsonl(*project, seed).ok());
        const QStringList before = snapshot(*project);

        struct Case {
            QByteArray bad;
            QString expected;
        };
        const QList<Case> cases{
            {R"({"id": "x", "data": x})", QStringLiteral(":5: not valid JSON at column 21: ")},
            {R"({"id": "é", "data": {"text": "a")", QStringLiteral(":5: not valid JSON at column")},
            {R"({"data": {"pixels": "a"}})", QStringLiteral(":5: cannot tell the task kind")},
            {R"({"data": "text"})", QStringLiteral(":5: \"data\" must be an object")},
            {R"([1, 2])", QStringLiteral(":5: expected a JSON object")},
            {R"({"data": {"text": "a"}, "annotations": [{"status": "done"}]})",
             QStringLiteral(":5: annotation 1: unknown status 'done'")},
            {R"({"data": {"text": "a"}, "annotations": [{"status": "draft", "result": [1]}]})",
             QStringLiteral(":5: annotation 1: \"result\" must be an object")},
            {R"({"data": {"image": "missing.png"}})", QStringLiteral(":5: media file not found")},
        };
        for (const Case& c : cases) {
            QByteArray input;
            input += line(textTask(QStringLiteral("g1"), QStringLiteral("one")));
            input += "\n";  // blank lines still count
            input += line(textTask(QStringLiteral("g2"), QStringLiteral("two")));
            input += line(textTask(QStringLiteral("g3"), QStringLiteral("three")));
            input += c.bad + "\n";
            input += line(textTask(QStringLiteral("g4"), QStringLiteral("four")));
            const QString path = dir.filePath(QStringLiteral("bad.jsonl"));
            writeFile(path, input);
            auto result = importJsonl(*project, path);
            QVERIFY(!result.ok());
            QVERIFY2(result.error().startsWith(path + c.expected), qPrintable(result.error()));
            QCOMPARE(project->tasks().count(), qint64(1));
            QCOMPARE(snapshot(*project), before);
        }
        // And so it stays once the file is closed and opened again.
        project.reset();
        auto reopened = Project::open(dir.filePath(QStringLiteral("p.postil")));
        QVERIFY2(reopened.ok(), qPrintable(reopened.error()));
        QCOMPARE(snapshot(**reopened), before);
    }

    void skipBadKeepsGoodLines() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));
        QByteArray input;
        input += line(textTask(QStringLiteral("a"), QStringLiteral("one")));
        input += line(textTask(QStringLiteral("b"), QStringLiteral("two")));
        input += "{not json\n";
        input += line(textTask(QStringLiteral("c"), QStringLiteral("three")));
        input += R"({"data": {"nothing": 1}})"
                 "\n";
        input += "   \n";
        input += line(textTask(QStringLiteral("d"), QStringLiteral("four")));
        const QString path = dir.filePath(QStringLiteral("mixed.jsonl"));
        writeFile(path, input);
        ImportOptions options;
        options.skipBad = true;
        auto report = importJsonl(*project, path, options);
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report->tasksAdded, qint64(4));
        QCOMPARE(report->badRecords.size(), 2);
        QVERIFY2(report->badRecords.at(0).startsWith(path + QStringLiteral(":3: not valid JSON")),
                 qPrintable(report->badRecords.at(0)));
        QVERIFY2(report->badRecords.at(1).startsWith(path + QStringLiteral(":5: cannot tell")),
                 qPrintable(report->badRecords.at(1)));
        QCOMPARE(project->tasks().count(), qint64(4));
        QVERIFY(project->tasks().byUid(QStringLiteral("d")));
    }

    void bomCrlfAndBlankLines() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));
        const QByteArray input =
            "\xEF\xBB\xBF"
            R"({"id":"a","data":{"text":"x"}})"
            "\r\n\r\n"
            R"({"id":"b","data":{"text":"y\r\nz"}})"
            "\r\n"
            R"({"id":"c","data":{"text":"no newline at end"}})";
        const QString path = dir.filePath(QStringLiteral("win.jsonl"));
        writeFile(path, input);
        auto report = importJsonl(*project, path);
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report->tasksAdded, qint64(3));
        QCOMPARE(project->tasks().byUid(QStringLiteral("b"))->data.value(QStringLiteral("text")),
                 QJsonValue(QStringLiteral("y\r\nz")));
        // Line numbers count blank lines and are not thrown off by CRLF.
        writeFile(path, input + "\r\n\r\n{\"a\": x}\r\n");
        auto bad = importJsonl(*project, path);
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().startsWith(path + QStringLiteral(":6: not valid JSON at column 7: ")),
                 qPrintable(bad.error()));
    }

    // Found by fuzzing (tests/fuzz/fuzz_jsonl, UBSan): a lead_ms beyond
    // qint64 was converted anyway (undefined; on x86 it was stored negative),
    // and a number id beyond qint64 the same way.
    void hugeNumbersAreRefusedOrKeptAsText() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));
        const QString path = dir.filePath(QStringLiteral("big.jsonl"));
        writeFile(path, R"({"id":1e300,"data":{"text":"x"}})"
                        "\n"
                        R"({"id":"b","data":{"text":"y"},"annotations":[{"lead_ms":1e300}]})"
                        "\n");
        ImportOptions options;
        options.skipBad = true;
        auto report = importFiles(*project, {path}, QStringLiteral("jsonl"), options);
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QVERIFY(project->tasks().byUid(QStringLiteral("1e+300")));
        QCOMPARE(report->badRecords.size(), 1);
        QVERIFY2(report->badRecords.at(0).contains(QStringLiteral(
                     ":2: annotation 1: \"lead_ms\" must be a number of milliseconds")),
                 qPrintable(report->badRecords.at(0)));
    }

    void importingTwiceAddsNothing() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));
        QByteArray input;
        input += line(textTask(QStringLiteral("given"), QStringLiteral("one")));
        input += line(QJsonObject{
            {QStringLiteral("data"),
             QJsonObject{{QStringLiteral("text"), QStringLiteral("derived")}}},
            {QStringLiteral("annotations"),
             QJsonArray{QJsonObject{{QStringLiteral("annotator"), QStringLiteral("ann")},
                                    {QStringLiteral("status"), QStringLiteral("submitted")},
                                    {QStringLiteral("result"),
                                     QJsonObject{{QStringLiteral("answers"),
                                                  QJsonObject{{QStringLiteral("ok"), true}}}}}}}}});
        const QString path = dir.filePath(QStringLiteral("t.jsonl"));
        writeFile(path, input);
        auto first = importJsonl(*project, path);
        QVERIFY2(first.ok(), qPrintable(first.error()));
        QCOMPARE(first->tasksAdded, qint64(2));
        QCOMPARE(first->annotationsAdded, qint64(1));
        const QStringList before = snapshot(*project);
        auto second = importJsonl(*project, path);
        QVERIFY2(second.ok(), qPrintable(second.error()));
        QCOMPARE(second->tasksAdded, qint64(0));
        QCOMPARE(second->tasksAlreadyThere, qint64(2));
        QCOMPARE(second->annotationsAdded, qint64(0));
        QCOMPARE(snapshot(*project), before);
    }

    void mediaPathsAreRelativeToTheFiles() {
        QTemporaryDir dir;
        makePng(dir.filePath(QStringLiteral("data/img/a.png")), qRgb(0, 128, 0));
        makePng(dir.filePath(QStringLiteral("elsewhere/b.png")), qRgb(0, 0, 128));
        auto project = makeProject(dir.filePath(QStringLiteral("proj/p.postil")));
        QByteArray input;
        input += line(
            QJsonObject{{QStringLiteral("id"), QStringLiteral("a")},
                        {QStringLiteral("data"),
                         QJsonObject{{QStringLiteral("image"), QStringLiteral("img/a.png")}}}});
        input +=
            line(QJsonObject{{QStringLiteral("id"), QStringLiteral("b")},
                             {QStringLiteral("data"),
                              QJsonObject{{QStringLiteral("image"),
                                           dir.filePath(QStringLiteral("elsewhere/b.png"))}}}});
        const QString path = dir.filePath(QStringLiteral("data/tasks.jsonl"));
        writeFile(path, input);
        // Imported from another working directory: the JSONL's folder counts.
        auto report = importJsonl(*project, path);
        QVERIFY2(report.ok(), qPrintable(report.error()));
        auto a = project->tasks().byUid(QStringLiteral("a"));
        QCOMPARE(a->data.value(QStringLiteral("image")).toString(),
                 QStringLiteral("../data/img/a.png"));
        QCOMPARE(project->absoluteMediaPath(a->mediaPath()),
                 QFileInfo(dir.filePath(QStringLiteral("data/img/a.png"))).absoluteFilePath());
        QCOMPARE(project->tasks().byUid(QStringLiteral("b"))->mediaPath(),
                 QStringLiteral("../elsewhere/b.png"));

        const QString nested = dir.filePath(QStringLiteral("out/deep/x.jsonl"));
        QDir().mkpath(QFileInfo(nested).absolutePath());
        QVERIFY(exportJsonl(*project, nested).ok());
        const QByteArray out = readFile(nested);
        QVERIFY2(out.contains(R"({"image":"../../data/img/a.png"})"), out.constData());
        QVERIFY2(out.contains(R"({"image":"../../elsewhere/b.png"})"), out.constData());
        const QString beside = dir.filePath(QStringLiteral("data/y.jsonl"));
        QVERIFY(exportJsonl(*project, beside).ok());
        QVERIFY(readFile(beside).contains(R"({"image":"img/a.png"})"));
    }

    void annotationsImportAndExport() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));
        const QByteArray input =
            R"({"id":"t","data":{"text":"hello"},"annotations":[)"
            R"({"annotator":"ann","status":"skipped","skip_reason":"unclear","lead_ms":1200},)"
            R"({"annotator":"bob","status":"submitted","result":{"spans":[{"label":"X","start":0,"end":5}]},"lead_ms":3400},)"
            R"({"annotator":"cat","status":"draft","result":{"answers":{"q":"a"}}}]})"
            "\n";
        const QString path = dir.filePath(QStringLiteral("a.jsonl"));
        writeFile(path, input);
        auto report = importJsonl(*project, path);
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report->annotationsAdded, qint64(3));
        auto ann = project->annotations().get(QStringLiteral("t"), QStringLiteral("ann"));
        QVERIFY(ann);
        QCOMPARE(toString(ann->status), toString(AnnotationStatus::Skipped));
        QCOMPARE(ann->skipReason, QStringLiteral("unclear"));
        QCOMPARE(ann->leadMs, qint64(1200));
        auto bob = project->annotations().get(QStringLiteral("t"), QStringLiteral("bob"));
        QCOMPARE(toString(bob->status), toString(AnnotationStatus::Submitted));
        QCOMPARE(bob->result.value(QStringLiteral("spans")).toArray().size(), 1);
        QCOMPARE(bob->leadMs, qint64(3400));
        QCOMPARE(
            toString(
                project->annotations().get(QStringLiteral("t"), QStringLiteral("cat"))->status),
            toString(AnnotationStatus::Draft));

        const QString out = dir.filePath(QStringLiteral("out.jsonl"));
        QVERIFY(exportJsonl(*project, out).ok());
        QCOMPARE(
            readFile(out),
            QByteArray(
                R"({"id":"t","data":{"text":"hello"},"annotations":[)"
                R"({"annotator":"ann","status":"skipped","result":{},"lead_ms":1200,"skip_reason":"unclear"},)"
                R"({"annotator":"bob","status":"submitted","result":{"spans":[{"end":5,"label":"X","start":0}]},"lead_ms":3400},)"
                R"({"annotator":"cat","status":"draft","result":{"answers":{"q":"a"}},"lead_ms":0}]})"
                "\n"));

        // --as puts every imported annotation under one name.
        auto other = makeProject(dir.filePath(QStringLiteral("q.postil")));
        writeFile(path, R"({"id":"u","data":{"text":"x"},"annotations":[{"status":"submitted"}]})"
                        "\n");
        ImportOptions as;
        as.asAnnotator = QStringLiteral("model-v2");
        QVERIFY(importJsonl(*other, path, as).ok());
        QVERIFY(other->annotations().get(QStringLiteral("u"), QStringLiteral("model-v2")));
    }

    void exportFiltersAnnotations() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));
        const QByteArray input =
            R"({"id":"1","data":{"text":"a"},"annotations":[{"annotator":"ann","status":"submitted"},{"annotator":"bob","status":"draft"}]})"
            "\n"
            R"({"id":"2","data":{"text":"b"},"annotations":[{"annotator":"ann","status":"draft"},{"annotator":"bob","status":"submitted"}]})"
            "\n"
            R"({"id":"3","data":{"text":"c"}})"
            "\n";
        const QString path = dir.filePath(QStringLiteral("in.jsonl"));
        writeFile(path, input);
        QVERIFY(importJsonl(*project, path).ok());
        // A deleted annotation (tombstone) never leaves the project.
        Annotation gone;
        gone.taskUid = QStringLiteral("3");
        gone.annotator = QStringLiteral("ann");
        gone.status = AnnotationStatus::Submitted;
        gone.deleted = true;
        QVERIFY(project->saveAnnotation(gone).ok());

        auto exportWith = [&](const QString& annotator, const QString& status) {
            ExportOptions options;
            options.annotator = annotator;
            options.status = status;
            const QString out = dir.filePath(QStringLiteral("out.jsonl"));
            ExportReport report;
            Status s = exportJsonl(*project, out, options, &report);
            if (!s.ok())
                return QList<QByteArray>{s.error().toUtf8()};
            QList<QByteArray> result;
            for (const QByteArray& l : readFile(out).split('\n')) {
                if (l.isEmpty())
                    continue;
                const QJsonObject o = QJsonDocument::fromJson(l).object();
                QByteArray summary = o.value(QStringLiteral("id")).toString().toUtf8() + ':';
                for (const QJsonValue& a : o.value(QStringLiteral("annotations")).toArray())
                    summary +=
                        a.toObject().value(QStringLiteral("annotator")).toString().toUtf8() + '/' +
                        a.toObject().value(QStringLiteral("status")).toString().toUtf8() + ' ';
                result << summary.trimmed();
            }
            return result;
        };
        // Submitted work unless asked otherwise, as every format does.
        QCOMPARE(exportWith({}, {}),
                 (QList<QByteArray>{"1:ann/submitted", "2:bob/submitted", "3:"}));
        QCOMPARE(
            exportWith({}, QStringLiteral("all")),
            (QList<QByteArray>{"1:ann/submitted bob/draft", "2:ann/draft bob/submitted", "3:"}));
        QCOMPARE(exportWith(QStringLiteral("ann"), QStringLiteral("all")),
                 (QList<QByteArray>{"1:ann/submitted", "2:ann/draft", "3:"}));
        QCOMPARE(exportWith(QStringLiteral("ann"), QStringLiteral("draft,submitted")),
                 (QList<QByteArray>{"1:ann/submitted", "2:ann/draft", "3:"}));
        QCOMPARE(exportWith({}, QStringLiteral("submitted")),
                 (QList<QByteArray>{"1:ann/submitted", "2:bob/submitted", "3:"}));
        QCOMPARE(exportWith(QStringLiteral("bob"), QStringLiteral("submitted")),
                 (QList<QByteArray>{"1:", "2:bob/submitted", "3:"}));
        QVERIFY(exportWith({}, QStringLiteral("finished")).first().contains("unknown status"));
    }

    void unwritablePathFailsWithoutPartialFile() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));
        const QString in = dir.filePath(QStringLiteral("in.jsonl"));
        writeFile(in, line(textTask(QStringLiteral("a"), QStringLiteral("x"))));
        QVERIFY(importJsonl(*project, in).ok());
        // Root ignores permission bits, so use paths no one can create: under
        // a missing folder, and under a regular file.
        const QStringList targets{dir.filePath(QStringLiteral("no/such/folder/out.jsonl")),
                                  in + QStringLiteral("/out.jsonl")};
        for (const QString& target : targets) {
            Status s = exportJsonl(*project, target);
            QVERIFY(!s.ok());
            QVERIFY2(s.error().contains(target), qPrintable(s.error()));
            QVERIFY(!QFileInfo::exists(target));
        }
        const QStringList left = QDir(dir.path()).entryList(QDir::Files | QDir::NoDotAndDotDot);
        for (const QString& name : left)
            QVERIFY2(
                name.startsWith(QStringLiteral("p.postil")) || name == QStringLiteral("in.jsonl"),
                qPrintable(name));
        QCOMPARE(readFile(in), line(textTask(QStringLiteral("a"), QStringLiteral("x"))));
    }

    void emptyProjectExportsEmptyFile() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));
        const QString out = dir.filePath(QStringLiteral("empty.jsonl"));
        ExportReport report;
        QVERIFY(exportJsonl(*project, out, everyStatus(), &report).ok());
        QVERIFY(QFileInfo::exists(out));
        QCOMPARE(readFile(out), QByteArray());
        QCOMPARE(report.tasks, qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestJsonlFormat)
#include "tst_jsonlformat.moc"

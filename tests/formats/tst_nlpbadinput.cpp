#include <QtTest>

#include <QDirIterator>
#include <QElapsedTimer>

#include "nlptestdata.h"

using namespace postil;
using namespace postil::nlptest;

// What the NLP exports do with tasks that are not ordinary: an empty text, a
// 50 MB text, spans past the end of their text, spans CoNLL cannot hold. Each
// export goes on with the rest, says what it left out naming the task, and
// never changes the project.
namespace {

const QStringList kFormats{QStringLiteral("spacy"),       QStringLiteral("doccano"),
                           QStringLiteral("conll"),       QStringLiteral("brat"),
                           QStringLiteral("labelstudio"), QStringLiteral("textcat"),
                           QStringLiteral("textcat-csv")};

// Everything a folder or file holds, to compare exports.
QByteArray bytesOf(const QString& path) {
    if (!QFileInfo(path).isDir())
        return readFile(path);
    QByteArray all;
    QDirIterator it(path, QDir::Files);
    QStringList files;
    while (it.hasNext())
        files << it.next();
    files.sort();
    for (const QString& file : files)
        all += file.toUtf8() + '\n' + readFile(file);
    return all;
}

// Rows of the project's tables, to show nothing changed.
QByteArray rowsOf(Project& project) {
    QByteArray rows;
    for (const char* sql : {"SELECT uid, kind, data FROM tasks ORDER BY id",
                            "SELECT task_uid, annotator, status, result, hlc, deleted FROM "
                            "annotations ORDER BY task_uid, annotator"}) {
        Statement stmt = project.database().statement(QString::fromLatin1(sql));
        while (stmt.next())
            for (int c = 0; c < 6; ++c)
                rows += stmt.utf8(c) + '\t';
    }
    return rows;
}

void annotate(Project& project, const QString& uid, const QJsonObject& result) {
    addAnnotation(project, uid, QStringLiteral("alice"), AnnotationStatus::Submitted, result);
}

}  // namespace

class TestNlpBadInput : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void emptyTextAndSpansPastTheEnd() {
        QTemporaryDir dir;
        const QString projectPath = dir.filePath(QStringLiteral("p.postil"));
        auto project = makeProject(projectPath, kSchema);
        addTask(*project, QStringLiteral("empty"), TaskKind::Text,
                QJsonObject{{QStringLiteral("text"), QString()}});
        annotate(*project, QStringLiteral("empty"),
                 jsonObject(R"({"spans": [], "answers": {"intent": "other"}})"));
        // Written by an older build or another tool: a span past the text's
        // 9 characters beside a good one.
        addTask(*project, QStringLiteral("short"), TaskKind::Text,
                QJsonObject{{QStringLiteral("text"), QStringLiteral("Hi Bob 👋🏽")}});
        annotate(*project, QStringLiteral("short"),
                 jsonObject(R"({"spans": [{"label": "PER", "start": 3, "end": 6},
                                          {"label": "LOC", "start": 7, "end": 40}],
                                "answers": {"intent": "other"}})"));
        const QByteArray fileBefore = readFile(projectPath);
        const QByteArray rowsBefore = rowsOf(*project);

        for (const QString& format : kFormats) {
            const QString out = dir.filePath(QStringLiteral("out-") + format);
            ExportReport report;
            Status written = exportTo(*project, out, format, report);
            QVERIFY2(written.ok(), qPrintable(format + QStringLiteral(": ") + written.error()));
            QCOMPARE(report.annotations, qint64(2));
            const QString warnings = report.warnings.join(u'\n');
            QVERIFY2(warnings.contains(QStringLiteral(
                         "task 2 (short), alice's annotation: span 2 ends at 40, past the "
                         "text's 9 characters; left out")),
                     qPrintable(format + QStringLiteral(": ") + warnings));
            const QByteArray bytes = bytesOf(out);
            if (!format.startsWith(QLatin1String("textcat")))
                QVERIFY2(bytes.contains("Bob") && !bytes.contains("\"LOC\"") &&
                             !bytes.contains("B-LOC") && !bytes.contains("LOC 7"),
                         qPrintable(format));
        }
        // The empty text goes back in as an empty task.
        auto fresh = makeProject(dir.filePath(QStringLiteral("fresh.postil")), kSchema);
        auto imported =
            importInto(*fresh, dir.filePath(QStringLiteral("out-spacy")), QStringLiteral("spacy"));
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QVERIFY(fresh->tasks().byUid(QStringLiteral("empty")));
        QCOMPARE(readFile(projectPath), fileBefore);
        QCOMPARE(rowsOf(*project), rowsBefore);
    }

    void aFiftyMegabyteText() {
        QTemporaryDir dir;
        const QString projectPath = dir.filePath(QStringLiteral("p.postil"));
        auto project = makeProject(projectPath, kSchema);
        // 50 MB in words of 1,000 letters, an emoji early on (so code points
        // and UTF-16 differ all the way), spans at the start and the very end.
        QString text = QStringLiteral("👋🏽 Start ");
        const QString word = QString(999, QLatin1Char('x')) + QLatin1Char(' ');
        text.reserve(50 * 1024 * 1024 + 100);
        while (text.size() < 50 * 1024 * 1024)
            text += word;
        text += QStringLiteral("Paris");
        addTask(*project, QStringLiteral("huge"), TaskKind::Text,
                QJsonObject{{QStringLiteral("text"), text}});
        TextAnnotation annotation;
        annotation.spans << spanOf(text, {QStringLiteral("MISC"), QStringLiteral("Start")})
                         << spanOf(text, {QStringLiteral("LOC"), QStringLiteral("Paris")});
        annotate(*project, QStringLiteral("huge"), spanresult::withSpans({}, annotation));
        const QByteArray rowsBefore = rowsOf(*project);
        const qint64 paris = annotation.spans[1].start;

        for (const QString& format : kFormats.mid(0, 5)) {
            QElapsedTimer timer;
            timer.start();
            const QString out = dir.filePath(QStringLiteral("out-") + format);
            ExportReport report;
            Status written = exportTo(*project, out, format, report);
            QVERIFY2(written.ok(), qPrintable(format + QStringLiteral(": ") + written.error()));
            QCOMPARE(report.annotations, qint64(1));
            qInfo("%s: 50 MB text exported in %lld ms", qPrintable(format), timer.elapsed());
            const QByteArray bytes = bytesOf(out);
            if (format == QLatin1String("conll")) {
                QVERIFY(bytes.endsWith("Paris -X- _ B-LOC\n\n"));
            } else if (format == QLatin1String("doccano")) {
                // UTF-16: the emoji's two astral characters add two.
                QVERIFY(bytes.contains(
                    QStringLiteral("[%1,%2,\"LOC\"]").arg(paris + 2).arg(paris + 7).toUtf8()));
            } else if (format == QLatin1String("brat")) {
                QVERIFY(bytes.contains(
                    QStringLiteral("LOC %1 %2\tParis").arg(paris).arg(paris + 5).toUtf8()));
            } else {
                QVERIFY2(bytes.contains(QStringLiteral("\"start\":%1,").arg(paris).toUtf8()) &&
                             bytes.contains(QStringLiteral("\"end\":%1,").arg(paris + 5).toUtf8()),
                         qPrintable(format));
            }
        }
        // And back in: the 50 MB line of spaCy JSONL, the span on "Paris".
        auto fresh = makeProject(dir.filePath(QStringLiteral("fresh.postil")), kSchema);
        auto imported =
            importInto(*fresh, dir.filePath(QStringLiteral("out-spacy")), QStringLiteral("spacy"));
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        const TextAnnotation back =
            storedSpans(*fresh, QStringLiteral("huge"), QStringLiteral("spacy-import"));
        QCOMPARE(labelled(text, back),
                 (QStringList{QStringLiteral("MISC=Start"), QStringLiteral("LOC=Paris")}));
        QCOMPARE(rowsOf(*project), rowsBefore);
    }

    void overlapsConllCannotHoldLeaveTheRestAndTheProject() {
        QTemporaryDir dir;
        const QString projectPath = dir.filePath(QStringLiteral("p.postil"));
        auto project = makeAnnotatedProject(projectPath);
        const QString text = QStringLiteral("Bank of New York");
        addTask(*project, QStringLiteral("bank"), TaskKind::Text,
                QJsonObject{{QStringLiteral("text"), text}});
        TextAnnotation nested;
        nested.spans << spanOf(text, {QStringLiteral("ORG"), QStringLiteral("Bank of New York")})
                     << spanOf(text, {QStringLiteral("LOC"), QStringLiteral("New York")})
                     << spanOf(text, {QStringLiteral("LOC"), QStringLiteral("York")});
        annotate(*project, QStringLiteral("bank"), spanresult::withSpans({}, nested));
        const QByteArray fileBefore = readFile(projectPath);
        const QByteArray rowsBefore = rowsOf(*project);
        const QString out = dir.filePath(QStringLiteral("out.conll"));
        ExportReport report;
        QVERIFY(exportTo(*project, out, QStringLiteral("conll"), report).ok());
        QCOMPARE(report.tasks, qint64(docs().size() + 1));
        const QString warnings = report.warnings.join(u'\n');
        for (const char* left :
             {"span 'New York' at 8..16 (LOC) overlaps", "span 'York' at 12..16 (LOC) overlaps"})
            QVERIFY2(warnings.contains(QStringLiteral("task 6 (bank), alice's annotation: ") +
                                       QLatin1String(left)),
                     qPrintable(warnings));
        QVERIFY(readFile(out).contains(
            "Bank -X- _ B-ORG\nof -X- _ I-ORG\nNew -X- _ I-ORG\nYork -X- _ I-ORG\n"));
        QCOMPARE(readFile(out).count("-DOCSTART-"), docs().size() + 1);
        QCOMPARE(readFile(projectPath), fileBefore);
        QCOMPARE(rowsOf(*project), rowsBefore);
    }
};

QTEST_GUILESS_MAIN(TestNlpBadInput)
#include "tst_nlpbadinput.moc"

#include <QtTest>

#include <QJsonDocument>

#include "formats/formatregistry.h"
#include "formats/importsession.h"
#include "model/project.h"
#include "testsupport.h"

using namespace postil;

namespace {

// Stored tasks in import order, as {"uid": ..., "data": ...} for compact checks.
QList<QJsonObject> storedTasks(Project& project) {
    QList<QJsonObject> rows;
    Statement stmt = project.database().statement(
        QStringLiteral("SELECT uid, kind, data FROM tasks ORDER BY id"));
    while (stmt.next()) {
        if (stmt.text(1) != QLatin1String("text"))
            qWarning("unexpected kind %s", qPrintable(stmt.text(1)));
        rows << QJsonObject{
            {QStringLiteral("uid"), stmt.text(0)},
            {QStringLiteral("data"), QJsonDocument::fromJson(stmt.utf8(2)).object()}};
    }
    return rows;
}

QString textOf(const QJsonObject& row) {
    return row.value(QStringLiteral("data")).toObject().value(QStringLiteral("text")).toString();
}

Expected<ImportReport> importCsv(Project& project, const QString& path,
                                 QMap<QString, QString> formatOptions = {}, bool skipBad = false) {
    ImportOptions options;
    options.formatOptions = std::move(formatOptions);
    options.skipBad = skipBad;
    return importFiles(project, {path}, QStringLiteral("auto"), options);
}

}  // namespace

class TestCsvFormat : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void registered() {
        Format* csv = FormatRegistry::instance().byName(QStringLiteral("csv"));
        QVERIFY(csv);
        QVERIFY(csv->canRead());
        QVERIFY(!csv->canWrite());
        QCOMPARE(FormatRegistry::instance().detectReader(QStringLiteral("x.csv")), csv);
        QCOMPARE(FormatRegistry::instance().detectReader(QStringLiteral("x.TSV")), csv);
    }

    void quotesNewlinesCrlfAndBom() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));
        const QByteArray csv =
            "\xEF\xBB\xBF"
            "text,source\r\n"
            "plain,web\r\n"
            "\"with, comma\",\"say \"\"hi\"\"\"\r\n"
            "\"two\r\nlines\",app\r\n"
            "\"lf\nonly\",\r\n"
            "\r\n"
            "漢字 😀 שלום,\"\"\r\n"
            "\"\",empty text\r\n"
            "last,no newline";
        const QString path = dir.filePath(QStringLiteral("in.csv"));
        writeFile(path, csv);
        auto report = importCsv(*project, path);
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report->tasksAdded, qint64(7));
        const QList<QJsonObject> rows = storedTasks(*project);
        QCOMPARE(rows.size(), 7);
        QCOMPARE(textOf(rows.at(0)), QStringLiteral("plain"));
        QCOMPARE(textOf(rows.at(1)), QStringLiteral("with, comma"));
        QCOMPARE(textOf(rows.at(2)), QStringLiteral("two\r\nlines"));
        QCOMPARE(textOf(rows.at(3)), QStringLiteral("lf\nonly"));
        QCOMPARE(textOf(rows.at(4)), QStringLiteral("漢字 😀 שלום"));
        QCOMPARE(textOf(rows.at(5)), QString());
        QCOMPARE(textOf(rows.at(6)), QStringLiteral("last"));
        // The BOM is not part of the first column's name, and other columns are meta.
        QCOMPARE(
            rows.at(1).value(QStringLiteral("data")).toObject(),
            (QJsonObject{{QStringLiteral("text"), QStringLiteral("with, comma")},
                         {QStringLiteral("meta"),
                          QJsonObject{{QStringLiteral("source"), QStringLiteral("say \"hi\"")}}}}));
        QCOMPARE(rows.at(3)
                     .value(QStringLiteral("data"))
                     .toObject()
                     .value(QStringLiteral("meta"))
                     .toObject()
                     .value(QStringLiteral("source")),
                 QJsonValue(QString()));

        // Ids are derived: the same file twice adds nothing.
        auto again = importCsv(*project, path);
        QVERIFY2(again.ok(), qPrintable(again.error()));
        QCOMPARE(again->tasksAdded, qint64(0));
        QCOMPARE(again->tasksAlreadyThere, qint64(7));
    }

    void tabSeparated() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));
        const QString path = dir.filePath(QStringLiteral("in.tsv"));
        writeFile(path,
                  "id\ttext\tlang\n"
                  "a1\tcommas, stay\tde\n"
                  "a2\t\"quoted\ttab\"\ten\n");
        auto report =
            importCsv(*project, path, {{QStringLiteral("id-column"), QStringLiteral("id")}});
        QVERIFY2(report.ok(), qPrintable(report.error()));
        const QList<QJsonObject> rows = storedTasks(*project);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).value(QStringLiteral("uid")).toString(), QStringLiteral("a1"));
        QCOMPARE(textOf(rows.at(0)), QStringLiteral("commas, stay"));
        QCOMPARE(rows.at(1).value(QStringLiteral("uid")).toString(), QStringLiteral("a2"));
        QCOMPARE(textOf(rows.at(1)), QStringLiteral("quoted\ttab"));
        QCOMPARE(rows.at(1).value(QStringLiteral("data")).toObject().value(QStringLiteral("meta")),
                 QJsonValue(QJsonObject{{QStringLiteral("lang"), QStringLiteral("en")}}));
    }

    void columnsMapping() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));
        const QString path = dir.filePath(QStringLiteral("rel.csv"));
        writeFile(path,
                  "doc_id,query,passage,score\n"
                  "d1,cheap flights,Book flights today,0.3\n"
                  "d2,cheap flights,Weather in Oslo,\n");
        // Without naming the text column the file is refused, listing what is there.
        auto refused = importCsv(*project, path);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.error().startsWith(path), qPrintable(refused.error()));
        QVERIFY2(refused.error().contains(QStringLiteral("'doc_id', 'query', 'passage', 'score'")),
                 qPrintable(refused.error()));
        QCOMPARE(project->tasks().count(), qint64(0));

        auto missingId = importCsv(*project, path,
                                   {{QStringLiteral("text-column"), QStringLiteral("passage")},
                                    {QStringLiteral("id-column"), QStringLiteral("id")}});
        QVERIFY(!missingId.ok());
        QVERIFY2(missingId.error().contains(QStringLiteral("'id'")), qPrintable(missingId.error()));

        auto report = importCsv(*project, path,
                                {{QStringLiteral("text-column"), QStringLiteral("passage")},
                                 {QStringLiteral("id-column"), QStringLiteral("doc_id")}});
        QVERIFY2(report.ok(), qPrintable(report.error()));
        const QList<QJsonObject> rows = storedTasks(*project);
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).value(QStringLiteral("uid")).toString(), QStringLiteral("d1"));
        QCOMPARE(rows.at(0).value(QStringLiteral("data")).toObject(),
                 (QJsonObject{{QStringLiteral("text"), QStringLiteral("Book flights today")},
                              {QStringLiteral("query"), QStringLiteral("cheap flights")},
                              {QStringLiteral("meta"),
                               QJsonObject{{QStringLiteral("score"), QStringLiteral("0.3")}}}}));
        auto task = project->tasks().byUid(QStringLiteral("d2"));
        QVERIFY(task);
        QCOMPARE(task->preview, QStringLiteral("cheap flights → Weather in Oslo"));
    }

    void badRowNamesItsLine() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));
        const QString path = dir.filePath(QStringLiteral("bad.csv"));
        // The record on line 3 spans two lines, so the short row starts on line 5.
        const QByteArray csv =
            "text,label\n"
            "one,a\n"
            "\"two\nlines\",b\n"
            "only one field\n"
            "four,d\n";
        writeFile(path, csv);
        auto failed = importCsv(*project, path);
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error().startsWith(path + QStringLiteral(":5: 1 fields where the header "
                                                                 "has 2")),
                 qPrintable(failed.error()));
        QCOMPARE(project->tasks().count(), qint64(0));

        auto skipped = importCsv(*project, path, {}, true);
        QVERIFY2(skipped.ok(), qPrintable(skipped.error()));
        QCOMPARE(skipped->tasksAdded, qint64(3));
        QCOMPARE(skipped->badRecords.size(), 1);
        QVERIFY(skipped->badRecords.first().startsWith(path + QStringLiteral(":5:")));
    }

    void unterminatedQuoteNamesWhereItStarts() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));
        const QString path = dir.filePath(QStringLiteral("open.csv"));
        writeFile(path, "text\nfine\n\"never closed\nmore\nand more\n");
        auto failed = importCsv(*project, path);
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error().startsWith(path + QStringLiteral(":3: ")),
                 qPrintable(failed.error()));
        QVERIFY2(failed.error().contains(QStringLiteral("never closed")),
                 qPrintable(failed.error()));

        writeFile(path, "text,n\n\"closed\"x,1\nok,2\n");
        auto stray = importCsv(*project, path);
        QVERIFY(!stray.ok());
        QVERIFY2(stray.error().startsWith(path + QStringLiteral(":2: field 1")),
                 qPrintable(stray.error()));
    }

    void emptyFileIsRefused() {
        QTemporaryDir dir;
        auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));
        const QString path = dir.filePath(QStringLiteral("empty.csv"));
        writeFile(path, "");
        auto failed = importCsv(*project, path);
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error().startsWith(path), qPrintable(failed.error()));
    }
};

QTEST_GUILESS_MAIN(TestCsvFormat)
#include "tst_csvformat.moc"

// Cancelling long work in core (docs/architecture.md, "Long work"): an import
// stopped by its CancelFlag rolls back whole; every writer stops at its next
// task and leaves no file, no folder and no staging folder behind; a folder
// export into a folder already there keeps what the folder held.
#include <QDirIterator>
#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

#include "formats/formatregistry.h"
#include "formats/importsession.h"
#include "model/project.h"
#include "testsupport.h"

using namespace postil;

namespace {

QStringList entriesUnder(const QString& folder) {
    QStringList entries;
    QDirIterator it(folder, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        entries << QDir(folder).relativeFilePath(it.next());
    entries.sort();
    return entries;
}

// Every row of every table, read over a connection of its own, in a stable order.
QStringList everyRow(const QString& path) {
    auto project = Project::open(path);
    if (!project.ok())
        return {QStringLiteral("cannot open: ") + project.error()};
    Database& db = (*project)->database();
    QStringList tables;
    Statement list = db.statement(
        QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
    while (list.next())
        tables << list.text(0);
    QStringList rows;
    for (const QString& table : std::as_const(tables)) {
        QStringList columns;
        Statement info = db.statement(QStringLiteral("PRAGMA table_info(\"%1\")").arg(table));
        while (info.next())
            columns << QStringLiteral("quote(\"%1\")").arg(info.text(1));
        Statement all = db.statement(QStringLiteral("SELECT %1 FROM \"%2\" ORDER BY 1")
                                         .arg(columns.join(QStringLiteral(" || '|' || ")), table));
        while (all.next())
            rows << table + QLatin1Char(' ') + all.text(0);
    }
    return rows;
}

// Image tasks with sizes and boxes, and comparisons with a preference: every
// writer has tasks of its kind to write.
void fill(Project& project) {
    Transaction tx(project.database());
    for (int i = 1; i <= 5; ++i) {
        const QString image = QStringLiteral("img-%1").arg(i);
        addImageTask(project, image, i);
        addAnnotation(project, image, QStringLiteral("ann"), AnnotationStatus::Submitted,
                      {{QStringLiteral("boxes"),
                        QJsonArray{QJsonObject{{QStringLiteral("label"), QStringLiteral("car")},
                                               {QStringLiteral("x"), 1},
                                               {QStringLiteral("y"), 2},
                                               {QStringLiteral("w"), 30},
                                               {QStringLiteral("h"), 40},
                                               {QStringLiteral("attrs"), QJsonObject()}}}}});

        const QString pair = QStringLiteral("pair-%1").arg(i);
        addTask(project, pair, TaskKind::Compare,
                {{QStringLiteral("prompt"), QStringLiteral("Say hello")},
                 {QStringLiteral("responses"),
                  QJsonArray{QStringLiteral("Hello"), QStringLiteral("Go away")}}});
        addAnnotation(project, pair, QStringLiteral("ann"), AnnotationStatus::Submitted,
                      {{QStringLiteral("preference"), -2},
                       {QStringLiteral("critique"), QStringLiteral("The first is kind.")}});
    }
    QVERIFY(tx.commit().ok());
}

}  // namespace

class TestCancel : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // Cancelled between two files, once the first is read: its records were
    // already in the transaction, and the second file's first record stops
    // the import. Everything rolls back: the project file has its bytes from
    // before, every table its rows, and the schema in memory is the stored one.
    void aCancelledImportKeepsNothing() {
        auto project = makeProject(m_dir.filePath(QStringLiteral("import/p.postil")));
        fill(*project);
        // Everything in the main file, so that its bytes say it all.
        QVERIFY(project->database().exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")).ok());
        const QByteArray bytesBefore = readFile(project->path());
        const QStringList rowsBefore = everyRow(project->path());
        const int labelsBefore = project->schema().labels.size();

        const QString first = m_dir.filePath(QStringLiteral("import/first.jsonl"));
        const QString second = m_dir.filePath(QStringLiteral("import/second.jsonl"));
        QByteArray lines;
        for (int i = 0; i < 2000; ++i)
            lines += QStringLiteral(
                         "{\"id\":\"t%1\",\"data\":{\"text\":\"words %1\"},"
                         "\"annotations\":[{\"annotator\":\"ann\",\"status\":"
                         "\"submitted\",\"result\":{\"answers\":{\"intent\":"
                         "\"refund\"}}}]}\n")
                         .arg(i)
                         .toUtf8();
        writeFile(first, lines);
        writeFile(second, "{\"id\":\"last\",\"data\":{\"text\":\"never read\"}}\n");

        CancelFlag cancel{false};
        ImportOptions options;
        qint64 recordsAtCancel = -1;
        bool cancelling = false;
        options.cancel = &cancel;
        // Progress always comes at the end of each file (done == total), and
        // the records taken so far with it.
        options.progress = [&](qint64 done, qint64 total) {
            cancelling = done == total && !cancel.load();
            if (cancelling)
                cancel.store(true);
        };
        options.recordsTaken = [&](qint64 records) {
            if (cancelling)
                recordsAtCancel = records;
        };
        auto report = importFiles(*project, {first, second}, QStringLiteral("auto"), options);
        QVERIFY(!report.ok());
        QVERIFY2(report.error().contains(QStringLiteral("cancelled")), qPrintable(report.error()));
        QCOMPARE(recordsAtCancel, qint64(2000));  // the first file was in, uncommitted

        QCOMPARE(project->schema().labels.size(), labelsBefore);
        QCOMPARE(everyRow(project->path()), rowsBefore);
        QVERIFY(readFile(project->path()) == bytesBefore);

        // Cancelled at the last record of the last file, the commit does not happen.
        cancel.store(false);
        report = importFiles(*project, {first}, QStringLiteral("auto"), options);
        QVERIFY(!report.ok());
        QCOMPARE(everyRow(project->path()), rowsBefore);
        QVERIFY(readFile(project->path()) == bytesBefore);

        // Without the flag, the same import goes through.
        cancel.store(false);
        options.progress = nullptr;
        auto again = importFiles(*project, {first, second}, QStringLiteral("auto"), options);
        QVERIFY2(again.ok(), qPrintable(again.error()));
        QCOMPARE(again->tasksAdded, qint64(2001));
        QVERIFY(everyRow(project->path()) != rowsBefore);
    }

    // Every writer polls the flag: cancelled before it starts, it writes
    // nothing at all, neither the file nor the folder nor a staging folder,
    // and does not leave the parent folders it made.
    void everyWriterStopsAndLeavesNothing() {
        auto project = makeProject(m_dir.filePath(QStringLiteral("export/p.postil")));
        fill(*project);
        const QString out = m_dir.filePath(QStringLiteral("export/out"));
        QVERIFY(QDir().mkpath(out));
        writeFile(out + QStringLiteral("/keep.txt"), "mine\n");
        const QStringList before = entriesUnder(out);
        int writers = 0;
        for (Format* format : FormatRegistry::instance().all()) {
            if (!format->canWrite())
                continue;
            ++writers;
            CancelFlag cancel{true};
            ExportOptions options;
            options.cancel = &cancel;
            ExportReport report;
            // A folder's missing parents are made, and must go again.
            const QString target =
                format->writesFolder()
                    ? out + QStringLiteral("/new/deeper/") + format->name()
                    : out + QLatin1Char('/') + format->name() + QStringLiteral(".out");
            Status written = format->write(*project, target, options, report);
            QVERIFY2(!written.ok(), qPrintable(format->name()));
            QVERIFY2(written.error().contains(QStringLiteral("cancelled")),
                     qPrintable(format->name() + QStringLiteral(": ") + written.error()));
            QCOMPARE(entriesUnder(out), before);
        }
        QVERIFY(writers >= 12);
    }

    // A folder export into a folder that is there keeps the folder's other
    // files and replaces only its namesakes; YOLO keeps the class ids there.
    // The staging folder is gone after.
    void aFolderExportMergesIntoAFolderThatIsThere() {
        auto project = makeProject(m_dir.filePath(QStringLiteral("merge/p.postil")));
        fill(*project);
        const QString out = m_dir.filePath(QStringLiteral("merge/yolo"));
        writeFile(out + QStringLiteral("/classes.txt"), "truck\n");
        writeFile(out + QStringLiteral("/1.txt"), "stale\n");
        writeFile(out + QStringLiteral("/other.txt"), "mine\n");
        ExportReport report;
        Status written = FormatRegistry::instance()
                             .byName(QStringLiteral("yolo"))
                             ->write(*project, out, ExportOptions(), report);
        QVERIFY2(written.ok(), qPrintable(written.error()));
        QCOMPARE(readFile(out + QStringLiteral("/classes.txt")), QByteArray("truck\ncar\n"));
        QVERIFY(readFile(out + QStringLiteral("/1.txt")).startsWith("1 "));
        QCOMPARE(readFile(out + QStringLiteral("/other.txt")), QByteArray("mine\n"));
        QCOMPARE(entriesUnder(m_dir.filePath(QStringLiteral("merge")))
                     .filter(QStringLiteral(".partial")),
                 QStringList());
        QCOMPARE(entriesUnder(out).size(), 2 + 5);

        // Into a folder that is not there: it appears whole, with the
        // permissions of a folder made in the usual way.
        const QString fresh = m_dir.filePath(QStringLiteral("merge/fresh/voc"));
        written = FormatRegistry::instance()
                      .byName(QStringLiteral("voc"))
                      ->write(*project, fresh, ExportOptions(), report);
        QVERIFY2(written.ok(), qPrintable(written.error()));
        QCOMPARE(entriesUnder(fresh).size(), 5);
        QDir().mkpath(m_dir.filePath(QStringLiteral("merge/usual")));
        QCOMPARE(QFileInfo(fresh).permissions(),
                 QFileInfo(m_dir.filePath(QStringLiteral("merge/usual"))).permissions());
    }
};

QTEST_MAIN(TestCancel)
#include "tst_cancel.moc"

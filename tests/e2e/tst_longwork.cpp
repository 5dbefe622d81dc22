// Import and export in the studio run on a worker thread with their own
// connection (docs/architecture.md, "Long work"): the window keeps painting,
// the progress dialog's Cancel leaves the project and the output folder
// exactly as they were, and a finished job gives what postil-cli gives.
#include <QComboBox>
#include <QCryptographicHash>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QMessageBox>
#include <QProcess>
#include <QPushButton>
#include <QStatusBar>
#include <QtTest>
#include <functional>

#include "document/taskdocument.h"
#include "model/project.h"
#include "shell/exportdialog.h"
#include "shell/jobprogressdialog.h"
#include "shell/mainwindow.h"
#include "shell/projectpanel.h"
#include "shell/tasklistmodel.h"
#include "shell/taskworkspace.h"
#include "testsupport.h"
#include "widgettestsupport.h"

using namespace postil;

namespace {

constexpr int kBigImportLines = 200000;
constexpr int kImageTasks = 40000;
constexpr int kBoxesPerImage = 10;
constexpr int kSmallImageTasks = 200;

// Answers the dialogs a job brings up while it runs, from a timer on the GUI
// thread (the job's nested event loop keeps timers running): the Export
// dialog, the progress dialog and the report at the end.
class DialogDriver : public QObject {
public:
    std::function<void(ExportDialog*)> onExport;
    // Called while the progress dialog shows; returns true to press Cancel.
    std::function<bool(JobProgressDialog*)> cancelWhen;
    bool sawProgress = false;
    int cancelledAt = -1;  // permille when Cancel was pressed
    QStringList reports;   // titles of the message boxes answered

    DialogDriver() {
        m_timer.setInterval(5);
        connect(&m_timer, &QTimer::timeout, this, &DialogDriver::look);
        m_timer.start();
    }

private:
    void look() {
        for (QWidget* top : QApplication::topLevelWidgets()) {
            if (!top->isVisible())
                continue;
            if (auto* dialog = qobject_cast<ExportDialog*>(top); dialog && onExport) {
                auto run = std::move(onExport);
                onExport = nullptr;
                run(dialog);
            } else if (auto* progress = qobject_cast<JobProgressDialog*>(top)) {
                sawProgress = true;
                if (cancelledAt < 0 && cancelWhen && cancelWhen(progress)) {
                    cancelledAt = progress->permille();
                    QTest::mouseClick(progress->findChild<QPushButton*>(QStringLiteral("cancel")),
                                      Qt::LeftButton);
                }
            } else if (auto* box = qobject_cast<QMessageBox*>(top)) {
                reports << box->windowTitle() + QStringLiteral(": ") + box->text();
                box->done(QMessageBox::Ok);
            }
        }
    }

    QTimer m_timer;
};

// Counts the GUI thread's timer ticks while it lives: a thread busy with the
// job would let none through.
class TickCounter {
public:
    static constexpr int kIntervalMs = 10;
    TickCounter() {
        m_timer.setInterval(kIntervalMs);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { ++m_ticks; });
        m_clock.start();
        m_timer.start();
    }
    void stop() {
        m_timer.stop();
        m_elapsed = m_clock.elapsed();
    }
    int ticks() const { return m_ticks; }
    qint64 elapsedMs() const { return m_elapsed; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    int m_ticks = 0;
    qint64 m_elapsed = 0;
};

// Every row a person could see, read over a connection of its own. Stamps
// (hlc, device, annotation uid) are left out: they differ between any two
// imports, the CLI's and the studio's.
QStringList rowsOf(const QString& path) {
    auto project = Project::open(path);
    if (!project.ok())
        return {QStringLiteral("cannot open: ") + project.error()};
    QStringList rows;
    const QStringList queries{
        QStringLiteral("SELECT key || '=' || value FROM meta WHERE key <> 'created_ms' "
                       "ORDER BY key"),
        QStringLiteral("SELECT hash || ' ' || path || ' ' || bytes FROM media ORDER BY hash"),
        QStringLiteral("SELECT id || ' ' || uid || ' ' || kind || ' ' || data || ' ' || "
                       "coalesce(media_hash, '-') || ' ' || preview FROM tasks ORDER BY id"),
        QStringLiteral("SELECT task_uid || ' ' || annotator || ' ' || status || ' ' || "
                       "skip_reason || ' ' || result || ' ' || lead_ms || ' ' || deleted FROM "
                       "annotations ORDER BY task_uid, annotator")};
    for (const QString& sql : queries) {
        Statement stmt = (*project)->database().statement(sql);
        while (stmt.next())
            rows << stmt.text(0);
    }
    return rows;
}

// Names and bytes of every file under 'folder', hidden ones included.
QStringList filesUnder(const QString& folder) {
    QStringList files;
    QDirIterator it(folder, QDir::Files | QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info(path);
        files << QDir(folder).relativeFilePath(path) + QLatin1Char(' ') +
                     (info.isDir()
                          ? QStringLiteral("(folder)")
                          : QString::fromLatin1(
                                QCryptographicHash::hash(readFile(path), QCryptographicHash::Sha256)
                                    .toHex()));
    }
    files.sort();
    return files;
}

// Files under 'folder' (hidden ones included) and the bytes of the largest.
struct FolderLook {
    int files = 0;
    qint64 largest = 0;
};
FolderLook lookInto(const QString& folder) {
    FolderLook look;
    QDirIterator it(folder, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        ++look.files;
        look.largest = std::max(look.largest, it.fileInfo().size());
    }
    return look;
}

bool runCli(const QStringList& arguments, QString* output = nullptr) {
    QProcess cli;
    cli.start(QStringLiteral(POSTIL_CLI_PATH), arguments);
    if (!cli.waitForFinished(600000))
        return false;
    const QString all = QString::fromUtf8(cli.readAllStandardOutput() + cli.readAllStandardError());
    if (output)
        *output = all;
    if (cli.exitCode() != 0)
        qWarning("postil-cli %s: %s", qPrintable(arguments.join(QLatin1Char(' '))),
                 qPrintable(all));
    return cli.exitStatus() == QProcess::NormalExit && cli.exitCode() == 0;
}

void addTextTasks(Project& project, int count) {
    Transaction tx(project.database());
    for (int i = 1; i <= count; ++i) {
        Task task;
        task.uid = QStringLiteral("before-%1").arg(i);
        task.data = {{QStringLiteral("text"), QStringLiteral("Already here %1").arg(i)}};
        task.preview = task.data.value(QStringLiteral("text")).toString();
        QVERIFY(project.tasks().add(task).ok());
    }
    QVERIFY(tx.commit().ok());
}

}  // namespace

class TestLongWork : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_bigJsonl;
    QString m_imageProject;       // kImageTasks image tasks, each with submitted boxes
    QString m_smallImageProject;  // kSmallImageTasks such tasks

    QString path(const QString& name) const { return m_dir.filePath(name); }

    void makeImageProject(const QString& file, int count) {
        auto project = makeProject(file, R"({"labels": [{"name": "car"}]})");
        Transaction tx(project->database());
        for (int i = 1; i <= count; ++i) {
            const QString uid = QStringLiteral("img-%1").arg(i);
            addImageTask(*project, uid, i);
            QJsonArray boxes;
            for (int b = 0; b < kBoxesPerImage; ++b)
                boxes << QJsonObject{{QStringLiteral("label"), QStringLiteral("car")},
                                     {QStringLiteral("x"), 10 + b * 20},
                                     {QStringLiteral("y"), 20 + b},
                                     {QStringLiteral("w"), 100},
                                     {QStringLiteral("h"), 50},
                                     {QStringLiteral("attrs"), QJsonObject()}};
            addAnnotation(*project, uid, QStringLiteral("ann"), AnnotationStatus::Submitted,
                          {{QStringLiteral("boxes"), boxes}});
        }
        QVERIFY(tx.commit().ok());
    }

    std::unique_ptr<MainWindow> studio(const QString& project) {
        auto window = std::make_unique<MainWindow>();
        if (!window->openProject(project))
            return nullptr;
        window->resize(1200, 800);
        window->show();
        if (!QTest::qWaitForWindowExposed(window.get()))
            return nullptr;
        return window;
    }

    void exportFrom(MainWindow& window, DialogDriver& driver, const QString& format,
                    const QString& output) {
        driver.onExport = [format, output](ExportDialog* dialog) {
            auto* formats = dialog->findChild<QComboBox*>(QStringLiteral("format"));
            formats->setCurrentIndex(formats->findData(format));
            dialog->findChild<QComboBox*>(QStringLiteral("status"))->setCurrentIndex(0);
            dialog->findChild<QLineEdit*>(QStringLiteral("output"))->setText(output);
            dialog->accept();
        };
        window.exportProject();
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        isolateSettings(path(QStringLiteral("settings")));

        // 200,000 text tasks, about 14 MB: seconds of work on any machine.
        m_bigJsonl = path(QStringLiteral("big.jsonl"));
        QByteArray lines;
        lines.reserve(kBigImportLines * 72);
        for (int i = 1; i <= kBigImportLines; ++i)
            lines += QStringLiteral(
                         "{\"id\":\"t%1\",\"data\":{\"text\":\"Message number %1 "
                         "about a refund, some words\"}}\n")
                         .arg(i, 7, 10, QLatin1Char('0'))
                         .toUtf8();
        writeFile(m_bigJsonl, lines);

        // Image tasks with their sizes known, as an import leaves them: no
        // image is opened to export them.
        m_imageProject = path(QStringLiteral("images/boxes.postil"));
        m_smallImageProject = path(QStringLiteral("images/few.postil"));
        makeImageProject(m_imageProject, kImageTasks);
        makeImageProject(m_smallImageProject, kSmallImageTasks);
    }

    // Cancel half-way through a 200,000-line import: not one task of it stays,
    // the project file's bytes are those from before, and the window kept
    // painting all along.
    void cancellingAnImportLeavesTheProjectAsItWas() {
        const QString file = path(QStringLiteral("cancel/project.postil"));
        addTextTasks(*makeProject(file), 3);
        auto window = studio(file);
        QVERIFY(window);
        // Everything in the main file, so that its bytes say it all.
        QVERIFY(window->project()
                    ->database()
                    .exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"))
                    .ok());
        const QByteArray bytesBefore = readFile(file);
        const QStringList rowsBefore = rowsOf(file);
        QCOMPARE(window->projectPanel()->model()->totalTasks(), qint64(3));

        // The task on screen is closed for the job (no editor writes meanwhile)
        // and shown again after it.
        const qint64 shownTask = window->project()->tasks().byUid(QStringLiteral("before-2"))->id;
        window->goToTask(shownTask);
        QCOMPARE(window->workspace()->document()->task().id, shownTask);
        bool closedDuringJob = false;

        DialogDriver driver;
        driver.cancelWhen = [&](JobProgressDialog* dialog) {
            closedDuringJob = window->workspace()->document() == nullptr;
            return dialog->permille() >= 250;
        };
        TickCounter ticks;
        window->importFiles({m_bigJsonl});
        ticks.stop();

        // The GUI thread ran its timers all along, not only between records.
        const qint64 expected = ticks.elapsedMs() / TickCounter::kIntervalMs;
        QVERIFY2(
            ticks.ticks() >= expected / 4,
            qPrintable(
                QStringLiteral("%1 ticks in %2 ms").arg(ticks.ticks()).arg(ticks.elapsedMs())));
        QVERIFY(driver.sawProgress);
        QVERIFY2(driver.cancelledAt >= 250 && driver.cancelledAt < 1000,
                 qPrintable(QString::number(driver.cancelledAt)));
        QVERIFY2(driver.reports.isEmpty(), qPrintable(driver.reports.join(QLatin1Char('\n'))));
        QVERIFY(window->statusBar()->currentMessage().contains(QStringLiteral("cancelled")));

        QVERIFY(closedDuringJob);
        QVERIFY(window->workspace()->document());
        QCOMPARE(window->workspace()->document()->task().id, shownTask);
        QCOMPARE(window->projectPanel()->model()->totalTasks(), qint64(3));
        QCOMPARE(window->project()->tasks().count(), qint64(3));
        QCOMPARE(rowsOf(file), rowsBefore);
        QVERIFY(readFile(file) == bytesBefore);
    }

    // A finished import through the studio gives the rows postil-cli gives,
    // and the task list shows them when it is done.
    void aFinishedImportMatchesTheCli() {
        const QString studioFile = path(QStringLiteral("match/studio.postil"));
        const QString cliFile = path(QStringLiteral("match/cli.postil"));
        addTextTasks(*makeProject(studioFile), 3);
        QVERIFY(QFile::copy(studioFile, cliFile));

        QImage picture(64, 48, QImage::Format_RGB32);
        picture.fill(Qt::darkCyan);
        QVERIFY(QDir().mkpath(path(QStringLiteral("match/in"))));
        QVERIFY(picture.save(path(QStringLiteral("match/in/street.png"))));
        QByteArray lines =
            R"({"id":"pic","data":{"image":"street.png"},"annotations":[{"annotator":"ann",)"
            R"("status":"submitted","result":{"boxes":[{"label":"car","x":1,"y":2,"w":30,"h":20,)"
            R"("attrs":{}}]}}]})"
            "\n";
        for (int i = 1; i <= 2000; ++i)
            lines += QStringLiteral(
                         "{\"id\":\"m%1\",\"data\":{\"text\":\"Message %1\"},\"annotations\":"
                         "[{\"annotator\":\"ann\",\"status\":\"%2\",\"result\":{\"answers\":"
                         "{\"intent\":\"refund\"}},\"lead_ms\":%1}]}\n")
                         .arg(i)
                         .arg(i % 3 ? QStringLiteral("submitted") : QStringLiteral("draft"))
                         .toUtf8();
        const QString input = path(QStringLiteral("match/in/tasks.jsonl"));
        writeFile(input, lines);

        auto window = studio(studioFile);
        QVERIFY(window);
        DialogDriver driver;
        window->importFiles({input});
        QCOMPARE(driver.reports.size(), 1);
        QVERIFY2(driver.reports.first().startsWith(QStringLiteral("Import finished")),
                 qPrintable(driver.reports.first()));
        // The studio's own connection sees the job's commit: the list has it.
        QCOMPARE(window->projectPanel()->model()->totalTasks(), qint64(2004));
        QCOMPARE(window->project()->schema().labels.size(),
                 (*Project::open(studioFile))->schema().labels.size());

        QVERIFY(runCli({QStringLiteral("import"), cliFile, input}));
        const QStringList studioRows = rowsOf(studioFile);
        QVERIFY(studioRows.size() > 2004 + 2001);  // the tasks and their annotations
        QCOMPARE(studioRows, rowsOf(cliFile));

        // And its export is the CLI's, byte for byte.
        const QString studioOut = path(QStringLiteral("match/out/studio.jsonl"));
        const QString cliOut = path(QStringLiteral("match/out/cli.jsonl"));
        QDir().mkpath(path(QStringLiteral("match/out")));
        exportFrom(*window, driver, QStringLiteral("jsonl"), studioOut);
        QVERIFY2(driver.reports.last().startsWith(QStringLiteral("Export finished")),
                 qPrintable(driver.reports.last()));
        QVERIFY(runCli({QStringLiteral("export"), studioFile, QStringLiteral("--format"),
                        QStringLiteral("jsonl"), QStringLiteral("-o"), cliOut}));
        QVERIFY(QFileInfo(studioOut).size() > 0);
        QVERIFY(readFile(studioOut) == readFile(cliOut));
    }

    // Cancel half-way through a folder export (one file per image): no
    // folder, no file and no staging folder is left, and a folder that was
    // already there keeps exactly what it held.
    void cancellingAFolderExportLeavesNothing() {
        auto window = studio(m_imageProject);
        QVERIFY(window);
        const QString out = path(QStringLiteral("exports"));
        writeFile(out + QStringLiteral("/keep.txt"), "mine\n");
        writeFile(out + QStringLiteral("/existing-voc/1.xml"), "an older export\n");
        writeFile(out + QStringLiteral("/existing-voc/notes.txt"), "mine too\n");
        const QStringList before = filesUnder(out);
        const int filesBefore = lookInto(out).files;

        for (const QString& target : {QStringLiteral("new-voc"), QStringLiteral("existing-voc")}) {
            DialogDriver driver;
            // Half-way by the files written, whatever the disk's speed: 40,000
            // files take seconds even where a file costs no flush.
            int filesSeen = 0;
            driver.cancelWhen = [&](JobProgressDialog*) {
                filesSeen = lookInto(out).files - filesBefore;
                return filesSeen >= 100;
            };
            exportFrom(*window, driver, QStringLiteral("voc"), out + QLatin1Char('/') + target);
            QVERIFY2(driver.cancelledAt >= 0 && driver.cancelledAt < 1000,
                     qPrintable(QString::number(driver.cancelledAt)));
            QVERIFY(filesSeen >= 100);
            QVERIFY2(driver.reports.isEmpty(), qPrintable(driver.reports.join(QLatin1Char('\n'))));
            QVERIFY(window->statusBar()->currentMessage().contains(QStringLiteral("cancelled")));
            QCOMPARE(filesUnder(out), before);
        }
    }

    // A single file is written through a temporary file beside it: cancelled
    // half-way, neither is left.
    void cancellingAFileExportLeavesNoFile() {
        auto window = studio(m_imageProject);
        QVERIFY(window);
        const QString out = path(QStringLiteral("file-exports"));
        writeFile(out + QStringLiteral("/keep.txt"), "mine\n");
        const QStringList before = filesUnder(out);
        DialogDriver driver;
        // A tenth of the way (the file itself cannot be watched: QSaveFile
        // writes it unnamed where the system can). 400,000 boxes take about a
        // second, and progress comes every 200 ms.
        driver.cancelWhen = [](JobProgressDialog* dialog) { return dialog->permille() >= 100; };
        exportFrom(*window, driver, QStringLiteral("coco"), out + QStringLiteral("/boxes.json"));
        QVERIFY2(driver.cancelledAt >= 100 && driver.cancelledAt < 1000,
                 qPrintable(QStringLiteral("%1 %2")
                                .arg(driver.cancelledAt)
                                .arg(driver.reports.join(QLatin1Char('\n')))));
        QVERIFY2(driver.reports.isEmpty(), qPrintable(driver.reports.join(QLatin1Char('\n'))));
        QCOMPARE(filesUnder(out), before);
    }

    // A finished folder export holds what postil-cli writes, and goes into a
    // folder that is there already without touching its other files.
    void aFinishedFolderExportMatchesTheCli() {
        auto window = studio(m_smallImageProject);
        QVERIFY(window);
        const QString studioOut = path(QStringLiteral("voc-studio/voc"));
        const QString cliOut = path(QStringLiteral("voc-cli/voc"));
        writeFile(studioOut + QStringLiteral("/notes.txt"), "mine\n");
        writeFile(cliOut + QStringLiteral("/notes.txt"), "mine\n");
        DialogDriver driver;
        exportFrom(*window, driver, QStringLiteral("voc"), studioOut);
        QCOMPARE(driver.reports.size(), 1);
        QVERIFY2(driver.reports.first().startsWith(QStringLiteral("Export finished")),
                 qPrintable(driver.reports.first()));
        QVERIFY(runCli({QStringLiteral("export"), m_smallImageProject, QStringLiteral("--format"),
                        QStringLiteral("voc"), QStringLiteral("-o"), cliOut}));
        const QStringList files = filesUnder(studioOut);
        QCOMPARE(files.size(), kSmallImageTasks + 1);
        QCOMPARE(files, filesUnder(cliOut));
        QCOMPARE(QDir(path(QStringLiteral("voc-studio")))
                     .entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList{QStringLiteral("voc")});
    }
};

QTEST_MAIN(TestLongWork)
#include "tst_longwork.moc"

// A killed import leaves the project whole: SIGKILL `postil-cli import` in the
// middle of a big file and the project still passes integrity_check, keeps
// everything committed before, and holds all of the killed import or none.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include "model/project.h"
#include "store/database.h"

using namespace postil;

namespace {

constexpr int kFirstTasks = 500;
constexpr int kBigTasks = 300000;
constexpr int kAnnotateEvery = 10;  // every tenth big task carries an annotation

QByteArray jsonlLines(const char* prefix, int count) {
    QByteArray bytes;
    bytes.reserve(qsizetype(count) * 120);
    for (int i = 0; i < count; ++i) {
        bytes += R"({"id":")";
        bytes += prefix;
        bytes += QByteArray::number(i);
        bytes += R"(","data":{"text":"record )";
        bytes += QByteArray::number(i);
        bytes += R"( of a file that is imported while the test kills the importer"})";
        if (i % kAnnotateEvery == 0)
            bytes +=
                R"(,"annotations":[{"annotator":"ann","status":"submitted","result":{"answers":{"ok":true}}}])";
        bytes += "}\n";
    }
    return bytes;
}

qint64 annotatedCount(int count) {
    return (count + kAnnotateEvery - 1) / kAnnotateEvery;
}

}  // namespace

class TestKillImport : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_base;  // the project after the first, committed import
    QString m_big;
    qint64 m_fullWal = 0;  // the WAL's largest size during an uninterrupted import
    int m_serial = 0;

    QProcessEnvironment environment() const {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        const QString home = m_dir.filePath(QStringLiteral("home"));
        env.insert(QStringLiteral("HOME"), home);
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
        env.remove(QStringLiteral("POSTIL_ANNOTATOR"));
        return env;
    }

    void startCli(QProcess& process, const QStringList& args) const {
        process.setProcessEnvironment(environment());
        process.setWorkingDirectory(m_dir.path());
        process.start(QStringLiteral(POSTIL_CLI_PATH), args);
    }

    bool runCli(const QStringList& args, QString* err = nullptr) const {
        QProcess process;
        startCli(process, args);
        const bool finished = process.waitForFinished(240000);
        if (err)
            *err = QString::fromUtf8(process.readAllStandardError());
        return finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    }

    // A copy of the committed project; the CLI closed it cleanly, so the file
    // alone (no -wal) holds everything.
    QString freshCopy() {
        const QString copy = m_dir.filePath(QStringLiteral("run%1.postil").arg(++m_serial));
        if (!QFile::copy(m_base, copy))
            return QString();
        return copy;
    }

    static qint64 count(Database& db, const QString& sql) {
        auto n = db.queryInt(sql);
        return n.ok() ? *n : -1;
    }

    static qint64 walSize(const QString& project) {
        return QFileInfo(project + QStringLiteral("-wal")).size();
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_base = m_dir.filePath(QStringLiteral("base.postil"));
        QString err;
        QVERIFY2(runCli({QStringLiteral("init"), m_base, QStringLiteral("--kind"),
                         QStringLiteral("text")},
                        &err),
                 qPrintable(err));
        const QString first = m_dir.filePath(QStringLiteral("first.jsonl"));
        QFile firstFile(first);
        QVERIFY(firstFile.open(QIODevice::WriteOnly));
        firstFile.write(jsonlLines("first-", kFirstTasks));
        firstFile.close();
        QVERIFY2(runCli({QStringLiteral("import"), m_base, first}, &err), qPrintable(err));
        QVERIFY2(!QFileInfo::exists(m_base + QStringLiteral("-wal")),
                 "the CLI should close the project cleanly");

        m_big = m_dir.filePath(QStringLiteral("big.jsonl"));
        QFile bigFile(m_big);
        QVERIFY(bigFile.open(QIODevice::WriteOnly));
        bigFile.write(jsonlLines("big-", kBigTasks));
        bigFile.close();

        // One uninterrupted import proves the whole file is importable and
        // measures how far the WAL grows: the open transaction spills its
        // pages there until the commit, so its size tells how far the import
        // got, whatever the machine's speed or load.
        const QString whole = freshCopy();
        QVERIFY(!whole.isEmpty());
        QProcess process;
        startCli(process, {QStringLiteral("import"), whole, m_big});
        QVERIFY(process.waitForStarted());
        while (!process.waitForFinished(5))
            m_fullWal = qMax(m_fullWal, walSize(whole));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());
        qInfo("full import of %d tasks: WAL up to %lld bytes", kBigTasks, m_fullWal);
        QVERIFY2(m_fullWal > 4 * 1024 * 1024, "the import is too small to be killed in the middle");
        auto project = Project::open(whole);
        QVERIFY2(project.ok(), qPrintable(project.error()));
        QCOMPARE((*project)->tasks().count(), qint64(kFirstTasks + kBigTasks));
    }

    void killMidImport_data() {
        QTest::addColumn<double>("fraction");
        QTest::addColumn<bool>("reimport");  // once is enough: it takes a full import
        QTest::newRow("early") << 0.15 << false;
        QTest::newRow("middle") << 0.5 << false;
        QTest::newRow("late") << 0.85 << true;
    }

    void killMidImport() {
        QFETCH(double, fraction);
        QFETCH(bool, reimport);
        const QString project = freshCopy();
        QVERIFY(!project.isEmpty());

        QProcess process;
        startCli(process, {QStringLiteral("import"), project, m_big});
        QVERIFY(process.waitForStarted());
        // Mid-import: still running, and the open transaction has spilled
        // this share of its pages into the WAL.
        const qint64 threshold = qint64(double(m_fullWal) * fraction);
        qint64 wal = 0;
        while (process.state() == QProcess::Running && (wal = walSize(project)) < threshold)
            QThread::msleep(2);
        QVERIFY2(process.state() == QProcess::Running,
                 "the import ended before it could be killed");
        qInfo("killing at WAL %lld bytes (%.0f%% of a full import)", wal, fraction * 100);
        process.kill();  // SIGKILL on Unix: no handler, no cleanup
        QVERIFY(process.waitForFinished());
        QCOMPARE(process.exitStatus(), QProcess::CrashExit);

        {
            auto opened = Project::open(project);
            QVERIFY2(opened.ok(), qPrintable(opened.error()));
            Database& db = (*opened)->database();
            auto integrity = db.queryText(QStringLiteral("PRAGMA integrity_check"));
            QVERIFY2(integrity.ok(), qPrintable(integrity.error()));
            QCOMPARE(*integrity, QStringLiteral("ok"));

            QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM tasks WHERE uid LIKE "
                                              "'first-%'")),
                     qint64(kFirstTasks));
            QCOMPARE(count(db, QStringLiteral("SELECT count(*) FROM annotations WHERE task_uid "
                                              "LIKE 'first-%'")),
                     annotatedCount(kFirstTasks));
            const qint64 bigTasks =
                count(db, QStringLiteral("SELECT count(*) FROM tasks WHERE uid LIKE 'big-%'"));
            const qint64 bigAnnotations = count(
                db, QStringLiteral("SELECT count(*) FROM annotations WHERE task_uid LIKE 'big-%'"));
            qInfo("after the kill: %lld of %d big tasks", bigTasks, kBigTasks);
            // All or nothing, tasks and annotations alike.
            QVERIFY2(bigTasks == 0 || bigTasks == kBigTasks, qPrintable(QString::number(bigTasks)));
            QCOMPARE(bigAnnotations, bigTasks == 0 ? 0 : annotatedCount(kBigTasks));
        }

        // The CLI agrees the file is sound, and it takes the same import again.
        QString err;
        QVERIFY2(runCli({QStringLiteral("check"), project}, &err), qPrintable(err));
        if (reimport) {
            QVERIFY2(runCli({QStringLiteral("import"), project, m_big}, &err), qPrintable(err));
            auto db = Database::open(project, Database::Mode::ReadOnly);
            QVERIFY(db.ok());
            QCOMPARE(count(**db, QStringLiteral("SELECT count(*) FROM tasks")),
                     qint64(kFirstTasks + kBigTasks));
        }
        QVERIFY(QFile::remove(project));
    }
};

QTEST_GUILESS_MAIN(TestKillImport)
#include "tst_killimport.moc"

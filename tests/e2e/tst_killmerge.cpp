// A killed merge leaves the project before or after, never between: SIGKILL
// `postil-cli merge` at moments spread over a whole merge of a big pack, and
// the project passes integrity_check and holds all of the pack's rows or none
// (docs/architecture.md "Sync by files").

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include "clirun.h"
#include "model/project.h"
#include "store/database.h"
#include "sync/packwriter.h"
#include "testsupport.h"

using namespace postil;

namespace {
constexpr int kRows = 200000;
}  // namespace

class TestKillMerge : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_lead;  // the lead's project before the merge
    QString m_pack;  // alice's rows, sent back
    int m_serial = 0;

    qint64 aliceRows(const QString& path, QString* integrity) {
        auto db = Database::open(path, Database::Mode::ReadWrite);
        if (!db.ok())
            return -1;
        if (integrity)
            *integrity = (*db)->queryText(QStringLiteral("PRAGMA integrity_check")).value();
        auto n = (*db)->queryInt(
            QStringLiteral("SELECT count(*) FROM annotations WHERE annotator = 'alice'"));
        return n.ok() ? *n : -1;
    }

    QString freshLead() {
        const QString path = m_dir.filePath(QStringLiteral("lead-%1.postil").arg(m_serial++));
        if (!QFile::copy(m_lead, path))
            qFatal("copy");
        return path;
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_lead = m_dir.filePath(QStringLiteral("lead.postil"));
        const QString work = m_dir.filePath(QStringLiteral("alice.postil"));
        {
            auto lead = makeProject(m_lead);
            addTask(*lead, QStringLiteral("t0"), TaskKind::Text,
                    QJsonObject{{QStringLiteral("text"), QStringLiteral("one task")}});
            QVERIFY(lead->database().exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")).ok());
            Statement copy = lead->database().statement(QStringLiteral("VACUUM INTO ?"));
            copy.bind(1, work);
            QVERIFY(copy.run().ok());
        }
        // Alice's project: many rows, written in one statement.
        auto alice = Project::open(work);
        QVERIFY(alice.ok());
        QVERIFY((*alice)
                    ->database()
                    .exec(QStringLiteral(
                              "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                              "WHERE i < %1) INSERT INTO annotations(task_uid, annotator, uid, "
                              "status, result, hlc, device, lineage) SELECT 'task-' || i, "
                              "'alice', 'uid-' || i, 'submitted', '{\"answers\":{\"q\":\"' || "
                              "hex(randomblob(24)) || '\"}}', 1000000 + i, 'dev-a', 'dev-a=' || "
                              "(1000000 + i) FROM n")
                              .arg(kRows))
                    .ok());
        PackBackOptions back;
        back.annotator = QStringLiteral("alice");
        back.output = m_pack = m_dir.filePath(QStringLiteral("alice-back.postilpack"));
        auto written = writePackBack(**alice, back);
        QVERIFY2(written.ok(), qPrintable(written.error()));
        QCOMPARE(written->annotations, kRows);
    }

    void killedMergeIsAllOrNothing() {
        // How long a whole merge takes here, to spread the kills over it.
        const QString whole = freshLead();
        QElapsedTimer timer;
        timer.start();
        const e2e::CliRun run = e2e::runCli(m_dir.path(), {QStringLiteral("merge"), whole, m_pack});
        const qint64 fullMs = timer.elapsed();
        QVERIFY2(run.code == 0, qPrintable(run.err));
        QCOMPARE(aliceRows(whole, nullptr), kRows);
        qInfo("a whole merge: %lld ms (process start included)", fullMs);

        int before = 0;
        int after = 0;
        for (int k = 0; k < 8; ++k) {
            const QString lead = freshLead();
            QProcess process;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home")));
            env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("home/c")));
            process.setProcessEnvironment(env);
            process.start(QStringLiteral(POSTIL_CLI_PATH), {QStringLiteral("merge"), lead, m_pack});
            QVERIFY(process.waitForStarted());
            QThread::msleep(quint64(fullMs * (k + 1) / 10));
            process.kill();  // SIGKILL: no handler, no cleanup
            process.waitForFinished();
            QString integrity;
            const qint64 rows = aliceRows(lead, &integrity);
            QCOMPARE(integrity, QStringLiteral("ok"));
            QVERIFY2(rows == 0 || rows == kRows, qPrintable(QString::number(rows)));
            (rows == 0 ? before : after) += 1;
            // Whatever state it was left in, merging again completes it.
            const e2e::CliRun again =
                e2e::runCli(m_dir.path(), {QStringLiteral("merge"), lead, m_pack});
            QVERIFY2(again.code == 0, qPrintable(again.err));
            QCOMPARE(aliceRows(lead, nullptr), kRows);
        }
        qInfo("killed merges: %d left the project before, %d after", before, after);
        QVERIFY2(before > 0, "no kill came before the commit: the test proves nothing");
    }
};

QTEST_GUILESS_MAIN(TestKillMerge)
#include "tst_killmerge.moc"

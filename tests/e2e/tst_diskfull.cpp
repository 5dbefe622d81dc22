// A full disk: the project lives on a small tmpfs that the test fills up.
// An edit in the studio's document and an import by the CLI both fail with a
// message that names the project and says the disk is full; the project stays
// whole (integrity_check), every committed edit is still there, and once space
// is freed work goes on.
#include <QtTest>

#include "document/taskdocument.h"
#include "model/project.h"
#include "scratchmount.h"
#include "testsupport.h"

using namespace postil;

namespace {

// Fills the file system holding 'folder' up to its last byte.
bool fill(const QString& file) {
    QFile filler(file);
    if (!filler.open(QIODevice::WriteOnly))
        return false;
    const QByteArray block(64 * 1024, 'x');
    while (filler.write(block) == block.size()) {
    }
    const QByteArray byte(1, 'x');
    while (filler.write(byte) == 1 && filler.flush()) {
    }
    return true;
}

}  // namespace

class TestDiskFull : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void fullDiskLosesNothing() {
        ScratchMount mount(m_dir.filePath(QStringLiteral("small")), 2 * 1024 * 1024);
        if (!mount.isMounted())
            QSKIP(qPrintable(mount.error()));
        const QString path = mount.path() + QStringLiteral("/work.postil");
        const QString filler = mount.path() + QStringLiteral("/filler.bin");

        auto project =
            makeProject(path, "{\"questions\":[{\"name\":\"notes\",\"type\":\"text\"}]}");
        for (int i = 1; i <= 20; ++i) {
            Task task;
            task.uid = QStringLiteral("t%1").arg(i);
            task.data = {{QStringLiteral("text"), QStringLiteral("text %1").arg(i)}};
            task.preview = task.data.value(QStringLiteral("text")).toString();
            QVERIFY(project->tasks().add(task).ok());
        }
        auto first = project->tasks().byUid(QStringLiteral("t1"));
        QVERIFY(first);
        auto doc = std::make_unique<TaskDocument>(*project, *first);
        doc->setAnswer(QStringLiteral("notes"), QStringLiteral("written before the disk filled"));
        QVERIFY(doc->state().exists);

        QVERIFY(fill(filler));
        // An edit that needs pages: a long answer that cannot fit anywhere.
        QSignalSpy failed(doc.get(), &TaskDocument::saveFailed);
        doc->setAnswer(QStringLiteral("notes"), QString(300000, QLatin1Char('y')));
        QCOMPARE(failed.size(), 1);
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains(QStringLiteral("full")), qPrintable(message));
        QVERIFY2(message.contains(path), qPrintable(message));
        QCOMPARE(doc->result()[QStringLiteral("answers")][QStringLiteral("notes")].toString(),
                 QStringLiteral("written before the disk filled"));

        // The CLI, on the same full disk, with the studio's connection open.
        QString big;
        for (int i = 0; i < 5000; ++i)
            big += QStringLiteral("{\"id\":\"big-%1\",\"data\":{\"text\":\"%2\"}}\n")
                       .arg(i)
                       .arg(QString(200, QLatin1Char('z')));
        const QString input = m_dir.filePath(QStringLiteral("big.jsonl"));
        writeFile(input, big.toUtf8());
        QProcess cli;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("home/c")));
        cli.setProcessEnvironment(env);
        cli.start(QStringLiteral(POSTIL_CLI_PATH), {QStringLiteral("import"), path, input});
        QVERIFY(cli.waitForFinished(120000));
        const QString err = QString::fromUtf8(cli.readAllStandardError());
        QCOMPARE(cli.exitCode(), 1);
        QVERIFY2(err.contains(path) && err.contains(QStringLiteral("full")), qPrintable(err));

        // Space again: the project is whole, holds what was committed and
        // nothing of the failed import, and takes edits.
        QVERIFY(QFile::remove(filler));
        auto integrity = project->database().queryText(QStringLiteral("PRAGMA integrity_check"));
        QCOMPARE(*integrity, QStringLiteral("ok"));
        QCOMPARE(project->tasks().count(), qint64(20));
        doc->setAnswer(QStringLiteral("notes"), QStringLiteral("after"));
        QCOMPARE(failed.size(), 1);
        doc.reset();
        project.reset();

        auto reopened = Project::open(path);
        QVERIFY2(reopened.ok(), qPrintable(reopened.error()));
        auto row = (*reopened)->annotations().get(QStringLiteral("t1"), (*reopened)->annotator());
        QVERIFY(row);
        QCOMPARE(row->result[QStringLiteral("answers")][QStringLiteral("notes")].toString(),
                 QStringLiteral("after"));
        QCOMPARE((*reopened)->tasks().count(), qint64(20));
    }
};

QTEST_GUILESS_MAIN(TestDiskFull)
#include "tst_diskfull.moc"

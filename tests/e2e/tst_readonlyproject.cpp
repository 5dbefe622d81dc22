// A project on a medium that cannot be written (a read-only mount, as a
// read-only share or a locked USB stick would be): the studio and the CLI open
// it read-only and say so, every write is refused with the project's name,
// and nothing is left beside it (-wal, -shm) that would get in the way later.
#include <QAction>
#include <QLabel>
#include <QtTest>

#include "model/project.h"
#include "scratchmount.h"
#include "shell/mainwindow.h"
#include "testsupport.h"
#include "widgettestsupport.h"

using namespace postil;

class TestReadOnlyProject : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    struct Run {
        int code = -1;
        QString out;
        QString err;
    };

    Run cli(const QStringList& args) {
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("HOME"), m_dir.filePath(QStringLiteral("home")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_dir.filePath(QStringLiteral("home/c")));
        process.setProcessEnvironment(env);
        process.start(QStringLiteral(POSTIL_CLI_PATH), args);
        Run run;
        if (!process.waitForFinished(60000))
            return run;
        run.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
        run.out = QString::fromUtf8(process.readAllStandardOutput());
        run.err = QString::fromUtf8(process.readAllStandardError());
        return run;
    }

    static QStringList folderEntries(const QString& folder) {
        return QDir(folder).entryList(QDir::Files | QDir::Hidden | QDir::System, QDir::Name);
    }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        isolateSettings(m_dir.filePath(QStringLiteral("settings")));
    }

    void readOnlyMediumOpensReadOnly() {
        ScratchMount mount(m_dir.filePath(QStringLiteral("medium")), 4 * 1024 * 1024);
        if (!mount.isMounted())
            QSKIP(qPrintable(mount.error()));
        const QString path = mount.path() + QStringLiteral("/shared.postil");
        {
            auto project =
                makeProject(path, "{\"questions\":[{\"name\":\"ok\",\"type\":\"flag\"}]}");
            Task task;
            task.uid = QStringLiteral("t1");
            task.data = {{QStringLiteral("text"), QStringLiteral("hello")}};
            task.preview = QStringLiteral("hello");
            QVERIFY(project->tasks().add(task).ok());
            Annotation a;
            a.taskUid = QStringLiteral("t1");
            a.annotator = QStringLiteral("ana");
            a.status = AnnotationStatus::Submitted;
            a.result = {{QStringLiteral("answers"), QJsonObject{{QStringLiteral("ok"), true}}}};
            QVERIFY(project->saveAnnotation(a).ok());
        }
        QCOMPARE(folderEntries(mount.path()), QStringList{QStringLiteral("shared.postil")});
        QVERIFY2(mount.setReadOnly(true), qPrintable(mount.error()));

        // Core: reads work, writes say which project and why, and nothing is
        // made beside the file.
        {
            auto project = Project::open(path);
            QVERIFY2(project.ok(), qPrintable(project.error()));
            QVERIFY((*project)->isReadOnly());
            QCOMPARE((*project)->tasks().count(), qint64(1));
            auto row = (*project)->annotations().get(QStringLiteral("t1"), QStringLiteral("ana"));
            QVERIFY(row && row->result[QStringLiteral("answers")][QStringLiteral("ok")].toBool());
            Annotation change = *row;
            change.status = AnnotationStatus::Draft;
            Status saved = (*project)->saveAnnotation(change);
            QVERIFY(!saved.ok());
            QVERIFY2(
                saved.error().contains(path) && saved.error().contains(QStringLiteral("read-only")),
                qPrintable(saved.error()));
        }
        QCOMPARE(folderEntries(mount.path()), QStringList{QStringLiteral("shared.postil")});

        // The CLI: reading commands work; a write names the project, not the input.
        const QString input = m_dir.filePath(QStringLiteral("more.jsonl"));
        writeFile(input, "{\"id\":\"t2\",\"data\":{\"text\":\"more\"}}\n");
        Run imported = cli({QStringLiteral("import"), path, input});
        QCOMPARE(imported.code, 1);
        QVERIFY2(imported.err.startsWith(path + QStringLiteral(": the project is read-only")),
                 qPrintable(imported.err));
        Run stats = cli({QStringLiteral("stats"), path});
        QVERIFY2(stats.code == 0, qPrintable(stats.err));
        const QString out = m_dir.filePath(QStringLiteral("out.jsonl"));
        Run exported = cli({QStringLiteral("export"), path, QStringLiteral("--format"),
                            QStringLiteral("jsonl"), QStringLiteral("-o"), out});
        QVERIFY2(exported.code == 0, qPrintable(exported.err));
        QVERIFY(readFile(out).contains("\"t1\""));
        QCOMPARE(folderEntries(mount.path()), QStringList{QStringLiteral("shared.postil")});

        // The studio: says so, and offers nothing that writes.
        {
            MainWindow window;
            QVERIFY(showActive(&window, QSize(1366, 768)));
            QVERIFY(window.openProject(path));
            QVERIFY2(window.windowTitle().contains(QStringLiteral("read-only")),
                     qPrintable(window.windowTitle()));
            auto* banner = window.findChild<QLabel*>(QStringLiteral("readOnlyBanner"));
            QVERIFY(banner && banner->isVisible());
            for (const char* id : {"task.submit", "task.skip", "file.import", "file.settings"}) {
                auto* action = window.findChild<QAction*>(QLatin1String(id));
                QVERIFY2(action && !action->isEnabled(), id);
            }
            QVERIFY(window.findChild<QAction*>(QStringLiteral("file.export"))->isEnabled());
            QTest::keyClick(&window, Qt::Key_1, Qt::AltModifier);
            QTest::keyClick(&window, Qt::Key_Return, Qt::ControlModifier);
            window.close();
        }
        QCOMPARE(folderEntries(mount.path()), QStringList{QStringLiteral("shared.postil")});

        // Writable again: opens as usual, with the answer as it was.
        QVERIFY2(mount.setReadOnly(false), qPrintable(mount.error()));
        auto project = Project::open(path);
        QVERIFY2(project.ok(), qPrintable(project.error()));
        QVERIFY(!(*project)->isReadOnly());
        auto row = (*project)->annotations().get(QStringLiteral("t1"), QStringLiteral("ana"));
        QVERIFY(row);
        QCOMPARE(toString(row->status), QStringLiteral("submitted"));
    }
};

QTEST_MAIN(TestReadOnlyProject)
#include "tst_readonlyproject.moc"

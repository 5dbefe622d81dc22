// Edits survive file dialogs and postil-cli runs against an open project, and
// a kill -9 after them.
//
// The studio runs in a child process (this executable with --studio), driven
// through its standard input: answer and submit, open the real file dialogs
// (with the project's folder shown) and cancel them, open and close the
// project's files the way other code in the process might. After each step the
// test checks from outside that the studio still holds its SQLite locks (Linux),
// runs postil-cli stats, export and import on the same file, and at the end
// types a text answer, pauses as briefly as the typing's debounce allows, kills
// the studio and finds every submitted answer and the typed text in the project.
#include <QCryptographicHash>
#include <QDialog>
#include <QFileDialog>
#include <QMessageBox>
#include <QMimeDatabase>
#include <QSocketNotifier>
#include <QThread>
#include <QtTest>

#include "document/taskdocument.h"
#include "model/project.h"
#include "shell/mainwindow.h"
#include "shell/projectpanel.h"
#include "shell/tasklistmodel.h"
#include "shell/taskworkspace.h"
#include "studiodriver.h"
#include "testsupport.h"
#include "widgets/questionform.h"

#ifdef Q_OS_LINUX
#include <fcntl.h>
#include <unistd.h>
#endif

using namespace postil;

namespace {

const QByteArray kSchema =
    "{\"questions\":[{\"name\":\"intent\",\"type\":\"single\",\"options\":[\"billing\","
    "\"refund\",\"other\"],\"required\":true},{\"name\":\"notes\",\"type\":\"text\"}]}";
// A text answer is written this long after the last keystroke
// (widgets/textdebouncer); a kill after that pause must find it. The margin
// is for a loaded machine's timers.
constexpr int kTypingPauseMs = 300;
constexpr int kMarginMs = 300;
const QStringList kOptions{QStringLiteral("billing"), QStringLiteral("refund"),
                           QStringLiteral("other")};

// ---- The studio side (child process) ----

// Closes the modal dialogs that an action opens: a file dialog after it has
// shown the project's folder for a while (its file model and icon provider
// have looked at every file by then), any other dialog by accepting it (the
// export dialog's format page leads on to the file dialog).
class DialogCloser : public QObject {
public:
    DialogCloser() {
        m_timer.setInterval(50);
        connect(&m_timer, &QTimer::timeout, this, &DialogCloser::poll);
        m_timer.start();
    }

private:
    void poll() {
        QWidget* modal = QApplication::activeModalWidget();
        auto* dialog = qobject_cast<QDialog*>(modal);
        if (!dialog) {
            m_seen = nullptr;
            return;
        }
        if (dialog != m_seen) {
            m_seen = dialog;
            m_since.start();
            return;
        }
        if (qobject_cast<QFileDialog*>(dialog)) {
            if (m_since.elapsed() > 1500)
                dialog->reject();
        } else if (m_since.elapsed() > 100) {
            dialog->accept();
        }
    }

    QTimer m_timer;
    QPointer<QDialog> m_seen;
    QElapsedTimer m_since;
};

class LostEditsDriver : public e2e::StudioDriver {
public:
    explicit LostEditsDriver(MainWindow& window) : StudioDriver(window) {
        reply("ready " + currentUid());
    }

private:
    QByteArray currentUid() const {
        TaskDocument* doc = m_window.workspace()->document();
        return doc ? doc->task().uid.toUtf8() : QByteArray("-");
    }

    void run(const QByteArray& line) override {
        const QList<QByteArray> words = line.split(' ');
        const QByteArray& command = words.value(0);
        if (command == "submit") {  // submit DIGIT: answer the question, submit, move on
            // Alt+digit: the text editor's bare digits place its labels.
            press(Qt::Key_0 + words.value(1).toInt(), Qt::AltModifier);
            press(Qt::Key_Return, Qt::ControlModifier);
            QWidget* focus = QApplication::focusWidget();
            qInfo("studio: focus on %s, active window %s",
                  focus ? focus->metaObject()->className() : "nothing",
                  QApplication::activeWindow() ? "yes" : "none");
            reply("ok " + currentUid());
        } else if (command == "type") {  // type TEXT: into the notes question, no Escape
            m_window.workspace()->questionForm()->setActiveQuestion(1);
            press(Qt::Key_F2);  // question.edit
            QTest::keyClicks(QApplication::focusWidget(), QString::fromUtf8(line.mid(5)));
            QCoreApplication::processEvents();
            reply("ok " + currentUid());
        } else if (command == "action") {  // action OBJECTNAME|TEXT: run it, close its dialogs
            m_window.activateWindow();
            const QByteArray name = line.mid(command.size() + 1);
            QAction* action = findAction(QString::fromUtf8(name));
            if (!action) {
                reply("error no action " + name);
                return;
            }
            DialogCloser closer;
            action->trigger();
            QCoreApplication::processEvents();
            reply("ok " + currentUid());
        } else if (command == "touch") {  // other code of the process reads the files
            const QString path = m_window.project()->path();
            for (const QString& file :
                 {path, path + QStringLiteral("-wal"), path + QStringLiteral("-shm")}) {
                QFile f(file);
                if (f.open(QIODevice::ReadOnly)) {
                    QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
                    f.close();
                }
                (void)QMimeDatabase().mimeTypeForFile(file, QMimeDatabase::MatchContent);
            }
            reply("ok " + currentUid());
        } else if (command == "tasks") {  // how many tasks the task list shows
            reply("tasks " + QByteArray::number(m_window.projectPanel()->model()->totalTasks()));
        } else {
            reply("error unknown command " + command);
        }
    }

    QAction* findAction(const QString& name) const {
        for (QAction* action : m_window.findChildren<QAction*>())
            if (action->objectName() == name || action->text().remove(QLatin1Char('&')) == name)
                return action;
        return nullptr;
    }
};

int runStudio(int argc, char** argv) {
    return e2e::runDrivenStudio<LostEditsDriver>(argc, argv);
}

// ---- Looking from outside (the test process) ----

#ifdef Q_OS_LINUX
// SQLite's unix VFS: a reader holds a read lock on the database file's shared
// range, and every connection a read lock on the -shm file's "dead man switch"
// byte while it has the WAL index mapped.
constexpr off_t kSharedFirst = 0x40000000 + 2;
constexpr off_t kSharedSize = 510;
constexpr off_t kShmDeadManSwitch = 120 + 8;

// Whether another process holds a lock that would block a write lock on the
// range: what postil-cli's SQLite asks before it checkpoints and deletes the WAL.
bool lockedByOthers(const QString& path, off_t start, off_t length) {
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    struct flock probe = {};
    probe.l_type = F_WRLCK;
    probe.l_whence = SEEK_SET;
    probe.l_start = start;
    probe.l_len = length;
    const int rc = ::fcntl(fd, F_GETLK, &probe);
    ::close(fd);  // this process holds no lock on it: closing drops nothing
    return rc == 0 && probe.l_type != F_UNLCK;
}
#endif

}  // namespace

class TestLostEdits : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QProcess m_studio;
    QString m_path;
    QHash<QString, QString> m_submitted;  // task uid -> answer the file must hold

    QProcessEnvironment environment() const {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        const QString home = m_dir.filePath(QStringLiteral("home"));
        env.insert(QStringLiteral("HOME"), home);
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("USER"), QStringLiteral("ana"));
        return env;
    }

    QByteArray readReply() {
        while (!m_studio.canReadLine()) {
            if (!m_studio.waitForReadyRead(60000))
                return "error: the studio did not answer";
        }
        return m_studio.readLine().trimmed();
    }

    QByteArray send(const QByteArray& command) {
        m_studio.write(command + '\n');
        return readReply();
    }

    bool cli(const QStringList& args, QString* err) {
        QProcess process;
        process.setProcessEnvironment(environment());
        process.start(QStringLiteral(POSTIL_CLI_PATH), args);
        const bool finished = process.waitForFinished(120000);
        *err = QString::fromUtf8(process.readAllStandardError());
        return finished && process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    }

    // Answers the studio's current task with option 'digit', submits it and
    // returns the task the studio moved on to.
    QByteArray submitCurrent(const QByteArray& currentUid, int digit) {
        const QByteArray reply = send("submit " + QByteArray::number(digit));
        if (!reply.startsWith("ok ") || reply.mid(3) == currentUid) {
            qWarning("submitting %s: %s", currentUid.constData(), reply.constData());
            return QByteArray();
        }
        m_submitted.insert(QString::fromUtf8(currentUid), kOptions.value(digit - 1));
        return reply.mid(3);
    }

    // Empty while the studio still holds its locks, else what is gone.
    QString lostLocks(const char* after) const {
#ifdef Q_OS_LINUX
        const QString when = QString::fromLatin1(after);
        if (!lockedByOthers(m_path, kSharedFirst, kSharedSize))
            return QStringLiteral("the studio's lock on the project is gone after %1").arg(when);
        if (!lockedByOthers(m_path + QStringLiteral("-shm"), kShmDeadManSwitch, 1))
            return QStringLiteral("the studio's lock on the -shm file is gone after %1").arg(when);
#else
        Q_UNUSED(after);
#endif
        return QString();
    }

    // What another process does with the project while the studio has it open.
    void runCliAgainstOpenProject(int round) {
        QString err;
        QVERIFY2(cli({QStringLiteral("stats"), m_path}, &err), qPrintable(err));
        const QString out = m_dir.filePath(QStringLiteral("export%1.jsonl").arg(round));
        QVERIFY2(cli({QStringLiteral("export"), m_path, QStringLiteral("--format"),
                      QStringLiteral("jsonl"), QStringLiteral("-o"), out,
                      QStringLiteral("--status"), QStringLiteral("all")},
                     &err),
                 qPrintable(err));
        QVERIFY2(QFileInfo::exists(m_path + QStringLiteral("-wal")),
                 "postil-cli removed the WAL the studio is writing into");
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("work/studio.postil"));
        auto project = makeProject(m_path, kSchema);
        Transaction tx(project->database());
        for (int i = 1; i <= 8; ++i) {
            Task task;
            task.uid = QStringLiteral("msg-%1").arg(i);
            task.data = {{QStringLiteral("text"), QStringLiteral("Message number %1").arg(i)}};
            task.preview = task.data.value(QStringLiteral("text")).toString();
            QVERIFY((*project).tasks().add(task).ok());
        }
        QVERIFY(tx.commit().ok());
        // Something for the file dialogs to show beside the project.
        writeFile(m_dir.filePath(QStringLiteral("work/notes.txt")), "notes\n");
    }

    void cleanupTestCase() {
        if (m_studio.state() != QProcess::NotRunning) {
            m_studio.kill();
            m_studio.waitForFinished();
        }
    }

    void editsSurviveDialogsCliAndKill() {
        m_studio.setProcessEnvironment(environment());
        m_studio.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_studio.start(QCoreApplication::applicationFilePath(),
                       {QStringLiteral("--studio"), m_path});
        QVERIFY(m_studio.waitForStarted());
        QByteArray reply = readReply();
        QCOMPARE(reply, QByteArray("ready msg-1"));
        QVERIFY2(lostLocks("opening the project").isEmpty(),
                 qPrintable(lostLocks("opening the project")));

        int digit = 1;
        QByteArray current = submitCurrent("msg-1", digit);
        QCOMPARE(current, QByteArray("msg-2"));

        const QList<QPair<QByteArray, const char*>> steps{
            {"action file.import", "the Import dialog"},
            {"action Import Folder…", "the Import Folder dialog"},
            {"action file.export", "the Export dialogs"},
            {"action file.open", "the Open dialog"},
            {"touch", "other code reading the project's files"},
        };
        int round = 0;
        for (const auto& [command, what] : steps) {
            reply = send(command);
            QVERIFY2(reply == "ok " + current, reply.constData());
            QVERIFY2(lostLocks(what).isEmpty(), qPrintable(lostLocks(what)));
            runCliAgainstOpenProject(++round);
            if (QTest::currentTestFailed())
                return;
            QVERIFY2(lostLocks(what).isEmpty(), qPrintable(lostLocks(what)));
            digit = digit % 3 + 1;
            const QByteArray next = submitCurrent(current, digit);
            QVERIFY2(!next.isEmpty(), "the studio did not submit and move on");
            current = next;
        }

        // An import by the CLI while the studio is open lands, and the task
        // list shows it within the watcher's interval.
        const QString more = m_dir.filePath(QStringLiteral("more.jsonl"));
        writeFile(more,
                  "{\"id\":\"cli-1\",\"data\":{\"text\":\"From the CLI\"}}\n"
                  "{\"id\":\"cli-2\",\"data\":{\"text\":\"Also from the CLI\"}}\n");
        QString err;
        QVERIFY2(cli({QStringLiteral("import"), m_path, more}, &err), qPrintable(err));
        QTRY_COMPARE_WITH_TIMEOUT(send("tasks"), QByteArray("tasks 10"), 5000);
        QVERIFY2(lostLocks("a postil-cli import").isEmpty(),
                 qPrintable(lostLocks("a postil-cli import")));
        current = submitCurrent(current, digit % 3 + 1);
        QVERIFY(!current.isEmpty());

        // Typing, then a pause no longer than the typing's debounce, then the kill.
        reply = send("type typed just before the kill");
        QVERIFY2(reply == "ok " + current, reply.constData());
        QThread::msleep(kTypingPauseMs + kMarginMs);

        m_studio.kill();  // SIGKILL: no handler, no clean close
        QVERIFY(m_studio.waitForFinished());

        auto project = Project::open(m_path);
        QVERIFY2(project.ok(), qPrintable(project.error()));
        auto integrity = (*project)->database().queryText(QStringLiteral("PRAGMA integrity_check"));
        QCOMPARE(*integrity, QStringLiteral("ok"));
        QCOMPARE((*project)->tasks().count(), qint64(10));
        QCOMPARE(m_submitted.size(), 7);
        for (auto it = m_submitted.cbegin(); it != m_submitted.cend(); ++it) {
            auto row = (*project)->annotations().get(it.key(), QStringLiteral("ana"));
            QVERIFY2(row && !row->deleted,
                     qPrintable(QStringLiteral("the answer to %1 is lost").arg(it.key())));
            QCOMPARE(toString(row->status), QStringLiteral("submitted"));
            QCOMPARE(row->result[QStringLiteral("answers")][QStringLiteral("intent")].toString(),
                     it.value());
        }
        auto typed =
            (*project)->annotations().get(QString::fromUtf8(current), QStringLiteral("ana"));
        QVERIFY2(typed && !typed->deleted, "the text typed before the kill is lost");
        QCOMPARE(typed->result[QStringLiteral("answers")][QStringLiteral("notes")].toString(),
                 QStringLiteral("typed just before the kill"));
    }
};

int main(int argc, char** argv) {
    if (argc > 2 && qstrcmp(argv[1], "--studio") == 0)
        return runStudio(argc, argv);
    QApplication app(argc, argv);
    TestLostEdits test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_lostedits.moc"

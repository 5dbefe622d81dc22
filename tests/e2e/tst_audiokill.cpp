// An audio task's transcript survives a kill -9 a moment after the typing.
//
// The studio runs in a child process (this executable with --studio) on a
// project with one audio task, driven through its standard input: it cuts a
// segment from the keyboard (Ctrl+M, F2, Ctrl+M, as a transcriber would),
// types its text and answers "ok"; the test waits no longer than the
// typing's debounce allows, kills the studio (SIGKILL) and reads the project
// file: the segment and every character typed are there.
#include <QApplication>
#include <QSocketNotifier>
#include <QThread>
#include <QtTest>

#include "document/taskdocument.h"
#include "model/project.h"
#include "shell/mainwindow.h"
#include "shell/taskworkspace.h"
#include "studiodriver.h"
#include "testsupport.h"

using namespace postil;

namespace {

const QByteArray kSchema = R"({"labels": [{"name": "Ana", "kinds": ["audio"]},
                                          {"name": "Ben", "kinds": ["audio"]}]})";
// Typing is written 300 ms after the last key (widgets/textdebouncer); the
// margin is for a loaded machine's timers. Well within a second.
constexpr int kTypingPauseMs = 300;
constexpr int kMarginMs = 300;

class AudioKillDriver : public e2e::StudioDriver {
public:
    explicit AudioKillDriver(MainWindow& window) : StudioDriver(window) {
        TaskDocument* doc = m_window.workspace()->document();
        reply("ready " + (doc ? doc->task().uid.toUtf8() : QByteArray("-")));
    }

private:
    void run(const QByteArray& line) override {
        if (line.startsWith("cut ")) {  // cut TEXT: a segment at the playhead, typed
            m_window.workspace()->focusEditor();
            press(Qt::Key_M, Qt::ControlModifier);  // audio.mark: the start
            press(Qt::Key_F2);                      // audio.forward
            press(Qt::Key_M, Qt::ControlModifier);  // the end: the segment
            QWidget* focus = QApplication::focusWidget();
            QTest::keyClicks(focus, QString::fromUtf8(line.mid(4)));
            QCoreApplication::processEvents();
            reply(QByteArray("ok ") + (focus ? focus->objectName().toUtf8() : "nothing"));
        } else {
            reply("error unknown command " + line);
        }
    }
};

int runStudio(int argc, char** argv) {
    return e2e::runDrivenStudio<AudioKillDriver>(argc, argv);
}

}  // namespace

class TestAudioKill : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QProcess m_studio;

private Q_SLOTS:
    void cleanupTestCase() {
        if (m_studio.state() != QProcess::NotRunning) {
            m_studio.kill();
            m_studio.waitForFinished();
        }
    }

    void typedTranscriptSurvivesKill() {
        QVERIFY(m_dir.isValid());
        const QString path = m_dir.filePath(QStringLiteral("work/audio.postil"));
        auto project = makeProject(path, kSchema);
        QVERIFY(writeWav(m_dir.filePath(QStringLiteral("work/talk.wav")), 16000, 1, 8 * 16000));
        const Task task = addTask(*project, QStringLiteral("talk"), TaskKind::Audio,
                                  {{QStringLiteral("audio"), QStringLiteral("talk.wav")}});
        project.reset();

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        const QString home = m_dir.filePath(QStringLiteral("home"));
        env.insert(QStringLiteral("HOME"), home);
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home + QStringLiteral("/config"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home + QStringLiteral("/data"));
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("USER"), QStringLiteral("ana"));
        m_studio.setProcessEnvironment(env);
        m_studio.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_studio.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--studio"), path});
        QVERIFY(m_studio.waitForStarted());
        auto readReply = [this]() -> QByteArray {
            while (!m_studio.canReadLine())
                if (!m_studio.waitForReadyRead(60000))
                    return "error: the studio did not answer";
            return m_studio.readLine().trimmed();
        };
        QCOMPARE(readReply(), QByteArray("ready talk"));
        m_studio.write("cut typed just before the kill\n");
        QCOMPARE(readReply(), QByteArray("ok segmentText"));
        QThread::msleep(kTypingPauseMs + kMarginMs);
        m_studio.kill();  // SIGKILL: no handler, no clean close
        QVERIFY(m_studio.waitForFinished());

        auto reopened = Project::open(path);
        QVERIFY2(reopened.ok(), qPrintable(reopened.error()));
        auto row = (*reopened)->annotations().get(task.uid, QStringLiteral("ana"));
        QVERIFY2(row && !row->deleted, "the segment made before the kill is lost");
        const QJsonArray segments = row->result.value(QStringLiteral("segments")).toArray();
        QCOMPARE(segments.size(), 1);
        const QJsonObject segment = segments[0].toObject();
        QCOMPARE(segment.value(QStringLiteral("start_ms")).toInteger(), 0);
        QVERIFY(segment.value(QStringLiteral("end_ms")).toInteger() > 0);
        QCOMPARE(segment.value(QStringLiteral("speaker")).toString(), QStringLiteral("Ana"));
        QCOMPARE(segment.value(QStringLiteral("text")).toString(),
                 QStringLiteral("typed just before the kill"));
    }
};

int main(int argc, char** argv) {
    if (argc > 2 && qstrcmp(argv[1], "--studio") == 0)
        return runStudio(argc, argv);
    QApplication app(argc, argv);
    TestAudioKill test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_audiokill.moc"

#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QSet>
#include <QString>
#include <QTimer>
#include <functional>
#include <memory>

#include "assist/assisttask.h"
#include "store/status.h"

namespace postil {

// The model's command as a child process: /bin/sh -c COMMAND in the project's
// folder, in a process group of its own (platform/processgroup) so that a
// timeout ends the interpreter the shell started too. What it prints is
// bounded: its answers (kMaxAnswerBytes a task or line) and the end of its
// standard error (kStderrTailBytes), which failures quote.
class CommandProcess {
public:
    static constexpr qint64 kMaxAnswerBytes = 32 * 1024 * 1024;
    static constexpr qsizetype kStderrTailBytes = 4096;

    CommandProcess(const QString& command, const QString& folder);
    ~CommandProcess();
    CommandProcess(const CommandProcess&) = delete;
    CommandProcess& operator=(const CommandProcess&) = delete;

    QProcess& process() { return *m_process; }
    void start();
    // Ends the command and everything it started; waits for the shell.
    void kill();
    bool running() const { return m_process->state() != QProcess::NotRunning; }
    // The last lines of standard error since start(), trimmed; empty for none.
    QString stderrTail();
    // "exit code 2", "killed by a signal", "could not start: ...".
    QString howItEnded() const;

private:
    void readStderr();

    std::unique_ptr<QProcess> m_process;
    QString m_command;
    QString m_folder;
    QByteArray m_stderr;
    qint64 m_groupId = 0;
};

// What came back for one task: the answer object, or why there is none
// (the reason first, then the command's standard error on further lines).
struct AssistOutcome {
    QString uid;
    Expected<QJsonObject> answer = QJsonObject();
};

// Per-task mode: one process per task, which reads the task's line and
// answers with one JSON object, then ends.
class TaskProcess {
public:
    using Done = std::function<void(TaskProcess&, AssistOutcome)>;
    TaskProcess(const QString& command, const QString& folder, int timeoutMs, Done done);

    void start(const AssistTask& task);
    bool busy() const { return m_busy; }
    // Ends a running task without reporting it (a cancelled run).
    void abandon();

private:
    void finish(Expected<QJsonObject> answer);
    void onFinished();

    CommandProcess m_command;
    QTimer m_timer;
    int m_timeoutMs;
    Done m_done;
    QString m_uid;
    QByteArray m_stdout;
    bool m_busy = false;
};

// Batch mode: the command is started once and reads task lines as long as
// there are tasks; it answers with lines {"id", "result"} in any order. A
// window of tasks is sent ahead (kWindowTasks, kWindowBytes), so memory stays
// flat however many tasks there are and a fast model is never starved.
//
// The timeout is the longest the command may go without answering while
// tasks wait: then the task sent longest ago fails, the command is ended and
// started again, and the other waiting tasks are sent again. So do the tasks
// the command left unanswered when it ended: the oldest fails with how it
// ended, the rest go to a new start. Three starts in a row that answer
// nothing fail every task left (a command that cannot start).
class BatchProcess {
public:
    static constexpr int kWindowTasks = 64;
    static constexpr qint64 kWindowBytes = 4 * 1024 * 1024;
    static constexpr int kMaxFruitlessStarts = 3;

    using Done = std::function<void(AssistOutcome)>;
    // A line of output that answers no task waiting (not JSON, an unknown id).
    using Problem = std::function<void(const QString&)>;
    // Room in the window: send() more, or finishInput() when there is none.
    using Hungry = std::function<void()>;
    BatchProcess(const QString& command, const QString& folder, int timeoutMs, Done done,
                 Problem problem, Hungry hungry);

    bool hasRoom() const;
    void send(const AssistTask& task);
    // Every task was answered or failed: closes the command's input and gives
    // it kCloseGraceMs to end before it is ended.
    void close();
    void abandon();
    static constexpr int kCloseGraceMs = 5000;

private:
    struct Waiting {
        QString uid;
        QByteArray line;
    };
    void startCommand();
    void onOutput();
    void onLine(const QByteArray& line);
    void onFinished();
    void onTimeout();
    void failOldest(const QString& reason);
    void restartFor(const QString& reason);
    void resetTimer();

    CommandProcess m_command;
    QTimer m_timer;
    int m_timeoutMs;
    Done m_done;
    Problem m_problem;
    Hungry m_hungry;
    QList<Waiting> m_waiting;  // sent, in the order sent
    QSet<QString> m_waitingUids;
    qint64 m_waitingBytes = 0;
    QByteArray m_partial;  // output after the last line end
    qint64 m_lineNumber = 0;
    bool m_ending = false;  // this side ends the command: its end is no news
    QString m_givenUp;      // why no task can be answered any more
    int m_fruitlessStarts = 0;
    bool m_answeredSinceStart = false;
};

}  // namespace postil

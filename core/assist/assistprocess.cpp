#include "assist/assistprocess.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include "platform/processgroup.h"

namespace postil {

namespace {

// A failure's text: the reason, then the command's last words, if any.
QString withStderr(const QString& reason, const QString& stderrTail) {
    return stderrTail.isEmpty() ? reason : QStringLiteral("%1\nstderr: %2").arg(reason, stderrTail);
}

// The first bytes of what the command printed, for a message.
QString excerpt(const QByteArray& bytes) {
    constexpr int kChars = 120;
    QString text = QString::fromUtf8(bytes.left(kChars * 4)).simplified();
    if (text.size() > kChars)
        text = text.left(kChars) + QStringLiteral("…");
    return text;
}

Expected<QJsonObject> parseObject(const QByteArray& bytes, const QString& what) {
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        return Status::failure(QStringLiteral("%1 is not JSON (%2 at byte %3): %4")
                                   .arg(what, error.errorString())
                                   .arg(error.offset)
                                   .arg(excerpt(bytes)));
    if (!doc.isObject())
        return Status::failure(
            QStringLiteral("%1 is not a JSON object: %2").arg(what, excerpt(bytes)));
    return doc.object();
}

QString seconds(int ms) {
    return QString::number(ms / 1000.0, 'g', 6);
}

}  // namespace

// ------------------------------------------------------------------ CommandProcess

CommandProcess::CommandProcess(const QString& command, const QString& folder)
    : m_process(std::make_unique<QProcess>()), m_command(command), m_folder(folder) {
    QObject::connect(m_process.get(), &QProcess::readyReadStandardError, m_process.get(),
                     [this] { readStderr(); });
}

CommandProcess::~CommandProcess() {
    // No signal may reach an owner that is being destroyed.
    m_process->disconnect();
    kill();
}

void CommandProcess::start() {
    m_stderr.clear();
    m_process->setWorkingDirectory(m_folder);
    startsOwnProcessGroup(*m_process);
    m_process->start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), m_command});
    m_groupId = m_process->waitForStarted(-1) ? m_process->processId() : 0;
}

void CommandProcess::kill() {
    killProcessGroup(m_groupId);
    m_groupId = 0;
    if (m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(2000);
    }
}

void CommandProcess::readStderr() {
    m_stderr += m_process->readAllStandardError();
    if (m_stderr.size() > kStderrTailBytes)
        m_stderr = m_stderr.right(kStderrTailBytes);
}

QString CommandProcess::stderrTail() {
    // What is still in the pipe counts too (the process may have just ended).
    readStderr();
    QString text = QString::fromUtf8(m_stderr).trimmed();
    // Tracebacks end with what matters: keep the last lines, ten at most.
    QStringList lines = text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    if (lines.size() > 10)
        lines = lines.mid(lines.size() - 10);
    for (QString& line : lines)
        line = line.trimmed();
    return lines.join(QStringLiteral(" | "));
}

QString CommandProcess::howItEnded() const {
    if (m_process->error() == QProcess::FailedToStart)
        return QStringLiteral("could not start (%1)").arg(m_process->errorString());
    if (m_process->exitStatus() == QProcess::CrashExit)
        return QStringLiteral("was killed by a signal");
    return QStringLiteral("exit code %1").arg(m_process->exitCode());
}

// ------------------------------------------------------------------ TaskProcess

TaskProcess::TaskProcess(const QString& command, const QString& folder, int timeoutMs, Done done)
    : m_command(command, folder), m_timeoutMs(timeoutMs), m_done(std::move(done)) {
    m_timer.setSingleShot(true);
    QProcess* process = &m_command.process();
    QObject::connect(&m_timer, &QTimer::timeout, process, [this] {
        const QString tail = m_command.stderrTail();
        m_busy = false;  // its end, which the kill brings, is no news
        m_command.kill();
        finish(Status::failure(
            withStderr(QStringLiteral("no answer within %1 s").arg(seconds(m_timeoutMs)), tail)));
    });
    QObject::connect(process, &QProcess::readyReadStandardOutput, process, [this] {
        if (!m_busy)
            return;
        m_stdout += m_command.process().readAllStandardOutput();
        if (m_stdout.size() > CommandProcess::kMaxAnswerBytes) {
            m_busy = false;
            m_command.kill();
            finish(Status::failure(QStringLiteral("the answer is longer than %1 MB")
                                       .arg(CommandProcess::kMaxAnswerBytes >> 20)));
        }
    });
    QObject::connect(process, &QProcess::finished, process, [this] { onFinished(); });
    QObject::connect(process, &QProcess::errorOccurred, process, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            onFinished();
    });
}

void TaskProcess::start(const AssistTask& task) {
    m_busy = true;
    m_uid = task.task.uid;
    m_stdout.clear();
    m_command.start();
    if (!m_busy)  // failed to start, and said so
        return;
    m_command.process().write(task.line);
    m_command.process().closeWriteChannel();
    m_timer.start(m_timeoutMs);
}

void TaskProcess::onFinished() {
    if (!m_busy)
        return;  // ended by this side, already reported
    m_timer.stop();
    QProcess& process = m_command.process();
    m_stdout += process.readAllStandardOutput();
    const QString tail = m_command.stderrTail();
    if (process.error() == QProcess::FailedToStart ||
        process.exitStatus() != QProcess::NormalExit || process.exitCode() != 0) {
        finish(Status::failure(withStderr(
            QStringLiteral("the command failed (%1)").arg(m_command.howItEnded()), tail)));
        return;
    }
    if (m_stdout.trimmed().isEmpty()) {
        finish(Status::failure(withStderr(QStringLiteral("the command printed nothing"), tail)));
        return;
    }
    auto answer = parseObject(m_stdout, QStringLiteral("the answer"));
    finish(answer.ok() ? answer : Status::failure(withStderr(answer.error(), tail)));
}

void TaskProcess::finish(Expected<QJsonObject> answer) {
    m_busy = false;
    m_timer.stop();
    m_stdout.clear();
    AssistOutcome outcome{m_uid, std::move(answer)};
    m_done(*this, std::move(outcome));
}

void TaskProcess::abandon() {
    m_busy = false;
    m_timer.stop();
    m_command.kill();
}

// ------------------------------------------------------------------ BatchProcess

BatchProcess::BatchProcess(const QString& command, const QString& folder, int timeoutMs, Done done,
                           Problem problem, Hungry hungry)
    : m_command(command, folder),
      m_timeoutMs(timeoutMs),
      m_done(std::move(done)),
      m_problem(std::move(problem)),
      m_hungry(std::move(hungry)) {
    m_timer.setSingleShot(true);
    QProcess* process = &m_command.process();
    QObject::connect(&m_timer, &QTimer::timeout, process, [this] { onTimeout(); });
    QObject::connect(process, &QProcess::readyReadStandardOutput, process, [this] { onOutput(); });
    QObject::connect(process, &QProcess::finished, process, [this] { onFinished(); });
    QObject::connect(process, &QProcess::errorOccurred, process, [this](QProcess::ProcessError e) {
        if (e == QProcess::FailedToStart)
            onFinished();
    });
}

bool BatchProcess::hasRoom() const {
    return m_waiting.size() < kWindowTasks && m_waitingBytes < kWindowBytes;
}

void BatchProcess::startCommand() {
    m_partial.clear();
    m_answeredSinceStart = false;
    m_ending = false;
    m_command.start();
}

void BatchProcess::send(const AssistTask& task) {
    if (!m_givenUp.isEmpty()) {
        m_done({task.task.uid, Status::failure(m_givenUp)});
        return;
    }
    if (!m_command.running())
        startCommand();
    m_waiting.push_back({task.task.uid, task.line});
    m_waitingUids.insert(task.task.uid);
    m_waitingBytes += task.line.size();
    if (m_waiting.size() == 1)
        resetTimer();
    if (m_command.running())
        m_command.process().write(task.line);
}

void BatchProcess::onOutput() {
    m_partial += m_command.process().readAllStandardOutput();
    qsizetype from = 0;
    for (qsizetype end = m_partial.indexOf('\n'); end >= 0; end = m_partial.indexOf('\n', from)) {
        ++m_lineNumber;
        const QByteArray line = m_partial.mid(from, end - from);
        from = end + 1;
        onLine(line);
    }
    m_partial.remove(0, from);
    if (m_partial.size() > CommandProcess::kMaxAnswerBytes)
        restartFor(QStringLiteral("an output line is longer than %1 MB")
                       .arg(CommandProcess::kMaxAnswerBytes >> 20));
}

void BatchProcess::onLine(const QByteArray& line) {
    if (line.trimmed().isEmpty())
        return;
    const QString where = QStringLiteral("output line %1").arg(m_lineNumber);
    auto object = parseObject(line, where);
    if (!object.ok()) {
        // Answers come in any order, so a line that is not JSON cannot be
        // pinned on a task: it is reported, and the task it meant fails when
        // the command ends or goes quiet.
        m_problem(object.error());
        return;
    }
    const QString uid = object->value(QStringLiteral("id")).toString();
    if (!m_waitingUids.contains(uid)) {
        m_problem(QStringLiteral("%1 answers id '%2', which is no task waiting").arg(where, uid));
        return;
    }
    m_waitingUids.remove(uid);
    for (auto it = m_waiting.begin(); it != m_waiting.end(); ++it) {
        if (it->uid == uid) {
            m_waitingBytes -= it->line.size();
            m_waiting.erase(it);
            break;
        }
    }
    m_answeredSinceStart = true;
    m_fruitlessStarts = 0;
    resetTimer();
    const QJsonValue result = object->value(QStringLiteral("result"));
    if (result.isObject())
        m_done({uid, result.toObject()});
    else
        m_done({uid, Status::failure(QStringLiteral("%1: \"result\" is not a JSON object: %2")
                                         .arg(where, excerpt(line)))});
    if (hasRoom())
        m_hungry();
}

void BatchProcess::onFinished() {
    if (m_ending)
        return;
    onOutput();
    // A last answer without its line end is an answer all the same.
    if (!m_partial.trimmed().isEmpty()) {
        ++m_lineNumber;
        const QByteArray last = m_partial;
        m_partial.clear();
        onLine(last);
    }
    if (m_waiting.isEmpty())
        return;  // the next send() starts it again
    restartFor(
        QStringLiteral("the command ended (%1) without answering").arg(m_command.howItEnded()));
}

void BatchProcess::onTimeout() {
    if (m_waiting.isEmpty())
        return;
    restartFor(QStringLiteral("no answer within %1 s").arg(seconds(m_timeoutMs)));
}

void BatchProcess::failOldest(const QString& reason) {
    const Waiting oldest = m_waiting.takeFirst();
    m_waitingUids.remove(oldest.uid);
    m_waitingBytes -= oldest.line.size();
    m_done({oldest.uid, Status::failure(reason)});
}

void BatchProcess::restartFor(const QString& reason) {
    const QString failure = withStderr(reason, m_command.stderrTail());
    if (!m_answeredSinceStart)
        ++m_fruitlessStarts;
    m_ending = true;
    m_command.kill();
    m_timer.stop();
    if (m_waiting.isEmpty())
        return;
    failOldest(failure);
    if (m_fruitlessStarts >= kMaxFruitlessStarts) {
        m_givenUp = QStringLiteral(
                        "%1 (the command was started %2 times and answered nothing; "
                        "no more tasks were sent)")
                        .arg(failure)
                        .arg(m_fruitlessStarts);
        while (!m_waiting.isEmpty())
            failOldest(m_givenUp);
        m_hungry();
        return;
    }
    // The tasks that were waiting go to a fresh start, in the order sent.
    if (!m_waiting.isEmpty()) {
        startCommand();
        for (const Waiting& task : m_waiting)
            m_command.process().write(task.line);
        resetTimer();
    }
    if (hasRoom())
        m_hungry();
}

void BatchProcess::resetTimer() {
    if (m_waiting.isEmpty())
        m_timer.stop();
    else
        m_timer.start(m_timeoutMs);
}

void BatchProcess::close() {
    m_timer.stop();
    if (!m_command.running())
        return;
    m_ending = true;
    m_command.process().closeWriteChannel();
    if (!m_command.process().waitForFinished(kCloseGraceMs))
        m_command.kill();
}

void BatchProcess::abandon() {
    m_timer.stop();
    m_ending = true;
    m_command.kill();
    m_waiting.clear();
    m_waitingUids.clear();
    m_waitingBytes = 0;
}

}  // namespace postil

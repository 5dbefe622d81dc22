// bench_answer_typing: typing a text answer in the studio on an N-task project
// (default 1,000,000; bench_tasklist's project: a tenth of the tasks
// annotated, and a text question "comment").
//
// The real MainWindow (task list, question form, progress line) opens the
// project and the task at N/2 (a new one, so the first write also changes its
// status and the list's row). F2 puts the keyboard into the comment field and
// kKeys characters are typed with QTest::keyClick, one every kKeyGapMs, with
// a pause of kPauseMs after every kBurst keys, as a quick typist goes. Between
// keys the event loop runs, every turn of it timed; the debounced writes of
// the answer (and what follows each: the list row, the progress line) happen
// in those turns.
//
// Figures: each keystroke's delivery (QTest::keyClick returns when the field
// and everything connected to it have handled the key), the loop turns
// between keys, and the "block": the longest the GUI thread was busy with one
// keystroke or one turn. Budget: key_block_max_ms, the keystrokes and every
// turn that wrote nothing, <= 16 ms (one frame at 60 Hz). The turns that
// wrote (one per pause, or per 900 ms of steady typing) are given apart with
// their CPU time, beside bare 4 KiB fdatasyncs on the same disk in the same
// run: a write commits with synchronous=FULL (docs/architecture.md §2), so
// its wall time is the disk's.
// Baselines, same run, same schedule: the keystrokes into a bare
// QPlainTextEdit; the bare fdatasyncs. At the end a second connection reads
// the file, which must hold everything typed.
//
// Run: bench_answer_typing [TASKS] [--project FILE] [--keep]
//      (--project: an existing project, e.g. one bench_tasklist --keep made)

#include <fcntl.h>
#include <unistd.h>

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QPlainTextEdit>
#include <QTest>
#include <QThread>

#include "benchsupport.h"
#include "document/taskdocument.h"
#include "model/schema.h"
#include "shell/mainwindow.h"
#include "shell/taskworkspace.h"
#include "widgets/questioncard.h"
#include "widgets/questionform.h"

using namespace postil;
using namespace postil::bench;

namespace {

constexpr int kKeys = 600;
constexpr int kKeyGapMs = 50;  // 20 keys a second within a burst
constexpr int kBurst = 50;     // keys between pauses
constexpr int kPauseMs = 800;  // longer than the debounce's 300 ms
constexpr double kBudgetMs = 16.0;
constexpr int kAnnotateEvery = 10;  // as bench_tasklist makes its project

struct Timings {
    std::vector<double> keys;           // each keystroke's delivery
    std::vector<double> turns;          // each event-loop turn that had work (> 0.05 ms)
    std::vector<double> perKey;         // the key plus the longest turn before the next key
    std::vector<double> writeTurns;     // the turns in which the document wrote
    std::vector<double> writeTurnsCpu;  // the GUI thread's CPU time in those
    double otherTurnMax = 0;            // the longest turn that wrote nothing
    double maxBlock() const {
        double m = otherTurnMax;
        for (double v : keys)
            m = std::max(m, v);
        for (double v : turns)
            m = std::max(m, v);
        return m;
    }
    // What the keys themselves cost the GUI thread: their delivery and the
    // turns between them, the writes' turns apart.
    double keyBlock() const {
        double m = otherTurnMax;
        for (double v : keys)
            m = std::max(m, v);
        return m;
    }
};

double ms(qint64 ns) {
    return double(ns) / 1e6;
}

double threadCpuMs() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

// The disk's part of a write: 4 KiB appended and fdatasync'd, 'count' times,
// to a file beside the project (the same file system), in ms each.
std::vector<double> bareSyncs(const QString& folder, int count) {
    std::vector<double> times;
    const QByteArray path = QDir(folder).filePath(QStringLiteral("sync-probe.bin")).toLocal8Bit();
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return times;
    const QByteArray page(4096, 'x');
    QElapsedTimer timer;
    for (int i = 0; i < count; ++i) {
        timer.start();
        if (::write(fd, page.constData(), std::size_t(page.size())) != page.size() ||
            ::fdatasync(fd) != 0)
            break;
        times.push_back(ms(timer.nsecsElapsed()));
        QThread::msleep(20);
    }
    ::close(fd);
    ::unlink(path.constData());
    return times;
}

// Runs the event loop until 'until' (ns on 'clock'), timing every turn.
// Returns the longest turn.
double runLoopUntil(const QElapsedTimer& clock, qint64 until, Timings& t,
                    const std::function<bool()>& wroteSinceLast) {
    double longest = 0;
    QElapsedTimer turn;
    while (clock.nsecsElapsed() < until) {
        turn.start();
        const double cpuBefore = threadCpuMs();
        QCoreApplication::processEvents(QEventLoop::AllEvents);
        const double took = ms(turn.nsecsElapsed());
        if (took > 0.05)
            t.turns.push_back(took);
        if (wroteSinceLast()) {
            t.writeTurns.push_back(took);
            t.writeTurnsCpu.push_back(threadCpuMs() - cpuBefore);
        } else {
            t.otherTurnMax = std::max(t.otherTurnMax, took);
        }
        longest = std::max(longest, took);
        // Idle: let the other core's work and this process's timers run
        // without spinning (0.2 ms is far below any figure here).
        if (took < 0.05)
            QThread::usleep(200);
    }
    return longest;
}

Timings typeInto(QWidget* target, const QString& text,
                 const std::function<bool()>& wroteSinceLast) {
    Timings t;
    QElapsedTimer clock;
    clock.start();
    qint64 next = 0;
    QElapsedTimer key;
    for (int i = 0; i < text.size(); ++i) {
        runLoopUntil(clock, next, t, wroteSinceLast);
        key.start();
        QTest::keyClick(target, text.at(i).toLatin1());
        const double keyMs = ms(key.nsecsElapsed());
        t.keys.push_back(keyMs);
        // Writes made inside the keystroke itself count as the key's.
        wroteSinceLast();
        next += qint64(kKeyGapMs) * 1'000'000;
        if ((i + 1) % kBurst == 0)
            next += qint64(kPauseMs) * 1'000'000;
        const double turnMax = runLoopUntil(clock, next, t, wroteSinceLast);
        t.perKey.push_back(keyMs + turnMax);
    }
    // The last pause, so the last write lands.
    runLoopUntil(clock, clock.nsecsElapsed() + qint64(kPauseMs) * 1'000'000, t, wroteSinceLast);
    return t;
}

QString typedText() {
    static const QString kText = QStringLiteral(
        "The customer was charged twice for the premium plan and asks for a refund of the second "
        "charge; the billing cycle changed on Monday. ");
    QString text;
    while (text.size() < kKeys)
        text += kText;
    return text.left(kKeys);
}

// The comment question in the project's schema: bench_tasklist's projects
// have it; an older project gets it added.
Status ensureCommentQuestion(const QString& path) {
    auto project = Project::open(path);
    if (!project.ok())
        return Status::failure(project.error());
    Schema schema = (*project)->schema();
    if (schema.question(kCommentQuestion))
        return Status::success();
    Question comment;
    comment.name = kCommentQuestion;
    comment.type = Question::Type::Text;
    schema.questions << comment;
    return (*project)->setSchema(schema);
}

}  // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const Args args = parseArgs(arguments);
    if (!args.ok)
        return 2;
    if (!args.makeProject.isEmpty()) {
        QCoreApplication core(argc, argv);
        Status made = makeProject(args.makeProject, args.tasks, kAnnotateEvery);
        if (!made.ok())
            note(QStringLiteral("bench_answer_typing: %1").arg(made.error()));
        return made.ok() ? 0 : 1;
    }
    QApplication app(argc, argv);
    QTemporaryDir dir;
    keepIfAsked(dir, args);
    if (!dir.isValid())
        return 1;
    QString path = args.project;
    if (path.isEmpty()) {
        path = dir.filePath(QStringLiteral("bench.postil"));
        note(QStringLiteral("bench_answer_typing: making a project of %1 tasks").arg(args.tasks));
        const ChildResult made =
            runChild({QCoreApplication::applicationFilePath(), QString::number(args.tasks),
                      QStringLiteral("--make-project"), path},
                     QString(), QString(), QString());
        if (made.exitCode != 0)
            return 1;
        note(QStringLiteral("bench_answer_typing: made in %1 s").arg(made.seconds, 0, 'f', 1));
    }
    Status schema = ensureCommentQuestion(path);
    if (!schema.ok()) {
        note(QStringLiteral("bench_answer_typing: %1").arg(schema.error()));
        return 1;
    }

    MainWindow window;
    window.resize(1366, 768);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;
    Stopwatch watch;
    watch.start();
    if (!window.openProject(path))
        return 1;
    const double openMs = watch.ms();
    const qint64 n = window.project()->tasks().count();
    const qint64 taskId = n / 2 + 1;
    window.goToTask(taskId);
    window.activateWindow();
    if (!QTest::qWaitForWindowActive(&window))
        return 1;
    QCoreApplication::processEvents();
    TaskDocument* doc = window.workspace()->document();
    QuestionForm* form = window.workspace()->questionForm();
    auto* card = form->findChild<QuestionCard*>(QStringLiteral("question-") + kCommentQuestion);
    if (!doc || doc->task().id != taskId || !card || !card->textEdit()) {
        note(QStringLiteral("bench_answer_typing: task %1 or its comment field did not open")
                 .arg(taskId));
        return 1;
    }
    const bool wasNew = !doc->state().exists;
    // Cards are made in the order the form shows them.
    form->setActiveQuestion(int(form->findChildren<QuestionCard*>().indexOf(card)));
    QTest::keyClick(QApplication::focusWidget() ? QApplication::focusWidget() : &window,
                    Qt::Key_F2);
    QPlainTextEdit* field = card->textEdit();
    if (QApplication::focusWidget() != field) {
        note(QStringLiteral("bench_answer_typing: F2 did not reach the comment field"));
        return 1;
    }
    // Settle what opening left behind (the first paints, the list's first block).
    for (int i = 0; i < 20; ++i) {
        QCoreApplication::processEvents();
        QThread::msleep(10);
    }

    int writes = 0;
    QObject::connect(doc, &TaskDocument::changed, [&writes] { ++writes; });
    int seen = 0;
    auto wrote = [&] {
        const bool w = writes != seen;
        seen = writes;
        return w;
    };
    const QString text = typedText();
    const double cpuBefore = cpuMs();
    const Timings studio = typeInto(field, text, wrote);
    const double studioCpuMs = cpuMs() - cpuBefore;

    // The file, read by another connection, holds all of it.
    bool stored = false;
    {
        auto reader = Project::open(path);
        if (reader.ok()) {
            auto row = (*reader)->annotations().get(doc->task().uid, (*reader)->annotator());
            stored = row && !row->deleted &&
                     row->result.value(QStringLiteral("answers"))
                             .toObject()
                             .value(kCommentQuestion)
                             .toString() == text;
        }
    }

    // Baseline: the same keys on the same schedule into a bare field.
    window.hide();
    QPlainTextEdit bare;
    bare.resize(400, 300);
    bare.show();
    if (!QTest::qWaitForWindowExposed(&bare))
        return 1;
    bare.activateWindow();
    bare.setFocus();
    const Timings plain = typeInto(&bare, text, [] { return false; });
    bare.hide();

    const double block = studio.maxBlock();
    const double keyBlock = studio.keyBlock();
    const double bareBlock = plain.maxBlock();
    // The disk in the same run: as many bare syncs as there were writes.
    const std::vector<double> syncs = bareSyncs(QFileInfo(path).absolutePath(), writes);
    JsonLine(QStringLiteral("answer_typing"))
        .add(QStringLiteral("tasks"), n)
        .add(QStringLiteral("task"), taskId)
        .add(QStringLiteral("task_was_new"), wasNew)
        .add(QStringLiteral("keystrokes"), int(studio.keys.size()))
        .add(QStringLiteral("writes"), writes)
        .add(QStringLiteral("open_project_ms"), openMs, 1)
        .add(QStringLiteral("key_p50_ms"), percentile(studio.keys, 0.5), 3)
        .add(QStringLiteral("key_p99_ms"), percentile(studio.keys, 0.99), 3)
        .add(QStringLiteral("key_max_ms"), percentile(studio.keys, 1.0), 3)
        .add(QStringLiteral("per_key_p99_ms"), percentile(studio.perKey, 0.99), 3)
        .add(QStringLiteral("turn_max_ms"), percentile(studio.turns, 1.0), 3)
        .add(QStringLiteral("key_block_max_ms"), keyBlock, 3)
        .add(QStringLiteral("write_turn_p50_ms"), percentile(studio.writeTurns, 0.5), 3)
        .add(QStringLiteral("write_turn_max_ms"), percentile(studio.writeTurns, 1.0), 3)
        .add(QStringLiteral("write_turn_cpu_max_ms"), percentile(studio.writeTurnsCpu, 1.0), 3)
        .add(QStringLiteral("bare_fdatasync_p50_ms"), percentile(syncs, 0.5), 3)
        .add(QStringLiteral("bare_fdatasync_max_ms"), percentile(syncs, 1.0), 3)
        .add(QStringLiteral("max_block_ms"), block, 3)
        .add(QStringLiteral("cpu_ms"), studioCpuMs, 1)
        .add(QStringLiteral("baseline"), "the same keys into a bare QPlainTextEdit")
        .add(QStringLiteral("baseline_key_p99_ms"), percentile(plain.keys, 0.99), 3)
        .add(QStringLiteral("baseline_max_block_ms"), bareBlock, 3)
        .add(QStringLiteral("ratio_key_p99"),
             percentile(studio.keys, 0.99) / std::max(0.001, percentile(plain.keys, 0.99)), 2)
        .add(QStringLiteral("ratio_max_block"), block / std::max(0.001, bareBlock), 2)
        .add(QStringLiteral("ratio_write_turn_max_to_bare_fdatasync_max"),
             percentile(studio.writeTurns, 1.0) / std::max(0.001, percentile(syncs, 1.0)), 2)
        .add(QStringLiteral("stored"), stored)
        .add(QStringLiteral("budget_key_block_ms"), kBudgetMs, 0)
        .add(QStringLiteral("pass"), stored && keyBlock <= kBudgetMs)
        .print();
    window.close();
    return stored ? 0 : 1;
}

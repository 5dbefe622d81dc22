#pragma once

// Shared pieces of the benchmarks: the start every one makes, the task generator
// (the same tasks in every benchmark and every run), running a child process
// (postil-cli among them) with its wall time and peak memory, reading this
// process's memory, wall and CPU stopwatches, waiting for a paint, and the
// one-JSON-line report.
// Header-only: each benchmark is one executable of one .cpp.

#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <QByteArray>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEvent>
#include <QFile>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QStandardPaths>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <utility>
#include <vector>

#include "model/annotation.h"
#include "model/ids.h"
#include "model/project.h"
#include "model/task.h"
#include "processmemory.h"

extern char** environ;

namespace postil::bench {

constexpr qint64 kDefaultTasks = 1000000;

// ---------------------------------------------------------------- arguments

struct Args {
    qint64 tasks = kDefaultTasks;
    QString project;         // --project PATH: an existing project instead of a fresh one
    QString makeProject;     // --make-project PATH: internal, builds the project and exits
    bool keep = false;       // --keep: leave the temporary folder (inputs, outputs) for a look
    bool gaveTasks = false;  // TASKS was given: a benchmark with its own default size takes it
    bool ok = true;
};

inline Args parseArgs(const QStringList& arguments) {
    Args args;
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        const QString& a = arguments.at(i);
        if ((a == QLatin1String("--project") || a == QLatin1String("--make-project")) &&
            i + 1 < arguments.size()) {
            (a == QLatin1String("--project") ? args.project : args.makeProject) = arguments.at(++i);
            continue;
        }
        if (a == QLatin1String("--keep")) {
            args.keep = true;
            continue;
        }
        bool isNumber = false;
        const qint64 n = a.toLongLong(&isNumber);
        if (!isNumber || n < 1) {
            std::fprintf(stderr, "usage: %s [TASKS (default %lld)] [--project PATH] [--keep]\n",
                         qPrintable(arguments.at(0)), static_cast<long long>(kDefaultTasks));
            args.ok = false;
            return args;
        }
        args.tasks = n;
        args.gaveTasks = true;
    }
    return args;
}

// A line for whoever runs the benchmark, on stderr (stdout has the figures only).
inline void note(const QString& text) {
    std::fprintf(stderr, "%s\n", qPrintable(text));
    std::fflush(stderr);
}

// ---------------------------------------------------------------- the tasks

// 1-based, like the ids the project gives tasks in import order.
inline QString taskUid(qint64 i) {
    return QStringLiteral("t%1").arg(i, 7, 10, QLatin1Char('0'));
}

// Varied text of 100 to 200 characters, some of it outside ASCII (accents,
// Cyrillic, CJK, an emoji outside the BMP) and some needing escapes in JSON
// ('"') and SQL ('\''). Deterministic in i.
inline QString taskText(qint64 i) {
    static const char* const kWords[] = {
        "the",     "invoice", "refund",  "was",    "never",      "sent",     "to",       "my",
        "account", "please",  "help",    "order",  "arrived",    "broken",   "and",      "late",
        "café",    "naïve",   "Größe",   "façade", "señor",      "über",     "привет",   "спасибо",
        "東京",    "データ",  "한국어",  "🙂",   "\"quoted\"", "don't",    "it's",     "what",
        "when",    "where",   "support", "ticket", "priority",   "shipping", "address",  "changed",
        "billing", "cycle",   "premium", "plan",   "cancel",     "upgrade",  "password", "reset",
        "email",   "not",     "working", "since",  "Monday",     "thanks!",  "(urgent)", "#42",
        "é",       "ß",       "ñ",       "ø",      "€20",        "3.5kg",    "x/y",      "a,b"};
    constexpr quint64 kWordCount = sizeof(kWords) / sizeof(kWords[0]);
    quint64 state = quint64(i) * 0x9E3779B97F4A7C15ULL + 0x2545F4914F6CDD1DULL;
    auto nextRandom = [&state]() {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return state * 0x2545F4914F6CDD1DULL;
    };
    const int target = 100 + int(nextRandom() % 101);
    QString text;
    text.reserve(target + 24);
    text += QStringLiteral("Task %1:").arg(i);
    while (text.size() < target) {
        text += QLatin1Char(' ');
        text += QString::fromUtf8(kWords[nextRandom() % kWordCount]);
    }
    text.truncate(200);
    if (text.back().isHighSurrogate())  // never cut an emoji in half
        text.chop(1);
    return text;
}

inline QJsonObject taskData(qint64 i) {
    return QJsonObject{{QStringLiteral("text"), taskText(i)}};
}

// Makes a project at 'path' with 'options' and calls addTask(project, i) for
// i = 1..n, all in one transaction: the one way every benchmark fills its project.
// Tasks and annotations go through the stores' prepared statements, as an
// import does. The page cache is raised to 256 MB for the fill: the trigram
// index (migration 3) merges its segments as it grows, and with SQLite's
// default 2 MB cache each merge of a million tasks' segments went back to
// the disk for pages it had just written.
template <typename AddTask>
Status fillProject(const QString& path, const Project::CreateOptions& options, qint64 n,
                   AddTask addTask) {
    auto project = Project::create(path, options);
    if (!project.ok())
        return Status::failure(project.error());
    Project& p = **project;
    Status cache = p.database().exec(QStringLiteral("PRAGMA cache_size = -262144"));
    if (!cache.ok())
        return cache;
    Transaction tx(p.database());
    if (!tx.begin().ok())
        return tx.begin();
    for (qint64 i = 1; i <= n; ++i) {
        Status added = addTask(p, i);
        if (!added.ok())
            return added;
    }
    return tx.commit();
}

// Adds the benchmarks' text task number i (taskUid, taskData) to p.
inline Status addTextTask(Project& p, qint64 i) {
    Task task;
    task.uid = taskUid(i);
    task.kind = TaskKind::Text;
    task.data = taskData(i);
    task.preview = Task::previewFor(task.kind, task.data);
    auto added = p.tasks().add(task);
    return added.ok() ? Status::success() : Status::failure(added.error());
}

// The text question of makeProject's schema, which bench_answer_typing types into.
inline const QString kCommentQuestion = QStringLiteral("comment");

// Builds a text project of n tasks in one transaction, and gives every
// annotateEvery-th task an annotation of the project's annotator (statuses
// submitted, draft and skipped in turn), so status filters have work.
inline Status makeProject(const QString& path, qint64 n, int annotateEvery) {
    Schema schema;
    Question intent;
    intent.name = QStringLiteral("intent");
    intent.type = Question::Type::Single;
    intent.options = {QStringLiteral("billing"), QStringLiteral("refund")};
    schema.questions << intent;
    Question comment;
    comment.name = kCommentQuestion;
    comment.type = Question::Type::Text;
    schema.questions << comment;
    Project::CreateOptions options;
    options.kind = TaskKind::Text;
    options.schema = schema;
    return fillProject(path, options, n, [annotateEvery](Project& p, qint64 i) {
        if (Status added = addTextTask(p, i); !added.ok())
            return added;
        if (annotateEvery > 0 && i % annotateEvery == 0) {
            Annotation a;
            a.taskUid = taskUid(i);
            const qint64 turn = (i / annotateEvery) % 3;
            a.status = turn == 0   ? AnnotationStatus::Submitted
                       : turn == 1 ? AnnotationStatus::Draft
                                   : AnnotationStatus::Skipped;
            if (a.status == AnnotationStatus::Skipped)
                a.skipReason = QStringLiteral("unclear");
            a.result =
                QJsonObject{{QStringLiteral("answers"),
                             QJsonObject{{QStringLiteral("intent"), QStringLiteral("billing")}}}};
            return p.saveAnnotation(a);
        }
        return Status::success();
    });
}

// ---------------------------------------------------------------- processes

struct ChildResult {
    bool started = false;
    int exitCode = -1;
    double seconds = 0;
    double peakRssMb = 0;   // the child's own ru_maxrss, from wait4
    double cpuSeconds = 0;  // user + system time: less sensitive than wall time to other load
};

// Runs argv with stdin/stdout/stderr redirected to files (empty: inherited)
// and extra environment variables; times from spawn to exit.
inline ChildResult runChild(const QStringList& argv, const QString& stdinPath,
                            const QString& stdoutPath, const QString& stderrPath,
                            const QList<std::pair<QByteArray, QByteArray>>& env = {}) {
    ChildResult result;
    std::vector<QByteArray> argBytes;
    for (const QString& a : argv)
        argBytes.push_back(a.toLocal8Bit());
    std::vector<char*> cargv;
    for (QByteArray& a : argBytes)
        cargv.push_back(a.data());
    cargv.push_back(nullptr);

    std::vector<QByteArray> envBytes;
    for (char** e = environ; *e; ++e) {
        const QByteArray entry(*e);
        bool replaced = false;
        for (const auto& [key, value] : env)
            replaced = replaced || entry.startsWith(key + '=');
        if (!replaced)
            envBytes.push_back(entry);
    }
    for (const auto& [key, value] : env)
        envBytes.push_back(key + '=' + value);
    std::vector<char*> cenv;
    for (QByteArray& e : envBytes)
        cenv.push_back(e.data());
    cenv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    const QByteArray in = stdinPath.toLocal8Bit();
    const QByteArray out = stdoutPath.toLocal8Bit();
    const QByteArray err = stderrPath.toLocal8Bit();
    if (!in.isEmpty())
        posix_spawn_file_actions_addopen(&actions, 0, in.constData(), O_RDONLY, 0);
    if (!out.isEmpty())
        posix_spawn_file_actions_addopen(&actions, 1, out.constData(), O_WRONLY | O_CREAT | O_TRUNC,
                                         0644);
    if (!err.isEmpty())
        posix_spawn_file_actions_addopen(&actions, 2, err.constData(), O_WRONLY | O_CREAT | O_TRUNC,
                                         0644);
    QElapsedTimer timer;
    timer.start();
    pid_t pid = 0;
    const int spawned = posix_spawn(&pid, cargv[0], &actions, nullptr, cargv.data(), cenv.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return result;
    result.started = true;
    int wstatus = 0;
    struct rusage usage {};
    while (wait4(pid, &wstatus, 0, &usage) < 0) {
        if (errno != EINTR)
            return result;  // exitCode stays -1
    }
    result.seconds = double(timer.nsecsElapsed()) / 1e9;
    result.exitCode = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
    result.peakRssMb = double(usage.ru_maxrss) / 1024.0;  // Linux reports KiB
    result.cpuSeconds = double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                        double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
    return result;
}

// The benchmark's temporary folder; with --keep it stays, and its path is told.
inline void keepIfAsked(QTemporaryDir& dir, const Args& args) {
    if (!args.keep)
        return;
    dir.setAutoRemove(false);
    std::fprintf(stderr, "keeping %s\n", qPrintable(dir.path()));
}

inline QString fileText(const QString& path, qsizetype maxChars = 2000) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QString();
    return QString::fromUtf8(file.readAll()).left(maxChars).trimmed();
}

// ---------------------------------------------------------------- start and postil-cli

// What every benchmark does first: test-mode paths (the user's settings are never
// touched), the arguments, and its temporary folder (kept with --keep). Returns the
// exit code to stop with (2: bad arguments, 1: no folder), or 0 to go on.
inline int startBench(const QCoreApplication& app, Args& args, QTemporaryDir& dir) {
    QStandardPaths::setTestModeEnabled(true);
    args = parseArgs(app.arguments());
    if (!args.ok)
        return 2;
    keepIfAsked(dir, args);
    if (dir.isValid())
        return 0;
    note(QStringLiteral("%1: cannot make a temporary folder").arg(app.applicationName()));
    return 1;
}

using Environment = QList<std::pair<QByteArray, QByteArray>>;

// The environment postil-cli runs in: it keeps its device id in the settings, so
// they go to the benchmark's folder, never the user's.
inline Environment cliEnvironment(const QTemporaryDir& dir) {
    return {{"XDG_CONFIG_HOME", dir.filePath(QStringLiteral("config")).toLocal8Bit()},
            {"POSTIL_ANNOTATOR", "bench"}};
}

// `postil-cli export PROJECT --format FORMAT -o OUT`, timed; a failure is told
// under the benchmark's name with what the command said.
inline ChildResult runCliExport(const char* bench, const QString& format, const QString& project,
                                const QString& out, const QTemporaryDir& dir,
                                const Environment& env) {
    const QString errPath = dir.filePath(QStringLiteral("stderr.txt"));
    ChildResult run = runChild({QStringLiteral(POSTIL_CLI_PATH), QStringLiteral("export"), project,
                                QStringLiteral("--format"), format, QStringLiteral("-o"), out},
                               QString(), dir.filePath(QStringLiteral("export.out")), errPath, env);
    if (run.exitCode != 0)
        note(QStringLiteral("%1: postil-cli export --format %2 failed (exit %3): %4")
                 .arg(QLatin1String(bench), format)
                 .arg(run.exitCode)
                 .arg(fileText(errPath)));
    return run;
}

// The two projects an export benchmark compares to see that memory stays flat.
struct ProjectPair {
    QString path;
    QString tenthPath;  // empty with --project: only that one is measured
    qint64 tasks = 0;
    bool ok = false;
};

// With --project: that project, its task count read from it. Otherwise make(path, count)
// builds one of args.tasks tasks at dir/fileName and one of a tenth as many, after
// 'making' has been told. Failures are told under the benchmark's name.
template <typename Make>
ProjectPair prepareProjects(const char* bench, const Args& args, const QTemporaryDir& dir,
                            const QString& fileName, const QString& making, Make make) {
    ProjectPair pair;
    pair.path = args.project;
    pair.tasks = args.tasks;
    if (pair.path.isEmpty()) {
        pair.path = dir.filePath(fileName);
        pair.tenthPath = dir.filePath(QStringLiteral("tenth.postil"));
        note(QStringLiteral("%1: %2").arg(QLatin1String(bench), making));
        for (auto [path, count] :
             {std::pair{pair.path, pair.tasks}, std::pair{pair.tenthPath, pair.tasks / 10}}) {
            Status made = make(path, count);
            if (!made.ok()) {
                note(QStringLiteral("%1: %2").arg(QLatin1String(bench), made.error()));
                return pair;
            }
        }
    } else {
        auto project = Project::open(pair.path);
        if (!project.ok()) {
            note(QStringLiteral("%1: %2").arg(QLatin1String(bench), project.error()));
            return pair;
        }
        pair.tasks = (*project)->tasks().count();
    }
    pair.ok = true;
    return pair;
}

// ---------------------------------------------------------------- timing

// CPU time of this process: on a machine shared with other work it tells the
// cost apart from the wait for a core.
inline double cpuMs() {
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

inline double elapsedMs(const QElapsedTimer& timer) {
    return double(timer.nsecsElapsed()) / 1e6;
}

// Wall and CPU time since start().
struct Stopwatch {
    QElapsedTimer wall;
    double cpuStart = 0;
    void start() {
        cpuStart = cpuMs();
        wall.start();
    }
    double ms() const { return elapsedMs(wall); }
    double cpu() const { return cpuMs() - cpuStart; }
};

// Counts a widget's paint events (install it on the viewport), so a figure ends
// when the result is on screen rather than when the call that asked for it returns.
class PaintCounter : public QObject {
public:
    int paints = 0;
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::Paint)
            ++paints;
        return QObject::eventFilter(watched, event);
    }
};

// Processes events until the counted widget has painted once more than 'before'
// (false after 10 s without).
inline bool waitForPaint(const PaintCounter& counter, int before) {
    QElapsedTimer timeout;
    timeout.start();
    while (counter.paints == before) {
        QCoreApplication::processEvents(QEventLoop::AllEvents);
        if (timeout.elapsed() > 10000)
            return false;
    }
    return true;
}

// ---------------------------------------------------------------- reporting

inline double percentile(std::vector<double> values, double p) {
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    // Nearest rank: the smallest value with at least p of the samples at or below it.
    const auto rank = std::size_t(std::ceil(p * double(values.size())));
    return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

inline double rounded(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

// One figure: keys in the order added, printed as one JSON object on one line.
class JsonLine {
public:
    explicit JsonLine(const QString& bench) { add(QStringLiteral("bench"), bench); }
    JsonLine& add(const QString& key, const QString& value) {
        QJsonObject quoted{{QStringLiteral("v"), value}};
        const QByteArray json = canonicalJson(quoted);  // {"v":"..."}
        m_fields << std::pair{key, json.mid(5, json.size() - 6)};
        return *this;
    }
    JsonLine& add(const QString& key, const char* value) {
        return add(key, QString::fromUtf8(value));
    }
    JsonLine& add(const QString& key, qint64 value) {
        m_fields << std::pair{key, QByteArray::number(value)};
        return *this;
    }
    JsonLine& add(const QString& key, int value) { return add(key, qint64(value)); }
    JsonLine& add(const QString& key, double value, int decimals = 3) {
        m_fields << std::pair{key, QByteArray::number(rounded(value, decimals), 'g', 12)};
        return *this;
    }
    JsonLine& add(const QString& key, bool value) {
        m_fields << std::pair{key, QByteArray(value ? "true" : "false")};
        return *this;
    }
    void print() const {
        QByteArray line = "{";
        for (qsizetype i = 0; i < m_fields.size(); ++i) {
            if (i)
                line += ',';
            line += '"' + m_fields[i].first.toUtf8() + "\":" + m_fields[i].second;
        }
        line += "}\n";
        std::fwrite(line.constData(), 1, size_t(line.size()), stdout);
        std::fflush(stdout);
    }

private:
    QList<std::pair<QString, QByteArray>> m_fields;
};

}  // namespace postil::bench

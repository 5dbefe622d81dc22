// bench_tasklist: the studio's task list on an N-task project (a tenth of the
// tasks annotated by the project's annotator: submitted, draft and skipped in
// turn). Times, each until the view has painted the rows it shows:
//   open      Project::open + TaskListModel::setProject + a QTableView's first screen  <= 300 ms
//   jump      to task 0.9 N: rowOf + scrollTo + the rows around it                     <=  50 ms
//   filter    setStatusFilter(Submitted), then (Unfinished)                            <= 200 ms
//   search    setTextFilter of a common word and a rare one (whole task text), until
//             the first screen of matches is painted                                   <=  50 ms
//             (all_rows_ms: until the rest, read on another thread, is in the list)
//   sort      sort by the preview column, read on another thread: the GUI thread's
//             longest turn from the click to the sorted screen                         <= 200 ms
//             (postil_ms: until the sorted screen is painted; jump_meanwhile_ms: a
//             jump to the middle while the order is read)
//   memory    VmRSS after all of it                                                    <= 150 MB
// These are absolute budgets. Each line also carries a baseline measured in the
// same run on the same file, and the ratio to it: for search and sort, the
// sqlite3 C API running the same query alone (every row stepped, nothing kept);
// for the others, the sqlite3 C API opening the file and running
// SELECT count(*) FROM tasks.
//
// The N-task project is made in a child process (--make-project), or taken
// as it is with --project FILE (e.g. one kept from an earlier run with --keep:
// making 1,000,000 tasks takes minutes).

#include <sqlite3.h>

#include <QApplication>
#include <QEvent>
#include <QHeaderView>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QThread>

#include "benchsupport.h"
#include "shell/tasklistmodel.h"

using namespace postil;
using namespace postil::bench;

namespace {

constexpr double kBudgetOpenMs = 300;
constexpr double kBudgetJumpMs = 50;
constexpr double kBudgetSearchMs = 50;
constexpr double kBudgetSortMs = 200;
constexpr double kBudgetFilterMs = 200;
constexpr double kBudgetRssMb = 150;
constexpr int kAnnotateEvery = 10;  // as makeProject is called here

// The yardstick: the least a program can do to show that the file has N tasks.
double rawCountMs(const QString& path, qint64* count) {
    QElapsedTimer timer;
    timer.start();
    sqlite3* db = nullptr;
    sqlite3_stmt* stmt = nullptr;
    *count = -1;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READWRITE, nullptr) ==
            SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT count(*) FROM tasks", -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW)
        *count = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return elapsedMs(timer);
}

// How many of tasks 1..n makeProject gave each status.
struct StatusCounts {
    qint64 submitted = 0;
    qint64 draft = 0;
    qint64 skipped = 0;
};
StatusCounts expectedStatuses(qint64 n) {
    StatusCounts e;
    for (qint64 i = kAnnotateEvery; i <= n; i += kAnnotateEvery) {
        const qint64 turn = (i / kAnnotateEvery) % 3;
        (turn == 0 ? e.submitted : turn == 1 ? e.draft : e.skipped) += 1;
    }
    return e;
}

// The least a program can do to run 'sql' (with 'needle' bound to ?1 when
// given) on an open file: prepare, step every row, finalize.
double rawQueryMs(sqlite3* db, const char* sql, const QByteArray& needle, qint64* rows) {
    QElapsedTimer timer;
    timer.start();
    sqlite3_stmt* stmt = nullptr;
    *rows = -1;
    if (sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr) == SQLITE_OK) {
        if (!needle.isNull())
            sqlite3_bind_text(stmt, 1, needle.constData(), int(needle.size()), SQLITE_TRANSIENT);
        qint64 n = 0;
        while (sqlite3_step(stmt) == SQLITE_ROW)
            ++n;
        *rows = n;
    }
    sqlite3_finalize(stmt);
    return elapsedMs(timer);
}

struct Baseline {
    QString what;
    double ms = 0;
};

struct Figure {
    QString name;
    double ms = 0;
    double cpuMs = 0;
    double budgetMs = 0;  // 0: no budget, shown for information
    qint64 rows = -1;
    bool correct = true;
    Baseline baseline;                             // empty: the open + count(*) yardstick
    QList<std::pair<QString, double>> extra = {};  // more fields for the line
    // A budget on the GUI thread's longest turn instead of on ms.
    double blockBudgetMs = 0;
    double blockMs = 0;
};

struct Loaded {
    double ms = 0;
    double longestTurnMs = 0;
    bool ok = true;
};

// The model reads part of the list on another thread: runs the event loop
// until that has arrived and the view has painted it (rows appended below the
// screen may need no paint: then 100 ms without one end the wait), timing the
// GUI thread's longest turn.
Loaded waitUntilLoaded(TaskListModel& model, const PaintCounter& painted) {
    Loaded loaded;
    QElapsedTimer all;
    all.start();
    int paintsAtArrival = -1;
    QElapsedTimer sinceArrival;
    const QMetaObject::Connection arrival =
        QObject::connect(&model, &TaskListModel::loadingChanged, [&](bool loading) {
            if (!loading) {
                paintsAtArrival = painted.paints;
                sinceArrival.start();
            }
        });
    QElapsedTimer turn;
    while (model.isLoading() || (paintsAtArrival >= 0 && painted.paints == paintsAtArrival &&
                                 sinceArrival.elapsed() < 100)) {
        turn.start();
        QCoreApplication::processEvents(QEventLoop::AllEvents);
        loaded.longestTurnMs = std::max(loaded.longestTurnMs, elapsedMs(turn));
        if (all.elapsed() > 30000) {
            loaded.ok = false;
            break;
        }
        QThread::usleep(100);  // idle turns: no spinning against the reading thread
    }
    QObject::disconnect(arrival);
    loaded.ms = elapsedMs(all);
    return loaded;
}

}  // namespace

int main(int argc, char** argv) {
    // Before QApplication: this runs without a display, like the tests.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    QStringList arguments;
    for (int i = 0; i < argc; ++i)
        arguments << QString::fromLocal8Bit(argv[i]);
    const Args args = parseArgs(arguments);
    if (!args.ok)
        return 2;
    if (!args.makeProject.isEmpty()) {
        // The project is made in a child process so that this one's memory
        // holds the task list only, as in the studio.
        QCoreApplication core(argc, argv);
        Status made = makeProject(args.makeProject, args.tasks, kAnnotateEvery);
        if (!made.ok())
            note(QStringLiteral("bench_tasklist: %1").arg(made.error()));
        return made.ok() ? 0 : 1;
    }
    QApplication app(argc, argv);
    QTemporaryDir dir;
    keepIfAsked(dir, args);
    if (!dir.isValid())
        return 1;
    QString projectPath = args.project;
    qint64 n = args.tasks;
    if (projectPath.isEmpty()) {
        projectPath = dir.filePath(QStringLiteral("bench.postil"));
        note(QStringLiteral("bench_tasklist: making a project of %1 tasks").arg(n));
        const ChildResult made =
            runChild({QCoreApplication::applicationFilePath(), QString::number(n),
                      QStringLiteral("--make-project"), projectPath},
                     QString(), QString(), QString());
        if (made.exitCode != 0)
            return 1;
    }
    const bool ownProject = args.project.isEmpty();

    // Qt's one-time costs (fonts, style, the platform plugin) belong to the
    // start of the process, not to opening a project: pay them first.
    Stopwatch watch;
    watch.start();
    {
        QTableView warmUp;
        warmUp.resize(400, 300);
        warmUp.show();
        QCoreApplication::processEvents();
    }
    const double qtFirstShowMs = watch.ms();

    qint64 rawCount = -1;
    watch.start();
    const double baselineMs = rawCountMs(projectPath, &rawCount);
    const double baselineCpuMs = watch.cpu();
    if (!ownProject)
        n = rawCount;

    QList<Figure> figures;
    QTableView view;
    view.resize(1200, 800);
    PaintCounter painted;
    view.viewport()->installEventFilter(&painted);
    TaskListModel model;

    // 1. Open and show the first screen; the steps are noted for the report.
    watch.start();
    auto project = Project::open(projectPath);
    if (!project.ok()) {
        note(QStringLiteral("bench_tasklist: %1").arg(project.error()));
        return 1;
    }
    const double openedMs = watch.ms();
    model.setProject(project->get());
    const double modelMs = watch.ms();
    view.setModel(&model);
    const double viewMs = watch.ms();
    int before = painted.paints;
    view.show();
    bool shown = waitForPaint(painted, before);
    figures << Figure{QStringLiteral("tasklist_open_first_screen"),
                      watch.ms(),
                      watch.cpu(),
                      kBudgetOpenMs,
                      model.rowCount(),
                      shown && model.rowCount() == n && model.lastError().isEmpty(),
                      {}};
    const QString openSteps =
        QStringLiteral(
            "Project::open %1 ms, setProject %2 ms, setModel %3 ms, show and paint %4 ms")
            .arg(openedMs, 0, 'f', 1)
            .arg(modelMs - openedMs, 0, 'f', 1)
            .arg(viewMs - modelMs, 0, 'f', 1)
            .arg(figures.last().ms - viewMs, 0, 'f', 1);
    const qint64 blocksAfterOpen = model.blocksFetched();

    // 2. Jump to the task at 90%.
    const qint64 target = qMax<qint64>(1, n * 9 / 10);
    watch.start();
    const int row = model.rowOf(target);
    const QModelIndex index = model.index(row, TaskListModel::PreviewColumn);
    before = painted.paints;
    view.scrollTo(index, QAbstractItemView::PositionAtCenter);
    view.setCurrentIndex(index);
    shown = waitForPaint(painted, before);
    const double jumpMs = watch.ms();
    const double jumpCpuMs = watch.cpu();
    const QRect visible = view.viewport()->rect();
    figures << Figure{
        QStringLiteral("tasklist_jump"),
        jumpMs,
        jumpCpuMs,
        kBudgetJumpMs,
        row,
        shown && row >= 0 && visible.intersects(view.visualRect(index)) &&
            (!ownProject ||
             model.data(index, TaskListModel::TaskUidRole).toString() == taskUid(target)),
        {}};

    // 3. Status filters.
    const StatusCounts expected = expectedStatuses(n);
    for (auto [filter, name, rows] :
         {std::tuple{TaskListModel::StatusFilter::Submitted, "tasklist_filter_submitted",
                     expected.submitted},
          std::tuple{TaskListModel::StatusFilter::Unfinished, "tasklist_filter_unfinished",
                     n - expected.submitted - expected.skipped}}) {
        watch.start();
        before = painted.paints;
        model.setStatusFilter(filter);
        shown = waitForPaint(painted, before);
        figures << Figure{
            QString::fromLatin1(name),
            watch.ms(),
            watch.cpu(),
            kBudgetFilterMs,
            model.rowCount(),
            shown && (!ownProject || model.rowCount() == rows) && model.lastError().isEmpty(),
            {}};
    }

    // Search over the whole task text (trigram index, migration 3): a word in
    // many tasks, and a rare one.
    model.setStatusFilter(TaskListModel::StatusFilter::All);
    QCoreApplication::processEvents();
    // The raw queries run on a connection of their own, opened here so that
    // opening is not timed; each runs once untimed first, as the model's query
    // meets a file whose pages the model's earlier steps have read.
    sqlite3* raw = nullptr;
    if (sqlite3_open_v2(projectPath.toUtf8().constData(), &raw, SQLITE_OPEN_READONLY, nullptr) !=
        SQLITE_OK) {
        note(QStringLiteral("bench_tasklist: cannot open %1 for the baselines").arg(projectPath));
        return 1;
    }
    const QString rare = QStringLiteral("Task %1:").arg(n * 7 / 10);
    for (auto [needle, name] : {std::pair{QStringLiteral("refund"), "tasklist_search_common"},
                                std::pair{rare, "tasklist_search_rare"}}) {
        const QByteArray phrase = '"' + needle.toUtf8() + '"';
        const char* searchSql = "SELECT rowid FROM task_search WHERE task_search MATCH ?1";
        qint64 rawRows = 0;
        rawQueryMs(raw, searchSql, phrase, &rawRows);
        const double rawMs = rawQueryMs(raw, searchSql, phrase, &rawRows);
        watch.start();
        before = painted.paints;
        model.setTextFilter(needle);
        shown = waitForPaint(painted, before);
        const double firstScreenMs = watch.ms();
        const double firstScreenCpuMs = watch.cpu();
        const int firstRows = model.rowCount();
        // The rest of the matches comes from another thread; the GUI thread's
        // turns meanwhile (the rows' arrival, the repaint) are timed.
        const Loaded rest = waitUntilLoaded(model, painted);
        Figure f{QLatin1String(name),
                 firstScreenMs,
                 firstScreenCpuMs,
                 kBudgetSearchMs,
                 model.rowCount(),
                 shown && rest.ok && firstRows > 0 && model.rowCount() == rawRows,
                 {QStringLiteral("sqlite3 C API: the FTS5 MATCH alone, every row"), rawMs}};
        f.extra = {
            {QStringLiteral("first_screen_rows"), double(firstRows)},
            {QStringLiteral("all_rows_ms"), firstScreenMs + rest.ms},
            {QStringLiteral("all_rows_ratio"), (firstScreenMs + rest.ms) / std::max(0.001, rawMs)},
            {QStringLiteral("gui_block_max_ms"), std::max(firstScreenMs, rest.longestTurnMs)}};
        figures << f;
    }
    model.setTextFilter(QString());
    QCoreApplication::processEvents();

    // Sorting by the preview column: the order is read on another thread
    // (the preview index, migration 3) while the list keeps import order and
    // takes input: a jump to the middle is made and timed meanwhile.
    const char* sortSql = "SELECT id FROM tasks ORDER BY preview COLLATE NOCASE, id";
    qint64 sortedRows = 0;
    rawQueryMs(raw, sortSql, QByteArray(), &sortedRows);
    const double rawSortMs = rawQueryMs(raw, sortSql, QByteArray(), &sortedRows);
    sqlite3_close(raw);
    watch.start();
    before = painted.paints;
    QElapsedTimer click;
    click.start();
    model.sort(TaskListModel::PreviewColumn);
    const double clickMs = elapsedMs(click);
    const bool meanwhile = model.isLoading();
    shown = waitForPaint(painted, before);
    // Usable meanwhile: jump to the middle and see it painted.
    double jumpMeanwhileMs = -1;
    if (model.isLoading()) {
        QElapsedTimer jump;
        jump.start();
        const QModelIndex middle = model.index(int(n / 2), TaskListModel::PreviewColumn);
        before = painted.paints;
        view.scrollTo(middle, QAbstractItemView::PositionAtCenter);
        waitForPaint(painted, before);
        jumpMeanwhileMs = elapsedMs(jump);
    }
    const Loaded sorted = waitUntilLoaded(model, painted);
    const double sortedMs = watch.ms();
    bool ordered = model.rowCount() == n && sortedRows == n;
    QString last;
    for (int row = 0; ordered && row < 200; ++row) {
        const QString preview =
            model.data(model.index(row, TaskListModel::PreviewColumn)).toString().toLower();
        ordered = last <= preview;
        last = preview;
    }
    Figure sortFigure{
        QStringLiteral("tasklist_sort_preview"),
        sortedMs,
        watch.cpu(),
        0,
        model.rowCount(),
        shown && sorted.ok && ordered,
        {QStringLiteral("sqlite3 C API: the ORDER BY preview query alone"), rawSortMs}};
    // The budget (200 ms) is for the GUI thread: the longest it was busy at
    // once between the click and the sorted list on screen.
    const double sortBlockMs = std::max(clickMs, sorted.longestTurnMs);
    sortFigure.extra = {{QStringLiteral("gui_block_max_ms"), sortBlockMs},
                        {QStringLiteral("click_ms"), clickMs},
                        {QStringLiteral("read_meanwhile"), meanwhile ? 1.0 : 0.0},
                        {QStringLiteral("jump_meanwhile_ms"), jumpMeanwhileMs}};
    sortFigure.blockBudgetMs = kBudgetSortMs;
    sortFigure.blockMs = sortBlockMs;
    figures << sortFigure;
    model.sort(TaskListModel::IdColumn);
    QCoreApplication::processEvents();

    const double rssMb = selfMemoryMb("VmRSS");
    const double hwmMb = selfMemoryMb("VmHWM");

    bool allCorrect = true;
    for (const Figure& f : figures) {
        JsonLine line(f.name);
        const bool own = !f.baseline.what.isEmpty();
        const double base = own ? f.baseline.ms : baselineMs;
        line.add(QStringLiteral("tasks"), n)
            .add(QStringLiteral("postil_ms"), f.ms, 2)
            .add(QStringLiteral("postil_cpu_ms"), f.cpuMs, 2)
            .add(QStringLiteral("baseline"),
                 own ? f.baseline.what
                     : QStringLiteral("sqlite3 C API, open + SELECT count(*) FROM tasks"))
            .add(QStringLiteral("baseline_ms"), base, 2);
        if (!own)
            line.add(QStringLiteral("baseline_cpu_ms"), baselineCpuMs, 2);
        line.add(QStringLiteral("ratio"), f.ms / std::max(0.001, base), 2)
            .add(QStringLiteral("rows"), f.rows)
            .add(QStringLiteral("correct"), f.correct);
        if (f.name == QLatin1String("tasklist_open_first_screen"))
            line.add(QStringLiteral("steps"), openSteps)
                .add(QStringLiteral("blocks_read"), blocksAfterOpen)
                .add(QStringLiteral("qt_first_show_ms"), qtFirstShowMs, 1);
        for (const auto& [key, value] : f.extra)
            line.add(key, value, 2);
        if (f.budgetMs > 0)
            line.add(QStringLiteral("budget_ms"), f.budgetMs, 0)
                .add(QStringLiteral("pass"), f.correct && f.ms <= f.budgetMs);
        else if (f.blockBudgetMs > 0)
            line.add(QStringLiteral("budget_gui_block_ms"), f.blockBudgetMs, 0)
                .add(QStringLiteral("pass"), f.correct && f.blockMs <= f.blockBudgetMs);
        else
            line.add(QStringLiteral("budget_ms"), "none (information)");
        line.print();
        allCorrect = allCorrect && f.correct;
    }
    JsonLine(QStringLiteral("tasklist_memory"))
        .add(QStringLiteral("tasks"), n)
        .add(QStringLiteral("vmrss_mb"), rssMb, 1)
        .add(QStringLiteral("vmhwm_mb"), hwmMb, 1)
        .add(QStringLiteral("budget_rss_mb"), kBudgetRssMb, 0)
        .add(QStringLiteral("pass"), rssMb <= kBudgetRssMb)
        .print();

    view.setModel(nullptr);
    model.setProject(nullptr);
    if (!allCorrect)
        note(
            QStringLiteral("bench_tasklist: a figure did not show what it should (see "
                           "\"correct\")"));
    return allCorrect ? 0 : 1;
}

// bench_compare_editor: the comparison editor under the two loads an
// evaluator puts on it.
//
// (a) Switching between two tasks whose two responses are 20,000 words of
//     Markdown each: setDocument(nullptr) + setDocument(next) + layout + a
//     grab of the whole editor (so everything visible is laid out and
//     painted). Budget: <= 100 ms per switch. For scale, the same run times a
//     bare QTextEdit showing the same two texts as plain text.
// (b) Typing a critique: 2,000 keystrokes with QTest::keyClick and one
//     event-loop turn after each. The figure is the longest time the UI
//     thread is blocked by one keystroke or one loop turn (which includes the
//     debounced writes, reported apart as well). Budget: no block > 5 ms.
//     Baseline: the same typing into a bare QPlainTextEdit. Then durability:
//     typing one key every 20 ms while a second SQLite connection polls the
//     file; the time from each keystroke until the file holds it. Budget:
//     <= 1 s.
//
// Run: QT_QPA_PLATFORM=offscreen bench_compare_editor [--keep]

#include <sqlite3.h>

#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLayout>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTextEdit>
#include <functional>

#include "benchsupport.h"
#include "document/taskdocument.h"
#include "editors/compare/compareeditor.h"
#include "editors/compare/comparesidepanel.h"
#include "editors/compare/critiquepanel.h"
#include "widgets/textdebouncer.h"

using namespace postil;
using namespace postil::bench;

namespace {

constexpr int kWords = 20000;
constexpr int kSwitches = 40;
constexpr int kKeystrokes = 2000;
constexpr double kSwitchBudgetMs = 100.0;
constexpr double kBlockBudgetMs = 5.0;
constexpr double kDurableBudgetMs = 1000.0;

// A model-like answer of `words` words: headings, paragraphs, bullet lists,
// inline code and a code block now and then. Deterministic in seed.
QString markdownResponse(int words, quint64 seed) {
    static const char* const kVocabulary[] = {
        "the",       "model",   "answer",   "should",  "consider",  "data",     "because",
        "however",   "results", "function", "returns", "value",     "error",    "which",
        "means",     "example", "first",    "second",  "finally",   "approach", "memory",
        "latency",   "request", "server",   "client",  "database",  "index",    "query",
        "café",      "naïve",   "Größe",    "東京",    "データ",    "🙂",     "important",
        "carefully", "simple",  "complex",  "average", "throughput"};
    constexpr quint64 kCount = sizeof(kVocabulary) / sizeof(kVocabulary[0]);
    quint64 state = seed * 0x9E3779B97F4A7C15ULL + 1;
    auto next = [&state] {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return state * 0x2545F4914F6CDD1DULL;
    };
    auto word = [&] { return QString::fromUtf8(kVocabulary[next() % kCount]); };
    QString text;
    text.reserve(words * 8);
    int written = 0;
    int paragraph = 0;
    while (written < words) {
        if (paragraph % 8 == 0)
            text += QStringLiteral("## Section %1\n\n").arg(paragraph / 8 + 1);
        if (paragraph % 5 == 4) {
            for (int item = 0; item < 5 && written < words; ++item) {
                text += QStringLiteral("- **%1** ").arg(word());
                for (int w = 0; w < 9; ++w, ++written)
                    text += word() + QLatin1Char(' ');
                text += QLatin1Char('\n');
            }
        } else if (paragraph % 13 == 12) {
            text += QStringLiteral("```python\ndef f(x):\n    return x * %1\n```\n").arg(paragraph);
            written += 6;
        } else {
            const int length = 60 + int(next() % 60);
            for (int w = 0; w < length && written < words; ++w, ++written) {
                text += w % 17 == 5 ? QStringLiteral("`%1`").arg(word()) : word();
                text += w + 1 < length ? QLatin1Char(' ') : QLatin1Char('.');
            }
        }
        text += QStringLiteral("\n\n");
        ++paragraph;
    }
    return text;
}

double ms(qint64 ns) {
    return double(ns) / 1e6;
}

struct Blocks {
    std::vector<double> keys;    // each keyClick
    std::vector<double> loops;   // each event-loop turn after it
    std::vector<double> writes;  // the loop turns that wrote the critique
    double max() const {
        double m = 0;
        for (const auto* list : {&keys, &loops})
            for (double v : *list)
                m = std::max(m, v);
        return m;
    }
};

// Types `count` characters into `target`, timing the keystroke and the loop
// turn after it; `writes` tells whether a loop turn wrote to the document.
Blocks typeInto(QWidget* target, int count, const std::function<bool()>& wroteSinceLast) {
    static const QString kText = QStringLiteral(
        "Response A gets the capital wrong; B is right but terse. 1) cite a source, 2) fix it. ");
    Blocks blocks;
    QElapsedTimer timer;
    for (int i = 0; i < count; ++i) {
        const QChar c = kText.at(i % kText.size());
        timer.start();
        QTest::keyClick(target, c.toLatin1());
        blocks.keys.push_back(ms(timer.nsecsElapsed()));
        timer.start();
        QCoreApplication::processEvents();
        const double loop = ms(timer.nsecsElapsed());
        blocks.loops.push_back(loop);
        if (wroteSinceLast())
            blocks.writes.push_back(loop);
    }
    return blocks;
}

// A second connection to the project file, as another process would see it.
class FileReader {
public:
    bool open(const QString& path, const QString& taskUid, const QString& annotator) {
        if (sqlite3_open_v2(path.toUtf8().constData(), &m_db, SQLITE_OPEN_READONLY, nullptr) !=
            SQLITE_OK)
            return false;
        if (sqlite3_prepare_v2(m_db,
                               "SELECT result FROM annotations WHERE task_uid = ?1 AND "
                               "annotator = ?2 AND deleted = 0",
                               -1, &m_select, nullptr) != SQLITE_OK)
            return false;
        m_uid = taskUid.toUtf8();
        m_annotator = annotator.toUtf8();
        return true;
    }
    QString critique() {
        sqlite3_bind_text(m_select, 1, m_uid.constData(), int(m_uid.size()), SQLITE_STATIC);
        sqlite3_bind_text(m_select, 2, m_annotator.constData(), int(m_annotator.size()),
                          SQLITE_STATIC);
        QString text;
        if (sqlite3_step(m_select) == SQLITE_ROW) {
            const auto* json = reinterpret_cast<const char*>(sqlite3_column_text(m_select, 0));
            text = QJsonDocument::fromJson(QByteArray(json))
                       .object()
                       .value(QStringLiteral("critique"))
                       .toString();
        }
        sqlite3_reset(m_select);
        return text;
    }
    ~FileReader() {
        sqlite3_finalize(m_select);
        sqlite3_close(m_db);
    }

private:
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_select = nullptr;
    QByteArray m_uid;
    QByteArray m_annotator;
};

Task compareTask(const QString& uid, quint64 seed) {
    Task task;
    task.uid = uid;
    task.kind = TaskKind::Compare;
    task.data = {{QStringLiteral("prompt"), QStringLiteral("Explain how the cache works.")},
                 {QStringLiteral("responses"),
                  QJsonArray{markdownResponse(kWords, seed), markdownResponse(kWords, seed + 1)}}};
    task.preview = Task::previewFor(task.kind, task.data);
    return task;
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    Args args;
    QTemporaryDir dir;
    if (const int stop = startBench(app, args, dir))
        return stop;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                       dir.filePath(QStringLiteral("settings")));

    const QString path = dir.filePath(QStringLiteral("bench.postil"));
    Project::CreateOptions options;
    options.kind = TaskKind::Compare;
    auto schema = Schema::fromJsonText(R"({
      "labels": [{"name": "wrong", "color": "#e53935"}, {"name": "unsupported", "color": "#1e88e5"}],
      "rubric": [{"name": "helpfulness", "min": 1, "max": 7}, {"name": "accuracy", "min": 1, "max": 7}],
      "critique": {"min_chars": 20}})");
    if (!schema.ok()) {
        note(schema.error());
        return 1;
    }
    options.schema = *schema;
    auto created = Project::create(path, options);
    if (!created.ok()) {
        note(created.error());
        return 1;
    }
    Project& project = **created;
    Task first = compareTask(QStringLiteral("long-1"), 1);
    Task second = compareTask(QStringLiteral("long-2"), 3);
    if (!project.tasks().add(first).ok() || !project.tasks().add(second).ok()) {
        note(QStringLiteral("cannot add the tasks"));
        return 1;
    }
    TaskDocument docA(project, first);
    TaskDocument docB(project, second);

    CompareEditor editor;
    QWidget* widget = editor.widget();
    widget->resize(1400, 900);
    widget->show();
    if (!QTest::qWaitForWindowExposed(widget))
        return 1;
    widget->activateWindow();
    if (!QTest::qWaitForWindowActive(widget))
        note(QStringLiteral("the editor's window did not become active"));

    // ---- (a) switching
    std::vector<double> switches;
    QElapsedTimer timer;
    for (int i = -2; i < kSwitches; ++i) {  // two warm-up switches
        TaskDocument* next = (i % 2 == 0) ? &docA : &docB;
        timer.start();
        editor.setDocument(nullptr);
        editor.setDocument(next);
        widget->layout()->activate();
        const QPixmap shot = widget->grab();
        const double elapsed = ms(timer.nsecsElapsed());
        QCoreApplication::processEvents();
        if (i >= 0 && !shot.isNull())
            switches.push_back(elapsed);
    }
    // The baseline: two bare text views showing the same texts as plain text.
    QWidget plain;
    plain.resize(1400, 900);
    auto* left = new QTextEdit(&plain);
    auto* right = new QTextEdit(&plain);
    left->setGeometry(0, 0, 700, 900);
    right->setGeometry(700, 0, 700, 900);
    plain.show();
    if (!QTest::qWaitForWindowExposed(&plain))
        return 1;
    std::vector<double> plainSwitches;
    for (int i = -2; i < kSwitches; ++i) {
        const Task& task = (i % 2 == 0) ? first : second;
        const QJsonArray responses = task.data.value(QStringLiteral("responses")).toArray();
        timer.start();
        left->setPlainText(responses.at(0).toString());
        right->setPlainText(responses.at(1).toString());
        const QPixmap shot = plain.grab();
        const double elapsed = ms(timer.nsecsElapsed());
        QCoreApplication::processEvents();
        if (i >= 0 && !shot.isNull())
            plainSwitches.push_back(elapsed);
    }
    plain.hide();
    // Hidden, the baseline's views would go on laying their texts out lazily in timer steps
    // during the typing measured next, and be counted against the editor.
    left->clear();
    right->clear();
    const double switchP50 = percentile(switches, 0.5);
    const double switchMax = percentile(switches, 1.0);
    JsonLine(QStringLiteral("compare_editor_switch"))
        .add(QStringLiteral("words_per_response"), kWords)
        .add(QStringLiteral("switches"), int(switches.size()))
        .add(QStringLiteral("p50_ms"), switchP50, 2)
        .add(QStringLiteral("p95_ms"), percentile(switches, 0.95), 2)
        .add(QStringLiteral("max_ms"), switchMax, 2)
        .add(QStringLiteral("plain_textedit_p50_ms"), percentile(plainSwitches, 0.5), 2)
        .add(QStringLiteral("ratio_p50"),
             switchP50 / std::max(0.01, percentile(plainSwitches, 0.5)), 2)
        .add(QStringLiteral("budget_ms"), kSwitchBudgetMs, 0)
        .add(QStringLiteral("within_budget"), switchMax <= kSwitchBudgetMs)
        .print();

    // ---- (b) typing
    editor.setDocument(&docA);
    QPlainTextEdit* critique = editor.sidePanel()->critique()->editor();
    critique->setFocus();
    QCoreApplication::processEvents();
    int writes = 0;
    QObject::connect(&docA, &TaskDocument::changed, [&writes] { ++writes; });
    int seen = 0;
    auto wrote = [&] {
        const bool w = writes != seen;
        seen = writes;
        return w;
    };
    const Blocks editorBlocks = typeInto(critique, kKeystrokes, wrote);
    // Baseline: the same keystrokes into a bare editor, nothing else on screen.
    widget->hide();
    QPlainTextEdit bare;
    bare.resize(400, 300);
    bare.show();
    if (!QTest::qWaitForWindowExposed(&bare))
        return 1;
    bare.activateWindow();
    bare.setFocus();
    const Blocks bareBlocks = typeInto(&bare, kKeystrokes, [] { return false; });
    bare.hide();
    widget->show();
    if (!QTest::qWaitForWindowExposed(widget))
        return 1;
    widget->activateWindow();
    critique->setFocus();

    const double maxBlock = editorBlocks.max();
    // Qt lays long documents out lazily after they are shown, in steps that double in size:
    // the first keystrokes after opening the task share their loop turns with that. The
    // slowest turn after the first kSettleKeys tells the typing apart from it.
    constexpr size_t kSettleKeys = 20;
    double settledMax = 0;
    for (size_t i = kSettleKeys; i < editorBlocks.keys.size(); ++i)
        settledMax = std::max({settledMax, editorBlocks.keys[i], editorBlocks.loops[i]});
    std::vector<double> all = editorBlocks.keys;
    all.insert(all.end(), editorBlocks.loops.begin(), editorBlocks.loops.end());
    std::vector<double> bareAll = bareBlocks.keys;
    bareAll.insert(bareAll.end(), bareBlocks.loops.begin(), bareBlocks.loops.end());
    JsonLine(QStringLiteral("compare_editor_typing"))
        .add(QStringLiteral("keystrokes"), kKeystrokes)
        .add(QStringLiteral("key_p50_ms"), percentile(editorBlocks.keys, 0.5), 3)
        .add(QStringLiteral("key_p99_ms"), percentile(editorBlocks.keys, 0.99), 3)
        .add(QStringLiteral("loop_p99_ms"), percentile(editorBlocks.loops, 0.99), 3)
        .add(QStringLiteral("writes"), int(editorBlocks.writes.size()))
        .add(QStringLiteral("write_max_ms"), percentile(editorBlocks.writes, 1.0), 3)
        .add(QStringLiteral("max_block_ms"), maxBlock, 3)
        .add(QStringLiteral("max_block_after_20_keys_ms"), settledMax, 3)
        .add(QStringLiteral("bare_p99_ms"), percentile(bareAll, 0.99), 3)
        .add(QStringLiteral("bare_max_block_ms"), percentile(bareAll, 1.0), 3)
        .add(QStringLiteral("ratio_p99"),
             percentile(all, 0.99) / std::max(0.001, percentile(bareAll, 0.99)), 2)
        .add(QStringLiteral("budget_ms"), kBlockBudgetMs, 0)
        .add(QStringLiteral("within_budget"), maxBlock <= kBlockBudgetMs)
        .print();

    // ---- (b) durability: one key every 20 ms, the file polled between keys.
    FileReader reader;
    if (!reader.open(path, first.uid, project.annotator())) {
        note(QStringLiteral("cannot open a second connection"));
        return 1;
    }
    critique->moveCursor(QTextCursor::End);
    editor.sidePanel()->critique()->debouncer()->flush();  // start from a written state
    const qsizetype base = critique->toPlainText().size();
    std::vector<qint64> typedAt;  // per keystroke, ns since start
    std::vector<double> latencies;
    QElapsedTimer clock;
    clock.start();
    qsizetype durableLength = reader.critique().size();
    const int durabilityKeys = 300;
    qint64 nextKey = 0;
    while (latencies.size() < size_t(durabilityKeys)) {
        if (typedAt.size() < size_t(durabilityKeys) && clock.nsecsElapsed() >= nextKey) {
            QTest::keyClick(critique, 'a' + char(typedAt.size() % 26));
            typedAt.push_back(clock.nsecsElapsed());
            nextKey += 20'000'000;
        }
        QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
        const qsizetype stored = reader.critique().size();
        const qint64 now = clock.nsecsElapsed();
        while (durableLength < stored) {
            const size_t k = size_t(durableLength - base);
            if (k < typedAt.size())
                latencies.push_back(ms(now - typedAt[k]));
            ++durableLength;
        }
        if (now > qint64(60) * 1'000'000'000)
            break;  // something is wrong; report what there is
    }
    const double durableMax = percentile(latencies, 1.0);
    JsonLine(QStringLiteral("compare_editor_durability"))
        .add(QStringLiteral("keystrokes"), int(latencies.size()))
        .add(QStringLiteral("interval_ms"), 20)
        .add(QStringLiteral("p50_ms"), percentile(latencies, 0.5), 1)
        .add(QStringLiteral("p99_ms"), percentile(latencies, 0.99), 1)
        .add(QStringLiteral("max_ms"), durableMax, 1)
        .add(QStringLiteral("budget_ms"), kDurableBudgetMs, 0)
        .add(QStringLiteral("within_budget"),
             latencies.size() == size_t(durabilityKeys) && durableMax <= kDurableBudgetMs)
        .print();
    editor.setDocument(nullptr);
    return 0;
}

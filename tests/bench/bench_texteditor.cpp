// bench_texteditor: the text editor on a 1 MB document with 20,000 spans, and
// on a 5,000-word document with 28 labels (where doccano and INCEpTION
// freeze). Figures, each with a baseline measured in the same run:
//   open    setDocument to the end of the first paint        <= 500 ms (1 MB)
//           baseline: QPlainTextEdit::setPlainText of the same text and its first paint
//   add     a word selected and labelled with a digit key: to the end of the
//           paint that shows the span                             <= 16 ms (p95)
//           and to its return, the undo step written to the project file
//           (information: the whole row, 20,000 spans, is written)
//           baseline: TaskDocument::changeResult of the same result, no editor
//   scroll  one page down (the scroll bar's page step) to the end of the repaint,
//           from the top through the text                        <= 16 ms (p95)
//           baseline: the same page steps in a QPlainTextEdit with the same text
//   memory  peak resident memory of the process from the editor's open through
//           the 1 MB figures                                     <= 300 MB
//           baseline: the process at start, before any document
// Options: --runs N (default 40). A bare number (run-all's task count) is ignored.

#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "benchsupport.h"
#include "document/taskdocument.h"
#include "editors/text/spantextview.h"
#include "editors/text/texteditor.h"
#include "model/spanresult.h"
#include "processmemory.h"
#include "shell/editorregistry.h"

using namespace postil;
using namespace postil::bench;

namespace {

constexpr double kOpenBudgetMs = 500;
constexpr double kFrameBudgetMs = 16;
constexpr double kMemoryBudgetMb = 300;
// "No delay a person can see" for the 5,000-word document's open.
constexpr double kSmallOpenBudgetMs = 100;

const char* const kWords[] = {
    "the",      "order",  "arrived", "late",   "and",       "customer",  "asked",  "for",
    "a",        "refund", "from",    "Acme",   "Corp",      "in",        "Berlin", "on",
    "Monday",   "after",  "Maria",   "Lopez",  "called",    "support",   "twice",  "about",
    "shipping", "Zürich", "café",    "naïve",  "résumé",    "delivery",  "window", "parcel",
    "東京",     "مرحبا",  "invoice", "number", "warehouse", "Rotterdam", "phone",  "screen"};
constexpr int kWordCount = int(sizeof(kWords) / sizeof(kWords[0]));

struct Lcg {
    quint32 state;
    quint32 next() {
        state = state * 1664525u + 1013904223u;
        return state >> 8;
    }
};

// Deterministic text of about 'chars' UTF-16 units in paragraphs of 60-140
// words, with an emoji now and then.
QString makeText(qsizetype chars, quint32 seed) {
    Lcg rng{seed};
    QString text;
    text.reserve(chars + 200);
    int inParagraph = 0;
    int paragraphWords = 60 + int(rng.next() % 80);
    while (text.size() < chars) {
        text += QString::fromUtf8(kWords[rng.next() % kWordCount]);
        if (rng.next() % 97 == 0)
            text += QStringLiteral(" 👍🏽");
        if (++inParagraph >= paragraphWords) {
            text += QStringLiteral(".\n");
            inParagraph = 0;
            paragraphWords = 60 + int(rng.next() % 80);
        } else {
            text += QLatin1Char(' ');
        }
    }
    return text;
}

// Word boundaries of the text (UTF-16), for spans on whole words.
QList<QPair<qsizetype, qsizetype>> wordsOf(const QString& text) {
    QList<QPair<qsizetype, qsizetype>> words;
    qsizetype start = -1;
    for (qsizetype i = 0; i <= text.size(); ++i) {
        const bool letter = i < text.size() && text.at(i).isLetter();
        if (letter && start < 0)
            start = i;
        else if (!letter && start >= 0) {
            words.append({start, i});
            start = -1;
        }
    }
    return words;
}

// 'count' spans over words and word pairs spread through the text, some
// nested, with 'labels' labels; offsets in code points.
QJsonArray makeSpans(const QString& text, int count, int labels, quint32 seed) {
    const TextOffsets offsets(text);
    const auto words = wordsOf(text);
    Lcg rng{seed};
    QJsonArray spans;
    const qsizetype step = std::max<qsizetype>(2, words.size() / count);
    for (qsizetype w = 0; w + 2 < words.size() && spans.size() < count; w += step) {
        const bool pair = rng.next() % 4 == 0;
        const qsizetype end = pair ? words[w + 1].second : words[w].second;
        spans.append(
            QJsonObject{{QStringLiteral("label"), QStringLiteral("L%1").arg(rng.next() % labels)},
                        {QStringLiteral("start"), double(offsets.toCodePoint(words[w].first))},
                        {QStringLiteral("end"), double(offsets.toCodePoint(end))}});
        if (pair && rng.next() % 3 == 0 && spans.size() < count)  // nested in the pair
            spans.append(QJsonObject{
                {QStringLiteral("label"), QStringLiteral("L%1").arg(rng.next() % labels)},
                {QStringLiteral("start"), double(offsets.toCodePoint(words[w + 1].first))},
                {QStringLiteral("end"), double(offsets.toCodePoint(end))}});
    }
    return spans;
}

QByteArray schemaJson(int labels) {
    QJsonArray list;
    for (int i = 0; i < labels; ++i)
        list.append(
            QJsonObject{{QStringLiteral("name"), QStringLiteral("L%1").arg(i)},
                        {QStringLiteral("color"), QColor::fromHsv((i * 47) % 360, 160, 230).name()},
                        {QStringLiteral("kinds"), QJsonArray{QStringLiteral("text")}}});
    return QJsonDocument(QJsonObject{{QStringLiteral("labels"), list}}).toJson();
}

struct Samples {
    std::vector<double> wall;
    void add(double ms) { wall.push_back(ms); }
    double p(double q) const { return percentile(wall, q); }
};

// Page steps through a scroll area, each to the end of its repaint.
Samples pageThrough(QAbstractScrollArea* area, int pages) {
    Samples samples;
    QScrollBar* bar = area->verticalScrollBar();
    bar->setValue(0);
    area->viewport()->repaint();
    for (int i = 0; i < pages; ++i) {
        Stopwatch watch;
        watch.start();
        bar->triggerAction(QAbstractSlider::SliderPageStepAdd);
        area->viewport()->repaint();
        samples.add(watch.ms());
        QCoreApplication::processEvents();  // the view's background work, untimed
    }
    return samples;
}

struct Sizes {
    QString name;
    qsizetype chars;
    int spans;
    int labels;
    double openBudget;
};

}  // namespace

int main(int argc, char** argv) {
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    EditorRegistry::instance();  // the editors' key tables, as in the studio
    int runs = 40;
    const QStringList arguments = QCoreApplication::arguments();
    for (qsizetype i = 1; i < arguments.size(); ++i)
        if (arguments[i] == QLatin1String("--runs") && i + 1 < arguments.size())
            runs = arguments[++i].toInt();
    if (runs < 2) {
        note(QStringLiteral("usage: bench_texteditor [--runs N]"));
        return 2;
    }
    QTemporaryDir dir;
    if (!dir.isValid())
        return 1;
    bool allCorrect = true;
    const double baseMemory = selfMemoryMb("VmRSS");

    // The 5,000-word document: about 6 characters a word.
    for (const Sizes& size :
         {Sizes{QStringLiteral("1MB"), 1000000, 20000, 12, kOpenBudgetMs},
          Sizes{QStringLiteral("5000words"), 33000, 1500, 28, kSmallOpenBudgetMs}}) {
        note(QStringLiteral("bench_texteditor: %1 document, %2 spans, %3 labels")
                 .arg(size.name)
                 .arg(size.spans)
                 .arg(size.labels));
        auto schema = Schema::fromJsonText(schemaJson(size.labels));
        if (!schema.ok())
            return 1;
        Project::CreateOptions options;
        options.kind = TaskKind::Text;
        options.schema = *schema;
        auto created =
            Project::create(dir.filePath(size.name + QStringLiteral(".postil")), options);
        if (!created.ok()) {
            note(created.error());
            return 1;
        }
        Project& project = **created;
        const QString text = makeText(size.chars, 4242);
        Task task;
        task.uid = QStringLiteral("doc");
        task.kind = TaskKind::Text;
        task.data = {{QStringLiteral("text"), text}};
        if (!project.tasks().add(task).ok())
            return 1;
        const QJsonArray spans = makeSpans(text, size.spans, size.labels, 99);
        {
            TaskDocument seed(project, task);
            seed.changeResult({{QStringLiteral("spans"), spans}}, QStringLiteral("seed"));
        }

        // Baseline for open and scroll: a plain QPlainTextEdit, same text and size.
        QPlainTextEdit plain;
        plain.setReadOnly(true);
        plain.resize(900, 760);
        plain.show();
        QCoreApplication::processEvents();
        PaintCounter plainPainted;
        plain.viewport()->installEventFilter(&plainPainted);
        Stopwatch watch;
        watch.start();
        plain.setPlainText(text);
        waitForPaint(plainPainted, plainPainted.paints);
        const double plainOpenMs = watch.ms();
        const Samples plainScroll = pageThrough(&plain, runs);
        plain.clear();
        plain.hide();
        QCoreApplication::processEvents();
        // The peak from here on is the editor's (and what the process holds).
        const double beforeOpen = selfMemoryMb("VmRSS");
        resetPeakMemory();

        TextEditor editor;
        QWidget* window = editor.widget();
        window->resize(1280, 800);
        window->show();
        QCoreApplication::processEvents();
        SpanTextView* view = editor.view();
        PaintCounter painted;
        view->viewport()->installEventFilter(&painted);

        // 1. Open: to the end of the first paint with the spans.
        TaskDocument document(project, task);
        const int before = painted.paints;
        watch.start();
        editor.setDocument(&document);
        const bool paintedOnce = waitForPaint(painted, before);
        const double openMs = watch.ms();
        const double openCpu = watch.cpu();
        const bool opened = paintedOnce && editor.annotation().spans.size() == spans.size() &&
                            view->scene().spans.spans().size() == spans.size();
        allCorrect = allCorrect && opened;
        JsonLine(QStringLiteral("texteditor"))
            .add(QStringLiteral("figure"), "open")
            .add(QStringLiteral("document"), size.name)
            .add(QStringLiteral("chars"), qint64(text.size()))
            .add(QStringLiteral("spans"), qint64(spans.size()))
            .add(QStringLiteral("labels"), size.labels)
            .add(QStringLiteral("ms"), openMs)
            .add(QStringLiteral("cpu_ms"), openCpu)
            .add(QStringLiteral("baseline"), "QPlainTextEdit setPlainText + first paint")
            .add(QStringLiteral("baseline_ms"), plainOpenMs)
            .add(QStringLiteral("ratio"), plainOpenMs > 0 ? openMs / plainOpenMs : 0.0, 2)
            .add(QStringLiteral("budget_ms"), size.openBudget)
            .add(QStringLiteral("correct"), opened)
            .add(QStringLiteral("pass"), opened && openMs <= size.openBudget)
            .print();

        // 2. Add a span: a word with no span yet, selected, then key 1.
        const auto words = wordsOf(text);
        const TextOffsets offsets(text);
        Samples adds;
        Samples shown;
        Samples raw;
        int added = 0;
        QElapsedTimer paintClock;
        double paintedAt = -1;
        QObject::connect(view, &SpanTextView::painted, [&] {
            if (paintedAt < 0)
                paintedAt = elapsedMs(paintClock);
        });
        view->setFocus();
        for (int run = 0; run < runs; ++run) {
            // A word in the middle third, well apart from the others.
            const auto word = words[words.size() / 3 + run * 37 + 1];
            view->setSelection(word.first, word.second);
            view->viewport()->repaint();
            QCoreApplication::processEvents();
            const qsizetype count = editor.annotation().spans.size();
            paintedAt = -1;
            paintClock.start();
            watch.start();
            editor.applyLabelKey(1);
            adds.add(watch.ms());
            shown.add(paintedAt < 0 ? watch.ms() : paintedAt);
            added += editor.annotation().spans.size() == count + 1 ? 1 : 0;
            // Baseline: the same result written straight through a document.
            const QJsonObject result = document.result();
            TaskDocument bare(project, task);
            QJsonObject other = result;
            other.insert(QStringLiteral("bench"), run);  // a change, so it is written
            watch.start();
            bare.changeResult(other, QStringLiteral("bare"));
            raw.add(watch.ms());
            // Put the editor's result back as the newest row.
            document.undoStack()->undo();
            document.undoStack()->redo();
        }
        auto row = project.annotations().get(task.uid, project.annotator());
        const bool addedAll =
            added == runs && row &&
            row->result.value(QStringLiteral("spans")).toArray().size() == spans.size() + runs;
        allCorrect = allCorrect && addedAll;
        JsonLine(QStringLiteral("texteditor"))
            .add(QStringLiteral("figure"), "add")
            .add(QStringLiteral("document"), size.name)
            .add(QStringLiteral("spans"), qint64(spans.size()))
            .add(QStringLiteral("runs"), runs)
            .add(QStringLiteral("shown_median_ms"), shown.p(0.5))
            .add(QStringLiteral("shown_p95_ms"), shown.p(0.95))
            .add(QStringLiteral("shown_max_ms"), shown.p(1.0))
            .add(QStringLiteral("written_median_ms"), adds.p(0.5))
            .add(QStringLiteral("written_p95_ms"), adds.p(0.95))
            .add(QStringLiteral("baseline"), "TaskDocument::changeResult of the same result")
            .add(QStringLiteral("baseline_median_ms"), raw.p(0.5))
            .add(QStringLiteral("ratio"), raw.p(0.5) > 0 ? adds.p(0.5) / raw.p(0.5) : 0.0, 2)
            .add(QStringLiteral("budget_ms"), kFrameBudgetMs)
            .add(QStringLiteral("correct"), addedAll)
            .add(QStringLiteral("pass"), addedAll && shown.p(0.95) <= kFrameBudgetMs)
            .print();

        // 3. Scroll: page after page from the top.
        const Samples scroll = pageThrough(view, runs);
        JsonLine(QStringLiteral("texteditor"))
            .add(QStringLiteral("figure"), "scroll")
            .add(QStringLiteral("document"), size.name)
            .add(QStringLiteral("pages"), runs)
            .add(QStringLiteral("viewport"), QStringLiteral("%1x%2")
                                                 .arg(view->viewport()->width())
                                                 .arg(view->viewport()->height()))
            .add(QStringLiteral("median_ms"), scroll.p(0.5))
            .add(QStringLiteral("p95_ms"), scroll.p(0.95))
            .add(QStringLiteral("max_ms"), scroll.p(1.0))
            .add(QStringLiteral("baseline"), "QPlainTextEdit page steps, same text")
            .add(QStringLiteral("baseline_median_ms"), plainScroll.p(0.5))
            .add(QStringLiteral("baseline_p95_ms"), plainScroll.p(0.95))
            .add(QStringLiteral("ratio"),
                 plainScroll.p(0.5) > 0 ? scroll.p(0.5) / plainScroll.p(0.5) : 0.0, 2)
            .add(QStringLiteral("budget_ms"), kFrameBudgetMs)
            .add(QStringLiteral("pass"), scroll.p(0.95) <= kFrameBudgetMs)
            .print();

        if (size.chars >= 1000000) {
            const double peak = selfMemoryMb("VmHWM");
            JsonLine(QStringLiteral("texteditor"))
                .add(QStringLiteral("figure"), "memory")
                .add(QStringLiteral("document"), size.name)
                .add(QStringLiteral("peak_rss_mb"), peak, 1)
                .add(QStringLiteral("before_open_rss_mb"), beforeOpen, 1)
                .add(QStringLiteral("baseline"), "the process at start, before any document")
                .add(QStringLiteral("baseline_rss_mb"), baseMemory, 1)
                .add(QStringLiteral("ratio"), baseMemory > 0 ? peak / baseMemory : 0.0, 2)
                .add(QStringLiteral("budget_mb"), kMemoryBudgetMb)
                .add(QStringLiteral("pass"), peak <= kMemoryBudgetMb)
                .print();
        }
        editor.setDocument(nullptr);
    }
    return allCorrect ? 0 : 1;
}

// bench_compare_render: showing two long model responses side by side.
//
// (a) Render: two 20,000-word Markdown responses (headings, paragraphs,
//     nested lists, code blocks, tables, inline markup, some emoji) set into
//     two ResponseViews laid out side by side at 1600x1000, then the window
//     grabbed (so what is visible is laid out and painted). Budget: <= 200 ms
//     for both. Baseline in the same run: two read-only QTextEdits given the
//     same texts with setPlainText, grabbed the same way.
// (b) Raw/rendered toggle of both views, and scrolling both to the end (the
//     rest of the layout, which Qt finishes lazily).
// (c) Word diff of the two responses (they share vocabulary, not text: the
//     expensive case), and of a response against a lightly edited copy (a
//     rewrite); and the WordDiffView showing the latter.
//
// Run: QT_QPA_PLATFORM=offscreen bench_compare_render [ROUNDS]

#include <QApplication>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QTest>
#include <QTextEdit>
#include <functional>

#include "benchsupport.h"
#include "editors/compare/responseview.h"
#include "editors/compare/worddiffview.h"
#include "text/worddiff.h"

using namespace postil;
using namespace postil::bench;

namespace {

constexpr int kWords = 20000;
constexpr double kRenderBudgetMs = 200.0;

const char* const kVocabulary[] = {
    "the",     "model",   "answer",   "should",     "consider", "data",      "because",
    "however", "results", "function", "returns",    "value",    "error",     "which",
    "means",   "example", "first",    "second",     "finally",  "approach",  "memory",
    "latency", "request", "server",   "client",     "database", "index",     "query",
    "café",    "naïve",   "Größe",    "東京",       "🙂",     "important", "carefully",
    "simple",  "complex", "average",  "throughput", "a",        "of",        "to",
    "in",      "is",      "for",      "on",         "with",     "as",        "it"};

class Generator {
public:
    explicit Generator(quint64 seed) : m_random(seed) {}

    QString word() {
        return QString::fromUtf8(kVocabulary[m_random.bounded(int(std::size(kVocabulary)))]);
    }

    // `count` words of running text with some inline markup.
    QString sentence(int count) {
        QString text;
        for (int i = 0; i < count; ++i) {
            if (i > 0)
                text += QLatin1Char(' ');
            const int style = m_random.bounded(40);
            QString w = word();
            if (i == 0)
                w[0] = w[0].toUpper();
            if (style == 0)
                text += QStringLiteral("**") + w + QStringLiteral("**");
            else if (style == 1)
                text += QLatin1Char('*') + w + QLatin1Char('*');
            else if (style == 2)
                text += QLatin1Char('`') + w + QStringLiteral("()`");
            else if (style == 3)
                text += QLatin1Char('[') + w + QStringLiteral("](https://example.com/") +
                        QString::number(i) + QLatin1Char(')');
            else
                text += w;
        }
        return text + QLatin1Char('.');
    }

    // A model-like answer of about `words` words.
    QString response(int words) {
        QString text;
        int written = 0;
        int section = 0;
        while (written < words) {
            const int kind = m_random.bounded(10);
            if (kind == 0) {
                text += QStringLiteral("## Section %1: ").arg(++section) + sentence(4) +
                        QStringLiteral("\n\n");
                written += 6;
            } else if (kind <= 5) {
                const int n = 40 + m_random.bounded(60);
                text += sentence(n / 2) + QLatin1Char('\n') + sentence(n - n / 2) +
                        QStringLiteral("\n\n");
                written += n;
            } else if (kind <= 7) {
                const bool ordered = kind == 7;
                for (int item = 0; item < 4; ++item) {
                    text += ordered ? QStringLiteral("%1. ").arg(item + 1) : QStringLiteral("- ");
                    text += sentence(10) + QLatin1Char('\n');
                    if (item == 1)
                        text += QStringLiteral("   - ") + sentence(6) + QLatin1Char('\n');
                    written += item == 1 ? 16 : 10;
                }
                text += QLatin1Char('\n');
            } else if (kind == 8) {
                text += QStringLiteral("```python\n");
                for (int line = 0; line < 8; ++line) {
                    text += QStringLiteral("    ") + word() + QStringLiteral(" = ") + word() +
                            QStringLiteral("(") + word() + QStringLiteral(", ") +
                            QString::number(line) + QStringLiteral(")\n");
                }
                text += QStringLiteral("```\n\n");
                written += 32;
            } else {
                text += QStringLiteral("| Name | Value | Notes |\n|---|--:|---|\n");
                for (int row = 0; row < 5; ++row)
                    text += QStringLiteral("| ") + word() + QStringLiteral(" | ") +
                            QString::number(m_random.bounded(1000)) + QStringLiteral(" | ") +
                            sentence(4) + QStringLiteral(" |\n");
                text += QLatin1Char('\n');
                written += 30;
            }
        }
        return text;
    }

    // A rewrite: a word changed, dropped or added here and there.
    QString edit(const QString& text, int edits) {
        QStringList words = text.split(QLatin1Char(' '));
        for (int e = 0; e < edits; ++e) {
            const int at = m_random.bounded(int(words.size()));
            switch (m_random.bounded(3)) {
                case 0:
                    words[at] = word();
                    break;
                case 1:
                    words.removeAt(at);
                    break;
                default:
                    words.insert(at, word());
            }
        }
        return words.join(QLatin1Char(' '));
    }

private:
    QRandomGenerator m_random;
};

double timeMs(const std::function<void()>& work) {
    QElapsedTimer timer;
    timer.start();
    work();
    return double(timer.nsecsElapsed()) / 1e6;
}

// Shows 'window' at the size every figure is taken at; false if it never appears.
bool showForFigures(QWidget& window) {
    window.resize(1600, 1000);
    window.show();
    return QTest::qWaitForWindowExposed(&window);
}

struct Stats {
    double median;
    double p90;
    double max;
};

Stats stats(const std::vector<double>& samples) {
    return {percentile(samples, 0.5), percentile(samples, 0.9),
            *std::max_element(samples.begin(), samples.end())};
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    const int rounds = argc > 1 ? std::max(1, QString::fromLocal8Bit(argv[1]).toInt()) : 15;

    Generator generator(20240611);
    const QString a = generator.response(kWords);
    const QString b = generator.response(kWords);
    const QString rewrite = generator.edit(a, 200);
    note(QStringLiteral("responses: %1 and %2 UTF-16 units").arg(a.size()).arg(b.size()));

    // (a) the two views, against two plain QTextEdits.
    QWidget window;
    auto* layout = new QHBoxLayout(&window);
    auto* left = new ResponseView;
    auto* right = new ResponseView;
    left->setTitle(QStringLiteral("Response A"));
    right->setTitle(QStringLiteral("Response B"));
    layout->addWidget(left);
    layout->addWidget(right);
    if (!showForFigures(window))
        return 1;

    QWidget plainWindow;
    auto* plainLayout = new QHBoxLayout(&plainWindow);
    auto* plainLeft = new QTextEdit;
    auto* plainRight = new QTextEdit;
    for (QTextEdit* edit : {plainLeft, plainRight}) {
        edit->setReadOnly(true);
        plainLayout->addWidget(edit);
    }
    if (!showForFigures(plainWindow))
        return 1;

    std::vector<double> render, baseline, toggle, scroll;
    for (int round = 0; round < rounds; ++round) {
        // Swap sides every round so every set is a real change of content.
        const QString& first = round % 2 ? b : a;
        const QString& second = round % 2 ? a : b;
        left->setRendered(true);
        right->setRendered(true);
        render.push_back(timeMs([&] {
            left->setContent(first);
            right->setContent(second);
            window.grab();
        }));
        app.processEvents();
        baseline.push_back(timeMs([&] {
            plainLeft->setPlainText(first);
            plainRight->setPlainText(second);
            plainWindow.grab();
        }));
        app.processEvents();
        toggle.push_back(timeMs([&] {
            left->setRendered(false);
            right->setRendered(false);
            window.grab();
        }));
        left->setRendered(true);
        right->setRendered(true);
        app.processEvents();
        scroll.push_back(timeMs([&] {
            for (ResponseView* view : {left, right})
                view->verticalScrollBar()->setValue(view->verticalScrollBar()->maximum());
            window.grab();
        }));
        app.processEvents();
    }
    const Stats r = stats(render);
    const Stats p = stats(baseline);
    JsonLine(QStringLiteral("compare_render"))
        .add(QStringLiteral("figure"), "two 20k-word Markdown responses: setContent x2 + grab")
        .add(QStringLiteral("rounds"), rounds)
        .add(QStringLiteral("median_ms"), r.median, 1)
        .add(QStringLiteral("p90_ms"), r.p90, 1)
        .add(QStringLiteral("max_ms"), r.max, 1)
        .add(QStringLiteral("baseline_plain_median_ms"), p.median, 1)
        .add(QStringLiteral("baseline_plain_max_ms"), p.max, 1)
        .add(QStringLiteral("ratio_median"), r.median / p.median, 2)
        .add(QStringLiteral("budget_ms"), kRenderBudgetMs, 0)
        .add(QStringLiteral("within_budget"), r.p90 <= kRenderBudgetMs)
        .print();
    const Stats t = stats(toggle);
    const Stats s = stats(scroll);
    JsonLine(QStringLiteral("compare_render_toggle"))
        .add(QStringLiteral("figure"), "both views to raw + grab; then both scrolled to the end")
        .add(QStringLiteral("toggle_median_ms"), t.median, 1)
        .add(QStringLiteral("toggle_max_ms"), t.max, 1)
        .add(QStringLiteral("scroll_end_median_ms"), s.median, 1)
        .add(QStringLiteral("scroll_end_max_ms"), s.max, 1)
        .print();

    // (c) word diffs.
    std::vector<double> unrelated, edited, diffView;
    qsizetype unrelatedChunks = 0;
    qsizetype editedChunks = 0;
    WordDiffView view;
    view.resize(800, 1000);
    view.show();
    for (int round = 0; round < rounds; ++round) {
        unrelated.push_back(timeMs([&] { unrelatedChunks = wordDiff(a, b).size(); }));
        edited.push_back(timeMs([&] { editedChunks = wordDiff(a, rewrite).size(); }));
        diffView.push_back(timeMs([&] {
            view.setTexts(round % 2 ? rewrite : a, round % 2 ? a : rewrite,
                          QStringLiteral("Response A"), QStringLiteral("Rewrite"));
            view.grab();
        }));
        app.processEvents();
    }
    const Stats u = stats(unrelated);
    const Stats e = stats(edited);
    const Stats v = stats(diffView);
    JsonLine(QStringLiteral("compare_worddiff"))
        .add(QStringLiteral("figure"), "word diff of two 20k-word responses")
        .add(QStringLiteral("different_median_ms"), u.median, 1)
        .add(QStringLiteral("different_max_ms"), u.max, 1)
        .add(QStringLiteral("different_chunks"), qint64(unrelatedChunks))
        .add(QStringLiteral("rewrite_200_edits_median_ms"), e.median, 1)
        .add(QStringLiteral("rewrite_200_edits_max_ms"), e.max, 1)
        .add(QStringLiteral("rewrite_chunks"), qint64(editedChunks))
        .add(QStringLiteral("diff_view_set_and_grab_median_ms"), v.median, 1)
        .add(QStringLiteral("budget_ms"), 100.0, 0)
        .add(QStringLiteral("within_budget"), u.max < 100.0 && e.max < 100.0)
        .print();
    return 0;
}

// bench_nlpexport: `postil-cli export --format spacy` and `--format conll` of a
// text project of N tasks (default 100,000) with 10 spans each, against
// `--format jsonl` of the same project in the same run. Budget: each within 3x
// the jsonl export's time, and peak RSS flat: measured on a project a tenth
// the size too, the larger may use at most 25% more.
// The texts are the benchmarks' usual 100-200 characters with accents, CJK and
// an emoji beyond U+FFFF; the spans are words, their offsets code points.

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>

#include "benchsupport.h"
#include "model/spanresult.h"
#include "text/textoffsets.h"

using namespace postil;
using namespace postil::bench;

namespace {

constexpr qint64 kDefaultTexts = 100000;
constexpr int kSpansPerTask = 10;
constexpr double kBudgetRatio = 3.0;
constexpr double kFlatGrowth = 1.25;
const char* const kLabels[] = {"PER", "ORG", "LOC", "DATE", "PRODUCT"};

// The annotation of task i: its first ten words after "Task N:" as spans.
TextAnnotation spansOf(const QString& text, qint64 i) {
    const TextOffsets offsets(text);
    TextAnnotation annotation;
    qsizetype from = text.indexOf(QLatin1Char(':')) + 1;
    while (annotation.spans.size() < kSpansPerTask && from < text.size()) {
        while (from < text.size() && text.at(from) == QLatin1Char(' '))
            ++from;
        qsizetype to = text.indexOf(QLatin1Char(' '), from);
        if (to < 0)
            to = text.size();
        if (to > from) {
            Span span;
            span.label = QLatin1String(kLabels[(i + annotation.spans.size()) % 5]);
            span.start = offsets.toCodePoint(from);
            span.end = offsets.toCodePoint(to);
            annotation.spans << span;
        }
        from = to + 1;
    }
    return annotation;
}

Status makeSpanProject(const QString& path, qint64 n) {
    Project::CreateOptions options;
    options.kind = TaskKind::Text;
    for (const char* name : kLabels) {
        Label label;
        label.name = QLatin1String(name);
        label.kinds = {TaskKind::Text};
        options.schema.labels << label;
    }
    return fillProject(path, options, n, [](Project& p, qint64 i) {
        Task task;
        task.uid = taskUid(i);
        task.kind = TaskKind::Text;
        task.data = taskData(i);
        task.preview = Task::previewFor(task.kind, task.data);
        auto added = p.tasks().add(task);
        if (!added.ok())
            return Status::failure(added.error());
        Annotation a;
        a.taskUid = task.uid;
        a.annotator = QStringLiteral("bench");
        a.status = AnnotationStatus::Submitted;
        a.result = spanresult::withSpans(
            QJsonObject(), spansOf(task.data.value(QStringLiteral("text")).toString(), i));
        return p.saveAnnotation(a);
    });
}

qint64 countOccurrences(const QString& path, const QByteArray& needle) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    qint64 count = 0;
    QByteArray carry;
    while (!file.atEnd()) {
        QByteArray chunk = carry + file.read(1 << 20);
        count += chunk.count(needle);
        carry = chunk.right(needle.size() - 1);
    }
    return count;
}

struct Measured {
    ChildResult run;
    double tenthRss = -1;
    qint64 bytes = 0;
    qint64 spans = 0;
    bool ok = false;
};

Measured measure(const QString& format, const QByteArray& spanMark, const ProjectPair& projects,
                 const QTemporaryDir& dir, const Environment& env) {
    Measured m;
    note(QStringLiteral("bench_nlpexport: %1 export").arg(format));
    const QString out = dir.filePath(QStringLiteral("export.") + format);
    m.run = runCliExport("bench_nlpexport", format, projects.path, out, dir, env);
    if (m.run.exitCode != 0)
        return m;
    m.bytes = QFileInfo(out).size();
    m.spans = countOccurrences(out, spanMark);
    QFile::remove(out);
    if (!projects.tenthPath.isEmpty()) {
        const QString tenthOut = dir.filePath(QStringLiteral("tenth.") + format);
        const ChildResult tenth =
            runCliExport("bench_nlpexport", format, projects.tenthPath, tenthOut, dir, env);
        if (tenth.exitCode != 0)
            return m;
        m.tenthRss = tenth.peakRssMb;
        QFile::remove(tenthOut);
    }
    m.ok = true;
    return m;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    Args args;
    QTemporaryDir dir;
    if (const int stop = startBench(app, args, dir))
        return stop;
    if (!args.gaveTasks)
        args.tasks = kDefaultTexts;
    if (!args.makeProject.isEmpty()) {
        const Status made = makeSpanProject(args.makeProject, args.tasks);
        if (!made.ok())
            note(QStringLiteral("bench_nlpexport: %1").arg(made.error()));
        return made.ok() ? 0 : 1;
    }
    const Environment env = cliEnvironment(dir);
    // The projects are made in a child process: a child's peak RSS as wait4
    // reports it starts from its parent's, and making 100,000 tasks takes
    // this process to 200 MB, which would hide the exports' own figures.
    const QString self = QCoreApplication::applicationFilePath();
    const ProjectPair projects = prepareProjects(
        "bench_nlpexport", args, dir, QStringLiteral("texts.postil"),
        QStringLiteral("making text projects of %1 and %2 tasks, %3 spans each")
            .arg(args.tasks)
            .arg(args.tasks / 10)
            .arg(kSpansPerTask),
        [&self](const QString& path, qint64 count) {
            const ChildResult made =
                runChild({self, QString::number(count), QStringLiteral("--make-project"), path},
                         QString(), QString(), QString());
            return made.exitCode == 0
                       ? Status::success()
                       : Status::failure(QStringLiteral("making %1 failed").arg(path));
        });
    if (!projects.ok)
        return 1;
    const qint64 n = projects.tasks;

    note(QStringLiteral("bench_nlpexport: jsonl export (baseline)"));
    const QString jsonlOut = dir.filePath(QStringLiteral("export.jsonl"));
    const ChildResult baseline =
        runCliExport("bench_nlpexport", QStringLiteral("jsonl"), projects.path, jsonlOut, dir, env);
    if (baseline.exitCode != 0)
        return 1;
    const qint64 jsonlBytes = QFileInfo(jsonlOut).size();
    QFile::remove(jsonlOut);

    bool allRight = true;
    struct Run {
        QString format;
        QByteArray mark;  // one per span written
    };
    for (const Run& r : {Run{QStringLiteral("spacy"), "\"token_start\":"},
                         Run{QStringLiteral("conll"), " -X- _ B-"}}) {
        const Measured m = measure(r.format, r.mark, projects, dir, env);
        if (!m.ok)
            return 1;
        const bool same = !args.project.isEmpty() || m.spans == n * kSpansPerTask;
        if (!same)
            note(QStringLiteral("bench_nlpexport: %1 holds %2 spans, expected %3")
                     .arg(r.format)
                     .arg(m.spans)
                     .arg(n * kSpansPerTask));
        allRight = allRight && same;
        const double ratio = m.run.seconds / baseline.seconds;
        const bool flat = m.tenthRss < 0 || m.run.peakRssMb <= m.tenthRss * kFlatGrowth;
        JsonLine line(QStringLiteral("export_") + r.format);
        line.add(QStringLiteral("tasks"), n)
            .add(QStringLiteral("spans"), m.spans)
            .add(QStringLiteral("output_mb"), double(m.bytes) / 1048576.0, 1)
            .add(QStringLiteral("postil_s"), m.run.seconds)
            .add(QStringLiteral("baseline"), "postil-cli export --format jsonl, same project")
            .add(QStringLiteral("baseline_s"), baseline.seconds)
            .add(QStringLiteral("baseline_output_mb"), double(jsonlBytes) / 1048576.0, 1)
            .add(QStringLiteral("ratio"), ratio, 2)
            .add(QStringLiteral("budget_ratio"), kBudgetRatio, 1)
            .add(QStringLiteral("postil_cpu_s"), m.run.cpuSeconds)
            .add(QStringLiteral("baseline_cpu_s"), baseline.cpuSeconds)
            .add(QStringLiteral("peak_rss_mb"), m.run.peakRssMb, 1);
        if (m.tenthRss >= 0)
            line.add(QStringLiteral("peak_rss_mb_tenth"), m.tenthRss, 1)
                .add(QStringLiteral("budget_rss_growth"), kFlatGrowth, 2);
        line.add(QStringLiteral("baseline_peak_rss_mb"), baseline.peakRssMb, 1)
            .add(QStringLiteral("same_spans"), same)
            .add(QStringLiteral("pass"), same && ratio <= kBudgetRatio && flat)
            .print();
    }
    return allRight ? 0 : 1;
}

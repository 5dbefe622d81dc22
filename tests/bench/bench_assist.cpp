// bench_assist: `postil-cli assist` of N image tasks (default 10,000) through
// a batch-mode command that answers at once (one box a task), against
// `postil-cli import` of the same results as JSONL into the same project, in
// the same run: the overhead is Postil's (sending tasks, reading, checking
// and storing answers), not the model's. Budget: at most 2x the import's
// time, and peak RSS flat: a run on a project a tenth the size may use at
// most 25% less.
// The images are real (tiny distinct PNGs): the import hashes and probes
// each one, as it would for a user's results file.

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

#include "benchsupport.h"
#include "formats/importsession.h"

using namespace postil;
using namespace postil::bench;

namespace {

constexpr qint64 kDefaultImages = 10000;
constexpr double kBudgetRatio = 2.0;
constexpr double kFlatGrowth = 1.25;

const QByteArray kModel = R"(import sys, json
for line in sys.stdin:
    t = json.loads(line)
    box = {"label": "car", "x": 1, "y": 2, "w": 5, "h": 4, "score": 0.5}
    print(json.dumps({"id": t["id"], "result": {"boxes": [box]}}), flush=True)
)";

// n distinct 8x8 PNGs in `folder`.
bool writeImages(const QString& folder, qint64 n) {
    if (!QDir().mkpath(folder))
        return false;
    for (qint64 i = 0; i < n; ++i) {
        QImage image(8, 8, QImage::Format_RGB32);
        image.fill(QColor(int(i % 256), int((i / 256) % 256), int((i / 65536) % 256)));
        if (!image.save(
                QStringLiteral("%1/img_%2.png").arg(folder).arg(i, 6, 10, QLatin1Char('0'))))
            return false;
    }
    return true;
}

// A project of the images in `folder` whose schema has the model "det".
Status makeAssistProject(const QString& path, const QString& folder, const QString& command) {
    Project::CreateOptions options;
    options.kind = TaskKind::Image;
    auto schema = Schema::fromJsonText(
        QByteArray(R"({"labels": [{"name": "car"}], "models": [{"name": "det", "kinds": ["image"],
            "batch": true, "timeout_s": 60, "command": ")") +
        command.toUtf8() + "\"}]}");
    if (!schema.ok())
        return Status::failure(schema.error());
    options.schema = *schema;
    auto project = Project::create(path, options);
    if (!project.ok())
        return Status::failure(project.error());
    ImportOptions importOptions;
    auto report = importFiles(**project, {folder}, QStringLiteral("folder"), importOptions);
    return report.ok() ? Status::success() : Status::failure(report.error());
}

// The JSONL of what the model answers: per task its uid, its image and the
// model's draft.
bool writeResults(const QString& projectPath, const QString& out) {
    auto project = Project::open(projectPath);
    if (!project.ok())
        return false;
    QFile file(out);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    const QJsonObject box{{QStringLiteral("label"), QStringLiteral("car")},
                          {QStringLiteral("x"), 1},
                          {QStringLiteral("y"), 2},
                          {QStringLiteral("w"), 5},
                          {QStringLiteral("h"), 4},
                          {QStringLiteral("score"), 0.5}};
    Statement rows = (*project)->database().statement(
        QStringLiteral("SELECT uid, json_extract(data, '$.image') FROM tasks ORDER BY id"));
    while (rows.next()) {
        const QJsonObject line{
            {QStringLiteral("id"), rows.text(0)},
            {QStringLiteral("data"),
             QJsonObject{{QStringLiteral("image"), (*project)->absoluteMediaPath(rows.text(1))}}},
            {QStringLiteral("annotations"),
             QJsonArray{QJsonObject{{QStringLiteral("annotator"), QStringLiteral("model:det")},
                                    {QStringLiteral("status"), QStringLiteral("draft")},
                                    {QStringLiteral("result"),
                                     QJsonObject{{QStringLiteral("boxes"), QJsonArray{box}}}}}}}};
        file.write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
    }
    return true;
}

qint64 modelRows(const QString& path) {
    auto project = Project::open(path);
    if (!project.ok())
        return -1;
    auto n = (*project)->database().queryInt(QStringLiteral(
        "SELECT count(*) FROM annotations WHERE annotator = 'model:det' AND deleted = 0 AND "
        "json_array_length(result, '$.boxes') = 1"));
    return n.ok() ? *n : -1;
}

ChildResult runCli(const QStringList& args, const QTemporaryDir& dir, const Environment& env,
                   const char* what) {
    const QString errPath = dir.filePath(QStringLiteral("stderr.txt"));
    ChildResult run = runChild(QStringList{QStringLiteral(POSTIL_CLI_PATH)} + args, QString(),
                               dir.filePath(QStringLiteral("cli.out")), errPath, env);
    if (run.exitCode != 0)
        note(QStringLiteral("bench_assist: %1 failed (exit %2): %3")
                 .arg(QLatin1String(what))
                 .arg(run.exitCode)
                 .arg(fileText(errPath)));
    return run;
}

// Writes the model, the images, the three projects and the results file
// into `folder`.
bool makeEverything(const QString& folder, qint64 n) {
    const QString script = QDir(folder).filePath(QStringLiteral("answer.py"));
    QFile scriptFile(script);
    if (!scriptFile.open(QIODevice::WriteOnly) || scriptFile.write(kModel) != kModel.size())
        return false;
    scriptFile.close();
    const QString command = QStringLiteral("/usr/bin/python3 ") + script;

    note(QStringLiteral("bench_assist: writing %1 images and making the projects").arg(n));
    const QString images = QDir(folder).filePath(QStringLiteral("images"));
    const QString tenthImages = QDir(folder).filePath(QStringLiteral("tenth"));
    if (!writeImages(images, n) || !writeImages(tenthImages, n / 10)) {
        note(QStringLiteral("bench_assist: cannot write the images"));
        return false;
    }
    const QString assistPath = QDir(folder).filePath(QStringLiteral("assist/p.postil"));
    const QString importPath = QDir(folder).filePath(QStringLiteral("import/p.postil"));
    const QString tenthPath = QDir(folder).filePath(QStringLiteral("tenth/p.postil"));
    for (const auto& [path, imageFolder] :
         {std::pair{assistPath, images}, std::pair{importPath, images},
          std::pair{tenthPath, tenthImages}}) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        if (Status made = makeAssistProject(path, imageFolder, command); !made.ok()) {
            note(QStringLiteral("bench_assist: %1").arg(made.error()));
            return false;
        }
    }
    const QString results = QDir(folder).filePath(QStringLiteral("results.jsonl"));
    if (!writeResults(importPath, results))
        return false;

    return true;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    Args args;
    QTemporaryDir dir;
    if (const int stop = startBench(app, args, dir))
        return stop;
    const qint64 n = args.gaveTasks ? args.tasks : kDefaultImages;
    const Environment env = cliEnvironment(dir);

    // The images and projects are made by a child (this program with
    // --make-project): the kernel's peak RSS of a spawned child starts from
    // its parent's, so a parent that had made 100,000 images would set every
    // figure below.
    if (!args.makeProject.isEmpty())
        return makeEverything(args.makeProject, n) ? 0 : 1;
    const ChildResult made =
        runChild({QCoreApplication::applicationFilePath(), QStringLiteral("--make-project"),
                  dir.path(), QString::number(n)},
                 QString(), QString(), QString());
    if (made.exitCode != 0)
        return 1;
    const QString assistPath = dir.filePath(QStringLiteral("assist/p.postil"));
    const QString importPath = dir.filePath(QStringLiteral("import/p.postil"));
    const QString tenthPath = dir.filePath(QStringLiteral("tenth/p.postil"));
    const QString results = dir.filePath(QStringLiteral("results.jsonl"));

    note(QStringLiteral("bench_assist: import of the results as JSONL (baseline)"));
    const ChildResult baseline = runCli({QStringLiteral("import"), importPath, results,
                                         QStringLiteral("--format"), QStringLiteral("jsonl")},
                                        dir, env, "import");
    note(QStringLiteral("bench_assist: assist, batch mode"));
    const QStringList assistArgs{QStringLiteral("assist"), QStringLiteral("--model"),
                                 QStringLiteral("det"), QStringLiteral("--status"),
                                 QStringLiteral("all")};
    const ChildResult assist =
        runCli(QStringList{assistArgs.first(), assistPath} + assistArgs.mid(1), dir, env, "assist");
    const ChildResult tenth = runCli(QStringList{assistArgs.first(), tenthPath} + assistArgs.mid(1),
                                     dir, env, "assist (tenth)");
    if (baseline.exitCode != 0 || assist.exitCode != 0 || tenth.exitCode != 0)
        return 1;

    const qint64 assisted = modelRows(assistPath);
    const qint64 imported = modelRows(importPath);
    const bool same = assisted == n && imported == n;
    if (!same)
        note(QStringLiteral(
                 "bench_assist: %1 drafts stored by assist, %2 by the import, expected %3")
                 .arg(assisted)
                 .arg(imported)
                 .arg(n));
    const double ratio = assist.seconds / baseline.seconds;
    const bool flat = assist.peakRssMb <= tenth.peakRssMb * kFlatGrowth;
    JsonLine(QStringLiteral("assist_batch"))
        .add(QStringLiteral("tasks"), n)
        .add(QStringLiteral("postil_s"), assist.seconds)
        .add(QStringLiteral("baseline"), "postil-cli import of the same results as JSONL")
        .add(QStringLiteral("baseline_s"), baseline.seconds)
        .add(QStringLiteral("ratio"), ratio, 2)
        .add(QStringLiteral("budget_ratio"), kBudgetRatio, 1)
        .add(QStringLiteral("postil_cpu_s"), assist.cpuSeconds)
        .add(QStringLiteral("baseline_cpu_s"), baseline.cpuSeconds)
        .add(QStringLiteral("peak_rss_mb"), assist.peakRssMb, 1)
        .add(QStringLiteral("peak_rss_mb_tenth"), tenth.peakRssMb, 1)
        .add(QStringLiteral("budget_rss_growth"), kFlatGrowth, 2)
        .add(QStringLiteral("baseline_peak_rss_mb"), baseline.peakRssMb, 1)
        .add(QStringLiteral("same_rows"), same)
        .add(QStringLiteral("pass"), same && ratio <= kBudgetRatio && flat)
        .print();
    return same ? 0 : 1;
}

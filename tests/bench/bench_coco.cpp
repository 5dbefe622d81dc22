// bench_coco: `postil-cli export --format coco` of an image project of N tasks
// (default 100,000) with 10 boxes each, against `--format jsonl` of the same
// project in the same run (the streaming export every format is measured
// against). Budget: the COCO export within 5 s at 100,000 images, and peak RSS
// flat: measured on a project a tenth the size too, the larger may use at most
// 25% more.
// The images need not exist: their sizes come from the media table, which is
// the point (an export must not open 100,000 image files).

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QStandardPaths>
#include <QTemporaryDir>

#include "benchsupport.h"

using namespace postil;
using namespace postil::bench;

namespace {

constexpr qint64 kDefaultImages = 100000;
constexpr int kBoxesPerImage = 10;
constexpr double kBudgetSeconds = 5.0;
constexpr double kFlatGrowth = 1.25;
const char* const kLabels[] = {"car", "person", "bike", "bus",   "truck",
                               "dog", "cat",    "sign", "light", "tree"};

// n image tasks, each with a media row of known size and one submitted
// annotation of 10 boxes with fractional coordinates, in one transaction.
Status makeImageProject(const QString& path, qint64 n) {
    Project::CreateOptions options;
    options.kind = TaskKind::Image;
    for (const char* name : kLabels) {
        Label label;
        label.name = QLatin1String(name);
        options.schema.labels << label;
    }
    auto project = Project::create(path, options);
    if (!project.ok())
        return Status::failure(project.error());
    Project& p = **project;
    Transaction tx(p.database());
    if (!tx.begin().ok())
        return tx.begin();
    for (qint64 i = 1; i <= n; ++i) {
        Task task;
        task.uid = taskUid(i);
        task.kind = TaskKind::Image;
        task.data =
            QJsonObject{{QStringLiteral("image"),
                         QStringLiteral("images/img_%1.jpg").arg(i, 7, 10, QLatin1Char('0'))}};
        task.mediaHash = sha256Hex(task.uid.toUtf8());
        task.preview = Task::previewFor(task.kind, task.data);
        Status media =
            p.tasks().addMedia(task.mediaHash, task.data.value(QStringLiteral("image")).toString(),
                               100000 + i, i % 7 ? QSize(1280, 720) : QSize(720, 1280));
        if (!media.ok())
            return media;
        auto added = p.tasks().add(task);
        if (!added.ok())
            return Status::failure(added.error());
        QJsonArray boxes;
        for (int b = 0; b < kBoxesPerImage; ++b)
            boxes.append(
                QJsonObject{{QStringLiteral("label"), QLatin1String(kLabels[(i + b) % 10])},
                            {QStringLiteral("x"), 10.5 + 50 * b},
                            {QStringLiteral("y"), 20.25 + 30 * b},
                            {QStringLiteral("w"), 40.125 + (i % 13)},
                            {QStringLiteral("h"), 25.5 + b},
                            {QStringLiteral("attrs"), QJsonObject()}});
        Annotation a;
        a.taskUid = task.uid;
        a.annotator = QStringLiteral("bench");
        a.status = AnnotationStatus::Submitted;
        a.result.insert(QStringLiteral("boxes"), boxes);
        Status saved = p.saveAnnotation(a);
        if (!saved.ok())
            return saved;
    }
    return tx.commit();
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
        // Keep a tail shorter than the needle, so no match is counted twice.
        carry = chunk.right(needle.size() - 1);
    }
    return count;
}

ChildResult exportWith(const QString& format, const QString& project, const QString& out,
                       const QTemporaryDir& dir,
                       const QList<std::pair<QByteArray, QByteArray>>& env) {
    const QString errPath = dir.filePath(QStringLiteral("stderr.txt"));
    ChildResult run = runChild({QStringLiteral(POSTIL_CLI_PATH), QStringLiteral("export"), project,
                                QStringLiteral("--format"), format, QStringLiteral("-o"), out},
                               QString(), dir.filePath(QStringLiteral("export.out")), errPath, env);
    if (run.exitCode != 0)
        note(QStringLiteral("bench_coco: export --format %1 failed (exit %2): %3")
                 .arg(format)
                 .arg(run.exitCode)
                 .arg(fileText(errPath)));
    return run;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);
    Args args = parseArgs(app.arguments());
    if (!args.ok)
        return 2;
    bool gaveCount = false;
    for (const QString& a : app.arguments().mid(1))
        gaveCount = gaveCount || a.toLongLong() > 0;
    if (!gaveCount)
        args.tasks = kDefaultImages;
    QTemporaryDir dir;
    keepIfAsked(dir, args);
    if (!dir.isValid())
        return 1;
    const QList<std::pair<QByteArray, QByteArray>> env = {
        {"XDG_CONFIG_HOME", dir.filePath(QStringLiteral("config")).toLocal8Bit()},
        {"POSTIL_ANNOTATOR", "bench"}};

    QString projectPath = args.project;
    QString tenthPath;
    qint64 n = args.tasks;
    if (projectPath.isEmpty()) {
        projectPath = dir.filePath(QStringLiteral("images.postil"));
        tenthPath = dir.filePath(QStringLiteral("tenth.postil"));
        note(QStringLiteral("bench_coco: making image projects of %1 and %2 tasks, %3 boxes each")
                 .arg(n)
                 .arg(n / 10)
                 .arg(kBoxesPerImage));
        for (auto [path, count] : {std::pair{projectPath, n}, std::pair{tenthPath, n / 10}}) {
            Status made = makeImageProject(path, count);
            if (!made.ok()) {
                note(QStringLiteral("bench_coco: %1").arg(made.error()));
                return 1;
            }
        }
    } else {
        auto project = Project::open(projectPath);
        if (!project.ok()) {
            note(QStringLiteral("bench_coco: %1").arg(project.error()));
            return 1;
        }
        n = (*project)->tasks().count();
    }

    note(QStringLiteral("bench_coco: jsonl export (baseline)"));
    const QString jsonlOut = dir.filePath(QStringLiteral("export.jsonl"));
    const ChildResult baseline =
        exportWith(QStringLiteral("jsonl"), projectPath, jsonlOut, dir, env);
    if (baseline.exitCode != 0)
        return 1;
    const qint64 jsonlBytes = QFileInfo(jsonlOut).size();
    QFile::remove(jsonlOut);

    note(QStringLiteral("bench_coco: coco export"));
    const QString cocoOut = dir.filePath(QStringLiteral("export.json"));
    const ChildResult coco = exportWith(QStringLiteral("coco"), projectPath, cocoOut, dir, env);
    if (coco.exitCode != 0)
        return 1;
    const qint64 cocoBytes = QFileInfo(cocoOut).size();
    const qint64 images = countOccurrences(cocoOut, "\"file_name\":");
    const qint64 boxes = countOccurrences(cocoOut, "\"image_id\":");
    QFile::remove(cocoOut);

    double tenthRss = -1;
    if (!tenthPath.isEmpty()) {
        const QString tenthOut = dir.filePath(QStringLiteral("tenth.json"));
        const ChildResult tenth = exportWith(QStringLiteral("coco"), tenthPath, tenthOut, dir, env);
        if (tenth.exitCode != 0)
            return 1;
        tenthRss = tenth.peakRssMb;
    }

    // With --project the box count is whatever the project holds.
    const bool same = images == n && (!args.project.isEmpty() || boxes == n * kBoxesPerImage);
    if (!same)
        note(QStringLiteral(
                 "bench_coco: the export holds %1 images and %2 boxes, expected %3 and %4")
                 .arg(images)
                 .arg(boxes)
                 .arg(n)
                 .arg(n * kBoxesPerImage));
    const double ratio = coco.seconds / baseline.seconds;
    // The budget is for 100,000 images; other sizes scale it.
    const double budget = kBudgetSeconds * double(n) / double(kDefaultImages);
    const bool flat = tenthRss < 0 || coco.peakRssMb <= tenthRss * kFlatGrowth;
    JsonLine line(QStringLiteral("export_coco"));
    line.add(QStringLiteral("images"), n)
        .add(QStringLiteral("boxes"), boxes)
        .add(QStringLiteral("output_mb"), double(cocoBytes) / 1048576.0, 1)
        .add(QStringLiteral("postil_s"), coco.seconds)
        .add(QStringLiteral("budget_s"), budget, 2)
        .add(QStringLiteral("baseline"), "postil-cli export --format jsonl, same project")
        .add(QStringLiteral("baseline_s"), baseline.seconds)
        .add(QStringLiteral("baseline_output_mb"), double(jsonlBytes) / 1048576.0, 1)
        .add(QStringLiteral("ratio"), ratio, 2)
        .add(QStringLiteral("postil_cpu_s"), coco.cpuSeconds)
        .add(QStringLiteral("baseline_cpu_s"), baseline.cpuSeconds)
        .add(QStringLiteral("peak_rss_mb"), coco.peakRssMb, 1);
    if (tenthRss >= 0)
        line.add(QStringLiteral("peak_rss_mb_tenth"), tenthRss, 1)
            .add(QStringLiteral("budget_rss_growth"), kFlatGrowth, 2);
    line.add(QStringLiteral("baseline_peak_rss_mb"), baseline.peakRssMb, 1)
        .add(QStringLiteral("same_rows"), same)
        .add(QStringLiteral("pass"), same && coco.seconds <= budget && flat)
        .print();
    return same ? 0 : 1;
}

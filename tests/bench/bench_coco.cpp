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
    return fillProject(path, options, n, [](Project& p, qint64 i) {
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
        // Keep a tail shorter than the needle, so no match is counted twice.
        carry = chunk.right(needle.size() - 1);
    }
    return count;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    Args args;
    QTemporaryDir dir;
    if (const int stop = startBench(app, args, dir))
        return stop;
    if (!args.gaveTasks)
        args.tasks = kDefaultImages;
    const Environment env = cliEnvironment(dir);
    const ProjectPair projects =
        prepareProjects("bench_coco", args, dir, QStringLiteral("images.postil"),
                        QStringLiteral("making image projects of %1 and %2 tasks, %3 boxes each")
                            .arg(args.tasks)
                            .arg(args.tasks / 10)
                            .arg(kBoxesPerImage),
                        makeImageProject);
    if (!projects.ok)
        return 1;
    const QString& projectPath = projects.path;
    const QString& tenthPath = projects.tenthPath;
    const qint64 n = projects.tasks;

    note(QStringLiteral("bench_coco: jsonl export (baseline)"));
    const QString jsonlOut = dir.filePath(QStringLiteral("export.jsonl"));
    const ChildResult baseline =
        runCliExport("bench_coco", QStringLiteral("jsonl"), projectPath, jsonlOut, dir, env);
    if (baseline.exitCode != 0)
        return 1;
    const qint64 jsonlBytes = QFileInfo(jsonlOut).size();
    QFile::remove(jsonlOut);

    note(QStringLiteral("bench_coco: coco export"));
    const QString cocoOut = dir.filePath(QStringLiteral("export.json"));
    const ChildResult coco =
        runCliExport("bench_coco", QStringLiteral("coco"), projectPath, cocoOut, dir, env);
    if (coco.exitCode != 0)
        return 1;
    const qint64 cocoBytes = QFileInfo(cocoOut).size();
    const qint64 images = countOccurrences(cocoOut, "\"file_name\":");
    const qint64 boxes = countOccurrences(cocoOut, "\"image_id\":");
    QFile::remove(cocoOut);

    double tenthRss = -1;
    if (!tenthPath.isEmpty()) {
        const QString tenthOut = dir.filePath(QStringLiteral("tenth.json"));
        const ChildResult tenth =
            runCliExport("bench_coco", QStringLiteral("coco"), tenthPath, tenthOut, dir, env);
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

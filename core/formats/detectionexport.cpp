#include "formats/detectionexport.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QSaveFile>

#include "formats/stagedfolder.h"
#include "media/imageprobe.h"
#include "model/annotation.h"
#include "model/boxprecision.h"
#include "model/boxresult.h"
#include "model/project.h"
#include "model/task.h"

namespace postil {

using detection::Candidate;

DetectionExport::DetectionExport(Project& project, const ExportOptions& options,
                                 ExportReport& report)
    : m_project(project), m_options(options), m_report(report) {}

Status DetectionExport::forEach(const std::function<Status(const ExportImage&)>& visit) {
    if (Status statusOk = m_options.checkStatus(); !statusOk.ok())
        return statusOk;
    Database& db = m_project.database();
    qint64 total = 0;
    {
        auto counts = db.prepare(QStringLiteral(
            "SELECT coalesce(sum(kind = 'image'), 0), coalesce(sum(kind <> 'image'), 0) FROM "
            "tasks"));
        if (!counts.ok())
            return Status::failure(QStringLiteral("%1: %2").arg(m_project.path(), counts.error()));
        if (!counts->next())
            return Status::failure(
                QStringLiteral("%1: %2").arg(m_project.path(), counts->status().error()));
        total = counts->int64(0);
        m_otherKinds = counts->int64(1);
    }

    // One pass: tasks in import order (rowid), their media row and their
    // annotations (primary-key prefix), never more than one task's rows in
    // memory. Rows of a status not asked for are read too, so that an image
    // left out for its status is not reported as one nobody annotated.
    auto prepared = db.prepare(QStringLiteral(
        "SELECT t.id, t.uid, json_extract(t.data, '$.image'), m.width, m.height, a.annotator, "
        "a.status, a.result, a.review_of IS NOT NULL, a.hlc FROM tasks t "
        "LEFT JOIN media m ON m.hash = t.media_hash "
        "LEFT JOIN annotations a ON a.task_uid = t.uid AND a.deleted = 0 AND ") +
        m_options.rowsSql(1) + QStringLiteral(" WHERE t.kind = 'image' ORDER BY t.id"));
    if (!prepared.ok())
        return Status::failure(QStringLiteral("%1: %2").arg(m_project.path(), prepared.error()));
    Statement& rows = *prepared;
    rows.bind(1, m_options.annotator);

    // Project::absoluteMediaPath() asks the file system for the project's
    // folder on every call; once is enough here.
    const QDir projectDir = m_project.folder();
    QElapsedTimer progressTimer;
    progressTimer.start();
    qint64 done = 0;
    ExportImage current;
    QString storedPath;
    detection::CandidatePicker picker;

    auto endTask = [&]() -> Status {
        ++done;
        if (Status s = m_options.taskDone(done, total, progressTimer); !s.ok())
            return s;
        if (picker.count() == 0) {
            ++(picker.otherStatus() ? m_otherStatus : m_unannotated);
            return Status::success();
        }
        if (picker.count() > 1)
            ++m_ambiguous;
        current.absolutePath = QDir::isAbsolutePath(storedPath)
                                   ? storedPath
                                   : QDir::cleanPath(projectDir.absoluteFilePath(storedPath));
        if (!current.size.isValid()) {
            // Media added before sizes were stored: read the header once.
            auto probe = ImageProbe::probe(current.absolutePath);
            if (!probe.ok()) {
                warn(QStringLiteral("images of unknown size left out"),
                     QStringLiteral("%1: the image size is not known and the image cannot "
                                    "be read (%2); left out")
                         .arg(Task::describe(current.taskId, current.taskUid, storedPath),
                              probe.error()));
                return Status::success();
            }
            current.size = probe->size;
        }
        const Candidate& best = picker.best();
        current.boxes = boxresult::readJson(best.result);
        // Rows written before coordinates were rounded at commit (or by a
        // JSONL import of results) may hold noise: files get the stored
        // precision whatever the row holds.
        for (Box& box : current.boxes) {
            const auto edges = boxprecision::roundedEdges(box.x, box.y, box.w, box.h);
            box.x = edges.x;
            box.y = edges.y;
            box.w = edges.w;
            box.h = edges.h;
        }
        ++m_report.tasks;
        ++m_report.annotations;
        return visit(current);
    };

    qint64 currentId = -1;
    while (rows.next()) {
        const qint64 id = rows.int64(0);
        if (id != currentId) {
            if (currentId >= 0) {
                if (Status s = endTask(); !s.ok())
                    return s;
            }
            currentId = id;
            current = ExportImage();
            current.taskId = id;
            current.taskUid = rows.text(1);
            storedPath = rows.text(2);
            if (!rows.isNull(3) && !rows.isNull(4) && rows.int64(3) > 0 && rows.int64(4) > 0)
                current.size = QSize(int(rows.int64(3)), int(rows.int64(4)));
            picker.reset();
        }
        picker.offer(rows, 5, m_options);
    }
    if (!rows.status().ok())
        return Status::failure(
            QStringLiteral("%1: %2").arg(m_project.path(), rows.status().error()));
    if (currentId >= 0)
        return endTask();
    return Status::success();
}

void DetectionExport::attributesLost(const ExportImage& image, const QString& format) {
    for (const Box& box : image.boxes)
        if (!box.attrs.isEmpty())
            ++m_attributesLost;
    m_attributesLostFormat = format;
}

QString DetectionExport::outputFile(const QDir& folder, const ExportImage& image,
                                    const QString& suffix) {
    const QString base = QFileInfo(image.absolutePath).completeBaseName();
    QString name = base + suffix;
    // Lower case: on Windows and macOS "A.xml" and "a.xml" are one file.
    int& uses = m_usedNames[name.toLower()];
    ++uses;
    if (uses > 1) {
        int n = uses;
        do {
            name = QStringLiteral("%1_%2%3").arg(base).arg(n++).arg(suffix);
        } while (m_usedNames.contains(name.toLower()));
        m_usedNames.insert(name.toLower(), 1);
        warn(QStringLiteral("images sharing a file name"),
             QStringLiteral("%1: another image is also named '%2'; its boxes went to %3")
                 .arg(Task::describe(image.taskId, image.taskUid),
                      QFileInfo(image.absolutePath).fileName(), name));
    }
    return folder.filePath(name);
}

void DetectionExport::finish() {
    detection::warnLeftOut(
        m_report.warnings, m_options, {m_unannotated, m_otherStatus, m_ambiguous},
        QStringLiteral("image"),
        QStringLiteral("an image nobody annotated is not an image without objects"));
    if (m_otherKinds > 0)
        m_report.warnings
            << QStringLiteral("%1 task(s) are not images; left out").arg(m_otherKinds);
    if (m_attributesLost > 0)
        m_report.warnings << QStringLiteral(
                                 "%1 box(es) have attributes, which %2 cannot hold; "
                                 "written without them")
                                 .arg(m_attributesLost)
                                 .arg(m_attributesLostFormat);
    m_tally.flushInto(m_report.warnings);
}

Status writeWholeFile(const QString& path, const QByteArray& bytes) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Status::failure(
            QStringLiteral("%1: cannot write: %2").arg(path, file.errorString()));
    if (file.write(bytes) != bytes.size() || !file.commit())
        return Status::failure(
            QStringLiteral("%1: write failed: %2").arg(path, file.errorString()));
    return Status::success();
}

Status writeFilePerImage(
    Project& project, const QString& path, const ExportOptions& options, ExportReport& report,
    const QString& suffix,
    const std::function<QByteArray(const ExportImage& image, const QDir& outDir)>& contents) {
    StagedFolder folder(path);
    if (Status begun = folder.begin(); !begun.ok())
        return begun;
    const QDir staging = folder.staging();
    const QDir outDir = folder.destination();
    DetectionExport exporter(project, options, report);
    Status walked = exporter.forEach([&](const ExportImage& image) {
        return writeWholeFile(exporter.outputFile(staging, image, suffix), contents(image, outDir));
    });
    exporter.finish();
    return folder.finish(walked);
}

}  // namespace postil

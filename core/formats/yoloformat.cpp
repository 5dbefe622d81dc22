#include "formats/yoloformat.h"

#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <cmath>

#include "formats/detectionexport.h"
#include "formats/detectionimport.h"
#include "formats/folderformat.h"
#include "formats/importsession.h"
#include "formats/linereader.h"
#include "formats/stagedfolder.h"
#include "model/project.h"

namespace postil {

namespace {

constexpr qint64 kMicro = 1000000;

bool isClassFile(const QString& fileName) {
    return fileName.compare(QLatin1String("classes.txt"), Qt::CaseInsensitive) == 0 ||
           fileName.compare(QLatin1String("obj.names"), Qt::CaseInsensitive) == 0;
}

// classes.txt (labelImg, Yolo_Label) or obj.names (darknet, CVAT), beside
// the labels or in labels/.
QString classFileIn(const QDir& root) {
    for (const QString& folder : {QString(), QStringLiteral("labels/")})
        for (const QString& name : {QStringLiteral("classes.txt"), QStringLiteral("obj.names")}) {
            const QString path = root.filePath(folder + name);
            if (QFileInfo(path).isFile())
                return path;
        }
    return QString();
}

// The lines as they are (a blank line in the middle still takes an id);
// blank lines at the end are not classes.
Expected<QStringList> readClassFile(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Status::failure(QStringLiteral("%1: %2").arg(path, file.errorString()));
    QStringList names;
    LineReader reader(file);
    QByteArrayView line;
    while (reader.next(line)) {
        if (line.endsWith('\r'))
            line.chop(1);
        names << QString::fromUtf8(line).trimmed();
    }
    if (!reader.error().isEmpty())
        return Status::failure(QStringLiteral("%1: %2").arg(path, reader.error()));
    while (!names.isEmpty() && names.last().isEmpty())
        names.removeLast();
    return names;
}

// 'value' in millionths, written as "0.123456".
void appendMicro(QByteArray& out, qint64 micro) {
    out.append(QByteArray::number(micro / kMicro));
    out.append('.');
    out.append(QByteArray::number(micro % kMicro).rightJustified(6, '0'));
}

// One "class cx cy w h" line. The edges are rounded to millionths first and
// the centre and size derived from them in whole millionths, so that
// cx ± w/2 is exactly an edge between 0 and 1: never 1.0000005, the
// make-sense bug that readers reject.
void appendBoxLine(QByteArray& out, int classId, const Box& box, QSize size) {
    auto edges = [](double from, double extent, int full, qint64& low, qint64& span) {
        const double a = qBound(0.0, from / full, 1.0);
        const double b = qBound(0.0, (from + extent) / full, 1.0);
        qint64 l = qint64(std::llround(a * kMicro));
        qint64 r = qint64(std::llround(b * kMicro));
        // An odd l + r has its centre between two millionths: give up one
        // millionth of size so centre and edges stay whole.
        if ((l + r) % 2 != 0)
            --r;
        low = l;
        span = r - l;
    };
    qint64 left = 0, width = 0, top = 0, height = 0;
    edges(box.x, box.w, size.width(), left, width);
    edges(box.y, box.h, size.height(), top, height);
    out.append(QByteArray::number(classId));
    out.append(' ');
    appendMicro(out, left + width / 2);
    out.append(' ');
    appendMicro(out, top + height / 2);
    out.append(' ');
    appendMicro(out, width);
    out.append(' ');
    appendMicro(out, height);
    out.append('\n');
}

// The label file of an image: beside it, or in the labels/ folder that
// mirrors its images/ folder.
QString labelFileFor(const QString& imagePath) {
    const QFileInfo info(imagePath);
    const QString name = info.completeBaseName() + QStringLiteral(".txt");
    const QString beside = info.absoluteDir().filePath(name);
    if (QFileInfo(beside).isFile())
        return beside;
    QStringList parts = info.absolutePath().split(QLatin1Char('/'));
    for (qsizetype i = parts.size() - 1; i >= 0; --i)
        if (parts[i] == QLatin1String("images")) {
            parts[i] = QStringLiteral("labels");
            const QString mirrored = parts.join(QLatin1Char('/')) + QLatin1Char('/') + name;
            if (QFileInfo(mirrored).isFile())
                return mirrored;
            break;
        }
    return QString();
}

Status readLabels(const QString& labelPath, const QString& shownPath, int handle,
                  const QStringList& classes, bool haveClasses, DetectionImport& import) {
    ImportSession& session = import.session();
    QFile file(labelPath);
    if (!file.open(QIODevice::ReadOnly))
        return session.reportBad(shownPath, file.errorString());
    import.markAnnotated(handle);
    const QSize size = import.size(handle);
    LineReader reader(file);
    QByteArrayView line;
    while (reader.next(line)) {
        const QString text = QString::fromUtf8(line).simplified();
        if (text.isEmpty())
            continue;
        const QString where = QStringLiteral("%1:%2").arg(shownPath).arg(reader.lineNumber());
        const QStringList parts = text.split(QLatin1Char(' '));
        // A sixth value is a detector's confidence; more are a polygon.
        if (parts.size() != 5 && parts.size() != 6) {
            Status s = session.reportBad(where, QStringLiteral("expected 'class cx cy w h', found "
                                                               "%1 values (polygons are not boxes)")
                                                    .arg(parts.size()));
            if (!s.ok())
                return s;
            continue;
        }
        bool ok = false;
        const int classId = parts[0].toInt(&ok);
        double v[4];
        for (int i = 0; i < 4 && ok; ++i)
            v[i] = parts[i + 1].toDouble(&ok);
        QString problem;
        if (!ok || classId < 0)
            problem = QStringLiteral("expected a class number and four numbers: '%1'").arg(text);
        else if (haveClasses && classId >= classes.size())
            problem = QStringLiteral("class %1 is beyond the %2 classes of the class file")
                          .arg(classId)
                          .arg(classes.size());
        else if (!size.isValid())
            problem = QStringLiteral("the image's size is unknown, so the box cannot be placed");
        if (!problem.isEmpty()) {
            Status s = session.reportBad(where, problem);
            if (!s.ok())
                return s;
            continue;
        }
        Box box;
        box.label = haveClasses ? classes.at(classId) : QString::number(classId);
        const double width = size.width();
        const double height = size.height();
        box.x = detection::cleanDerived((v[0] - v[2] / 2) * width);
        box.y = detection::cleanDerived((v[1] - v[3] / 2) * height);
        box.w = detection::cleanDerived(v[2] * width);
        box.h = detection::cleanDerived(v[3] * height);
        Status s = import.addBox(handle, std::move(box), where);
        if (!s.ok())
            return s;
    }
    if (!reader.error().isEmpty())
        return Status::failure(QStringLiteral("%1: %2").arg(shownPath, reader.error()));
    return Status::success();
}

}  // namespace

bool YoloFormat::probe(const QString& path) const {
    const QFileInfo info(path);
    if (info.isFile())
        return isClassFile(info.fileName());
    if (!info.isDir())
        return false;
    const QDir dir(path);
    return !classFileIn(dir).isEmpty() ||
           (QFileInfo(dir.filePath(QStringLiteral("images"))).isDir() &&
            QFileInfo(dir.filePath(QStringLiteral("labels"))).isDir());
}

Status YoloFormat::read(const QString& path, ImportSession& session) {
    QFileInfo info(path);
    QDir root(info.isDir() ? info.absoluteFilePath() : info.absolutePath());
    // Messages name files the way the user named the dataset.
    QString shownRoot = info.isDir() ? path : info.path();
    // Pointed at labels/classes.txt: the dataset is the folder above.
    if (!info.isDir() && root.dirName() == QLatin1String("labels") &&
        QFileInfo(root.filePath(QStringLiteral("../images"))).isDir()) {
        root.setPath(QDir::cleanPath(root.filePath(QStringLiteral(".."))));
        shownRoot = QDir::cleanPath(shownRoot + QStringLiteral("/.."));
    }
    auto shown = [&](const QString& file) {
        return QDir::cleanPath(shownRoot + QLatin1Char('/') + root.relativeFilePath(file));
    };

    DetectionImport import(session, name());
    Status begun = import.begin();
    if (!begun.ok())
        return begun;

    const QString classPath =
        info.isFile() && isClassFile(info.fileName()) ? info.absoluteFilePath() : classFileIn(root);
    QStringList classes;
    if (!classPath.isEmpty()) {
        auto read = readClassFile(classPath);
        if (!read.ok())
            return session.reportBad(classPath, read.error());
        classes = *read;
    } else {
        session.warn(shownRoot, QStringLiteral("no classes.txt or obj.names: the class "
                                               "numbers become the label names"));
    }

    // The images: in the dataset folder, or where --images says (an export
    // holds label files only).
    const QString imagesOption = import.imagesRoot();
    const QDir imagesRoot(imagesOption.isEmpty() ? root.path()
                                                 : QFileInfo(imagesOption).absoluteFilePath());
    const QStringList images =
        detection::filesUnder(imagesRoot.path(), FolderFormat::imageExtensions());
    QSet<QString> used;
    auto labelsOf = [&](const QString& image) {
        QString found = labelFileFor(image);
        if (found.isEmpty() && imagesRoot != root) {
            const QString relative = imagesRoot.relativeFilePath(image);
            const QString base = QFileInfo(relative).completeBaseName() + QStringLiteral(".txt");
            for (const QString& candidate :
                 {root.filePath(QFileInfo(relative).path() + QLatin1Char('/') + base),
                  root.filePath(base)})
                if (found.isEmpty() && QFileInfo(candidate).isFile())
                    found = QDir::cleanPath(candidate);
        }
        return found;
    };
    const qint64 total = images.size();
    for (qsizetype i = 0; i < images.size(); ++i) {
        session.progress(i, total);
        const QString& image = images.at(i);
        const QString labelPath = labelsOf(image);
        const QString where = labelPath.isEmpty() ? image : shown(labelPath);
        auto handle = import.image({image}, image, QStringLiteral("image '%1'").arg(image), where);
        if (!handle.ok())
            return Status::failure(handle.error());
        if (*handle < 0 || labelPath.isEmpty() || used.contains(labelPath))
            continue;
        used.insert(labelPath);
        Status s = readLabels(labelPath, where, *handle, classes, !classPath.isEmpty(), import);
        if (!s.ok())
            return s;
    }
    // Label files without an image here: the project may have the image
    // already (imported before, from elsewhere).
    for (const QString& labels : detection::filesUnder(root.path(), {QStringLiteral("txt")})) {
        if (used.contains(labels) || isClassFile(QFileInfo(labels).fileName()))
            continue;
        const int handle =
            import.imageByBaseName(QFileInfo(labels).completeBaseName(), shown(labels));
        if (handle < 0)
            continue;
        Status s = readLabels(labels, shown(labels), handle, classes, !classPath.isEmpty(), import);
        if (!s.ok())
            return s;
    }
    session.progress(total, total);
    return import.finish();
}

Status YoloFormat::write(Project& project, const QString& path, const ExportOptions& options,
                         ExportReport& report) {
    StagedFolder folder(path);
    if (Status begun = folder.begin(); !begun.ok())
        return begun;
    const QDir staging = folder.staging();
    const QString classPath = folder.destination().filePath(QStringLiteral("classes.txt"));
    QStringList existing;
    if (QFileInfo::exists(classPath)) {
        auto read = readClassFile(classPath);
        if (!read.ok())
            return Status::failure(read.error());
        existing = *read;
    }
    // Ids already in use keep their numbers: other label files of this
    // dataset may rely on them.
    detection::LabelIndex classes(existing);
    for (const Label& label : project.schema().labels)
        if (label.appliesTo(TaskKind::Image))
            classes.idOf(label.name);

    DetectionExport exporter(project, options, report);
    exporter.reserveFileName(QStringLiteral("classes.txt"));  // an image named classes.png
    Status walked = exporter.forEach([&](const ExportImage& image) {
        QByteArray text;
        for (const Box& box : image.boxes)
            appendBoxLine(text, classes.idOf(box.label), box, image.size);
        exporter.attributesLost(image, QStringLiteral("YOLO"));
        return writeWholeFile(exporter.outputFile(staging, image, QStringLiteral(".txt")), text);
    });
    if (!walked.ok()) {
        exporter.finish();
        return folder.finish(walked);  // no label file was kept, so neither are new classes
    }
    if (classes.names() != existing) {
        QByteArray text = classes.names().join(QLatin1Char('\n')).toUtf8();
        text.append('\n');
        Status s = writeWholeFile(staging.filePath(QStringLiteral("classes.txt")), text);
        if (!s.ok())
            return folder.finish(s);
        if (!existing.isEmpty())
            report.warnings << QStringLiteral(
                                   "%1: kept its %2 classes in their order and "
                                   "appended %3")
                                   .arg(classPath)
                                   .arg(existing.size())
                                   .arg(classes.added().join(QStringLiteral(", ")));
    }
    exporter.finish();
    return folder.finish(walked);
}

}  // namespace postil

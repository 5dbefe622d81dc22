#include "formats/cocoformat.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QTemporaryFile>

#include "formats/detectionexport.h"
#include "formats/detectionimport.h"
#include "formats/importsession.h"
#include "formats/jsonwriter.h"
#include "formats/streamedfile.h"
#include "model/ids.h"
#include "model/project.h"

namespace postil {

namespace {

constexpr qsizetype kFlushBytes = qsizetype(1) << 20;

// COCO ids are numbers, but some writers use strings: compare them as text.
std::optional<QString> idText(const QJsonValue& value) {
    if (value.isString() && !value.toString().isEmpty())
        return value.toString();
    if (value.isDouble()) {
        const double d = value.toDouble();
        // toInteger's fallback is not qint64(d): that is undefined for a
        // number beyond qint64 (1e300), found by fuzzing.
        const qint64 i = value.toInteger(0);
        return double(i) == d ? QString::number(i)
                              : QString::number(d, 'g', QLocale::FloatingPointShortest);
    }
    return std::nullopt;
}

struct CocoImage {
    QString id;
    QString fileName;
    QSize size;
    QList<qsizetype> annotations;  // indexes into "annotations"
};

Status readFile(const QString& path, DetectionImport& import) {
    ImportSession& session = import.session();
    auto doc = detection::readJsonFile(path);
    if (!doc.ok())
        return session.reportBad(path, doc.error());
    if (!doc->isObject())
        return session.reportBad(
            path, QStringLiteral("expected an object with images, annotations and categories"));
    const QJsonObject root = doc->object();
    for (const char* key : {"images", "annotations", "categories"})
        if (!root.value(QLatin1String(key)).isArray())
            return session.reportBad(
                path, QStringLiteral("\"%1\" must be a list").arg(QLatin1String(key)));
    const QDir baseDir = QFileInfo(path).absoluteDir();

    QHash<QString, QString> categories;
    const QJsonArray categoryList = root.value(QLatin1String("categories")).toArray();
    for (qsizetype i = 0; i < categoryList.size(); ++i) {
        const QJsonObject c = categoryList.at(i).toObject();
        const auto id = idText(c.value(QLatin1String("id")));
        const QString name = c.value(QLatin1String("name")).toString().trimmed();
        if (!id || name.isEmpty()) {
            Status s = session.reportBad(QStringLiteral("%1: categories[%2]").arg(path).arg(i),
                                         QStringLiteral("a category needs an id and a name"));
            if (!s.ok())
                return s;
            continue;
        }
        categories.insert(*id, name);
    }

    QList<CocoImage> images;
    QHash<QString, qsizetype> imageIndex;
    const QJsonArray imageList = root.value(QLatin1String("images")).toArray();
    for (qsizetype i = 0; i < imageList.size(); ++i) {
        const QJsonObject o = imageList.at(i).toObject();
        CocoImage image;
        const auto id = idText(o.value(QLatin1String("id")));
        image.fileName = o.value(QLatin1String("file_name")).toString();
        if (!id || image.fileName.isEmpty()) {
            Status s = session.reportBad(QStringLiteral("%1: images[%2]").arg(path).arg(i),
                                         QStringLiteral("an image needs an id and a file_name"));
            if (!s.ok())
                return s;
            continue;
        }
        image.id = *id;
        image.size = QSize(o.value(QLatin1String("width")).toInt(),
                           o.value(QLatin1String("height")).toInt());
        if (imageIndex.contains(image.id)) {
            Status s = session.reportBad(QStringLiteral("%1: images[%2]").arg(path).arg(i),
                                         QStringLiteral("image id %1 is used twice").arg(image.id));
            if (!s.ok())
                return s;
            continue;
        }
        imageIndex.insert(image.id, images.size());
        images << image;
    }

    const QJsonArray annotations = root.value(QLatin1String("annotations")).toArray();
    for (qsizetype i = 0; i < annotations.size(); ++i) {
        const auto imageId = idText(annotations.at(i).toObject().value(QLatin1String("image_id")));
        auto it = imageId ? imageIndex.constFind(*imageId) : imageIndex.constEnd();
        if (it == imageIndex.constEnd()) {
            Status s = session.reportBad(QStringLiteral("%1: annotations[%2]").arg(path).arg(i),
                                         QStringLiteral("image_id %1 is not among the images")
                                             .arg(imageId.value_or(QStringLiteral("(missing)"))));
            if (!s.ok())
                return s;
            continue;
        }
        images[*it].annotations << i;
    }

    const qint64 total = images.size();
    for (qsizetype n = 0; n < images.size(); ++n) {
        session.progress(n, total);
        const CocoImage& image = images.at(n);
        const QString where =
            QStringLiteral("%1: images[%2] (id %3)").arg(path).arg(n).arg(image.id);
        auto handle =
            import.image(import.candidatesFor(image.fileName, baseDir), image.fileName,
                         QStringLiteral("image %1 '%2'").arg(image.id, image.fileName), where);
        if (!handle.ok())
            return Status::failure(handle.error());
        if (*handle < 0)
            continue;
        import.declareSize(*handle, image.size, where);
        import.markAnnotated(*handle);
        for (qsizetype i : image.annotations) {
            const QString at = QStringLiteral("%1: annotations[%2]").arg(path).arg(i);
            const QJsonObject a = annotations.at(i).toObject();
            const QJsonArray bbox = a.value(QLatin1String("bbox")).toArray();
            const auto categoryId = idText(a.value(QLatin1String("category_id")));
            QString problem;
            if (bbox.size() != 4)
                problem = QStringLiteral("bbox must be [x, y, width, height]");
            else if (!categoryId || !categories.contains(*categoryId))
                problem = QStringLiteral("category_id %1 is not among the categories")
                              .arg(categoryId.value_or(QStringLiteral("(missing)")));
            for (const QJsonValue& v : bbox)
                if (problem.isEmpty() && !v.isDouble())
                    problem = QStringLiteral("bbox must hold four numbers");
            if (!problem.isEmpty()) {
                Status s = session.reportBad(at, problem);
                if (!s.ok())
                    return s;
                continue;
            }
            Box box;
            box.label = categories.value(*categoryId);
            box.x = bbox.at(0).toDouble();
            box.y = bbox.at(1).toDouble();
            box.w = bbox.at(2).toDouble();
            box.h = bbox.at(3).toDouble();
            box.attrs = a.value(QLatin1String("attributes")).toObject();
            Status s = import.addBox(*handle, std::move(box), at);
            if (!s.ok())
                return s;
        }
    }
    session.progress(total, total);
    return Status::success();
}

}  // namespace

bool CocoFormat::probe(const QString& path) const {
    if (!Format::probe(path) || !QFileInfo(path).isFile())
        return false;
    // The keys may sit at either end of a large file (pycocotools writes
    // "categories" last): look at both ends, not at everything in between.
    const QByteArray text = detection::fileHeadAndTail(path);
    return text.trimmed().startsWith('{') && detection::hasJsonKey(text, "images") &&
           detection::hasJsonKey(text, "annotations") && detection::hasJsonKey(text, "categories");
}

Status CocoFormat::read(const QString& path, ImportSession& session) {
    return DetectionImport::importJsonFile(session, name(), QStringLiteral("COCO"), path, readFile);
}

Status CocoFormat::write(Project& project, const QString& path, const ExportOptions& options,
                         ExportReport& report) {
    StreamedFile file(path);
    if (Status opened = file.open(); !opened.ok())
        return opened;
    const QDir outDir = QFileInfo(path).absoluteDir();
    // One pass gives the images and their annotations together, and both are
    // lists of the one object. The annotations (nine tenths of the bytes) go
    // straight to the output; the images list waits in a temporary file
    // beside it and follows, never in memory. Readers do not mind the order
    // of the keys.
    QTemporaryFile pending(outDir.filePath(QStringLiteral(".coco-images-XXXXXX")));
    if (!pending.open())
        return Status::failure(QStringLiteral("%1: cannot make a temporary file: %2")
                                   .arg(path, pending.errorString()));

    QStringList schemaLabels;
    for (const Label& label : project.schema().labels)
        if (label.appliesTo(TaskKind::Image))
            schemaLabels << label.name;
    detection::LabelIndex labels(schemaLabels);

    QByteArray& out = file.out();  // to the output file
    QByteArray images;             // to the temporary file
    images.reserve(kFlushBytes + kFlushBytes / 4);
    auto flushImages = [&]() -> Status {
        if (pending.write(images) != images.size())
            return Status::failure(QStringLiteral("%1: write failed: %2")
                                       .arg(pending.fileName(), pending.errorString()));
        images.truncate(0);
        return Status::success();
    };

    out.append("{\"info\":{\"description\":");
    jsonwriter::appendString(out, project.name().toUtf8());
    out.append("},\"licenses\":[],\"annotations\":[");
    qint64 imageId = 0;
    qint64 annotationId = 0;
    DetectionExport exporter(project, options, report);
    Status walked = exporter.forEach([&](const ExportImage& image) -> Status {
        if (imageId > 0)
            images.append(',');
        ++imageId;
        images.append("{\"id\":");
        jsonwriter::appendInteger(images, imageId);
        images.append(",\"width\":");
        jsonwriter::appendInteger(images, image.size.width());
        images.append(",\"height\":");
        jsonwriter::appendInteger(images, image.size.height());
        images.append(",\"file_name\":");
        jsonwriter::appendString(
            images,
            QDir::fromNativeSeparators(outDir.relativeFilePath(image.absolutePath)).toUtf8());
        images.append('}');
        for (const Box& box : image.boxes) {
            if (annotationId > 0)
                out.append(',');
            ++annotationId;
            out.append("{\"id\":");
            jsonwriter::appendInteger(out, annotationId);
            out.append(",\"image_id\":");
            jsonwriter::appendInteger(out, imageId);
            out.append(",\"category_id\":");
            jsonwriter::appendInteger(out, labels.idOf(box.label) + 1);
            out.append(",\"bbox\":[");
            for (double v : {box.x, box.y, box.w}) {
                detection::appendExactNumber(out, v);
                out.append(',');
            }
            detection::appendExactNumber(out, box.h);
            out.append("],\"area\":");
            // A product of two stored values: 12.3 * 45.6 is 560.8800000000001.
            out.append(detection::derivedNumber(box.w * box.h));
            out.append(",\"iscrowd\":0,\"segmentation\":[]");
            if (!box.attrs.isEmpty()) {
                out.append(",\"attributes\":");
                out.append(canonicalJson(box.attrs));
            }
            out.append('}');
        }
        if (Status s = file.flushIfFull(); !s.ok())
            return s;
        return images.size() >= kFlushBytes ? flushImages() : Status::success();
    });
    if (!walked.ok())
        return walked;
    if (Status s = flushImages(); !s.ok())
        return s;

    out.append("],\"images\":[");
    if (Status s = file.flush(); !s.ok())
        return s;
    if (!pending.seek(0))
        return Status::failure(
            QStringLiteral("%1: %2").arg(pending.fileName(), pending.errorString()));
    while (!pending.atEnd()) {
        QByteArray chunk = pending.read(kFlushBytes);
        if (chunk.isEmpty() && !pending.atEnd())
            return Status::failure(QStringLiteral("%1: read failed: %2")
                                       .arg(pending.fileName(), pending.errorString()));
        out = std::move(chunk);
        if (Status s = file.flush(); !s.ok())
            return s;
    }
    out.append("],\"categories\":[");
    for (qsizetype i = 0; i < labels.names().size(); ++i) {
        if (i > 0)
            out.append(',');
        out.append("{\"id\":");
        jsonwriter::appendInteger(out, i + 1);
        out.append(",\"name\":");
        jsonwriter::appendString(out, labels.names().at(i).toUtf8());
        out.append(",\"supercategory\":\"\"}");
    }
    out.append("]}\n");
    if (!labels.added().isEmpty())
        report.warnings << QStringLiteral(
                               "labels not in the schema were given the categories after its "
                               "labels: %1")
                               .arg(labels.added().join(QStringLiteral(", ")));
    exporter.finish();
    return file.commit();
}

}  // namespace postil

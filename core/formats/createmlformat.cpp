#include "formats/createmlformat.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include "formats/detectionexport.h"
#include "formats/detectionimport.h"
#include "formats/importsession.h"
#include "formats/jsonwriter.h"
#include "formats/streamedfile.h"
#include "model/project.h"

namespace postil {

namespace {

// labelImg and the Create ML docs say "image" and "annotations"; Apple's
// newer docs "imagefilename" and "annotation".
QJsonValue eitherKey(const QJsonObject& o, const char* key, const char* alternative) {
    const QJsonValue value = o.value(QLatin1String(key));
    return value.isUndefined() ? o.value(QLatin1String(alternative)) : value;
}

Status readAnnotation(const QJsonObject& a, int handle, const QString& where,
                      DetectionImport& import) {
    ImportSession& session = import.session();
    const QJsonObject c = a.value(QLatin1String("coordinates")).toObject();
    const char* const keys[] = {"x", "y", "width", "height"};
    double v[4];
    for (int i = 0; i < 4; ++i) {
        const QJsonValue value = c.value(QLatin1String(keys[i]));
        if (!value.isDouble())
            return session.reportBad(
                where,
                QStringLiteral("coordinates.%1 must be a number").arg(QLatin1String(keys[i])));
        v[i] = value.toDouble();
    }
    Box box;
    box.label = a.value(QLatin1String("label")).toString();
    box.x = detection::cleanDerived(v[0] - v[2] / 2);
    box.y = detection::cleanDerived(v[1] - v[3] / 2);
    box.w = v[2];
    box.h = v[3];
    return import.addBox(handle, std::move(box), where);
}

Status readFile(const QString& path, DetectionImport& import) {
    ImportSession& session = import.session();
    auto doc = detection::readJsonFile(path);
    if (!doc.ok())
        return session.reportBad(path, doc.error());
    if (!doc->isArray())
        return session.reportBad(path, QStringLiteral("expected a list of images with their "
                                                      "annotations"));
    const QDir baseDir = QFileInfo(path).absoluteDir();
    const QJsonArray list = doc->array();
    for (qsizetype i = 0; i < list.size(); ++i) {
        session.progress(i, list.size());
        const QString where = QStringLiteral("%1: [%2]").arg(path).arg(i);
        const QJsonObject entry = list.at(i).toObject();
        const QString image =
            detection::portablePath(eitherKey(entry, "image", "imagefilename").toString());
        const QJsonValue annotations = eitherKey(entry, "annotations", "annotation");
        if (image.isEmpty() || !(annotations.isArray() || annotations.isUndefined())) {
            Status s = session.reportBad(where, QStringLiteral("an entry needs \"image\" and a "
                                                               "list of \"annotations\""));
            if (!s.ok())
                return s;
            continue;
        }
        auto handle = import.image(import.candidatesFor(image, baseDir), image,
                                   QStringLiteral("image '%1'").arg(image), where);
        if (!handle.ok())
            return Status::failure(handle.error());
        if (*handle < 0)
            continue;
        import.markAnnotated(*handle);
        const QJsonArray boxes = annotations.toArray();
        for (qsizetype j = 0; j < boxes.size(); ++j) {
            Status s =
                readAnnotation(boxes.at(j).toObject(), *handle,
                               QStringLiteral("%1.annotations[%2]").arg(where).arg(j), import);
            if (!s.ok())
                return s;
        }
    }
    session.progress(list.size(), list.size());
    return Status::success();
}

}  // namespace

bool CreateMlFormat::probe(const QString& path) const {
    if (!Format::probe(path) || !QFileInfo(path).isFile())
        return false;
    const QByteArray head = detection::fileHeadAndTail(path, 64 * 1024).trimmed();
    if (!head.startsWith('['))
        return false;
    if (head.mid(1).trimmed().startsWith(']'))
        return false;  // an empty list could be anything
    return (detection::hasJsonKey(head, "image") || detection::hasJsonKey(head, "imagefilename")) &&
           (detection::hasJsonKey(head, "annotations") ||
            detection::hasJsonKey(head, "annotation"));
}

Status CreateMlFormat::read(const QString& path, ImportSession& session) {
    return DetectionImport::importJsonFile(session, name(), QStringLiteral("Create ML"), path,
                                           readFile);
}

Status CreateMlFormat::write(Project& project, const QString& path, const ExportOptions& options,
                             ExportReport& report) {
    StreamedFile file(path);
    if (Status opened = file.open(); !opened.ok())
        return opened;
    const QDir outDir = QFileInfo(path).absoluteDir();
    QByteArray& buffer = file.out();
    buffer.append('[');
    bool first = true;
    DetectionExport exporter(project, options, report);
    Status walked = exporter.forEach([&](const ExportImage& image) -> Status {
        buffer.append(first ? "\n" : ",\n");
        first = false;
        buffer.append("{\"image\":");
        jsonwriter::appendString(
            buffer,
            QDir::fromNativeSeparators(outDir.relativeFilePath(image.absolutePath)).toUtf8());
        buffer.append(",\"annotations\":[");
        for (qsizetype i = 0; i < image.boxes.size(); ++i) {
            const Box& box = image.boxes.at(i);
            if (i)
                buffer.append(',');
            buffer.append("{\"label\":");
            jsonwriter::appendString(buffer, box.label.toUtf8());
            buffer.append(",\"coordinates\":{\"x\":");
            buffer.append(detection::derivedNumber(box.x + box.w / 2));
            buffer.append(",\"y\":");
            buffer.append(detection::derivedNumber(box.y + box.h / 2));
            buffer.append(",\"width\":");
            buffer.append(detection::exactNumber(box.w));
            buffer.append(",\"height\":");
            buffer.append(detection::exactNumber(box.h));
            buffer.append("}}");
        }
        buffer.append("]}");
        exporter.attributesLost(image, QStringLiteral("Create ML"));
        return file.flushIfFull();
    });
    if (!walked.ok())
        return walked;
    buffer.append(first ? "]\n" : "\n]\n");
    exporter.finish();
    return file.commit();
}

}  // namespace postil

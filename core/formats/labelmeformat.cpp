#include "formats/labelmeformat.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include "formats/detectionexport.h"
#include "formats/detectionimport.h"
#include "formats/folderformat.h"
#include "formats/importsession.h"
#include "formats/jsonwriter.h"
#include "model/ids.h"
#include "model/project.h"

namespace postil {

namespace {

bool looksLikeLabelme(const QString& path) {
    const QByteArray text = detection::fileHeadAndTail(path, 256 * 1024);
    return text.trimmed().startsWith('{') && detection::hasJsonKey(text, "shapes") &&
           detection::hasJsonKey(text, "imagePath");
}

// The corners of a rectangle: 2 points in any order (labelme), or the 4
// corners X-AnyLabeling writes. Empty when the points are not that.
struct Corners {
    double x0, y0, x1, y1;
};

std::optional<Corners> rectangleOf(const QJsonArray& points) {
    if (points.size() != 2 && points.size() != 4)
        return std::nullopt;
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    for (qsizetype i = 0; i < points.size(); ++i) {
        const QJsonArray p = points.at(i).toArray();
        if (p.size() != 2 || !p.at(0).isDouble() || !p.at(1).isDouble())
            return std::nullopt;
        const double x = p.at(0).toDouble();
        const double y = p.at(1).toDouble();
        x0 = i == 0 ? x : qMin(x0, x);
        x1 = i == 0 ? x : qMax(x1, x);
        y0 = i == 0 ? y : qMin(y0, y);
        y1 = i == 0 ? y : qMax(y1, y);
    }
    return Corners{x0, y0, x1, y1};
}

Status readShape(const QJsonObject& shape, int handle, const QString& where,
                 DetectionImport& import) {
    ImportSession& session = import.session();
    const QString type =
        shape.value(QLatin1String("shape_type")).toString(QStringLiteral("polygon"));
    if (type != QLatin1String("rectangle")) {
        session.warn(where, QStringLiteral("a %1 shape is not a box; skipped").arg(type));
        return Status::success();
    }
    const QJsonArray points = shape.value(QLatin1String("points")).toArray();
    const auto rect = rectangleOf(points);
    if (!rect)
        return session.reportBad(where, QStringLiteral("a rectangle needs 2 corner points (or 4) "
                                                       "of two numbers each; found %1 points")
                                            .arg(points.size()));
    Box box;
    box.label = shape.value(QLatin1String("label")).toString();
    box.x = rect->x0;
    box.y = rect->y0;
    box.w = detection::cleanDerived(rect->x1 - rect->x0);
    box.h = detection::cleanDerived(rect->y1 - rect->y0);
    for (const char* key : {"flags", "attributes"}) {
        const QJsonObject values = shape.value(QLatin1String(key)).toObject();
        for (auto it = values.begin(); it != values.end(); ++it)
            box.attrs.insert(it.key(), it.value());
    }
    return import.addBox(handle, std::move(box), where);
}

Status readFile(const QString& path, DetectionImport& import, bool inFolder) {
    ImportSession& session = import.session();
    auto doc = detection::readJsonFile(path);
    if (!doc.ok())
        return session.reportBad(path, doc.error());
    const QJsonObject root = doc->object();
    if (!root.value(QLatin1String("shapes")).isArray() ||
        !root.value(QLatin1String("imagePath")).isString()) {
        const QString why = QStringLiteral(
            "not a labelme file (it needs \"shapes\" and "
            "\"imagePath\")");
        if (!inFolder)
            return session.reportBad(path, why);
        session.warn(path, why + QStringLiteral("; skipped"));
        return Status::success();
    }
    const QString imagePath =
        detection::portablePath(root.value(QLatin1String("imagePath")).toString());
    const QString name = imagePath.section(QLatin1Char('/'), -1);
    const QDir jsonDir = QFileInfo(path).absoluteDir();
    QStringList candidates = import.candidatesFor(imagePath, jsonDir);
    // labelme keeps the JSON beside its image: try there when the path is stale.
    candidates << QDir::cleanPath(jsonDir.absoluteFilePath(name));
    candidates.removeDuplicates();
    auto handle =
        import.image(candidates, imagePath, QStringLiteral("image '%1'").arg(imagePath), path);
    if (!handle.ok())
        return Status::failure(handle.error());
    if (*handle < 0)
        return Status::success();
    import.declareSize(*handle,
                       QSize(root.value(QLatin1String("imageWidth")).toInt(),
                             root.value(QLatin1String("imageHeight")).toInt()),
                       path);
    import.markAnnotated(*handle);
    const QJsonArray shapes = root.value(QLatin1String("shapes")).toArray();
    for (qsizetype i = 0; i < shapes.size(); ++i) {
        Status s = readShape(shapes.at(i).toObject(), *handle,
                             QStringLiteral("%1: shapes[%2]").arg(path).arg(i), import);
        if (!s.ok())
            return s;
    }
    return Status::success();
}

// labelme's own layout (indent 2, one point per line), written by hand so
// that derived corners carry no floating-point noise.
QByteArray labelmeJson(const ExportImage& image, const QDir& outDir) {
    QByteArray out;
    out.append("{\n  \"version\": \"5.1.1\",\n  \"flags\": {},\n  \"shapes\": [");
    for (qsizetype i = 0; i < image.boxes.size(); ++i) {
        const Box& box = image.boxes.at(i);
        QJsonObject flags;
        QJsonObject attributes;
        for (auto it = box.attrs.begin(); it != box.attrs.end(); ++it)
            (it.value().isBool() ? flags : attributes).insert(it.key(), it.value());
        out.append(i ? ",\n    {\n" : "\n    {\n");
        out.append("      \"label\": ");
        jsonwriter::appendString(out, box.label.toUtf8());
        out.append(",\n      \"points\": [\n        [\n          ");
        out.append(detection::exactNumber(box.x)).append(",\n          ");
        out.append(detection::exactNumber(box.y)).append("\n        ],\n        [\n          ");
        out.append(detection::derivedNumber(box.x + box.w)).append(",\n          ");
        out.append(detection::derivedNumber(box.y + box.h)).append("\n        ]\n      ],\n");
        out.append("      \"group_id\": null,\n      \"description\": \"\",\n");
        out.append("      \"shape_type\": \"rectangle\",\n      \"flags\": ");
        out.append(canonicalJson(flags));
        if (!attributes.isEmpty()) {
            out.append(",\n      \"attributes\": ");
            out.append(canonicalJson(attributes));
        }
        out.append("\n    }");
    }
    out.append(image.boxes.isEmpty() ? "],\n" : "\n  ],\n");
    out.append("  \"imagePath\": ");
    jsonwriter::appendString(
        out, QDir::fromNativeSeparators(outDir.relativeFilePath(image.absolutePath)).toUtf8());
    out.append(",\n  \"imageData\": null,\n  \"imageHeight\": ");
    jsonwriter::appendInteger(out, image.size.height());
    out.append(",\n  \"imageWidth\": ");
    jsonwriter::appendInteger(out, image.size.width());
    out.append("\n}\n");
    return out;
}

}  // namespace

bool LabelmeFormat::probe(const QString& path) const {
    const QFileInfo info(path);
    if (info.isDir()) {
        for (const QString& json : detection::sampleFiles(path, {QStringLiteral("json")}, 3))
            if (looksLikeLabelme(json))
                return true;
        return false;
    }
    return Format::probe(path) && info.isFile() && looksLikeLabelme(path);
}

Status LabelmeFormat::read(const QString& path, ImportSession& session) {
    DetectionImport import(session, name());
    Status begun = import.begin();
    if (!begun.ok())
        return begun;
    const bool folder = QFileInfo(path).isDir();
    if (folder) {
        // labelme opens a folder of images and saves a JSON beside each one it
        // annotated: the others are tasks still to do. Images first, so the
        // tasks follow the images' names.
        for (const QString& image : detection::filesUnder(path, FolderFormat::imageExtensions())) {
            auto handle =
                import.image({image}, image, QStringLiteral("image '%1'").arg(image), image);
            if (!handle.ok())
                return Status::failure(handle.error());
        }
    }
    const QStringList files =
        folder ? detection::filesUnder(path, {QStringLiteral("json")}) : QStringList{path};
    return import.readAll(files,
                          [&](const QString& file) { return readFile(file, import, folder); });
}

Status LabelmeFormat::write(Project& project, const QString& path, const ExportOptions& options,
                            ExportReport& report) {
    return writeFilePerImage(project, path, options, report, QStringLiteral(".json"), labelmeJson);
}

}  // namespace postil

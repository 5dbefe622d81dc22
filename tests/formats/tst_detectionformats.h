#pragma once

// Helpers shared by the detection format tests (tst_detectionformats*.cpp):
// images made on the spot, a schema with box labels and attributes, boxes
// stored and read back through the project.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

#include "formats/detectionsupport.h"
#include "formats/formatregistry.h"
#include "formats/importsession.h"
#include "model/project.h"
#include "testimages.h"
#include "testsupport.h"

namespace postil::detectiontest {

// Each path gets its own colour: two images with the same bytes are one task.
inline void makePng(const QString& path, int width, int height) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(QRgb(qHash(QFileInfo(path).absoluteFilePath())) | 0xff000000u);
    QVERIFY2(image.save(path, "PNG"), qPrintable(path));
}

// A JPEG stored storedWidth × storedHeight whose EXIF orientation 6 says
// "rotate 90° clockwise to display": it displays storedHeight × storedWidth.
inline void makeRotatedJpeg(const QString& path, int storedWidth, int storedHeight) {
    QImage stored(storedWidth, storedHeight, QImage::Format_RGB32);
    stored.fill(Qt::red);
    QVERIFY2(writeJpeg(path, stored, 6, 90), qPrintable(path));
}

inline Label makeLabel(const char* name, const char* color, const char* hotkey) {
    Label label;
    label.name = QLatin1String(name);
    label.color = QLatin1String(color);
    label.hotkey = QLatin1String(hotkey);
    return label;
}

inline Schema boxSchema() {
    Schema schema;
    schema.labels = {makeLabel("car", "#e6194b", "1"), makeLabel("person", "#3cb44b", "2"),
                     makeLabel("bike", "#4363d8", "3")};
    for (const char* name : {"difficult", "truncated", "occluded"}) {
        Attribute attribute;
        attribute.name = QLatin1String(name);
        attribute.type = QStringLiteral("flag");
        schema.attributes << attribute;
    }
    return schema;
}

inline Box box(const char* label, double x, double y, double w, double h, QJsonObject attrs = {}) {
    Box b;
    b.label = QLatin1String(label);
    b.x = x;
    b.y = y;
    b.w = w;
    b.h = h;
    b.attrs = attrs;
    return b;
}

// The uid of the task showing the image named 'fileName'.
inline QString taskOf(Project& project, const QString& fileName) {
    Statement stmt = project.database().statement(
        QStringLiteral("SELECT uid, data FROM tasks WHERE kind = 'image' ORDER BY id"));
    while (stmt.next()) {
        const QString image = QJsonDocument::fromJson(stmt.utf8(1))
                                  .object()
                                  .value(QStringLiteral("image"))
                                  .toString();
        if (QFileInfo(image).fileName() == fileName)
            return stmt.text(0);
    }
    return QString();
}

inline void saveBoxes(Project& project, const QString& taskUid, const QList<Box>& boxes,
                      const QString& annotator = QStringLiteral("alice")) {
    QVERIFY2(!taskUid.isEmpty(), "no such task");
    QJsonArray list;
    for (const Box& b : boxes)
        list.append(b.toJson());
    Annotation a;
    a.taskUid = taskUid;
    a.annotator = annotator;
    a.status = AnnotationStatus::Submitted;
    a.result.insert(QStringLiteral("boxes"), list);
    const Status saved = project.saveAnnotation(a);
    QVERIFY2(saved.ok(), qPrintable(saved.error()));
}

// The boxes 'annotator' has on the task of 'fileName'; nullopt when there is
// no such annotation.
inline std::optional<QList<Box>> storedBoxes(Project& project, const QString& fileName,
                                             const QString& annotator) {
    const QString uid = taskOf(project, fileName);
    if (uid.isEmpty())
        return std::nullopt;
    auto a = project.annotations().get(uid, annotator);
    if (!a || a->deleted)
        return std::nullopt;
    return boxresult::read(a->result);
}

inline Expected<ImportReport> importInto(Project& project, const QString& path,
                                         const QString& format, bool skipBad = false,
                                         const QMap<QString, QString>& formatOptions = {}) {
    ImportOptions options;
    options.skipBad = skipBad;
    options.formatOptions = formatOptions;
    return importFiles(project, {path}, format, options);
}

// Imports the pictures under dir/images as a folder of image tasks.
inline bool importImageFolder(Project& project, const QTemporaryDir& dir) {
    return importInto(project, dir.filePath(QStringLiteral("images")), QStringLiteral("folder"))
        .ok();
}

// A project with the box labels and attributes holding the pictures under
// dir/images; null, with what failed told, when it cannot be made so.
inline std::unique_ptr<Project> boxProjectOf(const QTemporaryDir& dir) {
    auto project = makeProject(dir.filePath(QStringLiteral("p.postil")));
    const Status schema = project->setSchema(boxSchema());
    if (!schema.ok()) {
        qWarning("box schema: %s", qPrintable(schema.error()));
        return nullptr;
    }
    if (!importImageFolder(*project, dir)) {
        qWarning("cannot import %s", qPrintable(dir.filePath(QStringLiteral("images"))));
        return nullptr;
    }
    return project;
}

inline Status exportTo(Project& project, const QString& format, const QString& out,
                       ExportReport& report, const ExportOptions& options = {}) {
    Format* f = FormatRegistry::instance().byName(format);
    if (!f)
        return Status::failure(QStringLiteral("no format %1").arg(format));
    return f->write(project, out, options, report);
}

inline bool anyContains(const QStringList& lines, const QString& a, const QString& b = QString()) {
    for (const QString& line : lines)
        if (line.contains(a) && (b.isEmpty() || line.contains(b)))
            return true;
    return false;
}

}  // namespace postil::detectiontest

#pragma once

// Helpers shared by the detection format tests (tst_detectionformats*.cpp):
// images made on the spot, a schema with box labels and attributes, boxes
// stored and read back through the project.

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include "formats/detectionsupport.h"
#include "formats/formatregistry.h"
#include "formats/importsession.h"
#include "model/project.h"
#include "testsupport.h"

namespace postil::detectiontest {

// Each path gets its own colour: two images with the same bytes are one task.
inline void makePng(const QString& path, int width, int height) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(QRgb(qHash(QFileInfo(path).absoluteFilePath())) | 0xff000000u);
    QVERIFY2(image.save(path, "PNG"), qPrintable(path));
}

// A minimal EXIF APP1 segment holding only the orientation tag (0x0112).
inline QByteArray exifOrientationSegment(quint16 orientation) {
    QByteArray tiff;
    tiff += QByteArray("II*\0", 4);       // little-endian TIFF header
    tiff += QByteArray("\x08\0\0\0", 4);  // first IFD at offset 8
    tiff += QByteArray("\x01\0", 2);      // one entry
    tiff += QByteArray("\x12\x01", 2);    // tag 0x0112 Orientation
    tiff += QByteArray("\x03\0", 2);      // type SHORT
    tiff += QByteArray("\x01\0\0\0", 4);  // count 1
    tiff += char(orientation & 0xff);
    tiff += char(orientation >> 8);
    tiff += QByteArray("\0\0", 2);      // value padding
    tiff += QByteArray("\0\0\0\0", 4);  // no next IFD
    const QByteArray payload = QByteArray("Exif\0\0", 6) + tiff;
    const int length = payload.size() + 2;
    QByteArray segment("\xff\xe1", 2);
    segment += char(length >> 8);
    segment += char(length & 0xff);
    return segment + payload;
}

// A JPEG stored storedWidth × storedHeight whose EXIF orientation 6 says
// "rotate 90° clockwise to display": it displays storedHeight × storedWidth.
inline void makeRotatedJpeg(const QString& path, int storedWidth, int storedHeight) {
    QImage stored(storedWidth, storedHeight, QImage::Format_RGB32);
    stored.fill(Qt::red);
    QByteArray jpeg;
    QBuffer buffer(&jpeg);
    buffer.open(QIODevice::WriteOnly);
    QVERIFY(stored.save(&buffer, "JPEG", 90));
    QVERIFY(jpeg.startsWith("\xff\xd8"));
    jpeg.insert(2, exifOrientationSegment(6));
    writeFile(path, jpeg);
}

inline QByteArray readAll(const QString& path) {
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
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
    return detection::boxesOf(a->result);
}

inline Expected<ImportReport> importInto(Project& project, const QString& path,
                                         const QString& format, bool skipBad = false,
                                         const QMap<QString, QString>& formatOptions = {}) {
    ImportOptions options;
    options.skipBad = skipBad;
    options.formatOptions = formatOptions;
    return importFiles(project, {path}, format, options);
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

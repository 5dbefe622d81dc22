#pragma once

#include "formats/format.h"

namespace postil {

// labelme 5.x JSON, one file per image: {"version", "flags", "shapes":
// [{"label", "points", "group_id", "shape_type", "flags", "description"}],
// "imagePath" (relative to the JSON), "imageData", "imageHeight",
// "imageWidth"}. Export writes rectangles of 2 corner points with imageData
// null (no 10× bloat) and the displayed (EXIF-oriented) size, which labelme
// checks against the image it opens. Import takes rectangles of 2 points in
// either corner order and the 4-point rectangles X-AnyLabeling writes; other
// shapes are reported and skipped. Flag attributes travel as the shape's
// "flags", other attributes in its "attributes" (X-AnyLabeling's key).
class LabelmeFormat : public Format {
public:
    QString name() const override { return QStringLiteral("labelme"); }
    QString description() const override { return QStringLiteral("labelme JSON (per image)"); }
    QStringList extensions() const override { return {QStringLiteral("json")}; }
    QList<TaskKind> kinds() const override { return {TaskKind::Image}; }
    bool writesFolder() const override { return true; }
    bool canRead() const override { return true; }
    bool canWrite() const override { return true; }
    bool picksOneAnswer() const override { return true; }
    // A .json file with "shapes" and "imagePath", or a folder holding one.
    bool probe(const QString& path) const override;

    Status read(const QString& path, ImportSession& session) override;
    Status write(Project& project, const QString& path, const ExportOptions& options,
                 ExportReport& report) override;
};

}  // namespace postil

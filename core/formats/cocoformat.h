#pragma once

#include "formats/format.h"

namespace postil {

// COCO object detection JSON, one file for the project:
// {"images": [{id, width, height, file_name}], "annotations": [{id, image_id,
// category_id, bbox: [x, y, w, h], area, iscrowd, segmentation}],
// "categories": [{id, name, supercategory}]}. bbox is in pixels from the
// top-left corner; categories are numbered from 1 in the schema's label
// order; file_name is relative to the JSON file's folder. Box attributes
// travel in "attributes" per annotation, as CVAT writes them. The export
// streams, and writes "annotations" before "images" (see write()).
class CocoFormat : public Format {
public:
    QString name() const override { return QStringLiteral("coco"); }
    QString description() const override { return QStringLiteral("COCO object detection JSON"); }
    QStringList extensions() const override { return {QStringLiteral("json")}; }
    QList<TaskKind> kinds() const override { return {TaskKind::Image}; }
    bool canRead() const override { return true; }
    bool canWrite() const override { return true; }
    bool picksOneAnswer() const override { return true; }
    // A .json file whose top level has "images", "annotations" and "categories".
    bool probe(const QString& path) const override;

    Status read(const QString& path, ImportSession& session) override;
    Status write(Project& project, const QString& path, const ExportOptions& options,
                 ExportReport& report) override;
};

}  // namespace postil

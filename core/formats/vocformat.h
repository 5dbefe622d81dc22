#pragma once

#include "formats/format.h"

namespace postil {

// Pascal VOC XML, one file per image: <annotation> with folder, filename,
// path, size{width,height,depth}, segmented and one <object> per box
// {name, pose, truncated, difficult, bndbox{xmin,ymin,xmax,ymax}}. Export
// writes into a folder; import reads one .xml file or a folder of them.
//
// Coordinates keep their numbers: xmin/ymin are the stored x/y written
// exactly (integers stay integers), xmax = x + w and ymax = y + h rounded to
// 6 decimals; import reads them back as x = xmin, w = xmax - xmin. No 1-based
// shift, no cutting to integers and no "raise a min of 0 to 1", so a file
// imported and exported again keeps its numbers. difficult and truncated come
// from the box's flag attributes of those names, pose from a "pose" attribute;
// other attributes travel in <attributes>, as CVAT writes them.
class VocFormat : public Format {
public:
    QString name() const override { return QStringLiteral("voc"); }
    QString description() const override { return QStringLiteral("Pascal VOC XML"); }
    QStringList extensions() const override { return {QStringLiteral("xml")}; }
    QList<TaskKind> kinds() const override { return {TaskKind::Image}; }
    bool writesFolder() const override { return true; }
    bool canRead() const override { return true; }
    bool canWrite() const override { return true; }
    // An .xml file with an <annotation> root, or a folder holding such files
    // (or an Annotations subfolder).
    bool probe(const QString& path) const override;

    Status read(const QString& path, ImportSession& session) override;
    Status write(Project& project, const QString& path, const ExportOptions& options,
                 ExportReport& report) override;
};

}  // namespace postil

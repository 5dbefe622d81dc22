#pragma once

#include "formats/format.h"
#include "store/status.h"

namespace postil {

// Pascal VOC XML, one file per image: <annotation> with folder, filename,
// path, size{width,height,depth}, segmented and one <object> per box
// {name, pose, truncated, difficult, bndbox{xmin,ymin,xmax,ymax}}. Export
// writes into a folder; import reads one .xml file or a folder of them.
//
// Coordinates are integers by default: xmin = x, ymin = y, xmax = x + w and
// ymax = y + h, each rounded to the nearest pixel, because the readers people
// use (the VOC devkit, torchvision's and many training scripts) parse them
// with int() and fail on "12.5". The "decimals" export option (0 to 2, the
// stored precision) keeps fractions. Import reads x = xmin, w = xmax - xmin.
// No 1-based shift and no "raise a min of 0 to 1", so an integer file
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
    bool picksOneAnswer() const override { return true; }
    // An .xml file with an <annotation> root, or a folder holding such files
    // (or an Annotations subfolder).
    bool probe(const QString& path) const override;

    Status read(const QString& path, ImportSession& session) override;
    Status write(Project& project, const QString& path, const ExportOptions& options,
                 ExportReport& report) override;

    // The export option giving the decimals of coordinates (absent: 0).
    static constexpr const char* kDecimalsOption = "decimals";
    // Its value in 'options'; fails naming the option when it is not 0..2.
    static Expected<int> decimals(const ExportOptions& options);
};

}  // namespace postil

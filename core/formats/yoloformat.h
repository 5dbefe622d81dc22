#pragma once

#include "formats/format.h"

namespace postil {

// YOLO darknet text labels: a folder with one .txt per image, named after the
// image, one line per box "class cx cy w h" (centre and size divided by the
// image's width and height, 6 decimals), and classes.txt with one class name
// per line (the line number is the class id).
//
// Export writes into a folder: an image annotated with no boxes gets an empty
// file; an existing classes.txt keeps its lines and their order, and names it
// lacks are appended (labelImg rewriting it is a known way to lose class
// ids). Import reads a folder (or its classes.txt) with the images and .txt
// files side by side, or in images/ and labels/ subfolders.
class YoloFormat : public Format {
public:
    QString name() const override { return QStringLiteral("yolo"); }
    QString description() const override { return QStringLiteral("YOLO text labels (folder)"); }
    QStringList extensions() const override { return {QStringLiteral("txt")}; }
    QList<TaskKind> kinds() const override { return {TaskKind::Image}; }
    bool writesFolder() const override { return true; }
    bool canRead() const override { return true; }
    bool canWrite() const override { return true; }
    bool picksOneAnswer() const override { return true; }
    // A classes.txt or obj.names file, or a folder with one (also in labels/),
    // or with images/ and labels/ subfolders.
    bool probe(const QString& path) const override;

    Status read(const QString& path, ImportSession& session) override;
    Status write(Project& project, const QString& path, const ExportOptions& options,
                 ExportReport& report) override;
};

}  // namespace postil

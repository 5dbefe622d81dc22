#pragma once

#include "formats/format.h"

namespace postil {

// Apple Create ML object detection JSON, one file for the project: a list of
// {"image": file name relative to the JSON, "annotations": [{"label",
// "coordinates": {"x", "y", "width", "height"}}]} where x and y are the box's
// CENTRE in pixels. Import also takes Apple's newer "imagefilename" and
// "annotation" keys and labelImg's one-file-per-image lists. The format has
// no attributes: export drops them with a warning.
class CreateMlFormat : public Format {
public:
    QString name() const override { return QStringLiteral("createml"); }
    QString description() const override {
        return QStringLiteral("Create ML object detection JSON");
    }
    QStringList extensions() const override { return {QStringLiteral("json")}; }
    QList<TaskKind> kinds() const override { return {TaskKind::Image}; }
    bool canRead() const override { return true; }
    bool canWrite() const override { return true; }
    bool picksOneAnswer() const override { return true; }
    // A .json file holding a list of objects with "image" (or
    // "imagefilename") and "annotations" (or "annotation").
    bool probe(const QString& path) const override;

    Status read(const QString& path, ImportSession& session) override;
    Status write(Project& project, const QString& path, const ExportOptions& options,
                 ExportReport& report) override;
};

}  // namespace postil

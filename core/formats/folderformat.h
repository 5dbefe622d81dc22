#pragma once

#include "formats/format.h"

namespace postil {

// A folder of images, audio or .txt files: one task per file, subfolders
// included, in the order of the relative paths; or one image or audio file,
// one task. Ids are derived from the content, so importing the same folder
// (or file) again adds nothing.
class FolderFormat : public Format {
public:
    QString name() const override { return QStringLiteral("folder"); }
    QString description() const override {
        return QStringLiteral("Folder of images, audio or text files, or one image or audio file");
    }
    QStringList extensions() const override { return {}; }
    bool canRead() const override { return true; }
    bool probe(const QString& path) const override;

    Status read(const QString& path, ImportSession& session) override;

    static const QStringList& imageExtensions();
    static const QStringList& audioExtensions();
};

}  // namespace postil

#pragma once

#include "formats/format.h"

namespace postil {

// Audacity label tracks (.txt), one file per audio task: a line per segment,
//   START<TAB>END<TAB>TEXT
// in seconds with six decimals, as Audacity writes them. A label is one line
// of text and has no speaker: the speaker goes before the text as "NAME: "
// (read back as one only for the project's audio labels, as SubRip), and a
// line break, tab or backslash in a text is written "\n", "\t", "\\" (a
// backslash before anything else is read as it is).
//
// Reading: a point label (START = END) is left out with a warning, the
// spectral-selection lines Audacity adds ("\<TAB>LOW<TAB>HIGH") are passed
// over, a decimal comma (written by some Audacity versions) is read as a
// point. A line that is not a label makes the file a bad record naming it.
class AudacityFormat : public Format {
public:
    QString name() const override { return QStringLiteral("audacity"); }
    QString description() const override {
        return QStringLiteral("Audacity label tracks, one .txt per audio task (a folder)");
    }
    QStringList extensions() const override { return {QStringLiteral("txt")}; }
    QList<TaskKind> kinds() const override { return {TaskKind::Audio}; }
    bool canRead() const override { return true; }
    bool canWrite() const override { return true; }
    bool picksOneAnswer() const override { return true; }
    bool writesFolder() const override { return true; }
    // A .txt file (or a folder of them) whose first line is a label: plain
    // text files are never taken for label tracks.
    bool probe(const QString& path) const override;

    Status read(const QString& path, ImportSession& session) override;
    Status write(Project& project, const QString& path, const ExportOptions& options,
                 ExportReport& report) override;
};

}  // namespace postil

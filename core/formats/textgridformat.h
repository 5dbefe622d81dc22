#pragma once

#include "formats/format.h"

namespace postil {

// Praat TextGrid (.TextGrid), one file per audio task.
//
// Export: the long text format, UTF-8 without a byte order mark (Praat reads
// it; Praat itself writes UTF-16 when a label is not ASCII). xmin is 0 and
// xmax the audio's length from its file's header, or, when the file cannot
// be read, the last segment's end (warned). One IntervalTier per speaker, in
// order of first speech, named after the speaker ("" for segments without
// one); its intervals touch end to end from 0 to xmax, empty ones filling the
// gaps. A segment overlapping an earlier one of its speaker cannot be held
// by a tier and is left out (warned); a segment without text is an empty
// interval, which reads back as a gap (warned). '"' is written twice.
//
// Import: the long and the short text format alike (both are the same
// sequence of numbers, "strings" and <flags>; everything else, "! comments"
// and "[n]" included, is ignored, as Praat ignores it), UTF-8 or UTF-16 with
// a byte order mark. Each IntervalTier is a speaker named after the tier;
// each interval whose text is not empty (or only whitespace) is a segment.
// TextTiers (points) are left out with a warning, as are intervals shorter
// than a millisecond once rounded. Counts are checked against what the file
// holds, never trusted for memory.
class TextGridFormat : public Format {
public:
    QString name() const override { return QStringLiteral("textgrid"); }
    QString description() const override {
        return QStringLiteral("Praat TextGrid, one per audio task (a folder)");
    }
    QStringList extensions() const override { return {QStringLiteral("textgrid")}; }
    QList<TaskKind> kinds() const override { return {TaskKind::Audio}; }
    bool canRead() const override { return true; }
    bool canWrite() const override { return true; }
    bool picksOneAnswer() const override { return true; }
    bool writesFolder() const override { return true; }
    // A .TextGrid file, or a folder holding some.
    bool probe(const QString& path) const override;

    Status read(const QString& path, ImportSession& session) override;
    Status write(Project& project, const QString& path, const ExportOptions& options,
                 ExportReport& report) override;
};

}  // namespace postil

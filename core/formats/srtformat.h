#pragma once

#include "formats/format.h"

namespace postil {

// SubRip (.srt), one file per audio task. A cue per segment, numbered in time
// order:
//   1
//   00:01:02,003 --> 00:01:04,500
//   Alice: the text, on as many lines as it has
//   (a blank line)
// SubRip has no speaker field: the speaker goes before the text as "NAME: "
// and is read back as one only when NAME is an audio label of the project
// (speech::splitSpeakerPrefix). Text is written as it is (SubRip has no
// escapes; "<", "&" and "-->" inside a cue are text); an empty line inside a
// text would end the cue, so it is left out (warned). Attributes are not
// written (warned).
//
// Reading is as lenient as players are: a cue number may be missing, '.'
// may stand for ',', hours may have one digit, decimals one to three; what
// follows the end time (SubRip coordinates) is ignored. A block that is not
// a cue, a time that is not one, or a cue ending before it starts makes the
// file a bad record naming its line.
class SrtFormat : public Format {
public:
    QString name() const override { return QStringLiteral("srt"); }
    QString description() const override {
        return QStringLiteral("SubRip subtitles, one .srt per audio task (a folder)");
    }
    QStringList extensions() const override { return {QStringLiteral("srt")}; }
    QList<TaskKind> kinds() const override { return {TaskKind::Audio}; }
    bool canRead() const override { return true; }
    bool canWrite() const override { return true; }
    bool picksOneAnswer() const override { return true; }
    bool writesFolder() const override { return true; }
    // An .srt file, or a folder holding .srt files.
    bool probe(const QString& path) const override;

    Status read(const QString& path, ImportSession& session) override;
    Status write(Project& project, const QString& path, const ExportOptions& options,
                 ExportReport& report) override;
};

}  // namespace postil

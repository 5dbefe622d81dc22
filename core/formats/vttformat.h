#pragma once

#include "formats/format.h"

namespace postil {

// WebVTT (.vtt), one file per audio task:
//   WEBVTT
//   (a blank line)
//   [cue id]
//   00:01:02.003 --> 00:01:04.500 [cue settings]
//   <v Alice>the text, &amp; &lt; &gt; escaped
//   (a blank line)
// The speaker is the cue's voice tag. A cue's settings ("align:start
// line:0") and id, which Postil does not use, are kept on import in the
// segment's object as "vtt_settings" and "vtt_id" (keys the segment codec
// keeps as they are) and written back on export. An empty line inside a text
// would end the cue, so it is left out (warned); attributes are not written
// (warned).
//
// Reading follows the WebVTT grammar: the "WEBVTT" line, NOTE, STYLE and
// REGION blocks passed over, times "[hh:]mm:ss.ttt". The first voice of a cue
// is its speaker; other tags (<i>, <b>, <c.x>, <00:00:01.000>...) are
// removed from the text (warned once per file) and character references
// decoded. A block that is not a cue or a time that is not one makes the file
// a bad record naming its line.
class VttFormat : public Format {
public:
    QString name() const override { return QStringLiteral("vtt"); }
    QString description() const override {
        return QStringLiteral("WebVTT subtitles, one .vtt per audio task (a folder)");
    }
    QStringList extensions() const override { return {QStringLiteral("vtt")}; }
    QList<TaskKind> kinds() const override { return {TaskKind::Audio}; }
    bool canRead() const override { return true; }
    bool canWrite() const override { return true; }
    bool picksOneAnswer() const override { return true; }
    bool writesFolder() const override { return true; }
    // A .vtt file, or a folder holding .vtt files.
    bool probe(const QString& path) const override;

    Status read(const QString& path, ImportSession& session) override;
    Status write(Project& project, const QString& path, const ExportOptions& options,
                 ExportReport& report) override;

    // The keys of a segment's object that hold a cue's settings and id.
    static constexpr const char* kSettingsKey = "vtt_settings";
    static constexpr const char* kIdKey = "vtt_id";
};

}  // namespace postil

#pragma once

#include "formats/format.h"

namespace postil {

// A NeMo-style ASR manifest (.jsonl, or .json as NeMo names them): one JSON
// object a line, one file for the whole project. Per exported audio task,
// first a task line with the whole transcript, then a line per segment in
// time order:
//   {"audio_filepath": "../audio/talk.wav", "offset": 0, "duration": 3700,
//    "text": "every segment's text, joined by spaces", "kind": "task"}
//   {"audio_filepath": "../audio/talk.wav", "offset": 1.5, "duration": 0.75,
//    "text": "...", "speaker": "Alice", "kind": "segment"}
// "kind" tells the two apart (NeMo reads the keys it knows and passes over
// the rest): train on `kind == "segment"` lines for utterances, on `"task"`
// lines for whole files. audio_filepath is relative to the manifest's folder
// ('/' separators), where NeMo looks for a relative path; offset and
// duration are seconds, exact to the millisecond. A task line's offset is 0
// and its duration the audio's length from its header, else the last
// segment's end (warned).
//
// Import reads such a manifest and any NeMo manifest: a line without "kind"
// (or with "segment") is a segment [offset, offset + duration) of its audio
// (offset 0 when missing, the audio's end when duration is), with its text and
// speaker; a "task" line makes sure its audio is a task and adds no segment.
// The lines of one audio file become one annotation of its task, found as
// for the other speech formats: the audio file's bytes when it exists, else
// a project task of its name (docs/architecture.md §7).
class AsrManifestFormat : public Format {
public:
    QString name() const override { return QStringLiteral("asr-manifest"); }
    QString description() const override {
        return QStringLiteral("ASR training manifest (NeMo JSON lines: segments and whole tasks)");
    }
    QStringList extensions() const override {
        return {QStringLiteral("jsonl"), QStringLiteral("json")};
    }
    QList<TaskKind> kinds() const override { return {TaskKind::Audio}; }
    bool canRead() const override { return true; }
    bool canWrite() const override { return true; }
    bool picksOneAnswer() const override { return true; }
    // A .jsonl or .json file whose first line has "audio_filepath".
    bool probe(const QString& path) const override;

    Status read(const QString& path, ImportSession& session) override;
    Status write(Project& project, const QString& path, const ExportOptions& options,
                 ExportReport& report) override;
};

}  // namespace postil

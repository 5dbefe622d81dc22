#pragma once

#include "formats/format.h"

namespace postil {

// ELAN Annotation Format 3.0 (.eaf), one file per audio task.
//
// Export: HEADER with TIME_UNITS milliseconds and the audio as
// MEDIA_DESCRIPTOR (MEDIA_URL a file URL, RELATIVE_MEDIA_URL relative to the
// output folder, as ELAN writes them); TIME_ORDER with two slots per
// annotation, numbered in time order; one top-level TIER per speaker
// (TIER_ID and PARTICIPANT the speaker's name; the segments without one go to
// the tier "(no speaker)" without a PARTICIPANT) holding ALIGNABLE_ANNOTATIONs;
// one LINGUISTIC_TYPE "default-lt" (time-alignable). AUTHOR is the annotator
// and DATE the annotation's last write, so the same project writes the same
// bytes. A segment overlapping an earlier one of its speaker cannot be in an
// ELAN tier and is left out (warned); characters XML 1.0 cannot hold (control
// characters) are written as U+FFFD (warned).
//
// Import (QXmlStreamReader; hostile files: a DOCTYPE is refused, so no entity
// is ever expanded or fetched; at most 256 MB, 64 levels of elements, two
// slots per segment and a million segments): each top-level tier is a speaker,
// its PARTICIPANT or else its TIER_ID ("(no speaker)" is none); each
// ALIGNABLE_ANNOTATION with both slots timed is a segment, its ANNOTATION_VALUE
// the text. Dependent tiers (PARENT_REF), reference annotations and
// annotations on untimed slots are left out with a warning. The media the
// header names (RELATIVE_MEDIA_URL, else MEDIA_URL) is the task's audio when
// that file exists.
class EafFormat : public Format {
public:
    QString name() const override { return QStringLiteral("eaf"); }
    QString description() const override {
        return QStringLiteral("ELAN annotation files (EAF 3.0), one per audio task (a folder)");
    }
    QStringList extensions() const override { return {QStringLiteral("eaf")}; }
    QList<TaskKind> kinds() const override { return {TaskKind::Audio}; }
    bool canRead() const override { return true; }
    bool canWrite() const override { return true; }
    bool picksOneAnswer() const override { return true; }
    bool writesFolder() const override { return true; }
    // An .eaf file, or a folder holding some.
    bool probe(const QString& path) const override;

    Status read(const QString& path, ImportSession& session) override;
    Status write(Project& project, const QString& path, const ExportOptions& options,
                 ExportReport& report) override;

    // The tier of the segments without a speaker.
    static QString noSpeakerTier() { return QStringLiteral("(no speaker)"); }
};

}  // namespace postil

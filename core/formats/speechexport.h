#pragma once

#include <QDir>
#include <QHash>
#include <QList>
#include <QString>
#include <functional>

#include "formats/detectionsupport.h"
#include "formats/format.h"
#include "model/segmentresult.h"

namespace postil {

class Project;

// One audio task on its way out: the segments of the annotation chosen for it.
struct SpeechTask {
    qint64 id = 0;
    QString uid;
    QString storedPath;    // data.audio, relative to the project file
    QString absolutePath;  // of the audio file
    QString mediaHash;
    // The audio's length from its file's header; -1 when the file is
    // missing or unreadable.
    qint64 durationMs = -1;
    QString annotator;
    qint64 hlc = 0;           // the annotation's last write (48-bit ms << 16 | counter)
    QList<Segment> segments;  // in time order (segmentresult::sort)

    // "task 12 (talk.wav)" for messages.
    QString describe() const;
    // The end of the time the file covers: the audio's length when known,
    // else the last segment's end (0 without segments).
    qint64 coveredMs() const;
};

// What the speech exports share: one streaming query over the audio tasks
// with their annotations, the choice of one annotation per task, the audio's
// length, the per-task file names, and warnings that stay short on 100,000
// tasks.
//
// The rules (as for the detection exports): a task is exported when it has
// a live annotation that matches --annotator/--status; one with such an
// annotation and no segments is exported as an empty transcript; a task
// without one is left out and counted. When several annotators match, a
// reviewer's row wins, then a submitted one, then the newest; a warning
// counts such tasks (pass --annotator to choose). Segments are read through
// the segment codec against the audio's length (a segment past the end is
// left out with a warning) and sorted by time.
class SpeechExport {
public:
    SpeechExport(Project& project, const ExportOptions& options, ExportReport& report,
                 const QString& formatName);

    // Calls 'visit' per exported task in import order; stops at its first
    // failure. Memory stays flat: one task's rows at a time (and, for the
    // file names, one name per audio task).
    Status forEach(const std::function<Status(const SpeechTask&)>& visit);
    // Adds the gathered warnings to the report; call once at the end.
    void finish();

    // A warning that may repeat per task: the first few are listed.
    void warn(const QString& kind, const QString& text) { m_tally.add(kind, text); }
    // For a format that writes the audio's length (TextGrid's xmax, the
    // manifest's task lines): says once per task when it is not known and the
    // last segment's end stands in for it.
    void lengthUnknown(const SpeechTask& task);

    // The file name a per-task export gives 'task' ("talk.wav" -> "talk" +
    // suffix): see docs/architecture.md §7. Unique in the folder ignoring
    // case; a task whose audio name another audio task of the project shares
    // gets ".HASH8" (the first 8 hex digits of its audio's SHA-256) before
    // the suffix, which import reads back; the rare name still taken after
    // that gets "-2", "-3"... with a warning.
    QString fileName(const SpeechTask& task, const QString& suffix);

    Project& project() { return m_project; }

private:
    Status countStems();

    Project& m_project;
    const ExportOptions& m_options;
    ExportReport& m_report;
    QString m_formatName;
    detection::WarningTally m_tally;
    QHash<QString, int> m_stemUses;   // lower-case stem -> audio tasks with it
    QHash<QString, int> m_usedNames;  // lower-case file name -> 1
    qint64 m_unannotated = 0;
    qint64 m_otherStatus = 0;
    qint64 m_ambiguous = 0;
    qint64 m_otherKinds = 0;
};

// The per-task formats (srt, vtt, textgrid, eaf, audacity): writes into the
// folder 'path', per exported task, the file named by fileName() holding what
// 'contents' makes of it ('outDir' is the destination, for paths relative to
// it). The files appear all together or not at all (StagedFolder).
Status writeFilePerAudioTask(
    Project& project, const QString& path, const ExportOptions& options, ExportReport& report,
    const QString& formatName, const QString& suffix,
    const std::function<QByteArray(const SpeechTask& task, SpeechExport& exporter,
                                   const QDir& outDir)>& contents);

namespace speech {
// The segments of 'segments' (in time order) that one track can hold: a
// segment overlapping an earlier one of its speaker is left out with a
// warning naming the task (TextGrid tiers and ELAN tiers hold no overlaps
// within a tier; the editor never makes them, an import from elsewhere may).
QList<Segment> withoutOverlapsWithinSpeaker(const SpeechTask& task, SpeechExport& exporter,
                                            const QString& format);
// The speakers of 'segments' in order of first appearance ("" for none).
QStringList speakersInOrder(const QList<Segment>& segments);
}  // namespace speech

}  // namespace postil

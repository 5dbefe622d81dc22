#pragma once

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <functional>
#include <vector>

#include "model/schema.h"
#include "model/segmentresult.h"
#include "store/status.h"

namespace postil {

class ImportSession;

// What the speech readers share: finding the audio task a transcript file
// belongs to, checking its segments, growing the schema by its speakers and
// writing one annotation per file. The rules (docs/architecture.md §7,
// `postil-cli import --help`):
//
// - The task: with --task ID (one file only) that task; else the audio file
//   the transcript names (an EAF's media, a manifest's audio_filepath) when
//   it is an existing file with an audio suffix, by its bytes; else the project's audio task whose file has
//   the transcript's name without suffixes ("talk.srt" -> talk.wav; the
//   export's "talk.1a2b3c4d.srt" -> the talk.wav whose hash starts so;
//   "task-12.srt" -> task 12); else an audio file beside the transcript with
//   its name, which becomes a new task. Otherwise the file is a bad record.
// - Every segment must end within the audio (when its length can be read),
//   and segments of one speaker may not overlap; else the file is a bad
//   record naming the line. A refused file adds nothing.
// - A speaker the schema lacks becomes a label for audio tasks (reported).
// - The segments become one draft annotation (pre-annotations to check) by
//   "FORMAT-import" or the --as annotator; with --tasks-only none.
class SpeechImport {
public:
    // 'format' names the source: "srt" gives the annotator "srt-import".
    SpeechImport(ImportSession& session, const QString& format);

    // Loads the project's audio tasks (one query).
    Status begin();

    // One segment as a file gave it, with where it is ("file:line").
    struct Timed {
        Segment segment;
        QString where;
    };
    struct Transcript {
        QList<Timed> segments;
        // An audio file the transcript names (absolute), tried first; empty
        // when it names none.
        QString audioHint;
        // The name to match tasks by; empty: the file's own name.
        QString matchName;
        // Whether an audio file beside the transcript with its name may be
        // the task's (not for a manifest, whose name is no audio's).
        bool audioBeside = true;
    };
    // Adds the transcript read from 'file' to its task (see above); a file
    // breaking a rule goes to the session as a bad record.
    Status add(const QString& file, Transcript transcript);
    // Writes the schema's additions. Call once after the last add().
    Status finish();

    // The files 'path' stands for: itself, or every file under the folder
    // with one of 'suffixes' (lower case, no dot), sorted. Fails naming the
    // folder when it holds none ('title' names the format).
    static Expected<QStringList> inputFiles(const QString& path, const QStringList& suffixes,
                                            const QString& title);
    // begin(), then 'readOne' per file with progress, then finish().
    Status readAll(const QStringList& files,
                   const std::function<Status(const QString& file)>& readOne);

    // The speakers the schema knows for audio tasks (SubRip's and Audacity's
    // "NAME: " prefix is a speaker only for these).
    const QSet<QString>& knownSpeakers() const { return m_speakerNames; }
    bool tasksOnly() const { return m_tasksOnly; }
    ImportSession& session() { return m_session; }

private:
    struct AudioTask {
        qint64 id = 0;
        QString uid;
        QString storedPath;
        QString hash;
        qint64 durationMs = -2;  // -2 not probed yet, -1 unknown
    };
    struct Match {
        int task = -1;     // index in m_tasks, or -1 for a new task
        QString newAudio;  // the audio file of a new task
        QString problem;   // why no task was found
    };
    Match findTask(const QString& file, const Transcript& transcript);
    int byName(const QString& name, QString& problem) const;
    QString besideAudio(const QString& file) const;
    qint64 durationOf(int task);
    void remember(const AudioTask& task);
    void noteSpeaker(const QString& name, const QString& where);

    ImportSession& m_session;
    QString m_annotator;
    QString m_taskOption;
    bool m_tasksOnly = false;
    std::vector<AudioTask> m_tasks;
    QHash<QString, QList<int>> m_byStem;       // stem -> tasks
    QHash<QString, QList<int>> m_byLowerStem;  // lower-case stem -> tasks
    QHash<QString, int> m_byHash;
    QHash<QString, int> m_byUid;
    QHash<qint64, int> m_byId;
    Schema m_schema;
    QSet<QString> m_speakerNames;
    bool m_schemaChanged = false;
    int m_files = 0;
    // Task uid -> the file that annotated it in this import: a second file
    // for the same task replaces the first, and says so.
    QHash<QString, QString> m_annotatedBy;
};

}  // namespace postil

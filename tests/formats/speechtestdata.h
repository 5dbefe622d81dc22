#pragma once

// What the speech formats' tests share (tests/formats/tst_speechformats*.cpp):
// a project of real audio files (one over an hour long) whose transcripts hold
// what goes wrong in these formats: times of 1 ms, 59.999 s and past an hour,
// commas, quotes, "-->", '&', '<', line breaks, Arabic, CJK and emoji, two
// speakers talking over each other, a segment without speaker, and an empty
// transcript. Header-only.

#include <QDir>
#include <QJsonDocument>
#include <QtTest>
#include <memory>

#include "formats/formatregistry.h"
#include "formats/importsession.h"
#include "model/project.h"
#include "model/segmentresult.h"
#include "testsupport.h"

namespace postil::speechtest {

inline const QByteArray kSchema = R"({
  "labels": [
    {"name": "Alice", "color": "#e6194b", "kinds": ["audio"]},
    {"name": "Bob", "color": "#3cb44b", "kinds": ["audio"]}
  ]
})";

inline const QString kAnnotator = QStringLiteral("ann");

inline Segment segment(qint64 start, qint64 end, const QString& speaker, const QString& text,
                       const QJsonObject& attrs = {}) {
    Segment s;
    s.startMs = start;
    s.endMs = end;
    s.speaker = speaker;
    s.text = text;
    s.attrs = attrs;
    return s;
}

// talk.wav: 3,700 s at 1 kHz, so times past an hour are inside the audio.
inline QList<Segment> talkSegments() {
    return {
        segment(0, 1, QStringLiteral("Alice"),
                QStringLiteral("Hello, \"world\" --> & <b>bold</b> a;b")),
        segment(1, 59999, QStringLiteral("Bob"), QStringLiteral("line one\nline two, with a comma"),
                QJsonObject{{QStringLiteral("noise"), true}}),
        // Over Bob's: two speakers at once.
        segment(500, 1500, QStringLiteral("Alice"), QStringLiteral("مرحبا بالعالم")),
        segment(59999, 3600001, QStringLiteral("Bob"),
                QStringLiteral("日本語のテキスト 👨‍👩‍👧 😀")),
        segment(3600001, 3699999, QString(), QStringLiteral("the end > and &amp; as typed")),
        segment(3699999, 3700000, QStringLiteral("Alice"), QStringLiteral("the last ms")),
    };
}

inline QList<Segment> otherTalkSegments() {
    return {segment(100, 2900, QStringLiteral("Bob"), QStringLiteral("another talk"))};
}

struct SpeechProject {
    std::unique_ptr<Project> project;
    QString folder;
    QString audioDir;
    QString talkUid;       // audio/talk.wav
    QString otherTalkUid;  // audio/sub/talk.wav (the same name)
    QString quietUid;      // audio/quiet.wav: an empty transcript
    QString untouchedUid;  // audio/untouched.wav: no annotation
};

inline Expected<ImportReport> importInto(Project& project, const QStringList& paths,
                                         const QString& format, const ImportOptions& options = {}) {
    return importFiles(project, paths, format, options);
}

inline Status exportTo(Project& project, const QString& out, const QString& format,
                       ExportReport& report, const ExportOptions& options = {}) {
    Format* writer = FormatRegistry::instance().byName(format);
    if (!writer)
        return Status::failure(QStringLiteral("no format ") + format);
    return writer->write(project, out, options, report);
}

// The audio files under folder/audio, written once.
inline void writeAudio(const QString& audioDir) {
    QDir().mkpath(audioDir + QStringLiteral("/sub"));
    QVERIFY(writeWav(audioDir + QStringLiteral("/talk.wav"), 1000, 1, 3'700'000));
    QVERIFY(writeWav(audioDir + QStringLiteral("/quiet.wav"), 8000, 1, 16000));
    QVERIFY(writeWav(audioDir + QStringLiteral("/sub/talk.wav"), 8000, 1, 24000));
    QVERIFY(writeWav(audioDir + QStringLiteral("/untouched.wav"), 8000, 1, 8000));
}

inline QString uidOfAudio(Project& project, const QString& storedPath) {
    auto uid = project.database().prepare(QStringLiteral(
        "SELECT uid FROM tasks WHERE kind = 'audio' AND json_extract(data, '$.audio') = ?1"));
    if (!uid.ok() || !uid->bind(1, storedPath).next())
        return QString();
    return uid->text(0);
}

// A fresh project at folder/NAME with the schema and the audio of folder/audio
// imported as tasks (the folder format), without annotations.
inline std::unique_ptr<Project> freshProject(const QString& folder, const QString& name) {
    auto project = makeProject(folder + u'/' + name, kSchema);
    auto imported =
        importInto(*project, {folder + QStringLiteral("/audio")}, QStringLiteral("folder"));
    if (!imported.ok())
        qFatal("cannot import the audio: %s", qPrintable(imported.error()));
    return project;
}

inline QJsonObject resultOf(const QList<Segment>& segments) {
    return segmentresult::withSegments(QJsonObject(), segments);
}

// The project the round trips start from: talk.wav, sub/talk.wav and
// quiet.wav transcribed and submitted by "ann", untouched.wav not.
inline SpeechProject makeSpeechProject(const QString& folder) {
    SpeechProject p;
    p.folder = folder;
    p.audioDir = folder + QStringLiteral("/audio");
    writeAudio(p.audioDir);
    p.project = freshProject(folder, QStringLiteral("p.postil"));
    p.talkUid = uidOfAudio(*p.project, QStringLiteral("audio/talk.wav"));
    p.otherTalkUid = uidOfAudio(*p.project, QStringLiteral("audio/sub/talk.wav"));
    p.quietUid = uidOfAudio(*p.project, QStringLiteral("audio/quiet.wav"));
    p.untouchedUid = uidOfAudio(*p.project, QStringLiteral("audio/untouched.wav"));
    if (p.talkUid.isEmpty() || p.otherTalkUid.isEmpty() || p.quietUid.isEmpty())
        qFatal("the audio tasks are not there");
    addAnnotation(*p.project, p.talkUid, kAnnotator, AnnotationStatus::Submitted,
                  resultOf(talkSegments()));
    addAnnotation(*p.project, p.otherTalkUid, kAnnotator, AnnotationStatus::Submitted,
                  resultOf(otherTalkSegments()));
    addAnnotation(*p.project, p.quietUid, kAnnotator, AnnotationStatus::Submitted, resultOf({}));
    return p;
}

// The segments of an annotation, in time order; a failure when there is none.
inline Expected<QList<Segment>> segmentsOf(Project& project, const QString& taskUid,
                                           const QString& annotator) {
    const auto annotation = project.annotations().get(taskUid, annotator);
    if (!annotation || annotation->deleted)
        return Status::failure(QStringLiteral("no annotation by %1 of %2").arg(annotator, taskUid));
    if (!annotation->result.value(QStringLiteral("segments")).isArray())
        return Status::failure(QStringLiteral("no \"segments\" in the result"));
    auto segments = segmentresult::parse(annotation->result);
    if (!segments.ok())
        return segments;
    segmentresult::sort(*segments);
    return segments;
}

// "0..1 Alice: text" per segment, to compare lists with one readable diff.
inline QStringList described(const QList<Segment>& segments, bool withAttrs = false) {
    QList<Segment> sorted = segments;
    segmentresult::sort(sorted);
    QStringList out;
    for (const Segment& s : sorted) {
        QString line =
            QStringLiteral("%1..%2 [%3] %4").arg(s.startMs).arg(s.endMs).arg(s.speaker, s.text);
        if (withAttrs && !s.attrs.isEmpty())
            line += QStringLiteral(" ") +
                    QString::fromUtf8(QJsonDocument(s.attrs).toJson(QJsonDocument::Compact));
        out << line;
    }
    return out;
}

inline qint64 count(Project& project, const QString& sql) {
    auto n = project.database().queryInt(sql);
    return n.ok() ? *n : -1;
}

inline qint64 annotationCount(Project& project) {
    return count(project, QStringLiteral("SELECT count(*) FROM annotations"));
}

// The files directly in 'folder', sorted.
inline QStringList fileNames(const QString& folder) {
    return QDir(folder).entryList(QDir::Files | QDir::Hidden, QDir::Name);
}

}  // namespace postil::speechtest

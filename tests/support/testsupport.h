#pragma once

// Small helpers shared by the test executables (compiled into each).

#include <QByteArray>
#include <QJsonObject>
#include <QSize>
#include <QString>
#include <QtTest>
#include <memory>

#include "model/annotation.h"
#include "model/project.h"
#include "model/task.h"

namespace postil {

// A new empty project at 'path' (its folder is made); aborts the test run when
// it cannot be made, since nothing after that could mean anything.
std::unique_ptr<Project> makeProject(const QString& path);
// The same, with the schema given as JSON text; a schema that does not parse
// aborts the run too.
std::unique_ptr<Project> makeProject(const QString& path, const QByteArray& schemaJson);
// The object in JSON text written in a test; text that does not parse (or is
// not an object) aborts the run: the test itself is wrong.
QJsonObject jsonObject(const QByteArray& text);
// A task added to 'project' with its preview made as an import makes it
// (aborts the run when it cannot be added). 'mediaHash' names a media row
// added before.
Task addTask(Project& project, const QString& uid, TaskKind kind, const QJsonObject& data,
             const QString& mediaHash = {});
// An image task whose media row (media/NUMBER.jpg, a made-up hash, 'size')
// is only in the project: for exports and lists that never decode it.
Task addImageTask(Project& project, const QString& uid, int number, QSize size = QSize(640, 480));
// An annotation of 'taskUid' by 'annotator' saved in 'project' (aborts the
// run when it cannot be saved).
void addAnnotation(Project& project, const QString& taskUid, const QString& annotator,
                   AnnotationStatus status, const QJsonObject& result);
// Writes 'bytes' to 'path', making its folder; false when it cannot.
bool writeBytes(const QString& path, const QByteArray& bytes);
// writeBytes(), failing the current test when it cannot.
void writeFile(const QString& path, const QByteArray& bytes);
// The whole file, or nothing when it cannot be read.
QByteArray readFile(const QString& path);
// A 16-bit PCM WAV of a 440 Hz square wave, written through libsndfile.
bool writeWav(const QString& path, int rate, int channels, qint64 frames);

// The Python that Debian's packages (labelme, python3-nltk, ...) install into:
// /usr/bin/python3 where it exists, not whichever python3 comes first on PATH.
QString systemPython();

// SQL that takes a new project's file back to schema 'version' (PRAGMA
// user_version included), as a build of that version left it, so a test can
// open it and check the migrations after it. Knows every migration in
// core/store/migrations.cpp: a new migration adds its undo here.
QString sqlBackToVersion(int version);

}  // namespace postil

// A test that checks our files with an outside tool (labelme, praat, ffprobe)
// skips when the tool is missing, but fails under .ci/run, which installs the
// tools (tools/install-deps --checkers) and sets POSTIL_REQUIRE_CHECKERS: a
// check that quietly skips in CI checks nothing.
#define POSTIL_CHECKER_MISSING(reason)                            \
    do {                                                          \
        if (qEnvironmentVariableIsSet("POSTIL_REQUIRE_CHECKERS")) \
            QFAIL(reason " (POSTIL_REQUIRE_CHECKERS is set)");    \
        QSKIP(reason);                                            \
    } while (false)

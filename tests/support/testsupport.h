#pragma once

// Small helpers shared by the test executables (compiled into each).

#include <QByteArray>
#include <QString>
#include <memory>

#include "model/project.h"

namespace postil {

// A new empty project at 'path' (its folder is made); aborts the test run when
// it cannot be made, since nothing after that could mean anything.
std::unique_ptr<Project> makeProject(const QString& path);
// The same, with the schema given as JSON text; a schema that does not parse
// aborts the run too.
std::unique_ptr<Project> makeProject(const QString& path, const QByteArray& schemaJson);
// Writes 'bytes' to 'path', making its folder; false when it cannot.
bool writeBytes(const QString& path, const QByteArray& bytes);
// writeBytes(), failing the current test when it cannot.
void writeFile(const QString& path, const QByteArray& bytes);
// The whole file, or nothing when it cannot be read.
QByteArray readFile(const QString& path);
// A 16-bit PCM WAV of a 440 Hz square wave, written through libsndfile.
bool writeWav(const QString& path, int rate, int channels, qint64 frames);

}  // namespace postil

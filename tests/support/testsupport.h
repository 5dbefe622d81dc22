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
// Writes 'bytes' to 'path', making its folder; fails the current test on error.
void writeFile(const QString& path, const QByteArray& bytes);
// A 16-bit PCM WAV of a 440 Hz square wave, written through libsndfile.
bool writeWav(const QString& path, int rate, int channels, qint64 frames);

}  // namespace postil

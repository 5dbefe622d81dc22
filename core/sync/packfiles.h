#pragma once

#include <QString>

#include "store/status.h"

namespace postil {

class Project;

// The name a media file has inside a pack and in its media folder: the
// hash's first 16 hex digits and the file name reduced to [A-Za-z0-9._-],
// so a name from a (hostile) pack can never leave the folder.
QString packedMediaName(const QString& hash, const QString& fileName);

// Removes a pack file and the journal files SQLite may have left beside it.
void removePackFile(const QString& path);
// Syncs the finished file, renames it onto 'output' and syncs the folder.
Status publishPackFile(const QString& staging, const QString& output);

// A hand-out pack made --with-media carries its media inside; the first time
// it is opened where it can be written, each file is written into the folder
// beside it (NAME.media/) after its SHA-256 is checked: a file whose bytes do
// not match is refused (and not written). Files already there are left alone.
// Returns how many were written.
Expected<int> unpackPackMedia(Project& project);

// What opening a hand-out pack needs, for the studio and postil-cli alike:
// the work in it is the annotator's it was made for, whatever this
// machine's settings call its user (so that sending it back finds it), and
// its media are unpacked. Nothing for an ordinary project.
Status prepareOpenedPack(Project& project);

// The annotator a hand-out pack at 'path' was made for; empty for any other
// file, or one that does not open. Read before the project is opened, so a
// first run of the studio can propose that name as its user's.
QString handedOutTo(const QString& path);

}  // namespace postil

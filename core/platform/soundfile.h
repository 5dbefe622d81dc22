#pragma once

#include <QString>

#include <sndfile.h>

namespace postil {

// Opens an audio file for reading with libsndfile, whatever characters its
// path holds: Windows paths go through the wide-character API, elsewhere the
// file system's encoding. Null when libsndfile cannot open it; sf_close the rest.
SNDFILE* openSoundFile(const QString& path, SF_INFO* info);

}  // namespace postil

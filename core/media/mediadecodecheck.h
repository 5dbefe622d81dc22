#pragma once

#include <QString>

#include "model/taskkind.h"

namespace postil {

// Why the media file of a task of 'kind' cannot be shown or played, as one
// line naming the file; empty when it decodes. Cheap enough for every file
// of an import or of `postil-cli check`: an image's header, size and closing
// marker (ImageProbe), an audio file's header and length (AudioProbe), no
// pixel or sample decoding. Kinds without media give an empty string.
QString mediaDecodeProblem(const QString& path, TaskKind kind);

}  // namespace postil

#include "media/mediadecodecheck.h"

#include "media/audioprobe.h"
#include "media/imageprobe.h"

namespace postil {

QString mediaDecodeProblem(const QString& path, TaskKind kind) {
    switch (kind) {
        case TaskKind::Image: {
            auto probe = ImageProbe::probe(path);
            return probe.ok() ? QString() : probe.error();
        }
        case TaskKind::Audio: {
            auto probe = AudioProbe::probe(path);
            if (!probe.ok())
                return probe.error();
            if (probe->truncated)
                return QStringLiteral(
                           "%1: the audio file is truncated (it holds %2 of audio, "
                           "less than its header promises)")
                    .arg(path, formatDurationMs(probe->durationMs));
            return QString();
        }
        case TaskKind::Text:
        case TaskKind::Compare:
            break;
    }
    return QString();
}

}  // namespace postil

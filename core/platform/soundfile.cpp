#include <QtGlobal>

// sf_wchar_open is declared only when this is set before sndfile.h.
#if defined(Q_OS_WIN)
#define ENABLE_SNDFILE_WINDOWS_PROTOTYPES 1
#endif

#include "platform/soundfile.h"

#include <QFile>

namespace postil {

SNDFILE* openSoundFile(const QString& path, SF_INFO* info) {
#if defined(Q_OS_WIN)
    return sf_wchar_open(reinterpret_cast<const wchar_t*>(path.utf16()), SFM_READ, info);
#else
    return sf_open(QFile::encodeName(path).constData(), SFM_READ, info);
#endif
}

}  // namespace postil

#pragma once

// A small tmpfs mounted for one test: a real file system that fills up or
// turns read-only on demand, for the disk-full and read-only tests. Mounting
// needs root (as CI runs); elsewhere isMounted() is false and error() says why.

#include <QString>

namespace postil {

class ScratchMount {
public:
    // Makes 'path' and mounts a tmpfs of 'bytes' on it.
    ScratchMount(const QString& path, qint64 bytes);
    ~ScratchMount();
    ScratchMount(const ScratchMount&) = delete;
    ScratchMount& operator=(const ScratchMount&) = delete;

    bool isMounted() const { return m_mounted; }
    QString error() const { return m_error; }
    QString path() const { return m_path; }
    // Remounts read-only or read-write, keeping the files.
    bool setReadOnly(bool readOnly);

private:
    QString m_path;
    QByteArray m_options;
    bool m_mounted = false;
    QString m_error;
};

}  // namespace postil

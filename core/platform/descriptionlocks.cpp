#include "platform/descriptionlocks.h"

#include <sqlite3.h>

#include <mutex>

#if defined(__linux__)
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdarg>
#include <cstdio>
#include <map>
#include <unordered_map>
#endif

namespace postil {

#if defined(__linux__) && defined(F_OFD_SETLK)

namespace {

using FcntlFn = int (*)(int, int, ...);
using OpenFn = int (*)(const char*, int, int);
using CloseFn = int (*)(int);

FcntlFn g_fcntl = nullptr;
OpenFn g_open = nullptr;
CloseFn g_close = nullptr;

struct FileKey {
    dev_t dev;
    ino_t ino;
    bool operator<(const FileKey& other) const {
        return dev != other.dev ? dev < other.dev : ino < other.ino;
    }
};

// The one description per file that every lock of this process is held on,
// and how many of SQLite's descriptors lead to the file.
struct LockDescription {
    int fd = -1;
    int users = 0;
};

std::mutex g_mutex;
std::map<FileKey, LockDescription> g_files;
std::unordered_map<int, FileKey> g_sqliteFds;

// A new description of the file behind fd, read-write where allowed so that
// write locks work whichever connection opened the file first.
int openLockDescription(int fd, bool writable) {
    char path[64];
    std::snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    int lockFd = g_open(path, (writable ? O_RDWR : O_RDONLY) | O_CLOEXEC, 0);
    if (lockFd < 0 && writable)
        lockFd = g_open(path, O_RDONLY | O_CLOEXEC, 0);
    if (lockFd < 0)  // no /proc: a duplicate shares the description too
        lockFd = g_fcntl(fd, F_DUPFD_CLOEXEC, 0);
    return lockFd;
}

int lockingOpen(const char* path, int flags, int mode) {
    const int fd = g_open(path, flags, mode);
    if (fd < 0)
        return fd;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        return fd;
    const FileKey key{st.st_dev, st.st_ino};
    std::lock_guard lock(g_mutex);
    LockDescription& file = g_files[key];
    if (file.fd < 0)
        file.fd = openLockDescription(fd, (flags & O_ACCMODE) != O_RDONLY);
    ++file.users;
    g_sqliteFds[fd] = key;
    return fd;
}

int lockingClose(int fd) {
    {
        std::lock_guard lock(g_mutex);
        auto known = g_sqliteFds.find(fd);
        if (known != g_sqliteFds.end()) {
            auto file = g_files.find(known->second);
            g_sqliteFds.erase(known);
            // SQLite has released its locks before closing its last
            // descriptor of a file; closing the description ends nothing.
            if (file != g_files.end() && --file->second.users == 0) {
                if (file->second.fd >= 0)
                    g_close(file->second.fd);
                g_files.erase(file);
            }
        }
    }
    return g_close(fd);
}

int ofdCommand(int cmd) {
    switch (cmd) {
        case F_SETLK:
            return F_OFD_SETLK;
        case F_SETLKW:
            return F_OFD_SETLKW;
        case F_GETLK:
            return F_OFD_GETLK;
        default:
            return 0;
    }
}

int lockingFcntl(int fd, int cmd, ...) {
    va_list args;
    va_start(args, cmd);
    const int ofd = ofdCommand(cmd);
    if (ofd != 0) {
        auto* request = va_arg(args, struct flock*);
        va_end(args);
        int lockFd = -1;
        {
            std::lock_guard lock(g_mutex);
            auto known = g_sqliteFds.find(fd);
            if (known != g_sqliteFds.end())
                lockFd = g_files[known->second].fd;
        }
        if (lockFd < 0)
            return g_fcntl(fd, cmd, request);
        struct flock ofdRequest = *request;
        ofdRequest.l_pid = 0;  // required for OFD locks
        const int rc = g_fcntl(lockFd, ofd, &ofdRequest);
        if (rc == 0 && cmd == F_GETLK)
            *request = ofdRequest;
        return rc;
    }
    // SQLite's other uses: F_GETFD/F_GETFL take no argument, the rest an int.
    if (cmd == F_GETFD || cmd == F_GETFL) {
        va_end(args);
        return g_fcntl(fd, cmd);
    }
    const int value = va_arg(args, int);
    va_end(args);
    return g_fcntl(fd, cmd, value);
}

bool install() {
    if (sqlite3_initialize() != SQLITE_OK)
        return false;
    sqlite3_vfs* vfs = sqlite3_vfs_find("unix");
    if (!vfs || vfs->iVersion < 3 || !vfs->xGetSystemCall || !vfs->xSetSystemCall)
        return false;
    g_fcntl = reinterpret_cast<FcntlFn>(vfs->xGetSystemCall(vfs, "fcntl"));
    g_open = reinterpret_cast<OpenFn>(vfs->xGetSystemCall(vfs, "open"));
    g_close = reinterpret_cast<CloseFn>(vfs->xGetSystemCall(vfs, "close"));
    if (!g_fcntl || !g_open || !g_close)
        return false;
    // The system-call table is shared by all of the unix VFSes.
    return vfs->xSetSystemCall(vfs, "open", reinterpret_cast<sqlite3_syscall_ptr>(lockingOpen)) ==
               SQLITE_OK &&
           vfs->xSetSystemCall(vfs, "close", reinterpret_cast<sqlite3_syscall_ptr>(lockingClose)) ==
               SQLITE_OK &&
           vfs->xSetSystemCall(vfs, "fcntl", reinterpret_cast<sqlite3_syscall_ptr>(lockingFcntl)) ==
               SQLITE_OK;
}

}  // namespace

bool installDescriptionLocks() {
    static std::once_flag once;
    static bool installed = false;
    std::call_once(once, [] { installed = install(); });
    return installed;
}

#else

// Elsewhere SQLite's own locking is used as it is: Windows locks belong to the
// handle, not the process, so other handles cannot drop them.
bool installDescriptionLocks() {
    return false;
}

#endif

}  // namespace postil

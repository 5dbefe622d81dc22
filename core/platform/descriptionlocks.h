#pragma once

namespace postil {

// Makes SQLite's file locks in this process immune to other code opening and
// closing the same files (docs/architecture.md, "Locks that other code cannot
// drop").
//
// POSIX record locks belong to the process, and closing *any* descriptor of a
// file drops all of them: a file dialog sniffing the project's MIME type, a
// hash, an icon or a file watcher in the studio's process would silently
// release the studio's locks, after which a second process (postil-cli) sees
// no reader, checkpoints and deletes the WAL the studio still writes into.
//
// On Linux this routes SQLite's lock calls (through its unix VFS system-call
// table) to open-file-description locks (F_OFD_*) held on one description per
// file that only SQLite's own descriptors lead to. Such locks end only when
// that description is closed, so no other open/close in the process can touch
// them, while other processes (plain POSIX locks) see and respect them as
// before. One description per file keeps POSIX's "one owner per process"
// semantics between several connections of this process.
//
// Idempotent and thread-safe; Database::open calls it before the first
// connection. Returns false where the platform has no such locks (the
// platform's own SQLite locking is then used as it is).
bool installDescriptionLocks();

}  // namespace postil

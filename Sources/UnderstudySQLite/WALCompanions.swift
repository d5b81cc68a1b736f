import Foundation

/// The `-wal` and `-shm` files that SQLite creates beside a database in WAL mode when a
/// read-only connection opens it, and that it cannot remove at close (only a writer checkpoints
/// and deletes them). A source is never written, so Understudy removes them itself — only the
/// ones that did not exist before it opened the file, only when the `-wal` holds nothing, and only
/// while no connection of any process uses them.
///
/// Every SQLite connection to a WAL database holds a shared lock on the "dead man switch" byte of
/// the `-shm` file (offset 128 in the unix VFS). An open-file-description write lock on that byte
/// succeeds only when no connection holds it, ours included (OFD locks conflict with the classic
/// POSIX locks SQLite takes even inside one process); a connection that opens the file meanwhile
/// waits on that lock, as it does when SQLite's own last writer removes these files.
struct WALCompanions {
    let database: String
    let createdWAL: Bool
    let createdSHM: Bool

    /// Notes which companions exist before the database is opened.
    init(database: String) {
        self.database = database
        createdWAL = !FileManager.default.fileExists(atPath: database + "-wal")
        createdSHM = !FileManager.default.fileExists(atPath: database + "-shm")
    }

    /// F_OFD_SETLK (Linux ≥ 3.15, <bits/fcntl-linux.h>); glibc declares it only under _GNU_SOURCE, which the Swift module lacks.
    static let openFileDescriptionSetLock: Int32 = 37

    /// Removes the companions this run created, if they are unused and the `-wal` is empty.
    func removeIfUnused() {
        #if os(Linux)
        guard createdWAL, createdSHM, FileManager.default.fileExists(atPath: database + "-shm") else { return }
        let descriptor = open(database + "-shm", O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = 128
        lock.l_len = 1
        guard fcntl(descriptor, Self.openFileDescriptionSetLock, &lock) == 0 else { return }  // in use by a connection
        var info = stat()
        if stat(database + "-wal", &info) == 0 {
            guard info.st_size == 0 else { return }  // holds frames: never drop data
            unlink(database + "-wal")
        }
        unlink(database + "-shm")
        #endif
    }
}

import Foundation
import Synchronization

/// Files a run must not leave behind when the process is interrupted (SIGINT, SIGTERM):
/// destinations register their staging files while they write them, and the front end's
/// signal handler removes whatever is registered before the process ends.
public enum InterruptCleanup {
    private static let paths = Mutex<Set<String>>([])

    /// Registers a file (and its `-journal`, `-wal`, `-shm` companions) for removal on interrupt.
    public static func register(_ path: String) {
        paths.withLock { _ = $0.insert(path) }
    }

    /// Forgets a file that was renamed into place or removed.
    public static func unregister(_ path: String) {
        paths.withLock { _ = $0.remove(path) }
    }

    /// Removes every registered file; called from a signal handler's queue, so only unlink(2).
    public static func removeAll() {
        let current = paths.withLock { paths in
            defer { paths.removeAll() }
            return paths
        }
        for path in current {
            for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
        }
    }
}

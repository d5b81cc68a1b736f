import Foundation
import UnderstudyCore

/// One run per destination file: an exclusive `flock` on `<destination>.understudy-lock`, held
/// from the first write until the copy is in place or thrown away.
///
/// The kernel drops the lock when its holder dies, however it dies, so a lock never outlives its
/// run and no stale lock needs breaking. The file itself stays (removing a lock file races with a
/// run that just opened it); it holds the holder's pid, user and start time for the message a
/// second run prints.
final class DestinationLock {
    let path: String
    private var descriptor: Int32

    /// Takes the lock at once, or throws ``AdapterError/Code/destinationBusy`` naming the holder.
    init(destination: String) throws(AdapterError) {
        path = destination + ".understudy-lock"
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw AdapterError(code: .cannotOpen, message: "cannot create the lock file \(path) that keeps two runs apart; make the destination folder writable", place: destination,
                underlying: String(cString: strerror(errno)))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            var buffer = [UInt8](repeating: 0, count: 256)
            let count = pread(descriptor, &buffer, buffer.count, 0)
            let holder = count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : "an unknown process"
            close(descriptor)
            throw AdapterError(
                code: .destinationBusy,
                message: "another run is writing this destination (\(holder)); wait for it to finish or stop it, then run again. The destination was not touched",
                place: destination)
        }
        let user = getpwuid(geteuid()).map { String(cString: $0.pointee.pw_name) } ?? "uid \(geteuid())"
        let holder = "pid \(getpid()), user \(user), since \(ISO8601DateFormatter().string(from: Date()))\n"
        _ = ftruncate(descriptor, 0)
        _ = holder.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    /// Lets the next run in; safe to call more than once.
    func release() {
        guard descriptor >= 0 else { return }
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}

import Foundation
import UnderstudyCore

/// One run per destination file: an exclusive `flock` on `<destination>.understudy-lock`, held
/// from the first write until the copy is in place or thrown away.
///
/// The kernel drops the lock when its holder dies, however it dies, so a lock never outlives its
/// run and no stale lock needs breaking. The file holds the holder's pid, user and start time for
/// the message a second run prints; its holder removes it when done. Since a run may open the
/// file just before it is removed, a run that gets the lock checks that the path still names the
/// file it locked, and starts over if not.
final class DestinationLock {
    let path: String
    private var descriptor: Int32

    /// Takes the lock at once, or throws ``AdapterError/Code/destinationBusy`` naming the holder.
    init(destination: String) throws(AdapterError) {
        path = destination + ".understudy-lock"
        descriptor = -1
        for _ in 0..<100 {
            descriptor = try Self.lock(path, destination: destination)
            var held = stat(), named = stat()
            if fstat(descriptor, &held) == 0, stat(path, &named) == 0, held.st_dev == named.st_dev, held.st_ino == named.st_ino { break }
            close(descriptor)  // removed by its previous holder after we opened it: take the new one
            descriptor = -1
        }
        guard descriptor >= 0 else {
            throw AdapterError(code: .destinationBusy, message: "the lock file \(path) keeps changing; is another tool removing it?", place: destination)
        }
        let user = getpwuid(geteuid()).map { String(cString: $0.pointee.pw_name) } ?? "uid \(geteuid())"
        let holder = "pid \(getpid()), user \(user), since \(ISO8601DateFormatter().string(from: Date()))\n"
        _ = ftruncate(descriptor, 0)
        _ = holder.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        InterruptCleanup.register(path)
    }

    private static func lock(_ path: String, destination: String) throws(AdapterError) -> Int32 {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
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
        return descriptor
    }

    /// Lets the next run in; safe to call more than once.
    func release() {
        guard descriptor >= 0 else { return }
        unlink(path)  // while still holding it: a run that opened it meanwhile sees the path changed
        InterruptCleanup.unregister(path)
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}

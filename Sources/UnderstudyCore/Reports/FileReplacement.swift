import Foundation

/// How the tool writes a file of its own (a report, a workspace it edits, a page it generates):
/// whole or not at all, through a temporary file renamed over the file itself — the target of a
/// symbolic link, never the link (a workspace kept as a link into a configuration repository was
/// replaced by a copy, and the repository's file never got the change) — keeping the permissions
/// it had; and straight into a pipe, a terminal or a device (`--report /dev/null`, a FIFO), which a
/// rename would replace with a regular file (run as root, `/dev/null` itself).
public enum FileReplacement {
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Where `path` leads: the last target of its symbolic links, which need not exist yet; the
    /// path itself when it is no link.
    public static func target(of path: String) -> String {
        var current = path
        for _ in 0..<40 {
            guard let next = try? FileManager.default.destinationOfSymbolicLink(atPath: current) else { break }
            let folder = (current as NSString).deletingLastPathComponent
            current = next.hasPrefix("/") || folder.isEmpty ? next : folder + "/" + next
        }
        return current
    }

    /// Whether `path` leads to a pipe, a socket, a terminal or another device: written in place.
    public static func isStream(_ path: String) -> Bool { streamKind(path) != nil }

    /// What `path` leads to when it is a pipe, a socket, a terminal or another device: "a device",
    /// "a named pipe", "a socket"; nil for a regular file, a folder or nothing there.
    public static func streamKind(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFCHR, S_IFBLK: return "a device"
        case S_IFIFO: return "a named pipe"
        case S_IFSOCK: return "a socket"
        default: return nil
        }
    }

    /// The permissions of the file at `path`, when it is a regular file.
    static func permissions(_ path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return info.st_mode & 0o7777
    }

    /// The temporary file beside `target` that ``write(_:to:)`` renames over it.
    static func temporary(for target: String) -> String {
        let url = URL(fileURLWithPath: target)
        // (The process and a random part: two writers in one process — a Studio's — had the same name.)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).understudy-tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
    }

    /// Removes the temporary files beside `target` of processes that are gone (a run killed with
    /// `kill -9`, a machine that restarted): `.<name>.understudy-tmp-<pid>-<random>` whose pid no
    /// process has. Another live process's (a run writing its report now) are kept; a reused pid
    /// keeps a stale one until that process ends.
    static func removeStale(for target: String) {
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent().path
        let prefix = ".\(url.lastPathComponent).understudy-tmp-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = name.dropFirst(prefix.count).split(separator: "-").first.flatMap({ Int32($0) }), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) != 0, errno == ESRCH { unlink(folder + "/" + name) }
        }
    }

    /// Writes `data` to `path` as the type says.
    public static func write(_ data: Data, to path: String) throws(Failure) {
        let target = target(of: path)
        if isStream(target) { return try stream(data, to: target, named: path) }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory), isDirectory.boolValue {
            throw Failure(description: "\(path) is a folder; name a file in it")
        }
        removeStale(for: target)
        let temporary = temporary(for: target)
        try put(data, into: temporary, permissions: permissions(target), named: path)
        guard rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure(description: "cannot move \(path) into place (\(reason))")
        }
    }

    /// Writes `data` to `path` whole or not at all, only where nothing is there yet: false, nothing
    /// written, when a file is (one written meanwhile by another process or request included —
    /// the file is linked into place, which never replaces one, not renamed over it).
    public static func create(_ data: Data, at path: String) throws(Failure) -> Bool {
        let target = target(of: path)
        removeStale(for: target)
        let temporary = temporary(for: target)
        try put(data, into: temporary, permissions: nil, named: path)
        defer { unlink(temporary) }
        guard link(temporary, target) == 0 else {
            if errno == EEXIST { return false }
            throw Failure(description: "cannot move \(path) into place (\(String(cString: strerror(errno))))")
        }
        return true
    }

    /// Writes `data` into the new file `temporary` (permissions those of the file it replaces).
    static func put(_ data: Data, into temporary: String, permissions: mode_t?, named path: String) throws(Failure) {
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw Failure(description: "cannot write \(path) (\(String(cString: strerror(errno))))")
        }
        if let permissions { fchmod(descriptor, permissions) }
        let written = all(data, to: descriptor)
        let closed = close(descriptor) == 0
        guard written == nil, closed else {
            unlink(temporary)
            throw Failure(description: "cannot write \(path) (\(written ?? String(cString: strerror(errno)))): the disk refused it, full or read-only?")
        }
    }

    /// Writes `data` into the pipe or device at `target`.
    static func stream(_ data: Data, to target: String, named path: String) throws(Failure) {
        let descriptor = open(target, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(description: "cannot open \(path) (\(String(cString: strerror(errno))))") }
        defer { close(descriptor) }
        if let reason = all(data, to: descriptor) { throw Failure(description: "cannot write \(path) (\(reason))") }
    }

    /// Every byte of `data` to `descriptor`; the reason when it fails.
    static func all(_ data: Data, to descriptor: Int32) -> String? {
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) -> String? in
            var offset = 0
            while offset < buffer.count {
                let n = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    return String(cString: strerror(errno))
                }
                offset += n
            }
            return nil
        }
    }
}

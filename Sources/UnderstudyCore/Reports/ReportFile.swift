import Foundation

/// Where a run's JSON report goes: checked before the run starts, written through a temporary
/// file and a rename, so that a report never replaces a database or a workspace and a reader
/// never sees half a report — through a symbolic link to its target, and straight into a pipe or
/// a device (``FileReplacement``).
public struct ReportFile: Sendable {
    /// Why a report path cannot be used; the front end says which option or setting named it.
    public struct Refusal: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public let path: String
    /// Where `path` leads (``FileReplacement/target(of:)``).
    let target: String
    /// Nil for a pipe or a device, written in place.
    let temporaryPath: String?

    /// Refuses `path` when it is one of `protected` (the source, the destination, the workspace),
    /// a folder, or in a folder that does not exist or cannot be written; creates the temporary
    /// file at once, so that a run never finishes unable to write its report.
    /// `example`: the file a folder given as `path` is told to name in it.
    public init(path: String, protected: [(role: String, path: String)], example: String = "report.json") throws(Refusal) {
        guard !path.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw Refusal(description: "is empty; name a file (the default is next to the workspace, <name>.report.json)")
        }
        let resolved = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        for (role, other) in protected {
            let otherResolved = URL(fileURLWithPath: other).standardizedFileURL.resolvingSymlinksInPath().path
            if resolved == otherResolved || Self.sameInode(path, other) {
                throw Refusal(description: "\(path) is the \(role); a report never replaces it, choose another file (the default is next to the workspace)")
            }
        }
        var isDirectory: ObjCBool = false
        if path.hasSuffix("/") || FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue {
            let folder = path.hasSuffix("/") ? String(path.dropLast()) : path
            throw Refusal(description: "\(path) is a folder; name a file in it, e.g. \(folder)/\(example)")
        }
        self.path = path
        target = FileReplacement.target(of: path)
        if FileReplacement.isStream(target) {
            temporaryPath = nil
            return
        }
        let folder = URL(fileURLWithPath: target).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Refusal(description: "the folder \(folder) does not exist; create it or choose another place for the report")
        }
        FileReplacement.removeStale(for: target)
        let temporaryPath = FileReplacement.temporary(for: target)
        self.temporaryPath = temporaryPath
        let descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw Refusal(description: "cannot write in \(folder) (\(String(cString: strerror(errno)))); make it writable or choose another place for the report")
        }
        close(descriptor)
        InterruptCleanup.register(temporaryPath)
    }

    private static func sameInode(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }

    /// Writes the report's bytes and moves them into place.
    public func write(_ data: Data) throws(Refusal) {
        guard let temporaryPath else {
            do { try FileReplacement.stream(data, to: target, named: path) } catch { throw Refusal(description: "\(error); the run itself finished as reported above") }
            return
        }
        do {
            try FileReplacement.put(data, into: temporaryPath, permissions: FileReplacement.permissions(target), named: path)
        } catch {
            discard()
            throw Refusal(description: "cannot write the report to \(path) (the disk refused it: full, or read-only?); the run itself finished as reported above")
        }
        InterruptCleanup.unregister(temporaryPath)
        guard rename(temporaryPath, target) == 0 else {
            let reason = String(cString: strerror(errno))
            discard()
            throw Refusal(description: "cannot move the report into place at \(path) (\(reason)); the run itself finished as reported above")
        }
    }

    /// Removes the temporary file when no report will be written.
    public func discard() {
        guard let temporaryPath else { return }
        InterruptCleanup.unregister(temporaryPath)
        unlink(temporaryPath)
    }
}

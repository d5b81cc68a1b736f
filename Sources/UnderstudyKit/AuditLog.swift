import Foundation
import UnderstudyCore

/// `<workspace>.audit.jsonl`: one JSON line per use of the key to reveal source values (who, when,
/// the workspace, the key's fingerprint, the table, the column and how many values — never the
/// values). Opened before anything is revealed, so that an unwritable log reveals nothing.
public final class AuditLog {
    /// Why the log cannot be written, or the secret refused.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public let path: String
    private let handle: FileHandle

    /// Opens the log next to `workspace` for appending (created readable by its owner alone).
    public init(workspace: String) throws(Failure) {
        path = URL(fileURLWithPath: workspace).deletingPathExtension().path + ".audit.jsonl"
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw Failure(description: "cannot write the audit log \(path), so nothing is decrypted; make its folder writable")
        }
        handle.seekToEndOfFile()
        self.handle = handle
    }

    /// Appends one `decrypt` line and closes the log; the user is the process's own (its effective
    /// uid's name), not `$USER`, which anyone can set.
    public func recordDecryption(workspace: String, fingerprint: String, table: String, column: String, count: Int) throws(Failure) {
        let uid = geteuid()
        let user = getpwuid(uid).map { String(cString: $0.pointee.pw_name) } ?? "uid \(uid)"
        let entry: [String: Any] = [
            "event": "decrypt", "at": ISO8601DateFormatter().string(from: Date()),
            "user": user, "uid": Int(uid),
            "workspace": workspace, "keyFingerprint": fingerprint, "table": table, "column": column, "values": count,
        ]
        do {
            var line = try JSONSerialization.data(withJSONObject: entry, options: [.sortedKeys])
            line.append(0x0A)
            try handle.write(contentsOf: line)
            try handle.synchronize()
            try handle.close()
        } catch {
            throw Failure(description: "cannot append to the audit log \(path), so nothing is shown; make it writable")
        }
    }

    /// Checks `key` against the fingerprint in the run report at `reportPath`: a wrong key gives
    /// plausible, wrong values. Returns a warning when no report is there (and none was named).
    public static func checkKey(_ key: MasterKey, reportPath: String, named: Bool) throws(Failure) -> String? {
        guard let data = FileManager.default.contents(atPath: reportPath) else {
            if named { throw Failure(description: "--report \(reportPath): no such file; name the report of the run that made the copy") }
            return "no run report at \(reportPath), so the secret cannot be checked against the one that made the copy; a wrong secret gives wrong values"
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let recorded = object["keyFingerprint"] as? String else {
            throw Failure(description: "\(reportPath) is not a run report (no keyFingerprint); name the report of the run that made the copy with --report")
        }
        guard recorded == key.fingerprint else {
            throw Failure(description: "the secret's key fingerprint \(key.fingerprint) is not the one that made the copy (\(recorded), in \(reportPath)); nothing was decrypted. Set the secret the run used")
        }
        return nil
    }
}

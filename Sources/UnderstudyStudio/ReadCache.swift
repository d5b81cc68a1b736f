import Foundation
import UnderstudyCore

/// Answers of the read endpoints that introspect and sample the source (tables, schema changes),
/// kept while nothing they depend on changed: the workspace file and, for a SQLite source, its
/// database file (modification time and size, of the WAL too). A PostgreSQL source cannot be
/// watched that way: its answers are kept for a few seconds. Every change made through the Studio
/// clears the cache; a change made in the file changes its modification time.
actor ReadCache {
    private var entries: [String: (key: String, stored: Date, value: any Sendable)] = [:]
    static let postgresLifetime: TimeInterval = 5

    /// Answers computed (not kept ones returned): what tests read to see an answer kept.
    private(set) var computed = 0

    func value<T: Sendable>(_ name: String, key: String, lifetime: TimeInterval?, compute: () async throws -> T) async throws -> T {
        if let entry = entries[name], entry.key == key, let value = entry.value as? T,
           lifetime.map({ Date().timeIntervalSince(entry.stored) < $0 }) ?? true {
            return value
        }
        computed += 1
        let value = try await compute()
        entries[name] = (key, Date(), value)
        return value
    }

    func clear() { entries.removeAll() }

    /// What the answers depend on, as a text: the workspace's and the SQLite source's files.
    /// The workspace it read, too (nil if it does not load), for a caller that needs it.
    static func fingerprint(workspacePath: String) -> (key: String, lifetime: TimeInterval?, workspace: Workspace?) {
        func stamp(_ path: String) -> String {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return "-" }
            let date = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            return "\(date):\(attributes[.size] as? Int ?? 0)"
        }
        var key = stamp(workspacePath)
        let workspace = try? WorkspaceLoader.load(path: workspacePath)
        guard let workspace, case .sqlite(let path)? = try? DatabaseURL(workspace.source, role: "source", relativeTo: workspace.baseDirectory) else {
            return (key, postgresLifetime, workspace)
        }
        key += "|" + stamp(path) + "|" + stamp(path + "-wal")
        return (key, nil, workspace)
    }
}

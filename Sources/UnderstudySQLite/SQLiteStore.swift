import Foundation
import UnderstudyCore

/// A small SQLite database for a front end's own state (the Studio's run history): statements
/// with bound values, and numbered migrations recorded in `PRAGMA user_version`.
public final class SQLiteStore: @unchecked Sendable {
    // @unchecked: every call holds the lock (the connection is serialized anyway).
    private let connection: SQLiteConnection
    private let lock = NSLock()

    /// Opens (creating) the database at `path` and applies the migrations it has not had yet, in
    /// order, each in a transaction of its own. `wal`: readers do not wait for a writer.
    public init(path: String, migrations: [String], wal: Bool = true) throws {
        connection = try SQLiteConnection(path: path, readOnly: false, create: true)
        if wal { try connection.execute("PRAGMA journal_mode = WAL") }
        let version = Int(try connection.query("PRAGMA user_version").first?.first?.int ?? 0)
        for (index, migration) in migrations.enumerated() where index >= version {
            try connection.execute("BEGIN; \(migration); PRAGMA user_version = \(index + 1); COMMIT")
        }
    }

    /// Runs a statement with `values` bound to its `?`s.
    public func execute(_ sql: String, _ values: [Value] = []) throws {
        _ = try query(sql, values)
    }

    /// The rows of a query with `values` bound to its `?`s.
    public func query(_ sql: String, _ values: [Value] = []) throws -> [[Value]] {
        lock.lock()
        defer { lock.unlock() }
        let statement = try connection.prepare(sql)
        for (index, value) in values.enumerated() { statement.bind(value, at: index) }
        var rows: [[Value]] = []
        while try statement.step() {
            rows.append((0..<statement.columnCount).map { statement.value(at: $0) })
        }
        return rows
    }

    public func close() {
        lock.lock()
        defer { lock.unlock() }
        connection.close()
    }
}

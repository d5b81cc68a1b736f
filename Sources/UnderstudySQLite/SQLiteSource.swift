import Foundation
import UnderstudyCore

/// A SQLite database opened read-only as the source of a run.
public final class SQLiteSource: SamplingSource, SubsetSource, NotingSource, OrphanCountingSource {
    let connection: SQLiteConnection
    /// Text values that were no valid UTF-8, per table and column (``NotingSource``).
    let repairs = TextRepairs()
    public let path: String
    /// The WAL companions (`-wal`, `-shm`) that opening this source created; removed on close.
    let createdCompanions: WALCompanions

    /// Opens `path` read-only; refuses a missing file or a file that is not a SQLite database.
    public init(path: String) throws(AdapterError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw AdapterError(code: .notFound, message: "no SQLite database at this path; check the source URL (sqlite:///absolute/path/to/file.db)", place: path)
        }
        // (A pipe's open waits for a writer; a device reads as a database of no table.)
        if let kind = FileReplacement.streamKind(path) {
            throw AdapterError(code: .notADatabase, message: "the source is \(kind), not a database file; check the source URL (sqlite:///absolute/path/to/file.db)", place: path)
        }
        let companions = WALCompanions(database: path)
        let walHere = Self.walInReadOnlyFolder(path)
        connection = try SQLiteConnection(path: path, readOnly: true, uri: Self.readingURI(path, walHere))
        self.path = path
        createdCompanions = companions
        do {
            try connection.execute("PRAGMA query_only = 1")
            _ = try connection.query("SELECT count(*) FROM sqlite_master")
        } catch {
            // (Said already, and why: another program's lock.)
            if connection.locked != nil { throw error }
            if walHere == .pendingChanges {
                throw AdapterError(
                    code: .readFailed,
                    message: "the file is in WAL mode and its -wal file holds changes not yet written into it, and this user may not write its folder, where SQLite must create the -shm file it reads them with; "
                        + "copy the file with its -wal into a folder this user may write (`cp \(path) \(path)-wal /tmp/copy/`), or run as a user who may write \(Self.folder(of: path))",
                    place: path, underlying: error.underlying)
            }
            throw AdapterError(code: .notADatabase, message: "this file is not a SQLite database (or is encrypted or damaged); check the source URL", place: path, underlying: error.underlying)
        }
        // In WAL mode, one read transaction from here to close: every table, count and sample comes
        // from the same snapshot while the application goes on writing (readers never block
        // writers there). Each statement read its own moment before, so a copy could hold an order
        // whose customer came later. (In rollback-journal mode a reader holding its lock would stop
        // the application's writes for the whole run, so each statement still reads on its own.)
        if (try? connection.query("PRAGMA journal_mode").first?.first?.text?.lowercased()) == "wal" {
            try connection.execute("BEGIN", place: path)
            _ = try connection.query("SELECT count(*) FROM sqlite_master", place: path)
            inSnapshot = true
        }
    }

    /// A file in WAL mode in a folder this user may not write — a mounted backup, another user's
    /// files —, where SQLite cannot create the `-shm` file it reads WAL with: with no `-wal` beside
    /// it (or an empty one) the file alone is the whole database, read immutable; a `-wal` that
    /// holds changes cannot be read there. Nil: any other file (it failed as no SQLite database:
    /// `attempt to write a readonly database`).
    enum ReadOnlyFolderWAL { case immutable, pendingChanges }

    static func walInReadOnlyFolder(_ path: String) -> ReadOnlyFolderWAL? {
        guard access(folder(of: path), W_OK) != 0, let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        // The header's bytes 18 and 19, the format's write and read versions, are 2 in WAL mode.
        let header = (try? handle.read(upToCount: 20)) ?? Data()
        guard header.count == 20, header[18] == 2, header[19] == 2 else { return nil }
        let wal = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.intValue ?? 0
        return wal == 0 ? .immutable : .pendingChanges
    }

    /// The URI the file is read by, here and attached by a SQLite destination: read-only
    /// (`mode=ro`: SQLite itself refuses a write), and immutable where ``walInReadOnlyFolder(_:)`` says so.
    static func readingURI(_ path: String, _ walHere: ReadOnlyFolderWAL?) -> String {
        "file:" + (path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path) + "?mode=ro" + (walHere == .immutable ? "&immutable=1" : "")
    }

    static func folder(of path: String) -> String { URL(fileURLWithPath: path).deletingLastPathComponent().path }

    /// Whether this source holds a read transaction (WAL mode) until it closes.
    private var inSnapshot = false

    public var displayName: String { "sqlite://\(path)" }

    /// Closes the database and removes the `-wal` and `-shm` files that reading a WAL database
    /// made beside it, when nobody else uses them (see ``WALCompanions``).
    public func close() async {
        if inSnapshot { try? connection.execute("COMMIT") }
        inSnapshot = false
        connection.close()
        createdCompanions.removeIfUnused()
    }

    public func introspect() throws -> DatabaseSchema {
        try SQLiteIntrospector(connection: connection).introspect()
    }

    /// The name that reaches a table's rowid: `rowid`, or `_rowid_` or `oid` where a column takes
    /// the name (a column named `rowid` is that column, and rows were read in the order of its
    /// text); nil when columns take all three, and the rowid cannot be named.
    static func rowIDName(of table: Table) -> String? {
        let names = Set(table.columns.map { $0.name.lowercased() })
        return ["rowid", "_rowid_", "oid"].first { !names.contains($0) }
    }

    /// The order rows are read in: the rowid's (as stored, where it cannot be named), or the key's.
    static func order(of table: Table) -> String {
        table.hasRowID ? rowIDName(of: table) ?? "" : table.primaryKey.map(quoted).joined(separator: ", ")
    }

    /// `PRAGMA foreign_key_check` of one table and referenced table, among the selected rows (0 where
    /// it cannot name the rows: a table without rowid); throws where SQLite cannot check the keys
    /// (`foreign key mismatch`).
    public func foreignKeyViolations(of table: Table, referencing referencedTable: String, among selection: RowSelection?) throws -> Int64 {
        guard table.hasRowID, let rowid = Self.rowIDName(of: table) else { return 0 }
        let name = quoted(table.name)
        let broken = "FROM pragma_foreign_key_check(\(Self.literal(.text(table.name)))) AS fk JOIN \(name) AS t ON t.\(rowid) = fk.rowid WHERE fk.parent = \(Self.literal(.text(referencedTable)))"
        switch selection {
        case nil:
            return try connection.query("SELECT count(*) \(broken)").first?.first?.int ?? 0
        case .condition(let condition):
            return try connection.query("SELECT count(*) \(broken) AND t.\(rowid) IN (SELECT \(rowid) FROM \(name) WHERE \(sql(condition)))").first?.first?.int ?? 0
        case .keys(let columns, let rows):
            return Int64(try connection.query("SELECT \(columns.map { "t." + quoted($0) }.joined(separator: ", ")) \(broken)").filter(rows.contains).count)
        }
    }

    public func rowCount(of table: Table) throws -> Int64 {
        try connection.query("SELECT count(*) FROM \(quoted(table.name))", place: "\(path): table \(table.name)").first?.first?.int ?? 0
    }

    public func rows(of table: Table, columns: [Column], batchSize: Int) throws -> any AsyncSequence<RowBatch, any Error> {
        let list = columns.map { quoted($0.name) }.joined(separator: ", ")
        let order = Self.order(of: table)
        let sql = "SELECT \(list) FROM \(quoted(table.name))" + (order.isEmpty ? "" : " ORDER BY \(order)")
        let statement = try connection.prepare(sql, place: "\(path): table \(table.name)")
        return SQLiteRowSequence(statement: statement, columnNames: columns.map(\.name), batchSize: batchSize, table: table.name, repairs: repairs)
    }

    public func frequencies(of column: String, in table: Table, limit: Int) throws -> ColumnStatistics {
        let c = quoted(column)
        let rows = try connection.query(
            "SELECT \(c), count(*) FROM \(quoted(table.name)) WHERE \(c) IS NOT NULL GROUP BY \(c) ORDER BY \(c) LIMIT \(limit)",
            place: "\(path): table \(table.name)")
        return ColumnStatistics(values: rows.map { $0[0] }, counts: rows.map { $0[1].int ?? 0 })
    }

    /// About `size` rows spread over the table: every k-th row by rowid (k = rows / size), the same
    /// on every run, one pass without sorting. Tables without rowid give their first rows by key.
    public func sample(of table: Table, size: Int) throws -> RowBatch {  // SamplingSource
        let columns = table.storedColumns
        let list = columns.map { quoted($0.name) }.joined(separator: ", ")
        let count = try rowCount(of: table)
        let stride = max(1, count / Int64(max(1, size)))
        let sql = if table.hasRowID, let rowid = Self.rowIDName(of: table) {
            "SELECT \(list) FROM \(quoted(table.name)) WHERE \(rowid) % \(stride) = 0 ORDER BY \(rowid) LIMIT \(size)"
        } else {
            "SELECT \(list) FROM \(quoted(table.name)) LIMIT \(size)"
        }
        let rows = try connection.query(sql, place: "\(path): table \(table.name)")
        return RowBatch(columnNames: columns.map(\.name), columns: columns.indices.map { c in rows.map { $0[c] } }, firstOrdinal: 0)
    }

    public func keys(of table: Table, columns: [String], where condition: RowCondition?) throws -> [[Value]] {
        let list = columns.map(quoted).joined(separator: ", ")
        let sql = "SELECT DISTINCT \(list) FROM \(quoted(table.name))" + (condition.map { " WHERE \(self.sql($0))" } ?? "") + " ORDER BY \(list)"
        do {
            return try connection.query(sql, place: "\(path): table \(table.name)")
        } catch {
            throw AdapterError(code: .readFailed, message: "the subset predicate of table \(table.name) does not run on the source; check its SQL", place: path, underlying: error.underlying)
        }
    }

    public func check(predicate: String?, of table: Table) throws {
        guard let predicate else { return }
        // (A second statement is not run here — the file is opened read-only and a statement is
        // prepared alone — but it was taken for part of the condition, and failed later elsewhere.)
        try RowCondition.refuseStatements(predicate, of: table.name, place: path)
        do {
            _ = try connection.prepare("SELECT 1 FROM \(quoted(table.name)) WHERE \(predicate)", place: "\(path): table \(table.name)")
        } catch {
            throw AdapterError(code: .readFailed, message: "the subset predicate of table \(table.name) does not run on the source; check its SQL", place: path, underlying: error.underlying)
        }
    }

    public func hasRows(_ table: Table, where predicate: String?) throws -> Bool {
        let sql = "SELECT 1 FROM \(quoted(table.name))" + (predicate.map { " WHERE \($0)" } ?? "") + " LIMIT 1"
        do {
            return try !connection.query(sql, place: "\(path): table \(table.name)").isEmpty
        } catch {
            throw AdapterError(code: .readFailed, message: "the subset predicate of table \(table.name) does not run on the source; check its SQL", place: path, underlying: error.underlying)
        }
    }

    public func rows(of table: Table, columns: [Column], where condition: RowCondition, batchSize: Int) throws -> any AsyncSequence<RowBatch, any Error> {
        let list = columns.map { quoted($0.name) }.joined(separator: ", ")
        let order = Self.order(of: table)
        let sql = "SELECT \(list) FROM \(quoted(table.name)) WHERE \(self.sql(condition))" + (order.isEmpty ? "" : " ORDER BY \(order)")
        let statement = try connection.prepare(sql, place: "\(path): table \(table.name)")
        return SQLiteRowSequence(statement: statement, columnNames: columns.map(\.name), batchSize: batchSize, table: table.name, repairs: repairs)
    }

    /// SQLite keeps no statistics worth the name: the rows are counted.
    public func estimatedRowCount(of table: Table, where condition: RowCondition) throws -> (rows: Int64, exact: Bool) {
        let count = try connection.query("SELECT count(*) FROM \(quoted(table.name)) WHERE \(sql(condition))", place: "\(path): table \(table.name)")
        return (count.first?.first?.int ?? 0, true)
    }

    /// A subset condition in SQLite's SQL: key lists as `IN (VALUES …)` of literals.
    func sql(_ condition: RowCondition) -> String {
        condition.sql(table: quoted, quote: quoted) { columns, values in
            let target = columns.count == 1 ? quoted(columns[0].name) : "(" + columns.map { quoted($0.name) }.joined(separator: ", ") + ")"
            let rows = values.map { row in "(" + row.map(Self.literal).joined(separator: ", ") + ")" }
            return "\(target) IN (VALUES \(rows.joined(separator: ", ")))"
        }
    }

    /// A value as a SQLite literal.
    static func literal(_ value: Value) -> String {
        switch value {
        case .null: return "NULL"
        case .integer(let n): return String(n)
        case .real(let d): return d.isFinite ? "\(d)" : (d.isNaN ? "NULL" : (d > 0 ? "9e999" : "-9e999"))
        case .text(let t): return "'" + t.replacingOccurrences(of: "'", with: "''") + "'"
        case .blob(let bytes):
            let digits = Array("0123456789abcdef")
            return "X'" + String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xF)]] }) + "'"
        }
    }

    public func keys(of table: Table, columns: [String], matching: [String], values: [[Value]]) throws -> [[Value]] {
        let list = columns.map(quoted).joined(separator: ", ")
        let target = matching.count == 1 ? quoted(matching[0]) : "(" + matching.map(quoted).joined(separator: ", ") + ")"
        var result: [[Value]] = []
        var start = 0
        let chunkSize = max(1, 900 / max(1, matching.count))
        while start < values.count {
            let chunk = Array(values[start..<min(values.count, start + chunkSize)])
            let marks = chunk.map { _ in matching.count == 1 ? "?" : "(" + Array(repeating: "?", count: matching.count).joined(separator: ", ") + ")" }.joined(separator: ", ")
            let sql = matching.count == 1
                ? "SELECT DISTINCT \(list) FROM \(quoted(table.name)) WHERE \(target) IN (\(marks))"
                : "SELECT DISTINCT \(list) FROM \(quoted(table.name)) WHERE \(target) IN (VALUES \(marks))"
            let statement = try connection.prepare(sql, place: "\(path): table \(table.name)")
            var i = 0
            for tuple in chunk { for v in tuple { statement.bind(v, at: i); i += 1 } }
            while try statement.step() { result.append((0..<columns.count).map { statement.value(at: $0) }) }
            start += chunk.count
        }
        return result
    }

    /// Up to `limit` distinct non-null values of a column, in value order.
    public func distinctValues(of column: String, in table: Table, limit: Int) throws -> [Value] {
        try connection.query(
            "SELECT DISTINCT \(quoted(column)) FROM \(quoted(table.name)) WHERE \(quoted(column)) IS NOT NULL ORDER BY 1 LIMIT \(limit)",
            place: "\(path): table \(table.name)"
        ).map { $0[0] }
    }

    /// The integer that a read-only counting query returns (for checks and demos).
    public func count(_ sql: String) throws -> Int64 {
        try connection.query(sql).first?.first.flatMap { $0.int } ?? 0
    }

}

/// A table's rows, read `batchSize` at a time as the consumer asks for them.
///
/// `@unchecked Sendable`: the sequence is created and iterated by one task (the pipeline's),
/// never shared; the statement inside is not thread-safe and is never used concurrently.
struct SQLiteRowSequence: AsyncSequence, @unchecked Sendable {
    typealias Element = RowBatch
    let statement: SQLiteStatement
    let columnNames: [String]
    let batchSize: Int
    let table: String
    let repairs: TextRepairs

    struct AsyncIterator: AsyncIteratorProtocol {
        let statement: SQLiteStatement
        let columnNames: [String]
        let batchSize: Int
        let table: String
        let repairs: TextRepairs
        var ordinal: Int64 = 0
        var finished = false

        mutating func next() async throws -> RowBatch? {
            guard !finished else { return nil }
            let width = columnNames.count
            var columns = [[Value]](repeating: [], count: width)
            for c in 0..<width { columns[c].reserveCapacity(batchSize) }
            var count = 0
            var bytes = 0
            while count < batchSize, bytes < RowBatch.maximumBytes {
                guard try statement.step() else {
                    finished = true
                    break
                }
                for c in 0..<width {
                    let value = statement.value(at: c)
                    switch value {
                    case .text(let text): bytes += text.utf8.count
                    case .blob(let blob): bytes += blob.count
                    default: bytes += 8
                    }
                    columns[c].append(value)
                }
                count += 1
            }
            // (The statement counts over this whole read: one statement per sequence.)
            for (c, n) in statement.repairedText { repairs.record(table: table, column: columnNames[c], count: n) }
            guard count > 0 else { return nil }
            defer { ordinal += Int64(count) }
            return RowBatch(columnNames: columnNames, columns: columns, firstOrdinal: ordinal)
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(statement: statement, columnNames: columnNames, batchSize: batchSize, table: table, repairs: repairs)
    }
}

extension SQLiteSource {
    /// UND-W019 for each column whose text held bytes that are no UTF-8.
    public var notes: [RunReport.Finding] {
        repairs.counts.sorted { ($0.key.table, $0.key.column) < ($1.key.table, $1.key.column) }.map { place, count in
            RunReport.Finding(
                id: "UND-W019", severity: .warning, table: place.table, column: place.column,
                message: "\(count) text value\(count == 1 ? " is" : "s are") not valid UTF-8 (SQLite keeps any bytes as text: a legacy file's Latin-1, a truncated character), and \(count == 1 ? "its" : "their") bad bytes were read as U+FFFD (�) in the copy; convert the column's text to UTF-8 in the source to keep every character")
        }
    }
}

/// Counts of text values that were no valid UTF-8, per table and column: the most any one read of
/// the table found (a table read twice, to fit a model and to copy it, counts its rows once).
final class TextRepairs: @unchecked Sendable {
    // @unchecked: every access holds the lock.
    private let lock = NSLock()
    private var byPlace: [Place: Int] = [:]

    struct Place: Hashable { let table: String, column: String }

    func record(table: String, column: String, count: Int) {
        lock.withLock { byPlace[Place(table: table, column: column)] = max(byPlace[Place(table: table, column: column)] ?? 0, count) }
    }

    var counts: [Place: Int] { lock.withLock { byPlace } }
}

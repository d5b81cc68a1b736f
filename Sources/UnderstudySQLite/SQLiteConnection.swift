import Foundation
import CSQLite
import UnderstudyCore

/// SQLITE_TRANSIENT: SQLite copies bound text and blobs before the call returns.
let transientDestructor = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// One SQLite database handle.
///
/// `@unchecked Sendable` because a connection is owned by one run and used by one task at a time
/// (the pipeline reads and writes from its own task; transforms never touch connections). SQLite
/// is built thread-safe (serialized) on Debian, which also covers a misuse.
final class SQLiteConnection: @unchecked Sendable {
    let handle: OpaquePointer
    let path: String

    /// Opens `path` (or `uri`, a `file:` URI of it with parameters; messages name `path`).
    init(path: String, readOnly: Bool, create: Bool = false, uri: String? = nil) throws(AdapterError) {
        var db: OpaquePointer?
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0))
        let status = sqlite3_open_v2(uri ?? path, &db, flags | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, nil)
        guard status == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let db { sqlite3_close_v2(db) }
            throw AdapterError(code: .cannotOpen, message: "cannot open the SQLite database", place: path, underlying: message)
        }
        handle = db
        self.path = path
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, 5_000)
        sqlite3_collation_needed(db, Unmanaged.passUnretained(standIns).toOpaque()) { context, db, _, name in
            guard let context, let db, let name else { return }
            Unmanaged<StandInCollations>.fromOpaque(context).takeUnretainedValue().add(String(cString: name))
            sqlite3_create_collation_v2(db, name, SQLITE_UTF8, nil, { _, length1, bytes1, length2, bytes2 in
                let shorter = Int(min(length1, length2))
                let order = shorter == 0 ? 0 : memcmp(bytes1!, bytes2!, shorter)
                return order != 0 ? order : length1 < length2 ? -1 : length1 > length2 ? 1 : 0
            }, nil)
        }
    }

    /// Collations the schema names that SQLite has not — an application's own (Android's
    /// `LOCALIZED`, `UNICODE`), registered by the program that made the file — given a stand-in of
    /// binary order when a statement first needs one, so that the file can be read and its schema
    /// copied as written (it failed: `no such collation sequence`). An index in such a collation is
    /// built in the stand-in's order: the destination names it (UND-W024) with the `REINDEX` the
    /// application runs. Binary order never merges values the application's order tells apart, so
    /// a unique index that held in the source holds under the stand-in.
    let standIns = StandInCollations()

    private var isClosed = false

    deinit { close() }

    /// Closes the handle now (SQLite defers it until the last statement is finalized).
    func close() {
        guard !isClosed else { return }
        isClosed = true
        sqlite3_close_v2(handle)
    }

    /// Rows changed by the last statement.
    var changes: Int64 { sqlite3_changes64(handle) }

    var lastError: String { String(cString: sqlite3_errmsg(handle)) }

    /// When the last failure was a write the disk refused: a full disk (`SQLITE_FULL`), or a write
    /// that failed otherwise (`disk I/O error`: a file size limit, an input/output error) — which
    /// folder, why, and what to do. SQLite's own words named neither. (SQLite's record of the
    /// system's errno is gone by the time the statement returns: the reason is looked for instead.)
    var writeRefused: String? {
        let code = sqlite3_extended_errcode(handle)
        // SQLITE_IOERR_WRITE, _FSYNC, _DIR_FSYNC, _TRUNCATE (macros Swift does not import).
        let failedWrite = [778, 1034, 1290, 1546].contains(code)
        guard failedWrite || code & 0xFF == SQLITE_FULL else { return nil }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let free = (try? FileManager.default.attributesOfFileSystem(forPath: folder)[.systemFreeSize] as? NSNumber)?.int64Value
        let formatter = ByteCountFormatter()
        formatter.countStyle = .binary
        formatter.allowsNonnumericFormatting = false
        guard failedWrite else {
            let left = free.map { " (\(formatter.string(fromByteCount: $0)) free)" } ?? ""
            return "the disk holding \(folder) is full\(left); free space there, or choose a destination folder on a larger disk — the destination was left as it was"
        }
        var limit = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_FSIZE.rawValue), &limit)
        let reason = if limit.rlim_cur != rlim_t.max {
            "this process may write files of \(formatter.string(fromByteCount: Int64(clamping: limit.rlim_cur))) at most (`ulimit -f`); raise the limit"
        } else if let free, free < 1 << 20 {
            "no space left: \(formatter.string(fromByteCount: free)) free; free space there"
        } else {
            "an input/output error: a failing or read-only disk, or a network file system that went away; check the disk"
        }
        return "the disk holding \(folder) refused a write — \(reason), or choose a destination folder on another disk; the destination was left as it was"
    }

    /// When the last failure was a damaged file (`SQLITE_CORRUPT`, `SQLITE_NOTADB` past the first
    /// page): that it is damaged, how to see where, and what to copy instead. SQLite's own words
    /// (`database disk image is malformed`) named neither. `file` is the damaged one where the
    /// statement read an attached database.
    func damaged(_ file: String? = nil) -> String? {
        let code = sqlite3_errcode(handle) & 0xFF
        guard code == SQLITE_CORRUPT || code == SQLITE_NOTADB else { return nil }
        let file = file ?? path
        return "the file is damaged: SQLite cannot read some of its pages (a failing disk, or a copy taken while a program wrote it); "
            + "`sqlite3 \(file) 'PRAGMA integrity_check'` shows which tables; "
            + "use a backup instead, or what can still be read (`sqlite3 \(file) .recover | sqlite3 recovered.db`)"
    }

    /// When the last failure was the file's lock (`SQLITE_BUSY`, `SQLITE_LOCKED`): another program
    /// writes to it — in rollback-journal mode no one reads while a writer commits — and kept it past
    /// the connection's 5 s wait. SQLite's words (`database is locked`) were read as a file that is
    /// no database at all.
    var locked: String? {
        let code = sqlite3_errcode(handle) & 0xFF
        guard code == SQLITE_BUSY || code == SQLITE_LOCKED else { return nil }
        return "the file is locked: another program is writing to it (a transaction in progress) and did not let go within 5 s; "
            + "run again once it is done (or while the application is stopped), "
            + "or have the application use WAL mode (`PRAGMA journal_mode=WAL`), where a reader never waits for a writer and reads one moment of the file"
    }

    /// What the last failure of a read was, where SQLite's words do not say it: a damaged file, or
    /// another program's lock.
    var readFailure: String? { damaged() ?? locked }

    /// Runs statements that return no rows.
    func execute(_ sql: String, place: String? = nil) throws(AdapterError) {
        var message: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(handle, sql, nil, nil, &message) == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? lastError
            sqlite3_free(message)
            if let failure = readFailure { throw AdapterError(code: .readFailed, message: failure, place: place ?? path, underlying: text) }
            throw AdapterError(code: .writeFailed, message: writeRefused ?? "a statement failed", place: place ?? path, underlying: text)
        }
    }

    func prepare(_ sql: String, place: String? = nil) throws(AdapterError) -> SQLiteStatement {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw AdapterError(code: .readFailed, message: locked ?? "cannot prepare a query", place: place ?? path, underlying: lastError)
        }
        return SQLiteStatement(handle: statement, connection: self, place: place ?? path)
    }

    /// All rows of a query, for small catalog queries.
    func query(_ sql: String, place: String? = nil) throws(AdapterError) -> [[Value]] {
        let statement = try prepare(sql, place: place)
        var rows: [[Value]] = []
        while try statement.step() {
            rows.append((0..<statement.columnCount).map { statement.value(at: $0) })
        }
        return rows
    }
}

/// A prepared statement.
final class SQLiteStatement {
    let handle: OpaquePointer
    let connection: SQLiteConnection
    /// The file and, where known, the table its failures name.
    let place: String
    /// Per column index, the text values read that were no valid UTF-8 (their bad bytes read as
    /// U+FFFD): SQLite keeps whatever bytes it is given as text.
    var repairedText: [Int: Int] = [:]

    init(handle: OpaquePointer, connection: SQLiteConnection, place: String) {
        self.handle = handle
        self.connection = connection
        self.place = place
    }

    deinit { sqlite3_finalize(handle) }

    var columnCount: Int { Int(sqlite3_column_count(handle)) }

    /// Advances; true when a row is available.
    func step() throws(AdapterError) -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            if let full = connection.writeRefused { throw AdapterError(code: .writeFailed, message: full, place: place, underlying: connection.lastError) }
            throw AdapterError(code: .readFailed, message: connection.readFailure ?? "a query failed", place: place, underlying: connection.lastError)
        }
    }

    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    @inline(__always)
    func value(at index: Int) -> Value {
        let i = Int32(index)
        switch sqlite3_column_type(handle, i) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(handle, i))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(handle, i))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(handle, i) else { return .text("") }
            let count = Int(sqlite3_column_bytes(handle, i))
            let string = String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self)
            // Repaired where the bytes were no UTF-8: then they differ from the string's (one memcmp).
            if string.utf8.count != count || count > 0 && string.utf8.withContiguousStorageIfAvailable({ memcmp($0.baseAddress!, text, count) != 0 }) == true {
                repairedText[index, default: 0] += 1
            }
            return .text(string)
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, i))
            guard count > 0, let bytes = sqlite3_column_blob(handle, i) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default:
            return .null
        }
    }

    @inline(__always)
    func bind(_ value: Value, at index: Int) {
        let i = Int32(index + 1)
        switch value {
        case .null:
            sqlite3_bind_null(handle, i)
        case .integer(let v):
            sqlite3_bind_int64(handle, i, v)
        case .real(let v):
            // SQLite stores a NaN double as NULL; as text it keeps what it was (PostgreSQL's `NaN`).
            if v.isNaN { _ = sqlite3_bind_text(handle, i, "NaN", 3, transientDestructor) } else { sqlite3_bind_double(handle, i, v) }
        case .text(var s):
            s.withUTF8 { buffer in
                if let base = buffer.baseAddress {
                    base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                        _ = sqlite3_bind_text(handle, i, chars, Int32(buffer.count), transientDestructor)
                    }
                } else {
                    _ = sqlite3_bind_text(handle, i, "", 0, transientDestructor)
                }
            }
        case .blob(let bytes):
            if bytes.isEmpty {
                sqlite3_bind_zeroblob(handle, i, 0)
            } else {
                bytes.withUnsafeBytes { buffer in
                    _ = sqlite3_bind_blob(handle, i, buffer.baseAddress, Int32(buffer.count), transientDestructor)
                }
            }
        }
    }
}

/// `"name"` with embedded quotes doubled.
func quoted(_ identifier: String) -> String {
    "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

extension Value {
    var text: String? {
        if case .text(let s) = self { return s }
        return nil
    }
    var int: Int64? {
        if case .integer(let i) = self { return i }
        return nil
    }
}

/// The names of the collations a connection stood in for (``SQLiteConnection/standIns``).
final class StandInCollations: @unchecked Sendable {
    // @unchecked: every access holds the lock.
    private let lock = NSLock()
    private var names: [String] = []

    func add(_ name: String) { lock.withLock { if !names.contains(name) { names.append(name) } } }

    var all: [String] { lock.withLock { names } }
}

import CLibPQ
import Foundation
import UnderstudyCore

/// A blocking libpq connection: every connection of the adapter (sessions, COPY readers, COPY
/// writers). `COPY … TO STDOUT` is read with `PQgetCopyData` in one loop over bytes instead of an
/// asynchronous step per row, which is what brings reading close to the raw-copy limit; `COPY …
/// FROM STDIN` takes any option (binary, FREEZE).
///
/// libpq is PostgreSQL's reference client: every authentication method, `sslmode` and the `PG*`
/// variables, service files and `~/.pgpass` work as they do for psql. A connection is used by one
/// thread at a time; ``shutdown()`` may be called from another, and only interrupts a blocking
/// read or write (the call waiting then fails with the server's last message).
final class LibPQConnection: @unchecked Sendable {
    // @unchecked: used by one thread; `shutdown()` from another only touches the socket, under `lifecycle`.
    struct Failure: Error {
        static let lost = "the connection to the server was lost: its backend was terminated, or the server stopped or cannot be reached"
        var message: String
    }

    private let connection: OpaquePointer
    /// The server's version as a number (`150004` for 15.4).
    let serverVersion: Int
    /// Guards `isClosed`: the connection is finished once, and its socket never shut down after
    /// (the number may be reused).
    private let lifecycle = NSLock()
    private var isClosed = false

    /// `configure`: set the run's session settings (``PostgresSession/settings``) — not on the
    /// connections of ``reachesTransactionPool(_:)``, which must leave nothing behind.
    init(url: PostgresURL, configure: Bool = true) throws(Failure) {
        var parameters: [(String, String)] = [
            ("host", url.socketDirectory ?? url.host), ("port", String(url.port)), ("dbname", url.database), ("user", url.user),
            ("sslmode", url.socketDirectory == nil ? url.sslMode : "disable"), ("application_name", url.applicationName),
            ("client_encoding", "UTF8"), ("connect_timeout", String(url.connectTimeout)),
        ]
        if let password = url.password { parameters.append(("password", password)) }
        if let root = url.sslRootCert ?? Self.systemRoots(for: url) { parameters.append(("sslrootcert", root)) }
        if let certificate = url.sslCert { parameters.append(("sslcert", certificate)) }
        if let key = url.sslKey { parameters.append(("sslkey", key)) }
        if let passphrase = url.sslPassword { parameters.append(("sslpassword", passphrase)) }
        // expand_dbname 0: the database name is a name, never a connection string of its own.
        let opened: OpaquePointer? = Self.withCStrings(parameters.map(\.0)) { k in
            Self.withCStrings(parameters.map(\.1)) { v in PQconnectdbParams(k, v, 0) }
        }
        guard let opened else { throw Failure(message: "cannot allocate a libpq connection") }
        guard PQstatus(opened) == CONNECTION_OK else {
            var message = Self.trimmed(PQerrorMessage(opened))
            PQfinish(opened)
            if message.contains("private key file") {
                message += " (check sslcert and sslkey; an encrypted key needs its passphrase as sslpassword)"
            }
            throw Failure(message: message)
        }
        connection = opened
        serverVersion = Int(PQserverVersion(opened))
        // Notices (a NOTICE from a DDL statement) are not the run's output.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        guard configure else { return }
        // The run's session settings (UTF-8, ISO dates, UTC), as on every connection of the run.
        do {
            // (Server 14 and later: `idle_session_timeout`, which older servers do not know.)
            let timeouts = PostgresSession.timeouts + (serverVersion >= 140_000 ? [("idle_session_timeout", "0")] : [])
            try execute((PostgresSession.settings + timeouts).map { "SET \($0.name) TO \(literal($0.value))" }.joined(separator: "; ")
                        + "; " + PostgresSession.englishMessages(serverVersion: serverVersion))
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    /// `verify-ca` and `verify-full` without `sslrootcert` trust the system's CAs (libpq before 16
    /// looks for `~/.postgresql/root.crt` only, which is used when it exists).
    private static func systemRoots(for url: PostgresURL) -> String? {
        guard url.socketDirectory == nil, url.sslMode.hasPrefix("verify") else { return nil }
        if PQlibVersion() >= 160_000 { return "system" }
        let home = ProcessInfo.processInfo.environment["HOME"].map { $0 + "/.postgresql/root.crt" }
        if let home, FileManager.default.fileExists(atPath: home) { return nil }
        return ["/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem"].first { FileManager.default.fileExists(atPath: $0) }
    }

    /// Ends the session (libpq sends Terminate) and frees the connection, once.
    func close() {
        lifecycle.lock()
        defer { lifecycle.unlock() }
        guard !isClosed else { return }
        isClosed = true
        PQfinish(connection)
    }

    /// Interrupts a blocking read or write from another thread (the call then fails and ends).
    func shutdown() {
        lifecycle.lock()
        defer { lifecycle.unlock() }
        guard !isClosed else { return }
        let socket = PQsocket(connection)
        if socket >= 0 { _ = Foundation.shutdown(socket, Int32(SHUT_RDWR)) }
    }

    /// Whether `url` reaches a pool that hands a client's transactions to whichever server connection
    /// is free (PgBouncer's `pool_mode = transaction` or `statement`, a cloud provider's pooler), where
    /// what a session sets outlives its transaction on a server connection other clients get next.
    /// Two connections that set nothing: the first asks for its backend; the second opens a
    /// transaction (holding a server connection) and asks for its own; the first asks again. A
    /// server or a session-mode pool gives each client a backend of its own for its whole session: the
    /// second's differs and the first's stays. A transaction-mode pool hands the first's backend,
    /// free between its statements, to the second (it reuses the last freed, by default), or the
    /// first's next statement to another; a statement-mode pool refuses the transaction.
    static func reachesTransactionPool(_ url: PostgresURL) throws(Failure) -> Bool {
        let first = try LibPQConnection(url: url, configure: false)
        defer { first.close() }
        let second = try LibPQConnection(url: url, configure: false)
        defer { second.close() }
        func backend(_ connection: LibPQConnection) throws(Failure) -> String? { try connection.rows("SELECT pg_backend_pid()").first?[0] ?? nil }
        let before = try backend(first)
        do { try second.execute("BEGIN") } catch { return true }
        let held = try backend(second)
        let after = try backend(first)
        try second.execute("COMMIT")
        return held == before || after != before
    }

    // MARK: statements

    /// Runs statements that return no rows (several, separated by `;`, in one round trip); the
    /// server's message on failure.
    func execute(_ sql: String) throws(Failure) {
        let result = PQexec(connection, sql)
        defer { PQclear(result) }
        try check(result, expecting: [PGRES_COMMAND_OK, PGRES_TUPLES_OK])
        try drain()
    }

    /// The rows of a query, every cell in its text form (nil for NULL); `parameters` bound to `$1`…
    /// in their text form.
    func rows(_ sql: String, parameters: [String] = []) throws(Failure) -> [[String?]] {
        let result = parameters.isEmpty ? PQexec(connection, sql) : Self.withCStrings(parameters) { PQexecParams(connection, sql, Int32(parameters.count), nil, $0, nil, nil, 0) }
        defer { PQclear(result) }
        try check(result, expecting: [PGRES_TUPLES_OK, PGRES_COMMAND_OK])
        let rowCount = PQntuples(result), columnCount = PQnfields(result)
        var rows: [[String?]] = []
        rows.reserveCapacity(Int(rowCount))
        for r in 0..<rowCount {
            rows.append((0..<columnCount).map { c in PQgetisnull(result, r, c) == 1 ? nil : String(cString: PQgetvalue(result, r, c)) })
        }
        try drain()
        return rows
    }

    /// Runs a query with bound `parameters` (text, `$1`…) and hands its rows, in binary, to
    /// `consume` in the layout of a binary `COPY … TO STDOUT` (its header, one tuple per call, its
    /// trailer), so that one parser reads both. For queries whose values must not be written into
    /// SQL text, which `COPY (query)` would need: the planner sees the parameters as constants
    /// (an unnamed statement is planned with its values), so a key array is hashed as a literal
    /// one would be. Rows come one at a time (single-row mode): memory stays at one row.
    func copyLayout(_ sql: String, parameters: [String], consume: (UnsafeRawBufferPointer) throws -> Bool) throws {
        let sent = Self.withCStrings(parameters) { PQsendQueryParams(connection, sql, Int32(parameters.count), nil, $0, nil, nil, 1) }
        guard sent == 1 else { throw Failure(message: lastError()) }
        guard PQsetSingleRowMode(connection) == 1 else { throw Failure(message: lastError()) }
        var tuple: [UInt8] = [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]
        guard try tuple.withUnsafeBytes(consume) else { return }
        var failure: Failure?
        while let result = PQgetResult(connection) {
            defer { PQclear(result) }
            switch PQresultStatus(result) {
            case PGRES_SINGLE_TUPLE where failure == nil:
                let fields = PQnfields(result)
                tuple.removeAll(keepingCapacity: true)
                tuple.appendBigEndian(UInt16(truncatingIfNeeded: fields))
                for f in 0..<fields {
                    if PQgetisnull(result, 0, f) == 1 {
                        tuple.appendBigEndian(UInt32.max)
                        continue
                    }
                    let length = Int(PQgetlength(result, 0, f))
                    tuple.appendBigEndian(UInt32(length))
                    PQgetvalue(result, 0, f).withMemoryRebound(to: UInt8.self, capacity: length) { tuple.append(contentsOf: UnsafeBufferPointer(start: $0, count: length)) }
                }
                // Stopped early: the caller closes the connection, which is still sending rows.
                guard try tuple.withUnsafeBytes(consume) else { return }
            case PGRES_SINGLE_TUPLE, PGRES_TUPLES_OK:
                continue
            default:
                if failure == nil {
                    do throws(Failure) { try check(result, expecting: [PGRES_TUPLES_OK]) } catch { failure = error }
                }
            }
        }
        if let failure { throw failure }
        if PQstatus(connection) != CONNECTION_OK { throw Failure(message: lastError()) }
        _ = try [UInt8(0xFF), 0xFF].withUnsafeBytes(consume)
    }

    /// Calls `body` with the strings as a C array of C strings, ended by a null pointer.
    private static func withCStrings<T>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) -> T) -> T {
        let copies = strings.map { strdup($0) }
        defer { copies.forEach { free($0) } }
        return (copies.map { UnsafePointer($0) } + [nil]).withUnsafeBufferPointer { body($0.baseAddress) }
    }

    /// Asks the server to cancel the statement in progress (from any thread; libpq's cancel
    /// request goes on a connection of its own).
    func cancelStatement() {
        lifecycle.lock()
        defer { lifecycle.unlock() }
        guard !isClosed, let cancel = PQgetCancel(connection) else { return }
        defer { PQfreeCancel(cancel) }
        var message = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancel, &message, Int32(message.count))
    }

    /// Runs `COPY (…) TO STDOUT` and hands each row's copy data to `consume`; returns when the
    /// copy is complete. `consume` returns false to stop early (the connection is then unusable).
    func copyOut(_ sql: String, consume: (UnsafeRawBufferPointer) throws -> Bool) throws {
        let started = PQexec(connection, sql)
        defer { PQclear(started) }
        try check(started, expecting: [PGRES_COPY_OUT])
        var buffer: UnsafeMutablePointer<CChar>?
        while true {
            let count = PQgetCopyData(connection, &buffer, 0)
            if count > 0, let data = buffer {
                let keepGoing: Bool
                do {
                    keepGoing = try consume(UnsafeRawBufferPointer(start: data, count: Int(count)))
                } catch {
                    PQfreemem(data)
                    throw error
                }
                PQfreemem(data)
                buffer = nil
                if !keepGoing { return }
            } else if count == -1 {
                break  // the copy is done: its result follows
            } else {
                throw Failure(message: lastError())
            }
        }
        try drain()
    }

    /// Runs `COPY … FROM STDIN` and sends `data` as its rows; returns when the server has stored
    /// them, or throws its message (a bad row, a terminated backend).
    func copyIn(_ sql: String, data: UnsafeRawBufferPointer) throws(Failure) {
        let started = PQexec(connection, sql)
        defer { PQclear(started) }
        try check(started, expecting: [PGRES_COPY_IN])
        var offset = 0
        let chunk = 1 << 20
        var sent = true
        while offset < data.count && sent {
            let count = min(chunk, data.count - offset)
            sent = PQputCopyData(connection, data.baseAddress!.assumingMemoryBound(to: CChar.self) + offset, Int32(count)) == 1
            offset += count
        }
        // A refused row or a terminated backend: what the server said is in the result that follows.
        if sent { sent = PQputCopyEnd(connection, nil) == 1 }
        guard sent else { throw Failure(message: lastError()) }
        try drain()
    }

    // MARK: results

    /// Reads the results left after a statement or a copy; throws the first error among them.
    private func drain() throws(Failure) {
        var failure: Failure?
        while let result = PQgetResult(connection) {
            defer { PQclear(result) }
            if failure == nil {
                do throws(Failure) { try check(result, expecting: [PGRES_COMMAND_OK, PGRES_TUPLES_OK]) } catch { failure = error }
            }
        }
        if let failure { throw failure }
        if PQstatus(connection) != CONNECTION_OK { throw Failure(message: lastError()) }
    }

    private func check(_ result: OpaquePointer?, expecting: [ExecStatusType]) throws(Failure) {
        guard let result else { throw Failure(message: lastError()) }
        let status = PQresultStatus(result)
        guard expecting.contains(status) else {
            if let primary = PQresultErrorField(result, Int32(UInt8(ascii: "M"))) {
                let context = PQresultErrorField(result, Int32(UInt8(ascii: "W"))).map { String(cString: $0) }
                // The SQLSTATE says what failed in any language the server speaks (lc_messages).
                let state = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) }
                throw Failure(message: PostgresSession.withoutValues(String(cString: primary), state: state) + (state.map { " (SQLSTATE \($0))" } ?? "")
                              + (context.flatMap(PostgresSession.copyPlace).map { "; \($0)" } ?? ""))
            }
            throw Failure(message: lastError())
        }
    }

    /// The connection's last error (a FATAL message from a terminated backend, a lost socket): its
    /// first line, without the severity (the lines after it may quote the statement).
    private func lastError() -> String {
        var message = Self.trimmed(PQerrorMessage(connection))
        let full = message
        if let end = message.firstIndex(of: "\n") { message = String(message[..<end]) }
        for severity in ["ERROR:", "FATAL:"] where message.hasPrefix(severity) {
            message = message.dropFirst(severity.count).trimmingCharacters(in: .whitespaces)
        }
        if message.isEmpty || message.contains("server closed the connection unexpectedly") || message.contains("no connection to the server") {
            // libpq's own words for a lost connection say less than the FATAL message, when one came.
            return full.contains("terminating connection") ? "terminating connection due to administrator command" : Failure.lost
        }
        return PostgresSession.withoutValues(message)
    }

    private static func trimmed(_ text: UnsafePointer<CChar>?) -> String {
        text.map { String(cString: $0) }?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }
}

extension Array where Element == UInt8 {
    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }
}

import Foundation
import Logging
import NIOCore
import PostgresNIO
import UnderstudyCore

/// One connection to a PostgreSQL server, with the few operations the adapter needs: text
/// queries, streamed SELECTs and COPY FROM STDIN.
final class PostgresSession: @unchecked Sendable {
    // @unchecked: PostgresConnection is Sendable; the session adds no mutable state after init.
    let connection: PostgresConnection
    let url: PostgresURL
    let logger: Logger
    let role: String
    /// Ends every waiting call when the connection closes (see ``guarded(_:)``).
    let watch = ConnectionWatch()

    init(url: PostgresURL, role: String) async throws {
        self.url = url
        self.role = role
        var logger = Logger(label: "understudy.postgres")
        logger.logLevel = .critical
        self.logger = logger
        let configuration: PostgresConnection.Configuration
        if let socketDirectory = url.socketDirectory {
            configuration = .init(unixSocketPath: "\(socketDirectory)/.s.PGSQL.\(url.port)", username: url.user, password: url.password, database: url.database)
        } else {
            let tls: PostgresConnection.Configuration.TLS
            if url.usesTLS {
                let context = try url.tlsContext()
                tls = url.sslMode == "prefer" ? .prefer(context) : .require(context)
            } else {
                tls = .disable
            }
            configuration = .init(host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: tls)
        }
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: Int.random(in: 1...Int(Int32.max)), logger: logger)
        } catch {
            throw AdapterError(code: .cannotOpen, message: "cannot connect to PostgreSQL; check the host, port, user, password and database of the URL, and that the server is running", place: "\(role) \(url)", underlying: Self.reason(error))
        }
        connection.closeFuture.whenComplete { [watch] _ in watch.closed() }
        do {
            _ = try await rows("SELECT " + Self.settings.map { "set_config(\(literal($0.name)), \(literal($0.value)), false)" }.joined(separator: ", "))
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// What every connection of a run (these sessions and the COPY readers) sets, whatever the
    /// server's or database's defaults: text as UTF-8 (a LATIN1 source copies into a UTF8
    /// destination with its characters converted, not garbled), and dates, times and intervals in
    /// one unambiguous form, instants in UTC — a date written `01/03/2024` under `DateStyle = DMY`
    /// was read back as January 3rd (or refused) by a server set to MDY, and landed in SQLite as
    /// that text. Sequential scans start at a table's first block, so that unordered reads too
    /// come in the same order every time.
    static let settings: [(name: String, value: String)] = [
        ("client_encoding", "UTF8"), ("DateStyle", "ISO, YMD"), ("IntervalStyle", "postgres"), ("TimeZone", "UTC"), ("synchronize_seqscans", "off"),
    ]

    /// The server's message without query text or parameters (which may hold data).
    static func reason(_ error: Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] { return withoutValues(message) }
            if error.code == .serverClosedConnection || error.code == .uncleanShutdown { return ConnectionWatch.Closed.message }
            return "\(error.code)"
        }
        if error is ConnectionWatch.Closed { return ConnectionWatch.Closed.message }
        if let failure = error as? WireConnection.Failure { return failure.message }
        if let error = error as? AdapterError { return error.underlying ?? error.message }
        return String(describing: type(of: error))
    }

    /// A server message with quoted input removed (`invalid input syntax for type integer: "…"`,
    /// `Key (email)=(…)`): messages about rows may quote the rows' values.
    static func withoutValues(_ message: String) -> String {
        message.replacingOccurrences(of: #":\s*"[^"]*""#, with: ": …", options: .regularExpression)
            .replacingOccurrences(of: #"\bvalue "[^"]*""#, with: "value …", options: .regularExpression)
            .replacingOccurrences(of: #"\([^)]*\)=\([^)]*\)"#, with: "(…)", options: .regularExpression)
    }

    func close() async {
        try? await connection.close()
    }

    /// Runs `body`, ending with an error as soon as the connection closes: when its backend is
    /// terminated, postgres-nio can leave a query or a COPY waiting forever (its continuation is
    /// dropped, never resumed). The body runs in a task of its own, so that such a wait is left
    /// behind instead of holding the run; the server's own message wins when it comes first.
    func guarded<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let watch = watch
        let ticket = Ticket<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                ticket.arm(continuation)
                guard watch.add(ticket) else {
                    ticket.resume(.failure(ConnectionWatch.Closed()))
                    return
                }
                ticket.task = Task {
                    let result: Result<T, any Error>
                    do { result = .success(try await body()) } catch { result = .failure(error) }
                    watch.remove(ticket)
                    ticket.resume(result)
                }
            }
        } onCancel: {
            ticket.cancel()
        }
    }

    /// Runs statements that return no rows.
    func execute(_ sql: String, place: String? = nil) async throws {
        do {
            let connection = connection, logger = logger
            _ = try await guarded { try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).collect() }
        } catch {
            throw AdapterError(code: .writeFailed, message: "a statement failed", place: place ?? "\(role) \(url)", underlying: Self.reason(error))
        }
    }

    /// All rows of a small query, every cell as text (cast in the SQL where needed).
    func rows(_ sql: String, place: String? = nil) async throws -> [[String?]] {
        do {
            let connection = connection, logger = logger
            return try await guarded {
                var result: [[String?]] = []
                for try await row in try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger) {
                    result.append(row.map { cell in cell.bytes.map { String(buffer: $0) } })
                }
                return result
            }
        } catch let error as AdapterError {
            throw error
        } catch {
            throw AdapterError(code: .readFailed, message: "a catalog query failed", place: place ?? "\(role) \(url)", underlying: Self.reason(error))
        }
    }

    func stream(_ sql: String) async throws -> PostgresRowSequence {
        do {
            return try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
        } catch {
            throw AdapterError(code: .readFailed, message: "a query failed", place: "\(role) \(url)", underlying: Self.reason(error))
        }
    }
}

extension PostgresSession {
    /// `COPY table (columns) FROM STDIN (FORMAT binary|text[, FREEZE])`.
    ///
    /// postgres-nio's `copyFrom` writes `COPY "<table>"(<columns>) FROM STDIN WITH (FORMAT text)`,
    /// inserting the table name as given, and offers no other options. The statement is therefore
    /// completed inside the name, and the rest of the generated one-line statement becomes a
    /// comment. Names holding a line break take postgres-nio's own statement (text, without FREEZE);
    /// binary never comes here with them (``PostgresBinary/accepts``).
    func copy(into table: String, columns: [String], binary: Bool, freeze: Bool, _ produce: (PostgresCopyFromWriter) async throws -> Void) async throws {
        if ([table] + columns).contains(where: { $0.contains(where: \.isNewline) }) {
            precondition(!binary)
            return try await connection.copyFrom(table: table, columns: columns, format: .text(.init()), logger: logger, writeData: produce)
        }
        let options = (binary ? "FORMAT binary" : "FORMAT text") + (freeze ? ", FREEZE" : "")
        let statement = table.replacingOccurrences(of: "\"", with: "\"\"") + "\" (" + columns.map(quoted).joined(separator: ", ") + ") FROM STDIN WITH (\(options)) --"
        try await connection.copyFrom(table: statement, columns: [], format: .text(.init()), logger: logger, writeData: produce)
    }
}

/// `"identifier"` with embedded quotes doubled.
func quoted(_ identifier: String) -> String {
    "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

/// `'literal'` with embedded quotes doubled.
func literal(_ text: String) -> String {
    "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
}

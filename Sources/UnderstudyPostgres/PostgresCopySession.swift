import Dispatch
import NIOCore
import UnderstudyCore

/// A connection that runs statements (the search path, DDL, transactions).
protocol StatementRunner: AnyObject, Sendable {
    func execute(_ sql: String, place: String?) async throws
}

extension StatementRunner {
    func execute(_ sql: String) async throws { try await execute(sql, place: nil) }
}

/// What a COPY writer needs of its connection: statements, and `COPY … FROM STDIN` of rows it
/// gathered, ended by `close`.
protocol CopySession: StatementRunner {
    /// `COPY table (columns) FROM STDIN (FORMAT binary|text[, FREEZE])` with `data` as its rows.
    func copy(into table: String, columns: [String], binary: Bool, freeze: Bool, data: ByteBuffer) async throws
    func close() async
}

extension PostgresSession: CopySession {
    func copy(into table: String, columns: [String], binary: Bool, freeze: Bool, data: ByteBuffer) async throws {
        try await guarded { try await self.copy(into: table, columns: columns, binary: binary, freeze: freeze) { writer in try await writer.write(data) } }
    }
}

/// A COPY writer's connection on the wire client (``WireConnection``): its blocking calls run on a
/// serial queue of its own, off the cooperative thread pool. A terminated backend or a lost
/// connection fails the call that is waiting, with the server's message, so a run never waits
/// for a connection that is gone.
final class WireCopySession: CopySession, @unchecked Sendable {
    // @unchecked: the connection is used only on `queue`, one call at a time.
    let connection: WireConnection
    let url: PostgresURL
    let role: String
    private let queue = DispatchQueue(label: "understudy.copy-in")

    private init(connection: WireConnection, url: PostgresURL, role: String) {
        self.connection = connection
        self.url = url
        self.role = role
    }

    /// Connects and applies the run's session settings; nil when the wire client cannot log in
    /// (an authentication method it does not speak), so that the caller uses postgres-nio.
    static func open(url: PostgresURL, role: String) async throws -> WireCopySession? {
        let queue = DispatchQueue(label: "understudy.connect")
        let connection: WireConnection? = try await withCheckedThrowingContinuation { continuation in
            queue.async {
                do throws(WireConnection.Failure) {
                    let connection = try WireConnection(url: url)
                    let settings = PostgresSession.settings.map { "SET \($0.name) TO \(literal($0.value))" }.joined(separator: "; ")
                    try connection.execute(settings)
                    continuation.resume(returning: connection)
                } catch where error.whileConnecting {
                    continuation.resume(returning: nil)
                } catch {
                    continuation.resume(throwing: AdapterError(code: .cannotOpen, message: "cannot prepare a connection", place: "\(role) \(url)", underlying: error.message))
                }
            }
        }
        return connection.map { WireCopySession(connection: $0, url: url, role: role) }
    }

    private func run(_ body: @escaping @Sendable (WireConnection) throws(WireConnection.Failure) -> Void) async throws(WireConnection.Failure) {
        let connection = connection
        let result: Result<Void, WireConnection.Failure> = await withCheckedContinuation { continuation in
            queue.async {
                do throws(WireConnection.Failure) {
                    try body(connection)
                    continuation.resume(returning: .success(()))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
        }
        try result.get()
    }

    func execute(_ sql: String, place: String?) async throws {
        do {
            try await run { connection throws(WireConnection.Failure) in try connection.execute(sql) }
        } catch {
            throw AdapterError(code: .writeFailed, message: "a statement failed", place: place ?? "\(role) \(url)", underlying: error.message)
        }
    }

    func copy(into table: String, columns: [String], binary: Bool, freeze: Bool, data: ByteBuffer) async throws {
        let options = (binary ? "FORMAT binary" : "FORMAT text") + (freeze ? ", FREEZE" : "")
        let sql = "COPY \(quoted(table)) (\(columns.map(quoted).joined(separator: ", "))) FROM STDIN WITH (\(options))"
        try await run { connection throws(WireConnection.Failure) in
            var failure: WireConnection.Failure?
            data.withUnsafeReadableBytes { bytes in
                do throws(WireConnection.Failure) { try connection.copyIn(sql, data: bytes) } catch { failure = error }
            }
            if let failure { throw failure }
        }
    }

    func close() async {
        let connection = connection
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            queue.async {
                connection.close()
                continuation.resume()
            }
        }
    }
}

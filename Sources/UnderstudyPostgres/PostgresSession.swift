import Dispatch
import Foundation
import Synchronization
import NIOCore
import UnderstudyCore

/// One connection to a PostgreSQL server through libpq (``LibPQConnection``), with the few
/// operations the adapter needs: statements, text queries and `COPY … FROM STDIN`. Its blocking
/// calls run on a serial queue of its own, off the cooperative thread pool; a terminated backend or
/// a lost connection fails the call that is waiting with the server's message, so a run never waits
/// for a connection that is gone, and a cancelled task cancels the statement it waits for.
final class PostgresSession: @unchecked Sendable {
    // @unchecked: the connection is used only on `queue`, one call at a time.
    let connection: LibPQConnection
    let url: PostgresURL
    let role: String
    private let queue: DispatchQueue

    init(url: PostgresURL, role: String) async throws {
        self.url = url
        self.role = role
        let queue = DispatchQueue(label: "understudy.postgres.\(role)")
        self.queue = queue
        connection = try await withCheckedThrowingContinuation { continuation in
            queue.async {
                do throws(LibPQConnection.Failure) {
                    if try Self.reachesTransactionPool(url) {
                        continuation.resume(throwing: AdapterError(code: .cannotOpen, message: Self.transactionPool, place: "\(role) \(url)"))
                        return
                    }
                    continuation.resume(returning: try LibPQConnection(url: url))
                } catch {
                    continuation.resume(throwing: AdapterError(
                        code: .cannotOpen, message: "cannot connect to PostgreSQL; " + Self.refusal(error.message, url: url, role: role),
                        place: "\(role) \(url)", underlying: error.message))
                }
            }
        }
    }

    /// Whether `url` reaches a transaction-mode pool (``LibPQConnection/reachesTransactionPool(_:)``),
    /// asked once per server, database and user in a process, before the first session sets anything.
    static func reachesTransactionPool(_ url: PostgresURL) throws(LibPQConnection.Failure) -> Bool {
        let key = "\(url.socketDirectory ?? url.host) \(url.port) \(url.database) \(url.user)"
        if let known = probed.withLock({ $0[key] }) { return known }
        let pooled = try LibPQConnection.reachesTransactionPool(url)
        probed.withLock { $0[key] = pooled }
        return pooled
    }
    private static let probed = Mutex<[String: Bool]>([:])

    static let transactionPool = """
        the URL reaches a connection pool in transaction or statement mode (PgBouncer's `pool_mode = transaction`, \
        a cloud provider's pooler port such as Supabase's 6543): a run's connections keep their settings and a \
        read-only snapshot for their whole session, and such a pool would hand them on to other clients' \
        transactions (an application's writes would find a read-only connection); nothing was run. Connect to \
        the server directly, or through a pool in session mode (`pool_mode = session`)
        """

    /// Why libpq could not connect, with what to do, for the refusals a URL's slip makes (the
    /// server's own words at connection time: its messages before a session has a language).
    static func refusal(_ message: String, url: PostgresURL, role: String) -> String {
        func quotedName(after prefix: String) -> String? {
            guard let start = message.range(of: prefix + " \"") else { return nil }
            let rest = message[start.upperBound...]
            return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
        }
        if message.contains("does not exist"), let database = quotedName(after: "database") {
            let create = "create it first (`CREATE DATABASE \(database)`, or `createdb \(database)`)"
            return role.contains("destination")
                ? "the database \"\(database)\" does not exist on the server; \(create): a run fills a database, it does not make one"
                : "the database \"\(database)\" does not exist on the server; check the database of the URL"
        }
        if message.contains("does not exist"), let user = quotedName(after: "role") {
            return "the role \"\(user)\" does not exist on the server; check the user of the URL"
        }
        if message.contains("password authentication failed") {
            return "the server refused the password of user \"\(url.user)\"; check PGPASSWORD or the ~/.pgpass entry for \(url.host):\(url.port)"
        }
        if message.contains("no password supplied") || message.contains("fe_sendauth") {
            return "the server asks for a password and none was given; give it with PGPASSWORD or a ~/.pgpass entry (a workspace holds none)"
        }
        if message.contains("no pg_hba.conf entry") {
            return "the server's pg_hba.conf admits no connection of user \"\(url.user)\" to this database from here; ask its administrator, or check the user and database of the URL"
        }
        if message.contains("Connection refused") || message.contains("No such file or directory") {
            let place = url.socketDirectory.map { "the socket folder \($0), port \(url.port)" } ?? "\(url.host):\(url.port)"
            return "no server answers at \(place); check that the server is running and the host and port of the URL"
        }
        return "check the host, port, user, password and database of the URL, and that the server is running"
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
        // As pg_dump sets them: floats as text with every digit (a database's `extra_float_digits
        // = -15` rounded them), XML fragments accepted (`xmloption = document` refused them), a
        // backslash in a literal itself, and bytes as hex.
        ("extra_float_digits", "3"), ("xmloption", "content"), ("standard_conforming_strings", "on"), ("bytea_output", "hex"),
    ]

    /// Timeouts a production role or database often sets, off for the run's connections, as
    /// pg_dump sets them: a `statement_timeout` cancelled a large table's read or an index build,
    /// and `idle_in_transaction_session_timeout` killed the source's session, idle in its snapshot
    /// while the workers read. (The run bounds its own waits: `lock_timeout`, and connections that
    /// fail when the server goes.)
    static let timeouts: [(name: String, value: String)] = [("statement_timeout", "0"), ("idle_in_transaction_session_timeout", "0")]

    /// The server's message without query text or parameters (which may hold data).
    static func reason(_ error: Error) -> String {
        if let failure = error as? LibPQConnection.Failure { return failure.message }
        if let error = error as? AdapterError { return error.underlying ?? error.message }
        return String(describing: type(of: error))
    }

    /// A server message with quoted input removed (`invalid input syntax for type integer: "…"`,
    /// `Key (email)=(…)`): messages about rows may quote the rows' values. The server does not escape
    /// quotes inside a quoted value, so a quote runs to the last quote of its line. A server that
    /// speaks another language (`lc_messages`) quotes in its own marks — `»n/a«`, `« n/a »`, `„…“`,
    /// `“…”` — and words its messages so that which quote holds a value cannot be told: in such marks
    /// every quotation goes where the failure (`state`, the SQLSTATE) may be about a value — a data
    /// exception (class 22), a constraint (23) — or is not known.
    static func withoutValues(_ message: String, state: String? = nil) -> String {
        var text = message.replacingOccurrences(of: #":\s*"[^\n]*""#, with: ": …", options: .regularExpression)
            .replacingOccurrences(of: #"\bvalue "[^\n]*""#, with: "value …", options: .regularExpression)
            .replacingOccurrences(of: #"\([^)]*\)=\([^)]*\)"#, with: "(…)", options: .regularExpression)
        if state.map({ $0.hasPrefix("22") || $0.hasPrefix("23") }) ?? true {
            for (quotation, replacement) in [("»[^\n]*«", "»…«"), ("«[^\n]*»", "«…»"), ("„[^\n]*[“”]", "„…“"), ("[“”][^\n]*”", "“…”"), ("「[^\n]*」", "「…」"), ("『[^\n]*』", "『…』")] {
                text = text.replacingOccurrences(of: quotation, with: replacement, options: .regularExpression)
            }
        }
        return text
    }

    /// The SQLSTATE of a server message as a failure carries it (`… (SQLSTATE 55P03)`).
    static func state(_ message: String) -> String? {
        message.firstMatch(of: #/\(SQLSTATE ([0-9A-Z]{5})\)/#).map { String($0.1) }
    }

    /// The statement that asks the server for its messages in English (`lc_messages = C`) where the
    /// role may set it — a superuser, or one granted it (PostgreSQL 15) — so that a server speaking
    /// another language says what English words the hints read; a role that may not set it gets
    /// its language, read by SQLSTATE. A statement that does nothing elsewhere.
    static func englishMessages(serverVersion: Int) -> String {
        let allowed = serverVersion >= 150_000 ? "has_parameter_privilege('lc_messages', 'SET')" : "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user)"
        return "SELECT set_config('lc_messages', 'C', false) WHERE \(allowed)"
    }

    /// Whether a statement gave up waiting for a lock (`lock_timeout`), from the server's message.
    static func isLockTimeout(_ message: String) -> Bool { message.contains("lock timeout") || state(message) == "55P03" }

    /// SQLSTATEs of an object that is not there (`relation … does not exist`, and of a function, a
    /// type or other object, a schema, a column), in any language.
    static let undefinedObject: Set<String> = ["42P01", "42883", "42704", "3F000", "42703"]

    /// Whether a message says an object is not there.
    static func isUndefinedObject(_ message: String) -> Bool {
        message.contains("does not exist") || state(message).map(undefinedObject.contains) == true
    }

    /// The statements that open a read of the source, on the source's session and on every COPY
    /// reader alike: one repeatable-read, read-only transaction (and every later one of the
    /// connection read-only), in `snapshot` when it joins another reader's; as pg_dump,
    /// `row_security = off` (a read that row-level security would filter fails instead of copying
    /// the rows its policies show); and a lock another session holds waited for `lock_timeout`
    /// seconds at most.
    /// `search_path` is the copied schemas, in the URL's order, then `public` (``readingPath(_:replacing:)``):
    /// a reference to an object (`regclass`, `regtype`, `regproc`…) reads as text unqualified exactly
    /// when it names an object of those, which the destination resolves among its copies
    /// (``CopyWriter``), and qualified otherwise; a subset's `where` names the copied tables without
    /// their schema.
    static func beginReading(snapshot: String?, lockTimeout: Int, schemas: [String]) -> String {
        "SET default_transaction_read_only TO on; BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" + (snapshot.map { "; SET TRANSACTION SNAPSHOT \(literal($0))" } ?? "")
            + "; SET row_security = off; SET LOCAL lock_timeout = '\(lockTimeout)s'; " + readingPath(schemas, replacing: schemas)
    }

    /// `SET search_path TO "a", "b", "public"`: `schemas`, then `public` as in the default path (a
    /// subset's `where` may call an extension's function installed there, `similarity(…)` of
    /// pg_trgm) unless `replacing` holds it (it is then among `schemas`, or replaced by the run).
    static func readingPath(_ schemas: [String], replacing: [String]) -> String {
        "SET search_path TO " + (schemas + (replacing.contains("public") ? [] : ["public"])).map(quoted).joined(separator: ", ")
    }

    /// Where in a COPY a row failed, from the error's context (`COPY t, line 10002, column v: "oops"`),
    /// without the value: `line 10002 of the batch, column v`; nil for other contexts.
    /// The words for line and column are the server's language's (`COPY t, Zeile 3, Spalte n: »…«`,
    /// `COPY t, ligne 3, colonne n : « … »`): any one word before the number and before the name.
    static func copyPlace(_ context: String) -> String? {
        guard let match = context.firstMatch(of: #/COPY [^\n]*?, [^\s,\d]+ (\d+)(?:, [^\s,]+ ([^:\n]+?))?(?=\s?:|\n|$)/#) else { return nil }
        return "line \(match.1) of the batch" + (match.2.map { ", column \($0)" } ?? "")
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

    /// Runs `body` with the connection on the session's queue; a cancelled caller cancels the
    /// statement on the server (the call then ends with the server's message).
    private func run<T: Sendable>(_ body: @escaping @Sendable (LibPQConnection) throws(LibPQConnection.Failure) -> T) async throws(LibPQConnection.Failure) -> T {
        let connection = connection, queue = queue
        let result: Result<T, LibPQConnection.Failure> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                queue.async {
                    do throws(LibPQConnection.Failure) {
                        continuation.resume(returning: .success(try body(connection)))
                    } catch {
                        continuation.resume(returning: .failure(error))
                    }
                }
            }
        } onCancel: {
            connection.cancelStatement()
        }
        return try result.get()
    }

    /// Runs statements that return no rows (several, separated by `;`, in one round trip).
    func execute(_ sql: String, place: String? = nil) async throws {
        do {
            try await run { connection throws(LibPQConnection.Failure) in try connection.execute(sql) }
        } catch {
            throw AdapterError(
                code: .writeFailed, message: Self.permissionHint(error.message, role: role) ?? Self.diskFullHint(error.message, role: role) ?? "a statement failed",
                place: place ?? "\(role) \(url)", underlying: error.message)
        }
    }

    static let readOnlyDestination = "the destination takes no writes: it is a standby server, or default_transaction_read_only is on for its database or role; copy into the primary, or turn the setting off (ALTER DATABASE … SET default_transaction_read_only = off)"

    static func noSchemasCreated(in database: String) -> String {
        "the destination role may not create schemas in database \(database), which a run needs for its staging copy; grant it CREATE on the database (GRANT CREATE ON DATABASE \(database) TO …), or connect as its owner"
    }

    /// What to do about a privilege the connection's role lacks, from the server's message
    /// (`permission denied for table secret`, `… for database dev`, `… for schema public`); nil for
    /// other failures.
    static func permissionHint(_ message: String, role: String) -> String? {
        if role == "destination", message.contains("in a read-only transaction") || state(message) == "25006" { return readOnlyDestination }
        guard let found = message.range(of: "permission denied for ") else {
            // In another language: what the role lacks, without the object's name.
            guard state(message) == "42501" else { return nil }
            return role == "source"
                ? "the source role may not read an object the copy needs (\(message)); grant it USAGE on the copied schemas and SELECT on their tables (GRANT SELECT ON ALL TABLES IN SCHEMA …), or copy as the tables' owner"
                : "the \(role) role lacks a privilege (\(message)); connect as the owner of the database and schema, or grant the role what it lacks"
        }
        let words = message[found.upperBound...].split(separator: " ", maxSplits: 1)
        guard words.count == 2 else { return nil }
        let (kind, name) = (String(words[0]), String(words[1]))
        switch (role, kind) {
        case ("source", "table"), ("source", "sequence"), ("source", "view"):
            return "the source role may not read \(kind) \(name); grant it SELECT on every table of the copied schema (GRANT SELECT ON ALL TABLES IN SCHEMA …), or copy as the tables' owner"
        case ("source", "schema"):
            return "the source role may not use schema \(name); grant it USAGE on the schema, or copy as its owner"
        case ("destination", "database"):
            return noSchemasCreated(in: name)
        case ("destination", _):
            return "the destination role may not change \(kind) \(name); connect as its owner, or grant the role what it lacks"
        default:
            return nil
        }
    }

    /// Whether the session's role is a superuser.
    func isSuperuser(place: String? = nil) async throws -> Bool {
        try await rows("SELECT rolsuper::text FROM pg_roles WHERE rolname = current_user", place: place).first?[0] == "true"
    }

    /// What to do when the server's disk is full (`could not extend file …: No space left on
    /// device`); nil for other failures. Said for a destination as it is: the copy is built beside
    /// the one it replaces, which stays (the message said only which rows did not load).
    static func diskFullHint(_ message: String, role: String) -> String? {
        guard message.contains("No space left on device") || message.contains("could not extend file") || state(message) == "53100" else { return nil }
        if role == "destination" {
            return "the destination server's disk is full: a run builds its copy beside the one it replaces, so the destination needs room for both until the swap; free space on the server (or the database's tablespace), or copy less (`subset:`); the destination was left as it was"
        }
        return "the \(role) server's disk is full (its temporary files, for the reads' sorts, need room too); free space on the server, then run again"
    }

    /// What to do when reading `subject` (`table orders`) failed for a reason an operator can fix,
    /// from the server's message; nil for other failures. A hot standby cancels a long read whose
    /// snapshot holds rows its primary has since vacuumed away (`canceling statement due to conflict
    /// with recovery`): copies are often read from a replica, and a large table's read outlasts the
    /// standby's default 30 s delay.
    static func readHint(_ message: String, subject: String) -> String? {
        if isLockTimeout(message) {
            // The run holds a share lock on every table; a session that then asked for an exclusive
            // one (a migration) waits for the run, and a reader's lock queues behind it.
            return "reading \(subject) waited too long for a lock: another session (a migration, VACUUM FULL) asked for the table exclusively while the run held it, and waits for the run; run again when it ends, or give the run more time with ?lock_timeout=SECONDS on the source URL"
        }
        if let encoding = notUTF8Hint(message, subject: subject) { return encoding }
        // (40001, a serialization failure, comes to a read-only snapshot only from a recovery conflict.)
        guard message.contains("conflict with recovery") || state(message) == "40001" else { return nil }
        return "the source is a standby server, which cancelled the read of \(subject) to apply its primary's changes (a recovery conflict); on the standby set hot_standby_feedback = on (or raise max_standby_streaming_delay), or read from the primary"
    }

    /// What to do when the source could not send text as UTF-8 (`invalid byte sequence for encoding
    /// "UTF8"`, 22021); nil for other failures. Only a SQL_ASCII database holds such text: it keeps
    /// whatever bytes it was given (a legacy application's LATIN1 or WIN1252), converts nothing and
    /// checks what it sends, so every read of that text fails whatever the run does with it.
    /// `column`: the column found to hold it, where known.
    static func notUTF8Hint(_ message: String, subject: String, column: String? = nil) -> String? {
        guard state(message) == "22021", message.contains("\"UTF8\"") else { return nil }
        let which = column.map { " (column \($0))" } ?? ""
        return "\(subject) holds text that is not UTF-8\(which): its database's encoding is SQL_ASCII, which keeps whatever bytes an application wrote (LATIN1, WIN1252…), and Understudy reads text as UTF-8; convert the database into a UTF8 one, naming the encoding its text is written in — `createdb -E UTF8 -T template0 NEW` then `pg_dump --encoding=LATIN1 DATABASE | psql -d NEW` — and copy from that (docs/postgres.md, “Text that is not UTF-8”)"
    }

    /// Which server and database a connection reached, whatever the URL spelled (a socket or TCP,
    /// `localhost` or `127.0.0.1`, a pooler): the server's start time to the microsecond, its port
    /// and the database. Two connections with the same identity share a database.
    func identity() async throws -> String {
        try await rows("SELECT pg_postmaster_start_time()::text || ' ' || current_setting('port') || ' ' || current_database()").first?[0] ?? ""
    }

    /// All rows of a small query, every cell as text (cast in the SQL where needed); `parameters`
    /// bound to `$1`… in their text form.
    func rows(_ sql: String, parameters: [String] = [], place: String? = nil) async throws -> [[String?]] {
        do {
            return try await run { connection throws(LibPQConnection.Failure) in try connection.rows(sql, parameters: parameters) }
        } catch {
            throw AdapterError(
                code: .readFailed, message: Self.permissionHint(error.message, role: role) ?? Self.diskFullHint(error.message, role: role) ?? "a catalog query failed",
                place: place ?? "\(role) \(url)", underlying: error.message)
        }
    }

    /// `COPY table (columns) FROM STDIN WITH (FORMAT binary|text[, FREEZE])` with `data` as its rows.
    func copy(into table: String, schema: String? = nil, columns: [String], binary: Bool, freeze: Bool, data: ByteBuffer) async throws {
        let options = (binary ? "FORMAT binary" : "FORMAT text") + (freeze ? ", FREEZE" : "")
        // (A table of no columns takes rows of no fields, without a column list.)
        let list = columns.isEmpty ? "" : " (\(columns.map(quoted).joined(separator: ", ")))"
        let sql = "COPY \(schema.map { quoted($0) + "." } ?? "")\(quoted(table))\(list) FROM STDIN WITH (\(options))"
        try await run { connection throws(LibPQConnection.Failure) in
            var failure: LibPQConnection.Failure?
            data.withUnsafeReadableBytes { bytes in
                do throws(LibPQConnection.Failure) { try connection.copyIn(sql, data: bytes) } catch { failure = error }
            }
            if let failure { throw failure }
        }
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

import Foundation
import NIOCore
import UnderstudyCore

/// A PostgreSQL schema read as the source of a run, inside one read-only REPEATABLE READ
/// transaction: every table is read from the same snapshot.
public final class PostgresSource: SamplingSource, ParallelSource, SubsetSource, EncodedRowSource, EstimatingSource, @unchecked Sendable {
    // @unchecked: used by the pipeline's task only; the session serialises queries itself.
    let session: PostgresSession
    public let url: PostgresURL

    /// The exported snapshot that workers read from.
    let snapshot: String?

    /// Subset conditions already written, shared by a source and its workers (every part of a table
    /// sends the same keys).
    let selectionConditions: SelectionConditions

    /// Opens the source in a read-only snapshot; `snapshot` joins another reader's snapshot.
    public convenience init(url: PostgresURL, snapshot: String? = nil) async throws {
        try await self.init(url: url, snapshot: snapshot, conditions: SelectionConditions())
    }

    /// Which server and database this source reads (``PostgresSession/identity()``): a destination
    /// of the same identity and schema is the source itself, however its URL is spelled.
    public private(set) var identity: String?

    init(url: PostgresURL, snapshot: String?, conditions: SelectionConditions) async throws {
        self.url = url
        selectionConditions = conditions
        session = try await PostgresSession(url: url, role: "source")
        do {
            // (A worker joining the source's snapshot needs none: the destination asks the source.)
            if snapshot == nil { identity = try await session.identity() }
            // (Row security off: see ``readsWhole(_:)``.)
            try await session.execute(PostgresSession.beginReading(snapshot: snapshot, lockTimeout: url.lockTimeout, schemas: url.schemas))
            if let snapshot {
                self.snapshot = snapshot
            } else {
                try await Self.lockTables(url: url, session: session)
                self.snapshot = try await session.rows("SELECT pg_export_snapshot()").first?[0] ?? nil
            }
        } catch {
            await session.close()
            throw error
        }
    }

    /// Takes a share lock on every table of the copied schemas before the snapshot is taken (LOCK
    /// takes none), as pg_dump does, and holds it until the run ends: a TRUNCATE, which is not
    /// MVCC-safe (a snapshot taken before it then sees the table empty), or a table rewrite by a
    /// migration waits for the run instead of emptying or changing a table it has yet to read — a
    /// copy then "verified" in the same snapshot. A table another session holds exclusively is
    /// waited for `lock_timeout` at most; then the run stops, naming it and the holder.
    static func lockTables(url: PostgresURL, session: PostgresSession) async throws {
        let schemas = "ARRAY[\(url.schemas.map(literal).joined(separator: ", "))]::name[]"
        let tables = try await session.rows("""
            SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY(\(schemas)) AND c.relkind IN ('r', 'p') AND has_table_privilege(c.oid, 'SELECT') ORDER BY 1
            """).compactMap { $0[0] }  // (a table the role may not read, in mode truncate, is never read)
        guard !tables.isEmpty else { return }
        do {
            try await session.execute("LOCK TABLE \(tables.joined(separator: ", ")) IN ACCESS SHARE MODE")
        } catch let error as AdapterError where PostgresSession.isLockTimeout(error.underlying ?? "") {
            try? await session.execute("ROLLBACK")
            let holders = (try? await session.rows("""
                SELECT format('%s.%s', n.nspname, c.relname), l.pid::text, l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE l.granted AND l.mode = 'AccessExclusiveLock' AND n.nspname = ANY(\(schemas)) AND l.pid <> pg_backend_pid() ORDER BY 1 LIMIT 5
                """)) ?? []
            let named = holders.map { "table \($0[0] ?? "?") (session pid \($0[1] ?? "?"), \($0[2] ?? "a lock"))" }
            throw AdapterError(
                code: .readFailed,
                message: "\(named.isEmpty ? "a table to copy" : named.joined(separator: ", ")) is locked by another session — a migration, VACUUM FULL, REINDEX, CLUSTER or an open transaction that altered it — and did not come free within \(url.lockTimeout) s; run again when it ends, or wait longer with ?lock_timeout=SECONDS on the source URL",
                place: "source \(url)", underlying: error.underlying)
        }
    }

    public func worker() async throws -> any ParallelSource {
        let worker = try await PostgresSource(url: url, snapshot: snapshot, conditions: selectionConditions)
        // The tables this source found readable whole (every table the run counted): the worker
        // reads the same snapshot as the same role, and need not ask again.
        worker.wholeTables = wholeTables
        return worker
    }

    /// COPY readers started by this source, stopped when it closes.
    var readers: [PostgresCopyReader] = []
    /// The connection of a COPY reader that read its table to the end, in the snapshot's
    /// transaction, for the next reader (a connection per table made many small tables slow).
    let copyConnections = IdlePool<LibPQConnection>()

    public func close() async {
        for reader in readers { reader.cancel() }
        readers = []
        for connection in copyConnections.drain() { connection.close() }
        try? await session.execute("COMMIT")
        await session.close()
    }

    public var displayName: String { url.description }

    public func introspect() async throws -> DatabaseSchema {
        try await PostgresIntrospector(session: session).introspect()
    }

    /// The database's other schemas that hold tables, with how many: not PostgreSQL's own, not a
    /// run's staging, not tables an extension made. What a workspace of this URL neither copies nor
    /// scans, for `init` and `check` to name (a schema of customers beside `public` went without a word).
    public func schemasNotCopied() async throws -> [(name: String, tables: Int)] {
        try await session.rows("""
            SELECT n.nspname, count(*)::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname <> ALL (ARRAY[\(url.schemas.map(literal).joined(separator: ", "))]::name[])
              AND n.nspname NOT IN ('information_schema') AND n.nspname NOT LIKE 'pg\\_%' AND n.nspname NOT LIKE 'understudy\\_staging\\_%'
              AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
            GROUP BY n.nspname ORDER BY n.nspname COLLATE "C"
            """).compactMap { row in row[0].map { ($0, Int(row[1] ?? "") ?? 0) } }
    }

    /// `'"schema"."table"'::regclass`, for catalog functions.
    func regclass(_ table: Table) -> String { "\(literal(reference(table.name)))::regclass" }

    /// The table as rows are read from it: `ONLY` its own, without those of tables inheriting from
    /// it (read as tables of their own).
    func reference(_ table: Table) -> String { PostgresDDL.only(table) + reference(table.name) }

    public func rowCount(of table: Table) async throws -> Int64 {
        try await readsWhole(table)
        return Int64(try await session.rows("SELECT count(*)::text FROM \(reference(table))").first?[0] ?? "0") ?? 0
    }

    /// Tables found readable whole by this role.
    var wholeTables: Set<String> = []

    /// Refuses a table whose row-level security would show this role only some of its rows — the
    /// role is not a superuser, has no BYPASSRLS, and does not own the table (or the table forces
    /// its policies on its owner): the copy would have held those rows alone, and verification
    /// counted the same. Before, a tenant's role copied its tenant's half of the table, "verified".
    func readsWhole(_ table: Table) async throws {
        guard !wholeTables.contains(table.name) else { return }
        let (schema, name) = url.locate(table.name)
        // Also the columns the role may not read where it may read others (a column grant keeps
        // it from `salary`): named, with the grant.
        let filtered = try await session.rows("""
            SELECT (c.relrowsecurity AND NOT r.rolsuper AND NOT r.rolbypassrls AND (c.relforcerowsecurity OR NOT pg_has_role(c.relowner, 'USAGE')))::text, current_user,
                   CASE WHEN NOT has_table_privilege(c.oid, 'SELECT') AND has_any_column_privilege(c.oid, 'SELECT') THEN
                     (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) FROM pg_attribute a
                      WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND NOT has_column_privilege(c.oid, a.attnum, 'SELECT')) END,
                   format('%I.%I', n.nspname, c.relname)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, pg_roles r
            WHERE n.nspname = \(literal(schema)) AND c.relname = \(literal(name)) AND r.rolname = current_user
            """).first
        if let columns = filtered?[2] ?? nil {
            throw AdapterError(
                code: .readFailed,
                message: "the source role \(filtered?[1] ?? "") may not read \(columns.contains(", ") ? "columns" : "column") \(columns) of table \(table.name) (a column grant lets it read the others); grant it those (GRANT SELECT (\(columns)) ON \(filtered?[3] ?? name) TO \(filtered?[1] ?? "…")), or copy as the table's owner: a copy holds every column, those it masks too",
                place: displayName)
        }
        if filtered?[0] == "true" {
            throw AdapterError(
                code: .readFailed,
                message: "table \(table.name) has row-level security, and the source role \(filtered?[1] ?? "") would read only the rows its policies show; copy as a superuser, a role with BYPASSRLS, or the table's owner",
                place: displayName)
        }
        wholeTables.insert(table.name)
    }

    /// `pg_class.reltuples`, kept by ANALYZE and autovacuum; nil for a table never analyzed.
    public func estimatedRowCount(of table: Table) async throws -> Int64? {
        let value = try await session.rows("SELECT reltuples::bigint::text FROM pg_class WHERE oid = \(regclass(table))").first?[0] ?? nil
        return value.flatMap { Int64($0) }.flatMap { $0 >= 0 ? $0 : nil }
    }

    public func rows(of table: Table, columns: [Column], batchSize: Int) async throws -> any AsyncSequence<RowBatch, any Error> {
        try await rows(of: table, decoding: columns, encoding: [], ordered: true, part: .whole, selection: nil, batchSize: batchSize)
    }

    public var encodedFormat: String { PostgresBinary.format }

    /// The object-reference types and their arrays (`_regclass`), as an SQL array of names.
    static let objectReferenceNames = "ARRAY[" + Column.objectReferenceTypes.sorted().flatMap { [literal($0), literal("_" + $0)] }.joined(separator: ", ") + "]::name[]"

    /// Columns whose binary form names no type of the source's own: built-in types, enums (sent as
    /// their label), domains over built-in types. Arrays of user types and composite or range types
    /// of user types carry type ids that differ between databases, so they are decoded; so are
    /// references to objects (`regclass`, `regtype`, `regproc`… and arrays of them), whose binary
    /// form is the object's id in the source — another object, or none, in the destination.
    /// A type without a binary form (`aclitem`: no send or receive function) is decoded as text.
    public func encodableColumns(of table: Table) async throws -> Set<String> {
        let rows = try await session.rows("""
            SELECT a.attname FROM pg_attribute a
              JOIN pg_type t ON t.oid = a.atttypid
              LEFT JOIN pg_type b ON t.typtype = 'd' AND b.oid = \(PostgresIntrospector.bottomType(of: "t"))
            WHERE a.attrelid = \(regclass(table)) AND a.attnum > 0 AND NOT a.attisdropped
              AND ((t.oid < 16384 AND t.typelem < 16384) OR t.typtype = 'e' OR (b.oid < 16384 AND b.typelem < 16384))
              AND NOT EXISTS (SELECT FROM pg_type x WHERE x.oid IN (t.oid, t.typelem, b.oid, b.typelem) AND (x.typsend = 0 OR x.typreceive = 0))
              AND NOT (coalesce(b.typnamespace, t.typnamespace) = 'pg_catalog'::regnamespace AND coalesce(b.typname, t.typname) = ANY(\(Self.objectReferenceNames)))
            """)
        return Set(rows.compactMap { $0[0] })
    }

    /// The table's size in blocks: parts are ranges of blocks, read by TID range scans.
    public func extent(of table: Table) async throws -> Int64 {
        Int64(try await session.rows(
            "SELECT (pg_relation_size(\(regclass(table))) / current_setting('block_size')::bigint)::text"
        ).first?[0] ?? "0") ?? 0
    }

    /// A column's value as the text generators and other engines read: the server's own text,
    /// except `money`'s, which is a display in the server's locale (`$1,234.50`): its amount
    /// (`1234.50`), which money's input takes back. Where the database casts the type to text by a
    /// function of its own, `format` calls the type's output function instead (`::text` wrote
    /// `EUR 12.50` where the record `(EUR,1250)` belongs).
    static func text(_ expression: String, of column: Column) -> String {
        if column.castsToTextByFunction == true { return "CASE WHEN \(expression) IS NULL THEN NULL ELSE format('%s', \(expression)) END" }
        switch column.syntax {
        case "money": return "\(expression)::numeric::text"
        case "money[]": return "\(expression)::numeric[]::text"
        default: return "\(expression)::text"
        }
    }

    /// Subsets with more keys than this are filtered by the pipeline alone (the statement would be too large).
    static let selectionPushdownLimit = 2_000_000

    public func rows(
        of table: Table, decoding: [Column], encoding: [Column], ordered: Bool, part: TablePart, selection: RowSelection?, batchSize: Int
    ) async throws -> any AsyncSequence<RowBatch, any Error> {
        try await readsWhole(table)
        // Columns qualified: a subset's condition may join other rows to the table.
        // Bytes as they are (binary COPY sends a bytea's bytes); everything else decoded as its text.
        let select = (encoding.map { "understudy_source.\(quoted($0.name))" } + decoding.map { column in
            column.logicalType == .blob ? "understudy_source.\(quoted(column.name))" : Self.text("understudy_source.\(quoted(column.name))", of: column)
        }).joined(separator: ", ")
        // The table is aliased so that ORDER BY names its columns, not the text-cast output columns of the same name.
        var from = "\(reference(table)) AS understudy_source"
        let bounds = part.bounds
        var conditions = part.isWhole ? [] : [bounds.lower.map { "understudy_source.ctid >= '(\($0),0)'::tid" }, bounds.upper.map { "understudy_source.ctid < '(\($0),0)'::tid" }].compactMap { $0 }
        var parameters: [String] = []
        if let selection, let pushed = selectionConditions.condition(for: table.name, make: { pushdown(selection, of: table) }) {
            from += pushed.joins
            conditions.append(pushed.predicate)
            parameters = pushed.parameters
        }
        var sql = "SELECT \(select) FROM \(from)"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        // (A table of no columns has no order to read its rows in: `ORDER BY` of nothing was a syntax error.)
        let order = table.primaryKey.isEmpty ? table.storedColumns.map(\.name) : table.primaryKey
        if ordered && part.isWhole && !order.isEmpty {
            sql += " ORDER BY " + order.map { "understudy_source." + quoted($0) }.joined(separator: ", ")
        }
        let reader = try copyReader(sql, parameters: parameters, decoding: decoding, encoded: encoding.map(\.name), batchSize: batchSize, subject: "table \(table.name)", rawBytes: true)
        readers.removeAll { $0.queue.isDone }
        readers.append(reader)
        return reader
    }

    public func frequencies(of column: String, in table: Table, limit: Int) async throws -> ColumnStatistics {
        guard let definition = table.column(named: column) else { return ColumnStatistics(values: [], counts: []) }
        let c = quoted(column)
        let rows = try await session.rows("SELECT \(Self.text(c, of: definition)), count(*)::text FROM \(reference(table)) WHERE \(c) IS NOT NULL GROUP BY \(c) ORDER BY \(c) LIMIT \(limit)")
        return ColumnStatistics(values: rows.map { PostgresValues.value($0[0], as: definition) }, counts: rows.map { Int64($0[1] ?? "0") ?? 0 })
    }

    public func keys(of table: Table, columns: [String], where condition: RowCondition?) async throws -> [[Value]] {
        let defs = columns.map { name in table.column(named: name)! }
        // Ordered by the columns' own type (a limit keeps the first keys in that order, as on SQLite).
        let list = columns.map(quoted).joined(separator: ", ")
        let arrays = KeyArrays()
        let sql = "SELECT \(defs.map { Self.text("s.\(quoted($0.name))", of: $0) }.joined(separator: ", ")) FROM (SELECT DISTINCT \(list) FROM \(reference(table))"
            + (condition.map { " WHERE \(self.sql($0, arrays: arrays))" } ?? "") + ") s ORDER BY \(columns.map { "s.\(quoted($0))" }.joined(separator: ", "))"
        do {
            return try await tuples(sql, parameters: arrays.parameters, columns: defs)
        } catch {
            throw predicateError(table, error)
        }
    }

    public func hasRows(_ table: Table, where predicate: String?) async throws -> Bool {
        do {
            return try await !session.rows("SELECT 1 FROM \(reference(table.name))" + (predicate.map { " WHERE \($0)" } ?? "") + " LIMIT 1").isEmpty
        } catch {
            throw predicateError(table, error)
        }
    }

    public func check(predicate: String?, of table: Table) async throws {
        guard let predicate else { return }
        try RowCondition.refuseStatements(predicate, of: table.name, place: displayName)
        do {
            _ = try await session.rows("SELECT 1 FROM \(reference(table.name)) WHERE \(predicate) LIMIT 0")
        } catch {
            throw predicateError(table, error)
        }
    }

    private func predicateError(_ table: Table, _ error: any Error) -> AdapterError {
        AdapterError(
            code: .readFailed, message: "the subset predicate of table \(table.name) does not run on the source; check its SQL", place: displayName,
            underlying: (error as? AdapterError)?.underlying)
    }

    public func rows(of table: Table, columns: [Column], where condition: RowCondition, batchSize: Int) async throws -> any AsyncSequence<RowBatch, any Error> {
        try await rows(of: table, decoding: columns, encoding: [], ordered: true, part: .whole, selection: .condition(condition), batchSize: batchSize)
    }

    /// The planner's estimate (`EXPLAIN`), which reads no row.
    public func estimatedRowCount(of table: Table, where condition: RowCondition) async throws -> (rows: Int64, exact: Bool) {
        let arrays = KeyArrays()
        let explain = "EXPLAIN SELECT 1 FROM \(reference(table.name)) WHERE \(sql(condition, arrays: arrays))"
        let plan = try await session.rows(explain, parameters: arrays.parameters).first?[0] ?? nil
        guard let plan, let range = plan.range(of: #"rows=[0-9]+"#, options: .regularExpression) else { return (0, false) }
        return (Int64(plan[range].dropFirst(5)) ?? 0, false)
    }

    /// What of a subset's selection the server evaluates, as joins after the table (aliased
    /// `understudy_source`) and a predicate; nil when the pipeline filters alone.
    private func pushdown(_ selection: RowSelection, of table: Table) -> SelectionConditions.Pushdown? {
        let arrays = KeyArrays()
        switch selection {
        case .keys(let columns, let rows) where rows.count <= Self.selectionPushdownLimit:
            // The subset's keys go to the server, which then sends only the rows kept.
            // On the key's first column only: one array, a superset the pipeline then narrows.
            guard let first = columns.first.flatMap({ table.column(named: $0) }) else { return nil }
            guard !rows.isEmpty else { return ("", "false", []) }
            let array: String
            if columns.count == 1 {
                array = arrays.bind(rows.lazy.map { $0[0] }, of: first)
            } else {
                var distinct = Set<Value>()
                for row in rows { distinct.insert(row[0]) }
                array = arrays.bind(distinct, of: first)
            }
            return ("", "understudy_source.\(quoted(first.name)) = ANY(\(array))", arrays.parameters)
        case .condition(let condition):
            // The server finds the rows itself, in this one read (no key set was fetched).
            var writer = conditionWriter(arrays)
            let (joins, predicate) = writer.parts(condition, alias: "understudy_source")
            return (joins, predicate, arrays.parameters)
        case .keys:
            return nil
        }
    }

    /// `"schema"."table"`.
    func reference(_ table: String) -> String {
        let (schema, name) = url.locate(table)
        return "\(quoted(schema)).\(quoted(name))"
    }

    /// A subset condition in PostgreSQL's SQL: key lists as arrays of the columns' types, bound in `arrays`.
    func sql(_ condition: RowCondition, arrays: KeyArrays) -> String {
        var writer = conditionWriter(arrays)
        return writer.predicate(condition)
    }

    /// Subset conditions in this schema's names, key lists bound as arrays of the columns' types.
    private func conditionWriter(_ arrays: KeyArrays) -> RowConditionSQL {
        RowConditionSQL(table: reference, quote: quoted) { arrays.condition(matching: $0, values: $1, alias: nil) }
    }

    /// Batched lookups, up to 2,000,000 keys a query (each query scans the table or its index once,
    /// so fewer is faster): `col = ANY(array)` for one column, a join with `unnest` of one
    /// array per column for composite keys, both hashed by the server. Distinct within a query (rows
    /// that include the primary key are distinct already); the planner takes care of rows found twice.
    public func keys(of table: Table, columns: [String], matching: [String], values: [[Value]]) async throws -> [[Value]] {
        let defs = columns.map { name in table.column(named: name)! }
        let matchDefs = matching.map { name in table.column(named: name)! }
        let distinct = !table.primaryKey.isEmpty && Set(table.primaryKey).isSubset(of: columns) ? "" : "DISTINCT "
        let select = "SELECT \(distinct)\(defs.map { Self.text("understudy_source.\(quoted($0.name))", of: $0) }.joined(separator: ", ")) FROM \(reference(table)) AS understudy_source"
        var result: [[Value]] = []
        var start = 0
        while start < values.count {
            let chunk = values[start..<min(values.count, start + Self.selectionPushdownLimit)]
            let arrays = KeyArrays()
            let condition = arrays.condition(matching: matchDefs, values: chunk, alias: "understudy_source")
            result += try await tuples("\(select) WHERE \(condition)", parameters: arrays.parameters, columns: defs)
            start += chunk.count
        }
        return result
    }

    /// The rows of a query whose columns are all cast to text, as tuples of values, through a COPY
    /// reader (large key sets cost a byte loop, not a step per row).
    func tuples(_ sql: String, parameters: [String], columns: [Column]) async throws -> [[Value]] {
        let reader = try copyReader(sql, parameters: parameters, decoding: columns, encoded: [], batchSize: 10_000)
        var result: [[Value]] = []
        for try await batch in reader {
            for i in 0..<batch.count { result.append(batch.columns.map { $0[i] }) }
        }
        return result
    }

    /// A reader of `sql` on a connection of its own, in the source's snapshot: `COPY (sql) TO STDOUT`,
    /// or the query with its key arrays bound (``LibPQConnection/copyLayout(_:parameters:consume:)``).
    /// `rawBytes`: the query selects bytea columns as they are, not as text.
    func copyReader(_ sql: String, parameters: [String], decoding: [Column], encoded: [String], batchSize: Int, subject: String = "rows", rawBytes: Bool = false) throws(AdapterError) -> PostgresCopyReader {
        do {
            return try PostgresCopyReader(
                url: url, snapshot: snapshot, query: sql, parameters: parameters, decoding: decoding, encoded: encoded, batchSize: batchSize, subject: subject,
                idle: copyConnections, rawBytes: rawBytes)
        } catch {
            throw AdapterError(code: .readFailed, message: "a COPY failed", place: displayName, underlying: error.message)
        }
    }

    /// About `size` rows spread over the table (TABLESAMPLE SYSTEM_ROWS is an extension; a modulo on
    /// the row number keeps it portable and deterministic).
    public func sample(of table: Table, size: Int) async throws -> RowBatch {
        let columns = table.storedColumns
        // A table of no columns (or only generated ones) has nothing to sample.
        guard !columns.isEmpty else { return RowBatch(columnNames: [], columns: [], firstOrdinal: 0) }
        let count = try await rowCount(of: table)
        let stride = max(1, count / Int64(max(1, size)))
        let order = (table.primaryKey.isEmpty ? columns.map(\.name) : table.primaryKey).map(quoted).joined(separator: ", ")
        func query(_ columns: [Column]) -> String {
            """
            SELECT \(columns.map { quoted($0.name) }.joined(separator: ", ")) FROM (
              SELECT \(columns.map { "\(Self.text(quoted($0.name), of: $0)) AS \(quoted($0.name))" }.joined(separator: ", ")),
                     row_number() OVER (ORDER BY \(order)) AS understudy_n
              FROM \(reference(table))) s
            WHERE understudy_n % \(stride) = 0 LIMIT \(size)
            """
        }
        let rows: [[String?]]
        do {
            rows = try await session.rows(query(columns))
        } catch let error as AdapterError {
            guard let underlying = error.underlying, PostgresSession.notUTF8Hint(underlying, subject: "") != nil else { throw error }
            // Which column: the sample read again a column at a time (it is small), by a session of
            // its own (the failure ended the run's transaction).
            var column: String?
            if let probe = try? await PostgresSession(url: url, role: "source") {
                for candidate in columns where candidate.logicalType != .blob {
                    do { _ = try await probe.rows(query([candidate])) } catch { column = candidate.name; break }
                }
                await probe.close()
            }
            throw AdapterError(code: .readFailed, message: PostgresSession.notUTF8Hint(underlying, subject: "table \(table.name)", column: column) ?? error.message,
                               place: "source \(url)", underlying: underlying)
        }
        return RowBatch(columnNames: columns.map(\.name), columns: columns.indices.map { c in rows.map { PostgresValues.value($0[c], as: columns[c]) } }, firstOrdinal: 0)
    }
}

/// PostgreSQL text representations ↔ values.
enum PostgresValues {
    static func value(_ text: String?, as column: Column) -> Value {
        guard let text else { return .null }
        switch column.logicalType {
        case .integer: return Int64(text).map { .integer($0) } ?? .text(text)
        case .real: return Double(text).map { .real($0) } ?? .text(text)
        case .boolean: return text == "t" || text == "true" ? .integer(1) : (text == "f" || text == "false" ? .integer(0) : .text(text))
        case .blob:
            guard text.hasPrefix("\\x") else { return .text(text) }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count / 2)
            var high: UInt8?
            for b in text.utf8.dropFirst(2) {
                guard let v = Hex.value(b) else { continue }
                if let h = high { bytes.append(h << 4 | v); high = nil } else { high = v }
            }
            return .blob(bytes)
        default: return .text(text)
        }
    }

    /// The COPY text-format field for a value (`\N` for NULL, backslash escapes).
    static func copyField(_ value: Value, into buffer: inout ByteBuffer, boolean: Bool) {
        switch value {
        case .null: buffer.writeString("\\N")
        case .integer(let i):
            if boolean { buffer.writeString(i == 0 ? "f" : "t") } else { buffer.writeString(String(i)) }
        case .real(let d):
            buffer.writeString(d.isNaN ? "NaN" : d.isInfinite ? (d > 0 ? "Infinity" : "-Infinity") : String(d))
        case .text(let s):
            // Most text needs no escaping: write it in one copy.
            if !s.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
                buffer.writeString(s)
                return
            }
            for byte in s.utf8 {
                switch byte {
                case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
                case 0x09: buffer.writeStaticString("\\t")
                case 0x0A: buffer.writeStaticString("\\n")
                case 0x0D: buffer.writeStaticString("\\r")
                default: buffer.writeInteger(byte)
                }
            }
        case .blob(let bytes):
            buffer.writeStaticString("\\\\x")
            let digits = Array("0123456789abcdef".utf8)
            for b in bytes {
                buffer.writeInteger(digits[Int(b >> 4)])
                buffer.writeInteger(digits[Int(b & 0xF)])
            }
        }
    }
}

/// Subset conditions by table (joins and a predicate, or none), written once and shared by a
/// source and its workers: every part of a table sends the same.
final class SelectionConditions: @unchecked Sendable {
    // @unchecked: every access holds the lock.
    typealias Pushdown = (joins: String, predicate: String, parameters: [String])
    private let lock = NSLock()
    private var conditions: [String: Pushdown?] = [:]

    func condition(for table: String, make: () -> Pushdown?) -> Pushdown? {
        lock.lock()
        defer { lock.unlock() }
        if let known = conditions[table] { return known }
        let made = make()
        conditions[table] = .some(made)
        return made
    }
}

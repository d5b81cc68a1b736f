/// A database that rows are read from. Opened read-only; nothing is ever written to it.
public protocol DatabaseSource: AnyObject {
    /// The location without credentials, for messages and reports.
    var displayName: String { get }
    func introspect() async throws -> DatabaseSchema
    func rowCount(of table: Table) async throws -> Int64
    /// The table's rows in a deterministic order (primary key or rowid), `batchSize` at a time.
    /// Pulling the next batch is what reads more rows: consumers provide back-pressure.
    func rows(of table: Table, columns: [Column], batchSize: Int) async throws -> any AsyncSequence<RowBatch, any Error>
    /// Up to `limit` distinct non-null values of a column with their counts, in value order.
    func frequencies(of column: String, in table: Table, limit: Int) async throws -> ColumnStatistics
    /// Ends the read (and its transaction) and closes connections.
    func close() async
}

extension DatabaseSource {
    public func close() async {}
}

/// A source that knows its tables' sizes without counting them (PostgreSQL: the planner's statistics).
public protocol EstimatingSource: DatabaseSource {
    /// About how many rows `table` has, from statistics; nil when there are none.
    func estimatedRowCount(of table: Table) async throws -> Int64?
}

/// A source that can also hand out samples and first rows (scanner, drift verdicts, preview).
public protocol SamplingSource: DatabaseSource {
    /// About `size` rows spread over the table, the same on every run.
    func sample(of table: Table, size: Int) async throws -> RowBatch
}

extension DatabaseSource {
    /// The first `limit` rows of a table in read order, for previews.
    public func firstRows(of table: Table, limit: Int) async throws -> RowBatch {
        for try await batch in try await rows(of: table, columns: table.storedColumns, batchSize: max(1, limit)) {
            return batch
        }
        return RowBatch(columnNames: table.storedColumns.map(\.name), columns: table.storedColumns.map { _ in [] }, firstOrdinal: 0)
    }
}

/// A database that a run writes. Nothing is visible at the final location until ``commit()``.
public protocol DatabaseDestination: AnyObject {
    var displayName: String { get }
    /// The tables this workspace's last successful run wrote here (its report says so): an earlier
    /// copy, replaced like one even when the source has since renamed every table — not another
    /// application's data, which ``prepare(schema:)`` refuses to replace.
    var earlierCopyTables: Set<String> { get set }
    /// What this destination cannot hold, read from the schema alone before anything is opened or
    /// written (a table of no columns in a SQLite file, names its engine cannot tell apart): the
    /// error ``prepare(schema:)`` throws first, so that `check` fails where the run would.
    func refusal(of schema: DatabaseSchema) -> AdapterError?
    /// Creates the empty tables (no secondary indexes, triggers or views yet) in a staging place.
    func prepare(schema: DatabaseSchema) async throws
    func write(_ batch: RowBatch, into table: Table) async throws
    /// Creates indexes, triggers and views once the rows are in.
    func finishLoading(schema: DatabaseSchema) async throws
    /// Counts rows and checks every foreign key in the staged copy.
    func verify(schema: DatabaseSchema) async throws -> Verification
    /// Makes the staged copy the destination, replacing what was there.
    func commit() async throws
    /// Removes the staged copy; the destination stays as it was.
    func abort() async
}

/// A destination whose column types refuse values a source of another engine may hold (a SQLite
/// column holds any value whatever its declared type: `N/A` in an INTEGER column, which
/// PostgreSQL's bigint refuses). Where a column has `on_invalid: null`, the run writes NULL for
/// such a value instead of stopping at it.
public protocol TypeCheckingDestination: DatabaseDestination {
    /// How values of a source of `engine` are judged in its columns; nil where this destination
    /// takes every value such a source holds. The run (which writes NULL for a refused value under
    /// `on_invalid: null`), `init` (which writes that for such columns) and `check` (which names the
    /// columns whose sample holds such values) ask this one judgement.
    func valueJudgement(from engine: DatabaseEngine) -> ValueJudgement?
}

/// A destination's judgement of a source's values in its columns (``TypeCheckingDestination``).
public struct ValueJudgement: Sendable {
    /// Whether the column's type refuses the value.
    public let refuses: @Sendable (Value, Column) -> Bool
    /// What the column's type refuses, as a person reads it (`text that is no integer`); nil for a
    /// column that takes every value.
    public let reason: @Sendable (Column) -> String?

    public init(refuses: @escaping @Sendable (Value, Column) -> Bool, reason: @escaping @Sendable (Column) -> String?) {
        self.refuses = refuses
        self.reason = reason
    }

    /// The columns of `table` (its foreign keys left out: they follow their parents) of which the
    /// sample holds values refused, each with its sampled values, how many are refused, and why —
    /// what `init` (``DestinationFit``) and `check` read of a sample.
    public func refusals(in table: Table, sample: RowBatch) -> [(column: Column, values: [Value], refused: Int, reason: String)] {
        let keys = Set(table.foreignKeys.flatMap(\.columns))
        return table.storedColumns.compactMap { column in
            guard !keys.contains(column.name), let index = sample.columnIndex(column.name), let why = reason(column) else { return nil }
            let values = sample.columns[index]
            let refused = values.filter { refuses($0, column) }.count
            return refused > 0 ? (column, values, refused, why) : nil
        }
    }
}

/// A destination that has something to say about the copy it made: what its engine cannot hold
/// as the source had it (another engine's objects, digits past its precision). Each is a warning
/// of the run's report, never a value.
public protocol NotingDestination: DatabaseDestination {
    /// Gathered while the copy was made; read once it is verified.
    var notes: [RunReport.Finding] { get }
}

/// A source that can hold rows its own foreign keys do not find (SQLite enforces them only where
/// the application turns them on): counts them, as the destination's verification does.
public protocol OrphanCountingSource: DatabaseSource {
    /// How many rows of `table` reference no row of `referencedTable` under the schema's own keys,
    /// counted as the destination's verification counts them (a row once per key it breaks), among
    /// the rows `selection` keeps (a subset's; every row when nil).
    func foreignKeyViolations(of table: Table, referencing referencedTable: String, among selection: RowSelection?) async throws -> Int64
}

/// A source that has something to say about what it read (text a SQLite file holds that is no
/// UTF-8): warnings of the run's report, never a value.
public protocol NotingSource: DatabaseSource {
    /// Gathered while the rows were read; read once the copy is verified.
    var notes: [RunReport.Finding] { get }
}

/// A destination that can copy a table no generator touches straight from the source, without
/// rows passing through the pipeline (SQLite to SQLite: one INSERT … SELECT inside the engine).
public protocol DirectCopyDestination: DatabaseDestination {
    /// Copies `table` unchanged from `source` and returns the number of rows, or nil when this
    /// source cannot be read directly (the pipeline then streams the rows).
    func copyUnchanged(_ table: Table, from source: any DatabaseSource) async throws -> Int64?
}

/// A source that can open more readers on the same snapshot, so that tables are read in parallel
/// and still agree with each other (PostgreSQL: `pg_export_snapshot` + `SET TRANSACTION SNAPSHOT`).
public protocol ParallelSource: DatabaseSource, Sendable {
    /// A new reader (own connection) seeing exactly what this source sees. Close it when done; it
    /// may read any number of tables before.
    func worker() async throws -> any ParallelSource
}

/// A destination whose tables can be loaded at the same time, each by its own writer.
public protocol ParallelDestination: DatabaseDestination, Sendable {
    /// How many connections the work after loading (foreign-key validation, counts) may use.
    var parallelism: Int { get set }
    /// False when this destination must be loaded through one connection after all (one transaction).
    var loadsInParallel: Bool { get }
    /// A new writer (own connection) into the staged copy prepared by ``DatabaseDestination/prepare(schema:)``.
    /// `wholeTables`: no other writer loads rows into the tables this one loads (the destination may
    /// then load each in a transaction of its own).
    func tableWriter(wholeTables: Bool) async throws -> any TableWriter
}

/// Loads the rows of tables into a staged copy, for ``ParallelDestination``.
public protocol TableWriter: Sendable {
    func write(_ batch: RowBatch, into table: Table) async throws
    /// Builds what belongs to `table` alone (keys, checks, indexes) once all its rows are in, while
    /// other tables still load; ``DatabaseDestination/finishLoading(schema:)`` then skips it.
    func finishTable(_ table: Table) async throws
    /// Sends what is buffered and ends what is open, keeping the writer (and its connection) for
    /// the next table: a run over a thousand small tables opened a connection for each.
    func release() async throws
    /// Sends what is buffered and closes the writer.
    func finish() async throws
    /// Closes without finishing (on failure).
    func abandon() async
}

/// A source that can leave the columns no generator reads in its own encoding, so that they cost
/// no decoding and no re-encoding when the destination is of the same engine (see ``EncodedCells``).
public protocol EncodedRowSource: DatabaseSource {
    /// The ``EncodedCells/format`` of the cells this source produces.
    var encodedFormat: String { get }
    /// The columns of `table` whose encoding a destination of the same engine accepts as it is
    /// (PostgreSQL: not those whose encoding names the source's own type ids, like arrays of enums).
    func encodableColumns(of table: Table) async throws -> Set<String>
    /// Rows with `decoding` in ``RowBatch/columns`` and `encoding` (possibly none) in
    /// ``RowBatch/encoded``; `ordered` asks for the deterministic order of
    /// ``DatabaseSource/rows(of:columns:batchSize:)``, otherwise the engine's cheapest order is used.
    /// A `part` other than ``TablePart/whole`` reads one of several disjoint ranges of the table
    /// (never ordered), so that one large table is read by several workers. With a `selection`,
    /// the source may leave out rows outside it (a subset); the pipeline still filters what comes.
    func rows(
        of table: Table, decoding: [Column], encoding: [Column], ordered: Bool, part: TablePart, selection: RowSelection?, batchSize: Int
    ) async throws -> any AsyncSequence<RowBatch, any Error>
    /// The extent that parts of `table` divide (PostgreSQL: its number of blocks), measured once so
    /// that every worker cuts the same ranges.
    func extent(of table: Table) async throws -> Int64
}

/// The rows of a table a subset keeps: the primary-key tuples of each (`keys`, the pipeline
/// narrows what comes), or a condition the source evaluates exactly.
public enum RowSelection: Sendable {
    case keys(columns: [String], rows: Set<[Value]>)
    case condition(RowCondition)
}

/// One of `count` disjoint ranges that together cover a table: part `index` covers
/// `extent * index / count ..< extent * (index + 1) / count` of the ``EncodedRowSource/extent(of:)``
/// measured before the parts were cut; the last part also covers anything beyond.
public struct TablePart: Sendable, Hashable {
    public var index: Int
    public var count: Int
    public var extent: Int64
    public init(index: Int, count: Int, extent: Int64) {
        self.index = index
        self.count = count
        self.extent = extent
    }
    public static let whole = TablePart(index: 0, count: 1, extent: 0)
    public var isWhole: Bool { count == 1 }
    /// The range of the extent this part covers; nil bounds are open.
    public var bounds: (lower: Int64?, upper: Int64?) {
        (index == 0 ? nil : extent * Int64(index) / Int64(count), index == count - 1 ? nil : extent * Int64(index + 1) / Int64(count))
    }
}

/// A destination or writer that can write a source's ``EncodedCells`` as they are.
public protocol EncodedRowConsumer {
    /// Whether rows of `table` with cells in `format` and `decoded` columns as values can be written.
    func accepts(format: String, decoded: [Column], of table: Table) -> Bool
}

/// What the destination's own checks found.
public struct Verification: Sendable, Codable {
    public struct ForeignKeyViolation: Sendable, Codable, Equatable {
        public var table: String
        public var referencedTable: String
        public var rows: Int64
        public init(table: String, referencedTable: String, rows: Int64) {
            self.table = table
            self.referencedTable = referencedTable
            self.rows = rows
        }
    }

    public var rowCounts: [String: Int64]
    public var foreignKeyViolations: [ForeignKeyViolation]
    /// What in the destination writes rows of its own while a run loads it (PostgreSQL: its
    /// database's event triggers, which fire on the run's own statements), named where a table
    /// holds more rows than the run wrote.
    public var writers: [String] = []

    public init(rowCounts: [String: Int64], foreignKeyViolations: [ForeignKeyViolation]) {
        self.rowCounts = rowCounts
        self.foreignKeyViolations = foreignKeyViolations
    }
}

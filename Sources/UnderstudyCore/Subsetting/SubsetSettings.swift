/// The workspace's `subset:` section: which rows to start from and how far to follow keys.
public struct SubsetSettings: Sendable, Equatable {
    public struct Target: Sendable, Equatable {
        public var table: String
        /// A SQL predicate run on the source.
        public var predicate: String?
        /// A keyed, deterministic sample of the matching rows, in percent.
        public var percent: Double?
        public var limit: Int?
        public init(table: String, predicate: String? = nil, percent: Double? = nil, limit: Int? = nil) {
            self.table = table
            self.predicate = predicate
            self.percent = percent
            self.limit = limit
        }
    }

    /// A per-key override: `{ from: orders(customer_id), to: customers(id), downstream: false }`.
    public struct Relationship: Sendable, Equatable {
        public var table: String
        public var columns: [String]
        public var referencedTable: String
        public var downstream: Bool
    }

    public var targets: [Target]
    /// Include children of selected target rows (and of their descendants).
    public var downstream: Bool
    /// Tables copied whole.
    public var lookupTables: [String]
    public var relationships: [Relationship]

    public init(targets: [Target], downstream: Bool = true, lookupTables: [String] = [], relationships: [Relationship] = []) {
        self.targets = targets
        self.downstream = downstream
        self.lookupTables = lookupTables
        self.relationships = relationships
    }

    func followsDownstream(_ key: ForeignKey, from child: String) -> Bool {
        relationships.first { $0.table == child && $0.columns == key.columns && $0.referencedTable == key.referencedTable }?.downstream ?? downstream
    }
}

/// The queries subsetting needs from a source, asked in batches (never one query per row).
public protocol SubsetSource: DatabaseSource {
    /// Distinct tuples of `columns` of the rows that satisfy `condition` (all rows when nil), in order.
    func keys(of table: Table, columns: [String], where condition: RowCondition?) async throws -> [[Value]]
    /// Tuples of `columns` of the rows whose `matching` columns take one of `values`, in any order
    /// (a tuple may come more than once when `values` is large enough to be asked in several queries).
    func keys(of table: Table, columns: [String], matching: [String], values: [[Value]]) async throws -> [[Value]]
    /// Whether a target's predicate runs on `table`, without reading rows: a clear error naming the
    /// table when it does not (a predicate that only runs inside a larger statement would fail late).
    func check(predicate: String?, of table: Table) async throws
    /// Whether a row of `table` matches `predicate` (any row, without one), reading one at most;
    /// after ``check(predicate:of:)``.
    func hasRows(_ table: Table, where predicate: String?) async throws -> Bool
    /// The rows of `table` that satisfy `condition`, in the order of ``DatabaseSource/rows(of:columns:batchSize:)``.
    func rows(of table: Table, columns: [Column], where condition: RowCondition, batchSize: Int) async throws -> any AsyncSequence<RowBatch, any Error>
    /// How many rows of `table` satisfy `condition`: the server's estimate where it has one, else a count.
    func estimatedRowCount(of table: Table, where condition: RowCondition) async throws -> (rows: Int64, exact: Bool)
}

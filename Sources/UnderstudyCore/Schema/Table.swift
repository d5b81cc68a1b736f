import Foundation

/// A table with its columns and constraints.
public struct Table: Sendable, Hashable, Codable {
    public var name: String
    public var columns: [Column]
    /// Primary key columns in key order (empty when the table has none).
    public var primaryKey: [String]
    public var foreignKeys: [ForeignKey]
    /// Indexes, including those that implement UNIQUE constraints (``Index/isConstraint``).
    public var indexes: [Index]
    /// The engine's statement that creates the table, verbatim, when it keeps one.
    public var definitionSQL: String?
    /// SQLite `WITHOUT ROWID` tables are read in primary-key order instead of rowid order.
    public var hasRowID: Bool
    /// Constraints as the source engine writes them (PostgreSQL), recreated after loading.
    public var constraints: [ConstraintDefinition] = []
    /// A PostgreSQL partitioned table: its partition key and its partitions. Rows are read from and
    /// written to the partitioned table, which routes them.
    public var partitioning: Partitioning?
    /// PostgreSQL table inheritance (`CREATE TABLE capitals (…) INHERITS (cities)`): the parents,
    /// and the columns that come from them. Each table holds its own rows: a parent is read and
    /// counted `ONLY`, without its children's.
    public var inheritance: Inheritance?
    /// PostgreSQL: tables of schemas the run does not copy that inherit from this one
    /// (`archive.events_2019`, written as the server quotes it), whose rows are this table's too in
    /// the source and are not in the copy.
    public var childrenNotCopied: [String]?
    /// PostgreSQL: `UNLOGGED`, and storage parameters (`fillfactor=70`), as the table is created.
    public var storage: TableStorage?
    /// PostgreSQL: the composite type a typed table is made of (`CREATE TABLE t OF pair`).
    public var ofType: String?

    public init(
        name: String, columns: [Column], primaryKey: [String] = [], foreignKeys: [ForeignKey] = [],
        indexes: [Index] = [], definitionSQL: String? = nil, hasRowID: Bool = true
    ) {
        self.name = name
        self.columns = columns
        self.primaryKey = primaryKey
        self.foreignKeys = foreignKeys
        self.indexes = indexes
        self.definitionSQL = definitionSQL
        self.hasRowID = hasRowID
    }

    public func column(named name: String) -> Column? { columns.first { $0.name == name } }

    /// A SQLite virtual table with rows of its own (full-text, R-tree): created by its own
    /// statement, its rows written with their `rowid`.
    public var isVirtual: Bool { definitionSQL.map(Self.isVirtual) ?? false }

    /// Whether SQLite's statement `sql` creates a virtual table.
    public static func isVirtual(_ sql: String) -> Bool { sql.range(of: "CREATE VIRTUAL TABLE", options: [.caseInsensitive, .anchored]) != nil }

    /// Whether `column`, declared in SQLite as `declaredType`, is the table's rowid under another
    /// name — its one-column `INTEGER PRIMARY KEY` in a table with a rowid (`INT` or `BIGINT` is no
    /// alias) — which SQLite numbers when a row does not give it.
    public func isSQLiteRowID(_ column: Column, declaredType: String) -> Bool {
        hasRowID && primaryKey == [column.name] && declaredType.trimmingCharacters(in: .whitespaces).uppercased() == "INTEGER"
    }

    /// Columns that rows carry (generated columns are computed by the destination).
    public var storedColumns: [Column] { columns.filter { !$0.isGenerated } }

    /// Column sets that must stay unique: the primary key and every unique index or constraint.
    public var uniqueKeys: [[String]] {
        var keys: [[String]] = []
        if !primaryKey.isEmpty { keys.append(primaryKey) }
        // (Not an index of expressions: `(org, lower(handle))` does not make `org` unique.)
        for index in indexes where index.isUnique && index.predicate == nil && !index.hasExpressions && !keys.contains(index.columns) {
            keys.append(index.columns)
        }
        for key in partitioning?.uniqueInPartitions ?? [] where !keys.contains(key) { keys.append(key) }
        return keys
    }

    /// The columns whose values a unique key, constraint or index keeps apart: `uniqueKeys`' and
    /// those of unique indexes with a WHERE condition (`(email) WHERE active`) or of expressions
    /// (`lower(handle)`: the columns the expressions read). A generator that can map two values to
    /// one breaks these indexes as surely as a key (the index then failed to build at load).
    public var uniquelyIndexedColumns: Set<String> {
        var columns = Set(uniqueKeys.flatMap { $0 })
        let names = storedColumns.map(\.name)
        for index in indexes where index.isUnique && (index.predicate != nil || index.hasExpressions) {
            columns.formUnion(index.columns.filter { !$0.isEmpty })
            for element in index.definedElements?.elements ?? [] {
                guard let parsed = try? CheckExpression.parse(element, columns: names) else { continue }
                columns.formUnion(parsed.columns.map { names[$0] })
            }
        }
        return columns
    }

    /// Whether no two rows share non-null values of `columns` (they hold a unique key).
    public func isKey(_ columns: [String]) -> Bool {
        uniqueKeys.contains { Set($0).isSubset(of: columns) }
    }
}

/// The parents a PostgreSQL table inherits from, in order, and the columns it inherits.
public struct Inheritance: Sendable, Hashable, Codable {
    public var parents: [String]
    public var inheritedColumns: [String]
    public init(parents: [String], inheritedColumns: [String]) {
        self.parents = parents
        self.inheritedColumns = inheritedColumns
    }
}

/// How a PostgreSQL table is stored: `UNLOGGED`, its storage parameters as the server lists
/// them (`fillfactor=70`, `autovacuum_enabled=false`), and its table access method where it is
/// not `heap` (`USING columnar`).
public struct TableStorage: Sendable, Hashable, Codable {
    public var unlogged: Bool
    public var options: [String]
    public var accessMethod: String?
    public init(unlogged: Bool, options: [String], accessMethod: String? = nil) {
        self.unlogged = unlogged
        self.options = options
        self.accessMethod = accessMethod
    }
}

/// How a PostgreSQL partitioned table is split, as the server writes it.
public struct Partitioning: Sendable, Hashable, Codable {
    public struct Partition: Sendable, Hashable, Codable {
        public var name: String
        /// The table it is a partition of: the partitioned table, or a partition partitioned again.
        public var parent: String
        /// `FOR VALUES …` or `DEFAULT`.
        public var bound: String
        /// Its own partition key, when it is partitioned again.
        public var subpartitioning: String?
        /// The schema it lives in in the source when that is not its table's and the run does not
        /// copy it: the copy holds it in its table's schema. (A partition in another copied schema
        /// is named `schema.name`, as that schema's tables are.)
        public var schemaNotCopied: String?
        /// Its storage parameters as the server lists them (`fillfactor=50`), when it has any.
        public var options: [String]?
        /// Its columns in its own order, when that is not its parent's: a table attached as a
        /// partition (`ALTER TABLE … ATTACH PARTITION`), made so again rather than `PARTITION OF`.
        public var columns: [String]?
        public init(
            name: String, parent: String, bound: String, subpartitioning: String? = nil, schemaNotCopied: String? = nil, options: [String]? = nil, columns: [String]? = nil
        ) {
            self.name = name
            self.parent = parent
            self.bound = bound
            self.subpartitioning = subpartitioning
            self.schemaNotCopied = schemaNotCopied
            self.options = options
            self.columns = columns
        }
    }

    /// `RANGE (created_at)`, `LIST (region)`, `HASH (id)` (from `pg_get_partkeydef`).
    public var key: String
    /// Every partition, sub-partitions after their parent.
    public var partitions: [Partition]
    /// Column sets a partition keeps unique on its own (its own primary key, unique constraint or
    /// unique index, not one of the partitioned table's): generators and synthesis keep them unique
    /// over the whole table, which holds them in every partition. (Synthesized rows repeated a
    /// partition's key and its index failed to build.)
    public var uniqueInPartitions: [[String]]?

    public init(key: String, partitions: [Partition] = []) {
        self.key = key
        self.partitions = partitions
    }
}

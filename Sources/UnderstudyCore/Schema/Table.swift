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

    /// Columns that rows carry (generated columns are computed by the destination).
    public var storedColumns: [Column] { columns.filter { !$0.isGenerated } }

    /// Column sets that must stay unique: the primary key and every unique index or constraint.
    public var uniqueKeys: [[String]] {
        var keys: [[String]] = []
        if !primaryKey.isEmpty { keys.append(primaryKey) }
        for index in indexes where index.isUnique && index.predicate == nil && !keys.contains(index.columns) {
            keys.append(index.columns)
        }
        return keys
    }
}

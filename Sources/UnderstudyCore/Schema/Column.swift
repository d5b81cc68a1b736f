/// A column of a table as introspected from a database.
public struct Column: Sendable, Hashable, Codable {
    public var name: String
    /// The type as the database declares it, verbatim (`VARCHAR(40)`, `NUMERIC(10,2)`, ``).
    public var declaredType: String
    public var logicalType: LogicalType
    public var isNullable: Bool
    /// The default expression as written in the schema, if any.
    public var defaultExpression: String?
    /// Computed by the database (generated columns); never read or written row by row.
    public var isGenerated: Bool
    /// PostgreSQL identity: `a` (GENERATED ALWAYS) or `d` (BY DEFAULT).
    public var identity: String?
    /// PostgreSQL: the column's collation when it is not its type's (`ci`, `"C"`), as the server names it.
    public var collation: String?

    public init(
        name: String, declaredType: String, logicalType: LogicalType, isNullable: Bool,
        defaultExpression: String? = nil, isGenerated: Bool = false
    ) {
        self.name = name
        self.declaredType = declaredType
        self.logicalType = logicalType
        self.isNullable = isNullable
        self.defaultExpression = defaultExpression
        self.isGenerated = isGenerated
    }
}

/// The meaning of a column's values, independent of the engine's declared type.
///
/// Generators declare which logical types they accept; the declared type is kept verbatim
/// on ``Column/declaredType`` so that a destination reproduces it exactly.
public enum LogicalType: String, Sendable, Codable, CaseIterable, Comparable {
    case integer, real, decimal, text, boolean, date, timestamp, uuid, json, blob

    public static func < (lhs: LogicalType, rhs: LogicalType) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Every type that holds characters.
    public static let textual: Set<LogicalType> = [.text, .uuid, .json]
    /// Every numeric type.
    public static let numeric: Set<LogicalType> = [.integer, .real, .decimal]
    /// Dates and timestamps.
    public static let temporal: Set<LogicalType> = [.date, .timestamp]

    /// The logical type of a PostgreSQL built-in type by its `pg_type` name (`int4`, `timestamptz`,
    /// `bytea`); text for any other (string types, and those with a syntax of their own).
    public static func postgres(_ typeName: String) -> LogicalType {
        switch typeName {
        case "int2", "int4", "int8", "oid": .integer
        case "float4", "float8": .real
        case "numeric", "money": .decimal
        case "bool": .boolean
        case "date": .date
        case "timestamp", "timestamptz": .timestamp
        case "uuid": .uuid
        case "json", "jsonb": .json
        case "bytea": .blob
        default: .text
        }
    }
}

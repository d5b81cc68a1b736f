import Foundation

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
    /// PostgreSQL: the syntax the column's values follow where its type is not text of some kind —
    /// a base type's name (`inet`, `varbit`, `macaddr8`, `interval`, `tsvector`, `int4`), `enum`,
    /// `composite`, `range` or `multirange`; an array's is its element's with `[]` (`inet[]`,
    /// `text[]`), and `money` (read as its amount, not the server's display of it). nil for text
    /// (every SQLite column; PostgreSQL's string types and domains over them).
    /// ``SyntaxFit`` says which generators write values such a type holds.
    public var syntax: String?
    /// PostgreSQL: the fields of the column's composite type (of its elements' for an array of
    /// one), in order, each as a column (``CompositeGenerator``); nil for any other type.
    public var fields: [Column]?
    /// PostgreSQL: the type (or a domain's base) has a cast to text the database defines itself
    /// (`CREATE CAST (… AS text) WITH FUNCTION`, an application's display of it): `value::text` calls
    /// that function, so its values are read by the type's output function instead. nil: no such cast.
    public var castsToTextByFunction: Bool?

    /// PostgreSQL: whether the type's values name objects of the database (`regclass`, `regtype`,
    /// `regproc`…, and arrays of them): their binary form is an object id, valid in one database
    /// only; their text names the object, which must exist where they load.
    public var namesDatabaseObjects: Bool {
        Self.objectReferenceTypes.contains(declaredType.hasSuffix("[]") ? String(declaredType.dropLast(2)) : declaredType)
    }

    public static let objectReferenceTypes: Set<String> = [
        "regclass", "regtype", "regproc", "regprocedure", "regoper", "regoperator", "regnamespace", "regrole", "regconfig",
        "regdictionary", "regcollation",
    ]

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

extension Column {
    /// The integers a PostgreSQL column of `declaredType` holds where fewer than 64 bits' — `smallint`
    /// (`int2`) and `integer` (`int4`) — nil for any other type (SQLite's INTEGER holds 64 bits).
    public static func integerBounds(declaredType: String) -> ClosedRange<Int64>? {
        switch declaredType.lowercased() {
        case "smallint", "int2": Int64(Int16.min)...Int64(Int16.max)
        case "integer", "int", "int4": Int64(Int32.min)...Int64(Int32.max)
        default: nil
        }
    }

    /// The numbers a PostgreSQL column of `declaredType` holds where fewer than a Double's: `numeric(p,s)`
    /// (`decimal`) up to ±(10^(p−s) − 10^−s), `real` (`float4`) up to ±3.4·10³⁸, `money` to ±9.2·10¹⁶ — nil for any other type
    /// (a `numeric` without precision, a `double precision`, SQLite's REAL and NUMERIC, which hold what they are given).
    public static func numberBounds(declaredType: String) -> ClosedRange<Double>? {
        let type = declaredType.lowercased().replacingOccurrences(of: " ", with: "")
        if type == "real" || type == "float4" {
            let largest = Double(Float.greatestFiniteMagnitude)
            return -largest...largest
        }
        if type == "money" {
            // Cents in 64 bits: ±92,233,720,368,547,758.07, of which a Double holds the next lower value.
            let largest = (Double(Int64.max) / 100).nextDown
            return -largest...largest
        }
        guard type.hasPrefix("numeric(") || type.hasPrefix("decimal("), type.hasSuffix(")"),
              let open = type.firstIndex(of: "(") else { return nil }
        let modifiers = type[type.index(after: open)..<type.index(before: type.endIndex)].split(separator: ",").map { Int($0) }
        guard let precision = modifiers.first ?? nil, modifiers.count <= 2 else { return nil }
        let scale = modifiers.count == 2 ? modifiers[1] ?? 0 : 0
        let largest = pow(10, Double(precision - scale)) - pow(10, Double(-scale))
        guard largest.isFinite, largest > 0 else { return nil }
        return -largest...largest
    }

    /// The declared type's name in lower case, without its schema and its modifiers
    /// (`public.hstore` → `hstore`, `bit(8)` → `bit`, `character varying(20)` → `character varying`).
    public var typeName: String {
        var type = declaredType.lowercased()
        if let open = type.firstIndex(of: "(") { type = String(type[..<open]).trimmingCharacters(in: .whitespaces) }
        if let dot = type.lastIndex(of: "."), !type.contains("\"") { type = String(type[type.index(after: dot)...]) }
        return type
    }

    /// The most characters the declared type holds (`varchar(15)`, `character(2)`, `NVARCHAR(40)`), or nil.
    public var maximumLength: Int? {
        let type = declaredType.lowercased()
        guard !type.contains("["), let open = type.firstIndex(of: "("), let close = type.firstIndex(of: ")"), open < close else { return nil }
        let name = type[..<open].trimmingCharacters(in: .whitespaces)
        guard ["varchar", "character varying", "char", "character", "nvarchar", "nchar", "bpchar", "varchar2", "nvarchar2"].contains(name) else { return nil }
        return Int(type[type.index(after: open)..<close].trimmingCharacters(in: .whitespaces))
    }
}


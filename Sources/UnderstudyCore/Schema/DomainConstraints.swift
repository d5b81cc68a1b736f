import Foundation

/// What a PostgreSQL domain (`CREATE DOMAIN year AS integer CONSTRAINT year_check CHECK (((VALUE >=
/// 1901) AND (VALUE <= 2155)))`, as the introspector writes it) asks of every value of its type: its
/// NOT NULL and its CHECKs, each a constraint of a column once `VALUE` is the column — for an engine
/// that has no domains (a SQLite copy keeps them on the columns of the domain's type).
public struct DomainConstraints: Sendable {
    /// The type the domain is over, as written (another domain's name, for a domain of a domain).
    public var base: String
    public var notNull: Bool
    /// Each CHECK's name and its `CHECK (…)`, in the order of the definition.
    public var checks: [(name: String, definition: String)]

    public init?(_ sql: String) {
        guard sql.hasPrefix("CREATE DOMAIN "), let asRange = sql.range(of: " AS ") else { return nil }
        let firstConstraint = sql.range(of: " CONSTRAINT ")?.lowerBound ?? sql.endIndex
        let head = sql[asRange.upperBound..<firstConstraint]
        let defaultStart = head.range(of: " DEFAULT ")?.lowerBound
        notNull = head.hasSuffix(" NOT NULL")
        base = String(head[..<(defaultStart ?? (notNull ? head.index(head.endIndex, offsetBy: -9) : head.endIndex))])
        checks = []
        var rest = sql[firstConstraint...]
        while let found = rest.firstMatch(of: #/ CONSTRAINT ("(?:[^"]|"")+"|\S+) CHECK /#) {
            let open = found.range.upperBound
            guard open < rest.endIndex, rest[open] == "(", let (_, after) = Index.elements(of: rest[open...]) else { break }
            let name = String(found.1)
            checks.append((name.hasPrefix("\"") ? String(name.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"") : name,
                           "CHECK " + String(rest[open..<after.startIndex])))
            rest = after
        }
    }

    /// `check` (a domain's `CHECK (…)`) as a CHECK of the column `quotedColumn`: each `VALUE`
    /// outside string literals is the column.
    public static func check(_ check: String, on quotedColumn: String) -> String {
        SQLText.outsideLiterals(check) { $0.replacingOccurrences(of: #"\bVALUE\b"#, with: quotedColumn, options: .regularExpression) }
    }
}

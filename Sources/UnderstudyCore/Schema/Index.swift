import Foundation

/// An index, or a unique constraint that the engine implements as one.
public struct Index: Sendable, Hashable, Codable {
    public var name: String
    public var columns: [String]
    public var isUnique: Bool
    /// Created by the engine for a PRIMARY KEY or UNIQUE constraint of the table definition.
    public var isConstraint: Bool
    /// Partial index predicate, if any, verbatim.
    public var predicate: String?
    /// The engine's own statement that creates it, when the engine keeps one (SQLite does).
    public var definitionSQL: String?

    public init(
        name: String, columns: [String], isUnique: Bool, isConstraint: Bool,
        predicate: String? = nil, definitionSQL: String? = nil
    ) {
        self.name = name
        self.columns = columns
        self.isUnique = isUnique
        self.isConstraint = isConstraint
        self.predicate = predicate
        self.definitionSQL = definitionSQL
    }
}

extension Index {
    /// The index's elements — columns or expressions, without `ASC`, `DESC`, `NULLS …`, `COLLATE …`
    /// or an operator class — and its `WHERE` condition, read from its CREATE statement (both
    /// engines keep one for indexes they did not make for a constraint); nil without one.
    public var definedElements: (elements: [String], predicate: String?)? {
        guard let sql = definitionSQL, let on = sql.range(of: " ON ", options: .caseInsensitive),
              let open = sql[on.upperBound...].firstIndex(of: "("), let (elements, rest) = Self.elements(of: sql[open...]) else { return nil }
        return (elements.map(Self.bare), Self.condition(after: rest))
    }

    /// The comma-separated elements of the parenthesized list `sql` starts with (commas inside
    /// parentheses or quotes do not separate), and what follows its closing parenthesis.
    public static func elements(of sql: Substring) -> (elements: [String], rest: Substring)? {
        var depth = 0, quoted = false, current = "", elements: [String] = []
        for i in sql.indices {
            let c = sql[i]
            if c == "'" { quoted.toggle() }
            if !quoted {
                if c == "(" { depth += 1; if depth == 1 { continue } }
                if c == ")" {
                    depth -= 1
                    if depth == 0 { return (elements + [current], sql[sql.index(after: i)...]) }
                }
                if c == ",", depth == 1 { elements.append(current); current = ""; continue }
            }
            current.append(c)
        }
        return nil
    }

    /// The `WHERE` condition in what follows an index's or an exclusion constraint's elements, without
    /// a `DEFERRABLE` or `INITIALLY …` after it.
    static func condition(after rest: Substring) -> String? {
        guard let found = rest.range(of: " WHERE ", options: .caseInsensitive) else { return nil }
        var condition = String(rest[found.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ";")))
        for suffix in [" INITIALLY DEFERRED", " INITIALLY IMMEDIATE", " NOT DEFERRABLE", " DEFERRABLE"] where condition.uppercased().hasSuffix(suffix) {
            condition = String(condition.dropLast(suffix.count))
        }
        return condition
    }

    /// An exclusion constraint's elements, each an expression (as ``bare`` leaves it) and the
    /// operator no two rows may both satisfy (`room WITH =`, `during WITH &&`), and its `WHERE`
    /// condition, read from PostgreSQL's definition `EXCLUDE USING gist (room WITH =, during WITH &&)
    /// WHERE (NOT cancelled)`; nil for anything else.
    public static func exclusion(_ definition: String) -> (elements: [(expression: String, operator: String)], predicate: String?)? {
        guard definition.uppercased().hasPrefix("EXCLUDE"), let open = definition.firstIndex(of: "("),
              let (elements, rest) = elements(of: definition[open...]) else { return nil }
        var pairs: [(expression: String, operator: String)] = []
        for element in elements {
            guard let with = element.range(of: " WITH ", options: [.caseInsensitive, .backwards]) else { return nil }
            pairs.append((bare(String(element[..<with.lowerBound])), element[with.upperBound...].trimmingCharacters(in: .whitespaces)))
        }
        return (pairs, condition(after: rest))
    }

    /// Whether an element is an expression (`lower(email)`) rather than a column.
    public var hasExpressions: Bool {
        if columns.contains("") { return true }
        guard let elements = definedElements?.elements else { return false }
        return elements.count != columns.count || zip(elements, columns).contains { element, column in
            element.replacingOccurrences(of: "\"", with: "").replacingOccurrences(of: "`", with: "").lowercased() != column.lowercased()
        }
    }

    /// An element without its ordering, collation and operator class.
    static func bare(_ element: String) -> String {
        var words = element.trimmingCharacters(in: .whitespaces).split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        while let last = words.last, words.count > 1 {
            let upper = last.uppercased()
            if ["ASC", "DESC", "FIRST", "LAST", "NULLS"].contains(upper) || last.hasSuffix("_ops") { words.removeLast(); continue }
            if words.count >= 3, words[words.count - 2].uppercased() == "COLLATE" { words.removeLast(2); continue }
            break
        }
        return words.joined(separator: " ")
    }
}

extension Index {
    /// A PostgreSQL index (`CREATE UNIQUE INDEX i ON t USING btree (org, lower((handle)::text)) INCLUDE
    /// (label) WHERE (deleted_at IS NULL)`) as SQLite's statement for the same keys: its elements and
    /// condition without PostgreSQL's casts (`'none'::text` → `'none'`), operator classes,
    /// collations and `NULLS FIRST`/`LAST`, without `INCLUDE` (columns carried, not keys). Nil for an index SQLite has no kind
    /// of (GIN, GiST, BRIN…) or a definition that cannot be read; SQLite itself judges the rest.
    public func sqliteDefinition(name: String, table: String) -> String? {
        guard let sql = definitionSQL, let on = sql.range(of: " ON ", options: .caseInsensitive),
              let open = sql[on.upperBound...].firstIndex(of: "("), let (elements, rest) = Self.elements(of: sql[open...]) else { return nil }
        if let using = sql[on.upperBound..<open].range(of: " USING ", options: .caseInsensitive),
           !["btree", "hash"].contains(sql[using.upperBound..<open].trimmingCharacters(in: .whitespaces).lowercased()) {
            return nil
        }
        let keys = elements.map { element in
            Self.withoutCasts(element).split(separator: " ", omittingEmptySubsequences: true).reduce(into: [String]()) { words, word in
                if word.hasSuffix("_ops") { return }
                if words.last?.uppercased() == "COLLATE" { words.removeLast(); return }
                // (SQLite's indexes keep NULLs first ascending, and take no NULLS FIRST or LAST.)
                if words.last?.uppercased() == "NULLS" { words.removeLast(); return }
                words.append(String(word))
            }.joined(separator: " ")
        }
        guard !keys.contains(where: \.isEmpty) else { return nil }
        return "CREATE \(isUnique ? "UNIQUE " : "")INDEX \(name) ON \(table) (\(keys.joined(separator: ", ")))"
            + (Self.condition(after: rest).map { " WHERE " + Self.withoutCasts($0) } ?? "")
    }

    /// `sql` without PostgreSQL's `::type` casts outside its string literals.
    public static func withoutCasts(_ sql: String) -> String {
        SQLText.outsideLiterals(sql) { part in
            part.replacingOccurrences(
                of: #"::\s*(?:"[^"]+"|[A-Za-z_][A-Za-z0-9_]*)(?:\s*\([0-9,\s]*\))?(?:\s+(?:varying|precision|with(?:out)?\s+time\s+zone))?(?:\s*\([0-9,\s]*\))?(?:\[\])*"#,
                with: "", options: .regularExpression)
        }
    }
}

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
              let open = sql[on.upperBound...].firstIndex(of: "(") else { return nil }
        var depth = 0, quoted = false, current = "", elements: [String] = []
        var close: String.Index?
        for i in sql[open...].indices {
            let c = sql[i]
            if c == "'" { quoted.toggle() }
            if !quoted {
                if c == "(" { depth += 1; if depth == 1 { continue } }
                if c == ")" { depth -= 1; if depth == 0 { close = i; break } }
                if c == ",", depth == 1 { elements.append(current); current = ""; continue }
            }
            current.append(c)
        }
        guard let close else { return nil }
        elements.append(current)
        let rest = sql[sql.index(after: close)...]
        let predicate = rest.range(of: " WHERE ", options: .caseInsensitive).map { String(rest[$0.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ";"))) }
        return (elements.map(Self.bare), predicate)
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

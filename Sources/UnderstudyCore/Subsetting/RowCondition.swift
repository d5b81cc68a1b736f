/// The rows of a subset's table, described so that the source itself finds them: one read of the
/// table with this condition, the way a hand-written `COPY (SELECT … WHERE …)` would, instead of
/// key sets carried through the client. Built by ``SubsetPlanner`` when the followed keys have no
/// cycle; rendered to SQL by each source (identifiers and literals are the source's).
public indirect enum RowCondition: Sendable, Hashable {
    /// A target's SQL predicate from the workspace, on the target table's own columns.
    case predicate(String)
    /// Rows whose `columns` take one of `values` (a sampled or limited target's keys).
    case keys(columns: [Column], values: [[Value]])
    /// Rows whose `columns` are among the `otherColumns` of the rows of `table` that satisfy
    /// `condition`: the children of selected parents, or the parents of selected children.
    /// `unique`: `otherColumns` are a key of `table` (a step down a foreign key into the key it
    /// references), so the step can be written as a join that needs no de-duplication.
    case matching(columns: [String], table: String, otherColumns: [String], condition: RowCondition, unique: Bool)
    /// Rows that satisfy any of these.
    case any([RowCondition])
    /// The rows of `base` and, transitively, the rows that a self-referencing foreign key of the
    /// same table leads to from them: their children (`upward` false) or their parents (`upward`
    /// true). `columns` are those the steps read (the key first); a recursive query on the source.
    case closure(table: String, key: [String], columns: [String], edges: [SelfReference], upward: Bool, base: RowCondition)

    /// A foreign key of a table to itself: `columns` reference `referencedColumns`.
    public struct SelfReference: Sendable, Hashable {
        public var columns: [String]
        public var referencedColumns: [String]
        public init(columns: [String], referencedColumns: [String]) {
            self.columns = columns
            self.referencedColumns = referencedColumns
        }
    }

    /// Why `text` is not one SQL condition that a query can hold safely, or nil when it is. A
    /// predicate is written into the source's queries (`… WHERE (predicate) …`, inside `COPY (…)`):
    /// a `;` outside a string would end the query and start a statement of its own — which
    /// PostgreSQL's simple protocol runs, after a `COMMIT` outside the run's read-only transaction
    /// (`1=1; COMMIT; DELETE FROM orders` deleted the source's rows) — and a comment (`--`, `/*`)
    /// would hide the rest of the query. Strings (`'…'`, with `''`) and quoted names (`"…"`) may
    /// hold them as data; not where a backslash is anywhere in the text, since whether it escapes
    /// a quote depends on the server (`E'…'`, `standard_conforming_strings`): there, none is taken.
    public static func predicateProblem(_ text: String) -> String? {
        let units = Array(text.utf8)
        let escapes = units.contains(UInt8(ascii: "\\"))
        var quote: UInt8?
        var i = 0
        while i < units.count {
            let u = units[i], next = i + 1 < units.count ? units[i + 1] : 0
            if let open = quote, !escapes {
                if u == open { if next == open { i += 2; continue }; quote = nil }
                i += 1
                continue
            }
            if !escapes, u == UInt8(ascii: "'") || u == UInt8(ascii: "\"") { quote = u; i += 1; continue }
            if u == UInt8(ascii: ";") {
                return "it holds `;`\(escapes ? "" : " outside a string"), which would end the query and start another statement"
            }
            if (u == UInt8(ascii: "-") && next == UInt8(ascii: "-")) || (u == UInt8(ascii: "/") && next == UInt8(ascii: "*")) {
                return "it holds a comment (`\(u == UInt8(ascii: "-") ? "--" : "/*")`)\(escapes ? "" : " outside a string"), which would hide the rest of the query"
            }
            i += 1
        }
        return nil
    }

    /// Refuses, for a source's check before the predicate reaches it, one that is no single
    /// condition (``predicateProblem(_:)``): PostgreSQL's simple protocol runs every statement it holds.
    public static func refuseStatements(_ predicate: String, of table: String, place: String) throws(AdapterError) {
        guard let problem = predicateProblem(predicate) else { return }
        throw AdapterError(code: .readFailed, message: "the subset predicate of table \(table) is not one SQL condition on its columns: \(problem); remove it", place: place)
    }

    /// Rows that satisfy any of `conditions`; one alone stands for itself (so that a step into a
    /// unique key keeps the shape ``RowConditionSQL`` writes as a join).
    public static func any(of conditions: [RowCondition]) -> RowCondition {
        conditions.count == 1 ? conditions[0] : .any(conditions)
    }

    /// The condition as a SQL predicate, for a query whose only table in `FROM` is the one it
    /// describes. `table` writes a table reference, `quote` an identifier, `keys` a membership test
    /// of a key list (the engine's own literals, unqualified column names).
    public func sql(table: @escaping (String) -> String, quote: @escaping (String) -> String, keys: @escaping ([Column], [[Value]]) -> String) -> String {
        var writer = RowConditionSQL(table: table, quote: quote, keys: keys)
        return writer.predicate(self)
    }

    /// The tables the condition's subqueries read.
    public var tablesRead: Set<String> {
        switch self {
        case .predicate, .keys: return []
        case .matching(_, let table, _, let condition, _): return condition.tablesRead.union([table])
        case .any(let conditions): return conditions.reduce(into: []) { $0.formUnion($1.tablesRead) }
        case .closure(let table, _, _, _, _, let base): return base.tablesRead.union([table])
        }
    }

    /// How many conditions this one is made of (a bound on the statement's size).
    public var size: Int {
        switch self {
        case .predicate, .keys: return 1
        case .matching(_, _, _, let condition, _): return 1 + condition.size
        case .any(let conditions): return 1 + conditions.reduce(0) { $0 + $1.size }
        case .closure(_, _, _, _, _, let base): return 1 + base.size
        }
    }
}

/// Writes a ``RowCondition`` as SQL. A step into a unique key (`fk IN (SELECT key FROM parent WHERE …)`)
/// becomes a join with the parent's rows where the query allows one: the same rows, but a server
/// that cannot see the subquery's keys are distinct (PostgreSQL, when the subquery holds joins of
/// its own) would first make them distinct and then probe row by row — 4× slower on the
/// benchmark's order items. Predicates, upward steps and alternatives stay `IN (SELECT …)`.
/// Column names in predicates are unqualified; joined rows expose only `understudy_k…` columns,
/// so they never make a name ambiguous.
public struct RowConditionSQL {
    let table: (String) -> String
    let quote: (String) -> String
    let keys: ([Column], [[Value]]) -> String
    var aliases = 0

    public init(table: @escaping (String) -> String, quote: @escaping (String) -> String, keys: @escaping ([Column], [[Value]]) -> String) {
        self.table = table
        self.quote = quote
        self.keys = keys
    }

    mutating func alias() -> String {
        aliases += 1
        return "understudy_\(aliases)"
    }

    /// The condition for rows of a table aliased `alias` in `FROM`: joins to append after it, and
    /// a predicate for `WHERE` (unqualified column names).
    public mutating func parts(_ condition: RowCondition, alias: String) -> (joins: String, predicate: String) {
        guard case .matching(let columns, let other, let otherColumns, let inner, true) = condition else { return ("", predicate(condition)) }
        let source = self.alias(), joined = self.alias()
        let (joins, innerPredicate) = parts(inner, alias: source)
        let outputs = otherColumns.enumerated().map { "\(source).\(quote($1)) AS understudy_k\($0)" }.joined(separator: ", ")
        let on = columns.enumerated().map { "\(alias).\(quote($1)) = \(joined).understudy_k\($0)" }.joined(separator: " AND ")
        return (" JOIN (SELECT \(outputs) FROM \(table(other)) AS \(source)\(joins) WHERE \(innerPredicate)) AS \(joined) ON \(on)", "true")
    }

    /// The condition as a predicate on the rows of the one table a query's `FROM` names.
    public mutating func predicate(_ condition: RowCondition) -> String {
        func tuple(_ names: [String]) -> String {
            names.count == 1 ? quote(names[0]) : "(" + names.map(quote).joined(separator: ", ") + ")"
        }
        func qualified(_ alias: String, _ names: [String]) -> String {
            names.count == 1 ? "\(alias).\(quote(names[0]))" : "(" + names.map { "\(alias).\(quote($0))" }.joined(separator: ", ") + ")"
        }
        switch condition {
        case .predicate(let sql): return "(\(sql))"
        case .keys(let columns, let values): return values.isEmpty ? "false" : keys(columns, values)
        case .matching(let columns, let other, let otherColumns, let inner, _):
            let source = alias()
            let (joins, innerPredicate) = parts(inner, alias: source)
            return "\(tuple(columns)) IN (SELECT \(otherColumns.map { "\(source).\(quote($0))" }.joined(separator: ", ")) FROM \(table(other)) AS \(source)\(joins) WHERE \(innerPredicate))"
        case .any(let conditions):
            if conditions.isEmpty { return "false" }
            if conditions.count == 1 { return predicate(conditions[0]) }
            return "(" + conditions.map { predicate($0) }.joined(separator: " OR ") + ")"
        case .closure(let name, let key, let columns, let edges, let upward, let base):
            // UNION (not UNION ALL) ends the recursion on cycles in the data.
            let step = edges.map { edge in
                upward
                    ? "\(qualified("understudy_t", edge.referencedColumns)) = \(qualified("understudy_r", edge.columns))"
                    : "\(qualified("understudy_t", edge.columns)) = \(qualified("understudy_r", edge.referencedColumns))"
            }.joined(separator: " OR ")
            let list = columns.map(quote).joined(separator: ", ")
            let baseSQL = predicate(base)
            return "\(tuple(key)) IN (WITH RECURSIVE understudy_r(\(list)) AS (SELECT \(list) FROM \(table(name)) WHERE \(baseSQL) "
                + "UNION SELECT \(columns.map { "understudy_t.\(quote($0))" }.joined(separator: ", ")) FROM \(table(name)) AS understudy_t JOIN understudy_r ON \(step)) "
                + "SELECT \(key.map(quote).joined(separator: ", ")) FROM understudy_r)"
        }
    }
}

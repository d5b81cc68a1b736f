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
    case matching(columns: [String], table: String, otherColumns: [String], condition: RowCondition)
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

    /// The condition as SQL, for a query whose only table in `FROM` is the one it describes.
    /// Column names are left unqualified: inside each subquery they name the subquery's table.
    /// `table` writes a table reference, `quote` an identifier, `keys` a membership test of a
    /// key list (the engine's own literals).
    public func sql(table: (String) -> String, quote: (String) -> String, keys: ([Column], [[Value]]) -> String) -> String {
        func tuple(_ names: [String]) -> String {
            names.count == 1 ? quote(names[0]) : "(" + names.map(quote).joined(separator: ", ") + ")"
        }
        switch self {
        case .predicate(let sql): return "(\(sql))"
        case .keys(let columns, let values): return values.isEmpty ? "false" : keys(columns, values)
        case .matching(let columns, let other, let otherColumns, let condition):
            let inner = condition.sql(table: table, quote: quote, keys: keys)
            return "\(tuple(columns)) IN (SELECT \(otherColumns.map(quote).joined(separator: ", ")) FROM \(table(other)) WHERE \(inner))"
        case .any(let conditions):
            if conditions.isEmpty { return "false" }
            if conditions.count == 1 { return conditions[0].sql(table: table, quote: quote, keys: keys) }
            return "(" + conditions.map { $0.sql(table: table, quote: quote, keys: keys) }.joined(separator: " OR ") + ")"
        case .closure(let name, let key, let columns, let edges, let upward, let base):
            // UNION (not UNION ALL) ends the recursion on cycles in the data.
            func qualified(_ alias: String, _ names: [String]) -> String {
                names.count == 1 ? "\(alias).\(quote(names[0]))" : "(" + names.map { "\(alias).\(quote($0))" }.joined(separator: ", ") + ")"
            }
            let step = edges.map { edge in
                upward
                    ? "\(qualified("understudy_t", edge.referencedColumns)) = \(qualified("understudy_r", edge.columns))"
                    : "\(qualified("understudy_t", edge.columns)) = \(qualified("understudy_r", edge.referencedColumns))"
            }.joined(separator: " OR ")
            let list = columns.map(quote).joined(separator: ", ")
            return "\(tuple(key)) IN (WITH RECURSIVE understudy_r(\(list)) AS (SELECT \(list) FROM \(table(name)) WHERE \(base.sql(table: table, quote: quote, keys: keys)) "
                + "UNION SELECT \(columns.map { "understudy_t.\(quote($0))" }.joined(separator: ", ")) FROM \(table(name)) AS understudy_t JOIN understudy_r ON \(step)) "
                + "SELECT \(key.map(quote).joined(separator: ", ")) FROM understudy_r)"
        }
    }

    /// How many conditions this one is made of (a bound on the statement's size).
    public var size: Int {
        switch self {
        case .predicate, .keys: return 1
        case .matching(_, _, _, let condition): return 1 + condition.size
        case .any(let conditions): return 1 + conditions.reduce(0) { $0 + $1.size }
        case .closure(_, _, _, _, _, let base): return 1 + base.size
        }
    }

    /// In words, for `subset --explain`.
    public var description: String {
        switch self {
        case .predicate(let sql): return "where \(sql)"
        case .keys(let columns, let values): return "\(values.count) sampled keys (\(columns.map(\.name).joined(separator: ", ")))"
        case .matching(let columns, let table, let otherColumns, let condition):
            return "(\(columns.joined(separator: ", "))) in \(table)(\(otherColumns.joined(separator: ", "))) \(condition.description)"
        case .any(let conditions): return conditions.map(\.description).joined(separator: " or ")
        case .closure(_, _, _, let edges, let upward, let base):
            let keys = edges.map { "(\($0.columns.joined(separator: ", ")))" }.joined(separator: ", ")
            return "[\(base.description)] with their \(upward ? "parents" : "children") through \(keys), transitively"
        }
    }
}

/// The tables of a schema and the foreign keys between them, as a directed graph from child
/// (referencing) to parent (referenced) tables.
public struct ForeignKeyGraph: Sendable {
    public let tableNames: [String]
    /// parents[t] = tables that `t` references (self-references excluded).
    public let parents: [String: Set<String>]

    public init(schema: DatabaseSchema) {
        tableNames = schema.tables.map(\.name)
        var parents: [String: Set<String>] = [:]
        for table in schema.tables {
            parents[table.name] = Set(
                table.foreignKeys.map(\.referencedTable).filter { $0 != table.name && schema.table(named: $0) != nil })
        }
        self.parents = parents
    }

    /// Tables ordered so that parents come before their children.
    ///
    /// Cycles (two tables referencing each other) cannot be ordered; their members come in name
    /// order at the point where the cycle is reached, so the order is still deterministic.
    public func loadOrder() -> [String] {
        var remaining = Set(tableNames)
        var order: [String] = []
        let sortedNames = tableNames.sorted()
        while !remaining.isEmpty {
            let ready = sortedNames.filter { remaining.contains($0) && parents[$0, default: []].isDisjoint(with: remaining) }
            if ready.isEmpty {
                // A cycle: take the smallest-named table of those left whose parents are all in a cycle.
                let next = sortedNames.first { remaining.contains($0) }!
                order.append(next)
                remaining.remove(next)
                continue
            }
            for name in ready {
                order.append(name)
                remaining.remove(name)
            }
        }
        return order
    }
}

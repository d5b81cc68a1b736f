/// The linked columns' values of a parent table's rows by their key, read from the source once
/// before a table whose text names its parent's person (`link_to: [customers.first_name,
/// customers.last_name, customers.email]`), so each row's text can be given the fakes its parent's
/// row gets. Held in memory: the key and the linked columns of every parent row (a million
/// customers' names take some 100 MB).
public struct ParentValues: Sendable {
    let byKey: [[Value]: [Value]]

    public var count: Int { byKey.count }

    /// The linked columns' values of the parent row whose key is `key`, in `link_to`'s order.
    func values(for key: [Value]) -> [Value]? { byKey[key] }

    static func read(_ link: ColumnPlan.ParentLink, from source: any DatabaseSource, batchSize: Int) async throws -> ParentValues {
        var names: [String] = []
        for name in link.referencedColumns + link.columns.map(\.definition.name) where !names.contains(name) { names.append(name) }
        let columns = names.compactMap { link.table.column(named: $0) }
        var byKey: [[Value]: [Value]] = [:]
        for try await batch in try await source.rows(of: link.table, columns: columns, batchSize: batchSize) {
            let keyIndexes = link.referencedColumns.compactMap(batch.columnIndex), valueIndexes = link.columns.compactMap { batch.columnIndex($0.definition.name) }
            guard keyIndexes.count == link.referencedColumns.count, valueIndexes.count == link.columns.count else { continue }
            for row in 0..<batch.count {
                byKey[keyIndexes.map { batch.columns[$0][row] }] = valueIndexes.map { batch.columns[$0][row] }
            }
        }
        return ParentValues(byKey: byKey)
    }
}

import Foundation

/// Decides which rows a subset holds: the target rows, every row they need upstream (parents,
/// transitively — that is what keeps the output whole), and, where downstream is on, the children
/// of target rows and of their descendants. Works on schema metadata and key sets; the source only
/// answers batched key queries. Deterministic: the selection is a set of keys, whatever order the
/// source answers in, and sampling is keyed.
public struct SubsetPlanner {
    /// The rows selected, by table: primary-key tuples, or nil for a table copied whole.
    public struct Selection: Sendable {
        public var rows: [String: Set<[Value]>]
        public var whole: Set<String>
        /// What was followed, in order, for `subset --explain`.
        public var steps: [String]
        /// How long the traversal took.
        public var seconds: Double = 0

        /// The rows of `table` to copy: nil means all of them.
        public func keys(of table: String) -> Set<[Value]>? {
            whole.contains(table) ? nil : (rows[table] ?? [])
        }
    }

    public var settings: SubsetSettings
    public var key: MasterKey

    public init(settings: SubsetSettings, key: MasterKey) {
        self.settings = settings
        self.key = key
    }

    public func select(schema: DatabaseSchema, source: any SubsetSource) async throws -> Selection {
        let started = Date()
        var selection = try await traverse(schema: schema, source: source)
        selection.seconds = Date().timeIntervalSince(started)
        return selection
    }

    /// The columns fetched with each row of a table: its key first, then the columns of its
    /// foreign keys, so that following a row's parents needs no further query.
    struct Layout {
        var key: [String]
        var columns: [String]
        /// For each foreign key of the table, where its columns are in ``columns``.
        var foreignKeyIndexes: [[Int]]

        init(_ table: Table) throws {
            key = try SubsetPlanner.rowKey(table)
            var columns = key
            for foreignKey in table.foreignKeys {
                for column in foreignKey.columns where !columns.contains(column) { columns.append(column) }
            }
            self.columns = columns
            foreignKeyIndexes = table.foreignKeys.map { $0.columns.map { columns.firstIndex(of: $0)! } }
        }
    }

    private func traverse(schema: DatabaseSchema, source: any SubsetSource) async throws -> Selection {
        var selected: [String: Set<[Value]>] = [:]
        var descended: [String: Set<[Value]>] = [:]
        var layouts: [String: Layout] = [:]
        func layout(_ table: Table) throws -> Layout {
            if let known = layouts[table.name] { return known }
            let made = try Layout(table)
            layouts[table.name] = made
            return made
        }
        var steps: [String] = []
        // Each item: rows of a table, as tuples of its layout's columns (`complete`) or of its key only.
        var queue: [(table: String, rows: [[Value]], complete: Bool, descend: Bool)] = []
        for target in settings.targets {
            guard let table = schema.table(named: target.table) else {
                throw SubsetError("subset.targets: the source has no table \"\(target.table)\"\(Suggestion.hint(for: target.table, in: schema.tables.map(\.name)))")
            }
            let keyCount = try layout(table).key.count
            var rows = try await source.keys(of: table, columns: try layout(table).columns, predicate: target.predicate)
            if let percent = target.percent {
                let hasher = key.hasher(generator: "subset", domain: table.name)
                let threshold = UInt64(min(100, max(0, percent)) / 100 * Double(UInt64.max))
                rows = rows.filter { row in
                    let k = row.prefix(keyCount)
                    var r = hasher.stream(k.flatMap(\.canonicalBytes) + [UInt8(k.count)])
                    return r.next() <= threshold
                }
            }
            if let limit = target.limit { rows = Array(rows.prefix(limit)) }
            let keys = rows
            steps.append("target \(table.name)" + (target.predicate.map { " where \($0)" } ?? "") + (target.percent.map { ", \($0)% sample" } ?? "") + (target.limit.map { ", limit \($0)" } ?? "") + ": \(keys.count) rows")
            queue.append((table.name, keys, true, true))
        }
        while !queue.isEmpty {
            let (name, items, complete, descend) = queue.removeFirst()
            guard let table = schema.table(named: name), !settings.lookupTables.contains(name) else { continue }
            let tableLayout = try layout(table)
            let pk = tableLayout.key
            let keyCount = pk.count
            let hasForeignKeys = tableLayout.columns.count > keyCount || !table.foreignKeys.isEmpty
            // Keys are the rows themselves when the layout is the key alone.
            let keys = hasForeignKeys && complete ? items.map { Array($0.prefix(keyCount)) } : items
            var freshRows: [[Value]] = []
            var fresh: [[Value]] = []
            // Room for the new keys at once: growing a set of millions one rehash at a time was a third of the traversal.
            selected[name, default: []].reserveCapacity((selected[name]?.count ?? 0) + keys.count)
            if descend { descended[name, default: []].reserveCapacity((descended[name]?.count ?? 0) + keys.count) }
            for (i, k) in keys.enumerated() where selected[name, default: []].insert(k).inserted {
                fresh.append(k)
                if complete { freshRows.append(items[i]) }
            }
            let freshDescend = descend ? keys.filter { descended[name, default: []].insert($0).inserted } : []
            if fresh.isEmpty && freshDescend.isEmpty { continue }
            // Upstream, always: the parents that the new rows reference (their key columns come with them).
            if !fresh.isEmpty && !table.foreignKeys.isEmpty {
                let rows = complete ? freshRows : try await source.keys(of: table, columns: tableLayout.columns, matching: pk, values: fresh)
                for (foreignKey, indexes) in zip(table.foreignKeys, tableLayout.foreignKeyIndexes) {
                    guard let parent = schema.table(named: foreignKey.referencedTable) else { continue }
                    var referenced = Set<[Value]>(minimumCapacity: rows.count)
                    for row in rows {
                        let values = indexes.map { row[$0] }
                        if !values.contains(.null) { referenced.insert(values) }
                    }
                    guard !referenced.isEmpty else { continue }
                    let parentLayout = try layout(parent)
                    if foreignKey.referencedColumns == parentLayout.key {
                        steps.append("upstream \(foreignKey.describe(from: table.name)): \(referenced.count) rows of \(parent.name)")
                        queue.append((parent.name, Array(referenced), parentLayout.columns.count == parentLayout.key.count, false))
                    } else {
                        let parentRows = try await source.keys(of: parent, columns: parentLayout.columns, matching: foreignKey.referencedColumns, values: Array(referenced))
                        steps.append("upstream \(foreignKey.describe(from: table.name)): \(parentRows.count) rows of \(parent.name)")
                        queue.append((parent.name, parentRows, true, false))
                    }
                }
            }
            // Downstream, from targets and their descendants: the children that reference them.
            guard !freshDescend.isEmpty else { continue }
            for (childName, foreignKey) in schema.references(to: name) where settings.followsDownstream(foreignKey, from: childName) {
                guard let child = schema.table(named: childName), !settings.lookupTables.contains(childName) else { continue }
                let values = foreignKey.referencedColumns == pk
                    ? freshDescend
                    : try await source.keys(of: table, columns: foreignKey.referencedColumns, matching: pk, values: freshDescend)
                let childRows = try await source.keys(of: child, columns: try layout(child).columns, matching: foreignKey.columns, values: values)
                steps.append("downstream \(foreignKey.describe(from: childName)): \(childRows.count) rows of \(childName)")
                queue.append((childName, childRows, true, true))
            }
        }
        return Selection(rows: selected, whole: Set(settings.lookupTables), steps: steps)
    }

    /// The columns that identify a row: its primary key.
    static func rowKey(_ table: Table) throws -> [String] {
        guard !table.primaryKey.isEmpty else {
            throw SubsetError("table \(table.name) has no primary key, so its rows cannot be selected one by one; add it to subset.lookup_tables to copy it whole")
        }
        return table.primaryKey
    }
}

/// A subset that cannot be computed as configured.
public struct SubsetError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

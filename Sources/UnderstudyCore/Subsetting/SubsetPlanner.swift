import Foundation

/// Decides which rows a subset holds: the target rows, every row they need upstream (parents,
/// transitively — that is what keeps the output whole), and, where downstream is on, the children
/// of target rows and of their descendants. Works on schema metadata and key sets; the source only
/// answers batched key queries. Deterministic: keys are kept sorted and sampling is keyed.
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

    private func traverse(schema: DatabaseSchema, source: any SubsetSource) async throws -> Selection {
        var selected: [String: Set<[Value]>] = [:]
        var descended: [String: Set<[Value]>] = [:]
        var steps: [String] = []
        var queue: [(table: String, keys: [[Value]], descend: Bool, via: String)] = []
        for target in settings.targets {
            guard let table = schema.table(named: target.table) else {
                throw SubsetError("subset.targets: the source has no table \"\(target.table)\"\(Suggestion.hint(for: target.table, in: schema.tables.map(\.name)))")
            }
            let pk = try Self.rowKey(table)
            var keys = try await source.keys(of: table, columns: pk, predicate: target.predicate)
            if let percent = target.percent {
                let hasher = key.hasher(generator: "subset", domain: table.name)
                let threshold = UInt64(min(100, max(0, percent)) / 100 * Double(UInt64.max))
                keys = keys.filter { k in
                    var r = hasher.stream(k.flatMap(\.canonicalBytes) + [UInt8(k.count)])
                    return r.next() <= threshold
                }
            }
            if let limit = target.limit { keys = Array(keys.prefix(limit)) }
            steps.append("target \(table.name)" + (target.predicate.map { " where \($0)" } ?? "") + (target.percent.map { ", \($0)% sample" } ?? "") + (target.limit.map { ", limit \($0)" } ?? "") + ": \(keys.count) rows")
            queue.append((table.name, keys, true, "target"))
        }
        while !queue.isEmpty {
            let (name, keys, descend, _) = queue.removeFirst()
            guard let table = schema.table(named: name), !settings.lookupTables.contains(name) else { continue }
            let pk = try Self.rowKey(table)
            let fresh = keys.filter { !(selected[name]?.contains($0) ?? false) }
            selected[name, default: []].formUnion(fresh)
            let freshDescend = descend ? keys.filter { !(descended[name]?.contains($0) ?? false) } : []
            if descend { descended[name, default: []].formUnion(freshDescend) }
            if fresh.isEmpty && freshDescend.isEmpty { continue }
            // Upstream, always: the parents that the new rows reference.
            for foreignKey in table.foreignKeys where !fresh.isEmpty {
                guard let parent = schema.table(named: foreignKey.referencedTable) else { continue }
                let referenced = try await source.keys(of: table, columns: foreignKey.columns, matching: pk, values: fresh)
                    .filter { !$0.contains(.null) }
                guard !referenced.isEmpty else { continue }
                let parentKey = try Self.rowKey(parent)
                let parentKeys = foreignKey.referencedColumns == parentKey
                    ? referenced
                    : try await source.keys(of: parent, columns: parentKey, matching: foreignKey.referencedColumns, values: referenced)
                steps.append("upstream \(foreignKey.describe(from: table.name)): \(parentKeys.count) rows of \(parent.name)")
                queue.append((parent.name, parentKeys.sorted(by: Self.order), false, "upstream"))
            }
            // Downstream, from targets and their descendants: the children that reference them.
            guard !freshDescend.isEmpty else { continue }
            for (childName, foreignKey) in schema.references(to: name) where settings.followsDownstream(foreignKey, from: childName) {
                guard let child = schema.table(named: childName), !settings.lookupTables.contains(childName) else { continue }
                let values = foreignKey.referencedColumns == pk
                    ? freshDescend
                    : try await source.keys(of: table, columns: foreignKey.referencedColumns, matching: pk, values: freshDescend)
                let childKeys = try await source.keys(of: child, columns: try Self.rowKey(child), matching: foreignKey.columns, values: values)
                steps.append("downstream \(foreignKey.describe(from: childName)): \(childKeys.count) rows of \(childName)")
                queue.append((childName, childKeys, true, "downstream"))
            }
        }
        return Selection(rows: selected, whole: Set(settings.lookupTables), steps: steps)
    }

    static func order(_ a: [Value], _ b: [Value]) -> Bool {
        a.map(\.displayText).joined(separator: "\u{1}") < b.map(\.displayText).joined(separator: "\u{1}")
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

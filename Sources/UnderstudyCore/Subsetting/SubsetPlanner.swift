import Foundation

/// Decides which rows a subset holds: the target rows, every row they need upstream (parents,
/// transitively — that is what keeps the output whole), and, where downstream is on, the children
/// of target rows and of their descendants. Deterministic: the selection is a set of rows, whatever
/// order the source answers in, and sampling is keyed.
///
/// Two ways to the same rows. When the followed keys have no cycle, each table's rows are a
/// ``RowCondition`` the source evaluates as the table is read (the way a hand-written
/// `COPY (SELECT … WHERE … IN (SELECT …))` would): nothing is fetched beforehand and no key set
/// is held. Otherwise (self-references, cycles, a sample too large to write into a statement) the
/// planner walks the graph with key sets, the source answering batched key queries.
public struct SubsetPlanner {
    /// How the rows are chosen: by conditions where they can be written, or always by key sets.
    public enum Strategy: Sendable {
        case automatic
        case keySets
    }

    /// The rows of one table in a selection.
    public enum TableRows: Sendable {
        case all
        case keys(Set<[Value]>)
        case condition(RowCondition)
    }

    /// The rows selected, by table.
    public struct Selection: Sendable {
        /// Primary-key tuples by table (key-set traversal).
        public var rows: [String: Set<[Value]>]
        /// Conditions by table, when the source evaluates the selection (then ``rows`` is empty);
        /// a table without one holds no rows.
        public var conditions: [String: RowCondition]?
        public var whole: Set<String>
        /// What was followed, in order, for `subset --explain`.
        public var steps: [String]
        /// How long the traversal took.
        public var seconds: Double = 0
        /// The targets whose condition (or sample) matched no row of the source.
        public var emptyTargets: [SubsetSettings.Target] = []
        /// Every target matched nothing.
        public var selectsNothing = false

        public func rows(of table: String) -> TableRows {
            if whole.contains(table) { return .all }
            if let conditions { return .condition(conditions[table] ?? .any([])) }
            return .keys(rows[table] ?? [])
        }
    }

    public var settings: SubsetSettings
    public var key: MasterKey
    public var strategy: Strategy

    public init(settings: SubsetSettings, key: MasterKey, strategy: Strategy = .automatic) {
        self.settings = settings
        self.key = key
        self.strategy = strategy
    }

    public func select(schema: DatabaseSchema, source: any SubsetSource) async throws -> Selection {
        let started = Date()
        var selection: Selection
        if strategy == .automatic, let conditional = try await conditions(schema: schema, source: source) {
            selection = conditional
        } else {
            selection = try await traverse(schema: schema, source: source)
        }
        selection.seconds = Date().timeIntervalSince(started)
        selection.selectsNothing = !settings.targets.isEmpty && selection.emptyTargets.count == settings.targets.count
        return selection
    }

    static func named(_ targets: [SubsetSettings.Target]) -> String {
        targets.map { $0.table + describe($0) }.joined(separator: "; ")
    }

    /// A run whose subset's targets all matched nothing: its copy would hold the lookup tables
    /// alone, in place of the last good one (a typo in a `where` did that), so it stops first.
    /// `running`: said by the run (the destination untouched), else by `check`.
    public static func refusal(_ targets: [SubsetSettings.Target], running: Bool = true) -> SubsetError {
        SubsetError(
            "the subset selects no row: \(named(targets)) \(targets.count == 1 ? "matches" : "match") none of the source's rows, so the copy would be empty; "
                + (running ? "the destination was left as it was" : "a run stops before it writes")
                + ". Correct the condition (`understudy subset WORKSPACE` shows what the subset follows and the rows each table gets)")
    }

    /// The warning for targets that matched no row while others did (`UND-W015`).
    public static func emptyTargetsFinding(_ targets: [SubsetSettings.Target]) -> RunReport.Finding? {
        guard !targets.isEmpty else { return nil }
        return RunReport.Finding(
            id: "UND-W015", severity: .warning, table: targets.count == 1 ? targets[0].table : "*", column: nil,
            message: "subset target\(targets.count == 1 ? "" : "s") \(named(targets)) matched no row of the source; the copy holds the other targets' rows; correct the condition or remove the target")
    }

    /// Statements above this many conditions, or samples above this many keys, are left to key sets.
    static let conditionSizeLimit = 2_000
    static let sampleKeysLimit = 500_000

    /// The selection as one condition per table, or nil when it cannot be written as one (a cycle
    /// among the keys followed, a large sample, a statement too large).
    ///
    /// `descended(T)`: T's target rows, and (downstream) the rows whose foreign key points into
    /// `descended` of the parent. `selected(T)`: `descended(T)`, and (upstream, always) the rows
    /// that `selected` rows of each child point to. The parents of rows that came down through a
    /// key are the rows they came from, so that key is not followed back up.
    private func conditions(schema: DatabaseSchema, source: any SubsetSource) async throws -> Selection? {
        struct Cycle: Error {}
        struct Term {
            var condition: RowCondition
            /// The foreign key (of the table the term is about) this term came down through.
            var via: ForeignKey?
            /// In words, for `subset --explain`.
            var step: String
        }
        var targets: [String: [Term]] = [:]
        var empty: [SubsetSettings.Target] = []
        for target in settings.targets {
            let table = try targetTable(target, in: schema)
            if target.percent == nil && target.limit == nil {
                try await source.check(predicate: target.predicate, of: table)
                if try await !source.hasRows(table, where: target.predicate) { empty.append(target) }
                targets[table.name, default: []].append(Term(condition: .predicate(target.predicate ?? "true"), via: nil, step: "target" + Self.describe(target)))
            } else {
                let keyColumns = try Self.rowKey(table)
                let rows = sampled(target, table: table, rows: try await source.keys(of: table, columns: keyColumns, where: target.predicate.map { .predicate($0) }), keyCount: keyColumns.count)
                guard rows.count <= Self.sampleKeysLimit else { return nil }
                if rows.isEmpty { empty.append(target) }
                targets[table.name, default: []].append(Term(
                    condition: .keys(columns: keyColumns.map { table.column(named: $0)! }, values: rows), via: nil, step: "target" + Self.describe(target) + ": \(rows.count) rows"))
            }
        }
        var steps: [String] = []
        let lookup = Set(settings.lookupTables)
        // Which tables can hold rows at all (a fixpoint on the graph alone): a cycle among tables
        // that stay empty does not matter.
        var canDescend = Set(targets.keys).subtracting(lookup)
        var canHold = canDescend
        var growing = true
        while growing {
            growing = false
            for table in schema.tables where !lookup.contains(table.name) {
                if !canDescend.contains(table.name), table.foreignKeys.contains(where: {
                    settings.followsDownstream($0, from: table.name) && canDescend.contains($0.referencedTable)
                }) {
                    canDescend.insert(table.name)
                    canHold.insert(table.name)
                    growing = true
                }
            }
            for table in schema.tables where canHold.contains(table.name) {
                for foreignKey in table.foreignKeys where !lookup.contains(foreignKey.referencedTable) && schema.table(named: foreignKey.referencedTable) != nil {
                    if canHold.insert(foreignKey.referencedTable).inserted { growing = true }
                }
            }
        }
        var down: [String: [Term]] = [:]
        var up: [String: [Term]] = [:]
        var visiting: Set<String> = []
        func descended(_ name: String) throws(Cycle) -> [Term] {
            if let known = down[name] { return known }
            guard canDescend.contains(name), let table = schema.table(named: name) else { return [] }
            guard visiting.insert("down " + name).inserted else { throw Cycle() }
            defer { visiting.remove("down " + name) }
            var terms = targets[name] ?? []
            for foreignKey in table.foreignKeys where foreignKey.referencedTable != name
                && settings.followsDownstream(foreignKey, from: name) && schema.table(named: foreignKey.referencedTable) != nil {
                let parent = try descended(foreignKey.referencedTable)
                guard !parent.isEmpty else { continue }
                terms.append(Term(condition: .matching(
                    columns: foreignKey.columns, table: foreignKey.referencedTable, otherColumns: foreignKey.referencedColumns,
                    condition: .any(of: parent.map(\.condition)),
                    unique: schema.table(named: foreignKey.referencedTable)?.isKey(foreignKey.referencedColumns) == true), via: foreignKey, step: "downstream \(foreignKey.describe(from: name))"))
            }
            // Children of descended rows through the table's own keys (employees under a manager), transitively.
            let own = table.foreignKeys.filter { $0.referencedTable == name && settings.followsDownstream($0, from: name) }
            if !own.isEmpty, !terms.isEmpty {
                terms = [Term(condition: try closure(table, own, upward: false, base: terms), via: nil, step: terms.map(\.step).joined(separator: "; ")
                    + "; then downstream \(own.map { $0.describe(from: name) }.joined(separator: ", ")), transitively")]
            }
            down[name] = terms
            return terms
        }
        func selected(_ name: String) throws(Cycle) -> [Term] {
            if let known = up[name] { return known }
            guard canHold.contains(name), let table = schema.table(named: name) else { return [] }
            guard visiting.insert("up " + name).inserted else { throw Cycle() }
            defer { visiting.remove("up " + name) }
            var terms = try descended(name)
            for (childName, foreignKey) in schema.references(to: name) where childName != name && !lookup.contains(childName) {
                // Rows that came down through this very key point at rows already in descended(name).
                let child = try selected(childName).filter { $0.via != foreignKey }
                guard !child.isEmpty else { continue }
                terms.append(Term(condition: .matching(
                    columns: foreignKey.referencedColumns, table: childName, otherColumns: foreignKey.columns,
                    condition: .any(of: child.map(\.condition)), unique: false), via: nil, step: "upstream \(foreignKey.describe(from: childName))"))
            }
            // Parents of selected rows through the table's own keys (a manager's manager), transitively: always.
            let own = table.foreignKeys.filter { $0.referencedTable == name }
            if !own.isEmpty, !terms.isEmpty {
                terms = [Term(condition: try closure(table, own, upward: true, base: terms), via: nil, step: terms.map(\.step).joined(separator: "; ")
                    + "; then upstream \(own.map { $0.describe(from: name) }.joined(separator: ", ")), transitively")]
            }
            up[name] = terms
            return terms
        }
        func closure(_ table: Table, _ keys: [ForeignKey], upward: Bool, base: [Term]) throws(Cycle) -> RowCondition {
            guard let key = try? Self.rowKey(table) else { throw Cycle() }
            var columns = key
            for foreignKey in keys {
                for column in foreignKey.columns + foreignKey.referencedColumns where !columns.contains(column) { columns.append(column) }
            }
            return .closure(
                table: table.name, key: key, columns: columns,
                edges: keys.map { .init(columns: $0.columns, referencedColumns: $0.referencedColumns) }, upward: upward,
                base: .any(of: base.map(\.condition)))
        }
        var conditions: [String: RowCondition] = [:]
        do {
            // Explained from the targets outwards (tables in the order a walk over the keys reaches them).
            var order = settings.targets.map(\.table)
            var index = 0
            while index < order.count {
                guard let table = schema.table(named: order[index]) else { break }
                index += 1
                for next in table.foreignKeys.map(\.referencedTable) + schema.references(to: table.name).map(\.0) where !order.contains(next) {
                    order.append(next)
                }
            }
            for table in schema.tables where !order.contains(table.name) { order.append(table.name) }
            for name in order {
                let terms = try selected(name)
                guard !terms.isEmpty else { continue }
                let condition = RowCondition.any(of: terms.map(\.condition))
                guard condition.size <= Self.conditionSizeLimit else { return nil }
                conditions[name] = condition
                steps.append("\(name): " + terms.map(\.step).joined(separator: "; "))
            }
        } catch {
            return nil
        }
        var selection = Selection(rows: [:], conditions: conditions, whole: lookup, steps: steps)
        selection.emptyTargets = empty
        return selection
    }

    private func targetTable(_ target: SubsetSettings.Target, in schema: DatabaseSchema) throws -> Table {
        guard let table = schema.table(named: target.table) else {
            throw SubsetError("subset.targets: the source has no table \"\(target.table)\"\(Suggestion.hint(for: target.table, in: schema.tables.map(\.name)))")
        }
        return table
    }

    private static func describe(_ target: SubsetSettings.Target) -> String {
        (target.predicate.map { " where \($0)" } ?? "") + (target.percent.map { ", \($0)% sample" } ?? "") + (target.limit.map { ", limit \($0)" } ?? "")
    }

    /// A target's keyed sample, then its limit (rows in the source's key order; the key first in each).
    private func sampled(_ target: SubsetSettings.Target, table: Table, rows: [[Value]], keyCount: Int) -> [[Value]] {
        var rows = rows
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
        return rows
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
        var empty: [SubsetSettings.Target] = []
        for target in settings.targets {
            let table = try targetTable(target, in: schema)
            let tableLayout = try layout(table)
            let keys = sampled(target, table: table, rows: try await source.keys(of: table, columns: tableLayout.columns, where: target.predicate.map { .predicate($0) }), keyCount: tableLayout.key.count)
            steps.append("target \(table.name)" + Self.describe(target) + ": \(keys.count) rows")
            if keys.isEmpty { empty.append(target) }
            queue.append((table.name, keys, true, true))
        }
        while !queue.isEmpty {
            let (name, items, complete, descend) = queue.removeFirst()
            guard let table = schema.table(named: name), !settings.lookupTables.contains(name) else { continue }
            let tableLayout = try layout(table)
            let pk = tableLayout.key
            let keyCount = pk.count
            // Keys are the rows themselves when the layout is the key alone.
            let keys = complete && tableLayout.columns.count > keyCount ? items.map { Array($0.prefix(keyCount)) } : items
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
        var selection = Selection(rows: selected, whole: Set(settings.lookupTables), steps: steps)
        selection.emptyTargets = empty
        return selection
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

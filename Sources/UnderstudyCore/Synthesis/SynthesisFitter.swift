import Foundation

/// What the planner decided for synthesis: the run's settings and each synthesized table's own.
public struct SynthesisPlan: Sendable {
    public var settings: SynthesisSettings
    public var tables: [String: TableSynthesisSettings]
    public init(settings: SynthesisSettings, tables: [String: TableSynthesisSettings]) {
        self.settings = settings
        self.tables = tables
    }
}

/// A source handed to one task at a time: ``SynthesisFitter`` reads the next table in a task of its
/// own while it fits the last one, and starts a read only after the previous read's value was taken.
private final class SourceHandoff: @unchecked Sendable {
    let source: any DatabaseSource
    init(_ source: any DatabaseSource) { self.source = source }
}

/// Fits the models of every synthesized table of a plan on the source's rows, parents before
/// children (the plan's load order).
///
/// A table is read once (a random sample of about ``fitRows`` when it has more); a synthesized child
/// table's foreign-key columns are read once more to count each parent row's children.
public struct SynthesisFitter: Sendable {
    /// Rows a table's model is fitted on at most.
    public var fitRows: Int
    /// Under differential privacy, the squared length a row's vector of D normal scores is clipped
    /// to before the copula's sums of products: D + 2·√(2D), about the 97.5th percentile of a χ² of
    /// D degrees (a public bound: it depends on D alone). The products (pairs and squares) of a row
    /// of squared length L have L2 norm at most L, the sums' sensitivity — where clipping each score
    /// to ±3 made the pairs' alone 9·√(D(D−1)/2), 3.2 times more at D = 10 and growing with D.
    static func scoreNormBound(dimensions: Int) -> Double {
        let d = Double(dimensions)
        return d + 2 * (2 * d).squareRoot()
    }
    /// Under DP, a parent row adds to the joined statistics of at most this many of its children.
    static let childrenPerParent = 4
    /// Under DP, children per parent are clipped to this (a public bound, not read from the data).
    static let childrenLimit = 100_000
    /// Under DP, the shares of the table's budget that its row count and each child table's total
    /// get (one share for every other measurement).
    static let rowsWeight = 4.0
    static let childrenWeight = 4.0
    /// Under DP, the shares of a number's measurements: its spikes, range, narrowing rounds and histogram.
    static let numberWeight = 3 + Double(MarginalFitting.zoomRounds)

    public init(fitRows: Int = 200_000) {
        self.fitRows = max(1, fitRows)
    }

    /// `ready`: called after each table with a model of the tables fitted so far (their load order's
    /// prefix), so that a table can be generated while later ones are still fitted.
    public func fit(
        plan: RunPlan, source: any DatabaseSource, key: MasterKey, ready: (@Sendable (SynthesisModel) -> Void)? = nil
    ) async throws -> SynthesisModel? {
        let synthesized = plan.tables.filter { $0.mode == .synthesize }.map(\.table)
        guard !synthesized.isEmpty else { return nil }
        let settings = plan.synthesis ?? SynthesisPlan(settings: .init(), tables: [:])
        let order = synthesized.map(\.name)
        var accountant: PrivacyAccountant?
        let keys = Dictionary(uniqueKeysWithValues: synthesized.map { ($0.name, Self.ordinalKeyColumns($0)) })
        let parents = Self.parentKeys(synthesized)
        if let budget = settings.settings.privacy {
            let weights = Dictionary(uniqueKeysWithValues: synthesized.map { table in
                let children = synthesized.filter { child in parents[child.name].map { child.foreignKeys[$0].referencedTable == table.name } ?? false }.count
                let generated = Set(plan.table(named: table.name)?.columns.filter { $0.inheritedFrom == nil }.map(\.column) ?? [])
                return (table.name, Self.measurementWeight(of: table, parentKey: parents[table.name], children: children, generated: generated))
            })
            accountant = try PrivacyAccountant(
                budget: budget, tables: order.map { ($0, settings.tables[$0]?.epsilon) }, neighbours: PrivacyAccountant.neighbours(of: synthesized), weights: weights)
        }
        var models: [String: TableModel] = [:]
        // Scores of fitted tables' source rows by the key columns later tables reference them by.
        var scoresByKey: [String: [[String]: [[Value]: ParentRow]]] = [:]
        var spent: [String: PrivacySpent] = [:]
        // Each table's synthesized children: the tables whose first key to an earlier one names it.
        func children(of table: Table) -> [(Table, Int)] {
            synthesized.compactMap { child -> (Table, Int)? in
                guard let k = parents[child.name], child.foreignKeys[k].referencedTable == table.name else { return nil }
                return (child, k)
            }
        }
        // The next table's rows are read while this one is fitted (the fit reads no row, so the
        // source is never read by two at once): a table's fit waits for its parent's model, its
        // reading for nothing but the source.
        let isPrivate = accountant != nil
        let fitRows = self.fitRows, schema = plan.schema
        let handoff = SourceHandoff(source)
        func reading(_ position: Int) -> Task<TableFitter.Sample, any Error>? {
            guard position < synthesized.count else { return nil }
            let table = synthesized[position], children = children(of: table)
            return Task {
                try await TableFitter.read(
                    table: table, key: key, fitRows: fitRows, isPrivate: isPrivate, children: children,
                    synthesizedTables: order, schema: schema, source: handoff.source)
            }
        }
        var next = reading(0)
        do {
            for (position, table) in synthesized.enumerated() {
                let read = next!
                next = nil
                let sample = try await withTaskCancellationHandler { try await read.value } onCancel: { read.cancel() }
                next = reading(position + 1)
                let own = settings.tables[table.name] ?? TableSynthesisSettings()
                let parentKey = parents[table.name]
                if parentKey != nil, own.rows != nil || own.scale != nil {
                    throw SynthesisError("`rows:` and `scale:` apply to tables whose rows do not follow a synthesized parent; \(table.name) gets as many rows as its parent rows' children, so remove them", table: table.name)
                }
                // The keys later synthesized tables reference this one by (their parent or not).
                var referencedKeys: [[String]] = []
                for later in synthesized.dropFirst(order.firstIndex(of: table.name)! + 1) {
                    for foreignKey in later.foreignKeys where foreignKey.referencedTable == table.name
                        && Set(foreignKey.referencedColumns).isSubset(of: keys[table.name]!) && !referencedKeys.contains(foreignKey.referencedColumns) {
                        referencedKeys.append(foreignKey.referencedColumns)
                    }
                }
                var fitter = TableFitter(
                    table: table, key: key, fitRows: fitRows, ordinalKeys: keys[table.name]!, parentKey: parentKey,
                    parentModel: parentKey.map { models[table.foreignKeys[$0].referencedTable]! }, synthesizedModels: models, schema: plan.schema,
                    generated: Set(plan.table(named: table.name)?.columns.filter { $0.inheritedFrom == nil }.map(\.column) ?? []),
                    referenceScores: Dictionary(uniqueKeysWithValues: table.foreignKeys.enumerated().compactMap { k, foreignKey in
                        scoresByKey[foreignKey.referencedTable]?[foreignKey.referencedColumns].map { (k, $0) }
                    }),
                    referencedKeys: referencedKeys, children: children(of: table), synthesizedTables: order, ordinalKeysByTable: keys,
                    scale: own.scale ?? settings.settings.scale, rows: own.rows, accountant: accountant, tableCount: order.count)
                fitter.domains = own.domains
                do {
                    let fitStarted = Date()
                    var fitted = try fitter.fit(sample: sample)
                    fitted.model.timings = (sample.seconds, Date().timeIntervalSince(fitStarted))
                    models[table.name] = fitted.model
                    ready?(SynthesisModel(tables: models, key: key, privacy: nil))
                    if !referencedKeys.isEmpty { scoresByKey[table.name] = fitted.scoresByKey }
                    if let privacy = fitted.model.privacy { spent[table.name] = privacy }
                } catch var error as SynthesisError {
                    error.table = error.table ?? table.name
                    throw error
                }
            }
        } catch {
            // A read still running is stopped and waited for: the caller may close the source next.
            if let next {
                next.cancel()
                _ = try? await next.value
            }
            throw error
        }
        var report: PrivacyReport?
        if let accountant {
            let rhos = spent.mapValues(\.rho)
            var exposure: [String: PrivacySpent] = [:]
            for name in spent.keys {
                let rho = accountant.exposure(name, spent: rhos)
                exposure[name] = PrivacySpent(rho: rho, epsilon: PrivacyAccountant.epsilon(rho: rho, delta: accountant.conversionDelta), delta: accountant.budget.delta)
            }
            let rho = exposure.values.map(\.rho).max() ?? 0
            report = PrivacyReport(
                accounting: "zCDP (Gaussian mechanism) per row of a table: its own fit and its neighbours' along foreign keys; converted to (ε, δ)",
                budget: accountant.budget, tables: spent, exposure: exposure, totalRho: rho,
                totalEpsilon: PrivacyAccountant.epsilon(rho: rho, delta: accountant.conversionDelta), totalDelta: accountant.budget.delta)
        }
        return SynthesisModel(tables: models, key: key, privacy: report)
    }

    /// About the weight of the measurements a table's fit takes under DP (``TableFitter``'s plan), from
    /// the schema alone (public), before any row is read: the row count's four shares, each child
    /// table's children per parent (a number) and total, a number or date column's histograms and
    /// the count given a category, a text or category column's two, a key's reference counts and
    /// NULL share, the copula's sums. The run's budget is split by it, so that a table of one text
    /// column does not get the noise of a table of fifteen columns (split evenly, each table's ρ over
    /// its own measurements gave the fifteen columns of Chinook's employees 3.0 times the noise σ of
    /// a genre's name, and 2.6 times a track's).
    static func measurementWeight(of table: Table, parentKey: Int?, children: Int, generated: Set<String>) -> Double {
        var weight = (parentKey == nil || children > 0 ? rowsWeight : 1) + Double(children) * (numberWeight + childrenWeight) + 1
        let ordinal = ordinalKeyColumns(table)
        let foreign = Set(table.foreignKeys.flatMap(\.columns))
        for (k, key) in table.foreignKeys.enumerated() where k != parentKey {
            weight += 1 + (key.columns.contains { table.column(named: $0)?.isNullable ?? true } ? 1 : 0)
        }
        var dates = 0
        for column in table.storedColumns where !ordinal.contains(column.name) && !foreign.contains(column.name) {
            if generated.contains(column.name) { weight += LogicalType.textual.contains(column.logicalType) ? 2 : 0; continue }
            // People's names, emails and streets, and firms' names, invented (``InventedValues``): their NULL share only.
            if InventedValues.kind(of: column, in: table) != nil { weight += column.isNullable ? 1 : 0; continue }
            switch column.logicalType {
            case .integer, .real, .decimal: weight += numberWeight + 1
            case .date, .timestamp:
                weight += numberWeight + 1 + (dates > 0 ? numberWeight : 0)
                dates += 1
            case .json: break
            default: weight += 2
            }
        }
        return weight
    }

    /// Columns that get new unique values from the row's ordinal: a one-column primary key or unique
    /// constraint that is not also a foreign key. Not a date or timestamp: an ordinal in a date's
    /// layout is no date (`0000-00-07`, which PostgreSQL refuses); those are modelled like other dates,
    /// a repeated one drawn again.
    /// The foreign keys of synthesized tables that synthesis writes NULL in every row (``TableModel/ForeignKeySource/null``):
    /// nullable keys to another synthesized table that is generated after the table (a cycle) or
    /// whose referenced columns are not a one-column key it renumbers (a key of two columns).
    /// Each with whether it is the cycle.
    public static func nulledForeignKeys(_ plan: RunPlan) -> [(table: String, key: ForeignKey, cycle: Bool)] {
        let synthesized = plan.tables.filter { $0.mode == .synthesize }.map(\.table)
        let order = synthesized.map(\.name)
        let parents = parentKeys(synthesized)
        var nulled: [(table: String, key: ForeignKey, cycle: Bool)] = []
        for (position, table) in synthesized.enumerated() {
            for (k, key) in table.foreignKeys.enumerated() where key.referencedTable != table.name && parents[table.name] != k {
                guard let at = order.firstIndex(of: key.referencedTable), key.columns.contains(where: { table.column(named: $0)?.isNullable ?? true }) else { continue }
                guard !takesNewKeys(key, at: at, from: position, ordinalKeys: ordinalKeyColumns(synthesized[at])) else { continue }
                let renumbered = Set(key.referencedColumns).isSubset(of: ordinalKeyColumns(synthesized[at]))
                nulled.append((table.name, key, renumbered))
            }
        }
        return nulled
    }

    /// Whether a foreign key of the synthesized table at `position` (in load order) to the one at `at`
    /// takes that table's new keys: the referenced table comes first and its referenced columns are a
    /// key of one column synthesis numbers anew (``ordinalKeyColumns(_:)``). Other keys to synthesized
    /// tables are NULL, but a parent's (``parentKeys(_:)``).
    static func takesNewKeys(_ key: ForeignKey, at: Int, from position: Int, ordinalKeys: Set<String>) -> Bool {
        at < position && Set(key.referencedColumns).isSubset(of: ordinalKeys)
    }

    /// Each synthesized table's parent, generated parent row by parent row: its first foreign key to
    /// an earlier synthesized table's new keys (a key of one column, numbered anew), else its first to
    /// an earlier synthesized table's unique key of several columns (`(order_id, line)`, drawn as
    /// categories and kept unique), whose values the child takes from its parent's row.
    static func parentKeys(_ synthesized: [Table]) -> [String: Int] {
        let order = synthesized.map(\.name)
        var parents: [String: Int] = [:]
        for (position, table) in synthesized.enumerated() {
            let earlier = table.foreignKeys.enumerated().filter { _, key in
                key.referencedTable != table.name && (order.firstIndex(of: key.referencedTable).map { $0 < position } ?? false)
            }
            if let (i, _) = earlier.first(where: { _, key in
                let at = order.firstIndex(of: key.referencedTable)!
                return takesNewKeys(key, at: at, from: position, ordinalKeys: ordinalKeyColumns(synthesized[at]))
            }) {
                parents[table.name] = i
            } else if let (i, _) = earlier.first(where: { _, key in
                key.referencedColumns.count > 1 && synthesized[order.firstIndex(of: key.referencedTable)!].uniqueKeys.contains { Set($0) == Set(key.referencedColumns) }
            }) {
                parents[table.name] = i
            }
        }
        return parents
    }

    static func ordinalKeyColumns(_ table: Table) -> Set<String> {
        let foreign = Set(table.foreignKeys.flatMap(\.columns))
        return Set(table.uniqueKeys.filter { $0.count == 1 && !foreign.contains($0[0]) }.map { $0[0] }).filter { name in
            guard let column = table.column(named: name) else { return false }
            return ![.blob, .json, .date, .timestamp].contains(column.logicalType) && !column.isGenerated
        }
    }
}

/// Under DP, the parent's category column a child's category columns may be drawn given: the one of
/// fewest released categories (chosen from the parent's released marginals), each child row's
/// parent values, and the rows counted (at most ``SynthesisFitter/childrenPerParent`` per parent).
struct PrivateParentCategory {
    var column: Int
    var marginal: CategoricalMarginal
    var values: [[Value]?]
    var rows: [Int]
}

/// A source row of a parent table, as its children's fit sees it: its normal scores and values.
struct ParentRow {
    var scores: [Double]
    var values: [Value]
}

/// Fits one table.
struct TableFitter {
    let table: Table
    let key: MasterKey
    let fitRows: Int
    let ordinalKeys: Set<String>
    let parentKey: Int?
    let parentModel: TableModel?
    /// The synthesized tables fitted so far.
    let synthesizedModels: [String: TableModel]
    let schema: DatabaseSchema
    /// Columns a generator of the workspace writes (not through a foreign key).
    let generated: Set<String>
    /// For each foreign key to an earlier synthesized table, its source rows by the referenced key.
    let referenceScores: [Int: [[Value]: ParentRow]]
    /// The keys later synthesized tables reference this one by.
    let referencedKeys: [[String]]
    var parentScores: [[Value]: ParentRow]? { parentKey.flatMap { referenceScores[$0] } }
    let children: [(Table, Int)]
    let synthesizedTables: [String]
    let ordinalKeysByTable: [String: Set<String>]
    let scale: Double
    let rows: Int?
    let accountant: PrivacyAccountant?
    /// The columns' public domains (`domains:`), used under differential privacy.
    var domains: [String: ColumnDomain] = [:]
    let tableCount: Int

    struct Fitted {
        var model: TableModel
        var scoresByKey: [[String]: [[Value]: ParentRow]]
    }

    /// The association (bias-corrected Cramér's V, or ω-adjusted η) above which a column is drawn
    /// given a category column. Below SDMetrics' 0.3 for the uncorrected V, because the correction
    /// takes a lot from small tables with many categories (Northwind's region given country: V 0.53,
    /// corrected 0.28).
    static let associationThreshold = 0.2

    /// What a dimension is, for choosing and fitting its conditional distributions.
    struct DimensionData {
        /// The dimension's column among the stored columns (nil for children counts).
        var column: Int?
        /// Numbers (nil: NULL) for a numeric marginal; nil for a categorical one.
        var numbers: [Double?]?
        var codec: NumberCodec?
    }

    /// The parent's category column of fewest released categories (2 to 1,000), from its model.
    static func privateParentCategory(_ parentModel: TableModel) -> (column: Int, marginal: CategoricalMarginal)? {
        parentModel.roles.enumerated().compactMap { c, role -> (column: Int, marginal: CategoricalMarginal)? in
            guard case .dimension(let i) = role, case .categorical(let m) = parentModel.marginals[i], m.categories.count > 1, m.categories.count <= 1_000,
                  m.categories.allSatisfy({ $0.count == 1 }) else { return nil }
            return (c, m)
        }
        .min { $0.marginal.categories.count != $1.marginal.categories.count ? $0.marginal.categories.count < $1.marginal.categories.count : $0.column < $1.column }
    }

    /// Cramér's V of a table of counts (rows of `width` cells) with Bergsma's (2013) bias correction,
    /// 0 where it has fewer than two rows or columns with counts: a sample of a few rows over many
    /// categories looks associated by chance, and uncorrected that chose a parent's column counted
    /// over 12 of Chinook's customers.
    static func cramersV(_ cells: [Double], width: Int) -> Double {
        guard width > 0, !cells.isEmpty else { return 0 }
        let height = cells.count / width
        let rowSums = (0..<height).map { i in (0..<width).reduce(0.0) { $0 + cells[i * width + $1] } }
        let columnSums = (0..<width).map { j in (0..<height).reduce(0.0) { $0 + cells[$1 * width + j] } }
        let total = rowSums.reduce(0, +)
        let rowsUsed = rowSums.filter { $0 > 0 }.count, columnsUsed = columnSums.filter { $0 > 0 }.count
        guard total > 1, rowsUsed >= 2, columnsUsed >= 2 else { return 0 }
        var chi = 0.0
        for i in 0..<height where rowSums[i] > 0 {
            for j in 0..<width where columnSums[j] > 0 {
                let expected = rowSums[i] * columnSums[j] / total
                chi += (cells[i * width + j] - expected) * (cells[i * width + j] - expected) / expected
            }
        }
        let r = Double(rowsUsed), k = Double(columnsUsed)
        let phi2 = max(0, chi / total - (k - 1) * (r - 1) / (total - 1))
        let denominator = min(k - (k - 1) * (k - 1) / (total - 1), r - (r - 1) * (r - 1) / (total - 1)) - 1
        return denominator > 0 ? (phi2 / denominator).squareRoot() : 0
    }

    /// The table of counts (rows of `width` cells, one row per given category) fitted to the shares
    /// the rows are drawn in: row `i` to `rowShares[i]` and the columns to the drawn column's own
    /// released shares `columnShares`, by iterative proportional fitting (post-processing: no data).
    /// Rows without a count keep the plain marginal, so the others are fitted to what that leaves;
    /// every cell gets 1% of its row spread by the columns' shares first, so that a category no
    /// counted cell holds (too rare in the joined sample, or its cells below the noise) is still
    /// drawn, given nothing. Without this, the conditional distributions' mixture was the marginal
    /// of whatever rows were counted: a child's category counted over at most four children per
    /// parent lost the categories those rows lacked.
    static func raked(_ cells: [Double], width: Int, rowShares: [Double], columnShares: [Double]) -> [Double] {
        let height = cells.count / width
        guard width > 0, height > 0, rowShares.count == height, columnShares.count == width else { return cells }
        let rowSums = (0..<height).map { i in (0..<width).reduce(0.0) { $0 + cells[i * width + $1] } }
        let used = (0..<height).filter { rowSums[$0] > 0 }
        let rowTotal = rowShares.reduce(0, +), columnTotal = columnShares.reduce(0, +)
        guard rowTotal > 0, columnTotal > 0 else { return cells }
        let rowShares = rowShares.map { $0 / rowTotal }
        let usedShare = used.reduce(0.0) { $0 + rowShares[$1] }
        guard usedShare > 0 else { return cells }
        var x = cells
        for i in used {
            for j in 0..<width { x[i * width + j] = (x[i * width + j] / rowSums[i] + 0.01 * columnShares[j] / columnTotal) * rowShares[i] }
        }
        let columnTargets = columnShares.map { $0 / columnTotal * usedShare }
        for _ in 0..<100 {
            var worst = 0.0
            for i in used {
                let sum = (0..<width).reduce(0.0) { $0 + x[i * width + $1] }
                guard sum > 0 else { continue }
                let factor = rowShares[i] / sum
                for j in 0..<width { x[i * width + j] *= factor }
            }
            for j in 0..<width {
                let sum = used.reduce(0.0) { $0 + x[$1 * width + j] }
                guard sum > 0 else { continue }
                worst = max(worst, abs(sum - columnTargets[j]))
                let factor = columnTargets[j] / sum
                for i in used { x[i * width + j] *= factor }
            }
            if worst < 1e-12 { break }
        }
        // Shares rounded to 2⁻⁴⁰: the column sums above add the rows in the given column's order,
        // which a neighbouring table's released counts set (a parent's categories by frequency), and
        // the last bits of a sum in another order moved the measurements of a table two keys away
        // (`PrivacyTests`).
        let unit = 0x1p40
        return x.map { ($0 * unit).rounded() / unit }
    }

    /// Under differential privacy, the category columns drawn given one category column of the row:
    /// the one with the fewest released categories (a country, a status, a tier), chosen from the
    /// released marginals alone, not from the data. One measurement per other column: the noisy counts of
    /// every pair of released categories (a row adds to one: sensitivity 1), cells below 2σ dropped as
    /// noise; a category of the given column whose counts all fall below keeps the plain marginal.
    /// Where the data hold no such relation the cells stay below 2σ and nothing changes. With `parent`
    /// (a child table under a synthesized parent), each category column is also counted against the
    /// parent's category column (sensitivity ``SynthesisFitter/childrenPerParent``) and follows the
    /// given column whose noisy counts show the stronger Cramér's V. Numbers are drawn given the
    /// row's column too: their place in the released marginal, in 16 bins per category.
    static func privateConditionals(
        marginals: [ColumnMarginal], scores: inout [[Double]], data: [Int: DimensionData], columns: [[Value]], rows: Double,
        parent: PrivateParentCategory? = nil, offsets: [Int: Int] = [:], noise: inout MeasurementNoise, random: inout KeyedRandom
    ) -> [Int: ConditionalMarginals] {
        let categorical = data.sorted { $0.key < $1.key }.compactMap { dimension, d -> (dimension: Int, column: Int, marginal: CategoricalMarginal)? in
            guard let column = d.column, case .categorical(let m) = marginals[dimension] else { return nil }
            return (dimension, column, m)
        }
        let numeric = data.sorted { $0.key < $1.key }.compactMap { dimension, d -> (dimension: Int, column: Int, marginal: NumericMarginal)? in
            guard let column = d.column, case .numeric(let m) = marginals[dimension] else { return nil }
            return (dimension, column, m)
        }
        guard (!categorical.isEmpty && (categorical.count + numeric.count >= 2 || parent != nil)) || numeric.count >= 2 else { return [:] }
        var result: [Int: ConditionalMarginals] = [:]
        // One column given for all (drawn first, from its marginal): no column waits on another that
        // waits on it. Its released categories must hold nearly every row (90% of the released count):
        // a column whose rare categories were suppressed would leave most rows without one.
        let a = categorical.filter({
            $0.marginal.categories.count >= 2 && $0.marginal.categories.count <= 1_000
                && $0.marginal.mass >= 0.9 * rows
        })
            .min(by: { $0.marginal.categories.count != $1.marginal.categories.count ? $0.marginal.categories.count < $1.marginal.categories.count : $0.dimension < $1.dimension })
        let aIndex = a.map { a in Dictionary(a.marginal.categories.enumerated().map { ($0.element[0], $0.offset) }, uniquingKeysWith: { x, _ in x }) } ?? [:]
        let pIndex = parent.map { p in Dictionary(p.marginal.categories.enumerated().map { ($0.element[0], $0.offset) }, uniquingKeysWith: { x, _ in x }) } ?? [:]
        for b in categorical where b.marginal.categories.count >= 2 {
            let bIndex = Dictionary(b.marginal.categories.enumerated().map { ($0.element[0], $0.offset) }, uniquingKeysWith: { x, _ in x })
            let width = b.marginal.categories.count
            // Noisy counts of (given category, b's category), cells below 2σ dropped as noise.
            func measure(_ categories: Int, sensitivity: Double, _ cell: (Int) -> Int?, rows: [Int]) -> [Double] {
                var cells = [Double](repeating: 0, count: categories * width)
                for r in rows {
                    guard let i = cell(r), let j = bIndex[columns[b.column][r]] else { continue }
                    cells[i * width + j] += 1
                }
                let sigma = noise.sigma(sensitivity: sensitivity)
                return noise.counts(cells, sensitivity: sensitivity).map { $0 >= 2 * sigma ? $0 : 0 }
            }
            var options: [(source: ConditionalMarginals.Source, column: Int, categories: [[Value]], noisy: [Double])] = []
            if let a, b.dimension != a.dimension {
                let noisy = measure(a.marginal.categories.count, sensitivity: 1, { aIndex[columns[a.column][$0]] }, rows: Array(columns[a.column].indices))
                options.append((.own, a.column, a.marginal.categories, noisy))
            }
            if let parent {
                // A parent row adds to at most `childrenPerParent` of its children's cells.
                let noisy = measure(
                    parent.marginal.categories.count, sensitivity: Double(SynthesisFitter.childrenPerParent),
                    { r in parent.values[r].flatMap { pIndex[$0[parent.column]] } }, rows: parent.rows)
                options.append((.parent, parent.column, parent.marginal.categories, noisy))
            }
            // The given column whose noisy counts show the stronger relation (Cramér's V of the
            // released counts: post-processing, no budget).
            // Below the association at which a column is drawn given another without DP, neither:
            // the column keeps its marginal (a V of 0 — three agents who share every category —
            // chose the parent's column when nothing else was offered).
            let strengths = options.map { Self.cramersV($0.noisy, width: width) }
            guard let chosen = strengths.indices.max(by: { strengths[$0] < strengths[$1] }),
                  strengths[chosen] >= associationThreshold else { continue }
            let best = options[chosen]
            // Drawn in: the given column's released shares (the parent's, over the children
            // counted), and the column's own released shares.
            let rowShares: [Double]
            if best.source == .own, let a {
                rowShares = a.marginal.categories.indices.map { a.marginal.share(of: $0) }
            } else {
                rowShares = best.categories.indices.map { i in best.noisy[(i * width)..<((i + 1) * width)].reduce(0, +) }
            }
            let fitted = Self.raked(best.noisy, width: width, rowShares: rowShares, columnShares: b.marginal.categories.indices.map { b.marginal.share(of: $0) })
            var conditional: [Value: ColumnMarginal] = [:]
            for (i, category) in best.categories.enumerated() {
                let weights = Array(fitted[(i * width)..<((i + 1) * width)])
                guard weights.contains(where: { $0 > 0 }) else { continue }
                let kept = weights.indices.filter { weights[$0] > 0 }
                conditional[category[0]] = .categorical(CategoricalMarginal(categories: kept.map { b.marginal.categories[$0] }, weights: kept.map { weights[$0] }))
            }
            guard !conditional.isEmpty else { continue }
            result[b.dimension] = ConditionalMarginals(source: best.source, column: best.column, marginals: conditional)
            // The rows' scores within their category's distribution, for the copula's residual.
            var positions: [Value: [Value: Int]] = [:]
            for (key, marginal) in conditional {
                guard case .categorical(let within) = marginal else { continue }
                positions[key] = Dictionary(within.categories.enumerated().map { ($0.element[0], $0.offset) }, uniquingKeysWith: { x, _ in x })
            }
            var stream = random.fork(b.dimension)
            for r in columns[b.column].indices {
                let key: Value
                if best.source == .own { key = columns[best.column][r] } else {
                    guard let values = parent?.values[r] else { continue }
                    key = values[best.column]
                }
                guard case .categorical(let within)? = conditional[key], let i = positions[key]?[columns[b.column][r]] else { continue }
                scores[b.dimension][r] = within.score(i, &stream)
            }
        }
        // Numbers given the same column, or where no category column qualifies, given a number of
        // few values: one whose released marginal is point masses for nearly all of it (a price of
        // 0.99 or 1.99). The copula cannot carry such a number's relations: its scores are drawn at
        // random inside each value's share, so a price that is 1.99 for one track in sixteen, the
        // videos, correlates 0.18 with their lengths where they are the longest tracks (Chinook), and
        // the videos came out as long as the songs. Its point masses are read from its released
        // knots (runs of equal knots): no data.
        let given: (dimension: Int, column: Int, categories: [Value], index: (Int) -> Int?)
        if let a {
            given = (a.dimension, a.column, a.marginal.categories.map { $0.first ?? .null }, { aIndex[columns[a.column][$0]] })
        } else if let few = numeric.compactMap({ b -> (dimension: Int, column: Int, masses: [Double], codec: NumberCodec)? in
            // Not a date drawn as a gap after another: its values are not its marginal's, and the
            // date it follows, drawn given it, would have to come before and after it.
            guard offsets[b.dimension] == nil else { return nil }
            let masses = b.marginal.pointMasses(covering: 0.9)
            guard masses.count >= 2, masses.count <= 64 else { return nil }
            return (b.dimension, b.column, masses, b.marginal.codec)
        }).min(by: { $0.masses.count != $1.masses.count ? $0.masses.count < $1.masses.count : $0.dimension < $1.dimension }),
            let numbers = data[few.dimension]?.numbers {
            let index = Dictionary(few.masses.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { x, _ in x })
            given = (few.dimension, few.column, few.masses.map { few.codec.value($0) }, { numbers[$0].flatMap { index[$0] } })
        } else {
            return result
        }
        // Each row's place in the number's released marginal (its score) in 16 even bins, counted
        // per category — one measurement per number, a row in one cell (sensitivity 1), cells below
        // 2σ dropped as noise. A category's number is then drawn from its own bins, each spanning
        // its share of the released marginal: the copula alone cannot order three tiers whose order
        // by frequency is not their amounts'. The given column was chosen from the released
        // marginals, so the choice reads no data.
        let bins = 16
        let rowCount = columns[given.column].count
        let givenIndex = (0..<rowCount).map(given.index)
        for b in numeric where b.column != given.column {
            var cells = [Double](repeating: 0, count: given.categories.count * bins)
            for r in 0..<rowCount {
                let u = scores[b.dimension][r]
                guard !u.isNaN, let i = givenIndex[r] else { continue }
                cells[i * bins + min(bins - 1, max(0, Int(u * Double(bins))))] += 1
            }
            let sigma = noise.sigma(sensitivity: 1)
            let noisy = noise.counts(cells).map { $0 >= 2 * sigma ? $0 : 0 }
            var conditional: [Value: ColumnMarginal] = [:]
            var cumulatives: [Int: [Double]] = [:]
            for (i, category) in given.categories.enumerated() {
                let weights = Array(noisy[(i * bins)..<((i + 1) * bins)])
                let total = weights.reduce(0, +)
                guard total > 0 else { continue }
                var cumulative = [0.0]
                for w in weights { cumulative.append(cumulative.last! + w / total) }
                // The category's quantile: its bin t, the place inside it, the marginal there.
                let knots = MarginalFitting.quantiles(cumulative, count: 257) { t, inside in b.marginal.quantile((Double(t) + inside) / Double(bins)) }
                conditional[category] = .numeric(NumericMarginal(nullShare: b.marginal.nullShare, knots: knots, codec: b.marginal.codec))
                cumulatives[i] = cumulative
            }
            guard !conditional.isEmpty else { continue }
            result[b.dimension] = ConditionalMarginals(source: .own, column: given.column, marginals: conditional)
            // The rows' scores within their category's distribution, for the copula's residual.
            for r in 0..<rowCount {
                let u = scores[b.dimension][r]
                guard !u.isNaN, let i = givenIndex[r], let cumulative = cumulatives[i] else { continue }
                let position = u * Double(bins)
                let t = min(bins - 1, max(0, Int(position)))
                let cdf = cumulative[t] + (cumulative[t + 1] - cumulative[t]) * min(max(position - Double(t), 0), 1)
                scores[b.dimension][r] = min(max(cdf, 1e-6), 1 - 1e-6)
            }
        }
        return result
    }

    /// Rows a category of the given column needs for a category column to be drawn given it (a
    /// number needs 10): a category of one row carried that row's other categories with it — the one
    /// Vice President's city and courtesy title, written beside the title every time; one of two, one
    /// of the two rows'. Below it, the plain marginal.
    static let smallestCategoryGroup = 3

    /// For each dimension, the category column (of the row — any column that does not depend on it in
    /// turn — or of the parent row) it depends on most, when the association (bias-corrected) is at
    /// least ``associationThreshold``, with its distributions per category of at least
    /// ``smallestCategoryGroup`` rows
    /// (``ConditionalMarginals``); the column `preferred` names for it wins (whatever the association)
    /// where it has a category large enough. `parent`: for
    /// each row, the parent row's values (nil: no parent row found), and the parent's category columns.
    ///
    /// The dimension's scores are then its ranks within its category (the conditional CDF), so that
    /// the copula, fitted after, does not count the dependence a second time.
    static func conditionals(
        marginals: [ColumnMarginal], scores: inout [[Double]], data: [Int: DimensionData], columns: [[Value]],
        parent: (values: [[Value]?], categoryColumns: [Int])?, preferred: [Int: [Int]] = [:], random: inout KeyedRandom
    ) -> [Int: ConditionalMarginals] {
        // Candidate category columns: the row's own categorical column dimensions, then the parent's.
        var candidates: [(source: ConditionalMarginals.Source, column: Int, keys: [Value?])] = []
        for (dimension, d) in data.sorted(by: { $0.key < $1.key }) {
            guard let column = d.column, case .categorical(let m) = marginals[dimension], m.categories.count > 1, m.categories.count <= 1_000 else { continue }
            candidates.append((.own, column, columns[column]))
        }
        if let parent {
            for column in parent.categoryColumns { candidates.append((.parent, column, parent.values.map { $0?[column] })) }
        }
        // Each candidate's rows by category (the same for every dimension).
        let candidateGroups = candidates.map { Self.groups($0.keys) }
        var result: [Int: ConditionalMarginals] = [:]
        for (b, d) in data.sorted(by: { $0.key < $1.key }) {
            let z = scores[b].map(Normal.quantile)
            // Rows a category needs for this column to be drawn given it.
            let minimum = d.numbers == nil ? Self.smallestCategoryGroup : 10
            var best: (candidate: Int, association: Double)?
            var usable = Set<Int>()
            for (k, candidate) in candidates.enumerated() {
                if candidate.source == .own {
                    // Not itself, and not a column that depends on this one (directly or through others).
                    if candidate.column == d.column { continue }
                    // (Through any of a conditional's columns: a region given its town, else its country.)
                    var open = [candidate.column], seen = Set<Int>()
                    var cycle = false
                    while let column = open.popLast(), seen.insert(column).inserted {
                        guard let dimension = data.first(where: { $0.value.column == column })?.key,
                              let conditional = result[dimension], conditional.source == .own else { continue }
                        if conditional.columns.contains(d.column ?? -1) { cycle = true; break }
                        open += conditional.columns
                    }
                    if cycle { continue }
                }
                usable.insert(k)
                let groups = candidateGroups[k]
                guard groups.count > 1 else { continue }
                let association: Double?
                if case .categorical(let m) = marginals[b] {
                    let rows = groups.flatMap(\.rows)
                    association = QualityReport.cramersV(rows.map { candidate.keys[$0]!.displayText }, rows.map { String(m.index(of: scores[b][$0])) }, biasCorrected: true)
                } else {
                    // The correlation ratio η of the normal scores over the categories.
                    let rows = groups.flatMap(\.rows).filter { !z[$0].isNaN }
                    guard !rows.isEmpty else { continue }
                    let mean = rows.reduce(0) { $0 + z[$1] } / Double(rows.count)
                    let total = rows.reduce(0) { $0 + (z[$1] - mean) * (z[$1] - mean) }
                    let between = groups.reduce(0.0) { sum, group in
                        let members = group.rows.filter { !z[$0].isNaN }
                        guard !members.isEmpty else { return sum }
                        let m = members.reduce(0) { $0 + z[$1] } / Double(members.count)
                        return sum + Double(members.count) * (m - mean) * (m - mean)
                    }
                    // Adjusted for the number of categories (ω²), as chance alone makes η grow with it.
                    let groupsCount = Double(groups.count), within = (total - between) / max(1, Double(rows.count) - groupsCount)
                    let adjusted = (between - (groupsCount - 1) * within) / (total + within)
                    association = total > 0 ? max(0, adjusted).squareRoot() : nil
                }
                if let association, association >= Self.associationThreshold, best == nil || association > best!.association { best = (k, association) }
            }
            // A town or region given its country: the dependence is known, not measured (on a
            // small table the bias correction takes it for chance: 25 states of 59 customers).
            // Drawn given its town, a region had the plain marginal in most rows (most towns hold
            // one or two), and given its region a town of Europe's NULL region was in any country;
            // given its country, a region was another town's (`Boston, WI`). So a region is drawn
            // given its town where the town has rows enough, else given its country: the columns
            // `preferred` lists, in order, each where it has a category large enough.
            var levels: [Int] = []
            for column in preferred[b] ?? [] {
                guard let k = candidates.indices.first(where: { candidates[$0].source == .own && candidates[$0].column == column }), usable.contains(k),
                      candidateGroups[k].contains(where: { $0.rows.count >= minimum }) else { continue }
                levels.append(k)
            }
            if levels.isEmpty, let (k, _) = best { levels = [k] }
            guard !levels.isEmpty else { continue }
            // Each level's distributions per category of `minimum` rows or more.
            var fitted: [(candidate: Int, groups: [(key: Value, rows: [Int])], marginals: [Value: ColumnMarginal])] = []
            for k in levels {
                let groups = candidateGroups[k]
                var conditional: [Value: ColumnMarginal] = [:]
                for (key, members) in groups where members.count >= minimum {
                    switch marginals[b] {
                    case .categorical(let m):
                        var counts: [Int: Double] = [:]
                        for r in members { counts[m.index(of: scores[b][r]), default: 0] += 1 }
                        let kept = counts.keys.sorted()
                        conditional[key] = .categorical(CategoricalMarginal(categories: kept.map { m.categories[$0] }, weights: kept.map { counts[$0]! }))
                    case .numeric(let m):
                        guard let numbers = d.numbers else { continue }
                        let present = members.compactMap { numbers[$0] }.sorted()
                        conditional[key] = .numeric(NumericMarginal(
                            nullShare: Double(members.count - present.count) / Double(members.count), knots: NumericMarginal.knots(ofSorted: present), codec: m.codec))
                    }
                }
                if !conditional.isEmpty { fitted.append((k, groups, conditional)) }
            }
            guard let first = fitted.first else { continue }
            result[b] = ConditionalMarginals(
                source: candidates[first.candidate].source, column: candidates[first.candidate].column, marginals: first.marginals,
                fallbacks: fitted.dropFirst().map { (candidates[$0.candidate].column, $0.marginals) })
            // A row's score is its rank within the category it is drawn given: the first level that
            // has the row's category.
            var placed = Set<Int>()
            for level in fitted {
                for (key, members) in level.groups {
                    let members = members.filter { !placed.contains($0) }
                    switch level.marginals[key] {
                    case .categorical(let within)?:
                        guard case .categorical(let m) = marginals[b] else { continue }
                        let position = Dictionary(uniqueKeysWithValues: within.categories.enumerated().map { ($0.element, $0.offset) })
                        for r in members {
                            if let i = position[m.categories[m.index(of: scores[b][r])]] { scores[b][r] = within.score(i, &random) }
                        }
                    case .numeric?:
                        guard let numbers = d.numbers else { continue }
                        let present = members.compactMap { numbers[$0] }.sorted()
                        for r in members {
                            guard let x = numbers[r] else { scores[b][r] = .nan; continue }
                            scores[b][r] = MarginalFitting.rank(x, inSorted: present, tie: Normal.uniform(&random))
                        }
                    case nil:
                        continue
                    }
                    placed.formUnion(members)
                }
            }
        }
        return result
    }

    /// The values a numeric column's declared type can hold (`smallint`, `numeric(6,2)`…): under
    /// differential privacy the bounds come from the schema, never from the data.
    static func bounds(of column: Column) -> ClosedRange<Double>? {
        let declared = column.declaredType.lowercased()
        if declared.hasPrefix("smallint") || declared == "int2" { return -32_768...32_767 }
        if declared.hasPrefix("bigint") || declared == "int8" { return -9.2e18...9.2e18 }
        // PostgreSQL's integer (SQLite's INTEGER holds 64 bits; bounding it to 32 under DP costs nothing real).
        if declared.hasPrefix("int") || declared == "serial" { return -2_147_483_648...2_147_483_647 }
        if declared.hasPrefix("numeric") || declared.hasPrefix("decimal"), let open = declared.firstIndex(of: "(") {
            let parts = declared[declared.index(after: open)...].split(whereSeparator: { $0 == "," || $0 == ")" || $0 == " " }).compactMap { Int($0) }
            if let precision = parts.first {
                let scale = parts.count > 1 ? parts[1] : 0
                let largest = pow(10, Double(precision - scale)) - pow(10, Double(-scale))
                return -largest...largest
            }
        }
        if column.logicalType == .integer { return -9.2e18...9.2e18 }
        return nil
    }

    /// The rows of each key, keys in the order they first occur (never a dictionary's order: the
    /// fit must draw the same numbers in every process).
    static func groups<Key: Hashable>(_ keys: [Key?]) -> [(key: Key, rows: [Int])] {
        var index: [Key: Int] = [:]
        var groups: [(key: Key, rows: [Int])] = []
        for (r, key) in keys.enumerated() {
            guard let key else { continue }
            if let i = index[key] { groups[i].rows.append(r) } else {
                index[key] = groups.count
                groups.append((key, [r]))
            }
        }
        return groups
    }

    /// The rows a table's model is fitted on, and what else of the source its fit reads: read before
    /// the fit (``read(source:)``) so that the next table's rows can be read while this one is fitted
    /// (``SynthesisFitter/fit(plan:source:key:ready:)``). The fit itself reads no row.
    struct Sample: Sendable {
        var sourceRows: Int64
        /// The sampled rows, a column at a time (the table's stored columns).
        var columns: [[Value]]
        /// Texts of the rows left out of the sample, by column (without DP).
        var unsampled: [Int: TextFilter]
        /// Children per sampled row, for each synthesized child table that follows this one.
        var childCounts: [[Int64]]
        /// Seconds the reading took.
        var seconds = 0.0
        /// Under DP, the keys of each copied table a foreign key references (by the key's index; nil
        /// where there are more than 100,000): no secret of this table, so every one is a category.
        var copiedKeys: [Int: [[Value]]?]
    }

    /// Reads what the fit of `table` reads: a random sample of about `fitRows` rows (each row kept
    /// with probability 1/stride, drawn from the secret), the children of each sampled row in each
    /// table of `children`, and under DP (`isPrivate`) the keys of the copied tables it references.
    static func read(
        table: Table, key: MasterKey, fitRows: Int, isPrivate: Bool, children: [(Table, Int)],
        synthesizedTables: [String], schema: DatabaseSchema, source: any DatabaseSource
    ) async throws -> Sample {
        let started = Date()
        let stored = table.storedColumns
        let sourceRows = try await source.rowCount(of: table)
        let stride = max(1, Int((Double(sourceRows) / Double(fitRows)).rounded(.up)))
        var columns = stored.map { _ in [Value]() }
        var ordinal = 0
        // Texts of the rows left out of the sample, for the text model's check that it never writes
        // a source value (without DP; the check reads values, which DP's text model does not).
        let textual = stride > 1 && !isPrivate ? stored.indices.filter { stored[$0].logicalType == .text } : []
        var unsampled = [Int: TextFilter]()
        for c in textual { unsampled[c] = TextFilter(capacity: Int(sourceRows)) }
        // Each row kept with probability 1/stride, drawn from the secret: not every n-th row, which
        // data that repeat with the row's place (an order's two lines, weekly rows) would bias.
        var sampler = key.hasher(generator: "synthesize-sample", domain: table.name).stream([], label: 5)
        for try await batch in try await source.rows(of: table, columns: stored, batchSize: 2_000) {
            let indexes = stored.map { batch.columnIndex($0.name)! }
            for r in 0..<batch.count {
                defer { ordinal += 1 }
                guard stride == 1 || sampler.unit() * Double(stride) < 1 else {
                    for c in textual { if case .text(let text) = batch.columns[indexes[c]][r] { unsampled[c]!.insert(text) } }
                    continue
                }
                for (c, i) in indexes.enumerated() { columns[c].append(batch.columns[i][r]) }
            }
        }
        let n = columns.first?.count ?? 0
        var childCounts: [[Int64]] = []
        for (child, k) in children {
            let foreignKey = child.foreignKeys[k]
            let fkColumns = foreignKey.columns.map { child.column(named: $0)! }
            let referenced = foreignKey.referencedColumns.map { name in stored.firstIndex { $0.name == name }! }
            if foreignKey.columns.count == 1 {
                // One column (the usual case): values as keys, no array per row.
                var counts: [Value: Int64] = [:]
                for try await batch in try await source.rows(of: child, columns: fkColumns, batchSize: 5_000) {
                    for value in batch.columns[0] where !value.isNull { counts[value, default: 0] += 1 }
                }
                childCounts.append((0..<n).map { r in counts[columns[referenced[0]][r]] ?? 0 })
            } else {
                var counts: [[Value]: Int64] = [:]
                for try await batch in try await source.rows(of: child, columns: fkColumns, batchSize: 5_000) {
                    let indexes = foreignKey.columns.map { batch.columnIndex($0)! }
                    for r in 0..<batch.count {
                        let tuple = indexes.map { batch.columns[$0][r] }
                        if !tuple.contains(.null) { counts[tuple, default: 0] += 1 }
                    }
                }
                childCounts.append((0..<n).map { r in counts[referenced.map { columns[$0][r] }] ?? 0 })
            }
        }
        var copiedKeys: [Int: [[Value]]?] = [:]
        if isPrivate {
            for (k, foreignKey) in table.foreignKeys.enumerated()
            where foreignKey.referencedTable != table.name && !synthesizedTables.contains(foreignKey.referencedTable) {
                guard let referenced = schema.table(named: foreignKey.referencedTable) else { continue }
                let keyColumns = foreignKey.referencedColumns.compactMap { referenced.column(named: $0) }
                var keys: [[Value]] = []
                for try await batch in try await source.rows(of: referenced, columns: keyColumns, batchSize: 5_000) {
                    let indexes = foreignKey.referencedColumns.map { batch.columnIndex($0)! }
                    for r in 0..<batch.count { keys.append(indexes.map { batch.columns[$0][r] }) }
                    if keys.count > 100_000 { break }
                }
                copiedKeys[k] = keys.count <= 100_000 ? keys : nil
            }
        }
        return Sample(sourceRows: sourceRows, columns: columns, unsampled: unsampled, childCounts: childCounts, seconds: Date().timeIntervalSince(started), copiedKeys: copiedKeys)
    }

    /// Fits the table's model on `sample` (``read(table:key:fitRows:isPrivate:children:synthesizedTables:schema:source:)``).
    mutating func fit(sample: Sample) throws -> Fitted {
        let stored = table.storedColumns
        let sourceRows = sample.sourceRows
        var columns = sample.columns
        let unsampled = sample.unsampled
        let childCounts = sample.childCounts
        let n = columns.first?.count ?? 0
        // Each column's draws (a category's score inside its share, a tie's place) from a stream of
        // its own (``KeyedRandom/fork(_:)`` of `streams`): one row more leaves every other row's
        // draws as they were, which the sensitivities under DP count on (PrivacyTests compare two
        // fits a row apart).
        let streams = key.hasher(generator: "synthesize-fit", domain: table.name).stream([], label: 4)
        var random = streams
        let isPrivate = accountant != nil
        // The rows of the synthesized tables this one may reference: under DP their released counts
        // (the source's would be read without noise).
        let referencedRows = synthesizedModels.compactMapValues { isPrivate ? $0.releasedRows : Double($0.sourceRows) }
        /// Rows with a NULL in one of the columns at `indexes` (a key that references nothing).
        func nullRows(_ indexes: [Int]) -> Int { (0..<n).filter { r in indexes.contains { columns[$0][r].isNull } }.count }
        /// References per referenced key among the sample's rows (the columns at `indexes`; NULLs none).
        func references(_ indexes: [Int]) -> [[Value]: Double] {
            var counts: [[Value]: Double] = [:]
            for r in 0..<n {
                let tuple = indexes.map { columns[$0][r] }
                if !tuple.contains(.null) { counts[tuple, default: 0] += 1 }
            }
            return counts
        }

        // What each column is, and how many DP measurements that takes.
        enum Plan {
            case key, dimension(categorical: Bool, ordered: Bool, codec: NumberCodec?, domain: [[Value]]?), foreignKey(Int, Int), text, uuid, blob, empty
            /// A PostgreSQL type with a syntax of its own (`inet`, `interval`, `point`): ``ShapeModel``.
            case shape
            /// A range of numbers, dates or timestamps: ``RangeModel`` (under DP too), its values read.
            case range(RangeModel.Read)
            /// A PostgreSQL array of mostly distinct values: the text model over its elements.
            case array
            /// JSON documents the run writes: ``JSONModel``.
            case json
            /// A column a generator writes; under DP its layout, when the values have one (else a text model).
            case sampled(layout: [KeyShape.Slot]?)
            /// Under DP, people's names, emails and streets, and firms' names, by the column's name: ``InventedValues``.
            case invented(InventedValues.Kind)
        }
        var plans: [Plan] = []
        var foreignKeyDimensions: [Int] = []
        var foreignSources: [Int: TableModel.ForeignKeySource] = [:]
        // Under DP, the nullable keys to synthesized or own rows, whose NULL share two noisy counts give
        // (measured below, with the table's other measurements; a NOT NULL key has none).
        var privateNullShares: [Int] = []
        // Under DP, the keys to synthesized rows whose spread (references per referenced row) noisy
        // counts give.
        var privatePopularity: [Int] = []
        for (k, foreignKey) in table.foreignKeys.enumerated() {
            let firstNullable = foreignKey.columns.contains { table.column(named: $0)?.isNullable ?? true }
            let fkIndexes = foreignKey.columns.map { name in stored.firstIndex { $0.name == name }! }
            // Under DP measured below with noise (`privateNullShares`), not here.
            let nullShare = isPrivate || n == 0 ? 0 : Double(nullRows(fkIndexes)) / Double(n)
            if k == parentKey {
                foreignSources[k] = .parent
            } else if foreignKey.referencedTable == table.name {
                guard Set(foreignKey.referencedColumns).isSubset(of: ordinalKeys) else {
                    throw SynthesisError("its foreign key \(foreignKey.describe(from: table.name)) references columns that are not a one-column key, which synthesis cannot renumber; synthesize without it (declare it in exclude_objects or drop it) or copy the table")
                }
                foreignSources[k] = .own(nullShare: nullShare)
                if isPrivate && firstNullable { privateNullShares.append(k) }
            } else if let at = synthesizedTables.firstIndex(of: foreignKey.referencedTable) {
                let here = synthesizedTables.firstIndex(of: table.name)!
                if SynthesisFitter.takesNewKeys(foreignKey, at: at, from: here, ordinalKeys: ordinalKeysByTable[foreignKey.referencedTable]!) {
                    var popularity: [Double] = []
                    if !isPrivate, let referenced = referencedRows[foreignKey.referencedTable] {
                        let counts = references(fkIndexes)
                        popularity = counts.values.sorted(by: >) + [Double](repeating: 0, count: max(0, Int(referenced) - counts.count))
                    } else if isPrivate, referencedRows[foreignKey.referencedTable] != nil {
                        privatePopularity.append(k)
                    }
                    foreignSources[k] = .synthesized(table: foreignKey.referencedTable, nullShare: nullShare, popularity: popularity, link: nil)
                    if isPrivate && firstNullable { privateNullShares.append(k) }
                } else if firstNullable {
                    foreignSources[k] = .null
                } else {
                    throw SynthesisError("its foreign key \(foreignKey.describe(from: table.name)) references synthesized rows that are generated after it (a cycle) or by columns that are not a one-column key, and it is NOT NULL; make the column nullable, or copy one of the two tables")
                }
            } else {
                foreignKeyDimensions.append(k)
            }
        }
        let foreignColumns = Dictionary(table.foreignKeys.enumerated().flatMap { k, key in key.columns.enumerated().map { ($0.element, (k, $0.offset)) } }, uniquingKeysWith: { a, _ in a })
        // Columns whose rows draw from fakes of their values (``ColumnFakes``): the values.
        var fakedSources: [Int: [Value]] = [:]
        // Every column written as fakes (those and a category's), with the generator: the report's.
        var faked: [(column: String, generator: String)] = []
        // Columns of towns, regions and countries (the scanner's verdict, without DP).
        var places: [Int: PersonalKind] = [:]
        let checkListed = isPrivate ? Self.listedValues(table, schema: schema) : [:]
        for (c, column) in stored.enumerated() {
            if ordinalKeys.contains(column.name) { plans.append(.key); continue }
            if let (k, position) = foreignColumns[column.name] { plans.append(.foreignKey(k, position)); continue }
            // A column whose generator writes the value: its input is a source value (not modelled).
            if generated.contains(column.name), column.logicalType != .json, LogicalType.textual.contains(column.logicalType) || !isPrivate {
                plans.append(.sampled(layout: isPrivate ? KeyShape.layout(columns[c], rows: 1) : nil))
                continue
            }
            let values = columns[c]
            // A number or date: a category where it has few values that rows share (without DP), else
            // a marginal. Values no two rows share are no categories: drawn as such, a small table's
            // every birth date, salary and hire date was written back as it was, one category each.
            func number(_ codec: NumberCodec) -> Plan {
                let (distinct, shared) = QualityReport.repetition(values.prefix(10_000))
                return .dimension(categorical: distinct <= MarginalFitting.discreteLimit && shared && !isPrivate, ordered: true, codec: codec, domain: nil)
            }
            if isPrivate, case .categories(let categories)? = domains[column.name] {
                // Public categories: counted with noise, none suppressed, nothing outside them released.
                var domain = categories.map { text -> [Value] in [column.logicalType == .integer ? Int64(text).map(Value.integer) ?? .text(text) : .text(text)] }
                if column.isNullable { domain.append([.null]) }
                plans.append(.dimension(categorical: true, ordered: column.logicalType == .integer, codec: nil, domain: domain))
                continue
            }
            if isPrivate, let listed = checkListed[column.name], [.text, .integer].contains(column.logicalType) {
                // A CHECK's list of values is public, as an enum's labels are: counted with noise,
                // none suppressed (a status of 2% of the rows never passed the threshold that hides one).
                var domain = listed.compactMap { value -> [Value]? in
                    column.logicalType == .integer ? Int64(value.displayText).map { [.integer($0)] } : [.text(value.displayText)]
                }
                if column.isNullable { domain.append([.null]) }
                plans.append(.dimension(categorical: true, ordered: column.logicalType == .integer, codec: nil, domain: domain))
                continue
            }
            if column.syntax == "enum" {
                // An enum's values are its labels, whatever their number: categories, never the text
                // model's words (the type refused them, and the run failed). Under DP the labels,
                // which the schema lists, are the public domain: counted with noise, none suppressed.
                var domain: [[Value]]?
                if isPrivate, let labels = Self.enumLabels(of: column, in: schema) {
                    domain = labels.map { [.text($0)] } + (column.isNullable ? [[.null]] : [])
                }
                plans.append(.dimension(categorical: true, ordered: false, codec: nil, domain: domain))
                continue
            }
            // A column no sampled row fills (added, never used), or any column of an empty table:
            // NULL, one category, whatever its type. Its type's model found nothing to read, and the
            // run stopped (`no two of its inet values share a shape`, `none of its values reads as
            // JSON`); an empty table stays empty (below).
            if values.allSatisfy(\.isNull), column.logicalType != .boolean {
                plans.append(.dimension(categorical: true, ordered: false, codec: nil, domain: nil))
                continue
            }
            // A text column's dates or amounts (SQLite keeps them as text), read once.
            let textCodec = column.logicalType == .text ? NumberCodec.fitted(values, type: .text) : nil
            switch column.logicalType {
            case .boolean:
                plans.append(.dimension(categorical: true, ordered: true, codec: nil, domain: [[.null], [.integer(0)], [.integer(1)]]))
            case .integer, .real, .decimal, .date, .timestamp:
                if let codec = NumberCodec.fitted(values, type: column.logicalType) {
                    plans.append(number(codec))
                } else if QualityReport.isCategorical(values) {
                    plans.append(.dimension(categorical: true, ordered: false, codec: nil, domain: nil))
                } else {
                    // (The text model's characters are no number or date: the destination refused them.)
                    throw SynthesisError(
                        "\(column.name): its values read neither as \(LogicalType.temporal.contains(column.logicalType) ? "dates" : "numbers") synthesis can model (BC dates, text in a number column) nor repeat as categories; give it a generator, e.g. `\(column.name): \(LogicalType.temporal.contains(column.logicalType) ? "date.shift" : "\"null\"")`",
                        table: table.name)
                }
            case .uuid: plans.append(.uuid)
            case .blob:
                // A column without a declared type (SQLite gives it BLOB affinity) holding numbers or
                // text: modelled as what it holds. (As bytes it came out NULL in every row.)
                let blobs = values.filter { if case .blob = $0 { return true } else { return false } }.count
                let present = values.filter { !$0.isNull }.count
                if blobs * 2 >= present {
                    plans.append(.blob)
                } else if values.filter({ if case .integer = $0 { return true }; if case .real = $0 { return true }; return false }).count * 10 >= present * 9,
                          let codec = NumberCodec.fitted(values, type: .real) {
                    plans.append(number(codec))
                } else {
                    plans.append(QualityReport.isCategorical(values) ? .dimension(categorical: true, ordered: false, codec: nil, domain: nil) : .text)
                }
            case .json:
                // Written by its generator (the planner asks for one under DP): nothing to model.
                if generated.contains(column.name) { plans.append(.empty); continue }
                guard !isPrivate else {
                    throw SynthesisError("\(column.name): under differential privacy JSON documents cannot be synthesized (their structure would be read without noise); give it a generator, e.g. `\(column.name): { generator: constant, value: \"{}\" }`, or `null`", table: table.name)
                }
                plans.append(.json)
            case .text where textCodec?.isTemporal == true:
                // Dates kept as text (SQLite): numbers in time, written back in their layout.
                plans.append(.dimension(categorical: false, ordered: true, codec: textCodec, domain: nil))
            case .text where textCodec?.isAffixed == true:
                // Amounts with their currency or unit (`$1,234.50`, `12.5 kg`): numbers, written back so
                // (a chain of characters wrote `$11.415`, `$50062.`); a few values rows share, categories.
                plans.append(number(textCodec!))
            case .text:
                // Names, addresses and notes (mostly unique) get the text model, which never writes a
                // source value whole.
                let repeating = QualityReport.isCategorical(values)
                // A range type of the schema's own (`price_range`) is known by its values.
                if !repeating, ShapeModel.applies(to: column) || !ShapeModel.isPlainText(column), let read = RangeModel.Read(values, multirange: column.syntax == "multirange") {
                    plans.append(.range(read))
                    continue
                }
                // A type with a syntax of its own that is no list of synthesis' (a composite of the
                // schema's, `tsquery`, `ltree`): by shape too. The text model's words broke its syntax
                // (`(EUR,15`), and the destination refused them.
                let ownSyntax = column.syntax.map { $0 != "text" && $0 != "enum" && !$0.hasSuffix("[]") } ?? false
                if !repeating, ShapeModel.applies(to: column) || ownSyntax {
                    // (Under DP a shape is read off the data: such a column needs a generator.)
                    guard !isPrivate else {
                        throw SynthesisError("\(column.name): under differential privacy a column of type \(column.declaredType) cannot be synthesized (its values' shapes would be read without noise); give it a generator, e.g. `\(column.name): { generator: constant, value: … }`, or `null`", table: table.name)
                    }
                    plans.append(.shape)
                    continue
                }
                if isPrivate, !repeating, let kind = InventedValues.kind(of: column, in: table) {
                    plans.append(.invented(kind))
                    continue
                }
                // What the scanner finds the column holds (without DP: the verdict reads values).
                let verdict = isPrivate || column.declaredType.hasSuffix("[]") && !repeating ? nil : ColumnFakes.verdict(table: table, column: column, values: values)
                if let kind = verdict?.kind, [.city, .region, .country].contains(kind) { places[c] = kind }
                if repeating, let fake = ColumnFakes(key: key, table: table, column: column, verdict: verdict, kinds: ColumnFakes.categoryKinds, purpose: "synthesize-category") {
                    // Categories of a column the scanner finds names people (an agent in many tickets)
                    // or holds their emails and numbers are written as fakes, each label the same fake
                    // in every row (its share kept); towns, firms and statuses stay. Before, every
                    // label was written back.
                    columns[c] = fake(values)
                    faked.append((column.name, fake.generatorName))
                }
                if !repeating, let fake = ColumnFakes(key: key, table: table, column: column, verdict: verdict, kinds: ColumnFakes.textKinds, purpose: "synthesize") {
                    // People's names, emails, phone numbers, streets (mostly distinct): the rows draw
                    // from the fakes of the source's values, as a column with a generator does. Learnt
                    // by a chain of characters, a few surnames came back nearly whole (`Dodswort`) and
                    // emails with two `@`. The source values stay texts no text model may write.
                    fakedSources[c] = values
                    faked.append((column.name, fake.generatorName))
                    columns[c] = fake(values, unreadLeftOut: true)
                    plans.append(.sampled(layout: nil))
                    continue
                }
                if !repeating, places[c] == nil, let fake = ColumnFakes(firmsOf: column, in: table, key: key) {
                    // Firms' names (mostly distinct), by the column's name: fakes, as people's names
                    // are. A chain of words recombined them, and the people a firm is named after.
                    fakedSources[c] = values
                    faked.append((column.name, fake.generatorName))
                    columns[c] = fake(values, unreadLeftOut: true)
                    plans.append(.sampled(layout: nil))
                    continue
                }
                if !repeating, places[c] != nil {
                    // Towns, countries, regions that few rows share are categories still: a town
                    // is no one, and as one it can be drawn given its country (a chain of characters
                    // wrote `Alburgdiihu`, `Nan Fr`, `Buenos ` in any country).
                    plans.append(.dimension(categorical: true, ordered: false, codec: nil, domain: nil))
                    continue
                }
                plans.append(repeating ? .dimension(categorical: true, ordered: false, codec: nil, domain: nil) : column.declaredType.hasSuffix("[]") ? .array : .text)
            }
        }
        // Under DP, the numbers' and dates' declared bounds (`domains:`), by column: they must read as
        // the column's values do (numbers, or dates where the column holds dates).
        var declared: [Int: ClosedRange<Double>] = [:]
        for (c, plan) in plans.enumerated() {
            guard isPrivate, case .dimension(false, _, let codec?, _) = plan, let domain = domains[stored[c].name] else { continue }
            var temporal = false
            if case .temporal = codec { temporal = true }
            guard let range = domain.range(temporal: temporal) else {
                throw SynthesisError("domains.\(stored[c].name): the bounds do not read as the column's values, which are \(temporal ? "dates" : "numbers"); give \(temporal ? "dates, e.g. { min: 2020-01-01, max: 2025-12-31 }" : "numbers, e.g. { min: 0, max: 500 }")", table: table.name)
            }
            declared[c] = range
        }
        // Dates and timestamps, in column order. Under DP each after the first is also measured as
        // its gap after the first (its own budget), and drawn as that gap where the released gaps
        // span at most a quarter of its released values (``privateOffsetCandidates``).
        let dateColumns = plans.indices.compactMap { c -> (column: Int, codec: NumberCodec)? in
            guard case .dimension(false, _, let codec?, _) = plans[c], case .temporal = codec else { return nil }
            return (c, codec)
        }
        // Columns a CHECK constraint orders after another (`CHECK (ends >= starts)`): drawn as the gap
        // after it, never below 0, with or without DP (the schema is public). Without it, rows broke
        // the constraint and the destination refused them.
        // Chains follow one another (booked ≤ departs ≤ returns: each the gap after the one before);
        // a column ordered after two (departs after booked and after paid) is the gap after one and
        // held at or above the other; so is a number of few values (seats ≤ max_seats, categories),
        // and one whose earlier column may be NULL where it may not (the gap after a NULL is NULL).
        // An order implied by others (low ≤ high beside low ≤ mid ≤ high) or closing a cycle is left
        // out. Before, only a column's first order was kept, and none after an ordered column: the
        // destination refused the rows.
        var orderedAfter: [Int: (anchor: Int, strict: Bool)] = [:]
        var heldAbove: [Int: [(column: Int, strict: Bool)]] = [:]
        var orderEdges: [(later: Int, earlier: Int, strict: Bool)] = []
        func reaches(_ from: Int, _ to: Int) -> Bool {
            var stack = [from], seen = Set<Int>()
            while let c = stack.popLast() {
                if c == to { return true }
                guard seen.insert(c).inserted else { continue }
                stack += orderEdges.filter { $0.earlier == c }.map(\.later)
            }
            return false
        }
        for check in Self.orderChecks(table) {
            guard let later = stored.firstIndex(where: { $0.name.lowercased() == check.later.lowercased() }),
                  let earlier = stored.firstIndex(where: { $0.name.lowercased() == check.earlier.lowercased() }), later != earlier,
                  case .dimension(_, _, let laterCodec?, _) = plans[later], case .dimension(_, _, let earlierCodec?, _) = plans[earlier],
                  laterCodec.isTemporal == earlierCodec.isTemporal, !reaches(later, earlier), !reaches(earlier, later) else { continue }
            orderEdges.append((later, earlier, check.strict))
        }
        // Orders implied by the others (low ≤ high beside low ≤ mid ≤ high), whichever came first;
        // only through columns that cannot be NULL (a CHECK holds where a column is NULL, so
        // booked ≤ paid ≤ departs with paid NULL says nothing of booked and departs).
        orderEdges = orderEdges.enumerated().filter { k, edge in
            let others = orderEdges.enumerated().filter { $0.offset != k }.map(\.element)
            var stack = others.filter { $0.earlier == edge.earlier }.map(\.later), seen = Set<Int>()
            while let c = stack.popLast() {
                if c == edge.later { return false }
                guard !stored[c].isNullable, seen.insert(c).inserted else { continue }
                stack += others.filter { $0.earlier == c }.map(\.later)
            }
            return true
        }.map(\.element)
        for edge in orderEdges {
            if orderedAfter[edge.later] == nil, case .dimension(false, _, _, _) = plans[edge.later], !stored[edge.earlier].isNullable || stored[edge.later].isNullable {
                orderedAfter[edge.later] = (edge.earlier, edge.strict)
            } else {
                heldAbove[edge.later, default: []].append((edge.earlier, edge.strict))
            }
        }
        let ordered = Set(orderEdges.flatMap { [$0.later, $0.earlier] })
        let privateOffsetCandidates: [Int: Int] = isPrivate && !dateColumns.isEmpty && !ordered.contains(dateColumns[0].column)
            ? Dictionary(uniqueKeysWithValues: dateColumns.dropFirst().filter { declared[$0.column] == nil && !ordered.contains($0.column) }
                .filter { !stored[dateColumns[0].column].isNullable || stored[$0.column].isNullable }
                .map { ($0.column, dateColumns[0].column) })
            : [:]
        // Under DP, the parent's category column this table's categories may be drawn given.
        let parentCategoryColumn = isPrivate && parentScores != nil ? parentModel.flatMap(Self.privateParentCategory) : nil
        var noise: MeasurementNoise?
        // Under DP: the table's row count, released once, sizes the table and divides its children.
        var releasedRows = Double(sourceRows)
        // Under DP: the nullable parent key's columns, whose NULL rows (generated after the parents'
        // children) a noisy count gives, and that count in the fit's sample.
        let orphanKey = isPrivate ? parentKey.flatMap { k -> [Int]? in
            let columns = table.foreignKeys[k].columns
            guard columns.contains(where: { table.column(named: $0)?.isNullable ?? true }) else { return nil }
            return columns.map { name in stored.firstIndex { $0.name == name }! }
        } : nil
        var releasedOrphans = 0.0
        if let accountant {
            // The plan: every measurement the fit takes below, with its weight. The row count and the
            // children's totals scale whole tables, so they get four shares each (half the noise).
            // (One share where the count only sets the numbers' bins: a child table without children.)
            let rowsWeight = (parentKey == nil && rows == nil) || !childCounts.isEmpty ? SynthesisFitter.rowsWeight : 1
            let numberWeight = SynthesisFitter.numberWeight
            var planned = rowsWeight + Double(foreignKeyDimensions.count) + Double(childCounts.count) * (numberWeight + SynthesisFitter.childrenWeight)
            var measurements = 1 + foreignKeyDimensions.count + childCounts.count * (Int(numberWeight) + 1)
            // The rows without a parent (their parent key NULL): one noisy count.
            if orphanKey != nil { planned += 1; measurements += 1 }
            planned += Double(privateNullShares.count + privatePopularity.count)
            measurements += privateNullShares.count + privatePopularity.count
            var dimensionCount = foreignKeyDimensions.count + childCounts.count
            for (c, plan) in plans.enumerated() {
                var weight = 0.0
                switch plan {
                case .dimension(let categorical, _, _, _):
                    // A number: its spikes, range, narrowing rounds and histogram (the first and last with bounds).
                    weight = categorical ? 1 : declared[c] != nil && orderedAfter[c] == nil ? 2 : numberWeight
                    // A date after the first: its gap after the first too.
                    if privateOffsetCandidates[c] != nil { weight += numberWeight }
                    dimensionCount += 1
                case .text, .array, .shape, .json: weight = 2
                // Its shares (one histogram), its lower bounds and its widths (each a number).
                // (A multirange's number of ranges, one histogram more.)
                case .range(let read): weight = 1 + 2 * numberWeight + (read.counts == nil ? 0 : 1)
                case .uuid, .blob: weight = 1
                case .sampled(let layout): weight = layout == nil ? 2 : 0
                // Its NULL share, where it may hold NULLs (one histogram of two counts).
                case .invented: weight = stored[c].isNullable ? 1 : 0
                default: break
                }
                planned += weight
                measurements += Int(weight)
            }
            // A category column's counts given another category column (``privateConditionals``).
            // A number's counts given that column too.
            let categoryColumns = plans.filter { if case .dimension(true, _, _, _) = $0 { return true } else { return false } }.count
            let numberColumns = plans.filter { if case .dimension(false, _, _, _) = $0 { return true } else { return false } }.count
            // Without a category column, the numbers' counts given a number of few values, where
            // one's released marginal turns out to be point masses (not known before it is fitted).
            if categoryColumns >= 1, categoryColumns + numberColumns >= 2 {
                planned += Double(categoryColumns - 1 + numberColumns)
                measurements += categoryColumns - 1 + numberColumns
            } else if categoryColumns == 0, numberColumns >= 2 {
                planned += Double(numberColumns - 1)
                measurements += numberColumns - 1
            }
            // Each category column's counts given the parent's category column.
            if parentCategoryColumn != nil {
                planned += Double(categoryColumns)
                measurements += categoryColumns
            }
            // The copula's sums of products.
            if dimensionCount + (parentScores == nil ? 0 : parentModel?.ownDimensions.count ?? 0) >= 2 { planned += 1; measurements += 1 }
            noise = MeasurementNoise(table: table.name, rho: accountant.shares[table.name] ?? 0, planned: planned, thresholdDelta: accountant.thresholdDelta / Double(max(1, tableCount)) / Double(measurements))
            releasedRows = noise!.count(Double(sourceRows), weight: rowsWeight)
            // The rows without a parent: a row adds one to the count (sensitivity 1). Below the
            // threshold of an open domain's categories (1 + σ·Φ⁻¹(1 − δ)) it is taken for noise — in a
            // small table at ε = 1 the noise is many times its rows, and a count over σ alone (one
            // time in six) made Chinook's 59 customers 973 — and never more than the table's rows.
            if let orphanKey {
                releasedOrphans = min(noise!.thresholded([Double(nullRows(orphanKey))])[0] ?? 0, releasedRows)
            }
            // NULL shares of nullable keys to synthesized rows: two noisy counts each.
            for k in privateNullShares {
                let indexes = table.foreignKeys[k].columns.map { name in stored.firstIndex { $0.name == name }! }
                let nulls = Double(nullRows(indexes))
                let noisy = noise!.counts([nulls, Double(n) - nulls])
                let share = noisy[0] / max(1, noisy[0] + noisy[1])
                switch foreignSources[k] {
                case .synthesized(let name, _, let popularity, let link)?: foreignSources[k] = .synthesized(table: name, nullShare: share, popularity: popularity, link: link)
                default: foreignSources[k] = .own(nullShare: share)
                }
            }
            // The spread of references to another synthesized table: each referenced row's references
            // (those never referenced included), noised (a row adds one to one count: sensitivity 1),
            // counts below σ taken for noise, sorted: only their shape is used — the referenced rows
            // are new, so no count is tied to a source row.
            for k in privatePopularity {
                guard case .synthesized(let name, let share, _, let link)? = foreignSources[k], let referenced = referencedRows[name] else { continue }
                let counts = references(table.foreignKeys[k].columns.map { name in stored.firstIndex { $0.name == name }! })
                // As many entries as the referenced table's released rows, most referenced first:
                // a row more here adds one to one entry, a new referenced key included (a 1 where
                // a 0 stood; sorted up, the rest moved along).
                let entries = max(1, Int(referenced.rounded()))
                let sorted = counts.values.sorted(by: >).prefix(entries)
                let sigma = noise!.sigma(sensitivity: 1)
                let noisy = noise!.counts(Array(sorted) + [Double](repeating: 0, count: entries - sorted.count)).map { $0 >= sigma ? $0 : 0 }
                let popularity = noisy.sorted(by: >)
                foreignSources[k] = .synthesized(table: name, nullShare: share, popularity: popularity.contains { $0 > 0 } ? popularity : [], link: link)
            }
        }

        // The released row count's share in the fit's sample (all of it unless the table is larger).
        let releasedSample = releasedRows * Double(n) / Double(max(1, sourceRows))
        // The rows generation is expected to give this table at scale 1, the sample's share of them:
        // its released count where it is a root, and where it follows a synthesized parent, that
        // parent's measured total of it, which sets how many are generated. Its own released count
        // there is another noise: dividing its children by it multiplied them by the ratio of two
        // noisy counts (Chinook at ε = 1: 33,367 invoices for 412 when the customers' own count came
        // out near 1 and their support reps' total of them near 75).
        let generatedSample = (parentModel?.childRows[table.name] ?? releasedRows) * Double(n) / Double(max(1, sourceRows))
        var childRows: [String: Double] = [:]

        // The texts no text model of the table may write: every text column's values, and those the
        // synthesized tables it references may not write (without DP; a private model keeps none).
        // A text of one column may be a value of another: a company's name begins with its contact's,
        // an order's recipient is its customer's contact.
        var unwritten: Set<String> = []
        let writesText = plans.contains(where: { if case .text = $0 { return true } else { return false } })
        if !isPrivate, writesText || !referencedKeys.isEmpty {
            for (c, plan) in plans.enumerated() {
                let values: [Value]
                if let sources = fakedSources[c] { values = sources } else if case .text = plan { values = columns[c] } else { continue }
                for value in values {
                    if case .text(let t) = value { unwritten.insert(t) } else if !value.isNull { unwritten.insert(value.displayText) }
                }
            }
            for referenced in Set(table.foreignKeys.map(\.referencedTable)) where referenced != table.name {
                if let texts = synthesizedModels[referenced]?.textsNotToWrite { unwritten.formUnion(texts) }
            }
        }

        // Marginals and scores.
        var marginals: [ColumnMarginal] = []
        var names: [String] = []
        var scores: [[Double]] = []
        var roles: [TableModel.Role] = []
        var keyShapes: [String: KeyShape] = [:]
        var dimensionData: [Int: DimensionData] = [:]
        let expectedRows = Int(max(Double(sourceRows), Double(rows ?? 0), Double(sourceRows) * scale) * (parentKey == nil ? 1 : 4)) + 1
        // Dates that follow another date of the row, modelled as the gap (without DP: decided on the data).
        let checkBounds = isPrivate ? Self.boundChecks(table) : [:]
        // (A column a CHECK orders keeps the CHECK's order only: the data's might close a cycle.)
        var offsetAnchors = isPrivate ? [:] : Self.offsetAnchors(dates: dateColumns, columns: columns, nullable: stored.map(\.isNullable))
            .filter { !ordered.contains($0.key) && !ordered.contains($0.value) }
        for (later, order) in orderedAfter { offsetAnchors[later] = order.anchor }
        var offsetFloors: [Int: Double] = [:]
        var orderFloors: [Int: [TableModel.Floor]] = [:]
        var offsets: [Int: Int] = [:]
        for (c, column) in stored.enumerated() {
            let values = columns[c]
            random = streams.fork(c)
            switch plans[c] {
            case .key:
                // A column named for email addresses or user names (its name is public), or outside DP one
                // whose values are addresses (`contact`: a counter in digits, `000…001`), gets those, not
                // its values' layout.
                let kind = ColumnNameRules.match(column: column.name, table: table.name).map(\.kind).flatMap { [.email, .username].contains($0) ? $0 : nil }
                    ?? (!isPrivate && KeyShape.holdsEmails(values) ? .email : nil)
                let names = kind.map { (NameSpace(column: column.name, key: key.derive("synthesize-name-key;\(table.name).\(column.name)").withUnsafeBytes { Array($0) }), $0) }
                let shape = isPrivate
                    ? try KeyShape.fitted([], type: column.logicalType, maximumLength: column.maximumLength, rows: expectedRows, names: names)
                    : try KeyShape.fitted(values, type: column.logicalType, maximumLength: column.maximumLength, rows: expectedRows, names: names)
                keyShapes[column.name] = shape
                roles.append(.key(shape))
            case .dimension(let categorical, let ordered, let codec, let domain):
                var fitted: (ColumnMarginal, [Double])
                // A number's values as its marginal holds them (a date drawn as a gap: the gaps).
                var modelled: [Double?]?
                if categorical {
                    let tuples = values.map { [$0] }
                    if var measured = noise {
                        fitted = MarginalFitting.privateCategorical(tuples, ordered: ordered, knownDomain: domain, nullable: column.isNullable, noise: &measured, random: &random)
                        noise = measured
                        // (An empty table writes no row: its NOT NULL columns' NULL is never drawn.)
                        if !column.isNullable, n > 0, case .categorical(let m) = fitted.0, m.categories.allSatisfy({ $0.allSatisfy(\.isNull) }) {
                            throw SynthesisError("\(column.name): under differential privacy every category is rarer than the threshold that hides a single row at this budget, and the column is NOT NULL; declare the categories that are public knowledge under `tables.\(table.name).domains.\(column.name)` (`[US, CA, …]`: counted with noise, none suppressed), raise synthesis.differential_privacy.epsilon or the table's `epsilon:`, or give the column a generator")
                        }
                    } else {
                        fitted = MarginalFitting.categorical(tuples, ordered: ordered, dropSingletons: false, random: &random)
                    }
                } else {
                    var numbers = values.map { codec!.number($0) }
                    if let anchor = offsetAnchors[c] {
                        numbers = Self.gaps(numbers, after: columns[anchor], codec: codec!)
                        offsets[marginals.count] = anchor
                        if let order = orderedAfter[c] { offsetFloors[marginals.count] = order.strict ? codec!.step : 0 }
                    }
                    if var measured = noise {
                        var limit = Self.bounds(of: column)
                        if case .temporal? = codec { limit = NumberCodec.temporalRangeWithInfinities }
                        if offsetAnchors[c] == nil, !(codec?.isTemporal ?? true), let check = checkBounds[column.name.lowercased()] {
                            // A CHECK constraint's bounds (a strict one a step inside).
                            let step = codec!.step
                            var low = limit?.lowerBound ?? -Double.greatestFiniteMagnitude, high = limit?.upperBound ?? Double.greatestFiniteMagnitude
                            if let (bound, strict) = check.low { low = max(low, strict ? bound + step : bound) }
                            if let (bound, strict) = check.high { high = min(high, strict ? bound - step : bound) }
                            if low <= high { limit = low...high }
                        }
                        if offsetAnchors[c] != nil { limit = limit.map(Self.gapRange) }
                        // (A date's classes from 1900, not from 1970, which lies inside birth dates; a gap's from 0.)
                        let isDate = offsetAnchors[c] == nil && codec!.isTemporal
                        fitted = MarginalFitting.privateNumeric(
                            numbers, codec: codec!, nullable: column.isNullable, limit: limit, declared: offsetAnchors[c] == nil ? declared[c] : nil,
                            rows: releasedSample, origin: isDate ? NumberCodec.dateOrigin : 0, anchorClasses: isDate ? MarginalFitting.dateAnchorClasses : nil,
                            noise: &measured, random: &random)
                        if let anchor = privateOffsetCandidates[c] {
                            // The gap after the first date, measured like a number (within the span of
                            // all dates: public); kept where its released spread is a quarter of the
                            // date's or less — both released, so the choice reads no data.
                            let gaps = Self.gaps(numbers, after: columns[anchor], codec: codec!)
                            let gap = MarginalFitting.privateNumeric(
                                gaps, codec: codec!, nullable: true, limit: Self.gapRange(NumberCodec.temporalRange), rows: releasedSample, noise: &measured, random: &random)
                            if case .numeric(let own) = fitted.0, case .numeric(let after) = gap.0, !own.knots.isEmpty, !after.knots.isEmpty {
                                let ownWidth = own.quantile(0.99) - own.quantile(0.01), gapWidth = after.quantile(0.99) - after.quantile(0.01)
                                if ownWidth > 0, gapWidth <= 0.25 * ownWidth {
                                    fitted = gap
                                    numbers = gaps
                                    offsets[marginals.count] = anchor
                                }
                            }
                        }
                        noise = measured
                    } else {
                        // (Values that read as no number are NULLs only where they are: a value of no date
                        // among a NOT NULL column's dates was drawn as NULL, which the column refused.)
                        fitted = MarginalFitting.numeric(numbers, codec: codec!, nulls: values.filter(\.isNull).count, random: &random)
                    }
                    modelled = numbers
                }
                if let held = heldAbove[c], let codec {
                    orderFloors[marginals.count] = held.map { TableModel.Floor(column: $0.column, step: $0.strict ? codec.step : 0, codec: codec) }
                }
                dimensionData[marginals.count] = DimensionData(column: c, numbers: modelled, codec: codec)
                roles.append(.dimension(marginals.count))
                marginals.append(fitted.0)
                names.append(column.name)
                scores.append(fitted.1)
            case .foreignKey(let k, let position):
                roles.append(.foreignKey(k, position: position))
            case .text:
                if var measured = noise {
                    roles.append(.text(TextModel(privateValues: values, maximumLength: column.maximumLength, nullable: column.isNullable, noise: &measured)))
                    noise = measured
                } else {
                    roles.append(.text(TextModel(
                        values: values, maximumLength: column.maximumLength, unseen: unsampled[c], unwritten: unwritten,
                        deidentify: TextDeidentifier(key: key, table: table.name, column: column))))
                }
            case .range(let read):
                if var measured = noise {
                    let model = RangeModel(private: read, nullable: column.isNullable, noise: &measured, random: &random)
                    noise = measured
                    guard let model else {
                        throw SynthesisError("\(column.name): under differential privacy no range of it stood above the noise at this budget; raise the budget or give the column a generator", table: table.name)
                    }
                    roles.append(.range(model))
                } else {
                    roles.append(.range(RangeModel(read)))
                }
            case .shape:
                guard let model = ShapeModel(values: values) else {
                    throw SynthesisError("\(column.name): no two of its \(column.declaredType) values share a shape (their characters apart from digits), and a shape of one value may spell out a person; give the column a generator", table: table.name)
                }
                roles.append(.shape(model))
            case .array:
                // Elements as the model's words; a value it writes is written back as an array literal.
                // (Elements of text only: a number's fake, a phone number for a long integer, is no integer.)
                let element = column.declaredType.lowercased().dropLast(2)
                let textual = ["text", "character", "varchar", "citext", "bpchar"].contains { element.hasPrefix($0) }
                let deidentify = isPrivate || !textual ? nil : TextDeidentifier(key: key, table: table.name, column: column)
                let encoded = values.enumerated().map { ArrayText.encode($1, ordinal: $0, deidentify: deidentify) }
                if var measured = noise {
                    roles.append(.array(TextModel(privateValues: encoded, maximumLength: nil, nullable: column.isNullable, noise: &measured), elements: nil))
                    noise = measured
                } else if textual, let (chain, elements) = ArrayText.distinctElements(encoded) {
                    // Elements mostly of one array each (notes, sentences, codes): each was a word of
                    // the chain, written back whole — a source note in the copy —, and an array of one
                    // was drawn again longer. The chain writes where such an element goes; a text
                    // model of the elements, which never writes a source element whole, writes it.
                    roles.append(.array(TextModel(values: chain, maximumLength: nil, unit: .words, unwritten: [], guardsRuns: false),
                                        elements: TextModel(values: elements, maximumLength: nil)))
                } else if textual {
                    roles.append(.array(TextModel(values: encoded, maximumLength: nil, unit: .words), elements: nil))
                } else {
                    // Elements of numbers or composites are the source's own, drawn as the chain's
                    // words: a draw of one is a source array of one whole, whatever is drawn, and
                    // was drawn again longer (every array of one element came out of two). Only
                    // source arrays of two elements or more are kept from being written whole.
                    let several = Set(encoded.compactMap { value -> String? in
                        if case .text(let text) = value, text.contains(" ") { return text } else { return nil }
                    })
                    roles.append(.array(TextModel(values: encoded, maximumLength: nil, unit: .words, unwritten: several), elements: nil))
                }
            case .uuid:
                var share = n == 0 ? 0 : Double(values.filter(\.isNull).count) / Double(n)
                if var measured = noise {
                    let counts = measured.counts([Double(values.filter(\.isNull).count), Double(values.count - values.filter(\.isNull).count)])
                    share = counts[0] / max(1, counts[0] + counts[1])
                    noise = measured
                }
                roles.append(.uuid(nullShare: share))
            case .blob:
                var lengths = values.compactMap { if case .blob(let b) = $0 { return b.count } else { return nil } }.sorted()
                var share = n == 0 ? 0 : Double(n - lengths.count) / Double(n)
                if var measured = noise {
                    // Length classes 2^k (k < 24) and NULL, noised; lengths drawn as each class's midpoint.
                    var classes = [Double](repeating: 0, count: 25)
                    for l in lengths { classes[min(23, l == 0 ? 0 : Int(log2(Double(l))) + 1)] += 1 }
                    classes[24] = Double(n - lengths.count)
                    let noisy = measured.counts(classes)
                    noise = measured
                    let total = noisy.reduce(0, +)
                    share = total > 0 ? noisy[24] / total : 0
                    lengths = (0..<24).flatMap { k in [Int](repeating: k == 0 ? 0 : (1 << (k - 1)) * 3 / 2, count: Int(noisy[k].rounded())) }
                    if lengths.count > 10_000 { lengths = Swift.stride(from: 0, to: lengths.count, by: lengths.count / 10_000).map { lengths[$0] } }
                }
                roles.append(.blob(lengths: lengths, nullShare: share))
            case .empty:
                roles.append(.empty)
            case .json:
                guard let model = JSONModel(values: values, deidentify: TextDeidentifier(key: key, table: table.name, column: column)) else {
                    throw SynthesisError("\(column.name): none of its values reads as JSON, so there is no structure to synthesize; give it a generator, e.g. `\(column.name): \"null\"`", table: table.name)
                }
                roles.append(.json(model))
            case .invented(let kind):
                guard let invented = InventedValues(key: key, table: table, column: column, kind: kind) else {
                    throw SynthesisError("\(column.name): no generator writes its \(kind.phrase) under differential privacy; give it a generator", table: table.name)
                }
                var nullShare = 0.0
                if column.isNullable, var measured = noise {
                    let nulls = Double(values.filter(\.isNull).count)
                    let noisy = measured.counts([nulls, Double(values.count) - nulls])
                    noise = measured
                    nullShare = min(1, max(0, noisy[0]) / max(1, max(0, noisy[0]) + max(0, noisy[1])))
                }
                faked.append((column.name, invented.generatorName))
                roles.append(.invented(invented, nullShare: nullShare))
            case .sampled(let layout):
                if isPrivate {
                    if let slots = layout { roles.append(.patterned(slots)) } else {
                        var measured = noise!
                        roles.append(.text(TextModel(privateValues: values, maximumLength: column.maximumLength, nullable: column.isNullable, noise: &measured)))
                        noise = measured
                    }
                } else {
                    roles.append(.sampled(values))
                }
            }
        }
        for k in foreignKeyDimensions {
            let foreignKey = table.foreignKeys[k]
            random = streams.fork(stored.count + k)
            let indexes = foreignKey.columns.map { name in stored.firstIndex { $0.name == name }! }
            let tuples = (0..<n).map { r in indexes.map { columns[$0][r] } }
            let fitted: (ColumnMarginal, [Double])
            if var measured = noise {
                // The referenced table is copied, so its keys are no secret of this table: every one is a
                // category (noisy counts, none suppressed), read from the source (``Sample/copiedKeys``).
                var domain = sample.copiedKeys[k] ?? nil
                let nullable = foreignKey.columns.contains { table.column(named: $0)?.isNullable ?? true }
                if nullable, domain != nil { domain!.append(foreignKey.columns.map { _ in .null }) }
                fitted = MarginalFitting.privateCategorical(tuples, ordered: false, knownDomain: domain, nullable: nullable, noise: &measured, random: &random)
                noise = measured
                if !nullable, case .categorical(let m) = fitted.0, m.categories.allSatisfy({ $0.allSatisfy(\.isNull) }) {
                    throw SynthesisError("\(foreignKey.describe(from: table.name)): under differential privacy no referenced row is used often enough to pass the threshold at this budget; raise the budget or copy the table")
                }
            } else {
                fitted = MarginalFitting.categorical(tuples, ordered: false, dropSingletons: false, random: &random)
            }
            foreignSources[k] = .dimension(marginals.count)
            marginals.append(fitted.0)
            names.append("\(foreignKey.columns.joined(separator: ", ")) → \(foreignKey.referencedTable)")
            scores.append(fitted.1)
        }
        for (i, ((child, _), counts)) in zip(children, childCounts).enumerated() {
            random = streams.fork(stored.count + table.foreignKeys.count + i)
            let numbers = counts.map { Double($0) as Double? }
            var fitted: (ColumnMarginal, [Double])
            if var measured = noise {
                // Children per parent clipped to a public bound: the model can never ask for more.
                var unplaced = 0.0
                fitted = MarginalFitting.privateNumeric(
                    numbers, codec: .integer, sensitivity: 2.0.squareRoot(), nullable: false, limit: 0...Double(SynthesisFitter.childrenLimit), rows: releasedSample,
                    noise: &measured, random: &random, unplaced: { unplaced = $0 })
                // The histogram's shape is noisy where few parents have a count; its mean is not: the
                // children's total over the parents' number, two counts of sensitivity 1, is. The
                // knots are scaled to that mean, so that noise cannot multiply the rows generated.
                // The parents are the table's released row count (the sample's share of it), the
                // number of rows generated: another noisy count of them would multiply the children
                // by the ratio of two noises where a table is small.
                let children = measured.count(Double(counts.reduce(0, +)), weight: SynthesisFitter.childrenWeight)
                childRows[child.name] = max(0, children) * Double(max(1, sourceRows)) / Double(max(1, n))
                let parents = generatedSample
                noise = measured
                if case .numeric(var m) = fitted.0, !m.knots.isEmpty {
                    // Only the knots between released spikes (a run of equal knots: every customer
                    // has 5 orders) are scaled; a spike is a count released above its threshold, and
                    // scaled with the rest, a tail of noise at 700 children turned every 5 into a 2.
                    func isSpike(_ j: Int) -> Bool { (j > 0 && m.knots[j - 1] == m.knots[j]) || (j + 1 < m.knots.count && m.knots[j + 1] == m.knots[j]) }
                    let target = max(0, children) / max(1, parents)
                    if m.knots.indices.allSatisfy(isSpike) {
                        m.knots = Self.childrenTail(spikes: m.knots, mean: target, unplacedShare: unplaced / max(1, releasedSample))
                    }
                    let count = Double(m.knots.count)
                    let spike = m.knots.indices.map(isSpike)
                    let fixed = m.knots.indices.filter { spike[$0] }.reduce(0.0) { $0 + m.knots[$1] } / count
                    let rest = m.knots.indices.filter { !spike[$0] }.reduce(0.0) { $0 + m.knots[$1] } / count
                    if rest > 0 {
                        let factor = max(0, target - fixed) / rest
                        m.knots = m.knots.indices.map { spike[$0] ? m.knots[$0] : min(m.knots[$0] * factor, Double(SynthesisFitter.childrenLimit)) }
                    }
                    fitted = (.numeric(m), fitted.1)
                }
            } else if Set(counts).count <= MarginalFitting.discreteLimit {
                fitted = MarginalFitting.categorical(counts.map { [.integer($0)] }, ordered: true, dropSingletons: false, random: &random)
            } else {
                fitted = MarginalFitting.numeric(numbers, codec: .integer, random: &random)
            }
            dimensionData[marginals.count] = DimensionData(column: nil, numbers: numbers, codec: .integer)
            marginals.append(fitted.0)
            names.append("children: \(child.name)")
            scores.append(fitted.1)
        }

        // Under DP, the tables whose rows a row of this one's copula may carry (each to at most
        // ``SynthesisFitter/childrenPerParent`` rows): its parent's and those of its private links.
        var privateLinked: [String] = []
        random = streams.fork(-1)
        if !isPrivate {
            linkReferences(foreignSources: &foreignSources, marginals: &marginals, names: &names, scores: &scores, data: &dimensionData, columns: columns, random: &random)
        } else {
            privateLinked = privateLinks(foreignSources: &foreignSources, marginals: &marginals, names: &names, scores: &scores, columns: columns)
        }
        // The copula: own dimensions, conditioned on the parent row's scores for a child table.
        let d = marginals.count
        var context: [[Double]] = []
        var joined: [Int] = Array(0..<n)
        // Each row's parent row, looked up once (a key of values hashes slowly).
        var parentRows: [ParentRow?] = []
        if let parentKey, let parentScores {
            let indexes = table.foreignKeys[parentKey].columns.map { name in stored.firstIndex { $0.name == name }! }
            parentRows = (0..<n).map { r in parentScores[indexes.map { columns[$0][r] }] }
        }
        if let parentKey, parentScores != nil, let parentModel {
            let indexes = table.foreignKeys[parentKey].columns.map { name in stored.firstIndex { $0.name == name }! }
            var perParent: [[Value]: Int] = [:]
            joined = []
            for r in 0..<n {
                guard parentRows[r] != nil else { continue }
                if isPrivate {
                    let tuple = indexes.map { columns[$0][r] }
                    // Bound what one parent row adds to the joined sums.
                    guard perParent[tuple, default: 0] < SynthesisFitter.childrenPerParent else { continue }
                    perParent[tuple, default: 0] += 1
                }
                joined.append(r)
            }
            context = (0..<parentModel.dimensions).map { k in joined.map { r in parentRows[r]!.scores[k] } }
        }
        let g = context.count
        var conditionals: [Int: ConditionalMarginals] = [:]
        if !isPrivate {
            var parentValues: (values: [[Value]?], categoryColumns: [Int])?
            if parentScores != nil, let parentModel {
                let categoryColumns = parentModel.roles.enumerated().compactMap { c, role -> Int? in
                    guard case .dimension(let i) = role, case .categorical(let m) = parentModel.marginals[i], m.categories.count > 1, m.categories.count <= 1_000 else { return nil }
                    return c
                }
                parentValues = (parentRows.map { $0?.values }, categoryColumns)
            }
            // A town or region is drawn given the table's country: it depends on its town or region
            // as much (a region's NULL mixed Europe's towns), and drawn given that, Berlin was in
            // Spain; on Chinook's 59 customers the states' dependence on the countries measured as
            // none, and Florida was in France.
            var preferred: [Int: [Int]] = [:]
            if let country = places.first(where: { $0.value == .country })?.key {
                let town = places.first(where: { $0.value == .city })?.key
                for (dimension, d) in dimensionData {
                    guard let column = d.column, column != country else { continue }
                    if places[column] == .city { preferred[dimension] = [country] }
                    if places[column] == .region { preferred[dimension] = (town.map { [$0] } ?? []) + [country] }
                }
            }
            conditionals = Self.conditionals(marginals: marginals, scores: &scores, data: dimensionData, columns: columns, parent: parentValues, preferred: preferred, random: &random)
        } else if var measured = noise {
            let parentCategory = parentCategoryColumn.map { PrivateParentCategory(column: $0.column, marginal: $0.marginal, values: parentRows.map { $0?.values }, rows: joined) }
            conditionals = Self.privateConditionals(
                marginals: marginals, scores: &scores, data: dimensionData, columns: columns, rows: releasedSample, parent: parentCategory,
                offsets: offsets, noise: &measured, random: &random)
            noise = measured
        }
        let normal = scores.map { $0.map { Normal.quantile($0) } }
        let all = context + normal.map { column in joined.map { column[$0] } }
        var estimate: [Double]
        // Under DP, the parent's dimensions its own values give (``TableModel/ownDimensions``) and
        // this table's: the others' correlations are not measured (0).
        let measuredDimensions = isPrivate ? (parentModel?.ownDimensions ?? []).filter { $0 < g } + Array(g..<(g + d)) : Array(0..<(g + d))
        if var measured = noise, measuredDimensions.count >= 2 {
            // Sums of the products of scores, every pair and every square, each row's vector of
            // scores (a NULL's counts 0) scaled to squared length at most L: one row's vector of
            // products has L2 norm at most L (Σ_{i≤j} zᵢ²zⱼ² ≤ (Σ zᵢ²)²). Each pair's sum is divided by
            // its two squares' (a correlation of the clipped rows), not by the row count: clipping
            // shrinks the rows with the largest products, and a correlation of 0.99 came out 0.84
            // divided by the rows.
            let all = measuredDimensions.map { all[$0] }
            let parentColumns = measuredDimensions.filter { $0 < g }.count
            let size = all.count
            let bound = SynthesisFitter.scoreNormBound(dimensions: size)
            let sensitivity = bound * Self.copulaSensitivity(
                parent: parentColumns > 0 ? parentKey.map { table.foreignKeys[$0].referencedTable } : nil, links: privateLinked,
                children: children.map(\.0.name))
            let weights = (0..<joined.count).map { r -> Double in
                let length = (0..<size).reduce(0.0) { all[$1][r].isNaN ? $0 : $0 + all[$1][r] * all[$1][r] }
                return length > bound ? bound / length : 1
            }
            func sum(_ i: Int, _ j: Int) -> Double {
                var sum = 0.0
                for r in 0..<joined.count where !all[i][r].isNaN && !all[j][r].isNaN { sum += all[i][r] * all[j][r] * weights[r] }
                return sum
            }
            var sums: [Double] = []
            for i in 0..<size {
                for j in (i + 1)..<max(size, i + 1) { sums.append(sum(i, j)) }
            }
            let pairs = sums.count
            for i in 0..<size { sums.append(sum(i, i)) }
            let noisySums = measured.noised(sums, sensitivity: sensitivity)
            let sigma = measured.sigma(sensitivity: sensitivity)
            // A square within 2σ of 0 (noise, or a column mostly NULL) is not divided by: at 2σ its
            // correlations' noise is σ/2σ and shrinking takes them to 0.
            let squares = (0..<size).map { i in max(noisySums[pairs + i], 2 * sigma) }
            // A column present in a share of the rows only (NULLs; a link's rows past the
            // references a referenced row may carry) sums its pairs over those rows, and divided by
            // its squares and the other column's over all rows, its correlations shrank by the square
            // root of that share (items of 10 a product, 4 carried: their product's price matched 0.48–0.52
            // of the time against 0.54–0.97 now, and a third by chance). Each column's share is its squares
            // against the fullest column's (a score's square is 1 on average): the pair's sum is
            // divided by the two squares over the rows both hold, as missing at random gives them.
            let fullest = squares.max() ?? 1
            let present = squares.map { min(1, $0 / fullest) }
            // Embedded in the whole copula: the dimensions not measured correlate with none.
            let whole = g + d
            estimate = Correlation(identity: whole).matrix
            var p = 0
            for i in 0..<size {
                for j in (i + 1)..<max(size, i + 1) {
                    let scale = (squares[i] * squares[j] * present[i] * present[j]).squareRoot()
                    let r = Correlation.shrunk(noisySums[p] / scale, noise: sigma / scale)
                    let (a, b) = (measuredDimensions[i], measuredDimensions[j])
                    estimate[a * whole + b] = r
                    estimate[b * whole + a] = r
                    p += 1
                }
            }
            noise = measured
        } else if isPrivate {
            // Fewer than two dimensions measured: nothing correlates (no pair read without noise).
            estimate = Correlation(identity: g + d).matrix
        } else {
            estimate = Correlation.pearson(all)
        }
        let correlation = Correlation(estimate: estimate, size: g + d)
        let own = Array(g..<(g + d))
        let (regression, factor) = correlation.conditional(target: own, given: Array(0..<g))

        // Unique keys the ordinal does not make unique: rows repeating one are drawn again.
        var guards: [(columns: [Int], perParent: Bool, nullsEqual: Bool)] = []
        let parentColumns = parentKey.map { Set(table.foreignKeys[$0].columns) } ?? []
        for unique in table.uniqueKeys where !unique.allSatisfy({ ordinalKeys.contains($0) }) {
            // A generated column is no column of the rows (the destination computes it): the stored
            // columns its expression reads stand for it (`norm(email)`: email). Dropped, the key
            // of `email_norm` alone was no column at all, and every row after the first repeated it.
            var indexes: [Int] = []
            for name in unique {
                let generated = table.column(named: name).flatMap { $0.isGenerated ? $0.defaultExpression : nil }
                let read = stored.firstIndex { $0.name == name }.map { [$0] } ?? generated.map { Self.columns(namedIn: [$0], among: stored).sorted() } ?? []
                indexes += read.filter { !indexes.contains($0) }
                if read.isEmpty { indexes = []; break }
            }
            guard !indexes.isEmpty else { continue }
            // `NULLS NOT DISTINCT`, of a unique index or of the constraint it is made for (the index
            // of a constraint carries no SQL of its own): a NULL repeats a NULL.
            func nullsNotDistinct(_ sql: String?) -> Bool { sql?.range(of: "NULLS NOT DISTINCT", options: .caseInsensitive) != nil }
            let nullsEqual = table.indexes.contains { index in
                index.isUnique && index.columns == unique
                    && (nullsNotDistinct(index.definitionSQL) || table.constraints.contains { $0.kind == "u" && $0.name == index.name && nullsNotDistinct($0.definition) })
            }
            guards.append((indexes, !parentColumns.isEmpty && parentColumns.isSubset(of: Set(unique)), nullsEqual))
        }
        var rootRows = Int64(rows ?? Int((Double(sourceRows) * scale).rounded()))
        var spent: PrivacySpent?
        if let measured = noise, let accountant {
            // At least one row: noise must not empty a table that others may have to reference.
            if rows == nil { rootRows = Int64(max(1, (releasedRows * scale).rounded())) }
            guard measured.spent <= measured.planned * (1 + 1e-12) else {
                throw SynthesisError("the fit took differentially private measurements of weight \(measured.spent) where it planned \(measured.planned), which would spend more than the table's budget; this is a defect in Understudy, please report it")
            }
            spent = accountant.spent(table.name)
        }
        if n == 0, parentKey == nil {
            // An empty table stays empty; asked for rows, there is nothing to fit them on.
            guard rows == nil || rows == 0 else {
                throw SynthesisError("the source table is empty, so there is nothing to fit a model on; remove `rows:` or copy it instead")
            }
            rootRows = 0
        }

        // Scores of this table's source rows by the keys later tables reference.
        var byKey: [[String]: [[Value]: ParentRow]] = [:]
        for names in referencedKeys {
            let referenced = names.map { name in stored.firstIndex { $0.name == name }! }
            var rows: [[Value]: ParentRow] = [:]
            for r in 0..<n { rows[referenced.map { columns[$0][r] }] = ParentRow(scores: normal.map { $0[r] }, values: columns.map { $0[r] }) }
            byKey[names] = rows
        }
        // Columns in an order where a category comes before the columns drawn given it.
        var order: [Int] = []
        var placed = Set<Int>()
        func place(_ c: Int) {
            guard placed.insert(c).inserted else { return }
            if let i = TableModel.drawnDimension(of: roles[c], foreignKeys: foreignSources) {
                if let conditional = conditionals[i], conditional.source == .own { conditional.columns.forEach(place) }
                if let anchor = offsets[i] { place(anchor) }
                for floor in orderFloors[i] ?? [] { place(floor.column) }
            }
            order.append(c)
        }
        for c in roles.indices { place(c) }
        let held = Self.heldConstraints(table, schema: schema, generated: generated)
        var model = TableModel(
            table: table, roles: roles, marginals: marginals, dimensionNames: names, foreignKeys: foreignSources,
            parent: parentKey.map { k in
                TableModel.Parent(
                    table: table.foreignKeys[k].referencedTable, key: k,
                    countDimension: parentModel!.dimensionNames.firstIndex(of: "children: \(table.name)")!)
            },
            rootRows: parentKey == nil ? rootRows : 0, sourceRows: sourceRows, regression: regression, factor: factor,
            correlation: correlation, guards: guards, keyColumns: keyShapes, conditionals: conditionals, offsets: offsets, offsetFloors: offsetFloors, orderFloors: orderFloors,
            expressionGuards: held.guards, checks: held.checks, checkedColumns: held.checked,
            order: order, privacy: spent,
            childRows: childRows)
        if isPrivate { model.releasedRows = releasedRows }
        if let parentModel, parentKey != nil {
            model.rowScale = parentModel.rowScale
            if n > 0 {
                // The source's rows without a parent (their key NULL), at the chain's scale; under DP
                // their noisy count.
                let keyColumns = table.foreignKeys[parentKey!].columns.map { name in stored.firstIndex { $0.name == name }! }
                let orphans = (isPrivate ? releasedOrphans : Double(nullRows(keyColumns))) * Double(sourceRows) / Double(n)
                model.orphanRows = Int64((orphans * model.rowScale).rounded())
            }
        } else if sourceRows > 0 {
            model.rowScale = Double(rootRows) / Double(sourceRows)
        }
        model.fakes = faked
        // (A text model holds them already: ``TableModel/textsNotToWrite``.)
        if !writesText, !unwritten.isEmpty { model.unwrittenTexts = unwritten }
        return Fitted(model: model, scoresByKey: byKey)
    }
}

extension TableFitter {
    /// The bounds CHECK constraints put on single columns (`amount > 0`, `rate >= 0 AND rate <= 1`,
    /// `pct BETWEEN 0 AND 100`, PostgreSQL's `(amount > (0)::numeric)`), by lower-cased column name:
    /// each bound and whether it is strict. Under DP they are public bounds for the fit; without
    /// them noise put values outside, and the destination refused the rows.
    static func boundChecks(_ table: Table) -> [String: (low: (Double, Bool)?, high: (Double, Bool)?)] {
        var bounds: [String: (low: (Double, Bool)?, high: (Double, Bool)?)] = [:]
        func tighten(_ column: String, low: (Double, Bool)? = nil, high: (Double, Bool)? = nil) {
            var entry = bounds[column.lowercased()] ?? (nil, nil)
            if let low, entry.low.map({ low.0 > $0.0 }) ?? true { entry.low = low }
            if let high, entry.high.map({ high.0 < $0.0 }) ?? true { entry.high = high }
            bounds[column.lowercased()] = entry
        }
        let (names, conditions) = checkConditions(table)
        for condition in conditions {
            // Each conjunct: `rate >= 0 AND rate <= 1`, `pct BETWEEN 0 AND 100`, `0 < amount`.
            for conjunct in CheckExpression.conjuncts(of: condition) {
                if case .between(let e, let a, let b, false) = conjunct, case .column(let c)? = e.bare, let low = a.bare?.numberLiteral, let high = b.bare?.numberLiteral {
                    tighten(names[c], low: (low, false), high: (high, false))
                    continue
                }
                guard let (c, op, value) = conjunct.columnAgainstNumber else { continue }
                switch op {
                case ">=": tighten(names[c], low: (value, false))
                case ">": tighten(names[c], low: (value, true))
                case "<=": tighten(names[c], high: (value, false))
                default: tighten(names[c], high: (value, true))
                }
            }
        }
        return bounds
    }

    /// The CHECK constraints that order one column after another (`ends >= starts`, `starts < ends`,
    /// `ends IS NULL OR ends >= starts`), from PostgreSQL's constraints or SQLite's CREATE TABLE: the
    /// later column, the earlier, and whether they may be equal.
    static func orderChecks(_ table: Table) -> [(later: String, earlier: String, strict: Bool)] {
        let (names, conditions) = checkConditions(table)
        return conditions.compactMap { condition in
            guard case .binary(let op, let l, let r) = condition, case .column(let a)? = l.bare, case .column(let b)? = r.bare else { return nil }
            switch op {
            case ">=": return (names[a], names[b], false)
            case ">": return (names[a], names[b], true)
            case "<=": return (names[b], names[a], false)
            case "<": return (names[b], names[a], true)
            default: return nil
            }
        }
    }

    /// Each CHECK constraint of a table (PostgreSQL's definitions, and each CHECK ( … ) of SQLite's
    /// CREATE TABLE) as its one condition, parsed (``CheckExpression``) over the stored columns,
    /// without `x IS NULL OR` alternatives (the condition holds where x is not NULL); constraints of
    /// more alternatives than that, or that do not parse, are left out. The columns' names come with
    /// them: the conditions name columns by their place.
    static func checkConditions(_ table: Table) -> (names: [String], conditions: [CheckExpression]) {
        let names = table.storedColumns.map(\.name)
        let conditions = checkBodies(table).compactMap { body -> CheckExpression? in
            guard let parsed = try? CheckExpression.parse(body, columns: names) else { return nil }
            let kept = CheckExpression.alternatives(of: parsed).filter { if case .isNull(_, false) = $0 { return false } else { return true } }
            return kept.count == 1 ? kept[0] : nil
        }
        return (names, conditions)
    }

    /// What synthesized rows of `table` are held to, parsed once per table: its CHECK constraints,
    /// its domains' and its partitions' own (``CheckExpression``); that a row falls in a partition
    /// (`strict`: true, not NULL — a range between two partitions, a year without one, holds no row,
    /// and a date drawn there was refused: `no partition … found for row`); unique indexes of
    /// expressions or with a WHERE condition, and those of one partition only (over the rows that
    /// fall in it); exclusion constraints of `=` and of `&&` on ranges. Not those reading a column
    /// a generator writes: what it writes comes after the draw. `checked`: the columns any CHECK
    /// constraint names, read or not (values beyond the source's may break it).
    /// The values each column's CHECK constraints list (`status IN ('new', 'paid')`, of the table or
    /// of the column's domain type), by column name; a column two constraints list gets the values
    /// both hold. Public, as the schema is: under DP the column's domain.
    static func listedValues(_ table: Table, schema: DatabaseSchema) -> [String: [Value]] {
        let names = table.storedColumns.map(\.name)
        var listed: [String: [Value]] = [:]
        for body in checkBodies(table, schema: schema) {
            guard let parsed = try? CheckExpression.parse(body, columns: names) else { continue }
            for conjunct in CheckExpression.conjuncts(of: parsed) {
                guard let (c, values) = conjunct.listedValues, !values.isEmpty else { continue }
                if let earlier = listed[names[c]] {
                    listed[names[c]] = earlier.filter { old in values.contains { Self.sameListed(old, $0) } }
                } else {
                    var unique: [Value] = []
                    for value in values where !unique.contains(where: { Self.sameListed(value, $0) }) { unique.append(value) }
                    listed[names[c]] = unique
                }
            }
        }
        return listed.filter { !$0.value.isEmpty }
    }

    /// Two listed constants alike: the same text (`1` and `1`, `paid` and `paid`).
    private static func sameListed(_ a: Value, _ b: Value) -> Bool {
        a.displayText == b.displayText
    }

    /// The labels of an enum column's type, in their order; nil when the schema does not list it.
    static func enumLabels(of column: Column, in schema: DatabaseSchema) -> [String]? {
        func bare(_ name: String) -> String { name.replacingOccurrences(of: "\"", with: "") }
        let type = bare(column.declaredType)
        return schema.enums.first { bare($0.name) == type || bare($0.name).hasSuffix("." + type) }?.labels
    }

    static func heldConstraints(_ table: Table, schema: DatabaseSchema, generated: Set<String>)
        -> (guards: [TableModel.ExpressionGuard], checks: [(condition: CheckExpression, text: String, strict: Bool)], checked: Set<Int>) {
        let stored = table.storedColumns
        let names = stored.map(\.name)
        func parse(_ text: String) -> CheckExpression? {
            guard let parsed = try? CheckExpression.parse(text, columns: names),
                  !parsed.columns.contains(where: { generated.contains(names[$0]) }) else { return nil }
            return parsed
        }
        let bounds = partitionBounds(table) ?? []
        var bodies = checkBodies(table)
        let checked = Self.columns(namedIn: bodies, among: stored)
        bodies += domainChecks(table, schema: schema)
        // A partition's own CHECK holds for the rows outside it too: `NOT (bound) OR (check)`.
        for object in schema.objects where object.kind == .partitionConstraint {
            guard let condition = bounds.first(where: { $0.name == object.table })?.condition else { continue }
            bodies += checkClauses(in: object.definitionSQL).map { "NOT (\(condition)) OR \($0)" }
        }
        var checks = bodies.compactMap { body in parse(body).map { ($0, body, false) } }
        if !bounds.isEmpty, !bounds.contains(where: { $0.condition == nil }) {
            let inside = bounds.map { "(" + $0.condition! + ")" }.joined(separator: " OR ")
            if let parsed = parse(inside) { checks.append((parsed, inside, true)) }
        }
        var indexes: [(index: Index, within: String?)] = table.indexes.filter { $0.isUnique && ($0.predicate != nil || $0.hasExpressions) }.map { ($0, nil) }
        for object in schema.objects where object.kind == .partitionIndex || object.kind == .partitionConstraint {
            guard let condition = bounds.first(where: { $0.name == object.table })?.condition else { continue }
            var definition = object.definitionSQL
            if object.kind == .partitionConstraint {
                // `ALTER TABLE p ADD CONSTRAINT c UNIQUE (a, b)`: its columns, read as an index's.
                guard let key = definition.range(of: #" (UNIQUE|PRIMARY KEY) \("#, options: .regularExpression) else { continue }
                definition = "CREATE UNIQUE INDEX \(object.name) ON \(object.table ?? "")" + definition[definition.index(before: key.upperBound)...]
            }
            guard definition.uppercased().hasPrefix("CREATE UNIQUE INDEX") else { continue }
            indexes.append((Index(name: object.name, columns: [], isUnique: true, isConstraint: false, definitionSQL: definition), condition))
        }
        let guards = indexes.compactMap { index, within -> TableModel.ExpressionGuard? in
            guard let defined = index.definedElements else { return nil }
            var keys: [CheckExpression] = []
            for element in defined.elements {
                guard let key = parse(element) else { return nil }
                keys.append(key)
            }
            let conditions = [within, defined.predicate].compactMap { $0 }
            let predicate = conditions.isEmpty ? nil : parse(conditions.map { "(\($0))" }.joined(separator: " AND "))
            guard conditions.isEmpty || predicate != nil else { return nil }
            return TableModel.ExpressionGuard(keys: keys, predicate: predicate, name: index.name)
        }
        // Exclusion constraints whose operators are `=` (equal keys) and `&&` on range columns; one
        // with another operator is left to the destination.
        let exclusions = table.constraints.filter { $0.kind == "x" }.compactMap { constraint -> TableModel.ExpressionGuard? in
            guard let exclusion = Index.exclusion(constraint.definition) else { return nil }
            var excluded = TableModel.ExpressionGuard(keys: [], name: constraint.name)
            for (expression, op) in exclusion.elements {
                guard let parsed = parse(expression) else { return nil }
                switch op {
                case "=": excluded.keys.append(parsed)
                case "&&":
                    guard case .column(let c) = parsed, stored[c].declaredType.lowercased().hasSuffix("range") else { return nil }
                    excluded.overlaps.append(parsed)
                default: return nil
                }
            }
            if let condition = exclusion.predicate {
                guard let predicate = parse(condition) else { return nil }
                excluded.predicate = predicate
            }
            return excluded
        }
        return (guards + exclusions, checks, checked)
    }

    /// A column's name as a partition key writes it (not an expression, not a number).
    private static func isName(_ word: String) -> Bool {
        !word.isEmpty && !(word.first?.isNumber ?? true) && word.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
    }

    /// The table's top-level partitions with the condition of each (nil: the DEFAULT partition, or
    /// a bound this does not read); nil for a table not partitioned by range or list on one column.
    static func partitionBounds(_ table: Table) -> [(name: String, condition: String?)]? {
        guard let partitioning = table.partitioning else { return nil }
        let key = partitioning.key.trimmingCharacters(in: .whitespaces)
        guard let open = key.firstIndex(of: "("), key.hasSuffix(")") else { return nil }
        let method = key[..<open].trimmingCharacters(in: .whitespaces).uppercased()
        let column = String(key[key.index(after: open)..<key.index(before: key.endIndex)]).trimmingCharacters(in: .whitespaces)
        guard method == "RANGE" || method == "LIST", isName(column.replacingOccurrences(of: "\"", with: "")), !column.contains(",") else { return nil }
        let top = partitioning.partitions.filter { $0.parent == table.name }
        guard !top.isEmpty else { return nil }
        return top.map { partition -> (String, String?) in
            let bound = partition.bound
            if method == "LIST" {
                guard let inStart = bound.range(of: "IN (", options: .caseInsensitive), bound.hasSuffix(")") else { return (partition.name, nil) }
                let list = String(bound[inStart.upperBound..<bound.index(before: bound.endIndex)])
                let items = list.components(separatedBy: ", ").filter { $0.uppercased() != "NULL" }
                var parts: [String] = []
                if items.count < list.components(separatedBy: ", ").count { parts.append("\(column) IS NULL") }
                if !items.isEmpty { parts.append("\(column) IN (\(items.joined(separator: ", ")))") }
                return (partition.name, parts.joined(separator: " OR "))
            }
            guard let from = bound.range(of: "FROM (", options: .caseInsensitive), let to = bound.range(of: ") TO (", options: .caseInsensitive), bound.hasSuffix(")") else { return (partition.name, nil) }
            let low = String(bound[from.upperBound..<to.lowerBound]), high = String(bound[to.upperBound..<bound.index(before: bound.endIndex)])
            var parts: [String] = []
            if low.uppercased() != "MINVALUE" { parts.append("\(column) >= \(low)") }
            if high.uppercased() != "MAXVALUE" { parts.append("\(column) < \(high)") }
            return (partition.name, parts.isEmpty ? "TRUE" : parts.joined(separator: " AND "))
        }
    }

    /// The table's CHECK bodies and those of its columns' domains (`VALUE` read as the column).
    static func checkBodies(_ table: Table, schema: DatabaseSchema?) -> [String] {
        checkBodies(table) + (schema.map { domainChecks(table, schema: $0) } ?? [])
    }

    /// The CHECK constraints' texts: PostgreSQL's definitions, and each CHECK ( … ) of SQLite's
    /// CREATE TABLE (read by its tokens, so that a string holding "CHECK (" is no check).
    static func checkBodies(_ table: Table) -> [String] {
        let sqlite = table.definitionSQL.map { sql in SQLiteTableDefinition(sql: sql).map { $0.columns.flatMap(\.checks) + $0.checks } ?? checkClauses(in: sql) } ?? []
        return table.constraints.filter { $0.kind == "c" }.map(\.definition) + sqlite
    }

    /// Each `CHECK ( … )` of a statement, by its balanced parentheses.
    static func checkClauses(in sql: String) -> [String] {
        var bodies: [String] = []
        var rest = sql[...]
        while let found = rest.range(of: "CHECK", options: .caseInsensitive) {
            var index = found.upperBound
            while index < rest.endIndex, rest[index] == " " { index = rest.index(after: index) }
            guard index < rest.endIndex, rest[index] == "(" else { rest = rest[found.upperBound...]; continue }
            var depth = 0, end = index
            for i in rest[index...].indices {
                if rest[i] == "(" { depth += 1 } else if rest[i] == ")" { depth -= 1; if depth == 0 { end = i; break } }
            }
            bodies.append(String(rest[index...end]))
            rest = rest[rest.index(after: end)...]
        }
        return bodies
    }

    /// The CHECK constraints of the PostgreSQL domains the table's columns are of, each written for
    /// its column (`VALUE` → the column): a domain `percent` with `CHECK (VALUE <= 100)` holds a
    /// synthesized discount to it as a table's CHECK would.
    static func domainChecks(_ table: Table, schema: DatabaseSchema) -> [String] {
        var bodies: [String] = []
        for column in table.storedColumns {
            let type = column.declaredType.replacingOccurrences(of: "\"", with: "").lowercased()
            guard let domain = schema.domains.first(where: { $0.name.replacingOccurrences(of: "\"", with: "").lowercased() == type }) else { continue }
            let quoted = "\"" + column.name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            for clause in checkClauses(in: domain.definitionSQL) {
                bodies.append(clause.replacingOccurrences(of: #"\bVALUE\b"#, with: quoted, options: .regularExpression))
            }
        }
        return bodies
    }

    /// Each number's gap after the row's value of `anchor` (nil where either is NULL).
    static func gaps(_ numbers: [Double?], after anchor: [Value], codec: NumberCodec) -> [Double?] {
        zip(numbers, anchor).map { x, a in x.flatMap { x in codec.number(a).map { x - $0 } } }
    }

    /// Children per parent released as point masses alone (`spikes`, the quantile function's knots:
    /// runs of equal values) whose mean falls short of the children's released total over the
    /// parents, `mean`: the tail beyond the largest point mass was too few rows to place (Chinook's
    /// 26 artists of 3 to 21 albums beside 71 of none, 148 of one and 30 of two), and without it the
    /// table below came out a third short, and every table below that. The knots again, the point
    /// masses in the first 1 − q of them and a tail in the rest: exponential above the largest point
    /// mass (few parents with many children), of the mean that makes up the difference. q is the
    /// share of released parents the point masses do not hold, `unplacedShare` (post-processing of
    /// released counts: no budget), at least one knot in 64, and raised where that tail's mean would
    /// fall below the largest point mass. Unchanged where the point masses give the mean already.
    static func childrenTail(spikes knots: [Double], mean target: Double, unplacedShare: Double) -> [Double] {
        let count = knots.count
        guard count > 1, let top = knots.last else { return knots }
        let fixed = knots.reduce(0, +) / Double(count)
        let start = top + 0.5
        guard target > fixed + 0.5 / Double(count), start < Double(SynthesisFitter.childrenLimit) else { return knots }
        var q = min(0.5, max(unplacedShare, 1 / 64))
        // (1 − q)·fixed + q·tailMean = target, with the tail's mean past the largest point mass.
        if (target - (1 - q) * fixed) / q < start + 0.5 { q = min(0.5, (target - fixed) / (start + 0.5 - fixed)) }
        let tailMean = min((target - (1 - q) * fixed) / q, Double(SynthesisFitter.childrenLimit))
        let tailKnots = max(2, Int((q * Double(count)).rounded()))
        let headKnots = count - tailKnots
        guard headKnots >= 1 else { return knots }
        let head = (0..<headKnots).map { j in knots[min(count - 1, Int((Double(j) / Double(max(1, headKnots - 1)) * Double(count - 1)).rounded()))] }
        // The exponential's quantiles at the tail knots' midpoints (its last one finite).
        let tail = (0..<tailKnots).map { j -> Double in
            let u = (Double(j) + 0.5) / Double(tailKnots)
            return min(start - (tailMean - start) * Foundation.log(1 - u), Double(SynthesisFitter.childrenLimit))
        }
        return head + tail
    }

    /// The gaps between two values of `range`: as far below 0 as above.
    static func gapRange(_ range: ClosedRange<Double>) -> ClosedRange<Double> {
        -(range.upperBound - range.lowerBound)...(range.upperBound - range.lowerBound)
    }

    /// Dates and timestamps that follow another date of the row — shipped after ordered — by column:
    /// the column of the date they follow. A copula keeps the order of two years of dates whose
    /// correlation is 0.999 only to within a few days of noise each, so 40% of Northwind's orders
    /// shipped before they were placed; drawn as the gap after the date they follow, from the gaps'
    /// own distribution, they keep the order and the gaps. A date follows an earlier column where
    /// the middle 98% of the gaps spans at most a quarter of its own values' middle 98%, and where
    /// fewer than 1% of its values stand beside an empty one (those become NULL); of several, the
    /// one of the narrowest gaps. (A hire date does not follow a birth date: the gaps span decades.)
    static func offsetAnchors(dates: [(column: Int, codec: NumberCodec)], columns: [[Value]], nullable: [Bool]) -> [Int: Int] {
        func spread(_ values: [Double]) -> Double {
            guard values.count >= 20 else { return .infinity }
            let sorted = values.sorted()
            return sorted[sorted.count * 99 / 100] - sorted[sorted.count / 100]
        }
        var anchors: [Int: Int] = [:]
        for (k, later) in dates.enumerated() where k > 0 {
            let own = columns[later.column].map(later.codec.number)
            let present = own.compactMap { $0 }
            let width = spread(present)
            guard width > 0, width.isFinite else { continue }
            var best: (column: Int, width: Double)?
            // (The gap after a NULL is NULL: a column that may not be NULL follows one that may not.)
            for earlier in dates[..<k] where !nullable[earlier.column] || nullable[later.column] {
                let gaps = Self.gaps(own, after: columns[earlier.column], codec: earlier.codec).compactMap { $0 }
                // Values beside an empty earlier date.
                guard Double(present.count - gaps.count) < 0.01 * Double(present.count) else { continue }
                let gapWidth = spread(gaps)
                if gapWidth <= 0.25 * width, gapWidth < best?.width ?? .infinity { best = (earlier.column, gapWidth) }
            }
            if let best { anchors[later.column] = best.column }
        }
        return anchors
    }

    /// The smallest correlation between a referenced row's score and one of this table's that makes a
    /// reference follow its row (``TableModel/Link``); below it, references keep only their popularity.
    static let linkThreshold = 0.1

    /// The standard normal's quantiles at 257 evenly spaced points (a private link's public marginal).
    static let standardNormalKnots = (0..<257).map { Normal.quantile((Double($0) + 0.5) / 257) }

    /// The stored columns whose names the SQL `texts` hold as words, read without case (`lower(trim(email))`,
    /// `"Email"`): a CHECK's, a generated column's expression. (A word that is a function's name or a
    /// literal's as well only counts one column more.)
    static func columns(namedIn texts: [String], among stored: [Column]) -> Set<Int> {
        let words = Set(texts.flatMap { $0.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "_") }.map(String.init) })
        return Set(stored.indices.filter { words.contains(stored[$0].name.lowercased()) })
    }

    /// Under DP, the L2 sensitivity of the copula's sums, in units of L (the bound on one row's vector
    /// of products, ``SynthesisFitter/scoreNormBound(dimensions:)``): the most that adding or removing
    /// one row of any table moves them by.
    ///
    /// - A row of this table: its own vector (1); where rows are joined to their `parent`'s, the
    ///   parent's next child joins in its place (1 more); for each of its `links`, the referenced
    ///   row's next row carries its score in its place — a coordinate from NULL (counted 0) to a
    ///   score, which moves that row's clipped products by at most √2 (the change splits into the
    ///   products with the new coordinate and a rescaling of the others, orthogonal, each at most
    ///   L·s² and L·s for s² the new coordinate's share of the squared length).
    /// - A row of the parent table: up to ``SynthesisFitter/childrenPerParent`` children join (1 each).
    /// - A row of a table a link references: up to that many rows carry its score (√2 each).
    /// - A row of a child table: one row's count of children changes (a coordinate from one value to
    ///   another: at most 2, by the triangle inequality).
    ///
    /// A table that is several of these adds them up.
    static func copulaSensitivity(parent: String?, links: [String], children: [String]) -> Double {
        let perParent = Double(SynthesisFitter.childrenPerParent)
        let own = 1 + (parent == nil ? 0 : 1) + 2.squareRoot() * Double(links.count)
        var others: [String: Double] = [:]
        if let parent { others[parent, default: 0] += perParent }
        for name in links { others[name, default: 0] += perParent * 2.squareRoot() }
        for name in children { others[name, default: 0] += 2 }
        return max(own, others.values.max() ?? 0)
    }

    /// Under DP, a reference to another synthesized table follows the row's columns where one of them
    /// is named as one of the referenced table's dimensions (an invoice line's `UnitPrice` and its
    /// track's): the referenced row's normal score on that dimension becomes a copula column, and the
    /// row references a generated row whose score is nearest, as without DP. The choice reads names
    /// only (public), not the data's correlations; the column's marginal is the standard normal the
    /// scores follow (public: no measurement); its correlations come from the copula's noisy sums,
    /// each referenced row carried by at most ``SynthesisFitter/childrenPerParent`` rows (its other
    /// rows count as NULL there), which the sums' sensitivity includes. Returns the referenced tables.
    func privateLinks(
        foreignSources: inout [Int: TableModel.ForeignKeySource], marginals: inout [ColumnMarginal], names: inout [String],
        scores: inout [[Double]], columns: [[Value]]
    ) -> [String] {
        let stored = table.storedColumns
        let n = columns.first?.count ?? 0
        let own = Set(names.prefix(marginals.count).map { $0.lowercased() })
        var linked: [String] = []
        for k in foreignSources.keys.sorted() where k != parentKey {
            guard case .synthesized(let name, let nullShare, let popularity, nil) = foreignSources[k], let referenced = referenceScores[k],
                  let referencedModel = synthesizedModels[name],
                  let j = referencedModel.dimensionNames.firstIndex(where: { own.contains($0.lowercased()) }) else { continue }
            let indexes = table.foreignKeys[k].columns.map { column in stored.firstIndex { $0.name == column }! }
            var carried: [[Value]: Int] = [:]
            let numbers = (0..<n).map { r -> Double in
                let tuple = indexes.map { columns[$0][r] }
                guard let row = referenced[tuple], !row.scores[j].isNaN, carried[tuple, default: 0] < SynthesisFitter.childrenPerParent else { return .nan }
                carried[tuple, default: 0] += 1
                return row.scores[j]
            }
            foreignSources[k] = .synthesized(table: name, nullShare: nullShare, popularity: popularity, link: .init(dimension: marginals.count, referencedDimension: j))
            marginals.append(.numeric(NumericMarginal(nullShare: 0, knots: Self.standardNormalKnots, codec: .real(decimals: 6))))
            names.append("\(table.foreignKeys[k].columns.joined(separator: ", ")) → \(name) (\(referencedModel.dimensionNames[j]))")
            scores.append(numbers.map { $0.isNaN ? .nan : min(max(Normal.cdf($0), 1e-6), 1 - 1e-6) })
            linked.append(name)
        }
        return linked
    }

    /// For each reference to a synthesized table other than the parent: the referenced table's
    /// dimension most correlated with one of this table's (over the source rows and the rows they
    /// reference), added as a dimension of this table's copula whose values are the referenced rows'
    /// scores on it.
    func linkReferences(
        foreignSources: inout [Int: TableModel.ForeignKeySource], marginals: inout [ColumnMarginal], names: inout [String],
        scores: inout [[Double]], data: inout [Int: DimensionData], columns: [[Value]], random: inout KeyedRandom
    ) {
        let stored = table.storedColumns
        let n = columns.first?.count ?? 0
        let own = scores.map { $0.map(Normal.quantile) }
        for k in foreignSources.keys.sorted() where k != parentKey {
            guard case .synthesized(let name, let nullShare, let popularity, nil) = foreignSources[k], let referenced = referenceScores[k],
                  let referencedModel = synthesizedModels[name] else { continue }
            let indexes = table.foreignKeys[k].columns.map { column in stored.firstIndex { $0.name == column }! }
            let rows = (0..<n).map { r in referenced[indexes.map { columns[$0][r] }] }
            var best: (dimension: Int, correlation: Double)?
            for j in 0..<referencedModel.dimensions {
                let x = rows.map { $0?.scores[j] ?? .nan }
                for y in own {
                    let rho = abs(Correlation.pearson([x, y])[1])
                    if rho.isFinite, rho >= Self.linkThreshold, best == nil || rho > best!.correlation { best = (j, rho) }
                }
            }
            var numbers: [Double?]
            var target: Int?
            if let (j, _) = best {
                numbers = rows.map { row -> Double? in row.flatMap { $0.scores[j].isNaN ? nil : $0.scores[j] } }
                target = j
            } else {
                // Only while the marginal keeps every row's place (no more rows than knots): between
                // knots, places are interpolated and the popularity of single rows is smoothed away,
                // which the cumulative popularity keeps better.
                guard !popularity.isEmpty, n <= NumericMarginal.knotLimit else { continue }
                // Each referenced row's place by popularity: most referenced first, ties by first reference.
                let groups = Self.groups((0..<n).map { r -> [Value]? in
                    let tuple = indexes.map { columns[$0][r] }
                    return tuple.contains(.null) ? nil : tuple
                })
                let ranked = groups.indices.sorted { groups[$0].rows.count > groups[$1].rows.count || (groups[$0].rows.count == groups[$1].rows.count && $0 < $1) }
                numbers = [Double?](repeating: nil, count: n)
                let places = Double(max(popularity.count, groups.count))
                for (rank, g) in ranked.enumerated() {
                    for r in groups[g].rows { numbers[r] = (Double(rank) + 0.5) / places }
                }
                target = nil
            }
            let fitted = MarginalFitting.numeric(numbers, codec: .real(decimals: 6), random: &random)
            // Like any number, drawn given a category it depends on (the item's price class), when one is found.
            data[marginals.count] = DimensionData(column: nil, numbers: numbers, codec: .real(decimals: 6))
            foreignSources[k] = .synthesized(table: name, nullShare: nullShare, popularity: popularity, link: .init(dimension: marginals.count, referencedDimension: target))
            marginals.append(fitted.0)
            names.append("\(table.foreignKeys[k].columns.joined(separator: ", ")) → \(name) (\(target.map { referencedModel.dimensionNames[$0] } ?? "popularity"))")
            scores.append(fitted.1)
        }
    }
}

import UnderstudyCore

extension Evaluation {
    typealias ReadTable = (table: Table, real: [[Value]], copy: [[Value]], realData: [String: QualityReport.ColumnData], copyData: [String: QualityReport.ColumnData])

    /// Cardinality and Intertable Trends of one foreign key, on the rows read (sampled tables: the
    /// rows of the sample, so a child row whose parent was not read is left out of the join).
    static func relationship(parent: ReadTable, child: ReadTable, key: ForeignKey) -> RelationshipEvaluation {
        let parentIndexes = key.referencedColumns.compactMap { name in parent.table.storedColumns.firstIndex { $0.name == name } }
        let childIndexes = key.columns.compactMap { name in child.table.storedColumns.firstIndex { $0.name == name } }
        var evaluation = RelationshipEvaluation(parent: parent.table.name, child: child.table.name, foreignKey: key.columns, cardinality: nil, pairs: [], intertableTrends: nil)
        guard parentIndexes.count == key.referencedColumns.count, childIndexes.count == key.columns.count else { return evaluation }
        func join(_ parentColumns: [[Value]], _ childColumns: [[Value]]) -> (counts: [Double], pairs: [(child: Int, parent: Int)]) {
            guard parentIndexes.allSatisfy({ $0 < parentColumns.count }), childIndexes.allSatisfy({ $0 < childColumns.count }) else { return ([], []) }
            var rowOf: [[String]: Int] = [:]
            let parents = parentColumns.first?.count ?? 0
            for r in 0..<parents { rowOf[parentIndexes.map { parentColumns[$0][r].displayText }] = r }
            var counts = [Double](repeating: 0, count: parents)
            var pairs: [(Int, Int)] = []
            for r in 0..<(childColumns.first?.count ?? 0) {
                let values = childIndexes.map { childColumns[$0][r] }
                guard !values.contains(where: \.isNull), let p = rowOf[values.map(\.displayText)] else { continue }
                counts[p] += 1
                pairs.append((r, p))
            }
            return (counts, pairs)
        }
        let real = join(parent.real, child.real), copy = join(parent.copy, child.copy)
        evaluation.cardinality = QualityReport.ksComplement(real.counts, copy.counts)
        // The child joined to its parent: the parent's columns and the child's, prefixed by table.
        func denormalized(_ data: [String: QualityReport.ColumnData], _ rows: [Int], prefix: String) -> [String: QualityReport.ColumnData] {
            var out: [String: QualityReport.ColumnData] = [:]
            for (name, column) in data {
                switch column {
                case .continuous(let values): out[prefix + name] = .continuous(rows.map { values[$0] })
                case .discrete(let values): out[prefix + name] = .discrete(rows.map { values[$0] })
                }
            }
            return out
        }
        let p = parent.table.name + ".", c = child.table.name + "."
        let realJoined = denormalized(parent.realData, real.pairs.map(\.parent), prefix: p).merging(denormalized(child.realData, real.pairs.map(\.child), prefix: c)) { a, _ in a }
        let copyJoined = denormalized(parent.copyData, copy.pairs.map(\.parent), prefix: p).merging(denormalized(child.copyData, copy.pairs.map(\.child), prefix: c)) { a, _ in a }
        var candidates: [(String, String)] = []
        for parentColumn in parent.table.storedColumns where parent.realData[parentColumn.name] != nil {
            for childColumn in child.table.storedColumns where child.realData[childColumn.name] != nil {
                candidates.append((p + parentColumn.name, c + childColumn.name))
            }
        }
        guard !real.pairs.isEmpty, !copy.pairs.isEmpty else { return evaluation }
        evaluation.pairs = QualityReport.pairScores(candidates, real: realJoined, copy: copyJoined)
        evaluation.intertableTrends = evaluation.pairs.isEmpty ? nil : evaluation.pairs.map(\.score).reduce(0, +) / Double(evaluation.pairs.count)
        return evaluation
    }

    /// The number of rows of `child` referencing each row of `parent` (zeros included), over every
    /// row: only the key columns are read.
    static func childCounts(child: Table, parent: Table, key: ForeignKey, from source: any SamplingSource) async throws -> [Double] {
        var counts: [[String]: Double] = [:]
        let keyColumns = key.columns.compactMap { child.column(named: $0) }
        let referenced = key.referencedColumns.compactMap { parent.column(named: $0) }
        guard keyColumns.count == key.columns.count, referenced.count == key.referencedColumns.count else { return [] }
        for try await batch in try await source.rows(of: child, columns: keyColumns, batchSize: 10_000) {
            let indexes = key.columns.map { batch.columnIndex($0)! }
            for r in 0..<batch.count {
                let values = indexes.map { batch.columns[$0][r] }
                if !values.contains(where: \.isNull) { counts[values.map(\.displayText), default: 0] += 1 }
            }
        }
        var result: [Double] = []
        for try await batch in try await source.rows(of: parent, columns: referenced, batchSize: 10_000) {
            let indexes = key.referencedColumns.map { batch.columnIndex($0)! }
            for r in 0..<batch.count { result.append(counts[indexes.map { batch.columns[$0][r].displayText }] ?? 0) }
        }
        return result
    }

    /// BoundaryAdherence and CategoryAdherence, each averaged over its columns.
    static func adherence(_ real: [String: QualityReport.ColumnData], _ copy: [String: QualityReport.ColumnData]) -> (boundary: Double?, category: Double?) {
        var boundary: [Double] = [], category: [Double] = []
        for (name, column) in real.sorted(by: { $0.key < $1.key }) {
            switch (column, copy[name]) {
            case (.continuous(let a), .continuous(let b)?):
                let x = a.compactMap { $0 }, y = b.compactMap { $0 }
                guard let low = x.min(), let high = x.max(), !y.isEmpty else { continue }
                boundary.append(Double(y.filter { $0 >= low && $0 <= high }.count) / Double(y.count))
            case (.discrete(let a), .discrete(let b)?):
                let known = Set(a.compactMap { $0 }), y = b.compactMap { $0 }
                guard !y.isEmpty else { continue }
                category.append(Double(y.filter(known.contains).count) / Double(y.count))
            default: continue
            }
        }
        func mean(_ v: [Double]) -> Double? { v.isEmpty ? nil : v.reduce(0, +) / Double(v.count) }
        return (mean(boundary), mean(category))
    }

    /// DCRBaselineProtection as SDMetrics computes it: per scored column a distance in [0, 1]
    /// (numbers and dates |a − b| / the source's range, categories 0 when equal, 1 when one side is
    /// NULL), a row's distance their mean, its DCR the smallest over the source rows. The baseline is
    /// as many rows drawn uniformly within the source's ranges and among its categories (NULLs at
    /// its rate), from a fixed seed: SDMetrics draws its own at random, so its score varies a little
    /// from run to run.
    static func dcrBaselineProtection(_ real: [String: QualityReport.ColumnData], _ copy: [String: QualityReport.ColumnData]) -> (score: Double?, medians: TableEvaluation.MedianDCR)? {
        let names = real.keys.sorted().filter { copy[$0] != nil }
        guard !names.isEmpty else { return nil }
        func spread(_ count: Int, _ limit: Int) -> [Int] {
            let stride = max(1, (count + limit - 1) / limit)
            return Array(Swift.stride(from: 0, to: count, by: stride))
        }
        func count(_ data: QualityReport.ColumnData) -> Int {
            switch data { case .continuous(let v): v.count; case .discrete(let v): v.count }
        }
        let realRows = spread(count(real[names[0]]!), dcrSourceRows), copyRows = spread(count(copy[names[0]]!), dcrCopyRows)
        guard !realRows.isEmpty, !copyRows.isEmpty else { return nil }
        enum Cell { case number(Double?), category(String?) }
        func cells(_ data: [String: QualityReport.ColumnData], _ rows: [Int]) -> [[Cell]] {
            names.map { name in
                switch data[name]! {
                case .continuous(let v): rows.map { .number(v[$0]) }
                case .discrete(let v): rows.map { .category(v[$0]) }
                }
            }
        }
        let reference = cells(real, realRows), synthetic = cells(copy, copyRows)
        var ranges: [Double] = []
        var random = KeyedHasher(key: .init(data: [UInt8](repeating: 0x5A, count: 32))).stream([], label: 0)
        var baseline: [[Cell]] = []
        for name in names {
            switch real[name]! {
            case .continuous(let v):
                let present = v.compactMap { $0 }
                let low = present.min() ?? 0, high = present.max() ?? 0
                ranges.append(high - low)
                let nullRate = v.isEmpty ? 0 : Double(v.count - present.count) / Double(v.count)
                baseline.append(copyRows.map { _ in random.unit() < nullRate ? .number(nil) : .number(low + random.unit() * (high - low)) })
            case .discrete(let v):
                ranges.append(0)
                let categories = Array(Set(v.compactMap { $0 })).sorted()
                let nullRate = v.isEmpty ? 0 : Double(v.filter { $0 == nil }.count) / Double(v.count)
                baseline.append(copyRows.map { _ in random.unit() < nullRate || categories.isEmpty ? .category(nil) : .category(categories[random.below(categories.count)]) })
            }
        }
        func dcr(_ data: [[Cell]], _ row: Int) -> Double {
            var best = Double.infinity
            for r in realRows.indices {
                var total = 0.0
                for k in names.indices {
                    switch (data[k][row], reference[k][r]) {
                    case (.number(let a), .number(let b)):
                        switch (a, b) {
                        case (nil, nil): break
                        case (let a?, let b?): total += ranges[k] == 0 ? (a != b ? 1 : 0) : min(abs(a - b) / ranges[k], 1)
                        default: total += 1
                        }
                    case (.category(let a), .category(let b)):
                        total += a == b ? 0 : 1
                    default:
                        total += 1
                    }
                    if total >= best * Double(names.count) { break }
                }
                best = min(best, total / Double(names.count))
                if best == 0 { break }
            }
            return best
        }
        func median(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }
        let copyMedian = median(copyRows.indices.map { dcr(synthetic, $0) })
        let randomMedian = median(copyRows.indices.map { dcr(baseline, $0) })
        return (randomMedian > 0 ? min(copyMedian / randomMedian, 1) : nil, .init(copy: copyMedian, randomBaseline: randomMedian))
    }
}

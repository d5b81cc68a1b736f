import Foundation

/// Quality of a copy against its source, as SDMetrics defines it for one table, with its names and
/// formulas, so that the numbers mean what data scientists already read in them:
///
/// - **Column Shapes**: per column, KSComplement (1 − the two-sample Kolmogorov–Smirnov statistic)
///   for numbers and dates, TVComplement (1 − the total variation distance of the category
///   frequencies) for categories and booleans; their mean.
/// - **Column Pair Trends**: per pair of columns, CorrelationSimilarity (1 − |ρ_real − ρ_copy| / 2,
///   Pearson, rows with both values) for two numbers or dates, ContingencySimilarity (1 − the total
///   variation distance of the two-way frequency table, NULL a category) otherwise, numbers and dates
///   then cut into 10 equal-width bins of their own table's range (as SDMetrics' report does: each
///   table's own bins). With SDMetrics' thresholds, only pairs related in the source count: a
///   correlation whose |ρ_real| is above 0.5, a contingency whose Cramér's V in the source is above
///   0.3. Their mean; pairs that cannot be computed (a constant column) or fall under the threshold
///   are left out, and a table without any has no pair score.
/// - **Overall**: the mean of the two.
///
/// `scripts/check-evaluate` runs SDMetrics' `QualityReport` on the same data and requires the same
/// scores (within 0.02).
public struct QualityReport: Sendable, Codable {
    /// SDMetrics' sdtypes this report uses; `id` and `other` columns are not scored.
    public enum SDType: String, Sendable, Codable {
        case numerical, datetime, categorical, boolean, id, other
    }

    public struct ColumnScore: Sendable, Codable {
        public var column: String
        public var metric: String
        public var score: Double
    }

    public struct PairScore: Sendable, Codable {
        public var columns: [String]
        public var metric: String
        public var score: Double
    }

    public var columnShapes: Double?
    public var columnPairTrends: Double?
    public var overall: Double?
    public var columns: [ColumnScore]
    public var pairs: [PairScore]

    enum CodingKeys: String, CodingKey {
        case columnShapes = "column_shapes", columnPairTrends = "column_pair_trends", overall, columns, pairs
    }

    /// One column's values as the metrics read them: numbers (dates as seconds), or category keys.
    public enum ColumnData: Sendable {
        case continuous([Double?])
        case discrete([String?])
    }

    public init(real: [String: ColumnData], copy: [String: ColumnData], order: [String]) {
        var columns: [ColumnScore] = []
        for name in order {
            guard let r = real[name], let c = copy[name] else { continue }
            switch (r, c) {
            case (.continuous(let a), .continuous(let b)):
                if let score = Self.ksComplement(a.compactMap { $0 }, b.compactMap { $0 }) { columns.append(.init(column: name, metric: "KSComplement", score: score)) }
            case (.discrete(let a), .discrete(let b)):
                if let score = Self.tvComplement(a.compactMap { $0 }, b.compactMap { $0 }) { columns.append(.init(column: name, metric: "TVComplement", score: score)) }
            default: continue
            }
        }
        let scored = order.filter { real[$0] != nil && copy[$0] != nil }
        var candidates: [(String, String)] = []
        for i in scored.indices { for j in scored.indices where j > i { candidates.append((scored[i], scored[j])) } }
        let pairs = Self.pairScores(candidates, real: real, copy: copy)
        self.columns = columns
        self.pairs = pairs
        columnShapes = columns.isEmpty ? nil : columns.map(\.score).reduce(0, +) / Double(columns.count)
        columnPairTrends = pairs.isEmpty ? nil : pairs.map(\.score).reduce(0, +) / Double(pairs.count)
        let properties = [columnShapes, columnPairTrends].compactMap { $0 }
        overall = properties.isEmpty ? nil : properties.reduce(0, +) / Double(properties.count)
    }

    /// Whether a text column's values are categories: few distinct (at most 50, or 5% of the rows)
    /// and repeating (most rows share their value with another). Mostly unique values — names,
    /// addresses, phone numbers, notes — are not: SDV would call them PII or text, not categories.
    /// Synthesis models categories by their frequencies and everything else as text.
    public static func isCategorical(_ values: [Value]) -> Bool {
        let (distinct, shared) = repetition(values)
        return distinct <= max(50, values.count / 20) && shared
    }

    /// The distinct values that are not NULL, and whether rows share them: fewer than half the
    /// non-NULL rows hold a value no other row holds.
    static func repetition(_ values: some Sequence<Value>) -> (distinct: Int, shared: Bool) {
        var counts: [Value: Int] = [:]
        for value in values where !value.isNull { counts[value, default: 0] += 1 }
        let nonNull = counts.values.reduce(0, +), singletons = counts.values.reduce(0) { $0 + ($1 == 1 ? 1 : 0) }
        return (counts.count, singletons * 2 < nonNull)
    }

    /// Column Pair Trends of the given pairs (only those related in the source count, by SDMetrics'
    /// thresholds); also Intertable Trends, over a child table joined to its parent.
    public static func pairScores(_ candidates: [(String, String)], real: [String: ColumnData], copy: [String: ColumnData]) -> [PairScore] {
        var pairs: [PairScore] = []
        for (a, b) in candidates {
            guard let realA = real[a], let realB = real[b], let copyA = copy[a], let copyB = copy[b] else { continue }
            switch (realA, realB, copyA, copyB) {
            case (.continuous(let ra), .continuous(let rb), .continuous(let ca), .continuous(let cb)):
                if let score = correlationSimilarity(ra, rb, ca, cb, threshold: correlationThreshold) {
                    pairs.append(.init(columns: [a, b], metric: "CorrelationSimilarity", score: score))
                }
            default:
                let (ra, rb) = (keys(realA), keys(realB))
                guard let association = cramersV(ra, rb), association > associationThreshold else { continue }
                pairs.append(.init(columns: [a, b], metric: "ContingencySimilarity", score: contingencySimilarity(ra, rb, keys(copyA), keys(copyB))))
            }
        }
        return pairs
    }

    /// SDMetrics' report thresholds (`DEFAULT_REAL_CORRELATION_THRESHOLD`, `…_ASSOCIATION_…`).
    public static let correlationThreshold = 0.5
    public static let associationThreshold = 0.3

    // MARK: metrics

    /// Cramér's V of the two-way table (χ² without continuity correction, NULL a category), as
    /// `scipy.stats.contingency.association(method="cramer")`; nil for a table of one row or column.
    public static func cramersV(_ a: [String?], _ b: [String?]) -> Double? {
        cramersV(a, b, biasCorrected: false)
    }

    /// Cramér's V, optionally with Bergsma's (2013) bias correction, which keeps a small sample
    /// with many categories from looking associated by chance (synthesis uses it to choose which
    /// column a column depends on).
    public static func cramersV(_ a: [String?], _ b: [String?], biasCorrected: Bool) -> Double? {
        var counts: [String: [String: Double]] = [:]
        var columns = Set<String>()
        for k in a.indices {
            let x = a[k] ?? "\u{0}NULL", y = b[k] ?? "\u{0}NULL"
            counts[x, default: [:]][y, default: 0] += 1
            columns.insert(y)
        }
        guard counts.count >= 2, columns.count >= 2 else { return nil }
        let n = Double(a.count)
        var rowTotals: [String: Double] = [:], columnTotals: [String: Double] = [:]
        for (x, row) in counts { for (y, c) in row { rowTotals[x, default: 0] += c; columnTotals[y, default: 0] += c } }
        var chi2 = 0.0
        for (x, rowTotal) in rowTotals {
            for (y, columnTotal) in columnTotals {
                let expected = rowTotal * columnTotal / n
                let observed = counts[x]?[y] ?? 0
                chi2 += (observed - expected) * (observed - expected) / expected
            }
        }
        guard biasCorrected else { return (chi2 / (n * Double(min(counts.count, columns.count) - 1))).squareRoot() }
        guard n > 1 else { return nil }
        let r = Double(counts.count), k = Double(columns.count)
        let phi2 = max(0, chi2 / n - (k - 1) * (r - 1) / (n - 1))
        let rCorrected = r - (r - 1) * (r - 1) / (n - 1), kCorrected = k - (k - 1) * (k - 1) / (n - 1)
        let denominator = min(kCorrected - 1, rCorrected - 1)
        return denominator > 0 ? (phi2 / denominator).squareRoot() : nil
    }

    /// 1 − the two-sample Kolmogorov–Smirnov statistic (the largest gap between the two empirical
    /// distribution functions); nil when a side is empty. NaN is left out, as pandas drops it (it is
    /// no point on the axis, and it stopped the walk below from advancing).
    public static func ksComplement(_ a: [Double], _ b: [Double]) -> Double? {
        let x = a.filter { !$0.isNaN }.sorted(), y = b.filter { !$0.isNaN }.sorted()
        guard !x.isEmpty, !y.isEmpty else { return nil }
        var i = 0, j = 0, gap = 0.0
        while i < x.count && j < y.count {
            let v = min(x[i], y[j])
            while i < x.count && x[i] <= v { i += 1 }
            while j < y.count && y[j] <= v { j += 1 }
            gap = max(gap, abs(Double(i) / Double(x.count) - Double(j) / Double(y.count)))
        }
        return 1 - gap
    }

    /// 1 − the total variation distance of the two frequency distributions; nil when a side is empty.
    public static func tvComplement(_ a: [String], _ b: [String]) -> Double? {
        guard !a.isEmpty, !b.isEmpty else { return nil }
        var fa: [String: Double] = [:], fb: [String: Double] = [:]
        for v in a { fa[v, default: 0] += 1 }
        for v in b { fb[v, default: 0] += 1 }
        var variation = 0.0
        for key in Set(fa.keys).union(fb.keys) {
            variation += abs((fa[key] ?? 0) / Double(a.count) - (fb[key] ?? 0) / Double(b.count))
        }
        return 1 - variation / 2
    }

    /// 1 − |ρ_real − ρ_copy| / 2 with Pearson's ρ over the rows where both values are present; nil
    /// when a column is constant (no correlation), fewer than two rows remain, or |ρ_real| is not
    /// above `threshold`.
    public static func correlationSimilarity(_ ra: [Double?], _ rb: [Double?], _ ca: [Double?], _ cb: [Double?], threshold: Double = 0) -> Double? {
        func pearson(_ x: [Double?], _ y: [Double?]) -> Double? {
            var xs: [Double] = [], ys: [Double] = []
            for k in x.indices { if let u = x[k], let v = y[k] { xs.append(u); ys.append(v) } }
            guard xs.count >= 2 else { return nil }
            let mx = xs.reduce(0, +) / Double(xs.count), my = ys.reduce(0, +) / Double(ys.count)
            var sxy = 0.0, sxx = 0.0, syy = 0.0
            for k in xs.indices {
                sxy += (xs[k] - mx) * (ys[k] - my)
                sxx += (xs[k] - mx) * (xs[k] - mx)
                syy += (ys[k] - my) * (ys[k] - my)
            }
            guard sxx > 0, syy > 0 else { return nil }
            return sxy / (sxx * syy).squareRoot()
        }
        guard let r = pearson(ra, rb), abs(r) > threshold, let c = pearson(ca, cb) else { return nil }
        return 1 - abs(r - c) / 2
    }

    /// 1 − the total variation distance of the two tables' two-way frequencies (NULL a category).
    public static func contingencySimilarity(_ ra: [String?], _ rb: [String?], _ ca: [String?], _ cb: [String?]) -> Double {
        func table(_ a: [String?], _ b: [String?]) -> [String: Double] {
            var counts: [String: Double] = [:]
            for k in a.indices { counts[(a[k] ?? "\u{0}NULL") + "\u{1}" + (b[k] ?? "\u{0}NULL"), default: 0] += 1 }
            let total = Double(max(1, a.count))
            return counts.mapValues { $0 / total }
        }
        let r = table(ra, rb), c = table(ca, cb)
        var variation = 0.0
        for key in Set(r.keys).union(c.keys) { variation += abs((r[key] ?? 0) - (c[key] ?? 0)) }
        return 1 - variation / 2
    }

    /// A column as category keys: categories as they are; numbers and dates cut into 10 equal-width
    /// bins of their own range, numbered as NumPy's `digitize` numbers them (the largest value and
    /// NULL fall after the last edge, as in SDMetrics' report).
    static func keys(_ column: ColumnData) -> [String?] {
        switch column {
        case .discrete(let values): return values
        case .continuous(let values):
            let present = values.compactMap { $0 }
            guard let low = present.min(), let high = present.max() else { return values.map { _ in "11" } }
            // np.histogram_bin_edges: a zero range becomes [low - 0.5, high + 0.5].
            let (first, last) = low == high ? (low - 0.5, high + 0.5) : (low, high)
            let edges = (0...10).map { first + (last - first) * Double($0) / 10 }
            return values.map { value in
                guard let value else { return "11" }
                // digitize (right=False): the number of edges ≤ value.
                var bin = 0
                while bin < edges.count && edges[bin] <= value { bin += 1 }
                return String(bin)
            }
        }
    }
}

import Foundation

/// Fitting one column's marginal and scoring its source values, exactly or under differential
/// privacy (``MeasurementNoise``).
enum MarginalFitting {
    /// Columns with at most this many distinct values are categories, even when numeric.
    static let discreteLimit = 32

    /// The exact marginal of a numeric column and the scores of its values.
    static func numeric(_ numbers: [Double?], codec: NumberCodec, random: inout KeyedRandom) -> (ColumnMarginal, [Double]) {
        let present = numbers.compactMap { $0 }.sorted()
        let nullShare = numbers.isEmpty ? 0 : Double(numbers.count - present.count) / Double(numbers.count)
        let marginal = NumericMarginal(nullShare: nullShare, knots: NumericMarginal.knots(ofSorted: present), codec: codec)
        // NULLs are missing from the copula's estimate (NaN), not scored.
        let scores = numbers.map { x -> Double in
            guard let x else { return .nan }
            return rank(x, inSorted: present, tie: Normal.uniform(&random))
        }
        return (.numeric(marginal), scores)
    }

    /// The exact marginal of a categorical column (or foreign-key tuples) and the scores of its values.
    static func categorical(_ tuples: [[Value]], ordered: Bool, dropSingletons: Bool, random: inout KeyedRandom) -> (ColumnMarginal, [Double]) {
        var marginal = CategoricalMarginal.fitted(tuples, ordered: ordered, dropSingletons: dropSingletons)
        if marginal.categories.isEmpty { marginal = CategoricalMarginal(categories: [tuples.first.map { $0.map { _ in .null } } ?? [.null]], weights: [1]) }
        return (.categorical(marginal), scores(tuples, marginal, &random))
    }

    static func scores(_ tuples: [[Value]], _ marginal: CategoricalMarginal, _ random: inout KeyedRandom) -> [Double] {
        var index: [[Value]: Int] = [:]
        for (i, category) in marginal.categories.enumerated() { index[category] = i }
        return tuples.map { tuple in
            // A category not reproduced (seen once, or suppressed under DP) gets a score anywhere.
            guard let i = index[tuple] else { return Normal.uniform(&random) }
            return marginal.score(i, &random)
        }
    }

    // MARK: Under differential privacy

    /// A categorical marginal from noisy counts. `knownDomain`: the categories are public (booleans,
    /// the keys of a copied table, a workspace's `domains:`), so none is suppressed, and a value
    /// outside them is not counted (it would be released); otherwise categories below the threshold
    /// are dropped. One measurement.
    static func privateCategorical(
        _ tuples: [[Value]], ordered: Bool, knownDomain: [[Value]]?, nullable: Bool = true, noise: inout MeasurementNoise, random: inout KeyedRandom
    ) -> (ColumnMarginal, [Double]) {
        var counts: [[Value]: Double] = [:]
        for domain in knownDomain ?? [] { counts[domain] = 0 }
        for tuple in tuples where knownDomain == nil || counts[tuple] != nil { counts[tuple, default: 0] += 1 }
        var entries = counts.sorted { ValueOrder.less($0.key, $1.key) }.map { ($0.key, $0.value) }
        if !nullable { entries.removeAll { $0.0.allSatisfy(\.isNull) } }
        if knownDomain != nil {
            let noisy = noise.counts(entries.map(\.1))
            for i in entries.indices { entries[i].1 = noisy[i] }
        } else {
            let noisy = noise.thresholded(entries.map(\.1))
            entries = zip(entries, noisy).compactMap { entry, count in count.map { (entry.0, $0) } }
        }
        if !ordered { entries.sort { $0.1 != $1.1 ? $0.1 > $1.1 : ValueOrder.less($0.0, $1.0) } }
        var marginal = CategoricalMarginal(categories: entries.map(\.0), weights: entries.map(\.1))
        if marginal.categories.isEmpty || entries.allSatisfy({ $0.1 <= 0 }) {
            marginal = CategoricalMarginal(categories: [tuples.first.map { $0.map { _ in .null } } ?? [.null]], weights: [1])
        }
        return (.categorical(marginal), scores(tuples, marginal, &random))
    }

    /// A numeric marginal under DP, in three measurements and without bounds from the data: a
    /// histogram over data-independent magnitude classes (±2^k) finds the range, a 64-bin histogram
    /// over that range narrows it, and a 64-bin histogram over the narrowed range (with a NULL bin)
    /// is the marginal, its quantile function linear inside each bin. Each row falls in one bin of
    /// each histogram: L2 sensitivity 1 per measurement (√2 for `sensitivity: 2`, where adding a row
    /// moves one count, e.g. children per parent). Scores come from the noisy CDF.
    ///
    /// `rows`, the table's released (noisy) row count, sets how many bins the marginal has: enough
    /// rows per bin to stand above the noise (a few hundred rows against σ ≈ 50 give a handful of
    /// bins, not 64 bins of noise). Counts below σ are taken for noise and dropped.
    static func privateNumeric(
        _ numbers: [Double?], codec: NumberCodec, sensitivity: Double = 1, nullable: Bool = true, limit: ClosedRange<Double>? = nil,
        declared: ClosedRange<Double>? = nil, rows: Double? = nil, noise: inout MeasurementNoise, random: inout KeyedRandom
    ) -> (ColumnMarginal, [Double]) {
        // Public bounds (a workspace's `domains:`): the range is known, one measurement (the marginal).
        if let declared {
            return privateHistogram(numbers, codec: codec, sensitivity: sensitivity, nullable: nullable, low: declared.lowerBound, high: declared.upperBound, rows: rows, noise: &noise, random: &random)
        }
        let present = numbers.compactMap { $0 }.map { x in limit.map { min(max(x, $0.lowerBound), $0.upperBound) } ?? x }
        // Magnitude classes: 0 for |x| < 1, ±(⌊log2 |x|⌋ + 1) otherwise, in -64...64.
        func magnitude(_ x: Double) -> Int {
            guard abs(x) >= 1 else { return 0 }
            let k = min(64, Int(log2(abs(x)).rounded(.down)) + 1)
            return x < 0 ? -k : k
        }
        func edges(_ k: Int) -> (Double, Double) {
            if k == 0 { return (-1, 1) }
            let low = pow(2, Double(abs(k) - 1)), high = pow(2, Double(abs(k)))
            return k > 0 ? (low, high) : (-high, -low)
        }
        var classes = [Double](repeating: 0, count: 129)
        for x in present { classes[magnitude(x) + 64] += 1 }
        let noisyClasses = noise.counts(classes, sensitivity: sensitivity)
        let sigmaA = noise.sigma(sensitivity: sensitivity)
        // The range: the class whose noisy count with its two neighbours' is largest (data spread
        // over adjacent classes; noise is not), among the classes inside the public bounds, widened
        // over its neighbours while theirs pass 2σ. Contiguous, so that noise in a class far away
        // (one of 129 passes 3σ now and then) cannot stretch the range to 2⁶⁰.
        let possible = noisyClasses.indices.filter { k in
            guard let limit else { return true }
            let (low, high) = edges(k - 64)
            return high >= limit.lowerBound && low <= limit.upperBound
        }
        func window(_ k: Int) -> Double { (max(0, k - 1)...min(noisyClasses.count - 1, k + 1)).reduce(0) { $0 + noisyClasses[$1] } }
        let anchor = possible.max { window($0) != window($1) ? window($0) < window($1) : noisyClasses[$0] < noisyClasses[$1] } ?? 64
        var first = anchor, last = anchor
        while first > 0, noisyClasses[first - 1] > 2 * sigmaA { first -= 1 }
        while last < noisyClasses.count - 1, noisyClasses[last + 1] > 2 * sigmaA { last += 1 }
        var low = edges(first - 64).0, high = edges(last - 64).1
        if let limit {
            // Inside the public bounds, and never empty: noise may have put the anchor outside them.
            low = min(max(low, limit.lowerBound), limit.upperBound)
            high = max(min(high, limit.upperBound), low)
            if high == low { (low, high) = (limit.lowerBound, limit.upperBound) }
        }
        // Narrow the range with a first fine histogram.
        let bins = 64
        let zoom = noise.counts(binCounts(present, low, high, bins: bins), sensitivity: sensitivity)
        let sigmaB = noise.sigma(sensitivity: sensitivity)
        let kept = zoom.indices.filter { zoom[$0] > 2 * sigmaB }
        if let first = kept.first, let last = kept.last {
            let width = (high - low) / Double(bins)
            (low, high) = (low + Double(first) * width, low + Double(last + 1) * width)
        }
        return privateHistogram(numbers, codec: codec, sensitivity: sensitivity, nullable: nullable, low: low, high: high, rows: rows, noise: &noise, random: &random)
    }

    /// The marginal of a number over [low, high]: a histogram with a NULL bin, one measurement, its
    /// quantile function linear inside each bin; scores from the noisy CDF.
    static func privateHistogram(
        _ numbers: [Double?], codec: NumberCodec, sensitivity: Double, nullable: Bool, low: Double, high: Double, rows: Double?,
        noise: inout MeasurementNoise, random: inout KeyedRandom
    ) -> (ColumnMarginal, [Double]) {
        let present = numbers.compactMap { $0 }
        // Bins of about 3σ expected rows each at least (public: the released row count and σ).
        let sigmaC = noise.sigma(sensitivity: sensitivity)
        var bins = 64
        if let rows { bins = min(64, max(2, Int(rows / (3 * sigmaC)))) }
        var final = binCounts(present, low, high, bins: bins)
        final.append(Double(numbers.count - present.count))
        var noisy = noise.counts(final, sensitivity: sensitivity)
        // Counts below σ are noise more often than rows: dropped, unless nothing else is left.
        if noisy[0..<bins].contains(where: { $0 >= sigmaC }) {
            for b in 0..<bins where noisy[b] < sigmaC { noisy[b] = 0 }
        }
        let total = noisy.reduce(0, +)
        // A NOT NULL column has no NULLs: the schema says so, no noise needed.
        let nullShare = total > 0 && nullable ? noisy[bins] / total : 0
        let mass = Array(noisy[0..<bins])
        let massTotal = mass.reduce(0, +)
        // Knots of the piecewise-uniform histogram.
        var cumulative = [0.0]
        for m in mass { cumulative.append(cumulative.last! + (massTotal > 0 ? m / massTotal : 1 / Double(bins))) }
        let width = (high - low) / Double(bins)
        let k = 257
        let knots = (0..<k).map { j -> Double in
            let q = Double(j) / Double(k - 1)
            var b = 0
            while b < bins - 1, cumulative[b + 1] < q { b += 1 }
            let inside = cumulative[b + 1] > cumulative[b] ? (q - cumulative[b]) / (cumulative[b + 1] - cumulative[b]) : 0.5
            return low + (Double(b) + min(max(inside, 0), 1)) * width
        }
        let marginal = NumericMarginal(nullShare: nullShare, knots: knots, codec: codec)
        // Scores from the noisy CDF (the data enter only through the later, noised, pair sums): a
        // value's bin, and a place drawn at random inside the bin's share. Its place by the value
        // would give every row of a repeated value (a quantity of 1, at a bin's edge) the same score,
        // far in a tail (Φ⁻¹ of 10⁻⁶), and the copula correlations of scores that are not normal.
        let scores = numbers.map { x -> Double in
            guard let x else { return .nan }
            let clamped = min(max(x, low), high)
            let position = width > 0 && ((clamped - low) / width).isFinite ? (clamped - low) / width : 0
            let b = Int(min(Double(bins - 1), max(0, position.rounded(.down))))
            let cdf = cumulative[b] + (cumulative[b + 1] - cumulative[b]) * Normal.uniform(&random)
            return min(max(cdf, 1e-6), 1 - 1e-6)
        }
        return (.numeric(marginal), scores)
    }

    /// How many of `values` fall in each of `bins` equal bins over [low, high] (those outside in the
    /// edge bins).
    static func binCounts(_ values: [Double], _ low: Double, _ high: Double, bins: Int) -> [Double] {
        var counts = [Double](repeating: 0, count: bins)
        let width = (high - low) / Double(bins)
        for x in values {
            let position = width > 0 ? ((min(max(x, low), high) - low) / width).rounded(.down) : 0
            counts[Int(min(Double(bins - 1), max(0, position.isFinite ? position : 0)))] += 1
        }
        return counts
    }

    /// Where `x` falls in `sorted`, in [0, 1]: the share of values below it, plus `tie` (in [0, 1])
    /// of the share equal to it — the empirical CDF, ties spread by `tie`.
    static func rank(_ x: Double, inSorted sorted: [Double], tie: Double) -> Double {
        let low = lowerBound(sorted, x), high = upperBound(sorted, x)
        return (Double(low) + tie * Double(high - low)) / Double(sorted.count)
    }

    static func lowerBound(_ sorted: [Double], _ x: Double) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < x { low = mid + 1 } else { high = mid }
        }
        return low
    }

    static func upperBound(_ sorted: [Double], _ x: Double) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] <= x { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

import Foundation

/// Fitting one column's marginal and scoring its source values, exactly or under differential
/// privacy (``MeasurementNoise``).
enum MarginalFitting {
    /// Columns with at most this many distinct values are categories, even when numeric.
    static let discreteLimit = 32

    /// The exact marginal of a numeric column and the scores of its values.
    /// `nulls`: how many of the values are NULL, where some values read as no number are not (a
    /// NOT NULL column of dates with `unknown` among them: none); by default every value that reads as none.
    static func numeric(_ numbers: [Double?], codec: NumberCodec, nulls: Int? = nil, random: inout KeyedRandom) -> (ColumnMarginal, [Double]) {
        let present = numbers.compactMap { $0 }.sorted()
        let nullShare = numbers.isEmpty ? 0 : Double(nulls ?? (numbers.count - present.count)) / Double(numbers.count)
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
        if knownDomain != nil, !entries.isEmpty, entries.allSatisfy({ $0.1 <= 0 }) {
            // Noise drowned every count of a public domain (an enum's labels, declared categories):
            // its values are drawn alike — post-processing of what is public, no row read.
            marginal = CategoricalMarginal(categories: entries.map(\.0), weights: entries.map { _ in 1 })
        } else if marginal.categories.isEmpty || entries.allSatisfy({ $0.1 <= 0 }) {
            marginal = CategoricalMarginal(categories: [tuples.first.map { $0.map { _ in .null } } ?? [.null]], weights: [1])
        }
        return (.categorical(marginal), scores(tuples, marginal, &random))
    }

    /// A numeric marginal under DP, in four measurements and without bounds from the data:
    ///
    /// 1. **Spikes**: the count of every exact value, thresholded like a category over an open domain
    ///    (a value one row adds is released with probability at most δ′). A price of 0.99 on most
    ///    rows, a discount of 0, a quantity of 1 become point masses; spread over a bin, they were
    ///    values no row has, and the column's KS fell to 0.2.
    /// 2. The other values' range: a histogram over data-independent magnitude classes (±2^k).
    /// 3. A 64-bin histogram over that range narrows it.
    /// 4. A histogram over the narrowed range (with a NULL bin) is the rest of the marginal, its
    ///    quantile function linear inside each bin.
    ///
    /// Each row falls in one cell of each histogram: L2 sensitivity 1 per measurement (√2 for
    /// `sensitivity: 2.squareRoot()`, where adding a row moves one count, e.g. children per
    /// parent). Scores come from the noisy CDF. With declared bounds, 2 and 3 are not taken.
    ///
    /// `rows`, the table's released (noisy) row count, sets how many bins the marginal has: enough
    /// rows per bin to stand above the noise (a few hundred rows against σ ≈ 50 give a handful of
    /// bins, not 64 bins of noise). Counts below σ are taken for noise and dropped (below 3σ where
    /// spikes were released: their rest is often nothing, and its bins only noise).
    ///
    /// `unplaced`, when given, is told the released rows the point masses do not hold (`rows` less
    /// their masses): where the marginal is point masses alone, rows its bins did not place.
    ///
    /// `origin`: where the magnitude classes are counted from (public). A date's is
    /// ``NumberCodec/dateOrigin``, not 1970: birth dates of 1947 to 1973 fell in six classes on
    /// both sides of 0, none of whose counts stood above the noise of 129 classes, and a few rows
    /// got a range of minutes around 1970-01-01 (Chinook's eight employees at ε = 64 were born at
    /// `1970-01-01 00:09:04`); counted from 1900 they fall in two. `anchorClasses`: the magnitudes
    /// the range's anchor may have (public: a date's, ``dateAnchorClasses``, from half a year to 272
    /// years from its origin), so that the classes of minutes from 1900-01-01 or of the year 7000,
    /// which no column of dates fills, are not where noise alone puts a few rows (the range may
    /// still widen beyond it, class by class, where counts pass the noise).
    static func privateNumeric(
        _ numbers: [Double?], codec: NumberCodec, sensitivity: Double = 1, nullable: Bool = true, limit: ClosedRange<Double>? = nil,
        declared: ClosedRange<Double>? = nil, rows: Double? = nil, origin: Double = 0, anchorClasses: ClosedRange<Int>? = nil, noise: inout MeasurementNoise,
        random: inout KeyedRandom, unplaced: ((Double) -> Void)? = nil
    ) -> (ColumnMarginal, [Double]) {
        if origin != 0 {
            func shifted(_ range: ClosedRange<Double>?) -> ClosedRange<Double>? { range.map { ($0.lowerBound - origin)...($0.upperBound - origin) } }
            let (marginal, scores) = privateNumeric(
                numbers.map { $0.map { $0 - origin } }, codec: codec, sensitivity: sensitivity, nullable: nullable, limit: shifted(limit),
                declared: shifted(declared), rows: rows, anchorClasses: anchorClasses, noise: &noise, random: &random, unplaced: unplaced)
            guard case .numeric(var numeric) = marginal else { return (marginal, scores) }
            numeric.knots = numeric.knots.map { $0 + origin }
            return (.numeric(numeric), scores)
        }
        let values = numbers.map { x in x.map { x in limit.map { min(max(x, $0.lowerBound), $0.upperBound) } ?? x } }
        // 1. Spikes.
        var exact: [Double: Double] = [:]
        for case let x? in values { exact[x, default: 0] += 1 }
        let keys = exact.keys.sorted()
        let released = noise.thresholded(keys.map { exact[$0]! }, sensitivity: sensitivity)
        var spikes: [(value: Double, mass: Double)] = []
        for (key, mass) in zip(keys, released) {
            guard let mass, declared?.contains(key) ?? true else { continue }
            spikes.append((key, mass))
        }
        let spiked = Set(spikes.map(\.value))
        let present = values.compactMap { x -> Double? in
            guard let x, !spiked.contains(x) else { return nil }
            return x
        }
        let nulls = values.lazy.filter { $0 == nil }.count
        let restRows = rows.map { max(0, $0 - spikes.reduce(0) { $0 + $1.mass }) }
        if let restRows { unplaced?(restRows) }
        // Public bounds (a workspace's `domains:`): the range is known.
        if let declared {
            return privateHistogram(
                values, rest: present, nulls: nulls, spikes: spikes, codec: codec, sensitivity: sensitivity, nullable: nullable,
                low: declared.lowerBound, high: declared.upperBound, rows: restRows, noise: &noise, random: &random)
        }
        // 2. Magnitude classes: 0 for |x| < 1, ±(⌊log2 |x|⌋ + 1) otherwise, in -64...64.
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
            if let anchorClasses, !anchorClasses.contains(abs(k - 64)) { return false }
            guard let limit else { return true }
            let (low, high) = edges(k - 64)
            return high >= limit.lowerBound && low <= limit.upperBound
        }
        func window(_ k: Int) -> Double { (max(0, k - 1)...min(noisyClasses.count - 1, k + 1)).reduce(0) { $0 + noisyClasses[$1] } }
        let anchor = possible.max { window($0) != window($1) ? window($0) < window($1) : noisyClasses[$0] < noisyClasses[$1] } ?? 64
        // Beside released point masses, a rest whose fullest window of three classes stands under 9σ
        // is too few rows to place: its range would be wherever noise peaked among 129 classes (the
        // orders required 14 days after they were placed, 46 beside 942 at 28 and 42 days, got a
        // range of days or centuries before 0 in one fit in ten at σ = 10.5, and as many orders
        // required before they were placed). Nothing is left beside the point masses then. A window
        // of noise alone has the tail of a normal of σ√3: one of 129 passes 6σ in 3% of fits, 9σ
        // once in 70,000.
        if !spikes.isEmpty, window(anchor) < 9 * sigmaA {
            let (low, high) = edges(anchor - 64)
            return privateHistogram(
                values, rest: [], nulls: nulls, spikes: spikes, codec: codec, sensitivity: sensitivity, nullable: nullable,
                low: low, high: high, weight: Double(1 + Self.zoomRounds), rows: 0, noise: &noise, random: &random)
        }
        var first = anchor, last = anchor
        // One empty class may be bridged when the class beyond passes 3σ (which noise alone does
        // once in 700): a tail of episodes at 40 minutes beyond songs of 4, an octave apart. Up to
        // ``bridgedClasses`` when the class beyond passes 5σ (noise alone: once in 3.5 million):
        // videos of 200 MB to 1 GB beyond songs of 4 to 16 MB, three empty octaves apart, which
        // were clamped to 33 MB.
        func beyond(_ from: Int, _ step: Int) -> Int? {
            for gap in 1...(Self.bridgedClasses + 1) {
                let k = from + step * gap
                guard k >= 0, k < noisyClasses.count else { return nil }
                if noisyClasses[k] > (gap == 1 ? 2 : gap == 2 ? 3 : 5) * sigmaA { return k }
            }
            return nil
        }
        while let k = beyond(first, -1) { first = k }
        while let k = beyond(last, 1) { last = k }
        var low = edges(first - 64).0, high = edges(last - 64).1
        if let limit {
            // Inside the public bounds, and never empty: noise may have put the anchor outside them.
            low = min(max(low, limit.lowerBound), limit.upperBound)
            high = max(min(high, limit.upperBound), low)
            if high == low { (low, high) = (limit.lowerBound, limit.upperBound) }
        }
        // A range of four octaves or more, not below 0, is binned evenly in log(1 + x) from here on:
        // durations, sizes, amounts with a long right tail. Even bins put nearly every row in the
        // first few, and a row's place inside its bin — drawn at random, as the data may not set
        // it — lost the column's correlations (Chinook's track lengths and sizes, 0.96 in the
        // source, came out 0.5). Decided on the noisy classes: no budget.
        // The narrowing and the marginal then work on log(1 + x) throughout, and the knots are turned
        // back into numbers at the end.
        let logarithmic = low >= 0 && last - first >= 4
        let scale: (Double) -> Double = logarithmic ? { Foundation.log1p(max(0, $0)) } : { $0 }
        let scaled = logarithmic ? present.map(scale) : present
        var (a, b) = (scale(low), scale(high))
        // 3. Narrow the range with a fine histogram; once more where it left the data in four of
        // its 64 bins or fewer (a week of timestamps in a magnitude class of 34 years: one bin of
        // 197 days, whose marginal then spread the week over months). The second round's share
        // goes to the marginal when it is not needed.
        let bins = 64
        var rounds = 0
        // No narrowing where the rows are too few for its bins: under 16σ (twice the noise of all 64
        // bins together), data spread over ten bins sit in the noise, and the bins past 2σ from
        // first to last are as often noise as data (412 invoices over five years came out in one
        // of their half years). The range stays as the classes gave it, and the marginal takes the
        // rounds' weight.
        while rounds < Self.zoomRounds, restRows.map({ $0 >= 16 * noise.sigma(sensitivity: sensitivity) }) ?? true {
            rounds += 1
            let zoom = noise.counts(binCounts(scaled, a, b, bins: bins), sensitivity: sensitivity)
            let sigmaB = noise.sigma(sensitivity: sensitivity)
            // The bins around the fullest: those past 3σ with gaps of two bins at most, and those
            // past 4σ at any distance (a tail of episodes far beyond the songs).
            let width = (b - a) / Double(bins)
            var first = -1, last = -1
            if let anchor = zoom.indices.max(by: { zoom[$0] < zoom[$1] }), zoom[anchor] > 3 * sigmaB {
                // A bin past a gap joins only with 2% of the fullest's count or more: one noise bin
                // at 3.5σ two bins from a week of 3,000 timestamps made the cluster five bins wide,
                // and the range stayed two months (one run in fifty).
                func next(_ from: Int, _ step: Int) -> Int? {
                    var k = from + step, gap = 0
                    while k >= 0, k < bins {
                        let joins = gap == 0 || zoom[k] >= 0.02 * zoom[anchor]
                        if joins, zoom[k] > 4 * sigmaB || (gap < 3 && zoom[k] > 3 * sigmaB) { return k }
                        k += step
                        gap += 1
                    }
                    return nil
                }
                (first, last) = (anchor, anchor)
                while let k = next(first, -1) { first = k }
                while let k = next(last, 1) { last = k }
            }
            // Concentrated where those span four bins or fewer and what the other bins hold is
            // noise or under 5% of it (their counts, floored at 0, hold 0.4σ each of noise, give or
            // take 0.6σ·√bins): narrowed to them, and once more. Otherwise narrowed to the first
            // and last bins past 2σ, and done: a thin tail below 3σ a bin is real mass all the same.
            // (Those bins alone, as it was, let one of the 60 empty bins of a week of timestamps pass
            // by noise three times in four, and the range stayed as wide as it came.)
            // Only where those bins hold 8σ at least and, for a column without NULLs, 70% of its
            // released rows: where data spread thin sit in the noise (412 invoices over five years,
            // 40 a bin against a σ of 33), the fullest bin is often noise, the data's mass outside it
            // no more than what noise floored at 0 adds, and the range was narrowed to weeks.
            if first >= 0, last - first < 4 {
                let others = Double(bins - (last - first + 1))
                let inside = (first...last).reduce(0.0) { $0 + zoom[$1] }
                let outside = zoom.indices.filter { $0 < first || $0 > last }.reduce(0.0) { $0 + zoom[$1] }
                let substantial = inside >= 8 * sigmaB && (nullable || restRows.map { inside >= 0.7 * $0 } ?? true)
                if substantial, outside - 0.4 * sigmaB * others <= 0.05 * inside + 0.6 * sigmaB * others.squareRoot() {
                    (a, b) = (a + Double(first) * width, a + Double(last + 1) * width)
                    continue
                }
            }
            // (Around the bins found above, widened over bins past σ and 5% of the fullest, up to
            // two bins apart: the first and last bins past 2σ anywhere took a noise bin far off one
            // fit in two — one of 64 passes 2σ by chance — and where the bins found were those of
            // three months of timestamps in a range of three years, the range stayed three years,
            // and a third of the rows fell outside the data's months. Past σ, gaps bridged: data
            // spread thin sit about 2σ a bin, and widened over bins past 2σ alone, 670 days of
            // orders were cut to 273; past σ alone, beside a bin of a thousand rows, noise bins
            // chained the range over fifteen years.)
            let wide: [Int]
            if first < 0 {
                wide = zoom.indices.filter { zoom[$0] > 2 * sigmaB }
            } else {
                let floor = max(sigmaB, 0.05 * (zoom.max() ?? 0))
                func beyond(_ from: Int, _ step: Int) -> Int? {
                    var k = from + step
                    while k >= 0, k < bins, abs(k - from) <= 3 {
                        if zoom[k] > floor { return k }
                        k += step
                    }
                    return nil
                }
                var (low, high) = (first, last)
                while let k = beyond(low, -1) { low = k }
                while let k = beyond(high, 1) { high = k }
                wide = [low, high]
            }
            if let first = wide.first, let last = wide.last {
                (a, b) = (a + Double(first) * width, a + Double(last + 1) * width)
            }
            break
        }
        let spikesScaled = logarithmic ? spikes.map { (scale($0.value), $0.mass) } : spikes
        let (marginal, scores) = privateHistogram(
            logarithmic ? values.map { $0.map(scale) } : values, rest: scaled, nulls: nulls, spikes: spikesScaled, codec: codec,
            sensitivity: sensitivity, nullable: nullable, low: a, high: b, weight: Double(1 + Self.zoomRounds - rounds), rows: restRows,
            noise: &noise, random: &random)
        guard logarithmic, case .numeric(var numeric) = marginal else { return (marginal, scores) }
        // A spike's knots turn back into its own value, not one a rounding away from it.
        let byScaled = Dictionary(zip(spikesScaled.map(\.value), spikes.map(\.value)), uniquingKeysWith: { first, _ in first })
        numeric.knots = numeric.knots.map { byScaled[$0] ?? Foundation.expm1($0) }
        return (.numeric(numeric), scores)
    }

    /// A date's magnitude classes for the range's anchor: 2²⁴ seconds (194 days) to 2³³ (272 years)
    /// from its origin, 1628 to 2172.
    static let dateAnchorClasses = 25...33

    /// Empty magnitude classes (octaves) a number's range may bridge to a class beyond that passes 5σ.
    static let bridgedClasses = 8

    /// Rounds of the narrowing histogram a number's fit plans for (``privateNumeric(_:codec:sensitivity:nullable:limit:declared:rows:noise:random:)``).
    static let zoomRounds = 2

    /// The marginal of a number: the released `spikes` as point masses, and `rest` (the values that
    /// are not spikes) as a histogram over [low, high] with a NULL bin, one measurement, its
    /// quantile function linear inside each bin; scores of `values` from the noisy CDF.
    static func privateHistogram(
        _ values: [Double?], rest: [Double], nulls: Int, spikes: [(value: Double, mass: Double)], codec: NumberCodec, sensitivity: Double,
        nullable: Bool, low: Double, high: Double, weight: Double = 1, rows: Double?, noise: inout MeasurementNoise, random: inout KeyedRandom
    ) -> (ColumnMarginal, [Double]) {
        // Bins of about 3σ expected rows each at least (public: the released row count and σ).
        let sigmaC = noise.sigma(sensitivity: sensitivity, weight: weight)
        var bins = 64
        if let rows { bins = Int(min(64, max(2, (rows / (3 * sigmaC)).rounded(.down)))) }
        var final = binCounts(rest, low, high, bins: bins)
        final.append(Double(nulls))
        var noisy = noise.counts(final, sensitivity: sensitivity, weight: weight)
        if spikes.isEmpty {
            // Counts below σ are noise more often than rows: dropped, unless nothing else is left.
            if noisy[0..<bins].contains(where: { $0 >= sigmaC }) {
                for b in 0..<bins where noisy[b] < sigmaC { noisy[b] = 0 }
            }
        } else {
            for b in 0..<bins where noisy[b] < 3 * sigmaC { noisy[b] = 0 }
            // Where the released rows less the point masses' are within the noise of those counts,
            // nothing is left beside the point masses: a bin past 3σ is noise (one of 64 passes in
            // one histogram of twelve). (The stray prices of the videos test came from the top
            // quantile, ``quantiles``: without this rule, none in 80 runs once that was fixed.)
            if let rows, rows < 3 * sigmaC * Double(spikes.count + 1).squareRoot() {
                for b in 0..<bins { noisy[b] = 0 }
            }
        }
        var mass = Array(noisy[0..<bins])
        let spikeMass = spikes.reduce(0) { $0 + $1.mass }
        if spikes.isEmpty, mass.allSatisfy({ $0 <= 0 }) { mass = [Double](repeating: 1, count: bins) }
        let presentMass = spikeMass + mass.reduce(0, +)
        let total = presentMass + noisy[bins]
        // A NOT NULL column has no NULLs: the schema says so, no noise needed.
        let nullShare = total > 0 && nullable ? noisy[bins] / total : 0
        // The pieces of the distribution in order: bins (cut where a spike falls inside one), spikes.
        var pieces: [(low: Double, high: Double, mass: Double, spike: Bool)] = spikes.map { ($0.value, $0.value, $0.mass, true) }
        let width = (high - low) / Double(bins)
        for b in 0..<bins {
            let a = low + Double(b) * width, e = b == bins - 1 ? high : low + Double(b + 1) * width
            var start = a
            for spike in spikes where spike.value > start && spike.value < e {
                pieces.append((start, spike.value, width > 0 ? mass[b] * (spike.value - start) / width : 0, false))
                start = spike.value
            }
            pieces.append((start, e, width > 0 ? mass[b] * (e - start) / width : mass[b], false))
        }
        pieces.sort { $0.low != $1.low ? $0.low < $1.low : $0.high != $1.high ? $0.high < $1.high : $0.spike && !$1.spike }
        var cumulative = [0.0]
        for piece in pieces { cumulative.append(cumulative.last! + (presentMass > 0 ? piece.mass / presentMass : 0)) }
        // Knots: the quantile function at evenly spaced points (more where spikes need their runs).
        let knots = Self.quantiles(cumulative, count: spikes.isEmpty ? 257 : NumericMarginal.knotLimit) { p, inside in
            pieces[p].low + inside * (pieces[p].high - pieces[p].low)
        }
        let marginal = NumericMarginal(nullShare: nullShare, knots: knots, codec: codec)
        // Scores from the noisy CDF (the data enter only through the later, noised, pair sums): a
        // value's piece, and a place drawn at random inside the piece's share. Its place by the
        // value would give every row of a repeated value (a quantity of 1, at a bin's edge) the same
        // score, far in a tail (Φ⁻¹ of 10⁻⁶), and the copula correlations of scores that are not
        // normal.
        // (Two spikes may share a key where log(1 + x) rounds two huge values alike: the first serves.)
        let spikePiece = Dictionary(pieces.indices.filter { pieces[$0].spike }.map { (pieces[$0].low, $0) }, uniquingKeysWith: { first, _ in first })
        let scores = values.map { x -> Double in
            guard let x else { return .nan }
            var index = spikePiece[x] ?? -1
            if index < 0 {
                // The last piece that starts at or below the value (clamped into the range).
                let clamped = min(max(x, low), high)
                var lower = 0, upper = pieces.count
                while lower < upper {
                    let mid = (lower + upper) / 2
                    if pieces[mid].low <= clamped { lower = mid + 1 } else { upper = mid }
                }
                index = max(0, lower - 1)
                if pieces[index].spike, index + 1 < pieces.count, pieces[index + 1].low == clamped { index += 1 }
            }
            let cdf = cumulative[index] + (cumulative[index + 1] - cumulative[index]) * Normal.uniform(&random)
            return min(max(cdf, 1e-6), 1 - 1e-6)
        }
        return (.numeric(marginal), scores)
    }

    /// `count` evenly spaced quantiles of a piecewise-uniform distribution whose pieces end at the
    /// `cumulative` shares (from 0 to 1): each as `value(piece, place inside it in [0, 1])`; pieces
    /// of no share are passed over.
    static func quantiles(_ cumulative: [Double], count: Int, value: (Int, Double) -> Double) -> [Double] {
        let pieces = cumulative.count - 1
        var p = 0
        return (0..<count).map { j -> Double in
            let q = Double(j) / Double(count - 1)
            while p < pieces - 1, cumulative[p + 1] < q || cumulative[p + 1] <= cumulative[p] { p += 1 }
            let share = cumulative[p + 1] - cumulative[p]
            if share <= 0 {
                // Past the last piece with a share — the shares, summed, may end a rounding below 1
                // (one sum in ten), and the last pieces may have none (bins of noise floored at 0):
                // the end of that one. Before, the top quantile was the middle of the last empty
                // bin, and a price of 188,654 came among prices of 0.99 and 1.99 in one run in ten.
                var last = p
                while last > 0, cumulative[last + 1] <= cumulative[last] { last -= 1 }
                if cumulative[last + 1] > cumulative[last] { return value(last, 1) }
            }
            return value(p, share > 0 ? min(max((q - cumulative[p]) / share, 0), 1) : 0.5)
        }
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

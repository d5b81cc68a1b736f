/// A PostgreSQL range column of numbers, dates or timestamps (`int4range`, `numrange`,
/// `daterange`, `tsrange`, `tstzrange`, a range type of the schema's own over those), synthesized as
/// a lower bound and a width: the lower bound from the source's lower bounds (their quantiles), the
/// width from the source's widths, so a booking of a few hours stays a few hours long. Drawn by
/// shape, each digit of the two bounds apart (``ShapeModel``), bookings of 12 to 71 hours (42 on
/// average) came out with a median of 139 days, and a table with `EXCLUDE USING gist (span WITH &&)`
/// kept 27 rows of 800.
/// Empty ranges, unbounded ends and which ends are inclusive keep their shares; a draw equal to a
/// source value is drawn again.
///
/// A multirange (`int4multirange`, `datemultirange`, …: a set of ranges, `{[1,6),[11,13)}`) is as
/// many ranges as the source's values hold (their counts' shares), each after the one before by a
/// gap from the source's gaps. Drawn by shape, `{[12,7)}` was refused (`range lower bound must be
/// less than or equal to range upper bound`).
struct RangeModel: Sendable {
    let codec: NumberCodec
    let lower: NumericMarginal
    let width: NumericMarginal
    let nullShare: Double
    /// Of the values that are not NULL.
    var emptyShare: Double
    /// Of the ranges that are not empty.
    let lowerUnbounded: Double, upperUnbounded: Double
    /// `[)`, `[]`, `()`, `(]` by share, cumulative, of the ranges with both ends bounded.
    let brackets: [(String, Double)]
    /// Whether the source wrote its bounds in double quotes (timestamps: they hold a space).
    let quoted: Bool
    let seen: Set<String>
    /// A multirange's number of ranges, by cumulative share; nil for a range column.
    var counts: [(Int, Double)]?
    /// A multirange's gaps: a range's lower bound after the upper bound of the one before; nil:
    /// each range drawn on its own (under DP), the ranges then in order.
    var gap: NumericMarginal?

    /// Ranges a multirange holds at most under DP (a public bound: a value's count is clipped to it).
    static let privateCountLimit = 8

    /// What the source's ranges hold, read once (when the fit chooses the model, and kept for it):
    /// the shape of each value, never noised (it is the layout, as a number column's decimals are),
    /// and its numbers.
    struct Read: Sendable {
        var codec: NumberCodec
        var nulls = 0, empties = 0, lowerOpen = 0, upperOpen = 0, quoted = 0
        var lows: [Double] = [], widths: [Double] = []
        var brackets: [String: Int] = [:]
        var texts: [String] = []
        /// The ranges that are not empty.
        var ranges = 0
        /// Of a multirange column: each value's number of ranges, the gaps between its consecutive
        /// ranges, and the first range of each value read as a range column's (what DP measures:
        /// one range a row).
        var counts: [Int]?
        var gaps: [Double] = []
        var firstRanges: [Value] = []

        /// nil unless every value that is not NULL is a range (or `empty`) — of `multirange`, a set
        /// of them — whose bounds read as numbers, or as dates or timestamps of one layout, and two
        /// of them have both ends.
        init?(_ values: [Value], multirange: Bool = false) {
            var parsed: [(lower: String?, upper: String?, brackets: String, quoted: Bool, value: Int)] = []
            if multirange { counts = [] }
            for value in values {
                guard case .text(let text) = value else {
                    guard value.isNull else { return nil }
                    nulls += 1
                    continue
                }
                texts.append(text)
                var items = [text]
                if multirange {
                    guard let ranges = RangeValue.multirangeItems(text) else { return nil }
                    items = ranges.filter { $0.lowercased() != "empty" }
                    counts?.append(items.count)
                    if let first = items.first { firstRanges.append(.text(first)) }
                }
                for item in items {
                    if item.trimmingCharacters(in: .whitespaces).lowercased() == "empty" { empties += 1; continue }
                    guard let parts = RangeValue.parts(item) else { return nil }
                    parsed.append((parts.lower, parts.upper, (parts.lowerInclusive ? "[" : "(") + (parts.upperInclusive ? "]" : ")"), parts.quoted, texts.count - 1))
                }
            }
            let bounds = parsed.flatMap { [$0.lower, $0.upper].compactMap { $0 } }
            guard parsed.filter({ $0.lower != nil && $0.upper != nil }).count >= 2, let codec = RangeModel.codec(bounds) else { return nil }
            self.codec = codec
            ranges = parsed.count
            var previous: (value: Int, high: Double?)?
            for range in parsed {
                if range.quoted { quoted += 1 }
                let low = range.lower.flatMap { codec.number(.text($0)) }, high = range.upper.flatMap { codec.number(.text($0)) }
                guard (range.lower == nil) == (low == nil), (range.upper == nil) == (high == nil) else { return nil }
                if let low { lows.append(low) } else { lowerOpen += 1 }
                if high == nil { upperOpen += 1 }
                if let low, let high {
                    widths.append(high - low)
                    brackets[range.brackets, default: 0] += 1
                }
                if multirange, let previous, previous.value == range.value, let end = previous.high, let low { gaps.append(low - end) }
                previous = (range.value, high)
            }
        }
    }

    /// The model of the values `read` holds.
    init(_ read: Read) {
        let present = read.texts.count
        self.init(
            codec: read.codec,
            lower: NumericMarginal(nullShare: 0, knots: NumericMarginal.knots(ofSorted: read.lows.sorted()), codec: read.codec),
            width: NumericMarginal(nullShare: 0, knots: NumericMarginal.knots(ofSorted: read.widths.sorted()), codec: read.codec),
            nullShare: read.nulls + present == 0 ? 0 : Double(read.nulls) / Double(read.nulls + present),
            emptyShare: present == 0 ? 0 : Double(read.empties) / Double(present),
            lowerUnbounded: read.ranges == 0 ? 0 : Double(read.lowerOpen) / Double(read.ranges),
            upperUnbounded: read.ranges == 0 ? 0 : Double(read.upperOpen) / Double(read.ranges),
            brackets: read.brackets.mapValues(Double.init), quoted: read.quoted * 2 > read.ranges, seen: Set(read.texts))
        if let counts = read.counts {
            self.counts = Self.cumulative(Dictionary(counts.map { ($0, 1.0) }, uniquingKeysWith: +))
            gap = read.gaps.isEmpty ? nil : NumericMarginal(nullShare: 0, knots: NumericMarginal.knots(ofSorted: read.gaps.sorted()), codec: read.codec)
        }
    }

    /// Counts by share, cumulative, most frequent first.
    static func cumulative(_ shares: [Int: Double]) -> [(Int, Double)] {
        let total = shares.values.reduce(0, +)
        guard total > 0 else { return [(1, 1)] }
        var running = 0.0
        return shares.filter { $0.value > 0 }.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.map {
            running += $0.value / total
            return ($0.key, running)
        }
    }

    /// Under differential privacy: one histogram of the shares — NULL, empty, an unbounded lower
    /// end, an unbounded upper end, and which ends are inclusive where both are bounded (a row adds
    /// 1 to at most two of them: L2 sensitivity √2) — and the lower bounds and the widths each as a
    /// private number (``MarginalFitting/privateNumeric``: spikes, range, zoom, histogram; dates
    /// within years 1–9999, their widths within the span of those). No source value is kept to draw
    /// around (without DP, a draw equal to one is drawn again).
    init?(private read: Read, nullable: Bool, noise: inout MeasurementNoise, random: inout KeyedRandom) {
        if let counts = read.counts {
            // A multirange: its first range a row, modelled as a range column's (one range a row:
            // the sensitivities above), and its number of ranges, clipped to a public bound, one
            // more histogram (a row adds 1 to one count: sensitivity 1; counts under 3σ taken for noise).
            guard var first = Read(read.firstRanges) else { return nil }
            first.nulls = read.nulls
            first.texts += [String](repeating: "{}", count: read.texts.count - read.firstRanges.count)
            first.empties += read.texts.count - read.firstRanges.count
            guard let model = RangeModel(private: first, nullable: nullable, noise: &noise, random: &random) else { return nil }
            self = model
            var histogram = [Double](repeating: 0, count: Self.privateCountLimit + 1)
            for count in counts { histogram[min(count, Self.privateCountLimit)] += 1 }
            let floor = 3 * noise.sigma(sensitivity: 1)
            let noisy = noise.counts(histogram).map { $0 < floor ? 0 : $0 }
            // (An empty multirange is a count of 0: its share is the count's, not the range's.)
            let empty = emptyShare
            emptyShare = 0
            self.counts = Self.cumulative(Dictionary(uniqueKeysWithValues: noisy.enumerated().map { ($0.offset, $0.element) }))
            if noisy.allSatisfy({ $0 <= 0 }) { self.counts = empty > 0.5 ? [(0, 1)] : [(1, 1)] }
            return
        }
        let pairs = ["[)", "[]", "()", "(]"]
        // (Counts under 3σ are taken for noise: a source without empty ranges gets none.)
        let floor = 3 * noise.sigma(sensitivity: 2.0.squareRoot())
        let counts = noise.counts(
            [Double(read.nulls), Double(read.empties), Double(read.lowerOpen), Double(read.upperOpen)] + pairs.map { Double(read.brackets[$0] ?? 0) },
            sensitivity: 2.0.squareRoot()).map { $0 < floor ? 0 : $0 }
        let temporal = read.codec.isTemporal
        let limit: ClosedRange<Double>? = temporal ? NumberCodec.temporalRange : nil
        let widthLimit: ClosedRange<Double>? = temporal ? TableFitter.gapRange(NumberCodec.temporalRange) : nil
        let lows = MarginalFitting.privateNumeric(read.lows.map { $0 }, codec: read.codec, nullable: false, limit: limit, noise: &noise, random: &random)
        let widths = MarginalFitting.privateNumeric(read.widths.map { $0 }, codec: read.codec, nullable: false, limit: widthLimit, noise: &noise, random: &random)
        guard case .numeric(let lower) = lows.0, case .numeric(var width) = widths.0, !lower.knots.isEmpty, !width.knots.isEmpty else { return nil }
        // (Noise may put a width below 0: a range's upper end is never before its lower.)
        width.knots = width.knots.map { max(0, $0) }
        let total = counts[0] + counts[1] + counts[4...].reduce(0, +) + min(counts[2], counts[3])
        let present = max(1, total - counts[0]), ranges = max(1, present - counts[1])
        self.init(
            // (A NOT NULL column's share of NULLs is the schema's: none, whatever the noise says.)
            codec: read.codec, lower: lower, width: width, nullShare: nullable && total > 0 ? min(1, counts[0] / total) : 0,
            emptyShare: min(1, counts[1] / present), lowerUnbounded: min(1, counts[2] / ranges), upperUnbounded: min(1, counts[3] / ranges),
            brackets: Dictionary(uniqueKeysWithValues: zip(pairs, counts[4...])), quoted: read.quoted * 2 > read.ranges, seen: [])
    }

    init(
        codec: NumberCodec, lower: NumericMarginal, width: NumericMarginal, nullShare: Double, emptyShare: Double, lowerUnbounded: Double,
        upperUnbounded: Double, brackets: [String: Double], quoted: Bool, seen: Set<String>
    ) {
        self.codec = codec
        self.lower = lower
        self.width = width
        self.nullShare = nullShare
        self.emptyShare = emptyShare
        self.lowerUnbounded = lowerUnbounded
        self.upperUnbounded = upperUnbounded
        let total = brackets.values.reduce(0, +)
        var running = 0.0
        self.brackets = total <= 0 ? [("[)", 1)] : brackets.filter { $0.value > 0 }.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.map { pair in
            running += pair.value / total
            return (pair.key, running)
        }
        self.quoted = quoted
        self.seen = seen
    }

    /// How the bounds read: integers, decimals (with as many places as the most the source wrote),
    /// or dates and timestamps in the layout most of them have; nil for anything else.
    static func codec(_ bounds: [String]) -> NumberCodec? {
        if bounds.allSatisfy({ Int64($0) != nil }) { return .integer }
        if bounds.allSatisfy({ Double($0) != nil }) {
            let places = bounds.map { bound in bound.firstIndex(of: ".").map { bound.distance(from: $0, to: bound.endIndex) - 1 } ?? 0 }.max() ?? 0
            return .decimalText(decimals: min(places, 6))
        }
        var layouts: [TemporalLayout: Int] = [:]
        for bound in bounds {
            guard let parsed = TemporalLayout.parse(bound) else { return nil }
            layouts[parsed.layout, default: 0] += 1
        }
        return NumberCodec.commonLayout(layouts).map { .temporal($0.0) }
    }

    func value<R: RandomNumberGenerator>(at u: Double, _ random: inout R) -> Value {
        guard u >= nullShare else { return .null }
        if let counts { return multirange(counts, &random) }
        if Normal.uniform(&random) < emptyShare { return .text("empty") }
        var text = ""
        for _ in 0..<8 {
            text = range(&random).text
            if !seen.contains(text) { return .text(text) }
        }
        return .text(text)
    }

    /// One range, its lower bound drawn from the lower bounds' quantiles or, after another range of a
    /// multirange, `after` plus a gap; with its lower and upper bounds (nil: unbounded).
    private func range<R: RandomNumberGenerator>(_ random: inout R, after: Double? = nil) -> (text: String, low: Double?, high: Double?) {
        let openLow = after == nil && Normal.uniform(&random) < lowerUnbounded, openHigh = Normal.uniform(&random) < upperUnbounded
        var pair = "[)"
        let b = Normal.uniform(&random)
        if let drawn = brackets.first(where: { $0.1 >= b }) { pair = drawn.0 }
        let step = codec.step
        var low = (lower.quantile(Normal.uniform(&random)) / step).rounded() * step
        // (A gap of at least a step: ranges that touch would merge into one.)
        if let after { low = after + max(step, ((gap?.quantile(Normal.uniform(&random)) ?? step) / step).rounded() * step) }
        // Never empty (a range that is not empty stays so): an exclusive end is a step away at least.
        let least = pair == "[]" ? 0 : step
        let high = low + max(least, (width.quantile(Normal.uniform(&random)) / step).rounded() * step)
        func written(_ x: Double) -> String {
            let bound: String
            switch codec.value(x) {
            case .integer(let i): bound = String(i)
            case .text(let t): bound = t
            case let other: bound = "\(other)"
            }
            return quoted ? "\"" + bound + "\"" : bound
        }
        let text = (openLow ? "(" : String(pair.first!)) + (openLow ? "" : written(low)) + ","
            + (openHigh ? "" : written(high)) + (openHigh ? ")" : String(pair.last!))
        return (text, openLow ? nil : low, openHigh ? nil : high)
    }

    /// A multirange of a drawn number of ranges: each after the one before by a gap, or each drawn on
    /// its own and put in order (PostgreSQL merges those that overlap).
    private func multirange<R: RandomNumberGenerator>(_ counts: [(Int, Double)], _ random: inout R) -> Value {
        let u = Normal.uniform(&random)
        let count = counts.first(where: { $0.1 >= u })?.0 ?? counts.last?.0 ?? 1
        var text = "{}"
        for _ in 0..<8 {
            var ranges: [(text: String, low: Double?, high: Double?)] = []
            for _ in 0..<count {
                // After a range unbounded above, nothing more.
                if let last = ranges.last, gap != nil, last.high == nil { break }
                ranges.append(range(&random, after: gap == nil ? nil : ranges.last?.high))
            }
            if gap == nil { ranges.sort { ($0.low ?? -.infinity) < ($1.low ?? -.infinity) } }
            text = "{" + ranges.map(\.text).joined(separator: ",") + "}"
            if !seen.contains(text) { return .text(text) }
        }
        return .text(text)
    }
}

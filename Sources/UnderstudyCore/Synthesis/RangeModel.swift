/// A PostgreSQL range column of numbers, dates or timestamps (`int4range`, `numrange`,
/// `daterange`, `tsrange`, `tstzrange`, a range type of the schema's own over those), synthesized as
/// a lower bound and a width: the lower bound from the source's lower bounds (their quantiles), the
/// width from the source's widths, so a booking of a few hours stays a few hours long. Drawn by
/// shape, each digit of the two bounds apart (``ShapeModel``), a two-hour booking became one of
/// months, and a table with `EXCLUDE USING gist (room WITH =, during WITH &&)` kept 27 rows of 800.
/// Empty ranges, unbounded ends and which ends are inclusive keep their shares; a draw equal to a
/// source value is drawn again.
struct RangeModel: Sendable {
    let codec: NumberCodec
    let lower: NumericMarginal
    let width: NumericMarginal
    let nullShare: Double
    /// Of the values that are not NULL.
    let emptyShare: Double
    /// Of the ranges that are not empty.
    let lowerUnbounded: Double, upperUnbounded: Double
    /// `[)`, `[]`, `()`, `(]` by share, cumulative, of the ranges with both ends bounded.
    let brackets: [(String, Double)]
    /// Whether the source wrote its bounds in double quotes (timestamps: they hold a space).
    let quoted: Bool
    let seen: Set<String>

    /// nil unless every value that is not NULL is a range (or `empty`) whose bounds read as numbers,
    /// or as dates or timestamps of one layout, and two of them have both ends.
    init?(values: [Value]) {
        var nulls = 0, empties = 0, lowerOpen = 0, upperOpen = 0, quotedCount = 0
        var lows: [String] = [], widthsOf: [(String, String)] = [], texts: [String] = []
        var bracketCounts: [String: Int] = [:]
        for value in values {
            guard case .text(let text) = value else {
                guard value.isNull else { return nil }
                nulls += 1
                continue
            }
            texts.append(text)
            if text.trimmingCharacters(in: .whitespaces).lowercased() == "empty" { empties += 1; continue }
            guard let parts = RangeValue.parts(text) else { return nil }
            if parts.quoted { quotedCount += 1 }
            if let low = parts.lower { lows.append(low) } else { lowerOpen += 1 }
            if parts.upper == nil { upperOpen += 1 }
            if let low = parts.lower, let high = parts.upper {
                widthsOf.append((low, high))
                bracketCounts[(parts.lowerInclusive ? "[" : "(") + (parts.upperInclusive ? "]" : ")"), default: 0] += 1
            }
        }
        guard widthsOf.count >= 2, let codec = Self.codec(lows + widthsOf.map(\.1)) else { return nil }
        let lowNumbers = lows.compactMap { codec.number(.text($0)) }.sorted()
        let widths = widthsOf.compactMap { pair -> Double? in
            guard let a = codec.number(.text(pair.0)), let b = codec.number(.text(pair.1)) else { return nil }
            return b - a
        }.sorted()
        guard lowNumbers.count == lows.count, widths.count == widthsOf.count else { return nil }
        self.codec = codec
        lower = NumericMarginal(nullShare: 0, knots: NumericMarginal.knots(ofSorted: lowNumbers), codec: codec)
        width = NumericMarginal(nullShare: 0, knots: NumericMarginal.knots(ofSorted: widths), codec: codec)
        nullShare = values.isEmpty ? 0 : Double(nulls) / Double(values.count)
        let present = values.count - nulls, ranges = present - empties
        emptyShare = present == 0 ? 0 : Double(empties) / Double(present)
        lowerUnbounded = ranges == 0 ? 0 : Double(lowerOpen) / Double(ranges)
        upperUnbounded = ranges == 0 ? 0 : Double(upperOpen) / Double(ranges)
        var running = 0.0
        brackets = bracketCounts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.map { pair in
            running += Double(pair.value) / Double(widthsOf.count)
            return (pair.key, running)
        }
        quoted = quotedCount * 2 > ranges
        seen = Set(texts)
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
        return layouts.max { $0.value < $1.value }.map { .temporal($0.key) }
    }

    func value<R: RandomNumberGenerator>(at u: Double, _ random: inout R) -> Value {
        guard u >= nullShare else { return .null }
        if Normal.uniform(&random) < emptyShare { return .text("empty") }
        var text = ""
        for _ in 0..<8 {
            let openLow = Normal.uniform(&random) < lowerUnbounded, openHigh = Normal.uniform(&random) < upperUnbounded
            var pair = "[)"
            let b = Normal.uniform(&random)
            if let drawn = brackets.first(where: { $0.1 >= b }) { pair = drawn.0 }
            let step = codec.step
            let low = (lower.quantile(Normal.uniform(&random)) / step).rounded() * step
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
            text = (openLow ? "(" : String(pair.first!)) + (openLow ? "" : written(low)) + ","
                + (openHigh ? "" : written(high)) + (openHigh ? ")" : String(pair.last!))
            if !seen.contains(text) { return .text(text) }
        }
        return .text(text)
    }
}

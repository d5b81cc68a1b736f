import Foundation

/// How a numeric, date or timestamp column's values map to numbers and back.
enum NumberCodec: Sendable, Hashable {
    /// `.integer` values.
    case integer
    /// `.real` values, rounded to `decimals` places (at most 6).
    case real(decimals: Int)
    /// Numbers written as text (PostgreSQL `numeric`), with `decimals` places.
    case decimalText(decimals: Int)
    /// Dates and timestamps as ISO text; the number is seconds since 1970.
    case temporal(TemporalLayout)
    /// Numbers a text column writes with a currency or a unit around them (`$1,234.50`, `12.5 kg`,
    /// `EUR 9.90`), written back so.
    case affixedText(Affixes)

    /// What a text column writes around its numbers, their decimals and whether thousands are
    /// grouped with commas.
    struct Affixes: Sendable, Hashable {
        var prefix: String
        var suffix: String
        var decimals: Int
        var grouped: Bool

        /// The number of `text` written with these affixes; nil for another text.
        func number(_ text: String) -> Double? {
            guard text.hasPrefix(prefix), text.hasSuffix(suffix), text.count >= prefix.count + suffix.count else { return nil }
            let core = text.dropFirst(prefix.count).dropLast(suffix.count)
            return Affixes.core(core).flatMap { Double($0.replacingOccurrences(of: ",", with: "")) }.flatMap { $0.isFinite ? $0 : nil }
        }

        func text(_ x: Double) -> String {
            var digits = NumberCodec.decimalText(x, decimals: decimals)
            if grouped {
                let negative = digits.hasPrefix("-")
                if negative { digits.removeFirst() }
                let whole = digits.prefix { $0 != "." }, fraction = digits.dropFirst(whole.count)
                var out = ""
                for (i, c) in whole.enumerated() {
                    if i > 0, (whole.count - i) % 3 == 0 { out.append(",") }
                    out.append(c)
                }
                digits = (negative ? "-" : "") + out + fraction
            }
            return prefix + digits + suffix
        }

        /// `core` where it is a number as such a column writes it (`-1,234.50`, `12`, `0.5`): digits,
        /// thousands grouped by commas or not, a point and decimals; nil otherwise.
        static func core(_ core: Substring) -> Substring? {
            guard let match = core.wholeMatch(of: /-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/) else { return nil }
            return match.output
        }

        /// Whether `affix` is a currency's or a unit's, as amounts are written (`$`, `€ `, `EUR `, `US$`,
        /// `%`, ` kg`, ` USD`) — not a code's letters (`K185x`, `INV-0042`: identifiers, which the text
        /// model writes without ever writing a source value).
        static func isAmountAffix(_ affix: String, before: Bool) -> Bool {
            if affix.isEmpty { return true }
            let symbols: Set<Character> = ["$", "€", "£", "¥", "₹", "₽", "₩", "¢", "₺", "₪", "₫", "%", "‰"]
            if affix.allSatisfy({ symbols.contains($0) || $0 == " " }), affix.contains(where: { $0 != " " }) { return true }
            if before {
                // `EUR 9.90`, `US$5`, `R$ 12`.
                return affix.wholeMatch(of: #/[A-Z]{3} /#) != nil || affix.wholeMatch(of: /[A-Z]{1,2}\$ ?/) != nil
            }
            // `12.5 kg`, `9.90 EUR`.
            return affix.wholeMatch(of: /\ [A-Za-z]{1,3}/) != nil
        }

        /// The affixes nine in ten of the column's texts share or more, where there are some (a
        /// prefix or suffix of at most four characters without digits, or thousands grouped); nil
        /// for plain numbers as text (postcodes with their zeros) and for any other text.
        static func fitted(_ values: [Value]) -> Affixes? {
            var texts = 0
            var pairs: [[String]: Int] = [:]
            var decimals = 0, grouped = false
            for case .text(let text) in values.prefix(10_000) {
                texts += 1
                guard let first = text.firstIndex(where: { $0.isASCII && $0.isNumber }), let last = text.lastIndex(where: { $0.isASCII && $0.isNumber }) else { continue }
                var start = first
                if start > text.startIndex, text[text.index(before: start)] == "-" { start = text.index(before: start) }
                let prefix = String(text[..<start]), suffix = String(text[text.index(after: last)...])
                guard prefix.count <= 4, suffix.count <= 4, isAmountAffix(prefix, before: true), isAmountAffix(suffix, before: false),
                      let core = core(text[start...last]) else { continue }
                pairs[[prefix, suffix], default: 0] += 1
                if core.contains(",") { grouped = true }
                if let dot = core.firstIndex(of: ".") { decimals = max(decimals, min(6, core.distance(from: dot, to: core.endIndex) - 1)) }
            }
            guard let (pair, count) = pairs.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key.joined() > $1.key.joined()) }),
                  count * 10 >= texts * 9, texts > 0, !pair[0].isEmpty || !pair[1].isEmpty || grouped else { return nil }
            return Affixes(prefix: pair[0], suffix: pair[1], decimals: decimals, grouped: grouped)
        }
    }

    func number(_ value: Value) -> Double? {
        switch (self, value) {
        case (_, .null): return nil
        case (.temporal(let layout), .text(let text)):
            if let parsed = TemporalLayout.parse(text, dayFirst: layout.form?.order == .dmy) { return parsed.seconds }
            return text == "infinity" ? Self.infinity : text == "-infinity" ? -Self.infinity : nil
        case (.temporal, _): return nil
        case (.affixedText(let affixes), .text(let text)): return affixes.number(text)
        case (_, .integer(let i)): return Double(i)
        case (_, .real(let d)): return d.isFinite ? d : nil
        case (_, .text(let s)):
            // Foundation's trimming only when the text does not parse as it is (it costs more than the parse).
            return (Double(s) ?? Double(s.trimmingCharacters(in: .whitespaces))).flatMap { $0.isFinite ? $0 : nil }
        default: return nil
        }
    }

    /// The value of `x`, rounded to the codec's resolution.
    func value(_ x: Double) -> Value {
        switch self {
        case .integer:
            return .integer(Int64(max(min(x.rounded(), 9.2e18), -9.2e18)))
        case .real(let decimals):
            let scale = pow(10, Double(decimals))
            return .real((x * scale).rounded() / scale)
        case .decimalText(let decimals):
            return .text(Self.decimalText(x, decimals: decimals))
        case .affixedText(let affixes):
            return .text(affixes.text(x))
        case .temporal(let layout):
            // Beyond years 1 to 9999: PostgreSQL's infinities, which a validity period open at an end holds.
            if x > Self.temporalRange.upperBound + layout.step { return .text("infinity") }
            if x < Self.temporalRange.lowerBound - layout.step { return .text("-infinity") }
            let step = layout.step, bounded = min(max(x, Self.temporalRange.lowerBound), Self.temporalRange.upperBound)
            return .text(layout.text((bounded / step).rounded() * step))
        }
    }

    /// Dates and timestamps.
    var isTemporal: Bool { if case .temporal = self { return true } else { return false } }
    /// Amounts a text column writes with a currency or a unit.
    var isAffixed: Bool { if case .affixedText = self { return true } else { return false } }

    /// The smallest difference between two of its values: a day for dates, a unit in the last place.
    var step: Double {
        switch self {
        case .integer: return 1
        case .real(let decimals), .decimalText(let decimals): return pow(10, -Double(decimals))
        case .affixedText(let affixes): return pow(10, -Double(affixes.decimals))
        case .temporal(let layout): return layout.step
        }
    }

    /// Seconds since 1970 of years 1 to 9999: what every database can hold (noise under DP may reach further).
    static let temporalRange = -62_135_596_800.0...253_402_300_799.0

    /// `infinity` as a date's number: a year past 9999, so that the quantiles hold it as a point
    /// mass at the end, drawn back as `infinity` (as is any draw past year 9999). The segment of the
    /// quantile function that joins the last date to it draws one of its two ends
    /// (``NumericMarginal/quantile(_:)``). `-infinity` is its negative.
    static let infinity = temporalRange.upperBound + 31_622_400

    /// Where a date's magnitude classes are counted from under DP: 1900-01-01 (public). Dates of
    /// people and of business fall after it, in few classes; 1970 lies inside the birth dates.
    static let dateOrigin = -2_208_988_800.0

    /// The dates' range with their infinities: the bounds under DP (public, never the data's).
    static let temporalRangeWithInfinities = -infinity...infinity

    /// `x` with `decimals` places, as `%.Nf` writes it (this runs for every synthesized decimal, and
    /// Foundation's formatting costs more than the rest of the row).
    static func decimalText(_ x: Double, decimals: Int) -> String {
        let places = min(max(decimals, 0), 6)
        let scale = pow(10, Double(places))
        let scaled = (abs(x) * scale).rounded()
        guard x.isFinite, scaled < 9e15 else { return String(format: "%.\(places)f", x) }
        let units = UInt64(scaled), power = UInt64(scale)
        var text = x < 0 && units > 0 ? "-" : ""
        text += String(units / power)
        guard places > 0 else { return text }
        let fraction = String(units % power)
        return text + "." + String(repeating: "0", count: places - fraction.count) + fraction
    }

    /// The codec that writes a column's values as the source wrote most of them.
    /// The most common layout of those `layouts` counts, and how many texts have it: its family —
    /// date or timestamp, separator, seconds — taken whole, since the server writes a timestamp with
    /// as many fraction digits as it needs (`.900296`, `.9266`, none: no one layout held half of a
    /// two-row table's) and an offset that moves with summer time (`+01`, `+02`); with the most
    /// fraction digits of the family, and its most common offset.
    static func commonLayout(_ layouts: [TemporalLayout: Int]) -> (TemporalLayout, Int)? {
        // Dates with the year last read month first unless a value can only be day first
        // (`25/12/1987`): where one of a separator is, all of it are (`05/06/1987`, read as May 6th, too).
        let dayFirst = Set(layouts.keys.compactMap { $0.form?.order == .dmy ? $0.form?.separator : nil })
        func family(_ layout: TemporalLayout) -> TemporalLayout {
            var form = layout.form.map { TemporalLayout.DateForm(order: $0.order, separator: $0.separator) }
            if form?.order == .mdy, let separator = form?.separator, dayFirst.contains(separator) { form?.order = .dmy }
            return TemporalLayout(hasTime: layout.hasTime, separator: layout.separator, hasSeconds: layout.hasSeconds, form: form)
        }
        var families: [TemporalLayout: Int] = [:]
        for (layout, n) in layouts { families[family(layout), default: 0] += n }
        // (Ties go one way whatever the dictionary's order: timestamps before dates, ISO before the rest.)
        func rank(_ f: TemporalLayout) -> Int {
            (f.hasTime ? 4_096 : 0) + (f.hasSeconds ? 2_048 : 0) + (f.form == nil ? 1_024 : 0) + Int(f.separator) * 3 + (f.form.map { $0.order == .ymd ? 0 : $0.order == .mdy ? 1 : 2 } ?? 0)
                + Int(f.form?.separator ?? 0) * 1_000
        }
        guard let (chosen, total) = families.max(by: { $0.value < $1.value || ($0.value == $1.value && rank($0.key) < rank($1.key)) }) else { return nil }
        let members = layouts.filter { family($0.key) == chosen }
        var suffixes: [String: Int] = [:]
        for (layout, n) in members { suffixes[layout.suffix, default: 0] += n }
        var layout = chosen
        // (A month or day written unpadded in any value is written so: `12` stays two digits.)
        if layout.form != nil {
            layout.form?.monthWidth = members.keys.compactMap(\.form?.monthWidth).min() ?? 2
            layout.form?.dayWidth = members.keys.compactMap(\.form?.dayWidth).min() ?? 2
        }
        layout.fractionDigits = members.keys.map(\.fractionDigits).max() ?? 0
        layout.suffix = suffixes.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? ""
        return (layout, total)
    }

    static func fitted(_ values: [Value], type: LogicalType) -> NumberCodec? {
        var integers = 0, reals = 0, texts = 0, decimals = 0, infinities = 0
        var layouts: [TemporalLayout: Int] = [:]
        // A text column whose texts outnumber its numbers has no codec unless most texts are dates:
        // once half of them read as none, no more is parsed (a column of 100,000 emails was parsed
        // as dates whole). Its decimals are then never read.
        var textsInAll = 0, numbersInAll = 0
        if type == .text {
            for value in values {
                switch value {
                case .text: textsInAll += 1
                case .integer, .real: numbersInAll += 1
                default: break
                }
            }
        }
        let hopeless = textsInAll > numbersInAll ? (textsInAll + 1) / 2 : Int.max
        var undated = 0
        for value in values {
            switch value {
            case .integer: integers += 1
            case .real(let d):
                reals += 1
                if d.isFinite, d.rounded() != d, decimals < 6 {
                    let text = String(d)
                    if let dot = text.firstIndex(of: "."), !text.contains("e") { decimals = max(decimals, min(6, text.distance(from: dot, to: text.endIndex) - 1)) }
                }
            case .text(let s):
                texts += 1
                if type == .text, undated >= hopeless { continue }
                if LogicalType.temporal.contains(type) || type == .text, let parsed = TemporalLayout.parse(s) {
                    layouts[parsed.layout, default: 0] += 1
                    continue
                }
                if type == .text { undated += 1 }
                if LogicalType.temporal.contains(type), s == "infinity" || s == "-infinity" {
                    infinities += 1
                } else if let dot = s.firstIndex(of: ".") {
                    decimals = max(decimals, min(6, s.distance(from: dot, to: s.endIndex) - 1))
                }
            default: break
            }
        }
        if let (layout, count) = Self.commonLayout(layouts), count * 2 > texts - infinities, texts > 0 { return .temporal(layout) }
        guard integers + reals + texts > 0 else { return nil }
        if texts > integers + reals {
            if type == .text, let affixes = Affixes.fitted(values) { return .affixedText(affixes) }
            return LogicalType.numeric.contains(type) ? .decimalText(decimals: decimals) : nil
        }
        if reals > 0 || type == .real || type == .decimal { return decimals == 0 && reals == 0 ? .integer : .real(decimals: decimals) }
        return .integer
    }
}

/// A column's distribution over categories (values, or tuples of values for a foreign key), NULL
/// being one of them, each owning an interval of [0, 1) in the order kept: scores fall inside the
/// interval (uniformly), and a score picks the category whose interval holds it.
struct CategoricalMarginal: Sendable {
    var categories: [[Value]]
    /// Upper ends of the intervals; the last is 1.
    var cumulative: [Double]
    /// The weights' sum: the rows counted (noisy counts under DP) in the categories kept.
    var mass: Double

    init(categories: [[Value]], weights: [Double]) {
        let total = weights.reduce(0, +)
        mass = total
        self.categories = categories
        var running = 0.0
        cumulative = weights.map { running += $0; return total > 0 ? running / total : 1 }
        if !cumulative.isEmpty { cumulative[cumulative.count - 1] = 1 }
    }

    /// Counts the values of a column (or tuples) into categories: by value order for numbers
    /// (so that an order the copula sees means something), by frequency otherwise. With
    /// `dropSingletons`, a category seen once is not reproduced (its share goes to the others).
    static func fitted(_ tuples: [[Value]], ordered: Bool, dropSingletons: Bool) -> CategoricalMarginal {
        var counts: [[Value]: Int] = [:]
        for tuple in tuples { counts[tuple, default: 0] += 1 }
        var entries = counts.map { ($0.key, $0.value) }
        if dropSingletons, entries.contains(where: { $0.1 > 1 }) { entries.removeAll { $0.1 == 1 } }
        if ordered {
            entries.sort { ValueOrder.less($0.0, $1.0) }
        } else {
            entries.sort { $0.1 != $1.1 ? $0.1 > $1.1 : ValueOrder.less($0.0, $1.0) }
        }
        return CategoricalMarginal(categories: entries.map(\.0), weights: entries.map { Double($0.1) })
    }

    func index(of u: Double) -> Int {
        var low = 0, high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > u { high = mid } else { low = mid + 1 }
        }
        return low
    }

    /// The share of the rows in category `index`.
    func share(of index: Int) -> Double {
        cumulative[index] - (index == 0 ? 0 : cumulative[index - 1])
    }

    /// A score for category `index`, uniform in its interval.
    func score<R: RandomNumberGenerator>(_ index: Int, _ random: inout R) -> Double {
        let low = index == 0 ? 0 : cumulative[index - 1]
        return low + (cumulative[index] - low) * Normal.uniform(&random)
    }
}

/// The distribution of a numeric, date or timestamp column: a share of NULLs, then a quantile
/// function through `knots` (evenly spaced quantiles of the values), linear between them — a
/// histogram with interpolation, whose ends are the column's bounds.
struct NumericMarginal: Sendable {
    var nullShare: Double
    var knots: [Double]
    var codec: NumberCodec

    /// Knots at most this many: enough to draw seasonality of a few years of dates day by day.
    static let knotLimit = 1_001

    init(nullShare: Double, knots: [Double], codec: NumberCodec) {
        self.nullShare = nullShare
        self.knots = knots
        self.codec = codec
    }

    /// Evenly spaced quantiles of `sorted` (type 7), at most ``knotLimit``.
    static func knots(ofSorted sorted: [Double]) -> [Double] {
        guard sorted.count > Self.knotLimit else { return sorted }
        let k = Self.knotLimit
        return (0..<k).map { i in
            let position = Double(i) * Double(sorted.count - 1) / Double(k - 1)
            let low = Int(position.rounded(.down)), high = min(low + 1, sorted.count - 1)
            return sorted[low] + (position - Double(low)) * (sorted[high] - sorted[low])
        }
    }

    /// The values released as point masses (runs of equal knots), in order, when together they hold
    /// at least `share` of the non-NULL mass; none otherwise.
    func pointMasses(covering share: Double) -> [Double] {
        guard knots.count > 1 else { return [] }
        var masses: [Double] = [], inRuns = 0, j = 0
        while j < knots.count {
            var k = j + 1
            while k < knots.count, knots[k] == knots[j] { k += 1 }
            if k - j >= 2 {
                masses.append(knots[j])
                inRuns += k - j
            }
            j = k
        }
        return Double(inRuns) >= share * Double(knots.count) ? masses : []
    }

    /// The number at quantile `q` in [0, 1].
    func quantile(_ q: Double) -> Double {
        guard knots.count > 1 else { return knots.first ?? 0 }
        let position = min(max(q, 0), 1) * Double(knots.count - 1)
        let low = min(Int(position), knots.count - 2)
        let fraction = position - Double(low)
        // From the end of one run of equal knots to the start of another: two point masses (0.99
        // and 1.99) with nothing between them, so the nearer of the two, not a price of 1.25.
        if knots[low] != knots[low + 1], low > 0, knots[low - 1] == knots[low], low + 2 < knots.count, knots[low + 2] == knots[low + 1] {
            return fraction < 0.5 ? knots[low] : knots[low + 1]
        }
        // From a date to an infinity (a validity period open at its end): the nearer of the two, no
        // date of the years between (the segment drew 2592-05-07, 4541-08-11, … for a share of the
        // rows: under DP, where the knots come from noisy bins, up to two in five).
        if case .temporal = codec, knots[low] != knots[low + 1], max(abs(knots[low]), abs(knots[low + 1])) >= NumberCodec.infinity {
            return fraction < 0.5 ? knots[low] : knots[low + 1]
        }
        return knots[low] + fraction * (knots[low + 1] - knots[low])
    }

    /// The value at score `u` of the values that are not NULL; NULL when `nullDraw` (uniform, drawn
    /// apart from the copula) falls in the NULL share. A NULL has no place in a number's order, so
    /// it is drawn on its own: scored as a low number it would drag the correlations of every
    /// column towards zero.
    func value(at u: Double, nullDraw: Double) -> Value {
        guard nullDraw >= nullShare, !knots.isEmpty else { return .null }
        return codec.value(quantile(u))
    }
}

/// One column's marginal in a table's copula.
enum ColumnMarginal: Sendable {
    case categorical(CategoricalMarginal)
    case numeric(NumericMarginal)

    /// The column's value at score `u` (a single value; foreign-key tuples use ``tuple(at:)``);
    /// `nullDraw` decides a number's NULLs.
    func value(at u: Double, nullDraw: Double = 1) -> Value {
        switch self {
        case .categorical(let c): return c.categories[c.index(of: u)].first ?? .null
        case .numeric(let n): return n.value(at: u, nullDraw: nullDraw)
        }
    }

    func tuple(at u: Double) -> [Value] {
        switch self {
        case .categorical(let c): return c.categories[c.index(of: u)]
        case .numeric(let n): return [n.value(at: u, nullDraw: 1)]
        }
    }
}

/// A total order over values for sorting categories deterministically: NULL first, then numbers by
/// value, then text, then bytes.
enum ValueOrder {
    static func less(_ a: [Value], _ b: [Value]) -> Bool {
        for (x, y) in zip(a, b) where x != y { return less(x, y) }
        return a.count < b.count
    }

    static func less(_ a: Value, _ b: Value) -> Bool {
        func rank(_ v: Value) -> Int {
            switch v {
            case .null: 0
            case .integer, .real: 1
            case .text: 2
            case .blob: 3
            }
        }
        switch (a, b) {
        case (.integer(let x), .integer(let y)): return x < y
        case (.integer(let x), .real(let y)): return Double(x) < y
        case (.real(let x), .integer(let y)): return x < Double(y)
        case (.real(let x), .real(let y)): return x < y
        case (.text(let x), .text(let y)): return x < y
        case (.blob(let x), .blob(let y)): return x.lexicographicallyPrecedes(y)
        default: return rank(a) < rank(b)
        }
    }
}

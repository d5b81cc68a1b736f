import Foundation

/// A PostgreSQL range as its text reads (`[1,11)`, `["2026-01-01 00:00:00","2026-01-03 00:00:00")`,
/// `(,5]`, `empty`), for the `&&` of an exclusion constraint: synthesized rows whose ranges overlap
/// where the constraint forbids it are drawn again instead of being refused by the destination.
struct RangeValue: Sendable {
    /// A bound: a number where both bounds compared are numbers, its text otherwise (dates and
    /// timestamps as the run's connections write them — ISO, one offset — order as text does).
    struct Bound: Sendable {
        var text: String
        var number: Double?

        static func compare(_ a: Bound, _ b: Bound) -> Int {
            if let x = a.number, let y = b.number { return x < y ? -1 : (x > y ? 1 : 0) }
            return a.text < b.text ? -1 : (a.text > b.text ? 1 : 0)
        }
    }

    /// nil: unbounded.
    var lower: Bound?, upper: Bound?
    var lowerInclusive: Bool, upperInclusive: Bool

    /// The ranges of a multirange's text (`{[1,6),[11,13)}`; `{}`: none), each as written; nil for
    /// text that is no multirange.
    static func multirangeItems(_ text: String) -> [String]? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard t.hasPrefix("{"), t.hasSuffix("}"), t.count >= 2 else { return nil }
        var items: [String] = [], current = "", quoted = false, escaped = false, inside = false
        for c in t.dropFirst().dropLast() {
            if escaped { escaped = false; current.append(c); continue }
            if c == "\\" { escaped = true; current.append(c); continue }
            if c == "\"" { quoted.toggle(); current.append(c); continue }
            if !inside {
                // Between ranges: a comma or spaces; a range opens with `[` or `(`, or is `empty`.
                if c == "," || c == " " { continue }
                inside = true
            }
            current.append(c)
            if !quoted, c == "]" || c == ")" || current.lowercased() == "empty" {
                items.append(current)
                current = ""
                inside = false
            }
        }
        return current.trimmingCharacters(in: .whitespaces).isEmpty ? items : nil
    }

    /// What a range's text holds: its bounds as written (unquoted; nil: unbounded), whether each is
    /// inclusive, and whether the bounds were in double quotes; nil for `empty` and for text that is
    /// no range.
    static func parts(_ text: String) -> (lower: String?, upper: String?, lowerInclusive: Bool, upperInclusive: Bool, quoted: Bool)? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let first = t.first, let last = t.last, "[(".contains(first), "])".contains(last), t.count >= 3 else { return nil }
        let inner = t.dropFirst().dropLast()
        // The comma between the bounds: the first outside double quotes.
        var quoted = false, escaped = false, comma: Substring.Index?
        for i in inner.indices {
            let c = inner[i]
            if escaped { escaped = false; continue }
            if c == "\\" { escaped = true; continue }
            if c == "\"" { quoted.toggle(); continue }
            if c == ",", !quoted { comma = i; break }
        }
        guard let comma else { return nil }
        var anyQuoted = false
        func bound(_ part: Substring) -> String? {
            var s = String(part)
            if s.isEmpty { return nil }
            if s.hasPrefix("\""), s.hasSuffix("\""), s.count >= 2 {
                anyQuoted = true
                s = String(s.dropFirst().dropLast()).replacingOccurrences(of: "\\\"", with: "\"").replacingOccurrences(of: "\\\\", with: "\\")
            }
            return s
        }
        let lower = bound(inner[..<comma]), upper = bound(inner[inner.index(after: comma)...])
        return (lower, upper, first == "[" && lower != nil, last == "]" && upper != nil, anyQuoted)
    }

    /// The range `text` spells; nil for `empty` (it overlaps nothing) and for text that is no range.
    init?(_ text: String) {
        guard let parts = Self.parts(text) else { return nil }
        func bound(_ s: String?) -> Bound? {
            guard let s, s.lowercased() != "infinity" else { return nil }
            return Bound(text: s, number: Double(s))
        }
        lower = parts.lower.flatMap { $0.lowercased() == "-infinity" ? nil : bound($0) }
        upper = bound(parts.upper)
        lowerInclusive = parts.lowerInclusive && lower != nil
        upperInclusive = parts.upperInclusive && upper != nil
        if let lower, let upper {
            let order = Bound.compare(lower, upper)
            if order > 0 || (order == 0 && !(lowerInclusive && upperInclusive)) { return nil }
        }
    }

    /// Whether a range starting at `low` begins before one ending at `high` ends.
    private static func starts(_ low: Bound?, _ lowInclusive: Bool, before high: Bound?, _ highInclusive: Bool) -> Bool {
        guard let low, let high else { return true }
        let order = Bound.compare(low, high)
        return order < 0 || (order == 0 && lowInclusive && highInclusive)
    }

    /// `self && other`.
    func overlaps(_ other: RangeValue) -> Bool {
        Self.starts(lower, lowerInclusive, before: other.upper, other.upperInclusive)
            && Self.starts(other.lower, other.lowerInclusive, before: upper, upperInclusive)
    }

    /// Ordered by lower bound: unbounded first, and at one value an inclusive bound before an
    /// exclusive one (`[3,3]` before `(3,5]`), so that a range's neighbours are the only ones that
    /// can overlap it.
    static func precedes(_ a: RangeValue, _ b: RangeValue) -> Bool {
        guard let x = a.lower else { return b.lower != nil }
        guard let y = b.lower else { return false }
        let order = Bound.compare(x, y)
        return order < 0 || (order == 0 && a.lowerInclusive && !b.lowerInclusive)
    }
}

/// Ranges of which no two overlap (those an exclusion constraint has let in), ordered by lower bound
/// in chunks of at most 512: whether a new range overlaps one of them is a binary search and a look
/// at its neighbours, and taking it in moves at most a chunk — a table of a million rows with one
/// `EXCLUDE USING gist (span WITH &&)` costs a few microseconds a row, not a scan of what came before.
struct DisjointRanges: Sendable {
    private var chunks: [[RangeValue]] = []
    private static let chunkSize = 512

    /// Whether `range` overlaps none of the ranges held.
    func admits(_ range: RangeValue) -> Bool {
        guard !chunks.isEmpty else { return true }
        let (c, i) = position(of: range)
        // The ranges that start before it (the last of them) and after it (the first) are the only
        // ones that can overlap it: the rest end before the one or start after the other.
        if let before = neighbour(c, i - 1), before.overlaps(range) { return false }
        if let after = neighbour(c, i), after.overlaps(range) { return false }
        return true
    }

    /// Takes in `range` (which ``admits`` it).
    mutating func insert(_ range: RangeValue) {
        guard !chunks.isEmpty else { chunks = [[range]]; return }
        let (c, i) = position(of: range)
        chunks[c].insert(range, at: i)
        if chunks[c].count > Self.chunkSize {
            let half = Array(chunks[c][(Self.chunkSize / 2)...])
            chunks[c].removeLast(chunks[c].count - Self.chunkSize / 2)
            chunks.insert(half, at: c + 1)
        }
    }

    /// The chunk a range starting where `range` starts belongs in, and its place there.
    private func position(of range: RangeValue) -> (Int, Int) {
        var low = 0, high = chunks.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if RangeValue.precedes(range, chunks[middle][0]) { high = middle - 1 } else { low = middle }
        }
        let chunk = chunks[low]
        var a = 0, b = chunk.count
        while a < b {
            let m = (a + b) / 2
            if RangeValue.precedes(range, chunk[m]) { b = m } else { a = m + 1 }
        }
        return (low, a)
    }

    /// The range at place `i` of chunk `c`, counting on into the next chunk or back into the last.
    private func neighbour(_ c: Int, _ i: Int) -> RangeValue? {
        if i < 0 { return c > 0 ? chunks[c - 1].last : nil }
        if i < chunks[c].count { return chunks[c][i] }
        return c + 1 < chunks.count ? chunks[c + 1].first : nil
    }
}

/// The ranges an exclusion constraint has let in for one value of its `=` keys: of one `&&`
/// element, ``DisjointRanges``; of several, the tuples (a row is refused when every element
/// overlaps that of one tuple — rare, and searched one by one).
struct ExcludedRanges: Sendable {
    private var single = DisjointRanges()
    private var tuples: [[RangeValue]] = []

    func admits(_ ranges: [RangeValue]) -> Bool {
        if ranges.count == 1 { return single.admits(ranges[0]) }
        return !tuples.contains { held in zip(held, ranges).allSatisfy { $0.overlaps($1) } }
    }

    mutating func insert(_ ranges: [RangeValue]) {
        if ranges.count == 1 { single.insert(ranges[0]) } else { tuples.append(ranges) }
    }
}

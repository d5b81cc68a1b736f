/// Values of PostgreSQL types with a syntax of their own — `inet`, `cidr`, `macaddr`, `interval`,
/// `time`, ranges, geometric types, `bit`, `xml`, a composite of the schema's — synthesized by shape: each value is its
/// characters with every run of digits taken out (`10.#.#.#`, `[#,#)`, `#:#:#`), a shape is drawn
/// by how many rows share it (a shape of one row is never used: it may spell out a person), and each
/// run of digits from the numbers that place held in the source (their quantiles; their width where
/// every value had the same, a bit string's 0s and 1s). A range's two bounds keep their order (ranges
/// of numbers, dates and timestamps have a model of their own, ``RangeModel``). The
/// text model wrote such columns as words — `invalid input syntax for type inet` — and the run
/// failed. A draw equal to a source value is drawn again.
struct ShapeModel: Sendable {
    struct Shape: Sendable {
        /// The characters between the runs of digits: one more than the runs.
        var pieces: [String]
        var places: [Place]
        /// A range literal (`[…,…)`): the places of its lower bound (the rest are its upper).
        var lowerPlaces: Int?
    }

    struct Place: Sendable {
        /// The numbers the place held (their quantiles).
        var numbers: NumericMarginal
        /// Every source value had this many digits here (leading zeros kept); nil: as the number needs.
        var width: Int?
        /// Only 0s and 1s here (a bit string): each digit drawn alone.
        var binary: Bool
    }

    let shapes: [Shape]
    let cumulative: [Double]
    let nullShare: Double
    let seen: Set<String>

    /// The types synthesized by shape (as `format_type` names them, without a length).
    static let types = [
        "inet", "cidr", "macaddr", "macaddr8", "interval", "time", "time without time zone", "time with time zone", "timetz",
        "int4range", "int8range", "numrange", "daterange", "tsrange", "tstzrange", "point", "line", "lseg", "box", "path",
        "polygon", "circle", "bit", "bit varying", "varbit", "xml", "pg_lsn",
    ]

    /// A column declared as text of some kind (or with no type), not of a type of its own.
    static func isPlainText(_ column: Column) -> Bool {
        let type = column.declaredType.lowercased()
        return type.isEmpty || ["text", "varchar", "character", "char", "bpchar", "name", "citext", "clob", "nvarchar", "nchar", "string"].contains { type.hasPrefix($0) }
    }

    static func applies(to column: Column) -> Bool { types.contains(column.typeName) }

    /// nil when no shape is shared by two rows.
    init?(values: [Value]) {
        var nulls = 0
        var byShape: [[String]: [[String]]] = [:]
        var texts: [String] = []
        for value in values {
            guard case .text(let text) = value else { if value.isNull { nulls += 1 }; continue }
            texts.append(text)
            let (pieces, runs) = Self.split(text)
            byShape[pieces, default: []].append(runs)
        }
        var shapes: [Shape] = [], weights: [Double] = []
        for (pieces, rows) in byShape.sorted(by: { $0.value.count > $1.value.count || ($0.value.count == $1.value.count && $0.key.joined() < $1.key.joined()) })
        where rows.count >= 2 && shapes.count < 1_000 {
            let places = (0..<(pieces.count - 1)).map { k -> Place in
                let digits = rows.map { $0[k] }
                let widths = Set(digits.map(\.count))
                // (Four digits or more, and several values: `10` in every address is no bit string.)
                let binary = widths.count == 1 && digits[0].count >= 4 && Set(digits).count > 2 && digits.allSatisfy { $0.allSatisfy { $0 == "0" || $0 == "1" } }
                let knots = NumericMarginal.knots(ofSorted: digits.compactMap { Double($0) }.sorted())
                return Place(numbers: NumericMarginal(nullShare: 0, knots: knots, codec: .integer), width: widths.count == 1 ? widths.first : nil, binary: binary)
            }
            // A range literal: the piece with the comma between its bounds parts their digits in two.
            var lower: Int?
            let text = pieces.joined()
            if let first = text.first, "[(".contains(first), let last = text.last, "])".contains(last),
               let k = pieces.firstIndex(where: { $0.contains(",") }), k > 0, k * 2 == pieces.count - 1 {
                lower = k
            }
            shapes.append(Shape(pieces: pieces, places: places, lowerPlaces: lower))
            weights.append(Double(rows.count))
        }
        guard !shapes.isEmpty else { return nil }
        var running = 0.0
        let total = weights.reduce(0, +)
        cumulative = weights.map { running += $0; return running / total }
        self.shapes = shapes
        nullShare = values.isEmpty ? 0 : Double(nulls) / Double(values.count)
        seen = Set(texts)
    }

    /// The text between the runs of digits, and the runs.
    static func split(_ text: String) -> (pieces: [String], runs: [String]) {
        var pieces: [String] = [""], runs: [String] = []
        var inRun = false
        for c in text {
            if c.isASCII && c.isNumber {
                if !inRun { runs.append(""); inRun = true }
                runs[runs.count - 1].append(c)
            } else {
                if inRun { pieces.append(""); inRun = false }
                pieces[pieces.count - 1].append(c)
            }
        }
        if inRun { pieces.append("") }
        return (pieces, runs)
    }

    func value<R: RandomNumberGenerator>(at u: Double, _ random: inout R) -> Value {
        guard u >= nullShare else { return .null }
        let q = (u - nullShare) / max(1e-12, 1 - nullShare)
        let shape = shapes[cumulative.firstIndex { $0 >= q } ?? shapes.count - 1]
        var text = ""
        var valid: String?
        for _ in 0..<8 {
            var numbers = shape.places.map { $0.numbers.quantile(Normal.uniform(&random)).rounded() }
            if let lower = shape.lowerPlaces {
                // The bounds as tuples of their numbers: the lower first.
                let a = Array(numbers[..<lower]), b = Array(numbers[lower...])
                if b.lexicographicallyPrecedes(a) { numbers = b + a }
            }
            text = shape.pieces[0]
            for (k, place) in shape.places.enumerated() {
                var digits: String
                if place.binary, let width = place.width {
                    digits = String((0..<width).map { _ in random.next(upperBound: UInt64(2)) == 0 ? Character("0") : Character("1") })
                } else {
                    digits = String(Int64(max(0, min(numbers[k], 9e17))))
                    if let width = place.width {
                        if digits.count < width { digits = String(repeating: "0", count: width - digits.count) + digits }
                        if digits.count > width { digits = String(digits.suffix(width)) }
                    }
                }
                text += digits + shape.pieces[k + 1]
            }
            text = Self.validDates(text)
            // (A day made valid after the bounds were ordered can put them out of order again.)
            if shape.lowerPlaces != nil, RangeValue(text) == nil { continue }
            if !seen.contains(text) { return .text(text) }
            valid = text
        }
        return .text(valid ?? text)
    }

    /// `text` with each date in it (`YYYY-MM-DD`) made a real one: its day at most its month's last
    /// (each place drawn alone writes a 30th of February, which PostgreSQL refuses).
    static func validDates(_ text: String) -> String {
        var chars = Array(text.utf8)
        guard chars.count >= 10 else { return text }
        func digits(_ i: Int, _ n: Int) -> Int? {
            var v = 0
            for k in i..<(i + n) {
                guard chars[k] >= 48 && chars[k] <= 57 else { return nil }
                v = v * 10 + Int(chars[k] - 48)
            }
            return v
        }
        var changed = false
        var i = 0
        while i + 10 <= chars.count {
            if chars[i + 4] == 45, chars[i + 7] == 45, let year = digits(i, 4), let month = digits(i + 5, 2), let day = digits(i + 8, 2) {
                let m = min(max(month, 1), 12)
                let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
                let last = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
                let d = min(max(day, 1), last)
                if m != month || d != day {
                    chars[i + 5] = UInt8(48 + m / 10); chars[i + 6] = UInt8(48 + m % 10)
                    chars[i + 8] = UInt8(48 + d / 10); chars[i + 9] = UInt8(48 + d % 10)
                    changed = true
                }
                i += 10
            } else {
                i += 1
            }
        }
        return changed ? String(decoding: chars, as: UTF8.self) : text
    }
}

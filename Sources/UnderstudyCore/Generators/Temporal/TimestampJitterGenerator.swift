/// Moves a timestamp by a keyed number of seconds.
struct TimestampJitterGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "timestamp.jitter",
        summary: "Moves a timestamp by up to ±`seconds` (default 3600), keeping its text layout.",
        details: """
            Reads `YYYY-MM-DD HH:MM[:SS[.fff]]` with a space or `T`, a fraction and a zone suffix kept as written, \
            and the date in the other layouts `date.shift` reads (`06/14/1987 10:30`; `14.06.1987 10:30`; day first \
            with `day_first: true`); \
            unix seconds or milliseconds in integer columns; unix seconds in real columns. Consistent by default \
            (the same instant moves by the same amount). A text timestamp that a move would take past 0001-01-01 or \
            9999-12-31 moves the other way; `infinity`, `-infinity` and dates BC are kept.
            """,
        acceptedTypes: [.timestamp, .text, .integer, .real],
        parameters: [
            .init("seconds", .integer, default: .integer(3_600), "the largest move, in seconds, either way (at most 315576000: ten years)"),
            .init("day_first", .boolean, default: .boolean(false), "text dates with the year last are written day first (14/06/1987), not month first"),
        ],
        examples: [.init(.text("2024-03-01 13:45:00"), type: .timestamp), .init(.text("2024-03-01T23:59:30.250Z"), type: .timestamp, parameters: ["seconds": .integer(120)])],
        validate: { p in
            let seconds = p.integer("seconds") ?? 1
            if seconds < 1 { return "seconds must be at least 1" }
            // Ten years: beyond, a shift is date.shift's (2⁶³−1 overflowed and stopped the run).
            if seconds > Self.largestJitter { return "seconds must be at most \(Self.largestJitter) (ten years; to move dates further use date.shift)" }
            return nil
        },
        make: { setup in
            TimestampJitterGenerator(setup: setup, seconds: setup.parameters.integer("seconds") ?? 3_600, dayFirst: setup.parameters.boolean("day_first") ?? false)
        })

    let setup: GeneratorSetup
    let seconds: Int
    let dayFirst: Bool
    /// The largest `seconds`: ten years of 365.25 days.
    static let largestJitter = 315_576_000

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value {
        var random = setup.stream(for: value, row: row)
        let delta = random.below(2 * seconds + 1) - seconds
        switch value {
        case .integer(let stamp):
            return .integer(stamp &+ Int64(delta) * (stamp.magnitude > 100_000_000_000 ? 1_000 : 1))
        case .real(let stamp):
            return .real(stamp + Double(delta))
        case .text(let text):
            if WrittenDate.isKeptAsIs(text) { return value }
            // The date in its layout; then ` HH:MM[:SS]` or `THH:MM[:SS]` and what follows, kept.
            guard var written = WrittenDate(text, dayFirst: dayFirst) else { throw Self.notATimestamp }
            let date = written.date
            let bytes = Array(written.rest.utf8)
            guard bytes.count >= 6, bytes[0] == UInt8(ascii: " ") || bytes[0] == UInt8(ascii: "T"),
                  let hour = Self.number(bytes, 1), bytes[3] == UInt8(ascii: ":"), let minute = Self.number(bytes, 4), hour < 24, minute < 60
            else { throw Self.notATimestamp }
            let hasSeconds = bytes.count >= 9 && bytes[6] == UInt8(ascii: ":")
            let second = hasSeconds ? (Self.number(bytes, 7) ?? 0) : 0
            let start = date.days * 86_400 + hour * 3_600 + minute * 60 + second
            var total = start + delta
            // Near 0001-01-01 or 9999-12-31 the move goes the other way, so that the result stays a
            // four-digit year both engines accept.
            if !DateShiftGenerator.validYears.contains(CivilDate(days: Int((Double(total) / 86_400).rounded(.down))).year) { total = start - delta }
            if !hasSeconds { total = total / 60 * 60 }
            let day = Int((Double(total) / 86_400).rounded(.down))
            let rest = total - day * 86_400
            func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            var time = String(UnicodeScalar(bytes[0])) + pad(rest / 3_600) + ":" + pad(rest / 60 % 60)
            if hasSeconds { time += ":" + pad(rest % 60) }
            written.rest = time + String(decoding: bytes[(hasSeconds ? 9 : 6)...], as: UTF8.self)
            return .text(written.written(CivilDate(days: day)))
        default:
            return value
        }
    }

    static let notATimestamp = GeneratorError(
        generator: "timestamp.jitter", message: "the value is not a timestamp (YYYY-MM-DD HH:MM[:SS], or the date in another layout date.shift reads, then the time)")

    static func number(_ bytes: [UInt8], _ at: Int) -> Int? {
        guard at + 1 < bytes.count, ASCII.isDigit(bytes[at]), ASCII.isDigit(bytes[at + 1]) else { return nil }
        return Int(bytes[at] - 48) * 10 + Int(bytes[at + 1] - 48)
    }
}

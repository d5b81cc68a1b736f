/// Moves a timestamp by a keyed number of seconds.
struct TimestampJitterGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "timestamp.jitter",
        summary: "Moves a timestamp by up to ±`seconds` (default 3600), keeping its text layout.",
        details: """
            Reads `YYYY-MM-DD HH:MM[:SS[.fff]]` with a space or `T`, a fraction and a zone suffix kept as written; \
            unix seconds or milliseconds in integer columns; unix seconds in real columns. Consistent by default \
            (the same instant moves by the same amount).
            """,
        acceptedTypes: [.timestamp, .text, .integer, .real],
        parameters: [.init("seconds", .integer, default: .integer(3_600), "the largest move, in seconds, either way")],
        examples: [.init(.text("2024-03-01 13:45:00"), type: .timestamp), .init(.text("2024-03-01T23:59:30.250Z"), type: .timestamp, parameters: ["seconds": .integer(120)])],
        validate: { p in (p.integer("seconds") ?? 1) >= 1 ? nil : "seconds must be at least 1" },
        make: { setup in TimestampJitterGenerator(setup: setup, seconds: setup.parameters.integer("seconds") ?? 3_600) })

    let setup: GeneratorSetup
    let seconds: Int

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value {
        var random = setup.stream(for: value, row: row)
        let delta = random.below(2 * seconds + 1) - seconds
        switch value {
        case .integer(let stamp):
            return .integer(stamp &+ Int64(delta) * (abs(stamp) > 100_000_000_000 ? 1_000 : 1))
        case .real(let stamp):
            return .real(stamp + Double(delta))
        case .text(let text):
            let bytes = Array(text.utf8)
            guard let date = CivilDate(prefixOf: text), bytes.count >= 16, bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T"),
                  let hour = Self.number(bytes, 11), bytes[13] == UInt8(ascii: ":"), let minute = Self.number(bytes, 14), hour < 24, minute < 60
            else {
                throw GeneratorError(generator: "timestamp.jitter", message: "the value is not a timestamp YYYY-MM-DD HH:MM[:SS]")
            }
            let hasSeconds = bytes.count >= 19 && bytes[16] == UInt8(ascii: ":")
            let second = hasSeconds ? (Self.number(bytes, 17) ?? 0) : 0
            var total = date.days * 86_400 + hour * 3_600 + minute * 60 + second + delta
            if !hasSeconds { total = total / 60 * 60 }
            let day = Int((Double(total) / 86_400).rounded(.down))
            let rest = total - day * 86_400
            func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            var out = CivilDate(days: day).iso + String(UnicodeScalar(bytes[10])) + pad(rest / 3_600) + ":" + pad(rest / 60 % 60)
            if hasSeconds { out += ":" + pad(rest % 60) }
            out += String(decoding: bytes[(hasSeconds ? 19 : 16)...], as: UTF8.self)
            return .text(out)
        default:
            return value
        }
    }

    static func number(_ bytes: [UInt8], _ at: Int) -> Int? {
        guard at + 1 < bytes.count, ASCII.isDigit(bytes[at]), ASCII.isDigit(bytes[at + 1]) else { return nil }
        return Int(bytes[at] - 48) * 10 + Int(bytes[at + 1] - 48)
    }
}

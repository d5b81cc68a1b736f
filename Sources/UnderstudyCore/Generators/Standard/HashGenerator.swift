/// A keyed hash of the value: hexadecimal, or a token as long as the input.
struct HashGenerator: Generator {
    static let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
    static let hexDigits = Array("0123456789abcdef".utf8)

    static let definition = GeneratorDefinition(
        name: "hash",
        summary: "Keyed hash (HMAC-SHA256) of the value, as hex or as a token of the input's length.",
        details: """
            Not reversible. `format: hex` writes `length` hex digits (default 32, at most 64); `format: token` writes \
            letters and digits, as many as the input has. On an integer column the output is a positive 63-bit integer. \
            Counted unique-safe with `format: hex` and `length` ≥ 32: 128 bits collide with probability below 2⁻⁶⁴ for \
            up to 2³² distinct values; the 63-bit integers below n²/2⁶⁴ (5·10⁻⁸ for a million keys). A collision \
            would fail the run on the destination's constraint, never pass silently.
            """,
        acceptedTypes: [.text, .uuid, .integer],
        parameters: [
            .init("format", .choice(["hex", "token"]), default: .string("hex"), "hex digits, or letters and digits of the input's length"),
            .init("length", .integer, default: .integer(32), "number of hex digits (format hex), 8…64"),
        ],
        uniqueSafety: .when("with `format: hex` and `length` ≥ 32") { p in
            p.string("format") == "hex" && (p.integer("length") ?? 32) >= 32
        },
        examples: [
            .init(.text("ACME-00042")),
            .init(.text("ACME-00042"), parameters: ["format": .string("token")]),
        ],
        validate: { p in
            let length = p.integer("length") ?? 32
            return (8...64).contains(length) ? nil : "length must be between 8 and 64 hex digits"
        },
        make: { setup in
            HashGenerator(setup: setup, token: setup.parameters.string("format") == "token", length: setup.parameters.integer("length") ?? 32)
        })

    let setup: GeneratorSetup
    let token: Bool
    let length: Int

    func generate(_ value: Value, row: RowPosition) -> Value {
        if value.isNull { return .null }
        let digest = setup.consistent
            ? setup.hasher.digest(value.canonicalBytes)
            : setup.hasher.digest(Array("#row\(row.ordinal)".utf8), label: 1)
        if case .integer = value {
            var word: UInt64 = 0
            for i in 0..<8 { word = word << 8 | UInt64(digest[i]) }
            return .integer(Int64(word >> 1))
        }
        if token {
            let count = max(1, value.displayText.count)
            var random = KeyedRandom(seed: digest)
            return .text(String((0..<count).map { _ in Self.alphabet[random.below(Self.alphabet.count)] }))
        }
        var hex = [UInt8](repeating: 0, count: length)
        let digits = Self.hexDigits
        for i in 0..<length {
            let byte = digest[i / 2]
            hex[i] = digits[Int(i % 2 == 0 ? byte >> 4 : byte & 0xF)]
        }
        return .text(String(decoding: hex, as: UTF8.self))
    }
}

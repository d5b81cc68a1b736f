/// Replaces the digits of a phone number, keeping its layout.
struct PhoneGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "phone",
        summary: "Replaces a phone number's digits, keeping its punctuation, spacing and length.",
        details: """
            `+1 (415) 555-0100` stays shaped like `+1 (415) 555-0100`, and one number gets the same fake digits in every \
            layout (`(415) 555-0100`, `415.555.0100`, `4155550100`). `keep_prefix` keeps the first digits (a country \
            or area code) as they are. The first replaced digit is never 0, so numbers stay dialable in form. Integer \
            columns keep their number of digits.
            """,
        acceptedTypes: [.text, .integer],
        parameters: [.init("keep_prefix", .integer, default: .integer(0), "how many leading digits to keep")],
        examples: [
            .init(.text("+1 (415) 555-0100")),
            .init(.text("+44 20 7946 0958"), parameters: ["keep_prefix": .integer(2)]),
        ],
        validate: { p in (p.integer("keep_prefix") ?? 0) >= 0 ? nil : "keep_prefix cannot be negative" },
        make: { setup in PhoneGenerator(setup: setup, keep: setup.parameters.integer("keep_prefix") ?? 0) })

    let setup: GeneratorSetup
    let keep: Int

    func generate(_ value: Value, row: RowPosition) -> Value {
        switch value {
        case .text(let text):
            return .text(replaceDigits(text, value: value, row: row))
        case .integer(let number) where number > 0:
            return .integer(Int64(replaceDigits(String(number), value: value, row: row))!)
        default:
            return value
        }
    }

    /// The number's digits alone, as ASCII (digits of other scripts read as their values).
    static func digits(of text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return String(decoding: text.utf8.filter(ASCII.isDigit), as: UTF8.self) }
        return String(text.unicodeScalars.compactMap { scalar -> Character? in
            guard scalar.properties.numericType == .decimal, let value = scalar.properties.numericValue else { return nil }
            return Character(String(Int(value)))
        })
    }

    func replaceDigits(_ text: String, value: Value, row: RowPosition) -> String {
        // Keyed by the digits alone: one number gets the same fake digits in every layout it is
        // written in ("(415) 555-0100", "415.555.0100", 4155550100), each kept in its layout.
        var random = setup.stream(for: .text(Self.digits(of: text)), row: row)
        let original = Array(text.utf8)
        var bytes = original
        for _ in 0..<8 {
            var seen = 0
            for i in bytes.indices where ASCII.isDigit(original[i]) {
                defer { seen += 1 }
                if seen < keep { continue }
                bytes[i] = UInt8(48 + (seen == keep ? 1 + random.below(9) : random.below(10)))
            }
            if bytes != original || seen <= keep { break }
        }
        // Digits of other scripts (Arabic-Indic, full-width) are replaced by ASCII digits too.
        var output = String(decoding: bytes, as: UTF8.self)
        if original.contains(where: { $0 >= 0x80 }), output.unicodeScalars.contains(where: { !$0.isASCII && $0.properties.numericType != nil }) {
            output = String(output.map { $0.isNumber && !$0.isASCII ? Character(String(random.below(10))) : $0 })
        }
        return output
    }
}

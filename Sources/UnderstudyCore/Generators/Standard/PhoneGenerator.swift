/// Replaces the digits of a phone number, keeping its layout.
struct PhoneGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "phone",
        summary: "Replaces a phone number's digits, keeping its punctuation, spacing and length.",
        details: """
            `+1 (415) 555-0100` stays shaped like `+1 (415) 555-0100`. `keep_prefix` keeps the first digits (a country \
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

    func replaceDigits(_ text: String, value: Value, row: RowPosition) -> String {
        var random = setup.stream(for: value, row: row)
        for _ in 0..<8 {
            var seen = 0
            var output = ""
            output.reserveCapacity(text.utf8.count)
            for ch in text {
                if let digit = ch.wholeNumberValue, ch.isASCII {
                    defer { seen += 1 }
                    if seen < keep { output.append(ch); continue }
                    let replacement = seen == keep ? 1 + random.below(9) : random.below(10)
                    _ = digit
                    output.append(Character(String(replacement)))
                } else {
                    output.append(ch)
                }
            }
            if output != text || seen <= keep { return output }
        }
        return text
    }
}

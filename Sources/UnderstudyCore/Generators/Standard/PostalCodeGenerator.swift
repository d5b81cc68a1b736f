/// A postal code of the same shape: digits stay digits, letters stay letters.
struct PostalCodeGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "address.postal-code",
        summary: "A postal code of the same shape (`94107` → `38215`, `SW1A 1AA` → `KP4Z 8RT`).",
        details: "Digits become digits, letters letters of the same case, the rest stays. `keep_prefix` keeps leading characters (a region). Never returns the input when anything is replaced.",
        acceptedTypes: [.text, .integer],
        parameters: [.init("keep_prefix", .integer, default: .integer(0), "how many leading characters to keep")],
        examples: [.init(.text("94107")), .init(.text("SW1A 1AA"))],
        validate: { p in (p.integer("keep_prefix") ?? 0) >= 0 ? nil : "keep_prefix cannot be negative" },
        make: { setup in PostalCodeGenerator(setup: setup, keep: setup.parameters.integer("keep_prefix") ?? 0) })

    let setup: GeneratorSetup
    let keep: Int

    func generate(_ value: Value, row: RowPosition) -> Value {
        switch value {
        case .text(let text):
            return .text(TextScrambleGenerator.scramble(text, random: setup.stream(for: value, row: row), keep: keep))
        case .integer(let number) where number >= 0:
            let digits = String(number)
            var random = setup.stream(for: value, row: row)
            var output = digits
            for _ in 0..<8 {
                output = String(digits.enumerated().map { i, ch in
                    i < keep ? ch : Character(String(i == 0 ? 1 + random.below(9) : random.below(10)))
                })
                if output != digits { break }
            }
            return .integer(Int64(output)!)
        default:
            return value
        }
    }
}

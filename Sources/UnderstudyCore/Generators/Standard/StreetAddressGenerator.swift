/// A street address: number, street name and suffix.
struct StreetAddressGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "address.street",
        summary: "A street address (`4821 Maple Avenue`) in place of the value.",
        details: "House numbers 1–9999, 1,453 street names, 15 suffixes; keeps the input's letter case. Never returns the input.",
        acceptedTypes: [.text],
        examples: [.init(.text("221B Baker Street"))],
        make: { setup in StreetAddressGenerator(setup: setup) })

    let setup: GeneratorSetup

    func generate(_ value: Value, row: RowPosition) -> Value {
        guard case .text(let text) = value else { return value }
        var random = setup.stream(for: value, row: row)
        let words = Dictionaries.shared
        var address: String
        repeat {
            address = "\(1 + random.below(9999)) \(random.pick(words.streetNames)) \(random.pick(Dictionaries.streetSuffixes))"
        } while ASCII.equalIgnoringCase(address, text)
        return .text(LetterCase(of: text).apply(address))
    }
}

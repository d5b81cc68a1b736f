/// A street address: number, street name and suffix.
struct StreetAddressGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "address.street",
        summary: "A street address (`4821 Maple Avenue`) in place of the value.",
        details: "House numbers 1–9999, 1,453 street names, 15 suffixes; keeps the input's letter case (`12 OAK STREET` and `12 Oak Street` get one fake, each in its case). Never returns the input.",
        acceptedTypes: [.text],
        examples: [.init(.text("221B Baker Street"))],
        make: { setup in StreetAddressGenerator(setup: setup) })

    let setup: GeneratorSetup

    func generate(_ value: Value, row: RowPosition) -> Value {
        guard case .text(let text) = value else { return value }
        // Keyed by the text as a name is written: in capitals or lower case, the same fake (``LetterCase/key(of:)``).
        var random = setup.stream(for: LetterCase.key(of: value), row: row)
        let words = Dictionaries.shared
        var address: String
        repeat {
            address = "\(1 + random.below(9999)) \(random.pick(words.streetNames)) \(random.pick(Dictionaries.streetSuffixes))"
        } while ASCII.equalIgnoringCase(address, text)
        return .text(LetterCase(of: text).apply(address))
    }
}

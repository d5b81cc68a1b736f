/// A city name from the GeoNames list of US places.
struct CityGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "address.city",
        summary: "A city name in place of the value.",
        details: "Drawn from 5,985 US places (GeoNames, population ≥ 5,000). Keeps the input's letter case (`SPRINGFIELD` and `Springfield` get one fake, each in its case). Never returns the input.",
        acceptedTypes: [.text],
        examples: [.init(.text("Lisbon"))],
        make: { setup in CityGenerator(setup: setup) })

    let setup: GeneratorSetup

    func generate(_ value: Value, row: RowPosition) -> Value {
        guard case .text(let text) = value else { return value }
        // Keyed by the text as a name is written: in capitals or lower case, the same fake (``LetterCase/key(of:)``).
        var random = setup.stream(for: LetterCase.key(of: value), row: row)
        let city = random.drawn(within: setup.maximumLength) { $0.pick(Dictionaries.shared.cities, avoiding: text) }
        return .text(LetterCase(of: text).apply(city))
    }
}

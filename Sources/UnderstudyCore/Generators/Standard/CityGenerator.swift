/// A city name in place of the value: a town of the same country for a town the world's list knows
/// outside the US, a US place otherwise.
struct CityGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "address.city",
        summary: "A city name in place of the value: a town of the same country.",
        details: """
            A town of another country that GeoNames lists (32,127 places of at least 15,000 people, and the names \
            67 of them go by in their own languages: `München`, `Milano`) gets a listed town of that country \
            (`Lisbon` → `Amora`, never `Lisbon` nor, for `München`, `Munich`), so a city keeps agreeing with its \
            row's country — in Canada and Australia, whose addresses name them, a town of the same province or state \
            (`Toronto` → a town of Ontario); a name written without its accents is read as with them (`Sao Paulo`); a name several places share is read as the most populous's (`London` a British town, \
            `Springfield` a US one). Any other value gets one of 5,985 US places (GeoNames, population ≥ 5,000), as \
            does every value with `keep_country: false`. Keeps the input's letter case (`SPRINGFIELD` and \
            `Springfield` get one fake, each in its case). Never returns the input.
            """,
        acceptedTypes: [.text],
        parameters: [.init("keep_country", .boolean, default: .boolean(true), "a town of another country that GeoNames lists gets a town of that country")],
        examples: [.init(.text("Lisbon")), .init(.text("Austin")), .init(.text("Lisbon"), parameters: ["keep_country": .boolean(false)])],
        make: { setup in CityGenerator(setup: setup, keepCountry: setup.parameters.boolean("keep_country") != false) })

    let setup: GeneratorSetup
    let keepCountry: Bool

    /// A name of GeoNames' that is a part of a town or several (`Fenway/Kenmore`, `City of Milford
    /// (balance)`, `Socorro Mission Number 1 Colonia`), which no town is called.
    static func isNoTown(_ name: String) -> Bool { name.contains { "/()".contains($0) || $0.isNumber } }

    func generate(_ value: Value, row: RowPosition) -> Value {
        guard case .text(let text) = value else { return value }
        // Keyed by the text as a name is written: in capitals or lower case, the same fake (``LetterCase/key(of:)``).
        var random = setup.stream(for: LetterCase.key(of: value), row: row)
        if keepCountry, let town = Dictionaries.shared.country(ofTown: text), town.country != "US" {
            // In Canada and Australia, whose addresses name it, a town of the same province or state where it has another.
            let ofRegion = town.region.map { Dictionaries.shared.towns(in: town.country, region: $0) } ?? []
            let towns = ofRegion.count > 1 ? ofRegion : Dictionaries.shared.towns(in: town.country)
            let own = [text.lowercased(), town.place.lowercased()]
            // (Not the town itself in another case or spelling: `MÜNCHEN`, `Munich` for `München`.)
            func other(_ random: inout KeyedRandom) -> String {
                let first = random.pick(towns)
                return random.redrawn(first, times: 16, while: { own.contains($0.lowercased()) }) { $0.pick(towns) }
            }
            if towns.count > 1 {
                let city = random.drawn(within: setup.maximumLength, other)
                if !own.contains(city.lowercased()), setup.maximumLength.map({ city.count <= $0 }) ?? true {
                    return .text(LetterCase(of: text).apply(city))
                }
            }
        }
        let city = random.drawn(within: setup.maximumLength) { random in
            // (Drawn again where the list's name is no town's — `Central 14th Street / WMATA Northern Bus Barn` —: only those fakes change.)
            let first = random.pick(Dictionaries.shared.cities, avoiding: text)
            return random.redrawn(first, times: 16, while: Self.isNoTown) { $0.pick(Dictionaries.shared.cities, avoiding: text) }
        }
        return .text(LetterCase(of: text).apply(city))
    }
}

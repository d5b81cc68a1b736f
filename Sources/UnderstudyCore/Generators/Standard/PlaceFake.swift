/// `text.redact`'s fake of a place, of the place's kind: a region of the world for a region
/// (`Europe` → `South America`), a country for a country, a US state for a state, and a town
/// (`address.city`) for any other place. Keyed by the place in lower case.
struct PlaceFake: Generator {
    /// The fake of a town.
    let town: any Generator
    let hasher: KeyedHasher

    static let regions = [
        "Africa", "Asia", "Europe", "Oceania", "North America", "South America", "Latin America", "Central America", "Middle East",
        "Southeast Asia", "East Asia", "South Asia", "Western Europe", "Eastern Europe",
    ]
    static let states = WordLists.usStates.keys.sorted().map { $0.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ") }

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value {
        guard case .text(let text) = value else { return value }
        let lower = text.lowercased()
        let kind: [String]? = WordLists.worldRegions.contains(lower) ? Self.regions
            : text.count > 3 && Dictionaries.shared.countries.contains(lower) ? Dictionaries.shared.countryNames
            : WordLists.usStates[lower] != nil ? Self.states : nil
        guard let kind else { return try town.generate(value, row: row) }
        var random = hasher.stream(Array(lower.utf8))
        return .text(LetterCase(of: text).apply(random.pick(kind, avoiding: text)))
    }
}

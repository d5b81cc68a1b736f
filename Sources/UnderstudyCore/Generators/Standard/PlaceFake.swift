/// `text.redact`'s fake of a place, of the place's kind: a region of the world for a region
/// (`Europe` → `South America`), a country for a country, a US state for a state, and a town
/// (`address.city`: a town of the same country) for any other place. Keyed by the place in lower
/// case. A town with its state, province or postcode keeps them (``TownWithRegion``): a US town's
/// state is its fake's own, written as a code or a name as the text wrote it, and the town a US
/// town whatever else it names (`Paris, TX`); another country's region stays; a postcode gets one of
/// its shape.
struct PlaceFake: Generator {
    /// The fake of a town: a town of its country (`address.city`).
    let town: any Generator
    /// The fake of a town with a US state: a US town (`address.city` with `keep_country: false`).
    var usTown: (any Generator)?
    let hasher: KeyedHasher
    /// The fake of a postcode after a town's region (`address.postal-code`).
    var postcode: (any Generator)?

    static let regions = [
        "Africa", "Asia", "Europe", "Oceania", "North America", "South America", "Latin America", "Central America", "Middle East",
        "Southeast Asia", "East Asia", "South Asia", "Western Europe", "Eastern Europe",
    ]
    /// The US states' codes (not Canada's provinces, which `WordLists.stateCodes` holds too).
    static let stateCodes = Set(WordLists.usStates.values)
    static let states = WordLists.usStates.keys.sorted().map { $0.split(separator: " ").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ") }
    /// Each state's name as written (``states``) by its code.
    static let stateNames = Dictionary(uniqueKeysWithValues: states.map { (WordLists.usStates[$0.lowercased()]!, $0) })

    /// The place fake of `text.redact` and of `address.street`'s shaped addresses: `town` (a town
    /// of its country) and `postcode` where the caller has them, else `address.city` and
    /// `address.postal-code` made in `setup` (in `domain`, nil for the setup's own and the part);
    /// and a US town for a town with a US state, `address.city` with `keep_country: false` in the
    /// town's domain (the fake a US town always got).
    static func make(in setup: GeneratorSetup, domain: String?, hasher: KeyedHasher, town: (any Generator)? = nil, postcode: (any Generator)? = nil) throws(GeneratorError) -> PlaceFake {
        func spec(_ name: String, _ parameters: [String: ParameterValue] = [:], part: String) throws(GeneratorError) -> any Generator {
            try GeneratorSpec(name: name, parameters: GeneratorParameters(parameters), domain: domain, consistent: nil).make(in: setup, part: part)
        }
        let made: any Generator
        if let town { made = town } else { made = try spec("address.city", part: EntityKind.location.rawValue) }
        var place = PlaceFake(town: made, hasher: hasher)
        if let postcode { place.postcode = postcode } else { place.postcode = try spec("address.postal-code", part: "POSTAL_CODE") }
        place.usTown = try spec("address.city", ["keep_country": .boolean(false)], part: EntityKind.location.rawValue)
        return place
    }

    /// A US state's code or name (`TX`, `Oregon`), not another country's region (`ON`, `NSW`).
    static func isUSState(_ word: String) -> Bool { stateCodes.contains(word) || WordLists.usStates[word.lowercased()] != nil }

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value {
        guard case .text(let text) = value else { return value }
        if let place = TownWithRegion(text),
           case .text(let fakeTown) = try (Self.isUSState(place.region) ? usTown ?? town : town).generate(.text(place.town), row: row) {
            var region = place.region
            if let code = Dictionaries.shared.cityStates[fakeTown.lowercased()] {
                if Self.stateCodes.contains(place.region) {
                    region = code
                } else if WordLists.usStates[place.region.lowercased()] != nil, let name = Self.stateNames[code] {
                    region = LetterCase(of: place.region).apply(name)
                }
            }
            var written = fakeTown + place.beforeRegion + region
            if let code = place.postcode {
                let fake = try postcode?.generate(.text(code), row: row)
                written += place.beforePostcode + (fake.map(\.displayText) ?? code)
            }
            return .text(written)
        }
        let lower = text.lowercased()
        let kind: [String]? = WordLists.worldRegions.contains(lower) ? Self.regions
            : text.count > 3 && Dictionaries.shared.countries.contains(lower) ? Dictionaries.shared.countryNames
            : WordLists.usStates[lower] != nil ? Self.states : nil
        guard let kind else { return try town.generate(value, row: row) }
        var random = hasher.stream(Array(lower.utf8))
        return .text(LetterCase(of: text).apply(random.pick(kind, avoiding: text)))
    }
}

/// A town with its state, province or territory and a postcode after (`Austin, TX`, `Portland,
/// Oregon`, `Springfield, IL 62704`, `Toronto, ON M5V 2A1`, `Darwin NT 0800`): the region a code of
/// two or three capitals (a US state's or another's) or a US state's name; without a comma, a code
/// and a postcode both.
struct TownWithRegion {
    var town: String
    var beforeRegion: String
    var region: String
    var beforePostcode = ""
    var postcode: String?

    /// (Made once: a literal in `init` was built again for every place faked.)
    nonisolated(unsafe) static let pattern = #/^(?<town>[^,\d]+?)(?<comma>,\s*|\s+)(?<region>[A-Z]{2,3}|[A-Za-z]+(?: [A-Za-z]+)?)(?:(?<gap>\s+)(?<postcode>[A-Z0-9][A-Z0-9 -]*[0-9][A-Z0-9]*))?$/#

    init?(_ text: String) {
        guard let match = text.wholeMatch(of: Self.pattern) else { return nil }
        let region = String(match.output.region)
        let code = region.count <= 3 && region.allSatisfy(\.isUppercase)
        guard code || WordLists.usStates[region.lowercased()] != nil else { return nil }
        // (Without a comma only a code and a postcode: `Darwin NT 0800`, not `New York`.)
        guard match.output.comma.contains(",") || code && match.output.postcode != nil else { return nil }
        town = String(match.output.town)
        beforeRegion = String(match.output.comma)
        self.region = region
        if let postcode = match.output.postcode {
            beforePostcode = String(match.output.gap ?? " ")
            self.postcode = String(postcode)
        }
    }
}

/// A plausible company name.
struct CompanyNameGenerator: Generator {
    static let suffixes = ["Inc.", "LLC", "Ltd.", "Group", "& Co.", "Holdings", "Partners", "Corporation", "Industries", "Labs", "Studio", "Systems"]
    static let nouns = ["Logistics", "Analytics", "Foods", "Motors", "Consulting", "Design", "Energy", "Health", "Software", "Media",
                        "Construction", "Textiles", "Robotics", "Pharma", "Capital", "Outfitters", "Bakery", "Hardware", "Travel", "Dental"]

    static let definition = GeneratorDefinition(
        name: "company-name",
        summary: "A plausible company name (`Whitaker & Lowe LLC`, `Granite Analytics Inc.`).",
        details: "Built from surnames, street names and trade words; keeps the input's letter case style. Never returns the input.",
        acceptedTypes: [.text],
        examples: [.init(.text("Embraer - Empresa Brasileira de Aeronáutica S.A."))],
        make: { setup in CompanyNameGenerator(setup: setup) })

    let setup: GeneratorSetup

    func generate(_ value: Value, row: RowPosition) -> Value {
        guard case .text(let text) = value else { return value }
        var random = setup.stream(for: value, row: row)
        let words = Dictionaries.shared
        var name: String
        repeat {
            switch random.below(3) {
            case 0: name = "\(random.pick(words.lastNames)) & \(random.pick(words.lastNames)) \(random.pick(Self.suffixes))"
            case 1: name = "\(random.pick(words.streetNames)) \(random.pick(Self.nouns)) \(random.pick(Self.suffixes))"
            default: name = "\(random.pick(words.lastNames)) \(random.pick(Self.nouns))"
            }
        } while ASCII.equalIgnoringCase(name, text)
        return .text(LetterCase(of: text).apply(name))
    }
}

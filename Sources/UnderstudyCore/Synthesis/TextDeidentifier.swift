/// The direct identifiers inside the texts a synthesis model learns from (without DP), replaced by
/// fakes before it learns: `text.redact` in mode `fake` over the column, every kind but a
/// workspace's own (none here), dates too — moved as its fakes move them (a date of birth in a
/// note came back whole: 170 of 240 notes held one). A chain of words learns a column's vocabulary,
/// and a note's vocabulary is its people: `Called Mary Johnson about …` was drawn back with the real
/// name, two words, under the four a draw may not share with a source value, and each phone number
/// and email of the notes, one word each, whole. Learnt from fakes, the chain writes people, emails
/// and numbers that are no one's, in the places and proportions the notes had them.
struct TextDeidentifier {
    private let generator: any Generator

    init?(key: MasterKey, table: String, column: Column) {
        let definition = GeneratorRegistry.standard.definition(named: "text.redact")!
        let kinds = Set(EntityKind.allCases).subtracting([.custom])
        guard let parameters = try? definition.resolve(
            ["mode": .string("fake"), "entities": .list(kinds.map(\.rawValue).sorted().map { .string($0) })], at: "synthesis", in: nil),
              let generator = try? definition.make(GeneratorSetup(
                parameters: parameters, key: key, generator: "synthesize-text", domain: "\(table).\(column.name)", consistent: true, column: column))
        else { return nil }
        self.generator = generator
    }

    /// `text` with what it identifies replaced; nil where the recogniser fails on it (the text is
    /// then not learnt from at all).
    func callAsFunction(_ text: String, ordinal: Int) -> String? {
        guard let redacted = try? generator.generate(.text(text), row: RowPosition(ordinal: Int64(ordinal))) else { return nil }
        switch redacted {
        case .text(let t): return t
        case .null: return nil
        default: return redacted.displayText
        }
    }
}

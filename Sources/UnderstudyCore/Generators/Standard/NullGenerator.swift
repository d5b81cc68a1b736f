/// Replaces every value with NULL.
struct NullGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "null",
        summary: "Replaces every value with NULL.",
        details: "Refused on NOT NULL columns. Keeps a UNIQUE column valid, since NULLs never collide. A column entry may write it unquoted (`generator: null`, `notes: null`); inside another generator (`then:`, `of:`) quote it: `then: \"null\"`.",
        acceptedTypes: Set(LogicalType.allCases),
        canBeConsistent: false,
        uniqueSafety: .always,
        mayProduceNull: true,
        replacesBlank: true,
        examples: [.init(.text("call me on 555-0100"))],
        make: { _ in NullGenerator() })

    func generate(_ value: Value, row: RowPosition) -> Value { .null }
}

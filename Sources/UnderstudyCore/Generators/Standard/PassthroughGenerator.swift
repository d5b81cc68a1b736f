/// Copies the value unchanged.
struct PassthroughGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "passthrough",
        summary: "Copies the value unchanged.",
        details: "For columns that hold nothing sensitive. A column the workspace does not list passes through too.",
        acceptedTypes: Set(LogicalType.allCases),
        canBeConsistent: false,
        uniqueSafety: .always,
        examples: [.init(.text("Lisbon"))],
        make: { _ in PassthroughGenerator() })

    func generate(_ value: Value, row: RowPosition) -> Value { value }
}

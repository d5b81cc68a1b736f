import Foundation

/// Applies one generator where a condition on the row holds, another elsewhere.
struct ConditionalGenerator: RowAwareGenerator {
    static let definition = GeneratorDefinition(
        name: "conditional",
        summary: "Applies `then` where a condition on another column of the row holds, `else` (default passthrough) elsewhere.",
        details: """
            The condition reads the source value of `column`: `equals: US`, `in: [US, CA]`, `matches: '^\\+1'` \\
            (a regular expression) or `is_null: true`; give one. Example: phone numbers of US customers keep their \\
            area code, others are fully replaced.
            """,
        acceptedTypes: Set(LogicalType.allCases),
        parameters: [
            .init("column", .column, required: true, "the column the condition reads"),
            .init("equals", .scalar, "holds when the column's value equals this"),
            .init("in", .stringList, "holds when the column's value is one of these"),
            .init("matches", .string, "holds when the column's value matches this regular expression"),
            .init("is_null", .boolean, "holds when the column is NULL (true) or not (false)"),
            .init("then", .generator, required: true, "the generator where the condition holds"),
            .init("else", .generator, default: .string("passthrough"), "the generator elsewhere"),
        ],
        canBeConsistent: false,
        replacesBlank: true,
        examples: [],
        validate: { p in
            let count = ["equals", "in", "matches", "is_null"].filter { p.values[$0] != nil }.count
            if count != 1 { return "give exactly one condition: equals, in, matches or is_null" }
            if let m = p.string("matches"), (try? NSRegularExpression(pattern: m)) == nil { return "matches is not a valid regular expression" }
            return nil
        },
        make: { setup throws(GeneratorError) in
            func nested(_ key: String) throws(GeneratorError) -> any Generator {
                let spec = try! GeneratorSpec.parse(setup.parameters.values[key]!, registry: .standard) { WorkspaceError(code: .invalidParameter, path: key, message: $0) }
                return try spec.make(in: setup, part: key, type: nil)
            }
            let p = setup.parameters
            return ConditionalGenerator(
                column: p.string("column")!, equals: p.values["equals"]?.description, among: p.strings("in").map(Set.init),
                pattern: p.string("matches").map { try! NSRegularExpression(pattern: $0) }, isNull: p.boolean("is_null"),
                then: try nested("then"), otherwise: try nested("else"))
        })

    let column: String
    let equals: String?
    let among: Set<String>?
    nonisolated(unsafe) let pattern: NSRegularExpression?  // immutable and thread-safe once built
    let isNull: Bool?
    let then: any Generator
    let otherwise: any Generator

    var readsColumns: [String] { [column] }

    func holds(_ value: Value) throws(GeneratorError) -> Bool {
        if let isNull { return value.isNull == isNull }
        if value.isNull { return false }
        let text = value.displayText
        if let equals { return text == equals }
        if let among { return among.contains(text) }
        if let pattern {
            guard let matches = BoundedMatching.matches(pattern, in: text) else {
                throw GeneratorError(generator: "conditional", message: BoundedMatching.tooSlow(pattern.pattern))
            }
            return !matches.isEmpty
        }
        return false
    }

    func generate(_ value: Value, row: RowPosition, values: RowValues) throws(GeneratorError) -> Value {
        try (try holds(values[column] ?? .null) ? then : otherwise).generate(value, row: row)
    }
}

/// The generators that write a column's own values into other rows: on a column that looks personal
/// the run and `check` name them (UND-W001).
package enum ShuffledColumn {
    package static let generators: Set<String> = [CategoricalShuffleGenerator.definition.name, CategoricalGenerator.definition.name]
    package static func warning(_ generator: String) -> String {
        generator == CategoricalGenerator.definition.name
            ? "\(generator) writes the column's own values that rows share, each row another row's, every one real"
            : "\(generator) writes the column's own values, each row another row's, every one real"
    }
}

/// Draws each value from the column's own distribution of values.
struct CategoricalShuffleGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "categorical.shuffle",
        summary: "A value drawn from the column's own values, with their frequencies.",
        details: """
            Keeps the column's distribution (how often each category occurs) while cutting the link between a row and \
            its value. Suits low-cardinality columns (status, country, plan); the column's distinct values are counted \
            before the first row, up to `max_categories`. The output holds only values the column already has. NULLs stay NULL. \
            Not consistent by default, which is what keeps the frequencies; with `consistent: true` each value maps to \
            one drawn value everywhere (a keyed relabelling, which merges some categories).
            """,
        acceptedTypes: Set(LogicalType.allCases).subtracting([.blob]),
        parameters: [.init("max_categories", .integer, default: .integer(10_000), "refuse columns with more distinct values than this")],
        consistentByDefault: false,
        needsStatistics: true,
        replacesBlank: true,
        examples: [],
        validate: { p in (p.integer("max_categories") ?? 1) >= 1 ? nil : "max_categories must be at least 1" },
        make: { setup throws(GeneratorError) in
            guard let statistics = setup.statistics, !statistics.values.isEmpty else {
                return CategoricalShuffleGenerator(setup: setup, values: [], cumulative: [])
            }
            let limit = setup.parameters.integer("max_categories") ?? 10_000
            guard statistics.values.count <= limit else {
                throw GeneratorError(
                    generator: "categorical.shuffle",
                    message: "the column has more than \(limit) distinct values, too many for a categorical column; use a generator for identifiers or free text, or raise max_categories")
            }
            var cumulative: [Int64] = []
            var total: Int64 = 0
            for count in statistics.counts {
                total += count
                cumulative.append(total)
            }
            return CategoricalShuffleGenerator(setup: setup, values: statistics.values, cumulative: cumulative)
        })

    let setup: GeneratorSetup
    let values: [Value]
    let cumulative: [Int64]

    func generate(_ value: Value, row: RowPosition) -> Value {
        guard !value.isNull, let total = cumulative.last else { return value }
        var random = setup.stream(for: value, row: row)
        let target = Int64(random.next(upperBound: UInt64(total)))
        var low = 0, high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] > target { high = mid } else { low = mid + 1 }
        }
        return values[low]
    }
}

/// Column-level synthesis of a category: a value drawn from the column's fitted frequencies (the
/// draw is `categorical.shuffle`'s, over the frequencies without the rare values).
enum CategoricalGenerator {
    static let definition = GeneratorDefinition(
        name: "categorical",
        summary: "A category drawn from the column's fitted frequencies (column-level synthesis); rare values are not reproduced.",
        details: """
            For one synthetic column inside a de-identified table: each row gets a category drawn at random from the \
            column's distribution, counted over the whole column before the first row (up to `max_categories`). Unlike \
            `categorical.shuffle`, a value that occurs once in a column of more than 20 categories is never written: its \
            share goes to the others, so a rare — identifying — value does not survive; a column of more than five values none of which two rows share \
            (emails, names, identifiers) is refused, as each row's own value would be written into another. NULLs stay NULL. Not consistent: \
            the draw depends on the row, which is what keeps the frequencies. Refused under differential privacy (the \
            fit is not noised); use `mode: synthesize` for the table instead.
            """,
        acceptedTypes: Set(LogicalType.allCases).subtracting([.blob, .json]),
        parameters: [.init("max_categories", .integer, default: .integer(10_000), "refuse columns with more distinct values than this")],
        canBeConsistent: false,
        needsStatistics: true,
        replacesBlank: true,
        examples: [],
        validate: { p in (p.integer("max_categories") ?? 1) >= 1 ? nil : "max_categories must be at least 1" },
        make: { setup throws(GeneratorError) in
            let statistics = setup.statistics ?? ColumnStatistics(values: [], counts: [])
            let limit = setup.parameters.integer("max_categories") ?? 10_000
            guard statistics.values.count <= limit else {
                throw GeneratorError(
                    generator: "categorical",
                    message: "the column has more than \(limit) distinct values, too many for a categorical column; use `continuous` for numbers and dates, a generator for identifiers or free text, or raise max_categories")
            }
            // More than five values, none of them two rows': emails, names, identifiers. Drawn as
            // categories, every row's own value would be written into another row, all of them real.
            guard statistics.values.count <= 5 || statistics.counts.contains(where: { $0 > 1 }) else {
                throw GeneratorError(
                    generator: "categorical",
                    message: "no value of the column is shared by two rows (no category: emails, names, identifiers), so drawn from its values each row's own would be written into another row, all of them real; use a generator of its kind (`email`, `person.full-name`, `phone`, `fpe.alphanumeric`), `continuous` for numbers and dates, or `mode: synthesize` for the table")
            }
            var kept = Array(zip(statistics.values, statistics.counts))
            if kept.count > 20, kept.contains(where: { $0.1 > 1 }) { kept.removeAll { $0.1 <= 1 } }
            var total: Int64 = 0
            return CategoricalShuffleGenerator(setup: setup, values: kept.map(\.0), cumulative: kept.map { total += $0.1; return total })
        })
}

/// Column-level synthesis of a number or date: a value drawn from the column's fitted marginal,
/// optionally correlated with other columns of the row through a Gaussian copula.
struct ContinuousGenerator: RowAwareGenerator {
    static let definition: GeneratorDefinition = {
        var definition = GeneratorDefinition(
            name: "continuous",
            summary: "A number or date drawn from the column's fitted distribution (column-level synthesis), optionally `correlate_with` other columns.",
            details: """
                For one synthetic column inside a de-identified table. The column's distribution is fitted on a sample of \
                20,000 rows spread over the table: a quantile function through up to 1,001 knots, linear between them, so \
                bounds, skew and the number of decimals (or the date's layout) are kept and a value is rarely a source value. \
                With `correlate_with: [age, plan]`, a Gaussian copula fitted on the same sample ties the draw to those \
                columns' values in the row (numbers by rank, categories by frequency), so `income` keeps its relation to \
                `age`. NULLs stay NULL. Not consistent: the draw depends on the row. Refused under differential privacy \
                (the fit is not noised); use `mode: synthesize` for the table instead.
                """,
            acceptedTypes: [.integer, .real, .decimal, .date, .timestamp],
            parameters: [.init("correlate_with", .columnList, "other columns of the row whose relation to this one the draw keeps")],
            canBeConsistent: false,
            replacesBlank: true,
            examples: [],
            make: { setup throws(GeneratorError) in try ContinuousGenerator(setup: setup) })
        definition.needsSample = true
        return definition
    }()

    /// How the row's value of a correlated column becomes a normal score.
    enum Scorer: Sendable {
        case numeric(codec: NumberCodec, sorted: [Double])
        case categorical([Value: Double])

        func score(_ value: Value) -> Double? {
            switch self {
            case .numeric(let codec, let sorted):
                guard let x = codec.number(value), !sorted.isEmpty else { return nil }
                // The middle of its ties, kept half a row from either end.
                let half = 0.5 / Double(sorted.count)
                return Normal.quantile(min(max(MarginalFitting.rank(x, inSorted: sorted, tie: 0.5), half), 1 - half))
            case .categorical(let midpoints):
                return midpoints[value].map(Normal.quantile)
            }
        }
    }

    let setup: GeneratorSetup
    let marginal: NumericMarginal
    let readsColumns: [String]
    let scorers: [Scorer]
    let regression: [Double]
    let spread: Double

    init(setup: GeneratorSetup) throws(GeneratorError) {
        self.setup = setup
        let sample = setup.sample ?? RowBatch(columnNames: [], columns: [], firstOrdinal: 0)
        guard let own = sample.columnIndex(setup.column.name) else {
            throw GeneratorError(generator: "continuous", message: "needs a sample of the table's rows to fit on, and this source gives none")
        }
        guard let codec = NumberCodec.fitted(sample.columns[own], type: setup.column.logicalType) else {
            throw GeneratorError(generator: "continuous", message: "the sample holds no number or date to fit a distribution on")
        }
        let numbers = sample.columns[own].map { codec.number($0) }
        let sorted = numbers.compactMap { $0 }.sorted()
        marginal = NumericMarginal(nullShare: 0, knots: NumericMarginal.knots(ofSorted: sorted), codec: codec)
        readsColumns = setup.parameters.strings("correlate_with") ?? []
        var scorers: [Scorer] = []
        var scores: [[Double]] = []
        for name in readsColumns {
            guard let c = sample.columnIndex(name) else {
                throw GeneratorError(generator: "continuous", message: "correlate_with names \(name), which the sample lacks")
            }
            let values = sample.columns[c]
            let scorer: Scorer
            if let other = NumberCodec.fitted(values, type: .real), values.compactMap({ other.number($0) }).count * 2 > values.filter({ !$0.isNull }).count {
                scorer = .numeric(codec: other, sorted: values.compactMap { other.number($0) }.sorted())
            } else {
                let marginal = CategoricalMarginal.fitted(values.map { [$0] }, ordered: false, dropSingletons: false)
                var midpoints: [Value: Double] = [:]
                for (i, category) in marginal.categories.enumerated() {
                    midpoints[category[0]] = ((i == 0 ? 0 : marginal.cumulative[i - 1]) + marginal.cumulative[i]) / 2
                }
                scorer = .categorical(midpoints)
            }
            scorers.append(scorer)
            scores.append(values.map { scorer.score($0) ?? .nan })
        }
        self.scorers = scorers
        let ownScorer = Scorer.numeric(codec: codec, sorted: sorted)
        let ownScores = sample.columns[own].map { ownScorer.score($0) ?? .nan }
        let k = scorers.count
        let correlation = Correlation(estimate: Correlation.pearson(scores + [ownScores]), size: k + 1)
        let (b, l) = correlation.conditional(target: [k], given: Array(0..<k))
        regression = b
        spread = l.first ?? 1
    }

    func generate(_ value: Value, row: RowPosition, values: RowValues) throws(GeneratorError) -> Value {
        guard !value.isNull, !marginal.knots.isEmpty else { return value }
        var random = setup.stream(for: value, row: row)
        var z = spread * Normal.draw(&random)
        for (i, name) in readsColumns.enumerated() {
            if let other = values[name], let score = scorers[i].score(other) { z += regression[i] * score }
        }
        return marginal.value(at: Normal.cdf(z), nullDraw: 1)
    }
}

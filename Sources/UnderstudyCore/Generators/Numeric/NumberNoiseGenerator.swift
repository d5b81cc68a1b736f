import Foundation

/// Adds keyed random noise to a number, keeping its type, sign and bounds.
struct NumberNoiseGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "number.noise",
        summary: "Adds random noise (relative or absolute) to a number, keeping its type and bounds.",
        details: """
            `relative: 0.1` moves a value by up to ±10 % of itself; `absolute: 5` by up to ±5 (give one). Integers \
            stay integers (rounded), reals stay reals, numeric text keeps its number of decimals. The result is clamped \
            to `min`/`max` (and to the range of a PostgreSQL `smallint`, `integer`, `numeric(p,s)`, `real` or `money`); without `min`, a value that was not \
            negative stays not negative. ±Infinity and NaN \
            are kept as they are.
            """,
        acceptedTypes: [.integer, .real, .decimal, .text],
        parameters: [
            .init("relative", .number, "largest change as a fraction of the value (default 0.1 when absolute is not given)"),
            .init("absolute", .number, "largest change in the value's units"),
            .init("min", .number, "smallest value written"),
            .init("max", .number, "largest value written"),
        ],
        examples: [.init(.integer(52_000), type: .integer), .init(.real(19.99), type: .real, parameters: ["absolute": .number(2)])],
        validate: { p in
            if p.number("relative") != nil, p.number("absolute") != nil { return "give relative or absolute, not both" }
            if let r = p.number("relative"), r < 0 { return "relative cannot be negative" }
            if let a = p.number("absolute"), a < 0 { return "absolute cannot be negative" }
            if let lo = p.number("min"), let hi = p.number("max"), lo > hi { return "min is above max" }
            return nil
        },
        make: { setup in NumberNoiseGenerator(setup: setup) })

    let setup: GeneratorSetup

    func noisy(_ x: Double, value: Value, row: RowPosition) -> Double {
        var random = setup.stream(for: value, row: row)
        let u = random.unit() * 2 - 1
        let p = setup.parameters
        // A spread past what a Double holds (relative: 1e308) wrote Inf: the noise stays finite.
        let largest = Double.greatestFiniteMagnitude
        let spread = min(p.number("absolute") ?? abs(x) * (p.number("relative") ?? 0.1), largest)
        var y = min(max(x + u * spread, -largest), largest)
        let lower = p.number("min") ?? (x >= 0 ? 0 : -Double.greatestFiniteMagnitude)
        y = max(y, lower)
        if let upper = p.number("max") { y = min(y, upper) }
        if let bounds = setup.numberBounds { y = min(max(y, bounds.lowerBound), bounds.upperBound) }
        return y
    }

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value {
        switch value {
        case .null: return .null
        case .integer(let i):
            let y = noisy(Double(i), value: value, row: row).rounded()
            return .integer(NumericValue.integer(y, within: setup.integerBounds))
        case .real(let d):
            guard d.isFinite else { return value }  // ±Infinity and NaN have no neighbourhood to move in
            return .real(noisy(d, value: value, row: row))
        case .text(let text):
            guard let (x, decimals) = DecimalText.parse(text) else {
                throw GeneratorError(generator: "number.noise", message: "the value is text that is not a number")
            }
            guard x.isFinite else { return value }
            return .text(DecimalText.format(noisy(x, value: value, row: row), decimals: decimals))
        case .blob:
            throw GeneratorError(generator: "number.noise", message: "the value is a blob, not a number")
        }
    }
}

import Foundation

/// Rounds a number to a step (generalisation).
struct NumberRoundGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "number.round",
        summary: "Rounds a number to the nearest multiple of `step` (default 10): 52,317 → 52,320.",
        details: "Integers stay integers, reals reals, numeric text keeps its decimals, inside the range of a PostgreSQL `smallint`, `integer`, `numeric(p,s)`, `real` or `money`. Deterministic, not keyed. Rounding half away from zero. ±Infinity and NaN are kept as they are.",
        acceptedTypes: [.integer, .real, .decimal, .text],
        parameters: [.init("step", .number, default: .number(10), "the multiple to round to (e.g. 1000, 0.5)")],
        canBeConsistent: false,
        examples: [.init(.integer(52_317), type: .integer), .init(.real(19.99), type: .real, parameters: ["step": .number(0.5)])],
        validate: { p in (p.number("step") ?? 10) > 0 ? nil : "step must be positive" },
        make: { setup in NumberRoundGenerator(step: setup.parameters.number("step") ?? 10, bounds: setup.integerBounds, numberBounds: setup.numberBounds) })

    let step: Double
    let bounds: ClosedRange<Int64>?
    let numberBounds: ClosedRange<Double>?

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value {
        try NumericValue.map(value, generator: "number.round", bounds: bounds, numberBounds: numberBounds) { x in
            // A step so small that x / step leaves the Doubles: x is a multiple of it as far as a Double tells.
            let multiple = (x / step).rounded() * step
            return multiple.isFinite ? multiple : x
        }
    }
}

/// Replaces a number with the lower bound of its bucket.
struct NumberBucketGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "number.bucket",
        summary: "Replaces a number with the lower bound of its bucket: fixed `size` (default 10), or explicit `boundaries`.",
        details: "`size: 10`: 37 → 30. `boundaries: [0, 18, 30, 50, 65]`: 37 → 30, 70 → 65, values below the first boundary → the first boundary. Keeps the type (inside the range of a PostgreSQL `smallint`, `integer`, `numeric(p,s)`, `real` or `money`). Deterministic, not keyed. ±Infinity and NaN are kept as they are.",
        acceptedTypes: [.integer, .real, .decimal, .text],
        parameters: [
            .init("size", .number, default: .number(10), "bucket width"),
            .init("boundaries", .numberList, "ascending lower bounds of the buckets (replaces size)"),
        ],
        canBeConsistent: false,
        examples: [.init(.integer(37), type: .integer), .init(.integer(37), type: .integer, parameters: ["boundaries": .list([.integer(0), .integer(18), .integer(30), .integer(50), .integer(65)])])],
        validate: { p in
            if let b = p.numbers("boundaries") { return !b.isEmpty && zip(b, b.dropFirst()).allSatisfy { $0 < $1 } ? nil : "boundaries must be ascending and not empty" }
            return (p.number("size") ?? 10) > 0 ? nil : "size must be positive"
        },
        make: { setup in NumberBucketGenerator(size: setup.parameters.number("size") ?? 10, boundaries: setup.parameters.numbers("boundaries"), bounds: setup.integerBounds, numberBounds: setup.numberBounds) })

    let size: Double
    let boundaries: [Double]?
    let bounds: ClosedRange<Int64>?
    let numberBounds: ClosedRange<Double>?

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value {
        try NumericValue.map(value, generator: "number.bucket", bounds: bounds, numberBounds: numberBounds) { x in
            guard let boundaries else {
                let bound = (x / size).rounded(.down) * size
                return bound.isFinite ? bound : x
            }
            return boundaries.last { $0 <= x } ?? boundaries[0]
        }
    }
}

/// Applying a function to the number in an integer, real or numeric-text value, keeping its type.
enum NumericValue {
    /// `y` as an integer inside `bounds` (a column's type's; else 64 bits').
    static func integer(_ y: Double, within bounds: ClosedRange<Int64>?) -> Int64 {
        let low = bounds?.lowerBound ?? Int64.min, high = bounds?.upperBound ?? Int64.max
        // (Double(Int64.max) is 2⁶³, past it: compared as Doubles, converted only inside.)
        if y >= Double(high) { return high }
        if y <= Double(low) { return low }
        return Int64(y)
    }

    static func map(
        _ value: Value, generator: String, bounds: ClosedRange<Int64>? = nil, numberBounds: ClosedRange<Double>? = nil, _ f: (Double) -> Double
    ) throws(GeneratorError) -> Value {
        func held(_ y: Double) -> Double {
            guard let numberBounds, !y.isNaN else { return y }
            return min(max(y, numberBounds.lowerBound), numberBounds.upperBound)
        }
        switch value {
        case .integer(let i):
            let y = f(Double(i)).rounded()
            guard !y.isNaN else { return value }
            return .integer(integer(y, within: bounds))
        case .real(let d):
            guard d.isFinite else { return value }  // ±Infinity and NaN are kept as they are
            return .real(held(f(d)))
        case .text(let text):
            guard let (x, decimals) = DecimalText.parse(text) else {
                throw GeneratorError(generator: generator, message: "the value is text that is not a number")
            }
            guard x.isFinite else { return value }
            return .text(DecimalText.format(held(f(x)), decimals: decimals))
        default:
            return value
        }
    }
}

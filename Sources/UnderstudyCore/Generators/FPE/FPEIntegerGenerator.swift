/// Encrypts an integer within its range: a 32-bit column stays 32-bit, a non-negative value
/// stays non-negative.
struct FPEIntegerGenerator: ReversibleGenerator {
    static let definition = GeneratorDefinition(
        name: "fpe.integer",
        summary: "Format-preserving encryption of an integer within its range; sign and width kept.",
        details: """
            Without `min`/`max`, the range comes from the declared type — TINYINT 8 bits, SMALLINT 16, MEDIUMINT 24, \
            INT/INTEGER 32, BIGINT 64 — and each value is mapped within its own band: [0, 2ʷ⁻¹), [2ʷ⁻¹, 2⁶³) and their \
            negative mirrors. So a value that fits the declared width keeps fitting it, non-negative stays \
            non-negative, and the whole map is still one bijection (unique-safe, reversible). With `min` and `max`, \
            values map within [min, max]; a value outside stops the run. FF1 with cycle walking on the band's bits. \
            A value that is no integer (text, a fraction: a SQLite column holds any value) stops the run, named.
            """,
        acceptedTypes: [.integer],
        parameters: [
            .init("min", .integer, "smallest value of the range (with max)"),
            .init("max", .integer, "largest value of the range (with min)"),
        ],
        isReversible: true,
        uniqueSafety: .always,
        examples: [.init(.integer(4_210_337), type: .integer), .init(.integer(42), type: .integer, parameters: ["min": .integer(1), "max": .integer(999_999)])],
        validate: { p in
            switch (p.integer("min"), p.integer("max")) {
            case (nil, nil): return nil
            case (let lo?, let hi?): return lo < hi ? nil : "min must be below max"
            default: return "give both min and max, or neither"
            }
        },
        make: { setup in
            FPEIntegerGenerator(
                cache: PermutationCache(setup: setup), width: width(of: setup.column.declaredType),
                range: setup.parameters.integer("min").map { (Int64($0), Int64(setup.parameters.integer("max")!)) })
        })

    static func width(of declared: String) -> Int {
        let t = declared.uppercased()
        if t.contains("BIGINT") || t.contains("INT8") || t.contains("LONG") { return 64 }
        if t.contains("MEDIUMINT") { return 24 }
        if t.contains("SMALLINT") || t.contains("INT2") { return 16 }
        if t.contains("TINYINT") { return 8 }
        return 32
    }

    let cache: PermutationCache
    let width: Int
    let range: (Int64, Int64)?

    /// The band holding `v`: its lower bound and size.
    func band(of v: Int64) -> (low: Int64, size: UInt64) {
        if let (lo, hi) = range { return (lo, UInt64(bitPattern: hi &- lo) &+ 1) }
        let half: Int64 = width >= 64 ? Int64.max : (1 << (width - 1))
        if width >= 64 {
            return v >= 0 ? (0, UInt64(Int64.max) + 1) : (Int64.min, UInt64(Int64.max) + 1)
        }
        if v >= 0 { return v < half ? (0, UInt64(half)) : (half, UInt64(Int64.max - half) + 1) }
        return v >= -half ? (-half, UInt64(half)) : (Int64.min, UInt64(Int64.max - half) + 1)
    }

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value { try map(value, reverse: false) }
    func reverse(_ value: Value) throws(GeneratorError) -> Value { try map(value, reverse: true) }

    /// A value that is no integer stops the run, named (a SQLite column holds any value: `abc` or
    /// 3.5 in an INTEGER column came out as they were); a whole number stored as a real, or text
    /// spelling one, is encrypted as the integer and written in its own storage; ±Infinity and NaN,
    /// no one's data, stay.
    func map(_ value: Value, reverse: Bool) throws(GeneratorError) -> Value {
        switch value {
        case .null: return value
        case .integer(let v): return .integer(try map(v, reverse: reverse))
        case .real(let r) where !r.isFinite: return value
        case .real(let r) where r.rounded() == r && abs(r) < 9.2e18: return .integer(try map(Int64(r), reverse: reverse))
        case .text(let t):
            guard let v = Int64(t) else { fallthrough }
            return .text(String(try map(v, reverse: reverse)))
        default:
            let what = "the value is not an integer (a \(value.kind)\(value.kind == "real" ? " with a fraction" : ""))"
            // Decrypting, the value is the user's, not the source's: no source to fix.
            throw GeneratorError(generator: "fpe.integer", message: reverse
                ? "\(what), so fpe.integer did not write it; give a value of the copy (a whole number of at most 19 digits)"
                : "\(what); fix it in the source, or give the column a generator that reads every value it holds")
        }
    }

    func map(_ v: Int64, reverse: Bool) throws(GeneratorError) -> Int64 {
        if let (lo, hi) = range, v < lo || v > hi {
            throw GeneratorError(generator: "fpe.integer", message: "the value is outside the range [\(lo), \(hi)] set by min and max; widen the range")
        }
        let (low, size) = band(of: v)
        let offset = UInt64(bitPattern: v &- low)
        let mapped = size == 0 ? offset : cache.permute(offset, size: size, reverse: reverse)
        return low &+ Int64(bitPattern: mapped)
    }
}

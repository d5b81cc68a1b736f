/// A card number of the same length and layout that passes the Luhn check.
struct CreditCardGenerator: ReversibleGenerator {
    static let definition = GeneratorDefinition(
        name: "credit-card",
        summary: "A Luhn-valid card number of the same length and layout, optionally keeping the 6-digit issuer prefix.",
        details: """
            The digits between the kept prefix (the issuer's 6 digits with `keep_issuer: true`, else the first digit, \
            which names the network) and the check digit are encrypted (FF1 or a keyed table), then the Luhn check \
            digit is recomputed. Spaces and dashes stay. Distinct valid numbers stay distinct (unique-safe) and the \
            key holder can recover them. Text with fewer than 12 digits stops the run.
            """,
        acceptedTypes: [.text, .integer],
        parameters: [.init("keep_issuer", .boolean, default: .boolean(true), "keep the first 6 digits (the issuer identification number)")],
        isReversible: true,
        uniqueSafety: .always,
        examples: [.init(.text("4111 1111 1111 1111")), .init(.text("5500-0000-0000-0004"), parameters: ["keep_issuer": .boolean(false)])],
        make: { setup in CreditCardGenerator(cache: PermutationCache(setup: setup), keep: setup.parameters.boolean("keep_issuer") == false ? 1 : 6) })

    let cache: PermutationCache
    let keep: Int

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value { try map(value, reverse: false) }
    func reverse(_ value: Value) throws(GeneratorError) -> Value { try map(value, reverse: true) }

    func map(_ value: Value, reverse: Bool) throws(GeneratorError) -> Value {
        switch value {
        case .text(let text):
            var bytes = Array(text.utf8)
            let positions = bytes.indices.filter { ASCII.isDigit(bytes[$0]) }
            let digits = try transform(positions.map { Int(bytes[$0] - 48) }, reverse: reverse)
            for (p, d) in zip(positions, digits) { bytes[p] = UInt8(48 + d) }
            return .text(String(decoding: bytes, as: UTF8.self))
        case .integer(let number) where number > 0:
            // A fake of 19 digits can pass Int64.max (9223372036854775807), which stopped the run:
            // the permutation is applied again until the number fits (cycle walking, so each fitting
            // number still has one fake and `reverse` walks back the same way).
            var digits = String(number).utf8.map { Int($0 - 48) }
            for _ in 0..<1_000 {
                digits = try transform(digits, reverse: reverse)
                if let fitting = Self.integer(digits) { return .integer(fitting) }
            }
            throw GeneratorError(generator: "credit-card", message: "no fake of this 19-digit number fits in a 64-bit integer column; keep card numbers in a text column")
        default:
            return value
        }
    }

    /// The digits as a 64-bit integer, nil past Int64.max.
    static func integer(_ digits: [Int]) -> Int64? {
        var value: Int64 = 0
        for d in digits {
            let (times, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times.addingReportingOverflow(Int64(d))
            if o1 || o2 { return nil }
            value = sum
        }
        return value
    }

    func transform(_ digits: [Int], reverse: Bool) throws(GeneratorError) -> [Int] {
        guard digits.count >= 12, digits.count <= 19 else {
            throw GeneratorError(generator: "credit-card", message: "the value has \(digits.count) digits; card numbers have 12 to 19")
        }
        let middle = Array(digits[keep..<(digits.count - 1)])
        let mapped = cache.permute(middle, radices: Array(repeating: 10, count: middle.count), reverse: reverse)
        let body = Array(digits[0..<keep]) + mapped
        return body + [Luhn.checkDigit(for: body)]
    }
}

/// Encrypts the digits of a text, keeping every other character in place.
struct FPEDigitsGenerator: ReversibleGenerator {
    static let definition = GeneratorDefinition(
        name: "fpe.digits",
        summary: "Format-preserving encryption of the digits: digits stay digits, everything else stays in place.",
        details: """
            `+1 (415) 555-0100` → `+7 (903) 218-4475`. A keyed bijection on the digit strings of each length \
            (FF1, NIST SP 800-38G, on 6 digits or more; a keyed permutation table below that), so distinct inputs \
            with the same layout stay distinct and the key holder can reverse it (`understudy decrypt`). Digits of \
            other scripts (Arabic-Indic `٠٣٠٤`, Devanagari, fullwidth) are digits too, written back in their script. A value of more than \(PermutationCache.longestValue.formatted()) characters to encrypt \
            stops the run, or is written NULL with `on_invalid: null` (FF1's time grows with the square of the length: it is for identifiers).
            """,
        acceptedTypes: [.text],
        isReversible: true,
        uniqueSafety: .always,
        examples: [.init(.text("+1 (415) 555-0100")), .init(.text("ORD-2024-000042"))],
        make: { setup in FPEDigitsGenerator(cache: PermutationCache(setup: setup)) })

    let cache: PermutationCache

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value { try map(value, reverse: false) }
    func reverse(_ value: Value) throws(GeneratorError) -> Value { try map(value, reverse: true) }

    func map(_ value: Value, reverse: Bool) throws(GeneratorError) -> Value {
        guard case .text(let text) = value else { return value }
        // Beyond ASCII, the digits of every script are digits (``ScalarPlaces``).
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            return .text(try ScalarPlaces.map(text, letters: false) { (digits, radices) throws(GeneratorError) in
                try cache.permuteText(digits, radices: radices, reverse: reverse, generator: "fpe.digits")
            })
        }
        var bytes = Array(text.utf8)
        let positions = bytes.indices.filter { ASCII.isDigit(bytes[$0]) }
        guard !positions.isEmpty else { return value }
        let digits = positions.map { Int(bytes[$0] - 48) }
        let mapped = try cache.permuteText(digits, radices: Array(repeating: 10, count: digits.count), reverse: reverse, generator: "fpe.digits")
        for (p, d) in zip(positions, mapped) { bytes[p] = UInt8(48 + d) }
        return .text(String(decoding: bytes, as: UTF8.self))
    }

}

/// Encrypts letters and digits, each keeping its class (upper, lower, digit) and position.
struct FPEAlphanumericGenerator: ReversibleGenerator {
    static let definition = GeneratorDefinition(
        name: "fpe.alphanumeric",
        summary: "Format-preserving encryption where each character keeps its class: upper-case, lower-case, digit; punctuation stays.",
        details: """
            `AB-1234-xy` → `QK-8051-mf`. The letters and digits form one mixed-radix number (26 per letter, 10 per \
            digit) that a keyed bijection maps within the same shape (FF1 with cycle walking, or a keyed table for \
            small shapes). Unique-safe and reversible. Digits of other scripts (Arabic-Indic, Devanagari, fullwidth) \
            are digits, written back in their script; other characters beyond ASCII stay as they are. A value of more than \(PermutationCache.longestValue.formatted()) characters to encrypt \
            stops the run, or is written NULL with `on_invalid: null` (FF1's time grows with the square of the length: it is for identifiers).
            """,
        acceptedTypes: [.text],
        isReversible: true,
        uniqueSafety: .always,
        examples: [.init(.text("AB-1234-xy")), .init(.text("Order7Q2K9"))],
        make: { setup in FPEAlphanumericGenerator(cache: PermutationCache(setup: setup)) })

    let cache: PermutationCache

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value { try map(value, reverse: false) }
    func reverse(_ value: Value) throws(GeneratorError) -> Value { try map(value, reverse: true) }

    func map(_ value: Value, reverse: Bool) throws(GeneratorError) -> Value {
        guard case .text(let text) = value else { return value }
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            return .text(try ScalarPlaces.map(text, letters: true) { (digits, radices) throws(GeneratorError) in
                try cache.permuteText(digits, radices: radices, reverse: reverse, generator: "fpe.alphanumeric")
            })
        }
        var bytes = Array(text.utf8)
        var positions: [Int] = [], classes: [CharacterClass] = []
        for (i, b) in bytes.enumerated() {
            if let c = CharacterClass(b) {
                positions.append(i)
                classes.append(c)
            }
        }
        guard !positions.isEmpty else { return value }
        let digits = zip(positions, classes).map { Int(bytes[$0] - $1.base) }
        let mapped = try cache.permuteText(digits, radices: classes.map(\.radix), reverse: reverse, generator: "fpe.alphanumeric")
        for (i, p) in positions.enumerated() { bytes[p] = classes[i].base + UInt8(mapped[i]) }
        return .text(String(decoding: bytes, as: UTF8.self))
    }
}

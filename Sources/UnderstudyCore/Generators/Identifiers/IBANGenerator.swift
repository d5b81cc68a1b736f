/// An IBAN of the same country and layout with valid mod-97 check digits.
struct IBANGenerator: ReversibleGenerator {
    static let definition = GeneratorDefinition(
        name: "iban",
        summary: "An IBAN of the same country, length and layout with valid check digits (ISO 13616 mod 97).",
        details: """
            The country code stays; the account part (BBAN) keeps its letters as letters and digits as digits, which \
            keeps every national format valid, and is encrypted as one mixed-radix number (FF1 with cycle walking); \
            then the two check digits are recomputed. Unique-safe and reversible. Spaces stay. Text that does not \
            start with two letters and two digits stops the run.
            """,
        acceptedTypes: [.text],
        isReversible: true,
        uniqueSafety: .always,
        examples: [.init(.text("DE89 3704 0044 0532 0130 00")), .init(.text("GB29NWBK60161331926819"))],
        make: { setup in IBANGenerator(cache: PermutationCache(setup: setup)) })

    let cache: PermutationCache

    /// ISO 13616 check digits for a country code and BBAN (upper-case letters and digits).
    static func checkDigits(country: [UInt8], bban: [UInt8]) -> Int {
        var remainder = 0
        for c in bban + country + [48, 48] {
            let v = ASCII.isDigit(c) ? Int(c - 48) : Int(c - 55)
            remainder = v >= 10 ? (remainder * 100 + v) % 97 : (remainder * 10 + v) % 97
        }
        return 98 - remainder
    }

    static func isValid(_ text: String) -> Bool {
        let chars = Array(text.utf8.filter { $0 != 32 })
        guard chars.count >= 5, chars.count <= 34 else { return false }
        let country = Array(chars[0..<2]), bban = Array(chars[4...])
        guard country.allSatisfy(ASCII.isUpper), chars[2...3].allSatisfy(ASCII.isDigit), bban.allSatisfy({ ASCII.isDigit($0) || ASCII.isUpper($0) }) else { return false }
        return Int(chars[2] - 48) * 10 + Int(chars[3] - 48) == checkDigits(country: country, bban: bban)
    }

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value { try map(value, reverse: false) }
    func reverse(_ value: Value) throws(GeneratorError) -> Value { try map(value, reverse: true) }

    func map(_ value: Value, reverse: Bool) throws(GeneratorError) -> Value {
        guard case .text(let text) = value else { return value }
        var bytes = Array(text.utf8)
        let positions = bytes.indices.filter { bytes[$0] != 32 }
        guard positions.count >= 5, ASCII.isUpper(bytes[positions[0]] & ~0x20), ASCII.isUpper(bytes[positions[1]] & ~0x20),
              ASCII.isDigit(bytes[positions[2]]), ASCII.isDigit(bytes[positions[3]]) else {
            throw GeneratorError(generator: "iban", message: "the value is not an IBAN (two letters, two check digits, then the account part)")
        }
        let bbanPositions = Array(positions[4...])
        var classes: [CharacterClass] = []
        for p in bbanPositions {
            bytes[p] = ASCII.isLower(bytes[p]) ? bytes[p] - 32 : bytes[p]
            guard let c = CharacterClass(bytes[p]) else {
                throw GeneratorError(generator: "iban", message: "the account part of the IBAN holds a character that is neither a letter nor a digit")
            }
            classes.append(c)
        }
        let digits = zip(bbanPositions, classes).map { Int(bytes[$0] - $1.base) }
        let mapped = cache.permute(digits, radices: classes.map(\.radix), reverse: reverse)
        for (i, p) in bbanPositions.enumerated() { bytes[p] = classes[i].base + UInt8(mapped[i]) }
        let country = [bytes[positions[0]] & ~0x20, bytes[positions[1]] & ~0x20]
        let check = Self.checkDigits(country: country, bban: bbanPositions.map { bytes[$0] })
        bytes[positions[2]] = UInt8(48 + check / 10)
        bytes[positions[3]] = UInt8(48 + check % 10)
        return .text(String(decoding: bytes, as: UTF8.self))
    }
}

/// A valid US Social Security number.
struct SSNGenerator: ReversibleGenerator {
    static let definition = GeneratorDefinition(
        name: "ssn",
        summary: "A valid US Social Security number (area not 000, 666 or 9xx; group not 00; serial not 0000), same layout.",
        details: """
            Valid SSNs are numbered 0…888,931,098 (898 areas × 99 groups × 9,999 serials) and that index is \
            encrypted with FF1 and cycle walking, so valid inputs map one-to-one onto valid outputs (unique-safe, \
            reversible). An input that is not a valid SSN (an ITIN, 000-…) still gets a valid SSN, chosen by a keyed \
            hash; those are not reversible. Keeps dashes or spaces; integer columns stay integers.
            """,
        acceptedTypes: [.text, .integer],
        isReversible: true,
        uniqueSafety: .always,
        examples: [.init(.text("123-45-6789")), .init(.text("078051120"))],
        make: { setup in SSNGenerator(cache: PermutationCache(setup: setup), setup: setup) })

    static let size: UInt64 = 898 * 99 * 9_999

    let cache: PermutationCache
    let setup: GeneratorSetup

    static func index(_ area: Int, _ group: Int, _ serial: Int) -> UInt64? {
        guard (1...899).contains(area), area != 666, (1...99).contains(group), (1...9_999).contains(serial) else { return nil }
        let a = area < 666 ? area - 1 : area - 2
        return (UInt64(a) * 99 + UInt64(group - 1)) * 9_999 + UInt64(serial - 1)
    }

    static func ssn(_ index: UInt64) -> [Int] {
        let serial = Int(index % 9_999) + 1
        let group = Int(index / 9_999 % 99) + 1
        let a = Int(index / 9_999 / 99)
        let area = a < 665 ? a + 1 : a + 2
        return [area / 100, area / 10 % 10, area % 10, group / 10, group % 10] + [serial / 1000, serial / 100 % 10, serial / 10 % 10, serial % 10]
    }

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value { try map(value, row: row, reverse: false) }
    func reverse(_ value: Value) throws(GeneratorError) -> Value { try map(value, row: RowPosition(ordinal: 0), reverse: true) }

    func map(_ value: Value, row: RowPosition, reverse: Bool) throws(GeneratorError) -> Value {
        func convert(_ d: [Int]) throws(GeneratorError) -> [Int] {
            guard d.count == 9 else { throw GeneratorError(generator: "ssn", message: "the value has \(d.count) digits; an SSN has 9") }
            let area = d[0] * 100 + d[1] * 10 + d[2], group = d[3] * 10 + d[4], serial = d[5] * 1000 + d[6] * 100 + d[7] * 10 + d[8]
            if let index = Self.index(area, group, serial) {
                return Self.ssn(cache.permute(index, size: Self.size, reverse: reverse))
            }
            if reverse { throw GeneratorError(generator: "ssn", message: "the value is not a valid SSN, so no input maps to it") }
            var random = setup.stream(for: value, row: row)
            return Self.ssn(UInt64(random.below(Int(Self.size))))
        }
        switch value {
        case .text(let text):
            var bytes = Array(text.utf8)
            let positions = bytes.indices.filter { ASCII.isDigit(bytes[$0]) }
            let digits = try convert(positions.map { Int(bytes[$0] - 48) })
            for (p, d) in zip(positions, digits) { bytes[p] = UInt8(48 + d) }
            return .text(String(decoding: bytes, as: UTF8.self))
        case .integer(let number) where number >= 0 && number < 1_000_000_000:
            let digits = try convert((0..<9).map { Int(number / Int64(pow10($0)) % 10) }.reversed())
            return .integer(digits.reduce(Int64(0)) { $0 * 10 + Int64($1) })
        default:
            return value
        }
    }

    private func pow10(_ e: Int) -> Int { (0..<e).reduce(1) { acc, _ in acc * 10 } }
}

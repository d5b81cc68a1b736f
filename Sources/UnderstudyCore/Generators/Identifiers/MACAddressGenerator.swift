/// A MAC address with the same separators and case, optionally keeping the vendor prefix.
struct MACAddressGenerator: ReversibleGenerator {
    static let definition = GeneratorDefinition(
        name: "mac-address",
        summary: "A MAC address with the same separators and letter case; `keep_vendor` keeps the first 3 bytes (OUI).",
        details: "The hex digits after the kept prefix are encrypted (FF1), so addresses stay distinct (unique-safe) and reversible. Letters come out in the input's case (upper case when the input has only digits). EUI-64 addresses (16 hex digits, PostgreSQL's `macaddr8`) keep their length. Text without 12 or 16 hex digits stops the run.",
        acceptedTypes: [.text],
        parameters: [.init("keep_vendor", .boolean, default: .boolean(false), "keep the manufacturer's prefix (first 6 hex digits)")],
        isReversible: true,
        uniqueSafety: .always,
        examples: [.init(.text("00:1A:2B:3C:4D:5E")), .init(.text("a4-83-e7-12-34-56"), parameters: ["keep_vendor": .boolean(true)])],
        make: { setup in MACAddressGenerator(cache: PermutationCache(setup: setup), keep: setup.parameters.boolean("keep_vendor") == true ? 6 : 0) })

    let cache: PermutationCache
    let keep: Int

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value { try map(value, reverse: false) }
    func reverse(_ value: Value) throws(GeneratorError) -> Value { try map(value, reverse: true) }

    func map(_ value: Value, reverse: Bool) throws(GeneratorError) -> Value {
        guard case .text(let text) = value else { return value }
        var bytes = Array(text.utf8)
        let positions = bytes.indices.filter { Hex.value(bytes[$0]) != nil }
        guard positions.count == 12 || positions.count == 16 else {
            throw GeneratorError(generator: "mac-address", message: "the value is not a MAC address (12 hex digits, or 16 for EUI-64)")
        }
        // Lower case only when the input writes its letters so; a digit-only address reads as upper case.
        let upper = !bytes.contains { $0 >= 97 && $0 <= 102 }
        let free = Array(positions[keep...])
        let mapped = cache.permute(free.map { Int(Hex.value(bytes[$0])!) }, radices: Array(repeating: 16, count: free.count), reverse: reverse)
        for (p, n) in zip(free, mapped) { bytes[p] = n < 10 ? UInt8(48 + n) : UInt8((upper ? 55 : 87) + n) }
        return .text(String(decoding: bytes, as: UTF8.self))
    }
}

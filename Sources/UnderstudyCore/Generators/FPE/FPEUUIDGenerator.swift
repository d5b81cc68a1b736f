/// Encrypts a UUID into another valid UUID of the same version and variant.
struct FPEUUIDGenerator: ReversibleGenerator {
    static let definition = GeneratorDefinition(
        name: "fpe.uuid",
        summary: "Format-preserving encryption of a UUID: still a UUID of the same version and variant, same case and hyphens.",
        details: "The 122 free bits (all but the version nibble and the RFC 4122 variant bits) are encrypted with FF1. Unique-safe and reversible. Text that is not 32 hex digits (with or without hyphens) stops the run.",
        acceptedTypes: [.uuid, .text],
        isReversible: true,
        uniqueSafety: .always,
        examples: [.init(.text("6f1c2a9e-1b2c-4d3e-8f90-0a1b2c3d4e5f"), type: .uuid)],
        make: { setup in FPEUUIDGenerator(cache: PermutationCache(setup: setup)) })

    let cache: PermutationCache

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value { try map(value, reverse: false) }
    func reverse(_ value: Value) throws(GeneratorError) -> Value { try map(value, reverse: true) }

    func map(_ value: Value, reverse: Bool) throws(GeneratorError) -> Value {
        guard case .text(let text) = value else { return value }
        var bytes = Array(text.utf8)
        let positions = bytes.indices.filter { Hex.value(bytes[$0]) != nil }
        guard positions.count == 32, bytes.count == 32 || bytes.count == 36 else {
            throw GeneratorError(generator: "fpe.uuid", message: "the value is not a UUID (32 hex digits, with or without hyphens)")
        }
        var digits: [Int] = [], radices: [Int] = [], slots: [Int] = []
        for (k, p) in positions.enumerated() {
            let nibble = Int(Hex.value(bytes[p])!)
            if k == 12 { continue }  // version
            if k == 16, nibble & 0b1100 == 0b1000 {  // RFC 4122 variant: keep the two high bits
                digits.append(nibble & 0b11); radices.append(4); slots.append(k)
                continue
            }
            digits.append(nibble); radices.append(16); slots.append(k)
        }
        let mapped = cache.permute(digits, radices: radices, reverse: reverse)
        let upper = bytes.contains { $0 >= 65 && $0 <= 70 }
        for (i, k) in slots.enumerated() {
            let p = positions[k]
            let nibble = radices[i] == 4 ? 0b1000 | mapped[i] : mapped[i]
            bytes[p] = nibble < 10 ? UInt8(48 + nibble) : UInt8((upper ? 55 : 87) + nibble)
        }
        return .text(String(decoding: bytes, as: UTF8.self))
    }
}

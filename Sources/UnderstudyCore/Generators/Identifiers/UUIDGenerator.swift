/// A random-looking version 4 UUID keyed by the input.
struct UUIDGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "uuid",
        summary: "A version 4 UUID drawn from a keyed hash of the input (consistent), in the input's case and layout.",
        details: "122 keyed bits: two inputs collide with probability below n²/2¹²³, so it counts as unique-safe like random UUIDs. Not reversible (use fpe.uuid for that).",
        acceptedTypes: [.uuid, .text],
        uniqueSafety: .always,
        examples: [.init(.text("6f1c2a9e-1b2c-4d3e-8f90-0a1b2c3d4e5f"), type: .uuid)],
        make: { setup in UUIDGenerator(setup: setup) })

    static let lowerHex = Array("0123456789abcdef".utf8)
    static let upperHex = Array("0123456789ABCDEF".utf8)

    let setup: GeneratorSetup

    func generate(_ value: Value, row: RowPosition) -> Value {
        guard case .text(let text) = value else { return value }
        var random = setup.stream(for: value, row: row)
        var bytes = (0..<2).flatMap { _ in withUnsafeBytes(of: random.next()) { Array($0) } }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let digits = text.utf8.contains { $0 >= 65 && $0 <= 70 } ? Self.upperHex : Self.lowerHex
        let hyphens = text.utf8.contains(UInt8(ascii: "-"))
        var out: [UInt8] = []
        out.reserveCapacity(36)
        for (i, byte) in bytes.enumerated() {
            if hyphens, i == 4 || i == 6 || i == 8 || i == 10 { out.append(UInt8(ascii: "-")) }
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return .text(String(decoding: out, as: UTF8.self))
    }
}

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

    let setup: GeneratorSetup

    func generate(_ value: Value, row: RowPosition) -> Value {
        guard case .text(let text) = value else { return value }
        var random = setup.stream(for: value, row: row)
        var bytes = (0..<2).flatMap { _ in withUnsafeBytes(of: random.next()) { Array($0) } }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let hex = Array(bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined())
        let upper = text.utf8.contains { $0 >= 65 && $0 <= 70 }
        let hyphens = text.contains("-")
        var out = ""
        for (i, c) in hex.enumerated() {
            if hyphens, [8, 12, 16, 20].contains(i) { out.append("-") }
            out.append(upper ? Character(c.uppercased()) : c)
        }
        return .text(out)
    }
}

/// A plausible user name from the name dictionaries.
struct UsernameGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "username",
        summary: "A user name built from the name dictionaries (`jdoe`, `jane.doe`, `janedoe42`).",
        details: "Lower case. On a unique column (or with `unique: true`) a 64-bit keyed tag keeps distinct inputs distinct (`jdoe_k3j9x0qlm2z8a`), as for `email`.",
        acceptedTypes: [.text],
        parameters: [.init("unique", .boolean, default: .boolean(false), "add a keyed tag that keeps distinct inputs distinct (automatic on unique columns)")],
        uniqueSafety: .always,
        examples: [.init(.text("alice_w"))],
        make: { setup in UsernameGenerator(setup: setup, tagged: setup.mustBeUnique || setup.parameters.boolean("unique") == true) })

    let setup: GeneratorSetup
    let tagged: Bool

    func generate(_ value: Value, row: RowPosition) -> Value {
        guard case .text = value else { return value }
        var random = setup.stream(for: value, row: row)
        let first = random.pick(Dictionaries.shared.firstNamesLowercased), last = random.pick(Dictionaries.shared.lastNamesLowercased)
        var name: String
        switch random.below(4) {
        case 0: name = "\(first.prefix(1))\(last)"
        case 1: name = "\(first).\(last)"
        case 2: name = "\(first)\(last)\(random.below(100))"
        default: name = "\(first)_\(last.prefix(1))"
        }
        if tagged {
            var tag = random.next()
            name += "_"
            for _ in 0..<13 {
                name.append(EmailGenerator.base32[Int(tag & 31)])
                tag >>= 5
            }
        }
        return .text(name)
    }
}

/// A plausible user name from the name dictionaries.
struct UsernameGenerator: RowAwareGenerator {
    static let definition = GeneratorDefinition(
        name: "username",
        summary: "A user name built from the name dictionaries (`jdoe`, `jane.doe`, `janedoe42`).",
        details: "Lower case. On a unique column (or with `unique: true`) a 64-bit keyed tag keeps distinct inputs distinct (`jdoe_k3j9x0qlm2z8a`), as for `email`; with `unique_by: id` names are collision-free by construction (`jane.doe48213`), as for `email`.",
        acceptedTypes: [.text],
        parameters: [
            .init("unique", .boolean, default: .boolean(false), "add a keyed tag that keeps distinct inputs distinct (automatic on unique columns)"),
            .init("unique_by", .uniqueIntegerColumn, "a unique integer column of the row (the primary key): collision-free names by FPE over the name space"),
        ],
        uniqueSafety: .always,
        examples: [.init(.text("alice_w"))],
        make: { setup in
            let uniqueBy = setup.parameters.string("unique_by")
            return UsernameGenerator(setup: setup, tagged: uniqueBy == nil && (setup.mustBeUnique || setup.parameters.boolean("unique") == true),
                                     names: uniqueBy.map { NameSpace(column: $0, setup: setup) })
        })

    let setup: GeneratorSetup
    let tagged: Bool
    let names: NameSpace?

    var readsColumns: [String] { names.map { [$0.column] } ?? [] }

    func generate(_ value: Value, row: RowPosition, values: RowValues) throws(GeneratorError) -> Value {
        guard case .text = value else { return value }
        if let names {
            let (first, last, number) = try names.name(for: values[names.column], generator: "username")
            return .text("\(first).\(last)\(number)")
        }
        var random = setup.stream(for: value, row: row)
        let first = random.pick(Dictionaries.shared.firstNamesLowercased), last = random.pick(Dictionaries.shared.lastNamesLowercased)
        var name: String
        switch random.below(4) {
        case 0: name = "\(first.prefix(1))\(last)"
        case 1: name = "\(first).\(last)"
        case 2: name = "\(first)\(last)\(random.below(100))"
        default: name = "\(first)_\(last.prefix(1))"
        }
        if tagged { name += "_" + random.tag() }
        return .text(name)
    }
}

import Foundation
/// A plausible email address on a reserved example domain.
struct EmailGenerator: RowAwareGenerator {
    static let definition = GeneratorDefinition(
        name: "email",
        summary: "A realistic email address (first.last@example.com) in place of the value.",
        details: """
            The local part is built from the name dictionaries, none of the real address's words in it \
            (`grace.hopper@…` never becomes `wayne.hopper@…`); the domain defaults to `example.com`, reserved by \
            RFC 2606, so a copied database can never mail a real person. On a unique column — or any column sharing its \
            domain with one, so equal inputs still give equal outputs — or with `unique: true`, the local part carries a 64-bit keyed tag (`+k3j9x0qlm2z8a`), so distinct inputs give distinct outputs \
            except with probability below n²/2⁶⁵. With `unique_by: id` (a unique integer column of the row, \
            usually the primary key) the address is chosen by format-preserving encryption of that id over the \
            space of first name × surname × number, which makes distinct rows' addresses distinct with certainty \
            and without a tag (`jane.doe48213@example.com`). An address is the same address in any case and with \
            spaces around it: `Ana.Lima@Corp.COM` gets the fake of `ana.lima@corp.com`, so a join on `lower(email)` \
            holds in the copy (on a unique column the two keep distinct tags).
            """,
        acceptedTypes: [.text],
        parameters: [
            .init("domain_name", .string, default: .string("example.com"), "the domain written after @"),
            .init("unique", .boolean, default: .boolean(false), "add a keyed tag that keeps distinct inputs distinct (automatic on unique columns)"),
            .init("unique_by", .uniqueIntegerColumn, "a unique integer column of the row (the primary key): collision-free addresses by FPE over the name space"),
        ],
        uniqueSafety: .always,
        examples: [.init(.text("maria.silva@corp.example.org"))],
        make: { setup in
            let uniqueBy = setup.parameters.string("unique_by")
            return EmailGenerator(setup: setup, domain: setup.parameters.string("domain_name") ?? "example.com",
                                  tagged: uniqueBy == nil && (setup.mustBeUnique || setup.parameters.boolean("unique") == true),
                                  names: uniqueBy.map { NameSpace(column: $0, setup: setup) })
        })

    let setup: GeneratorSetup
    let domain: String
    let tagged: Bool
    let names: NameSpace?

    var readsColumns: [String] { names.map { [$0.column] } ?? [] }

    /// The address in lower case without spaces around it, or nil when it is so already (or no text).
    static func normalized(_ value: Value) -> Value? {
        guard case .text(let text) = value else { return nil }
        // (Most addresses: ASCII, lower case, nothing around them — told by their bytes, no copy made.)
        let bytes = text.utf8
        if let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20, first > 0x0D, last > 0x0D,
           !bytes.contains(where: { ASCII.isUpper($0) || $0 >= 0x80 }) { return nil }
        let normal = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        return normal == text ? nil : .text(normal)
    }

    func generate(_ value: Value, row: RowPosition, values: RowValues) throws(GeneratorError) -> Value {
        guard !value.isNull else { return .null }
        if let names {
            let (first, last, number) = try names.name(for: values[names.column], generator: "email")
            return .text("\(first).\(last)\(number)@\(domain)")
        }
        // An address is the same address in any case and with spaces around it ("Ana.Lima@Corp.COM"
        // where another table keeps it lower-cased): its name comes from the lower-cased form, so a
        // join on lower(email) finds the same rows in the copy. (An address already in that form
        // keeps the output it had.)
        let normal = Self.normalized(value)
        var random = setup.stream(for: normal ?? value, row: row)
        let words = Dictionaries.shared
        // No word of the real address's name in the fake (`grace.hopper@…` → `wayne.hopper@…`).
        let real: [String] = {
            guard case .text(let text) = value else { return [] }
            let name = text.split(separator: "@").first.map { $0.lowercased() } ?? ""
            return name.split(whereSeparator: { !$0.isLetter }).map(String.init)
        }()
        let first = random.pick(words.firstNamesLowercased, avoidingAny: real)
        let last = random.pick(words.lastNamesLowercased, avoidingAny: real)
        var local: String
        switch random.below(4) {
        case 0: local = "\(first).\(last)"
        case 1: local = "\(first.prefix(1))\(last)"
        case 2: local = "\(first)_\(last)"
        default: local = "\(first).\(last)\(random.below(100))"
        }
        // On a unique column both forms may be there: the tag follows the value as written.
        var tag = ""
        if tagged {
            var written = normal == nil ? random : setup.stream(for: value, row: row)
            tag = "+" + written.tag()
        }
        // A column too short for the address (`varchar(16)`) gets a shorter name part, not an
        // address cut after its `@` (`crysta_aldridge@`), which no mail check accepts.
        if let limit = setup.maximumLength {
            let room = limit - tag.count - 1 - domain.count
            if room >= 1, local.count > room {
                local = String(local.prefix(room))
                while local.count > 1, let last = local.last, ".-_".contains(last) { local.removeLast() }
            }
        }
        return .text("\(local)\(tag)@\(domain)")
    }
}

import Foundation

/// Finds contact details and identifiers inside free text and replaces each one.
struct TextRedactGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "text.redact",
        summary: "Finds emails, phone numbers, card numbers, SSNs, IP addresses, URLs and person names inside free text and replaces each with a consistent fake of the same kind, or a tag like `[EMAIL]`.",
        details: """
            The rest of the text is untouched. `mode: fake` (default) writes a fake of the same kind (`email`, \\
            `phone`, `credit-card`, `ssn`, `ip-address`, `url`); the same email always gets the same fake. With \\
            `shared_domains: true` each kind uses the domain named after it (`email`, `phone`, …), so an address \\
            in a ticket maps like a column `{ generator: email, domain: email }`. `mode: tag` writes `[EMAIL]`, \\
            `[PHONE]`, `[CARD]`, `[SSN]`, `[IP]`, `[URL]`. Card numbers must pass Luhn and SSNs the SSA's rules \\
            to count. Names in free text are not detected: combine with `text.scramble` where they matter.
            """,
        acceptedTypes: [.text, .json],
        parameters: [
            .init("mode", .choice(["fake", "tag"]), default: .string("fake"), "replace with a fake of the same kind, or with a tag"),
            .init("shared_domains", .boolean, default: .boolean(false), "use the kind's name as consistency domain (match columns elsewhere)"),
        ],
        examples: [
            .init(.text("Call Ana at +1 415 555 0134 or ana.lima@gmail.com, card 4111 1111 1111 1111")),
            .init(.text("Call Ana at +1 415 555 0134 or ana.lima@gmail.com"), parameters: ["mode": .string("tag")]),
        ],
        make: { setup throws(GeneratorError) in
            let tag = setup.parameters.string("mode") == "tag"
            var fakes: [FreeTextDetector.Kind: any Generator] = [:]
            if !tag {
                let shared = setup.parameters.boolean("shared_domains") == true
                let names: [FreeTextDetector.Kind: (String, [String: ParameterValue])] = [
                    .email: ("email", [:]), .phone: ("phone", [:]), .card: ("credit-card", ["keep_issuer": .boolean(false)]),
                    .ssn: ("ssn", [:]), .ip: ("ip-address", [:]), .url: ("url", [:]), .name: ("person.full-name", [:]),
                ]
                for (kind, (name, parameters)) in names {
                    var spec = GeneratorSpec(name: name, parameters: GeneratorParameters(parameters), domain: shared ? kind.rawValue : nil, consistent: nil)
                    let definition = GeneratorRegistry.standard.definition(named: name)!
                    spec.parameters = (try? definition.resolve(parameters, at: name, in: nil)) ?? spec.parameters
                    fakes[kind] = try spec.make(in: setup, part: kind.rawValue)
                }
            }
            return TextRedactGenerator(fakes: fakes)
        })

    let fakes: [FreeTextDetector.Kind: any Generator]
    static let detector = FreeTextDetector()

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value {
        guard case .text(let text) = value else { return value }
        let spans = Self.detector.spans(in: text)
        guard !spans.isEmpty else { return value }
        let ns = text as NSString
        var out = ""
        var cursor = 0
        for span in spans {
            out += ns.substring(with: NSRange(location: cursor, length: span.range.location - cursor))
            let original = ns.substring(with: span.range)
            if span.kind == .name, let fake = fakes[.name], !original.contains(" ") {
                // A first name alone gets a first name alone.
                let full = (try? fake.generate(.text(original), row: row))?.displayText ?? span.kind.tag
                out += String(full.split(separator: " ").first ?? Substring(span.kind.tag))
            } else if let fake = fakes[span.kind] {
                out += (try? fake.generate(.text(original), row: row))?.displayText ?? span.kind.tag
            } else {
                out += span.kind.tag
            }
            cursor = span.range.location + span.range.length
        }
        out += ns.substring(from: cursor)
        return .text(out)
    }
}

import Foundation

/// Finds personal data inside free text (``EntityRecognizer``) and replaces each entity.
struct TextRedactGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "text.redact",
        summary: "Finds people, addresses, places, organisations, dates, phone numbers, emails, card numbers, IBANs, SSNs, IP addresses, URLs, licence and passport numbers inside free text and replaces each with a consistent fake of the same kind, a tag like `[PERSON]`, or `*`s.",
        details: """
            The rest of the text is untouched. `mode: fake` (default) writes a fake of the same kind — a name for a \
            name (a first name alone for a first name alone), a street address, a city, a company, an email, a phone \
            number, a Luhn-valid card, a mod-97 IBAN, a valid SSN, an IP address, a URL, licence and passport numbers \
            by format-preserving encryption; dates and a workspace's own kinds get their tag. The same entity always \
            gets the same fake; with `shared_domains: true` each kind uses the domain named after it (`person`, \
            `email`, …), so a name in a ticket maps like a column `{ generator: person.full-name, domain: person }`. \
            `mode: tag` writes `[PERSON]`, `[EMAIL_ADDRESS]`, …; `mode: mask` a `*` per character. `entities:` limits \
            the kinds (Presidio's names: PERSON, STREET_ADDRESS, LOCATION, ORGANIZATION, DATE_TIME, PHONE_NUMBER, \
            EMAIL_ADDRESS, CREDIT_CARD, IBAN_CODE, US_SSN, IP_ADDRESS, URL, US_DRIVER_LICENSE, US_PASSPORT); \
            `min_confidence:` drops weaker findings (0.5 by default: a first name alone without a cue scores 0.5). \
            Names come from census first and last name lists with titles, initials, context words and any \
            capitalisation; card numbers must pass Luhn, IBANs mod 97 and SSNs the SSA's rules to count. \
            `recognizers:` adds patterns of your own: `[{ name: employee-id, pattern: 'EMP-\\d{6}', context: [employee], \
            checksum: luhn }]`. Inside JSON, use it on string leaves with `json.paths`; on arrays of text with `array`. \
            It misses names that neither census list holds unless a title or an introducing word ("customer", "dear", \
            "with") comes before them, places that GeoNames lacks unless shaped like one ("Port …", "…ville"), and \
            street addresses in other than the US format; `scripts/eval-text` measures it against Presidio.
            """,
        acceptedTypes: [.text, .json],
        parameters: [
            .init("mode", .choice(["fake", "tag", "mask"]), default: .string("fake"), "replace with a fake of the same kind, a tag, or asterisks"),
            .init("entities", .stringList, "the kinds to replace (default: all)"),
            .init("min_confidence", .number, default: .number(0.5), "drop findings scored below this (0…1)"),
            .init("shared_domains", .boolean, default: .boolean(false), "use the kind's name as consistency domain (match columns elsewhere)"),
            .init("recognizers", .recognizerList, "patterns of your own: name, pattern, context words, checksum (luhn, mod97), score"),
        ],
        examples: [
            .init(.text("Call Dr. Ana Lima at +1 415 555 0134 or ana.lima@gmail.com, card 4111 1111 1111 1111")),
            .init(.text("Ana Lima lives at 12 Oak Street, Springfield, IL 62701"), parameters: ["mode": .string("tag")]),
        ],
        validate: { p in
            for name in p.strings("entities") ?? [] where EntityKind(name: name) == nil {
                return "entities: unknown kind \"\(name)\"\(Suggestion.hint(for: name, in: EntityKind.allCases.map(\.rawValue))); kinds: \(EntityKind.allCases.filter { $0 != .custom }.map(\.rawValue).joined(separator: ", "))"
            }
            if let minimum = p.number("min_confidence"), !(0...1).contains(minimum) { return "min_confidence must be between 0 and 1" }
            return nil
        },
        make: { setup throws(GeneratorError) in
            let mode = setup.parameters.string("mode").flatMap(Mode.init(rawValue:)) ?? .fake
            var fakes: [EntityKind: any Generator] = [:]
            if mode == .fake {
                let shared = setup.parameters.boolean("shared_domains") == true
                let names: [EntityKind: (String, [String: ParameterValue])] = [
                    .email: ("email", [:]), .phoneNumber: ("phone", [:]), .creditCard: ("credit-card", ["keep_issuer": .boolean(false)]),
                    .ssn: ("ssn", [:]), .ipAddress: ("ip-address", [:]), .url: ("url", [:]), .person: ("person.full-name", [:]),
                    .streetAddress: ("address.street", [:]), .location: ("address.city", [:]), .organization: ("company-name", [:]),
                    .iban: ("iban", [:]), .driverLicense: ("fpe.alphanumeric", [:]), .passport: ("fpe.alphanumeric", [:]),
                ]
                for (kind, (name, parameters)) in names {
                    let domain = shared ? (kind == .person ? "person" : kind.rawValue.lowercased()) : nil
                    var spec = GeneratorSpec(name: name, parameters: GeneratorParameters(parameters), domain: domain, consistent: nil)
                    let definition = GeneratorRegistry.standard.definition(named: name)!
                    spec.parameters = (try? definition.resolve(parameters, at: name, in: nil)) ?? spec.parameters
                    fakes[kind] = try spec.make(in: setup, part: kind.rawValue)
                }
            }
            let kinds = setup.parameters.strings("entities").map { Set($0.compactMap(EntityKind.init(name:))) } ?? Set(EntityKind.allCases)
            let custom = (setup.parameters.values["recognizers"].flatMap { value -> [CustomRecognizer]? in
                guard case .list(let items) = value else { return nil }
                return items.compactMap { try? CustomRecognizer.parse($0).get() }
            }) ?? []
            let recognizer = EntityRecognizer(kinds: kinds, minimumScore: setup.parameters.number("min_confidence") ?? 0.5, custom: custom)
            return TextRedactGenerator(recognizer: recognizer, mode: mode, fakes: fakes)
        })

    /// The `mode` parameter's values.
    enum Mode: String { case fake, tag, mask }

    let recognizer: EntityRecognizer
    let mode: Mode
    let fakes: [EntityKind: any Generator]

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value {
        guard case .text(let text) = value else { return value }
        let spans = recognizer.spans(in: text)
        guard !spans.isEmpty else { return value }
        return .text(Redaction.apply(spans, to: text) { span, original in replacement(for: span, original, row: row) })
    }

    func replacement(for span: EntitySpan, _ original: String, row: RowPosition) -> String {
        switch mode {
        case .tag: return Redaction.tag(for: span)
        case .mask: return Redaction.mask(original)
        case .fake:
            // Kinds without a fake (dates, custom recognizers) get their tag.
            guard let fake = fakes[span.kind], let generated = try? fake.generate(.text(original), row: row), !generated.isNull else {
                return Redaction.tag(for: span)
            }
            let text = generated.displayText
            // A first name alone gets a first name alone.
            if span.kind == .person, !original.contains(" ") { return String(text.split(separator: " ").first ?? Substring(text)) }
            return text
        }
    }
}

/// A street address: number, street name and suffix.
struct StreetAddressGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "address.street",
        summary: "A street address (`4821 Maple Avenue`) in place of the value.",
        details: "House numbers 1–9999, 1,453 street names, 15 suffixes; keeps the input's letter case (`12 OAK STREET` and `12 Oak Street` get one fake, each in its case). An address written in Cyrillic, Chinese, Japanese, Korean, Arabic or Hebrew gets one in its script and shape (`г. Москва, ул. Ленина, д. 5, кв. 12` → `г. Казань, ул. Садовая, д. 41, кв. 7`; `北京市朝阳区建国路88号` → `上海市浦东新区人民路12号`; `東京都新宿区西新宿2-8-1` → `大阪府大阪市北区梅田3-12-4`). Never returns the input.",
        acceptedTypes: [.text],
        examples: [.init(.text("221B Baker Street"))],
        make: { setup in StreetAddressGenerator(setup: setup) })

    let setup: GeneratorSetup

    func generate(_ value: Value, row: RowPosition) -> Value {
        guard case .text(let text) = value else { return value }
        // Keyed by the text as a name is written: in capitals or lower case, the same fake (``LetterCase/key(of:)``).
        var random = setup.stream(for: LetterCase.key(of: value), row: row)
        // An address in another script gets one in its script and shape (``ScriptAddresses``).
        if let scripted = ScriptAddresses.address(like: text, &random) {
            return .text(random.redrawn(scripted, times: 8, while: { $0 == text }) { ScriptAddresses.address(like: text, &$0) ?? scripted })
        }
        let words = Dictionaries.shared
        var address: String
        repeat {
            address = "\(1 + random.below(9999)) \(random.pick(words.streetNames)) \(random.pick(Dictionaries.streetSuffixes))"
        } while ASCII.equalIgnoringCase(address, text)
        return .text(LetterCase(of: text).apply(address))
    }
}

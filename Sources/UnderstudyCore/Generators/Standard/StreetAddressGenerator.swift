import Foundation

/// A street address: number, street name and suffix.
struct StreetAddressGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "address.street",
        summary: "A street address (`4821 Maple Avenue`) in place of the value.",
        details: "House numbers 1–9999, 1,453 street names, 15 suffixes; keeps the input's letter case (`12 OAK STREET` and `12 Oak Street` get one fake, each in its case). A street written as Europe and Latin America write it keeps its shape — its kind in its language and place, its order and commas, a unit — with its name and numbers replaced (`Obere Str. 57` → `Brady Str. 73`, `12, rue des Bouchers` → `30, rue des Rice`; `Avda. de la Constitución 2222` and `Berguvsvägen  8` keep `Avda. de la` and `-vägen`; a town or a postcode in it as `text.redact` fakes them), as `text.redact` fakes an address in a text; a US street of a number, a name and a suffix gets one of those. An address written in Cyrillic, Chinese, Japanese, Korean, Arabic or Hebrew gets one in its script and shape (`г. Москва, ул. Ленина, д. 5, кв. 12` → `г. Казань, ул. Садовая, д. 41, кв. 7`; `北京市朝阳区建国路88号` → `上海市浦东新区人民路12号`; `東京都新宿区西新宿2-8-1` → `大阪府大阪市北区梅田3-12-4`). Never returns the input.",
        acceptedTypes: [.text],
        examples: [.init(.text("221B Baker Street")), .init(.text("Obere Str. 57")), .init(.text("12, rue des Bouchers"))],
        make: { setup throws(GeneratorError) in
            let street = USStreet(setup: setup)
            // The town and postcode inside such a street as text.redact fakes them.
            let place = try PlaceFake.make(in: setup, domain: nil, hasher: setup.key.hasher(generator: "address.street.place", domain: "\(setup.domain)/LOCATION"))
            let shaped = AddressFake(street: street, place: place, hasher: setup.key.hasher(generator: "address.street.shape", domain: setup.domain))
            return StreetAddressGenerator(street: street, shaped: shaped, maximumLength: setup.maximumLength)
        })

    /// A US street of a number, a name and a suffix, and an address in another script.
    let street: USStreet
    /// A street written another way, in its shape (``AddressFake``).
    let shaped: AddressFake
    let maximumLength: Int?

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value {
        guard case .text(let text) = value else { return value }
        if !Self.isUSStreet(text), text.contains(where: \.isLetter),
           case .text(let fake) = try shaped.generate(value, row: row), fake != text, maximumLength.map({ fake.count <= $0 }) ?? true {
            return .text(fake)
        }
        return street.generate(value, row: row)
    }

    /// A street as the US writes it: a house number, a space, a name and a suffix after it
    /// (`120 Hanover Sq.`, `1200 Elm Ave Apt 5`, `221B Baker Street`) — not `24, place Kléber`,
    /// nor `43 rue St. Laurent`, a kind before its name.
    static func isUSStreet(_ text: String) -> Bool {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.count >= 3, let first = words.first, first.first?.isNumber == true, first.allSatisfy({ $0.isLetter || $0.isNumber }),
              !AddressFake.kindFirst(words[1].lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".,"))) else { return false }
        return words.dropFirst(2).contains { WordLists.streetSuffixes.contains($0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".,"))) }
    }

    /// `address.street`'s fake of a US street: a number, a name and a suffix; of an address in
    /// another script, one in its script (``ScriptAddresses``).
    struct USStreet: Generator {
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
}

/// Realistic person names from the census dictionaries, written in the source's letter case.
struct PersonNameGenerator: Generator {
    enum Part: Sendable { case first, last, full }

    static func definition(_ name: String, _ part: Part, _ summary: String, _ example: String) -> GeneratorDefinition {
        GeneratorDefinition(
            name: name,
            summary: summary,
            details: """
                Drawn from US census name lists (5,163 first names, 10,000 surnames); a first name the lists know as a \
                woman's or a man's alone (673 of them: Faker's en_US lists, `scripts/make-first-name-genders`) gets one of \
                its gender (`Kevin` → `Brandon`, `Rebecca` → `Tonya`), any other any first name. Consistent by default: the same \
                input gives the same name everywhere the domain is shared. Never returns the input itself, and a full \
                name none of the input's words (`Grace Hopper` never becomes `Wayne Hopper`); a full name written surname first with a \
                comma (`Tamayo, Nydia`, `GARCIA, Maria`) gets its fake written so, each part in its case. Keeps the \
                input's letter case (ALL CAPS, lower, or as written), and a name in capitals or in lower case is the \
                name written as names are (`ANA LIMA`, `ana lima` and `Ana Lima` get one fake, each in its case). \
                A name written in Cyrillic, Greek, Chinese, Japanese (kanji or kana), Korean, Arabic or Hebrew gets a \
                name in its script, of its shape (its words; for Chinese, Japanese and Korean its length): `Иван Петров` \
                → `Ольга Смирнова`, `王小明` → `陈丽华`, `김민준` → `박서연`. Not unique-safe: names repeat.
                """,
            acceptedTypes: [.text],
            examples: [.init(.text(example))],
            make: { setup in PersonNameGenerator(setup: setup, part: part) })
    }

    static let firstName = definition("person.first-name", .first, "A first name in place of the value.", "Margaret")
    static let lastName = definition("person.last-name", .last, "A surname in place of the value.", "Okafor")
    static let fullName = definition("person.full-name", .full, "A first name and a surname in place of the value.", "Margaret Okafor")

    let setup: GeneratorSetup
    let part: Part

    func generate(_ value: Value, row: RowPosition) -> Value {
        guard case .text(let text) = value else { return value.isNull ? .null : value }
        // Keyed by the text as a name is written: in capitals or lower case, the same fake (``LetterCase/key(of:)``).
        var random = setup.stream(for: LetterCase.key(of: value), row: row)
        let words = Dictionaries.shared
        // A name that fits the column (``KeyedRandom/drawn(within:_:)``); a full name that never
        // fits keeps its surname's initial (`Karla M`); the pipeline cuts what is still too long.
        let limit = setup.maximumLength
        // A name in another script gets one in its script (``ScriptNames``).
        if let script = ScriptNames.script(of: text) {
            let name = random.drawn(within: limit) { random in
                let name = ScriptNames.name(part, script, like: text, &random)
                return random.redrawn(name, times: 8, while: { $0 == text }) { ScriptNames.name(part, script, like: text, &$0) }
            }
            return .text(LetterCase(of: text).apply(name))
        }
        var name: String
        switch part {
        // A first name of a known gender gets one of its gender (`her son Kevin` got `Bernadette`).
        case .first:
            let list = words.firstNames(ofGenderOf: Substring(text.trimmingCharacters(in: .whitespaces))) ?? words.firstNames
            name = random.drawn(within: limit) { $0.pick(list, avoiding: text) }
        case .last: name = random.drawn(within: limit) { $0.pick(words.lastNames, avoiding: text) }
        case .full:
            // No word of the real name in the fake (`Grace Hopper` → `Wayne Hopper` kept the surname).
            let real = text.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "," }).map(String.init)
            // Surname first with a comma (`Tamayo, Nydia`, `GARCIA, Maria`): the fake written so, each part in its case.
            let comma = text.firstIndex(of: ",").flatMap { comma in
                text[text.index(after: comma)...].hasPrefix(" ") && !text[text.index(after: comma)...].contains(",") ? comma : nil
            }
            var first = "", last = ""
            // (The first name's gender: the first word's, or the first after the comma.)
            let given = comma.map { text[text.index(after: $0)...].split(separator: " ").first } ?? text.split(separator: " ").first
            let firstNames = given.flatMap { words.firstNames(ofGenderOf: $0) } ?? words.firstNames
            name = random.drawn(within: limit) { random in
                first = random.pick(firstNames, avoidingAny: real)
                last = random.pick(words.lastNames, avoidingAny: real)
                return comma == nil ? "\(first) \(last)" : "\(last), \(first)"
            }
            if let comma {
                if let limit, name.count > limit, let initial = first.first { first = String(initial) }
                return .text(LetterCase(of: String(text[..<comma])).apply(last) + ", " + LetterCase(of: String(text[text.index(after: comma)...])).apply(first))
            }
            if let limit, name.count > limit, let initial = last.first { name = "\(first) \(initial)" }
        }
        return .text(LetterCase(of: text).apply(name))
    }
}

/// A plausible company name.
struct CompanyNameGenerator: Generator {
    static let suffixes = ["Inc.", "LLC", "Ltd.", "Group", "& Co.", "Holdings", "Partners", "Corporation", "Industries", "Labs", "Studio", "Systems"]
    static let nouns = ["Logistics", "Analytics", "Foods", "Motors", "Consulting", "Design", "Energy", "Health", "Software", "Media",
                        "Construction", "Textiles", "Robotics", "Pharma", "Capital", "Outfitters", "Bakery", "Hardware", "Travel", "Dental"]

    static let definition = GeneratorDefinition(
        name: "company-name",
        summary: "A plausible company name (`Whitaker & Lowe LLC`, `Granite Analytics Inc.`); an organisation's name keeps its kind (`Colorado State University` → a surname and `State University`).",
        details: """
            The words that say what kind of organisation it is stay — an institution's (University, College, Institute, \
            Hospital, Bank, School, Association, …), a legal form (Inc., GmbH, S.A., …), the small words (of, and, &, de) \
            and capitalised English words (State, National, Culinary Arts) — and the words that name it are replaced: each run \
            of them by a surname, or by a town after `of`, `at` or `de` (`University of Dallas` → `University of` and a town, \
            `Müller Maschinenbau GmbH` → a surname and `GmbH`); where every word is of that kind, the first run of capitalised words is \
            replaced (`First National Bank` → a surname and `Bank`). A value with no capitalised word gets a name built from surnames, \
            street names and trade words. Keeps the input's letter case style. Never returns the input.
            """,
        acceptedTypes: [.text],
        examples: [.init(.text("Embraer - Empresa Brasileira de Aeronáutica S.A.")), .init(.text("University of Dallas"))],
        make: { setup in CompanyNameGenerator(setup: setup) })

    let setup: GeneratorSetup

    func generate(_ value: Value, row: RowPosition) -> Value {
        guard case .text(let text) = value else { return value }
        var random = setup.stream(for: value, row: row)
        if let kept = Self.keepingKind(text, &random), !ASCII.equalIgnoringCase(kept, text) { return .text(kept) }
        let words = Dictionaries.shared
        var name: String
        repeat {
            switch random.below(3) {
            case 0: name = "\(random.pick(words.lastNames)) & \(random.pick(words.lastNames)) \(random.pick(Self.suffixes))"
            case 1: name = "\(random.pick(words.streetNames)) \(random.pick(Self.nouns)) \(random.pick(Self.suffixes))"
            default: name = "\(random.pick(words.lastNames)) \(random.pick(Self.nouns))"
            }
        } while ASCII.equalIgnoringCase(name, text)
        return .text(LetterCase(of: text).apply(name))
    }

    /// Words of an organisation's kind beyond the recogniser's suffixes and institutions.
    static let kindWords: Set<String> = WordLists.organizationSuffixes.union(WordLists.institutions).union([
        "club", "museum", "library", "church", "union", "league", "committee",
        "trust", "fund", "board", "commission", "authority", "office", "hotel", "restaurant", "store", "shop", "bureau", "corps",
        // (What a chamber is of: "Chamber of Commerce" — Commerce is a town in California too.)
        "commerce", "industry", "trade",
    ])
    /// The small words inside a name, in English and the languages whose firms the recogniser reads.
    static let smallWords: Set<String> = WordLists.organizationJoiners.union(OrganizationRecognizer.joiners).union([
        "at", "de", "du", "des", "la", "le", "del", "da", "do", "dos", "das", "van", "von", "für", "di", "y",
    ])
    /// Towns of one word: a fake after `of` that reads as one.
    static let towns: [String] = Dictionaries.shared.cities.filter { !$0.contains(" ") && !$0.contains("-") }

    /// `text` with the runs of words that name it replaced and the words of its kind kept (see the
    /// definition's details); nil where it has no capitalised word to replace.
    static func keepingKind(_ text: String, _ random: inout KeyedRandom) -> String? {
        // Runs of letters (an apostrophe or a hyphen inside one), and every other character alone.
        var tokens: [Substring] = []
        var index = text.startIndex
        while index < text.endIndex {
            var end = text.index(after: index)
            if text[index].isLetter {
                while end < text.endIndex, text[end].isLetter || (text[end] == "'" || text[end] == "-") && text.index(after: end) < text.endIndex && text[text.index(after: end)].isLetter {
                    end = text.index(after: end)
                }
            }
            tokens.append(text[index..<end])
            index = end
        }
        enum Role { case other, kept, generic, name }
        var roles = [Role](repeating: .other, count: tokens.count)
        for (k, token) in tokens.enumerated() where token.first!.isLetter {
            let lower = token.lowercased()
            let dotted = k + 1 < tokens.count && tokens[k + 1] == "."
            if kindWords.contains(lower) || smallWords.contains(lower) || !token.first!.isUppercase || dotted && token.count <= 3 {
                roles[k] = .kept
            } else {
                let flags = Lexicon.shared.lookup(lower)
                roles[k] = flags.contains(.english) && flags.isDisjoint(with: [.firstName, .lastName, .place]) ? .generic : .name
            }
        }
        /// Runs of words of `role`, apart by a space or a hyphen alone.
        func runs(of role: Role) -> [ClosedRange<Int>] {
            var found: [ClosedRange<Int>] = []
            var k = 0
            while k < tokens.count {
                guard roles[k] == role else { k += 1; continue }
                var end = k
                while end + 2 < tokens.count, tokens[end + 1] == " " || tokens[end + 1] == "-", roles[end + 2] == role { end += 2 }
                found.append(k...end)
                k = end + 1
            }
            return found
        }
        var replaced = runs(of: .name)
        if replaced.isEmpty, let first = runs(of: .generic).first { replaced = [first] }
        guard !replaced.isEmpty else { return nil }
        let avoid = tokens.filter { $0.first!.isLetter }.map { $0.lowercased() }
        var written = "", k = 0
        for run in replaced {
            written += tokens[k..<run.lowerBound].joined()
            let before = tokens[..<run.lowerBound].last { $0.first!.isLetter }?.lowercased()
            let fake = random.pick(["of", "at", "de", "in"].contains(before) ? towns : Dictionaries.shared.lastNames, avoidingAny: avoid)
            written += LetterCase(of: tokens[run].joined()).apply(fake)
            k = run.upperBound + 1
        }
        return written + tokens[k...].joined()
    }
}

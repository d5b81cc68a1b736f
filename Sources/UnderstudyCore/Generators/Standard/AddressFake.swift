/// `text.redact`'s fake of a street address, in the shape of the address it replaces: its lines,
/// commas and full stops where they were; a unit (`Apt 5`, `Flat 3`, `Piso 2`), a PO box, a
/// direction, a country and a street's kind (`Street`, `rue`, `calle`, `-straße`, `-straat`) kept
/// as written, in their language and place; the street's name, the house and unit numbers, the
/// town and the postcode replaced. `14 Baker Street, Springfield, IL 62704` became `2281 Bowen
/// Parkway` and a label's three lines one line; now it is `2281 Bowen Parkway, Oak Grove, KY 42262`,
/// and `Hauptstraße 5, 10115 Berlin` is `Bowenstraße 8, 47193 Fresno` — not `5998 Rice Circle`
/// after `Er wohnt in der`.
///
/// - A US street of a number, a name and a suffix (`1200 Elm Ave`) is `address.street`'s fake of
///   it, as a column of streets gets it (with `shared_domains`, the same street).
/// - The town is the place fake's (``PlaceFake``): the town named alone elsewhere gets the same
///   one, and a US state after it becomes the fake town's own, as a code or a name as written.
/// - Numbers and postcodes get characters of their shape (a digit for a digit, a capital for a
///   capital: `NW1 6XE` → `KT7 3QP`, `1017 GC` → `5823 XR`), a first digit of 0 kept.
/// - An address in another script is `address.street`'s fake in that script (``ScriptAddresses``).
///
/// Keyed by the address in lower case (its numbers and postcode), by the street's name (its
/// name: `Baker Street` gets one fake street at any number) and by the town.
struct AddressFake: Generator {
    /// `address.street`: the fake of a US street and of an address in another script.
    let street: any Generator
    /// The fake of a place (``PlaceFake``): the address's town.
    let place: any Generator
    let hasher: KeyedHasher

    enum Kind { case word, code, gap }

    struct Token {
        var text: String
        var kind: Kind
        var lower: String { text.lowercased() }
        /// A gap that ends a part of the address: a comma, a semicolon or a line break.
        var endsPart: Bool { kind == .gap && text.contains { $0 == "," || $0 == ";" || $0.isNewline } }
        /// A gap inside a run of words: spaces, hyphens, apostrophes and full stops only.
        var joinsWords: Bool { kind == .gap && text.allSatisfy { $0 == " " || $0 == "-" || $0 == "'" || $0 == "’" || $0 == "." } }
    }

    /// Words of letters, codes (runs of letters and digits with a digit: `221B`, `NW1`, `12`) and the gaps between.
    static func tokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var current = "", kind = Kind.gap
        func close() {
            if !current.isEmpty { tokens.append(Token(text: current, kind: kind)) }
            current = ""
        }
        for character in text {
            let alphanumeric = character.isLetter || character.isNumber
            let next: Kind = alphanumeric ? .word : .gap
            if (next == .gap) != (kind == .gap) { close() }
            kind = next == .gap ? .gap : (kind == .gap ? .word : kind)
            current.append(character)
        }
        close()
        for i in tokens.indices where tokens[i].kind == .word && tokens[i].text.contains(where: \.isNumber) { tokens[i].kind = .code }
        return tokens
    }

    /// A town and a region's code after a dash (`São Paulo - SP`, Brazil's way).
    nonisolated(unsafe) static let townDashRegion = #/(?<town>[^-–]+?)(?<rest>\s+[-–]\s+[A-Z]{2})/#

    /// Words kept wherever they stand: units, boxes, directions and street kinds' small words.
    static func isUnit(_ lower: String) -> Bool {
        WordLists.unitWords.contains(lower) || WordLists.unitsBeforeNumber.contains(lower) || ["po", "p", "o", "box", "no", "nr", "nº", "n", "c", "bis", "ter"].contains(lower)
    }
    static func isDirection(_ lower: String) -> Bool { WordLists.directions.contains(lower) }
    /// (And France's `place` before its name, `24, place Kléber`: the recogniser does not take it as
    /// an address's word — `in place of` — but a fake of an address found keeps it.)
    static func kindFirst(_ lower: String) -> Bool { InternationalStreet.leading.contains(lower) || InternationalStreet.afterNumber.contains(lower) || lower == "place" }
    static func kindLast(_ lower: String) -> Bool { WordLists.streetSuffixes.contains(lower) || InternationalStreet.trailing.contains(lower) }
    /// The kind a one-word street ends in (`Hauptstraße` → `straße`), longest first.
    static let endings = InternationalStreet.endings.sorted { $0.count > $1.count }
    static func ending(of word: String) -> String? {
        let lower = word.lowercased()
        return endings.first { lower.hasSuffix($0) && lower.count >= $0.count + 3 }
    }
    static func isCountry(_ words: String) -> Bool {
        let lower = words.lowercased()
        return Dictionaries.shared.countries.contains(lower) && (lower.count > 3 || words == words.uppercased())
    }
    /// A state's, province's or territory's code in capitals (the US's, Canada's, Australia's:
    /// `TX`, `ON`, `NSW`), or a US state's name.
    static func isState(_ word: String) -> Bool {
        if word.count <= 3, word == word.uppercased() {
            return WordLists.stateCodes.contains(word) || PlaceRecognizer.australianStates.contains(word.lowercased())
        }
        return WordLists.usStates[word.lowercased()] != nil
    }
    /// Single-word street names, for a one-word street's stem.
    static let stems = Dictionaries.shared.streetNames.filter { !$0.contains(" ") && !$0.contains("-") }

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value {
        guard case .text(let text) = value else { return value }
        if let first = text.unicodeScalars.first(where: { $0.properties.isAlphabetic }), !first.isASCII,
           EntityRecognizer.script(UInt16(truncatingIfNeeded: first.value)) != .latin {
            return try street.generate(value, row: row)
        }
        var tokens = Self.tokens(text)
        var out = tokens.map(\.text)
        // The parts between commas and line breaks, each a list of token indices.
        var parts: [[Int]] = [[]]
        for (i, token) in tokens.enumerated() {
            if token.endsPart { parts.append([]) } else { parts[parts.count - 1].append(i) }
        }
        // Runs of words inside a part.
        func runs(_ part: [Int]) -> [[Int]] {
            var runs: [[Int]] = []
            var run: [Int] = []
            for i in part {
                switch tokens[i].kind {
                case .word: run.append(i)
                case .gap where tokens[i].joinsWords && !run.isEmpty: continue
                default:
                    if !run.isEmpty { runs.append(run) }
                    run = []
                }
            }
            if !run.isEmpty { runs.append(run) }
            return runs
        }
        func words(_ run: ArraySlice<Int>) -> String {
            guard let first = run.first, let last = run.last else { return "" }
            return tokens[first...last].map(\.text).joined()
        }
        func replace(_ run: ArraySlice<Int>, with fake: String) {
            guard let first = run.first, let last = run.last else { return }
            out[first] = LetterCase(of: words(run)).apply(fake)
            for i in (first + 1)..<(last + 1) { out[i] = "" }
        }
        var consumed = Set<Int>()
        // The street's name: one fake street name keyed by it.
        func streetName(_ run: ArraySlice<Int>) {
            let name = words(run)
            var random = hasher.stream(Array(("street " + name.lowercased()).utf8))
            replace(run, with: random.pick(Dictionaries.shared.streetNames, avoiding: name))
        }
        var townState: String?
        // A US address (a US state in it): its town a US town (`100 Main St, Paris, TX 75460`).
        var usAddress = false
        // The town: the place fake's, as alone elsewhere.
        func town(_ run: ArraySlice<Int>) throws(GeneratorError) {
            let name = words(run)
            // (A town named as a state is a town: `Washington, DC`.)
            let fakeOf = WordLists.usStates[name.lowercased()] != nil || usAddress
                ? (place as? PlaceFake).flatMap { $0.usTown ?? $0.town } ?? place : place
            // A region's code after a dash stays (`São Paulo - SP` became `Lemay`): the town alone is faked.
            if let split = name.wholeMatch(of: Self.townDashRegion), case .text(let fake) = try fakeOf.generate(.text(String(split.output.town)), row: row) {
                replace(run, with: LetterCase(of: String(split.output.town)).apply(fake) + split.output.rest)
                return
            }
            guard case .text(let fake) = try fakeOf.generate(.text(name), row: row) else { return }
            townState = Dictionaries.shared.cityStates[fake.lowercased()]
            replace(run, with: fake)
        }
        // A run without the units, boxes and directions at its ends.
        func trimmed(_ run: [Int]) -> ArraySlice<Int> {
            var slice = run[...]
            while let first = slice.first, Self.isUnit(tokens[first].lower) || Self.isDirection(tokens[first].lower) && slice.count > 1 { slice = slice.dropFirst() }
            while let last = slice.last, Self.isUnit(tokens[last].lower) || Self.isDirection(tokens[last].lower) && slice.count > 1 { slice = slice.dropLast() }
            return slice
        }
        // A state: a code in capitals or a state's name; in lower case a code before a ZIP (`springfield il 62704`).
        func isState(_ i: Int) -> Bool {
            let word = tokens[i].text
            if word.count == 2, word != word.uppercased() {
                return WordLists.stateCodes.contains(word.uppercased()) && i + 2 < tokens.count && tokens[i + 1].kind == .gap && !tokens[i + 1].endsPart
                    && tokens[i + 2].kind == .code && tokens[i + 2].text.count == 5 && tokens[i + 2].text.allSatisfy(\.isNumber)
            }
            return Self.isState(word)
        }
        usAddress = tokens.indices.contains { i in
            tokens[i].kind == .word && isState(i) && PlaceFake.isUSState(tokens[i].text.count == 2 ? tokens[i].text.uppercased() : tokens[i].text)
        }
        var townFaked = false
        // (A US state only: another country's region stays, `Toronto ON` → `Palatine ON`.)
        func writeState(_ i: Int) {
            let word = tokens[i].text
            guard let code = townState, PlaceFake.stateCodes.contains(word.uppercased()) || WordLists.usStates[word.lowercased()] != nil else { return }
            out[i] = word.count == 2 ? LetterCase(of: word).apply(code) : LetterCase(of: word).apply(PlaceFake.stateNames[code] ?? word)
        }
        // The street's part: the first with a number and a word that is no unit, state or country, or
        // with a street's kind before its name (`Av. Paulista, 1000`) or a street of one word
        // (`Hauptstr.`); else the first with a number (`PO Box 123`).
        let street = parts.firstIndex { part in
            part.contains { tokens[$0].kind == .code } && runs(part).contains { run in
                let slice = trimmed(run)
                return !slice.isEmpty && !(slice.count == 1 && isState(slice[slice.startIndex])) && !Self.isCountry(words(slice))
            } || runs(part).contains { run in
                let slice = trimmed(run)
                guard let first = slice.first else { return false }
                return slice.count >= 2 && Self.kindFirst(tokens[first].lower) || slice.count == 1 && Self.ending(of: tokens[first].text) != nil
            }
        } ?? parts.firstIndex { part in part.contains { tokens[$0].kind == .code } } ?? 0
        var named = false
        for (p, part) in parts.enumerated() {
            // A US street (`1200 Elm Ave`, `1407 W. 18th St`): address.street's fake of it, from the
            // part's house number to its suffix — words, ordinals and their full stops between.
            if p == street, let head = part.first, tokens[head].kind == .code,
               let suffix = part.last(where: { $0 > head + 1 && tokens[$0].kind == .word && WordLists.streetSuffixes.contains(tokens[$0].lower) }),
               part.filter({ $0 > head && $0 < suffix }).allSatisfy({ i in
                   tokens[i].kind == .word && !Self.isUnit(tokens[i].lower) || tokens[i].kind == .gap && tokens[i].joinsWords || Self.ordinal(tokens[i].text) != nil
               }),
               part.contains(where: { $0 > head && $0 < suffix && tokens[$0].kind != .gap }),
               // (Not a kind before its name: `43 rue St. Laurent`.)
               !part.contains(where: { $0 > head && tokens[$0].kind == .word && Self.kindFirst(tokens[$0].lower) }),
               case .text(let fake) = try self.street.generate(.text(tokens[head...suffix].map(\.text).joined()), row: row) {
                out[head] = fake
                for i in (head + 1)..<(suffix + 1) { out[i] = ""; consumed.insert(i) }
                consumed.insert(head)
                named = true
            }
            for whole in runs(part) {
                let run = whole.filter { !consumed.contains($0) }
                let slice = trimmed(run)
                guard !slice.isEmpty else { continue }
                if p < street || p == street && !named {
                    var name = slice
                    if let first = name.first, Self.kindFirst(tokens[first].lower) {
                        // (`Calle 50 # 12-34`: the kind, and a number for a name.)
                        if name.count == 1 { continue }
                        name = name.dropFirst()
                        while name.count > 1, let first = name.first, InternationalStreet.particles.contains(tokens[first].lower) { name = name.dropFirst() }
                    } else if name.count >= 2, let last = name.last, Self.kindLast(tokens[last].lower) {
                        name = name.dropLast()
                    } else if name.count == 1, let only = name.first, let ending = Self.ending(of: tokens[only].text) {
                        // A street of one word: a stem of the same case and the kind as written.
                        let word = tokens[only].text
                        var random = hasher.stream(Array(("street " + word.lowercased()).utf8))
                        let stem = random.pick(Self.stems, avoiding: String(word.dropLast(ending.count)))
                        out[only] = LetterCase(of: word).apply(stem) + String(word.suffix(ending.count))
                        named = p == street || named
                        continue
                    }
                    streetName(name)
                    named = p == street || named
                } else {
                    // The town's part: the town first, then a state (the fake town's own) and a
                    // country kept; capitals beside a postcode's digits its letters.
                    var name = slice
                    // (A direction after the street's suffix: `Avenue NW`.)
                    if name.allSatisfy({ Self.isDirection(tokens[$0].lower) }) { continue }
                    if townFaked, name.count == 1, let only = name.first, isState(only) {
                        writeState(only)
                        continue
                    }
                    if name.count == 1, let only = name.first, tokens[only].text.count == 2, isState(only) {
                        writeState(only)
                        continue
                    }
                    if Self.isCountry(words(name)) { continue }
                    var state: Int?
                    while let last = name.last, name.count > 1, isState(last) || Self.isCountry(tokens[last].text) {
                        if isState(last) { state = last }
                        name = name.dropLast()
                    }
                    // (`1017 GC Amsterdam`: the postcode's letters.)
                    while let first = name.first, tokens[first].text.count <= 3, tokens[first].text == tokens[first].text.uppercased(), !isState(first),
                          first >= 2, tokens[first - 1].kind == .gap, !tokens[first - 1].endsPart, tokens[first - 2].kind == .code {
                        tokens[first].kind = .code
                        name = name.dropFirst()
                    }
                    guard !name.isEmpty else { continue }
                    try town(name)
                    townFaked = true
                    // The state after the town, in the same part (`Austin TX 78701`).
                    if let state { writeState(state) }
                }
            }
        }
        // Numbers and postcodes: characters of their shape, keyed by the whole address.
        let codes = tokens.indices.filter { tokens[$0].kind == .code && !consumed.contains($0) }
        var random = hasher.stream(Array(text.lowercased().utf8))
        var written = text
        for _ in 0..<8 {
            for i in codes { out[i] = Self.shaped(tokens[i].text, &random) }
            written = out.joined()
            if written != text { break }
        }
        return .text(written)
    }

    /// Characters of the shape of `code`'s: a digit for a digit (a first one not 0 unless it was), a
    /// letter of the same case for a letter.
    /// The digits of an ordinal (`18th`, `1ST`, `2nd`) and whether its suffix is in capitals.
    static func ordinal(_ code: String) -> (digits: Substring, upper: Bool)? {
        guard let match = code.wholeMatch(of: #/(\d+)(st|nd|rd|th|ST|ND|RD|TH)/#) else { return nil }
        return (match.output.1, match.output.2.first?.isUppercase == true)
    }

    /// An ordinal's suffix for `number` (`1st`, `12th`, `22nd`).
    static func ordinalSuffix(_ number: Int) -> String {
        if (11...13).contains(number % 100) { return "th" }
        switch number % 10 {
        case 1: return "st"
        case 2: return "nd"
        case 3: return "rd"
        default: return "th"
        }
    }

    static func shaped(_ code: String, _ random: inout KeyedRandom) -> String {
        // An ordinal (`18th`): new digits, and their suffix.
        if let (digits, upper) = ordinal(code) {
            let written = shaped(String(digits), &random)
            let suffix = ordinalSuffix(Int(written) ?? 0)
            return written + (upper ? suffix.uppercased() : suffix)
        }
        var written = ""
        for (n, character) in code.enumerated() {
            if character.isASCII, character.isNumber {
                // (A first 0 stays: `01310-100`, `02134`.)
                written.append(n == 0 ? (character == "0" ? "0" : Character(String(1 + random.below(9)))) : Character(String(random.below(10))))
            } else if character.isASCII, character.isUppercase {
                written.append(Character(UnicodeScalar(UInt8(65 + random.below(26)))))
            } else if character.isASCII, character.isLowercase {
                written.append(Character(UnicodeScalar(UInt8(97 + random.below(26)))))
            } else {
                written.append(character)
            }
        }
        return written
    }
}

/// The lines of an address written as a block (a shipping label, a letter's head, a signature):
/// read by their place in it rather than by their words, which are often a person's too — towns
/// named after people ("West Gene", "Guerra de Siqueira"), countries that are census surnames
/// ("Germany", "France"), streets named after people ("boulevard de Pinto").
extension EntityRecognizer {
    /// - A town after a postcode that opens its line (four or five digits, Poland's `NN-NNN`, Brazil's
    ///   `NNNNN-NNN` or eight digits, Sweden's `NNN NN`, the Netherlands' `NNNN AB`, the UK's `LS92 1NQ`), to the line's
    ///   end: a place, where the line above is a street (a street found, a line ending in its house
    ///   number or opening with a word for street) or the line below a country; one word alone where
    ///   a name was found there (`10115 Berlin`).
    /// - A country alone on its line (`Germany`, `Kingdom of the Netherlands`): a place; one that is
    ///   also a first name (`Jordan`) only below a town.
    /// - A line above such a postcode that opens with a word for street (`boulevard de Pinto`): a street;
    ///   so is any line that opens with one, its names to a comma or the line's end (a signature's
    ///   `avenue de Meyer, Sainte-Adélaïde`).
    /// Names found inside them give way, and places inside a town's name are one place; places and
    /// streets are added only where `kinds` asks for them.
    static func addressBlocks(_ spans: [EntitySpan], _ scan: TextScan, kinds: Set<EntityKind>) -> [EntitySpan] {
        let t = scan.tokens
        guard t.contains(where: { $0.gap == 2 }), t.contains(where: { $0.kind == .number }) || spans.contains(where: { $0.kind == .person }) else { return spans }
        // Lines as token ranges.
        var lines: [ClosedRange<Int>] = []
        var start = 0
        for k in t.indices where k > 0 && t[k].gap == 2 { lines.append(start...(k - 1)); start = k }
        if !t.isEmpty { lines.append(start...(t.count - 1)) }

        var places: [(range: ClosedRange<Int>, kind: EntityKind)] = []
        var towns: [(line: Int, postcode: Int, town: Int)] = []
        func country(_ line: ClosedRange<Int>) -> Bool {
            guard line.count <= 5, t[line].allSatisfy({ $0.kind == .word }), t[line.lowerBound].isCapitalized || t[line.lowerBound].isAllCaps else { return false }
            var words = t[line].map(\.lower)
            // "Kingdom of the Netherlands", "Republic of Poland": the country after its form of state.
            if words.count > 2, ["kingdom", "republic", "commonwealth", "federation", "principality", "state"].contains(words[0]), words[1] == "of" {
                words.removeFirst(2)
            }
            let name = words.joined(separator: " ")
            return PlaceRecognizer.countries.contains(name) || PlaceRecognizer.countries.contains("the " + name)
        }
        func streetLine(_ line: ClosedRange<Int>) -> (street: Bool, kindFirst: Bool) {
            let first = t[line.lowerBound]
            let kindFirst = first.kind == .word && (first.has(.streetKind) || InternationalStreet.afterNumber.contains(first.lower)) && line.count >= 2
            let covered = spans.contains { $0.kind == .streetAddress && $0.start < t[line.upperBound].end && t[line.lowerBound].start < $0.end }
            return (covered || t[line.upperBound].kind == .number || kindFirst, kindFirst && !covered)
        }
        for (n, line) in lines.enumerated() {
            // The postcode and the first token after it.
            let p = line.lowerBound
            func next(_ k: Int, gap: Int) -> Bool { k <= line.upperBound && t[k].gap == gap }
            // The UK's, before its town (`LS92 1NQ East Gail`, `N5C 5GS`): letters and digits (a letter
            // may follow), then a digit and two letters.
            if t[p].kind == .word, t[p].isAllCaps || t[p].count == 1 && t[p].isCapitalized, t[p].count <= 2, p + 1 <= line.upperBound,
               t[p + 1].kind == .number, t[p + 1].gap == 0, t[p + 1].count <= 2 {
                var k = p + 2
                if k <= line.upperBound, t[k].gap == 0, t[k].kind == .word, t[k].count == 1 { k += 1 }
                guard k + 1 <= line.upperBound, t[k].gap == 1, t[k].kind == .number, t[k].count == 1, t[k + 1].gap == 0, t[k + 1].kind == .word,
                      t[k + 1].count == 2, t[k + 1].isAllCaps else { continue }
                towns.append((line: n, postcode: p, town: k + 2))
                continue
            }
            guard t[p].kind == .number else { continue }
            var town = p + 1
            switch t[p].count {
            case 2 where next(p + 1, gap: 0) && t[p + 1].isMark("-") && next(p + 2, gap: 0) && t[p + 2].kind == .number && t[p + 2].count == 3: town = p + 3
            case 5 where next(p + 1, gap: 0) && t[p + 1].isMark("-") && next(p + 2, gap: 0) && t[p + 2].kind == .number && t[p + 2].count == 3: town = p + 3
            case 3 where next(p + 1, gap: 1) && t[p + 1].kind == .number && t[p + 1].count == 2: town = p + 2
            case 4 where p + 1 <= line.upperBound && t[p + 1].gap <= 1 && t[p + 1].isAllCaps && t[p + 1].count == 2 && t[p + 1].isASCII:
                town = p + 2
            case 4, 5, 8: break
            default: continue
            }
            towns.append((line: n, postcode: p, town: town))
        }
        for (n, p, town) in towns {
            let line = lines[n]
            // One to six words, particles and elisions among them ("Serra De' Conti", "San Giovanni In Valle Aurina").
            guard town <= line.upperBound, t[town].gap == 1, line.upperBound - town < 8,
                  t[town...line.upperBound].allSatisfy({ $0.kind == .word && ($0.isCapitalized || $0.isAllCaps || $0.has([.particle, .placeJoiner]) || $0.count <= 3)
                      || $0.isMark("'") || $0.isMark("’") }),
                  t[town...line.upperBound].filter({ $0.kind == .word }).count <= 6,
                  t[line.upperBound].isCapitalized || t[line.upperBound].isAllCaps else { continue }
            let above = n > 0 ? streetLine(lines[n - 1]) : (street: false, kindFirst: false)
            let below = n + 1 < lines.count && country(lines[n + 1])
            let named = spans.contains { $0.kind == .person && $0.start < t[line.upperBound].end && t[town].start < $0.end }
            guard above.street || below || town == line.upperBound && named else { continue }
            // The names the postcode's letters opened give way too ("6072YU Nieuwaal").
            places.append((p...line.upperBound, .person))
            places.append((town...line.upperBound, .location))
            if above.kindFirst { places.append((lines[n - 1], .streetAddress)) }
        }
        // A street without its number on a line it opens ("avenue de Meyer, Sainte-Adélaïde", "rue
        // Susanne Lagarde" in a signature): its kind, then names and particles to a comma or the line's end.
        for line in lines where line.count >= 2 && streetLine(line).kindFirst {
            var end = line.lowerBound
            while end + 1 <= line.upperBound, t[end + 1].gap == 1, t[end + 1].kind == .word,
                  t[end + 1].isCapitalized && !t[end + 1].has(.english) || t[end + 1].has([.particle, .placeJoiner]) { end += 1 }
            guard end > line.lowerBound, t[end].isCapitalized, end == line.upperBound || t[end + 1].isMark(","),
                  !places.contains(where: { $0.range.contains(line.lowerBound) }) else { continue }
            places.append((line.lowerBound...end, .streetAddress))
            // Its town after the comma ("chemin de Faure, Le Galldan").
            if end + 2 <= line.upperBound, line.upperBound - end < 6,
               t[(end + 2)...line.upperBound].allSatisfy({ $0.kind == .word && ($0.isCapitalized || $0.has([.particle, .placeJoiner])) }), t[line.upperBound].isCapitalized {
                places.append(((end + 2)...line.upperBound, .location))
            }
        }
        for (n, line) in lines.enumerated() where country(line) {
            if t[line].contains(where: \.isFirstNameAccented) {
                guard n > 0, places.contains(where: { $0.kind == .location && lines[n - 1].contains($0.range.lowerBound) }) else { continue }
            }
            places.append((line, .location))
        }
        guard !places.isEmpty else { return spans }
        var result = spans
        for place in places {
            let start = t[place.range.lowerBound].start, end = t[place.range.upperBound].end
            // Names inside give way; places inside a town's name become one ("Albuquerque da Prata").
            // (A range of kind `.person` only clears the names.)
            result.removeAll { ($0.kind == .person || $0.kind == place.kind && kinds.contains(place.kind)) && $0.start >= start && $0.end <= end }
            guard place.kind != .person, kinds.contains(place.kind), !result.contains(where: { $0.start < end && start < $0.end }) else { continue }
            let recognizer = place.kind == .location ? "location.block" : "address.block"
            result.append(EntitySpan(kind: place.kind, start: start, end: end, score: place.kind == .location ? 0.6 : 0.7, recognizer: recognizer))
        }
        return result.sorted { $0.start < $1.start }
    }

    /// Words of a job or a department, to the left of a signature's `|` ("Accounts Payable | Rijk Zwaan").
    static let jobWords: Set<String> = [
        "payable", "receivable", "accounts", "manager", "engineer", "director", "head", "officer", "assistant", "specialist", "analyst",
        "coordinator", "consultant", "lead", "president", "accountant", "owner", "founder", "partner", "associate", "executive", "representative",
        "administrator", "developer", "architect", "buyer", "clerk", "controller", "supervisor", "agent", "advisor", "adviser", "secretary",
    ]

    /// A signature's line of a job and a firm apart by a bar ("Accounts Payable | Rijk Zwaan",
    /// "Senior Engineer | Koninklijke Kolen"): the capitalised words right of the bar, to the line's
    /// end, are the firm's name, not a person's (they were taken for one).
    static func firmsAfterRoles(_ spans: [EntitySpan], _ scan: TextScan, kinds: Set<EntityKind>) -> [EntitySpan] {
        let t = scan.tokens
        guard scan.units.contains(0x7C) else { return spans }
        var result = spans
        for bar in t.indices where t[bar].isMark("|") && bar > 0 && bar + 1 < t.count && t[bar].gap == 1 && t[bar + 1].gap == 1 {
            var a = bar - 1
            while a > 0, t[a].gap < 2 { a -= 1 }
            guard t[a..<bar].contains(where: { $0.kind == .word && (jobWords.contains($0.lower) || NameRecognizer.departments.contains($0.lower)) }) else { continue }
            var b = bar + 1
            while b + 1 < t.count, t[b + 1].gap < 2 { b += 1 }
            guard b - bar <= 8, t[(bar + 1)...b].allSatisfy({ $0.kind == .word && ($0.isCapitalized || $0.isAllCaps || $0.count <= 3) || $0.isMark("&") || $0.isMark(".") }),
                  t[bar + 1].isCapitalized || t[bar + 1].isAllCaps || t[bar + 1].has(.particle) else { continue }
            // A listed first name and more is the person's, written after the job ("Customer Support | Ana Lima").
            guard !(t[bar + 1].isFirstNameAccented && b > bar + 1 && t[b].kind == .word && t[b].isLastNameAccented) else { continue }
            let start = t[bar + 1].start, end = t[b].end
            guard result.contains(where: { $0.kind == .person && $0.start >= start && $0.end <= end }) else { continue }
            result.removeAll { $0.kind == .person && $0.start >= start && $0.end <= end }
            if kinds.contains(.organization), !result.contains(where: { $0.start < end && start < $0.end }) {
                result.append(EntitySpan(kind: .organization, start: start, end: end, score: 0.7, recognizer: "organization.signature"))
            }
        }
        return result.sorted { $0.start < $1.start }
    }

    /// Kinds of street in lower case that open a street's name in running text without its number
    /// (French: "left the box at rue Alexandre").
    static let lowerKinds: Set<String> = ["rue", "avenue", "boulevard", "chemin", "allée", "impasse", "quai"]

    /// What follows a street after commas, dashes or line breaks, where it ends in a postcode, a
    /// region's code or a listed place: districts and towns (capitalised words, or what was read as
    /// a place or a person there), a state, a region's code (`SP`, `CDMX`), a postcode of four to six
    /// digits before or after its town (`Hyderabad - 500001`, `06000 Cuauhtémoc`, `01304-001`,
    /// `Singapore 079903`) — the address's. (They stayed, or were read as a person and a phone number.)
    /// Words with no such ending after them are left as they were ("12 Main Street, John will sign").
    static func addressTails(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        guard spans.contains(where: { $0.kind == .streetAddress }) else { return spans }
        let t = scan.tokens
        func separates(_ k: Int) -> Bool { k >= t.count || t[k].gap == 2 || t[k].isMark(",") && t[k].gap == 0 || t[k].isMark(".") && (k + 1 == t.count || t[k + 1].gap >= 1) || t[k].isMark(";") }
        /// The last token of a postcode at `k`: four to six digits, perhaps a hyphen and three or four more.
        func postcode(_ k: Int) -> Int? {
            guard k < t.count, t[k].kind == .number else { return nil }
            var e = k
            // Poland's `00-590`.
            if t[k].count == 2, k + 2 < t.count, t[k + 1].isMark("-"), t[k + 1].gap == 0, t[k + 2].gap == 0, t[k + 2].kind == .number, t[k + 2].count == 3 {
                e = k + 2
            } else {
                guard (4...6).contains(t[k].count) else { return nil }
            }
            if e == k, e + 2 < t.count, t[e + 1].isMark("-"), t[e + 1].gap == 0, t[e + 2].gap == 0, t[e + 2].kind == .number, (3...4).contains(t[e + 2].count) { e += 2 }
            // (Then the end, a mark, or a town after it: not a number within a sentence, `2196 boxes`.)
            return separates(e + 1) || t[e + 1].kind == .word && t[e + 1].gap == 1 && t[e + 1].isCapitalized ? e : nil
        }
        /// The last token of a unit written in lower case at `k`, as Latin America writes it: `apto 32`,
        /// `depto. 4B`, `piso 3`, `2º andar`, `3er piso`.
        func unit(_ k: Int) -> Int? {
            guard k + 1 < t.count, t[k].gap == 1 else { return nil }
            // (Poland's `m.`, a flat: only with its full stop.)
            if t[k].kind == .word, Self.unitsInLowerCase.contains(t[k].lower) || t[k].lower == "m" && t[k + 1].isMark(".") && t[k + 1].gap == 0 {
                var n = k + 1
                if n < t.count, t[n].isMark("."), t[n].gap == 0 { n += 1 }
                guard n < t.count, t[n].gap == 1, t[n].kind == .number || t[n].kind == .word && t[n].count == 1 && t[n].isCapitalized else { return nil }
                var e = n
                while e + 1 < t.count, t[e + 1].gap == 0, t[e + 1].kind != .punct { e += 1 }
                return e
            }
            guard t[k].kind == .number, t[k].count <= 3, t[k + 1].gap == 0 else { return nil }
            let sign = t[k + 1].isMark("º") || t[k + 1].isMark("ª") || t[k + 1].isMark("°")
            guard sign || t[k + 1].kind == .word && ["o", "a", "er", "ro", "do", "to"].contains(t[k + 1].lower) else { return nil }
            // A floor's word (`2º andar`, `3er piso`), or after the sign a door's letter (`3º B`) or nothing more.
            if k + 2 < t.count, t[k + 2].gap == 1, t[k + 2].kind == .word, Self.unitsInLowerCase.contains(t[k + 2].lower) { return k + 2 }
            guard sign else { return nil }
            if k + 2 < t.count, t[k + 2].gap <= 1, t[k + 2].kind == .word, t[k + 2].count == 1, t[k + 2].isCapitalized { return k + 2 }
            // Spain's door, left or right (`3º izq.`, `2º dcha`), its full stop with it.
            if k + 2 < t.count, t[k + 2].gap == 1, t[k + 2].kind == .word, Self.doorSides.contains(t[k + 2].lower) {
                return k + 3 < t.count && t[k + 3].isMark(".") && t[k + 3].gap == 0 ? k + 3 : k + 2
            }
            return k + 2 == t.count || t[k + 2].kind == .punct ? k + 1 : nil
        }
        /// The last word of a town after a postcode at `k` (`03940 Ciudad de México`, `76000 Santiago de
        /// Querétaro`): capitalised words no common word, particles between them.
        func townAfterCode(_ k: Int) -> Int? {
            var e = k, j = k + 1
            while j < t.count, t[j].gap == 1, t[j].kind == .word, j - k <= 6 {
                if t[j].isCapitalized, !t[j].isCommon { e = j; j += 1; continue }
                guard InternationalStreet.particles.contains(t[j].lower), e > k else { break }
                j += 1
            }
            return e > k ? e : nil
        }
        /// A state's or region's code before its postcode at most three words in lower case after `k`
        /// (a comma between them and it): a US state's in lower case before its ZIP (`ny 10037`), a
        /// region's in capitals (`los bajos, TAB 45384`).
        func stateCodeAhead(_ k: Int) -> Int? {
            var j = k, words = 0
            while j < t.count, words < 4 {
                if t[j].isMark(","), t[j].gap == 0 { j += 1; continue }
                guard t[j].kind == .word, t[j].gap == 1 || j == k else { return nil }
                if j > k, t[j].isAllCaps, t[j].isASCII, (2...4).contains(t[j].count), postcode(j + 1) != nil, t[j + 1].gap == 1 { return j }
                guard !t[j].isCapitalized, !t[j].isAllCaps else { return nil }
                if j > k, t[j].count == 2, t[j].has(.stateCode), j + 1 < t.count, t[j + 1].gap == 1, t[j + 1].kind == .number, t[j + 1].count == 5 { return j }
                words += 1
                j += 1
            }
            return nil
        }
        var result = spans
        var changed = false
        for n in spans.indices where spans[n].kind == .streetAddress {
            guard let last = scan.token(endingAt: spans[n].end) else { continue }
            var accepted = last, i = last + 1, steps = 0
            while i < t.count, steps < 24 {
                steps += 1
                let w = t[i]
                if w.isMark(","), w.gap == 0 { i += 1; continue }
                // An abbreviation's full stop (`Col. Centro`, `Av.`), then a word.
                if w.isMark("."), w.gap == 0, t[i - 1].kind == .word, t[i - 1].isCapitalized, t[i - 1].count <= 5, i + 1 < t.count, t[i + 1].gap == 1 {
                    i += 1
                    continue
                }
                if let e = unit(i) { i = e + 1; continue }
                // A unit's number after `#` (`#05-67`).
                if w.isMark("#"), i + 1 < t.count, t[i + 1].gap == 0, t[i + 1].kind == .number {
                    i += 2
                    if i + 1 < t.count, t[i].isMark("-"), t[i].gap == 0, t[i + 1].gap == 0, t[i + 1].kind == .number { i += 2 }
                    continue
                }
                // A letter or a flat's number after the house number (`12/A`).
                if i == last + 1, w.isMark("/"), w.gap == 0, i + 1 < t.count, t[i + 1].gap == 0, t[i + 1].kind == .number || t[i + 1].kind == .word && t[i + 1].count == 1 {
                    i += 2
                    continue
                }
                // France's `Cedex` and its number after the town (the street may end at the word).
                if i == last + 1, t[last].lower == "cedex", w.kind == .number, w.count <= 3, w.gap == 1 {
                    accepted = i
                    i += 1
                    continue
                }
                if w.kind == .word, w.lower == "cedex", i > last + 1 {
                    accepted = i + 1 < t.count && t[i + 1].kind == .number && t[i + 1].count <= 3 && t[i + 1].gap == 1 ? i + 1 : i
                    i = accepted + 1
                    continue
                }
                // A particle inside a town's name (`San Gilberto de los Altos`), a state after a slash (`Curitiba/PR`).
                if w.kind == .word, i > last + 1, InternationalStreet.particles.contains(w.lower), i + 1 < t.count, t[i + 1].gap == 1, t[i + 1].kind == .word {
                    i += 1
                    continue
                }
                if w.isMark("/"), w.gap == 0, i + 1 < t.count, t[i + 1].gap == 0, t[i + 1].kind == .word, t[i + 1].isAllCaps { i += 1; continue }
                // Mexico's states abbreviated (`Qro.`, `Jal.`).
                if w.kind == .word, i > last + 1, Self.mexicanStates.contains(w.lower), i + 1 < t.count, t[i + 1].isMark("."), t[i + 1].gap == 0 {
                    accepted = i
                    i += 2
                    continue
                }
                if w.isMark("-") || w.isMark("–"), w.gap == 1, i + 1 < t.count, t[i + 1].gap == 1 { i += 1; continue }
                // (A house number the street left: `Calle 5 de Mayo 32`.)
                if w.kind == .number, w.count <= 4, w.gap == 1, i == last + 1 { i += 1; continue }
                // (A unit's second number: `#23-01`.)
                if w.isMark("-"), w.gap == 0, i + 1 < t.count, t[i + 1].kind == .number, t[i + 1].gap == 0, i == last + 1 { i += 2; continue }
                if let code = postcode(i) {
                    accepted = townAfterCode(code) ?? code
                    i = accepted + 1
                    continue
                }
                // A UK or Canadian postcode (after a county: `Little Whinging, Surrey KT22 7AA`).
                if i > last + 1, let code = PlaceRecognizer.britishOrCanadianPostcode(at: i, t) {
                    accepted = code
                    i = code + 1
                    continue
                }
                if w.kind == .word, w.isAllCaps, w.isASCII, (2...4).contains(w.count), i > last + 1, separates(i + 1) || postcode(i + 1) != nil {
                    accepted = i
                    i += 1
                    continue
                }
                if let found = spans.first(where: { $0.start == w.start }), found.kind == .location || found.kind == .person, let end = scan.token(endingAt: found.end) {
                    if found.kind == .location { accepted = end }
                    i = end + 1
                    continue
                }
                if w.kind == .word, w.isCapitalized, !w.isCommon || w.has(.placePrefix), i > last + 1 { i += 1; continue }
                // In lower case, as a chat writes an address: a listed town (`springfield`), a
                // state's code before its ZIP (`il 62704`). (They stayed: "12 oak st apt 4 springfield il 62704".)
                if w.kind == .word, !w.isCapitalized, !w.isAllCaps, w.count == 2, w.has(.stateCode), i + 1 < t.count, t[i + 1].gap == 1,
                   t[i + 1].kind == .number, t[i + 1].count == 5 {
                    // (A ZIP+4: `02110-1234`.)
                    accepted = i + 3 < t.count && t[i + 2].isMark("-") && t[i + 2].gap == 0 && t[i + 3].kind == .number && t[i + 3].count == 4 ? i + 3 : i + 1
                    i = accepted + 1
                    continue
                }
                if w.kind == .word, !w.isCapitalized, !w.isAllCaps, w.count > 2, w.has(.place), !w.isCommon {
                    // One that ends its sentence or line is the address's ("via roma 12 milano": it stayed).
                    if i + 1 == t.count || t[i + 1].gap == 2 || t[i + 1].isMark(in: ".!?;") { accepted = i }
                    i += 1
                    continue
                }
                // A town of up to three words in lower case, common ones among them, that a state's
                // code and its ZIP follow (`new york ny 10037`, `salt lake city, ut 84101`).
                if w.kind == .word, !w.isCapitalized, !w.isAllCaps, let code = stateCodeAhead(i) { i = code; continue }
                break
            }
            guard accepted > last else { continue }
            let from = spans[n].end, to = t[accepted].end
            // (Nothing found there may reach past the tail's end.)
            guard !result.contains(where: { $0.start < to && $0.end > to }) else { continue }
            result.removeAll { $0.start >= from && $0.end <= to && $0.kind != .streetAddress || $0.start >= from && $0.end <= to && $0.kind == .streetAddress && $0.start != spans[n].start }
            if let m = result.firstIndex(where: { $0.start == spans[n].start && $0.kind == .streetAddress }) { result[m].end = to }
            changed = true
        }
        return changed ? result.sorted { $0.start < $1.start } : spans
    }

    /// Units as Spanish and Portuguese write them in lower case, before or after their number.
    static let unitsInLowerCase: Set<String> = [
        "apto", "ap", "apt", "apartamento", "depto", "dpto", "departamento", "piso", "andar", "sala", "bloco", "bloque", "casa", "lote",
        "int", "interior", "edif", "edificio", "torre", "conj", "loja", "oficina", "planta", "puerta", "pta", "esc", "escalera",
    ]

    /// The sides of a Spanish landing a door is on, after its floor (`3º izq.`, `2º dcha`).
    static let doorSides: Set<String> = ["izq", "izqda", "izda", "izquierda", "dcha", "dch", "dra", "der", "derecha", "ctro", "centro"]

    /// Mexico's states as addresses abbreviate them before a full stop (`Qro.`, `Jal.`, `Edo. Méx.`).
    static let mexicanStates: Set<String> = [
        "ags", "camp", "chis", "chih", "coah", "col", "dgo", "gto", "gro", "hgo", "jal", "méx", "mex", "mich", "mor", "nay", "oax", "pue",
        "qro", "sin", "son", "tab", "tamps", "tlax", "ver", "yuc", "zac",
    ]

    /// A street named without its house number in running text: a word for street that is no
    /// English word ("Ladeira de Andrade", "Rua Orós", "Calle Mayor"), or a French one in lower
    /// case ("rue Alexandre", "avenue Meyer"), then one to four capitalised words and particles,
    /// one at least no common or English word. (Only numbered streets were found: the name stayed,
    /// or was taken for a person's.)
    static func unnumberedStreets(_ spans: [EntitySpan], _ scan: TextScan, kinds: Set<EntityKind>) -> [EntitySpan] {
        let t = scan.tokens
        var result = spans
        var added = false
        var k = 0
        while k + 1 < t.count {
            let w = t[k]
            // (Every kind of `lowerKinds` is a ``Lexicon/Flags/streetKind`` too: the flag first, no string hashed per word.)
            guard w.kind == .word, w.has(.streetKind) else { k += 1; continue }
            // A capitalised `Via` inside a sentence, after a word in lower case, opens an Italian
            // street ("left the box at Via Pietra Dias"); `via` in English is written in lower case.
            // A French kind in lower case before a capitalised word is a street whatever the word
            // ("rue Mallet", "rue de Gros": English words too).
            let via = w.lower == "via" && w.isCapitalized && k > 0 && t[k].gap == 1 && t[k - 1].kind == .word && !t[k - 1].isCapitalized && !t[k - 1].isAllCaps
            let french = !w.isCapitalized && lowerKinds.contains(w.lower)
            guard w.count > 2, w.lower == "via" ? via : !w.has(.english) || french,
                  k == 0 || t[k].gap == 2 || !(t[k - 1].kind == .word && t[k - 1].isCapitalized) else { k += 1; continue }
            var end = k, named = false
            while end + 1 < t.count, end - k < 5, t[end + 1].gap == 1, t[end + 1].kind == .word {
                let n = t[end + 1]
                if n.isCapitalized && !n.isAllCaps && !n.isCommon {
                    if !n.has(.english) || n.isListedName || french { named = true }
                } else if !InternationalStreet.particles.contains(n.lower) {
                    break
                }
                end += 1
            }
            while end > k, !t[end].isCapitalized { end -= 1 }
            let start = t[k].start, stop = t[end].end
            // (No other finding there, and no name reaching out of it: spans stay apart.)
            // (A name that starts inside a French street and runs on, "avenue [de Chevalier, Paris]",
            // is the street's and the city's.)
            guard named, end > k, !result.contains(where: { $0.start < stop && start < $0.end && ($0.kind != .person || $0.start < start || $0.end > stop && !french) }),
                  // A capitalised kind that opens a name found is the name's ("Rua Kimutai": a first name too).
                  !(w.isCapitalized && result.contains { $0.kind == .person && $0.start == start }) else { k = end + 1; continue }
            result.removeAll { $0.kind == .person && $0.start >= start && ($0.end <= stop || french) }
            // The postcode and town after it (`rue Benoit, 26153 Malletnec`: they stayed), what else
            // was read there giving way.
            var last = stop
            let after = end + 1 < t.count && t[end + 1].isMark(",") ? end + 2 : end + 1
            if InternationalStreet.postcode(at: after, t) != nil, let town = InternationalStreet.city(after: end, t), town > end {
                last = t[town].end
                result.removeAll { $0.start >= stop && $0.end <= last && [.person, .location, .phoneNumber, .dateTime].contains($0.kind) }
            }
            if kinds.contains(.streetAddress), !result.contains(where: { $0.start < last && stop < $0.end }) {
                result.append(EntitySpan(kind: .streetAddress, start: start, end: last, score: 0.6, recognizer: "address.unnumbered"))
            }
            added = true
            k = end + 1
        }
        // A name the tagger read off an English street without its number, the street's word
        // last ("on Elm St.", "Maple Drive": a fake person took the street's place). A first name
        // before a word that is a surname too is a person ("Lois Lane", "Della Street"), and so is
        // a name after a title.
        func streetWord(_ k: Int) -> Bool { k < t.count && t[k].kind == .word && t[k].isCapitalized && !t[k].isAllCaps && englishStreetWords.contains(t[k].lower) }
        for n in result.indices where result[n].kind == .person {
            guard let first = scan.token(startingAt: result[n].start), var last = scan.token(endingAt: result[n].end) else { continue }
            // (The street's word after the name the tagger stopped before: "on [Maple] Drive".)
            if !streetWord(last), last + 1 < t.count, t[last + 1].gap == 1, streetWord(last + 1), !(n + 1 < result.count && result[n + 1].start < t[last + 1].end) {
                last += 1
            }
            guard last > first, last - first <= 3, streetWord(last),
                  t[first..<last].allSatisfy({ $0.kind == .word && $0.isCapitalized && !$0.isAllCaps && !$0.has(.title) }),
                  !(t[last].isLastNameAccented && t[first..<last].contains(where: \.isFirstNameAccented)),
                  first == 0 || !(t[first - 1].has(.title) || t[first - 1].isMark(".") && first >= 2 && t[first - 2].has(.title)) else { continue }
            if kinds.contains(.streetAddress) {
                result[n] = EntitySpan(kind: .streetAddress, start: result[n].start, end: t[last].end, score: 0.6, recognizer: "address.unnumbered")
            } else {
                result[n].end = result[n].start
            }
            added = true
        }
        return added ? result.filter { $0.end > $0.start }.sorted { $0.start < $1.start } : spans
    }

    /// The English words for a street that end its name without a number in running text ("Elm
    /// Street", "Oak Ave"): fewer than the suffixes an address's number makes sure of (Park, Hill,
    /// Green are surnames more often than streets).
    static let englishStreetWords: Set<String> = [
        "street", "st", "avenue", "ave", "road", "rd", "lane", "ln", "drive", "boulevard", "blvd", "parkway", "pkwy", "highway", "hwy",
        "terrace", "crescent", "court", "ct", "way", "place",
    ]
}

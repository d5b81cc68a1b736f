import Foundation

/// Finds personal data in free text: people, addresses, places, organisations, dates, phone
/// numbers, emails, card numbers, IBANs, SSNs, IP addresses, URLs, driver's licence and passport
/// numbers, and a workspace's own patterns. Offline and in Swift: gazetteers (census names,
/// GeoNames places), checksums (Luhn, mod 97, SSA rules), shapes and context words.
///
/// ```swift
/// let spans = EntityRecognizer().spans(in: "Call Ana Lima at +1 415 555 0134")
/// // [PERSON 5..<13, PHONE_NUMBER 17..<32]
/// ```
public struct EntityRecognizer: Sendable {
    /// The kinds to report (all by default).
    public let kinds: Set<EntityKind>
    /// Spans scored below it are dropped.
    public let minimumScore: Double
    let recognizers: [any Recognizer]
    /// Kinds of numbers looked for though not reported, when some kind of number is: a number is
    /// read as what it most likely is (a timestamp is a date, so not a phone number, even where
    /// dates are not asked for).
    let blockers: Set<EntityKind>

    /// The kinds whose shapes are numbers, which read one number in more ways than one.
    static let numberShaped: Set<EntityKind> = [.dateTime, .phoneNumber, .creditCard, .iban, .ssn, .ipAddress, .macAddress, .driverLicense, .passport, .idNumber]

    public init(kinds: Set<EntityKind> = Set(EntityKind.allCases), minimumScore: Double = 0.5, custom: [CustomRecognizer] = []) {
        self.kinds = kinds
        self.minimumScore = minimumScore
        blockers = kinds.isDisjoint(with: Self.numberShaped) ? [] : Self.numberShaped.subtracting(kinds)
        let builtIn: [any Recognizer] = [
            ContactRecognizer(), NumberRecognizer(), LastDigitsRecognizer(), RecordNumberRecognizer(), CredentialRecognizer(), IPv6Recognizer(), MACAddressRecognizer(), CryptoRecognizer(), CoordinatesRecognizer(), TaxCodeRecognizer(), PopulationCodeRecognizer(), DateRecognizer(), ScriptAddressRecognizer(), PlaceRecognizer(), OrganizationRecognizer(), NameRecognizer(),
            PersonModelRecognizer(model: PersonModel.shared),
        ]
        let looked = kinds.union(blockers)
        recognizers = builtIn.filter { !$0.kinds.isDisjoint(with: looked) } + custom.compactMap { $0.compiled() }
    }

    /// The entities of `text`, left to right, not overlapping: where two overlap, the higher score
    /// wins, then the longer span.
    public func spans(in text: String) -> [EntitySpan] {
        guard !text.isEmpty else { return [] }
        // Characters written through escapes (JSON's \u00e9, HTML's &eacute;) are read as themselves.
        if let escaped = EscapedText(text) { return windowed(escaped.text).map(escaped.written) }
        return windowed(text)
    }

    /// The UTF-16 units of text read at once: a longer text is read in windows of at most this
    /// many, each cut after its last line break (else its last space) in its second half. Several
    /// rules look at every name or line of a text for each one they find, which is the text's
    /// length squared: a chat log of 12,000 lines ("Maria: hi") took 22 s, a document of 50,000
    /// lines would have held its run for an hour. A name one window finds is not looked for again
    /// in the next.
    static let window = 16_384

    private func windowed(_ text: String) -> [EntitySpan] {
        guard text.utf16.count > Self.window else { return recognized(text) }
        let units = Array(text.utf16)
        var spans: [EntitySpan] = []
        var start = 0
        while start < units.count {
            var end = min(units.count, start + Self.window)
            if end < units.count {
                let half = start + Self.window / 2
                if let line = (half..<end).last(where: { units[$0] == 0x0A }) {
                    end = line + 1
                } else if let space = (half..<end).last(where: { units[$0] == 0x20 }) {
                    end = space + 1
                } else if UTF16.isTrailSurrogate(units[end]) {
                    end -= 1
                }
            }
            let offset = start
            spans += recognized(String(decoding: units[start..<end], as: UTF16.self)).map { span in
                var moved = span
                moved.start += offset
                moved.end += offset
                return moved
            }
            start = end
        }
        return spans
    }

    private func recognized(_ text: String) -> [EntitySpan] {
        let scan = TextScan(text)
        var found: [EntitySpan] = []
        for recognizer in recognizers { recognizer.recognize(scan, into: &found) }
        return chosen(from: found, scan) { _, step in step() }
    }

    /// The spans kept of what the recognisers found, after the rules that read them together;
    /// `each` runs every step (the profiler times them one by one).
    private func chosen(from found: [EntitySpan], _ scan: TextScan, each: (String, () -> [EntitySpan]) -> [EntitySpan]) -> [EntitySpan] {
        let minimumScore = minimumScore, kinds = kinds
        let candidates = each("choice of the candidates") {
            var kept = found.filter { ($0.kind == .custom || kinds.contains($0.kind)) && $0.score >= minimumScore }
            // A workspace's own recogniser wins the text it covers whole over a built-in one, whatever
            // their scores ("EMP-004821" is its EMPLOYEE_ID, not an ID_NUMBER).
            let own = kept.filter { $0.kind == .custom }
            if !own.isEmpty { kept.removeAll { span in span.kind != .custom && own.contains { $0.start <= span.start && span.end <= $0.end } } }
            // A date's year is no house number ("admitted 11/02/2024 via ED" was a street, the date lost to it).
            kept.removeAll { span in
                guard span.kind == .streetAddress, let k = scan.token(startingAt: span.start), k >= 2 else { return false }
                let t = scan.tokens
                return t[k].kind == .number && t[k].gap == 0 && t[k - 1].isMark(in: "/.-") && t[k - 1].gap == 0 && t[k - 2].kind == .number
            }
            // A name before the word of a place one goes to — a hotel, a hospital, a school — is that
            // place's ("the Hilton Garden Inn": the name won the words before `Inn`). A firm's word
            // leaves a person named ("Call John Smith Consulting"). (Capitalised words alone after
            // the name: not "Ana Lima and Acme Hotel", where the name is hers.)
            let firms = kept.filter { $0.kind == .organization && $0.recognizer == "organization" }
            if !firms.isEmpty {
                let t = scan.tokens
                func owns(_ firm: EntitySpan, _ name: EntitySpan) -> Bool {
                    guard firm.start <= name.start, name.end < firm.end, let after = scan.token(startingAt: name.end) ?? scan.tokens.firstIndex(where: { $0.start >= name.end }),
                          let last = scan.token(endingAt: firm.end), after <= last else { return false }
                    return WordLists.venues.contains(t[last].lower)
                        && (after...last).allSatisfy { t[$0].kind == .word && t[$0].isCapitalized && !t[$0].has(.organizationJoiner) }
                }
                kept.removeAll { span in span.kind == .person && firms.contains { owns($0, span) } }
            }
            return kept.sorted(by: Self.better)
        }
        var chosen = each("disjoint") { Self.disjoint(candidates).sorted { $0.start < $1.start } }
        if !blockers.isEmpty {
            // A number that a kind not reported reads better is not reported as another (a
            // workspace's own recogniser is not overruled).
            let blocking = found.filter { blockers.contains($0.kind) }
            if !blocking.isEmpty { chosen.removeAll { span in span.kind != .custom && blocking.contains { $0.overlaps(span) && Self.better($0, span) } } }
        }
        if kinds.contains(.person) {
            chosen = each("namesBeforeBetterSpans") { Self.namesBeforeBetterSpans(candidates, chosen, scan) }
            chosen = each("withoutShorthand") { Self.withoutShorthand(chosen, scan) }
            chosen = each("unfoundNames") { Self.unfoundNames(chosen, scan, minimumScore: minimumScore) }
            chosen = each("placesInNames") { Self.placesInNames(chosen, scan) }
            chosen = each("handles") { Self.handles(chosen, scan) }
            chosen = each("userNames") { Self.userNames(chosen, scan) }
            chosen = each("dottedLogins") { Self.dottedLogins(chosen, scan) }
            chosen = each("homeFolders") { Self.homeFolders(chosen, scan) }
            chosen = each("displayNames") { Self.displayNames(chosen, scan) }
            chosen = each("keyedNames") { Self.keyedNames(chosen, scan) }
            chosen = each("namesAfterLabels") { Self.namesAfterLabels(chosen, scan) }
            chosen = each("namesInProse") { Self.namesInProse(chosen, scan) }
            chosen = each("nicknamedNames") { Self.nicknamedNames(chosen, scan) }
            chosen = each("tabularNames") { Self.tabularNames(chosen, scan) }
            chosen = each("labelledNames") { Self.labelledNames(chosen, scan) }
            chosen = each("relatedNames") { Self.relatedNames(chosen, scan) }
            chosen = each("relativesInLowerCase") { Self.relativesInLowerCase(chosen, scan) }
            chosen = each("parenthesisedNames") { Self.parenthesisedNames(chosen, scan) }
            chosen = each("recipientsSurnameFirst") { Self.recipientsSurnameFirst(chosen, scan) }
            chosen = each("handedNames") { Self.handedNames(chosen, scan) }
            chosen = each("maidenNames") { Self.maidenNames(chosen, scan) }
            chosen = each("familyNames") { Self.familyNames(chosen, scan) }
            chosen = each("iberianTitles") { Self.iberianTitles(chosen, scan) }
            chosen = each("addressedNames") { Self.addressedNames(chosen, scan) }
            chosen = each("capitalSurnamesFirst") { Self.capitalSurnamesFirst(chosen, scan) }
            chosen = each("lowerSurnamesFirst") { Self.lowerSurnamesFirst(chosen, scan) }
            chosen = each("emailNames") { Self.emailNames(chosen, scan) }
            chosen = each("rowNames") { Self.rowNames(chosen, scan) }
            chosen = each("replyAttributions") { Self.replyAttributions(chosen, scan) }
        }
        chosen = each("widenedNames") { Self.widenedNames(chosen, scan) }
        if kinds.contains(.person) {
            chosen = each("coordinatedNames") { Self.coordinatedNames(chosen, scan) }
            chosen = each("repeatedNames") { Self.repeatedNames(chosen, scan) }
            chosen = each("handlesOfNames") { Self.handlesOfNames(chosen, scan) }
            chosen = each("withoutRecordWords") { Self.withoutRecordWords(chosen, scan) }
            chosen = each("withoutBankCodes") { Self.withoutBankCodes(chosen, scan) }
        }
        if kinds.contains(.phoneNumber) { chosen = each("numbersBesideNames") { Self.numbersBesideNames(chosen, scan) } }
        if kinds.contains(.location) {
            chosen = each("townsBesideCountries") { Self.townsBesideCountries(chosen, scan) }
            chosen = each("keyedPlaces") { Self.keyedPlaces(chosen, scan) }
        }
        if !kinds.isDisjoint(with: [.person, .location, .streetAddress]) {
            chosen = each("addressBlocks") { Self.addressBlocks(chosen, scan, kinds: kinds) }
            chosen = each("unnumberedStreets") { Self.unnumberedStreets(chosen, scan, kinds: kinds) }
            if kinds.contains(.streetAddress) { chosen = each("addressTails") { Self.addressTails(chosen, scan) } }
        }
        if kinds.contains(.person) {
            chosen = each("firmsAfterRoles") { Self.firmsAfterRoles(chosen, scan, kinds: kinds) }
            chosen = each("placesAsSubjects") { Self.placesAsSubjects(chosen, scan) }
        }
        chosen = each("completedLists") { Self.completedLists(chosen, scan) }
        chosen = each("inCapitals") { Self.inCapitals(chosen, scan) }
        if kinds.contains(.person) {
            chosen = each("otherLanguageNames") { Self.otherLanguageNames(chosen, scan) }
            chosen = each("scriptNames") { Self.scriptNames(chosen, scan) }
        }
        if !kinds.isDisjoint(with: [.person, .location]) { chosen = each("withoutMailFormulas") { Self.withoutMailFormulas(chosen, scan) } }
        chosen = each("withoutPossessives") { Self.withoutPossessives(chosen, scan) }
        if !kinds.isDisjoint(with: [.person, .location]) { chosen = each("withoutNumberLabels") { Self.withoutNumberLabels(chosen, scan) } }
        if kinds.contains(.person) { chosen = each("withoutRoomLabels") { Self.withoutRoomLabels(chosen, scan) } }
        if kinds.contains(.person) { chosen = each("withoutTitles") { Self.withoutTitles(chosen, scan) } }
        // (Again: the rules since may have widened a name over its cue, `Pt John Smith`.)
        if kinds.contains(.person) { chosen = each("withoutShorthand again") { Self.withoutShorthand(chosen, scan) } }
        if !kinds.isDisjoint(with: [.person, .location]) { chosen = each("withoutProducts") { Self.withoutProducts(chosen, scan) } }
        if kinds.contains(.location) { chosen = each("withoutTimeWords") { Self.withoutTimeWords(chosen, scan) } }
        // (Last: no rule after it widens a file's name's person over the words before the file.)
        if kinds.contains(.person) { chosen = each("fileNames") { Self.fileNames(chosen, scan) } }
        // What the steps after the recognisers found is held to `min_confidence` too.
        return chosen.filter { $0.score >= minimumScore }
    }

    /// A name the tagger ran on into what follows it, a comma between ("Björn Andersson,
    /// Drottninggatan 5": the street's name read as a second given name), lost whole to the better
    /// span there, the address; the name before the comma is kept. (It stayed in the clear.)
    static func namesBeforeBetterSpans(_ candidates: [EntitySpan], _ chosen: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        // The first chosen span (in order, disjoint) that ends after `offset`.
        func firstEnding(after offset: Int) -> Int {
            var low = 0, high = chosen.count
            while low < high { let mid = (low + high) / 2; if chosen[mid].end <= offset { low = mid + 1 } else { high = mid } }
            return low
        }
        var added: [EntitySpan] = []
        for span in candidates where span.kind == .person {
            // The first chosen span it overlaps: another, starting inside it after a comma.
            let c = firstEnding(after: span.start)
            guard c < chosen.count, chosen[c].start < span.end, chosen[c] != span, chosen[c].start > span.start,
                  let b = scan.token(startingAt: chosen[c].start), b >= 2, t[b - 1].isMark(","), let a = scan.token(startingAt: span.start),
                  a <= b - 2, t[b - 2].kind == .word, t[b - 2].isCapitalized || t[b - 2].isAllCaps,
                  c == 0 || chosen[c - 1].end <= span.start else { continue }
            added.append(EntitySpan(kind: .person, start: span.start, end: t[b - 2].end, score: span.score, recognizer: span.recognizer))
        }
        guard !added.isEmpty else { return chosen }
        return (chosen + Self.disjoint(added.sorted(by: Self.better))).sorted { $0.start < $1.start }
    }

    /// A name joined to a found one by "and", "or" or "&" ("Berta Mendoza and Pasqual Tommaseo
    /// share", "Conor and Gcwabe share"): one to three capitalised words that no finding covers,
    /// each a listed name or a word no list knows (no common or English word, no title, place or
    /// suffix), the whole run of capitalised words there. It scores 0.6: the lists and the tagger
    /// left it (a name they do not know) beside one they found.
    static func coordinatedNames(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        guard spans.contains(where: { $0.kind == .person }), t.contains(where: \.joinsNames) else { return spans }
        let covered = scan.covering(spans).map { $0 != nil }
        func capitalised(_ k: Int) -> Bool { k >= 0 && k < t.count && t[k].kind == .word && (t[k].isCapitalized || t[k].isAllCaps) }
        func nameWord(_ k: Int) -> Bool {
            capitalised(k) && !t[k].isAllCaps && t[k].count > 1 && !t[k].isCommon && !covered[k]
                && t[k].flags.subtracting([.firstName, .lastName, .english]).isEmpty
                && (!t[k].has(.english) || t[k].isFirstNameAccented || t[k].isLastNameAccented)
        }
        func joiner(_ k: Int) -> Bool { k >= 0 && k < t.count && t[k].joinsNames && t[k].gap == 1 }
        var added: [EntitySpan] = []
        for span in spans where span.kind == .person {
            guard let a = scan.token(startingAt: span.start), let b = scan.token(endingAt: span.end) else { continue }
            // After: "… and Pasqual Tommaseo", "Dave K. and Sue-Ellen" (the initial's full stop between).
            let j = NameRecognizer.isInitial(t, b) ? b + 2 : b + 1
            if joiner(j), j + 1 < t.count, t[j + 1].gap == 1, nameWord(j + 1) {
                var e = j + 1
                while e + 1 < t.count, e - j < 3, t[e + 1].gap == 1, nameWord(e + 1) { e += 1 }
                if !(e + 1 < t.count && t[e + 1].gap == 1 && capitalised(e + 1)) {
                    added.append(EntitySpan(kind: .person, start: t[j + 1].start, end: t[e].end, score: 0.6, recognizer: "person.coordinated"))
                }
            }
            // Before: "Conor and …".
            if joiner(a - 1), a - 2 >= 0, t[a - 1].gap == 1, nameWord(a - 2) {
                var f = a - 2
                while f > 0, a - 2 - f < 2, t[f].gap == 1, nameWord(f - 1) { f -= 1 }
                if !(f > 0 && t[f].gap == 1 && capitalised(f - 1) && !t[f - 1].isCommon) {
                    added.append(EntitySpan(kind: .person, start: t[f].start, end: t[a - 2].end, score: 0.6, recognizer: "person.coordinated"))
                }
            }
        }
        guard !added.isEmpty else { return spans }
        return Self.disjoint((spans + added).sorted(by: Self.better)).sorted { $0.start < $1.start }
    }

    /// A name written surname first whose words are a town and a country or US state —
    /// right after a word for a place ("to", "in", "from"), a label's colon, a cell's or a list's
    /// mark, or opening the text or its line: "Shipped to Paris, France", "Warehouse: Orlando,
    /// Florida", "Paris,France,Europe" (Paris and Lyon are census surnames, France and
    /// Florida first names, and a person's fake replaced them). Two places, as the place recogniser
    /// scores a town (0.8) and what follows it after a comma (0.6).
    static func townsBesideCountries(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        var result: [EntitySpan] = []
        var changed = false
        for span in spans {
            guard span.kind == .person, let a = scan.token(startingAt: span.start), let b = scan.token(endingAt: span.end), b == a + 2,
                  t[a + 1].isMark(","), t[a].has(.place), PlaceRecognizer.countries.contains(t[b].lower) || WordLists.usStates[t[b].lower] != nil,
                  a == 0 || t[a].gap == 2 || t[a - 1].isMark(in: ":,;(|") || t[a - 1].kind == .word && t[a - 1].has(.placeCue) && t[a - 1].lower != "of" else {
                result.append(span)
                continue
            }
            result.append(EntitySpan(kind: .location, start: t[a].start, end: t[a].end, score: 0.8, recognizer: "location.town-country"))
            result.append(EntitySpan(kind: .location, start: t[b].start, end: t[b].end, score: 0.6, recognizer: "location.town-country"))
            changed = true
        }
        return changed ? result : spans
    }

    /// A place's name of one word inside a person's, where the place was kept and the rest of the
    /// name left in the clear. Opening it ("Abha Sankaran covers the shift", "Paris Hilton"): followed
    /// by a capitalised word that is a listed surname or a word no list knows, with no word that says
    /// a place before it ("in", "from") and no capitalised word after the two. Ending it ("Rider
    /// Tendai Moyo", "Joe Washington"): after a capitalised word that is a listed first name (no place
    /// or English word) or a word no list knows, itself after no capitalised word but one introducing
    /// a person, and before no capitalised word.
    static func placesInNames(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        guard spans.contains(where: { $0.kind == .location }) else { return spans }
        let t = scan.tokens
        var result = spans
        func capitalisedAfter(_ n: Int) -> Bool { n < t.count && t[n].gap == 1 && (t[n].isCapitalized || t[n].isAllCaps) }
        func opening(_ s: Int, _ k: Int) -> EntitySpan? {
            guard k + 1 < t.count else { return nil }
            let next = t[k + 1]
            guard next.gap == 1, next.kind == .word, next.isCapitalized, !next.isAllCaps, next.count > 2, !next.isCommon,
                  next.isLastNameAccented ? next.flags.subtracting([.lastName, .firstName, .english]).isEmpty : next.isUnknown,
                  s + 1 >= result.count || result[s + 1].start >= next.end else { return nil }
            // ("of" says a place less than a person's: "the account of Senta Röhrdanz".)
            if k > 0, t[k - 1].kind == .word, t[k - 1].has(.placeCue) && t[k - 1].lower != "of" || t[k - 1].isCapitalized { return nil }
            if capitalisedAfter(k + 2) { return nil }
            return EntitySpan(kind: .person, start: t[k].start, end: next.end, score: 0.6, recognizer: "person.place-first-name")
        }
        func ending(_ s: Int, _ k: Int) -> EntitySpan? {
            guard k >= 1, t[k].gap == 1, s == 0 || result[s - 1].end <= t[k - 1].start else { return nil }
            let first = t[k - 1]
            guard first.kind == .word, first.isCapitalized, !first.isAllCaps, first.count > 2, !first.isCommon,
                  first.isFirstNameAccented ? !first.has([.english, .place]) : first.isUnknown,
                  !Self.isEnglishCompound(first.lower) else { return nil }
            if k >= 2, t[k - 2].kind == .word, t[k - 2].gap == 1 || t[k - 1].gap == 1, t[k - 2].has(.placeCue) || t[k - 2].isCapitalized && !t[k - 2].has(.personIntroduction) { return nil }
            if capitalisedAfter(k + 1) { return nil }
            return EntitySpan(kind: .person, start: first.start, end: t[k].end, score: 0.6, recognizer: "person.place-surname")
        }
        // Alone after a word for a person's role ("transferred to supervisor Ngozi", "my manager
        // Lusaka"): the town's fake took the person's place.
        func afterRole(_ s: Int, _ k: Int) -> EntitySpan? {
            guard k > 0, t[k].gap == 1, t[k - 1].kind == .word, !t[k - 1].isAllCaps,
                  t[k - 1].has(.personIntroduction) && !Self.introductionsOfNoRole.contains(t[k - 1].lower) || Self.roleWords.contains(t[k - 1].lower),
                  !capitalisedAfter(k + 1) else { return nil }
            return EntitySpan(kind: .person, start: t[k].start, end: t[k].end, score: 0.6, recognizer: "person.role")
        }
        // Right after a name of two words or more found, the surname that ends it ("El cliente Juan
        // Pablo Restrepo llamó": a town too, it got a town's fake after a fake name): a listed
        // surname, or a word no list knows but the places', no country or US state, before no
        // capitalised word.
        func afterName(_ s: Int, _ k: Int) -> Bool {
            guard s > 0, k >= 2, t[k].gap == 1, result[s - 1].kind == .person, result[s - 1].end == t[k - 1].end,
                  let first = scan.token(startingAt: result[s - 1].start), first < k - 1,
                  t[k].isLastNameAccented || t[k].flags.subtracting([.place, .placeStart]).isEmpty && t[k].foldedNames.isEmpty,
                  !t[k].isCommon, !t[k].has(.english), !PlaceRecognizer.countries.contains(t[k].lower), WordLists.usStates[t[k].lower] == nil,
                  !capitalisedAfter(k + 1) else { return false }
            return true
        }
        var k = 0
        var joined: [Int] = []
        for s in result.indices where result[s].kind == .location {
            while k < t.count, t[k].start < result[s].start { k += 1 }
            guard k < t.count, t[k].start == result[s].start, t[k].end == result[s].end, t[k].kind == .word, t[k].isCapitalized, !t[k].isAllCaps else { continue }
            if let person = opening(s, k) ?? ending(s, k) ?? afterRole(s, k) {
                result[s] = person
            } else if afterName(s, k) {
                result[s - 1].end = t[k].end
                joined.append(s)
            }
        }
        for s in joined.reversed() { result.remove(at: s) }
        return result
    }

    /// Words that introduce a person but name no role of theirs: a place may follow them ("with
    /// Lusaka office", "by Monday").
    static let introductionsOfNoRole: Set<String> = ["with", "by", "signed", "contact", "spoke", "dear", "hi", "hello", "user", "dr", "mr", "mrs", "ms", "miss"]
    /// Roles the introductions lack, before a person's name ("supervisor Ngozi").
    static let roleWords: Set<String> = [
        "supervisor", "technician", "officer", "engineer", "consultant", "advisor", "adviser", "coordinator", "specialist", "representative",
        "assistant", "receptionist", "therapist", "physician", "surgeon", "pharmacist", "teacher", "tutor", "coach", "instructor",
    ]

    /// A handle made of a name ("tomasz.wisniewski", "maria_lopez"): two words in lower case joined
    /// by a dot or an underscore, no space, one a listed name and the other one or no English word;
    /// not part of an address, a domain or a longer dotted name ("docs.example.org").
    static func handles(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        // (Two words joined by a dot or an underscore, or a mention: `.`, `_` or `@`; a chat's speaker: `:`.)
        let joined = t.contains(where: { $0.isMark(".") || $0.isMark("_") || $0.isMark("@") })
        guard joined || t.contains(where: { $0.isMark(":") }) else { return spans }
        var added: [EntitySpan] = []
        var c = 0
        var i = 0
        while joined, i + 2 < t.count {
            defer { i += 1 }
            let a = t[i], mark = t[i + 1], b = t[i + 2]
            guard a.kind == .word, b.kind == .word, mark.isMark(".") || mark.isMark("_"), mark.gap == 0, b.gap == 0,
                  !a.isCapitalized, !a.isAllCaps, !b.isCapitalized, !b.isAllCaps else { continue }
            // After `@` (a mention, not an email's domain) a handle of two words no list knows is a person's too.
            // (A chat's speaker, at a line's start or after its time and before a colon, reads as a mention: "[10:42] alice.smith:".)
            let mention = i > 0 && t[i - 1].isMark("@") && t[i].gap == 0 && (i == 1 || t[i - 1].gap > 0 || t[i - 2].kind == .punct && !t[i - 2].isMark("."))
                || i + 3 < t.count && t[i + 3].isMark(":") && t[i + 3].gap == 0 && (i == 0 || t[i].gap == 2 || t[i].gap == 1 && t[i - 1].isMark("]"))
                // (IRC's `<nick>` opening a line or after its time: "[10:42] <dave_m> hi", "<sara.b> ok".)
                || i > 0 && t[i - 1].isMark("<") && t[i].gap == 0 && i + 3 < t.count && t[i + 3].isMark(">") && t[i + 3].gap == 0
                    && (i == 1 || t[i - 1].gap == 2 || i >= 2 && t[i - 1].gap == 1 && (t[i - 2].isMark("]") || i >= 3 && t[i - 2].kind == .number && t[i - 3].isMark(":")))
            // (A first name's initial and the surname after `@`: "@j.doe", "@a.nguyen".)
            // (Or a surname no list holds, no English word: "@j.okafor", "@t.mbeki-nkosi".)
            func unlisted(_ w: TextScan.Token, _ letters: Int) -> Bool {
                w.isUnknown && w.count >= letters && !w.has(.english) && !WordLists.moreEnglish.contains(w.lower)
            }
            // (Elsewhere an initial and a listed surname of no English word, "k.nakamura" — or one
            // that is, after a word that hands or names an account: "approved by j.smith". Not
            // an alias of SQL: "p.price".)
            let cued = Self.handleCued(t, i)
            let initialFirst = a.count == 1 && b.count > 2 && a.lower.first?.isLetter == true && !b.isCommon
                && (mention && (b.isLastNameAccented || unlisted(b, 5)) || b.isLastNameAccented && b.count > 3 && (cued || !b.has(.english)))
            guard a.count > 1 || initialFirst else { continue }
            // (A first name and the surname's initial after `@`: "@tom.h"; one no list holds, no
            // English word, of five letters or more: "@priya.n".)
            let initialLast = b.count == 1 && mention && (a.isFirstNameAccented || unlisted(a, 5)) && !a.has(.english) && b.lower.first?.isLetter == true
            guard b.count > 1 || initialLast else { continue }
            func nameWord(_ w: TextScan.Token) -> Bool { w.isListedName && !w.isCommon && !w.has(.english) }
            func open(_ w: TextScan.Token) -> Bool { nameWord(w) || w.isUnknown }
            // After `@`, listed names though English words ("@kieran.wright"), a first name that
            // is a common word before a surname that is none ("@love.svensson"), words of no
            // English with a listed or an unknown one among them ("@heriberto.pozuelo").
            func mentioned(_ w: TextScan.Token) -> Bool { (w.isListedName || w.isUnknown) && !w.isCommon }
            func foreign(_ w: TextScan.Token) -> Bool { !w.has(.english) && !w.isCommon }
            guard initialFirst || initialLast || nameWord(a) && open(b) || open(a) && nameWord(b)
                    || mention && (open(a) && open(b) || mentioned(a) && mentioned(b) && (a.isListedName || b.isListedName)
                                   || (foreign(a) || a.isFirstNameAccented) && (foreign(b) || b.isLastNameAccented) && (a.isListedName || b.isListedName || a.isUnknown || b.isUnknown))
            else { continue }
            if i > 0, t[i].gap == 0, t[i - 1].isMark(".") || t[i - 1].isMark("_") || t[i - 1].kind == .word { continue }
            if i + 3 < t.count, t[i + 3].gap == 0, t[i + 3].kind == .word || (t[i + 3].isMark(".") || t[i + 3].isMark("_") || t[i + 3].isMark("@")) && i + 4 < t.count && t[i + 4].gap == 0 { continue }
            while c < spans.count, spans[c].end <= a.start { c += 1 }
            // A mention is a person's though a part of it names a place ("@heriberto.pozuelo") or
            // was found as a name on its own ("@sarah.connor": the surname stayed).
            if c < spans.count, spans[c].start < b.end, !(mention && Self.onlyInside(spans[c...], a.start, b.end, kinds: [.location, .person])) { continue }
            added.append(EntitySpan(kind: .person, start: a.start, end: b.end, score: mention ? 0.8 : 0.6, recognizer: "person.handle"))
            i += 2
        }
        added += Self.initialHandles(spans, scan)
        added += Self.hyphenatedHandles(spans, scan).filter { handle in !added.contains { $0.start == handle.start && $0.end == handle.end } }
        return Self.absorbing(spans, added)
    }

    /// A mention of a name joined by hyphens, numbers after it or not ("@carlos-mendoza-12",
    /// "@mary-jane-okafor": it stayed, and the word before was read as a name): after `@` at a
    /// word's start, two to four words in lower case joined by `-`, each a listed name or a word no
    /// list holds, one at least a first name or a listed name no English word spells.
    static func hyphenatedHandles(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        var added: [EntitySpan] = []
        for k in t.indices where k > 0 && t[k].kind == .word && t[k - 1].isMark("@") && t[k].gap == 0 && (k == 1 || t[k - 1].gap > 0) {
            // The mention's parts up to a space or a mark other than `-`.
            var e = k
            while e + 1 < t.count, t[e + 1].gap == 0, t[e + 1].kind == .word || t[e + 1].kind == .number || t[e + 1].isMark("-") { e += 1 }
            let text = String(decoding: scan.units[t[k].start..<t[e].end], as: UTF16.self).lowercased()
            var words = text.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            while let last = words.last, !last.isEmpty, last.allSatisfy(\.isNumber) { words.removeLast() }
            guard (2...4).contains(words.count), words.allSatisfy({ $0.count >= 2 && $0.allSatisfy(\.isLetter) && $0 == $0.lowercased() }) else { continue }
            let flags = words.map { Lexicon.shared.lookup($0) }
            // (One a listed name no English word spells, or a first name: "@john-smith"; "@babel-core" is a package.)
            func named(_ f: Lexicon.Flags) -> Bool { !f.isDisjoint(with: .names) && !f.contains(.common) }
            func sure(_ f: Lexicon.Flags) -> Bool { named(f) && (!f.contains(.english) || f.contains(.firstName)) }
            guard flags.contains(where: sure), flags.allSatisfy({ named($0) || $0.isEmpty }),
                  !spans.contains(where: { $0.start < t[e].end && t[k].start < $0.end && $0.kind != .person }) else { continue }
            added.append(EntitySpan(kind: .person, start: t[k].start, end: t[e].end, score: 0.8, recognizer: "person.handle"))
        }
        return added
    }

    /// Whether the spans (in order, from the first that ends after `start`) that begin before
    /// `end` all lie within `start..<end` and are of `kinds`: findings a wider one may take in.
    static func onlyInside(_ spans: ArraySlice<EntitySpan>, _ start: Int, _ end: Int, kinds: Set<EntityKind>) -> Bool {
        spans.prefix { $0.start < end }.allSatisfy { kinds.contains($0.kind) && $0.start >= start && $0.end <= end }
    }

    /// `spans` with `added` among them, in order, the spans inside an added one dropped (it takes them in).
    static func absorbing(_ spans: [EntitySpan], _ added: [EntitySpan]) -> [EntitySpan] {
        guard !added.isEmpty else { return spans }
        let kept = spans.filter { span in !added.contains { $0.start <= span.start && span.end <= $0.end } }
        return (kept + added).sorted { $0.start < $1.start }
    }

    /// A mention of one word, an initial and a listed surname ("@jsmith", "@mgonzalez"): the
    /// surname of four letters or more, no common word (an English one may be: Smith, Baker); a
    /// team's or a channel's mention ("@support", "@here") and a package's scope ("@babel/core")
    /// are none.
    /// The same as a chat log's speaker, at a line's start or after its time, before a colon
    /// (`[10:42] jmorales: can u check`: it stayed), or in IRC's angle brackets after the time
    /// (`[10:42] <kmiller> hey`).
    static func initialHandles(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        var added: [EntitySpan] = []
        var c = 0
        for k in t.indices where t[k].kind == .word && t[k].count >= 3 {
            let mention = k > 0 && t[k - 1].isMark("@") && t[k].gap == 0
                && (k == 1 || t[k - 1].gap > 0 || t[k - 2].kind == .punct && !t[k - 2].isMark("."))
                && (k + 1 == t.count || t[k + 1].gap > 0 || t[k + 1].kind == .punct && !t[k + 1].isMark(in: "._@-/") || t[k + 1].isMark(".") && (k + 2 == t.count || t[k + 2].gap > 0))
            let speaker = !mention && k + 1 < t.count && t[k + 1].isMark(":") && t[k + 1].gap == 0
                && (k == 0 || t[k].gap == 2 || t[k].gap == 1 && t[k - 1].isMark("]") && (k == 1 || t[k - 1].gap == 0))
            // IRC's `<nick>` after the line's time: `[10:42] <kmiller> hey`, `10:42 <kmiller>`.
            let nick = !mention && k >= 3 && k + 1 < t.count && t[k - 1].isMark("<") && t[k].gap == 0 && t[k + 1].isMark(">") && t[k + 1].gap == 0
                && t[k - 1].gap == 1 && (t[k - 2].isMark("]") || t[k - 2].kind == .number && t[k - 3].isMark(":"))
            // A mention of a listed first name alone, no common word ("@bob", "@maria"; not "@here", "@param").
            if mention, t[k].isFirstNameAccented, !t[k].isCommon, !t[k].isCapitalized, !t[k].isAllCaps {
                while c < spans.count, spans[c].end <= t[k].start { c += 1 }
                if c < spans.count, spans[c].start < t[k].end { continue }
                added.append(EntitySpan(kind: .person, start: t[k].start, end: t[k].end, score: 0.7, recognizer: "person.handle"))
                continue
            }
            guard t[k].count >= 5, mention || speaker || nick || Self.handleCued(t, k),
                  !t[k].isCapitalized, !t[k].isAllCaps, !t[k].isListedName, t[k].flags.isEmpty, t[k].lower.unicodeScalars.allSatisfy(\.properties.isLowercase) else { continue }
            let surname = Lexicon.shared.lookup(String(t[k].lower.dropFirst()))
            guard surname.contains(.lastName), !surname.contains(.common) else { continue }
            while c < spans.count, spans[c].end <= t[k].start { c += 1 }
            if c < spans.count, spans[c].start < t[k].end { continue }
            added.append(EntitySpan(kind: .person, start: t[k].start, end: t[k].end, score: 0.8, recognizer: "person.handle"))
        }
        return added
    }

    /// Words after which a login's handle names its person: who did or holds something.
    static let handleCues: Set<String> = [
        "by", "to", "from", "cc", "owner", "assignee", "author", "reporter", "approver", "reviewer", "requester", "requestor", "committer",
    ]

    /// Whether the word before token `k` (a quote, a colon or `=` between) hands or names an
    /// account (``handleCues``, a user name's word): `approved by "k.nakamura"`, `owner: mgarcia`.
    static func handleCued(_ t: [TextScan.Token], _ k: Int) -> Bool {
        guard k >= 1, t[k].gap <= 1 else { return false }
        var w = k - 1
        if t[w].isMark(in: "'\":="), t[w].gap <= 1, w >= 1 { w -= 1 }
        guard t[w].kind == .word, w + 1 == k ? t[k].gap == 1 : true else { return false }
        // (`logged in as tkowalski`, `signed in as`.)
        if t[w].lower == "as", w >= 1, t[w - 1].lower == "in" { return true }
        return handleCues.contains(t[w].lower) || t[w].has(.userCue)
    }

    /// Words that name the kind of number after them (`MAC 00:1A:…`, `Vehicle VIN 1HG…`): Mac and
    /// Vin are first names, and the tagger read the label as a person.
    static let numberLabels = Set(["mac", "vin", "ip", "iban", "ssn", "serial", "device", "vehicle", "plate", "host", "router", "modem", "passport"] + RecordNumberRecognizer.deviceCues)

    /// A name or a place whose last word labels the number that follows it (`with MAC
    /// 00:1A:2B:3C:4D:5E`, `Vehicle VIN 1HGCM…`, `SIM ICCID 8944…`, `Passport number 123456789`) is
    /// none: it was replaced by a fake person's name or a town's.
    static func withoutNumberLabels(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        var result = spans
        for n in stride(from: spans.count - 2, through: 0, by: -1) where (spans[n].kind == .person || spans[n].kind == .location) && numberShaped.contains(spans[n + 1].kind) {
            guard let last = scan.token(endingAt: spans[n].end), numberLabels.contains(t[last].lower) else { continue }
            var next = last + 1
            while next < t.count, t[next].gap <= 1, t[next].isMark(in: ":#.") || RecordNumberRecognizer.fillers.contains(t[next].lower), next - last <= 3 { next += 1 }
            guard next < t.count, t[next].start == spans[n + 1].start, t[next].gap <= 1 else { continue }
            result.remove(at: n)
        }
        return result
    }

    /// Words that name a place inside a building or a site by the number after them, surnames
    /// some of them (`Ward`, `Bay`, `Hall`).
    static let roomLabels: Set<String> = [
        "ward", "bed", "bay", "room", "gate", "dock", "platform", "aisle", "wing", "pier", "berth", "cabin", "lab", "theatre", "theater", "hall",
        "booth", "stall", "locker", "cubicle", "desk", "hangar", "terminal", "court",
    ]

    /// A name of one word that labels the number after it, as a ward, a bed or a gate does
    /// (`Patient in Ward 7B`, `Gate 12`): none. (The tagger took `Ward`, a surname, for a name.)
    static func withoutRoomLabels(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        return spans.filter { span in
            guard span.kind == .person, let a = scan.token(startingAt: span.start), scan.token(endingAt: span.end) == a,
                  roomLabels.contains(t[a].lower), a + 1 < t.count, t[a + 1].kind == .number, t[a + 1].gap == 1, t[a + 1].count <= 4 else { return true }
            // (After a title it is a person's: `Dr. Hall 3 patients today`.)
            let before = a >= 2 && t[a - 1].isMark(".") ? a - 2 : a - 1
            return before >= 0 && t[before].has(.title)
        }
    }

    /// Articles of other languages, which may stand before a title ("La Sra.", "El Sr.", "Il Sig.").
    static let foreignArticles: Set<String> = ["la", "el", "il", "le", "lo", "los", "las", "les", "die", "der", "den", "dem", "de", "het", "o", "os", "as", "gli", "i"]

    /// A name the tagger read in the words before a title and its name ("La Sra. López": `La Sra`) is
    /// none: the title stays, as it does where the name rule finds the name.
    static func withoutTitles(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        var result = spans
        for n in stride(from: spans.count - 2, through: 0, by: -1) where spans[n].kind == .person && spans[n + 1].kind == .person {
            guard let last = scan.token(endingAt: spans[n].end), t[last].has(.title), let first = scan.token(startingAt: spans[n].start) else { continue }
            var next = last + 1
            if next < t.count, t[next].isMark("."), t[next].gap == 0 { next += 1 }
            if next < t.count, t[next].gap == 0, WordLists.titleEndings.contains(t[next].lower) { next += 1 }
            guard next < t.count, t[next].start == spans[n + 1].start,
                  t[first...last].allSatisfy({ $0.has(.title) || $0.has(.article) || $0.isCommon || Self.foreignArticles.contains($0.lower) }) else { continue }
            result.remove(at: n)
        }
        return result
    }

    /// A name ends before its possessive ("Jimmy Österberg's daughter": the fake took the `'s` with
    /// it, and a name linked to the row's columns was not matched).
    static func withoutPossessives(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let u = scan.units
        var result = spans  // (copied only where a span is trimmed)
        for (n, span) in spans.enumerated() where span.kind == .person && span.length > 3 && u[span.end - 1] | 0x20 == 0x73 {
            if u[span.end - 2] == 0x27 || u[span.end - 2] == 0x2019, u[span.end - 3] != 0x20 { result[n].end -= 2 }
        }
        return result
    }

    /// Two places' names in a row before a verb a person is the subject of ("Qushi Gera asked us":
    /// each a town of GeoNames) are a person's name.
    static func placesAsSubjects(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        var result = spans
        var n = 0
        while n + 1 < result.count {
            let a = result[n], b = result[n + 1]
            guard a.kind == .location, b.kind == .location, let i = scan.token(startingAt: a.start), scan.token(endingAt: a.end) == i,
                  let j = scan.token(startingAt: b.start), j == i + 1, scan.token(endingAt: b.end) == j, t[j].gap == 1,
                  t[i].isCapitalized, !t[i].isAllCaps, t[j].isCapitalized, !t[j].isAllCaps,
                  j + 1 < t.count, t[j + 1].gap == 1, t[j + 1].kind == .word, subjectVerb(t[j + 1]),
                  i == 0 || t[i].gap == 2 || t[i - 1].isMark(in: ".!?:;") else { n += 1; continue }
            result[n] = EntitySpan(kind: .person, start: a.start, end: b.end, score: 0.7, recognizer: "person.subject")
            result.remove(at: n + 1)
            n += 1
        }
        return result
    }

    /// A text in capitals ("NO ANSWER FROM THE CUSTOMER"): every word looks like a name to the
    /// tagger, so a name's common words and English words of four letters or more at either end are
    /// taken off unless the name lists hold them ("[PRIYA NAIR] NEEDS", "ROSE" kept), and a name of
    /// such words only is none, nor one of two English words or more none of which is a listed first
    /// name ("TEMP LINK"). A text is in capitals where nine in ten of its words of two letters or
    /// more are, and it has four such words at least.
    static func inCapitals(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        guard spans.contains(where: { $0.kind == .person }) else { return spans }
        var words = 0, capitals = 0
        for token in t where token.kind == .word && token.count > 1 {
            words += 1
            if token.isAllCaps { capitals += 1 }
        }
        guard words >= 4, capitals * 10 >= words * 9 else { return spans }
        // (A short English word may be a surname no list holds: "BANJEET LAD".)
        func plain(_ k: Int) -> Bool {
            t[k].kind != .word || !t[k].isListedName && (t[k].isCommon || t[k].count >= 4 && t[k].has(.english) || englishParts(k)) || WordLists.moreEnglish.contains(t[k].lower)
        }
        // A hyphenated word of English words ("WILL-CALL", "FOLLOW-UP").
        func englishParts(_ k: Int) -> Bool {
            t[k].lower.utf8.contains(0x2D) && t[k].lower.split(separator: "-").allSatisfy { !Lexicon.shared.lookup(String($0)).isDisjoint(with: [.english, .common]) }
        }
        return spans.compactMap { span in
            guard span.kind == .person, var a = scan.token(startingAt: span.start), var b = scan.token(endingAt: span.end) else { return span }
            // Words that are all English, none a listed first name, are a phrase ("TEMP LINK": `link`
            // is a census surname), not a name.
            if b > a, t[a...b].allSatisfy({ $0.kind != .word || ($0.has(.english) || WordLists.moreEnglish.contains($0.lower)) && !$0.isFirstNameAccented }) {
                return nil
            }
            while a <= b, plain(a) { a += 1 }
            while b >= a, plain(b) { b -= 1 }
            guard a <= b else { return nil }
            var kept = span
            kept.start = t[a].start
            kept.end = t[b].end
            return kept
        }
    }

    /// Whether token `k` may be a word of a name the lists and the tagger missed: capitalised, no
    /// finding covers it, no common word, title, weekday, month or firm's word (nor a word of the
    /// flags `also`), and an English word only where the name lists hold it.
    static let notNameWords: Lexicon.Flags = [.title, .weekday, .month, .organizationSuffix, .institution, .personCue, .personIntroduction]
    static func unfoundNameWord(_ t: [TextScan.Token], _ k: Int, covered: [Bool], also: Lexicon.Flags = []) -> Bool {
        k >= 0 && k < t.count && t[k].kind == .word && t[k].isCapitalized && !t[k].isAllCaps && t[k].count > 1 && !covered[k] && !t[k].isCommon
            && !t[k].has(notNameWords.union(also))
            && (!t[k].has(.english) || t[k].isListedName)
            && !WordLists.moreEnglish.contains(t[k].lower) && !WordLists.namedThings.contains(t[k].lower)
    }

    /// A possessive of a word that is English and no listed name (`Patient's`, `Customer's`): a
    /// role's or a thing's, not a person's name (`Patient's daughter` was a person).
    static func isRolePossessive(_ token: TextScan.Token) -> Bool {
        guard let stem = token.possessiveStem else { return false }
        let listed = Lexicon.shared.lookup(stem)
        return !listed.isDisjoint(with: [.common, .english]) && listed.isDisjoint(with: [.firstName, .lastName])
    }

    /// What a person has, after a possessive that names them ("Kim's phone").
    static let belongings: Set<String> = ["phone", "mobile", "cell", "account", "card", "email", "address", "laptop", "car", "password", "wallet", "order", "birthday", "appointment", "records", "file"]

    /// Words for the people around someone, after a possessive ("Priyanka's husband") or inside a
    /// parenthesis after a name ("Mateus (son of …)").
    static let relations: Set<String> = WordLists.family.union(["friend", "neighbour", "neighbor", "boss", "colleague", "landlord", "landlady", "flatmate", "roommate", "carer", "caregiver", "guardian"])

    /// Words for a household or a person's home and estate after `the` and a surname ("the Delgado
    /// estate", "the Okafor household"), and after a possessive ("Maria's household").
    static let households: Set<String> = [
        "estate", "household", "residence", "home", "house", "kids", "children", "twins", "wedding", "funeral", "couple", "farm", "property",
        "boys", "girls", "siblings", "brothers", "sisters", "parents", "grandparents",
    ]
    /// A person's affairs after `the` and a surname no English word spells ("the Nakamura account";
    /// not "the Gold account", a tier).
    static let affairs: Set<String> = ["account", "case", "file", "matter", "claim", "trust"]

    /// Names said by the people around them, that the lists and the tagger missed (each stayed):
    /// - one or two capitalised words with a possessive before a word of ``relations``: "Priyanka's
    ///   husband" (the name without its `'s`);
    /// - the same before a parenthesis that opens with such a word: "Mateus (son of the account holder)";
    /// - a surname before `family`: "the O'Sullivan family", and one to three names in a parenthesis
    ///   right after it, joined by commas, `and` or `&`: "(Aoife & Cian)".
    /// A word taken is no common word, title, weekday, month or firm's word (a place's name may be
    /// a person's: the words around say which), and an English word only where the name lists hold
    /// it. Each scores 0.6.
    static func relatedNames(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        let possessions = scan.flags.contains(.belonging)
        guard possessions || scan.flags.contains(.relation) else { return spans }
        let covered = scan.covering(spans).map { $0 != nil }
        func nameWord(_ k: Int) -> Bool { unfoundNameWord(t, k, covered: covered) }
        /// The first word of the name ending at `e` (one or two words).
        func start(ending e: Int) -> Int { nameWord(e - 1) && t[e].gap == 1 ? e - 1 : e }
        var added: [EntitySpan] = []
        func add(_ a: Int, _ b: Int) { added.append(EntitySpan(kind: .person, start: t[a].start, end: t[b].end, score: 0.6, recognizer: "person.related")) }
        for k in t.indices {
            // "the Delgado estate", "the Nakamura account": the household's word in lower case (not
            // "the White House").
            if t[k].has(.relation), k >= 2, t[k].gap == 1, !t[k].isCapitalized, t[k - 2].lower == "the", t[k - 1].gap == 1, t[k - 1].count >= 3,
               households.contains(t[k].lower) || affairs.contains(t[k].lower) && !t[k - 1].has(.english) && Lexicon.shared.lookup(t[k - 1].lower).contains(.lastName),
               nameWord(k - 1) {
                add(k - 1, k - 1)
                continue
            }
            // "Priyanka's husband": the word holds its `'s` (an apostrophe between letters is the
            // word's); ``withoutPossessives`` ends the name before it. (Not `partner`, which firms
            // have: "Acme's partner network".)
            // (Nor `house` and `home`: "India's house number", "Google's home page".)
            if t[k].has(.relation), k >= 1, t[k].gap == 1, t[k].lower != "partner", t[k].lower != "family", !affairs.contains(t[k].lower),
               t[k].lower != "house", t[k].lower != "home" {
                let e = k - 1
                if t[e].possessiveStem != nil, t[e].count > 3, nameWord(e), !Self.isRolePossessive(t[e]) { add(start(ending: e), e) }
                continue
            }
            // "Kim's phone", "Amara's account": a listed first name's possessive before what a person has.
            if possessions, t[k].has(.belonging), k >= 1, t[k].gap == 1 {
                let e = k - 1
                let word = t[e].possessiveStem
                let listed = word.map { Lexicon.shared.lookup($0) } ?? []
                if let word, word.count >= 3, t[e].isCapitalized, !t[e].isAllCaps, nameWord(e), listed.contains(.firstName), listed.isDisjoint(with: [.common, .english]) {
                    add(e, e)
                }
                continue
            }
            // "Mateus (son of …)".
            if t[k].isMark("("), k + 1 < t.count, t[k + 1].gap == 0, t[k + 1].has(.relation), t[k + 1].lower != "family", t[k].gap == 1, nameWord(k - 1) {
                add(start(ending: k - 1), k - 1)
                continue
            }
            // "the O'Sullivan family (Aoife & Cian)".
            if t[k].has(.relation), t[k].lower == "family", k >= 1, t[k].gap == 1 {
                guard nameWord(k - 1) else { continue }
                add(k - 1, k - 1)
                var p = k + 1
                guard p < t.count, t[p].isMark("("), t[p].gap == 1 else { continue }
                p += 1
                var names: [(Int, Int)] = []
                while p < t.count, names.count < 4 {
                    guard nameWord(p) else { names = []; break }
                    names.append((p, p))
                    p += 1
                    if p < t.count, t[p].isMark(")") { break }
                    guard p < t.count, t[p].isMark(",") || t[p].isMark("&") || t[p].lower == "and" else { names = []; break }
                    p += 1
                }
                if p < t.count, t[p].isMark(")") { for (a, b) in names { add(a, b) } }
            }
        }
        guard !added.isEmpty else { return spans }
        return Self.disjoint((spans + added).sorted(by: Self.better)).sorted { $0.start < $1.start }
    }

    /// The accounts of a system, not of a person (`user 'admin'`, `login: postgres`).
    static let systemAccounts: Set<String> = ["admin", "administrator", "root", "guest", "postgres", "mysql", "oracle", "nobody", "daemon", "www-data", "sa", "sysadmin", "superuser", "anonymous", "jenkins", "ubuntu", "ec2-user", "git", "deploy"]

    /// Words that name a login's user name after them (`user=jdoe`, `username asmith`, `login: mkowalski`).
    /// A messenger's or a network's name before its handle too (`WeChat: zhangwei88`, `github: octocat_dev`).
    static let userNameCues: Set<String> = [
        "user", "username", "login", "userid", "uid", "logon", "reporter", "assignee", "author", "creator", "requester", "approver", "committer",
        "wechat", "skype", "telegram", "discord", "snapchat", "kik", "viber", "instagram", "ig", "twitter", "tiktok", "github", "gitlab", "reddit",
        "handle", "gamertag", "psn", "steam", "mastodon", "bluesky", "threads",
    ]

    /// A user name after the words that name it: a word in lower case, digits and more words may
    /// follow joined by `.`, `_` or `-` (`jsmith2`, `john_doe_1987`, `john.smith87`), no English word
    /// first and not all English words, not inside a finding (`user=jdoe` stayed: a login names a
    /// person as a name does; a name of parts or digits stayed, or a part of it did).
    static func userNames(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        var added: [EntitySpan] = []
        var c = 0
        func english(_ k: Int) -> Bool { t[k].has([.english, .common]) || WordLists.moreEnglish.contains(t[k].lower) || Self.systemAccounts.contains(t[k].lower) }
        for i in t.indices where t[i].has(.userCue) {
            var k = i + 1
            // A JSON key's closing quote (`"reporter": "nkimura"`: it stayed).
            if i > 0, k + 1 < t.count, t[i - 1].isMark("\""), t[i].gap == 0, t[k].isMark("\""), t[k].gap == 0, t[k + 1].isMark(":"), t[k + 1].gap == 0 { k += 1 }
            if k < t.count, t[k].isMark("=") || t[k].isMark(":"), t[k].gap <= 1 { k += 1 }
            // Skype's names of Microsoft accounts (`Skype: live:jdoe_1990`): the name after `live:`.
            if t[i].lower == "skype", k + 2 < t.count, t[k].lower == "live", t[k + 1].isMark(":"), t[k + 1].gap == 0, t[k + 2].gap == 0 { k += 2 }
            // In quotes, as a log writes it (`user 'tmueller'`, `user="jsmith2"`).
            var quote: UInt16 = 0
            if k < t.count, t[k].isMark(in: "'\""), k == i + 1 ? t[k].gap == 1 : t[k].gap <= 1 { quote = t[k].mark; k += 1 }
            guard k < t.count, quote != 0 ? t[k].gap == 0 : k == i + 1 ? t[k].gap == 1 : t[k].gap <= 1, t[k].kind == .word, !t[k].isCapitalized, !t[k].isAllCaps, t[k].count >= 3,
                  !t[k].has(.userCue) else { continue }
            // Its parts: digits written on, words and digits after `.`, `_` or `-`.
            var end = k
            while end + 1 < t.count, t[end + 1].gap == 0 {
                if t[end + 1].kind == .number { end += 1; continue }
                guard t[end + 1].isMark(in: "._-"), end + 2 < t.count, t[end + 2].gap == 0, t[end + 2].kind != .punct,
                      t[end + 2].kind == .number || !t[end + 2].isCapitalized && !t[end + 2].isAllCaps else { break }
                end += 2
            }
            // Not run on into more (`jdoe@…` is an email's, `jdoe/…` a path's); a quote closed.
            if quote != 0 {
                guard end + 1 < t.count, t[end + 1].mark == quote, t[end + 1].gap == 0 else { continue }
            } else if end + 1 < t.count, t[end + 1].gap == 0 {
                let sentenceEnd = t[end + 1].isMark(".") && (end + 2 == t.count || t[end + 2].gap > 0)
                guard t[end + 1].isMark(in: ",;)") || sentenceEnd else { continue }
            }
            if (k...end).filter({ t[$0].kind == .word }).allSatisfy(english) { continue }
            // An English word first only with digits or a word no list knows after it (`lily.h2004`;
            // not `user account_settings`).
            if english(k), !(k...end).contains(where: { t[$0].kind == .number || t[$0].kind == .word && !english($0) }) { continue }
            while c < spans.count, spans[c].end <= t[k].start { c += 1 }
            // (A finding inside it, the tagger's first name of `john.smith87`, is the user name's.)
            if c < spans.count, !Self.onlyInside(spans[c...], t[k].start, t[end].end, kinds: [.person]) { continue }
            added.append(EntitySpan(kind: .person, start: t[k].start, end: t[end].end, score: 0.6, recognizer: "person.username"))
        }
        return Self.absorbing(spans, added)
    }

    /// A login of a listed first name and an initial or a listed surname joined by a dot, in lower
    /// case, with no cue before it (`reassigned from bjorn.s`, `assigned to maria.g`, `owner:
    /// bjorn.svensson`: they stayed, or the initial did after the tagger's first name). Not a
    /// domain's or a file's (`maria.de`, `grace.txt`), not an English word's (`grace.period`), not
    /// run on into code, a path or an address (`mark.as_read()`, `maria.g/…`, `maria.g@…`).
    static func dottedLogins(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        var added: [EntitySpan] = []
        func lower(_ k: Int) -> Bool { t[k].kind == .word && !t[k].isCapitalized && !t[k].isAllCaps }
        for k in t.indices where k + 2 < t.count && lower(k) && t[k].count >= 3 && t[k].isFirstNameAccented && (k == 0 || t[k].gap > 0 || t[k - 1].isMark(in: "(\"'"))
            && t[k + 1].gap == 0 && t[k + 1].isMark(".") && t[k + 2].gap == 0 && lower(k + 2) {
            let second = t[k + 2]
            guard second.count == 1 || second.isLastNameAccented && !second.has([.english, .common]) && !WordLists.moreEnglish.contains(second.lower),
                  !ContactRecognizer.topLevelDomains.contains(second.lower),
                  // (A file's extension of one letter, after a word that hands or names an account, is an initial: `user anita.r`.)
                  !Self.fileExtensions.contains(second.lower) || second.count == 1 && Self.handleCued(t, k) else { continue }
            // Ends there: a space, the text's end, or a comma, colon, parenthesis or sentence's stop before one.
            if k + 3 < t.count, t[k + 3].gap == 0 {
                guard t[k + 3].isMark(in: ",;:)!?.") && (k + 4 == t.count || t[k + 4].gap > 0) else { continue }
            }
            added.append(EntitySpan(kind: .person, start: t[k].start, end: second.end, score: 0.6, recognizer: "person.username"))
        }
        guard !added.isEmpty else { return spans }
        return Self.absorbing(spans, added)
    }

    /// A name the tagger began at support's shorthand in lower case ("cust james", the surname after
    /// it left), or at a clinical note's patient in any case ("Pt John Smith"): the cue is no part of
    /// it, and a surname in lower case right after is ("james maccormack"). Nor is a word of family
    /// in lower case the tagger ran over before a name ("Pt's son Kwame": the span began at `Pt's`).
    static func withoutShorthand(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        var result = spans
        for (n, span) in spans.enumerated() where span.kind == .person {
            if let a = scan.token(startingAt: span.start), let b = scan.token(endingAt: span.end) ?? t.indices.last(where: { t[$0].start < span.end }), b > a,
               let j = (a..<b).last(where: { t[$0].kind == .word && !t[$0].isCapitalized && !t[$0].isAllCaps && WordLists.family.contains(t[$0].lower) }),
               t[j + 1].kind == .word, t[j + 1].isCapitalized {
                result[n] = EntitySpan(kind: .person, start: t[j + 1].start, end: span.end, score: span.score, recognizer: span.recognizer)
                continue
            }
            guard let a = scan.token(startingAt: span.start), let b = scan.token(endingAt: span.end), b > a, t[a].kind == .word,
                  !t[a].isCapitalized && t[a].has(.shorthand) || t[a].lower == "pt" || t[a].lower == "pts", t[a + 1].gap == 1 else { continue }
            var end = b
            let next = b + 1
            if next < t.count, t[next].gap == 1, t[next].kind == .word, !t[next].isCapitalized, !t[next].isAllCaps, t[next].isLastNameAccented,
               !t[next].isCommon, n + 1 == spans.count || spans[n + 1].start >= t[next].end {
                end = next
            }
            result[n] = EntitySpan(kind: .person, start: t[a + 1].start, end: t[end].end, score: span.score, recognizer: span.recognizer)
        }
        return result
    }

    /// The name before an email address in angle brackets, as mail headers and copied recipients
    /// write it ("Reece Davies <reecedavies60@hotmail.co.uk>"): one to three capitalised words on the
    /// line, no common word, title or word of an organisation ("Support Team <help@…>"), that no
    /// finding covers. (The address was replaced and the name left.)
    static func displayNames(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        var added: [EntitySpan] = [], inverted: [EntitySpan] = []
        for (n, span) in spans.enumerated() where span.kind == .email {
            guard let b = scan.token(startingAt: span.start), b >= 2, t[b - 1].isMark("<"), t[b].gap == 0, t[b - 1].gap == 1 else { continue }
            var first = b - 1
            while first - 1 >= 0, b - 1 - first < 3, t[first - 1].kind == .word, t[first - 1].isCapitalized || t[first - 1].isAllCaps,
                  !t[first - 1].isCommon, !t[first - 1].has([.title, .organizationSuffix, .institution, .month, .weekday]), !NameRecognizer.departments.contains(t[first - 1].lower),
                  first - 1 == 0 || t[first - 1].gap <= 1 {
                first -= 1
                if t[first].gap != 1 { break }
            }
            // Written surname first, a delimiter before it ("To: Monreal, Ana <…>", Outlook's form):
            // the whole, over the given name found alone. (The surname stayed.)
            if first < b - 1, first >= 3, t[first - 1].isMark(","), t[first - 1].gap == 0, t[first - 2].kind == .word, t[first - 2].isCapitalized,
               !t[first - 2].isCommon, !t[first - 2].has([.title, .organizationSuffix, .institution]) {
                // Its particles before it ("van Oudewater, Sem").
                var s = first - 2
                while s >= 2, t[s - 1].kind == .word, t[s - 1].has(.particle), t[s].gap == 1 { s -= 1 }
                if s == 0 || t[s].gap == 2 || t[s - 1].isMark(in: ":;<>,") {
                    // Over a town's or a place's name the surname is (a display name is a person's).
                    inverted.append(EntitySpan(kind: .person, start: t[s].start, end: t[b - 2].end, score: 0.85, recognizer: "person.display-name"))
                    continue
                }
            }
            guard first < b - 1, n == 0 || spans[n - 1].end <= t[first].start else { continue }
            added.append(EntitySpan(kind: .person, start: t[first].start, end: t[b - 2].end, score: 0.7, recognizer: "person.display-name"))
        }
        guard !added.isEmpty || !inverted.isEmpty else { return spans }
        let kept = spans.filter { span in
            !([.person, .location, .organization].contains(span.kind) && inverted.contains { $0.start <= span.start && span.end <= $0.end })
        }
        return Self.disjoint((kept + added + inverted).sorted(by: Self.better)).sorted { $0.start < $1.start }
    }

    /// Whether a word no list knows is two English words run together ("callback", "chargeback",
    /// "workaround"), each of three letters or more: a thing, not a name.
    static func isEnglishCompound(_ word: String) -> Bool {
        let letters = Array(word)
        guard letters.count >= 6, letters.count <= 24 else { return false }
        for cut in 3...(letters.count - 3) where Lexicon.shared.lookup(String(letters[..<cut])).contains(.english) {
            if Lexicon.shared.lookup(String(letters[cut...])).contains(.english) { return true }
        }
        return false
    }

    /// Words after a sentence's subject that say it is a person: a verb in the past tense of the
    /// English list ("confirmed", "presented"; "-ed"), or one of these.
    static let personVerbs: Set<String> = [
        "never", "always", "wants", "wanted", "needs", "says", "said", "asked", "asks", "took", "takes", "covers", "wrote", "writes", "left",
        "paid", "pays", "told", "tells", "thinks", "thought", "knows", "knew", "spoke", "speaks", "agreed", "agrees", "prefers", "works", "lives",
        "rang", "rings", "calls", "emails",
    ]

    static func subjectVerb(_ token: TextScan.Token) -> Bool {
        personVerbs.contains(token.lower) || token.count > 4 && token.has(.english) && token.lower.hasSuffix("ed")
    }

    /// The words before a name someone gives as their own: "this is", "my name is", "I am", "I'm".
    static let selfIntroductions: Set<String> = ["is", "am", "i'm", "i’m", "im"]

    /// Words before a thing, not a person ("the wifi login").
    static let determiners: Set<String> = ["the", "a", "an", "this", "that", "these", "those", "my", "your", "our", "his", "her", "their", "its", "some", "any", "no", "every", "each"]

    /// Names no recogniser found that a reader would, by the census lists and the English word
    /// list (``Lexicon/Flags/english``):
    /// - two or three words in lower case that are no English words (a listed surname may be one:
    ///   "isaac butler") and that no other list holds, with a sign that they name someone (a listed
    ///   name, a word introducing a person before them, letters beyond ASCII, a possessive after):
    ///   "passenger camillo brugnaro", "kamil žák", "ekundayo olowokeere's" — not inside a text in
    ///   another language (the word before and after is English, a common word, a mark or nothing);
    /// - a listed name that is no English word opening a sentence before a word in lower case
    ///   ("Fischer confirmed delivery", "Olesen confirmed"), which the tagger read as a sentence's
    ///   first word;
    /// - one or two capitalised words that no list knows but the name lists, opening a sentence, a
    ///   line or what follows a colon, before a verb a person is the subject of (``subjectVerb(_:)``:
    ///   "Sorin never received", "Elisabet presented"); no department or job word ("Logistics closed").
    /// Each scores 0.55: any other finding over the same words wins.
    static func unfoundNames(_ spans: [EntitySpan], _ scan: TextScan, minimumScore: Double) -> [EntitySpan] {
        let t = scan.tokens
        guard !t.isEmpty, minimumScore <= 0.55 else { return spans }
        let covered = scan.covering(spans).map { $0 != nil }
        func lower(_ k: Int) -> Bool { k < t.count && t[k].kind == .word && !t[k].isCapitalized && !t[k].isAllCaps && !covered[k] }
        /// No list holds it that says it is something else (a title, a month, a suffix, a cue), and no
        /// common word; a place's name may be a person's ("rama", "butler").
        /// (Nor an English word's possessive: "mother's maiden name" is no one.)
        func plainName(_ k: Int) -> Bool {
            t[k].flags.subtracting([.firstName, .lastName, .english, .place, .placeStart, .streetKind]).isEmpty && !t[k].isCommon && !WordLists.moreEnglish.contains(t[k].lower)
                && t[k].possessiveStem.map({ Lexicon.shared.lookup($0).contains(.english) || $0.count < 2 }) != true
        }
        /// A listed first name, capitalised, that no rule took and no title, month or weekday.
        func capitalisedFirstName(_ k: Int) -> Bool {
            t[k].kind == .word && t[k].isCapitalized && !t[k].isAllCaps && !covered[k] && t[k].isFirstNameAccented && !t[k].has([.title, .month, .weekday])
        }
        /// A neighbour that says the text around is English (or is no word; or a word that
        /// introduces a person, `cust`).
        func englishAround(_ k: Int) -> Bool {
            k < 0 || k >= t.count || t[k].kind != .word || t[k].has([.english, .personIntroduction, .shorthand]) || t[k].isCommon || t[k].isCapitalized || t[k].isAllCaps || covered[k]
        }
        var added: [EntitySpan] = []
        var i = 0
        while i < t.count {
            defer { i += 1 }
            // After a word that introduces a person, two to four words in lower case before a verb a
            // person is the subject of, English words among them where one is a listed first name or
            // no English word: "cust yves pages rang", "cust ties de hoogh rang", "cust love
            // gustafsson rang" (each stayed). No department or job word first ("cust service desk rang").
            if i > 0, t[i - 1].kind == .word, t[i - 1].has([.personIntroduction, .shorthand]), t[i].gap == 1, lower(i), t[i].count >= 2,
               !t[i].isCommon || t[i].isFirstNameAccented, !t[i].has(.particle), !NameRecognizer.departments.contains(t[i].lower), !PersonModelRecognizer.jobWords.contains(t[i].lower) {
                var j = i
                while j + 1 < t.count, j - i < 3, t[j + 1].gap == 1, lower(j + 1), !Self.subjectVerb(t[j + 1]), !t[j + 1].isCommon || t[j + 1].has(.particle) { j += 1 }
                if j > i, !t[j].has(.particle), j + 1 < t.count, t[j + 1].gap == 1, lower(j + 1), Self.subjectVerb(t[j + 1]),
                   t[i...j].contains(where: { $0.isFirstNameAccented || !$0.has([.english, .particle]) && !WordLists.moreEnglish.contains($0.lower) }) {
                    added.append(EntitySpan(kind: .person, start: t[i].start, end: t[j].end, score: 0.55, recognizer: "person.lowercase"))
                    i = j
                    continue
                }
            }
            // A listed first name in lower case that is no English word, alone before a verb a person
            // is the subject of, in English ("so marco said no", "priya asked for a refund": they stayed).
            if lower(i), t[i].count >= 3, t[i].isFirstNameAccented, !t[i].has(.english), plainName(i), englishAround(i - 1),
               i == 0 || t[i - 1].kind != .word || !Self.determiners.contains(t[i - 1].lower),
               !Self.otherLanguageWords.contains(t[i].lower), i + 1 < t.count, t[i + 1].gap == 1, lower(i + 1), Self.subjectVerb(t[i + 1]) {
                added.append(EntitySpan(kind: .person, start: t[i].start, end: t[i].end, score: 0.55, recognizer: "person.lowercase"))
                continue
            }
            // A first name with an age after it, in a list of a family's people ("two kids (Lily, 6 and
            // Noah, 4)": Lily, an English word too, stayed).
            if capitalisedFirstName(i), i > 0, t[i - 1].isMark(in: "(,:") || t[i - 1].joinsNames,
               i + 2 < t.count, t[i + 1].isMark(","), t[i + 1].gap == 0, t[i + 2].kind == .number, t[i + 2].gap == 1, t[i + 2].count <= 2,
               i + 3 == t.count || t[i + 3].isMark(in: "),.;") || t[i + 3].joinsNames || ["y", "yo", "yrs", "years", "months"].contains(t[i + 3].lower) {
                added.append(EntitySpan(kind: .person, start: t[i].start, end: t[i].end, score: 0.6, recognizer: "person.age"))
                continue
            }
            // A listed first name before `from` and a team: the one the team sent ("Taylor from
            // Accounts said", "Jordan from Legal signed off", "Sam from the Finance team"; Taylor
            // stayed). Not a place before a place ("Paris from London").
            if capitalisedFirstName(i), i + 2 < t.count, t[i + 1].lower == "from", t[i + 1].gap == 1, t[i + 2].gap == 1 {
                let team = t[i + 2].lower == "the" && i + 3 < t.count && t[i + 3].gap == 1 ? i + 3 : i + 2
                if t[team].isCapitalized || t[team].isAllCaps, NameRecognizer.departments.contains(t[team].lower) {
                    added.append(EntitySpan(kind: .person, start: t[i].start, end: t[i].end, score: 0.55, recognizer: "person.team"))
                    continue
                }
            }
            // (After a word that introduces a person, a listed first name and surname though English
            // words: "cust mark evans rang".)
            // (Not a verb that helps another, first or second: "his wife will call back", "daughter grace will pick".)
            let introduced = i > 0 && t[i - 1].kind == .word && i + 1 < t.count && t[i + 1].isLastNameAccented && t[i + 1].gap == 1 && lower(i + 1)
                && !Self.auxiliaries.contains(t[i].lower) && !Self.auxiliaries.contains(t[i + 1].lower)
                && (t[i].isFirstNameAccented || !t[i].has(.english) && plainName(i))
                && t[i - 1].has([.personIntroduction, .shorthand])
            if lower(i), t[i].count >= 3, !t[i].has(.english) || introduced, plainName(i) || introduced {
                var j = introduced ? i + 1 : i
                while j + 1 < t.count, j - i < 2, t[j + 1].gap == 1, lower(j + 1), t[j + 1].count >= 2, plainName(j + 1),
                      t[j + 1].isLastNameAccented || !t[j + 1].has(.english) {
                    j += 1
                }
                guard j > i, englishAround(i - 1), englishAround(j + 1) else { continue }
                // No small word of another language inside (`pidió un reembolso`).
                if t[i...j].contains(where: { !$0.has(.particle) && $0.count <= 9 && Self.otherLanguageWords.contains($0.lower) }) { i = j; continue }
                // And a sign that it names someone: a listed name among the words, a word that
                // introduces a person before them ("passenger", "by", "for"), letters beyond ASCII
                // ("kamil žák"), or a possessive after ("…'s profile"); never after an article or a
                // determiner ("the wifi login", "this jpeg thumbnail").
                let before = i > 0 && t[i - 1].kind == .word ? t[i - 1].lower : ""
                if Self.determiners.contains(before) { i = j; continue }
                let listed = t[i...j].contains { $0.isFirstNameAccented || $0.isLastNameAccented }
                // (`w` introduces a person as `w/` alone: Polish `w sprawie faktury` is "about the invoice".)
                let cue = i > 0 && t[i - 1].kind == .word && t[i - 1].has([.personCue, .personIntroduction, .shorthand]) && t[i - 1].lower != "w"
                let foreign = t[i...j].contains { !$0.isASCII }
                let possessive = t[j].possessiveStem != nil
                    || j + 2 < t.count && (t[j + 1].isMark("'") || t[j + 1].isMark("’")) && t[j + 1].gap == 0 && t[j + 2].lower == "s"
                guard listed || cue || foreign || possessive else { i = j; continue }
                added.append(EntitySpan(kind: .person, start: t[i].start, end: t[j].end, score: 0.55, recognizer: "person.lowercase"))
                i = j
                continue
            }
            let opens = i == 0 || t[i].gap == 2 || t[i - 1].isMark(in: ".!?")
            if opens, t[i].kind == .word, t[i].isCapitalized, !t[i].isAllCaps, !covered[i], t[i].count >= 3,
               t[i].isFirstNameAccented || t[i].isLastNameAccented, !t[i].has(.english), !t[i].isCommon,
               t[i].flags.subtracting([.firstName, .lastName]).isEmpty,
               i + 1 < t.count, t[i + 1].gap == 1, lower(i + 1) {
                added.append(EntitySpan(kind: .person, start: t[i].start, end: t[i].end, score: 0.55, recognizer: "person.opening"))
                continue
            }
            // One or two capitalised words no list knows but the name lists, opening a sentence (or
            // a line, or what follows a colon) before a verb a person is the subject of ("Sorin never
            // received", "Reinald confirmed", "Elisabet presented", "Ove Jespersen never received").
            let opensClause = opens || t[i - 1].isMark(":")
            func unknownName(_ k: Int) -> Bool {
                k < t.count && t[k].kind == .word && t[k].isCapitalized && !t[k].isAllCaps && !covered[k] && t[k].count >= 3
                    && t[k].flags.subtracting([.firstName, .lastName]).isEmpty && !t[k].isCommon
                    && !NameRecognizer.departments.contains(t[k].lower) && !PersonModelRecognizer.jobWords.contains(t[k].lower)
                    && !WordLists.moreEnglish.contains(t[k].lower) && !Self.isEnglishCompound(t[k].lower)
            }
            if opensClause, unknownName(i) {
                let last = i + 1 < t.count && t[i + 1].gap == 1 && unknownName(i + 1) ? i + 1 : i
                if last + 1 < t.count, t[last + 1].gap == 1, lower(last + 1), Self.subjectVerb(t[last + 1]) {
                    added.append(EntitySpan(kind: .person, start: t[i].start, end: t[last].end, score: 0.55, recognizer: "person.subject"))
                    i = last
                }
            }
            // One or two such words after a verb whose object is a person, as a ticket's log writes
            // it ("Copied Wojciech on the thread", "Rescheduled Ololade to Friday", "then pinged
            // Thandeka"), before a word in lower case, a mark or the end (each stayed).
            // (A listed first name that is a town too, `Ask Laurent`.)
            func object(_ k: Int) -> Bool {
                unknownName(k) || k < t.count && t[k].kind == .word && t[k].isCapitalized && !t[k].isAllCaps && !covered[k] && t[k].isFirstNameAccented
                    && !t[k].isCommon && !t[k].has([.english, .title, .weekday, .month]) && !NameRecognizer.departments.contains(t[k].lower)
            }
            if t[i].kind == .word, !t[i].isAllCaps, i + 1 < t.count, t[i + 1].gap == 1, t[i + 1].isCapitalized, Self.personObjectVerbs.contains(t[i].lower), object(i + 1) {
                let last = i + 2 < t.count && t[i + 2].gap == 1 && unknownName(i + 2) ? i + 2 : i + 1
                if last + 1 == t.count || t[last + 1].kind == .punct || t[last + 1].gap == 2 || lower(last + 1) {
                    added.append(EntitySpan(kind: .person, start: t[i + 1].start, end: t[last].end, score: 0.55, recognizer: "person.object"))
                    i = last
                }
            }
        }
        guard !added.isEmpty else { return spans }
        return (spans + added).sorted { $0.start < $1.start }
    }

    /// Verbs that help another, some of them names too (Will, May, Cannon).
    static let auxiliaries: Set<String> = ["will", "can", "may", "might", "must", "shall", "would", "could", "should", "did", "does", "do", "has", "had", "have", "was", "is"]

    /// Verbs of a support log whose object is a person ("Copied Wojciech", "Rescheduled Ololade").
    static let personObjectVerbs: Set<String> = [
        "called", "phoned", "rang", "emailed", "e-mailed", "messaged", "texted", "pinged", "paged", "contacted", "copied", "cc'd", "cc'ed",
        "thanked", "reminded", "told", "asked", "informed", "notified", "advised", "rescheduled", "reassured", "invited", "greeted",
        "welcomed", "chased", "refunded", "reimbursed", "compensated", "interviewed", "consulted", "visited", "warned", "congratulated",
        // Their imperatives, as a note to a colleague writes them ("Ask Laurent about the keys").
        "ask", "tell", "remind", "ping", "thank", "notify", "inform", "invite", "message", "phone", "ring", "email", "call", "contact",
    ]

    /// In a list of three items or more on one line, separated by commas, semicolons or slashes
    /// ("Visitor log: Odetola, Dương, Tommi", "Adrian Smith/Bruce Dickinson/Nicko McBrain"), where at
    /// least two items and half of them are names found whole — or of two items joined by a slash, one
    /// a name found whole ("Alex North/Hy Zaret"); or where every item is one word, a listed name or
    /// one no list knows, and one a listed name that is nothing else ("Clapton/Collins/Pappalardi") —
    /// an item of
    /// one to three capitalised words that is no common word, title, weekday, month, department or
    /// company suffix, and that no other finding covers but a place, is a name too: the lists and the
    /// tagger miss a name they do not know at a list's start, and a first name that is also a town
    /// ("Toma") was given a place's fake.
    static func completedLists(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        guard scan.tokens.contains(where: { $0.isMark(in: ",;/") }) else { return spans }
        let t = scan.tokens
        func nameWord(_ token: TextScan.Token) -> Bool {
            token.kind == .word && (token.isCapitalized || token.isAllCaps) && !token.isCommon && token.count > 1
                && !token.has([.title, .weekday, .month, .organizationSuffix, .streetSuffix, .streetKind]) && !NameRecognizer.departments.contains(token.lower)
        }
        // The spans are disjoint and in order: those over a stretch are found by a binary search (a
        // text of a megabyte may be one long list).
        var people = Set<Int>(), personEnds: [Int: Int] = [:]  // (people: start << 32 | end; a text is read in windows of 16,384 units)
        for span in spans where span.kind == .person {
            people.insert(span.start << 32 | span.end)
            personEnds[span.start] = span.end
        }
        func over(_ start: Int, _ end: Int) -> ArraySlice<EntitySpan> {
            var low = 0, high = spans.count
            while low < high { let mid = (low + high) / 2; if spans[mid].end <= start { low = mid + 1 } else { high = mid } }
            var last = low
            while last < spans.count, spans[last].start < end { last += 1 }
            return spans[low..<last]
        }
        let slash = UInt16(UInt8(ascii: "/"))
        /// The mark at token `k` that separates items, if it does: a comma or a semicolon after an
        /// item and before a space, a slash with a space on both sides or on neither.
        func separator(_ k: Int) -> UInt16? {
            guard k + 1 < t.count else { return nil }
            if t[k].isMark(",") || t[k].isMark(";") { return t[k].gap == 0 && t[k + 1].gap == 1 ? t[k].mark : nil }
            return t[k].isMark("/") && t[k].gap == t[k + 1].gap && t[k].gap <= 1 ? slash : nil
        }
        /// The last token of an item that ends at `e`: its count or age in brackets, where one follows ("Keoni (8)").
        func counted(_ e: Int) -> Int {
            e + 3 < t.count && t[e + 1].isMark("(") && t[e + 1].gap == 1 && t[e + 2].kind == .number && t[e + 2].count <= 3 && t[e + 2].gap == 0
                && t[e + 3].isMark(")") && t[e + 3].gap == 0 ? e + 3 : e
        }
        var added: [EntitySpan] = [], replaced = Set<Int>()
        var i = 0
        while i < t.count {
            // Items: runs of one to three name-shaped words, each after the list's separator (the first after anything).
            var items: [(start: Int, end: Int)] = []
            var k = i
            var mark: UInt16 = 0
            while k < t.count, nameWord(t[k]) {
                var e = k
                if let end = personEnds[t[k].start], let last = scan.token(endingAt: end), last - k < 4 {
                    e = last  // a name found whole, whatever its words ("Alex North")
                } else {
                    while e + 1 < t.count, e - k < 2, t[e + 1].gap == 1, nameWord(t[e + 1]) { e += 1 }
                }
                // A word before a colon is a field's label, not an item ("Cc: Ivy Chen; Bcc: Rose Whitfield").
                if e + 1 < t.count, t[e + 1].isMark(":"), t[e + 1].gap == 0 { break }
                items.append((k, e))
                guard let next = separator(counted(e) + 1), mark == 0 || next == mark else { k = counted(e) + 1; break }
                mark = next
                k = counted(e) + 2
            }
            defer { i = max(i + 1, k) }
            func found(_ item: (start: Int, end: Int)) -> Bool { people.contains(t[item.start].start << 32 | t[item.end].end) }
            let named = items.filter(found).count
            // Three items or more, two and half of them names; or two joined by a slash, one a name,
            // and no slash before or after them ("Ties de Vos / Human Resources / 29 December 2024"
            // is a record of fields, not a list).
            let closed = items.count >= 2 && separator(counted(items[items.count - 1].end) + 1) == nil && !(items[0].start > 0 && t[items[0].start - 1].isMark("/"))
            let pair = closed && items.count == 2 && mark == slash && named == 1
            // Or names of one word alone, each a listed name or a word no list knows, one of them a
            // listed name that is no English word or place ("Clapton/Collins/Pappalardi", "Blackmore,
            // Glover, Turner"; not "Young, Green, Brown", "Paris/London", "Jira/Confluence").
            let surnames = closed && named < items.count && items.allSatisfy { item in
                found(item) || item.start == item.end && t[item.start].isCapitalized && !t[item.start].isAllCaps
                    && (t[item.start].isListedName || t[item.start].isUnknown)
            } && items.contains { item in item.start == item.end && t[item.start].isListedName && !t[item.start].has([.english, .place]) }
            guard items.count >= 3 ? named >= 2 && named * 2 >= items.count || surnames : pair || surnames else { continue }
            for item in items {
                let start = t[item.start].start, end = t[item.end].end
                let covering = over(start, end)
                guard covering.allSatisfy({ $0.kind == .location }) else { continue }
                replaced.formUnion(covering.indices)
                added.append(EntitySpan(kind: .person, start: start, end: end, score: 0.6, recognizer: "person.list"))
            }
        }
        guard !added.isEmpty else { return spans }
        return (spans.indices.filter { !replaced.contains($0) }.map { spans[$0] } + added).sorted { $0.start < $1.start }
    }

    /// Whether `a` goes before `b` among overlapping candidates: the higher score, then the longer
    /// span, then the earlier.
    static func better(_ a: EntitySpan, _ b: EntitySpan) -> Bool { (a.score, a.length, -a.start) > (b.score, b.length, -b.start) }

    /// The spans, best first, that overlap no better one. Few spans are compared pairwise; many
    /// (a long document) mark the units they cover, so a text of a megabyte with a name in every
    /// line is not compared span by span (that took minutes).
    static func disjoint(_ candidates: [EntitySpan]) -> [EntitySpan] {
        var chosen: [EntitySpan] = []
        guard candidates.count > 64 else {
            for span in candidates where !chosen.contains(where: { $0.overlaps(span) }) { chosen.append(span) }
            return chosen
        }
        var taken = [Bool](repeating: false, count: candidates.reduce(0) { max($0, $1.end) })
        for span in candidates where !taken[span.start..<span.end].contains(true) {
            chosen.append(span)
            for i in span.start..<span.end { taken[i] = true }
        }
        return chosen
    }

    /// Letters of Spanish and Portuguese names that English ones lack (``widenedNames(_:_:)``).
    static let iberianLetters: Set<Unicode.Scalar> = Set("áéíóúñãõçÁÉÍÓÚÑÃÕÇ".unicodeScalars)

    /// Names widened over words the rules and the tagger left outside them, each of which would
    /// stay in the clear: a second surname (Spanish and Portuguese names have two: "José Luis
    /// Rodríguez Zapatero"), a middle initial and what follows it ("Édouard J. Masson"), a first
    /// name before an initial or a particle ("Angalia C. Mwangi", "Dervilla Mac Osgair"), the name
    /// after a particle ("Brendan P. Mac Dáibhidh", "Sarah Ó Maille"), an inverted name's first name
    /// ("Tylka, Jerzy"; not in a list of names, "Odetola, Dương, Tommi"). A word taken is capitalised and no common word, title, weekday, month,
    /// place or suffix; a second surname needs a name of two words ending in a listed surname and no
    /// capitalised word after it.
    static func widenedNames(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        guard spans.contains(where: { $0.kind == .person }) else { return spans }
        let t = scan.tokens
        var result = spans
        /// A capitalised word (in capitals with `capitals`) that may be a name's: no common word,
        /// list or suffix says otherwise.
        func plain(_ n: Int, capitals: Bool = false) -> Bool {
            n >= 0 && n < t.count && t[n].kind == .word && (capitals ? t[n].isAllCaps : t[n].isCapitalized && !t[n].isAllCaps) && !t[n].isCommon && t[n].count > 1
                && !t[n].has([.title, .weekday, .month, .place, .organizationSuffix, .streetSuffix, .streetKind])
        }
        // (Not the `o` of `c/o John Smith`: care of.)
        func isParticle(_ n: Int) -> Bool {
            n < t.count && t[n].kind == .word && (t[n].has(.particle) || WordLists.gaelicParticles.contains(t[n].lower) || WordLists.arabicParticles.contains(t[n].lower))
                && !(t[n].lower == "o" && n >= 2 && t[n].gap == 0 && t[n - 1].isMark("/") && t[n - 2].lower == "c")
        }
        /// An Arabic surname with its article joined by a hyphen ("al-Farouq", "Al-Otaibi", "el-Sayed"):
        /// the article, then a capitalised name no common word.
        func articled(_ n: Int) -> Bool {
            guard n >= 0, n < t.count, t[n].kind == .word, let hyphen = t[n].lower.firstIndex(of: "-"),
                  WordLists.arabicArticles.contains(String(t[n].lower[..<hyphen])) else { return false }
            let text = scan.text(of: t[n])
            guard let cut = text.firstIndex(of: "-") else { return false }
            let rest = text[text.index(after: cut)...]
            return rest.count > 1 && rest.first!.isUppercase && !rest.contains("-") && !Lexicon.shared.lookup(rest.lowercased()).contains(.common)
        }
        /// A listed first name, or names joined by a hyphen of which one is a listed first name and
        /// none a common word ("Ulla-Britt", "Klaus-Peter").
        func firstName(_ n: Int) -> Bool {
            if t[n].isFirstNameAccented { return true }
            guard t[n].lower.utf8.contains(0x2D) else { return false }
            let parts = t[n].lower.split(separator: "-").map { Lexicon.shared.lookup(String($0)) }
            return parts.count >= 2 && parts.contains { $0.contains(.firstName) } && !parts.contains { $0.contains(.common) }
        }
        /// Two capitalised names joined by a hyphen, one a listed surname, neither a common word
        /// ("Fitzgerald-Smythe", "Harrington-Boyce"; not "Self-Service").
        func doubleBarrelled(_ n: Int) -> Bool {
            guard t[n].kind == .word, t[n].isCapitalized, !t[n].isAllCaps, t[n].lower.utf8.contains(0x2D) else { return false }
            let parts = scan.text(of: t[n]).split(separator: "-")
            guard parts.count == 2, parts.allSatisfy({ $0.count > 1 && $0.first!.isUppercase }) else { return false }
            let flags = parts.map { Lexicon.shared.lookup($0.lowercased()) }
            return flags.contains { $0.contains(.lastName) } && !flags.contains { $0.contains(.common) }
        }
        /// A listed surname that is a town's name too, as a Spanish or Portuguese name's second
        /// surname ("José Luis Rodríguez García", "Inés Barrenechea García": García is a town of
        /// Mexico's, and stayed), where the name's words say which: a letter of those languages
        /// (`á ñ ç ã`…) or a surname of `-ez` before it. (Not "Met John Smith Berlin office".)
        func iberianSurname(_ n: Int, after name: ClosedRange<Int>) -> Bool {
            guard n < t.count, t[n].kind == .word, t[n].isCapitalized, !t[n].isAllCaps, !t[n].isCommon, t[n].isLastNameAccented,
                  !t[n].has([.title, .weekday, .month, .organizationSuffix, .streetSuffix, .streetKind, .stateCode]) else { return false }
            return t[name.upperBound].lower.hasSuffix("ez") || (name.lowerBound...n).contains { k in
                t[k].kind == .word && !t[k].isASCII && scan.text(of: t[k]).unicodeScalars.contains { Self.iberianLetters.contains($0) }
            }
        }
        /// A name the lists hold (with or without its accents), or a word they do not know at all.
        func nameLike(_ n: Int) -> Bool { t[n].isFirstNameAccented || t[n].isLastNameAccented || t[n].flags.subtracting(.english).isEmpty }
        /// A lower-case word of three letters or more, no common word, that may be a name: listed,
        /// or unknown to every list.
        func lowerName(_ n: Int) -> Bool {
            n >= 0 && n < t.count && t[n].kind == .word && !t[n].isCapitalized && t[n].count > 2 && !t[n].isCommon
                && t[n].flags.subtracting(.names).subtracting(.english).isEmpty
        }
        /// The last of one or two words in lower case after token `n` that may end a name: the first
        /// any ``lowerName(_:)``, the second one no English word but a listed name; none when a
        /// third such word that is no English word follows (a run of words of another language).
        func lowerNameRun(after n: Int) -> Int? {
            var end = n
            while end + 1 < t.count, end - n < 2, t[end + 1].gap == 1, lowerName(end + 1),
                  end == n || !t[end + 1].has(.english) || t[end + 1].isLastNameAccented {
                end += 1
            }
            guard end > n else { return nil }
            if end + 1 < t.count, t[end + 1].gap == 1, lowerName(end + 1), !t[end + 1].has(.english) { return nil }
            return end
        }
        /// Whether span `s` may grow to `end` (UTF-16): the spans it would reach are names inside it, dropped.
        func grow(_ s: Int, to end: Int) -> Bool {
            var next = s + 1
            while next < result.count, result[next].start < end {
                guard result[next].kind == .person, result[next].end <= end else { return false }
                next += 1
            }
            for dropped in (s + 1)..<next { result[dropped].end = result[dropped].start }
            result[s].end = end
            return true
        }
        let index = scan.token(startingAt:), indexEnding = scan.token(endingAt:)
        var s = 0
        while s < result.count {
            defer { s += 1 }
            guard result[s].kind == .person, result[s].end > result[s].start else { continue }
            guard var first = index(result[s].start), var last = indexEnding(result[s].end) else { continue }
            // Backward: a first name before an initial or a particle that begins the span; in lower
            // case, a listed first name before a name in lower case ("ana beatriz guerra").
            // The span before: the nearest one no name grew over (those are emptied). The word before
            // token `first` is free when that span ends before it, asked again after each step back.
            let previous = (0..<s).last { result[$0].end > result[$0].start }
            func free() -> Bool { previous == nil || first == 0 || result[previous!].end <= t[first - 1].start }
            // (No English word the census does not list as a first name: "Called J. Smith" took `Called`.)
            if NameRecognizer.isInitial(t, first) || isParticle(first), t[first].gap == 1, plain(first - 1),
               !t[first - 1].has(.english) || t[first - 1].isFirstNameAccented, free() {
                first -= 1
                result[s].start = t[first].start
            } else if !t[first].isCapitalized, t[first].gap == 1, lowerName(first - 1), t[first - 1].isFirstNameAccented, free() {
                first -= 1
                result[s].start = t[first].start
            } else if first == last, !t[first].isCapitalized, t[first].gap == 1, t[first].isFirstNameAccented, !t[first].has(.english),
                      lowerName(first - 1), t[first - 1].isLastNameAccented, !t[first - 1].has(.english), free() {
                // A surname written first, in lower case, before a given name found alone ("zhang
                // [wei]": the surname stayed).
                first -= 1
                result[s].start = t[first].start
            }
            // Backward over a first name left outside a name of two words or more ("Søren" of
            // "Søren Christopher Rasmussen", "Marcio" of "Marcio Alfredo Francisco", "HUGUES" of
            // "HUGUES DOS SANTOS"): a capitalised word (in capitals before a name in capitals) no
            // list says is something else (nor a role: "Cardholder"), and no English word unless the
            // census lists it as a first name; not after another such word (one step, no run of
            // capitalised words taken).
            let capitals = t[first].isAllCaps
            func leadingName(_ n: Int) -> Bool {
                n >= 0 && t[n].kind == .word && (capitals ? t[n].isAllCaps : t[n].isCapitalized && !t[n].isAllCaps) && t[n].count > 1 && !t[n].isCommon
                    && !t[n].has([.title, .weekday, .month, .place, .placeStart, .organizationSuffix, .streetSuffix, .streetKind, .personCue, .personIntroduction, .institution, .article])
                    && (!t[n].has(.english) || t[n].isFirstNameAccented) && !NameRecognizer.departments.contains(t[n].lower) && !WordLists.roles.contains(t[n].lower)
            }
            if last > first, t[first].gap == 1, leadingName(first - 1), free(), !(first >= 2 && t[first - 1].gap == 1 && leadingName(first - 2)) {
                first -= 1
                result[s].start = t[first].start
            } else if first == last, capitals, first >= 1, t[first].gap == 1, leadingName(first - 1), free(), first == 1 || t[first - 1].gap == 2,
                      last + 1 == t.count || t[last + 1].gap == 2 {
                // A label's line in capitals, the surname found and the first name before it not
                // ("Ship to:⏎MACIEJ KŁOSOWICZ⏎ul. Słowicza 03").
                first -= 1
                result[s].start = t[first].start
            }
            // Backward over the particles of a surname ("De la Cruz, Maria", "van der Berg"), taken
            // from a name before that ended on one ("Tenant De"): the surname's first words stayed.
            var p = first
            while p > 0, t[p].gap == 1, isParticle(p - 1) { p -= 1 }
            if p < first, t[first].isCapitalized || isParticle(first) {
                if let q = previous, result[q].end > t[p].start {
                    if result[q].kind == .person, let before = index(result[q].start) {
                        // What the name before keeps: a listed name is this one's first name ("Maria
                        // De" + "Cruz"), joined to it; anything else was guessed from the particle
                        // ("Tenant De"), dropped.
                        if before < p, t[before..<p].contains(where: { $0.kind == .word && ($0.isFirstNameAccented || $0.isLastNameAccented) && !$0.isCommon }) {
                            first = before
                            result[s].start = result[q].start
                        } else {
                            first = p
                            result[s].start = t[p].start
                        }
                        result[q].end = result[q].start
                    }
                } else {
                    first = p
                    result[s].start = t[p].start
                }
            }
            // Backward over an Arabic name's parts before the one found: its surnames with their
            // articles and the particles between them, and the given name that opens them ("Abd
            // al-Rahman ibn [Khalid]", "Ahmed bin Rashid [al-Maktoum]"): each stayed in the clear.
            var a = first
            while a > 0, t[a].gap == 1, articled(a - 1) || isParticle(a - 1) && !t[a - 1].isCapitalized && (articled(a) || a - 2 >= 0 && articled(a - 2)) { a -= 1 }
            let arabic = a < first && (a...first).contains(where: articled)
            if arabic, a > 0, t[a].gap == 1, t[a - 1].kind == .word, t[a - 1].isCapitalized, !t[a - 1].isAllCaps,
               !t[a - 1].isCommon || t[a - 1].isFirstNameAccented, !t[a - 1].has([.title, .personCue, .place, .month, .weekday]) { a -= 1 }
            if arabic, previous == nil || result[previous!].end <= t[a].start {
                first = a
                result[s].start = t[a].start
            }
            // A surname that begins with its particle, right after a name found on its own: one
            // name ("Florian" + "de Backer" got two fakes).
            if isParticle(first), !t[first].isCapitalized, first >= 1, t[first].gap == 1, let q = previous, result[q].kind == .person,
               result[q].end == t[first - 1].end, t[first - 1].kind == .word {
                result[s].start = result[q].start
                result[q].end = result[q].start
                first = index(result[s].start) ?? first
            }
            // Backward over a surname in capitals written first, as records write names after a
            // label ("Policyholder: KOWALSKI, Piotr", "Guarantor: ABERNATHY-OKORO, Temperance Ada"):
            // the given names were found, the surname stayed. One capitalised word between the
            // comma and the span is a given name too, though a place's name ("Temperance").
            var g = first
            if g >= 1, t[g].gap == 1, t[g - 1].kind == .word, t[g - 1].isCapitalized, !t[g - 1].isAllCaps, !t[g - 1].isCommon, t[g - 1].count > 1 { g -= 1 }
            if g >= 2, t[g - 1].isMark(","), t[g - 1].gap == 0, t[g].gap == 1, t[g - 2].kind == .word, t[g - 2].isAllCaps, t[g - 2].count > 1, !t[g - 2].isCommon,
               !t[g - 2].has([.title, .weekday, .month, .place, .organizationSuffix, .streetSuffix, .streetKind, .recordCue, .stateCode]),
               g < 3 || t[g - 3].isMark(in: ":;(") || t[g - 2].gap == 2 {
                // The spans between: none, or a place's that is the given name taken (spans are in
                // order and apart: those that reach past the surname's start are the last before s).
                var between: [Int] = []
                var b = s - 1
                while b >= 0, result[b].end > t[g - 2].start || result[b].end == result[b].start {
                    if result[b].end > result[b].start { between.append(b) }
                    b -= 1
                }
                if between.allSatisfy({ result[$0].kind == .location && g < first && result[$0].start == t[g].start && result[$0].end == t[g].end }) {
                    for b in between { result[b].end = result[b].start }
                    first = g - 2
                    result[s].start = t[first].start
                }
            }
            // Forward, a step at a time.
            var widened = true
            while widened {
                widened = false
                if t[last].count == 1, last + 2 < t.count, t[last + 1].isMark("."), t[last + 1].gap == 0, plain(last + 2), t[last + 2].gap == 1, grow(s, to: t[last + 2].end) {
                    last += 2; widened = true; continue
                }
                // An initial that ends the name ("Dave K. and Sue-Ellen": the name and the initial
                // were two, each given a fake full name); its full stop, which may end the sentence,
                // left out. Without a full stop, no "I" or "A", a word of their own.
                if t[last].kind == .word, t[last].count > 1, t[last].isCapitalized, last + 1 < t.count, t[last + 1].gap == 1,
                   NameRecognizer.isInitial(t, last + 1) || t[last + 1].kind == .word && t[last + 1].count == 1 && t[last + 1].isAllCaps && !["i", "a"].contains(t[last + 1].lower)
                   && (last + 2 == t.count || t[last + 2].kind == .punct && !t[last + 2].isMark("-")),
                   !(last + 3 < t.count && t[last + 2].isMark(".") && t[last + 3].gap == 1 && plain(last + 3)), grow(s, to: t[last + 1].end) {
                    last += 1; widened = true; continue
                }
                if isParticle(last), last > first {
                    // (Its second particle too: "Pieter van" found, "der Berg" left in a list.)
                    var p = last + 1
                    while p < t.count, p - last <= 2, t[p].gap == 1, isParticle(p), !t[p].isCapitalized { p += 1 }
                    if p < t.count, t[p].gap == 1, plain(p) || capitals && plain(p, capitals: true) || articled(p), grow(s, to: t[p].end) {
                        last = p; widened = true; continue
                    }
                }
                // An Arabic surname with its article after a name ("Omar al-Farouq", "Abdullah Al-Otaibi").
                if t[last].kind == .word, t[last].isCapitalized || articled(last), last + 1 < t.count, t[last + 1].gap == 1, articled(last + 1), grow(s, to: t[last + 1].end) {
                    last += 1; widened = true; continue
                }
                // A surname's particles and the surname after a name of two words or a first name
                // ("Ana Beatriz dos Santos": the name and "dos Santos" were two, and got two fakes;
                // "Contact Jan-Willem [de Vries]").
                // (A first name no list holds, and no English word, too: "requested by Pieter de Vries" kept "de Vries".)
                if last > first || firstName(last) || !t[last].has(.english) && !t[last].isCommon, !capitals, t[last].isCapitalized || articled(last) {
                    var p = last + 1
                    while p < t.count, p - last <= 2, t[p].gap == 1, isParticle(p), !t[p].isCapitalized { p += 1 }
                    // (A town's name is a surname there: "dos Santos", "de Lima".)
                    // (A surname found on its own is one though an English word: "Florian" + "de Backer".)
                    let foundAfter = p < t.count && s + 1 < result.count && result[s + 1].kind == .person && result[s + 1].start == t[last + 1].start && result[s + 1].end == t[p].end
                    if p > last + 1, p < t.count, t[p].gap == 1, plain(p) || foundAfter || t[p].has(.place) && t[p].isCapitalized && !t[p].isAllCaps && !t[p].isCommon, grow(s, to: t[p].end) {
                        last = p; widened = true; continue
                    }
                }
                // An Irish or Scottish surname's article after its particle: "Mac an Phearsain",
                // "Mac a' Bhuí", "Nic an tSaoi".
                if last < t.count, ["mac", "nic", "ó", "ní"].contains(t[last].lower), last + 2 < t.count, t[last + 1].gap == 1, ["an", "a"].contains(t[last + 1].lower) {
                    var next = last + 2
                    if t[last + 1].lower == "a", next < t.count, t[next].isMark("'") || t[next].isMark("’"), t[next].gap == 0 { next += 1 }
                    if next < t.count, t[next].gap == 1, t[next].kind == .word, t[next].count > 1, !t[next].isCommon, grow(s, to: t[next].end) {
                        last = next; widened = true; continue
                    }
                }
            }
            // An inverted name: "Tylka, Jerzy", "van der Berg, Pieter"; with two given names, both
            // listed first names ("Hernández, José Luis", "Smith, Mary Ann": two names, two fakes).
            /// A listed first name, capitalised, after token `n - 1`.
            func secondGiven(_ n: Int) -> Bool { n < t.count && t[n].gap == 1 && t[n].kind == .word && t[n].isCapitalized && !t[n].isAllCaps && t[n].isFirstNameAccented && t[n - 1].isFirstNameAccented }
            func endsName(_ n: Int) -> Bool { !(n < t.count && (t[n].gap == 1 && (t[n].isCapitalized || articled(n)) || t[n].isMark(","))) }
            /// Not before the end of a list ("cc Mac Dáibhidh, Carrie Davis and Amaç S. Zengin").
            func endsList(_ n: Int) -> Bool { n < t.count && t[n].joinsNames }
            // (Not after a title: "Sehr geehrte Frau Schneider, Ihre neue Karte" greets her.)
            let titled = first > 0 && (t[first - 1].has(.title) || first > 1 && t[first - 1].isMark(".") && t[first - 2].has(.title))
            if first == last || (first..<last).allSatisfy(isParticle), !titled, last + 2 < t.count, t[last + 1].isMark(","), !(first > 0 && t[first - 1].isMark(",")), t[last + 1].gap == 0, plain(last + 2), t[last + 2].gap == 1 {
                let given = secondGiven(last + 3) && endsName(last + 4) && !endsList(last + 4) ? last + 3 : last + 2
                // (Not a list of single names: "Priya, Tomás and Wen" is three people, not `Priya,
                // Tomás`; "Kariuki, Mardhiyah and Ken C. Kristian" is a name surname first and another.)
                let listGoesOn = endsList(given + 1) && given + 2 < t.count && t[given + 2].gap == 1 && t[given + 2].kind == .word
                    && t[given + 2].isCapitalized && !t[given + 2].isAllCaps && t[given + 2].count > 1
                    && !(given + 3 < t.count && t[given + 3].gap == 1 && (t[given + 3].isCapitalized || t[given + 3].isAllCaps))
                if endsName(given + 1), !listGoesOn, grow(s, to: t[given].end) {
                    last = given
                    continue
                }
            }
            if last >= first + 2, t[last - 1].isMark(","), t[last - 1].gap == 0, secondGiven(last + 1), endsName(last + 2), !endsList(last + 2), grow(s, to: t[last + 1].end) {
                last += 1
                continue
            }
            // A double-barrelled surname after a name of one word ("Bartholomew Fitzgerald-Smythe": the
            // first name was found alone, the surname stayed).
            if first == last, t[last].isCapitalized, !t[last].isAllCaps, last + 1 < t.count, t[last + 1].gap == 1, doubleBarrelled(last + 1),
               !(last + 2 < t.count && t[last + 2].gap == 1 && t[last + 2].isCapitalized), grow(s, to: t[last + 1].end) {
                last += 1
            }
            // A second surname, or the surname after a middle name ("Frederica Cristina Ionescu").
            if nameLike(last), first < last, plain(last + 1) || iberianSurname(last + 1, after: first...last), t[last + 1].gap == 1, t[last + 1].count > 2,
               !(last + 2 < t.count && t[last + 2].gap == 1 && (t[last + 2].isCapitalized || t[last + 2].isAllCaps)) {
                _ = grow(s, to: t[last + 1].end)
            } else if t[last].isAllCaps, firstName(last) || t[last].isUnknown && last + 1 < t.count && t[last + 1].isLastNameAccented,
                      t[first..<last].allSatisfy({ !$0.isListedName && ($0.isCommon || $0.has(.english)) }),
                      last + 1 < t.count, t[last + 1].gap == 1, t[last + 1].kind == .word,
                      t[last + 1].isAllCaps, t[last + 1].count > 1, !t[last + 1].isCommon,
                      !t[last + 1].has([.title, .weekday, .month, .organizationSuffix, .streetSuffix, .streetKind]),
                      t[last + 1].isLastNameAccented || t[last + 1].isUnknown,
                      !(last + 2 < t.count && t[last + 2].gap == 1 && plain(last + 2, capitals: true) && !t[last + 2].has(.english)) {
                // In capitals, the surname after a first name found alone or after words of the text
                // the tagger took with it, which ``inCapitals`` takes off ("ACCOUNT OF EDOARDO LUPO -":
                // the surname stayed, and the row's fake replaced the first name only): a listed
                // surname, though a town's name too (BURKE), or a word no list knows after a listed
                // first name.
                _ = grow(s, to: t[last + 1].end)
            } else if first == last, !t[last].isCapitalized, t[last].isFirstNameAccented, let end = lowerNameRun(after: last) {
                // In lower case, the surname after a first name ("isaac gremmel"), or a second first
                // name and the surname ("jorge luis cepeda"), not a longer run of such words.
                _ = grow(s, to: t[end].end)
            } else if first == last, !t[last].isCapitalized, t[last].isLastNameAccented, !t[last].has(.english), last + 1 < t.count, t[last + 1].gap == 1,
                      lowerName(last + 1), t[last + 1].isFirstNameAccented, !t[last + 1].has(.english),
                      !(last + 2 < t.count && t[last + 2].gap == 1 && lowerName(last + 2) && !t[last + 2].has(.english)) {
                // In lower case, a given name after a surname written first ("[liu] yang": the given name stayed).
                _ = grow(s, to: t[last + 1].end)
            } else if first == last, t[last].isCapitalized, !t[last].isAllCaps, firstName(last), plain(last + 1), t[last + 1].gap == 1, t[last + 1].count > 2,
                      t[last + 1].isLastNameAccented || t[last + 1].isUnknown,
                      !(last + 2 < t.count && t[last + 2].gap == 1 && (t[last + 2].isCapitalized || t[last + 2].isAllCaps)) {
                // The surname after a first name found alone: a listed surname, or a word no list
                // knows ("Ulla-Britt [Magnusson]").
                _ = grow(s, to: t[last + 1].end)
            } else if first == last || first > 0 && Self.selfIntroductions.contains(t[first - 1].lower)
                        && t[first..<last].allSatisfy({ $0.kind == .word && $0.isCapitalized && !$0.isAllCaps && $0.isFirstNameAccented }),
                      t[last].isCapitalized, !t[last].isAllCaps, t[last].count > 1, last + 1 < t.count, t[last + 1].gap == 1,
                      t[last + 1].kind == .word, !t[last + 1].isCapitalized, t[last + 1].count > 2, !t[last + 1].has([.title, .weekday, .month]),
                      last + 2 == t.count || t[last + 2].gap == 2 || t[last + 2].isMark(in: ".,!?;)") && t[last + 2].gap == 0,
                      lowerName(last + 1) && t[last + 1].isLastNameAccented && !t[last + 1].has(.english) && firstName(last)
                        || (t[last + 1].isUnknown || t[last + 1].isLastNameAccented || t[last + 1].has(.place)) && first > 0 && Self.selfIntroductions.contains(t[first - 1].lower) {
                // The surname in lower case after a first name, as people type theirs in a chat
                // ("this is Helmuth zimmer", "i'm Giulia scarpetta", "this is Ana Júlia barros"), where the line or the clause
                // ends after it: a listed surname that is no English word after a listed first name,
                // or after an introduction of oneself any listed surname ("wood"), town's name
                // ("belmonte") or unknown word.
                _ = grow(s, to: t[last + 1].end)
            }
        }
        return result.filter { $0.end > $0.start }
    }
}

extension EntityRecognizer {
    /// The cost of each part of ``spans(in:)`` over `texts` on one core, in nanoseconds per text: the
    /// scan into tokens, each recognizer on the scans, and the whole (`understudy-bench text`).
    package func profile(_ texts: [String]) -> [(part: String, nanoseconds: Double)] {
        func time(_ body: () -> Void) -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            return Double(DispatchTime.now().uptimeNanoseconds - start) / Double(max(1, texts.count))
        }
        var result: [(String, Double)] = []
        var scans: [TextScan] = []
        scans.reserveCapacity(texts.count)
        result.append(("scan", time { for text in texts { scans.append(TextScan(text)) } }))
        for recognizer in recognizers {
            var found: [EntitySpan] = []
            result.append((String(describing: type(of: recognizer)), time {
                for scan in scans { found.removeAll(keepingCapacity: true); recognizer.recognize(scan, into: &found) }
            }))
        }
        var steps: [String: Double] = [:]
        var order: [String] = []
        for scan in scans {
            var found: [EntitySpan] = []
            for recognizer in recognizers { recognizer.recognize(scan, into: &found) }
            _ = chosen(from: found, scan) { name, step in
                let start = DispatchTime.now().uptimeNanoseconds
                let spans = step()
                if steps[name] == nil { order.append(name) }
                steps[name, default: 0] += Double(DispatchTime.now().uptimeNanoseconds - start)
                return spans
            }
        }
        result += order.map { ("  \($0)", steps[$0]! / Double(max(1, texts.count))) }
        var total = 0
        result.append(("spans(in:), whole", time { for text in texts { total &+= spans(in: text).count } }))
        return result
    }
}

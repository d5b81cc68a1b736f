/// Organisations: capitalised words ending in a company or institution word ("Acme Widgets Inc.",
/// "First National Bank", "Mercy General Hospital"), or "University of X".
struct OrganizationRecognizer: Recognizer {
    let kinds: Set<EntityKind> = [.organization]

    func recognize(_ scan: TextScan, into spans: inout [EntitySpan]) {
        let t = scan.tokens
        var i = 0
        func surname(_ k: Int) -> Bool { k < t.count && t[k].kind == .word && t[k].isCapitalized && t[k].isLastName }
        while i < t.count {
            // Partnerships: "Smith, Allen and Reynolds", "Lee and Sons", "Barnes-Sanders".
            if surname(i) {
                var e = i
                // (Six names at most: a list of surnames, "Smith, Jones, …", was read again from each of its names.)
                while e + 2 < t.count, e - i < 12, t[e + 1].isMark(","), surname(e + 2) { e += 2 }
                if e + 2 < t.count, t[e + 1].lower == "and" || t[e + 1].isMark("&"), surname(e + 2) || ["sons", "daughters", "partners", "associates"].contains(t[e + 2].lower), e > i || !surname(e + 2) {
                    spans.append(EntitySpan(kind: .organization, start: t[i].start, end: t[e + 2].end, score: 0.85, recognizer: "organization.partnership"))
                    i = e + 3
                    continue
                }
            }
            // Two listed surnames joined by a hyphen (one token) name a firm more often than a person: "Barnes-Sanders".
            if t[i].kind == .word, scan.units[t[i].start..<t[i].end].contains(0x2D), case let halves = scan.text(of: t[i]).split(separator: "-"), halves.count == 2,
               halves.allSatisfy({ NameRecognizer.last.contains($0.lowercased()) && $0.first?.isUppercase == true }),
               // After an introduction of oneself, a double first name ("this is Hans-Peter fliegner").
               !(i > 0 && EntityRecognizer.selfIntroductions.contains(t[i - 1].lower)),
               scan.previousWord(i)?.has(.personIntroduction) != true, !(i > 0 && t[i - 1].isCapitalized && t[i - 1].gap == 1),
               // Followed by a capitalised word it is a first name ("Hans-Peter Hering").
               !(i + 1 < t.count && t[i + 1].gap == 1 && t[i + 1].kind == .word && t[i + 1].isCapitalized) {
                spans.append(EntitySpan(kind: .organization, start: t[i].start, end: t[i].end, score: 0.55, recognizer: "organization.hyphenated"))
            }
            guard t[i].kind == .word, t[i].isCapitalized || t[i].isAllCaps, !t[i].has(.article) || i + 1 < t.count && t[i + 1].isCapitalized else { i += 1; continue }
            var j = i
            var suffix: Int?
            // "University of Chicago": the institution word first.
            if t[i].has(.institution), i + 2 < t.count, t[i + 1].lower == "of", t[i + 2].isCapitalized {
                var e = i + 2
                while e + 1 < t.count, t[e + 1].gap == 1, t[e + 1].isCapitalized { e += 1 }
                spans.append(EntitySpan(kind: .organization, start: t[i].start, end: t[e].end, score: 0.8, recognizer: "organization"))
                i = e + 1
                continue
            }
            var legal: Int?
            while j < t.count, j - i < 9 {
                if j > i {
                    guard t[j].gap <= 1 else { break }
                    // A legal form ends the name: "Moraes Melo S.A.", "Kniaź Sp. z o.o.", "Correia - ME".
                    if var end = Self.legalForm(at: j, t) {
                        // One form after another: "Sp. z o.o. Sp.k.".
                        while end + 1 < t.count, t[end + 1].gap == 1, let next = Self.legalForm(at: end + 1, t) { end = next }
                        legal = end
                        break
                    }
                    if t[j].isMark(","), j + 1 < t.count, t[j + 1].has(.organizationSuffix) { j += 1; continue }
                    // Partners' surnames apart by commas ("Catalano, Garozzo e Bixio s.r.l."): one word
                    // each, no English word; a joiner must follow the last comma (below).
                    if t[j].isMark(","), t[j].gap == 0, j + 1 < t.count, t[j + 1].gap == 1, t[j + 1].isCapitalized, j - 1 == i || t[j - 2].isMark(","),
                       t[i..<j].allSatisfy({ $0.isMark(",") || $0.kind == .word && $0.isCapitalized && (!$0.has(.english) || $0.isListedName) && !$0.isCommon }) {
                        j += 1
                        continue
                    }
                    // (A suffix in lower case too: "Nitti e figli", "Arellano y asociados S.Com.".)
                    // (The lists asked only of words their length and flags allow: most runs end at a word in lower case.)
                    guard t[j].kind == .word && (t[j].isCapitalized || t[j].isAllCaps || t[j].has(.organizationJoiner) || t[j].count <= 3 && Self.joiners.contains(t[j].lower)
                                                 || t[j].has(.organizationSuffix) && Self.partners.contains(t[j].lower))
                        || t[j].isMark("&") else { break }
                }
                // (Not letters glued to a number: "AB1234" is a code, not Sweden's AB.)
                if t[j].has(.organizationSuffix), j > i || t[j].lower == "university", !(j + 1 < t.count && t[j + 1].gap == 0 && t[j + 1].kind == .number) { suffix = j }
                j += 1
            }
            // Names before the last comma with no joiner after it are a list's, not the firm's
            // ("Bernadett Horváth, Cruz PLC": the firm is Cruz PLC).
            var first = i
            if let comma = (i..<j).last(where: { t[$0].isMark(",") && !(t[$0 + 1].has(.organizationSuffix)) }),
               !(comma + 1..<j).contains(where: { t[$0].isMark("&") || t[$0].lower == "and" || Self.joiners.contains(t[$0].lower) }) {
                first = comma + 1
            }
            /// A legal form is a firm's whoever its name names, unless the name runs through "of" or
            /// "and" ("Dr. Marisela Flores of Navarro LLC"): there the person may win.
            func score(_ end: Int, legal: Bool) -> Double {
                legal && !t[first...end].contains(where: { $0.has(.organizationJoiner) }) ? 0.9 : 0.8
            }
            if let end = legal {
                // The name is the run before the form, from its last capitalised word back.
                var last = j - 1
                while last > first, !(t[last].kind == .word && (t[last].isCapitalized || t[last].isAllCaps)) { last -= 1 }
                if last >= first, t[last].kind == .word, t[last].isCapitalized || t[last].isAllCaps {
                    spans.append(EntitySpan(kind: .organization, start: t[first].start, end: t[end].end, score: score(end, legal: true), recognizer: "organization.legal"))
                    i = end + 1
                    continue
                }
            }
            // (Not a number's name: "National Insurance number".)
            if let s = suffix, s >= first, !(t[s].has(.recordCue) && s + 1 < t.count && t[s + 1].gap == 1 && ["number", "no", "nr", "id"].contains(t[s + 1].lower)) {
                var end = s
                if end + 1 < t.count, t[end + 1].isMark("."), t[end + 1].gap == 0, ["inc", "co", "corp", "ltd"].contains(t[end].lower) { end += 1 }
                // An institution's name runs through `of` or `for` to its last capitalised word
                // ("American Institute of Culinary Arts", "Seattle Chamber of Commerce").
                if Self.namedThrough.contains(t[end].lower), end + 2 < j, ["of", "for"].contains(t[end + 1].lower), t[end + 2].gap == 1, t[end + 2].isCapitalized {
                    var last = end + 2
                    // (In capitals every word is capitalised: there no small word and no English word but a place's after the first.)
                    while last + 1 < j, t[last + 1].gap == 1, t[last + 1].isCapitalized,
                          !t[last + 1].isAllCaps || !t[last + 1].has(.organizationJoiner) && (!t[last + 1].has(.english) || t[last + 1].has(.place)) { last += 1 }
                    end = last
                }
                spans.append(EntitySpan(kind: .organization, start: t[first].start, end: t[end].end, score: score(end, legal: Self.legalWords.contains(t[s].lower)), recognizer: "organization"))
                // The firm after the last "and" alone too, a little lower: where the words before it
                // are a person's name ("Ana Lima and Acme Corp"), the name wins the whole and the
                // firm is still a firm (the tagger took it for a second person).
                if s > first + 1, let and = (first + 1..<s).last(where: { t[$0].lower == "and" || t[$0].isMark("&") }), and + 1 < s, t[and + 1].isCapitalized || t[and + 1].isAllCaps {
                    spans.append(EntitySpan(kind: .organization, start: t[and + 1].start, end: t[end].end, score: 0.79, recognizer: "organization"))
                }
                i = end + 1
                continue
            }
            i += 1
        }
    }

    /// Institutions whose names go on after `of` or `for`.
    static let namedThrough: Set<String> = [
        "institute", "university", "college", "school", "academy", "chamber", "association", "society", "federation", "museum",
        "department", "ministry", "council", "centre", "center", "foundation", "hospital", "bank",
    ]
    /// Partners and sons, which other languages write in lower case after a joiner ("e figli", "y asociados", "i syn").
    static let partners: Set<String> = ["figli", "asociados", "associati", "associés", "hermanos", "filhos", "söhne", "zonen", "syn", "synowie"]
    /// Small words between partners' names in other languages ("Garozzo e Bixio", "Pérez y Gómez").
    static let joiners: Set<String> = ["e", "y", "und", "en", "och", "et", "og", "i"]
    /// The list's suffixes that are legal forms: a firm's name before one is a firm's, whoever it names.
    static let legalWords: Set<String> = [
        "inc", "llc", "ltd", "gmbh", "ag", "sa", "plc", "llp", "lp", "lda", "ltda", "limitada", "srl", "spa", "sarl", "sas", "bv", "nv", "oy", "oyj",
        "ab", "aps", "kg", "gbr", "ug", "sro", "kft", "zrt", "pty", "pvt", "pte", "bhd", "tbk", "kk", "hb", "kb",
    ]
    /// Legal forms written with dots, by their letters: S.A., s.r.l., S.p.A., Sp. z o.o., S.L., B.V.,
    /// S.Com., S.A.S., S.A. de C.V., GmbH & Co. KG's KG aside (a word of the list).
    static let dottedForms: Set<String> = [
        "sa", "srl", "spa", "sas", "sl", "slu", "sll", "bv", "nv", "ag", "scom", "spzoo", "sro", "sca", "snc", "sarl", "ltda", "eirl", "sadecv",
        "spk", "sgps", "lda", "aps", "gmbh", "ek", "ohg", "kg", "ltd", "llc", "plc", "slne", "sat", "sc", "spj",
    ]

    /// Where a legal form starting at `j` ends: letters apart by dots (`S.A.`, `s.r.l.`, `Sp. z o.o.`,
    /// `S.Com.`, `S.L.N.E`; a single word of letters only counts with its dots), Brazil's `S/A`, or
    /// Brazil's `- ME`, `- EI`, `- EPP`.
    static func legalForm(at j: Int, _ t: [TextScan.Token]) -> Int? {
        if t[j].isMark("-"), j + 1 < t.count, t[j + 1].gap == 1, t[j + 1].isAllCaps, ["me", "ei", "epp"].contains(t[j + 1].lower),
           j + 2 == t.count || t[j + 2].gap == 2 || t[j + 2].kind == .punct && !t[j + 2].isMark("-") {
            return j + 1
        }
        // Brazil's "S/A".
        if t[j].kind == .word, t[j].count == 1, j + 2 < t.count, t[j + 1].isMark("/"), t[j + 1].gap == 0, t[j + 2].gap == 0, t[j + 2].count == 1,
           (t[j].lower + t[j + 2].lower) == "sa" {
            return j + 2
        }
        guard t[j].kind == .word, t[j].count <= 3, j + 1 < t.count, t[j + 1].isMark("."), t[j + 1].gap == 0 else { return nil }
        var letters = "", k = j, end = -1, groups = 0
        while k + 1 < t.count, t[k].kind == .word, t[k].count <= 3, k == j || t[k].gap == 0 || t[k].gap == 1 && !dottedForms.contains(letters),
              t[k + 1].isMark("."), t[k + 1].gap == 0 {
            letters += t[k].lower
            groups += 1
            end = k + 1
            k += 2
            // "de C.V." after "S.A.", "z" between "Sp." and "o.o.".
            if k + 1 < t.count, t[k].gap == 1, letters == "sa" && t[k].lower == "de" || letters == "sp" && t[k].lower == "z" { letters += t[k].lower; k += 1 }
        }
        // The last letter without its dot, at the line's end ("S.L.N.E").
        if groups >= 2, k < t.count, t[k].gap == 0, t[k].kind == .word, t[k].count == 1, k + 1 == t.count || t[k + 1].gap == 2 {
            letters += t[k].lower
            end = k
        }
        // A lone word before its dot ("Co.", "Inc.") is the list's: here, two groups at least.
        guard groups >= 2, dottedForms.contains(letters) else { return nil }
        return end
    }
}

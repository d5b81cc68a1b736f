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
                while e + 2 < t.count, t[e + 1].isMark(","), surname(e + 2) { e += 2 }
                if e + 2 < t.count, t[e + 1].lower == "and" || t[e + 1].isMark("&"), surname(e + 2) || ["sons", "daughters", "partners", "associates"].contains(t[e + 2].lower), e > i || !surname(e + 2) {
                    spans.append(EntitySpan(kind: .organization, start: t[i].start, end: t[e + 2].end, score: 0.85, recognizer: "organization.partnership"))
                    i = e + 3
                    continue
                }
            }
            // Two listed surnames joined by a hyphen (one token) name a firm more often than a person: "Barnes-Sanders".
            if t[i].kind == .word, scan.units[t[i].start..<t[i].end].contains(0x2D), case let halves = scan.text(of: t[i]).split(separator: "-"), halves.count == 2,
               halves.allSatisfy({ NameRecognizer.last.contains($0.lowercased()) && $0.first?.isUppercase == true }),
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
            while j < t.count, j - i < 7 {
                if j > i {
                    guard t[j].gap <= 1 else { break }
                    if t[j].isMark(","), j + 1 < t.count, t[j + 1].has(.organizationSuffix) { j += 1; continue }
                    guard t[j].kind == .word && (t[j].isCapitalized || t[j].isAllCaps || t[j].has(.organizationJoiner)) || t[j].isMark("&") else { break }
                }
                if t[j].has(.organizationSuffix), j > i || t[j].lower == "university" { suffix = j }
                j += 1
            }
            if let s = suffix {
                var end = s
                if end + 1 < t.count, t[end + 1].isMark("."), t[end + 1].gap == 0, ["inc", "co", "corp", "ltd"].contains(t[end].lower) { end += 1 }
                spans.append(EntitySpan(kind: .organization, start: t[i].start, end: t[end].end, score: 0.8, recognizer: "organization"))
                // The firm after the last "and" alone too, a little lower: where the words before it
                // are a person's name ("Ana Lima and Acme Corp"), the name wins the whole and the
                // firm is still a firm (the tagger took it for a second person).
                if let and = (i + 1..<s).last(where: { t[$0].lower == "and" || t[$0].isMark("&") }), and + 1 < s, t[and + 1].isCapitalized || t[and + 1].isAllCaps {
                    spans.append(EntitySpan(kind: .organization, start: t[and + 1].start, end: t[end].end, score: 0.79, recognizer: "organization"))
                }
                i = end + 1
                continue
            }
            i += 1
        }
    }
}

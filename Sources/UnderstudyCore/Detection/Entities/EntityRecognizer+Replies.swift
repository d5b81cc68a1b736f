/// What a mail program writes around a reply that a ticket keeps: the line above the quoted message
/// that names its writer ("On Mon, Jan 5, 2026 at 10:04 AM Ana Lima <ana@…> wrote:"), the labels of
/// a forwarded message's header in other languages ("Von:", "Para:"), and the greetings and
/// closings of a letter in other languages ("Hej Anna,", "Viele Grüße").
extension EntityRecognizer {
    /// The verbs of the attribution line, in the languages mail programs write it.
    static let attributionVerbs: Set<String> = [
        "wrote", "écrit", "escribió", "scritto", "escreveu", "napisał", "napisała", "napisal", "kirjoitti", "написал", "написала",
        "έγραψε", "yazdı", "napsal", "napsala", "napísal", "írta", "scrise", "schrieb", "skrev", "schreef", "skrifaði",
    ]
    /// Those written before the writer's name ("Am 05.01.2026 um 10:04 schrieb Ana Lima:", "… kl 10:04 skrev Ana Lima <…>:").
    static let attributionVerbsFirst: Set<String> = ["schrieb", "skrev", "schreef"]
    /// The small word before a verb of two words ("a écrit", "ha scritto").
    static let attributionAuxiliaries: Set<String> = ["a", "ha", "has"]
    /// Words of the date and time before the writer's name: where the name ends, read backwards. (Not
    /// the words that open a date and a surname too, `de`, `den`, `le`: a number or a comma is between.)
    static let attributionTimeWords: Set<String> = [
        "at", "am", "pm", "um", "uhr", "à", "às", "alle", "ore", "kl", "klo", "om", "las", "h", "on", "στις",
    ]
    /// Words of a mailbox that no person reads as theirs (`Acme Support <support@…>`).
    /// (A department's, `Support`, `Team`, are ``NameRecognizer/departments``.)
    static let mailboxWords: Set<String> = ["noreply", "no-reply", "notifications", "notification", "info", "mailer", "daemon", "the", "bot"]

    /// The writer named on the attribution line above a quoted reply: a line that ends with a colon
    /// and holds one of ``attributionVerbs``, the name the words before the verb (after the date and
    /// time, before the writer's address in `<…>`, `(<…>)` or `(…)`) or, after the verbs of
    /// ``attributionVerbsFirst``, the words after it — in any case beside an address, capitalised
    /// words that are no English ones without one (not "On Monday the billing team wrote:"); a
    /// display name in quotes whole (`"Halvorsen, Ingeborg"`), a mailbox's words (`Acme Support`) none.
    /// The name wins the words' other readings (a month's `Jan`, a town), and a name the rules read in
    /// the line's date (`Am Mo.`, `de jan.`) is none. Each stayed or took the verb or the date's
    /// words with it (`schrieb Joachim Wendlandt`, found by neither list).
    static func replyAttributions(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        var added: [EntitySpan] = [], lines: [(start: Int, end: Int)] = []
        // (Colons that end a line first: a text without one is done without hashing a word.)
        for c in t.indices where t[c].isMark(":") && (c + 1 == t.count || t[c + 1].gap == 2) {
            var a = c
            while a > 0, t[a].gap != 2 { a -= 1 }
            guard let v = (a..<c).last(where: { t[$0].kind == .word && t[$0].count >= 4 && attributionVerbs.contains(t[$0].lower) }) else { continue }
            if let name = attributionName(after: v, before: c, scan) ?? attributionName(before: v, from: a, scan) {
                added.append(EntitySpan(kind: .person, start: t[name.first].start, end: t[name.last].end, score: 0.7, recognizer: "person.attribution"))
                lines.append((t[a].start, t[name.first].start))
            }
        }
        guard !added.isEmpty else { return spans }
        // A name read in the line's date is none.
        let kept = spans.filter { span in
            !(span.kind == .person && !structuralNames.contains(span.recognizer) && lines.contains { $0.start <= span.start && span.end <= $0.end })
        }
        return overriding(kept, with: added, kinds: [.person, .location, .organization, .dateTime])
    }

    /// The writer's name after a verb of ``attributionVerbsFirst`` (`v`), up to the line's closing
    /// colon `c`, an address between.
    private static func attributionName(after v: Int, before c: Int, _ scan: TextScan) -> (first: Int, last: Int)? {
        let t = scan.tokens
        guard attributionVerbsFirst.contains(t[v].lower), v + 1 < c else { return nil }
        var last = v
        while last + 1 < c, t[last + 1].kind == .word || t[last + 1].isMark(".") && t[last].count == 1 { last += 1 }
        guard last > v else { return nil }
        // Then the colon, or an address and the colon.
        var address = false
        if last + 1 < c {
            guard t[last + 1].isMark(in: "<(["), t[c - 1].isMark(in: ">)]"), (last + 1..<c).contains(where: { t[$0].isMark("@") }) else { return nil }
            address = true
        }
        return plausibleWriter(v + 1, last, address: address, quoted: false, scan) ? (v + 1, last) : nil
    }

    /// The writer's name before the verb `v` (and its auxiliary), an address between, back to the
    /// date's last number, mark or word of time on the line from `a`.
    private static func attributionName(before v: Int, from a: Int, _ scan: TextScan) -> (first: Int, last: Int)? {
        let t = scan.tokens
        var p = v - 1
        if p > a, t[p].kind == .word, attributionAuxiliaries.contains(t[p].lower) { p -= 1 }
        guard p >= a else { return nil }
        var address = false
        // `<ana@…>`, `(<ana@…>)`, `(ana@…)`, `[mailto:ana@…]`.
        if t[p].isMark(in: ">)]") {
            var o = p - 1
            while o > a, !t[o].isMark(in: "<([") { o -= 1 }
            guard t[o].isMark(in: "<(["), (o..<p).contains(where: { t[$0].isMark("@") }) else { return nil }
            p = o - 1
            if p > a, t[p].isMark("("), t[o].isMark("<") { p -= 1 }
            address = true
        }
        guard p >= a else { return nil }
        // A display name in quotes, whole: `"Halvorsen, Ingeborg"`.
        if t[p].isMark(in: "\"'") {
            var o = p - 1
            while o > a, !t[o].isMark(t[p].isMark("\"") ? "\"" : "'") { o -= 1 }
            guard o < p - 1, t[o].isMark(in: "\"'"), t[o + 1].kind == .word, t[p - 1].kind == .word else { return nil }
            return plausibleWriter(o + 1, p - 1, address: address, quoted: true, scan) ? (o + 1, p - 1) : nil
        }
        var first = p + 1
        while first - 1 >= a {
            let q = first - 1
            let word = t[q].kind == .word && !attributionTimeWords.contains(t[q].lower) && !t[q].has([.weekday, .month])
            // An initial's full stop (`J. Smith`).
            let initial = t[q].isMark(".") && q > a && t[q - 1].kind == .word && t[q - 1].count == 1
            guard word || initial else { break }
            first = q
            if t[q].gap == 2 { break }
        }
        guard first <= p, t[first].kind == .word else { return nil }
        return plausibleWriter(first, p, address: address, quoted: false, scan) ? (first, p) : nil
    }

    /// Whether the words from `first` to `last` can be a person's name: one to six words, one of two
    /// letters or more, no mailbox's or department's word, no firm's legal form; without an address
    /// or quotes, capitalised and no common or English word that no list holds as a name.
    private static func plausibleWriter(_ first: Int, _ last: Int, address: Bool, quoted: Bool, _ scan: TextScan) -> Bool {
        let t = scan.tokens
        let words = (first...last).filter { t[$0].kind == .word }
        guard (1...6).contains(words.count), words.contains(where: { t[$0].count >= 2 }) else { return false }
        for w in words {
            if mailboxWords.contains(t[w].lower) || NameRecognizer.departments.contains(t[w].lower) || t[w].has(.organizationSuffix) { return false }
            if address || quoted || t[w].has(.particle) { continue }
            guard t[w].isCapitalized || t[w].isAllCaps, !t[w].isCommon, !t[w].has(.english) || t[w].isListedName else { return false }
        }
        return true
    }

    /// The labels of a forwarded message's header in other languages, before their colon at a
    /// line's start: no person nor place (`Von: Joachim Wendlandt` read `Von` as a name, `Para:` as a town).
    static let mailHeaderLabels: Set<String> = [
        "von", "an", "gesendet", "betreff", "de", "para", "enviado", "asunto", "envoyé", "objet", "da", "inviato", "oggetto", "van", "aan",
        "verzonden", "onderwerp", "från", "till", "skickat", "ämne", "fra", "til", "sendt", "emne", "od", "do", "wysłano", "temat",
        "lähettäjä", "vastaanottaja", "aihe", "kimden", "kime", "konu", "assunto", "cc", "kopie",
    ]
    /// Greetings of other languages that open a message: no part of the name after them (`Hej Anna`
    /// was one name), and alone no name or place (`Hoi`, `Hola`, `Olá` on a quoted line).
    static let foreignGreetings: Set<String> = [
        "hej", "hoi", "hola", "olá", "ciao", "salut", "bonjour", "bonsoir", "hallo", "hallå", "hei", "moi", "ahoj", "cześć", "szia",
        "merhaba", "servus", "moin", "grüezi", "tere", "buongiorno", "buonasera", "привет", "здравствуйте", "halo", "hejsan", "goedemorgen",
    ]

    /// Spans of the formulas a letter opens and closes with: a line (after a quote's `>` marks) that
    /// opens with a greeting of another language (cut from the name after it, or the span dropped),
    /// a header's label before its colon, and a line that is a closing (``NameRecognizer/closings``:
    /// `Viele Grüße`, `Met vriendelijke groet,` were names).
    static func withoutMailFormulas(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        let t = scan.tokens
        var result: [EntitySpan] = []
        var changed = false
        for span in spans {
            guard [.person, .location].contains(span.kind), !structuralNames.contains(span.recognizer), let k = scan.token(startingAt: span.start), t[k].start == span.start,
                  t[k].kind == .word, t[k].count <= 12 else { result.append(span); continue }
            // The line's first word: nothing before it on its line but `>` marks.
            var b = k
            while b > 0, t[b].gap != 2, t[b - 1].isMark(">") { b -= 1 }
            let opensLine = b == 0 || t[b].gap == 2
            if span.kind == .person, closingLine(around: k, scan) {
                changed = true
                continue
            }
            guard opensLine else { result.append(span); continue }
            if k + 1 < t.count, t[k + 1].isMark(":"), t[k + 1].gap == 0, span.end == t[k].end, mailHeaderLabels.contains(t[k].lower) {
                changed = true
                continue
            }
            guard foreignGreetings.contains(t[k].lower) else { result.append(span); continue }
            changed = true
            // The name after the greeting stays.
            if let next = t[(k + 1)...].firstIndex(where: { $0.kind == .word }), t[next].end <= span.end {
                var rest = span
                rest.start = t[next].start
                result.append(rest)
            }
        }
        return changed ? result : spans
    }

    /// Whether the line of token `k` is a letter's closing (``NameRecognizer/isClosing(_:)``), after
    /// a quote's `>` marks.
    private static func closingLine(around k: Int, _ scan: TextScan) -> Bool {
        let t = scan.tokens
        // (A closing is a few tokens long: a longer line is none, found without reading it whole.)
        var a = k, z = k
        while a > 0, t[a].gap != 2, k - a < 6 { a -= 1 }
        while z + 1 < t.count, t[z + 1].gap != 2, z - k < 6 { z += 1 }
        guard a == 0 || t[a].gap == 2, z + 1 == t.count || t[z + 1].gap == 2 else { return false }
        while a < z, t[a].isMark(">") { a += 1 }
        return NameRecognizer.isClosing(t[a...z])
    }
}

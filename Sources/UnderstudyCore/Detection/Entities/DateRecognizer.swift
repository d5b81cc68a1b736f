/// Dates and times in common formats: `2024-03-01`, `03/01/2024`, `1.3.2024`, `05-MAR-1985`, `March 1, 2024`,
/// `1st of March 2024`, `Mar 2024`, `10:30`, `10:30 pm`, with a weekday before them.
struct DateRecognizer: Recognizer {
    let kinds: Set<EntityKind> = [.dateTime]

    /// The months of German, French, Spanish, Portuguese, Italian and Dutch, in lower case, with and
    /// without accents (``TextDate/names``; read only between a day and a year: `Mai`, `Juli` and
    /// `Mayo` are names too).
    static let otherMonths: Set<String> = Set(TextDate.names.filter { $0.value.contains { $0.language != 0 } }.keys)

    /// Words of German, French, Spanish, Portuguese, Italian and Dutch that date what follows them,
    /// before a day and another language's month without a year (`le 3 mai`, `il 3 maggio`).
    static let otherDatingWords: Set<String> = [
        "el", "le", "il", "am", "op", "em", "au", "du", "del", "dal", "al", "vom", "zum", "bis", "ab", "seit", "dès", "depuis", "desde",
        "hasta", "dia", "den", "tot", "fino", "entre", "até", "ao", "do", "no", "per", "sino", "a", "à",
    ]

    /// Words that date a visit, a stay or a payment, before a month and day without a year.
    static let visitWords = ContextWords([
        "appt", "appts", "appointment", "appointments", "due", "until", "till", "since", "admitted", "admission", "discharged", "discharge",
        "seen", "visit", "visited", "visits", "dos", "scheduled", "rescheduled", "booked", "dated", "dob", "born", "expires", "expiry",
        "effective", "starting", "arrived", "arrives", "arriving", "departs", "departed", "surgery", "procedure", "follow", "followup",
    ], window: 4)
    /// Words in lower case a date may stand before (`3/14 at 2pm`, `3/14 and again`).
    static let afterDates: Set<String> = ["at", "and", "or", "to", "for", "in", "by", "with", "from", "until", "then", "was", "is", "were", "am", "pm"]

    /// Whether a date found before token `i` ends at most six tokens before it in its sentence (`seen
    /// on 3/14 and again on 4/2`: the second's word is the first's).
    static func followsDate(_ spans: [EntitySpan], _ scan: TextScan, _ i: Int) -> Bool {
        guard let previous = spans.last, previous.kind == .dateTime else { return false }
        var k = i - 1
        while k >= 0, i - k <= 6 {
            if scan.tokens[k].end <= previous.end { return true }
            if scan.endsSentence(k) { return false }
            k -= 1
        }
        return false
    }

    func recognize(_ scan: TextScan, into spans: inout [EntitySpan]) {
        let t = scan.tokens
        var i = 0
        func number(_ k: Int, maxLength: Int) -> Int? {
            guard k < t.count, t[k].kind == .number, t[k].count <= maxLength else { return nil }
            return Int(t[k].lower)
        }
        func glued(_ k: Int, _ mark: Unicode.Scalar) -> Bool { k < t.count && t[k].isMark(mark) && t[k].gap == 0 }
        /// A year of two digits after an apostrophe at `k` (`'84`, `’91`): its number's index.
        func shortYear(_ k: Int) -> Int? {
            guard k + 1 < t.count, t[k].isMark("'") || t[k].isMark("’"), t[k].gap == 1, t[k + 1].gap == 0, number(k + 1, maxLength: 2) != nil, t[k + 1].count == 2,
                  !(k + 2 < t.count && t[k + 2].gap == 0 && t[k + 2].kind != .punct) else { return nil }
            return k + 1
        }
        while i < t.count {
            var end: Int?
            // Numeric: Y-M-D, D/M/Y or M/D/Y, D.M.Y
            if let a = number(i, maxLength: 4), i + 4 < t.count, t[i + 1].isMark(in: ".-/"), t[i + 1].gap == 0,
               let b = number(i + 2, maxLength: 2), t[i + 2].gap == 0, t[i + 3].mark == t[i + 1].mark, t[i + 3].gap == 0,
               let c = number(i + 4, maxLength: 4), t[i + 4].gap == 0 {
                let ymd = t[i].count == 4 && (1...12).contains(b) && (1...31).contains(c)
                let dmy = t[i].count <= 2 && [2, 4].contains(t[i + 4].count) && (1...31).contains(a) && (1...31).contains(b) && (a <= 12 || b <= 12)
                if ymd || dmy { end = i + 4 }
            }
            // D-Mon-YYYY, as databases and forms export dates (`05-MAR-1985`, `5/Mar/1985`, `5.Mar.1985`).
            if end == nil, let day = number(i, maxLength: 2), (1...31).contains(day), i + 4 < t.count, t[i + 1].isMark(in: "-/."), t[i + 1].gap == 0,
               t[i + 2].kind == .word, t[i + 2].gap == 0, t[i + 2].has(.month), t[i + 3].mark == t[i + 1].mark, t[i + 3].gap == 0,
               number(i + 4, maxLength: 4) != nil, t[i + 4].count == 4, t[i + 4].gap == 0,
               !(i + 5 < t.count && t[i + 5].gap == 0 && (t[i + 5].kind != .punct || t[i + 5].isMark(in: "-/"))) {
                end = i + 4
            }
            // Textual: Month D(th)?,? Y | D(th)? (of)? Month,? Y | Month Y
            if end == nil, t[i].has(.month), t[i].isCapitalized || t[i].isAllCaps, t[i].lower != "may" || (i + 1 < t.count && t[i + 1].kind == .number) {
                var k = i + 1
                if glued(k, ".") { k += 1 }
                if let day = number(k, maxLength: 2), (1...31).contains(day) {
                    var e = k
                    if e + 1 < t.count, ["st", "nd", "rd", "th"].contains(t[e + 1].lower), t[e + 1].gap == 0 { e += 1 }
                    var y = e + 1
                    if y < t.count, t[y].isMark(",") { y += 1 }
                    if number(y, maxLength: 4) != nil, t[y].count == 4 { e = y } else if let year = shortYear(y) { e = year }
                    end = e
                } else if number(k, maxLength: 4) != nil, t[k].count == 4 {
                    end = k
                } else if let year = shortYear(k) {
                    end = year
                }
            }
            // Day (of) Month (Year); another language's month only with its year of four digits:
            // "14. Juli 1962", "14 juillet 1962", "14 de julio de 1962", "14 luglio 1962" (the month
            // was read as a name, and the day and year stayed).
            if end == nil, let day = number(i, maxLength: 2), (1...31).contains(day) {
                /// Another language's month at `n`.
                func other(_ n: Int) -> Bool { n < t.count && t[n].kind == .word && t[n].gap == 1 && Self.otherMonths.contains(t[n].lower) }
                var k = i + 1
                if k < t.count, ["st", "nd", "rd", "th"].contains(t[k].lower), t[k].gap == 0 { k += 1 } else if glued(k, "."), other(k + 1) { k += 1 }
                let de = k < t.count && t[k].lower == "de" && other(k + 1)
                if k < t.count, t[k].lower == "of" || de { k += 1 }
                let english = k < t.count && t[k].has(.month) && t[k].kind == .word
                if english || other(k) {
                    var e = k
                    // An abbreviation's dot (`Jan.`, `Dez.`, `janv.`); not the full stop after another
                    // language's month in full, ending its sentence (`dia 9 de março.`).
                    if glued(e + 1, "."), english || TextDate.names[t[e].lower]?.contains(where: \.abbreviated) == true || number(e + 2, maxLength: 4) != nil { e += 1 }
                    let month = e
                    var y = e + 1
                    if y < t.count, t[y].isMark(",") || (!english || de) && t[y].lower == "de" { y += 1 }
                    if number(y, maxLength: 4) != nil, t[y].count == 4 { e = y }
                    // Without its year, where the language says a date is meant: `de` before the
                    // month (`el 3 de mayo`), a day's full stop (`am 3. Mai`) or a word that dates
                    // in that language before the day (`le 3 mai`, `il 3 maggio`, `op 12 juni`) — not
                    // a name after a number (`Table 5 Mai Tran`).
                    // (Nor a list's step before an English word: `2. Set the secret`.)
                    let dated = de || !t[month].has(.english) && (glued(i + 1, ".") || i > 0 && t[i].gap == 1 && Self.otherDatingWords.contains(t[i - 1].lower))
                    if english || e > month || dated { end = e }
                }
            }
            // A month and day without a year (`3/14`, `03/18`; day first where it can only be: `24/12`)
            // after a word that dates a visit, a stay or a payment in its sentence (`Next appt 3/14`,
            // `Admitted 03/14, discharged 03/18`, `due 12/1`): a date all but its year, which HIPAA
            // counts a patient's. Not a fraction or a score (no such word: `3/4 cup`, `8/10`), nor
            // before a noun it counts (`seen 5/6 patients`), nor `24/7`.
            if end == nil, let a = number(i, maxLength: 2), glued(i + 1, "/"), let b = number(i + 2, maxLength: 2), t[i + 2].gap == 0,
               (1...12).contains(a) && (1...31).contains(b) || (13...31).contains(a) && (1...12).contains(b), !(a == 24 && b == 7),
               !(i > 0 && t[i].gap == 0 && (t[i - 1].kind != .punct || t[i - 1].isMark(in: "/.-"))),
               !(i + 3 < t.count && t[i + 3].gap == 0 && (t[i + 3].kind != .punct || t[i + 3].isMark(in: "/-")
                    || t[i + 3].isMark(".") && i + 4 < t.count && t[i + 4].gap == 0 && t[i + 4].kind == .number)),
               !(i + 3 < t.count && t[i + 3].gap == 1 && t[i + 3].kind == .word && !t[i + 3].isCapitalized && !t[i + 3].isAllCaps && !Self.afterDates.contains(t[i + 3].lower)),
               Self.visitWords.distance(scan, before: i, inSentence: true) != nil || Self.followsDate(spans, scan, i)
                // Or right after `on`, ending its clause: "he fell at home on 3/2." (it stayed).
                || i > 0 && t[i - 1].lower == "on" && t[i].gap == 1 && (i + 3 == t.count || t[i + 3].gap == 2 || t[i + 3].isMark(in: ".,;!?)")) {
                end = i + 2
            }
            // Times: H:MM(:SS)? (am|pm)?, only right after a date ("March 3 at 10:30"): a clock time alone
            // (opening hours, durations) says nothing about a person.
            if end == nil, i >= 2, let previous = spans.last, previous.kind == .dateTime, previous.end == t[i - (t[i - 1].lower == "at" ? 2 : 1)].end,
               let hour = number(i, maxLength: 2), hour <= 23, glued(i + 1, ":"), let minute = number(i + 2, maxLength: 2), t[i + 2].count == 2, minute < 60, t[i + 2].gap == 0 {
                var e = i + 2
                if glued(e + 1, ":"), number(e + 2, maxLength: 2) != nil { e += 2 }
                if e + 1 < t.count, ["am", "pm", "a.m", "p.m"].contains(t[e + 1].lower) { e += 1 }
                // Not a ratio or a clock inside an IPv6 address.
                if !(i > 0 && t[i - 1].gap == 0 && t[i - 1].isMark(":")) { end = e }
            }
            if let e = end {
                var start = i
                // A weekday before it belongs to it: "Monday, March 1".
                if start >= 2, t[start - 1].isMark(","), t[start - 2].has(.weekday) { start -= 2 }
                else if start >= 1, t[start - 1].has(.weekday) { start -= 1 }
                spans.append(EntitySpan(kind: .dateTime, start: t[start].start, end: t[e].end, score: 0.85, recognizer: "date"))
                i = e + 1
            } else {
                i += 1
            }
        }
    }
}

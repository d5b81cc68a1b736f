/// Identifiers made of digits: card numbers (Luhn), US SSNs (SSA rules), phone numbers
/// (international formats and extensions), IPv4 addresses, IBANs (mod 97, with or without spaces),
/// and, after their context words, US driver's licence and passport numbers.
struct NumberRecognizer: Recognizer {
    let kinds: Set<EntityKind> = [.creditCard, .ssn, .phoneNumber, .ipAddress, .iban, .driverLicense, .passport, .idNumber]

    static let phoneContext = ContextWords([
        "phone", "call", "tel", "telephone", "mobile", "cell", "fax", "contact", "reach", "text", "number", "dial", "whatsapp", "ring",
        "called", "calling", "calls", "callback", "phoned", "rang", "voicemail", "vm", "sms", "texted", "landline", "mob", "ph",
        // Other languages' (a Chinese mobile after 手机 stayed): German, French, Spanish, Portuguese, Italian, Dutch, Russian,
        // Chinese, Japanese, Korean, Arabic, Hebrew.
        "telefon", "telefonnummer", "handynummer", "mobilnummer", "rufnummer", "téléphone", "tél", "teléfono", "móvil", "celular", "telefone",
        "telefono", "cellulare", "telefoon", "mobiel", "телефон", "тел", "моб", "мобильный", "сотовый", "手机", "手機", "电话", "電話",
        "电话号码", "電話番号", "携帯", "携帯電話", "연락처", "전화", "전화번호", "휴대폰", "핸드폰", "هاتف", "الهاتف", "جوال", "الجوال", "טלפון", "נייד", "τηλέφωνο", "τηλ", "κινητό", "номеру",
    ], window: 6, flag: .phoneCue)
    /// The names of a phone's or a SIM's numbers, which are no cards though they pass Luhn.
    static let deviceNumberWords = Set(RecordNumberRecognizer.deviceCues)
    static let ssnContext = ContextWords(["ssn", "social", "security", "taxpayer", "tin", "itin"], flag: .ssnCue)
    /// The same words anywhere before in their sentence: nine digits written together are an SSN
    /// there (`SSN on file 123-45-6789 does not match the one given (123456789)` left the second).
    static let ssnSentence = ContextWords(Array(ssnContext.words), window: 24, flag: .ssnCue)
    /// (Read within their sentence: `passport 533380006. Called 555-867-5309` — the phone number was
    /// no phone number after the word, and after `licence D1234567.` a licence.)
    static let licenseContext = ContextWords(["driver", "driver's", "drivers", "license", "licence", "licenses", "licences", "dl", "driving", "permit"], window: 6, flag: .licenseCue)
    static let passportContext = ContextWords(["passport", "passports"], window: 6, flag: .passportCue)
    /// Words for a document or a record whose number follows them: an invoice's, an order's, a ticket's.
    static let documentWords: Set<String> = [
        "invoice", "inv", "order", "ticket", "case", "ref", "reference", "po", "receipt", "booking", "reservation", "confirmation",
        "tracking", "quote", "quotation", "contract", "shipment", "batch", "lot", "incident", "request", "req", "rma", "transaction", "txn",
    ]

    static let numberWords: Set<String> = ["no", "nr", "num", "number"]

    /// A document's word right before the token at `index`, a `#`, `:`, `no.`, `nr` or `number` between.
    static func numbersDocument(_ scan: TextScan, before index: Int) -> Bool {
        let tokens = scan.tokens
        var k = index - 1
        while k >= 0, k >= index - 3, tokens[k].isMark(in: "#:.") || numberWords.contains(tokens[k].lower) { k -= 1 }
        return k >= 0 && tokens[k].kind == .word && documentWords.contains(tokens[k].lower)
    }

    static let extensionWords: Set<String> = ["ext", "extension", "x"]

    /// A run of number tokens joined by one separator each (space, `-`, `.`, `/`, parentheses), with a leading `+`.
    struct Run {
        var first: Int
        var last: Int
        var digits: [Int]
        var separators: [String]
        var plus: Bool
        var groups: [Int]

        /// The marks between its groups, each without the space that may follow it.
        var marks: Set<String> {
            Set(separators.compactMap { s -> String? in
                let marks = s.last == " " ? String(s.dropLast()) : s
                return marks.isEmpty ? nil : marks
            })
        }

        /// A date and the hour of a time after it (`2024-03-31 12` of `2024-03-31 12:00`): four
        /// groups, the first three a date by their values (year, month, day in an order dates are
        /// written in) joined by one mark, then a space and the hour, a colon right after it.
        func isDateBeforeTime(_ scan: TextScan) -> Bool {
            guard groups.count == 4, separators.count == 3, separators[0] == separators[1], ["-", "/", "."].contains(separators[0]), separators[2] == " ",
                  groups[3] <= 2, last + 1 < scan.tokens.count, scan.tokens[last + 1].isMark(":"), scan.tokens[last + 1].gap == 0 else { return false }
            let values = self.values
            let dayMonth = { (a: Int, b: Int) in (1...31).contains(a) && (1...12).contains(b) || (1...12).contains(a) && (1...31).contains(b) }
            let date = groups[0] == 4 ? (1...12).contains(values[1]) && (1...31).contains(values[2]) && groups[1] <= 2 && groups[2] <= 2
                : groups[0] <= 2 && groups[1] <= 2 && [2, 4].contains(groups[2]) && dayMonth(values[0], values[1])
            return date && values[3] <= 24
        }

        /// Each group's digits as a number.
        var values: [Int] {
            var offset = 0
            return groups.map { length -> Int in
                defer { offset += length }
                return digits[offset..<(offset + length)].reduce(0) { $0 * 10 + $1 }
            }
        }

        /// Written as a date (`2026-11-03`, `03/11/26`): three groups, one separator (`marks`: ``marks``).
        func isDate(marks: Set<String>) -> Bool {
            groups.count == 3 && marks.count == 1 && marks.isSubset(of: ["-", "/", "."])
                && ((groups[0] == 4 && groups[1] <= 2 && groups[2] <= 2) || (groups[0] <= 2 && groups[1] <= 2 && [2, 4].contains(groups[2])))
        }
    }

    func runs(_ scan: TextScan) -> [Run] {
        let tokens = scan.tokens
        var runs: [Run] = []
        var i = 0
        while i < tokens.count {
            guard tokens[i].kind == .number || (tokens[i].isMark("(") && i + 1 < tokens.count && tokens[i + 1].kind == .number && tokens[i + 1].gap == 0)
                    || (tokens[i].isMark("+") && i + 1 < tokens.count && tokens[i + 1].kind == .number && tokens[i + 1].gap == 0) else { i += 1; continue }
            // A number glued to letters (A123, 12B) is not part of a numeric identifier.
            if tokens[i].kind == .number, tokens[i].gap == 0, i > 0, tokens[i - 1].kind == .word { i += 1; continue }
            var run = Run(first: i, last: i, digits: [], separators: [], plus: tokens[i].isMark("+"), groups: [])
            var j = i
            var pendingSeparator = ""
            while j < tokens.count {
                let token = tokens[j]
                if token.kind == .number {
                    if j > run.first, token.gap == 2 { break }
                    if !run.groups.isEmpty { run.separators.append(pendingSeparator + (token.gap == 1 ? " " : "")) }
                    run.digits += token.lower.utf8.map { Int($0) - 48 }
                    run.groups.append(token.count)
                    run.last = j
                    pendingSeparator = ""
                    j += 1
                    continue
                }
                if token.kind == .punct, token.isMark(in: "-./()+"), token.gap < 2,
                   j + 1 < tokens.count, tokens[j + 1].gap < 2, tokens[j + 1].kind == .number || tokens[j + 1].isMark("(") {
                    if j == run.first { j += 1; continue }
                    pendingSeparator += token.lower
                    j += 1
                    continue
                }
                if token.isMark(")"), token.gap == 0 { pendingSeparator += ")"; j += 1; continue }
                break
            }
            if !run.digits.isEmpty { runs.append(run) }
            i = max(run.last + 1, i + 1)
        }
        return runs
    }

    func recognize(_ scan: TextScan, into spans: inout [EntitySpan]) {
        let tokens = scan.tokens
        if scan.digitCount >= 7 {
            for run in runs(scan) { classify(run, scan, &spans) }
        }
        recognizeIBANs(scan, &spans)
        // Licence and passport numbers: an identifier-like token shortly after its context words.
        guard scan.flags.contains(.licenseCue) || scan.flags.contains(.passportCue) else { return }
        func dash(_ k: Int) -> Bool {
            k > 0 && k + 1 < tokens.count && tokens[k].isMark("-") && tokens[k].gap == 0 && tokens[k + 1].gap == 0
                && tokens[k - 1].kind != .punct && tokens[k + 1].kind != .punct
        }
        for index in tokens.indices where tokens[index].kind != .punct {
            // (Not glued to the word before it: its own space, not the one before that word — the
            // number after a text's first word, which has none, stayed.)
            guard index == 0 || tokens[index].gap != 0 || tokens[index - 1].kind == .punct else { continue }
            // (Not the second group of a number in dashed groups: the first takes them all.)
            guard !(index >= 2 && dash(index - 1)) else { continue }
            var end = index
            // Letters and digits written together (A1234567) are tokenized apart; a licence may be
            // written in dashed groups (`S530-4123-4567`), which are one number.
            while end + 1 < tokens.count, tokens[end + 1].gap == 0, tokens[end + 1].kind != .punct || dash(end + 1) { end += 1 }
            var digits = 0, letters = 0, length = 0
            if tokens[index...end].allSatisfy(\.isASCII) {
                // ASCII: digits are the numbers' units, letters the words' units but `'` and `-`.
                for k in index...end {
                    length += tokens[k].end - tokens[k].start
                    if tokens[k].kind == .number { digits += tokens[k].end - tokens[k].start; continue }
                    for u in scan.units[tokens[k].start..<tokens[k].end] where u != 0x27 && u != 0x2D { letters += 1 }
                }
            } else {
                let text = tokens[index...end].map(scan.text(of:)).joined()
                digits = text.filter(\.isNumber).count
                letters = text.filter(\.isLetter).count
                length = text.count
            }
            let dashed = end > index && tokens[index...end].contains { $0.kind == .punct }
            guard digits >= 4, (5...(dashed ? 15 : 13)).contains(dashed ? digits + letters : length), letters <= 3 else { continue }
            // Dashed groups of digits alone: three at least, and no date (a year range after
            // `license`: `Copyright (C) 2003-2004`; `2003-04-05`).
            if dashed, letters == 0 {
                let groups = tokens[index...end].filter { $0.kind != .punct }.map { $0.end - $0.start }
                if groups.count < 3 || groups.count == 3 && (groups[0] == 4 && groups[1] <= 2 && groups[2] <= 2 || groups[0] <= 2 && groups[1] <= 2 && groups[2] == 4) { continue }
            }
            let span = (start: tokens[index].start, end: tokens[end].end)
            // (Other countries' passports mix letters in and differ in length: Germany's `C01X00T47`,
            // France's `12AB34567`, India's `J8369854`, Canada's `AB123456`.)
            // (Of both words, the nearer: `passport number 613499132 and license J3802570`.)
            let passport = Self.passportContext.distance(scan, before: index, inSentence: true), license = Self.licenseContext.distance(scan, before: index, inSentence: true)
            if let passport, passport < license ?? .max, !dashed, (7...10).contains(digits + letters),
               letters == 0 || digits >= 5 {
                spans.append(EntitySpan(kind: .passport, start: span.start, end: span.end, score: 0.85, recognizer: "passport"))
            } else if license != nil, letters <= 2 || digits >= 7 {
                spans.append(EntitySpan(kind: .driverLicense, start: span.start, end: span.end, score: 0.8, recognizer: "driver-license"))
            }
        }
    }

    private func classify(_ run: Run, _ scan: TextScan, _ spans: inout [EntitySpan]) {
        let tokens = scan.tokens
        // A parenthesis that opens the run but closes no area code (`(1 802 530 7575)`) encloses it.
        let enclosed = tokens[run.first].isMark("(") && run.separators.first?.hasPrefix(")") != true
        let start = tokens[enclosed ? run.first + 1 : run.first].start, end = tokens[run.last].end
        let count = run.digits.count
        let separators = run.marks
        // IPv4: four groups of at most 3 digits joined by dots, each ≤ 255. (Not after a `+`:
        // `+61.418.643.739` is a phone number.)
        if run.groups.count == 4, !run.plus, run.separators.allSatisfy({ $0 == "." }), run.groups.allSatisfy({ $0 <= 3 }) {
            if run.values.allSatisfy({ $0 <= 255 }) {
                spans.append(EntitySpan(kind: .ipAddress, start: start, end: end, score: 0.95, recognizer: "ipv4"))
            }
            return
        }
        // Dates are the date recognizer's — and a date whose time follows (`2024-03-31 12:00`: the
        // run takes the hour, the colon ends it), which the phone rule took with "call" in the text.
        if run.isDate(marks: separators) || run.isDateBeforeTime(scan) { return }
        // The rest of an IBAN whose check failed (`DE89 3704 …`) is not a card or a phone number.
        if run.first >= 2, tokens[run.first].gap == 1, tokens[run.first - 1].kind == .number, tokens[run.first - 1].gap == 0,
           tokens[run.first - 2].kind == .word, tokens[run.first - 2].count == 2, tokens[run.first - 2].isAllCaps { return }
        // SSN: 3-2-4, or nine digits after its context words. Written ddd-dd-dddd (or after its
        // context words) it is never a phone number, valid or not.
        if count == 9 {
            let context = Self.ssnContext.present(scan, before: run.first)
            let dashed = run.groups == [3, 2, 4] && (separators == ["-"] || context)
            if dashed || !run.plus && (run.groups == [3, 2, 4] || run.groups == [9] && Self.ssnSentence.distance(scan, before: run.first, inSentence: true) != nil) {
                let d = run.digits
                if SSNGenerator.index(d[0] * 100 + d[1] * 10 + d[2], d[3] * 10 + d[4], d[5] * 1000 + d[6] * 100 + d[7] * 10 + d[8]) != nil {
                    spans.append(EntitySpan(kind: .ssn, start: start, end: end, score: context ? 1.0 : 0.85, recognizer: "ssn"))
                    return
                }
                // An ITIN, the IRS's number for people without an SSN: 9XX-7X-XXXX (groups 50–65,
                // 70–88, 90–92, 94–99), which the SSA's rules refuse (it stayed in the clear).
                let group = d[3] * 10 + d[4]
                if d[0] == 9, (50...65).contains(group) || (70...88).contains(group) || (90...92).contains(group) || (94...99).contains(group), dashed || context {
                    spans.append(EntitySpan(kind: .idNumber, start: start, end: end, score: context ? 1.0 : 0.85, recognizer: "itin"))
                    return
                }
                if dashed { return }
            }
        }
        // Cards: 13–19 digits passing Luhn, in groups of four (or one block). A phone's IMEI passes Luhn
        // too: after its name it is the phone's number (``RecordNumberRecognizer``), not a card.
        if (13...19).contains(count), !run.plus, Luhn.isValid(run.digits), separators.isSubset(of: ["-"]) {
            var k = run.first - 1
            if k >= 0, tokens[k].isMark(in: ":#") { k -= 1 }
            if k >= 0, Self.deviceNumberWords.contains(tokens[k].lower) { return }
            spans.append(EntitySpan(kind: .creditCard, start: start, end: end, score: 1.0, recognizer: "credit-card"))
            return
        }
        // Phones: 7–15 digits with a phone's shape: grouped, or a leading +, or after its context words.
        guard (7...15).contains(count), separators.isSubset(of: ["-", ".", "(", ")", "/", "()", ")-", ").", "-(", "("]) else { return }
        // A number after "passport" or "licence" is that, not a phone number.
        if Self.passportContext.distance(scan, before: run.first, inSentence: true) != nil || Self.licenseContext.distance(scan, before: run.first, inSentence: true) != nil { return }
        // A document's number right after its word (`Invoice 2024-0113`, `order no. 5512-8890`,
        // `case #2023-44718`) is that, not a phone number, whatever else the sentence says.
        if !run.plus, Self.numbersDocument(scan, before: run.first) { return }
        let context = Self.phoneContext.present(scan, before: run.first)
        // A range of years (`Copyright: 1998-2022, Vijay Panghal`, `© 2009-2017`) is no phone number
        // without a word that says one.
        if !context, !run.plus, run.groups == [4, 4], separators == ["-"], let from = run.values.first, let to = run.values.last,
           (1900...2099).contains(from), (1900...2099).contains(to), from < to { return }
        // Grouped: every group two digits or more but a country code of one first (`1 802 530 7575`,
        // `1-246-418-6909`); or after a `+` (`+33 (0)4 23 79 70 68`: the trunk's `(0)` a group).
        let grouped = run.groups.count >= 2 && run.groups.dropFirst(run.groups.count >= 4 ? 1 : 0).allSatisfy { $0 >= 2 } || run.plus
        // A national number as dialled, its trunk 0 first (`07746880638`, `0289018906`): ten or
        // eleven digits in one group, no order or invoice number's shape (those start `00`, or with 1–9).
        let trunk = run.groups.count == 1 && (10...11).contains(count) && run.digits[0] == 0 && run.digits[1] != 0
        guard grouped || context || trunk, run.groups.count <= (run.plus ? 8 : 6) else { return }
        var stop = end
        // An extension: "ext. 204", "x204".
        var k = run.last + 1
        if k < tokens.count, Self.extensionWords.contains(tokens[k].lower) {
            k += 1
            if k < tokens.count, tokens[k].isMark(".") { k += 1 }
            if k < tokens.count, tokens[k].kind == .number, tokens[k].count <= 6 { stop = tokens[k].end }
        }
        spans.append(EntitySpan(kind: .phoneNumber, start: start, end: stop, score: context ? 0.95 : (run.plus ? 0.85 : trunk ? 0.7 : 0.75), recognizer: "phone"))
    }

    /// IBANs: a country code, two check digits and up to 30 letters and digits, spaced in fours or
    /// not; accepted when the mod-97 check holds for the longest prefix that passes it.
    private func recognizeIBANs(_ scan: TextScan, _ spans: inout [EntitySpan]) {
        let tokens = scan.tokens
        // Words in capitals only (a word with a lower-case letter is no IBAN's start; checked first,
        // as it is cheap).
        for index in tokens.indices where tokens[index].kind == .word && tokens[index].isAllCaps {
            // The country code is a word of its own, two ASCII capitals (a longer word's third
            // character would be a letter, never the check digits), and a number follows it.
            guard index + 1 < tokens.count, tokens[index].end - tokens[index].start == 2, tokens[index + 1].kind == .number, tokens[index + 1].gap <= 1,
                  scan.units[tokens[index].start] < 0x80, scan.units[tokens[index].start + 1] < 0x80 else { continue }
            let token = tokens[index]
            // ASCII letters (upper-cased) and digits, token by token.
            var chars: [UInt8] = scan.units[token.start..<token.end].map { UInt8(truncatingIfNeeded: $0) }
            var ends: [(length: Int, end: Int)] = [(chars.count, token.end)]
            var j = index + 1
            while j < tokens.count, tokens[j].gap <= 1, tokens[j].kind != .punct, chars.count < 34 {
                let piece = scan.units[tokens[j].start..<tokens[j].end]
                guard piece.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) }) else { break }
                chars += piece.map { UInt8(truncatingIfNeeded: $0 >= 0x61 ? $0 - 0x20 : $0) }
                ends.append((chars.count, tokens[j].end))
                j += 1
            }
            guard chars.count >= 15, chars[2] >= 0x30 && chars[2] <= 0x39, chars[3] >= 0x30 && chars[3] <= 0x39 else { continue }
            let expected = IBANCheck.length(country: chars[0], chars[1])
            for (length, end) in ends.reversed() where length >= 15 && length <= 34 && (expected == nil || length == expected) {
                if IBANCheck.isValid(ascii: chars[0..<length]) {
                    spans.append(EntitySpan(kind: .iban, start: token.start, end: end, score: 1.0, recognizer: "iban"))
                    break
                }
            }
        }
    }
}

/// The ISO 13616 check: the first four characters moved to the end, letters as 10–35, mod 97 = 1.
enum IBANCheck {
    /// The length of each country's IBANs, from the ISO 13616 registry (SWIFT's IBAN Registry):
    /// a run of the right shape that passes mod 97 by chance (one in 97) and has not its country's
    /// length is none (`MT 58849 for Eleonora`, 18 characters of a Maltese 31, was one).
    static let lengths: [String: Int] = [
        "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22, "BH": 22, "BI": 27, "BR": 29, "BY": 28,
        "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22, "DJ": 27, "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18,
        "FK": 18, "FO": 18, "FR": 27, "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HN": 28, "HR": 21, "HU": 28,
        "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LI": 21, "LT": 20,
        "LU": 20, "LV": 21, "LY": 25, "MC": 27, "MD": 24, "ME": 22, "MK": 19, "MN": 20, "MR": 27, "MT": 31, "MU": 30, "NI": 28,
        "NL": 18, "NO": 15, "OM": 23, "PK": 24, "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "RU": 33, "SA": 24,
        "SC": 31, "SD": 18, "SE": 24, "SI": 19, "SK": 24, "SM": 27, "SO": 23, "ST": 25, "SV": 28, "TL": 23, "TN": 24, "TR": 26,
        "UA": 29, "VA": 22, "VG": 24, "XK": 20, "YE": 30,
    ]

    /// The registry's length for a country code's two ASCII capitals; nil for one it does not list
    /// (held to mod 97 alone).
    static func length(country first: UInt8, _ second: UInt8) -> Int? {
        lengths[String(decoding: [first, second], as: UTF8.self)]
    }

    /// The check on upper-case ASCII letters and digits (anything else fails it).
    static func isValid(ascii chars: ArraySlice<UInt8>) -> Bool {
        guard chars.count >= 15 else { return false }
        var remainder = 0
        let start = chars.startIndex
        for k in 0..<chars.count {
            let c = chars[start + (k + 4) % chars.count]
            if c >= 0x30 && c <= 0x39 {
                remainder = (remainder * 10 + Int(c - 0x30)) % 97
            } else if c >= 0x41 && c <= 0x5A {
                remainder = (remainder * 100 + Int(c) - 55) % 97
            } else {
                return false
            }
        }
        return remainder == 1
    }
}

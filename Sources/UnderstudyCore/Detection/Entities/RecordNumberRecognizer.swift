/// Numbers that identify a person in a record: a medical record number, an account, a member,
/// patient, employee or student ID, a policy or claim, an NHS or Medicare number — written right
/// after the words that name them ("MRN: 00482913", "Member ID XJ4471992", "Policy no. HX-2291-7781",
/// "acct #99120044"). Presidio has no such kind (only some countries' own); a doctor's note or a
/// ticket carries them as often as a name. Without a naming word a number is none of these.
struct RecordNumberRecognizer: Recognizer {
    let kinds: Set<EntityKind> = [.idNumber]

    /// Words that name such a number (``Lexicon/Flags/recordCue``).
    static let cues = [
        "mrn", "acct", "account", "policy", "member", "membership", "patient", "customer", "client", "employee", "emp", "staff", "student",
        "subscriber", "beneficiary", "enrollee", "claim", "medicare", "medicaid", "nhs", "nino", "insurance", "insured", "record", "chart",
        "mbi", "payroll", "badge", "user", "loyalty",
        // A clinician's: the US National Provider Identifier and the DEA registration.
        "npi", "dea",
        // A vehicle's, which names its keeper: "reg 191-D-12345", "Plate: 7ABC123", "VIN 1HGCM82633A004352".
        "reg", "registration", "plate", "vrn", "vin",
        // A country's number for its people, by its name: Brazil's CPF, Spain's DNI, NIE and NIF,
        // Poland's PESEL, the Netherlands' BSN, Sweden's, Norway's and Finland's, Canada's SIN,
        // India's Aadhaar, Australia's TFN, Ireland's PPSN, Mexico's NSS, a TIN.
        "cpf", "dni", "nie", "nif", "pesel", "bsn", "personnummer", "personnr", "fødselsnummer", "hetu", "henkilötunnus", "sin", "aadhaar",
        "tfn", "ppsn", "pps", "nss", "tin", "rg",
        // Latin America's: a cédula (Colombia, Ecuador, Venezuela…), Mexico's CURP, RFC and voter card
        // (INE), Chile's RUT, Argentina's CUIT and CUIL, Colombia's NIT, Peru's RUC, Guatemala's DPI, El
        // Salvador's DUI; an identity document or card as Spanish, French and Italian name it; Germany's
        // identity card, the Netherlands' BSN in full.
        "cédula", "cedula", "curp", "rfc", "ine", "rut", "cuit", "cuil", "nit", "ruc", "dpi", "dui", "identidad", "identité", "identità",
        "personalausweis", "ausweis", "ausweisnummer", "burgerservicenummer",
        // The US taxpayer numbers of a person (ITIN) and of an employer, a sole trader's too (EIN).
        "itin", "ein",
        // Africa's: Nigeria's Bank Verification Number and National Identification Number, Kenya's
        // KRA PIN, South Africa's and Ghana's identity numbers as their cards name them ("BVN
        // 22123456789" stayed).
        "bvn", "nin", "kra", "ghanacard",
        // India's Permanent Account Number (only in capitals, `PAN`: a pan is a pan).
        "pan",
        // A device's serial number, which HIPAA counts among a patient's identifiers (a pacemaker's, an implant's).
        "serial",
        // France's social security number (NIR): "n° sécu", "numéro de sécurité sociale", "NIR".
        "sécu", "secu", "sociale", "nir",
        // The UK's National Insurance number as people write it: "NI number" (in capitals, before its filler).
        "ni",
    ] + deviceCues + [
        // A bank account's branch: "sort code 20-00-00" (with the filler `code`).
        "sort",
        // An insurance card's member number as a form abbreviates it: "Ins ID: XGP123456789" (with a filler only).
        "ins",
        // A card's security code, which a card number's fake does not cover: "CVV 123".
        "cvv", "cvc", "cvv2", "cvc2", "csc",
        // In their own languages: Germany's tax and insurance numbers, Russia's passport, INN and SNILS, China's resident
        // identity card, Japan's My Number, Korea's resident registration number, a passport in Chinese, Japanese, Korean.
        "steuer-id", "steueridentifikationsnummer", "steuernummer", "sozialversicherungsnummer", "versichertennummer", "паспорт",
        "инн", "снилс", "身份证", "身份證", "身份证号", "身份證號", "身份证号码", "身份證號碼", "护照", "護照", "マイナンバー", "個人番号",
        "주민등록번호", "외국인등록번호", "여권", "여권번호",
    ]
    /// A phone's and a SIM's numbers, which name their owner as a line does ("IMEI 490154203237518",
    /// "ICCID 8944…"): no card though an IMEI passes Luhn (``NumberRecognizer``).
    static let deviceCues = ["imei", "iccid", "imsi", "meid", "esn"]
    /// Words between the naming word and the number: "Member ID:", "Account number", "Policy no.".
    /// (And the verb of a sentence that says it: "My account number is 12345678".)
    /// (Its verb in Spanish, Portuguese, French and German too: "su cédula es 1.020.345.678".)
    static let fillers: Set<String> = ["number", "numbers", "no", "nr", "num", "id", "ids", "code", "ref", "reference", "identifier", "is", "was", "es", "é", "est", "ist"]
    /// The words of a card's security code, before its three or four digits.
    static let cardCodes: Set<String> = ["cvv", "cvc", "cvv2", "cvc2", "csc"]

    func recognize(_ scan: TextScan, into spans: inout [EntitySpan]) {
        // (Two digits: a British registration has no more.)
        // (Without a naming word, only `ID` before a long number: ``strongIdentifier(afterBareIDAt:_:)``.)
        let cued = scan.flags.contains(.recordCue)
        guard scan.digitCount >= (cued ? 2 : 6) else { return }
        let t = scan.tokens
        var i = 0
        while i < t.count {
            defer { i += 1 }
            guard t[i].kind == .number || t[i].kind == .word && (t[i].count <= 4 || t[i].count == 5 && t[i].isAllCaps), i == 0 || t[i].gap > 0 || t[i - 1].kind == .punct else { continue }
            guard let cue = cued ? Self.cue(before: i, scan) : nil else {
                if let end = Self.strongIdentifier(afterBareIDAt: i, scan) {
                    spans.append(EntitySpan(kind: .idNumber, start: t[i].start, end: t[end].end, score: 0.9, recognizer: "id-number.bare-id"))
                    i = end
                }
                continue
            }
            // A card's security code: three or four digits alone.
            if Self.cardCodes.contains(t[cue].lower) {
                guard t[i].kind == .number, (3...4).contains(t[i].count), !(i + 1 < t.count && t[i + 1].gap == 0 && t[i + 1].kind != .punct && !t[i + 1].isMark(",") && !t[i + 1].isMark(".")) else { continue }
                spans.append(EntitySpan(kind: .idNumber, start: t[i].start, end: t[i].end, score: 0.9, recognizer: "id-number.card-code"))
                continue
            }
            if t[cue].lower == "sort", !(cue + 1 < t.count && t[cue + 1].lower == "code") { continue }
            let shaped = Self.nationalInsurance(from: i, t) ?? Self.compactNationalInsurance(from: i, t) ?? Self.frenchSocialSecurity(from: i, t) ?? Self.indianPAN(from: i, t)
            // `NI:` names no other number (`NI: 12 more cases`).
            if t[cue].lower == "ni", cue + 1 < t.count, t[cue + 1].kind == .punct, shaped == nil { continue }
            guard let end = shaped ?? Self.identifier(from: i, scan) ?? Self.britishPlate(from: i, t) else { continue }
            spans.append(EntitySpan(kind: .idNumber, start: t[i].start, end: t[end].end, score: 0.96, recognizer: "id-number"))
            i = end
        }
    }

    /// The last token of an identifier at `start` that `ID` names alone, in capitals or capitalised
    /// (`BCBS ID XKE884512290`, `Aetna ID: W123456789`, `Order ID #55120873`: an insurer's member
    /// number, or a number that leads to one person's record): letters and digits, or six digits and
    /// more — not a short one (`Room ID 12`), not after a lower-case `id` (a field's name).
    static func strongIdentifier(afterBareIDAt start: Int, _ scan: TextScan) -> Int? {
        let t = scan.tokens
        var k = start - 1
        while k >= 0, t[k].kind == .punct, t[k].isMark(in: ":#"), start - k <= 2 { k -= 1 }
        guard k >= 0, t[k].kind == .word, t[k].lower == "id", t[k].isAllCaps || t[k].isCapitalized, t[k + 1].gap < 2,
              let end = identifier(from: start, scan) else { return nil }
        var digits = 0, letters = 0
        for token in t[start...end] where token.kind != .punct {
            if token.kind == .number { digits += token.count } else { letters += token.count }
        }
        return digits >= 6 || (letters >= 1 && digits + letters >= 8) ? end : nil
    }

    /// The naming word right before token `index`, over marks (`:`, `#`, `.`) and the words of
    /// ``fillers`` (`NI` only in capitals before a filler: `NI number`).
    static func cue(before index: Int, _ scan: TextScan) -> Int? {
        let t = scan.tokens
        var k = index - 1, marks = 0, words = 0
        while k >= 0, t[k + 1].gap < 2 {
            if t[k].kind == .punct {
                // (A full-width colon too: `身份证号：…`.)
                guard t[k].isMark(in: ":#.(-=") || t[k].mark == 0xFF1A, marks < 3 else { return nil }
                marks += 1
            } else if t[k].kind == .word {
                // (`NI` alone before `:` only in capitals, and only before a number of its shape: ``recognize``.)
                // (`EIN` only in capitals too: `ein` is German's "a".)
                if t[k].has(.recordCue) {
                    if t[k].lower == "ein" || t[k].lower == "pan" { return t[k].isAllCaps ? k : nil }
                    // (`ins` only before its filler: `Ins ID`, `Ins. no.`; not `ins and outs`.)
                    if t[k].lower == "ins" { return words > 0 ? k : nil }
                    return t[k].lower != "ni" || t[k].isAllCaps && (words > 0 || marks > 0) ? k : nil
                }
                guard fillers.contains(t[k].lower), words < 2 else { return nil }
                words += 1
            } else {
                return nil
            }
            k -= 1
        }
        return nil
    }

    /// A UK National Insurance number in its pairs after its naming word (`QQ 12 34 56 C`: two
    /// letters, three pairs of digits, a letter A to D), which ``identifier(from:_:)`` reads as
    /// words: its last token.
    static func nationalInsurance(from start: Int, _ t: [TextScan.Token]) -> Int? {
        guard start + 4 < t.count, t[start].kind == .word, t[start].isAllCaps, t[start].isASCII, t[start].count == 2 else { return nil }
        for k in (start + 1)...(start + 3) where !(t[k].kind == .number && t[k].count == 2 && t[k].gap == 1) { return nil }
        let letter = t[start + 4]
        guard letter.gap <= 1, letter.kind == .word, letter.count == 1, ["a", "b", "c", "d"].contains(letter.lower), letter.isCapitalized,
              !(start + 5 < t.count && t[start + 5].gap == 0 && t[start + 5].kind != .punct) else { return nil }
        return start + 4
    }

    /// France's social security number in its groups (`2 84 05 75 123 456 72`: sex, year, month,
    /// département, commune, order, key), which ``identifier(from:_:)`` does not join (groups of
    /// one and two digits): its last token.
    static func frenchSocialSecurity(from start: Int, _ t: [TextScan.Token]) -> Int? {
        let groups = [1, 2, 2, 2, 3, 3, 2]
        guard start + groups.count <= t.count else { return nil }
        for (n, count) in groups.enumerated() {
            let k = start + n
            guard t[k].kind == .number, t[k].count == count, n == 0 || t[k].gap == 1 else { return nil }
        }
        let end = start + groups.count - 1
        guard ["1", "2", "7", "8"].contains(t[start].lower), !(end + 1 < t.count && t[end + 1].gap == 0 && t[end + 1].kind != .punct) else { return nil }
        return end
    }

    /// India's PAN (`ABCDE1234F`: five letters, four digits, a letter), whose five letters are too
    /// many for ``identifier(from:_:)``: its last token.
    static func indianPAN(from start: Int, _ t: [TextScan.Token]) -> Int? {
        guard start + 2 < t.count, t[start].kind == .word, t[start].isAllCaps, t[start].isASCII, t[start].count == 5,
              t[start + 1].kind == .number, t[start + 1].count == 4, t[start + 1].gap == 0,
              t[start + 2].gap == 0, t[start + 2].kind == .word, t[start + 2].count == 1, t[start + 2].isCapitalized, t[start + 2].isASCII,
              !(start + 3 < t.count && t[start + 3].gap == 0 && t[start + 3].kind != .punct) else { return nil }
        return start + 2
    }

    /// A UK National Insurance number written together (`QQ123456C`): its last token.
    static func compactNationalInsurance(from start: Int, _ t: [TextScan.Token]) -> Int? {
        guard start + 2 < t.count, t[start].kind == .word, t[start].isAllCaps, t[start].isASCII, t[start].count == 2,
              t[start + 1].kind == .number, t[start + 1].count == 6, t[start + 1].gap == 0,
              t[start + 2].gap == 0, t[start + 2].kind == .word, t[start + 2].count == 1, ["a", "b", "c", "d"].contains(t[start + 2].lower), t[start + 2].isCapitalized,
              !(start + 3 < t.count && t[start + 3].gap == 0 && t[start + 3].kind != .punct) else { return nil }
        return start + 2
    }

    /// A British registration after its naming word (`AB12 CDE`: two letters and two digits, then
    /// three letters), which has too few digits for ``identifier(from:_:)``: its last token.
    static func britishPlate(from start: Int, _ t: [TextScan.Token]) -> Int? {
        func capitals(_ k: Int, _ count: Int) -> Bool { k < t.count && t[k].kind == .word && t[k].isAllCaps && t[k].isASCII && t[k].count == count }
        guard capitals(start, 2), start + 2 < t.count, t[start + 1].kind == .number, t[start + 1].count == 2, t[start + 1].gap == 0,
              t[start + 2].gap == 1, capitals(start + 2, 3), !(start + 3 < t.count && t[start + 3].gap == 0 && t[start + 3].kind != .punct) else { return nil }
        return start + 2
    }

    /// The last token of the identifier opening at `start` — letters and digits written together,
    /// parts joined by `-` or `/` (groups of digits by `.` too: "123.456.789-09"), or groups of
    /// digits spaced apart ("943 476 5919") — where it has four digits or more, 5 to 20 letters and
    /// digits, and no run of more than four letters (a word is no part of it).
    static func identifier(from start: Int, _ scan: TextScan) -> Int? {
        let t = scan.tokens
        var end = start, digits = 0, letters = 0, digitGroups = true
        func take(_ k: Int) -> Bool {
            if t[k].kind == .number { digits += t[k].count; return true }
            guard t[k].kind == .word, t[k].count <= 4, t[k].lower.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic }) else { return false }
            letters += t[k].count
            digitGroups = false
            return true
        }
        guard take(start) else { return nil }
        var k = start + 1
        while k < t.count {
            if t[k].gap == 0, t[k].kind != .punct {
                guard take(k) else { return nil }
            } else if t[k].gap == 0, t[k].isMark("-") || t[k].isMark("/") || t[k].isMark(".") && t[end].kind == .number && k + 1 < t.count && t[k + 1].kind == .number,
                      k + 1 < t.count, t[k + 1].gap == 0, t[k + 1].kind != .punct {
                k += 1
                guard take(k) else { return nil }
                digitGroups = false
            } else if t[k].gap == 1, t[k].kind == .number, t[k].count >= 3, digitGroups, t[end].kind == .number, k - start < 4 {
                digits += t[k].count
            } else if t[k].gap == 1, t[k].kind == .number, t[k].count == 2, k == start + 5, t[start].count == 3, t[start + 2].count == 3, t[start + 4].count == 3,
                      t[start + 1].isMark("-"), t[start + 3].isMark("-") {
                // Russia's SNILS, `112-233-445 95`: its check digits after a space.
                digits += 2
            } else {
                break
            }
            end = k
            k += 1
        }
        guard digits >= 4, (5...20).contains(digits + letters) else { return nil }
        return end
    }
}

/// Italy's codice fiscale (`RSSMRA85T10A562S`: surname, name, birth year, month letter, day and
/// sex, birthplace, check letter), found by its shape and its check letter with or without the words
/// that name it: it spells out its holder's name and birth.
struct TaxCodeRecognizer: Recognizer {
    let kinds: Set<EntityKind> = [.idNumber]

    /// The values of a character at an odd place (first, third, …) of the code.
    static let odd: [Int] = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]

    static func isUpper(_ u: UInt16) -> Bool { u >= 0x41 && u <= 0x5A }
    /// A digit, or a letter standing for one where a code repeats another's (omocodia: L to V).
    static func isDigitLike(_ u: UInt16) -> Bool { TextScan.isDigit(u) || [0x4C, 0x4D, 0x4E, 0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56].contains(u) }

    static func isCode(_ c: [UInt16], at i: Int) -> Bool {
        // (The month's letter and the year's digits first: most capitalised words fail there.)
        guard i + 16 <= c.count, isDigitLike(c[i + 6]), isDigitLike(c[i + 7]),
              [0x41, 0x42, 0x43, 0x44, 0x45, 0x48, 0x4C, 0x4D, 0x50, 0x52, 0x53, 0x54].contains(c[i + 8]) else { return false }
        let c = Array(c[i..<(i + 16)])
        for k in 0..<6 where !isUpper(c[k]) { return false }
        for k in [6, 7, 9, 10, 12, 13, 14] where !isDigitLike(c[k]) { return false }
        guard [0x41, 0x42, 0x43, 0x44, 0x45, 0x48, 0x4C, 0x4D, 0x50, 0x52, 0x53, 0x54].contains(c[8]), isUpper(c[11]), isUpper(c[15]) else { return false }
        var sum = 0
        for (k, unit) in c.prefix(15).enumerated() {
            let index = TextScan.isDigit(unit) ? Int(unit - 0x30) : Int(unit - 0x41)
            sum += k % 2 == 0 ? odd[index] : index
        }
        return Int(c[15] - 0x41) == sum % 26
    }

    func recognize(_ scan: TextScan, into spans: inout [EntitySpan]) {
        let u = scan.units
        guard u.count >= 16, scan.digitCount >= 2 else { return }
        var i = 0
        while i + 16 <= u.count {
            guard Self.isUpper(u[i]), i == 0 || !(TextScan.isLetter(u[i - 1]) || TextScan.isDigit(u[i - 1])),
                  i + 16 == u.count || !(TextScan.isLetter(u[i + 16]) || TextScan.isDigit(u[i + 16])), Self.isCode(u, at: i) else { i += 1; continue }
            spans.append(EntitySpan(kind: .idNumber, start: i, end: i + 16, score: 0.95, recognizer: "id-number.codice-fiscale"))
            i += 16
        }
    }
}

/// Mexico's CURP (`HEGG560427MVZRRL04`: the holder's initials, birth date, sex, state and inner
/// consonants, a homonym digit and a check digit), found by its shape and its check digit with or
/// without the word that names it: it spells out its holder's name and birth as Italy's code does.
struct PopulationCodeRecognizer: Recognizer {
    let kinds: Set<EntityKind> = [.idNumber]

    /// A character's value in the check digit: digits, then A–Z with Ñ after N.
    static func value(_ u: UInt16) -> Int? {
        if TextScan.isDigit(u) { return Int(u - 0x30) }
        if u >= 0x41 && u <= 0x4E { return Int(u - 0x41) + 10 }
        if u == 0xD1 { return 24 }
        if u >= 0x4F && u <= 0x5A { return Int(u - 0x4F) + 25 }
        return nil
    }

    static func isCode(_ c: ArraySlice<UInt16>) -> Bool {
        let c = Array(c)
        guard c.count == 18 else { return false }
        func upper(_ k: Int) -> Bool { c[k] >= 0x41 && c[k] <= 0x5A || c[k] == 0xD1 }
        // Four letters, the birth date's six digits (a month and a day that exist), H, M or X,
        // five letters, a letter or digit, the check digit.
        guard (0..<4).allSatisfy(upper), (4..<10).allSatisfy({ TextScan.isDigit(c[$0]) }), [0x48, 0x4D, 0x58].contains(c[10]),
              (11..<16).allSatisfy(upper), upper(16) || TextScan.isDigit(c[16]), TextScan.isDigit(c[17]) else { return false }
        let month = Int(c[6] - 0x30) * 10 + Int(c[7] - 0x30), day = Int(c[8] - 0x30) * 10 + Int(c[9] - 0x30)
        guard (1...12).contains(month), (1...31).contains(day) else { return false }
        var sum = 0
        for k in 0..<17 {
            guard let v = value(c[k]) else { return false }
            sum += v * (18 - k)
        }
        return Int(c[17] - 0x30) == (10 - sum % 10) % 10
    }

    func recognize(_ scan: TextScan, into spans: inout [EntitySpan]) {
        let u = scan.units
        guard u.count >= 18, scan.digitCount >= 7 else { return }
        func alphanumeric(_ u: UInt16) -> Bool { TextScan.isLetter(u) || TextScan.isDigit(u) }
        var i = 0
        while i + 18 <= u.count {
            // (The scan's tokens part letters from digits: the code is read from its units.)
            guard u[i] >= 0x41 && u[i] <= 0x5A, i == 0 || !alphanumeric(u[i - 1]), i + 18 == u.count || !alphanumeric(u[i + 18]),
                  Self.isCode(u[i..<(i + 18)]) else { i += 1; continue }
            spans.append(EntitySpan(kind: .idNumber, start: i, end: i + 18, score: 0.95, recognizer: "id-number.curp"))
            i += 18
        }
    }
}

import Foundation

/// Secrets pasted into text — a ticket's "my key is sk_live_…", a log line's bearer token, a
/// password hash in an exported note: the shapes the scanner knows in a column
/// (``ValueDetectors/secretShapes``: crypt, Django and LDAP password hashes, API keys of known
/// issuers, JSON Web Tokens), found whole between characters no such token holds. Presidio has no
/// such kind. The regular expression runs only on a text a pass over its units finds a cue in
/// (`$…$`, `{S`, `_live_`, `ghp_`, `xox`, `AKIA`, `AIza`, `glpat-`, `eyJ`): most texts have none.
struct CredentialRecognizer: Recognizer {
    let kinds: Set<EntityKind> = [.credential]

    static let pattern = try! NSRegularExpression(
        pattern: #"(?<![A-Za-z0-9_$./+-])(?:"# + ValueDetectors.secretShapes.joined(separator: "|") + #")(?![A-Za-z0-9_$/+=-])"#)

    /// Words that name a password written after them (`password: hunter2`, `pwd=…`, `Passwort:`).
    static let passwordWords: Set<String> = ["password", "passwd", "pwd", "pw", "passcode", "passphrase", "passwort", "contraseña", "contrasena", "senha", "wachtwoord", "haslo", "hasło", "lösenord", "salasana"]

    /// A password after its name and `:`, `=` or `is`: the characters up to the next space, without
    /// a sentence's mark after them. After `is` it needs a digit, a mark or a capital inside (`is
    /// incorrect` is a sentence); after `:` or `=`, an English word is none (`Password: reset`).
    static func passwords(_ scan: TextScan, into spans: inout [EntitySpan]) {
        guard scan.flags.contains(.passwordWord) else { return }
        let t = scan.tokens, u = scan.units
        for k in t.indices where t[k].has(.passwordWord) && k + 2 < t.count {
            let said = t[k + 1].lower == "is" && t[k + 1].gap == 1
            // Right after its name, a value of letters and digits or marks (`password Winter2024`).
            let bare = !said && t[k + 1].gap == 1 && t[k + 1].kind != .punct
            guard said || bare || t[k + 1].isMark(in: ":="), bare || t[k + 2].gap <= 1, !(said && t[k + 2].gap == 0) else { continue }
            let start = t[bare ? k + 1 : k + 2].start
            var end = start
            while end < u.count, u[end] > 0x20, u[end] != 0x22 { end += 1 }
            while end > start, [0x2E, 0x2C, 0x3B, 0x29].contains(u[end - 1]) { end -= 1 }
            guard end - start >= 3 else { continue }
            let value = u[start..<end]
            let mixed = value.contains { TextScan.isDigit($0) || !TextScan.isLetter($0) } || value.dropFirst().contains { $0 >= 0x41 && $0 <= 0x5A }
            let oneWord = scan.token(endingAt: end) == k + 2
            if bare {
                // Letters and digits both (a word of the sentence has no digit: `password reset link`,
                // `password 2 times` has no letter), or the marks of a password (`S3cr3t!`); no link or
                // address (`password https://…`, `password user@…`).
                let letters = value.contains(where: TextScan.isLetter), digits = value.contains(where: TextScan.isDigit)
                guard !value.contains(0x2F), !value.contains(0x40),
                      letters && digits || letters && value.contains(where: { !TextScan.isLetter($0) && !TextScan.isDigit($0) && $0 != 0x2D && $0 != 0x27 }) else { continue }
            } else if said ? !mixed : (oneWord && t[k + 2].kind == .word && (t[k + 2].isCommon || t[k + 2].flags.contains(.english))) { continue }
            spans.append(EntitySpan(kind: .credential, start: start, end: end, score: 0.9, recognizer: "password"))
        }
    }

    /// Words that name a secret number written after them (``Lexicon/Flags/secretCodeCue``): a PIN,
    /// a passcode, and — before `code` — a door's, a gate's, an alarm's or a card's security code.
    static let codeWords: Set<String> = ["pin", "pins", "pincode", "passcode"]
    static let codeQualifiers: Set<String> = ["security", "access", "alarm", "door", "gate", "entry", "keypad", "lockbox", "safe"]
    static var codeCues: Set<String> { codeWords.union(codeQualifiers) }

    /// A secret number after its name: four to eight digits alone, after `:`, `=`, `#`, `is` or
    /// `was` or right after the name (`PIN: 4821`, `the pin 1234 for the door`, `gate code is
    /// 1379#`). Not a date or a number of another shape (`pin 12/2027`), nor a count (`code changed
    /// for 1200 residents`: a word between).
    static func secretCodes(_ scan: TextScan, into spans: inout [EntitySpan]) {
        guard scan.flags.contains(.secretCodeCue), scan.digitCount >= 4 else { return }
        let t = scan.tokens
        for k in t.indices where t[k].has(.secretCodeCue) {
            var n = k + 1
            func next(_ words: Set<String>) -> Bool {
                guard n < t.count, t[n].gap == 1, words.contains(t[n].lower) else { return false }
                n += 1
                return true
            }
            if codeQualifiers.contains(t[k].lower) {
                guard next(["code", "codes"]) else { continue }
            } else {
                _ = next(["code", "number", "no"])
            }
            if n < t.count, t[n].gap == 0, t[n].isMark(in: ":=#.") {
                n += 1
            } else {
                _ = next(["is", "was"])
            }
            guard n < t.count, t[n].kind == .number, (4...8).contains(t[n].count), t[n].gap <= 1 else { continue }
            // Alone: not the first part of a date, a time, a range or a longer number.
            if n + 1 < t.count, t[n + 1].gap == 0, t[n + 1].kind != .punct || t[n + 1].isMark(in: "/-:") && n + 2 < t.count && t[n + 2].gap == 0 && t[n + 2].kind == .number {
                continue
            }
            spans.append(EntitySpan(kind: .credential, start: t[n].start, end: t[n].end, score: 0.9, recognizer: "secret-code"))
        }
    }

    func recognize(_ scan: TextScan, into spans: inout [EntitySpan]) {
        Self.passwords(scan, into: &spans)
        Self.secretCodes(scan, into: &spans)
        guard Self.mayHold(scan.units) else { return }
        let text = scan.text as NSString
        for match in Self.pattern.matches(in: scan.text, range: NSRange(location: 0, length: text.length)) {
            var end = match.range.location + match.range.length
            // (A sentence's full stop after a hash is no part of it.)
            while end > match.range.location, text.character(at: end - 1) == 0x2E { end -= 1 }
            spans.append(EntitySpan(kind: .credential, start: match.range.location, end: end, score: 0.95, recognizer: "credential"))
        }
    }

    /// Whether the text holds a cue of a secret's shape, in one pass over its UTF-16 units.
    static func mayHold(_ u: [UInt16]) -> Bool {
        let n = u.count
        func at(_ i: Int, _ text: String) -> Bool {
            var k = i
            for unit in text.utf16 {
                guard k < n, u[k] == unit else { return false }
                k += 1
            }
            return true
        }
        func isLowerOrDigit(_ c: UInt16) -> Bool { (0x61...0x7A).contains(c) || (0x30...0x39).contains(c) || c == 0x2D }
        var i = 0
        while i < n {
            switch u[i] {
            case 0x24:  // `$2b$`, `$argon2id$`, `sha256$600000$`: a `$` again after lower-case letters and digits
                var j = i + 1
                while j < n, j < i + 14, isLowerOrDigit(u[j]) { j += 1 }
                if j > i + 1, j < n, u[j] == 0x24 { return true }
            case 0x7B: if i + 1 < n, (0x41...0x5A).contains(u[i + 1]) { return true }  // `{SSHA}`
            case 0x5F: if at(i + 1, "live_") || at(i + 1, "test_") || at(i + 1, "pat_") { return true }
            case 0x67: if at(i, "glpat-") || i + 3 < n && u[i + 1] == 0x68 && u[i + 3] == 0x5F { return true }  // `ghp_`
            case 0x78: if at(i, "xox") { return true }
            case 0x41: if at(i, "AKIA") || at(i, "ASIA") || at(i, "AIza") { return true }
            case 0x65: if at(i, "eyJ") { return true }
            default: break
            }
            i += 1
        }
        return false
    }
}

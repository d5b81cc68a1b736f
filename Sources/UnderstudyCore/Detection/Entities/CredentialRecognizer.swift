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
            guard said || t[k + 1].isMark(in: ":="), t[k + 2].gap <= 1, !(said && t[k + 2].gap == 0) else { continue }
            let start = t[k + 2].start
            var end = start
            while end < u.count, u[end] > 0x20, u[end] != 0x22 { end += 1 }
            while end > start, [0x2E, 0x2C, 0x3B, 0x29].contains(u[end - 1]) { end -= 1 }
            guard end - start >= 3 else { continue }
            let value = u[start..<end]
            let mixed = value.contains { TextScan.isDigit($0) || !TextScan.isLetter($0) } || value.dropFirst().contains { $0 >= 0x41 && $0 <= 0x5A }
            let oneWord = scan.token(endingAt: end) == k + 2
            if said ? !mixed : (oneWord && t[k + 2].kind == .word && (t[k + 2].isCommon || t[k + 2].flags.contains(.english))) { continue }
            spans.append(EntitySpan(kind: .credential, start: start, end: end, score: 0.9, recognizer: "password"))
        }
    }

    func recognize(_ scan: TextScan, into spans: inout [EntitySpan]) {
        Self.passwords(scan, into: &spans)
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

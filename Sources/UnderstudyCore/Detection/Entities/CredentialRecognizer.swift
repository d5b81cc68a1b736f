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

    /// The schemes of an `Authorization` header whose token follows them.
    static let schemes: Set<String> = ["bearer", "basic"]
    /// The last word of a key's name whose value is a secret (`api_key`, `ACCESS_TOKEN`,
    /// `client_secret`, `x-api-key`, `apiKey`): the scan parts names at `_`, not at `-`.
    static let keyNames: Set<String> = [
        "key", "token", "secret", "apikey", "api-key", "x-api-key", "accesstoken", "access-token", "authtoken", "auth-token",
        "clientsecret", "client-secret", "secretkey", "secret-key", "privatekey", "private-key", "apitoken", "api-token",
        "refreshtoken", "refresh-token", "sessiontoken", "session-token",
    ]
    static var tokenCues: Set<String> { schemes.union(keyNames) }

    /// Whether a unit may be part of a token: letters and digits of ASCII, `. _ ~ + / = -`
    /// (RFC 6750's token68 and base64's alphabet).
    static func isTokenUnit(_ c: UInt16) -> Bool {
        (0x30...0x39).contains(c) || (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) || [0x2E, 0x5F, 0x7E, 0x2B, 0x2F, 0x3D, 0x2D].contains(c)
    }

    /// The end of a token's value from `start`: `minimum` units or more that hold a letter and a
    /// digit, no link and no address, a sentence's full stop or comma after it left out; nil for
    /// anything else (`Bearer of this card`, `api_key=REDACTED`, `token=abc`).
    static func tokenEnd(_ u: [UInt16], from start: Int, minimum: Int) -> Int? {
        var end = start
        while end < u.count, isTokenUnit(u[end]) { end += 1 }
        while end > start, [0x2E, 0x2C].contains(u[end - 1]) { end -= 1 }
        // (Not a word and a link or an address run on: a token has no `@` or `:` after it.)
        guard end - start >= minimum, end == u.count || u[end] != 0x40 && u[end] != 0x3A else { return nil }
        let value = u[start..<end]
        guard value.contains(where: TextScan.isDigit), value.contains(where: TextScan.isLetter) else { return nil }
        return end
    }

    /// A token after the scheme that sends it (`Authorization: Bearer abc123…`, `Basic am9obi5…`,
    /// `Authorization: Token 9f8e…`) and a secret after a key's name and `:`, `=` or `=>`, quoted or
    /// not (`api_key=9f8e…`, `"client_secret": "Zq8v…"`, `export ACCESS_TOKEN=4f9a…`): twelve
    /// units or more after a scheme, sixteen after a key's name, with letters and digits both.
    static func tokens(_ scan: TextScan, into spans: inout [EntitySpan]) {
        guard scan.flags.contains(.tokenCue), scan.digitCount > 0 else { return }
        let t = scan.tokens, u = scan.units
        for k in t.indices where t[k].has(.tokenCue) {
            let scheme = schemes.contains(t[k].lower)
                || t[k].lower == "token" && k >= 2 && t[k - 1].isMark(":") && t[k - 2].lower == "authorization"
            if scheme, k + 1 < t.count, t[k + 1].gap == 1, let end = tokenEnd(u, from: t[k + 1].start, minimum: 12) {
                spans.append(EntitySpan(kind: .credential, start: t[k + 1].start, end: end, score: 0.9, recognizer: "token"))
                continue
            }
            guard keyNames.contains(t[k].lower) else { continue }
            var i = t[k].end
            func skip(_ units: Set<UInt16>) { while i < u.count, units.contains(u[i]) { i += 1 } }
            skip([0x22, 0x27])
            skip([0x20])
            guard i < u.count, u[i] == 0x3A || u[i] == 0x3D else { continue }
            i += 1
            skip([0x3E])
            skip([0x20])
            skip([0x22, 0x27])
            if let end = tokenEnd(u, from: i, minimum: 16) {
                spans.append(EntitySpan(kind: .credential, start: i, end: end, score: 0.9, recognizer: "token"))
            }
        }
    }

    /// The password of a link's user (`postgres://admin:S3cret@db:5432/prod`,
    /// `https://deploy:hunter2x@git.example.com`): between the user's `:` and the `@` before the host.
    static func linkPasswords(_ scan: TextScan, into spans: inout [EntitySpan]) {
        guard scan.hasAt else { return }
        let u = scan.units
        var i = 2
        while i < u.count {
            defer { i += 1 }
            guard u[i] == 0x2F, u[i - 1] == 0x2F, u[i - 2] == 0x3A, let password = linkPassword(u, afterScheme: i) else { continue }
            spans.append(EntitySpan(kind: .credential, start: password.lowerBound, end: password.upperBound, score: 0.95, recognizer: "link-password"))
            i = password.upperBound
        }
    }

    /// The password in a link's user part that starts after `slash` (the second `/` of `://`):
    /// after the user's one colon, up to the `@` before the host; nil where there is none (a user
    /// alone, no `@` before the path, or CVS's `cvs://:pserver:anoncvs@host`, a method and a user).
    /// The email recognizer asks it too, so that such a password is not an address's local part.
    static func linkPassword(_ u: [UInt16], afterScheme slash: Int) -> Range<Int>? {
        var j = slash + 1, colons: [Int] = []
        while j < u.count, u[j] > 0x20, u[j] != 0x2F, u[j] != 0x40, u[j] != 0x22, u[j] != 0x27 {
            if u[j] == 0x3A { colons.append(j) }
            j += 1
        }
        guard j < u.count, u[j] == 0x40, colons.count == 1, let colon = colons.first, j - colon > 1 else { return nil }
        return (colon + 1)..<j
    }

    func recognize(_ scan: TextScan, into spans: inout [EntitySpan]) {
        Self.passwords(scan, into: &spans)
        Self.secretCodes(scan, into: &spans)
        Self.tokens(scan, into: &spans)
        Self.linkPasswords(scan, into: &spans)
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

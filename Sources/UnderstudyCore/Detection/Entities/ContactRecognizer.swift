/// Email addresses, URLs and bare domains: character scans, no regular expression.
struct ContactRecognizer: Recognizer {
    let kinds: Set<EntityKind> = [.email, .url]
    static let topLevelDomains: Set<String> = [
        "com", "org", "net", "edu", "gov", "io", "co", "us", "uk", "de", "fr", "es", "it", "nl", "ca", "au", "br", "in", "jp",
        "info", "biz", "me", "app", "dev", "ai", "ch", "se", "no", "dk", "pl", "pt", "be", "at", "ie", "nz", "mx", "ru", "cn",
    ]

    /// Letters beyond ASCII are an internationalised address's (`иван@пример.рф`, `müller@straße.de`,
    /// RFC 6531): they stayed, or cut the address where the first one stood.
    static func isLocal(_ u: UInt16) -> Bool {
        TextScan.isDigit(u) || (u >= 0x41 && u <= 0x5A) || (u >= 0x61 && u <= 0x7A) || u == 0x2E || u == 0x5F || u == 0x25 || u == 0x2B || u == 0x2D
            || u >= 0xC0 && TextScan.isLetter(u)
    }

    static func isHost(_ u: UInt16) -> Bool {
        TextScan.isDigit(u) || (u >= 0x41 && u <= 0x5A) || (u >= 0x61 && u <= 0x7A) || u == 0x2E || u == 0x2D || u >= 0xC0 && TextScan.isLetter(u)
    }

    /// Where a URL's rest that starts at `start` ends: at the next space, quote or angle bracket,
    /// without the punctuation of the sentence after it.
    static func urlEnd(_ u: [UInt16], from start: Int) -> Int {
        var e = start
        while e < u.count, u[e] > 0x20, u[e] != 0x22, u[e] != 0x27, u[e] != 0x3C, u[e] != 0x3E { e += 1 }
        while e > start, [0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x29].contains(u[e - 1]) { e -= 1 }
        return e
    }

    /// Whether what starts at `s` follows a link's user and `:` (`postgres://admin:S3cret@db…`): a
    /// password before the host, not an email address (``CredentialRecognizer/linkPasswords(_:into:)``).
    static func isLinkPassword(_ u: [UInt16], _ s: Int) -> Bool {
        guard s >= 1, u[s - 1] == 0x3A else { return false }
        // The link's `://` before it, with no `/` between (a user part holds none).
        var k = s - 2
        while k >= 2, u[k] > 0x20, u[k] != 0x2F { k -= 1 }
        guard k >= 2, u[k] == 0x2F, u[k - 1] == 0x2F, u[k - 2] == 0x3A else { return false }
        return CredentialRecognizer.linkPassword(u, afterScheme: k)?.lowerBound == s
    }

    func recognize(_ scan: TextScan, into spans: inout [EntitySpan]) {
        let u = scan.units
        var emails: [Range<Int>] = []
        if scan.hasAt {
            for (i, unit) in u.enumerated() where unit == 0x40 {
                var s = i
                // (An apostrophe between letters too: `m.o'connor@…` left `m.o'` in the clear.)
                while s > 0, Self.isLocal(u[s - 1]) || u[s - 1] == 0x27 && s >= 2 && s < i && TextScan.isLetter(u[s - 2]) && TextScan.isLetter(u[s]) { s -= 1 }
                var e = i + 1
                while e < u.count, Self.isHost(u[e]) { e += 1 }
                while e > i + 1, u[e - 1] == 0x2E || u[e - 1] == 0x2D { e -= 1 }
                while s < i, u[s] == 0x2E { s += 1 }
                guard s < i, e > i + 1, !Self.isLinkPassword(u, s) else { continue }
                let host = scan.slice(i + 1, e)
                let labels = host.split(separator: ".")
                guard labels.count >= 2, let tld = labels.last, tld.count >= 2, tld.allSatisfy(\.isLetter) else { continue }
                emails.append(s..<e)
                spans.append(EntitySpan(kind: .email, start: s, end: e, score: 1.0, recognizer: "email"))
            }
        }
        // URLs: a scheme or www., to the next space or quote, without trailing punctuation.
        var i = 0
        while i < u.count {
            let rest = u.count - i
            var matched = 0
            if rest > 8, u[i] == 0x68, scan.matches("https://", at: i) { matched = 8 }
            else if rest > 7, u[i] == 0x68, scan.matches("http://", at: i) { matched = 7 }
            else if rest > 4, u[i] == 0x77 || u[i] == 0x57, scan.matches("www.", at: i), i == 0 || !TextScan.isLetter(u[i - 1]) { matched = 4 }
            guard matched > 0 else { i += 1; continue }
            let e = Self.urlEnd(u, from: i + matched)
            // (As sure as an email address: one in its query is the link's, and the link's fake
            // replaces its values whole — `?email=ana%40x.com&first_name=Ana` kept the name.)
            if e > i + matched + 3 { spans.append(EntitySpan(kind: .url, start: i, end: e, score: 1.0, recognizer: "url")) }
            i = e
        }
        // Bare domains: name.tld with a known top-level domain, not inside an email address.
        let tokens = scan.tokens
        var t = 0
        var nextEmail = 0
        while t + 2 < tokens.count {
            guard tokens[t].kind != .punct, tokens[t + 1].isMark("."), tokens[t + 1].gap == 0, tokens[t + 2].gap == 0, tokens[t + 2].kind == .word else { t += 1; continue }
            var end = t + 2
            while end + 2 < tokens.count, tokens[end + 1].isMark("."), tokens[end + 1].gap == 0, tokens[end + 2].gap == 0, tokens[end + 2].kind == .word { end += 2 }
            let start = tokens[t].start, stop = tokens[end].end
            // (Emails are in order of their start, as the domains are: the first that may overlap.)
            while nextEmail < emails.count, emails[nextEmail].upperBound <= start { nextEmail += 1 }
            if Self.topLevelDomains.contains(tokens[end].lower), tokens[t].lower.count > 1,
               !(nextEmail < emails.count && emails[nextEmail].overlaps(start..<stop)), !(t > 0 && tokens[t - 1].gap == 0 && tokens[t - 1].isMark(in: "@/.")) {
                // With its path, as a URL's (`linkedin.com/in/jane-doe`: the path, with the name, stayed).
                let e = stop < u.count && u[stop] == 0x2F ? Self.urlEnd(u, from: stop + 1) : stop
                spans.append(EntitySpan(kind: .url, start: start, end: e, score: e > stop + 1 ? 0.9 : 0.6, recognizer: "domain"))
                while end + 1 < tokens.count, tokens[end + 1].start < e { end += 1 }
            }
            t = end + 1
        }
        spelledOut(scan, into: &spans)
    }

    /// Emails written around harvesters: `john.smith at gmail dot com`, `jsmith[at]example[dot]org`,
    /// `J.Doe (at) mail (dot) co (dot) uk` — a local part, `at` (alone between spaces or in
    /// brackets), then labels joined by `.` or `dot` ending in a known top-level domain. A local part
    /// of one English word before a bare `at` is a sentence (`look at google dot com`, `contacted at
    /// creativecommons.org`).
    func spelledOut(_ scan: TextScan, into spans: inout [EntitySpan]) {
        guard scan.flags.contains(.atWord) else { return }
        let tokens = scan.tokens
        func word(_ k: Int) -> Bool { k >= 0 && k < tokens.count && tokens[k].kind != .punct }
        /// A bracketed marker (`[at]`, `(dot)`) starting at `k`: the token after it.
        func bracketed(_ k: Int, _ name: String) -> Int? {
            guard k + 2 < tokens.count, tokens[k].isMark(in: "[({"), tokens[k + 1].lower == name, tokens[k + 1].gap == 0,
                  tokens[k + 2].isMark(in: "])}"), tokens[k + 2].gap == 0 else { return nil }
            return k + 3
        }
        var k = 0
        while k < tokens.count {
            // The marker `at` (its first token `k`), and the token after it.
            let first = k
            var next = k
            if tokens[k].has(.atWord), tokens[k].gap == 1, k + 1 < tokens.count, tokens[k + 1].gap == 1 {
                next = k + 1
            } else if let after = bracketed(k, "at"), after < tokens.count, tokens[after].gap <= 1, tokens[k].gap <= 1 {
                next = after
            } else {
                k += 1
                continue
            }
            let plain = next == k + 1
            // The local part, leftwards over words and numbers joined by `.`, `_`, `-`.
            var s = first - 1
            guard word(s), !(tokens[s].lower == "at") else { k += 1; continue }
            var joined = false
            while true {
                if word(s - 2), tokens[s - 1].isMark(in: "._-"), tokens[s - 1].gap == 0, tokens[s].gap == 0 { s -= 2 }
                else if word(s - 2), tokens[s - 1].lower == "dot", tokens[s - 1].gap == 1, tokens[s].gap == 1 { s -= 2 }
                else if s - 4 >= 0, word(s - 4), bracketed(s - 3, "dot") == s, tokens[s - 3].gap <= 1, tokens[s].gap <= 1 { s -= 4 }
                else { break }
                joined = true
            }
            if s > 0, tokens[s].gap == 0, tokens[s - 1].isMark(in: "@/.:") { k += 1; continue }
            // One English word before a bare `at` is a sentence's (`contacted at creativecommons.org`,
            // `the project at salsa.debian.org`), unless it is a first name too.
            if plain, !joined, tokens[s].kind == .word, tokens[s].isCommon || tokens[s].flags.contains(.english) && !tokens[s].isFirstName { k += 1; continue }
            // The host's labels.
            guard word(next), tokens[next].gap <= 1 else { k += 1; continue }
            var last = next, labels = 1
            while true {
                if last + 2 < tokens.count, tokens[last + 1].isMark("."), tokens[last + 1].gap == 0, tokens[last + 2].gap == 0, word(last + 2) {
                    last += 2
                } else if last + 2 < tokens.count, tokens[last + 1].lower == "dot", tokens[last + 1].gap == 1, tokens[last + 2].gap == 1, word(last + 2) {
                    last += 2
                } else if let after = bracketed(last + 1, "dot"), tokens[last + 1].gap <= 1, word(after), tokens[after].gap <= 1 {
                    last = after
                } else {
                    break
                }
                labels += 1
            }
            guard labels >= 2, tokens[last].kind == .word, Self.topLevelDomains.contains(tokens[last].lower) else { k += 1; continue }
            spans.append(EntitySpan(kind: .email, start: tokens[s].start, end: tokens[last].end, score: 0.85, recognizer: "email-spelled-out"))
            k = last + 1
        }
    }
}

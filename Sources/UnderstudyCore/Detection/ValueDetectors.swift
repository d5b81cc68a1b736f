import Foundation

/// Tests on single values, run on a column's sample: each says whether one value looks like a kind.
enum ValueDetectors {
    /// Letters of any script: internationalised addresses (`иван@пример.рф`, RFC 6531) are emails.
    static let emailPattern = try! NSRegularExpression(pattern: #"^[\p{L}\p{M}0-9._%+'-]+@[\p{L}\p{M}0-9-]+(\.[\p{L}\p{M}0-9-]+)*\.[\p{L}\p{M}]{2,}$"#)
    static let streetWords: Set<String> = [
        "street", "st", "avenue", "ave", "av", "road", "rd", "lane", "ln", "drive", "dr", "court", "ct", "boulevard", "blvd",
        "way", "place", "pl", "terrace", "circle", "highway", "hwy", "parkway", "pkwy", "square", "sq", "trail", "rua", "calle",
        "c", "rue", "via", "viale", "piazza", "plaza", "straße", "strasse", "str", "weg", "gasse", "platz", "allee", "veien",
        "gatan", "vej", "laan", "straat", "ul", "ulica", "travessa", "alameda", "carrera", "paseo", "nw", "ne", "sw", "se",
    ]
    static let genderValues: Set<String> = ["m", "f", "male", "female", "man", "woman", "x", "other", "non-binary", "nonbinary", "u", "unknown", "diverse", "d"]

    static func isEmail(_ s: String) -> Bool {
        s.utf8.contains(UInt8(ascii: "@")) && emailPattern.firstMatch(in: s, range: NSRange(location: 0, length: (s as NSString).length)) != nil
    }

    /// Secrets by their shape: password hashes as crypt (`$2b$12$…`, `$6$…`, `$argon2id$…`), Django
    /// (`pbkdf2_sha256$…`) and LDAP (`{SSHA}…`) write them; API keys of known issuers (Stripe's
    /// `sk_live_`, GitHub's `ghp_`, AWS's `AKIA…`, Slack's `xoxb-`, Google's `AIza`, GitLab's
    /// `glpat-`); JSON Web Tokens. A bare hex digest is none: it is as often a file's checksum.
    static let secretShapes = [
        #"\$(?:1|2[abxy]?|5|6|7|y|gy|sha1|md5|apr1|argon2(?:i|d|id)|scrypt|pbkdf2(?:-sha(?:1|256|512))?)\$[A-Za-z0-9./+=$,-]{8,}"#,
        #"(?:pbkdf2_sha(?:1|256)|argon2|bcrypt(?:_sha256)?|scrypt|sha1|md5)\$[A-Za-z0-9./+=$-]{8,}"#,
        #"\{(?:SSHA|SHA|SMD5|MD5|CRYPT|SSHA256|SSHA512|SHA256|SHA512|PBKDF2[A-Z0-9-]*)\}[A-Za-z0-9+/=.$]{8,}"#,
        #"(?:sk|pk|rk)_(?:live|test)_[A-Za-z0-9]{16,}"#, #"gh[pousr]_[A-Za-z0-9]{36,}"#, #"github_pat_[A-Za-z0-9_]{22,}"#,
        #"xox[abeprs]-[A-Za-z0-9-]{10,}"#, #"(?:AKIA|ASIA)[0-9A-Z]{16}"#, #"AIza[0-9A-Za-z_-]{35}"#, #"glpat-[A-Za-z0-9_-]{20,}"#,
        #"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}"#,
    ]
    static let secretPattern = try! NSRegularExpression(pattern: "^(?:" + secretShapes.joined(separator: "|") + ")$")

    static func isSecret(_ s: String) -> Bool {
        s.count >= 12 && secretPattern.firstMatch(in: s, range: NSRange(location: 0, length: (s as NSString).length)) != nil
    }

    static func digits(_ s: String) -> [Int] { s.unicodeScalars.compactMap { $0.isASCII ? Int(String($0)) : nil } }

    static func isPhone(_ s: String) -> Bool {
        let allowed = s.unicodeScalars.allSatisfy { CharacterSet.decimalDigits.contains($0) || " +-().".unicodeScalars.contains($0) }
        let d = digits(s).count
        // (A date is no phone number, however it is written: `14.03.1962` was one.)
        guard allowed, (7...15).contains(d), WrittenDate(s, dayFirst: false) == nil else { return false }
        return s.hasPrefix("+") || s.contains(Character(" ")) || s.contains(Character("-")) || s.contains(Character("(")) || s.contains(Character(".")) || d >= 10
    }

    static func isCard(_ s: String) -> Bool {
        guard s.unicodeScalars.allSatisfy({ CharacterSet.decimalDigits.contains($0) || $0 == " " || $0 == "-" }) else { return false }
        let d = digits(s)
        return (13...19).contains(d.count) && Luhn.isValid(d)
    }

    static func isSSN(_ s: String) -> Bool {
        let d = digits(s)
        // 123-45-6789, 123 45 6789, 123456789.
        guard d.count == 9, s.count == 11 && (s.filter({ $0 == "-" }).count == 2 || s.filter({ $0 == " " }).count == 2) || s.count == 9 else { return false }
        return SSNGenerator.index(d[0] * 100 + d[1] * 10 + d[2], d[3] * 10 + d[4], d[5] * 1000 + d[6] * 100 + d[7] * 10 + d[8]) != nil
    }

    static func isIBAN(_ s: String) -> Bool { IBANGenerator.isValid(s.uppercased()) }
    static func isIP(_ s: String) -> Bool {
        if IPAddress.parseV4(Substring(s)) != nil || (s.contains(Character(":")) && IPAddress.parseV6(Substring(s)) != nil) { return true }
        // An IPv4 address and its port (`10.0.1.5:8080`).
        guard let colon = s.lastIndex(of: ":"), s[s.index(after: colon)...].allSatisfy(\.isNumber), s.index(after: colon) < s.endIndex else { return false }
        return IPAddress.parseV4(s[..<colon]) != nil
    }

    static func isMAC(_ s: String) -> Bool {
        // 12 or 16 hex digits and at least two separators: 14 to 23 characters. (A character set
        // made for every character of every sampled value was a fifth of `init` on a wide table.)
        let scalars = s.unicodeScalars
        guard (14...23).contains(scalars.count) else { return false }
        var hex = 0, separators = 0, marks = Set<Unicode.Scalar>()
        for scalar in scalars {
            if scalar.properties.isASCIIHexDigit { hex += 1 } else if scalar == ":" || scalar == "-" || scalar == "." { separators += 1; marks.insert(scalar) } else { return false }
        }
        guard (hex == 12 || hex == 16) && separators >= 2 else { return false }
        // One separator between groups of one width: 00:11:22:33:44:55, 0011.2233.4455 (not
        // `10.0.1.5:8080`, an address and its port).
        let widths = Set(s.split(whereSeparator: { ":-.".contains($0) }).map(\.count))
        return marks.count == 1 && widths.count == 1
    }

    /// `https://…`, and addresses written without their scheme: `www.ana-lima.com`,
    /// `linkedin.com/in/ana-lima` (a host whose last label is letters, then a path).
    static func isURL(_ s: String) -> Bool {
        guard !s.contains(Character(" ")), !s.isEmpty else { return false }
        if s.hasPrefix("http://") || s.hasPrefix("https://") { return true }
        let host = s.prefix { $0 != "/" && $0 != "?" }
        let labels = host.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } }),
              let top = labels.last, top.count >= 2, top.allSatisfy(\.isLetter) else { return false }
        return host.lowercased().hasPrefix("www.") || host.count < s.count
    }

    static func words(_ s: String) -> [String] {
        s.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "\t" }).map(String.init)
    }

    static func isFirstName(_ s: String) -> Bool {
        let w = words(s)
        return w.count == 1 && s.first?.isUppercase == true && NameRecognizer.first.contains(s.lowercased())
    }

    static func isLastName(_ s: String) -> Bool {
        let w = words(s)
        return w.count == 1 && s.first?.isUppercase == true && NameRecognizer.last.contains(s.lowercased())
    }

    /// A listed first name and a listed surname, written as names are: each word capitalised, or
    /// the whole in one case (`james smith`, a copy kept for search); surname first after a comma
    /// (`Smith, James`, `SMITH,JAMES`: a directory's order).
    static func isPersonName(_ s: String) -> Bool {
        // A title before the name ("Dr. Ana Lima", "Mrs Brown-Smith") is no part of it.
        var w = words(s)
        while w.count > 1, WordLists.titles.contains(String(w[0].lowercased().trimmingEnds(\.isPunctuation))) { w.removeFirst() }
        guard (2...4).contains(w.count), w.allSatisfy({ $0.first?.isUppercase == true }) || w.allSatisfy({ $0 == $0.lowercased() }) else { return false }
        func listed(first: String, last: String) -> Bool {
            NameRecognizer.first.contains(first.lowercased()) && NameRecognizer.last.contains(String(last.lowercased().trimmingEnds(\.isPunctuation)))
        }
        if let comma = s.firstIndex(of: ","), !s[s.index(after: comma)...].contains(Character(",")) {
            let surname = words(String(s[..<comma])), given = words(String(s[s.index(after: comma)...]))
            return !surname.isEmpty && !given.isEmpty && listed(first: given[0], last: surname[surname.count - 1])
        }
        return listed(first: w[0], last: w[w.count - 1])
    }

    /// Whether a short value is a sentence around something personal ("Met with John Smith at 12
    /// Main Street", "Called Maria back"): the recogniser finds a person, a street address, a contact
    /// detail or an identifier in it, and two or more words of a sentence lie outside all it found —
    /// words in lower case other than the small words inside names and titles ("de", "of", "the",
    /// "and"), and the value's first word. A title naming people ("Sir Neville Marriner: A
    /// Celebration", "Temple of the Dog") or a list of names is no sentence.
    static func isSentenceAround(_ s: String, recognizer: EntityRecognizer) -> Bool {
        guard s.utf8.count >= 12, s.contains(Character(" ")) else { return false }
        let found = recognizer.spans(in: s).filter { ![.dateTime, .location, .organization].contains($0.kind) }
        guard !found.isEmpty else { return false }
        var outside = 0, offset = 0, wordStart: Int?, word = "", first = true
        func endWord(at end: Int) {
            defer { wordStart = nil; word = "" }
            guard let start = wordStart, word.count >= 2 else { return }
            defer { first = false }
            guard !found.contains(where: { $0.start < end && start < $0.end }) else { return }
            if first || word == word.lowercased() && !smallWordsOfNames.contains(word) { outside += 1 }
        }
        for scalar in s.unicodeScalars {
            if scalar.properties.isAlphabetic {
                if wordStart == nil { wordStart = offset }
                word.unicodeScalars.append(scalar)
            } else if scalar != "'" && scalar != "’" {
                endWord(at: offset)
            }
            offset += scalar.utf16.count
        }
        endWord(at: offset)
        return outside >= 2
    }

    /// Words in lower case inside the names of people, places, firms and works.
    static let smallWordsOfNames = WordLists.nameParticles.union(WordLists.placeJoiners).union(WordLists.organizationJoiners).union(["et", "y", "e", "und"])

    /// A house number and words; `loose` (the column's name says address) accepts any such text,
    /// otherwise a street word (Street, Rua, -straße, …) must appear.
    static func isStreetAddress(_ s: String, loose: Bool) -> Bool {
        // Russian, Chinese, Japanese, Korean, Arabic and Hebrew addresses by their own shapes.
        if ScriptAddressRecognizer.isAddress(s) { return true }
        let w = words(s)
        guard (2...10).contains(w.count), s.count <= 100 else { return false }
        let hasNumber = w.contains { $0.first?.isNumber == true }
        let hasWord = w.contains { $0.count >= 3 && $0.allSatisfy(\.isLetter) }
        let keyword = w.contains { streetWords.contains(String($0.lowercased().trimmingEnds(\.isPunctuation))) }
            || w.contains { word in ["straße", "strasse", "veien", "gatan", "vej", "weg", "gasse"].contains { word.lowercased().hasSuffix($0) } }
        return hasNumber && hasWord && (keyword || (loose && w.count <= 6))
    }

    static func isPostalCode(_ s: String) -> Bool {
        let t = s.trimmingEnds(\.isWhitespace)
        guard (3...10).contains(t.count), t.contains(where: \.isNumber) else { return false }
        return t.allSatisfy { $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" } && t.filter(\.isLetter).count <= 4
    }

    static func isCity(_ s: String) -> Bool { Dictionaries.shared.worldCities.contains(s.lowercased()) }
    static func isCountry(_ s: String) -> Bool { Dictionaries.shared.countries.contains(s.lowercased()) }
    static func isGender(_ s: String) -> Bool { genderValues.contains(s.lowercased()) }
}

extension StringProtocol {
    /// Without the characters `drop` says at either end (natively: Foundation's trimming bridges each
    /// value through NSString, which was a fifth of the scanner's time on sampled values).
    func trimmingEnds(_ drop: (Character) -> Bool) -> SubSequence {
        var trimmed = self[...]
        while let first = trimmed.first, drop(first) { trimmed.removeFirst() }
        while let last = trimmed.last, drop(last) { trimmed.removeLast() }
        return trimmed
    }
}

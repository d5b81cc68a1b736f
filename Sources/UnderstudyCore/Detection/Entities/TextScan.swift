import Foundation
/// A text prepared for the recognizers: its UTF-16 units and its tokens (words, numbers, single
/// punctuation marks), each with its offsets, so that every recognizer reads the text once. A class:
/// every recognizer gets the same one, not a copy (three references retained per recognizer).
final class TextScan {
    /// Letters without their accents (`garcía` → `garcia`), as the name lists and user names write them.
    static func folded(_ text: String) -> String {
        text.utf8.allSatisfy { $0 < 0x80 } ? text : text.folding(options: .diacriticInsensitive, locale: nil)
    }

    enum TokenKind: Equatable { case word, number, punct }

    struct Token {
        var kind: TokenKind
        var start: Int
        var end: Int
        /// Whitespace before the token (none for the first): 0 none, 1 spaces or tabs, 2 a line break.
        var gap: Int
        /// The token in lower case (its text for numbers and marks); its text as written is
        /// ``TextScan/text(of:)`` (made when asked: few recognizers need it).
        var lower: String
        /// The lower-case letters alone (`o'brien` → `obrien`), as the name lists hold them.
        var key: String
        /// A word whose first letter is upper case; a word of two or more letters all in upper case.
        var isCapitalized: Bool
        var isAllCaps: Bool
        /// Every unit below 0x80.
        var isASCII: Bool
        /// The number of characters of its text.
        var count: Int
        /// A mark of one unit: that unit (0 for anything else), for ``isMark(_:)``.
        var mark: UInt16 = 0

        /// Whether the token is the punctuation mark `c` (compared without a string).
        @inline(__always)
        func isMark(_ c: Unicode.Scalar) -> Bool { mark == UInt16(truncatingIfNeeded: c.value) }
        /// Whether the token is one of the marks in `marks`.
        @inline(__always)
        func isMark(in marks: StaticString) -> Bool {
            guard mark != 0, mark < 0x80 else { return false }
            return marks.withUTF8Buffer { $0.contains(UInt8(mark)) }
        }
        /// The word lists that hold the word (``Lexicon``), looked up once here for every recogniser;
        /// none for numbers and marks.
        var flags: Lexicon.Flags = []
        /// A word the census lists hold as a first name, as a last name; a common word that is not a
        /// name (``WordLists/notNames``).
        var isFirstName: Bool { flags.contains(.firstName) }
        var isLastName: Bool { flags.contains(.lastName) }
        /// The name lists that hold a word written with accents only without them (García: GARCIA of
        /// the census), for the name and place rules; the person model reads ``flags`` alone, as it
        /// was trained.
        var foldedNames: Lexicon.Flags = []
        var isFirstNameAccented: Bool { isFirstName || foldedNames.contains(.firstName) }
        var isLastNameAccented: Bool { isLastName || foldedNames.contains(.lastName) }
        /// A first name of parts the lists hold, joined by hyphens ("Sarah-Jane"): a first name
        /// before a surname; alone, as often a firm of two surnames ("Willis-Stewart").
        var isJoinedFirstName: Bool { !isFirstName && foldedNames.contains(.firstName) && lower.utf8.contains(0x2D) }
        var isCommon: Bool { flags.contains(.common) }
        /// A first or last name of the lists (with or without its accents).
        var isListedName: Bool { isFirstNameAccented || isLastNameAccented }
        /// A word no list knows, with or without its accents (an unknown name, or a word of no list).
        var isUnknown: Bool { flags.isEmpty && foldedNames.isEmpty }
        /// A possessive's word without its `'s` (`patient's` → `patient`); nil for a word that is none.
        var possessiveStem: String? { lower.hasSuffix("'s") || lower.hasSuffix("\u{2019}s") ? String(lower.dropLast(2)) : nil }
        /// "and", "or" or "&", which join names.
        var joinsNames: Bool { lower == "and" || lower == "or" || isMark("&") }

        func has(_ flag: Lexicon.Flags) -> Bool { !flags.isDisjoint(with: flag) }
    }

    /// The lists that hold any word of the text, for recognisers that need a context word anywhere first.
    let flags: Lexicon.Flags

    let text: String
    let units: [UInt16]
    /// Constants once made (`let`): every recogniser and rule reads them, and a `var` of a class is
    /// read through an exclusivity check each time.
    let tokens: [Token]
    let digitCount: Int
    let hasAt: Bool
    /// Colons in the text (an IPv6 address has two at least).
    let colonCount: Int

    init(_ text: String) {
        self.text = text
        let units = Self.units(of: text)
        self.units = units
        var tokens: [Token] = []
        var flags: Lexicon.Flags = []
        var digitCount = 0, hasAt = false, colonCount = 0
        tokens.reserveCapacity(units.count / 3 + 1)
        var i = 0
        var gap = 0
        let count = units.count
        while i < count {
            let u = units[i]
            if u == 0x20 || u == 0x09 || u == 0xA0 { if gap == 0 { gap = 1 }; i += 1; continue }
            if u == 0x0A || u == 0x0D { gap = 2; i += 1; continue }
            let start = i
            let kind: TokenKind
            if Self.isDigit(u) {
                while i < count, Self.isDigit(units[i]) { i += 1 }
                digitCount += i - start
                kind = .number
            } else if Self.isLetter(u) {
                i += 1
                // Letters, and an apostrophe or hyphen between letters (O'Brien, Anne-Marie).
                while i < count {
                    if Self.isLetter(units[i]) { i += 1; continue }
                    if (units[i] == 0x27 || units[i] == 0x2019 || units[i] == 0x2D), i + 1 < count, Self.isLetter(units[i + 1]) { i += 2; continue }
                    break
                }
                kind = .word
            } else {
                if u == 0x40 { hasAt = true } else if u == 0x3A { colonCount += 1 }
                // A surrogate pair stays one token.
                i += (u >= 0xD800 && u < 0xDC00 && i + 1 < count) ? 2 : 1
                kind = .punct
            }
            var ascii = true
            for k in start..<i where units[k] >= 0x80 { ascii = false; break }
            // The text as written: the lower case of numbers and marks, and what a word's is made
            // from when it is not ASCII (an ASCII word's is made from the units).
            let word = kind == .word && ascii ? "" : Self.string(units, start, i, ascii: ascii)
            var capitalized = false, allCaps = false, lower = word, key = word
            let characters = ascii ? i - start : word.count
            var lowerHash: UInt64?, wordKeyHash: UInt64?
            if kind == .word {
                if ascii {
                    // ASCII (most words): lower case without the case maps, hashed for the lexicon on
                    // the way, and its letters alone (the key) hashed beside it.
                    var marks = false
                    var hash = FNV1a.basis, keyHash = FNV1a.basis
                    lower = String(unsafeUninitializedCapacity: i - start) { buffer in
                        for k in start..<i {
                            let u = units[k]
                            let byte = UInt8(truncatingIfNeeded: u >= 0x41 && u <= 0x5A ? u | 0x20 : u)
                            if u == 0x27 || u == 0x2D { marks = true } else { keyHash = FNV1a.step(keyHash, byte) }
                            hash = FNV1a.step(hash, byte)
                            buffer[k - start] = byte
                        }
                        return i - start
                    }
                    lowerHash = Lexicon.finish(hash)
                    wordKeyHash = Lexicon.finish(keyHash)
                    if marks { key = String(decoding: lower.utf8.filter { $0 != 0x27 && $0 != 0x2D }, as: UTF8.self) } else { key = lower }
                } else {
                    lower = word.lowercased()
                    key = lower.filter(\.isLetter)
                }
                let first = units[start]
                capitalized = (first >= 0x41 && first <= 0x5A) || (first >= 0xC0 && Unicode.Scalar(first)?.properties.isUppercase == true)
                if i - start > 1 {
                    // ASCII: no letter in lower case (a word has one letter at least); else by the case maps.
                    allCaps = ascii ? !units[start..<i].contains { $0 >= 0x61 && $0 <= 0x7A } : (lower != word && word == word.uppercased())
                }
            }
            var token = Token(kind: kind, start: start, end: i, gap: tokens.isEmpty ? 0 : gap, lower: lower, key: key, isCapitalized: capitalized, isAllCaps: allCaps, isASCII: ascii, count: characters)
            if kind == .word {
                token.flags = Lexicon.shared.flags(lower: lower, key: key, lowerHash: lowerHash, keyHash: wordKeyHash)
                if !ascii, token.flags.isDisjoint(with: .names) {
                    let folded = TextScan.folded(key)
                    if folded != key, folded.utf8.allSatisfy({ $0 < 0x80 }) { token.foldedNames = Lexicon.shared.lookup(folded).intersection(.names) }
                }
                // A hyphenated first name whose every part the lists hold as one, one part at least no
                // English word ("Sarah-Jane", "Horst-Günter"; not "will-call"; the lists hold few
                // joined) — or one part a listed first name and the others, of three letters or more,
                // words no list holds ("Demi-Lee", "Kay-Uwe", "Hans-Bernd": the census lists are thin
                // beyond English names; not "Rolls-Royce", "Coca-Cola"). (Not surnames: "Hunt-Patton"
                // alone on a signature's line is a firm's.)
                if token.flags.isDisjoint(with: .names), token.foldedNames.isEmpty, lower.utf8.contains(0x2D) {
                    let pieces = lower.split(separator: "-")
                    let parts = pieces.map { part -> Lexicon.Flags in
                        let folded = TextScan.folded(String(part))
                        return Lexicon.shared.lookup(folded)
                    }
                    if parts.count >= 2, parts.contains(where: { $0.isDisjoint(with: [.english, .common]) }) {
                        // (Not a Gaelic surname's `Mac`: "Ó Claochlaí-Mac Gáineard".)
                        let given = zip(pieces, parts).map { piece, flags in flags.contains(.firstName) && !["mac", "mc", "fitz", "ap"].contains(piece) }
                        let unlisted = parts.indices.allSatisfy { k in given[k] || pieces[k].count >= 3 && parts[k].isEmpty }
                        if unlisted, given.contains(true) {
                            token.foldedNames.insert(.firstName)
                        }
                    }
                }
                // A word in lower case joined by hyphens that no list holds, whose letters alone
                // or every part is an English word, is one ("e-mail", "sign-in", "follow-up"): it
                // was read as a user name after "login", as a surname's run after "user".
                if token.flags.isEmpty, token.foldedNames.isEmpty, !capitalized, !allCaps, lower.utf8.contains(0x2D) {
                    let english = Lexicon.shared.lookup(key).contains(.english)
                        || lower.split(separator: "-").allSatisfy { Lexicon.shared.lookup(String($0)).contains(.english) }
                    if english { token.flags.insert(.english) }
                }
                flags.formUnion(token.flags)
            } else if kind == .punct, i - start == 1 {
                token.mark = u
            }
            tokens.append(token)
            gap = 0
        }
        self.tokens = tokens
        self.flags = flags
        self.digitCount = digitCount
        self.hasAt = hasAt
        self.colonCount = colonCount
    }

    static func isDigit(_ u: UInt16) -> Bool { u >= 0x30 && u <= 0x39 }

    /// The text's UTF-16 units: an ASCII text's bytes widened (most texts), else transcoded.
    static func units(of text: String) -> [UInt16] {
        let widened = text.utf8.withContiguousStorageIfAvailable { bytes -> [UInt16]? in
            var units = [UInt16](repeating: 0, count: bytes.count)
            for k in bytes.indices {
                guard bytes[k] < 0x80 else { return nil }
                units[k] = UInt16(bytes[k])
            }
            return units
        }
        return (widened ?? nil) ?? Array(text.utf16)
    }

    /// The text of `units[start..<end]`: ASCII (most tokens) copied byte for byte, without
    /// transcoding.
    static func string(_ units: [UInt16], _ start: Int, _ end: Int, ascii: Bool) -> String {
        guard ascii else { return String(decoding: units[start..<end], as: UTF16.self) }
        return String(unsafeUninitializedCapacity: end - start) { buffer in
            for k in start..<end { buffer[k - start] = UInt8(truncatingIfNeeded: units[k]) }
            return end - start
        }
    }

    static func isLetter(_ u: UInt16) -> Bool {
        if (u >= 0x41 && u <= 0x5A) || (u >= 0x61 && u <= 0x7A) { return true }
        if u < 0xC0 { return false }
        if u >= 0xD800 && u < 0xE000 { return false }
        return Unicode.Scalar(u).map { $0.properties.isAlphabetic } ?? false
    }

    /// Whether a word of the text is written in a script beyond Latin (Greek, Cyrillic, Hebrew,
    /// Arabic, CJK, Hangul…): told once per text for the rules and recognisers that read only those
    /// (most texts are ASCII, and answer at the first look at each token).
    lazy var hasOtherScripts: Bool = tokens.contains { !$0.isASCII && $0.kind == .word && units[$0.start] >= 0x0370 }

    func slice(_ start: Int, _ end: Int) -> String { String(decoding: units[start..<end], as: UTF16.self) }

    /// The token's text as written.
    func text(of token: Token) -> String { Self.string(units, token.start, token.end, ascii: token.isASCII) }

    /// Whether the text at `start` is `ascii` (lower case), its letters in either case.
    func matches(_ ascii: StaticString, at start: Int) -> Bool {
        let count = ascii.utf8CodeUnitCount
        guard start + count <= units.count else { return false }
        return ascii.withUTF8Buffer { pattern in
            for k in 0..<count {
                var u = units[start + k]
                if u >= 0x41 && u <= 0x5A { u |= 0x20 }
                if u != UInt16(pattern[k]) { return false }
            }
            return true
        }
    }

    /// For each token, the index in `spans` (in order, apart) of the span it is inside of, if any.
    func covering(_ spans: [EntitySpan]) -> [Int?] {
        var result = [Int?](repeating: nil, count: tokens.count)
        var s = 0
        for k in tokens.indices {
            while s < spans.count, spans[s].end <= tokens[k].start { s += 1 }
            if s < spans.count, spans[s].start < tokens[k].end { result[k] = s }
        }
        return result
    }

    /// For each token, whether a span of `spans` (in any order, overlapping or not) overlaps it: the
    /// spans' tokens marked once each, not every token compared with every span.
    func overlapped(by spans: [EntitySpan]) -> [Bool] {
        var result = [Bool](repeating: false, count: tokens.count)
        for span in spans {
            var low = 0, high = tokens.count
            while low < high { let mid = (low + high) / 2; if tokens[mid].end <= span.start { low = mid + 1 } else { high = mid } }
            var k = low
            while k < tokens.count, tokens[k].start < span.end { result[k] = true; k += 1 }
        }
        return result
    }

    /// The token that starts at, or ends at, UTF-16 offset `offset` (a binary search: a long text
    /// holds many names).
    func token(startingAt offset: Int) -> Int? {
        var low = 0, high = tokens.count
        while low < high { let mid = (low + high) / 2; if tokens[mid].start < offset { low = mid + 1 } else { high = mid } }
        return low < tokens.count && tokens[low].start == offset ? low : nil
    }

    /// (The two searches are written out: through a key path each step cost a call.)
    func token(endingAt offset: Int) -> Int? {
        var low = 0, high = tokens.count
        while low < high { let mid = (low + high) / 2; if tokens[mid].end < offset { low = mid + 1 } else { high = mid } }
        return low < tokens.count && tokens[low].end == offset ? low : nil
    }

    /// The word token nearest before token `index`, if any.
    func previousWord(_ index: Int) -> Token? {
        var i = index - 1
        while i >= 0 {
            if tokens[i].kind == .word { return tokens[i] }
            i -= 1
        }
        return nil
    }

    /// Whether one of the `count` words before token `index` satisfies `test`.
    func anyWord(before index: Int, count: Int, _ test: (Token) -> Bool) -> Bool {
        wordsBack(before: index, count: count, test) != nil
    }

    /// How many words back from token `index` the nearest of the `count` words before it that
    /// satisfies `test` is (1: the word right before), if one does.
    /// `inSentence`: not past the end of a sentence before token `index` (``endsSentence(_:)``).
    func wordsBack(before index: Int, count: Int, inSentence: Bool = false, _ test: (Token) -> Bool) -> Int? {
        var i = index - 1, seen = 0
        while i >= 0, seen < count {
            if inSentence, endsSentence(i) { return nil }
            if tokens[i].kind == .word {
                seen += 1
                if test(tokens[i]) { return seen }
            }
            i -= 1
        }
        return nil
    }

    /// Whether token `i` is a mark that ends a sentence: `!` or `?`, or a period after a number or a
    /// word of four letters or more (not an abbreviation's: `license no.`, `Dr.`), with space after.
    func endsSentence(_ i: Int) -> Bool {
        guard tokens[i].isMark(in: ".!?"), i + 1 == tokens.count || tokens[i + 1].gap > 0 else { return false }
        guard tokens[i].isMark("."), i > 0 else { return true }
        return tokens[i - 1].kind == .number || tokens[i - 1].kind == .word && tokens[i - 1].count >= 4
    }
}

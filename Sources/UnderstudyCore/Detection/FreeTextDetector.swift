import Foundation

/// Finds personal data inside free text: emails, URLs, card numbers (Luhn-checked), US SSNs,
/// IP addresses, phone numbers and person names (dictionary first name + surname, or a first name
/// after a cue such as "I'm", "Regards," or at the very end). Used by `text.redact`, and by the scanner for free-text columns.
public struct FreeTextDetector: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case email, url, card, ssn, ip, phone, name

        /// The tag written in place of a span in `tag` mode.
        public var tag: String { "[\(rawValue.uppercased())]" }
    }

    public struct Span: Sendable, Equatable {
        public var kind: Kind
        /// UTF-16 range in the text (NSRange semantics).
        public var range: NSRange
    }

    // nonisolated(unsafe): NSRegularExpression is immutable after creation and documented thread-safe.
    nonisolated(unsafe) static let patterns: [(Kind, NSRegularExpression)] = ([
        (.url, #"\bhttps?://[^\s<>"']+[^\s<>"'.,;:!?)]"#),
        (.email, #"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"#),
        (.card, #"(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])"#),
        (.ssn, #"(?<![\d-])\d{3}-\d{2}-\d{4}(?![\d-])"#),
        (.ip, #"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])|(?<![:\w])(?:[0-9A-Fa-f]{1,4}:){2,7}[0-9A-Fa-f]{1,4}(?![:\w])"#),
        (.phone, #"(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,4}\)[ .-]?)?\d{2,4}(?:[ .-]\d{2,4}){1,3}(?!\w)"#),
    ] as [(Kind, String)]).map { ($0.0, try! NSRegularExpression(pattern: $0.1)) }

    public init() {}

    /// Spans in `text`, left to right, not overlapping (the earlier kind in the list wins).
    public func spans(in text: String) -> [Span] {
        let ns = text as NSString
        var found: [Span] = []
        // Cheap checks first: most free text holds no @, no :// and few digits.
        var digits = 0, at = false, dot = false, colon = false
        for b in text.utf8 {
            if ASCII.isDigit(b) { digits += 1 } else if b == UInt8(ascii: "@") { at = true } else if b == UInt8(ascii: ".") { dot = true } else if b == UInt8(ascii: ":") { colon = true }
        }
        for (kind, regex) in Self.patterns {
            switch kind {
            case .email: if !at { continue }
            case .url: if !colon { continue }
            case .ip: if !(dot || colon) || digits < 2 { continue }
            case .card: if digits < 13 { continue }
            case .ssn: if digits < 9 { continue }
            case .phone: if digits < 7 { continue }
            case .name: continue
            }
            for match in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
                let candidate = ns.substring(with: match.range)
                guard Self.accept(kind, candidate) else { continue }
                if found.contains(where: { NSIntersectionRange($0.range, match.range).length > 0 }) { continue }
                found.append(Span(kind: kind, range: match.range))
            }
        }
        for span in nameSpans(in: text) where !found.contains(where: { NSIntersectionRange($0.range, span.range).length > 0 }) {
            found.append(span)
        }
        return found.sorted { $0.range.location < $1.range.location }
    }

    static let firstNames = Set(Dictionaries.shared.firstNamesLowercased)
    static let lastNames = Set(Dictionaries.shared.lastNamesLowercased)
    static let cues: Set<String> = ["i'm", "im", "i am", "this is", "name is", "regards,", "thanks,", "thank you,", "cheers,", "best,", "sincerely,", "from", "dear", "hi", "hello", "mr.", "mrs.", "ms.", "dr."]
    /// Capitalised words that are also first names in the census list but are far more often something else.
    static let commonWords: Set<String> = ["will", "may", "june", "april", "august", "in", "an", "the", "my", "can", "so", "bill", "mark", "grant", "rose", "hope", "joy", "else", "art", "guy", "sunny", "sandy", "page", "chase", "love", "king"]

    /// Person names: a capitalised dictionary first name followed by a capitalised dictionary surname,
    /// or a first name alone after a cue or as the text's last word.
    func nameSpans(in text: String) -> [Span] {
        let ns = text as NSString
        var words: [(word: String, range: NSRange)] = []
        var start: Int?
        for i in 0...ns.length {
            let isLetter = i < ns.length && (CharacterSet.letters.contains(UnicodeScalar(ns.character(at: i)) ?? " ") || ns.character(at: i) == 39)
            if isLetter, start == nil { start = i }
            if !isLetter, let s = start {
                words.append((ns.substring(with: NSRange(location: s, length: i - s)), NSRange(location: s, length: i - s)))
                start = nil
            }
        }
        func capitalised(_ w: String) -> Bool { w.first?.isUppercase == true && w.dropFirst().allSatisfy { !$0.isUppercase } }
        var spans: [Span] = []
        var i = 0
        while i < words.count {
            let word = words[i].word
            let lower = word.lowercased()
            guard capitalised(word), Self.firstNames.contains(lower) else { i += 1; continue }
            if i + 1 < words.count, capitalised(words[i + 1].word), Self.lastNames.contains(words[i + 1].word.lowercased()),
               words[i + 1].range.location - NSMaxRange(words[i].range) == 1 {
                spans.append(Span(kind: .name, range: NSUnionRange(words[i].range, words[i + 1].range)))
                i += 2
                continue
            }
            let before = ns.substring(to: words[i].range.location).lowercased().trimmingCharacters(in: .whitespaces)
            let cued = Self.cues.contains { before.hasSuffix($0) }
            let last = i == words.count - 1 && ns.substring(from: NSMaxRange(words[i].range)).trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters)).isEmpty
            if (cued || last) && !Self.commonWords.contains(lower) {
                spans.append(Span(kind: .name, range: words[i].range))
            }
            i += 1
        }
        return spans
    }

    static func accept(_ kind: Kind, _ text: String) -> Bool {
        let digits = text.compactMap { $0.isASCII ? $0.wholeNumberValue : nil }
        switch kind {
        case .card: return (13...19).contains(digits.count) && Luhn.isValid(digits)
        case .ssn:
            let area = digits[0] * 100 + digits[1] * 10 + digits[2]
            return SSNGenerator.index(area, digits[3] * 10 + digits[4], digits[5] * 1000 + digits[6] * 100 + digits[7] * 10 + digits[8]) != nil
        case .ip: return text.contains(":") ? IPAddress.parseV6(Substring(text)) != nil : IPAddress.parseV4(Substring(text)) != nil
        case .phone: return (7...15).contains(digits.count) && CivilDate(prefixOf: text) == nil
        default: return true
        }
    }
}

import Foundation

/// A workspace's own recognizer: a regular expression, optional context words that raise its
/// score, and an optional checksum a match must pass (`luhn`, `mod97`).
public struct CustomRecognizer: Sendable, Hashable {
    public enum Checksum: String, Sendable, Hashable, CaseIterable { case luhn, mod97 }

    public var name: String
    public var pattern: String
    public var context: [String]
    public var checksum: Checksum?
    /// The score of a match without context; with context, 0.3 more (at most 1).
    public var score: Double

    public init(name: String, pattern: String, context: [String] = [], checksum: Checksum? = nil, score: Double = 0.6) {
        self.name = name
        self.pattern = pattern
        self.context = context
        self.checksum = checksum
        self.score = score
    }

    /// A recognizer as written in a workspace: `{ name: employee-id, pattern: 'EMP-\\d{6}', context: [employee], checksum: luhn, score: 0.7 }`.
    public static func parse(_ value: ParameterValue) -> Result<CustomRecognizer, RecognizerProblem> {
        guard case .mapping(let fields) = value else { return .failure(.init("expected { name: NAME, pattern: REGEX, context: [words], checksum: luhn|mod97, score: 0…1 }")) }
        for key in fields.keys where !["name", "pattern", "context", "checksum", "score"].contains(key) {
            return .failure(.init("unknown key \"\(key)\"; a recognizer has name, pattern, context, checksum and score"))
        }
        guard case .string(let name)? = fields["name"], !name.isEmpty else { return .failure(.init("needs a name (it names the spans it finds)")) }
        guard case .string(let pattern)? = fields["pattern"] else { return .failure(.init("needs a pattern (a regular expression)")) }
        var recognizer = CustomRecognizer(name: name, pattern: pattern)
        if let context = fields["context"] {
            guard case .list(let words) = context else { return .failure(.init("context is a list of words")) }
            recognizer.context = words.map(\.description)
        }
        if let checksum = fields["checksum"] {
            guard case .string(let text) = checksum, let value = Checksum(rawValue: text) else { return .failure(.init("checksum is luhn or mod97")) }
            recognizer.checksum = value
        }
        if let score = fields["score"] {
            guard let number = score.doubleValue, (0...1).contains(number) else { return .failure(.init("score is a number between 0 and 1")) }
            recognizer.score = number
        }
        if let problem = recognizer.problem { return .failure(.init(problem)) }
        return .success(recognizer)
    }

    /// Why a recognizer cannot be used.
    public struct RecognizerProblem: Error, Sendable, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// Why the pattern cannot be used, or nil.
    public var problem: String? {
        guard (try? NSRegularExpression(pattern: pattern)) != nil else { return "the pattern is not a valid regular expression" }
        return RegexGenerator.catastrophicBacktracking(in: pattern)
    }

    func compiled() -> Compiled? {
        (try? NSRegularExpression(pattern: pattern)).map { Compiled(recognizer: self, regex: $0, context: ContextWords(context.map { $0.lowercased() })) }
    }

    struct Compiled: Recognizer, @unchecked Sendable {
        // @unchecked: NSRegularExpression is immutable after creation and documented thread-safe.
        let recognizer: CustomRecognizer
        let regex: NSRegularExpression
        let context: ContextWords
        var kinds: Set<EntityKind> { [.custom] }

        func recognize(_ scan: TextScan, into spans: inout [EntitySpan]) {
            // A pattern that backtracks past the time bound on this text: the whole text is taken as
            // its entity, so that nothing of it is written (a recognizer cannot stop the run).
            guard let matches = BoundedMatching.matches(regex, in: scan.text) else {
                spans.append(EntitySpan(kind: .custom, start: 0, end: scan.units.count, score: 1, recognizer: recognizer.name))
                return
            }
            for match in matches where match.range.length > 0 {
                let text = scan.slice(match.range.location, NSMaxRange(match.range))
                switch recognizer.checksum {
                case .luhn?:
                    let digits = text.compactMap { $0.isASCII ? $0.wholeNumberValue : nil }
                    guard digits.count >= 2, Luhn.isValid(digits) else { continue }
                case .mod97?:
                    let characters = text.uppercased().filter { $0.isLetter || $0.isNumber }
                    guard characters.allSatisfy(\.isASCII), IBANCheck.isValid(ascii: ArraySlice(characters.utf8)) else { continue }
                case nil: break
                }
                let index = scan.tokens.firstIndex { $0.start >= match.range.location } ?? scan.tokens.count
                let boosted = !recognizer.context.isEmpty && context.present(scan, before: index)
                spans.append(EntitySpan(kind: .custom, start: match.range.location, end: NSMaxRange(match.range),
                    score: min(1, recognizer.score + (boosted ? 0.3 : 0)), recognizer: recognizer.name))
            }
        }
    }
}

/// IPv6 addresses: hexadecimal groups and colons, checked by the address parser.
struct IPv6Recognizer: Recognizer {
    let kinds: Set<EntityKind> = [.ipAddress]

    func recognize(_ scan: TextScan, into spans: inout [EntitySpan]) {
        guard scan.colonCount >= 2 else { return }
        let u = scan.units
        func hex(_ x: UInt16) -> Bool { TextScan.isDigit(x) || (x >= 0x41 && x <= 0x46) || (x >= 0x61 && x <= 0x66) || x == 0x3A || x == 0x2E }
        var i = 0
        while i < u.count {
            guard hex(u[i]), i == 0 || !(TextScan.isLetter(u[i - 1]) || TextScan.isDigit(u[i - 1])) else { i += 1; continue }
            var e = i
            var colons = 0
            while e < u.count, hex(u[e]) { if u[e] == 0x3A { colons += 1 }; e += 1 }
            if colons >= 2, e - i >= 3, e == u.count || !TextScan.isLetter(u[e]) {
                var end = e
                while end > i, u[end - 1] == 0x2E || u[end - 1] == 0x3A && !(end >= 2 && u[end - 2] == 0x3A) { end -= 1 }
                if IPAddress.parseV6(Substring(scan.slice(i, end))) != nil {
                    spans.append(EntitySpan(kind: .ipAddress, start: i, end: end, score: 0.95, recognizer: "ipv6"))
                }
            }
            i = max(e, i + 1)
        }
    }
}

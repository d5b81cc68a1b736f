import Foundation

/// Finds personal data in free text: people, addresses, places, organisations, dates, phone
/// numbers, emails, card numbers, IBANs, SSNs, IP addresses, URLs, driver's licence and passport
/// numbers, and a workspace's own patterns. Offline and in Swift: gazetteers (census names,
/// GeoNames places), checksums (Luhn, mod 97, SSA rules), shapes and context words.
///
/// ```swift
/// let spans = EntityRecognizer().spans(in: "Call Ana Lima at +1 415 555 0134")
/// // [PERSON 5..<13, PHONE_NUMBER 17..<32]
/// ```
public struct EntityRecognizer: Sendable {
    /// The kinds to report (all by default).
    public var kinds: Set<EntityKind>
    /// Spans scored below it are dropped.
    public var minimumScore: Double
    let recognizers: [any Recognizer]

    public init(kinds: Set<EntityKind> = Set(EntityKind.allCases), minimumScore: Double = 0.5, custom: [CustomRecognizer] = []) {
        self.kinds = kinds
        self.minimumScore = minimumScore
        let builtIn: [any Recognizer] = [
            ContactRecognizer(), NumberRecognizer(), IPv6Recognizer(), DateRecognizer(), PlaceRecognizer(), OrganizationRecognizer(), NameRecognizer(),
            PersonModelRecognizer(model: PersonModel.shared),
        ]
        recognizers = builtIn.filter { !$0.kinds.isDisjoint(with: kinds) } + custom.compactMap { $0.compiled() }
    }

    /// The entities of `text`, left to right, not overlapping: where two overlap, the higher score
    /// wins, then the longer span.
    public func spans(in text: String) -> [EntitySpan] {
        guard !text.isEmpty else { return [] }
        // Characters written through escapes (JSON's \u00e9, HTML's &eacute;) are read as themselves.
        if let escaped = EscapedText(text) { return recognized(escaped.text).map(escaped.written) }
        return recognized(text)
    }

    private func recognized(_ text: String) -> [EntitySpan] {
        let scan = TextScan(text)
        var found: [EntitySpan] = []
        for recognizer in recognizers { recognizer.recognize(scan, into: &found) }
        let candidates = found.filter { ($0.kind == .custom || kinds.contains($0.kind)) && $0.score >= minimumScore }
            .sorted { ($0.score, $0.length, -$0.start) > ($1.score, $1.length, -$1.start) }
        return Self.withSecondSurnames(Self.disjoint(candidates).sorted { $0.start < $1.start }, scan)
    }

    /// Names followed by one more surname (Spanish and Portuguese names have two: "José Luis
    /// Rodríguez Zapatero", "Gabriel García Márquez"), which the rules and the tagger left outside
    /// the name: a capitalised word right after a name of two words or more that ends in a listed
    /// surname, itself a listed surname or no listed word at all (not a common word, a title, a
    /// weekday, a month, a place or an organisation's suffix), with no capitalised word after it.
    static func withSecondSurnames(_ spans: [EntitySpan], _ scan: TextScan) -> [EntitySpan] {
        guard spans.contains(where: { $0.kind == .person }) else { return spans }
        let t = scan.tokens
        var result = spans
        var k = 0
        for s in result.indices where result[s].kind == .person {
            while k < t.count, t[k].end < result[s].end { k += 1 }
            guard k < t.count, t[k].end == result[s].end, t[k].kind == .word, t[k].isLastNameAccented, result[s].start < t[k].start else { continue }
            let n = k + 1
            guard n < t.count, t[n].kind == .word, t[n].gap == 1, t[n].isCapitalized, !t[n].isAllCaps, !t[n].isCommon, t[n].count > 2,
                  !t[n].has([.title, .weekday, .month, .place, .organizationSuffix, .streetSuffix, .streetKind]),
                  !(n + 1 < t.count && t[n + 1].gap == 1 && (t[n + 1].isCapitalized || t[n + 1].isAllCaps)),
                  s + 1 >= result.count || result[s + 1].start >= t[n].end || result[s + 1].kind == .person && result[s + 1].end == t[n].end else { continue }
            if s + 1 < result.count, result[s + 1].start < t[n].end { result[s + 1].end = result[s + 1].start }
            result[s].end = t[n].end
        }
        return result.filter { $0.end > $0.start }
    }

    /// The spans, best first, that overlap no better one. Few spans are compared pairwise; many
    /// (a long document) mark the units they cover, so a text of a megabyte with a name in every
    /// line is not compared span by span (that took minutes).
    static func disjoint(_ candidates: [EntitySpan]) -> [EntitySpan] {
        var chosen: [EntitySpan] = []
        guard candidates.count > 64 else {
            for span in candidates where !chosen.contains(where: { $0.overlaps(span) }) { chosen.append(span) }
            return chosen
        }
        var taken = [Bool](repeating: false, count: candidates.reduce(0) { max($0, $1.end) })
        for span in candidates where !taken[span.start..<span.end].contains(true) {
            chosen.append(span)
            for i in span.start..<span.end { taken[i] = true }
        }
        return chosen
    }
}

extension EntityRecognizer {
    /// The cost of each part of ``spans(in:)`` over `texts` on one core, in nanoseconds per text: the
    /// scan into tokens, each recognizer on the scans, and the whole (`understudy-bench text`).
    package func profile(_ texts: [String]) -> [(part: String, nanoseconds: Double)] {
        func time(_ body: () -> Void) -> Double {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            return Double(DispatchTime.now().uptimeNanoseconds - start) / Double(max(1, texts.count))
        }
        var result: [(String, Double)] = []
        var scans: [TextScan] = []
        scans.reserveCapacity(texts.count)
        result.append(("scan", time { for text in texts { scans.append(TextScan(text)) } }))
        for recognizer in recognizers {
            var found: [EntitySpan] = []
            result.append((String(describing: type(of: recognizer)), time {
                for scan in scans { found.removeAll(keepingCapacity: true); recognizer.recognize(scan, into: &found) }
            }))
        }
        var total = 0
        result.append(("spans(in:), whole", time { for text in texts { total &+= spans(in: text).count } }))
        return result
    }
}

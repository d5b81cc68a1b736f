/// The last digits of an SSN or a card, which support desks write to say which one they checked:
/// named as such (`SSN last 4: 6789`, `the last four of her SSN (1234)`, `Visa ending 1881`, `card
/// ending in 4242`) or after a mask (`XXX-XX-6789`, `***-**-4321`, `**** **** **** 4242`,
/// `************0005`). Four digits of an SSN are what an account's recovery asks for, and with a name
/// they single a person out; they stayed in the clear. The digits alone are the span (the mask and
/// the words are no secret): `text.redact` fakes them as digits of the same count, keyed, the same
/// for the same digits (``TextRedactGenerator``).
struct LastDigitsRecognizer: Recognizer {
    var kinds: Set<EntityKind> { [.ssn, .creditCard] }

    static let ssnWords: Set<String> = ["ssn", "ssns", "social", "ss"]
    static let cardWords: Set<String> = ["card", "cards", "visa", "mastercard", "amex", "discover", "cc", "debit", "credit", "maestro", "jcb", "diners", "cardholder"]
    static let lastWords: Set<String> = ["last", "ending", "ends", "ended", "final", "trailing"]
    /// Characters that mask a number's other digits.
    static func isMask(_ u: UInt16) -> Bool { u == 0x58 || u == 0x78 || u == 0x2A || u == 0x23 || u == 0x2022 }

    func recognize(_ scan: TextScan, into spans: inout [EntitySpan]) {
        let t = scan.tokens
        for c in t.indices where t[c].kind == .number && (4...5).contains(t[c].count) {
            // Not a group of a longer number (a phone's, a full card's, a date's).
            if c + 1 < t.count, t[c + 1].gap == 0, t[c + 1].kind == .number || t[c + 1].isMark(in: "-./") && c + 2 < t.count && t[c + 2].kind == .number { continue }
            let masks = Self.maskGroups(scan, before: t[c].start)
            if masks.isEmpty, c > 0, t[c].gap <= 1, t[c - 1].kind == .number || t[c - 1].isMark(in: "-./") && t[c].gap == 0 && c > 1 && t[c - 2].kind == .number { continue }
            // The nearest word that names the number, and whether one says these are its last digits,
            // among the six words before it on its line.
            var ssn: Int?, card: Int?, last = false
            var k = c - 1, words = 0
            // (Another number between says the words are its: `card ending 4242 for order #A-99812`;
            // not the count of `last 4: 6789`.)
            while k >= 0, words < 6, t[k + 1].gap < 2, !(t[k].kind == .number && t[k].count >= 3) {
                if t[k].kind == .word {
                    words += 1
                    if ssn == nil, Self.ssnWords.contains(t[k].lower) { ssn = words }
                    if card == nil, Self.cardWords.contains(t[k].lower) { card = words }
                    if Self.lastWords.contains(t[k].lower) { last = true }
                }
                k -= 1
            }
            let kind: EntityKind?
            if masks == [3, 2], t[c].count == 4 {
                kind = .ssn
            } else if masks == [4, 4, 4] || masks == [4, 6] || masks.count == 1 && (8...15).contains(masks[0]) {
                kind = .creditCard
            } else if last || !masks.isEmpty, ssn != nil || card != nil {
                kind = (ssn ?? .max) < (card ?? .max) && t[c].count == 4 ? .ssn : card != nil ? .creditCard : nil
            } else {
                kind = nil
            }
            guard let kind else { continue }
            spans.append(EntitySpan(kind: kind, start: t[c].start, end: t[c].end, score: 0.85, recognizer: kind == .ssn ? "ssn.last-digits" : "credit-card.last-digits"))
        }
    }

    /// The groups of mask characters straight before `offset`, in reading order (`XXX-XX-` → [3, 2],
    /// `**** **** **** ` → [4, 4, 4]); each of two at least, joined by one dash or space, and the last
    /// one joined to the digits by one or by nothing. Empty when there is none.
    static func maskGroups(_ scan: TextScan, before offset: Int) -> [Int] {
        let u = scan.units
        var i = offset - 1
        if i >= 0, u[i] == 0x2D || u[i] == 0x20 { i -= 1 }
        var groups: [Int] = []
        while i >= 0, isMask(u[i]) {
            var length = 0
            while i >= 0, isMask(u[i]) { length += 1; i -= 1 }
            guard length >= 2 else { return groups.isEmpty ? [] : groups.reversed() }
            groups.append(length)
            guard groups.count < 4, i >= 1, u[i] == 0x2D || u[i] == 0x20, isMask(u[i - 1]) else { break }
            i -= 1
        }
        // A mask is its own word: `SUFFIX-1234` or `box-1234` is none.
        if i >= 0, (u[i] >= 0x41 && u[i] <= 0x5A) || (u[i] >= 0x61 && u[i] <= 0x7A) || (u[i] >= 0x30 && u[i] <= 0x39) { return [] }
        return groups.reversed()
    }
}

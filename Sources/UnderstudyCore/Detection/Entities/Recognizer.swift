/// Finds entities of some kinds in a scanned text.
protocol Recognizer: Sendable {
    var kinds: Set<EntityKind> { get }
    func recognize(_ scan: TextScan, into spans: inout [EntitySpan])
}

/// Words that raise a recognizer's confidence when they come shortly before a candidate
/// (Presidio's "context words").
struct ContextWords: Sendable {
    let words: Set<String>
    let window: Int
    /// The built-in lists' flag in ``Lexicon`` (the scan has looked the words up already).
    let flag: Lexicon.Flags?

    init(_ words: [String], window: Int = 5, flag: Lexicon.Flags? = nil) {
        self.words = Set(words)
        self.window = window
        self.flag = flag
    }

    /// Whether one of the words is among the `window` words before token `index`.
    func present(_ scan: TextScan, before index: Int) -> Bool {
        distance(scan, before: index) != nil
    }

    /// How many words back the nearest of the words is, within the `window` words before token `index`
    /// (`inSentence`: of its sentence).
    func distance(_ scan: TextScan, before index: Int, inSentence: Bool = false) -> Int? {
        if let flag { return scan.wordsBack(before: index, count: window, inSentence: inSentence) { $0.has(flag) } }
        return scan.wordsBack(before: index, count: window, inSentence: inSentence) { words.contains($0.lower) }
    }
}

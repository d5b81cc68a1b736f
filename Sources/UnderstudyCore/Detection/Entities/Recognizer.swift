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

    init(_ words: [String], window: Int = 5) {
        self.words = Set(words)
        self.window = window
    }

    /// Whether one of the words is among the `window` words before token `index`.
    func present(_ scan: TextScan, before index: Int) -> Bool {
        scan.wordsBefore(index, count: window).contains { words.contains($0) }
    }
}

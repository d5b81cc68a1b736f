/// Finds known values — a source's emails, phone numbers, full names, street addresses — inside free
/// text: what `evaluate` counts as leaked into a copy's notes, tickets and JSON documents.
///
/// A value is matched by its words, not its characters: the text and the value are cut into runs of
/// letters and digits, compared without case, and a value is found where its runs follow one another
/// in the text (`Ana Lima` in `called ANA LIMA today`, `ana.lima@example.com` in `<ana.lima@example.com>`),
/// never inside a longer word (`Lima` is no part of `Limassol`). A value that is mostly digits (a
/// phone, card, IBAN or national ID number: six digits or more, at least half its characters) is
/// found however its groups are written (`555-010-2233` in `(555) 010 2233` or `+1 555.010.2233`):
/// its runs concatenated, against runs of the text joined by spaces, hyphens, dots, slashes or
/// parentheses. A value of one word counts only where it could not be a word of the language: eight
/// characters or more, or six or more with a digit (`jdoe1984`); shorter ones (`admin`, `Lima`) would
/// be found in text that never meant them.
public struct TextLeakFinder: Sendable {
    /// Words of a value, lower-cased, joined by one space → the value's number.
    private var byWords: [String: Int] = [:]
    /// The first word of each value found by its words → how many words those values have.
    private var wordCounts: [String: Set<Int>] = [:]
    /// The runs of a mostly-digit value concatenated → the value's number.
    private var byRuns: [String: Int] = [:]
    private var longestRuns = 0
    /// Values added, by number.
    public private(set) var count = 0

    public init() {}

    /// Adds a value with the number it is reported under (values that should count as one, such as
    /// `Ana Lima` and `Lima, Ana`, share one). Returns false when the value is too short or too
    /// common a shape to be looked for.
    @discardableResult
    public mutating func add(_ value: String, as number: Int) -> Bool {
        let words = Self.words(of: value)
        let alphanumerics = words.reduce(0) { $0 + $1.text.count }
        let digits = words.reduce(0) { $0 + $1.digits }
        guard alphanumerics >= 4 else { return false }
        count = max(count, number + 1)
        if digits >= 6 && digits * 2 >= alphanumerics {
            let runs = words.map(\.text).joined()
            byRuns[runs] = number
            longestRuns = max(longestRuns, runs.count)
            return true
        }
        if words.count == 1 {
            let word = words[0]
            guard word.text.count >= 8 || (word.text.count >= 6 && word.digits > 0) else { return false }
        }
        byWords[words.map(\.text).joined(separator: " ")] = number
        wordCounts[words[0].text, default: []].insert(words.count)
        return true
    }

    /// The numbers of the values found in a text.
    public func find(in text: String) -> Set<Int> {
        let words = Self.words(of: text)
        var found = Set<Int>()
        for start in words.indices {
            if let counts = wordCounts[words[start].text] {
                for n in counts where start + n <= words.count {
                    let key = words[start..<(start + n)].map(\.text).joined(separator: " ")
                    if let number = byWords[key] { found.insert(number) }
                }
            }
            // Runs joined by separators of a number, from here on, as long as some value is.
            guard longestRuns > 0, words[start].digits > 0 else { continue }
            var runs = ""
            var end = start
            while end < words.count, end == start || words[end].joinsPrevious {
                runs += words[end].text
                guard runs.count <= longestRuns else { break }
                if runs.count >= 6, let number = byRuns[runs] { found.insert(number) }
                end += 1
            }
        }
        return found
    }

    struct Word {
        var text: String
        var digits: Int
        /// Only a number's separators (space, hyphen, dot, slash, parentheses, plus; three at most)
        /// stand between this word and the one before.
        var joinsPrevious: Bool
    }

    static func words(of text: String) -> [Word] {
        var words: [Word] = []
        var current = String.UnicodeScalarView()
        var digits = 0
        var gap = 0
        var gapJoins = true
        func close() {
            guard !current.isEmpty else { return }
            words.append(Word(text: String(current).lowercased(), digits: digits, joinsPrevious: !words.isEmpty && gapJoins && gap <= 3))
            current = String.UnicodeScalarView()
            digits = 0
            gap = 0
            gapJoins = true
        }
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if scalar.properties.numericType != nil { digits += 1 }
                current.append(scalar)
            } else {
                close()
                gap += 1
                if !" -./()+".unicodeScalars.contains(scalar) { gapJoins = false }
            }
        }
        close()
        return words
    }
}

/// A PostgreSQL `tsvector` as its text reads (`'gonzalez':2 'maria':1A 'order':4`): the words of a
/// text, normalised, with their positions. A full-text search column keeps the words of the text
/// it was made from, names among them, after that text is de-identified; this reads it back as
/// words in their order (`maria gonzalez order`), so that the entity recogniser finds them, and
/// writes the vector again with the words of each entity replaced at the same positions.
public struct TextSearchVector: Sendable, Equatable {
    /// A lexeme and its positions as written (`2`, `1A`: a position and its weight); none for a
    /// vector made without positions.
    public struct Lexeme: Sendable, Equatable {
        public var word: String
        public var positions: [String]
    }

    public var lexemes: [Lexeme]

    /// nil for text that is no `tsvector` in PostgreSQL's output form.
    public init?(_ text: String) {
        var lexemes: [Lexeme] = []
        var chars = Array(text.unicodeScalars)[...]
        while let first = chars.first {
            if first == " " { chars.removeFirst(); continue }
            guard first == "'" else { return nil }
            chars.removeFirst()
            var word = String.UnicodeScalarView()
            var closed = false
            while let c = chars.popFirst() {
                if c == "\\" {
                    guard let next = chars.popFirst() else { return nil }
                    word.append(next)
                } else if c == "'" {
                    if chars.first == "'" { chars.removeFirst(); word.append("'") } else { closed = true; break }
                } else {
                    word.append(c)
                }
            }
            guard closed else { return nil }
            var positions: [String] = []
            if chars.first == ":" {
                chars.removeFirst()
                var current = ""
                while let c = chars.first, c != " " {
                    chars.removeFirst()
                    if c == "," { positions.append(current); current = "" } else { current.unicodeScalars.append(c) }
                }
                positions.append(current)
                guard positions.allSatisfy({ Self.number(of: $0) != nil }) else { return nil }
            }
            lexemes.append(Lexeme(word: String(word), positions: positions))
        }
        self.lexemes = lexemes
    }

    public init(lexemes: [Lexeme]) { self.lexemes = lexemes }

    /// `12` of `12A`.
    static func number(of position: String) -> Int? {
        Int(position.prefix { $0.isASCII && $0.isNumber })
    }

    /// The vector's text, as PostgreSQL reads it (lexemes in order, quotes and backslashes escaped).
    public var text: String {
        lexemes.sorted { $0.word < $1.word }.map { lexeme in
            let quoted = "'" + lexeme.word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
            return lexeme.positions.isEmpty ? quoted : quoted + ":" + lexeme.positions.joined(separator: ",")
        }.joined(separator: " ")
    }

    /// One word at one position.
    public struct Occurrence: Sendable {
        public var lexeme: Int
        public var position: String?
        /// Its place in ``words``' text, in UTF-16 units.
        public var start: Int, end: Int
    }

    /// The words in the order of their positions (those without a position after, in order), joined
    /// by spaces, with where each occurrence lies in that text.
    public var words: (text: String, occurrences: [Occurrence]) {
        var placed: [(order: Int, lexeme: Int, position: String?)] = []
        for (i, lexeme) in lexemes.enumerated() {
            if lexeme.positions.isEmpty { placed.append((Int.max, i, nil)) }
            for position in lexeme.positions { placed.append((Self.number(of: position) ?? Int.max, i, position)) }
        }
        placed.sort { ($0.order, $0.lexeme) < ($1.order, $1.lexeme) }
        var text = "", occurrences: [Occurrence] = []
        var offset = 0
        for item in placed {
            if !text.isEmpty { text += " "; offset += 1 }
            let word = lexemes[item.lexeme].word
            let length = word.utf16.count
            occurrences.append(Occurrence(lexeme: item.lexeme, position: item.position, start: offset, end: offset + length))
            text += word
            offset += length
        }
        return (text, occurrences)
    }

    /// The vector with the occurrences inside each span of `spans` (over ``words``' text) replaced by
    /// the words of `replacement(span, original)`, lower-cased, at the same positions: the first
    /// word at the first position, and so on; a word too many joins the last position, a position
    /// too many is left out — no word of the entity stays.
    public func redacted(_ spans: [EntitySpan], _ replacement: (EntitySpan, String) -> String) -> TextSearchVector {
        let (text, occurrences) = words
        let units = Array(text.utf16)
        var removed = Set<Int>()
        var added: [(word: String, position: String?)] = []
        for span in spans {
            let inside = occurrences.indices.filter { occurrences[$0].start < span.end && occurrences[$0].end > span.start }
            guard !inside.isEmpty else { continue }
            let original = String(decoding: units[occurrences[inside.first!].start..<occurrences[inside.last!].end], as: UTF16.self)
            let replacementWords = replacement(span, original).lowercased()
                .split(whereSeparator: { $0.isWhitespace }).map { $0.trimmingCharacters(in: .punctuationCharacters) }.filter { !$0.isEmpty }
            removed.formUnion(inside)
            for (k, word) in replacementWords.enumerated() {
                added.append((word, occurrences[inside[min(k, inside.count - 1)]].position))
            }
        }
        guard !removed.isEmpty else { return self }
        var kept: [String: [String]] = [:]
        var withoutPosition: Set<String> = []
        func add(_ word: String, _ position: String?) {
            if let position { kept[word, default: []].append(position) } else { withoutPosition.insert(word) }
        }
        for (i, occurrence) in occurrences.enumerated() where !removed.contains(i) {
            add(lexemes[occurrence.lexeme].word, occurrence.position)
        }
        for (word, position) in added { add(word, position) }
        var result = kept.map { word, positions in
            Lexeme(word: word, positions: Array(Set(positions)).sorted { (Self.number(of: $0) ?? 0, $0) < (Self.number(of: $1) ?? 0, $1) })
        }
        for word in withoutPosition where kept[word] == nil { result.append(Lexeme(word: word, positions: [])) }
        return TextSearchVector(lexemes: result.sorted { $0.word < $1.word })
    }
}

/// A document read as the text a person reads in it, apart from its syntax — an XML value's text,
/// attribute values, comments and CDATA sections (``init(xml:)``), a JSON document's string values
/// (``init(json:)``) — and written back with entities replaced inside those parts only, each
/// replacement escaped for where it goes: the document stays well-formed, element names and keys
/// are no names, and every other byte stays as it was.
public struct TextParts {
    /// Where a part of the text sits, which says how a replacement is escaped there.
    enum Context {
        /// XML text or an attribute's value (escaped alike: markup characters and both quotes).
        case text
        case comment
        case cdata
        case jsonString
    }

    struct Part {
        /// UTF-16 offsets in the value as written.
        var start: Int, end: Int
        var context: Context
        /// Its offset in ``words``, and where it ends there.
        var wordsStart: Int
        /// A JSON member's key, where the part is its value: written before it in ``words`` as the
        /// document has it (`"first": "Dmitri"`), so that the recogniser reads what the value is;
        /// the key itself is never replaced.
        var key: Range<Int>? = nil
        var wordsEnd: Int { wordsStart + end - start }
    }

    let units: [UInt16]
    let parts: [Part]
    /// The parts' text as written (escapes and all: the recogniser reads them as their characters),
    /// one after another: a space between two parts where the syntax between them sits beside a
    /// space (`call <b>Maria</b> today`: inline markup), a line break otherwise (`<given>Maria</given>
    /// <family>Schmidt</family>`, `{"first": "Maria", "last": "Schmidt"}`: one field to a part).
    public let words: String

    /// Parts of whitespace alone are no words (the indentation of a pretty-printed document).
    private init(_ units: [UInt16], _ found: [Part]) {
        var parts = found.filter { part in units[part.start..<part.end].contains(where: { !Self.isSpace($0) }) }
        var words: [UInt16] = []
        words.reserveCapacity(units.count)
        for k in parts.indices {
            if k > 0 {
                let inline = Self.isSpace(units[parts[k - 1].end - 1]) && units[parts[k - 1].end - 1] != 0x0A
                    || Self.isSpace(units[parts[k].start]) && units[parts[k].start] != 0x0A
                words.append(inline ? 0x20 : 0x0A)
            }
            if let key = parts[k].key { words.append(contentsOf: [0x22] + units[key] + [0x22, 0x3A, 0x20, 0x22]) }
            parts[k].wordsStart = words.count
            words.append(contentsOf: units[parts[k].start..<parts[k].end])
            if parts[k].key != nil { words.append(0x22) }
        }
        self.units = units
        self.parts = parts
        self.words = String(decoding: words, as: UTF16.self)
    }

    /// An XML value (PostgreSQL's `xml`: SOAP payloads, HL7 documents, exported forms), read
    /// leniently, as a column of another database may hold anything: a `<` that opens no tag, or a
    /// tag that never closes, is text.
    public init(xml written: String) {
        let units = Array(written.utf16)
        var parts: [Part] = []
        func add(_ start: Int, _ end: Int, _ context: Context) {
            parts.append(Part(start: start, end: end, context: context, wordsStart: 0))
        }
        var i = 0, textStart = 0
        func closeText(at end: Int) { if textStart < end { add(textStart, end, .text) } }
        while i < units.count {
            guard units[i] == 0x3C /* < */ else { i += 1; continue }
            if Self.matches(units, i, "<!--") {
                closeText(at: i)
                let end = Self.find(units, "-->", from: i + 4) ?? units.count
                add(i + 4, end, .comment)
                i = min(units.count, end + 3)
                textStart = i
            } else if Self.matches(units, i, "<![CDATA[") {
                closeText(at: i)
                let end = Self.find(units, "]]>", from: i + 9) ?? units.count
                add(i + 9, end, .cdata)
                i = min(units.count, end + 3)
                textStart = i
            } else if Self.matches(units, i, "<?") || Self.matches(units, i, "<!") {
                // A processing instruction, a declaration or a DOCTYPE (its internal subset in brackets): markup.
                guard let end = Self.declarationEnd(units, from: i + 2) else { i += 1; continue }
                closeText(at: i)
                i = end + 1
                textStart = i
            } else if i + 1 < units.count, Self.opensTag(units[i + 1]) {
                // A tag: its attribute values are parts; a tag that never closes is text.
                var j = i + 1
                var values: [(Int, Int)] = []
                var closed = false
                while j < units.count {
                    let u = units[j]
                    if u == 0x3E /* > */ { closed = true; break }
                    if u == 0x3C { break }
                    if u == 0x22 || u == 0x27 {
                        guard let close = units[(j + 1)...].firstIndex(of: u) else { break }
                        values.append((j + 1, close))
                        j = close + 1
                        continue
                    }
                    j += 1
                }
                guard closed else { i += 1; continue }
                closeText(at: i)
                for (start, end) in values where start < end { add(start, end, .text) }
                i = j + 1
                textStart = i
            } else {
                i += 1
            }
        }
        closeText(at: units.count)
        self.init(units, parts)
    }

    /// A JSON document's string values (not its keys), each a part of its own; nil when the text is
    /// not JSON (a column that holds JSON in some rows and prose in others is read as prose there).
    public init?(json written: String) {
        guard (try? JSONValue.parse(written)) != nil else { return nil }
        let units = Array(written.utf16)
        var parts: [Part] = []
        var i = 0
        // The key just read, while only spaces and its colon follow it.
        var key: Range<Int>? = nil
        while i < units.count {
            guard units[i] == 0x22 else {
                if !Self.isSpace(units[i]) && units[i] != 0x3A { key = nil }
                i += 1
                continue
            }
            // A string: to its closing quote, past escaped characters.
            var j = i + 1
            while j < units.count, units[j] != 0x22 { j += units[j] == 0x5C ? 2 : 1 }
            // A key is followed by a colon.
            var k = j + 1
            while k < units.count, Self.isSpace(units[k]) { k += 1 }
            if k >= units.count || units[k] != 0x3A {
                var part = Part(start: i + 1, end: j, context: .jsonString, wordsStart: 0)
                part.key = key
                parts.append(part)
                key = nil
            } else {
                key = (i + 1)..<min(j, units.count)
            }
            i = j + 1
        }
        self.init(units, parts)
    }

    /// The value with each span of `spans` (over ``words``) replaced by `replacement(span, original)`,
    /// escaped for its part. A span over two parts (an address whose city is the next element) is
    /// replaced part by part, each piece by a replacement of its own.
    public func redacted(_ spans: [EntitySpan], _ replacement: (EntitySpan, String) throws -> String) rethrows -> String {
        var pieces: [(start: Int, end: Int, text: String)] = []
        var k = 0
        for span in spans {
            while k < parts.count, parts[k].wordsEnd <= span.start { k += 1 }
            var p = k
            while p < parts.count, parts[p].wordsStart < span.end {
                let part = parts[p]
                var from = max(span.start, part.wordsStart) - part.wordsStart + part.start
                var to = min(span.end, part.wordsEnd) - part.wordsStart + part.start
                (from, to) = snapped(from, to, in: part)
                if from < to {
                    var piece = span
                    (piece.start, piece.end) = (from, to)
                    let original = String(decoding: units[from..<to], as: UTF16.self)
                    pieces.append((from, to, Self.escaped(try replacement(piece, original), for: part.context, atEnd: to == part.end)))
                }
                p += 1
            }
        }
        guard !pieces.isEmpty else { return String(decoding: units, as: UTF16.self) }
        var out: [UInt16] = []
        out.reserveCapacity(units.count + 16 * pieces.count)
        var cursor = 0
        for piece in pieces where piece.start >= cursor {
            out.append(contentsOf: units[cursor..<piece.start])
            out.append(contentsOf: piece.text.utf16)
            cursor = piece.end
        }
        out.append(contentsOf: units[cursor...])
        return String(decoding: out, as: UTF16.self)
    }

    /// `from..<to` widened so that it splits no escape of `part` (`\"`, `\u00e9`, `&amp;`): a
    /// replacement of half an escape would leave the other half to end the string or open markup.
    func snapped(_ from: Int, _ to: Int, in part: Part) -> (Int, Int) {
        var from = from, to = to
        var i = part.start
        while i < part.end, i < to {
            guard let end = escapeEnd(at: i, in: part) else { i += 1; continue }
            if from > i && from < end { from = i }
            if to > i && to < end { to = end }
            i = end
        }
        return (from, to)
    }

    /// The end of the escape that starts at `i`, if one does: JSON's `\x` and `\uXXXX`, XML's
    /// `&name;` and `&#NNN;`.
    func escapeEnd(at i: Int, in part: Part) -> Int? {
        switch part.context {
        case .jsonString:
            guard units[i] == 0x5C, i + 1 < part.end else { return nil }
            return units[i + 1] == 0x75 ? min(part.end, i + 6) : i + 2
        case .text:
            guard units[i] == 0x26 else { return nil }
            var j = i + 1
            while j < part.end, j - i <= 32, units[j] != 0x3B, units[j] != 0x26, !Self.isSpace(units[j]) { j += 1 }
            return j < part.end && units[j] == 0x3B ? j + 1 : nil
        case .comment, .cdata:
            return nil
        }
    }

    /// `text` as it may stand in `context`: markup characters and quotes as entities in text and
    /// attribute values, no `--` in a comment nor a `-` at its end, no `]]>`
    /// inside CDATA (the section is closed and reopened around it); in a JSON string, quotes,
    /// backslashes and control characters escaped.
    static func escaped(_ text: String, for context: Context, atEnd: Bool) -> String {
        switch context {
        case .jsonString:
            var out = ""
            JSONValue.quote(text, into: &out)
            return String(out.dropFirst().dropLast())
        case .text:
            // Both quotes too, whichever an attribute uses: valid in text as in attributes.
            return HTML.escape(text)
        case .comment:
            var out = text
            while out.contains("--") { out = out.replacingOccurrences(of: "--", with: "- -") }
            if atEnd, out.hasSuffix("-") { out += " " }
            return out
        case .cdata:
            return text.replacingOccurrences(of: "]]>", with: "]]]]><![CDATA[>")
        }
    }

    static func isSpace(_ u: UInt16) -> Bool { u == 0x20 || u == 0x09 || u == 0x0A || u == 0x0D }

    /// A letter, `_`, `:` or `/` (a closing tag), or any character past ASCII: a tag's first character.
    static func opensTag(_ u: UInt16) -> Bool {
        (0x41...0x5A).contains(u) || (0x61...0x7A).contains(u) || u == 0x5F || u == 0x3A || u == 0x2F || u >= 0x80
    }

    static func matches(_ units: [UInt16], _ at: Int, _ literal: String) -> Bool {
        let pattern = Array(literal.utf16)
        return at + pattern.count <= units.count && units[at..<(at + pattern.count)].elementsEqual(pattern)
    }

    static func find(_ units: [UInt16], _ literal: String, from: Int) -> Int? {
        var i = from
        while i < units.count {
            if matches(units, i, literal) { return i }
            i += 1
        }
        return nil
    }

    /// The `>` that ends a declaration or processing instruction begun before `from`, past quoted
    /// strings and a DOCTYPE's bracketed internal subset; nil when none does.
    static func declarationEnd(_ units: [UInt16], from: Int) -> Int? {
        var i = from, depth = 0
        var quote: UInt16? = nil
        while i < units.count {
            let u = units[i]
            if let q = quote {
                if u == q { quote = nil }
            } else if u == 0x22 || u == 0x27 {
                quote = u
            } else if u == 0x5B {
                depth += 1
            } else if u == 0x5D {
                depth = max(0, depth - 1)
            } else if u == 0x3E, depth == 0 {
                return i
            }
            i += 1
        }
        return nil
    }
}

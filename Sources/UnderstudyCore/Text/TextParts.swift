/// A document read as the text a person reads in it, apart from its syntax — an XML value's text,
/// attribute values, comments and CDATA sections (``init(xml:)``), HTML's text and the attribute
/// values a person reads (``init(html:)``), RTF's text (``init(rtf:)``), an email message's headers and
/// bodies, decoded (``init(mime:)``), a JSON document's string values (``init(json:)``) — and written back with entities replaced inside those parts only, each
/// replacement escaped for where it goes: the document stays well-formed, element names and keys
/// are no names, and every other byte stays as it was.
public struct TextParts {
    /// Where a part of the text sits, which says how a replacement is escaped there.
    enum Context {
        /// XML text or an attribute's value (escaped alike: markup characters and both quotes).
        case text
        /// An HTML attribute's value written without quotes, which a space or a quote would end.
        case unquotedAttribute
        /// A script's text, which no entity is read in and `</` ends.
        case rawText
        /// RTF's text: backslashes and braces escaped, letters beyond ASCII as `\uN?`.
        case rtf
        case comment
        case cdata
        case jsonString
        /// Text that needs no escape (a mail's plain body, decoded).
        case plain
        /// A mail header's text: one line, ASCII (a replacement's accents dropped, a letter beyond
        /// Latin as an encoded word), no quote to close a display name's.
        case header
    }

    /// A part written in an encoding of its own — a mail body in base64 or quoted-printable, a
    /// header's encoded words, an HTML body — read through ``inner`` and, where a replacement falls
    /// in it, written back whole through ``encode``; or an attachment, written as ``standIn``
    /// whatever the spans.
    final class Nested {
        let inner: TextParts?
        let encode: (String) -> String
        let standIn: String?
        /// The length of ``inner``'s words.
        let count: Int
        init(_ inner: TextParts, encode: @escaping (String) -> String) {
            self.inner = inner
            self.encode = encode
            standIn = nil
            count = inner.words.utf16.count
        }
        init(standIn: String) {
            inner = nil
            encode = { $0 }
            self.standIn = standIn
            count = 0
        }
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
        /// What stands before it in ``words`` where the syntax says (HTML: nothing for inline
        /// markup, a tab between a table's cells, a line break for a block); nil: by the spaces
        /// beside it.
        var separator: [UInt16]? = nil
        /// The character an escape of a format without entities stands for (RTF's `\'e9`,
        /// `\u1052?`): read as it, and replaced whole or not at all.
        var decoded: [UInt16]? = nil
        /// RTF: text right after a control word ended by a digit or a symbol, not a space, which a
        /// replacement beginning with a letter or a digit would run into (`\b0Mary`).
        var afterControlWord = false
        /// RTF: how many fallback characters follow a `\u` escape here (`\ucN`, 1 by default), which
        /// a replacement's own `\uN` escapes write.
        var fallback = 1
        var nested: Nested? = nil
        var wordsEnd: Int { wordsStart + (nested?.count ?? decoded?.count ?? end - start) }
    }

    let units: [UInt16]
    let parts: [Part]
    /// The parts' text as written (escapes and all: the recogniser reads them as their characters),
    /// one after another: a space between two parts where the syntax between them sits beside a
    /// space (`call <b>Maria</b> today`: inline markup), a line break otherwise (`<given>Maria</given>
    /// <family>Schmidt</family>`, `{"first": "Maria", "last": "Schmidt"}`: one field to a part).
    public let words: String
    /// Whether parts are written whatever the spans (a mail's attachments, as stand-ins).
    public let hasStandIns: Bool

    /// Parts of whitespace alone are no words (the indentation of a pretty-printed document).
    init(_ units: [UInt16], _ found: [Part]) {
        // (RTF's spaces are text: a run of them stands between the words written as escapes.)
        var parts = found.filter { part in
            part.decoded != nil || part.nested != nil || part.context == .rtf || units[part.start..<part.end].contains(where: { !Self.isSpace($0) })
        }
        var words: [UInt16] = []
        words.reserveCapacity(units.count)
        for k in parts.indices {
            if k > 0, let separator = parts[k].separator {
                words.append(contentsOf: separator)
            } else if k > 0 {
                let inline = Self.isSpace(units[parts[k - 1].end - 1]) && units[parts[k - 1].end - 1] != 0x0A
                    || Self.isSpace(units[parts[k].start]) && units[parts[k].start] != 0x0A
                words.append(inline ? 0x20 : 0x0A)
            }
            if let key = parts[k].key { words.append(contentsOf: [0x22] + units[key] + [0x22, 0x3A, 0x20, 0x22]) }
            parts[k].wordsStart = words.count
            if let nested = parts[k].nested {
                if let inner = nested.inner { words.append(contentsOf: inner.words.utf16) }
            } else if let decoded = parts[k].decoded {
                words.append(contentsOf: decoded)
            } else {
                words.append(contentsOf: units[parts[k].start..<parts[k].end])
            }
            if parts[k].key != nil { words.append(0x22) }
        }
        self.units = units
        self.parts = parts
        self.words = String(decoding: words, as: UTF16.self)
        hasStandIns = parts.contains { $0.nested?.standIn != nil || $0.nested?.inner?.hasStandIns == true }
    }

    /// Text read as it is, one part.
    init(plain text: String) {
        let units = Array(text.utf16)
        self.init(units, [Part(start: 0, end: units.count, context: .plain, wordsStart: 0)])
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

    /// HTML in a column of text (a rich-text editor's, an email's body, a CMS page): its text, and
    /// the values of the attributes a person reads or that carry data (`alt`, `title`, `value`,
    /// `href`'s `mailto:`, `data-*`), read as the page shows them — an inline tag as nothing (`Dear
    /// <b>Mary</b> Johnson` is one name), a table's cells apart by a tab, a block's tags as line
    /// breaks, the attributes' values after the text, a line each; a style sheet, event handlers and the attributes that only
    /// lay out or name the markup (`class`, `style`, `id`, `width`) are no text (`font-family:
    /// Georgia` was a person). Only the tags of HTML's elements are markup (a custom element's, with
    /// a hyphen, and an Office namespace's, `<o:p>`, too): `<mary@acme.com>` and `a < b` stay text.
    /// Nil when the text holds no such tag: it is prose.
    public init?(html written: String) {
        guard written.utf8.contains(0x3C) else { return nil }
        let units = Array(written.utf16)
        var parts: [Part] = []
        // What the markup since the last part read says stands before the next: 0 nothing, 1 a
        // space (text of spaces only), 2 a cell's tab, 3 a line break.
        var pending = 0
        func add(_ start: Int, _ end: Int, _ context: Context, alone: Bool = false) {
            guard start < end else { return }
            if context == .text, units[start..<end].allSatisfy(Self.isSpace) {
                pending = max(pending, 1)
                return
            }
            let gap = alone ? 3 : pending
            let separator: [UInt16] = gap == 3 ? [0x0A] : gap == 2 ? [0x09] : gap == 1 ? [0x20] : []
            parts.append(Part(start: start, end: end, context: context, wordsStart: 0, separator: separator))
            pending = alone ? 3 : 0
        }
        var attributes: [Part] = []
        var sawTag = false
        var i = 0, textStart = 0
        while i < units.count {
            guard units[i] == 0x3C /* < */ else { i += 1; continue }
            if Self.matches(units, i, "<!--") {
                add(textStart, i, .text)
                let end = Self.find(units, "-->", from: i + 4) ?? units.count
                add(i + 4, end, .comment, alone: true)
                i = min(units.count, end + 3)
                textStart = i
                continue
            }
            if Self.matches(units, i, "<!") || Self.matches(units, i, "<?"), let end = Self.declarationEnd(units, from: i + 2) {
                add(textStart, i, .text)
                pending = 3
                i = end + 1
                textStart = i
                continue
            }
            guard let tag = HTMLTag(units, at: i) else { i += 1; continue }
            sawTag = true
            add(textStart, i, .text)
            pending = max(pending, tag.gap)
            // (Read after the text, each a line: between words, `Mary <a href="/x">Johnson</a>` was no name.)
            for value in tag.values where value.range.lowerBound < value.range.upperBound {
                attributes.append(Part(start: value.range.lowerBound, end: value.range.upperBound, context: value.quoted ? .text : .unquotedAttribute, wordsStart: 0, separator: [0x0A]))
            }
            i = tag.end
            // A style sheet is no text; a script's and a text area's are read to their end tag.
            if !tag.closing, let raw = HTMLTag.rawText[tag.name] {
                var close = i
                while close < units.count, !(units[close] == 0x3C && close + 1 < units.count && units[close + 1] == 0x2F
                        && Self.matchesFolded(units, close + 2, tag.name)) { close += 1 }
                if let context = raw { add(i, close, context, alone: true) }
                i = close
            }
            textStart = i
        }
        add(textStart, units.count, .text)
        guard sawTag else { return nil }
        self.init(units, parts + attributes)
    }

    /// A column of text's value read apart from its markup: RTF where it begins `{\rtf`, an email
    /// message where it begins with a message's headers (``init(mime:)``), HTML where it holds
    /// HTML's tags; nil for prose (what `text.redact`, the scanner and `redact` read alike).
    public init?(markup written: String) {
        guard let parts = TextParts(rtf: written) ?? TextParts(mime: written) ?? TextParts(html: written) else { return nil }
        self = parts
    }

    /// RTF (a clinical note or a letter as a word processor saves it into a column): its text as
    /// the document shows it — a control word as nothing (`\b`, `\f0`), a paragraph's or a line's as
    /// a line break, a cell's or a tab's as a tab, line breaks of the file as nothing (writers wrap
    /// lines inside words), `\'e9` (a byte of the document's Windows code page), `\u1052?` and
    /// `\\`, `\{`, `\}` as the characters they stand for; the font, colour and style tables and
    /// pictures are no text, the document's information (`{\info{\author …}}`), headers and
    /// fields are. Nil unless the text begins with `{\rtf`.
    public init?(rtf written: String) {
        guard written.utf8.starts(with: "{\\rtf".utf8) else { return nil }
        let units = Array(written.utf16)
        var parts: [Part] = []
        var pending = 0
        var afterControlWord = false
        var encoding = String.Encoding.windowsCP1252
        // How many characters follow a `\u` escape as its fallback (`\ucN`, 1 by default).
        var fallback = 1
        func add(_ part: Part) {
            var part = part
            part.separator = pending == 3 ? [0x0A] : pending == 2 ? [0x09] : []
            part.afterControlWord = afterControlWord
            part.fallback = fallback
            parts.append(part)
            pending = 0
            afterControlWord = false
        }
        let isLetter = HTMLTag.isLetter
        func isDigit(_ u: UInt16) -> Bool { (0x30...0x39).contains(u) }
        // For each group open, whether it is a destination of its own (`{\info`, `{\author`,
        // `{\*\fldinst`): its text is apart from the text around it.
        var groups: [Bool] = []
        var i = 0
        while i < units.count {
            let u = units[i]
            if u == 0x7B /* { */ {
                // A table or a picture: skipped to its closing brace; another destination (`{\info`,
                // `{\*\fldinst`): read apart from the text around it.
                var j = i + 1
                while j < units.count, units[j] == 0x20 || units[j] == 0x0D || units[j] == 0x0A { j += 1 }
                // (`{\*\themedata …}`: an ignorable destination's word after `\*`.)
                let ignorable = j + 2 < units.count && units[j] == 0x5C && units[j + 1] == 0x2A && units[j + 2] == 0x5C
                if ignorable { j += 2 }
                var word = ""
                if j + 1 < units.count, units[j] == 0x5C {
                    var e = j + 1
                    while e < units.count, isLetter(units[e]) { e += 1 }
                    word = String(decoding: units[(j + 1)..<e], as: UTF16.self)
                }
                if Self.rtfTables.contains(word) {
                    var depth = 0
                    while i < units.count {
                        if units[i] == 0x5C { i += 2; continue }
                        if units[i] == 0x7B { depth += 1 } else if units[i] == 0x7D { depth -= 1; if depth == 0 { break } }
                        i += 1
                    }
                    i += 1
                    continue
                }
                let destination = ignorable || Self.rtfDestinations.contains(word)
                groups.append(destination)
                if destination { pending = 3 }
                i += 1
                continue
            }
            if u == 0x7D {
                if groups.popLast() == true { pending = 3 }
                i += 1
                continue
            }
            if u == 0x0D || u == 0x0A { i += 1; continue }
            if u == 0x5C /* \ */, i + 1 < units.count {
                let next = units[i + 1]
                if isLetter(next) {
                    var e = i + 1
                    while e < units.count, isLetter(units[e]) { e += 1 }
                    let word = String(decoding: units[(i + 1)..<e], as: UTF16.self)
                    var p = e
                    if p < units.count, units[p] == 0x2D { p += 1 }
                    while p < units.count, isDigit(units[p]) { p += 1 }
                    let parameter = Int(String(decoding: units[e..<p], as: UTF16.self))
                    let spaced = p < units.count && units[p] == 0x20
                    let end = spaced ? p + 1 : p
                    if word == "u", let parameter {
                        // A character by its UTF-16 unit (negative above 0x7FFF), then its fallback.
                        var j = end
                        for _ in 0..<fallback where j < units.count {
                            if units[j] == 0x5C, j + 3 < units.count, units[j + 1] == 0x27 { j += 4 } else if units[j] != 0x7B && units[j] != 0x7D { j += 1 }
                        }
                        add(Part(start: i, end: j, context: .rtf, wordsStart: 0, decoded: [UInt16(truncatingIfNeeded: parameter)]))
                        i = j
                        continue
                    }
                    switch word {
                    case "par", "line", "sect", "page", "row": pending = 3
                    case "cell", "tab": pending = max(pending, 2)
                    // (At most 16: `\uc2000000000` was two billion rounds of a loop past the text's end.)
                    case "uc": fallback = min(16, max(0, parameter ?? 1))
                    case "ansicpg":
                        switch parameter {
                        case 1250: encoding = .windowsCP1250
                        case 1251: encoding = .windowsCP1251
                        case 1253: encoding = .windowsCP1253
                        case 1254: encoding = .windowsCP1254
                        default: encoding = .windowsCP1252
                        }
                    default: break
                    }
                    afterControlWord = !spaced
                    i = end
                    continue
                }
                if next == 0x27, i + 3 < units.count, let byte = EscapedText.hex(units[(i + 2)...(i + 3)]) {
                    let character = String(bytes: [UInt8(byte)], encoding: encoding) ?? "?"
                    add(Part(start: i, end: i + 4, context: .rtf, wordsStart: 0, decoded: Array(character.utf16)))
                    i += 4
                    continue
                }
                if next == 0x5C || next == 0x7B || next == 0x7D {
                    add(Part(start: i, end: i + 2, context: .rtf, wordsStart: 0, decoded: [next]))
                    i += 2
                    continue
                }
                if next == 0x7E /* ~ */ || next == 0x5F /* _ */ {
                    add(Part(start: i, end: i + 2, context: .rtf, wordsStart: 0, decoded: [next == 0x7E ? 0x20 : 0x2D]))
                    i += 2
                    continue
                }
                // `\-`, `\*`, `\:` and the rest: no text.
                i += 2
                afterControlWord = false
                continue
            }
            // A run of text, to the next backslash, brace or line break of the file. (A backslash
            // that ends the text is text: no run stopped before it forever.)
            var j = i + 1
            while j < units.count, units[j] != 0x5C, units[j] != 0x7B, units[j] != 0x7D, units[j] != 0x0D, units[j] != 0x0A { j += 1 }
            add(Part(start: i, end: j, context: .rtf, wordsStart: 0))
            i = j
        }
        self.init(units, parts)
    }

    /// RTF's destinations whose text stands apart from the text around them.
    static let rtfDestinations: Set<String> = [
        "info", "author", "operator", "title", "subject", "keywords", "comment", "doccomm", "company", "manager", "category", "header", "footer",
        "headerl", "headerr", "headerf", "footerl", "footerr", "footerf", "footnote", "annotation", "atnauthor", "atnid", "fldinst",
    ]

    /// RTF's destinations that hold no text a person wrote: tables of fonts, colours and styles,
    /// pictures and embedded objects (hex digits a replacement would break), a writer's own data.
    /// (Headers, footers, fields and comments are read: a letterhead or a link names people.)
    static let rtfTables: Set<String> = [
        "fonttbl", "colortbl", "stylesheet", "pict", "object", "objdata", "listtable", "listoverridetable", "rsidtbl", "themedata",
        "colorschememapping", "datastore", "latentstyles", "xmlnstbl", "generator", "mmathPr", "filetbl", "blipuid", "panose", "expandedcolortbl",
    ]

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
    /// escaped for its part. A span over two parts or more (a name across an inline tag, `Dear
    /// <b>Mary</b> Johnson`; an address whose city is the next element) is replaced around the
    /// markup between them: the span's replacement, asked for the whole as read, is shared out word
    /// by word as the original's words stood (`<b>Ana</b> Lima`), the spaces and commas at a
    /// piece's ends kept; where it has fewer words than pieces (a tag, a mask), each piece gets a
    /// replacement of its own, as do the pieces its words do not reach.
    public func redacted(_ spans: [EntitySpan], _ replacement: (EntitySpan, String) throws -> String) rethrows -> String {
        var pieces: [(start: Int, end: Int, text: String)] = []
        // Parts in an encoding of their own: the spans inside each redacted in its text, the whole
        // written back in its encoding (a span across two is cut at their edge); stand-ins always.
        for part in parts {
            guard let nested = part.nested else { continue }
            if let standIn = nested.standIn {
                pieces.append((part.start, part.end, standIn))
                continue
            }
            guard let inner = nested.inner else { continue }
            // (The spans are in order: the first that ends inside the part found by halving, so a
            // message of many parts is read in time linear in its parts and spans.)
            var low = 0, high = spans.count
            while low < high { let mid = (low + high) / 2; if spans[mid].end <= part.wordsStart { low = mid + 1 } else { high = mid } }
            var inside: [EntitySpan] = []
            while low < spans.count, spans[low].start < part.wordsEnd {
                var span = spans[low]
                low += 1
                let from = max(span.start, part.wordsStart), to = min(span.end, part.wordsEnd)
                guard from < to else { continue }
                (span.start, span.end) = (from - part.wordsStart, to - part.wordsStart)
                inside.append(span)
            }
            guard !inside.isEmpty || inner.hasStandIns else { continue }
            let text = try inner.redacted(inside) { span, original in
                var span = span
                (span.start, span.end) = (span.start + part.wordsStart, span.end + part.wordsStart)
                return try replacement(span, original)
            }
            pieces.append((part.start, part.end, nested.encode(text)))
        }
        let read = Array(words.utf16)
        var k = 0
        for span in spans {
            while k < parts.count, parts[k].wordsEnd <= span.start { k += 1 }
            // Each piece: where it is written and where it is read in the words.
            var found: [Piece] = []
            var p = k
            while p < parts.count, parts[p].wordsStart < span.end {
                let part = parts[p]
                p += 1
                if part.nested != nil { continue }
                if part.decoded != nil {
                    found.append(Piece(from: part.start, to: part.end, wordsFrom: part.wordsStart, wordsTo: part.wordsEnd, part: part, atEnd: true))
                    continue
                }
                var from = max(span.start, part.wordsStart) - part.wordsStart + part.start
                var to = min(span.end, part.wordsEnd) - part.wordsStart + part.start
                (from, to) = snapped(from, to, in: part)
                if from < to {
                    found.append(Piece(from: from, to: to, wordsFrom: from - part.start + part.wordsStart, wordsTo: to - part.start + part.wordsStart, part: part, atEnd: to == part.end))
                }
            }
            // Pieces written one after the other are one (RTF's `Ren\'e9e`: a run, an escape, a run).
            var merged: [Piece] = []
            for piece in found {
                if let last = merged.last, last.to == piece.from, last.wordsTo == piece.wordsFrom, last.part.context == piece.part.context {
                    merged[merged.count - 1].to = piece.to
                    merged[merged.count - 1].wordsTo = piece.wordsTo
                    merged[merged.count - 1].atEnd = piece.atEnd
                } else {
                    merged.append(piece)
                }
            }
            found = merged
            if found.count > 1 {
                // The spaces and separating marks at a piece's ends are the text's, not the entity's.
                found = found.compactMap { piece in
                    var piece = piece
                    while piece.from < piece.to, Self.isSpace(units[piece.from]) || Self.isSeparatingMark(units[piece.from]) { piece.from += 1; piece.wordsFrom += 1 }
                    while piece.to > piece.from, Self.isSpace(units[piece.to - 1]) || Self.isSeparatingMark(units[piece.to - 1]) { piece.to -= 1; piece.wordsTo -= 1; piece.atEnd = false }
                    return piece.from < piece.to ? piece : nil
                }
            }
            func original(_ piece: Piece) -> String { String(decoding: read[piece.wordsFrom..<piece.wordsTo], as: UTF16.self) }
            func escaped(_ text: String, _ piece: Piece) -> String {
                let text = Self.escaped(text, for: piece.part.context, atEnd: piece.atEnd, fallback: piece.part.fallback)
                return piece.part.afterControlWord && piece.from == piece.part.start ? " " + text : text
            }
            var own = found[...]
            if found.count > 1 {
                let whole = String(decoding: read[span.start..<span.end], as: UTF16.self)
                let shared = try replacement(span, whole).split(whereSeparator: \.isWhitespace)
                if shared.count >= found.count {
                    // Each piece as many words as it had, the last the rest; pieces the words did
                    // not reach (an address's fake shorter than the address) get their own.
                    var next = 0
                    for (index, f) in found.enumerated() where next < shared.count {
                        let last = index == found.count - 1
                        let count = last ? shared.count - next : min(original(f).split(whereSeparator: \.isWhitespace).count, shared.count - next)
                        var text = shared[next..<(next + count)].joined(separator: " ")
                        next += count
                        // A comma the fake's words carry where the source's piece ends the entity's part.
                        if !last, let end = text.last, end == "," || end == ";" { text.removeLast() }
                        pieces.append((f.from, f.to, escaped(text, f)))
                        own = found[(index + 1)...]
                    }
                }
            }
            for f in own {
                var piece = span
                (piece.start, piece.end) = (f.from, f.to)
                pieces.append((f.from, f.to, escaped(try replacement(piece, original(f)), f)))
            }
        }
        guard !pieces.isEmpty else { return String(decoding: units, as: UTF16.self) }
        var out: [UInt16] = []
        out.reserveCapacity(units.count + 16 * pieces.count)
        var cursor = 0
        // (In the value's order: HTML's attributes are read after its text.)
        for piece in pieces.sorted(by: { $0.start < $1.start }) where piece.start >= cursor {
            out.append(contentsOf: units[cursor..<piece.start])
            out.append(contentsOf: piece.text.utf16)
            cursor = piece.end
        }
        out.append(contentsOf: units[cursor...])
        return String(decoding: out, as: UTF16.self)
    }

    /// `span` (over ``words``) as a span of the value as written: from where its first part's text
    /// starts to where its last one's ends, over the markup between; nil where it covers no part's
    /// text (a JSON key read before its value).
    public func written(_ span: EntitySpan) -> EntitySpan? {
        guard let first = parts.firstIndex(where: { $0.wordsEnd > span.start && $0.wordsStart < span.end }),
              let last = parts.lastIndex(where: { $0.wordsStart < span.end && $0.wordsEnd > span.start }) else { return nil }
        var out = span
        out.start = parts[first].decoded != nil || parts[first].nested != nil ? parts[first].start : max(span.start, parts[first].wordsStart) - parts[first].wordsStart + parts[first].start
        out.end = parts[last].decoded != nil || parts[last].nested != nil ? parts[last].end : min(span.end, parts[last].wordsEnd) - parts[last].wordsStart + parts[last].start
        return out
    }

    /// A span's piece in one part (or in parts written one after another).
    struct Piece {
        var from: Int, to: Int
        var wordsFrom: Int, wordsTo: Int
        let part: Part
        var atEnd: Bool
    }

    static func isSeparatingMark(_ u: UInt16) -> Bool { u == 0x2C || u == 0x3B || u == 0x3A }

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
        case .text, .unquotedAttribute:
            guard units[i] == 0x26 else { return nil }
            var j = i + 1
            while j < part.end, j - i <= 32, units[j] != 0x3B, units[j] != 0x26, !Self.isSpace(units[j]) { j += 1 }
            return j < part.end && units[j] == 0x3B ? j + 1 : nil
        case .comment, .cdata, .rawText, .rtf, .plain, .header:
            return nil
        }
    }

    /// `text` as it may stand in `context`: markup characters and quotes as entities in text and
    /// attribute values, no `--` in a comment nor a `-` at its end, no `]]>`
    /// inside CDATA (the section is closed and reopened around it); in a JSON string, quotes,
    /// backslashes and control characters escaped.
    static func escaped(_ text: String, for context: Context, atEnd: Bool, fallback: Int = 1) -> String {
        switch context {
        case .jsonString:
            var out = ""
            JSONValue.quote(text, into: &out)
            return String(out.dropFirst().dropLast())
        case .text:
            // Both quotes too, whichever an attribute uses: valid in text as in attributes.
            return HTML.escape(text)
        case .unquotedAttribute:
            return HTML.escape(text, unquoted: true)
        case .rawText:
            return text.replacingOccurrences(of: "</", with: "<\\/")
        case .rtf:
            var out = ""
            for u in text.utf16 {
                switch u {
                case 0x5C: out += "\\\\"
                case 0x7B: out += "\\{"
                case 0x7D: out += "\\}"
                case 0x0A: out += "\\par "
                case 0x09: out += "\\tab "
                case 0x20...0x7E: out.unicodeScalars.append(Unicode.Scalar(UInt8(u)))
                // (As many fallback characters as the document's readers skip; none: a space ends the word.)
                default: out += "\\u\(Int16(bitPattern: u))" + (fallback == 0 ? " " : String(repeating: "?", count: fallback))
                }
            }
            return out
        case .comment:
            var out = text
            while out.contains("--") { out = out.replacingOccurrences(of: "--", with: "- -") }
            if atEnd, out.hasSuffix("-") { out += " " }
            return out
        case .cdata:
            return text.replacingOccurrences(of: "]]>", with: "]]]]><![CDATA[>")
        case .plain:
            return text
        case .header:
            return MIME.headerText(text)
        }
    }

    static func isSpace(_ u: UInt16) -> Bool { u == 0x20 || u == 0x09 || u == 0x0A || u == 0x0D }

    /// A letter, `_`, `:` or `/` (a closing tag), or any character past ASCII: a tag's first character.
    static func opensTag(_ u: UInt16) -> Bool {
        (0x41...0x5A).contains(u) || (0x61...0x7A).contains(u) || u == 0x5F || u == 0x3A || u == 0x2F || u >= 0x80
    }

    /// Whether `name` (lower-case ASCII) stands at `at` in any case.
    static func matchesFolded(_ units: [UInt16], _ at: Int, _ name: String) -> Bool {
        let pattern = Array(name.utf16)
        guard at + pattern.count <= units.count else { return false }
        for (k, p) in pattern.enumerated() where units[at + k] | 0x20 != p && units[at + k] != p { return false }
        return true
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

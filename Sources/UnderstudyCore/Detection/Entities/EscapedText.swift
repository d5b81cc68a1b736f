/// Text whose characters are written through escapes or inside markup — JSON kept as text (`Jos\u00e9 Garc\u00eda`,
/// as Python's `json.dumps` writes every non-ASCII letter; line breaks and tabs as `\n`, `\t`), HTML from a rich-text editor
/// (`Hanna&nbsp;Moos`, `Fr&eacute;d&eacute;rique`, `Ren&#233;e`, `Dear <b>Ana Lima</b>`) — read as the characters they
/// stand for, with the way back to the written offsets: a name is found whole, and its span covers
/// the escapes (read as written, the surname after an escape was no word of a name, and stayed).
struct EscapedText {
    /// The text with its escapes decoded (a no-break space read as a space).
    let text: String
    /// For each UTF-16 unit of `text`: where it starts and ends in the text as written.
    private let starts: [Int]
    private let ends: [Int]

    /// Nil when `written` holds no escape: it is read as it is.
    init?(_ written: String) {
        // (Most texts hold neither `\` nor `&`: one pass over their bytes, nothing built.)
        guard written.utf8.contains(where: { $0 == 0x5C || $0 == 0x26 || $0 == 0x3C || $0 == 0x25 }) else { return nil }
        let units = Array(written.utf16)
        var decoded: [UInt16] = [], starts: [Int] = [], ends: [Int] = []
        decoded.reserveCapacity(units.count)
        var i = 0, escapes = 0
        func emit(_ value: UInt16, from start: Int, to end: Int) {
            decoded.append(value)
            starts.append(start)
            ends.append(end)
        }
        // The `>` closing a tag whose attributes are read as text (`<a href="mailto:…">`).
        var tagClose = -1
        // Inside a URL's query (after its `?`, up to a space), where `+` is a space.
        var query = false
        // Inside a link with its scheme (`https://…`, up to a space, a quote or an angle bracket),
        // whose escapes are left as written: the link is found whole and its fake replaces every
        // value (read as spaces, `+` and `%20` ended the link there, and what followed stayed).
        var link = false
        while i < units.count {
            let u = units[i]
            if u == 0x20 || u == 0x0A || u == 0x09 || u == 0x0D { query = false; link = false }
            if u == 0x22 || u == 0x27 || u == 0x3C || u == 0x3E { link = false }
            if u == 0x3A, i > 0, TextScan.isLetter(units[i - 1]), i + 2 < units.count, units[i + 1] == 0x2F, units[i + 2] == 0x2F { link = true }
            if u == 0x3F, i > 0, units[i - 1] > 0x20 { query = true }
            if u == 0x25, !link, let (pieces, end) = Self.percentEncoded(units, at: i) {
                // `%2B1415…`, `Mary%20Ann`, `Fr%C3%A9d…`: a URL's characters as a log writes them.
                for piece in pieces { emit(piece, from: i, to: end) }
                i = end
                escapes += 1
                continue
            }
            if u == 0x2B, query, !link, i + 1 < units.count, TextScan.isLetter(units[i + 1]), i > 0, TextScan.isLetter(units[i - 1]) {
                emit(0x20, from: i, to: i + 1)
                i += 1
                escapes += 1
                continue
            }
            if i == tagClose {
                emit(0x20, from: i, to: i + 1)
                i += 1
                continue
            }
            if units[i] == 0x3C, let tag = Self.tag(units, at: i) {
                // HTML's markup is no text: an inline tag is read as nothing ("Dear <b>Ana</b>,"
                // is "Dear Ana,"), a block's as a line break; a tag's attributes as text (an email
                // in `href` is found there).
                if tag.block { emit(0x0A, from: i, to: tag.attributes ? tag.nameEnd : tag.close + 1) }
                if tag.attributes {
                    tagClose = tag.close
                    i = tag.nameEnd
                } else {
                    i = tag.close + 1
                }
                escapes += 1
                continue
            }
            if units[i] == 0x5C, i + 5 < units.count, units[i + 1] == 0x75, let value = Self.hex(units[(i + 2)...(i + 5)]) {
                // \uXXXX (a surrogate pair is two of them, two units).
                emit(value == 0xA0 ? 0x20 : value, from: i, to: i + 6)
                i += 6
                escapes += 1
                continue
            }
            if units[i] == 0x5C, i + 1 < units.count, let value = Self.control(units[i + 1]) {
                // \n, \r, \t: a break between words (the escape's letter was read as the next
                // word's first); \\ is a backslash, so that `\\n` stays a backslash and an n.
                emit(value, from: i, to: i + 2)
                i += 2
                escapes += 1
                continue
            }
            if units[i] == 0x26, let (scalar, length) = Self.entity(units, at: i) {
                let start = i, end = i + length
                let pieces = Array(String(Character(scalar)).utf16)
                for piece in pieces { emit(piece == 0xA0 ? 0x20 : piece, from: start, to: end) }
                i = end
                escapes += 1
                continue
            }
            emit(units[i], from: i, to: i + 1)
            i += 1
        }
        guard escapes > 0 else { return nil }
        text = String(decoding: decoded, as: UTF16.self)
        self.starts = starts
        self.ends = ends
    }

    /// The characters of the percent-encoded bytes at `i` (`%20`, `%2B`, `%C3%A9`: one or more `%XX`
    /// making whole UTF-8 characters, none a control character) as UTF-16 units, and where they end;
    /// nil where `%` encodes nothing (`20% off`, `100%`).
    static func percentEncoded(_ units: [UInt16], at i: Int) -> ([UInt16], Int)? {
        var bytes: [UInt8] = []
        var j = i
        while j + 2 < units.count, units[j] == 0x25, let byte = hex(units[(j + 1)...(j + 2)]) {
            bytes.append(UInt8(byte))
            j += 3
        }
        guard !bytes.isEmpty, let decoded = String(validating: bytes, as: UTF8.self),
              decoded.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else { return nil }
        return (Array(decoded.utf16), j)
    }

    /// HTML's elements whose tags are read as nothing (inline) or as a line break (blocks).
    static let inlineTags: Set<String> = ["a", "b", "i", "u", "s", "em", "strong", "span", "font", "small", "big", "sup", "sub", "mark", "code", "strike", "abbr", "cite", "q", "label", "tt", "ins", "del"]
    static let blockTags: Set<String> = [
        "p", "br", "div", "li", "ul", "ol", "tr", "td", "th", "table", "tbody", "thead", "tfoot", "h1", "h2", "h3", "h4", "h5", "h6",
        "blockquote", "pre", "hr", "section", "article", "header", "footer", "body", "html", "head", "title", "dl", "dt", "dd", "address", "center",
    ]

    /// The HTML tag at `i` (`<b>`, `</p>`, `<br/>`, `<a href="…">`) of a known element: where its
    /// name ends, where its `>` is, whether it has attributes, whether it is a block's. Nil for
    /// anything else (`<ana@mail.example>`, `<John Smith>`, `a < b`).
    static func tag(_ units: [UInt16], at i: Int) -> (nameEnd: Int, close: Int, attributes: Bool, block: Bool)? {
        var j = i + 1
        if j < units.count, units[j] == 0x2F { j += 1 }
        let nameStart = j
        while j < units.count, j - nameStart < 12, (0x61...0x7A).contains(units[j] | 0x20) || (0x30...0x39).contains(units[j]) && j > nameStart { j += 1 }
        guard j > nameStart, j < units.count else { return nil }
        let name = String(decoding: units[nameStart..<j].map { $0 | 0x20 }, as: UTF16.self)
        let block = blockTags.contains(name)
        guard block || inlineTags.contains(name) else { return nil }
        let nameEnd = j
        let next = units[j]
        guard next == 0x3E || next == 0x2F || next == 0x20 || next == 0x09 || next == 0x0A else { return nil }
        var close = j
        while close < units.count, close - i < 2_000, units[close] != 0x3E {
            if units[close] == 0x3C { return nil }
            close += 1
        }
        guard close < units.count, units[close] == 0x3E else { return nil }
        // Attributes: anything but spaces and a `/` between the name and the `>`.
        let attributes = units[nameEnd..<close].contains { $0 != 0x20 && $0 != 0x2F && $0 != 0x09 && $0 != 0x0A }
        return (nameEnd, close, attributes, block)
    }

    /// `span` of ``text`` as a span of the text as written.
    func written(_ span: EntitySpan) -> EntitySpan {
        var out = span
        out.start = span.start < starts.count ? starts[span.start] : (ends.last ?? 0)
        out.end = span.end > 0 && span.end - 1 < ends.count ? ends[span.end - 1] : out.start
        return out
    }

    /// What a backslash before `unit` stands for, where it escapes a break or itself.
    static func control(_ unit: UInt16) -> UInt16? {
        switch unit {
        case 0x6E: return 0x0A
        case 0x72: return 0x0D
        case 0x74: return 0x09
        case 0x5C: return 0x5C
        default: return nil
        }
    }

    static func hex<C: Collection>(_ digits: C) -> UInt16? where C.Element == UInt16 {
        var value: UInt16 = 0
        for d in digits {
            let v: UInt16
            switch d {
            case 0x30...0x39: v = d - 0x30
            case 0x41...0x46: v = d - 0x41 + 10
            case 0x61...0x66: v = d - 0x61 + 10
            default: return nil
            }
            value = value << 4 | v
        }
        return value
    }

    /// The character of the HTML entity at `i` (`&amp;`, `&#233;`, `&#xE9;`, `&eacute;`) and the
    /// entity's length in units; nil where none is.
    static func entity(_ units: [UInt16], at i: Int) -> (Unicode.Scalar, Int)? {
        var j = i + 1
        while j < units.count, j - i <= 10, units[j] != 0x3B {
            let u = units[j]
            guard (0x30...0x39).contains(u) || (0x41...0x5A).contains(u) || (0x61...0x7A).contains(u) || u == 0x23 else { return nil }
            j += 1
        }
        guard j < units.count, units[j] == 0x3B, j > i + 1 else { return nil }
        let name = String(decoding: units[(i + 1)..<j], as: UTF16.self)
        let length = j + 1 - i
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            return value.flatMap(Unicode.Scalar.init).map { ($0, length) }
        }
        return named[name].map { ($0, length) }
    }

    /// Entities a name or an address is written with: markup's own, spaces and dashes, and the
    /// letters of Latin-1 (`&eacute;` … `&yuml;`), with the few of Latin Extended-A that have names.
    static let named: [String: Unicode.Scalar] = {
        var table: [String: Unicode.Scalar] = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{A0}", "ensp": " ", "emsp": " ", "thinsp": " ",
            "ndash": "\u{2013}", "mdash": "\u{2014}", "rsquo": "\u{2019}", "lsquo": "\u{2018}", "rdquo": "\u{201D}", "ldquo": "\u{201C}",
            "middot": "\u{B7}", "szlig": "\u{DF}", "AElig": "\u{C6}", "aelig": "\u{E6}", "ETH": "\u{D0}", "eth": "\u{F0}",
            "THORN": "\u{DE}", "thorn": "\u{FE}", "Oslash": "\u{D8}", "oslash": "\u{F8}", "yuml": "\u{FF}", "Yuml": "\u{178}",
            "OElig": "\u{152}", "oelig": "\u{153}", "Scaron": "\u{160}", "scaron": "\u{161}", "Zcaron": "\u{17D}", "zcaron": "\u{17E}",
        ]
        // The accented letters of Latin-1 by their entity names: base letter and accent.
        let accents: [(String, [(Character, UInt32)])] = [
            ("grave", [("A", 0xC0), ("E", 0xC8), ("I", 0xCC), ("O", 0xD2), ("U", 0xD9), ("a", 0xE0), ("e", 0xE8), ("i", 0xEC), ("o", 0xF2), ("u", 0xF9)]),
            ("acute", [("A", 0xC1), ("E", 0xC9), ("I", 0xCD), ("O", 0xD3), ("U", 0xDA), ("Y", 0xDD), ("a", 0xE1), ("e", 0xE9), ("i", 0xED), ("o", 0xF3), ("u", 0xFA), ("y", 0xFD)]),
            ("circ", [("A", 0xC2), ("E", 0xCA), ("I", 0xCE), ("O", 0xD4), ("U", 0xDB), ("a", 0xE2), ("e", 0xEA), ("i", 0xEE), ("o", 0xF4), ("u", 0xFB)]),
            ("tilde", [("A", 0xC3), ("N", 0xD1), ("O", 0xD5), ("a", 0xE3), ("n", 0xF1), ("o", 0xF5)]),
            ("uml", [("A", 0xC4), ("E", 0xCB), ("I", 0xCF), ("O", 0xD6), ("U", 0xDC), ("a", 0xE4), ("e", 0xEB), ("i", 0xEF), ("o", 0xF6), ("u", 0xFC)]),
            ("ring", [("A", 0xC5), ("a", 0xE5)]),
            ("cedil", [("C", 0xC7), ("c", 0xE7)]),
        ]
        for (accent, letters) in accents {
            for (letter, value) in letters { table["\(letter)\(accent)"] = Unicode.Scalar(value)! }
        }
        return table
    }()
}

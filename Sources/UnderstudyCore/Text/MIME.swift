import Foundation

extension TextParts {
    /// An email message kept whole in a column (a help desk's raw articles, a mail archive's
    /// source: RFC 5322 with MIME), read as a mail program shows it: each header that a person
    /// reads (`From`, `To`, `Subject`, `Received`, …) with its encoded words decoded, the file names
    /// of `Content-Type` and `Content-Disposition`, each text body decoded from quoted-printable or
    /// base64 in its charset (HTML read apart from its tags), the parts of a multipart body and a
    /// forwarded message's own headers and body. What says how the message is built (`Content-Type`,
    /// boundaries, `Message-ID`, `Date`, signatures) is no text. Written back with each replacement
    /// encoded as its place is: a body or an encoded word that changed is encoded again whole in
    /// its encoding, everything else stays byte for byte; an attachment (a PDF, an image, a Word
    /// file) becomes a stand-in of its format (``DocumentStandIn``), an attachment of text is read
    /// as text. Nil unless the text begins with a message's header lines, two of them or more
    /// that messages have.
    public init?(mime written: String) {
        let units = Array(written.utf16)
        guard MIMEReader.startsWithField(units) else { return nil }
        var reader = MIMEReader(units: units)
        guard reader.entity(0, units.count, depth: 0, message: true) else { return nil }
        self.init(units, reader.parts)
    }
}

/// Reads a message's entities into ``TextParts``'s parts.
struct MIMEReader {
    let units: [UInt16]
    /// The message's line break, which text written into it uses.
    let newline: String
    var parts: [TextParts.Part] = []

    init(units: [UInt16]) {
        self.units = units
        let firstBreak = units.firstIndex(of: 0x0A)
        newline = firstBreak.map { $0 > 0 && units[$0 - 1] == 0x0D } == true ? "\r\n" : "\n"
    }

    /// Headers every message has one of (two of them or more make a value a message).
    static let messageHeaders: Set<String> = [
        "from", "to", "cc", "bcc", "subject", "date", "message-id", "mime-version", "content-type", "received", "return-path",
        "reply-to", "sender", "delivered-to", "in-reply-to", "references", "x-mailer", "content-transfer-encoding", "dkim-signature",
    ]
    /// Headers that say how the message is built or travelled, with nothing a person wrote: never
    /// read (a `Date` faked as a date would no longer parse; a `Message-ID` is no one's address).
    static let structural: Set<String> = [
        "content-type", "content-transfer-encoding", "content-disposition", "content-id", "content-length", "content-language",
        "content-location", "content-md5", "mime-version", "message-id", "in-reply-to", "references", "date", "dkim-signature",
        "domainkey-signature", "x-google-dkim-signature", "arc-seal", "arc-message-signature", "arc-authentication-results",
        "authentication-results", "received-spf", "x-ms-has-attach", "x-ms-tnef-correlator", "thread-index",
    ]
    static let depthLimit = 12

    struct Field {
        var name: String
        var start: Int, colon: Int, end: Int
    }

    /// Whether the text's first line is a header field (`Name: value`): a cheap test before the
    /// header block is read.
    static func startsWithField(_ units: [UInt16]) -> Bool {
        guard let first = units.first, first < 0x80, (0x41...0x5A).contains(first & ~0x20) else { return false }
        var i = 0
        while i < min(units.count, 80) {
            let u = units[i]
            if u == 0x3A { return i > 0 }
            guard u > 0x20, u < 0x7F else { return false }
            i += 1
        }
        return false
    }

    /// The line that begins at `i`: where its text ends (before CR LF or LF) and where the next begins.
    func line(_ i: Int, _ end: Int) -> (text: Int, next: Int) {
        var j = i
        while j < end, units[j] != 0x0A { j += 1 }
        if j == end { return (end, end) }
        return (j > i && units[j - 1] == 0x0D ? j - 1 : j, j + 1)
    }

    /// The header fields from `start` and where the body begins (after the blank line). A line that
    /// is neither a field nor a folded line ends the headers of a part; of a message (`strict`) it
    /// says the text is none.
    func headers(_ start: Int, _ end: Int, strict: Bool) -> (fields: [Field], body: Int)? {
        var fields: [Field] = []
        var i = start
        while i < end {
            let (text, next) = line(i, end)
            if text == i { return (fields, next) }
            if units[i] == 0x20 || units[i] == 0x09 {
                guard !fields.isEmpty else { return strict ? nil : (fields, i) }
                fields[fields.count - 1].end = text
                i = next
                continue
            }
            var j = i
            while j < text, units[j] > 0x20, units[j] < 0x7F, units[j] != 0x3A { j += 1 }
            if j > i, j < text, units[j] == 0x3A {
                fields.append(Field(name: String(decoding: units[i..<j], as: UTF16.self).lowercased(), start: i, colon: j, end: text))
                i = next
                continue
            }
            return strict ? nil : (fields, i)
        }
        return (fields, end)
    }

    /// An entity (a message, or a part of a multipart body) between `start` and `end`: its headers,
    /// then its body as its `Content-Type` and `Content-Transfer-Encoding` say. False where a
    /// `message` is none (too few of a message's headers).
    mutating func entity(_ start: Int, _ end: Int, depth: Int, message: Bool) -> Bool {
        guard depth <= Self.depthLimit, let (fields, body) = headers(start, end, strict: message && depth == 0) else { return false }
        if message && depth == 0 {
            // (Written as mail programs write them, a capital first: `from:` and `to:` keys of a YAML
            // document are none.)
            let named = fields.filter { (0x41...0x5A).contains(units[$0.start]) }.map(\.name)
            guard Set(named).intersection(Self.messageHeaders).count >= 2 else { return false }
        }
        var type = "", cte = ""
        var parameters: [String: String] = [:]
        for field in fields {
            switch field.name {
            case "content-type", "content-disposition":
                let (value, found) = self.parameters(field)
                if field.name == "content-type" { type = value } else if type.isEmpty, value == "attachment" { type = "application/octet-stream" }
                fileNames(found)
                if field.name == "content-type" {
                    for parameter in found where parameters[parameter.name] == nil { parameters[parameter.name] = parameter.value }
                }
            case "content-transfer-encoding":
                cte = String(decoding: units[(field.colon + 1)..<field.end], as: UTF16.self).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            case let name where Self.structural.contains(name):
                break
            default:
                readable(field)
            }
        }
        self.body(body, end, type: type.isEmpty ? "text/plain" : type, parameters: parameters, cte: cte, depth: depth)
        return true
    }

    /// A header a person reads: its text as written, after the field's name (which says what the
    /// value is). A value holding encoded words (`=?UTF-8?Q?Ren=C3=A9e?= Okafor`) is read decoded
    /// and unfolded, and, if a replacement falls in it, written again whole: words beyond ASCII as
    /// encoded words, lines folded (``MIME/headerValue(_:q:newline:after:)``).
    mutating func readable(_ field: Field) {
        var field = field
        // A relay's stamp ends in the date it passed (`…; Mon, 3 Jun 2024 10:00:00 +0200`): no text.
        if field.name == "received" || field.name == "x-received", let stamp = units[field.colon..<field.end].lastIndex(of: 0x3B) { field.end = stamp }
        var decoded: [UInt16] = []
        var q: Bool? = nil
        var i = field.colon + 1
        while i < field.end {
            if units[i] == 0x3D, let word = encodedWord(at: i, field.end) {
                // A run of encoded words, the white space between them no text (RFC 2047 §6.2).
                decoded += word.text.utf16
                q = q ?? word.q
                i = word.end
                var j = i
                while j < field.end, TextParts.isSpace(units[j]) { j += 1 }
                if j < field.end, units[j] == 0x3D, encodedWord(at: j, field.end) != nil { i = j }
                continue
            }
            if units[i] != 0x0D && units[i] != 0x0A { decoded.append(units[i]) }
            i += 1
        }
        guard let q else {
            parts.append(TextParts.Part(start: field.start, end: field.end, context: .header, wordsStart: 0, separator: [0x0A]))
            return
        }
        let newline = self.newline, used = field.colon + 1 - field.start
        parts.append(TextParts.Part(start: field.start, end: field.colon + 1, context: .header, wordsStart: 0, separator: [0x0A]))
        parts.append(TextParts.Part(start: field.colon + 1, end: field.end, context: .plain, wordsStart: 0, separator: [],
                           nested: TextParts.Nested(TextParts(plain: String(decoding: decoded, as: UTF16.self))) { MIME.headerValue($0, q: q, newline: newline, after: used) }))
    }

    /// The encoded word at `i` (`=?charset?B|Q?text?=`), decoded, and where it ends.
    func encodedWord(at i: Int, _ end: Int) -> (text: String, q: Bool, end: Int)? {
        guard i + 1 < end, units[i] == 0x3D, units[i + 1] == 0x3F else { return nil }
        var j = i + 2
        while j < end, units[j] != 0x3F, units[j] > 0x20, units[j] < 0x7F { j += 1 }
        guard j + 2 < end, j > i + 2, units[j] == 0x3F, units[j + 2] == 0x3F else { return nil }
        let charset = String(decoding: units[(i + 2)..<j], as: UTF16.self).split(separator: "*").first.map(String.init)
        let letter = units[j + 1] | 0x20
        guard letter == 0x62 || letter == 0x71 else { return nil }
        let textStart = j + 3
        var k = textStart
        while k + 1 < end, !(units[k] == 0x3F && units[k + 1] == 0x3D) {
            guard units[k] > 0x20, units[k] < 0x7F, k - i < 400 else { return nil }
            k += 1
        }
        guard k + 1 < end, units[k] == 0x3F, units[k + 1] == 0x3D else { return nil }
        let encoded = units[textStart..<k]
        let bytes: [UInt8]
        if letter == 0x62 {
            guard let data = MIME.base64(encoded) else { return nil }
            bytes = data
        } else {
            var out: [UInt8] = []
            var m = encoded.startIndex
            while m < encoded.endIndex {
                let u = encoded[m]
                if u == 0x5F { out.append(0x20) } else if u == 0x3D, m + 2 < encoded.endIndex, let byte = MIME.hexByte(encoded[m + 1], encoded[m + 2]) {
                    out.append(byte)
                    m += 3
                    continue
                } else { out.append(UInt8(u)) }
                m += 1
            }
            bytes = out
        }
        return (MIME.string(bytes, MIME.encoding(charset)), letter == 0x71, k + 2)
    }

    /// A parameter of a structured header (`filename="a.pdf"`): its name lower-cased, where the
    /// name starts, its value as written (inside its quotes) and read, and where it ends (after them).
    struct Parameter {
        var name: String
        var start: Int
        var range: Range<Int>
        var end: Int
        var value: String
    }

    /// A structured header's value (`text/plain`, `attachment`) lower-cased, and its parameters in
    /// the order written.
    func parameters(_ field: Field) -> (String, [Parameter]) {
        var i = field.colon + 1
        func skipSpace() { while i < field.end, TextParts.isSpace(units[i]) { i += 1 } }
        skipSpace()
        let valueStart = i
        while i < field.end, units[i] != 0x3B, !TextParts.isSpace(units[i]) { i += 1 }
        let value = String(decoding: units[valueStart..<i], as: UTF16.self).lowercased()
        var found: [Parameter] = []
        while i < field.end {
            while i < field.end, units[i] != 0x3B { i += 1 }
            guard i < field.end else { break }
            i += 1
            skipSpace()
            let nameStart = i
            while i < field.end, units[i] != 0x3D, units[i] != 0x3B, !TextParts.isSpace(units[i]) { i += 1 }
            let name = String(decoding: units[nameStart..<i], as: UTF16.self).lowercased()
            skipSpace()
            guard i < field.end, units[i] == 0x3D else { continue }
            i += 1
            skipSpace()
            if i < field.end, units[i] == 0x22 {
                let from = i + 1
                i = from
                while i < field.end, units[i] != 0x22 { i += units[i] == 0x5C ? 2 : 1 }
                let to = min(i, field.end)
                i = min(i + 1, field.end)
                found.append(Parameter(name: name, start: nameStart, range: from..<to, end: i, value: String(decoding: units[from..<to], as: UTF16.self)))
            } else {
                let from = i
                while i < field.end, units[i] != 0x3B, !TextParts.isSpace(units[i]) { i += 1 }
                found.append(Parameter(name: name, start: nameStart, range: from..<i, end: i, value: String(decoding: units[from..<i], as: UTF16.self)))
            }
        }
        return (value, found)
    }

    /// The file names among a header's parameters, read: `filename="…"` and `name="…"` as written;
    /// RFC 2231's `filename*=UTF-8''Ren%C3%A9e…` decoded, and its pieces (`filename*0*=…;
    /// filename*1*=…`) read as one name, which a replacement writes again as one `filename*=`.
    mutating func fileNames(_ parameters: [Parameter]) {
        for base in ["name", "filename"] {
            if let plain = parameters.first(where: { $0.name == base }) {
                parts.append(TextParts.Part(start: plain.range.lowerBound, end: plain.range.upperBound, context: .header, wordsStart: 0, separator: [0x0A]))
            }
            // The pieces in order: `base*` alone, or `base*0`, `base*1`… (`*` after a piece's number: encoded).
            var pieces: [(parameter: Parameter, encoded: Bool)] = []
            if let whole = parameters.first(where: { $0.name == base + "*" }) {
                pieces = [(whole, true)]
            } else {
                for k in 0..<64 {
                    guard let piece = parameters.first(where: { $0.name == "\(base)*\(k)" || $0.name == "\(base)*\(k)*" }) else { break }
                    pieces.append((piece, piece.name.hasSuffix("*")))
                }
            }
            guard let first = pieces.first, let last = pieces.last else { continue }
            // Only pieces written one after another are rewritten as one.
            guard zip(pieces, pieces.dropFirst()).allSatisfy({ a, b in
                a.parameter.end <= b.parameter.start && units[a.parameter.end..<b.parameter.start].allSatisfy { TextParts.isSpace($0) || $0 == 0x3B }
            }) else { continue }
            var charset = "UTF-8", language = ""
            var bytes: [UInt8] = []
            for (index, piece) in pieces.enumerated() {
                var value = Array(piece.parameter.value.utf16)[...]
                if index == 0, piece.encoded {
                    // `charset'language'` before the first piece's text.
                    let quotes = value.indices.filter { value[$0] == 0x27 }.prefix(2)
                    if quotes.count == 2 {
                        charset = String(decoding: value[value.startIndex..<quotes.first!], as: UTF16.self)
                        language = String(decoding: value[(quotes.first! + 1)..<quotes.last!], as: UTF16.self)
                        value = value[(quotes.last! + 1)...]
                    }
                }
                bytes += piece.encoded ? MIME.percentDecoded(value) : Array(String(decoding: value, as: UTF16.self).utf8)
            }
            let encoding = charset.isEmpty ? .utf8 : MIME.encoding(charset)
            let text = MIME.string(bytes, encoding)
            let (written, from) = pieces.count == 1 ? ("", first.parameter.range.lowerBound) : ("\(base)*=", first.parameter.start)
            let to = pieces.count == 1 ? first.parameter.range.upperBound : last.parameter.end
            let name = charset.isEmpty ? "UTF-8" : charset
            parts.append(TextParts.Part(start: from, end: to, context: .plain, wordsStart: 0, separator: [0x0A],
                               nested: TextParts.Nested(TextParts(plain: text)) { written + name + "'" + language + "'" + MIME.percentEncoded(MIME.bytes($0, encoding)) }))
        }
    }

    /// A body as its type and transfer encoding say.
    mutating func body(_ start: Int, _ end: Int, type: String, parameters: [String: String], cte: String, depth: Int) {
        guard start < end else { return }
        if type.hasPrefix("multipart/"), let boundary = parameters["boundary"], !boundary.isEmpty {
            multipart(start, end, boundary: Array(("--" + boundary).utf16), depth: depth)
            return
        }
        let identity = cte.isEmpty || cte == "7bit" || cte == "8bit" || cte == "binary"
        if type == "message/rfc822" || type == "message/global", identity {
            _ = entity(start, end, depth: depth + 1, message: true)
            return
        }
        // The encoded text without the line breaks after it (which stay as they were).
        var last = end
        while last > start, TextParts.isSpace(units[last - 1]) { last -= 1 }
        guard start < last else { return }
        let encoding = MIME.encoding(parameters["charset"])
        let newline = self.newline
        let isText = type.hasPrefix("text/") || type == "message/delivery-status"
        if identity {
            let text = String(decoding: units[start..<end], as: UTF16.self)
            let inner: TextParts? = switch type {
            case "text/html", "application/xhtml+xml": TextParts(html: text)
            case "application/json": TextParts(json: text)
            case "text/xml", "application/xml": TextParts(xml: text)
            default: nil
            }
            if let inner {
                parts.append(TextParts.Part(start: start, end: end, context: .plain, wordsStart: 0, separator: [0x0A], nested: TextParts.Nested(inner) { $0 }))
            } else {
                parts.append(TextParts.Part(start: start, end: end, context: .plain, wordsStart: 0, separator: [0x0A]))
            }
            return
        }
        let bytes: [UInt8]
        let encode: ([UInt8]) -> String
        switch cte {
        case "quoted-printable":
            bytes = MIME.quotedPrintable(units[start..<last], encoding: encoding)
            encode = { MIME.quotedPrintable($0, newline: newline) }
        case "base64":
            guard let decoded = MIME.base64(units[start..<last]) else { return }
            bytes = decoded
            encode = { MIME.base64Lines($0, newline: newline) }
        default:
            return
        }
        let format = isText ? DocumentFormat.text : DocumentFormat.of(bytes)
        guard format == .text else {
            // An attachment: a stand-in of its format (an empty body where it has none).
            let standIn = format.flatMap(DocumentStandIn.bytes(for:)) ?? []
            parts.append(TextParts.Part(start: start, end: last, context: .plain, wordsStart: 0, separator: [0x0A], nested: TextParts.Nested(standIn: encode(standIn))))
            return
        }
        let text = MIME.string(bytes, encoding)
        let inner = type == "text/html" ? TextParts(html: text) ?? TextParts(plain: text) : TextParts(plain: text)
        parts.append(TextParts.Part(start: start, end: last, context: .plain, wordsStart: 0, separator: [0x0A],
                           nested: TextParts.Nested(inner) { encode(MIME.bytes($0, encoding)) }))
    }

    /// A multipart body: the text before the first delimiter line and after the closing one as
    /// text, each part between delimiters an entity of its own.
    mutating func multipart(_ start: Int, _ end: Int, boundary: [UInt16], depth: Int) {
        var i = start
        var partStart: Int? = nil
        while i < end {
            let (text, next) = line(i, end)
            let isDelimiter = text - i >= boundary.count && units[i..<(i + boundary.count)].elementsEqual(boundary)
            if isDelimiter {
                var rest = i + boundary.count
                let closing = rest + 1 < text && units[rest] == 0x2D && units[rest + 1] == 0x2D
                if closing { rest += 2 }
                if units[rest..<text].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                    // The line break before a delimiter line is the delimiter's.
                    let before = i >= 2 && units[i - 2] == 0x0D && units[i - 1] == 0x0A ? i - 2 : i > start && units[i - 1] == 0x0A ? i - 1 : i
                    if let from = partStart {
                        _ = entity(from, max(from, before), depth: depth + 1, message: false)
                    } else if start < before {
                        parts.append(TextParts.Part(start: start, end: before, context: .plain, wordsStart: 0, separator: [0x0A]))
                    }
                    partStart = next
                    if closing {
                        if next < end { parts.append(TextParts.Part(start: next, end: end, context: .plain, wordsStart: 0, separator: [0x0A])) }
                        return
                    }
                }
            }
            i = next
        }
        if let from = partStart { _ = entity(from, end, depth: depth + 1, message: false) }
        else { parts.append(TextParts.Part(start: start, end: end, context: .plain, wordsStart: 0, separator: [0x0A])) }
    }
}

/// MIME's encodings (RFC 2045, 2047): quoted-printable, base64, encoded words, charsets.
enum MIME {
    /// A charset's name as Foundation knows it; UTF-8 where it is unknown.
    static func encoding(_ name: String?) -> String.Encoding {
        switch name?.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")).lowercased() {
        case "us-ascii", "ascii": .ascii
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1": .isoLatin1
        case "iso-8859-2", "iso8859-2", "latin2": .isoLatin2
        case "windows-1250", "cp1250": .windowsCP1250
        case "windows-1251", "cp1251": .windowsCP1251
        case "windows-1252", "cp1252", "iso-8859-15", "iso8859-15": .windowsCP1252
        case "windows-1253", "cp1253": .windowsCP1253
        case "windows-1254", "cp1254": .windowsCP1254
        default: .utf8
        }
    }

    /// `bytes` read in `encoding`; as UTF-8 (bad bytes replaced) where they are not valid in it.
    static func string(_ bytes: [UInt8], _ encoding: String.Encoding) -> String {
        if encoding == .utf8 || encoding == .ascii, let text = String(validating: bytes, as: UTF8.self) { return text }
        return String(data: Data(bytes), encoding: encoding) ?? String(decoding: bytes, as: UTF8.self)
    }

    /// `text` in `encoding`: where it holds a letter the charset has not (a fake's accent in an
    /// ASCII body), that letter without its accents, or `?`.
    static func bytes(_ text: String, _ encoding: String.Encoding) -> [UInt8] {
        if let data = text.data(using: encoding) { return [UInt8](data) }
        let folded = text.folding(options: .diacriticInsensitive, locale: nil)
        if let data = folded.data(using: encoding) { return [UInt8](data) }
        return [UInt8](folded.data(using: encoding, allowLossyConversion: true) ?? Data(folded.utf8))
    }

    /// The byte two hex digits write (`=C3`, `%20`): ``EscapedText/hex(_:)``'s reading.
    static func hexByte(_ high: UInt16, _ low: UInt16) -> UInt8? { EscapedText.hex([high, low]).map { UInt8($0) } }

    static let hex = Array("0123456789ABCDEF".utf8)

    /// A quoted-printable body's bytes: `=XX` as its byte, `=` at a line's end (a soft line break)
    /// as nothing; a letter written as it is (not allowed, but seen) in the body's charset.
    static func quotedPrintable(_ units: ArraySlice<UInt16>, encoding: String.Encoding) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(units.count)
        var i = units.startIndex
        let end = units.endIndex
        while i < end {
            let u = units[i]
            if u == 0x3D {
                if i + 2 < end, let byte = hexByte(units[i + 1], units[i + 2]) {
                    bytes.append(byte)
                    i += 3
                    continue
                }
                var j = i + 1
                while j < end, units[j] == 0x20 || units[j] == 0x09 { j += 1 }
                if j == end { i = j; continue }
                if units[j] == 0x0A { i = j + 1; continue }
                if units[j] == 0x0D, j + 1 < end, units[j + 1] == 0x0A { i = j + 2; continue }
                bytes.append(0x3D)
                i += 1
            } else if u < 0x80 {
                bytes.append(UInt8(u))
                i += 1
            } else {
                let width = UTF16.isLeadSurrogate(u) && i + 1 < end ? 2 : 1
                bytes += Self.bytes(String(decoding: units[i..<(i + width)], as: UTF16.self), encoding)
                i += width
            }
        }
        return bytes
    }

    /// `bytes` in quoted-printable: printable ASCII as it is, `=`, other bytes and a space or tab at
    /// a line's end as `=XX`, lines of at most 76 characters (a soft line break `=` before), line
    /// breaks written as the message writes them.
    static func quotedPrintable(_ bytes: [UInt8], newline: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        let lineBreak = Array(newline.utf8)
        var lineLength = 0
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x0A || (b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A) {
                out += lineBreak
                lineLength = 0
                i += b == 0x0D ? 2 : 1
                continue
            }
            let atLineEnd = i + 1 == bytes.count || bytes[i + 1] == 0x0A || bytes[i + 1] == 0x0D
            let literal = (0x21...0x7E).contains(b) && b != 0x3D || (b == 0x20 || b == 0x09) && !atLineEnd
            let width = literal ? 1 : 3
            if lineLength + width > 75 {
                out.append(0x3D)
                out += lineBreak
                lineLength = 0
            }
            if literal { out.append(b) } else { out += [0x3D, hex[Int(b >> 4)], hex[Int(b & 0x0F)]] }
            lineLength += width
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// RFC 2231's `%XX` escapes as their bytes, other characters as they are.
    static func percentDecoded(_ units: ArraySlice<UInt16>) -> [UInt8] {
        var bytes: [UInt8] = []
        var i = units.startIndex
        while i < units.endIndex {
            if units[i] == 0x25, i + 2 < units.endIndex, let byte = hexByte(units[i + 1], units[i + 2]) {
                bytes.append(byte)
                i += 3
            } else {
                bytes += Self.bytes(String(decoding: units[i...i], as: UTF16.self), .utf8)
                i += 1
            }
        }
        return bytes
    }

    /// `bytes` as RFC 2231 writes a parameter's value: letters, digits and `!#$&+-.^_`|~` as they
    /// are, other bytes as `%XX`.
    static func percentEncoded(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        for b in bytes {
            if (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || (0x30...0x39).contains(b) || Array("!#$&+-.^_`|~".utf8).contains(b) {
                out.append(b)
            } else {
                out += [0x25, hex[Int(b >> 4)], hex[Int(b & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Base64 text's bytes (line breaks and missing padding allowed); nil where it holds anything else.
    static func base64(_ units: ArraySlice<UInt16>) -> [UInt8]? {
        var text: [UInt8] = []
        text.reserveCapacity(units.count)
        for u in units {
            if u == 0x3D || TextParts.isSpace(u) { continue }
            guard u < 0x80, EncodedDocument.isBase64(UInt8(u)) else { return nil }
            text.append(UInt8(u))
        }
        while text.count % 4 != 0 { text.append(0x3D) }
        return Data(base64Encoded: Data(text)).map { [UInt8]($0) }
    }

    /// `bytes` in base64, lines of 76 characters.
    static func base64Lines(_ bytes: [UInt8], newline: String) -> String {
        let encoded = Array(Data(bytes).base64EncodedString().utf8)
        var out: [UInt8] = []
        var i = 0
        while i < encoded.count {
            if i > 0 { out += Array(newline.utf8) }
            out += encoded[i..<min(i + 76, encoded.count)]
            i += 76
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `text` as UTF-8 encoded words (`=?UTF-8?Q?Ana_Lima?=`, or `B` in base64), each at most 75
    /// characters, a character never cut across two, joined by `between`.
    static func encodedWords(_ text: String, q: Bool, between: String) -> String {
        let prefix = q ? "=?UTF-8?Q?" : "=?UTF-8?B?"
        var words: [String] = []
        var chunk: [UInt8] = []
        func width(_ bytes: [UInt8]) -> Int {
            q ? bytes.reduce(0) { $0 + (isQSafe($1) || $1 == 0x20 ? 1 : 3) } : (bytes.count + 2) / 3 * 4
        }
        func flush() {
            guard !chunk.isEmpty else { return }
            if q {
                var out = ""
                for b in chunk {
                    if b == 0x20 { out += "_" } else if isQSafe(b) { out.unicodeScalars.append(Unicode.Scalar(b)) } else {
                        out += "=" + String(decoding: [hex[Int(b >> 4)], hex[Int(b & 0x0F)]], as: UTF8.self)
                    }
                }
                words.append(prefix + out + "?=")
            } else {
                words.append(prefix + Data(chunk).base64EncodedString() + "?=")
            }
            chunk = []
        }
        for character in text {
            let bytes = Array(String(character).utf8)
            if !chunk.isEmpty, width(chunk + bytes) > 75 - prefix.count - 2 { flush() }
            chunk += bytes
        }
        flush()
        return words.isEmpty ? prefix + "?=" : words.joined(separator: between)
    }

    /// A header's value (after its name and colon, `after` characters) as written: words in ASCII
    /// as they are, each run of words beyond it as encoded words (`Appointment for
    /// =?UTF-8?Q?Ren=C3=A9e?= Okafor`), lines folded at a space before they pass 76 characters.
    static func headerValue(_ text: String, q: Bool, newline: String, after: Int) -> String {
        // Words, each with the white space before it.
        var words: [(space: Bool, text: String)] = []
        var space = false, word = ""
        for character in text {
            if character.isWhitespace {
                if !word.isEmpty { words.append((space, word)) }
                word = ""
                space = true
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { words.append((space, word)) }
        // Runs of words beyond ASCII as encoded words (the spaces inside a run encoded with them).
        var tokens: [(space: Bool, text: String)] = []
        var k = 0
        while k < words.count {
            guard !words[k].text.unicodeScalars.allSatisfy(\.isASCII) else {
                tokens.append(words[k])
                k += 1
                continue
            }
            var run = words[k].text
            var m = k + 1
            while m < words.count, !words[m].text.unicodeScalars.allSatisfy(\.isASCII) {
                run += " " + words[m].text
                m += 1
            }
            for (index, encoded) in encodedWords(run, q: q, between: "\n").split(separator: "\n").enumerated() {
                tokens.append((index == 0 ? words[k].space : true, String(encoded)))
            }
            k = m
        }
        var out = "", line = after
        for token in tokens {
            if token.space, line + 1 + token.text.count > 76, line > after {
                out += newline + " "
                line = 1
            } else if token.space {
                out += " "
                line += 1
            }
            out += token.text
            line += token.text.count
        }
        return out
    }

    static func isQSafe(_ b: UInt8) -> Bool {
        (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || (0x30...0x39).contains(b) || b == 0x21 || b == 0x2A || b == 0x2B || b == 0x2D || b == 0x2F
    }

    /// A replacement as a header's text: on one line, no `"` to close a quoted display name, in
    /// ASCII (accents dropped; a name in another script as an encoded word).
    static func headerText(_ text: String) -> String {
        var line = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\r", "\n", "\t": line += " "
            case "\"": line += "'"
            default: line.unicodeScalars.append(scalar)
            }
        }
        if line.utf8.allSatisfy({ $0 < 0x80 }) { return line }
        let folded = line.folding(options: .diacriticInsensitive, locale: nil)
        if folded.utf8.allSatisfy({ $0 < 0x80 }) { return folded }
        return encodedWords(line, q: true, between: " ")
    }
}

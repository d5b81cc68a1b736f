import Foundation

/// What a binary value holds, by its first bytes (and, for a ZIP archive, the names of its
/// entries): a document, an image, an archive or text. A column of such values carries what the
/// people who wrote them put there — a referral letter, a scanned passport, a photograph — which no
/// rule reads column by column: the scanner flags it, and `document.placeholder` writes a stand-in
/// of the same format instead.
public enum DocumentFormat: String, CaseIterable, Sendable {
    case pdf, word, excel, powerpoint, openDocument, legacyOffice, rtf
    case png, jpeg, gif, webp, tiff, bmp, heic, video
    case zip, gzip
    case text

    /// How a person names it (`PDF`, `Word document`, `JPEG image`).
    public var label: String {
        switch self {
        case .pdf: "PDF"
        case .word: "Word document"
        case .excel: "Excel workbook"
        case .powerpoint: "PowerPoint presentation"
        case .openDocument: "OpenDocument file"
        case .legacyOffice: "Office 97–2003 file"
        case .rtf: "RTF document"
        case .png: "PNG image"
        case .jpeg: "JPEG image"
        case .gif: "GIF image"
        case .webp: "WebP image"
        case .tiff: "TIFF image"
        case .bmp: "BMP image"
        case .heic: "HEIC image"
        case .video: "video"
        case .zip: "ZIP archive"
        case .gzip: "gzip archive"
        case .text: "text"
        }
    }

    public var isImage: Bool { [.png, .jpeg, .gif, .webp, .tiff, .bmp, .heic].contains(self) }

    /// The format of `bytes`; nil for anything else (a hash, a key, a serialised object, an
    /// encrypted value: bytes no person reads).
    public static func of(_ bytes: [UInt8]) -> DocumentFormat? {
        func starts(_ prefix: [UInt8], at offset: Int = 0) -> Bool {
            bytes.count >= offset + prefix.count && bytes[offset..<(offset + prefix.count)].elementsEqual(prefix)
        }
        func ascii(_ s: String) -> [UInt8] { Array(s.utf8) }
        if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if starts([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if starts(ascii("GIF87a")) || starts(ascii("GIF89a")) { return .gif }
        if starts(ascii("RIFF")), starts(ascii("WEBP"), at: 8) { return .webp }
        if starts([0x49, 0x49, 0x2A, 0x00]) || starts([0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        if starts(ascii("BM")), bytes.count >= 18, [12, 40, 52, 56, 108, 124].contains(Int(bytes[14]) | Int(bytes[15]) << 8), bytes[16] == 0, bytes[17] == 0 { return .bmp }
        if starts(ascii("ftyp"), at: 4) {
            return [ascii("heic"), ascii("heix"), ascii("mif1"), ascii("heif"), ascii("avif")].contains { starts($0, at: 8) } ? .heic : .video
        }
        if starts([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .legacyOffice }
        if starts(ascii("{\\rtf")) { return .rtf }
        if starts([0x1F, 0x8B]) { return .gzip }
        if starts([0x50, 0x4B, 0x03, 0x04]) || starts([0x50, 0x4B, 0x05, 0x06]) {
            // An Office or OpenDocument file is a ZIP archive known by the names inside it.
            if contains(bytes, ascii("application/vnd.oasis.opendocument")) { return .openDocument }
            if contains(bytes, ascii("word/")) { return .word }
            if contains(bytes, ascii("xl/")) { return .excel }
            if contains(bytes, ascii("ppt/")) { return .powerpoint }
            return .zip
        }
        // A PDF may follow a few bytes of junk (a BOM, a line break, an HTTP header cut short).
        if contains(bytes.prefix(1024), ascii("%PDF-")) { return .pdf }
        if isText(bytes) { return .text }
        return nil
    }

    /// Valid UTF-8 of which almost every character is printable or a space (a blob that holds a
    /// note or an email as bytes).
    static func isText(_ bytes: [UInt8]) -> Bool {
        guard !bytes.isEmpty, !bytes.contains(0), let text = String(validating: bytes, as: UTF8.self) else { return false }
        var total = 0, control = 0
        for scalar in text.unicodeScalars {
            total += 1
            if scalar.value < 0x20 && scalar != "\n" && scalar != "\r" && scalar != "\t" || (0x7F..<0xA0).contains(scalar.value) { control += 1 }
        }
        return control * 20 <= total
    }

    static func contains<C: Collection>(_ bytes: C, _ needle: [UInt8]) -> Bool where C.Element == UInt8, C.Index == Int {
        guard let first = needle.first, bytes.count >= needle.count else { return false }
        var i = bytes.startIndex
        let last = bytes.endIndex - needle.count
        while i <= last {
            if bytes[i] == first, bytes[i..<(i + needle.count)].elementsEqual(needle) { return true }
            i += 1
        }
        return false
    }
}

/// A document or an image written as text: a data URL (`data:image/png;base64,…`, what a signature
/// pad or an avatar upload stores) or base64 alone (`JVBERi0x…`, a PDF).
public struct EncodedDocument {
    /// What stands before the base64: `data:image/png;base64,`, or nothing.
    public let prefix: String
    public let bytes: [UInt8]
    public let format: DocumentFormat

    /// Nil for anything else: prose, a key, a token (base64 alone must hold a document or an image,
    /// not text nor bytes of no format).
    public init?(_ text: String) {
        var body = Substring(text)
        var prefix = ""
        if text.hasPrefix("data:") {
            guard let comma = text.firstIndex(of: ","), text[..<comma].hasSuffix(";base64") else { return nil }
            prefix = String(text[...comma])
            body = text[text.index(after: comma)...]
        } else if text.utf8.count < 24 {
            return nil
        }
        guard body.utf8.allSatisfy({ Self.isBase64($0) || $0 == 0x0A || $0 == 0x0D }),
              let data = Data(base64Encoded: String(body), options: .ignoreUnknownCharacters),
              let format = DocumentFormat.of(Array(data)), !prefix.isEmpty || format != .text else { return nil }
        self.prefix = prefix
        self.bytes = Array(data)
        self.format = format
    }

    static func isBase64(_ u: UInt8) -> Bool {
        (0x41...0x5A).contains(u) || (0x61...0x7A).contains(u) || (0x30...0x39).contains(u) || u == 0x2B || u == 0x2F || u == 0x3D
    }
}

import Foundation

/// A small valid file of the value's own format in place of a document or an image (``DocumentStandIn``).
struct DocumentPlaceholderGenerator: Generator {
    static let definition = GeneratorDefinition(
        name: "document.placeholder",
        summary: "A small valid file of the same format in place of a document or an image: a PDF or a Word file that says it was withheld, a one-pixel image.",
        details: """
            For columns of bytes (`BLOB`, `bytea`) that hold attachments, scans, photographs or letters, whose content \
            no rule reads, and columns of text that hold them as data URLs (`data:image/png;base64,…`: a signature pad's, \
            an avatar's) or as base64 alone (`JVBERi0x…`): each value's format is known by its first bytes, and the copy \
            gets a stand-in of that format, written as the value was (bytes, a data URL with the same media type, base64), \
            so an application that opens, previews or thumbnails it still finds a file of the kind it expects — a one-page \
            PDF, a Word document or an Excel workbook holding the notice `Withheld by Understudy`, an RTF document or \
            UTF-8 text with the same notice (prose in a text column too), a PNG, JPEG, GIF, WebP, TIFF or BMP image of one grey pixel (a HEIC image \
            gets the JPEG), an empty ZIP or gzip archive. A PowerPoint, OpenDocument or Office 97–2003 file, a video and \
            bytes of no known format (a hash, a key, an encrypted value) get `otherwise:` — `empty` (zero bytes, the \
            default) or `null` (refused on NOT NULL columns). Zero bytes and NULL stay as they are. Not keyed: every \
            document of a format gets the same stand-in. Columns that describe the file (its size, its checksum, its \
            name) keep their values unless they have generators of their own. The scanner flags a column of bytes \
            whose sampled values are documents, images, archives or text, and a column of text whose values are documents \
            or images written as data URLs or base64, and `init` suggests this generator for them.
            """,
        acceptedTypes: [.blob, .text],
        parameters: [
            .init("otherwise", .choice(["empty", "null"]), default: .string("empty"), "what a value without a stand-in of its format gets: zero bytes, or NULL"),
        ],
        canBeConsistent: false,
        // (A PDF of a referral letter in, the one-page PDF that says it was withheld out.)
        examples: [.init(.blob(Array("%PDF-1.7\nBT (Referral: Mary Johnson, 12 Oak Street) Tj ET\n%%EOF\n".utf8)), type: .blob)],
        make: { setup throws(GeneratorError) in
            let null = setup.parameters.string("otherwise") == "null"
            if null, !setup.column.isNullable {
                throw GeneratorError(generator: "document.placeholder", message: "`otherwise: null` on a NOT NULL column; use `otherwise: empty`")
            }
            return DocumentPlaceholderGenerator(otherwise: null ? .null : .blob([]))
        })

    let otherwise: Value

    func generate(_ value: Value, row: RowPosition) -> Value {
        switch value {
        case .null: return .null
        case .blob(let bytes):
            if bytes.isEmpty { return value }
            guard let format = DocumentFormat.of(bytes), let standIn = DocumentStandIn.bytes(for: format) else { return otherwise }
            return .blob(standIn)
        case .text(let text):
            if text.isEmpty { return value }
            // A data URL or base64 alone: the stand-in written the same way.
            if let encoded = EncodedDocument(text) {
                guard let standIn = DocumentStandIn.bytes(for: encoded.format) else { return otherwise }
                return .text(encoded.prefix + Data(standIn).base64EncodedString())
            }
            // (SQLite keeps text in a column declared BLOB too.)
            guard let format = DocumentFormat.of(Array(text.utf8)), let standIn = DocumentStandIn.bytes(for: format) else { return otherwise }
            return format == .text || format == .rtf ? .text(String(decoding: standIn, as: UTF8.self)) : .blob(standIn)
        case .integer, .real:
            return otherwise
        }
    }
}

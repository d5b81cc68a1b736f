import Foundation
import Testing
@testable import UnderstudyCore

/// Columns of bytes that hold documents and images (attachments, scans, photographs, letters): known
/// by their formats, and replaced by stand-ins of the same formats that hold no one's data.
@Suite("Documents and images in columns of bytes")
struct DocumentTests {
    /// A referral letter as a PDF, a Word document, a photograph's first bytes, a note kept as bytes.
    static let pdf = Array("%PDF-1.4\n1 0 obj\n<< /Length 60 >>\nstream\nBT (Patient: Mary Johnson, SSN 536-22-1234) Tj ET\nendstream\nendobj\n%%EOF\n".utf8)
    static let docx = DocumentStandIn.zip([
        ("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document><w:t>Dear Mary Johnson, 12 Oak Street</w:t></w:document>"),
    ])
    static let photo: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x10] + Array("Exif\0\0GPS Mary Johnson's iPhone".utf8) + [0xFF, 0xD9]
    static let note = Array("Called Mary Johnson about her referral.".utf8)

    @Test("formats are known by their first bytes (and an Office file by the names inside its archive); bytes no person reads — a digest, an encrypted value — are of none")
    func formats() {
        #expect(DocumentFormat.of(Self.pdf) == .pdf)
        #expect(DocumentFormat.of(Self.docx) == .word)
        #expect(DocumentFormat.of(Self.photo) == .jpeg)
        #expect(DocumentFormat.of(Self.note) == .text)
        #expect(DocumentFormat.of(Array("{\\rtf1 Mary}".utf8)) == .rtf)
        for format in DocumentFormat.allCases {
            guard let standIn = DocumentStandIn.bytes(for: format) else { continue }
            #expect(DocumentFormat.of(standIn) == (format == .heic ? .jpeg : format), "\(format)")
        }
        // SHA-256 of "x".
        let digest = DocumentStandIn.hex("2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881")
        #expect(DocumentFormat.of(digest) == nil)
        #expect(DocumentFormat.of([0x00, 0x01, 0x02, 0x9C, 0xFF]) == nil)
        #expect(DocumentFormat.of(Array("BMW owners club".utf8)) == .text)
    }

    @Test("each document, image or note gets a stand-in of its own format that holds nothing of it; zero bytes and NULL stay; bytes of no known format get `otherwise`")
    func placeholders() throws {
        let generator = try makeGenerator("document.placeholder", type: .blob)
        for source in [Self.pdf, Self.docx, Self.photo, Self.note] {
            guard case .blob(let out) = try generator.generate(.blob(source), row: .init(ordinal: 0)) else { Issue.record("not bytes"); continue }
            #expect(DocumentFormat.of(out) == DocumentFormat.of(source))
            #expect(!DocumentFormat.contains(out, Array("Johnson".utf8)) && !DocumentFormat.contains(out, Array("536-22".utf8)))
        }
        #expect(try generator.generate(.blob([]), row: .init(ordinal: 0)) == .blob([]))
        #expect(try generator.generate(.null, row: .init(ordinal: 0)) == .null)
        #expect(try generator.generate(.blob([0x00, 0x9C, 0xFF]), row: .init(ordinal: 0)) == .blob([]))
        #expect(try generator.generate(.text("Called Mary Johnson"), row: .init(ordinal: 0)) == .text(DocumentStandIn.notice))
        let nulls = try makeGenerator("document.placeholder", ["otherwise": .string("null")], type: .blob)
        #expect(try nulls.generate(.blob([0x00, 0x9C, 0xFF]), row: .init(ordinal: 0)) == .null)
        #expect(try nulls.generate(.blob(DocumentStandIn.zip([("slides/1.xml", ""), ("ppt/presentation.xml", "")])), row: .init(ordinal: 0)) == .null)
    }

    @Test("documents and images written as text — a signature pad's data URL, a PDF in base64 — get the stand-in written the same way (the media type kept); prose, tokens and base64 of text are no documents")
    func encodedDocuments() throws {
        let signature = "data:image/png;base64," + Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array("IHDR Mary Johnson".utf8)).base64EncodedString()
        let scan = Data(Self.pdf).base64EncodedString(options: .lineLength76Characters)
        #expect(EncodedDocument(signature)?.format == .png && EncodedDocument(signature)?.prefix == "data:image/png;base64,")
        #expect(EncodedDocument(scan)?.format == .pdf && EncodedDocument(scan)?.prefix == "")
        for text in ["Called Mary Johnson about her referral", "am9objpodW50ZXIy", Data("Called Mary Johnson about it".utf8).base64EncodedString(), "sk_live_4eC39HqLyjWDarjtT1zdp7dc", "data:text/plain,hello"] {
            #expect(EncodedDocument(text) == nil, "\(text)")
        }
        #expect(EncodedDocument("data:text/plain;base64," + Data("Mary".utf8).base64EncodedString())?.format == .text)
        let generator = try makeGenerator("document.placeholder", type: .text)
        let faked = try generator.generate(.text(signature), row: .init(ordinal: 0)).displayText
        #expect(faked == "data:image/png;base64," + Data(DocumentStandIn.png).base64EncodedString())
        let pdf = try generator.generate(.text(scan), row: .init(ordinal: 0)).displayText
        #expect(EncodedDocument(pdf)?.bytes == DocumentStandIn.bytes(for: .pdf))
    }

    @Test("the stand-ins are valid as their formats' own readers read them: Python's zipfile (the Word and Excel files, every entry's CRC), gzip, zlib and the PNG's chunk CRCs; the PDF's cross-reference table points at each object")
    func standInsAreValid() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("understudy-standins-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for format in [DocumentFormat.word, .excel, .zip, .gzip, .png] {
            try Data(try #require(DocumentStandIn.bytes(for: format))).write(to: folder.appendingPathComponent(format.rawValue))
        }
        let check = """
            import binascii, gzip, struct, sys, zipfile, zlib
            d = sys.argv[1]
            for name, entry in [("word", "word/document.xml"), ("excel", "xl/worksheets/sheet1.xml")]:
                z = zipfile.ZipFile(f"{d}/{name}")
                assert z.testzip() is None and entry in z.namelist(), name
                assert b"Withheld" in z.read(entry)
            assert zipfile.ZipFile(f"{d}/zip").namelist() == []
            assert gzip.decompress(open(f"{d}/gzip", "rb").read()) == b""
            png = open(f"{d}/png", "rb").read()
            assert png[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
            i, chunks = 8, {}
            while i < len(png):
                (length,) = struct.unpack(">I", png[i:i + 4]); kind = png[i + 4:i + 8]; data = png[i + 8:i + 8 + length]
                assert struct.unpack(">I", png[i + 8 + length:i + 12 + length])[0] == binascii.crc32(kind + data), kind
                chunks[kind] = data; i += 12 + length
            assert struct.unpack(">II", chunks[b"IHDR"][:8]) == (1, 1) and zlib.decompress(chunks[b"IDAT"]) == b"\\x00\\xc0" and b"IEND" in chunks
            print("ok")
            """
        let result = try python3(check, [folder.path])
        #expect(result.out == "ok\n", "\(result.errors)")
        // The PDF: every offset of its cross-reference table is where its object begins, and startxref is the table's.
        let pdf = String(decoding: try #require(DocumentStandIn.bytes(for: .pdf)), as: UTF8.self)
        let bytes = Array(pdf.utf8)
        let table = try #require(pdf.firstMatch(of: /xref\n0 (\d+)\n((?:\d{10} \d{5} [nf] \n)+)/))
        let offsets = table.2.split(separator: "\n").dropFirst().map { Int($0.prefix(10))! }
        #expect(offsets.count == Int(table.1)! - 1)
        for (index, offset) in offsets.enumerated() {
            #expect(String(decoding: bytes[offset..<(offset + 8)], as: UTF8.self).hasPrefix("\(index + 1) 0 obj"))
        }
        let start = try #require(pdf.firstMatch(of: /startxref\n(\d+)\n%%EOF/))
        #expect(String(decoding: bytes[Int(start.1)!...].prefix(4), as: UTF8.self) == "xref")
        #expect(pdf.contains("/Length \("BT /F1 14 Tf 56 780 Td (\(DocumentStandIn.notice)) Tj ET".utf8.count)"))
    }

    @Test("`otherwise: null` on a NOT NULL column is refused when the generator is built, naming the fix")
    func nullRefusedOnNotNull() throws {
        let definition = try #require(GeneratorRegistry.standard.definition(named: "document.placeholder"))
        let setup = GeneratorSetup(
            parameters: try definition.resolve(["otherwise": .string("null")], at: "test", in: nil), key: Fixtures.key, generator: definition.name,
            domain: "t.c", consistent: false, column: Column(name: "c", declaredType: "BLOB", logicalType: .blob, isNullable: false))
        #expect { _ = try definition.make(setup) } throws: { "\($0)".contains("otherwise: empty") }
    }
}

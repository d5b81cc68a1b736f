/// A small valid file of a format, that holds no one's data: what `document.placeholder` writes in
/// place of a document or an image, so that the application that opens the copy's attachments,
/// previews or avatars still finds a file of the kind it expects. Documents say that the original
/// was withheld; images are one grey pixel.
public enum DocumentStandIn {
    static let notice = "Withheld by Understudy: this document held personal data."

    /// The stand-in for `format`; nil for those no stand-in is written for (a PowerPoint, an
    /// OpenDocument or an Office 97–2003 file, a video), which `otherwise:` decides.
    public static func bytes(for format: DocumentFormat) -> [UInt8]? {
        switch format {
        case .pdf: pdf
        case .word: word
        case .excel: excel
        case .rtf: Array("{\\rtf1\\ansi \(notice)\\par}".utf8)
        case .text: Array(notice.utf8)
        case .png: png
        // (HEIC has no writer here: a JPEG, which the viewers that read HEIC read too.)
        case .jpeg, .heic: jpeg
        case .gif: gif
        case .webp: webp
        case .tiff: tiff
        case .bmp: bmp
        case .zip: zip([])
        case .gzip: gzip
        case .powerpoint, .openDocument, .legacyOffice, .video: nil
        }
    }

    /// One A4 page with the notice on it: a catalogue, its pages, the page, its text and its font,
    /// and the cross-reference table of their offsets.
    static let pdf: [UInt8] = {
        let content = "BT /F1 14 Tf 56 780 Td (\(notice)) Tj ET"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { out += String(repeating: "0", count: 10 - String(offset).count) + "\(offset) 00000 n \n" }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(out.utf8)
    }()

    /// A Word document of one paragraph: the notice.
    static let word: [UInt8] = zip([
        ("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
            """),
        ("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>
            """),
        ("word/document.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>\(notice)</w:t></w:r></w:p></w:body></w:document>
            """),
    ])

    /// An Excel workbook of one sheet whose first cell holds the notice.
    static let excel: [UInt8] = zip([
        ("[Content_Types].xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>
            """),
        ("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """),
        ("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>
            """),
        ("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
            """),
        ("xl/worksheets/sheet1.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>\(notice)</t></is></c></row></sheetData></worksheet>
            """),
    ])

    /// One grey pixel: the signature, the header, the pixel's row compressed by zlib in a stored
    /// block, the end; each chunk with its CRC.
    static let png: [UInt8] = {
        func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
            let body = Array(type.utf8) + data
            return bigEndian(UInt32(data.count)) + body + bigEndian(crc32(body))
        }
        // Width 1, height 1, 8 bits of grey, no interlace.
        let header = bigEndian(1) + bigEndian(1) + [8, 0, 0, 0, 0]
        let row: [UInt8] = [0, 0xC0]
        let zlib: [UInt8] = [0x78, 0x01, 0x01, 0x02, 0x00, 0xFD, 0xFF] + row + bigEndian(adler32(row))
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + chunk("IHDR", header) + chunk("IDAT", zlib) + chunk("IEND", [])
    }()

    /// One grey pixel in each of the formats below, as Pillow 13 writes them (`Image.new("L", (1, 1),
    /// 192).save(…)`; the BMP in RGB), and the 1×1 GIF every web page has used as a spacer.
    static let jpeg = hex("ffd8ffe000104a46494600010100000100010000ffdb004300080606070605080707070909080a0c140d0c0b0b0c1912130f141d1a1f1e1d1a1c1c20242e2720222c231c1c2837292c30313434341f27393d38323c2e333432ffc0000b080001000101011100ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b5100002010303020403050504040000017d01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f00f40affd9")
    static let webp = hex("524946461e000000574542505650384c110000002f000000000750e00217b8ff8188e87f0000")
    static let tiff = hex("49492a0008000000090000010400010000000100000001010400010000000100000002010300010000000800000003010300010000000100000006010300010000000100000011010400010000007a0000001601040001000000010000001701040001000000010000001c010300010000000100000000000000c0")
    static let bmp = hex("424d3a0000000000000036000000280000000100000001000000010018000000000004000000c40e0000c40e00000000000000000000c0c0c000")
    static let gif = hex("4749463839610100010080000000000000ffffff21f90401000000002c00000000010001000002024401003b")
    /// gzip of nothing: the header, an empty final block, the CRC and length of nothing.
    static let gzip = hex("1f8b08000000000000ff0300000000000000000000")

    /// A ZIP archive of `entries`, stored (not compressed), with its central directory.
    static func zip(_ entries: [(name: String, text: String)]) -> [UInt8] {
        var out: [UInt8] = [], directory: [UInt8] = []
        for (name, text) in entries {
            let data = Array(text.utf8), path = Array(name.utf8)
            let crc = crc32(data)
            // Version 2.0, no flags, stored, a fixed time (1980-01-01), the CRC and sizes, the name.
            let common = littleEndian16(20) + littleEndian16(0) + littleEndian16(0) + littleEndian16(0) + littleEndian16(0x21)
                + littleEndian32(crc) + littleEndian32(UInt32(data.count)) + littleEndian32(UInt32(data.count)) + littleEndian16(UInt16(path.count)) + littleEndian16(0)
            directory += [0x50, 0x4B, 0x01, 0x02] + littleEndian16(20) + common + littleEndian16(0) + littleEndian16(0) + littleEndian16(0)
                + littleEndian32(0) + littleEndian32(UInt32(out.count)) + path
            out += [0x50, 0x4B, 0x03, 0x04] + common + path + data
        }
        let start = out.count
        out += directory
        out += [0x50, 0x4B, 0x05, 0x06] + littleEndian16(0) + littleEndian16(0) + littleEndian16(UInt16(entries.count)) + littleEndian16(UInt16(entries.count))
            + littleEndian32(UInt32(directory.count)) + littleEndian32(UInt32(start)) + littleEndian16(0)
        return out
    }

    /// CRC-32 as ZIP, gzip and PNG compute it (polynomial 0xEDB88320, reflected).
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    static func adler32(_ bytes: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in bytes {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] { [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }
    static func littleEndian32(_ value: UInt32) -> [UInt8] { bigEndian(value).reversed() }
    static func littleEndian16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }

    static func hex(_ digits: String) -> [UInt8] {
        let units = Array(digits.utf8)
        return stride(from: 0, to: units.count, by: 2).map { UInt8(String(decoding: units[$0..<($0 + 2)], as: UTF8.self), radix: 16)! }
    }
}

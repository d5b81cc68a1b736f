import Foundation
import Testing
@testable import UnderstudyCore

/// Email messages kept whole in a column of text (a help desk's raw articles, a mail archive's
/// source): headers with encoded words, bodies in quoted-printable or base64, parts inside parts,
/// attachments — read as the mail program shows them, redacted without breaking them.
@Suite("Email messages in a column of text")
struct MIMETests {
    static let pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\nBT (Referral: Grace Hopper, 12 Oak Street) Tj ET\n%%EOF\n"

    /// A referral as a mail program sends it: the names in an address's display name (quoted and
    /// Q-encoded), a B-encoded subject, a quoted-printable body with an accented name and a soft
    /// line break inside an address, the same letter in HTML in base64, and a PDF attachment whose
    /// file name names the patient.
    static func referral(lineBreak: String = "\n") -> String {
        let html = "<p>Dear Dr. Ren&eacute;e Okafor,</p><p>I am writing to refer my patient <b>Grace</b> Hopper.</p><p>Mary Johnson</p>"
        let message = """
            Return-Path: <mary.johnson@acme.com>
            Received: from mail.acme.com ([203.0.113.7]) by mx.example.org with ESMTPS;
            \tMon, 3 Jun 2024 10:00:00 +0200
            From: "Mary Johnson" <mary.johnson@acme.com>
            To: =?UTF-8?Q?Ren=C3=A9e_Okafor?= <renee.okafor@example.org>
            Subject: =?UTF-8?B?\(Data("Referral for Grace Hopper".utf8).base64EncodedString())?=
            Date: Mon, 3 Jun 2024 10:00:00 +0200
            Message-ID: <CAF123abc@mail.acme.com>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="outer-7"

            This is a multi-part message in MIME format.
            --outer-7
            Content-Type: multipart/alternative; boundary="inner-7"

            --inner-7
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            Dear Dr. Ren=C3=A9e Okafor,

            I am writing to refer my patient Grace Hopper, who lives at 12 Oak Street, Spri=
            ngfield. Please call me on +1 415 555 0134.

            Mary Johnson
            --inner-7
            Content-Type: text/html; charset=utf-8
            Content-Transfer-Encoding: base64

            \(Data(html.utf8).base64EncodedString(options: .lineLength76Characters).replacingOccurrences(of: "\r\n", with: "\n"))
            --inner-7--

            --outer-7
            Content-Type: application/pdf; name="referral_grace_hopper.pdf"
            Content-Disposition: attachment; filename="referral_grace_hopper.pdf"
            Content-Transfer-Encoding: base64

            \(Data(pdf.utf8).base64EncodedString(options: .lineLength76Characters).replacingOccurrences(of: "\r\n", with: "\n"))
            --outer-7--

            """
        return message.replacingOccurrences(of: "\n", with: lineBreak)
    }

    /// A reply in Latin-1 that forwards the first message: a `message/rfc822` part, its own headers
    /// and an 8-bit body.
    static let forward = """
        From: =?iso-8859-1?Q?Ren=E9e_Okafor?= <renee.okafor@example.org>
        To: Mary Johnson <mary.johnson@acme.com>
        Subject: Re: Referral
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary=b1

        --b1
        Content-Type: text/plain; charset=iso-8859-1
        Content-Transfer-Encoding: quoted-printable

        Thank you, I will see Grace Hopper on Monday.
        Ren=E9e Okafor

        --b1
        Content-Type: message/rfc822

        From: Mary Johnson <mary.johnson@acme.com>
        To: Ren\u{e9}e Okafor <renee.okafor@example.org>
        Subject: Referral for Grace Hopper
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: 8bit

        Dear Dr. Ren\u{e9}e Okafor, please see Grace Hopper.
        Mary Johnson

        --b1--
        """

    static let names = ["Mary", "Johnson", "Renée", "Okafor", "Grace", "Hopper", "Oak Street", "203.0.113.7", "415 555 0134", "mary.johnson", "renee.okafor"]

    static func redact(_ text: String, mode: String) throws -> String {
        try makeGenerator("text.redact", ["mode": .string(mode)]).generate(.text(text), row: RowPosition(ordinal: 0)).displayText
    }

    /// The message as Python's email package reads it (an independent reader): every header
    /// decoded, every text part's content, each attachment's file name and first bytes, and the
    /// defects it found.
    static func decoded(_ message: String) throws -> [String: JSONValue] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("understudy-mime-\(UUID().uuidString).eml")
        try Data(message.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let read = """
            import email, email.policy, json, sys
            def walk(m, out):
                out["defects"] += [type(d).__name__ for d in m.defects]
                for name, value in m.items():
                    out["headers"].append(f"{name}: {value}")
                if m.is_multipart():
                    for part in m.iter_parts(): walk(part, out)
                elif m.get_content_type() == "message/rfc822":
                    walk(m.get_content(), out)
                elif m.get_content_maintype() == "text":
                    out["text"].append(m.get_content())
                else:
                    out["attachments"].append({"file": m.get_filename(), "start": m.get_content()[:5].decode("latin-1")})
            m = email.message_from_bytes(open(sys.argv[1], "rb").read(), policy=email.policy.default)
            out = {"defects": [], "headers": [], "text": [], "attachments": []}
            walk(m, out)
            print(json.dumps(out))
            """
        let result = try python3(read, [file.path])
        guard result.status == 0, case .object(let object) = try JSONValue.parse(result.out) else {
            Issue.record("python3: \(result.errors)")
            return [:]
        }
        return Dictionary(object.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    static func strings(_ value: JSONValue?) -> [String] {
        guard case .array(let items) = value else { return [] }
        return items.map { if case .string(let text) = $0 { text } else { $0.text } }
    }

    @Test("the words are what a mail program shows: headers decoded (encoded words, folded lines), bodies decoded (quoted-printable with its soft line breaks, base64, a charset), HTML without its tags, file names; the structure (boundaries, Content-Type, Message-ID, Date) is no text")
    func words() throws {
        for lineBreak in ["\n", "\r\n"] {
            let parts = try #require(TextParts(mime: Self.referral(lineBreak: lineBreak)))
            let words = parts.words.replacingOccurrences(of: "\r\n", with: "\n")
            for expected in ["From: \"Mary Johnson\" <mary.johnson@acme.com>", "To: Renée Okafor <renee.okafor@example.org>", "Subject: Referral for Grace Hopper",
                             "Dear Dr. Renée Okafor,", "who lives at 12 Oak Street, Springfield.", "I am writing to refer my patient Grace Hopper.", "referral_grace_hopper.pdf", "203.0.113.7"] {
                #expect(words.contains(expected), "\(expected) in \(words)")
            }
            for structure in ["boundary", "outer-7", "quoted-printable", "CAF123abc", "Date:", "<b>", "MIME-Version", "=C3", "%PDF"] {
                #expect(!words.contains(structure), "\(structure) in \(words)")
            }
        }
        let forward = try #require(TextParts(mime: Self.forward)).words
        #expect(forward.contains("From: Renée Okafor") && forward.contains("I will see Grace Hopper") && forward.contains("Dear Dr. Renée Okafor, please see Grace Hopper."), "\(forward)")
    }

    @Test("text that is not a message is not read as one: a note of fields, a ticket that quotes a header, prose", arguments: [
        "Name: Mary Johnson\nPhone: +1 415 555 0134\n\nCalled about her order.",
        "Customer wrote:\nFrom: Mary Johnson\nSubject: refund\n\nPlease refund me.",
        "Subject: refund for Mary Johnson",
        "Dear Mary Johnson, thank you for your order.",
        "from: 2024-01-01\nto: 2024-02-01\nsubject: report for Mary Johnson\n",
    ])
    func notMessages(_ text: String) {
        #expect(TextParts(mime: text) == nil)
    }

    @Test("redacted in every mode, the message stays one that Python's email package reads without a defect, its structure byte for byte (boundaries, Content-Type, Date, Message-ID), and no name, address, phone number or IP address of the source is left in any header, body or file name; the attachment becomes a stand-in of its format", arguments: ["tag", "mask", "fake"])
    func redacted(_ mode: String) throws {
        for (source, lineBreak) in [(Self.referral(), "\n"), (Self.referral(lineBreak: "\r\n"), "\r\n"), (Self.forward, "\n")] {
            let redacted = try Self.redact(source, mode: mode)
            let decoded = try Self.decoded(redacted)
            #expect(Self.strings(decoded["defects"]).isEmpty, "\(decoded["defects"].map(\.text) ?? "") in \(redacted)")
            let text = (Self.strings(decoded["headers"]) + Self.strings(decoded["text"])).joined(separator: "\n")
            #expect(text.contains("Dear Dr.") && text.contains("Subject: "), "\(text)")
            for name in Self.names {
                #expect(!text.contains(name), "\(name) left (\(mode)) in \(text)")
            }
            if source != Self.forward {
                guard case .array(let attachments) = decoded["attachments"], attachments.count == 1, case .object(let fields) = attachments[0] else {
                    Issue.record("attachments: \(decoded["attachments"].map(\.text) ?? "")"); continue
                }
                let attachment = Dictionary(fields.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
                #expect(attachment["start"] == .string("%PDF-"))
                #expect(!redacted.contains(Data(Self.pdf.utf8).base64EncodedString().prefix(40)))
                if case .string(let file) = attachment["file"] {
                    #expect(file.hasSuffix(".pdf") && !file.lowercased().contains("grace") && !file.lowercased().contains("hopper"), "\(file)")
                } else { Issue.record("no file name: \(attachment)") }
                for line in ["Content-Type: multipart/mixed; boundary=\"outer-7\"", "--outer-7", "--inner-7--", "Date: Mon, 3 Jun 2024 10:00:00 +0200", "Message-ID: <CAF123abc@mail.acme.com>",
                             "Content-Transfer-Encoding: quoted-printable", "Content-Type: text/html; charset=utf-8"] {
                    #expect(redacted.contains(line + lineBreak), "\(line) in \(redacted)")
                }
                if mode == "fake" {
                    // A quoted-printable body's lines and the headers stay short.
                    let long = redacted.split(whereSeparator: \.isNewline).filter { $0.count > 78 && !$0.hasPrefix("Received") }
                    #expect(long.isEmpty, "\(long)")
                }
            }
        }
    }

    @Test("a header that held encoded words is written again with its words beyond ASCII as encoded words, runs of them as one, lines folded at a space before 76 characters")
    func headerValues() {
        #expect(MIME.headerValue(" Appointment for Renée Okafor", q: true, newline: "\r\n", after: 8) == " Appointment for =?UTF-8?Q?Ren=C3=A9e?= Okafor")
        #expect(MIME.headerValue(" Zoë Ångström <z@example.org>", q: false, newline: "\n", after: 5) == " =?UTF-8?B?Wm/DqyDDhW5nc3Ryw7Zt?= <z@example.org>")
        let long = MIME.headerValue(" " + Array(repeating: "Referral", count: 12).joined(separator: " ") + " for Dmitrí Volkov", q: true, newline: "\n", after: 8)
        #expect(long.split(separator: "\n").allSatisfy { $0.count <= 76 } && long.contains("\n ") && long.replacingOccurrences(of: "\n ", with: " ").hasSuffix(" for =?UTF-8?Q?Dmitr=C3=AD?= Volkov"), "\(long)")
        // Written into a message, Python reads it back.
        for value in ["Renée Okafor", "Зоя Иванова <z@example.org>", "Re: Ärger mit Jürgen Müller"] {
            let written = MIME.headerValue(" " + value, q: true, newline: "\n", after: 8)
            #expect(throws: Never.self) {
                let decoded = try Self.decoded("Subject:\(written)\nDate: Mon, 3 Jun 2024 10:00:00 +0200\n\nx\n")
                #expect(Self.strings(decoded["headers"]).first == "Subject: \(value)" && Self.strings(decoded["defects"]).isEmpty, "\(decoded)")
            }
        }
    }

    @Test("a broken message (cut anywhere, a range deleted, an encoded word, a boundary, a header or a lone `=` dropped anywhere) is read as far as it goes and redacted in every mode without a fault, its unread text as it was")
    func brokenMessages() throws {
        let tokens = ["=", "=?", "=?UTF-8?Q?", "?=", "=?x?B?@@@?=", "=?UTF-8?B?TWFyeQ?=", "\r", "\n", "\n\n", "--outer-7", "--outer-7--\n", "\n--inner-7\n",
                      "Content-Type: multipart/mixed; boundary=\"\"\n", "Content-Transfer-Encoding: base64\n", "Content-Type: message/rfc822\n\n", "boundary=\"", "\"", ";",
                      "=C3", "=\n", "é", "😀", "\u{301}", " ", "\t"]
        let sources = [Self.referral(), Self.referral(lineBreak: "\r\n"), Self.forward]
        var random = KeyedRandom(seed: [UInt8](repeating: 39, count: 32))
        let generators = try ["tag", "mask", "fake"].map { try makeGenerator("text.redact", ["mode": .string($0)]) }
        for round in 0..<600 {
            var units = Array(sources[round % sources.count].unicodeScalars)
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                let at = Int.random(in: 0...units.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: units = Array(units[..<at])
                case 1: units.removeSubrange(at..<min(units.count, at + Int.random(in: 1...40, using: &random)))
                default: units.insert(contentsOf: tokens.randomElement(using: &random)!.unicodeScalars, at: at)
                }
            }
            var text = ""
            text.unicodeScalars.append(contentsOf: units)
            if let parts = TextParts(mime: text), !parts.hasStandIns {
                #expect(parts.redacted([], { _, original in original }) == text)
            }
            for generator in generators { _ = try generator.generate(.text(text), row: RowPosition(ordinal: Int64(round))) }
        }
    }

    @Test("the scanner reads a column of messages as text.redact does: people named only in encoded words and base64 bodies are found (they were not: the column's evidence named no person), and the evidence says the values are email messages")
    func scanned() throws {
        let people = ["Renée Okafor", "Grace Hopper", "Dmitri Volkov", "Ana Lima", "Jürgen Müller"]
        let messages: [Value] = (0..<30).map { i in
            let person = people[i % people.count]
            let body = "Dear \(person),\n\nyour appointment on Friday is confirmed.\n\nKind regards,\nThe clinic\n"
            return .text("""
                From: noreply@clinic.example
                To: =?UTF-8?B?\(Data(person.utf8).base64EncodedString())?= <patient-\(i)@mail.example>
                Subject: =?UTF-8?Q?Your_appointment?=
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: base64

                \(Data(body.utf8).base64EncodedString(options: .lineLength76Characters).replacingOccurrences(of: "\r\n", with: "\n"))

                """)
        }
        let table = Table(name: "articles", columns: [Column(name: "col_a", declaredType: "text", logicalType: .text, isNullable: true)])
        let findings = Scanner().scan(table: table, sample: RowBatch(columnNames: ["col_a"], columns: [messages], firstOrdinal: 0))
        let finding = try #require(findings.first)
        #expect(finding.kind == .freeText && finding.generator == "text.redact" && finding.evidence.contains { $0.contains("PERSON 100%") }, "\(finding)")
        #expect(finding.evidence.contains { $0.contains("30 are email messages, read decoded, 0 with attachments") }, "\(finding.evidence)")
    }

    @Test("an attachment's file name beyond ASCII as mail programs write it (RFC 2231: `filename*=UTF-8''Ren%C3%A9e…`, and cut into numbered pieces) is read decoded and written again encoded, one piece (it stayed)", arguments: [
        "filename*=UTF-8''referral_ren%C3%A9e_hopper.pdf",
        "filename*0*=UTF-8''Befund%20J%C3%BCrgen%20; filename*1*=M%C3%BCller.pdf",
        "filename*0=\"Befund Grace \"; filename*1=\"Hopper.pdf\"",
    ])
    func encodedFileNames(_ parameter: String) throws {
        let message = """
            From: clinic@example.org
            Subject: Befund
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain

            Attached.
            --b
            Content-Type: application/pdf
            Content-Disposition: attachment; \(parameter)
            Content-Transfer-Encoding: base64

            \(Data(Self.pdf.utf8).base64EncodedString())
            --b--

            """
        let before = try Self.decoded(message)
        guard case .array(let found) = before["attachments"], case .object(let fields) = found.first else { Issue.record("\(before)"); return }
        let name = fields.first { $0.key == "file" }?.value
        #expect(name == .string("referral_renée_hopper.pdf") || name == .string("Befund Jürgen Müller.pdf") || name == .string("Befund Grace Hopper.pdf"), "\(String(describing: name))")
        #expect(TextParts(mime: message)?.words.contains(name.map { if case .string(let text) = $0 { text } else { "" } } ?? "?") == true)
        for mode in ["tag", "fake"] {
            let redacted = try Self.redact(message, mode: mode)
            let decoded = try Self.decoded(redacted)
            #expect(Self.strings(decoded["defects"]).isEmpty, "\(redacted)")
            guard case .array(let attachments) = decoded["attachments"], case .object(let fields) = attachments.first,
                  case .string(let file) = fields.first(where: { $0.key == "file" })?.value else { Issue.record("\(decoded)"); continue }
            for word in ["Renée", "renée", "Jürgen", "Müller", "Grace", "Hopper", "hopper"] {
                #expect(!file.contains(word), "\(mode): \(file) in \(redacted)")
            }
            #expect(file.hasSuffix(".pdf") || mode == "tag", "\(file)")
        }
    }

    @Test("a message of many parts, each naming its person in a body of its own (quoted-printable, base64, plain), has every part redacted")
    func manyParts() throws {
        let people = ["Grace Hopper", "Mary Johnson", "Renée Okafor"]
        var message = "From: records@example.org\nSubject: digest\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=p\n\n"
        for i in 0..<300 {
            let body = "Dear \(people[i % 3]), your record \(i) is ready.\n"
            switch i % 3 {
            case 0: message += "--p\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64\n\n\(Data(body.utf8).base64EncodedString())\n"
            case 1: message += "--p\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n\(MIME.quotedPrintable(Array(body.utf8), newline: "\n"))\n"
            default: message += "--p\nContent-Type: text/plain; charset=utf-8\n\n\(body)"
            }
        }
        message += "--p--\n"
        let redacted = try Self.redact(message, mode: "tag")
        let decoded = try Self.decoded(redacted)
        let texts = Self.strings(decoded["text"])
        #expect(texts.count == 300 && Self.strings(decoded["defects"]).isEmpty)
        #expect(texts.allSatisfy { $0.hasPrefix("Dear [PERSON], your record") }, "\(texts.filter { !$0.hasPrefix("Dear [PERSON]") }.prefix(3))")
    }

    @Test("a message that names no one and has no attachment is written back as it was, byte for byte")
    func unchanged() throws {
        let message = "Date: Mon, 3 Jun 2024 10:00:00 +0200\r\nMIME-Version: 1.0\r\nSubject: =?UTF-8?Q?Invoice_=E2=84=96_4471?=\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nInvoice =E2=84=96 4471 is attached.=\r\n Total due: 120.00 EUR.\r\n"
        #expect(try Self.redact(message, mode: "fake") == message)
    }
}

import Foundation
import Testing
@testable import UnderstudyCore

/// XML, HTML and JSON documents (PostgreSQL's `xml` and `jsonb`: SOAP payloads, HL7 documents, event
/// payloads, profiles) read as the text a person reads in them, and redacted without breaking them.
@Suite("Documents in free text: XML, HTML and JSON")
struct TextPartsTests {
    static func redact(_ xml: String, mode: String = "tag", type: String = "xml") throws -> String {
        let definition = try #require(GeneratorRegistry.standard.definition(named: "text.redact"))
        var column = Column(name: "doc", declaredType: type, logicalType: type == "xml" ? .text : .json, isNullable: true)
        column.syntax = type == "xml" ? "xml" : nil
        let setup = GeneratorSetup(
            parameters: try definition.resolve(["mode": .string(mode)], at: "test", in: nil), key: Fixtures.key, generator: "text.redact",
            domain: "t.doc", consistent: true, column: column)
        return try definition.make(setup).generate(.text(xml), row: RowPosition(ordinal: 0)).displayText
    }

    @Test("the words are the text nodes, attribute values, comments and CDATA, apart from the markup: element and attribute names are no names")
    func words() {
        let xml = #"<customer id="7" note='VIP'><name>Maria Schmidt</name><!-- called Ana Lima --><![CDATA[John <Smith>]]><?pi x?></customer>"#
        let words = TextParts(xml: xml).words
        #expect(words.contains("Maria Schmidt") && words.contains("VIP") && words.contains("called Ana Lima") && words.contains("John <Smith>"), "\(words)")
        #expect(!words.contains("customer") && !words.contains("name") && !words.contains("pi x"), "\(words)")
    }

    @Test("elements one to a field are read apart (given and family names one per element, pretty-printed or not), words inside inline markup together")
    func separators() throws {
        for xml in ["<name><given>Maria</given><family>Schmidt</family></name>", "<name>\n  <given>Maria</given>\n  <family>Schmidt</family>\n</name>"] {
            let redacted = try Self.redact(xml)
            #expect(!redacted.contains("Maria") && !redacted.contains("Schmidt"), "\(redacted)")
        }
        #expect(try Self.redact("<p>Please call <b>Maria Schmidt</b> today</p>") == "<p>Please call <b>[PERSON]</b> today</p>")
        #expect(try Self.redact("<p>Please call Maria <b>Schmidt</b> today</p>").components(separatedBy: "[PERSON]").count == 3)
    }

    @Test("redacted in place: names in text, attributes, comments and CDATA replaced, the markup and every other byte kept, no source name left in any mode")
    func redactsInPlace() throws {
        let xml = #"<?xml version="1.0"?><customer id="7" contact="Ana Lima"><name>Maria Schmidt</name><email>maria@example.com</email><!-- spoke to Peter Jones --><![CDATA[Call John Smith at +1 415 555 0134]]></customer>"#
        #expect(try Self.redact(xml) == #"<?xml version="1.0"?><customer id="7" contact="[PERSON]"><name>[PERSON]</name><email>[EMAIL_ADDRESS]</email><!-- spoke to [PERSON] --><![CDATA[Call [PERSON] at [PHONE_NUMBER]]]></customer>"#)
        for mode in ["fake", "mask"] {
            let redacted = try Self.redact(xml, mode: mode)
            for name in ["Ana", "Lima", "Maria", "Schmidt", "maria@", "Peter", "Jones", "John", "Smith", "0134"] { #expect(!redacted.contains(name), "\(mode): \(redacted)") }
            #expect(redacted.hasPrefix(#"<?xml version="1.0"?><customer id="7" contact=""#) && redacted.hasSuffix("]]></customer>"), "\(redacted)")
        }
    }

    @Test("a replacement is written escaped for where it goes: markup characters and quotes in text and attributes, `--` in a comment, `]]>` in CDATA")
    func escapesReplacements() {
        let xml = #"<a t='Maria Schmidt' u="Maria Schmidt">Maria Schmidt<!--Maria Schmidt--><![CDATA[Maria Schmidt]]></a>"#
        let reader = TextParts(xml: xml)
        let spans = EntityRecognizer().spans(in: reader.words)
        let out = reader.redacted(spans) { _, _ in #"<&'"-->]]>-"# }
        #expect(out == #"<a t='&lt;&amp;&#39;&quot;--&gt;]]&gt;-' u="&lt;&amp;&#39;&quot;--&gt;]]&gt;-">&lt;&amp;&#39;&quot;--&gt;]]&gt;-<!--<&'"- ->]]>- --><![CDATA[<&'"-->]]]]><![CDATA[>-]]></a>"#, "\(out)")
    }

    @Test("escapes in the source are read as their characters and covered whole by the replacement (`Ren&#233;e`, `&amp;`)")
    func sourceEscapes() throws {
        let redacted = try Self.redact("<n>Ren&#233;e Schmidt &amp; Jos&#xE9; Garcia</n>")
        #expect(redacted == "<n>[PERSON] &amp; [PERSON]</n>", "\(redacted)")
    }

    @Test("text that is not well-formed XML is read leniently: a `<` that opens no tag is text, so the names after it are still found", arguments: [
        "Maria Schmidt paid 5 < 6 dollars to John Smith",
        "<note>Maria Schmidt <unclosed John Smith",
        "a <b c='John Smith",
    ])
    func lenient(text: String) throws {
        let redacted = try Self.redact(text)
        #expect(!redacted.contains("Smith"), "\(redacted)")
    }

    @Test("JSON: each string value is read as a field of its own, after its key (a surname in a field of its own stayed: {\"first\": \"[PERSON]\", \"last\": \"Schmidt\"}; a name no list holds under `first` and `last` stayed), keys never replaced, replacements escaped as JSON, the document still JSON with its keys")
    func json() throws {
        let doc = #"{"first": "Maria", "last": "Schmidt", "tags": ["vip", 7, null], "contact": {"note": "Call \"John Smith\" at +1 415 555 0134", "email": "maria@example.com"}}"#
        #expect(try Self.redact(doc, type: "jsonb") == #"{"first": "[PERSON]", "last": "[PERSON]", "tags": ["vip", 7, null], "contact": {"note": "Call \"[PERSON]\" at [PHONE_NUMBER]", "email": "[EMAIL_ADDRESS]"}}"#)
        for mode in ["fake", "mask"] {
            let redacted = try Self.redact(doc, mode: mode, type: "jsonb")
            for name in ["Maria", "Schmidt", "John", "Smith", "0134", "maria@"] { #expect(!redacted.contains(name), "\(mode): \(redacted)") }
            guard case .object(let members) = try JSONValue.parse(redacted) else { Issue.record("not an object: \(redacted)"); continue }
            #expect(members.map(\.key) == ["first", "last", "tags", "contact"])
        }
        // A name no list holds, under a key that says which part of a name it is (`Dmitri`, `Volkov` stayed), in a
        // document of a column and in JSON kept as text.
        let unlisted = #"{"user": {"first": "Dmitri", "last": "Volkov", "addr": {"city": "Reading"}}, "amount": 3}"#
        // (The town under `city` is a place by its key: it stayed.)
        let expected = #"{"user": {"first": "[PERSON]", "last": "[PERSON]", "addr": {"city": "[LOCATION]"}}, "amount": 3}"#
        #expect(try Self.redact(unlisted, type: "jsonb") == expected)
        #expect(try makeGenerator("text.redact", ["mode": .string("tag")]).generate(.text(unlisted), row: .init(ordinal: 0)).displayText == expected)
        // Faked, the surname's key gets a surname, the first name's a first name (`"last"` got a first name).
        let faked = try Self.redact(unlisted, mode: "fake", type: "jsonb")
        guard case .object(let top) = try JSONValue.parse(faked), case .object(let user)? = top.first(where: { $0.key == "user" })?.value,
              case .string(let first)? = user.first(where: { $0.key == "first" })?.value, case .string(let last)? = user.first(where: { $0.key == "last" })?.value else {
            Issue.record("not the document's shape: \(faked)")
            return
        }
        #expect(Lexicon.shared.lookup(first.lowercased()).contains(.firstName) && Lexicon.shared.lookup(last.lowercased()).contains(.lastName) && first != "Dmitri" && last != "Volkov", "\(faked)")
        let parts = try #require(TextParts(json: #"{"a": "Maria Schmidt"}"#))
        #expect(parts.redacted(EntityRecognizer().spans(in: parts.words)) { _, _ in #"say "hi" \ bye"# + "\n" } == #"{"a": "say \"hi\" \\ bye\n"}"#)
    }

    @Test("a replacement never splits an escape: a span ending inside an escaped quote or `&amp;` is widened over it")
    func escapesKeptWhole() throws {
        let json = try #require(TextParts(json: #"{"a": "ab\"cd"}"#))
        // (The value comes after its key in the words read: `"a": "ab\"cd"`.)
        let value = Array(json.words.utf16).firstIndex(of: 0x61 + 1)! - 1
        #expect(json.redacted([EntitySpan(kind: .person, start: value, end: value + 3, score: 1, recognizer: "t")]) { _, _ in "Z" } == #"{"a": "Zcd"}"#)
        let xml = TextParts(xml: "<a>ab&amp;cd</a>")
        #expect(xml.redacted([EntitySpan(kind: .person, start: 1, end: 4, score: 1, recognizer: "t")]) { _, _ in "Z" } == "<a>aZcd</a>")
    }

    /// A column of text holding HTML (a rich-text editor's, an email's body), redacted as `text.redact` does a column of `TEXT`.
    static func redactHTML(_ html: String, mode: String = "tag") throws -> String {
        try makeGenerator("text.redact", ["mode": .string(mode)]).generate(.text(html), row: .init(ordinal: 0)).displayText
    }

    @Test("HTML in a column of text keeps its markup: a name across an inline tag is replaced around the tag (`Dear <b>Mary</b> Johnson` ate the `</b>`), class and style values and a style sheet are no text (`font-family: Georgia` became a person), attribute text and table cells are read apart", arguments: [
        (#"<div class="Footer"><span class="Chip">Sent by <a href="mailto:mary.johnson@acme.com">Mary Johnson</a></span></div>"#,
         #"<div class="Footer"><span class="Chip">Sent by <a href="mailto:[EMAIL_ADDRESS]">[PERSON]</a></span></div>"#),
        ("<p>Dear <b>Mary</b> Johnson,</p><p>Thanks</p>", "<p>Dear <b>[PERSON]</b> [PERSON],</p><p>Thanks</p>"),
        ("<p>Hi <strong>Priya</strong>,<br>your package goes to <em>42 Baker Street</em>.</p>", "<p>Hi <strong>[PERSON]</strong>,<br>your package goes to <em>[STREET_ADDRESS]</em>.</p>"),
        (#"<p style="font-family: Georgia; color: Navy">Best, <i>Harold Finch</i></p>"#, #"<p style="font-family: Georgia; color: Navy">Best, <i>[PERSON]</i></p>"#),
        ("<style>.Grace { color: red }</style><p class=Grace>Grace Hopper</p>", "<style>.Grace { color: red }</style><p class=Grace>[PERSON]</p>"),
        (#"<img src="/logo.png" alt="Photo of Mary Johnson" width=120>"#, #"<img src="/logo.png" alt="Photo of [PERSON]" width=120>"#),
        (#"<table><tr><th>Name</th><th>Phone</th></tr><tr><td>Kwame Mensah</td><td>555-201-3344</td></tr></table>"#,
         #"<table><tr><th>Name</th><th>Phone</th></tr><tr><td>[PERSON]</td><td>[PHONE_NUMBER]</td></tr></table>"#),
        ("<p>From: Mary Johnson &lt;mary@acme.com&gt;</p>", "<p>From: [PERSON] &lt;[EMAIL_ADDRESS]&gt;</p>"),
        // Angle brackets around an address are no markup, in HTML or in prose.
        ("<p>Hi</p>Contact: Ana Lima <ana.lima@acme.com>", "<p>Hi</p>Contact: [PERSON] <[EMAIL_ADDRESS]>"),
        ("From: Mary Johnson <mary@acme.com>", "From: [PERSON] <[EMAIL_ADDRESS]>"),
    ])
    func html(_ html: String, _ expected: String) throws {
        #expect(try Self.redactHTML(html) == expected)
    }

    @Test("HTML faked: a name across an inline tag gets one fake, its words on either side of the tag as the name's were; an unquoted attribute's replacement stays one value; nothing of the source left")
    func htmlFaked() throws {
        let faked = try Self.redactHTML("<p>Dear <b>Mary</b> Johnson, call Mary Johnson today.</p>", mode: "fake")
        let whole = try #require(faked.firstMatch(of: /call (.+) today/)?.1)
        let words = whole.split(separator: " ")
        #expect(words.count == 2 && faked.hasPrefix("<p>Dear <b>\(words[0])</b> \(words[1]),"), "\(faked)")
        #expect(!faked.contains("Mary") && !faked.contains("Johnson"), "\(faked)")
        let parts = try #require(TextParts(html: "<input value=Harold>"))
        #expect(parts.redacted(EntityRecognizer().spans(in: parts.words)) { _, _ in "Ana Lima" } == "<input value=Ana&#32;Lima>")
        #expect(TextParts(html: "a < b and c > d, from Mary <mary@acme.com>") == nil)
    }

    @Test("HTML of inline and block tags dropped anywhere in a note, between words and inside them: every tag comes out as it went in, in every mode, and with inline tags only no word of the name, the phone number or the street is left")
    func htmlMarkupKept() throws {
        let words = ["Please", "call", "Mary", "Johnson", "at", "415-555-0134", "about", "42", "Baker", "Street", "today."]
        let inline = [("<b>", "</b>"), ("<i>", "</i>"), (#"<span class="note">"#, "</span>"), ("<em>", "</em>"), (#"<a href="/x">"#, "</a>")]
        func tags(_ html: String) -> [String] { html.matches(of: /<[^>]*>/).map { String($0.output) } }
        var random = KeyedRandom(seed: [UInt8](repeating: 38, count: 32))
        for round in 0..<300 {
            let blocks = round % 2 == 1
            var html = "<p>"
            for (k, word) in words.enumerated() {
                var word = word
                if Int.random(in: 0..<3, using: &random) == 0 {
                    let (open, close) = inline.randomElement(using: &random)!
                    // Around the word, or around a part of it (`Jo<b>hn</b>son`).
                    if word.count > 3, Bool.random(using: &random) {
                        let cut = Int.random(in: 1..<(word.count - 1), using: &random)
                        word = String(word.prefix(cut)) + open + String(word.dropFirst(cut)) + close
                    } else {
                        word = open + word + close
                    }
                }
                html += word
                if k < words.count - 1 { html += blocks && Int.random(in: 0..<4, using: &random) == 0 ? "<br>" : " " }
            }
            html += "</p>"
            for mode in ["tag", "mask", "fake"] {
                let out = try Self.redactHTML(html, mode: mode)
                #expect(tags(out) == tags(html), "\(mode): \(html) → \(out)")
                if !blocks {
                    let read = out.replacing(/<[^>]*>/, with: "")
                    for word in ["Mary", "Johnson", "0134", "Baker"] { #expect(!read.contains(word), "\(mode): \(html) → \(out)") }
                }
            }
        }
    }

    @Test("RTF in a column of text (a clinical note as a word processor saves it) is read as its text — control words as nothing or a line break, `\\'e9` and `\\u1052?` as their letters, the font table no text — and redacted without breaking its groups (`Dr. Ren\\'e9e Okafor` left `Okafor`)", arguments: [
        (#"{\rtf1\ansi\deff0{\fonttbl{\f0 Arial;}}\f0\fs20 Patient: \b Mary Johnson\b0\par DOB 07/14/1962\par Seen by Dr. Ren\'e9e Okafor\par}"#,
         #"{\rtf1\ansi\deff0{\fonttbl{\f0 Arial;}}\f0\fs20 Patient: \b [PERSON]\b0\par DOB [DATE_TIME]\par Seen by Dr. [PERSON]\par}"#),
        (#"{\rtf1\ansi\uc1 Client \u1052?\u1072?\u1088?\u1080?\u1103? \u1048?\u1074?\u1072?\u1085?\u1086?\u1074?\u1072? called}"#,
         #"{\rtf1\ansi\uc1 Client [PERSON] called}"#),
        (#"{\rtf1{\fonttbl{\f0\fswiss Georgia;}{\f1 Grace Hopper Sans;}}{\info{\author Mary Johnson}}\f0 Hello}"#,
         #"{\rtf1{\fonttbl{\f0\fswiss Georgia;}{\f1 Grace Hopper Sans;}}{\info{\author [PERSON]}}\f0 Hello}"#),
        (#"{\rtf1 Call {\b Mary} Johnson at 415-555-0134.}"#, #"{\rtf1 Call {\b [PERSON]} [PERSON] at [PHONE_NUMBER].}"#),
    ])
    func rtf(_ rtf: String, _ expected: String) throws {
        #expect(try Self.redactHTML(rtf) == expected)
    }

    @Test("RTF cut short is read as far as it goes: a backslash as the last character (FuzzRedact: the reader added an empty run at it forever, 26 GB asked) and a fallback count of billions (`\\uc2000000000`)")
    func rtfCutShort() throws {
        let parts = try #require(TextParts(rtf: "{\\rtf1 Call {\\b Mary} Johnson\\"))
        #expect(parts.words.contains("Mary Johnson"))
        let long = try #require(TextParts(rtf: "{\\rtf1\\uc2000000000 \\u233{Mary Johnson}"))
        #expect(long.words.contains("Mary Johnson"))
    }

    @Test("RTF faked: a name across a group gets one fake shared out around the braces, letters beyond ASCII written as \\u escapes, braces and backslashes escaped, a replacement after a control word kept apart from it")
    func rtfFaked() throws {
        let faked = try Self.redactHTML(#"{\rtf1 Call {\b Mary} Johnson today, and Mary Johnson again.}"#, mode: "fake")
        let whole = try #require(faked.firstMatch(of: /and (.+) again/)?.1)
        let words = whole.split(separator: " ")
        #expect(words.count == 2 && faked.hasPrefix(#"{\rtf1 Call {\b "# + words[0] + "} " + words[1] + " today"), "\(faked)")
        let parts = try #require(TextParts(rtf: #"{\rtf1\b0Mary Johnson}"#))
        #expect(parts.words.contains("Mary Johnson"))
        #expect(parts.redacted(EntityRecognizer().spans(in: parts.words)) { _, _ in #"José {x}\ 7"# } == #"{\rtf1\b0 Jos\u233? \{x\}\\ 7}"#)
        // A document that writes two fallback characters after `\u`, or none: the replacement's the same (one `?` after
        // `\u233` was one character too few to skip under `\uc2`, and shown under `\uc0`).
        for (uc, after) in [("\\uc2", "??"), ("\\uc0", " ")] {
            let document = try #require(TextParts(rtf: #"{\rtf1"# + uc + " Mary Johnson}"))
            #expect(document.redacted(EntityRecognizer().spans(in: document.words)) { _, _ in "José" } == #"{\rtf1"# + uc + #" Jos\u233"# + after + "}")
        }
        let broken = try Self.redactHTML("{\\rtf1 Call Mary John\r\nson today}")
        #expect(!broken.contains("Mary") && !broken.contains("John") && !broken.contains("son today") && broken.hasSuffix(" today}"), "\(broken)")
        #expect(TextParts(rtf: "Not RTF: {\\b Mary}") == nil)
    }

    @Test("text in a JSON column that is not JSON (SQLite keeps anything) is read as prose, not as the strings between its quotes")
    func notJSON() throws {
        #expect(TextParts(json: #"He said "hello" to John Smith"#) == nil)
        let redacted = try Self.redact(#"He said "hello" to John Smith"#, type: "json")
        #expect(redacted == #"He said "hello" to [PERSON]"#, "\(redacted)")
    }
}

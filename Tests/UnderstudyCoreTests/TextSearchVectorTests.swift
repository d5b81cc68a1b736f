import Testing
@testable import UnderstudyCore

/// PostgreSQL `tsvector` and `hstore` columns hold the words of personal text: the scanner finds
/// them, and `text.redact` replaces them keeping the column's syntax.
@Suite("Full-text vectors and hstore")
struct TextSearchVectorTests {
    func redactor(_ declaredType: String, _ parameters: [String: ParameterValue] = [:]) throws -> any Generator {
        let definition = try #require(GeneratorRegistry.standard.definition(named: "text.redact"))
        let setup = GeneratorSetup(
            parameters: try definition.resolve(parameters, at: "test", in: nil), key: Fixtures.key, generator: "text.redact", domain: "t.c",
            consistent: true, column: Column(name: "c", declaredType: declaredType, logicalType: .text, isNullable: true))
        return try definition.make(setup)
    }

    @Test("a vector reads back as written: quotes, backslashes, weights, several positions, none; its words in the order of their positions; anything else is no vector")
    func parsing() throws {
        let text = #"'1':5 'call':3 'gonzalez':2A 'it''s':6 'mari':1,7B 'x\\y':8"#
        let vector = try #require(TextSearchVector(text))
        #expect(vector.text == text)
        #expect(vector.words.text == #"mari gonzalez call 1 it's mari x\y"#)
        #expect(TextSearchVector("'a' 'b'")?.words.text == "a b")
        #expect(TextSearchVector("") == TextSearchVector(lexemes: []))
        for broken in ["plain words", "'open", "'a':x", "'a':1,"] { #expect(TextSearchVector(broken) == nil, "\(broken)") }
    }

    @Test("text.redact on a tsvector: no word of a name stays, at any of its positions; the fakes take their positions; the rest is kept; the same vector, the same result")
    func vectors() throws {
        // to_tsvector('simple', 'Maria Gonzalez called about order 12; maria gonzalez again')
        let vector = "'12':6 'about':4 'again':9 'called':3 'gonzalez':2,8 'maria':1,7 'order':5"
        let generator = try redactor("tsvector")
        let out = try generator.generate(.text(vector), row: .init(ordinal: 0)).displayText
        let parsed = try #require(TextSearchVector(out), "\(out)")
        let words = Set(parsed.lexemes.map(\.word))
        #expect(!words.contains("maria") && !words.contains("gonzalez"), "\(out)")
        #expect(["12", "about", "again", "called", "order"].allSatisfy(words.contains), "\(out)")
        let positions = Set(parsed.lexemes.flatMap(\.positions))
        #expect(["1", "2", "7", "8"].allSatisfy(positions.contains), "the name's positions hold its fake: \(out)")
        #expect(try generator.generate(.text(vector), row: .init(ordinal: 5)).displayText == out)
        let tagged = try redactor("tsvector", ["mode": .string("tag")]).generate(.text(vector), row: .init(ordinal: 0)).displayText
        #expect(tagged.contains("'person':1,7") || tagged.contains("'person':1,2,7,8"), "\(tagged)")
        // A column of another type is left as it was read (text without names as well).
        #expect(try generator.generate(.text("'order':1 'shipped':2"), row: .init(ordinal: 0)).displayText == "'order':1 'shipped':2")
    }

    @Test("text.redact on an hstore: names in keys and values replaced, its quoting intact")
    func hstore() throws {
        let text = #""city"=>"Boston", "name"=>"John Smith", "note"=>"call Maria Gonzalez""#
        let out = try redactor("hstore").generate(.text(text), row: .init(ordinal: 0)).displayText
        #expect(!out.contains("John Smith") && !out.contains("Maria Gonzalez"), "\(out)")
        #expect(out.hasPrefix(#""city"=>"#) && out.components(separatedBy: "\"").count == text.components(separatedBy: "\"").count, "\(out)")
        // A replacement holding a quote and a backslash (a recognizer's tag here) is escaped, as an
        // hstore value must be: unescaped, `[SAY "HI"\]` would end the value early.
        let quoted = try redactor("hstore", ["mode": .string("tag"), "recognizers": .list([.mapping(["name": .string(#"say "hi"\"#), "pattern": .string(#"K-\d+"#)])])])
        #expect(try quoted.generate(.text(#""k"=>"K-12""#), row: .init(ordinal: 0)).displayText == #""k"=>"[SAY \"HI\"\\]""#)
    }

    @Test("the scanner reads a tsvector's words and an hstore's pairs as free text: names found, however short")
    func scanning() {
        let table = Table(name: "docs", columns: [
            Column(name: "search", declaredType: "tsvector", logicalType: .text, isNullable: true),
            Column(name: "attrs", declaredType: "public.hstore", logicalType: .text, isNullable: true),
        ])
        let first = ["maria", "john", "ana", "peter", "linda"], last = ["gonzalez", "smith", "lima", "miller", "brown"]
        let vectors = (0..<100).map { Value.text("'\(last[$0 % 5])':2 '\(first[$0 % 5])':1 'order':3") }
        let pairs = (0..<100).map { Value.text(#""name"=>"\#(first[$0 % 5].capitalized) \#(last[$0 % 5].capitalized)""#) }
        let batch = RowBatch(columnNames: ["search", "attrs"], columns: [vectors, pairs], firstOrdinal: 0)
        let findings = Scanner().scan(table: table, sample: batch)
        for column in ["search", "attrs"] {
            let finding = findings.first { $0.column == column }
            #expect(finding?.kind == .freeText && finding?.generator == "text.redact", "\(column): \(String(describing: finding))")
        }
    }
}

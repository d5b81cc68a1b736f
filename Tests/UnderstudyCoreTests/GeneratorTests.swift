import Crypto
import Foundation
import Testing
@testable import UnderstudyCore

/// Builds one generator as the pipeline would.
func makeGenerator(
    _ name: String, _ parameters: [String: ParameterValue] = [:], type: LogicalType = .text, key: MasterKey = Fixtures.key,
    domain: String = "t.c", consistent: Bool? = nil, unique: Bool = false, statistics: ColumnStatistics? = nil, syntax: String? = nil,
    fields: [Column]? = nil, declaredType: String? = nil
) throws -> any Generator {
    let definition = try #require(GeneratorRegistry.standard.definition(named: name))
    let resolved = try definition.resolve(parameters, at: "test", in: nil)
    let setup = GeneratorSetup(
        parameters: resolved, key: key, generator: name, domain: domain,
        consistent: consistent ?? definition.consistentByDefault,
        column: {
            var column = Fixtures.column("c", type)
            column.syntax = syntax
            column.fields = fields
            if let declaredType { column.declaredType = declaredType }
            return column
        }(), mustBeUnique: unique, statistics: statistics)
    return try definition.make(setup)
}

/// A typical non-null value of each logical type, stored as SQLite stores it.
func sample(_ type: LogicalType, _ i: Int = 0) -> Value {
    switch type {
    case .integer: .integer(Int64(41_000 + i))
    case .real: .real(19.5 + Double(i))
    case .decimal: .real(1234.56 + Double(i))
    case .text: .text("Ana Lima \(i)")
    case .boolean: .integer(Int64(i % 2))
    case .date: .text("2001-02-0\(1 + i % 9)")
    case .timestamp: .text("2024-03-01 13:45:0\(i % 10)")
    case .uuid: .text("6f1c2a9e-1b2c-4d3e-8f90-0a1b2c3d4e5\(i % 10)")
    case .json: .text("{\"a\": \(i)}")
    case .blob: .blob([1, 2, 3, UInt8(i % 256)])
    }
}

/// The foundation's generators take any value of their accepted types; the others expect a shape
/// (a card number, a UUID) and are checked on their documented examples.
let shapeFreeGenerators: Set<String> = [
    "passthrough", "null", "constant", "hash", "person.first-name", "person.last-name", "person.full-name", "email", "phone",
    "address.street", "address.city", "address.postal-code", "date.shift", "number.noise", "categorical.shuffle", "text.scramble",
    "fpe.digits", "fpe.alphanumeric", "fpe.integer", "username", "company-name", "number.round", "number.bucket", "text.redact",
]

let everyGeneratorAndType: [(String, LogicalType)] = GeneratorRegistry.standard.definitions.filter { shapeFreeGenerators.contains($0.name) }.flatMap { d in
    d.acceptedTypes.sorted().map { (d.name, $0) }
}

let everyExample: [(String, Int)] = GeneratorRegistry.standard.definitions.flatMap { d in d.examples.indices.map { (d.name, $0) } }

@Suite("Generators: contracts every generator keeps")
struct GeneratorContractTests {
    static let statistics = ColumnStatistics(values: [.text("a"), .text("b")], counts: [3, 1])

    @Test("keeps the column's type and nullability", arguments: everyGeneratorAndType)
    func typeAndNullability(name: String, type: LogicalType) throws {
        let parameters: [String: ParameterValue] = name == "constant" ? ["value": type == .boolean ? .integer(1) : (LogicalType.numeric.contains(type) ? .integer(7) : .string("x"))] : [:]
        let stats = name == "categorical.shuffle" ? ColumnStatistics(values: [sample(type, 1), sample(type, 2)], counts: [2, 5]) : nil
        let generator = try makeGenerator(name, parameters, type: type, statistics: stats)
        #expect(try generator.generate(.null, row: .init(ordinal: 0)) == .null, "NULL stays NULL")
        for i in 0..<5 {
            var input = sample(type, i)
            if type == .text, name == "date.shift" { input = .text("2001-02-0\(i + 1) 10:00") }
            if type == .text, ["number.noise", "number.round", "number.bucket"].contains(name) { input = .text("12.5\(i)") }
            let output = try generator.generate(input, row: .init(ordinal: Int64(i)))
            if name == "null" {
                #expect(output == .null)
            } else {
                #expect(output.kind == input.kind, "\(name) on \(type): \(input.kind) became \(output.kind)")
            }
        }
    }

    @Test("keeps the type of its documented examples, and NULL stays NULL", arguments: everyExample)
    func examples(name: String, index: Int) throws {
        let definition = try #require(GeneratorRegistry.standard.definition(named: name))
        let example = definition.examples[index]
        let generator = try makeGenerator(name, example.parameters, type: example.type, fields: example.column.fields)
        #expect(try generator.generate(.null, row: .init(ordinal: 0)) == .null)
        let output = try generator.generate(example.input, row: .init(ordinal: 0))
        // (date.iso converts: a number of seconds becomes ISO text.)
        if name != "null", name != "date.iso" { #expect(output.kind == example.input.kind) }
        if definition.isReversible, let reversible = generator as? any ReversibleGenerator {
            #expect(try reversible.reverse(output) == example.input, "\(name) reverses its example")
        }
    }

    @Test("a full name written surname first with a comma gets its fake written so, each part in its case (`Tamayo, Nydia` became `Alison Laclair` in a column and in text)")
    func fullNameSurnameFirst() throws {
        let generator = try makeGenerator("person.full-name")
        let title = #"^[A-Z][A-Za-z'-]+, [A-Z][A-Za-z'-]+$"#, upperFirst = #"^[A-Z'-]+, [A-Z][a-z'-]+$"#, lower = #"^[a-z'-]+, [a-z'-]+$"#
        for (name, shape) in [("Tamayo, Nydia", title), ("Okafor, Renée", title), ("Lima, Ana", title), ("GARCIA, Maria", upperFirst), ("LEE, Bo", upperFirst), ("lee, bo", lower)] {
            let fake = try generator.generate(.text(name), row: .init(ordinal: 0)).displayText
            #expect(fake.wholeMatch(of: try Regex(shape)) != nil, "\(name) → \(fake)")
        }
    }

    @Test("a fake full name holds no word of the real one (`Grace Hopper` became `Wayne Hopper` under one secret: the surname drawn again by chance), nor a fake email the words of the real address's name, nor a first or a last name its own")
    func fakeNamesShareNoWord() throws {
        let words = Dictionaries.shared
        let full = try makeGenerator("person.full-name"), first = try makeGenerator("person.first-name"), last = try makeGenerator("person.last-name")
        var shared: [String] = []
        for i in 0..<30_000 {
            let name = words.firstNames[i * 7 % words.firstNames.count] + " " + words.lastNames[i * 13 % words.lastNames.count]
            let real = Set(name.lowercased().split(separator: " "))
            let fake = try full.generate(.text(name), row: .init(ordinal: Int64(i))).displayText
            if !real.isDisjoint(with: fake.lowercased().split(separator: " ")) { shared.append("\(name) → \(fake)") }
        }
        #expect(shared.isEmpty, "\(shared.count): \(shared.prefix(5))")
        // An email's fake holds no word of the real address's name either.
        let email = try makeGenerator("email")
        var sharedInEmails: [String] = []
        for i in 0..<30_000 {
            let address = (words.firstNames[i * 7 % words.firstNames.count] + "." + words.lastNames[i * 13 % words.lastNames.count]).lowercased() + "@example.com"
            let real = Set(address.prefix { $0 != "@" }.split(separator: "."))
            let fake = try email.generate(.text(address), row: .init(ordinal: Int64(i))).displayText
            if !real.isDisjoint(with: fake.prefix { $0 != "@" }.split(whereSeparator: { !$0.isLetter })) { sharedInEmails.append("\(address) → \(fake)") }
        }
        #expect(sharedInEmails.isEmpty, "\(sharedInEmails.count): \(sharedInEmails.prefix(5))")
        for i in 0..<2_000 {
            let given = words.firstNames[i], family = words.lastNames[i]
            #expect(try first.generate(.text(given), row: .init(ordinal: 0)).displayText.lowercased() != given.lowercased())
            #expect(try last.generate(.text(family), row: .init(ordinal: 0)).displayText.lowercased() != family.lowercased())
        }
    }

    @Test("consistent generators: same input, same output; another secret or domain, another output",
          arguments: ["hash", "person.first-name", "person.last-name", "person.full-name", "email", "phone", "address.street",
                      "address.city", "address.postal-code", "text.scramble", "date.shift", "number.noise"])
    func consistency(name: String) throws {
        let type: LogicalType = name == "number.noise" ? .integer : (name == "date.shift" ? .date : .text)
        let inputs: [Value] = (0..<20).map { i in
            switch type {
            case .integer: .integer(Int64(50_000 + i * 37))
            case .date: .text(CivilDate(days: 11_000 + i * 13).iso)
            default: .text(name.hasPrefix("address.postal") || name == "phone" ? "94\(100 + i)-\(2000 + i)" : "Source Value \(i)")
            }
        }
        let a = try makeGenerator(name, type: type)
        let again = try makeGenerator(name, type: type)
        let otherKey = try makeGenerator(name, type: type, key: Fixtures.otherKey)
        let otherDomain = try makeGenerator(name, type: type, domain: "other.domain")
        var differentUnderOtherKey = 0, differentUnderOtherDomain = 0
        for (i, input) in inputs.enumerated() {
            let out = try a.generate(input, row: .init(ordinal: Int64(i)))
            #expect(try again.generate(input, row: .init(ordinal: 999)) == out, "the row position must not matter")
            if try otherKey.generate(input, row: .init(ordinal: Int64(i))) != out { differentUnderOtherKey += 1 }
            if try otherDomain.generate(input, row: .init(ordinal: Int64(i))) != out { differentUnderOtherDomain += 1 }
        }
        // Each output has at least ~60 equally likely values (date.shift ±30 days), so 20 coincidences are impossible
        // in practice; require most to differ.
        #expect(differentUnderOtherKey >= 15)
        #expect(differentUnderOtherDomain >= 15)
    }

    @Test("dictionary generators never return their input and draw from thousands of entries")
    func dictionaries() throws {
        #expect(Dictionaries.shared.firstNames.count > 5_000)
        #expect(Dictionaries.shared.lastNames.count >= 10_000)
        #expect(Dictionaries.shared.cities.count > 5_000)
        #expect(Dictionaries.shared.streetNames.count > 1_000)
        let first = try makeGenerator("person.first-name")
        for (i, name) in Dictionaries.shared.firstNames.prefix(300).enumerated() {
            #expect(try first.generate(.text(name), row: .init(ordinal: Int64(i))) != .text(name))
        }
        #expect(try first.generate(.text("MARY"), row: .init(ordinal: 0)).displayText.allSatisfy { !$0.isLowercase }, "keeps ALL CAPS")
    }
}

@Suite("Generators: behaviour of each")
struct GeneratorBehaviourTests {
    let row = RowPosition(ordinal: 0)

    @Test("PostgreSQL's special dates — infinity, -infinity — and dates before the common era are kept by every date generator, as date.shift kept them (date.birth, date.truncate and timestamp.jitter stopped the run on a valid_to of infinity; date.shift moved 4713-01-01 BC past what PostgreSQL holds)")
    func specialDates() throws {
        let generators: [(String, LogicalType)] = [("date.shift", .date), ("date.birth", .date), ("date.truncate", .date), ("timestamp.jitter", .timestamp), ("date.iso", .date)]
        for (name, type) in generators {
            let generator = try makeGenerator(name, name == "date.shift" ? ["days": .integer(1_800_000)] : [:], type: type)
            for special in ["infinity", "-infinity", "4713-01-01 BC", "4713-01-01 00:00:00 BC", "0044-03-15 12:00:00+00 BC"] {
                #expect(try generator.generate(.text(special), row: row) == .text(special), "\(name) of \(special)")
            }
        }
    }

    @Test("format-preserving encryption of a value too long to be an identifier stops with its length and the way out, and text.redact tags what it cannot fake: fpe.alphanumeric on a value of 200,000 characters ran for hours (FF1's big numbers take time that grows with the square of the length; not run before the fix)")
    func longValuesUnderEncryption() throws {
        for name in ["fpe.alphanumeric", "fpe.digits"] {
            let fpe = try makeGenerator(name, [:], type: .text)
            for long in [String(repeating: "7", count: 200_000), String(repeating: "٣", count: 5_000)] {
                #expect { _ = try fpe.generate(.text(long), row: row) } throws: { error in
                    "\(error)".contains("1,024") && "\(error)".contains("\(long.unicodeScalars.count.formatted())") && "\(error)".contains(name)
                }
                #expect(throws: GeneratorError.self) { _ = try (fpe as! any ReversibleGenerator).reverse(.text(long)) }
            }
            // At the limit, still encrypted and reversed.
            let longest = String(repeating: "80", count: 512)
            let encrypted = try fpe.generate(.text(longest), row: row)
            #expect(encrypted != .text(longest))
            #expect(try (fpe as! any ReversibleGenerator).reverse(encrypted) == .text(longest))
        }
        let redact = try makeGenerator("text.redact", ["recognizers": .list([.mapping(["name": .string("token"), "pattern": .string("TOK[0-9]+")])])], type: .text)
        let text = "key TOK" + String(repeating: "9", count: 2_000) + " given"
        #expect(try redact.generate(.text(text), row: row) == .text("key [TOKEN] given"))
    }

    @Test("parameters at their extremes never write a number that is no number, leave a date as it was, or stop the run: number.noise relative 1e308 wrote Inf, number.round and number.bucket of a step of 1e-320 Inf (an integer 5 became 9223372036854775807), date.shift of days 2⁶³−1 kept every date, timestamp.jitter of seconds 2⁶³−1 crashed")
    func extremeParameters() throws {
        let noise = try makeGenerator("number.noise", ["relative": .number(1e308)], type: .real)
        for x in [1.98, -3.5, 1e300] {
            guard case .real(let y) = try noise.generate(.real(x), row: row) else { Issue.record("not a real"); continue }
            #expect(y.isFinite, "number.noise of \(x): \(y)")
        }
        for name in ["number.round", "number.bucket"] {
            let tiny = try makeGenerator(name, [name == "number.round" ? "step" : "size": .number(1e-320)], type: .real)
            #expect(try tiny.generate(.real(1.98), row: row) == .real(1.98), "\(name)")
            #expect(try tiny.generate(.integer(5), row: row) == .integer(5), "\(name)")
            #expect(try tiny.generate(.text("12.50"), row: row) == .text("12.50"), "\(name)")
        }
        #expect(throws: (any Error).self) { try makeGenerator("date.shift", ["days": .integer(Int.max)], type: .date) }
        #expect(throws: (any Error).self) { try makeGenerator("timestamp.jitter", ["seconds": .integer(Int.max)], type: .timestamp) }
        // Values at the ends of 64 bits: timestamp.jitter took abs(Int64.min), credit-card wrote
        // a 19-digit fake past Int64.max — both stopped the run.
        let stamps = try makeGenerator("timestamp.jitter", type: .integer)
        for stamp in [Int64.min, Int64.max, -1, 0] { _ = try stamps.generate(.integer(stamp), row: row) }
        for keep in [true, false] {
            let card = try makeGenerator("credit-card", ["keep_issuer": .boolean(keep)], type: .integer)
            for k in 0..<50 {
                // 922337 and twelve digits at most 203685477579: inside Int64 with any check digit.
                let body = [9, 2, 2, 3, 3, 7] + { let n = String(203_685_477_579 - k * 4_000_000_001); return String(repeating: "0", count: 12 - n.count) + n }().map { Int(String($0))! }
                let number = Int64((body + [Luhn.checkDigit(for: body)]).map(String.init).joined())!
                guard case .integer(let fake) = try card.generate(.integer(number), row: row) else { Issue.record("not an integer"); break }
                #expect(String(fake).count == 19 && String(fake).hasPrefix(keep ? "922337" : "9"), "\(fake)")
                #expect(try (card as! any ReversibleGenerator).reverse(.integer(fake)) == .integer(number))
            }
            _ = try card.generate(.integer(Int64.max), row: row)
        }
        // date.birth's band of 0001-01-01 began at year 0 (0000–0004), which PostgreSQL refuses.
        for band in [5, 10, 100_000] {
            let birth = try makeGenerator("date.birth", ["band": .integer(band)], type: .date)
            for day in ["0001-01-01", "0003-07-04", "9999-12-31", "9996-01-01"] {
                let drawn = try birth.generate(.text(day), row: row).displayText
                #expect(drawn != day && drawn >= "0001-01-01" && drawn <= "9999-12-31", "band \(band): \(day) → \(drawn)")
            }
            #expect(try birth.generate(.text("0000-03-01"), row: row) == .text("0000-03-01"), "year 0000, SQLite's placeholder, kept as date.shift keeps it")
        }
        // Decrypting a value no fpe.integer wrote says so (it said to fix the source).
        let fpe = try makeGenerator("fpe.integer", type: .integer)
        #expect { try (fpe as! any ReversibleGenerator).reverse(.text("99999999999999999999")) } throws: { "\($0)".contains("did not write it") && !"\($0)".contains("source") }
        // At the largest shift allowed, every date still moves and stays a date both engines hold.
        let shift = try makeGenerator("date.shift", ["days": .integer(1_800_000)], type: .date)
        let jitter = try makeGenerator("timestamp.jitter", ["seconds": .integer(315_576_000)], type: .timestamp)
        for day in ["0001-01-01", "2024-03-01", "5000-06-15", "9999-12-31"] {
            let moved = try shift.generate(.text(day), row: row).displayText
            #expect(moved != day && moved.count == 10 && moved >= "0001-01-01" && moved <= "9999-12-31", "\(day) → \(moved)")
            let stamp = day + " 12:00:00"
            let jittered = try jitter.generate(.text(stamp), row: row).displayText
            #expect(jittered.count == 19 && jittered >= "0001-01-01" && jittered <= "9999-12-31 23:59:59", "\(stamp) → \(jittered)")
        }
    }

    @Test("email writes a reserved example domain and tags unique columns")
    func email() throws {
        let plain = try makeGenerator("email").generate(.text("ana@corp.com"), row: row).displayText
        #expect(plain.hasSuffix("@example.com"))
        #expect(!plain.contains("+"))
        let tagged = try makeGenerator("email", unique: true)
        var seen = Set<String>()
        for i in 0..<20_000 { seen.insert(try tagged.generate(.text("user\(i)@corp.com"), row: row).displayText) }
        #expect(seen.count == 20_000, "64-bit tags: a collision among 20,000 has probability ~1e-11")
    }

    @Test("email maps an address written in other case or with spaces around it as the address itself (a join on lower(email) between a table that keeps what was typed and one that keeps it lower-cased found nothing in the copy); on a unique column they stay distinct")
    func emailCase() throws {
        let email = try makeGenerator("email")
        let lower = try email.generate(.text("ana.lima@corp.com"), row: row).displayText
        #expect(try email.generate(.text("Ana.Lima@Corp.COM"), row: row).displayText == lower)
        #expect(try email.generate(.text(" ana.lima@corp.com "), row: row).displayText == lower)
        #expect(try email.generate(.text("bo@corp.com"), row: row).displayText != lower)
        let tagged = try makeGenerator("email", unique: true)
        let a = try tagged.generate(.text("ana.lima@corp.com"), row: row).displayText, b = try tagged.generate(.text("Ana.Lima@corp.com"), row: row).displayText
        #expect(a != b, "a unique column may hold both")
        #expect(a.split(separator: "+").first == b.split(separator: "+").first, "the same name, another tag")
    }

    @Test("names, cities and streets in capitals or in lower case get the fake of the same name written as a name is, in their own case (\"ANA LIMA\" in a legacy table and \"Ana Lima\" in another were two people in the copy)", arguments: [
        ("person.full-name", "Ana Lima", ["ANA LIMA", "ana lima", " Ana Lima "]),
        ("person.first-name", "Anne-Marie", ["ANNE-MARIE", "anne-marie"]),
        ("person.last-name", "O'Brien", ["O'BRIEN", "o'brien"]),
        ("address.city", "Springfield", ["SPRINGFIELD", "springfield"]),
        ("address.street", "12 Oak Street", ["12 OAK STREET", "12 oak street"]),
    ])
    func nameCase(generator: String, written: String, others: [String]) throws {
        let g = try makeGenerator(generator)
        let fake = try g.generate(.text(written), row: row).displayText
        for other in others {
            let out = try g.generate(.text(other), row: row).displayText
            #expect(out.lowercased() == fake.lowercased(), "\(other) → \(out), \(written) → \(fake)")
            #expect(LetterCase(of: out) == LetterCase(of: other.trimmingCharacters(in: .whitespaces)), "\(other) → \(out)")
        }
    }

    @Test("a name in another script gets a fake name in its script and shape, consistently (every one became a Latin name: `Иван Петров` → `Margaret Okafor`)", arguments: [
        ("person.full-name", "Иван Петров", "\\p{Cyrillic}+ \\p{Cyrillic}+"),
        ("person.full-name", "Петров Иван Сергеевич", "\\p{Cyrillic}+ \\p{Cyrillic}+ \\p{Cyrillic}+"),
        ("person.last-name", "Петрова", "\\p{Cyrillic}+"),
        ("person.full-name", "Γιώργος Παπαδόπουλος", "\\p{Greek}+ \\p{Greek}+"),
        ("person.full-name", "王小明", "\\p{Han}{3}"),
        ("person.full-name", "李娜", "\\p{Han}{2}"),
        ("person.full-name", "佐藤 さくら", "\\p{Han}+ [\\p{Han}\\p{Hiragana}]+"),
        ("person.full-name", "김민준", "\\p{Hangul}{3}"),
        ("person.first-name", "민준", "\\p{Hangul}{2}"),
        ("person.full-name", "محمد علي", "\\p{Arabic}+ \\p{Arabic}+"),
        ("person.full-name", "דוד כהן", "\\p{Hebrew}+ \\p{Hebrew}+"),
    ])
    func namesInOtherScripts(generator: String, name: String, shape: String) throws {
        let g = try makeGenerator(generator)
        let fake = try g.generate(.text(name), row: row).displayText
        #expect(fake.range(of: "^\(shape)$", options: .regularExpression) != nil, "\(name) → \(fake)")
        #expect(fake != name)
        #expect(try g.generate(.text(name), row: .init(ordinal: 7)).displayText == fake, "consistent")
    }

    @Test("a street address in another script gets a fake address in its script and shape, consistently (each became `4821 Maple Avenue`)", arguments: [
        ("г. Москва, ул. Ленина, д. 5, кв. 12", "^г\\. \\p{Cyrillic}+, ул\\. \\p{Cyrillic}+, д\\. [0-9]+, кв\\. [0-9]+$"),
        ("ул. Тверская, д. 7", "^ул\\. \\p{Cyrillic}+, д\\. [0-9]+$"),
        ("北京市朝阳区建国路88号", "^\\p{Han}+市\\p{Han}+区\\p{Han}+路[0-9]+号$"),
        // (`大道` and `成都` are Chinese: no Japanese `道` or `都`.)
        ("上海市浦东新区世纪大道100号", "^\\p{Han}+市\\p{Han}+区\\p{Han}+路[0-9]+号$"),
        ("成都市武侯区人民南路四段12号", "^\\p{Han}+市\\p{Han}+区\\p{Han}+路[0-9]+号$"),
        ("東京都新宿区西新宿2-8-1", "^\\p{Han}+[0-9]+-[0-9]+-[0-9]+$"),
        ("서울특별시 강남구 테헤란로 123", "^[\\p{Hangul} ]+ [0-9]+$"),
        ("شارع الملك فهد 12، الرياض", "^شارع [\\p{Arabic} ]+ [0-9]+، \\p{Arabic}+$"),
        ("רחוב הרצל 15, תל אביב", "^רחוב [\\p{Hebrew}' ]+ [0-9]+, [\\p{Hebrew} ]+$"),
    ])
    func addressesInOtherScripts(address: String, shape: String) throws {
        let g = try makeGenerator("address.street")
        let fake = try g.generate(.text(address), row: row).displayText
        #expect(fake.range(of: shape, options: .regularExpression) != nil && fake != address, "\(address) → \(fake)")
        #expect(try g.generate(.text(address), row: .init(ordinal: 9)).displayText == fake, "consistent")
    }

    @Test("phone gives one number the same fake digits in every layout it is written in (\"(415) 555-0100\" in one table and \"415.555.0100\" or 4155550100 in another were two numbers in the copy)")
    func phoneLayouts() throws {
        let phone = try makeGenerator("phone")
        let digits = { (v: Value) in try phone.generate(v, row: row).displayText.filter(\.isNumber) }
        let fake = try digits(.text("(415) 555-0100"))
        #expect(try digits(.text("415.555.0100")) == fake)
        #expect(try digits(.text("415 555 0100")) == fake)
        #expect(try digits(.integer(4155550100)) == fake)
        #expect(try phone.generate(.text("415.555.0100"), row: row).displayText.filter { !$0.isNumber } == "..")
        #expect(try digits(.text("(415) 555-0101")) != fake)
    }

    @Test("phone keeps layout and prefix")
    func phone() throws {
        let out = try makeGenerator("phone", ["keep_prefix": .integer(1)]).generate(.text("+1 (415) 555-0100"), row: row).displayText
        #expect(out.count == "+1 (415) 555-0100".count)
        #expect(out.hasPrefix("+1 ("))
        #expect(out.map { $0.isNumber } == "+1 (415) 555-0100".map { $0.isNumber })
        #expect(out != "+1 (415) 555-0100")
    }

    @Test("phone keeps an international number's country calling code without being told (`+1 (415) 555-0134` became `+4 (257) 950-1621`: no country has +4, and a validating application refused the copy); keep_prefix still says how many digits to keep", arguments: [
        ("+1 (415) 555-0134 x12", "+1 ("), ("+44 20 7946 0958", "+44 "), ("+353 1 234 5678", "+353 "), ("0044 20 7946 0958", "0044 "),
        ("+7 495 123-45-67", "+7 "), ("+86 138 0013 8000", "+86 "), ("  +49 30 1234567", "  +49 "),
    ])
    func phoneCountryCodes(number: String, kept: String) throws {
        let out = try makeGenerator("phone").generate(.text(number), row: row).displayText
        #expect(out.hasPrefix(kept) && out != number && out.count == number.count, "\(number) → \(out)")
        #expect(out.dropFirst(kept.count).filter(\.isNumber) != number.dropFirst(kept.count).filter(\.isNumber), "\(number) → \(out)")
        // A national number keeps none of its digits.
        let national = try makeGenerator("phone").generate(.text("(415) 555-0134"), row: row).displayText
        #expect(!national.hasPrefix("(415)"), "\(national)")
    }

    @Test("a first name's fake is a name of its gender where the lists know it (`Kevin` became `Bernadette`, `Rebecca` `Florentino`: `her son Bernadette`, `Mrs. Florentino` in a de-identified note), in person.first-name, person.full-name and text.redact; a name of no known gender gets a name of either", arguments: [
        ("Kevin", "M"), ("Rebecca", "F"), ("JAMES", "M"), ("mary", "F"), ("Kevin O'Neill", "M"), ("Rebecca Lee", "F"), ("Lee, Rebecca", "F"),
    ])
    func namesKeepTheirGender(name: String, gender: String) throws {
        let genders = Dictionary(uniqueKeysWithValues: try String(contentsOfFile: "Sources/UnderstudyCore/Resources/Dictionaries/first-name-genders.txt", encoding: .utf8)
            .split(separator: "\n").map { line in let f = line.split(separator: "\t"); return (f[0].lowercased(), String(f[1])) })
        let generator = name.contains(" ") ? "person.full-name" : "person.first-name"
        var seen: Set<String> = []
        for n in 0..<30 {
            let key = try MasterKey(material: Array("gender-secret-\(n)-0123456789abcdef".utf8))
            let fake = try makeGenerator(generator, key: key).generate(.text(name), row: row).displayText
            let first = name.contains(",") ? String(fake.split(separator: ",")[1].dropFirst()) : String(fake.split(separator: " ")[0])
            #expect(genders[first.lowercased()] == gender, "\(name) → \(fake)")
            seen.insert(first.lowercased())
        }
        #expect(seen.count >= 15, "keyed: \(seen)")
        // In free text too: the fake of a first name alone, and of a full name.
        let note = try makeGenerator("text.redact").generate(.text("Signed by her son Kevin and his wife Rebecca Lee."), row: row).displayText
        let names = try #require(note.firstMatch(of: #/son (\w+) and his wife (\w+) \w+\./#), "\(note)")
        #expect(genders[names.output.1.lowercased()] == "M" && genders[names.output.2.lowercased()] == "F", "\(note)")
    }

    /// The country of each place of the world's list and of its endonyms, by the name in lower case, read from the files.
    static let townCountries: [String: String] = {
        var countries: [String: String] = [:]
        for file in ["world-cities", "city-endonyms"] {
            for line in (try? String(contentsOfFile: "Sources/UnderstudyCore/Resources/Dictionaries/\(file).txt", encoding: .utf8))?.split(separator: "\n") ?? [] {
                let fields = line.split(separator: "\t")
                if fields.count >= 2 { countries[fields[0].lowercased()] = String(fields[1]) }
            }
        }
        return countries
    }()

    @Test("address.city gives a town of another country a town of that country (`Berlin` became a US town, `Springfield`, which its row's `Germany` contradicts); a US town, and any with keep_country: false, a US place", arguments: [
        ("Berlin", "DE"), ("PARIS", "FR"), ("lyon", "FR"), ("München", "DE"), ("Milano", "IT"), ("London", "GB"), ("Dublin", "IE"),
        ("Toronto", "CA"), ("Sydney", "AU"), ("São Paulo", "BR"), ("México D.F.", "MX"), ("Springfield", "US"), ("Xyzzyville", "US"),
        // Without its accents, as Northwind writes `Sao Paulo` (it got a US place).
        ("Sao Paulo", "BR"), ("Montreal", "CA"),
    ])
    func citiesKeepTheirCountry(city: String, country: String) throws {
        #expect(country == "US" || Self.townCountries[city.lowercased()] ?? Self.townCountries.first { TextScan.folded($0.key) == city.lowercased() }?.value == country,
                "the list says \(city) is in \(country)")
        var seen: Set<String> = []
        for n in 0..<12 {
            let key = try MasterKey(material: Array("city-secret-\(n)-0123456789abcdef".utf8))
            let fake = try makeGenerator("address.city", key: key).generate(.text(city), row: row).displayText
            #expect(fake.lowercased() != city.lowercased() && !(city == "München" && fake == "Munich"), "\(city) → \(fake)")
            #expect(LetterCase(of: fake) == LetterCase(of: city) || city.first?.isASCII == false, "case: \(city) → \(fake)")
            if country == "US" {
                #expect(Dictionaries.shared.cityStates[fake.lowercased()] != nil, "\(city) → \(fake), not a listed US place")
            } else {
                #expect(Self.townCountries[fake.lowercased()] == country, "\(city) → \(fake), not in \(country)")
            }
            // keep_country: false gives any town a US place.
            let us = try makeGenerator("address.city", ["keep_country": .boolean(false)], key: key).generate(.text(city), row: row).displayText
            #expect(Dictionaries.shared.cityStates[us.lowercased()] != nil, "\(city) → \(us) with keep_country: false")
            seen.insert(fake)
        }
        #expect(seen.count >= 8, "keyed: \(seen)")
        // Inside a column's length: a country's towns that fit, else a US place that does.
        let short = try makeGenerator("address.city", declaredType: "character varying(6)").generate(.text(city), row: row).displayText
        #expect(short.count <= 6, "\(city) → \(short)")
    }

    @Test("address.city never writes a list's name that is no town's (`Chicago` became `West Somerville/Davis Square`; GeoNames lists `Central 14th Street / WMATA Northern Bus Barn`)")
    func citiesAreNamesOfTowns() throws {
        let generator = try makeGenerator("address.city")
        for n in 0..<4000 {
            let fake = try generator.generate(.text("Town \(n)"), row: row).displayText
            #expect(!fake.contains(where: { "/()".contains($0) || $0.isNumber }), "\(fake)")
        }
    }

    @Test("a town of Canada or Australia gets a town of its province or state, which addresses there name and a fake keeps (`Toronto, ON M5V 2A1` became `Sept-Îles, ON …`, a town of Quebec)", arguments: [
        ("Toronto", "ON"), ("Montréal", "QC"), ("Vancouver", "BC"), ("Sydney", "NSW"), ("Melbourne", "VIC"), ("Brisbane", "QLD"),
    ])
    func townsKeepTheirProvince(town: String, region: String) throws {
        var regions: [String: String] = [:]
        for line in try String(contentsOfFile: "Sources/UnderstudyCore/Resources/Dictionaries/world-cities.txt", encoding: .utf8).split(separator: "\n") {
            let fields = line.split(separator: "\t")
            if fields.count == 3 { regions[fields[0].lowercased()] = String(fields[2]) }
        }
        #expect(regions[town.lowercased()] == region, "the list says \(town) is in \(region)")
        var seen: Set<String> = []
        for n in 0..<10 {
            let key = try MasterKey(material: Array("province-secret-\(n)-0123456789abcdef".utf8))
            let fake = try makeGenerator("address.city", key: key).generate(.text(town), row: row).displayText
            #expect(regions[fake.lowercased()] == region, "\(town) → \(fake), not in \(region)")
            // In text, the province written after the town stays true of its fake.
            let text = "Moved to \(town), \(region) last year."
            let faked = try makeGenerator("text.redact", key: key).generate(.text(text), row: row).displayText
            let match = try #require(faked.wholeMatch(of: #/Moved to (.+), ([A-Z]+) last year\./#), "\(text) → \(faked)")
            #expect(String(match.output.2) == region && regions[match.output.1.lowercased()] == region, "\(text) → \(faked)")
            seen.insert(fake)
        }
        #expect(seen.count >= 6, "keyed: \(seen)")
    }

    @Test("address.street keeps the shape of a street written as Europe and Latin America write it — its kind, its order, its commas (Northwind's `Obere Str. 57` became `7458 Perry Road`, `12, rue des Bouchers` `5137 Elm Court`); a US street is one of a number, a name and a suffix as before", arguments: [
        ("Obere Str. 57", #"^[A-Z][A-Za-z' -]+ Str\. \d{2}$"#, ["Obere"]),
        ("Forsterstr. 57", #"^[A-Z][a-z]+str\. \d{2}$"#, ["Forster"]),
        ("Avda. de la Constitución 2222", #"^Avda\. de la [A-Z][A-Za-z' -]+ \d{4}$"#, ["Constitución", "2222"]),
        ("12, rue des Bouchers", #"^\d{2}, rue des [A-Z][A-Za-z' -]+$"#, ["Bouchers"]),
        ("C/ Araquil, 67", #"^C/ [A-Z][A-Za-z' -]+, \d{2}$"#, ["Araquil"]),
        ("Berguvsvägen  8", #"^[A-Z][a-z]+vägen  \d$"#, ["Berguv"]),
        ("24, place Kléber", #"^\d{2}, place [A-Z][A-Za-z' -]+$"#, ["Kléber"]),
        ("Via Monte Bianco 34", #"^Via [A-Z][A-Za-z' -]+ \d{2}$"#, ["Monte", "Bianco"]),
        ("Rua Orós, 92", #"^Rua [A-Z][A-Za-z' -]+, \d{2}$"#, ["Orós"]),
        ("43 rue St. Laurent", #"^\d{2} rue [A-Z][A-Za-z' .-]+$"#, ["Laurent"]),
        ("120 Hanover Sq.", #"^\d{1,4} [A-Z][A-Za-z' -]+ (Street|Avenue|Road|Lane|Drive|Court|Place|Boulevard|Way|Terrace|Circle|Trail|Parkway|Square|Highway)$"#, ["Hanover"]),
        ("1200 Elm Ave Apt 5", #"^\d{1,4} [A-Z][A-Za-z' -]+ (Street|Avenue|Road|Lane|Drive|Court|Place|Boulevard|Way|Terrace|Circle|Trail|Parkway|Square|Highway)$"#, ["Elm"]),
    ] as [(String, String, [String])])
    func streetsKeepTheirShape(street: String, pattern: String, source: [String]) throws {
        let regex = try Regex(pattern)
        var seen: Set<String> = []
        for n in 0..<8 {
            let key = try MasterKey(material: Array("street-secret-\(n)-0123456789abcdef".utf8))
            let generator = try makeGenerator("address.street", key: key)
            let fake = try generator.generate(.text(street), row: row).displayText
            #expect(fake.wholeMatch(of: regex) != nil, "\(street) → \(fake)")
            for word in source { #expect(!fake.contains(word), "\(word) kept: \(street) → \(fake)") }
            #expect(try generator.generate(.text(street), row: RowPosition(ordinal: 9)).displayText == fake, "consistent")
            seen.insert(fake)
        }
        #expect(seen.count >= 6, "keyed: \(seen)")
    }

    @Test("a first name of no known gender still gets any listed first name")
    func namesOfNoKnownGender() throws {
        var seen: Set<String> = []
        for n in 0..<20 {
            let key = try MasterKey(material: Array("gender-secret-\(n)-0123456789abcdef".utf8))
            seen.insert(try makeGenerator("person.first-name", key: key).generate(.text("Hamid"), row: row).displayText)
        }
        #expect(seen.count >= 15 && !seen.contains("Hamid"), "\(seen)")
    }

    @Test("phone keeps a national number's trunk prefix 0 (`020 7946 0958` became `503 0535 5797`, `0221 1234567` `1402 9968703`, `06 12 34 56 78` `63 99 54 79 26`: numbers of no country that writes them so); the digit after it is never 0", arguments: [
        "020 7946 0958", "0221 1234567", "06 12 34 56 78", "07700 900123", "030/12345678", "(02) 9374 4000", "+44 (0)20 7946 0958",
    ])
    func phoneTrunkPrefix(number: String) throws {
        for ordinal in 0..<20 {
            let out = try makeGenerator("phone").generate(.text(number + String(repeating: " ", count: ordinal % 2)), row: .init(ordinal: Int64(ordinal))).displayText
            // (After an international number's code, its trunk prefix in parentheses.)
            let digits = number.hasPrefix("+44") ? String(out.filter(\.isNumber).dropFirst(2)) : out.filter(\.isNumber)
            #expect(digits.first == "0" && digits.dropFirst().first != "0" && out.count == number.count + ordinal % 2 && out != number, "\(number) → \(out)")
            if number.hasPrefix("+44") { #expect(out.hasPrefix("+44 (0)"), "\(out)") }
        }
    }

    @Test("blank text inside a document or an array stays as it was, as in a column (`{\"middle\": \"\"}` got a fake name); the values beside it are replaced")
    func blankInsideDocuments() throws {
        let paths = try makeGenerator("json.paths", ["paths": .mapping(["$.first": .string("person.first-name"), "$.tags[*]": .string("email"), "$.fixed": .mapping(["generator": .string("constant"), "value": .string("x")])])], type: .json)
        let out = try paths.generate(.text(#"{"first":"","tags":[""," ","ana@corp.example"],"fixed":""}"#), row: row).displayText
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect(parsed["first"] as? String == "", "\(out)")
        let tags = try #require(parsed["tags"] as? [String])
        #expect(tags.count == 3 && tags[0] == "" && tags[1] == " " && tags[2] != "ana@corp.example" && tags[2].contains("@"), "\(out) \(tags)")
        // A generator that writes every value (constant) still writes it over a blank.
        #expect(parsed["fixed"] as? String == "x", "\(out)")
        let array = try makeGenerator("array", ["of": .string("person.first-name")])
        let items = try array.generate(.text(#"["", "Ana"]"#), row: row).displayText
        #expect(items.hasPrefix(#"["","#) && !items.contains("Ana"), "\(items)")
    }

    @Test("postal codes keep their shape")
    func postal() throws {
        let out = try makeGenerator("address.postal-code").generate(.text("SW1A 1AA"), row: row).displayText
        #expect(out.map { $0.isUppercase } == "SW1A 1AA".map { $0.isUppercase })
        #expect(out.map { $0.isNumber } == "SW1A 1AA".map { $0.isNumber })
        #expect(out.contains(" "))
    }

    @Test("text.scramble keeps length, case, digits and punctuation")
    func scramble() throws {
        let input = "Call Ana at 555-0100, re: order #88!"
        let out = try makeGenerator("text.scramble").generate(.text(input), row: row).displayText
        #expect(out.count == input.count)
        for (a, b) in zip(input, out) {
            #expect(a.isUppercase == b.isUppercase && a.isLowercase == b.isLowercase && a.isNumber == b.isNumber)
            if !a.isLetter && !a.isNumber { #expect(a == b) }
        }
        #expect(out != input)
    }

    @Test("date.shift moves by 1…days days either way and keeps the format", arguments: [
        "2024-02-29", "2024-02-29 23:59:59", "1999-12-31T08:00:00.123Z",
    ])
    func dateShift(input: String) throws {
        let generator = try makeGenerator("date.shift", ["days": .integer(10)], type: .timestamp, consistent: false)
        let original = try #require(CivilDate(prefixOf: input))
        for i in 0..<200 {
            let out = try generator.generate(.text(input), row: .init(ordinal: Int64(i))).displayText
            let shifted = try #require(CivilDate(prefixOf: out))
            let delta = shifted.days - original.days
            #expect(delta != 0 && abs(delta) <= 10)
            #expect(out.dropFirst(10) == input.dropFirst(10))
        }
    }

    @Test("date generators read dates as text columns write them — 06/14/1987, 14/06/1987 (day_first), 14.06.1987, 1987/06/14, 19870614, unpadded 6/4/1987, a time after them — and write the new date in the same layout (they refused all but YYYY-MM-DD, and the run init's workspace asked for stopped)", arguments: [
        ("06/14/1987", false, "MM/DD/YYYY"), ("6/4/1987", false, "M/D/YYYY"), ("14/06/1987", true, "DD/MM/YYYY"), ("04/03/1987", true, "DD/MM/YYYY"),
        ("14.06.1987", false, "DD.MM.YYYY"), ("14-06-1987", true, "DD-MM-YYYY"), ("1987/06/14", false, "YYYY/MM/DD"), ("19870614", false, "YYYYMMDD"),
        ("06/14/1987 10:30", false, "MM/DD/YYYY HH:MM"), ("1987-06-14", false, "YYYY-MM-DD"),
    ])
    func datesAsWritten(input: String, dayFirst: Bool, layout: String) throws {
        let read = try #require(WrittenDate(input, dayFirst: dayFirst), "\(input)")
        #expect(read.written(read.date) == input)
        // The layout's shape: digits where it has digits, its marks where it has marks.
        func shape(_ s: String) -> String { String(s.map { $0.isNumber ? "9" : $0 }) }
        for name in ["date.birth", "date.shift", "date.truncate"] {
            let generator = try makeGenerator(name, ["day_first": .boolean(dayFirst)], consistent: name == "date.truncate" ? nil : false)
            for i in 0..<100 {
                let out = try generator.generate(.text(input), row: .init(ordinal: Int64(i))).displayText
                let back = try #require(WrittenDate(out, dayFirst: dayFirst), "\(name): \(out)")
                // Padded layouts keep their widths; an unpadded one may grow a digit (6/4 → 12/25).
                if input.count == out.count { #expect(shape(out) == shape(input), "\(name): \(input) → \(out)") }
                #expect(back.written(back.date) == out)
                if name == "date.birth" { #expect(back.date.year / 5 == read.date.year / 5, "\(out)") }
                if name == "date.shift" { #expect(back.date != read.date && abs(back.date.days - read.date.days) <= 30, "\(out)") }
                if name == "date.truncate" { #expect(back.date.day == 1 && back.date.month == read.date.month && back.date.year == read.date.year, "\(out)") }
            }
        }
    }

    @Test("date.iso writes a date or timestamp in ISO form: text dates of the layouts the date generators read (day first with day_first), numbers as Unix times in seconds or milliseconds; ISO stays as it is, a date column gets the date alone, and what is no date is refused (a SQLite column of Unix times or of 06/14/1987 could not be copied into PostgreSQL's date and timestamp)", arguments: [
        ("06/14/1987", LogicalType.date, [String: ParameterValue](), "1987-06-14"),
        ("14/06/1987", .date, ["day_first": .boolean(true)], "1987-06-14"),
        ("14.06.1987 10:30", .timestamp, [:], "1987-06-14 10:30"),
        ("19870614", .date, [:], "1987-06-14"),
        ("06/14/1987 10:30:15", .date, [:], "1987-06-14"),
        ("1987-06-14T08:00:00Z", .timestamp, [:], "1987-06-14T08:00:00Z"),
        ("infinity", .timestamp, [:], "infinity"),
        ("1700000000", .timestamp, [:], "2023-11-14 22:13:20"),
        ("1700000000123", .timestamp, ["unix": .string("milliseconds")], "2023-11-14 22:13:20.123"),
        ("1700000000", .date, [:], "2023-11-14"),
        ("-86400", .timestamp, [:], "1969-12-31 00:00:00"),
    ])
    func dateISO(input: String, type: LogicalType, parameters: [String: ParameterValue], expected: String) throws {
        let generator = try makeGenerator("date.iso", parameters, type: type)
        let value: Value = Int64(input).map { .integer($0) } ?? .text(input)
        #expect(try generator.generate(value, row: .init(ordinal: 0)).displayText == expected)
        #expect(try generator.generate(.null, row: .init(ordinal: 0)) == .null)
    }

    @Test("date.iso refuses what is no date, naming the layouts and never the value")
    func dateISORefuses() throws {
        let generator = try makeGenerator("date.iso", [:], type: .timestamp)
        for bad in [Value.text("yesterday"), .text("14/13/1987"), .blob([1, 2])] {
            #expect { _ = try generator.generate(bad, row: .init(ordinal: 0)) } throws: { error in
                let text = "\(error)"
                return text.contains("YYYY-MM-DD") && !text.contains("yesterday") && !text.contains("14/13")
            }
        }
        #expect(try generator.generate(.real(1_700_000_000.5), row: .init(ordinal: 0)).displayText == "2023-11-14 22:13:20.5")
    }

    @Test("Unix times in an integer column, in the unit `unix:` names: date.birth draws another day of the band and keeps the time of day and the unit (it read only YYYYMMDD, and init suggested fpe.integer, which wrote numbers that are no dates); date.shift moves milliseconds of 1966–1973 by whole days (read as seconds by their magnitude, a 1968 birth date moved by minutes)", arguments: [
        ("seconds", Int64(-42_336_000), Int64(86_400)), ("milliseconds", -42_336_000_000, 86_400_000), ("milliseconds", 37_497_600_123, 86_400_000),
        ("milliseconds", 631_152_000_000, 86_400_000),
    ])
    func unixDates(unit: String, stamp: Int64, perDay: Int64) throws {
        let birth = try makeGenerator("date.birth", ["unix": .string(unit)], type: .integer)
        let shift = try makeGenerator("date.shift", ["unix": .string(unit)], type: .integer)
        let day = stamp >= 0 ? stamp / perDay : (stamp - perDay + 1) / perDay
        let year = CivilDate(days: Int(day)).year
        for i in 0..<50 {
            guard case .integer(let born) = try birth.generate(.integer(stamp + Int64(i) * perDay), row: .init(ordinal: 0)) else { Issue.record("not an integer"); return }
            let bornDay = born >= 0 ? born / perDay : (born - perDay + 1) / perDay
            #expect(born != stamp + Int64(i) * perDay && born - bornDay * perDay == stamp - day * perDay, "the time of day kept: \(born)")
            let bornYear = CivilDate(days: Int(bornDay)).year
            #expect(bornYear / 5 == (CivilDate(days: Int(day) + i).year) / 5 || bornYear - bornYear % 5 == CivilDate(days: Int(day) + i).year - CivilDate(days: Int(day) + i).year % 5, "\(bornYear) in the band of \(year)")
            guard case .integer(let moved) = try shift.generate(.integer(stamp + Int64(i) * perDay), row: .init(ordinal: 0)) else { Issue.record("not an integer"); return }
            let by = moved - (stamp + Int64(i) * perDay)
            #expect(by != 0 && by % perDay == 0 && abs(by / perDay) <= 30, "moved by whole days: \(by)")
        }
        // Without `unix:`, date.birth reads YYYYMMDD only, and says what to write for Unix times.
        let plain = try makeGenerator("date.birth", [:], type: .integer)
        #expect { _ = try plain.generate(.integer(stamp), row: .init(ordinal: 0)) } throws: { "\($0)".contains("unix: milliseconds") }
        #expect(try plain.generate(.integer(19_870_614), row: .init(ordinal: 0)) != .integer(19_870_614))
    }

    @Test("timestamp.jitter reads the date in the layouts the date generators read, the time after it, and writes both back in their layout (it refused all but YYYY-MM-DD HH:MM)", arguments: [
        ("06/14/1987 10:30", false), ("14.06.1987 23:59:30", false), ("14/06/1987T00:00:05Z", true), ("2024-03-01T23:59:30.250Z", false), ("2024-03-01 13:45", false),
    ])
    func timestampsAsWritten(input: String, dayFirst: Bool) throws {
        let generator = try makeGenerator("timestamp.jitter", ["seconds": .integer(90), "day_first": .boolean(dayFirst)], type: .timestamp, consistent: false)
        func shape(_ s: String) -> String { String(s.map { $0.isNumber ? "9" : $0 }) }
        func seconds(_ s: String) throws -> Int {
            let written = try #require(WrittenDate(s, dayFirst: dayFirst), "\(s)")
            let time = written.rest.dropFirst().split(separator: ":").prefix(3).map { Int($0.prefix(2))! }
            return written.date.days * 86_400 + time[0] * 3_600 + time[1] * 60 + (time.count > 2 ? time[2] : 0)
        }
        for i in 0..<100 {
            let out = try generator.generate(.text(input), row: .init(ordinal: Int64(i))).displayText
            #expect(shape(out) == shape(input), "\(input) → \(out)")
            // (A time written to the minute moves by whole minutes: up to 90 seconds, then cut to the minute.)
            let written = try #require(WrittenDate(input, dayFirst: dayFirst))
            #expect(abs(try seconds(out) - seconds(input)) <= (written.rest.count > 6 ? 90 : 150), "\(input) → \(out)")
        }
    }

    @Test("a day first is read from the value where it can only be (25/12/1987), and a month of 13 or a day past the month's end is no date")
    func ambiguousDates() throws {
        #expect(WrittenDate("25/12/1987", dayFirst: false)?.date == CivilDate(year: 1987, month: 12, day: 25))
        #expect(WrittenDate("12/25/1987", dayFirst: true)?.date == CivilDate(year: 1987, month: 12, day: 25))
        #expect(WrittenDate("04/03/1987", dayFirst: false)?.date == CivilDate(year: 1987, month: 4, day: 3))
        #expect(WrittenDate("04/03/1987", dayFirst: true)?.date == CivilDate(year: 1987, month: 3, day: 4))
        for bad in ["13/13/1987", "31.02.1987", "1987/13/01", "19871301", "12345678", "1/2/3", "06/14/87", "06/14/1987x", "2024-03-01 extra"] where bad != "2024-03-01 extra" {
            #expect(WrittenDate(bad, dayFirst: false) == nil, "\(bad)")
        }
        #expect(WrittenDate("2024-03-01 extra", dayFirst: false) != nil)
    }

    @Test("date.shift on epoch integers shifts by whole days")
    func dateShiftEpoch() throws {
        let out = try makeGenerator("date.shift", type: .integer).generate(.integer(1_700_000_000), row: row)
        guard case .integer(let v) = out else { Issue.record("not an integer"); return }
        #expect((v - 1_700_000_000) % 86_400 == 0 && v != 1_700_000_000)
    }

    @Test("date.shift refuses a value that is not a date without printing it")
    func dateShiftInvalid() throws {
        #expect {
            try makeGenerator("date.shift").generate(.text("SECRET-VALUE"), row: row)
        } throws: { error in
            !"\(error)".contains("SECRET") && "\(error)".contains("YYYY-MM-DD")
        }
    }

    @Test("civil date arithmetic round-trips over four centuries")
    func civil() {
        for days in stride(from: -150_000, through: 150_000, by: 97) {
            let date = CivilDate(days: days)
            #expect(date.days == days)
            #expect(CivilDate(prefixOf: date.iso) == date)
        }
    }

    @Test("number.noise stays within bounds, keeps integers integral and non-negatives non-negative")
    func noise() throws {
        let relative = try makeGenerator("number.noise", ["relative": .number(0.1)], type: .integer, consistent: false)
        let bounded = try makeGenerator("number.noise", ["absolute": .number(50), "max": .number(1000)], type: .real, consistent: false)
        for i in 0..<500 {
            guard case .integer(let v) = try relative.generate(.integer(1000), row: .init(ordinal: Int64(i))) else { Issue.record("type"); return }
            #expect(v >= 900 && v <= 1100)
            guard case .real(let r) = try bounded.generate(.real(990), row: .init(ordinal: Int64(i))) else { Issue.record("type"); return }
            #expect(r >= 940 && r <= 1000)
            guard case .integer(let z) = try relative.generate(.integer(0), row: .init(ordinal: Int64(i))) else { Issue.record("type"); return }
            #expect(z == 0)
        }
        let text = try makeGenerator("number.noise", type: .decimal).generate(.text("12.50"), row: row).displayText
        #expect(text.split(separator: ".").last?.count == 2)
    }

    @Test("categorical.shuffle keeps the column's frequencies")
    func categorical() throws {
        let generator = try makeGenerator("categorical.shuffle", statistics: .init(values: [.text("a"), .text("b")], counts: [3, 1]))
        var a = 0
        let n = 10_000
        for i in 0..<n where try generator.generate(.text("b"), row: .init(ordinal: Int64(i))) == .text("a") { a += 1 }
        // Binomial(n, 0.75): standard deviation sqrt(n·0.75·0.25) ≈ 43; 5σ ≈ 217.
        #expect(abs(a - 7_500) < 217)
    }

    @Test("categorical.shuffle refuses high-cardinality columns")
    func categoricalLimit() {
        #expect(throws: GeneratorError.self) {
            try makeGenerator("categorical.shuffle", ["max_categories": .integer(1)], statistics: .init(values: [.text("a"), .text("b")], counts: [1, 1]))
        }
    }

    @Test("categorical refuses a column none of whose values two rows share — emails, names: it promised no rare value, yet with nothing shared it kept them all and wrote every row's own value into another row — naming the generators that suit it; a column of shared values, or of a few unique labels, is drawn, its single values left out past 20 categories")
    func categoriesOfUniqueValues() throws {
        let emails = ColumnStatistics(values: (0..<200).map { .text("p\($0)@example.org") }, counts: Array(repeating: 1, count: 200))
        let nine = ColumnStatistics(values: (0..<9).map { .text("e\($0)@corp.example") }, counts: Array(repeating: 1, count: 9))
        for statistics in [emails, nine] {
            #expect { _ = try makeGenerator("categorical", statistics: statistics) } throws: { error in
                "\(error)".contains("shared") && "\(error)".contains("person.full-name")
            }
        }
        _ = try makeGenerator("categorical", statistics: .init(values: [.text("gold"), .text("silver"), .text("bronze")], counts: [1, 1, 1]))
        let plans = try makeGenerator("categorical", statistics: .init(values: (0..<30).map { .text("plan \($0)") }, counts: (0..<30).map { $0 < 10 ? 1 : 8 }))
        for i in 0..<500 {
            let drawn = try plans.generate(.text("plan 0"), row: .init(ordinal: Int64(i))).displayText
            #expect(Int(drawn.dropFirst(5))! >= 10, "a value of one row: \(drawn)")
        }
    }

    @Test("hash: hex of the asked length, tokens of the input's length, positive integers")
    func hash() throws {
        #expect(try makeGenerator("hash", ["length": .integer(40)]).generate(.text("x"), row: row).displayText.count == 40)
        let token = try makeGenerator("hash", ["format": .string("token")]).generate(.text("ACME-00042"), row: row).displayText
        #expect(token.count == 10 && token.allSatisfy { $0.isLetter || $0.isNumber })
        guard case .integer(let i) = try makeGenerator("hash", type: .integer).generate(.integer(5), row: row) else { Issue.record("type"); return }
        #expect(i > 0)
        #expect(try makeGenerator("hash").generate(.integer(5), row: row) == (try makeGenerator("hash").generate(.integer(5), row: row)))
    }

    @Test("integer 5 and text \"5\" are the same input, so mixed-type joins agree")
    func canonical() {
        #expect(Value.integer(5).canonicalBytes == Value.text("5").canonicalBytes)
    }
}

@Suite("Generator reference")
struct GeneratorReferenceTests {
    @Test("docs/generators.md is the registry's current reference (run `understudy generators --markdown --output docs/generators.md`)")
    func upToDate() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let committed = try String(contentsOf: root.appendingPathComponent("docs/generators.md"), encoding: .utf8)
        #expect(committed == GeneratorReference().markdown())
    }

    @Test("every generator is documented with a summary, types and at least one example or a reason")
    func complete() {
        for d in GeneratorRegistry.standard.definitions {
            #expect(!d.summary.isEmpty && !d.acceptedTypes.isEmpty)
            // categorical.shuffle and categorical draw from a column's statistics, continuous fits a sample, and
            // conditional reads another column:
            // their behaviour is pinned by tests below rather than by a one-value example.
            #expect(!d.examples.isEmpty || ["categorical.shuffle", "categorical", "continuous", "conditional"].contains(d.name), "\(d.name) has no example")
        }
    }
}

@Suite("Keyed hashing")
struct KeyedHasherTests {
    @Test("the hand-assembled HMAC equals swift-crypto's HMAC<SHA256> for keys and messages of every size", arguments: [0, 1, 31, 32, 33, 55, 56, 63, 64, 65, 200])
    func matchesHMAC(length: Int) {
        for keyLength in [16, 32, 64, 65, 100] {
            let key = SymmetricKey(data: (0..<keyLength).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) })
            let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 13) }
            let ours = KeyedHasher(key: key).digest(message, label: 9)
            let theirs = Array(HMAC<SHA256>.authenticationCode(for: [9] + message, using: key))
            #expect(ours == theirs)
        }
    }

    @Test("a row's stream (columns that are not consistent) is seeded by \"#row\" and the ordinal's eight bytes alone, so two runs draw alike (the seed read four bytes of a tuple's padding: categorical.shuffle drew other values every run)")
    func rowStreams() {
        let hasher = Fixtures.key.hasher(generator: "g", domain: "d")
        for ordinal: Int64 in [0, 5, 1 << 33, -1] {
            var ours = hasher.stream(for: .text("ignored"), ordinal: ordinal, consistent: false)
            var expected = hasher.stream(Array("#row".utf8) + withUnsafeBytes(of: ordinal.littleEndian, Array.init), label: 1)
            #expect((0..<4).map { _ in ours.next() } == (0..<4).map { _ in expected.next() }, "ordinal \(ordinal)")
        }
        // Ordinals apart by 2^32 no longer share a stream (only the low four bytes were read).
        var low = hasher.stream(for: .null, ordinal: 1, consistent: false)
        var high = hasher.stream(for: .null, ordinal: 1 + (1 << 32), consistent: false)
        #expect(low.next() != high.next())
    }

    @Test("value streams agree with the byte form: text \"5\", integer 5 and the canonical bytes")
    func canonicalStreams() {
        let hasher = Fixtures.key.hasher(generator: "g", domain: "d")
        var a = hasher.stream(for: .text("5"), ordinal: 0, consistent: true)
        var b = hasher.stream(for: .integer(5), ordinal: 7, consistent: true)
        var c = hasher.stream(Array("5".utf8))
        let x = a.next()
        #expect(x == b.next())
        #expect(x == c.next())
    }
}

@Suite("Numbers held as text")
struct DecimalTextTests {
    @Test("parsed with their decimals, written back with as many, half away from zero, without Foundation in the common case")
    func roundTrip() {
        #expect(DecimalText.parse("12.50")! == (12.5, 2))
        #expect(DecimalText.parse("  7 ")! == (7, 0))
        #expect(DecimalText.parse("1.5e3")! == (1500, 1))
        #expect(DecimalText.parse("abc") == nil)
        #expect(DecimalText.parse("") == nil)
        #expect(DecimalText.format(123.456, decimals: 2) == "123.46")
        #expect(DecimalText.format(-0.05, decimals: 2) == "-0.05")
        #expect(DecimalText.format(-0.004, decimals: 2) == "0.00")
        #expect(DecimalText.format(0.5, decimals: 0) == "1")
        #expect(DecimalText.format(5, decimals: 3) == "5.000")
        #expect(DecimalText.format(1e30, decimals: 0) == String(format: "%.0f", 1e30), "beyond exact integers: Foundation")
        #expect(DecimalText.format(.nan, decimals: 2) == "NaN")
        #expect(DecimalText.format(-.infinity, decimals: 2) == "-Infinity")
        for x in stride(from: -1000.0, through: 1000.0, by: 0.37) {
            #expect(Double(DecimalText.format(x, decimals: 2))! == (x * 100).rounded() / 100)
        }
    }

    @Test("mac-address keeps an EUI-64 address (macaddr8) at 16 hex digits, reversibly; ip-address keeps a cidr network a network of the same length, reversibly, one network to one")
    func addressesOfPostgresTypes() throws {
        let mac = try #require(try makeGenerator("mac-address") as? any ReversibleGenerator)
        let eui = "08:00:2b:01:02:03:04:05"
        let masked = try mac.generate(.text(eui), row: .init(ordinal: 0)).displayText
        #expect(masked != eui && masked.count == eui.count && masked.filter { $0 == ":" }.count == 7)
        #expect(try mac.reverse(.text(masked)) == .text(eui))
        for keep in [0, 8] {
            let ip = try #require(try makeGenerator("ip-address", ["keep_prefix_bits": .integer(keep)], syntax: "cidr") as? any ReversibleGenerator)
            var seen = Set<String>()
            for network in (0..<256).map({ "10.\($0).0.0/16" }) + ["2001:db8:\(keep + 1)::/48", "192.168.7.0/24", "0.0.0.0/0"] {
                let out = try ip.generate(.text(network), row: .init(ordinal: 0)).displayText
                let length = network.split(separator: "/")[1]
                #expect(out.hasSuffix("/\(length)"), "\(out)")
                // Host bits zero: as an IPv4 network, the address's bits after the length are 0.
                if let v4 = IPAddress.parseV4(out.split(separator: "/")[0]), let bits = Int(length), bits < 32 { #expect(v4 & (UInt32.max >> bits) == 0, "\(out)") }
                if keep == 8, network.hasPrefix("10.") { #expect(out.hasPrefix("10.")) }
                #expect(try ip.reverse(.text(out)) == .text(network))
                seen.insert(out)
            }
            #expect(seen.count == 259)
        }
    }

    @Test("composite replaces the named fields of a PostgreSQL composite value and keeps the others, NULL fields NULL and the literal as PostgreSQL writes it (a composite column of addresses could only be copied as it was); a field the type has not, or a value of another shape, is refused by name")
    func compositeFields() throws {
        let fields = [Fixtures.column("street", .text), Fixtures.column("city", .text), Fixtures.column("zip", .text), Fixtures.column("floor", .integer)]
        let row = RowPosition(ordinal: 0)
        let composite = try makeGenerator("composite", ["fields": .mapping(["street": .string("address.street"), "floor": .string("fpe.integer")])], syntax: "composite", fields: fields)
        let street = try makeGenerator("address.street", domain: "t.c/street")
        let out = try composite.generate(.text(#"("1 Main St",Springfield,12345,3)"#), row: row).displayText
        let parsed = try #require(PostgresRecordLiteral.parse(out))
        let fakeStreet = try street.generate(.text("1 Main St"), row: row).displayText
        #expect(parsed.count == 4 && parsed[0] == fakeStreet && parsed[1] == "Springfield" && parsed[2] == "12345")
        #expect(parsed[3] != "3" && Int(parsed[3] ?? "") != nil, "an integer field reaches fpe.integer as an integer: \(out)")
        #expect(out.hasPrefix("(\"") && out.hasSuffix(",Springfield,12345,\(parsed[3]!))"), "a street with spaces is quoted: \(out)")
        // NULL fields (nothing between commas) stay NULL; an empty string ("") is not NULL; quotes and backslashes survive.
        #expect(try composite.generate(.text("(,x,,)"), row: row).displayText == "(,x,,)")
        #expect(PostgresRecordLiteral.parse(#"("",x,"a ""b"" \\c",)"#) == ["", "x", #"a "b" \c"#, nil])
        #expect(PostgresRecordLiteral.write(["", "x", #"a "b" \c"#, nil, "(1,2)"]) == #"("",x,"a ""b"" \\c",,"(1,2)")"#)
        for literal in [#"(,"a,b","(",)"#, "()", #"("x y")"#] { #expect(PostgresRecordLiteral.write(try #require(PostgresRecordLiteral.parse(literal))) == literal) }
        #expect(throws: GeneratorError.self) { try composite.generate(.text("(a,b)"), row: row) }
        #expect(throws: GeneratorError.self) { try composite.generate(.text("not a record"), row: row) }
        #expect(throws: GeneratorError.self) { try composite.generate(.text(#"("open,b,c,d)"#), row: row) }
        #expect { _ = try makeGenerator("composite", ["fields": .mapping(["postcode": .string("address.postal-code")])], syntax: "composite", fields: fields) } throws: { error in
            "\(error)".contains("no field postcode") && "\(error)".contains("street, city, zip, floor")
        }
    }

    @Test("array keeps PostgreSQL arrays of several dimensions and of bounds of their own (`{{1,2},{3,4}}`, `[0:2]={7,8,9}`: the run stopped on them), each element replaced; a literal nested past PostgreSQL's 6 dimensions, or ragged, is no array")
    func multidimensionalArrays() throws {
        let array = try makeGenerator("array", ["of": .string("fpe.integer")])
        let row = RowPosition(ordinal: 0)
        let element = try makeGenerator("fpe.integer", domain: "t.c/element")
        func fake(_ n: String) throws -> String { try element.generate(.integer(Int64(n)!), row: row).displayText }
        #expect(try array.generate(.text("{{1,2},{3,NULL}}"), row: row).displayText == "{{\(try fake("1")),\(try fake("2"))},{\(try fake("3")),NULL}}")
        #expect(try array.generate(.text("[0:2]={7,8,9}"), row: row).displayText == "[0:2]={\(try fake("7")),\(try fake("8")),\(try fake("9"))}")
        #expect(try array.generate(.text("[1:2][-1:0]={{1,2},{3,4}}"), row: row).displayText.hasPrefix("[1:2][-1:0]={{"))
        #expect(try array.generate(.text("{}"), row: row).displayText == "{}")
        // Elements keep their quoting: one with a space, a comma, a quote, a backslash, a line break.
        #expect(PostgresArrayLiteral.literal(#"{{"a b","c,d"},{"e\"f","g\\h"}}"#)?.elements == ["a b", "c,d", #"e"f"#, #"g\h"#])
        #expect(PostgresArrayLiteral.write(["a b", "line\nbreak", nil, "NULL", ""]) == #"{"a b","line"# + "\n" + #"break",NULL,"NULL",""}"#)
        for bad in [String(repeating: "{", count: 7) + "1" + String(repeating: "}", count: 7), "{{1,2},3}", "{{1,2}", "[0:x]={1}", "{1,2}}"] {
            #expect(PostgresArrayLiteral.literal(bad) == nil, "\(bad)")
        }
        #expect(PostgresArrayLiteral.literal(String(repeating: "{", count: 6) + "1" + String(repeating: "}", count: 6))?.elements == ["1"])
        #expect(throws: GeneratorError.self) { try array.generate(.text(String(repeating: "{", count: 100_000)), row: row) }
        // The scanner reads every element, whatever the dimensions.
        #expect(Scanner.elements(of: [.text("{{ann@example.com,bo@example.com},{NULL,cy@example.com}}")]).count == 3)
    }

    @Test("a generator nested in json.paths, regex or conditional gets values of the storage it takes: fpe.integer replaces a number written as a JSON string or captured from text (both came out unchanged), fpe.digits a JSON number")
    func nestedStorage() throws {
        let row = RowPosition(ordinal: 0)
        let paths = try makeGenerator("json.paths", ["paths": .mapping(["$.account": .string("fpe.integer"), "$.pin": .string("fpe.digits")])], type: .json)
        let out = try paths.generate(.text(#"{"account":"123456","pin":4321}"#), row: row).displayText
        #expect(!out.contains("123456") && !out.contains("4321"), "\(out)")
        #expect(out.contains(#""account":""#) && !out.contains(#""pin":""#), "each keeps its JSON kind: \(out)")
        let regex = try makeGenerator("regex", ["pattern": .string("order ([0-9]+)"), "with": .string("fpe.integer")])
        let text = try regex.generate(.text("see order 123456 today"), row: row).displayText
        #expect(!text.contains("123456") && text.hasPrefix("see order ") && text.hasSuffix(" today"), "\(text)")
    }

    @Test("JSON nested deeper than 512 levels stops json.paths and array with the reason, at the row (a document nested 200,000 deep crashed the run: the parser recursed off its stack); 512 levels still work")
    func deeplyNestedJSON() throws {
        let paths = try makeGenerator("json.paths", ["paths": .mapping(["$.note": .string("text.redact")])], type: .json)
        let array = try makeGenerator("array", ["of": .string("email")], type: .json)
        for (generator, deep) in [(paths, String(repeating: "{\"a\":", count: 200_000) + "1" + String(repeating: "}", count: 200_000)),
                                  (array, String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000))] {
            #expect { _ = try generator.generate(.text(deep), row: .init(ordinal: 0)) } throws: { "\($0)".contains("nested deeper than 512") }
        }
        // 512 levels: the object, and 511 arrays inside it.
        let fine = "{\"note\":\"Call Maria Garcia\",\"deep\":" + String(repeating: "[", count: 511) + String(repeating: "]", count: 511) + "}"
        let out = try paths.generate(.text(fine), row: .init(ordinal: 0)).displayText
        #expect(!out.contains("Maria Garcia") && out.hasSuffix(String(repeating: "]", count: 511) + "}"), "\(out.prefix(80))")
    }
}

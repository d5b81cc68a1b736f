import Foundation
import Testing
@testable import UnderstudyCore

/// Runs a generator that reads other columns through the table transform, as the pipeline does.
func transformColumn(_ name: String, _ parameters: [String: ParameterValue], column: String, in batch: RowBatch, type: LogicalType = .text) throws -> [Value] {
    let definition = try #require(GeneratorRegistry.standard.definition(named: name))
    let resolved = try definition.resolve(parameters, at: "test", in: nil)
    let table = Table(name: "t", columns: batch.columnNames.map { Fixtures.column($0, $0 == column ? type : .text) })
    let plan = TablePlan(table: table, mode: .deidentify, columns: [
        ColumnPlan(column: column, generator: name, parameters: resolved, domain: "t.\(column)", consistent: definition.consistentByDefault, inheritedFrom: nil, mustBeUnique: false),
    ])
    let output = try TableTransform(plan: plan, key: Fixtures.key).apply(batch)
    return output.columns[batch.columnIndex(column)!]
}

func reversible(_ name: String, _ parameters: [String: ParameterValue] = [:], type: LogicalType = .text) throws -> any ReversibleGenerator {
    try #require(try makeGenerator(name, parameters, type: type) as? any ReversibleGenerator)
}

/// Checks what every reversible, unique-safe generator promises on a set of distinct inputs:
/// distinct outputs, each reversing to its input, and the same output again for the same input.
func checkBijective(_ generator: any ReversibleGenerator, on inputs: [Value], valid: (String) -> Bool = { _ in true }) throws {
    var seen = Set<Value>()
    for (i, input) in inputs.enumerated() {
        let output = try generator.generate(input, row: .init(ordinal: Int64(i)))
        #expect(valid(output.displayText), "invalid output for input #\(i)")
        #expect(seen.insert(output).inserted, "two inputs map to one output")
        #expect(try generator.reverse(output) == input)
        #expect(try generator.generate(input, row: .init(ordinal: 999)) == output, "consistent")
    }
}

@Suite("Toolbox: valid identifiers")
struct IdentifierTests {
    var random = KeyedRandom(seed: [UInt8](repeating: 9, count: 32))

    @Test("credit-card: Luhn-valid, same layout and issuer, one-to-one, reversible")
    mutating func creditCard() throws {
        let inputs: [Value] = (0..<2_000).map { i in
            var digits = [4, 5, 3, 6][i % 4 == 0 ? 0 : 1] == 4 ? [4] : [5]
            digits += (0..<14).map { _ in random.below(10) }
            digits.append(Luhn.checkDigit(for: digits))
            let text = digits.map(String.init).joined()
            return .text(i % 2 == 0 ? text : stride(from: 0, to: 16, by: 4).map { Array(text)[$0..<$0 + 4].map(String.init).joined() }.joined(separator: " "))
        }
        let generator = try reversible("credit-card")
        try checkBijective(generator, on: Set(inputs).sorted { $0.displayText < $1.displayText }) { text in
            Luhn.isValid(text.compactMap(\.wholeNumberValue)) && text.compactMap(\.wholeNumberValue).count == 16
        }
        let out = try generator.generate(.text("4111 1111 1111 1111"), row: .init(ordinal: 0)).displayText
        #expect(out.hasPrefix("4111 11") && out.count == 19)
        guard case .integer(let n) = try generator.generate(.integer(4_111_111_111_111_111), row: .init(ordinal: 0)) else { Issue.record("type"); return }
        #expect(Luhn.isValid(String(n).compactMap(\.wholeNumberValue)))
    }

    static func validSSN(_ text: String) -> Bool {
        let d = text.compactMap(\.wholeNumberValue)
        guard d.count == 9 else { return false }
        return SSNGenerator.index(d[0] * 100 + d[1] * 10 + d[2], d[3] * 10 + d[4], d[5] * 1000 + d[6] * 100 + d[7] * 10 + d[8]) != nil
    }

    @Test("ssn: valid by the SSA's rules, one-to-one on valid inputs, reversible; invalid inputs still get valid SSNs")
    mutating func ssn() throws {
        var inputs = Set<Value>()
        while inputs.count < 3_000 {
            let index = UInt64(random.below(Int(SSNGenerator.size)))
            let d = SSNGenerator.ssn(index)
            inputs.insert(.text("\(d[0])\(d[1])\(d[2])-\(d[3])\(d[4])-\(d[5])\(d[6])\(d[7])\(d[8])"))
        }
        let generator = try reversible("ssn")
        try checkBijective(generator, on: inputs.sorted { $0.displayText < $1.displayText }, valid: Self.validSSN)
        for invalid in ["000-12-3456", "666-12-3456", "912-34-5678", "123-00-4567", "123-45-0000"] {
            let out = try generator.generate(.text(invalid), row: .init(ordinal: 0)).displayText
            #expect(Self.validSSN(out) && out.count == 11)
        }
        #expect(Self.validSSN(SSNGenerator.ssn(0).map(String.init).joined()) && Self.validSSN(SSNGenerator.ssn(SSNGenerator.size - 1).map(String.init).joined()))
    }

    @Test("iban: same country and length, mod-97 valid, letters and digits in place, one-to-one, reversible")
    mutating func iban() throws {
        let samples = ["DE89370400440532013000", "GB29NWBK60161331926819", "FR1420041010050500013M02606", "NL91ABNA0417164300",
                       "ES9121000418450200051332", "IT60X0542811101000000123456", "CH9300762011623852957", "BE68539007547034"]
        for sample in samples { #expect(IBANGenerator.isValid(sample), "\(sample) is a valid published example") }
        let generator = try reversible("iban")
        var inputs = Set<Value>()
        for sample in samples {
            for _ in 0..<200 {
                // Random account parts of the sample's shape, with correct check digits.
                let chars = Array(sample.utf8)
                let bban = chars[4...].map { ASCII.isDigit($0) ? UInt8(48 + random.below(10)) : UInt8(65 + random.below(26)) }
                let check = IBANGenerator.checkDigits(country: Array(chars[0..<2]), bban: bban)
                inputs.insert(.text(String(decoding: chars[0..<2], as: UTF8.self) + String(format: "%02d", check) + String(decoding: bban, as: UTF8.self)))
            }
        }
        try checkBijective(generator, on: inputs.sorted { $0.displayText < $1.displayText }, valid: IBANGenerator.isValid)
        let spaced = try generator.generate(.text("DE89 3704 0044 0532 0130 00"), row: .init(ordinal: 0)).displayText
        #expect(spaced.hasPrefix("DE") && spaced.count == 27 && IBANGenerator.isValid(spaced))
        let shape = try generator.generate(.text("GB29NWBK60161331926819"), row: .init(ordinal: 0)).displayText
        #expect(shape.utf8.map(ASCII.isDigit) == "GB29NWBK60161331926819".utf8.map(ASCII.isDigit))
    }

    @Test("ip-address: parseable, prefix kept, one-to-one and reversible for IPv4 and IPv6")
    mutating func ip() throws {
        let v4 = Set((0..<3_000).map { _ in Value.text("\(random.below(256)).\(random.below(256)).\(random.below(256)).\(random.below(256))") })
        try checkBijective(try reversible("ip-address"), on: v4.sorted { $0.displayText < $1.displayText }) { IPAddress.parseV4(Substring($0)) != nil }
        let kept = try reversible("ip-address", ["keep_prefix_bits": .integer(16)])
        try checkBijective(kept, on: (0..<500).map { Value.text("10.20.\($0 / 256).\($0 % 256)") }) { $0.hasPrefix("10.20.") && IPAddress.parseV4(Substring($0)) != nil }
        let v6 = Set((0..<300).map { _ in Value.text(IPAddress.formatV6(UInt128(random.next()) << 64 | UInt128(random.next()))) })
        try checkBijective(try reversible("ip-address"), on: v6.sorted { $0.displayText < $1.displayText }) { IPAddress.parseV6(Substring($0)) != nil }
        #expect(IPAddress.formatV6(IPAddress.parseV6("2001:db8::1")!) == "2001:db8::1")
        #expect(try kept.generate(.text("10.20.30.40/24"), row: .init(ordinal: 0)).displayText.hasSuffix("/24"))
    }

    @Test("ip-address reads an IPv6 address with its zone (`fe80::1%eth0`, as logs write link-local ones) and an address with spaces around it, keeping both; they stopped the run, and init fell back to fpe.alphanumeric for the column")
    func ipAsLogsWriteThem() throws {
        let generator = try reversible("ip-address")
        for input in ["fe80::1%eth0", "fe80::1ff:fe23:4567:890a%3", " 10.1.2.3 ", "\t2001:db8::1\n", "fe80::1%eth0/64"] {
            let output = try generator.generate(.text(input), row: .init(ordinal: 0)).displayText
            #expect(output != input, "\(input)")
            let zone = input.firstIndex(of: "%").map { String(input[$0...]) } ?? ""
            #expect(output.hasSuffix(zone) && output.prefix { $0.isWhitespace } == input.prefix { $0.isWhitespace } && output.reversed().prefix { $0.isWhitespace } == input.reversed().prefix { $0.isWhitespace }, "\(input) → \(output)")
            #expect(try generator.reverse(.text(output)) == .text(input))
        }
    }

    @Test("mac-address: same separators and case, vendor kept on request, one-to-one, reversible")
    mutating func mac() throws {
        let inputs = Set((0..<1_000).map { _ in Value.text((0..<6).map { _ in String(format: "%02X", random.below(256)) }.joined(separator: ":")) })
        try checkBijective(try reversible("mac-address"), on: inputs.sorted { $0.displayText < $1.displayText }) { text in
            text.count == 17 && text.split(separator: ":").count == 6 && !text.contains { $0.isLowercase }
        }
        let vendor = try reversible("mac-address", ["keep_vendor": .boolean(true)])
        #expect(try vendor.generate(.text("a4-83-e7-12-34-56"), row: .init(ordinal: 0)).displayText.hasPrefix("a4-83-e7-"))
    }

    @Test("crypto-address: real Bitcoin (Base58Check, Bech32, Bech32m) and Ethereum addresses read with their checksums and come out as addresses of the same chain, kind and length whose checksums hold, one-to-one, reversible; a checksum that fails stops the value")
    mutating func cryptoAddresses() throws {
        // Bitcoin's genesis address, BIP 13's, BIP 173's and BIP 350's examples, an Ethereum contract's.
        let known = ["1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "1BoatSLRHtKNngkdXEeobR76b53LETtpyT", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
                     "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3",
                     "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
                     "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", "0xde0b295669a9fd93d5f28d9ec85e40f4cb697bae"]
        for text in known {
            let address = try #require(CryptoAddress(text), "\(text)")
            #expect(address.text == text, "written back as it was read")
        }
        for bad in ["1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", "bc1qw508d6qejxtdg4y5r3zarvary0c5xW7kv8f3t4", "0xde0b295669a9fd93d5f28d9ec85e40f4cb697ba", "9fceb02d0ae598e95dc970b74767f19372d61af8"] {
            #expect(CryptoAddress(bad) == nil, "\(bad)")
            #expect(throws: GeneratorError.self) { _ = try makeGenerator("crypto-address").generate(.text(bad), row: .init(ordinal: 0)) }
        }
        // Random addresses of each kind.
        func bytes(_ n: Int) -> [UInt8] { (0..<n).map { _ in UInt8(random.below(256)) } }
        var inputs: [Value] = known.map { .text($0) }
        for _ in 0..<200 {
            inputs.append(.text(CryptoAddress.base58(version: [0, 5][Int(random.below(2))], payload: bytes(20)).text))
            inputs.append(.text(CryptoAddress.segwit(hrp: "bc", version: 0, program: bytes([20, 32][Int(random.below(2))]), upper: false).text))
            inputs.append(.text(CryptoAddress.segwit(hrp: "bc", version: 1, program: bytes(32), upper: false).text))
            inputs.append(.text(CryptoAddress.ethereum(digits: (0..<40).map { _ in UInt8(random.below(16)) }, upper: false).text))
        }
        let generator = try reversible("crypto-address")
        try checkBijective(generator, on: Array(Set(inputs)).sorted { $0.displayText < $1.displayText }) { CryptoAddress($0) != nil }
        for input in inputs {
            let output = try generator.generate(input, row: .init(ordinal: 0)).displayText
            let (a, b) = (try #require(CryptoAddress(input.displayText)), try #require(CryptoAddress(output)))
            switch (a, b) {
            case (.base58(let v, _), .base58(let w, _)): #expect(v == w)
            case (.segwit(let h, let v, let p, let u), .segwit(let i, let w, let q, let x)): #expect(h == i && v == w && p.count == q.count && u == x)
            case (.ethereum(_, let u), .ethereum(_, let x)): #expect(u == x)
            default: Issue.record("\(input) → \(output): another kind")
            }
            #expect(output != input.displayText)
        }
    }

    @Test("url: parseable, same scheme and port, host under .example")
    func url() throws {
        let generator = try makeGenerator("url")
        for input in ["https://shop.acme.com:8443/users/alice?ref=mail#top", "http://intranet.corp/a/b/c.html", "ftp://files.acme.com/x"] {
            let out = try generator.generate(.text(input), row: .init(ordinal: 0)).displayText
            let parsed = try #require(URL(string: out))
            #expect(parsed.scheme == URL(string: input)?.scheme)
            #expect(parsed.host?.hasSuffix(".example") == true)
            #expect(parsed.port == URL(string: input)?.port)
        }
    }

    @Test("uuid and fpe.uuid: valid UUIDs; fpe.uuid keeps version and variant, one-to-one, reversible")
    mutating func uuids() throws {
        let inputs = Set((0..<1_000).map { _ in Value.text(UUID().uuidString.lowercased()) })
        try checkBijective(try reversible("fpe.uuid", type: .uuid), on: inputs.sorted { $0.displayText < $1.displayText }) { text in
            UUID(uuidString: text) != nil && Array(text)[14] == "4" && "89ab".contains(Array(text)[19]) && !text.contains { $0.isUppercase }
        }
        let v4 = try makeGenerator("uuid", type: .uuid).generate(.text("6F1C2A9E-1B2C-4D3E-8F90-0A1B2C3D4E5F"), row: .init(ordinal: 0)).displayText
        #expect(UUID(uuidString: v4) != nil && Array(v4)[14] == "4" && v4 == v4.uppercased())
    }

    @Test("email and username with unique_by are collision-free by construction, without tags")
    func uniqueBy() throws {
        let ids = (0..<20_000).map { Value.integer(Int64($0 * 7 + 1)) }
        let batch = RowBatch(columnNames: ["id", "email"], columns: [ids, ids.map { .text("u\($0.displayText)@corp.com") }], firstOrdinal: 0)
        let emails = try transformColumn("email", ["unique_by": .string("id")], column: "email", in: batch)
        #expect(Set(emails).count == 20_000)
        #expect(emails.allSatisfy { $0.displayText.hasSuffix("@example.com") && !$0.displayText.contains("+") })
        let users = try transformColumn("username", ["unique_by": .string("id")], column: "email", in: batch)
        #expect(Set(users).count == 20_000)
    }

    @Test("unique_by must name a unique integer column")
    func uniqueByValidation() throws {
        let workspace = try Fixtures.workspace("  customers:\n    columns:\n      email: { generator: email, unique_by: name }")
        #expect { try RunPlanner().plan(workspace, schema: Fixtures.shop) } throws: { "\($0)".contains("unique_by needs an integer column that is unique on its own") }
    }

    @Test("username and company-name: plausible, consistent, never the input")
    func names() throws {
        let user = try makeGenerator("username", unique: true)
        var seen = Set<String>()
        for i in 0..<5_000 { seen.insert(try user.generate(.text("user\(i)"), row: .init(ordinal: 0)).displayText) }
        #expect(seen.count == 5_000)
        let company = try makeGenerator("company-name")
        let out = try company.generate(.text("ACME CORP"), row: .init(ordinal: 0)).displayText
        #expect(out == out.uppercased() && out != "ACME CORP")
    }
}

@Suite("Toolbox: format-preserving encryption generators")
struct FPEGeneratorTests {
    @Test("fpe.digits: short and long digit strings, layout kept, one-to-one, reversible")
    func digits() throws {
        let generator = try reversible("fpe.digits")
        try checkBijective(generator, on: (0..<1_000).map { Value.text(String(format: "A-%03d", $0)) }) { $0.hasPrefix("A-") && $0.count == 5 }
        try checkBijective(generator, on: (0..<2_000).map { Value.text("+1 (415) 555-\(String(format: "%04d", $0 * 3))") })
    }

    @Test("fpe.digits and fpe.alphanumeric encrypt digits of every script, each written in its own (Arabic-Indic `١٢٣٤٥٦`, Devanagari, fullwidth `１２３４５` came out unchanged: a national number written in them was copied as it was); the same digits map alike in any script; reversible")
    func digitsOfOtherScripts() throws {
        let generator = try reversible("fpe.digits")
        let row = RowPosition(ordinal: 0)
        func digitValues(_ text: String) -> [Int] { text.unicodeScalars.compactMap { $0.properties.numericType == .decimal ? Int($0.properties.numericValue ?? -1) : nil } }
        for (input, zero) in [("١٢٣٤٥٦", 0x660), ("۱۲۳۴۵۶۷", 0x6F0), ("१२३४५६", 0x966), ("１２３４５", 0xFF10), ("+٩٧١ ٥٠ ١٢٣ ٤٥٦٧", 0x660)] as [(String, UInt32)] {
            let output = try generator.generate(.text(input), row: row).displayText
            #expect(output != input, "\(input)")
            // Each digit stays in its script; every other character stays in place.
            #expect(zip(input.unicodeScalars, output.unicodeScalars).allSatisfy { a, b in
                a.properties.numericType == .decimal ? (b.value >= zero && b.value <= zero + 9) : a == b
            } && input.unicodeScalars.count == output.unicodeScalars.count, "\(input) → \(output)")
            #expect(try generator.reverse(.text(output)) == .text(input))
            // The same digits in ASCII map to the same digits.
            let ascii = String(input.unicodeScalars.map { $0.properties.numericType == .decimal ? Character(String(Int($0.properties.numericValue ?? 0))) : Character($0) })
            #expect(digitValues(try generator.generate(.text(ascii), row: row).displayText) == digitValues(output), "\(input)")
        }
        try checkBijective(generator, on: (0..<500).map { i in Value.text(String(String(format: "%06d", i * 7).unicodeScalars.map { Character(Unicode.Scalar(0x660 + $0.value - 48)!) })) })
        // fpe.alphanumeric reads them as digits too (`ID-١٢٣٤٥٦` kept its digits); other letters beyond ASCII stay.
        let alphanumeric = try reversible("fpe.alphanumeric")
        let id = try alphanumeric.generate(.text("ID-١٢٣٤٥٦-é"), row: row).displayText
        #expect(!id.contains("١٢٣٤٥٦") && id.hasSuffix("-é") && digitValues(id).count == 6 && id.unicodeScalars.filter { (0x660...0x669).contains($0.value) }.count == 6, "\(id)")
        #expect(try alphanumeric.reverse(.text(id)) == .text("ID-١٢٣٤٥٦-é"))
        #expect(digitValues(id) == digitValues(try alphanumeric.generate(.text("ID-123456-é"), row: row).displayText))
    }

    @Test("fpe.integer refuses a value that is no integer, naming it (text `abc` or a fraction 3.5 in a SQLite INTEGER column came out unchanged); a whole number stored as a real is encrypted as the integer")
    func integerOfOtherValues() throws {
        let generator = try reversible("fpe.integer", type: .integer)
        let row = RowPosition(ordinal: 0)
        #expect(throws: GeneratorError.self) { try generator.generate(.text("abc"), row: row) }
        #expect(throws: GeneratorError.self) { try generator.generate(.real(3.5), row: row) }
        #expect(throws: GeneratorError.self) { try generator.generate(.blob([1, 2]), row: row) }
        #expect(try generator.generate(.real(7), row: row) == (try generator.generate(.integer(7), row: row)))
        #expect(try generator.generate(.null, row: row) == .null)
    }

    @Test("fpe.alphanumeric keeps each character's class")
    func alphanumeric() throws {
        let generator = try reversible("fpe.alphanumeric")
        var random = KeyedRandom(seed: [UInt8](repeating: 5, count: 32))
        let inputs = Set((0..<2_000).map { _ in Value.text("\(Character(UnicodeScalar(65 + random.below(26))!))\(random.below(10))-\(Character(UnicodeScalar(97 + random.below(26))!))x\(random.below(1000))") })
        for input in inputs {
            let out = try generator.generate(input, row: .init(ordinal: 0)).displayText
            #expect(out.map { $0.isUppercase } == input.displayText.map { $0.isUppercase })
            #expect(out.map { $0.isNumber } == input.displayText.map { $0.isNumber })
        }
        try checkBijective(generator, on: inputs.sorted { $0.displayText < $1.displayText })
    }

    @Test("fpe.integer: a 32-bit column stays 32-bit, signs stay, ranges hold, one-to-one, reversible")
    func integer() throws {
        let int32 = try reversible("fpe.integer", type: .integer)
        let values: [Value] = (0..<2_000).map { .integer(Int64($0) * 1_000_003 - 1_000_000_000) } + [.integer(0), .integer(Int64(Int32.max)), .integer(Int64(Int32.min))]
        try checkBijective(int32, on: values)
        for value in values {
            guard case .integer(let v) = value, case .integer(let out) = try int32.generate(value, row: .init(ordinal: 0)) else { continue }
            #expect(Int64(Int32.min)...Int64(Int32.max) ~= out)
            #expect((v >= 0) == (out >= 0))
        }
        // Values beyond 32 bits stay beyond: the bands partition the 64-bit range.
        guard case .integer(let wide) = try int32.generate(.integer(5_000_000_000), row: .init(ordinal: 0)) else { Issue.record("type"); return }
        #expect(wide >= Int64(Int32.max) + 1)
        let ranged = try reversible("fpe.integer", ["min": .integer(1), "max": .integer(1_000)], type: .integer)
        var images = Set<Value>()
        for v in 1...1_000 { images.insert(try ranged.generate(.integer(Int64(v)), row: .init(ordinal: 0))) }
        #expect(images == Set((1...1_000).map { Value.integer(Int64($0)) }), "a bijection on [1, 1000]")
        #expect(throws: GeneratorError.self) { try ranged.generate(.integer(1_001), row: .init(ordinal: 0)) }
    }

    @Test("index permutations are bijections across the table, cycle-walking and large regimes", arguments: [1, 2, 1_000, 65_535, 70_000])
    func permutation(size: Int) throws {
        let p = try IndexPermutation(key: [UInt8](repeating: 7, count: 32), size: UInt64(size))
        var seen = [Bool](repeating: false, count: size)
        for x in 0..<UInt64(size) {
            let y = p.forward(x)
            #expect(y < UInt64(size) && !seen[Int(y)])
            seen[Int(y)] = true
            if x % 97 == 0 { #expect(p.backward(y) == x) }
        }
    }
}

@Suite("Toolbox: dates, numbers, structured text")
struct StructuredTests {
    @Test("date.shift with entity moves every date of one entity by the same offset")
    func dateShiftEntity() throws {
        let batch = RowBatch(columnNames: ["customer", "at"], columns: [
            [.text("c1"), .text("c1"), .text("c2"), .text("c1")],
            [.text("2024-01-10"), .text("2024-03-05"), .text("2024-01-10"), .text("2023-12-31 08:00:00")],
        ], firstOrdinal: 0)
        let out = try transformColumn("date.shift", ["entity": .string("customer"), "days": .integer(100)], column: "at", in: batch)
        let deltas = zip(batch.columns[1], out).map { CivilDate(prefixOf: $1.displayText)!.days - CivilDate(prefixOf: $0.displayText)!.days }
        #expect(deltas[0] == deltas[1] && deltas[0] == deltas[3])
        #expect(deltas.allSatisfy { $0 != 0 && abs($0) <= 100 })
        #expect(out[3].displayText.hasSuffix(" 08:00:00"))
    }

    @Test("conditional applies then where the row's condition holds, else elsewhere")
    func conditional() throws {
        let batch = RowBatch(columnNames: ["country", "phone"], columns: [
            [.text("US"), .text("FR"), .null],
            [.text("+1 415 555 0100"), .text("+33 1 42 68 53 00"), .text("555 0100")],
        ], firstOrdinal: 0)
        let out = try transformColumn("conditional", ["column": .string("country"), "equals": .string("US"), "then": .string("phone"), "else": .string("null")], column: "phone", in: batch)
        #expect(out[0] != batch.columns[1][0] && !out[0].isNull)
        #expect(out[1] == .null && out[2] == .null)
    }

    @Test("date.birth stays in its band; date.truncate; timestamp.jitter within bounds")
    func dates() throws {
        let birth = try makeGenerator("date.birth", ["band": .integer(10)], type: .date)
        for i in 0..<300 {
            let input = CivilDate(days: -5_000 + i * 37).iso
            let out = try #require(CivilDate(prefixOf: try birth.generate(.text(input), row: .init(ordinal: 0)).displayText))
            let year = CivilDate(prefixOf: input)!.year
            #expect(out.year / 10 == year / 10 && out.iso != input)
        }
        #expect(try makeGenerator("date.truncate", type: .timestamp).generate(.text("2024-03-17T13:45:07Z"), row: .init(ordinal: 0)) == .text("2024-03-01T00:00:00Z"))
        let jitter = try makeGenerator("timestamp.jitter", ["seconds": .integer(90)], type: .timestamp, consistent: false)
        for i in 0..<300 {
            let out = try jitter.generate(.text("2024-12-31 23:59:30"), row: .init(ordinal: Int64(i))).displayText
            let bytes = Array(out.utf8)
            let seconds = CivilDate(prefixOf: out)!.days * 86_400 + TimestampJitterGenerator.number(bytes, 11)! * 3_600 + TimestampJitterGenerator.number(bytes, 14)! * 60 + TimestampJitterGenerator.number(bytes, 17)!
            let original = CivilDate(prefixOf: "2024-12-31")!.days * 86_400 + 23 * 3_600 + 59 * 60 + 30
            #expect(abs(seconds - original) <= 90 && out.count == 19)
        }
    }

    @Test("number.round and number.bucket generalise and keep the type")
    func numbers() throws {
        #expect(try makeGenerator("number.round", ["step": .number(100)], type: .integer).generate(.integer(1_249), row: .init(ordinal: 0)) == .integer(1_200))
        #expect(try makeGenerator("number.bucket", ["boundaries": .list([.integer(0), .integer(18), .integer(65)])], type: .integer).generate(.integer(70), row: .init(ordinal: 0)) == .integer(65))
        #expect(try makeGenerator("number.bucket", type: .decimal).generate(.text("37.25"), row: .init(ordinal: 0)) == .text("30.00"))
    }

    @Test("json.paths changes only the selected values and writes valid JSON")
    func jsonPaths() throws {
        let input = #"{"id":7,"user":{"email":"ana@corp.com","tags":["a"]},"list":[{"email":"bo@corp.com"},{"email":null}],"n":1.50}"#
        let generator = try makeGenerator("json.paths", ["paths": .mapping(["$..email": .string("email"), "$.id": .mapping(["generator": .string("fpe.integer"), "min": .integer(1), "max": .integer(9_999_999)])])], type: .json)
        let out = try generator.generate(.text(input), row: .init(ordinal: 0)).displayText
        let object = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect(((object["user"] as? [String: Any])?["email"] as? String)?.hasSuffix("@example.com") == true)
        #expect(!out.contains("ana@corp.com") && !out.contains("bo@corp.com"))
        #expect(out.contains(#""tags":["a"]"#) && out.contains(#""n":1.50"#) && out.contains(#"{"email":null}"#))
        #expect(object["id"] as? Int != 7)
        #expect(throws: GeneratorError.self) { try generator.generate(.text("{not json"), row: .init(ordinal: 0)) }
    }

    @Test("array maps each element of JSON and PostgreSQL arrays")
    func arrays() throws {
        let generator = try makeGenerator("array", ["of": .string("email")])
        let json = try generator.generate(.text(#"["a@x.com",null,"b@x.com"]"#), row: .init(ordinal: 0)).displayText
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Any])
        #expect(parsed.count == 3 && parsed[1] is NSNull && (parsed[0] as? String)?.hasSuffix("@example.com") == true)
        let pg = try makeGenerator("array", ["of": .string("fpe.digits")]).generate(.text("{555-0100,NULL,\"555 0199\"}"), row: .init(ordinal: 0)).displayText
        let items = try #require(PostgresArrayLiteral.parse(pg))
        #expect(items.count == 3 && items[1] == nil && items[0]?.count == 8 && items[2]?.count == 8)
    }

    @Test("text.redact leaves no email, phone, card or SSN of the source in the text")
    func redact() throws {
        let text = "Hi, I'm Ana (ana.lima@gmail.com, +1 415 555 0134). Card 4111 1111 1111 1111, SSN 123-45-6789, from 10.1.2.3 via https://acme.com/u/ana."
        let fake = try makeGenerator("text.redact").generate(.text(text), row: .init(ordinal: 0)).displayText
        for secret in ["ana.lima@gmail.com", "415 555 0134", "4111 1111 1111 1111", "123-45-6789", "10.1.2.3", "acme.com"] {
            #expect(!fake.contains(secret), "\(secret) survived")
        }
        #expect(fake.hasPrefix("Hi, I'm ") && !fake.hasPrefix("Hi, I'm Ana"))
        let tagged = try makeGenerator("text.redact", ["mode": .string("tag")]).generate(.text(text), row: .init(ordinal: 0)).displayText
        #expect(tagged == "Hi, I'm [PERSON] ([EMAIL_ADDRESS], [PHONE_NUMBER]). Card [CREDIT_CARD], SSN [US_SSN], from [IP_ADDRESS] via [URL].")
        let names = try makeGenerator("text.redact", ["mode": .string("tag")]).generate(.text("Please call Maria Garcia tomorrow. Regards, John"), row: .init(ordinal: 0)).displayText
        #expect(names == "Please call [PERSON] tomorrow. Regards, [PERSON]")
        #expect(EntityRecognizer().spans(in: "Will you ship in May? The Grant program").isEmpty, "common words that are also names")
        #expect(EntityRecognizer().spans(in: "order 2024-01-15, total 12.50").map(\.kind) == [.dateTime], "dates and prices are not phone numbers")
    }

    @Test("regex rewrites only the captured text")
    func regex() throws {
        let out = try makeGenerator("regex", ["pattern": .string("user=(\\w+)"), "with": .string("hash")]).generate(.text("ok user=alice ip=1"), row: .init(ordinal: 0)).displayText
        #expect(out.hasPrefix("ok user=") && out.hasSuffix(" ip=1") && !out.contains("alice"))
    }
}

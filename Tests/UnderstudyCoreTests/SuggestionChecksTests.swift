import Testing
@testable import UnderstudyCore

/// What the scanner suggests must pass the column's own CHECK constraints, or `init` writes a
/// workspace whose run the destination refuses.
@Suite("Suggestions that keep CHECK constraints")
struct SuggestionChecksTests {
    @Test("a phone domain that fixes the country code gets the phone generator keeping it; an email that must stay at the company's domain gets the email generator writing that domain; a CHECK nothing suggested keeps leaves the column passing through, saying why; a column without a CHECK keeps its suggestion")
    func suggestions() async throws {
        var table = Table(name: "people", columns: [
            Column(name: "id", declaredType: "integer", logicalType: .integer, isNullable: false),
            Column(name: "phone", declaredType: "us_phone", logicalType: .text, isNullable: true),
            Column(name: "email", declaredType: "text", logicalType: .text, isNullable: true),
            Column(name: "mobile", declaredType: "text", logicalType: .text, isNullable: true),
            Column(name: "contact", declaredType: "text", logicalType: .text, isNullable: true),
        ], primaryKey: ["id"])
        // An email that must stay at the company's own domain; a contact address whose local part must stay.
        table.constraints = [
            ConstraintDefinition(kind: "c", name: "corp_only", definition: "CHECK ((email ~~ '%@corp.example'::text))"),
            ConstraintDefinition(kind: "c", name: "contact_user", definition: "CHECK ((contact ~~ 'user%'::text))"),
        ]
        var schema = DatabaseSchema(tables: [table], engine: .postgres)
        schema.domains = [View(name: "us_phone", definitionSQL: #"CREATE DOMAIN us_phone AS text CONSTRAINT us_phone_check CHECK ((VALUE ~ '^\+1-\d{3}-\d{3}-\d{4}$'::text))"#)]
        let rows = 200
        let sample = RowBatch(columnNames: ["id", "phone", "email", "mobile", "contact"], columns: [
            (0..<rows).map { .integer(Int64($0)) },
            (0..<rows).map { .text("+1-415-555-\(String(format: "%04d", $0))") },
            (0..<rows).map { .text("user\($0)@corp.example") },
            // (Numbers of two countries: numbers that all share one keep it, which `phonePrefixes` tests.)
            (0..<rows).map { .text($0 % 2 == 0 ? "+1-415-555-\(String(format: "%04d", $0))" : "+44-20-7946-\(String(format: "%04d", $0))") },
            (0..<rows).map { .text("user\($0)@corp.example") },
        ], firstOrdinal: 0)
        let findings = try await Scanner().scan(schema: schema) { _ in sample }
        let phone = try #require(findings.first { $0.column == "phone" })
        // Before, `phone` replaced the country code too, and the domain refused every row.
        #expect(phone.generator == "phone" && phone.parameters["keep_prefix"] == "1", "\(phone)")
        // Before, no suggestion kept it and the column passed through: every real address in the copy.
        let email = try #require(findings.first { $0.column == "email" })
        #expect(email.generator == "email" && email.parameters == ["domain_name": "corp.example"], "\(email)")
        #expect(email.evidence.contains { $0.contains("{ generator: email, domain_name: corp.example } keeps it") }, "\(email)")
        let contact = try #require(findings.first { $0.column == "contact" })
        #expect(contact.generator == "passthrough" && contact.evidence.contains { $0.contains("no suggested generator keeps") }, "\(contact)")
        let mobile = try #require(findings.first { $0.column == "mobile" })
        #expect(mobile.generator == "phone" && mobile.parameters.isEmpty, "\(mobile)")
    }

    @Test("a CHECK over two columns is tried on the sampled rows: a birth date that must be eighteen years before the hire date is not given a generator that moves it later (init wrote `date.birth`, and the run failed at the destination)")
    func checksOverTwoColumns() async throws {
        var table = Table(name: "employees", columns: [
            Column(name: "id", declaredType: "INTEGER", logicalType: .integer, isNullable: false),
            Column(name: "birth_date", declaredType: "DATE", logicalType: .date, isNullable: true),
            Column(name: "hire_date", declaredType: "DATE", logicalType: .date, isNullable: true),
        ], primaryKey: ["id"])
        table.constraints = [ConstraintDefinition(kind: "c", name: "adult", definition: "CHECK ((hire_date >= (birth_date + '18 years'::interval)))")]
        let schema = DatabaseSchema(tables: [table], engine: .postgres)
        // Hired on their eighteenth birthday.
        let rows = 200
        let sample = RowBatch(columnNames: ["id", "birth_date", "hire_date"], columns: [
            (0..<rows).map { .integer(Int64($0)) },
            (0..<rows).map { .text("19\(80 + $0 % 20)-03-1\($0 % 10)") },
            (0..<rows).map { .text("\(1998 + $0 % 20)-03-1\($0 % 10)") },
        ], firstOrdinal: 0)
        let findings = try await Scanner().scan(schema: schema) { _ in sample }
        let birth = try #require(findings.first { $0.column == "birth_date" })
        #expect(birth.generator == "passthrough" && birth.evidence.contains { $0.contains("no suggested generator keeps") }, "\(birth)")
        // The workspace says why the birth date is left as it is (it said nothing).
        let yaml = WorkspaceWriter().yaml(schema: schema, source: "postgres://h/db", destination: "postgres://h/dev", findings: findings)
        let line = try #require(yaml.split(separator: "\n").first { $0.contains("birth_date:") && $0.contains("generator") })
        #expect(line.contains("passthrough") && line.contains("no suggested generator keeps CHECK ((hire_date >= (birth_date + '18 years'::interval)))"), "\(line)")
        // Hired decades later: the birth date's generator keeps the constraint, and stays.
        let later = RowBatch(columnNames: ["id", "birth_date", "hire_date"], columns: [sample.columns[0], sample.columns[1], (0..<rows).map { _ in .text("2024-01-01") }], firstOrdinal: 0)
        let kept = try #require(try await Scanner().scan(schema: schema) { _ in later }.first { $0.column == "birth_date" })
        #expect(kept.generator == "date.birth", "\(kept)")
    }
}

@Suite("Generated values that fit their column")
struct FittingValuesTests {
    @Test("an email for a column too short for it keeps its domain and a shorter name part, never an address cut after the @; unique tags stay")
    func shortEmailColumns() throws {
        let definition = try #require(GeneratorRegistry.standard.definition(named: "email"))
        for (type, unique) in [("varchar(16)", false), ("character varying(30)", true)] {
            let setup = GeneratorSetup(
                parameters: try definition.resolve([:], at: "test", in: nil), key: Fixtures.key, generator: "email", domain: "t.c", consistent: true,
                column: Column(name: "email", declaredType: type, logicalType: .text, isNullable: true), mustBeUnique: unique)
            let generator = try definition.make(setup)
            let limit = setup.column.maximumLength ?? 0
            for i in 0..<300 {
                let out = try generator.generate(.text("person\(i)@corp.example"), row: .init(ordinal: Int64(i))).displayText
                // Before, the pipeline cut `crysta_aldridge@example.com` to `crysta_aldridge@`.
                #expect(out.count <= limit && out.hasSuffix("@example.com") && !out.hasPrefix("@") && !out.contains(".@"), "\(type): \(out)")
                if unique { #expect(out.contains("+"), "\(out)") }
            }
        }
    }

    @Test("a name or a city for a column too short for some of them is drawn again to fit, not cut (`Johnetta A`, `Key We`); the same input, the same output")
    func shortNameColumns() throws {
        for (generator, type) in [("person.full-name", "varchar(10)"), ("person.first-name", "varchar(5)"), ("address.city", "varchar(6)")] {
            let definition = try #require(GeneratorRegistry.standard.definition(named: generator))
            let setup = GeneratorSetup(
                parameters: try definition.resolve([:], at: "test", in: nil), key: Fixtures.key, generator: generator, domain: "t.c", consistent: true,
                column: Column(name: "c", declaredType: type, logicalType: .text, isNullable: true))
            let made = try definition.make(setup)
            let limit = setup.column.maximumLength ?? 0
            let outputs = try (0..<500).map { try made.generate(.text("Original Value \($0)"), row: .init(ordinal: Int64($0))).displayText }
            let fitting = outputs.filter { $0.count <= limit }.count
            #expect(fitting >= 495, "\(generator) in \(type): \(fitting) of 500 fit; \(outputs.filter { $0.count > limit }.prefix(3))")
            #expect(try made.generate(.text("Original Value 7"), row: .init(ordinal: 99)).displayText == outputs[7])
        }
    }
}

import Testing
@testable import UnderstudyCore

/// ±Infinity, NaN and the engines' extreme dates stay valid through the generators (issue 13.8).
@Suite("Special values")
struct SpecialValuesTests {
    static let row = RowPosition(ordinal: 0)

    @Test("number generators keep ±Infinity and NaN as they are, in every representation", arguments: ["number.noise", "number.round"])
    func infinities(generator name: String) throws {
        let generator = try makeGenerator(name, type: .real)
        for value in [Double.infinity, -Double.infinity] {
            #expect(try generator.generate(.real(value), row: Self.row) == .real(value))
        }
        guard case .real(let nan) = try generator.generate(.real(.nan), row: Self.row) else { Issue.record("not a real"); return }
        #expect(nan.isNaN)
        let decimal = try makeGenerator(name, type: .decimal)
        for text in ["Infinity", "-Infinity", "NaN"] {
            #expect(try decimal.generate(.text(text), row: Self.row) == .text(text), "\(text)")
        }
    }

    @Test("date.shift keeps dates within 0001-01-01 … 9999-12-31, four-digit years, and leaves infinity and year 0000 unchanged", arguments: [LogicalType.date, .timestamp, .text])
    func extremeDates(type: LogicalType) throws {
        let generator = try makeGenerator("date.shift", ["days": .integer(400)], type: type)
        for text in ["0001-01-01", "0001-01-05 10:00:00", "9999-12-31", "9999-12-30 23:59:59.999999", "0002-06-01", "9998-12-01"] {
            guard case .text(let out) = try generator.generate(.text(text), row: Self.row) else { Issue.record("not text"); continue }
            let date = try #require(CivilDate(prefixOf: out), "\(out)")
            #expect((1...9999).contains(date.year), "\(text) → \(out)")
            #expect(out != text, "a date near the edge still moves")
            #expect(out.dropFirst(10) == text.dropFirst(10), "the time of day is kept")
        }
        for text in ["infinity", "-infinity", "0000-01-01"] {
            #expect(try generator.generate(.text(text), row: Self.row) == .text(text))
        }
    }

    @Test("date.shift moves an integer timestamp without wrapping around at the edges of 64 bits")
    func integerEdges() throws {
        let generator = try makeGenerator("date.shift", type: .integer)
        for stamp in [Int64.max, Int64.min, Int64.max - 1_000] {
            guard case .integer(let out) = try generator.generate(.integer(stamp), row: Self.row) else { Issue.record("not an integer"); continue }
            #expect((out > 0) == (stamp > 0), "\(stamp) → \(out)")
        }
        for value in [Double.infinity, -Double.infinity] {
            #expect(try generator.generate(.real(value), row: Self.row) == .real(value))
        }
    }
}

@Suite("Regular expressions with bounded work")
struct RegexBoundTests {
    @Test("patterns that repeat an unbounded repetition are refused; ordinary ones are accepted", arguments: [
        ("(a+)+$", false), ("(\\w*)*x", false), ("((ab)+)+", false), ("(x+){2,}", false), ("(?:a|b+)*c", false),
        ("user=(\\w+)", true), ("(\\d{3})-(\\d{4})", true), ("([a-z]+)@example", true), ("(ab){3}", true), ("[(+)]+", true), ("\\(a+\\)+", true),
    ])
    func refused(pattern: String, accepted: Bool) {
        let problem = GeneratorRegistry.standard.definition(named: "regex")!.validate(GeneratorParameters(["pattern": .string(pattern), "with": .string("hash")]))
        #expect((problem == nil) == accepted, "\(pattern): \(problem ?? "accepted")")
    }
}

@Suite("Declared lengths")
struct DeclaredLengthTests {
    static let schema = DatabaseSchema(tables: [Table(name: "t", columns: [
        Column(name: "id", declaredType: "integer", logicalType: .integer, isNullable: false),
        Column(name: "city", declaredType: "character varying(6)", logicalType: .text, isNullable: true),
        Column(name: "code", declaredType: "VARCHAR(4)", logicalType: .text, isNullable: true),
    ], primaryKey: ["id"], indexes: [Index(name: "t_code", columns: ["code"], isUnique: true, isConstraint: true)])], engine: .postgres)

    @Test("generated text is cut to a varchar's length; a unique column is refused instead, naming the fix")
    func lengths() throws {
        #expect(Self.schema.tables[0].columns[1].maximumLength == 6)
        #expect(Column(name: "x", declaredType: "text", logicalType: .text, isNullable: true).maximumLength == nil)
        #expect(Column(name: "x", declaredType: "character varying(5)[]", logicalType: .text, isNullable: true).maximumLength == nil)
        var workspace = try Fixtures.workspace("  t:\n    columns:\n      city: address.city\n")
        var plan = try RunPlanner().plan(workspace, schema: Self.schema)
        let batch = RowBatch(columnNames: ["id", "city", "code"], columns: [(0..<200).map { .integer(Int64($0)) }, (0..<200).map { .text("Springfield \($0)") }, (0..<200).map { _ in .null }], firstOrdinal: 0)
        let out = try TableTransform(plan: plan.table(named: "t")!, key: Fixtures.key).apply(batch)
        #expect(out.columns[1].allSatisfy { $0.displayText.count <= 6 })
        #expect(Set(out.columns[1].map(\.displayText)).count > 20, "still varied")
        workspace = try Fixtures.workspace("  t:\n    columns:\n      code: email\n")
        plan = try RunPlanner().plan(workspace, schema: Self.schema)
        let codes = RowBatch(columnNames: ["id", "city", "code"], columns: [[.integer(1)], [.null], [.text("ab@c.d")]], firstOrdinal: 0)
        #expect(throws: GeneratorError.self) { try TableTransform(plan: plan.table(named: "t")!, key: Fixtures.key).apply(codes) }
    }
}

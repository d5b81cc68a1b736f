import Testing
@testable import UnderstudyCore

/// Every file Understudy writes must read back to the same meaning (issue 12.1, 13.5).
@Suite("Workspace files reload to the same model")
struct WorkspaceRoundTripTests {
    /// Texts that YAML reads as something else when written plain, or that break a line or a comment.
    static let awkward: [String] = [
        "null", "Null", "NULL", "~", "true", "False", "yes", "NO", "on", "Off", "y", "n",
        "12:30", "1_000", "0b101", "0o17", "0x1F", "017", "1e3", ".5", "+1", "-1", ".inf", "-.inf", ".nan",
        "2024-01-01", "2024-01-01 10:00:00", "2001-12-14t21:59:43.10-05:00", "<<", "=",
        "*alias", "&anchor", "!tag", "!!str", "%YAML", "@at", "`tick", "#hash", "a #b", "a: b", "a:", ":a",
        "- item", "-", "?", "? key", "|", ">", "[x]", "{y}", "a,b", "'single'", "\"double\"", "back\\slash",
        "new\nline", "two\n\nbreaks", "tab\there", "cr\rhere", "esc\u{1B}[31mred", "bell\u{07}", "nul\u{0}x",
        "nel\u{85}x", "ls\u{2028}x", "ps\u{2029}x", "bom\u{FEFF}x", "del\u{7F}x", " lead", "trail ", "  ",
        "é", "日本語", "Ωmega", "emoji😀", "sqlite:///abs/path.db", "env:X", "user=(\\w+)", "a b",
        "table\nsubset:\n  targets:\n    - table: t\n      where: \"1=0\"\n#",
    ]

    /// A reproducible stream of choices (SplitMix64), so that a failure names a seed that repeats it.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

        mutating func text() -> String {
            switch below(4) {
            case 0, 1: return pick(WorkspaceRoundTripTests.awkward)
            case 2:
                // Random characters from the ones YAML gives meaning to, around letters and digits.
                let alphabet = Array("ab09 :-#&*!%@`'\"\\,[]{}|>?.~_+=\n\t\u{1B}é")
                return String((0..<(1 + below(12))).map { _ in pick(alphabet) })
            default: return pick(WorkspaceRoundTripTests.awkward) + pick(["", " x", "1", ":", "#"])
            }
        }

        mutating func name() -> String {
            let t = text()
            return t.isEmpty ? "e" : t
        }

        mutating func parameter(depth: Int = 0) -> ParameterValue {
            switch below(depth > 1 ? 4 : 6) {
            case 0: return .string(text())
            case 1: return .integer(pick([0, 1, -1, 42, Int.max, Int.min, Int(truncatingIfNeeded: next())]))
            case 2:
                return .number(pick([0.5, -2.25, 1e300, -1e-300, 3.0, .infinity, -.infinity, Double(below(1_000_000)) / 7]))
            case 3: return .boolean(below(2) == 0)
            case 4: return .list((0..<below(4)).map { _ in parameter(depth: depth + 1) })
            default:
                var mapping: [String: ParameterValue] = [:]
                for _ in 0..<below(3) { mapping[name()] = parameter(depth: depth + 1) }
                return .mapping(mapping)
            }
        }
    }

    @Test("a workspace with every generator, random parameters and awkward names reads back to the same model", arguments: 0..<40)
    func document(seed: Int) throws {
        var random = Random(state: UInt64(seed))
        let generators = GeneratorRegistry.standard.definitions.map(\.name)
        var tables: [TableSettings] = []
        var tableNames = Set<String>()
        var reviewed: [(name: String, columns: [ReviewedSchema.ReviewedColumn])] = []
        for t in 0..<(3 + random.below(4)) {
            let tableName = random.name()
            guard tableNames.insert(tableName).inserted else { continue }
            var columns: [ColumnSettings] = []
            var columnNames = Set<String>()
            for c in 0..<(1 + random.below(6)) {
                let columnName = random.name()
                guard columnNames.insert(columnName).inserted else { continue }
                // Every generator name appears across the seeds: walk the registry from a seed-dependent start.
                var column = ColumnSettings(name: columnName, generator: generators[(seed * 7 + t * 5 + c) % generators.count])
                if random.below(3) == 0 { column.domain = random.name() }
                if random.below(3) == 0 { column.consistent = random.below(2) == 0 }
                for _ in 0..<random.below(4) {
                    let key = random.name()
                    guard !WorkspaceLoader.columnKeys.contains(key) else { continue }
                    column.parameters[key] = random.parameter()
                }
                columns.append(column)
            }
            tables.append(TableSettings(name: tableName, mode: random.pick([.deidentify, .passthrough, .truncate]), columns: columns))
            reviewed.append((tableName, columns.map { .init(name: $0.name, text: random.pick(["INTEGER NOT NULL", "TEXT", "varchar(20)", "numeric(10, 2) NOT NULL", "untyped"])) }))
        }
        var workspace = Workspace(source: random.text() + "x", destination: "sqlite:///tmp/" + random.name(), secret: .environment(random.name()), tables: tables)
        workspace.reviewedSchema = ReviewedSchema(tables: reviewed)
        workspace.unreviewed = random.below(2) == 0 ? .stop : .warn

        let text = WorkspaceWriter.document(workspace)
        let reloaded: Workspace
        do {
            reloaded = try WorkspaceLoader.parse(text)
        } catch {
            Issue.record("seed \(seed): \(error)\n\(text)")
            return
        }
        #expect(reloaded.source == workspace.source, "seed \(seed)")
        #expect(reloaded.destination == workspace.destination, "seed \(seed)")
        #expect(reloaded.secret == workspace.secret, "seed \(seed)")
        #expect(reloaded.unreviewed == workspace.unreviewed, "seed \(seed)")
        #expect(reloaded.tables.map(\.name) == workspace.tables.map(\.name), "seed \(seed)\n\(text)")
        #expect(reloaded.tables.map(\.mode) == workspace.tables.map(\.mode), "seed \(seed)")
        for (a, b) in zip(reloaded.tables, workspace.tables) {
            #expect(a.columns == b.columns, "seed \(seed), table \(b.name.debugDescription)\n\(text)")
        }
        #expect(reloaded.reviewedSchema == workspace.reviewedSchema, "seed \(seed)")
    }

    @Test("synthesis settings and public domains read back to the same model (awkward category names, dates, exponents)")
    func synthesisDocument() throws {
        let text = """
            version: 1
            source: sqlite://s.db
            destination: sqlite://d.db
            secret: env:S
            synthesis: { scale: 2.5, differential_privacy: { epsilon: 0.5, delta: 1.0e-9 } }
            tables:
              sale:
                mode: synthesize
                rows: 1000
                epsilon: 0.25
                domains:
                  country: ["US", "yes", "null", "a: b", "#x", "1.5"]
                  total: { min: -1.0e-3, max: 500 }
                  placed: { min: 2020-01-01, max: "2025-12-31 23:59:59" }
            """
        let workspace = try WorkspaceLoader.parse(text)
        #expect(workspace.tables[0].synthesis.domains["country"] == .categories(["US", "yes", "null", "a: b", "#x", "1.5"]))
        let again = try WorkspaceLoader.parse(WorkspaceWriter.document(workspace))
        #expect(again.synthesis == workspace.synthesis)
        #expect(again.tables[0].synthesis == workspace.tables[0].synthesis, "\(WorkspaceWriter.document(workspace))")
    }

    @Test("init's draft of a schema with awkward names and every suggestable generator reads back to the same names and generators")
    func initDraft() throws {
        var random = Random(state: 7)
        var tables: [Table] = []
        var findings: [ScanFinding] = []
        let suggestable = GeneratorRegistry.standard.definitions.filter { $0.acceptedTypes.contains(.text) }.map(\.name)
        var used = Set<String>()
        for (i, name) in Self.awkward.enumerated() where used.insert(name).inserted && !name.isEmpty {
            let columnName = random.name()
            let table = Table(name: name, columns: [
                Column(name: "id", declaredType: "INTEGER", logicalType: .integer, isNullable: false),
                Column(name: columnName == "id" ? "x" : columnName, declaredType: "TEXT\n# injected: true", logicalType: .text, isNullable: true),
            ], primaryKey: ["id"])
            tables.append(table)
            findings.append(ScanFinding(
                table: name, column: table.columns[1].name, kind: .email, confidence: 0.9,
                generator: suggestable[i % suggestable.count], parameters: ["a": "1_000", "b": "12:30", "c": "null", "d": "7", "e": "true"], evidence: [], personal: true))
        }
        let schema = DatabaseSchema(tables: tables, engine: .sqlite)
        let text = WorkspaceWriter().yaml(schema: schema, source: "sqlite:///p.db", destination: "sqlite:///d.db", findings: findings)
        let reloaded = try WorkspaceLoader.parse(text)
        #expect(reloaded.tables.map(\.name) == tables.map(\.name))
        #expect(reloaded.subset == nil, "a name cannot add a section")
        for (settings, table) in zip(reloaded.tables, tables) {
            #expect(settings.columns.map(\.name) == table.columns.map(\.name))
        }
        #expect(reloaded.reviewedSchema == ReviewedSchema(schema))
    }

    @Test("init writes the null generator so that it reloads as the generator, not as nothing")
    func nullGenerator() throws {
        let table = Table(name: "photos", columns: [
            Column(name: "id", declaredType: "INTEGER", logicalType: .integer, isNullable: false),
            Column(name: "picture", declaredType: "BLOB", logicalType: .blob, isNullable: true),
        ], primaryKey: ["id"])
        let finding = ScanFinding(table: "photos", column: "picture", kind: .email, confidence: 0.9, generator: "null", parameters: [:], evidence: [], personal: true)
        let text = WorkspaceWriter().yaml(schema: DatabaseSchema(tables: [table], engine: .sqlite), source: "sqlite:///p.db", destination: "sqlite:///d.db", findings: [finding])
        let reloaded = try WorkspaceLoader.parse(text)
        #expect(reloaded.settings(forTable: "photos")?.settings(forColumn: "picture")?.generator == "null", "\(text)")
    }

    @Test("scalars that YAML would read as another type are quoted; names stay plain", arguments: [
        ("null", true), ("~", true), ("yes", true), ("12:30", true), ("1_000", true), ("0b101", true), ("0o17", true),
        ("2024-01-01", true), ("*a", true), ("a: b", true), ("#x", true), ("", true), ("customers", false),
        ("person.first-name", false), ("order_items", false), ("Kunde_Straße", false),
    ])
    func quoting(text: String, quoted: Bool) {
        #expect(YAMLText.scalar(text).hasPrefix("\"") == quoted)
    }

    @Test("an alias bomb is refused with a clear error before it is expanded")
    func billionLaughs() {
        var text = "version: 1\nsource: sqlite:a.db\ndestination: sqlite:b.db\nsecret: env:S\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<12 { text += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]\n" }
        text += "tables:\n  t:\n    columns:\n      c: { generator: constant, value: *a11 }\n"
        #expect(text.utf8.count < 2_000)
        #expect(throws: WorkspaceError.self) { try WorkspaceLoader.parse(text) }
        do {
            _ = try WorkspaceLoader.parse(text)
        } catch {
            #expect(error.code == .tooLarge, "\(error)")
            #expect(error.description.contains("aliases"))
        }
    }

    @Test("a duplicate key names its line and does not print the file")
    func duplicateKey() {
        var text = "version: 1\nsource: sqlite:a.db\ndestination: sqlite:b.db\nsecret: env:S\ntables:\n"
        for i in 0..<20_000 { text += "  t\(i): { mode: passthrough }\n" }
        text += "  t7: { mode: truncate }\n"
        do {
            _ = try WorkspaceLoader.parse(text, file: "w.yml")
            Issue.record("a duplicate key was accepted")
        } catch {
            #expect(error.description.count < 300, "\(error.description.prefix(400))")
            #expect(error.line == 20_006, "the second t7, after the header and the first 20,000 tables")
            #expect(error.description.contains("t7"))
        }
    }
}

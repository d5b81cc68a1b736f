import Foundation
import Testing
@testable import UnderstudyCore
@testable import UnderstudySQLite

/// Runs a workspace with a subset as `understudy run` does.
func runSubset(_ yaml: String, secret: String = "subset-secret-0123456789abcdef") async throws -> RunReport {
    let workspace = try WorkspaceLoader.parse(yaml)
    let key = try workspace.secret.resolve(in: workspace, environment: ["UNDERSTUDY_SECRET": secret])
    guard case .sqlite(let sourcePath) = try DatabaseURL(workspace.source, role: "source"),
          case .sqlite(let destinationPath) = try DatabaseURL(workspace.destination, role: "destination") else { throw CancellationError() }
    let source = try SQLiteSource(path: sourcePath)
    var plan = try RunPlanner().plan(workspace, schema: try await source.introspect())
    plan.apply(try await SubsetPlanner(settings: try #require(workspace.subset), key: key).select(schema: plan.schema, source: source))
    return try await Pipeline().run(plan: plan, key: key, source: source, destination: try SQLiteDestination(path: destinationPath), workspace: workspace)
}

@Suite("Subsetting on SQLite")
struct SubsetTests {
    func count(_ path: String, _ sql: String) throws -> Int64 {
        try SQLiteFixture.rows(path, sql).first?.first?.int ?? -1
    }

    @Test("Chinook, customers in Canada with everything downstream: no orphan, and counts equal an independent SQL computation")
    func chinook() async throws {
        let folder = TemporaryFolder()
        let destination = folder.file("slice.db")
        let report = try await runSubset(workspaceYAML(source: Datasets.chinook, destination: destination, tables: "  Customer:\n    columns:\n      Email: email") + """

            subset:
              targets:
                - table: Customer
                  where: "Country = 'Canada'"
              lookup_tables: [Genre, MediaType]
            """)
        #expect(report.verification?.foreignKeyViolations == [])
        #expect(try SQLiteFixture.rows(destination, "PRAGMA foreign_key_check").isEmpty)
        let c = Datasets.chinook
        let customers = "SELECT CustomerId FROM Customer WHERE Country = 'Canada'"
        let invoices = "SELECT InvoiceId FROM Invoice WHERE CustomerId IN (\(customers))"
        let tracks = "SELECT TrackId FROM InvoiceLine WHERE InvoiceId IN (\(invoices))"
        let albums = "SELECT AlbumId FROM Track WHERE TrackId IN (\(tracks))"
        let employees = """
            WITH RECURSIVE e(id) AS (SELECT SupportRepId FROM Customer WHERE Country = 'Canada'
              UNION SELECT ReportsTo FROM Employee JOIN e ON Employee.EmployeeId = e.id WHERE ReportsTo IS NOT NULL)
            SELECT count(*) FROM e
            """
        let expected: [String: Int64] = [
            "Customer": try count(c, "SELECT count(*) FROM (\(customers))"),
            "Invoice": try count(c, "SELECT count(*) FROM (\(invoices))"),
            "InvoiceLine": try count(c, "SELECT count(*) FROM InvoiceLine WHERE InvoiceId IN (\(invoices))"),
            "Track": try count(c, "SELECT count(DISTINCT TrackId) FROM (\(tracks))"),
            "Album": try count(c, "SELECT count(DISTINCT AlbumId) FROM (\(albums))"),
            "Artist": try count(c, "SELECT count(DISTINCT ArtistId) FROM Album WHERE AlbumId IN (\(albums))"),
            "Employee": try count(c, employees),
            "Genre": try count(c, "SELECT count(*) FROM Genre"),
            "MediaType": try count(c, "SELECT count(*) FROM MediaType"),
            "Playlist": 0, "PlaylistTrack": 0,
        ]
        for (table, rows) in expected {
            #expect(try count(destination, "SELECT count(*) FROM \(table)") == rows, "\(table)")
        }
        #expect(expected["Customer"] == 8)
        #expect(try count(destination, "SELECT count(*) FROM Customer WHERE Email LIKE '%@example.com'") == 8)
    }

    @Test("a subset whose targets select no row leaves the destination as it was and names the condition that matched nothing (a typo in `where` replaced the copy with an empty one); one target of two selecting nothing is a warning")
    func emptySelection() async throws {
        let folder = TemporaryFolder()
        let destination = folder.file("slice.db")
        try SQLiteFixture.create(destination, "CREATE TABLE Customer (id INTEGER PRIMARY KEY); CREATE TABLE previous_copy (id INTEGER PRIMARY KEY); INSERT INTO previous_copy VALUES (1);")
        let before = try Data(contentsOf: URL(fileURLWithPath: destination))
        let tables = "  Customer:\n    columns:\n      Email: email"
        let typo = workspaceYAML(source: Datasets.chinook, destination: destination, tables: tables) + """

            subset:
              targets:
                - table: Customer
                  where: "Country = 'Canda'"
            """
        await #expect {
            try await runSubset(typo)
        } throws: { error in
            let text = "\(error)"
            return text.contains("Customer") && text.contains("Country = 'Canda'") && text.contains("no row") && text.contains("left as it was")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: destination)) == before)
        let oneEmpty = workspaceYAML(source: Datasets.chinook, destination: destination, tables: tables) + """

            subset:
              targets:
                - table: Customer
                  where: "Country = 'Canada'"
                - table: Employee
                  where: "Title = 'Astronaut'"
            """
        let report = try await runSubset(oneEmpty)
        #expect(report.findings.contains { $0.id == "UND-W015" && $0.table == "Employee" && $0.message.contains("Title = 'Astronaut'") }, "\(report.findings)")
        #expect(try count(destination, "SELECT count(*) FROM Customer") == 8)
    }

    @Test("a self-referencing table and a two-table cycle subset whole; downstream off keeps only targets and parents")
    func cycles() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("cycle.db")
        try SQLiteFixture.create(source, """
            CREATE TABLE employees (id INTEGER PRIMARY KEY, manager_id INTEGER REFERENCES employees(id), team_id INTEGER REFERENCES teams(id));
            CREATE TABLE teams (id INTEGER PRIMARY KEY, lead_id INTEGER REFERENCES employees(id));
            INSERT INTO employees VALUES (1, NULL, NULL), (2, 1, NULL), (3, 2, NULL), (4, 3, NULL), (5, 1, NULL), (6, 5, NULL);
            INSERT INTO teams VALUES (1, 2), (2, 5);
            UPDATE employees SET team_id = 1 WHERE id IN (2, 3, 4);
            UPDATE employees SET team_id = 2 WHERE id IN (5, 6);
            """)
        let destination = folder.file("slice.db")
        _ = try await runSubset(workspaceYAML(source: source, destination: destination, tables: "  {}") + "\nsubset:\n  targets:\n    - table: employees\n      where: \"id = 4\"\n  downstream: false\n")
        #expect(try SQLiteFixture.rows(destination, "PRAGMA foreign_key_check").isEmpty)
        // 4 needs its managers 3, 2, 1 and its team 1, whose lead is 2.
        #expect(try SQLiteFixture.rows(destination, "SELECT group_concat(id) FROM (SELECT id FROM employees ORDER BY id)").first?.first == .text("1,2,3,4"))
        #expect(try SQLiteFixture.rows(destination, "SELECT group_concat(id) FROM teams").first?.first == .text("1"))
        let down = folder.file("down.db")
        _ = try await runSubset(workspaceYAML(source: source, destination: down, tables: "  {}") + "\nsubset:\n  targets:\n    - table: teams\n      where: \"id = 2\"\n")
        #expect(try SQLiteFixture.rows(down, "PRAGMA foreign_key_check").isEmpty)
        // Team 2 brings its members 5 and 6 (downstream), 5's manager 1 and team 2's lead 5 (upstream).
        #expect(try SQLiteFixture.rows(down, "SELECT group_concat(id) FROM (SELECT id FROM employees ORDER BY id)").first?.first == .text("1,5,6"))
    }

    @Test("a keyed percent sample is deterministic and every sampled target row is present")
    func percent() async throws {
        let folder = TemporaryFolder()
        let yaml = { (dest: String) in workspaceYAML(source: Datasets.chinook, destination: dest, tables: "  {}") + "\nsubset:\n  targets:\n    - table: Track\n      percent: 10\n  downstream: false\n" }
        _ = try await runSubset(yaml(folder.file("a.db")))
        _ = try await runSubset(yaml(folder.file("b.db")))
        let a = try SQLiteFixture.rows(folder.file("a.db"), "SELECT count(*) FROM Track").first?.first?.int ?? 0
        #expect(a > 200 && a < 500, "about 10% of 3,503 tracks")
        #expect(try SQLiteFixture.sha256(folder.file("a.db")) == (try SQLiteFixture.sha256(folder.file("b.db"))))
        #expect(try SQLiteFixture.rows(folder.file("a.db"), "PRAGMA foreign_key_check").isEmpty)
    }

    @Test("conditions the source evaluates select exactly the rows of the key-set traversal (Chinook, several targets, self-references)")
    func conditionsEqualKeySets() async throws {
        let source = try SQLiteSource(path: Datasets.chinook)
        let schema = try await source.introspect()
        let key = try MasterKey(material: Array("subset-secret-0123456789abcdef".utf8))
        let cases: [SubsetSettings] = [
            SubsetSettings(targets: [.init(table: "Customer", predicate: "Country = 'Canada'")], lookupTables: ["Genre", "MediaType"]),
            SubsetSettings(targets: [.init(table: "Employee", predicate: "EmployeeId = 2")]),
            SubsetSettings(targets: [.init(table: "Track", percent: 10)], downstream: false),
            SubsetSettings(targets: [.init(table: "Playlist", predicate: "PlaylistId IN (1, 3)"), .init(table: "Invoice", limit: 5)]),
            SubsetSettings(targets: [.init(table: "Album", predicate: "ArtistId < 10")], relationships: [
                .init(table: "InvoiceLine", columns: ["TrackId"], referencedTable: "Track", downstream: false)]),
        ]
        for settings in cases {
            let byKeys = try await SubsetPlanner(settings: settings, key: key, strategy: .keySets).select(schema: schema, source: source)
            let byConditions = try await SubsetPlanner(settings: settings, key: key).select(schema: schema, source: source)
            #expect(byKeys.conditions == nil)
            #expect(byConditions.conditions != nil, "\(settings.targets)")
            var rows = 0
            for table in schema.tables {
                let expected: Set<[Value]>
                switch byKeys.rows(of: table.name) {
                case .keys(let keys): expected = keys
                default: continue
                }
                guard case .condition(let condition) = byConditions.rows(of: table.name) else {
                    Issue.record("\(table.name): no condition")
                    continue
                }
                let found = Set(try source.keys(of: table, columns: table.primaryKey, where: condition))
                let same = found == expected
                #expect(same, "\(settings.targets.map(\.table)) \(table.name): \(found.count) rows by condition, \(expected.count) by keys")
                rows += found.count
            }
            #expect(rows > 0, "\(settings.targets): both ways selected something")
        }
    }
}

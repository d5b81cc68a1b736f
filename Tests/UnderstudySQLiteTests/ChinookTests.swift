import Foundation
import Testing
@testable import UnderstudyCore
@testable import UnderstudySQLite

@Suite("Chinook, a database nobody here wrote: init then run")
struct ChinookTests {
    @Test("same tables and row counts, no foreign-key violation, no transformed value surviving, same bytes on a rerun")
    func initAndRun() async throws {
        let folder = TemporaryFolder()
        let destination = folder.file("chinook-dev.db")
        let schema = try await SQLiteSource(path: Datasets.chinook).introspect()
        let yaml = WorkspaceWriter().yaml(schema: schema, source: "sqlite://" + Datasets.chinook, destination: "sqlite://" + destination)
        let workspacePath = folder.file("chinook.yml")
        try yaml.write(toFile: workspacePath, atomically: true, encoding: .utf8)
        let workspace = try WorkspaceLoader.parse(yaml, file: workspacePath)
        let plan = try RunPlanner().plan(workspace, schema: schema)

        let before = try SQLiteFixture.sha256(Datasets.chinook)
        let report = try await runWorkspace(yaml, file: workspacePath)
        #expect(try SQLiteFixture.sha256(Datasets.chinook) == before)
        #expect(report.verification?.foreignKeyViolations == [])

        for table in schema.tables {
            let count = "SELECT count(*) FROM \"\(table.name)\""
            #expect(try SQLiteFixture.rows(destination, count) == (try SQLiteFixture.rows(Datasets.chinook, count)), "\(table.name) row count")
        }
        let transformed = plan.tables.flatMap { t in t.columns.filter { $0.inheritedFrom == nil }.map { (t.table, $0.column) } }
        let names = Set(transformed.map { "\($0.0.name).\($0.1)" })
        for expected in ["Customer.Email", "Customer.FirstName", "Customer.LastName", "Customer.Phone", "Customer.Address",
                         "Customer.City", "Customer.PostalCode", "Employee.BirthDate", "Employee.Email", "Invoice.BillingAddress",
                         "Invoice.BillingCity", "Invoice.BillingPostalCode"] {
            #expect(names.contains(expected), "init suggests a generator for \(expected)")
        }
        // Row by row (rowids are kept), no transformed value survives where it was transformed.
        for (table, column) in transformed {
            let sql = "SELECT rowid, \"\(column)\" FROM \"\(table.name)\" WHERE \"\(column)\" IS NOT NULL ORDER BY rowid"
            let original = try SQLiteFixture.rows(Datasets.chinook, sql)
            let copy = try SQLiteFixture.rows(destination, sql)
            #expect(original.count == copy.count)
            let survived = zip(original, copy).filter { $0[1] == $1[1] }.count
            #expect(survived == 0, "\(table.name).\(column): \(survived) values survived")
        }
        // Identifiers that could re-identify a person appear nowhere in the copy's column.
        for column in ["Email", "Phone", "Address"] {
            let sql = "SELECT \(column) FROM Customer WHERE \(column) IS NOT NULL"
            let original = Set(try SQLiteFixture.rows(Datasets.chinook, sql).map { $0[0] })
            let copy = Set(try SQLiteFixture.rows(destination, sql).map { $0[0] })
            #expect(original.isDisjoint(with: copy), "Customer.\(column)")
        }
        let first = try SQLiteFixture.sha256(destination)
        try await runWorkspace(yaml, file: workspacePath)
        #expect(try SQLiteFixture.sha256(destination) == first)
    }
}

@Suite("Demo")
struct DemoTests {
    @Test("the demo marketplace runs with its workspace and verifies")
    func demo() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("marketplace.db"), destination = folder.file("dev.db")
        let counts = try MarketplaceDemo.build(at: source)
        #expect(counts.values.reduce(0, +) > 100_000)
        try "0123456789abcdef0123456789abcdef\n".write(toFile: folder.file("key"), atomically: true, encoding: .utf8)
        let yaml = MarketplaceDemo.workspace(source: "sqlite://" + source, destination: "sqlite://" + destination, secretFile: folder.file("key"))
        let report = try await runWorkspace(yaml, file: folder.file("understudy.yml"))
        #expect(report.outcome == .succeeded)
        let users = try #require(report.tables.first { $0.name == "users" })
        #expect(users.writtenRows == 10_000)
        let inherited = Set(report.tables.flatMap { t in t.columns.compactMap { $0.inheritedFrom == "users.id" ? "\(t.name).\($0.name)" : nil } })
        #expect(inherited == ["users.referred_by", "addresses.user_id", "items.seller_id", "bids.bidder_id", "orders.buyer_id", "support_tickets.user_id"])
        let join = "SELECT count(*) FROM orders o JOIN users u ON u.id = o.buyer_id"
        #expect(try SQLiteFixture.rows(destination, join) == (try SQLiteFixture.rows(source, join)))
        #expect(try SQLiteFixture.rows(destination, "SELECT count(*) FROM audit_events").first?.first == .integer(0))
        // The trigger came along and still guards its table.
        let db = try SQLiteConnection(path: destination, readOnly: false)
        #expect(throws: AdapterError.self) { try db.execute("INSERT INTO bids (item_id, bidder_id, amount, placed_at) VALUES (1, 1, -5, 'x')") }
    }
}

import Testing
@testable import UnderstudyCore

@Suite("Schema drift and declared foreign keys")
struct DriftTests {
    @Test("new, dropped and changed tables and columns are found; only new and changed need review")
    func drift() throws {
        let reviewed = ReviewedSchema(tables: [
            ("customers", [.init(name: "id", text: "TEXT NOT NULL"), .init(name: "email", text: "TEXT NOT NULL"), .init(name: "name", text: "TEXT"),
                           .init(name: "referrer", text: "TEXT"), .init(name: "born", text: "DATE"), .init(name: "score", text: "INTEGER"), .init(name: "fax", text: "TEXT")]),
            ("legacy", [.init(name: "x", text: "untyped")]),
            ("orders", Fixtures.shop.table(named: "orders")!.columns.map(ReviewedSchema.ReviewedColumn.init)),
            ("shipments", Fixtures.shop.table(named: "shipments")!.columns.map(ReviewedSchema.ReviewedColumn.init)),
        ])
        let drift = SchemaDrift(reviewed: reviewed, actual: Fixtures.shop)
        #expect(drift.changes.contains(.typeChanged(table: "customers", column: "score", from: "INTEGER", to: "INTEGER NOT NULL")))
        #expect(drift.changes.contains(.droppedColumn(table: "customers", column: "fax")))
        #expect(drift.changes.contains(.newTable("audit")))
        #expect(drift.changes.contains(.droppedTable("legacy")))
        #expect(drift.unreviewed.map(\.target).sorted() == ["audit", "customers.score"])
        #expect(SchemaDrift(reviewed: ReviewedSchema(Fixtures.shop), actual: Fixtures.shop).isEmpty)
        // Named by a person (`schema ack`, the Studio): a column, or every change of a table; once each.
        #expect(try drift.changes(matching: ["customers.score"]) == [.typeChanged(table: "customers", column: "score", from: "INTEGER", to: "INTEGER NOT NULL")])
        #expect(Set(try drift.changes(matching: ["customers", "customers.fax"]).map(\.target)) == ["customers.score", "customers.fax"])
        #expect(try drift.changes(matching: ["customers", "customers.fax"]).count == 2)
        #expect(throws: SchemaDrift.Unmatched.self) { try drift.changes(matching: ["custmers.score"]) }
        do {
            _ = try drift.changes(matching: ["custmers.score"])
        } catch {
            #expect(error.description.contains("did you mean \"customers.score\""))
        }
    }

    @Test("the workspace reads schema, unreviewed and foreign_keys, and refuses malformed ones")
    func parsing() throws {
        let workspace = try WorkspaceLoader.parse("""
            version: 1
            source: sqlite:a.db
            destination: sqlite:b.db
            secret: env:S
            unreviewed: warn
            foreign_keys:
              - from: orders(customer_ref)
                to: customers(id)
            schema:
              customers:
                id: TEXT NOT NULL
                note: untyped
            """)
        #expect(workspace.unreviewed == .warn)
        #expect(workspace.foreignKeys == [DeclaredForeignKey(table: "orders", columns: ["customer_ref"], referencedTable: "customers", referencedColumns: ["id"])])
        #expect(workspace.reviewedSchema?.columns(of: "customers") == [.init(name: "id", declaredType: "TEXT", isNullable: false), .init(name: "note", declaredType: "", isNullable: true)])
        for (text, message) in [
            ("unreviewed: maybe", "unknown policy \"maybe\""),
            ("foreign_keys:\n  - from: orders(a, b)\n    to: customers(id)", "from names 2 columns and to names 1"),
            ("foreign_keys:\n  - from: orders.customer\n    to: customers(id)", "is not table(column)"),
        ] {
            #expect { try WorkspaceLoader.parse("version: 1\nsource: a\ndestination: b\nsecret: env:S\n" + text) } throws: { "\($0)".contains(message) }
        }
    }

    @Test("declared keys propagate generators like real ones and name unknown places")
    func declaredKeys() throws {
        let workspace = try Fixtures.workspace("  audit:\n    columns:\n      id: fpe.integer")
        var withKey = workspace
        withKey.foreignKeys = [DeclaredForeignKey(table: "orders", columns: ["id"], referencedTable: "audit", referencedColumns: ["id"])]
        let plan = try RunPlanner().plan(withKey, schema: Fixtures.shop)
        #expect(plan.table(named: "orders")?.plan(forColumn: "id")?.inheritedFrom == "audit.id")
        #expect(plan.table(named: "shipments")?.plan(forColumn: "order_id")?.inheritedFrom == "audit.id", "and through real keys after them")
        var wrong = workspace
        wrong.foreignKeys = [DeclaredForeignKey(table: "orders", columns: ["idd"], referencedTable: "audit", referencedColumns: ["id"])]
        #expect { try RunPlanner().plan(wrong, schema: Fixtures.shop) } throws: { "\($0)".contains("foreign_keys[0].from: table orders has no column \"idd\"; did you mean \"id\"?") }
    }
}

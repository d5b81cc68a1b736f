import Foundation
@testable import UnderstudyCore

/// Small schemas and keys shared by the core tests.
enum Fixtures {
    static let key = try! MasterKey(material: Array("core-tests-secret-0123456789abcdef".utf8))
    static let otherKey = try! MasterKey(material: Array("a-completely-different-secret-987654".utf8))

    static func column(_ name: String, _ type: LogicalType, nullable: Bool = true) -> Column {
        Column(name: name, declaredType: type.rawValue.uppercased(), logicalType: type, isNullable: nullable)
    }

    /// customers ← orders ← shipments (chain), customers.referrer self-reference, tags with a unique name.
    static let shop = DatabaseSchema(tables: [
        Table(
            name: "customers",
            columns: [
                column("id", .text, nullable: false), column("email", .text, nullable: false), column("name", .text),
                column("referrer", .text), column("born", .date), column("score", .integer, nullable: false),
            ],
            primaryKey: ["id"],
            foreignKeys: [ForeignKey(columns: ["referrer"], referencedTable: "customers", referencedColumns: ["id"])],
            indexes: [Index(name: "customers_email", columns: ["email"], isUnique: true, isConstraint: true)]),
        Table(
            name: "orders",
            columns: [column("id", .integer, nullable: false), column("customer_id", .text, nullable: false), column("note", .text)],
            primaryKey: ["id"],
            foreignKeys: [ForeignKey(columns: ["customer_id"], referencedTable: "customers", referencedColumns: ["id"])]),
        Table(
            name: "shipments",
            columns: [column("order_customer", .text), column("order_id", .integer)],
            foreignKeys: [ForeignKey(columns: ["order_id"], referencedTable: "orders", referencedColumns: ["id"])]),
        Table(name: "audit", columns: [column("id", .integer, nullable: false), column("what", .text)], primaryKey: ["id"]),
    ])

    static func workspace(_ tables: String) throws -> Workspace {
        try WorkspaceLoader.parse("""
            version: 1
            source: sqlite:///tmp/src.db
            destination: sqlite:///tmp/dst.db
            secret: env:UNDERSTUDY_SECRET
            tables:
            \(tables)
            """, file: "test.yml")
    }
}

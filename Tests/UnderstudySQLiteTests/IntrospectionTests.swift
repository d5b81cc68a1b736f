import Foundation
import Testing
@testable import UnderstudyCore
@testable import UnderstudySQLite

@Suite("SQLite introspection")
struct IntrospectionTests {
    @Test("Chinook: tables, composite and self-referencing keys, declared types kept verbatim")
    func chinook() async throws {
        let schema = try await SQLiteSource(path: Datasets.chinook).introspect()
        #expect(schema.tables.count == 11)
        let employee = try #require(schema.table(named: "Employee"))
        #expect(employee.primaryKey == ["EmployeeId"])
        #expect(employee.foreignKeys == [ForeignKey(columns: ["ReportsTo"], referencedTable: "Employee", referencedColumns: ["EmployeeId"])])
        #expect(employee.column(named: "BirthDate")?.logicalType == .timestamp)
        #expect(employee.column(named: "LastName")?.declaredType == "NVARCHAR(20)")
        #expect(employee.column(named: "LastName")?.isNullable == false)
        let playlistTrack = try #require(schema.table(named: "PlaylistTrack"))
        #expect(playlistTrack.primaryKey == ["PlaylistId", "TrackId"])
        #expect(playlistTrack.foreignKeys.count == 2)
        #expect(schema.table(named: "Invoice")?.column(named: "Total")?.logicalType == .decimal)
        let keys = schema.tables.reduce(0) { $0 + $1.foreignKeys.count }
        #expect(keys == 11)
    }

    @Test("composite foreign keys, cycles, unique constraints, indexes, views, triggers, generated columns, WITHOUT ROWID")
    func features() async throws {
        let folder = TemporaryFolder()
        let path = folder.file("f.db")
        try SQLiteFixture.create(path, """
            CREATE TABLE a (id INTEGER PRIMARY KEY, b_id INTEGER REFERENCES b(id), flag BOOLEAN, at TIMESTAMP, ref UUID, doc JSON, raw BLOB, untyped, price DECIMAL(8,2), ratio DOUBLE);
            CREATE TABLE b (id INTEGER PRIMARY KEY, a_id INTEGER REFERENCES a(id), code TEXT NOT NULL UNIQUE, born DATE);
            CREATE TABLE parent (x INTEGER, y TEXT, label TEXT, PRIMARY KEY (x, y)) WITHOUT ROWID;
            CREATE TABLE child (id INTEGER PRIMARY KEY, px INTEGER, py TEXT, total INTEGER GENERATED ALWAYS AS (px * 2) STORED,
              FOREIGN KEY (px, py) REFERENCES parent (x, y) ON DELETE CASCADE);
            CREATE INDEX child_p ON child(px, py);
            CREATE UNIQUE INDEX parent_label ON parent(label) WHERE label IS NOT NULL;
            CREATE VIEW v AS SELECT * FROM child;
            CREATE TRIGGER t AFTER INSERT ON child BEGIN SELECT 1; END;
            """)
        let schema = try await SQLiteSource(path: path).introspect()
        let a = try #require(schema.table(named: "a"))
        // (A column without a type is typed by its values; with none stored, it is text.)
        #expect(a.columns.map(\.logicalType) == [.integer, .integer, .boolean, .timestamp, .uuid, .json, .blob, .text, .decimal, .real])
        #expect(schema.table(named: "b")?.uniqueKeys.contains(["code"]) == true)
        let parent = try #require(schema.table(named: "parent"))
        #expect(!parent.hasRowID)
        #expect(parent.primaryKey == ["x", "y"])
        #expect(parent.uniqueKeys == [["x", "y"]], "a partial unique index is not a table-wide key")
        let child = try #require(schema.table(named: "child"))
        #expect(child.foreignKeys == [ForeignKey(columns: ["px", "py"], referencedTable: "parent", referencedColumns: ["x", "y"], onDelete: "CASCADE")])
        #expect(child.column(named: "total")?.isGenerated == true)
        #expect(child.storedColumns.map(\.name) == ["id", "px", "py"])
        #expect(child.indexes.contains { $0.name == "child_p" && $0.columns == ["px", "py"] && !$0.isConstraint })
        #expect(schema.views.map(\.name) == ["v"])
        #expect(schema.triggers.map(\.name) == ["t"])
        #expect(ForeignKeyGraph(schema: schema).loadOrder().count == 4)
    }

    @Test("a file that is not a database, and a missing file, are refused clearly")
    func badFiles() throws {
        let folder = TemporaryFolder()
        let path = folder.file("not.db")
        try "hello, this is text".write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try SQLiteSource(path: path) } throws: { "\($0)".contains("is not a SQLite database") }
        #expect { try SQLiteSource(path: folder.file("missing.db")) } throws: { "\($0)".contains("no SQLite database at this path") }
    }

    @Test("a full disk is named as such, with its folder, what is free and what to do (SQLite said `database or disk is full`, and the run `a statement failed`)")
    func diskFull() throws {
        let folder = TemporaryFolder()
        let db = try SQLiteConnection(path: folder.file("full.db"), readOnly: false, create: true)
        // A file that may not grow past a few pages fails as a full disk does (SQLITE_FULL).
        try db.execute("CREATE TABLE t (x TEXT); PRAGMA max_page_count = 3")
        let insert = try db.prepare("INSERT INTO t VALUES (hex(randomblob(2000)))")
        var failure: AdapterError?
        do { for _ in 0..<50 { _ = try insert.step(); insert.reset() } } catch { failure = error }
        let message = "\(try #require(failure))"
        #expect(message.contains("the disk holding \(URL(fileURLWithPath: folder.file("full.db")).deletingLastPathComponent().path) is full") && message.contains("free"), "\(message)")
        #expect { try db.execute("INSERT INTO t VALUES (hex(randomblob(20000)))") } throws: { "\($0)".contains("is full") && "\($0)".contains("larger disk") }
    }

    @Test("other engines' type names in a SQLite schema (a SQL Server port): image and varbinary are bytes, bit a boolean, uniqueidentifier a uuid; a name no rule knows is typed by its values (all were numeric: a Northwind port's image column failed a PostgreSQL copy)")
    func otherEnginesTypeNames() throws {
        let folder = TemporaryFolder()
        let db = try SQLiteConnection(path: folder.file("port.db"), readOnly: false, create: true)
        try db.execute("""
            CREATE TABLE t (id INTEGER PRIMARY KEY, picture image, blob2 varbinary(8000), flag bit, code uniqueidentifier, shape GEOMETRY, kind LABEL, price money, n STRING);
            INSERT INTO t VALUES (1, x'00ff', x'01', 1, 'E5B9C1A2-0000-4000-8000-000000000001', 'POINT(1 2)', 'a', 1.5, 7);
            """)
        let table = try #require(try SQLiteSource(path: folder.file("port.db")).introspect().table(named: "t"))
        let types = Dictionary(uniqueKeysWithValues: table.columns.map { ($0.name, $0.logicalType) })
        #expect(types == ["id": .integer, "picture": .blob, "blob2": .blob, "flag": .boolean, "code": .uuid, "shape": .text, "kind": .text, "price": .decimal, "n": .integer])
        #expect(table.column(named: "shape")?.declaredType == "GEOMETRY", "declared as the source declares it")
    }
}

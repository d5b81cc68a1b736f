import Testing
@testable import UnderstudyCore

/// Personal data written into a schema's own SQL (views, comments, defaults, functions) reaches
/// every copy as written: each object is named in a warning (UND-W008), never its value.
@Suite("Personal data in a schema's SQL")
struct SchemaLiteralsTests {
    @Test("literals are read as the text they hold, quotes doubled inside")
    func literals() {
        #expect(SchemaLiterals.literals(in: "SELECT 'a', 'it''s' || x, '' FROM t WHERE y = 'z'") == ["a", "it's", "", "z"])
        #expect(SchemaLiterals.literals(in: "COMMENT ON TABLE t IS 'Ana''s table'") == ["Ana's table"])
        #expect(SchemaLiterals.literals(in: "no literal") == [])
        // Names of objects the server writes as literals cast to an object type: no text of anyone's.
        #expect(SchemaLiterals.literals(in: "nextval('invoice_numbers'::regclass), to_tsvector('shop_en'::regconfig, 'x')") == ["x"])
    }

    @Test("a view, a comment, a function, a default and a CHECK naming a person, an email or a phone are each named, without the value; ordinary literals are not")
    func findings() {
        var table = Table(name: "customers", columns: [
            Column(name: "email", declaredType: "text", logicalType: .text, isNullable: true, defaultExpression: "'nobody@corp.example'::text"),
            Column(name: "status", declaredType: "text", logicalType: .text, isNullable: true, defaultExpression: "'new'::text"),
            Column(name: "invoice", declaredType: "integer", logicalType: .integer, isNullable: true, defaultExpression: "nextval('invoice_numbers'::regclass)"),
        ])
        table.constraints = [
            ConstraintDefinition(kind: "c", name: "not_the_ceo", definition: "CHECK ((email <> 'Maria Gonzalez <maria@corp.example>'::text))"),
            ConstraintDefinition(kind: "c", name: "known_status", definition: "CHECK ((status = ANY (ARRAY['new'::text, 'paid'::text, 'shipped'::text])))"),
            // A timestamp is no phone number though dates are no kind reported here (it was named PHONE_NUMBER).
            ConstraintDefinition(kind: "c", name: "started_recent", definition: "CHECK ((started > '2000-01-01 00:00:00+00'::timestamp with time zone)) NOT VALID"),
        ]
        var schema = DatabaseSchema(
            tables: [table],
            views: [View(name: "vip", definitionSQL: "CREATE VIEW vip AS SELECT * FROM customers WHERE email = 'ceo@corp.example'"),
                    View(name: "recent", definitionSQL: "CREATE VIEW recent AS SELECT * FROM orders WHERE placed > '2024-01-01' AND region = 'EU'")],
            engine: .postgres,
            functions: [View(name: "greet", definitionSQL: "CREATE FUNCTION greet() RETURNS text AS $$ SELECT 'call John Smith on +1 415 555 0134' $$ LANGUAGE sql")])
        schema.objects = [
            SchemaObject(kind: .comment, name: "customers", definitionSQL: "COMMENT ON TABLE customers IS 'people who buy; ask Ana Lima'"),
            SchemaObject(kind: .comment, name: "orders", definitionSQL: "COMMENT ON TABLE orders IS 'closed year, in EUR'"),
            // (`e-mail` after `login` was read as a user name: PERSON.)
            SchemaObject(kind: .comment, name: "customers.email", definitionSQL: "COMMENT ON COLUMN customers.email IS 'login e-mail'"),
        ]
        let findings = SchemaLiterals.findings(schema)
        let messages = findings.map(\.message).joined(separator: "\n")
        #expect(findings.allSatisfy { $0.id == "UND-W008" })
        for named in ["view vip", "function greet", "comment customers", "constraint not_the_ceo", "the default of column email"] {
            #expect(messages.contains(named), "\(named) missing: \(messages)")
        }
        for quiet in ["recent", "comment orders", "known_status", "started_recent", "comment customers.email", "column status", "column invoice"] { #expect(!messages.contains(quiet), "\(quiet): \(messages)") }
        for value in ["ceo@corp.example", "John Smith", "Ana Lima", "415"] { #expect(!messages.contains(value), "a value in a message: \(messages)") }
        #expect(messages.contains("exclude_objects: [\"view vip\"]"))
    }

    @Test("PostgreSQL columns of large-object ids are pointed out (the objects are not copied); SQLite's and other types' are not")
    func largeObjects() {
        let table = Table(name: "files", columns: [
            Column(name: "content", declaredType: "oid", logicalType: .integer, isNullable: true),
            Column(name: "scan", declaredType: "public.lo", logicalType: .integer, isNullable: true),
            Column(name: "size", declaredType: "integer", logicalType: .integer, isNullable: true),
        ])
        let found = LargeObjectColumns.findings(DatabaseSchema(tables: [table], engine: .postgres))
        #expect(found.map(\.column) == ["content", "scan"] && found.allSatisfy { $0.id == "UND-W009" })
        #expect(LargeObjectColumns.findings(DatabaseSchema(tables: [table], engine: .sqlite)).isEmpty)
    }
}

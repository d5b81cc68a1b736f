import Testing
@testable import UnderstudyPostgres

@Suite("PostgreSQL definitions: code and literals")
struct SQLTextTests {
    @Test("qualifiers are taken out of the code and of literals cast to object types, never out of other literals, dollar-quoted text or quoted identifiers")
    func unqualified() {
        let sql = #"SELECT 'see sales.customer' AS note, nextval('sales.seq'::regclass), sales.f(x), "sales.odd" FROM sales.customer WHERE t = E'it\'s sales.x' AND u = $q$ sales.y $q$ AND v = $1"#
        #expect(PostgresIntrospector.unqualified(sql, schema: "sales")
            == #"SELECT 'see sales.customer' AS note, nextval('seq'::regclass), f(x), "sales.odd" FROM customer WHERE t = E'it\'s sales.x' AND u = $q$ sales.y $q$ AND v = $1"#)
        #expect(PostgresIntrospector.unqualified("'it''s sales.x'::text || sales.g()", schema: "sales") == "'it''s sales.x'::text || g()")
        #expect(PostgresIntrospector.unqualified("'sales.t'::REGCLASS", schema: "sales") == "'t'::REGCLASS")
    }

    @Test("several schemas: qualifiers in the code point at the staging schemas, literals that are data keep theirs")
    func rewrite() {
        let map = PostgresSchemaMap(namespaces: ["sales", "person"], targets: ["stage_0", "stage_1"])
        #expect(map.rewrite("person.f('person.person', 'sales.seq'::regclass)") == #""stage_1".f('person.person', '"stage_0".seq'::regclass)"#)
    }
}

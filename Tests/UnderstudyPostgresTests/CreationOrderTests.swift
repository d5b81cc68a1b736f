import Testing
@testable import UnderstudyPostgres

@Suite("PostgreSQL creation order")
struct CreationOrderTests {
    typealias Item = PostgresCreationOrder.Item

    @Test("identifiers as the server folds them; string literals, dollar-quoted text and function bodies name nothing")
    func identifiers() {
        let names = PostgresCreationOrder.identifiers(in: #"CREATE DOMAIN d AS Outer_T DEFAULT 'tags' CHECK ("Is Even"(VALUE) AND $x$ inner_t $x$ = '')"#)
        #expect(names.contains("outer_t") && names.contains("Is Even") && names.contains("value"))
        #expect(!names.contains("tags") && !names.contains("inner_t"))
        let header = PostgresCreationOrder.header(of: "CREATE OR REPLACE FUNCTION public.f(t tags)\n RETURNS text\n LANGUAGE sql\nAS $function$SELECT outer_t$function$\n")
        #expect(PostgresCreationOrder.identifiers(in: header).contains("tags") && !PostgresCreationOrder.identifiers(in: header).contains("outer_t"))
    }

    @Test("each after what it names, otherwise as given; a cycle keeps the order given")
    func order() {
        let items = [
            Item(name: "outer_t", sql: "CREATE TYPE outer_t AS (d tags, i inner_t)", isFunction: false),
            Item(name: "inner_t", sql: "CREATE TYPE inner_t AS (a int)", isFunction: false),
            Item(name: "tags", sql: "CREATE DOMAIN tags AS text[] CHECK (ok(VALUE))", isFunction: false),
            Item(name: "ok", sql: "CREATE FUNCTION ok(text[]) RETURNS bool\n AS $$ SELECT outer_t $$", isFunction: true),
            Item(name: "da", sql: "CREATE DOMAIN da AS db", isFunction: false),
            Item(name: "db", sql: "CREATE DOMAIN db AS da", isFunction: false),
        ]
        #expect(PostgresCreationOrder.order(items).map { items[$0].name } == ["inner_t", "ok", "tags", "outer_t", "da", "db"])
    }

    @Test("a SQL-standard body names nothing in the header: what the server records it needs orders it (an aggregate, a cast given after it)")
    func recordedNeeds() {
        let items = [
            Item(name: "sq3", sql: "CREATE FUNCTION sq3() RETURNS int\n LANGUAGE sql\nBEGIN ATOMIC\n SELECT sumsq(x) FROM generate_series(1, 3) x;\nEND", isFunction: true,
                 key: "function sq3", dependsOn: ["function sumsq"]),
            Item(name: "add_sq", sql: "CREATE FUNCTION add_sq(s int, v int) RETURNS int\n AS $$ SELECT s + v * v $$", isFunction: true, key: "function add_sq"),
            Item(name: "sumsq", sql: "CREATE AGGREGATE sumsq(int) (SFUNC = add_sq, STYPE = int)", isFunction: false, key: "function sumsq", dependsOn: ["function add_sq"]),
        ]
        #expect(PostgresCreationOrder.order(items).map { items[$0].name } == ["add_sq", "sumsq", "sq3"])
    }
}

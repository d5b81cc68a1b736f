import Testing
@testable import UnderstudyCore
@testable import UnderstudyPostgres
@testable import UnderstudySQLite

@Suite("PostgreSQL definitions: code and literals")
struct SQLTextTests {
    @Test("a URL as printed reads back as the same: a schema, user, database or socket folder with a space, `&`, `#`, `%` or `+` percent-encoded (`?schema=My Schema&host=…` was printed, which no URL parser reads whole)")
    func printedURLReadsBack() throws {
        let written = "postgres://jo%20smith@db.internal:5433/my%20db%23x?schema=My%20Schema,a%26b%2Bc&host=/tmp/a%20b%25"
        let url = try PostgresURL(written, role: "source")
        #expect(url.user == "jo smith" && url.database == "my db#x" && url.schemas == ["My Schema", "a&b+c"] && url.socketDirectory == "/tmp/a b%")
        let again = try PostgresURL(url.description, role: "source")
        #expect(again.user == url.user && again.database == url.database && again.schemas == url.schemas && again.socketDirectory == url.socketDirectory, "\(url.description)")
        #expect(!url.description.contains(" "), "\(url.description)")
        // Plain names are printed as they are.
        #expect(try PostgresURL("postgres://u@host/db?schema=sales,hr&host=/run/postgresql", role: "source").description == "postgres://u@host:5432/db?schema=sales,hr&host=/run/postgresql")
    }

    @Test("qualifiers are taken out of the code and of literals cast to object types, never out of other literals, dollar-quoted text or quoted identifiers")
    func unqualified() {
        let sql = #"SELECT 'see sales.customer' AS note, nextval('sales.seq'::regclass), sales.f(x), "sales.odd" FROM sales.customer WHERE t = E'it\'s sales.x' AND u = $q$ sales.y $q$ AND v = $1"#
        let sales = PostgresIntrospector.Qualifiers(schemas: [.init(schema: "sales", objects: ["seq", "f", "customer", "g", "t"])], own: 0)
        #expect(PostgresIntrospector.unqualified(sql, schema: sales)
            == #"SELECT 'see sales.customer' AS note, nextval('seq'::regclass), f(x), "sales.odd" FROM customer WHERE t = E'it\'s sales.x' AND u = $q$ sales.y $q$ AND v = $1"#)
        #expect(PostgresIntrospector.unqualified("'it''s sales.x'::text || sales.g()", schema: sales) == "'it''s sales.x'::text || g()")
        #expect(PostgresIntrospector.unqualified("'sales.t'::REGCLASS", schema: sales) == "'t'::REGCLASS")
    }

    @Test("a qualifier is told from a relation's name by the schema's objects: `bookings.book_ref` (a column of the table bookings) stays, `bookings.now()` (a name pg_catalog has too) keeps its qualifier in quotes, other copied schemas' are quoted, operators and casts too")
    func qualifiersAndRelations() {
        let names = [
            PostgresIntrospector.SchemaNames(schema: "bookings", objects: ["bookings", "tickets", "now", "==="], shadowed: ["now"]),
            PostgresIntrospector.SchemaNames(schema: "other", objects: ["mood", "x"]),
        ]
        let bookings = PostgresIntrospector.Qualifiers(schemas: names, own: 0)
        let view = "SELECT t.ticket_no, bookings.total_amount FROM (bookings.tickets t JOIN bookings ON ((t.book_ref = bookings.book_ref))) WHERE bookings.now() > x AND 'calm'::other.mood = m AND a OPERATOR(bookings.===) b AND other.x.id = 1 AND xbookings.tickets = 2"
        #expect(PostgresIntrospector.unqualified(view, schema: bookings)
            == #"SELECT t.ticket_no, bookings.total_amount FROM (tickets t JOIN bookings ON ((t.book_ref = bookings.book_ref))) WHERE "bookings".now() > x AND 'calm'::"other".mood = m AND a OPERATOR(===) b AND "other".x.id = 1 AND xbookings.tickets = 2"#)
        #expect(PostgresIntrospector.unqualified("bookings.now()", schema: bookings) == #""bookings".now()"#)
        #expect(PostgresIntrospector.unqualified("other.mood", schema: bookings, types: true) == "other.mood")
        // The copy: quoted qualifiers point at the targets, bare ones are relations' (types: both).
        let single = PostgresSchemaMap(namespaces: nil, targets: ["stage"], schemaNames: ["bookings"])
        #expect(single.rewrite(#"SELECT bookings.book_ref FROM bookings WHERE d < "bookings".now()"#) == #"SELECT bookings.book_ref FROM bookings WHERE d < "stage".now()"#)
        #expect(single.rewrite("bookings.mood[]", types: true) == #""stage".mood[]"#)
    }

    @Test("several schemas: qualifiers in the code point at the staging schemas, literals that are data keep theirs")
    func rewrite() {
        let map = PostgresSchemaMap(namespaces: ["sales", "person"], targets: ["stage_0", "stage_1"])
        #expect(map.rewrite(#""person".f('person.person', '"sales".seq'::regclass)"#) == #""stage_1".f('person.person', '"stage_0".seq'::regclass)"#)
    }

    @Test("a function whose quoted body or search_path names a copied schema is bound to the staging schemas while the copy is built: its body's qualifiers and object literals, its search_path's entries; other literals, other schemas and a function naming none as they are")
    func functionsWhileBuilt() {
        let map = PostgresSchemaMap(namespaces: nil, targets: ["stage"], schemaNames: ["public"])
        let wrapper = "CREATE OR REPLACE FUNCTION f_unaccent(text)\n RETURNS text\n LANGUAGE sql\n IMMUTABLE\nAS $function$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) || 'public.x' $function$\n"
        #expect(map.whileBuilt(wrapper)
            == "CREATE OR REPLACE FUNCTION f_unaccent(text)\n RETURNS text\n LANGUAGE sql\n IMMUTABLE\nAS $function$ SELECT \"stage\".unaccent('\"stage\".unaccent'::regdictionary, $1) || 'public.x' $function$\n")
        let pathed = "CREATE OR REPLACE FUNCTION norm(t text)\n RETURNS text\n LANGUAGE sql\n SET search_path TO '$user', 'public', 'pg_temp'\nAS $function$ SELECT lower(t) $function$\n"
        #expect(map.whileBuilt(pathed) == "CREATE OR REPLACE FUNCTION norm(t text)\n RETURNS text\n LANGUAGE sql\n SET search_path TO '$user', 'stage', 'pg_temp'\nAS $function$ SELECT lower(t) $function$\n")
        #expect(map.whileBuilt("CREATE OR REPLACE FUNCTION g()\n RETURNS int\n LANGUAGE sql\n SET search_path TO 'other'\nAS $function$ SELECT other.h() $function$\n") == nil)
        #expect(map.whileBuilt("CREATE OR REPLACE FUNCTION g()\n RETURNS int\n LANGUAGE sql\nBEGIN ATOMIC\n SELECT 1;\nEND\n") == nil)
        // An entry with a quote in it is written back as a literal again.
        #expect(map.whileBuilt("CREATE OR REPLACE FUNCTION g()\n RETURNS int\n LANGUAGE sql\n SET search_path TO 'it''s', 'public'\nAS $function$ SELECT 1 $function$\n")
            == "CREATE OR REPLACE FUNCTION g()\n RETURNS int\n LANGUAGE sql\n SET search_path TO 'it''s', 'stage'\nAS $function$ SELECT 1 $function$\n")
    }

    @Test("the expression translations across engines take any text — fragments of SQL shuffled, unbalanced parentheses and quotes, a nesting of 100,000 parentheses — without a crash, each answering a statement or nil (20,000 texts each way)")
    func expressionTranslationsTakeAnyText() {
        let pieces = ["(", ")", "(", ")", "'", "'3 days'::interval", "'1 mon'::interval", "::", "::date", "::timestamp without time zone", "::integer", "::numeric(8,2)",
                      "CURRENT_DATE", "now()", "LOCALTIMESTAMP", " - ", " + ", "7", "-2", "t.due", "t.at", "t.created", "x", ",", " ", " ", "concat(", "concat_ws(",
                      "EXTRACT(", "year FROM ", "date_part('month'::text, ", "date_trunc('week'::text, ", "to_char(", "'YYYY-MM \"h\"'", "substring(", " FROM ", " FOR ",
                      "POSITION(", " IN ", "TRIM(BOTH ", "GREATEST(", "string_agg(", " ORDER BY ", "\"left\"(", " AT TIME ZONE 'UTC'", "LIKE ", "'a%'", "NOT ",
                      "ifnull(", "iif(", "substr(", "group_concat(", "strftime('%Y', ", "date(", "'now'", "'+1 day'", "'start of month'", "CAST(", " AS INTEGER",
                      "julianday(", "max(", "min(", "round(", "==", "\"", "[", "]", "é", "\u{0}", "$$", "--", "/*"]
        var random = SystemRandomNumberGenerator()
        let postgres = PostgresViewExpressions(columns: ["due": .date, "at": .timestamp, "created": .timestamptz, "x": .number], functions: ["own"])
        let sqlite = SQLiteViewExpressions(columns: ["due": .date, "at": .timestamp, "created": .timestamptz, "x": .number])
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 1...24, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
            _ = PostgresViewSQL.statement("CREATE VIEW v AS SELECT " + text, expressions: postgres)
            _ = PostgresViewExpressions.defaultExpression(text)
            _ = sqlite.translate("CREATE VIEW v AS SELECT " + text)
        }
        let deep = String(repeating: "(", count: 100_000) + "x" + String(repeating: ")", count: 100_000)
        #expect(postgres.translate(deep) == nil && sqlite.translate(deep) == nil, "refused past the readable depth")
        #expect(postgres.translate("(((x + 1)))") == "(((x + 1)))")
    }
}

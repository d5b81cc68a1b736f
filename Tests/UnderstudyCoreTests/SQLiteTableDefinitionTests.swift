import Testing
@testable import UnderstudyCore

@Suite("SQLite table definitions")
struct SQLiteTableDefinitionTests {
    @Test("collations, generated expressions and CHECKs are read by tokens: quoted names of every kind, strings holding the words and parentheses, comments, nested parentheses")
    func parts() throws {
        let definition = try #require(SQLiteTableDefinition(sql: #"""
            CREATE TABLE "odd ""name""" ( -- a comment, CHECK (no)
              id INTEGER PRIMARY KEY,
              [full name] TEXT COLLATE NOCASE NOT NULL CHECK (length([full name]) > 0),
              `code` TEXT COLLATE "RTRIM" DEFAULT 'CHECK (x), AS (y)',
              price NUMERIC(8, 2) CHECK (price >= 0) CHECK (price < 1e6),
              label TEXT GENERATED ALWAYS AS (upper(substr("full name", 1, 2)) || ')') VIRTUAL,
              twice INT AS ((price * 2)) STORED,
              plain BINARYISH COLLATE binary, /* CHECK (not this) */
              CONSTRAINT both CHECK (price IS NOT NULL OR code = 'free'),
              UNIQUE (code), CHECK(id > 0)
            ) WITHOUT ROWID
            """#))
        #expect(definition.columns.map(\.name) == ["id", "full name", "code", "price", "label", "twice", "plain"])
        #expect(definition.column(named: "FULL NAME")?.collation == "NOCASE")
        #expect(definition.column(named: "code")?.collation == "RTRIM")
        #expect(definition.column(named: "plain")?.collation == nil, "BINARY is the default")
        #expect(definition.column(named: "full name")?.checks == ["(length([full name]) > 0)"])
        #expect(definition.column(named: "price")?.checks == ["(price >= 0)", "(price < 1e6)"])
        #expect(definition.column(named: "code")?.checks == [])
        #expect(definition.column(named: "label")?.generated == #"upper(substr("full name", 1, 2)) || ')'"#)
        #expect(definition.column(named: "twice")?.generated == "(price * 2)")
        #expect(definition.checks == ["(price IS NOT NULL OR code = 'free')", "(id > 0)"])
    }

    @Test("what is no readable CREATE TABLE gives nothing", arguments: ["CREATE TABLE t AS SELECT 1", "CREATE TABLE t (a TEXT DEFAULT 'open", "CREATE TABLE t (a", "CREATE INDEX i ON t (a)"])
    func unreadable(sql: String) {
        #expect(SQLiteTableDefinition(sql: sql) == nil)
    }

    @Test("SQLite's [name] and `name` quotes are written as the standard's, doubled quotes inside kept; literals, comments and \"names\" as they are")
    func postgresQuoting() {
        #expect(SQLiteTableDefinition.postgresQuoting("CHECK ([Unit Price] > 0 AND `a``b` <> '[x]' AND \"c\" = 1) -- [note]")
            == "CHECK (\"Unit Price\" > 0 AND \"a`b\" <> '[x]' AND \"c\" = 1) -- [note]")
        #expect(SQLiteTableDefinition.postgresQuoting("SELECT [Say \"hi\"] FROM t") == "SELECT \"Say \"\"hi\"\"\" FROM t")
        #expect(SQLiteTableDefinition.postgresQuoting("SELECT [unterminated") == "SELECT [unterminated")
    }

    @Test("a key's conflict clause other than SQLite's default (ON CONFLICT REPLACE, IGNORE, FAIL, ROLLBACK), of a column or of the table; ABORT is the default and none")
    func conflictClauses() throws {
        let definition = try #require(SQLiteTableDefinition(sql: """
            CREATE TABLE t (id INTEGER PRIMARY KEY ON CONFLICT ROLLBACK, a TEXT UNIQUE ON CONFLICT REPLACE, b TEXT NOT NULL ON CONFLICT ABORT, c TEXT, d TEXT,
              CONSTRAINT cd UNIQUE (c, "d") ON CONFLICT IGNORE, "on" TEXT DEFAULT 'ON CONFLICT REPLACE')
            """))
        #expect(definition.conflictClauses == ["ON CONFLICT ROLLBACK of t.id", "ON CONFLICT REPLACE of t.a", "ON CONFLICT IGNORE of t CONSTRAINT cd UNIQUE (c, \"d\")"])
    }

    @Test("deferrable foreign keys, of a column or of the table, named or quoted; NOT DEFERRABLE and keys without the clause are none")
    func deferrableKeys() throws {
        let definition = try #require(SQLiteTableDefinition(sql: """
            CREATE TABLE "c" (id INTEGER PRIMARY KEY, a INTEGER REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED NOT NULL,
              [b b] INTEGER CONSTRAINT k REFERENCES "P" DEFERRABLE, c INTEGER REFERENCES p NOT DEFERRABLE INITIALLY DEFERRED, d INTEGER REFERENCES p,
              e INTEGER, f INTEGER,
              CONSTRAINT two FOREIGN KEY (e, "f") REFERENCES q (x, y) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
              FOREIGN KEY (d) REFERENCES r (id) DEFERRABLE INITIALLY IMMEDIATE)
            """))
        #expect(definition.deferral(columns: ["a"], referencedTable: "p") == .deferred)
        #expect(definition.deferral(columns: ["b b"], referencedTable: "p") == .immediate)
        #expect(definition.deferral(columns: ["c"], referencedTable: "p") == nil)
        #expect(definition.deferral(columns: ["d"], referencedTable: "p") == nil)
        #expect(definition.deferral(columns: ["E", "f"], referencedTable: "q") == .deferred)
        #expect(definition.deferral(columns: ["d"], referencedTable: "r") == .immediate)
    }

    @Test("a SQLite CREATE INDEX as PostgreSQL's: name and table as given, columns, expressions and condition in the standard's quotes; no index statement gives nothing")
    func postgresIndex() {
        #expect(SQLiteTableDefinition.postgresIndex("CREATE UNIQUE INDEX IF NOT EXISTS live ON main.[user accounts] ([e mail]) WHERE deleted_at IS NULL", name: "\"live\"", on: "s.\"user accounts\"")
            == "CREATE UNIQUE INDEX \"live\" ON s.\"user accounts\" (\"e mail\") WHERE deleted_at IS NULL")
        #expect(SQLiteTableDefinition.postgresIndex("create index x on t(lower(`a`) desc)", name: "x", on: "t") == "CREATE INDEX x ON t (lower(\"a\") desc)")
        #expect(SQLiteTableDefinition.postgresIndex("CREATE TABLE t (a)", name: "x", on: "t") == nil)
        #expect(SQLiteTableDefinition.postgresIndex("CREATE INDEX x ON t", name: "x", on: "t") == nil)
    }
}

@Suite("PostgreSQL CHECKs in SQLite's SQL")
struct SQLiteCheckTests {
    @Test("lists, LIKE and casts as SQLite reads them; parentheses kept balanced; NOT VALID and other constraints none", arguments: [
        ("CHECK (((status)::text = ANY ((ARRAY['new'::character varying, 'done'::character varying])::text[])))", "CHECK (((status) IN ('new', 'done')))"),
        ("CHECK ((kind <> ALL (ARRAY['x'::text, 'y]'::text])))", "CHECK ((kind NOT IN ('x', 'y]')))"),
        ("CHECK ((n = ANY (ARRAY[1, 2, 3])))", "CHECK ((n IN (1, 2, 3)))"),
        ("CHECK ((ref ~~ 'R%'::text))", "CHECK ((ref LIKE 'R%'))"),
        ("CHECK ((price >= (0)::numeric)) NO INHERIT", "CHECK ((price >= (0)))"),
        ("CHECK ((note <> 'a::text'::text))", "CHECK ((note <> 'a::text'))"),
    ])
    func translated(definition: String, expected: String) {
        #expect(ConstraintDefinition(kind: "c", name: "c", definition: definition).sqliteCheck == expected)
    }

    @Test("a CHECK never validated, and constraints of other kinds, give nothing")
    func none() {
        #expect(ConstraintDefinition(kind: "c", name: "c", definition: "CHECK ((price < (100)::numeric)) NOT VALID").sqliteCheck == nil)
        #expect(ConstraintDefinition(kind: "u", name: "u", definition: "UNIQUE (a)").sqliteCheck == nil)
    }
}

@Suite("Domain constraints")
struct DomainConstraintsTests {
    @Test("a domain's base, NOT NULL and CHECKs as the introspector writes them; VALUE becomes the column outside literals")
    func parsed() throws {
        let year = try #require(DomainConstraints("CREATE DOMAIN year AS integer CONSTRAINT year_check CHECK (((VALUE >= 1901) AND (VALUE <= 2155)))"))
        #expect(year.base == "integer" && !year.notNull && year.checks.map(\.name) == ["year_check"])
        #expect(DomainConstraints.check(year.checks[0].definition, on: "\"released\"") == "CHECK (((\"released\" >= 1901) AND (\"released\" <= 2155)))")
        let contact = try #require(DomainConstraints("CREATE DOMAIN contact AS text DEFAULT 'VALUE x' NOT NULL CONSTRAINT contact_check CHECK ((VALUE ~~ '%@%'::text)) CONSTRAINT \"two\"\"q\" CHECK ((length(VALUE) < 80))"))
        #expect(contact.base == "text" && contact.notNull && contact.checks.map(\.name) == ["contact_check", "two\"q"])
        #expect(DomainConstraints.check("CHECK ((VALUE <> 'VALUE'::text))", on: "c") == "CHECK ((c <> 'VALUE'::text))")
        #expect(DomainConstraints("CREATE DOMAIN d AS positive_int")?.base == "positive_int")
    }
}

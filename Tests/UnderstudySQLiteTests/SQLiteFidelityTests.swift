import Foundation
import Testing
@testable import UnderstudyCore
@testable import UnderstudySQLite

/// The destination's `sqlite_schema` equals the source's (issue 12.4).
@Suite("SQLite schema fidelity")
struct SQLiteFidelityTests {
    @Test("a PostgreSQL view's SQL as SQLite reads it: casts outside literals rewritten by their type, a literal's quotes and its own `::` kept, IN lists, a materialized view a view, LIKE as GLOB (case matters in PostgreSQL's) and ILIKE as LIKE over an ASCII pattern; a cast SQLite cannot say, a pattern that is no constant or an ILIKE of other letters leaves it untranslated", arguments: [
        ("CREATE VIEW v AS SELECT a FROM t WHERE (t.n > (50)::numeric)", "CREATE VIEW v AS SELECT a FROM t WHERE (t.n > CAST((50) AS REAL))"),
        ("CREATE VIEW v AS SELECT 'it''s::x'::text AS s, (t.id)::character varying(12) AS c FROM t", "CREATE VIEW v AS SELECT 'it''s::x' AS s, (t.id) AS c FROM t"),
        ("CREATE VIEW v AS SELECT (sum(t.n))::numeric(10,2) AS total, count(*)::integer AS n FROM t", "CREATE VIEW v AS SELECT round(CAST((sum(t.n)) AS REAL), 2) AS total, CAST(iif(typeof(count(*)) = 'real', round(count(*)), count(*)) AS INTEGER) AS n FROM t"),
        ("CREATE VIEW v AS SELECT id FROM t WHERE ((s = ANY (ARRAY['a'::text, 'b'::text])) AND (d > '2024-01-10'::date))", "CREATE VIEW v AS SELECT id FROM t WHERE ((s IN ('a', 'b')) AND (d > '2024-01-10'))"),
        ("CREATE VIEW v AS SELECT id FROM t WHERE (s <> ALL (ARRAY['x'::text]))", "CREATE VIEW v AS SELECT id FROM t WHERE (s NOT IN ('x'))"),
        ("CREATE MATERIALIZED VIEW \"m\" WITH (fillfactor=70) AS SELECT a FROM t WITH NO DATA", "CREATE VIEW \"m\" AS SELECT a FROM t"),
        ("CREATE VIEW v AS SELECT (t.placed)::timestamp without time zone AS at FROM t", nil),
        ("CREATE VIEW v AS SELECT (t.tags)::text[] AS x FROM t", nil),
        ("CREATE VIEW v AS SELECT (t.id)::regclass AS x FROM t", nil),
        ("CREATE VIEW v AS SELECT a FROM t", nil),
        ("CREATE VIEW v AS SELECT id FROM t WHERE ((t.name ~~ 'A%'::text) AND ((t.code)::text !~~ '%x\\_y*[?]'::text))", "CREATE VIEW v AS SELECT id FROM t WHERE ((t.name GLOB 'A*') AND ((t.code) NOT GLOB '*x_y[*][[][?]]'))"),
        ("CREATE VIEW v AS SELECT id FROM t WHERE ((t.name ~~* '%bob''s_'::text) OR (t.name !~~* 'z\\%'::text))", "CREATE VIEW v AS SELECT id FROM t WHERE ((t.name LIKE '%bob''s_' ESCAPE '\\') OR (t.name NOT LIKE 'z\\%' ESCAPE '\\'))"),
        ("CREATE VIEW v AS SELECT id FROM t WHERE ((t.code ~~ like_escape('a!%%'::text, '!'::text)) AND (t.code ~~ like_escape('a\\%'::text, ''::text)))", "CREATE VIEW v AS SELECT id FROM t WHERE ((t.code GLOB 'a%*') AND (t.code GLOB 'a\\*'))"),
        ("CREATE VIEW v AS SELECT id FROM t WHERE (t.name ~~ '~~ it''s'::text)", "CREATE VIEW v AS SELECT id FROM t WHERE (t.name GLOB '~~ it''s')"),
        ("CREATE VIEW v AS SELECT id FROM t WHERE (t.name ~~ (t.code)::text)", nil),
        ("CREATE VIEW v AS SELECT id FROM t WHERE (t.name ~~* 'är%'::text)", nil),
        ("CREATE VIEW v AS SELECT id FROM t WHERE (t.name ~~ 'a\\'::text)", nil),
    ] as [(String, String?)])
    func postgresViewSQL(sql: String, expected: String?) {
        #expect(PostgresViewSQL.sqlite(sql) == expected)
    }

    @Test("a view of one of several PostgreSQL schemas in a SQLite file: its name and the relations it reads are the file's `schema.name` (its own schema's unqualified, another's by the quoted qualifier the introspector writes), an alias kept or the relation's name given as one; functions, subqueries, CTEs, columns and literals untouched", arguments: [
        ("CREATE VIEW v AS SELECT c.name, o.total FROM customer c JOIN orders o ON ((o.customer_id = c.id))",
         "CREATE VIEW \"sales.v\" AS SELECT c.name, o.total FROM \"sales.customer\" c JOIN \"sales.orders\" o ON ((o.customer_id = c.id))"),
        ("CREATE VIEW v AS SELECT orders.id, customer.name FROM orders, customer WHERE (orders.customer_id = customer.id)",
         "CREATE VIEW \"sales.v\" AS SELECT orders.id, customer.name FROM \"sales.orders\" orders, \"sales.customer\" customer WHERE (orders.customer_id = customer.id)"),
        ("CREATE VIEW v AS SELECT i.id FROM (\"billing\".invoices i LEFT JOIN \"billing\".\"Notes\" ON ((\"Notes\".id = i.id)))",
         "CREATE VIEW \"sales.v\" AS SELECT i.id FROM (\"billing.invoices\" i LEFT JOIN \"billing.Notes\" \"Notes\" ON ((\"Notes\".id = i.id)))"),
        ("CREATE VIEW v AS WITH orders AS (SELECT 1 AS id) SELECT x.id, 'orders' AS customer FROM orders, LATERAL unnest(ARRAY[1]) x(id) WHERE x.id IN (SELECT customer.id FROM customer)",
         "CREATE VIEW \"sales.v\" AS WITH orders AS (SELECT 1 AS id) SELECT x.id, 'orders' AS customer FROM orders, LATERAL unnest(ARRAY[1]) x(id) WHERE x.id IN (SELECT customer.id FROM \"sales.customer\" customer)"),
        ("CREATE MATERIALIZED VIEW v AS SELECT count(*) AS n FROM ONLY orders WITH NO DATA",
         "CREATE MATERIALIZED VIEW \"sales.v\" AS SELECT count(*) AS n FROM ONLY \"sales.orders\" orders WITH NO DATA"),
        // A function's own FROM (`EXTRACT(… FROM orders)`, `substring(… FROM …)`) reads a column, not a relation.
        ("CREATE VIEW v AS SELECT EXTRACT(year FROM orders) AS y, substring(customer FROM 1 FOR 2) AS s FROM orders",
         "CREATE VIEW \"sales.v\" AS SELECT EXTRACT(year FROM orders) AS y, substring(customer FROM 1 FOR 2) AS s FROM \"sales.orders\" orders"),
    ] as [(String, String)])
    func postgresViewOfSeveralSchemas(sql: String, expected: String) {
        let relations: Set<String> = ["sales.customer", "sales.orders", "billing.invoices", "billing.Notes"]
        #expect(PostgresViewSQL.inOneNamespace(sql, name: "sales.v", namespaces: ["sales", "billing"], relations: relations) == expected)
    }

    @Test("a time with its zone in hours alone gets the zone's minutes, as SQLite's date functions read it; any other text is left as it is", arguments: [
        ("2024-03-01 13:45:00+00", "2024-03-01 13:45:00+00:00"), ("2024-03-01 13:45:00.123456+00", "2024-03-01 13:45:00.123456+00:00"),
        ("13:45:00-05", "13:45:00-05:00"), ("13:45:00.5+05", "13:45:00.5+05:00"),
        ("13:45:00+05:30", nil), ("2024-03-01 13:45:00+00:00", nil), ("infinity", nil), ("-infinity", nil), ("0044-03-15 12:00:00+00 BC", nil),
        ("2024-03-01", nil), ("2024-03-01-05", nil), ("1.5-05", nil), ("", nil), ("+00", nil),
    ] as [(String, String?)])
    func zonesAsSQLiteReadsThem(text: String, expected: String?) {
        #expect(SQLiteDestination.withSQLiteZone(text) == expected)
    }

    @Test("a PostgreSQL view's functions and date arithmetic in SQLite's words, by the kinds of the columns they read: days added to a date column, a date less a date, an interval added to a timestamp or to now(), a part or truncation of a timestamptz read without its zone (the copy's +00:00, or PostgreSQL's +00 as an application may write it); refused where an operand's kind is unknown or differs between tables, a month is added to a column, a timestamp is subtracted from a timestamp, or a list is aggregated in an order", arguments: [
        ("CREATE VIEW v AS SELECT id FROM t WHERE (t.due > (CURRENT_DATE - 7))", "CREATE VIEW v AS SELECT id FROM t WHERE (t.due > date(julianday(CURRENT_DATE) - (7)))"),
        ("CREATE VIEW v AS SELECT (t.due - t.paid) AS n FROM t", "CREATE VIEW v AS SELECT CAST(round(julianday(t.due) - julianday(t.paid)) AS INTEGER) AS n FROM t"),
        ("CREATE VIEW v AS SELECT (t.at + '1 day 02:00:00'::interval) AS x FROM t", "CREATE VIEW v AS SELECT datetime(t.at, '+1 days', '+7200 seconds') AS x FROM t"),
        ("CREATE VIEW v AS SELECT id FROM t WHERE (t.created > (now() - '1 year'::interval))", "CREATE VIEW v AS SELECT id FROM t WHERE (t.created > (datetime('now', '-12 months') || '+00:00'))"),
        ("CREATE VIEW v AS SELECT date_trunc('month'::text, t.created) AS m, EXTRACT(year FROM t.created) AS y FROM t", "CREATE VIEW v AS SELECT (strftime('%Y-%m-01 00:00:00', replace(replace(t.created, '+00:00', ''), '+00', '')) || '+00:00') AS m, CAST(strftime('%Y', replace(replace(t.created, '+00:00', ''), '+00', '')) AS INTEGER) AS y FROM t"),
        ("CREATE VIEW v AS SELECT concat(t.a, '-', t.b) AS c, GREATEST(t.n, 0) AS g FROM t", "CREATE VIEW v AS SELECT (coalesce(t.a, '') || coalesce('-', '') || coalesce(t.b, '')) AS c, max(coalesce(t.n, 0), coalesce(0, t.n)) AS g FROM t"),
        ("CREATE VIEW v AS SELECT id FROM t WHERE (t.mixed > (t.mixed - 1))", nil),
        ("CREATE VIEW v AS SELECT (t.due + t.unknown) AS x FROM t", nil),
        ("CREATE VIEW v AS SELECT (t.due + '1 mon'::interval) AS x FROM t", nil),
        ("CREATE VIEW v AS SELECT (t.at - (t.due)::timestamp without time zone) AS x FROM t", nil),
        ("CREATE VIEW v AS SELECT string_agg(t.a, ', '::text ORDER BY t.a) AS x FROM t", nil),
        ("CREATE VIEW v AS SELECT concat(t.flag, 'x') AS x FROM t", nil),
        ("CREATE VIEW v AS SELECT (t.n + 1) AS x FROM t", nil),
    ] as [(String, String?)])
    func postgresViewExpressions(sql: String, expected: String?) {
        let expressions = PostgresViewExpressions(columns: [
            "due": .date, "paid": .date, "at": .timestamp, "created": .timestamptz, "a": .text, "b": .text, "n": .number, "flag": .boolean, "mixed": .mixed,
        ])
        #expect(PostgresViewSQL.sqlite(sql, expressions: expressions) == expected)
    }

    static let fixture = """
        CREATE TABLE kinds (code TEXT PRIMARY KEY COLLATE NOCASE, label TEXT NOT NULL CHECK (length(label) > 0)) WITHOUT ROWID;
        CREATE TABLE people (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          email TEXT NOT NULL UNIQUE COLLATE NOCASE,
          first TEXT, last TEXT,
          full TEXT GENERATED ALWAYS AS (first || ' ' || last) VIRTUAL,
          initials TEXT AS (substr(first, 1, 1) || substr(last, 1, 1)) STORED,
          kind TEXT REFERENCES kinds (code) ON DELETE SET NULL,
          score REAL DEFAULT 0.5 CHECK (score BETWEEN 0 AND 1)
        );
        CREATE TABLE readings (id INTEGER PRIMARY KEY, person_id INTEGER NOT NULL REFERENCES people (id), value REAL, taken TEXT) STRICT;
        CREATE INDEX people_last ON people (last COLLATE NOCASE DESC);
        CREATE INDEX people_lower_email ON people (lower(email));
        CREATE INDEX readings_recent ON readings (taken) WHERE taken > '2024-01-01';
        CREATE UNIQUE INDEX readings_once ON readings (person_id, taken);
        CREATE VIEW people_named AS SELECT id, full FROM people WHERE first IS NOT NULL;
        CREATE VIEW top_readers AS SELECT person_id, count(*) AS n FROM readings GROUP BY person_id;
        CREATE TRIGGER people_touch AFTER UPDATE OF email ON people BEGIN UPDATE people SET score = 0 WHERE id = NEW.id; END;
        CREATE TRIGGER readings_guard BEFORE INSERT ON readings WHEN NEW.value < 0 BEGIN SELECT RAISE(ABORT, 'negative'); END;
        INSERT INTO kinds VALUES ('a', 'Alpha'), ('b', 'Beta');
        INSERT INTO people (email, first, last, kind, score) VALUES ('x@y.example', 'Ana', 'Lima', 'a', 0.3), ('z@y.example', 'Bo', 'Ng', 'b', 0.9);
        INSERT INTO readings VALUES (1, 1, 2.5, '2024-02-01'), (2, 2, 1.0, '2023-05-01');
        """

    /// A source made by `sql`, copied with `tables` (the folder keeps both files while it lives).
    static func copied(_ sql: String, tables: String = "  {}") async throws -> (folder: TemporaryFolder, source: String, destination: String, report: RunReport) {
        let folder = TemporaryFolder()
        let source = folder.file("s.db"), destination = folder.file("d.db")
        try SQLiteFixture.create(source, sql)
        let report = try await runWorkspace(workspaceYAML(source: source, destination: destination, tables: tables))
        return (folder, source, destination, report)
    }

    static func schemaRows(_ path: String) throws -> [String] {
        try SQLiteFixture.rows(path, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name")
            .map { $0.map { $0.displayText }.joined(separator: " | ") }
    }

    @Test("rows of large values come in batches of bounded bytes, not of 2,000 rows whatever their size (a table of large documents was held whole in memory)")
    func batchesOfLargeRows() async throws {
        let folder = TemporaryFolder()
        let path = folder.file("big.db")
        try SQLiteFixture.create(path, "CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB, note TEXT); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40) INSERT INTO t SELECT i, zeroblob(1048576), 'n' FROM n;")
        let source = try SQLiteSource(path: path)
        let table = try #require(try await source.introspect().table(named: "t"))
        var sizes: [Int] = []
        for try await batch in try source.rows(of: table, columns: table.storedColumns, batchSize: 2_000) { sizes.append(batch.count) }
        #expect(sizes.reduce(0, +) == 40 && sizes.count > 1 && sizes.allSatisfy { $0 <= RowBatch.maximumBytes / (1 << 20) + 1 }, "\(sizes)")
    }

    /// Runs Python's sqlite3 on `path` with a case-blind collation named LOCALIZED registered (as an
    /// Android application registers its own), executing `script`; returns what it prints.
    @discardableResult
    static func withApplicationCollation(_ path: String, _ script: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", """
            import sqlite3, sys
            c = sqlite3.connect(sys.argv[1])
            c.create_collation('LOCALIZED', lambda a, b: (a.lower() > b.lower()) - (a.lower() < b.lower()))
            \(script)
            c.commit()
            """, path]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    @Test("a database whose schema names the application's own collation (Android's LOCALIZED) copies with it declared, its indexes built in binary order and named with the REINDEX that puts them in the application's (the run failed: `no such collation sequence`)")
    func applicationCollations() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("app.db"), destination = folder.file("copy.db")
        try Self.withApplicationCollation(source, """
            c.executescript("CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT COLLATE LOCALIZED, email TEXT UNIQUE COLLATE LOCALIZED, city TEXT); CREATE INDEX contacts_name ON contacts (name); CREATE INDEX contacts_city ON contacts (city COLLATE LOCALIZED, id); CREATE INDEX contacts_plain ON contacts (city);")
            c.executemany('INSERT INTO contacts (name, email, city) VALUES (?, ?, ?)', [('Ann %d' % i, 'a%d@example.com' % i, 'oslo' if i % 2 else 'Oslo') for i in range(40)])
            """)
        let before = try SQLiteFixture.sha256(source)
        let report = try await runWorkspace(workspaceYAML(source: source, destination: destination, tables: "  contacts:\n    columns:\n      email: email\n"))
        #expect(report.outcome == .succeeded)
        #expect(try SQLiteFixture.sha256(source) == before, "the source is never written")
        let note = report.findings.first { $0.id == "UND-W024" }?.message ?? ""
        #expect(note.contains("LOCALIZED") && note.contains("REINDEX LOCALIZED") && note.contains("contacts_name") && note.contains("contacts_city")
            && note.contains("sqlite_autoindex_contacts_1") && !note.contains("contacts_plain"), "\(report.findings)")
        // The application, which defines the collation, reads the copy: the schema as the source's, the index rebuilt in its order.
        let checked = try Self.withApplicationCollation(destination, """
            c.execute('REINDEX LOCALIZED')
            print(c.execute('PRAGMA integrity_check').fetchone()[0])
            print(c.execute("SELECT count(*) FROM contacts WHERE name = 'ANN 7'").fetchone()[0])
            print(c.execute("SELECT count(DISTINCT email) FROM contacts").fetchone()[0])
            print(c.execute("SELECT group_concat(sql, ';') FROM sqlite_schema WHERE name LIKE 'contacts%'").fetchone()[0])
            """)
        let lines = checked.split(separator: "\n").map(String.init)
        #expect(lines.count == 4 && lines[0] == "ok" && lines[1] == "1" && lines[2] == "40", "\(checked)")
        #expect(lines.last?.contains("name TEXT COLLATE LOCALIZED") == true && lines.last?.contains("CREATE INDEX contacts_name") == true, "\(checked)")
    }

    @Test("a trigger on a view (INSTEAD OF, what makes a SQLite view writable) copies with its view, and an insert through the view lands in the table (the run failed: `no such table: main.contact_names`, triggers being made before views)")
    func triggersOnViews() async throws {
        let (folder, _, destination, report) = try await Self.copied("""
            CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT, email TEXT);
            INSERT INTO contacts (name, email) VALUES ('Ann', 'ann@x.com');
            CREATE VIEW contact_names AS SELECT id, name FROM contacts;
            CREATE TRIGGER contact_names_insert INSTEAD OF INSERT ON contact_names BEGIN INSERT INTO contacts (name) VALUES (NEW.name); END;
            """, tables: "  contacts:\n    columns:\n      email: email\n")
        _ = folder
        #expect(report.outcome == .succeeded)
        let db = try SQLiteConnection(path: destination, readOnly: false)
        try db.execute("INSERT INTO contact_names (name) VALUES ('Bo')")
        #expect(try db.query("SELECT count(*) FROM contacts").first?.first?.displayText == "2")
    }

    @Test("a table with a column named rowid (or oid, _rowid_) is read in its rows' own order, by the name that still reaches the rowid (rows came in the order of the column's text); one that shadows all three is read as stored")
    func columnsNamedRowID() async throws {
        let (folder, source, destination, _) = try await Self.copied("""
            CREATE TABLE t (rowid TEXT, email TEXT);
            INSERT INTO t VALUES ('b', 'a@x.com'), ('a', 'b@x.com'), ('c', 'c@x.com');
            CREATE TABLE all3 (rowid TEXT, oid TEXT, _rowid_ TEXT, n INT);
            INSERT INTO all3 VALUES ('z', 'z', 'z', 1), ('y', 'y', 'y', 2), ('x', 'x', 'x', 3);
            """, tables: "  t:\n    columns:\n      email: email\n")
        _ = folder
        #expect(try SQLiteFixture.rows(destination, "SELECT _rowid_, rowid FROM t ORDER BY _rowid_").map { $0.map(\.displayText) } == [["1", "b"], ["2", "a"], ["3", "c"]])
        #expect(try SQLiteFixture.rows(destination, "SELECT n FROM all3").map { $0[0].displayText } == ["1", "2", "3"])
        #expect(try SQLiteFixture.rows(source, "SELECT _rowid_, rowid FROM t ORDER BY _rowid_").map { $0.map(\.displayText) } == [["1", "b"], ["2", "a"], ["3", "c"]])
    }

    @Test("foreign keys SQLite keeps but cannot check (to a table it has not, to columns neither key nor unique) copy as they are and are named; the others are still checked (the run failed: `foreign key mismatch`)")
    func foreignKeysSQLiteCannotCheck() async throws {
        let (folder, _, destination, report) = try await Self.copied("""
            CREATE TABLE b (id INTEGER PRIMARY KEY, code TEXT);
            CREATE TABLE c (id INTEGER PRIMARY KEY);
            CREATE TABLE a (id INTEGER PRIMARY KEY, gone_id INTEGER REFERENCES gone (id), b_code TEXT REFERENCES b (code), c_id INTEGER REFERENCES c (id), email TEXT);
            INSERT INTO b VALUES (1, 'x'); INSERT INTO c VALUES (1);
            INSERT INTO a VALUES (1, 5, 'x', 1, 'a@x.com');
            """, tables: "  a:\n    columns:\n      email: email\n")
        _ = folder
        let note = report.findings.first { $0.id == "UND-W013" }?.message ?? ""
        #expect(note.contains("a(gone_id) → gone(id)") && note.contains("a(b_code) → b(code)") && !note.contains("c_id"), "\(report.findings)")
        #expect(try SQLiteFixture.rows(destination, "SELECT count(*) FROM a").first?.first == .integer(1))
        #expect(try SQLiteFixture.rows(destination, "SELECT sql FROM sqlite_schema WHERE name = 'a'").first?.first?.displayText.contains("REFERENCES gone") == true)
    }

    @Test("passthrough and de-identified copies have the source's sqlite_schema: WITHOUT ROWID, STRICT, generated columns, collations, checks, partial and expression indexes, triggers, views", arguments: [false, true])
    func sameSchema(deidentify: Bool) async throws {
        let tables = deidentify ? "  people:\n    columns:\n      email: email\n      first: person.first-name\n" : "  {}"
        let (folder, source, destination, _) = try await Self.copied(Self.fixture, tables: tables)
        _ = folder
        #expect(try Self.schemaRows(destination) == (try Self.schemaRows(source)))
        let comparison = SchemaComparison(try SQLiteSource(path: source).introspect(), try SQLiteSource(path: destination).introspect())
        #expect(comparison.differences.isEmpty, "\(comparison.differences)")
    }

    static let virtualTables = """
        CREATE TABLE notes (id INTEGER PRIMARY KEY, author TEXT, body TEXT);
        INSERT INTO notes VALUES (1, 'Ana Lima', 'call about the invoice'), (3, 'Bo Ng', 'asked for a refund'), (7, 'Cy Ho', 'shipping delayed');
        CREATE VIRTUAL TABLE notes_search USING fts5(author, body, content='notes', content_rowid='id');
        INSERT INTO notes_search(notes_search) VALUES ('rebuild');
        CREATE TRIGGER notes_indexed AFTER INSERT ON notes BEGIN INSERT INTO notes_search(rowid, author, body) VALUES (new.id, new.author, new.body); END;
        CREATE VIRTUAL TABLE docs USING fts5(title, text, tokenize = 'porter');
        INSERT INTO docs(rowid, title, text) VALUES (10, 'Guide', 'running runs ran'), (20, 'Memo', 'Ana Lima joined the team');
        CREATE VIRTUAL TABLE tags USING fts4(tag);
        INSERT INTO tags(docid, tag) VALUES (5, 'red'), (6, 'blue');
        CREATE VIRTUAL TABLE unstored USING fts5(secret, content='');
        INSERT INTO unstored(rowid, secret) VALUES (1, 'hidden words');
        CREATE VIRTUAL TABLE zones USING rtree(id, minx, maxx, miny, maxy);
        INSERT INTO zones VALUES (1, 0, 10, 0, 5), (2, -3.5, 2, 1, 1);
        """

    @Test("virtual tables copy: full-text tables with their text and rowids, R-trees, a full-text index over another table rebuilt from its de-identified rows, one without stored text created empty; the same sqlite_schema", arguments: [false, true])
    func virtualTables(deidentify: Bool) async throws {
        // Before, the run stopped: `table notes_search is a virtual table (e.g. full-text search), which understudy cannot copy yet`.
        let tables = deidentify ? "  notes:\n    columns:\n      author: person.full-name\n  docs:\n    columns:\n      text: text.redact\n" : "  {}"
        let (folder, source, destination, _) = try await Self.copied(Self.virtualTables, tables: tables)
        _ = folder
        #expect(try Self.schemaRows(destination) == (try Self.schemaRows(source)))
        func value(_ sql: String) throws -> String { try SQLiteFixture.rows(destination, sql).first?.first?.displayText ?? "" }
        #expect(try value("SELECT group_concat(rowid) FROM docs") == "10,20")
        #expect(try value("SELECT group_concat(docid) FROM tags") == "5,6")
        #expect(try value("SELECT group_concat(id || ':' || minx || ':' || maxy) FROM zones") == "1:0.0:5.0,2:-3.5:1.0")
        #expect(try value("SELECT rowid FROM docs WHERE docs MATCH 'run'") == "10", "the porter tokenizer's index")
        #expect(try value("SELECT group_concat(rowid) FROM notes_search WHERE notes_search MATCH 'refund'") == "3")
        #expect(try value("SELECT count(*) FROM unstored") == "0")
        if deidentify {
            // The index holds the copy's names, not the source's: searching the old one finds nothing.
            #expect(try value("SELECT count(*) FROM notes_search WHERE notes_search MATCH 'Lima'") == "0")
            #expect(try value("SELECT count(*) FROM docs WHERE docs MATCH 'Lima'") == "0")
            let author = try value("SELECT author FROM notes WHERE id = 3")
            #expect(try value("SELECT group_concat(rowid) FROM notes_search WHERE notes_search MATCH '\"\(author)\"'") == "3", "\(author)")
        } else {
            #expect(try value("SELECT group_concat(rowid) FROM notes_search WHERE notes_search MATCH 'Lima'") == "1")
        }
        // New rows are still indexed by the trigger.
        try SQLiteFixture.create(destination, "INSERT INTO notes VALUES (9, 'Di Fox', 'late parcel')")
        #expect(try value("SELECT rowid FROM notes_search WHERE notes_search MATCH 'parcel'") == "9")
    }

    @Test("a full-text index over another table that the source cannot rebuild either (it names a column the table lacks, or a table that is gone) is created as in the source, not rebuilt, and the report names it (UND-W028); the run stopped at it: `full-text index notes_fts: a statement failed (SQL logic error)`")
    func brokenFullTextIndex() async throws {
        let sql = """
            CREATE TABLE orders (id INTEGER PRIMARY KEY, note TEXT);
            INSERT INTO orders VALUES (1, 'call Ana Lima'), (2, 'refund');
            CREATE VIRTUAL TABLE notes_fts USING fts5(body, content='orders', content_rowid='id');
            CREATE VIRTUAL TABLE gone_fts USING fts5(note, content='orders_old');
            CREATE VIRTUAL TABLE good_fts USING fts5(note, content='orders', content_rowid='id');
            INSERT INTO good_fts(good_fts) VALUES ('rebuild');
            """
        let (folder, source, destination, report) = try await Self.copied(sql, tables: "  orders:\n    columns:\n      note: text.redact\n")
        _ = folder
        #expect(report.outcome == .succeeded)
        #expect(try Self.schemaRows(destination) == (try Self.schemaRows(source)))
        let notes = report.findings.filter { $0.id == "UND-W028" }
        #expect(notes.count == 2 && notes.contains { $0.message.contains("notes_fts") && $0.message.contains("body") } && notes.contains { $0.message.contains("gone_fts") && $0.message.contains("orders_old") },
                "\(report.findings)")
        #expect(try SQLiteFixture.rows(destination, "SELECT count(*) FROM good_fts WHERE good_fts MATCH 'refund'").first?.first?.displayText == "1")
    }

    @Test("a view whose SQL names a person's email is copied as written, and the run's report says so (UND-W008), naming the view, not the value")
    func personalDataInSchema() async throws {
        let report = try await Self.copied(
            Self.fixture + "CREATE VIEW ceo AS SELECT * FROM people WHERE email = 'ana.lima@corp.example';", tables: "  people:\n    columns:\n      email: email\n").report
        let warnings = report.findings.filter { $0.id == "UND-W008" }
        #expect(warnings.count == 1 && warnings[0].message.contains("view ceo") && !warnings[0].message.contains("ana.lima"), "\(report.findings)")
    }

    @Test("text that is no valid UTF-8 (a legacy file's Latin-1 bytes), read through the generators' path, is named in the report with its count (UND-W019: its bad bytes became U+FFFD without a word); copied untouched, its bytes stay as they were")
    func textNotUTF8() async throws {
        let sql = """
            CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT, city TEXT, note TEXT);
            INSERT INTO people VALUES (1, 'a@x.example', CAST(x'4dfc6e6368656e' AS TEXT), 'ok'), (2, 'b@x.example', CAST(x'4bf66c6e' AS TEXT), CAST(x'e9' AS TEXT)), (3, 'c@x.example', 'Graz', 'fine');
            """
        let masked = try await Self.copied(sql, tables: "  people:\n    columns:\n      email: email")
        let notes = masked.report.findings.filter { $0.id == "UND-W019" }
        #expect(notes.map { "\($0.table ?? "").\($0.column ?? "")" } == ["people.city", "people.note"], "\(masked.report.findings)")
        #expect(notes.first?.message.hasPrefix("2 text values are not valid UTF-8") == true && notes.last?.message.hasPrefix("1 text value is not valid UTF-8") == true, "\(notes)")
        #expect(!notes.contains { $0.message.contains("M\u{FFFD}nchen") || $0.message.contains("nchen") })
        let untouched = try await Self.copied(sql)
        #expect(untouched.report.findings.filter { $0.id == "UND-W019" }.isEmpty)
        #expect(try SQLiteFixture.rows(untouched.destination, "SELECT hex(city) FROM people WHERE id = 1").first?.first?.displayText == "4DFC6E6368656E")
    }

    @Test("a source file damaged inside a table (a page overwritten) stops the run naming the file, the table and what to do — the file is damaged, `PRAGMA integrity_check`, `.recover` or a backup — with the destination as it was, through the generators' path and the engine's own copy alike (it said `a query failed (database disk image is malformed)`)", arguments: [true, false])
    func damagedSource(generator: Bool) async throws {
        let folder = TemporaryFolder()
        let source = folder.file("s.db"), destination = folder.file("d.db")
        try SQLiteFixture.create(source, """
            CREATE TABLE kinds (id INTEGER PRIMARY KEY, label TEXT);
            INSERT INTO kinds VALUES (1, 'a');
            CREATE TABLE notes (id INTEGER PRIMARY KEY, email TEXT, body TEXT);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
            INSERT INTO notes SELECT i, 'p' || i || '@x.example', printf('%.400c', 'b') FROM n;
            """)
        // A leaf page of notes, three quarters into the file, overwritten as a failing disk would.
        var bytes = try Data(contentsOf: URL(fileURLWithPath: source))
        let page = 4096, at = (bytes.count * 3 / 4) / page * page
        bytes.replaceSubrange(at..<(at + page), with: Data(repeating: 0x55, count: page))
        try bytes.write(to: URL(fileURLWithPath: source))
        try SQLiteFixture.create(destination, "CREATE TABLE notes (x); INSERT INTO notes VALUES (1);")
        let before = try SQLiteFixture.sha256(destination)
        let tables = generator ? "  notes:\n    columns:\n      email: email" : "  {}"
        do {
            try await runWorkspace(workspaceYAML(source: source, destination: destination, tables: tables))
            Issue.record("the run copied a damaged file")
        } catch {
            let text = "\(error)"
            #expect(text.contains(source) && text.contains("table notes") && text.contains("damaged") && text.contains("PRAGMA integrity_check") && text.contains(".recover"), "\(text)")
        }
        #expect(try SQLiteFixture.sha256(destination) == before)
    }

    @Test("a source another program holds locked while it writes (a transaction in rollback-journal mode) stops the run naming the lock and what to do — wait, or WAL mode — with the destination as it was (it said the file was no SQLite database, or encrypted, or damaged)")
    func lockedSource() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("s.db"), destination = folder.file("d.db")
        try SQLiteFixture.create(source, "CREATE TABLE notes (id INTEGER PRIMARY KEY, email TEXT); INSERT INTO notes VALUES (1, 'a@x.example');")
        try SQLiteFixture.create(destination, "CREATE TABLE notes (x); INSERT INTO notes VALUES (1);")
        let before = try SQLiteFixture.sha256(destination)
        let writer = try SQLiteConnection(path: source, readOnly: false)
        try writer.execute("BEGIN EXCLUSIVE; INSERT INTO notes VALUES (2, 'b@x.example');")
        defer { try? writer.execute("ROLLBACK"); writer.close() }
        do {
            try await runWorkspace(workspaceYAML(source: source, destination: destination, tables: "  notes:\n    columns:\n      email: email"))
            Issue.record("the run read a locked file")
        } catch {
            let text = "\(error)"
            #expect(text.contains(source) && text.contains("locked") && text.contains("another program") && text.contains("run again") && text.contains("journal_mode=WAL")
                    && !text.contains("not a SQLite database"), "\(text)")
        }
        #expect(try SQLiteFixture.sha256(destination) == before)
    }

    @Test("the file's settings come along: an application's schema version and id, page size, auto-vacuum, UTF-16, WAL mode, the planner's statistics (made afresh)", arguments: [false, true])
    func fileSettings(wal: Bool) async throws {
        let pragmas = "PRAGMA page_size = 8192; PRAGMA auto_vacuum = INCREMENTAL; PRAGMA encoding = 'UTF-16le'; PRAGMA user_version = 42; PRAGMA application_id = 1234567;"
        let analysed = "ANALYZE;"
        // Before, the copy had user_version 0 (an app then runs its migrations again over it), no
        // application id, and the new file's page size, auto-vacuum, encoding and journal mode.
        let (folder, source, destination, _) = try await Self.copied(pragmas + (wal ? "PRAGMA journal_mode = WAL;" : "") + Self.fixture + analysed, tables: "  people:\n    columns:\n      email: email\n")
        _ = folder
        // The staging file was closed before it was renamed: no -wal file beside the copy, WAL or not
        // (checked before anything here opens the copy, which makes one).
        #expect(!FileManager.default.fileExists(atPath: destination + "-wal"))
        // The planner's statistics are made afresh from the copy's rows (the source's are not copied: sqlite_stat4 holds sampled values).
        #expect(try SQLiteFixture.rows(destination, "SELECT count(*) FROM sqlite_stat1").first?.first?.displayText == (try SQLiteFixture.rows(source, "SELECT count(*) FROM sqlite_stat1").first?.first?.displayText))
        func settings(_ path: String) throws -> [String] {
            try ["user_version", "application_id", "page_size", "auto_vacuum", "encoding", "journal_mode"].map {
                try SQLiteFixture.rows(path, "PRAGMA \($0)").first?.first?.displayText ?? ""
            }
        }
        #expect(try settings(destination) == (try settings(source)))
        #expect(try settings(destination)[5] == (wal ? "wal" : "delete"))
        #expect(try Self.schemaRows(destination) == (try Self.schemaRows(source)))
    }

    @Test("a column kept unique by a partial unique index or one of expressions takes only unique-safe generators (the index failed to build at load): an email gets its unique tag, a first name is refused before anything is written")
    func uniqueIndexesOfSomeRows() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("s.db"), destination = folder.file("d.db")
        try SQLiteFixture.create(source, """
            CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, handle TEXT, active INTEGER);
            CREATE UNIQUE INDEX users_live_email ON users (email) WHERE active = 1;
            CREATE UNIQUE INDEX users_handle_ci ON users (lower(handle));
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
            INSERT INTO users SELECT i, 'user' || i || '@corp.example', 'Handle' || i, 1 FROM n;
            """)
        _ = try await runWorkspace(workspaceYAML(source: source, destination: destination, tables: "  users:\n    columns:\n      email: email\n"))
        #expect(try SQLiteFixture.rows(destination, "SELECT count(DISTINCT email), count(*) FROM users WHERE email LIKE '%+%@example.com'").first?.map(\.displayText) == ["3000", "3000"])
        await #expect { _ = try await runWorkspace(workspaceYAML(source: source, destination: folder.file("e.db"), tables: "  users:\n    columns:\n      handle: person.first-name\n")) } throws: { error in
            "\(error)".contains("handle") && "\(error)".contains("unique index")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.file("e.db")))
    }

    @Test("columns declared without a type (a legacy schema) are judged by their values: init suggests email, phone, name and birth-date generators, the run masks them, the copy keeps the columns untyped")
    func untypedColumns() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("s.db"), destination = folder.file("d.db")
        try SQLiteFixture.create(source, """
            CREATE TABLE people (id INTEGER PRIMARY KEY, name, email, phone, born, visits, score, photo, unused, nickname ANY, level ANY, counter);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 60)
            INSERT INTO people (name, email, phone, born, visits, score, photo, nickname, level, counter)
              SELECT 'Maria Garcia', 'maria' || i || '@corp.com', '+1 415 555 01' || (10 + i), '1980-01-' || (10 + i % 18), i, i * 0.5, x'89504e47',
                     CASE WHEN i % 2 = 0 THEN 'mari' ELSE i END, i % 3, CASE WHEN i = 7 THEN 9223372036854775807 ELSE i * 0.25 END FROM n;
            """)
        let sqlite = try SQLiteSource(path: source)
        let schema = try await sqlite.introspect()
        let findings = try await Scanner().scan(schema: schema) { try sqlite.sample(of: $0, size: 1_000) }
        // Before: an untyped column was a blob to every generator, so `null` was suggested for each, and the copy's people had no names, emails or phones.
        let suggested = Dictionary(uniqueKeysWithValues: findings.map { ($0.column, $0.generator) })
        #expect(suggested["email"] == "email" && suggested["phone"] == "phone" && suggested["name"] == "person.full-name" && suggested["born"] == "date.birth", "\(suggested)")
        let types = Dictionary(uniqueKeysWithValues: schema.tables[0].columns.map { ($0.name, $0.logicalType) })
        #expect(types["visits"] == .integer && types["score"] == .real && types["photo"] == .blob && types["unused"] == .text && types["email"] == .text, "\(types)")
        // Declared ANY (any value, by SQLite's own word): judged by its values too — text where any is text (it was a decimal, and PostgreSQL refused 'mari').
        #expect(types["nickname"] == .text && types["level"] == .integer, "\(types)")
        // Reals beside an integer no double holds exactly: decimal (PostgreSQL's double precision lost its digits).
        #expect(types["counter"] == .decimal, "\(types)")
        let yaml = WorkspaceWriter().yaml(schema: schema, source: "sqlite://" + source, destination: "sqlite://" + destination, findings: findings)
        try await runWorkspace(yaml)
        let copied = try SQLiteFixture.rows(destination, "SELECT count(*) FROM people WHERE email LIKE '%@%' AND email NOT LIKE 'maria%' AND name IS NOT NULL AND name <> 'Maria Garcia' AND phone NOT LIKE '+1 415 555 01%'")
        #expect(copied.first?.first == .integer(60))
        #expect(try Self.schemaRows(destination) == (try Self.schemaRows(source)))
    }

    @Test("a birth date kept as Unix milliseconds (or seconds) in an integer column: init suggests date.birth with its unit, and the copy holds other birth dates of the same band (init suggested fpe.integer: numbers that are no dates); YYYYMMDD numbers stay date.birth without a unit")
    func unixBirthDates() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("s.db"), destination = folder.file("d.db")
        // Born 1966–1975 (milliseconds of 1970 are small numbers), 1950–2004 in seconds, YYYYMMDD.
        try SQLiteFixture.create(source, """
            CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT, birth_ms INTEGER, dob_seconds INTEGER, birth_date INTEGER);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
            INSERT INTO people SELECT i, 'p' || i || '@x.example', (-100000000 + i * 1600000) * 1000 + 43200000, -631152000 + i * 8000000,
                                      CAST(strftime('%Y%m%d', -631152000 + i * 8000000, 'unixepoch') AS INTEGER) FROM n;
            """)
        let sqlite = try SQLiteSource(path: source)
        let schema = try await sqlite.introspect()
        let findings = try await Scanner().scan(schema: schema) { try sqlite.sample(of: $0, size: 1_000) }
        let suggested = Dictionary(uniqueKeysWithValues: findings.map { ($0.column, "\($0.generator) \($0.parameters["unix"].map { "\($0)" } ?? "")") })
        #expect(suggested["birth_ms"]?.hasPrefix("date.birth") == true && suggested["birth_ms"]?.contains("milliseconds") == true, "\(suggested)")
        #expect(suggested["dob_seconds"]?.hasPrefix("date.birth") == true && suggested["dob_seconds"]?.contains("seconds") == true, "\(suggested)")
        #expect(suggested["birth_date"] == "date.birth ", "\(suggested)")
        let yaml = WorkspaceWriter().yaml(schema: schema, source: "sqlite://" + source, destination: "sqlite://" + destination, findings: findings)
        try await runWorkspace(yaml)
        // Other days of the same five years, at the same time of day.
        let query = "SELECT id, birth_ms, dob_seconds FROM people ORDER BY id"
        let before = try SQLiteFixture.rows(source, query), after = try SQLiteFixture.rows(destination, query)
        func year(_ seconds: Int64) -> Int { CivilDate(days: Int((seconds >= 0 ? seconds : seconds - 86_399) / 86_400)).year }
        var kept = 0
        for (old, new) in zip(before, after) {
            guard let oldMs = old[1].int, let newMs = new[1].int, let oldS = old[2].int, let newS = new[2].int else { continue }
            if newMs != oldMs, newMs % 86_400_000 == oldMs % 86_400_000, year(newMs / 1_000) / 5 == year(oldMs / 1_000) / 5,
               newS != oldS, year(newS) / 5 == year(oldS) / 5 { kept += 1 }
        }
        #expect(kept == 200, "\(kept) of 200")
    }

    @Test("numbers in columns of no type (or ANY, or NUMERIC) given a generator of text are replaced as their digits and stay numbers (fpe.digits, fpe.alphanumeric, text.scramble, email and regex copied them unchanged)")
    func numbersInColumnsOfText() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("s.db"), destination = folder.file("d.db")
        try SQLiteFixture.create(source, """
            CREATE TABLE accounts (id INTEGER PRIMARY KEY, acct, handle ANY, code, contact, amount NUMERIC, ref);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
            INSERT INTO accounts (acct, handle, code, contact, amount, ref)
              SELECT CASE WHEN i % 2 = 0 THEN 500000 + i ELSE 'A-' || (500000 + i) END, CASE WHEN i % 2 = 0 THEN 700000 + i ELSE 'user' || i END,
                     CASE WHEN i % 2 = 0 THEN 800000 + i ELSE 'c' || i END, CASE WHEN i % 2 = 0 THEN 900000 + i ELSE 'x' || i || '@corp.example' END,
                     CASE WHEN i % 2 = 0 THEN 1000 + i ELSE 'n/a' END, CASE WHEN i % 2 = 0 THEN 300000 + i ELSE 'r' || i END FROM n;
            """)
        try await runWorkspace("""
            version: 1
            source: "sqlite://\(source)"
            destination: "sqlite://\(destination)"
            secret: env:UNDERSTUDY_SECRET
            tables:
              accounts:
                columns:
                  acct: fpe.digits
                  handle: fpe.alphanumeric
                  code: text.scramble
                  contact: email
                  ref: { generator: regex, pattern: "[0-9]+", with: fpe.digits }
            """)
        for (column, base) in [("acct", 500000), ("handle", 700000), ("code", 800000), ("contact", 900000), ("ref", 300000)] {
            let kept = try SQLiteFixture.rows(destination, "SELECT count(*) FROM accounts WHERE \(column) BETWEEN \(base) AND \(base + 40) OR \(column) = '\(base + 2)'")
            #expect(kept.first?.first == .integer(0), "\(column): source numbers copied")
        }
        // Digits for digits: still numbers where they were.
        let kinds = try SQLiteFixture.rows(destination, "SELECT count(*) FROM accounts WHERE id % 2 = 0 AND typeof(acct) = 'integer' AND typeof(handle) <> 'null'")
        #expect(kinds.first?.first == .integer(20))
    }

    @Test("the comparison names what differs")
    func differences() throws {
        let folder = TemporaryFolder()
        try SQLiteFixture.create(folder.file("a.db"), Self.fixture)
        try SQLiteFixture.create(folder.file("b.db"), Self.fixture + "DROP INDEX readings_recent; ALTER TABLE readings ADD COLUMN unit TEXT; DROP VIEW top_readers;")
        let comparison = SchemaComparison(try SQLiteSource(path: folder.file("a.db")).introspect(), try SQLiteSource(path: folder.file("b.db")).introspect())
        let text = comparison.differences.joined(separator: "\n")
        #expect(text.contains("readings_recent"))
        #expect(text.contains("unit"))
        #expect(text.contains("top_readers"))
    }

    @Test("a decimal loses digits in SQLite past 15 significant ones, unless it is an integer of 64 bits", arguments: [
        ("12345678901234567890.1234567891", true), ("99999999999999999999", true), ("0.1234567890123456", true),
        ("9223372036854775807", false), ("-9223372036854775808", false), ("12345678901234.100000", false), ("123456789012345.100000", true), ("0.000000000000000001", false),
        ("100.00", false), ("-3.25", false), ("NaN", false), ("Infinity", false), ("", false),
    ])
    func digits(text: String, loses: Bool) {
        #expect(SQLiteDestination.losesDigits(text) == loses, "\(text)")
    }

    @Test("a source in WAL mode is read in one snapshot: rows another program commits during the run (an order and its customer) are in no table of the copy, so every table agrees with every other")
    func snapshot() async throws {
        let folder = TemporaryFolder()
        let path = folder.file("live.db")
        try SQLiteFixture.create(path, """
            PRAGMA journal_mode = WAL;
            CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);
            CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id));
            INSERT INTO customers VALUES (1, 'a'); INSERT INTO orders VALUES (1, 1);
            """)
        let source = try SQLiteSource(path: path)
        let schema = try await source.introspect()
        let customers = try #require(schema.table(named: "customers")), orders = try #require(schema.table(named: "orders"))
        #expect(try source.rowCount(of: customers) == 1)
        // The application writes while the run reads.
        let app = try SQLiteConnection(path: path, readOnly: false)
        try app.execute("INSERT INTO customers VALUES (2, 'b'); INSERT INTO orders VALUES (2, 2)")
        app.close()
        // Before: orders counted 2 and customers 1 — a copy whose order references no customer, or one that mixes two moments.
        #expect(try source.rowCount(of: orders) == 1)
        var ids: [Value] = []
        for try await batch in try source.rows(of: customers, columns: customers.storedColumns, batchSize: 10) { ids += batch.columns[0] }
        #expect(ids == [.integer(1)])
        await source.close()
        // A source in rollback-journal mode is not held (a read transaction there would stop the application's writes).
        let journal = folder.file("journal.db")
        try SQLiteFixture.create(journal, "CREATE TABLE t (id INTEGER PRIMARY KEY); INSERT INTO t VALUES (1);")
        let plain = try SQLiteSource(path: journal)
        let writer = try SQLiteConnection(path: journal, readOnly: false)
        try writer.execute("INSERT INTO t VALUES (2)")
        writer.close()
        await plain.close()
    }
}

import Foundation
import Testing
@testable import UnderstudyCore
@testable import UnderstudySQLite

/// The destination's `sqlite_schema` equals the source's (issue 12.4).
@Suite("SQLite schema fidelity")
struct SQLiteFidelityTests {
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

    static func schemaRows(_ path: String) throws -> [String] {
        try SQLiteFixture.rows(path, "SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY type, name")
            .map { $0.map { $0.displayText }.joined(separator: " | ") }
    }

    @Test("passthrough and de-identified copies have the source's sqlite_schema: WITHOUT ROWID, STRICT, generated columns, collations, checks, partial and expression indexes, triggers, views", arguments: [false, true])
    func sameSchema(deidentify: Bool) async throws {
        let folder = TemporaryFolder()
        let source = folder.file("s.db"), destination = folder.file("d.db")
        try SQLiteFixture.create(source, Self.fixture)
        let tables = deidentify ? "  people:\n    columns:\n      email: email\n      first: person.first-name\n" : "  {}"
        _ = try await runWorkspace(workspaceYAML(source: source, destination: destination, tables: tables))
        #expect(try Self.schemaRows(destination) == (try Self.schemaRows(source)))
        let comparison = SchemaComparison(try SQLiteSource(path: source).introspect(), try SQLiteSource(path: destination).introspect())
        #expect(comparison.differences.isEmpty, "\(comparison.differences)")
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
}

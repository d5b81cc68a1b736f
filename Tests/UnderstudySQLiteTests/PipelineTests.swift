import Foundation
import Testing
import UnderstudyKit
@testable import UnderstudyCore
@testable import UnderstudySQLite

/// A small shop with a text primary key referenced by two tables, one through a composite key.
let shopSQL = """
    CREATE TABLE customers (code TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT, born DATE, city TEXT);
    CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_code TEXT NOT NULL REFERENCES customers(code), placed DATE NOT NULL);
    CREATE TABLE accounts (customer_code TEXT NOT NULL REFERENCES customers(code), kind TEXT NOT NULL, balance INTEGER,
      PRIMARY KEY (customer_code, kind)) WITHOUT ROWID;
    CREATE TABLE ledger (id INTEGER PRIMARY KEY, customer_code TEXT, kind TEXT, amount REAL,
      FOREIGN KEY (customer_code, kind) REFERENCES accounts(customer_code, kind));
    CREATE TABLE newsletter (id INTEGER PRIMARY KEY, email TEXT NOT NULL);
    CREATE INDEX orders_customer ON orders(customer_code);
    CREATE VIEW big_orders AS SELECT * FROM orders WHERE id > 100;
    """

func makeShop(_ path: String, customers: Int = 1_200) throws {
    var sql = shopSQL + "\nBEGIN;\n"
    for i in 0..<customers {
        let code = "C\(String(format: "%05d", i))"
        sql += "INSERT INTO customers VALUES ('\(code)', 'person\(i)@mail.test', 'Person \(i)', '19\(50 + i % 50)-0\(1 + i % 9)-1\(i % 10)', 'Town \(i % 40)');\n"
        sql += "INSERT INTO orders (customer_code, placed) VALUES ('\(code)', '2024-01-0\(1 + i % 9)');\n"
        sql += "INSERT INTO accounts VALUES ('\(code)', 'main', \(i * 10));\n"
        sql += "INSERT INTO ledger (customer_code, kind, amount) VALUES ('\(code)', 'main', \(Double(i) / 4));\n"
        if i % 3 == 0 { sql += "INSERT INTO newsletter (email) VALUES ('person\(i)@mail.test');\n" }
    }
    try SQLiteFixture.create(path, sql + "COMMIT;")
}

let shopTables = """
      customers:
        columns:
          code: { generator: hash }
          email: { generator: email, domain: email }
          name: { generator: person.full-name }
          born: { generator: date.shift }
          city: { generator: address.city }
      newsletter:
        columns:
          email: { generator: email, domain: email }
    """

@Suite("Pipeline on SQLite")
struct PipelineTests {
    @Test("foreign keys survive transforming a key column, including a composite key")
    func foreignKeyIntegrity() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("shop.db"), destination = folder.file("dev.db")
        try makeShop(source)
        let report = try await runWorkspace(workspaceYAML(source: source, destination: destination, tables: shopTables))
        #expect(report.verification?.foreignKeyViolations == [])
        #expect(try SQLiteFixture.rows(destination, "PRAGMA foreign_key_check").isEmpty)
        let joined = try SQLiteFixture.rows(destination, """
            SELECT count(*) FROM ledger l JOIN accounts a ON a.customer_code = l.customer_code AND a.kind = l.kind
            JOIN customers c ON c.code = a.customer_code JOIN orders o ON o.customer_code = c.code
            """)
        #expect(joined.first?.first == .integer(1_200))
        let leaked = try SQLiteFixture.rows(destination, "SELECT count(*) FROM customers WHERE code GLOB 'C[0-9][0-9][0-9][0-9][0-9]'")
        #expect(leaked.first?.first == .integer(0))
        #expect(report.tables.first { $0.name == "ledger" }?.columns.first?.inheritedFrom == "customers.code")
    }

    @Test("a named domain keeps one email consistent across two tables")
    func crossTableConsistency() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("shop.db"), destination = folder.file("dev.db")
        try makeShop(source)
        try await runWorkspace(workspaceYAML(source: source, destination: destination, tables: shopTables))
        let matched = try SQLiteFixture.rows(destination, "SELECT count(*) FROM newsletter n JOIN customers c ON c.email = n.email")
        #expect(matched.first?.first == .integer(400))
        let unchanged = try SQLiteFixture.rows(destination, "SELECT count(*) FROM newsletter WHERE email LIKE '%@mail.test'")
        #expect(unchanged.first?.first == .integer(0))
    }

    @Test("same source, workspace and secret give a byte-identical destination, whatever --jobs and batch size")
    func determinism() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("shop.db")
        try makeShop(source)
        var digests: [String] = []
        for (i, setting) in [(1, 100), (2, 500), (4, 64)].enumerated() {
            let destination = folder.file("dev\(i).db")
            try await runWorkspace(workspaceYAML(source: source, destination: destination, tables: shopTables), jobs: setting.0, batchSize: setting.1)
            digests.append(try SQLiteFixture.sha256(destination))
        }
        #expect(Set(digests).count == 1)
    }

    @Test("a different secret gives different output")
    func differentSecret() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("shop.db")
        try makeShop(source)
        try await runWorkspace(workspaceYAML(source: source, destination: folder.file("a.db"), tables: shopTables), secret: "first-secret-0123456789")
        try await runWorkspace(workspaceYAML(source: source, destination: folder.file("b.db"), tables: shopTables), secret: "second-secret-0123456789")
        let a = try SQLiteFixture.rows(folder.file("a.db"), "SELECT email FROM customers ORDER BY rowid")
        let b = try SQLiteFixture.rows(folder.file("b.db"), "SELECT email FROM customers ORDER BY rowid")
        let same = zip(a, b).filter { $0 == $1 }.count
        #expect(same == 0)
    }

    @Test("the source file is not changed by a run")
    func sourceUnchanged() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("shop.db")
        try makeShop(source)
        let before = try SQLiteFixture.sha256(source)
        try await runWorkspace(workspaceYAML(source: source, destination: folder.file("dev.db"), tables: shopTables))
        #expect(try SQLiteFixture.sha256(source) == before)
        #expect(!FileManager.default.fileExists(atPath: source + "-journal"))
    }

    @Test("blank text (empty, or white space alone) stays as it was under every generator that reads a value — a legacy schema's '' for none became one fake person, email or street in every such row — while constant, null and the synthetic ones still write theirs")
    func blankTextStaysBlank() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("blank.db"), destination = folder.file("dev.db")
        let generators = ["email", "person.first-name", "person.full-name", "address.street", "address.city", "company-name", "username", "hash", "uuid", "phone", "text.scramble", "fpe.alphanumeric"]
        let columns = generators.map { $0.replacingOccurrences(of: ".", with: "_").replacingOccurrences(of: "-", with: "_") }
        try SQLiteFixture.create(source, """
            CREATE TABLE t (id INTEGER PRIMARY KEY, \(columns.map { "\($0) TEXT NOT NULL" }.joined(separator: ", ")), fixed TEXT, gone TEXT);
            INSERT INTO t VALUES (1, \(columns.map { _ in "''" }.joined(separator: ", ")), '', ' ');
            INSERT INTO t VALUES (2, \(columns.map { _ in "'  '" }.joined(separator: ", ")), ' ', '');
            INSERT INTO t VALUES (3, \(columns.map { _ in "'Ana Lima'" }.joined(separator: ", ")), 'x', 'y');
            """)
        let tables = "  t:\n    columns:\n" + zip(columns, generators).map { "      \($0): \($1)" }.joined(separator: "\n")
            + "\n      fixed: { generator: constant, value: redacted }\n      gone: \"null\""
        try await runWorkspace(workspaceYAML(source: source, destination: destination, tables: tables))
        let copy = try SQLiteConnection(path: destination, readOnly: true)
        for (column, generator) in zip(columns, generators) {
            #expect(try copy.query("SELECT \(column) FROM t ORDER BY id").map { $0[0] } == [.text(""), .text("  "), try copy.query("SELECT \(column) FROM t WHERE id = 3")[0][0]], "\(generator)")
            // (A phone number's generator replaces digits: a name has none.)
            if generator != "phone" { #expect(try copy.query("SELECT \(column) FROM t WHERE id = 3")[0][0] != .text("Ana Lima"), "\(generator)") }
        }
        #expect(try copy.query("SELECT fixed FROM t ORDER BY id").map { $0[0] } == [.text("redacted"), .text("redacted"), .text("redacted")])
        #expect(try copy.query("SELECT gone FROM t ORDER BY id").map { $0[0] } == [.null, .null, .null])
    }

    @Test("attachments, scans and photographs kept as bytes become stand-ins of their formats in the copy (a PDF, a Word file, a JPEG, a note as bytes), nothing of them left; NULL and zero bytes stay, bytes of no known format get `otherwise` (they were copied as they were)")
    func documentsBecomeStandIns() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("files.db"), destination = folder.file("dev.db")
        func hex(_ bytes: [UInt8]) -> String { "X'" + bytes.map { String(format: "%02x", $0) }.joined() + "'" }
        let pdf = Array("%PDF-1.4\nBT (Referral: Mary Johnson, 12 Oak Street) Tj ET\n%%EOF".utf8)
        let docx = DocumentStandIn.zip([("word/document.xml", "<w:t>Dear Mary Johnson</w:t>")])
        let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE1] + Array("Exif Mary Johnson".utf8) + [0xFF, 0xD9]
        let note = Array("Called Mary Johnson".utf8)
        try SQLiteFixture.create(source, """
            CREATE TABLE files (id INTEGER PRIMARY KEY, content BLOB, scan BLOB NOT NULL);
            INSERT INTO files VALUES (1, \(hex(pdf)), \(hex(jpeg))), (2, \(hex(docx)), \(hex(note))), (3, NULL, X''), (4, X'', X'00ff9c');
            """)
        try await runWorkspace(workspaceYAML(source: source, destination: destination, tables: "  files:\n    columns:\n      content: { generator: document.placeholder, otherwise: \"null\" }\n      scan: document.placeholder"))
        let rows = try SQLiteConnection(path: destination, readOnly: true).query("SELECT content, scan FROM files ORDER BY id")
        func format(_ value: Value) -> DocumentFormat? { if case .blob(let bytes) = value { DocumentFormat.of(bytes) } else { nil } }
        #expect(rows.map { format($0[0]) } == [.pdf, .word, nil, nil] && rows.map { format($0[1]) } == [.jpeg, .text, nil, nil])
        #expect(rows[2][0] == .null && rows[3][0] == .blob([]) && rows[2][1] == .blob([]) && rows[3][1] == .blob([]))
        for row in rows { for case .blob(let bytes) in row { #expect(!DocumentFormat.contains(bytes, Array("Johnson".utf8))) } }
    }

    @Test("a value a generator cannot read is named with every way out: fix it, another generator, or NULL with `on_invalid: null` where the column may hold NULL (a card number of one digit said only how many digits cards have)")
    func waysOutOfAnUnreadableValue() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("cards.db")
        try SQLiteFixture.create(source, "CREATE TABLE t (id INTEGER PRIMARY KEY, card TEXT, ssn TEXT NOT NULL); INSERT INTO t VALUES (1, '4111 1111 1111 1111', '078-05-1120'), (2, '4', '078-05-1120'), (3, '4111111111111111', '12');")
        let card = workspaceYAML(source: source, destination: folder.file("dev.db"), tables: "  t:\n    columns:\n      card: credit-card")
        await #expect { try await runWorkspace(card) } throws: { error in
            "\(error)".contains("t.card: row 2 (id 2): credit-card: the value has 1 digits; card numbers have 12 to 19; fix it in the source, give t.card a generator that reads every value it holds, or write such values NULL with `on_invalid: null`")
        }
        // NOT NULL: no NULL offered.
        let ssn = workspaceYAML(source: source, destination: folder.file("dev.db"), tables: "  t:\n    columns:\n      ssn: ssn")
        await #expect { try await runWorkspace(ssn) } throws: { error in
            "\(error)".contains("the value has 2 digits; an SSN has 9; fix it in the source, or give t.ssn a generator that reads every value it holds") && !"\(error)".contains("on_invalid")
        }
    }

    @Test("a run that fails midway leaves no destination, and an existing destination untouched")
    func failedRunLeavesNothing() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("shop.db"), destination = folder.file("dev.db")
        try makeShop(source)
        // Row 700 of customers holds a birth date that is not a date: date.shift stops the run there.
        let connection = try SQLiteConnection(path: source, readOnly: false)
        try connection.execute("UPDATE customers SET born = 'SECRET-NOT-A-DATE' WHERE code = 'C00699'")
        let yaml = workspaceYAML(source: source, destination: destination, tables: shopTables)
        await #expect {
            try await runWorkspace(yaml)
        } throws: { error in
            let text = "\(error)"
            return text.contains("customers.born") && text.contains("row 700") && !text.contains("SECRET")
                && text.contains("fix it in the source, give customers.born a generator that reads every value it holds, or write such values NULL with `on_invalid: null`")
        }
        #expect(!FileManager.default.fileExists(atPath: destination))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["shop.db"])

        // A previous copy (a SQLite file: a file of another kind is refused before the run starts).
        try SQLiteFixture.create(destination, "CREATE TABLE customers (id INTEGER PRIMARY KEY); CREATE TABLE previous_copy (id INTEGER PRIMARY KEY); INSERT INTO previous_copy VALUES (1);")
        let previous = try Data(contentsOf: URL(fileURLWithPath: destination))
        await #expect(throws: GeneratorError.self) { try await runWorkspace(yaml) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: destination)) == previous)

        // Where the table's key is a number, the message names the row by it too (row 2 of the
        // read order is hard to find in a table of millions); a key of text may be personal, and is not shown.
        let numbered = folder.file("numbered.db")
        try SQLiteFixture.create(numbered, "CREATE TABLE visits (id INTEGER PRIMARY KEY, born DATE); INSERT INTO visits VALUES (7, '1980-02-03'), (42, 'SECRET');")
        await #expect {
            try await runWorkspace(workspaceYAML(source: numbered, destination: folder.file("numbered-copy.db"), tables: "  visits:\n    columns:\n      born: date.birth\n"))
        } throws: { error in
            "\(error)".hasPrefix("visits.born: row 2 (id 42): date.birth: the value is not a date") && !"\(error)".contains("SECRET")
        }
    }

    @Test("on_invalid: null writes NULL for a value the column's generator cannot read, counts them in the report (UND-W017, never the value), and keeps the other rows' fakes; it is refused on a NOT NULL column and for a policy it does not know; `stop`, the default, stops at the row")
    func invalidValuesWrittenNull() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("visits.db"), destination = folder.file("dev.db")
        try SQLiteFixture.create(source, """
            CREATE TABLE visits (id INTEGER PRIMARY KEY, born DATE, card TEXT, code TEXT NOT NULL);
            INSERT INTO visits VALUES (1, '1980-02-03', '4111 1111 1111 1111', 'A1'), (2, 'SECRET-UNKNOWN', '12', 'B2'), (3, NULL, 'SECRET-CARD', 'C3'), (4, '1975-11-30', '5500 0000 0000 0004', 'D4');
            """)
        let tables = """
              visits:
                columns:
                  born: { generator: date.birth, on_invalid: "null" }
                  card: { generator: credit-card, on_invalid: stop }
            """
        // `stop` is the default: the card column stops the run at row 2.
        await #expect { try await runWorkspace(workspaceYAML(source: source, destination: destination, tables: tables)) } throws: { error in
            "\(error)".hasPrefix("visits.card: row 2 (id 2): credit-card:")
        }
        let report = try await runWorkspace(workspaceYAML(source: source, destination: destination, tables: tables.replacingOccurrences(of: "on_invalid: stop", with: "on_invalid: null")))
        let copy = try SQLiteConnection(path: destination, readOnly: true)
        let rows = try copy.query("SELECT id, born, card FROM visits ORDER BY id")
        #expect(rows.map { $0[1] == .null } == [false, true, true, false])
        #expect(rows.map { $0[2] == .null } == [false, true, true, false])
        #expect(rows[0][1] != .text("1980-02-03") && rows[0][2] != .text("4111 1111 1111 1111"), "the readable values are faked as before")
        let columns = try #require(report.tables.first { $0.name == "visits" }?.columns)
        #expect(columns.first { $0.name == "born" }?.nulledValues == 1 && columns.first { $0.name == "card" }?.nulledValues == 2)
        let notes = report.findings.filter { $0.id == "UND-W017" }
        #expect(notes.map(\.column) == ["born", "card"] && notes.allSatisfy { !$0.message.contains("SECRET") }, "\(notes)")
        #expect(notes.first?.message.contains("1 value date.birth could not read was written NULL") == true, "\(notes)")
        // NOT NULL: refused before anything is read, at the entry's place.
        await #expect {
            try await runWorkspace(workspaceYAML(source: source, destination: destination, tables: tables + "\n      code: { generator: fpe.alphanumeric, on_invalid: null }\n"))
        } throws: { error in
            "\(error)".contains("tables.visits.columns.code.on_invalid") && "\(error)".contains("NOT NULL")
        }
        await #expect {
            try await runWorkspace(workspaceYAML(source: source, destination: destination, tables: tables.replacingOccurrences(of: "on_invalid: stop", with: "on_invalid: skip")))
        } throws: { error in
            "\(error)".contains("tables.visits.columns.card.on_invalid") && "\(error)".contains("stop") && "\(error)".contains("null")
        }
    }

    @Test("a run warns (UND-W001) about a person's contact details copied unchanged, not an organisation's: Northwind's shippers.phone, which init leaves as it is (the scanner: a company's phone is no personal data), was warned about in the first run of init's own workspace")
    func organisationContactsNotWarned() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("shop.db")
        try SQLiteFixture.create(source, """
            CREATE TABLE shippers (shipper_id INTEGER PRIMARY KEY, company_name TEXT, phone TEXT);
            INSERT INTO shippers VALUES (1, 'Speedy Express', '(503) 555-9831');
            CREATE TABLE suppliers (supplier_id INTEGER PRIMARY KEY, company_name TEXT, contact_name TEXT, phone TEXT);
            INSERT INTO suppliers VALUES (1, 'Exotic Liquids', 'Charlotte Cooper', '(171) 555-2222');
            CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, phone TEXT);
            INSERT INTO customers VALUES (1, 'Ana Lima', '(415) 555-0134');
            """)
        let report = try await runWorkspace(workspaceYAML(source: source, destination: folder.file("dev.db"), tables: """
              customers:
                columns:
                  name: person.full-name
            """))
        let warned = report.findings.filter { $0.id == "UND-W001" }.map { "\($0.table).\($0.column ?? "")" }
        // A supplier's contact is a person: their name and phone are theirs.
        #expect(warned.sorted() == ["customers.phone", "suppliers.contact_name", "suppliers.phone"], "\(warned)")
    }

    @Test("a column's generator changed from a front end (the Studio's PUT) keeps its domain and on_invalid, and consistent where the generator stays (they were dropped: two columns init had given one domain stopped joining)")
    func columnEditKeepsSettings() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("shop.db")
        try SQLiteFixture.create(source, "CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT, born TEXT); CREATE TABLE orders (id INTEGER PRIMARY KEY, contact_email TEXT);")
        let path = folder.file("w.yml")
        try workspaceYAML(source: source, destination: folder.file("dev.db"), tables: """
              customers:
                columns:
                  email: { generator: email, domain: contact, consistent: true }
                  born: { generator: date.birth, on_invalid: null }
              orders:
                columns:
                  contact_email: { generator: email, domain: contact }
            """).write(toFile: path, atomically: true, encoding: .utf8)
        let schema = try await SQLiteSource(path: source).introspect()
        let edits = WorkspaceEdits(path: path, schema: schema)
        try edits.setColumn("customers", "email", generator: "email", parameters: ["domain_name": .string("example.org")])
        try edits.setColumn("customers", "born", generator: "date.shift", parameters: ["days": .integer(30)])
        let workspace = try WorkspaceLoader.parse(try String(contentsOfFile: path, encoding: .utf8), file: path)
        let email = try #require(workspace.settings(forTable: "customers")?.settings(forColumn: "email"))
        #expect(email.domain == "contact" && email.consistent == true && email.parameters["domain_name"] == .string("example.org"), "\(email)")
        let born = try #require(workspace.settings(forTable: "customers")?.settings(forColumn: "born"))
        #expect(born.generator == "date.shift" && born.onInvalid == .null, "\(born)")
    }

    @Test("edits made at once (two Studio tabs, a PUT while `schema ack` runs) all reach the workspace: each reads, changes and writes the file under a lock (one could read the file before another wrote it, and its write dropped the other's change)")
    func concurrentEdits() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("wide.db")
        let columns = (0..<40).map { "c\($0)" }
        try SQLiteFixture.create(source, "CREATE TABLE people (id INTEGER PRIMARY KEY, \(columns.map { "\($0) TEXT" }.joined(separator: ", ")));")
        let path = folder.file("w.yml")
        try workspaceYAML(source: source, destination: folder.file("dev.db"), tables: "  people: {}").write(toFile: path, atomically: true, encoding: .utf8)
        let schema = try await SQLiteSource(path: source).introspect()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for column in columns {
                group.addTask { try WorkspaceEdits(path: path, schema: schema).setColumn("people", column, generator: "null") }
            }
            try await group.waitForAll()
        }
        let workspace = try WorkspaceLoader.parse(try String(contentsOfFile: path, encoding: .utf8), file: path)
        let set = columns.filter { workspace.settings(forTable: "people")?.settings(forColumn: $0)?.generator == "null" }
        #expect(set == columns, "lost: \(Set(columns).subtracting(set).sorted())")
    }

    @Test("a generator whose values break a CHECK constraint stops the run before the destination, naming the constraint and a generator that keeps it")
    func generatorBreakingACheck() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("staff.db"), destination = folder.file("dev.db")
        var sql = """
            CREATE TABLE staff (id INTEGER PRIMARY KEY, email TEXT NOT NULL CHECK (email LIKE '%@acme.com'),
              starts TEXT, ends TEXT, CHECK (ends IS NULL OR ends >= starts));
            BEGIN;
            """
        for i in 0..<300 { sql += "INSERT INTO staff VALUES (\(i), 'worker\(i)@acme.com', '2020-01-01', '2021-0\(1 + i % 9)-01');\n" }
        try SQLiteFixture.create(source, sql + "COMMIT;")
        try SQLiteFixture.create(destination, "CREATE TABLE staff (id INTEGER PRIMARY KEY); CREATE TABLE previous_copy (id INTEGER PRIMARY KEY); INSERT INTO previous_copy VALUES (1);")
        let previous = try Data(contentsOf: URL(fileURLWithPath: destination))
        // The email generator writes example.com: the destination would refuse every row.
        let breaking = workspaceYAML(source: source, destination: destination, tables: "  staff:\n    columns:\n      email: email")
        await #expect {
            try await runWorkspace(breaking)
        } throws: { error in
            let text = "\(error)"
            return text.contains("staff.email") && text.contains("row 1") && text.contains("CHECK (email LIKE '%@acme.com')")
                && text.contains("domain_name: acme.com") && !text.contains("worker0")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: destination)) == previous)
        // The generator the error names keeps the constraint, and the run completes.
        let keeping = workspaceYAML(source: source, destination: destination, tables: "  staff:\n    columns:\n      email: { generator: email, domain_name: acme.com }")
        try await runWorkspace(keeping)
        let emails = try SQLiteFixture.rows(destination, "SELECT email FROM staff").map { $0[0].displayText }
        #expect(emails.count == 300 && emails.allSatisfy { $0.hasSuffix("@acme.com") && !$0.hasPrefix("worker") })
        // A constraint over two columns, one of them generated: a date shifted past the other is caught too.
        let shifted = workspaceYAML(source: source, destination: destination, tables: "  staff:\n    columns:\n      email: { generator: email, domain_name: acme.com }\n      starts: { generator: date.shift, days: 3000 }")
        await #expect {
            try await runWorkspace(shifted)
        } throws: { error in "\(error)".contains("staff.starts") && "\(error)".contains("ends >= starts") }
    }

    @Test("a CHECK the run cannot evaluate that the destination refuses names the generated columns it reads and their generators (the engine's bare \"CHECK constraint failed\" named neither)")
    func destinationRefusingAGeneratedValue() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("hr.db"), destination = folder.file("dev.db")
        var sql = """
            CREATE TABLE employees (id INTEGER PRIMARY KEY, email TEXT, birth_date DATE, hire_date DATE,
              CHECK (hire_date >= strftime('%Y-%m-%d', birth_date, '+18 years')));
            BEGIN;
            """
        // Hired on their eighteenth birthday: any later birth date breaks the constraint.
        for i in 0..<200 { sql += "INSERT INTO employees VALUES (\(i), 'e\(i)@corp.com', '19\(80 + i % 20)-03-1\(i % 10)', '\(1998 + i % 20)-03-1\(i % 10)');\n" }
        try SQLiteFixture.create(source, sql + "COMMIT;")
        let yaml = workspaceYAML(source: source, destination: destination, tables: "  employees:\n    columns:\n      email: email\n      birth_date: date.birth")
        await #expect {
            try await runWorkspace(yaml)
        } throws: { error in
            let text = "\(error)"
            return text.contains("strftime('%Y-%m-%d', birth_date, '+18 years')") && text.contains("employees.birth_date (date.birth)") && !text.contains("employees.email")
        }
        #expect(!FileManager.default.fileExists(atPath: destination))
    }

    @Test("a copy that fails verification is not put in place: a key the workspace declares that rows of the source break")
    func verificationFailure() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("shop.db"), destination = folder.file("dev.db")
        try makeShop(source, customers: 50)
        let connection = try SQLiteConnection(path: source, readOnly: false)
        try connection.execute("INSERT INTO newsletter (id, email) VALUES (999999, 'x@example.com')")
        let yaml = workspaceYAML(source: source, destination: destination, tables: "  newsletter: {}") + "\nforeign_keys:\n  - from: newsletter(id)\n    to: orders(id)\n"
        await #expect {
            try await runWorkspace(yaml)
        } throws: { error in
            guard let error = error as? PipelineError else { return false }
            return error.code == .verificationFailed && error.message.contains("newsletter: 1 rows reference missing rows of orders")
        }
        #expect(!FileManager.default.fileExists(atPath: destination))
    }

    /// A shop of 50 customers whose orders `rows` (an INSERT's columns and VALUES) name customers it has not.
    static func shopWithOrphans(_ folder: TemporaryFolder, _ rows: String) throws -> (source: String, connection: SQLiteConnection) {
        let source = folder.file("shop.db")
        try makeShop(source, customers: 50)
        let connection = try SQLiteConnection(path: source, readOnly: false)
        try connection.execute("INSERT INTO orders \(rows)")
        return (source, connection)
    }

    @Test("orphans the source holds (SQLite enforces foreign keys only where the application turns them on) are copied as they are and named, UND-W025: the copy is as whole as the source (it failed verification, and no run could copy the file)")
    func orphansOfTheSource() async throws {
        let folder = TemporaryFolder()
        let (source, connection) = try Self.shopWithOrphans(folder, "(customer_code, placed) VALUES ('NOBODY', '2024-01-01'), ('GONE', '2024-01-02')")
        for (name, tables) in [("plain", "  newsletter: {}"), ("keyed", "  customers:\n    columns:\n      code: fpe.alphanumeric")] {
            let destination = folder.file("\(name).db")
            let report = try await runWorkspace(workspaceYAML(source: source, destination: destination, tables: tables))
            let note = report.findings.first { $0.id == "UND-W025" }
            #expect(note?.table == "orders" && note?.message.contains("2 rows reference missing rows of customers, as in the source") == true, "\(report.findings.map(\.message))")
            #expect(report.verification?.foreignKeyViolations == [.init(table: "orders", referencedTable: "customers", rows: 2)])
            let copy = try SQLiteConnection(path: destination, readOnly: true)
            #expect(try copy.query("PRAGMA foreign_key_check").count == 2)
            #expect(try copy.query("SELECT count(*) FROM orders").first?.first?.int == (try connection.query("SELECT count(*) FROM orders").first?.first?.int))
            copy.close()
        }
    }

    @Test("a subset of a SQLite source that holds orphans: the selected ones are copied as they are and named, by conditions and by key sets (a cycle); a selection whose orphans the source does not hold still fails")
    func orphansOfTheSourceInASubset() async throws {
        let folder = TemporaryFolder()
        let (source, connection) = try Self.shopWithOrphans(folder, "(id, customer_code, placed) VALUES (900, 'NOBODY', '2024-01-01'), (901, 'GONE', '2024-01-02'), (902, 'GONE', '2024-01-03')")
        func subset(_ targets: String, tables: String = "  newsletter: {}") -> String {
            workspaceYAML(source: source, destination: folder.file("copy.db"), tables: tables) + "\nsubset:\n  targets:\n" + targets
        }
        // Two of the source's three orphans are selected, with customers that exist.
        for tables in ["  newsletter: {}", "  customers:\n    columns:\n      code: fpe.alphanumeric"] {
            let report = try await runWorkspace(subset("    - table: orders\n      where: \"id IN (1, 2, 900, 901)\"\n", tables: tables))
            let note = report.findings.first { $0.id == "UND-W025" }
            #expect(note?.table == "orders" && note?.message.contains("2 rows reference missing rows of customers, as in the source") == true, "\(report.findings.map(\.message))")
            #expect(report.verification?.foreignKeyViolations == [.init(table: "orders", referencedTable: "customers", rows: 2)])
            #expect(try SQLiteFixture.rows(folder.file("copy.db"), "SELECT count(*) FROM orders") == [[.integer(4)]])
        }

        // Teams and their leads reference each other (a cycle: key sets); a member of a team that is gone.
        let cyclic = folder.file("staff.db")
        try SQLiteFixture.create(cyclic, """
            CREATE TABLE team (id INTEGER PRIMARY KEY, lead_id INTEGER REFERENCES staff(id), name TEXT);
            CREATE TABLE staff (id INTEGER PRIMARY KEY, team_id INTEGER REFERENCES team(id), name TEXT);
            CREATE TABLE ticket (id INTEGER PRIMARY KEY, staff_id INTEGER REFERENCES staff(id), body TEXT);
            INSERT INTO team VALUES (1, 10, 'red'), (2, 20, 'blue'), (3, 77, 'green');
            INSERT INTO staff VALUES (10, 1, 'Ann'), (11, 1, 'Bob'), (20, 2, 'Cy'), (21, 9, 'Di'), (22, 2, 'Ed');
            INSERT INTO ticket VALUES (100, 11, 'a'), (101, 21, 'b'), (102, 55, 'c'), (103, 22, 'd'), (104, 56, 'e');
            """)
        let report = try await runWorkspace(workspaceYAML(source: cyclic, destination: folder.file("staff-copy.db"), tables: "  staff:\n    columns:\n      name: person.first-name")
            + "\nsubset:\n  targets:\n    - table: ticket\n      where: \"id IN (101, 102, 103)\"\n  downstream: false\n")
        #expect(Set(report.findings.filter { $0.id == "UND-W025" }.compactMap(\.table)) == ["staff", "ticket"], "\(report.findings.map(\.message))")
        #expect((report.verification?.foreignKeyViolations ?? []).sorted { $0.table < $1.table } == [.init(table: "staff", referencedTable: "team", rows: 1), .init(table: "ticket", referencedTable: "staff", rows: 1)])
        #expect(try SQLiteFixture.rows(folder.file("staff-copy.db"), "SELECT id FROM staff ORDER BY id") == [[.integer(20)], [.integer(21)], [.integer(22)]])

        // A key the workspace declares, which a selected row breaks: not an orphan the source holds under its own keys.
        try connection.execute("INSERT INTO newsletter (id, email) VALUES (500, 'someone@nowhere.test')")
        await #expect {
            try await runWorkspace(subset("    - table: newsletter\n      where: \"id IN (1, 500)\"\n", tables: "  newsletter: {}\nforeign_keys:\n  - { from: newsletter(email), to: customers(email) }"))
        } throws: { error in
            guard let error = error as? PipelineError else { return false }
            return error.code == .verificationFailed && error.message.contains("newsletter: 1 rows reference missing rows of customers")
        }
    }

    @Test("AUTOINCREMENT counters carry over, so ids of deleted rows are not reused")
    func autoincrement() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("s.db"), destination = folder.file("d.db")
        try SQLiteFixture.create(source, """
            CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, v TEXT); CREATE TABLE u (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT);
            INSERT INTO t (v) VALUES ('a'), ('b'), ('c'); DELETE FROM t WHERE id = 3;
            INSERT INTO u (name) VALUES ('x'), ('y'); DELETE FROM u WHERE id = 2;
            """)
        try await runWorkspace(workspaceYAML(source: source, destination: destination, tables: "  u:\n    columns:\n      name: text.scramble"))
        #expect(try SQLiteFixture.rows(destination, "SELECT name, seq FROM sqlite_sequence ORDER BY name") == [[.text("t"), .integer(3)], [.text("u"), .integer(2)]])
    }

    @Test("text.redact with link_to a phone column: the row's phone number in the text gets the column's fake however the text groups its digits (a number with no cue stayed); another number stays")
    func linkedPhoneByDigits() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("s.db"), destination = folder.file("d.db")
        try SQLiteFixture.create(source, """
            CREATE TABLE people (id INTEGER PRIMARY KEY, first_name TEXT, last_name TEXT, phone TEXT, note TEXT);
            INSERT INTO people VALUES
              (1, 'Erdogan', 'Akça', '397 7 543', 'Spoke to Erdogan Akça (397-7-543) re: parcel; order 3977544 is another number.'),
              (2, 'Romana', 'Saffi', '351770074', 'Talked w/ Romana Saffi - 351 770 074 - happy with the replacement.'),
              (3, 'Ana', 'Lima', '(555) 010-2233', 'Call back on 555.010.2233 or +1 (555) 010-2233.');
            """)
        try await runWorkspace(workspaceYAML(source: source, destination: destination, tables: """
              people:
                columns:
                  first_name: person.first-name
                  last_name: person.last-name
                  phone: phone
                  note: { generator: text.redact, link_to: [first_name, last_name, phone] }
            """))
        let rows = try SQLiteFixture.rows(destination, "SELECT first_name, last_name, phone, note FROM people ORDER BY id").map { $0.map(\.displayText) }
        #expect(rows[0][3] == "Spoke to \(rows[0][0]) \(rows[0][1]) (\(rows[0][2])) re: parcel; order 3977544 is another number.", "\(rows[0])")
        #expect(rows[1][3] == "Talked w/ \(rows[1][0]) \(rows[1][1]) - \(rows[1][2]) - happy with the replacement.", "\(rows[1])")
        #expect(!rows[2][3].contains("010") && rows[2][3].components(separatedBy: rows[2][2]).count == 3, "\(rows[2])")
    }

    @Test("text.redact with link_to: the row's person's full name is found as written whatever the recognisers read in it (a first name that is a town's got a town's fake, the surname stayed), with its possessive, surname first and in capitals")
    func linkedNamesFoundAsWritten() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("s.db"), destination = folder.file("d.db")
        try SQLiteFixture.create(source, """
            CREATE TABLE people (id INTEGER PRIMARY KEY, first_name TEXT, last_name TEXT, note TEXT);
            INSERT INTO people VALUES
              (1, 'Laurens', 'Hendrikse', 'Spoke to Laurens Hendrikse re: parcel. Escalated: Hendrikse, Laurens disputes the fee. Note from Laurens Hendrikse''s daughter.'),
              (2, 'Bedi', 'İhsanoğlu', 'RE: ACCOUNT OF BEDI İHSANOĞLU - PASSWORD RESET DONE'),
              (3, 'Qushi', 'Gera', 'Qushi Gera asked us to stop sending marketing.');
            """)
        try await runWorkspace(workspaceYAML(source: source, destination: destination, tables: """
              people:
                columns:
                  first_name: person.first-name
                  last_name: person.last-name
                  note: { generator: text.redact, link_to: [first_name, last_name] }
            """))
        let rows = try SQLiteFixture.rows(destination, "SELECT first_name, last_name, note FROM people ORDER BY id").map { $0.map(\.displayText) }
        #expect(rows[0][2] == "Spoke to \(rows[0][0]) \(rows[0][1]) re: parcel. Escalated: \(rows[0][1]), \(rows[0][0]) disputes the fee. Note from \(rows[0][0]) \(rows[0][1])'s daughter.", "\(rows[0])")
        #expect(rows[1][2] == "RE: ACCOUNT OF \(rows[1][0].uppercased()) \(rows[1][1].uppercased()) - PASSWORD RESET DONE", "\(rows[1])")
        #expect(rows[2][2] == "\(rows[2][0]) \(rows[2][1]) asked us to stop sending marketing.", "\(rows[2])")
    }

    @Test("text.redact with link_to on a name in Chinese or Japanese (and Russian): the full name in the text gets the column's fake, and the surname alone before a title (王先生, 田中様) the fake's surname (it got a full name of its own)")
    func linkedNamesInOtherScripts() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("s.db"), destination = folder.file("d.db")
        try SQLiteFixture.create(source, """
            CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT, note TEXT);
            INSERT INTO people VALUES
              (1, '王小明', '客户王小明来电。王先生要求退款。'),
              (2, '田中花子', '田中花子さんから電話。田中様に折り返し。'),
              (3, 'Иван Петров', 'Позвонил Иван Петров, просил перезвонить.');
            """)
        try await runWorkspace(workspaceYAML(source: source, destination: destination, tables: """
              people:
                columns:
                  name: person.full-name
                  note: { generator: text.redact, link_to: [name] }
            """))
        let rows = try SQLiteFixture.rows(destination, "SELECT name, note FROM people ORDER BY id").map { $0.map(\.displayText) }
        let chinese = rows[0][0]
        #expect(chinese.count == 3 && rows[0][1] == "客户\(chinese)来电。\(chinese.prefix(1))先生要求退款。", "\(rows[0])")
        let japanese = rows[1][0]
        let surname = ScriptNames.japaneseSurnames.filter { japanese.hasPrefix($0) }.max { $0.count < $1.count } ?? ""
        #expect(!surname.isEmpty && rows[1][1] == "\(japanese)さんから電話。\(surname)様に折り返し。", "\(rows[1])")
        #expect(rows[2][1] == "Позвонил \(rows[2][0]), просил перезвонить.", "\(rows[2])")
    }

    @Test("text.redact with link_to: the row's own person in the text gets exactly the fakes of the row's name columns, in every form; others get their own fakes")
    func linkedNames() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("s.db"), destination = folder.file("d.db")
        try SQLiteFixture.create(source, """
            CREATE TABLE people (id INTEGER PRIMARY KEY, first_name TEXT, last_name TEXT, full_name TEXT, note TEXT, other TEXT);
            INSERT INTO people VALUES
              (1, 'Ana', 'Lima', 'Ana Lima', 'Ana Lima called; LIMA, Ana is on file. Ana asked for Dr. Lima. Also spoke with Maria Garcia.', 'ana lima wrote back'),
              (2, 'Bo', 'Chen', 'Bo Chen', 'Refund for Bo Chen approved by Ana Lima.', 'Chen will call'),
              (3, NULL, NULL, NULL, 'Carlos Mendes left a message.', NULL),
              (4, 'Renée', 'Okafor', 'Okafor, Renée', 'x', 'Okafor, Renée phoned');
            """)
        let redact = "{ generator: text.redact, link_to: [first_name, last_name] }"
        try await runWorkspace(workspaceYAML(source: source, destination: destination, tables: """
              people:
                columns:
                  first_name: person.first-name
                  last_name: person.last-name
                  full_name: person.full-name
                  note: \(redact)
                  other: { generator: text.redact, link_to: [full_name] }
            """))
        let rows = try SQLiteFixture.rows(destination, "SELECT first_name, last_name, full_name, note, other FROM people ORDER BY id")
        let (first, last, full) = (rows[0][0].displayText, rows[0][1].displayText, rows[0][2].displayText)
        let note = rows[0][3].displayText
        #expect(note.hasPrefix("\(first) \(last) called; \(last.uppercased()), \(first) is on file. \(first) asked for Dr. \(last)."), "\(note)")
        #expect(!note.contains("Maria Garcia") && !note.contains("Ana") && !note.contains("Lima"))
        // Linked to one full-name column, in lower case.
        #expect(rows[0][4].displayText == "\(full.lowercased()) wrote back", "\(rows[0][4])")
        // Row 2: its own person linked; Ana Lima, not this row's person, gets an ordinary fake.
        let second = rows[1][3].displayText
        #expect(second.hasPrefix("Refund for \(rows[1][0].displayText) \(rows[1][1].displayText) approved by "), "\(second)")
        #expect(!second.contains("Ana Lima") && !second.contains("Bo Chen"))
        #expect(rows[1][4].displayText == "\(rows[1][2].displayText.split(separator: " ").last!) will call")
        // Row 3: no name columns, the person still replaced.
        #expect(!rows[2][3].displayText.contains("Carlos Mendes"))
        // Row 4: a full name written surname first, in the column and in the text, the same fake written so.
        let surnameFirst = rows[3][2].displayText
        #expect(surnameFirst.wholeMatch(of: #/[A-Z][A-Za-z'-]+, [A-Z][A-Za-z'-]+/#) != nil && rows[3][4].displayText == "\(surnameFirst) phoned", "\(rows[3])")
        // A linked column that is not de-identified would write the real name back: refused, named.
        await #expect { try await runWorkspace(workspaceYAML(source: source, destination: folder.file("e.db"), tables: "  people:\n    columns:\n      note: \(redact)\n      first_name: person.first-name")) } throws: { error in
            "\(error)".contains("link_to names last_name, which is not de-identified") && "\(error)".contains("people.note")
        }
        await #expect { try await runWorkspace(workspaceYAML(source: source, destination: folder.file("f.db"), tables: "  people:\n    columns:\n      note: { generator: text.redact, link_to: [frist_name] }")) } throws: { error in
            "\(error)".contains("no column \"frist_name\"") && "\(error)".contains("first_name")
        }
    }

    @Test("text.redact with link_to through a foreign key: a ticket's customer, named in its body, gets exactly the fakes of the customer's row in the copy; refused where no key leads there or the parent's columns are not consistent fakes")
    func namesLinkedThroughForeignKey() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("s.db"), destination = folder.file("d.db")
        try SQLiteFixture.create(source, """
            CREATE TABLE customers (id INTEGER PRIMARY KEY, first_name TEXT NOT NULL, last_name TEXT NOT NULL);
            CREATE TABLE tickets (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), body TEXT);
            CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);
            INSERT INTO customers VALUES (1, 'Ana', 'Lima'), (2, 'Bo', 'Chen');
            INSERT INTO tickets VALUES
              (1, 1, 'Customer Ana Lima called; LIMA, Ana is on file. Also spoke with Bo Chen.'),
              (2, 2, 'Refund for Bo Chen approved.'),
              (3, NULL, 'Carlos Mendes left a message.');
            INSERT INTO notes VALUES (1, 'Ana Lima');
            """)
        let customers = """
              customers:
                columns:
                  first_name: person.first-name
                  last_name: person.last-name
            """
        try await runWorkspace(workspaceYAML(source: source, destination: destination, tables: customers + """

              tickets:
                columns:
                  body: { generator: text.redact, link_to: [customers.first_name, customers.last_name] }
            """))
        let people = try SQLiteFixture.rows(destination, "SELECT first_name, last_name FROM customers ORDER BY id").map { ($0[0].displayText, $0[1].displayText) }
        let bodies = try SQLiteFixture.rows(destination, "SELECT body FROM tickets ORDER BY id").map(\.[0].displayText)
        #expect(bodies[0].hasPrefix("Customer \(people[0].0) \(people[0].1) called; \(people[0].1.uppercased()), \(people[0].0) is on file."), "\(bodies[0])")
        // Bo Chen is not ticket 1's customer: an ordinary fake there, his own row's in ticket 2.
        #expect(!bodies[0].contains("Bo Chen") && !bodies[0].hasSuffix("spoke with \(people[1].0) \(people[1].1)."), "\(bodies[0])")
        #expect(bodies[1] == "Refund for \(people[1].0) \(people[1].1) approved.", "\(bodies[1])")
        #expect(!bodies[2].contains("Carlos Mendes"), "no customer: the name still replaced")
        // No key from notes to customers; a parent column left as it is, or faked row by row.
        for (table, settings, message) in [
            ("notes", "", "notes has no foreign key to customers"),
            ("tickets", "", "link_to names customers.first_name, which is not de-identified"),
            ("tickets", "\n      first_name: { generator: person.first-name, consistent: false }\n      last_name: person.last-name", "customers.first_name is not consistent"),
            ("tickets", " {}\n    mode: passthrough", "links to customers, which has mode passthrough"),
        ] {
            let yaml = workspaceYAML(source: source, destination: folder.file("e.db"), tables: "  customers:\n    columns:\(settings.isEmpty ? " {}" : settings)\n  \(table):\n    columns:\n      body: { generator: text.redact, link_to: [customers.first_name, customers.last_name] }")
            await #expect { try await runWorkspace(yaml) } throws: { error in
                "\(error)".contains(message) && "\(error)".contains("\(table).body")
            }
        }
    }

    @Test("link_to columns that are no names (an email, a record number): their values in the text, as written and wherever the recognisers missed them, get exactly the fakes of the columns — on the row and through a foreign key")
    func valuesLinked() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("s.db"), destination = folder.file("d.db")
        try SQLiteFixture.create(source, """
            CREATE TABLE patients (id INTEGER PRIMARY KEY, first_name TEXT, last_name TEXT, email TEXT, mrn TEXT, note TEXT);
            CREATE TABLE visits (id INTEGER PRIMARY KEY, patient_id INTEGER REFERENCES patients(id), summary TEXT);
            INSERT INTO patients VALUES (1, 'Ana', 'Lima', 'ana.lima@mail.example.org', 'QX-0048291', 'Ana Lima (ANA.LIMA@mail.example.org) called; chart QX-0048291 updated, see QX-0048291.');
            INSERT INTO visits VALUES (1, 1, 'Seen for chart QX-0048291; results mailed to ana.lima@mail.example.org.');
            """)
        try await runWorkspace(workspaceYAML(source: source, destination: destination, tables: """
              patients:
                columns:
                  first_name: person.first-name
                  last_name: person.last-name
                  email: email
                  mrn: fpe.alphanumeric
                  note: { generator: text.redact, link_to: [first_name, last_name, email, mrn] }
              visits:
                columns:
                  summary: { generator: text.redact, link_to: [patients.first_name, patients.last_name, patients.email, patients.mrn] }
            """))
        let row = try SQLiteFixture.rows(destination, "SELECT first_name, last_name, email, mrn, note FROM patients")[0].map(\.displayText)
        #expect(row[4] == "\(row[0]) \(row[1]) (\(row[2])) called; chart \(row[3]) updated, see \(row[3]).", "\(row)")
        let summary = try SQLiteFixture.rows(destination, "SELECT summary FROM visits")[0][0].displayText
        #expect(summary == "Seen for chart \(row[3]); results mailed to \(row[2]).", "\(summary) \(row)")
    }

    @Test("the destination may not be the source, by another path or a hard link to it")
    func sameFile() throws {
        #expect(throws: AdapterError.self) { try SQLiteDestination(path: "/tmp/x.db", sourcePath: "/tmp/../tmp/x.db") }
        // A hard link: another name for the source file (a bind mount or another mount of the folder is the same case).
        let folder = TemporaryFolder()
        try SQLiteFixture.create(folder.file("shop.db"), "CREATE TABLE t (id INTEGER PRIMARY KEY);")
        #expect(link(folder.file("shop.db"), folder.file("alias.db")) == 0)
        #expect(throws: AdapterError.self) { try SQLiteDestination(path: folder.file("alias.db"), sourcePath: folder.file("shop.db")) }
    }

    @Test("truncate copies the schema without rows; indexes, views and WITHOUT ROWID tables are recreated")
    func schemaObjects() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("shop.db"), destination = folder.file("dev.db")
        try makeShop(source, customers: 30)
        try await runWorkspace(workspaceYAML(source: source, destination: destination, tables: "  ledger: { mode: truncate }\n  newsletter: { mode: passthrough }"))
        #expect(try SQLiteFixture.rows(destination, "SELECT count(*) FROM ledger").first?.first == .integer(0))
        #expect(try SQLiteFixture.rows(destination, "SELECT count(*) FROM big_orders").first?.first == .integer(0))
        let objects = try SQLiteFixture.rows(destination, "SELECT type || ':' || name FROM sqlite_master ORDER BY 1").compactMap(\.first)
        #expect(objects.contains(.text("index:orders_customer")))
        #expect(objects.contains(.text("view:big_orders")))
        let accounts = try SQLiteFixture.rows(destination, "SELECT sql FROM sqlite_master WHERE name = 'accounts'").first?.first?.displayText ?? ""
        #expect(accounts.contains("WITHOUT ROWID"))
        let copied = try SQLiteFixture.rows(destination, "SELECT group_concat(email) FROM newsletter")
        let original = try SQLiteFixture.rows(source, "SELECT group_concat(email) FROM newsletter")
        #expect(copied == original)
    }
}

@Suite("Declared foreign keys on SQLite")
struct DeclaredKeyPipelineTests {
    @Test("a declared key is verified in the copy: an orphan fails the run (exit 4) and leaves no destination")
    func orphans() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("s.db"), destination = folder.file("d.db")
        try SQLiteFixture.create(source, "CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (id INTEGER PRIMARY KEY, p_ref INTEGER); INSERT INTO p VALUES (1), (2); INSERT INTO c VALUES (1, 1), (2, 2), (3, 2);")
        let keys = "foreign_keys:\n  - from: c(p_ref)\n    to: p(id)\n"
        let yaml = workspaceYAML(source: source, destination: destination, tables: "  p:\n    columns:\n      id: fpe.integer") + "\n" + keys
        let report = try await runWorkspace(yaml)
        #expect(report.tables.first { $0.name == "c" }?.columns.first?.inheritedFrom == "p.id")
        #expect(try SQLiteFixture.rows(destination, "SELECT count(*) FROM c JOIN p ON p.id = c.p_ref").first?.first == .integer(3))
        try FileManager.default.removeItem(atPath: destination)
        let connection = try SQLiteConnection(path: source, readOnly: false)
        try connection.execute("INSERT INTO c VALUES (4, 99)")
        await #expect { try await runWorkspace(yaml) } throws: { ($0 as? PipelineError)?.message.contains("c: 1 rows reference missing rows of p") == true }
        #expect(!FileManager.default.fileExists(atPath: destination))
    }
}

@Suite("Evaluation")
struct EvaluationTests {
    @Test("a passthrough copy scores 1 and is all exact copies; a de-identified one keeps its shapes, breaks no key and copies no row")
    func evaluate() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("s.db"), destination = folder.file("d.db")
        var inserts = ""
        for i in 1...200 { inserts += "INSERT INTO people VALUES (\(i), 'p\(i)@mail.com', '\(["gold", "silver", "bronze"][i % 3])', \(i * 3 % 97), '2024-01-\(String(format: "%02d", 1 + i % 28))', '\(["Paris", "Lyon", "Nice", "Lille"][i % 4])');" }
        for i in 1...300 { inserts += "INSERT INTO visits VALUES (\(i), \(1 + i % 200), \(i % 7));" }
        try SQLiteFixture.create(source, """
            CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT, tier TEXT, score INTEGER, joined DATE, city TEXT);
            CREATE TABLE visits (id INTEGER PRIMARY KEY, person_id INTEGER REFERENCES people(id), pages INTEGER);
            \(inserts)
            """)
        let plain = workspaceYAML(source: source, destination: destination, tables: "  people: { mode: passthrough }\n  visits: { mode: passthrough }")
        try await runWorkspace(plain)
        let same = try await Evaluation.evaluate(try WorkspaceLoader.parse(plain))
        #expect(same.overall == 1 && same.validity == 1)
        #expect(same.tables.allSatisfy { $0.exactCopyShare == 1 })
        // By chance: a visit's one scored column (pages, 7 values) always equals some source row; a
        // person's unique email with four other columns almost never.
        #expect(same.tables.first { $0.name == "visits" }?.exactCopiesByChance == 1)
        #expect(try #require(same.tables.first { $0.name == "people" }?.exactCopiesByChance) < 0.01)
        #expect(same.leaks == ["people.email": 200], "a passthrough copy leaks every email")
        let people = try #require(same.tables.first { $0.name == "people" })
        #expect(people.sdtypes == ["id": .id, "email": .other, "tier": .categorical, "score": .numerical, "joined": .datetime, "city": .categorical])
        // k-anonymity over the quasi-identifiers the scanner marks: 4 cities, 50 people each.
        #expect(people.quasiIdentifiers == ["city"] && people.kAnonymity == 50)
        let masked = workspaceYAML(source: source, destination: destination, tables: """
              people:
                columns:
                  id: fpe.integer
                  email: email
                  joined: { generator: date.shift, days: 3 }
            """)
        try await runWorkspace(masked)
        let evaluation = try await Evaluation.evaluate(try WorkspaceLoader.parse(masked))
        #expect(evaluation.validity == 1, "keys unique, foreign keys valid")
        let maskedPeople = try #require(evaluation.tables.first { $0.name == "people" })
        #expect(maskedPeople.exactCopies == 0, "every row differs from the source on a column that is not a key")
        #expect(evaluation.leakedValues == 0, "\(evaluation.leaks)")
        // The page: scores and each scored column's distributions, source and copy side by side.
        let page = evaluation.html(title: "shop")
        #expect(page.contains("<h2>people</h2>") && page.contains("aria-label=\"score: source in blue, copy in orange\"") && !page.contains("<script"))
        #expect(!page.contains("p1@mail.com"), "no source value on the page")
        #expect(try #require(maskedPeople.quality.columnShapes) > 0.8 && maskedPeople.quality.columnShapes! < 1)
    }

    @Test("source names, emails and phone numbers inside the copy's free text are leaks, counted per column; text.redact leaves none")
    func leaksInText() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("s.db"), destination = folder.file("d.db")
        let first = ["Maria", "James", "Aisha", "Kenji", "Olga", "Pedro", "Fatima", "Liam", "Chloe", "Rahul"]
        let last = ["Fernandes", "Whitaker", "Okafor", "Tanaka", "Ivanova", "Alvarez", "Haddad", "Murphy", "Dubois", "Mehta"]
        var inserts = ""
        for i in 0..<60 {
            let (f, l) = (first[i % 10], last[(i / 10 + i) % 10])
            inserts += "INSERT INTO customers VALUES (\(i + 1), '\(f)', '\(l)', '\(f.lowercased()).\(l.lowercased())\(i)@example.org', '555-01\(String(format: "%02d", i))-\(4000 + i)');"
            let body = ["Customer \(f) \(l) called about a late parcel.", "Reply sent to \(f.lowercased()).\(l.lowercased())\(i)@example.org, no answer.",
                        "Asked to call back on (555) 01\(String(format: "%02d", i)) \(4000 + i).", "Refund approved by the team lead."][i % 4]
            inserts += "INSERT INTO tickets VALUES (\(i + 1), \(i + 1), '\(body)');"
        }
        try SQLiteFixture.create(source, """
            CREATE TABLE customers (id INTEGER PRIMARY KEY, first_name TEXT, last_name TEXT, email TEXT, phone TEXT);
            CREATE TABLE tickets (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers(id), body TEXT);
            \(inserts)
            """)
        let customers = """
              customers:
                columns:
                  first_name: person.first-name
                  last_name: person.last-name
                  email: email
                  phone: phone
            """
        let passedThrough = workspaceYAML(source: source, destination: destination, tables: customers + "\n  tickets: { mode: passthrough }")
        try await runWorkspace(passedThrough)
        let leaky = try await Evaluation.evaluate(try WorkspaceLoader.parse(passedThrough))
        #expect(leaky.leakedValues == 0, "no source value as a cell: \(leaky.leaks)")
        // 15 tickets name their customer, 15 quote the email, 15 the phone number in another format.
        #expect(leaky.leaksInText == ["tickets.body": 45])
        #expect(leaky.html(title: "shop").contains("45 source value(s) inside free text"))
        let redacted = workspaceYAML(source: source, destination: destination, tables: customers + """

              tickets:
                columns:
                  body: text.redact
            """)
        try await runWorkspace(redacted)
        let clean = try await Evaluation.evaluate(try WorkspaceLoader.parse(redacted))
        #expect(clean.leaksInText == [:])
    }

    @Test("a leaked value names the copy's columns that hold it, and a cell equal to one is a cell's leak, not also one in text (Northwind's supplier phone (503) 555-9931, a shipper's too, counted twice under the shipper's column, which was never personal)")
    func leakLocations() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("s.db"), destination = folder.file("d.db")
        var inserts = ""
        let contacts = ["Maria Fernandes", "James Whitaker", "Aisha Okafor", "Kenji Tanaka", "Olga Ivanova", "Pedro Alvarez"]
        for (i, name) in contacts.enumerated() {
            inserts += "INSERT INTO suppliers VALUES (\(i + 1), '\(name)', '(503) 555-99\(10 + i)');"
        }
        inserts += "INSERT INTO shippers VALUES (1, 'Speedy Express', '(503) 555-9831'), (2, 'United Package', '(503) 555-9912'), (3, 'Federal Shipping', '(503) 555-9931');"
        try SQLiteFixture.create(source, """
            CREATE TABLE suppliers (id INTEGER PRIMARY KEY, contact_name TEXT, phone TEXT);
            CREATE TABLE shippers (id INTEGER PRIMARY KEY, company_name TEXT, phone TEXT);
            \(inserts)
            """)
        let yaml = workspaceYAML(source: source, destination: destination, tables: """
              suppliers:
                columns:
                  contact_name: person.full-name
                  phone: phone
              shippers: { mode: passthrough }
            """)
        try await runWorkspace(yaml)
        let evaluation = try await Evaluation.evaluate(try WorkspaceLoader.parse(yaml))
        #expect(evaluation.leaks == ["suppliers.phone": 1], "\(evaluation.leaks)")
        #expect(evaluation.leakLocations == ["suppliers.phone": ["shippers.phone"]], "\(evaluation.leakLocations)")
        #expect(evaluation.leaksInText == [:], "the shipper's phone is a cell's leak, not also one in text: \(evaluation.leaksInText)")
        #expect(evaluation.html(title: "shop").contains("suppliers.phone: 1 (as a cell of shippers.phone)"))
    }

    @Test("tables larger than the sample: keys and foreign keys are checked over every row, not the sample (a reference to a parent row left out of the sample is no orphan; a duplicate beyond it is found)")
    func validityBeyondTheSample() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("s.db"), destination = folder.file("d.db")
        let parents = Evaluation.sampleLimit + Evaluation.sampleLimit / 2
        try SQLiteFixture.create(source, """
            CREATE TABLE parent (id INTEGER PRIMARY KEY, size INTEGER);
            CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parent(id));
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(parents)) INSERT INTO parent SELECT i, i % 10 FROM n;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000) INSERT INTO child SELECT i, 2 * i FROM n;
            """)
        let plain = workspaceYAML(source: source, destination: destination, tables: "  parent: { mode: passthrough }\n  child: { mode: passthrough }")
        try await runWorkspace(plain)
        let evaluation = try await Evaluation.evaluate(try WorkspaceLoader.parse(plain))
        #expect(evaluation.tables.first { $0.name == "parent" }?.sampled == true)
        #expect(evaluation.tables.map(\.orphans) == [0, 0], "every child references a row of the copy")
        #expect(evaluation.validity == 1)
        // A child that references a missing parent, and a parent key written twice where the sample skips it.
        try SQLiteFixture.create(destination, "PRAGMA foreign_keys = OFF; INSERT INTO child VALUES (5000, \(parents + 7)); CREATE TABLE p2 AS SELECT * FROM parent; DROP TABLE parent; CREATE TABLE parent (id INTEGER, size INTEGER); INSERT INTO parent SELECT * FROM p2; DROP TABLE p2; INSERT INTO parent VALUES (4, 0);")
        let broken = try await Evaluation.evaluate(try WorkspaceLoader.parse(plain))
        #expect(broken.tables.first { $0.name == "child" }?.orphans == 1)
        #expect(broken.tables.first { $0.name == "parent" }?.duplicateKeys == 1)
    }

    @Test("the sample of a large table is not every n-th row: a value that repeats with the row's place is sampled as often as it occurs")
    func sampleIsNotPeriodic() async throws {
        let folder = TemporaryFolder()
        let source = folder.file("s.db"), destination = folder.file("d.db")
        let rows = Evaluation.sampleLimit * 2  // every second row: one kind
        // `kind` alternates with the row's place; the copy holds the same rows in another order. Every
        // second row of the source is all `a`, of the copy a mix: a false 50% on a perfect copy.
        try SQLiteFixture.create(source, """
            CREATE TABLE t (id INTEGER PRIMARY KEY, kind TEXT);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(rows)) INSERT INTO t SELECT i, CASE i % 2 WHEN 1 THEN 'a' ELSE 'b' END FROM n;
            """)
        try SQLiteFixture.create(destination, """
            CREATE TABLE t (id INTEGER PRIMARY KEY, kind TEXT);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(rows)) INSERT INTO t SELECT i, CASE WHEN i <= \(rows / 2) THEN 'a' ELSE 'b' END FROM n;
            """)
        let evaluation = try await Evaluation.evaluate(try WorkspaceLoader.parse(workspaceYAML(source: source, destination: destination, tables: "  t: { mode: passthrough }")))
        let shapes = try #require(evaluation.tables.first?.quality.columnShapes)
        #expect(shapes > 0.98, "the same 50/50 split on both sides: \(shapes)")
    }
}

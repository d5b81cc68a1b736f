import Foundation
import Testing

/// Runs the built `understudy` executable as a user would.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The executable next to the test bundle (same build folder and configuration).
    static let executable: URL = {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("understudy")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug/understudy")
    }()

    /// Runs the sqlite3 shell on `path` and returns what it printed.
    @discardableResult
    static func sqlite3(_ path: String, _ sql: String) throws -> String {
        try output(of: "/usr/bin/sqlite3", [path, sql])
    }

    /// The words a POSIX shell makes of a command line (`sh` judges, not a parser of this project's).
    static func shellWords(_ line: String) throws -> [String] {
        try output(of: "/bin/sh", ["-c", #"eval "set -- $1"; for w in "$@"; do printf '%s\n' "$w"; done"#, "sh", line])
            .split(separator: "\n").map(String.init)
    }

    /// What a program printed on its standard output.
    static func output(of executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static func run(_ arguments: [String], environment: [String: String] = [:], in folder: String? = nil, input: String? = nil) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let stdin = Pipe()
        if input != nil { process.standardInput = stdin }
        var env = ProcessInfo.processInfo.environment
        env.removeValue(forKey: "UNDERSTUDY_SECRET")
        env.merge(environment) { $1 }
        process.environment = env
        if let folder { process.currentDirectoryURL = URL(fileURLWithPath: folder) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        if let input {
            // (Written from another thread: a text larger than the pipe's buffer would wait for a reader.)
            let handle = stdin.fileHandleForWriting
            Thread.detachNewThread {
                handle.write(Data(input.utf8))
                try? handle.close()
            }
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }
}

final class Folder {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("understudy-cli-\(UUID().uuidString)").path
    init() { try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { path + "/" + name }
    func write(_ name: String, _ text: String) throws { try text.write(toFile: file(name), atomically: true, encoding: .utf8) }
}

let chinook = CLI.root.deletingLastPathComponent().appendingPathComponent("shared/datasets/chinook.sqlite").path
let secret = ["UNDERSTUDY_SECRET": "cli-tests-secret-0123456789abcdef"]

@Suite("Command line", .serialized)
struct CLITests {
    @Test("the executable is built")
    func built() {
        #expect(FileManager.default.isExecutableFile(atPath: CLI.executable.path), "build it with `swift build` (scripts/test does)")
    }

    @Test("help exits 0; an unknown subcommand or missing option exits 2")
    func usage() throws {
        #expect(try CLI.run(["--help"]).status == 0)
        let unknown = try CLI.run(["frobnicate"])
        #expect(unknown.status == 2)
        let missing = try CLI.run(["init", "--destination", "sqlite:///tmp/x.db"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("--source"))
        let scheme = try CLI.run(["init", "--source", "mysql://db/prod", "--destination", "sqlite:///tmp/x.db"])
        #expect(scheme.status == 2)
        #expect(scheme.stderr.contains("unsupported database \"mysql\""))
    }

    @Test("init then run on Chinook succeeds; the run prints a summary and writes a report")
    func initAndRun() throws {
        let folder = Folder()
        let initResult = try CLI.run(["init", "--source", "sqlite://" + chinook, "--destination", "sqlite:dev.db", "--out", "chinook.yml"], in: folder.path)
        #expect(initResult.status == 0, "\(initResult.stderr)")
        let again = try CLI.run(["init", "--source", "sqlite://" + chinook, "--destination", "sqlite:dev.db", "--out", "chinook.yml"], in: folder.path)
        #expect(again.status == 2 && again.stderr.contains("--force"), "init never overwrites a workspace silently")
        let run = try CLI.run(["run", "chinook.yml", "--jobs", "2"], environment: secret, in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("no foreign-key violation"))
        #expect(FileManager.default.fileExists(atPath: folder.file("dev.db")))
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder.file("chinook.report.json")))) as? [String: Any]
        #expect(report?["outcome"] as? String == "succeeded")
        let json = try CLI.run(["run", "chinook.yml", "--json"], environment: secret, in: folder.path)
        #expect(json.status == 0)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((parsed?["tables"] as? [Any])?.count == 11)
    }

    @Test("init with --out in another folder and relative SQLite paths writes a workspace that run loads: each path is read from the folder it was typed in and written relative to the workspace's (`init sqlite://chinook.db --out sub/w.yml` wrote `sqlite://chinook.db`, which run looked for in sub/)")
    func initElsewhereKeepsRelativePaths() throws {
        let folder = Folder()
        try FileManager.default.createDirectory(atPath: folder.file("sub"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: chinook, toPath: folder.file("chinook.db"))
        let made = try CLI.run(["init", "sqlite://chinook.db", "--destination", "sqlite:dev.db", "--out", "sub/w.yml"], in: folder.path)
        #expect(made.status == 0, "\(made.stderr)")
        let text = try String(contentsOfFile: folder.file("sub/w.yml"), encoding: .utf8)
        #expect(text.contains(#"source: "sqlite://../chinook.db""#) && text.contains(#"destination: "sqlite://../dev.db""#), "\(text.prefix(900))")
        let run = try CLI.run(["run", "sub/w.yml"], environment: secret, in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.file("dev.db")), "the destination where it was typed")
        // From inside the workspace's folder, and with absolute paths, the paths stay as typed.
        let inside = try CLI.run(["init", "sqlite://../chinook.db", "--destination", "sqlite:///tmp/understudy-abs-dev.db", "--out", "w2.yml"], in: folder.file("sub"))
        #expect(inside.status == 0, "\(inside.stderr)")
        let text2 = try String(contentsOfFile: folder.file("sub/w2.yml"), encoding: .utf8)
        #expect(text2.contains(#"source: "sqlite://../chinook.db""#) && text2.contains(#"destination: "sqlite:///tmp/understudy-abs-dev.db""#), "\(text2.prefix(900))")
    }

    @Test("the commands init and schema print to run next are ones a shell runs as printed: a workspace path or a table with a space or a quote is quoted (`understudy run my dir/w.yml` ran `understudy run my`)")
    func printedCommandsAreQuoted() throws {
        let folder = Folder()
        try FileManager.default.createDirectory(atPath: folder.file("my dir"), withIntermediateDirectories: true)
        let made = try CLI.run(["init", "--source", "sqlite://" + chinook, "--destination", "sqlite:dev.db", "--out", "my dir/it's.yml"], in: folder.path)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains(#"`understudy run 'my dir/it'\''s.yml'`"#), "\(made.stdout)")
        #expect(made.stdout.contains(#"`understudy preview 'my dir/it'\''s.yml' --table NAME`"#), "\(made.stdout)")
        // As a shell reads it: the words it runs.
        let words = try CLI.shellWords("understudy run 'my dir/it'\\''s.yml'")
        #expect(words == ["understudy", "run", "my dir/it's.yml"], "\(words)")
        let plain = try CLI.run(["init", "--source", "sqlite://" + chinook, "--destination", "sqlite:dev.db", "--out", "plain.yml"], in: folder.path)
        #expect(plain.stdout.contains("`understudy run plain.yml`"), "\(plain.stdout)")
    }

    @Test("redact reads a text, lines or JSON lines and writes them redacted, one record per record: with --jsonl each output line is a JSON string (a text holding a line break came out as two lines, and every later text was paired with the wrong input); bad input is a usage error naming the line")
    func redactRecords() throws {
        let whole = try CLI.run(["redact"], input: "Call John Smith\nat 555-123-4567.")
        #expect(whole.status == 0 && whole.stdout == "Call [PERSON]\nat [PHONE_NUMBER].", "\(whole)")
        let lines = try CLI.run(["redact", "--lines", "--mode", "mask"], input: "John Smith\nno one\n")
        #expect(lines.stdout == "**********\nno one\n", "\(lines.stdout)")
        let records = try CLI.run(["redact", "--jsonl"], input: #""Dear John Smith,\nthanks."\#n{"text": "Mail ann@example.com"}\#n"nothing here"\#n"#)
        #expect(records.status == 0, "\(records.stderr)")
        let out = records.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(out.count == 4 && out[3].isEmpty, "\(records.stdout)")
        let decoded = out.prefix(3).map { try? JSONSerialization.jsonObject(with: Data($0.utf8), options: [.fragmentsAllowed]) as? String }
        #expect(decoded == ["Dear [PERSON],\nthanks.", "Mail [EMAIL_ADDRESS]", "nothing here"], "\(records.stdout)")
        let spans = try CLI.run(["redact", "--jsonl", "--json"], input: #""Zoë Smith called""# + "\n")
        #expect(spans.stdout.contains(#""kind":"PERSON","start":0,"end":9"#), "\(spans.stdout)")
        let bad = try CLI.run(["redact", "--jsonl"], input: "\"fine\"\nnot json\n")
        #expect(bad.status == 2 && bad.stderr.contains("line 2") && bad.stdout.isEmpty, "\(bad)")
        let kind = try CLI.run(["redact", "--entities", "PERSN"], input: "x")
        #expect(kind.status == 2 && kind.stderr.contains("did you mean \"PERSON\""), "\(kind.stderr)")
    }

    @Test("redact --mode fake writes a fake of the same kind, keyed by the secret: the same on every call, another under another secret, and the very text a run's text.redact writes in the column named by --domain; without a secret it stops and says how to set one (it offered tag and mask only)")
    func redactFakes() throws {
        let folder = Folder()
        let text = "Call John Smith at 555-123-4567 or john.smith@gmail.com."
        let secret = ["UNDERSTUDY_SECRET": "cli-tests-secret-0123456789abcdef"]
        let missing = try CLI.run(["redact", "--mode", "fake"], input: text)
        #expect(missing.status != 0 && missing.stdout.isEmpty && missing.stderr.contains("UNDERSTUDY_SECRET"), "\(missing)")
        let fake = try CLI.run(["redact", "--mode", "fake", "--domain", "notes.body"], environment: secret, input: text)
        #expect(fake.status == 0, "\(fake.stderr)")
        for original in ["John", "Smith", "555-123-4567", "gmail"] { #expect(!fake.stdout.contains(original), "\(fake.stdout)") }
        #expect(fake.stdout.hasPrefix("Call ") && fake.stdout.contains("@") && fake.stdout.range(of: #"\d{3}-\d{3}-\d{4}"#, options: .regularExpression) != nil, "\(fake.stdout)")
        #expect(try CLI.run(["redact", "--mode", "fake", "--domain", "notes.body"], environment: secret, input: text).stdout == fake.stdout)
        #expect(try CLI.run(["redact", "--mode", "fake", "--domain", "notes.body"], environment: ["UNDERSTUDY_SECRET": "another-secret-0123456789abcdef"], input: text).stdout != fake.stdout)
        #expect(try CLI.run(["redact", "--mode", "fake", "--secret", "file:key.txt", "--domain", "notes.body"], in: folder.path, input: text).stderr.contains("key.txt"))
        // The same text as a run writes in notes.body under that secret.
        _ = try CLI.sqlite3(folder.file("s.db"), "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes VALUES (1, '\(text)');")
        try folder.write("w.yml", "version: 1\nsource: sqlite:s.db\ndestination: sqlite:d.db\nsecret: env:UNDERSTUDY_SECRET\ntables:\n  notes:\n    columns:\n      body: text.redact\n")
        let run = try CLI.run(["run", "w.yml", "--quiet"], environment: secret, in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try CLI.sqlite3(folder.file("d.db"), "SELECT body FROM notes") == fake.stdout + "\n")
        // --days bounds a date's move, as text.redact's days: (a date was a tag in fake mode).
        let dated = try CLI.run(["redact", "--mode", "fake", "--days", "1"], environment: secret, input: "Seen on 2024-03-10.")
        #expect(["Seen on 2024-03-09.", "Seen on 2024-03-11."].contains(dated.stdout.trimmingCharacters(in: .newlines)), "\(dated)")
        let none = try CLI.run(["redact", "--mode", "fake", "--days", "0"], environment: secret, input: "x")
        #expect(none.status == 2 && none.stderr.contains("--days"), "\(none)")
    }

    @Test("a column that holds its row's person's full name in some values (a firm named after its owner, `Antonio Moreno Taquería`; an order's ship name that repeats it) gets text.redact linked to the name, from init (Northwind's company_name and ship_name were copied as they were: evaluate found the contacts' names in them); a firm's name that holds no person's is left")
    func namesInsideOtherColumns() throws {
        let folder = Folder()
        let source = folder.file("shop.db")
        _ = try CLI.sqlite3(source, """
            CREATE TABLE customers (customer_id INTEGER PRIMARY KEY, company_name TEXT, contact_name TEXT, country TEXT);
            INSERT INTO customers VALUES (1, 'Antonio Moreno Taquería', 'Antonio Moreno', 'Mexico'), (2, 'Ana Trujillo Emparedados y helados', 'Ana Trujillo', 'Mexico');
            WITH RECURSIVE n(i) AS (SELECT 3 UNION ALL SELECT i + 1 FROM n WHERE i < 60)
            INSERT INTO customers SELECT i, 'Trading House ' || i, (SELECT v FROM (SELECT 'Maria Anders' v UNION ALL SELECT 'Thomas Hardy' UNION ALL SELECT 'Hanna Moos' UNION ALL SELECT 'Laurence Lebihan') ORDER BY random() LIMIT 1), 'Germany' FROM n;
            CREATE TABLE orders (order_id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers, ship_name TEXT);
            INSERT INTO orders SELECT customer_id * 10, customer_id, company_name FROM customers;
            CREATE TABLE products (product_id INTEGER PRIMARY KEY, product_name TEXT);
            INSERT INTO products VALUES (1, 'Chai'), (2, 'Chang'), (3, 'Aniseed Syrup');
            """)
        let initResult = try CLI.run(["init", "--source", "sqlite:shop.db", "--destination", "sqlite:copy.db", "--out", "shop.yml"], in: folder.path)
        #expect(initResult.status == 0, "\(initResult.stderr)")
        let workspace = try String(contentsOfFile: folder.file("shop.yml"), encoding: .utf8)
        let line = { (name: String) in workspace.split(separator: "\n").first { $0.contains("\(name):") && $0.contains("generator") }.map(String.init) ?? "" }
        #expect(line("company_name").contains("text.redact") && line("company_name").contains("link_to: [contact_name"), "\(line("company_name"))")
        #expect(line("ship_name").contains("text.redact"), "\(line("ship_name"))")
        #expect(line("product_name").contains("passthrough"), "\(line("product_name"))")
        // The evidence counts the values, never shows them.
        #expect(line("company_name").contains("2 of 60") && !line("company_name").contains("Moreno"), "\(line("company_name"))")
        let run = try CLI.run(["run", "shop.yml", "--quiet"], environment: ["UNDERSTUDY_SECRET": "test-secret-0123456789abcdef"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        let copied = try CLI.sqlite3(folder.file("copy.db"), "SELECT company_name, contact_name FROM customers WHERE customer_id = 1")
        #expect(!copied.contains("Moreno") && copied.contains("Taquería"), "\(copied)")
        // The firm's name carries the contact's own fake.
        let parts = copied.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|")
        #expect(parts.count == 2 && parts[0].hasPrefix(parts[1]), "\(copied)")
        let ship = try CLI.sqlite3(folder.file("copy.db"), "SELECT ship_name FROM orders WHERE customer_id IN (1, 2)")
        #expect(!ship.contains("Moreno") && !ship.contains("Trujillo"), "\(ship)")
        let names = try CLI.sqlite3(folder.file("copy.db"), "SELECT count(*) FROM customers WHERE company_name LIKE 'Trading House %'")
        #expect(names.trimmingCharacters(in: .whitespacesAndNewlines) == "58", "\(names)")
    }

    @Test("a column whose values hold their own row's surname or first name, in any case (a photo's path `http://accweb/employees/davolio.bmp` beside Davolio: Northwind's photo_path was copied as it was), gets text.redact linked to the names from init, and the copy holds none of them; a column that shares a name with a row now and then is left")
    func ownNamesInsideOtherColumns() throws {
        let folder = Folder()
        let source = folder.file("staff.db")
        let people = [("Nancy", "Davolio"), ("Andrew", "Fuller"), ("Janet", "Leverling"), ("Margaret", "Peacock"), ("Steven", "Buchanan"),
                      ("Michael", "Suyama"), ("Robert", "King"), ("Laura", "Callahan"), ("Anne", "Dodsworth"), ("Ines", "Okonkwo"),
                      ("Tariq", "Haddad"), ("Mei", "Lindqvist")]
        let rows = people.enumerated().map { i, p in
            "(\(i + 1), '\(p.0)', '\(p.1)', 'http://accweb/employees/\(p.1.lowercased()).bmp', 'Sales \(i % 2 == 0 ? "Manager" : "Representative")', '\(i == 6 ? "King St" : "Main St")')"
        }
        _ = try CLI.sqlite3(source, """
            CREATE TABLE employees (employee_id INTEGER PRIMARY KEY, first_name TEXT, last_name TEXT, photo_path TEXT, title TEXT, street_name TEXT);
            INSERT INTO employees VALUES \(rows.joined(separator: ", "));
            """)
        let initResult = try CLI.run(["init", "--source", "sqlite:staff.db", "--destination", "sqlite:copy.db", "--out", "staff.yml"], in: folder.path)
        #expect(initResult.status == 0, "\(initResult.stderr)")
        let workspace = try String(contentsOfFile: folder.file("staff.yml"), encoding: .utf8)
        let line = { (name: String) in workspace.split(separator: "\n").first { $0.contains("\(name):") && $0.contains("generator") }.map(String.init) ?? "" }
        #expect(line("photo_path").contains("text.redact") && line("photo_path").contains("link_to: [first_name, last_name"), "\(line("photo_path"))")
        #expect(line("photo_path").contains("12 of 12") && !line("photo_path").contains("davolio"), "\(line("photo_path"))")
        #expect(line("title").contains("passthrough"), "\(line("title"))")
        #expect(!line("street_name").contains("text.redact"), "\(line("street_name"))")
        let run = try CLI.run(["run", "staff.yml", "--quiet"], environment: ["UNDERSTUDY_SECRET": "test-secret-0123456789abcdef"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        let copied = try CLI.sqlite3(folder.file("copy.db"), "SELECT photo_path FROM employees").lowercased()
        for (_, last) in people { #expect(!copied.contains(last.lowercased()), "\(copied)") }
    }

    @Test("init's workspace runs whatever format the sampled values have: a generator suggested by a column's name that cannot read its values (number.noise on `40.71234,-74.00123`, a MAC address generator on `10.0.1.5:8080`) is replaced by one that can, the finding saying why (the run stopped at row 1)")
    func suggestionsReadTheirValues() throws {
        let folder = Folder()
        let source = folder.file("odd.db")
        _ = try CLI.sqlite3(source, """
            CREATE TABLE visits (id INTEGER PRIMARY KEY, geo TEXT, ip_address TEXT, latitude REAL);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120)
            INSERT INTO visits SELECT i, printf('%.5f,%.5f', 40 + i / 100.0, -74 - i / 100.0), printf('10.%d.%d.%d:8080', i % 200, (i * 7) % 200 + 10, (i * 13) % 200 + 10), 40 + i / 100.0 FROM n;
            """)
        let initResult = try CLI.run(["init", "--source", "sqlite:odd.db", "--destination", "sqlite:copy.db", "--out", "odd.yml"], in: folder.path)
        #expect(initResult.status == 0, "\(initResult.stderr)")
        let workspace = try String(contentsOfFile: folder.file("odd.yml"), encoding: .utf8)
        #expect(workspace.contains("latitude:") && workspace.range(of: #"latitude: +\{ generator: number.noise"#, options: .regularExpression) != nil, "\(workspace)")
        #expect(workspace.range(of: #"geo: +\{ generator: number.noise"#, options: .regularExpression) == nil, "\(workspace)")
        // The workspace says why, where the reviewer reads it (it said only `a latitude or longitude`).
        let geo = workspace.split(separator: "\n").first { $0.contains("geo:") }.map(String.init) ?? ""
        #expect(geo.contains("number.noise cannot read") && geo.contains("reads them"), "\(geo)")
        let scan = try CLI.run(["scan", "--source", "sqlite:odd.db", "--json"], in: folder.path)
        #expect(scan.stdout.contains("cannot read"), "\(scan.stdout)")
        let run = try CLI.run(["run", "odd.yml", "--quiet"], environment: ["UNDERSTUDY_SECRET": "test-secret-0123456789abcdef"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        let copied = try CLI.sqlite3(folder.file("copy.db"), "SELECT geo, ip_address FROM visits ORDER BY id LIMIT 50").split(separator: "\n")
        let original = try CLI.sqlite3(source, "SELECT geo, ip_address FROM visits ORDER BY id LIMIT 50").split(separator: "\n")
        #expect(copied.count == 50 && zip(copied, original).allSatisfy { $0 != $1 })
    }

    @Test("init on a column whose suggested generator reads all but a few sampled values (birth dates with `unknown` among them) keeps the generator with on_invalid: null where the column may be NULL, saying so (it fell back to fpe.alphanumeric, and the copy's dates were no dates); a NOT NULL column falls back as before; the run copies, counting the values written NULL")
    func fewUnreadableValues() throws {
        let folder = Folder()
        let source = folder.file("people.db")
        _ = try CLI.sqlite3(source, """
            CREATE TABLE people (id INTEGER PRIMARY KEY, date_of_birth TEXT, dob TEXT NOT NULL);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
            INSERT INTO people SELECT i, CASE WHEN i % 150 = 0 THEN 'unknown' ELSE printf('19%02d-%02d-%02d', 40 + i % 50, 1 + i % 12, 1 + i % 28) END,
              CASE WHEN i % 150 = 0 THEN 'n/a' ELSE printf('19%02d-%02d-%02d', 40 + i % 50, 1 + i % 12, 1 + i % 28) END FROM n;
            """)
        let initResult = try CLI.run(["init", "--source", "sqlite:people.db", "--destination", "sqlite:copy.db", "--out", "people.yml"], in: folder.path)
        #expect(initResult.status == 0, "\(initResult.stderr)")
        let workspace = try String(contentsOfFile: folder.file("people.yml"), encoding: .utf8)
        #expect(workspace.range(of: #"date_of_birth: +\{ generator: date\.birth, on_invalid: null \}.*on_invalid"#, options: .regularExpression) != nil, "\(workspace)")
        let dob = workspace.split(separator: "\n").first { $0.hasPrefix("      dob:") }.map(String.init) ?? ""
        #expect(dob.contains("generator: fpe.alphanumeric") && !dob.contains("on_invalid"), "\(workspace)")
        let run = try CLI.run(["run", "people.yml"], environment: ["UNDERSTUDY_SECRET": "test-secret-0123456789abcdef"], in: folder.path)
        #expect(run.status == 0 && run.stderr.contains("UND-W017") && run.stderr.contains("2 values date.birth could not read"), "\(run.stderr)")
        #expect(try CLI.sqlite3(folder.file("copy.db"), "SELECT count(*) FROM people WHERE date_of_birth IS NULL").trimmingCharacters(in: .whitespacesAndNewlines) == "2")
        #expect(try CLI.sqlite3(folder.file("copy.db"), "SELECT count(*) FROM people WHERE date_of_birth GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'").trimmingCharacters(in: .whitespacesAndNewlines) == "298")
    }

    @Test("blank text (empty, or spaces) holds no one's data: a generator that reads a shape leaves it as it was — iban, ip-address, credit-card, ssn, fpe.uuid, mac-address, date.shift stopped at the first '' — and init keeps their suggestion for a column with blanks among its values (it fell back to fpe.alphanumeric, which wrote IBANs and IP addresses that are none for every row)")
    func blankValues() throws {
        let folder = Folder()
        let source = folder.file("blank.db")
        _ = try CLI.sqlite3(source, """
            CREATE TABLE accounts (id INTEGER PRIMARY KEY, iban TEXT, ip_address TEXT, card TEXT, ssn TEXT, ref TEXT, mac TEXT, opened TEXT);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120)
            INSERT INTO accounts SELECT i,
              CASE WHEN i % 10 = 0 THEN '' WHEN i % 10 = 5 THEN '   ' ELSE 'DE89 3704 0044 0532 0130 00' END,
              CASE WHEN i % 10 = 0 THEN '' ELSE '192.168.' || (i % 250) || '.' || (i % 200) END,
              CASE WHEN i % 10 = 0 THEN '' ELSE '4111 1111 1111 1111' END,
              CASE WHEN i % 10 = 0 THEN '' ELSE '123-45-6789' END,
              CASE WHEN i % 10 = 0 THEN '' ELSE '550e8400-e29b-41d4-a716-446655440000' END,
              CASE WHEN i % 10 = 0 THEN '' ELSE '08:00:2b:01:02:03' END,
              CASE WHEN i % 10 = 0 THEN '' ELSE '2024-03-01' END FROM n;
            """)
        let initResult = try CLI.run(["init", "--source", "sqlite:blank.db", "--destination", "sqlite:copy.db", "--out", "blank.yml"], in: folder.path)
        #expect(initResult.status == 0, "\(initResult.stderr)")
        let workspace = try String(contentsOfFile: folder.file("blank.yml"), encoding: .utf8)
        let line = { (column: String) in workspace.split(separator: "\n").first { $0.hasPrefix("      \(column):") }.map(String.init) ?? "" }
        #expect(line("iban").contains("generator: iban") && line("ip_address").contains("generator: ip-address"), "\(workspace)")
        let tables = """
            tables:
              accounts:
                columns:
                  iban: iban
                  ip_address: ip-address
                  card: credit-card
                  ssn: ssn
                  ref: fpe.uuid
                  mac: mac-address
                  opened: { generator: date.shift, days: 30 }
            """
        try ("version: 1\nsource: \"sqlite:blank.db\"\ndestination: \"sqlite:copy.db\"\nsecret: env:UNDERSTUDY_SECRET\n" + tables + "\n").write(toFile: folder.file("shapes.yml"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["run", "shapes.yml"], environment: ["UNDERSTUDY_SECRET": "test-secret-0123456789abcdef"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        let copy = folder.file("copy.db")
        for column in ["iban", "ip_address", "card", "ssn", "ref", "mac", "opened"] {
            #expect(try CLI.sqlite3(copy, "SELECT count(*) FROM accounts WHERE \(column) = '' AND id % 10 = 0").trimmingCharacters(in: .whitespacesAndNewlines) == "12", "\(column)")
        }
        #expect(try CLI.sqlite3(copy, "SELECT count(*) FROM accounts WHERE iban = '   '").trimmingCharacters(in: .whitespacesAndNewlines) == "12")
        #expect(try CLI.sqlite3(copy, "SELECT count(*) FROM accounts WHERE iban = 'DE89 3704 0044 0532 0130 00' OR ip_address = '192.168.1.1'").trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }

    @Test("values written in digits of another script (Arabic-Indic, Persian, Devanagari, fullwidth) reach the generators that read a shape — credit-card, ssn, iban, phone, dates — as their digits, and come back in that script; init suggests those generators for them; decrypt reads them (each stopped the run: `the value has 0 digits`)")
    func digitsOfOtherScripts() throws {
        let folder = Folder()
        let arabic = { (ascii: String) in String(ascii.unicodeScalars.map { $0.properties.numericType == .decimal ? Character(Unicode.Scalar(0x660 + $0.value - 48)!) : Character($0) }) }
        // Luhn-valid cards: the check digit completes each.
        func card(_ i: Int) -> String {
            let body = "411111111111\(String(format: "%03d", 100 + i))"
            let sum = body.reversed().enumerated().reduce(0) { total, pair in
                let d = Int(String(pair.element))!
                return total + (pair.offset % 2 == 0 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d)
            }
            let digits = body + String((10 - sum % 10) % 10)
            return stride(from: 0, to: 16, by: 4).map { String(Array(digits)[$0..<$0 + 4]) }.joined(separator: " ")
        }
        let rows = (0..<60).map { i in
            "(\(i + 1), '\(arabic(card(i)))', '\(arabic("123-45-\(String(format: "%04d", 6000 + i))"))', '\(arabic("2024-03-\(String(format: "%02d", 1 + i % 28))"))', '\(i % 2 == 0 ? "۰۹۱۲ ۳۴۵ ۶۷۸۹" : "０９０-１２３４-５６７８")')"
        }
        _ = try CLI.sqlite3(folder.file("s.db"), "CREATE TABLE c (id INTEGER PRIMARY KEY, card TEXT, ssn TEXT, opened TEXT, phone TEXT); INSERT INTO c VALUES " + rows.joined(separator: ", ") + ";")
        try folder.write("understudy.yml", """
            version: 1
            source: sqlite:s.db
            destination: sqlite:d.db
            secret: env:UNDERSTUDY_SECRET
            tables:
              c:
                columns:
                  card: credit-card
                  ssn: ssn
                  opened: { generator: date.shift, days: 30 }
                  phone: phone

            """)
        let run = try CLI.run(["run", "--quiet"], environment: secret, in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        let copied = try CLI.sqlite3(folder.file("d.db"), "SELECT card || '|' || ssn || '|' || opened || '|' || phone FROM c ORDER BY id LIMIT 2").split(separator: "\n").map(String.init)
        let source = try CLI.sqlite3(folder.file("s.db"), "SELECT card || '|' || ssn || '|' || opened || '|' || phone FROM c ORDER BY id LIMIT 2").split(separator: "\n").map(String.init)
        #expect(copied.count == 2 && zip(copied, source).allSatisfy { copy, original in
            let a = copy.split(separator: "|"), b = original.split(separator: "|")
            // Every part replaced, in the script it was written in, with no ASCII digit.
            return a.count == 4 && zip(a, b).allSatisfy { $0 != $1 } && !copy.unicodeScalars.contains { (0x30...0x39).contains($0.value) }
        }, "\(copied)")
        // The card reverses to the source's.
        let card = String(copied.first?.split(separator: "|").first ?? "")
        let decrypted = try CLI.run(["decrypt", "--table", "c", "--column", "card", card], environment: secret, in: folder.path)
        #expect(decrypted.status == 0 && decrypted.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == String(source.first?.split(separator: "|").first ?? ""), "\(decrypted.stdout) \(decrypted.stderr)")
        // init suggests the generators of their shapes, not fpe.alphanumeric.
        let initResult = try CLI.run(["init", "--source", "sqlite:s.db", "--destination", "sqlite:copy.db", "--out", "scanned.yml"], in: folder.path)
        let workspace = try String(contentsOfFile: folder.file("scanned.yml"), encoding: .utf8)
        #expect(initResult.status == 0 && workspace.contains("card:   { generator: credit-card") && !workspace.contains("ssn:    { generator: passthrough"), "\(workspace)")
    }

    /// The customers of the CRM databases the `init` link tests build, a name to each row in turn.
    static let crmNames = [("Maria", "Fernandes"), ("James", "Whitaker"), ("Aisha", "Okafor"), ("Kenji", "Tanaka"), ("Olga", "Ivanova"), ("Pedro", "Alvarez")]

    @Test("init links free text to the person it is about: a note to its own row's first and last name, a ticket to its customer's through the foreign key; the run then gives the customer in the ticket the customer row's fakes")
    func initLinksText() throws {
        let folder = Folder()
        var rows = ""
        for i in 0..<60 {
            let (first, last) = Self.crmNames[i % Self.crmNames.count]
            rows += "INSERT INTO customers VALUES (\(i + 1), '\(first)', '\(last)', 'Called \(first) \(last) back about the order; \(first) was happy.');"
            rows += "INSERT INTO tickets VALUES (\(i + 1), \(i + 1), 'Customer \(first) \(last) says the parcel never arrived; refund sent to \(first).');"
        }
        _ = try CLI.sqlite3(folder.file("crm.db"), """
            CREATE TABLE customers (id INTEGER PRIMARY KEY, first_name TEXT NOT NULL, last_name TEXT NOT NULL, notes TEXT);
            CREATE TABLE tickets (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id), body TEXT);
            \(rows)
            """)
        let initResult = try CLI.run(["init", "--source", "sqlite:crm.db", "--destination", "sqlite:copy.db", "--out", "crm.yml"], in: folder.path)
        #expect(initResult.status == 0, "\(initResult.stderr)")
        let workspace = try String(contentsOfFile: folder.file("crm.yml"), encoding: .utf8)
        #expect(workspace.contains("notes:      { generator: text.redact, link_to: [first_name, last_name] }"), "\(workspace)")
        #expect(workspace.contains("body:        { generator: text.redact, link_to: [customers.first_name, customers.last_name] }"), "\(workspace)")
        let run = try CLI.run(["run", "crm.yml"], environment: ["UNDERSTUDY_SECRET": "test-secret-0123456789abcdef"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        let copied = try CLI.sqlite3(folder.file("copy.db"), "SELECT c.first_name || ' ' || c.last_name, t.body FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = 1")
        let parts = copied.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|", maxSplits: 1).map(String.init)
        #expect(parts.count == 2 && parts[1].hasPrefix("Customer \(parts[0]) says"), "\(copied)")
    }

    @Test("init links a ticket to its customer's email, phone and street too, where the customer has one of each: the customer's number in the ticket, grouped otherwise, and street get the customer row's fakes")
    func initLinksContacts() throws {
        let folder = Folder()
        var rows = ""
        for i in 0..<60 {
            let (first, last) = Self.crmNames[i % Self.crmNames.count]
            let phone = "555-01\(String(format: "%02d", i))-22\(String(format: "%02d", i))"
            let street = "\(100 + i) \(["Kaiser Plateau", "Oak Street", "Mill Road"][i % 3])"
            rows += "INSERT INTO customers VALUES (\(i + 1), '\(first)', '\(last)', '\(first.lowercased()).\(last.lowercased())\(i)@mail.example', '\(phone)', '\(street)');"
            rows += "INSERT INTO tickets VALUES (\(i + 1), \(i + 1), 'Talked w/ \(first) - \(phone.replacingOccurrences(of: "-", with: " ")) - happy with the replacement. Ship to \(street).');"
        }
        _ = try CLI.sqlite3(folder.file("crm.db"), """
            CREATE TABLE customers (id INTEGER PRIMARY KEY, first_name TEXT NOT NULL, last_name TEXT NOT NULL, email TEXT NOT NULL, phone TEXT, street TEXT);
            CREATE TABLE tickets (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers(id), body TEXT);
            \(rows)
            """)
        let initResult = try CLI.run(["init", "--source", "sqlite:crm.db", "--destination", "sqlite:copy.db", "--out", "crm.yml"], in: folder.path)
        #expect(initResult.status == 0, "\(initResult.stderr)")
        let workspace = try String(contentsOfFile: folder.file("crm.yml"), encoding: .utf8)
        #expect(workspace.contains("link_to: [customers.first_name, customers.last_name, customers.email, customers.phone, customers.street] }"), "\(workspace)")
        let run = try CLI.run(["run", "crm.yml"], environment: ["UNDERSTUDY_SECRET": "test-secret-0123456789abcdef"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        let copied = try CLI.sqlite3(folder.file("copy.db"), "SELECT c.first_name, c.phone, c.street, t.body FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = 2")
        let parts = copied.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "|", maxSplits: 3).map(String.init)
        #expect(parts.count == 4 && parts[3] == "Talked w/ \(parts[0]) - \(parts[1]) - happy with the replacement. Ship to \(parts[2]).", "\(copied)")
    }

    @Test("categorical.shuffle on a column of emails or names is named by the run and by check (UND-W001: every value is written, real, into another row; it went without a word), a gender's shuffle is not; categorical on such a column is refused before anything is written, and on names that rows share is named like the shuffle")
    func shufflesOfPersonalColumns() throws {
        let folder = Folder()
        let statements = (0..<60).map { "INSERT INTO people VALUES (\($0), 'p\($0)@example.org', 'Ana Lima \($0)', '\(["F", "M"][$0 % 2])');" }.joined()
        _ = try CLI.sqlite3(folder.file("s.db"), "CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT, full_name TEXT, gender TEXT);" + statements)
        func workspace(_ generator: String) -> String {
            "version: 1\nsource: sqlite:s.db\ndestination: sqlite:d.db\nsecret: env:UNDERSTUDY_SECRET\ntables:\n  people:\n    columns:\n"
                + "      email: \(generator)\n      full_name: \(generator)\n      gender: categorical.shuffle\n"
        }
        try workspace("categorical.shuffle").write(toFile: folder.file("w.yml"), atomically: true, encoding: .utf8)
        for command in ["run", "check"] {
            let result = try CLI.run([command, "w.yml"], environment: secret, in: folder.path)
            #expect(result.status == 0, "\(result.stderr)")
            // (check writes its findings on stdout, run on stderr.)
            let warnings = (result.stderr + result.stdout).split(separator: "\n").filter { $0.contains("UND-W001") && $0.contains("categorical.shuffle writes") }
            #expect(warnings.contains { $0.contains("email") } && warnings.contains { $0.contains("full_name") }, "\(command): \(result.stderr)")
            #expect(!warnings.contains { $0.contains("gender") }, "\(command): \(result.stderr)")
        }
        try workspace("categorical").write(toFile: folder.file("c.yml"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(atPath: folder.file("d.db"))
        let refused = try CLI.run(["run", "c.yml"], environment: secret, in: folder.path)
        #expect(refused.status != 0 && refused.stderr.contains("shared by two rows"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("d.db")))

        // `categorical` over names that rows share (four agents answer every ticket) is accepted and
        // writes each agent's real name: named like the shuffle.
        let tickets = (0..<60).map { "INSERT INTO tickets VALUES (\($0), '\(["Rosalind Achterberg", "Tobias Grunewald", "Henrietta Valdivia", "Cornelius Abernathy"][$0 % 4])', '\(["open", "closed"][$0 % 2])');" }.joined()
        _ = try CLI.sqlite3(folder.file("t.db"), "CREATE TABLE tickets (id INTEGER PRIMARY KEY, contact_name TEXT, status TEXT);" + tickets)
        try "version: 1\nsource: sqlite:t.db\ndestination: sqlite:u.db\nsecret: env:UNDERSTUDY_SECRET\ntables:\n  tickets:\n    columns:\n      contact_name: categorical\n      status: categorical\n"
            .write(toFile: folder.file("a.yml"), atomically: true, encoding: .utf8)
        for command in ["run", "check"] {
            let result = try CLI.run([command, "a.yml"], environment: secret, in: folder.path)
            #expect(result.status == 0, "\(result.stderr)")
            let warnings = (result.stderr + result.stdout).split(separator: "\n").filter { $0.contains("UND-W001") && $0.contains("categorical writes") }
            #expect(warnings.contains { $0.contains("contact_name") }, "\(command): \(result.stderr + result.stdout)")
            #expect(!warnings.contains { $0.contains("status") }, "\(command): \(result.stderr)")
        }
    }

    @Test("two runs of one workspace in two processes write the same copy, columns that are not consistent too (categorical.shuffle, number.noise, text.scramble, date.shift drew other values in every process: their row streams read four bytes of padding)")
    func runsAreReproducible() throws {
        let folder = Folder()
        var copies: [String] = []
        for name in ["a", "b"] {
            try """
                version: 1
                source: "sqlite://\(chinook)"
                destination: sqlite:\(name).db
                secret: env:UNDERSTUDY_SECRET
                tables:
                  Customer:
                    columns:
                      Country: { generator: categorical.shuffle }
                      City: { generator: categorical.shuffle, consistent: false }
                      Address: { generator: text.scramble, consistent: false }
                  Invoice:
                    columns:
                      Total: { generator: number.noise, consistent: false }
                      InvoiceDate: { generator: date.shift, consistent: false }

                """.write(toFile: folder.file(name + ".yml"), atomically: true, encoding: .utf8)
            let run = try CLI.run(["run", name + ".yml"], environment: secret, in: folder.path)
            #expect(run.status == 0, "\(run.stderr)")
            copies.append(try CLI.sqlite3(folder.file(name + ".db"), "SELECT Country, City, Address FROM Customer ORDER BY CustomerId; SELECT Total, InvoiceDate FROM Invoice ORDER BY InvoiceId;"))
        }
        #expect(copies[0].count > 10_000 && copies[0] == copies[1])
        #expect(!copies[0].contains("Av. Brigadeiro Faria Lima, 2170"), "the addresses were scrambled")
    }

    @Test("a run whose secret is not the one the previous run to the same destination used says so (UND-W016, in the report too): every consistent fake changes, so copies made with the old secret no longer join with this one (a rotated or mistyped secret went unnoticed); the same secret, or another destination, says nothing")
    func secretChanged() throws {
        let folder = Folder()
        _ = try CLI.sqlite3(folder.file("src.db"), "CREATE TABLE people (id INTEGER PRIMARY KEY, email TEXT); INSERT INTO people VALUES (1, 'ana@mail.example.org');")
        try "version: 1\nsource: sqlite:src.db\ndestination: sqlite:copy.db\nsecret: env:UNDERSTUDY_SECRET\ntables:\n  people:\n    columns:\n      email: email\n"
            .write(toFile: folder.file("w.yml"), atomically: true, encoding: .utf8)
        let first = try CLI.run(["run", "w.yml"], environment: ["UNDERSTUDY_SECRET": "first-secret-0123456789abcdef"], in: folder.path)
        #expect(first.status == 0 && !first.stderr.contains("UND-W016"), "\(first.stderr)")
        let same = try CLI.run(["run", "w.yml"], environment: ["UNDERSTUDY_SECRET": "first-secret-0123456789abcdef"], in: folder.path)
        #expect(same.status == 0 && !same.stderr.contains("UND-W016"), "\(same.stderr)")
        let other = try CLI.run(["run", "w.yml"], environment: ["UNDERSTUDY_SECRET": "other-secret-0123456789abcdef"], in: folder.path)
        #expect(other.status == 0 && other.stderr.contains("UND-W016") && other.stderr.contains("not the one the previous run"), "\(other.stderr)")
        let report = try String(contentsOfFile: folder.file("w.report.json"), encoding: .utf8)
        #expect(report.contains("UND-W016"))
        #expect(!other.stderr.contains("first-secret") && !other.stderr.contains("other-secret"))
        // The next run with the new secret compares with the run just made: nothing to say.
        let again = try CLI.run(["run", "w.yml"], environment: ["UNDERSTUDY_SECRET": "other-secret-0123456789abcdef"], in: folder.path)
        #expect(again.status == 0 && !again.stderr.contains("UND-W016"), "\(again.stderr)")
    }

    @Test("init's workspace runs on birth dates written as text columns write them (06/14/1987, 14/06/1987, 14.06.1987): date.birth stopped at row 1, not a date starting YYYY-MM-DD, and dates with dots were taken for phone numbers; the copy's dates keep their layout and age band")
    func birthDatesAsWritten() throws {
        let folder = Folder()
        let source = folder.file("people.db")
        _ = try CLI.sqlite3(source, """
            CREATE TABLE people (id INTEGER PRIMARY KEY, dob TEXT, birth_date TEXT, born TEXT, date_of_birth INTEGER, birth_epoch INTEGER NOT NULL);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
            INSERT INTO people SELECT i, printf('%02d/%02d/%d', 1 + i % 12, 1 + i % 28, 1940 + i % 60), printf('%02d.%02d.%d', 1 + i % 28, 1 + i % 12, 1940 + i % 60),
                printf('%02d/%02d/%d', 1 + i % 28, 1 + i % 12, 1940 + i % 60), (1940 + i % 60) * 10000 + (1 + i % 12) * 100 + 1 + i % 28, -900000000 + i * 86400 FROM n;
            """)
        let initResult = try CLI.run(["init", "--source", "sqlite:people.db", "--destination", "sqlite:copy.db", "--out", "people.yml"], in: folder.path)
        #expect(initResult.status == 0, "\(initResult.stderr)")
        let workspace = try String(contentsOfFile: folder.file("people.yml"), encoding: .utf8)
        #expect(workspace.contains("dob:") && workspace.contains("birth_date:") && !workspace.contains("generator: phone"), "\(workspace)")
        // Birth dates as numbers YYYYMMDD (a warehouse's date keys) get date.birth (they were emptied: `null`); Unix
        // times get date.birth in their unit (they were encrypted by fpe.integer into numbers that are no dates; before
        // that, `null` on this NOT NULL column was refused by the run).
        #expect(workspace.range(of: #"date_of_birth: +\{ generator: date.birth \}"#, options: .regularExpression) != nil, "\(workspace)")
        #expect(workspace.range(of: #"birth_epoch: +\{ generator: date.birth, unix: seconds \}"#, options: .regularExpression) != nil, "\(workspace)")
        #expect(workspace.range(of: #"born: +\{ generator: date.birth, day_first: true \}"#, options: .regularExpression) != nil, "\(workspace)")
        let run = try CLI.run(["run", "people.yml", "--quiet"], environment: ["UNDERSTUDY_SECRET": "test-secret-0123456789abcdef"], in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        let numbers = try CLI.sqlite3(folder.file("copy.db"), "SELECT date_of_birth FROM people ORDER BY id").split(separator: "\n").compactMap { Int($0) }
        let sourceNumbers = try CLI.sqlite3(source, "SELECT date_of_birth FROM people ORDER BY id").split(separator: "\n").compactMap { Int($0) }
        #expect(numbers.count == 200 && zip(numbers, sourceNumbers).allSatisfy { copied, original in
            copied != original && copied / 10000 / 5 == original / 10000 / 5 && (1...12).contains(copied / 100 % 100) && (1...31).contains(copied % 100)
        })
        // Unix seconds: other days of the same five years.
        let epochs = try CLI.sqlite3(folder.file("copy.db"), "SELECT strftime('%Y', birth_epoch, 'unixepoch') FROM people ORDER BY id").split(separator: "\n").compactMap { Int($0) }
        let sourceEpochs = try CLI.sqlite3(source, "SELECT strftime('%Y', birth_epoch, 'unixepoch') FROM people ORDER BY id").split(separator: "\n").compactMap { Int($0) }
        #expect(epochs.count == 200 && zip(epochs, sourceEpochs).allSatisfy { $0 / 5 == $1 / 5 }, "\(epochs.prefix(5)) \(sourceEpochs.prefix(5))")
        #expect(try CLI.sqlite3(folder.file("copy.db"), "SELECT count(*) FROM people WHERE birth_epoch = -900000000 + id * 86400").trimmingCharacters(in: .whitespacesAndNewlines) == "0")
        let pairs = try CLI.sqlite3(folder.file("copy.db"), "SELECT dob, birth_date, born FROM people ORDER BY id").split(separator: "\n")
        let source3 = try CLI.sqlite3(source, "SELECT dob, birth_date, born FROM people ORDER BY id").split(separator: "\n")
        #expect(pairs.count == 200)
        var same = 0
        // Day, month and year of a date written with one separator, the day first or not.
        func parts(_ text: String, dayFirst: Bool) -> (day: Int, month: Int, year: Int)? {
            let p = text.split(whereSeparator: { $0 == "/" || $0 == "." }).compactMap { Int($0) }
            guard p.count == 3, text.count == 10 else { return nil }
            let (day, month) = dayFirst ? (p[0], p[1]) : (p[1], p[0])
            return (1...12).contains(month) && (1...31).contains(day) ? (day, month, p[2]) : nil
        }
        for (copied, original) in zip(pairs, source3) {
            let c = copied.split(separator: "|").map(String.init), o = original.split(separator: "|").map(String.init)
            #expect(c[0].dropFirst(2).first == "/" && c[1].dropFirst(2).first == "." && c[2].dropFirst(5).first == "/", "\(c)")
            let us = try #require(parts(c[0], dayFirst: false)), dotted = try #require(parts(c[1], dayFirst: true)), european = try #require(parts(c[2], dayFirst: true))
            #expect(us.year / 5 == parts(o[0], dayFirst: false)!.year / 5 && european.year / 5 == parts(o[2], dayFirst: true)!.year / 5)
            #expect(dotted.year / 5 == parts(o[1], dayFirst: true)!.year / 5)
            if c == o { same += 1 }
        }
        #expect(same == 0)
    }

    @Test("init gives one consistency domain to columns of the same emails and phone numbers written differently — in another case, with spaces around, a phone with other marks between its digits — as a domain's fakes are equal for them (each column kept its own domain, and the copy's orders no longer matched their customers)")
    func sharedDomainsOfValuesWrittenDifferently() throws {
        let folder = Folder()
        let rows = (1...30).map { i in "(\(i), 'Person\(i).Lee@Example.com', '+1 (555) 010-\(String(format: "%04d", i))')" }.joined(separator: ", ")
        let orders = (1...30).map { i in "(\(i), ' person\(i).lee@example.com ', '+1555010\(String(format: "%04d", i))')" }.joined(separator: ", ")
        _ = try CLI.sqlite3(folder.file("shop.db"), """
            CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT, phone TEXT); INSERT INTO customers VALUES \(rows);
            CREATE TABLE orders (id INTEGER PRIMARY KEY, contact_email TEXT, contact_phone TEXT); INSERT INTO orders VALUES \(orders);
            """)
        let initResult = try CLI.run(["init", "sqlite:shop.db", "--destination", "sqlite:copy.db", "--out", "shop.yml"], in: folder.path)
        #expect(initResult.status == 0, "\(initResult.stderr)")
        let lines = try String(contentsOfFile: folder.file("shop.yml"), encoding: .utf8).split(separator: "\n").map(String.init)
        func line(_ column: String) -> String { lines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(column + ":") && $0.contains("generator") } ?? "" }
        #expect(line("contact_email").contains("domain: customers.email"), "\(line("contact_email"))")
        #expect(line("contact_phone").contains("domain: customers.phone"), "\(line("contact_phone"))")
        #expect(try CLI.run(["run", "shop.yml", "--quiet"], environment: secret, in: folder.path).status == 0)
        let joined = try CLI.sqlite3(folder.file("copy.db"), "SELECT count(*) FROM orders o JOIN customers c ON c.id = o.id WHERE lower(trim(o.contact_email)) = lower(c.email)")
        #expect(joined == "30\n", "\(joined)")
        let phones = try CLI.sqlite3(folder.file("copy.db"), "SELECT c.phone || '|' || o.contact_phone FROM orders o JOIN customers c ON c.id = o.id").split(separator: "\n")
        let digits = { (s: Substring) in s.filter(\.isNumber) }
        #expect(phones.count == 30 && phones.allSatisfy { digits($0.split(separator: "|")[0]) == digits($0.split(separator: "|")[1]) }, "\(phones)")
    }

    @Test("init gives columns that hold the same values one consistency domain, so the copy still joins on them: an order's contact email and its customer's (tables larger than the scanner's samples, found by a lookup), an invoice's billing address and its customer's address, a name and its copy in lower case; a column of other values keeps its own")
    func sharedDomains() throws {
        let folder = Folder()
        let source = folder.file("shop.db")
        _ = try CLI.sqlite3(source, """
            CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT UNIQUE NOT NULL, address TEXT);
            CREATE TABLE orders (id INTEGER PRIMARY KEY, contact_email TEXT NOT NULL, billing_address TEXT);
            CREATE TABLE staff (id INTEGER PRIMARY KEY, email TEXT);
            CREATE TABLE members (id INTEGER PRIMARY KEY, full_name TEXT, name_lower TEXT);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)
            INSERT INTO members SELECT i, f || ' ' || l, lower(f || ' ' || l) FROM (SELECT i,
                CASE i % 5 WHEN 0 THEN 'Maria' WHEN 1 THEN 'James' WHEN 2 THEN 'Linda' WHEN 3 THEN 'Robert' ELSE 'Susan' END AS f,
                CASE (i / 5) % 7 WHEN 0 THEN 'Garcia' WHEN 1 THEN 'Smith' WHEN 2 THEN 'Brown' WHEN 3 THEN 'Miller' WHEN 4 THEN 'Davis' WHEN 5 THEN 'Wilson' ELSE 'Moore' END AS l FROM n);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
            INSERT INTO customers SELECT i, 'person' || i || '@mail.example.org', (i * 7 % 900 + 1) || ' ' || (CASE i % 4 WHEN 0 THEN 'Elm' WHEN 1 THEN 'Oak' WHEN 2 THEN 'Pine' ELSE 'Maple' END) || ' Street' FROM n;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 9000)
            INSERT INTO orders SELECT i, c.email, c.address FROM n JOIN customers c ON c.id = 1 + (i * 7919) % 5000;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
            INSERT INTO staff SELECT i, 'staff' || i || '@corp.example.com' FROM n;
            """)
        let initResult = try CLI.run(["init", "--source", "sqlite:shop.db", "--destination", "sqlite:copy.db", "--out", "shop.yml"], in: folder.path)
        #expect(initResult.status == 0, "\(initResult.stderr)")
        let text = try String(contentsOfFile: folder.file("shop.yml"), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        func line(_ column: String) -> String { lines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(column + ":") && $0.contains("generator") } ?? "" }
        #expect(line("contact_email").contains("domain: customers.email"), "\(line("contact_email"))")
        #expect(line("email").contains("domain: customers.email"), "\(line("email"))")
        #expect(line("billing_address").contains("domain: customers.address"), "\(line("billing_address"))")
        #expect(lines.filter { $0.contains("domain: customers.email") }.count == 2, "staff.email holds other values: \(text)")
        // A copy in lower case for search holds the same names: one domain, each written in its case.
        #expect(line("name_lower").contains("domain: members.full_name"), "\(line("name_lower"))")
        let run = try CLI.run(["run", "shop.yml"], environment: secret, in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        let copy = folder.file("copy.db")
        #expect(try CLI.sqlite3(copy, "SELECT count(*) FROM orders o JOIN customers c ON c.email = o.contact_email AND c.address = o.billing_address;") == "9000\n")
        #expect(try CLI.sqlite3(copy, "SELECT count(*) FROM orders WHERE contact_email LIKE 'person%' OR billing_address IN (SELECT address FROM customers WHERE id < 0);") == "0\n")
        #expect(try CLI.sqlite3(copy, "SELECT count(*) FROM members WHERE lower(full_name) = name_lower AND full_name != name_lower;") == "300\n")
    }

    @Test("preview shows before and after side by side")
    func preview() throws {
        let folder = Folder()
        _ = try CLI.run(["init", "--source", "sqlite://" + chinook, "--destination", "sqlite:dev.db"], in: folder.path)
        let result = try CLI.run(["preview", "--table", "Customer", "--limit", "2"], environment: secret, in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("luisg@embraer.com.br"))
        #expect(result.stdout.contains("→"))
        #expect(result.stdout.contains("@example.com"))
        #expect(try CLI.run(["preview", "--table", "Custmer"], environment: secret, in: folder.path).stderr.contains("did you mean \"Customer\"?"))
    }

    @Test("bad input gets its message and exit code, and never a source value", arguments: [
        ("missing", "", "no workspace file here"),
        ("yaml", "version: 1\nsource: [oops\n", "not valid YAML"),
        ("generator", "tables:\n  Customer:\n    columns:\n      Email: { generator: emial }\n", "tables.Customer.columns.Email.generator: unknown generator \"emial\"; did you mean \"email\"?"),
        ("secret", "tables: {}\n", "UNDERSTUDY_SECRET is not set"),
        ("url", "tables: {}\n", "unsupported database \"mysql\""),
        ("source", "tables: {}\n", "no SQLite database at this path"),
        ("table", "tables:\n  Custmer: {}\n", "tables.Custmer: the source has no table \"Custmer\"; did you mean \"Customer\"?"),
        ("unique", "tables:\n  Customer:\n    columns:\n      CustomerId: { generator: hash, format: token }\n", "is part of a primary key, unique constraint or unique index"),
        ("value", "tables:\n  Customer:\n    columns:\n      Company: { generator: date.shift }\n", "row 1 (CustomerId 1): date.shift: the value is not a date"),
    ])
    func badInput(name: String, tables: String, expected: String) throws {
        let folder = Folder()
        var source = "sqlite://" + chinook
        if name == "url" { source = "mysql://db.example/prod" }
        if name == "source" { source = "sqlite:///nonexistent/prod.db" }
        if name != "missing" {
            let body = tables.hasPrefix("version") ? tables : "version: 1\nsource: \(source)\ndestination: sqlite:dev.db\nsecret: env:UNDERSTUDY_SECRET\n" + tables
            try folder.write("understudy.yml", body)
        }
        let result = try CLI.run(["run"], environment: name == "secret" ? [:] : secret, in: folder.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains(expected), "\(result.stderr)")
        #expect(!result.stderr.contains("Embraer"), "never prints a source value")
        #expect(!FileManager.default.fileExists(atPath: folder.file("dev.db")))
    }

    @Test("a copy that fails verification exits 4 and leaves no destination (a key the workspace declares that a row breaks); orphans the source holds itself are copied and named (exit 0)")
    func verification() throws {
        let folder = Folder()
        try CLI.sqlite3(folder.file("orphans.db"), "CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p(id), q_id INTEGER); INSERT INTO c VALUES (1, 42, 7);")
        try folder.write("understudy.yml", "version: 1\nsource: sqlite:orphans.db\ndestination: sqlite:dev.db\nsecret: env:UNDERSTUDY_SECRET\nforeign_keys:\n  - from: c(q_id)\n    to: p(id)\n")
        let result = try CLI.run(["run"], environment: secret, in: folder.path)
        #expect(result.status == 4)
        // (The declared key's orphan and the source's own, of one table and one referenced table: two.)
        #expect(result.stderr.contains("c: 2 rows reference missing rows of p"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("dev.db")))
        try folder.write("understudy.yml", "version: 1\nsource: sqlite:orphans.db\ndestination: sqlite:dev.db\nsecret: env:UNDERSTUDY_SECRET\n")
        let kept = try CLI.run(["run"], environment: secret, in: folder.path)
        #expect(kept.status == 0 && kept.stderr.contains("UND-W025") && kept.stderr.contains("1 row referencing missing rows, as in the source"), "\(kept.stderr)")
    }

    @Test("generators --markdown prints the committed reference")
    func generators() throws {
        let result = try CLI.run(["generators", "--markdown"])
        #expect(result.status == 0)
        #expect(result.stdout == (try String(contentsOfFile: CLI.root.appendingPathComponent("docs/generators.md").path, encoding: .utf8)))
        #expect(try CLI.run(["generators"]).stdout.contains("person.first-name"))
    }

    @Test("fpe encrypt and decrypt print NIST FF1 sample 2 and its inverse; bad keys are usage errors")
    func fpe() throws {
        let key = "2B7E151628AED2A6ABF7158809CF4F3C"
        let encrypted = try CLI.run(["fpe", "encrypt", "--alg", "ff1", "--key", key, "--tweak", "39383736353433323130", "--radix", "10", "0123456789", "9876543210"])
        #expect(encrypted.status == 0)
        #expect(encrypted.stdout.split(separator: "\n").first == "6124200773")
        let decrypted = try CLI.run(["fpe", "decrypt", "--alg", "ff1", "--key", key, "--tweak", "39383736353433323130", "--radix", "10", "6124200773"])
        #expect(decrypted.stdout == "0123456789\n")
        #expect(try CLI.run(["fpe", "encrypt", "--alg", "ff1", "--key", "abc", "--radix", "10", "123456"]).status == 2)
        let short = try CLI.run(["fpe", "encrypt", "--alg", "ff1", "--key", key, "--radix", "10", "12345"])
        #expect(short.status == 1 && short.stderr.contains("at least 6 numerals"))
    }

    @Test("decrypt recovers the source values of a reversible column and audits the use")
    func decrypt() throws {
        let folder = Folder()
        try CLI.sqlite3(folder.file("s.db"), "CREATE TABLE c (id INTEGER PRIMARY KEY, card TEXT, note TEXT); INSERT INTO c VALUES (1, '4111 1111 1111 1111', 'x'), (2, '5500 0000 0000 0004', 'y');")
        try folder.write("understudy.yml", "version: 1\nsource: sqlite:s.db\ndestination: sqlite:d.db\nsecret: env:UNDERSTUDY_SECRET\ntables:\n  c:\n    columns:\n      card: credit-card\n      note: text.scramble\n")
        #expect(try CLI.run(["run", "--quiet"], environment: secret, in: folder.path).status == 0)
        let cards = try CLI.sqlite3(folder.file("d.db"), "SELECT card FROM c ORDER BY id").split(separator: "\n").map(String.init)
        #expect(cards.count == 2 && !cards.contains("4111 1111 1111 1111"))
        let result = try CLI.run(["decrypt", "--table", "c", "--column", "card"] + cards, environment: secret, in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "4111 1111 1111 1111\n5500 0000 0000 0004\n")
        let audit = try String(contentsOfFile: folder.file("understudy.audit.jsonl"), encoding: .utf8)
        #expect(audit.contains("\"event\":\"decrypt\"") && audit.contains("\"values\":2") && !audit.contains("4111"))
        let refused = try CLI.run(["decrypt", "--table", "c", "--column", "note", "abc"], environment: secret, in: folder.path)
        #expect(refused.status == 2 && refused.stderr.contains("not reversible"))
        #expect(try CLI.run(["decrypt", "--table", "c", "--column", "card", "x"], in: folder.path).stderr.contains("UNDERSTUDY_SECRET is not set"))
        // A column exported with its NULLs as empty lines: each blank line stays blank, in its place
        // (one failed every value); a value that is no card is named by its line, and nothing is printed.
        let lines = try CLI.run(["decrypt", "--table", "c", "--column", "card"], environment: secret, in: folder.path, input: "\(cards[0])\n\n\(cards[1])\n")
        #expect(lines.status == 0 && lines.stdout == "4111 1111 1111 1111\n\n5500 0000 0000 0004\n", "\(lines)")
        let bad = try CLI.run(["decrypt", "--table", "c", "--column", "card", cards[0], "12"], environment: secret, in: folder.path)
        #expect(bad.status == 1 && bad.stdout.isEmpty && bad.stderr.contains("c.card: value 2 of 2: credit-card: the value has 2 digits"), "\(bad)")
        let badLine = try CLI.run(["decrypt", "--table", "c", "--column", "card"], environment: secret, in: folder.path, input: "\(cards[0])\nN/A\n")
        #expect(badLine.status == 1 && badLine.stderr.contains("line 2 of standard input"), "\(badLine)")
        // A negative value is a value, not an option (fpe.integer writes negative ids: `-5` was "Unknown
        // option '-5'"); a mistyped option is still named as one.
        try CLI.sqlite3(folder.file("s.db"), "CREATE TABLE n (id INTEGER PRIMARY KEY, ref INTEGER); INSERT INTO n VALUES (1, -5), (2, 7);")
        try folder.write("understudy.yml", "version: 1\nsource: sqlite:s.db\ndestination: sqlite:d.db\nsecret: env:UNDERSTUDY_SECRET\ntables:\n  c:\n    columns:\n      card: credit-card\n      note: text.scramble\n  n:\n    columns:\n      ref: fpe.integer\n")
        #expect(try CLI.run(["run", "--quiet"], environment: secret, in: folder.path).status == 0)
        let refs = try CLI.sqlite3(folder.file("d.db"), "SELECT ref FROM n ORDER BY id").split(separator: "\n").map(String.init)
        #expect(refs.first?.hasPrefix("-") == true, "\(refs)")
        let negative = try CLI.run(["decrypt", "--table", "n", "--column", "ref"] + refs, environment: secret, in: folder.path)
        #expect(negative.status == 0 && negative.stdout == "-5\n7\n", "\(negative)")
        let typo = try CLI.run(["decrypt", "--table", "n", "--colum", "ref", "7"], environment: secret, in: folder.path)
        #expect(typo.status == 2 && typo.stderr.contains("--colum"), "\(typo)")
    }

    @Test("a source that gained a column stops the run with exit 3 naming it; after schema ack the run succeeds and the file keeps its comments")
    func driftGuard() throws {
        let folder = Folder()
        try FileManager.default.copyItem(atPath: chinook, toPath: folder.file("src.db"))
        #expect(try CLI.run(["init", "--source", "sqlite:src.db", "--destination", "sqlite:dev.db", "--out", "w.yml"], in: folder.path).status == 0)
        var text = try String(contentsOfFile: folder.file("w.yml"), encoding: .utf8)
        text = "# Owned by the data team; reviewed weekly.\n" + text.replacingOccurrences(of: "tables:\n", with: "tables:   # every table of Chinook\n")
        try folder.write("w.yml", text)
        #expect(try CLI.run(["run", "w.yml", "--quiet"], environment: secret, in: folder.path).status == 0)
        #expect(try CLI.run(["check", "w.yml"], in: folder.path).status == 0, "check needs no secret")

        try CLI.sqlite3(folder.file("src.db"), "ALTER TABLE Customer ADD COLUMN MobilePhone TEXT; UPDATE Customer SET MobilePhone = '+1 415 555 ' || (1000 + CustomerId);")
        let before = try Data(contentsOf: URL(fileURLWithPath: folder.file("dev.db")))
        let stopped = try CLI.run(["run", "w.yml", "--quiet"], environment: secret, in: folder.path)
        #expect(stopped.status == 3)
        #expect(stopped.stderr.contains("new column Customer.MobilePhone") && stopped.stderr.contains("a phone number") && stopped.stderr.contains("schema ack"))
        #expect(!stopped.stderr.contains("+1 415 555"), "never prints values")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.file("dev.db"))) == before, "the destination is untouched")
        #expect(try CLI.run(["check", "w.yml"], in: folder.path).status == 3)
        #expect(try CLI.run(["schema", "diff", "w.yml"], in: folder.path).stdout.contains("+ new column Customer.MobilePhone"))

        let ack = try CLI.run(["schema", "ack", "w.yml", "Customer.MobilePhone", "--generator", "phone"], in: folder.path)
        #expect(ack.status == 0, "\(ack.stderr)")
        let after = try String(contentsOfFile: folder.file("w.yml"), encoding: .utf8)
        #expect(after.hasPrefix("# Owned by the data team; reviewed weekly.") && after.contains("tables:   # every table of Chinook"))
        #expect(after.contains("MobilePhone: { generator: phone }"))
        #expect(try CLI.run(["run", "w.yml", "--quiet"], environment: secret, in: folder.path).status == 0)

        // unreviewed: warn copies a new column as NULL instead of stopping.
        try CLI.sqlite3(folder.file("src.db"), "ALTER TABLE Customer ADD COLUMN Nickname TEXT; UPDATE Customer SET Nickname = 'nick' || CustomerId;")
        try folder.write("w.yml", after.replacingOccurrences(of: "unreviewed: stop", with: "unreviewed: warn"))
        let warned = try CLI.run(["run", "w.yml"], environment: secret, in: folder.path)
        #expect(warned.status == 0)
        #expect(warned.stderr.contains("UND-W003"))
        #expect(try CLI.sqlite3(folder.file("dev.db"), "SELECT count(*) FROM Customer WHERE Nickname IS NOT NULL") == "0\n")
    }

    @Test("mode exclude leaves a SQLite table out: a trigger or view that reads it is named first (SQLite would create them, broken), with the entry that leaves it out too; then the copy has every other table whole and none of it, a column it gains stops no run, and preview says it is left out")
    func excludedTable() throws {
        let folder = Folder()
        try FileManager.default.copyItem(atPath: chinook, toPath: folder.file("src.db"))
        try CLI.sqlite3(folder.file("src.db"), """
            CREATE TABLE audit_log (id INTEGER PRIMARY KEY, what TEXT, at TEXT);
            INSERT INTO audit_log (what, at) VALUES ('Invoice 1 by Leonie Köhler', '2024-01-01');
            CREATE INDEX audit_log_at ON audit_log (at);
            CREATE TRIGGER invoice_audit AFTER INSERT ON Invoice BEGIN INSERT INTO [audit_log] (what) VALUES ('invoice ' || NEW.InvoiceId); END;
            CREATE TRIGGER audit_log_stamp AFTER INSERT ON audit_log BEGIN UPDATE audit_log SET at = datetime('now') WHERE id = NEW.id; END;
            CREATE VIEW sales AS SELECT i.InvoiceDate, l.UnitPrice * l.Quantity AS amount FROM Invoice i, InvoiceLine AS l WHERE l.InvoiceId = i.InvoiceId;
            CREATE VIEW counts AS SELECT (SELECT count(*) FROM Invoice) AS audit_log;
            """)
        #expect(try CLI.run(["init", "--source", "sqlite:src.db", "--destination", "sqlite:dev.db", "--out", "w.yml"], in: folder.path).status == 0)
        let written = try String(contentsOfFile: folder.file("w.yml"), encoding: .utf8)
        let excluded = written.replacingOccurrences(of: "  audit_log:\n    mode: deidentify\n", with: "  audit_log:\n    mode: exclude\n")
        #expect(excluded != written)
        try folder.write("w.yml", excluded)
        let refused = try CLI.run(["run", "w.yml", "--quiet"], environment: secret, in: folder.path)
        #expect(refused.status == 1 && refused.stderr.contains("tables.audit_log") && refused.stderr.contains(#"exclude_objects: ["trigger invoice_audit"]"#), "\(refused.stderr)")
        #expect(!refused.stderr.contains("view counts") && !FileManager.default.fileExists(atPath: folder.file("dev.db")))

        try folder.write("w.yml", "exclude_objects: [\"trigger invoice_audit\"]\n" + excluded)
        let run = try CLI.run(["run", "w.yml"], environment: secret, in: folder.path)
        // (What `exclude_objects` leaves out is said with the tables, and the schema's match is said to be but for them.)
        #expect(run.status == 0 && run.stderr.contains("left out: audit_log, trigger invoice_audit.") && run.stderr.contains("Schema: the same as the source's but for what is left out"), "\(run.stderr)")
        #expect(try CLI.sqlite3(folder.file("dev.db"), "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE name LIKE 'audit%' OR name = 'invoice_audit' ORDER BY name)") == "\n")
        for table in ["Invoice", "InvoiceLine", "Customer", "Track"] {
            #expect(try CLI.sqlite3(folder.file("dev.db"), "SELECT count(*) FROM \(table)") == (try CLI.sqlite3(folder.file("src.db"), "SELECT count(*) FROM \(table)")))
        }
        #expect(try CLI.sqlite3(folder.file("dev.db"), "SELECT count(*) FROM sales") == (try CLI.sqlite3(folder.file("src.db"), "SELECT count(*) FROM sales")))

        // A column the left-out table gains is copied nowhere: the run does not stop for a review.
        try CLI.sqlite3(folder.file("src.db"), "ALTER TABLE audit_log ADD COLUMN ip TEXT")
        #expect(try CLI.run(["run", "w.yml", "--quiet"], environment: secret, in: folder.path).status == 0)
        let preview = try CLI.run(["preview", "w.yml", "--table", "audit_log"], environment: secret, in: folder.path)
        #expect(preview.status == 2 && preview.stderr.contains("left out of the copy"), "\(preview.stderr)")

        // A view that reads a table left out (SQLite names no dependency: its FROM list is read).
        try folder.write("w.yml", excluded.replacingOccurrences(of: "  InvoiceLine:\n    mode: deidentify\n", with: "  InvoiceLine:\n    mode: exclude\n"))
        let view = try CLI.run(["check", "w.yml"], in: folder.path)
        #expect(view.status == 1 && view.stderr.contains("view sales") && view.stderr.contains("tables.InvoiceLine"), "\(view.stderr)")
    }

    @Test("run --json prints a JSON document when the run fails too — the outcome, the exit status and the error, never a value — so a scheduled job reads every outcome from standard output")
    func jsonFailures() throws {
        let folder = Folder()
        try FileManager.default.copyItem(atPath: chinook, toPath: folder.file("src.db"))
        #expect(try CLI.run(["init", "--source", "sqlite:src.db", "--destination", "sqlite:dev.db", "--out", "w.yml"], in: folder.path).status == 0)
        func document(_ result: CLI.Result) -> [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any] ?? [:]
        }
        // Before: nothing on standard output, the error on standard error only.
        let noSecret = try CLI.run(["run", "w.yml", "--json"], in: folder.path)
        #expect(noSecret.status == 1)
        #expect(document(noSecret)["outcome"] as? String == "failed", "\(noSecret.stdout)")
        #expect(document(noSecret)["exitStatus"] as? Int == 1)
        #expect((document(noSecret)["error"] as? String)?.contains("UNDERSTUDY_SECRET") == true)
        #expect(noSecret.stderr.contains("UNDERSTUDY_SECRET"), "the error is still printed for people")
        let missing = try CLI.run(["run", "nowhere.yml", "--json"], environment: secret, in: folder.path)
        #expect(document(missing)["outcome"] as? String == "failed" && document(missing)["exitStatus"] as? Int == 1, "\(missing.stdout)")
        try CLI.sqlite3(folder.file("src.db"), "ALTER TABLE Customer ADD COLUMN MobilePhone TEXT; UPDATE Customer SET MobilePhone = '+1 415 555 ' || (1000 + CustomerId);")
        let drift = try CLI.run(["run", "w.yml", "--json"], environment: secret, in: folder.path)
        #expect(drift.status == 3)
        #expect(document(drift)["outcome"] as? String == "unreviewed schema changes" && document(drift)["exitStatus"] as? Int == 3, "\(drift.stdout)")
        #expect((document(drift)["error"] as? String)?.contains("Customer.MobilePhone") == true)
        #expect(!drift.stdout.contains("+1 415 555"))
        let usage = try CLI.run(["run", "w.yml", "--json", "--jobs", "0"], environment: secret, in: folder.path)
        #expect(usage.status == 2)
    }

    @Test("serve says where it listens once it does; a port another program holds and an address not of this machine are refused clearly, with the fix (NIO's `bind(descriptor:ptr:bytes:): Address already in use) (errno: 98)`, after a line saying it was serving)")
    func serveCannotListen() throws {
        let folder = Folder()
        #expect(try CLI.run(["init", "--source", "sqlite://" + chinook, "--destination", "sqlite:dev.db", "--out", "w.yml"], in: folder.path).status == 0)
        let port = Int.random(in: 20_000...40_000)
        let first = Process()
        first.executableURL = CLI.executable
        first.arguments = ["serve", "w.yml", "--port", String(port)]
        first.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        let err = Pipe()
        first.standardError = err
        first.standardOutput = FileHandle.nullDevice
        try first.run()
        defer { first.terminate(); first.waitUntilExit() }
        // Wait for its line: printed once it listens.
        var said = ""
        let deadline = Date().addingTimeInterval(30)
        while !said.contains("Ctrl-C to stop"), Date() < deadline {
            said += String(decoding: err.fileHandleForReading.availableData, as: UTF8.self)
        }
        #expect(said.contains("http://127.0.0.1:\(port)"), "\(said)")
        let second = try CLI.run(["serve", "w.yml", "--port", String(port)], in: folder.path)
        #expect(second.status == 1)
        #expect(second.stderr.contains("port \(port)") && second.stderr.contains("in use") && second.stderr.contains("--port"), "\(second.stderr)")
        #expect(!second.stderr.contains("Ctrl-C to stop") && !second.stderr.contains("errno"), "\(second.stderr)")
        let elsewhere = try CLI.run(["serve", "w.yml", "--host", "203.0.113.5", "--port", String(port)], in: folder.path)
        #expect(elsewhere.status == 1 && elsewhere.stderr.contains("203.0.113.5") && elsewhere.stderr.contains("not an address of this machine"), "\(elsewhere.stderr)")
    }

    @Test("commands used the way other commands are: decrypt given the workspace as its argument says to name it --workspace (it said understudy.yml was missing); evaluate before any run says to run first (it said to check the source URL)")
    func slipsBetweenCommands() throws {
        let folder = Folder()
        #expect(try CLI.run(["init", "--source", "sqlite://" + chinook, "--destination", "sqlite:dev.db", "--out", "w.yml"], in: folder.path).status == 0)
        let decrypt = try CLI.run(["decrypt", "w.yml", "--table", "Customer", "--column", "Email", "x"], environment: secret, in: folder.path)
        #expect(decrypt.status == 2 && decrypt.stderr.contains("--workspace w.yml"), "\(decrypt.stderr)")
        let evaluate = try CLI.run(["evaluate", "w.yml"], in: folder.path)
        #expect(evaluate.status == 1 && evaluate.stderr.contains("run the workspace first") && !evaluate.stderr.contains("source URL"), "\(evaluate.stderr)")
        // evaluate --html given a folder names an HTML page in it (it said report.json).
        try FileManager.default.createDirectory(atPath: folder.file("pages"), withIntermediateDirectories: true)
        let page = try CLI.run(["evaluate", "w.yml", "--html", "pages"], in: folder.path)
        #expect(page.status == 2 && page.stderr.contains("pages/evaluation.html") && !page.stderr.contains("report.json"), "\(page.stderr)")
    }

    @Test("scan takes a workspace or a URL as its argument, as the other commands take theirs (`scan w.yml` said only that --source was missing), init a source URL and -o; neither given, scan says both ways")
    func scanAndInitArguments() throws {
        let folder = Folder()
        let initialised = try CLI.run(["init", "sqlite://" + chinook, "--destination", "sqlite:dev.db", "-o", "w.yml"], in: folder.path)
        #expect(initialised.status == 0 && FileManager.default.fileExists(atPath: folder.file("w.yml")), "\(initialised.stderr)")
        // A source of no table (an empty file behind a slip in the path) is said to be one (init wrote a workspace of 0 tables without a word).
        FileManager.default.createFile(atPath: folder.file("empty.db"), contents: Data())
        let empty = try CLI.run(["init", "sqlite:empty.db", "--destination", "sqlite:dev2.db", "-o", "e.yml"], in: folder.path)
        #expect(empty.status == 0 && empty.stderr.contains("holds no table") && empty.stderr.contains("empty.db"), "\(empty.stderr)")
        let both = try CLI.run(["init", "sqlite://" + chinook, "--source", "sqlite://" + chinook, "--destination", "sqlite:dev.db", "-o", "x.yml"], in: folder.path)
        #expect(both.status == 2 && both.stderr.contains("either"), "\(both.stderr)")
        // A misspelt option whose value filled the argument is named (it said "not both").
        for arguments in [["init", "--source", "sqlite://" + chinook, "--destination", "sqlite:dev.db", "--output", "x.yml"],
                          ["scan", "--source", "sqlite://" + chinook, "--smaple", "10"]] {
            let stray = try CLI.run(arguments, in: folder.path)
            #expect(stray.status == 2 && stray.stderr.contains("Unknown option '\(arguments[arguments.count - 2])'") && !stray.stderr.contains("not both"), "\(stray.stderr)")
        }
        for arguments in [["scan", "w.yml", "--json"], ["scan", "sqlite://" + chinook, "--json"]] {
            let scan = try CLI.run(arguments, in: folder.path)
            #expect(scan.status == 0 && scan.stdout.contains("\"Email\""), "\(arguments): \(scan.stderr)")
        }
        let missing = try CLI.run(["scan"], in: folder.path)
        #expect(missing.status == 2 && missing.stderr.contains("--source") && missing.stderr.contains("understudy.yml"), "\(missing.stderr)")
        let wrong = try CLI.run(["scan", "nothing.yml"], in: folder.path)
        #expect(wrong.status != 0 && wrong.stderr.contains("nothing.yml") && wrong.stderr.contains("understudy init"), "\(wrong.stderr)")
        try FileManager.default.moveItem(atPath: folder.file("w.yml"), toPath: folder.file("understudy.yml"))
        let fallback = try CLI.run(["scan", "--json"], in: folder.path)
        #expect(fallback.status == 0 && fallback.stdout.contains("\"Email\""), "\(fallback.stderr)")
    }

    @Test("scan --json prints findings with table, column, kind, confidence and generator")
    func scan() throws {
        let result = try CLI.run(["scan", "--source", "sqlite://" + chinook, "--json"])
        #expect(result.status == 0)
        let findings = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let email = try #require(findings.first { $0["table"] as? String == "Customer" && $0["column"] as? String == "Email" })
        #expect(email["kind"] as? String == "email" && (email["confidence"] as? Double ?? 0) >= 0.9 && email["generator"] as? String == "email")
        #expect(!result.stdout.contains("@embraer"))
    }

    @Test("fk suggest --accept writes foreign_keys, and the run then follows them")
    func foreignKeys() throws {
        let folder = Folder()
        try CLI.sqlite3(folder.file("s.db"), "CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT); CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER); INSERT INTO customers VALUES (1, 'a@x.com'), (2, 'b@x.com'); INSERT INTO orders VALUES (1, 1), (2, 2), (3, 2);")
        try folder.write("w.yml", "# shop\nversion: 1\nsource: sqlite:s.db\ndestination: sqlite:d.db\nsecret: env:UNDERSTUDY_SECRET\ntables:\n  customers:\n    columns:\n      id: fpe.integer\n")
        let suggested = try CLI.run(["fk", "suggest", "w.yml", "--accept"], in: folder.path)
        #expect(suggested.status == 0 && suggested.stdout.contains("orders(customer_id) → customers(id)"))
        let text = try String(contentsOfFile: folder.file("w.yml"), encoding: .utf8)
        #expect(text.hasPrefix("# shop") && text.contains("foreign_keys:\n  - from: orders(customer_id)\n    to: customers(id)"))
        #expect(try CLI.run(["run", "w.yml", "--quiet"], environment: secret, in: folder.path).status == 0)
        #expect(try CLI.sqlite3(folder.file("d.db"), "SELECT count(*) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE c.id NOT IN (1, 2)") == "3\n", "keys encrypted and joins intact")
    }

    @Test("subset --explain prints the traversal, the rows each table will get (as plain SQL counts them) and a time estimate; it needs no secret")
    func subsetExplain() throws {
        let folder = Folder()
        try folder.write("w.yml", """
            version: 1
            source: "sqlite://\(chinook)"
            destination: sqlite:slice.db
            secret: env:UNDERSTUDY_SECRET
            tables: {}
            subset:
              targets:
                - table: Customer
                  where: "Country = 'Canada'"
              lookup_tables: [Genre, MediaType]
            """)
        let result = try CLI.run(["subset", "--explain", "w.yml"], in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        let invoices = try CLI.sqlite3(chinook, "SELECT count(*) FROM Invoice WHERE CustomerId IN (SELECT CustomerId FROM Customer WHERE Country = 'Canada')")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        // Chinook has no cycle but Employee's own key: the source evaluates each table's condition.
        #expect(result.stdout.contains("Customer: target where Country = 'Canada'"))
        #expect(result.stdout.contains("Invoice: downstream Invoice(CustomerId) → Customer(CustomerId)"))
        #expect(result.stdout.contains("Employee: upstream Customer(SupportRepId) → Employee(EmployeeId); then upstream Employee(ReportsTo) → Employee(EmployeeId), transitively"))
        let invoiceLine = result.stdout.split(separator: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("Invoice ") }
        #expect(invoiceLine?.contains(" \(invoices) of 412") == true, "\(invoiceLine ?? "no Invoice line")")
        #expect(result.stdout.contains("(lookup table, whole)"))
        #expect(result.stdout.contains("a run should take about") && result.stdout.contains("rows/s"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("slice.db")), "explaining writes nothing")
    }

    @Test("demo builds, runs and reports; its workspace records the reviewed schema, so running it again, as the demo suggests, warns of nothing (it warned UND-W002, no reviewed schema)")
    func demo() throws {
        let folder = Folder()
        let result = try CLI.run(["demo", "--dir", folder.file("demo")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Joins survive"))
        #expect(FileManager.default.fileExists(atPath: folder.file("demo/marketplace-dev.db")))
        #expect(FileManager.default.fileExists(atPath: folder.file("demo/understudy.yml")))
        let again = try CLI.run(["run", folder.file("demo/understudy.yml")])
        #expect(again.status == 0 && !again.stderr.contains("UND-W002") && !again.stderr.contains("warning"), "\(again.stderr)")
    }
    @Test("init then run on a help desk's raw articles (email messages kept whole, written by Python's email package: encoded headers, quoted-printable and base64 bodies, PDF attachments): init gives the column text.redact, and every message of the copy is one Python reads without a defect, with no name or phone number of the source in its headers, bodies or attachments")
    func rawArticles() throws {
        let folder = Folder()
        let make = """
            import sqlite3, sys
            from email.message import EmailMessage
            people = [("Renée", "Okafor"), ("Grace", "Hopper"), ("Jürgen", "Müller"), ("Mary", "Johnson"), ("Dmitri", "Volkov"), ("Maria", "Garcia")]
            db = sqlite3.connect(sys.argv[1])
            db.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, raw TEXT NOT NULL)")
            for i in range(30):
                first, last = people[i % len(people)]
                m = EmailMessage()
                m["From"] = f"{first} {last} <customer{i}@example.net>"
                m["To"] = "support@example.org"
                m["Subject"] = f"Order {1000 + i} for {first} {last}"
                m.set_content(f"Hello,\\n\\nthis is {first} {last}. My order has not arrived.\\nCall me on +1 415 555 01{i:02d}.\\n\\n{first} {last}\\n",
                              cte="quoted-printable" if i % 2 else "base64")
                if i % 3 == 0:
                    m.add_attachment(f"%PDF-1.4\\nBT (Invoice for {first} {last}) Tj ET\\n%%EOF\\n".encode("latin-1", "replace"),
                                     maintype="application", subtype="pdf", filename=f"invoice_{i}.pdf")
                db.execute("INSERT INTO articles VALUES (?, ?)", (i + 1, m.as_string()))
            db.commit()
            """
        _ = try CLI.output(of: "/usr/bin/env", ["python3", "-c", make, folder.file("helpdesk.db")])
        let made = try CLI.run(["init", "--source", "sqlite://" + folder.file("helpdesk.db"), "--destination", "sqlite:dev.db", "--out", "helpdesk.yml"], in: folder.path)
        #expect(made.status == 0, "\(made.stderr)")
        let workspace = try String(contentsOfFile: folder.file("helpdesk.yml"), encoding: .utf8)
        #expect(workspace.split(separator: "\n").contains { $0.contains("raw:") && $0.contains("text.redact") }, "\(workspace)")
        let run = try CLI.run(["run", "helpdesk.yml"], environment: secret, in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        let check = """
            import email, email.policy, sqlite3, sys
            words = ["Renée", "Okafor", "Grace", "Hopper", "Jürgen", "Müller", "Mary", "Johnson", "Dmitri", "Volkov", "Maria", "Garcia", "415 555"]
            problems, count = [], 0
            for (raw,) in sqlite3.connect(sys.argv[1]).execute("SELECT raw FROM articles ORDER BY id"):
                count += 1
                m = email.message_from_string(raw, policy=email.policy.default)
                shown = [f"{k}: {v}" for k, v in m.items()]
                for part in m.walk():
                    problems += [type(d).__name__ for d in part.defects]
                    if part.is_multipart(): continue
                    content = part.get_content()
                    shown.append(content if isinstance(content, str) else content.decode("latin-1"))
                    if part.get_content_type() == "application/pdf" and not content.startswith(b"%PDF-"): problems.append("not a PDF")
                text = "\\n".join(shown)
                problems += [w for w in words if w in text]
            print("ok" if count == 30 and not problems else f"{count} messages: {problems}")
            """
        let checked = try CLI.output(of: "/usr/bin/env", ["python3", "-c", check, folder.file("dev.db")])
        #expect(checked == "ok\n", "\(checked)")
    }

    @Test("a patient's notes move their dates with the patient's date columns: text.redact with date_entity and date_domain shifts every date of a note by the offset date.shift gives the patient's admission date, so intervals survive (admitted, discharged four days later) and the note's admission date is the column's")
    func datesMoveWithTheirPatient() throws {
        let folder = Folder()
        let make = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.execute("CREATE TABLE visits (id INTEGER PRIMARY KEY, patient_id INTEGER NOT NULL, admitted TEXT NOT NULL, note TEXT NOT NULL)")
            for i in range(40):
                patient, day = i % 8, 1 + i % 20
                db.execute("INSERT INTO visits VALUES (?, ?, ?, ?)", (i + 1, patient, f"2024-03-{day:02d}",
                           f"Admitted 2024-03-{day:02d}, discharged on March {day + 4}, 2024; review in April 2024."))
            db.commit()
            """
        _ = try CLI.output(of: "/usr/bin/env", ["python3", "-c", make, folder.file("clinic.db")])
        try """
            version: 1
            source: sqlite:clinic.db
            destination: sqlite:dev.db
            secret: env:UNDERSTUDY_SECRET
            tables:
              visits:
                columns:
                  admitted: { generator: date.shift, entity: patient_id, days: 60, domain: patient_dates }
                  note: { generator: text.redact, date_entity: patient_id, date_domain: patient_dates, days: 60 }
            """.write(toFile: folder.file("clinic.yml"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["run", "clinic.yml"], environment: secret, in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        let check = """
            import datetime, re, sqlite3, sys
            months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
            problems, offsets = [], {}
            for id, patient, admitted, note in sqlite3.connect(sys.argv[1]).execute("SELECT id, patient_id, admitted, note FROM visits ORDER BY id"):
                m = re.fullmatch(r"Admitted (\\d{4}-\\d{2}-\\d{2}), discharged on ([A-Z][a-z]+) (\\d+), (\\d{4}); review in ([A-Z][a-z]+) (\\d{4})\\.", note)
                if not m: problems.append(note); continue
                a = datetime.date.fromisoformat(m[1]); d = datetime.date(int(m[4]), months.index(m[2]) + 1, int(m[3]))
                if m[1] != admitted: problems.append(f"note {m[1]} column {admitted}")
                if (d - a).days != 4: problems.append(f"interval {(d - a).days}: {note}")
                offsets.setdefault(patient, set()).add((a - datetime.date(2024, 3, 1 + (id - 1) % 20)).days)
                if f"{m[5]} {m[6]}" == "April 2024": problems.append(f"month kept: {note}")
            problems += [f"patient {p}: {o}" for p, o in offsets.items() if len(o) != 1 or 0 in o]
            print("ok" if not problems and len(offsets) == 8 else problems[:5])
            """
        let checked = try CLI.output(of: "/usr/bin/env", ["python3", "-c", check, folder.file("dev.db")])
        #expect(checked == "ok\n", "\(checked)")
    }
}

@Suite("Command line on PostgreSQL", .serialized)
struct PostgresCLITests {
    static let server = ProcessInfo.processInfo.environment["UNDERSTUDY_TEST_POSTGRES_URL"]

    static func psql(_ database: String, _ sql: String) throws -> String {
        guard let server, let components = URLComponents(string: server) else {
            throw CLITestError("UNDERSTUDY_TEST_POSTGRES_URL is not set; run the tests with scripts/test")
        }
        let socket = components.queryItems?.first { $0.name == "host" }?.value ?? components.host ?? "localhost"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        process.arguments = ["-X", "-q", "-t", "-A", "-h", socket, "-p", String(components.port ?? 5432), "-U", components.user ?? "postgres", "-d", database, "-c", sql]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func url(_ database: String) throws -> String {
        guard let server else { throw CLITestError("UNDERSTUDY_TEST_POSTGRES_URL is not set; run the tests with scripts/test") }
        return server.replacingOccurrences(of: "/postgres?", with: "/\(database)?")
    }

    struct CLITestError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    @Test("killing a run midway leaves the PostgreSQL destination exactly as it was; the next run cleans up and succeeds")
    func killMidway() throws {
        let suffix = UInt32.random(in: 0...UInt32.max)
        let source = "killsrc_\(suffix)", destination = "killdst_\(suffix)"
        _ = try Self.psql("postgres", "CREATE DATABASE \(source)")
        _ = try Self.psql("postgres", "CREATE DATABASE \(destination)")
        _ = try Self.psql(source, "CREATE TABLE people AS SELECT g AS id, 'user' || g || '@corp.com' AS email, md5(g::text) AS note FROM generate_series(1, 600000) g; ALTER TABLE people ADD PRIMARY KEY (id)")
        _ = try Self.psql(destination, "CREATE TABLE people (id int); CREATE TABLE yesterday (x int); INSERT INTO yesterday VALUES (42)")
        let folder = Folder()
        try folder.write("w.yml", "version: 1\nsource: \"\(try Self.url(source))\"\ndestination: \"\(try Self.url(destination))\"\nsecret: env:UNDERSTUDY_SECRET\ntables:\n  people:\n    columns:\n      email: email\n")
        let process = Process()
        process.executableURL = CLI.executable
        // One worker and small batches: slow enough to be caught midway.
        process.arguments = ["run", "w.yml", "--quiet", "--jobs", "1", "--batch-size", "100"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        process.environment = ProcessInfo.processInfo.environment.merging(secret) { $1 }
        try process.run()
        // Kill it while it copies: once a COPY into its staging schema has begun. A table is loaded
        // in one transaction, so its rows show nowhere else before it commits; between its COPY
        // statements (one per few megabytes) the loading session stays in that transaction with
        // COPY as its last statement, a state that lasts the whole load (a poll of COPY progress
        // alone missed the short statements on a loaded machine, and the run finished first).
        for _ in 0..<600 {
            let loading = "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'COPY %' AND xact_start IS NOT NULL"
            if (Int(try Self.psql(destination, loading)) ?? 0) > 0 { break }
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(process.isRunning, "the run was still copying when killed")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(try Self.psql(destination, "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'public'") == "people,yesterday")
        #expect(try Self.psql(destination, "SELECT x FROM public.yesterday") == "42")
        // The next run drops the dead run's staging schema and replaces the destination.
        let rerun = try CLI.run(["run", "w.yml", "--quiet"], environment: secret, in: folder.path)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try Self.psql(destination, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'understudy%'") == "0")
        #expect(try Self.psql(destination, "SELECT count(*) FROM people WHERE email LIKE '%@example.com'") == "600000")
    }
}

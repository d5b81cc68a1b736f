import Foundation
import Testing

/// Two new databases of the test server, named `<prefix>src_N` and `<prefix>dst_N`, dropped by `dropDatabases`.
func newDatabases(_ prefix: String) throws -> (source: String, destination: String) {
    let suffix = UInt32.random(in: 0...UInt32.max)
    let names = ("\(prefix)src_\(suffix)", "\(prefix)dst_\(suffix)")
    for name in [names.0, names.1] { _ = try PostgresCLITests.psql("postgres", "CREATE DATABASE \(name)") }
    return names
}

func dropDatabases(_ names: String...) {
    for name in names { _ = try? PostgresCLITests.psql("postgres", "DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
}

/// A PostgreSQL run whose connections are terminated at each phase fails within seconds, with the
/// server's message, leaves the destination as it was and no session behind (issue 13.3).
@Suite("PostgreSQL fault injection", .serialized)
struct FaultInjectionTests {
    /// Where a connection is terminated: which database, and what its backend is running.
    struct Phase: CustomTestStringConvertible, Sendable {
        var name: String
        var onSource: Bool
        /// A `LIKE` pattern for `pg_stat_activity.query` of the backend to terminate.
        var query: String
        var testDescription: String { name }
    }

    static let phases: [Phase] = [
        Phase(name: "source read (COPY TO)", onSource: true, query: "COPY % TO STDOUT%"),
        Phase(name: "destination load (COPY FROM)", onSource: false, query: "COPY % FROM STDIN%"),
        Phase(name: "key build", onSource: false, query: "%PRIMARY KEY%"),
        Phase(name: "foreign-key validation", onSource: false, query: "%VALIDATE CONSTRAINT%"),
    ]

    /// The backends of `database` other than psql's own.
    static func sessions(_ database: String) throws -> Int {
        Int(try PostgresCLITests.psql("postgres", "SELECT count(*) FROM pg_stat_activity WHERE datname = '\(database)' AND pid <> pg_backend_pid()")) ?? -1
    }

    @Test("a terminated connection fails the run within seconds, the destination kept and no session left", arguments: phases)
    func terminate(phase: Phase) throws {
        guard PostgresCLITests.server != nil else { return }
        let (source, destination) = try newDatabases("fault")
        defer { dropDatabases(source, destination) }
        _ = try PostgresCLITests.psql(source, """
            CREATE TABLE people AS SELECT g AS id, 'user' || g || '@corp.com' AS email, md5(g::text) AS note FROM generate_series(1, 400000) g;
            ALTER TABLE people ADD PRIMARY KEY (id);
            CREATE TABLE visits AS SELECT g AS id, 1 + g % 400000 AS person_id, md5(g::text) AS page FROM generate_series(1, 1200000) g;
            ALTER TABLE visits ADD PRIMARY KEY (id);
            ALTER TABLE visits ADD FOREIGN KEY (person_id) REFERENCES people (id);
            """)
        _ = try PostgresCLITests.psql(destination, "CREATE TABLE people (id int); CREATE TABLE yesterday (x int); INSERT INTO yesterday VALUES (42)")
        let folder = Folder()
        try folder.write("w.yml", "version: 1\nsource: \"\(try PostgresCLITests.url(source))\"\ndestination: \"\(try PostgresCLITests.url(destination))\"\nsecret: env:UNDERSTUDY_SECRET\ntables:\n  people:\n    columns:\n      email: email\n")
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["run", "w.yml", "--quiet", "--jobs", "1", "--batch-size", "500"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        process.environment = ProcessInfo.processInfo.environment.merging(secret) { $1 }
        let errors = Pipe()
        process.standardError = errors
        try process.run()

        let database = phase.onSource ? source : destination
        var terminated = false
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline, process.isRunning {
            let result = try PostgresCLITests.psql("postgres", """
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE datname = '\(database)' AND pid <> pg_backend_pid() AND query LIKE '\(phase.query.replacingOccurrences(of: "'", with: "''"))' AND state = 'active'
                """)
            if (Int(result) ?? 0) > 0 {
                terminated = true
                break
            }
            Thread.sleep(forTimeInterval: 0.005)
        }
        #expect(terminated, "the run reached \(phase.name)")
        let stopped = Date()
        while process.isRunning, Date().timeIntervalSince(stopped) < 30 { Thread.sleep(forTimeInterval: 0.05) }
        let hung = process.isRunning
        if hung { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(!hung, "the run ended within 30 s of the termination")
        #expect(process.terminationStatus == 1, "\(stderr)")
        #expect(stderr.contains("terminat"), "the server's message: \(stderr)")
        #expect(!stderr.contains("CONTINUATION MISUSE"), "\(stderr)")
        #expect(try PostgresCLITests.psql(destination, "SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'public'") == "people,yesterday")
        #expect(try PostgresCLITests.psql(destination, "SELECT x FROM public.yesterday") == "42")
        // Every session of the run ends with it (the server notices closed sockets at once).
        var left = (try Self.sessions(source), try Self.sessions(destination))
        for _ in 0..<50 where left != (0, 0) {
            Thread.sleep(forTimeInterval: 0.1)
            left = (try Self.sessions(source), try Self.sessions(destination))
        }
        #expect(left.0 == 0 && left.1 == 0, "sessions left on source, destination: \(left)")
    }
}

@Suite("init then run on the sample databases", .serialized)
struct SampleRoundTripTests {
    /// Runs psql on a file of the shared datasets against `database`.
    static func load(_ file: String, into database: String) throws {
        let components = URLComponents(string: PostgresCLITests.server!)!
        let load = Process()
        load.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        load.arguments = ["-X", "-q", "-h", components.queryItems?.first { $0.name == "host" }?.value ?? "localhost", "-p", String(components.port ?? 5432), "-U", "postgres", "-d", database,
                          "-f", CLI.root.deletingLastPathComponent().appendingPathComponent("shared/datasets/\(file)").path]
        load.standardOutput = FileHandle.nullDevice
        load.standardError = FileHandle.nullDevice
        try load.run()
        load.waitUntilExit()
    }

    @Test("init → run works on Chinook in PostgreSQL, into SQLite and into PostgreSQL")
    func chinook() throws {
        guard PostgresCLITests.server != nil else { return }
        // The script creates (and first drops) the database `chinook` itself.
        _ = try PostgresCLITests.psql("postgres", "DROP DATABASE IF EXISTS chinook WITH (FORCE)")
        try Self.load("chinook-postgres.sql", into: "postgres")
        let (_, copy) = try newDatabases("chinook")
        defer { dropDatabases("chinook", copy) }
        let folder = Folder()
        for (file, destination) in [("laptop.yml", "sqlite:chinook.db"), ("server.yml", try PostgresCLITests.url(copy))] {
            let initResult = try CLI.run(["init", "--source", try PostgresCLITests.url("chinook"), "--destination", destination, "--out", file], in: folder.path)
            #expect(initResult.status == 0, "\(initResult.stderr)")
            let run = try CLI.run(["run", file], environment: secret, in: folder.path)
            #expect(run.status == 0, "\(file): \(run.stderr)")
            #expect(run.stderr.contains("Schema: the same as the source's") || file == "laptop.yml", "\(run.stderr)")
        }
        #expect(try CLI.sqlite3(folder.file("chinook.db"), "SELECT count(*) FROM invoice_line;") == "2240\n")
        #expect(try PostgresCLITests.psql(copy, "SELECT count(*) FROM invoice_line") == "2240")
    }

    @Test("init → run works on Northwind in PostgreSQL, into SQLite and into PostgreSQL, with every generator init suggests")
    func northwind() throws {
        guard PostgresCLITests.server != nil else { return }
        let (name, copy) = try newDatabases("nw")
        defer { dropDatabases(name, copy) }
        try Self.load("northwind-postgres.sql", into: name)
        let folder = Folder()
        for (file, destination) in [("laptop.yml", "sqlite:nw.db"), ("server.yml", try PostgresCLITests.url(copy))] {
            let initResult = try CLI.run(["init", "--source", try PostgresCLITests.url(name), "--destination", destination, "--out", file], in: folder.path)
            #expect(initResult.status == 0, "\(initResult.stderr)")
            let text = try String(contentsOfFile: folder.file(file), encoding: .utf8)
            // Every column line names a generator; init must have suggested one besides passthrough.
            let suggested = text.split(separator: "\n").filter { $0.contains("{ generator: ") && !$0.contains("{ generator: passthrough }") }
            #expect(suggested.count >= 5, "init suggested generators: \(suggested.count)")
            let run = try CLI.run(["run", file], environment: secret, in: folder.path)
            #expect(run.status == 0, "\(file): \(run.stderr)")
        }
        #expect(try CLI.sqlite3(folder.file("nw.db"), "SELECT count(*) FROM orders;") == "830\n")
        #expect(try PostgresCLITests.psql(copy, "SELECT count(*) FROM orders") == "830")
    }
}

@Suite("PostgreSQL fault injection at the swap", .serialized)
struct SwapFaultTests {
    @Test("a connection terminated while the replaced copy is dropped, after the swap: the new copy stays, the run succeeds, the next run drops the old one")
    func afterSwap() throws {
        guard PostgresCLITests.server != nil, let components = URLComponents(string: PostgresCLITests.server!) else { return }
        let (source, destination) = try newDatabases("swap")
        defer { dropDatabases(source, destination) }
        _ = try PostgresCLITests.psql(source, "CREATE TABLE people AS SELECT g AS id, 'user' || g || '@corp.com' AS email FROM generate_series(1, 1000) g; ALTER TABLE people ADD PRIMARY KEY (id)")
        _ = try PostgresCLITests.psql(destination, "CREATE TABLE people (id int); CREATE TABLE yesterday (x int); INSERT INTO yesterday VALUES (42)")
        // A reader of yesterday's copy holds it: the drop that follows the swap waits for it.
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/usr/bin/psql")
        reader.arguments = ["-X", "-q", "-h", components.queryItems?.first { $0.name == "host" }?.value ?? "localhost", "-p", String(components.port ?? 5432), "-U", "postgres", "-d", destination]
        let input = Pipe()
        reader.standardInput = input
        reader.standardOutput = FileHandle.nullDevice
        try reader.run()
        input.fileHandleForWriting.write(Data("BEGIN; LOCK TABLE public.yesterday IN ACCESS SHARE MODE;\n".utf8))
        defer { try? input.fileHandleForWriting.close(); reader.waitUntilExit() }
        let folder = Folder()
        try folder.write("w.yml", "version: 1\nsource: \"\(try PostgresCLITests.url(source))\"\ndestination: \"\(try PostgresCLITests.url(destination))\"\nsecret: env:UNDERSTUDY_SECRET\ntables:\n  people:\n    columns:\n      email: email\n")
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["run", "w.yml", "--quiet"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        process.environment = ProcessInfo.processInfo.environment.merging(secret) { $1 }
        process.standardError = FileHandle.nullDevice
        try process.run()
        var terminated = false
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning, !terminated {
            let count = try PostgresCLITests.psql("postgres", "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = '\(destination)' AND query LIKE 'DROP SCHEMA%' AND wait_event_type = 'Lock'")
            terminated = (Int(count) ?? 0) > 0
            Thread.sleep(forTimeInterval: 0.02)
        }
        #expect(terminated, "the drop after the swap was caught waiting")
        let stopped = Date()
        while process.isRunning, Date().timeIntervalSince(stopped) < 30 { Thread.sleep(forTimeInterval: 0.05) }
        #expect(!process.isRunning)
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "the copy was in place before the drop")
        #expect(try PostgresCLITests.psql(destination, "SELECT count(*) FROM public.people") == "1000")
        input.fileHandleForWriting.write(Data("COMMIT;\n".utf8))
        #expect(try PostgresCLITests.psql(destination, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'understudy%'") == "1", "the replaced copy waits, marked, for the next run")
        let again = try CLI.run(["run", "w.yml", "--quiet"], environment: secret, in: folder.path)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try PostgresCLITests.psql(destination, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'understudy%'") == "0")
    }
}

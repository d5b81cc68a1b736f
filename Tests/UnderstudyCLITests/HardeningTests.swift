import Foundation
import Testing

/// The careless operator and the hostile input of issue 13, each as the command line meets them.
@Suite("Hardening", .serialized)
struct HardeningTests {
    /// A workspace over a small SQLite source in `folder`: table `c` with personal columns.
    static func smallJob(_ folder: Folder, rows: Int = 50, extra: String = "") throws {
        try CLI.sqlite3(folder.file("s.db"), """
            CREATE TABLE c (id INTEGER PRIMARY KEY, email TEXT, amount REAL);
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(rows))
            INSERT INTO c SELECT i, 'user' || i || '@corp.example', i + 0.5 FROM n;
            """)
        try folder.write("understudy.yml", "version: 1\nsource: sqlite:s.db\ndestination: sqlite:d.db\nsecret: env:UNDERSTUDY_SECRET\ntables:\n  c:\n    columns:\n      email: email\n" + extra)
    }

    /// `understudy ARGUMENTS` in `folder` with the secret, not started; through `/bin/sh -c SHELL`
    /// (the command's path as `$0`) where a shell must set something first (a trap, a limit).
    static func process(in folder: Folder, _ arguments: [String], shell: String? = nil) -> Process {
        let process = Process()
        if let shell {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", shell + "; exec \"$0\" " + arguments.joined(separator: " "), CLI.executable.path]
        } else {
            process.executableURL = CLI.executable
            process.arguments = arguments
        }
        process.environment = ProcessInfo.processInfo.environment.merging(secret) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
        return process
    }

    /// Waits (60 s at most) until the run in `folder` has staged its copy; whether it did.
    static func staged(_ process: Process, in folder: Folder) -> Bool {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning {
            if (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.contains(where: { $0.contains("understudy-tmp") }) == true { return true }
            usleep(10_000)
        }
        return false
    }

    @Test("a SQLite source in WAL mode in a folder this user may not write (a mounted backup, another user's files) is read as it is, through the generators and the engine's own copy; one whose -wal holds changes it cannot read there is refused naming WAL, the folder and the fix (both said the file was no SQLite database, or encrypted, or damaged)")
    func readOnlyFolderWAL() throws {
        let folder = Folder()
        try FileManager.default.createDirectory(atPath: folder.file("backup"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder.file("out"), withIntermediateDirectories: true)
        let source = folder.file("backup/app.db")
        try CLI.sqlite3(source, "PRAGMA journal_mode=WAL; CREATE TABLE t (id INTEGER PRIMARY KEY, email TEXT); CREATE TABLE k (id INTEGER PRIMARY KEY); INSERT INTO t VALUES (1, 'a@b.example'), (2, 'c@d.example'); INSERT INTO k VALUES (7);")
        // A second copy whose -wal holds rows the file has not (copied while a program had it open).
        try FileManager.default.createDirectory(atPath: folder.file("snapshot"), withIntermediateDirectories: true)
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        shell.arguments = [source, "PRAGMA wal_autocheckpoint = 0", "INSERT INTO t VALUES (3, 'e@f.example')", ".shell cp \(source) \(source)-wal \(folder.file("snapshot/"))"]
        shell.standardOutput = Pipe()
        try shell.run()
        shell.waitUntilExit()
        #expect(FileManager.default.fileExists(atPath: folder.file("snapshot/app.db-wal")) && !FileManager.default.fileExists(atPath: source + "-wal"))
        // Root writes any folder: the run goes as nobody then, with a copy of the binary it may execute.
        let root = geteuid() == 0
        var binary = CLI.executable.path
        if root {
            binary = folder.file("understudy")
            try FileManager.default.copyItem(atPath: CLI.executable.path, toPath: binary)
            for path in [folder.path, binary, folder.file("backup"), folder.file("snapshot")] + ["backup/app.db", "snapshot/app.db", "snapshot/app.db-wal"].map(folder.file) {
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
            }
            try FileManager.default.setAttributes([.ownerAccountName: "nobody"], ofItemAtPath: folder.file("out"))
        }
        for read in ["backup", "snapshot"] {
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.file(read))
        }
        defer { for read in ["backup", "snapshot"] { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.file(read)) } }
        func run(_ from: String, _ tables: String) throws -> CLI.Result {
            try folder.write("out/w.yml", "version: 1\nsource: sqlite://\(folder.file(from))\ndestination: sqlite:d.db\nsecret: env:UNDERSTUDY_SECRET\ntables:\n\(tables)\n")
            if root { try FileManager.default.setAttributes([.ownerAccountName: "nobody"], ofItemAtPath: folder.file("out/w.yml")) }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: root ? "/usr/sbin/runuser" : binary)
            process.arguments = (root ? ["-u", "nobody", "--", binary] : []) + ["run", "w.yml"]
            process.currentDirectoryURL = URL(fileURLWithPath: folder.file("out"))
            process.environment = ["UNDERSTUDY_SECRET": "cli-tests-secret-0123456789abcdef", "PATH": "/usr/bin:/bin"]
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return CLI.Result(status: process.terminationStatus, stdout: stdout, stderr: stderr)
        }
        // Through the generators (t) and copied whole inside the engine (k).
        let copied = try run("backup/app.db", "  t:\n    columns:\n      email: email")
        #expect(copied.status == 0, "\(copied.stderr)")
        let rows = try CLI.sqlite3(folder.file("out/d.db"), "SELECT count(*) FROM t; SELECT id FROM k")
        #expect(rows == "3\n7\n", "\(rows) \(copied.stdout)")
        let refused = try run("snapshot/app.db", "  t:\n    columns:\n      email: email")
        #expect(refused.status != 0 && refused.stderr.contains("WAL mode") && refused.stderr.contains("-wal") && refused.stderr.contains(folder.file("snapshot"))
                && !refused.stderr.contains("not a SQLite database"), "\(refused.stderr)")
    }

    static func sha256(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    }

    @Test("a second run to a destination that another run holds fails at once, naming the holder, and leaves the copy as it was")
    func destinationLock() throws {
        let folder = Folder()
        try Self.smallJob(folder)
        #expect(try CLI.run(["run", "--quiet"], environment: secret, in: folder.path).status == 0)
        let before = try Self.sha256(folder.file("d.db"))
        // Another run holds the destination: this process takes the lock the way a run does.
        let fd = open(folder.file("d.db.understudy-lock"), O_RDWR | O_CREAT, 0o644)
        #expect(fd >= 0)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        let holder = "pid \(getpid())"
        _ = ftruncate(fd, 0)
        _ = holder.withCString { write(fd, $0, strlen($0)) }
        let second = try CLI.run(["run", "--quiet"], environment: secret, in: folder.path)
        #expect(second.status == 1)
        #expect(second.stderr.contains("another run"), "\(second.stderr)")
        #expect(second.stderr.contains(holder), "\(second.stderr)")
        #expect(try Self.sha256(folder.file("d.db")) == before)
        flock(fd, LOCK_UN)
        #expect(try CLI.run(["run", "--quiet"], environment: secret, in: folder.path).status == 0, "the lock ends with its holder")
    }

    @Test("a destination that is a symbolic link is written through it: the target is replaced and the link kept (the link was replaced by a file and the target kept the old data); a link to the source is refused; a dangling link makes its target")
    func destinationThroughLink() throws {
        let folder = Folder()
        try Self.smallJob(folder)
        try FileManager.default.createDirectory(atPath: folder.file("real"), withIntermediateDirectories: true)
        try CLI.sqlite3(folder.file("real/app.db"), "CREATE TABLE old (x)")
        try FileManager.default.createSymbolicLink(atPath: folder.file("d.db"), withDestinationPath: "real/app.db")
        #expect(try CLI.run(["run", "--quiet"], environment: secret, in: folder.path).status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.file("d.db")) == "real/app.db")
        #expect(try CLI.sqlite3(folder.file("real/app.db"), "SELECT count(*) FROM c") == "50\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("real")) == ["app.db"], "no staging file or lock left")
        // A link that leads to the source.
        try FileManager.default.removeItem(atPath: folder.file("d.db"))
        try FileManager.default.createSymbolicLink(atPath: folder.file("d.db"), withDestinationPath: "s.db")
        let toSource = try CLI.run(["run", "--quiet"], environment: secret, in: folder.path)
        #expect(toSource.status == 1 && toSource.stderr.contains("the source database itself"), "\(toSource.stderr)")
        // A dangling link: its target is made.
        try FileManager.default.removeItem(atPath: folder.file("d.db"))
        try FileManager.default.createSymbolicLink(atPath: folder.file("d.db"), withDestinationPath: "real/new.db")
        #expect(try CLI.run(["run", "--quiet"], environment: secret, in: folder.path).status == 0)
        #expect(try CLI.sqlite3(folder.file("real/new.db"), "SELECT count(*) FROM c") == "50\n")
    }

    @Test("files the tool writes are written through a symbolic link and into a pipe or device, never replaced: a workspace kept as a link into a config repository gets `schema ack` (the link was replaced by a copy, the repository's file never acknowledged), a report to a link, a report to a FIFO (`--report /dev/null` replaced /dev/null with a regular file, run as root)")
    func writtenThroughLinksAndDevices() throws {
        let folder = Folder()
        try Self.smallJob(folder)
        try FileManager.default.createDirectory(atPath: folder.file("repo"), withIntermediateDirectories: true)
        #expect(rename(folder.file("understudy.yml"), folder.file("repo/understudy.yml")) == 0)
        try FileManager.default.createSymbolicLink(atPath: folder.file("understudy.yml"), withDestinationPath: "repo/understudy.yml")
        chmod(folder.file("repo/understudy.yml"), 0o640)
        let ack = try CLI.run(["schema", "ack", "understudy.yml", "--all"], environment: secret, in: folder.path)
        #expect(ack.status == 0, "\(ack.stderr)")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: folder.file("understudy.yml"))) == "repo/understudy.yml", "still a link")
        #expect(try String(contentsOfFile: folder.file("repo/understudy.yml"), encoding: .utf8).contains("schema:"), "the acknowledged schema is in the repository's file")
        var info = stat()
        stat(folder.file("repo/understudy.yml"), &info)
        #expect(info.st_mode & 0o777 == 0o640, "its permissions kept: \(String(info.st_mode & 0o777, radix: 8))")
        // A report through a link.
        try FileManager.default.createSymbolicLink(atPath: folder.file("report.json"), withDestinationPath: "repo/last-report.json")
        #expect(try CLI.run(["run", "--quiet", "--report", "report.json"], environment: secret, in: folder.path).status == 0)
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: folder.file("report.json"))) == "repo/last-report.json", "still a link")
        #expect(FileManager.default.fileExists(atPath: folder.file("repo/last-report.json")))
        // A report into a FIFO, read as it is written; the FIFO stays one.
        #expect(mkfifo(folder.file("pipe"), 0o600) == 0)
        let reader = open(folder.file("pipe"), O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        let run = try CLI.run(["run", "--quiet", "--report", "pipe"], environment: secret, in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        stat(folder.file("pipe"), &info)
        #expect(info.st_mode & S_IFMT == S_IFIFO, "the FIFO is still a FIFO")
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        let count = read(reader, &buffer, buffer.count)
        #expect(count > 0 && String(decoding: buffer.prefix(max(0, count)), as: UTF8.self).contains("\"tables\""), "the report came through the FIFO")
    }

    @Test("two runs at once to one destination: one copies, the other fails; the destination is a whole database")
    func concurrentRuns() throws {
        let folder = Folder()
        try Self.smallJob(folder, rows: 30_000)
        let processes = (0..<2).map { _ in
            let process = Process()
            process.executableURL = CLI.executable
            process.arguments = ["run", "--quiet"]
            var env = ProcessInfo.processInfo.environment
            env.merge(secret) { $1 }
            process.environment = env
            process.currentDirectoryURL = URL(fileURLWithPath: folder.path)
            process.standardError = FileHandle.nullDevice
            return process
        }
        for p in processes { try p.run() }
        for p in processes { p.waitUntilExit() }
        let statuses = processes.map(\.terminationStatus).sorted()
        #expect(statuses.first == 0)
        #expect(statuses.allSatisfy { $0 == 0 || $0 == 1 })
        #expect(try CLI.sqlite3(folder.file("d.db"), "PRAGMA integrity_check; SELECT count(*) FROM c;") == "ok\n30000\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("understudy-tmp") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test("staging files and report temporaries of a run that died (`kill -9`, the machine restarted) are removed by the next run; another live process's are kept (the report's stayed, one more for every run killed)")
    func staleStaging() throws {
        let folder = Folder()
        try Self.smallJob(folder)
        try folder.write("d.db.understudy-tmp", "half a database")
        try folder.write("d.db.understudy-tmp-424242-dead", "half a database")
        // A process that is gone: the first pid above ours that no process has.
        let dead = try #require((getpid() + 1000..<Int32.max).first { kill($0, 0) != 0 && errno == ESRCH })
        try folder.write(".understudy.report.json.understudy-tmp-\(dead)-12345", "")
        // A live process's (pid 1's): being written now, kept.
        try folder.write(".understudy.report.json.understudy-tmp-1-67890", "")
        #expect(try CLI.run(["run", "--quiet"], environment: secret, in: folder.path).status == 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("understudy-tmp") }
        #expect(leftovers == [".understudy.report.json.understudy-tmp-1-67890"], "\(leftovers)")
    }

    @Test("SIGTERM, SIGINT and SIGHUP (the terminal or SSH session closed) during a run remove its staging file and leave the destination as it was (SIGHUP left the staging file for the next run to remove)", arguments: [SIGTERM, SIGINT, SIGHUP])
    func signalCleanup(signal: Int32) throws {
        let folder = Folder()
        try Self.smallJob(folder, rows: 200_000)
        #expect(try CLI.run(["run", "--quiet"], environment: secret, in: folder.path).status == 0)
        let before = try Self.sha256(folder.file("d.db"))
        let process = Self.process(in: folder, ["run", "--quiet", "--batch-size", "100"])
        process.standardError = FileHandle.nullDevice
        try process.run()
        #expect(Self.staged(process, in: folder), "the run staged its copy")
        usleep(100_000)
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("understudy-tmp") }
        #expect(leftovers.isEmpty, "\(leftovers)")
        #expect(try Self.sha256(folder.file("d.db")) == before)
    }

    @Test("a run started to outlive its terminal (nohup: SIGHUP ignored) is not stopped by SIGHUP")
    func hangupIgnored() throws {
        let folder = Folder()
        try Self.smallJob(folder, rows: 200_000)
        let process = Self.process(in: folder, ["run", "--quiet", "--batch-size", "100"], shell: "trap '' HUP")
        process.standardError = FileHandle.nullDevice
        try process.run()
        #expect(Self.staged(process, in: folder), "the run staged its copy")
        kill(process.processIdentifier, SIGHUP)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0 && process.terminationReason == .exit)
        #expect(FileManager.default.fileExists(atPath: folder.file("d.db")))
    }

    @Test("a SQLite destination the disk stops writing (here a file size limit, `ulimit -f`) fails the run naming the folder, the system's reason and what to do, the destination as it was and no staging file left (it said `a statement failed (disk I/O error)`)")
    func destinationWriteRefused() throws {
        let folder = Folder()
        try Self.smallJob(folder, rows: 20_000)
        #expect(try CLI.run(["run", "--quiet"], environment: secret, in: folder.path).status == 0)
        let before = try Self.sha256(folder.file("d.db"))
        // A limit of 200 KiB on every file the process writes; the copy needs more.
        let process = Self.process(in: folder, ["run", "--quiet"], shell: "trap '' XFSZ; ulimit -f 200")
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(message.contains(folder.path) && message.contains("`ulimit -f`") && message.contains("left as it was") && !message.contains("a statement failed"), "\(message)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("understudy-tmp") }
        #expect(leftovers.isEmpty, "\(leftovers)")
        #expect(try Self.sha256(folder.file("d.db")) == before)
    }

    @Test("an existing SQLite destination whose tables hold rows and are none of the source's (another application's file behind a slip in the URL) is refused and kept, nothing written; an earlier copy, or a file of empty tables, is replaced (the run replaced the other file whole without a word)")
    func destinationHoldingOtherData() throws {
        let folder = Folder()
        try Self.smallJob(folder)
        try CLI.sqlite3(folder.file("d.db"), "CREATE TABLE payroll (id INTEGER PRIMARY KEY, salary INTEGER); INSERT INTO payroll VALUES (1, 90000); CREATE TABLE audit (x);")
        let before = try Self.sha256(folder.file("d.db"))
        // `check` fails as the run does (it passed, and the night's run failed).
        let checked = try CLI.run(["check"], environment: secret, in: folder.path)
        #expect(checked.status == 1 && checked.stderr.contains("understudy.yml:3:") && checked.stderr.contains("payroll") && checked.stderr.contains("none of them the source's"), "\(checked.stdout) \(checked.stderr)")
        let refused = try CLI.run(["run", "--quiet"], environment: secret, in: folder.path)
        #expect(refused.status == 1 && refused.stderr.contains("payroll") && refused.stderr.contains("none of them the source's") && refused.stderr.contains("destination URL")
                && !refused.stderr.contains("audit") && !refused.stderr.contains("90000"), "\(refused.stderr)")
        #expect(try Self.sha256(folder.file("d.db")) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains("understudy-tmp") }.isEmpty)
        // Empty tables only: nothing to lose, replaced.
        try CLI.sqlite3(folder.file("d.db"), "DELETE FROM payroll;")
        #expect(try CLI.run(["run", "--quiet"], environment: secret, in: folder.path).status == 0)
        // An earlier copy with a table the source no longer has: replaced.
        try CLI.sqlite3(folder.file("d.db"), "CREATE TABLE dropped_later (x); INSERT INTO dropped_later VALUES (1);")
        #expect(try CLI.run(["run", "--quiet"], environment: secret, in: folder.path).status == 0)
    }

    @Test("an earlier copy whose source has since renamed every table is this workspace's copy by its last report (the guard refused it: none of the source's tables), for check as for the run; without that report it is refused still")
    func earlierCopyOfRenamedTables() throws {
        let folder = Folder()
        try Self.smallJob(folder)
        #expect(try CLI.run(["run", "--quiet"], environment: secret, in: folder.path).status == 0)
        try CLI.sqlite3(folder.file("s.db"), "ALTER TABLE c RENAME TO clients;")
        try folder.write("understudy.yml", "version: 1\nsource: sqlite:s.db\ndestination: sqlite:d.db\nsecret: env:UNDERSTUDY_SECRET\ntables:\n  clients:\n    columns:\n      email: email\n")
        // `check` reads the earlier copy by the same report.
        let checked = try CLI.run(["check"], environment: secret, in: folder.path)
        #expect(checked.status == 0, "\(checked.stderr)")
        let again = try CLI.run(["run", "--quiet"], environment: secret, in: folder.path)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try CLI.sqlite3(folder.file("d.db"), "SELECT group_concat(name) FROM sqlite_schema WHERE type = 'table'").trimmingCharacters(in: .whitespacesAndNewlines) == "clients")
        // The same file without the report that names its tables: someone else's, as far as the run can tell.
        try CLI.sqlite3(folder.file("s.db"), "ALTER TABLE clients RENAME TO customers;")
        try folder.write("understudy.yml", "version: 1\nsource: sqlite:s.db\ndestination: sqlite:d.db\nsecret: env:UNDERSTUDY_SECRET\ntables:\n  customers:\n    columns:\n      email: email\n")
        try FileManager.default.removeItem(atPath: folder.file("understudy.report.json"))
        #expect(try CLI.run(["check"], environment: secret, in: folder.path).status == 1)
        let refused = try CLI.run(["run", "--quiet"], environment: secret, in: folder.path)
        #expect(refused.status == 1 && refused.stderr.contains("none of them the source's"), "\(refused.stderr)")
    }

    @Test("--batch-size, --jobs and preview's --limit past what a machine holds are usage errors naming the bound (`--batch-size 99999999999` and `preview --limit 99999999999` crashed: they allocated terabytes for one batch)", arguments: [
        ["run", "--quiet", "--batch-size", "99999999999"], ["run", "--quiet", "--batch-size", "1000001"], ["run", "--quiet", "--jobs", "100000"],
        ["serve", "--port", "1", "--jobs", "100000"], ["preview", "--table", "c", "--limit", "99999999999"],
    ])
    func optionBounds(arguments: [String]) throws {
        let folder = Folder()
        try Self.smallJob(folder)
        let result = try CLI.run(arguments, environment: secret, in: folder.path)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(arguments[arguments.count - 2] + " must be at most"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("d.db")), "nothing was copied")
    }

    @Test("a SQLite destination another program has open is replaced, and the run says so, naming the program (UND-W022): it keeps reading the copy the run replaced until it opens the file again, and what it writes there is lost — the application showed the old data after a refresh, without a word")
    func destinationOpenElsewhere() throws {
        let folder = Folder()
        try Self.smallJob(folder)
        #expect(try CLI.run(["run", "--quiet"], environment: secret, in: folder.path).status == 0)
        let quiet = try CLI.run(["run"], environment: secret, in: folder.path)
        #expect(quiet.status == 0 && !quiet.stderr.contains("UND-W022"), "\(quiet.stderr)")
        // The application: this process, holding the file open.
        let descriptor = open(folder.file("d.db"), O_RDONLY)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        let result = try CLI.run(["run"], environment: secret, in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("UND-W022") && result.stderr.contains("pid \(getpid())") && result.stderr.contains("opens the file again"), "\(result.stderr)")
        #expect(try String(contentsOfFile: folder.file("understudy.report.json"), encoding: .utf8).contains("UND-W022"))
    }

    @Test("--report refuses the source, the destination and the workspace, a folder that does not exist, an empty path and a folder's path (`--report ''` and `--report out/` copied, then failed to move the report into place), before anything is copied", arguments: ["s.db", "d.db", "understudy.yml", "missing/r.json", "", "reports/"])
    func reportTarget(target: String) throws {
        let folder = Folder()
        try Self.smallJob(folder)
        #expect(try CLI.run(["run", "--quiet"], environment: secret, in: folder.path).status == 0)
        let hashes = try ["s.db", "d.db", "understudy.yml"].map { try Self.sha256(folder.file($0)) }
        try CLI.sqlite3(folder.file("s.db"), "INSERT INTO c VALUES (1000, 'x@y.example', 1);")
        let sourceHash = try Self.sha256(folder.file("s.db"))
        let result = try CLI.run(["run", "--quiet", "--report", target], environment: secret, in: folder.path)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("--report"), "\(result.stderr)")
        #expect(try Self.sha256(folder.file("s.db")) == sourceHash)
        #expect(try Self.sha256(folder.file("d.db")) == hashes[1], "nothing was copied")
        #expect(try Self.sha256(folder.file("understudy.yml")) == hashes[2])
    }

    @Test("a SQLite destination that is the workspace itself, or any existing file that is no SQLite database, is refused and left as it was (the run replaced the workspace with a database); an empty file is replaced", arguments: ["understudy.yml", "notes.txt", "empty.db"])
    func destinationOfAnotherKind(target: String) throws {
        let folder = Folder()
        try Self.smallJob(folder)
        try folder.write("notes.txt", "my notes, not a database\n")
        try folder.write("empty.db", "")
        let workspace = try String(contentsOfFile: folder.file("understudy.yml"), encoding: .utf8).replacingOccurrences(of: "destination: sqlite:d.db", with: "destination: sqlite:\(target)")
        try folder.write("understudy.yml", workspace)
        let before = try Self.sha256(folder.file(target))
        let result = try CLI.run(["run", "--quiet"], environment: secret, in: folder.path)
        if target == "empty.db" {
            #expect(result.status == 0, "\(result.stderr)")
            return
        }
        #expect(result.status != 0)
        #expect(result.stderr.contains("not a SQLite database") && result.stderr.contains(target), "\(result.stderr)")
        #expect(try Self.sha256(folder.file(target)) == before, "left as it was")
    }

    @Test("a SQLite destination that is a folder is refused before anything is copied, with a file to name instead (the run copied every table, then failed to move its copy into place)", arguments: ["out", "out/"])
    func destinationFolder(target: String) throws {
        let folder = Folder()
        try Self.smallJob(folder)
        try FileManager.default.createDirectory(atPath: folder.file("out"), withIntermediateDirectories: true)
        let workspace = try String(contentsOfFile: folder.file("understudy.yml"), encoding: .utf8).replacingOccurrences(of: "destination: sqlite:d.db", with: "destination: sqlite:\(target)")
        try folder.write("understudy.yml", workspace)
        let result = try CLI.run(["run"], environment: secret, in: folder.path)
        #expect(result.status != 0)
        #expect(result.stderr.contains("is a folder") && result.stderr.contains("out/copy.db"), "\(result.stderr)")
        #expect(!result.stdout.contains("rows"), "nothing copied: \(result.stdout)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("out")).isEmpty)
    }

    @Test("a SQLite destination that is no regular file — a named pipe, or a link to one — is refused before anything is copied, and left as it was (`sqlite:///dev/null` was renamed over: the device replaced by a file; a pipe held the run waiting for a writer)", arguments: ["pipe", "link"])
    func destinationNotAFile(target: String) throws {
        let folder = Folder()
        try Self.smallJob(folder)
        #expect(mkfifo(folder.file("pipe"), 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: folder.file("link"), withDestinationPath: folder.file("pipe"))
        let workspace = try String(contentsOfFile: folder.file("understudy.yml"), encoding: .utf8).replacingOccurrences(of: "destination: sqlite:d.db", with: "destination: sqlite:\(target)")
        try folder.write("understudy.yml", workspace)
        let result = try CLI.run(["run"], environment: secret, in: folder.path)
        #expect(result.status != 0)
        #expect(result.stderr.contains("is a named pipe, not a database file"), "\(result.stderr)")
        #expect(!result.stdout.contains("rows"), "nothing copied: \(result.stdout)")
        var status = stat()
        #expect(stat(folder.file("pipe"), &status) == 0 && status.st_mode & S_IFMT == S_IFIFO, "the pipe is still a pipe")
    }

    @Test("a SQLite source that is no regular file is refused, named: a named pipe (the run waited for a writer forever), a device (`/dev/null` read as a database of no table)", arguments: ["pipe", "/dev/null"])
    func sourceNotAFile(source: String) throws {
        let folder = Folder()
        #expect(mkfifo(folder.file("pipe"), 0o600) == 0)
        let result = try CLI.run(["scan", "sqlite:" + source], environment: secret, in: folder.path)
        #expect(result.status != 0)
        #expect(result.stderr.contains(source == "pipe" ? "is a named pipe, not a database file" : "is a device, not a database file"), "\(result.stderr)")
    }

    @Test("a workspace indented with tabs is refused with the reason and the fix (YAML's own message named a character that cannot start a token)")
    func tabsInWorkspace() throws {
        let folder = Folder()
        try Self.smallJob(folder)
        try folder.write("understudy.yml", "version: 1\nsource: sqlite:s.db\ndestination: sqlite:d.db\nsecret: env:UNDERSTUDY_SECRET\ntables:\n\tc:\n\t\tmode: passthrough\n")
        let result = try CLI.run(["run"], environment: secret, in: folder.path)
        #expect(result.status != 0)
        #expect(result.stderr.contains("understudy.yml:6") && result.stderr.contains("tab") && result.stderr.contains("spaces"), "\(result.stderr)")
    }

    @Test("a SQLite source in WAL mode is copied, and nothing is left beside it")
    func walSource() throws {
        let folder = Folder()
        try CLI.sqlite3(folder.file("s.db"), "PRAGMA journal_mode=WAL; CREATE TABLE c (id INTEGER PRIMARY KEY, email TEXT); INSERT INTO c VALUES (1, 'a@b.example'), (2, 'c@d.example');")
        #expect(try CLI.sqlite3(folder.file("s.db"), "PRAGMA journal_mode;") == "wal\n")
        try folder.write("understudy.yml", "version: 1\nsource: sqlite:s.db\ndestination: sqlite:d.db\nsecret: env:UNDERSTUDY_SECRET\ntables:\n  c:\n    columns:\n      email: email\n")
        let before = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        let result = try CLI.run(["run", "--quiet"], environment: secret, in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try CLI.sqlite3(folder.file("d.db"), "SELECT count(*) FROM c;") == "2\n")
        let after = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("s.db") }.sorted()
        #expect(after == before.filter { $0.hasPrefix("s.db") }, "no -wal or -shm left beside the source")
        #expect(try CLI.run(["scan", "--source", "sqlite:s.db"], in: folder.path).status == 0)
        #expect(try CLI.run(["preview", "--table", "c"], environment: secret, in: folder.path).status == 0)
        let still = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("s.db") }.sorted()
        #expect(still == ["s.db"])
    }

    @Test("a table name with a line break or terminal escapes cannot add a section to the workspace or reach the terminal raw")
    func hostileNames() throws {
        let folder = Folder()
        let injected = "t\nsubset:\n  targets:\n    - table: x\n      where: \"1=0\"\n#"
        let sqlName = injected.replacingOccurrences(of: "\"", with: "\"\"")
        try CLI.sqlite3(folder.file("s.db"), """
            CREATE TABLE "\(sqlName)" (id INTEGER PRIMARY KEY, email TEXT); INSERT INTO "\(sqlName)" VALUES (1, 'a@b.example'), (2, 'c@d.example');
            CREATE TABLE "x" (id INTEGER PRIMARY KEY); INSERT INTO x VALUES (1), (2), (3);
            CREATE TABLE "red\u{1B}[31malert" (id INTEGER PRIMARY KEY, "na\u{1B}]0;me" TEXT); INSERT INTO "red\u{1B}[31malert" VALUES (1, 'x');
            """)
        let initResult = try CLI.run(["init", "--source", "sqlite:s.db", "--destination", "sqlite:d.db"], in: folder.path)
        #expect(initResult.status == 0, "\(initResult.stderr)")
        let check = try CLI.run(["check"], environment: secret, in: folder.path)
        #expect(check.status == 0, "\(check.stderr)")
        let run = try CLI.run(["run"], environment: secret, in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try CLI.sqlite3(folder.file("d.db"), "SELECT count(*) FROM x;") == "3\n", "every row copied: no subset was injected")
        #expect(!run.stderr.contains("\u{1B}"), "no raw escape reaches the terminal")
        #expect(!initResult.stderr.contains("\u{1B}"))
        try folder.write("bad.yml", "version: 1\nsource: sqlite:s.db\ndestination: sqlite:d.db\nsecret: env:UNDERSTUDY_SECRET\ntables:\n  \"no\\e[31mtable\": {}\n")
        let bad = try CLI.run(["check", "bad.yml"], environment: secret, in: folder.path)
        #expect(bad.status == 1)
        #expect(!bad.stderr.contains("\u{1B}"), "\(bad.stderr)")
    }

    @Test("init never writes a database password into the workspace; check warns about one written by hand")
    func passwordNotWritten() throws {
        let folder = Folder()
        try CLI.sqlite3(folder.file("s.db"), "CREATE TABLE c (id INTEGER PRIMARY KEY);")
        let result = try CLI.run(["init", "--source", "sqlite:s.db", "--destination", "postgres://app:hunter2@127.0.0.1:1/dev"], in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        let text = try String(contentsOfFile: folder.file("understudy.yml"), encoding: .utf8)
        #expect(!text.contains("hunter2"))
        #expect(text.contains("postgres://app@127.0.0.1:1/dev"), "\(text)")
        #expect(result.stderr.contains("PGPASSWORD") || result.stderr.contains("password"), "\(result.stderr)")
        try folder.write("understudy.yml", text.replacingOccurrences(of: "postgres://app@", with: "postgres://app:hunter2@"))
        let check = try CLI.run(["check"], environment: secret, in: folder.path)
        #expect(check.stdout.contains("UND-W005") || check.stderr.contains("UND-W005"), "\(check.stdout)\(check.stderr)")
        #expect(!(check.stdout + check.stderr).contains("hunter2"))
    }

    @Test("decrypt with another secret than the run's is refused; the audit names the OS user, not $USER")
    func decryptFingerprint() throws {
        let folder = Folder()
        try CLI.sqlite3(folder.file("s.db"), "CREATE TABLE c (id INTEGER PRIMARY KEY, card TEXT); INSERT INTO c VALUES (1, '4111 1111 1111 1111');")
        try folder.write("understudy.yml", "version: 1\nsource: sqlite:s.db\ndestination: sqlite:d.db\nsecret: env:UNDERSTUDY_SECRET\ntables:\n  c:\n    columns:\n      card: credit-card\n")
        #expect(try CLI.run(["run", "--quiet"], environment: secret, in: folder.path).status == 0)
        let card = try CLI.sqlite3(folder.file("d.db"), "SELECT card FROM c").trimmingCharacters(in: .whitespacesAndNewlines)
        let wrong = try CLI.run(["decrypt", "--table", "c", "--column", "card", card], environment: ["UNDERSTUDY_SECRET": "another-secret-0123456789abcdef"], in: folder.path)
        #expect(wrong.status == 1, "\(wrong.stdout)")
        #expect(wrong.stdout.isEmpty, "no plausible wrong value is printed")
        #expect(wrong.stderr.contains("fingerprint"), "\(wrong.stderr)")
        let right = try CLI.run(["decrypt", "--table", "c", "--column", "card", card], environment: secret.merging(["USER": "mallory", "LOGNAME": "mallory"]) { $1 }, in: folder.path)
        #expect(right.status == 0 && right.stdout == "4111 1111 1111 1111\n", "\(right.stderr)")
        let audit = try String(contentsOfFile: folder.file("understudy.audit.jsonl"), encoding: .utf8)
        #expect(!audit.contains("mallory"))
        let me = String(cString: getpwuid(getuid())!.pointee.pw_name)
        #expect(audit.contains("\"user\":\"\(me)\""), "\(audit)")
    }

    @Test("a PostgreSQL system schema is refused as a destination before any connection", arguments: ["information_schema", "pg_catalog", "pg_toast"])
    func systemSchema(schema: String) throws {
        let folder = Folder()
        try CLI.sqlite3(folder.file("s.db"), "CREATE TABLE c (id INTEGER PRIMARY KEY);")
        try folder.write("understudy.yml", "version: 1\nsource: sqlite:s.db\ndestination: postgres://u@127.0.0.1:1/db?schema=\(schema)\nsecret: env:UNDERSTUDY_SECRET\n")
        let result = try CLI.run(["run"], environment: secret, in: folder.path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("system schema"), "\(result.stderr)")
    }

    @Test("`check` reads the destination as a run does: a URL the run would refuse (an unknown parameter, no database, a system schema, the source itself, an existing file that is no database) fails check, naming the workspace line, instead of passing it and failing the night's run; a destination folder missing where check runs is a warning")
    func checkReadsTheDestination() throws {
        let folder = Folder()
        try Self.smallJob(folder)
        try "my notes".write(toFile: folder.file("notes.txt"), atomically: true, encoding: .utf8)
        let refused = [
            ("postgres://u@127.0.0.1:1/db?bogus=1", "unknown URL parameter \"bogus\""),
            ("postgres://u@127.0.0.1:1", "the URL names no database"),
            ("postgres://u@127.0.0.1:1/db?schema=pg_catalog", "system schema"),
            ("sqlite:s.db", "the destination is the source database itself"),
            ("sqlite:notes.txt", "is not a SQLite database"),
        ]
        for (destination, message) in refused {
            try folder.write("understudy.yml", "version: 1\nsource: sqlite:s.db\ndestination: \"\(destination)\"\nsecret: env:UNDERSTUDY_SECRET\n")
            let result = try CLI.run(["check"], in: folder.path)
            #expect(result.status == 1, "\(destination): \(result.stdout)")
            #expect(result.stderr.contains("understudy.yml:3:") && result.stderr.contains(message), "\(destination): \(result.stderr)")
        }
        try folder.write("understudy.yml", "version: 1\nsource: sqlite:s.db\ndestination: sqlite:/nonexistent/folder/copy.db\nsecret: env:UNDERSTUDY_SECRET\n")
        let missing = try CLI.run(["check"], in: folder.path)
        #expect(missing.status == 0, "\(missing.stderr)")
        #expect(missing.stdout.contains("UND-W021") && missing.stdout.contains("the destination folder /nonexistent/folder does not exist"), "\(missing.stdout)")
    }

    @Test("check fails where a run into PostgreSQL would on names it cannot hold (empty; two that 63 bytes cut to one) and on tables of more columns than it holds (1,600), before it connects to the destination (check passed)")
    func checkRefusesNamesPostgresCannotHold() throws {
        let folder = Folder()
        let long = String(repeating: "measurement_", count: 6)
        try CLI.sqlite3(folder.file("s.db"), #"CREATE TABLE notes ("" TEXT, body TEXT); CREATE TABLE "\#(long)a" (id INTEGER PRIMARY KEY); CREATE TABLE "\#(long)b" (id INTEGER PRIMARY KEY);"#)
        try folder.write("understudy.yml", "version: 1\nsource: sqlite:s.db\ndestination: \"postgres://u@127.0.0.1:1/db?connect_timeout=2\"\nsecret: env:UNDERSTUDY_SECRET\n")
        let result = try CLI.run(["check"], in: folder.path)
        #expect(result.status == 1, "\(result.stdout)")
        #expect(result.stderr.contains("understudy.yml:3:") && result.stderr.contains(#"column "" of table notes (an empty name)"#)
                && result.stderr.contains("table \(long)a and table \(long)b") && result.stderr.contains("63 bytes"), "\(result.stderr)")
        // A table of more columns than PostgreSQL's 1,600 (SQLite holds 2,000): check passed, and the run failed at the table.
        let wide = Folder()
        try CLI.sqlite3(wide.file("s.db"), "CREATE TABLE wide (id INTEGER PRIMARY KEY, " + (1...1700).map { "c\($0) TEXT" }.joined(separator: ", ") + "); CREATE TABLE fine (id INTEGER PRIMARY KEY);")
        try wide.write("understudy.yml", "version: 1\nsource: sqlite:s.db\ndestination: \"postgres://u@127.0.0.1:1/db?connect_timeout=2\"\nsecret: env:UNDERSTUDY_SECRET\n")
        let tooWide = try CLI.run(["check"], in: wide.path)
        #expect(tooWide.status == 1 && tooWide.stderr.contains("table wide (1,701 columns)") && tooWide.stderr.contains("1,600") && !tooWide.stderr.contains("fine"), "\(tooWide.stderr)")
    }

    @Test("check fails where a SQLite → PostgreSQL run would on sampled values PostgreSQL's type refuses — text in a number column, a fraction in an integer column, a NUL character in text, an empty string, a day-first date or a word in a date column, a 25th hour or a Unix time in a timestamp column, `maybe` in a boolean, a UUID that is none, JSON that does not parse — naming the column (check passed, and the night's run stopped at the row); a column given a generator is not judged")
    func checkReadsValuesPostgresRefuses() throws {
        let folder = Folder()
        let fine = "'2024-01-02', '2024-01-02 10:00:00', 1, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{\"a\": 1}'"
        let cases = [
            ("INSERT INTO m VALUES (1, 'abc', 1.5, 'ok', \(fine))", "m.n"),
            ("INSERT INTO m VALUES (1, 1.5, 1.5, 'ok', \(fine))", "m.n"),
            ("INSERT INTO m VALUES (1, 2, 'many', 'ok', \(fine))", "m.r"),
            ("INSERT INTO m VALUES (1, 2, 2.5, 'a' || char(0) || 'b', \(fine))", "m.t"),
            // Dates, times, booleans, UUIDs and JSON as SQLite lets them in and PostgreSQL's types refuse them.
            ("INSERT INTO m VALUES (1, 2, 2.5, 'ok', '', '2024-01-02', 1, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{}')", "m.d"),
            ("INSERT INTO m VALUES (1, 2, 2.5, 'ok', '14/03/2020', '2024-01-02', 1, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{}')", "m.d"),
            ("INSERT INTO m VALUES (1, 2, 2.5, 'ok', 'unknown', '2024-01-02', 1, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{}')", "m.d"),
            ("INSERT INTO m VALUES (1, 2, 2.5, 'ok', '2024-01-02', '2024-02-30 10:00', 1, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{}')", "m.ts"),
            ("INSERT INTO m VALUES (1, 2, 2.5, 'ok', '2024-01-02', '2024-01-02 25:00', 1, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{}')", "m.ts"),
            ("INSERT INTO m VALUES (1, 2, 2.5, 'ok', '2024-01-02', 1700000000, 1, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{}')", "m.ts"),
            ("INSERT INTO m VALUES (1, 2, 2.5, 'ok', '2024-01-02', '2024-01-02', 'maybe', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{}')", "m.b"),
            ("INSERT INTO m VALUES (1, 2, 2.5, 'ok', '2024-01-02', '2024-01-02', 0.5, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{}')", "m.b"),
            ("INSERT INTO m VALUES (1, 2, 2.5, 'ok', '2024-01-02', '2024-01-02', 1, 'not-a-uuid', '{}')", "m.u"),
            ("INSERT INTO m VALUES (1, 2, 2.5, 'ok', '2024-01-02', '2024-01-02', 1, 42, '{}')", "m.u"),
            ("INSERT INTO m VALUES (1, 2, 2.5, 'ok', '2024-01-02', '2024-01-02', 1, 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{bad json')", "m.j"),
        ]
        for (insert, place) in cases {
            try? FileManager.default.removeItem(atPath: folder.file("s.db"))
            try CLI.sqlite3(folder.file("s.db"), "CREATE TABLE m (id INTEGER PRIMARY KEY, n INTEGER, r REAL, t TEXT, d DATE, ts TIMESTAMP, b BOOLEAN, u UUID, j JSON); \(insert); INSERT INTO m VALUES (2, 7, 0.5, 'fine', \(fine));")
            try folder.write("understudy.yml", "version: 1\nsource: sqlite:s.db\ndestination: \"postgres://u@127.0.0.1:1/db?connect_timeout=2\"\nsecret: env:UNDERSTUDY_SECRET\n")
            let result = try CLI.run(["check"], in: folder.path)
            #expect(result.status == 1 && result.stderr.contains(place) && result.stderr.contains("1 of 2 sampled rows"), "\(insert): \(result.stdout) \(result.stderr)")
        }
        // The column given a generator writes values of its type: not judged.
        try folder.write("understudy.yml", "version: 1\nsource: sqlite:s.db\ndestination: \"postgres://u@127.0.0.1:1/db?connect_timeout=2\"\nsecret: env:UNDERSTUDY_SECRET\ntables:\n  m:\n    columns:\n      j: { generator: \"null\" }\n")
        let fixed = try CLI.run(["check"], in: folder.path)
        #expect(fixed.status == 0, "\(fixed.stderr)")
    }

    @Test("init refuses a destination the run would refuse — the source itself, a file that is no database, a PostgreSQL system schema — writing no workspace (it wrote one that check and run then refused); one whose tables the destination cannot hold is written with a note")
    func initReadsTheDestination() throws {
        let folder = Folder()
        try Self.smallJob(folder)
        try "my notes".write(toFile: folder.file("notes.txt"), atomically: true, encoding: .utf8)
        for (destination, message) in [("sqlite:s.db", "the destination is the source database itself"), ("sqlite:notes.txt", "is not a SQLite database"),
                                       ("postgres://u@127.0.0.1:1/db?schema=pg_catalog", "system schema")] {
            let result = try CLI.run(["init", "--source", "sqlite:s.db", "--destination", destination, "--out", "new.yml"], in: folder.path)
            #expect(result.status != 0 && result.stderr.contains(message) && result.stderr.contains("--destination"), "\(destination): \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.file("new.yml")), "\(destination)")
        }
        let long = String(repeating: "measurement_", count: 6)
        try CLI.sqlite3(folder.file("odd.db"), #"CREATE TABLE "\#(long)a" (id INTEGER PRIMARY KEY); CREATE TABLE "\#(long)b" (id INTEGER PRIMARY KEY);"#)
        let noted = try CLI.run(["init", "--source", "sqlite:odd.db", "--destination", "postgres://u@127.0.0.1:1/db", "--out", "odd.yml"], in: folder.path)
        #expect(noted.status == 0 && noted.stderr.contains("note:") && noted.stderr.contains("63 bytes") && FileManager.default.fileExists(atPath: folder.file("odd.yml")), "\(noted.stderr)")
    }

    @Test("no password of a URL reaches the terminal: not the one in the user part, not libpq's password= parameter (the run printed the destination URL as written)")
    func passwordsStayOffTheTerminal() throws {
        let folder = Folder()
        try Self.smallJob(folder)
        try folder.write("understudy.yml", "version: 1\nsource: sqlite:s.db\ndestination: \"postgres://u:hunter2@127.0.0.1:1/db?password=swordfish&connect_timeout=2\"\nsecret: env:UNDERSTUDY_SECRET\n")
        for command in [["run"], ["check"]] {
            let result = try CLI.run(command, environment: secret, in: folder.path)
            #expect(!(result.stdout + result.stderr).contains("hunter2") && !(result.stdout + result.stderr).contains("swordfish"), "\(command): \(result.stdout) \(result.stderr)")
            if command == ["check"] { #expect(result.stdout.contains("UND-W005"), "\(result.stdout) \(result.stderr)") }
        }
    }

    @Test("a key file that others can read is used with a warning")
    func keyFilePermissions() throws {
        let folder = Folder()
        try Self.smallJob(folder)
        try folder.write("key", "0123456789abcdef0123456789abcdef")
        chmod(folder.file("key"), 0o644)
        let text = try String(contentsOfFile: folder.file("understudy.yml"), encoding: .utf8).replacingOccurrences(of: "env:UNDERSTUDY_SECRET", with: "file:key")
        try folder.write("understudy.yml", text)
        let result = try CLI.run(["run"], in: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("chmod 600"), "\(result.stderr)")
    }
}

@Suite("Schema compare")
struct SchemaCompareTests {
    @Test("schema compare exits 0 for a copy and 1 with the differences otherwise; the run report says whether the schema matched")
    func compare() throws {
        let folder = Folder()
        try CLI.sqlite3(folder.file("s.db"), "CREATE TABLE c (id INTEGER PRIMARY KEY, email TEXT UNIQUE); CREATE INDEX c_email ON c (lower(email)); CREATE VIEW v AS SELECT id FROM c; INSERT INTO c VALUES (1, 'a@b.example');")
        try folder.write("understudy.yml", "version: 1\nsource: sqlite:s.db\ndestination: sqlite:d.db\nsecret: env:UNDERSTUDY_SECRET\ntables:\n  c:\n    columns:\n      email: email\n")
        let run = try CLI.run(["run", "--json"], environment: secret, in: folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        #expect((report?["schema"] as? [String: Any])?["matches"] as? Bool == true)
        let same = try CLI.run(["schema", "compare", "sqlite:s.db", "sqlite:d.db"], in: folder.path)
        #expect(same.status == 0, "\(same.stdout)\(same.stderr)")
        try CLI.sqlite3(folder.file("d.db"), "DROP INDEX c_email; ALTER TABLE c ADD COLUMN note TEXT;")
        let different = try CLI.run(["schema", "compare", "sqlite:s.db", "sqlite:d.db"], in: folder.path)
        #expect(different.status == 1)
        #expect(different.stdout.contains("- index c.c_email"), "\(different.stdout)")
        #expect(different.stdout.contains("+ column c.note"), "\(different.stdout)")
    }
}

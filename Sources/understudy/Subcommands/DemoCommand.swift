import ArgumentParser
import Foundation
import UnderstudyCore
import UnderstudyKit
import UnderstudySQLite

/// `understudy demo`: builds a marketplace database, writes its workspace, runs it and shows
/// what happened — the first thing a new user sees.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Build a demo marketplace database, de-identify it, and show the result.")

    @Option(help: "Where to put the demo's files.")
    var dir = "understudy-demo"

    @Option(help: "Multiply the demo's row counts (1 ≈ 142,000 rows).")
    var scale = 1

    @Flag(help: "Print only the final paths.")
    var quiet = false

    func validate() throws {
        guard (1...100).contains(scale) else { throw ValidationError("--scale must be between 1 and 100") }
    }

    func run() async throws {
        Understudy.interruptMessage = Understudy.runInterrupted
        let folder = URL(fileURLWithPath: dir).standardizedFileURL
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw AdapterError(code: .writeFailed, message: "cannot create the demo folder: \(error.localizedDescription)", place: folder.path)
        }
        let sourcePath = folder.appendingPathComponent("marketplace.db").path
        let destinationPath = folder.appendingPathComponent("marketplace-dev.db").path
        let keyPath = folder.appendingPathComponent("understudy.key").path
        let workspacePath = folder.appendingPathComponent("understudy.yml").path

        say("Building the demo marketplace (users, addresses, items, bids, orders, payments, support tickets)…")
        let counts = try MarketplaceDemo.build(at: sourcePath, scale: scale)
        say("  \(Console.count(Int64(counts.values.reduce(0, +)))) rows in \(counts.count) tables → \(sourcePath)")
        if !FileManager.default.fileExists(atPath: keyPath) {
            var generator = SystemRandomNumberGenerator()
            let hex = (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
            guard FileManager.default.createFile(atPath: keyPath, contents: Data((hex + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
                throw UsageError(message: "cannot write the demo's key file \(keyPath); make the folder writable")
            }
        }
        // The schema the workspace was written for, as `init` records it: a run of it again (as the
        // demo suggests) has nothing to warn of.
        let schema = try await Databases.closing(try await Databases.openSource("sqlite://" + sourcePath, role: "source")) { try await $0.introspect() }
        let workspace = MarketplaceDemo.workspace(source: "sqlite://" + sourcePath, destination: "sqlite://" + destinationPath, secretFile: keyPath)
            + WorkspaceWriter.reviewedSchemaSection(schema)
        try FileReplacement.write(Data(workspace.utf8), to: workspacePath)
        say("Wrote the workspace \(workspacePath)\n")

        let job = try await Job(workspacePath: workspacePath)
        let progress: any ProgressObserver = quiet ? SilentProgress() : TerminalProgress(live: Console.standardErrorIsTerminal, tableNames: job.plan.tables.map(\.table.name))
        say("Running it: \(job.source.displayName) → sqlite://\(destinationPath)")
        let reportPath = folder.appendingPathComponent("understudy.report.json").path
        let reportFile = try ReportFile(path: reportPath, protected: job.protectedFiles(workspacePath: workspacePath))
        let report: RunReport
        do {
            report = try await job.run(options: .init(jobs: ProcessInfo.processInfo.activeProcessorCount), progress: progress)
        } catch {
            reportFile.discard()
            throw error
        }
        try RunCommand.write(report, to: reportFile)
        if quiet {
            Console.out(destinationPath)
            return
        }
        RunCommand.printSummary(report, reportPath: reportPath)
        try await showSample(job: job, destinationPath: destinationPath)
        Console.out("""

            Files in \(folder.path):
              marketplace.db         the "production" source (never written by understudy)
              marketplace-dev.db     the safe copy
              understudy.yml         the workspace: edit it, then `understudy run \(ShellWord.quoted(workspacePath))`
              understudy.key         the secret that keys every generator (keep it out of git)
              understudy.report.json what the run did

            Try next:
              understudy preview \(ShellWord.quoted(workspacePath)) --table support_tickets --limit 3
              sqlite3 \(destinationPath) "SELECT u.email, count(*) FROM users u JOIN orders o ON o.buyer_id = u.id GROUP BY u.id LIMIT 5"
              understudy generators
            """)
    }

    func say(_ text: String) {
        if !quiet { Console.out(text) }
    }

    /// A few users before and after, and a join counted in both files.
    func showSample(job: Job, destinationPath: String) async throws {
        guard let users = job.plan.table(named: "users") else { return }
        let before = try await job.source.firstRows(of: users.table, limit: 3)
        let after = try TableTransform(plan: users, key: job.key).apply(before)
        Console.out("\nThe first users, before → after:")
        let shown = ["id", "email", "first_name", "last_name", "phone", "birth_date"]
        for row in 0..<before.count {
            for name in shown {
                guard let c = before.columnIndex(name) else { continue }
                Console.out("  \(name.rightPadded(11)) \(before.columns[c][row].displayText.rightPadded(34)) → \(after.columns[c][row].displayText)")
            }
            Console.out("")
        }
        let join = "SELECT count(*) FROM orders o JOIN users u ON u.id = o.buyer_id JOIN addresses a ON a.user_id = u.id"
        let copy = try SQLiteSource(path: destinationPath)
        let original = try SQLiteSource(path: (job.source as? SQLiteSource)?.path ?? "")
        Console.out("Joins survive: orders ⋈ users ⋈ addresses has \(Console.count(try original.count(join))) rows in the source and \(Console.count(try copy.count(join))) in the copy,")
        Console.out("although every user id, and every foreign key that points at one, was replaced.")
    }
}

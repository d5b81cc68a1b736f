import ArgumentParser
import Foundation
import UnderstudyCore
import UnderstudyKit
import UnderstudySQLite

/// `understudy init`: writes a first workspace for a source database.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a workspace listing every table and column of a source, with suggested generators.")

    @Option(help: "The source database URL, e.g. sqlite:///path/to/prod.db")
    var source: String

    @Option(help: "The destination database URL, e.g. sqlite:///path/to/dev.db")
    var destination: String

    @Option(help: "The workspace file to write.")
    var out = "understudy.yml"

    @Flag(help: "Replace the workspace file if it exists.")
    var force = false

    func run() async throws {
        for (url, role) in [(source, "--source"), (destination, "--destination")] {
            do {
                _ = try DatabaseURL(url, role: role)
            } catch {
                throw UsageError(message: error.description)
            }
        }
        if FileManager.default.fileExists(atPath: out), !force {
            throw UsageError(message: "\(out) exists; pass --force to replace it, or --out to write another file")
        }
        let (schema, findings) = try await Databases.closing(try await Databases.openSource(source, role: "--source")) { database in
            let schema = try await database.introspect()
            return (schema, try await Scanner().scan(schema: schema) { try await database.sample(of: $0, size: 1_000) })
        }
        // A workspace is meant for git: passwords stay out of it (runs take them from PGPASSWORD or ~/.pgpass).
        let safeSource = DatabaseURL.withoutSecrets(source), safeDestination = DatabaseURL.withoutSecrets(destination)
        let written = [(safeSource, "--source"), (safeDestination, "--destination")].filter { $0.0 != nil }.map(\.1)
        let text = WorkspaceWriter().yaml(schema: schema, source: safeSource ?? source, destination: safeDestination ?? destination, findings: findings)
        do {
            try text.write(toFile: out, atomically: true, encoding: .utf8)
        } catch {
            throw AdapterError(code: .writeFailed, message: "cannot write the workspace file: \(error.localizedDescription)", place: out)
        }
        if !written.isEmpty {
            Console.error("note: the password in \(written.joined(separator: " and ")) was left out of \(out), which is meant for git; give it to runs with PGPASSWORD or a ~/.pgpass entry")
        }
        let suggested = text.split(separator: "\n").filter { $0.contains("{ generator:") && !$0.contains("passthrough") && !$0.hasPrefix("#") }.count
        print("""
            Wrote \(out): \(schema.tables.count) tables, \(schema.tables.reduce(0) { $0 + $1.storedColumns.count }) columns, \
            \(suggested) with a suggested generator.
            Next: review it, set the secret (export UNDERSTUDY_SECRET=$(openssl rand -hex 32)),
            check a table with `understudy preview \(out) --table NAME`, then `understudy run \(out)`.
            """)
    }
}

import ArgumentParser
import Foundation
import UnderstudyCore
import UnderstudyKit
import UnderstudySQLite

/// `understudy decrypt`: recovers source values of a reversible column from destination values.
struct DecryptCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decrypt",
        abstract: "Recover original values of a reversibly de-identified column (fpe.*, credit-card, ssn, iban, ip-address, mac-address).",
        discussion: "Needs the workspace's secret. Every use is appended to <workspace>.audit.jsonl (who, when, table, column, how many values; never the values). Without VALUE arguments, reads one value per line from standard input.")

    @Option(help: "The workspace file.")
    var workspace = "understudy.yml"

    @Option(help: "The table.")
    var table: String

    @Option(help: "The column.")
    var column: String

    @Option(help: "The report of the run that made the copy (default: next to the workspace, <name>.report.json): its key fingerprint must match the secret's.")
    var report: String?

    @Argument(help: "The destination values to reverse.")
    var values: [String] = []

    func run() async throws {
        let loaded = try WorkspaceLoader.load(path: workspace)
        let key = try loaded.secret.resolve(in: loaded)
        try checkFingerprint(of: key)
        // The destination holds the same schema as the source; prefer it, since decrypting is about its values.
        let schemaSource: any SamplingSource
        if case .sqlite(let path)? = try? DatabaseURL(loaded.destination, role: "destination", relativeTo: loaded.baseDirectory),
           FileManager.default.fileExists(atPath: path) {
            schemaSource = try SQLiteSource(path: path)
        } else {
            schemaSource = try await Databases.openSource(of: loaded)
        }
        let introspected: DatabaseSchema
        do {
            introspected = try await schemaSource.introspect()
            await schemaSource.close()
        } catch {
            await schemaSource.close()
            throw error
        }
        let plan = try RunPlanner().plan(loaded, schema: introspected)
        guard let tablePlan = plan.table(named: table) else {
            throw UsageError(message: "the workspace's database has no table \"\(table)\"\(Suggestion.hint(for: table, in: plan.tables.map(\.table.name)))")
        }
        guard tablePlan.table.column(named: column) != nil else {
            throw UsageError(message: "table \(table) has no column \"\(column)\"\(Suggestion.hint(for: column, in: tablePlan.table.columns.map(\.name)))")
        }
        guard let columnPlan = tablePlan.plan(forColumn: column), let definition = GeneratorRegistry.standard.definition(named: columnPlan.generator) else {
            throw UsageError(message: "\(table).\(column) is copied unchanged, so there is nothing to reverse\(Suggestion.hint(for: column, in: tablePlan.columns.map(\.column)))")
        }
        guard definition.isReversible else {
            throw UsageError(message: "\(table).\(column) uses \(columnPlan.generator), which is not reversible; reversible generators: \(GeneratorRegistry.standard.definitions.filter(\.isReversible).map(\.name).joined(separator: ", "))")
        }
        let transform = try TableTransform(plan: TablePlan(table: tablePlan.table, mode: tablePlan.mode, columns: [columnPlan]), key: key)
        guard let generator = transform.generator(forColumn: column) as? any ReversibleGenerator else {
            throw UsageError(message: "\(table).\(column) cannot be reversed")
        }
        // The audit log must be writable before anything is revealed.
        let audit = try Self.openAuditLog(workspace: workspace)
        let type = tablePlan.table.column(named: column)?.logicalType
        let inputs = values.isEmpty ? AnyIterator { readLine() }.map { $0 } : values
        var revealed: [String] = []
        for text in inputs {
            let value: Value = type == .integer ? (Int64(text).map { .integer($0) } ?? .text(text)) : .text(text)
            revealed.append(try generator.reverse(value).displayText)
        }
        // The audit line is written before any value is shown.
        try Self.audit(audit, workspace: workspace, fingerprint: key.fingerprint, table: table, column: column, count: revealed.count)
        for text in revealed { print(text) }
    }

    /// Refuses a secret other than the one the run used: the report of the run records its key's
    /// fingerprint, and a wrong key would print plausible, wrong values.
    func checkFingerprint(of key: MasterKey) throws {
        let path = report ?? RunCommand.defaultReportPath(for: workspace)
        guard let data = FileManager.default.contents(atPath: path) else {
            if report != nil { throw UsageError(message: "--report \(path): no such file; name the report of the run that made the copy") }
            Console.error("warning: no run report at \(path), so the secret cannot be checked against the one that made the copy; a wrong secret gives wrong values")
            return
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let recorded = object["keyFingerprint"] as? String else {
            throw CommandFailure(message: "\(path) is not a run report (no keyFingerprint); name the report of the run that made the copy with --report")
        }
        guard recorded == key.fingerprint else {
            throw CommandFailure(message: "the secret's key fingerprint \(key.fingerprint) is not the one that made the copy (\(recorded), in \(path)); nothing was decrypted. Set the secret the run used")
        }
    }

    /// `<workspace>.audit.jsonl`, opened for appending (created with owner-only permissions).
    static func openAuditLog(workspace: String) throws -> FileHandle {
        let path = URL(fileURLWithPath: workspace).deletingPathExtension().path + ".audit.jsonl"
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        guard let handle = FileHandle(forWritingAtPath: path) else {
            throw UsageError(message: "cannot write the audit log \(path), so nothing is decrypted; make its folder writable")
        }
        handle.seekToEndOfFile()
        return handle
    }

    /// Appends one line per use; values are never written. The user is the process's own
    /// (its effective uid's name), not `$USER`, which anyone can set.
    static func audit(_ handle: FileHandle, workspace: String, fingerprint: String, table: String, column: String, count: Int) throws {
        let uid = geteuid()
        let user = getpwuid(uid).map { String(cString: $0.pointee.pw_name) } ?? "uid \(uid)"
        let entry: [String: Any] = [
            "event": "decrypt", "at": ISO8601DateFormatter().string(from: Date()),
            "user": user, "uid": Int(uid),
            "workspace": workspace, "keyFingerprint": fingerprint, "table": table, "column": column, "values": count,
        ]
        var line = try JSONSerialization.data(withJSONObject: entry, options: [.sortedKeys])
        line.append(0x0A)
        do {
            try handle.write(contentsOf: line)
            try handle.synchronize()
            try handle.close()
        } catch {
            throw UsageError(message: "cannot append to the audit log, so nothing is shown; make it writable")
        }
    }
}

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
        let introspected = try await Databases.closing(schemaSource) { try await $0.introspect() }
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
        let audit = try AuditLog(workspace: workspace)
        let type = tablePlan.table.column(named: column)?.logicalType
        let inputs = values.isEmpty ? AnyIterator { readLine() }.map { $0 } : values
        var revealed: [String] = []
        for text in inputs {
            let value: Value = type == .integer ? (Int64(text).map { .integer($0) } ?? .text(text)) : .text(text)
            revealed.append(try generator.reverse(value).displayText)
        }
        // The audit line is written before any value is shown.
        try audit.recordDecryption(workspace: workspace, fingerprint: key.fingerprint, table: table, column: column, count: revealed.count)
        for text in revealed { print(text) }
    }

    /// Refuses a secret other than the one the run used (the run's report records its key's fingerprint).
    func checkFingerprint(of key: MasterKey) throws {
        if let warning = try AuditLog.checkKey(key, reportPath: report ?? RunCommand.defaultReportPath(for: workspace), named: report != nil) {
            Console.error("warning: \(warning)")
        }
    }
}

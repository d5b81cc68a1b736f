import Foundation
import UnderstudyCore
import UnderstudySQLite

/// Recovers source values of a reversibly de-identified column from destination values
/// (`understudy decrypt`, and any front end that offers it): the column's generator as the run
/// planned it, the secret checked against the run's report, and every use recorded in the audit log
/// before a value is returned.
public struct Decryption {
    /// A request that cannot be answered as asked (an unknown table or column, a column copied
    /// unchanged or by a generator that cannot be reversed).
    public struct Refusal: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public let table: String
    public let column: String
    /// Set when the run's report records another key than the secret's (or cannot be read).
    public let keyWarning: String?
    private let workspacePath: String
    private let key: MasterKey
    private let generator: any ReversibleGenerator
    private let type: LogicalType?

    /// `reportPath`: the report of the run that made the copy; `reportNamed`: whether the user named
    /// it (a missing report is then an error, not a warning).
    public init(workspacePath: String, table: String, column: String, reportPath: String, reportNamed: Bool) async throws {
        let workspace = try WorkspaceLoader.load(path: workspacePath)
        let key = try workspace.secret.resolve(in: workspace)
        keyWarning = try AuditLog.checkKey(key, reportPath: reportPath, named: reportNamed)
        // The destination holds the same schema as the source; prefer it, since decrypting is about its values.
        let schemaSource: any SamplingSource
        if case .sqlite(let path)? = try? DatabaseURL(workspace.destination, role: "destination", relativeTo: workspace.baseDirectory),
           FileManager.default.fileExists(atPath: path) {
            schemaSource = try SQLiteSource(path: path)
        } else {
            schemaSource = try await Databases.openSource(of: workspace)
        }
        let introspected = try await Databases.closing(schemaSource) { try await $0.introspect() }
        let plan = try RunPlanner().plan(workspace, schema: introspected)
        guard let tablePlan = plan.table(named: table) else {
            throw Refusal(description: "the workspace's database has no table \"\(table)\"\(Suggestion.hint(for: table, in: plan.tables.map(\.table.name)))")
        }
        guard tablePlan.table.column(named: column) != nil else {
            throw Refusal(description: "table \(table) has no column \"\(column)\"\(Suggestion.hint(for: column, in: tablePlan.table.columns.map(\.name)))")
        }
        guard let columnPlan = tablePlan.plan(forColumn: column), let definition = GeneratorRegistry.standard.definition(named: columnPlan.generator) else {
            throw Refusal(description: "\(table).\(column) is copied unchanged, so there is nothing to reverse\(Suggestion.hint(for: column, in: tablePlan.columns.map(\.column)))")
        }
        guard definition.isReversible else {
            throw Refusal(description: "\(table).\(column) uses \(columnPlan.generator), which is not reversible; reversible generators: \(GeneratorRegistry.standard.definitions.filter(\.isReversible).map(\.name).joined(separator: ", "))")
        }
        let transform = try TableTransform(plan: TablePlan(table: tablePlan.table, mode: tablePlan.mode, columns: [columnPlan]), key: key)
        guard let generator = transform.generator(forColumn: column) as? any ReversibleGenerator else {
            throw Refusal(description: "\(table).\(column) cannot be reversed")
        }
        self.table = table
        self.column = column
        self.workspacePath = workspacePath
        self.key = key
        self.generator = generator
        type = tablePlan.table.column(named: column)?.logicalType
    }

    /// The source values of `texts` (destination values); the audit line — who, when, which column,
    /// how many values, never the values — is written before any value is returned, and the log must
    /// be writable before anything is reversed.
    /// Blank text stays blank, as the run left it (a column exported with its NULLs as empty lines);
    /// a value that cannot be reversed stops it, named by its place in `texts` as `name(n)` says it
    /// (`value 2 of 5`, `line 2 of standard input`), and nothing is returned.
    public func reverse(_ texts: [String], name: (Int) -> String = { "value \($0 + 1)" }) throws -> [String] {
        let audit = try AuditLog(workspace: workspacePath)
        var revealed: [String] = []
        revealed.reserveCapacity(texts.count)
        var reversed = 0
        for (n, text) in texts.enumerated() {
            guard !Value.text(text).isBlankText else {
                revealed.append(text)
                continue
            }
            reversed += 1
            let value: Value = type == .integer ? (Int64(text).map { .integer($0) } ?? .text(text)) : .text(text)
            do {
                // Digits of another script, as the run read them: ASCII digits, written back in it.
                revealed.append(try ScriptDigits.through(value) { try generator.reverse($0) }.displayText)
            } catch var error as GeneratorError {
                error.place = "\(table).\(column): \(name(n))"
                throw error
            }
        }
        try audit.recordDecryption(workspace: workspacePath, fingerprint: key.fingerprint, table: table, column: column, count: reversed)
        return revealed
    }
}

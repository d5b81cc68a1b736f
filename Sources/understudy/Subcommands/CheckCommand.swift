import ArgumentParser
import Foundation
import UnderstudyCore
import UnderstudyKit
import UnderstudySQLite

/// `understudy check`: the CI gate. Exit 0 only when the workspace is valid and matches the source.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate the workspace against the source without copying (the CI gate).",
        discussion: "Exits 0 when the workspace is valid and the source matches its reviewed schema, 3 when the source has unreviewed tables or columns, 1 when the workspace is invalid. Reads the schema and samples, never copies. Warns (UND-W001) about columns the scanner finds personal that pass through unchanged. The secret is not needed.")

    @Argument(help: "The workspace file.")
    var workspace = "understudy.yml"

    @Flag(help: "Print the findings as JSON.")
    var json = false

    func run() async throws {
        try await Job.with(workspace, requireSecret: false) { job in try await check(job) }
    }

    func check(_ job: Job) async throws {
        var findings = job.findings
        if case .environment(let name) = job.workspace.secret, ProcessInfo.processInfo.environment[name] == nil {
            findings.append(.init(id: "UND-I001", severity: .info, table: "*", column: nil, message: "the secret \(name) is not set here; runs need it"))
        }
        let scan = try await Scanner().scan(schema: job.schema) { try await job.source.sample(of: $0, size: 1_000) }
        for finding in scan where finding.personal {
            guard let table = job.plan.table(named: finding.table), table.mode != .truncate, table.plan(forColumn: finding.column) == nil else { continue }
            findings.append(.init(
                id: "UND-W001", severity: .warning, table: finding.table, column: finding.column,
                message: "the scanner finds \(finding.kind.phrase) here (confidence \(String(format: "%.2f", finding.confidence))) but it is copied unchanged; consider { generator: \(finding.generator) }"))
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(findings), as: UTF8.self))
        } else {
            for f in findings { print("\(f.severity.rawValue) [\(f.id)] \(f.table)\(f.column.map { ".\($0)" } ?? ""): \(f.message)") }
            print("\(workspace): valid, matches the source (\(job.schema.tables.count) tables); \(findings.filter { $0.severity == .warning }.count) warning(s).")
        }
    }
}

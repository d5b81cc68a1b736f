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
        // The last run's report names an earlier copy's tables, as the run reads it.
        let findings = try await job.checkFindings(previous: RunCommand.previousReport(at: RunCommand.defaultReportPath(for: workspace)))
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(findings), as: UTF8.self))
        } else {
            for f in findings { print("\(f.severity.rawValue) [\(f.id)] \(f.place ?? "*"): \(f.message)") }
            print("\(workspace): valid, matches the source (\(job.schema.tables.count) tables); \(findings.filter { $0.severity == .warning }.count) warning(s).")
        }
    }
}

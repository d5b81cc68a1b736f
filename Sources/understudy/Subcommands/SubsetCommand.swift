import ArgumentParser
import Foundation
import UnderstudyCore

/// `understudy subset --explain`: what a subset will hold, before running it.
struct SubsetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subset",
        abstract: "Explain the workspace's subset: the traversal steps and the rows each table will get.")

    @Argument(help: "The workspace file.")
    var workspace = "understudy.yml"

    @Flag(help: "Print the traversal and row counts (the only mode in this version).")
    var explain = false

    func run() async throws {
        try await Job.with(workspace, requireSecret: false) { job in
            guard job.workspace.subset != nil else {
                throw UsageError(message: "\(workspace) has no `subset:` section; see docs/workspace.md")
            }
            let selection = try await Job.selection(job.workspace.subset!, plan: job.plan, source: job.source, workspace: job.workspace)
            print("Traversal:")
            for step in selection.steps { print("  \(step)") }
            print("\nRows per table (of the source's):")
            var total: Int64 = 0
            for table in job.plan.tables {
                let all = try await job.source.rowCount(of: table.table)
                let rows = selection.keys(of: table.table.name).map { Int64($0.count) } ?? all
                total += rows
                print("  \(table.table.name.rightPadded(24)) \(Console.count(rows).leftPadded(10)) of \(Console.count(all))\(selection.whole.contains(table.table.name) ? "  (lookup table, whole)" : "")")
            }
            // The SQLite benchmark copies about 500,000 transformed rows a second on this class of machine.
            print("\n\(Console.count(total)) rows; a run should take about \(Console.seconds(max(0.1, Double(total) / 500_000))) plus the source scan.")
        }
    }
}

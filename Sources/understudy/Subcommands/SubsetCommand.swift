import ArgumentParser
import Foundation
import UnderstudyCore
import UnderstudyKit

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
            // The job computed the selection while checking the workspace: it is not traversed twice.
            guard let explanation = try await job.explainSubset() else {
                throw UsageError(message: "\(workspace) has no `subset:` section; see docs/workspace.md")
            }
            if explanation.byConditions {
                print("The source finds each table's rows as it is read (no key sets; planned in \(Console.seconds(explanation.planningSeconds))):")
            } else {
                print("Traversal by key sets (\(Console.seconds(explanation.planningSeconds))):")
            }
            for step in explanation.steps { print("  \(step)") }
            print("\nRows per table:")
            for table in explanation.tables {
                print("  \(table.name.rightPadded(24)) \(((table.rowsApproximate ? "~" : "") + Console.count(table.rows)).leftPadded(10)) of \(table.ofApproximate ? "about " : "")\(Console.count(table.of))\(table.wholeLookupTable ? "  (lookup table, whole)" : "")")
            }
            guard let rate = explanation.rowsPerSecond, let rateTable = explanation.rateTable else {
                print("\n\(Console.count(explanation.totalRows)) rows; a run should take about as long as the traversal (\(Console.seconds(explanation.planningSeconds))).")
                return
            }
            let first = !explanation.byConditions
                ? "the traversal (\(Console.seconds(explanation.planningSeconds)), measured just now)"
                : "the source's scans of the tables its conditions read (not counted here)"
            print("""

                \(Console.count(explanation.totalRows)) rows; a run should take about \(Console.seconds(explanation.estimatedSeconds)): \(first), \
                then reading and writing the rows at about \(Console.count(Int64(rate))) rows/s (read from \(rateTable) \
                just now; writing counted as long as reading), plus keys, indexes and verification.
                """)
        }
    }
}

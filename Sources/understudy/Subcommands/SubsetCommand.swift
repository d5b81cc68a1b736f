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
            guard let selection = job.selection, let subsetSource = job.source as? any SubsetSource else {
                throw UsageError(message: "\(workspace) has no `subset:` section; see docs/workspace.md")
            }
            if selection.conditions != nil {
                print("The source finds each table's rows as it is read (no key sets; planned in \(Console.seconds(selection.seconds))):")
            } else {
                print("Traversal by key sets (\(Console.seconds(selection.seconds))):")
            }
            for step in selection.steps { print("  \(step)") }
            // Table sizes from the source's statistics where it has them (no count over a large table).
            let estimating = job.source as? any EstimatingSource
            print("\nRows per table:")
            var total: Int64 = 0
            var largest: (table: Table, rows: Int64)?
            for table in job.plan.tables {
                var all: Int64
                var approximate = false
                if let estimate = try await estimating?.estimatedRowCount(of: table.table) {
                    all = estimate
                    approximate = true
                } else {
                    all = try await job.source.rowCount(of: table.table)
                }
                let rows: Int64
                var approximateRows = false
                switch selection.rows(of: table.table.name) {
                case .all: rows = all
                case .keys(let keys): rows = Int64(keys.count)
                case .condition(.any([])): rows = 0
                case .condition(let condition):
                    // The server's estimate of the condition (PostgreSQL's planner), or a count (SQLite).
                    let counted = try await subsetSource.estimatedRowCount(of: table.table, where: condition)
                    rows = counted.rows
                    approximateRows = !counted.exact
                }
                all = max(all, rows)
                total += rows
                if !table.table.primaryKey.isEmpty, rows > (largest?.rows ?? 0) { largest = (table.table, rows) }
                print("  \(table.table.name.rightPadded(24)) \(((approximateRows ? "~" : "") + Console.count(rows)).leftPadded(10)) of \(approximate ? "about " : "")\(Console.count(all))\(selection.whole.contains(table.table.name) ? "  (lookup table, whole)" : "")")
            }
            // The time: the traversal (or planning) measured above, then the rows at the read rate measured on a sample of the largest table.
            guard let largest, total > 0 else {
                print("\n\(Console.count(total)) rows; a run should take about as long as the traversal (\(Console.seconds(selection.seconds))).")
                return
            }
            let sampleSize = Int(min(largest.rows, 20_000))
            let started = Date()
            let sample = try await job.source.firstRows(of: largest.table, limit: sampleSize)
            let rate = Double(max(1, sample.count)) / max(0.001, Date().timeIntervalSince(started))
            let estimate = selection.seconds + 2 * Double(total) / rate
            let first = selection.conditions == nil
                ? "the traversal (\(Console.seconds(selection.seconds)), measured just now)"
                : "the source's scans of the tables its conditions read (not counted here)"
            print("""

                \(Console.count(total)) rows; a run should take about \(Console.seconds(estimate)): \(first), \
                then reading and writing the rows at about \(Console.count(Int64(rate))) rows/s (read from \(largest.table.name) \
                just now; writing counted as long as reading), plus keys, indexes and verification.
                """)
        }
    }
}

import ArgumentParser
import Foundation
import UnderstudyCore
import UnderstudyKit

/// `understudy preview`: a table's first rows before and after the workspace's generators.
struct PreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Show a table's first rows before and after de-identification, side by side.",
        discussion: "This prints source values on your terminal: run it where you may see production data.")

    @Argument(help: "The workspace file.")
    var workspace = "understudy.yml"

    @Option(help: "The table to preview.")
    var table: String

    @Option(help: "How many rows.")
    var limit = 5

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
        guard limit <= 10_000 else { throw ValidationError("--limit must be at most 10,000 rows (a preview is read side by side; `run` copies whole tables)") }
    }

    func run() async throws {
        try await Job.with(workspace) { job in try await run(job) }
    }

    func run(_ job: Job) async throws {
        guard let preview = try await job.preview(table: table, limit: limit) else {
            if let left = job.plan.excludedTables.first(where: { $0 == table }) {
                throw UsageError(message: "table \(left) is left out of the copy (`mode: exclude`): the destination gets neither its schema nor its rows; give it another mode to preview it")
            }
            throw UsageError(message: "the source has no table \"\(table)\"\(Suggestion.hint(for: table, in: job.schema.tables.map(\.name)))")
        }
        let (plan, before, after) = (preview.plan, preview.before, preview.after)
        print("\(plan.table.name) (mode \(plan.mode.rawValue)): first \(before.count) rows; * marks transformed columns\n")
        if plan.mode == .truncate { print("This table is truncated: the destination gets its schema and no rows.\n") }
        if plan.mode == .synthesize { print("This table is synthesized: on the right, the first rows its model generates — new rows, not the rows on the left changed.\n") }
        let width = before.columnNames.map(\.count).max() ?? 0
        for row in 0..<before.count {
            print("row \(row + 1)")
            for (c, name) in before.columnNames.enumerated() {
                let columnPlan = plan.plan(forColumn: name)
                let mark = columnPlan == nil && plan.mode != .synthesize ? " " : "*"
                let old = Self.clip(before.columns[c][row].displayText)
                let label = name + String(repeating: " ", count: width - name.count)
                let new = after.columnIndex(name).map { Self.clip(after.columns[$0][row].displayText) } ?? ""
                if let columnPlan {
                    let via = columnPlan.inheritedFrom.map { "follows \($0)" } ?? columnPlan.generator
                    print("\(mark) \(label)  \(old.rightPadded(34)) → \(new)   (\(via))")
                } else if plan.mode == .synthesize {
                    print("\(mark) \(label)  \(old.rightPadded(34)) → \(new)   (model)")
                } else {
                    print("\(mark) \(label)  \(old)")
                }
            }
            print("")
        }
    }

    static func clip(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: "⏎")
        return flat.count > 60 ? String(flat.prefix(59)) + "…" : flat
    }
}

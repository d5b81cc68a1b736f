/// The difference between the schema a person reviewed (recorded in the workspace) and the
/// source as it is now.
public struct SchemaDrift: Sendable, Equatable {
    public enum Change: Sendable, Equatable {
        case newTable(String)
        case droppedTable(String)
        case newColumn(table: String, column: String, type: String)
        case droppedColumn(table: String, column: String)
        case typeChanged(table: String, column: String, from: String, to: String)

        public var table: String {
            switch self {
            case .newTable(let t), .droppedTable(let t): t
            case .newColumn(let t, _, _), .droppedColumn(let t, _), .typeChanged(let t, _, _, _): t
            }
        }

        public var column: String? {
            switch self {
            case .newTable, .droppedTable: nil
            case .newColumn(_, let c, _), .droppedColumn(_, let c), .typeChanged(_, let c, _, _): c
            }
        }

        /// New or changed: a person must look at it before data flows.
        public var needsReview: Bool {
            switch self {
            case .droppedTable, .droppedColumn: false
            default: true
            }
        }

        public var description: String {
            switch self {
            case .newTable(let t): "new table \(t)"
            case .droppedTable(let t): "table \(t) is gone from the source"
            case .newColumn(let t, let c, let type): "new column \(t).\(c) (\(type))"
            case .droppedColumn(let t, let c): "column \(t).\(c) is gone from the source"
            case .typeChanged(let t, let c, let from, let to): "column \(t).\(c) changed from \(from) to \(to)"
            }
        }

        /// `TABLE.COLUMN` or `TABLE`, as `schema ack` takes it.
        public var target: String { column.map { "\(table).\($0)" } ?? table }
    }

    public var changes: [Change]

    public var unreviewed: [Change] { changes.filter(\.needsReview) }

    /// The changes a person names: `TABLE.COLUMN` one column's, `TABLE` every change of the table
    /// (the table's own and its columns'). Throws ``Unmatched`` with the closest targets when none match.
    public func changes(matching targets: [String]) throws(Unmatched) -> [Change] {
        var chosen: [Change] = []
        for target in targets {
            let matching = changes.filter { $0.target == target || $0.table == target && !target.contains(".") }
            guard !matching.isEmpty else {
                throw Unmatched(description: "\(target) has no difference to acknowledge\(Suggestion.hint(for: target, in: changes.map(\.target)))")
            }
            chosen += matching.filter { change in !chosen.contains(change) }
        }
        return chosen
    }

    /// A target that names no change.
    public struct Unmatched: Error, CustomStringConvertible, Sendable {
        public var description: String
    }
    public var isEmpty: Bool { changes.isEmpty }

    /// Compares; tables and columns come in the source's order.
    public init(reviewed: ReviewedSchema, actual: DatabaseSchema) {
        var changes: [Change] = []
        for table in actual.tables {
            guard let reviewedColumns = reviewed.columns(of: table.name) else {
                changes.append(.newTable(table.name))
                continue
            }
            for column in table.storedColumns {
                let now = ReviewedSchema.ReviewedColumn(column)
                if let before = reviewedColumns.first(where: { $0.name == column.name }) {
                    if before != now { changes.append(.typeChanged(table: table.name, column: column.name, from: before.text, to: now.text)) }
                } else {
                    changes.append(.newColumn(table: table.name, column: column.name, type: now.text))
                }
            }
            for column in reviewedColumns where table.column(named: column.name) == nil {
                changes.append(.droppedColumn(table: table.name, column: column.name))
            }
        }
        for table in reviewed.tables where actual.table(named: table.name) == nil {
            changes.append(.droppedTable(table.name))
        }
        self.changes = changes
    }
}

/// A run stopped because the source has tables or columns nobody reviewed (exit code 3).
public struct UnreviewedSchemaError: Error, CustomStringConvertible, Sendable {
    public var changes: [SchemaDrift.Change]
    /// Scanner verdicts for the new columns, by `table.column`.
    public var verdicts: [String: ScanFinding]
    public var workspace: String

    public init(changes: [SchemaDrift.Change], verdicts: [String: ScanFinding], workspace: String) {
        self.changes = changes
        self.verdicts = verdicts
        self.workspace = workspace
    }

    public var description: String {
        var lines = ["the source has \(changes.count) table(s) or column(s) that nobody reviewed; no row was read:"]
        for change in changes {
            var line = "  \(change.description)"
            if let column = change.column, let verdict = verdicts["\(change.table).\(column)"], verdict.confidence >= 0.3 {
                line += " — scanner: \(verdict.kind.phrase) (confidence \(String(format: "%.2f", verdict.confidence))), suggests \(verdict.generator)"
                if verdict.personal { line += "; acknowledge with --generator \(verdict.generator)" }
            } else if change.column != nil {
                line += " — scanner: nothing personal found"
            } else {
                let personal = verdicts.values.filter { $0.table == change.table && $0.personal }.sorted { $0.column < $1.column }
                line += personal.isEmpty ? " — scanner: nothing personal found"
                    : " — scanner: " + personal.map { "\($0.column) looks like \($0.kind.phrase) (\($0.generator))" }.joined(separator: ", ")
            }
            lines.append(line)
        }
        let targets = changes.map(\.target).joined(separator: " ")
        lines.append("Review them, then record the decision: understudy schema ack \(workspace) \(targets) [--generator NAME]")
        lines.append("(or acknowledge everything with --all; `unreviewed: warn` in the workspace copies new columns as NULL instead of stopping)")
        return lines.joined(separator: "\n")
    }
}

/// Columns the source computes by trigger from others of the row with PostgreSQL's own functions:
/// search columns, `tsvector_update_trigger(fulltext, 'pg_catalog.english', title, description)`
/// (Pagila's `film.fulltext`). A PostgreSQL copy creates that trigger before the rows, so the copy's
/// values make the column; a copy without it (into another engine) would carry the source's words
/// of every column the run masks, so such a run stops unless the column has a generator of its own.
public enum ComputedColumns {
    public struct Derivation: Sendable, Equatable {
        public var table: String
        public var trigger: String
        public var column: String
        public var inputs: [String]
    }

    /// Whether `trigger` computes a search column with PostgreSQL's own functions (a PostgreSQL
    /// copy creates it before the rows).
    public static func computes(_ trigger: Trigger) -> Bool { arguments(trigger.definitionSQL) != nil }

    /// The search columns of `schema`'s triggers.
    public static func derivations(_ schema: DatabaseSchema) -> [Derivation] {
        schema.triggers.compactMap { trigger in
            guard let arguments = arguments(trigger.definitionSQL), arguments.count >= 3 else { return nil }
            return Derivation(table: trigger.table, trigger: trigger.name, column: arguments[0], inputs: Array(arguments.dropFirst(2)))
        }
    }

    /// The arguments of `tsvector_update_trigger(…)` or `tsvector_update_trigger_column(…)` as the
    /// server writes them (`('fulltext', 'pg_catalog.english', 'title')`); nil for another trigger.
    static func arguments(_ definition: String) -> [String]? {
        guard let call = definition.range(of: "FUNCTION tsvector_update_trigger") ?? definition.range(of: "PROCEDURE tsvector_update_trigger"), let open = definition[call.upperBound...].firstIndex(of: "(") else { return nil }
        var arguments: [String] = [], current = "", inside = false
        var index = definition.index(after: open)
        while index < definition.endIndex {
            let c = definition[index]
            index = definition.index(after: index)
            if inside {
                if c == "'" {
                    if index < definition.endIndex, definition[index] == "'" { current.append("'"); index = definition.index(after: index); continue }
                    inside = false
                    arguments.append(current)
                    current = ""
                } else {
                    current.append(c)
                }
            } else if c == "'" {
                inside = true
            } else if c == ")" {
                return arguments
            }
        }
        return nil
    }

    /// Where a copy without the source's triggers would keep source words: a search column copied
    /// as it is while the run transforms one of the columns it is computed from. `(table, column,
    /// message)` of the first.
    public static func leak(_ plan: RunPlan) -> (table: String, column: String, message: String)? {
        for derivation in derivations(plan.schema) {
            guard let table = plan.table(named: derivation.table), table.mode != .truncate, table.mode != .synthesize,
                  table.plan(forColumn: derivation.column) == nil else { continue }
            let masked = derivation.inputs.filter { table.plan(forColumn: $0) != nil }
            guard !masked.isEmpty else { continue }
            return (derivation.table, derivation.column, """
                the source computes \(derivation.column) from \(derivation.inputs.joined(separator: ", ")) (trigger \(derivation.trigger), \
                tsvector_update_trigger), and this run transforms \(masked.joined(separator: ", ")); a copy into another engine has no \
                such trigger, so the column would keep the source's words: give it a generator (`constant` with `value: ""`, or \
                `null` where it may be NULL), or copy into PostgreSQL, where the trigger computes it from the copy's values
                """)
        }
        return nil
    }
}

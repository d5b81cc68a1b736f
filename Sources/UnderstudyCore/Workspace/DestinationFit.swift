/// What `init` writes for a column whose sampled values the destination's type refuses (a SQLite
/// file into PostgreSQL: `N/A` in an INTEGER column, a date written `02/03/2024`): `date.iso` for
/// dates written otherwise, where it reads every sampled value the destination takes as well, and
/// `on_invalid: null` for the values left, where the column may be NULL — so that the run of the
/// workspace `init` writes passes, and says how many values it wrote NULL. Before, `init` wrote
/// passthrough, and the run stopped at the first such value, one column at a time.
public struct DestinationFit: Sendable, Equatable {
    /// `passthrough` or `date.iso`, with its parameters as YAML (`day_first: true`).
    public var generator: String
    public var parameters: [String: String]
    public var onInvalidNull: Bool
    /// Why, for the column's comment: counts of the sample, never a value.
    public var note: String
    /// Values the run will stop at: a NOT NULL column's that no generator here converts.
    public var stops: Bool

    /// The fits of `table`'s columns (by name) of which the sample holds values the destination's
    /// `judgement` refuses (``ValueJudgement/refusals(in:sample:)``: foreign keys are left out).
    public static func fits(table: Table, sample: RowBatch, judgement: ValueJudgement) -> [String: DestinationFit] {
        var fits: [String: DestinationFit] = [:]
        for (column, values, refused, why) in judgement.refusals(in: table, sample: sample) {
            var fit = DestinationFit(generator: "passthrough", parameters: [:], onInvalidNull: false, note: "", stops: false)
            var note = "\(refused) of \(values.count) sampled values hold \(why)"
            var left = refused
            if [.date, .timestamp].contains(column.logicalType), let (parameters, converted) = isoDates(column, values, refuses: judgement.refuses) {
                fit.generator = "date.iso"
                fit.parameters = parameters
                left = refused - converted
                note = "\(refused) of \(values.count) sampled values are no dates PostgreSQL reads as written; date.iso writes \(converted == refused ? "them" : "\(converted) of them") as ISO dates\(parameters["day_first"] != nil ? " (read day first, as a value no month-first reading takes says)" : "")"
            }
            if left > 0 {
                if column.isNullable, !table.primaryKey.contains(column.name) {
                    fit.onInvalidNull = true
                    note += "; on_invalid: null writes \(left == refused ? "them" : "the other \(left)") NULL (the report counts them)"
                } else {
                    fit.stops = true
                    note += "; the column is NOT NULL, so the run stops at the first: correct the source, or give it a generator that writes values of its type"
                }
            }
            fit.note = note
            fits[column.name] = fit
        }
        return fits
    }

    /// `date.iso`'s parameters for the sampled values, and how many of those the destination
    /// refuses it converts, where it reads every value the destination takes as written (it reads
    /// fewer layouts than PostgreSQL: `Jan 2 2024`, which it would write NULL). Nil where it converts none.
    static func isoDates(_ column: Column, _ values: [Value], refuses: (Value, Column) -> Bool) -> ([String: String], Int)? {
        var parameters: [String: String] = [:]
        var given: [String: ParameterValue] = [:]
        if Scanner.writesDayFirst(values) { given["day_first"] = .boolean(true); parameters["day_first"] = "true" }
        let integers = values.compactMap { if case .integer(let i) = $0 { return i } else { return nil } }
        if !integers.isEmpty, integers.allSatisfy({ abs($0) >= 100_000_000_000 }) { given["unix"] = .string("milliseconds"); parameters["unix"] = "milliseconds" }
        // (date.iso is keyed by nothing: any key builds it.)
        guard let definition = GeneratorRegistry.standard.definition(named: "date.iso"),
              let resolved = try? definition.resolve(given, at: "init", in: nil), let key = try? MasterKey(material: [UInt8](repeating: 0, count: 32)),
              let iso = try? definition.make(GeneratorSetup(
                parameters: resolved, key: key, generator: definition.name, domain: column.name, consistent: false, column: column))
        else { return nil }
        var converted = 0
        for (ordinal, value) in values.enumerated() where !value.isNull {
            let written = try? iso.generate(value, row: RowPosition(ordinal: Int64(ordinal)))
            let readable = written.map { !refuses($0, column) } ?? false
            if refuses(value, column) {
                if readable { converted += 1 }
            } else if !readable {
                return nil
            }
        }
        return converted > 0 ? (parameters, converted) : nil
    }
}

import Foundation

/// The CHECK constraints of a table — its own and those of its columns' domains — that read a
/// column a generator writes, held against every transformed row before the destination sees it.
/// A generator that writes what a constraint refuses (`email` writes `example.com` addresses into a
/// column `CHECK (email LIKE '%@acme.com')`) stops the run at the first such row, naming the
/// column, the row and the constraint, and a generator found to keep it on the batch's rows — not
/// with the destination's bare "constraint violated" after the other tables were written. A row
/// that broke the constraint in the source too (a PostgreSQL constraint `NOT VALID`) is left to
/// the destination, as is a condition ``CheckExpression`` cannot read.
struct CheckGuard: Sendable {
    struct Check: Sendable {
        var expression: CheckExpression
        var text: String
        /// The generated columns it reads, in the table's order.
        var generated: [String]
    }

    /// The table's stored columns: the indices the conditions read.
    let names: [String]
    let checks: [Check]

    init(table: Table, schema: DatabaseSchema?, generated: Set<String>) {
        let names = table.storedColumns.map(\.name)
        self.names = names
        checks = TableFitter.checkBodies(table, schema: schema).compactMap { body in
            guard !generated.isEmpty, let expression = try? CheckExpression.parse(body, columns: names) else { return nil }
            let written = expression.columns.sorted().map { names[$0] }.filter(generated.contains)
            guard !written.isEmpty else { return nil }
            let text = body.uppercased().hasPrefix("CHECK") ? body : "CHECK " + body
            return Check(expression: expression, text: text, generated: written)
        }
    }

    var isEmpty: Bool { checks.isEmpty }

    /// Every column a condition reads: they are decoded, not copied as bytes, so rows can be held to it.
    var columnsRead: Set<String> { Set(checks.flatMap { $0.expression.columns.map { names[$0] } }) }

    /// The first row of `output` that breaks a condition its source row (the same row of `input`)
    /// kept, with that condition.
    func firstBreach(output: RowBatch, input: RowBatch) -> (row: Int, check: Check)? {
        let read = Set(checks.flatMap(\.expression.columns))
        let places = read.compactMap { i in output.columnIndex(names[i]).map { (table: i, batch: $0) } }
        let present = Set(places.map(\.table))
        let usable = checks.filter { $0.expression.columns.isSubset(of: present) }
        guard !usable.isEmpty else { return nil }
        var row = [Value](repeating: .null, count: names.count), source = row
        for r in 0..<output.count {
            for place in places { row[place.table] = output.columns[place.batch][r] }
            for check in usable where !check.expression.holds(row) {
                for place in places { source[place.table] = input.columns[place.batch][r] }
                if check.expression.holds(source) { return (r, check) }
            }
        }
        return nil
    }

    /// The table's rows as the conditions read them (stored-column order, NULL where the batch has no column).
    func rows(of batch: RowBatch, limit: Int) -> [[Value]] {
        let places = names.indices.compactMap { i in batch.columnIndex(names[i]).map { (table: i, batch: $0) } }
        return (0..<min(batch.count, limit)).map { r in
            var row = [Value](repeating: .null, count: names.count)
            for place in places { row[place.table] = batch.columns[place.batch][r] }
            return row
        }
    }
}

/// A generator tried on rows against CHECK conditions: whether it keeps them, and which generator
/// near it does where it does not — the same generator keeping more leading characters
/// (`keep_prefix`), writing the values' own domain (`domain_name` of an email), then
/// format-preserving encryption of the digits, then of letters and digits. The scanner uses it to
/// suggest only generators the destination accepts; a run uses it to name the fix when a
/// workspace's generator breaks a constraint.
struct CheckTrial {
    enum Verdict: Equatable {
        /// The generator cannot be made for the column, or fails on a value: no verdict.
        case untried
        case keeps
        /// The index of the first condition it breaks.
        case breaks(Int)
    }

    let table: Table
    let column: Column
    /// The column's index in `rows`.
    let index: Int
    /// Rows as the conditions read them (their other columns as the copy will hold them).
    let rows: [[Value]]
    let checks: [CheckExpression]
    let registry: GeneratorRegistry
    let key: MasterKey

    /// `generator` made for `column` as a run makes it (its default consistency, the column's own
    /// domain) to be tried on sampled values; nil where it takes no value of the column's type or
    /// cannot be made here (it needs the run's statistics or sample).
    static func made(_ generator: String, _ parameters: [String: ParameterValue], for column: Column, of table: Table, registry: GeneratorRegistry, key: MasterKey) -> (any Generator)? {
        guard let definition = registry.definition(named: generator), definition.acceptedTypes.contains(column.logicalType),
              let resolved = try? definition.resolve(parameters, at: "check", in: nil) else { return nil }
        return try? definition.make(GeneratorSetup(
            parameters: resolved, key: key, generator: generator, domain: "\(table.name).\(column.name)", consistent: definition.consistentByDefault, column: column))
    }

    func verdict(_ generator: String, _ parameters: [String: ParameterValue]) -> Verdict {
        guard let made = Self.made(generator, parameters, for: column, of: table, registry: registry, key: key) else { return .untried }
        for var row in rows where !row[index].isNull {
            guard let output = try? made.generate(row[index], row: RowPosition(ordinal: 0)) else { return .untried }
            row[index] = output
            if let broken = checks.firstIndex(where: { !$0.holds(row) }) { return .breaks(broken) }
        }
        return .keeps
    }

    /// The first generator near `generator` that keeps every condition on the rows.
    func keeping(_ generator: String, _ parameters: [String: ParameterValue]) -> (generator: String, parameters: [String: ParameterValue])? {
        let values = rows.map { $0[index] }.filter { !$0.isNull }.map(\.displayText)
        var candidates: [(String, [String: ParameterValue])] = []
        let accepted = registry.definition(named: generator)?.parameters.map(\.name) ?? []
        if accepted.contains("keep_prefix") {
            candidates += (1...4).map { (generator, parameters.merging(["keep_prefix": .integer($0)]) { $1 }) }
        }
        // An address's domain kept (a constraint on it: `LIKE '%@acme.com'`): the values' commonest.
        if accepted.contains("domain_name"),
           let commonest = Dictionary(values.compactMap { value -> (String, Int)? in
                let parts = value.split(separator: "@")
                return parts.count == 2 ? (parts[1].lowercased(), 1) : nil
           }, uniquingKeysWith: +)
               .max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) {
            candidates.append((generator, parameters.merging(["domain_name": .string(commonest.key)]) { $1 }))
        }
        // Encryption of the digits alone de-identifies values made of digits (a number in a format);
        // of an email or a name it would keep the letters. Neither for dates: a date's digits
        // encrypted are no date.
        if ![.date, .timestamp].contains(column.logicalType), !generator.hasPrefix("date."), !generator.hasPrefix("timestamp.") {
            let characters = values.flatMap { $0.filter { $0.isLetter || $0.isNumber } }
            if characters.filter(\.isNumber).count * 4 >= characters.count * 3 { candidates.append(("fpe.digits", [:])) }
            candidates.append(("fpe.alphanumeric", [:]))
        }
        guard let fit = candidates.first(where: { verdict($0.0, $0.1) == .keeps }) else { return nil }
        // As a workspace would write it: parameters at their defaults left out.
        let defaults = registry.definition(named: fit.0)?.parameters ?? []
        return (fit.0, fit.1.filter { name, value in defaults.first { $0.name == name }?.defaultValue != value })
    }

    /// `{ generator: NAME, p: v }` as a workspace writes it.
    static func described(_ generator: String, _ parameters: [String: ParameterValue]) -> String {
        "{ " + (["generator: \(generator)"] + parameters.keys.sorted().map { "\($0): \(parameters[$0]!.yaml)" }).joined(separator: ", ") + " }"
    }
}

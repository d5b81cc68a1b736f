import Synchronization

/// The generators of one table, built for a run: a plain synchronous function over a batch.
public struct TableTransform: Sendable {
    struct Step: Sendable {
        var column: String
        var generator: any Generator
        var name: String
        /// The column's declared length (`varchar(15)`): longer generated text is cut to it, or,
        /// where the column must stay unique, refused with a clear error.
        var maximumLength: Int?
        var mayShorten: Bool
        /// How values of a storage class the generator does not take reach it (SQLite keeps numbers
        /// and text side by side in a column of no type, ANY or NUMERIC).
        var storage: StorageFit
        /// As the workspace set them, and the column: to try generators near it when it breaks a CHECK.
        var parameters: [String: ParameterValue]
        var definition: Column
        /// `on_invalid: null`: a value the generator cannot read is written NULL and counted.
        var nullsInvalid = false
    }

    let table: String
    let steps: [Step]
    /// The table's CHECK constraints that read a generated column, held against every row written.
    let checks: CheckGuard
    let definition: Table
    let key: MasterKey
    let registry: GeneratorRegistry
    /// Values written NULL by `on_invalid: null`, by column, over every batch this transform applied.
    let nulled = NulledValues()
    /// How the destination judges a value in a column (``TypeCheckingDestination``):
    /// under `on_invalid: null` one it refuses is written NULL and counted, as a value the
    /// generator cannot read is.
    let valueRefusal: (@Sendable (Value, Column) -> Bool)?

    /// Builds the generators of `plan` under `key`; `statistics` holds column frequencies for
    /// generators that need them; `schema` the domains whose CHECKs the table's columns carry.
    public init(
        plan: TablePlan, key: MasterKey, registry: GeneratorRegistry = .standard, statistics: [String: ColumnStatistics] = [:], sample: RowBatch? = nil,
        schema: DatabaseSchema? = nil, parents: [String: ParentValues] = [:], valueRefusal: (@Sendable (Value, Column) -> Bool)? = nil
    ) throws(GeneratorError) {
        table = plan.table.name
        definition = plan.table
        self.key = key
        self.registry = registry
        self.valueRefusal = valueRefusal
        let stored = plan.table.storedColumns.map(\.name)
        var steps: [Step] = []
        for column in plan.columns {
            guard stored.contains(column.column), let definition = registry.definition(named: column.generator) else { continue }
            let columnDefinition = plan.table.column(named: column.column)!
            var setup = GeneratorSetup(
                parameters: column.parameters,
                key: key, generator: column.generator, domain: column.domain,
                consistent: column.consistent,
                column: columnDefinition,
                mustBeUnique: column.domainIsUnique,
                statistics: statistics[column.column])
            setup.sample = definition.needsSample ? sample : nil
            if schema?.engine == .postgres {
                setup.integerBounds = Column.integerBounds(declaredType: columnDefinition.declaredType)
                setup.numberBounds = Column.numberBounds(declaredType: columnDefinition.declaredType)
            }
            do {
                steps.append(Step(
                    column: column.column, generator: try definition.make(setup), name: column.generator,
                    maximumLength: columnDefinition.maximumLength, mayShorten: !column.domainIsUnique, storage: StorageFit(accepted: definition.acceptedTypes),
                    parameters: column.parameters.values, definition: columnDefinition, nullsInvalid: column.nullsInvalid))
            } catch {
                var located = error
                located.place = "\(plan.table.name).\(column.column)"
                throw located
            }
        }
        // Columns copied as they are whose values the destination may refuse: NULL in their place.
        if valueRefusal != nil, let passthrough = registry.definition(named: "passthrough") {
            for name in plan.nullsRefused {
                guard let column = plan.table.column(named: name) else { continue }
                let setup = GeneratorSetup(parameters: GeneratorParameters([:]), key: key, generator: passthrough.name, domain: "\(plan.table.name).\(name)", consistent: true, column: column)
                steps.append(Step(
                    column: name, generator: try passthrough.make(setup), name: passthrough.name, maximumLength: nil, mayShorten: false,
                    storage: StorageFit(accepted: passthrough.acceptedTypes), parameters: [:], definition: column, nullsInvalid: true))
            }
        }
        // text.redact with link_to: the generators of the linked name columns, so that a name in
        // the text that is the row's own gets the very fake its columns get.
        for index in steps.indices {
            guard var redact = steps[index].generator as? TextRedactGenerator, !redact.linkTo.isEmpty else { continue }
            // Through a foreign key: the parent's columns' generators as the parent's table builds
            // them (the planner made sure they are consistent), and its rows' values by key.
            if let link = plan.columns.first(where: { $0.column == steps[index].column })?.parentLink {
                var generators: [any Generator] = []
                for column in link.columns {
                    let setup = GeneratorSetup(
                        parameters: column.parameters, key: key, generator: column.generator, domain: column.domain, consistent: true,
                        column: column.definition, mustBeUnique: column.domainIsUnique)
                    do {
                        let made = try registry.definition(named: column.generator)!.make(setup)
                        generators.append(column.definition.maximumLength.map { ShortenedGenerator(base: made, limit: $0) } ?? made)
                    } catch {
                        var located = error
                        located.place = "\(link.table.name).\(column.definition.name)"
                        throw located
                    }
                }
                redact.parent = .init(
                    foreignKey: link.foreignKey, values: parents[steps[index].column] ?? ParentValues(byKey: [:]), generators: generators,
                    isName: link.columns.map { TextRedactGenerator.writesName($0.generator) })
                steps[index].generator = redact
                continue
            }
            var linked: [String: any Generator] = [:]
            for name in redact.linkTo {
                guard let step = steps.first(where: { $0.column == name }), step.name != "passthrough" else {
                    var error = GeneratorError(
                        generator: "text.redact",
                        message: "link_to names \(name), which is not de-identified: its real value would be written into the text; give \(plan.table.name).\(name) a generator (person.first-name, person.last-name, person.full-name)")
                    error.place = "\(plan.table.name).\(steps[index].column)"
                    throw error
                }
                linked[name] = step.generator
                if TextRedactGenerator.writesName(step.name) { redact.linkedNames.insert(name) }
            }
            redact.linked = linked
            steps[index].generator = redact
        }
        // Blank text holds no one's data: left as it was by every generator that reads a value (a
        // legacy schema's '' for none became one fake person in every such row), then judged by the
        // destination like any value (NULL under `on_invalid: null` where its type refuses it).
        for index in steps.indices {
            guard let definition = registry.definition(named: steps[index].name) else { continue }
            steps[index].generator = definition.keepingBlank(steps[index].generator)
        }
        self.steps = steps
        checks = CheckGuard(table: plan.table, schema: schema, generated: Set(steps.filter { $0.name != "passthrough" }.map(\.column)))
    }

    public var isIdentity: Bool { steps.isEmpty }

    /// The columns the generators read: their own, and those row-aware generators look at.
    public var columnsRead: Set<String> {
        var names = Set(steps.map(\.column)).union(checks.columnsRead)
        for step in steps {
            if let rowAware = step.generator as? any RowAwareGenerator { names.formUnion(rowAware.readsColumns) }
        }
        return names
    }

    /// The generator built for `column`, if it is transformed.
    public func generator(forColumn column: String) -> (any Generator)? {
        // Its own, not the wrapper that keeps blanks (``GeneratorDefinition/keepingBlank(_:)``):
        // `decrypt` asks it to reverse values.
        guard let generator = steps.first(where: { $0.column == column })?.generator else { return nil }
        return (generator as? BlankKeeping)?.inner ?? (generator as? RowAwareBlankKeeping)?.inner ?? generator
    }

    /// Applies every generator to its column of `batch`.
    public func apply(_ batch: RowBatch) throws(GeneratorError) -> RowBatch {
        var output = batch
        for step in steps {
            guard let stepIndex = batch.columnIndex(step.column) else {
                // Never pass a column through because it was not read: that would copy source values.
                throw GeneratorError(generator: step.name, message: "column \(table).\(step.column) was not read from the source")
            }
            let input = batch.columns[stepIndex]
            var transformed: [Value] = []
            transformed.reserveCapacity(input.count)
            var position = RowPosition(ordinal: batch.firstOrdinal)
            // Generators that can read other columns but were set up not to (email without unique_by,
            // date.shift without entity) take the plain path: no per-row RowValues.
            let rowAware = (step.generator as? any RowAwareGenerator).flatMap { $0.readsColumns.isEmpty ? nil : $0 }
            let read = rowAware.map { generator in generator.readsColumns.compactMap { batch.columnIndex($0) } } ?? []
            let readNames = read.map { batch.columnNames[$0] }
            var nulled = 0
            for (index, value) in input.enumerated() {
                do throws(GeneratorError) {
                    var generated: Value
                    let (input, restore) = step.storage.input(value)
                    func generate(_ input: Value) throws(GeneratorError) -> Value {
                        if let rowAware {
                            let values = RowValues(names: readNames, values: read.map { batch.columns[$0][index] })
                            return try rowAware.generate(input, row: position, values: values)
                        }
                        return try step.generator.generate(input, row: position)
                    }
                    do throws(GeneratorError) {
                        // Digits of another script (`٤١١١ …`) are read as ASCII digits and written back in it.
                        generated = try ScriptDigits.through(input, generate)
                    } catch where step.nullsInvalid {
                        // The generator could not read the value: NULL in its place, counted.
                        transformed.append(.null)
                        nulled += 1
                        position.ordinal += 1
                        continue
                    }
                    if restore != .none { generated = StorageFit.output(generated, restore) }
                    if let limit = step.maximumLength, case .text(let text) = generated, text.utf8.count > limit, text.count > limit {
                        guard step.mayShorten else {
                            throw GeneratorError(
                                generator: step.name,
                                message: "the generated value is longer than the column's \(limit) characters, and a unique column cannot be shortened; use a generator that keeps the length (fpe.alphanumeric, fpe.digits) or widen the column")
                        }
                        generated = .text(String(text.prefix(limit)))
                    }
                    if step.nullsInvalid, let valueRefusal, valueRefusal(generated, step.definition) {
                        // A value the destination's type refuses: NULL in its place, counted.
                        transformed.append(.null)
                        nulled += 1
                        position.ordinal += 1
                        continue
                    }
                    transformed.append(generated)
                } catch {
                    var located = error
                    located.place = "\(table).\(step.column)"
                    located.row = position.ordinal
                    located.key = numericKey(of: index, in: batch)
                    // A value the generator cannot read: the ways out (a card of one digit said only
                    // how many digits cards have), NULL among them where the column may hold it.
                    let message = located.message
                    if message.hasPrefix("the value is") || message.hasPrefix("the value has") {
                        let place = "\(table).\(step.column)"
                        let nullable = definition.column(named: step.column)?.isNullable == true
                        if !message.contains("fix it in the source") {
                            located.message += nullable
                                ? "; fix it in the source, give \(place) a generator that reads every value it holds, or write such values NULL with `on_invalid: null`"
                                : "; fix it in the source, or give \(place) a generator that reads every value it holds"
                        } else if nullable {
                            located.message += ", or write such values NULL with `on_invalid: null`"
                        }
                    }
                    throw located
                }
                position.ordinal += 1
            }
            if nulled > 0 { self.nulled.add(nulled, to: step.column) }
            output.columns[stepIndex] = transformed
        }
        if !checks.isEmpty, let (row, check) = checks.firstBreach(output: output, input: batch) { throw breach(check, row: row, input: batch, output: output) }
        return output
    }

    /// `id 42` for row `row` of `batch`, where the table's key is one column of integers.
    func numericKey(of row: Int, in batch: RowBatch) -> String? {
        guard definition.primaryKey.count == 1, let name = definition.primaryKey.first, definition.column(named: name)?.logicalType == .integer,
              let c = batch.columnIndex(name), case .integer(let value) = batch.columns[c][row] else { return nil }
        return "\(name) \(value)"
    }

    /// The error for row `row` of a batch, whose generated values break `check`: the column, the
    /// row, the constraint, and a generator found to keep it on the batch's rows where one does.
    func breach(_ check: CheckGuard.Check, row: Int, input: RowBatch, output: RowBatch) -> GeneratorError {
        let names = checks.names
        let outputRows = checks.rows(of: output, limit: max(200, row + 1)), inputRows = checks.rows(of: input, limit: max(200, row + 1))
        // The column to blame: of the generated columns the condition reads, the first whose
        // source value put back makes the row keep it.
        let column = check.generated.first { name in
            guard check.generated.count > 1, let c = names.firstIndex(of: name) else { return true }
            var restored = outputRows[row]
            restored[c] = inputRows[row][c]
            return check.expression.holds(restored)
        } ?? check.generated[0]
        let step = steps.first { $0.column == column }!
        var message = "writes values that break the table's \(check.text), which the destination would refuse"
        if let c = names.firstIndex(of: column) {
            // Each candidate reads the source's value, the row's other columns as the copy holds them.
            let rows = zip(outputRows, inputRows).map { output, input in var row = output; row[c] = input[c]; return row }
            let trial = CheckTrial(table: definition, column: step.definition, index: c, rows: rows, checks: [check.expression], registry: registry, key: key)
            if let fit = trial.keeping(step.name, step.parameters) {
                message += "; \(CheckTrial.described(fit.generator, fit.parameters)) keeps it on the rows read (set it as this column's generator)"
            } else {
                message += "; choose a generator whose values keep it"
            }
        }
        var error = GeneratorError(generator: step.name, message: message)
        error.place = "\(table).\(column)"
        error.row = input.firstOrdinal + Int64(row)
        return error
    }
}

/// How many values `on_invalid: null` wrote NULL, by column: shared by the batches of a table
/// transformed at once.
final class NulledValues: Sendable {
    private let counts = Mutex<[String: Int64]>([:])

    func add(_ count: Int, to column: String) {
        counts.withLock { $0[column, default: 0] += Int64(count) }
    }

    /// The count of each column that had any.
    var byColumn: [String: Int64] { counts.withLock { $0 } }
}

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
    }

    let table: String
    let steps: [Step]

    /// Builds the generators of `plan` under `key`; `statistics` holds column frequencies for
    /// generators that need them.
    public init(
        plan: TablePlan, key: MasterKey, registry: GeneratorRegistry = .standard, statistics: [String: ColumnStatistics] = [:], sample: RowBatch? = nil
    ) throws(GeneratorError) {
        table = plan.table.name
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
            do {
                steps.append(Step(
                    column: column.column, generator: try definition.make(setup), name: column.generator,
                    maximumLength: columnDefinition.maximumLength, mayShorten: !column.domainIsUnique, storage: StorageFit(accepted: definition.acceptedTypes)))
            } catch {
                var located = error
                located.place = "\(plan.table.name).\(column.column)"
                throw located
            }
        }
        // text.redact with link_to: the generators of the linked name columns, so that a name in
        // the text that is the row's own gets the very fake its columns get.
        for index in steps.indices {
            guard var redact = steps[index].generator as? TextRedactGenerator, !redact.linkTo.isEmpty else { continue }
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
            }
            redact.linked = linked
            steps[index].generator = redact
        }
        self.steps = steps
    }

    public var isIdentity: Bool { steps.isEmpty }

    /// The columns the generators read: their own, and those row-aware generators look at.
    public var columnsRead: Set<String> {
        var names = Set(steps.map(\.column))
        for step in steps {
            if let rowAware = step.generator as? any RowAwareGenerator { names.formUnion(rowAware.readsColumns) }
        }
        return names
    }

    /// The generator built for `column`, if it is transformed.
    public func generator(forColumn column: String) -> (any Generator)? {
        steps.first { $0.column == column }?.generator
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
            for (index, value) in input.enumerated() {
                do throws(GeneratorError) {
                    var generated: Value
                    let (input, restore) = step.storage.input(value)
                    if let rowAware {
                        let values = RowValues(names: readNames, values: read.map { batch.columns[$0][index] })
                        generated = try rowAware.generate(input, row: position, values: values)
                    } else {
                        generated = try step.generator.generate(input, row: position)
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
                    transformed.append(generated)
                } catch {
                    var located = error
                    located.place = "\(table).\(step.column)"
                    located.row = position.ordinal
                    throw located
                }
                position.ordinal += 1
            }
            output.columns[stepIndex] = transformed
        }
        return output
    }
}

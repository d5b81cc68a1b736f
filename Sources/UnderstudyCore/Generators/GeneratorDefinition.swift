/// What a generator is, for validation, the CLI, the UI and the generated reference: its name,
/// the column types it accepts, its parameters and its guarantees.
public struct GeneratorDefinition: Sendable {
    /// When a generator keeps a unique column unique.
    public enum UniqueSafety: Sendable {
        case never
        case always
        /// Depends on parameters; the text says when, for the docs.
        case when(String, @Sendable (GeneratorParameters) -> Bool)
    }

    /// One example shown in the reference, computed from the real generator.
    public struct Example: Sendable {
        public var parameters: [String: ParameterValue]
        public var type: LogicalType
        public var input: Value
        /// The fields of the example's composite type (`composite`), as text.
        public var fields: [String]
        public init(_ input: Value, type: LogicalType = .text, parameters: [String: ParameterValue] = [:], fields: [String] = []) {
            self.input = input
            self.type = type
            self.parameters = parameters
            self.fields = fields
        }

        /// The column the example's value is of.
        public var column: Column {
            var column = Column(name: "example", declaredType: type.rawValue.uppercased(), logicalType: type, isNullable: true)
            if !fields.isEmpty {
                column.fields = fields.map { Column(name: $0, declaredType: "text", logicalType: .text, isNullable: true) }
                (column.declaredType, column.syntax) = ("example_type", "composite")
            }
            return column
        }
    }

    public var name: String
    /// One line.
    public var summary: String
    /// More about behaviour and guarantees, for the reference.
    public var details: String
    public var acceptedTypes: Set<LogicalType>
    public var parameters: [ParameterDefinition]
    public var canBeConsistent: Bool
    /// Whether `consistent` is on when the workspace does not say.
    public var consistentByDefault: Bool
    public var isReversible: Bool
    public var uniqueSafety: UniqueSafety
    /// Turns non-null values into nulls (refused on NOT NULL columns).
    public var mayProduceNull: Bool
    /// Needs the column's value frequencies before the first batch.
    public var needsStatistics: Bool
    /// Needs a sample of the table's rows before the first batch (to fit a model on).
    public var needsSample: Bool = false
    /// Given blank text (empty, or white space alone) too. Other generators leave it as it was: it
    /// holds no one's data, and a legacy schema's `''` for "none" became one fake person, address
    /// or email in every such row (a spike of `Randell`), and stopped meaning "none".
    public var replacesBlank: Bool
    public var examples: [Example]
    /// Checks parameter combinations; returns a message for the first problem.
    public var validate: @Sendable (GeneratorParameters) -> String?
    public var make: @Sendable (GeneratorSetup) throws(GeneratorError) -> any Generator

    public init(
        name: String, summary: String, details: String = "", acceptedTypes: Set<LogicalType>,
        parameters: [ParameterDefinition] = [], canBeConsistent: Bool = true, consistentByDefault: Bool = true,
        isReversible: Bool = false,
        uniqueSafety: UniqueSafety = .never, mayProduceNull: Bool = false, needsStatistics: Bool = false, replacesBlank: Bool = false,
        examples: [Example] = [], validate: @escaping @Sendable (GeneratorParameters) -> String? = { _ in nil },
        make: @escaping @Sendable (GeneratorSetup) throws(GeneratorError) -> any Generator
    ) {
        self.name = name
        self.summary = summary
        self.details = details
        self.acceptedTypes = acceptedTypes
        self.parameters = parameters
        self.canBeConsistent = canBeConsistent
        self.consistentByDefault = canBeConsistent && consistentByDefault
        self.isReversible = isReversible
        self.uniqueSafety = uniqueSafety
        self.mayProduceNull = mayProduceNull
        self.needsStatistics = needsStatistics
        self.replacesBlank = replacesBlank
        self.examples = examples
        self.validate = validate
        self.make = make
    }

    public func isUniqueSafe(with parameters: GeneratorParameters) -> Bool {
        switch uniqueSafety {
        case .never: false
        case .always: true
        case .when(_, let test): test(parameters)
        }
    }

    /// Checks parameters written in a workspace against this definition and fills in defaults.
    public func resolve(_ given: [String: ParameterValue], at path: String, in workspace: Workspace?) throws(WorkspaceError) -> GeneratorParameters {
        func fail(_ code: WorkspaceError.Code, _ at: String, _ message: String) -> WorkspaceError {
            workspace?.error(code, at: at, message) ?? WorkspaceError(code: code, path: at, message: message)
        }
        let known = parameters.map(\.name)
        for name in given.keys.sorted() where !known.contains(name) {
            let accepted = (known + WorkspaceLoader.columnKeys).joined(separator: ", ")
            throw fail(.unknownParameter, "\(path).\(name)",
                "\(self.name) has no parameter \"\(name)\"\(Suggestion.hint(for: name, in: known)); it accepts \(accepted)")
        }
        var values: [String: ParameterValue] = [:]
        for definition in parameters {
            let at = "\(path).\(definition.name)"
            if let value = given[definition.name] {
                values[definition.name] = try definition.check(value, generator: name) { message in fail(.invalidParameter, at, message) }
            } else if let value = definition.defaultValue {
                values[definition.name] = value
            } else if definition.isRequired {
                throw fail(.missingKey, at, "\(name) needs this parameter: \(definition.summary)")
            }
        }
        let resolved = GeneratorParameters(values)
        if let problem = validate(resolved) { throw fail(.invalidParameter, path, "\(name): \(problem)") }
        return resolved
    }
}

/// One parameter of a generator.
public struct ParameterDefinition: Sendable {
    public enum Kind: Sendable, Equatable {
        case string, integer, number, boolean
        case choice([String])
        /// A text or a number, kept as written (e.g. `constant`'s value).
        case scalar
        /// The name of another column of the same table.
        case column
        /// The name of an integer column of the same table that is unique on its own (a primary key).
        case uniqueIntegerColumn
        /// Names of other columns of the same table.
        case columnList
        /// Names of other columns of the same table, or of the one table a foreign key of it leads
        /// to (`customers.first_name`), checked once every table is planned.
        case linkedColumnList
        /// A nested generator: a name, or `{ generator: NAME, params… }`.
        case generator
        /// A mapping from text keys (e.g. JSON paths) to nested generators.
        case generatorMap
        /// A list of numbers.
        case numberList
        /// A list of texts.
        case stringList
        /// A list of custom recognizers: `{ name, pattern, context: [words], checksum: luhn|mod97, score }`.
        case recognizerList

        public var label: String {
            switch self {
            case .string: "text"
            case .integer: "integer"
            case .number: "number"
            case .boolean: "boolean"
            case .choice(let options): options.joined(separator: " \\| ")
            case .scalar: "text or number"
            case .column: "column name"
            case .uniqueIntegerColumn: "unique integer column"
            case .columnList: "list of column names"
            case .linkedColumnList: "list of column names (`table.column` through a foreign key)"
            case .generator: "generator"
            case .generatorMap: "mapping of generators"
            case .numberList: "list of numbers"
            case .stringList: "list of texts"
            case .recognizerList: "list of recognizers"
            }
        }
    }

    public var name: String
    public var kind: Kind
    public var defaultValue: ParameterValue?
    public var isRequired: Bool
    public var summary: String

    public init(_ name: String, _ kind: Kind, default defaultValue: ParameterValue? = nil, required: Bool = false, _ summary: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.isRequired = required
        self.summary = summary
    }

    func check(_ value: ParameterValue, generator: String, fail: (String) -> WorkspaceError) throws(WorkspaceError) -> ParameterValue {
        switch (kind, value) {
        case (.string, .string), (.integer, .integer), (.number, .number), (.boolean, .boolean):
            return value
        case (.number, .integer(let i)):
            return .number(Double(i))
        case (.scalar, .string), (.scalar, .integer), (.scalar, .number), (.scalar, .boolean), (.column, .string), (.uniqueIntegerColumn, .string):
            return value
        case (.generator, .string), (.generator, .mapping):
            _ = try GeneratorSpec.parse(value, registry: .standard, fail: fail)
            return value
        case (.generatorMap, .mapping(let entries)):
            for key in entries.keys.sorted() {
                _ = try GeneratorSpec.parse(entries[key]!, registry: .standard) { message in fail("\(key): \(message)") }
            }
            return value
        case (.numberList, .list(let items)) where items.allSatisfy({ $0.doubleValue != nil }):
            return .list(items.map { .number($0.doubleValue!) })
        case (.stringList, .list(let items)), (.columnList, .list(let items)), (.linkedColumnList, .list(let items)):
            return .list(items.map { .string($0.description) })
        case (.recognizerList, .list(let items)):
            for (index, item) in items.enumerated() {
                switch CustomRecognizer.parse(item) {
                case .failure(let problem): throw fail("[\(index)]: \(problem)")
                case .success: continue
                }
            }
            return value
        case (.choice(let options), .string(let text)):
            guard options.contains(text) else {
                throw fail("\"\(text)\" is not one of \(options.joined(separator: ", "))\(Suggestion.hint(for: text, in: options))")
            }
            return value
        default:
            throw fail("expected \(kind.label), found \"\(value.description)\"")
        }
    }
}

/// Resolved parameters of one generator use, with typed access.
public struct GeneratorParameters: Sendable, Hashable {
    public var values: [String: ParameterValue]
    public init(_ values: [String: ParameterValue] = [:]) { self.values = values }

    public func string(_ name: String) -> String? {
        if case .string(let s) = values[name] { return s }
        return nil
    }
    public func integer(_ name: String) -> Int? {
        if case .integer(let i) = values[name] { return i }
        return nil
    }
    public func number(_ name: String) -> Double? { values[name]?.doubleValue }
    public func boolean(_ name: String) -> Bool? {
        if case .boolean(let b) = values[name] { return b }
        return nil
    }
    public func numbers(_ name: String) -> [Double]? {
        if case .list(let items) = values[name] { return items.compactMap(\.doubleValue) }
        return nil
    }
    public func strings(_ name: String) -> [String]? {
        if case .list(let items) = values[name] { return items.map(\.description) }
        return nil
    }
    public func mapping(_ name: String) -> [String: ParameterValue]? {
        if case .mapping(let m) = values[name] { return m }
        return nil
    }
}

/// A nested generator inside another generator's parameters (`regex`, `json.paths`, `conditional`, `array`).
public struct GeneratorSpec: Sendable, Hashable {
    public var name: String
    public var parameters: GeneratorParameters
    public var domain: String?
    public var consistent: Bool?

    /// Parses `email` or `{ generator: phone, keep_prefix: 2, domain: phones }` and checks it.
    public static func parse(_ value: ParameterValue, registry: GeneratorRegistry, fail: (String) -> WorkspaceError) throws(WorkspaceError) -> GeneratorSpec {
        var entries: [String: ParameterValue]
        switch value {
        case .string(let name): entries = ["generator": .string(name)]
        case .mapping(let m): entries = m
        default: throw fail("expected a generator name or `{ generator: NAME, … }`")
        }
        guard case .string(let name) = entries.removeValue(forKey: "generator") else {
            throw fail("a nested generator needs `generator: NAME`")
        }
        guard let definition = registry.definition(named: name) else {
            throw fail("unknown generator \"\(name)\"" + (Suggestion.nearest(to: name, in: registry.names).map { "; did you mean \"\($0)\"?" } ?? ""))
        }
        var domain: String?
        if case .string(let d) = entries.removeValue(forKey: "domain") { domain = d }
        var consistent: Bool?
        if case .boolean(let c) = entries.removeValue(forKey: "consistent") { consistent = c }
        var failure: WorkspaceError?
        let parameters: GeneratorParameters
        do {
            parameters = try definition.resolve(entries, at: name, in: nil)
        } catch {
            failure = fail(error.message)
            parameters = GeneratorParameters()
        }
        if let failure { throw failure }
        return GeneratorSpec(name: name, parameters: parameters, domain: domain, consistent: consistent)
    }

    /// Builds the nested generator for `setup`'s column, in a domain derived from the outer one.
    public func make(in setup: GeneratorSetup, part: String, type: LogicalType? = .text, registry: GeneratorRegistry = .standard) throws(GeneratorError) -> any Generator {
        guard let definition = registry.definition(named: name) else {
            throw GeneratorError(generator: name, message: "unknown nested generator")
        }
        var nested = GeneratorSetup(
            parameters: parameters, key: setup.key, generator: name, domain: domain ?? "\(setup.domain)/\(part)",
            consistent: consistent ?? (definition.consistentByDefault && setup.consistent), column: setup.column,
            mustBeUnique: false, statistics: setup.statistics)
        if let type { nested.column.logicalType = type }
        let made = try definition.make(nested)
        let fit = StorageFit(accepted: definition.acceptedTypes)
        let fitted = !fit.converts || made is any RowAwareGenerator ? made : StorageFitting(inner: made, fit: fit)
        // Blank text is left as it was inside a document, an array or a condition too, as in a
        // column: `{"middle": ""}` got a fake name.
        return definition.keepingBlank(fitted)
    }
}

extension GeneratorDefinition {
    /// `generator`, made by this definition, leaving blank text (empty, or white space alone) as it
    /// was unless the definition ``replacesBlank``: the one place the rule is kept, for a column's
    /// generator (``TableTransform``) and a nested one (``GeneratorSpec/make(in:part:type:registry:)``).
    public func keepingBlank(_ generator: any Generator) -> any Generator {
        if replacesBlank { return generator }
        if let rowAware = generator as? any RowAwareGenerator { return RowAwareBlankKeeping(inner: rowAware) }
        return BlankKeeping(inner: generator)
    }
}

/// A generator that leaves blank text (empty, or white space alone) as it was (``GeneratorDefinition/keepingBlank(_:)``).
struct BlankKeeping: Generator {
    let inner: any Generator

    func generate(_ value: Value, row: RowPosition) throws(GeneratorError) -> Value {
        value.isBlankText ? value : try inner.generate(value, row: row)
    }
}

/// ``BlankKeeping`` for a generator that reads other columns of the row (`email`, `date.shift`).
struct RowAwareBlankKeeping: RowAwareGenerator {
    let inner: any RowAwareGenerator
    var readsColumns: [String] { inner.readsColumns }

    func generate(_ value: Value, row: RowPosition, values: RowValues) throws(GeneratorError) -> Value {
        value.isBlankText ? value : try inner.generate(value, row: row, values: values)
    }
}

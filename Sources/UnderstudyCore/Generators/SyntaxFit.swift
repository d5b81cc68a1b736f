/// Which generators write values a PostgreSQL column can hold when its type has a syntax of its own
/// (``Column/syntax``): `inet`, `macaddr8`, `bit varying`, an enum, a composite, an array. A text
/// generator writes text, which such a type refuses — `phone` wrote `+1 415…` into `varbit`, `ip-address`
/// an IPv6 address into `macaddr8`, `person.first-name` a name no enum label spells — and the run
/// failed in COPY after the scan, the fit and the reads. The planner refuses such a workspace before
/// any write, and the scanner suggests only what fits, so `init` never writes a file `run` cannot run.
public enum SyntaxFit {
    /// Generators that keep any type's values valid: they write the column's own values, none, or
    /// what the workspace spells out itself (`constant`, `regex`).
    static let anySyntax: Set<String> = ["passthrough", "null", "constant", "regex", "categorical", "categorical.shuffle"]
    /// Generators that write a type's own syntax.
    static let bySyntax: [String: Set<String>] = [
        "inet": ["ip-address"], "cidr": ["ip-address"], "macaddr": ["mac-address"], "macaddr8": ["mac-address"],
        "tsvector": ["text.redact"], "hstore": ["text.redact"], "xml": ["text.redact"],
    ]
    /// The logical type of an element syntax whose values any generator of that type writes (`int4`,
    /// `text`, `jsonb`); nil for one with a syntax of its own (`inet`, `enum`).
    static func plainElement(_ syntax: String) -> LogicalType? {
        let type = LogicalType.postgres(syntax)
        return type != .text || syntax == "text" ? type : nil
    }

    /// Whether `generator` with `parameters` writes values `column` can hold. Nested generators
    /// (`array`'s `of`, `conditional`'s `then` and `else`) are judged too.
    public static func fits(_ generator: String, _ parameters: GeneratorParameters, column: Column) -> Bool {
        guard let syntax = column.syntax else { return true }
        // A composite's fields are judged each as a column of its own; an array of a composite by its element.
        if generator == "composite" || (generator == "array" && syntax == "composite[]") {
            return fieldMisfit(generator, parameters, column: column) == nil
        }
        return fits(generator, parameters, syntax: syntax, logicalType: column.logicalType)
    }

    /// Why `composite` (also as `array`'s `of` on an array of a composite) does not fit `column`.
    public enum FieldMisfit: Equatable {
        /// The column is of no composite type.
        case notComposite
        /// `fields` names a field the type has not.
        case noField(String, among: [String])
        /// The field's generator does not take its logical type.
        case type(field: Column, generator: String, accepts: [LogicalType])
        /// The field's generator does not write its type's syntax.
        case syntax(field: Column, generator: String)
    }

    /// The first field, in name order, where `composite` with `parameters` does not fit `column`,
    /// with its workspace path below the column (`fields.zip`, `of.fields.zip`) and why; nil where
    /// every field fits (and for any other generator).
    public static func fieldMisfit(_ generator: String, _ parameters: GeneratorParameters, column: Column) -> (path: String, misfit: FieldMisfit)? {
        if generator == "array", column.syntax == "composite[]" {
            guard let value = parameters.values["of"], let element = nested(value) else { return nil }
            return fieldMisfit(element.name, element.parameters, column: Scanner.element(of: column)).map { ("of." + $0.path, $0.misfit) }
        }
        guard generator == "composite" else { return nil }
        guard let fields = column.fields, column.syntax == "composite" else { return ("generator", .notComposite) }
        for (name, value) in (parameters.mapping("fields") ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let field = fields.first(where: { $0.name == name }) else { return ("fields.\(name)", .noField(name, among: fields.map(\.name))) }
            guard let spec = nested(value), let definition = GeneratorRegistry.standard.definition(named: spec.name) else { continue }
            guard definition.acceptedTypes.contains(field.logicalType) else {
                return ("fields.\(name)", .type(field: field, generator: spec.name, accepts: definition.acceptedTypes.sorted()))
            }
            guard fits(spec.name, spec.parameters, column: field) else { return ("fields.\(name)", .syntax(field: field, generator: spec.name)) }
        }
        return nil
    }

    static func fits(_ generator: String, _ parameters: GeneratorParameters, syntax: String, logicalType: LogicalType) -> Bool {
        if generator == "conditional" {
            return ["then", "else"].allSatisfy { key in
                guard let spec = nested(parameters.values[key] ?? .string("passthrough")) else { return false }
                return fits(spec.name, spec.parameters, syntax: syntax, logicalType: logicalType)
            }
        }
        if anySyntax.contains(generator) { return true }
        if syntax.hasSuffix("[]") {
            guard generator == "array", let value = parameters.values["of"], let element = nested(value) else { return false }
            let elementSyntax = String(syntax.dropLast(2))
            if let type = plainElement(elementSyntax) {
                return GeneratorRegistry.standard.definition(named: element.name)?.acceptedTypes.contains(type) ?? false
            }
            return fits(element.name, element.parameters, syntax: elementSyntax, logicalType: .text)
        }
        // (A column of numbers, dates or JSON is judged by its logical type alone.)
        return logicalType != .text || bySyntax[syntax]?.contains(generator) == true
    }

    /// The generators that fit `column`, for messages: its own first, then those of any syntax.
    public static func fitting(_ column: Column) -> [String] {
        guard let syntax = column.syntax else { return GeneratorRegistry.standard.names }
        let own = syntax.hasSuffix("[]") ? ["array"] : syntax == "composite" && column.fields != nil ? ["composite"] : (bySyntax[syntax] ?? []).sorted()
        return own + anySyntax.sorted() + ["conditional"]
    }

    /// The generators a column takes, by name: those accepting its logical type and, for a type
    /// with a syntax of its own, those that write it (`array` and `conditional` by their kind: their
    /// nested generators are judged when they are given).
    public static func candidates(for column: Column) -> [String] {
        let own = Set(fitting(column))
        return GeneratorRegistry.standard.definitions
            .filter { $0.acceptedTypes.contains(column.logicalType) && (column.syntax == nil || own.contains($0.name) || fits($0.name, GeneratorParameters(), column: column)) }
            .map(\.name).sorted()
    }

    /// A nested generator (`of`, `then`), as the workspace checks it; nil when it is not one.
    private static func nested(_ value: ParameterValue) -> GeneratorSpec? {
        try? GeneratorSpec.parse(value, registry: .standard) { WorkspaceError(code: .invalidParameter, path: "", message: $0) }
    }
}

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
        if generator == "composite", syntax == "composite", let fields = column.fields {
            return (parameters.mapping("fields") ?? [:]).allSatisfy { name, value in
                guard let field = fields.first(where: { $0.name == name }) else { return true }  // (refused by name when made)
                guard let spec = nested(value) else { return false }
                return (GeneratorRegistry.standard.definition(named: spec.name)?.acceptedTypes.contains(field.logicalType) ?? false)
                    && fits(spec.name, spec.parameters, column: field)
            }
        }
        if syntax == "composite[]", generator == "array", let value = parameters.values["of"], let element = nested(value) {
            var item = column
            (item.declaredType, item.syntax) = (String(column.declaredType.dropLast(2)), "composite")
            return fits(element.name, element.parameters, column: item)
        }
        return fits(generator, parameters, syntax: syntax, logicalType: column.logicalType)
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

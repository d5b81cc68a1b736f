/// Suggestions from a column's name alone, for the run report's warnings and for `init` without
/// samples; the rules themselves are the scanner's (``ColumnNameRules``).
public enum SensitiveNames {
    public struct Suggestion: Sendable, Equatable {
        /// What the column seems to hold, in words ("an email address").
        public var kind: String
        public var generator: String
        public var parameters: [String: ParameterValue]
    }

    /// Splits `BillingPostalCode`, `billing_postal_code` and `billing-postal-code` into lowercase words.
    public static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previous: Character?
        for ch in name {
            if ch == "_" || ch == "-" || ch == " " || ch == "." {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else if ch.isUppercase, let p = previous, p.isLowercase || p.isNumber {
                if !current.isEmpty { words.append(current) }
                current = String(ch)
            } else {
                current.append(ch)
            }
            previous = ch
        }
        if !current.isEmpty { words.append(current) }
        return words.map { $0.lowercased() }
    }

    /// A suggestion for `column` of `table` from its name alone (the scanner's name rules), or nil
    /// when the name does not look personal.
    public static func suggestion(for column: Column, in table: Table, registry: GeneratorRegistry = .standard) -> Suggestion? {
        guard let match = ColumnNameRules.match(column: column.name, table: table.name), match.kind.isPersonal,
              match.strength >= Scanner.personalThreshold else { return nil }
        let (generator, parameters) = match.kind.suggestion(for: column.logicalType)
        guard let definition = registry.definition(named: generator), definition.acceptedTypes.contains(column.logicalType) else { return nil }
        var suggestion = Suggestion(kind: match.kind.phrase, generator: generator, parameters: parameters)
        let isUnique = table.uniquelyIndexedColumns.contains(column.name)
        if isUnique, !definition.isUniqueSafe(with: GeneratorParameters(parameters)) {
            guard column.logicalType == .text || column.logicalType == .integer else { return nil }
            suggestion.generator = "hash"
            suggestion.parameters = [:]
        }
        return suggestion
    }
}

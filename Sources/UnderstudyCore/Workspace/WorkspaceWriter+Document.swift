extension WorkspaceWriter {
    /// The whole workspace model as YAML that ``WorkspaceLoader`` reads back to the same model:
    /// every name and text value goes through ``YAMLText/scalar(_:)``.
    ///
    /// `init` writes a commented first draft with ``yaml(schema:source:destination:secret:findings:)``;
    /// this is for a model made or changed in memory (tests, the Studio's exports).
    public static func document(_ workspace: Workspace) -> String {
        var out = "version: \(workspace.version)\n"
        out += "source: \(YAMLText.scalar(workspace.source))\n"
        out += "destination: \(YAMLText.scalar(workspace.destination))\n"
        out += "secret: \(YAMLText.scalar(workspace.secret.description))\n"
        out += "unreviewed: \(workspace.unreviewed.rawValue)\n"
        if workspace.preserveSchema { out += "preserve_schema: true\n" }
        if workspace.synthesis != SynthesisSettings() {
            var fields: [String] = []
            if workspace.synthesis.scale != 1 { fields.append("scale: \(number(workspace.synthesis.scale))") }
            if let budget = workspace.synthesis.privacy {
                fields.append("differential_privacy: { epsilon: \(number(budget.epsilon)), delta: \(number(budget.delta)) }")
            }
            out += "synthesis: { \(fields.joined(separator: ", ")) }\n"
        }
        out += workspace.tables.isEmpty ? "tables: {}\n" : "tables:\n"
        for table in workspace.tables {
            out += "  \(YAMLText.scalar(table.name)):\n"
            out += "    mode: \(table.mode.rawValue)\n"
            let synthesis = table.synthesis
            if let rows = synthesis.rows { out += "    rows: \(rows)\n" }
            if let scale = synthesis.scale { out += "    scale: \(number(scale))\n" }
            if let epsilon = synthesis.epsilon { out += "    epsilon: \(number(epsilon))\n" }
            if !synthesis.domains.isEmpty {
                out += "    domains:\n"
                for (column, domain) in synthesis.domains.sorted(by: { $0.key < $1.key }) {
                    switch domain {
                    case .categories(let values): out += "      \(YAMLText.scalar(column)): [\(values.map(YAMLText.scalar).joined(separator: ", "))]\n"
                    case .bounds(let low, let high): out += "      \(YAMLText.scalar(column)): { min: \(YAMLText.scalar(low)), max: \(YAMLText.scalar(high)) }\n"
                    }
                }
            }
            guard !table.columns.isEmpty else { continue }
            out += "    columns:\n"
            for column in table.columns {
                out += "      \(YAMLText.scalar(column.name)): \(columnEntry(column))\n"
            }
        }
        if !workspace.foreignKeys.isEmpty {
            out += "foreign_keys:\n"
            for key in workspace.foreignKeys {
                out += "  - from: \(YAMLText.scalar(key.text.from))\n    to: \(YAMLText.scalar(key.text.to))\n"
            }
        }
        if let reviewed = workspace.reviewedSchema { out += schemaSection(reviewed) }
        return out
    }

    /// A number as YAML reads it back as one: a point in the mantissa (`1.0e-09`, not `1e-09`).
    static func number(_ x: Double) -> String {
        let text = "\(x)"
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }), !text[..<e].contains(".") else { return text }
        return text[..<e] + ".0" + text[e...]
    }

    /// A column's settings as a flow mapping: `{ generator: NAME, domain: …, consistent: …, parameters… }`.
    public static func columnEntry(_ column: ColumnSettings) -> String {
        var fields = ["generator: \(YAMLText.scalar(column.generator))"]
        if let domain = column.domain { fields.append("domain: \(YAMLText.scalar(domain))") }
        if let consistent = column.consistent { fields.append("consistent: \(consistent)") }
        if let policy = column.onInvalid { fields.append("on_invalid: \(policy.rawValue)") }
        for key in column.parameters.keys.sorted() {
            fields.append("\(YAMLText.scalar(key)): \(column.parameters[key]!.yaml)")
        }
        return "{ " + fields.joined(separator: ", ") + " }"
    }
}

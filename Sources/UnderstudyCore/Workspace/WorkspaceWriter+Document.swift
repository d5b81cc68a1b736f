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
        out += workspace.tables.isEmpty ? "tables: {}\n" : "tables:\n"
        for table in workspace.tables {
            out += "  \(YAMLText.scalar(table.name)):\n"
            out += "    mode: \(table.mode.rawValue)\n"
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

    /// A column's settings as a flow mapping: `{ generator: NAME, domain: …, consistent: …, parameters… }`.
    public static func columnEntry(_ column: ColumnSettings) -> String {
        var fields = ["generator: \(YAMLText.scalar(column.generator))"]
        if let domain = column.domain { fields.append("domain: \(YAMLText.scalar(domain))") }
        if let consistent = column.consistent { fields.append("consistent: \(consistent)") }
        for key in column.parameters.keys.sorted() {
            fields.append("\(YAMLText.scalar(key)): \(column.parameters[key]!.yaml)")
        }
        return "{ " + fields.joined(separator: ", ") + " }"
    }
}

/// Writes a first workspace for a source: every table and column listed, personal-looking
/// columns given a suggested generator, foreign-key columns noted as following their parent.
public struct WorkspaceWriter {
    public var registry: GeneratorRegistry

    public init(registry: GeneratorRegistry = .standard) {
        self.registry = registry
    }

    public func yaml(schema: DatabaseSchema, source: String, destination: String, secret: SecretReference = .environment("UNDERSTUDY_SECRET")) -> String {
        var out = """
            # Understudy workspace, written by `understudy init`. Keep it in git; it never holds the secret.
            # Review every column: generators below were suggested from column names only. Columns listed as
            # passthrough are copied unchanged. Foreign-key columns follow the key they reference automatically.
            # Reference: docs/workspace.md and docs/generators.md (`understudy generators`).
            version: 1
            source: \(YAMLText.scalar(source))
            destination: \(YAMLText.scalar(destination))

            """
        switch secret {
        case .environment(let name):
            out += "secret: env:\(name)   # export \(name)=$(openssl rand -hex 32)\n"
        case .file:
            out += "secret: \(YAMLText.scalar(secret.description))\n"
        }
        out += "tables:\n"
        for table in schema.tables {
            out += "  \(YAMLText.scalar(table.name)):\n"
            out += "    mode: \(Self.defaultMode(for: table).rawValue)\n"
            let stored = table.storedColumns
            guard !stored.isEmpty else { continue }
            out += "    columns:\n"
            let width = stored.map { YAMLText.scalar($0.name).count }.max() ?? 0
            for column in stored {
                let name = YAMLText.scalar(column.name)
                let pad = String(repeating: " ", count: width - name.count)
                var notes = [column.declaredType.isEmpty ? "no declared type" : column.declaredType]
                if table.primaryKey.contains(column.name) { notes.append("primary key") }
                if let key = table.foreignKeys.first(where: { $0.columns.contains(column.name) }) {
                    let parent = key.referencedColumns[key.columns.firstIndex(of: column.name)!]
                    out += "      # \(name):\(pad) follows \(key.referencedTable).\(parent) (foreign key; \(notes.joined(separator: ", ")))\n"
                    continue
                }
                if let suggestion = SensitiveNames.suggestion(for: column, in: table, registry: registry) {
                    let parameters = suggestion.parameters.keys.sorted().map { ", \($0): \(suggestion.parameters[$0]!.yaml)" }.joined()
                    out += "      \(name):\(pad) { generator: \(suggestion.generator)\(parameters) }   # \(notes.joined(separator: ", ")); looks like \(suggestion.kind)\n"
                } else {
                    out += "      \(name):\(pad) { generator: passthrough }   # \(notes.joined(separator: ", "))\n"
                }
            }
        }
        return out
    }

    /// Migration bookkeeping tables are copied as they are.
    static func defaultMode(for table: Table) -> TableMode {
        let name = table.name.lowercased()
        if ["schema_migrations", "ar_internal_metadata", "flyway_schema_history", "databasechangelog", "databasechangeloglock", "alembic_version", "knex_migrations", "__efmigrationshistory"].contains(name) {
            return .passthrough
        }
        return .deidentify
    }
}

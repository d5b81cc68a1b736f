import Yams
/// Writes a first workspace for a source: every table and column listed, personal-looking
/// columns given a suggested generator, foreign-key columns noted as following their parent.
public struct WorkspaceWriter {
    public var registry: GeneratorRegistry

    public init(registry: GeneratorRegistry = .standard) {
        self.registry = registry
    }

    /// - Parameter findings: the scanner's findings; without them, suggestions come from column names alone.
    /// - Parameter fits: by table and column, what a column copied as it is gets where the
    ///   destination's type refuses sampled values of it (``DestinationFit``).
    public func yaml(
        schema: DatabaseSchema, source: String, destination: String, secret: SecretReference = .environment("UNDERSTUDY_SECRET"),
        findings: [ScanFinding]? = nil, fits: [String: [String: DestinationFit]] = [:], excluded: [String: String] = [:]
    ) -> String {
        // The first personal finding of each column (looked up per column: a scan of every finding
        // per column made init on 3,000 tables a third of its time).
        struct Key: Hashable { var table: String, column: String }
        var personal: [Key: ScanFinding] = [:]
        for finding in findings ?? [] where finding.personal && personal[Key(table: finding.table, column: finding.column)] == nil {
            personal[Key(table: finding.table, column: finding.column)] = finding
        }
        var out = """
            # Understudy workspace, written by `understudy init`. Keep it in git; it never holds the secret.
            # Review every column: generators below were suggested by the sensitivity scanner (column names and
            # a sample of values). Columns listed as passthrough are copied unchanged. Foreign-key columns follow
            # the key they reference automatically. The `schema` section at the end records what was reviewed:
            # a run stops (exit 3) when the source gains a table or column that is not in it.
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
        out += "unreviewed: stop   # or warn: copy new columns as NULL instead of stopping\n"
        out += "tables:\n"
        for table in schema.tables {
            out += "  \(YAMLText.scalar(table.name)):\n"
            if let reason = excluded[table.name] {
                out += "    mode: exclude   # \(YAMLText.comment(reason))\n"
                continue
            }
            out += "    mode: \(Self.defaultMode(for: table).rawValue)\n"
            let stored = table.storedColumns
            guard !stored.isEmpty else { continue }
            out += "    columns:\n"
            let width = stored.map { YAMLText.scalar($0.name).count }.max() ?? 0
            for column in stored {
                let name = YAMLText.scalar(column.name)
                let pad = String(repeating: " ", count: width - name.count)
                var notes = [column.declaredType.isEmpty ? "no declared type" : YAMLText.comment(column.declaredType)]
                if table.primaryKey.contains(column.name) { notes.append("primary key") }
                if let key = table.foreignKeys.first(where: { $0.columns.contains(column.name) }) {
                    let parent = key.referencedColumns[key.columns.firstIndex(of: column.name)!]
                    out += "      # \(name):\(pad) follows \(YAMLText.scalar(key.referencedTable)).\(YAMLText.scalar(parent)) (foreign key; \(notes.joined(separator: ", ")))\n"
                    continue
                }
                if let objects = schema.largeObjects?[table.name]?[column.name] {
                    // The database's, not a schema's: a copy holds none, whatever the column is named.
                    out += "      \(name):\(pad) { generator: \"null\" }   # \(notes.joined(separator: ", ")); references \(objects) large object\(objects == 1 ? "" : "s") of the source's database, which a copy does not hold: kept, the values would point at nothing\n"
                    continue
                }
                if findings != nil {
                    if let finding = personal[Key(table: table.name, column: column.name)],
                       var generator = safeGenerator(finding.generator, parameters: finding.parameters, column: column, table: table) {
                        // Why a CHECK constraint chose the generator, or left the column as it is.
                        let check = finding.evidence.first { $0.hasPrefix("check: ") }.map { "; " + YAMLText.comment(String($0.dropFirst(7))) } ?? ""
                        // A domain shared with columns of the same values (``Scanner/sharingDomains``).
                        let domain = finding.domain.map { ", domain: \(YAMLText.scalar($0))" } ?? ""
                        let shares = finding.evidence.filter { $0.hasPrefix("shares: ") }.map { "shares " + String($0.dropFirst(8)) }
                        let shared = shares.isEmpty ? "" : "; " + YAMLText.comment(shares.joined(separator: "; "))
                        // A few sampled values the generator cannot read (where it is the one written): NULL, and why.
                        var invalid = ""
                        if let policy = finding.onInvalid, generator.hasPrefix(YAMLText.scalar(finding.generator)) {
                            generator += ", on_invalid: \(policy.rawValue)"
                            invalid = finding.evidence.last { $0.hasPrefix("values: ") }.map { "; " + YAMLText.comment(String($0.dropFirst(8))) } ?? ""
                        } else if let replaced = finding.evidence.last(where: { $0.hasPrefix("values: ") && $0.contains("cannot read every sampled value") }) {
                            // The generator the column's kind suggests was replaced by one that reads the values: why.
                            invalid = "; " + YAMLText.comment(String(replaced.dropFirst(8)))
                        } else {
                            // A column no test of its own finds, whose values name the people of the rows (``Scanner/PeopleNames``): why.
                            let names = finding.evidence.filter { $0.hasPrefix("values: ") && ($0.contains(Scanner.PeopleNames.evidence) || $0.contains(Scanner.PeopleNames.ownEvidence)) }
                            if !names.isEmpty { invalid = "; " + names.map { YAMLText.comment(String($0.dropFirst(8))) }.joined(separator: "; ") }
                        }
                        // Free text tied to the person it is about: the row's own name columns, or those of
                        // the row its one foreign key to a table of names leads to.
                        if finding.generator == "text.redact", generator.hasPrefix("text.redact"), let link = linkTo(for: table, in: schema, personal: { personal[Key(table: $0, column: $1)] }) {
                            generator += ", link_to: [\(link.map(YAMLText.scalar).joined(separator: ", "))]"
                        }
                        out += "      \(name):\(pad) { generator: \(generator)\(domain) }   # \(notes.joined(separator: ", ")); \(finding.kind.phrase) (confidence \(String(format: "%.2f", finding.confidence)))\(check)\(shared)\(invalid)\n"
                    } else if let fit = fits[table.name]?[column.name] {
                        let parameters = fit.parameters.keys.sorted().map { ", \($0): \(fit.parameters[$0]!)" }.joined()
                        out += "      \(name):\(pad) { generator: \(fit.generator)\(parameters)\(fit.onInvalidNull ? ", on_invalid: null" : "") }   # \(notes.joined(separator: ", ")); \(YAMLText.comment(fit.note))\n"
                    } else {
                        out += "      \(name):\(pad) { generator: passthrough }   # \(notes.joined(separator: ", "))\n"
                    }
                } else if let suggestion = SensitiveNames.suggestion(for: column, in: table, registry: registry) {
                    let parameters = suggestion.parameters.keys.sorted().map { ", \($0): \(suggestion.parameters[$0]!.yaml)" }.joined()
                    out += "      \(name):\(pad) { generator: \(YAMLText.scalar(suggestion.generator))\(parameters) }   # \(notes.joined(separator: ", ")); looks like \(suggestion.kind)\n"
                } else {
                    out += "      \(name):\(pad) { generator: passthrough }   # \(notes.joined(separator: ", "))\n"
                }
            }
        }
        out += "\n" + Self.reviewedSchemaSection(schema)
        return out
    }

    /// What `link_to` of a free-text column of `table` names: one first-name and one last-name column
    /// of the table (or one full-name column), each with its person generator, and its one email,
    /// phone and street-address column where it has them; else those of the one
    /// table a foreign key of `table` leads to that has them (`customers.first_name`).
    func linkTo(for table: Table, in schema: DatabaseSchema, personal: (String, String) -> ScanFinding?) -> [String]? {
        func names(of table: Table) -> [String]? {
            // (Written as suggested: a CHECK may have made another choice, and `run` refuses a link to a column left as it is.)
            let findings = table.storedColumns.compactMap { column in
                personal(table.name, column.name).flatMap { safeGenerator($0.generator, parameters: $0.parameters, column: column, table: table) == $0.generator ? $0 : nil }
            }
            let first = findings.filter { $0.kind == .firstName && $0.generator == "person.first-name" }
            let last = findings.filter { $0.kind == .lastName && $0.generator == "person.last-name" }
            // The person's one email, phone number and street address too: written in the text
            // (the phone grouped any way), they get the row's own fakes.
            let contacts = [findings.filter { $0.kind == .email && $0.generator == "email" }, findings.filter { $0.kind == .phone && $0.generator == "phone" },
                            findings.filter { $0.kind == .streetAddress && $0.generator == "address.street" }]
                .compactMap { $0.count == 1 ? $0[0].column : nil }
            if first.count == 1, last.count == 1 { return [first[0].column, last[0].column] + contacts }
            let full = findings.filter { $0.kind == .personName && $0.generator == "person.full-name" }
            return first.isEmpty && last.isEmpty && full.count == 1 ? [full[0].column] + contacts : nil
        }
        if let own = names(of: table) { return own }
        let parents = Set(table.foreignKeys.map(\.referencedTable)).filter { $0 != table.name }
        let linked = parents.compactMap { name -> [String]? in
            guard table.foreignKeys.filter({ $0.referencedTable == name }).count == 1, let parent = schema.table(named: name),
                  Self.defaultMode(for: parent) == .deidentify, let columns = names(of: parent) else { return nil }
            return columns.map { "\(name).\($0)" }
        }
        return linked.count == 1 ? linked[0] : nil
    }

    /// The `schema:` section of a workspace written for `schema`, with the comment that says what it is.
    public static func reviewedSchemaSection(_ schema: DatabaseSchema) -> String {
        "# The schema reviewed when this workspace was written: `understudy schema ack` updates it.\n" + schemaSection(ReviewedSchema(schema))
    }

    /// The `schema:` section for a reviewed schema.
    public static func schemaSection(_ reviewed: ReviewedSchema) -> String {
        var out = "schema:\n"
        for table in reviewed.tables {
            out += "  \(YAMLText.scalar(table.name)):\n"
            for column in table.columns { out += "    \(YAMLText.scalar(column.name)): \(YAMLText.scalar(column.text))\n" }
        }
        return out
    }

    /// The suggested generator as a flow-mapping body, or nil when the column's constraints refuse it.
    func safeGenerator(_ name: String, parameters: [String: String], column: Column, table: Table) -> String? {
        guard let definition = registry.definition(named: name), definition.acceptedTypes.contains(column.logicalType) else { return nil }
        let unique = table.uniquelyIndexedColumns.contains(column.name)
        var chosen = definition
        if unique, !definition.isUniqueSafe(with: GeneratorParameters()) {
            // A unique column gets a unique-safe generator of the same family where there is one.
            guard let safe = registry.definition(named: column.logicalType == .integer ? "fpe.integer" : "fpe.alphanumeric"),
                  safe.acceptedTypes.contains(column.logicalType) else { return nil }
            chosen = safe
        }
        if chosen.mayProduceNull, !column.isNullable { return nil }
        let parameterText = chosen.name == name ? parameters.keys.sorted().map { key in
            ", \(YAMLText.scalar(key)): \(Self.typedParameter(parameters[key]!).yaml)"
        }.joined() : ""
        return YAMLText.scalar(chosen.name) + parameterText
    }

    /// A scanner's parameter text as the value it stands for: whole numbers, finite numbers and
    /// booleans in their own types, everything else as text (quoted when YAML would read it otherwise).
    static func typedParameter(_ text: String) -> ParameterValue {
        // A nested mapping the scanner wrote in YAML's flow form (`composite`'s fields, `array`'s `of`).
        if text.hasPrefix("{"), let node = try? Yams.compose(yaml: text), let value = flowValue(node) { return value }
        if let integer = Int(text) { return .integer(integer) }
        if let number = Double(text), number.isFinite, text.allSatisfy({ "0123456789.-+eE".contains($0) }) { return .number(number) }
        if text == "true" || text == "false" { return .boolean(text == "true") }
        return .string(text)
    }

    private static func flowValue(_ node: Node) -> ParameterValue? {
        switch node {
        case .scalar(let scalar): return scalar.style == .plain ? typedParameter(scalar.string) : .string(scalar.string)
        case .sequence(let items):
            let values = items.compactMap(flowValue)
            return values.count == items.count ? .list(values) : nil
        case .mapping(let entries):
            var mapping: [String: ParameterValue] = [:]
            for (key, value) in entries {
                guard let name = key.scalar?.string, let parsed = flowValue(value) else { return nil }
                mapping[name] = parsed
            }
            return .mapping(mapping)
        default: return nil
        }
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

/// Checks a workspace against the source schema and the generator registry and decides the
/// plan. Every refusal is a ``WorkspaceError`` located in the workspace file.
///
/// Rules, in the order they are checked:
/// - every table and column named exists; every generator exists, accepts the column's type and
///   gets valid parameters;
/// - a foreign-key column follows the generator and domain of the key it references, in every
///   mode, so joins survive; naming a different generator for it is refused;
/// - key columns (referenced or referencing) must be consistent;
/// - a column of a primary key or unique constraint only takes unique-safe generators;
/// - a NOT NULL column never gets a generator that writes NULL;
/// - a table whose rows reference a truncated table is refused (its rows would be orphans).
public struct RunPlanner {
    public var registry: GeneratorRegistry

    public init(registry: GeneratorRegistry = .standard) {
        self.registry = registry
    }

    public func plan(_ workspace: Workspace, schema sourceSchema: DatabaseSchema) throws(WorkspaceError) -> RunPlan {
        let full = try Self.applyingDeclaredKeys(workspace, to: try Self.excludingObjects(workspace, from: sourceSchema))
        let tableNames = full.tables.map(\.name)
        var explicit: [String: ColumnPlan] = [:]
        var modes: [String: TableMode] = [:]

        for settings in workspace.tables {
            let path = "tables.\(settings.name)"
            guard let table = full.table(named: settings.name) else {
                if full.views.contains(where: { $0.name == settings.name }) {
                    throw workspace.error(.unknownTable, at: path, "\"\(settings.name)\" is a view, copied as its definition; remove it from tables")
                }
                throw workspace.error(.unknownTable, at: path,
                    "the source has no table \"\(settings.name)\"\(Suggestion.hint(for: settings.name, in: tableNames)); remove the entry or fix the name")
            }
            modes[table.name] = settings.mode
            if settings.mode != .synthesize, !settings.synthesis.isEmpty {
                let key = settings.synthesis.rows != nil ? "rows" : settings.synthesis.scale != nil ? "scale" : settings.synthesis.epsilon != nil ? "epsilon" : "domains"
                throw workspace.error(.invalidValue, at: "\(path).\(key)", "applies to tables in mode synthesize, and \(table.name) has mode \(settings.mode.rawValue); remove it or set `mode: synthesize`")
            }
            if settings.mode == .synthesize, settings.synthesis.epsilon != nil, workspace.synthesis.privacy == nil {
                throw workspace.error(.invalidValue, at: "\(path).epsilon", "declares a share of a privacy budget, but the workspace sets none; add `synthesis: { differential_privacy: { epsilon: 1.0 } }` or remove it")
            }
            if settings.mode == .synthesize, !settings.synthesis.domains.isEmpty {
                try Self.checkDomains(settings, of: table, in: workspace, at: path)
            }
            for column in settings.columns {
                let columnPath = "\(path).columns.\(column.name)"
                guard let definition = table.column(named: column.name) else {
                    throw workspace.error(.unknownColumn, at: columnPath,
                        "table \(table.name) has no column \"\(column.name)\"\(Suggestion.hint(for: column.name, in: table.columns.map(\.name))); remove the entry or fix the name")
                }
                if definition.isGenerated {
                    throw workspace.error(.unknownColumn, at: columnPath, "is a generated column, computed by the database from other columns; remove the entry")
                }
                // (A table left out keeps its columns' entries: nothing of it is written, and they
                // stand for when it is copied again.)
                if settings.mode == .exclude { continue }
                if settings.mode != .deidentify, settings.mode != .synthesize, column.generator != "passthrough" {
                    throw workspace.error(.invalidValue, at: columnPath,
                        "table \(table.name) has mode \(settings.mode.rawValue), so its column generators are not applied; use mode deidentify or remove the column entry")
                }
                explicit["\(table.name).\(column.name)"] = try resolve(column, of: table, at: columnPath, in: workspace)
            }
        }
        let excluded = full.tables.map(\.name).filter { modes[$0] == .exclude }
        let schema = try Self.excludingTables(Set(excluded), from: full, workspace: workspace)

        // Effective plans, following foreign keys from child to parent.
        var effective: [String: ColumnPlan?] = [:]
        var visiting = Set<String>()
        func effectivePlan(_ table: Table, _ column: String) throws(WorkspaceError) -> ColumnPlan? {
            let id = "\(table.name).\(column)"
            if let known = effective[id] { return known }
            guard visiting.insert(id).inserted else { return explicit[id] }
            defer { visiting.remove(id) }
            let own = [.deidentify, .synthesize].contains(modes[table.name] ?? .deidentify) ? explicit[id] : nil
            var inherited: ColumnPlan?
            var inheritedVia: ForeignKey?
            for key in table.foreignKeys {
                guard let position = key.columns.firstIndex(of: column), let parent = schema.table(named: key.referencedTable) else { continue }
                let parentColumn = key.referencedColumns[position]
                let parentPlan = try effectivePlan(parent, parentColumn)
                let candidate = parentPlan.map { plan -> ColumnPlan in
                    var copy = plan
                    copy.column = column
                    copy.inheritedFrom = plan.inheritedFrom ?? "\(parent.name).\(parentColumn)"
                    return copy
                }
                if let via = inheritedVia, !samePlan(inherited, candidate) {
                    throw workspace.error(.foreignKeyConflict, at: "tables.\(table.name).columns.\(column)",
                        "is part of two foreign keys whose referenced columns are transformed differently (\(via.describe(from: table.name)) and \(key.describe(from: table.name))); give \(via.referencedTable).\(via.referencedColumns[via.columns.firstIndex(of: column)!]) and \(parent.name).\(parentColumn) the same generator and domain")
                }
                inherited = candidate
                inheritedVia = key
            }
            var result = own
            if let key = inheritedVia {
                let parentName = "\(key.referencedTable).\(key.referencedColumns[key.columns.firstIndex(of: column)!])"
                if let own, own.generator != "passthrough" || inherited != nil {
                    guard let inherited, own.sameTransform(as: inherited) else {
                        let what = inherited.map { "uses generator \($0.generator) in domain \($0.domain)" } ?? "passes through unchanged"
                        throw workspace.error(.foreignKeyConflict, at: "tables.\(table.name).columns.\(column)",
                            "is a foreign key to \(parentName), which \(what); a different transform here would break the join. Remove this entry: the column follows \(parentName) automatically")
                    }
                }
                result = inherited
            }
            if result?.generator == "passthrough" { result = nil }
            effective[id] = .some(result)
            return result
        }

        let uniqueColumns = Dictionary(grouping: schema.tables.flatMap { t in t.uniquelyIndexedColumns.map { "\(t.name).\($0)" } }, by: { $0 })
        let referencedColumns = Set(schema.tables.flatMap { t in t.foreignKeys.flatMap { key in key.referencedColumns.map { "\(key.referencedTable).\($0)" } } })

        var plans: [TablePlan] = []
        for name in ForeignKeyGraph(schema: schema).loadOrder() {
            let table = schema.table(named: name)!
            let mode = modes[name] ?? .deidentify
            var columns: [ColumnPlan] = []
            if mode != .truncate {
                for column in table.storedColumns {
                    let id = "\(name).\(column.name)"
                    guard var plan = try effectivePlan(table, column.name) else { continue }
                    let path = "tables.\(name).columns.\(column.name)"
                    let definition = registry.definition(named: plan.generator)!
                    plan.mustBeUnique = uniqueColumns[id] != nil
                    let isKey = referencedColumns.contains(id) || table.foreignKeys.contains { $0.columns.contains(column.name) }
                    if isKey, !plan.consistent, plan.generator != "null" {
                        throw workspace.error(.foreignKeyConflict, at: path,
                            "is a key column (a foreign key points at it or from it), so its generator must be consistent to keep joins whole; remove `consistent: false`")
                    }
                    if plan.mustBeUnique, !definition.isUniqueSafe(with: plan.parameters) {
                        throw workspace.error(.notUniqueSafe, at: path,
                            "is part of a primary key, unique constraint or unique index, and \(plan.generator) can map two values to one; use a unique-safe generator (\(uniqueSafeNames(for: column.logicalType))) or remove the entry")
                    }
                    if plan.nullsInvalid, !column.isNullable || table.primaryKey.contains(column.name) {
                        throw workspace.error(.notNullable, at: path + ".on_invalid",
                            "is NOT NULL, so a value \(plan.generator) cannot read cannot be written NULL there; remove `on_invalid: null` (the run then stops at such a value, naming its row), fix the values in the source, or choose a generator that reads every value the column holds (fpe.alphanumeric keeps any text's shape)")
                    }
                    if definition.mayProduceNull, !column.isNullable || table.primaryKey.contains(column.name) {
                        throw workspace.error(.notNullable, at: path,
                            "is NOT NULL, and \(plan.generator) writes NULL; choose a generator that writes a value (e.g. constant or text.scramble)")
                    }
                    if plan.inheritedFrom != nil, !definition.acceptedTypes.contains(column.logicalType) {
                        throw workspace.error(.typeMismatch, at: path,
                            "follows \(plan.inheritedFrom!) through a foreign key, but its type \(column.logicalType.rawValue) is not one \(plan.generator) accepts; make the two columns' types agree")
                    }
                    columns.append(plan)
                }
                for key in table.foreignKeys where mode != .synthesize && modes[key.referencedTable] == .synthesize && key.referencedTable != name {
                    throw workspace.error(.invalidValue, at: "tables.\(name)",
                        "rows of \(name) are copied and reference \(key.referencedTable) (\(key.describe(from: name))), which is synthesized: its keys are new, so they would reference rows that do not exist; synthesize \(name) too, truncate it, or copy \(key.referencedTable)")
                }
                for key in table.foreignKeys where modes[key.referencedTable] == .truncate && key.referencedTable != name {
                    throw workspace.error(.truncatedParent, at: "tables.\(name)",
                        "rows of \(name) reference \(key.referencedTable) (\(key.describe(from: name))), which is truncated, so they would be orphans; truncate \(name) too, or copy \(key.referencedTable)")
                }
            }
            var plan = TablePlan(table: table, mode: mode, columns: columns)
            // Columns copied as they are with `on_invalid: null`: values the destination's type
            // refuses (a SQLite file's `N/A` in an INTEGER column, into PostgreSQL) are written NULL.
            if mode == .deidentify || mode == .passthrough {
                for column in table.storedColumns where plan.plan(forColumn: column.name) == nil {
                    guard let own = explicit["\(name).\(column.name)"], own.generator == "passthrough", own.nullsInvalid else { continue }
                    if !column.isNullable || table.primaryKey.contains(column.name) {
                        throw workspace.error(.notNullable, at: "tables.\(name).columns.\(column.name).on_invalid",
                            "is NOT NULL, so a value the destination refuses cannot be written NULL there; remove `on_invalid: null` (the run then stops at such a value, naming its row), fix the values in the source, or give the column a generator that writes values of its type")
                    }
                    plan.nullsRefused.append(column.name)
                }
            }
            plans.append(plan)
        }
        // Outputs must not depend on which column a value sits in: a domain with a unique column is
        // generated unique-safe everywhere.
        let uniqueDomains = Set(plans.flatMap { $0.columns.filter(\.mustBeUnique).map { "\($0.generator)\u{0}\($0.domain)" } })
        for t in plans.indices {
            for c in plans[t].columns.indices {
                let column = plans[t].columns[c]
                plans[t].columns[c].domainIsUnique = column.mustBeUnique || uniqueDomains.contains("\(column.generator)\u{0}\(column.domain)")
            }
        }
        try linkParents(&plans, schema: schema, workspace: workspace)
        if workspace.synthesis.privacy != nil {
            for plan in plans {
                for column in plan.columns where column.inheritedFrom == nil && ["categorical", "continuous"].contains(column.generator) {
                    throw workspace.error(.invalidValue, at: "tables.\(plan.table.name).columns.\(column.column).generator",
                        "\(column.generator) fits the column without noise, outside the run's differential-privacy budget; use `mode: synthesize` for \(plan.table.name), or another generator")
                }
            }
        }
        if let subset = workspace.subset {
            // (A subset starts from, keeps whole or walks through tables the copy holds.)
            let places = subset.targets.enumerated().map { ("subset.targets[\($0.offset)]", $0.element.table) }
                + subset.lookupTables.enumerated().map { ("subset.lookup_tables[\($0.offset)]", $0.element) }
                + subset.relationships.enumerated().flatMap { i, r in [("subset.relationships[\(i)]", r.table), ("subset.relationships[\(i)]", r.referencedTable)] }
            if let (path, table) = places.first(where: { excluded.contains($0.1) }) {
                throw workspace.error(.invalidValue, at: path, "\(table) is left out of the copy (`mode: exclude`); name a table the copy holds, or give \(table) another mode")
            }
        }
        var plan = RunPlan(tables: plans, schema: schema)
        plan.excludedTables = excluded
        plan.excludedObjects = Self.excludedObjects(workspace, in: sourceSchema).sorted()
        if plans.contains(where: { $0.mode == .synthesize }) {
            try checkSynthesis(workspace, plans)
            plan.synthesis = SynthesisPlan(
                settings: workspace.synthesis,
                tables: Dictionary(uniqueKeysWithValues: workspace.tables.filter { $0.mode == .synthesize }.map { ($0.name, $0.synthesis) }))
        }
        return plan
    }

    /// A linked column list (``ParameterDefinition/Kind/linkedColumnList``: `link_to:
    /// [customers.first_name, customers.last_name]`) naming columns of the one table the row's
    /// foreign key leads to, each de-identified by a consistent generator (a fake that depends on
    /// the value alone, so the text can be given the very fake the parent's row gets).
    private func linkParents(_ plans: inout [TablePlan], schema: DatabaseSchema, workspace: Workspace) throws(WorkspaceError) {
        for t in plans.indices {
            for c in plans[t].columns.indices {
                let column = plans[t].columns[c]
                guard let parameter = registry.definition(named: column.generator)?.parameters.first(where: { $0.kind == .linkedColumnList }),
                      let names = column.parameters.strings(parameter.name), names.contains(where: { $0.contains(".") }) else { continue }
                let table = plans[t].table
                let here = "\(table.name).\(column.column)", path = "tables.\(table.name).columns.\(column.column).\(parameter.name)"
                let parts = names.map { name -> (table: String, column: String) in
                    let dot = name.lastIndex(of: ".")
                    return dot.map { (String(name[..<$0]), String(name[name.index(after: $0)...])) } ?? ("", name)
                }
                guard let parentName = parts.first?.table, !parentName.isEmpty, parts.allSatisfy({ $0.table == parentName }) else {
                    throw workspace.error(.invalidParameter, at: path,
                        "names columns of \(here)'s own row and of another table, or of two tables; link to the row's own name columns (`[first_name, last_name]`) or to those of the one table its foreign key leads to (`[customers.first_name, customers.last_name]`)")
                }
                guard let parent = schema.table(named: parentName) else {
                    throw workspace.error(.unknownTable, at: path, "the source has no table \"\(parentName)\"\(Suggestion.hint(for: parentName, in: schema.tables.map(\.name)))")
                }
                let keys = table.foreignKeys.filter { $0.referencedTable == parent.name }
                guard keys.count == 1, let key = keys.first else {
                    throw workspace.error(.invalidParameter, at: path, keys.isEmpty
                        ? "\(here) links to \(parent.name), but \(table.name) has no foreign key to \(parent.name); declare one under `foreign_keys:` or link to the row's own name columns"
                        : "\(here) links to \(parent.name), and \(keys.count) foreign keys of \(table.name) lead there (\(keys.map { $0.describe(from: table.name) }.joined(separator: "; "))); the person they name is ambiguous: link to the row's own name columns")
                }
                let parentPlan = plans.first { $0.table.name == parent.name }
                if let mode = parentPlan?.mode, mode != .deidentify {
                    throw workspace.error(.invalidParameter, at: path,
                        "\(here) links to \(parent.name), which has mode \(mode.rawValue): its rows are \(mode == .synthesize ? "new, named by no source row" : mode == .truncate ? "not copied" : "not de-identified"); link to a de-identified table, or remove link_to")
                }
                var linked: [ColumnPlan.ParentColumn] = []
                for (_, name) in parts {
                    guard let definition = parent.column(named: name) else {
                        throw workspace.error(.unknownColumn, at: path, "table \(parent.name) has no column \"\(name)\"\(Suggestion.hint(for: name, in: parent.columns.map(\.name)))")
                    }
                    guard let plan = parentPlan?.columns.first(where: { $0.column == name }) else {
                        throw workspace.error(.invalidParameter, at: path,
                            "link_to names \(parent.name).\(name), which is not de-identified: its real value would be written into \(here); give \(parent.name).\(name) a generator (person.first-name, person.last-name, person.full-name)")
                    }
                    guard plan.consistent else {
                        throw workspace.error(.invalidParameter, at: path,
                            "\(parent.name).\(name) is not consistent: its fakes change from row to row, so \(here) could not name the person as \(parent.name) does; remove `consistent: false` there")
                    }
                    linked.append(.init(definition: definition, generator: plan.generator, parameters: plan.parameters, domain: plan.domain, domainIsUnique: plan.domainIsUnique))
                }
                plans[t].columns[c].parentLink = .init(table: parent, foreignKey: key.columns, referencedColumns: key.referencedColumns, columns: linked)
            }
        }
    }

    /// `domains:` of a synthesized table: used under differential privacy only, each naming a column
    /// of the table, categories of text or whole numbers, bounds of a number or a date that parse.
    static func checkDomains(_ settings: TableSettings, of table: Table, in workspace: Workspace, at path: String) throws(WorkspaceError) {
        guard workspace.synthesis.privacy != nil else {
            throw workspace.error(.invalidValue, at: "\(path).domains", "declares public domains, which only differential privacy uses (it fits the other models on the data themselves); add `synthesis: { differential_privacy: { epsilon: 1.0 } }` or remove it")
        }
        for (name, domain) in settings.synthesis.domains.sorted(by: { $0.key < $1.key }) {
            let at = "\(path).domains.\(name)"
            guard let column = table.column(named: name) else {
                throw workspace.error(.unknownColumn, at: at, "table \(table.name) has no column \"\(name)\"\(Suggestion.hint(for: name, in: table.columns.map(\.name))); remove the entry or fix the name")
            }
            let type = column.logicalType
            switch domain {
            case .categories(let values):
                switch type {
                case .text:
                    break
                case .integer:
                    if let bad = values.first(where: { Int64($0) == nil }) {
                        throw workspace.error(.invalidValue, at: at, "\"\(bad)\" is not a whole number, and \(name) holds whole numbers")
                    }
                case .boolean:
                    throw workspace.error(.invalidValue, at: at, "a boolean's categories are known already (true, false, NULL); remove the entry")
                default:
                    throw workspace.error(.invalidValue, at: at, "categories apply to text and whole numbers, and \(name) is \(type.rawValue); give \(LogicalType.numeric.contains(type) || LogicalType.temporal.contains(type) ? "bounds, `{ min: …, max: … }`," : "no domain")")
                }
            case .bounds(let low, let high):
                // Numbers for a number, dates for a date; a text column may hold either (the fit tells).
                func number(_ text: String) -> Double? {
                    if LogicalType.numeric.contains(type) { return ColumnDomain.bound(text, temporal: false) }
                    if LogicalType.temporal.contains(type) { return ColumnDomain.bound(text, temporal: true) }
                    return ColumnDomain.bound(text, temporal: false) ?? ColumnDomain.bound(text, temporal: true)
                }
                guard LogicalType.numeric.contains(type) || LogicalType.temporal.contains(type) || type == .text else {
                    throw workspace.error(.invalidValue, at: at, "bounds apply to numbers and dates, and \(name) is \(type.rawValue); give its categories, `[a, b, c]`")
                }
                let expected = LogicalType.numeric.contains(type) ? "a number, as \(name) holds numbers" : LogicalType.temporal.contains(type)
                    ? "a date (2020-01-01, 2020-01-01 12:00:00), as \(name) holds dates" : "a number or a date (2020-01-01, 2020-01-01 12:00:00)"
                guard let lower = number(low) else { throw workspace.error(.invalidValue, at: "\(at).min", "\"\(low)\" is not \(expected)") }
                guard let upper = number(high) else { throw workspace.error(.invalidValue, at: "\(at).max", "\"\(high)\" is not \(expected)") }
                guard lower < upper else { throw workspace.error(.invalidValue, at: at, "min (\(low)) must be below max (\(high))") }
                // -1e308 to 1e308: the span is past what a Double holds, and every value drawn was NaN.
                guard (upper - lower).isFinite, lower.magnitude < 1e300, upper.magnitude < 1e300 else {
                    throw workspace.error(.invalidValue, at: at, "the span from min (\(low)) to max (\(high)) is past what a number can be drawn in; give the bounds the column's values can really take")
                }
            }
        }
    }

    /// What synthesis cannot do, refused before any row is read.
    private func checkSynthesis(_ workspace: Workspace, _ plans: [TablePlan]) throws(WorkspaceError) {
        if workspace.subset != nil {
            throw workspace.error(.invalidValue, at: "subset", "a subset selects source rows, and synthesized tables have none to select; remove `subset:` or the tables' `mode: synthesize`")
        }
        for plan in plans where plan.mode == .synthesize && workspace.synthesis.privacy != nil {
            for column in plan.table.storedColumns where column.logicalType == .json && plan.plan(forColumn: column.name) == nil {
                throw workspace.error(.invalidValue, at: "tables.\(plan.table.name).columns.\(column.name)",
                    "is a JSON column of a synthesized table, and under differential privacy synthesis does not model JSON (the documents' structure would be read without noise); give it a generator that writes the value (constant, null)")
            }
        }
        if let budget = workspace.synthesis.privacy {
            do {
                let synthesized = plans.filter { $0.mode == .synthesize }
                _ = try PrivacyAccountant(
                    budget: budget, tables: synthesized.map { ($0.table.name, workspace.settings(forTable: $0.table.name)?.synthesis.epsilon) },
                    neighbours: PrivacyAccountant.neighbours(of: synthesized.map(\.table)))
            } catch {
                throw workspace.error(.invalidValue, at: "synthesis.differential_privacy", error.message)
            }
        }
    }

    /// The schema without the objects the workspace excludes (`exclude_objects`); an entry that
    /// names no object is an error at its place, with the names that come closest.
    public static func excludingObjects(_ workspace: Workspace, from schema: DatabaseSchema) throws(WorkspaceError) -> DatabaseSchema {
        var schema = schema
        // Grants name roles of the source's server: copied only when asked.
        if !workspace.copyPrivileges {
            schema.objects.removeAll(where: \.isPrivilege)
            schema.keepsDestinationPrivileges = true
        }
        guard !workspace.excludedObjects.isEmpty else { return schema }
        let labels = schema.objectLabels
        let kinds = DatabaseSchema.ObjectKind.all.map(\.description).joined(separator: ", ")
        var removed: [Set<String>] = []
        var created: [(index: Int, kind: DatabaseSchema.ObjectKind, names: Set<String>)] = []
        for (i, entry) in workspace.excludedObjects.enumerated() {
            guard let (label, name) = Self.exclusion(entry) else {
                throw workspace.error(.invalidValue, at: "exclude_objects[\(i)]", "write the kind and the name, e.g. \"view public.report\"; kinds: \(kinds)")
            }
            guard let kind = DatabaseSchema.ObjectKind(label: label) else {
                throw workspace.error(.invalidValue, at: "exclude_objects[\(i)]", "\"\(label)\" is not a kind of object\(Suggestion.hint(for: label, in: DatabaseSchema.ObjectKind.all.map(\.description))); kinds: \(kinds)")
            }
            let matches = labels.filter { Self.names($0, kind: kind, name: name, in: schema) }
            guard !matches.isEmpty else {
                throw workspace.error(.invalidValue, at: "exclude_objects[\(i)]",
                    "the source has no \(kind) \"\(name)\"\(Suggestion.hint(for: entry, in: labels.map { "\($0.kind) \($0.name)" })); kinds: \(kinds)")
            }
            for match in matches { schema.remove(kind: match.kind, name: match.name) }
            if [.function, .type, .domain, .object(.compositeType), .object(.rangeType)].contains(kind) { created.append((i, kind, Set(matches.map(\.name)))) }
            removed.append(Set(matches.compactMap { match -> String? in
                switch match.kind {
                case .view, .materializedView: View.relationKey(match.name)
                case .function: View.functionKey(match.name)
                case .type, .domain: View.typeKey(match.name)
                case .object(let kind): SchemaObject.key(kind, match.name)
                default: nil
                }
            }))
        }
        // What still reads a view or function an entry left out (and what reads those) would fail to
        // be created after every row is copied: named now, at the first such entry, to be left out too.
        // (A trigger of a table left out, `mode: exclude`, goes with its table.)
        let leftOut = Set(schema.tables.filter { table in workspace.tables.contains { $0.name == table.name && $0.mode == .exclude } }.flatMap(\.namesWithPartitions))
        let viewsOnly = Self.intoSQLite(workspace, schema)
        let readers = Self.readers(of: removed.reduce(into: Set<String>()) { $0.formUnion($1) }, in: schema, skippingObjectsOf: leftOut, viewsOnly: viewsOnly)
        if !readers.isEmpty, let i = removed.firstIndex(where: { !Self.readers(of: $0, in: schema, skippingObjectsOf: leftOut, viewsOnly: viewsOnly).isEmpty }) {
            let all = workspace.excludedObjects + readers.map { "\($0.kind) \($0.name)" }
            throw workspace.error(.invalidValue, at: "exclude_objects[\(i)]",
                "\(readers.map { "\($0.kind) \($0.name)" }.joined(separator: ", ")) need\(readers.count == 1 ? "s" : "") what is left out, and could not be created without it; leave \(readers.count == 1 ? "it" : "them") out too: exclude_objects: [\(all.map { "\"\($0)\"" }.joined(separator: ", "))]")
        }
        // What a table is created with — a column's type, its default, a generated column, a check,
        // an index — cannot be left out alone: the table could not be created (it failed so, after
        // the run had begun). Unless the table is left out too.
        // (A SQLite copy of PostgreSQL's tables has none of its functions and types.)
        for (i, kind, names) in created where !viewsOnly {
            let uses = Self.tableUses(of: kind, names: names, in: schema, skipping: leftOut)
            guard !uses.isEmpty else { continue }
            let tables = Set(uses.map(\.table)).sorted()
            throw workspace.error(.invalidValue, at: "exclude_objects[\(i)]",
                "\(uses.map(\.use).joined(separator: ", ")) need\(uses.count == 1 ? "s" : "") \(workspace.excludedObjects[i]), and \(tables.joined(separator: ", ")) could not be created without it; copy it (remove the entry), or leave \(tables.count == 1 ? "the table" : "the tables") out too (`mode: exclude`)")
        }
        return schema
    }

    /// Where the tables of `schema` (but those of `skipped`) use functions or types of `names`, of
    /// `kind`: a column's default, generated value, check or index that calls such a function
    /// (``SQLText/callsFunction(in:among:home:)``), a column of such a type or domain (arrays too).
    static func tableUses(of kind: DatabaseSchema.ObjectKind, names: Set<String>, in schema: DatabaseSchema, skipping: Set<String>) -> [(table: String, use: String)] {
        let wanted = Set(names.map { $0.lowercased() })
        var uses: [(table: String, use: String)] = []
        for table in schema.tables where !skipping.contains(table.name) {
            let home = Self.home(of: table.name, in: schema)
            if kind == .function {
                func calls(_ sql: String?) -> Bool { sql.map { SQLText.callsFunction(in: $0, among: names, home: home) } ?? false }
                for column in table.columns where calls(column.defaultExpression) {
                    uses.append((table.name, column.isGenerated ? "generated column \(table.name).\(column.name)" : "column \(table.name).\(column.name)'s default"))
                }
                for constraint in table.constraints where calls(constraint.definition) { uses.append((table.name, "constraint \(constraint.name) of \(table.name)")) }
                for index in table.indexes where calls(index.definitionSQL) { uses.append((table.name, "index \(index.name) of \(table.name)")) }
            } else {
                for column in table.columns {
                    let type = Self.typeName(of: column), qualified = Self.typeName(of: column, home: home)
                    if wanted.contains(qualified) || (home == nil && wanted.contains(String(type.split(separator: ".").last ?? ""))) {
                        uses.append((table.name, "column \(table.name).\(column.name)"))
                    }
                }
            }
        }
        return uses
    }

    /// The schema that `name` of `schema` belongs to where several are copied (`sales` of
    /// `sales.audit`: SQL without a qualifier is its object's schema's); nil where one is.
    static func home(of name: String, in schema: DatabaseSchema) -> String? {
        schema.namespaces != nil ? name.split(separator: ".").first.map(String.init) : nil
    }

    /// The type a column is of as a name, to compare with a type's or a table's (`mood` of `"mood"[]`), lower-cased.
    static func typeName(of column: Column) -> String {
        column.declaredType.replacingOccurrences(of: "[]", with: "").replacingOccurrences(of: "\"", with: "").lowercased()
    }

    /// ``typeName(of:)`` qualified by `home` (``home(of:in:)``) where it has no qualifier, as a type
    /// of several copied schemas is named (`sales.mood`).
    static func typeName(of column: Column, home: String?) -> String {
        let type = typeName(of: column)
        return if let home, !type.contains(".") { "\(home.lowercased()).\(type)" } else { type }
    }

    /// The schema without the tables in mode `exclude` and what belongs to them — their partitions,
    /// triggers, sequences, policies, rules, statistics, comments, grants, indexes and settings, as
    /// `DROP TABLE … CASCADE` leaves a schema. Refused, at the place that can say what to do, before
    /// anything is copied: a table whose rows reference one of them (its rows would reference
    /// nothing), inherit from one or hold its row type; a view, function, trigger, rule or policy
    /// that reads one (PostgreSQL would not create it; SQLite would, and it would fail when used),
    /// named with the `exclude_objects` entry that leaves it out too. (A subset that names one is
    /// refused by ``plan(_:schema:)``.)
    public static func excludingTables(_ names: Set<String>, from schema: DatabaseSchema, workspace: Workspace) throws(WorkspaceError) -> DatabaseSchema {
        guard !names.isEmpty else { return schema }
        let leaving = schema.tables.filter { names.contains($0.name) }
        // A partition's objects (its own indexes, constraints, triggers, comments) name the partition.
        let owned = Set(leaving.flatMap(\.namesWithPartitions))
        for table in schema.tables where !names.contains(table.name) {
            let path = "tables.\(table.name)"
            for key in table.foreignKeys where names.contains(key.referencedTable) {
                let ways = key.isVirtual
                    ? "remove the key from `foreign_keys:`"
                    : key.constraintName.map { "leave the key out (exclude_objects: [\"foreign key \(table.name).\($0)\"]: the values stay, pointing nowhere)" }
                let options = ["leave \(table.name) out too (`mode: exclude`)", "copy \(key.referencedTable)"] + (ways.map { [$0] } ?? [])
                throw workspace.error(.truncatedParent, at: path,
                    "rows of \(table.name) reference \(key.referencedTable) (\(key.describe(from: table.name))), which is left out (`mode: exclude`), so they would reference nothing; \(options.dropLast().joined(separator: ", ")) or \(options.last!)")
            }
            if let parent = table.inheritance?.parents.first(where: names.contains) {
                throw workspace.error(.invalidValue, at: path,
                    "\(table.name) inherits from \(parent), which is left out (`mode: exclude`): its inherited columns are \(parent)'s; leave \(table.name) out too (`mode: exclude`), or copy \(parent)")
            }
            for column in table.columns {
                let type = Self.typeName(of: column)
                if let typed = leaving.first(where: { $0.name.lowercased() == type }) {
                    throw workspace.error(.invalidValue, at: "\(path).columns.\(column.name)",
                        "is of \(typed.name)'s row type (\(column.declaredType)), and \(typed.name) is left out (`mode: exclude`); leave \(table.name) out too, or copy \(typed.name)")
                }
            }
        }
        // What reads an excluded table, directly or through each other: what PostgreSQL records for
        // views and functions (pg_depend), the rest read for the table's name (``readers(of:in:skippingObjectsOf:)``).
        let viewsOnly = Self.intoSQLite(workspace, schema)
        for table in leaving {
            let readers = Self.readers(of: Set(table.namesWithPartitions.map(View.relationKey)), in: schema, skippingObjectsOf: owned, viewsOnly: viewsOnly).map { "\($0.kind) \($0.name)" }
            guard !readers.isEmpty else { continue }
            let all = workspace.excludedObjects + readers
            throw workspace.error(.invalidValue, at: "tables.\(table.name)",
                "\(readers.joined(separator: ", ")) need\(readers.count == 1 ? "s" : "") \(table.name), which is left out (`mode: exclude`), and could not be created or used without it; leave \(readers.count == 1 ? "it" : "them") out too: exclude_objects: [\(all.map { "\"\($0)\"" }.joined(separator: ", "))]")
        }
        func reads(_ sql: String, _ names: Set<String>, of object: String) -> Bool { SQLText.readsTable(in: sql, among: names, home: Self.home(of: object, in: schema)) }
        // Of the objects that name no table: an index's or a sequence's comment (their names are the schema's own),
        // a trigger's, policy's or constraint's (`… ON audit IS`), extended statistics on its columns.
        // A sequence of theirs that a copied table's default draws from (`nextval('a_id_seq'::regclass)`)
        // stays, owned by none: that table could not be created without it (DROP … CASCADE drops the
        // default instead, and the table's inserts need their ids).
        let drawn = Set(schema.tables.filter { !names.contains($0.name) }.flatMap { table in
            table.columns.compactMap(\.defaultExpression).flatMap { SQLText.sequencesDrawn(by: $0, home: Self.home(of: table.name, in: schema)) }
        })
        let sequences = Set(schema.sequences.filter { ($0.ownerTable.map(owned.contains) ?? false) && !drawn.contains($0.name) }.map(\.name))
        // (Several schemas copied: objects are named `schema.name`, a table's indexes by their own name.)
        let relations = Set(leaving.flatMap { table in
            let prefix = schema.namespaces != nil ? table.name.split(separator: ".").dropLast().joined(separator: ".") + "." : ""
            return table.indexes.map { prefix + $0.name }
        }).union(sequences)
        let granted = owned.union(sequences)
        var schema = schema
        schema.tables.removeAll { names.contains($0.name) }
        schema.triggers.removeAll { owned.contains($0.table) }
        schema.sequences.removeAll { sequences.contains($0.name) }
        for i in schema.sequences.indices where schema.sequences[i].ownerTable.map(owned.contains) ?? false {
            schema.sequences[i].ownerTable = nil
            schema.sequences[i].ownerColumn = nil
        }
        schema.objects.removeAll { object in
            if let table = object.table { return owned.contains(table) }
            switch object.kind {
            case .comment:
                return owned.contains { object.name == $0 || object.name.hasPrefix($0 + ".") } || relations.contains(object.name)
                    || reads(object.definitionSQL, owned, of: object.name)
            case .grant: return granted.contains { object.name.hasPrefix($0 + ".") || object.name.hasPrefix($0 + " ") }
            case .statistics: return reads(object.definitionSQL, owned, of: object.name)
            default: return false
            }
        }
        schema.largeObjects = schema.largeObjects?.filter { !owned.contains($0.key) }
        return schema
    }

    /// The views and functions of `schema` that read any of `keys` (``View/relationKey(_:)``,
    /// ``View/functionKey(_:)``, ``View/typeKey(_:)``), directly or through each other, in the
    /// schema's order; then the triggers, policies and rules that read one of those relations or
    /// call one of those functions (not those of the tables in `skipped`, which go with their
    /// tables). What PostgreSQL records (pg_depend) says what a view or a
    /// SQL-standard body reads; what it records nothing of — a PL/pgSQL body, SQL written as a
    /// string, SQLite's views and triggers — is read for the names (``SQLText/readsTable(in:among:home:)``,
    /// ``SQLText/callsFunction(in:among:home:)``).
    static func readers(of keys: Set<String>, in schema: DatabaseSchema, skippingObjectsOf skipped: Set<String> = [], viewsOnly: Bool = false) -> [(kind: String, name: String)] {
        // (Views only: the schema's other objects are none of the destination's.)
        var schema = schema
        if viewsOnly {
            schema.functions = []
            schema.domains = []
            schema.triggers = []
            schema.objects = []
        }
        // (A domain, aggregate, operator, cast, … of PostgreSQL: what it needs is recorded.)
        let items = schema.views.map { (kind: $0.definitionSQL.hasPrefix("CREATE MATERIALIZED VIEW") ? "materialized view" : "view", key: View.relationKey($0.name), view: $0) }
            + schema.functions.map { (kind: "function", key: View.functionKey($0.name), view: $0) }
            + schema.domains.filter { $0.dependsOn != nil }.map { (kind: "domain", key: View.typeKey($0.name), view: $0) }
            + schema.objects.compactMap { object in
                object.dependsOn.flatMap { needs in object.key.map { key in
                    var view = View(name: object.name, definitionSQL: object.definitionSQL)
                    view.dependsOn = needs
                    return (kind: object.kind.rawValue, key: key, view: view)
                } }
            }
        func home(_ name: String) -> String? { Self.home(of: name, in: schema) }
        // The names read for, lower-cased, as they grow; each SQL tokenised once (a schema of
        // thousands of functions took seconds, read again per name and round).
        var missing = Set<String>(), found = Set<Int>()
        var relations = Set<String>(), functions = Set<String>()
        func add(_ key: String) {
            guard missing.insert(key).inserted else { return }
            for (prefix, insert) in [(View.relationKey(""), { relations.insert($0) }), (View.functionKey(""), { functions.insert($0) })] as [(String, (String) -> Void)]
            where key.hasPrefix(prefix) { insert(String(key.dropFirst(prefix.count)).lowercased()) }
        }
        keys.forEach(add)
        var tokens: [Int: [SQLToken]] = [:]
        func code(_ index: Int) -> [SQLToken] {
            if let known = tokens[index] { return known }
            let read = SQLText.codeTokens(items[index].view.definitionSQL)
            tokens[index] = read
            return read
        }
        func reads(_ index: Int) -> Bool {
            let item = items[index]
            if !missing.isDisjoint(with: item.view.dependsOn ?? []) { return true }
            let home = home(item.view.name)
            // (A SQLite view: no dependency recorded, its SQL read for the names.)
            guard item.kind == "function" else {
                return ["view", "materialized view"].contains(item.kind) && item.view.dependsOn == nil && SQLText.readsTable(tokens: code(index), among: relations, home: home)
            }
            return SQLText.readsTable(tokens: code(index), among: relations, home: home) || SQLText.callsFunction(tokens: code(index), among: functions, home: home)
        }
        var grew = !keys.isEmpty
        while grew {
            grew = false
            for index in items.indices where !found.contains(index) && reads(index) {
                found.insert(index)
                add(items[index].key)
                grew = true
            }
        }
        /// Whether SQL of `home` reads one of the relations or calls one of the functions.
        func uses(_ sql: String, _ home: String?) -> Bool {
            guard !relations.isEmpty || !functions.isEmpty else { return false }
            let tokens = SQLText.codeTokens(sql)
            return SQLText.readsTable(tokens: tokens, among: relations, home: home) || SQLText.callsFunction(tokens: tokens, among: functions, home: home)
        }
        // A trigger (a SQLite trigger's body, a PostgreSQL trigger's function), a policy or a rule of
        // another table (`USING (is_owner(owner_id))`). (Triggers are left out by name: each name once.)
        var triggerNames = Set<String>()
        let triggers = schema.triggers.filter { !skipped.contains($0.table) && uses($0.definitionSQL, home($0.table)) && triggerNames.insert($0.name).inserted }
        let objects = schema.objects.filter { object in
            [.policy, .rule].contains(object.kind) && !(object.table.map(skipped.contains) ?? false) && uses(object.definitionSQL, home(object.table ?? object.name))
        }
        return found.sorted().map { (items[$0].kind, items[$0].view.name) } + triggers.map { ("trigger", $0.name) } + objects.map { ($0.kind.rawValue, $0.name) }
    }

    /// Whether the workspace copies a PostgreSQL schema into SQLite, which gets its views (those
    /// SQLite reads) but none of its functions, triggers, policies, rules, domains or other objects:
    /// what needs an object or table left out is then only a view.
    static func intoSQLite(_ workspace: Workspace, _ schema: DatabaseSchema) -> Bool {
        guard schema.engine == .postgres, let url = try? DatabaseURL(workspace.destination, role: "destination", relativeTo: workspace.baseDirectory),
              case .sqlite = url else { return false }
        return true
    }

    /// An `exclude_objects` entry's kind as written (`materialized view`) and name; nil without both.
    static func exclusion(_ entry: String) -> (label: String, name: String)? {
        // (A cast's name has spaces: `cast mood AS integer`.)
        let kinds = DatabaseSchema.ObjectKind.all.map(\.description).filter { entry.hasPrefix($0 + " ") }
        if let kind = kinds.max(by: { $0.count < $1.count }), case let name = entry.dropFirst(kind.count).trimmingCharacters(in: .whitespaces), !name.isEmpty {
            return (kind, name)
        }
        let words = entry.split(separator: " ")
        guard words.count >= 2 else { return nil }
        return (words.dropLast().joined(separator: " "), String(words.last!))
    }

    /// Whether an `exclude_objects` entry of `kind` and `name` names `object`. One schema's objects
    /// have their bare names: `view public.report` names `report`.
    static func names(_ object: (kind: DatabaseSchema.ObjectKind, name: String), kind: DatabaseSchema.ObjectKind, name: String, in schema: DatabaseSchema) -> Bool {
        object.kind == kind && (object.name == name || (schema.namespaces == nil && name.hasSuffix("." + object.name)))
    }

    /// The objects of `schema` that the workspace's `exclude_objects` names, as `kind name` (entries
    /// that name nothing, which a run refuses, are passed over here).
    public static func excludedObjects(_ workspace: Workspace, in schema: DatabaseSchema) -> Set<String> {
        let entries = workspace.excludedObjects.compactMap { entry -> (DatabaseSchema.ObjectKind, String)? in
            guard let (label, name) = exclusion(entry), let kind = DatabaseSchema.ObjectKind(label: label) else { return nil }
            return (kind, name)
        }
        return Set(schema.objectLabels.filter { object in entries.contains { names(object, kind: $0.0, name: $0.1, in: schema) } }.map { "\($0.kind) \($0.name)" })
    }

    /// The schema with the workspace's `foreign_keys` added as virtual keys, after checking that
    /// every table and column they name exists.
    public static func applyingDeclaredKeys(_ workspace: Workspace, to schema: DatabaseSchema) throws(WorkspaceError) -> DatabaseSchema {
        var schema = schema
        for key in workspace.foreignKeys {
            let path = "foreign_keys[\(key.index)]"
            for (end, table, columns) in [("from", key.table, key.columns), ("to", key.referencedTable, key.referencedColumns)] {
                guard let found = schema.table(named: table) else {
                    throw workspace.error(.unknownTable, at: "\(path).\(end)", "the source has no table \"\(table)\"\(Suggestion.hint(for: table, in: schema.tables.map(\.name)))")
                }
                for column in columns where found.column(named: column) == nil {
                    throw workspace.error(.unknownColumn, at: "\(path).\(end)", "table \(table) has no column \"\(column)\"\(Suggestion.hint(for: column, in: found.columns.map(\.name)))")
                }
            }
            let index = schema.tables.firstIndex { $0.name == key.table }!
            let foreignKey = ForeignKey(columns: key.columns, referencedTable: key.referencedTable, referencedColumns: key.referencedColumns, isVirtual: true)
            if !schema.tables[index].foreignKeys.contains(where: { $0.columns == foreignKey.columns && $0.referencedTable == foreignKey.referencedTable }) {
                schema.tables[index].foreignKeys.append(foreignKey)
            }
        }
        return schema
    }

    private func samePlan(_ a: ColumnPlan?, _ b: ColumnPlan?) -> Bool {
        switch (a, b) {
        case (nil, nil): true
        case (let a?, let b?): a.sameTransform(as: b)
        default: false
        }
    }

    private func uniqueSafeNames(for type: LogicalType) -> String {
        registry.definitions
            .filter { $0.acceptedTypes.contains(type) && $0.uniqueSafety.isPossible && $0.name != "passthrough" }
            .map(\.name).joined(separator: ", ")
    }

    /// `composite`'s fields (also as `array`'s `of`): each one the column's type has, given a
    /// generator of the field's type (``SyntaxFit/fieldMisfit(_:_:column:)``); refused by name
    /// before any read (an unknown field stopped the run after the copy began).
    private func checkFields(_ generator: String, _ parameters: GeneratorParameters, of column: Column, in table: Table, at path: String, workspace: Workspace) throws(WorkspaceError) {
        guard let (place, misfit) = SyntaxFit.fieldMisfit(generator, parameters, column: column) else { return }
        let type = place.hasPrefix("of.") ? String(column.declaredType.dropLast(2)) : column.declaredType
        let message = switch misfit {
        case .notComposite:
            "composite reads the fields of a PostgreSQL composite type; \(table.name).\(column.name) is declared \(column.declaredType.isEmpty ? "without a type" : column.declaredType)"
        case .noField(let name, let fields):
            "the type \(type) of \(table.name).\(column.name) has no field \(name)" + (Suggestion.nearest(to: name, in: fields).map { " (did you mean \"\($0)\"?)" } ?? "") + "; its fields: \(fields.joined(separator: ", "))"
        case .type(let field, let generator, let accepts):
            "\(generator) does not accept \(field.logicalType.rawValue) values (field \(field.name) of \(type) is declared \(field.declaredType)); it accepts \(accepts.map(\.rawValue).joined(separator: ", "))"
        case .syntax(let field, let generator):
            "\(generator) writes values that field \(field.name) of \(type) cannot hold: it is declared \(field.declaredType), whose values have a syntax of their own; generators that fit it: \(SyntaxFit.fitting(field).joined(separator: ", "))"
        }
        let code: WorkspaceError.Code = if case .noField = misfit { .invalidParameter } else { .typeMismatch }
        throw workspace.error(code, at: "\(path).\(place)", message)
    }

    /// Resolves one column entry of the workspace into a plan.
    private func resolve(_ settings: ColumnSettings, of table: Table, at path: String, in workspace: Workspace) throws(WorkspaceError) -> ColumnPlan {
        guard let definition = registry.definition(named: settings.generator) else {
            throw workspace.error(.unknownGenerator, at: "\(path).generator",
                "unknown generator \"\(settings.generator)\"" + (Suggestion.nearest(to: settings.generator, in: registry.names).map { "; did you mean \"\($0)\"?" } ?? "; `understudy generators` lists them"))
        }
        let column = table.column(named: settings.name)!
        guard definition.acceptedTypes.contains(column.logicalType) else {
            throw workspace.error(.typeMismatch, at: "\(path).generator",
                "\(definition.name) does not accept \(column.logicalType.rawValue) columns (\(table.name).\(column.name) is declared \(column.declaredType.isEmpty ? "without a type" : column.declaredType)); it accepts \(definition.acceptedTypes.sorted().map(\.rawValue).joined(separator: ", "))")
        }
        if let consistent = settings.consistent, consistent, !definition.canBeConsistent {
            throw workspace.error(.invalidParameter, at: "\(path).consistent", "\(definition.name) has no consistency setting (its output does not depend on the input); remove `consistent`")
        }
        let parameters = try definition.resolve(settings.parameters, at: path, in: workspace)
        try checkFields(definition.name, parameters, of: column, in: table, at: path, workspace: workspace)
        guard SyntaxFit.fits(definition.name, parameters, column: column) else {
            let nested = parameters.values["of"].map { " of \($0.description)" } ?? ""
            throw workspace.error(.typeMismatch, at: "\(path).generator",
                "\(definition.name)\(nested) writes values that \(table.name).\(column.name) cannot hold: it is declared \(column.declaredType), whose values have a syntax of their own; generators that fit it: \(SyntaxFit.fitting(column).joined(separator: ", "))")
        }
        for parameter in definition.parameters where parameter.kind == .columnList || parameter.kind == .linkedColumnList {
            // (A linked list's `customers.first_name` names another table's column: checked with the plans.)
            for name in parameters.strings(parameter.name) ?? [] where table.column(named: name) == nil && !(parameter.kind == .linkedColumnList && name.contains(".")) {
                throw workspace.error(.unknownColumn, at: "\(path).\(parameter.name)",
                    "table \(table.name) has no column \"\(name)\"\(Suggestion.hint(for: name, in: table.columns.map(\.name)))")
            }
        }
        for parameter in definition.parameters where parameter.kind == .column || parameter.kind == .uniqueIntegerColumn {
            guard let name = parameters.string(parameter.name) else { continue }
            guard let referenced = table.column(named: name) else {
                throw workspace.error(.unknownColumn, at: "\(path).\(parameter.name)",
                    "table \(table.name) has no column \"\(name)\"\(Suggestion.hint(for: name, in: table.columns.map(\.name)))")
            }
            if parameter.kind == .uniqueIntegerColumn, !(referenced.logicalType == .integer && table.uniqueKeys.contains([name])) {
                throw workspace.error(.invalidParameter, at: "\(path).\(parameter.name)",
                    "\(parameter.name) needs an integer column that is unique on its own (a primary key or unique constraint); \(name) is not")
            }
        }
        var plan = ColumnPlan(
            column: settings.name, generator: definition.name, parameters: parameters,
            domain: settings.domain ?? "\(table.name).\(settings.name)",
            consistent: settings.consistent ?? definition.consistentByDefault,
            inheritedFrom: nil, mustBeUnique: false)
        plan.nullsInvalid = settings.onInvalid == .null
        return plan
    }
}

extension GeneratorDefinition.UniqueSafety {
    var isPossible: Bool {
        if case .never = self { return false }
        return true
    }
}

extension Table {
    /// The table's name and its partitions' (what a partition's own objects name).
    var namesWithPartitions: [String] { [name] + (partitioning?.partitions.map(\.name) ?? []) }
}

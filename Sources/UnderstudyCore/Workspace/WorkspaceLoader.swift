import Foundation
import Yams

/// Reads a workspace file: YAML → ``Workspace``, with every structural mistake reported at its
/// line and path. Checks that need the source schema or the generator registry are done by
/// ``RunPlanner``.
public enum WorkspaceLoader {
    static let topLevelKeys = ["version", "source", "destination", "secret", "unreviewed", "preserve_schema", "tables", "foreign_keys", "subset", "exclude_objects", "copy_privileges", "synthesis", "schema"]
    static let tableKeys = ["mode", "columns", "rows", "scale", "epsilon", "domains"]
    /// Keys of a column entry that are not generator parameters.
    static let columnKeys = ["generator", "domain", "consistent", "on_invalid"]

    /// Reads and parses the workspace at `path`.
    public static func load(path: String) throws(WorkspaceError) -> Workspace {
        guard FileManager.default.fileExists(atPath: path) else {
            throw WorkspaceError(
                code: .fileNotFound, path: "",
                message: "no workspace file here; create one with `understudy init --source URL --destination URL --out \(path)`",
                file: path)
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw WorkspaceError(code: .unreadable, path: "", message: "is a folder, not a workspace file; name the workspace file in it (`understudy.yml`)", file: path)
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WorkspaceError(code: .unreadable, path: "", message: "cannot read the file; check its permissions", file: path)
        }
        // A database given where the workspace goes (`understudy run shop.db`).
        if data.starts(with: Data("SQLite format 3\u{0}".utf8)) {
            throw WorkspaceError(
                code: .unreadable, path: "",
                message: "is a SQLite database, not a workspace: commands take the workspace file that names it as `source:`; write one with `understudy init --source sqlite:\(path) --destination sqlite:copy.db --out understudy.yml`",
                file: path)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw WorkspaceError(code: .unreadable, path: "", message: "cannot read the file as UTF-8 text; is this the workspace file? (check its encoding)", file: path)
        }
        return try parse(text, file: path)
    }

    /// Parses workspace YAML text; `file` is used in messages and to resolve relative paths.
    public static func parse(_ text: String, file: String? = nil) throws(WorkspaceError) -> Workspace {
        guard text.utf8.count <= maximumSize else {
            throw WorkspaceError(
                code: .tooLarge, path: "",
                message: "the file holds \(text.utf8.count) bytes, more than a workspace may (\(maximumSize)); is this the workspace file?",
                file: file)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            if case .duplicatedKeysInMapping(let duplicates, let context) = error {
                let names = duplicates.map { "\"\(YAMLText.comment($0))\"" }.joined(separator: ", ")
                let lines = duplicates.first.flatMap { occurrences(of: $0, in: text, from: context.mark.line) }
                throw WorkspaceError(code: .invalidStructure, path: "", message: "\(names) is written twice\(lines.map { " (first at line \($0.first))" } ?? ""); keep one",
                    file: file, line: lines?.second ?? context.mark.line)
            }
            // YAML indents with spaces only; an editor's tab gives a message about tokens.
            if let line = yamlLine(error), line >= 1 {
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                if line <= lines.count, lines[line - 1].prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") {
                    throw WorkspaceError(code: .invalidYAML, path: "", message: "not valid YAML: the line is indented with a tab, and YAML indents with spaces only; replace the tabs with spaces", file: file, line: line)
                }
            }
            throw WorkspaceError(code: .invalidYAML, path: "", message: "not valid YAML: \(yamlProblem(error)); fix the syntax at that place", file: file, line: yamlLine(error))
        } catch {
            throw WorkspaceError(code: .invalidYAML, path: "", message: "not valid YAML; fix the syntax", file: file)
        }
        var reader = Reader(file: file)
        guard let root else {
            throw reader.error(.invalidStructure, "", nil, "the file is empty; a workspace starts with `version: 1`, `source:`, `destination:`, `secret:` and `tables:`")
        }
        var budget = maximumValues
        guard root.fits(in: &budget) else {
            throw reader.error(.tooLarge, "", nil,
                "the file expands to more than \(maximumValues) values (aliases `*name` repeat what an anchor `&name` holds, and nested ones multiply); write the values out instead")
        }
        return try reader.workspace(root)
    }

    /// The largest workspace file read, in bytes: a workspace of 10,000 tables is well below it.
    public static let maximumSize = 16 << 20
    /// The most values (scalars, lists, mappings) a workspace may expand to, aliases counted each time they repeat.
    public static let maximumValues = 2_000_000

    /// The line (1-based) where `key` is written a second time as a mapping key, searching from `start`.
    /// The lines of a key's first two occurrences, from the mapping's start on.
    private static func occurrences(of key: String, in text: String, from start: Int) -> (first: Int, second: Int)? {
        var first: Int?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where index + 1 >= max(1, start - 1) {
            var body = line.drop { $0 == " " || $0 == "-" || $0 == "{" || $0 == "," }
            if body.first == "\"" || body.first == "'" { body = body.dropFirst() }
            guard body.hasPrefix(key) else { continue }
            let after = body.dropFirst(key.count).drop { $0 == "\"" || $0 == "'" || $0 == " " }
            guard after.first == ":" else { continue }
            guard let first else { first = index + 1; continue }
            return (first, index + 1)
        }
        return nil
    }

    private static func yamlLine(_ error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    private static func yamlProblem(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return "\(YAMLText.comment(problem)) at line \(mark.line), column \(mark.column)"
        default:
            // Other cases (reader, memory) describe themselves with the whole text; say only what kind it is.
            return "the YAML reader failed"
        }
    }

    /// Walks the YAML tree, remembering where each path was written.
    struct Reader {
        let file: String?
        var locations: [String: (line: Int, column: Int)] = [:]

        init(file: String?) { self.file = file }

        func error(_ code: WorkspaceError.Code, _ path: String, _ node: Node?, _ message: String) -> WorkspaceError {
            WorkspaceError(code: code, path: path, message: message, file: file, line: node?.mark?.line, column: node?.mark?.column)
        }

        mutating func note(_ path: String, _ node: Node) {
            if let mark = node.mark { locations[path] = (mark.line, mark.column) }
        }

        /// The entries of a mapping with string keys, in order; rejects duplicates.
        mutating func entries(_ node: Node, _ path: String, what: String) throws(WorkspaceError) -> [(key: String, keyNode: Node, value: Node)] {
            guard case .mapping(let mapping) = node else {
                throw error(.invalidStructure, path, node, "expected \(what) (a mapping of `key: value`), found \(shape(node))")
            }
            var result: [(String, Node, Node)] = []
            var seen = Set<String>()
            for (key, value) in try merged(mapping, path) {
                guard let name = key.scalar?.string else {
                    throw error(.invalidStructure, path, key, "keys must be plain names")
                }
                let childPath = path.isEmpty ? name : "\(path).\(name)"
                guard seen.insert(name).inserted else {
                    throw error(.invalidStructure, childPath, key, "\"\(name)\" is written twice; keep one")
                }
                note(childPath, key)
                result.append((name, key, value))
            }
            return result
        }

        /// A mapping's entries with YAML's merge keys expanded (``YAMLMerge``); a merge of no mapping is refused.
        func merged(_ mapping: Node.Mapping, _ path: String) throws(WorkspaceError) -> [(key: Node, value: Node)] {
            let (entries, invalid) = YAMLMerge.entries(mapping)
            if let invalid {
                throw error(.invalidStructure, path, invalid.key,
                    "`<<` merges a mapping into this one: write `<<: *name` after an anchor `&name` on a mapping (or a list of them), found \(shape(invalid.value))")
            }
            return entries
        }

        func shape(_ node: Node) -> String {
            switch node {
            case .scalar(let scalar): node.tagName == .null ? "nothing (null)" : scalar.string.isEmpty ? "an empty text" : "a single value"
            case .mapping: "a mapping"
            case .sequence: "a list"
            case .alias: "an alias"
            }
        }

        func string(_ node: Node, _ path: String, hint: String) throws(WorkspaceError) -> String {
            guard case .scalar(let scalar) = node, node.tagName != .null, !scalar.string.isEmpty else {
                throw error(.invalidValue, path, node, "expected a text value, found \(shape(node)); \(hint)")
            }
            return scalar.string
        }

        func bool(_ node: Node, _ path: String) throws(WorkspaceError) -> Bool {
            guard case .scalar = node, let value = node.bool else {
                throw error(.invalidValue, path, node, "expected true or false")
            }
            return value
        }

        func parameter(_ node: Node, _ path: String) throws(WorkspaceError) -> ParameterValue {
            switch node {
            case .scalar(let scalar):
                if scalar.style == .plain {
                    switch node.tagName {
                    case .int: if let i = node.int { return .integer(i) }
                    case .float: if let d = node.float { return .number(d) }
                    case .bool: if let b = node.bool { return .boolean(b) }
                    case .null: throw error(.invalidParameter, path, node, "has no value; write one, or quote \"null\" to mean the text or the generator `null`")
                    default: break
                    }
                }
                return .string(scalar.string)
            case .sequence(let sequence):
                var items: [ParameterValue] = []
                for (i, item) in sequence.enumerated() { items.append(try parameter(item, "\(path)[\(i)]")) }
                return .list(items)
            case .mapping(let mapping):
                var entries: [String: ParameterValue] = [:]
                for (key, value) in try merged(mapping, path) {
                    guard let name = key.scalar?.string else { throw error(.invalidParameter, path, key, "keys must be plain names") }
                    guard entries[name] == nil else { throw error(.invalidParameter, "\(path).\(name)", key, "\"\(name)\" is written twice; keep one") }
                    entries[name] = try parameter(value, "\(path).\(name)")
                }
                return .mapping(entries)
            default:
                throw error(.invalidParameter, path, node, "expected a value, a list or a mapping, found \(shape(node))")
            }
        }

        mutating func workspace(_ root: Node) throws(WorkspaceError) -> Workspace {
            let top = try entries(root, "", what: "a workspace")
            var values: [String: Node] = [:]
            for entry in top {
                // (Keys that begin with `x-` hold anchors for the rest of the file, as Docker Compose
                // reads them: `x-defaults: { mail: &mail {…} }`. Nothing else reads them.)
                if entry.key.hasPrefix("x-") { continue }
                guard WorkspaceLoader.topLevelKeys.contains(entry.key) else {
                    throw error(.unknownKey, entry.key, entry.keyNode,
                        "unknown key\(Suggestion.hint(for: entry.key, in: WorkspaceLoader.topLevelKeys)); a workspace has \(WorkspaceLoader.topLevelKeys.joined(separator: ", ")) (and keys beginning `x-`, for anchors, which are ignored)")
                }
                values[entry.key] = entry.value
            }
            guard let versionNode = values["version"] else {
                throw error(.missingKey, "version", root, "missing; add `version: 1` as the first line")
            }
            guard let version = versionNode.int, case .scalar = versionNode else {
                throw error(.invalidValue, "version", versionNode, "expected a number; write `version: 1`")
            }
            guard version == Workspace.currentVersion else {
                throw error(.unsupportedVersion, "version", versionNode,
                    "version \(version) is not supported by this understudy, which reads version \(Workspace.currentVersion); upgrade understudy or rewrite the file for version 1")
            }
            func required(_ key: String, _ hint: String) throws(WorkspaceError) -> Node {
                guard let node = values[key] else { throw error(.missingKey, key, root, "missing; \(hint)") }
                return node
            }
            let source = try string(try required("source", "add `source: sqlite:///path/to/prod.db`"), "source", hint: "write a URL such as sqlite:///path/to/prod.db")
            let destination = try string(try required("destination", "add `destination: sqlite:///path/to/dev.db`"), "destination", hint: "write a URL such as sqlite:///path/to/dev.db")
            let secretHint = "write `secret: env:UNDERSTUDY_SECRET` (an environment variable) or `secret: file:/path/to/keyfile`"
            let secretNode = try required("secret", secretHint)
            let secretText = try string(secretNode, "secret", hint: secretHint)
            guard let secret = SecretReference(secretText) else {
                throw error(.invalidValue, "secret", secretNode, "the secret is referred to, never written here; \(secretHint)")
            }
            var tables: [TableSettings] = []
            if let tablesNode = values["tables"], tablesNode.tagName != .null {
                for entry in try entries(tablesNode, "tables", what: "the tables, by name") {
                    tables.append(try table(entry.key, entry.value, path: "tables.\(entry.key)"))
                }
            }
            var workspace = Workspace(version: version, source: source, destination: destination, secret: secret, tables: tables, file: file, locations: locations)
            if let node = values["unreviewed"] {
                let text = try string(node, "unreviewed", hint: "stop or warn")
                guard let policy = UnreviewedPolicy(rawValue: text) else {
                    throw error(.invalidValue, "unreviewed", node, "unknown policy \"\(text)\"; use stop (the default: a run with unreviewed columns exits 3) or warn (they are copied as NULL)")
                }
                workspace.unreviewed = policy
            }
            if let node = values["copy_privileges"] {
                workspace.copyPrivileges = try bool(node, "copy_privileges")
            }
            if let node = values["preserve_schema"] {
                workspace.preserveSchema = try bool(node, "preserve_schema")
            }
            if let node = values["schema"], node.tagName != .null {
                workspace.reviewedSchema = try reviewedSchema(node)
            }
            if let node = values["foreign_keys"], node.tagName != .null {
                workspace.foreignKeys = try foreignKeys(node)
            }
            if let node = values["subset"], node.tagName != .null {
                workspace.subset = try subset(node)
            }
            if let node = values["synthesis"], node.tagName != .null {
                workspace.synthesis = try synthesis(node)
            }
            if let node = values["exclude_objects"], node.tagName != .null {
                guard case .sequence(let items) = node else {
                    throw error(.invalidStructure, "exclude_objects", node, "expected a list of objects, each as kind and name: [\"view public.report\", \"trigger orders_audit\"]")
                }
                for (i, item) in items.enumerated() {
                    let path = "exclude_objects[\(i)]"
                    note(path, item)
                    workspace.excludedObjects.append(try string(item, path, hint: "write the kind and the name, e.g. \"view public.report\""))
                }
            }
            workspace.locations = locations
            return workspace
        }

        mutating func positive(_ node: Node, _ path: String, _ what: String) throws(WorkspaceError) -> Double {
            guard case .scalar = node, let value = node.float, value.isFinite, value > 0 else { throw error(.invalidValue, path, node, "expected a number above 0: \(what)") }
            return value
        }

        /// A synthesis scale: at most 10⁶, so that a table's rows times it stay far inside Int (1e300
        /// crashed the fit).
        mutating func scale(_ node: Node, _ path: String, _ what: String) throws(WorkspaceError) -> Double {
            guard case .scalar = node, let value = node.float, value.isFinite, value > 0, value <= 1e6 else {
                throw error(.invalidValue, path, node, "expected a number above 0 and at most 1000000: \(what)")
            }
            return value
        }

        /// An ε (the run's or a table's share). Past 10⁶ the noise is below what a count can hold
        /// (ε = 10³⁰⁰ crashed the fit: a histogram's bin count past Int.max), and below 10⁻⁶ the
        /// budget is nothing a count can be read with (ε = 10⁻³⁰⁰ gave a ρ of 0).
        mutating func epsilon(_ node: Node, _ path: String, _ what: String) throws(WorkspaceError) -> Double {
            let value = try positive(node, path, what)
            guard value >= 1e-6, value <= 1e6 else {
                throw error(.invalidValue, path, node, "expected a number from 0.000001 to 1000000: \(what) (past 10⁶ the noise is below a count's precision: run without differential_privacy instead)")
            }
            return value
        }

        mutating func synthesis(_ node: Node) throws(WorkspaceError) -> SynthesisSettings {
            var settings = SynthesisSettings()
            for entry in try entries(node, "synthesis", what: "the synthesis settings (scale, differential_privacy)") {
                let path = "synthesis.\(entry.key)"
                switch entry.key {
                case "scale":
                    settings.scale = try scale(entry.value, path, "rows per source row of every synthesized root table, e.g. 2.5")
                case "differential_privacy":
                    var epsilon: Double?, delta: Double?
                    for field in try entries(entry.value, path, what: "the privacy budget, `{ epsilon: 1.0, delta: 1.0e-9 }`") {
                        let at = "\(path).\(field.key)"
                        switch field.key {
                        case "epsilon": epsilon = try self.epsilon(field.value, at, "the run's ε, e.g. 1.0")
                        case "delta":
                            let value = try positive(field.value, at, "the run's δ, e.g. 1.0e-9")
                            guard value >= 1e-100 else { throw error(.invalidValue, at, field.value, "expected a number from 1.0e-100: the run's δ, e.g. 1.0e-9 (a smaller δ buys nothing a run could measure)") }
                            guard value < 1 else { throw error(.invalidValue, at, field.value, "δ is a probability of failure and must be far below 1 (below 1/rows), e.g. 1.0e-9") }
                            delta = value
                        default:
                            throw error(.unknownKey, at, field.keyNode, "unknown key\(Suggestion.hint(for: field.key, in: ["epsilon", "delta"])); the budget has epsilon and delta")
                        }
                    }
                    guard let epsilon else { throw error(.missingKey, "\(path).epsilon", entry.value, "missing; state the run's budget, e.g. `epsilon: 1.0`") }
                    settings.privacy = PrivacyBudget(epsilon: epsilon, delta: delta ?? 1e-9)
                default:
                    throw error(.unknownKey, path, entry.keyNode, "unknown key\(Suggestion.hint(for: entry.key, in: ["scale", "differential_privacy"])); synthesis has scale and differential_privacy")
                }
            }
            return settings
        }

        mutating func reviewedSchema(_ node: Node) throws(WorkspaceError) -> ReviewedSchema {
            var tables: [(name: String, columns: [ReviewedSchema.ReviewedColumn])] = []
            for table in try entries(node, "schema", what: "the reviewed tables, by name") {
                var columns: [ReviewedSchema.ReviewedColumn] = []
                if table.value.tagName != .null {
                    for column in try entries(table.value, "schema.\(table.key)", what: "the reviewed columns, `name: TYPE [NOT NULL]`") {
                        let text = column.value.tagName == .null ? "untyped" : try string(column.value, "schema.\(table.key).\(column.key)", hint: "write the declared type, e.g. `TEXT NOT NULL`")
                        columns.append(.init(name: column.key, text: text))
                    }
                }
                tables.append((table.key, columns))
            }
            return ReviewedSchema(tables: tables)
        }

        mutating func subset(_ node: Node) throws(WorkspaceError) -> SubsetSettings {
            var settings = SubsetSettings(targets: [])
            for entry in try entries(node, "subset", what: "the subset settings (targets, downstream, lookup_tables, relationships)") {
                let path = "subset.\(entry.key)"
                switch entry.key {
                case "targets":
                    guard case .sequence(let items) = entry.value else { throw error(.invalidStructure, path, entry.value, "expected a list of `- table: NAME` entries") }
                    for (i, item) in items.enumerated() {
                        var target = SubsetSettings.Target(table: "")
                        for field in try entries(item, "\(path)[\(i)]", what: "a target: table, where, percent, limit") {
                            let at = "\(path)[\(i)].\(field.key)"
                            switch field.key {
                            case "table": target.table = try string(field.value, at, hint: "name a table")
                            case "where":
                                let predicate = try string(field.value, at, hint: "write a SQL predicate, e.g. \"country = 'CA'\"")
                                if let problem = RowCondition.predicateProblem(predicate) {
                                    throw error(.invalidValue, at, field.value, "expected one SQL condition on the table's columns, e.g. \"country = 'CA'\"; \(problem): remove it (a `;` or `--` inside a string is data, e.g. note LIKE '%;%'; with a backslash in the text, write them as chr(59) and chr(45))")
                                }
                                target.predicate = predicate
                            case "percent":
                                guard let p = field.value.float, p > 0, p <= 100 else { throw error(.invalidValue, at, field.value, "expected a number between 0 and 100") }
                                target.percent = p
                            case "limit":
                                guard let l = field.value.int, l >= 0 else { throw error(.invalidValue, at, field.value, "expected a whole number of rows") }
                                target.limit = l
                            default: throw error(.unknownKey, at, field.keyNode, "unknown key\(Suggestion.hint(for: field.key, in: ["table", "where", "percent", "limit"])); a target has table, where, percent and limit")
                            }
                        }
                        guard !target.table.isEmpty else { throw error(.missingKey, "\(path)[\(i)].table", item, "missing; name the table the subset starts from") }
                        settings.targets.append(target)
                    }
                case "downstream": settings.downstream = try bool(entry.value, path)
                case "lookup_tables":
                    guard case .sequence(let items) = entry.value else { throw error(.invalidStructure, path, entry.value, "expected a list of table names") }
                    for (i, item) in items.enumerated() { settings.lookupTables.append(try string(item, "\(path)[\(i)]", hint: "name a table")) }
                case "relationships":
                    guard case .sequence(let items) = entry.value else { throw error(.invalidStructure, path, entry.value, "expected a list of `- { from: t(c), to: p(k), downstream: false }`") }
                    for (i, item) in items.enumerated() {
                        var from: (String, [String])?, to: String?, downstream = true
                        for field in try entries(item, "\(path)[\(i)]", what: "a relationship: from, to, downstream") {
                            let at = "\(path)[\(i)].\(field.key)"
                            switch field.key {
                            case "from": from = DeclaredForeignKey.parseEnd(try string(field.value, at, hint: "write table(column)"))
                            case "to": to = DeclaredForeignKey.parseEnd(try string(field.value, at, hint: "write table(column)"))?.table
                            case "downstream": downstream = try bool(field.value, at)
                            default: throw error(.unknownKey, at, field.keyNode, "unknown key; a relationship has from, to and downstream")
                            }
                        }
                        guard let from, let to else { throw error(.missingKey, "\(path)[\(i)]", item, "a relationship needs from: table(column) and to: table(column)") }
                        settings.relationships.append(.init(table: from.0, columns: from.1, referencedTable: to, downstream: downstream))
                    }
                default:
                    throw error(.unknownKey, path, entry.keyNode, "unknown key\(Suggestion.hint(for: entry.key, in: ["targets", "downstream", "lookup_tables", "relationships"]))")
                }
            }
            guard !settings.targets.isEmpty else { throw error(.missingKey, "subset.targets", node, "missing; name at least one table to start from") }
            return settings
        }

        mutating func foreignKeys(_ node: Node) throws(WorkspaceError) -> [DeclaredForeignKey] {
            guard case .sequence(let items) = node else {
                throw error(.invalidStructure, "foreign_keys", node, "expected a list of `- from: table(column)` / `  to: table(column)` entries")
            }
            var keys: [DeclaredForeignKey] = []
            for (i, item) in items.enumerated() {
                let path = "foreign_keys[\(i)]"
                note(path, item)
                var from: (String, [String])?, to: (String, [String])?
                for entry in try entries(item, path, what: "a foreign key: `from: table(column)` and `to: table(column)`") {
                    let text = try string(entry.value, "\(path).\(entry.key)", hint: "write table(column) or table(a, b)")
                    guard let end = DeclaredForeignKey.parseEnd(text) else {
                        throw error(.invalidValue, "\(path).\(entry.key)", entry.value, "\"\(text)\" is not table(column) or table(a, b)")
                    }
                    switch entry.key {
                    case "from": from = end
                    case "to": to = end
                    default: throw error(.unknownKey, "\(path).\(entry.key)", entry.keyNode, "unknown key\(Suggestion.hint(for: entry.key, in: ["from", "to"])); a foreign key has from and to")
                    }
                }
                guard let from, let to else { throw error(.missingKey, path, item, "a foreign key needs both `from: table(column)` and `to: table(column)`") }
                guard from.1.count == to.1.count else {
                    throw error(.invalidValue, path, item, "from names \(from.1.count) columns and to names \(to.1.count); a composite key pairs them one to one")
                }
                keys.append(DeclaredForeignKey(table: from.0, columns: from.1, referencedTable: to.0, referencedColumns: to.1, index: i))
            }
            return keys
        }

        mutating func table(_ name: String, _ node: Node, path: String) throws(WorkspaceError) -> TableSettings {
            var settings = TableSettings(name: name)
            if case .scalar = node, node.tagName == .null { return settings }
            for entry in try entries(node, path, what: "the table's settings (`mode:` and `columns:`)") {
                let entryPath = "\(path).\(entry.key)"
                switch entry.key {
                case "mode":
                    let text = try string(entry.value, entryPath, hint: "one of \(TableMode.available.map(\.rawValue).joined(separator: ", "))")
                    guard let mode = TableMode(rawValue: text) else {
                        throw error(.unknownMode, entryPath, entry.value,
                            "unknown mode \"\(text)\"\(Suggestion.hint(for: text, in: TableMode.allCases.map(\.rawValue))); use one of \(TableMode.available.map(\.rawValue).joined(separator: ", "))")
                    }
                    guard TableMode.available.contains(mode) else {
                        throw error(.unsupportedMode, entryPath, entry.value,
                            "mode \"\(text)\" is not available in this version; use one of \(TableMode.available.map(\.rawValue).joined(separator: ", "))")
                    }
                    settings.mode = mode
                case "columns":
                    if case .scalar = entry.value, entry.value.tagName == .null { continue }
                    for column in try entries(entry.value, entryPath, what: "the columns, by name") {
                        settings.columns.append(try self.column(column.key, column.value, path: "\(entryPath).\(column.key)"))
                    }
                case "rows":
                    guard let rows = entry.value.int, rows >= 0 else { throw error(.invalidValue, entryPath, entry.value, "expected a whole number of rows to synthesize") }
                    // Past it, a row count times the window's factors left Int (Int.max crashed the fit).
                    guard rows <= 1_000_000_000_000 else { throw error(.invalidValue, entryPath, entry.value, "expected a whole number of rows to synthesize, at most 1000000000000") }
                    settings.synthesis.rows = rows
                case "scale":
                    settings.synthesis.scale = try scale(entry.value, entryPath, "a scale: rows per source row, e.g. 2.5")
                case "epsilon":
                    settings.synthesis.epsilon = try epsilon(entry.value, entryPath, "the share of the run's ε this table spends, e.g. 0.25")
                case "domains":
                    if case .scalar = entry.value, entry.value.tagName == .null { continue }
                    for column in try entries(entry.value, entryPath, what: "the columns' public domains, by name: `country: [US, CA]` or `total: { min: 0, max: 500 }`") {
                        settings.synthesis.domains[column.key] = try domain(column.value, path: "\(entryPath).\(column.key)")
                    }
                default:
                    throw error(.unknownKey, entryPath, entry.keyNode,
                        "unknown key\(Suggestion.hint(for: entry.key, in: WorkspaceLoader.tableKeys)); a table has `mode:`, `columns:` and, when synthesized, `rows:`, `scale:`, `epsilon:` and `domains:`")
                }
            }
            return settings
        }

        /// `[US, CA, MX]` (categories) or `{ min: 0, max: 500 }` (bounds).
        mutating func domain(_ node: Node, path: String) throws(WorkspaceError) -> ColumnDomain {
            let hint = "a list of every category the column can hold, `[US, CA, MX]`, or a number's or date's bounds, `{ min: 0, max: 500 }`"
            if case .sequence(let items) = node {
                var categories: [String] = []
                for (i, item) in items.enumerated() {
                    categories.append(try string(item, "\(path)[\(i)]", hint: "a category, as the column holds it"))
                }
                guard !categories.isEmpty else { throw error(.invalidValue, path, node, "is empty; \(hint)") }
                return .categories(categories)
            }
            guard case .mapping = node else { throw error(.invalidValue, path, node, "expected \(hint)") }
            var low: String?, high: String?
            for field in try entries(node, path, what: hint) {
                switch field.key {
                case "min": low = try string(field.value, "\(path).min", hint: "the smallest value, e.g. 0 or 2020-01-01")
                case "max": high = try string(field.value, "\(path).max", hint: "the largest value, e.g. 500 or 2025-12-31")
                default: throw error(.unknownKey, "\(path).\(field.key)", field.keyNode, "unknown key\(Suggestion.hint(for: field.key, in: ["min", "max"])); bounds have min and max")
                }
            }
            guard let low else { throw error(.missingKey, "\(path).min", node, "missing; bounds need both min and max") }
            guard let high else { throw error(.missingKey, "\(path).max", node, "missing; bounds need both min and max") }
            return .bounds(min: low, max: high)
        }

        /// A generator's name. The generator `null` may be written unquoted, as YAML's null: the
        /// word itself, not an empty value or `~`, which name nothing.
        func generatorName(_ node: Node, _ path: String) throws(WorkspaceError) -> String {
            if case .scalar(let scalar) = node, node.tagName == .null, scalar.string.lowercased() == "null" { return "null" }
            return try string(node, path, hint: "name a generator; `understudy generators` lists them")
        }

        mutating func column(_ name: String, _ node: Node, path: String) throws(WorkspaceError) -> ColumnSettings {
            // Shorthand: `email: email` names the generator alone.
            if case .scalar(let scalar) = node, node.tagName != .null || scalar.string.lowercased() == "null" {
                note("\(path).generator", node)
                return ColumnSettings(name: name, generator: try generatorName(node, path))
            }
            var generator: String?
            var settings = ColumnSettings(name: name, generator: "")
            for entry in try entries(node, path, what: "the column's generator, e.g. `{ generator: email }`") {
                let entryPath = "\(path).\(entry.key)"
                switch entry.key {
                case "generator":
                    generator = try generatorName(entry.value, entryPath)
                    note(entryPath, entry.value)
                case "domain":
                    settings.domain = try string(entry.value, entryPath, hint: "name a consistency domain, e.g. `domain: email`")
                case "consistent":
                    settings.consistent = try bool(entry.value, entryPath)
                case "on_invalid":
                    // `null` unquoted is YAML's null: the word itself means the policy.
                    let word = try? generatorName(entry.value, entryPath)
                    guard let word, let policy = InvalidValues(rawValue: word) else {
                        throw error(.invalidValue, entryPath, entry.value,
                            "expected stop (the default: the run stops at a value the generator cannot read, naming its row) or null (the value is written NULL and counted in the report)")
                    }
                    settings.onInvalid = policy
                default:
                    settings.parameters[entry.key] = try parameter(entry.value, entryPath)
                }
            }
            guard let generator else {
                throw error(.missingKey, "\(path).generator", node, "missing; name the generator, e.g. `{ generator: email }` (`understudy generators` lists them)")
            }
            settings.generator = generator
            return settings
        }
    }
}

extension Node {
    /// Whether the tree, with aliases expanded, holds at most `budget` nodes (counting down).
    func fits(in budget: inout Int) -> Bool {
        budget -= 1
        guard budget >= 0 else { return false }
        switch self {
        case .scalar: return true
        case .alias: return true
        case .sequence(let sequence):
            for item in sequence where !item.fits(in: &budget) { return false }
            return true
        case .mapping(let mapping):
            for (key, value) in mapping where !key.fits(in: &budget) || !value.fits(in: &budget) { return false }
            return true
        }
    }

    /// The resolved tag (`!!null`, `!!int`, …); quoted scalars resolve to `!!str`.
    var tagName: Tag.Name { Tag.Name(rawValue: tag.rawValue) }
}

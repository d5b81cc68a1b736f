import Foundation
import Hummingbird
import UnderstudyCore
import UnderstudyKit

/// The JSON API (`/api`), as `Assets/openapi.json` describes it.
struct API {
    let studio: Studio

    /// A path parameter as the name it stands for: the router gives it as sent, percent-encoded
    /// (`Order%20Items`).
    static func path(_ context: BasicRequestContext, _ name: String) throws -> String {
        let raw = try context.parameters.require(name)
        return raw.removingPercentEncoding ?? raw
    }

    // MARK: answers

    struct Health: Codable { var status: String }

    struct Finding: Codable {
        var kind: String
        var confidence: Double
        var generator: String
        /// Which rules fired and what share of the sample matched — never a sampled value.
        var evidence: [String]
    }

    struct ColumnInfo: Codable {
        var name: String
        var type: String
        /// The generators a run accepts for the column's type (its logical type, and a PostgreSQL
        /// type's syntax: ``SyntaxFit``), for the choice offered.
        var generators: [String]
        var generator: String?
        var params: [String: JSONValue]
        var inheritedFrom: String?
        var finding: Finding?
    }

    struct TableInfo: Codable {
        var name: String
        var mode: TableMode
        var rows: Int64
        var columns: [ColumnInfo]
    }

    struct ParameterInfo: Codable {
        var name: String
        /// string, integer, number, boolean, choice, scalar, column, column_list, generator, generator_map, number_list, string_list, recognizer_list
        var kind: String
        var choices: [String]?
        var defaultValue: JSONValue?
        var required: Bool
        var summary: String

        enum CodingKeys: String, CodingKey { case name, kind, choices, defaultValue = "default", required, summary }
    }

    struct GeneratorInfo: Codable {
        var name: String
        var summary: String
        var acceptedTypes: [String]
        var parameters: [ParameterInfo]

        enum CodingKeys: String, CodingKey { case name, summary, acceptedTypes = "accepted_types", parameters }
    }

    /// Every generator with the parameters its form is built from.
    static let generators: [GeneratorInfo] = GeneratorRegistry.standard.names.sorted().compactMap { name in
        guard let definition = GeneratorRegistry.standard.definition(named: name) else { return nil }
        return GeneratorInfo(
            name: name, summary: definition.summary, acceptedTypes: definition.acceptedTypes.map(\.rawValue).sorted(),
            parameters: definition.parameters.map { parameter in
                let kind: String, choices: [String]?
                switch parameter.kind {
                case .string: (kind, choices) = ("string", nil)
                case .integer: (kind, choices) = ("integer", nil)
                case .number: (kind, choices) = ("number", nil)
                case .boolean: (kind, choices) = ("boolean", nil)
                case .choice(let options): (kind, choices) = ("choice", options)
                case .scalar: (kind, choices) = ("scalar", nil)
                case .column, .uniqueIntegerColumn: (kind, choices) = ("column", nil)
                case .columnList, .linkedColumnList: (kind, choices) = ("column_list", nil)
                case .generator: (kind, choices) = ("generator", nil)
                case .generatorMap: (kind, choices) = ("generator_map", nil)
                case .numberList: (kind, choices) = ("number_list", nil)
                case .stringList: (kind, choices) = ("string_list", nil)
                case .recognizerList: (kind, choices) = ("recognizer_list", nil)
                }
                return ParameterInfo(name: parameter.name, kind: kind, choices: choices, defaultValue: parameter.defaultValue.map(JSONValue.init),
                                     required: parameter.isRequired, summary: parameter.summary)
            })
    }

    struct ColumnChange: Codable {
        var generator: String
        var params: [String: JSONValue]?
    }

    struct ModeChange: Codable { var mode: String }

    struct SubsetChange: Codable {
        struct Target: Codable {
            var table: String
            var `where`: String?
            var percent: Double?
            var limit: Int?
        }
        var targets: [Target]
        var downstream: Bool?
        var lookupTables: [String]?
    }

    struct PreviewRow: Codable {
        var before: [String: JSONValue]
        var after: [String: JSONValue]
    }

    struct PreviewAnswer: Codable {
        var table: String
        var mode: String
        var columns: [String]
        var transformed: [String]
        var rows: [PreviewRow]
    }

    struct Change: Codable {
        var target: String
        var table: String
        var column: String?
        var description: String
        var needsReview: Bool
        var finding: Finding?
    }

    struct Acknowledgement: Codable {
        var columns: [String]?
        var all: Bool?
        var generator: String?
    }

    /// An object of the source other than a table (a view, a function, a trigger, a foreign key…),
    /// by the kind and name `exclude_objects` takes, and whether the workspace leaves it out.
    struct ObjectInfo: Codable {
        var kind: String
        var name: String
        var excluded: Bool
    }

    /// The objects to leave out (`exclude_objects`), each as `kind name`; the list replaces the file's.
    struct ObjectsChange: Codable {
        var excluded: [String]
    }

    /// A workspace to make where there is none: the source's and the destination's URLs, relative
    /// SQLite paths from the workspace's folder.
    struct WorkspaceCreation: Codable {
        var source: String
        var destination: String
    }

    /// The workspace made: its file, what `init` counts, and its notes (a password left out, a
    /// schema not copied, a destination's).
    struct WorkspaceCreated: Codable {
        var workspace: String
        var tables: Int
        var columns: Int
        var suggested: Int
        var notes: [String]
    }

    struct Overview: Codable {
        var workspace: String
        var source: String
        var destination: String
        var tables: Int
        var columns: Int
        var personalColumns: Int
        var protectedColumns: Int
        var unprotectedPersonalColumns: [String]
        var unreviewedChanges: Int
    }

    // MARK: routes

    func register(on router: Router<BasicRequestContext>) {
        let api = router.group("api")
        api.get("health") { _, _ in JSON.response(Health(status: "ok")) }
        api.get("openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(bytes: Assets.data("openapi.json"))))
        }
        // Reading the workspace and its source.
        api.get("overview") { _, _ in JSON.response(try await overview()) }
        api.get("generators") { _, _ in JSON.response(Self.generators) }
        api.get("tables") { _, _ in JSON.response(try await tables()) }
        api.get("tables/:table/preview") { request, context in
            let limit = request.uri.queryParameters.get("limit", as: Int.self) ?? 5
            guard (1...200).contains(limit) else { throw StudioError(status: .badRequest, message: "limit must be between 1 and 200") }
            return JSON.response(try await preview(table: try Self.path(context, "table"), limit: limit))
        }
        api.get("schema/changes") { _, _ in JSON.response(try await changes()) }
        api.get("subset/explain") { _, _ in JSON.response(try await explainSubset()) }
        // Making the workspace where there is none, as `understudy init` does.
        api.post("workspace") { request, _ in
            let creation = try await JSON.decode(WorkspaceCreation.self, from: request)
            return JSON.response(try await createWorkspace(creation), status: .created)
        }
        // Changing the workspace.
        api.put("tables/:table/columns/:column") { request, context in
            let change = try await JSON.decode(ColumnChange.self, from: request)
            try await setColumn(try Self.path(context, "table"), try Self.path(context, "column"), change)
            return JSON.response(try await tables().first { $0.name == (try Self.path(context, "table")) })
        }
        api.put("tables/:table") { request, context in
            let change = try await JSON.decode(ModeChange.self, from: request)
            try await setMode(try Self.path(context, "table"), change.mode)
            return JSON.response(try await tables().first { $0.name == (try Self.path(context, "table")) })
        }
        api.put("subset") { request, _ in
            let change = try await JSON.decode(SubsetChange.self, from: request)
            try await setSubset(change)
            return JSON.response(try await explainSubset())
        }
        api.delete("subset") { _, _ in
            try await removeSubset()
            return Response(status: .noContent)
        }
        api.get("objects") { _, _ in JSON.response(try await objects()) }
        api.put("objects") { request, _ in
            let change = try await JSON.decode(ObjectsChange.self, from: request)
            try await setExcludedObjects(change.excluded)
            return JSON.response(try await objects())
        }
        api.post("schema/ack") { request, _ in
            let acknowledgement = try await JSON.decode(Acknowledgement.self, from: request)
            return JSON.response(try await acknowledge(acknowledgement))
        }
        // Running it.
        api.get("runs") { _, _ in JSON.response(try await studio.runs.history()) }
        api.post("runs") { _, _ in
            try studio.needWorkspace()
            let id = try await studio.runs.start()
            return JSON.response(["id": id], status: .accepted)
        }
        api.get("runs/:id") { _, context in
            guard let run = try await studio.runs.run(id: try context.parameters.require("id")) else { throw StudioError(status: .notFound, message: "no run with this id") }
            return JSON.response(run)
        }
        // Live progress as server-sent events: the run's record every quarter second until it ends.
        api.get("runs/:id/events") { _, context in
            let id = try context.parameters.require("id")
            guard try await studio.runs.run(id: id) != nil else { throw StudioError(status: .notFound, message: "no run with this id") }
            let runs = studio.runs
            return Response(
                status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"],
                body: ResponseBody { writer in
                    while let run = try await runs.run(id: id) {
                        let data = String(decoding: try JSON.encoder.encode(run), as: UTF8.self)
                        try await writer.write(ByteBuffer(string: "event: run\ndata: \(data)\n\n"))
                        if run.status.finished { break }
                        try await Task.sleep(for: .milliseconds(250))
                    }
                    try await writer.finish(nil)
                })
        }
        api.post("runs/:id/cancel") { _, context in
            guard let run = try await studio.runs.cancel(id: try context.parameters.require("id")) else { throw StudioError(status: .notFound, message: "no run with this id") }
            return JSON.response(run)
        }
    }

    // MARK: workspace and source

    func loadWorkspace() throws -> Workspace {
        try studio.needWorkspace()
        return try WorkspaceLoader.load(path: studio.workspacePath)
    }

    /// Writes the workspace `init` writes for `creation` where none is: the source introspected and
    /// scanned, the destination checked as a run checks it, nothing written when either fails or a
    /// workspace is there (one made meanwhile by another request included).
    func createWorkspace(_ creation: WorkspaceCreation) async throws -> WorkspaceCreated {
        let path = studio.workspacePath
        let exists = StudioError(status: .conflict, message: "a workspace exists at \(path); change it on the Studio's pages, or remove the file to make another")
        guard !studio.hasWorkspace else { throw exists }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        // (A URL that is none is the draft's own error, its role named: a 400.)
        let draft: WorkspaceDraft
        do {
            draft = try await WorkspaceDraft.make(source: creation.source, destination: creation.destination, base: folder, typedIn: folder)
        } catch let error as AdapterError where [.invalidURL, .unsupportedScheme].contains(error.code) {
            throw StudioError(status: .badRequest, message: error.description)
        }
        guard try FileReplacement.create(Data(draft.text.utf8), at: path) else { throw exists }
        await studio.cache.clear()
        var notes = draft.notes(file: "the workspace")
        if draft.tables == 0 { notes.append("the source holds no table: an empty database, or another than meant? Check the source URL") }
        return WorkspaceCreated(workspace: path, tables: draft.tables, columns: draft.columns, suggested: draft.suggested, notes: notes)
    }

    /// Opens the workspace's source for `body` and closes it after.
    func withSource<T>(_ body: (Workspace, any SamplingSource, DatabaseSchema) async throws -> T) async throws -> T {
        let workspace = try loadWorkspace()
        let source = try await Databases.openSource(of: workspace)
        do {
            let schema = try RunPlanner.applyingDeclaredKeys(workspace, to: try await source.introspect())
            let result = try await body(workspace, source, schema)
            await source.close()
            return result
        } catch {
            await source.close()
            throw error
        }
    }

    static func finding(_ finding: ScanFinding?) -> Finding? {
        guard let finding, finding.personal else { return nil }
        return Finding(kind: finding.kind.rawValue, confidence: (finding.confidence * 100).rounded() / 100, generator: finding.generator, evidence: finding.evidence)
    }

    func tables() async throws -> [TableInfo] {
        let (key, lifetime, _) = ReadCache.fingerprint(workspacePath: studio.workspacePath)
        return try await studio.cache.value("tables", key: key, lifetime: lifetime) { try await readTables() }
    }

    func readTables() async throws -> [TableInfo] {
        try await withSource { workspace, source, schema in
            let plan = try RunPlanner().plan(workspace, schema: schema)
            var result: [TableInfo] = []
            for table in schema.tables {
                let tablePlan = plan.table(named: table.name)
                let sample = try await source.sample(of: table, size: 200)
                let findings = Dictionary(Scanner().scan(table: table, sample: sample).map { ($0.column, $0) }, uniquingKeysWith: { first, _ in first })
                let columns = table.storedColumns.map { column -> ColumnInfo in
                    let columnPlan = tablePlan?.plan(forColumn: column.name)
                    return ColumnInfo(
                        name: column.name, type: column.declaredType, generators: SyntaxFit.candidates(for: column), generator: columnPlan?.generator,
                        params: (columnPlan?.parameters.values ?? [:]).mapValues(JSONValue.init),
                        inheritedFrom: columnPlan?.inheritedFrom, finding: Self.finding(findings[column.name]))
                }
                let mode = tablePlan?.mode ?? workspace.settings(forTable: table.name)?.mode ?? .deidentify
                result.append(TableInfo(name: table.name, mode: mode, rows: try await source.rowCount(of: table), columns: columns))
            }
            return result
        }
    }

    func overview() async throws -> Overview {
        let tables = try await tables()
        let workspace = try loadWorkspace()
        let changes = try await changes()
        let columns = tables.flatMap { table in table.columns.map { (table, $0) } }
        let personal = columns.filter { $0.1.finding != nil }
        let unprotected = personal.filter { $0.0.mode == .passthrough || ($0.0.mode == .deidentify && $0.1.generator == nil) }
        return Overview(
            workspace: studio.workspacePath, source: DatabaseURL.withoutSecrets(workspace.source) ?? workspace.source,
            destination: DatabaseURL.withoutSecrets(workspace.destination) ?? workspace.destination, tables: tables.count, columns: columns.count,
            personalColumns: personal.count, protectedColumns: personal.count - unprotected.count,
            unprotectedPersonalColumns: unprotected.map { "\($0.0.name).\($0.1.name)" },
            // Without a reviewed schema nothing blocks a run (it warns, UND-W002): nothing is counted as unreviewed.
            unreviewedChanges: workspace.reviewedSchema == nil ? 0 : changes.filter(\.needsReview).count)
    }

    /// How long a synthesized table's preview is kept when the source cannot be watched (PostgreSQL):
    /// its models are fitted for it (seconds on a large source), so a minute rather than five seconds.
    static let synthesizedPreviewLifetime: TimeInterval = 60

    /// A table's preview, kept like the other read answers: until the workspace or a watched source
    /// changes, or any change made through the Studio.
    func preview(table: String, limit: Int) async throws -> PreviewAnswer {
        var (key, lifetime, workspace) = ReadCache.fingerprint(workspacePath: studio.workspacePath)
        if workspace?.settings(forTable: table)?.mode == .synthesize {
            lifetime = lifetime.map { max($0, Self.synthesizedPreviewLifetime) }
        }
        return try await studio.cache.value("preview \(table) \(limit)", key: key, lifetime: lifetime) { try await readPreview(table: table, limit: limit) }
    }

    func readPreview(table: String, limit: Int) async throws -> PreviewAnswer {
        let job: Job
        do {
            job = try await Job(workspace: try loadWorkspace(), path: studio.workspacePath, environment: studio.environment)
        } catch let error as WorkspaceError where error.code == .missingSecret {
            throw StudioError(status: .conflict, code: "workspace.missingSecret", message: "\(error.description); start `understudy serve` with the secret in its environment")
        }
        do {
            guard let preview = try await job.preview(table: table, limit: limit) else {
                if job.plan.excludedTables.contains(table) {
                    throw StudioError(status: .conflict, code: "table.excluded", message: "table \(table) is left out of the copy (mode exclude): the destination gets neither its schema nor its rows; give it another mode to preview it")
                }
                throw StudioError(status: .notFound, message: "the source has no table \"\(table)\"\(Suggestion.hint(for: table, in: job.schema.tables.map(\.name)))")
            }
            await job.close()
            let names = preview.before.columnNames
            let rows = (0..<preview.before.count).map { row in
                PreviewRow(
                    before: Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, JSONValue(preview.before.columns[$0][row])) }),
                    after: Dictionary(uniqueKeysWithValues: names.map { name in
                        (name, JSONValue(preview.after.columnIndex(name).map { preview.after.columns[$0][row] } ?? .null))
                    }))
            }
            // A synthesized table's columns are all new.
            let transformed = preview.plan.mode == .synthesize ? names : preview.plan.columns.map(\.column).filter(names.contains)
            return PreviewAnswer(table: table, mode: preview.plan.mode.rawValue, columns: names, transformed: transformed, rows: rows)
        } catch {
            await job.close()
            throw error
        }
    }

    func changes() async throws -> [Change] {
        let (key, lifetime, _) = ReadCache.fingerprint(workspacePath: studio.workspacePath)
        return try await studio.cache.value("changes", key: key, lifetime: lifetime) { try await readChanges() }
    }

    func readChanges() async throws -> [Change] {
        try await withSource { workspace, source, schema in
            let drift = SchemaDrift(reviewed: workspace.reviewedSchema ?? ReviewedSchema(tables: []), actual: schema)
            let verdicts = try await Job.verdicts(drift.unreviewed, source: source, schema: schema)
            return drift.changes.map { change in
                Change(target: change.target, table: change.table, column: change.column, description: change.description, needsReview: change.needsReview,
                       finding: change.column.flatMap { Self.finding(verdicts["\(change.table).\($0)"]) })
            }
        }
    }

    /// The workspace's subset explained (`understudy subset --explain`); 404 without a `subset:` section.
    func explainSubset() async throws -> SubsetExplanation {
        let job = try await Job(workspace: try loadWorkspace(), path: studio.workspacePath, requireSecret: false, environment: studio.environment)
        do {
            guard let explanation = try await job.explainSubset() else {
                throw StudioError(status: .notFound, message: "the workspace has no `subset:` section; see docs/workspace.md")
            }
            await job.close()
            return explanation
        } catch {
            await job.close()
            throw error
        }
    }

    // MARK: changes

    func setColumn(_ table: String, _ column: String, _ change: ColumnChange) async throws {
        try await withSource { _, _, schema in
            guard let found = schema.table(named: table) else {
                throw StudioError(status: .notFound, message: "the source has no table \"\(table)\"\(Suggestion.hint(for: table, in: schema.tables.map(\.name)))")
            }
            guard found.column(named: column) != nil else {
                throw StudioError(status: .notFound, message: "table \(table) has no column \"\(column)\"\(Suggestion.hint(for: column, in: found.columns.map(\.name)))")
            }
            try WorkspaceEdits(path: studio.workspacePath, schema: schema).setColumn(table, column, generator: change.generator, parameters: (change.params ?? [:]).mapValues(\.parameter))
        }
        await studio.cache.clear()
    }

    func setMode(_ table: String, _ text: String) async throws {
        guard let mode = TableMode(rawValue: text), TableMode.available.contains(mode) else {
            throw StudioError(status: .unprocessableContent, message: "mode \"\(text)\" is not one of \(TableMode.available.map(\.rawValue).joined(separator: ", "))")
        }
        try await withSource { _, _, schema in
            guard schema.table(named: table) != nil else {
                throw StudioError(status: .notFound, message: "the source has no table \"\(table)\"\(Suggestion.hint(for: table, in: schema.tables.map(\.name)))")
            }
            try WorkspaceEdits(path: studio.workspacePath, schema: schema).setMode(table, mode)
        }
        await studio.cache.clear()
    }

    /// Checks the targets against the source (tables, lookup tables, each `where` run on its table
    /// without reading rows), then writes them; the file is read back as `run` reads it (a percent
    /// or a limit out of range is refused there, with the loader's located message).
    func setSubset(_ change: SubsetChange) async throws {
        guard !change.targets.isEmpty else {
            throw StudioError(status: .unprocessableContent, message: "name at least one target table to start the subset from, or DELETE /api/subset to copy every row")
        }
        try await withSource { _, source, schema in
            var targets: [SubsetSettings.Target] = []
            for (i, target) in change.targets.enumerated() {
                guard let table = schema.table(named: target.table) else {
                    throw StudioError(status: .notFound, message: "targets[\(i)]: the source has no table \"\(target.table)\"\(Suggestion.hint(for: target.table, in: schema.tables.map(\.name)))")
                }
                let predicate = target.where?.trimmingCharacters(in: .whitespacesAndNewlines)
                if let predicate, !predicate.isEmpty, let subsetSource = source as? any SubsetSource {
                    do {
                        try await subsetSource.check(predicate: predicate, of: table)
                    } catch {
                        throw StudioError(status: .unprocessableContent, message: "targets[\(i)].where does not run on \(table.name): \(error)")
                    }
                }
                targets.append(.init(table: table.name, predicate: predicate?.isEmpty == false ? predicate : nil, percent: target.percent, limit: target.limit))
            }
            for name in change.lookupTables ?? [] where schema.table(named: name) == nil {
                throw StudioError(status: .notFound, message: "lookup_tables: the source has no table \"\(name)\"\(Suggestion.hint(for: name, in: schema.tables.map(\.name)))")
            }
            try WorkspaceEdits(path: studio.workspacePath, schema: schema).setSubset(targets: targets, downstream: change.downstream, lookupTables: change.lookupTables)
        }
        await studio.cache.clear()
    }

    /// Every object of the source other than its tables, in the order `exclude_objects` lists
    /// kinds (then by name), with whether the workspace leaves it out.
    func objects() async throws -> [ObjectInfo] {
        try await withSource { workspace, _, schema in
            let excluded = RunPlanner.excludedObjects(workspace, in: schema)
            let order = DatabaseSchema.ObjectKind.all.map(\.description)
            return schema.objectLabels
                .map { ObjectInfo(kind: $0.kind.description, name: $0.name, excluded: excluded.contains("\($0.kind) \($0.name)")) }
                .sorted { (order.firstIndex(of: $0.kind) ?? order.count, $0.name) < (order.firstIndex(of: $1.kind) ?? order.count, $1.name) }
        }
    }

    func setExcludedObjects(_ labels: [String]) async throws {
        _ = try await withSource { _, _, schema in
            try WorkspaceEdits(path: studio.workspacePath, schema: schema).setExcludedObjects(labels)
        }
        await studio.cache.clear()
    }

    func removeSubset() async throws {
        try await withSource { _, _, schema in
            try WorkspaceEdits(path: studio.workspacePath, schema: schema).removeSubset()
        }
        await studio.cache.clear()
    }

    func acknowledge(_ request: Acknowledgement) async throws -> [Change] {
        let acknowledged = try await acknowledgeInFile(request)
        await studio.cache.clear()
        return acknowledged
    }

    private func acknowledgeInFile(_ request: Acknowledgement) async throws -> [Change] {
        try await withSource { workspace, _, schema in
            let drift = SchemaDrift(reviewed: workspace.reviewedSchema ?? ReviewedSchema(tables: []), actual: schema)
            let chosen: [SchemaDrift.Change]
            if request.all == true {
                chosen = drift.changes
            } else {
                let targets = request.columns ?? []
                guard !targets.isEmpty else { throw StudioError(status: .badRequest, message: "name the changes to acknowledge in columns (TABLE.COLUMN or TABLE), or send all: true") }
                do {
                    chosen = try drift.changes(matching: targets)
                } catch let unmatched as SchemaDrift.Unmatched {
                    throw StudioError(status: .unprocessableContent, message: unmatched.description)
                }
            }
            if let generator = request.generator, GeneratorRegistry.standard.definition(named: generator) == nil {
                throw StudioError(status: .unprocessableContent, message: "unknown generator \"\(generator)\"\(Suggestion.hint(for: generator, in: GeneratorRegistry.standard.names))")
            }
            try WorkspaceEdits(path: studio.workspacePath, schema: schema).acknowledge(chosen, generator: request.generator)
            return chosen.map { Change(target: $0.target, table: $0.table, column: $0.column, description: $0.description, needsReview: $0.needsReview, finding: nil) }
        }
    }
}

/// A JSON value: cells of previews and generator parameters.
enum JSONValue: Codable, Equatable, Sendable {
    case null, bool(Bool), int(Int64), double(Double), string(String), array([JSONValue]), object([String: JSONValue])

    init(_ value: Value) {
        switch value {
        case .null: self = .null
        case .integer(let i): self = .int(i)
        case .real(let d): self = d.isFinite ? .double(d) : .string(d.isNaN ? "NaN" : d > 0 ? "Infinity" : "-Infinity")
        case .text(let s): self = .string(s)
        case .blob(let bytes): self = .string("\\x" + bytes.map { String(format: "%02x", $0) }.joined())
        }
    }

    init(_ value: ParameterValue) {
        switch value {
        case .string(let s): self = .string(s)
        case .integer(let i): self = .int(Int64(i))
        case .number(let d): self = .double(d)
        case .boolean(let b): self = .bool(b)
        case .list(let l): self = .array(l.map(JSONValue.init))
        case .mapping(let m): self = .object(m.mapValues(JSONValue.init))
        }
    }

    /// As a generator parameter (validated by the planner afterwards, as a workspace's would be).
    var parameter: ParameterValue {
        switch self {
        case .null: .string("")
        case .bool(let b): .boolean(b)
        case .int(let i): .integer(Int(i))
        case .double(let d): .number(d)
        case .string(let s): .string(s)
        case .array(let a): .list(a.map(\.parameter))
        case .object(let o): .mapping(o.mapValues(\.parameter))
        }
    }

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let b = try? container.decode(Bool.self) { self = .bool(b) }
        else if let i = try? container.decode(Int64.self) { self = .int(i) }
        else if let d = try? container.decode(Double.self) { self = .double(d) }
        else if let s = try? container.decode(String.self) { self = .string(s) }
        else if let a = try? container.decode([JSONValue].self) { self = .array(a) }
        else { self = .object(try container.decode([String: JSONValue].self)) }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let b): try container.encode(b)
        case .int(let i): try container.encode(i)
        case .double(let d): try container.encode(d)
        case .string(let s): try container.encode(s)
        case .array(let a): try container.encode(a)
        case .object(let o): try container.encode(o)
        }
    }
}

/// The files in `Assets`, served by the binary (no CDN, no build step).
enum Assets {
    static func data(_ name: String) -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Assets"), let data = try? Data(contentsOf: url) else { return Data() }
        return data
    }
}
